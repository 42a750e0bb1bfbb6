package importers

import (
	"strings"
	"testing"
	"unicode"

	"github.com/ecoscope/ecoscope/graph"
)

// checkShort fails unless every problem is short and printable: values
// from the data are quoted cut and escaped (graph.Quote), whatever their
// length (issue 9: an unknown 50 MB header made 52 MB of stderr, a 100 KB
// one with NUL bytes was printed whole).
func checkShort(t *testing.T, ps graph.Problems) {
	t.Helper()
	for _, p := range ps {
		s := p.String()
		if len(s) > 1500 {
			t.Errorf("a problem of %d bytes: %.300s…", len(s), s)
		}
		if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
			t.Errorf("a problem with control character %q: %.300q", s[i], s)
		}
	}
}

func TestProblemsQuoteValues(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	ctl := strings.Repeat("a\x00\x1b[31m", 20000)
	digits := strings.Repeat("1", 1<<20)
	dir := writeData(t, map[string]string{
		"partners.csv": "id,helix,since," + big + "," + ctl + "\n" +
			"p1," + big + ",2019,,\n" +
			"p2,industry," + ctl + ",,\n",
		"ties.csv": "source,target,weight,directed\n" +
			"p1,p2," + big + ",\n" +
			"p1,p2,\"1," + digits + "\",\n" +
			"p1,p2,1," + ctl + "\n",
		"units.csv":     "src," + big + "\nx,y\n",
		"evil\x1b].csv": "x\n",
	})
	_, ps, _ := ReadCSVDir(dir)
	if len(ps) < 9 {
		t.Errorf("got %d problems, want at least 9:\n%.2000s", len(ps), strings.Join(lines(ps), "\n"))
	}
	checkShort(t, ps)

	ctlJSON := strings.Repeat(`a\u0000\u001b[31m`, 20000)
	doc := `{"partners": [{"id": "p1", "` + big + `": 1}, "` + ctlJSON + `", ` + digits + `], "` + big + `": 2, "ties": "` + big + `"}`
	_, ps, _ = ReadJSON(strings.NewReader(doc), "eco.json")
	if len(ps) < 4 {
		t.Errorf("got %d problems, want at least 4:\n%.2000s", len(ps), strings.Join(lines(ps), "\n"))
	}
	checkShort(t, ps)
}
