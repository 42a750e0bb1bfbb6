package graph

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxQuoted is how many characters of a value from the data a message
// quotes (see Quote).
const MaxQuoted = 80

// Quote returns s as a message shows a value from the data: in double
// quotes, with control characters, characters that are not printable and
// bytes that are not UTF-8 escaped as in Go (\x00, \x1b, \n, \u202e), and
// cut after MaxQuoted characters with "…" before the closing quote. A
// short value is quoted as %q quotes it.
func Quote(s string) string {
	n := 0
	for i := range s { // i steps over characters; a byte that is not UTF-8 is one
		if n == MaxQuoted {
			q := strconv.Quote(s[:i])
			return q[:len(q)-1] + `…"`
		}
		n++
	}
	return strconv.Quote(s)
}

// writePrintable writes s, a file name, to b with the characters that Quote
// would escape escaped, but without quotes.
func writePrintable(b *strings.Builder, s string) {
	for i, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			q := strconv.Quote(s[i:])
			b.WriteString(q[1 : len(q)-1]) // the rest, escaped
			return
		}
		b.WriteRune(r)
	}
}
