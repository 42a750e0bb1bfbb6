package report

import (
	"strings"
	"unicode/utf8"
)

// table is an aligned text table. Every table of the text reports is
// written through it: each row starts with indent, columns are two spaces
// apart, a column is left- or right-aligned and at least as wide as its
// minimum, and no line ends in spaces. Widths count runes.
type table struct {
	indent string
	// right marks the right-aligned columns, and every column from
	// rightFrom on (when it is ≥ 0) is right-aligned too; the others are
	// left-aligned.
	right     map[int]bool
	rightFrom int
	// min gives the minimum width of some columns.
	min  map[int]int
	rows [][]string
}

// newTable returns a table whose rows start with indent; right lists the
// right-aligned columns.
func newTable(indent string, right ...int) *table {
	t := &table{indent: indent, right: map[int]bool{}, rightFrom: -1, min: map[int]int{}}
	for _, c := range right {
		t.right[c] = true
	}
	return t
}

// numeric returns a table whose first column is left-aligned and the others
// right-aligned: a label and its numbers.
func numeric(indent string) *table {
	t := newTable(indent)
	t.rightFrom = 1
	return t
}

// allRight returns a table whose columns are all right-aligned.
func allRight(indent string) *table {
	t := newTable(indent)
	t.rightFrom = 0
	return t
}

// minWidth sets the minimum width of column c.
func (t *table) minWidth(c, w int) *table {
	t.min[c] = w
	return t
}

// add adds a row.
func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write writes the rows to ew.
func (t *table) write(ew *errWriter) {
	var width []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, t.min[i])
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		b.Reset()
		b.WriteString(t.indent)
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if t.right[i] || (t.rightFrom >= 0 && i >= t.rightFrom) {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		ew.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
}
