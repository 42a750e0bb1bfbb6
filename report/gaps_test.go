package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

var gapTargets = map[string]string{"ecosystem": "quintuple", "fieldlab": "quadruple", "team": "triple", "plc": "none", "cop": "none"}

// gapsDoc builds the gaps document of testdata/gaps.json at date at (""
// for all) on the explicit ties, with the default targets.
func gapsDoc(t *testing.T, at string, top int) GapsJSON {
	t.Helper()
	e, _, err := importers.Read("testdata/gaps.json")
	if err != nil {
		t.Fatal(err)
	}
	d := graph.MustParseDate(at)
	e = e.At(d)
	atS := "all"
	if at != "" {
		atS = at
	}
	rep, err := analysis.Gaps(context.Background(), e, analysis.New(e, analysis.Options{Ties: analysis.TiesExplicit}), analysis.GapOptions{
		Targets: map[graph.Level]graph.CoverageClass{
			graph.LevelEcosystem: graph.Quintuple, graph.LevelFieldlab: graph.Quadruple, graph.LevelTeam: graph.Triple,
		},
		FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None, graph.FormCoP: graph.None},
		MinShare:    0.10,
		Top:         top,
	})
	if err != nil {
		t.Fatal(err)
	}
	return GapsJSON{
		GapsMeta:  GapsMeta{Name: e.Name, Source: "testdata/gaps.json", At: atS, TieSource: "explicit", Targets: gapTargets, MinShare: 0.10, Top: top},
		GapReport: rep,
	}
}

// The figures of testdata/gaps.json, worked out by hand (explicit ties):
//
//		bv - uni - hs - gem - prov       solo (isolated, joins 2021)
//		  \  /           |  \
//		  tech         wijk  natuur - veld
//		                 |
//		                los (no helix type)
//
//	  - Whole ecosystem: 11 partners, all five types: quintuple. Civil
//	    society 1/11 = 9.1% < 10%: under-represented. Missing pairs: every
//	    pair but academia–industry, academia–government, government–civil
//	    society and government–environment. gem cuts off government (prov),
//	    civil society and environment: pieces {uni,hs,bv,tech} 4 | {prov} |
//	    {wijk,los} | {natuur,veld}, so 5 separated. Single brokers: uni
//	    (both academia–industry ties); one tie each for hs–gem and
//	    gem–natuur. gem–wijk is the one government–civil society tie too,
//	    but wijk is the only civil society partner: not reported.
//	  - eco (quintuple): gem, uni, bv, wijk, tech, hs (its own member and
//	    those of fl, t, plc): environment missing. Candidates: natuur,
//	    AA = cnt[gem]/ln deg(gem) = 2/ln 4 = 1.4427, one step; veld,
//	    AA = cnt[natuur]/ln deg(natuur) = 1/ln 2 = 1.4427, two steps (equal
//	    scores: the nearer first).
//	  - fl (quadruple): uni, bv, wijk, tech: government missing. gem: AA =
//	    cnt[hs]/ln 2 = 1.4427 (hs is tied to uni), one step from wijk; prov:
//	    cnt[gem]/ln 4 = 0.7213, two steps. wijk is isolated inside fl.
//	  - t (triple): uni, tech: government missing. gem: 1/ln 2 via hs, two
//	    steps; prov: no common neighbour, three steps.
//	  - leeg: no partners; the triple is missing; every candidate unreachable.
//	  - plc: no target.
func TestGapsFigures(t *testing.T) {
	d := gapsDoc(t, "", 0)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	unit := func(id string) map[string]any {
		for _, u := range doc["units"].([]any) {
			if u.(map[string]any)["id"] == id {
				return u.(map[string]any)
			}
		}
		t.Fatalf("no unit %s", id)
		return nil
	}
	eco := doc["ecosystem"].(map[string]any)
	cand := func(u map[string]any, k, field string) string {
		var out []string
		for _, c := range u["candidates"].([]any)[k0(k)].(map[string]any)["partners"].([]any) {
			c := c.(map[string]any)
			switch field {
			case "id":
				out = append(out, c["id"].(string))
			case "score":
				out = append(out, fmt.Sprintf("%.4f", c["score"]))
			case "distance":
				out = append(out, fmt.Sprint(c["distance"]))
			case "path":
				var p []string
				for _, r := range c["path"].([]any) {
					p = append(p, r.(map[string]any)["id"].(string))
				}
				out = append(out, strings.Join(p, ">"))
			}
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name string
		got  any
		want string
	}{
		{"ecosystem partners", eco["partners"], "11"},
		{"ecosystem class", eco["class"], "quintuple"},
		{"ecosystem underrepresented", eco["underrepresented"], "[map[helix:civil_society partners:1 share:0.09090909090909091]]"},
		{"ecosystem missing pairs", eco["missing_pairs"], "[[academia civil_society] [academia environment] [industry government] [industry civil_society] [industry environment] [civil_society environment]]"},
		{"ecosystem unknown", ids(eco["unknown"]), "los"},
		{"ecosystem isolated", ids(eco["isolated"]), "solo"},
		{"ecosystem within type", ids(eco["within_type_only"]), "prov veld"},
		{"ecosystem first articulation point", first(eco["articulation_points"]), "map[cut_off_types:[government civil_society environment] partner:map[helix:government id:gem name:Gemeente Rivierdorp] separated:5]"},
		{"ecosystem articulation points", cutIDs(eco["articulation_points"]), "gem hs uni natuur wijk"},
		{"ecosystem bridges", cutIDs(eco["bridges"]), "gem-hs hs-uni gem-natuur gem-wijk gem-prov los-wijk natuur-veld"},
		{"ecosystem single brokers", brokers(eco["single_brokers"]), "academia/industry:uni academia/government:gem,hs government/environment:gem,natuur"},
		{"ecosystem candidates", eco["candidates"], "[]"},
		{"eco missing", unit("eco")["missing"], "[environment]"},
		{"eco candidates", cand(unit("eco"), "0", "id"), "natuur veld"},
		{"eco scores", cand(unit("eco"), "0", "score"), "1.4427 1.4427"},
		{"eco distances", cand(unit("eco"), "0", "distance"), "1 2"},
		{"eco paths", cand(unit("eco"), "0", "path"), "gem>natuur gem>natuur>veld"},
		{"fl isolated", ids(unit("fl")["isolated"]), "wijk"},
		{"fl candidates", cand(unit("fl"), "0", "id"), "gem prov"},
		{"fl scores", cand(unit("fl"), "0", "score"), "1.4427 0.7213"},
		{"fl paths", cand(unit("fl"), "0", "path"), "wijk>gem wijk>gem>prov"},
		{"t scores", cand(unit("t"), "0", "score"), "1.4427 0.0000"},
		{"t paths", cand(unit("t"), "0", "path"), "uni>hs>gem uni>hs>gem>prov"},
		{"leeg missing", unit("leeg")["missing"], "[academia industry government]"},
		{"leeg industry", cand(unit("leeg"), "1", "id"), "bv solo tech"},
		{"leeg distances", cand(unit("leeg"), "1", "distance"), "<nil> <nil> <nil>"},
		{"plc target", unit("plc")["target"], "none"},
		{"plc candidates", unit("plc")["candidates"], "[]"},
		// Summary: eco reaches quadruple; fl, t and plc partial; leeg
		// none. eco, fl, t and leeg have a gap; government is missing in
		// fl, t and leeg, academia and industry in leeg, environment in eco.
		{"summary coverage", doc["summary"].(map[string]any)["coverage"], "map[none:1 partial:3 quadruple:1 quintuple:0 triple:0]"},
		{"summary with gaps", doc["summary"].(map[string]any)["units_with_gaps"], "4"},
		{"summary missing", doc["summary"].(map[string]any)["missing"], "map[academia:1 civil_society:0 environment:1 government:3 industry:1]"},
		{"summary most missing", doc["summary"].(map[string]any)["most_missing"], "government"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(tt.got); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func k0(s string) int {
	var k int
	fmt.Sscan(s, &k)
	return k
}

func ids(v any) string {
	var out []string
	for _, r := range v.([]any) {
		out = append(out, r.(map[string]any)["id"].(string))
	}
	return strings.Join(out, " ")
}

func first(v any) string { return fmt.Sprint(v.([]any)[0]) }

func cutIDs(v any) string {
	var out []string
	for _, c := range v.([]any) {
		c := c.(map[string]any)
		if p, ok := c["partner"]; ok {
			out = append(out, p.(map[string]any)["id"].(string))
			continue
		}
		ps := c["partners"].([]any)
		out = append(out, ps[0].(map[string]any)["id"].(string)+"-"+ps[1].(map[string]any)["id"].(string))
	}
	return strings.Join(out, " ")
}

func brokers(v any) string {
	var out []string
	for _, s := range v.([]any) {
		s := s.(map[string]any)
		ty := s["types"].([]any)
		var b []string
		for _, r := range s["brokers"].([]any) {
			b = append(b, r.(map[string]any)["id"].(string))
		}
		out = append(out, fmt.Sprintf("%s/%s:%s", ty[0], ty[1], strings.Join(b, ",")))
	}
	return strings.Join(out, " ")
}

func TestGapsGolden(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, gapsDoc(t, "", 0)); err != nil {
			t.Fatal(err)
		}
		want := golden(t, "gaps.golden.json", buf.Bytes())
		var g, w any
		if err := json.Unmarshal(buf.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("gaps JSON differs from gaps.golden.json (go test ./report -update rewrites it):\n%s", buf.String())
		}
	})
	t.Run("text", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteGapsText(&buf, gapsDoc(t, "", 5)); err != nil {
			t.Fatal(err)
		}
		want := golden(t, "gaps.golden.txt", buf.Bytes())
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("gaps text differs from gaps.golden.txt (go test ./report -update rewrites it):\n%s", buf.String())
		}
	})
}

func TestGapsText(t *testing.T) {
	tests := []struct {
		name string
		at   string
		top  int
		want []string
		not  []string
	}{
		{"advice", "", 5, []string{
			"Team Warmte (team: innovation_team; in fl)",
			"Target triple: misses government.",
			"1. Gemeente Rivierdorp (government) — 2 steps: via Hogeschool Noord, who works with Universiteit <Oost> & Co in the unit",
			"3 steps: Universiteit <Oost> & Co (in the unit) → Hogeschool Noord → Gemeente Rivierdorp → Provincie Laagland",
			"Gemeente Rivierdorp (government): cuts off government, civil_society, environment (5 partners apart from the rest)",
			"Universiteit <Oost> & Co (academia) holds both ties between academia and industry.",
			"Of unknown helix type, so counted in no type (1): Los Collectief (unknown).",
			"A PLC (professional learning community) is one organisation",
			"Candidates for industry (missing; none linked to the unit yet): Bouw BV, Solo BV, Techniek BV.",
			"look outside it for civil_society partners",
		}, nil},
		// --top 1 shortens each list and says so.
		{"top 1", "", 1, []string{"Candidates for government (missing; best 1 of 2):"}, []string{"Provincie Laagland (government) — "}},
		// Before 2019 no partner is active; without a note (the command
		// adds why) the text says only that.
		{"empty snapshot", "2018", 5, []string{"No partners are active at 2018."}, []string{"Whole ecosystem", "Try a later date"}},
		// In 2020 solo (2021) has not joined: nobody is isolated.
		{"2020", "2020", 5, []string{"10 partners; coverage quintuple"}, []string{"Solo BV"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteGapsText(&buf, gapsDoc(t, tt.at, tt.top)); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("text lacks %q:\n%s", w, buf.String())
				}
			}
			for _, w := range tt.not {
				if strings.Contains(buf.String(), w) {
					t.Errorf("text has %q:\n%s", w, buf.String())
				}
			}
		})
	}
}

// scopesDoc is the gaps document (text top 5) of a small ecosystem whose
// one ecosystem unit, all, holds every partner, with two teams below it:
//
//	uni (academia) - bv (industry) - gem (government)     solo (industry, no tie)
//
// team ok has uni, bv and gem (triple: met); team iso has solo only, who
// has no tie at all (it misses academia and government). all misses civil
// society and environment against its quintuple target, as the whole
// ecosystem does.
func scopesDoc(t *testing.T, onlyGaps bool) GapsJSON {
	t.Helper()
	e := &graph.Ecosystem{
		Name: "scopes",
		Partners: []graph.Partner{
			{ID: "uni", Name: "Universiteit", Helix: graph.Academia}, {ID: "bv", Name: "Bouw BV", Helix: graph.Industry},
			{ID: "gem", Name: "Gemeente", Helix: graph.Government}, {ID: "solo", Name: "Solo BV", Helix: graph.Industry},
		},
		Ties: []graph.Tie{{Source: "uni", Target: "bv", Weight: 1}, {Source: "bv", Target: "gem", Weight: 1}},
		Units: []graph.Unit{
			{ID: "all", Name: "Alles", Level: graph.LevelEcosystem, Form: graph.FormEcosystem},
			{ID: "ok", Name: "Team Ok", Level: graph.LevelTeam, Form: graph.FormInnovationTeam, Parent: "all"},
			{ID: "iso", Name: "Team Iso", Level: graph.LevelTeam, Form: graph.FormInnovationTeam, Parent: "all"},
		},
	}
	for _, m := range [][2]string{{"all", "uni"}, {"all", "bv"}, {"all", "gem"}, {"all", "solo"}, {"ok", "uni"}, {"ok", "bv"}, {"ok", "gem"}, {"iso", "solo"}} {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: m[0], Member: m[1], Role: graph.RoleMember})
	}
	rep, err := analysis.Gaps(context.Background(), e, analysis.New(e, analysis.Options{Ties: analysis.TiesExplicit}), analysis.GapOptions{
		Targets:  map[graph.Level]graph.CoverageClass{graph.LevelEcosystem: graph.Quintuple, graph.LevelFieldlab: graph.Quadruple, graph.LevelTeam: graph.Triple},
		MinShare: 0.10, Top: 5, OnlyGaps: onlyGaps,
	})
	if err != nil {
		t.Fatal(err)
	}
	return GapsJSON{
		GapsMeta:  GapsMeta{Name: e.Name, Source: "test", At: "all", TieSource: "explicit", Targets: gapTargets, MinShare: 0.10, Top: 5, OnlyGaps: onlyGaps},
		GapReport: rep,
	}
}

func TestGapsTextScopes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGapsText(&buf, scopesDoc(t, false)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	// Issue 8: the whole ecosystem's block is printed once, although the
	// ecosystem unit all has the same partners and target.
	if n := strings.Count(text, "4 partners; coverage triple (academia, industry, government). Target quintuple: misses civil_society and environment."); n != 1 {
		t.Errorf("the whole ecosystem's block is printed %d times, want once:\n%s", n, text)
	}
	// Issue 8: iso has no tie, so no path to anyone: it says so and lists
	// the candidates by type only, without a made-up "no path" per
	// candidate.
	for _, want := range []string{
		"all — Alles (ecosystem)\n  Same partners and target as the whole ecosystem: see above.\n",
		"None of its partners has a tie with anyone in the network, so nobody in it can introduce a candidate.",
		"Candidates for academia (missing; by type only): Universiteit.",
		"Candidates for government (missing; by type only): Gemeente.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "no path from the unit's partners") {
		t.Errorf("text lists candidates with no path:\n%s", text)
	}
	// The summary comes first: 3 units, 2 with a gap (all, iso); all and
	// ok reach triple, iso partial.
	sum := strings.Index(text, "Summary\n-------\n")
	if sum < 0 || sum > strings.Index(text, "Whole ecosystem") {
		t.Fatalf("no summary before the whole ecosystem:\n%s", text)
	}
	for _, want := range []string{
		"3 units; coverage reached: 2 triple, 1 partial.",
		"2 units have a gap: a type of their target missing or under-represented.",
		"Most often missing: academia (1 unit), government (1), civil_society (1), environment (1).",
		"1 unit has no ties: none of its partners works with anyone in the network.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}

	// --only-gaps: team ok (no gap) is left out and the heading says so.
	buf.Reset()
	if err := WriteGapsText(&buf, scopesDoc(t, true)); err != nil {
		t.Fatal(err)
	}
	text = buf.String()
	if strings.Contains(text, "ok — Team Ok") || !strings.Contains(text, "iso — Team Iso") ||
		!strings.Contains(text, "Units with a gap (2 of 3; --only-gaps leaves out the others)") {
		t.Errorf("--only-gaps:\n%s", text)
	}
}
