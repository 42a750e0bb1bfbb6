package network

import "math"

// Constraint returns Burt's constraint of every node, unweighted:
//
//	c(i) = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i)} p_iq p_qj)²,  p_ij = 1/d(i),
//
// where N(i) are the neighbours of i and p_ij the share of i's ties that go
// to j (0 when i and j are not joined). It is NaN for isolated nodes. This
// is networkx.constraint(G) with NetworkX's default weight=None: ecoscope
// uses it unweighted so that a node's constraint does not depend on how
// ties were weighted (R. S. Burt, Structural Holes, Harvard University Press,
// 1992; R. S. Burt, Structural holes and good ideas, Am. J. Sociol. 110(2),
// 2004, doi:10.1086/421787).
func Constraint(g *Graph) []float64 {
	n := g.N()
	c := make([]float64, n)
	marks := make([][]int32, Workers(n))
	Parallel(n, func(w, i int) {
		mark := marks[w]
		if mark == nil {
			mark = make([]int32, n)
			for k := range mark {
				mark[k] = -1
			}
			marks[w] = mark
		}
		ni := g.Neighbors(i)
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
			for _, q := range g.Neighbors(int(j)) {
				if mark[q] == int32(i) {
					ind += 1 / float64(g.Degree(int(q)))
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
func EffectiveSize(g *Graph) []float64 {
	t := triangles(g)
	e := make([]float64, len(t))
	for i, k := range t {
		d := float64(g.Degree(i))
		if d == 0 {
			e[i] = math.NaN()
			continue
		}
		e[i] = d - 2*float64(k)/d
	}
	return e
}
