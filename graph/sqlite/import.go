package sqlite

import (
	"cmp"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// Import writes e in one transaction: all of it or, on error, nothing. See
// graph.Store for what it does and docs/store.md for how.
//
// It resolves every reference of e (the partner of a person, the ends of a
// tie, ...) to the numbers the tables use, against the records of e and,
// without Replace, those stored before. A reference to nothing, or an id
// used for a partner and a person, is an error that wraps graph.ErrInvalid
// and lists every such problem. As nothing is written that does not
// resolve, the import turns foreign key checks off for its own transaction:
// checking a million ties costs more than a third of the time of writing
// them.
func (s *Store) Import(ctx context.Context, e *graph.Ecosystem, opts graph.ImportOptions) (graph.ImportStats, error) {
	var stats graph.ImportStats
	if s.readOnly {
		return stats, fmt.Errorf("sqlite: import: %w: %s is open read-only", ErrReadOnly, s.path)
	}
	err := ctx.Err()
	if err == nil {
		err = s.withConn(ctx, func(c *conn) error {
			var err error
			stats, err = importOn(c, e, opts, s.withConn)
			return err
		})
	}
	if err != nil {
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w (%v)", cerr, err)
		}
		if isFull(err) {
			err = fmt.Errorf("the disk is full (%w); nothing was imported and the store is as it was", err)
		}
		return graph.ImportStats{}, fmt.Errorf("sqlite: import: %w", err)
	}
	return stats, nil
}

// testHookBeforeCommit, when set, runs when an import has written
// everything and is about to commit.
var testHookBeforeCommit func()

// importOn imports e on c: BEGIN IMMEDIATE, write, COMMIT, with foreign
// key checks off in between.
func importOn(c *conn, e *graph.Ecosystem, opts graph.ImportOptions, aside func(context.Context, func(*conn) error) error) (stats graph.ImportStats, err error) {
	if _, err := c.exec("PRAGMA foreign_keys = OFF"); err != nil {
		return stats, err
	}
	defer func() {
		// The connection goes back to the pool with foreign keys on, or not at all.
		on := &conn{ctx: context.WithoutCancel(c.ctx), dc: c.dc}
		if _, ferr := on.exec("PRAGMA foreign_keys = ON"); ferr != nil {
			err = errBadConn(cmp.Or(err, ferr))
		}
	}()

	tx, err := c.dc.BeginTx(c.ctx, driver.TxOptions{}) // immediate: see dsn
	if err != nil {
		return stats, err
	}
	done := false
	defer func() {
		if !done {
			if rerr := tx.Rollback(); rerr != nil {
				err = errBadConn(err) // still in the transaction, perhaps
			}
		}
	}()
	im := &importer{conn: c, e: e, replace: opts.Replace, aside: aside}
	if stats, err = im.run(); err != nil {
		return graph.ImportStats{}, err
	}
	if testHookBeforeCommit != nil {
		testHookBeforeCommit()
	}
	if err := tx.Commit(); err != nil {
		return graph.ImportStats{}, err
	}
	done = true
	return stats, nil
}

// actorRef is the number of a partner or person in the table actor.
type actorRef struct {
	id     int64
	person bool
}

func actorType(person bool) string {
	if person {
		return "person"
	}
	return "partner"
}

type actorRow struct {
	id  int64
	key string
}

type tieRow struct {
	source, target int64 // actor ids, in key order when undirected
	typ            int64 // tie_type id: the type and the id of the tie
	since, until   int64 // date codes
	weight         float64
	directed       bool
}

// compareTies orders ties like the primary key of the table tie.
func compareTies(a, b *tieRow) int {
	return cmp.Or(cmp.Compare(a.source, b.source), cmp.Compare(a.target, b.target),
		cmp.Compare(a.typ, b.typ), cmp.Compare(a.since, b.since))
}

// tieType is a row of the table tie_type: the type of a tie and its id.
type tieType struct{ name, key string }

type membershipRow struct {
	unit, member int64
	role         string
	since, until int64
}

// compareMemberships orders memberships like the primary key of the table
// membership.
func compareMemberships(a, b *membershipRow) int {
	return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.member, b.member),
		strings.Compare(a.role, b.role), cmp.Compare(a.since, b.since))
}

// valueRow is a value record with its references resolved; unit 0 is none.
type valueRow struct {
	reporter, unit        int64
	cycle, capital, level string
	date                  int64
	description           string
}

// importer is one import: e, resolved to rows, written on conn.
type importer struct {
	*conn
	e       *graph.Ecosystem
	replace bool

	storedActors map[string]actorRef // before the import
	storedUnits  map[string]int64
	tieTypes     map[tieType]int64 // stored before, and new
	newTieTypes  []tieType         // to insert, numbered from nextTieType
	nextTieType  int64
	actors       map[string]actorRef // the partners and people of e
	units        map[string]int64    // the units of e
	nextActor    int64
	nextUnit     int64
	problems     graph.Problems

	newActors    []actorRow // to insert
	partnerOf    []int64    // the partner of each person of e
	parentOf     []any      // the parent of each unit of e: int64, or nil
	memberships  []membershipRow
	values       []valueRow
	ties         []tieRow
	tieProblems  graph.Problems
	tiesResolved chan struct{}

	// With Replace: how the ties and memberships of e compare with those
	// stored (see deleteLacking); ties and memberships then hold only the
	// rows to write.
	tieDiff, membershipDiff *diffStats
	// aside runs a function on another connection of the store; with
	// Replace, diffTiesAside reads the ties stored there.
	aside      func(context.Context, func(*conn) error) error
	storedTies rowDiff[tieRow]
	tiesDiffed chan error // the outcome of diffTiesAside
	cancelDiff context.CancelFunc
}

func (im *importer) run() (graph.ImportStats, error) {
	if err := im.readStored(); err != nil {
		return graph.ImportStats{}, err
	}
	im.resolveActors()
	// Resolving and sorting a million ties takes a while: do it on another
	// core while the rest is resolved and written.
	im.tiesResolved = make(chan struct{})
	go func() {
		defer close(im.tiesResolved)
		im.resolveTies()
	}()
	defer im.waitTies()
	if im.replace {
		// And so does reading the ties stored, to compare them.
		im.diffTiesAside()
		defer im.stopDiff()
	}
	im.resolveOthers()
	if len(im.problems) > 0 {
		if err := im.waitTies(); err != nil {
			return graph.ImportStats{}, err
		}
	}
	if im.replace {
		if err := im.deleteLacking(); err != nil {
			return graph.ImportStats{}, err
		}
	}
	before, err := im.counts()
	if err != nil {
		return graph.ImportStats{}, err
	}
	affected, err := im.write()
	if err != nil {
		return graph.ImportStats{}, err
	}
	after, err := im.counts()
	if err != nil {
		return graph.ImportStats{}, err
	}
	added := sub(after, before)
	stats := graph.ImportStats{
		Added:     added,
		Updated:   sub(affected, added),
		Unchanged: sub(im.e.Counts(), affected),
	}
	if d := im.tieDiff; d != nil {
		stats.Added.Ties, stats.Updated.Ties, stats.Unchanged.Ties = d.added, d.changed, d.unchanged
	}
	if d := im.membershipDiff; d != nil {
		stats.Added.Memberships, stats.Updated.Memberships, stats.Unchanged.Memberships = d.added, d.changed, d.unchanged
	}
	return stats, nil
}

// waitTies waits for resolveTies and returns the error for every problem
// found, if any.
func (im *importer) waitTies() error {
	if im.tiesResolved != nil {
		<-im.tiesResolved
		im.tiesResolved = nil
		im.problems = append(im.problems, im.tieProblems...)
	}
	if len(im.problems) > 0 {
		return fmt.Errorf("%w: %w", graph.ErrInvalid, im.problems.Err())
	}
	return nil
}

func sub(c, d graph.Counts) graph.Counts {
	return graph.Counts{
		Partners: c.Partners - d.Partners, People: c.People - d.People, Units: c.Units - d.Units,
		Memberships: c.Memberships - d.Memberships, Ties: c.Ties - d.Ties, Values: c.Values - d.Values,
	}
}

// countsSQL counts the records of every kind in one statement, so in one
// snapshot.
const countsSQL = `SELECT
	(SELECT count(*) FROM partner), (SELECT count(*) FROM person), (SELECT count(*) FROM unit),
	(SELECT count(*) FROM membership), (SELECT count(*) FROM tie), (SELECT count(*) FROM value_record)`

func (c *conn) counts() (graph.Counts, error) {
	var n graph.Counts
	err := c.each(countsSQL, nil, func(v []driver.Value) error {
		n = graph.Counts{Partners: int(c.int(v[0])), People: int(c.int(v[1])), Units: int(c.int(v[2])),
			Memberships: int(c.int(v[3])), Ties: int(c.int(v[4])), Values: int(c.int(v[5]))}
		return nil
	})
	return n, err
}

// readStored reads the numbers of the actors and units stored.
func (im *importer) readStored() error {
	im.storedActors = map[string]actorRef{}
	err := im.each("SELECT id, key, id IN (SELECT actor FROM person) FROM actor", nil, func(v []driver.Value) error {
		ref := actorRef{id: im.int(v[0]), person: im.int(v[2]) != 0}
		im.storedActors[im.str(v[1])] = ref
		im.nextActor = max(im.nextActor, ref.id)
		return nil
	})
	if err != nil {
		return err
	}
	im.storedUnits = map[string]int64{}
	err = im.each("SELECT id, key FROM unit", nil, func(v []driver.Value) error {
		id := im.int(v[0])
		im.storedUnits[im.str(v[1])] = id
		im.nextUnit = max(im.nextUnit, id)
		return nil
	})
	if err != nil {
		return err
	}
	im.tieTypes = map[tieType]int64{}
	err = im.each("SELECT id, name, key FROM tie_type", nil, func(v []driver.Value) error {
		id := im.int(v[0])
		im.tieTypes[tieType{im.str(v[1]), im.str(v[2])}] = id
		im.nextTieType = max(im.nextTieType, id)
		return nil
	})
	im.nextActor++
	im.nextUnit++
	im.nextTieType++
	return err
}

func problem(ps *graph.Problems, pos graph.Pos, field, format string, args ...any) {
	*ps = append(*ps, graph.Problem{Pos: pos, Field: field, Message: fmt.Sprintf(format, args...)})
}

// actor returns the actor that id names: one of e or, without Replace, one
// stored before.
func (im *importer) actor(id string) (actorRef, bool) {
	if ref, ok := im.actors[id]; ok {
		return ref, true
	}
	if im.replace {
		return actorRef{}, false
	}
	ref, ok := im.storedActors[id]
	return ref, ok
}

// unit returns the number of the unit that id names, like actor.
func (im *importer) unit(id string) (int64, bool) {
	if n, ok := im.units[id]; ok {
		return n, true
	}
	if im.replace {
		return 0, false
	}
	n, ok := im.storedUnits[id]
	return n, ok
}

// resolveActors numbers the partners, people and units of e: the numbers
// they have in the store, or new ones.
func (im *importer) resolveActors() {
	e := im.e
	im.actors = make(map[string]actorRef, len(e.Partners)+len(e.People))
	add := func(pos graph.Pos, id string, person bool) {
		if ref, ok := im.actors[id]; ok {
			if ref.person != person {
				problem(&im.problems, pos, "id", "id %q names both a partner and a person", id)
			}
			return // a repeated record: the same actor
		}
		ref, ok := im.storedActors[id]
		switch {
		case !ok:
			ref = actorRef{id: im.nextActor, person: person}
			im.nextActor++
			im.newActors = append(im.newActors, actorRow{ref.id, id})
		case ref.person != person && !im.replace:
			problem(&im.problems, pos, "id", "%s id %q is stored as a %s id; only an import with Replace can change that",
				actorType(person), id, actorType(ref.person))
		case ref.person != person:
			ref.person = person // deleteLacking deletes the old record
		}
		im.actors[id] = ref
	}
	for _, p := range e.Partners {
		add(p.Pos, p.ID, false)
	}
	for _, p := range e.People {
		add(p.Pos, p.ID, true)
	}
	im.units = make(map[string]int64, len(e.Units))
	for _, u := range e.Units {
		if _, ok := im.units[u.ID]; ok {
			continue
		}
		n, ok := im.storedUnits[u.ID]
		if !ok {
			n = im.nextUnit
			im.nextUnit++
		}
		im.units[u.ID] = n
	}
}

// member returns the number of the actor that a record names in field,
// noting a problem when there is none.
func (im *importer) member(ps *graph.Problems, pos graph.Pos, field, id string) int64 {
	ref, ok := im.actor(id)
	if !ok {
		problem(ps, pos, field, "unknown partner or person %q", id)
	}
	return ref.id
}

// resolveTies turns the ties of e into rows in the order of the primary
// key; it runs alongside resolveOthers and notes its problems apart.
func (im *importer) resolveTies() {
	im.ties = make([]tieRow, len(im.e.Ties))
	// Edge lists often repeat an end from one tie to the next: remember the
	// last of each before looking it up.
	type last struct {
		id  string
		ref int64
	}
	var src, dst last
	end := func(l *last, pos graph.Pos, field, id string) int64 {
		if id != l.id || l.ref == 0 {
			*l = last{id, im.member(&im.tieProblems, pos, field, id)}
		}
		return l.ref
	}
	for i := range im.e.Ties {
		t := &im.e.Ties[i]
		tt := tieType{t.Type, t.ID}
		typ, ok := im.tieTypes[tt]
		if !ok {
			typ = im.nextTieType + int64(len(im.newTieTypes))
			im.tieTypes[tt] = typ
			im.newTieTypes = append(im.newTieTypes, tt)
		}
		r := tieRow{
			source: end(&src, t.Pos, "source", t.Source), target: end(&dst, t.Pos, "target", t.Target),
			typ: typ, since: dateCode(t.Since), until: dateCode(t.Until), weight: t.Weight, directed: t.Directed,
		}
		if !t.Directed && t.Source > t.Target {
			r.source, r.target = r.target, r.source
		}
		im.ties[i] = r
	}
	// In the order of the primary key, rows go to the end of the table
	// instead of all over it, and deleteLacking can search them.
	sortRows(im.ties, im.nextActor, func(t *tieRow) (int64, int64, string, int64) {
		return t.source, t.target, "", t.typ<<32 | t.since
	})
	// Validate combined the ties with the same key; two left means the
	// data set was not validated.
	for i := 1; i < len(im.ties) && len(im.tieProblems) == 0; i++ {
		if compareTies(&im.ties[i-1], &im.ties[i]) == 0 {
			problem(&im.tieProblems, graph.Pos{}, "", "%d ties with the same ends, type, since and id: combine them first (graph.Ecosystem.Validate)", 2)
			break
		}
	}
}

// resolveOthers turns the people, units, memberships and value records of
// e into rows, noting every reference that does not resolve.
func (im *importer) resolveOthers() {
	e := im.e
	im.partnerOf = make([]int64, len(e.People))
	for i, p := range e.People {
		ref, ok := im.actor(p.Partner)
		switch {
		case !ok:
			problem(&im.problems, p.Pos, "partner", "unknown partner %q", p.Partner)
		case ref.person:
			problem(&im.problems, p.Pos, "partner", "%q is a person, not a partner", p.Partner)
		}
		im.partnerOf[i] = ref.id
	}
	unit := func(pos graph.Pos, field, id string) int64 {
		n, ok := im.unit(id)
		if !ok {
			problem(&im.problems, pos, field, "unknown unit %q", id)
		}
		return n
	}
	im.parentOf = make([]any, len(e.Units))
	for i, u := range e.Units {
		if u.Parent != "" {
			im.parentOf[i] = unit(u.Pos, "parent", u.Parent)
		}
	}
	im.memberships = make([]membershipRow, len(e.Memberships))
	for i, m := range e.Memberships {
		im.memberships[i] = membershipRow{
			unit: unit(m.Pos, "unit", m.Unit), member: im.member(&im.problems, m.Pos, "member", m.Member),
			role: string(m.Role), since: dateCode(m.Since), until: dateCode(m.Until),
		}
	}
	sortRows(im.memberships, im.nextUnit, func(m *membershipRow) (int64, int64, string, int64) {
		return m.unit, m.member, m.role, m.since
	})
	for i := 1; i < len(im.memberships) && len(im.problems) == 0; i++ {
		if compareMemberships(&im.memberships[i-1], &im.memberships[i]) == 0 {
			problem(&im.problems, graph.Pos{}, "", "2 memberships with the same unit, member, role and since: combine them first (graph.Ecosystem.Validate)")
			break
		}
	}
	im.values = make([]valueRow, len(e.Values))
	for i, v := range e.Values {
		r := valueRow{
			reporter: im.member(&im.problems, v.Pos, "reporter", v.Reporter), cycle: string(v.Cycle),
			capital: string(v.Capital), level: string(v.Level), date: dateCode(v.Date), description: v.Description,
		}
		if v.Unit != "" {
			r.unit = unit(v.Pos, "unit", v.Unit)
		}
		im.values[i] = r
	}
	seen := make(map[valueRow]bool, len(im.values))
	for _, r := range im.values {
		if len(im.problems) > 0 {
			break
		}
		if seen[r] {
			problem(&im.problems, graph.Pos{}, "", "2 equal value records: combine them first (graph.Ecosystem.Validate)")
			break
		}
		seen[r] = true
	}
}

// write writes the rows and returns how many rows of each kind it added or
// changed.
func (im *importer) write() (graph.Counts, error) {
	e := im.e
	var n graph.Counts
	if e.Name != "" || im.replace {
		if _, err := im.exec("INSERT INTO meta (key, value) VALUES ('name', ?) "+upsert([]string{"key"}, []string{"value"}), e.Name); err != nil {
			return n, err
		}
	}
	if _, err := im.exec(`INSERT INTO meta (key, value) VALUES ('generation', 1)
		ON CONFLICT (key) DO UPDATE SET value = value + 1`); err != nil {
		return n, err
	}
	_, err := im.insert("actor", []string{"id", "key"}, "", len(im.newActors), func(i int, v []any) {
		a := &im.newActors[i]
		v[0], v[1] = a.id, a.key
	})
	if err != nil {
		return n, err
	}

	cols := []string{"name", "helix", "sector", "kind", "region", "since", "until"}
	k, err := im.insert("partner", append([]string{"actor"}, cols...), upsert([]string{"actor"}, cols), len(e.Partners), func(i int, v []any) {
		p := &e.Partners[i]
		v[0], v[1], v[2], v[3] = im.actors[p.ID].id, p.Name, string(p.Helix), string(p.Sector)
		v[4], v[5], v[6], v[7] = p.Kind, p.Region, dateCode(p.Since), dateCode(p.Until)
	})
	if err != nil {
		return n, err
	}
	n.Partners = int(k)

	cols = []string{"name", "partner", "discipline", "role"}
	k, err = im.insert("person", append([]string{"actor"}, cols...), upsert([]string{"actor"}, cols), len(e.People), func(i int, v []any) {
		p := &e.People[i]
		v[0], v[1], v[2], v[3], v[4] = im.actors[p.ID].id, p.Name, im.partnerOf[i], p.Discipline, p.Role
	})
	if err != nil {
		return n, err
	}
	n.People = int(k)

	cols = []string{"key", "name", "level", "form", "parent", "challenge", "cadence", "since", "until"}
	k, err = im.insert("unit", append([]string{"id"}, cols...), upsert([]string{"id"}, cols), len(e.Units), func(i int, v []any) {
		u := &e.Units[i]
		v[0], v[1], v[2], v[3], v[4] = im.units[u.ID], u.ID, u.Name, string(u.Level), string(u.Form)
		v[5], v[6], v[7], v[8], v[9] = im.parentOf[i], u.Challenge, u.Cadence, dateCode(u.Since), dateCode(u.Until)
	})
	if err != nil {
		return n, err
	}
	n.Units = int(k)

	k, err = im.insert("membership", []string{"unit", "member", "role", "since", "until"},
		upsert([]string{"unit", "member", "role", "since"}, []string{"until"}), len(im.memberships), func(i int, v []any) {
			m := &im.memberships[i]
			v[0], v[1], v[2], v[3], v[4] = m.unit, m.member, m.role, m.since, m.until
		})
	if err != nil {
		return n, err
	}
	n.Memberships = int(k)

	// A value record is known by all its fields: it is there or not.
	// (Written before the ties, which may still be being resolved.)
	k, err = im.insert("value_record", []string{"reporter", "unit", "cycle", "capital", "level", "date", "description"},
		"ON CONFLICT DO NOTHING", len(im.values), func(i int, v []any) {
			r := &im.values[i]
			var unit any // NULL: no unit
			if r.unit != 0 {
				unit = r.unit
			}
			v[0], v[1], v[2], v[3], v[4], v[5], v[6] = r.reporter, unit, r.cycle, r.capital, r.level, r.date, r.description
		})
	if err != nil {
		return n, err
	}
	n.Values = int(k)

	if err := im.waitTies(); err != nil {
		return n, err
	}
	if im.replace {
		if err := im.replaceTies(); err != nil {
			return n, err
		}
	}
	_, err = im.insert("tie_type", []string{"id", "name", "key"}, "", len(im.newTieTypes), func(i int, v []any) {
		v[0], v[1], v[2] = im.nextTieType+int64(i), im.newTieTypes[i].name, im.newTieTypes[i].key
	})
	if err != nil {
		return n, err
	}
	k, err = im.insert("tie", []string{"source", "target", "type", "since", "until", "weight", "directed"},
		upsert([]string{"source", "target", "type", "since"}, []string{"until", "weight", "directed"}), len(im.ties), func(i int, v []any) {
			t := &im.ties[i]
			v[0], v[1], v[2], v[3] = t.source, t.target, t.typ, t.since
			v[4], v[5], v[6] = t.until, t.weight, t.directed
		})
	if err != nil {
		return n, err
	}
	n.Ties = int(k)

	return n, nil
}

// deleteLacking deletes the records stored that e lacks (for Replace),
// but for ties (see replaceTies). It runs before write, so a partner that
// becomes a person and the like are deleted as one and added as the other.
//
// Memberships (like ties) are read in the order of their keys and merged
// with the rows of e, sorted the same way: that tells each row of e new,
// changed or unchanged, and finds the stored rows e lacks. If deleting
// those and writing the new and changed rows would touch at least as many
// rows as e has, the table is emptied (SQLite drops its pages without
// visiting the rows) and written anew, as in an import into a new store;
// otherwise the rows lacking are deleted and only the new and changed ones
// are written. Either way the stats come from the merge. Everything else
// is deleted by key, batchRows keys a statement.
func (im *importer) deleteLacking() error {
	memberships, err := diffStored(im.conn, "SELECT unit, member, role, since, until FROM membership ORDER BY unit, member, role, since",
		func(v []driver.Value) membershipRow {
			return membershipRow{unit: im.int(v[0]), member: im.int(v[1]), role: im.str(v[2]), since: im.int(v[3]), until: im.int(v[4])}
		}, im.memberships, compareMemberships, func(a, b *membershipRow) bool { return a.until == b.until })
	if err != nil {
		return err
	}
	im.membershipDiff = &memberships.diffStats
	im.memberships, err = replaceRows(im.conn, "membership", []string{"unit", "member", "role", "since"}, memberships, im.memberships,
		func(m *membershipRow, v []any) { v[0], v[1], v[2], v[3] = m.unit, m.member, m.role, m.since })
	if err != nil {
		return err
	}

	values := make(map[valueRow]bool, len(im.values))
	for _, v := range im.values {
		values[v] = true
	}
	var lackingValues []int64
	err = im.each("SELECT rowid, reporter, ifnull(unit, 0), cycle, capital, level, date, description FROM value_record", nil, func(v []driver.Value) error {
		r := valueRow{reporter: im.int(v[1]), unit: im.int(v[2]), cycle: im.str(v[3]), capital: im.str(v[4]),
			level: im.str(v[5]), date: im.int(v[6]), description: im.str(v[7])}
		if !values[r] {
			lackingValues = append(lackingValues, im.int(v[0]))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := im.deleteIDs("value_record", "rowid", lackingValues); err != nil {
		return err
	}

	var lackingUnits []int64
	for key, id := range im.storedUnits {
		if _, ok := im.units[key]; !ok {
			lackingUnits = append(lackingUnits, id)
		}
	}
	if err := im.deleteIDs("unit", "id", lackingUnits); err != nil {
		return err
	}
	// Actors gone, or changing type: delete the partner or person, and the
	// actor when it is gone.
	var partners, people, actors []int64
	for key, ref := range im.storedActors {
		now, ok := im.actors[key]
		if ok && now.person == ref.person {
			continue
		}
		if ref.person {
			people = append(people, ref.id)
		} else {
			partners = append(partners, ref.id)
		}
		if !ok {
			actors = append(actors, ref.id)
		}
	}
	for _, d := range []struct {
		table string
		ids   []int64
	}{{"person", people}, {"partner", partners}, {"actor", actors}} {
		col := "actor"
		if d.table == "actor" {
			col = "id"
		}
		if err := im.deleteIDs(d.table, col, d.ids); err != nil {
			return err
		}
	}
	return nil
}

// diffTiesAside reads the ties stored on another connection, while this
// one resolves and writes the rest, and compares them with those of e once
// they are resolved. Its read transaction sees what this one started from:
// the import holds the write lock, so no one commits in between.
func (im *importer) diffTiesAside() {
	ctx, cancel := context.WithCancel(im.ctx)
	im.cancelDiff = cancel
	done := make(chan error, 1)
	im.tiesDiffed = done
	resolved := im.tiesResolved
	go func() {
		done <- im.aside(ctx, func(c *conn) error {
			// Read the ties stored while e's ties are still being resolved,
			// then compare.
			var stored []tieRow
			err := readTx(c, func() error {
				var err error
				stored, err = readTies(c)
				return err
			})
			if err != nil {
				return err
			}
			select {
			case <-resolved:
			case <-ctx.Done():
				return ctx.Err()
			}
			if len(im.tieProblems) > 0 {
				return nil // the import fails
			}
			d := diffRows(stored, im.ties, compareTies, func(a, b *tieRow) bool {
				return a.until == b.until && a.weight == b.weight && a.directed == b.directed
			})
			if d.rewrite(len(im.ties)) {
				d.stored, d.lacking = nil, nil // not needed: let them go
			}
			im.storedTies = d
			return nil
		})
	}()
}

// readTies reads every tie stored, in the order of the primary key. The
// columns of a tie are packed into four numbers, as Load reads them: the
// driver takes a lock for every value.
func readTies(c *conn) ([]tieRow, error) {
	var n int64
	if err := c.each("SELECT count(*) FROM tie", nil, func(v []driver.Value) error { n = c.int(v[0]); return nil }); err != nil {
		return nil, err
	}
	ties := make([]tieRow, 0, n)
	err := c.each(`SELECT source << 32 | target, type, directed << 62 | since * 100000000 + until, weight
		FROM tie ORDER BY source, target, type, since`, nil, func(v []driver.Value) error {
		ends, dates := c.int(v[0]), c.int(v[2])
		ties = append(ties, tieRow{source: ends >> 32, target: ends & 0xffffffff, typ: c.int(v[1]),
			since: dates & (1<<62 - 1) / 100000000, until: dates & (1<<62 - 1) % 100000000,
			weight: c.float(v[3]), directed: dates>>62 != 0})
		return nil
	})
	return ties, err
}

// stopDiff stops diffTiesAside, if it still runs, and waits for it.
func (im *importer) stopDiff() {
	if im.tiesDiffed != nil {
		im.cancelDiff()
		<-im.tiesDiffed
		im.tiesDiffed = nil
	}
	if im.cancelDiff != nil {
		im.cancelDiff()
	}
}

// replaceTies deletes the stored ties and types of tie that e lacks, as
// deleteLacking does the rest, once diffTiesAside has compared them.
func (im *importer) replaceTies() error {
	err := <-im.tiesDiffed
	im.tiesDiffed = nil
	if err != nil {
		return err
	}
	used := map[int64]bool{}
	for i := range im.ties {
		used[im.ties[i].typ] = true
	}
	var unused []int64
	for _, id := range im.tieTypes {
		if id < im.nextTieType && !used[id] { // stored, and no longer used
			unused = append(unused, id)
		}
	}
	if err := im.deleteIDs("tie_type", "id", unused); err != nil {
		return err
	}
	d := im.storedTies
	im.tieDiff = &d.diffStats
	im.ties, err = replaceRows(im.conn, "tie", []string{"source", "target", "type", "since"}, d, im.ties, func(t *tieRow, v []any) {
		v[0], v[1], v[2], v[3] = t.source, t.target, t.typ, t.since
	})
	im.storedTies = rowDiff[tieRow]{}
	return err
}

// deleteIDs deletes the rows of table whose column col is one of ids.
func (im *importer) deleteIDs(table, col string, ids []int64) error {
	slices.Sort(ids) // in the order of the B-tree
	_, err := im.deleteKeys(table, []string{col}, len(ids), func(i int, v []any) { v[0] = ids[i] })
	return err
}

// diffStats counts the rows of a data set by how they compare with the
// rows stored.
type diffStats struct{ added, changed, unchanged int }

// rowState is how a row of a data set compares with the row stored with
// its key.
type rowState uint8

const (
	rowAdded     rowState = iota // no row stored with its key
	rowChanged                   // stored, with other values
	rowUnchanged                 // stored as it is
)

// rowDiff is the outcome of diffRows.
type rowDiff[R any] struct {
	diffStats
	state    []rowState // of each row of the data set
	stored   []R        // the rows stored (nil once they are not needed)
	lacking  []int32    // the places in stored of the rows the data set lacks
	nLacking int
}

// rewrite reports whether the table is better emptied and written anew
// than its rows lacking deleted and its new and changed rows written:
// when that would touch at least as many rows as the data set has, n.
func (d *rowDiff[R]) rewrite(n int) bool {
	return d.nLacking > 0 && d.nLacking+d.added+d.changed >= n
}

// diffStored reads the rows stored, in the order of their keys (query), and
// compares them with rows (see diffRows).
func diffStored[R any](c *conn, query string, scan func(v []driver.Value) R, rows []R, compare func(a, b *R) int, same func(a, b *R) bool) (rowDiff[R], error) {
	var stored []R
	err := c.each(query, nil, func(v []driver.Value) error {
		stored = append(stored, scan(v))
		return nil
	})
	return diffRows(stored, rows, compare, same), err
}

// diffRows merges the rows stored with rows, both sorted by their keys:
// compare compares keys, and same tells whether two rows with one key have
// the same values.
func diffRows[R any](stored, rows []R, compare func(a, b *R) int, same func(a, b *R) bool) rowDiff[R] {
	d := rowDiff[R]{state: make([]rowState, len(rows)), stored: stored}
	j := 0
	for i := range stored {
		s := &stored[i]
		for j < len(rows) && compare(&rows[j], s) < 0 {
			j++ // not stored: rowAdded
		}
		if j < len(rows) && compare(&rows[j], s) == 0 {
			d.state[j] = rowChanged
			if same(&rows[j], s) {
				d.state[j] = rowUnchanged
			}
			j++
			continue
		}
		d.lacking = append(d.lacking, int32(i))
	}
	d.nLacking = len(d.lacking)
	for _, st := range d.state {
		switch st {
		case rowAdded:
			d.added++
		case rowChanged:
			d.changed++
		default:
			d.unchanged++
		}
	}
	return d
}

// replaceRows deletes from table the rows that d found lacking and returns
// the rows still to write: all of rows when it empties the table, since
// that touches fewer rows than deleting those lacking one by one, or else
// only the new and changed ones. key sets the key of a row, in the order of
// keyCols.
func replaceRows[R any](c *conn, table string, keyCols []string, d rowDiff[R], rows []R, key func(r *R, v []any)) ([]R, error) {
	if d.nLacking == 0 && d.added+d.changed == 0 {
		return rows[:0], nil
	}
	if d.rewrite(len(rows)) {
		// The table name is one of two constants.
		if _, err := c.exec("DELETE FROM " + table); err != nil {
			return nil, err
		}
		return rows, nil
	}
	if _, err := c.deleteKeys(table, keyCols, len(d.lacking), func(i int, v []any) { key(&d.stored[d.lacking[i]], v) }); err != nil {
		return nil, err
	}
	kept := rows[:0]
	for i := range rows {
		if d.state[i] != rowUnchanged {
			kept = append(kept, rows[i])
		}
	}
	return kept, nil
}

// sortRows sorts rows by the key that key returns: a number in [0, n), then
// a number, a string and a number. Of rows with the same key, the first
// stays first. The rows are put in buckets by the first number, a counting
// sort, and the few rows in each bucket are sorted by the rest: for a
// million ties, several times faster than sorting the rows themselves.
func sortRows[R any](rows []R, n int64, key func(*R) (int64, int64, string, int64)) {
	type sortKey struct {
		a, b, c int64
		s       string
		i       int32 // the place in rows
	}
	compare := func(x, y sortKey) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), strings.Compare(x.s, y.s), cmp.Compare(x.c, y.c), cmp.Compare(x.i, y.i))
	}
	keys := make([]sortKey, len(rows))
	if n > 4*int64(len(rows))+1024 {
		// Numbers too sparse for buckets.
		for i := range rows {
			a, b, s, c := key(&rows[i])
			keys[i] = sortKey{a, b, c, s, int32(i)}
		}
		slices.SortFunc(keys, compare)
	} else {
		start := make([]int32, n+1) // bucket k: keys[start[k]:start[k+1]]
		for i := range rows {
			a, _, _, _ := key(&rows[i])
			start[a]++
		}
		var sum int32
		for k, c := range start {
			start[k] = sum
			sum += c
		}
		next := slices.Clone(start)
		for i := range rows {
			a, b, s, c := key(&rows[i])
			keys[next[a]] = sortKey{a, b, c, s, int32(i)}
			next[a]++
		}
		for k := range n {
			if bucket := keys[start[k]:start[k+1]]; len(bucket) > 1 {
				slices.SortFunc(bucket, compare)
			}
		}
	}
	// Move every row to its place, one cycle of the permutation at a time.
	const moved = -1
	for j := range keys {
		if keys[j].i == moved {
			continue
		}
		first := rows[j]
		for at := j; ; {
			from := keys[at].i
			keys[at].i = moved
			if int(from) == j {
				rows[at] = first
				break
			}
			rows[at] = rows[from]
			at = int(from)
		}
	}
}
