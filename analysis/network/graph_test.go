package network

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/topo"
)

// tie is a tie between two labelled nodes, as the tests give them.
type tie struct {
	u, v     string
	w        float64
	directed bool
}

// fromTies returns the graph of the nodes labelled ids and the given ties,
// made as package analysis makes the partner network from explicit ties: a
// tie naming an unknown label or joining a node to itself is left out, and
// a weight that is not a positive finite number counts as 1.
func fromTies(ids []string, ties []tie) *Graph {
	labels := NewLabels(ids)
	var edges []Edge
	var directed []int32
	for _, t := range ties {
		u, ok1 := labels.Index(t.u)
		v, ok2 := labels.Index(t.v)
		if !ok1 || !ok2 || u == v {
			continue
		}
		w := t.w
		if !(w > 0) || math.IsInf(w, 0) {
			w = 1
		}
		if t.directed {
			directed = append(directed, int32(len(edges)))
		}
		edges = append(edges, Edge{int32(u), int32(v), w})
	}
	return Build(labels, edges, directed)
}

// edgeNet returns the graph of n nodes labelled "0" to "n-1" joined by the
// given edges, of weight 1.
func edgeNet(n int, edges [][2]int) *Graph {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	ties := make([]tie, len(edges))
	for k, p := range edges {
		ties[k] = tie{u: strconv.Itoa(p[0]), v: strconv.Itoa(p[1]), w: 1}
	}
	return fromTies(ids, ties)
}

// golden is a file of testdata/golden, written by testdata/make_golden.py
// with NetworkX 3.6.1.
type golden struct {
	Graph  string `json:"graph"`
	Source string `json:"source"`
	Nodes  []struct {
		ID    string            `json:"id"`
		Helix string            `json:"helix"`
		Attrs map[string]string `json:"attrs"`
	} `json:"nodes"`
	Edges []struct {
		Source string  `json:"source"`
		Target string  `json:"target"`
		Weight float64 `json:"weight"`
	} `json:"edges"`
	// NodeMetrics maps a metric to node id to value; nil stands for NaN.
	NodeMetrics    map[string]map[string]*float64 `json:"node_metrics"`
	NetworkMetrics map[string]float64             `json:"network_metrics"`
}

var goldenGraphs = []string{"karate", "florentine", "davis_women", "les_miserables", "disconnected"}

func readGolden(t testing.TB, name string) *golden {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &g
}

// graph turns a golden graph into a Graph: one node per node, labelled with
// its id, and one edge per edge.
func (g *golden) graph() *Graph {
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	ties := make([]tie, len(g.Edges))
	for k, d := range g.Edges {
		ties[k] = tie{u: d.Source, v: d.Target, w: d.Weight}
	}
	return fromTies(ids, ties)
}

// want returns the NetworkX values of a node metric in node order.
func (g *golden) want(t testing.TB, metric string) []float64 {
	t.Helper()
	m, ok := g.NodeMetrics[metric]
	if !ok {
		t.Fatalf("%s: no metric %q", g.Graph, metric)
	}
	out := make([]float64, len(g.Nodes))
	for i, n := range g.Nodes {
		v, ok := m[n.ID]
		if !ok {
			t.Fatalf("%s: %s: no value for node %q", g.Graph, metric, n.ID)
		}
		if v == nil {
			out[i] = math.NaN()
		} else {
			out[i] = *v
		}
	}
	return out
}

// near reports whether a and b agree within tol (absolute), NaN matching NaN.
func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func checkNodes(t *testing.T, g *Graph, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range got {
		if !near(got[i], want[i], tol) {
			if bad < 5 {
				t.Errorf("%s(%s) = %.15g, want %.15g (diff %.3g, tol %g)", what, g.ID(i), got[i], want[i], got[i]-want[i], tol)
			}
			bad++
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d of %d values differ", what, bad, len(got))
	}
}

func ints(x []int) []float64 {
	f := make([]float64, len(x))
	for i, v := range x {
		f[i] = float64(v)
	}
	return f
}

func TestGoldenGraph(t *testing.T) {
	for _, name := range goldenGraphs {
		t.Run(name, func(t *testing.T) {
			g := readGolden(t, name)
			net := g.graph()
			if net.N() != len(g.Nodes) || net.M() != len(g.Edges) {
				t.Fatalf("N, M = %d, %d; want %d, %d", net.N(), net.M(), len(g.Nodes), len(g.Edges))
			}
			for i, n := range g.Nodes {
				if net.ID(i) != n.ID {
					t.Fatalf("node %d = %s, want %s", i, net.ID(i), n.ID)
				}
			}
			// Values from networkx 3.6.1 G.degree() and G.degree(weight="weight").
			checkNodes(t, net, "Degree", ints(Degree(net)), g.want(t, "degree"), 0)
			checkNodes(t, net, "Strength", Strength(net), g.want(t, "strength"), 1e-9)
		})
	}
}

func TestGonumInterfaces(t *testing.T) {
	net := readGolden(t, "disconnected").graph()

	// Nodes and From iterate over indexes and sorted neighbours.
	nodes := net.Nodes()
	if nodes.Len() != net.N() {
		t.Fatalf("Nodes().Len() = %d, want %d", nodes.Len(), net.N())
	}
	for i := 0; nodes.Next(); i++ {
		if id := nodes.Node().ID(); id != int64(i) {
			t.Fatalf("node %d has id %d", i, id)
		}
		if nodes.Len() != net.N()-i-1 {
			t.Fatalf("Len after %d nodes = %d", i+1, nodes.Len())
		}
		from := net.From(int64(i))
		var got []int32
		for from.Next() {
			got = append(got, int32(from.Node().ID()))
		}
		if !slices.Equal(got, net.Neighbors(i)) {
			t.Fatalf("From(%d) = %v, want %v", i, got, net.Neighbors(i))
		}
		from.Reset()
		if !from.Next() && net.Degree(i) > 0 {
			t.Fatalf("From(%d) after Reset is empty", i)
		}
	}
	if net.Node(-1) != nil || net.Node(int64(net.N())) != nil || net.Node(0) == nil {
		t.Error("Node: wrong presence")
	}
	if net.From(-1).Len() != 0 {
		t.Error("From(-1) not empty")
	}
	u, _ := net.Index("k:0")
	v, _ := net.Index("k:1")
	x, _ := net.Index("iso1")
	if !net.HasEdgeBetween(int64(u), int64(v)) || net.HasEdgeBetween(int64(u), int64(x)) {
		t.Error("HasEdgeBetween wrong")
	}
	// karate edge 0–1 has weight 4 in networkx 3.6.1 karate_club_graph().
	if e := net.WeightedEdgeBetween(int64(v), int64(u)); e == nil || e.Weight() != 4 || e.From().ID() != int64(v) {
		t.Errorf("WeightedEdgeBetween(1, 0) = %v", e)
	}
	if net.Edge(int64(u), int64(x)) != nil || net.EdgeBetween(int64(u), int64(x)) != nil {
		t.Error("Edge to an isolated node not nil")
	}
	if w, ok := net.Weight(int64(u), int64(u)); !ok || w != 0 {
		t.Errorf("Weight(u, u) = %v, %v; want 0, true", w, ok)
	}

	// gonum algorithms run on the graph directly.
	cc := topo.ConnectedComponents(net)
	if len(cc) != 4 {
		t.Errorf("topo.ConnectedComponents: %d components, want 4", len(cc))
	}
	kn := readGolden(t, "karate").graph()
	r := community.Modularize(kn, 1, rand.NewPCG(1, 1))
	if q := community.Q(r, nil, 1); q < 0.3 {
		t.Errorf("community.Modularize on karate: Q = %v, want > 0.3", q)
	}
}

// TestEmptyAndTiny checks the edge cases of every metric: no nodes, one
// node, two nodes joined, and only isolated nodes.
func TestEmptyAndTiny(t *testing.T) {
	mk := func(n int, ties ...[2]string) *Graph {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = string(rune('a' + i))
		}
		var ts []tie
		for _, t := range ties {
			ts = append(ts, tie{u: t[0], v: t[1], w: 1})
		}
		return fromTies(ids, ts)
	}
	nan := math.NaN()
	r := 1 / math.Sqrt(3)
	tests := []struct {
		name         string
		net          *Graph
		bc, cl, ev   []float64
		pr, cons, es []float64
		comps        int
		lcs, density float64
	}{
		{"empty", mk(0), []float64{}, []float64{}, []float64{}, []float64{}, []float64{}, []float64{}, 0, 0, 0},
		{"one", mk(1), []float64{0}, []float64{0}, []float64{1}, []float64{1}, []float64{nan}, []float64{nan}, 1, 1, 0},
		{"pair", mk(2, [2]string{"a", "b"}), []float64{0, 0}, []float64{1, 1}, []float64{math.Sqrt2 / 2, math.Sqrt2 / 2}, []float64{0.5, 0.5}, []float64{1, 1}, []float64{1, 1}, 1, 1, 1},
		{"isolated", mk(3), []float64{0, 0, 0}, []float64{0, 0, 0}, []float64{r, r, r}, []float64{1. / 3, 1. / 3, 1. / 3}, []float64{nan, nan, nan}, []float64{nan, nan, nan}, 3, 1. / 3, 0},
		// a–b–c path and an isolated d: values worked by hand (b is on
		// the one a–c path; closeness of a = (1 + 1/2)/3).
		{"path+isolate", mk(4, [2]string{"a", "b"}, [2]string{"b", "c"}), []float64{0, 1. / 3, 0, 0}, []float64{0.5, 2. / 3, 0.5, 0}, nil, nil, []float64{1, 0.5, 1, nan}, []float64{1, 2, 1, nan}, 2, 0.75, 1. / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net := tt.net
			checkNodes(t, net, "Betweenness", Betweenness(net), tt.bc, 1e-12)
			a, _ := BetweennessApprox(net, 0.1, 0.1, rand.NewPCG(1, 2))
			checkNodes(t, net, "BetweennessApprox", a, tt.bc, 0.1)
			checkNodes(t, net, "Closeness", Closeness(net), tt.cl, 1e-12)
			if tt.ev != nil {
				checkNodes(t, net, "Eigenvector", Eigenvector(net), tt.ev, 1e-9)
				checkNodes(t, net, "PageRank", PageRank(net, DefaultDamping), tt.pr, 1e-9)
			}
			checkNodes(t, net, "Constraint", Constraint(net), tt.cons, 1e-12)
			checkNodes(t, net, "EffectiveSize", EffectiveSize(net), tt.es, 1e-12)
			for _, c := range [][]float64{Clustering(net), ints(CoreNumber(net)), ints(Triangles(net))} {
				if len(c) != net.N() {
					t.Errorf("got %d values, want %d", len(c), net.N())
				}
			}
			if _, n := Components(net); n != tt.comps {
				t.Errorf("Components = %d, want %d", n, tt.comps)
			}
			if got := LargestComponentShare(net); !near(got, tt.lcs, 1e-12) {
				t.Errorf("LargestComponentShare = %v, want %v", got, tt.lcs)
			}
			if got := Density(net); !near(got, tt.density, 1e-12) {
				t.Errorf("Density = %v, want %v", got, tt.density)
			}
			if got := AverageClustering(net); got != 0 {
				t.Errorf("AverageClustering = %v, want 0", got)
			}
			if got := Transitivity(net); got != 0 {
				t.Errorf("Transitivity = %v, want 0", got)
			}
		})
	}
}

// randomCase is a small random graph and its adjacency matrix, built
// independently of Build for the reference implementations: a[i][j] is the
// summed weight of the ties between nodes i and j.
type randomCase struct {
	ids  []string
	ties []tie
	a    [][]float64
}

func (rc randomCase) graph() *Graph { return fromTies(rc.ids, rc.ties) }

// randomCases returns count seeded random graphs of 0 to 13 nodes with
// parallel, reversed and directed ties, random weights and isolated nodes:
// the random ecosystems of package analysis's tests, made from the same
// draws (a tie there names a partner or one of its people; here it names
// the node).
func randomCases(count int) []randomCase {
	rng := rand.New(rand.NewPCG(2024, 11))
	out := make([]randomCase, count)
	for c := range out {
		n := rng.IntN(14)
		p := rng.Float64() * 0.6
		rc := randomCase{a: make([][]float64, n)}
		for i := range rc.a {
			rc.a[i] = make([]float64, n)
			rc.ids = append(rc.ids, string(rune('A'+i)))
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if rng.Float64() >= p {
					continue
				}
				for k := 1 + rng.IntN(2); k > 0; k-- { // one or two parallel ties
					w := float64(1 + rng.IntN(3))
					s, d := string(rune('A'+i)), string(rune('A'+j))
					if rng.IntN(2) == 0 {
						s, d = d, s
					}
					rng.IntN(3) // a person of the partner, in package analysis
					rc.ties = append(rc.ties, tie{u: s, v: d, w: w, directed: rng.IntN(4) == 0})
					rc.a[i][j] += w
					rc.a[j][i] += w
				}
			}
		}
		out[c] = rc
	}
	return out
}

func TestRandomStructure(t *testing.T) {
	for c, rc := range randomCases(200) {
		net := rc.graph()
		n := len(rc.a)
		m := 0
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				w, ok := net.Weight(int64(i), int64(j))
				if i == j {
					continue
				}
				if ok != (rc.a[i][j] > 0) || w != rc.a[i][j] {
					t.Fatalf("case %d: Weight(%d, %d) = %v, %v; want %v", c, i, j, w, ok, rc.a[i][j])
				}
				if rc.a[i][j] > 0 && i < j {
					m++
				}
			}
		}
		if net.M() != m {
			t.Fatalf("case %d: M = %d, want %d", c, net.M(), m)
		}
	}
}

// TestBuildEdgeOrder checks that the graph does not depend on the order of
// the edges: the weights of parallel edges add up to the same float64 in
// any order.
func TestBuildEdgeOrder(t *testing.T) {
	labels := NewLabels([]string{"a", "b", "c"})
	var edges []Edge
	// 0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in float64.
	for _, w := range []float64{0.1, 0.2, 0.3, 0.7, 1e-17, 3} {
		edges = append(edges, Edge{0, 1, w}, Edge{2, 1, w * 3})
	}
	want := Build(labels, edges, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		rng.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
		got := Build(labels, edges, nil)
		for i := range 3 {
			if !slices.Equal(got.Weights(i), want.Weights(i)) || got.Strength(i) != want.Strength(i) {
				t.Fatalf("node %d: weights %v, strength %v after shuffling the edges; want %v, %v", i, got.Weights(i), got.Strength(i), want.Weights(i), want.Strength(i))
			}
		}
	}
}

func TestLabels(t *testing.T) {
	l := NewLabels([]string{"a", "b", "a", "c"})
	for _, tt := range []struct {
		id   string
		want int
		ok   bool
	}{{"a", 0, true}, {"b", 1, true}, {"c", 3, true}, {"x", 0, false}} {
		if i, ok := l.Index(tt.id); i != tt.want || ok != tt.ok {
			t.Errorf("Index(%q) = %d, %v; want %d, %v", tt.id, i, ok, tt.want, tt.ok)
		}
	}
	if l.ID(2) != "a" {
		t.Errorf("ID(2) = %q, want a", l.ID(2))
	}
}

func TestInduced(t *testing.T) {
	// A path a-b-c-d with weights 1, 2, 3 and a chord a-c of weight 4.
	g := fromTies([]string{"a", "b", "c", "d"}, []tie{{"a", "b", 1, false}, {"b", "c", 2, false}, {"c", "d", 3, true}, {"a", "c", 4, false}})
	sub, kept := g.Induced([]int{2, 0, 1, 2}) // c, a, b (c repeated)
	if sub.N() != 3 || sub.M() != 3 || !slices.Equal(kept, []int{2, 0, 1}) {
		t.Fatalf("induced on c, a, b: %d nodes %d edges, kept %v; want 3 and 3, [2 0 1]", sub.N(), sub.M(), kept)
	}
	if sub.ID(0) != "c" || sub.ID(1) != "a" {
		t.Errorf("node order lost: %s %s", sub.ID(0), sub.ID(1))
	}
	if i, _ := sub.Index("b"); i != 2 {
		t.Errorf("Index(b) = %d, want 2", i)
	}
	// c's strength within {a, b, c}: b-c 2 + a-c 4 = 6 (c-d left out).
	if sub.Strength(0) != 6 {
		t.Errorf("strength of c = %v, want 6", sub.Strength(0))
	}
	if w, ok := sub.Weight(1, 0); !ok || w != 4 {
		t.Errorf("weight a-c = %v %v, want 4", w, ok)
	}
	// The directed tie c→d is left out with d: no direction is kept.
	if sub.dir != nil {
		t.Errorf("directions kept without a directed tie")
	}
	if empty, kept := g.Induced(nil); empty.N() != 0 || empty.M() != 0 || len(kept) != 0 {
		t.Errorf("empty induced graph has %d nodes", empty.N())
	}
}
