package analysis

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// twoTriangles is two triangles a–b–c and d–e–f joined by c–d.
const (
	twoTrianglesNodes = "a:academia b:academia c:academia d:industry e:industry f:industry"
	twoTrianglesEdges = "a-b b-c a-c c-d d-e e-f d-f"
)

func TestModularityHand(t *testing.T) {
	net := mxNet(t, twoTrianglesNodes, twoTrianglesEdges)
	for _, tc := range []struct {
		name string
		of   []int
		want float64
	}{
		// m = 7; each triangle has L = 3 and degree sum 2 + 2 + 3 = 7:
		// Q = 2 (3/7 − (7/14)²) = 5/14.
		{"triangles", []int{0, 0, 0, 1, 1, 1}, 5.0 / 14},
		// Labels need not be 0..k−1.
		{"labels 7 and 3", []int{7, 7, 7, 3, 3, 3}, 5.0 / 14},
		// One community: Q = 7/7 − (14/14)² = 0.
		{"one", []int{0, 0, 0, 0, 0, 0}, 0},
		// Singletons: Q = −Σ (k_i/14)² = −(4+4+9+9+4+4)/196.
		{"singletons", []int{0, 1, 2, 3, 4, 5}, -34.0 / 196},
	} {
		if got := Modularity(net, tc.of); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("%s: Modularity = %v, want %v", tc.name, got, tc.want)
		}
	}
	// Weighted: c–d of weight 8 makes W = 14 and strengths a, b: 2;
	// c, d: 10; e, f: 2. Triangles: L = 3, S = 14 each:
	// Q = 2 (3/14 − (14/28)²) = 3/7 − 1/2 = −1/14; {a, b}, {c, d}, {e, f}:
	// L = 1, 8, 1 and S = 4, 20, 4: 10/14 − (16 + 400 + 16)/784.
	w := mxNet(t, twoTrianglesNodes, "a-b b-c a-c c-d:8 d-e e-f d-f")
	if got, want := Modularity(w, []int{0, 0, 0, 1, 1, 1}), -1.0/14; math.Abs(got-want) > 1e-15 {
		t.Errorf("weighted triangles: Modularity = %v, want %v", got, want)
	}
	if got, want := Modularity(w, []int{0, 0, 1, 1, 2, 2}), 10.0/14-432.0/784; math.Abs(got-want) > 1e-15 {
		t.Errorf("weighted pairs: Modularity = %v, want %v", got, want)
	}
}

func TestLouvainHand(t *testing.T) {
	net := mxNet(t, twoTrianglesNodes+" g:government", twoTrianglesEdges)
	c := Louvain(net, rand.NewPCG(1, 1))
	// The two triangles, numbered by size then by first node, and the
	// isolated g on its own.
	if want := []int{0, 0, 0, 1, 1, 1, 2}; !reflect.DeepEqual(c.Of, want) {
		t.Errorf("Louvain communities = %v, want %v", c.Of, want)
	}
	if want := []int{3, 3, 1}; !reflect.DeepEqual(c.Sizes, want) {
		t.Errorf("Louvain sizes = %v, want %v", c.Sizes, want)
	}
	if math.Abs(c.Q-5.0/14) > 1e-15 {
		t.Errorf("Louvain Q = %v, want 5/14", c.Q)
	}
}

func TestModularityGolden(t *testing.T) {
	for _, name := range mxGoldenNames {
		t.Run(name, func(t *testing.T) {
			g, net := readMxGolden(t, name)
			if g.NetworkX.Modularity == nil {
				if got := Modularity(net, make([]int, net.N())); !math.IsNaN(got) {
					t.Errorf("Modularity without ties = %v, want NaN", got)
				}
				return
			}
			of := make([]int, net.N())
			comms := make([][]gonum.Node, len(g.NetworkX.Partition))
			for c, members := range g.NetworkX.Partition {
				for _, id := range members {
					i, ok := net.Index(id)
					if !ok {
						t.Fatalf("no node %q", id)
					}
					of[i] = c
					comms[c] = append(comms[c], simple.Node(i))
				}
			}
			want := *g.NetworkX.Modularity
			if got := Modularity(net, of); math.Abs(got-want) > mxGoldenTol {
				t.Errorf("Modularity = %v, want %v (networkx.community.modularity of louvain_communities(seed=1))", got, want)
			}
			if got := community.Q(net, comms, 1); math.Abs(got-want) > mxGoldenTol {
				t.Errorf("gonum community.Q = %v, want %v", got, want)
			}

			// Louvain: a partition numbered by size, its Q its modularity,
			// the same for the same seed, and about as good as NetworkX's.
			c := Louvain(net, rand.NewPCG(1, 1))
			mxCheckCommunities(t, net, c)
			if again := Louvain(net, rand.NewPCG(1, 1)); !reflect.DeepEqual(again, c) {
				t.Errorf("Louvain is not reproducible from its seed")
			}
			if c.Q < want-0.03 {
				t.Errorf("Louvain Q = %v, NetworkX's Louvain found %v", c.Q, want)
			}
		})
	}
}

// checkCommunities checks that c is a valid result of Louvain on net.
func mxCheckCommunities(t *testing.T, net *Network, c Communities) {
	t.Helper()
	if len(c.Of) != net.N() {
		t.Fatalf("%d community labels for %d nodes", len(c.Of), net.N())
	}
	size := make([]int, len(c.Sizes))
	first := make([]int, len(c.Sizes))
	for i := range first {
		first[i] = -1
	}
	for v, k := range c.Of {
		if k < 0 || k >= len(c.Sizes) {
			t.Fatalf("node %d in community %d of %d", v, k, len(c.Sizes))
		}
		size[k]++
		if first[k] < 0 {
			first[k] = v
		}
	}
	if !reflect.DeepEqual(size, c.Sizes) {
		t.Errorf("Sizes = %v, counted %v", c.Sizes, size)
	}
	for k := 1; k < len(size); k++ {
		if size[k] > size[k-1] || size[k] == size[k-1] && first[k] < first[k-1] {
			t.Errorf("communities not ordered by size, then first node: %v, first nodes %v", size, first)
			break
		}
	}
	if q := Modularity(net, c.Of); !mxSame(q, c.Q, 1e-12) {
		t.Errorf("Q = %v, Modularity of the partition = %v", c.Q, q)
	}
}

func TestLouvainEdgeCases(t *testing.T) {
	for _, tc := range []struct{ name, nodes, edges string }{
		{"empty", "", ""},
		{"one node", "a:academia", ""},
		{"isolates", "a:academia b:industry x:", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := mxNet(t, tc.nodes, tc.edges)
			c := Louvain(net, rand.NewPCG(1, 1))
			if len(c.Of) != net.N() || len(c.Sizes) != net.N() || !math.IsNaN(c.Q) {
				t.Errorf("Louvain = %+v, want %d singletons and Q NaN", c, net.N())
			}
			for i, k := range c.Of {
				if k != i {
					t.Errorf("node %d in community %d, want %d", i, k, i)
				}
			}
		})
	}
	// A random network with hubs: Louvain's result passes the checks.
	net := mxRandomNet(rand.New(rand.NewPCG(3, 3)), 300, 900)
	c := Louvain(net, rand.NewPCG(2, 2))
	mxCheckCommunities(t, net, c)
	if !(c.Q > 0.2) {
		t.Errorf("Louvain Q on a sparse random network = %v", c.Q)
	}
	if !slices.IsSortedFunc(c.Sizes, func(a, b int) int { return b - a }) {
		t.Errorf("Sizes not descending: %v", c.Sizes)
	}
	defer func() {
		if recover() == nil {
			t.Error("Modularity with too few labels did not panic")
		}
	}()
	Modularity(net, []int{0})
}

func BenchmarkLouvain(b *testing.B) {
	mxBench(b, func(net *Network) { Louvain(net, rand.NewPCG(1, 1)) })
}

func BenchmarkModularity(b *testing.B) {
	var of []int
	mxBench(b, func(net *Network) {
		if len(of) != net.N() {
			of = make([]int, net.N())
			for i := range of {
				of[i] = i % 50
			}
		}
		Modularity(net, of)
	})
}
