package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// Run runs the conformance suite. open must return a new, empty store; the
// suite closes it.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	s := &suite{open: open}
	t.Run("Empty", s.testEmpty)
	t.Run("RoundTrip", s.testRoundTrip)
	t.Run("ImportLeavesInputAlone", s.testImportLeavesInputAlone)
	t.Run("ReimportChangesNothing", s.testReimport)
	t.Run("Update", s.testUpdate)
	t.Run("Add", s.testAdd)
	t.Run("Replace", s.testReplace)
	t.Run("Snapshot", s.testSnapshot)
	t.Run("Subtree", s.testSubtree)
	t.Run("UnknownUnit", s.testUnknownUnit)
	t.Run("InvalidImportChangesNothing", s.testInvalidImport)
	t.Run("CancelledImportChangesNothing", s.testCancelledImport)
	t.Run("UndirectedTies", s.testUndirectedTies)
	t.Run("DuplicatesInOneDataSet", s.testDuplicates)
	t.Run("PersonLevel", s.testPersonLevel)
	t.Run("DatePrecision", s.testDatePrecision)
	t.Run("FloatWeights", s.testFloatWeights)
	t.Run("Strings", s.testStrings)
	t.Run("Big", s.testBig)
	t.Run("ConcurrentLoads", s.testConcurrentLoads)
	t.Run("LoadDuringImport", s.testLoadDuringImport)
	t.Run("HistoryEmpty", s.testHistoryEmpty)
	t.Run("HistoryRuns", s.testHistoryRuns)
	t.Run("HistoryDates", s.testHistoryDates)
	t.Run("HistorySurvivesReplace", s.testHistorySurvivesReplace)
	t.Run("HistoryBig", s.testHistoryBig)
}

type suite struct {
	open func(t *testing.T) graph.Store
}

// store opens a fresh store that is closed when the test ends.
func (s *suite) store(t *testing.T) graph.Store {
	t.Helper()
	st := s.open(t)
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return st
}

func mustImport(t *testing.T, st graph.Store, e *graph.Ecosystem, opts graph.ImportOptions) graph.ImportStats {
	t.Helper()
	stats, err := st.Import(t.Context(), e, opts)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	checkStatsSum(t, stats, e)
	return stats
}

// checkStatsSum checks that every record of e was counted once: as added,
// updated or unchanged.
func checkStatsSum(t *testing.T, stats graph.ImportStats, e *graph.Ecosystem) {
	t.Helper()
	if got, want := stats.Added.Add(stats.Updated).Add(stats.Unchanged), e.Counts(); got != want {
		t.Errorf("Import: added+updated+unchanged = %+v, want the counts of the data set %+v (stats %+v)", got, want, stats)
	}
}

func mustLoad(t *testing.T, st graph.Store, q graph.Query) *graph.Ecosystem {
	t.Helper()
	e, err := st.Load(t.Context(), q)
	if err != nil {
		t.Fatalf("Load(%+v): %v", q, err)
	}
	if e == nil {
		t.Fatalf("Load(%+v) = nil, nil", q)
	}
	return e
}

func mustCounts(t *testing.T, st graph.Store) graph.Counts {
	t.Helper()
	c, err := st.Counts(t.Context())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

// oracle is what a store must return for q after storing e: what the
// in-memory implementation returns.
func oracle(t *testing.T, e *graph.Ecosystem, q graph.Query) *graph.Ecosystem {
	t.Helper()
	want, err := e.Load(q)
	if err != nil {
		t.Fatalf("in-memory Load(%+v): %v", q, err)
	}
	return want
}

// checkLoad compares Load(q) with the in-memory result on e.
func checkLoad(t *testing.T, st graph.Store, e *graph.Ecosystem, q graph.Query) {
	t.Helper()
	if d := Diff(mustLoad(t, st, q), oracle(t, e, q)); d != "" {
		t.Errorf("Load(%s) differs from the in-memory result:\n%s", queryString(q), d)
	}
}

// checkStored checks that st holds exactly e: Load and Counts.
func checkStored(t *testing.T, st graph.Store, e *graph.Ecosystem) {
	t.Helper()
	checkLoad(t, st, e, graph.Query{})
	if got, want := mustCounts(t, st), Canonical(e).Counts(); got != want {
		t.Errorf("Counts = %+v, want %+v", got, want)
	}
}

func queryString(q graph.Query) string {
	return fmt.Sprintf("at %q, unit %q", q.At.String(), q.Unit)
}

func wantStats(t *testing.T, got, want graph.ImportStats) {
	t.Helper()
	if got != want {
		t.Errorf("Import stats:\n got %+v\nwant %+v", got, want)
	}
}

func (s *suite) testEmpty(t *testing.T) {
	st := s.store(t)
	if c := mustCounts(t, st); c != (graph.Counts{}) {
		t.Errorf("Counts of a new store = %+v, want zero", c)
	}
	if d := Diff(mustLoad(t, st, graph.Query{}), &graph.Ecosystem{}); d != "" {
		t.Errorf("Load of a new store is not empty:\n%s", d)
	}
	if d := Diff(mustLoad(t, st, graph.Query{At: date("2020")}), &graph.Ecosystem{}); d != "" {
		t.Errorf("Load at 2020 of a new store is not empty:\n%s", d)
	}
	var nf *graph.NotFoundError
	if _, err := st.Load(t.Context(), graph.Query{Unit: "eco"}); !errors.As(err, &nf) {
		t.Errorf("Load of a unit of a new store: error %v, want a *graph.NotFoundError", err)
	}
}

func (s *suite) testRoundTrip(t *testing.T) {
	st := s.store(t)
	e := Sample()
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: e.Counts()})
	checkStored(t, st, e)
	if got := mustLoad(t, st, graph.Query{}).Name; got != e.Name {
		t.Errorf("Name = %q, want %q", got, e.Name)
	}
}

func (s *suite) testImportLeavesInputAlone(t *testing.T) {
	st := s.store(t)
	e := Sample()
	for i := range e.Partners {
		e.Partners[i].Pos = graph.Pos{File: "partners.csv", Line: i + 2}
	}
	before := Sample()
	for i := range before.Partners {
		before.Partners[i].Pos = e.Partners[i].Pos
	}
	mustImport(t, st, e, graph.ImportOptions{})
	if !reflect.DeepEqual(e, before) {
		t.Errorf("Import changed the ecosystem it was given:\n%s", Diff(e, before))
	}
	// Records returned by Load are the caller's to change.
	got := mustLoad(t, st, graph.Query{})
	got.Partners[0].Name = "changed"
	checkStored(t, st, Sample())
}

func (s *suite) testReimport(t *testing.T) {
	for _, replace := range []bool{false, true} {
		t.Run(fmt.Sprintf("Replace=%v", replace), func(t *testing.T) {
			st := s.store(t)
			mustImport(t, st, Sample(), graph.ImportOptions{})
			e := Sample()
			stats := mustImport(t, st, e, graph.ImportOptions{Replace: replace})
			if !replace {
				wantStats(t, stats, graph.ImportStats{Unchanged: e.Counts()})
			}
			checkStored(t, st, e)
		})
	}
}

// changed returns Sample with one partner renamed, one person, unit, tie
// and membership changed in a field that is not part of its natural key.
func changed() *graph.Ecosystem {
	e := Sample()
	e.Partners[2].Name = "Acme Circular B.V."           // acme
	e.People[1].Discipline = "didactics"                // p.devries
	e.Units[3].Challenge = "repair and reuse"           // lab2
	e.Ties[3].Weight = 1.75                             // uni-acme project
	e.Ties[1].Until = date("2024-06")                   // hs-uni collaboration since 2020
	e.Memberships[8].Until = date("2019-06")            // lab1 acme
	e.Memberships[10].Period.Until = date("2018-11-30") // team1 p.bakker
	return validated(e)
}

func (s *suite) testUpdate(t *testing.T) {
	st := s.store(t)
	mustImport(t, st, Sample(), graph.ImportOptions{})
	e := changed()
	stats := mustImport(t, st, e, graph.ImportOptions{})
	updated := graph.Counts{Partners: 1, People: 1, Units: 1, Ties: 2, Memberships: 2}
	want := graph.ImportStats{Updated: updated, Unchanged: subCounts(e.Counts(), updated)}
	wantStats(t, stats, want)
	checkStored(t, st, e)

	// A membership is known by its unit, member, role and since: a new role
	// is a new membership, and the old one stays (without Replace).
	e2 := changed()
	e2.Memberships[2].Role = graph.RoleCoordinator // eco hs
	stats = mustImport(t, st, e2, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: graph.Counts{Memberships: 1}, Unchanged: subCounts(e2.Counts(), graph.Counts{Memberships: 1})})
	both := changed()
	both.Memberships = append(both.Memberships, e2.Memberships[2])
	checkStored(t, st, both)

	// Changing it back updates the same record again.
	stats = mustImport(t, st, Sample(), graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Updated: updated, Unchanged: subCounts(Sample().Counts(), updated)})
}

func subCounts(c, d graph.Counts) graph.Counts {
	return graph.Counts{
		Partners: c.Partners - d.Partners, People: c.People - d.People, Units: c.Units - d.Units,
		Memberships: c.Memberships - d.Memberships, Ties: c.Ties - d.Ties, Values: c.Values - d.Values,
	}
}

// extended returns Sample with a record of each kind added.
func extended() *graph.Ecosystem {
	e := Sample()
	e.Partners = append(e.Partners, graph.Partner{ID: "waterschap", Name: "Waterschap Vechtstromen", Helix: graph.Government, Period: period("2022-02", "")})
	e.People = append(e.People, graph.Person{ID: "p.mulder", Name: "E. Mulder", Partner: "waterschap"})
	e.Units = append(e.Units, graph.Unit{ID: "team3", Name: "Water team", Form: graph.FormInnovationTeam, Parent: "lab2", Period: period("2022-03", "2022-09")})
	e.Memberships = append(e.Memberships, graph.Membership{Unit: "team3", Member: "p.mulder", Role: graph.RoleCoordinator, Period: period("2022-03", "")})
	e.Ties = append(e.Ties,
		graph.Tie{Source: "waterschap", Target: "gem", Type: "collaboration", Weight: 2, Period: period("2022-02", "")},
		graph.Tie{Source: "uni", Target: "hs", Type: "collaboration", Weight: 1, Period: period("2016-01", "")}, // since differs
	)
	e.Values = append(e.Values,
		graph.Value{Reporter: "p.mulder", Unit: "team3", Cycle: graph.CycleImmediate, Date: date("2022-04")},
		graph.Value{Reporter: "uni", Unit: "eco", Cycle: graph.CycleImmediate, Level: graph.Micro, Date: date("2018"), Description: "Workshop insights, again"},
	)
	return validated(e)
}

func (s *suite) testAdd(t *testing.T) {
	st := s.store(t)
	mustImport(t, st, Sample(), graph.ImportOptions{})
	e := extended()
	added := graph.Counts{Partners: 1, People: 1, Units: 1, Memberships: 1, Ties: 2, Values: 2}
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: added, Unchanged: Sample().Counts()})
	checkStored(t, st, e)

	// Without Replace, what a data set leaves out stays.
	stats = mustImport(t, st, Sample(), graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Unchanged: Sample().Counts()})
	checkStored(t, st, e)
}

func (s *suite) testReplace(t *testing.T) {
	st := s.store(t)
	mustImport(t, st, extended(), graph.ImportOptions{})

	// Leave out natuur (with its ties, memberships and value records),
	// team2 (with its memberships and value records) and p.devries (with
	// its ties and memberships); change a tie; add a tie.
	e := Sample()
	e.Partners = slices.DeleteFunc(e.Partners, func(p graph.Partner) bool { return p.ID == "natuur" })
	e.People = slices.DeleteFunc(e.People, func(p graph.Person) bool { return p.ID == "p.devries" })
	e.Units = slices.DeleteFunc(e.Units, func(u graph.Unit) bool { return u.ID == "team2" })
	e.Memberships = slices.DeleteFunc(e.Memberships, func(m graph.Membership) bool {
		return m.Member == "natuur" || m.Member == "p.devries" || m.Unit == "team2"
	})
	e.Ties = slices.DeleteFunc(e.Ties, func(t graph.Tie) bool {
		return t.Source == "natuur" || t.Target == "natuur" || t.Source == "p.devries"
	})
	e.Values = slices.DeleteFunc(e.Values, func(v graph.Value) bool { return v.Reporter == "natuur" || v.Unit == "team2" })
	e.Ties[0].Weight = 7
	e.Ties = append(e.Ties, graph.Tie{Source: "ghost", Target: "gem", Weight: 1})
	validated(e)
	mustImport(t, st, e, graph.ImportOptions{Replace: true})
	checkStored(t, st, e)
	for _, d := range []string{"2019-06", "2021-06"} {
		checkLoad(t, st, e, graph.Query{At: date(d)})
	}

	// Replace with the full set brings everything back.
	mustImport(t, st, Sample(), graph.ImportOptions{Replace: true})
	checkStored(t, st, Sample())

	// An id can change from a person to a partner across a Replace.
	e = Sample()
	e.People = slices.DeleteFunc(e.People, func(p graph.Person) bool { return p.ID == "p.smit" })
	e.Partners = append(e.Partners, graph.Partner{ID: "p.smit", Name: "Smit Advies", Helix: graph.Industry})
	validated(e)
	mustImport(t, st, e, graph.ImportOptions{Replace: true})
	checkStored(t, st, e)
}

func (s *suite) testSnapshot(t *testing.T) {
	st := s.store(t)
	e := Sample()
	mustImport(t, st, e, graph.ImportOptions{})
	for _, d := range SnapshotDates {
		checkLoad(t, st, e, graph.Query{At: date(d)})
	}
}

func (s *suite) testSubtree(t *testing.T) {
	st := s.store(t)
	e := Sample()
	mustImport(t, st, e, graph.ImportOptions{})
	for _, u := range e.Units {
		for _, d := range SnapshotDates {
			checkLoad(t, st, e, graph.Query{At: date(d), Unit: u.ID})
		}
	}
}

func (s *suite) testUnknownUnit(t *testing.T) {
	st := s.store(t)
	mustImport(t, st, Sample(), graph.ImportOptions{})
	for _, d := range []string{"", "2018"} {
		_, err := st.Load(t.Context(), graph.Query{At: date(d), Unit: "tem1"})
		var nf *graph.NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Load of unknown unit at %q: error %v, want a *graph.NotFoundError", d, err)
			continue
		}
		if nf.Kind != "unit" || nf.ID != "tem1" || !slices.Contains(nf.Closest, "team1") {
			t.Errorf("Load of unknown unit at %q: %+v, want kind unit, id tem1 and team1 among the closest", d, nf)
		}
	}
}

// invalidCases are data sets that refer to records that do not exist; a
// store must reject them with graph.ErrInvalid. The bad record comes last,
// after thousands of good ones.
var invalidCases = []struct {
	name  string
	spoil func(e *graph.Ecosystem)
}{
	{"TieToUnknownPartner", func(e *graph.Ecosystem) {
		e.Ties = append(e.Ties, graph.Tie{Source: "partner-1", Target: "nobody", Weight: 1})
	}},
	{"TieFromUnknownPerson", func(e *graph.Ecosystem) {
		e.Ties = append(e.Ties, graph.Tie{Source: "person-nobody", Target: "partner-1", Weight: 1, Directed: true})
	}},
	{"PersonOfUnknownPartner", func(e *graph.Ecosystem) {
		e.People = append(e.People, graph.Person{ID: "person-x", Name: "X", Partner: "nobody"})
	}},
	{"PersonIDIsPartnerID", func(e *graph.Ecosystem) {
		e.People = append(e.People, graph.Person{ID: "partner-2", Name: "X", Partner: "partner-1"})
	}},
	{"MembershipOfUnknownUnit", func(e *graph.Ecosystem) {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "nowhere", Member: "partner-1", Role: graph.RoleMember})
	}},
	{"MembershipOfUnknownMember", func(e *graph.Ecosystem) {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "unit-0", Member: "nobody", Role: graph.RoleMember})
	}},
	{"UnitWithUnknownParent", func(e *graph.Ecosystem) {
		e.Units = append(e.Units, graph.Unit{ID: "orphan", Name: "Orphan", Level: graph.LevelTeam, Form: graph.FormInnovationTeam, Parent: "nowhere"})
	}},
	{"ValueOfUnknownReporter", func(e *graph.Ecosystem) {
		e.Values = append(e.Values, graph.Value{Reporter: "nobody", Cycle: graph.CycleImmediate})
	}},
	{"ValueOfUnknownUnit", func(e *graph.Ecosystem) {
		e.Values = append(e.Values, graph.Value{Reporter: "partner-1", Unit: "nowhere", Cycle: graph.CycleImmediate})
	}},
}

func (s *suite) testInvalidImport(t *testing.T) {
	for _, c := range invalidCases {
		for _, replace := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/Replace=%v", c.name, replace), func(t *testing.T) {
				st := s.store(t)
				base := big(300, 1000, 0)
				mustImport(t, st, base, graph.ImportOptions{})
				bad := big(300, 1000, 1)
				c.spoil(bad)
				_, err := st.Import(t.Context(), bad, graph.ImportOptions{Replace: replace})
				if !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("Import of bad data: error %v, want one wrapping graph.ErrInvalid", err)
				}
				checkStored(t, st, base)
			})
		}
	}
}

func (s *suite) testCancelledImport(t *testing.T) {
	t.Run("Before", func(t *testing.T) {
		st := s.store(t)
		mustImport(t, st, Sample(), graph.ImportOptions{})
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := st.Import(ctx, changed(), graph.ImportOptions{Replace: true}); !errors.Is(err, context.Canceled) {
			t.Errorf("Import with a cancelled context: error %v, want context.Canceled", err)
		}
		checkStored(t, st, Sample())
	})
	// Cancel after the store has looked at its context n times, for growing
	// n, until the import gets through: at whatever point it is cancelled,
	// an import either fails and changes nothing or succeeds.
	for _, replace := range []bool{false, true} {
		t.Run(fmt.Sprintf("Midway/Replace=%v", replace), func(t *testing.T) {
			st := s.store(t)
			base, next := big(600, 3000, 0), big(600, 3000, 1)
			mustImport(t, st, base, graph.ImportOptions{})
			failed := 0
			for n := int64(0); ; n = n*3/2 + 1 {
				ctx := newCountdown(t.Context(), n)
				_, err := st.Import(ctx, next, graph.ImportOptions{Replace: replace})
				if err == nil {
					break
				}
				failed++
				checkStored(t, st, base)
				if t.Failed() {
					t.Fatalf("after an import cancelled at check %d (%v)", n, err)
				}
				if n > 1<<30 {
					t.Fatalf("Import keeps failing: %v", err)
				}
			}
			// Without Replace too, since next holds every key of base.
			checkStored(t, st, next)
			t.Logf("%d cancelled imports left the store as it was", failed)
		})
	}
}

// countdown is a context that is cancelled when it has been asked, through
// Done or Err, more than n times whether it is.
type countdown struct {
	context.Context
	left atomic.Int64
	once sync.Once
	done chan struct{}
}

func newCountdown(parent context.Context, n int64) *countdown {
	c := &countdown{Context: parent, done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *countdown) tick() {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
	}
}

func (c *countdown) Done() <-chan struct{} {
	c.tick()
	return c.done
}

func (c *countdown) Err() error {
	c.tick()
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

func (s *suite) testUndirectedTies(t *testing.T) {
	st := s.store(t)
	base := &graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}, {ID: "b"}}}
	ab := graph.Tie{Source: "a", Target: "b", Type: "collaboration", Weight: 1, Period: period("2019", "")}
	ba := ab
	ba.Source, ba.Target = "b", "a"

	e := validated(&graph.Ecosystem{Partners: base.Partners, Ties: []graph.Tie{ab}})
	mustImport(t, st, e, graph.ImportOptions{})
	e2 := validated(&graph.Ecosystem{Partners: base.Partners, Ties: []graph.Tie{ba}})
	stats := mustImport(t, st, e2, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Unchanged: graph.Counts{Partners: 2, Ties: 1}})
	checkStored(t, st, e)

	// The same tie the other way round with a new weight is an update.
	ba.Weight = 2
	e3 := validated(&graph.Ecosystem{Partners: base.Partners, Ties: []graph.Tie{ba}})
	stats = mustImport(t, st, e3, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Updated: graph.Counts{Ties: 1}, Unchanged: graph.Counts{Partners: 2}})
	checkStored(t, st, e3)

	// Directed ties a→b and b→a are two ties.
	st2 := s.store(t)
	dab, dba := ab, ba
	dab.Directed, dba.Directed = true, true
	e4 := validated(&graph.Ecosystem{Partners: base.Partners, Ties: []graph.Tie{dab, dba}})
	stats = mustImport(t, st2, e4, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: graph.Counts{Partners: 2, Ties: 2}})
	checkStored(t, st2, e4)
}

func (s *suite) testDuplicates(t *testing.T) {
	st := s.store(t)
	ab := graph.Tie{Source: "a", Target: "b", Type: "collaboration", Weight: 1, Period: period("2019", "2020")}
	ba := ab
	ba.Source, ba.Target, ba.Weight, ba.Until = "b", "a", 3, date("2021-06")
	raw := func() *graph.Ecosystem {
		return &graph.Ecosystem{
			Partners:    []graph.Partner{{ID: "a"}, {ID: "b"}},
			Units:       []graph.Unit{{ID: "u", Level: graph.LevelTeam}},
			Memberships: []graph.Membership{{Unit: "u", Member: "a"}, {Unit: "u", Member: "a"}},
			Ties:        []graph.Tie{ab, ab, ba},
			Values:      []graph.Value{{Reporter: "a", Cycle: graph.CycleApplied}, {Reporter: "a", Cycle: graph.CycleApplied}},
		}
	}

	// A store refuses records that repeat a key: Validate combines them.
	before := mustCounts(t, st)
	if _, err := st.Import(t.Context(), raw(), graph.ImportOptions{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Import of ties with one key, not combined: got %v, want an error wrapping graph.ErrInvalid", err)
	}
	if got := mustCounts(t, st); got != before {
		t.Errorf("a refused import changed the store: counts %+v, want %+v", got, before)
	}

	// Validated, records with the same key are one record: the weights of
	// the ties added, the widest period kept.
	e := validated(raw())
	if len(e.Ties) != 1 || e.Ties[0].Weight != 5 || e.Ties[0].Until != date("2021-06") || len(e.Memberships) != 1 || len(e.Values) != 1 {
		t.Fatalf("Validate did not combine the repeats: %+v", e)
	}
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: graph.Counts{Partners: 2, Units: 1, Memberships: 1, Ties: 1, Values: 1}})
	checkStored(t, st, e)
	// Importing the same data again changes nothing.
	stats = mustImport(t, st, validated(raw()), graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Unchanged: graph.Counts{Partners: 2, Units: 1, Memberships: 1, Ties: 1, Values: 1}})
	checkStored(t, st, e)

	// Ties that share ends, type and since but have different ids are
	// different ties; the same id makes them one.
	st2 := s.store(t)
	p1, p2, p3 := ab, ab, ab
	p1.ID, p2.ID, p3.ID = "project-1", "project-2", "project-1"
	p3.Source, p3.Target = "b", "a"
	e2 := validated(&graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}, {ID: "b"}}, Ties: []graph.Tie{p1, p2, p3}})
	if len(e2.Ties) != 2 {
		t.Fatalf("Validate: got %d ties, want 2 (two ids)", len(e2.Ties))
	}
	stats = mustImport(t, st2, e2, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: graph.Counts{Partners: 2, Ties: 2}})
	checkStored(t, st2, e2)
	stats = mustImport(t, st2, e2, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Unchanged: graph.Counts{Partners: 2, Ties: 2}})
}

func (s *suite) testPersonLevel(t *testing.T) {
	st := s.store(t)
	e := validated(&graph.Ecosystem{
		Partners: []graph.Partner{{ID: "org1"}, {ID: "org2"}},
		People:   []graph.Person{{ID: "ann", Partner: "org1"}, {ID: "bob", Partner: "org2"}, {ID: "cas", Partner: "org2"}},
		Units:    []graph.Unit{{ID: "team", Level: graph.LevelTeam}},
		Memberships: []graph.Membership{
			{Unit: "team", Member: "ann", Role: graph.RoleCoordinator},
			{Unit: "team", Member: "bob"},
			{Unit: "team", Member: "org2", Role: graph.RoleUser},
		},
		Ties: []graph.Tie{
			{Source: "ann", Target: "bob", Type: "knowledge_exchange", Weight: 2},
			{Source: "bob", Target: "cas", Weight: 1, Directed: true}, // colleagues
			{Source: "cas", Target: "org1", Weight: 1},
		},
		Values: []graph.Value{{Reporter: "ann", Unit: "team", Cycle: graph.CycleRealized, Level: graph.Meso}},
	})
	mustImport(t, st, e, graph.ImportOptions{})
	checkStored(t, st, e)
	checkLoad(t, st, e, graph.Query{Unit: "team"})
}

func (s *suite) testDatePrecision(t *testing.T) {
	st := s.store(t)
	periods := [][2]string{
		{"", ""}, {"2019", ""}, {"2019-01", ""}, {"2019-01-01", ""}, {"", "2019"}, {"", "2019-12"}, {"", "2019-12-31"},
		{"2019", "2019"}, {"2020-02", "2020-02-29"}, {"0001", "9999-12-31"}, {"2019-12-31", "2020"}, {"2016-02-29", "2016-03"},
	}
	e := &graph.Ecosystem{}
	for i, p := range periods {
		e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprintf("p%02d", i), Period: period(p[0], p[1])})
	}
	e.Units = []graph.Unit{{ID: "u", Level: graph.LevelTeam, Period: period("2019", "2019-06")}}
	for i, p := range periods {
		// Type and Description make the keys differ where since is the same.
		e.Ties = append(e.Ties, graph.Tie{Source: "p00", Target: "p01", Type: p[1], Weight: float64(i + 1), Period: period(p[0], p[1])})
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "u", Member: e.Partners[i].ID, Role: graph.RoleMember, Period: period(p[0], p[1])})
		e.Values = append(e.Values, graph.Value{Reporter: "p00", Cycle: graph.CycleExpected, Date: date(p[0]), Description: p[1]})
	}
	// Records that differ only in the precision of since are different
	// records (the ties above show it too).
	for _, d := range []string{"2019", "2019-01", "2019-01-01"} {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "u", Member: "p01", Role: graph.RoleUser, Period: period(d, "")})
	}
	validated(e)
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: e.Counts()})
	checkStored(t, st, e)
	got := mustLoad(t, st, graph.Query{})
	for _, p := range got.Partners {
		for _, w := range e.Partners {
			if p.ID == w.ID && (p.Since.Precision() != w.Since.Precision() || p.Until.Precision() != w.Until.Precision()) {
				t.Errorf("partner %s: period %s..%s, want %s..%s", p.ID, p.Since, p.Until, w.Since, w.Until)
			}
		}
	}
	for _, d := range []string{"0001-01-01", "2015", "2016-02-29", "2016-03-31", "2016-04", "2018-12-31", "2019", "2019-01-01", "2019-06",
		"2019-12", "2019-12-31", "2020", "2020-02-28", "2020-03", "9999-12-31"} {
		checkLoad(t, st, e, graph.Query{At: date(d)})
		checkLoad(t, st, e, graph.Query{At: date(d), Unit: "u"})
	}
}

func (s *suite) testFloatWeights(t *testing.T) {
	st := s.store(t)
	weights := []float64{
		0.1, 1.0 / 3, 2.0 / 3, math.Pi, math.Nextafter(1, 2), math.Nextafter(1, 0),
		1e-300, 5e-324, graph.MaxWeight, math.Nextafter(graph.MaxWeight, 0), 123456789.123456789, 1 << 39, 1<<39 + 1.0/4096,
	}
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}, {ID: "b"}}}
	for i, w := range weights {
		e.Ties = append(e.Ties, graph.Tie{Source: "a", Target: "b", Type: fmt.Sprint(i), Weight: w})
	}
	validated(e)
	mustImport(t, st, e, graph.ImportOptions{})
	got := Canonical(mustLoad(t, st, graph.Query{}))
	want := Canonical(e)
	if len(got.Ties) != len(want.Ties) {
		t.Fatalf("got %d ties, want %d", len(got.Ties), len(want.Ties))
	}
	for i := range got.Ties {
		if g, w := got.Ties[i].Weight, want.Ties[i].Weight; math.Float64bits(g) != math.Float64bits(w) {
			t.Errorf("tie %s: weight %v (%#x), want %v (%#x)", got.Ties[i].Type, g, math.Float64bits(g), w, math.Float64bits(w))
		}
	}
	// The same weights again are unchanged.
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Unchanged: e.Counts()})
}

func (s *suite) testStrings(t *testing.T) {
	st := s.store(t)
	odd := []string{
		`it's`, `say "hi"`, `a;b`, `x'); DROP TABLE partner; --`, `MATCH (n) DETACH DELETE n`, `{{.}}`, `$1`, `?`, `:name`, `@p`,
		"tab\there", "new\nline", "Zoë Ünal", "日本語", "emoji 🌱", `back\slash`, "%_%", "long " + strings.Repeat("x", 2000),
	}
	e := &graph.Ecosystem{Name: `The "odd" ecosystem; it's 🌱`}
	for i, s := range odd {
		e.Partners = append(e.Partners, graph.Partner{ID: s, Name: s + " name", Kind: s, Region: s})
		if i > 0 {
			e.Ties = append(e.Ties, graph.Tie{Source: odd[i-1], Target: s, Type: s, Weight: 1})
		}
	}
	e.Units = []graph.Unit{{ID: odd[3], Name: odd[1], Level: graph.LevelTeam, Challenge: odd[0], Cadence: odd[5]}}
	e.Memberships = []graph.Membership{{Unit: odd[3], Member: odd[4]}}
	e.Values = []graph.Value{{Reporter: odd[2], Unit: odd[3], Cycle: graph.CycleApplied, Description: odd[7]}}
	validated(e)
	mustImport(t, st, e, graph.ImportOptions{})
	checkStored(t, st, e)
	checkLoad(t, st, e, graph.Query{Unit: odd[3]})
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Unchanged: e.Counts()})
}

func (s *suite) testBig(t *testing.T) {
	st := s.store(t)
	e := big(2000, 10000, 0)
	stats := mustImport(t, st, e, graph.ImportOptions{})
	wantStats(t, stats, graph.ImportStats{Added: e.Counts()})
	checkStored(t, st, e)
	for _, d := range []string{"2012", "2016-06", "2020-02-29"} {
		checkLoad(t, st, e, graph.Query{At: date(d)})
	}
	checkLoad(t, st, e, graph.Query{Unit: "unit-3"})

	next := big(2000, 10000, 1)
	mustImport(t, st, next, graph.ImportOptions{Replace: true})
	checkStored(t, st, next)
	checkLoad(t, st, next, graph.Query{At: date("2018")})
}

func (s *suite) testConcurrentLoads(t *testing.T) {
	st := s.store(t)
	e := Sample()
	mustImport(t, st, e, graph.ImportOptions{})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				q := graph.Query{At: date(SnapshotDates[(g*10+i)%len(SnapshotDates)])}
				if i%3 == 0 {
					q.Unit = e.Units[(g+i)%len(e.Units)].ID
				}
				got, err := st.Load(t.Context(), q)
				if err != nil {
					t.Errorf("concurrent Load(%s): %v", queryString(q), err)
					return
				}
				want, _ := e.Load(q)
				if d := Diff(got, want); d != "" {
					t.Errorf("concurrent Load(%s) differs from the in-memory result:\n%s", queryString(q), d)
					return
				}
				if _, err := st.Counts(t.Context()); err != nil {
					t.Errorf("concurrent Counts: %v", err)
				}
			}
		})
	}
	wg.Wait()
}

// testLoadDuringImport checks that a Load that runs while an import is
// being written sees the data before or after it, never a mix.
func (s *suite) testLoadDuringImport(t *testing.T) {
	st := s.store(t)
	before, after := big(1000, 6000, 0), big(1000, 6000, 1)
	mustImport(t, st, before, graph.ImportOptions{})
	wantBefore, wantAfter := Canonical(before), Canonical(after)
	done := make(chan error)
	go func() {
		_, err := st.Import(t.Context(), after, graph.ImportOptions{Replace: true})
		done <- err
	}()
	loads := 0
	for finished := false; !finished; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			finished = true
		default:
		}
		got, err := st.Load(t.Context(), graph.Query{})
		if err != nil {
			t.Fatalf("Load during Import: %v", err)
		}
		loads++
		if g := Canonical(got); !reflect.DeepEqual(g, wantBefore) && !reflect.DeepEqual(g, wantAfter) {
			t.Fatalf("Load during Import saw neither the data before nor after it:\n%s", Diff(got, after))
		}
	}
	checkStored(t, st, after)
	t.Logf("%d loads during and after the import", loads)
}
