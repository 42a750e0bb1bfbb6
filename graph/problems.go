package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong (or, for a Warning, doubtful) in a data set,
// with the place it was found.
type Problem struct {
	Pos     Pos
	Field   string // the column or field, "" for the whole record or file
	Message string
	Warning bool
	// Notice marks a note on how the data was read that is neither an
	// error nor a doubt, such as repeated records that were combined.
	Notice bool
	// More, when above 0, makes p stand for that many problems of its kind
	// (errors, warnings or notices) that were found but not kept: the rest
	// of a list that a Collector cut. Its String is "... and N more
	// problems"; Pos is that of the first of them.
	More int
}

// String formats p as "file:line: field: message", or
// "file:line: record.field: message" when the position names the record.
func (p Problem) String() string {
	if p.More > 0 {
		what := "problems"
		switch {
		case p.Warning:
			what = "warnings"
		case p.Notice:
			what = "notes"
		}
		if p.More == 1 {
			what = what[:len(what)-1]
		}
		return fmt.Sprintf("... and %d more %s", p.More, what)
	}
	var b strings.Builder
	if p.Pos.File != "" {
		writePrintable(&b, p.Pos.File)
		b.WriteByte(':')
		if p.Pos.Line > 0 {
			b.WriteString(strconv.Itoa(p.Pos.Line))
			b.WriteByte(':')
		}
		b.WriteByte(' ')
	}
	switch {
	case p.Pos.Record != "" && p.Field != "":
		b.WriteString(p.Pos.Record)
		b.WriteByte('.')
		b.WriteString(p.Field)
		b.WriteString(": ")
	case p.Pos.Record != "":
		b.WriteString(p.Pos.Record)
		b.WriteString(": ")
	case p.Field != "":
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	switch {
	case p.Warning:
		b.WriteString("warning: ")
	case p.Notice:
		b.WriteString("note: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// kind numbers the kinds of problems: errors 0, warnings 1, notices 2.
func (p Problem) kind() int {
	switch {
	case p.Warning:
		return 1
	case p.Notice:
		return 2
	}
	return 0
}

// MaxProblemsShown is how many problems of each kind (errors, warnings,
// notices) are listed before the count of the rest; a Collector keeps no
// more.
const MaxProblemsShown = 50

// Problems is a list of problems. As an error (see Err) it lists the first
// MaxProblemsShown errors, one a line, and then how many more there are. A
// list may end with the counts of problems left out (see Problem.More).
type Problems []Problem

// Errors returns the problems that are neither warnings nor notices.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning && !p.Notice {
			out = append(out, p)
		}
	}
	return out
}

// Notices returns the problems that are notices.
func (ps Problems) Notices() Problems {
	var out Problems
	for _, p := range ps {
		if p.Notice {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that are warnings.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Count returns the number of problems in ps, counting those left out.
func (ps Problems) Count() int {
	n := 0
	for _, p := range ps {
		if p.More > 0 {
			n += p.More
		} else {
			n++
		}
	}
	return n
}

// Shown returns ps as it is shown: the first MaxProblemsShown problems of
// each kind, then the count of the rest of each kind (see Collector).
func (ps Problems) Shown() Problems {
	var c Collector
	c.AddAll(ps)
	return c.Problems()
}

// Err returns the errors of ps as a *ValidationError, or nil when there are
// only warnings or nothing.
func (ps Problems) Err() error {
	errs := ps.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Problems: errs}
}

// ValidationError is the error of a data set that did not validate. It holds
// the problems found, not only the first: all of them, or, when they were
// gathered by a Collector, the first MaxProblemsShown and the count of the
// rest.
type ValidationError struct {
	Problems Problems
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	n := e.Problems.Count()
	fmt.Fprintf(&b, "%d problem", n)
	if n != 1 {
		b.WriteByte('s')
	}
	b.WriteString(" in the data:")
	shown := 0
	for _, p := range e.Problems {
		if p.More > 0 {
			continue
		}
		if shown == MaxProblemsShown {
			break
		}
		b.WriteString("\n")
		b.WriteString(p.String())
		shown++
	}
	if n > shown {
		b.WriteString("\n")
		b.WriteString(Problem{More: n - shown}.String())
	}
	return b.String()
}

// Collector gathers problems as they are shown: it keeps the first
// MaxProblemsShown of each kind (errors, warnings, notices), in the order
// they come, and only counts the rest, so that a data set with millions of
// problems takes the memory and time of a few. The zero Collector is empty
// and ready to use.
type Collector struct {
	list  Problems
	kept  [3]int // problems kept, by kind
	more  [3]int // problems counted only, by kind
	first [3]Pos // of the first problem counted only, by kind
}

// Add adds p. A p that stands for problems left out (see Problem.More)
// adds to the count of its kind.
func (c *Collector) Add(p Problem) {
	k := p.kind()
	switch {
	case p.More > 0:
		c.count(k, p.More, p.Pos)
	case c.kept[k] < MaxProblemsShown:
		c.list = append(c.list, p)
		c.kept[k]++
	default:
		c.count(k, 1, p.Pos)
	}
}

// Addf adds p with the message format and args, which are formatted only
// when p is kept: a suggestion (a fmt.Stringer) among them is looked for
// only for a problem that is shown.
func (c *Collector) Addf(p Problem, format string, args ...any) {
	k := p.kind()
	if c.kept[k] >= MaxProblemsShown {
		c.count(k, 1, p.Pos)
		return
	}
	p.Message = fmt.Sprintf(format, args...)
	c.list = append(c.list, p)
	c.kept[k]++
}

// count counts n problems of kind k left out, the first at pos.
func (c *Collector) count(k, n int, pos Pos) {
	if c.more[k] == 0 {
		c.first[k] = pos
	}
	c.more[k] += n
}

// AddAll adds the problems of ps in order.
func (c *Collector) AddAll(ps Problems) {
	for _, p := range ps {
		c.Add(p)
	}
}

// Errors returns the number of errors added, kept or not.
func (c *Collector) Errors() int { return c.kept[0] + c.more[0] }

// Cut reports whether errors were left out.
func (c *Collector) Cut() bool { return c.more[0] > 0 }

// CutAt returns the place of the first error left out (see Cut).
func (c *Collector) CutAt() Pos { return c.first[0] }

// Problems returns the problems kept, in order, followed by the count of
// those left out of each kind (errors, warnings, notices), if any.
func (c *Collector) Problems() Problems {
	out := slices.Clip(c.list)
	for k, n := range c.more {
		if n > 0 {
			out = append(out, Problem{Pos: c.first[k], More: n, Warning: k == 1, Notice: k == 2})
		}
	}
	return out
}
