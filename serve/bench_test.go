package serve

import (
	"context"
	"encoding/json"
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

// BenchmarkNetwork makes the /api/network answer, JSON included, for the
// generated ecosystems of docs/benchmarks.md.
func BenchmarkNetwork(b *testing.B) {
	for _, n := range []int{6000, 50000} {
		e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
		b.Run(fmt.Sprintf("partners=%d", n), func(b *testing.B) {
			for b.Loop() {
				net, err := BuildNetwork(context.Background(), e, "generated", analysis.DefaultOptions(), 1)
				if err != nil {
					b.Fatal(err)
				}
				body, err := json.Marshal(net)
				if err != nil {
					b.Fatal(err)
				}
				newAnswer(200, body).gzipped()
			}
		})
	}
}
