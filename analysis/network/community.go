package network

import (
	"fmt"
	"math"
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

// renumberCommunities numbers the communities of a partition by size,
// largest first, then by smallest node, and computes its modularity.
func renumberCommunities(g *Graph, of []int) Communities {
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
	out.Q = Modularity(g, out.Of)
	return out
}

// Modularity returns Newman's modularity of the partition of g that gives
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
// Modularity panics if len(of) != g.N() or a label is negative.
//
// Reference: M. E. J. Newman, Analysis of weighted networks, Phys. Rev. E 70,
// 056131, 2004, doi:10.1103/PhysRevE.70.056131.
func Modularity(g *Graph, of []int) float64 {
	n := g.N()
	if len(of) != n {
		panic(fmt.Sprintf("network: Modularity: %d labels for %d nodes", len(of), n))
	}
	k := 0
	for _, c := range of {
		if c < 0 {
			panic(fmt.Sprintf("network: Modularity: negative community %d", c))
		}
		k = max(k, c+1)
	}
	in := make([]float64, k) // twice the weight within each community
	str := make([]float64, k)
	var w2 float64
	for i := 0; i < n; i++ {
		ci := of[i]
		s := g.Strength(i)
		str[ci] += s
		w2 += s
		ws := g.Weights(i)
		for j, v := range g.Neighbors(i) {
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
