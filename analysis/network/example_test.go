package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ecoscope/ecoscope/analysis/network"
)

// Betweenness on a path a–b–c–d: b and c each lie on two of the three
// shortest paths between other pairs (normalised by (n-1)(n-2)/2 = 3).
func ExampleBetweenness() {
	labels := network.NewLabels([]string{"a", "b", "c", "d"})
	g := network.Build(labels, []network.Edge{{U: 0, V: 1, W: 1}, {U: 1, V: 2, W: 1}, {U: 2, V: 3, W: 1}}, nil)
	fmt.Printf("%.4f\n", network.Betweenness(g))
	approx, r := network.BetweennessApprox(g, 0.1, 0.1, rand.NewPCG(1, 2))
	fmt.Printf("%d samples; all within 0.1: %v\n", r, within(approx, network.Betweenness(g), 0.1))
	// Output:
	// [0.0000 0.6667 0.6667 0.0000]
	// 1061 samples; all within 0.1: true
}

func within(a, b []float64, tol float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

// Two triangles joined by one edge: Louvain finds the triangles.
func ExampleLouvain() {
	labels := network.NewLabels([]string{"a", "b", "c", "d", "e", "f"})
	var edges []network.Edge
	for _, e := range [][2]int32{{0, 1}, {1, 2}, {0, 2}, {2, 3}, {3, 4}, {4, 5}, {3, 5}} {
		edges = append(edges, network.Edge{U: e[0], V: e[1], W: 1})
	}
	g := network.Build(labels, edges, nil)
	c := network.Louvain(g, rand.NewPCG(1, 1))
	fmt.Println(c.Of, c.Sizes, math.Round(c.Q*1e4)/1e4)
	// Output:
	// [0 0 0 1 1 1] [3 3] 0.3571
}
