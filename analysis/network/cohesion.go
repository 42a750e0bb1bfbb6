package network

// Components returns the connected component of every node, numbered from 0
// in order of each component's first node, and the number of components.
// Isolated nodes are components of their own, as in
// networkx.number_connected_components.
func Components(g *Graph) (comp []int, count int) {
	n := g.N()
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
			for _, w := range g.Neighbors(int(queue[h])) {
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
func LargestComponentShare(g *Graph) float64 {
	comp, count := Components(g)
	if count == 0 {
		return 0
	}
	size := make([]int, count)
	big := 0
	for _, c := range comp {
		size[c]++
		big = max(big, size[c])
	}
	return float64(big) / float64(g.N())
}

// Density returns 2m/(n(n-1)), the share of possible edges present; 0 when
// n < 2, as networkx.density.
func Density(g *Graph) float64 {
	n := float64(g.N())
	if n < 2 {
		return 0
	}
	return 2 * float64(g.M()) / (n * (n - 1))
}

// AverageDegree returns 2m/n, the mean number of neighbours; 0 when n = 0.
func AverageDegree(g *Graph) float64 {
	if g.N() == 0 {
		return 0
	}
	return 2 * float64(g.M()) / float64(g.N())
}

// triangles returns the number of triangles through every node, counting
// each triangle once at each of its three corners. It orients every edge
// from the endpoint of lower degree to the one of higher degree (ties
// broken by index) and intersects out-neighbourhoods, O(m^1.5) time
// (T. Schank and D. Wagner, Finding, counting and listing all triangles in
// large graphs, WEA 2005, doi:10.1007/11427186_54).
func triangles(g *Graph) []int64 {
	n := g.N()
	t := make([]int64, n)
	if n == 0 {
		return t
	}
	// Out-neighbourhoods, each sorted by index as the rows are.
	o := Oriented(g)
	off, out := o.Off, o.Items
	type buf struct {
		mark []int32
		t    []int64
	}
	bufs := make([]*buf, Workers(n))
	Parallel(n, func(w, v int) {
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
func Triangles(g *Graph) []int {
	t := triangles(g)
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
func Clustering(g *Graph) []float64 {
	t := triangles(g)
	c := make([]float64, len(t))
	for v, k := range t {
		if d := float64(g.Degree(v)); d >= 2 {
			c[v] = 2 * float64(k) / (d * (d - 1))
		}
	}
	return c
}

// AverageClustering returns the mean of Clustering over all nodes, nodes
// with fewer than two neighbours counting as 0, as
// networkx.average_clustering(G); 0 for a network without nodes (where
// NetworkX raises an error).
func AverageClustering(g *Graph) float64 {
	c := Clustering(g)
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
func Transitivity(g *Graph) float64 {
	t := triangles(g)
	var tri, triples float64
	for v, k := range t {
		d := float64(g.Degree(v))
		tri += float64(k)
		triples += d * (d - 1) / 2
	}
	if tri == 0 {
		return 0
	}
	return tri / triples
}
