package analysis

import (
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestInduced(t *testing.T) {
	// A path a-b-c-d with weights 1, 2, 3 and a chord a-c of weight 4.
	e := &graph.Ecosystem{
		Partners: []graph.Partner{{ID: "a", Helix: graph.Academia}, {ID: "b", Helix: graph.Industry}, {ID: "c"}, {ID: "d"}},
		Ties: []graph.Tie{
			{Source: "a", Target: "b", Weight: 1}, {Source: "b", Target: "c", Weight: 2},
			{Source: "c", Target: "d", Weight: 3}, {Source: "a", Target: "c", Weight: 4},
		},
	}
	net := New(e, Options{Ties: TiesExplicit})
	sub := net.Induced([]int{2, 0, 1, 2}) // c, a, b (c repeated)
	if sub.N() != 3 || sub.M() != 3 {
		t.Fatalf("induced on c, a, b: %d nodes %d edges, want 3 and 3", sub.N(), sub.M())
	}
	if sub.ID(0) != "c" || sub.Helix(1) != graph.Academia || sub.Helix(0) != graph.HelixUnknown {
		t.Errorf("node order or attributes lost: %s %s %s", sub.ID(0), sub.Helix(1), sub.Helix(0))
	}
	// c's strength within {a, b, c}: b-c 2 + a-c 4 = 6 (c-d left out).
	if sub.Strength(0) != 6 {
		t.Errorf("strength of c = %v, want 6", sub.Strength(0))
	}
	if w, ok := sub.Weight(1, 0); !ok || w != 4 {
		t.Errorf("weight a-c = %v %v, want 4", w, ok)
	}
	if empty := net.Induced(nil); empty.N() != 0 || empty.M() != 0 {
		t.Errorf("empty induced network has %d nodes", empty.N())
	}
}
