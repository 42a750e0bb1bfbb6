package neo4j

import (
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

var benchData = struct {
	sync.Mutex
	m map[int]*graph.Ecosystem
}{m: map[int]*graph.Ecosystem{}}

// benchEcosystem returns the generated ecosystem of n partners and 10n
// ties (with people, units, memberships and value records), validated.
func benchEcosystem(b *testing.B, n int) *graph.Ecosystem {
	benchData.Lock()
	defer benchData.Unlock()
	if e, ok := benchData.m[n]; ok {
		return e
	}
	e := generate.Ecosystem(generate.Options{Partners: n, Ties: 10 * n, Seed: 1})
	if err := e.Validate().Err(); err != nil {
		b.Fatal(err)
	}
	benchData.m[n] = e
	return e
}

// BenchmarkRows measures what an import does in Go before the server sees
// anything: building the rows of every record and planning the import
// (build: plan an import into an empty store and build the rows of every
// batch; replan: plan the same data again, all unchanged),
// the rows of one batch of 10,000 ties (memory per batch), and a Cypher
// script.
// The end-to-end import into Neo4j needs a server (docs/neo4j.md).
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		name := fmt.Sprintf("%dk", n/1000)
		b.Run("build/"+name, func(b *testing.B) {
			e := benchEcosystem(b, n)
			empty := &graph.Ecosystem{}
			rows := 0
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				p, err := plan(empty, e, false)
				if err != nil {
					b.Fatal(err)
				}
				rows = 0
				for _, st := range p.steps {
					st.eachBatch(DefaultBatchSize, func(batch []any) error {
						rows += len(batch)
						return nil
					})
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
			b.ReportMetric(float64(rows), "rows")
		})
		b.Run("replan/"+name, func(b *testing.B) {
			e := benchEcosystem(b, n)
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if _, err := plan(e, e, true); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total(e.Counts()))*float64(b.N)/time.Since(start).Seconds(), "records/s")
		})
		b.Run("script/"+name, func(b *testing.B) {
			e := benchEcosystem(b, n)
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if err := WriteScript(io.Discard, e, ScriptOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total(e.Counts()))*float64(b.N)/time.Since(start).Seconds(), "records/s")
		})
	}
	b.Run("batch/ties", func(b *testing.B) {
		e := benchEcosystem(b, 10_000)
		ties := e.Ties[:min(len(e.Ties), DefaultBatchSize)]
		b.ReportAllocs()
		for b.Loop() {
			rows := make([]any, len(ties))
			for i := range ties {
				rows[i] = tieRow(&ties[i])
			}
		}
		b.ReportMetric(float64(len(ties)), "rows/batch")
	})
}

func total(c graph.Counts) int {
	return c.Partners + c.People + c.Units + c.Memberships + c.Ties + c.Values
}
