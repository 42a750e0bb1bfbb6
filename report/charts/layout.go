package charts

import (
	"math"
	"math/rand/v2"
)

// Point is a position in a layout.
type Point struct{ X, Y float64 }

// LayoutEdge joins nodes U and V (indices) with a weight (≤ 0 counts as 1).
type LayoutEdge struct {
	U, V   int
	Weight float64
}

// LayoutIterations is the number of steps Layout takes: enough for a few
// hundred nodes to settle (the temperature cools linearly to zero).
const LayoutIterations = 300

// gravity is the pull towards the centre: isolated nodes and small
// components settle at about 1/√gravity from it, near the main component
// rather than far out (where they would squeeze it when the drawing is
// scaled to fit).
const gravity = 4

// Layout places n nodes with the force-directed algorithm of Fruchterman &
// Reingold (1991): all pairs repel (k²/d), joined nodes attract (d²/k,
// times the tie's weight relative to the heaviest, square-rooted so that
// weak ties still pull), and a weak gravity towards the centre keeps
// components and isolated nodes from drifting off. The start is random
// from seed, and the steps run in a fixed order, so the same input and seed
// give the same positions. The positions fill the unit square [0,1]²,
// keeping the layout's aspect ratio.
//
// It takes O(n²) time a step (LayoutIterations steps): about 0.1 s for 300
// nodes. NetworkChart never asks for more than MaxNetworkNodes.
func Layout(n int, edges []LayoutEdge, seed uint64) []Point {
	pos := make([]Point, n)
	if n == 0 {
		return pos
	}
	if n == 1 {
		pos[0] = Point{0.5, 0.5}
		return pos
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for i := range pos {
		pos[i] = Point{rng.Float64() - 0.5, rng.Float64() - 0.5}
	}
	maxW := 0.0
	for _, e := range edges {
		maxW = math.Max(maxW, weightOf(e))
	}
	k := math.Sqrt(1 / float64(n))
	disp := make([]Point, n)
	t0 := 0.1
	for it := 0; it < LayoutIterations; it++ {
		for i := range disp {
			// Gravity: towards the centre, growing with the distance,
			// strong enough to hold an isolated node (repelled by all
			// n others with n·k² = 1) at about distance 1/√gravity.
			disp[i] = Point{-pos[i].X * gravity, -pos[i].Y * gravity}
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i].X-pos[j].X, pos[i].Y-pos[j].Y
				d2 := dx*dx + dy*dy
				if d2 < 1e-12 {
					// Coincident: push apart along a fixed direction.
					dx, dy, d2 = 1e-6*float64(i-j), 1e-6, 1e-12*(float64((i-j)*(i-j))+1)
				}
				f := k * k / d2 // k²/d, over d to get the unit vector
				disp[i].X += dx * f
				disp[i].Y += dy * f
				disp[j].X -= dx * f
				disp[j].Y -= dy * f
			}
		}
		for _, e := range edges {
			if e.U == e.V {
				continue
			}
			dx, dy := pos[e.U].X-pos[e.V].X, pos[e.U].Y-pos[e.V].Y
			d := math.Sqrt(dx*dx + dy*dy)
			f := d / k * math.Sqrt(weightOf(e)/maxW) // d²/k, over d
			disp[e.U].X -= dx * f
			disp[e.U].Y -= dy * f
			disp[e.V].X += dx * f
			disp[e.V].Y += dy * f
		}
		t := t0 * (1 - float64(it)/LayoutIterations)
		for i := range pos {
			d := math.Hypot(disp[i].X, disp[i].Y)
			if d > 0 {
				step := math.Min(d, t)
				pos[i].X += disp[i].X / d * step
				pos[i].Y += disp[i].Y / d * step
			}
		}
	}
	return Normalise(pos)
}

func weightOf(e LayoutEdge) float64 {
	if e.Weight > 0 && !math.IsInf(e.Weight, 0) {
		return e.Weight
	}
	return 1
}

// Normalise scales pos uniformly into [0,1]², centred, keeping the
// layout's aspect ratio; it changes pos and returns it.
func Normalise(pos []Point) []Point {
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
	offX := (1 - (maxX-minX)/span) / 2
	offY := (1 - (maxY-minY)/span) / 2
	for i, p := range pos {
		pos[i] = Point{offX + (p.X-minX)/span, offY + (p.Y-minY)/span}
	}
	return pos
}
