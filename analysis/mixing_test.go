package analysis

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// mxNet builds a network from a compact description, for the tests of the
// mixing, brokerage, diversity and community functions. nodes lists
// "id:helix" or "id:helix:sector" separated by spaces ("id:" gives a partner
// without a helix type); edges lists "u-v" or "u-v:weight".
func mxNet(t testing.TB, nodes, edges string) *Network {
	t.Helper()
	e := &graph.Ecosystem{}
	for _, f := range strings.Fields(nodes) {
		parts := strings.Split(f, ":")
		p := graph.Partner{ID: parts[0]}
		if len(parts) > 1 {
			p.Helix = graph.Helix(parts[1])
		}
		if len(parts) > 2 {
			p.Sector = graph.Sector(parts[2])
		}
		e.Partners = append(e.Partners, p)
	}
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
		e.Ties = append(e.Ties, graph.Tie{Source: u, Target: v, Weight: w})
	}
	return New(e, Options{Ties: TiesExplicit})
}

// brokerExample is the small graph whose brokerage roles, E-I indices and
// mixing matrix are worked out by hand in the tests:
//
//	A1 – A2, A1 – A3, A1 – I1, A1 – G1, I1 – A2, I1 – I2, G1 – X, G2 – A2, G2 – A3
//
// A* academia, I* industry, G* government, X of unknown type.
const (
	brokerExampleNodes = "A1:academia A2:academia A3:academia I1:industry I2:industry G1:government G2:government X:unknown"
	brokerExampleEdges = "A1-A2 A1-A3 A1-I1 A1-G1 I1-A2 I1-I2 G1-X G2-A2 G2-A3"
)

// mxGolden is a file of testdata/mixing, written by
// testdata/mixing/make_golden.py with NetworkX 3.6.1.
type mxGolden struct {
	Graph string `json:"graph"`
	Nodes []struct {
		ID    string `json:"id"`
		Helix string `json:"helix"`
	} `json:"nodes"`
	Edges []struct {
		Source string  `json:"source"`
		Target string  `json:"target"`
		Weight float64 `json:"weight"`
	} `json:"edges"`
	NetworkX struct {
		Mixing        map[string]map[string]int `json:"mixing"`
		Assortativity *float64                  `json:"assortativity"`
		Density       float64                   `json:"density"`
		Partition     [][]string                `json:"partition"`
		Modularity    *float64                  `json:"modularity"`
	} `json:"networkx"`
	Python struct {
		External           int                       `json:"external"`
		Internal           int                       `json:"internal"`
		UnknownTies        int                       `json:"unknown_ties"`
		PublicPrivate      int                       `json:"public_private"`
		EIIndex            *float64                  `json:"ei_index"`
		EIIndexRescaled    *float64                  `json:"ei_index_rescaled"`
		PublicPrivateShare float64                   `json:"public_private_share"`
		NodeEIIndex        map[string]*float64       `json:"node_ei_index"`
		EgoDiversity       map[string]float64        `json:"ego_diversity"`
		Diversity          map[string]float64        `json:"diversity"`
		Brokerage          map[string]BrokerageRoles `json:"brokerage"`
	} `json:"python"`
}

var mxGoldenNames = []string{"karate", "florentine", "les_miserables", "helix_example", "one_type", "edgeless"}

func readMxGolden(t *testing.T, name string) (*mxGolden, *Network) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mixing", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g mxGolden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	e := &graph.Ecosystem{}
	for _, n := range g.Nodes {
		e.Partners = append(e.Partners, graph.Partner{ID: n.ID, Helix: graph.Helix(n.Helix)})
	}
	for _, d := range g.Edges {
		e.Ties = append(e.Ties, graph.Tie{Source: d.Source, Target: d.Target, Weight: d.Weight})
	}
	return &g, New(e, Options{Ties: TiesExplicit})
}

// nanOr returns *p, or NaN for a JSON null.
func mxNaNOr(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// same reports whether a and b agree to within tol, NaN agreeing with NaN.
func mxSame(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

const mxGoldenTol = 1e-9

func TestHelixMixingGolden(t *testing.T) {
	for _, name := range mxGoldenNames {
		t.Run(name, func(t *testing.T) {
			g, net := readMxGolden(t, name)
			m := HelixMixing(net)
			// Every cell of networkx.attribute_mixing_dict(G, "helix")
			// matches, and there is nothing else: the cells sum to 2m.
			sum := 0
			for a, row := range g.NetworkX.Mixing {
				for b, want := range row {
					if got := m.Count(graph.Helix(a), graph.Helix(b)); got != want {
						t.Errorf("mixing[%s][%s] = %d, want %d (networkx.attribute_mixing_dict)", a, b, got, want)
					}
					sum += want
				}
			}
			if got := m.Total(); got != sum || got != 2*net.M() {
				t.Errorf("mixing total = %d, want %d (networkx) = 2m = %d", got, sum, 2*net.M())
			}
			for i := range m.Counts {
				for j := range m.Counts {
					if m.Counts[i][j] != m.Counts[j][i] {
						t.Errorf("mixing not symmetric at %s, %s", m.Types[i], m.Types[j])
					}
				}
			}
			want := mxNaNOr(g.NetworkX.Assortativity)
			if got := HelixAssortativity(net); !mxSame(got, want, mxGoldenTol) {
				t.Errorf("HelixAssortativity = %v, want %v (networkx.attribute_assortativity_coefficient)", got, want)
			}
			n := float64(net.N())
			density := 0.0
			if n > 1 {
				density = 2 * float64(net.M()) / (n * (n - 1))
			}
			if !mxSame(density, g.NetworkX.Density, mxGoldenTol) {
				t.Errorf("density = %v, want %v (networkx.density): the network differs from the golden graph", density, g.NetworkX.Density)
			}
		})
	}
}

func TestHelixTiesGolden(t *testing.T) {
	for _, name := range mxGoldenNames {
		t.Run(name, func(t *testing.T) {
			g, net := readMxGolden(t, name)
			p := g.Python
			ht := CountHelixTies(net)
			want := HelixTies{Ties: net.M(), Internal: p.Internal, External: p.External, Unknown: p.UnknownTies, PublicPrivate: p.PublicPrivate}
			if ht != want {
				t.Errorf("CountHelixTies = %+v, want %+v (make_golden.py)", ht, want)
			}
			if got := EIIndex(net); !mxSame(got, mxNaNOr(p.EIIndex), mxGoldenTol) {
				t.Errorf("EIIndex = %v, want %v", got, mxNaNOr(p.EIIndex))
			}
			if got := EIIndexRescaled(net); !mxSame(got, mxNaNOr(p.EIIndexRescaled), mxGoldenTol) {
				t.Errorf("EIIndexRescaled = %v, want %v", got, mxNaNOr(p.EIIndexRescaled))
			}
			if got := PublicPrivateShare(net); !mxSame(got, p.PublicPrivateShare, mxGoldenTol) {
				t.Errorf("PublicPrivateShare = %v, want %v", got, p.PublicPrivateShare)
			}
			ei := NodeEIIndex(net)
			for i := range ei {
				if want := mxNaNOr(p.NodeEIIndex[net.ID(i)]); !mxSame(ei[i], want, mxGoldenTol) {
					t.Errorf("NodeEIIndex[%s] = %v, want %v", net.ID(i), ei[i], want)
				}
			}
		})
	}
}

// TestBrokerExampleMixing checks the hand-worked numbers of brokerExample.
func TestBrokerExampleMixing(t *testing.T) {
	net := mxNet(t, brokerExampleNodes, brokerExampleEdges)
	// Ties by type pair: AA ×2 (A1–A2, A1–A3), AI ×2 (A1–I1, I1–A2),
	// AG ×3 (A1–G1, G2–A2, G2–A3), II ×1 (I1–I2), G-unknown ×1 (G1–X).
	// Each counts from both ends, so [A][A] = 4 and [I][I] = 2.
	m := HelixMixing(net)
	wantTypes := []graph.Helix{graph.Academia, graph.Industry, graph.Government, graph.CivilSociety, graph.Environment, graph.HelixUnknown}
	wantCounts := [][]int{
		{4, 2, 3, 0, 0, 0},
		{2, 2, 0, 0, 0, 0},
		{3, 0, 0, 0, 0, 1},
		{0, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 0},
		{0, 0, 1, 0, 0, 0},
	}
	if !reflect.DeepEqual(m.Types, wantTypes) || !reflect.DeepEqual(m.Counts, wantCounts) {
		t.Errorf("HelixMixing = %v %v, want %v %v", m.Types, m.Counts, wantTypes, wantCounts)
	}
	// Assortativity with unknown as a type: 2m = 18, row sums a = (9, 4,
	// 4, 0, 0, 1)/18, trace 6/18: r = (6·18 − 114)/(18² − 114) = −6/210.
	if got, want := HelixAssortativity(net), -6.0/210; math.Abs(got-want) > 1e-15 {
		t.Errorf("HelixAssortativity = %v, want %v", got, want)
	}
	// E = 5 (A1–I1, A1–G1, I1–A2, G2–A2, G2–A3), I = 3 (A1–A2, A1–A3,
	// I1–I2), G1–X left out: EI = (5 − 3)/8.
	ht := CountHelixTies(net)
	if want := (HelixTies{Ties: 9, Internal: 3, External: 5, Unknown: 1, PublicPrivate: 2}); ht != want {
		t.Errorf("CountHelixTies = %+v, want %+v", ht, want)
	}
	if got := EIIndex(net); got != 0.25 {
		t.Errorf("EIIndex = %v, want 0.25", got)
	}
	// Rescaled: K = 7 known nodes (3 A, 2 I, 2 G), T = 8 ties among them;
	// pairs within types P_I = 3 + 1 + 1 = 5, between P_E = 21 − 5 = 16.
	// E_max = min(8, 16) = 8, E_min = 8 − min(8, 5) = 3, so
	// EI* = 2(5 − 3)/(8 − 3) − 1 = −0.2.
	if got := EIIndexRescaled(net); math.Abs(got+0.2) > 1e-15 {
		t.Errorf("EIIndexRescaled = %v, want -0.2", got)
	}
	// Public–private: A1–I1 and I1–A2 (academia public, industry
	// private); I1–I2 is private–private, G1–X public–unknown: 2/9.
	if got := PublicPrivateShare(net); math.Abs(got-2.0/9) > 1e-15 {
		t.Errorf("PublicPrivateShare = %v, want 2/9", got)
	}
	// Per node: A1 has A2, A3 (same) and I1, G1 (other): 0. A2: A1 same,
	// I1, G2 other: 1/3. I2: only I1: −1. G1: A1 other, X left out: 1.
	// X is of unknown type: NaN.
	want := []float64{0, 1.0 / 3, 0, 1.0 / 3, -1, 1, 1, math.NaN()}
	got := NodeEIIndex(net)
	for i := range want {
		if !mxSame(got[i], want[i], 1e-15) {
			t.Errorf("NodeEIIndex[%s] = %v, want %v", net.ID(i), got[i], want[i])
		}
	}
}

func TestHelixIntegration(t *testing.T) {
	all := "a:academia i:industry g:government c:civil_society e:environment x:unknown"
	for _, tc := range []struct {
		name, nodes, edges string
		want               graph.CoverageClass
		linked             int
	}{
		{"empty", "", "", graph.None, 0},
		{"within types only", "a:academia b:academia x:unknown", "a-b a-x", graph.None, 0},
		{"one pair", all, "a-i", graph.Partial, 1},
		// Triple helix present but industry–government not tied.
		{"open triangle", all, "a-i a-g", graph.Partial, 2},
		{"triple", all, "a-i a-g i-g", graph.Triple, 3},
		// Ties through an unknown partner do not link types.
		{"through unknown", all, "a-i a-g i-x g-x", graph.Partial, 2},
		{"quadruple", all, "a-i a-g i-g a-c i-c g-c", graph.Quadruple, 6},
		{"quadruple, environment on the side", all, "a-i a-g i-g a-c i-c g-c e-a", graph.Quadruple, 7},
		{"quintuple", all, "a-i a-g i-g a-c i-c g-c e-a e-i e-g e-c", graph.Quintuple, 10},
		// All but one quintuple pair: the largest integrated class is
		// quadruple.
		{"quintuple less one", all, "a-i a-g i-g a-c i-c g-c e-a e-i e-g", graph.Quadruple, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := HelixIntegration(mxNet(t, tc.nodes, tc.edges))
			if in.Class != tc.want || len(in.Linked) != tc.linked || len(in.Linked)+len(in.Unlinked) != 10 {
				t.Errorf("HelixIntegration = %s with %d linked, %d unlinked; want %s with %d linked of 10",
					in.Class, len(in.Linked), len(in.Unlinked), tc.want, tc.linked)
			}
		})
	}
}

func TestPublicPrivateShareSectors(t *testing.T) {
	// A sector given on the partner overrides the default of its helix
	// type: an industry partner marked public makes a–i public–public.
	net := mxNet(t, "a:academia i:industry:public j:industry c:civil_society", "a-i a-j i-j c-j")
	// public–private: a–j, i–j; c–j is nonprofit–private: 2/4.
	if got := PublicPrivateShare(net); got != 0.5 {
		t.Errorf("PublicPrivateShare = %v, want 0.5", got)
	}
}

// TestMixingEdgeCases runs every network-level function of this file on
// degenerate networks.
func TestMixingEdgeCases(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name, nodes, edges string
		types              int     // rows of the mixing matrix
		assort, ei, eiResc float64 // expected
		nodeEI             []float64
	}{
		{"empty", "", "", 5, 0, nan, nan, []float64{}},
		{"one node", "a:academia", "", 5, 0, nan, nan, []float64{nan}},
		{"one unknown node", "x:", "", 6, 0, nan, nan, []float64{nan}},
		{"isolates", "a:academia i:industry x:unknown", "", 6, 0, nan, nan, []float64{nan, nan, nan}},
		// One tie to an unknown partner: no E or I tie, but the tie is
		// in the mixing matrix (assortativity −1: the two ends always
		// differ).
		{"tie to unknown", "a:academia x:unknown", "a-x", 6, -1, nan, nan, []float64{nan, nan}},
		{"one type", "a:academia b:academia", "a-b", 5, nan, -1, nan, []float64{-1, -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := mxNet(t, tc.nodes, tc.edges)
			if m := HelixMixing(net); len(m.Types) != tc.types || len(m.Counts) != tc.types {
				t.Errorf("HelixMixing has %d types, want %d", len(m.Types), tc.types)
			}
			if got := HelixAssortativity(net); !mxSame(got, tc.assort, 1e-15) {
				t.Errorf("HelixAssortativity = %v, want %v", got, tc.assort)
			}
			if got := EIIndex(net); !mxSame(got, tc.ei, 1e-15) {
				t.Errorf("EIIndex = %v, want %v", got, tc.ei)
			}
			if got := EIIndexRescaled(net); !mxSame(got, tc.eiResc, 1e-15) {
				t.Errorf("EIIndexRescaled = %v, want %v", got, tc.eiResc)
			}
			got := NodeEIIndex(net)
			if len(got) != len(tc.nodeEI) {
				t.Fatalf("NodeEIIndex has %d values, want %d", len(got), len(tc.nodeEI))
			}
			for i := range got {
				if !mxSame(got[i], tc.nodeEI[i], 1e-15) {
					t.Errorf("NodeEIIndex[%d] = %v, want %v", i, got[i], tc.nodeEI[i])
				}
			}
			if got := PublicPrivateShare(net); net.M() == 0 && got != 0 {
				t.Errorf("PublicPrivateShare = %v, want 0 without ties", got)
			}
			if ht := CountHelixTies(net); ht.Internal+ht.External == 0 {
				r := EIIndexTest(net, 10, rand.NewPCG(1, 1))
				if !math.IsNaN(r.P) || !math.IsNaN(r.Observed) || r.Perms != 10 {
					t.Errorf("EIIndexTest without known ties = %+v, want NaN", r)
				}
			}
			if in := HelixIntegration(net); net.M() == 0 && in.Class != graph.None {
				t.Errorf("HelixIntegration = %s, want none", in.Class)
			}
		})
	}
}

// mxBenchSizes are the benchmark networks: 5 ties per partner.
var mxBenchSizes = []int{1000, 6000, 50000}

var (
	mxBenchMu   sync.Mutex
	mxBenchNets = map[int]*Network{}
)

// mxBenchNet returns the generated network of n partners and 5n ties
// (generate.Ecosystem, seed 1, explicit ties only), built once.
func mxBenchNet(b *testing.B, n int) *Network {
	b.Helper()
	mxBenchMu.Lock()
	defer mxBenchMu.Unlock()
	if net, ok := mxBenchNets[n]; ok {
		return net
	}
	e := generate.Ecosystem(generate.Options{Partners: n, Ties: 5 * n, Seed: 1, NetworkOnly: true})
	net := New(e, Options{Ties: TiesExplicit})
	mxBenchNets[n] = net
	return net
}

// mxBench runs f on every benchmark size; set ECOSCOPE_BENCH_MAX to a
// number of partners to skip the larger sizes.
func mxBench(b *testing.B, f func(net *Network)) {
	limit := math.MaxInt
	if s := os.Getenv("ECOSCOPE_BENCH_MAX"); s != "" {
		limit, _ = strconv.Atoi(s)
	}
	for _, n := range mxBenchSizes {
		if n > limit {
			continue
		}
		b.Run("partners="+strconv.Itoa(n)+"/ties="+strconv.Itoa(5*n), func(b *testing.B) {
			net := mxBenchNet(b, n)
			b.ReportAllocs()
			for b.Loop() {
				f(net)
			}
		})
	}
}

func BenchmarkHelixMixing(b *testing.B) {
	mxBench(b, func(net *Network) { HelixMixing(net) })
}
