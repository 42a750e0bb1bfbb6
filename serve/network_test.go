package serve

import (
	"context"
	"slices"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// TestBuildNetworkTies: the ties come in rows of their lower node
// (offsets, target), each pair once; an edge made only by explicit ties
// carries their widest span as YYYYMMDD numbers (0 open), one that a shared
// unit makes too carries none; partners carry their own span.
func TestBuildNetworkTies(t *testing.T) {
	p := func(id string, since graph.Date) graph.Partner {
		return graph.Partner{ID: id, Name: id, Helix: "academia", Period: graph.Period{Since: since}}
	}
	tie := func(a, b string, since, until graph.Date) graph.Tie {
		return graph.Tie{Source: a, Target: b, Weight: 1, Period: graph.Period{Since: since, Until: until}}
	}
	e := &graph.Ecosystem{
		Name:     "t",
		Partners: []graph.Partner{p("a", graph.NewDate(2019, 3, 1)), p("b", graph.Date{}), p("c", graph.Date{}), p("d", graph.Date{})},
		Ties: []graph.Tie{
			tie("c", "a", graph.NewDate(2020, 1, 1), graph.NewDate(2021, 6, 30)), // a–c twice: the widest span
			tie("a", "c", graph.NewDate(2019, 5, 1), graph.NewDate(2020, 12, 31)),
			tie("b", "d", graph.Date{}, graph.NewDate(2022, 1, 31)), // open start
			tie("a", "b", graph.NewDate(2020, 1, 1), graph.Date{}),  // b–a also by the unit
		},
		Units:       []graph.Unit{{ID: "u", Name: "u", Level: "team", Form: "team"}},
		Memberships: []graph.Membership{{Unit: "u", Member: "a"}, {Unit: "u", Member: "b"}},
	}
	net, err := BuildNetwork(context.Background(), e, "test", analysis.DefaultOptions(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int32{20190301, 0, 0, 0}; !slices.Equal(net.Nodes.Start, want) {
		t.Errorf("nodes.start %v, want %v", net.Nodes.Start, want)
	}
	idx := map[string]int32{}
	for i, id := range net.Nodes.ID {
		idx[id] = int32(i)
	}
	ties := net.Ties
	if len(ties.Offsets) != 5 || ties.Offsets[0] != 0 || int(ties.Offsets[4]) != len(ties.Target) || len(ties.Target) != 3 {
		t.Fatalf("offsets %v, %d targets; want 5 offsets and 3 ties", ties.Offsets, len(ties.Target))
	}
	type span struct{ start, end int32 }
	got := map[[2]string]span{}
	for u := range 4 {
		for k := ties.Offsets[u]; k < ties.Offsets[u+1]; k++ {
			v := ties.Target[k]
			if v <= int32(u) {
				t.Fatalf("tie %d: %d–%d not from the lower node", k, u, v)
			}
			got[[2]string{net.Nodes.ID[u], net.Nodes.ID[v]}] = span{ties.Start[k], ties.End[k]}
		}
	}
	key := func(a, b string) [2]string {
		if idx[a] > idx[b] {
			a, b = b, a
		}
		return [2]string{a, b}
	}
	for pair, want := range map[[2]string]span{
		key("a", "c"): {20190501, 20210630},
		key("b", "d"): {0, 20220131},
		key("a", "b"): {0, 0},
	} {
		if s, ok := got[pair]; !ok || s != want {
			t.Errorf("%v: span %v (present %v), want %v", pair, s, ok, want)
		}
	}
}
