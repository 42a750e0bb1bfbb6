package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// growthExample is the hand-built ecosystem of the growth tests. Helix and
// sector as listed (sector from the helix type); los has no helix type and
// so no sector.
//
//	partner  helix          sector     since    until
//	uni      academia       public     2019
//	bv       industry       private    2019     2020-06
//	gem      government     public     2020
//	tech     industry       private    2020-03
//	wijk     civil_society  nonprofit  2021
//	natuur   environment    nonprofit  2021-05
//	hs       academia       public     2021
//	los      (none)         -
//
// People: anna works for uni, tom for tech.
//
// Ties (explicit), with the partner pair they count for:
//
//	1  uni–bv        since 2019
//	2  uni–bv        since 2020 (parallel to 1: one pair)
//	3  anna–tom      since 2020-03          (uni–tech)
//	4  gem–uni       since 2020-01
//	5  wijk–gem      since 2021
//	6  natuur–wijk   2021-06 to 2021-12
//	7  los–uni       undated
//	8  anna–uni      undated                (colleagues: no pair)
//	9  hs–uni        since 2021
//	10 tech–gem      since 2022
//
// Units: eco (ecosystem, since 2019), fl (fieldlab below eco, 2020 to
// 2021-06) and team (below fl, 2021 to 2022-06: it outlives its parent, so
// in 2022 it hangs below no unit). Memberships: eco–uni since 2019, eco–gem
// since 2020, fl–tom (tech) since 2020-03, fl–wijk 2021 to 2021-03, fl–gem
// since 2020, team–hs since 2021 (team's only member: no pair).
func growthExample() *graph.Ecosystem {
	d := graph.MustParseDate
	per := func(since, until string) graph.Period { return graph.Period{Since: d(since), Until: d(until)} }
	p := func(id string, h graph.Helix, since, until string) graph.Partner {
		return graph.Partner{ID: id, Name: "Partner " + id, Helix: h, Sector: graph.DefaultSector(h), Period: per(since, until)}
	}
	tie := func(s, t, since, until string) graph.Tie {
		return graph.Tie{Source: s, Target: t, Weight: 1, Period: per(since, until)}
	}
	return &graph.Ecosystem{
		Name: "growth example",
		Partners: []graph.Partner{
			p("uni", graph.Academia, "2019", ""),
			p("bv", graph.Industry, "2019", "2020-06"),
			p("gem", graph.Government, "2020", ""),
			p("tech", graph.Industry, "2020-03", ""),
			p("wijk", graph.CivilSociety, "2021", ""),
			p("natuur", graph.Environment, "2021-05", ""),
			p("hs", graph.Academia, "2021", ""),
			{ID: "los", Name: "Partner los"},
		},
		People: []graph.Person{{ID: "anna", Name: "Anna", Partner: "uni"}, {ID: "tom", Name: "Tom", Partner: "tech"}},
		Ties: []graph.Tie{
			tie("uni", "bv", "2019", ""),
			tie("uni", "bv", "2020", ""),
			tie("anna", "tom", "2020-03", ""),
			tie("gem", "uni", "2020-01", ""),
			tie("wijk", "gem", "2021", ""),
			tie("natuur", "wijk", "2021-06", "2021-12"),
			tie("los", "uni", "", ""),
			tie("anna", "uni", "", ""),
			tie("hs", "uni", "2021", ""),
			tie("tech", "gem", "2022", ""),
		},
		Units: []graph.Unit{
			{ID: "eco", Name: "Ecosystem", Level: graph.LevelEcosystem, Form: graph.FormEcosystem, Period: per("2019", "")},
			{ID: "fl", Name: "Fieldlab", Level: graph.LevelFieldlab, Form: graph.FormFieldlab, Parent: "eco", Period: per("2020", "2021-06")},
			{ID: "team", Name: "Team", Level: graph.LevelTeam, Form: graph.FormInnovationTeam, Parent: "fl", Period: per("2021", "2022-06")},
		},
		Memberships: []graph.Membership{
			{Unit: "eco", Member: "uni", Role: graph.RoleCoordinator, Period: per("2019", "")},
			{Unit: "eco", Member: "gem", Role: graph.RoleMember, Period: per("2020", "")},
			{Unit: "fl", Member: "tom", Role: graph.RoleMember, Period: per("2020-03", "")},
			{Unit: "fl", Member: "wijk", Role: graph.RoleUser, Period: per("2021", "2021-03")},
			{Unit: "fl", Member: "gem", Role: graph.RoleFacilitator, Period: per("2020", "")},
			{Unit: "team", Member: "hs", Role: graph.RoleMember, Period: per("2021", "")},
		},
	}
}

var nan = math.NaN()

// byHelix builds a count map over the six helix keys from "type:n" pairs.
func byHelix(pairs ...any) map[graph.Helix]int {
	m := helixCountMap(nil)
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i].(graph.Helix)] = pairs[i+1].(int)
	}
	return m
}

func sameFloat(a, b Float) bool {
	x, y := float64(a), float64(b)
	return x == y || math.IsNaN(x) && math.IsNaN(y) || math.Abs(x-y) < 1e-12
}

// TestGrowthExplicitYearly checks the yearly series 2019–2022 of
// growthExample on explicit ties, worked out by hand:
//
//   - 2019: uni, bv and los (undated) are active: n = 3; pairs uni–bv and
//     uni–los: m = 2. Density 2·2/(3·2) = 2/3, one component, average
//     degree 4/3. Known types academia 1, industry 1: Blau 1 − ½² − ½² = ½;
//     coverage partial (government, civil_society, environment missing);
//     academia–industry is the only linked pair: integration partial.
//     E-I: uni–bv is external, uni–los has an unknown end: E 1, I 0, EI 1.
//     Public-private: uni–bv of 2 pairs: ½. First row: all 3 partners new
//     (academia, industry, unknown), both pairs new; of the new pairs with
//     known ends 1 of 1 crosses types: 1.
//   - 2020: gem and tech join (bv leaves only in 2020-06): n = 5; pairs
//     uni–bv (ties 1 and 2), uni–tech (anna–tom), uni–gem, uni–los: m = 4,
//     a star. Density 8/20 = 0.4, average degree 1.6; known a1 i2 g1:
//     Σp² = 1/16 + 4/16 + 1/16 = 3/8, Blau 5/8; triple coverage;
//     industry–government not linked: integration partial. E 3, I 0: EI 1.
//     Public-private: uni–bv, uni–tech: 2/4. New: gem (government), tech
//     (industry); new pairs uni–tech and uni–gem, both crossing: 1.
//   - 2021: bv has left, wijk, natuur and hs join: n = 7; pairs uni–tech,
//     uni–gem, gem–wijk, wijk–natuur, uni–los, uni–hs: m = 6, one
//     component. Density 12/42 = 2/7, average degree 12/7; known a2 i1 g1
//     c1 e1: Σp² = 8/36, Blau 7/9; quintuple coverage; industry–government
//     still not linked: partial. E 4 (uni–tech, uni–gem, gem–wijk,
//     wijk–natuur), I 1 (uni–hs): EI 3/5. Public-private: uni–tech only:
//     1/6. New 3 (civil_society, environment, academia), left 1 (bv); new
//     pairs gem–wijk, wijk–natuur (crossing) and uni–hs (within): 2/3; left
//     pair uni–bv.
//   - 2022: the same 7 partners; wijk–natuur ended 2021-12, tech–gem
//     starts: m = 6 and natuur is isolated: 2 components, the largest 6/7.
//     Linked a–i, a–g, i–g, g–c: triple integration (quadruple would need
//     academia–civil_society). E 4, I 1: EI 3/5. Public-private uni–tech,
//     tech–gem: 2/6. No partner new or left; new pair tech–gem (crossing:
//     1), left pair wijk–natuur.
func TestGrowthExplicitYearly(t *testing.T) {
	none := []graph.Helix{}
	want := []GrowthRow{
		{Date: "2019", GrowthMetrics: GrowthMetrics{Partners: 3, Ties: 2, Density: 2.0 / 3, Components: 1, LargestComponentShare: 1,
			AverageDegree: 4.0 / 3, BlauIndex: 0.5, HelixCoverage: graph.Partial,
			HelixMissing: []graph.Helix{graph.Government, graph.CivilSociety, graph.Environment}, HelixIntegration: graph.Partial,
			EIIndex: 1, PublicPrivateTieShare: 0.5, HelixCounts: byHelix(graph.Academia, 1, graph.Industry, 1, graph.HelixUnknown, 1)},
			NewPartners: 3, NewTies: 2, NewCrossHelixTiesShare: 1,
			NewPartnersByHelix: byHelix(graph.Academia, 1, graph.Industry, 1, graph.HelixUnknown, 1)},
		{Date: "2020", GrowthMetrics: GrowthMetrics{Partners: 5, Ties: 4, Density: 0.4, Components: 1, LargestComponentShare: 1,
			AverageDegree: 1.6, BlauIndex: 5.0 / 8, HelixCoverage: graph.Triple,
			HelixMissing: []graph.Helix{graph.CivilSociety, graph.Environment}, HelixIntegration: graph.Partial,
			EIIndex: 1, PublicPrivateTieShare: 0.5,
			HelixCounts: byHelix(graph.Academia, 1, graph.Industry, 2, graph.Government, 1, graph.HelixUnknown, 1)},
			NewPartners: 2, NewTies: 2, NewCrossHelixTiesShare: 1,
			NewPartnersByHelix: byHelix(graph.Industry, 1, graph.Government, 1)},
		{Date: "2021", GrowthMetrics: GrowthMetrics{Partners: 7, Ties: 6, Density: 2.0 / 7, Components: 1, LargestComponentShare: 1,
			AverageDegree: 12.0 / 7, BlauIndex: 7.0 / 9, HelixCoverage: graph.Quintuple, HelixMissing: none,
			HelixIntegration: graph.Partial, EIIndex: 0.6, PublicPrivateTieShare: 1.0 / 6,
			HelixCounts: byHelix(graph.Academia, 2, graph.Industry, 1, graph.Government, 1, graph.CivilSociety, 1, graph.Environment, 1, graph.HelixUnknown, 1)},
			NewPartners: 3, LeftPartners: 1, NewTies: 3, LeftTies: 1, NewCrossHelixTiesShare: 2.0 / 3,
			NewPartnersByHelix: byHelix(graph.Academia, 1, graph.CivilSociety, 1, graph.Environment, 1)},
		{Date: "2022", GrowthMetrics: GrowthMetrics{Partners: 7, Ties: 6, Density: 2.0 / 7, Components: 2, LargestComponentShare: 6.0 / 7,
			AverageDegree: 12.0 / 7, BlauIndex: 7.0 / 9, HelixCoverage: graph.Quintuple, HelixMissing: none,
			HelixIntegration: graph.Triple, EIIndex: 0.6, PublicPrivateTieShare: 2.0 / 6,
			HelixCounts: byHelix(graph.Academia, 2, graph.Industry, 1, graph.Government, 1, graph.CivilSociety, 1, graph.Environment, 1, graph.HelixUnknown, 1)},
			NewTies: 1, LeftTies: 1, NewCrossHelixTiesShare: 1, NewPartnersByHelix: byHelix()},
	}
	rows, _, err := Growth(t.Context(), growthExample(), Spans(graph.MustParseDate("2019"), graph.MustParseDate("2022"), EveryYear), GrowthOptions{Ties: TiesExplicit})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for k, w := range want {
		t.Run(w.Date, func(t *testing.T) {
			got := rows[k]
			if got.Date != w.Date || got.Start != graph.MustParseDate(w.Date+"-01-01") || got.End != graph.MustParseDate(w.Date+"-12-31") {
				t.Errorf("got date %s from %s to %s, want %s, the whole year", got.Date, got.Start, got.End, w.Date)
			}
			compareRow(t, got, w)
		})
	}
}

// compareRow compares every field of a row but the dates.
func compareRow(t *testing.T, got, want GrowthRow) {
	t.Helper()
	ints := []struct {
		name      string
		got, want int
	}{
		{"partners", got.Partners, want.Partners}, {"ties", got.Ties, want.Ties}, {"components", got.Components, want.Components},
		{"new_partners", got.NewPartners, want.NewPartners}, {"left_partners", got.LeftPartners, want.LeftPartners},
		{"new_ties", got.NewTies, want.NewTies}, {"left_ties", got.LeftTies, want.LeftTies},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, c.got, c.want)
		}
	}
	floats := []struct {
		name      string
		got, want Float
	}{
		{"density", got.Density, want.Density}, {"largest_component_share", got.LargestComponentShare, want.LargestComponentShare},
		{"average_degree", got.AverageDegree, want.AverageDegree}, {"blau_index", got.BlauIndex, want.BlauIndex},
		{"ei_index", got.EIIndex, want.EIIndex}, {"public_private_tie_share", got.PublicPrivateTieShare, want.PublicPrivateTieShare},
		{"new_cross_helix_ties_share", got.NewCrossHelixTiesShare, want.NewCrossHelixTiesShare},
	}
	for _, c := range floats {
		if !sameFloat(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if got.HelixCoverage != want.HelixCoverage || !slices.Equal(got.HelixMissing, want.HelixMissing) {
		t.Errorf("coverage: got %s missing %v, want %s missing %v", got.HelixCoverage, got.HelixMissing, want.HelixCoverage, want.HelixMissing)
	}
	if got.HelixIntegration != want.HelixIntegration {
		t.Errorf("integration: got %s, want %s", got.HelixIntegration, want.HelixIntegration)
	}
	if fmt.Sprint(got.HelixCounts) != fmt.Sprint(want.HelixCounts) {
		t.Errorf("helix_counts: got %v, want %v", got.HelixCounts, want.HelixCounts)
	}
	if fmt.Sprint(got.NewPartnersByHelix) != fmt.Sprint(want.NewPartnersByHelix) {
		t.Errorf("new_partners_by_helix: got %v, want %v", got.NewPartnersByHelix, want.NewPartnersByHelix)
	}
}

// TestGrowthTieSources checks the yearly counts of pairs of growthExample
// for each tie source, worked out by hand. Shared units: eco is at the
// ecosystem level and makes no pairs (see New); in 2020 fl has tech, gem
// (tech–gem); in 2021 fl (active to 2021-06) has tech, wijk (to 2021-03),
// gem: tech–wijk, tech–gem, wijk–gem; in 2022 fl has ended. So with units
// only: m = 0, 1, 3, 0, components 3 ({uni}, {bv}, {los}), 4 ({gem, tech},
// {uni}, {bv}, {los}), 5 ({gem, tech, wijk}, {uni}, {natuur}, {hs}, {los})
// and 7 (7 partners, no pair); new pairs 0, 1 (tech–gem, crossing), 2
// (tech–wijk, wijk–gem, both crossing), 0 (cross share NaN: no new pair);
// left pairs 0, 0, 0, 3.
//
// With all ties the explicit pairs (see TestGrowthExplicitYearly) and the
// unit pairs merge: 2019 uni–bv, uni–los (2); 2020 the 4 explicit pairs and
// tech–gem (uni–gem is explicit too): 5; 2021 the 6 explicit pairs and tech–wijk,
// tech–gem (wijk–gem and uni–gem are both): 8; 2022 the 6 explicit pairs,
// uni–gem being both: 6. One component each year but 2022, where natuur
// is isolated (as with explicit ties only): 2. New pairs 2, 3 (uni–tech, uni–gem, tech–gem), 4
// (gem–wijk, wijk–natuur, uni–hs, tech–wijk), 0 (tech–gem was joined by fl
// in 2021 and by tie 10 in 2022); left 0, 0, 1 (uni–bv), 2 (wijk–natuur,
// tech–wijk).
func TestGrowthTieSources(t *testing.T) {
	tests := []struct {
		ties          TieSource
		m, comps      []int
		newTies, left []int
		cross         []Float
	}{
		{TiesUnits, []int{0, 1, 3, 0}, []int{3, 4, 5, 7}, []int{0, 1, 2, 0}, []int{0, 0, 0, 3}, []Float{Float(nan), 1, 1, Float(nan)}},
		{TiesAll, []int{2, 5, 8, 6}, []int{1, 1, 1, 2}, []int{2, 3, 4, 0}, []int{0, 0, 1, 2}, []Float{1, 1, 0.75, Float(nan)}},
	}
	for _, tt := range tests {
		t.Run(tt.ties.String(), func(t *testing.T) {
			rows, _, err := Growth(t.Context(), growthExample(), Spans(graph.MustParseDate("2019"), graph.MustParseDate("2022"), EveryYear), GrowthOptions{Ties: tt.ties})
			if err != nil {
				t.Fatal(err)
			}
			for k, r := range rows {
				if r.Ties != tt.m[k] || r.Components != tt.comps[k] || r.NewTies != tt.newTies[k] || r.LeftTies != tt.left[k] || !sameFloat(r.NewCrossHelixTiesShare, tt.cross[k]) {
					t.Errorf("%s: got ties %d, components %d, new %d, left %d, cross share %v; want %d, %d, %d, %d, %v",
						r.Date, r.Ties, r.Components, r.NewTies, r.LeftTies, r.NewCrossHelixTiesShare,
						tt.m[k], tt.comps[k], tt.newTies[k], tt.left[k], tt.cross[k])
				}
			}
		})
	}
}

// TestGrowthMonthsAndQuarters checks snapshots finer than a year on
// growthExample, explicit ties, worked out by hand from its table:
//
//   - 2020-01 (first row): uni, bv, gem, los: all 4 new; pairs uni–bv,
//     uni–gem, uni–los: 3 new.
//   - 2020-03: tech joins with tie anna–tom: 1 new partner (industry), 1
//     new pair.
//   - 2020-06: bv is still there (until 2020-06 takes the whole month).
//   - 2020-07: bv has left, and with it uni–bv: 1 left partner, 1 left pair.
//   - 2021-01: wijk and hs join: coverage quadruple (no environment).
//   - 2021-05: natuur joins: quintuple; 1 new partner (environment), but its
//     tie with wijk starts in June: no new pair.
//   - 2021-06: natuur–wijk: 1 new pair, crossing types.
//   - 2022-01: natuur–wijk has ended (2021-12), tech–gem starts.
//
// By quarter, 2020-Q3 (July–September) has lost bv against Q2, and 2021-Q2
// (April–June) holds natuur and natuur–wijk: quintuple.
func TestGrowthMonthsAndQuarters(t *testing.T) {
	e := growthExample()
	months, _, err := Growth(t.Context(), e, Spans(graph.MustParseDate("2020"), graph.MustParseDate("2022-01"), EveryMonth), GrowthOptions{Ties: TiesExplicit})
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 25 || months[0].Date != "2020-01" || months[24].Date != "2022-01" {
		t.Fatalf("got %d months from %s to %s, want 25 from 2020-01 to 2022-01", len(months), months[0].Date, months[len(months)-1].Date)
	}
	byDate := map[string]GrowthRow{}
	for _, r := range months {
		byDate[r.Date] = r
	}
	tests := []struct {
		date                  string
		partners, newP, leftP int
		ties, newT, leftT     int
		coverage              graph.CoverageClass
		newByHelix            map[graph.Helix]int
	}{
		{"2020-01", 4, 4, 0, 3, 3, 0, graph.Triple, byHelix(graph.Academia, 1, graph.Industry, 1, graph.Government, 1, graph.HelixUnknown, 1)},
		{"2020-02", 4, 0, 0, 3, 0, 0, graph.Triple, byHelix()},
		{"2020-03", 5, 1, 0, 4, 1, 0, graph.Triple, byHelix(graph.Industry, 1)},
		{"2020-06", 5, 0, 0, 4, 0, 0, graph.Triple, byHelix()},
		{"2020-07", 4, 0, 1, 3, 0, 1, graph.Triple, byHelix()},
		{"2021-01", 6, 2, 0, 5, 2, 0, graph.Quadruple, byHelix(graph.Academia, 1, graph.CivilSociety, 1)},
		{"2021-04", 6, 0, 0, 5, 0, 0, graph.Quadruple, byHelix()},
		{"2021-05", 7, 1, 0, 5, 0, 0, graph.Quintuple, byHelix(graph.Environment, 1)},
		{"2021-06", 7, 0, 0, 6, 1, 0, graph.Quintuple, byHelix()},
		{"2022-01", 7, 0, 0, 6, 1, 1, graph.Quintuple, byHelix()},
	}
	for _, tt := range tests {
		r := byDate[tt.date]
		if r.Partners != tt.partners || r.NewPartners != tt.newP || r.LeftPartners != tt.leftP || r.Ties != tt.ties ||
			r.NewTies != tt.newT || r.LeftTies != tt.leftT || r.HelixCoverage != tt.coverage || fmt.Sprint(r.NewPartnersByHelix) != fmt.Sprint(tt.newByHelix) {
			t.Errorf("%s: got partners %d (+%d −%d), ties %d (+%d −%d), %s, new by helix %v; want %d (+%d −%d), %d (+%d −%d), %s, %v",
				tt.date, r.Partners, r.NewPartners, r.LeftPartners, r.Ties, r.NewTies, r.LeftTies, r.HelixCoverage, r.NewPartnersByHelix,
				tt.partners, tt.newP, tt.leftP, tt.ties, tt.newT, tt.leftT, tt.coverage, tt.newByHelix)
		}
	}

	quarters, _, err := Growth(t.Context(), e, Spans(graph.MustParseDate("2020-02"), graph.MustParseDate("2021-05-31"), EveryQuarter), GrowthOptions{Ties: TiesExplicit})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, q := range quarters {
		labels = append(labels, q.Date)
	}
	if want := []string{"2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2021-Q1", "2021-Q2"}; !slices.Equal(labels, want) {
		t.Fatalf("quarters: got %v, want %v", labels, want)
	}
	if q := quarters[2]; q.Start != graph.MustParseDate("2020-07-01") || q.End != graph.MustParseDate("2020-09-30") || q.LeftPartners != 1 || q.LeftTies != 1 {
		t.Errorf("2020-Q3: got %s–%s, left %d partners and %d pairs; want 2020-07-01–2020-09-30, 1 and 1", q.Start, q.End, q.LeftPartners, q.LeftTies)
	}
	if q := quarters[5]; q.HelixCoverage != graph.Quintuple || q.NewPartners != 1 || q.NewTies != 1 {
		t.Errorf("2021-Q2: got %s, %d new partners, %d new pairs; want quintuple, 1 (natuur) and 1 (natuur–wijk)", q.HelixCoverage, q.NewPartners, q.NewTies)
	}
}

// TestGrowthUnit checks the subtree of fl in each year of growthExample,
// explicit ties: fl runs from 2020 to 2021-06, so 2019 and 2022 are empty.
// In 2020 its members are tech (through tom) and gem, not tied to each
// other until 2022: 2 partners, no pair, 2 components. In 2021 wijk (to
// 2021-03) and hs (through team, below fl) join them, with the pair
// wijk–gem (hs is tied to uni only, outside fl): 4 partners, 1 pair, 3
// components. In 2022 all 4 leave with fl, and the pair with them.
//
// The subtree of eco holds in 2019 uni only (its sole member then; fl
// starts in 2020); in 2021 eco's uni and gem, fl's tech, wijk and gem and
// team's hs: 5; in 2022 uni and gem only: fl has ended, and team, still
// active, is cut off from eco with it.
func TestGrowthUnit(t *testing.T) {
	spans := Spans(graph.MustParseDate("2019"), graph.MustParseDate("2022"), EveryYear)
	rows, _, err := Growth(t.Context(), growthExample(), spans, GrowthOptions{Ties: TiesExplicit, Unit: "fl"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ n, m, comps, newP, leftP, newT, leftT int }{
		{0, 0, 0, 0, 0, 0, 0},
		{2, 0, 2, 2, 0, 0, 0},
		{4, 1, 3, 2, 0, 1, 0},
		{0, 0, 0, 0, 4, 0, 1},
	}
	for k, w := range want {
		r := rows[k]
		got := struct{ n, m, comps, newP, leftP, newT, leftT int }{r.Partners, r.Ties, r.Components, r.NewPartners, r.LeftPartners, r.NewTies, r.LeftTies}
		if got != w {
			t.Errorf("%s: got %+v, want %+v", r.Date, got, w)
		}
	}
	rows, _, err = Growth(t.Context(), growthExample(), spans, GrowthOptions{Ties: TiesAll, Unit: "eco"})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []int{1, 3, 5, 2} {
		if rows[k].Partners != want {
			t.Errorf("eco in %s: got %d partners, want %d", rows[k].Date, rows[k].Partners, want)
		}
	}
	if rows[0].HelixCounts[graph.Academia] != 1 {
		t.Errorf("eco in 2019: got %v, want uni (academia) only", rows[0].HelixCounts)
	}

	_, _, err = Growth(t.Context(), growthExample(), spans, GrowthOptions{Unit: "fl2"})
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) || nf.ID != "fl2" || !slices.Contains(nf.Closest, "fl") {
		t.Errorf("unknown unit: got %v, want a NotFoundError suggesting fl", err)
	}
}

// snapshotIn is graph.Ecosystem.Load for a span instead of a date: the
// records active at any time from sp.Start to sp.End (graph.Ecosystem.Between),
// then the subtree of unit; TestSnapshotInIsAt checks it against Load for
// years, months and days.
func snapshotIn(t testing.TB, e *graph.Ecosystem, sp Span, unit string) *graph.Ecosystem {
	t.Helper()
	out := e.Between(sp.Start, sp.End)
	if unit == "" {
		return out
	}
	if _, ok := graph.NewIndex(out).Unit[unit]; !ok {
		return &graph.Ecosystem{Name: e.Name}
	}
	sub, err := out.Subtree(unit)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestSnapshotInIsAt(t *testing.T) {
	e := readExample(t)
	for _, at := range []string{"2017", "2018", "2019-06", "2021", "2022-10", "2024-09-15", "2026"} {
		for _, unit := range []string{"", "fl-aardgasvrije-wijken", "hub-waterstof"} {
			d := graph.MustParseDate(at)
			want, err := e.Load(graph.Query{At: d, Unit: unit})
			if err != nil {
				t.Fatal(err)
			}
			got := snapshotIn(t, e, DateSpan(d), unit)
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(want)
			if string(a) != string(b) {
				t.Errorf("at %s, unit %q: snapshotIn differs from Load", at, unit)
			}
		}
	}
}

func readExample(t testing.TB) *graph.Ecosystem {
	t.Helper()
	e, _, err := importers.Read("../examples/energieke-regio")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// referenceGrowth computes a growth series from scratch: the network of
// every snapshot built with New, its metrics with GrowthMetricsOf, and the
// changes by comparing the partner ids and joined pairs of consecutive
// snapshots.
func referenceGrowth(t testing.TB, e *graph.Ecosystem, spans []Span, opts GrowthOptions) []GrowthRow {
	t.Helper()
	var out []GrowthRow
	prevP, prevT := map[string]bool{}, map[[2]string]bool{}
	for _, sp := range spans {
		net := New(snapshotIn(t, e, sp, opts.Unit), Options{Ties: opts.Ties, MaxUnitSize: opts.MaxUnitSize})
		r := GrowthRow{Date: sp.Label, Start: sp.Start, End: sp.End, GrowthMetrics: GrowthMetricsOf(net), NewPartnersByHelix: helixCountMap(nil)}
		curP, curT := map[string]bool{}, map[[2]string]bool{}
		var ext, in int
		for i := 0; i < net.N(); i++ {
			curP[net.ID(i)] = true
			if !prevP[net.ID(i)] {
				r.NewPartners++
				r.NewPartnersByHelix[net.Helix(i)]++
			}
			for _, j := range net.Neighbors(i) {
				if int(j) <= i {
					continue
				}
				a, b := net.ID(i), net.ID(int(j))
				if a > b {
					a, b = b, a
				}
				curT[[2]string{a, b}] = true
				if prevT[[2]string{a, b}] {
					continue
				}
				r.NewTies++
				switch hi, hj := net.Helix(i), net.Helix(int(j)); {
				case hi == graph.HelixUnknown || hj == graph.HelixUnknown:
				case hi == hj:
					in++
				default:
					ext++
				}
			}
		}
		for id := range prevP {
			if !curP[id] {
				r.LeftPartners++
			}
		}
		for p := range prevT {
			if !curT[p] {
				r.LeftTies++
			}
		}
		r.NewCrossHelixTiesShare = Float(math.NaN())
		if ext+in > 0 {
			r.NewCrossHelixTiesShare = Float(float64(ext) / float64(ext+in))
		}
		out = append(out, r)
		prevP, prevT = curP, curT
	}
	return out
}

// TestGrowthMatchesSnapshots checks that the incremental series equals
// recomputing every snapshot from scratch (referenceGrowth), field by field
// and bit for bit, for every tie source and interval, with and without a
// unit, on the example, a generated ecosystem and growthExample.
func TestGrowthMatchesSnapshots(t *testing.T) {
	gen := generate.Ecosystem(generate.Options{Partners: 400, Ties: 1600, Seed: 3, From: 2019, To: 2023})
	data := []struct {
		name     string
		e        *graph.Ecosystem
		from, to string
		units    []string
	}{
		{"example", readExample(t), "2017-11", "2026", []string{"", "fl-aardgasvrije-wijken", "ll-slimme-netten"}},
		{"generated", gen, "2019", "2023", []string{"", gen.Units[1].ID}},
		{"hand", growthExample(), "2018", "2023", []string{"", "eco", "fl"}},
	}
	if testing.Short() {
		data = data[2:]
	}
	for _, d := range data {
		for _, iv := range []Interval{EveryYear, EveryQuarter, EveryMonth} {
			for _, ties := range []TieSource{TiesExplicit, TiesUnits, TiesAll} {
				for _, unit := range d.units {
					// Small limits on the size of units make units cross
					// them as members come and go.
					limits := []int{0}
					if ties != TiesExplicit {
						limits = []int{0, 2, 3, -1}
					}
					for _, limit := range limits {
						name := fmt.Sprintf("%s/%s/%s/unit=%s/max=%d", d.name, iv, ties, unit, limit)
						t.Run(name, func(t *testing.T) {
							spans := Spans(graph.MustParseDate(d.from), graph.MustParseDate(d.to), iv)
							opts := GrowthOptions{Ties: ties, Unit: unit, MaxUnitSize: limit}
							got, _, err := Growth(t.Context(), d.e, spans, opts)
							if err != nil {
								t.Fatal(err)
							}
							want := referenceGrowth(t, d.e, spans, opts)
							if len(got) != len(want) {
								t.Fatalf("got %d rows, want %d", len(got), len(want))
							}
							for k := range want {
								g, _ := json.Marshal(got[k])
								w, _ := json.Marshal(want[k])
								if string(g) != string(w) {
									t.Fatalf("row %s:\ngot  %s\nwant %s", want[k].Date, g, w)
								}
							}
						})
					}
				}
			}
		}
	}
}

func TestSpans(t *testing.T) {
	d := graph.MustParseDate
	tests := []struct {
		from, to string
		every    Interval
		want     []string
	}{
		{"2018", "2021", EveryYear, []string{"2018", "2019", "2020", "2021"}},
		{"2018-06-15", "2019-01", EveryYear, []string{"2018", "2019"}},
		{"2019-11", "2020-02", EveryMonth, []string{"2019-11", "2019-12", "2020-01", "2020-02"}},
		{"2019", "2019", EveryQuarter, []string{"2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"}},
		{"2019-05-20", "2019-07-01", EveryQuarter, []string{"2019-Q2", "2019-Q3"}},
		{"2020-02", "2020-02-10", EveryMonth, []string{"2020-02"}},
		{"2021", "2020", EveryYear, nil},
		{"9999-11", "9999", EveryMonth, []string{"9999-11", "9999-12"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s_%s_%s", tt.from, tt.to, tt.every), func(t *testing.T) {
			var got []string
			for _, s := range Spans(d(tt.from), d(tt.to), tt.every) {
				got = append(got, s.Label)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// Ends: February of a leap year, the fourth quarter.
	if s := Spans(d("2024-02"), d("2024-02"), EveryMonth)[0]; s.Start != d("2024-02-01") || s.End != d("2024-02-29") {
		t.Errorf("2024-02: got %s to %s, want 2024-02-01 to 2024-02-29", s.Start, s.End)
	}
	if s := Spans(d("2023-12"), d("2023-12"), EveryQuarter)[0]; s.Label != "2023-Q4" || s.Start != d("2023-10-01") || s.End != d("2023-12-31") {
		t.Errorf("2023-12 by quarter: got %s %s to %s, want 2023-Q4 2023-10-01 to 2023-12-31", s.Label, s.Start, s.End)
	}
	if s := DateSpan(d("2021-03")); s.Label != "2021-03" || s.Start != d("2021-03-01") || s.End != d("2021-03-31") {
		t.Errorf("DateSpan(2021-03): got %+v", s)
	}
}

func TestGrowthPanicsOnOverlap(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Growth accepted overlapping spans")
		}
	}()
	d := graph.MustParseDate
	Growth(t.Context(), growthExample(), []Span{DateSpan(d("2020")), DateSpan(d("2020-06"))}, GrowthOptions{})
}

// TestDateRange: growthExample's earliest date is 2019 (uni, bv, eco; the
// first day 2019-01-01) and its latest 2022 (tie 10's since; open untils
// do not count), the largest last day. A data set without dates has none.
func TestDateRange(t *testing.T) {
	first, last, ok := DateRange(growthExample())
	if !ok || first.String() != "2019" || last.String() != "2022" {
		t.Errorf("got %s to %s (%v), want 2019 to 2022", first, last, ok)
	}
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}}, Ties: []graph.Tie{{Source: "a", Target: "a", Period: graph.Period{Until: graph.MustParseDate("2010-05-03")}}}}
	if first, last, ok := DateRange(e); !ok || first.String() != "2010-05-03" || last.String() != "2010-05-03" {
		t.Errorf("one until: got %s to %s (%v), want 2010-05-03 twice", first, last, ok)
	}
	if _, _, ok := DateRange(&graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}}}); ok {
		t.Error("no dates: got ok")
	}
}

var benchGrowthData = map[int]*graph.Ecosystem{}

// benchGrowthEcosystem returns the generated ecosystem of a benchmark size
// with its units and memberships (generate.Ecosystem, seed 1, growth from
// 2015 to 2026), as `ecoscope generate --partners P --ties T --seed 1`
// writes it.
func benchGrowthEcosystem(partners, ties int) *graph.Ecosystem {
	if e, ok := benchGrowthData[partners]; ok {
		return e
	}
	e := generate.Ecosystem(generate.Options{Partners: partners, Ties: ties, Seed: 1})
	benchGrowthData[partners] = e
	return e
}

// BenchmarkGrowth times a series of 10 years, 2017 to 2026, by year (10
// snapshots) and by month (120), with all ties, on the generated
// ecosystems of benchSizes. "incremental" is Growth; "rebuild" computes
// the same metrics from scratch per snapshot (e.At, New, GrowthMetricsOf)
// for comparison. Set ECOSCOPE_BENCH_MAX to a number of partners to skip
// the larger sizes; run the 50k size with -benchtime=1x.
func BenchmarkGrowth(b *testing.B) {
	maxPartners := math.MaxInt
	if s := os.Getenv("ECOSCOPE_BENCH_MAX"); s != "" {
		maxPartners, _ = strconv.Atoi(s)
	}
	from, to := graph.MustParseDate("2017"), graph.MustParseDate("2026")
	for _, s := range benchSizes {
		if s.partners > maxPartners {
			continue
		}
		for _, every := range []Interval{EveryYear, EveryMonth} {
			spans := Spans(from, to, every)
			name := benchName(s.partners, s.ties) + "/every=" + every.String()
			b.Run(name+"/incremental", func(b *testing.B) {
				e := benchGrowthEcosystem(s.partners, s.ties)
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := Growth(b.Context(), e, spans, GrowthOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(name+"/rebuild", func(b *testing.B) {
				e := benchGrowthEcosystem(s.partners, s.ties)
				b.ReportAllocs()
				for b.Loop() {
					for _, sp := range spans {
						GrowthMetricsOf(New(e.At(graph.MustParseDate(sp.Label)), Options{}))
					}
				}
			})
		}
	}
}

func ExampleGrowth() {
	// growthExample: see its comment and TestGrowthExplicitYearly.
	e := growthExample()
	spans := Spans(graph.MustParseDate("2019"), graph.MustParseDate("2022"), EveryYear)
	rows, _, err := Growth(context.Background(), e, spans, GrowthOptions{Ties: TiesExplicit})
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Printf("%s: %d partners (+%d −%d), %d ties, %s coverage\n", r.Date, r.Partners, r.NewPartners, r.LeftPartners, r.Ties, r.HelixCoverage)
	}
	// Output:
	// 2019: 3 partners (+3 −0), 2 ties, partial coverage
	// 2020: 5 partners (+2 −0), 4 ties, triple coverage
	// 2021: 7 partners (+3 −1), 6 ties, quintuple coverage
	// 2022: 7 partners (+0 −0), 6 ties, quintuple coverage
}
