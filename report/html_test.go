package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report/charts"
)

const evil = `<script>alert(1)</script> | * "q" & 'a'`

func evilPage(t *testing.T) HTMLPage {
	t.Helper()
	c, err := charts.BarChart(charts.Bars{Title: evil, Bars: []charts.Bar{{Label: evil, Value: 3, Helix: graph.Academia}}})
	if err != nil {
		t.Fatal(err)
	}
	table := HTMLTable{Caption: evil, Header: []string{evil, "n"}, Rows: [][]string{{evil, "3"}, {"b", "0,25"}, {"c", "12 %"}, {"d", "n/a"}}}
	return HTMLPage{Lang: "nl", Title: evil, Subtitle: evil, Labels: HTMLLabels{Contents: "Inhoud", Data: "Gegevens"}, Footer: evil,
		Sections: []HTMLSection{
			{ID: "samenvatting", Title: evil, Paragraphs: []string{evil}, Items: []HTMLItem{{Text: evil, Ref: "samenstelling"}, {Text: evil}}},
			{ID: "samenstelling", Title: evil, Charts: []HTMLChart{{ID: "chart-1", Title: evil, Chart: c, Table: table}}, Tables: []HTMLTable{table},
				Subsections: []HTMLSection{{ID: "menging", Title: evil, Paragraphs: []string{evil}}}},
		}}
}

func writePage(t *testing.T, p HTMLPage) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHTMLEscapesUserText: a partner named <script> shows as text wherever
// user text lands: title, headings, paragraphs, items, captions, cells and
// the charts' SVG.
func TestHTMLEscapesUserText(t *testing.T) {
	out := writePage(t, evilPage(t))
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Error("the page holds a <script element: user text is not escaped")
	}
	if n := strings.Count(out, "&lt;script&gt;alert(1)&lt;/script&gt;"); n < 10 {
		t.Errorf("the name shows escaped %d times, want it in every place it was put", n)
	}
}

// TestHTMLIsSelfContained: nothing in the page makes the browser fetch: no
// URL but the SVG namespace, no src, no external stylesheet or font, no
// script; and a Content-Security-Policy that forbids fetching anyway.
func TestHTMLIsSelfContained(t *testing.T) {
	out := examplePage(t, CheckEnglish)
	for _, m := range regexp.MustCompile(`https?:[^"'\s)]*`).FindAllString(out, -1) {
		if m != "http://www.w3.org/2000/svg" {
			t.Errorf("the page names %s", m)
		}
	}
	for _, bad := range []string{" src=", "<script", "@import", "url(", "<link rel=\"stylesheet", "@font-face", "<iframe", "<object"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if !strings.Contains(out, `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`) {
		t.Error("the page has no Content-Security-Policy forbidding fetches")
	}
	if !strings.Contains(out, `<meta name="viewport" content="width=device-width, initial-scale=1">`) {
		t.Error("the page has no viewport meta: a phone would show it shrunk")
	}
	if !strings.Contains(out, "@media print") {
		t.Error("the page has no print style")
	}
}

// TestHTMLStructure: lang, one h1, sections h2 and subsections h3, a table
// of contents linking every section, each chart a figure with role="img"
// SVG and its table in a <details>, numbers aligned right.
func TestHTMLStructure(t *testing.T) {
	out := writePage(t, evilPage(t))
	must := []string{
		`<html lang="nl">`,
		`<h2 id="toc-title">Inhoud</h2>`,
		`<li><a href="#samenvatting">`, `<li><a href="#samenstelling">`, `<li><a href="#menging">`,
		`<section id="samenstelling" aria-labelledby="samenstelling-h">`, `<h2 id="samenstelling-h">`,
		`<section id="menging" class="sub" aria-labelledby="menging-h">`, `<h3 id="menging-h">`,
		`<figure id="chart-1" class="chart">`, `role="img"`, "<details>\n<summary>Gegevens</summary>",
		`<a href="#samenstelling">&lt;script&gt;`,
		`<td class="num">3</td>`, `<td class="num">0,25</td>`, `<td class="num">12 %</td>`, `<td>n/a</td>`,
		`<th scope="col">`, `<th scope="row">`, `<div class="table-wrap" tabindex="0">`,
	}
	for _, m := range must {
		if !strings.Contains(out, m) {
			t.Errorf("the page lacks %s", m)
		}
	}
	if n := strings.Count(out, "<h1"); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	if strings.Contains(out, "<h4") {
		t.Error("a heading skips a level")
	}
}

func TestHTMLRejectsBadIDs(t *testing.T) {
	for name, ss := range map[string][]HTMLSection{
		"quote":         {{ID: `a"b`}},
		"space":         {{ID: "a b"}},
		"empty":         {{ID: ""}},
		"twice":         {{ID: "a"}, {ID: "a"}},
		"chart=section": {{ID: "a", Charts: []HTMLChart{{ID: "a"}}}},
		"nested twice":  {{ID: "a", Subsections: []HTMLSection{{ID: "a"}}}},
	} {
		if err := WriteHTML(&bytes.Buffer{}, HTMLPage{Sections: ss}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestHTMLIsDeterministic: the same report, the same bytes.
func TestHTMLIsDeterministic(t *testing.T) {
	if a, b := examplePage(t, CheckDutch), examplePage(t, CheckDutch); a != b {
		t.Error("two pages of the same data differ")
	}
}

// TestHTMLOfALargeEcosystem puts the network of a 50,000-partner
// ecosystem, passed whole (the drawing trims it), into the report of the
// example: under 5 MB. (The 50,000-partner report itself is measured
// through the command: docs/report.md.)
func TestHTMLOfALargeEcosystem(t *testing.T) {
	if testing.Short() {
		t.Skip("large input; skipped with -short")
	}
	const n = 50_000
	rng := rand.New(rand.NewPCG(5, 6))
	nodes := make([]charts.NetworkNode, n)
	for i := range nodes {
		nodes[i] = charts.NetworkNode{ID: fmt.Sprintf("p%05d", i), Name: fmt.Sprintf("Partner organisation %d", i),
			Helix: charts.HelixOrder[rng.IntN(6)], Size: rng.Float64() * 1000, Units: []string{fmt.Sprintf("u%d", i%200)}}
	}
	var edges []charts.NetworkEdge
	for range 4 * n {
		edges = append(edges, charts.NetworkEdge{Source: nodes[rng.IntN(n)].ID, Target: nodes[rng.IntN(n)].ID, Weight: 1})
	}
	var hulls []charts.NetworkUnit
	for u := range 8 {
		hulls = append(hulls, charts.NetworkUnit{ID: fmt.Sprintf("u%d", u), Name: fmt.Sprintf("Fieldlab %d", u)})
	}
	net, err := charts.NetworkChart(charts.Network{Title: "network", Nodes: nodes, Edges: edges, Units: hulls, UnitLabel: "fieldlab", SizeLabel: "betweenness", Total: n})
	if err != nil {
		t.Fatal(err)
	}
	_, d := exampleDoc(t)
	drawn, err := DrawCharts(d, CheckEnglish, 1)
	if err != nil {
		t.Fatal(err)
	}
	drawn[ChartNetwork] = net
	var b bytes.Buffer
	if err := WriteDocHTML(&b, d, DocOptions{Lang: CheckEnglish, Units: AllUnits, Charts: drawn}); err != nil {
		t.Fatal(err)
	}
	t.Logf("page with a network of %d partners: %d bytes (network drawing %d)", n, b.Len(), len(net.SVG))
	if b.Len() > 5<<20 {
		t.Errorf("the page is %d bytes, over 5 MB", b.Len())
	}
}
