package network

import (
	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// Graph implements gonum's graph.Undirected and graph.WeightedUndirected,
// with the node id of node i equal to i, so that gonum's algorithms (for
// example community.Modularize or topo.ConnectedComponents) run on it
// directly.
var (
	_ gonum.Undirected         = (*Graph)(nil)
	_ gonum.WeightedUndirected = (*Graph)(nil)
)

func (g *Graph) has(id int64) bool { return id >= 0 && id < int64(g.N()) }

// Node returns the node with the given id (its index), or nil. It is part of
// gonum's graph.Graph.
func (g *Graph) Node(id int64) gonum.Node {
	if !g.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns all nodes in index order. It is part of gonum's graph.Graph.
func (g *Graph) Nodes() gonum.Nodes {
	return &nodeIter{n: g.N(), cur: -1}
}

// From returns the neighbours of the node with the given id. It is part of
// gonum's graph.Graph.
func (g *Graph) From(id int64) gonum.Nodes {
	if !g.has(id) {
		return &nodeIter{cur: -1}
	}
	return &nodeIter{list: g.Neighbors(int(id)), n: g.Degree(int(id)), cur: -1}
}

// HasEdgeBetween reports whether nodes x and y are joined. It is part of
// gonum's graph.Graph.
func (g *Graph) HasEdgeBetween(xid, yid int64) bool {
	return g.has(xid) && g.has(yid) && g.edgeIndex(int(xid), int(yid)) >= 0
}

// Edge returns the edge between u and v, or nil. It is part of gonum's
// graph.Graph.
func (g *Graph) Edge(uid, vid int64) gonum.Edge {
	if e := g.WeightedEdge(uid, vid); e != nil {
		return e
	}
	return nil
}

// EdgeBetween returns the edge between x and y, or nil. It is part of gonum's
// graph.Undirected.
func (g *Graph) EdgeBetween(xid, yid int64) gonum.Edge { return g.Edge(xid, yid) }

// WeightedEdge returns the weighted edge between u and v, or nil. It is part
// of gonum's graph.Weighted.
func (g *Graph) WeightedEdge(uid, vid int64) gonum.WeightedEdge {
	if !g.has(uid) || !g.has(vid) {
		return nil
	}
	j := g.edgeIndex(int(uid), int(vid))
	if j < 0 {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(uid), T: simple.Node(vid), W: g.w[j]}
}

// WeightedEdgeBetween returns the weighted edge between x and y, or nil. It
// is part of gonum's graph.WeightedUndirected.
func (g *Graph) WeightedEdgeBetween(xid, yid int64) gonum.WeightedEdge {
	return g.WeightedEdge(xid, yid)
}

// Weight returns the weight of the edge between x and y and true when they
// are joined; 0 and true when x and y are the same node (there are no
// self-loops); 0 and false otherwise. It is part of gonum's graph.Weighted.
func (g *Graph) Weight(xid, yid int64) (w float64, ok bool) {
	if !g.has(xid) || !g.has(yid) {
		return 0, false
	}
	if xid == yid {
		return 0, true
	}
	j := g.edgeIndex(int(xid), int(yid))
	if j < 0 {
		return 0, false
	}
	return g.w[j], true
}

// nodeIter iterates over 0..n-1, or over list when it is not nil.
type nodeIter struct {
	list []int32
	n    int
	cur  int
}

func (it *nodeIter) Len() int {
	if it.cur >= it.n {
		return 0
	}
	return it.n - it.cur - 1
}

func (it *nodeIter) Next() bool {
	if it.cur >= it.n-1 {
		it.cur = it.n
		return false
	}
	it.cur++
	return true
}

func (it *nodeIter) Node() gonum.Node {
	if it.cur < 0 || it.cur >= it.n {
		return nil
	}
	if it.list != nil {
		return simple.Node(it.list[it.cur])
	}
	return simple.Node(it.cur)
}

func (it *nodeIter) Reset() { it.cur = -1 }
