package network

import "slices"

// Graph is an immutable, undirected, weighted graph in compressed sparse row
// (CSR) form. Nodes are numbered 0 to N()-1 and labelled with strings (ID,
// Index). Between two nodes there is at most one edge, of positive weight,
// and no node is joined to itself. Edges built from directed ties keep
// their direction beside them, for InDegree, OutDegree and Reciprocity only
// (see Build).
//
// Graph implements gonum's graph.Undirected and graph.WeightedUndirected
// with node ids equal to node indexes (see gonum.go).
//
// A Graph is safe for concurrent use.
type Graph struct {
	Labels

	// off[i]:off[i+1] is the range of node i in nbr and w; the neighbours
	// of each node are sorted by index.
	off      []int32
	nbr      []int32
	w        []float64
	strength []float64

	// dir[j] says which arcs of the directed graph the edge at nbr[j]
	// stands for (arcOut, arcIn or both; see direction.go); nil when no
	// tie is directed: every edge is then both arcs.
	dir []uint8
}

// Labels are the string labels of the nodes of a graph, node i labelled
// ID(i), and the index from a label to its node.
type Labels struct {
	ids   []string
	index map[string]int
}

// NewLabels returns the labels ids, node i labelled ids[i]. Where a label
// repeats, Index gives its first node. The slice is kept, not copied.
func NewLabels(ids []string) Labels {
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		if _, ok := index[id]; !ok {
			index[id] = i
		}
	}
	return Labels{ids: ids, index: index}
}

// ID returns the label of node i.
func (l Labels) ID(i int) string { return l.ids[i] }

// Index returns the node labelled id (the first one, where labels repeat).
func (l Labels) Index(id string) (int, bool) {
	i, ok := l.index[id]
	return i, ok
}

// N returns the number of nodes.
func (g *Graph) N() int { return len(g.off) - 1 }

// M returns the number of edges: distinct pairs of joined nodes.
func (g *Graph) M() int { return len(g.nbr) / 2 }

// Degree returns the number of neighbours of node i.
func (g *Graph) Degree(i int) int { return int(g.off[i+1] - g.off[i]) }

// Strength returns the sum of the weights of the edges of node i.
func (g *Graph) Strength(i int) float64 { return g.strength[i] }

// Neighbors returns the neighbours of node i in increasing order. The slice
// belongs to the graph and must not be modified.
func (g *Graph) Neighbors(i int) []int32 { return g.nbr[g.off[i]:g.off[i+1]] }

// Weights returns the weights of the edges of node i, in the order of
// Neighbors(i). The slice belongs to the graph and must not be modified.
func (g *Graph) Weights(i int) []float64 { return g.w[g.off[i]:g.off[i+1]] }

// edgeIndex returns the position of the arc u→v in nbr, or -1.
func (g *Graph) edgeIndex(u, v int) int {
	lo, hi := int(g.off[u]), int(g.off[u+1])
	j, ok := slices.BinarySearch(g.nbr[lo:hi], int32(v))
	if !ok {
		return -1
	}
	return lo + j
}
