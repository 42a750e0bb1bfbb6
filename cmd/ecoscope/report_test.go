package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// reportSection returns the lines of text from the line that starts with
// title up to the next empty line, title excluded.
func reportSection(t *testing.T, text, title string) []string {
	t.Helper()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, title) {
			var out []string
			for _, l := range lines[i+1:] {
				if strings.TrimSpace(l) == "" {
					break
				}
				out = append(out, l)
			}
			return out
		}
	}
	t.Fatalf("no section %q in:\n%s", title, text)
	return nil
}

// unitRows returns the first field (the unit id) of every row of the unit
// list of a text report, and the closing "... and N more" line if any.
func unitRows(t *testing.T, text string) (ids []string, more string) {
	t.Helper()
	rows := reportSection(t, text, "Units, ")
	if len(rows) == 0 || !strings.HasPrefix(strings.TrimSpace(rows[0]), "unit ") {
		t.Fatalf("unit list has no header:\n%s", text)
	}
	for _, r := range rows[1:] {
		if strings.HasPrefix(strings.TrimSpace(r), "...") {
			more = r
			continue
		}
		ids = append(ids, strings.Fields(r)[0])
	}
	return ids, more
}

// field returns m[k], failing the test when m lacks the key.
func field(t *testing.T, m map[string]any, k string) any {
	t.Helper()
	v, ok := m[k]
	if !ok {
		t.Fatalf("JSON lacks key %q", k)
	}
	return v
}

var coverageClasses = []string{"quintuple", "quadruple", "triple", "partial", "none"}

// TestReportUnitSummary: the table of units per level and coverage class
// adds up the units of the JSON list (every unit, ComposeUnits), and a unit
// is below its target when it lacks a type its target asks for, the same
// types `ecoscope gaps` names as missing for it. No number is written
// down: each is recounted from the other command or format.
func TestReportUnitSummary(t *testing.T) {
	doc := reportJSON(t, nil, "--from", example)
	_, gapUnits := gapsJSON(t, nil, "--from", example)
	type counts struct {
		class map[string]int
		units int
		below int
	}
	want := map[string]*counts{}
	total := &counts{class: map[string]int{}}
	for _, u := range doc["units"].([]any) {
		u := u.(map[string]any)
		id := u["id"].(string)
		miss := strs(field(t, u, "target_missing"))
		if g := strs(gapUnits[id]["missing"]); !slices.Equal(miss, g) {
			t.Errorf("%s: report target_missing %v, gaps missing %v", id, miss, g)
		}
		if u["target"] != gapUnits[id]["target"] {
			t.Errorf("%s: report target %v, gaps target %v", id, u["target"], gapUnits[id]["target"])
		}
		l := u["level"].(string)
		if want[l] == nil {
			want[l] = &counts{class: map[string]int{}}
		}
		class := u["helix_coverage"].(map[string]any)["class"].(string)
		for _, c := range []*counts{want[l], total} {
			c.class[class]++
			c.units++
			if len(miss) > 0 {
				c.below++
			}
		}
	}
	if total.below == 0 || total.below == total.units {
		t.Fatalf("the example should have units both below and at their target; %d of %d below", total.below, total.units)
	}

	// JSON: unit_summary.
	sum := field(t, doc, "unit_summary").(map[string]any)
	check := func(what string, got map[string]any, w *counts) {
		t.Helper()
		if got["units"] != float64(w.units) || got["below_target"] != float64(w.below) {
			t.Errorf("%s: units %v below %v, want %d and %d", what, got["units"], got["below_target"], w.units, w.below)
		}
		cov := got["coverage"].(map[string]any)
		for _, c := range coverageClasses {
			if cov[c] != float64(w.class[c]) {
				t.Errorf("%s: coverage %s = %v, want %d", what, c, cov[c], w.class[c])
			}
		}
	}
	for _, l := range sum["levels"].([]any) {
		l := l.(map[string]any)
		check(l["level"].(string), l, want[l["level"].(string)])
	}
	check("total", sum["total"].(map[string]any), total)

	// Text: the same figures in a table, rows levels, columns the classes.
	r := ecoscope(t, nil, "report", "--from", example)
	rows := reportSection(t, r.stdout, "Units per level and helix coverage")
	header := strings.Fields(rows[0])
	wantHeader := append(append([]string{"level"}, coverageClasses...), "total", "below", "target")
	if !slices.Equal(header, wantHeader) {
		t.Fatalf("table header %v, want %v", header, wantHeader)
	}
	seen := 0
	for _, row := range rows[1:] {
		if !strings.HasPrefix(row, "  ") {
			continue // the line under the table that says what the targets are
		}
		f := strings.Fields(row)
		w := want[f[0]]
		if f[0] == "total" {
			w = total
		}
		if w == nil {
			w = &counts{class: map[string]int{}} // a level without units: all 0
		}
		seen++
		for i, c := range coverageClasses {
			if n, _ := strconv.Atoi(f[1+i]); n != w.class[c] {
				t.Errorf("table %s %s = %s, want %d", f[0], c, f[1+i], w.class[c])
			}
		}
		if f[6] != strconv.Itoa(w.units) || f[7] != strconv.Itoa(w.below) {
			t.Errorf("table %s: total %s below %s, want %d and %d", f[0], f[6], f[7], w.units, w.below)
		}
	}
	if seen != 4 { // ecosystem, fieldlab, team, total
		t.Errorf("table has %d rows, want the three levels and the total:\n%s", seen, strings.Join(rows, "\n"))
	}
}

// TestReportUnitOrder: the text lists the units furthest below their
// target first (most target types missing, as gaps counts them); every
// unit once.
func TestReportUnitOrder(t *testing.T) {
	doc := reportJSON(t, nil, "--from", example)
	short := map[string]int{}
	for _, u := range doc["units"].([]any) {
		u := u.(map[string]any)
		short[u["id"].(string)] = len(field(t, u, "target_missing").([]any))
	}
	r := ecoscope(t, nil, "report", "--from", example)
	ids, more := unitRows(t, r.stdout)
	if len(ids) != len(short) || more != "" {
		t.Fatalf("text lists %d units (%q), want all %d of the example (fewer than the default cap)", len(ids), more, len(short))
	}
	for i := 1; i < len(ids); i++ {
		if short[ids[i-1]] < short[ids[i]] {
			t.Errorf("%s (%d target types missing) listed before %s (%d)", ids[i-1], short[ids[i-1]], ids[i], short[ids[i]])
		}
	}
	if short[ids[0]] == 0 {
		t.Errorf("first unit %s meets its target; the example has units below theirs", ids[0])
	}
}

// manyUnits writes a data set with one ecosystem and n teams, one partner
// each, and returns its path.
func manyUnits(t *testing.T, n int) string {
	t.Helper()
	var parts, units, mems []string
	units = append(units, `{"id": "eco", "level": "ecosystem"}`)
	for i := range n {
		parts = append(parts, fmt.Sprintf(`{"id": "p%d", "helix": "academia"}`, i))
		units = append(units, fmt.Sprintf(`{"id": "t%02d", "level": "team", "parent": "eco"}`, i))
		mems = append(mems, fmt.Sprintf(`{"unit": "t%02d", "member": "p%d"}`, i, i))
	}
	path := filepath.Join(t.TempDir(), "many.json")
	doc := fmt.Sprintf(`{"partners": [%s], "units": [%s], "memberships": [%s]}`,
		strings.Join(parts, ","), strings.Join(units, ","), strings.Join(mems, ","))
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReportUnitsCap: the text lists at most --units units (default 25)
// and says how many more there are; JSON lists every unit whatever
// --units says.
func TestReportUnitsCap(t *testing.T) {
	const teams = 40
	path := manyUnits(t, teams) // 41 units: the ecosystem and 40 teams
	all := teams + 1
	tests := []struct {
		args   []string
		listed int
	}{
		{nil, 25},
		{[]string{"--units", "7"}, 7},
		{[]string{"--units", "all"}, all},
		{[]string{"--units", strconv.Itoa(all)}, all},
		{[]string{"--units", "0"}, 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := ecoscope(t, nil, append([]string{"report", "--from", path}, tt.args...)...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			if tt.listed == 0 {
				if strings.Contains(r.stdout, "Units, ") {
					t.Errorf("--units 0 lists units:\n%s", r.stdout)
				}
				if !strings.Contains(r.stdout, fmt.Sprintf("%d units not listed; --units all lists every one", all)) {
					t.Errorf("--units 0 does not say how many units are left out:\n%s", r.stdout)
				}
				return
			}
			ids, more := unitRows(t, r.stdout)
			if len(ids) != tt.listed {
				t.Errorf("listed %d units, want %d", len(ids), tt.listed)
			}
			wantMore := ""
			if tt.listed < all {
				wantMore = fmt.Sprintf("... and %d more units; --units all lists every one", all-tt.listed)
			}
			if strings.TrimSpace(more) != wantMore {
				t.Errorf("closing line %q, want %q", more, wantMore)
			}
		})
	}
	doc := reportJSON(t, nil, "--from", path, "--units", "3")
	if n := len(doc["units"].([]any)); n != all {
		t.Errorf("JSON with --units 3 lists %d units, want all %d", n, all)
	}
	for _, bad := range []string{"-1", "some", "2.5"} {
		r := ecoscope(t, nil, "report", "--from", path, "--units", bad)
		if r.code != exitUsage || !strings.Contains(r.err, `a number of units or "all"`) {
			t.Errorf("--units %s: exit %d, stderr %q; want a usage error", bad, r.code, r.err)
		}
	}
}
