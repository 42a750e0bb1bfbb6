package importers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// writeData writes files (name → content) into the folder "data" of a new
// temporary directory, makes that directory the working directory and
// returns "data", so that problems name "data/partners.csv".
func writeData(t *testing.T, files map[string]string) string {
	t.Helper()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(tmp)
	return "data"
}

// lines returns the problems as printed, one a string.
func lines(ps graph.Problems) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// checkProblems compares the printed problems with want, line by line.
func checkProblems(t *testing.T, got graph.Problems, want []string) {
	t.Helper()
	g := lines(got)
	if strings.Join(g, "\n") == strings.Join(want, "\n") {
		return
	}
	t.Errorf("got %d problems, want %d", len(g), len(want))
	for i := range max(len(g), len(want)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(want) {
			b = want[i]
		}
		if a != b {
			t.Errorf("problem %d:\n got %s\nwant %s", i, a, b)
		}
	}
}

// checkErr checks that err is a *graph.ValidationError holding the errors
// of ps, or nil when ps holds only warnings.
func checkErr(t *testing.T, err error, ps graph.Problems) {
	t.Helper()
	if len(ps.Errors()) == 0 {
		if err != nil {
			t.Errorf("got error %v, want none", err)
		}
		return
	}
	ve, ok := err.(*graph.ValidationError)
	if !ok {
		t.Fatalf("got error %T %v, want a *graph.ValidationError", err, err)
	}
	if got, want := len(ve.Problems), len(ps.Errors()); got != want {
		t.Errorf("got %d problems in the error, want %d", got, want)
	}
}

// checkEcosystem compares got with want, table by table and record by
// record.
func checkEcosystem(t *testing.T, got, want *graph.Ecosystem) {
	t.Helper()
	if got == nil {
		t.Fatal("got a nil ecosystem")
	}
	if got.Name != want.Name {
		t.Errorf("got name %q, want %q", got.Name, want.Name)
	}
	checkRecords(t, "partner", got.Partners, want.Partners)
	checkRecords(t, "person", got.People, want.People)
	checkRecords(t, "unit", got.Units, want.Units)
	checkRecords(t, "membership", got.Memberships, want.Memberships)
	checkRecords(t, "tie", got.Ties, want.Ties)
	checkRecords(t, "value", got.Values, want.Values)
}

func checkRecords[E comparable](t *testing.T, kind string, got, want []E) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d %s records, want %d:\n got %+v\nwant %+v", len(got), kind, len(want), got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s %d:\n got %+v\nwant %+v", kind, i, got[i], want[i])
		}
	}
}

// period returns the period from since to until ("" for none).
func period(since, until string) graph.Period {
	return graph.Period{Since: graph.MustParseDate(since), Until: graph.MustParseDate(until)}
}

func at(file string, line int) graph.Pos { return graph.Pos{File: file, Line: line} }
