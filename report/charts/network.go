package charts

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"github.com/ecoscope/ecoscope/graph"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxNetworkNodes is the most partners NetworkChart draws. A larger network
// is trimmed to its MaxNetworkNodes largest nodes (by Size, then id), and
// the text alternative says so; a caller drawing a large ecosystem should
// pass its overview (the top partners by degree, or the network of
// communities) itself. The bound keeps the layout under a second and the
// SVG under about 300 kB.
const MaxNetworkNodes = 300

// MaxNetworkEdges is the most ties NetworkChart draws: the heaviest ones
// among the nodes drawn (then by ids), so that a dense overview cannot
// make the file large.
const MaxNetworkEdges = 3000

// NetworkNode is one partner of a network drawing.
type NetworkNode struct {
	ID, Name string
	Helix    graph.Helix
	// Size is the centrality that sizes the node (betweenness, degree, …;
	// NaN and negative count as 0).
	Size float64
	// Units are the ids of the units the partner takes part in; those
	// among Network.Units are drawn as hulls around their members.
	Units []string
}

// NetworkEdge is one tie; Weight (> 0; 1 when not) sets its width and how
// strongly it pulls its ends together in the layout.
type NetworkEdge struct {
	Source, Target string
	Weight         float64
}

// NetworkUnit is a unit drawn as a hull: a dashed outline around its
// members, labelled with Name.
type NetworkUnit struct{ ID, Name string }

// Network is the input of NetworkChart.
type Network struct {
	Lang, Title string
	Nodes       []NetworkNode
	Edges       []NetworkEdge
	// Units are drawn as hulls, in order (a few, e.g. the fieldlabs: many
	// overlapping hulls read as none). UnitLabel names them in the legend
	// ("fieldlab"); no legend entry when empty.
	Units     []NetworkUnit
	UnitLabel string
	// HelixLabels name the helix types in the legend (the type itself
	// where missing); SizeLabel names the centrality of Size.
	HelixLabels map[graph.Helix]string
	SizeLabel   string
	// Labels is how many of the largest nodes are named on the drawing
	// (0: DefaultNetworkLabels; negative: none). Names that would overlap
	// another are left out.
	Labels int
	// Seed seeds the layout: the same seed, the same drawing.
	Seed uint64
	// Total is the number of partners of the whole network when Nodes is
	// an overview of it (0: len(Nodes)); the text alternative says how
	// many are shown.
	Total int
}

// DefaultNetworkLabels is the number of nodes named when Network.Labels is 0.
const DefaultNetworkLabels = 10

// The size of the network drawing, in SVG user units.
const (
	networkWidth  = 640
	networkHeight = 560
)

// NetworkChart draws the network: nodes coloured by helix type (HelixColor)
// and sized by Size (area ∝ Size), ties as grey lines whose width follows
// the weight, the units of Network.Units as dashed hulls, the largest nodes
// named, and a legend of the helix types below. The layout is Layout's, for
// in.Seed. The text alternative gives the counts of partners and ties, the
// partners per helix type and the largest nodes.
func NetworkChart(in Network) (Chart, error) {
	if len(in.Nodes) == 0 {
		return Chart{}, ErrNoData
	}
	index := make(map[string]int, len(in.Nodes))
	for i, nd := range in.Nodes {
		if _, dup := index[nd.ID]; dup {
			return Chart{}, fmt.Errorf("charts: node %q appears twice", nd.ID)
		}
		index[nd.ID] = i
	}
	nodes := trimNodes(in.Nodes)
	index = make(map[string]int, len(nodes))
	for i, nd := range nodes {
		index[nd.ID] = i
	}
	edges := trimEdges(in.Edges, index)
	le := make([]LayoutEdge, len(edges))
	for k, e := range edges {
		le[k] = LayoutEdge{U: index[e.Source], V: index[e.Target], Weight: e.Weight}
	}
	pos := Layout(len(nodes), le, in.Seed)
	alt := networkAlt(in, nodes, len(edges))
	return renderWith(networkWidth, networkHeight, alt, func(c draw.Canvas) error {
		drawNetwork(c, in, nodes, edges, index, pos)
		return nil
	})
}

// sizeOf returns the usable size of a node.
func sizeOf(nd NetworkNode) float64 {
	if nd.Size > 0 && !math.IsInf(nd.Size, 0) {
		return nd.Size
	}
	return 0
}

// bySize orders nodes largest first, then by id.
func bySize(a, b NetworkNode) int {
	if c := cmp.Compare(sizeOf(b), sizeOf(a)); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// trimNodes keeps the MaxNetworkNodes largest nodes, in their input order.
func trimNodes(ns []NetworkNode) []NetworkNode {
	if len(ns) <= MaxNetworkNodes {
		return ns
	}
	sorted := slices.Clone(ns)
	slices.SortFunc(sorted, bySize)
	keep := make(map[string]bool, MaxNetworkNodes)
	for _, nd := range sorted[:MaxNetworkNodes] {
		keep[nd.ID] = true
	}
	out := make([]NetworkNode, 0, MaxNetworkNodes)
	for _, nd := range ns {
		if keep[nd.ID] {
			out = append(out, nd)
		}
	}
	return out
}

// trimEdges keeps the ties between drawn nodes (no loops), at most
// MaxNetworkEdges of them, the heaviest.
func trimEdges(es []NetworkEdge, index map[string]int) []NetworkEdge {
	out := make([]NetworkEdge, 0, len(es))
	for _, e := range es {
		u, ok1 := index[e.Source]
		v, ok2 := index[e.Target]
		if ok1 && ok2 && u != v {
			out = append(out, e)
		}
	}
	if len(out) > MaxNetworkEdges {
		slices.SortStableFunc(out, func(a, b NetworkEdge) int {
			if c := cmp.Compare(weightOf(LayoutEdge{Weight: b.Weight}), weightOf(LayoutEdge{Weight: a.Weight})); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Source, b.Source); c != 0 {
				return c
			}
			return cmp.Compare(a.Target, b.Target)
		})
		out = out[:MaxNetworkEdges]
	}
	return out
}

func helixLabel(in Network, h graph.Helix) string {
	if l, ok := in.HelixLabels[h]; ok && l != "" {
		return l
	}
	return string(h)
}

func networkAlt(in Network, nodes []NetworkNode, edges int) string {
	w := wordsFor(in.Lang)
	counts := map[graph.Helix]int{}
	for _, nd := range nodes {
		counts[canonicalHelix(nd.Helix)]++
	}
	var parts []string
	for _, h := range HelixOrder {
		if counts[h] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", helixLabel(in, h), counts[h]))
		}
	}
	s := fmt.Sprintf("%s — %s: %d %s %s %d %s, %s (%s)", w.network, in.Title, len(nodes), w.partners, w.and, edges, w.ties,
		w.colours, w.list(parts))
	if in.SizeLabel != "" {
		s += ", " + w.sized + " " + in.SizeLabel
	}
	sorted := slices.Clone(nodes)
	slices.SortFunc(sorted, bySize)
	var top []string
	for _, nd := range sorted[:min(3, len(sorted))] {
		if sizeOf(nd) > 0 {
			top = append(top, nd.Name)
		}
	}
	if len(top) > 0 {
		s += "; " + w.largest + ": " + w.list(top)
	}
	if total := in.Total; total > len(nodes) || len(in.Nodes) > len(nodes) {
		total = max(total, len(in.Nodes))
		s += "; " + fmt.Sprintf(w.shown, len(nodes), total)
	}
	return s + "."
}

// canonicalHelix maps an empty or unknown type to graph.HelixUnknown.
func canonicalHelix(h graph.Helix) graph.Helix {
	if _, ok := helixPalette[h]; ok {
		return h
	}
	return graph.HelixUnknown
}

// Node radii in user units: area grows with the size.
const (
	minRadius = 3.5
	maxRadius = 15
	hullPad   = 8
)

func radius(nd NetworkNode, maxSize float64) vg.Length {
	if maxSize <= 0 {
		return (minRadius + maxRadius) / 3
	}
	return vg.Length(minRadius + (maxRadius-minRadius)*math.Sqrt(sizeOf(nd)/maxSize))
}

func circlePath(ctr vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: ctr.X + r, Y: ctr.Y})
	p.Arc(ctr, r, 0, 2*math.Pi)
	p.Close()
	return p
}

func drawNetwork(c draw.Canvas, in Network, nodes []NetworkNode, edges []NetworkEdge, index map[string]int, pos []Point) {
	W, H := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	legend := legendItems(in, nodes)
	legendH := layoutLegend(legend, W)
	maxSize := 0.0
	for _, nd := range nodes {
		maxSize = math.Max(maxSize, sizeOf(nd))
	}
	margin := vg.Length(maxRadius + hullPad + 4)
	top := vg.Length(badgeRadius) // room for the badges at the top of hulls
	area := vg.Rectangle{Min: vg.Point{X: c.Min.X + margin, Y: c.Min.Y + legendH + margin},
		Max: vg.Point{X: c.Min.X + W - margin, Y: c.Min.Y + H - margin - top}}
	at := make([]vg.Point, len(nodes))
	for i, p := range pos {
		at[i] = vg.Point{X: area.Min.X + vg.Length(p.X)*(area.Max.X-area.Min.X),
			Y: area.Min.Y + vg.Length(p.Y)*(area.Max.Y-area.Min.Y)}
	}
	radii := make([]vg.Length, len(nodes))
	for i, nd := range nodes {
		radii[i] = radius(nd, maxSize)
	}

	// Hulls under everything.
	badges := drawHulls(c, in, nodes, at, radii)

	// Ties.
	maxW := 0.0
	for _, e := range edges {
		maxW = math.Max(maxW, weightOf(LayoutEdge{Weight: e.Weight}))
	}
	for _, e := range edges {
		f := math.Sqrt(weightOf(LayoutEdge{Weight: e.Weight}) / maxW)
		ls := draw.LineStyle{Color: color.NRGBA{0x44, 0x44, 0x44, uint8(50 + 90*f)}, Width: vg.Length(0.6 + 2*f)}
		c.StrokeLine2(ls, at[index[e.Source]].X, at[index[e.Source]].Y, at[index[e.Target]].X, at[index[e.Target]].Y)
	}

	// Nodes, the largest last (on top).
	order := make([]int, len(nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return -bySize(nodes[a], nodes[b]) })
	for _, i := range order {
		p := circlePath(at[i], radii[i])
		c.SetColor(HelixColor(nodes[i].Helix))
		c.Fill(p)
		c.SetLineWidth(1)
		c.SetColor(color.White)
		c.Stroke(p)
	}

	for k, b := range badges {
		drawBadge(c, vg.Point{X: (b.Min.X + b.Max.X) / 2, Y: (b.Min.Y + b.Max.Y) / 2}, k+1)
	}
	drawNodeLabels(c, in, nodes, at, radii, badges)
	drawLegend(c, legend, W)
}

// drawHulls draws each unit of in.Units as the convex hull of circles of
// hullPad around its members' nodes; it returns the boxes of their badges
// (the unit's number, 1, 2, …, drawn over the nodes), at the top of each
// hull, clear of one another where it can. A unit without drawn members
// gets no hull and no number: the legend leaves it out too.
func drawHulls(c draw.Canvas, in Network, nodes []NetworkNode, at []vg.Point, radii []vg.Length) (badges []vg.Rectangle) {
	members := make(map[string][]int, len(in.Units))
	for i, nd := range nodes {
		for _, u := range nd.Units {
			members[u] = append(members[u], i)
		}
	}
	for _, u := range in.Units {
		ms := members[u.ID]
		if len(ms) == 0 {
			continue
		}
		var pts []vg.Point
		for _, i := range ms {
			r := radii[i] + hullPad
			for k := range 12 {
				a := 2 * math.Pi * float64(k) / 12
				pts = append(pts, vg.Point{X: at[i].X + r*vg.Length(math.Cos(a)), Y: at[i].Y + r*vg.Length(math.Sin(a))})
			}
		}
		hull := convexHull(pts)
		var p vg.Path
		p.Move(hull[0])
		for _, q := range hull[1:] {
			p.Line(q)
		}
		p.Close()
		c.SetColor(color.NRGBA{0x60, 0x60, 0x60, 0x10})
		c.Fill(p)
		c.SetColor(color.Gray{Y: 0x70})
		c.SetLineWidth(1)
		c.SetLineDash([]vg.Length{4, 3}, 0)
		c.Stroke(p)
		c.SetLineDash(nil, 0)
		// The badge at the highest hull point clear of the other badges.
		cands := slices.Clone(hull)
		slices.SortStableFunc(cands, func(p, q vg.Point) int { return cmp.Compare(q.Y, p.Y) })
		ctr := cands[0]
		for _, q := range cands {
			if !overlaps(badgeBox(q), badges) {
				ctr = q
				break
			}
		}
		badges = append(badges, badgeBox(ctr))
	}
	return badges
}

// badgeBox is the box of a badge centred at ctr.
func badgeBox(ctr vg.Point) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: ctr.X - badgeRadius, Y: ctr.Y - badgeRadius},
		Max: vg.Point{X: ctr.X + badgeRadius, Y: ctr.Y + badgeRadius}}
}

// overlaps reports whether r overlaps any of rs.
func overlaps(r vg.Rectangle, rs []vg.Rectangle) bool {
	for _, q := range rs {
		if r.Min.X < q.Max.X && q.Min.X < r.Max.X && r.Min.Y < q.Max.Y && q.Min.Y < r.Max.Y {
			return true
		}
	}
	return false
}

// badgeRadius is the radius of the numbered badge of a hull.
const badgeRadius = 8

// drawBadge draws the number k in a dark disc at ctr: the mark of a hull,
// which the legend names (a long unit name on the drawing would cover it).
func drawBadge(c draw.Canvas, ctr vg.Point, k int) {
	c.SetColor(color.Gray{Y: 0x33})
	c.Fill(circlePath(ctr, badgeRadius))
	sty := text.Style{Font: face(fontSize - 2).Font, Color: color.White, XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: textHandler}
	c.FillText(sty, ctr, strconv.Itoa(k))
}

// convexHull returns the convex hull of pts, counter-clockwise (Andrew's
// monotone chain).
func convexHull(pts []vg.Point) []vg.Point {
	ps := slices.Clone(pts)
	slices.SortFunc(ps, func(a, b vg.Point) int {
		if c := cmp.Compare(a.X, b.X); c != 0 {
			return c
		}
		return cmp.Compare(a.Y, b.Y)
	})
	if len(ps) < 3 {
		return ps
	}
	cross := func(o, a, b vg.Point) vg.Length { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }
	hull := make([]vg.Point, 0, 2*len(ps))
	for _, p := range ps {
		for len(hull) >= 2 && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	lower := len(hull) + 1
	for i := len(ps) - 2; i >= 0; i-- {
		p := ps[i]
		for len(hull) >= lower && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	return hull[:len(hull)-1]
}

// drawNodeLabels names the largest nodes, right of the node or else left
// of it, on a white box; a name that would overlap another is left out.
func drawNodeLabels(c draw.Canvas, in Network, nodes []NetworkNode, at []vg.Point, radii []vg.Length, badges []vg.Rectangle) {
	n := in.Labels
	if n == 0 {
		n = DefaultNetworkLabels
	}
	if n < 0 {
		return
	}
	order := make([]int, len(nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return bySize(nodes[a], nodes[b]) })
	fc := face(fontSize - 1)
	sty := text.Style{Font: fc.Font, Color: color.Black, XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: textHandler}
	h := vg.Length(fontSize + 2)
	placed := slices.Clone(badges)
	free := func(r vg.Rectangle) bool {
		if r.Min.X < c.Min.X || r.Max.X > c.Max.X || r.Max.Y > c.Max.Y {
			return false
		}
		return !overlaps(r, placed)
	}
	for _, i := range order[:min(n, len(order))] {
		if sizeOf(nodes[i]) <= 0 || nodes[i].Name == "" {
			continue
		}
		w := fc.Width(nodes[i].Name) + 4
		p := at[i]
		right := vg.Rectangle{Min: vg.Point{X: p.X + radii[i] + 1, Y: p.Y - h/2}, Max: vg.Point{X: p.X + radii[i] + 1 + w, Y: p.Y + h/2}}
		left := vg.Rectangle{Min: vg.Point{X: p.X - radii[i] - 1 - w, Y: p.Y - h/2}, Max: vg.Point{X: p.X - radii[i] - 1, Y: p.Y + h/2}}
		var box vg.Rectangle
		switch {
		case free(right):
			box = right
		case free(left):
			box = left
		default:
			continue
		}
		placed = append(placed, box)
		c.FillPolygon(color.NRGBA{0xff, 0xff, 0xff, 0xd0}, []vg.Point{box.Min, {X: box.Max.X, Y: box.Min.Y}, box.Max, {X: box.Min.X, Y: box.Max.Y}})
		c.FillText(sty, vg.Point{X: box.Min.X + 2, Y: p.Y}, nodes[i].Name)
	}
}

// legendItem is one entry of the network legend.
type legendItem struct {
	kind  int // 0 helix dot, 1 size circles, 2 unit hull, 3 numbered unit
	num   int
	helix graph.Helix
	label string
	at    vg.Point // top-left, set by layoutLegend
}

func legendItems(in Network, nodes []NetworkNode) []legendItem {
	present := map[graph.Helix]bool{}
	for _, nd := range nodes {
		present[canonicalHelix(nd.Helix)] = true
	}
	var items []legendItem
	for _, h := range HelixOrder {
		if present[h] {
			items = append(items, legendItem{kind: 0, helix: h, label: helixLabel(in, h)})
		}
	}
	if in.SizeLabel != "" {
		items = append(items, legendItem{kind: 1, label: in.SizeLabel})
	}
	if in.UnitLabel != "" && len(in.Units) > 0 {
		items = append(items, legendItem{kind: 2, label: in.UnitLabel})
	}
	drawn := map[string]bool{}
	for _, nd := range nodes {
		for _, u := range nd.Units {
			drawn[u] = true
		}
	}
	num := 0
	for _, u := range in.Units {
		if drawn[u.ID] {
			num++
			items = append(items, legendItem{kind: 3, num: num, label: u.Name})
		}
	}
	return items
}

const legendRow = fontSize + 10

// itemWidth is the width of a legend item: its symbol, a gap, its label.
func itemWidth(it legendItem) vg.Length {
	sym := vg.Length(14)
	switch it.kind {
	case 1, 2:
		sym = 26
	case 3:
		sym = 2 * badgeRadius
	}
	return sym + 6 + textWidth(fontSize, it.label) + 18
}

// layoutLegend places the items in rows from the bottom-left across width
// w and returns the height the legend takes.
func layoutLegend(items []legendItem, w vg.Length) vg.Length {
	if len(items) == 0 {
		return 0
	}
	var rows [][]int
	var x vg.Length
	for i, it := range items {
		iw := itemWidth(it)
		if len(rows) == 0 || x+iw > w-16 {
			rows = append(rows, nil)
			x = 0
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], i)
		x += iw
	}
	h := vg.Length(len(rows))*legendRow + 8
	for r, row := range rows {
		x := vg.Length(12)
		y := h - vg.Length(r)*legendRow - 4
		for _, i := range row {
			items[i].at = vg.Point{X: x, Y: y}
			x += itemWidth(items[i])
		}
	}
	return h
}

func drawLegend(c draw.Canvas, items []legendItem, _ vg.Length) {
	sty := text.Style{Font: face(fontSize).Font, Color: color.Black, XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: textHandler}
	for _, it := range items {
		x, y := c.Min.X+it.at.X, c.Min.Y+it.at.Y-legendRow/2
		var sym vg.Length
		switch it.kind {
		case 0:
			sym = 14
			c.SetColor(HelixColor(it.helix))
			c.Fill(circlePath(vg.Point{X: x + 6, Y: y}, 6))
		case 1:
			sym = 26
			c.SetColor(color.Gray{Y: 0x66})
			c.SetLineWidth(1)
			c.Stroke(circlePath(vg.Point{X: x + 4, Y: y}, 3))
			c.Stroke(circlePath(vg.Point{X: x + 16, Y: y}, 8))
		case 2:
			sym = 26
			c.SetColor(color.Gray{Y: 0x70})
			c.SetLineWidth(1)
			c.SetLineDash([]vg.Length{4, 3}, 0)
			var p vg.Path
			p.Move(vg.Point{X: x, Y: y - 6})
			p.Line(vg.Point{X: x + 24, Y: y - 6})
			p.Line(vg.Point{X: x + 24, Y: y + 6})
			p.Line(vg.Point{X: x, Y: y + 6})
			p.Close()
			c.Stroke(p)
			c.SetLineDash(nil, 0)
		case 3:
			sym = 2 * badgeRadius
			drawBadge(c, vg.Point{X: x + badgeRadius, Y: y}, it.num)
		}
		c.FillText(sty, vg.Point{X: x + sym + 6, Y: y}, it.label)
	}
}
