package exporters

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
	"github.com/ecoscope/ecoscope/report/charts"
)

const example = "../examples/energieke-regio"

func readExample(t testing.TB) *graph.Ecosystem {
	t.Helper()
	e, _, err := importers.Read(example)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func newData(e *graph.Ecosystem, ties analysis.TieSource) *Data {
	return New(context.Background(), e, analysis.Options{Ties: ties}, analysis.MetricsOptions{Seed: 1})
}

var graphWriters = []struct {
	name  string
	write func(io.Writer, *Data) error
}{
	{"graphml", WriteGraphML}, {"gexf", WriteGEXF}, {"cytoscape", WriteCytoscape},
}

// TestGraphEdgesAddUp checks that the edges the graph formats write add up,
// per pair of partners, to the edges of the network the metrics were
// computed on, for every tie source, and that every explicit tie is one
// edge.
func TestGraphEdgesAddUp(t *testing.T) {
	e := readExample(t)
	for _, src := range []analysis.TieSource{analysis.TiesAll, analysis.TiesExplicit, analysis.TiesUnits} {
		d := newData(e, src)
		sums := map[[2]int32]float64{}
		var explicit, units int
		for _, ed := range graphEdges(d) {
			sums[pair(ed.u, ed.v)] += ed.weight
			if ed.tie != nil {
				explicit++
			} else {
				units++
				if ed.weight != math.Trunc(ed.weight) || ed.weight < 1 {
					t.Errorf("%v: co-membership edge of weight %v", src, ed.weight)
				}
			}
		}
		net := d.Network
		if len(sums) != net.M() {
			t.Errorf("%v: the edges join %d pairs, the network %d", src, len(sums), net.M())
		}
		for u := range net.N() {
			for k, v := range net.Neighbors(u) {
				if w := sums[pair(u, int(v))]; math.Abs(w-net.Weights(u)[k]) > 1e-9 {
					t.Errorf("%v: %s–%s weigh %v in the export, %v in the network", src, net.ID(u), net.ID(int(v)), w, net.Weights(u)[k])
				}
			}
		}
		wantExplicit := len(PartnerTies(e))
		switch src {
		case analysis.TiesUnits:
			wantExplicit = 0
		}
		if explicit != wantExplicit || (src == analysis.TiesExplicit) != (units == 0) {
			t.Errorf("%v: %d explicit and %d co-membership edges, want %d explicit", src, explicit, units, wantExplicit)
		}
	}
}

// TestPartnerTiesCombined checks that ties between people that land on the
// same partners with one key are written as one, their weights added: the
// example has five.
func TestPartnerTiesCombined(t *testing.T) {
	e := readExample(t)
	got := PartnerTies(e)
	raw := e.PartnerTies()
	if len(got) >= len(raw) {
		t.Fatalf("%d ties written of %d: none combined", len(got), len(raw))
	}
	var sumGot, sumRaw float64
	for _, x := range got {
		sumGot += x.Weight
	}
	for _, x := range raw {
		sumRaw += x.Weight
	}
	if math.Abs(sumGot-sumRaw) > 1e-9 {
		t.Errorf("weights add up to %v, want %v", sumGot, sumRaw)
	}
	pe := &graph.Ecosystem{Partners: e.Partners, Ties: got}
	if c, _ := pe.Combine(); c.Ties != 0 {
		t.Errorf("%d ties still repeat a key", c.Ties)
	}
}

// nasty is a small ecosystem whose strings need escaping.
func nasty() *graph.Ecosystem {
	e := &graph.Ecosystem{
		Name: `Eco <&> "quoted" 'single'`,
		Partners: []graph.Partner{
			{ID: "a&b", Name: "<script>alert(1)</script>", Helix: graph.Academia, Kind: "x\x01y\x00z", Region: "tab\there\nnewline\rcr"},
			{ID: `q"'<>`, Name: "bad \xff utf8 \uFFFE and \U0001F600", Helix: graph.Industry, Period: graph.Period{Since: graph.MustParseDate("2019"), Until: graph.MustParseDate("2021-06")}},
			{ID: "plain", Name: "  spaces  ", Helix: graph.Environment, Period: graph.Period{Since: graph.MustParseDate("2020-02-29")}},
		},
		Ties: []graph.Tie{
			{Source: "a&b", Target: `q"'<>`, Type: "a]]>b", Weight: 2.5, ID: "t<1>", Period: graph.Period{Since: graph.MustParseDate("2019-03")}},
			{Source: `q"'<>`, Target: "plain", Weight: 1, Directed: true, Period: graph.Period{Until: graph.MustParseDate("2022")}},
		},
	}
	e.Validate()
	return e
}

// TestGraphFormatsEscape checks that every format writes a well-formed
// document whatever the strings hold, and that they read back as written,
// characters XML cannot hold as U+FFFD.
func TestGraphFormatsEscape(t *testing.T) {
	e := nasty()
	for _, f := range graphWriters {
		var b bytes.Buffer
		if err := f.write(&b, newData(e, analysis.TiesAll)); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		s := b.String()
		if strings.Contains(s, "<script>") || strings.Contains(s, "\x01") || strings.Contains(s, "\xff") {
			t.Errorf("%s: a string is written unescaped:\n%s", f.name, s)
		}
		if f.name == "cytoscape" {
			var doc struct {
				Data     map[string]any
				Elements struct {
					Nodes []struct{ Data map[string]any }
					Edges []struct{ Data map[string]any }
				}
			}
			if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
				t.Fatalf("cytoscape: not JSON: %v\n%s", err, s)
			}
			if doc.Data["name"] != e.Name || doc.Elements.Nodes[0].Data["name"] != e.Partners[0].Name ||
				doc.Elements.Nodes[0].Data["kind"] != "x\x01y\x00z" || doc.Elements.Nodes[1].Data["id"] != `q"'<>` ||
				doc.Elements.Nodes[1].Data["name"] != "bad \uFFFD utf8 \uFFFE and \U0001F600" {
				t.Errorf("cytoscape: strings read back differ: %v %v", doc.Data, doc.Elements.Nodes)
			}
			if len(doc.Elements.Edges) != 2 || doc.Elements.Edges[0].Data["tie_id"] != "t<1>" || doc.Elements.Edges[1].Data["directed"] != true {
				t.Errorf("cytoscape: edges %v", doc.Elements.Edges)
			}
			continue
		}
		// Well-formed, and the strings come back.
		dec := xml.NewDecoder(strings.NewReader(s))
		var texts []string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v\n%s", f.name, err, s)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				for _, a := range tok.Attr {
					texts = append(texts, a.Value)
				}
			case xml.CharData:
				texts = append(texts, string(tok))
			}
		}
		all := strings.Join(texts, "\x00")
		for _, want := range []string{e.Partners[0].Name, "x\uFFFDy\uFFFDz", "tab\there\nnewline\rcr", `q"'<>`, "a&b",
			"bad \uFFFD utf8 \uFFFD and \U0001F600", "a]]>b", "t<1>"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: %q does not read back", f.name, want)
			}
		}
	}
}

func TestXMLSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain":              "plain",
		"a\x00b\x1fc\x7fd":   "a\uFFFDb\uFFFDc\x7fd",
		"\t\n\r":             "\t\n\r",
		"\xff\xfe":           "\uFFFD\uFFFD",
		"\uFFFE\uFFFF\uFFFD": "\uFFFD\uFFFD\uFFFD",
		"\U0001F600":         "\U0001F600",
	} {
		if got := XMLSafe(in); got != want {
			t.Errorf("XMLSafe(%q) = %q, want %q", in, got, want)
		}
		// What appendXMLText writes reads back as XMLSafe.
		var v struct {
			A string `xml:"a,attr"`
			T string `xml:",chardata"`
		}
		x := "<x a=\"" + string(appendXMLText(nil, in)) + "\">" + string(appendXMLText(nil, in)) + "</x>"
		if err := xml.Unmarshal([]byte(x), &v); err != nil || v.A != want || v.T != want {
			t.Errorf("%q written as %s reads back as %q, %q (%v), want %q", in, x, v.A, v.T, err, want)
		}
	}
}

// TestGEXFDynamic checks the spells, colours and sizes of the GEXF export.
func TestGEXFDynamic(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGEXF(&b, newData(nasty(), analysis.TiesAll)); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		`<graph mode="dynamic" defaultedgetype="undirected" timeformat="date"`,
		`<spell start="2019-01-01" end="2021-06-30"/>`, // a year since, a month until
		`<spell start="2020-02-29"/>`,                  // a day since, no until
		`<spell start="2019-03-01"/>`,                  // the tie
		`<spell end="2022-12-31"/>`,                    // the directed tie's until
		`<viz:color r="0" g="114" b="178" a="1.0"/>`,   // academia
		`<viz:color r="0" g="158" b="115" a="1.0"/>`,   // environment
		`<viz:size value="40.000"/>`,                   // q, the broker
		`<viz:size value="4.000"/>`,
		`<attvalue for="directed" value="true"/>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
}

func TestHelixColors(t *testing.T) {
	seen := map[Color]graph.Helix{}
	for _, h := range append(graph.Helices, graph.HelixUnknown) {
		c := HelixColor(h)
		if want := charts.HelixHex(h); !strings.EqualFold(c.Hex(), want) {
			t.Errorf("%s: %s, want the charts' %s", h, c.Hex(), want)
		}
		if o, dup := seen[c]; dup {
			t.Errorf("%s and %s share %s", h, o, c.Hex())
		}
		seen[c] = h
	}
	if got := HelixColor("").Hex(); got != "#999999" {
		t.Errorf("no helix: %s", got)
	}
}

// TestMetricColumns checks that every node column of the metrics CSV is
// written, under its name.
func TestMetricColumns(t *testing.T) {
	var b bytes.Buffer
	e := readExample(t)
	d := newData(e, analysis.TiesAll)
	if err := WriteGraphML(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, c := range analysis.NodeColumns {
		if c == "id" {
			continue
		}
		if !strings.Contains(b.String(), `attr.name="`+c+`"`) {
			t.Errorf("no key for column %s", c)
		}
	}
	nodes, _, _ := d.Nodes()
	for k := range metricColumns {
		c := &metricColumns[k]
		var m map[string]any
		j, _ := json.Marshal(nodes[0])
		json.Unmarshal(j, &m)
		if v, ok := m[c.name].(float64); !ok || v != c.value(&nodes[0]) {
			t.Errorf("column %s: %v, JSON %v", c.name, c.value(&nodes[0]), m[c.name])
		}
	}
}

// TestNetworkX reads the GraphML and GEXF exports of the example with
// NetworkX, where it is installed, and compares the counts of nodes and
// edges and a few attributes with ecoscope's.
func TestNetworkX(t *testing.T) {
	if err := exec.Command("python3", "-c", "import networkx").Run(); err != nil {
		t.Skipf("NetworkX is not installed (python3 -c 'import networkx': %v); the interop test is skipped", err)
	}
	e := readExample(t)
	d := newData(e, analysis.TiesAll)
	nodes, _, err := d.Nodes()
	if err != nil {
		t.Fatal(err)
	}
	edges := graphEdges(d)
	dir := t.TempDir()
	for _, f := range graphWriters[:2] {
		path := filepath.Join(dir, "eco."+f.name)
		var b bytes.Buffer
		if err := f.write(&b, d); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		script := `
import json, sys, networkx as nx
path, fmt = sys.argv[1], sys.argv[2]
G = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
nodes = {n: {"helix": a.get("helix"), "betweenness": a.get("betweenness"), "degree": a.get("degree"),
             "name": a.get("name", a.get("label"))} for n, a in G.nodes(data=True)}
w = sum(a.get("weight", 0) for _, _, a in G.edges(data=True))
kinds = {}
for _, _, a in G.edges(data=True):
    kinds[a.get("ties")] = kinds.get(a.get("ties"), 0) + 1
json.dump({"nodes": nodes, "edges": G.number_of_edges(), "weight": w, "kinds": kinds, "multi": G.is_multigraph()}, sys.stdout)
`
		out, err := exec.Command("python3", "-c", script, path, f.name).Output()
		if err != nil {
			var stderr string
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("%s: NetworkX: %v\n%s", f.name, err, stderr)
		}
		var got struct {
			Nodes map[string]struct {
				Helix       string
				Betweenness float64
				Degree      int
				Name        string
			}
			Edges  int
			Weight float64
			Kinds  map[string]int
			Multi  bool
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v\n%s", f.name, err, out)
		}
		if len(got.Nodes) != len(e.Partners) || got.Edges != len(edges) {
			t.Errorf("%s: NetworkX reads %d nodes and %d edges, want %d and %d", f.name, len(got.Nodes), got.Edges, len(e.Partners), len(edges))
		}
		var weight float64
		kinds := map[string]int{}
		for _, ed := range edges {
			weight += ed.weight
			s, _ := edgeAttr(&ed, "ties")
			kinds[s]++
		}
		if math.Abs(got.Weight-weight) > 1e-9*weight || len(got.Kinds) != 2 || got.Kinds[EdgeExplicit] != kinds[EdgeExplicit] || got.Kinds[EdgeUnits] != kinds[EdgeUnits] {
			t.Errorf("%s: NetworkX reads a total weight %v and edges %v, want %v and %v", f.name, got.Weight, got.Kinds, weight, kinds)
		}
		for i, p := range e.Partners {
			n, ok := got.Nodes[p.ID]
			if !ok {
				t.Errorf("%s: NetworkX lacks %s", f.name, p.ID)
				continue
			}
			if n.Helix != string(p.Helix) || n.Name != p.Name || n.Degree != nodes[i].Degree ||
				math.Abs(n.Betweenness-float64(nodes[i].Betweenness)) > 1e-12 {
				t.Errorf("%s: NetworkX reads %s as %+v, want helix %s, name %q, degree %d, betweenness %v",
					f.name, p.ID, n, p.Helix, p.Name, nodes[i].Degree, nodes[i].Betweenness)
			}
		}
	}
}

func benchmarkWrite(b *testing.B, partners int, write func(io.Writer, *Data) error) {
	e := generate.Ecosystem(generate.Options{Partners: partners, Seed: 1})
	e.Validate()
	d := newData(e, analysis.TiesAll)
	d.Options.Approx = 0.01
	if _, _, err := d.Nodes(); err != nil { // the metrics are not what is measured
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// The writing alone, metrics computed beforehand, of a generated
// 6,000-partner ecosystem.
func BenchmarkWriteGraphML6k(b *testing.B)   { benchmarkWrite(b, 6000, WriteGraphML) }
func BenchmarkWriteGEXF6k(b *testing.B)      { benchmarkWrite(b, 6000, WriteGEXF) }
func BenchmarkWriteCytoscape6k(b *testing.B) { benchmarkWrite(b, 6000, WriteCytoscape) }
