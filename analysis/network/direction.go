package network

import "math"

// The arcs of the directed graph an edge stands for, as seen from the node
// whose row holds it: arcOut from the node to its neighbour, arcIn from the
// neighbour to the node.
const (
	arcOut  uint8 = 1
	arcIn   uint8 = 2
	arcBoth       = arcOut | arcIn
)

// The directed graph has an arc u→v for every directed tie from u to v (see
// Build), and both arcs u→v and v→u for every other tie. Only InDegree,
// OutDegree and Reciprocity use it; every other function of this package
// uses the undirected graph.

// setDirections fills g.dir from the edge list build made the graph of:
// directed lists, in increasing order, the edges that are arcs from U to V
// only; every other edge is both arcs. It marks the arcs of the directed
// ties (two binary searches each), then makes both arcs of the pairs an
// undirected tie joins too; only pairs of nodes that both have a directed
// tie need looking up.
func (g *Graph) setDirections(edges []Edge, directed []int32) {
	g.dir = make([]uint8, len(g.nbr))
	hasDir := make([]bool, g.N())
	for _, k := range directed {
		e := edges[k]
		g.dir[g.edgeIndex(int(e.U), int(e.V))] |= arcOut
		g.dir[g.edgeIndex(int(e.V), int(e.U))] |= arcIn
		hasDir[e.U], hasDir[e.V] = true, true
	}
	next := 0 // the next entry of directed
	for k, e := range edges {
		if next < len(directed) && int(directed[next]) == k {
			next++
			continue
		}
		if hasDir[e.U] && hasDir[e.V] {
			g.dir[g.edgeIndex(int(e.U), int(e.V))] = arcBoth
			g.dir[g.edgeIndex(int(e.V), int(e.U))] = arcBoth
		}
	}
	for j, d := range g.dir {
		if d == 0 { // joined by undirected ties only
			g.dir[j] = arcBoth
		}
	}
}

// InDegree returns the number of nodes with an arc to node i in the
// directed graph: nodes with a directed tie to i or any undirected tie with
// i. It equals Degree(i) when no tie is directed. networkx:
// D.in_degree(i).
func (g *Graph) InDegree(i int) int { return g.arcs(i, arcIn) }

// OutDegree returns the number of nodes node i has an arc to in the
// directed graph: nodes i has a directed tie to or any undirected tie with.
// It equals Degree(i) when no tie is directed. networkx: D.out_degree(i).
func (g *Graph) OutDegree(i int) int { return g.arcs(i, arcOut) }

// arcs counts the edges of node i that stand for an arc in direction d.
func (g *Graph) arcs(i int, d uint8) int {
	if g.dir == nil {
		return g.Degree(i)
	}
	c := 0
	for _, x := range g.dir[g.off[i]:g.off[i+1]] {
		if x&d != 0 {
			c++
		}
	}
	return c
}

// Reciprocity returns the share of the arcs u→v of the directed graph whose
// reverse v→u is an arc too (Wasserman and Faust 1994, §13.2: the
// reciprocated share of the ties of a directed graph):
//
//	r = #{u→v : v→u} / #{u→v}
//
// An undirected tie is two arcs, so r = 1 when no tie is directed, and NaN
// when there is no arc (no edge). Same as networkx.reciprocity(D).
func Reciprocity(g *Graph) float64 {
	if g.M() == 0 {
		return math.NaN()
	}
	if g.dir == nil {
		return 1
	}
	arcs, mutual := 0, 0
	for _, x := range g.dir {
		if x&arcOut != 0 {
			arcs++
			if x == arcBoth {
				mutual++
			}
		}
	}
	return float64(mutual) / float64(arcs)
}
