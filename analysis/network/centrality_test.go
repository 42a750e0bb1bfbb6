package network

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// TestGoldenCentrality compares with NetworkX 3.6.1 on the networks of
// testdata/golden (see testdata/make_golden.py for the exact calls).
func TestGoldenCentrality(t *testing.T) {
	for _, name := range goldenGraphs {
		t.Run(name, func(t *testing.T) {
			g := readGolden(t, name)
			net := g.graph()
			// nx.betweenness_centrality(G, normalized=True)
			checkNodes(t, net, "Betweenness", Betweenness(net), g.want(t, "betweenness"), 1e-9)
			// nx.harmonic_centrality(G)[v] / (n-1)
			checkNodes(t, net, "Closeness", Closeness(net), g.want(t, "closeness"), 1e-9)
			// nx.eigenvector_centrality(G, weight="weight", tol=1e-13), and
			// the default tol=1e-6, which stops about 1e-5 short.
			ev := Eigenvector(net)
			checkNodes(t, net, "Eigenvector", ev, g.want(t, "eigenvector"), 1e-6)
			checkNodes(t, net, "Eigenvector/default tol", ev, g.want(t, "eigenvector_default"), 1e-4)
			// nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-14), and
			// the default tol=1e-6.
			pr := PageRank(net, 0.85)
			checkNodes(t, net, "PageRank", pr, g.want(t, "pagerank"), 1e-6)
			checkNodes(t, net, "PageRank/default tol", pr, g.want(t, "pagerank_default"), 1e-4)
			checkNodes(t, net, "DegreeCentrality", DegreeCentrality(net), scale(g.want(t, "degree"), 1/float64(net.N()-1)), 1e-12)
		})
	}
}

func scale(x []float64, f float64) []float64 {
	for i := range x {
		x[i] *= f
	}
	return x
}

// TestEigenvectorTight checks that Eigenvector and PageRank agree with the
// tight-tolerance NetworkX values well beyond the 1e-6 promised.
func TestEigenvectorTight(t *testing.T) {
	for _, name := range goldenGraphs {
		g := readGolden(t, name)
		net := g.graph()
		checkNodes(t, net, name+": Eigenvector", Eigenvector(net), g.want(t, "eigenvector"), 1e-9)
		checkNodes(t, net, name+": PageRank", PageRank(net, 0.85), g.want(t, "pagerank"), 1e-10)
	}
}

func TestBetweennessApprox(t *testing.T) {
	tests := []struct {
		graph      string
		eps, delta float64
	}{
		{"karate", 0.05, 0.1},
		{"florentine", 0.05, 0.1},
		{"davis_women", 0.05, 0.1},
		{"les_miserables", 0.03, 0.1},
		{"disconnected", 0.05, 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.graph, func(t *testing.T) {
			g := readGolden(t, tt.graph)
			net := g.graph()
			want := g.want(t, "betweenness") // nx.betweenness_centrality(G)
			got, r := BetweennessApprox(net, tt.eps, tt.delta, rand.NewPCG(42, 7))
			if r <= 0 {
				t.Fatalf("sample size %d", r)
			}
			checkNodes(t, net, "BetweennessApprox", got, want, tt.eps)
			again, r2 := BetweennessApprox(net, tt.eps, tt.delta, rand.NewPCG(42, 7))
			if r2 != r {
				t.Errorf("sample size %d then %d", r, r2)
			}
			for i := range got {
				if got[i] != again[i] {
					t.Fatalf("not reproducible from the seed: node %d: %v then %v", i, got[i], again[i])
				}
			}
		})
	}
}

// TestBetweennessApproxSampleSize checks r against the formula of
// Riondato & Kornaropoulos (2016) worked by hand: a path of 5 nodes has
// vertex diameter 5; the bound from node 0 (eccentricity 4) is 9, so
// r = ⌈0.5/ε'² (⌊log2 7⌋ + 1 + ln 10)⌉ with ε' = 0.1·3/5.
func TestBetweennessApproxSampleSize(t *testing.T) {
	net := edgeNet(5, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}})
	_, r := BetweennessApprox(net, 0.1, 0.1, rand.NewPCG(1, 1))
	ep := 0.1 * 3 / 5
	want := int(math.Ceil(0.5 / (ep * ep) * (2 + 1 + math.Log(10))))
	if r != want {
		t.Errorf("r = %d, want %d", r, want)
	}
	// A star: every shortest path has at most 3 nodes, VD bound 2·1+1 from
	// the centre... but the first node is a leaf (eccentricity 2), bound 5.
	for _, tt := range []struct {
		eps, delta float64
	}{{0, 0.1}, {1, 0.1}, {0.1, 0}, {0.1, 1}, {math.NaN(), 0.1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("BetweennessApprox(eps=%v, delta=%v) did not panic", tt.eps, tt.delta)
				}
			}()
			BetweennessApprox(net, tt.eps, tt.delta, rand.NewPCG(1, 1))
		}()
	}
}

func TestPageRankDamping(t *testing.T) {
	g := readGolden(t, "karate")
	net := g.graph()
	// damping 0: every node gets 1/n.
	for i, v := range PageRank(net, 0) {
		if !near(v, 1/float64(net.N()), 1e-15) {
			t.Fatalf("PageRank(0)[%d] = %v", i, v)
		}
	}
	for _, d := range []float64{-0.1, 1, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("PageRank(%v) did not panic", d)
				}
			}()
			PageRank(net, d)
		}()
	}
}

// refPaths returns hop distances (-1: unreachable) and shortest-path counts
// between all pairs, by Floyd–Warshall and a count over predecessors:
// O(n³), for the property tests.
func refPaths(a [][]float64) (d [][]int, sigma [][]float64) {
	n := len(a)
	d = make([][]int, n)
	sigma = make([][]float64, n)
	const inf = 1 << 30
	for i := range d {
		d[i] = make([]int, n)
		sigma[i] = make([]float64, n)
		for j := range d[i] {
			switch {
			case i == j:
				d[i][j] = 0
			case a[i][j] > 0:
				d[i][j] = 1
			default:
				d[i][j] = inf
			}
		}
	}
	for k := 0; k < n; k++ {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if d[i][k]+d[k][j] < d[i][j] {
					d[i][j] = d[i][k] + d[k][j]
				}
			}
		}
	}
	for s := 0; s < n; s++ {
		sigma[s][s] = 1
		for l := 1; l < n; l++ {
			for t := 0; t < n; t++ {
				if d[s][t] != l {
					continue
				}
				for u := 0; u < n; u++ {
					if a[u][t] > 0 && d[s][u] == l-1 {
						sigma[s][t] += sigma[s][u]
					}
				}
			}
		}
		for t := range d[s] {
			if d[s][t] == inf {
				d[s][t] = -1
			}
		}
	}
	return d, sigma
}

// TestRandomCentrality compares with straightforward O(n³) (or dense)
// implementations of the definitions on seeded random networks.
func TestRandomCentrality(t *testing.T) {
	for c, rc := range randomCases(200) {
		net := rc.graph()
		a := rc.a
		n := len(a)
		d, sigma := refPaths(a)
		bc := make([]float64, n)
		cl := make([]float64, n)
		for v := 0; v < n; v++ {
			for s := 0; s < n; s++ {
				if s != v && d[s][v] > 0 {
					cl[v] += 1 / float64(d[s][v]) / float64(n-1)
				}
				for u := 0; u < n; u++ {
					if s == u || s == v || u == v || d[s][u] < 0 || d[s][v] < 0 || d[v][u] < 0 {
						continue
					}
					if d[s][v]+d[v][u] == d[s][u] {
						bc[v] += sigma[s][v] * sigma[v][u] / sigma[s][u] / float64((n-1)*(n-2))
					}
				}
			}
		}
		// PageRank and eigenvector centrality by dense iteration of their
		// definitions, long past convergence.
		pr := make([]float64, n)
		ev := make([]float64, n)
		for i := range pr {
			pr[i] = 1 / float64(n)
			ev[i] = 1 / float64(n)
		}
		str := make([]float64, n)
		for i := range a {
			for j := range a {
				str[i] += a[i][j]
			}
		}
		for it := 0; it < 3000; it++ {
			next := make([]float64, n)
			dangling := 0.0
			for u := range a {
				if str[u] == 0 {
					dangling += pr[u]
				}
			}
			for v := range a {
				next[v] = 0.15/float64(n) + 0.85*dangling/float64(n)
				for u := range a {
					if a[u][v] > 0 {
						next[v] += 0.85 * pr[u] * a[u][v] / str[u]
					}
				}
			}
			pr = next
			next = make([]float64, n)
			norm := 0.0
			for v := range a {
				next[v] = ev[v]
				for u := range a {
					next[v] += a[u][v] * ev[u]
				}
				norm += next[v] * next[v]
			}
			for v := range next {
				next[v] /= math.Sqrt(norm)
			}
			ev = next
		}
		what := func(m string) string { return "case " + itoa(c) + ": " + m }
		checkNodes(t, net, what("Betweenness"), Betweenness(net), bc, 1e-12)
		checkNodes(t, net, what("Betweenness/one source at a time"), testBetweenness(net, false), bc, 1e-12)
		checkNodes(t, net, what("Closeness"), Closeness(net), cl, 1e-12)
		checkNodes(t, net, what("PageRank"), PageRank(net, 0.85), pr, 1e-10)
		checkNodes(t, net, what("Eigenvector"), Eigenvector(net), ev, 1e-6)
		if c%10 == 0 {
			approx, _ := BetweennessApprox(net, 0.1, 0.1, rand.NewPCG(uint64(c), 3))
			checkNodes(t, net, what("BetweennessApprox"), approx, bc, 0.1)
		}
		if t.Failed() {
			t.Fatalf("case %d: n=%d ties=%v", c, n, rc.ties)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func BenchmarkBetweenness(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { Betweenness(net) })
}

// BenchmarkBetweennessApprox runs with ε = 0.01, δ = 0.1.
func BenchmarkBetweennessApprox(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { BetweennessApprox(net, 0.01, 0.1, rand.NewPCG(1, 1)) })
}

func BenchmarkCloseness(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { Closeness(net) })
}

func BenchmarkEigenvector(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { Eigenvector(net) })
}

func BenchmarkPageRank(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { PageRank(net, DefaultDamping) })
}

// TestBetweennessBatched checks the batched Brandes (64 sources a search)
// against the one-source-at-a-time one on larger seeded random networks,
// several batches each, with isolated nodes and several components, and
// Closeness against plain breadth-first searches.
func TestBetweennessBatched(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for c := 0; c < 8; c++ {
		n := 100 + rng.IntN(300)
		// A sparse random graph (mean degree 1 to 6) plus a long path, so
		// that there are long and short distances and small components.
		var edges [][2]int
		deg := 1 + 5*rng.Float64()
		for k := 0; k < int(deg*float64(n)/2); k++ {
			u, v := rng.IntN(n), rng.IntN(n)
			edges = append(edges, [2]int{u, v})
		}
		for i := 0; i+1 < n/3; i++ {
			edges = append(edges, [2]int{i, i + 1})
		}
		net := edgeNet(n, edges)
		what := "case " + itoa(c)
		checkNodes(t, net, what+": batched", testBetweenness(net, true), testBetweenness(net, false), 1e-12)

		checkNodes(t, net, what+": Closeness", Closeness(net), plainCloseness(net), 1e-12)
	}
}

// TestBetweennessShapes checks the batched Betweenness on networks of
// several batches whose values are known in closed form, worked out by
// hand from b(v) = 2/((n-1)(n-2)) · #{pairs s<t whose paths pass v} (one
// shortest path per pair in all of them), and against the one-source
// version. Each source counts only the lower-numbered targets and stops
// once it has reached them, so these shapes stop searches at every depth.
func TestBetweennessShapes(t *testing.T) {
	norm := func(n int, pairs float64) float64 { return pairs * 2 / float64((n-1)*(n-2)) }
	tests := []struct {
		name  string
		n     int
		edges [][2]int
		want  func(v int) float64
	}{
		{
			// A star: the hub lies on the one path between each of the
			// C(200, 2) pairs of leaves, so b(hub) = 1; leaves 0.
			name: "star 1+200",
			n:    201,
			edges: func() (e [][2]int) {
				for i := 1; i <= 200; i++ {
					e = append(e, [2]int{0, i})
				}
				return e
			}(),
			want: func(v int) float64 {
				if v == 0 {
					return 1
				}
				return 0
			},
		},
		{
			// A path 0–1–…–149: node i lies between the i nodes before it
			// and the 149-i after it.
			name: "path 150",
			n:    150,
			edges: func() (e [][2]int) {
				for i := 0; i+1 < 150; i++ {
					e = append(e, [2]int{i, i + 1})
				}
				return e
			}(),
			want: func(v int) float64 { return norm(150, float64(v*(149-v))) },
		},
		{
			// An odd cycle of 201 = 2·100+1 nodes: the pairs at distance
			// d ≤ 100 have one shortest path with d-1 interior nodes, and
			// by symmetry every node is interior to Σ_{d=2..100} (d-1) =
			// 100·99/2 of them.
			name: "cycle 201",
			n:    201,
			edges: func() (e [][2]int) {
				for i := 0; i < 201; i++ {
					e = append(e, [2]int{i, (i + 1) % 201})
				}
				return e
			}(),
			want: func(int) float64 { return norm(201, 100*99/2) },
		},
		{
			// Two paths of 70 and 60 nodes and an isolated node (n = 131):
			// within a path of k nodes, node i lies between i·(k-1-i)
			// pairs; pairs across components add nothing.
			name: "two paths and an isolated node",
			n:    131,
			edges: func() (e [][2]int) {
				for i := 0; i+1 < 70; i++ {
					e = append(e, [2]int{i, i + 1})
				}
				for i := 70; i+1 < 130; i++ {
					e = append(e, [2]int{i, i + 1})
				}
				return e
			}(),
			want: func(v int) float64 {
				switch {
				case v < 70:
					return norm(131, float64(v*(69-v)))
				case v < 130:
					return norm(131, float64((v-70)*(129-v)))
				}
				return 0
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net := edgeNet(tt.n, tt.edges)
			if batchWorkers(tt.n) == 0 {
				t.Fatal("not batched")
			}
			want := make([]float64, tt.n)
			for i := range want {
				v, _ := strconv.Atoi(net.ID(i))
				want[i] = tt.want(v)
			}
			got := Betweenness(net)
			checkNodes(t, net, "Betweenness", got, want, 1e-12)
			checkNodes(t, net, "one source at a time", testBetweenness(net, false), want, 1e-12)
		})
	}
}

// TestBetweennessWorkers checks that the batched Betweenness gives the same
// bits whatever the number of workers: the batches' sums are added in a
// fixed order.
func TestBetweennessWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	n := 900 // 15 batches
	var edges [][2]int
	for k := 0; k < 3*n; k++ {
		edges = append(edges, [2]int{rng.IntN(n), rng.IntN(n)})
	}
	net := edgeNet(n, edges)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first []float64
	for _, procs := range []int{1, 2, 3, 2} {
		runtime.GOMAXPROCS(procs)
		got := Betweenness(net)
		if first == nil {
			first = got
			checkNodes(t, net, "Betweenness", got, testBetweenness(net, false), 1e-12)
			continue
		}
		for i := range got {
			if got[i] != first[i] {
				t.Fatalf("GOMAXPROCS %d: node %s = %v, with 1 worker %v", procs, net.ID(i), got[i], first[i])
			}
		}
	}
}

// TestBetweennessCapsWorkers: where the rows of a batch per core would
// pass the memory bound (a machine with many cores), Betweenness runs the
// batches on as many workers as fit rather than one source at a time, and
// gives the same bits as with a worker per core; only when not even one
// worker fits does it take the sources one at a time (issue 10 item 7).
func TestBetweennessCapsWorkers(t *testing.T) {
	g := generated(1000, 5000, 3) // 16 batches
	n := g.N()
	row := n * batchWidth * 8 // the rows of one worker
	procs, memory := maxProcs, batchMemory
	t.Cleanup(func() { maxProcs, batchMemory = procs, memory })
	maxProcs = func() int { return 64 }

	batchMemory = 64 * row
	if k := batchWorkers(n); k != 16 {
		t.Fatalf("64 cores, memory for 64 workers: %d workers, want 16 (one per batch)", k)
	}
	all := Betweenness(g)
	checkNodes(t, g, "Betweenness, 16 workers", all, testBetweenness(g, false), 1e-12)

	for _, tt := range []struct {
		memory, workers int
	}{{3*row + row/2, 3}, {row, 1}} {
		batchMemory = tt.memory
		if k := batchWorkers(n); k != tt.workers {
			t.Fatalf("memory for %d workers: batchWorkers = %d", tt.workers, k)
		}
		got := Betweenness(g)
		for i := range got {
			if got[i] != all[i] {
				t.Fatalf("%d workers: node %s = %v, with 16 workers %v", tt.workers, g.ID(i), got[i], all[i])
			}
		}
	}

	batchMemory = row - 1
	if k := batchWorkers(n); k != 0 {
		t.Fatalf("memory for no worker: batchWorkers = %d, want 0 (one source at a time)", k)
	}
	checkNodes(t, g, "Betweenness, one source at a time", Betweenness(g), all, 1e-12)
}

// TestBFSOrder checks the renumbering on a network worked by hand:
// a–b, a–c, b–d, c–d, d–e; g–h; f alone. Degrees a2 b2 c2 d3 e1 f0 g1 h1.
// The first search starts at d (highest degree) and takes its neighbours
// by decreasing degree, ties by index: b, c, e; then b's new neighbour a.
// The next search starts at g (degree 1, before h by index), then h; f
// comes last.
func TestBFSOrder(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	var ties []tie
	for _, p := range [][2]string{{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}, {"d", "e"}, {"g", "h"}} {
		ties = append(ties, tie{u: p[0], v: p[1], w: 1})
	}
	net := fromTies(ids, ties)
	bn, perm := bfsOrder(net)
	want := map[string]int32{"d": 0, "b": 1, "c": 2, "e": 3, "a": 4, "g": 5, "h": 6, "f": 7}
	for v := 0; v < net.N(); v++ {
		if got := perm[v]; got != want[net.ID(v)] {
			t.Errorf("perm[%s] = %d, want %d", net.ID(v), got, want[net.ID(v)])
		}
	}
	// The adjacency is the same under the renumbering.
	for v := 0; v < net.N(); v++ {
		var wantN []int32
		got := append([]int32(nil), bn.Neighbors(int(perm[v]))...)
		for _, u := range net.Neighbors(v) {
			wantN = append(wantN, perm[u])
		}
		slices.Sort(wantN)
		if !slices.Equal(got, wantN) {
			t.Errorf("neighbours of %s: got %v, want %v", net.ID(v), got, wantN)
		}
	}
}

// TestBrandesBatchClearsBuffers checks that a batch leaves its masks all
// zero, as the next batch of the same worker expects, on random networks
// with isolated nodes, long paths and batches that end early.
func TestBrandesBatchClearsBuffers(t *testing.T) {
	for seed := 0; seed < 30; seed++ {
		rng := rand.New(rand.NewPCG(uint64(seed), 99))
		n := 2 + rng.IntN(400)
		var edges [][2]int
		for k := 0; k < int((0.5+8*rng.Float64())*float64(n)/2); k++ {
			if u, v := rng.IntN(n), rng.IntN(n); u != v {
				edges = append(edges, [2]int{u, v})
			}
		}
		if seed%3 == 0 {
			for i := 0; i+1 < n/2; i++ {
				edges = append(edges, [2]int{i, i + 1})
			}
		}
		bn, _ := bfsOrder(edgeNet(n, edges))
		b := newBrandesBatch(n)
		out := make([]float64, n)
		for lo := 0; lo < n; lo += batchWidth {
			b.run(bn, lo, min(lo+batchWidth, n), out)
			for v := range n {
				if b.front[v] != 0 || b.next[v] != 0 {
					t.Fatalf("seed %d, batch at %d: node %d left front %#x, next %#x", seed, lo, v, b.front[v], b.next[v])
				}
			}
		}
		b.release()
	}
}

// testBetweenness is betweenness for the tests: batched or one source at a
// time, without cancellation.
func testBetweenness(net *Graph, batched bool) []float64 {
	k := 0
	if batched {
		k = max(1, batchWorkers(net.N()))
	}
	bc, err := betweenness(context.Background(), net, k)
	if err != nil {
		panic(err)
	}
	return bc
}

// countdownCtx is a context whose Err becomes context.Canceled after it
// has been asked n times: it cancels an analysis part way through, at a
// point that does not depend on timing.
type countdownCtx struct {
	context.Context
	left atomic.Int64
	done chan struct{}
	once sync.Once
}

func newCountdownCtx(n int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *countdownCtx) Done() <-chan struct{} { return c.done }

func (c *countdownCtx) Err() error {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

// TestCancel checks that the long node metrics stop when their context is
// done, before and part way through, and return its error (issue 8: Ctrl-C
// did nothing during a long analysis).
func TestCancel(t *testing.T) {
	net := generated(3000, 0, 2)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	runs := map[string]func(ctx context.Context) error{
		"betweenness": func(ctx context.Context) error { _, err := BetweennessContext(ctx, net); return err },
		"betweenness one source at a time": func(ctx context.Context) error {
			_, err := betweenness(ctx, net, 0)
			return err
		},
		"approximate betweenness": func(ctx context.Context) error {
			_, _, err := BetweennessApproxContext(ctx, net, 0.05, 0.1, rand.NewPCG(1, 1))
			return err
		},
		"closeness": func(ctx context.Context) error { _, err := ClosenessContext(ctx, net); return err },
	}
	for name, run := range runs {
		if err := run(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled before: err = %v, want context.Canceled", name, err)
		}
		// Part way: after a few checks.
		if err := run(newCountdownCtx(5)); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled part way: err = %v, want context.Canceled", name, err)
		}
		if err := run(context.Background()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestBetweennessQuartiles(t *testing.T) {
	tests := []struct {
		name string
		bc   []float64
		want []int
	}{
		{"four distinct", []float64{0.4, 0.1, 0.3, 0.2}, []int{4, 1, 3, 2}},
		// L = 0, 1, 2, …, 7 for n = 8: 1 + ⌊4L/8⌋.
		{"eight distinct", []float64{7, 6, 5, 4, 3, 2, 1, 0}, []int{4, 4, 3, 3, 2, 2, 1, 1}},
		// Ties share the quartile of the lowest position: the three 0.2
		// have L = 1 of n = 5 → 1 + ⌊4/5⌋ = 1; 0.9 has L = 4 → 4.
		{"ties", []float64{0.2, 0, 0.2, 0.9, 0.2}, []int{1, 1, 1, 4, 1}},
		// Values that differ by rounding only are equal.
		{"rounding", []float64{0.1 + 0.2, 0.3, 0.5, 0}, []int{2, 2, 4, 1}},
		// All equal: everyone in q1.
		{"all zero", []float64{0, 0, 0}, []int{1, 1, 1}},
		{"one", []float64{0.7}, []int{1}},
		{"none", nil, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BetweennessQuartiles(tt.bc)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// The quartiles do not depend on the order of the values.
	byValue := func(bc []float64) map[float64]int {
		q := BetweennessQuartiles(bc)
		m := map[float64]int{}
		for i, v := range bc {
			m[v] = q[i]
		}
		return m
	}
	a := byValue([]float64{0.3, 0.1, 0.1, 0.2, 0.5, 0.1})
	b := byValue([]float64{0.1, 0.5, 0.2, 0.1, 0.1, 0.3})
	// 0.1 ×3 (L = 0): q1; 0.2 (L = 3): 1 + ⌊12/6⌋ = 3; 0.3 (L = 4): 1 + ⌊16/6⌋ = 3; 0.5 (L = 5): 4.
	if want := map[float64]int{0.1: 1, 0.2: 3, 0.3: 3, 0.5: 4}; !reflect.DeepEqual(a, want) || !reflect.DeepEqual(b, want) {
		t.Errorf("quartiles %v and %v (the same values in another order), want %v", a, b, want)
	}
}
