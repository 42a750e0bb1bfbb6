package importers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/ecoscope/ecoscope/graph"
)

// addExamples adds the files of the example data set as seeds.
func addExamples(f *testing.F, pattern string, add func(name, content string)) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "examples", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(filepath.Base(p), string(b))
	}
}

// checkPrintable fails unless every problem is printable and of bounded
// length, and no more are kept than are shown.
func checkPrintable(t *testing.T, ps graph.Problems) {
	t.Helper()
	if len(ps) > 3*(graph.MaxProblemsShown+1) {
		t.Errorf("%d problems kept, want at most %d", len(ps), 3*(graph.MaxProblemsShown+1))
	}
	for _, p := range ps {
		s := p.String()
		if len(s) > 2000 || strings.IndexFunc(s, unicode.IsControl) >= 0 {
			t.Errorf("problem of %d bytes, not printable or too long: %.300q", len(s), s)
		}
	}
}

// readCSVWays reads text as table id in one piece with encoding/csv (the
// reference), and as ecoscope reads it: the fast reader, in 1 and in 3
// chunks read in parallel. It returns the ecosystems and problems, the
// reference first.
func readCSVWays(id tableID, text string) ([]*graph.Ecosystem, []graph.Problems) {
	defer func(n int, w func() int) { minChunk, workers = n, w }(minChunk, workers)
	var es []*graph.Ecosystem
	var pss []graph.Problems
	for _, way := range []struct {
		reference bool
		chunks    int
	}{{true, 1}, {false, 1}, {false, 3}} {
		minChunk, workers = 1, func() int { return way.chunks }
		e := &graph.Ecosystem{}
		d := newDecoder(tables[id].name + ".csv")
		d.reference = way.reference
		d.readCSV(text, id, e)
		es = append(es, e)
		pss = append(pss, d.problems.Problems())
	}
	return es, pss
}

// FuzzReadCSV reads a CSV file in the three ways of readCSVWays, which must
// give the same records and problems, bounded and printable; the data set
// it makes is then validated.
func FuzzReadCSV(f *testing.F) {
	addExamples(f, "energieke-regio/*.csv", func(name, content string) {
		id, ok := tableByName[strings.TrimSuffix(name, ".csv")]
		if ok {
			f.Add(uint8(id), content)
		}
	})
	f.Add(uint8(tabTies), "source;target;weight\np1;p2;2,5\n\"p\"\"1\";\"p\n2\";x\n")
	f.Add(uint8(tabPartners), "\uFEFFid,name\r\np1,\"a,b\"\r\n,\r\np2,\"open\n")
	f.Add(uint8(tabPartners), "id,name,helix\rp1,A,bedrijf\rp2,B,x\r")
	f.Fuzz(func(t *testing.T, table uint8, text string) {
		id := tableID(table % uint8(numTables))
		es, pss := readCSVWays(id, text)
		for k := 1; k < len(es); k++ {
			if !reflect.DeepEqual(es[k], es[0]) {
				t.Errorf("way %d: records\n%+v\nwant as encoding/csv\n%+v", k, es[k], es[0])
			}
			if !reflect.DeepEqual(lines(pss[k]), lines(pss[0])) {
				t.Errorf("way %d: problems\n%s\nwant as encoding/csv\n%s", k, strings.Join(lines(pss[k]), "\n"), strings.Join(lines(pss[0]), "\n"))
			}
		}
		checkPrintable(t, pss[0])
		checkPrintable(t, es[0].Validate())
	})
}

// FuzzReadJSON reads a JSON document: the problems are bounded and
// printable, a document that is not valid JSON is refused, and reading is
// deterministic.
func FuzzReadJSON(f *testing.F) {
	addExamples(f, "*.json", func(_, content string) { f.Add(content) })
	f.Add(`{"name": "x", "partners": [{"id": "p\u00e9\ud83d\ude00", "helix": "HES", "since": 2019}, 1, [], {"id": {}}],` +
		` "ties": [{"source": "p1", "target": "p2", "weight": 1e3, "directed": "ja"}], "naam": null}`)
	f.Add(`{"partners": [{"id": "a", "ID": "b"}], "organisaties": []}`)
	f.Add("{\"partners\": [{\"id\": \"\\ud800\"}]}")
	f.Fuzz(func(t *testing.T, doc string) {
		e, ps, err := ReadJSON(strings.NewReader(doc), "eco.json")
		checkPrintable(t, ps)
		if (err == nil) != (len(ps.Errors()) == 0) {
			t.Errorf("error %v with problems %v", err, ps)
		}
		if !json.Valid([]byte(strings.TrimPrefix(doc, "\uFEFF"))) && err == nil {
			t.Errorf("invalid JSON read without an error: %v", e)
		}
		e2, ps2, _ := ReadJSON(strings.NewReader(doc), "eco.json")
		if !reflect.DeepEqual(e, e2) || !reflect.DeepEqual(lines(ps), lines(ps2)) {
			t.Error("two reads differ")
		}
	})
}
