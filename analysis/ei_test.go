package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestEIIndexRescaledTable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		e, i  int
		sizes []int
		want  float64
	}{
		// Two groups of 2: P_I = 2, P_E = 4. T = 3: E ranges over [1, 3].
		{"most internal", 1, 2, []int{2, 2}, -1},
		{"most external", 3, 0, []int{2, 2}, 1},
		{"middle", 2, 1, []int{2, 2}, 0},
		// One group: no external pair, E_max = E_min = 0.
		{"one group", 0, 3, []int{3}, math.NaN()},
		{"no ties", 0, 0, []int{2, 2}, math.NaN()},
		// Complete graph on 2 + 2: every pair is a tie, E is forced.
		{"complete", 4, 2, []int{2, 2}, math.NaN()},
		// Sizes 3, 1, 1: P_I = 3, P_E = 7; T = 4, E = 2:
		// E_max = 4, E_min = 4 − 3 = 1: 2(2 − 1)/3 − 1 = −1/3.
		{"uneven", 2, 2, []int{3, 1, 1, 0, 0}, -1.0 / 3},
	} {
		if got := eiRescaled(tc.e, tc.i, tc.sizes); !mxSame(got, tc.want, 1e-15) {
			t.Errorf("%s: eiRescaled(%d, %d, %v) = %v, want %v", tc.name, tc.e, tc.i, tc.sizes, got, tc.want)
		}
	}
}

func TestEIIndexTest(t *testing.T) {
	// Two cliques of six, academia and industry, joined by one tie:
	// E = 1, I = 30, EI = −29/31. Under permutation the expected EI is
	// (P_E − P_I)/P = (36 − 30)/66 with P = 66 pairs, P_I = 30 within.
	var nodes, edges []string
	for g, h := range []string{"academia", "industry"} {
		for a := 0; a < 6; a++ {
			nodes = append(nodes, "n"+strconv.Itoa(6*g+a)+":"+h)
			for b := a + 1; b < 6; b++ {
				edges = append(edges, "n"+strconv.Itoa(6*g+a)+"-n"+strconv.Itoa(6*g+b))
			}
		}
	}
	edges = append(edges, "n0-n6")
	nodes = append(nodes, "x:unknown") // an unknown node tied to both sides
	edges = append(edges, "x-n1", "x-n7")
	net := mxNet(t, strings.Join(nodes, " "), strings.Join(edges, " "))

	res := EIIndexTest(net, 999, rand.NewPCG(1, 2))
	if want := -29.0 / 31; math.Abs(res.Observed-want) > 1e-15 {
		t.Errorf("Observed = %v, want %v", res.Observed, want)
	}
	// Only the observed labelling and its mirror (2 of C(12, 6) = 924)
	// put as few as 1 of the 31 ties between the groups, so about 2 in
	// 1000 permutations do: the p-values are near their floor 1/(999+1).
	if res.PLess > 0.01 || res.P > 0.01 || res.PGreater < 0.99 {
		t.Errorf("p-values = %v (less), %v (two-sided), %v (greater); want < 0.01, < 0.01, > 0.99", res.PLess, res.P, res.PGreater)
	}
	if want := 6.0 / 66; math.Abs(res.Mean-want) > 0.02 {
		t.Errorf("permutation mean = %v, want about %v", res.Mean, want)
	}
	if !(res.SD > 0 && res.SD < 0.5) {
		t.Errorf("permutation SD = %v", res.SD)
	}
	// Reproducible from the seed.
	again := EIIndexTest(net, 999, rand.NewPCG(1, 2))
	if again != res {
		t.Errorf("EIIndexTest with the same seed = %+v, then %+v", res, again)
	}
	other := EIIndexTest(net, 999, rand.NewPCG(3, 4))
	if other.Mean == res.Mean {
		t.Errorf("EIIndexTest with another seed gave the same mean %v", other.Mean)
	}

	// A network whose labels carry no information: a ring of alternating
	// academia–industry nodes joined to its neighbours two steps on
	// (internal) as well: E = I = 12. The p-value is not small.
	nodes, edges = nil, nil
	for k := 0; k < 12; k++ {
		h := []string{"academia", "industry"}[k%2]
		nodes = append(nodes, "r"+strconv.Itoa(k)+":"+h)
		edges = append(edges, "r"+strconv.Itoa(k)+"-r"+strconv.Itoa((k+1)%12), "r"+strconv.Itoa(k)+"-r"+strconv.Itoa((k+2)%12))
	}
	ring := mxNet(t, strings.Join(nodes, " "), strings.Join(edges, " "))
	r := EIIndexTest(ring, 999, rand.NewPCG(5, 6))
	if r.Observed != 0 || r.P < 0.2 {
		t.Errorf("ring: Observed = %v, P = %v; want 0 and a large p-value", r.Observed, r.P)
	}
}

func TestEIIndexTestPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("EIIndexTest(net, 0, src) did not panic")
		}
	}()
	EIIndexTest(mxNet(t, "a:academia", ""), 0, rand.NewPCG(1, 1))
}

func BenchmarkEIIndex(b *testing.B) {
	mxBench(b, func(net *Network) { EIIndex(net) })
}

func BenchmarkEIIndexTest100(b *testing.B) {
	mxBench(b, func(net *Network) { EIIndexTest(net, 100, rand.NewPCG(1, 1)) })
}

func ExampleEIIndex() {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia},
			{ID: "college", Helix: graph.Academia},
			{ID: "firm", Helix: graph.Industry},
			{ID: "who"}, // no helix type: its ties are left out
		},
		Ties: []graph.Tie{
			{Source: "uni", Target: "college", Weight: 1},
			{Source: "uni", Target: "firm", Weight: 1},
			{Source: "college", Target: "firm", Weight: 1},
			{Source: "who", Target: "firm", Weight: 1},
		},
	}
	net := New(e, Options{Ties: TiesExplicit})
	t := CountHelixTies(net)
	fmt.Printf("E %d, I %d, unknown %d, E-I %.3f\n", t.External, t.Internal, t.Unknown, EIIndex(net))
	// Output:
	// E 2, I 1, unknown 1, E-I 0.333
}

// TestEIIndexTestCores: counting the permutations on other cores gives the
// answer of one core, permutation by permutation (the shuffles are one
// sequence whatever the cores).
func TestEIIndexTestCores(t *testing.T) {
	var nodes, edges []string
	helices := []string{"academia", "industry", "government", "civil_society"}
	r := rand.New(rand.NewPCG(7, 8))
	for a := range 300 {
		nodes = append(nodes, "n"+strconv.Itoa(a)+":"+helices[r.IntN(len(helices))])
		for range 3 {
			if b := r.IntN(300); b != a {
				edges = append(edges, "n"+strconv.Itoa(a)+"-n"+strconv.Itoa(b))
			}
		}
	}
	net := mxNet(t, strings.Join(nodes, " "), strings.Join(edges, " "))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := EIIndexTest(net, 500, rand.NewPCG(1, 2))
	for _, procs := range []int{2, 5} {
		runtime.GOMAXPROCS(procs)
		if got := EIIndexTest(net, 500, rand.NewPCG(1, 2)); got != one {
			t.Errorf("GOMAXPROCS %d: %+v, one core: %+v", procs, got, one)
		}
	}
	// Each count lands at its own permutation: the counts in order.
	labels := []int8{0, 1, 2, 3, 4, 5, 6, 7}
	es := make([]int, 200)
	runtime.GOMAXPROCS(3)
	err := permute(t.Context(), rand.New(rand.NewPCG(3, 4)), labels, es, func(l []int8) int { return int(l[0])*10 + int(l[1]) })
	if err != nil {
		t.Fatal(err)
	}
	ref := []int8{0, 1, 2, 3, 4, 5, 6, 7}
	rr := rand.New(rand.NewPCG(3, 4))
	for p := range es {
		rr.Shuffle(len(ref), func(a, b int) { ref[a], ref[b] = ref[b], ref[a] })
		if want := int(ref[0])*10 + int(ref[1]); es[p] != want {
			t.Fatalf("permutation %d: %d, want %d", p, es[p], want)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := permute(ctx, rr, labels, es, func([]int8) int { return 0 }); err == nil {
		t.Error("a cancelled context: no error")
	}
}
