package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/sqlite"
)

// benchSizes are the generated data sets of the benchmarks; the last is the
// one of the performance target: import in 4 s, load in 2 s.
var benchSizes = []struct{ partners, ties int }{
	{1000, 10000},
	{10000, 100000},
	{100000, 1000000},
}

func benchName(partners, ties int) string {
	return "partners=" + strconv.Itoa(partners) + "/ties=" + strconv.Itoa(ties)
}

// benchData returns a generated data set, validated as an importer would.
func benchData(b *testing.B, partners, ties int) *graph.Ecosystem {
	b.Helper()
	e := generate.Ecosystem(generate.Options{Partners: partners, Ties: ties, Seed: 1})
	if err := e.Validate().Err(); err != nil {
		b.Fatal(err)
	}
	return e
}

// reportPeakRSS reports the peak resident memory of the process so far
// (VmHWM): the data set in memory included.
func reportPeakRSS(b *testing.B) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return // not Linux
	}
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err == nil {
				b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
			}
		}
	}
}

// BenchmarkImport imports a generated data set into a new store.
func BenchmarkImport(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(benchName(size.partners, size.ties), func(b *testing.B) {
			e := benchData(b, size.partners, size.ties)
			ctx := context.Background()
			dir := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			var cpu time.Duration
			for i := range b.N {
				b.StopTimer()
				s, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("import-%d.db", i)))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				c := cpuTime()
				if _, err := s.Import(ctx, e, graph.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c
				b.StopTimer()
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(len(e.Ties))*float64(b.N)/b.Elapsed().Seconds(), "ties/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			reportPeakRSS(b)
		})
	}
}

// BenchmarkReimport imports a generated data set into a store that holds
// it already: every record is found unchanged.
func BenchmarkReimport(b *testing.B) {
	for _, size := range benchSizes[:2] {
		b.Run(benchName(size.partners, size.ties), func(b *testing.B) {
			e := benchData(b, size.partners, size.ties)
			ctx := context.Background()
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "reimport.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Import(ctx, e, graph.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Import(ctx, e, graph.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad loads a generated data set: all of it, and its snapshot at a
// date in the middle of its growth.
func BenchmarkLoad(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(benchName(size.partners, size.ties), func(b *testing.B) {
			ctx := context.Background()
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "load.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			e := benchData(b, size.partners, size.ties)
			if _, err := s.Import(ctx, e, graph.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			e = nil // let the data set go: loads build their own
			for _, q := range []struct {
				name string
				q    graph.Query
			}{
				{"all", graph.Query{}},
				{"at=2020-06-30", graph.Query{At: graph.MustParseDate("2020-06-30")}},
			} {
				b.Run(q.name, func(b *testing.B) {
					b.ReportAllocs()
					var got *graph.Ecosystem
					cpu := cpuTime()
					for b.Loop() {
						if got, err = s.Load(ctx, q.q); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(len(got.Ties))*float64(b.N)/b.Elapsed().Seconds(), "ties/s")
					b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
					reportPeakRSS(b)
				})
			}
		})
	}
}
