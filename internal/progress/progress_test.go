package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the bar's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBarDelay: work that ends within the delay shows nothing; longer
// work shows its label and how far it is, and clears the line at the end.
func TestBarDelay(t *testing.T) {
	var w syncBuffer
	b := New(&w, 200*time.Millisecond)
	b.Start("quick", 10)
	b.Add(10)
	b.Done()
	if w.String() != "" {
		t.Errorf("quick work shows %q", w.String())
	}
	b.Start("reading eco.graphml", 100)
	b.Add(40)
	time.Sleep(500 * time.Millisecond)
	b.Add(60)
	b.Done()
	out := w.String()
	if !strings.Contains(out, "reading eco.graphml") || !strings.Contains(out, "40%") {
		t.Errorf("long work shows %q", out)
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("the bar is not cleared at the end: %q", out)
	}
	// A spinner, and a second piece after the first.
	done := b.Spin("metrics")
	time.Sleep(400 * time.Millisecond)
	done()
	if !strings.Contains(strings.TrimPrefix(w.String(), out), "metrics") {
		t.Errorf("spinner shows %q", w.String())
	}
}

// TestNilBar: a nil Bar (no terminal, or --quiet) does nothing.
func TestNilBar(t *testing.T) {
	var b *Bar
	b.Start("x", 1)
	b.Add(1)
	b.Done()
	b.Spin("y")()
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
}
