package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"

	gonum "gonum.org/v1/gonum/graph"

	"github.com/ecoscope/ecoscope/analysis/network"
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
	// MaxUnitSize is the largest number of direct partners a unit may have
	// and still join them by co-membership; a larger unit makes no unit
	// ties (its members are not all working together). 0 means
	// DefaultMaxUnitSize; a negative value means no limit.
	MaxUnitSize int
}

// DefaultMaxUnitSize is the default of Options.MaxUnitSize (the setting
// ties.max_unit_size); docs/metrics.md says why 50.
const DefaultMaxUnitSize = 50

// DefaultOptions returns the options New takes unless told otherwise:
// explicit ties and shared units (TiesAll), units of at most
// DefaultMaxUnitSize direct partners. The zero Options means the same.
func DefaultOptions() Options {
	return Options{Ties: TiesAll, MaxUnitSize: DefaultMaxUnitSize}
}

// maxUnitSize returns the limit opts set, or -1 for none.
func (o Options) maxUnitSize() int {
	switch {
	case o.MaxUnitSize == 0:
		return DefaultMaxUnitSize
	case o.MaxUnitSize < 0:
		return -1
	}
	return o.MaxUnitSize
}

// Network is the partner network of an ecosystem: the engine's graph
// (network.Graph: undirected, weighted, in CSR form, node labels the
// partner ids) with the partners' names, helix types and sectors, and what
// New left out. Node i is the partner e.Partners[i] of the ecosystem it was
// built from; isolated partners are nodes too. Between two partners there is
// at most one edge, whose weight is the sum of the weights of all the ties
// joining them, and no partner is joined to itself. The direction of
// directed ties is kept beside the edges, for InDegree, OutDegree and
// Reciprocity only.
//
// The methods of network.Graph (N, M, Degree, Neighbors, ID, Index, ...)
// are those of Network, so Network implements gonum's graph.Undirected and
// graph.WeightedUndirected too; the engine's functions take net.Graph.
//
// A Network is safe for concurrent use.
type Network struct {
	*network.Graph

	names   []string
	helices []graph.Helix
	sectors []graph.Sector

	skipped  skippedUnits // units that made no unit ties
	maxUnits int          // the limit on their size, -1 for none
	// explicitTies are the explicit ties that joined two partners,
	// directedTies how many of them are directed.
	explicitTies, directedTies int
}

// Network is a gonum graph through its engine graph.
var (
	_ gonum.Undirected         = (*Network)(nil)
	_ gonum.WeightedUndirected = (*Network)(nil)
)

// New builds the partner network of e. Node i is e.Partners[i]; where a
// partner id repeats, ties name the first partner with that id.
//
// Edges come from the explicit ties of e (graph.Ecosystem.PartnerTies: ties
// between people count for their partners, ties naming no known partner are
// left out), from shared units (graph.Ecosystem.UnitPartners: two partners
// that are direct members of the same unit are joined with weight 1 for that
// unit; taking part in a child unit does not count for its parent), or from
// both, as opts.Ties says. Units at the ecosystem level, and units with more
// direct partners than opts.MaxUnitSize, make no unit ties: sharing the
// whole ecosystem, or a crowd, is not working together. Notes says which
// units were left out. A tie's weight is its Weight, or 1 when that is not
// a positive finite number (graph.Ecosystem.Validate sets a missing weight to
// 1 and rejects negative ones). Parallel ties between two partners merge
// into one edge whose weight is their sum. The network is undirected: a tie
// marked directed still joins its two partners, in both directions, for
// every metric except InDegree, OutDegree and Reciprocity (network.Graph),
// which keep its direction; Notes says how many ties were directed.
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
	ids := make([]string, n)
	net := &Network{
		names:   make([]string, n),
		helices: make([]graph.Helix, n),
		sectors: make([]graph.Sector, n),
	}
	for i, p := range e.Partners {
		ids[i] = p.ID
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
	}
	labels := network.NewLabels(ids)

	var edges []network.Edge
	var directed []int32 // the edges that are directed ties, source to target
	var skipped skippedUnits
	if opts.Ties == TiesAll || opts.Ties == TiesExplicit {
		ties := e.PartnerTies()
		edges = slices.Grow(edges, len(ties))
		for k := range ties {
			t := &ties[k] // not a copy: this loop is on the path of every command
			u, ok1 := labels.Index(t.Source)
			v, ok2 := labels.Index(t.Target)
			if !ok1 || !ok2 || u == v {
				continue
			}
			w := EdgeWeight(t.Weight)
			if t.Directed {
				directed = append(directed, int32(len(edges)))
			}
			edges = append(edges, network.Edge{U: int32(u), V: int32(v), W: w})
		}
		net.explicitTies, net.directedTies = len(edges), len(directed)
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
		level := make(map[string]graph.Level, len(e.Units))
		for _, u := range e.Units {
			if _, ok := level[u.ID]; !ok {
				level[u.ID] = u.Level
			}
		}
		limit := opts.maxUnitSize()
		var members []int32
		for _, k := range keys {
			members = members[:0]
			for _, id := range units[k] {
				if i, ok := labels.Index(id); ok {
					members = append(members, int32(i))
				}
			}
			slices.Sort(members)
			members = slices.Compact(members)
			if len(members) < 2 {
				continue
			}
			if level[k] == graph.LevelEcosystem {
				skipped.ecosystem = append(skipped.ecosystem, unitSize{k, len(members)})
				continue
			}
			if limit >= 0 && len(members) > limit {
				skipped.large = append(skipped.large, unitSize{k, len(members)})
				continue
			}
			for a := range members {
				for b := a + 1; b < len(members); b++ {
					edges = append(edges, network.Edge{U: members[a], V: members[b], W: 1})
				}
			}
		}
	}
	net.Graph = network.Build(labels, edges, directed)
	net.skipped, net.maxUnits = skipped, opts.maxUnitSize()
	return net
}

// EdgeWeight is the weight a tie of weight w adds to its edge in New: w,
// or 1 when w is not a positive finite number.
func EdgeWeight(w float64) float64 {
	if !(w > 0) || math.IsInf(w, 0) {
		return 1
	}
	return w
}

// Notes returns what a reader of the network's metrics should know about
// how it was made (units left out of the unit ties, directed ties taken as
// undirected), or nil.
func (net *Network) Notes() Notes {
	notes := net.skipped.notes(net.maxUnits)
	if net.directedTies > 0 {
		notes = append(notes, directedNote(areDirected(net.directedTies, net.explicitTies, "")))
	}
	return notes
}

// Name returns the partner name of node i.
func (net *Network) Name(i int) string { return net.names[i] }

// Helix returns the helix type of node i; graph.HelixUnknown where the
// partner has none.
func (net *Network) Helix(i int) graph.Helix { return net.helices[i] }

// Sector returns the sector of node i: the partner's sector, or the default
// sector of its helix type (graph.DefaultSector) where it has none.
func (net *Network) Sector(i int) graph.Sector { return net.sectors[i] }

// Induced returns the subnetwork of net induced by the given nodes: those
// nodes, in the order given, with their partners' attributes, and the edges
// of net between them with their weights (and their directions, for
// InDegree, OutDegree and Reciprocity). Node i of the result is nodes[i] of
// net. A node listed twice is taken once (its first place).
func (net *Network) Induced(nodes []int) *Network {
	g, kept := net.Graph.Induced(nodes)
	sub := &Network{
		Graph:   g,
		names:   make([]string, len(kept)),
		helices: make([]graph.Helix, len(kept)),
		sectors: make([]graph.Sector, len(kept)),
	}
	for i, v := range kept {
		sub.names[i] = net.names[v]
		sub.helices[i], sub.sectors[i] = net.helices[v], net.sectors[v]
	}
	return sub
}
