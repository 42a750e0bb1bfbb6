package serve

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
	"github.com/ecoscope/ecoscope/report/charts"
)

// Network is the answer of /api/network: the whole partner network, every
// date at once, with a layout and node sizes computed once, in columns (an
// array per field) so that 50,000 partners stay compact. The page shows it
// as it was at a date by the rule of NetworkNodes.Start.
type Network struct {
	Name      string `json:"name"`
	Source    string `json:"source"`
	TieSource string `json:"tie_source"`
	// FirstDate and LastDate span the dates of the data set, the range of
	// the time slider ("" when nothing is dated).
	FirstDate string `json:"first_date"`
	LastDate  string `json:"last_date"`
	// SizeMetrics names the centralities under Nodes.
	SizeMetrics []string `json:"size_metrics"`
	// Approximation is set when betweenness is estimated (above
	// report.AutoApproxPartners partners, as in the report).
	Approximation *analysis.Approximation `json:"betweenness_approximation"`
	Nodes         NetworkNodes            `json:"nodes"`
	Ties          NetworkTies             `json:"ties"`
	Units         []NetworkUnit           `json:"units"`
	Notes         analysis.Notes          `json:"notes"`
}

// NetworkNodes are the partners, node i in every array.
type NetworkNodes struct {
	ID     []string  `json:"id"`
	Name   []string  `json:"name"`
	Helix  []string  `json:"helix"`
	Sector []string  `json:"sector"`
	Kind   []string  `json:"kind"`
	X      []float32 `json:"x"`
	Y      []float32 `json:"y"`
	// Start and End are the first and last day a partner is active, as
	// numbers YYYYMMDD (20220131), 0 when open: a partner is active at day
	// D when (Start == 0 || Start <= D) && (End == 0 || End >= D), which is
	// the rule of graph.Ecosystem.At for a day. (Numbers, not strings: a
	// browser parses 50,000 of them, and the ties' 400,000, far faster.)
	Start       []int32   `json:"start"`
	End         []int32   `json:"end"`
	Degree      []int     `json:"degree"`
	Betweenness []float32 `json:"betweenness"`
	PageRank    []float32 `json:"pagerank"`
}

// NetworkTies are the edges of the network (parallel ties merged, as every
// analysis does), tie i in every array, each once, from its lower node
// index to its higher, in the order of the lower: the ties of node u are
// Offsets[u] to Offsets[u+1]-1 (compressed sparse rows, len(Offsets) =
// partners+1) and Target[i] is the other node of tie i. Start and End
// bound the explicit ties that make an edge (YYYYMMDD numbers, 0 when
// open, and for an edge that a shared unit makes too); the page shows an
// edge at a date when its span covers the date and both partners are
// active.
type NetworkTies struct {
	Offsets []int32   `json:"offsets"`
	Target  []int32   `json:"target"`
	Weight  []float32 `json:"weight"`
	Start   []int32   `json:"start"`
	End     []int32   `json:"end"`
}

// NetworkUnit is a unit with the node indices of its direct partner
// members (of any date).
type NetworkUnit struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Level   string  `json:"level"`
	Form    string  `json:"form"`
	Parent  string  `json:"parent"`
	Start   string  `json:"start"`
	End     string  `json:"end"`
	Members []int32 `json:"members"`
}

// BuildNetwork makes the /api/network answer for e, every record of the
// data set, with the network opts selects.
func BuildNetwork(ctx context.Context, e *graph.Ecosystem, source string, opts analysis.Options, seed uint64) (*Network, error) {
	net := analysis.New(e, opts)
	g := net.Graph
	n := g.N()
	out := &Network{
		Name: e.Name, Source: source, TieSource: opts.Ties.String(),
		SizeMetrics: []string{"degree", "betweenness", "pagerank"},
		Notes:       net.Notes(),
	}
	if out.Notes == nil {
		out.Notes = analysis.Notes{}
	}
	nodes := &out.Nodes
	nodes.ID, nodes.Name = make([]string, n), make([]string, n)
	nodes.Helix, nodes.Sector, nodes.Kind = make([]string, n), make([]string, n), make([]string, n)
	nodes.Start, nodes.End = make([]int32, n), make([]int32, n)
	for i, p := range e.Partners[:n] {
		nodes.ID[i], nodes.Name[i] = p.ID, p.Name
		nodes.Helix[i], nodes.Sector[i] = string(net.Helix(i)), string(net.Sector(i))
		nodes.Kind[i] = p.Kind
		nodes.Start[i], nodes.End[i] = int32(p.Since.Start()), int32(p.Until.End())
	}
	// The slider spans what a growth series spans.
	if first, last, ok := analysis.DateRange(e); ok {
		out.FirstDate, out.LastDate = day(first.Start()), day(last.End())
	}

	// The layout, on a core of its own while the sizes are computed.
	laidOut := make(chan []charts.Point, 1)
	go func() { laidOut <- Layout(g, seed) }()

	// Sizes, as the report computes them: betweenness estimated above
	// report.AutoApproxPartners partners.
	nodes.Degree = network.Degree(g)
	var bc []float64
	if n > report.AutoApproxPartners {
		var samples int
		var err error
		bc, samples, err = network.BetweennessApproxContext(ctx, g, report.AutoApproxEpsilon, analysis.DefaultApproxDelta, rand.NewPCG(seed, seed))
		if err != nil {
			return nil, err
		}
		out.Approximation = &analysis.Approximation{Epsilon: report.AutoApproxEpsilon, Delta: analysis.DefaultApproxDelta, Samples: samples}
	} else {
		var err error
		if bc, err = network.BetweennessContext(ctx, g); err != nil {
			return nil, err
		}
	}
	nodes.Betweenness = float32s(bc)
	nodes.PageRank = float32s(network.PageRank(g, 0.85))
	pos := <-laidOut
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	nodes.X, nodes.Y = make([]float32, n), make([]float32, n)
	for i, p := range pos {
		nodes.X[i], nodes.Y[i] = round4(p.X), round4(p.Y)
	}

	// The explicit ties' span of every pair they join, to tell an edge that
	// only explicit ties make (shown within their span) from one a shared
	// unit makes too (shown while both partners are active).
	type spanOf struct {
		start, end int // YYYYMMDD; 0 open
		weight     float64
	}
	explicit := map[uint64]*spanOf{}
	if opts.Ties != analysis.TiesUnits {
		for _, t := range e.PartnerTies() {
			u, ok1 := g.Index(t.Source)
			v, ok2 := g.Index(t.Target)
			if !ok1 || !ok2 || u == v {
				continue
			}
			k := pairKey(u, v)
			w := analysis.EdgeWeight(t.Weight)
			s, e := t.Since.Start(), t.Until.End()
			if x := explicit[k]; x != nil {
				x.weight += w
				x.start = openMin(x.start, s)
				x.end = openMax(x.end, e)
			} else {
				explicit[k] = &spanOf{s, e, w}
			}
		}
	}
	ties := &out.Ties
	ties.Offsets = make([]int32, n+1)
	for u := range n {
		ws := g.Weights(u)
		for j, v := range g.Neighbors(u) {
			if int(v) <= u {
				continue
			}
			ties.Target = append(ties.Target, v)
			ties.Weight = append(ties.Weight, round4(ws[j]))
			var start, end int32
			// Only explicit ties: their weights add up to the edge's
			// (to rounding); a shared unit adds at least 1.
			if x := explicit[pairKey(u, int(v))]; x != nil && ws[j]-x.weight < 0.5 {
				start, end = int32(x.start), int32(x.end)
			}
			ties.Start = append(ties.Start, start)
			ties.End = append(ties.End, end)
		}
		ties.Offsets[u+1] = int32(len(ties.Target))
	}
	if ties.Target == nil {
		ties.Target, ties.Weight, ties.Start, ties.End = []int32{}, []float32{}, []int32{}, []int32{}
	}

	members := e.UnitPartners()
	out.Units = make([]NetworkUnit, 0, len(e.Units))
	for _, u := range e.Units {
		nu := NetworkUnit{ID: u.ID, Name: u.Name, Level: string(u.Level), Form: string(u.Form), Parent: u.Parent,
			Start: day(u.Since.Start()), End: day(u.Until.End()), Members: []int32{}}
		for _, id := range members[u.ID] {
			if i, ok := g.Index(id); ok {
				nu.Members = append(nu.Members, int32(i))
			}
		}
		out.Units = append(out.Units, nu)
	}
	return out, nil
}

// pairKey is the key of the pair u, v in either order.
func pairKey(u, v int) uint64 {
	if u > v {
		u, v = v, u
	}
	return uint64(u)<<32 | uint64(v)
}

// openMin and openMax combine two bounds where 0 is open (before
// everything for a start, after everything for an end).
func openMin(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	return min(a, b)
}

func openMax(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	return max(a, b)
}

// day formats a YYYYMMDD number as YYYY-MM-DD, and 0 as "".
func day(d int) string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}

func round4(x float64) float32 { return float32(math.Round(x*1e4) / 1e4) }

func float32s(xs []float64) []float32 {
	out := make([]float32, len(xs))
	for i, x := range xs {
		out[i] = float32(x)
	}
	return out
}
