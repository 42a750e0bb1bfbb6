package serve

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/report/charts"
)

// layoutIterations is the number of refining steps Layout takes after its
// start by communities, and largeIterations the number above largeNetwork
// nodes, where a step costs more and the start by communities already
// shows the structure the map is looked at for.
const (
	layoutIterations = 60
	largeIterations  = 30
	largeNetwork     = 10000
	// crowded is the number of nodes above which a cell of the grid
	// repels as one body.
	crowded = 8
)

// maxPlacedCommunities is the number of the largest communities whose
// centres are placed by a force-directed layout of the community network
// (charts.Layout, O(c²) a step); the rest, small ones, go on a spiral
// around them.
const maxPlacedCommunities = 250

// Layout places the nodes of g in the plane for the map, in time about
// linear in its size, so that 50,000 partners take about a second:
//
//  1. communities (Louvain, seed) are placed by a force-directed layout of
//     the network of the largest ones (report/charts.Layout, Fruchterman &
//     Reingold 1991), the small ones and isolated nodes on a spiral around
//     them; each community's nodes fill a disc about its centre (a
//     sunflower pattern), so that every node has room;
//  2. Fruchterman–Reingold steps refine the positions, with repulsion only
//     between nodes less than 2k apart (k the ideal distance), found on a
//     grid of cells 2k wide (the "grid variant" of the 1991 paper),
//     attraction along every edge, and a weak gravity towards the centre
//     that keeps nodes without ties from drifting off.
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
	return normalise(pos)
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

// refine runs the Fruchterman–Reingold steps with k = 1.
func refine(g *network.Graph, pos []charts.Point) {
	n := len(pos)
	const k = 1.0
	const cell = 2 * k
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
	// The grid: the nodes of each cell, as a counting sort by cell.
	cellOf := make([]int, n)
	var heads []int32 // start of each cell in order
	order := make([]int32, n)
	var sumX, sumY []float64
	for it := range steps {
		// The temperature cools from 2k to 0.05k.
		t := 2*k*(1-float64(it)/float64(steps)) + 0.05*k
		minX, minY := math.Inf(1), math.Inf(1)
		maxX, maxY := math.Inf(-1), math.Inf(-1)
		for _, p := range pos {
			minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
			minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
		}
		cols := int((maxX-minX)/cell) + 1
		rows := int((maxY-minY)/cell) + 1
		if cols*rows > 16*n { // far-flung nodes: a coarser grid is still right, just slower
			f := math.Sqrt(float64(cols*rows) / float64(16*n))
			cols, rows = int(float64(cols)/f)+1, int(float64(rows)/f)+1
		}
		cw := (maxX-minX)/float64(cols) + 1e-9
		ch := (maxY-minY)/float64(rows) + 1e-9
		heads = slices.Grow(heads[:0], cols*rows+1)[:cols*rows+1]
		clear(heads)
		for u, p := range pos {
			cx := min(int((p.X-minX)/cw), cols-1)
			cy := min(int((p.Y-minY)/ch), rows-1)
			cellOf[u] = cy*cols + cx
			heads[cellOf[u]+1]++
		}
		for i := 1; i < len(heads); i++ {
			heads[i] += heads[i-1]
		}
		fill := slices.Clone(heads)
		for u := range pos {
			order[fill[cellOf[u]]] = int32(u)
			fill[cellOf[u]]++
		}
		// Each cell's count and centre: a crowded cell (a dense community
		// pulled together) repels as one body at its centre, so that a
		// step stays O(n) however the nodes gather.
		sumX = slices.Grow(sumX[:0], cols*rows)[:cols*rows]
		sumY = slices.Grow(sumY[:0], cols*rows)[:cols*rows]
		clear(sumX)
		clear(sumY)
		for u, p := range pos {
			sumX[cellOf[u]] += p.X
			sumY[cellOf[u]] += p.Y
		}
		clear(disp)
		for u, p := range pos {
			cx, cy := cellOf[u]%cols, cellOf[u]/cols
			for y := max(cy-1, 0); y <= min(cy+1, rows-1); y++ {
				for x := max(cx-1, 0); x <= min(cx+1, cols-1); x++ {
					c := y*cols + x
					members := order[heads[c]:heads[c+1]]
					if len(members) > crowded && c != cellOf[u] {
						cnt, sx, sy := float64(len(members)), sumX[c], sumY[c]
						dx, dy := p.X-sx/cnt, p.Y-sy/cnt
						d2 := dx*dx + dy*dy
						if d2 < 1e-9 { // at the centre: push apart by index
							dx, dy, d2 = 1e-3*float64(u%7-3), 1e-3*float64(u%5-2), 1e-6
						}
						f := cnt * k * k / d2
						disp[u].X += dx * f
						disp[u].Y += dy * f
						continue
					}
					for _, v := range members {
						if int(v) == u {
							continue
						}
						dx, dy := p.X-pos[v].X, p.Y-pos[v].Y
						d2 := dx*dx + dy*dy
						if d2 >= cell*cell {
							continue
						}
						if d2 < 1e-9 { // the same point: push apart by index
							dx, dy, d2 = 1e-3*float64(u-int(v)), 1e-3, 1e-6*float64((u-int(v))*(u-int(v)))+1e-6
						}
						f := k * k / d2 // k²/d along the unit vector (dx,dy)/d
						disp[u].X += dx * f
						disp[u].Y += dy * f
					}
				}
			}
			ws := g.Weights(u)
			for j, v := range g.Neighbors(u) {
				dx, dy := p.X-pos[v].X, p.Y-pos[v].Y
				d := math.Sqrt(dx*dx + dy*dy)
				f := d / k * math.Sqrt(ws[j]/maxW) // d²/k along the unit vector
				disp[u].X -= dx * f
				disp[u].Y -= dy * f
			}
		}
		// Gravity towards the centre, growing with the distance: a node
		// with no ties (nothing pulls it) would otherwise drift out step
		// after step and shrink the rest when the map is fitted to the
		// screen. At the edge of a disc of area n it pulls with ½.
		var cx, cy float64
		for _, p := range pos {
			cx += p.X
			cy += p.Y
		}
		cx, cy = cx/float64(n), cy/float64(n)
		gravity := 0.5 / math.Sqrt(float64(n)/math.Pi)
		for u := range pos {
			disp[u].X -= gravity * (pos[u].X - cx)
			disp[u].Y -= gravity * (pos[u].Y - cy)
			d := math.Hypot(disp[u].X, disp[u].Y)
			if d > 0 {
				s := math.Min(d, t) / d
				pos[u].X += disp[u].X * s
				pos[u].Y += disp[u].Y * s
			}
		}
	}
}

// normalise scales pos into [0,1]², keeping the aspect ratio, centred.
func normalise(pos []charts.Point) []charts.Point {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	span := math.Max(maxX-minX, maxY-minY)
	if span == 0 {
		span = 1
	}
	ox := (span - (maxX - minX)) / 2
	oy := (span - (maxY - minY)) / 2
	for i, p := range pos {
		pos[i] = charts.Point{X: (p.X - minX + ox) / span, Y: (p.Y - minY + oy) / span}
	}
	return pos
}
