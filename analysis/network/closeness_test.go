package network

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// plainCloseness is the harmonic closeness the plain way: one breadth-first
// search per source, adding 1/d(s, v) to every node v it reaches.
func plainCloseness(g *Graph) []float64 {
	n := g.N()
	cl := make([]float64, n)
	if n <= 1 {
		return cl
	}
	dist := make([]int, n)
	for s := 0; s < n; s++ {
		for i := range dist {
			dist[i] = -1
		}
		dist[s] = 0
		queue := []int{s}
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			for _, w := range g.Neighbors(v) {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, int(w))
					cl[w] += 1 / float64(dist[w])
				}
			}
		}
	}
	for i := range cl {
		cl[i] /= float64(n - 1)
	}
	return cl
}

// TestClosenessPlain checks Closeness (batches of msWidth sources, each a
// direction-optimising multi-source search over the nodes renumbered in
// breadth-first order) against one plain breadth-first search per source,
// on random networks of sizes below one batch, at and around whole
// batches and between them, with isolated nodes and several components,
// dense and sparse, on 1, 2 and 3 workers.
func TestClosenessPlain(t *testing.T) {
	defer func(f func() int) { maxProcs = f }(maxProcs)
	rng := rand.New(rand.NewPCG(11, 3))

	type net struct {
		name string
		g    *Graph
	}
	var nets []net
	add := func(name string, n int, edges [][2]int) {
		nets = append(nets, net{name + " n=" + strconv.Itoa(n), edgeNet(n, edges)})
	}
	// random has about deg·n/2 random edges among the first n-iso nodes,
	// plus a path through the first n/path of them (none when path is 0),
	// so that there are long and short distances; the last iso nodes are
	// isolated.
	random := func(n, iso int, deg float64, path int) [][2]int {
		var edges [][2]int
		if m := n - iso; m >= 2 {
			for range int(deg * float64(m) / 2) {
				if u, v := rng.IntN(m), rng.IntN(m); u != v {
					edges = append(edges, [2]int{u, v})
				}
			}
			if path > 0 {
				for i := 0; i+1 < m/path; i++ {
					edges = append(edges, [2]int{i, i + 1})
				}
			}
		}
		return edges
	}

	add("empty", 0, nil)
	add("one node", 1, nil)
	add("two isolated", 2, nil)
	add("one edge", 2, [][2]int{{0, 1}})
	add("edge and isolated", 3, [][2]int{{0, 2}})
	for _, n := range []int{5, 17, 63, 64, 65} {
		add("small random", n, random(n, n/8, 2.5, 3))
	}
	// Whole batches, one node either side, and a partial last batch of
	// every size class; the isolated nodes fall in the last batch.
	for _, n := range []int{msWidth - 1, msWidth, msWidth + 1, msWidth + 63, 2*msWidth + 100, 3*msWidth - 5} {
		add("sparse with path", n, random(n, 7, 1+4*rng.Float64(), 3))
	}
	add("dense", 2*msWidth+37, random(2*msWidth+37, 3, 20, 0))
	add("long path", msWidth+90, random(msWidth+90, 0, 0, 1))
	// Components of very different depths: a long cycle, a clique and a
	// sparse random part, interleaved in numbering.
	{
		n := 3*msWidth + 11
		var edges [][2]int
		perm := rng.Perm(n)
		cycle, clique := perm[:200], perm[200:260]
		for i := range cycle {
			edges = append(edges, [2]int{cycle[i], cycle[(i+1)%len(cycle)]})
		}
		for i := range clique {
			for j := range i {
				edges = append(edges, [2]int{clique[i], clique[j]})
			}
		}
		rest := perm[260 : n-20] // the last 20 are isolated
		for range 2 * len(rest) {
			edges = append(edges, [2]int{rest[rng.IntN(len(rest))], rest[rng.IntN(len(rest))]})
		}
		edges = slices.DeleteFunc(edges, func(e [2]int) bool { return e[0] == e[1] })
		add("components", n, edges)
	}
	// A star: its hub reaches every source at once.
	{
		n := msWidth + 40
		var edges [][2]int
		for v := 1; v < n; v++ {
			edges = append(edges, [2]int{0, v})
		}
		add("star", n, edges)
	}

	for _, nt := range nets {
		want := plainCloseness(nt.g)
		var first []float64
		for _, procs := range []int{1, 2, 3} {
			maxProcs = func() int { return procs }
			got := Closeness(nt.g)
			checkNodes(t, nt.g, nt.name+", "+strconv.Itoa(procs)+" workers", got, want, 1e-12)
			if procs == 1 {
				first = got
			}
		}
		// Once more on one worker: the same sums in the same order.
		maxProcs = func() int { return 1 }
		if again := Closeness(nt.g); !slices.Equal(again, first) {
			t.Errorf("%s: Closeness differs between two runs on one worker", nt.name)
		}
	}
}
