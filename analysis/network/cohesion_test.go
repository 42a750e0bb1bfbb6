package network

import (
	"math"
	"testing"
)

// TestGoldenCohesion compares with NetworkX 3.6.1 on the networks of
// testdata/golden (see testdata/make_golden.py for the exact calls).
func TestGoldenCohesion(t *testing.T) {
	for _, name := range goldenGraphs {
		t.Run(name, func(t *testing.T) {
			g := readGolden(t, name)
			net := g.graph()
			checkNodes(t, net, "Triangles", ints(Triangles(net)), g.want(t, "triangles"), 0)           // nx.triangles(G)
			checkNodes(t, net, "Clustering", Clustering(net), g.want(t, "clustering"), 1e-9)           // nx.clustering(G)
			checkNodes(t, net, "CoreNumber", ints(CoreNumber(net)), g.want(t, "core_number"), 0)       // nx.core_number(G)
			checkNodes(t, net, "Constraint", Constraint(net), g.want(t, "constraint"), 1e-9)           // nx.constraint(G)
			checkNodes(t, net, "EffectiveSize", EffectiveSize(net), g.want(t, "effective_size"), 1e-9) // nx.effective_size(G)
			nm := g.NetworkMetrics
			for _, tt := range []struct {
				name      string
				got, want float64
				tol       float64
			}{
				{"Transitivity", Transitivity(net), nm["transitivity"], 1e-9},                 // nx.transitivity(G)
				{"AverageClustering", AverageClustering(net), nm["average_clustering"], 1e-9}, // nx.average_clustering(G)
				{"Density", Density(net), nm["density"], 1e-9},                                // nx.density(G)
				{"LargestComponentShare", LargestComponentShare(net), nm["largest_component_share"], 1e-12},
				{"Components", float64(second(Components(net))), nm["components"], 0}, // nx.number_connected_components(G)
			} {
				if !near(tt.got, tt.want, tt.tol) {
					t.Errorf("%s = %.15g, want %.15g", tt.name, tt.got, tt.want)
				}
			}
		})
	}
}

func second[A, B any](_ A, b B) B { return b }

// TestRandomCohesion compares with straightforward implementations of the
// definitions on seeded random networks.
func TestRandomCohesion(t *testing.T) {
	for c, rc := range randomCases(200) {
		net := rc.graph()
		a := rc.a
		n := len(a)
		adj := func(i, j int) bool { return a[i][j] > 0 }
		deg := make([]int, n)
		for i := range a {
			for j := range a {
				if adj(i, j) {
					deg[i]++
				}
			}
		}
		tri := make([]int, n)
		clus := make([]float64, n)
		var sumTri, triples, avg float64
		for v := 0; v < n; v++ {
			for i := 0; i < n; i++ {
				for j := i + 1; j < n; j++ {
					if adj(v, i) && adj(v, j) && adj(i, j) {
						tri[v]++
					}
				}
			}
			if deg[v] >= 2 {
				clus[v] = float64(tri[v]) / float64(deg[v]*(deg[v]-1)/2)
			}
			sumTri += float64(tri[v])
			triples += float64(deg[v] * (deg[v] - 1) / 2)
			avg += clus[v] / float64(n)
		}
		trans := 0.0
		if sumTri > 0 {
			trans = sumTri / triples
		}
		// Core numbers: v is in the k-core if it survives repeatedly
		// deleting nodes with fewer than k neighbours left.
		core := make([]int, n)
		for k := 1; k < n; k++ {
			alive := make([]bool, n)
			for i := range alive {
				alive[i] = true
			}
			for changed := true; changed; {
				changed = false
				for v := 0; v < n; v++ {
					if !alive[v] {
						continue
					}
					dv := 0
					for u := 0; u < n; u++ {
						if alive[u] && adj(u, v) {
							dv++
						}
					}
					if dv < k {
						alive[v], changed = false, true
					}
				}
			}
			for v := range alive {
				if alive[v] {
					core[v] = k
				}
			}
		}
		// Burt's constraint and effective size from their definitions
		// (unweighted: p_ij = a_ij/Σ_k a_ik with a 0/1, m_jq = a_jq).
		p := func(i, j int) float64 {
			if !adj(i, j) {
				return 0
			}
			return 1 / float64(deg[i])
		}
		cons := make([]float64, n)
		esize := make([]float64, n)
		for i := 0; i < n; i++ {
			if deg[i] == 0 {
				cons[i], esize[i] = math.NaN(), math.NaN()
				continue
			}
			for j := 0; j < n; j++ {
				if !adj(i, j) {
					continue
				}
				l := p(i, j)
				red := 0.0
				for q := 0; q < n; q++ {
					l += p(i, q) * p(q, j)
					if q != j && adj(j, q) {
						red += p(i, q)
					}
				}
				cons[i] += l * l
				esize[i] += 1 - red
			}
		}
		// Components by union–find.
		parent := make([]int, n)
		for i := range parent {
			parent[i] = i
		}
		var find func(int) int
		find = func(i int) int {
			if parent[i] != i {
				parent[i] = find(parent[i])
			}
			return parent[i]
		}
		comps := n
		for i := 0; i < n; i++ {
			for j := 0; j < i; j++ {
				if adj(i, j) && find(i) != find(j) {
					parent[find(i)] = find(j)
					comps--
				}
			}
		}
		what := func(m string) string { return "case " + itoa(c) + ": " + m }
		checkNodes(t, net, what("Triangles"), ints(Triangles(net)), ints(tri), 0)
		checkNodes(t, net, what("Clustering"), Clustering(net), clus, 1e-12)
		checkNodes(t, net, what("CoreNumber"), ints(CoreNumber(net)), ints(core), 0)
		checkNodes(t, net, what("Constraint"), Constraint(net), cons, 1e-12)
		checkNodes(t, net, what("EffectiveSize"), EffectiveSize(net), esize, 1e-12)
		checkNodes(t, net, what("Degree"), ints(Degree(net)), ints(deg), 0)
		if got := Transitivity(net); !near(got, trans, 1e-12) {
			t.Errorf("case %d: Transitivity = %v, want %v", c, got, trans)
		}
		if got := AverageClustering(net); !near(got, avg, 1e-12) {
			t.Errorf("case %d: AverageClustering = %v, want %v", c, got, avg)
		}
		if _, got := Components(net); got != comps {
			t.Errorf("case %d: Components = %d, want %d", c, got, comps)
		}
		if t.Failed() {
			t.Fatalf("case %d: n=%d", c, n)
		}
	}
}

func BenchmarkClustering(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { Clustering(net) })
}

func BenchmarkCoreNumber(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { CoreNumber(net) })
}

func BenchmarkConstraint(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { Constraint(net) })
}

func BenchmarkEffectiveSize(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { EffectiveSize(net) })
}

func BenchmarkComponents(b *testing.B) {
	benchNodeMetric(b, func(net *Graph) { Components(net) })
}
