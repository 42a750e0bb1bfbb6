package analysis

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestFloatJSON(t *testing.T) {
	b, err := json.Marshal([]Float{1.0 / 3, Float(math.NaN()), Float(math.Inf(1)), 0, 1e-300})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "[0.3333333333333333,null,null,0,1e-300]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	var f []Float
	if err := json.Unmarshal(b, &f); err != nil || f[0] != 1.0/3 || !math.IsNaN(float64(f[1])) {
		t.Errorf("round trip: %v %v", f, err)
	}
}

// The unit-level metrics of tiny (composition_test.go) restricted to each
// unit's subtree, worked out by hand:
//   - t: uni and bv; explicit tie uni-bv and the unit tie (both members of t)
//     merge into one edge: 1 tie, density 1, academia + industry: Blau 0.5,
//     E-I (1-0)/1 = 1, public-private share 1 (public uni, private bv).
//   - eco: gem, wijk, uni, bv: ties uni-bv and gem-wijk (explicit); unit
//     ties only between direct co-members (t: uni-bv, already counted);
//     2 ties of 6 pairs: density 1/3; four known types, one each: Blau 0.75;
//     wijk is private (override), gem public: both ties public-private.
func TestUnitMetricsOf(t *testing.T) {
	e := tiny(t)
	net := New(e, Options{})
	units := UnitMetricsOf(e, net)
	if len(units) != 3 {
		t.Fatalf("%d units, want 3", len(units))
	}
	eco, tm := units[0], units[2]
	if tm.ID != "t" || tm.Ties != 1 || tm.Density != 1 || tm.BlauIndex != 0.5 || tm.EIIndex != 1 || tm.PublicPrivateTieShare != 1 {
		t.Errorf("unit t = %+v", tm)
	}
	if eco.Ties != 2 || math.Abs(float64(eco.Density)-1.0/3) > 1e-15 || eco.BlauIndex != 0.75 || eco.PublicPrivateTieShare != 1 {
		t.Errorf("unit eco = ties %d density %v blau %v pp %v", eco.Ties, eco.Density, eco.BlauIndex, eco.PublicPrivateTieShare)
	}
	if eco.HelixCoverage.Class != graph.Quadruple || eco.HelixMixing[graph.Academia][graph.Industry] != 1 || eco.HelixMixing[graph.Government][graph.CivilSociety] != 1 {
		t.Errorf("eco coverage %s mixing %v", eco.HelixCoverage.Class, eco.HelixMixing)
	}
}

func TestNetworkAndNodeMetricsOf(t *testing.T) {
	e := tiny(t)
	net := New(e, Options{Ties: TiesExplicit})
	m, err := NetworkMetricsOf(t.Context(), e, net, MetricsOptions{Seed: 1, Permutations: 99})
	if err != nil {
		t.Fatal(err)
	}
	// 5 partners, ties uni-bv and gem-wijk: components {uni,bv} {gem,wijk} {los}.
	if m.Partners != 5 || m.Ties != 2 || m.Components != 3 || m.LargestComponentShare != 0.4 || m.EIPermutations != 99 {
		t.Errorf("network metrics %+v", m)
	}
	// Mixing as tie counts: one academia-industry tie, symmetric, no diagonal.
	if m.HelixMixing[graph.Academia][graph.Industry] != 1 || m.HelixMixing[graph.Industry][graph.Academia] != 1 || m.HelixMixing[graph.Academia][graph.Academia] != 0 {
		t.Errorf("mixing %v", m.HelixMixing)
	}
	if _, ok := m.HelixMixing[graph.HelixUnknown]; !ok {
		t.Error("the unknown partner los has no mixing row")
	}
	nodes, approx, err := NodeMetricsOf(t.Context(), net, MetricsOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if approx != nil || len(nodes) != 5 || nodes[0].ID != "uni" || nodes[0].Degree != 1 || nodes[4].Degree != 0 {
		t.Errorf("nodes %+v approx %v", nodes, approx)
	}
	_, approx, _ = NodeMetricsOf(t.Context(), net, MetricsOptions{Seed: 1, Approx: 0.1})
	if approx == nil || approx.Epsilon != 0.1 || approx.Samples < 1 {
		t.Errorf("approx %+v", approx)
	}
	// A JSON document must encode even with NaN metrics (assortativity of
	// a network without ties between known types).
	empty := New(&graph.Ecosystem{}, Options{})
	em, _ := NetworkMetricsOf(t.Context(), &graph.Ecosystem{}, empty, MetricsOptions{})
	if _, err := json.Marshal(em); err != nil {
		t.Errorf("empty network metrics do not encode: %v", err)
	}
}

// TestAdviceNetworkMetrics: the node and network metrics carry in_degree,
// out_degree and reciprocity of the advice network of issue 8 (NetworkX
// 3.6.1 in_degree/out_degree/reciprocity, testdata/directed case "advice"),
// under stable JSON keys; reciprocity is null without ties.
func TestAdviceNetworkMetrics(t *testing.T) {
	c := adviceCase(t)
	net := New(c.Ecosystem, Options{Ties: TiesExplicit})
	nodes, _, err := NodeMetricsOf(t.Context(), net, MetricsOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		if n.InDegree != c.Expected.InDegree[n.ID] || n.OutDegree != c.Expected.OutDegree[n.ID] || n.Degree != c.Expected.Degree[n.ID] {
			t.Errorf("%s: degree %d in %d out %d; want %d %d %d", n.ID, n.Degree, n.InDegree, n.OutDegree,
				c.Expected.Degree[n.ID], c.Expected.InDegree[n.ID], c.Expected.OutDegree[n.ID])
		}
	}
	hub := nodes[0]
	b, _ := json.Marshal(hub)
	var keys map[string]any
	json.Unmarshal(b, &keys)
	if hub.ID != "hub" || keys["in_degree"] != 13.0 || keys["out_degree"] != 6.0 || keys["degree"] != 16.0 {
		t.Errorf("hub JSON %s: want degree 16, in_degree 13, out_degree 6", b)
	}
	m, err := NetworkMetricsOf(t.Context(), c.Ecosystem, net, MetricsOptions{Seed: 1, Permutations: 9})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(m)
	json.Unmarshal(b, &keys)
	if keys["reciprocity"] != *c.Expected.Reciprocity {
		t.Errorf("network JSON reciprocity %v, want %v", keys["reciprocity"], *c.Expected.Reciprocity)
	}
	empty := New(&graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}}}, Options{})
	em, _ := NetworkMetricsOf(t.Context(), &graph.Ecosystem{}, empty, MetricsOptions{})
	b, _ = json.Marshal(em)
	json.Unmarshal(b, &keys)
	if v, ok := keys["reciprocity"]; !ok || v != nil {
		t.Errorf("reciprocity of a network without ties = %v (present %v), want null (NetworkX: not defined)", v, ok)
	}
}
