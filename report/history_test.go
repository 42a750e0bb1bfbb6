package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

func TestNodeMetricValues(t *testing.T) {
	nodes := []analysis.NodeMetrics{
		{ID: "-a", Name: "=A", Helix: graph.Academia, Degree: 2, Betweenness: 0.5, Closeness: analysis.Float(math.NaN()), Community: 3, CoordinatorZ: 1.5, LiaisonZ: analysis.Float(math.Inf(1))},
		{ID: "b", Degree: 0, Strength: 1.0 / 3},
	}
	vs, err := NodeMetricValues(nodes)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, v := range vs {
		if v.Subject != graph.SubjectPartner {
			t.Errorf("subject %s", v.Subject)
		}
		got[v.ID+" "+v.Metric] = v.Value
	}
	for k, w := range map[string]float64{"-a degree": 2, "-a betweenness": 0.5, "-a coordinator_z": 1.5, "b strength": 1.0 / 3, "b degree": 0, "-a in_degree": 0} {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s = %v (%v), want %v", k, g, ok, w)
		}
	}
	for _, k := range []string{"-a closeness", "-a community", "-a liaison_z", "-a name", "-a helix", "'-a degree"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s saved", k)
		}
	}
	// One value per numeric CSV column but community (n) per node, less
	// the NaN closeness of -a, and the defined z-scores: 4 of -a (its
	// liaison_z is +Inf), 5 of b (zero is defined).
	if n := len(analysis.NodeColumns) - 5; len(vs) != 2*n-1+4+5 {
		t.Errorf("%d values, want %d", len(vs), 2*n-1+4+5)
	}
}

func TestCSVValuesRejectsText(t *testing.T) {
	_, err := csvValues(strings.NewReader("id,x\na,abc\n"), []string{"id"}, 1, func(int) (graph.MetricSubject, string) { return graph.SubjectUnit, "a" })
	if err == nil || !strings.Contains(err.Error(), "column x") {
		t.Errorf("error %v, want one that names column x", err)
	}
}

func historyPoints() []graph.HistoryPoint {
	r1 := graph.MetricRun{ID: 1, Time: time.Date(2026, 12, 3, 19, 25, 1, 5, time.UTC), Ties: "all", Level: "nodes"}
	r2 := graph.MetricRun{ID: 2, Time: time.Date(2026, 12, 4, 8, 0, 0, 0, time.FixedZone("", 3600)), At: graph.MustParseDate("2022-06"), Unit: "u\x1b[2J", Ties: "explicit", Level: "nodes"}
	return []graph.HistoryPoint{
		{Run: r1, Metric: "betweenness", Value: 0.25}, {Run: r1, Metric: "=cmd", Value: -1},
		{Run: r2, Metric: "betweenness", Value: 1.0 / 3},
	}
}

func TestWriteHistoryText(t *testing.T) {
	var b bytes.Buffer
	q := HistoryQueryJSON{Subject: graph.SubjectPartner, ID: "p\x1b]0;x\a"}
	if err := WriteHistoryText(&b, "s.db", q, historyPoints()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if strings.ContainsAny(got, "\x1b\a") {
		t.Errorf("control characters reach the terminal:\n%q", got)
	}
	want := `Metric history of partner p\x1b]0;x\a
=====================================
Source: s.db
3 value(s) from 2 run(s)

=cmd
  run  time                  snapshot  unit  ties  level  value
    1  2026-12-03 19:25:01Z  all       all   all   nodes     -1

betweenness
  run  time                  snapshot  unit      ties      level               value
    1  2026-12-03 19:25:01Z  all       all       all       nodes                0.25
    2  2026-12-04 07:00:00Z  2022-06   u\x1b[2J  explicit  nodes  0.3333333333333333
`
	if got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteHistoryCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHistoryCSV(&b, HistoryQueryJSON{Subject: graph.SubjectPartner, ID: "-p"}, historyPoints()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		HistoryColumns,
		{"1", "2026-12-03T19:25:01.000000005Z", "", "", "all", "nodes", "partner", "'-p", "betweenness", "0.25"},
		{"1", "2026-12-03T19:25:01.000000005Z", "", "", "all", "nodes", "partner", "'-p", "'=cmd", "-1"},
		{"2", "2026-12-04T07:00:00Z", "2022-06", "u\x1b[2J", "explicit", "nodes", "partner", "'-p", "betweenness", "0.3333333333333333"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
		}
	}
}
