package graph

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func pos(line int) Pos { return Pos{File: "t.csv", Line: line} }

// small is a valid ecosystem: a triple helix with one civil-society partner,
// one ecosystem with a fieldlab and a team below it.
func small() *Ecosystem {
	return &Ecosystem{
		Partners: []Partner{
			{ID: "uni", Helix: Academia, Pos: pos(2)},
			{ID: "bv", Helix: Industry, Sector: Private, Pos: pos(3), Period: Period{Since: MustParseDate("2020")}},
			{ID: "gem", Helix: Government, Pos: pos(4), Period: Period{Since: MustParseDate("2019"), Until: MustParseDate("2021-06")}},
			{ID: "wijk", Helix: CivilSociety, Pos: pos(5), Period: Period{Since: MustParseDate("2022")}},
		},
		People: []Person{{ID: "anna", Partner: "uni", Pos: pos(2)}, {ID: "bob", Partner: "bv", Pos: pos(3)}},
		Units: []Unit{
			{ID: "eco", Level: LevelEcosystem, Pos: pos(2)},
			{ID: "fl", Form: FormLivingLab, Parent: "eco", Pos: pos(3)},
			{ID: "t1", Level: LevelTeam, Parent: "fl", Pos: pos(4), Period: Period{Since: MustParseDate("2020"), Until: MustParseDate("2021")}},
		},
		Memberships: []Membership{
			{Unit: "eco", Member: "gem", Pos: pos(2)},
			{Unit: "fl", Member: "wijk", Pos: pos(3)},
			{Unit: "t1", Member: "anna", Pos: pos(4)},
			{Unit: "t1", Member: "bob", Pos: pos(5)},
		},
		Ties: []Tie{
			{Source: "anna", Target: "bob", Pos: pos(2), Period: Period{Since: MustParseDate("2020-05")}},
			{Source: "uni", Target: "gem", Weight: 2, Pos: pos(3)},
		},
		Values: []Value{{Reporter: "anna", Unit: "t1", Cycle: CycleApplied, Date: MustParseDate("2021-03"), Pos: pos(2)}},
	}
}

func TestValidateFillsDefaults(t *testing.T) {
	e := small()
	if ps := e.Validate(); len(ps) != 0 {
		t.Fatalf("Validate() = %v, want no problems", ps)
	}
	if e.Partners[0].Name != "uni" || e.Partners[0].Sector != Public {
		t.Errorf("partner defaults: name %q sector %q, want uni public", e.Partners[0].Name, e.Partners[0].Sector)
	}
	if e.Units[0].Form != FormEcosystem || e.Units[1].Level != LevelFieldlab || e.Units[2].Form != FormInnovationTeam {
		t.Errorf("unit defaults: %s %s %s", e.Units[0].Form, e.Units[1].Level, e.Units[2].Form)
	}
	if e.Ties[0].Weight != 1 || e.Memberships[0].Role != RoleMember {
		t.Errorf("tie weight %v role %q, want 1 member", e.Ties[0].Weight, e.Memberships[0].Role)
	}
}

func TestValidateFindsEveryProblem(t *testing.T) {
	e := small()
	e.Partners = append(e.Partners, Partner{ID: "uni", Pos: pos(6)}, Partner{ID: "", Pos: pos(7)},
		Partner{ID: "x", Pos: pos(8), Period: Period{Since: MustParseDate("2020"), Until: MustParseDate("2019")}})
	e.People = append(e.People, Person{ID: "bv", Partner: "uni", Pos: pos(4)}, Person{ID: "carl", Partner: "bvv", Pos: pos(5)})
	e.Units = append(e.Units, Unit{ID: "t2", Level: LevelTeam, Form: FormLivingLab, Parent: "fll", Pos: pos(5)})
	e.Memberships = append(e.Memberships, Membership{Unit: "t3", Member: "annna", Pos: pos(6)})
	e.Ties = append(e.Ties, Tie{Source: "uni", Target: "uni", Pos: pos(4)}, Tie{Source: "uni", Target: "bv", Weight: -1, Pos: pos(5)})
	e.Values = append(e.Values, Value{Reporter: "nobody", Cycle: CycleApplied, Capital: CapitalHuman, Pos: pos(3)})
	ps := e.Validate()
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`t.csv:6: id: duplicate partner id "uni" (first at t.csv:2)`,
		`t.csv:7: id: empty id`,
		`t.csv:8: until: until 2019 is before since 2020`,
		`t.csv:4: id: person id "bv" is also a partner id (at t.csv:3); ids of people and partners must differ`,
		`t.csv:5: partner: unknown partner "bvv"; did you mean "bv"?`,
		`t.csv:5: form: form living_lab belongs to level fieldlab, not team`,
		`t.csv:5: parent: unknown unit "fll"; did you mean "fl"?`,
		`t.csv:6: unit: unknown unit "t3"`,
		`t.csv:6: member: unknown partner or person "annna"; did you mean "anna"?`,
		`t.csv:4: target: warning: tie from "uni" to itself (a self-loop) is dropped`,
		`t.csv:5: weight: weight -1 is not a positive number`,
		`t.csv:3: reporter: unknown partner or person "nobody"`,
		`t.csv:3: capital: capital human is only given with cycle potential, not applied`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(e.Ties) != 3 {
		t.Errorf("ties after Validate = %d, want 3 (self-loop dropped)", len(e.Ties))
	}
	if n := len(ps.Warnings()); n != 1 {
		t.Errorf("warnings = %d, want 1", n)
	}
}

func TestValidateParentLoop(t *testing.T) {
	e := &Ecosystem{
		Partners: []Partner{{ID: "a"}},
		Units:    []Unit{{ID: "u1", Level: LevelTeam, Parent: "u2"}, {ID: "u2", Level: LevelTeam, Parent: "u1"}},
	}
	ps := e.Validate().Errors()
	if len(ps) != 2 || !strings.Contains(ps[0].Message, "its own ancestor") {
		t.Errorf("problems = %v, want two parent loops", ps)
	}
}

func TestValidationErrorCapsList(t *testing.T) {
	e := &Ecosystem{}
	for i := 0; i < 60; i++ {
		e.Partners = append(e.Partners, Partner{ID: "dup", Pos: pos(i + 2)})
	}
	err := e.Validate().Err()
	if err == nil {
		t.Fatal("no error for 59 duplicates")
	}
	msg := err.Error()
	lines := strings.Split(msg, "\n")
	if lines[0] != "59 problems in the data:" {
		t.Errorf("first line %q", lines[0])
	}
	if len(lines) != 1+MaxProblemsShown+1 || lines[len(lines)-1] != "... and 9 more problems" {
		t.Errorf("got %d lines ending %q; want 52 lines ending with the count of the rest", len(lines), lines[len(lines)-1])
	}
	if (&Ecosystem{}).Validate().Err() == nil {
		t.Error("an ecosystem without partners is valid")
	}
}

func TestPartnerTiesAndUnitPartners(t *testing.T) {
	e := small()
	e.Validate()
	got := fmt.Sprint(e.PartnerTies())
	if !strings.Contains(got, "{uni bv  1 false") || !strings.Contains(got, "{uni gem  2 false") {
		t.Errorf("PartnerTies = %s, want anna-bob attributed to uni-bv and uni-gem", got)
	}
	up := e.UnitPartners()
	if fmt.Sprint(up["t1"]) != "[uni bv]" || fmt.Sprint(up["eco"]) != "[gem]" {
		t.Errorf("UnitPartners = %v", up)
	}
}

func TestAt(t *testing.T) {
	e := small()
	e.Validate()
	tests := []struct {
		at                                   string
		partners, units, members, ties, vals int
	}{
		// 2019: uni, gem active (bv since 2020, wijk 2022); units eco, fl
		// (t1 from 2020); membership eco-gem; tie uni-gem; no values yet.
		{"2019", 2, 2, 1, 1, 0},
		// 2020-06: uni, bv, gem; t1 active; anna and bob in t1; both ties.
		{"2020-06", 3, 3, 3, 2, 0},
		// 2022: gem ended 2021-06, wijk joined; t1 ended 2021.
		{"2022", 3, 2, 1, 1, 0},
	}
	for _, tt := range tests {
		s := e.At(MustParseDate(tt.at))
		c := s.Counts()
		if c.Partners != tt.partners || c.Units != tt.units || c.Memberships != tt.members || c.Ties != tt.ties || c.Values != tt.vals {
			t.Errorf("At(%s) = %+v, want partners %d units %d memberships %d ties %d values %d", tt.at, c, tt.partners, tt.units, tt.members, tt.ties, tt.vals)
		}
	}
	if e.At(Date{}) != e {
		t.Error("At(zero) must return the cumulative ecosystem")
	}
}

func TestSubtreeAndLoad(t *testing.T) {
	e := small()
	e.Validate()
	s, err := e.Subtree("fl")
	if err != nil {
		t.Fatal(err)
	}
	c := s.Counts()
	// fl and t1; members wijk (fl) and anna, bob (t1) → partners wijk, uni, bv.
	if c.Units != 2 || c.Partners != 3 || c.Memberships != 3 || c.Ties != 1 || c.Values != 1 || c.People != 2 {
		t.Errorf("Subtree(fl) = %+v", c)
	}
	if s.Units[0].Parent != "" {
		t.Error("the root of a subtree has no parent")
	}
	_, err = e.Subtree("f1")
	nf, ok := err.(*NotFoundError)
	if !ok || nf.Closest[0] != "fl" {
		t.Errorf("Subtree(f1) err = %v, want NotFoundError suggesting fl", err)
	}
	// t1 exists but not in 2023: empty, not an error.
	got, err := e.Load(Query{At: MustParseDate("2023"), Unit: "t1"})
	if err != nil || len(got.Partners) != 0 {
		t.Errorf("Load(2023, t1) = %v, %v; want empty", got.Counts(), err)
	}
	if _, err := e.Load(Query{Unit: "zz"}); err == nil {
		t.Error("Load of an unknown unit succeeded")
	}
	// An unknown unit at a date is suggested from every unit, also those
	// not active then (t1 ended in 2021).
	_, err = e.Load(Query{At: MustParseDate("2023"), Unit: "t2"})
	if nf, ok := err.(*NotFoundError); !ok || len(nf.Closest) == 0 || nf.Closest[0] != "t1" {
		t.Errorf("Load(2023, t2) err = %v, want a NotFoundError suggesting t1", err)
	}
}

func TestCoverage(t *testing.T) {
	tests := []struct {
		types []Helix
		class CoverageClass
		miss  int
	}{
		{Helices, Quintuple, 0},
		{[]Helix{Academia, Industry, Government, CivilSociety}, Quadruple, 1},
		{[]Helix{Academia, Industry, Government, Environment}, Triple, 1},
		{[]Helix{Academia, Industry, HelixUnknown}, Partial, 3},
		{[]Helix{HelixUnknown}, None, 5},
		{nil, None, 5},
	}
	for _, tt := range tests {
		c := CoverageOf(tt.types)
		if c.Class != tt.class || len(c.Missing) != tt.miss {
			t.Errorf("CoverageOf(%v) = %s missing %v; want %s with %d missing", tt.types, c.Class, c.Missing, tt.class, tt.miss)
		}
	}
}

// TestMissingFor: the types a target asks for that are absent, by the
// definition of the classes (quintuple all five, quadruple the first four,
// triple academia, industry and government; partial and none ask nothing).
func TestMissingFor(t *testing.T) {
	tests := []struct {
		target  CoverageClass
		present []Helix
		want    []Helix
	}{
		{Quintuple, []Helix{Academia, Industry, Government, CivilSociety}, []Helix{Environment}},
		{Quadruple, []Helix{Environment, Industry}, []Helix{Academia, Government, CivilSociety}},
		{Triple, []Helix{Academia, Industry, Government}, []Helix{}},
		{Triple, nil, []Helix{Academia, Industry, Government}},
		{Partial, nil, []Helix{}},
		{None, []Helix{Academia}, []Helix{}},
	}
	for _, tt := range tests {
		got := MissingFor(tt.target, tt.present)
		if got == nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MissingFor(%s, %v) = %#v, want %v", tt.target, tt.present, got, tt.want)
		}
	}
}

// TestSuggestOnlyNear: "did you mean" only for a likely typo (issue 8: an
// unknown tie target Z got "did you mean A?").
func TestSuggestOnlyNear(t *testing.T) {
	tests := []struct{ id, want string }{
		{"Z", ""},
		{"p3", ""},
		{"hs-rivierstd", `; did you mean "hs-rivierstad"?`},
		{"lba", `; did you mean "lab"?`},                    // two letters swapped
		{"gemeente", `; did you mean "gemeente-enschede"?`}, // a prefix in full
	}
	for _, tt := range tests {
		e := &Ecosystem{
			Partners: []Partner{{ID: "A"}, {ID: "p1"}, {ID: "hs-rivierstad"}, {ID: "lab"}, {ID: "gemeente-enschede"}},
			Ties:     []Tie{{Source: "A", Target: tt.id}},
		}
		ps := e.Validate().Errors()
		if len(ps) != 1 {
			t.Fatalf("%s: problems %v", tt.id, ps)
		}
		want := fmt.Sprintf("unknown partner or person %q%s", tt.id, tt.want)
		if ps[0].Message != want {
			t.Errorf("got %q, want %q", ps[0].Message, want)
		}
	}
}

// allocatedBy returns the bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestValidateLongParentChain: a long chain of units, and a loop at its
// end, are checked in time and memory proportional to the units (each
// unit walked its whole chain: 5000 units made 12.5 million steps).
func TestValidateLongParentChain(t *testing.T) {
	const n = 5000
	e := &Ecosystem{Partners: []Partner{{ID: "p"}}}
	for i := range n {
		e.Units = append(e.Units, Unit{ID: fmt.Sprint("u", i), Parent: fmt.Sprint("u", i+1), Level: LevelTeam, Pos: pos(i + 2)})
	}
	e.Units[n-1].Parent = fmt.Sprint("u", n-3) // a loop of the last three
	var errs Problems
	if b := allocatedBy(func() { errs = e.Validate().Errors() }); b > 16<<20 {
		t.Errorf("Validate allocated %d MB for %d units, want at most 16 MB", b>>20, n)
	}
	want := []string{
		`t.csv:4999: parent: unit "u4997" is its own ancestor (its parent chain loops back through "u4998")`,
		`t.csv:5000: parent: unit "u4998" is its own ancestor (its parent chain loops back through "u4999")`,
		`t.csv:5001: parent: unit "u4999" is its own ancestor (its parent chain loops back through "u4997")`,
	}
	var got []string
	for _, p := range errs {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestValidateWeights: a weight above MaxWeight is an error (issue 9:
// weights near 1.8e308 made eigenvector and PageRank null for every
// partner).
func TestValidateWeights(t *testing.T) {
	e := &Ecosystem{
		Partners: []Partner{{ID: "a"}, {ID: "b"}},
		Ties: []Tie{
			{Source: "a", Target: "b", Weight: MaxWeight, Pos: pos(2)},
			{Source: "a", Target: "b", Weight: 1.7e308, Pos: pos(3)},
			{Source: "a", Target: "b", Weight: math.Inf(1), Pos: pos(4)},
		},
	}
	var got []string
	for _, p := range e.Validate() {
		got = append(got, p.String())
	}
	want := []string{
		`t.csv:3: weight: weight 1.7e+308 is above the largest weight, 1e+12`,
		`t.csv:4: weight: weight +Inf is not a positive number`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
