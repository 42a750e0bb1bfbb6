package analysis

import (
	"math"

	"github.com/ecoscope/ecoscope/graph"
)

// Diversity is the diversity of the helix types of a set of partners.
//
// Partners of unknown type are counted apart, in Unknown and under
// graph.HelixUnknown in Counts, and are left out of the shares p_k on which
// the indices rest: an unknown type is missing information, not a sixth kind
// of partner, and counting it as one would make a data set look more diverse
// the less is known about it.
type Diversity struct {
	// Counts holds the number of partners of each type: the five known
	// types always (0 when absent), graph.HelixUnknown only when there are
	// partners of unknown type.
	Counts map[graph.Helix]int `json:"counts"`
	// Known and Unknown are the numbers of partners of a known and of
	// an unknown type.
	Known   int `json:"known"`
	Unknown int `json:"unknown"`
	// Types is S, the number of known types present.
	Types int `json:"types"`
	// Blau is Blau's index 1 − Σ_k p_k², with p_k the share of type k
	// among the partners of a known type; 0 when there are none.
	Blau float64 `json:"blau"`
	// Shannon is the Shannon entropy H = −Σ_k p_k ln p_k in nats; 0 when
	// there are no partners of a known type.
	Shannon float64 `json:"shannon"`
	// Evenness is Pielou's evenness H / ln S; 0 when S ≤ 1.
	Evenness float64 `json:"evenness"`
}

// HelixDiversity returns the diversity of the helix types given, one per
// partner. With p_k = n_k / Σ_j n_j the share of known type k among the
// partners of a known type and S the number of known types present,
//
//	Blau     = 1 − Σ_k p_k²            (Blau 1977; the Gini–Simpson index)
//	Shannon  = H = −Σ_k p_k ln p_k     (nats)
//	Evenness = H / ln S                (Pielou 1966, doi:10.1016/0022-5193(66)90013-0)
//
// Blau's index is the probability that two partners drawn at random, with
// replacement, are of different types; it lies in [0, 1 − 1/5]. Evenness is
// 1 when the types present are equally common; it is not defined for S ≤ 1
// (0/0 for S = 1) and is then 0, so that a set with one type scores 0 on all
// three indices. The empty string counts as graph.HelixUnknown; partners of
// unknown type are counted apart and left out of the shares (see Diversity).
//
// Reference: P. M. Blau, Inequality and heterogeneity, Free Press, 1977;
// E. C. Pielou, The measurement of diversity in different types of
// biological collections, J. Theor. Biol. 13, 1966.
func HelixDiversity(types []graph.Helix) Diversity {
	var n [numHelix]int
	for _, h := range types {
		n[helixCategory(h)]++
	}
	return diversityOf(n)
}

// DiversityOf returns HelixDiversity of the helix types of the given nodes of
// net, or of all its nodes when nodes is nil. A node listed twice counts
// twice.
func DiversityOf(net *Network, nodes []int) Diversity {
	var n [numHelix]int
	if nodes == nil {
		for i := 0; i < net.N(); i++ {
			n[helixCategory(net.Helix(i))]++
		}
	} else {
		for _, i := range nodes {
			n[helixCategory(net.Helix(i))]++
		}
	}
	return diversityOf(n)
}

func diversityOf(n [numHelix]int) Diversity {
	d := Diversity{Counts: make(map[graph.Helix]int, numHelix), Unknown: n[unknownHelix]}
	for k, h := range graph.Helices {
		d.Counts[h] = n[k]
		d.Known += n[k]
		if n[k] > 0 {
			d.Types++
		}
	}
	if d.Unknown > 0 {
		d.Counts[graph.HelixUnknown] = d.Unknown
	}
	d.Blau = blau(n[:unknownHelix], d.Known)
	if d.Known == 0 {
		return d
	}
	total := float64(d.Known)
	for _, c := range n[:unknownHelix] {
		if c > 0 {
			p := float64(c) / total
			d.Shannon -= p * math.Log(p)
		}
	}
	if d.Types > 1 {
		d.Evenness = d.Shannon / math.Log(float64(d.Types))
	}
	return d
}

// blau returns 1 − Σ (n_k/total)², or 0 when total is 0.
func blau(n []int, total int) float64 {
	if total == 0 {
		return 0
	}
	var s float64
	t := float64(total)
	for _, c := range n {
		p := float64(c) / t
		s += p * p
	}
	return 1 - s
}

// EgoDiversity returns, for every node of net, Blau's index 1 − Σ_k p_k² of
// the helix types of its neighbours (each neighbour counted once, whatever
// the weight of the tie), with p_k the share of type k among its neighbours
// of a known type. Neighbours of unknown type are left out of the shares, as
// in HelixDiversity. Isolated nodes, and nodes whose neighbours are all of
// unknown type, score 0. The type of the node itself does not count.
func EgoDiversity(net *Network) []float64 {
	cat := helixCategories(net)
	out := make([]float64, net.N())
	var n [numHelix]int
	for i := range out {
		n = [numHelix]int{}
		for _, j := range net.Neighbors(i) {
			n[cat[j]]++
		}
		out[i] = blau(n[:unknownHelix], net.Degree(i)-n[unknownHelix])
	}
	return out
}
