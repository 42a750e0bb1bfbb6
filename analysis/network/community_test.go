package network

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
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

// specNet builds a graph from a compact description, for the tests of the
// community functions. nodes lists node labels separated by spaces; a label
// may carry ":attribute" suffixes (the helix types of package analysis's
// tests), which are ignored. edges lists "u-v" or "u-v:weight".
func specNet(t testing.TB, nodes, edges string) *Graph {
	t.Helper()
	var ids []string
	for _, f := range strings.Fields(nodes) {
		id, _, _ := strings.Cut(f, ":")
		ids = append(ids, id)
	}
	var ties []tie
	for _, f := range strings.Fields(edges) {
		w := 1.0
		if i := strings.IndexByte(f, ':'); i >= 0 {
			var err error
			if w, err = strconv.ParseFloat(f[i+1:], 64); err != nil {
				t.Fatalf("bad edge %q: %v", f, err)
			}
			f = f[:i]
		}
		u, v, ok := strings.Cut(f, "-")
		if !ok {
			t.Fatalf("bad edge %q", f)
		}
		ties = append(ties, tie{u: u, v: v, w: w})
	}
	return fromTies(ids, ties)
}

// mxGolden is the part of a file of package analysis's testdata/mixing,
// written by its make_golden.py with NetworkX 3.6.1, that the community
// tests read: the graph, NetworkX's Louvain partition and its modularity.
type mxGolden struct {
	Nodes []struct {
		ID string `json:"id"`
	} `json:"nodes"`
	Edges []struct {
		Source string  `json:"source"`
		Target string  `json:"target"`
		Weight float64 `json:"weight"`
	} `json:"edges"`
	NetworkX struct {
		Partition  [][]string `json:"partition"`
		Modularity *float64   `json:"modularity"`
	} `json:"networkx"`
}

var mxGoldenNames = []string{"karate", "florentine", "les_miserables", "helix_example", "one_type", "edgeless"}

const mxGoldenTol = 1e-9

func readMxGolden(t *testing.T, name string) (*mxGolden, *Graph) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "mixing", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g mxGolden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	var ties []tie
	for _, d := range g.Edges {
		ties = append(ties, tie{u: d.Source, v: d.Target, w: d.Weight})
	}
	return &g, fromTies(ids, ties)
}

func mxSame(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

// mxRandomNet returns a random graph of n nodes and m tie attempts, a few
// hubs among them: the random networks of package analysis's brokerage
// tests, from the same draws (the helix type drawn for each node there is
// drawn and dropped here).
func mxRandomNet(r *rand.Rand, n, m int) *Graph {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
		r.IntN(6) // a helix type, in package analysis
	}
	var ties []tie
	for k := 0; k < m && n > 1; k++ {
		// A few hubs make large neighbourhoods.
		u := r.IntN(n)
		if r.IntN(4) == 0 {
			u = r.IntN(min(n, 5))
		}
		ties = append(ties, tie{u: strconv.Itoa(u), v: strconv.Itoa(r.IntN(n)), w: 1})
	}
	return fromTies(ids, ties)
}

func TestModularityHand(t *testing.T) {
	net := specNet(t, twoTrianglesNodes, twoTrianglesEdges)
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
	w := specNet(t, twoTrianglesNodes, "a-b b-c a-c c-d:8 d-e e-f d-f")
	if got, want := Modularity(w, []int{0, 0, 0, 1, 1, 1}), -1.0/14; math.Abs(got-want) > 1e-15 {
		t.Errorf("weighted triangles: Modularity = %v, want %v", got, want)
	}
	if got, want := Modularity(w, []int{0, 0, 1, 1, 2, 2}), 10.0/14-432.0/784; math.Abs(got-want) > 1e-15 {
		t.Errorf("weighted pairs: Modularity = %v, want %v", got, want)
	}
}

func TestLouvainHand(t *testing.T) {
	net := specNet(t, twoTrianglesNodes+" g:government", twoTrianglesEdges)
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
func mxCheckCommunities(t *testing.T, net *Graph, c Communities) {
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
			net := specNet(t, tc.nodes, tc.edges)
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
	benchNodeMetric(b, func(net *Graph) { Louvain(net, rand.NewPCG(1, 1)) })
}

func BenchmarkModularity(b *testing.B) {
	var of []int
	benchNodeMetric(b, func(net *Graph) {
		if len(of) != net.N() {
			of = make([]int, net.N())
			for i := range of {
				of[i] = i % 50
			}
		}
		Modularity(net, of)
	})
}
