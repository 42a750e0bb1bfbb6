package report

import (
	"encoding/csv"
	"io"
	"strings"
)

// SafeCell makes a cell safe to open in a spreadsheet (CSV injection,
// OWASP): a value that starts with =, +, -, @, a tab or a carriage return
// would be read by Excel, LibreOffice or Google Sheets as a formula, so it
// is prefixed with a single quote, which they show as text. A number as
// ecoscope writes one (an optional minus, digits, an optional fraction and
// exponent: -0.5, 1e-06, -3) is left alone: it is a number, not a formula.
// A leading + is never a number here (ecoscope does not write one), so +1
// is quoted.
//
// Every CSV ecoscope writes passes every cell through SafeCell (CSV.Row);
// a reader that needs the original text drops one leading quote from a
// cell that starts with '= '+ '- '@ or a quote followed by a tab or CR.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	case '-':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a decimal number as strconv.FormatFloat
// ('g', -1) or strconv.Itoa writes it: -?digits(.digits)?(e[+-]?digits)?.
// Inf, NaN, hexadecimal and underscores are not numbers here.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// CSV writes rows of a CSV file, every cell made safe by SafeCell, and
// remembers the first error. Every CSV writer of ecoscope (metrics,
// growth, history, the export's CSV folder) writes through it, so that no
// writer can forget a cell.
type CSV struct {
	w   *csv.Writer
	buf []string
}

// NewCSV returns a CSV writing to w.
func NewCSV(w io.Writer) *CSV { return &CSV{w: csv.NewWriter(w)} }

// Row writes one row; the cells are made safe first.
func (c *CSV) Row(cells ...string) {
	c.buf = c.buf[:0]
	for _, s := range cells {
		c.buf = append(c.buf, SafeCell(s))
	}
	_ = c.w.Write(c.buf)
}

// Flush writes what is buffered and returns the first error.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// csvWriter is the writer of this package's CSV outputs: a CSV.
type csvWriter struct{ c *CSV }

func newCSV(w io.Writer) *csvWriter { return &csvWriter{NewCSV(w)} }

func (c *csvWriter) row(cells ...string) { c.c.Row(cells...) }

func (c *csvWriter) flush() error { return c.c.Flush() }

// joinTypes joins list items with ";" for one CSV cell.
func joinTypes[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ";")
}
