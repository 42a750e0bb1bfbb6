package serve

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/report/charts"
)

// layoutIterations is the number of refining steps Layout takes after its
// start by communities, and largeIterations the number above largeNetwork
// nodes, where a step costs more and the start by communities already
// shows the structure the map is looked at for.
const (
	layoutIterations = 60
	largeIterations  = 20
	largeNetwork     = 10000
)

// maxPlacedCommunities is the number of the largest communities whose
// centres are placed by a force-directed layout of the community network
// (charts.Layout, O(c²) a step); the rest, small ones, go on a spiral
// around them.
const maxPlacedCommunities = 250

// Layout places the nodes of g in the plane for the map, in O(n log n + m)
// a step, so that 50,000 partners take about two seconds:
//
//  1. communities (Louvain, seed) are placed by a force-directed layout of
//     the network of the largest ones (report/charts.Layout, Fruchterman &
//     Reingold 1991), the small ones and isolated nodes on a spiral around
//     them; each community's nodes fill a disc about its centre (a
//     sunflower pattern), so that every node has room;
//  2. Fruchterman–Reingold steps refine the positions: every pair of
//     nodes repels (k²/d, k the ideal distance), computed for all pairs at
//     once with a Barnes–Hut quadtree (Barnes & Hut 1986), joined nodes
//     attract (d²/k), and a gravity towards the centre keeps nodes
//     without ties from being pushed off.
//
// The same graph and seed give the same positions. They fill [0,1]²,
// keeping the aspect ratio.
func Layout(g *network.Graph, seed uint64) []charts.Point {
	n := g.N()
	pos := make([]charts.Point, n)
	switch n {
	case 0:
		return pos
	case 1:
		pos[0] = charts.Point{X: 0.5, Y: 0.5}
		return pos
	}
	comm := network.Louvain(g, rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	start(g, comm, seed, pos)
	refine(g, pos)
	return charts.Normalise(pos)
}

// start places the communities' centres and each community's nodes in a
// disc about its centre, with k = 1 (one node per unit of area).
func start(g *network.Graph, comm network.Communities, seed uint64, pos []charts.Point) {
	c := len(comm.Sizes)
	placed := min(c, maxPlacedCommunities)
	// The weight between the placed communities.
	type pair struct{ a, b int }
	between := map[pair]float64{}
	for u := range g.N() {
		cu := comm.Of[u]
		if cu >= placed {
			continue
		}
		ws := g.Weights(u)
		for j, v := range g.Neighbors(u) {
			cv := comm.Of[v]
			if cv >= placed || cv <= cu {
				continue
			}
			between[pair{cu, cv}] += ws[j]
		}
	}
	keys := make([]pair, 0, len(between))
	for p := range between {
		keys = append(keys, p)
	}
	slices.SortFunc(keys, func(x, y pair) int {
		if x.a != y.a {
			return x.a - y.a
		}
		return x.b - y.b
	})
	edges := make([]charts.LayoutEdge, len(keys))
	for i, p := range keys {
		edges[i] = charts.LayoutEdge{U: p.a, V: p.b, Weight: between[p]}
	}
	centres := charts.Layout(placed, edges, seed)
	// Scale the centres so that the discs of the placed communities (area
	// = size) fit with room: the square's side is about 2√(their nodes).
	inPlaced := 0
	for i := range placed {
		inPlaced += comm.Sizes[i]
	}
	side := 2 * math.Sqrt(float64(inPlaced))
	centre := make([]charts.Point, c)
	for i := range placed {
		centre[i] = charts.Point{X: (centres[i].X - 0.5) * side, Y: (centres[i].Y - 0.5) * side}
	}
	// The others on a spiral outside, in order of size, each taking its
	// area (at least 1) from the turn it is on.
	r := side/2 + 2
	theta := 0.0
	for i := placed; i < c; i++ {
		rad := math.Sqrt(float64(comm.Sizes[i]) / math.Pi)
		theta += (2*rad + 1) / r
		r += (2*rad + 1) / (2 * math.Pi * r) * (2*rad + 1)
		centre[i] = charts.Point{X: r * math.Cos(theta), Y: r * math.Sin(theta)}
	}
	// A sunflower in each disc: the j-th node at radius √(j+½) and the
	// golden angle, so that every node has about a unit of area.
	next := make([]int, c)
	golden := math.Pi * (3 - math.Sqrt(5))
	for u := range pos {
		cu := comm.Of[u]
		j := next[cu]
		next[cu]++
		rad := math.Sqrt((float64(j) + 0.5) / math.Pi)
		a := float64(j) * golden
		pos[u] = charts.Point{X: centre[cu].X + rad*math.Cos(a), Y: centre[cu].Y + rad*math.Sin(a)}
	}
}

// refine runs the Fruchterman–Reingold steps with k = 1: every pair of
// nodes repels with k²/d, found for all pairs at once with a Barnes–Hut
// quadtree (a cell that looks small from a node, side/d < theta, repels
// as one body at its centre of mass), joined nodes attract with d²/k, and a
// weak gravity pulls towards the centre. Repelling over all pairs, not
// only near ones, keeps a dense network from collapsing into a ball.
func refine(g *network.Graph, pos []charts.Point) {
	n := len(pos)
	const k = 1.0
	maxW := 0.0
	for u := range n {
		for _, w := range g.Weights(u) {
			maxW = math.Max(maxW, w)
		}
	}
	steps := layoutIterations
	if n > largeNetwork {
		steps = largeIterations
	}
	disp := make([]charts.Point, n)
	var tree quadtree
	workers := min(runtime.GOMAXPROCS(0), max(n/1000, 1))
	for it := range steps {
		// The temperature cools from 2k to 0.05k.
		t := 2*k*(1-float64(it)/float64(steps)) + 0.05*k
		tree.build(pos)
		var cx, cy float64
		for _, p := range pos {
			cx += p.X
			cy += p.Y
		}
		cx, cy = cx/float64(n), cy/float64(n)
		// Gravity towards the centre, growing with the distance, against
		// the repulsion of all the others: a node with no ties (nothing
		// pulls it) would otherwise be pushed far out and shrink the rest
		// when the map is fitted to the screen. Outside a disc of area n,
		// the pull k·r overtakes the push of the n nodes in it, n·k²/r,
		// about its edge (r = √(n/π)).
		const gravity = 1.0
		// Each node's force depends only on the positions of this step:
		// the nodes are shared among the cores.
		forces := func(lo, hi int) {
			for _, u32 := range tree.order[lo:hi] {
				u := int(u32)
				p := pos[u]
				f := tree.repulsion(u, p, k*k)
				ws := g.Weights(u)
				for j, v := range g.Neighbors(u) {
					dx, dy := p.X-pos[v].X, p.Y-pos[v].Y
					d := math.Sqrt(dx*dx + dy*dy)
					a := d / k * math.Sqrt(ws[j]/maxW) // d²/k along the unit vector
					f.X -= dx * a
					f.Y -= dy * a
				}
				f.X -= gravity * (p.X - cx)
				f.Y -= gravity * (p.Y - cy)
				disp[u] = f
			}
		}
		var wg sync.WaitGroup
		per := (n + workers - 1) / workers
		for lo := 0; lo < n; lo += per {
			wg.Add(1)
			go func() {
				defer wg.Done()
				forces(lo, min(lo+per, n))
			}()
		}
		wg.Wait()
		for u := range pos {
			d := math.Hypot(disp[u].X, disp[u].Y)
			if d > 0 {
				s := math.Min(d, t) / d
				pos[u].X += disp[u].X * s
				pos[u].Y += disp[u].Y * s
			}
		}
	}
}

// theta is the Barnes–Hut opening criterion: a cell of side s at distance
// d from a node repels as one body when s < theta·d.
const theta = 1.0

// maxDepth bounds the quadtree, so that nodes on (or very near) the same
// point share a leaf instead of splitting cells without end.
const maxDepth = 30

// quadtree is a Barnes–Hut quadtree over the positions, in one slice.
type quadtree struct {
	cells []qcell
	pos   []charts.Point
	order []int32 // the nodes, near ones together (reorder)
	spare []qcell // the cells of the previous build, for reuse
}

type qcell struct {
	x, y, size float64 // the square: lower corner and side
	mass       float64 // the nodes inside
	mx, my     float64 // their centre of mass (sums while building)
	child      [4]int32
	node       int32 // the one node of a leaf; -1 when empty or split; -2 for a full leaf at maxDepth
	depth      int32
}

// build makes the tree of pos, its cells in the order of a traversal.
func (q *quadtree) build(pos []charts.Point) {
	q.fill(pos)
	q.reorder()
}

// fill makes the tree of pos, its cells in the order they were made.
func (q *quadtree) fill(pos []charts.Point) {
	q.pos = pos
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	side := math.Max(maxX-minX, maxY-minY)*1.0001 + 1e-9
	q.cells = append(q.cells[:0], qcell{x: minX, y: minY, size: side, node: -1, child: [4]int32{-1, -1, -1, -1}})
	for u := range pos {
		q.insert(0, int32(u))
	}
	for i := range q.cells {
		c := &q.cells[i]
		if c.mass > 0 {
			c.mx /= c.mass
			c.my /= c.mass
		}
	}
}

// reorder renumbers the cells in the order a traversal visits them (depth
// first, children in order) and lists the nodes in the order of their
// leaves, a curve through the plane: near nodes then follow each other, so
// their traversals, which open mostly the same cells, find them in the
// cache. The tree is the same, so are the forces.
func (q *quadtree) reorder() {
	old := q.cells
	q.spare = slices.Grow(q.spare[:0], len(old))[:len(old)]
	cells := q.spare
	q.order = q.order[:0]
	next := int32(1)
	cells[0] = old[0]
	var stack [4*maxDepth + 8]int32 // new indices whose children are old
	stack[0] = 0
	top := 1
	for top > 0 {
		top--
		c := &cells[stack[top]]
		if c.node >= 0 {
			q.order = append(q.order, c.node)
		}
		// Children numbered in order, pushed last to first so that the
		// first is visited first.
		var kids [4]int32
		nk := 0
		for i, ch := range c.child {
			if ch >= 0 {
				cells[next] = old[ch]
				c.child[i] = next
				kids[nk] = next
				nk++
				next++
			}
		}
		for i := nk - 1; i >= 0; i-- {
			stack[top] = kids[i]
			top++
		}
	}
	q.cells, q.spare = cells, old
	// The nodes of full leaves at maxDepth (on one point) have no leaf of
	// their own: they come last.
	if len(q.order) < len(q.pos) {
		in := make([]bool, len(q.pos))
		for _, u := range q.order {
			in[u] = true
		}
		for u := range q.pos {
			if !in[u] {
				q.order = append(q.order, int32(u))
			}
		}
	}
}

func (q *quadtree) insert(c int32, u int32) {
	p := q.pos[u]
	for {
		cell := &q.cells[c]
		cell.mass++
		cell.mx += p.X
		cell.my += p.Y
		if cell.mass == 1 { // was empty: u is its leaf
			cell.node = u
			return
		}
		if cell.node == -2 { // full leaf at maxDepth
			return
		}
		if cell.node >= 0 { // a leaf: split it, and send its node down
			if cell.depth >= maxDepth {
				cell.node = -2
				return
			}
			old := cell.node
			cell.node = -1
			q.down(c, old)
		}
		c = q.childFor(c, p)
	}
}

// down moves node u, already counted in cell c, into c's child.
func (q *quadtree) down(c int32, u int32) {
	ch := q.childFor(c, q.pos[u])
	cell := &q.cells[ch]
	cell.mass++
	cell.mx += q.pos[u].X
	cell.my += q.pos[u].Y
	cell.node = u
}

// childFor returns the child of c that holds p, making it when needed.
func (q *quadtree) childFor(c int32, p charts.Point) int32 {
	cell := q.cells[c]
	half := cell.size / 2
	i, x, y := 0, cell.x, cell.y
	if p.X >= cell.x+half {
		i, x = i+1, x+half
	}
	if p.Y >= cell.y+half {
		i, y = i+2, y+half
	}
	if cell.child[i] < 0 {
		q.cells = append(q.cells, qcell{x: x, y: y, size: half, node: -1, child: [4]int32{-1, -1, -1, -1}, depth: cell.depth + 1})
		q.cells[c].child[i] = int32(len(q.cells) - 1)
	}
	return q.cells[c].child[i]
}

// repulsion returns the force k2/d on node u at p from every other node.
func (q *quadtree) repulsion(u int, p charts.Point, k2 float64) charts.Point {
	var f charts.Point
	var stack [4*maxDepth + 8]int32
	stack[0] = 0
	top := 1
	for top > 0 {
		top--
		c := &q.cells[stack[top]]
		if c.mass == 0 || c.node == int32(u) {
			continue
		}
		dx, dy := p.X-c.mx, p.Y-c.my
		d2 := dx*dx + dy*dy
		leaf := c.node != -1
		if leaf || c.size*c.size < theta*theta*d2 {
			m := c.mass
			if c.node == -2 && math.Abs(dx) < 1e-9 && math.Abs(dy) < 1e-9 {
				m-- // u itself is in this full leaf
			}
			if m <= 0 {
				continue
			}
			if d2 < 1e-12 { // on the same point: push apart by index
				dx, dy, d2 = 1e-3*float64(u%7-3)+1e-4, 1e-3*float64(u%5-2)+1e-4, 1e-6
			}
			s := m * k2 / d2 // k²/d along the unit vector (dx,dy)/d
			f.X += dx * s
			f.Y += dy * s
			continue
		}
		for _, ch := range c.child {
			if ch >= 0 {
				stack[top] = ch
				top++
			}
		}
	}
	return f
}
