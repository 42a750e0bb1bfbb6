package analysis

import (
	"math"
)

// Components returns the connected component of every node, numbered from 0
// in order of each component's first node, and the number of components.
// Isolated nodes are components of their own, as in
// networkx.number_connected_components.
func Components(net *Network) (comp []int, count int) {
	n := net.N()
	comp = make([]int, n)
	for i := range comp {
		comp[i] = -1
	}
	queue := make([]int32, 0, n)
	for s := 0; s < n; s++ {
		if comp[s] >= 0 {
			continue
		}
		comp[s] = count
		queue = append(queue[:0], int32(s))
		for h := 0; h < len(queue); h++ {
			for _, w := range net.Neighbors(int(queue[h])) {
				if comp[w] < 0 {
					comp[w] = count
					queue = append(queue, w)
				}
			}
		}
		count++
	}
	return comp, count
}

// LargestComponentShare returns the share of nodes in the largest connected
// component, in [0, 1]; 0 for a network without nodes.
func LargestComponentShare(net *Network) float64 {
	comp, count := Components(net)
	if count == 0 {
		return 0
	}
	size := make([]int, count)
	big := 0
	for _, c := range comp {
		size[c]++
		big = max(big, size[c])
	}
	return float64(big) / float64(net.N())
}

// Density returns 2m/(n(n-1)), the share of possible edges present; 0 when
// n < 2, as networkx.density.
func Density(net *Network) float64 {
	n := float64(net.N())
	if n < 2 {
		return 0
	}
	return 2 * float64(net.M()) / (n * (n - 1))
}

// AverageDegree returns 2m/n, the mean number of neighbours; 0 when n = 0.
func AverageDegree(net *Network) float64 {
	if net.N() == 0 {
		return 0
	}
	return 2 * float64(net.M()) / float64(net.N())
}

// triangles returns the number of triangles through every node, counting
// each triangle once at each of its three corners. It orients every edge
// from the endpoint of lower degree to the one of higher degree (ties
// broken by index) and intersects out-neighbourhoods, O(m^1.5) time
// (T. Schank and D. Wagner, Finding, counting and listing all triangles in
// large graphs, WEA 2005, doi:10.1007/11427186_54).
func triangles(net *Network) []int64 {
	n := net.N()
	t := make([]int64, n)
	if n == 0 {
		return t
	}
	less := func(u, v int32) bool {
		du, dv := net.Degree(int(u)), net.Degree(int(v))
		return du < dv || (du == dv && u < v)
	}
	// Out-neighbourhoods, each sorted by index as the rows are.
	off := make([]int32, n+1)
	out := make([]int32, 0, net.M())
	for v := 0; v < n; v++ {
		for _, u := range net.Neighbors(v) {
			if less(int32(v), u) {
				out = append(out, u)
			}
		}
		off[v+1] = int32(len(out))
	}
	type buf struct {
		mark []int32
		t    []int64
	}
	bufs := make([]*buf, workers(n))
	parallel(n, func(w, v int) {
		b := bufs[w]
		if b == nil {
			b = &buf{mark: make([]int32, n), t: make([]int64, n)}
			for i := range b.mark {
				b.mark[i] = -1
			}
			bufs[w] = b
		}
		ov := out[off[v]:off[v+1]]
		for _, u := range ov {
			b.mark[u] = int32(v)
		}
		for _, u := range ov {
			for _, x := range out[off[u]:off[u+1]] {
				if b.mark[x] == int32(v) {
					b.t[v]++
					b.t[u]++
					b.t[x]++
				}
			}
		}
	})
	for _, b := range bufs {
		if b == nil {
			continue
		}
		for i, k := range b.t {
			t[i] += k
		}
	}
	return t
}

// Triangles returns the number of triangles through every node, as
// networkx.triangles(G).
func Triangles(net *Network) []int {
	t := triangles(net)
	out := make([]int, len(t))
	for i, k := range t {
		out[i] = int(k)
	}
	return out
}

// Clustering returns the local clustering coefficient of every node,
// unweighted,
//
//	c(v) = 2 T(v) / (d(v)(d(v)-1)),
//
// with T(v) the number of triangles through v and d(v) its degree; 0 when
// d(v) < 2. This is networkx.clustering(G) (D. J. Watts and S. H. Strogatz,
// Collective dynamics of 'small-world' networks, Nature 393, 1998,
// doi:10.1038/30918).
func Clustering(net *Network) []float64 {
	t := triangles(net)
	c := make([]float64, len(t))
	for v, k := range t {
		if d := float64(net.Degree(v)); d >= 2 {
			c[v] = 2 * float64(k) / (d * (d - 1))
		}
	}
	return c
}

// AverageClustering returns the mean of Clustering over all nodes, nodes
// with fewer than two neighbours counting as 0, as
// networkx.average_clustering(G); 0 for a network without nodes (where
// NetworkX raises an error).
func AverageClustering(net *Network) float64 {
	c := Clustering(net)
	if len(c) == 0 {
		return 0
	}
	s := 0.0
	for _, v := range c {
		s += v
	}
	return s / float64(len(c))
}

// Transitivity returns the global clustering coefficient, unweighted,
//
//	T = 3 × triangles / connected triples = Σ_v T(v) / Σ_v d(v)(d(v)-1)/2,
//
// as networkx.transitivity(G); 0 when there is no triangle (M. E. J. Newman,
// The structure and function of complex networks, SIAM Rev. 45(2), 2003,
// doi:10.1137/S003614450342480).
func Transitivity(net *Network) float64 {
	t := triangles(net)
	var tri, triples float64
	for v, k := range t {
		d := float64(net.Degree(v))
		tri += float64(k)
		triples += d * (d - 1) / 2
	}
	if tri == 0 {
		return 0
	}
	return tri / triples
}

// CoreNumber returns the core number of every node: the largest k such that
// the node belongs to a k-core, a maximal subgraph in which every node has at
// least k neighbours. This is networkx.core_number(G), computed with the
// O(m) bucket algorithm of V. Batagelj and M. Zaversnik, An O(m) algorithm
// for cores decomposition of networks, arXiv:cs/0310049, 2003
// (doi:10.48550/arXiv.cs/0310049). Isolated nodes have core number 0.
func CoreNumber(net *Network) []int {
	n := net.N()
	deg := make([]int, n)
	maxDeg := 0
	for v := range deg {
		deg[v] = net.Degree(v)
		maxDeg = max(maxDeg, deg[v])
	}
	// bin[d] is the start of the nodes of degree d in vert; pos[v] is the
	// place of v in vert.
	bin := make([]int, maxDeg+1)
	for _, d := range deg {
		bin[d]++
	}
	start := 0
	for d := range bin {
		bin[d], start = start, start+bin[d]
	}
	pos := make([]int, n)
	vert := make([]int, n)
	for v, d := range deg {
		pos[v] = bin[d]
		vert[pos[v]] = v
		bin[d]++
	}
	for d := maxDeg; d > 0; d-- {
		bin[d] = bin[d-1]
	}
	bin[0] = 0
	for i := 0; i < n; i++ {
		v := vert[i]
		for _, u32 := range net.Neighbors(v) {
			u := int(u32)
			if deg[u] > deg[v] {
				du, pu := deg[u], pos[u]
				pw := bin[du]
				w := vert[pw]
				if u != w {
					pos[u], pos[w] = pw, pu
					vert[pu], vert[pw] = w, u
				}
				bin[du]++
				deg[u]--
			}
		}
	}
	return deg
}

// Constraint returns Burt's constraint of every node, unweighted:
//
//	c(i) = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i)} p_iq p_qj)²,  p_ij = 1/d(i),
//
// where N(i) are the neighbours of i and p_ij the share of i's ties that go
// to j (0 when i and j are not joined). It is NaN for isolated nodes. This
// is networkx.constraint(G) with NetworkX's default weight=None: ecoscope
// uses it unweighted so that a partner's constraint does not depend on how
// ties were weighted (R. S. Burt, Structural Holes, Harvard University Press,
// 1992; R. S. Burt, Structural holes and good ideas, Am. J. Sociol. 110(2),
// 2004, doi:10.1086/421787).
func Constraint(net *Network) []float64 {
	n := net.N()
	c := make([]float64, n)
	marks := make([][]int32, workers(n))
	parallel(n, func(w, i int) {
		mark := marks[w]
		if mark == nil {
			mark = make([]int32, n)
			for k := range mark {
				mark[k] = -1
			}
			marks[w] = mark
		}
		ni := net.Neighbors(i)
		if len(ni) == 0 {
			c[i] = math.NaN()
			return
		}
		for _, q := range ni {
			mark[q] = int32(i)
		}
		pi := 1 / float64(len(ni))
		sum := 0.0
		for _, j := range ni {
			// Σ_{q∈N(i)∩N(j)} p_iq p_qj = p_i Σ 1/d(q)
			ind := 0.0
			for _, q := range net.Neighbors(int(j)) {
				if mark[q] == int32(i) {
					ind += 1 / float64(net.Degree(int(q)))
				}
			}
			l := pi + pi*ind
			sum += l * l
		}
		c[i] = sum
	})
	return c
}

// EffectiveSize returns Burt's effective size of every node, unweighted, in
// Borgatti's simplified form
//
//	e(i) = d(i) - 2 t(i) / d(i),
//
// with d(i) the degree of i and t(i) the number of ties among its neighbours
// (the triangles through i). It is NaN for isolated nodes. This is
// networkx.effective_size(G) with NetworkX's default weight=None (R. S. Burt,
// Structural Holes, 1992; S. P. Borgatti, Structural holes: unpacking Burt's
// redundancy measures, Connections 20(1), 1997).
func EffectiveSize(net *Network) []float64 {
	t := triangles(net)
	e := make([]float64, len(t))
	for i, k := range t {
		d := float64(net.Degree(i))
		if d == 0 {
			e[i] = math.NaN()
			continue
		}
		e[i] = d - 2*float64(k)/d
	}
	return e
}
