package neo4j

import (
	"fmt"
	"math"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// An importPlan is what an import writes, worked out in Go from the data
// set and the records stored: the steps in the order they must run, what
// the import will report, and the name to set.
type importPlan struct {
	steps   []step
	stats   graph.ImportStats
	setName bool
	name    string
}

// A step is one statement of cypher.go and the records it writes, one
// row each: recs holds the records (a *graph.Partner, ..., or the key of a
// record to delete), and row builds the row of one, so that the rows of a
// batch are built only when it is sent. prev, when not nil, is parallel to
// recs: the stored record that a row changes or deletes (a graph.Partner,
// graph.Person, ...), nil for a row that adds one. An import in several
// transactions keeps them aside (ImportUndo nodes) to restore them if it
// fails.
type step struct {
	stmt statement
	recs []any
	prev []any
	row  func(rec any) any // nil: the record is its own row (a key)
}

func (s *step) add(rec, prev any) {
	s.recs = append(s.recs, rec)
	s.prev = append(s.prev, prev)
}

// rows returns the rows of recs[i:j].
func (s *step) rows(i, j int) []any {
	out := make([]any, j-i)
	for k := range out {
		if s.row == nil {
			out[k] = s.recs[i+k]
		} else {
			out[k] = s.row(s.recs[i+k])
		}
	}
	return out
}

// eachBatch calls f with the rows of consecutive batches of at most size
// records.
func (s *step) eachBatch(size int, f func(rows []any) error) error {
	if size <= 0 {
		panic("neo4j: batch size must be positive")
	}
	for i := 0; i < len(s.recs); i += size {
		if err := f(s.rows(i, min(i+size, len(s.recs)))); err != nil {
			return err
		}
	}
	return nil
}

// The row builders of the steps.
var (
	partnerRows    = func(r any) any { return partnerRow(r.(*graph.Partner)) }
	personRows     = func(r any) any { return personRow(r.(*graph.Person)) }
	unitRows       = func(r any) any { return unitRow(r.(*graph.Unit)) }
	unitLinkRows   = func(r any) any { return unitLinkRow(r.(*graph.Unit)) }
	membershipRows = func(r any) any { return membershipRow(r.(*graph.Membership)) }
	tieRows        = func(r any) any { return tieRow(r.(*graph.Tie)) }
	valueRows      = func(r any) any { return valueRow(r.(*graph.Value)) }
)

// size returns the number of rows of p.
func (p *importPlan) size() int {
	n := 0
	for _, s := range p.steps {
		n += len(s.recs)
	}
	return n
}

// problems gathers the reasons a data set cannot be imported.
type problems struct {
	list []string
	more int
}

const maxProblems = 10

func (ps *problems) addf(format string, args ...any) {
	if len(ps.list) == maxProblems {
		ps.more++
		return
	}
	ps.list = append(ps.list, fmt.Sprintf(format, args...))
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	msg := strings.Join(ps.list, "; ")
	if ps.more > 0 {
		msg += fmt.Sprintf(" (and %d more)", ps.more)
	}
	return fmt.Errorf("%w: %s", graph.ErrInvalid, msg)
}

// stored is an index of the records of a store by natural key.
type stored struct {
	partners    map[string]*graph.Partner
	people      map[string]*graph.Person
	units       map[string]*graph.Unit
	memberships map[string]*graph.Membership
	ties        map[string]*graph.Tie
	values      map[string]*graph.Value
}

func indexStored(s *graph.Ecosystem) *stored {
	x := &stored{
		partners: make(map[string]*graph.Partner, len(s.Partners)), people: make(map[string]*graph.Person, len(s.People)),
		units: make(map[string]*graph.Unit, len(s.Units)), memberships: make(map[string]*graph.Membership, len(s.Memberships)),
		ties: make(map[string]*graph.Tie, len(s.Ties)), values: make(map[string]*graph.Value, len(s.Values)),
	}
	for i := range s.Partners {
		x.partners[s.Partners[i].ID] = &s.Partners[i]
	}
	for i := range s.People {
		x.people[s.People[i].ID] = &s.People[i]
	}
	for i := range s.Units {
		x.units[s.Units[i].ID] = &s.Units[i]
	}
	for i := range s.Memberships {
		x.memberships[membershipKey(s.Memberships[i].Key())] = &s.Memberships[i]
	}
	for i := range s.Ties {
		x.ties[tieKey(s.Ties[i].Key())] = &s.Ties[i]
	}
	for i := range s.Values {
		x.values[valueKey(&s.Values[i])] = &s.Values[i]
	}
	return x
}

// plan works out the import of e into a store holding old (the whole of
// it, as Load with no query returns it). A data set with two records of
// one key, or a reference to a record that neither e nor (without replace)
// the store holds, is an error wrapping graph.ErrInvalid.
func plan(old, e *graph.Ecosystem, replace bool) (*importPlan, error) {
	st := indexStored(old)
	var ps problems

	// The actors and units of the data set, and of the store that count.
	person := make(map[string]bool, len(e.Partners)+len(e.People)) // id → is a person
	for _, p := range e.Partners {
		if _, dup := person[p.ID]; dup {
			ps.addf("partner %s is given twice", graph.Quote(p.ID))
		}
		person[p.ID] = false
		if _, ok := st.people[p.ID]; ok && !replace {
			ps.addf("partner %s: the store holds a person with this id", graph.Quote(p.ID))
		}
	}
	for _, p := range e.People {
		if isPerson, dup := person[p.ID]; dup {
			if isPerson {
				ps.addf("person %s is given twice", graph.Quote(p.ID))
			} else {
				ps.addf("person %s: a partner has this id", graph.Quote(p.ID))
			}
		}
		person[p.ID] = true
		if _, ok := st.partners[p.ID]; ok && !replace {
			ps.addf("person %s: the store holds a partner with this id", graph.Quote(p.ID))
		}
	}
	isActor := func(id string) bool {
		if _, ok := person[id]; ok {
			return true
		}
		if replace {
			return false
		}
		_, ok1 := st.partners[id]
		_, ok2 := st.people[id]
		return ok1 || ok2
	}
	isPartner := func(id string) bool {
		if isPerson, ok := person[id]; ok {
			return !isPerson
		}
		_, ok := st.partners[id]
		return ok && !replace
	}
	unitIDs := make(map[string]bool, len(e.Units))
	for _, u := range e.Units {
		if unitIDs[u.ID] {
			ps.addf("unit %s is given twice", graph.Quote(u.ID))
		}
		unitIDs[u.ID] = true
	}
	isUnit := func(id string) bool {
		if unitIDs[id] {
			return true
		}
		_, ok := st.units[id]
		return ok && !replace
	}

	p := &importPlan{setName: e.Name != "" || replace, name: e.Name}
	var (
		delValues      = step{stmt: deleteValues}
		delTies        = step{stmt: deleteTies}
		delMemberships = step{stmt: deleteMemberships}
		delActors      = step{stmt: deleteActors}
		delUnits       = step{stmt: deleteUnits}
		partners       = step{stmt: upsertPartners, row: partnerRows}
		people         = step{stmt: upsertPeople, row: personRows}
		units          = step{stmt: upsertUnits, row: unitRows}
		links          = step{stmt: linkUnits, row: unitLinkRows}
		memberships    = step{stmt: upsertMemberships, row: membershipRows}
		ties           = step{stmt: upsertTies, row: tieRows}
		values         = step{stmt: upsertValues, row: valueRows}
	)
	a, u, un := &p.stats.Added, &p.stats.Updated, &p.stats.Unchanged

	for i := range e.Partners {
		r := &e.Partners[i]
		if s, ok := st.partners[r.ID]; ok {
			if samePartner(s, r) {
				un.Partners++
				continue
			}
			u.Partners++
			partners.add(r, *s)
			continue
		}
		a.Partners++
		if s, ok := st.people[r.ID]; ok { // a person before the Replace
			partners.add(r, *s)
		} else {
			partners.add(r, nil)
		}
	}
	for i := range e.People {
		r := &e.People[i]
		if r.Partner != "" && !isPartner(r.Partner) {
			ps.addf("person %s: unknown partner %s", graph.Quote(r.ID), graph.Quote(r.Partner))
		}
		if s, ok := st.people[r.ID]; ok {
			if *s == withoutPos(*r) {
				un.People++
				continue
			}
			u.People++
			people.add(r, *s)
			continue
		}
		a.People++
		if s, ok := st.partners[r.ID]; ok {
			people.add(r, *s)
		} else {
			people.add(r, nil)
		}
	}
	for i := range e.Units {
		r := &e.Units[i]
		if r.Parent != "" && !isUnit(r.Parent) {
			ps.addf("unit %s: unknown parent unit %s", graph.Quote(r.ID), graph.Quote(r.Parent))
		}
		var prev any
		if s, ok := st.units[r.ID]; ok {
			if *s == withoutPos(*r) {
				un.Units++
				continue
			}
			u.Units++
			prev = *s
		} else {
			a.Units++
		}
		units.add(r, prev)
		links.add(r, prev)
	}
	seenM := make(map[string]bool, len(e.Memberships))
	for i := range e.Memberships {
		r := &e.Memberships[i]
		k := membershipKey(r.Key())
		if seenM[k] {
			ps.addf("membership of %s in %s is given twice", graph.Quote(r.Member), graph.Quote(r.Unit))
		}
		seenM[k] = true
		if !isUnit(r.Unit) {
			ps.addf("membership of %s: unknown unit %s", graph.Quote(r.Member), graph.Quote(r.Unit))
		}
		if !isActor(r.Member) {
			ps.addf("membership in %s: unknown partner or person %s", graph.Quote(r.Unit), graph.Quote(r.Member))
		}
		if s, ok := st.memberships[k]; ok {
			if *s == withoutPos(*r) {
				un.Memberships++
				continue
			}
			u.Memberships++
			memberships.add(r, *s)
			continue
		}
		a.Memberships++
		memberships.add(r, nil)
	}
	seenT := make(map[string]bool, len(e.Ties))
	for i := range e.Ties {
		r := &e.Ties[i]
		k := tieKey(r.Key())
		if seenT[k] {
			ps.addf("tie %s–%s (%s) is given twice", graph.Quote(r.Source), graph.Quote(r.Target), r.Type)
		}
		seenT[k] = true
		for _, end := range []string{r.Source, r.Target} {
			if !isActor(end) {
				ps.addf("tie %s–%s: unknown partner or person %s", graph.Quote(r.Source), graph.Quote(r.Target), graph.Quote(end))
			}
		}
		if s, ok := st.ties[k]; ok {
			if sameTie(s, r) {
				un.Ties++
				continue
			}
			u.Ties++
			ties.add(r, *s)
			continue
		}
		a.Ties++
		ties.add(r, nil)
	}
	seenV := make(map[string]bool, len(e.Values))
	for i := range e.Values {
		r := &e.Values[i]
		k := valueKey(r)
		if seenV[k] {
			ps.addf("value record of %s is given twice", graph.Quote(r.Reporter))
		}
		seenV[k] = true
		if !isActor(r.Reporter) {
			ps.addf("value record: unknown reporter %s", graph.Quote(r.Reporter))
		}
		if r.Unit != "" && !isUnit(r.Unit) {
			ps.addf("value record of %s: unknown unit %s", graph.Quote(r.Reporter), graph.Quote(r.Unit))
		}
		if _, ok := st.values[k]; ok {
			un.Values++
			continue
		}
		a.Values++
		values.add(r, nil)
	}
	if err := ps.err(); err != nil {
		return nil, err
	}

	if replace {
		for _, r := range old.Values {
			if k := valueKey(&r); !seenV[k] {
				delValues.add(k, r)
			}
		}
		for _, r := range old.Ties {
			if k := tieKey(r.Key()); !seenT[k] {
				delTies.add(k, r)
			}
		}
		for _, r := range old.Memberships {
			if k := membershipKey(r.Key()); !seenM[k] {
				delMemberships.add(k, r)
			}
		}
		for _, r := range old.People {
			if _, ok := person[r.ID]; !ok {
				delActors.add(r.ID, r)
			}
		}
		for _, r := range old.Partners {
			if _, ok := person[r.ID]; !ok {
				delActors.add(r.ID, r)
			}
		}
		for _, r := range old.Units {
			if !unitIDs[r.ID] {
				delUnits.add(r.ID, r)
			}
		}
	}
	for _, s := range []step{delValues, delTies, delMemberships, delActors, delUnits, partners, people, units, links, memberships, ties, values} {
		if len(s.recs) > 0 {
			p.steps = append(p.steps, s)
		}
	}
	return p, nil
}

// restorePlan is the plan that writes back the records of prev, as they
// were before a failed import: what it changed and what it deleted.
func restorePlan(prev *graph.Ecosystem) []step {
	var out []step
	add := func(stmt statement, row func(any) any, n int, rec func(i int) any) {
		if n == 0 {
			return
		}
		s := step{stmt: stmt, row: row}
		for i := range n {
			s.recs = append(s.recs, rec(i))
		}
		out = append(out, s)
	}
	add(upsertPartners, partnerRows, len(prev.Partners), func(i int) any { return &prev.Partners[i] })
	add(upsertPeople, personRows, len(prev.People), func(i int) any { return &prev.People[i] })
	add(upsertUnits, unitRows, len(prev.Units), func(i int) any { return &prev.Units[i] })
	add(linkUnits, unitLinkRows, len(prev.Units), func(i int) any { return &prev.Units[i] })
	add(upsertMemberships, membershipRows, len(prev.Memberships), func(i int) any { return &prev.Memberships[i] })
	add(upsertTies, tieRows, len(prev.Ties), func(i int) any { return &prev.Ties[i] })
	add(upsertValues, valueRows, len(prev.Values), func(i int) any { return &prev.Values[i] })
	return out
}

// undoOf returns the previous records of rows prev as an Ecosystem, to be
// kept aside as JSON; nil when there are none.
func undoOf(prev []any) *graph.Ecosystem {
	var e graph.Ecosystem
	n := 0
	for _, r := range prev {
		switch r := r.(type) {
		case nil:
			continue
		case graph.Partner:
			e.Partners = append(e.Partners, r)
		case graph.Person:
			e.People = append(e.People, r)
		case graph.Unit:
			e.Units = append(e.Units, r)
		case graph.Membership:
			e.Memberships = append(e.Memberships, r)
		case graph.Tie:
			e.Ties = append(e.Ties, r)
		case graph.Value:
			e.Values = append(e.Values, r)
		default:
			panic(fmt.Sprintf("neo4j: undo of a %T", r))
		}
		n++
	}
	if n == 0 {
		return nil
	}
	return &e
}

// mergeUndo adds the records of f to e; a record kept aside twice (a unit
// is in two steps) is kept once, with its first version.
func mergeUndo(e, f *graph.Ecosystem) {
	seen := map[string]bool{}
	for _, u := range e.Units {
		seen[u.ID] = true
	}
	e.Partners = append(e.Partners, f.Partners...)
	e.People = append(e.People, f.People...)
	for _, u := range f.Units {
		if !seen[u.ID] {
			seen[u.ID] = true
			e.Units = append(e.Units, u)
		}
	}
	e.Memberships = append(e.Memberships, f.Memberships...)
	e.Ties = append(e.Ties, f.Ties...)
	e.Values = append(e.Values, f.Values...)
}

// A txChunk is the part of a plan that one transaction writes: slices of
// consecutive steps.
type txChunk []step

// chunk cuts steps into transactions of at most limit rows, keeping their
// order; a step is cut where a transaction is full.
func chunk(steps []step, limit int) []txChunk {
	if limit <= 0 {
		panic("neo4j: transaction size must be positive")
	}
	var out []txChunk
	var cur txChunk
	n := 0
	for _, s := range steps {
		for i := 0; i < len(s.recs); {
			j := min(len(s.recs), i+limit-n)
			part := step{stmt: s.stmt, recs: s.recs[i:j], row: s.row}
			if s.prev != nil {
				part.prev = s.prev[i:j]
			}
			cur = append(cur, part)
			n += j - i
			i = j
			if n == limit {
				out = append(out, cur)
				cur, n = nil, 0
			}
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func withoutPos[T interface {
	graph.Person | graph.Unit | graph.Membership
}](r T) T {
	switch v := any(&r).(type) {
	case *graph.Person:
		v.Pos = graph.Pos{}
	case *graph.Unit:
		v.Pos = graph.Pos{}
	case *graph.Membership:
		v.Pos = graph.Pos{}
	}
	return r
}

func samePartner(s, r *graph.Partner) bool {
	x := *r
	x.Pos = graph.Pos{}
	return *s == x
}

// sameTie compares what a tie holds beyond its key; the weight bit for bit.
func sameTie(s, r *graph.Tie) bool {
	return math.Float64bits(s.Weight) == math.Float64bits(r.Weight) && s.Until == r.Until && s.Directed == r.Directed
}
