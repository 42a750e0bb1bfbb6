package analysis

import (
	"context"
	"os"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// BenchmarkGapsCordis runs Gaps on a data set folder named by
// ECOSCOPE_GAPS_DATA, e.g. the full CORDIS H2020 network that
// `go run ./bench/cordis -out /tmp/cordis` writes (docs/benchmarks.md,
// "Full CORDIS (issue 8)"); it is skipped without it.
func BenchmarkGapsCordis(b *testing.B) {
	dir := os.Getenv("ECOSCOPE_GAPS_DATA")
	if dir == "" {
		b.Skip("set ECOSCOPE_GAPS_DATA to a data set folder, e.g. /tmp/cordis")
	}
	e, _, err := importers.Read(dir)
	if err != nil {
		b.Fatal(err)
	}
	net := New(e, Options{Ties: TiesAll})
	opts := GapOptions{Targets: defaultTargets, FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None, graph.FormCoP: graph.None}, MinShare: 0.1, Top: 5}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Gaps(context.Background(), e, net, opts); err != nil {
			b.Fatal(err)
		}
	}
}
