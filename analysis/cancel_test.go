package analysis

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
)

// countdownCtx is a context whose Err becomes context.Canceled after it
// has been asked n times: it cancels an analysis part way through, at a
// point that does not depend on timing.
type countdownCtx struct {
	context.Context
	left atomic.Int64
	done chan struct{}
	once sync.Once
}

func newCountdownCtx(n int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *countdownCtx) Done() <-chan struct{} { return c.done }

func (c *countdownCtx) Err() error {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

// TestCancel checks that the node and network metrics stop when their
// context is done, before and part way through, and return its error (issue
// 8: Ctrl-C did nothing during a long analysis); package network tests its
// long node metrics one by one.
func TestCancel(t *testing.T) {
	e := generate.Ecosystem(generate.Options{Partners: 3000, Seed: 2, NetworkOnly: true})
	net := New(e, Options{})
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	runs := map[string]func(ctx context.Context) error{
		"node metrics": func(ctx context.Context) error { _, _, err := NodeMetricsOf(ctx, net, MetricsOptions{}); return err },
		"node metrics, approximate betweenness": func(ctx context.Context) error {
			_, _, err := NodeMetricsOf(ctx, net, MetricsOptions{Approx: 0.05})
			return err
		},
		"network metrics": func(ctx context.Context) error { _, err := NetworkMetricsOf(ctx, e, net, MetricsOptions{}); return err },
	}
	for name, run := range runs {
		if err := run(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled before: err = %v, want context.Canceled", name, err)
		}
		// Part way: after a few checks.
		if err := run(newCountdownCtx(5)); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled part way: err = %v, want context.Canceled", name, err)
		}
		if err := run(context.Background()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
