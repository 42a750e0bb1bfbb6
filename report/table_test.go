package report

import (
	"bytes"
	"testing"
)

func TestTable(t *testing.T) {
	tests := []struct {
		name string
		t    *table
		rows [][]string
		want string
	}{
		{"left", newTable("  "), [][]string{{"a", "bb", "c"}, {"ddd", "e", ""}},
			"  a    bb  c\n  ddd  e\n"},
		{"numeric", numeric(""), [][]string{{"year", "1", "22"}, {"x", "333", "4"}},
			"year    1  22\nx     333   4\n"},
		{"all right", allRight("  "), [][]string{{"d", "10"}, {"2021", "5"}},
			"     d  10\n  2021   5\n"},
		{"minimum widths", numeric("  ").minWidth(1, 5).minWidth(2, 6), [][]string{{"academia", "3", "12.5%"}},
			"  academia      3   12.5%\n"},
		{"runes", newTable(""), [][]string{{"coöperatie", "x"}, {"ab", "y"}},
			"coöperatie  x\nab          y\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		ew := &errWriter{w: &buf}
		for _, r := range tt.rows {
			tt.t.add(r...)
		}
		tt.t.write(ew)
		if buf.String() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, buf.String(), tt.want)
		}
	}
}
