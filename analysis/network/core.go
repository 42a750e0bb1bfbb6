package network

// CoreNumber returns the core number of every node: the largest k such that
// the node belongs to a k-core, a maximal subgraph in which every node has at
// least k neighbours. This is networkx.core_number(G), computed with the
// O(m) bucket algorithm of V. Batagelj and M. Zaversnik, An O(m) algorithm
// for cores decomposition of networks, arXiv:cs/0310049, 2003
// (doi:10.48550/arXiv.cs/0310049). Isolated nodes have core number 0.
func CoreNumber(g *Graph) []int {
	n := g.N()
	deg := make([]int, n)
	maxDeg := 0
	for v := range deg {
		deg[v] = g.Degree(v)
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
		for _, u32 := range g.Neighbors(v) {
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
