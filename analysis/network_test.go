package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

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

// ecosystem turns a golden graph into an ecosystem: one partner per node,
// with the node's stand-in helix type, and one explicit tie per edge.
func (g *golden) ecosystem() *graph.Ecosystem {
	e := &graph.Ecosystem{Name: g.Graph}
	for _, n := range g.Nodes {
		e.Partners = append(e.Partners, graph.Partner{ID: n.ID, Name: n.ID, Helix: graph.Helix(n.Helix)})
	}
	for _, d := range g.Edges {
		e.Ties = append(e.Ties, graph.Tie{Source: d.Source, Target: d.Target, Weight: d.Weight})
	}
	return e
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

func checkNodes(t *testing.T, net *Network, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range got {
		if !near(got[i], want[i], tol) {
			if bad < 5 {
				t.Errorf("%s(%s) = %.15g, want %.15g (diff %.3g, tol %g)", what, net.ID(i), got[i], want[i], got[i]-want[i], tol)
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

func TestGoldenNetwork(t *testing.T) {
	for _, name := range goldenGraphs {
		t.Run(name, func(t *testing.T) {
			g := readGolden(t, name)
			net := New(g.ecosystem(), Options{})
			if net.N() != len(g.Nodes) || net.M() != len(g.Edges) {
				t.Fatalf("N, M = %d, %d; want %d, %d", net.N(), net.M(), len(g.Nodes), len(g.Edges))
			}
			for i, n := range g.Nodes {
				if net.ID(i) != n.ID || net.Helix(i) != graph.Helix(n.Helix) {
					t.Fatalf("node %d = %s/%s, want %s/%s", i, net.ID(i), net.Helix(i), n.ID, n.Helix)
				}
			}
			// Values from networkx 3.6.1 G.degree() and G.degree(weight="weight").
			checkNodes(t, net, "Degree", ints(Degree(net)), g.want(t, "degree"), 0)
			checkNodes(t, net, "Strength", Strength(net), g.want(t, "strength"), 1e-9)
		})
	}
}

func TestNewTieSources(t *testing.T) {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "a", Helix: graph.Academia},
			{ID: "b", Helix: graph.Industry},
			{ID: "c", Helix: graph.Government, Sector: graph.Private},
			{ID: "d"}, // no helix: unknown
			{ID: "iso", Helix: graph.Environment},
		},
		People: []graph.Person{{ID: "pa", Partner: "a"}, {ID: "pa2", Partner: "a"}, {ID: "pc", Partner: "c"}, {ID: "px", Partner: "nobody"}},
		Units: []graph.Unit{
			{ID: "u1", Level: graph.LevelFieldlab},
			{ID: "u2", Level: graph.LevelTeam, Parent: "u1"},
			{ID: "u3", Level: graph.LevelTeam, Parent: "u1"},
		},
		Memberships: []graph.Membership{
			{Unit: "u1", Member: "a"}, {Unit: "u1", Member: "pc"}, {Unit: "u1", Member: "pa"}, // a twice in u1
			{Unit: "u2", Member: "b"}, {Unit: "u2", Member: "pc"},
			{Unit: "u3", Member: "b"}, {Unit: "u3", Member: "c"}, {Unit: "u3", Member: "d"},
		},
		Ties: []graph.Tie{
			{Source: "a", Target: "b", Weight: 2},
			{Source: "pa", Target: "b", Weight: 0.5}, // parallel: a–b again through a person
			{Source: "b", Target: "a", Weight: 1, Directed: true},
			{Source: "pa", Target: "pa2", Weight: 1}, // colleagues: no tie
			{Source: "px", Target: "a", Weight: 1},   // person of an unknown partner
			{Source: "c", Target: "ghost", Weight: 1},
			{Source: "c", Target: "d"}, // weight 0 counts as 1
		},
	}
	type edge struct {
		u, v string
		w    float64
	}
	tests := []struct {
		ties TieSource
		want []edge
	}{
		{TiesExplicit, []edge{{"a", "b", 3.5}, {"c", "d", 1}}},
		// u1: a, c; u2: b, c; u3: b, c, d (u2 and u3 do not count for u1).
		{TiesUnits, []edge{{"a", "c", 1}, {"b", "c", 2}, {"b", "d", 1}, {"c", "d", 1}}},
		{TiesAll, []edge{{"a", "b", 3.5}, {"a", "c", 1}, {"b", "c", 2}, {"b", "d", 1}, {"c", "d", 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.ties.String(), func(t *testing.T) {
			net := New(e, Options{Ties: tt.ties})
			if net.N() != 5 {
				t.Fatalf("N = %d, want 5 (isolated partners are nodes)", net.N())
			}
			if net.M() != len(tt.want) {
				t.Errorf("M = %d, want %d", net.M(), len(tt.want))
			}
			for _, ed := range tt.want {
				u, _ := net.Index(ed.u)
				v, _ := net.Index(ed.v)
				w, ok := net.Weight(int64(u), int64(v))
				if !ok || w != ed.w {
					t.Errorf("Weight(%s, %s) = %v, %v; want %v, true", ed.u, ed.v, w, ok, ed.w)
				}
				w2, _ := net.Weight(int64(v), int64(u))
				if w2 != w {
					t.Errorf("Weight(%s, %s) = %v, not symmetric (%v)", ed.v, ed.u, w2, w)
				}
			}
			total := 0.0
			for i := 0; i < net.N(); i++ {
				nb := net.Neighbors(i)
				if !slices.IsSorted(nb) {
					t.Errorf("Neighbors(%d) = %v not sorted", i, nb)
				}
				if len(nb) != net.Degree(i) || len(net.Weights(i)) != net.Degree(i) {
					t.Errorf("node %d: Degree %d, %d neighbours, %d weights", i, net.Degree(i), len(nb), len(net.Weights(i)))
				}
				s := 0.0
				for _, w := range net.Weights(i) {
					s += w
				}
				if s != net.Strength(i) {
					t.Errorf("Strength(%d) = %v, want %v", i, net.Strength(i), s)
				}
				total += s
			}
			want := 0.0
			for _, ed := range tt.want {
				want += 2 * ed.w
			}
			if total != want {
				t.Errorf("total strength %v, want %v", total, want)
			}
			iso, _ := net.Index("iso")
			if net.Degree(iso) != 0 {
				t.Errorf("Degree(iso) = %d, want 0", net.Degree(iso))
			}
		})
	}

	net := New(e, Options{})
	for _, tt := range []struct {
		id     string
		helix  graph.Helix
		sector graph.Sector
	}{
		{"a", graph.Academia, graph.Public},
		{"b", graph.Industry, graph.Private},
		{"c", graph.Government, graph.Private}, // overridden
		{"d", graph.HelixUnknown, graph.SectorUnknown},
	} {
		i, ok := net.Index(tt.id)
		if !ok {
			t.Fatalf("Index(%s) not found", tt.id)
		}
		if net.ID(i) != tt.id || net.Helix(i) != tt.helix || net.Sector(i) != tt.sector {
			t.Errorf("node %s: %s, %s, %s; want %s, %s", tt.id, net.ID(i), net.Helix(i), net.Sector(i), tt.helix, tt.sector)
		}
	}
	if _, ok := net.Index("ghost"); ok {
		t.Error("Index(ghost) found")
	}
}

func TestNewBadTieSource(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New with an unknown tie source did not panic")
		}
	}()
	New(&graph.Ecosystem{}, Options{Ties: 7})
}

func TestGonumInterfaces(t *testing.T) {
	g := readGolden(t, "disconnected")
	net := New(g.ecosystem(), Options{})

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

	// gonum algorithms run on the network directly.
	cc := topo.ConnectedComponents(net)
	if len(cc) != 4 {
		t.Errorf("topo.ConnectedComponents: %d components, want 4", len(cc))
	}
	k := readGolden(t, "karate")
	kn := New(k.ecosystem(), Options{})
	r := community.Modularize(kn, 1, rand.NewPCG(1, 1))
	if q := community.Q(r, nil, 1); q < 0.3 {
		t.Errorf("community.Modularize on karate: Q = %v, want > 0.3", q)
	}
}

// TestEmptyAndTiny checks the edge cases of every metric: no nodes, one
// node, two nodes joined, and only isolated nodes.
func TestEmptyAndTiny(t *testing.T) {
	mk := func(n int, ties ...[2]string) *Network {
		e := &graph.Ecosystem{}
		for i := 0; i < n; i++ {
			e.Partners = append(e.Partners, graph.Partner{ID: string(rune('a' + i))})
		}
		for _, t := range ties {
			e.Ties = append(e.Ties, graph.Tie{Source: t[0], Target: t[1], Weight: 1})
		}
		return New(e, Options{})
	}
	nan := math.NaN()
	r := 1 / math.Sqrt(3)
	tests := []struct {
		name         string
		net          *Network
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

// randomCase is a small random ecosystem and its adjacency matrix, built
// independently of New for the reference implementations: a[i][j] is the
// summed weight of the ties between partners i and j.
type randomCase struct {
	e *graph.Ecosystem
	a [][]float64
}

// randomCases returns count seeded random ecosystems of 0 to 13 partners
// with parallel and reversed ties, random weights, people and isolates.
func randomCases(count int) []randomCase {
	rng := rand.New(rand.NewPCG(2024, 11))
	out := make([]randomCase, count)
	for c := range out {
		n := rng.IntN(14)
		p := rng.Float64() * 0.6
		e := &graph.Ecosystem{}
		a := make([][]float64, n)
		for i := range a {
			a[i] = make([]float64, n)
			e.Partners = append(e.Partners, graph.Partner{ID: string(rune('A' + i)), Helix: graph.Helices[i%5]})
			e.People = append(e.People, graph.Person{ID: string(rune('a' + i)), Partner: string(rune('A' + i))})
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
					if rng.IntN(3) == 0 {
						s = string(rune(s[0] - 'A' + 'a')) // a person of the partner
					}
					e.Ties = append(e.Ties, graph.Tie{Source: s, Target: d, Weight: w, Directed: rng.IntN(4) == 0})
					a[i][j] += w
					a[j][i] += w
				}
			}
		}
		out[c] = randomCase{e, a}
	}
	return out
}

func TestRandomStructure(t *testing.T) {
	for c, rc := range randomCases(200) {
		net := New(rc.e, Options{})
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

// benchSizes are the generated networks of the benchmarks: 5 ties per
// partner, as generate.Ecosystem makes them by default.
var benchSizes = []struct{ partners, ties int }{
	{1000, 5000},
	{6000, 30000},
	{50000, 250000},
}

var benchNets = map[int]*Network{}

// benchEcosystem returns the generated ecosystem of a benchmark size:
// partners and ties only (generate.Options.NetworkOnly), seed 1, the same
// network that bench/edgelist writes for bench/peers.sh.
func benchEcosystem(partners, ties int) *graph.Ecosystem {
	return generate.Ecosystem(generate.Options{Partners: partners, Ties: ties, Seed: 1, NetworkOnly: true})
}

func benchNetwork(b *testing.B, partners, ties int) *Network {
	b.Helper()
	if net, ok := benchNets[partners]; ok {
		return net
	}
	net := New(benchEcosystem(partners, ties), Options{})
	benchNets[partners] = net
	return net
}

func benchName(partners, ties int) string {
	return "partners=" + strconv.Itoa(partners) + "/ties=" + strconv.Itoa(ties)
}

// benchNodeMetric runs f on every benchmark size; set
// ECOSCOPE_BENCH_MAX to a number of partners to skip the larger sizes.
func benchNodeMetric(b *testing.B, f func(net *Network)) {
	max := math.MaxInt
	if s := os.Getenv("ECOSCOPE_BENCH_MAX"); s != "" {
		max, _ = strconv.Atoi(s)
	}
	for _, s := range benchSizes {
		if s.partners > max {
			continue
		}
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			net := benchNetwork(b, s.partners, s.ties)
			b.ReportAllocs()
			for b.Loop() {
				f(net)
			}
		})
	}
}

func BenchmarkNetwork(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			e := benchEcosystem(s.partners, s.ties)
			b.ReportAllocs()
			for b.Loop() {
				New(e, Options{})
			}
		})
	}
}

// BenchmarkNetworkDirected is BenchmarkNetwork with every 20th tie
// directed (5%, as in the example data set, 32 of 638): what keeping the
// directions costs (BenchmarkNetwork has no directed tie, as generate makes
// them).
func BenchmarkNetworkDirected(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			e := benchEcosystem(s.partners, s.ties)
			for i := range e.Ties {
				e.Ties[i].Directed = i%20 == 0
			}
			b.ReportAllocs()
			for b.Loop() {
				New(e, Options{})
			}
		})
	}
}

// A small ecosystem: a university joined to a company and a municipality,
// which are joined through a shared fieldlab, and a foundation on its own.
func ExampleNew() {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia},
			{ID: "acme", Helix: graph.Industry},
			{ID: "city", Helix: graph.Government},
			{ID: "fund", Helix: graph.CivilSociety},
		},
		Units:       []graph.Unit{{ID: "lab", Level: graph.LevelFieldlab}},
		Memberships: []graph.Membership{{Unit: "lab", Member: "acme"}, {Unit: "lab", Member: "city"}},
		Ties: []graph.Tie{
			{Source: "uni", Target: "acme", Weight: 2},
			{Source: "uni", Target: "city", Weight: 1},
		},
	}
	net := New(e, Options{}) // explicit ties and shared units
	bc := Betweenness(net)
	cl := Closeness(net)
	for i := 0; i < net.N(); i++ {
		fmt.Printf("%-4s %-13s degree %d strength %.0f betweenness %.3f closeness %.3f\n",
			net.ID(i), net.Helix(i), net.Degree(i), net.Strength(i), bc[i], cl[i])
	}
	_, comps := Components(net)
	fmt.Printf("edges %d, components %d, density %.3f\n", net.M(), comps, Density(net))
	// Output:
	// uni  academia      degree 2 strength 3 betweenness 0.000 closeness 0.667
	// acme industry      degree 2 strength 3 betweenness 0.000 closeness 0.667
	// city government    degree 2 strength 2 betweenness 0.000 closeness 0.667
	// fund civil_society degree 0 strength 0 betweenness 0.000 closeness 0.000
	// edges 3, components 2, density 0.500
}

// Betweenness on a path a–b–c–d: b and c each lie on two of the three
// shortest paths between other pairs (normalised by (n-1)(n-2)/2 = 3).
func ExampleBetweenness() {
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}}
	for _, t := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}} {
		e.Ties = append(e.Ties, graph.Tie{Source: t[0], Target: t[1], Weight: 1})
	}
	net := New(e, Options{Ties: TiesExplicit})
	fmt.Printf("%.4f\n", Betweenness(net))
	approx, r := BetweennessApprox(net, 0.1, 0.1, rand.NewPCG(1, 2))
	fmt.Printf("%d samples; all within 0.1: %v\n", r, within(approx, Betweenness(net), 0.1))
	// Output:
	// [0.0000 0.6667 0.6667 0.0000]
	// 1061 samples; all within 0.1: true
}

func within(a, b []float64, tol float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

// TestNewTieOrder checks that the network does not depend on the order of
// the ties: a store lists them in another order than a file, and the
// weights of parallel ties must add up to the same float64 both ways.
func TestNewTieOrder(t *testing.T) {
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	// 0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in float64.
	for i, w := range []float64{0.1, 0.2, 0.3, 0.7, 1e-17, 3} {
		e.Ties = append(e.Ties, graph.Tie{Source: "a", Target: "b", Type: fmt.Sprint("t", i), Weight: w})
		e.Ties = append(e.Ties, graph.Tie{Source: "c", Target: "b", Type: fmt.Sprint("t", i), Weight: w * 3})
	}
	want := New(e, Options{Ties: TiesExplicit})
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		rng.Shuffle(len(e.Ties), func(i, j int) { e.Ties[i], e.Ties[j] = e.Ties[j], e.Ties[i] })
		got := New(e, Options{Ties: TiesExplicit})
		for i := range 3 {
			if !slices.Equal(got.Weights(i), want.Weights(i)) || got.Strength(i) != want.Strength(i) {
				t.Fatalf("node %d: weights %v, strength %v after shuffling the ties; want %v, %v", i, got.Weights(i), got.Strength(i), want.Weights(i), want.Strength(i))
			}
		}
	}
}

// TestNewBigUnits checks that co-membership of a unit at the ecosystem
// level, or of a unit with more direct partners than MaxUnitSize, makes no
// ties (issue 8: every partner recorded in the ecosystem unit made one
// clique of the whole network), and that the notes say so.
func TestNewBigUnits(t *testing.T) {
	base := generate.Ecosystem(generate.Options{Partners: 300, Seed: 5})
	all := cloneEcosystem(base)
	eco := ""
	for _, u := range all.Units {
		if u.Level == graph.LevelEcosystem {
			eco = u.ID
		}
	}
	for _, p := range all.Partners {
		all.Memberships = append(all.Memberships, graph.Membership{Unit: eco, Member: p.ID, Role: graph.RoleMember})
	}
	// Without the memberships in the ecosystem unit at all.
	none := cloneEcosystem(base)
	kept := none.Memberships[:0]
	for _, m := range none.Memberships {
		if m.Unit != eco {
			kept = append(kept, m)
		}
	}
	none.Memberships = kept
	for _, ties := range []TieSource{TiesUnits, TiesAll} {
		a, b := New(all, Options{Ties: ties}), New(none, Options{Ties: ties})
		if a.M() != b.M() {
			t.Fatalf("%s: %d ties with every partner in the ecosystem unit, %d without", ties, a.M(), b.M())
		}
		for i := range a.N() {
			if !slices.Equal(a.Neighbors(i), b.Neighbors(i)) || !slices.Equal(a.Weights(i), b.Weights(i)) {
				t.Fatalf("%s: node %d differs", ties, i)
			}
		}
		notes := a.Notes()
		if len(notes) != 1 || notes[0].Code != NoteEcosystemUnits || !slices.Equal(notes[0].Units, []string{eco}) ||
			!strings.Contains(notes[0].Message, fmt.Sprintf("%s (300)", eco)) {
			t.Errorf("%s: notes = %+v, want one naming %s with 300 direct partners", ties, notes, eco)
		}
	}
	if n := New(all, Options{Ties: TiesExplicit}).Notes(); len(n) != 0 {
		t.Errorf("explicit ties: notes %+v, want none", n)
	}

	// A team of 4: ties up to MaxUnitSize 4, none from 3.
	e := &graph.Ecosystem{
		Partners: []graph.Partner{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		People:   []graph.Person{{ID: "ann", Partner: "a"}},
		Units:    []graph.Unit{{ID: "t", Level: graph.LevelTeam}},
		Memberships: []graph.Membership{{Unit: "t", Member: "a"}, {Unit: "t", Member: "ann"}, // one partner, twice
			{Unit: "t", Member: "b"}, {Unit: "t", Member: "c"}, {Unit: "t", Member: "d"}},
	}
	for _, tt := range []struct {
		max, m int
		note   bool
	}{{0, 6, false}, {4, 6, false}, {3, 0, true}, {-1, 6, false}} {
		net := New(e, Options{Ties: TiesUnits, MaxUnitSize: tt.max})
		if net.M() != tt.m || (len(net.Notes()) == 1) != tt.note {
			t.Errorf("MaxUnitSize %d: %d ties, notes %+v; want %d ties, a note: %v", tt.max, net.M(), net.Notes(), tt.m, tt.note)
		}
		if tt.note && (net.Notes()[0].Code != NoteLargeUnits || !strings.Contains(net.Notes()[0].Message, "more than 3 direct partners (t (4))")) {
			t.Errorf("MaxUnitSize %d: note %+v", tt.max, net.Notes()[0])
		}
	}
}

func cloneEcosystem(e *graph.Ecosystem) *graph.Ecosystem {
	c := *e
	c.Partners = slices.Clone(e.Partners)
	c.Units = slices.Clone(e.Units)
	c.Memberships = slices.Clone(e.Memberships)
	c.Ties = slices.Clone(e.Ties)
	c.People = slices.Clone(e.People)
	return &c
}
