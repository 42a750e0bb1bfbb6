package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTextEscapesControlCharacters: terminal escape sequences in the data
// (ESC[31m, BEL, a bidi override) were printed raw in gaps and check text
// (issue 9). Every text output shows them escaped, on stdout and in the
// notes on stderr.
func TestTextEscapesControlCharacters(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"partners.csv":    "id,name,helix,kind\na,\x1b[31mRed\x07 Corp,industry,\x1b[1mbv\nb,Uni\u202e,academia,hogeschool\nc,Gemeente,government,gemeente\n",
		"units.csv":       "id,name,level,since\nt\x1b[2J,Team \x1b[5mBlink,team,2020\neco,Eco\x07,ecosystem,2019\n",
		"memberships.csv": "unit,member,since\nt\x1b[2J,a,2020\nt\x1b[2J,b,2020\neco,a,2019\neco,b,2019\neco,c,2019\n",
		"ties.csv":        "source,target,type,since,directed\na,b,\x1b[0madvies,2020,true\nb,c,x,2021,\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"report"}, {"report", "--units", "all"}, {"gaps"}, {"check"}, {"check", "--lang", "nl"}, {"values"},
		{"growth"}, {"diff", "--at", "2019", "--at", "2021"},
	} {
		r := ecoscope(t, nil, append(args, "--from", dir)...)
		if r.code != exitOK {
			t.Errorf("%s: exit %d\n%s", strings.Join(args, " "), r.code, r.err)
			continue
		}
		for stream, out := range map[string]string{"stdout": r.stdout, "stderr": r.err} {
			for _, c := range out {
				if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == '\u202e' {
					t.Errorf("%s: %s carries the raw control character %U:\n%q", strings.Join(args, " "), stream, c, out)
					break
				}
			}
		}
	}
}
