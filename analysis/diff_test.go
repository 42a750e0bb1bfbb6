package analysis

import (
	"fmt"
	"math"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// TestDiff compares growthExample at 2020 and 2022, all ties, worked out by
// hand from the tables of TestGrowthExplicitYearly and TestGrowthTieSources:
//
//   - partners 2020: uni, bv, gem, tech, los; 2022: uni, gem, tech, wijk,
//     natuur, hs, los. Joined: hs (academia), wijk (civil_society), natuur
//     (environment), in canonical helix order; left: bv.
//   - pairs 2020: uni–bv, uni–tech, uni–gem, uni–los, tech–gem; 2022:
//     uni–tech, uni–gem, gem–wijk, uni–los, uni–hs, tech–gem. Joined
//     gem–wijk and hs–uni (source: the smaller id), sorted by source name
//     ("Partner gem" < "Partner hs"); left bv–uni.
//   - units: eco in both, fl in 2020 only, team in 2022 only: team
//     created, fl ended.
//   - coverage triple → quintuple, gained civil_society and environment.
//   - integration: 2020 links a–i, a–g, i–g (tech–gem by fl): triple; 2022
//     adds g–c (gem–wijk): still triple, linked government–civil_society.
//   - metrics: partners 5 → 7 (+2), pairs 5 → 6 (+1), density 10/20 = ½ →
//     12/42 = 2/7 (−3/14), components 1 → 2 (natuur isolated), public-
//     private 3/5 (uni–bv, uni–tech, tech–gem) → 2/6.
func TestDiff(t *testing.T) {
	e := growthExample()
	a, b := e.At(graph.MustParseDate("2020")), e.At(graph.MustParseDate("2022"))
	d := DiffOf(a, b, Options{Ties: TiesAll})
	ids := func(ps []DiffPartner) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	pairs := func(ts []DiffTie) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.Source+"-"+t.Target)
		}
		return out
	}
	units := func(us []DiffUnit) []string {
		out := []string{}
		for _, u := range us {
			out = append(out, u.ID)
		}
		return out
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"partners joined", ids(d.PartnersJoined), []string{"hs", "wijk", "natuur"}},
		{"partners left", ids(d.PartnersLeft), []string{"bv"}},
		{"ties joined", pairs(d.TiesJoined), []string{"gem-wijk", "hs-uni"}},
		{"ties left", pairs(d.TiesLeft), []string{"bv-uni"}},
		{"units created", units(d.UnitsCreated), []string{"team"}},
		{"units ended", units(d.UnitsEnded), []string{"fl"}},
		{"coverage", []any{d.Coverage.A.Class, d.Coverage.B.Class, d.Coverage.Gained, d.Coverage.Lost},
			[]any{graph.Triple, graph.Quintuple, []graph.Helix{graph.CivilSociety, graph.Environment}, []graph.Helix{}}},
		{"integration", []any{d.Integration.A, d.Integration.B, d.Integration.Linked, d.Integration.Unlinked},
			[]any{graph.Triple, graph.Triple, [][2]graph.Helix{{graph.Government, graph.CivilSociety}}, [][2]graph.Helix{}}},
		{"partners", []int{d.Metrics.A.Partners, d.Metrics.B.Partners, d.Metrics.Delta.Partners}, []int{5, 7, 2}},
		{"ties", []int{d.Metrics.A.Ties, d.Metrics.B.Ties, d.Metrics.Delta.Ties}, []int{5, 6, 1}},
		{"components", []int{d.Metrics.A.Components, d.Metrics.B.Components, d.Metrics.Delta.Components}, []int{1, 2, 1}},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if got := d.Metrics.Delta.Density; !sameFloat(got, Float(2.0/7-0.5)) {
		t.Errorf("density delta: got %v, want 2/7 − 1/2 = −3/14", got)
	}
	if got := d.Metrics.Delta.PublicPrivateTieShare; !sameFloat(got, Float(2.0/6-3.0/5)) {
		t.Errorf("public-private delta: got %v, want 2/6 − 3/5", got)
	}
	if tj := d.TiesJoined[0]; tj.SourceName != "Partner gem" || tj.TargetHelix != graph.CivilSociety {
		t.Errorf("first joined tie: got %+v, want gem (Partner gem) – wijk (civil_society)", tj)
	}

	// An empty snapshot against itself: nothing changed, EI NaN on both sides.
	empty := e.At(graph.MustParseDate("2000"))
	d = DiffOf(empty, empty, Options{})
	if len(d.PartnersJoined)+len(d.TiesLeft)+len(d.UnitsCreated) != 0 || d.Metrics.Delta.Partners != 0 || !math.IsNaN(float64(d.Metrics.Delta.EIIndex)) {
		t.Errorf("empty diff: got %+v", d)
	}
}
