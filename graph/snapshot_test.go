package graph_test

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// snapshotReference is At as first written, record by record with a map per
// kind, for the records active says are active and the value records dated
// on or before the day last (YYYYMMDD): the reference that At and Between
// must equal.
func snapshotReference(e *graph.Ecosystem, active func(graph.Period) bool, last int) *graph.Ecosystem {
	out := &graph.Ecosystem{Name: e.Name}
	partners := map[string]bool{}
	for _, p := range e.Partners {
		if active(p.Period) {
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
		if active(u.Period) {
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
		if active(m.Period) && units[m.Unit] && known(m.Member) {
			out.Memberships = append(out.Memberships, m)
		}
	}
	for _, t := range e.Ties {
		if active(t.Period) && known(t.Source) && known(t.Target) {
			out.Ties = append(out.Ties, t)
		}
	}
	for _, v := range e.Values {
		if (v.Date.IsZero() || v.Date.Start() <= last) && known(v.Reporter) && (v.Unit == "" || units[v.Unit]) {
			out.Values = append(out.Values, v)
		}
	}
	return out
}

// atReference is the reference snapshot at d, by Period.ActiveAt.
func atReference(e *graph.Ecosystem, d graph.Date) *graph.Ecosystem {
	return snapshotReference(e, func(p graph.Period) bool { return p.ActiveAt(d) }, d.End())
}

// yearsReference is the reference snapshot over the years first to last:
// a record is active in them when it is active at one of the years.
func yearsReference(e *graph.Ecosystem, first, last int) *graph.Ecosystem {
	var years []graph.Date
	for y := first; y <= last; y++ {
		years = append(years, graph.MustParseDate(strconv.Itoa(y)))
	}
	active := func(p graph.Period) bool {
		for _, y := range years {
			if p.ActiveAt(y) {
				return true
			}
		}
		return false
	}
	return snapshotReference(e, active, graph.MustParseDate(strconv.Itoa(last)).End())
}

// TestAtEqualsReference checks At against atReference on generated
// ecosystems (dated partners, units, memberships, ties and values, with
// year, month and day precision) at dates before, during and after their
// growth, Between over spans of years (one end open, or both) against
// yearsReference, and that neither changes its input.
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
		for _, span := range [][2]int{{2012, 2014}, {2015, 2020}, {2019, 2019}, {1990, 2030}} {
			from, to := graph.MustParseDate(strconv.Itoa(span[0])), graph.MustParseDate(strconv.Itoa(span[1]))
			if got, want := e.Between(from, to), yearsReference(e, span[0], span[1]); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, Between(%d, %d): %+v, want %+v", seed, span[0], span[1], got.Counts(), want.Counts())
			}
			if got, want := e.Between(graph.Date{}, to), yearsReference(e, 1900, span[1]); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, Between(open, %d): %+v, want %+v", seed, span[1], got.Counts(), want.Counts())
			}
		}
		if got := e.Between(graph.Date{}, graph.Date{}); !reflect.DeepEqual(got, e) {
			t.Fatalf("seed %d: Between with both ends open: %+v, want all of %+v", seed, got.Counts(), e.Counts())
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
