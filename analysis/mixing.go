package analysis

import (
	"math"

	"github.com/ecoscope/ecoscope/graph"
)

// Mixing is the helix mixing matrix of a network: how many ties join each
// pair of helix types.
type Mixing struct {
	// Types labels the rows and columns: the five known types in canonical
	// order, then graph.HelixUnknown when any node is of unknown type.
	Types []graph.Helix `json:"types"`
	// Counts[a][b] counts the ties from a node of type Types[a] to a node
	// of type Types[b], each tie once in each direction (see HelixMixing).
	Counts [][]int `json:"counts"`
}

// Count returns the cell of types a and b, 0 when either is not a row.
func (m Mixing) Count(a, b graph.Helix) int {
	i, j := -1, -1
	for k, h := range m.Types {
		if h == a {
			i = k
		}
		if h == b {
			j = k
		}
	}
	if i < 0 || j < 0 {
		return 0
	}
	return m.Counts[i][j]
}

// Total returns the sum of all cells: twice the number of ties.
func (m Mixing) Total() int {
	t := 0
	for _, row := range m.Counts {
		for _, c := range row {
			t += c
		}
	}
	return t
}

// HelixMixing returns the helix mixing matrix of net. Every tie is counted
// once from each end, as networkx.attribute_mixing_dict(G, "helix") counts
// an undirected graph: a tie between an academia and an industry partner adds
// 1 to [academia][industry] and 1 to [industry][academia]; a tie between two
// academia partners adds 2 to [academia][academia]. The matrix is symmetric
// and its cells sum to 2m. Tie weights are ignored.
//
// The five known types always have a row and a column (of zeros when
// absent); unknown has one whenever a node is of unknown type, even an
// isolated one, so that partners of unknown type are never dropped silently.
func HelixMixing(net *Network) Mixing {
	cat := helixCategories(net)
	var c [numHelix][numHelix]int
	unknown := false
	for i := range cat {
		if cat[i] == unknownHelix {
			unknown = true
		}
		for _, j := range net.Neighbors(i) {
			c[cat[i]][cat[j]]++
		}
	}
	k := len(graph.Helices)
	if unknown {
		k++
	}
	m := Mixing{Types: make([]graph.Helix, k), Counts: make([][]int, k)}
	for a := 0; a < k; a++ {
		m.Types[a] = helixOfCategory(a)
		m.Counts[a] = make([]int, k)
		copy(m.Counts[a], c[a][:k])
	}
	return m
}

// HelixAssortativity returns Newman's attribute assortativity coefficient of
// the helix types of net,
//
//	r = (Σ_i e_ii − Σ_i a_i²) / (1 − Σ_i a_i²)
//
// where e = HelixMixing(net) / 2m is the share of tie ends joining type i to
// type j and a_i = Σ_j e_ij. It is 1 when every tie stays within a type and
// negative when ties prefer other types. Unknown is a type of its own here,
// as it is to networkx.attribute_assortativity_coefficient(G, "helix") when
// those nodes carry helix="unknown", which this function equals. Tie weights
// are ignored. Degenerate cases follow NetworkX 3.6.1: when all tie ends are
// of one type (Σ_i a_i² = 1) r is 0/0, NaN; when there are no ties at all
// NetworkX's mixing matrix is empty and it returns (0 − 0)/(1 − 0) = 0, and
// so does this function.
//
// Reference: M. E. J. Newman, Mixing patterns in networks, Phys. Rev. E 67,
// 026126, 2003, doi:10.1103/PhysRevE.67.026126, eq. (2).
func HelixAssortativity(net *Network) float64 {
	return mixingAssortativity(HelixMixing(net))
}

func mixingAssortativity(m Mixing) float64 {
	total := float64(m.Total())
	if total == 0 {
		return 0 // as NetworkX: an empty mixing matrix
	}
	// With counts c and total T: r = (T·tr(c) − Σ a²) / (T² − Σ a²),
	// a_i = Σ_j c_ij; the integer sums are exact in float64 for any
	// network this package can hold.
	var tr, sa float64
	for i, row := range m.Counts {
		tr += float64(row[i])
		a := 0.0
		for _, c := range row {
			a += float64(c)
		}
		sa += a * a
	}
	den := total*total - sa
	if den == 0 {
		return math.NaN()
	}
	return (total*tr - sa) / den
}

// HelixTies counts the ties of a network by the helix types and sectors
// they join. Every tie counts once; weights are ignored.
type HelixTies struct {
	// Ties is m, the number of ties.
	Ties int `json:"ties"`
	// Internal (I) and External (E) count the ties within one known type
	// and between two different known types.
	Internal int `json:"internal"`
	External int `json:"external"`
	// Unknown counts the ties with an end of unknown type, left out of
	// the E-I index: Ties = Internal + External + Unknown.
	Unknown int `json:"unknown"`
	// PublicPrivate counts the ties joining a public and a private
	// partner (graph.Public, graph.Private; Network.Sector).
	PublicPrivate int `json:"public_private"`
}

// CountHelixTies returns the ties of net by helix type and sector.
func CountHelixTies(net *Network) HelixTies {
	cat := helixCategories(net)
	var t HelixTies
	for i := range cat {
		si := net.Sector(i)
		for _, j32 := range net.Neighbors(i) {
			j := int(j32)
			if j <= i {
				continue
			}
			t.Ties++
			switch {
			case cat[i] == unknownHelix || cat[j] == unknownHelix:
				t.Unknown++
			case cat[i] == cat[j]:
				t.Internal++
			default:
				t.External++
			}
			if sj := net.Sector(j); si == graph.Public && sj == graph.Private || si == graph.Private && sj == graph.Public {
				t.PublicPrivate++
			}
		}
	}
	return t
}

// PublicPrivateShare returns the share of the ties of net that join a public
// and a private partner (Network.Sector: the partner's sector, or the default
// sector of its helix type): PublicPrivate / m. Nonprofit partners and
// partners of unknown sector take part in neither side. Ties count once
// whatever their weight. The share is 0 for a network without ties.
func PublicPrivateShare(net *Network) float64 {
	t := CountHelixTies(net)
	if t.Ties == 0 {
		return 0
	}
	return float64(t.PublicPrivate) / float64(t.Ties)
}

// Integration is how far the helix types of a network are tied together.
type Integration struct {
	// Class is the largest coverage class whose helix types are joined
	// pairwise by at least one tie (see HelixIntegration).
	Class graph.CoverageClass `json:"class"`
	// Linked and Unlinked list the pairs of different known types with
	// and without a tie between them, in canonical order.
	Linked   [][2]graph.Helix `json:"linked"`
	Unlinked [][2]graph.Helix `json:"unlinked"`
}

// HelixIntegration returns the helix integration of net: the largest
// coverage class (graph.Quintuple, Quadruple, Triple) whose required types
// (graph.ClassTypes) are joined pairwise, every pair of them by at least one
// tie; otherwise graph.Partial when at least one tie joins two different
// known types, and graph.None when none does. Where graph.Classify asks
// whether the types are present, integration asks whether they are tied to
// each other: a triple helix is integrated when academia–industry,
// academia–government and industry–government ties all exist. Ties within a
// type and ties with a partner of unknown type do not count.
func HelixIntegration(net *Network) Integration {
	m := HelixMixing(net)
	linked := func(a, b int) bool { return m.Counts[a][b] > 0 }
	in := Integration{Class: graph.None, Linked: [][2]graph.Helix{}, Unlinked: [][2]graph.Helix{}}
	k := len(graph.Helices)
	for a := 0; a < k; a++ {
		for b := a + 1; b < k; b++ {
			p := [2]graph.Helix{graph.Helices[a], graph.Helices[b]}
			if linked(a, b) {
				in.Linked = append(in.Linked, p)
			} else {
				in.Unlinked = append(in.Unlinked, p)
			}
		}
	}
	if len(in.Linked) > 0 {
		in.Class = graph.Partial
	}
	for _, c := range []graph.CoverageClass{graph.Quintuple, graph.Quadruple, graph.Triple} {
		types := graph.ClassTypes(c)
		all := true
		for a := 0; a < len(types) && all; a++ {
			for b := a + 1; b < len(types); b++ {
				if !linked(helixCategory(types[a]), helixCategory(types[b])) {
					all = false
					break
				}
			}
		}
		if all {
			in.Class = c
			break
		}
	}
	return in
}
