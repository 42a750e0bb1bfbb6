package analysis

import (
	"sort"

	"github.com/ecoscope/ecoscope/graph"
)

// Composition is what an ecosystem (or one unit of it) is made of: how many
// partners of each helix type, sector and kind, how many units per level,
// and its helix coverage.
type Composition struct {
	Partners     int                  `json:"partners"`
	Ties         int                  `json:"ties"`
	HelixCounts  map[graph.Helix]int  `json:"helix_counts"`
	SectorCounts map[graph.Sector]int `json:"sector_counts"`
	KindCounts   map[string]int       `json:"kind_counts"`
	UnitCounts   map[graph.Level]int  `json:"unit_counts"`
	Coverage     graph.Coverage       `json:"helix_coverage"`
}

// UnitComposition is the composition of one unit: the partners taking part
// in it or in any unit nested below it.
type UnitComposition struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Level    graph.Level    `json:"level"`
	Form     graph.Form     `json:"form"`
	Parent   string         `json:"parent"`
	Depth    int            `json:"-"`
	Size     int            `json:"size"`
	Coverage graph.Coverage `json:"helix_coverage"`
}

// KindUnspecified is the key under which partners without a kind are counted.
const KindUnspecified = "unspecified"

// Compose returns the composition of e. Ties counts the distinct pairs of
// partners joined by at least one explicit tie (ties between people count
// for their partners). The five known helix types and three sectors always
// appear in the counts, with 0 when absent; partners of unknown type or
// sector are counted under "unknown", which appears only when there are any.
func Compose(e *graph.Ecosystem) Composition {
	c := Composition{
		Partners:     len(e.Partners),
		HelixCounts:  make(map[graph.Helix]int, 6),
		SectorCounts: make(map[graph.Sector]int, 4),
		KindCounts:   map[string]int{},
		UnitCounts:   make(map[graph.Level]int, 3),
	}
	for _, h := range graph.Helices {
		c.HelixCounts[h] = 0
	}
	for _, s := range graph.Sectors {
		c.SectorCounts[s] = 0
	}
	for _, l := range graph.Levels {
		c.UnitCounts[l] = 0
	}
	types := make([]graph.Helix, 0, len(e.Partners))
	for _, p := range e.Partners {
		c.HelixCounts[helixOf(p)]++
		c.SectorCounts[sectorOf(p)]++
		k := p.Kind
		if k == "" {
			k = KindUnspecified
		}
		c.KindCounts[k]++
		types = append(types, p.Helix)
	}
	for _, u := range e.Units {
		c.UnitCounts[u.Level]++
	}
	c.Ties = countPairs(e.PartnerTies())
	c.Coverage = graph.CoverageOf(types)
	return c
}

func helixOf(p graph.Partner) graph.Helix {
	if p.Helix == "" {
		return graph.HelixUnknown
	}
	return p.Helix
}

func sectorOf(p graph.Partner) graph.Sector {
	if p.Sector == "" {
		return graph.SectorUnknown
	}
	return p.Sector
}

// countPairs counts the distinct unordered pairs of partners in ts.
func countPairs(ts []graph.PartnerTie) int {
	seen := make(map[[2]string]struct{}, len(ts))
	for _, t := range ts {
		a, b := t.Source, t.Target
		if b < a {
			a, b = b, a
		}
		seen[[2]string{a, b}] = struct{}{}
	}
	return len(seen)
}

// SubtreePartners returns, for every unit of e, the partners taking part in
// it or in any unit nested below it (directly or through their people),
// sorted by id.
func SubtreePartners(e *graph.Ecosystem) map[string][]string {
	return subtreeUnion(e, e.UnitPartners())
}

// subtreeUnion returns, for every unit of e, the union of the ids that
// direct gives for the unit and for every unit nested below it, sorted.
func subtreeUnion(e *graph.Ecosystem, direct map[string][]string) map[string][]string {
	children := e.Children()
	memo := make(map[string]map[string]bool, len(e.Units))
	var walk func(id string, onPath map[string]bool) map[string]bool
	walk = func(id string, onPath map[string]bool) map[string]bool {
		if s, ok := memo[id]; ok {
			return s
		}
		s := map[string]bool{}
		onPath[id] = true
		for _, p := range direct[id] {
			s[p] = true
		}
		for _, c := range children[id] {
			if onPath[c] { // a loop; Validate rejects these, but do not hang
				continue
			}
			for p := range walk(c, onPath) {
				s[p] = true
			}
		}
		delete(onPath, id)
		memo[id] = s
		return s
	}
	out := make(map[string][]string, len(e.Units))
	for _, u := range e.Units {
		set := walk(u.ID, map[string]bool{})
		ids := make([]string, 0, len(set))
		for p := range set {
			ids = append(ids, p)
		}
		sort.Strings(ids)
		out[u.ID] = ids
	}
	return out
}

// ComposeUnits returns the composition of every unit of e, in tree order:
// each root unit (no parent) followed by the units below it, depth first,
// siblings in input order. The size and coverage of a unit count the
// partners taking part in it or in any unit nested below it.
func ComposeUnits(e *graph.Ecosystem) []UnitComposition {
	ix := graph.NewIndex(e)
	members := SubtreePartners(e)
	order := unitTree(e, ix, e.Children())
	out := make([]UnitComposition, 0, len(order))
	for _, t := range order {
		u := e.Units[t.index]
		types := make([]graph.Helix, 0, len(members[u.ID]))
		for _, p := range members[u.ID] {
			if i, ok := ix.Partner[p]; ok {
				types = append(types, e.Partners[i].Helix)
			}
		}
		out = append(out, UnitComposition{
			ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form, Parent: u.Parent, Depth: t.depth,
			Size: len(members[u.ID]), Coverage: graph.CoverageOf(types),
		})
	}
	return out
}

// treeUnit is a unit's place in the tree order (see unitTree).
type treeUnit struct {
	index int // in e.Units
	depth int
}

// unitTree returns the units of e in tree order, as ComposeUnits, check and
// values list them: each
// root unit (no parent, or an unknown one) followed by the units below it,
// depth first, siblings in input order; then units caught in a parent loop.
func unitTree(e *graph.Ecosystem, ix *graph.Index, children map[string][]string) []treeUnit {
	out := make([]treeUnit, 0, len(e.Units))
	visited := make([]bool, len(e.Units))
	var visit func(i, depth int)
	visit = func(i, depth int) {
		if visited[i] {
			return
		}
		visited[i] = true
		out = append(out, treeUnit{i, depth})
		for _, c := range children[e.Units[i].ID] {
			visit(ix.Unit[c], depth+1)
		}
	}
	for i, u := range e.Units {
		if _, ok := ix.Unit[u.Parent]; u.Parent == "" || !ok {
			visit(i, 0)
		}
	}
	for i := range e.Units {
		visit(i, 0)
	}
	return out
}
