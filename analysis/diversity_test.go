package analysis

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestHelixDiversity(t *testing.T) {
	const (
		A = graph.Academia
		I = graph.Industry
		G = graph.Government
		C = graph.CivilSociety
		E = graph.Environment
		U = graph.HelixUnknown
	)
	zero := map[graph.Helix]int{A: 0, I: 0, G: 0, C: 0, E: 0}
	with := func(m map[graph.Helix]int) map[graph.Helix]int {
		out := map[graph.Helix]int{}
		for k, v := range zero {
			out[k] = v
		}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		types []graph.Helix
		want  Diversity
	}{
		{"empty", nil, Diversity{Counts: zero}},
		// One type: no diversity; evenness is 0/0 and defined as 0.
		{"one type", []graph.Helix{A, A, A}, Diversity{Counts: with(map[graph.Helix]int{A: 3}), Known: 3, Types: 1}},
		// Two types half and half: 1 − (1/4 + 1/4) = 1/2, H = ln 2, J = 1.
		{"two even", []graph.Helix{A, I, I, A}, Diversity{
			Counts: with(map[graph.Helix]int{A: 2, I: 2}), Known: 4, Types: 2,
			Blau: 0.5, Shannon: math.Ln2, Evenness: 1}},
		// All five once: 1 − 5/25 = 0.8 (the maximum), H = ln 5, J = 1.
		{"five even", []graph.Helix{A, I, G, C, E}, Diversity{
			Counts: with(map[graph.Helix]int{A: 1, I: 1, G: 1, C: 1, E: 1}), Known: 5, Types: 5,
			Blau: 0.8, Shannon: math.Log(5), Evenness: 1}},
		// 2 A, 1 I and an unknown (counted apart, left out of the
		// shares): p = (2/3, 1/3); Blau = 1 − 5/9 = 4/9;
		// H = (2/3) ln(3/2) + (1/3) ln 3; J = H / ln 2.
		{"with unknown", []graph.Helix{A, A, I, U}, Diversity{
			Counts: with(map[graph.Helix]int{A: 2, I: 1, U: 1}), Known: 3, Unknown: 1, Types: 2,
			Blau:     4.0 / 9,
			Shannon:  2.0/3*math.Log(1.5) + 1.0/3*math.Log(3),
			Evenness: (2.0/3*math.Log(1.5) + 1.0/3*math.Log(3)) / math.Ln2}},
		// The empty string is unknown too; only unknown: all indices 0.
		{"only unknown", []graph.Helix{U, ""}, Diversity{Counts: with(map[graph.Helix]int{U: 2}), Unknown: 2}},
		// 3 A, 1 G: p = (3/4, 1/4); Blau = 1 − 10/16 = 3/8;
		// H = (3/4) ln(4/3) + (1/4) ln 4; J = H / ln 2 = 0.811278… bits/bit.
		{"uneven", []graph.Helix{A, G, A, A}, Diversity{
			Counts: with(map[graph.Helix]int{A: 3, G: 1}), Known: 4, Types: 2,
			Blau:     3.0 / 8,
			Shannon:  0.75*math.Log(4.0/3) + 0.25*math.Log(4),
			Evenness: (0.75*math.Log(4.0/3) + 0.25*math.Log(4)) / math.Ln2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := HelixDiversity(tc.types)
			if !reflect.DeepEqual(got.Counts, tc.want.Counts) || got.Known != tc.want.Known ||
				got.Unknown != tc.want.Unknown || got.Types != tc.want.Types {
				t.Errorf("HelixDiversity counts = %+v, want %+v", got, tc.want)
			}
			for _, f := range []struct {
				what      string
				got, want float64
			}{
				{"Blau", got.Blau, tc.want.Blau},
				{"Shannon", got.Shannon, tc.want.Shannon},
				{"Evenness", got.Evenness, tc.want.Evenness},
			} {
				if math.Abs(f.got-f.want) > 1e-15 {
					t.Errorf("%s = %v, want %v", f.what, f.got, f.want)
				}
			}
		})
	}
}

func TestDiversityOf(t *testing.T) {
	net := mxNet(t, brokerExampleNodes, brokerExampleEdges)
	// All nodes: 3 A, 2 I, 2 G and X unknown. p = (3/7, 2/7, 2/7):
	// Blau = 1 − 17/49 = 32/49; H = (3/7) ln(7/3) + (4/7) ln(7/2).
	d := DiversityOf(net, nil)
	h := 3.0/7*math.Log(7.0/3) + 4.0/7*math.Log(3.5)
	if d.Known != 7 || d.Unknown != 1 || d.Types != 3 || d.Counts[graph.HelixUnknown] != 1 ||
		math.Abs(d.Blau-32.0/49) > 1e-15 || math.Abs(d.Shannon-h) > 1e-15 || math.Abs(d.Evenness-h/math.Log(3)) > 1e-15 {
		t.Errorf("DiversityOf(all) = %+v, want Blau 32/49, H %v, J %v", d, h, h/math.Log(3))
	}
	// Nodes 0 (A1) and 3 (I1), A1 listed twice: p = (2/3, 1/3).
	if d := DiversityOf(net, []int{0, 3, 0}); d.Known != 3 || math.Abs(d.Blau-4.0/9) > 1e-15 {
		t.Errorf("DiversityOf(A1, I1, A1) = %+v, want Blau 4/9", d)
	}
	if d := DiversityOf(net, []int{}); d.Known != 0 || d.Blau != 0 {
		t.Errorf("DiversityOf(none) = %+v, want zero", d)
	}
}

func TestEgoDiversity(t *testing.T) {
	net := mxNet(t, brokerExampleNodes, brokerExampleEdges)
	// A1: neighbours A2, A3, I1, G1 → p = (1/2, 1/4, 1/4): 1 − 6/16.
	// A2: A1, I1, G2 → one of each of three: 1 − 3/9.
	// A3: A1, G2 → 1/2. I1: A1, A2, I2 → (2/3, 1/3): 4/9. I2: I1 → 0.
	// G1: A1 and X (unknown, left out) → 0. G2: A2, A3 → 0. X: G1 → 0.
	want := []float64{0.625, 2.0 / 3, 0.5, 4.0 / 9, 0, 0, 0, 0}
	got := EgoDiversity(net)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("EgoDiversity[%s] = %v, want %v", net.ID(i), got[i], want[i])
		}
	}
	// Isolates and the empty network.
	if got := EgoDiversity(mxNet(t, "a:academia b:industry", "")); got[0] != 0 || got[1] != 0 {
		t.Errorf("EgoDiversity of isolates = %v, want 0", got)
	}
	if got := EgoDiversity(mxNet(t, "", "")); len(got) != 0 {
		t.Errorf("EgoDiversity of the empty network = %v", got)
	}
}

func TestDiversityGolden(t *testing.T) {
	for _, name := range mxGoldenNames {
		t.Run(name, func(t *testing.T) {
			g, net := readMxGolden(t, name)
			d := DiversityOf(net, nil)
			want := g.Python.Diversity
			if !mxSame(d.Blau, want["blau"], mxGoldenTol) || !mxSame(d.Shannon, want["shannon"], mxGoldenTol) ||
				!mxSame(d.Evenness, want["evenness"], mxGoldenTol) || float64(d.Unknown) != want["unknown"] {
				t.Errorf("DiversityOf = %+v, want %v (make_golden.py)", d, want)
			}
			ego := EgoDiversity(net)
			for i := range ego {
				if w := g.Python.EgoDiversity[net.ID(i)]; !mxSame(ego[i], w, mxGoldenTol) {
					t.Errorf("EgoDiversity[%s] = %v, want %v", net.ID(i), ego[i], w)
				}
			}
		})
	}
}

func BenchmarkEgoDiversity(b *testing.B) {
	mxBench(b, func(net *Network) { EgoDiversity(net) })
}

func ExampleHelixDiversity() {
	d := HelixDiversity([]graph.Helix{graph.Academia, graph.Academia, graph.Industry, graph.HelixUnknown})
	fmt.Printf("known %d, unknown %d, Blau %.3f, Shannon %.3f nats, evenness %.3f\n",
		d.Known, d.Unknown, d.Blau, d.Shannon, d.Evenness)
	// Output:
	// known 3, unknown 1, Blau 0.444, Shannon 0.637 nats, evenness 0.918
}
