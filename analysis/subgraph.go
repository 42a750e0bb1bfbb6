package analysis

import (
	"github.com/ecoscope/ecoscope/graph"
)

// Induced returns the subnetwork of net induced by the given nodes: those
// nodes, in the order given, and the edges of net between them with their
// weights (and their directions, for InDegree, OutDegree and Reciprocity).
// Node i of the result is nodes[i] of net. A node listed twice is taken once
// (its first place).
func (net *Network) Induced(nodes []int) *Network {
	pos := make(map[int32]int32, len(nodes))
	keep := make([]int, 0, len(nodes))
	for _, v := range nodes {
		if _, dup := pos[int32(v)]; dup {
			continue
		}
		pos[int32(v)] = int32(len(keep))
		keep = append(keep, v)
	}
	sub := &Network{
		ids:     make([]string, len(keep)),
		names:   make([]string, len(keep)),
		helices: make([]graph.Helix, len(keep)),
		sectors: make([]graph.Sector, len(keep)),
		index:   make(map[string]int, len(keep)),
	}
	var edges []wedge
	var directed []int32
	for i, v := range keep {
		sub.ids[i], sub.names[i] = net.ids[v], net.names[v]
		sub.helices[i], sub.sectors[i] = net.helices[v], net.sectors[v]
		if _, ok := sub.index[net.ids[v]]; !ok {
			sub.index[net.ids[v]] = i
		}
		nb, w := net.Neighbors(v), net.Weights(v)
		for k, u := range nb {
			j, ok := pos[u]
			if !ok || int32(i) >= j {
				continue
			}
			d := arcBoth
			if net.dir != nil {
				d = net.dir[int(net.off[v])+k]
			}
			switch d {
			case arcOut:
				directed = append(directed, int32(len(edges)))
				edges = append(edges, wedge{int32(i), j, w[k]})
			case arcIn:
				directed = append(directed, int32(len(edges)))
				edges = append(edges, wedge{j, int32(i), w[k]})
			default:
				edges = append(edges, wedge{int32(i), j, w[k]})
			}
		}
	}
	sub.build(len(keep), edges)
	if len(directed) > 0 {
		sub.setDirections(edges, directed)
	}
	return sub
}
