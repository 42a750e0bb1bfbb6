package storetest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

// The metric history cases (graph.MetricHistory, issue 11). A store keeps
// the time of a run to the second at least: the cases compare times
// truncated to the second, and check that they come back in UTC.

func mustSave(t *testing.T, st graph.Store, run graph.MetricRun) int64 {
	t.Helper()
	id, err := st.SaveMetrics(t.Context(), run)
	if err != nil {
		t.Fatalf("SaveMetrics: %v", err)
	}
	return id
}

func mustHistory(t *testing.T, st graph.Store, q graph.HistoryQuery) []graph.HistoryPoint {
	t.Helper()
	ps, err := st.History(t.Context(), q)
	if err != nil {
		t.Fatalf("History(%+v): %v", q, err)
	}
	return ps
}

// want is what History(q) must return after runs were saved with the IDs
// 1, 2, ...: their defined values of q's subject and metric, oldest run
// first, then by metric name.
func want(runs []graph.MetricRun, q graph.HistoryQuery) []graph.HistoryPoint {
	var out []graph.HistoryPoint
	for i, r := range runs {
		head := r
		head.ID, head.Values = int64(i+1), nil
		start := len(out)
		for _, v := range r.Values {
			if v.Subject == q.Subject && v.ID == q.ID && (q.Metric == "" || v.Metric == q.Metric) &&
				!math.IsNaN(v.Value) && !math.IsInf(v.Value, 0) {
				out = append(out, graph.HistoryPoint{Run: head, Metric: v.Metric, Value: v.Value})
			}
		}
		slices.SortStableFunc(out[start:], func(a, b graph.HistoryPoint) int { return strings.Compare(a.Metric, b.Metric) })
	}
	return out
}

// pointString shows a point with its value's bits and its run's time to
// the second.
func pointString(p graph.HistoryPoint) string {
	r := p.Run
	return fmt.Sprintf("run %d (time %s %s, at %q (precision %d), unit %q, ties %q, level %q, %d values) %q = %v (%#x)",
		r.ID, r.Time.Truncate(time.Second).Format(time.RFC3339), r.Time.Location(), r.At.String(), r.At.Precision(),
		r.Unit, r.Ties, r.Level, len(r.Values), p.Metric, p.Value, math.Float64bits(p.Value))
}

// checkHistory compares History(q) with want(runs, q): every field of
// the run (the time to the second, in UTC; the date with its precision),
// the metric, and the value bit for bit.
func checkHistory(t *testing.T, st graph.Store, runs []graph.MetricRun, q graph.HistoryQuery) []graph.HistoryPoint {
	t.Helper()
	got := mustHistory(t, st, q)
	w := want(runs, q)
	g := make([]string, len(got))
	for i, p := range got {
		g[i] = pointString(p)
		if p.Run.Time.Location() != time.UTC {
			t.Errorf("History(%+v): point %d: run time in %s, want UTC", q, i, p.Run.Time.Location())
		}
	}
	ws := make([]string, len(w))
	for i, p := range w {
		p.Run.Time = p.Run.Time.UTC()
		ws[i] = pointString(p)
	}
	if !slices.Equal(g, ws) {
		t.Errorf("History(%+v):\n got %s\nwant %s", q, strings.Join(g, "\n     "), strings.Join(ws, "\n     "))
	}
	return got
}

// oddValues are float64 values that a store must keep bit for bit.
var oddValues = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, -2.0 / 3, math.Pi, math.Nextafter(1, 2), 5e-324, 1e-300,
	math.MaxFloat64, -math.MaxFloat64, 123456789.123456789, 1 << 53, 1<<53 + 2, 42,
}

// historyRuns returns two runs of node metrics, of partners with odd ids
// too, with unit and network values, NaN and ±Inf among them.
func historyRuns() []graph.MetricRun {
	odd := []string{"uni", `it's "x"`, `x'); DROP TABLE metric_run; --`, "MATCH (n) DETACH DELETE n", "Zoë 🌱", "new\nline", "}{$1?"}
	r1 := graph.MetricRun{
		Time: time.Date(2026, 3, 1, 9, 30, 15, 123456789, time.FixedZone("CET", 3600)),
		At:   date("2020"), Ties: "all", Level: "nodes",
	}
	r2 := graph.MetricRun{
		Time: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
		At:   date("2022-06-30"), Unit: "eco", Ties: "explicit", Level: "nodes",
	}
	for i, id := range odd {
		for j, m := range []string{"degree", "betweenness", "ei_index", "closeness", "a metric; with 'quotes'"} {
			v1 := oddValues[(i*5+j)%len(oddValues)]
			v2 := oddValues[(i*5+j+3)%len(oddValues)]
			r1.Values = append(r1.Values, graph.MetricValue{Subject: graph.SubjectPartner, ID: id, Metric: m, Value: v1})
			r2.Values = append(r2.Values, graph.MetricValue{Subject: graph.SubjectPartner, ID: id, Metric: m, Value: v2})
		}
	}
	r1.Values = append(r1.Values,
		graph.MetricValue{Subject: graph.SubjectPartner, ID: "uni", Metric: "closeness_nan", Value: math.NaN()},
		graph.MetricValue{Subject: graph.SubjectPartner, ID: "uni", Metric: "inf", Value: math.Inf(1)},
		graph.MetricValue{Subject: graph.SubjectPartner, ID: "uni", Metric: "neg_inf", Value: math.Inf(-1)},
		graph.MetricValue{Subject: graph.SubjectNetwork, Metric: "density", Value: 0.25},
		graph.MetricValue{Subject: graph.SubjectNetwork, Metric: "assortativity", Value: math.NaN()},
		graph.MetricValue{Subject: graph.SubjectUnit, ID: "eco", Metric: "blau_index", Value: 0.5},
		graph.MetricValue{Subject: graph.SubjectUnit, ID: "uni", Metric: "blau_index", Value: 0.75}, // a unit id that is also a partner id
	)
	// In the second run the NaN is defined, and a metric is new.
	r2.Values = append(r2.Values,
		graph.MetricValue{Subject: graph.SubjectPartner, ID: "uni", Metric: "closeness_nan", Value: 0.5},
		graph.MetricValue{Subject: graph.SubjectPartner, ID: "uni", Metric: "aaa_new", Value: 7},
		graph.MetricValue{Subject: graph.SubjectNetwork, Metric: "density", Value: 0.3},
		graph.MetricValue{Subject: graph.SubjectNetwork, Metric: "assortativity", Value: -0.1},
	)
	return []graph.MetricRun{r1, r2}
}

// historyQueries are the queries checked after saving historyRuns.
func historyQueries(runs []graph.MetricRun) []graph.HistoryQuery {
	qs := []graph.HistoryQuery{
		{Subject: graph.SubjectNetwork},
		{Subject: graph.SubjectNetwork, Metric: "density"},
		{Subject: graph.SubjectNetwork, Metric: "assortativity"},
		{Subject: graph.SubjectUnit, ID: "eco"},
		{Subject: graph.SubjectUnit, ID: "uni"},
		{Subject: graph.SubjectPartner, ID: "uni", Metric: "closeness_nan"},
		{Subject: graph.SubjectPartner, ID: "uni", Metric: "inf"},
	}
	for _, v := range runs[0].Values {
		if v.Subject == graph.SubjectPartner {
			qs = append(qs, graph.HistoryQuery{Subject: v.Subject, ID: v.ID}, graph.HistoryQuery{Subject: v.Subject, ID: v.ID, Metric: v.Metric})
		}
	}
	return qs
}

func (s *suite) testHistoryEmpty(t *testing.T) {
	st := s.store(t)
	for _, q := range []graph.HistoryQuery{
		{Subject: graph.SubjectNetwork}, {Subject: graph.SubjectNetwork, Metric: "density"},
		{Subject: graph.SubjectUnit, ID: "eco"}, {Subject: graph.SubjectPartner, ID: "uni", Metric: "betweenness"},
	} {
		if ps := mustHistory(t, st, q); len(ps) != 0 {
			t.Errorf("History(%+v) of a new store: %d points, want none", q, len(ps))
		}
	}
	mustImport(t, st, Sample(), graph.ImportOptions{})
	if ps := mustHistory(t, st, graph.HistoryQuery{Subject: graph.SubjectPartner, ID: "uni"}); len(ps) != 0 {
		t.Errorf("History of a partner after an import, before any run: %d points, want none", len(ps))
	}
	// A query that cannot select anything is an error.
	for _, q := range []graph.HistoryQuery{
		{Subject: "edge", ID: "x"}, {Subject: graph.SubjectNetwork, ID: "uni"}, {Subject: graph.SubjectPartner},
	} {
		if _, err := st.History(t.Context(), q); err == nil {
			t.Errorf("History(%+v): no error", q)
		}
	}
}

func (s *suite) testHistoryRuns(t *testing.T) {
	st := s.store(t)
	runs := historyRuns()
	if id := mustSave(t, st, runs[0]); id != 1 {
		t.Errorf("SaveMetrics of the first run = %d, want 1", id)
	}
	qs := historyQueries(runs)
	first := map[int][]graph.HistoryPoint{}
	for i, q := range qs {
		first[i] = checkHistory(t, st, runs[:1], q)
	}
	if id := mustSave(t, st, runs[1]); id != 2 {
		t.Errorf("SaveMetrics of the second run = %d, want 2", id)
	}
	for i, q := range qs {
		got := checkHistory(t, st, runs, q)
		// Saving a run leaves the points of the first as they were.
		var of1 []string
		for _, p := range got {
			if p.Run.ID == 1 {
				of1 = append(of1, pointString(p))
			}
		}
		var before []string
		for _, p := range first[i] {
			before = append(before, pointString(p))
		}
		if !slices.Equal(of1, before) {
			t.Errorf("History(%+v): the points of run 1 changed when run 2 was saved:\n got %q\nwant %q", q, of1, before)
		}
	}
	// Subjects and metrics never saved: no points, no error.
	for _, q := range []graph.HistoryQuery{
		{Subject: graph.SubjectPartner, ID: "nobody"}, {Subject: graph.SubjectPartner, ID: "uni", Metric: "no_such_metric"},
		{Subject: graph.SubjectPartner, ID: "UNI"}, {Subject: graph.SubjectUnit, ID: "lab1"},
		{Subject: graph.SubjectNetwork, Metric: "betweenness"}, {Subject: graph.SubjectPartner, ID: "uni", Metric: "neg_inf"},
	} {
		if ps := mustHistory(t, st, q); len(ps) != 0 {
			t.Errorf("History(%+v): %d points, want none (%s)", q, len(ps), pointString(ps[0]))
		}
	}
	// A run the values of which are invalid saves nothing, and takes no ID.
	bad := graph.MetricRun{Time: time.Now(), Ties: "all", Level: "nodes", Values: []graph.MetricValue{
		{Subject: graph.SubjectPartner, ID: "uni", Metric: "degree", Value: 1},
		{Subject: graph.SubjectPartner, ID: "uni", Metric: "degree", Value: 2},
	}}
	if _, err := st.SaveMetrics(t.Context(), bad); err == nil {
		t.Error("SaveMetrics of a run with two values of one metric of one partner: no error")
	}
	bad.Values = []graph.MetricValue{{Subject: graph.SubjectPartner, ID: "uni", Metric: "degree", Value: 1}, {Subject: "edge", ID: "x", Metric: "weight", Value: 1}}
	if _, err := st.SaveMetrics(t.Context(), bad); err == nil {
		t.Error("SaveMetrics of a run with a value of an unknown subject: no error")
	}
	for _, q := range qs {
		checkHistory(t, st, runs, q)
	}
	// A run without defined values is a run too.
	empty := graph.MetricRun{Time: time.Now(), Ties: "units", Level: "units", Values: []graph.MetricValue{{Subject: graph.SubjectUnit, ID: "eco", Metric: "density", Value: math.NaN()}}}
	if id := mustSave(t, st, empty); id != 3 {
		t.Errorf("SaveMetrics after two runs and two failed saves = %d, want 3", id)
	}
	runs = append(runs, empty)
	for _, q := range qs {
		checkHistory(t, st, runs, q)
	}
}

// testHistoryDates saves runs at every precision of the snapshot date, and
// times that are whole seconds and not, in several zones.
func (s *suite) testHistoryDates(t *testing.T) {
	st := s.store(t)
	var runs []graph.MetricRun
	ats := []string{"", "2019", "2019-03", "2019-03-05", "0001", "9999-12-31", "2016-02-29"}
	times := []time.Time{
		time.Date(2026, 12, 3, 19, 25, 0, 0, time.UTC),
		time.Date(2026, 12, 3, 19, 25, 0, 999999999, time.UTC),
		time.Date(2026, 12, 3, 20, 25, 1, 500000000, time.FixedZone("", 3600)),
		time.Date(1999, 1, 1, 0, 0, 0, 0, time.FixedZone("", -7*3600)),
		time.Date(2026, 6, 1, 12, 0, 0, 0, time.Local),
		{},
		time.Now(),
	}
	for i, at := range ats {
		runs = append(runs, graph.MetricRun{Time: times[i], At: date(at), Ties: "all", Level: "network",
			Values: []graph.MetricValue{{Subject: graph.SubjectNetwork, Metric: "density", Value: float64(i)}}})
		if id := mustSave(t, st, runs[i]); id != int64(i+1) {
			t.Errorf("SaveMetrics of run %d = %d", i+1, id)
		}
	}
	got := checkHistory(t, st, runs, graph.HistoryQuery{Subject: graph.SubjectNetwork})
	for i, p := range got {
		if i < len(runs) && !p.Run.Time.Truncate(time.Second).Equal(runs[i].Time.Truncate(time.Second)) {
			t.Errorf("run %d: time %s, want %s", i+1, p.Run.Time, runs[i].Time)
		}
	}
}

// testHistorySurvivesReplace: the history is not part of the data set; an
// import with Replace that drops a partner keeps its history, and the runs
// go on being numbered.
func (s *suite) testHistorySurvivesReplace(t *testing.T) {
	st := s.store(t)
	mustImport(t, st, Sample(), graph.ImportOptions{})
	runs := []graph.MetricRun{{Time: time.Now(), At: date("2019-06"), Ties: "all", Level: "nodes", Values: []graph.MetricValue{
		{Subject: graph.SubjectPartner, ID: "natuur", Metric: "degree", Value: 3},
		{Subject: graph.SubjectPartner, ID: "uni", Metric: "degree", Value: 5},
		{Subject: graph.SubjectUnit, ID: "team2", Metric: "partners", Value: 2},
	}}}
	mustSave(t, st, runs[0])
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "other", Helix: graph.Industry}}}
	validated(e)
	mustImport(t, st, e, graph.ImportOptions{Replace: true})
	checkStored(t, st, e)
	mustImport(t, st, Sample(), graph.ImportOptions{Replace: true})
	runs = append(runs, graph.MetricRun{Time: time.Now(), Ties: "all", Level: "nodes", Values: []graph.MetricValue{
		{Subject: graph.SubjectPartner, ID: "uni", Metric: "degree", Value: 6},
	}})
	if id := mustSave(t, st, runs[1]); id != 2 {
		t.Errorf("SaveMetrics after imports = %d, want 2", id)
	}
	for _, q := range []graph.HistoryQuery{
		{Subject: graph.SubjectPartner, ID: "natuur"}, {Subject: graph.SubjectPartner, ID: "uni", Metric: "degree"},
		{Subject: graph.SubjectUnit, ID: "team2"},
	} {
		checkHistory(t, st, runs, q)
	}
	// The history is no record of the data set.
	if c := mustCounts(t, st); c != Sample().Counts() {
		t.Errorf("Counts = %+v, want those of the data set %+v", c, Sample().Counts())
	}
}

// testHistoryBig saves a run larger than one statement of most stores
// writes.
func (s *suite) testHistoryBig(t *testing.T) {
	st := s.store(t)
	run := graph.MetricRun{Time: time.Now(), Ties: "all", Level: "nodes"}
	metrics := []string{"betweenness", "closeness", "degree", "eigenvector", "pagerank"}
	for i := range 3000 {
		for j, m := range metrics {
			run.Values = append(run.Values, graph.MetricValue{Subject: graph.SubjectPartner, ID: fmt.Sprintf("p%05d", i), Metric: m, Value: float64(i) + float64(j)/7})
		}
	}
	mustSave(t, st, run)
	runs := []graph.MetricRun{run}
	for _, id := range []string{"p00000", "p01234", "p02999"} {
		checkHistory(t, st, runs, graph.HistoryQuery{Subject: graph.SubjectPartner, ID: id})
	}
}
