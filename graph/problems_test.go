package graph

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// counter is a fmt.Stringer that counts how often it is formatted.
type counter struct{ n *int }

func (c counter) String() string { *c.n++; return "x" }

func TestCollector(t *testing.T) {
	var c Collector
	formatted := 0
	for i := range 120 {
		c.Addf(Problem{Pos: Pos{File: "f", Line: i + 1}}, "error %d %s", i, counter{&formatted})
		if i%2 == 0 {
			c.Addf(Problem{Warning: true}, "warning %d", i)
		}
	}
	c.Add(Problem{Notice: true, Message: "note"})
	c.Add(Problem{More: 5}) // five errors left out elsewhere
	if formatted != MaxProblemsShown {
		t.Errorf("formatted %d messages, want %d: only those kept", formatted, MaxProblemsShown)
	}
	ps := c.Problems()
	if got, want := len(ps), 50+50+1+2; got != want {
		t.Errorf("kept %d problems, want %d", got, want)
	}
	if got, want := ps.Count(), 125+60+1; got != want {
		t.Errorf("Count = %d, want %d", got, want)
	}
	if got, want := ps.Errors().Count(), 125; got != want {
		t.Errorf("errors = %d, want %d", got, want)
	}
	last := ps[len(ps)-2:]
	if got, want := last[0].String()+"|"+last[1].String(), "... and 75 more problems|... and 10 more warnings"; got != want {
		t.Errorf("counts of the rest: %q, want %q", got, want)
	}
	if !c.Cut() || c.Errors() != 125 {
		t.Errorf("Cut, Errors = %v, %d; want true, 125", c.Cut(), c.Errors())
	}
	msg := strings.Split(ps.Err().Error(), "\n")
	if len(msg) != 1+50+1 || msg[0] != "125 problems in the data:" || msg[50] != "f:50: error 49 x" || msg[51] != "... and 75 more problems" {
		t.Errorf("error message: %d lines, %q … %q", len(msg), msg[0], msg[len(msg)-1])
	}
	// Two cut lists joined and shown: the first 50 of each kind, in order.
	both := append(append(Problems{}, ps...), ps...)
	shown := both.Shown()
	if got, want := shown.Count(), 2*ps.Count(); got != want {
		t.Errorf("Shown().Count() = %d, want %d", got, want)
	}
	if got := len(shown.Errors()); got != 51 {
		t.Errorf("Shown() kept %d errors and counts, want 50 and one count", got)
	}
	if got, want := (Problem{More: 1, Notice: true}).String(), "... and 1 more note"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// heldBy returns the bytes of the heap that the result of f holds; check
// looks at the result in between.
func heldBy[T any](f func() T, check func(T)) int64 {
	var with, without runtime.MemStats
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&with)
	check(v)
	var zero T
	v = zero
	runtime.GC()
	runtime.ReadMemStats(&without)
	runtime.KeepAlive(v)
	return int64(with.HeapAlloc) - int64(without.HeapAlloc)
}

// TestValidateKeepsShown: Validate keeps the problems that are shown and
// counts the rest (issue 9: every problem was kept; 10 MB of bad records
// took 2.1 GB).
func TestValidateKeepsShown(t *testing.T) {
	const n = 200_000
	e := &Ecosystem{Partners: []Partner{{ID: "partner-0001"}, {ID: "partner-0002"}}}
	for i := range n {
		e.Ties = append(e.Ties, Tie{Source: "partner-0001", Target: fmt.Sprintf("partner-%04d", 3+i), Pos: Pos{File: "t.csv", Line: i + 2}})
	}
	b := heldBy(e.Validate, func(ps Problems) {
		if got := ps.Count(); got != n {
			t.Errorf("Count = %d, want %d", got, n)
		}
		if len(ps) > MaxProblemsShown+1 {
			t.Errorf("kept %d problems, want at most %d and the count of the rest", len(ps), MaxProblemsShown+1)
		}
		msg := ps.Err().Error()
		if !strings.HasPrefix(msg, "200000 problems in the data:\n") || !strings.HasSuffix(msg, "\n... and 199950 more problems") {
			t.Errorf("error message %.100q … %q", msg, msg[len(msg)-40:])
		}
		if got, want := ps[0].Message, `unknown partner or person "partner-0003"; did you mean "partner-0001"?`; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	if b > 1<<20 {
		t.Errorf("the problems of Validate hold %d MB, want at most 1 MB for %d errors", b>>20, n)
	}
}
