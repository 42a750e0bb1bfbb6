package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// testdata/check.json is the hand-built ecosystem of analysis's TestCheck,
// where every verdict and criterion is worked out: a plc in one
// organisation, a cop of one profession, a proper team, a fieldlab that
// behaves like a team, an ecosystem with too few helix types, a unit with
// no people and no kinds, challenges inherited from the parent. The golden
// files hold the report of those answers.
func checkLoad(t *testing.T, path string) *graph.Ecosystem {
	t.Helper()
	e, _, err := importers.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func checkBuild(t *testing.T, e *graph.Ecosystem, m Meta, opts analysis.CheckOptions) CheckReport {
	t.Helper()
	r, err := BuildCheck(e, m, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checkSameJSON compares two JSON documents as parsed values.
func checkSameJSON(t *testing.T, got, want []byte) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("golden file is not JSON: %v", err)
	}
	return reflect.DeepEqual(g, w)
}

func TestCheckJSONGolden(t *testing.T) {
	r := checkBuild(t, checkLoad(t, "testdata/check.json"), Meta{Source: "testdata/check.json"}, analysis.DefaultCheckOptions())
	// 9 units: eco, fl, team-ok, fl-team, nokind (by the helix types of
	// its partners), eco2 are Learning Communities; plc and cop not on
	// their own; ghost lacks data.
	if want := (CheckSummary{Units: 9, LearningCommunity: 6, NotOnItsOwn: 2, InsufficientData: 1}); r.Summary != want {
		t.Errorf("summary %+v, want %+v", r.Summary, want)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if want := golden(t, "check.golden.json", buf.Bytes()); !checkSameJSON(t, buf.Bytes(), want) {
		t.Errorf("check JSON differs from check.golden.json:\n%s", buf.String())
	}
	// The keys are documented in docs/check.md.
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "at", "partners", "thresholds", "summary", "units"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("check JSON lacks %q", k)
		}
	}
	unit := doc["units"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "name", "level", "form", "parent", "verdict", "decided_by", "criteria", "suggestion"} {
		if _, ok := unit[k]; !ok {
			t.Errorf("unit lacks %q", k)
		}
	}
	criteria := unit["criteria"].(map[string]any)
	for _, k := range []string{"interorganisational", "interprofessional", "public_private", "societal_challenge", "level_fit"} {
		c, ok := criteria[k].(map[string]any)
		if !ok {
			t.Errorf("criteria lack %q", k)
			continue
		}
		if res := c["result"]; res != "true" && res != "false" && res != "unknown" {
			t.Errorf("%s result %v, want the string true, false or unknown", k, res)
		}
	}
	// The evidence of interprofessional: the keys from before issue 8 and
	// those it added (docs/check.md).
	ip := criteria["interprofessional"].(map[string]any)
	for _, k := range []string{"basis", "people", "people_without_discipline", "disciplines", "partners_without_kind", "kinds",
		"backgrounds", "bases", "known_partners", "known_share", "helix_represented", "partners"} {
		if _, ok := ip[k]; !ok {
			t.Errorf("interprofessional lacks %q", k)
		}
	}
	for _, k := range []string{"discipline", "kind", "helix", "unknown"} {
		if _, ok := ip["bases"].(map[string]any)[k]; !ok {
			t.Errorf("interprofessional bases lack %q", k)
		}
	}
	if _, ok := doc["thresholds"].(map[string]any)["min_known_share"]; !ok {
		t.Error("thresholds lack min_known_share")
	}
}

func TestCheckTextGolden(t *testing.T) {
	r := checkBuild(t, checkLoad(t, "testdata/check.json"), Meta{Source: "testdata/check.json"}, analysis.DefaultCheckOptions())
	for _, tt := range []struct {
		lang CheckLang
		file string
		want []string
	}{
		{CheckEnglish, "check.golden.txt", []string{
			"Is this a Learning Community?",
			"form: professional learning community (plc); level: team; below fl",
			"Verdict: not a Learning Community on its own (a professional learning community (plc) is not a Learning Community on its own; interorganisational; public-private)",
			"form: community of practice (cop); level: team",
			`"aardgasvrije wijken" (inherited from eco)`,
			"Suggestion: a fixed composition (3 of 3 memberships stable) with a fixed term (2022-01 to 2022-12): fits team better than fieldlab",
			"Verdict: insufficient data (interorganisational; interprofessional; public-private)",
			"interprofessional    no       1 background(s): installatietechniek (discipline, 3 partners); partners judged by: the disciplines of their people 3; 3 of 3 known by discipline or kind (100%)",
			"2 background(s): academia (helix type, 1 partner), industry (helix type, 1 partner); partners judged by: helix type only 2",
		}},
		{CheckDutch, "check-nl.golden.txt", []string{
			"Is dit een Learning Community?",
			"vorm: professionele leergemeenschap (plc); niveau: team; onder fl",
			"Oordeel: op zichzelf geen Learning Community (een professionele leergemeenschap (plc) is op zichzelf geen Learning Community; interorganisationeel; publiek-privaat)",
			"vorm: community of practice (cop); niveau: team",
			"vorm: ecosysteem; niveau: ecosysteem",
			"interorganisationeel", "interprofessioneel", "publiek-privaat", "maatschappelijk vraagstuk", "past bij niveau",
			`"aardgasvrije wijken" (overgenomen van eco)`,
			"Suggestie: een vaste samenstelling (3 van 3 lidmaatschappen stabiel) met een vaste looptijd (2022-01 tot 2022-12): past beter bij team dan bij fieldlab",
			"Suggestie: een wisselende samenstelling (1 van 2 lidmaatschappen stabiel): past beter bij fieldlab dan bij ecosysteem",
			"Oordeel: onvoldoende gegevens (interorganisationeel; interprofessioneel; publiek-privaat)",
			"1 achtergrond(en): installatietechniek (discipline, 3 partners); partners beoordeeld op: de disciplines van hun mensen 3; 3 van 3 bekend op discipline of soort (100%)",
		}},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCheckText(&buf, r, tt.lang); err != nil {
				t.Fatal(err)
			}
			if want := golden(t, tt.file, buf.Bytes()); !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("text differs from %s:\n%s", tt.file, buf.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("text lacks %q", w)
				}
			}
		})
	}
	if err := WriteCheckText(&bytes.Buffer{}, r, "de"); err == nil {
		t.Error("language de: no error")
	}
}

func TestCheckTextEmpty(t *testing.T) {
	e := checkLoad(t, "testdata/check.json")
	tests := []struct {
		name string
		e    *graph.Ecosystem
		at   string
		want string
	}{
		{"no units", &graph.Ecosystem{Partners: e.Partners}, "", "The data set has no units: nothing to check"},
		{"no partners at a date", &graph.Ecosystem{}, "1999", "No partners are active at 1999"},
		{"no units at a date", &graph.Ecosystem{Partners: e.Partners}, "2021", "No units are active at 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, _ := graph.ParseDate(tt.at)
			r := checkBuild(t, tt.e, Meta{At: at}, analysis.DefaultCheckOptions())
			var buf bytes.Buffer
			if err := WriteCheckText(&buf, r, CheckEnglish); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, buf.String())
			}
		})
	}
	// JSON: units is an empty list, not null.
	r := checkBuild(t, &graph.Ecosystem{}, Meta{}, analysis.DefaultCheckOptions())
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"units": []`) {
		t.Errorf("empty check JSON:\n%s", buf.String())
	}
}

// TestCheckTextNamesForm: a unit at the team level is described by its own
// form, never by the default form of its level (issue 8: a plc was shown
// as "level: innovation team"). The level is named as a level.
func TestCheckTextNamesForm(t *testing.T) {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{{ID: "roc", Helix: graph.Academia}},
		Units: []graph.Unit{
			{ID: "plc", Form: graph.FormPLC},
			{ID: "cop", Form: graph.FormCoP},
			{ID: "gg", Form: graph.FormGenerativeGroup},
			{ID: "it", Form: graph.FormInnovationTeam},
		},
		Memberships: []graph.Membership{{Unit: "plc", Member: "roc"}},
	}
	if err := e.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	r := checkBuild(t, e, Meta{}, analysis.DefaultCheckOptions())
	tests := []struct {
		lang CheckLang
		unit string
		want string
	}{
		{CheckEnglish, "plc", "form: professional learning community (plc); level: team"},
		{CheckEnglish, "cop", "form: community of practice (cop); level: team"},
		{CheckEnglish, "gg", "form: generative group; level: team"},
		{CheckEnglish, "it", "form: innovation team; level: team"},
		{CheckDutch, "plc", "vorm: professionele leergemeenschap (plc); niveau: team"},
		{CheckDutch, "cop", "vorm: community of practice (cop); niveau: team"},
		{CheckDutch, "gg", "vorm: generatieve groep; niveau: team"},
		{CheckDutch, "it", "vorm: innovatieteam; niveau: team"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.unit, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCheckText(&buf, r, tt.lang); err != nil {
				t.Fatal(err)
			}
			// The block of the unit: from its title to the next blank line.
			text := buf.String()
			i := strings.Index(text, "\n"+tt.unit+"\n")
			if i < 0 {
				t.Fatalf("no block for unit %s:\n%s", tt.unit, text)
			}
			block, _, _ := strings.Cut(text[i+1:], "\n\n")
			if !strings.Contains(block, tt.want) {
				t.Errorf("unit %s: text lacks %q:\n%s", tt.unit, tt.want, block)
			}
			if tt.unit != "it" && (strings.Contains(block, "innovation team") || strings.Contains(block, "innovatieteam")) {
				t.Errorf("unit %s is described as an innovation team:\n%s", tt.unit, block)
			}
		})
	}
}

// TestCheckTextInterprofessional: the text names the basis each partner is
// judged on, with counts, and why a criterion is unknown. "eco" is the
// ecosystem of issue 8: 3 teachers of one school (roc) and 7 partners known
// only by their helix types (analysis's TestCheckInterprofessionalIssue8
// works it out); "same" two companies of unknown kind.
func TestCheckTextInterprofessional(t *testing.T) {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "roc", Helix: graph.Academia, Kind: "mbo"}, {ID: "uni", Helix: graph.Academia},
			{ID: "bv1", Helix: graph.Industry}, {ID: "bv2", Helix: graph.Industry},
			{ID: "gem", Helix: graph.Government}, {ID: "prov", Helix: graph.Government},
			{ID: "coop", Helix: graph.CivilSociety}, {ID: "natuur", Helix: graph.Environment},
		},
		People: []graph.Person{
			{ID: "t1", Partner: "roc", Discipline: "onderwijskunde"}, {ID: "t2", Partner: "roc", Discipline: "onderwijskunde"},
			{ID: "t3", Partner: "roc", Discipline: "onderwijskunde"},
		},
		Units: []graph.Unit{{ID: "eco", Level: graph.LevelEcosystem, Challenge: "aardgasvrije wijken"}, {ID: "same", Level: graph.LevelTeam}},
	}
	for _, m := range []string{"t1", "t2", "t3", "uni", "bv1", "bv2", "gem", "prov", "coop", "natuur"} {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "eco", Member: m})
	}
	e.Memberships = append(e.Memberships, graph.Membership{Unit: "same", Member: "bv1"}, graph.Membership{Unit: "same", Member: "bv2"})
	if err := e.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	r := checkBuild(t, e, Meta{}, analysis.DefaultCheckOptions())
	tests := []struct {
		lang CheckLang
		want string
	}{
		{CheckEnglish, "interprofessional    yes      5 background(s): government (helix type, 2 partners), industry (helix type, 2 partners), " +
			"civil society (helix type, 1 partner), environment (helix type, 1 partner), onderwijskunde (discipline, 1 partner); " +
			"partners judged by: the disciplines of their people 1, helix type only 7; 1 known only by a helix type already represented\n"},
		// 0 of 2 known by discipline or kind, under the default 80 %.
		{CheckEnglish, "interprofessional    unknown  1 background(s): industry (helix type, 2 partners); partners judged by: helix type only 2; " +
			"0 of 2 known by discipline or kind (0%, under 80%)\n"},
		{CheckDutch, "5 achtergrond(en): overheid (helixtype, 2 partners), bedrijfsleven (helixtype, 2 partners), " +
			"maatschappelijke organisaties en burgers (helixtype, 1 partner), natuur en milieu (helixtype, 1 partner), onderwijskunde (discipline, 1 partner); " +
			"partners beoordeeld op: de disciplines van hun mensen 1, alleen helixtype 7; 1 alleen bekend op een helixtype dat al vertegenwoordigd is\n"},
		{CheckDutch, "1 achtergrond(en): bedrijfsleven (helixtype, 2 partners); partners beoordeeld op: alleen helixtype 2; " +
			"0 van 2 bekend op discipline of soort (0%, minder dan 80%)\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteCheckText(&buf, r, tt.lang); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.want) {
			t.Errorf("%s text lacks %q:\n%s", tt.lang, tt.want, buf.String())
		}
	}
}
