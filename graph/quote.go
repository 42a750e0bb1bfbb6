package graph

import "strconv"

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
