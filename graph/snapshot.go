package graph

import (
	"fmt"
	"math"
	"sort"
)

func sortStrings(s []string) { sort.Strings(s) }

// At returns the snapshot of e at date d: the partners, units, memberships
// and ties whose period overlaps d (see Period.ActiveAt), the people of the
// partners kept, and the value records dated on or before the end of d (or
// undated). A membership or tie is kept only when the records it names are
// kept too. A zero d returns e itself: the cumulative network.
func (e *Ecosystem) At(d Date) *Ecosystem {
	if d.IsZero() {
		return e
	}
	return e.Between(d, d)
}

// Between returns the snapshot of e over the span from the start of from to
// the end of to, as At does for one date: the partners, units, memberships
// and ties whose period overlaps the span, the people of the partners kept,
// and the value records dated on or before the end of to (or undated). A
// zero from leaves the span open at the start, a zero to at the end. So
// e.Between(d, d) is e.At(d), and a series of quarters (growth) takes
// Between(first day, last day) of each.
func (e *Ecosystem) Between(from, to Date) *Ecosystem {
	// The bounds are worked out once; active is Period.ActiveAt for a span.
	lo, hi := from.Start(), to.End()
	if to.IsZero() {
		hi = math.MaxInt
	}
	active := func(p Period) bool {
		return (p.Since.IsZero() || p.Since.Start() <= hi) && (p.Until.IsZero() || p.Until.End() >= lo)
	}
	out := &Ecosystem{Name: e.Name}
	// kept holds the partners (isPartner) and people (isPerson) kept, in
	// one map so that a tie's ends take one lookup each.
	const isPartner, isPerson = 1, 2
	kept := make(map[string]uint8, len(e.Partners)+len(e.People))
	out.Partners = filter(e.Partners, func(p Partner) bool { return active(p.Period) })
	for _, p := range out.Partners {
		kept[p.ID] |= isPartner
	}
	out.People = filter(e.People, func(p Person) bool { return kept[p.Partner]&isPartner != 0 })
	for _, p := range out.People {
		kept[p.ID] |= isPerson
	}
	units := make(map[string]bool, len(e.Units))
	for _, u := range e.Units {
		if active(u.Period) {
			units[u.ID] = true
		}
	}
	out.Units = filter(e.Units, func(u Unit) bool { return units[u.ID] })
	for i, u := range out.Units {
		if u.Parent != "" && !units[u.Parent] {
			out.Units[i].Parent = "" // the parent is not active at d
		}
	}
	out.Memberships = filter(e.Memberships, func(m Membership) bool {
		return active(m.Period) && units[m.Unit] && kept[m.Member] != 0
	})
	out.Ties = filter(e.Ties, func(t Tie) bool {
		return active(t.Period) && kept[t.Source] != 0 && kept[t.Target] != 0
	})
	out.Values = filter(e.Values, func(v Value) bool {
		return (v.Date.IsZero() || v.Date.Start() <= hi) && kept[v.Reporter] != 0 && (v.Unit == "" || units[v.Unit])
	})
	return out
}

// filter returns the records of s for which keep is true, in order, in a
// slice allocated once (nil when none is kept). keep is called once per
// record.
func filter[T any](s []T, keep func(T) bool) []T {
	mask := make([]bool, len(s))
	k := 0
	for i, x := range s {
		if keep(x) {
			mask[i] = true
			k++
		}
	}
	if k == 0 {
		return nil
	}
	out := make([]T, 0, k)
	for i, x := range s {
		if mask[i] {
			out = append(out, x)
		}
	}
	return out
}

// NotFoundError is the error for an id that names no record; Closest holds
// the nearest known ids for a "did you mean" message.
type NotFoundError struct {
	Kind    string // "unit", "partner", ...
	ID      string
	Closest []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("unknown %s %s", e.Kind, Quote(e.ID))
	if len(e.Closest) > 0 {
		msg += "; closest: "
		for i, c := range e.Closest {
			if i > 0 {
				msg += ", "
			}
			msg += Quote(c)
		}
	}
	return msg
}

// Subtree returns the part of e under the unit id: that unit and every unit
// nested below it, their memberships, the partners that are members of any of
// them (directly or through their people), the people of those partners, the
// ties among those partners and their people, and the value records of those
// units. An unknown id is a *NotFoundError.
func (e *Ecosystem) Subtree(id string) (*Ecosystem, error) {
	ix := NewIndex(e)
	if _, ok := ix.Unit[id]; !ok {
		ids := make([]string, len(e.Units))
		for i, u := range e.Units {
			ids[i] = u.ID
		}
		return nil, &NotFoundError{Kind: "unit", ID: id, Closest: Closest(id, ids, 3)}
	}
	children := e.Children()
	units := map[string]bool{}
	stack := []string{id}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if units[u] {
			continue
		}
		units[u] = true
		stack = append(stack, children[u]...)
	}
	out := &Ecosystem{Name: e.Name}
	for _, u := range e.Units {
		if units[u.ID] {
			if u.ID == id {
				u.Parent = ""
			}
			out.Units = append(out.Units, u)
		}
	}
	partners := map[string]bool{}
	for _, m := range e.Memberships {
		if !units[m.Unit] {
			continue
		}
		out.Memberships = append(out.Memberships, m)
		if p, ok := e.partnerOf(ix, m.Member); ok {
			partners[p] = true
		}
	}
	for _, p := range e.Partners {
		if partners[p.ID] {
			out.Partners = append(out.Partners, p)
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
	for _, t := range e.Ties {
		if known(t.Source) && known(t.Target) {
			out.Ties = append(out.Ties, t)
		}
	}
	for _, v := range e.Values {
		if units[v.Unit] && known(v.Reporter) {
			out.Values = append(out.Values, v)
		}
	}
	return out, nil
}
