package network

import (
	"slices"
	"testing"
)

// TestDirectionLeavesTheGraphAlone: the undirected graph, on which every
// other function is computed, does not depend on which ties are directed;
// without directed ties in- and out-degree are the degree and the
// reciprocity is 1 (every undirected tie is two arcs).
func TestDirectionLeavesTheGraphAlone(t *testing.T) {
	for k, rc := range randomCases(50) {
		net := rc.graph()
		undirected := slices.Clone(rc.ties)
		for i := range undirected {
			undirected[i].directed = false
		}
		plain := fromTies(rc.ids, undirected)
		if !slices.Equal(net.off, plain.off) || !slices.Equal(net.nbr, plain.nbr) || !slices.Equal(net.w, plain.w) {
			t.Fatalf("case %d: directed ties change the undirected graph", k)
		}
		if plain.dir != nil {
			t.Fatalf("case %d: a graph without directed ties keeps directions", k)
		}
		for i := 0; i < plain.N(); i++ {
			if plain.InDegree(i) != plain.Degree(i) || plain.OutDegree(i) != plain.Degree(i) {
				t.Fatalf("case %d: node %d: in %d out %d degree %d", k, i, plain.InDegree(i), plain.OutDegree(i), plain.Degree(i))
			}
		}
		if r := Reciprocity(plain); plain.M() > 0 && r != 1 {
			t.Errorf("case %d: reciprocity without directed ties = %v, want 1", k, r)
		}
	}
}

// TestDirections checks in- and out-degree and reciprocity on a graph
// worked by hand: a→b, b→a (two directed ties: one mutual pair), a→c, c–d
// undirected, and a→d with d–a undirected as well (mutual). Arcs: a→b,
// b→a, a→c, c→d, d→c, a→d, d→a: 7, of which 6 are reciprocated.
func TestDirections(t *testing.T) {
	g := fromTies([]string{"a", "b", "c", "d"}, []tie{
		{"a", "b", 1, true}, {"b", "a", 1, true}, {"a", "c", 1, true}, {"c", "d", 1, false},
		{"a", "d", 1, true}, {"d", "a", 1, false},
	})
	for _, tt := range []struct {
		id      string
		in, out int
	}{{"a", 2, 3}, {"b", 1, 1}, {"c", 2, 1}, {"d", 2, 2}} {
		i, _ := g.Index(tt.id)
		if g.InDegree(i) != tt.in || g.OutDegree(i) != tt.out {
			t.Errorf("%s: in %d out %d, want %d %d", tt.id, g.InDegree(i), g.OutDegree(i), tt.in, tt.out)
		}
	}
	if r := Reciprocity(g); r != 6.0/7 {
		t.Errorf("reciprocity = %v, want 6/7", r)
	}
	// The induced graph keeps the directions, also where the node order
	// reverses an arc.
	sub, _ := g.Induced([]int{3, 2, 1, 0})
	for _, id := range []string{"a", "b", "c", "d"} {
		i, _ := g.Index(id)
		j, _ := sub.Index(id)
		if g.InDegree(i) != sub.InDegree(j) || g.OutDegree(i) != sub.OutDegree(j) {
			t.Errorf("induced %s: in %d out %d, want %d %d", id, sub.InDegree(j), sub.OutDegree(j), g.InDegree(i), g.OutDegree(i))
		}
	}
}
