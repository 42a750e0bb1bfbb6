package network

import (
	"math"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
)

// benchSizes are the generated networks of the benchmarks: 5 ties per
// partner, as generate.Ecosystem makes them by default.
var benchSizes = []struct{ partners, ties int }{
	{1000, 5000},
	{6000, 30000},
	{50000, 250000},
}

var (
	benchMu   sync.Mutex
	benchNets = map[int]*Graph{}
)

// generated returns the partner network of a generated ecosystem
// (generate.Options.NetworkOnly: partners and ties only), made as package
// analysis makes it: the same network that bench/edgelist writes for
// bench/peers.sh.
func generated(partners, ties int, seed int64) *Graph {
	e := generate.Ecosystem(generate.Options{Partners: partners, Ties: ties, Seed: seed, NetworkOnly: true})
	ids := make([]string, len(e.Partners))
	for i, p := range e.Partners {
		ids[i] = p.ID
	}
	pt := e.PartnerTies()
	ts := make([]tie, len(pt))
	for k, t := range pt {
		ts[k] = tie{u: t.Source, v: t.Target, w: t.Weight, directed: t.Directed}
	}
	return fromTies(ids, ts)
}

// benchNetwork returns the generated network of a benchmark size, seed 1,
// built once.
func benchNetwork(b *testing.B, partners, ties int) *Graph {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if g, ok := benchNets[partners]; ok {
		return g
	}
	g := generated(partners, ties, 1)
	benchNets[partners] = g
	return g
}

func benchName(partners, ties int) string {
	return "partners=" + strconv.Itoa(partners) + "/ties=" + strconv.Itoa(ties)
}

// benchNodeMetric runs f on every benchmark size; set
// ECOSCOPE_BENCH_MAX to a number of partners to skip the larger sizes.
func benchNodeMetric(b *testing.B, f func(g *Graph)) {
	limit := math.MaxInt
	if s := os.Getenv("ECOSCOPE_BENCH_MAX"); s != "" {
		limit, _ = strconv.Atoi(s)
	}
	for _, s := range benchSizes {
		if s.partners > limit {
			continue
		}
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			g := benchNetwork(b, s.partners, s.ties)
			b.ReportAllocs()
			for b.Loop() {
				f(g)
			}
		})
	}
}

// BenchmarkBuild times Build on the edges of the generated networks.
func BenchmarkBuild(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			g := benchNetwork(b, s.partners, s.ties)
			var edges []Edge
			for i := range g.N() {
				ws := g.Weights(i)
				for k, j := range g.Neighbors(i) {
					if int(j) > i {
						edges = append(edges, Edge{int32(i), j, ws[k]})
					}
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				Build(g.Labels, edges, nil)
			}
		})
	}
}
