package report

import (
	"encoding/csv"
	"io"
	"strings"
)

// SafeCell makes a text cell safe to open in a spreadsheet: a value that
// starts with =, +, -, @, a tab or a carriage return would be read as a
// formula (CSV injection, OWASP), so it is prefixed with a single quote.
// Numbers written by the report are never passed through it.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvWriter writes rows and remembers the first error.
type csvWriter struct {
	w *csv.Writer
}

func newCSV(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (c *csvWriter) row(cells ...string) { _ = c.w.Write(cells) }

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// joinTypes joins list items with ";" for one CSV cell.
func joinTypes[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ";")
}
