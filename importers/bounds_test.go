package importers

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// heldBy returns the bytes of the heap that the result of f holds; check
// looks at the result in between.
func heldBy[T any](f func() T, check func(T)) int64 {
	var with, without runtime.MemStats
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&with)
	check(v)
	var zero T
	v = zero
	runtime.GC()
	runtime.ReadMemStats(&without)
	runtime.KeepAlive(v)
	return int64(with.HeapAlloc) - int64(without.HeapAlloc)
}

// TestReadKeepsShown: reading keeps the problems shown and counts the rest
// (issue 9: a 10 MB {"partners":[1,1,…]} took 2.1 GB and 42 s, nearly all
// of it problems).
func TestReadKeepsShown(t *testing.T) {
	const n = 200_000
	var b strings.Builder
	b.WriteString("id,helix\n")
	for i := range n {
		fmt.Fprintf(&b, "p%d,nohelix%d\n", i, i)
	}
	dir := writeData(t, map[string]string{"partners.csv": b.String()})
	doc := `{"partners": [` + strings.Repeat("1,", n-1) + `1]}`
	tests := []struct {
		name string
		read func() graph.Problems
		last string
	}{
		{"csv", func() graph.Problems { _, ps, _ := ReadCSVDir(dir); return ps },
			`data/partners.csv:51: helix: unknown helix type "nohelix49"; did you mean "academia"? (valid: academia, industry, government, civil_society, environment, unknown)`},
		{"json", func() graph.Problems { _, ps, _ := ReadJSON(strings.NewReader(doc), "eco.json"); return ps },
			`eco.json:1: partners[49]: want an object, not the number 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			held := heldBy(tt.read, func(ps graph.Problems) {
				if got := ps.Count(); got != n {
					t.Errorf("Count = %d, want %d", got, n)
				}
				if len(ps) > graph.MaxProblemsShown+1 {
					t.Errorf("kept %d problems, want at most %d and the count of the rest", len(ps), graph.MaxProblemsShown+1)
				}
				msg := strings.Split(ps.Err().Error(), "\n")
				if msg[0] != "200000 problems in the data:" || msg[50] != tt.last || msg[51] != "... and 199950 more problems" {
					t.Errorf("error message:\n%s\n%s\n%s", msg[0], msg[50], msg[len(msg)-1])
				}
			})
			if held > 1<<20 {
				t.Errorf("the problems hold %d MB, want at most 1 MB", held>>20)
			}
		})
	}
}

// TestCutSkipsValidate: when reading found more errors than are shown, the
// data set is not checked as a whole (its problems would not be shown);
// otherwise it is, and Validate's echo of a field that could not be read
// is left out.
func TestCutSkipsValidate(t *testing.T) {
	for _, bad := range []int{10, 60} {
		var b strings.Builder
		b.WriteString("id,level\n")
		for i := range bad {
			fmt.Fprintf(&b, "u%d,nolevel\n", i) // each also "empty level and form" for Validate
		}
		dir := writeData(t, map[string]string{
			"partners.csv":    "id\np1\n",
			"units.csv":       b.String(),
			"memberships.csv": "unit,member\nu0,nobody\n",
		})
		_, ps, _ := ReadCSVDir(dir)
		want := bad
		if bad <= graph.MaxProblemsShown {
			want++ // the unknown member
		}
		if got := ps.Count(); got != want {
			t.Errorf("%d bad levels: got %d problems, want %d:\n%s", bad, got, want, strings.Join(lines(ps), "\n"))
		}
	}
}

// TestMaxRecords: a data set of more records than ecoscope reads is refused
// before its records fill memory (issue 9: 13 million one-column partners,
// 106 MB, took 2.3 GB; 35 million {} in 100 MB of JSON ran out of memory).
func TestMaxRecords(t *testing.T) {
	defer func(n int) { maxRecords = n }(maxRecords)
	maxRecords = 10
	dir := writeData(t, map[string]string{
		"partners.csv": "id\np1\np2\np3\np4\np5\np6\n",
		"ties.csv":     "source,target\np1,p2\n\n\np1,p3\n",
	})
	e, ps, _ := ReadCSVDir(dir)
	checkProblems(t, ps, []string{`data: the tables have 12 lines, more than the 10 records ecoscope reads from one data set`})
	if len(e.Partners)+len(e.Ties) != 0 {
		t.Errorf("got %d partners and %d ties, want none read", len(e.Partners), len(e.Ties))
	}

	doc := `{"partners": [` + strings.Repeat(`{}, `, 6) + `{}], "ties": [` + strings.Repeat(`{"source": "a"},`, 4) + `{}]}`
	e, ps, _ = ReadJSON(strings.NewReader(doc), "eco.json")
	checkProblems(t, ps, []string{`eco.json:1: the document holds more than the 10 records ecoscope reads from one data set`})
	if len(e.Partners)+len(e.Ties) > 10 {
		t.Errorf("got %d partners and %d ties, want at most 10", len(e.Partners), len(e.Ties))
	}
}

// TestGarbageNotKept: once more errors were found than are shown, records
// are only checked, not kept, so that memory follows the valid data, not
// the garbage after it; a large file read in chunks keeps the same records
// as one read in one piece.
func TestGarbageNotKept(t *testing.T) {
	defer func(n int, w func() int) { minChunk, workers = n, w }(minChunk, workers)
	var b strings.Builder
	b.WriteString("id,since\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "p%d,2019\n", i)
	}
	for i := range 100_000 {
		fmt.Fprintf(&b, "q%d,20x%d\n", i, i) // a bad date each
	}
	text := b.String()
	for _, chunks := range []int{1, 2, 7} {
		minChunk, workers = 1<<10, func() int { return chunks }
		var e graph.Ecosystem
		d := newDecoder("partners.csv")
		held := heldBy(func() *graph.Ecosystem { d.readCSV(text, tabPartners, &e); return &e }, func(e *graph.Ecosystem) {
			if got, want := len(e.Partners), 1000+graph.MaxProblemsShown; got != want {
				t.Errorf("%d chunks: kept %d partners, want %d: the valid ones and those with an error shown", chunks, got, want)
			}
			if got, want := e.Partners[len(e.Partners)-1].ID, "q49"; got != want {
				t.Errorf("%d chunks: last partner %q, want %q", chunks, got, want)
			}
			if got := d.problems.Problems().Count(); got != 100_000 {
				t.Errorf("%d chunks: %d problems, want 100000", chunks, got)
			}
		})
		if held > 4<<20 {
			t.Errorf("%d chunks: the partners hold %d MB, want at most 4 MB", chunks, held>>20)
		}
	}
}

// TestJSONRoom: the room made for the records of a JSON array follows its
// objects, not the braces inside its strings (issue 9: 100 MB of "{" in one
// string asked for 13 GB at once).
func TestJSONRoom(t *testing.T) {
	doc := `{"partners": [{"id": "p1", "name": "` + strings.Repeat("{", 1<<20) + `"}, 7]}`
	e, _, _ := ReadJSON(strings.NewReader(doc), "eco.json")
	if got := cap(e.Partners); got > 1 {
		t.Errorf("room for %d partners, want 1", got)
	}
}
