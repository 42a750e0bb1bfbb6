package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/report"
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

// ended is a data set whose every record has ended: partners a (2019-01 to
// 2021-06), b (2019-03 to 2022-06) and c (2020 to 2022-03); team t1 ran
// from 2019-03 to 2020-12-31, team t2 from 2021-06 to 2022-06. So the data
// runs from 2019-01 (a's since) to 2022-06 (b's, eco's and t2's until).
const ended = `{
  "partners": [
    {"id": "a", "helix": "academia", "since": "2019-01", "until": "2021-06"},
    {"id": "b", "helix": "industry", "since": "2019-03", "until": "2022-06"},
    {"id": "c", "helix": "government", "since": "2020", "until": "2022-03"}
  ],
  "units": [
    {"id": "eco", "level": "ecosystem", "challenge": "energie", "since": "2019", "until": "2022-06"},
    {"id": "t1", "level": "team", "parent": "eco", "since": "2019-03", "until": "2020-12-31"},
    {"id": "t2", "level": "team", "parent": "eco", "since": "2021-06", "until": "2022-06"}
  ],
  "memberships": [
    {"unit": "eco", "member": "a"},
    {"unit": "t1", "member": "a"}, {"unit": "t1", "member": "b"},
    {"unit": "t2", "member": "b"}, {"unit": "t2", "member": "c"}
  ]
}`

func writeEnded(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ended.json")
	if err := os.WriteFile(path, []byte(ended), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var tryAt = regexp.MustCompile(`Try --at (\S+),`)

// TestEmptySnapshotSaysWhy: an empty snapshot says what is empty (the unit
// was not active then, or the data ends or starts at another date) and a
// date that has data, and that date does have partners.
func TestEmptySnapshotSaysWhy(t *testing.T) {
	path := writeEnded(t)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"after the data", []string{"--at", "2030"},
			[]string{"No partners are active at 2030: the data ends at 2022-06 (it runs from 2019-01 to 2022-06).", "Try --at 2022, the nearest date with partners."}},
		{"before the data", []string{"--at", "2010"},
			[]string{"No partners are active at 2010: the data starts at 2019-01", "Try --at 2019, the nearest date with partners."}},
		{"unit ended", []string{"--unit", "t1", "--at", "2022"},
			[]string{"Unit t1 is not active at 2022: it ran from 2019-03 to 2020-12-31.", "Try --at 2020, the nearest date at which it has partners."}},
		{"unit ended, a day", []string{"--unit", "t1", "--at", "2021-03-15"},
			[]string{"Unit t1 is not active at 2021-03-15: it ran from 2019-03 to 2020-12-31.", "Try --at 2020-12-31,"}},
		{"unit not started", []string{"--unit", "t2", "--at", "2020"},
			[]string{"Unit t2 is not active at 2020: it runs from 2021-06 to 2022-06.", "Try --at 2021,"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, append([]string{"report", "--from", path}, tt.args...)...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("report lacks %q:\n%s", w, r.stdout)
				}
			}
			if strings.Contains(r.stdout, "Try a later date") {
				t.Errorf("report still says \"Try a later date\":\n%s", r.stdout)
			}
			m := tryAt.FindStringSubmatch(r.stdout)
			if m == nil {
				t.Fatalf("no date suggested:\n%s", r.stdout)
			}
			args := slices.Clone(tt.args)
			args[slices.Index(args, "--at")+1] = m[1]
			if doc := reportJSON(t, nil, append([]string{"--from", path}, args...)...); doc["partners"].(float64) == 0 {
				t.Errorf("suggested --at %s has no partners either", m[1])
			}
		})
	}
}

// TestEmptySnapshotEveryCommand: every analysis command that takes --at
// says why the snapshot is empty in the same words, from files and from
// the store.
func TestEmptySnapshotEveryCommand(t *testing.T) {
	path := writeEnded(t)
	const why = "No partners are active at 2030: the data ends at 2022-06"
	const try = "Try --at 2022, the nearest date with partners."
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", path); r.code != exitOK {
		t.Fatalf("import: exit %d: %s", r.code, r.err)
	}
	tests := []struct {
		name     string
		args     []string
		inStdout bool // else on standard error
		want     []string
	}{
		{"report", []string{"report", "--at", "2030"}, true, []string{why, try}},
		{"metrics", []string{"metrics", "--at", "2030"}, false, []string{why, try}},
		{"gaps", []string{"gaps", "--at", "2030"}, true, []string{why, try}},
		{"gaps note", []string{"gaps", "--at", "2030"}, false, []string{why}},
		{"values", []string{"values", "--at", "2030"}, true, []string{why, try}},
		{"check", []string{"check", "--at", "2030"}, true, []string{why, try}},
		{"check nl", []string{"check", "--at", "2030", "--lang", "nl"}, true,
			[]string{"Op 2030 zijn geen partners actief: de gegevens eindigen op 2022-06", "Probeer --at 2022"}},
		{"check unit", []string{"check", "--unit", "t1", "--at", "2022"}, true,
			[]string{"Unit t1 is not active at 2022: it ran from 2019-03 to 2020-12-31.", "Try --at 2020"}},
		{"gaps unit", []string{"gaps", "--unit", "t1", "--at", "2022"}, true,
			[]string{"Unit t1 is not active at 2022: it ran from 2019-03 to 2020-12-31.", "Try --at 2020"}},
		{"values unit", []string{"values", "--unit", "t1", "--at", "2022"}, true,
			[]string{"Unit t1 is not active at 2022: it ran from 2019-03 to 2020-12-31.", "Try --at 2020"}},
		{"diff", []string{"diff", "--at", "2030", "--at", "2031"}, false,
			[]string{why, "No partners are active at 2031: the data ends at 2022-06", try}},
	}
	for _, tt := range tests {
		for _, source := range []string{"files", "store"} {
			t.Run(tt.name+" "+source, func(t *testing.T) {
				var r result
				if source == "files" {
					r = ecoscope(t, nil, append(tt.args[:1:1], append([]string{"--from", path}, tt.args[1:]...)...)...)
				} else {
					r = ecoscope(t, env, tt.args...)
				}
				if r.code != exitOK {
					t.Fatalf("exit %d: %s", r.code, r.err)
				}
				out := r.err
				if tt.inStdout {
					out = r.stdout
				}
				for _, w := range tt.want {
					if !strings.Contains(out, w) {
						t.Errorf("output lacks %q:\n%s", w, out)
					}
				}
				if strings.Contains(r.stdout+r.err, "Try a later date") || strings.Contains(r.stdout+r.err, "Try another date") {
					t.Errorf("still says to try a later or another date:\n%s%s", r.stdout, r.err)
				}
			})
		}
	}
}

// TestReportFormats: --format md --out report.md writes every chart beside
// the report (report_files/) and links each with its text alternative;
// on standard output Markdown links none; --lang nl writes Dutch; JSON
// keeps the composition keys and adds the sections; --format html writes
// one page with every chart.
func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.md")
	r := ecoscope(t, nil, "report", "--from", example, "--format", "md", "--out", out)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range report.ChartNames {
		svg, err := os.ReadFile(filepath.Join(dir, "report_files", name))
		if err != nil {
			t.Errorf("chart %s not written: %v", name, err)
			continue
		}
		if !bytes.HasPrefix(svg, []byte("<svg ")) || !bytes.Contains(svg, []byte(`role="img"`)) {
			t.Errorf("report_files/%s is not an SVG chart: %.100s", name, svg)
		}
		// The alt text is the chart's text alternative: its figures,
		// not just its title.
		link := regexp.MustCompile(`!\[([^\n]{40,})\]\(report_files/` + regexp.QuoteMeta(name) + ` "`)
		if !link.Match(md) {
			t.Errorf("report.md does not link %s with an informative alt text", name)
		}
	}
	if r := ecoscope(t, nil, "report", "--from", example, "--format", "md"); r.code != exitOK || strings.Contains(r.stdout, "report_files/") {
		t.Errorf("Markdown on standard output: exit %d, links charts it has not written", r.code)
	}
	if !strings.HasPrefix(string(md), "# Ecosystem report") || !strings.Contains(string(md), `<a id="summary"></a>`) {
		t.Errorf("not the Markdown report:\n%.300s", md)
	}

	r = ecoscope(t, nil, "report", "--from", example, "--lang", "nl")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Rapport van het ecosysteem") || !strings.Contains(r.stdout, "Samenvatting") {
		t.Errorf("--lang nl: exit %d\n%.300s", r.code, r.stdout)
	}

	doc := reportJSON(t, nil, "--from", example)
	for _, k := range []string{"partners", "ties", "helix_counts", "unit_summary", "units", "summary", "central", "gaps", "check", "growth", "value_creation", "drawing", "methods"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("report JSON lacks %q", k)
		}
	}

	page := filepath.Join(dir, "rapport.html")
	r = ecoscope(t, nil, "report", "--from", example, "--format", "html", "--lang", "nl", "--out", page)
	if r.code != exitOK {
		t.Fatalf("--format html: exit %d: %s", r.code, r.err)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(html, []byte("<!DOCTYPE html>")) || !bytes.Contains(html, []byte(`<html lang="nl">`)) ||
		bytes.Count(html, []byte(`<figure id="chart-`)) != len(report.ChartNames) || !bytes.Contains(html, []byte("Samenvatting")) {
		t.Errorf("not the Dutch HTML report with %d charts:\n%.500s", len(report.ChartNames), html)
	}
	if _, err := os.Stat(filepath.Join(dir, "rapport_files")); err == nil {
		t.Error("the HTML report wrote a folder of charts: they are inline")
	}
}

// TestReportEscapesNames: a partner named <script>alert(1)</script>, one
// with | and * in its name, show as text in the HTML and Markdown reports,
// their charts and the chart files.
func TestReportEscapesNames(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(example)); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(data, "partners.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// The two partners of highest betweenness, so that the drawing names them.
	csv = bytes.Replace(csv, []byte("Waterschap Groote Waard"), []byte(`<script>alert(1)</script>`), 1)
	csv = bytes.Replace(csv, []byte("mbo College Zandhoven"), []byte(`"a|b*c_d"`), 1)
	if err := os.WriteFile(filepath.Join(data, "partners.csv"), csv, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []string{"html", "md"} {
		out := filepath.Join(dir, "report."+f)
		if r := ecoscope(t, nil, "report", "--from", data, "--format", f, "--out", out); r.code != exitOK {
			t.Fatalf("--format %s: exit %d: %s", f, r.code, r.err)
		}
		files := []string{out}
		if f == "md" {
			svgs, _ := filepath.Glob(filepath.Join(dir, "report_files", "*.svg"))
			files = append(files, svgs...)
		}
		shown := 0
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(bytes.ToLower(b), []byte("<script")) {
				t.Errorf("%s holds a <script element", filepath.Base(p))
			}
			shown += bytes.Count(b, []byte("&lt;script&gt;alert(1)&lt;/script&gt;"))
		}
		if shown < 3 {
			t.Errorf("--format %s shows the name escaped %d times, want it in tables, chart text and alt text", f, shown)
		}
		b, _ := os.ReadFile(out)
		want := "a|b*c_d"
		if f == "md" {
			want = `a\|b\*c\_d`
		}
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("--format %s does not show a|b*c_d as written (%s)", f, want)
		}
	}
}
