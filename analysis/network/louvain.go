package network

import (
	"math/rand/v2"
	"slices"
)

// Louvain partitions g into communities with the Louvain method on the
// weighted graph at resolution 1 and returns them renumbered by size (see
// Communities) with their modularity Q (see Modularity). Local moving visits
// the nodes in an order shuffled with src and moves each to the
// neighbouring community with the largest gain
//
//	ΔQ = (1/W) [ (k_{i,C} − Σ_C k_i/2W) − (k_{i,D} − Σ_D k_i/2W) ]
//
// (W the total weight, k_i the strength of i, k_{i,C} the weight of its ties
// into C, Σ_C the total strength of C without i) until no move gains more
// than 1e-12; aggregation makes every community a node, and both phases
// repeat until nothing moves. A community left disconnected is split into
// its components, which never lowers Q. The same src gives the same
// partition; src nil draws from the global generator. Isolated nodes are
// communities of their own; without ties Q is NaN. Cost and timings:
// docs/engine.md.
//
// References: V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre,
// Fast unfolding of communities in large networks, J. Stat. Mech. P10008,
// 2008, doi:10.1088/1742-5468/2008/10/P10008; V. A. Traag, L. Waltman and
// N. J. van Eck, From Louvain to Leiden: guaranteeing well-connected
// communities, Sci. Rep. 9, 5233, 2019, doi:10.1038/s41598-019-41695-z.
func Louvain(g *Graph, src rand.Source) Communities {
	return renumberCommunities(g, louvain(g, src))
}

// louvainEps is the least gain in modularity, ΔQ, for which the local moving
// phase moves a node out of its community. Gains at or below it count as
// ties, which keep the node where it is: a threshold above the rounding error
// of the incremental community strengths (about 1e-16 relative) makes every
// move a true improvement, so the phase always ends.
const louvainEps = 1e-12

// lvGraph is one level of the Louvain method: an undirected weighted graph in
// CSR form whose nodes are the communities of the level below. Arcs join
// distinct nodes and appear once from each end; the weight of the ties
// within a node is its self-loop, self, which counts twice in its strength.
// Local moving needs only the strengths (a node's self-loop adds the same to
// Q in every community); self is kept so that the modularity of any partition
// of a level equals that of the partition of net it stands for.
type lvGraph struct {
	off  []int32   // off[i]:off[i+1] is the range of node i in nbr and w
	nbr  []int32   // neighbours, excluding i itself
	w    []float64 // arc weights
	self []float64 // self-loop weight of each node (nil on the first level: all 0)
	str  []float64 // strength: Σ w over the arcs of i, plus 2·self[i]
}

func (g *lvGraph) n() int { return len(g.off) - 1 }

// lvNetwork returns the first level: the network itself, sharing its arrays.
func lvNetwork(net *Graph) *lvGraph {
	return &lvGraph{off: net.off, nbr: net.nbr, w: net.w, str: net.strength}
}

// louvain returns the communities of the nodes of net found by the Louvain
// method, each of them connected (see splitDisconnected), labelled 0..k−1
// in order of their smallest node.
func louvain(net *Graph, src rand.Source) []int {
	n := net.N()
	shuffle := rand.Shuffle
	if src != nil {
		shuffle = rand.New(src).Shuffle
	}
	// of[v] is the node of the current level that holds node v.
	of := make([]int, n)
	for v := range of {
		of[v] = v
	}
	g := lvNetwork(net)
	var m2 float64 // 2W, the same on every level
	for _, s := range g.str {
		m2 += s
	}
	if m2 == 0 {
		return of
	}
	var lv lvMover
	for {
		comm, moved := lv.localMoving(g, m2, shuffle)
		if !moved {
			break
		}
		k := compactLabels(comm)
		for v, c := range of {
			of[v] = int(comm[c])
		}
		g = g.aggregate(comm, k)
	}
	return splitDisconnected(net, of)
}

// lvMover holds the scratch arrays of the local moving phase, reused from
// level to level.
type lvMover struct {
	comm    []int32   // community of each node
	tot     []float64 // Σ_tot: total strength of each community
	order   []int32   // nodes in the order of the sweeps
	nbw     []float64 // weight from the current node to each community
	seen    []bool    // whether the community is in touched
	touched []int32   // the communities next to the current node
}

// localMoving runs the local moving phase of the Louvain method on g, whose
// strengths add up to m2, starting from singletons. It visits the nodes in an
// order drawn with shuffle and moves each node to the neighbouring community
// with the largest gain in modularity, until a sweep moves no node. It
// returns the community of every node (labels are node indexes) and whether
// any node moved.
//
// Removing node i from its community D and inserting it into C changes
// modularity (resolution 1) by
//
//	ΔQ = (2/m2) [ (k_{i,C} − Σ_C k_i/m2) − (k_{i,D} − Σ_D k_i/m2) ]
//
// with k_i the strength of i, k_{i,C} the weight of its arcs into C and Σ_C
// the total strength of C without i (Blondel et al. 2008, eq. 2, with
// m2 = 2m). A visit costs O(deg(i)): k_{i,C} for every C next to i is
// gathered in one pass over the arcs of i into nbw, whose touched entries
// alone are reset, and Σ_C is kept up to date in tot. Ties are broken
// towards staying, then towards the community met first in the arcs of i.
func (lv *lvMover) localMoving(g *lvGraph, m2 float64, shuffle func(int, func(i, j int))) (comm []int32, moved bool) {
	n := g.n()
	lv.comm = grow(lv.comm, n)
	lv.tot = grow(lv.tot, n)
	lv.order = grow(lv.order, n)
	lv.nbw = grow(lv.nbw, n)
	lv.seen = grow(lv.seen, n)
	comm, tot, order, nbw, seen := lv.comm, lv.tot, lv.order, lv.nbw, lv.seen
	for i := range n {
		comm[i] = int32(i)
		tot[i] = g.str[i]
		order[i] = int32(i)
	}
	shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	touched := lv.touched[:0]
	for {
		moves := 0
		for _, i := range order {
			ki := g.str[i]
			if ki == 0 {
				continue // isolated: stays alone
			}
			d := comm[i]
			seen[d] = true
			touched = append(touched, d)
			ws := g.w[g.off[i]:g.off[i+1]]
			for j, v := range g.nbr[g.off[i]:g.off[i+1]] {
				c := comm[v]
				if !seen[c] {
					seen[c] = true
					touched = append(touched, c)
				}
				nbw[c] += ws[j]
			}
			tot[d] -= ki
			r := ki / m2
			stay := nbw[d] - tot[d]*r
			best, bestGain := d, stay
			for _, c := range touched[1:] {
				if gain := nbw[c] - tot[c]*r; gain > bestGain {
					best, bestGain = c, gain
				}
			}
			if best != d && 2*(bestGain-stay)/m2 > louvainEps {
				comm[i] = best
				moves++
			} else {
				best = d
			}
			tot[best] += ki
			for _, c := range touched {
				nbw[c] = 0
				seen[c] = false
			}
			touched = touched[:0]
		}
		if moves == 0 {
			break
		}
		moved = true
	}
	lv.touched = touched
	return comm[:n], moved
}

// grow returns s resliced to length n, reallocated if it is too short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// compactLabels relabels comm in place to 0..k−1 in order of first
// appearance and returns k.
func compactLabels(comm []int32) int {
	id := make([]int32, len(comm))
	for i := range id {
		id[i] = -1
	}
	k := int32(0)
	for i, c := range comm {
		if id[c] < 0 {
			id[c] = k
			k++
		}
		comm[i] = id[c]
	}
	return int(k)
}

// aggregate returns the graph of the k communities comm of g: node c is
// community c, its self-loop the weight of the ties within c (self-loops of
// its members included), and the arc between c and d the weight of the ties
// between them. Strengths carry over: the strength of c is the sum of the
// strengths of its members. It costs O(n + m).
func (g *lvGraph) aggregate(comm []int32, k int) *lvGraph {
	n := g.n()
	// Members of each community, by counting sort.
	start := make([]int32, k+1)
	for _, c := range comm {
		start[c+1]++
	}
	for c := range k {
		start[c+1] += start[c]
	}
	members := make([]int32, n)
	pos := slices.Clone(start[:k])
	for i, c := range comm {
		members[pos[c]] = int32(i)
		pos[c]++
	}

	// h has at most one arc for every arc of g.
	h := &lvGraph{
		off:  make([]int32, k+1),
		nbr:  make([]int32, 0, len(g.nbr)),
		w:    make([]float64, 0, len(g.nbr)),
		self: make([]float64, k),
		str:  make([]float64, k),
	}
	nbw := make([]float64, k)
	seen := make([]bool, k)
	var touched []int32
	for c := range k {
		var self, str float64
		for _, i := range members[start[c]:start[c+1]] {
			str += g.str[i]
			if g.self != nil {
				self += g.self[i]
			}
			ws := g.w[g.off[i]:g.off[i+1]]
			for j, v := range g.nbr[g.off[i]:g.off[i+1]] {
				d := comm[v]
				if int(d) == c {
					// Seen from both ends: half each time.
					self += ws[j] / 2
					continue
				}
				if !seen[d] {
					seen[d] = true
					touched = append(touched, d)
				}
				nbw[d] += ws[j]
			}
		}
		for _, d := range touched {
			h.nbr = append(h.nbr, d)
			h.w = append(h.w, nbw[d])
			nbw[d] = 0
			seen[d] = false
		}
		touched = touched[:0]
		h.off[c+1] = int32(len(h.nbr))
		h.self[c] = self
		h.str[c] = str
	}
	return h
}

// splitDisconnected relabels a partition of net so that every community is
// connected: a community made of several components of its own subgraph
// becomes one community per component. Splitting never lowers modularity (no
// tie is lost from L_c, and S_c² ≥ Σ of the squares of its parts) and leaves
// a partition of connected communities alone. The labels of the result are
// 0..k−1 in order of the smallest node. It costs O(n + m).
func splitDisconnected(net *Graph, of []int) []int {
	n := net.N()
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	k := 0
	var stack []int32
	for s := range n {
		if out[s] >= 0 {
			continue
		}
		out[s] = k
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, v := range net.Neighbors(int(u)) {
				if out[v] < 0 && of[v] == of[s] {
					out[v] = k
					stack = append(stack, v)
				}
			}
		}
		k++
	}
	return out
}
