package importers

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// foreignFile is what a graph file of another tool must read as.
type foreignFile struct {
	file     string
	opts     Options
	partners map[string]partnerWant // by id
	ties     []tieWant
	name     string // of the ecosystem
}

type partnerWant struct {
	name         string
	helix        graph.Helix
	since, until string
}

type tieWant struct {
	source, target string
	weight         float64
	directed       bool
	since, until   string
	typ            string
}

// The four partners and ties gen.py writes, with NetworkX's node ids.
var (
	genPartners = map[string]partnerWant{
		"uva":   {name: "Universiteit van Amsterdam", helix: graph.Academia},
		"acme":  {name: "Acme BV", helix: graph.Industry},
		"ams":   {name: "Gemeente Amsterdam", helix: graph.Government},
		"buurt": {name: "Buurtvereniging", helix: graph.CivilSociety},
	}
	genTies = []tieWant{
		{source: "uva", target: "acme", weight: 2.5}, {source: "acme", target: "ams", weight: 1},
		{source: "ams", target: "buurt", weight: 3}, {source: "buurt", target: "uva", weight: 0.5},
	}
	// NetworkX writes the edges of an undirected graph by node.
	genUndirected = []tieWant{
		{source: "uva", target: "acme", weight: 2.5}, {source: "uva", target: "buurt", weight: 0.5},
		{source: "acme", target: "ams", weight: 1}, {source: "ams", target: "buurt", weight: 3},
	}
)

func directed(ties []tieWant) []tieWant {
	out := make([]tieWant, len(ties))
	for i, t := range ties {
		t.directed = true
		out[i] = t
	}
	return out
}

var foreignFiles = []foreignFile{
	{file: "networkx.graphml", partners: genPartners, ties: genUndirected, name: "networkx"},
	{file: "networkx-directed.graphml", partners: genPartners, ties: directed(genTies), name: "networkx-directed"},
	{file: "networkx.gexf", partners: genPartners, ties: genUndirected, name: "networkx"},
	{file: "networkx-directed.gexf", partners: genPartners, ties: directed(genTies), name: "networkx-directed"},
	{file: "igraph.graphml", partners: map[string]partnerWant{
		// igraph's node ids are n0, n1, ...; its vertex names are the data name.
		"n0": {name: "uva", helix: graph.Academia}, "n1": {name: "acme", helix: graph.Industry},
		"n2": {name: "ams", helix: graph.Government}, "n3": {name: "buurt", helix: graph.CivilSociety},
	}, ties: []tieWant{
		{source: "n0", target: "n1", weight: 2.5}, {source: "n1", target: "n2", weight: 1},
		{source: "n2", target: "n3", weight: 3}, {source: "n0", target: "n3", weight: 0.5},
	}, name: "igraph"},
	{file: "igraph-directed.graphml", partners: map[string]partnerWant{
		"n0": {name: "uva", helix: graph.Academia}, "n1": {name: "acme", helix: graph.Industry},
		"n2": {name: "ams", helix: graph.Government}, "n3": {name: "buurt", helix: graph.CivilSociety},
	}, ties: []tieWant{
		{source: "n0", target: "n1", weight: 2.5, directed: true}, {source: "n1", target: "n2", weight: 1, directed: true},
		{source: "n2", target: "n3", weight: 3, directed: true}, {source: "n0", target: "n3", weight: 0.5, directed: true},
	}, name: "igraph-directed"},
	{file: "gephi-1.3-spells.gexf", partners: map[string]partnerWant{
		"0": {name: "Hogeschool Utrecht", helix: graph.Academia, since: "2019-03-01", until: "2022-12-31"},
		"1": {name: "Gemeente Utrecht", helix: graph.Government, since: "2018-01-01"},
		"2": {name: "Zon BV", helix: graph.Industry},
	}, ties: []tieWant{
		{source: "0", target: "1", weight: 3, directed: true, since: "2019-06-01", until: "2020-05-31"},
		{source: "1", target: "2", weight: 1, since: "2020-02-01", until: "2021-03-31"},
		{source: "2", target: "0", weight: 1.5},
	}, name: "Energieke Regio"},
	{file: "yed.graphml", opts: Options{Map: Mapping{Attr: "type", Values: map[string]graph.Helix{"Organisation": graph.CivilSociety}}},
		partners: map[string]partnerWant{
			"n0": {name: "TU Delft", helix: graph.Academia},
			"n1": {name: "Shell", helix: graph.Industry},
			"n2": {name: "Stichting Groen", helix: graph.CivilSociety}, // the key's default, mapped
		}, ties: []tieWant{
			{source: "n0", target: "n1", weight: 1, directed: true}, {source: "n1", target: "n2", weight: 1, directed: true},
		}, name: "yed"},
}

// checkForeign reads path as f says and compares what it reads.
func checkForeign(t *testing.T, path string, f foreignFile) {
	t.Helper()
	e, ps, err := ReadOptions(path, f.opts)
	if err != nil {
		t.Fatalf("%s: %v\n%s", f.file, err, strings.Join(lines(ps), "\n"))
	}
	for _, p := range ps {
		if !p.Notice {
			t.Errorf("%s: %s", f.file, p)
		}
	}
	if e.Name != f.name {
		t.Errorf("%s: name %q, want %q", f.file, e.Name, f.name)
	}
	if len(e.Partners) != len(f.partners) {
		t.Errorf("%s: %d partners, want %d", f.file, len(e.Partners), len(f.partners))
	}
	for _, p := range e.Partners {
		w, ok := f.partners[p.ID]
		got := partnerWant{name: p.Name, helix: p.Helix, since: dateText(p.Since), until: dateText(p.Until)}
		if !ok || got != w {
			t.Errorf("%s: partner %s reads as %+v, want %+v", f.file, p.ID, got, w)
		}
	}
	if len(e.Ties) != len(f.ties) {
		t.Fatalf("%s: %d ties, want %d", f.file, len(e.Ties), len(f.ties))
	}
	for i, tie := range e.Ties {
		got := tieWant{source: tie.Source, target: tie.Target, weight: tie.Weight, directed: tie.Directed,
			since: dateText(tie.Since), until: dateText(tie.Until), typ: tie.Type}
		if got != f.ties[i] {
			t.Errorf("%s: tie %d reads as %+v, want %+v", f.file, i, got, f.ties[i])
		}
	}
}

func dateText(d graph.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// TestForeignGraphs reads the GraphML and GEXF files of NetworkX, igraph,
// Gephi and yEd kept in testdata/foreign (see gen.py there).
func TestForeignGraphs(t *testing.T) {
	for _, f := range foreignFiles {
		t.Run(f.file, func(t *testing.T) {
			checkForeign(t, filepath.Join("testdata", "foreign", f.file), f)
		})
	}
}

// TestForeignGraphsLive writes the files of gen.py again with the NetworkX
// and igraph installed here, and reads them: a newer NetworkX or igraph
// that writes differently is caught. It is skipped where neither is.
func TestForeignGraphsLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	gen, _ := filepath.Abs(filepath.Join("testdata", "foreign", "gen.py"))
	ran := false
	for _, py := range []struct{ python, module string }{{"python3", "networkx"}, {"/usr/bin/python3", "igraph"}} {
		if exec.Command(py.python, "-c", "import "+py.module).Run() != nil {
			t.Logf("%s with %s is not installed: its files are checked from testdata only", py.python, py.module)
			continue
		}
		if out, err := exec.Command(py.python, gen, dir).CombinedOutput(); err != nil {
			t.Fatalf("%s gen.py: %v\n%s", py.python, err, out)
		}
		ran = true
	}
	if !ran {
		t.Skip("neither python3 with networkx nor /usr/bin/python3 with igraph is installed")
	}
	for _, f := range foreignFiles {
		path := filepath.Join(dir, f.file)
		if _, err := os.Stat(path); err != nil {
			continue // written by hand, or by a library not installed
		}
		t.Run(f.file, func(t *testing.T) { checkForeign(t, path, f) })
	}
}

// TestForeignUnmapped: helix values neither --map nor the vocabulary
// knows are one error, with their counts, nearest helix types and the
// --map that maps them; --helix-attr names the attribute, and one the
// document lacks is refused with the attributes it has.
func TestForeignUnmapped(t *testing.T) {
	yed := filepath.Join("testdata", "foreign", "yed.graphml")
	_, ps, err := ReadOptions(yed, Options{})
	if err == nil {
		t.Fatal("unmapped value read without an error")
	}
	want := `yed.graphml:35: helix: 1 value of node attribute "Type" is not a helix type: "organisation" (1 node, nearest civil_society)` // the default, on the line of the first node with it
	if got := ps.Errors()[0].String(); !strings.Contains(got, want) || !strings.Contains(got, "--map Type=organisation:") {
		t.Errorf("got\n%s\nwant\n%s... --map Type=organisation:...", got, want)
	}
	doc := `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" attr.name="sort"/><key id="c" for="node" attr.name="category"/><graph>` +
		strings.Repeat(`<node id="a"><data key="k">Gemeente X</data><data key="c">x</data></node>`, 1) +
		`<node id="b"><data key="k">Bedrijfje</data></node><node id="c"><data key="k">Bedrijfje</data></node><node id="d"><data key="k">lab, big</data></node></graph></graphml>`
	_, ps, _ = readGraphReader(strings.NewReader(doc), "g.graphml", Options{HelixAttr: "Sort"}, (*graphReader).readGraphML)
	got := strings.Join(lines(ps), "\n")
	for _, w := range []string{
		`3 values of node attribute "sort" are not helix types: "Bedrijfje" (2 nodes, nearest industry), "Gemeente X" (1 node`,
		`--map 'sort=Bedrijfje:industry,Gemeente X:`, // "lab, big" cannot be written in --map
		`note: attributes not read: node "category"`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("problems\n%s\nwant\n%s", got, w)
		}
	}
	_, ps, _ = readGraphReader(strings.NewReader(doc), "g.graphml", Options{HelixAttr: "kind_of"}, (*graphReader).readGraphML)
	if got := strings.Join(lines(ps), "\n"); !strings.Contains(got, `no node attribute "kind_of" (--helix-attr); the node attributes are "category", "sort"`) {
		t.Errorf("got %s", got)
	}
}

// TestGraphValueBound: a value longer than MaxValueSize is refused.
func TestGraphValueBound(t *testing.T) {
	defer func(n int) { maxValueSize = n }(maxValueSize)
	maxValueSize = 10
	long := strings.Repeat("x", 11)
	for _, doc := range []string{
		`<graphml><graph><node id="` + long + `"/></graph></graphml>`,
		`<graphml><key id="k" for="node" attr.name="name"/><graph><node id="a"><data key="k">` + long + `</data></node></graph></graphml>`,
	} {
		_, ps, err := ReadGraphML(strings.NewReader(doc), "g.graphml")
		if err == nil || !strings.Contains(ps.Err().Error(), "more than the 10 bytes ecoscope reads from one value") {
			t.Errorf("%v", err)
		}
	}
}

// foreignSeeds adds the foreign files of ext as fuzz seeds.
func foreignSeeds(f *testing.F, ext string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "foreign", "*"+ext))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(bytes.TrimSpace(b)))
	}
}

// countingProgress records what a reader tells its Progress.
type countingProgress struct {
	starts []string
	total  int64
	n      int64
	dones  int
}

func (c *countingProgress) Start(label string, total int64) {
	c.starts = append(c.starts, label)
	c.total = total
}
func (c *countingProgress) Add(n int64) { c.n += n }
func (c *countingProgress) Done()       { c.dones++ }

// TestGraphProgress: reading a graph counts its bytes, up to the whole
// document; reading a CSV folder starts and ends a spinner.
func TestGraphProgress(t *testing.T) {
	path := filepath.Join("testdata", "foreign", "networkx.graphml")
	b, _ := os.ReadFile(path)
	var p countingProgress
	if _, _, err := ReadOptions(path, Options{Progress: &p}); err != nil {
		t.Fatal(err)
	}
	if len(p.starts) != 1 || p.starts[0] != "reading networkx.graphml" || p.total != int64(len(b)) || p.n != p.total || p.dones != 1 {
		t.Errorf("progress %+v, want one start of %d bytes, all read, one done", p, len(b))
	}
	p = countingProgress{}
	if _, _, err := ReadOptions("../examples/energieke-regio", Options{Progress: &p}); err != nil {
		t.Fatal(err)
	}
	if len(p.starts) != 1 || p.total != -1 || p.dones != 1 {
		t.Errorf("CSV progress %+v, want a spinner started and done", p)
	}
}

// TestForeignCompressedOptions: a .graphml.gz is read with the options of
// the .graphml (--helix-attr here), not with the known ids alone.
func TestForeignCompressedOptions(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "foreign", "networkx.graphml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.graphml.gz")
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(src)
	zw.Close()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ps, err := ReadOptions(path, Options{HelixAttr: "kind_of"})
	if err == nil || !strings.Contains(strings.Join(lines(ps), "\n"), `no node attribute "kind_of" (--helix-attr)`) {
		t.Errorf("--helix-attr not applied to the .gz: %v\n%s", err, strings.Join(lines(ps), "\n"))
	}
}
