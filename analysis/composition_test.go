package analysis

import (
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// tiny: an ecosystem "eco" with a fieldlab "fl" and a team "t" below it.
// eco's direct member is gem; fl has wijk; t has anna (of uni) and bv.
// So t covers academia+industry (partial), fl adds civil society (still
// partial: no government), eco adds government (quadruple, environment
// missing). The partner "los" (unknown helix) is in no unit.
func tiny(t *testing.T) *graph.Ecosystem {
	t.Helper()
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia, Kind: "universiteit"},
			{ID: "bv", Helix: graph.Industry, Kind: "mkb"},
			{ID: "gem", Helix: graph.Government, Kind: "gemeente"},
			{ID: "wijk", Helix: graph.CivilSociety, Sector: graph.Private},
			{ID: "los"},
		},
		People: []graph.Person{{ID: "anna", Partner: "uni"}, {ID: "ben", Partner: "uni"}},
		Units: []graph.Unit{
			{ID: "eco", Level: graph.LevelEcosystem},
			{ID: "fl", Level: graph.LevelFieldlab, Parent: "eco"},
			{ID: "t", Level: graph.LevelTeam, Parent: "fl"},
		},
		Memberships: []graph.Membership{
			{Unit: "eco", Member: "gem"}, {Unit: "fl", Member: "wijk"},
			{Unit: "t", Member: "anna"}, {Unit: "t", Member: "ben"}, {Unit: "t", Member: "bv"},
		},
		Ties: []graph.Tie{
			{Source: "anna", Target: "bv"}, {Source: "uni", Target: "bv", Type: "project"}, // one pair
			{Source: "anna", Target: "ben"}, // colleagues: no partner tie
			{Source: "gem", Target: "wijk"},
		},
	}
	if err := e.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestCompose(t *testing.T) {
	c := Compose(tiny(t))
	if c.Partners != 5 || c.Ties != 2 {
		t.Errorf("partners %d ties %d, want 5 and 2 (uni-bv twice is one pair; colleagues are no tie)", c.Partners, c.Ties)
	}
	wantHelix := map[graph.Helix]int{"academia": 1, "industry": 1, "government": 1, "civil_society": 1, "environment": 0, "unknown": 1}
	if !reflect.DeepEqual(c.HelixCounts, wantHelix) {
		t.Errorf("helix counts %v, want %v", c.HelixCounts, wantHelix)
	}
	// wijk's sector is overridden to private; los has no known sector.
	wantSector := map[graph.Sector]int{"public": 2, "private": 2, "nonprofit": 0, "unknown": 1}
	if !reflect.DeepEqual(c.SectorCounts, wantSector) {
		t.Errorf("sector counts %v, want %v", c.SectorCounts, wantSector)
	}
	if c.KindCounts[KindUnspecified] != 2 || c.KindCounts["mkb"] != 1 {
		t.Errorf("kind counts %v", c.KindCounts)
	}
	if c.UnitCounts[graph.LevelTeam] != 1 || c.UnitCounts[graph.LevelEcosystem] != 1 {
		t.Errorf("unit counts %v", c.UnitCounts)
	}
	if c.Coverage.Class != graph.Quadruple || !reflect.DeepEqual(c.Coverage.Missing, []graph.Helix{graph.Environment}) {
		t.Errorf("coverage %+v, want quadruple missing environment", c.Coverage)
	}
}

func TestComposeUnits(t *testing.T) {
	got := ComposeUnits(tiny(t))
	want := []struct {
		id    string
		depth int
		size  int
		class graph.CoverageClass
	}{
		{"eco", 0, 4, graph.Quadruple},
		{"fl", 1, 3, graph.Partial},
		{"t", 2, 2, graph.Partial},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d units, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Depth != w.depth || g.Size != w.size || g.Coverage.Class != w.class {
			t.Errorf("unit %d = %s depth %d size %d %s; want %s %d %d %s", i, g.ID, g.Depth, g.Size, g.Coverage.Class, w.id, w.depth, w.size, w.class)
		}
	}
	if !reflect.DeepEqual(got[1].Coverage.Missing, []graph.Helix{graph.Government, graph.Environment}) {
		t.Errorf("fl missing %v, want government, environment", got[1].Coverage.Missing)
	}
}
