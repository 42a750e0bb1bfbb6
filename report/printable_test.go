package report

import (
	"bytes"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
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

// TestTextWritersEscape: whatever a text writer prints through errWriter
// reaches the terminal with its controls escaped; newline and tab, which
// lay out the report, stay.
func TestTextWritersEscape(t *testing.T) {
	var buf bytes.Buffer
	ew := &errWriter{w: &buf}
	in := "unit \x1b[2J\u202e\tlevel\n"
	n, err := ew.Write([]byte(in))
	if err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(in))
	}
	if want := "unit \\x1b[2J\\u202e\tlevel\n"; buf.String() != want {
		t.Errorf("wrote %q, want %q", buf.String(), want)
	}
	// A gaps text with a control character in a unit name, which its
	// writer prints as it is.
	d := GapsJSON{GapsMeta: GapsMeta{Source: "s", At: "all", TieSource: "all"}}
	d.Ecosystem.Partners = 1
	d.Units = []analysis.UnitGaps{{ID: "u", Name: "name\x1b[31m", Level: graph.LevelTeam}}
	buf.Reset()
	if err := WriteGapsText(&buf, d); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsRune(buf.Bytes(), 0x1b) || !bytes.Contains(buf.Bytes(), []byte(`name\x1b[31m`)) {
		t.Errorf("gaps text carries a raw ESC:\n%q", buf.String())
	}
}
