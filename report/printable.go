package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s safe to print on a terminal: control characters
// (C0 such as ESC, newline and tab, DEL, C1), the characters that reorder
// text (bidirectional controls such as U+202E) and bytes that are not
// UTF-8 are written as Go escapes (\x1b, \n, \u202e), so that a name in the
// data can neither drive the terminal nor break a line or a table. Other
// text, accents and all, is left as it is.
func Printable(s string) string {
	if !needsEscape(s, false) {
		return s
	}
	var b strings.Builder
	writePrintable(&b, s, false)
	return b.String()
}

// unsafeRune reports whether r must not reach a terminal as it is; with
// layout, newline and tab may (they lay out a text report).
func unsafeRune(r rune, layout bool) bool {
	if layout && (r == '\n' || r == '\t') {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// shortEscape are the escapes Go writes as a letter.
var shortEscape = map[rune]string{'\a': `\a`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`, '\v': `\v`}

func needsEscape(s string, layout bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unsafeRune(r, layout) {
			return true
		}
		i += n
	}
	return false
}

func writePrintable(b *strings.Builder, s string, layout bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(b, `\x%02x`, s[i])
		case !unsafeRune(r, layout):
			b.WriteString(s[i : i+n])
		case shortEscape[r] != "":
			b.WriteString(shortEscape[r])
		case r < 0x100:
			fmt.Fprintf(b, `\x%02x`, r)
		default:
			fmt.Fprintf(b, `\u%04x`, r)
		}
		i += n
	}
}
