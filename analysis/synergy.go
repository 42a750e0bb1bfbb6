package analysis

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/ecoscope/ecoscope/graph"
)

// UnitHelixSets returns, for every unit of e that has partners, in the order
// of e.Units, the helix types of the partners taking part in it or in any
// unit nested below it (SubtreePartners), each type once, in canonical order;
// graph.HelixUnknown is listed when a member is of unknown type. Each set is
// one observation for HelixSynergy. Units without partners are left out: they
// observe nothing.
func UnitHelixSets(e *graph.Ecosystem) [][]graph.Helix {
	ix := graph.NewIndex(e)
	members := SubtreePartners(e)
	out := make([][]graph.Helix, 0, len(e.Units))
	for _, u := range e.Units {
		ids := members[u.ID]
		if len(ids) == 0 {
			continue
		}
		var present [numHelix]bool
		for _, id := range ids {
			if i, ok := ix.Partner[id]; ok {
				present[helixCategory(e.Partners[i].Helix)] = true
			}
		}
		set := []graph.Helix{}
		for c, ok := range present {
			if ok {
				set = append(set, helixOfCategory(c))
			}
		}
		out = append(out, set)
	}
	return out
}

// HelixSynergy returns the mutual information in bits among the given helix
// types (dimensions) over a set of observations, Leydesdorff's measure of
// triple (and quadruple) helix synergy. Each observation (a unit, a project,
// a paper) is the set of helix types taking part in it; dimension k is the
// binary variable "type dims[k] takes part". With H(S) the Shannon entropy in
// bits of the joint distribution of the variables in S over the
// observations,
//
//	T = Σ_{∅≠S⊆dims} (−1)^{|S|+1} H(S)
//
// that is, for two dimensions the mutual information H(u) + H(i) − H(ui)
// (≥ 0), for three
//
//	T(uig) = H(u) + H(i) + H(g) − H(ui) − H(ug) − H(ig) + H(uig)
//
// and for four, with c for civil society,
//
//	T(uigc) = Σ H(x) − Σ H(xy) + Σ H(xyz) − H(uigc).
//
// Without observations T is undefined: NaN (null in JSON), not 0, which
// would read as "no synergy".
//
// Sign convention: negative T(uig) means synergy, a reduction of uncertainty
// that the configuration of the three together brings about beyond the
// pairwise relations; positive T(uig) means the relations overlap
// (redundancy among the pairs dominates). This is the sign of Leydesdorff
// (2003) and of Leydesdorff, Park and Lengyel (2014), whose routine th4 uses
// the same alternating formula in four dimensions. The meaning of the sign
// of the alternating sum flips with the parity of the number of dimensions
// (in two dimensions it is ≥ 0 and means shared information): Leydesdorff and
// Ivanova (2014) show that their mutual redundancy, which is negative for
// synergy in any dimension, equals T in three dimensions and −T in four. So
// read −T(uigc), not T(uigc), as the four-helix counterpart of T(uig):
// T(uigc) > 0 means synergy among the four.
//
// Types in an observation that are not among dims are ignored; graph.Helix
// values not known to graph.Helices count as unknown. T is 0 when there are no
// observations. HelixSynergy panics if dims is empty, longer than 5, or lists
// a type twice or a type that is not one of graph.Helices.
//
// References: L. Leydesdorff, The mutual information of university-
// industry-government relations: an indicator of the Triple Helix dynamics,
// Scientometrics 58(2), 445–467, 2003, doi:10.1023/A:1024445604447;
// L. Leydesdorff, H. W. Park and B. Lengyel, A routine for measuring synergy
// in university–industry–government relations: mutual information as a
// Triple-Helix and Quadruple-Helix indicator, Scientometrics 99(1), 27–35,
// 2014, doi:10.1007/s11192-013-1079-4; L. Leydesdorff and I. A. Ivanova,
// Mutual redundancies in interhuman communication systems, J. Assoc. Inf.
// Sci. Technol. 65(2), 386–399, 2014, doi:10.1002/asi.22973; W. J. McGill,
// Multivariate information transmission, Psychometrika 19, 97–116, 1954,
// doi:10.1007/BF02289159.
func HelixSynergy(obs [][]graph.Helix, dims ...graph.Helix) float64 {
	k := len(dims)
	if k == 0 || k > len(graph.Helices) {
		panic(fmt.Sprintf("analysis: HelixSynergy needs 1 to %d dimensions, got %d", len(graph.Helices), k))
	}
	bit := [numHelix]int{}
	for c := range bit {
		bit[c] = -1
	}
	for d, h := range dims {
		c := helixCategory(h)
		if c == unknownHelix {
			panic(fmt.Sprintf("analysis: HelixSynergy: %q is not a helix type", h))
		}
		if bit[c] >= 0 {
			panic(fmt.Sprintf("analysis: HelixSynergy: %q listed twice", h))
		}
		bit[c] = d
	}
	if len(obs) == 0 {
		return math.NaN() // no unit observed: undefined, not "no synergy"
	}
	// cells[x] counts the observations whose presence pattern over dims
	// is the bit pattern x.
	cells := make([]int, 1<<k)
	for _, o := range obs {
		x := 0
		for _, h := range o {
			if b := bit[helixCategory(h)]; b >= 0 {
				x |= 1 << b
			}
		}
		cells[x]++
	}
	total := float64(len(obs))
	marg := make([]int, 1<<k)
	var t float64
	for s := 1; s < 1<<k; s++ {
		clear(marg)
		for x, c := range cells {
			marg[x&s] += c
		}
		var h float64
		for _, c := range marg {
			if c > 0 {
				p := float64(c) / total
				h -= p * math.Log2(p)
			}
		}
		if bits.OnesCount(uint(s))%2 == 1 {
			t += h
		} else {
			t -= h
		}
	}
	return t
}

// TripleHelixSynergy returns T(uig), HelixSynergy over academia (u),
// industry (i) and government (g), in bits; negative means synergy.
func TripleHelixSynergy(obs [][]graph.Helix) float64 {
	return HelixSynergy(obs, graph.Academia, graph.Industry, graph.Government)
}

// QuadrupleHelixSynergy returns T(uigc), HelixSynergy over academia,
// industry, government and civil society, in bits, with the alternating
// sign of HelixSynergy: positive T(uigc), that is negative mutual redundancy
// R(uigc) = −T(uigc), means synergy.
func QuadrupleHelixSynergy(obs [][]graph.Helix) float64 {
	return HelixSynergy(obs, graph.Academia, graph.Industry, graph.Government, graph.CivilSociety)
}
