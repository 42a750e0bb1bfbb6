package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Communities is a partition of the nodes of a network into communities.
type Communities struct {
	// Of holds the community of every node, numbered 0..k−1 by size,
	// largest first; communities of equal size are ordered by their
	// smallest node.
	Of []int `json:"community"`
	// Sizes holds the number of nodes of each community.
	Sizes []int `json:"sizes"`
	// Q is the modularity of the partition (see Modularity).
	Q float64 `json:"modularity"`
}

// Louvain partitions net into communities with the Louvain method on the
// weighted network at resolution 1 and returns them renumbered by size (see
// Communities) with their modularity Q (see Modularity).
//
// The method alternates two phases (Blondel et al. 2008). Local moving: from
// singletons, visit the nodes in an order shuffled with src and move each to
// the neighbouring community that raises Q the most,
//
//	ΔQ = (1/W) [ (k_{i,C} − Σ_C k_i/2W) − (k_{i,D} − Σ_D k_i/2W) ]
//
// for moving node i from D to C, where W is the total tie weight, k_i the
// strength of i, k_{i,C} the weight of its ties into C and Σ_C the total
// strength of C without i; sweep until no move gains more than 1e-12.
// Aggregation: make every community a node of a new network, its self-loop
// the weight within it and its edges the weight between communities, and
// repeat both phases on it until local moving moves nothing. The nodes of
// net take the community of the top-level node that holds them. A community
// that the method leaves disconnected (a known defect of Louvain, Traag et
// al. 2019) is split into its connected components, which never lowers Q.
//
// The result depends on src only: the same seed gives the same partition.
// src nil draws from the global generator. Isolated nodes are communities of
// their own; a network without ties is all singletons, with Q NaN.
//
// Cost: a visit costs O(degree), with the total strength of every community
// kept up to date and the weights to neighbouring communities gathered in a
// scratch array; a sweep costs O(n + m), aggregation O(n + m), and the
// levels shrink quickly. On the generated benchmark networks (5 ties per
// partner) it takes about 2 ms for 1,000 partners, 20 ms for 6,000 and
// 0.35 s for 50,000 (one core; up to twice that on a busy machine), where
// gonum's community.Modularize, which sums the members of a community for
// every candidate move, takes 0.05 s, 1 s and 80–120 s.
//
// References: V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre,
// Fast unfolding of communities in large networks, J. Stat. Mech. P10008,
// 2008, doi:10.1088/1742-5468/2008/10/P10008; V. A. Traag, L. Waltman and
// N. J. van Eck, From Louvain to Leiden: guaranteeing well-connected
// communities, Sci. Rep. 9, 5233, 2019, doi:10.1038/s41598-019-41695-z.
func Louvain(net *Network, src rand.Source) Communities {
	return renumberCommunities(net, louvain(net, src))
}

// renumberCommunities numbers the communities of a partition by size,
// largest first, then by smallest node, and computes its modularity.
func renumberCommunities(net *Network, of []int) Communities {
	k := 0
	for _, c := range of {
		k = max(k, c+1)
	}
	size := make([]int, k)
	first := make([]int, k)
	for i := range first {
		first[i] = -1
	}
	for v, c := range of {
		size[c]++
		if first[c] < 0 {
			first[c] = v
		}
	}
	order := make([]int, 0, k)
	for c := range size {
		if size[c] > 0 {
			order = append(order, c)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		if size[a] != size[b] {
			return size[b] - size[a]
		}
		return first[a] - first[b]
	})
	newID := make([]int, k)
	out := Communities{Of: make([]int, len(of)), Sizes: make([]int, len(order))}
	for i, c := range order {
		newID[c] = i
		out.Sizes[i] = size[c]
	}
	for v, c := range of {
		out.Of[v] = newID[c]
	}
	out.Q = Modularity(net, out.Of)
	return out
}

// Modularity returns Newman's modularity of the partition of net that gives
// node i the community of[i], on the weighted network at
// resolution 1:
//
//	Q = Σ_c [ L_c / W − (S_c / 2W)² ]
//
// where W is the total tie weight, L_c the weight of the ties within
// community c and S_c the sum of the strengths of its nodes. This is
// networkx.community.modularity(G, communities, weight="weight") and gonum's
// community.Q(g, communities, 1), computed in O(n + m). Community labels may
// be any non-negative integers. Q is NaN when the network has no ties (W = 0).
// Modularity panics if len(of) != net.N() or a label is negative.
//
// Reference: M. E. J. Newman, Analysis of weighted networks, Phys. Rev. E 70,
// 056131, 2004, doi:10.1103/PhysRevE.70.056131.
func Modularity(net *Network, of []int) float64 {
	n := net.N()
	if len(of) != n {
		panic(fmt.Sprintf("analysis: Modularity: %d labels for %d nodes", len(of), n))
	}
	k := 0
	for _, c := range of {
		if c < 0 {
			panic(fmt.Sprintf("analysis: Modularity: negative community %d", c))
		}
		k = max(k, c+1)
	}
	in := make([]float64, k) // twice the weight within each community
	str := make([]float64, k)
	var w2 float64
	for i := 0; i < n; i++ {
		ci := of[i]
		s := net.Strength(i)
		str[ci] += s
		w2 += s
		ws := net.Weights(i)
		for j, v := range net.Neighbors(i) {
			if of[v] == ci {
				in[ci] += ws[j]
			}
		}
	}
	if w2 == 0 {
		return math.NaN()
	}
	var q float64
	for c := range in {
		q += in[c]/w2 - (str[c]/w2)*(str[c]/w2)
	}
	return q
}
