package analysis

import "math"

// The arcs of the directed partner network an edge stands for, as seen from
// the node whose row holds it: arcOut from the node to its neighbour, arcIn
// from the neighbour to the node.
const (
	arcOut  uint8 = 1
	arcIn   uint8 = 2
	arcBoth       = arcOut | arcIn
)

// The directed partner network has an arc u→v for every directed tie from
// (a person of) u to (a person of) v, and both arcs u→v and v→u for every
// undirected tie and every shared working unit: the nx.DiGraph of
// docs/metrics.md ("Direction"). Only InDegree, OutDegree and Reciprocity
// use it; every other metric uses the undirected network.

// setDirections fills net.dir from the edge list build made the network
// of: directed lists, in increasing order, the edges that are arcs from u
// to v only; every other edge is both arcs. New and Induced call it only
// when some tie is directed, so that a network without directed ties costs
// nothing more to build. It marks the arcs of the directed ties (two binary
// searches each), then makes both arcs of the pairs an undirected tie joins
// too; only pairs of partners that both have a directed tie need looking up.
func (net *Network) setDirections(edges []wedge, directed []int32) {
	net.dir = make([]uint8, len(net.nbr))
	hasDir := make([]bool, net.N())
	for _, k := range directed {
		e := edges[k]
		net.dir[net.edgeIndex(int(e.u), int(e.v))] |= arcOut
		net.dir[net.edgeIndex(int(e.v), int(e.u))] |= arcIn
		hasDir[e.u], hasDir[e.v] = true, true
	}
	next := 0 // the next entry of directed
	for k, e := range edges {
		if next < len(directed) && int(directed[next]) == k {
			next++
			continue
		}
		if hasDir[e.u] && hasDir[e.v] {
			net.dir[net.edgeIndex(int(e.u), int(e.v))] = arcBoth
			net.dir[net.edgeIndex(int(e.v), int(e.u))] = arcBoth
		}
	}
	for j, d := range net.dir {
		if d == 0 { // joined by undirected ties only
			net.dir[j] = arcBoth
		}
	}
}

// InDegree returns the number of partners with an arc to node i in the
// directed partner network: partners with a directed tie to i or any
// undirected tie with i. It equals Degree(i) when no tie is directed.
// networkx: D.in_degree(i).
func (net *Network) InDegree(i int) int { return net.arcs(i, arcIn) }

// OutDegree returns the number of partners node i has an arc to in the
// directed partner network: partners i has a directed tie to or any
// undirected tie with. It equals Degree(i) when no tie is directed.
// networkx: D.out_degree(i).
func (net *Network) OutDegree(i int) int { return net.arcs(i, arcOut) }

// arcs counts the edges of node i that stand for an arc in direction d.
func (net *Network) arcs(i int, d uint8) int {
	if net.dir == nil {
		return net.Degree(i)
	}
	c := 0
	for _, x := range net.dir[net.off[i]:net.off[i+1]] {
		if x&d != 0 {
			c++
		}
	}
	return c
}

// Reciprocity returns the share of the arcs u→v of the directed partner
// network whose reverse v→u is an arc too (Wasserman and Faust 1994, §13.2:
// the reciprocated share of the ties of a directed graph):
//
//	r = #{u→v : v→u} / #{u→v}
//
// An undirected tie is two arcs, so r = 1 when no tie is directed, and NaN
// when there is no arc (no edge). Same as networkx.reciprocity(D).
func Reciprocity(net *Network) float64 {
	if net.M() == 0 {
		return math.NaN()
	}
	if net.dir == nil {
		return 1
	}
	arcs, mutual := 0, 0
	for _, x := range net.dir {
		if x&arcOut != 0 {
			arcs++
			if x == arcBoth {
				mutual++
			}
		}
	}
	return float64(mutual) / float64(arcs)
}
