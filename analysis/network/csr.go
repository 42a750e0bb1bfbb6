package network

import "slices"

// CSR lists items by owner in compressed sparse row form: the items of
// owner i are Items[Off[i]:Off[i+1]].
type CSR struct {
	Off   []int32
	Items []int32
}

// Of returns the items of owner i. The slice belongs to c.
func (c CSR) Of(i int32) []int32 { return c.Items[c.Off[i]:c.Off[i+1]] }

// GroupBy returns items 0, 1, ... of each list of owners grouped by owner,
// for n owners: item k of a list belongs to owner owners[k], or to none when
// that is negative. Within an owner, items keep their order, the items of
// one list before those of the next: GroupBy(n, from, to) lists every edge
// k of an edge list at both ends.
func GroupBy(n int, owners ...[]int32) CSR {
	c := CSR{Off: make([]int32, n+1)}
	for _, own := range owners {
		for _, o := range own {
			if o >= 0 {
				c.Off[o+1]++
			}
		}
	}
	for i := 1; i <= n; i++ {
		c.Off[i] += c.Off[i-1]
	}
	c.Items = make([]int32, c.Off[n])
	pos := slices.Clone(c.Off[:n])
	for _, own := range owners {
		for k, o := range own {
			if o >= 0 {
				c.Items[pos[o]] = int32(k)
				pos[o]++
			}
		}
	}
	return c
}

// Oriented returns, for every node a of g, its neighbours of higher rank,
// ranking nodes by degree, then index: each edge is listed once, at its
// end of lower rank, and in the order of Neighbors. No node has more than
// √(2m) neighbours of higher rank (N. Chiba and T. Nishizeki, Arboricity
// and subgraph listing algorithms, SIAM J. Comput. 14(1), 1985,
// doi:10.1137/0214017), so hubs are scanned through short lists: counting
// triangles and open two-paths with it costs O(m^1.5).
func Oriented(g *Graph) CSR {
	n := g.N()
	less := func(a, c int) bool {
		da, dc := g.Degree(a), g.Degree(c)
		return da < dc || da == dc && a < c
	}
	off := make([]int32, n+1)
	out := make([]int32, 0, g.M())
	for a := 0; a < n; a++ {
		for _, v := range g.Neighbors(a) {
			if less(a, int(v)) {
				out = append(out, v)
			}
		}
		off[a+1] = int32(len(out))
	}
	return CSR{Off: off, Items: out}
}
