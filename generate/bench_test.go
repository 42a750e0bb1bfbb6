package generate

import (
	"strconv"
	"testing"
)

var benchSizes = []struct{ partners, ties int }{
	{100, 500},
	{1000, 5000},
	{10000, 100000},
	{100000, 1000000},
}

func benchName(partners, ties int) string {
	return "partners=" + strconv.Itoa(partners) + "/ties=" + strconv.Itoa(ties)
}

func BenchmarkEcosystem(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Ecosystem(Options{Partners: s.partners, Ties: s.ties, Seed: 1})
			}
		})
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(benchName(s.partners, s.ties), func(b *testing.B) {
			e := Ecosystem(Options{Partners: s.partners, Ties: s.ties, Seed: 1})
			dir := b.TempDir()
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteCSV(dir, e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
