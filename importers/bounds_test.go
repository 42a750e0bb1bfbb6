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
