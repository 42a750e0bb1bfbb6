package storetest

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// Canonical returns a copy of e in the form the suite compares: positions
// cleared, every undirected tie written from the end whose id sorts first,
// every list sorted and empty lists nil. Two data sets that a store must
// treat as the same have the same canonical form.
func Canonical(e *graph.Ecosystem) *graph.Ecosystem {
	if e == nil {
		return nil
	}
	out := &graph.Ecosystem{
		Name:        e.Name,
		Partners:    clone(e.Partners),
		People:      clone(e.People),
		Units:       clone(e.Units),
		Memberships: clone(e.Memberships),
		Ties:        clone(e.Ties),
		Values:      clone(e.Values),
	}
	for i := range out.Partners {
		out.Partners[i].Pos = graph.Pos{}
	}
	for i := range out.People {
		out.People[i].Pos = graph.Pos{}
	}
	for i := range out.Units {
		out.Units[i].Pos = graph.Pos{}
	}
	for i := range out.Memberships {
		out.Memberships[i].Pos = graph.Pos{}
	}
	for i := range out.Ties {
		t := &out.Ties[i]
		t.Pos = graph.Pos{}
		if !t.Directed && t.Source > t.Target {
			t.Source, t.Target = t.Target, t.Source
		}
	}
	for i := range out.Values {
		out.Values[i].Pos = graph.Pos{}
	}
	sortRecords(out.Partners, func(a, b graph.Partner) int { return strings.Compare(a.ID, b.ID) })
	sortRecords(out.People, func(a, b graph.Person) int { return strings.Compare(a.ID, b.ID) })
	sortRecords(out.Units, func(a, b graph.Unit) int { return strings.Compare(a.ID, b.ID) })
	sortRecords(out.Memberships, func(a, b graph.Membership) int {
		return cmp.Or(strings.Compare(a.Unit, b.Unit), strings.Compare(a.Member, b.Member),
			strings.Compare(string(a.Role), string(b.Role)), compareDate(a.Since, b.Since))
	})
	sortRecords(out.Ties, func(a, b graph.Tie) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target),
			strings.Compare(a.Type, b.Type), compareDate(a.Since, b.Since), strings.Compare(a.ID, b.ID))
	})
	sortRecords(out.Values, func(a, b graph.Value) int {
		return cmp.Or(strings.Compare(a.Reporter, b.Reporter), strings.Compare(a.Unit, b.Unit),
			compareDate(a.Date, b.Date), strings.Compare(a.Description, b.Description))
	})
	return out
}

// sortRecords sorts s by key and then, where keys are equal, by all fields,
// so that the order of duplicates does not depend on the input order.
func sortRecords[E any](s []E, key func(a, b E) int) {
	slices.SortFunc(s, func(a, b E) int {
		if c := key(a, b); c != 0 {
			return c
		}
		return strings.Compare(fmt.Sprintf("%#v", a), fmt.Sprintf("%#v", b))
	})
}

func clone[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

func compareDate(a, b graph.Date) int {
	return cmp.Or(cmp.Compare(a.Start(), b.Start()), cmp.Compare(a.Precision(), b.Precision()))
}

// Diff describes how got differs from want after both are put in canonical
// form, or returns "" when they are the same. It lists up to five records
// of each kind found only in one of them.
func Diff(got, want *graph.Ecosystem) string {
	g, w := Canonical(got), Canonical(want)
	if g == nil || w == nil {
		if g == w {
			return ""
		}
		return fmt.Sprintf("got %v, want %v", got, want)
	}
	if reflect.DeepEqual(g, w) {
		return ""
	}
	var b strings.Builder
	if g.Name != w.Name {
		fmt.Fprintf(&b, "name: got %q, want %q\n", g.Name, w.Name)
	}
	diffKind(&b, "partners", g.Partners, w.Partners)
	diffKind(&b, "people", g.People, w.People)
	diffKind(&b, "units", g.Units, w.Units)
	diffKind(&b, "memberships", g.Memberships, w.Memberships)
	diffKind(&b, "ties", g.Ties, w.Ties)
	diffKind(&b, "values", g.Values, w.Values)
	if b.Len() == 0 {
		return "the data sets differ in a way their text does not show"
	}
	return b.String()
}

func diffKind[E any](b *strings.Builder, kind string, got, want []E) {
	if reflect.DeepEqual(got, want) {
		return
	}
	count := func(s []E) map[string]int {
		m := make(map[string]int, len(s))
		for _, r := range s {
			m[fmt.Sprintf("%+v", r)]++
		}
		return m
	}
	gm, wm := count(got), count(want)
	fmt.Fprintf(b, "%s: got %d, want %d\n", kind, len(got), len(want))
	list := func(label string, s []E, in, other map[string]int) {
		n := 0
		for _, r := range s {
			k := fmt.Sprintf("%+v", r)
			if in[k] > other[k] {
				in[k]-- // report each surplus copy once
				if n < 5 {
					fmt.Fprintf(b, "  %s %s\n", label, k)
				}
				n++
			}
		}
		if n > 5 {
			fmt.Fprintf(b, "  ... and %d more %s\n", n-5, label)
		}
	}
	list("unexpected", got, gm, count(want))
	list("missing", want, wm, count(got))
}
