package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// gapsJSON runs `ecoscope gaps --format json` and returns the document and
// its units by id.
func gapsJSON(t *testing.T, env map[string]string, args ...string) (map[string]any, map[string]map[string]any) {
	t.Helper()
	r := ecoscope(t, env, append([]string{"gaps", "--format", "json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("gaps JSON: %v\n%s", err, r.stdout)
	}
	units := map[string]map[string]any{}
	for _, u := range doc["units"].([]any) {
		m := u.(map[string]any)
		units[m["id"].(string)] = m
	}
	return doc, units
}

func strs(v any) []string {
	out := []string{}
	for _, x := range v.([]any) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func refIDs(v any) []string {
	out := []string{}
	for _, x := range v.([]any) {
		out = append(out, x.(map[string]any)["id"].(string))
	}
	return out
}

// The deliberate facts of the example (examples/README.md), with both tie
// sources: Waterschap Groote Waard is the only partner tied to the ten
// environment organisations (they take part only in ll-natuurinclusief and
// team-peilbeheer, with the water board), so it is an articulation point
// that cuts off environment and the single broker of government and
// environment; team-buurtbatterij is the only team without government;
// hub-waterstof has no civil society (quadruple target); ll-natuurinclusief
// is government and environment only.
func TestGapsExample(t *testing.T) {
	for _, ties := range []string{"all", "explicit"} {
		t.Run(ties, func(t *testing.T) {
			doc, units := gapsJSON(t, nil, "--from", example, "--ties", ties)
			eco := doc["ecosystem"].(map[string]any)
			if eco["partners"] != 154.0 || eco["class"] != "quintuple" {
				t.Errorf("ecosystem: %v partners, class %v; want 154, quintuple", eco["partners"], eco["class"])
			}
			// 10 environment organisations of 154 = 6.5% < 10%.
			if u := eco["underrepresented"].([]any); len(u) != 1 || u[0].(map[string]any)["helix"] != "environment" || u[0].(map[string]any)["partners"] != 10.0 {
				t.Errorf("underrepresented %v, want environment (10)", u)
			}
			var ws map[string]any
			for _, c := range eco["articulation_points"].([]any) {
				if c.(map[string]any)["partner"].(map[string]any)["id"] == "waterschap-groote-waard" {
					ws = c.(map[string]any)
				}
			}
			if ws == nil {
				t.Fatalf("the water board is no articulation point: %v", eco["articulation_points"])
			}
			if got := strs(ws["cut_off_types"]); !slices.Equal(got, []string{"environment"}) {
				t.Errorf("the water board cuts off %v, want [environment]", got)
			}
			// It is listed first: the only one that cuts off a type.
			if first := eco["articulation_points"].([]any)[0].(map[string]any); first["partner"].(map[string]any)["id"] != "waterschap-groote-waard" {
				t.Errorf("first articulation point %v", first)
			}
			found := false
			for _, s := range eco["single_brokers"].([]any) {
				s := s.(map[string]any)
				if slices.Equal(strs(s["types"]), []string{"government", "environment"}) {
					found = true
					if got := refIDs(s["brokers"]); !slices.Equal(got, []string{"waterschap-groote-waard"}) {
						t.Errorf("government–environment brokers %v, want the water board", got)
					}
				}
			}
			if !found {
				t.Errorf("no single broker of government and environment: %v", eco["single_brokers"])
			}
			if got := strs(eco["missing_pairs"]); !slices.Contains(got, "[academia environment]") {
				t.Errorf("missing pairs %v lack academia–environment", got)
			}

			// The team without government gets government candidates from
			// outside it, with a path from one of its partners.
			team := units["team-buurtbatterij"]
			if got := strs(team["missing"]); !slices.Equal(got, []string{"government"}) {
				t.Errorf("team-buurtbatterij misses %v, want [government]", got)
			}
			cands := team["candidates"].([]any)
			if len(cands) != 1 {
				t.Fatalf("team-buurtbatterij: %d candidate lists, want 1", len(cands))
			}
			list := cands[0].(map[string]any)
			// 25 government partners, none in the team; JSON lists all.
			if list["helix"] != "government" || list["reason"] != "missing" || list["total"] != 25.0 || len(list["partners"].([]any)) != 25 {
				t.Errorf("team-buurtbatterij candidates: helix %v, reason %v, total %v, %d listed", list["helix"], list["reason"], list["total"], len(list["partners"].([]any)))
			}
			members := map[string]bool{"buurtbatterij": true, "uni-rivierstad": true, "tu-polderwaard": true,
				"netbeheerder-rivierstreek": true, "gridsense": true, "ec-zandhoven-duurzaam": true}
			prev := 1e300
			for _, c := range list["partners"].([]any) {
				c := c.(map[string]any)
				if c["helix"] != "government" || members[c["id"].(string)] {
					t.Errorf("candidate %v is not government or is in the team", c["id"])
				}
				path := refIDs(c["path"])
				if c["distance"] == nil {
					continue
				}
				if len(path) != int(c["distance"].(float64))+1 || !members[path[0]] || path[len(path)-1] != c["id"] {
					t.Errorf("candidate %v: distance %v, path %v", c["id"], c["distance"], path)
				}
				if s := c["score"].(float64); s > prev {
					t.Errorf("candidate %v: score %v after %v", c["id"], s, prev)
				} else {
					prev = s
				}
			}
			if got := strs(units["hub-waterstof"]["missing"]); !slices.Equal(got, []string{"civil_society"}) {
				t.Errorf("hub-waterstof misses %v, want [civil_society]", got)
			}
			if got := strs(units["ll-natuurinclusief"]["missing"]); !slices.Equal(got, []string{"academia", "industry", "civil_society"}) {
				t.Errorf("ll-natuurinclusief misses %v", got)
			}
			// No target for the PLC and the CoP.
			for _, id := range []string{"plc-roc-installatietechniek", "cop-warmtepompinstallateurs"} {
				if units[id]["target"] != "none" || len(units[id]["candidates"].([]any)) != 0 {
					t.Errorf("%s: target %v, candidates %v", id, units[id]["target"], units[id]["candidates"])
				}
			}
			if ties == "explicit" {
				// The three partners with no tie at all.
				want := []string{"gemeente-hoogeberg", "prins-steigerbouw", "seniorenvereniging-zandhoven"}
				if got := refIDs(eco["isolated"]); !slices.Equal(got, want) {
					t.Errorf("isolated %v, want %v", got, want)
				}
			}
		})
	}
}

func TestGapsText(t *testing.T) {
	r := ecoscope(t, nil, "gaps", "--from", example)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	for _, want := range []string{
		"Whole ecosystem",
		"Waterschap Groote Waard (government): cuts off environment",
		"Waterschap Groote Waard (government) holds all 8 ties between government and environment.",
		"team-buurtbatterij — Innovatieteam Buurtbatterij Zandhoven (team: innovation_team; in ll-slimme-netten)",
		"Target triple: misses government.",
		"Candidates for government (missing; best 5 of 25):",
		"Target quadruple: misses civil_society.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// The whole ecosystem comes first.
	if i, j := strings.Index(r.stdout, "Whole ecosystem"), strings.Index(r.stdout, "team-buurtbatterij"); i < 0 || j < i {
		t.Errorf("the whole ecosystem is not first")
	}
	// Each candidate list has at most 5 entries in text by default.
	if strings.Contains(r.stdout, "      6. ") {
		t.Errorf("a text candidate list is longer than 5")
	}
	r = ecoscope(t, nil, "gaps", "--from", example, "--top", "2", "--unit", "ll-slimme-netten")
	if r.code != exitOK || !strings.Contains(r.stdout, "best 2 of 25") || strings.Contains(r.stdout, " 3. ") || strings.Contains(r.stdout, "hub-waterstof") {
		t.Errorf("--top 2 --unit ll-slimme-netten: exit %d\n%s", r.code, r.stdout)
	}
}

func TestGapsUnitAndTop(t *testing.T) {
	// --unit reports the unit and the units below it; candidates still
	// come from the whole network.
	doc, units := gapsJSON(t, nil, "--from", example, "--unit", "ll-slimme-netten", "--top", "3")
	var ids []string
	for id := range units {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if want := []string{"gg-energiedelen", "ll-slimme-netten", "team-buurtbatterij", "team-laadplein"}; !slices.Equal(ids, want) {
		t.Errorf("units %v, want %v", ids, want)
	}
	if doc["unit"] != "ll-slimme-netten" || doc["top"] != 3.0 || doc["ecosystem"].(map[string]any)["partners"] != 154.0 {
		t.Errorf("unit %v, top %v, ecosystem partners %v", doc["unit"], doc["top"], doc["ecosystem"].(map[string]any)["partners"])
	}
	list := units["team-buurtbatterij"]["candidates"].([]any)[0].(map[string]any)
	if n := len(list["partners"].([]any)); n != 3 || list["total"] != 25.0 {
		t.Errorf("--top 3: %d candidates of %v", n, list["total"])
	}
	// The same head as without --top.
	_, all := gapsJSON(t, nil, "--from", example, "--unit", "team-buurtbatterij")
	full := all["team-buurtbatterij"]["candidates"].([]any)[0].(map[string]any)["partners"].([]any)
	if !reflect.DeepEqual(list["partners"], full[:3]) {
		t.Errorf("--top 3 is not the head of the full list:\n%v\n%v", list["partners"], full[:3])
	}

	// A unit not active at the date: nothing to report, said so.
	r := ecoscope(t, nil, "gaps", "--from", example, "--unit", "team-laadplein", "--at", "2020")
	if r.code != exitOK || !strings.Contains(r.stdout, "Unit team-laadplein is not active at 2020") {
		t.Errorf("inactive unit: exit %d\n%s", r.code, r.stdout)
	}
	// Before the data (its first date is lc-energieke-regio's since,
	// 2018-03, in units.csv): an empty snapshot, said why on both streams.
	r = ecoscope(t, nil, "gaps", "--from", example, "--at", "2010")
	const why = "No partners are active at 2010: the data starts at 2018-03"
	if r.code != exitOK || !strings.Contains(r.stdout, why) || !strings.Contains(r.err, why) {
		t.Errorf("empty snapshot: exit %d\n%s\n%s", r.code, r.stdout, r.err)
	}
	doc, _ = gapsJSON(t, nil, "--from", example, "--at", "2010")
	if doc["ecosystem"].(map[string]any)["partners"] != 0.0 || len(doc["units"].([]any)) != 0 {
		t.Errorf("empty snapshot JSON: %v", doc)
	}

	// --out writes the file.
	out := filepath.Join(t.TempDir(), "gaps.json")
	r = ecoscope(t, nil, "gaps", "--from", example, "--format", "json", "--out", out)
	if b, err := os.ReadFile(out); r.code != exitOK || err != nil || !json.Valid(b) {
		t.Errorf("--out: exit %d, %v", r.code, err)
	}
}

func TestGapsFromStore(t *testing.T) {
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	for _, args := range [][]string{nil, {"--at", "2022"}, {"--unit", "hub-waterstof", "--ties", "explicit"}} {
		fromStore, _ := gapsJSON(t, env, args...)
		fromFiles, _ := gapsJSON(t, nil, append([]string{"--from", example}, args...)...)
		delete(fromStore, "source")
		delete(fromFiles, "source")
		if !reflect.DeepEqual(fromStore, fromFiles) {
			t.Errorf("%v: gaps from the store differ from gaps from files", args)
		}
	}
}

func TestGapsConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A team target of quadruple; the other levels keep their defaults.
	// team-laadplein is academia, industry and government: it now misses
	// civil society. min_share 0 turns under-representation off.
	cfg := write("ok.yaml", "gaps:\n  targets:\n    team: quadruple\n    living_lab: quintuple\n  min_share: 0\n")
	doc, units := gapsJSON(t, nil, "--config", cfg, "--from", example)
	targets := doc["targets"].(map[string]any)
	if targets["team"] != "quadruple" || targets["ecosystem"] != "quintuple" || targets["fieldlab"] != "quadruple" || targets["plc"] != "none" || targets["living_lab"] != "quintuple" {
		t.Errorf("targets %v", targets)
	}
	if got := strs(units["team-laadplein"]["missing"]); !slices.Equal(got, []string{"civil_society"}) {
		t.Errorf("team-laadplein misses %v with a quadruple target, want [civil_society]", got)
	}
	// A living lab's form target overrides its level: ll-slimme-netten
	// (four types, no environment) misses environment.
	if got := strs(units["ll-slimme-netten"]["missing"]); !slices.Equal(got, []string{"environment"}) {
		t.Errorf("ll-slimme-netten misses %v with a quintuple target, want [environment]", got)
	}
	if u := doc["ecosystem"].(map[string]any)["underrepresented"].([]any); len(u) != 0 || doc["min_share"] != 0.0 {
		t.Errorf("min_share 0: underrepresented %v", u)
	}

	tests := []struct {
		name, body string
		want       []string
	}{
		{"misspelt target", "gaps:\n  targets:\n    team: tripel\n", []string{"bad.yaml", "gaps.targets.team", `"tripel" is not a target`, `did you mean "triple"`}},
		{"unknown level", "gaps:\n  targets:\n    teams: triple\n", []string{"gaps.targets.teams: not a level or form", `did you mean "team"`}},
		{"partial", "gaps:\n  targets:\n    team: partial\n", []string{"gaps.targets.team", `"partial" is not a target`}},
		{"share too big", "gaps:\n  min_share: 1.5\n", []string{"gaps.min_share: 1.5 is not a share"}},
		{"negative share", "gaps:\n  min_share: -0.1\n", []string{"gaps.min_share: -0.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := write("bad.yaml", tt.body)
			r := ecoscope(t, nil, "--config", bad, "gaps", "--from", example)
			if r.code != exitError {
				t.Errorf("exit %d, want %d; stderr %q", r.code, exitError, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr %q lacks %q", r.err, w)
				}
			}
		})
	}
}

func TestGapsBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown unit", []string{"--unit", "team-buurtbatery"}, exitError, `unknown unit "team-buurtbatery"; closest: "team-buurtbatterij"`},
		{"bad format", []string{"--format", "csv"}, exitUsage, `"csv" is not one of text, json`},
		{"bad ties", []string{"--ties", "some"}, exitUsage, `"some" is not one of explicit, units, all`},
		{"negative top", []string{"--top", "-1"}, exitUsage, "--top must be 0 (all) or more"},
		{"bad date", []string{"--at", "2022-13"}, exitUsage, "--at: invalid date"},
		{"argument", []string{"extra"}, exitUsage, "gaps takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, append([]string{"gaps", "--from", example}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", r.code, r.err, tt.code, tt.want)
			}
			if tt.code == exitUsage && !strings.Contains(r.err, "Usage:") {
				t.Errorf("usage error without usage: %q", r.err)
			}
		})
	}
	r := ecoscope(t, nil, "gaps", "--store", filepath.Join(t.TempDir(), "none.db"))
	if r.code != exitError || !strings.Contains(r.err, "ecoscope import PATH") {
		t.Errorf("no store: exit %d, %q", r.code, r.err)
	}
}

// An unknown helix type is never dropped: the partner is listed apart.
func TestGapsUnknownHelix(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.json")
	body := `{"partners": [{"id": "a", "helix": "academia"}, {"id": "x", "name": "Zonder Type"}, {"id": "i", "helix": "industry"}],
	  "ties": [{"source": "a", "target": "x"}, {"source": "x", "target": "i"}]}`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, _ := gapsJSON(t, nil, "--from", path)
	eco := doc["ecosystem"].(map[string]any)
	if got := refIDs(eco["unknown"]); !slices.Equal(got, []string{"x"}) {
		t.Errorf("unknown %v, want [x]", got)
	}
	if eco["partners"] != 3.0 || eco["helix_counts"].(map[string]any)["unknown"] != 1.0 {
		t.Errorf("partners %v, helix counts %v", eco["partners"], eco["helix_counts"])
	}
	// x is the articulation point between a and i; the pieces {a} and {i}
	// are equally large, so nothing is cut off.
	if got := eco["articulation_points"].([]any); len(got) != 1 || len(got[0].(map[string]any)["cut_off_types"].([]any)) != 0 {
		t.Errorf("articulation points %v", got)
	}
	r := ecoscope(t, nil, "gaps", "--from", path)
	if !strings.Contains(r.stdout, "Of unknown helix type, so counted in no type (1): Zonder Type (unknown)") {
		t.Errorf("text does not list the partner of unknown type:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "The data set has no units.") {
		t.Errorf("text does not say there are no units:\n%s", r.stdout)
	}
}

func TestGapsHelp(t *testing.T) {
	r := ecoscope(t, nil, "gaps", "--help")
	if r.code != exitOK || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--top") || !strings.Contains(r.stdout, "docs/gaps.md") {
		t.Errorf("help: exit %d\n%s", r.code, r.stdout)
	}
	// The examples show the flags for large data sets.
	_, ex, _ := strings.Cut(r.stdout, "Examples:")
	ex, _, _ = strings.Cut(ex, "Flags:")
	if !strings.Contains(ex, "--only-gaps") || !strings.Contains(ex, "--top 2") || !strings.Contains(ex, ".summary") {
		t.Errorf("help examples lack --only-gaps, --top or the summary:\n%s", ex)
	}
}

// On a generated ecosystem of 3,000 partners, listing every candidate of
// every unit would write some 270,000 entries: without --top, JSON refuses
// and says how to proceed; with --top the lists are short.
func TestGapsTooManyCandidates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "g3k")
	if r := ecoscope(t, nil, "generate", "--partners", "3000", "--seed", "1", "--out", dir); r.code != exitOK {
		t.Fatalf("generate: %s", r.err)
	}
	r := ecoscope(t, nil, "gaps", "--from", dir, "--format", "json")
	if r.code != exitError || !strings.Contains(r.err, "more than 100000: give --top N") {
		t.Errorf("without --top: exit %d, %q", r.code, r.err)
	}
	doc, _ := gapsJSON(t, nil, "--from", dir, "--top", "2")
	for _, u := range doc["units"].([]any) {
		for _, c := range u.(map[string]any)["candidates"].([]any) {
			if n := len(c.(map[string]any)["partners"].([]any)); n > 2 {
				t.Fatalf("--top 2: a list of %d", n)
			}
		}
	}
	// Text is not bounded this way: it lists 5 per type by default.
	if r := ecoscope(t, nil, "gaps", "--from", dir); r.code != exitOK {
		t.Errorf("text: exit %d, %s", r.code, r.err)
	}
}

// TestGapsOnlyGaps: --only-gaps keeps the units with a missing or
// under-represented type, in text and JSON; the summary, first in the
// text, still counts every unit, and JSON and text say the same.
func TestGapsOnlyGaps(t *testing.T) {
	doc, units := gapsJSON(t, nil, "--from", example, "--top", "1")
	onlyDoc, only := gapsJSON(t, nil, "--from", example, "--top", "1", "--only-gaps")
	hasGap := func(u map[string]any) bool {
		return len(u["missing"].([]any)) > 0 || len(u["underrepresented"].([]any)) > 0
	}
	want := 0
	for id, u := range units {
		if hasGap(u) {
			want++
			if only[id] == nil {
				t.Errorf("--only-gaps leaves out %s, which misses %v", id, u["missing"])
			}
		} else if only[id] != nil {
			t.Errorf("--only-gaps keeps %s, which has no gap", id)
		}
	}
	sum := doc["summary"].(map[string]any)
	if want == 0 || want == len(units) || sum["units_with_gaps"] != float64(want) || sum["units"] != float64(len(units)) {
		t.Errorf("summary %v; %d of %d units have a gap", sum, want, len(units))
	}
	if !reflect.DeepEqual(onlyDoc["summary"], sum) || onlyDoc["only_gaps"] != true || doc["only_gaps"] != false {
		t.Errorf("--only-gaps: summary %v (want %v), only_gaps %v", onlyDoc["summary"], sum, onlyDoc["only_gaps"])
	}
	// team-buurtbatterij is the only team without government (see
	// TestGapsExample): the missing count of government says at least 1.
	if m := sum["missing"].(map[string]any); m["government"].(float64) < 1 || len(m) != 5 {
		t.Errorf("summary missing %v", m)
	}

	r := ecoscope(t, nil, "gaps", "--from", example, "--only-gaps")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	head := fmt.Sprintf("Units with a gap (%d of %d; --only-gaps leaves out the others)", want, len(units))
	if i, j := strings.Index(r.stdout, "Summary\n"), strings.Index(r.stdout, "Whole ecosystem"); i < 0 || j < i || !strings.Contains(r.stdout, head) {
		t.Errorf("text: no summary first or no heading %q:\n%s", head, r.stdout)
	}
	if !strings.Contains(r.stdout, fmt.Sprintf("%d units have a gap", want)) {
		t.Errorf("text summary lacks %d units with a gap", want)
	}
}
