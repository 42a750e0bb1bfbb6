package importers

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeDataSet writes a random data set of n partners and m ties into dir,
// as a generator or an export from a spreadsheet would: partners.csv with
// every column, ties.csv with source, target, type, weight, since, until and
// directed. The data is the same for the same n, m and seed.
func writeDataSet(tb testing.TB, dir string, n, m int, seed uint64) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	helices := []string{"academia", "industry", "government", "civil_society", "environment", "bedrijf", "gemeente", "HES"}
	regions := []string{"Twente", "Utrecht", "Groningen", "Limburg", "Zeeland"}
	types := []string{"project", "contract", "advice", "co-authorship", "funding"}
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<16)
		fill(w)
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	write("partners.csv", func(w *bufio.Writer) {
		w.WriteString("id,name,helix,sector,kind,region,since,until\n")
		for i := range n {
			fmt.Fprintf(w, "p%d,Partner %d,%s,,,%s,%d,\n", i, i, helices[rng.IntN(len(helices))], regions[rng.IntN(len(regions))], 2000+rng.IntN(20))
		}
	})
	write("ties.csv", func(w *bufio.Writer) {
		w.WriteString("source,target,type,weight,since,until,directed\n")
		for range m {
			s := rng.IntN(n)
			t := rng.IntN(n - 1)
			if t >= s {
				t++ // no self-loops
			}
			fmt.Fprintf(w, "p%d,p%d,%s,%d,%d-%02d,", s, t, types[rng.IntN(len(types))], 1+rng.IntN(5), 2010+rng.IntN(10), 1+rng.IntN(12))
			if rng.IntN(3) == 0 {
				fmt.Fprintf(w, "%d-%02d-%02d", 2020+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))
			}
			if rng.IntN(10) == 0 {
				w.WriteString(",true\n")
			} else {
				w.WriteString(",\n")
			}
		}
	})
}

// BenchmarkReadCSVDir reads generated data sets, up to 100,000 partners and
// 1,000,000 ties (ties.csv is about 40 MB), parsing and validating them.
// Besides the time it reports cpu-ns/op, the processor time of all
// goroutines per read, which other processes on a busy machine do not
// inflate.
func BenchmarkReadCSVDir(b *testing.B) {
	for _, size := range []struct{ partners, ties int }{
		{1_000, 10_000},
		{100_000, 1_000_000},
	} {
		b.Run(fmt.Sprintf("partners=%d/ties=%d", size.partners, size.ties), func(b *testing.B) {
			dir := b.TempDir()
			writeDataSet(b, dir, size.partners, size.ties, 1)
			fi, err := os.Stat(filepath.Join(dir, "ties.csv"))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(fi.Size())
			b.ReportAllocs()
			cpu0, ok := cpuTime()
			for b.Loop() {
				e, _, err := ReadCSVDir(dir)
				if err != nil {
					b.Fatal(err)
				}
				if len(e.Ties) != size.ties {
					b.Fatalf("got %d ties, want %d", len(e.Ties), size.ties)
				}
			}
			if cpu1, _ := cpuTime(); ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
