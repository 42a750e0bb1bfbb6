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
	// 9 units: eco, fl, team-ok, fl-team, eco2 are Learning Communities;
	// plc and cop not on their own; nokind and ghost lack data.
	if want := (CheckSummary{Units: 9, LearningCommunity: 5, NotOnItsOwn: 2, InsufficientData: 2}); r.Summary != want {
		t.Errorf("summary %+v, want %+v", r.Summary, want)
	}
	var buf bytes.Buffer
	if err := WriteCheckJSON(&buf, r); err != nil {
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
			"Verdict: insufficient data (interprofessional)",
			"neither disciplines of people nor kinds of partner known",
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
			"Oordeel: onvoldoende gegevens (interprofessioneel)",
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
	if err := WriteCheckJSON(&buf, r); err != nil {
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
