package report

import (
	"bytes"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Energiecoöperatie Zandhoven", "Energiecoöperatie Zandhoven"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"two\nlines\ttab\r", `two\nlines\ttab\r`},
		{"del\x7f c1\u009b", `del\x7f c1\x9b`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"bad \xff byte", `bad \xff byte`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTextReportHasNoControlCharacters: names, ids and kinds from the data
// reach the text report escaped; the report's own newlines stay.
func TestTextReportHasNoControlCharacters(t *testing.T) {
	const esc = "\x1b]0;pwned\x07\x1b[2J"
	e := &graph.Ecosystem{
		Name:        "name" + esc,
		Partners:    []graph.Partner{{ID: "p" + esc, Helix: graph.Academia, Kind: "kind" + esc + "\nsecond line"}},
		Units:       []graph.Unit{{ID: "u" + esc, Level: graph.LevelTeam, Form: graph.FormInnovationTeam}},
		Memberships: []graph.Membership{{Unit: "u" + esc, Member: "p" + esc}},
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, Build(e, Meta{Source: "src" + esc, Unit: "u" + esc}, Options{}), TextOptions{Units: AllUnits}); err != nil {
		t.Fatal(err)
	}
	for i, c := range buf.Bytes() {
		if (c < 0x20 && c != '\n') || c == 0x7f {
			t.Fatalf("byte %#x at %d in the text report:\n%s", c, i, buf.String())
		}
	}
	for _, want := range []string{`name\x1b]0;pwned\a`, `kind\x1b]0;pwned\a\x1b[2J\nsecond line`, `u\x1b]0;pwned`} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("report lacks %s:\n%s", want, buf.String())
		}
	}
}
