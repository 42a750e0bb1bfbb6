package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

// dirCase is a case of testdata/directed/cases.json, written by
// testdata/directed/make_golden.py with NetworkX 3.6.1: an ecosystem, the
// tie source, and NetworkX 3.6.1 in_degree/out_degree/reciprocity on the
// directed partner network D (dict(D.in_degree()), dict(D.out_degree()),
// nx.reciprocity(D); null where NetworkX raises "Not defined for empty
// graphs"), the degree on the undirected network G (dict(G.degree())), and
// the ties counted in plain Python.
type dirCase struct {
	Name        string           `json:"name"`
	Description string           `json:"description"`
	Ties        string           `json:"ties"`
	Ecosystem   *graph.Ecosystem `json:"ecosystem"`
	Expected    struct {
		InDegree     map[string]int `json:"in_degree"`
		OutDegree    map[string]int `json:"out_degree"`
		Degree       map[string]int `json:"degree"`
		Reciprocity  *float64       `json:"reciprocity"`
		ExplicitTies int            `json:"explicit_ties"`
		DirectedTies int            `json:"directed_ties"`
	} `json:"expected"`
}

func readDirCases(t *testing.T) []dirCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "directed", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		NetworkX string    `json:"networkx"`
		Cases    []dirCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.NetworkX != "3.6.1" || len(doc.Cases) == 0 {
		t.Fatalf("cases.json: NetworkX %q, %d cases", doc.NetworkX, len(doc.Cases))
	}
	return doc.Cases
}

func dirTieSource(t *testing.T, s string) TieSource {
	t.Helper()
	for _, ts := range []TieSource{TiesAll, TiesExplicit, TiesUnits} {
		if ts.String() == s {
			return ts
		}
	}
	t.Fatalf("unknown tie source %q", s)
	return 0
}

// checkDirected compares net's degrees, in- and out-degrees and reciprocity
// with c's expected values, by partner id.
func checkDirected(t *testing.T, what string, net *Network, c dirCase) {
	t.Helper()
	x := c.Expected
	if net.N() != len(x.Degree) {
		t.Fatalf("%s: %d partners, want %d", what, net.N(), len(x.Degree))
	}
	for i := 0; i < net.N(); i++ {
		id := net.ID(i)
		if got, want := net.Degree(i), x.Degree[id]; got != want {
			t.Errorf("%s: degree(%s) = %d, want %d", what, id, got, want)
		}
		if got, want := net.InDegree(i), x.InDegree[id]; got != want {
			t.Errorf("%s: in_degree(%s) = %d, want %d", what, id, got, want)
		}
		if got, want := net.OutDegree(i), x.OutDegree[id]; got != want {
			t.Errorf("%s: out_degree(%s) = %d, want %d", what, id, got, want)
		}
	}
	// Both sides divide two integers (reciprocated arcs by arcs), so the
	// quotients are equal to the last bit.
	got := network.Reciprocity(net.Graph)
	if x.Reciprocity == nil {
		if !math.IsNaN(got) {
			t.Errorf("%s: reciprocity = %v, want NaN (NetworkX: not defined)", what, got)
		}
	} else if got != *x.Reciprocity {
		t.Errorf("%s: reciprocity = %v, want %v", what, got, *x.Reciprocity)
	}
}

// TestDirectedGolden: in_degree, out_degree and reciprocity as NetworkX
// 3.6.1 in_degree/out_degree/reciprocity compute them on the directed
// partner network (testdata/directed), and the undirected degree unchanged.
func TestDirectedGolden(t *testing.T) {
	for _, c := range readDirCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			net := New(c.Ecosystem, Options{Ties: dirTieSource(t, c.Ties)})
			checkDirected(t, "New", net, c)

			// An induced network keeps the directions, also where the
			// node order reverses an arc.
			nodes := make([]int, net.N())
			for i := range nodes {
				nodes[i] = net.N() - 1 - i
			}
			checkDirected(t, "Induced (reversed)", net.Induced(nodes), c)
		})
	}
}

// adviceCase returns case "advice" of testdata/directed: the example of
// issue 8.
func adviceCase(t *testing.T) dirCase {
	t.Helper()
	cases := readDirCases(t)
	c := cases[slices.IndexFunc(cases, func(c dirCase) bool { return c.Name == "advice" })]
	if c.Expected.InDegree["hub"] != 13 || c.Expected.OutDegree["hub"] != 6 || c.Expected.Degree["hub"] != 16 {
		t.Fatalf("the golden advice network is not the example: %+v", c.Expected)
	}
	return c
}

// TestAdviceNetwork is the example of issue 8: an advice network in which
// one partner is asked by 13 partners and asks 6 (3 of them both ways) was
// analysed as one of degree 16 without a word. Expected values: NetworkX
// 3.6.1 in_degree/out_degree/reciprocity, case "advice" of
// testdata/directed (24 arcs, 10 of them reciprocated: 10/24).
func TestAdviceNetwork(t *testing.T) {
	c := adviceCase(t)
	net := New(c.Ecosystem, Options{Ties: TiesExplicit})
	hub, _ := net.Index("hub")
	if net.Degree(hub) != 16 || net.InDegree(hub) != 13 || net.OutDegree(hub) != 6 {
		t.Errorf("hub: degree %d, in_degree %d, out_degree %d; want 16, 13, 6", net.Degree(hub), net.InDegree(hub), net.OutDegree(hub))
	}
	if got, want := network.Reciprocity(net.Graph), *c.Expected.Reciprocity; got != want || want != 10.0/24 {
		t.Errorf("reciprocity = %v, want %v (NetworkX) = 10/24", got, want)
	}
}

// TestNotesSayDirectedTies: a network made with directed ties says so, with
// the count of testdata/directed (make_golden.py counts the ties that
// joined two different known partners); one made without directed ties, or
// from unit ties only, says nothing of direction.
func TestNotesSayDirectedTies(t *testing.T) {
	for _, c := range readDirCases(t) {
		net := New(c.Ecosystem, Options{Ties: dirTieSource(t, c.Ties)})
		var found []Note
		for _, n := range net.Notes() {
			if n.Code == "directed_ties_undirected" {
				found = append(found, n)
			}
		}
		if c.Expected.DirectedTies == 0 {
			if len(found) != 0 {
				t.Errorf("%s: no directed tie, but notes %v", c.Name, found)
			}
			continue
		}
		verb := "are"
		if c.Expected.DirectedTies == 1 {
			verb = "is"
		}
		count := fmt.Sprintf("%d of %d explicit ties %s directed", c.Expected.DirectedTies, c.Expected.ExplicitTies, verb)
		if len(found) != 1 || !strings.Contains(found[0].Message, count) ||
			!strings.Contains(found[0].Message, "except in_degree and out_degree") || !strings.Contains(found[0].Message, "reciprocity") {
			t.Errorf("%s: notes %v, want one directed_ties_undirected saying %q and naming the exceptions", c.Name, net.Notes(), count)
		}
	}
}

// datedAdvice returns the advice network with two ties dated: the first,
// a directed tie p01 -> hub, starts in 2030; the last, the undirected tie
// p05 - p06, ended in 2019. Of its 23 explicit ties 21 are directed
// (testdata/directed), so in 2020 20 of 21 are, from 2030 on 21 of 22.
func datedAdvice(t *testing.T) *graph.Ecosystem {
	t.Helper()
	e := adviceCase(t).Ecosystem
	e.Ties = slices.Clone(e.Ties)
	first, last := &e.Ties[0], &e.Ties[len(e.Ties)-1]
	if first.Source != "p01" || first.Target != "hub" || !first.Directed || last.Source != "p05" || last.Target != "p06" || last.Directed {
		t.Fatalf("the advice network changed: first tie %+v, last %+v", *first, *last)
	}
	first.Since = graph.MustParseDate("2030")
	last.Until = graph.MustParseDate("2019")
	return e
}

// directedNotes returns the messages of the notes on directed ties.
func directedNotes(notes Notes) []string {
	var out []string
	for _, n := range notes {
		if n.Code == "directed_ties_undirected" {
			out = append(out, n.Message)
		}
	}
	return out
}

// TestGrowthAndDiffSayDirectedTies: growth sweeps the snapshots without
// building networks, and diff compares two; both say how many ties were
// directed, counting the ties that joined partners in the snapshots
// (counts by hand from datedAdvice).
func TestGrowthAndDiffSayDirectedTies(t *testing.T) {
	e := datedAdvice(t)
	spans := Spans(graph.MustParseDate("2020"), graph.MustParseDate("2021"), EveryYear)
	_, notes, err := Growth(context.Background(), e, spans, GrowthOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := directedNotes(notes); len(got) != 1 || !strings.HasPrefix(got[0], "20 of 21 explicit ties in the series are directed") {
		t.Errorf("growth 2020-2021: notes %v, want 20 of 21 directed", notes)
	}
	spans = Spans(graph.MustParseDate("2020"), graph.MustParseDate("2031"), EveryYear)
	_, notes, _ = Growth(context.Background(), e, spans, GrowthOptions{Ties: TiesExplicit})
	if got := directedNotes(notes); len(got) != 1 || !strings.HasPrefix(got[0], "21 of 22 explicit ties in the series are directed") {
		t.Errorf("growth 2020-2031: notes %v, want 21 of 22 directed", notes)
	}
	_, notes, _ = Growth(context.Background(), e, spans, GrowthOptions{Ties: TiesUnits})
	if got := directedNotes(notes); len(got) != 0 {
		t.Errorf("growth with unit ties only: notes %v, want none on directed ties", got)
	}

	d := DiffOf(e.At(graph.MustParseDate("2020")), e.At(graph.MustParseDate("2030")), Options{})
	if got := directedNotes(d.Notes); len(got) != 1 ||
		!strings.HasPrefix(got[0], "20 of 21 explicit ties of snapshot A and 21 of 22 of snapshot B are directed") {
		t.Errorf("diff 2020 2030: notes %v", d.Notes)
	}
	d = DiffOf(e.At(graph.MustParseDate("2020")), e.At(graph.MustParseDate("2030")), Options{Ties: TiesUnits})
	if got := directedNotes(d.Notes); len(got) != 0 {
		t.Errorf("diff with unit ties only: notes %v, want none on directed ties", got)
	}
}
