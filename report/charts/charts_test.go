package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

const hostile = `<script>alert("x")</script> & 'q'`

func sampleBars(label string) Bars {
	return Bars{Lang: "en", Title: "Partners per helix type", YLabel: "partners", Bars: []Bar{
		{Label: "academia", Value: 25, Helix: graph.Academia}, {Label: label, Value: 72, Helix: graph.Industry},
		{Label: "civil society", Value: 2.5, Helix: graph.CivilSociety}, {Label: "unknown", Value: 0, Helix: graph.HelixUnknown}}}
}

func sampleHeat(label string) HeatMap {
	return HeatMap{Lang: "en", Title: "Helix mixing", Rows: []string{"academia", label}, Cols: []string{"academia", label},
		Cells: [][]float64{{10, 3}, {3, 0}}}
}

func sampleLines(label string) Lines {
	d := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	return Lines{Lang: "en", Title: "Growth", YLabel: "count", Dates: []time.Time{d(2019), d(2020), d(2021), d(2022)},
		Series: []Series{{Name: "partners", Values: []float64{3, 5, math.NaN(), 9}}, {Name: label, Values: []float64{1, 4, 6, 12}}}}
}

func sampleGroups(label string) Groups {
	return Groups{Lang: "en", Title: "Value creation", Categories: []string{"expected", label, "realized"},
		Groups: []string{"micro", "meso", "unspecified"}, Values: [][]float64{{1, 2, 3}, {0, 4, 1}, {1, 0, 0}},
		Ordinal: true, LastNeutral: true}
}

// sampleNetwork is a network of n nodes: a ring with chords, node 0 named
// name, every third node in unit u1.
func sampleNetwork(n int, name string, seed uint64) Network {
	nodes := make([]NetworkNode, n)
	var edges []NetworkEdge
	for i := range nodes {
		nodes[i] = NetworkNode{ID: fmt.Sprintf("p%04d", i), Name: fmt.Sprintf("Partner %d", i),
			Helix: HelixOrder[i%len(HelixOrder)], Size: float64((i * 37) % 101)}
		if i%3 == 0 {
			nodes[i].Units = []string{"u1"}
		}
	}
	nodes[0].Name, nodes[0].Size = name, 1000
	for i := range nodes {
		edges = append(edges, NetworkEdge{Source: nodes[i].ID, Target: nodes[(i+1)%n].ID, Weight: 1})
		edges = append(edges, NetworkEdge{Source: nodes[i].ID, Target: nodes[(i*7+3)%n].ID, Weight: float64(1 + i%3)})
	}
	return Network{Lang: "en", Title: "The network", Nodes: nodes, Edges: edges, SizeLabel: "betweenness",
		Units: []NetworkUnit{{ID: "u1", Name: "Fieldlab " + name}}, UnitLabel: "fieldlab",
		HelixLabels: map[graph.Helix]string{graph.Academia: "academia"}, Seed: seed}
}

// allCharts draws every kind of chart with label in a user-supplied place.
func allCharts(t *testing.T, label string) map[string]Chart {
	t.Helper()
	out := map[string]Chart{}
	for name, f := range map[string]func() (Chart, error){
		"bars":    func() (Chart, error) { return BarChart(sampleBars(label)) },
		"heat":    func() (Chart, error) { return HeatMapChart(sampleHeat(label)) },
		"lines":   func() (Chart, error) { return LineChart(sampleLines(label)) },
		"groups":  func() (Chart, error) { return GroupedBarChart(sampleGroups(label)) },
		"network": func() (Chart, error) { return NetworkChart(sampleNetwork(40, label, 7)) },
	} {
		c, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = c
	}
	return out
}

// TestChartsAreSafeStandaloneSVG checks every chart for what the HTML page
// and the Markdown files rely on: well-formed XML, role="img" and a <title>
// holding the text alternative, user text escaped (a label <script> is
// text), and no reference to anything outside the file.
func TestChartsAreSafeStandaloneSVG(t *testing.T) {
	for name, c := range allCharts(t, hostile) {
		s := string(c.SVG)
		if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" `) || !strings.Contains(s, `role="img"`) {
			t.Errorf("%s: does not start with the svg element with role img: %.120s", name, s)
		}
		if !strings.Contains(s, "<title>") || c.Alt == "" || !strings.Contains(s, xmlEscape(c.Alt)) {
			t.Errorf("%s: the <title> does not hold the text alternative %q", name, c.Alt)
		}
		if strings.Contains(s, "<script") || strings.Contains(s, `"x")`) {
			t.Errorf("%s: a label reached the SVG unescaped", name)
		}
		if !strings.Contains(s, "&lt;script&gt;") {
			t.Errorf("%s: the label is not shown (escaped) at all", name)
		}
		if n := strings.Count(s, "http"); n != 1 {
			t.Errorf("%s: %d occurrences of http, want only the SVG namespace", name, n)
		}
		for _, ref := range []string{"href", "url(", "@import", "<image", "@font-face", "<?xml", "xlink"} {
			if strings.Contains(s, ref) {
				t.Errorf("%s: holds %q: a reference out of the file, or a prolog that cannot be inlined", name, ref)
			}
		}
		if strings.Contains(s, "font-family:Liberation Sans;") || !strings.Contains(s, "sans-serif") {
			t.Errorf("%s: the font has no local fallback", name)
		}
		d := xml.NewDecoder(bytes.NewReader(c.SVG))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: not well-formed XML: %v", name, err)
				break
			}
		}
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	// html.EscapeString writes &#39; and &#34; where encoding/xml writes
	// &#39; and &#34; too; normalise the one it differs on.
	return b.String()
}

// TestChartsAreDeterministic draws each chart twice: byte for byte the same.
func TestChartsAreDeterministic(t *testing.T) {
	a, b := allCharts(t, "industry"), allCharts(t, "industry")
	for name := range a {
		if !bytes.Equal(a[name].SVG, b[name].SVG) || a[name].Alt != b[name].Alt {
			t.Errorf("%s: two drawings of the same input differ", name)
		}
	}
	other, err := NetworkChart(sampleNetwork(40, "industry", 8))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.SVG, a["network"].SVG) {
		t.Error("network: another seed gives the same drawing: the seed is not used")
	}
}

func TestAltText(t *testing.T) {
	c, err := BarChart(sampleBars("industry"))
	if err != nil {
		t.Fatal(err)
	}
	want := "Bar chart — Partners per helix type: academia 25, industry 72, civil society 2.5 and unknown 0."
	if c.Alt != want {
		t.Errorf("alt = %q, want %q", c.Alt, want)
	}
	nl := sampleBars("bedrijven")
	nl.Lang = "nl"
	c, err = BarChart(nl)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Alt, "Staafdiagram") || !strings.Contains(c.Alt, "2,5 en unknown 0") {
		t.Errorf("Dutch alt = %q", c.Alt)
	}
	h, err := HeatMapChart(sampleHeat("industry"))
	if err != nil {
		t.Fatal(err)
	}
	// Symmetric: each pair once, the largest first; zero cells left out.
	if want := "Heat map — Helix mixing: academia × academia 10 and academia × industry 3."; h.Alt != want {
		t.Errorf("heat alt = %q, want %q", h.Alt, want)
	}
	l, err := LineChart(sampleLines("ties"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Line chart — Growth, 2019–2022: partners from 3 to 9 and ties from 1 to 12."; l.Alt != want {
		t.Errorf("lines alt = %q, want %q", l.Alt, want)
	}
	n, err := NetworkChart(sampleNetwork(12, "Hub", 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"Network drawing — The network: 12 partners and 24 ties", "academia 2", "sized by betweenness", "largest: Hub"} {
		if !strings.Contains(n.Alt, part) {
			t.Errorf("network alt %q lacks %q", n.Alt, part)
		}
	}
}

func TestChartInputErrors(t *testing.T) {
	bad := sampleBars("x")
	bad.Bars[0].Value = math.NaN()
	lines := sampleLines("x")
	lines.Series[0].Values = lines.Series[0].Values[:2]
	unordered := sampleLines("x")
	unordered.Dates[1], unordered.Dates[2] = unordered.Dates[2], unordered.Dates[1]
	groups := sampleGroups("x")
	groups.Values = groups.Values[:1]
	heat := sampleHeat("x")
	heat.Cells[1] = []float64{1}
	dup := sampleNetwork(5, "x", 1)
	dup.Nodes[1].ID = dup.Nodes[0].ID
	for name, err := range map[string]error{
		"NaN bar":          errOf(BarChart(bad)),
		"no bars":          errOf(BarChart(Bars{})),
		"short series":     errOf(LineChart(lines)),
		"unordered dates":  errOf(LineChart(unordered)),
		"missing group":    errOf(GroupedBarChart(groups)),
		"ragged heat map":  errOf(HeatMapChart(heat)),
		"duplicate node":   errOf(NetworkChart(dup)),
		"empty network":    errOf(NetworkChart(Network{})),
		"negative heat":    errOf(HeatMapChart(HeatMap{Rows: []string{"a"}, Cols: []string{"a"}, Cells: [][]float64{{-1}}})),
		"no groups at all": errOf(GroupedBarChart(Groups{})),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if !errors.Is(errOf(BarChart(Bars{})), ErrNoData) {
		t.Error("an empty chart is not ErrNoData")
	}
}

func errOf(_ Chart, err error) error { return err }

func TestHelixPalette(t *testing.T) {
	seen := map[string]graph.Helix{}
	for _, h := range HelixOrder {
		hex := HelixHex(h)
		if other, dup := seen[hex]; dup {
			t.Errorf("%s and %s share the colour %s", h, other, hex)
		}
		seen[hex] = h
	}
	if HelixHex("") != HelixHex(graph.HelixUnknown) || HelixHex("martian") != HelixHex(graph.HelixUnknown) {
		t.Error("an empty or unknown type is not coloured as unknown")
	}
	if HelixHex(graph.Academia) != "#0072b2" {
		t.Errorf("academia is %s, want Okabe-Ito blue #0072b2", HelixHex(graph.Academia))
	}
}

// TestLayout checks what a reader sees in a layout: every node inside the
// square, none on top of another, and joined nodes closer than others.
func TestLayout(t *testing.T) {
	if got := Layout(0, nil, 1); len(got) != 0 {
		t.Errorf("Layout(0) = %v", got)
	}
	if got := Layout(1, nil, 1); got[0] != (Point{0.5, 0.5}) {
		t.Errorf("Layout(1) = %v", got)
	}
	// Two cliques of 10 joined by one tie, and two isolated nodes.
	var edges []LayoutEdge
	for c := range 2 {
		for i := range 10 {
			for j := i + 1; j < 10; j++ {
				edges = append(edges, LayoutEdge{U: c*10 + i, V: c*10 + j})
			}
		}
	}
	edges = append(edges, LayoutEdge{U: 0, V: 10, Weight: 0.5})
	pos := Layout(22, edges, 3)
	for i, p := range pos {
		if !(p.X >= 0 && p.X <= 1 && p.Y >= 0 && p.Y <= 1) {
			t.Errorf("node %d at %v, outside the unit square", i, p)
		}
		for j := range i {
			if math.Hypot(p.X-pos[j].X, p.Y-pos[j].Y) < 0.005 {
				t.Errorf("nodes %d and %d lie on top of each other", i, j)
			}
		}
	}
	// The isolated nodes stay near: the cliques fill most of the square
	// rather than a corner of it.
	minX, maxX, minY, maxY := 1.0, 0.0, 1.0, 0.0
	for _, p := range pos[:20] {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	if span := math.Max(maxX-minX, maxY-minY); span < 0.6 {
		t.Errorf("the connected nodes span %.2f of the square: the isolated ones squeeze them", span)
	}
	within, across := 0.0, 0.0
	for i := range 10 {
		for j := 10; j < 20; j++ {
			across += math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y)
		}
		for j := i + 1; j < 10; j++ {
			within += math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y)
		}
	}
	within /= 45
	across /= 100
	if within*2 > across {
		t.Errorf("a clique's nodes lie %.3f apart on average, %.3f from the other clique's: the layout does not group them", within, across)
	}
}

// TestNetworkOf300 draws 300 partners (the bound) with about 900 ties:
// well under a second, and a small file.
func TestNetworkOf300(t *testing.T) {
	in := sampleNetwork(MaxNetworkNodes, "Hub", 1)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		in.Edges = append(in.Edges, NetworkEdge{Source: in.Nodes[rng.IntN(300)].ID, Target: in.Nodes[rng.IntN(300)].ID})
	}
	start := time.Now()
	c, err := NetworkChart(in)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("300 nodes, %d ties: %v, %d bytes", len(in.Edges), took, len(c.SVG))
	if took > time.Second {
		t.Errorf("drawing 300 nodes took %v, want well under a second", took)
	}
	if len(c.SVG) > 400_000 {
		t.Errorf("the SVG of 300 nodes is %d bytes", len(c.SVG))
	}
}

// TestNetworkTrimsALargeNetwork passes 50,000 partners and 200,000 ties: the
// drawing keeps the MaxNetworkNodes largest, says so, and stays small.
func TestNetworkTrimsALargeNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("large input; skipped with -short")
	}
	in := sampleNetwork(50_000, "Hub", 1)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100_000 {
		in.Edges = append(in.Edges, NetworkEdge{Source: in.Nodes[rng.IntN(2000)].ID, Target: in.Nodes[rng.IntN(2000)].ID, Weight: rng.Float64()})
	}
	start := time.Now()
	c, err := NetworkChart(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("50,000 nodes, %d ties: %v, %d bytes", len(in.Edges), time.Since(start), len(c.SVG))
	if !strings.Contains(c.Alt, "showing the 300 largest of 50000 partners") {
		t.Errorf("the alt text does not say the drawing is trimmed: %q", c.Alt)
	}
	if !strings.Contains(c.Alt, "Hub") {
		t.Errorf("the largest node was trimmed away: %q", c.Alt)
	}
	if n := strings.Count(string(c.SVG), "<path"); n > MaxNetworkNodes+MaxNetworkEdges+200 {
		t.Errorf("%d paths: more than the bounds allow", n)
	}
	if len(c.SVG) > 1_000_000 {
		t.Errorf("the SVG is %d bytes, want under 1 MB", len(c.SVG))
	}
}

func TestWrap(t *testing.T) {
	if got := wrap("maatschappelijke organisaties", 80); got != "maatschappelijke\norganisaties" {
		t.Errorf("wrap = %q", got)
	}
	if got := wrap("academia", 10); got != "academia" {
		t.Errorf("a single word was broken: %q", got)
	}
}

// TestPlainTicks: whole numbers without decimals, others short (a count
// axis read "25000.00").
func TestPlainTicks(t *testing.T) {
	for _, c := range []struct{ min, max float64 }{{0, 25000}, {0, 0.37}, {-1, 1}} {
		for _, tk := range (plainTicks{}).Ticks(c.min, c.max) {
			if tk.Label == "" {
				continue
			}
			if strings.HasSuffix(tk.Label, ".00") || len(tk.Label) > 6 {
				t.Errorf("[%g, %g]: tick %g labelled %q", c.min, c.max, tk.Value, tk.Label)
			}
		}
	}
}
