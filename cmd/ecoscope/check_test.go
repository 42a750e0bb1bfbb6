package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// checkJSON runs `ecoscope check --format json` and returns the units by id.
func checkJSON(t *testing.T, env map[string]string, args ...string) (map[string]any, map[string]map[string]any) {
	t.Helper()
	r := ecoscope(t, env, append([]string{"check", "--format", "json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("check JSON: %v\n%s", err, r.stdout)
	}
	units := map[string]map[string]any{}
	for _, u := range doc["units"].([]any) {
		m := u.(map[string]any)
		units[m["id"].(string)] = m
	}
	return doc, units
}

func checkResult(u map[string]any, criterion string) string {
	return u["criteria"].(map[string]any)[criterion].(map[string]any)["result"].(string)
}

// The example (examples/README.md): plc-roc-installatietechniek is one
// organisation (ROC Rivierstad) and cop-warmtepompinstallateurs one
// profession (installatietechniek), so neither is a Learning Community on
// its own; the twelve teams (innovation teams and generative groups) are
// checked like any unit.
func TestCheckExample(t *testing.T) {
	doc, units := checkJSON(t, nil, "--from", example)
	if len(units) != 20 {
		t.Errorf("%d units, want the example's 20", len(units))
	}
	plc := units["plc-roc-installatietechniek"]
	if plc["verdict"] != "not_on_its_own" || checkResult(plc, "interorganisational") != "false" {
		t.Errorf("plc: verdict %v, interorganisational %v; want not_on_its_own, false", plc["verdict"], checkResult(plc, "interorganisational"))
	}
	if got := plc["criteria"].(map[string]any)["interorganisational"].(map[string]any)["organisations"]; got != 1.0 {
		t.Errorf("plc organisations %v, want 1 (ROC Rivierstad)", got)
	}
	cop := units["cop-warmtepompinstallateurs"]
	if cop["verdict"] != "not_on_its_own" || checkResult(cop, "interprofessional") != "false" || checkResult(cop, "interorganisational") != "true" {
		t.Errorf("cop: verdict %v, interprofessional %v, interorganisational %v; want not_on_its_own, false, true",
			cop["verdict"], checkResult(cop, "interprofessional"), checkResult(cop, "interorganisational"))
	}
	for _, u := range []map[string]any{plc, cop} {
		if d := u["decided_by"].([]any); len(d) == 0 || d[0] != "form" {
			t.Errorf("%s decided by %v, want form first", u["id"], d)
		}
	}
	teams := 0
	for id, u := range units {
		if u["level"] != "team" || u["form"] == "plc" || u["form"] == "cop" {
			continue
		}
		teams++
		if v := u["verdict"]; v != "learning_community" && v != "not_on_its_own" && v != "insufficient_data" {
			t.Errorf("%s: verdict %v", id, v)
		}
		// Every team of the example has a fixed term and fixed members.
		if got := checkResult(u, "level_fit"); got != "true" {
			t.Errorf("%s: level fit %s, want true", id, got)
		}
	}
	if teams != 12 {
		t.Errorf("%d teams checked, want 12", teams)
	}
	// ll-natuurinclusief is only government and environment (README):
	// no knowledge institution, no private partner.
	if u := units["ll-natuurinclusief"]; checkResult(u, "public_private") != "false" {
		t.Errorf("ll-natuurinclusief public-private %s, want false", checkResult(u, "public_private"))
	}
	if u := units["lc-energieke-regio"]; u["verdict"] != "learning_community" {
		t.Errorf("the ecosystem: %v, want learning_community", u["verdict"])
	}
	s := doc["summary"].(map[string]any)
	if s["units"] != 20.0 || s["learning_community"].(float64)+s["not_on_its_own"].(float64)+s["insufficient_data"].(float64) != 20 {
		t.Errorf("summary %v does not add up to 20 units", s)
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"Is this a Learning Community?", "form: professional learning community (plc); level: team",
			"form: community of practice (cop); level: team", "form: innovation team; level: team", "form: ecosystem; level: ecosystem", "form: living lab; level: fieldlab",
			"not a Learning Community on its own", "interorganisational", "fits its level"}},
		{"nl", []string{"Is dit een Learning Community?", "vorm: professionele leergemeenschap (plc); niveau: team",
			"vorm: community of practice (cop); niveau: team", "vorm: ecosysteem; niveau: ecosysteem", "vorm: innovatieteam; niveau: team",
			"niveau: fieldlab", "op zichzelf geen Learning Community", "interorganisationeel", "interprofessioneel",
			"publiek-privaat", "maatschappelijk vraagstuk", "past bij niveau"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			r := ecoscope(t, nil, "check", "--from", example, "--lang", tt.lang)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("text lacks %q", w)
				}
			}
		})
	}
	// --lang does not change the JSON.
	en := ecoscope(t, nil, "check", "--from", example, "--format", "json", "--lang", "en")
	nl := ecoscope(t, nil, "check", "--from", example, "--format", "json", "--lang", "nl")
	if en.code != exitOK || en.stdout != nl.stdout {
		t.Errorf("JSON differs with --lang nl (exit %d)", en.code)
	}
}

// TestCheckUnitInherits: with --unit, the units above still lend their
// challenge. The team names none; its ecosystem does.
func TestCheckUnitInherits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lc.json")
	data := `{"partners": [{"id": "uni", "helix": "academia", "kind": "universiteit"}, {"id": "bv", "helix": "industry", "kind": "installateur"}],
  "units": [{"id": "eco", "level": "ecosystem", "challenge": "aardgasvrije wijken"}, {"id": "team", "level": "team", "parent": "eco"}],
  "memberships": [{"unit": "team", "member": "uni"}, {"unit": "team", "member": "bv"}]}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, units := checkJSON(t, nil, "--from", path, "--unit", "team")
	if len(units) != 1 || doc["unit"] != "team" {
		t.Fatalf("units %v, unit %v; want team only", units, doc["unit"])
	}
	ch := units["team"]["criteria"].(map[string]any)["societal_challenge"].(map[string]any)
	if ch["result"] != "true" || ch["source"] != "inherited" || ch["from"] != "eco" {
		t.Errorf("team's challenge %v, want inherited from eco", ch)
	}
	if units["team"]["parent"] != "eco" {
		t.Errorf("team's parent %v, want eco", units["team"]["parent"])
	}
}

func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ecoscope.yaml")
	// 99 organisations: more than the ecosystem's 98 partners.
	if err := os.WriteFile(cfg, []byte("check:\n  min_organisations: 99\n  team_min_stable_share: 0.5\n  min_known_share: 0.6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, units := checkJSON(t, nil, "--config", cfg, "--from", example)
	if u := units["lc-energieke-regio"]; u["verdict"] != "not_on_its_own" || checkResult(u, "interorganisational") != "false" {
		t.Errorf("with min_organisations 99 the ecosystem is %v, interorganisational %s", u["verdict"], checkResult(u, "interorganisational"))
	}
	th := doc["thresholds"].(map[string]any)
	if th["min_organisations"] != 99.0 || th["team_min_stable_share"] != 0.5 || th["min_disciplines"] != 2.0 || th["min_known_share"] != 0.6 {
		t.Errorf("thresholds %v, want 99 organisations, share 0.5, known share 0.6 and the default 2 disciplines", th)
	}

	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("check:\n  team_min_stable_share: 1.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "--config", bad, "check", "--from", example)
	if r.code != exitError || !strings.Contains(r.err, "check.team_min_stable_share") || !strings.Contains(r.err, "bad.yaml") {
		t.Errorf("bad threshold: exit %d, stderr %q", r.code, r.err)
	}
	if err := os.WriteFile(bad, []byte("check:\n  min_known_share: 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = ecoscope(t, nil, "--config", bad, "check", "--from", example)
	if r.code != exitError || !strings.Contains(r.err, "check.min_known_share must be above 0 and at most 1, got 0") {
		t.Errorf("bad known share: exit %d, stderr %q", r.code, r.err)
	}
}

func TestCheckFromStore(t *testing.T) {
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	for _, args := range [][]string{nil, {"--at", "2022"}, {"--unit", "coe-vakmanschap"}} {
		fromStore, _ := checkJSON(t, env, args...)
		fromFiles, _ := checkJSON(t, nil, append([]string{"--from", example}, args...)...)
		delete(fromStore, "source")
		delete(fromFiles, "source")
		if !reflect.DeepEqual(fromStore, fromFiles) {
			t.Errorf("%v: the check from the store differs from the check from files", args)
		}
	}
}

func TestCheckBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad lang", []string{"check", "--from", example, "--lang", "de"}, exitUsage, `"de" is not one of en, nl`},
		{"bad format", []string{"check", "--from", example, "--format", "csv"}, exitUsage, `"csv" is not one of text, json`},
		{"bad date", []string{"check", "--from", example, "--at", "2022-13"}, exitUsage, "--at: invalid date"},
		{"unknown unit", []string{"check", "--from", example, "--unit", "plc-roc-installatietechnik"}, exitError, `unknown unit "plc-roc-installatietechnik"; closest: "plc-roc-installatietechniek"`},
		{"argument", []string{"check", "--from", example, "extra"}, exitUsage, "check takes no arguments"},
		{"no store", []string{"check", "--store", filepath.Join(t.TempDir(), "none.db")}, exitError, "ecoscope import PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", r.code, r.err, tt.code, tt.want)
			}
		})
	}
}

func TestCheckEmpty(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		// The example's first date is lc-energieke-regio's since, 2018-03;
		// team-laadplein runs from 2022-03 to 2023-09 (units.csv).
		{"before the data", []string{"--at", "1990"}, "No partners are active at 1990: the data starts at 2018-03"},
		{"unit not yet active", []string{"--unit", "team-laadplein", "--at", "2020"}, "Unit team-laadplein is not active at 2020: it runs from 2022-03 to 2023-09. Try --at 2022, the nearest date at which it is active."},
		{"dutch", []string{"--at", "1990", "--lang", "nl"}, "Op 1990 zijn geen partners actief: de gegevens beginnen op 2018-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, append([]string{"check", "--from", example}, tt.args...)...)
			if r.code != exitOK || !strings.Contains(r.stdout, tt.want) {
				t.Errorf("exit %d, stdout:\n%s\nwant %q", r.code, r.stdout, tt.want)
			}
		})
	}
	// A data set without units.
	path := filepath.Join(t.TempDir(), "flat.json")
	if err := os.WriteFile(path, []byte(`{"partners": [{"id": "a", "helix": "academia"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "check", "--from", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "The data set has no units: nothing to check") {
		t.Errorf("no units: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCheckHelp(t *testing.T) {
	r := ecoscope(t, nil, "check", "--help")
	if r.code != exitOK || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--lang") {
		t.Errorf("help: exit %d\n%s", r.code, r.stdout)
	}
}
