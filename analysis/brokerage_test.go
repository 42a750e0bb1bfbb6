package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// TestBrokerageExample checks the roles in brokerExample, worked out by hand.
// Each unordered pair {a, c} of unjoined neighbours of b counts twice, a–b–c
// and c–b–a.
func TestBrokerageExample(t *testing.T) {
	net := mxNet(t, brokerExampleNodes, brokerExampleEdges)
	want := map[string]BrokerageRoles{
		// A1 (academia): neighbours A2, A3 (A), I1 (I), G1 (G); of the 6
		// pairs A2–I1 is joined. {A2, A3}: coordinator ×2. {A2, G1},
		// {A3, I1}, {A3, G1}: one end academia, the other not:
		// representative once and gatekeeper once each (3 + 3).
		// {I1, G1}: three types, liaison ×2. Total 10 = 2·5 open pairs.
		"A1": {Coordinator: 2, Representative: 3, Gatekeeper: 3, Liaison: 2},
		// A2: neighbours A1, I1, G2. A1–I1 joined. {A1, G2}: rep + gate.
		// {I1, G2}: industry, government, broker academia: liaison ×2.
		"A2": {Representative: 1, Gatekeeper: 1, Liaison: 2},
		// A3: neighbours A1, G2, not joined: rep + gate.
		"A3": {Representative: 1, Gatekeeper: 1},
		// I1 (industry): neighbours A1, A2, I2. A1–A2 joined. {A1, I2} and
		// {A2, I2}: I2 is of I1's type, rep + gate each.
		"I1": {Representative: 2, Gatekeeper: 2},
		// I2, X: one neighbour, no two-path.
		"I2": {},
		// G1: neighbours A1 and X (unknown): counted apart, ×2.
		"G1": {Unknown: 2},
		// G2 (government): neighbours A2, A3, both academia, not joined:
		// itinerant ×2.
		"G2": {Itinerant: 2},
		"X":  {},
	}
	got := Brokerage(net)
	for i, r := range got {
		if w := want[net.ID(i)]; r != w {
			t.Errorf("Brokerage[%s] = %+v, want %+v", net.ID(i), r, w)
		}
	}
}

// naiveBrokerage is the definition of Brokerage, looping over ordered pairs
// of neighbours and asking the network whether they are joined.
func naiveBrokerage(net *Network) []BrokerageRoles {
	out := make([]BrokerageRoles, net.N())
	for b := range out {
		gb := helixCategory(net.Helix(b))
		for _, a := range net.Neighbors(b) {
			for _, c := range net.Neighbors(b) {
				if a == c || net.HasEdgeBetween(int64(a), int64(c)) {
					continue
				}
				ga, gc := helixCategory(net.Helix(int(a))), helixCategory(net.Helix(int(c)))
				r := &out[b]
				switch {
				case ga == unknownHelix || gb == unknownHelix || gc == unknownHelix:
					r.Unknown++
				case ga == gb && gb == gc:
					r.Coordinator++
				case ga == gc:
					r.Itinerant++
				case ga == gb:
					r.Representative++
				case gb == gc:
					r.Gatekeeper++
				default:
					r.Liaison++
				}
			}
		}
	}
	return out
}

// randomHelixNet returns a random network of n nodes, m tie attempts and
// random helix types (unknown included).
func mxRandomNet(r *rand.Rand, n, m int) *Network {
	e := &graph.Ecosystem{}
	types := append(append([]graph.Helix{}, graph.Helices...), graph.HelixUnknown)
	for i := 0; i < n; i++ {
		e.Partners = append(e.Partners, graph.Partner{ID: strconv.Itoa(i), Helix: types[r.IntN(len(types))]})
	}
	for k := 0; k < m && n > 1; k++ {
		// A few hubs make large neighbourhoods.
		u := r.IntN(n)
		if r.IntN(4) == 0 {
			u = r.IntN(min(n, 5))
		}
		e.Ties = append(e.Ties, graph.Tie{Source: strconv.Itoa(u), Target: strconv.Itoa(r.IntN(n)), Weight: 1})
	}
	return New(e, Options{Ties: TiesExplicit})
}

func TestBrokerageRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, size := range []struct{ n, m int }{{0, 0}, {1, 0}, {2, 1}, {10, 30}, {60, 200}, {400, 2000}} {
		net := mxRandomNet(r, size.n, size.m)
		got, want := Brokerage(net), naiveBrokerage(net)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("n=%d: Brokerage[%d] = %+v, want %+v (naive)", size.n, i, got[i], want[i])
			}
		}
		// The roles and Unknown add up to the ordered open two-paths
		// k(k−1) − 2t through each node.
		for b := range got {
			k := net.Degree(b)
			tri := 0
			nb := net.Neighbors(b)
			for x := range nb {
				for y := x + 1; y < len(nb); y++ {
					if net.HasEdgeBetween(int64(nb[x]), int64(nb[y])) {
						tri++
					}
				}
			}
			if s := got[b].Known() + got[b].Unknown; s != k*(k-1)-2*tri {
				t.Errorf("n=%d: node %d: roles sum to %d, want k(k−1) − 2t = %d", size.n, b, s, k*(k-1)-2*tri)
			}
			if got[b].Representative != got[b].Gatekeeper {
				t.Errorf("n=%d: node %d: representative %d ≠ gatekeeper %d", size.n, b, got[b].Representative, got[b].Gatekeeper)
			}
		}
	}
}

func TestBrokerageGolden(t *testing.T) {
	for _, name := range mxGoldenNames {
		t.Run(name, func(t *testing.T) {
			g, net := readMxGolden(t, name)
			got := Brokerage(net)
			for i, r := range got {
				if w := g.Python.Brokerage[net.ID(i)]; r != w {
					t.Errorf("Brokerage[%s] = %+v, want %+v (make_golden.py brute force)", net.ID(i), r, w)
				}
			}
		})
	}
}

// TestBrokerageNullExample checks the expected counts for brokerExample by
// hand. Known nodes K = 7 (X left out): 3 academia, 2 industry, 2
// government; 8 ties among them, so d = 16/42 = 8/21 and
// p = d²(1 − d) = (64/441)(13/21) = 832/9261.
func TestBrokerageNullExample(t *testing.T) {
	net := mxNet(t, brokerExampleNodes, brokerExampleEdges)
	p := 832.0 / 9261
	mean, sd := BrokerageNull(net, graph.Academia)
	// Slots for an academia broker (n_g = 3): coordinator (2)(1) = 2;
	// itinerant 2·1 + 2·1 = 4; representative (2)(7 − 3) = 8; liaison
	// 2·(7−3−2) + 2·(7−3−2) = 8; total (6)(5) = 30 = 2 + 4 + 8 + 8 + 8.
	want := BrokerageScores{Coordinator: 2 * p, Itinerant: 4 * p, Representative: 8 * p, Gatekeeper: 8 * p, Liaison: 8 * p, Total: 30 * p}
	if !mxNearScores(mean, want, 1e-15) {
		t.Errorf("BrokerageNull(academia) mean = %+v, want %+v", mean, want)
	}
	// Coordinator variance: 2 [E(1 − p) + 2·2·1·0·q] = 2·2p(1 − p), the
	// covariance term vanishing with n_g − 3 = 0.
	if w := math.Sqrt(4 * p * (1 - p)); math.Abs(sd.Coordinator-w) > 1e-15 {
		t.Errorf("sd coordinator = %v, want %v", sd.Coordinator, w)
	}
	z := BrokerageZ(net, Brokerage(net))
	// A1: 2 coordinator two-paths against 2p expected.
	if w := (2 - 2*p) / sd.Coordinator; math.Abs(z[0].Coordinator-w) > 1e-12 {
		t.Errorf("z coordinator of A1 = %v, want %v", z[0].Coordinator, w)
	}
	if w := (10 - 30*p) / sd.Total; math.Abs(z[0].Total-w) > 1e-12 {
		t.Errorf("z total of A1 = %v, want %v", z[0].Total, w)
	}
	// X is of unknown type: NaN throughout.
	if zx := z[7]; !math.IsNaN(zx.Coordinator) || !math.IsNaN(zx.Total) {
		t.Errorf("z of X = %+v, want NaN", zx)
	}
	if m, s := BrokerageNull(net, graph.HelixUnknown); !math.IsNaN(m.Total) || !math.IsNaN(s.Total) {
		t.Errorf("BrokerageNull(unknown) = %+v, %+v, want NaN", m, s)
	}
	// An environment broker: its type is absent, no null model.
	if m, _ := BrokerageNull(net, graph.Environment); !math.IsNaN(m.Total) {
		t.Errorf("BrokerageNull(environment) = %+v, want NaN", m)
	}
}

func mxNearScores(a, b BrokerageScores, tol float64) bool {
	return mxSame(a.Coordinator, b.Coordinator, tol) && mxSame(a.Itinerant, b.Itinerant, tol) &&
		mxSame(a.Representative, b.Representative, tol) && mxSame(a.Gatekeeper, b.Gatekeeper, tol) &&
		mxSame(a.Liaison, b.Liaison, tol) && mxSame(a.Total, b.Total, tol)
}

// TestBrokerageMomentsMonteCarlo checks the means and variances of
// BrokerageNull against simulation: Bernoulli graphs with tie probability d
// on fixed groups, the roles of one broker counted by Brokerage. The
// variances of coordinator, itinerant, liaison and total are twice sna's
// (see BrokerageNull); the test tells the two apart.
func TestBrokerageMomentsMonteCarlo(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	sizes := []int{5, 3, 3, 2, 0} // K = 13; broker is node 0, academia
	const d = 0.35
	const samples = 20000
	var types []graph.Helix
	for g, s := range sizes {
		for k := 0; k < s; k++ {
			types = append(types, graph.Helices[g])
		}
	}
	k := len(types)
	r := rand.New(rand.NewPCG(11, 13))
	var sum, sum2 [6]float64
	e := &graph.Ecosystem{}
	for i, h := range types {
		e.Partners = append(e.Partners, graph.Partner{ID: strconv.Itoa(i), Helix: h})
	}
	for s := 0; s < samples; s++ {
		e.Ties = e.Ties[:0]
		for u := 0; u < k; u++ {
			for v := u + 1; v < k; v++ {
				if r.Float64() < d {
					e.Ties = append(e.Ties, graph.Tie{Source: e.Partners[u].ID, Target: e.Partners[v].ID, Weight: 1})
				}
			}
		}
		b := Brokerage(New(e, Options{Ties: TiesExplicit}))[0]
		x := [6]float64{float64(b.Coordinator), float64(b.Itinerant), float64(b.Representative),
			float64(b.Gatekeeper), float64(b.Liaison), float64(b.Known())}
		for j := range x {
			sum[j] += x[j]
			sum2[j] += x[j] * x[j]
		}
	}
	mean, sd := brokerageMoments(sizes, 0, d)
	wantMean := [6]float64{mean.Coordinator, mean.Itinerant, mean.Representative, mean.Gatekeeper, mean.Liaison, mean.Total}
	wantSD := [6]float64{sd.Coordinator, sd.Itinerant, sd.Representative, sd.Gatekeeper, sd.Liaison, sd.Total}
	names := []string{"coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"}
	for j, name := range names {
		m := sum[j] / samples
		v := sum2[j]/samples - m*m
		if math.Abs(m-wantMean[j]) > 4*wantSD[j]/math.Sqrt(samples) {
			t.Errorf("%s: simulated mean %v, want %v", name, m, wantMean[j])
		}
		ratio := v / (wantSD[j] * wantSD[j])
		t.Logf("%s: mean %.4f (want %.4f), variance ratio %.3f", name, m, wantMean[j], ratio)
		if math.Abs(ratio-1) > 0.08 {
			t.Errorf("%s: simulated variance %v, want %v (ratio %.3f)", name, v, wantSD[j]*wantSD[j], ratio)
		}
	}
}

func TestBrokerageEdgeCases(t *testing.T) {
	for _, tc := range []struct{ name, nodes, edges string }{
		{"empty", "", ""},
		{"one node", "a:academia", ""},
		{"isolates", "a:academia x:unknown", ""},
		{"one tie", "a:academia b:industry", "a-b"},
		{"triangle", "a:academia b:industry c:government", "a-b b-c a-c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := mxNet(t, tc.nodes, tc.edges)
			roles := Brokerage(net)
			if len(roles) != net.N() {
				t.Fatalf("Brokerage has %d entries for %d nodes", len(roles), net.N())
			}
			for i, r := range roles {
				if r != (BrokerageRoles{}) {
					t.Errorf("Brokerage[%d] = %+v, want none", i, r)
				}
			}
			z := BrokerageZ(net, roles)
			if len(z) != net.N() {
				t.Fatalf("BrokerageZ has %d entries for %d nodes", len(z), net.N())
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Error("BrokerageZ with mismatched roles did not panic")
		}
	}()
	BrokerageZ(mxNet(t, "a:academia", ""), nil)
}

func BenchmarkBrokerage(b *testing.B) {
	mxBench(b, func(net *Network) { Brokerage(net) })
}

func BenchmarkBrokerageZ(b *testing.B) {
	mxBench(b, func(net *Network) { BrokerageZ(net, Brokerage(net)) })
}

func ExampleBrokerage() {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia},
			{ID: "firm", Helix: graph.Industry},
			{ID: "city", Helix: graph.Government},
			{ID: "lab", Helix: graph.Academia},
		},
		Ties: []graph.Tie{
			{Source: "uni", Target: "firm", Weight: 1},
			{Source: "uni", Target: "city", Weight: 1},
			{Source: "uni", Target: "lab", Weight: 1},
		},
	}
	net := New(e, Options{Ties: TiesExplicit})
	uni, _ := net.Index("uni")
	r := Brokerage(net)[uni]
	// firm–uni–city: liaison both ways; lab–uni–firm and lab–uni–city:
	// representative one way, gatekeeper the other.
	fmt.Printf("liaison %d, representative %d, gatekeeper %d, open two-paths %d\n",
		r.Liaison, r.Representative, r.Gatekeeper, r.Known()+r.Unknown)
	// Output:
	// liaison 2, representative 2, gatekeeper 2, open two-paths 6
}
