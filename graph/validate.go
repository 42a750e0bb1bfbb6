package graph

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Validate checks e and returns the problems found, not only the first, and
// normalises e on the way: it fills the defaults (a partner's name is its id,
// its sector follows from its helix type; a unit's level follows from its
// form and its form from its level; a tie's weight is 1; a membership's role
// is member) and drops self-loops with a warning.
//
// It finds: empty required fields, duplicate ids (partner and person ids
// share one name space, so that a tie names one of them without doubt), ties,
// memberships, people and values that name an unknown partner, person or
// unit, a unit whose parent is unknown or that is its own ancestor, a form
// that does not belong to the given level, until before since, and weights
// that are not positive numbers or above MaxWeight. Vocabulary values are checked when the
// input is parsed (see ParseHelix and friends).
//
// Last, when nothing else is wrong, it merges repeated records (see
// Combine) and adds a notice for each kind it merged.
//
// The problems are gathered as a Collector gathers them: the first
// MaxProblemsShown of each kind, then the count of the rest; a "did you
// mean" is looked for only for a problem kept.
func (e *Ecosystem) Validate() Problems {
	return e.ValidateWith(ValidateOptions{})
}

// ValidateRecords is Validate without the merging of repeated records, for
// a data set already known to be invalid (whose repeats would only add
// noise to its problems).
func (e *Ecosystem) ValidateRecords() Problems {
	return e.ValidateWith(ValidateOptions{RecordsOnly: true})
}

// ValidateOptions tell ValidateWith what to leave out.
type ValidateOptions struct {
	// RecordsOnly leaves out the merging of repeated records, as
	// ValidateRecords does.
	RecordsOnly bool
	// Reported, when set, tells the fields already reported by whoever
	// read the records (a value it could not parse and left empty):
	// Validate leaves out its own problems about them, which would only
	// repeat those.
	Reported func(pos Pos, field string) bool
	// Known are records that the data set may name without holding them
	// (see Known): references to them are not problems, and repeated ties
	// between them are merged like any others.
	Known *Known
}

// ValidateWith is Validate with options.
func (e *Ecosystem) ValidateWith(o ValidateOptions) Problems {
	var c Collector
	ends := e.validateRecords(&c, o.Reported, o.Known)
	if c.Errors() == 0 && !o.RecordsOnly {
		comb := e.combine(ends, &c)
		c.AddAll(comb.Notes(""))
	}
	return c.Problems()
}

// validateRecords is ValidateRecords into c, leaving out the problems that
// reported tells; it returns the actor numbers of the ends of every tie
// (see tieEnds), for Combine.
func (e *Ecosystem) validateRecords(c *Collector, reported func(Pos, string) bool, known *Known) []tieEnds {
	stored := newKnownRefs(known, len(e.Partners)+len(e.People))
	nerr := 0 // the errors found
	add := func(pos Pos, field, format string, args ...any) {
		nerr++
		if reported == nil || !reported(pos, field) {
			c.Addf(Problem{Pos: pos, Field: field}, format, args...)
		}
	}
	warn := func(pos Pos, field, format string, args ...any) {
		c.Addf(Problem{Pos: pos, Field: field, Warning: true}, format, args...)
	}
	period := func(pos Pos, p Period) {
		if !p.Valid() {
			add(pos, "until", "until %s is before since %s", p.Until, p.Since)
		}
	}
	if len(e.Partners) == 0 {
		add(Pos{}, "", "no partners: the data set needs at least one partner")
	}

	// Partners and people by id: the number of the actor, partner i being
	// i and person j len(e.Partners)+j (see actorPos).
	partners := make(map[string]int32, len(e.Partners))
	actorPos := func(a int32) Pos {
		if int(a) < len(e.Partners) {
			return e.Partners[a].Pos
		}
		return e.People[int(a)-len(e.Partners)].Pos
	}
	for i := range e.Partners {
		p := &e.Partners[i]
		p.ID = strings.TrimSpace(p.ID)
		if p.ID == "" {
			add(p.Pos, "id", "empty id")
		} else if first, dup := partners[p.ID]; dup {
			add(p.Pos, "id", "duplicate partner id %s (first at %s)", Quote(p.ID), posString(actorPos(first)))
		} else {
			partners[p.ID] = int32(i)
		}
		if p.Name == "" {
			p.Name = p.ID
		}
		if p.Helix == "" {
			p.Helix = HelixUnknown
		}
		if p.Sector == "" {
			p.Sector = DefaultSector(p.Helix)
		}
		period(p.Pos, p.Period)
	}

	partnerIDs := &suggester{collect: func() []string { return keys(partners) }}
	people := make(map[string]int32, len(e.People))
	for i := range e.People {
		p := &e.People[i]
		p.ID = strings.TrimSpace(p.ID)
		switch {
		case p.ID == "":
			add(p.Pos, "id", "empty id")
		case hasKey(partners, p.ID):
			add(p.Pos, "id", "person id %s is also a partner id (at %s); ids of people and partners must differ", Quote(p.ID), posString(actorPos(partners[p.ID])))
		case hasKey(people, p.ID):
			add(p.Pos, "id", "duplicate person id %s (first at %s)", Quote(p.ID), posString(actorPos(people[p.ID])))
		default:
			people[p.ID] = int32(len(e.Partners) + i)
		}
		if p.Name == "" {
			p.Name = p.ID
		}
		if p.Partner == "" {
			add(p.Pos, "partner", "empty partner: every person works for a partner")
		} else if !hasKey(partners, p.Partner) && !stored.partner(p.Partner) {
			add(p.Pos, "partner", "unknown partner %s%s", Quote(p.Partner), partnerIDs.lazy(p.Partner))
		}
	}

	units := make(map[string]Pos, len(e.Units))
	unitIDs := &suggester{collect: func() []string { return keys(units) }}
	members := &suggester{collect: func() []string { return append(keys(partners), keys(people)...) }}
	for i := range e.Units {
		u := &e.Units[i]
		u.ID = strings.TrimSpace(u.ID)
		if u.ID == "" {
			add(u.Pos, "id", "empty id")
		} else if first, dup := units[u.ID]; dup {
			add(u.Pos, "id", "duplicate unit id %s (first at %s)", Quote(u.ID), posString(first))
		} else {
			units[u.ID] = u.Pos
		}
		if u.Name == "" {
			u.Name = u.ID
		}
		switch {
		case u.Level == "" && u.Form == "":
			add(u.Pos, "level", "empty level and form: give a level (ecosystem, fieldlab, team) or a form")
		case u.Level == "":
			u.Level = u.Form.Level()
		case u.Form == "":
			u.Form = u.Level.DefaultForm()
		case u.Form.Level() != u.Level:
			add(u.Pos, "form", "form %s belongs to level %s, not %s", u.Form, u.Form.Level(), u.Level)
		}
		period(u.Pos, u.Period)
	}
	for _, u := range e.Units {
		if u.Parent == "" {
			continue
		}
		if !hasKey(units, u.Parent) && !stored.unit(u.Parent) {
			add(u.Pos, "parent", "unknown unit %s%s", Quote(u.Parent), unitIDs.lazy(u.Parent))
		}
	}
	// Loops in the parent chains, each chain walked once: a unit is new
	// (0), on the walk under way (1) or done (2).
	parent := make(map[string]string, len(e.Units))
	for _, u := range e.Units {
		parent[u.ID] = u.Parent
	}
	// Through known units too: a data set may hang a unit below a stored
	// one whose chain leads back into it.
	if known != nil {
		for id, p := range known.Units {
			if _, ok := parent[id]; !ok {
				parent[id] = p
			}
		}
	}
	state := make(map[string]uint8, len(e.Units))
	looped := map[string]bool{} // the units on a loop
	var walk []string
	for _, u := range e.Units {
		walk = walk[:0]
		p := u.ID
		for ; p != "" && state[p] == 0; p = parent[p] {
			if _, ok := parent[p]; !ok {
				break // an unknown parent, reported above
			}
			state[p] = 1
			walk = append(walk, p)
		}
		if p != "" && state[p] == 1 { // back on this walk: a loop from p on
			for i := len(walk) - 1; i >= 0 && !looped[p]; i-- {
				looped[walk[i]] = true
			}
		}
		for _, w := range walk {
			state[w] = 2
		}
	}
	for _, u := range e.Units {
		if looped[u.ID] {
			add(u.Pos, "parent", "unit %s is its own ancestor (its parent chain loops back through %s)", Quote(u.ID), Quote(u.Parent))
		}
	}

	// member checks the id of a partner or person and returns its actor
	// number, -1 for none.
	member := func(pos Pos, field, id string) int32 {
		if id == "" {
			add(pos, field, "empty %s", field)
			return -1
		}
		if a, ok := partners[id]; ok {
			return a
		}
		if a, ok := people[id]; ok {
			return a
		}
		if a, ok := stored.actor(id); ok {
			return a
		}
		add(pos, field, "unknown partner or person %s%s", Quote(id), members.lazy(id))
		return -1
	}

	for i := range e.Memberships {
		m := &e.Memberships[i]
		if m.Unit == "" {
			add(m.Pos, "unit", "empty unit")
		} else if !hasKey(units, m.Unit) && !stored.unit(m.Unit) {
			add(m.Pos, "unit", "unknown unit %s%s", Quote(m.Unit), unitIDs.lazy(m.Unit))
		}
		member(m.Pos, "member", m.Member)
		if m.Role == "" {
			m.Role = RoleMember
		}
		period(m.Pos, m.Period)
	}

	kept := e.Ties[:0]
	ends := make([]tieEnds, 0, len(e.Ties)) // of the ties kept
	for _, t := range e.Ties {
		bad := nerr
		a := member(t.Pos, "source", t.Source)
		b := member(t.Pos, "target", t.Target)
		switch {
		case t.Weight == 0:
			t.Weight = 1
		case math.IsNaN(t.Weight) || math.IsInf(t.Weight, 0) || t.Weight < 0:
			add(t.Pos, "weight", "weight %v is not a positive number", t.Weight)
		case t.Weight > MaxWeight:
			add(t.Pos, "weight", "weight %v is above the largest weight, %v", t.Weight, MaxWeight)
		}
		period(t.Pos, t.Period)
		if t.Source != "" && t.Source == t.Target && nerr == bad {
			warn(t.Pos, "target", "tie from %s to itself (a self-loop) is dropped", Quote(t.Source))
			continue
		}
		kept = append(kept, t)
		ends = append(ends, tieEnds{a, b})
	}
	e.Ties = kept

	for i := range e.Values {
		v := &e.Values[i]
		member(v.Pos, "reporter", v.Reporter)
		if v.Unit != "" && !hasKey(units, v.Unit) && !stored.unit(v.Unit) {
			add(v.Pos, "unit", "unknown unit %s%s", Quote(v.Unit), unitIDs.lazy(v.Unit))
		}
		if v.Cycle == "" {
			add(v.Pos, "cycle", "empty cycle (one of %s)", joinCycles())
		}
		if v.Capital != "" && v.Cycle != CyclePotential {
			add(v.Pos, "capital", "capital %s is only given with cycle potential, not %s", v.Capital, v.Cycle)
		}
	}
	return ends
}

func joinCycles() string {
	s := make([]string, len(Cycles))
	for i, c := range Cycles {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func posString(p Pos) string {
	s := p.File
	switch {
	case p.File == "":
		s = "record"
	case p.Line > 0:
		s += ":" + strconv.Itoa(p.Line)
	}
	if p.Record != "" {
		s += ", " + p.Record
	}
	return s
}

// suggester proposes the nearest known id for an unknown one. It gathers
// and sorts the known ids once, when first asked, after the maps are full.
type suggester struct {
	collect func() []string // the known ids, in any order
	ids     []string
	built   bool
}

// lazy returns the suggestion for id as a fmt.Stringer, looked for only
// when formatted: only for a problem that is shown (see Collector.Addf).
func (s *suggester) lazy(id string) fmt.Stringer { return suggestion{s, id} }

type suggestion struct {
	s  *suggester
	id string
}

func (x suggestion) String() string { return x.s.suggest(x.id) }

// suggest returns "; did you mean ...?" with the known id nearest to id,
// or "" when none is near enough.
func (s *suggester) suggest(id string) string {
	if !s.built {
		s.built = true
		s.ids = s.collect()
		if len(s.ids) > 200000 {
			s.ids = nil
			return ""
		}
		sortStrings(s.ids)
	}
	if len(s.ids) == 0 {
		return ""
	}
	near := nearestID(id, s.ids)
	if near == "" {
		return "" // none near enough: a guess that far off would mislead
	}
	return fmt.Sprintf("; did you mean %s?", Quote(near))
}

// nearestID returns the candidate nearest to id (see typoDistance) among
// those near enough to be offered (see IsNear), ties in candidate order, or
// "" when none is. It looks only at the candidates whose length lets them
// be near and nearer than the best so far.
func nearestID(id string, candidates []string) string {
	if !suggestable(id) {
		return ""
	}
	lid := strings.ToLower(id)
	n := utf8.RuneCountInString(lid)
	best, bestD := "", -1
	for _, c := range candidates {
		if !suggestable(c) {
			continue
		}
		lc := strings.ToLower(c)
		// limit is the largest distance that makes c near, and nearer
		// than the best so far.
		contains := n >= 2 && strings.Contains(lc, lid)
		limit := n / 3 // as IsNear: at most a third of the length in edits
		if contains {
			limit = 2 // a prefix typed in full counts as 2 edits at most
		}
		if bestD >= 0 {
			limit = min(limit, bestD-1)
		}
		if limit < 0 || (!contains && abs(utf8.RuneCountInString(lc)-n) > limit) {
			continue // the lengths alone put it too far
		}
		d := typoDistanceMax(lid, lc, limit)
		if contains {
			d = min(d, 2)
		}
		if d <= limit {
			best, bestD = c, d
		}
	}
	return best
}
