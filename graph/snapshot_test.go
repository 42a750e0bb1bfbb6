package graph_test

import (
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// atReference is At as first written, record by record with a map per kind:
// the reference the faster At must equal.
func atReference(e *graph.Ecosystem, d graph.Date) *graph.Ecosystem {
	if d.IsZero() {
		return e
	}
	out := &graph.Ecosystem{Name: e.Name}
	partners := map[string]bool{}
	for _, p := range e.Partners {
		if p.ActiveAt(d) {
			out.Partners = append(out.Partners, p)
			partners[p.ID] = true
		}
	}
	people := map[string]bool{}
	for _, p := range e.People {
		if partners[p.Partner] {
			out.People = append(out.People, p)
			people[p.ID] = true
		}
	}
	known := func(id string) bool { return partners[id] || people[id] }
	units := map[string]bool{}
	for _, u := range e.Units {
		if u.ActiveAt(d) {
			units[u.ID] = true
		}
	}
	for _, u := range e.Units {
		if units[u.ID] {
			if u.Parent != "" && !units[u.Parent] {
				u.Parent = ""
			}
			out.Units = append(out.Units, u)
		}
	}
	for _, m := range e.Memberships {
		if m.ActiveAt(d) && units[m.Unit] && known(m.Member) {
			out.Memberships = append(out.Memberships, m)
		}
	}
	for _, t := range e.Ties {
		if t.ActiveAt(d) && known(t.Source) && known(t.Target) {
			out.Ties = append(out.Ties, t)
		}
	}
	for _, v := range e.Values {
		if (v.Date.IsZero() || v.Date.Start() <= d.End()) && known(v.Reporter) && (v.Unit == "" || units[v.Unit]) {
			out.Values = append(out.Values, v)
		}
	}
	return out
}

// TestAtEqualsReference checks At against atReference on generated
// ecosystems (dated partners, units, memberships, ties and values, with
// year, month and day precision) at dates before, during and after their
// growth, and checks that At leaves its input unchanged.
func TestAtEqualsReference(t *testing.T) {
	dates := []string{"1990", "2012", "2015-06", "2018-02-28", "2020", "2021-07-15", "2023-12", "2026", "2100"}
	for seed := int64(1); seed <= 4; seed++ {
		opts := generate.Options{Partners: 300 * int(seed), Seed: seed}
		e := generate.Ecosystem(opts)
		for _, s := range dates {
			d := graph.MustParseDate(s)
			got, want := e.At(d), atReference(e, d)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, At(%s): %+v, want %+v", seed, s, got.Counts(), want.Counts())
			}
		}
		if !reflect.DeepEqual(e, generate.Ecosystem(opts)) {
			t.Fatalf("seed %d: At changed its input", seed)
		}
	}
}

// BenchmarkAt takes a snapshot of a generated 100,000-partner /
// 1,000,000-tie ecosystem at a date when most of it is active.
func BenchmarkAt(b *testing.B) {
	e := generate.Ecosystem(generate.Options{Partners: 100000, Ties: 1000000, Seed: 1})
	d := graph.MustParseDate("2026")
	for _, impl := range []struct {
		name string
		at   func(*graph.Ecosystem, graph.Date) *graph.Ecosystem
	}{{"At", (*graph.Ecosystem).At}, {"reference", atReference}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				impl.at(e, d)
			}
		})
	}
}
