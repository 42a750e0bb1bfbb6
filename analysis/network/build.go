package network

import (
	"cmp"
	"math"
	"slices"
)

// Edge is a tie between nodes U and V with weight W, as Build takes it.
type Edge struct {
	U, V int32
	W    float64
}

// Build returns the graph of the nodes labelled by labels and the given
// edges. Edges may repeat a pair, in either direction: parallel edges merge
// into one whose weight is their sum, added in increasing order of weight so
// that the sum does not depend on the order of the edges. Edges must not
// join a node to itself, and weights should be positive.
//
// directed lists, in increasing order, the positions in edges of the ties
// that are arcs from U to V only; every other edge is both arcs. Only
// InDegree, OutDegree and Reciprocity read them; a graph without directed
// ties (directed empty) costs nothing more to build.
//
// Build panics if 2·len(edges) does not fit in an int32.
func Build(labels Labels, edges []Edge, directed []int32) *Graph {
	g := &Graph{Labels: labels}
	g.build(len(labels.ids), edges)
	if len(directed) > 0 {
		g.setDirections(edges, directed)
	}
	return g
}

// build fills the CSR arrays from an edge list that may hold parallel edges
// (in either direction) but no self-loops.
func (g *Graph) build(n int, edges []Edge) {
	if 2*len(edges) > math.MaxInt32 {
		panic("network: too many edges")
	}
	count := make([]int32, n+1)
	for _, e := range edges {
		count[e.U+1]++
		count[e.V+1]++
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	type arc struct {
		v int32
		w float64
	}
	arcs := make([]arc, 2*len(edges))
	pos := slices.Clone(count[:n])
	for _, e := range edges {
		arcs[pos[e.U]] = arc{e.V, e.W}
		pos[e.U]++
		arcs[pos[e.V]] = arc{e.U, e.W}
		pos[e.V]++
	}
	// Sort each row and merge parallel arcs, compacting in place. Parallel
	// arcs are summed in the order of their weights, so that the sum does
	// not depend on the order of the ties (a store and a file list them
	// differently).
	off := make([]int32, n+1)
	k := int32(0)
	for i := 0; i < n; i++ {
		row := arcs[count[i]:count[i+1]]
		slices.SortFunc(row, func(a, b arc) int { return cmp.Or(cmp.Compare(a.v, b.v), cmp.Compare(a.w, b.w)) })
		off[i] = k
		for j := 0; j < len(row); j++ {
			if j > 0 && row[j].v == row[j-1].v {
				arcs[k-1].w += row[j].w
				continue
			}
			arcs[k] = row[j]
			k++
		}
	}
	off[n] = k
	g.off = off
	g.nbr = make([]int32, k)
	g.w = make([]float64, k)
	g.strength = make([]float64, n)
	for i := 0; i < n; i++ {
		s := 0.0
		for j := off[i]; j < off[i+1]; j++ {
			g.nbr[j] = arcs[j].v
			g.w[j] = arcs[j].w
			s += arcs[j].w
		}
		g.strength[i] = s
	}
}

// Induced returns the subgraph of g induced by the given nodes: those nodes,
// in the order given, with their labels, and the edges of g between them
// with their weights and directions. Node i of sub is kept[i] of g: nodes
// without repeats (a node listed twice is taken at its first place).
func (g *Graph) Induced(nodes []int) (sub *Graph, kept []int) {
	pos := make(map[int32]int32, len(nodes))
	keep := make([]int, 0, len(nodes))
	for _, v := range nodes {
		if _, dup := pos[int32(v)]; dup {
			continue
		}
		pos[int32(v)] = int32(len(keep))
		keep = append(keep, v)
	}
	labels := Labels{ids: make([]string, len(keep)), index: make(map[string]int, len(keep))}
	var edges []Edge
	var directed []int32
	for i, v := range keep {
		id := g.ids[v]
		labels.ids[i] = id
		if _, ok := labels.index[id]; !ok {
			labels.index[id] = i
		}
		nb, w := g.Neighbors(v), g.Weights(v)
		for k, u := range nb {
			j, ok := pos[u]
			if !ok || int32(i) >= j {
				continue
			}
			d := arcBoth
			if g.dir != nil {
				d = g.dir[int(g.off[v])+k]
			}
			switch d {
			case arcOut:
				directed = append(directed, int32(len(edges)))
				edges = append(edges, Edge{int32(i), j, w[k]})
			case arcIn:
				directed = append(directed, int32(len(edges)))
				edges = append(edges, Edge{j, int32(i), w[k]})
			default:
				edges = append(edges, Edge{int32(i), j, w[k]})
			}
		}
	}
	return Build(labels, edges, directed), keep
}
