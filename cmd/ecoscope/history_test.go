package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/internal/mounttest"
	"github.com/ecoscope/ecoscope/report"
)

// historyPoint is a point of `history --format json`.
type historyPoint struct {
	Run struct {
		ID    int64   `json:"id"`
		Time  string  `json:"time"`
		At    *string `json:"at"`
		Unit  string  `json:"unit"`
		Ties  string  `json:"ties"`
		Level string  `json:"level"`
	} `json:"run"`
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
}

type historyDoc struct {
	Source string            `json:"source"`
	Query  map[string]string `json:"query"`
	Points []historyPoint    `json:"points"`
}

func mustRun(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := ecoscope(t, env, args...)
	if r.code != exitOK {
		t.Fatalf("%s: exit %d, stderr:\n%s", strings.Join(args, " "), r.code, r.err)
	}
	return r
}

func historyJSON(t *testing.T, env map[string]string, args ...string) historyDoc {
	t.Helper()
	r := mustRun(t, env, append([]string{"history", "--format", "json"}, args...)...)
	var d historyDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("history JSON: %v\n%s", err, r.stdout)
	}
	return d
}

// nodeOf returns the node of partner id in the JSON of metrics --level nodes.
func nodeOf(t *testing.T, stdout, id string) map[string]any {
	t.Helper()
	var doc struct {
		Nodes []map[string]any `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		if n["id"] == id {
			return n
		}
	}
	t.Fatalf("no node %s in the metrics output", id)
	return nil
}

const partner = "uni-rivierstad"

// TestMetricsSaveHistory: metrics --save keeps every number of the run, as
// named in the output, and history shows them run by run with the values
// of the metrics output; the output of metrics is the same with --save.
func TestMetricsSaveHistory(t *testing.T) {
	env, _ := storeEnv(t)
	mustRun(t, env, "import", example)
	plain := mustRun(t, env, "metrics", "--level", "nodes")
	r1 := mustRun(t, env, "metrics", "--level", "nodes", "--save")
	if r1.stdout != plain.stdout {
		t.Error("metrics --save wrote another standard output than metrics")
	}
	if !strings.Contains(r1.err, "saved metric run 1 (nodes level") {
		t.Errorf("metrics --save: stderr %q, want the run saved", r1.err)
	}
	r2 := mustRun(t, env, "metrics", "--level", "nodes", "--save", "--at", "2021", "--ties", "explicit")
	if !strings.Contains(r2.err, "saved metric run 2 (nodes level") || !strings.Contains(r2.err, "at 2021") {
		t.Errorf("second metrics --save: stderr %q", r2.err)
	}

	// betweenness over the two runs, equal to the metrics output.
	d := historyJSON(t, env, "--partner", partner, "--metric", "betweenness")
	if d.Query["subject"] != "partner" || d.Query["id"] != partner || d.Query["metric"] != "betweenness" {
		t.Errorf("query %v", d.Query)
	}
	if len(d.Points) != 2 {
		t.Fatalf("history: %d points, want 2: %+v", len(d.Points), d.Points)
	}
	for i, r := range []result{r1, r2} {
		p := d.Points[i]
		want := nodeOf(t, r.stdout, partner)["betweenness"].(float64)
		if p.Run.ID != int64(i+1) || p.Metric != "betweenness" || math.Float64bits(p.Value) != math.Float64bits(want) || p.Run.Level != "nodes" {
			t.Errorf("point %d = %+v, want run %d betweenness %v", i, p, i+1, want)
		}
	}
	if p := d.Points[0]; p.Run.At != nil || p.Run.Ties != "all" {
		t.Errorf("run 1: at %v ties %q, want null and all", p.Run.At, p.Run.Ties)
	}
	if p := d.Points[1]; p.Run.At == nil || *p.Run.At != "2021" || p.Run.Ties != "explicit" {
		t.Errorf("run 2: at %v ties %q, want 2021 and explicit", p.Run.At, p.Run.Ties)
	}

	// Every number of the node is saved under its key, but the community
	// (a label) and undefined values; nothing else is.
	node := nodeOf(t, r1.stdout, partner)
	saved := map[string]float64{}
	for _, p := range historyJSON(t, env, "--partner", partner).Points {
		if p.Run.ID == 1 {
			saved[p.Metric] = p.Value
		}
	}
	for k, v := range node {
		f, ok := v.(float64)
		if !ok || k == "community" {
			if _, got := saved[k]; got {
				t.Errorf("saved %q, which is no metric (%v)", k, v)
			}
			continue
		}
		if got, ok := saved[k]; !ok || math.Float64bits(got) != math.Float64bits(f) {
			t.Errorf("saved %s = %v (%v), want %v", k, got, ok, f)
		}
	}
	for k := range saved {
		if _, ok := node[k]; !ok {
			t.Errorf("saved %q, which is no key of the node output", k)
		}
	}

	// Text: a table with both runs and the values at full precision.
	text := mustRun(t, env, "history", "--partner", partner, "--metric", "betweenness").stdout
	for i, p := range d.Points {
		v := strconv.FormatFloat(p.Value, 'g', -1, 64)
		if !strings.Contains(text, v) {
			t.Errorf("text lacks the value %s of run %d:\n%s", v, i+1, text)
		}
	}
	if !strings.Contains(text, "Metric history of partner "+partner) || !strings.Contains(text, "betweenness\n") ||
		!strings.Contains(text, "2021") || !strings.Contains(text, "explicit") {
		t.Errorf("text:\n%s", text)
	}

	// CSV: a header and one row per point.
	out := filepath.Join(t.TempDir(), "h.csv")
	r := mustRun(t, env, "history", "--partner", partner, "--metric", "betweenness", "--format", "csv", "--out", out)
	if r.stdout != "" || !strings.Contains(r.err, "wrote "+out) {
		t.Errorf("--out: stdout %q, stderr %q", r.stdout, r.err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], report.HistoryColumns) {
		t.Fatalf("CSV: %q", rows)
	}
	for i, row := range rows[1:] {
		v, err := strconv.ParseFloat(row[9], 64)
		if err != nil || v != d.Points[i].Value || row[0] != strconv.Itoa(i+1) || row[6] != "partner" || row[7] != partner || row[8] != "betweenness" {
			t.Errorf("CSV row %d: %q", i+1, row)
		}
	}
	if rows[1][2] != "" || rows[2][2] != "2021" {
		t.Errorf("CSV at column: %q, %q", rows[1][2], rows[2][2])
	}
}

// TestSaveUnitsNetwork: the unit and network levels save their numbers
// under the CSV column names.
func TestSaveUnitsNetwork(t *testing.T) {
	env, _ := storeEnv(t)
	mustRun(t, env, "import", example)
	r := mustRun(t, env, "metrics", "--format", "csv", "--save", "--permutations", "99")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("network CSV: %v %q", err, rows)
	}
	want := map[string]string{}
	for j, col := range rows[0] {
		if cell := rows[1][j]; cell != "" && !slices.Contains([]string{"helix_coverage", "helix_missing", "helix_integration"}, col) {
			want[col] = cell
		}
	}
	d := historyJSON(t, env)
	got := map[string]string{}
	for _, p := range d.Points {
		got[p.Metric] = strconv.FormatFloat(p.Value, 'g', -1, 64)
	}
	if got["synergy_units"] == "" {
		t.Error("synergy_units (JSON only) not saved")
	}
	delete(got, "synergy_units")
	for k, v := range want {
		if got[k] != v {
			t.Errorf("network %s: saved %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("network: saved %d metrics, want %d", len(got), len(want))
	}
	if d.Query["subject"] != "network" || d.Points[0].Run.Level != "network" {
		t.Errorf("network history: %+v", d)
	}

	u := mustRun(t, env, "metrics", "--level", "units", "--save", "--unit", "fl-aardgasvrije-wijken")
	if !strings.Contains(u.err, "saved metric run 2 (units level") || !strings.Contains(u.err, "unit fl-aardgasvrije-wijken") {
		t.Errorf("units --save: %q", u.err)
	}
	var doc struct {
		Units []map[string]any `json:"units"`
	}
	if err := json.Unmarshal([]byte(u.stdout), &doc); err != nil || len(doc.Units) == 0 {
		t.Fatalf("units JSON: %v", err)
	}
	first := doc.Units[0]
	h := historyJSON(t, env, "--unit", first["id"].(string), "--metric", "blau_index")
	if len(h.Points) != 1 || h.Points[0].Value != first["blau_index"].(float64) || h.Points[0].Run.Unit != "fl-aardgasvrije-wijken" {
		t.Errorf("unit history %+v, want blau_index %v", h.Points, first["blau_index"])
	}
	text := mustRun(t, env, "history", "--unit", first["id"].(string)).stdout
	if !strings.Contains(text, "unit") || !strings.Contains(text, "fl-aardgasvrije-wijken") {
		t.Errorf("unit text lacks the unit analysed:\n%s", text)
	}
}

func TestHistoryErrors(t *testing.T) {
	env, path := storeEnv(t)
	r := ecoscope(t, env, "history")
	if r.code != exitError || !strings.Contains(r.err, "no store at "+path) {
		t.Errorf("no store: exit %d, %q", r.code, r.err)
	}
	r = ecoscope(t, env, "metrics", "--from", example, "--save")
	if r.code != exitUsage || !strings.Contains(r.err, "--save") || !strings.Contains(r.err, "ecoscope import") {
		t.Errorf("--save --from: exit %d, %q", r.code, r.err)
	}
	if exists(path) {
		t.Error("metrics --save --from made a store")
	}
	mustRun(t, env, "import", example)
	for _, args := range [][]string{{"history"}, {"history", "--partner", partner}, {"history", "--unit", "x", "--metric", "y"}} {
		r = ecoscope(t, env, args...)
		if r.code != exitError || !strings.Contains(r.err, "no metric runs are saved") || !strings.Contains(r.err, "ecoscope metrics --save") {
			t.Errorf("%v without runs: exit %d, %q", args, r.code, r.err)
		}
	}
	r = ecoscope(t, env, "history", "--partner", partner, "--unit", "u")
	if r.code != exitUsage {
		t.Errorf("--partner and --unit: exit %d, %q", r.code, r.err)
	}
	mustRun(t, env, "metrics", "--level", "nodes", "--save")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"--partner", partner + "x"}, []string{`no metrics are saved for partner "` + partner + `x"`, `did you mean "` + partner + `"`}},
		{[]string{"--partner", partner, "--metric", "betweeness"}, []string{`no value of metric "betweeness"`, `did you mean "betweenness"?`, `"pagerank"`}},
		{[]string{"--unit", "lc-energieke-regio"}, []string{"no unit has saved metrics yet", "--level units --save"}},
		{[]string{}, []string{"no metrics are saved for the network", "--level network --save"}},
		{[]string{"--partner", "\x1b[31mred"}, []string{`"\x1b[31mred"`}},
	} {
		r = ecoscope(t, env, append([]string{"history"}, c.args...)...)
		for _, w := range c.want {
			if r.code != exitError || !strings.Contains(r.err, w) {
				t.Errorf("history %q: exit %d, %q; want %q", c.args, r.code, r.err, w)
			}
		}
		if strings.Contains(r.err, "\x1b") {
			t.Errorf("history %q: an escape reached the terminal: %q", c.args, r.err)
		}
	}
}

// TestSaveReadOnlyStore: metrics --save on a store it cannot write fails
// before the work, with nothing on standard output; history reads the
// store all the same.
func TestSaveReadOnlyStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	env := map[string]string{"ECOSCOPE_STORE": path}
	mustRun(t, env, "import", example)
	mustRun(t, env, "metrics", "--save")
	mounttest.ReadOnlyFile(t, path)
	r := ecoscope(t, env, "metrics", "--level", "nodes", "--save")
	if r.code != exitError || r.stdout != "" || !strings.Contains(r.err, "--save") || !strings.Contains(r.err, "not writable") {
		t.Errorf("metrics --save on a read-only store: exit %d, stdout %.80q, stderr %q", r.code, r.stdout, r.err)
	}
	if d := historyJSON(t, env, "--metric", "density"); len(d.Points) != 1 {
		t.Errorf("history on a read-only store: %+v", d.Points)
	}
}
