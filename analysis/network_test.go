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

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// golden is a file of network/testdata/golden, written by
// network/testdata/make_golden.py with NetworkX 3.6.1.
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
	b, err := os.ReadFile(filepath.Join("network", "testdata", "golden", name+".json"))
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
			checkNodes(t, net, "Degree", ints(network.Degree(net.Graph)), g.want(t, "degree"), 0)
			checkNodes(t, net, "Strength", network.Strength(net.Graph), g.want(t, "strength"), 1e-9)
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

// benchEcosystem returns the generated ecosystem of a benchmark size:
// partners and ties only (generate.Options.NetworkOnly), seed 1, the same
// network that bench/edgelist writes for bench/peers.sh.
func benchEcosystem(partners, ties int) *graph.Ecosystem {
	return generate.Ecosystem(generate.Options{Partners: partners, Ties: ties, Seed: 1, NetworkOnly: true})
}

func benchName(partners, ties int) string {
	return "partners=" + strconv.Itoa(partners) + "/ties=" + strconv.Itoa(ties)
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
	bc := network.Betweenness(net.Graph)
	cl := network.Closeness(net.Graph)
	for i := 0; i < net.N(); i++ {
		fmt.Printf("%-4s %-13s degree %d strength %.0f betweenness %.3f closeness %.3f\n",
			net.ID(i), net.Helix(i), net.Degree(i), net.Strength(i), bc[i], cl[i])
	}
	_, comps := network.Components(net.Graph)
	fmt.Printf("edges %d, components %d, density %.3f\n", net.M(), comps, network.Density(net.Graph))
	// Output:
	// uni  academia      degree 2 strength 3 betweenness 0.000 closeness 0.667
	// acme industry      degree 2 strength 3 betweenness 0.000 closeness 0.667
	// city government    degree 2 strength 2 betweenness 0.000 closeness 0.667
	// fund civil_society degree 0 strength 0 betweenness 0.000 closeness 0.000
	// edges 3, components 2, density 0.500
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
