package graph

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("é", 100)
	tests := []struct{ in, want string }{
		{"p1", `"p1"`},
		{"", `""`},
		{`a "b"`, `"a \"b\""`},
		{"nul\x00 esc\x1b[31m", `"nul\x00 esc\x1b[31m"`},
		{"cr\r lf\n tab\t", `"cr\r lf\n tab\t"`},
		{"caf\xe9", `"caf\xe9"`},
		{"rtl\u202eevil", `"rtl\u202eevil"`},
		{strings.Repeat("x", MaxQuoted), `"` + strings.Repeat("x", MaxQuoted) + `"`},
		{strings.Repeat("x", MaxQuoted+1), `"` + strings.Repeat("x", MaxQuoted) + `…"`},
		{long, `"` + strings.Repeat("é", MaxQuoted) + `…"`},
		{strings.Repeat("\x00", 1000), `"` + strings.Repeat(`\x00`, MaxQuoted) + `…"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%.40q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	for _, s := range []string{"p1", "a\tb", "\x01", "日本"} {
		if got, want := Quote(s), fmt.Sprintf("%q", s); got != want {
			t.Errorf("Quote(%q) = %s, want %s as %%q gives", s, got, want)
		}
	}
}

// checkShort fails unless every problem message is short and printable:
// a value from the data is quoted cut and escaped (issue 9). Four quoted
// values of MaxQuoted characters, each escaped as \x00 (4 bytes), and the
// words around them take less than 1500 bytes.
func checkShort(t *testing.T, ps Problems) {
	t.Helper()
	for _, p := range ps {
		s := p.String()
		if len(s) > 1500 {
			t.Errorf("a problem of %d bytes: %.200s…", len(s), s)
		}
		if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
			t.Errorf("a problem with control character %q: %.200q", s[i], s)
		}
	}
}

// TestValidateQuotesValues: every message of Validate and Combine quotes
// the values of the data cut and escaped (issue 9: a 100 KB header with NUL
// bytes was printed whole).
func TestValidateQuotesValues(t *testing.T) {
	// Long enough to be cut, short enough that suggesting an id for them
	// costs little (TestSuggestLongValues is about that).
	big := strings.Repeat("x", 2000)
	ctl := strings.Repeat("a\x00\x1b[31m", 300)
	e := &Ecosystem{
		Partners: []Partner{{ID: big, Pos: pos(2)}, {ID: big, Pos: pos(3)}, {ID: ctl, Pos: pos(4)}},
		People:   []Person{{ID: big, Partner: ctl + "y", Pos: pos(2)}},
		Units: []Unit{
			{ID: big, Level: LevelTeam, Parent: ctl, Pos: pos(2)},
			{ID: ctl, Level: LevelTeam, Parent: big, Pos: pos(3)},
			{ID: "u", Level: LevelTeam, Parent: big + "z", Pos: pos(4)},
		},
		Memberships: []Membership{{Unit: ctl + "z", Member: big + "z", Pos: pos(2)}},
		Ties:        []Tie{{Source: ctl, Target: big + "z", Pos: pos(2)}, {Source: big, Target: big, Pos: pos(3)}},
		Values:      []Value{{Reporter: ctl + "z", Unit: big + "z", Cycle: CycleApplied, Pos: pos(2)}},
	}
	ps := e.Validate()
	if len(ps) < 10 {
		t.Fatalf("got %d problems, want every one of them: %v", len(ps), ps)
	}
	checkShort(t, ps)

	c := &Ecosystem{
		Partners: []Partner{{ID: big}, {ID: ctl}},
		Ties: []Tie{
			{Source: big, Target: ctl, Type: ctl, ID: big, Weight: 1},
			{Source: ctl, Target: big, Type: ctl, ID: big, Weight: 1, Directed: true}, // the same key
		},
	}
	_, cps := c.Combine()
	if len(cps) != 1 {
		t.Fatalf("Combine: got %v, want a conflict", cps)
	}
	checkShort(t, cps)

	for _, s := range []string{big, ctl, "2019-" + big} {
		if _, err := ParseDate(s); err == nil || len(err.Error()) > 500 || strings.ContainsRune(err.Error(), 0) {
			t.Errorf("ParseDate(%.20q…) error of %d bytes: %.200v", s, len(err.Error()), err)
		}
		if _, err := ParseHelix(s); err == nil || len(err.Error()) > 600 || strings.ContainsRune(err.Error(), 0) {
			t.Errorf("ParseHelix(%.20q…) error of %d bytes: %.200v", s, len(err.Error()), err)
		}
	}
}
