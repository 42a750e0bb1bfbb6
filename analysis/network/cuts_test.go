package network

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestArticulationPointsNetworkX compares with NetworkX 3.6.1 on the graphs
// of testdata/golden:
//
//	G = nx.Graph(); G.add_nodes_from(ids); G.add_edges_from(edges)
//	sorted(nx.articulation_points(G)); sorted(tuple(sorted(b)) for b in nx.bridges(G))
func TestArticulationPointsNetworkX(t *testing.T) {
	tests := []struct {
		graph   string
		points  []string
		bridges [][2]string
	}{
		{"karate", []string{"0"}, [][2]string{{"0", "11"}}},
		{"les_miserables",
			[]string{"Fauchelevent", "Gavroche", "Mabeuf", "MlleGillenormand", "MmeBurgon", "Myriel", "Thenardier", "Valjean"},
			[][2]string{{"Boulatruelle", "Thenardier"}, {"Champtercier", "Myriel"}, {"Count", "Myriel"}, {"CountessDeLo", "Myriel"},
				{"Cravatte", "Myriel"}, {"Fauchelevent", "Gribier"}, {"Gavroche", "MmeBurgon"}, {"Geborand", "Myriel"},
				{"Gervais", "Valjean"}, {"Isabeau", "Valjean"}, {"Jondrette", "MmeBurgon"}, {"Labarre", "Valjean"},
				{"Mabeuf", "MotherPlutarch"}, {"MlleGillenormand", "MlleVaubois"}, {"MmeDeR", "Valjean"}, {"Myriel", "Napoleon"},
				{"Myriel", "OldMan"}, {"Scaufflaire", "Valjean"}}},
		{"florentine", []string{"Albizzi", "Guadagni", "Medici", "Salviati"},
			[][2]string{{"Acciaiuoli", "Medici"}, {"Albizzi", "Ginori"}, {"Guadagni", "Lamberteschi"}, {"Medici", "Salviati"}, {"Pazzi", "Salviati"}}},
		{"davis_women", nil, nil},
		{"disconnected", []string{"f:Albizzi", "f:Guadagni", "f:Medici", "f:Salviati", "k:0"},
			[][2]string{{"f:Acciaiuoli", "f:Medici"}, {"f:Albizzi", "f:Ginori"}, {"f:Guadagni", "f:Lamberteschi"},
				{"f:Medici", "f:Salviati"}, {"f:Pazzi", "f:Salviati"}, {"k:0", "k:11"}}},
	}
	for _, tt := range tests {
		t.Run(tt.graph, func(t *testing.T) {
			net := readGolden(t, tt.graph).graph()
			var got []string
			for _, v := range ArticulationPoints(net) {
				got = append(got, net.ID(v))
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.points) {
				t.Errorf("articulation points: got %v, want %v", got, tt.points)
			}
			var gotB [][2]string
			for _, b := range Bridges(net) {
				p := [2]string{net.ID(b[0]), net.ID(b[1])}
				if p[1] < p[0] {
					p[0], p[1] = p[1], p[0]
				}
				gotB = append(gotB, p)
			}
			slices.SortFunc(gotB, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
			if !slices.Equal(gotB, tt.bridges) {
				t.Errorf("bridges: got %v, want %v", gotB, tt.bridges)
			}
		})
	}
}

func TestArticulationPointsHandMade(t *testing.T) {
	path := func(n int) [][2]int {
		var out [][2]int
		for i := 0; i+1 < n; i++ {
			out = append(out, [2]int{i, i + 1})
		}
		return out
	}
	tests := []struct {
		name    string
		n       int
		edges   [][2]int
		points  []int
		bridges [][2]int
	}{
		{"empty", 0, nil, []int{}, [][2]int{}},
		{"one node", 1, nil, []int{}, [][2]int{}},
		{"one edge", 2, [][2]int{{0, 1}}, []int{}, [][2]int{{0, 1}}},
		// 0-1-2-3: the inner nodes cut, every edge is a bridge.
		{"path", 4, path(4), []int{1, 2}, [][2]int{{0, 1}, {1, 2}, {2, 3}}},
		// A star with centre 0.
		{"star", 4, [][2]int{{0, 1}, {0, 2}, {0, 3}}, []int{0}, [][2]int{{0, 1}, {0, 2}, {0, 3}}},
		{"cycle", 4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 0}}, []int{}, [][2]int{}},
		// Two triangles 0-1-2 and 2-3-4 sharing node 2 (a bow tie): 2
		// cuts, no edge is a bridge.
		{"bow tie", 5, [][2]int{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 2}}, []int{2}, [][2]int{}},
		// Two triangles joined by the edge 2-3: both ends cut, 2-3 is the
		// only bridge; node 6 is isolated.
		{"dumbbell", 7, [][2]int{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 5}, {5, 3}}, []int{2, 3}, [][2]int{{2, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net := edgeNet(tt.n, tt.edges)
			if got := ArticulationPoints(net); !slices.Equal(got, tt.points) {
				t.Errorf("articulation points: got %v, want %v", got, tt.points)
			}
			if got := Bridges(net); !slices.Equal(got, tt.bridges) {
				t.Errorf("bridges: got %v, want %v", got, tt.bridges)
			}
		})
	}
	// A path of 200,000 nodes would overflow a recursive search's stack
	// in many languages; the iterative one finds n-2 points, n-1 bridges.
	const n = 200000
	var edges []Edge
	for i := 0; i+1 < n; i++ {
		edges = append(edges, Edge{int32(i), int32(i + 1), 1})
	}
	net := Build(NewLabels(make([]string, n)), edges, nil)
	if got := len(ArticulationPoints(net)); got != n-2 {
		t.Errorf("long path: got %d articulation points, want %d", got, n-2)
	}
	if got := len(Bridges(net)); got != n-1 {
		t.Errorf("long path: got %d bridges, want %d", got, n-1)
	}
}

// TestCutsAgainstRemoval checks ArticulationPoints and Bridges against
// their definitions on random sparse graphs: remove the node (the edge) and
// count the components of what is left.
func TestCutsAgainstRemoval(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 3))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.IntN(30)
		var edges [][2]int
		for k := r.IntN(2*n + 1); k > 0; k-- {
			if u, v := r.IntN(n), r.IntN(n); u != v {
				edges = append(edges, [2]int{u, v})
			}
		}
		g := edgeNet(n, edges)
		// components counts the components of g without node skip and
		// without the edge skipEdge.
		components := func(skip int, skipEdge [2]int) int {
			u := NewUnionFind(n)
			count := n
			if skip >= 0 {
				count--
			}
			for v := 0; v < n; v++ {
				for _, w := range g.Neighbors(v) {
					if v == skip || int(w) == skip || [2]int{v, int(w)} == skipEdge || [2]int{int(w), v} == skipEdge {
						continue
					}
					if u.Union(int32(v), w) {
						count--
					}
				}
			}
			return count
		}
		whole := components(-1, [2]int{-1, -1})
		var points []int
		var bridges [][2]int
		for v := 0; v < n; v++ {
			// Removing a node that cuts nothing leaves its component one
			// (an isolated node: none, so it is never a cut).
			if components(v, [2]int{-1, -1}) > whole {
				points = append(points, v)
			}
			for _, w := range g.Neighbors(v) {
				if int(w) > v && components(-1, [2]int{v, int(w)}) > whole {
					bridges = append(bridges, [2]int{v, int(w)})
				}
			}
		}
		if got := ArticulationPoints(g); !slices.Equal(got, points) && !(len(got) == 0 && len(points) == 0) {
			t.Fatalf("trial %d (n=%d, edges %v): articulation points %v, want %v", trial, n, edges, got, points)
		}
		if got := Bridges(g); !slices.Equal(got, bridges) && !(len(got) == 0 && len(bridges) == 0) {
			t.Fatalf("trial %d (n=%d, edges %v): bridges %v, want %v", trial, n, edges, got, bridges)
		}
	}
}
