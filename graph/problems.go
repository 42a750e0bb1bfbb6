package graph

import (
	"fmt"
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
}

// String formats p as "file:line: field: message".
func (p Problem) String() string {
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
	if p.Field != "" {
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

// MaxProblemsShown is how many problems the message of a Problems error lists
// before it gives the count of the rest.
const MaxProblemsShown = 50

// Problems is a list of problems. As an error (see Err) it lists the first
// MaxProblemsShown errors, one a line, and then how many more there are.
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
// every problem found, not only the first.
type ValidationError struct {
	Problems Problems
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	fmt.Fprintf(&b, "%d problem", n)
	if n != 1 {
		b.WriteByte('s')
	}
	b.WriteString(" in the data:")
	for i, p := range e.Problems {
		if i == MaxProblemsShown {
			fmt.Fprintf(&b, "\n... and %d more problems", n-MaxProblemsShown)
			break
		}
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}
