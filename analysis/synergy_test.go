package analysis

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestHelixSynergy(t *testing.T) {
	const (
		A = graph.Academia
		I = graph.Industry
		G = graph.Government
		C = graph.CivilSociety
		E = graph.Environment
		U = graph.HelixUnknown
	)
	type obs = [][]graph.Helix
	h34 := 0.75*math.Log2(4.0/3) + 0.25*2 // h(3/4) = 0.811278… bits
	for _, tc := range []struct {
		name string
		obs  obs
		t3   float64 // T(uig)
		t4   float64 // T(uigc)
	}{
		{"no observations", nil, 0, 0},
		// Every unit has all three: every entropy is 0.
		{"constant", obs{{A, I, G}, {A, I, G}}, 0, 0},
		// u = i = g, half present: H(x) = H(xy) = H(xyz) = 1 bit:
		// T = 3 − 3 + 1 = 1 (redundancy). c is constant 0, and a constant
		// dimension adds nothing: every H with c equals the one without,
		// T(uigc) = 3 − (3 + 3) + (1 + 3) − 1 = 0.
		{"all or none", obs{{}, {A, I, G}}, 1, 0},
		// The XOR table: (u, i, g) ∈ {000, 110, 101, 011}, each once.
		// H(x) = 1, H(xy) = 2 (the four pairs equally often),
		// H(uig) = 2: T = 3 − 6 + 2 = −1 bit, the textbook synergy.
		// Civil society in the first unit only: c = 1 iff (u, i, g) = 000,
		// so c is a function of any two of u, i, g. H(c) = h(1/4);
		// H(xc) = H(x) + H(c | x) = 1 + (1/2)·1 = 1.5 for x ∈ {u, i, g}
		// (c = 1 needs x = 0, then half the time); H(xyc) = H(xy) = 2;
		// H(uigc) = 2. T(uigc) = (3 + h) − (6 + 4.5) + (2 + 6) − 2
		// = h(1/4) − 1.5 = −0.688722….
		{"xor", obs{{C}, {A, I}, {A, G}, {I, G}}, -1, h34 - 1.5},
		// Units {A}, {A}, {A, I}, {I, G}: H(u) = h(3/4), H(i) = 1,
		// H(g) = h(3/4); H(ui) = 1.5 (10, 10, 11, 01), H(ig) = 1.5
		// (00, 00, 10, 11), H(ug) = h(3/4) (10 ×3, 01); H(uig) = 1.5.
		// T = 2h + 1 − 3 − h + 1.5 = h(3/4) − 0.5 = 0.311278…
		// c is absent everywhere: T(uigc) = 0.
		{"uneven", obs{{A}, {A}, {A, I}, {I, G}}, h34 - 0.5, 0},
		// Unknown and environment do not enter T(uig) or T(uigc): the same
		// as "uneven".
		{"ignored types", obs{{A, U}, {A, E}, {A, I, E}, {I, G, U}}, h34 - 0.5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TripleHelixSynergy(tc.obs); math.Abs(got-tc.t3) > 1e-12 {
				t.Errorf("T(uig) = %v, want %v", got, tc.t3)
			}
			if got := QuadrupleHelixSynergy(tc.obs); math.Abs(got-tc.t4) > 1e-12 {
				t.Errorf("T(uigc) = %v, want %v", got, tc.t4)
			}
		})
	}
	// Two dimensions: the mutual information, ≥ 0. u and i always
	// together: I(u; i) = H(u) = 1 bit.
	if got := HelixSynergy(obs{{A, I}, {}, {A, I}, {G}}, A, I); math.Abs(got-1) > 1e-12 {
		t.Errorf("T(ui) = %v, want 1", got)
	}
	// One dimension: the entropy.
	if got := HelixSynergy(obs{{A}, {}, {}, {}}, A); math.Abs(got-h34) > 1e-12 {
		t.Errorf("T(u) = %v, want h(1/4) = %v", got, h34)
	}
	// The order of the dimensions does not matter.
	o := obs{{A}, {A, I}, {I, G, C}, {G}, {A, C}}
	if a, b := HelixSynergy(o, A, I, G, C), HelixSynergy(o, C, G, A, I); math.Abs(a-b) > 1e-12 {
		t.Errorf("T depends on the order of dims: %v, %v", a, b)
	}
}

func TestHelixSynergyPanics(t *testing.T) {
	for _, dims := range [][]graph.Helix{
		nil,
		{graph.Academia, graph.Academia},
		{graph.Academia, graph.HelixUnknown},
		{graph.Academia, "robots"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("HelixSynergy(%v) did not panic", dims)
				}
			}()
			HelixSynergy(nil, dims...)
		}()
	}
}

func TestUnitHelixSets(t *testing.T) {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia},
			{ID: "firm", Helix: graph.Industry},
			{ID: "city", Helix: graph.Government},
			{ID: "who"},
		},
		People: []graph.Person{{ID: "p1", Partner: "city"}},
		Units: []graph.Unit{
			{ID: "eco", Level: graph.LevelEcosystem},
			{ID: "lab", Level: graph.LevelFieldlab, Parent: "eco"},
			{ID: "team", Level: graph.LevelTeam, Parent: "lab"},
			{ID: "empty", Level: graph.LevelTeam, Parent: "eco"},
			{ID: "odd", Level: graph.LevelTeam},
		},
		Memberships: []graph.Membership{
			{Unit: "eco", Member: "uni"},
			{Unit: "lab", Member: "firm"},
			{Unit: "team", Member: "p1"}, // a person counts for their partner
			{Unit: "odd", Member: "who"},
		},
	}
	// eco holds everything below it; empty has no partner and is left out;
	// odd has only a partner without a type.
	want := [][]graph.Helix{
		{graph.Academia, graph.Industry, graph.Government},
		{graph.Industry, graph.Government},
		{graph.Government},
		{graph.HelixUnknown},
	}
	got := UnitHelixSets(e)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UnitHelixSets = %v, want %v", got, want)
	}
	// Over (u, i, g): eco 111, lab 011, team 001, odd 000. With
	// h = h(1/4) = 0.811278… bits: H(u) = h (1000), H(i) = 1 (1100),
	// H(g) = h (1110); H(ui) = 1.5 (11, 01, 00, 00), H(ug) = 1.5
	// (11, 01, 01, 00), H(ig) = 1.5 (11, 11, 01, 00); H(uig) = 2 (all
	// four differ). T = 2h + 1 − 4.5 + 2 = 2h − 1.5.
	h := 0.75*math.Log2(4.0/3) + 0.5
	if got, want := TripleHelixSynergy(got), 2*h-1.5; math.Abs(got-want) > 1e-12 {
		t.Errorf("T(uig) of the units = %v, want %v", got, want)
	}
}

func ExampleTripleHelixSynergy() {
	// Four units, each with two of the three helices or none: the
	// pairs are independent, the three together are not (XOR).
	units := [][]graph.Helix{
		{graph.CivilSociety},
		{graph.Academia, graph.Industry},
		{graph.Academia, graph.Government},
		{graph.Industry, graph.Government},
	}
	fmt.Printf("T(uig) = %.3f bits\n", TripleHelixSynergy(units))
	// Output:
	// T(uig) = -1.000 bits
}

// TestSynergyWithoutUnits: with no unit to observe, synergy is undefined
// (NaN, null in JSON), not 0 (issue 8).
func TestSynergyWithoutUnits(t *testing.T) {
	if v := TripleHelixSynergy(nil); !math.IsNaN(v) {
		t.Errorf("TripleHelixSynergy(no observations) = %v, want NaN", v)
	}
	if v := QuadrupleHelixSynergy([][]graph.Helix{}); !math.IsNaN(v) {
		t.Errorf("QuadrupleHelixSynergy(no observations) = %v, want NaN", v)
	}
}
