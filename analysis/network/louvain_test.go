package network

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// lvCase is a network for the Louvain tests.
type lvCase struct {
	name string
	net  *Graph
}

// lvCases returns the golden graphs of testdata/golden (karate, florentine,
// davis_women, les_miserables, disconnected: their edges and weights as
// NetworkX 3.6.1 has them) and random networks: sparse ones with hubs,
// weighted ones and a generated ecosystem.
func lvCases(t *testing.T) []lvCase {
	t.Helper()
	var cases []lvCase
	for _, name := range goldenGraphs {
		cases = append(cases, lvCase{name, readGolden(t, name).graph()})
	}
	r := rand.New(rand.NewPCG(11, 11))
	for _, s := range []struct{ n, m int }{{30, 60}, {100, 300}, {300, 900}, {1000, 2500}} {
		cases = append(cases, lvCase{"hubs n=" + strconv.Itoa(s.n), mxRandomNet(r, s.n, s.m)})
	}
	for _, s := range []struct{ n, m int }{{50, 150}, {400, 1600}} {
		cases = append(cases, lvCase{"weighted n=" + strconv.Itoa(s.n), lvWeightedNet(r, s.n, s.m)})
	}
	cases = append(cases, lvCase{"generated n=1000", generated(1000, 5000, 1)})
	return cases
}

// lvWeightedNet returns a random network of n partners and m ties with
// weights uniform in [0.1, 5).
func lvWeightedNet(r *rand.Rand, n, m int) *Graph {
	ids := make([]string, n)
	for i := range n {
		ids[i] = strconv.Itoa(i)
	}
	var ties []tie
	for range m {
		ties = append(ties, tie{
			u: strconv.Itoa(r.IntN(n)),
			v: strconv.Itoa(r.IntN(n)),
			w: 0.1 + 4.9*r.Float64(),
		})
	}
	return fromTies(ids, ties)
}

// lvGroups returns the members of every community of of, as gonum nodes.
func lvGroups(of []int) [][]gonum.Node {
	var groups [][]gonum.Node
	for v, c := range of {
		for c >= len(groups) {
			groups = append(groups, nil)
		}
		groups[c] = append(groups[c], simple.Node(v))
	}
	return groups
}

// lvCheckConnected checks that every community of c is connected.
func lvCheckConnected(t *testing.T, net *Graph, c Communities) {
	t.Helper()
	reached := make([]bool, net.N())
	for s, k := range c.Of {
		if reached[s] {
			continue
		}
		// The first node of community k: count what it reaches within k.
		reached[s] = true
		stack, count := []int{s}, 1
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, v := range net.Neighbors(u) {
				if !reached[v] && c.Of[v] == k {
					reached[v] = true
					count++
					stack = append(stack, int(v))
				}
			}
		}
		if count != c.Sizes[k] {
			t.Errorf("community %d (size %d) is not connected: node %d reaches %d of it", k, c.Sizes[k], s, count)
		}
	}
}

// TestLouvainGonum cross-checks Louvain with gonum's community.Modularize
// (the implementation it replaces) and community.Q.
func TestLouvainGonum(t *testing.T) {
	for _, tc := range lvCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			net := tc.net
			for seed := uint64(1); seed <= 3; seed++ {
				c := Louvain(net, rand.NewPCG(seed, seed))
				mxCheckCommunities(t, net, c)
				lvCheckConnected(t, net, c)
				if again := Louvain(net, rand.NewPCG(seed, seed)); !reflect.DeepEqual(again, c) {
					t.Errorf("seed %d: Louvain is not reproducible from its seed", seed)
				}
				// gonum's Q of the same partition.
				if q := community.Q(net, lvGroups(c.Of), 1); math.Abs(q-c.Q) > 1e-9 {
					t.Errorf("seed %d: Q = %v, gonum community.Q of the partition = %v", seed, c.Q, q)
				}
				// About as good as gonum's Louvain with the same seed.
				r := community.Modularize(net, 1, rand.NewPCG(seed, seed))
				gq := community.Q(net, r.Communities(), 1)
				if c.Q < gq-0.02 {
					t.Errorf("seed %d: Q = %v, gonum's Modularize found %v", seed, c.Q, gq)
				}
			}
		})
	}
}

// TestLouvainPlanted checks that Louvain finds the communities of planted
// partition graphs: 8 groups of 25 partners, ties within a group with
// probability 0.5 and between groups with probability 0.01. About 1,200 of
// the 1,375 expected ties are within groups and every group has 1/8 of the
// total strength, so the planted partition has Q ≈ 1200/1375 − 8·(1/8)² ≈
// 0.75. In the weighted variant every pair is tied with probability 0.2,
// with weight 10 within a group and 1 between groups, so only the weights
// tell the groups apart: about 480 ties of weight 10 within groups and 3,500
// of weight 1 between them give Q ≈ 4800/8300 − 1/8 ≈ 0.45.
func TestLouvainPlanted(t *testing.T) {
	const groups, size = 8, 25
	for _, tc := range []struct {
		name      string
		pIn, pOut float64
		wIn, wOut float64
		minQ      float64
	}{
		{"sparse between groups", 0.5, 0.01, 1, 1, 0.7},
		{"weights only", 0.2, 0.2, 10, 1, 0.4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(5, 5))
			n := groups * size
			ids := make([]string, n)
			for i := range n {
				ids[i] = strconv.Itoa(i)
			}
			var ties []tie
			for u := range n {
				for v := u + 1; v < n; v++ {
					p, w := tc.pOut, tc.wOut
					if u/size == v/size {
						p, w = tc.pIn, tc.wIn
					}
					if r.Float64() < p {
						ties = append(ties, tie{u: strconv.Itoa(u), v: strconv.Itoa(v), w: w})
					}
				}
			}
			net := fromTies(ids, ties)
			planted := make([]int, n)
			for v := range planted {
				planted[v] = v / size
			}
			for seed := uint64(1); seed <= 5; seed++ {
				c := Louvain(net, rand.NewPCG(seed, seed))
				mxCheckCommunities(t, net, c)
				if !(c.Q > tc.minQ) {
					t.Errorf("seed %d: Q = %v, want > %v (planted partition: %v)", seed, c.Q, tc.minQ, Modularity(net, planted))
				}
				if !lvSamePartition(c.Of, planted) {
					t.Errorf("seed %d: communities %v, want the %d planted groups of %d", seed, c.Sizes, groups, size)
				}
			}
		})
	}
}

// lvSamePartition reports whether a and b put the same nodes together.
func lvSamePartition(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	ab := map[int]int{}
	ba := map[int]int{}
	for i := range a {
		if x, ok := ab[a[i]]; ok && x != b[i] {
			return false
		}
		if y, ok := ba[b[i]]; ok && y != a[i] {
			return false
		}
		ab[a[i]], ba[b[i]] = b[i], a[i]
	}
	return true
}

// lvModularity returns the modularity of the partition comm of a level
// graph, with its self-loops:
//
//	Q = Σ_c [ (Σ_{i,j∈c} A_ij) / 2W − (S_c / 2W)² ]
//
// where A_ii = 2·self[i] (a self-loop counts twice in the strength) and 2W is
// the sum of the strengths.
func lvModularity(g *lvGraph, comm []int32) float64 {
	n := g.n()
	in := make([]float64, n)
	tot := make([]float64, n)
	var m2 float64
	for i := range n {
		c := comm[i]
		tot[c] += g.str[i]
		m2 += g.str[i]
		if g.self != nil {
			in[c] += 2 * g.self[i]
		}
		for j := g.off[i]; j < g.off[i+1]; j++ {
			if comm[g.nbr[j]] == c {
				in[c] += g.w[j]
			}
		}
	}
	var q float64
	for c := range n {
		q += in[c]/m2 - (tot[c]/m2)*(tot[c]/m2)
	}
	return q
}

// TestLouvainLevels checks the two phases against brute force on every
// level: after local moving no single node can raise Q by more than the
// threshold (recomputing Q from scratch for every move), and the aggregated
// graph has the modularity of the partition it came from, symmetric arcs (up
// to rounding), no arcs to itself and the same total strength. Brute force
// costs O(n²(n + m)) a level, so only the networks up to 150 nodes.
func TestLouvainLevels(t *testing.T) {
	for _, tc := range lvCases(t) {
		if tc.net.N() > 150 || tc.net.M() == 0 {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			g := lvNetwork(tc.net)
			var m2 float64
			for _, s := range g.str {
				m2 += s
			}
			shuffle := rand.New(rand.NewPCG(1, 1)).Shuffle
			var lv lvMover
			for level := 0; ; level++ {
				comm, moved := lv.localMoving(g, m2, shuffle)
				if !moved {
					break
				}
				comm = append([]int32(nil), comm...)
				q := lvModularity(g, comm)
				trial := append([]int32(nil), comm...)
				for i := range g.n() {
					for c := range int32(g.n()) {
						trial[i] = c
						if dq := lvModularity(g, trial) - q; dq > louvainEps {
							t.Errorf("level %d: moving node %d from %d to %d raises Q by %v", level, i, comm[i], c, dq)
						}
					}
					trial[i] = comm[i]
				}

				k := compactLabels(comm)
				h := g.aggregate(comm, k)
				singletons := make([]int32, k)
				for c := range singletons {
					singletons[c] = int32(c)
				}
				if got := lvModularity(h, singletons); math.Abs(got-q) > 1e-12 {
					t.Errorf("level %d: Q of the aggregated graph = %v, Q of the partition %v", level, got, q)
				}
				var hm2 float64
				for c := range k {
					hm2 += h.str[c]
					s := 2 * h.self[c]
					for j := h.off[c]; j < h.off[c+1]; j++ {
						d := h.nbr[j]
						s += h.w[j]
						if int(d) == c {
							t.Errorf("level %d: arc from %d to itself", level, c)
						}
						back := -1.0
						for l := h.off[d]; l < h.off[d+1]; l++ {
							if int(h.nbr[l]) == c {
								back = h.w[l]
							}
						}
						// Summed in another order: equal up to rounding.
						if math.Abs(back-h.w[j]) > 1e-12*h.w[j] {
							t.Errorf("level %d: arc %d→%d has weight %v, %d→%d %v", level, c, d, h.w[j], d, c, back)
						}
					}
					if math.Abs(s-h.str[c]) > 1e-9 {
						t.Errorf("level %d: strength of %d = %v, arcs and self-loop add up to %v", level, c, h.str[c], s)
					}
				}
				if math.Abs(hm2-m2) > 1e-9 {
					t.Errorf("level %d: total strength %v, want %v", level, hm2, m2)
				}
				g = h
			}
		})
	}
}

func TestSplitDisconnected(t *testing.T) {
	net := specNet(t, twoTrianglesNodes+" g:government", twoTrianglesEdges)
	for _, tc := range []struct {
		name   string
		of     []int
		want   []int
		higher bool
	}{
		// a, b, c, d, e, f, g: {a, b, f} is {a, b} and {f}; the
		// isolated g joined to c, d, e is split off too.
		{"split", []int{0, 0, 1, 1, 1, 0, 1}, []int{0, 0, 1, 1, 1, 2, 3}, true},
		// Connected communities are only relabelled, by first node.
		{"connected", []int{5, 5, 5, 2, 2, 2, 9}, []int{0, 0, 0, 1, 1, 1, 2}, false},
		// g has no ties: splitting it off leaves Q as it is.
		{"one", []int{0, 0, 0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0, 0, 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := splitDisconnected(net, tc.of)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("splitDisconnected(%v) = %v, want %v", tc.of, got, tc.want)
			}
			// S_c² ≥ Σ of the squares of its parts: Q does not fall.
			before, after := Modularity(net, tc.of), Modularity(net, got)
			if after < before || tc.higher != (after > before) {
				t.Errorf("Q %v before, %v after splitting", before, after)
			}
		})
	}
}

func TestLouvainNilSource(t *testing.T) {
	net := specNet(t, twoTrianglesNodes, twoTrianglesEdges)
	if c := Louvain(net, nil); !reflect.DeepEqual(c.Of, []int{0, 0, 0, 1, 1, 1}) {
		t.Errorf("Louvain(nil source) = %v, want the two triangles", c.Of)
	}
}

// BenchmarkLouvainGonum times gonum's community.Modularize on the networks
// of BenchmarkLouvain, for comparison; at 50,000 partners it takes about two
// minutes, so run it with -benchtime=1x.
func BenchmarkLouvainGonum(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { community.Modularize(net, 1, rand.NewPCG(1, 1)) })
}
