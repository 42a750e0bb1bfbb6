package graph

import (
	"strings"
	"testing"
)

// stored is what a store holds besides the data sets of the tests below:
// the records of small and a few more.
func stored() *Known {
	return &Known{
		Actors: map[string]bool{"uni": false, "gem": false, "hs-rivierstad": false, "anna": true, "piet": true},
		Units:  map[string]string{"eco": "", "fl": "eco", "t9": "fl"},
	}
}

// TestValidateWithKnown: a data set may name the records of a store it is
// imported into (issue 9: "unknown partner or person \"hs-rivierstad\"").
func TestValidateWithKnown(t *testing.T) {
	e := &Ecosystem{
		Partners: []Partner{{ID: "p1", Pos: pos(2)}},
		People:   []Person{{ID: "jan", Partner: "hs-rivierstad", Pos: pos(2)}},
		Units:    []Unit{{ID: "t2", Level: LevelTeam, Parent: "fl", Pos: pos(2)}},
		Memberships: []Membership{
			{Unit: "t9", Member: "p1", Pos: pos(2)},
			{Unit: "t2", Member: "piet", Pos: pos(3)},
		},
		Ties: []Tie{
			{Source: "p1", Target: "hs-rivierstad", Pos: pos(2)},
			{Source: "uni", Target: "gem", Type: "project", Weight: 2, Pos: pos(3)},
			{Source: "gem", Target: "uni", Type: "project", Weight: 3, Pos: pos(4)}, // repeats the one before
			{Source: "anna", Target: "piet", Directed: true, Pos: pos(5)},
		},
		Values: []Value{{Reporter: "anna", Unit: "eco", Cycle: CycleApplied, Pos: pos(2)}},
	}
	if ps := e.ValidateWith(ValidateOptions{Known: stored()}); len(ps.Errors()) != 0 {
		t.Fatalf("ValidateWith = %v, want no errors", ps)
	}
	if len(e.Ties) != 3 || e.Ties[1].Weight != 5 {
		t.Errorf("ties %+v: want the two uni–gem ties combined into one of weight 5", e.Ties)
	}

	// The same data set alone (--from) names records it lacks.
	e2 := &Ecosystem{Partners: []Partner{{ID: "p1", Pos: pos(2)}}, Ties: []Tie{{Source: "p1", Target: "hs-rivierstad", Pos: pos(2)}}}
	if ps := e2.Validate(); !strings.Contains(ps.Err().Error(), `unknown partner or person "hs-rivierstad"`) {
		t.Errorf("Validate without the store: %v, want hs-rivierstad unknown", ps)
	}
}

// TestValidateWithKnownStillFinds: what neither the data set nor the store
// holds is still a problem, as is a person working for a stored person and
// a unit that becomes its own ancestor through stored units.
func TestValidateWithKnownStillFinds(t *testing.T) {
	e := &Ecosystem{
		Partners: []Partner{{ID: "p1", Pos: pos(2)}},
		People:   []Person{{ID: "jan", Partner: "anna", Pos: pos(2)}},
		Units: []Unit{
			{ID: "fl", Form: FormLivingLab, Parent: "t9", Pos: pos(2)}, // t9 (stored) is below fl
			{ID: "t3", Level: LevelTeam, Parent: "nowhere", Pos: pos(3)},
		},
		Memberships: []Membership{{Unit: "nowhere", Member: "p1", Pos: pos(2)}},
		Ties:        []Tie{{Source: "p1", Target: "nobody", Pos: pos(2)}},
		Values:      []Value{{Reporter: "ghost", Unit: "eco", Cycle: CycleApplied, Pos: pos(2)}},
	}
	err := e.ValidateWith(ValidateOptions{Known: stored()}).Err()
	if err == nil {
		t.Fatal("ValidateWith found nothing")
	}
	for _, want := range []string{
		`partner: unknown partner "anna"`,
		`parent: unit "fl" is its own ancestor`,
		`parent: unknown unit "nowhere"`,
		`unit: unknown unit "nowhere"`,
		`target: unknown partner or person "nobody"`,
		`reporter: unknown partner or person "ghost"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("problems %q lack %q", err, want)
		}
	}
}
