package network

import (
	"fmt"
	"math"
)

// Degree returns the number of neighbours of every node (nodes joined to it
// by at least one tie), as networkx.degree(G).
func Degree(g *Graph) []int {
	d := make([]int, g.N())
	for i := range d {
		d[i] = g.Degree(i)
	}
	return d
}

// DegreeCentrality returns the degree of every node divided by n-1, as
// networkx.degree_centrality(G). For n ≤ 1 every value is 1, as in NetworkX.
func DegreeCentrality(g *Graph) []float64 {
	n := g.N()
	c := make([]float64, n)
	if n <= 1 {
		for i := range c {
			c[i] = 1
		}
		return c
	}
	for i := range c {
		c[i] = float64(g.Degree(i)) / float64(n-1)
	}
	return c
}

// Strength returns the sum of the tie weights of every node, as
// networkx.degree(G, weight="weight").
func Strength(g *Graph) []float64 {
	s := make([]float64, g.N())
	copy(s, g.strength)
	return s
}

// Eigenvector returns the eigenvector centrality of every node, using tie
// weights: the Perron vector x of the weighted adjacency matrix A,
// A x = λ x with λ the largest eigenvalue, scaled to unit Euclidean norm
// (P. Bonacich, Power and centrality: a family of measures, Am. J. Sociol.
// 92(5), 1987, doi:10.1086/228631). It is
// networkx.eigenvector_centrality(G, weight="weight") iterated further:
// power iteration on A+I from the uniform vector until
// Σ_v |x_k(v) - x_{k-1}(v)| < n·1e-12 (NetworkX: n·1e-6) or 10,000 steps,
// so that on a disconnected graph the components of the largest eigenvalue
// share the mass and the others tend to 0 (docs/metrics.md). A graph
// without edges gets 1/√n everywhere, one without nodes an empty slice.
func Eigenvector(g *Graph) []float64 {
	const (
		tol     = 1e-12
		maxIter = 10000
	)
	n := g.N()
	x := make([]float64, n)
	if n == 0 {
		return x
	}
	y := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	off, nbr, w := g.off, g.nbr, g.w
	for it := 0; it < maxIter; it++ {
		ss := 0.0
		for v := 0; v < n; v++ {
			s := x[v]
			for j := off[v]; j < off[v+1]; j++ {
				s += w[j] * x[nbr[j]]
			}
			y[v] = s
			ss += s * s
		}
		norm := math.Sqrt(ss)
		if norm == 0 {
			norm = 1
		}
		diff := 0.0
		for v := range y {
			y[v] /= norm
			diff += math.Abs(y[v] - x[v])
		}
		x, y = y, x
		if diff < float64(n)*tol {
			break
		}
	}
	return x
}

// DefaultDamping is the damping factor α of PageRank in ecoscope's reports,
// as in NetworkX.
const DefaultDamping = 0.85

// PageRank returns the PageRank of every node with damping factor damp,
// using tie weights (S. Brin and L. Page, The anatomy of a large-scale
// hypertextual web search engine, Comput. Netw. ISDN Syst. 30, 1998,
// doi:10.1016/S0169-7552(98)00110-X):
//
//	x(v) = (1-α)/n + α (Σ_{u~v} x(u) w_uv / s_u + Σ_{u: s_u=0} x(u)/n)
//
// with s_u the strength of u: each edge is followed both ways, isolated
// nodes spread their rank over all nodes, and the values sum to 1. This is
// networkx.pagerank(G, alpha=α, weight="weight") iterated until
// Σ_v |x_k(v) - x_{k-1}(v)| < n·1e-12 (NetworkX: n·1e-6) or 10,000 steps.
//
// PageRank panics unless 0 ≤ damp < 1.
func PageRank(g *Graph, damp float64) []float64 {
	if !(damp >= 0 && damp < 1) {
		panic(fmt.Sprintf("network: PageRank damping %v not in [0, 1)", damp))
	}
	const (
		tol     = 1e-12
		maxIter = 10000
	)
	n := g.N()
	x := make([]float64, n)
	if n == 0 {
		return x
	}
	y := make([]float64, n)
	xs := make([]float64, n) // x(u)/s_u
	for i := range x {
		x[i] = 1 / float64(n)
	}
	off, nbr, w, str := g.off, g.nbr, g.w, g.strength
	for it := 0; it < maxIter; it++ {
		dangling := 0.0
		for u, s := range str {
			if s == 0 {
				dangling += x[u]
				xs[u] = 0
			} else {
				xs[u] = x[u] / s
			}
		}
		base := (1-damp)/float64(n) + damp*dangling/float64(n)
		diff := 0.0
		for v := 0; v < n; v++ {
			s := 0.0
			for j := off[v]; j < off[v+1]; j++ {
				s += w[j] * xs[nbr[j]]
			}
			y[v] = base + damp*s
			diff += math.Abs(y[v] - x[v])
		}
		x, y = y, x
		if diff < float64(n)*tol {
			break
		}
	}
	return x
}
