// Package progress shows how far a long read or analysis is, as a bar on
// a terminal (github.com/schollz/progressbar/v3). It implements
// importers.Progress; a Bar shows nothing for work that ends within its
// delay, so that quick commands print exactly what they did before.
package progress

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Delay is how long work runs before its bar is shown: about a second, so
// that only work a user waits for shows one.
const Delay = time.Second

// Bar shows the progress of one piece of work at a time on a terminal:
// Start begins a piece (a new bar), Add tells how far it is, Done ends it
// and clears the bar. A nil *Bar does nothing, so that a command passes
// one whether or not progress is shown. Its methods may be called from
// any goroutine.
type Bar struct {
	w     io.Writer
	delay time.Duration

	mu    sync.Mutex
	label string
	total int64 // -1: unknown, a spinner
	n     int64
	bar   *progressbar.ProgressBar // once shown
	stop  chan struct{}            // ends the goroutine that shows the bar
}

// New returns a Bar that writes to w after delay.
func New(w io.Writer, delay time.Duration) *Bar {
	return &Bar{w: w, delay: delay}
}

// IsTerminal reports whether w is a terminal a bar may be drawn on: a
// file or a pipe should not get its control characters, nor a terminal
// whose TERM is dumb.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("TERM") != "dumb"
}

// Start begins a piece of work named label, of total units (-1 when not
// known: a spinner); a piece not Done is ended first.
func (b *Bar) Start(label string, total int64) {
	if b == nil {
		return
	}
	b.Done()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.label, b.total, b.n = label, total, 0
	b.stop = make(chan struct{})
	go b.show(b.stop)
}

// show shows the bar once the delay is over, and redraws it, until stop
// is closed.
func (b *Bar) show(stop chan struct{}) {
	select {
	case <-stop:
		return
	case <-time.After(b.delay):
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		b.mu.Lock()
		if b.stop != stop { // Done already
			b.mu.Unlock()
			return
		}
		if b.bar == nil {
			b.bar = progressbar.NewOptions64(b.total,
				progressbar.OptionSetWriter(b.w),
				progressbar.OptionSetDescription(b.label),
				progressbar.OptionSetWidth(30),
				progressbar.OptionClearOnFinish(),
				progressbar.OptionSetElapsedTime(true),
				progressbar.OptionSetPredictTime(b.total > 0),
				progressbar.OptionSpinnerType(14),
				// Redrawn here: the library's own spinner goroutine races
				// with Finish (v3.19.1).
				progressbar.OptionSetSpinnerChangeInterval(0),
			)
			_ = b.bar.RenderBlank()
		}
		if b.total < 0 {
			_ = b.bar.RenderBlank() // the spinner turns
		} else {
			_ = b.bar.Set64(b.n)
		}
		b.mu.Unlock()
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// Add tells that n more units of the work are done.
func (b *Bar) Add(n int64) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.n += n
	b.mu.Unlock()
}

// Done ends the piece of work: its bar, if shown, is cleared.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stop == nil {
		return
	}
	close(b.stop)
	b.stop = nil
	if b.bar != nil {
		_ = b.bar.Finish() // clears the line
		b.bar = nil
	}
}

// Spin shows a spinner labelled label until the returned function is
// called: for work whose progress is not counted (an analysis, a store
// import).
func (b *Bar) Spin(label string) (done func()) {
	if b == nil {
		return func() {}
	}
	b.Start(label, -1)
	return b.Done
}
