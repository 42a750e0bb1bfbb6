package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// growthJSON runs a command that writes JSON and parses it.
func growthJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	r := ecoscope(t, nil, args...)
	if r.code != exitOK {
		t.Fatalf("%v: exit %d, stderr:\n%s", args, r.code, r.err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, r.stdout)
	}
	return m
}

// TestGrowthExample checks the yearly series of the example against the
// partners active that examples/README.md gives: 18 in 2018, 40 in 2019, 81
// in 2021, 133 in 2024 and 149 in 2026, rising every year.
func TestGrowthExample(t *testing.T) {
	m := growthJSON(t, "growth", "--from", example, "--from-date", "2018", "--to-date", "2026", "--format", "json")
	if m["every"] != "year" || m["from"] != "2018" || m["to"] != "2026" || m["tie_source"] != "all" {
		t.Errorf("meta: got every %v from %v to %v ties %v; want year, 2018, 2026, all", m["every"], m["from"], m["to"], m["tie_source"])
	}
	rows := m["snapshots"].([]any)
	if len(rows) != 9 {
		t.Fatalf("got %d snapshots, want 9 (2018-2026)", len(rows))
	}
	readme := map[string]float64{"2018": 18, "2019": 40, "2021": 81, "2024": 133, "2026": 149}
	prev := 0.0
	for _, x := range rows {
		r := x.(map[string]any)
		n := r["partners"].(float64)
		if want, ok := readme[r["date"].(string)]; ok && n != want {
			t.Errorf("%s: got %v partners, want %v", r["date"], n, want)
		}
		if n <= prev {
			t.Errorf("%s: %v partners, not more than the %v of the year before", r["date"], n, prev)
		}
		prev = n
	}
	// The first row counts every partner as new.
	if first := rows[0].(map[string]any); first["new_partners"] != 18.0 || first["left_partners"] != 0.0 {
		t.Errorf("2018: new %v, left %v; want 18 and 0", first["new_partners"], first["left_partners"])
	}

	// The defaults span the data: the earliest date is 2018-03, the latest 2026.
	d := growthJSON(t, "growth", "--from", example, "--format", "json")
	if d["from"] != "2018" || d["to"] != "2026" {
		t.Errorf("default range: got %v to %v, want 2018 to 2026", d["from"], d["to"])
	}
}

// TestGrowthMatchesMetrics checks that each row equals `ecoscope metrics
// --at DATE --ties X` for that date, for every tie source, by year and by
// month, with and without --unit.
func TestGrowthMatchesMetrics(t *testing.T) {
	fields := []string{"partners", "ties", "density", "components", "largest_component_share", "average_degree",
		"blau_index", "helix_integration", "ei_index", "public_private_tie_share"}
	tests := []struct {
		every, from, to string
		unit            string
		dates           []string
	}{
		{"year", "2018", "2026", "", []string{"2019", "2022", "2025"}},
		{"month", "2022-01", "2022-06", "", []string{"2022-03", "2022-06"}},
		{"year", "2019", "2024", "ll-slimme-netten", []string{"2019", "2021", "2024"}},
	}
	for _, tt := range tests {
		for _, ties := range []string{"explicit", "units", "all"} {
			t.Run(tt.every+"/"+ties+"/"+tt.unit, func(t *testing.T) {
				args := []string{"growth", "--from", example, "--every", tt.every, "--from-date", tt.from, "--to-date", tt.to, "--ties", ties, "--format", "json"}
				if tt.unit != "" {
					args = append(args, "--unit", tt.unit)
				}
				rows := map[string]map[string]any{}
				for _, x := range growthJSON(t, args...)["snapshots"].([]any) {
					r := x.(map[string]any)
					rows[r["date"].(string)] = r
				}
				for _, at := range tt.dates {
					margs := []string{"metrics", "--from", example, "--at", at, "--ties", ties, "--permutations", "1"}
					if tt.unit != "" {
						margs = append(margs, "--unit", tt.unit)
					}
					want := growthJSON(t, margs...)
					got, ok := rows[at]
					if !ok {
						t.Fatalf("no snapshot %s", at)
					}
					for _, f := range fields {
						if got[f] != want[f] {
							t.Errorf("%s %s: growth %v, metrics %v", at, f, got[f], want[f])
						}
					}
					if cov := want["helix_coverage"].(map[string]any); got["helix_coverage"] != cov["class"] {
						t.Errorf("%s helix_coverage: growth %v, metrics %v", at, got["helix_coverage"], cov["class"])
					}
				}
			})
		}
	}
}

func TestGrowthTextAndCSV(t *testing.T) {
	r := ecoscope(t, nil, "growth", "--from", example, "--from-date", "2018", "--to-date", "2020")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	for _, want := range []string{"Snapshots: every year from 2018 to 2020 (3); ties: all", "date  partners  new  left",
		"  2018        18   18", "partners     18 → 59 (+41)", "coverage     quadruple in 2018"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, r.stdout)
		}
	}

	out := filepath.Join(t.TempDir(), "growth.csv")
	r = ecoscope(t, nil, "growth", "--from", example, "--every", "quarter", "--from-date", "2021", "--to-date", "2021", "--format", "csv", "--out", out)
	if r.code != exitOK {
		t.Fatalf("csv: exit %d: %s", r.code, r.err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "date,start,end,partners,ties,") || !strings.HasPrefix(lines[1], "2021-Q1,2021-01-01,2021-03-31,") ||
		!strings.HasSuffix(lines[0], "new_civil_society,new_environment,new_unknown") {
		t.Errorf("csv: got %d lines:\n%s", len(lines), b)
	}
}

// TestDiffExample compares the example at 2019 and 2025. From
// examples/README.md and the CSV files:
//
//   - units active in 2025 and not in 2019: hub-waterstof (2020-06),
//     ll-natuurinclusief (2021-04), cop-warmtepompinstallateurs (2021-01),
//     plc-roc-installatietechniek (2020-02), team-wijkwarmteplan-lindenhof
//     (2024-09), team-waterstof-opleiding (2024-10), gg-energiedelen
//     (2025-01): 7 created; team-warmtenet-zonnedael (2019-03 – 2020-09) is
//     the only unit of 2019 gone by 2025.
//   - the first environment partners join in 2021-04: coverage goes from
//     quadruple to quintuple, gaining environment.
//   - tu-polderwaard joins in 2020-02; stroomkracht (2019-08 – 2022-10)
//     and bakker-installatietechniek (to 2022-12) leave.
func TestDiffExample(t *testing.T) {
	m := growthJSON(t, "diff", "--from", example, "--at", "2019", "--at", "2025", "--format", "json")
	ids := func(key string) []string {
		var out []string
		for _, x := range m[key].([]any) {
			out = append(out, x.(map[string]any)["id"].(string))
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids("units_created"), []string{"cop-warmtepompinstallateurs", "gg-energiedelen", "hub-waterstof", "ll-natuurinclusief",
		"plc-roc-installatietechniek", "team-waterstof-opleiding", "team-wijkwarmteplan-lindenhof"}; !slices.Equal(got, want) {
		t.Errorf("units created: got %v, want %v", got, want)
	}
	if got := ids("units_ended"); !slices.Equal(got, []string{"team-warmtenet-zonnedael"}) {
		t.Errorf("units ended: got %v, want team-warmtenet-zonnedael", got)
	}
	if got := ids("partners_left"); !slices.Equal(got, []string{"bakker-installatietechniek", "stroomkracht"}) {
		t.Errorf("partners left: got %v", got)
	}
	joined := ids("partners_joined")
	if !slices.Contains(joined, "tu-polderwaard") || slices.Contains(joined, "uni-rivierstad") {
		t.Errorf("partners joined: got %v, want tu-polderwaard in and uni-rivierstad (2018) out", joined)
	}
	cov := m["coverage"].(map[string]any)
	if cov["a"].(map[string]any)["class"] != "quadruple" || cov["b"].(map[string]any)["class"] != "quintuple" ||
		len(cov["gained"].([]any)) != 1 || cov["gained"].([]any)[0] != "environment" {
		t.Errorf("coverage: got %v", cov)
	}

	// The metrics at both dates are those of `metrics --at`, and their
	// difference is B − A; joined − left partners is that difference too.
	metrics := m["metrics"].(map[string]any)
	a, b, delta := metrics["a"].(map[string]any), metrics["b"].(map[string]any), metrics["delta"].(map[string]any)
	for i, at := range []string{"2019", "2025"} {
		want := growthJSON(t, "metrics", "--from", example, "--at", at, "--permutations", "1")
		got := []map[string]any{a, b}[i]
		for _, f := range []string{"partners", "ties", "density", "components", "ei_index"} {
			if got[f] != want[f] {
				t.Errorf("%s %s: diff %v, metrics %v", at, f, got[f], want[f])
			}
		}
	}
	if d := b["partners"].(float64) - a["partners"].(float64); delta["partners"] != d || float64(len(joined)-2) != d {
		t.Errorf("partners: delta %v, joined %d, left 2; want B − A = %v = joined − left", delta["partners"], len(joined), d)
	}
	if a["partners"] != 40.0 {
		t.Errorf("2019: %v partners, want 40 (examples/README.md)", a["partners"])
	}

	r := ecoscope(t, nil, "diff", "--from", example, "--at", "2019", "--at", "2025", "--limit", "3")
	if r.code != exitOK {
		t.Fatalf("text: exit %d: %s", r.code, r.err)
	}
	for _, want := range []string{"Snapshots: 2019 and 2025", "Coverage:    quadruple → quintuple; gained: environment",
		"Units created (7)", "Units ended (1)", "Partners left (2)", "... and 4 more (--limit 0", "Ties joined ("} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("diff text lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := ecoscope(t, nil, "diff", "--from", example, "--at", "2019", "--at", "2025", "--limit", "0"); strings.Contains(r.stdout, "more (--limit") {
		t.Errorf("--limit 0 shortened a list:\n%s", r.stdout)
	}
}

func TestGrowthFromStore(t *testing.T) {
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	r := ecoscope(t, env, "growth", "--format", "csv", "--from-date", "2019", "--to-date", "2019")
	f := ecoscope(t, nil, "growth", "--from", example, "--format", "csv", "--from-date", "2019", "--to-date", "2019")
	if r.code != exitOK || r.stdout != f.stdout {
		t.Errorf("store and files differ: exit %d %s\n%s\n%s", r.code, r.err, r.stdout, f.stdout)
	}
	r = ecoscope(t, env, "diff", "--at", "2019", "--at", "2020", "--format", "json")
	if r.code != exitOK || !strings.Contains(r.stdout, `"source": "`) {
		t.Errorf("diff from the store: exit %d %s", r.code, r.err)
	}
}

func TestGrowthBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad every", []string{"growth", "--from", example, "--every", "week"}, exitUsage, `"week" is not one of year, quarter, month`},
		{"bad format", []string{"growth", "--from", example, "--format", "xml"}, exitUsage, "text, json, csv"},
		{"bad ties", []string{"growth", "--from", example, "--ties", "some"}, exitUsage, "explicit, units, all"},
		{"from after to", []string{"growth", "--from", example, "--from-date", "2024", "--to-date", "2019-06"}, exitUsage, "--from-date 2024 is after --to-date 2019-06"},
		{"malformed from", []string{"growth", "--from", example, "--from-date", "2020-13"}, exitUsage, `--from-date: invalid date "2020-13"`},
		{"malformed to", []string{"growth", "--from", example, "--to-date", "20-01"}, exitUsage, `--to-date: invalid date "20-01"`},
		{"at", []string{"growth", "--from", example, "--at", "2020"}, exitUsage, "growth takes no --at"},
		{"nothing in range", []string{"growth", "--from", example, "--from-date", "2000", "--to-date", "2005"}, exitError,
			"no partner is active from 2000 to 2005: the data runs from 2018-03 to 2026-12"},
		{"before the data", []string{"growth", "--from", example, "--to-date", "2010"}, exitError,
			"--to-date 2010 is before the earliest date in the data: nothing to show (the data runs from 2018-03 to 2026-12)"},
		{"after the data", []string{"growth", "--from", example, "--from-date", "2030"}, exitError,
			"--from-date 2030 is after the latest date in the data"},
		{"too many", []string{"growth", "--from", example, "--every", "month", "--from-date", "1000", "--to-date", "2026"}, exitUsage, "more than 5000"},
		{"unknown unit", []string{"growth", "--from", example, "--unit", "hub-waterstf"}, exitError, `closest: "hub-waterstof"`},
		{"one at", []string{"diff", "--from", example, "--at", "2019"}, exitUsage, "exactly two dates"},
		{"three ats", []string{"diff", "--from", example, "--at", "2019", "--at", "2020", "--at", "2021"}, exitUsage, "got 3"},
		{"no at", []string{"diff", "--from", example}, exitUsage, "got 0"},
		{"malformed at", []string{"diff", "--from", example, "--at", "2019", "--at", "2025-02-30"}, exitUsage, `--at: invalid date "2025-02-30"`},
		{"diff format csv", []string{"diff", "--from", example, "--at", "2019", "--at", "2020", "--format", "csv"}, exitUsage, "text, json"},
		{"diff negative limit", []string{"diff", "--from", example, "--at", "2019", "--at", "2020", "--limit", "-1"}, exitUsage, "--limit"},
		{"diff unknown unit", []string{"diff", "--from", example, "--at", "2019", "--at", "2020", "--unit", "hub-waterstf"}, exitError, `closest: "hub-waterstof"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", r.code, r.err, tt.code, tt.want)
			}
			if tt.code == exitUsage && !strings.Contains(r.err, "Usage:") {
				t.Errorf("a usage error without the usage:\n%s", r.err)
			}
		})
	}

	// A data set without dates: growth needs --from-date and --to-date.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "partners.csv"), []byte("id,name,helix\na,A,academia\nb,B,industry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "growth", "--from", dir)
	if r.code != exitError || !strings.Contains(r.err, "give --from-date and --to-date") {
		t.Errorf("undated data: exit %d, stderr %q", r.code, r.err)
	}
	r = ecoscope(t, nil, "growth", "--from", dir, "--from-date", "2020", "--to-date", "2021", "--format", "csv")
	if r.code != exitOK || !strings.Contains(r.stdout, "\n2021,2021-01-01,2021-12-31,2,0,") {
		t.Errorf("undated data with dates: exit %d %s\n%s", r.code, r.err, r.stdout)
	}
}

func TestGrowthHelp(t *testing.T) {
	for _, cmd := range []string{"growth", "diff"} {
		r := ecoscope(t, nil, cmd, "--help")
		if r.code != exitOK || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "ecoscope "+cmd+" ") {
			t.Errorf("%s --help: exit %d, no examples:\n%s", cmd, r.code, r.stdout)
		}
	}
	if r := ecoscope(t, nil, "growth", "--help"); strings.Contains(r.stdout, "--at string") {
		t.Errorf("growth --help shows the hidden --at:\n%s", r.stdout)
	}
}
