package graph

import (
	"fmt"
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
	out := &Ecosystem{Name: e.Name}
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
				u.Parent = "" // the parent is not active at d
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

// NotFoundError is the error for an id that names no record; Closest holds
// the nearest known ids for a "did you mean" message.
type NotFoundError struct {
	Kind    string // "unit", "partner", ...
	ID      string
	Closest []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("unknown %s %q", e.Kind, e.ID)
	if len(e.Closest) > 0 {
		msg += "; closest: "
		for i, c := range e.Closest {
			if i > 0 {
				msg += ", "
			}
			msg += fmt.Sprintf("%q", c)
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
