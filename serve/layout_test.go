package serve

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/report/charts"
)

// randomGraph returns a graph of n nodes: k planted groups with dense ties
// inside (probability pin) and sparse ties between (pout), and a few
// isolated nodes.
func randomGraph(n, k int, pin, pout float64, seed uint64) *network.Graph {
	rng := rand.New(rand.NewPCG(seed, 1))
	ids := make([]string, n)
	for i := range ids {
		ids[i] = string(rune('a'+i%26)) + string(rune('0'+i/26%10)) + string(rune('A'+i/260))
	}
	var edges []network.Edge
	for u := range n - 3 { // the last three are isolated
		for v := u + 1; v < n-3; v++ {
			p := pout
			if u%k == v%k {
				p = pin
			}
			if rng.Float64() < p {
				edges = append(edges, network.Edge{U: int32(u), V: int32(v), W: 1})
			}
		}
	}
	return network.Build(network.NewLabels(ids), edges, nil)
}

func TestLayout(t *testing.T) {
	g := randomGraph(600, 6, 0.05, 0.002, 1)
	pos := Layout(g, 1)
	if len(pos) != g.N() {
		t.Fatalf("%d positions for %d nodes", len(pos), g.N())
	}
	for i, p := range pos {
		if !(p.X >= 0 && p.X <= 1 && p.Y >= 0 && p.Y <= 1) {
			t.Fatalf("node %d at %v, outside [0,1]²", i, p)
		}
	}
	again := Layout(g, 1)
	for i := range pos {
		if pos[i] != again[i] {
			t.Fatalf("node %d: %v, then %v with the same seed", i, pos[i], again[i])
		}
	}
	// What a reader sees: tied nodes are drawn closer than nodes in
	// different planted groups, and nodes of one group closer together
	// than nodes of different groups.
	dist := func(u, v int) float64 { return math.Hypot(pos[u].X-pos[v].X, pos[u].Y-pos[v].Y) }
	var tied, same, other float64
	var nt, ns, no int
	for u := range g.N() - 3 {
		for _, v := range g.Neighbors(u) {
			tied += dist(u, int(v))
			nt++
		}
		for v := u + 1; v < g.N()-3; v++ {
			if u%6 == v%6 {
				same += dist(u, v)
				ns++
			} else {
				other += dist(u, v)
				no++
			}
		}
	}
	tied, same, other = tied/float64(nt), same/float64(ns), other/float64(no)
	if !(tied < other/2) || !(same < other/2) {
		t.Errorf("mean distance: tied %.3f, same group %.3f, different groups %.3f; want the first two under half the third", tied, same, other)
	}
	// No two nodes on top of each other.
	for u := range pos {
		for v := u + 1; v < len(pos); v++ {
			if dist(u, v) < 1e-4 {
				t.Fatalf("nodes %d and %d at the same place %v", u, v, pos[u])
			}
		}
	}
}

func TestLayoutSmall(t *testing.T) {
	for n := range 3 {
		g := randomGraph(n+3, 1, 1, 1, 1) // n+3 nodes, the last three isolated
		pos := Layout(g, 1)
		if len(pos) != n+3 {
			t.Fatalf("%d positions for %d nodes", len(pos), n+3)
		}
		for i, p := range pos {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || p.X < 0 || p.X > 1 || p.Y < 0 || p.Y > 1 {
				t.Errorf("n=%d: node %d at %v", n+3, i, p)
			}
		}
	}
	if pos := Layout(network.Build(network.NewLabels(nil), nil, nil), 1); len(pos) != 0 {
		t.Errorf("empty graph: %v", pos)
	}
}

// TestLayoutKeepsIsolatesNear: nodes without ties stay near the rest
// rather than drifting off (which shrank the rest to a dot when the map
// was fitted to the screen).
func TestLayoutKeepsIsolatesNear(t *testing.T) {
	g := randomGraph(150, 3, 0.15, 0.01, 2) // three groups and three isolated nodes
	pos := Layout(g, 1)
	var cx, cy float64
	for _, p := range pos[:147] {
		cx += p.X / 147
		cy += p.Y / 147
	}
	// The radius of the tied nodes: the mean distance from their centre.
	var r float64
	for _, p := range pos[:147] {
		r += math.Hypot(p.X-cx, p.Y-cy) / 147
	}
	for i := 147; i < 150; i++ {
		if d := math.Hypot(pos[i].X-cx, pos[i].Y-cy); d > 4*r {
			t.Errorf("isolated node %d at %.2f from the centre; the tied nodes at %.2f on average", i, d, r)
		}
	}
}

// TestQuadtree: the Barnes–Hut repulsion is close to the sum over every
// pair, and nodes on one point neither split cells without end nor give
// an infinite force.
func TestQuadtree(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	pos := make([]charts.Point, 300)
	for i := range pos {
		pos[i] = charts.Point{X: rng.NormFloat64() * 10, Y: rng.NormFloat64() * 10}
	}
	var q quadtree
	q.build(pos)
	var errSum, normSum float64
	for u, p := range pos {
		var want charts.Point
		for v, o := range pos {
			if v == u {
				continue
			}
			dx, dy := p.X-o.X, p.Y-o.Y
			d2 := dx*dx + dy*dy
			want.X += dx / d2
			want.Y += dy / d2
		}
		got := q.repulsion(u, p, 1)
		errSum += math.Hypot(got.X-want.X, got.Y-want.Y)
		normSum += math.Hypot(want.X, want.Y)
	}
	if rel := errSum / normSum; rel > 0.1 {
		t.Errorf("Barnes–Hut repulsion off by %.1f %% of the exact sum on average", 100*rel)
	}
	same := make([]charts.Point, 50)
	for i := range same {
		same[i] = charts.Point{X: 1, Y: 1}
	}
	same = append(same, charts.Point{X: 5, Y: 5})
	q.build(same)
	if len(q.cells) > 4*maxDepth+10 {
		t.Errorf("%d cells for 51 nodes on two points", len(q.cells))
	}
	for u, p := range same {
		f := q.repulsion(u, p, 1)
		if math.IsNaN(f.X) || math.IsInf(f.X, 0) || math.IsNaN(f.Y) || math.IsInf(f.Y, 0) {
			t.Fatalf("node %d: force %v", u, f)
		}
	}
}

// TestQuadtreeOrder: renumbering the cells in traversal order changes no
// force, bit for bit, and the node order it gives lists every node once
// (nodes on one point, which share a leaf, included).
func TestQuadtreeOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	pos := make([]charts.Point, 2000)
	for i := range pos {
		pos[i] = charts.Point{X: rng.NormFloat64() * 10, Y: rng.NormFloat64() * 10}
	}
	for i := range 40 { // some on one point, at the maximum depth
		pos[i] = charts.Point{X: 3, Y: 3}
	}
	var made, ordered quadtree
	made.fill(pos)
	ordered.build(pos)
	if len(made.cells) != len(ordered.cells) {
		t.Fatalf("%d cells, reordered %d", len(made.cells), len(ordered.cells))
	}
	for u, p := range pos {
		if a, b := made.repulsion(u, p, 1), ordered.repulsion(u, p, 1); a != b {
			t.Fatalf("node %d: force %v, reordered %v", u, a, b)
		}
	}
	seen := make([]bool, len(pos))
	for _, u := range ordered.order {
		if seen[u] {
			t.Fatalf("node %d listed twice", u)
		}
		seen[u] = true
	}
	if len(ordered.order) != len(pos) {
		t.Errorf("%d nodes listed, want %d", len(ordered.order), len(pos))
	}
	// Near nodes follow each other: the path through the list is far
	// shorter than through the nodes in their own order.
	path := func(at func(i int) charts.Point) (s float64) {
		for i := 1; i < len(pos)-40; i++ {
			a, b := at(i-1), at(i)
			s += math.Hypot(a.X-b.X, a.Y-b.Y)
		}
		return s
	}
	if a, b := path(func(i int) charts.Point { return pos[ordered.order[i]] }), path(func(i int) charts.Point { return pos[i] }); a > b/4 {
		t.Errorf("path through the node order %.0f, through the indices %.0f", a, b)
	}
	ordered.build(pos) // rebuilt in the spare cells: the same tree
	for u, p := range pos {
		if a, b := made.repulsion(u, p, 1), ordered.repulsion(u, p, 1); a != b {
			t.Fatalf("rebuilt: node %d: force %v, reordered %v", u, a, b)
		}
	}
}
