package analysis

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

// This file answers a coordinator's questions about an ecosystem and each of
// its units: which helix types are missing or too few against a target, which
// types never work together, who is left out, whose departure would split the
// network or cut a helix type off, who alone links two types, and which
// partners elsewhere in the ecosystem could fill a gap. docs/gaps.md defines
// every item.

// PartnerRef names a partner in a gap report.
type PartnerRef struct {
	ID    string      `json:"id"`
	Name  string      `json:"name"`
	Helix graph.Helix `json:"helix"`
}

// TypeShare is a helix type with the number of a unit's partners of that
// type and their share of all the unit's partners.
type TypeShare struct {
	Helix    graph.Helix `json:"helix"`
	Partners int         `json:"partners"`
	Share    float64     `json:"share"`
}

// Cut is an articulation point: a partner whose departure splits its
// component of the network.
type Cut struct {
	Partner PartnerRef `json:"partner"`
	// Separated is the number of partners that would end up apart from
	// the rest (see CutOffTypes for what "the rest" is).
	Separated int `json:"separated"`
	// CutOffTypes are the helix types that would lose all connection to
	// the rest of the component; see Gaps.
	CutOffTypes []graph.Helix `json:"cut_off_types"`
}

// BridgeCut is a bridge: a tie whose loss splits its component.
type BridgeCut struct {
	Partners    [2]PartnerRef `json:"partners"`
	Separated   int           `json:"separated"`
	CutOffTypes []graph.Helix `json:"cut_off_types"`
}

// SingleBroker says that every tie between two helix types touches the same
// partner: without it the two types would have no tie at all.
type SingleBroker struct {
	Types [2]graph.Helix `json:"types"`
	// Brokers is that partner; when a single tie is all there is between
	// the two types, both its ends.
	Brokers []PartnerRef `json:"brokers"`
	// CrossTies is the number of ties between the two types.
	CrossTies int `json:"cross_ties"`
}

// Candidate is a partner outside a unit that could fill one of its gaps.
type Candidate struct {
	PartnerRef
	// Score is the Adamic–Adar proximity to the unit: the sum over the
	// unit's partners m of Σ_{w ∈ N(c) ∩ N(m)} 1/ln deg(w).
	Score float64 `json:"score"`
	// Distance is the number of ties on a shortest path from a partner of
	// the unit; nil when no path exists.
	Distance *int `json:"distance"`
	// Path is one shortest path, from a partner of the unit to the
	// candidate (both included); empty when there is none.
	Path []PartnerRef `json:"path"`
}

// Reasons a helix type gets candidates.
const (
	ReasonMissing          = "missing"
	ReasonUnderrepresented = "underrepresented"
)

// TypeCandidates are the candidates for one helix type a unit misses or has
// too few of, best first.
type TypeCandidates struct {
	Helix  graph.Helix `json:"helix"`
	Reason string      `json:"reason"`
	// Total is the number of partners of this type outside the unit: the
	// length of Partners unless GapOptions.Top shortened it.
	Total    int         `json:"total"`
	Partners []Candidate `json:"partners"`
}

// ScopeGaps are the gaps of the whole ecosystem or of one unit, over its
// partners and the ties among them (the induced subnetwork).
type ScopeGaps struct {
	// Partners is the number of partners in scope.
	Partners int `json:"partners"`
	// Target is the coverage class the scope should reach; graph.None for
	// no target.
	Target graph.CoverageClass `json:"target"`
	// Class is the coverage class it reaches.
	Class       graph.CoverageClass `json:"class"`
	HelixCounts map[graph.Helix]int `json:"helix_counts"`
	// Present are the known helix types present; Missing the types the
	// target asks for that are absent; both in canonical order.
	Present []graph.Helix `json:"present"`
	Missing []graph.Helix `json:"missing"`
	// Unknown are the partners of unknown helix type: counted among
	// Partners, in no type.
	Unknown []PartnerRef `json:"unknown"`
	// Underrepresented are the types the target asks for that are present
	// with a share of Partners below GapOptions.MinShare.
	Underrepresented []TypeShare `json:"underrepresented"`
	// MissingPairs are the pairs of present types with no tie between
	// them, in canonical order.
	MissingPairs [][2]graph.Helix `json:"missing_pairs"`
	// Isolated partners have no tie in scope; WithinTypeOnly partners
	// have ties, all to partners of their own (known) type. Unknown,
	// Isolated and WithinTypeOnly are sorted by id.
	Isolated       []PartnerRef `json:"isolated"`
	WithinTypeOnly []PartnerRef `json:"within_type_only"`
	// ArticulationPoints and Bridges, those that cut off a helix type
	// first, then by the number of partners separated, then by id.
	ArticulationPoints []Cut          `json:"articulation_points"`
	Bridges            []BridgeCut    `json:"bridges"`
	SingleBrokers      []SingleBroker `json:"single_brokers"`
	// Candidates, one list per missing and per under-represented type, in
	// canonical type order; always empty for the whole ecosystem, which
	// has no partners outside it.
	Candidates []TypeCandidates `json:"candidates"`
	// NoTies says that the scope has partners and none of them has a tie
	// in the whole network: no path leads from it to anyone, so its
	// candidates are chosen by type alone (by id, without a path).
	NoTies bool `json:"no_ties"`
}

// HasGap reports whether a type the target asks for is missing or
// under-represented: whether the scope gets candidates.
func (g *ScopeGaps) HasGap() bool { return len(g.Missing) > 0 || len(g.Underrepresented) > 0 }

// UnitGaps are the gaps of one unit, over the partners of the unit and of
// the units nested below it.
type UnitGaps struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Level  graph.Level `json:"level"`
	Form   graph.Form  `json:"form"`
	Parent string      `json:"parent"`
	Depth  int         `json:"-"`
	ScopeGaps
}

// GapReport is what Gaps finds: a summary of the units, the whole
// ecosystem, then every unit.
type GapReport struct {
	Summary   GapSummary `json:"summary"`
	Ecosystem ScopeGaps  `json:"ecosystem"`
	Units     []UnitGaps `json:"units"`
}

// GapSummary counts the units Gaps reports (all of them, also with
// GapOptions.OnlyGaps).
type GapSummary struct {
	// Units is the number of units.
	Units int `json:"units"`
	// WithGaps is the number of units with a missing or an
	// under-represented type (ScopeGaps.HasGap).
	WithGaps int `json:"units_with_gaps"`
	// WithoutTies is the number of units whose partners have no tie at
	// all (ScopeGaps.NoTies).
	WithoutTies int `json:"units_without_ties"`
	// Coverage is the number of units per coverage class reached; every
	// class is a key.
	Coverage map[graph.CoverageClass]int `json:"coverage"`
	// Missing and Underrepresented are the number of units that miss
	// each type, or have too few of it; every known type is a key.
	Missing          map[graph.Helix]int `json:"missing"`
	Underrepresented map[graph.Helix]int `json:"underrepresented"`
	// MostMissing is the type the most units miss (the first in
	// canonical order among equals); "" when no unit misses one.
	MostMissing graph.Helix `json:"most_missing"`
}

// summarize counts units.
func summarize(units []UnitGaps) GapSummary {
	s := GapSummary{
		Units: len(units), Coverage: map[graph.CoverageClass]int{},
		Missing: map[graph.Helix]int{}, Underrepresented: map[graph.Helix]int{},
	}
	for _, c := range []graph.CoverageClass{graph.Quintuple, graph.Quadruple, graph.Triple, graph.Partial, graph.None} {
		s.Coverage[c] = 0
	}
	for _, h := range graph.Helices {
		s.Missing[h], s.Underrepresented[h] = 0, 0
	}
	for k := range units {
		u := &units[k]
		s.Coverage[u.Class]++
		if u.HasGap() {
			s.WithGaps++
		}
		if u.NoTies {
			s.WithoutTies++
		}
		for _, h := range u.Missing {
			s.Missing[h]++
		}
		for _, x := range u.Underrepresented {
			s.Underrepresented[x.Helix]++
		}
	}
	for _, h := range graph.Helices {
		if s.Missing[h] > 0 && (s.MostMissing == "" || s.Missing[h] > s.Missing[s.MostMissing]) {
			s.MostMissing = h
		}
	}
	return s
}

// GapOptions configures Gaps.
type GapOptions struct {
	// Targets is the coverage class each level should reach (the
	// ecosystem as a whole counts as level ecosystem); FormTargets
	// overrides it for a form. A level without a target has graph.None.
	Targets     map[graph.Level]graph.CoverageClass
	FormTargets map[graph.Form]graph.CoverageClass
	// MinShare is the share of a scope's partners below which a present
	// type of the target is under-represented; 0 turns this off.
	MinShare float64
	// Units are the ids of the units to report; nil reports every unit.
	Units []string
	// Top is the length of each candidate list; 0 lists every candidate.
	Top int
	// OnlyGaps keeps in GapReport.Units only the units with a missing or
	// under-represented type; the summary still counts every unit.
	OnlyGaps bool
	// MaxCandidates, when Top is 0 and it is positive, bounds the number
	// of candidates listed in all: beyond it Gaps returns a
	// *TooManyCandidatesError (with the rest of the report) instead of
	// searching for them.
	MaxCandidates int
}

// DefaultGapOptions returns the options of Gaps unless told otherwise,
// those of ecoscope.yaml's gaps section (config.DefaultGapTargets and
// config.DefaultMinShare): the quintuple helix for the ecosystem, the
// quadruple helix for a fieldlab, the triple helix for a team, no target
// for a PLC or a CoP (not Learning Communities on their own), a type
// under-represented below 10 % of the partners; every unit, every
// candidate.
func DefaultGapOptions() GapOptions {
	return GapOptions{
		Targets: map[graph.Level]graph.CoverageClass{
			graph.LevelEcosystem: graph.Quintuple, graph.LevelFieldlab: graph.Quadruple, graph.LevelTeam: graph.Triple,
		},
		FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None, graph.FormCoP: graph.None},
		MinShare:    0.10,
	}
}

// Targets are the helix coverage classes units should reach (gaps.targets
// in ecoscope.yaml): per level, and per form, which overrides its level.
type Targets struct {
	Levels map[graph.Level]graph.CoverageClass
	Forms  map[graph.Form]graph.CoverageClass
}

// Of returns the class a unit of level l and form f should reach: the
// form's target, else the level's, else graph.None (no target).
func (t Targets) Of(l graph.Level, f graph.Form) graph.CoverageClass {
	if c, ok := t.Forms[f]; ok && f != "" {
		return c
	}
	if c, ok := t.Levels[l]; ok {
		return c
	}
	return graph.None
}

// target returns the class a unit of level l and form f should reach.
func (o GapOptions) target(l graph.Level, f graph.Form) graph.CoverageClass {
	return Targets{Levels: o.Targets, Forms: o.FormTargets}.Of(l, f)
}

// Gaps finds the gaps of e, whose partner network is net (New(e, ...)), and
// of every unit of e (or of opts.Units), in the tree order of ComposeUnits.
// A unit's partners are those of the unit and of the units below it
// (SubtreePartners); its structural items are computed on the subnetwork
// they induce, its candidates on the whole network.
//
// Definitions (docs/gaps.md has them with examples):
//
//   - Articulation points and bridges (Hopcroft & Tarjan 1973,
//     doi:10.1145/362248.362272; iterative, O(n+m)). Removing one splits
//     its component into pieces (for a bridge two, for an articulation
//     point the partner itself is gone too). "The rest" is the largest
//     piece, or every largest piece when several are equally large; the
//     other pieces are separated. A helix type is cut off when some
//     separated piece holds a partner of it and no largest piece does.
//   - A single broker of two helix types a ≠ b touches every tie between
//     an a-partner and a b-partner (there is at least one such tie); it is
//     reported only where both types have at least two partners in scope.
//   - Candidates for a type t of a unit U are the partners of type t not
//     in U, ranked by Adamic–Adar score to U (Adamic & Adar 2003,
//     doi:10.1016/S0378-8733(03)00009-1) summed over U's partners, highest
//     first; then by hop distance from the nearest partner of U; then by
//     id. Partners no path reaches come last. Scores are rounded to 12
//     decimals so that equal sums summed in another order tie.
//
// Gaps checks ctx before every unit and returns ctx.Err() (and no report)
// once it is done. The only other error is a *TooManyCandidatesError (see
// GapOptions.MaxCandidates).
func Gaps(ctx context.Context, e *graph.Ecosystem, net *Network, opts GapOptions) (GapReport, error) {
	if err := ctx.Err(); err != nil {
		return GapReport{}, err
	}
	rep := GapReport{Ecosystem: scopeGaps(net, opts.target(graph.LevelEcosystem, ""), opts.MinShare)}
	rep.Ecosystem.Candidates = []TypeCandidates{}
	rep.Ecosystem.NoTies = net.N() > 0 && net.M() == 0

	want := map[string]bool{}
	for _, id := range opts.Units {
		want[id] = true
	}
	members := SubtreePartners(e)
	var units []UnitComposition
	for _, u := range ComposeUnits(e) {
		if opts.Units == nil || want[u.ID] {
			units = append(units, u)
		}
	}
	rep.Units = make([]UnitGaps, len(units))
	nodes := make([][]int, len(units))
	for k, u := range units {
		for _, id := range members[u.ID] {
			if i, ok := net.Index(id); ok {
				nodes[k] = append(nodes[k], i)
			}
		}
		slices.Sort(nodes[k])
		nodes[k] = slices.Compact(nodes[k])
	}
	ix := newTypeIndex(net)
	ix.withTypedNeighbours(net)
	err := network.ParallelContext(ctx, len(units), func(_, k int) {
		u := units[k]
		g := UnitGaps{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form, Parent: u.Parent, Depth: u.Depth}
		if target := opts.target(u.Level, u.Form); len(nodes[k]) == net.N() && target == rep.Ecosystem.Target {
			// Every partner takes part (an ecosystem unit above all
			// others): the items are the whole ecosystem's.
			g.ScopeGaps = rep.Ecosystem
		} else {
			g.ScopeGaps = scopeGaps(net.Induced(nodes[k]), target, opts.MinShare)
		}
		g.Candidates = candidateLists(&g.ScopeGaps, ix)
		g.NoTies = len(nodes[k]) > 0
		for _, v := range nodes[k] {
			if net.Degree(v) > 0 {
				g.NoTies = false
				break
			}
		}
		rep.Units[k] = g
	})
	if err != nil {
		return GapReport{}, err
	}
	if opts.Top == 0 && opts.MaxCandidates > 0 {
		total := 0
		for _, u := range rep.Units {
			for _, tc := range u.Candidates {
				total += tc.Total
			}
		}
		if total > opts.MaxCandidates {
			return rep, &TooManyCandidatesError{Candidates: total, Max: opts.MaxCandidates}
		}
	}
	scratch := make([]*proximity, network.Workers(len(units)))
	err = network.ParallelContext(ctx, len(units), func(w, k int) {
		if len(rep.Units[k].Candidates) == 0 {
			return
		}
		if scratch[w] == nil {
			scratch[w] = newProximity(net.N())
		}
		scratch[w].fill(net, nodes[k], rep.Units[k].Candidates, ix, opts.Top)
	})
	if err != nil {
		return GapReport{}, err
	}
	rep.Summary = summarize(rep.Units)
	if opts.OnlyGaps {
		rep.Units = slices.DeleteFunc(rep.Units, func(u UnitGaps) bool { return !u.HasGap() })
	}
	return rep, nil
}

// TooManyCandidatesError is returned by Gaps when listing every candidate
// (GapOptions.Top = 0) would list more than GapOptions.MaxCandidates.
type TooManyCandidatesError struct {
	Candidates, Max int
}

func (e *TooManyCandidatesError) Error() string {
	return fmt.Sprintf("listing every candidate would list %d of them, more than %d", e.Candidates, e.Max)
}

// scopeGaps computes everything but the candidates on sub, the network of
// the scope.
func scopeGaps(sub *Network, target graph.CoverageClass, minShare float64) ScopeGaps {
	n := sub.N()
	g := ScopeGaps{
		Partners: n, Target: target,
		HelixCounts: make(map[graph.Helix]int, numHelix), Present: []graph.Helix{}, Missing: []graph.Helix{},
		Unknown: []PartnerRef{}, Underrepresented: []TypeShare{}, MissingPairs: [][2]graph.Helix{},
		Isolated: []PartnerRef{}, WithinTypeOnly: []PartnerRef{},
		ArticulationPoints: []Cut{}, Bridges: []BridgeCut{}, SingleBrokers: []SingleBroker{},
		Candidates: []TypeCandidates{},
	}
	ref := func(i int) PartnerRef { return PartnerRef{ID: sub.ID(i), Name: sub.Name(i), Helix: sub.Helix(i)} }

	var count [numHelix]int
	cat := make([]int8, n)
	for i := 0; i < n; i++ {
		c := helixCategory(sub.Helix(i))
		cat[i] = int8(c)
		count[c]++
		if c == unknownHelix {
			g.Unknown = append(g.Unknown, ref(i))
		}
	}
	present := map[graph.Helix]bool{}
	for c, h := range graph.Helices {
		g.HelixCounts[h] = count[c]
		if count[c] > 0 {
			present[h] = true
			g.Present = append(g.Present, h)
		}
	}
	if count[unknownHelix] > 0 {
		g.HelixCounts[graph.HelixUnknown] = count[unknownHelix]
	}
	g.Class = graph.Classify(present)
	g.Missing = graph.MissingFor(target, g.Present)
	for _, h := range graph.ClassTypes(target) {
		c := helixCategory(h)
		if count[c] > 0 && float64(count[c]) < minShare*float64(n) {
			g.Underrepresented = append(g.Underrepresented, TypeShare{Helix: h, Partners: count[c], Share: float64(count[c]) / float64(n)})
		}
	}

	// Ties between types, isolated and within-type-only partners, and
	// for each partner the number of its neighbours of each type.
	var cross [numHelix][numHelix]int
	nbType := make([][numHelix]int32, n)
	for i := 0; i < n; i++ {
		nb := sub.Neighbors(i)
		if len(nb) == 0 {
			g.Isolated = append(g.Isolated, ref(i))
			continue
		}
		same := cat[i] != unknownHelix
		for _, j := range nb {
			nbType[i][cat[j]]++
			if cat[j] != cat[i] {
				same = false
			}
			if int(j) > i {
				a, b := cat[i], cat[j]
				cross[a][b]++
				if a != b {
					cross[b][a]++
				}
			}
		}
		if same {
			g.WithinTypeOnly = append(g.WithinTypeOnly, ref(i))
		}
	}
	for a := 0; a < unknownHelix; a++ {
		for b := a + 1; b < unknownHelix; b++ {
			if count[a] == 0 || count[b] == 0 {
				continue
			}
			pair := [2]graph.Helix{graph.Helices[a], graph.Helices[b]}
			if cross[a][b] == 0 {
				g.MissingPairs = append(g.MissingPairs, pair)
				continue
			}
			if count[a] < 2 || count[b] < 2 {
				// The only partner of its type holds every tie of
				// that type: a finding about composition (coverage,
				// under-representation), not about brokerage.
				continue
			}
			sb := SingleBroker{Types: pair, CrossTies: cross[a][b]}
			for i := 0; i < n; i++ {
				c := int(cat[i])
				if (c == a && int(nbType[i][b]) == cross[a][b]) || (c == b && int(nbType[i][a]) == cross[a][b]) {
					sb.Brokers = append(sb.Brokers, ref(i))
				}
			}
			if len(sb.Brokers) > 0 {
				slices.SortFunc(sb.Brokers, func(x, y PartnerRef) int { return cmp.Compare(x.ID, y.ID) })
				g.SingleBrokers = append(g.SingleBrokers, sb)
			}
		}
	}

	byID := func(x, y PartnerRef) int { return cmp.Compare(x.ID, y.ID) }
	slices.SortFunc(g.Unknown, byID)
	slices.SortFunc(g.Isolated, byID)
	slices.SortFunc(g.WithinTypeOnly, byID)

	cs := findCuts(sub, cat)
	for _, c := range cs.points {
		g.ArticulationPoints = append(g.ArticulationPoints, Cut{Partner: ref(c.u), Separated: c.separated, CutOffTypes: c.cutOff})
	}
	for _, c := range cs.bridges {
		u, v := c.u, c.v
		if sub.ID(v) < sub.ID(u) {
			u, v = v, u
		}
		g.Bridges = append(g.Bridges, BridgeCut{Partners: [2]PartnerRef{ref(u), ref(v)}, Separated: c.separated, CutOffTypes: c.cutOff})
	}
	byImpact := func(t1 []graph.Helix, s1 int, id1 string, t2 []graph.Helix, s2 int, id2 string) int {
		return cmp.Or(-cmp.Compare(len(t1), len(t2)), -cmp.Compare(s1, s2), cmp.Compare(id1, id2))
	}
	slices.SortFunc(g.ArticulationPoints, func(x, y Cut) int {
		return byImpact(x.CutOffTypes, x.Separated, x.Partner.ID, y.CutOffTypes, y.Separated, y.Partner.ID)
	})
	slices.SortFunc(g.Bridges, func(x, y BridgeCut) int {
		return cmp.Or(byImpact(x.CutOffTypes, x.Separated, x.Partners[0].ID, y.CutOffTypes, y.Separated, y.Partners[0].ID),
			cmp.Compare(x.Partners[1].ID, y.Partners[1].ID))
	})
	return g
}

// cut is an articulation point (u, v = -1) or a bridge (u, v).
type cut struct {
	u, v      int
	separated int
	cutOff    []graph.Helix
}

type cuts struct{ points, bridges []cut }

// piece is a part of a component after a cut: its size and the number of
// its partners of each known helix type.
type piece struct {
	size  int
	types [unknownHelix]int
}

// findCuts finds the articulation points and bridges of net (network.Cuts),
// cat[i] being the helix category of node i, with the pieces they leave.
func findCuts(net *Network, cat []int8) cuts {
	f := network.Cuts(net.Graph)
	sub := make([]piece, net.N()) // the depth-first subtree of each node
	for _, v := range f.Post {
		sub[v].size = int(f.Size[v])
		if c := cat[v]; c >= 0 && int(c) < unknownHelix {
			sub[v].types[c]++
		}
		if p := f.Parent[v]; p >= 0 {
			for k := range sub[v].types {
				sub[p].types[k] += sub[v].types[k]
			}
		}
	}
	var out cuts
	for i := 0; i < len(f.Splits); {
		j := i
		for j < len(f.Splits) && f.Splits[j].Parent == f.Splits[i].Parent {
			j++
		}
		p := int(f.Splits[i].Parent)
		comp := sub[f.Splits[i].Root]
		var pieces []piece
		rest := comp
		rest.size--
		if c := cat[p]; c >= 0 && int(c) < unknownHelix {
			rest.types[c]--
		}
		for _, sp := range f.Splits[i:j] {
			c := sub[sp.Child]
			pieces = append(pieces, c)
			rest.size -= c.size
			for k := range c.types {
				rest.types[k] -= c.types[k]
			}
			if sp.Bridge {
				other := comp
				other.size -= c.size
				for k := range c.types {
					other.types[k] -= c.types[k]
				}
				sep, off := cutOff([]piece{c, other})
				out.bridges = append(out.bridges, cut{u: p, v: int(sp.Child), separated: sep, cutOff: off})
			}
		}
		if rest.size > 0 {
			pieces = append(pieces, rest)
		}
		if len(pieces) >= 2 {
			sep, off := cutOff(pieces)
			out.points = append(out.points, cut{u: p, v: -1, separated: sep, cutOff: off})
		}
		i = j
	}
	return out
}

// cutOff returns the number of partners outside the largest pieces and the
// helix types present in some smaller piece but in no largest one.
func cutOff(pieces []piece) (separated int, types []graph.Helix) {
	largest := 0
	for _, p := range pieces {
		largest = max(largest, p.size)
	}
	var inLargest, inSmaller [unknownHelix]bool
	for _, p := range pieces {
		for k, c := range p.types {
			if c == 0 {
				continue
			}
			if p.size == largest {
				inLargest[k] = true
			} else {
				inSmaller[k] = true
			}
		}
		if p.size < largest {
			separated += p.size
		}
	}
	types = []graph.Helix{}
	for k := range inSmaller {
		if inSmaller[k] && !inLargest[k] {
			types = append(types, graph.Helices[k])
		}
	}
	return separated, types
}

// typeIndex holds, for the whole network, the helix category of every node
// and the nodes of each known type sorted by id; after withTypedNeighbours,
// also every node's neighbours of each known type and ln of its degree.
// It is built once and shared by every unit's search.
type typeIndex struct {
	cat    []int8
	byType [unknownHelix][]int32
	idRank []int32 // position of each node when all are sorted by id

	// off[c][v]:off[c][v+1] is the range of v's neighbours of category
	// c in nbr[c], in the order of net.Neighbors(v).
	off   [unknownHelix][]int32
	nbr   [unknownHelix][]int32
	lnDeg []float64 // ln deg(v)
}

// withTypedNeighbours splits every node's neighbours by helix category, so
// that a search for candidates of some types reads only the ties to them:
// in a network with hubs (on full CORDIS, nodes with 6,825 neighbours) most
// of a unit's search is reading the neighbours of the nodes next to it.
func (ix *typeIndex) withTypedNeighbours(net *Network) {
	n := net.N()
	var total [unknownHelix]int32
	for c := range ix.off {
		ix.off[c] = make([]int32, n+1)
	}
	ix.lnDeg = make([]float64, n)
	for v := 0; v < n; v++ {
		ix.lnDeg[v] = math.Log(float64(net.Degree(v)))
		for c := range ix.off {
			ix.off[c][v] = total[c]
		}
		for _, w := range net.Neighbors(v) {
			if c := ix.cat[w]; int(c) < unknownHelix {
				total[c]++
			}
		}
	}
	for c := range ix.off {
		ix.off[c][n] = total[c]
		ix.nbr[c] = make([]int32, total[c])
	}
	var pos [unknownHelix]int32
	for v := 0; v < n; v++ {
		for _, w := range net.Neighbors(v) {
			if c := ix.cat[w]; int(c) < unknownHelix {
				ix.nbr[c][pos[c]] = w
				pos[c]++
			}
		}
	}
}

// typed returns v's neighbours of category c (withTypedNeighbours).
func (ix *typeIndex) typed(c int, v int32) []int32 {
	return ix.nbr[c][ix.off[c][v]:ix.off[c][v+1]]
}

func newTypeIndex(net *Network) *typeIndex {
	ix := &typeIndex{cat: make([]int8, net.N())}
	for i := 0; i < net.N(); i++ {
		c := helixCategory(net.Helix(i))
		ix.cat[i] = int8(c)
		if c < unknownHelix {
			ix.byType[c] = append(ix.byType[c], int32(i))
		}
	}
	order := make([]int32, net.N())
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(net.ID(int(a)), net.ID(int(b))) })
	ix.idRank = make([]int32, net.N())
	for r, v := range order {
		ix.idRank[v] = int32(r)
	}
	for c := range ix.byType {
		slices.SortFunc(ix.byType[c], func(a, b int32) int { return cmp.Compare(ix.idRank[a], ix.idRank[b]) })
	}
	return ix
}

// proximity is the scratch space of a breadth-first search from a unit's
// partners; one per worker, reset after each unit.
type proximity struct {
	dist    []int32 // -1 unreached; 0 for the unit's partners
	parent  []int32
	cnt     []int32 // number of the unit's partners adjacent to the node
	score   []float64
	touched []int32 // the nodes whose fields are to be reset
	// buffers reused from unit to unit
	queue, next []int32
	found       [unknownHelix][]int32
}

func newProximity(n int) *proximity {
	p := &proximity{
		dist: make([]int32, n), parent: make([]int32, n), cnt: make([]int32, n),
		score: make([]float64, n),
	}
	for i := range p.dist {
		p.dist[i] = -1
	}
	return p
}

// touch records that v's fields are to be reset. Every node whose fields
// fill sets is reached by the search, so it is touched once, when it is
// reached.
func (p *proximity) touch(v int32) { p.touched = append(p.touched, v) }

func (p *proximity) reset() {
	for _, v := range p.touched {
		p.dist[v], p.cnt[v], p.score[v] = -1, 0, 0
	}
	p.touched = p.touched[:0]
}

// roundScore rounds an Adamic–Adar score to 12 decimals, so that sums of
// the same terms in another order compare equal.
func roundScore(s float64) float64 { return math.Round(s*1e12) / 1e12 }

// candidateLists returns one empty list per missing and per
// under-represented type of g, with the number of partners of that type
// outside the scope.
func candidateLists(g *ScopeGaps, ix *typeIndex) []TypeCandidates {
	out := []TypeCandidates{}
	reason := map[graph.Helix]string{}
	for _, h := range g.Missing {
		reason[h] = ReasonMissing
	}
	for _, u := range g.Underrepresented {
		reason[u.Helix] = ReasonUnderrepresented
	}
	for _, h := range graph.Helices {
		if r, ok := reason[h]; ok {
			out = append(out, TypeCandidates{Helix: h, Reason: r, Total: len(ix.byType[helixCategory(h)]) - g.HelixCounts[h], Partners: []Candidate{}})
		}
	}
	return out
}

// fill ranks the candidates of each list of out (from candidateLists) for
// the unit whose nodes in net are members (sorted): the partners of that
// type outside the unit. top > 0 keeps that many per list.
//
// The work is bounded: the scores need the unit's partners, their
// neighbours and the neighbours of those (Σ deg over the unit and its
// neighbourhood, at most 2m); the search then goes on level by level only
// until every list has top candidates, or to the end when top is 0 or too
// few are reachable.
func (p *proximity) fill(net *Network, members []int, out []TypeCandidates, ix *typeIndex, top int) {
	byType, cat := &ix.byType, ix.cat
	var need [unknownHelix]bool
	for _, tc := range out {
		need[helixCategory(tc.Helix)] = true
	}
	defer p.reset()

	queue := p.queue[:0]
	for _, m := range members {
		p.touch(int32(m))
		p.dist[m], p.parent[m] = 0, -1
		queue = append(queue, int32(m))
	}
	for _, m := range members {
		for _, w := range net.Neighbors(m) {
			p.cnt[w]++ // w is a member or is reached at level 1
		}
	}

	found := &p.found
	for c := range found {
		found[c] = found[c][:0]
	}
	enough := func() bool {
		for k := range out {
			c := helixCategory(out[k].Helix)
			if len(found[c]) < out[k].Total && (top == 0 || len(found[c]) < top) {
				return false
			}
		}
		return true
	}
	// Breadth-first search by levels. Expanding the unit's partners (d =
	// 1) and their neighbours (d = 2) also adds up the Adamic–Adar scores,
	// summed over the unit's partners m:
	//   Σ_m Σ_{w ∈ N(c)∩N(m)} 1/ln deg(w) = Σ_{w ∈ N(c)} cnt[w]/ln deg(w).
	// A w with cnt > 0 is tied to a partner of the unit and to c, which is
	// not one, so deg(w) ≥ 2.
	next := p.next[:0]
	for d := int32(1); len(queue) > 0; d++ {
		next = next[:0]
		// At level 2 only the wanted types are visited at first, through
		// the neighbour lists split by type: most searches stop there,
		// and the rest of level 2 is visited (below) only when they go
		// on. For each node the contributions and discoveries come in the
		// same order as in a scan of the whole neighbour lists, so the
		// scores, the parents and the lists found are the same.
		lazy := d == 2
		if lazy {
			for c := range need {
				if !need[c] {
					continue
				}
				for _, v := range queue {
					f := 0.0
					if p.cnt[v] > 0 {
						f = float64(p.cnt[v]) / ix.lnDeg[v]
					}
					for _, w := range ix.typed(c, v) {
						dw := p.dist[w]
						if f > 0 && dw != 0 {
							p.score[w] += f
						}
						if dw >= 0 {
							continue
						}
						p.touch(w)
						p.dist[w], p.parent[w] = d, v
						found[c] = append(found[c], w)
					}
				}
			}
			for c := range need {
				if need[c] {
					next = append(next, found[c]...)
				}
			}
		} else {
			for _, v := range queue {
				f := 0.0
				if d == 1 && p.cnt[v] > 0 {
					f = float64(p.cnt[v]) / ix.lnDeg[v]
				}
				for _, w := range net.Neighbors(int(v)) {
					c := cat[w]
					wanted := c < unknownHelix && need[c]
					if f > 0 && wanted && p.dist[w] != 0 {
						p.score[w] += f
					}
					if p.dist[w] >= 0 {
						continue
					}
					p.touch(w)
					p.dist[w], p.parent[w] = d, v
					next = append(next, w)
					if wanted {
						found[c] = append(found[c], w)
					}
				}
			}
		}
		// Every candidate with a score is within two steps, so the
		// ranking is settled once level 2 is complete and enough are
		// found: the others are farther and rank below.
		if d >= 2 && enough() {
			queue, next = next, queue
			break
		}
		if lazy {
			// Visit the rest of level 2, and list the level in the order
			// a plain breadth-first search would (which decides the
			// parents at level 3).
			next = next[:0]
			for _, v := range queue {
				for _, w := range net.Neighbors(int(v)) {
					switch {
					case p.dist[w] < 0:
						p.touch(w)
						p.dist[w], p.parent[w] = d, v
						next = append(next, w)
					case p.dist[w] == d && p.parent[w] == v && cat[w] < unknownHelix && need[cat[w]]:
						next = append(next, w) // visited above
					}
				}
			}
		}
		queue, next = next, queue
	}
	p.queue, p.next = queue, next

	ref := func(i int32) PartnerRef {
		return PartnerRef{ID: net.ID(int(i)), Name: net.Name(int(i)), Helix: net.Helix(int(i))}
	}
	for k := range out {
		c := helixCategory(out[k].Helix)
		list := p.rank(ix, found[c], top)
		if len(list) < out[k].Total && (top == 0 || len(list) < top) {
			// The search reached all it could (enough() never held):
			// the others are unreachable; they come last, by id.
			for _, v := range byType[c] {
				if top > 0 && len(list) == top {
					break
				}
				if p.dist[v] < 0 {
					list = append(list, v)
				}
			}
		}
		if top > 0 && len(list) > top {
			list = list[:top]
		}
		for _, v := range list {
			cand := Candidate{PartnerRef: ref(v), Score: roundScore(p.score[v]), Path: []PartnerRef{}}
			if p.dist[v] >= 0 {
				d := int(p.dist[v])
				cand.Distance = &d
				cand.Path = make([]PartnerRef, d+1)
				for x, i := v, d; i >= 0; x, i = p.parent[x], i-1 {
					cand.Path[i] = ref(x)
				}
			}
			out[k].Partners = append(out[k].Partners, cand)
		}
	}
}

// rankKey is what candidates are ranked by.
type rankKey struct {
	score float64 // rounded
	dist  int32
	v     int32
}

// rank returns the nodes of found in ranking order (score down, distance
// up, id up), only the first top when top > 0: a bounded insertion keeps
// that cheap when many candidates are found and few are wanted.
func (p *proximity) rank(ix *typeIndex, found []int32, top int) []int32 {
	less := func(a, b rankKey) int {
		return cmp.Or(-cmp.Compare(a.score, b.score), cmp.Compare(a.dist, b.dist), cmp.Compare(ix.idRank[a.v], ix.idRank[b.v]))
	}
	var keys []rankKey
	if top > 0 && len(found) > 2*top {
		keys = make([]rankKey, 0, top+1)
		for _, v := range found {
			if len(keys) == top && p.score[v] < keys[top-1].score-1e-9 {
				continue // below the last kept even after rounding
			}
			k := rankKey{roundScore(p.score[v]), p.dist[v], v}
			if len(keys) == top && less(k, keys[top-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(keys, k, less)
			keys = slices.Insert(keys, i, k)
			if len(keys) > top {
				keys = keys[:top]
			}
		}
	} else {
		keys = make([]rankKey, len(found))
		for i, v := range found {
			keys[i] = rankKey{roundScore(p.score[v]), p.dist[v], v}
		}
		slices.SortFunc(keys, less)
	}
	out := make([]int32, len(keys))
	for i, k := range keys {
		out[i] = k.v
	}
	return out
}
