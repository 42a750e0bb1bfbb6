package graph

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzParseDate: a date that parses prints as it was written (trimmed)
// and parses back to itself, its period is not empty, and an error is
// short and printable.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019", "2019-03", "2024-02-29", " 2018-11-05 ", "", "2019-13", "2023-02-30",
		"13-03-2019", "2019-1", "0000", "9999-12-31", "2019-00", "+201", "２０１９", "2019-03-15T10:00", "2019\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if msg := err.Error(); len(msg) > 400 || strings.IndexFunc(msg, unicode.IsControl) >= 0 || !strings.HasPrefix(msg, "invalid date ") {
				t.Errorf("ParseDate(%q) error %q: want a short printable message", s, msg)
			}
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) = %v with an error", s, d)
			}
			return
		}
		if got := d.String(); got != strings.TrimSpace(s) {
			t.Errorf("ParseDate(%q).String() = %q", s, got)
		}
		if d2, err := ParseDate(d.String()); err != nil || d2 != d {
			t.Errorf("ParseDate(%q) = %v, but ParseDate(%q) = %v, %v", s, d, d.String(), d2, err)
		}
		if !d.IsZero() && (d.Start() > d.End() || d.Start()/10000 != d.Year() || d.Time().Year() != d.Year()) {
			t.Errorf("ParseDate(%q): start %d, end %d, year %d", s, d.Start(), d.End(), d.Year())
		}
	})
}
