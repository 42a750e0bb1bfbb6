package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCombine(t *testing.T) {
	d := MustParseDate
	e := &Ecosystem{
		Partners: []Partner{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Units:    []Unit{{ID: "u", Level: LevelTeam}},
		Ties: []Tie{
			{Source: "a", Target: "b", Type: "x", Weight: 1, Period: Period{Since: d("2019"), Until: d("2020")}},
			{Source: "b", Target: "a", Type: "x", Weight: 2.5, Period: Period{Since: d("2019"), Until: d("2021-03")}}, // the same undirected tie
			{Source: "a", Target: "b", Type: "x", Weight: 1, ID: "p1", Period: Period{Since: d("2019")}},              // another id
			{Source: "a", Target: "b", Type: "y", Weight: 1, Period: Period{Since: d("2019")}},                        // another type
			{Source: "a", Target: "b", Type: "x", Weight: 1, Period: Period{Since: d("2018")}},                        // another since
			{Source: "a", Target: "c", Type: "x", Weight: 1, Directed: true},
			{Source: "c", Target: "a", Type: "x", Weight: 1, Directed: true}, // the other direction
			{Source: "a", Target: "c", Type: "x", Weight: 4, Directed: true}, // the same directed tie
			{Source: "a", Target: "b", Type: "x", Weight: 1, ID: "p1", Period: Period{Since: d("2019"), Until: d("2019-06")}},
		},
		Memberships: []Membership{
			{Unit: "u", Member: "a", Role: RoleMember, Period: Period{Until: d("2020")}},
			{Unit: "u", Member: "a", Role: RoleMember},                                   // open: the widest
			{Unit: "u", Member: "a", Role: RoleCoordinator},                              // another role
			{Unit: "u", Member: "a", Role: RoleMember, Period: Period{Since: d("2019")}}, // another since
		},
		Values: []Value{
			{Reporter: "a", Cycle: CycleApplied, Description: "x"},
			{Reporter: "a", Cycle: CycleApplied, Description: "x"},
			{Reporter: "a", Cycle: CycleApplied, Description: "y"},
		},
	}
	c, ps := e.Combine()
	if len(ps) != 0 {
		t.Fatalf("Combine: problems %v", ps)
	}
	if want := (Combined{Ties: 3, Memberships: 1, Values: 1}); c != want {
		t.Errorf("Combine = %+v, want %+v", c, want)
	}
	if len(e.Ties) != 6 {
		t.Fatalf("got %d ties, want 6: %+v", len(e.Ties), e.Ties)
	}
	first := e.Ties[0]
	if first.Weight != 3.5 || first.Until != d("2021-03") || first.Source != "a" {
		t.Errorf("combined tie = %+v, want weight 3.5, until 2021-03, written as the first (a–b)", first)
	}
	if e.Ties[1].ID != "p1" || e.Ties[1].Weight != 2 || !e.Ties[1].Until.IsZero() {
		t.Errorf("tie with id p1 = %+v, want weight 2 and an open until (the widest)", e.Ties[1])
	}
	if e.Ties[4].Source != "a" || e.Ties[4].Weight != 5 || e.Ties[5].Source != "c" {
		t.Errorf("directed ties = %+v, %+v; want a→c with weight 5, then c→a", e.Ties[4], e.Ties[5])
	}
	if len(e.Memberships) != 3 || !e.Memberships[0].Until.IsZero() {
		t.Errorf("memberships = %+v, want 3, the first with an open until", e.Memberships)
	}
	if len(e.Values) != 2 {
		t.Errorf("values = %+v, want 2", e.Values)
	}
	// Combining again changes nothing.
	if c, _ := e.Combine(); c != (Combined{}) {
		t.Errorf("second Combine = %+v, want nothing", c)
	}
	notes := Combined{Ties: 3, Values: 1}.Notes("data")
	if len(notes) != 2 || !notes[0].Notice || !strings.HasPrefix(notes[0].String(), "data: note: 3 tie records repeated") {
		t.Errorf("Notes = %v", notes)
	}
}

func TestCombineDirectedConflict(t *testing.T) {
	e := &Ecosystem{
		Partners: []Partner{{ID: "a"}, {ID: "b"}},
		Ties: []Tie{
			{Source: "a", Target: "b", Weight: 1, Pos: Pos{File: "ties.csv", Line: 2}},
			{Source: "a", Target: "b", Weight: 1, Directed: true, Pos: Pos{File: "ties.csv", Line: 3}},
		},
	}
	ps := e.Validate()
	errs := ps.Errors()
	if len(errs) != 1 || errs[0].Pos.Line != 3 || !strings.Contains(errs[0].Message, "directed here but undirected at ties.csv:2") {
		t.Errorf("Validate = %v, want one error at line 3 naming line 2", ps)
	}
}

func TestValidateCombines(t *testing.T) {
	e := &Ecosystem{
		Partners: []Partner{{ID: "a"}, {ID: "b"}},
		Ties:     []Tie{{Source: "a", Target: "b"}, {Source: "b", Target: "a"}},
	}
	ps := e.Validate()
	if len(ps.Errors()) != 0 || len(ps.Notices()) != 1 || len(ps.Warnings()) != 0 {
		t.Fatalf("Validate = %v, want one notice", ps)
	}
	if len(e.Ties) != 1 || e.Ties[0].Weight != 2 {
		t.Errorf("ties = %+v, want one of weight 2 (default weights 1 + 1)", e.Ties)
	}
	// A data set with errors is not combined.
	bad := &Ecosystem{
		Partners: []Partner{{ID: "a"}, {ID: "b"}},
		Ties:     []Tie{{Source: "a", Target: "b"}, {Source: "b", Target: "a"}, {Source: "a", Target: "zz"}},
	}
	if ps := bad.Validate(); len(ps.Notices()) != 0 || len(bad.Ties) != 3 {
		t.Errorf("invalid data set: Validate = %v, ties %d; want no notice and the ties untouched", ps, len(bad.Ties))
	}
}

// TestCombineMatchesKeys checks combine against a plain map of TieKey on
// random ties with many repeats, hubs (groups over 32 ties), long runs of
// ties between the same two partners and both directions, directed and
// not.
func TestCombineMatchesKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for round := range 20 {
		e := &Ecosystem{}
		np := 3 + rng.IntN(40)
		if round%4 == 3 {
			np = 3 // long runs of ties between the same two partners
		}
		for i := range np {
			e.Partners = append(e.Partners, Partner{ID: fmt.Sprintf("p%03d", (i*37)%np)})
		}
		for range rng.IntN(400) {
			a, b := rng.IntN(np), rng.IntN(np)
			if round%2 == 0 {
				a = 0 // a hub
			}
			tie := Tie{Source: e.Partners[a].ID, Target: e.Partners[b].ID, Weight: float64(1 + rng.IntN(3)),
				Type: []string{"", "x"}[rng.IntN(2)], ID: []string{"", "", "p1"}[rng.IntN(3)], Directed: rng.IntN(8) == 0,
				Period: Period{Since: []Date{{}, NewDate(2019, 0, 0)}[rng.IntN(2)], Until: []Date{{}, NewDate(2020, 0, 0), NewDate(2021, 0, 0)}[rng.IntN(3)]}}
			e.Ties = append(e.Ties, tie)
		}
		// The reference: a map of TieKey, conflicts of direction kept apart.
		var want []Tie
		index := map[TieKey]int{}
		conflicts := 0
		for _, tie := range e.Ties {
			k := tie.Key()
			if i, ok := index[k]; ok {
				if want[i].Directed != tie.Directed {
					conflicts++
					want = append(want, tie)
					continue
				}
				want[i].Weight += tie.Weight
				want[i].Until = laterUntil(want[i].Until, tie.Until)
				continue
			}
			index[k] = len(want)
			want = append(want, tie)
		}
		_, ps := e.Combine()
		if ps.Count() != conflicts || !slices.Equal(e.Ties, want) {
			t.Fatalf("round %d: %d ties, %d conflicts; want %d ties, %d conflicts", round, len(e.Ties), ps.Count(), len(want), conflicts)
		}
	}
}

// TestCombineLongRuns: many ties between the same two partners that differ
// in type, since or id cost work in proportion to their number, not its
// square (issue 9: 4 million ties among 1000 partners, each pair 4000
// times with its own id, took 130 s).
func TestCombineLongRuns(t *testing.T) {
	const n = 20_000
	e := &Ecosystem{Partners: []Partner{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	for i := range n {
		e.Ties = append(e.Ties, Tie{Source: "a", Target: "b", ID: fmt.Sprint(i % (n / 2)), Weight: 1})
		e.Ties = append(e.Ties, Tie{Source: "b", Target: "c", Type: fmt.Sprint(i), Weight: 1})
	}
	compared.Store(0)
	c, ps := e.Combine()
	if c.Ties != n/2 || len(ps) != 0 || len(e.Ties) != n/2+n {
		t.Fatalf("combined %d ties (%d left, problems %v), want %d (%d left)", c.Ties, len(e.Ties), ps, n/2, n/2+n)
	}
	if got := compared.Load(); got > int64(40*n) {
		t.Errorf("compared %d pairs of ties for %d ties, want at most %d", got, 2*n, 40*n)
	}
}

// TestCombineRunsShareAMap: the map that combines a long run is made once
// for all runs (a map per run made 800 MB of garbage on 4 million ties,
// and the collector fell behind: 1.2 GB).
func TestCombineRunsShareAMap(t *testing.T) {
	e := &Ecosystem{}
	for a := range 200 {
		e.Partners = append(e.Partners, Partner{ID: fmt.Sprint("a", a)}, Partner{ID: fmt.Sprint("b", a)})
		for i := range 500 {
			e.Ties = append(e.Ties, Tie{Source: fmt.Sprint("a", a), Target: fmt.Sprint("b", a), ID: fmt.Sprint(i), Weight: 1})
		}
	}
	if b := allocatedBy(func() { e.Combine() }); b > 5<<20 {
		t.Errorf("Combine allocated %d MB for %d ties, want at most 5 MB", b>>20, len(e.Ties))
	}
}
