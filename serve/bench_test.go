package serve

import (
	"fmt"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
)

// BenchmarkLayout lays out the network (all ties) of the generated
// ecosystems of docs/benchmarks.md.
func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{6000, 50000} {
		e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
		net := analysis.New(e, analysis.DefaultOptions())
		b.Run(fmt.Sprintf("partners=%d", n), func(b *testing.B) {
			for b.Loop() {
				Layout(net.Graph, 1)
			}
		})
	}
}
