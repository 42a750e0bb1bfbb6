package sqlite

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/internal/mounttest"
)

// makeSchema2 makes a store at path with the second schema, the last
// before the metric history, holding what makeSchema1 puts in.
func makeSchema2(t *testing.T, path string) {
	t.Helper()
	makeSchema1(t, path)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(path, modeWrite))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{ms[1].sql, "INSERT INTO schema_migration VALUES (2, '" + ms[1].name + "', '2026-01-01T00:00:00Z')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var partnerQuery = graph.HistoryQuery{Subject: graph.SubjectPartner, ID: "a"}

// TestHistoryOlderSchema: a store made before the metric history (schema
// 2) is brought up to date by a reader where it can be written, and read
// as it is where it cannot: its data loads and its history is empty, not
// an error (`ecoscope metrics` and `ecoscope history` work on it).
func TestHistoryOlderSchema(t *testing.T) {
	dir := mounttest.Tmpfs(t, "4m")
	path := filepath.Join(dir, "old.db")
	makeSchema2(t, path)
	copied := filepath.Join(dir, "copy.db")
	copyFile(t, path, copied)

	r, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly of schema 2: %v", err)
	}
	if r.version != historyVersion {
		t.Errorf("schema version after a read-only open where it can be written: %d, want %d", r.version, historyVersion)
	}
	if ps, err := r.History(t.Context(), partnerQuery); err != nil || len(ps) != 0 {
		t.Errorf("History = %v, %v; want none", ps, err)
	}
	r.Close()
	w, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	run := graph.MetricRun{Time: time.Now(), Ties: "all", Level: "nodes", Values: []graph.MetricValue{{Subject: graph.SubjectPartner, ID: "a", Metric: "degree", Value: 1}}}
	if id, err := w.SaveMetrics(t.Context(), run); err != nil || id != 1 {
		t.Errorf("SaveMetrics on a migrated store = %d, %v; want 1", id, err)
	}
	w.Close()

	mounttest.ReadOnly(t, dir)
	r, err = OpenReadOnly(t.Context(), copied)
	if err != nil {
		t.Fatalf("OpenReadOnly of schema 2 on a read-only disk: %v", err)
	}
	defer r.Close()
	if r.version != 2 {
		t.Errorf("schema version of a store read where it cannot be written: %d, want 2", r.version)
	}
	if c, err := r.Counts(t.Context()); err != nil || c.Ties != 1 {
		t.Errorf("Counts = %+v, %v; want 1 tie", c, err)
	}
	if e, err := r.Load(t.Context(), graph.Query{At: graph.MustParseDate("2020")}); err != nil || len(e.Ties) != 1 {
		t.Errorf("Load = %v, %v; want 1 tie", e, err)
	}
	if ps, err := r.History(t.Context(), partnerQuery); err != nil || len(ps) != 0 {
		t.Errorf("History of schema 2 on a read-only disk = %v, %v; want none and no error", ps, err)
	}
	if _, err := r.History(t.Context(), graph.HistoryQuery{Subject: "edge"}); err == nil {
		t.Error("History of a bad query on schema 2: no error")
	}
	if _, err := r.SaveMetrics(t.Context(), run); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveMetrics on a read-only store: %v, want ErrReadOnly", err)
	}
	// Nor can it be opened for writing there: saving needs the upgrade.
	if _, err := Open(t.Context(), copied); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "not writable") {
		t.Errorf("Open of a store on a read-only disk: %v, want ErrReadOnly", err)
	}
}

// TestSaveMetricsReadOnly: a store opened read-only saves nothing.
func TestSaveMetricsReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	w, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	r, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	run := graph.MetricRun{Time: time.Now(), Ties: "all", Level: "network", Values: []graph.MetricValue{{Subject: graph.SubjectNetwork, Metric: "density", Value: 1}}}
	if _, err := r.SaveMetrics(t.Context(), run); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveMetrics on a store opened read-only: %v, want ErrReadOnly", err)
	}
}

func TestHistoryCatalog(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.MetricRuns(t.Context()); n != 0 || err != nil {
		t.Errorf("MetricRuns of a new store = %d, %v", n, err)
	}
	for _, vs := range [][]graph.MetricValue{
		{{Subject: graph.SubjectPartner, ID: "b", Metric: "degree", Value: 1}, {Subject: graph.SubjectPartner, ID: "a", Metric: "degree", Value: 1}},
		{{Subject: graph.SubjectPartner, ID: "b", Metric: "degree", Value: 2}, {Subject: graph.SubjectUnit, ID: "u", Metric: "size", Value: 2}},
	} {
		if _, err := s.SaveMetrics(t.Context(), graph.MetricRun{Time: time.Now(), Values: vs}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.MetricRuns(t.Context()); n != 2 || err != nil {
		t.Errorf("MetricRuns = %d, %v; want 2", n, err)
	}
	for subject, want := range map[graph.MetricSubject]string{graph.SubjectPartner: "a b", graph.SubjectUnit: "u", graph.SubjectNetwork: ""} {
		ids, err := s.HistoryIDs(t.Context(), subject)
		if got := strings.Join(ids, " "); got != want || err != nil {
			t.Errorf("HistoryIDs(%s) = %q, %v; want %q", subject, got, err, want)
		}
	}
}
