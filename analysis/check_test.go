package analysis_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// checkData is a small hand-built ecosystem with one unit for each case
// the check must tell apart; report/testdata/check.json holds the same
// data. The expected answers are worked out in TestCheck.
const checkData = `{
  "name": "check",
  "partners": [
    {"id": "uni",  "name": "Universiteit",        "helix": "academia",      "kind": "universiteit"},
    {"id": "hs",   "name": "Hogeschool",          "helix": "academia",      "kind": "hogeschool"},
    {"id": "roc",  "name": "ROC",                 "helix": "academia",      "kind": "mbo"},
    {"id": "bv1",  "name": "Installateur Een",    "helix": "industry",      "kind": "installateur"},
    {"id": "bv2",  "name": "Bouwbedrijf Twee",    "helix": "industry",      "kind": "bouwbedrijf"},
    {"id": "gem",  "name": "Gemeente",            "helix": "government",    "kind": "gemeente"},
    {"id": "coop", "name": "Energiecooperatie",   "helix": "civil_society", "kind": "energiecooperatie"},
    {"id": "p1",   "name": "Kennis Zonder Soort", "helix": "academia"},
    {"id": "p2",   "name": "Bedrijf Zonder Soort","helix": "industry"}
  ],
  "people": [
    {"id": "roc.t1", "partner": "roc", "discipline": "installatietechniek"},
    {"id": "roc.t2", "partner": "roc", "discipline": "onderwijskunde"},
    {"id": "roc.t3", "partner": "roc", "discipline": "bouwkunde"},
    {"id": "inst.a", "partner": "bv1", "discipline": "installatietechniek"},
    {"id": "inst.b", "partner": "bv2", "discipline": "Installatietechniek"},
    {"id": "inst.c", "partner": "hs",  "discipline": "installatietechniek "},
    {"id": "uni.r",  "partner": "uni", "discipline": "data science"},
    {"id": "bv1.e",  "partner": "bv1", "discipline": "elektrotechniek"},
    {"id": "gem.b",  "partner": "gem", "discipline": "bestuurskunde"}
  ],
  "units": [
    {"id": "eco",     "level": "ecosystem", "challenge": "aardgasvrije wijken", "since": "2020"},
    {"id": "fl",      "form": "living_lab", "parent": "eco", "since": "2020-06"},
    {"id": "team-ok", "form": "innovation_team", "parent": "fl", "since": "2021-01", "until": "2021-12"},
    {"id": "plc",     "form": "plc", "parent": "fl", "challenge": "de warmtepomp in het curriculum", "since": "2021"},
    {"id": "cop",     "form": "cop", "parent": "eco", "challenge": "vakkennis over warmtepompen delen", "since": "2021"},
    {"id": "fl-team", "level": "fieldlab", "parent": "eco", "challenge": "een warmtenet voor de Bloemenbuurt", "since": "2022-01", "until": "2022-12"},
    {"id": "nokind",  "level": "team", "parent": "eco", "since": "2023-01", "until": "2023-06"},
    {"id": "ghost",   "level": "team", "parent": "eco"},
    {"id": "eco2",    "level": "ecosystem", "challenge": "waterstof", "since": "2020"}
  ],
  "memberships": [
    {"unit": "eco", "member": "uni", "since": "2020"},
    {"unit": "eco", "member": "gem", "since": "2020"},
    {"unit": "eco", "member": "coop", "since": "2020"},
    {"unit": "fl", "member": "hs", "since": "2020-06"},
    {"unit": "fl", "member": "coop", "since": "2021-06", "until": "2022-03"},
    {"unit": "team-ok", "member": "uni.r", "since": "2021-01", "until": "2021-12"},
    {"unit": "team-ok", "member": "bv1.e", "since": "2021-01", "until": "2021-12"},
    {"unit": "team-ok", "member": "gem.b"},
    {"unit": "team-ok", "member": "coop", "since": "2021-02-01", "until": "2021-12-31"},
    {"unit": "team-ok", "member": "hs", "since": "2021-03"},
    {"unit": "plc", "member": "roc.t1", "since": "2021"},
    {"unit": "plc", "member": "roc.t2", "since": "2021"},
    {"unit": "plc", "member": "roc.t3", "since": "2021"},
    {"unit": "cop", "member": "inst.a", "since": "2021"},
    {"unit": "cop", "member": "inst.b", "since": "2021"},
    {"unit": "cop", "member": "inst.c", "since": "2021"},
    {"unit": "fl-team", "member": "uni"},
    {"unit": "fl-team", "member": "bv1"},
    {"unit": "fl-team", "member": "gem"},
    {"unit": "nokind", "member": "p1"},
    {"unit": "nokind", "member": "p2"},
    {"unit": "eco2", "member": "uni", "since": "2020"},
    {"unit": "eco2", "member": "bv1", "since": "2022-06"}
  ]
}`

func readJSONData(t *testing.T, text string) *graph.Ecosystem {
	t.Helper()
	e, ps, err := importers.ReadJSON(strings.NewReader(text), "test.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Errorf("unexpected problem: %v", p)
	}
	return e
}

func checkUnits(t *testing.T, e *graph.Ecosystem, opts analysis.CheckOptions) map[string]analysis.UnitCheck {
	t.Helper()
	cs, err := analysis.Check(e, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]analysis.UnitCheck{}
	for _, c := range cs {
		out[c.ID] = c
	}
	return out
}

// findings is the results of the five criteria in the order
// interorganisational, interprofessional, public_private,
// societal_challenge, level_fit, written t, f or ? for short.
func findings(c analysis.Criteria) string {
	short := map[analysis.Finding]string{analysis.FindingTrue: "t", analysis.FindingFalse: "f", analysis.FindingUnknown: "?"}
	return short[c.Interorganisational.Result] + short[c.Interprofessional.Result] + short[c.PublicPrivate.Result] +
		short[c.SocietalChallenge.Result] + short[c.LevelFit.Result]
}

// TestCheck checks every unit of checkData with the default thresholds (2
// organisations, 2 disciplines, 3 helix types and 1 unit beneath an
// ecosystem, 2 beneath a fieldlab, 80 % of memberships stable within 31
// days). Worked out by hand (members = the unit and the units below it):
//
//   - eco: partners uni, gem, coop (own), hs, coop (fl), uni, bv1, gem, coop,
//     hs (team-ok), roc (plc), bv1, bv2, hs (cop), uni, bv1, gem (fl-team),
//     p1, p2 (nokind) = 9 distinct. People of team-ok, plc and cop: 9, with
//     disciplines data science, elektrotechniek, bestuurskunde,
//     installatietechniek (roc.t1, inst.a, inst.b, inst.c: 4, case and
//     spaces folded), onderwijskunde, bouwkunde = 6. Per partner: uni, gem,
//     hs, bv1, roc, bv2 by the disciplines of their people; coop (no
//     people) by its kind energiecooperatie; p1 (academia) and p2
//     (industry), with neither, by helix types that uni and bv1 already
//     represent: 6 + 1 = 7 backgrounds, basis mixed. Public uni, gem, hs,
//     roc, p1 = 5; private bv1, bv2, p2 = 3; nonprofit coop; academia uni,
//     hs, roc, p1. Own challenge. Verdict learning_community. Level: 4 helix
//     types (no environment) ≥ 3 and 5 units beneath it ≥ 1: fits.
//   - fl: partners hs, coop, uni, bv1, gem, roc = 6; people of team-ok and
//     plc: 6 disciplines (of uni, bv1, gem, roc), and hs and coop, without
//     people here, by their kinds hogeschool and energiecooperatie: 8
//     backgrounds, mixed; public hs, uni, gem, roc, private bv1. No
//     challenge of its own: inherited from its parent eco. Verdict
//     learning_community. Own memberships: hs from the start (stable), coop
//     a year later (not): 1 of 2 = 50 % < 80 %, a changing composition, and
//     2 units beneath it: fits fieldlab.
//   - team-ok: partners uni, bv1, gem (through their people), coop, hs = 5;
//     3 disciplines, and the kinds of coop and hs: 5 backgrounds, mixed;
//     public uni, gem, hs, private bv1. Challenge inherited
//     from eco through fl. Memberships: uni.r, bv1.e cover 2021-01..2021-12;
//     gem.b is undated (covers the term); coop starts 2021-02-01, 31 days
//     after 2021-01-01 (within the tolerance) and ends 2021-12-31 (0 days
//     before); hs starts 2021-03-01, 59 days late: 4 of 5 = 80 % ≥ 80 %,
//     stable, with a fixed term: fits team. learning_community.
//   - plc: one organisation (roc): not interorganisational; 3 disciplines;
//     roc is public, no private partner: not public-private. Verdict
//     not_on_its_own, decided by form, interorganisational and
//     public_private. No until date: no fixed term, so team does not fit;
//     its 3 memberships are stable (fieldlab does not fit either) and it
//     has one helix type: no suggestion.
//   - cop: bv1, bv2, hs = 3 organisations, all by the discipline of their
//     people; one discipline (installatietechniek in three spellings), 3 of
//     3 partners known: not interprofessional;
//     public hs, private bv1, bv2, academia hs. not_on_its_own, decided by
//     form and interprofessional.
//   - fl-team: a fieldlab of uni, bv1, gem, undated memberships (all
//     stable, 3 of 3), no unit beneath it, and a fixed term 2022-01 to
//     2022-12: fieldlab does not fit, team does: the suggestion. No people:
//     interprofessional on kinds universiteit, installateur, gemeente (3).
//     learning_community.
//   - nokind: p1, p2 (2 organisations; academia/public and
//     industry/private) without people or kinds: judged by their helix
//     types, 2 different worlds: interprofessional (issue 8; it was
//     unknown before). Challenge inherited from eco: learning_community.
//   - ghost: no members: interorganisational, interprofessional and
//     public_private unknown; insufficient_data. Level: no fixed term (team
//     false), composition unknown (fieldlab unknown), no helix types
//     (ecosystem false): no suggestion.
//   - eco2: uni, bv1: 2 organisations, kinds universiteit and installateur,
//     public, private and academia, own challenge: learning_community. But
//     only 2 helix types < 3: ecosystem does not fit; bv1 joined 2022-06,
//     long after 2020: 1 of 2 stable, a changing composition: fieldlab fits.
func TestCheck(t *testing.T) {
	e := readJSONData(t, checkData)
	cs, err := analysis.Check(e, analysis.DefaultCheckOptions())
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range cs {
		order = append(order, c.ID)
	}
	wantOrder := []string{"eco", "fl", "team-ok", "plc", "cop", "fl-team", "nokind", "ghost", "eco2"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Fatalf("units in order %v, want %v (tree order)", order, wantOrder)
	}
	byID := map[string]analysis.UnitCheck{}
	for _, c := range cs {
		byID[c.ID] = c
	}

	tests := []struct {
		unit      string
		verdict   analysis.Verdict
		decidedBy []string
		findings  string // interorg, interprof, public-private, challenge, level fit
		orgs      int
		basis     string
		nDisc     int
		nBack     int    // professional backgrounds
		source    string // of the challenge
		from      string
		stable    [2]int // stable memberships, memberships
		suggest   graph.Level
	}{
		{"eco", analysis.VerdictLearningCommunity, nil, "ttttt", 9, "mixed", 6, 7, "own", "eco", [2]int{3, 3}, ""},
		{"fl", analysis.VerdictLearningCommunity, nil, "ttttt", 6, "mixed", 6, 8, "inherited", "eco", [2]int{1, 2}, ""},
		{"team-ok", analysis.VerdictLearningCommunity, nil, "ttttt", 5, "mixed", 3, 5, "inherited", "eco", [2]int{4, 5}, ""},
		{"plc", analysis.VerdictNotOnItsOwn, []string{"form", "interorganisational", "public_private"}, "ftftf", 1, "disciplines", 3, 3, "own", "plc", [2]int{3, 3}, ""},
		{"cop", analysis.VerdictNotOnItsOwn, []string{"form", "interprofessional"}, "tfttf", 3, "disciplines", 1, 1, "own", "cop", [2]int{3, 3}, ""},
		{"fl-team", analysis.VerdictLearningCommunity, nil, "ttttf", 3, "kinds", 0, 3, "own", "fl-team", [2]int{3, 3}, graph.LevelTeam},
		{"nokind", analysis.VerdictLearningCommunity, nil, "ttttt", 2, "helix_types", 0, 2, "inherited", "eco", [2]int{2, 2}, ""},
		{"ghost", analysis.VerdictInsufficientData, []string{"interorganisational", "interprofessional", "public_private"}, "???tf", 0, "none", 0, 0, "inherited", "eco", [2]int{0, 0}, ""},
		{"eco2", analysis.VerdictLearningCommunity, nil, "ttttf", 2, "kinds", 0, 2, "own", "eco2", [2]int{1, 2}, graph.LevelFieldlab},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			c := byID[tt.unit]
			if c.Verdict != tt.verdict {
				t.Errorf("verdict %s, want %s", c.Verdict, tt.verdict)
			}
			want := tt.decidedBy
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(c.DecidedBy, want) {
				t.Errorf("decided by %q, want %q", c.DecidedBy, want)
			}
			if got := findings(c.Criteria); got != tt.findings {
				t.Errorf("findings %s, want %s", got, tt.findings)
			}
			if got := c.Criteria.Interorganisational.Organisations; got != tt.orgs {
				t.Errorf("organisations %d, want %d", got, tt.orgs)
			}
			ip := c.Criteria.Interprofessional
			if ip.Basis != tt.basis || len(ip.Disciplines) != tt.nDisc || len(ip.Backgrounds) != tt.nBack {
				t.Errorf("interprofessional basis %s with %d disciplines, %d backgrounds; want %s with %d, %d",
					ip.Basis, len(ip.Disciplines), len(ip.Backgrounds), tt.basis, tt.nDisc, tt.nBack)
			}
			ch := c.Criteria.SocietalChallenge
			if ch.Source != tt.source || ch.From != tt.from {
				t.Errorf("challenge %s from %q, want %s from %q", ch.Source, ch.From, tt.source, tt.from)
			}
			lf := c.Criteria.LevelFit
			if got := [2]int{lf.StableMemberships, lf.Memberships}; got != tt.stable {
				t.Errorf("stable memberships %v, want %v", got, tt.stable)
			}
			switch {
			case tt.suggest == "" && c.Suggestion != nil:
				t.Errorf("suggestion %+v, want none", *c.Suggestion)
			case tt.suggest != "" && (c.Suggestion == nil || c.Suggestion.Level != tt.suggest):
				t.Errorf("suggestion %+v, want level %s", c.Suggestion, tt.suggest)
			}
		})
	}

	// The evidence in detail for a few units.
	if got := byID["cop"].Criteria.Interprofessional.Disciplines; !reflect.DeepEqual(got, []analysis.CheckCount{{Name: "installatietechniek", Count: 3}}) {
		t.Errorf("cop disciplines %v, want installatietechniek 3", got)
	}
	pp := byID["eco"].Criteria.PublicPrivate
	if pp.Public != 5 || pp.Private != 3 || pp.Nonprofit != 1 || len(pp.KnowledgeInstitutions) != 4 {
		t.Errorf("eco public-private %+v, want 5 public, 3 private, 1 nonprofit, 4 knowledge institutions", pp)
	}
	if got := byID["eco"].Criteria.Interprofessional.Disciplines[0]; got != (analysis.CheckCount{Name: "installatietechniek", Count: 4}) {
		t.Errorf("eco's most common discipline %v, want installatietechniek 4", got)
	}
	// eco: 6 partners by the disciplines of their people, coop by its
	// kind, p1 and p2 by helix types already represented (see above).
	if ip := byID["eco"].Criteria.Interprofessional; ip.Bases != (analysis.Bases{Discipline: 6, Kind: 1, Helix: 2}) ||
		ip.HelixRepresented != 2 || ip.KnownPartners != 7 {
		t.Errorf("eco interprofessional bases %+v, %d helix represented, %d known; want 6 discipline, 1 kind, 2 helix, 2, 7",
			ip.Bases, ip.HelixRepresented, ip.KnownPartners)
	}
	if got := byID["eco"].Criteria.Interprofessional.Backgrounds[0]; got != (analysis.Background{Name: "installatietechniek", Basis: "discipline", Partners: 4}) {
		t.Errorf("eco's most common background %+v, want installatietechniek of 4 partners (hs, bv1, roc, bv2)", got)
	}
	if got := byID["fl-team"].Criteria.Interprofessional.Kinds; len(got) != 3 {
		t.Errorf("fl-team kinds %v, want 3", got)
	}
	if got := byID["fl"].Criteria.SocietalChallenge.Challenge; got != "aardgasvrije wijken" {
		t.Errorf("fl inherits challenge %q, want eco's", got)
	}
	names := []string{}
	for _, p := range byID["team-ok"].Criteria.Interorganisational.Partners {
		names = append(names, p.Name)
	}
	if want := []string{"Energiecooperatie", "Gemeente", "Hogeschool", "Installateur Een", "Universiteit"}; !reflect.DeepEqual(names, want) {
		t.Errorf("team-ok partners %v, want %v (by name)", names, want)
	}
	if got, want := byID["eco"].Criteria.LevelFit.HelixTypes, []graph.Helix{graph.Academia, graph.Industry, graph.Government, graph.CivilSociety}; !reflect.DeepEqual(got, want) {
		t.Errorf("eco helix types %v, want %v", got, want)
	}
	if got, want := byID["eco2"].Criteria.LevelFit.Fits, (analysis.LevelFits{Ecosystem: "false", Fieldlab: "true", Team: "false"}); got != want {
		t.Errorf("eco2 fits %+v, want %+v", got, want)
	}
	if got, want := byID["ghost"].Criteria.LevelFit.Fits, (analysis.LevelFits{Ecosystem: "false", Fieldlab: "unknown", Team: "false"}); got != want {
		t.Errorf("ghost fits %+v, want %+v", got, want)
	}
	if got, want := byID["fl-team"].Suggestion.Reason, "a fixed composition (3 of 3 memberships stable) with a fixed term (2022-01 to 2022-12): fits team better than fieldlab"; got != want {
		t.Errorf("fl-team suggestion %q, want %q", got, want)
	}
	if got, want := byID["eco2"].Suggestion.Reason, "a changing composition (1 of 2 memberships stable): fits fieldlab better than ecosystem"; got != want {
		t.Errorf("eco2 suggestion %q, want %q", got, want)
	}
}

// TestCheckThresholds moves the thresholds across the values of
// checkData, so that each decides the other way.
func TestCheckThresholds(t *testing.T) {
	e := readJSONData(t, checkData)
	tests := []struct {
		name   string
		change func(*analysis.CheckOptions)
		unit   string
		want   string // findings
	}{
		// team-ok has 5 organisations and 5 backgrounds (3 disciplines, 2
		// kinds), every partner known by one or the other.
		{"6 organisations", func(o *analysis.CheckOptions) { o.MinOrganisations = 6 }, "team-ok", "ftttt"},
		{"5 organisations", func(o *analysis.CheckOptions) { o.MinOrganisations = 5 }, "team-ok", "ttttt"},
		{"6 backgrounds", func(o *analysis.CheckOptions) { o.MinDisciplines = 6 }, "team-ok", "tfttt"},
		{"5 backgrounds", func(o *analysis.CheckOptions) { o.MinDisciplines = 5 }, "team-ok", "ttttt"},
		// cop has 1 background with 3 of 3 partners known: false at any
		// share; eco with 8 backgrounds wanted has 7 of 9 partners known
		// (78 %; p1 and p2 only by helix type): unknown at 0.8, false at
		// 0.75.
		{"cop, share 1", func(o *analysis.CheckOptions) { o.MinKnownShare = 1 }, "cop", "tfttf"},
		{"eco, 8 backgrounds", func(o *analysis.CheckOptions) { o.MinDisciplines = 8 }, "eco", "t?ttt"},
		{"eco, 8 backgrounds, share 0.75", func(o *analysis.CheckOptions) { o.MinDisciplines = 8; o.MinKnownShare = 0.75 }, "eco", "tfttt"},
		// 4 of 5 memberships are stable: 80 % passes 0.8, not 0.81.
		{"stable share 0.81", func(o *analysis.CheckOptions) { o.TeamMinStableShare = 0.81 }, "team-ok", "ttttf"},
		// coop joins 31 days after the start: within 31 days, not 30
		// (then 3 of 5 = 60 %).
		{"tolerance 30 days", func(o *analysis.CheckOptions) { o.TeamToleranceDays = 30 }, "team-ok", "ttttf"},
		// hs joins 59 days late: with 59 days every membership is stable.
		{"tolerance 59 days", func(o *analysis.CheckOptions) { o.TeamToleranceDays = 59 }, "team-ok", "ttttt"},
		// eco2 has 2 helix types, but fits fieldlab, not ecosystem.
		{"2 helix types", func(o *analysis.CheckOptions) { o.EcosystemMinHelixTypes = 2; o.EcosystemMinChildUnits = 0 }, "eco2", "ttttt"},
		// fl has 2 units beneath it and a changing composition: it fits
		// fieldlab on the composition alone.
		{"3 units beneath a fieldlab", func(o *analysis.CheckOptions) { o.FieldlabMinChildUnits = 3 }, "fl", "ttttt"},
		// eco has 5 units beneath it.
		{"6 units beneath an ecosystem", func(o *analysis.CheckOptions) { o.EcosystemMinChildUnits = 6 }, "eco", "ttttf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := analysis.DefaultCheckOptions()
			tt.change(&opts)
			c := checkUnits(t, e, opts)[tt.unit]
			if got := findings(c.Criteria); got != tt.want {
				t.Errorf("%s: findings %s, want %s", tt.unit, got, tt.want)
			}
		})
	}
}

// TestCheckUnknownEvidence covers the cases where missing information
// could still change a criterion, and where it cannot.
func TestCheckUnknownEvidence(t *testing.T) {
	const data = `{
  "partners": [
    {"id": "a", "helix": "academia", "kind": "universiteit"},
    {"id": "b", "helix": "industry", "kind": "bedrijf"},
    {"id": "g", "helix": "government"},
    {"id": "x", "helix": "unknown"},
    {"id": "y", "helix": "unknown", "sector": "public"}
  ],
  "people": [
    {"id": "a1", "partner": "a", "discipline": "sociologie"},
    {"id": "b1", "partner": "b"}
  ],
  "units": [
    {"id": "half", "level": "team", "challenge": "c"},
    {"id": "unknownsector", "level": "team", "challenge": "c"},
    {"id": "twosectors", "level": "team", "challenge": "c"},
    {"id": "maybeacademia", "level": "team", "challenge": "c"},
    {"id": "kinds", "level": "team", "challenge": "c"},
    {"id": "nochallenge", "level": "team"}
  ],
  "memberships": [
    {"unit": "half", "member": "a1"}, {"unit": "half", "member": "b1"},
    {"unit": "unknownsector", "member": "a"}, {"unit": "unknownsector", "member": "x"},
    {"unit": "twosectors", "member": "x"}, {"unit": "twosectors", "member": "y"},
    {"unit": "maybeacademia", "member": "b"}, {"unit": "maybeacademia", "member": "g"}, {"unit": "maybeacademia", "member": "x"},
    {"unit": "kinds", "member": "a"}, {"unit": "kinds", "member": "g"},
    {"unit": "nochallenge", "member": "a"}, {"unit": "nochallenge", "member": "b"}
  ]
}`
	e := readJSONData(t, data)
	got := checkUnits(t, e, analysis.DefaultCheckOptions())
	tests := []struct {
		unit, findings string
		verdict        analysis.Verdict
	}{
		// a by the discipline of a1 (sociologie); b, whose b1 has none, by
		// its kind bedrijf: 2 backgrounds (before issue 8 the person without
		// a discipline made it unknown).
		{"half", "ttttf", analysis.VerdictLearningCommunity},
		// a is public academia; x (unknown helix, unknown sector) could be
		// the private partner: public-private unknown. No person: a by its
		// kind universiteit, nothing known of x: 1 background, 1 of 2
		// partners known (50 % < 80 %): unknown.
		{"unknownsector", "t??tf", analysis.VerdictInsufficientData},
		// x and y: y public, x of unknown sector could be private, and
		// either could be academia; nothing known of their background:
		// interprofessional unknown.
		{"twosectors", "t??tf", analysis.VerdictInsufficientData},
		// b private, g public, x of unknown type could be academia. b by its
		// kind bedrijf, g by its helix type government: 2 backgrounds.
		{"maybeacademia", "tt?tf", analysis.VerdictInsufficientData},
		// a and g: public only, no private partner and none unknown; a by
		// its kind universiteit, g by government: 2 backgrounds.
		{"kinds", "ttftf", analysis.VerdictNotOnItsOwn},
		// No challenge named anywhere: false, not unknown.
		{"nochallenge", "tttff", analysis.VerdictNotOnItsOwn},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			c := got[tt.unit]
			if f := findings(c.Criteria); f != tt.findings || c.Verdict != tt.verdict {
				t.Errorf("findings %s, verdict %s; want %s, %s", f, c.Verdict, tt.findings, tt.verdict)
			}
		})
	}
}

// issue8Data is the ecosystem of issue 8: 8 organisations across the 5
// helix types; only the school (roc) has a kind, and the only people
// recorded are 3 teachers of that school, all of one discipline. "eco"
// names the teachers (so roc takes part through them) and the 7 other
// partners; "eco-nopeople" names the same 8 partners directly and no
// person.
const issue8Data = `{
  "partners": [
    {"id": "roc",    "name": "ROC Rivierstad",       "helix": "academia", "kind": "mbo"},
    {"id": "uni",    "name": "Universiteit",         "helix": "academia"},
    {"id": "bv1",    "name": "Installateur Een",     "helix": "industry"},
    {"id": "bv2",    "name": "Bouwbedrijf Twee",     "helix": "industry"},
    {"id": "gem",    "name": "Gemeente",             "helix": "government"},
    {"id": "prov",   "name": "Provincie",            "helix": "government"},
    {"id": "coop",   "name": "Energiecooperatie",    "helix": "civil_society"},
    {"id": "natuur", "name": "Natuurmonumenten",     "helix": "environment"}
  ],
  "people": [
    {"id": "t1", "partner": "roc", "discipline": "onderwijskunde", "role": "docent"},
    {"id": "t2", "partner": "roc", "discipline": "onderwijskunde", "role": "docent"},
    {"id": "t3", "partner": "roc", "discipline": "Onderwijskunde", "role": "docent"}
  ],
  "units": [
    {"id": "eco", "level": "ecosystem", "challenge": "aardgasvrije wijken"},
    {"id": "eco-nopeople", "level": "ecosystem", "challenge": "aardgasvrije wijken"}
  ],
  "memberships": [
    {"unit": "eco", "member": "t1"}, {"unit": "eco", "member": "t2"}, {"unit": "eco", "member": "t3"},
    {"unit": "eco", "member": "uni"}, {"unit": "eco", "member": "bv1"}, {"unit": "eco", "member": "bv2"},
    {"unit": "eco", "member": "gem"}, {"unit": "eco", "member": "prov"}, {"unit": "eco", "member": "coop"},
    {"unit": "eco", "member": "natuur"},
    {"unit": "eco-nopeople", "member": "roc"},
    {"unit": "eco-nopeople", "member": "uni"}, {"unit": "eco-nopeople", "member": "bv1"}, {"unit": "eco-nopeople", "member": "bv2"},
    {"unit": "eco-nopeople", "member": "gem"}, {"unit": "eco-nopeople", "member": "prov"}, {"unit": "eco-nopeople", "member": "coop"},
    {"unit": "eco-nopeople", "member": "natuur"}
  ]
}`

// TestCheckInterprofessionalIssue8: 3 teachers of one school must not make
// an ecosystem of 8 organisations across 5 helix types "not
// interprofessional". Worked out by hand, per partner: roc by the
// discipline of its people (onderwijskunde; with no people: by its kind,
// mbo); uni by its helix type academia, which roc already represents; bv1,
// bv2 industry; gem, prov government; coop civil_society; natuur
// environment: 1 + 4 helix types = 5 backgrounds ≥ 2. Public roc, uni, gem,
// prov, private bv1, bv2, academia roc, uni, own challenge: a Learning
// Community, with and without the people.
func TestCheckInterprofessionalIssue8(t *testing.T) {
	e := readJSONData(t, issue8Data)
	got := checkUnits(t, e, analysis.DefaultCheckOptions())
	helixBackgrounds := []analysis.Background{
		{Name: "government", Basis: "helix", Partners: 2}, // gem, prov
		{Name: "industry", Basis: "helix", Partners: 2},   // bv1, bv2
		{Name: "civil_society", Basis: "helix", Partners: 1},
		{Name: "environment", Basis: "helix", Partners: 1},
	}
	tests := []struct {
		unit  string
		roc   analysis.PartnerBackground
		bases analysis.Bases
		roc1  analysis.Background // roc's background
	}{
		{"eco", analysis.PartnerBackground{ID: "roc", Name: "ROC Rivierstad", Helix: graph.Academia, Basis: "discipline", Backgrounds: []string{"onderwijskunde"}},
			analysis.Bases{Discipline: 1, Helix: 7}, analysis.Background{Name: "onderwijskunde", Basis: "discipline", Partners: 1}},
		{"eco-nopeople", analysis.PartnerBackground{ID: "roc", Name: "ROC Rivierstad", Helix: graph.Academia, Basis: "kind", Backgrounds: []string{"mbo"}},
			analysis.Bases{Kind: 1, Helix: 7}, analysis.Background{Name: "mbo", Basis: "kind", Partners: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			c := got[tt.unit]
			if c.Criteria.Interorganisational.Organisations != 8 {
				t.Fatalf("%d organisations, want 8", c.Criteria.Interorganisational.Organisations)
			}
			ip := c.Criteria.Interprofessional
			if ip.Result != analysis.FindingTrue {
				t.Errorf("interprofessional %s, want true (%+v)", ip.Result, ip)
			}
			if c.Verdict != analysis.VerdictLearningCommunity {
				t.Errorf("verdict %s decided by %v, want learning_community", c.Verdict, c.DecidedBy)
			}
			if ip.Basis != "mixed" || ip.Bases != tt.bases {
				t.Errorf("basis %s, bases %+v; want mixed, %+v", ip.Basis, ip.Bases, tt.bases)
			}
			// uni is academia like roc, which is known more finely.
			if ip.HelixRepresented != 1 || ip.KnownPartners != 1 || float64(ip.KnownShare) != 1.0/8 {
				t.Errorf("%d helix represented, %d known (%v); want 1, 1 (1/8)", ip.HelixRepresented, ip.KnownPartners, ip.KnownShare)
			}
			// The most partners first, then by name: roc's mbo or
			// onderwijskunde (1 partner) comes after environment.
			want := append(slices.Clone(helixBackgrounds), tt.roc1)
			if !reflect.DeepEqual(ip.Backgrounds, want) {
				t.Errorf("backgrounds %+v, want %+v", ip.Backgrounds, want)
			}
			var roc analysis.PartnerBackground
			for _, p := range ip.Partners {
				if p.ID == "roc" {
					roc = p
				}
			}
			if !reflect.DeepEqual(roc, tt.roc) {
				t.Errorf("roc judged on %+v, want %+v", roc, tt.roc)
			}
		})
	}
}

// TestCheckInterprofessionalBases: each basis of a partner on its own, and
// the cases that stay unknown.
func TestCheckInterprofessionalBases(t *testing.T) {
	const data = `{
  "partners": [
    {"id": "a",  "name": "A", "helix": "academia", "kind": "universiteit"},
    {"id": "b",  "name": "B", "helix": "industry", "kind": "installateur"},
    {"id": "b2", "name": "B2", "helix": "industry", "kind": "installateur"},
    {"id": "c",  "name": "C", "helix": "industry"},
    {"id": "d",  "name": "D", "helix": "industry"},
    {"id": "g",  "name": "G", "helix": "government"},
    {"id": "x",  "name": "X", "helix": "unknown"},
    {"id": "y",  "name": "Y", "helix": "unknown"}
  ],
  "people": [
    {"id": "a1", "partner": "a", "discipline": "sociologie"},
    {"id": "b1", "partner": "b", "discipline": "installatietechniek"},
    {"id": "b21", "partner": "b2", "discipline": "installatietechniek"},
    {"id": "c1", "partner": "c"}
  ],
  "units": [
    {"id": "disc", "level": "team", "challenge": "c"},
    {"id": "onediscipline", "level": "team", "challenge": "c"},
    {"id": "kinds", "level": "team", "challenge": "c"},
    {"id": "onekind", "level": "team", "challenge": "c"},
    {"id": "helix", "level": "team", "challenge": "c"},
    {"id": "discandkind", "level": "team", "challenge": "c"},
    {"id": "samehelix", "level": "team", "challenge": "c"},
    {"id": "unknownpartners", "level": "team", "challenge": "c"},
    {"id": "represented", "level": "team", "challenge": "c"}
  ],
  "memberships": [
    {"unit": "disc", "member": "a1"}, {"unit": "disc", "member": "b1"},
    {"unit": "onediscipline", "member": "b1"}, {"unit": "onediscipline", "member": "b21"},
    {"unit": "kinds", "member": "a"}, {"unit": "kinds", "member": "b"},
    {"unit": "onekind", "member": "b"}, {"unit": "onekind", "member": "b2"},
    {"unit": "helix", "member": "c"}, {"unit": "helix", "member": "g"},
    {"unit": "discandkind", "member": "a1"}, {"unit": "discandkind", "member": "b"},
    {"unit": "samehelix", "member": "c"}, {"unit": "samehelix", "member": "d"},
    {"unit": "unknownpartners", "member": "x"}, {"unit": "unknownpartners", "member": "y"},
    {"unit": "represented", "member": "b1"}, {"unit": "represented", "member": "c1"}
  ]
}`
	e := readJSONData(t, data)
	got := checkUnits(t, e, analysis.DefaultCheckOptions())
	tests := []struct {
		unit        string
		want        analysis.Finding
		basis       string
		bases       analysis.Bases
		backgrounds string // name (basis partners), as backgroundList writes them
		represented int    // partners known only by an already represented helix type
	}{
		// a by sociologie, b by installatietechniek (their people): 2.
		{"disc", analysis.FindingTrue, "disciplines", analysis.Bases{Discipline: 2},
			"installatietechniek (discipline 1), sociologie (discipline 1)", 0},
		// b and b2 both by installatietechniek: 1 background, both
		// partners known: one profession.
		{"onediscipline", analysis.FindingFalse, "disciplines", analysis.Bases{Discipline: 2},
			"installatietechniek (discipline 2)", 0},
		// no people: a by its kind universiteit, b by installateur: 2.
		{"kinds", analysis.FindingTrue, "kinds", analysis.Bases{Kind: 2},
			"installateur (kind 1), universiteit (kind 1)", 0},
		// b and b2 both installateur: 1 background, both known.
		{"onekind", analysis.FindingFalse, "kinds", analysis.Bases{Kind: 2},
			"installateur (kind 2)", 0},
		// no people, no kinds: c industry, g government: 2 helix types,
		// different worlds.
		{"helix", analysis.FindingTrue, "helix_types", analysis.Bases{Helix: 2},
			"government (helix 1), industry (helix 1)", 0},
		// a by sociologie (a1), b by its kind installateur: 2.
		{"discandkind", analysis.FindingTrue, "mixed", analysis.Bases{Discipline: 1, Kind: 1},
			"installateur (kind 1), sociologie (discipline 1)", 0},
		// c and d: industry, nothing finer: 1 background, and no partner
		// known by discipline or kind (0 of 2 < 80 %): unknown.
		{"samehelix", analysis.FindingUnknown, "helix_types", analysis.Bases{Helix: 2},
			"industry (helix 2)", 0},
		// x and y: nothing known at all.
		{"unknownpartners", analysis.FindingUnknown, "none", analysis.Bases{Unknown: 2}, "", 0},
		// b by installatietechniek; c's person c1 has no discipline and c
		// no kind: c is known only as industry, a type b already
		// represents. 1 background, 1 of 2 known (50 % < 80 %): unknown.
		{"represented", analysis.FindingUnknown, "mixed", analysis.Bases{Discipline: 1, Helix: 1},
			"installatietechniek (discipline 1)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			ip := got[tt.unit].Criteria.Interprofessional
			if ip.Result != tt.want {
				t.Errorf("interprofessional %s, want %s (%+v)", ip.Result, tt.want, ip)
			}
			if ip.Basis != tt.basis || ip.Bases != tt.bases || ip.HelixRepresented != tt.represented {
				t.Errorf("basis %s, bases %+v, %d helix represented; want %s, %+v, %d",
					ip.Basis, ip.Bases, ip.HelixRepresented, tt.basis, tt.bases, tt.represented)
			}
			if got := backgroundList(ip.Backgrounds); got != tt.backgrounds {
				t.Errorf("backgrounds %q, want %q", got, tt.backgrounds)
			}
			if len(ip.Partners) != got[tt.unit].Criteria.Interorganisational.Organisations {
				t.Errorf("%d partners judged, want every one of the %d", len(ip.Partners), got[tt.unit].Criteria.Interorganisational.Organisations)
			}
		})
	}

	// The share of partners known by discipline or kind decides between
	// unknown and false: represented has 1 of 2 (50 %), samehelix 0 of 2.
	for _, tt := range []struct {
		unit  string
		share float64
		want  analysis.Finding
	}{
		{"represented", 0.5, analysis.FindingFalse},
		{"represented", 0.51, analysis.FindingUnknown},
		{"samehelix", 0.01, analysis.FindingUnknown},
		{"onediscipline", 1, analysis.FindingFalse},
	} {
		opts := analysis.DefaultCheckOptions()
		opts.MinKnownShare = tt.share
		if got := checkUnits(t, e, opts)[tt.unit].Criteria.Interprofessional.Result; got != tt.want {
			t.Errorf("%s with min_known_share %v: %s, want %s", tt.unit, tt.share, got, tt.want)
		}
	}
}

// backgroundList writes backgrounds as "name (basis partners), ...".
func backgroundList(bs []analysis.Background) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = fmt.Sprintf("%s (%s %d)", b.Name, b.Basis, b.Partners)
	}
	return strings.Join(parts, ", ")
}

func TestCheckUnit(t *testing.T) {
	e := readJSONData(t, checkData)
	opts := analysis.DefaultCheckOptions()
	opts.Unit = "fl"
	cs, err := analysis.Check(e, opts)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if want := []string{"fl", "team-ok", "plc"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("units %v, want %v", ids, want)
	}
	// The unit above fl still lends its challenge.
	if ch := cs[0].Criteria.SocietalChallenge; ch.Source != "inherited" || ch.From != "eco" {
		t.Errorf("fl's challenge %+v, want inherited from eco", ch)
	}

	opts.Unit = "tem-ok"
	_, err = analysis.Check(e, opts)
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) || len(nf.Closest) == 0 || nf.Closest[0] != "team-ok" {
		t.Errorf("unknown unit: error %v, want a NotFoundError with team-ok closest", err)
	}
}

func TestCheckOptionsValidate(t *testing.T) {
	e := readJSONData(t, checkData)
	tests := []struct {
		name   string
		change func(*analysis.CheckOptions)
		want   string
	}{
		{"organisations", func(o *analysis.CheckOptions) { o.MinOrganisations = 0 }, "min_organisations"},
		{"disciplines", func(o *analysis.CheckOptions) { o.MinDisciplines = -1 }, "min_disciplines"},
		{"known share", func(o *analysis.CheckOptions) { o.MinKnownShare = 0 }, "min_known_share"},
		{"known share above 1", func(o *analysis.CheckOptions) { o.MinKnownShare = 1.01 }, "min_known_share"},
		{"helix types", func(o *analysis.CheckOptions) { o.EcosystemMinHelixTypes = 6 }, "ecosystem_min_helix_types"},
		{"ecosystem units", func(o *analysis.CheckOptions) { o.EcosystemMinChildUnits = -1 }, "ecosystem_min_child_units"},
		{"fieldlab units", func(o *analysis.CheckOptions) { o.FieldlabMinChildUnits = 0 }, "fieldlab_min_child_units"},
		{"share", func(o *analysis.CheckOptions) { o.TeamMinStableShare = 1.5 }, "team_min_stable_share"},
		{"zero share", func(o *analysis.CheckOptions) { o.TeamMinStableShare = 0 }, "team_min_stable_share"},
		{"days", func(o *analysis.CheckOptions) { o.TeamToleranceDays = -3 }, "team_tolerance_days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := analysis.DefaultCheckOptions()
			tt.change(&opts)
			if _, err := analysis.Check(e, opts); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one naming %s", err, tt.want)
			}
		})
	}
	if err := analysis.DefaultCheckOptions().Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
}

// TestCheckAtDate checks the snapshot of checkData at 2021-06: fl's coop
// membership (from 2021-06) is active, team-ok's hs (from 2021-03) too;
// fl-team (2022), nokind (2023) are not active; ghost (undated) is.
func TestCheckAtDate(t *testing.T) {
	e := readJSONData(t, checkData)
	got := checkUnits(t, e.At(graph.MustParseDate("2021-06")), analysis.DefaultCheckOptions())
	if _, ok := got["fl-team"]; ok {
		t.Error("fl-team (2022) is checked at 2021-06")
	}
	if _, ok := got["ghost"]; !ok {
		t.Error("ghost (undated) is not checked at 2021-06")
	}
	// eco2's bv1 joins 2022-06: at 2021-06 eco2 has uni only, one
	// organisation.
	if c := got["eco2"]; c.Verdict != analysis.VerdictNotOnItsOwn || c.Criteria.Interorganisational.Organisations != 1 {
		t.Errorf("eco2 at 2021-06: %s with %d organisations, want not_on_its_own with 1", c.Verdict, c.Criteria.Interorganisational.Organisations)
	}
}

func ExampleCheck() {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia, Kind: "universiteit"},
			{ID: "bv", Helix: graph.Industry, Kind: "installateur"},
		},
		Units: []graph.Unit{{ID: "team", Level: graph.LevelTeam, Challenge: "aardgasvrije wijken"}},
		Memberships: []graph.Membership{
			{Unit: "team", Member: "uni"}, {Unit: "team", Member: "bv"},
		},
	}
	if err := e.Validate().Err(); err != nil {
		panic(err)
	}
	cs, err := analysis.Check(e, analysis.DefaultCheckOptions())
	if err != nil {
		panic(err)
	}
	c := cs[0]
	fmt.Println(c.ID, c.Verdict)
	fmt.Println("interorganisational:", c.Criteria.Interorganisational.Result)
	fmt.Println("interprofessional:", c.Criteria.Interprofessional.Result, "on", c.Criteria.Interprofessional.Basis)
	fmt.Println("level fit:", c.Criteria.LevelFit.Result)
	// Output:
	// team learning_community
	// interorganisational: true
	// interprofessional: true on kinds
	// level fit: false
}

// BenchmarkCheck checks every unit of generated ecosystems (a unit tree
// scaled to the size: one fieldlab per 25 partners, teams, PLCs and CoPs).
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 6000, 50000} {
		e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
		b.Run(fmt.Sprintf("partners=%d/units=%d", n, len(e.Units)), func(b *testing.B) {
			for b.Loop() {
				if _, err := analysis.Check(e, analysis.DefaultCheckOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
