package analysis

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/ecoscope/ecoscope/graph"
)

// TieSource says which ties make the edges of a Network.
type TieSource int

// The sources of ties. The zero value, TiesAll, takes both.
const (
	// TiesAll joins partners by explicit ties and by shared units; where
	// both join the same two partners their weights add.
	TiesAll TieSource = iota
	// TiesExplicit joins partners by the ties of the ecosystem only (ties
	// between people count for their partners).
	TiesExplicit
	// TiesUnits joins partners that are direct members of the same unit,
	// with the number of units they share as the weight.
	TiesUnits
)

// String returns "all", "explicit" or "units".
func (s TieSource) String() string {
	switch s {
	case TiesAll:
		return "all"
	case TiesExplicit:
		return "explicit"
	case TiesUnits:
		return "units"
	}
	return fmt.Sprintf("TieSource(%d)", int(s))
}

// Options configures New.
type Options struct {
	// Ties selects the ties that make the edges; the zero value is TiesAll.
	Ties TieSource
}

// Network is an immutable, undirected, weighted partner network in compressed
// sparse row (CSR) form. Node i is the partner e.Partners[i] of the ecosystem
// it was built from; isolated partners are nodes too. Between two partners
// there is at most one edge, whose weight is the sum of the weights of all
// the ties joining them, and no partner is joined to itself.
//
// Network implements gonum's graph.Undirected and graph.WeightedUndirected
// with node ids equal to node indexes, so gonum's algorithms (for example
// community.Modularize or topo.ConnectedComponents) run on it directly.
//
// A Network is safe for concurrent use.
type Network struct {
	ids     []string
	names   []string
	helices []graph.Helix
	sectors []graph.Sector
	index   map[string]int

	// off[i]:off[i+1] is the range of node i in nbr and w; the neighbours
	// of each node are sorted by index.
	off      []int32
	nbr      []int32
	w        []float64
	strength []float64
}

// New builds the partner network of e. Node i is e.Partners[i]; where a
// partner id repeats, ties name the first partner with that id.
//
// Edges come from the explicit ties of e (graph.Ecosystem.PartnerTies: ties
// between people count for their partners, ties naming no known partner are
// left out), from shared units (graph.Ecosystem.UnitPartners: two partners
// that are direct members of the same unit are joined with weight 1 for that
// unit; taking part in a child unit does not count for its parent), or from
// both, as opts.Ties says. A tie's weight is its Weight, or 1 when that is not
// a positive finite number (graph.Ecosystem.Validate sets a missing weight to
// 1 and rejects negative ones). Parallel ties between two partners merge
// into one edge whose weight is their sum. The network is undirected: a tie
// marked directed still joins its two partners, in both directions, for
// every metric of this package.
//
// Unit ties cost one pair per two members of a unit: a unit with k direct
// partners adds k(k-1)/2 pairs before merging.
func New(e *graph.Ecosystem, opts Options) *Network {
	if opts.Ties < TiesAll || opts.Ties > TiesUnits {
		panic(fmt.Sprintf("analysis: unknown tie source %d", int(opts.Ties)))
	}
	n := len(e.Partners)
	if n > math.MaxInt32 {
		panic("analysis: too many partners")
	}
	net := &Network{
		ids:     make([]string, n),
		names:   make([]string, n),
		helices: make([]graph.Helix, n),
		sectors: make([]graph.Sector, n),
		index:   make(map[string]int, n),
	}
	for i, p := range e.Partners {
		net.ids[i] = p.ID
		net.names[i] = p.Name
		h := p.Helix
		if h == "" {
			h = graph.HelixUnknown
		}
		net.helices[i] = h
		s := p.Sector
		if s == "" {
			s = graph.DefaultSector(h)
		}
		net.sectors[i] = s
		if _, ok := net.index[p.ID]; !ok {
			net.index[p.ID] = i
		}
	}

	var edges []wedge
	if opts.Ties == TiesAll || opts.Ties == TiesExplicit {
		ties := e.PartnerTies()
		edges = slices.Grow(edges, len(ties))
		for _, t := range ties {
			u, ok1 := net.index[t.Source]
			v, ok2 := net.index[t.Target]
			if !ok1 || !ok2 || u == v {
				continue
			}
			w := t.Weight
			if !(w > 0) || math.IsInf(w, 0) {
				w = 1
			}
			edges = append(edges, wedge{int32(u), int32(v), w})
		}
	}
	if opts.Ties == TiesAll || opts.Ties == TiesUnits {
		units := e.UnitPartners()
		// Visit units in sorted order so that the result does not depend
		// on map iteration order (it cannot anyway once merged, but the
		// summation order of float weights then is fixed too).
		keys := make([]string, 0, len(units))
		for k := range units {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var members []int32
		for _, k := range keys {
			members = members[:0]
			for _, id := range units[k] {
				if i, ok := net.index[id]; ok {
					members = append(members, int32(i))
				}
			}
			slices.Sort(members)
			members = slices.Compact(members)
			for a := range members {
				for b := a + 1; b < len(members); b++ {
					edges = append(edges, wedge{members[a], members[b], 1})
				}
			}
		}
	}
	net.build(n, edges)
	return net
}

type wedge struct {
	u, v int32
	w    float64
}

// build fills the CSR arrays from an edge list that may hold parallel edges
// (in either direction) but no self-loops.
func (net *Network) build(n int, edges []wedge) {
	if 2*len(edges) > math.MaxInt32 {
		panic("analysis: too many ties")
	}
	count := make([]int32, n+1)
	for _, e := range edges {
		count[e.u+1]++
		count[e.v+1]++
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	type arc struct {
		v int32
		w float64
	}
	arcs := make([]arc, 2*len(edges))
	pos := slices.Clone(count[:n])
	for _, e := range edges {
		arcs[pos[e.u]] = arc{e.v, e.w}
		pos[e.u]++
		arcs[pos[e.v]] = arc{e.u, e.w}
		pos[e.v]++
	}
	// Sort each row and merge parallel arcs, compacting in place.
	off := make([]int32, n+1)
	k := int32(0)
	for i := 0; i < n; i++ {
		row := arcs[count[i]:count[i+1]]
		slices.SortFunc(row, func(a, b arc) int { return int(a.v) - int(b.v) })
		off[i] = k
		for j := 0; j < len(row); j++ {
			if j > 0 && row[j].v == row[j-1].v {
				arcs[k-1].w += row[j].w
				continue
			}
			arcs[k] = row[j]
			k++
		}
	}
	off[n] = k
	net.off = off
	net.nbr = make([]int32, k)
	net.w = make([]float64, k)
	net.strength = make([]float64, n)
	for i := 0; i < n; i++ {
		s := 0.0
		for j := off[i]; j < off[i+1]; j++ {
			net.nbr[j] = arcs[j].v
			net.w[j] = arcs[j].w
			s += arcs[j].w
		}
		net.strength[i] = s
	}
}

// N returns the number of nodes (partners).
func (net *Network) N() int { return len(net.off) - 1 }

// M returns the number of edges: distinct pairs of joined partners.
func (net *Network) M() int { return len(net.nbr) / 2 }

// Degree returns the number of neighbours of node i.
func (net *Network) Degree(i int) int { return int(net.off[i+1] - net.off[i]) }

// Strength returns the sum of the weights of the edges of node i.
func (net *Network) Strength(i int) float64 { return net.strength[i] }

// Neighbors returns the neighbours of node i in increasing order. The slice
// belongs to the network and must not be modified.
func (net *Network) Neighbors(i int) []int32 { return net.nbr[net.off[i]:net.off[i+1]] }

// Weights returns the weights of the edges of node i, in the order of
// Neighbors(i). The slice belongs to the network and must not be modified.
func (net *Network) Weights(i int) []float64 { return net.w[net.off[i]:net.off[i+1]] }

// ID returns the partner id of node i.
func (net *Network) ID(i int) string { return net.ids[i] }

// Name returns the partner name of node i.
func (net *Network) Name(i int) string { return net.names[i] }

// Index returns the node of the partner with the given id (the first one,
// where ids repeat).
func (net *Network) Index(id string) (int, bool) {
	i, ok := net.index[id]
	return i, ok
}

// Helix returns the helix type of node i; graph.HelixUnknown where the
// partner has none.
func (net *Network) Helix(i int) graph.Helix { return net.helices[i] }

// Sector returns the sector of node i: the partner's sector, or the default
// sector of its helix type (graph.DefaultSector) where it has none.
func (net *Network) Sector(i int) graph.Sector { return net.sectors[i] }

// edgeIndex returns the position of the arc u→v in nbr, or -1.
func (net *Network) edgeIndex(u, v int) int {
	lo, hi := int(net.off[u]), int(net.off[u+1])
	j, ok := slices.BinarySearch(net.nbr[lo:hi], int32(v))
	if !ok {
		return -1
	}
	return lo + j
}

func (net *Network) has(id int64) bool { return id >= 0 && id < int64(len(net.ids)) }

// Node returns the node with the given id (its index), or nil. It is part of
// gonum's graph.Graph.
func (net *Network) Node(id int64) gonum.Node {
	if !net.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns all nodes in index order. It is part of gonum's graph.Graph.
func (net *Network) Nodes() gonum.Nodes {
	return &nodeIter{n: len(net.ids), cur: -1}
}

// From returns the neighbours of the node with the given id. It is part of
// gonum's graph.Graph.
func (net *Network) From(id int64) gonum.Nodes {
	if !net.has(id) {
		return &nodeIter{cur: -1}
	}
	return &nodeIter{list: net.Neighbors(int(id)), n: net.Degree(int(id)), cur: -1}
}

// HasEdgeBetween reports whether nodes x and y are joined. It is part of
// gonum's graph.Graph.
func (net *Network) HasEdgeBetween(xid, yid int64) bool {
	return net.has(xid) && net.has(yid) && net.edgeIndex(int(xid), int(yid)) >= 0
}

// Edge returns the edge between u and v, or nil. It is part of gonum's
// graph.Graph.
func (net *Network) Edge(uid, vid int64) gonum.Edge {
	if e := net.WeightedEdge(uid, vid); e != nil {
		return e
	}
	return nil
}

// EdgeBetween returns the edge between x and y, or nil. It is part of gonum's
// graph.Undirected.
func (net *Network) EdgeBetween(xid, yid int64) gonum.Edge { return net.Edge(xid, yid) }

// WeightedEdge returns the weighted edge between u and v, or nil. It is part
// of gonum's graph.Weighted.
func (net *Network) WeightedEdge(uid, vid int64) gonum.WeightedEdge {
	if !net.has(uid) || !net.has(vid) {
		return nil
	}
	j := net.edgeIndex(int(uid), int(vid))
	if j < 0 {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(uid), T: simple.Node(vid), W: net.w[j]}
}

// WeightedEdgeBetween returns the weighted edge between x and y, or nil. It
// is part of gonum's graph.WeightedUndirected.
func (net *Network) WeightedEdgeBetween(xid, yid int64) gonum.WeightedEdge {
	return net.WeightedEdge(xid, yid)
}

// Weight returns the weight of the edge between x and y and true when they
// are joined; 0 and true when x and y are the same node (there are no
// self-loops); 0 and false otherwise. It is part of gonum's graph.Weighted.
func (net *Network) Weight(xid, yid int64) (w float64, ok bool) {
	if !net.has(xid) || !net.has(yid) {
		return 0, false
	}
	if xid == yid {
		return 0, true
	}
	j := net.edgeIndex(int(xid), int(yid))
	if j < 0 {
		return 0, false
	}
	return net.w[j], true
}

var (
	_ gonum.Undirected         = (*Network)(nil)
	_ gonum.WeightedUndirected = (*Network)(nil)
)

// nodeIter iterates over 0..n-1, or over list when it is not nil.
type nodeIter struct {
	list []int32
	n    int
	cur  int
}

func (it *nodeIter) Len() int {
	if it.cur >= it.n {
		return 0
	}
	return it.n - it.cur - 1
}

func (it *nodeIter) Next() bool {
	if it.cur >= it.n-1 {
		it.cur = it.n
		return false
	}
	it.cur++
	return true
}

func (it *nodeIter) Node() gonum.Node {
	if it.cur < 0 || it.cur >= it.n {
		return nil
	}
	if it.list != nil {
		return simple.Node(it.list[it.cur])
	}
	return simple.Node(it.cur)
}

func (it *nodeIter) Reset() { it.cur = -1 }

// parallel runs work(worker, i) for every i in [0, n) on workers(n)
// goroutines. Worker w takes i = w, w+k, w+2k, ... (k workers), so which
// worker adds up what, and so every floating-point sum, depends only on n
// and runtime.GOMAXPROCS, not on scheduling.
func parallel(n int, work func(worker, i int)) {
	k := workers(n)
	if k <= 1 {
		for i := 0; i < n; i++ {
			work(0, i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < k; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += k {
				work(w, i)
			}
		}(w)
	}
	wg.Wait()
}

// parallelCtx is parallel for long loops that must stop when ctx is done:
// before each item a worker checks ctx.Err() and, once it is not nil,
// returns without taking further items. It returns ctx.Err() (nil when
// every item was done).
func parallelCtx(ctx context.Context, n int, work func(worker, i int)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	k := workers(n)
	parallel(k, func(w, _ int) { // k items: worker w takes item w
		for i := w; i < n; i += k {
			if ctx.Err() != nil {
				return
			}
			work(w, i)
		}
	})
	return ctx.Err()
}

// workers returns the number of goroutines parallel uses for n items:
// runtime.GOMAXPROCS(0), but at most n and at least 1.
func workers(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n))
}
