package neo4j

// The tests in this file need a Neo4j 5 server: they run when
// ECOSCOPE_TEST_NEO4J_URI is set (with _USER, _PASSWORD and _DATABASE) and
// skip otherwise. THEY DELETE EVERYTHING IN THAT DATABASE: give them a
// throwaway one (docs/neo4j.md).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/storetest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// serverConfig returns the configuration of the test server, or skips.
func serverConfig(t *testing.T) Config {
	t.Helper()
	uri := os.Getenv("ECOSCOPE_TEST_NEO4J_URI")
	if uri == "" {
		t.Skip("no Neo4j server: set ECOSCOPE_TEST_NEO4J_URI (and ECOSCOPE_TEST_NEO4J_USER, _PASSWORD, _DATABASE) to a throwaway database to run this test; see docs/neo4j.md")
	}
	return Config{
		URI: uri, User: os.Getenv("ECOSCOPE_TEST_NEO4J_USER"), Password: os.Getenv("ECOSCOPE_TEST_NEO4J_PASSWORD"),
		Database: os.Getenv("ECOSCOPE_TEST_NEO4J_DATABASE"),
	}
}

// openEmpty opens the test database with cfg after deleting everything in
// it.
func openEmpty(t *testing.T, cfg Config) *Store {
	t.Helper()
	s, err := Open(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	sess := s.session(t.Context(), neo4j.AccessModeWrite)
	defer sess.Close(t.Context())
	if err := s.drain(t.Context(), sess, testWipe, 0); err != nil {
		t.Fatalf("emptying the test database: %v", err)
	}
	return s
}

func TestServerConformance(t *testing.T) {
	cfg := serverConfig(t)
	t.Run("OneTransaction", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t, cfg) })
	})
	// The same suite with imports cut into many transactions of a few
	// hundred records: generations, undo and waiting reads.
	t.Run("ManyTransactions", func(t *testing.T) {
		small := cfg
		small.TxRecords, small.BatchSize = 700, 150
		storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t, small) })
	})
}

func TestServerWrongPassword(t *testing.T) {
	cfg := serverConfig(t)
	if cfg.User == "" {
		t.Skip("the test server has no authentication")
	}
	cfg.Password += "-wrong"
	start := time.Now()
	s, err := Open(t.Context(), cfg)
	if err == nil {
		s.Close()
		t.Fatal("Open with a wrong password succeeded")
	}
	var ce *ConnectError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "password is wrong") || strings.Contains(err.Error(), cfg.Password) {
		t.Errorf("Open with a wrong password: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestServerUnknownDatabase(t *testing.T) {
	cfg := serverConfig(t)
	cfg.Database = "ecoscope-no-such-db"
	s, err := Open(t.Context(), cfg)
	if err == nil {
		s.Close()
		t.Fatal("Open of an unknown database succeeded")
	}
	if !strings.Contains(err.Error(), `database "ecoscope-no-such-db" does not exist`) {
		t.Errorf("Open of an unknown database: %v", err)
	}
}

// TestServerConnectionLost loses the connection in the middle of an import
// in several transactions (the driver is closed under it, as when the
// process loses the network for good): the import fails, and once its
// mark is stale the next read undoes it, leaving the data as before.
func TestServerConnectionLost(t *testing.T) {
	cfg := serverConfig(t)
	cfg.TxRecords, cfg.BatchSize = 500, 100
	staleAfter = "PT1S"
	t.Cleanup(func() { staleAfter = "PT2M"; testHookAfterChunk = nil })

	s := openEmpty(t, cfg)
	base, next := storetest.Sample(), bigOf(1500)
	if _, err := s.Import(t.Context(), base, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var lost atomic.Bool
	testHookAfterChunk = func(s *Store, n int) {
		if n >= 2 && !lost.Swap(true) {
			s.driver.Close(context.Background())
		}
	}
	if _, err := s.Import(t.Context(), next, graph.ImportOptions{Replace: true}); err == nil {
		t.Fatal("Import with the connection lost succeeded")
	} else {
		t.Logf("Import with the connection lost: %v", err)
	}
	testHookAfterChunk = nil
	time.Sleep(1500 * time.Millisecond)

	s2, err := Open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Load(t.Context(), graph.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(got, base); d != "" {
		t.Errorf("after a lost import the store is not as before:\n%s", d)
	}
	if c, err := s2.Counts(t.Context()); err != nil || c != storetest.Canonical(base).Counts() {
		t.Errorf("Counts %+v, %v; want %+v", c, err, base.Counts())
	}
	// And the import goes through when tried again.
	if _, err := s2.Import(t.Context(), next, graph.ImportOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
}

// TestServerTerminated terminates the transaction of an import in several
// on the server (TERMINATE TRANSACTIONS): the import fails, undoes itself
// at once, and nothing of it is left.
func TestServerTerminated(t *testing.T) {
	cfg := serverConfig(t)
	cfg.TxRecords, cfg.BatchSize = 500, 100
	t.Cleanup(func() { testHookAfterChunk = nil })
	s := openEmpty(t, cfg)
	defer s.Close()
	base := storetest.Sample()
	if _, err := s.Import(t.Context(), base, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	other, err := Open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var done atomic.Bool
	testHookAfterChunk = func(_ *Store, n int) {
		if n < 2 || done.Swap(true) {
			return
		}
		// Terminate the next transaction as soon as it shows.
		go func() {
			for range 200 {
				sess := other.session(context.Background(), neo4j.AccessModeWrite)
				var ids []string
				_, err := neo4j.ExecuteRead(context.Background(), sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
					return struct{}{}, each(context.Background(), tx, testTransactions, map[string]any{"text": "UNWIND"}, func(r *neo4j.Record) error {
						id, err := get[string](r, "id")
						ids = append(ids, id)
						return err
					})
				})
				if err == nil && len(ids) > 0 {
					_, err = neo4j.ExecuteWrite(context.Background(), sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
						return struct{}{}, runTx(context.Background(), tx, testTerminate, map[string]any{"ids": ids})
					})
					if err != nil {
						t.Logf("TERMINATE TRANSACTIONS: %v", err)
					}
					sess.Close(context.Background())
					return
				}
				sess.Close(context.Background())
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	_, err = s.Import(t.Context(), bigOf(3000), graph.ImportOptions{Replace: true})
	t.Logf("Import with a transaction terminated: %v", err)
	got, lerr := s.Load(t.Context(), graph.Query{})
	if lerr != nil {
		t.Fatal(lerr)
	}
	if err != nil {
		if d := storetest.Diff(got, base); d != "" {
			t.Errorf("after a failed import the store is not as before:\n%s", d)
		}
	} else {
		t.Log("the import finished before the termination reached it")
	}
}

// bigOf returns a valid data set of n partners with a tie each.
func bigOf(n int) *graph.Ecosystem {
	e := &graph.Ecosystem{Name: "big"}
	for i := range n {
		e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Partner %d", i), Helix: graph.Helices[i%5]})
		if i > 0 {
			e.Ties = append(e.Ties, graph.Tie{Source: fmt.Sprintf("p%d", i-1), Target: fmt.Sprintf("p%d", i), Weight: 1})
		}
	}
	return e
}

// TestServerScript runs a script from WriteScript on an empty database,
// statement by statement as cypher-shell would, and loads it back.
func TestServerScript(t *testing.T) {
	cfg := serverConfig(t)
	s := openEmpty(t, cfg)
	defer s.Close()
	for name, e := range map[string]*graph.Ecosystem{"sample": storetest.Sample(), "nasty": nastyEcosystem()} {
		t.Run(name, func(t *testing.T) {
			sess := s.session(t.Context(), neo4j.AccessModeWrite)
			defer sess.Close(t.Context())
			if err := s.drain(t.Context(), sess, testWipe, 0); err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := WriteScript(&b, e, ScriptOptions{BatchSize: 5}); err != nil {
				t.Fatal(err)
			}
			for _, text := range splitScript(b.String()) {
				st := statement{name: "script", text: text}
				if _, err := neo4j.ExecuteWrite(t.Context(), sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
					return struct{}{}, runTx(t.Context(), tx, st, nil)
				}); err != nil {
					t.Fatalf("%s: %v", text[:min(len(text), 80)], err)
				}
			}
			got, err := s.Load(t.Context(), graph.Query{})
			if err != nil {
				t.Fatal(err)
			}
			if d := storetest.Diff(got, e); d != "" {
				t.Errorf("the script's data differ:\n%s", d)
			}
			// And the store sees it as its own: importing it again changes nothing.
			stats, err := s.Import(t.Context(), e, graph.ImportOptions{})
			if err != nil || stats != (graph.ImportStats{Unchanged: e.Counts()}) {
				t.Errorf("Import after the script: %+v, %v", stats, err)
			}
		})
	}
}

func TestServerHistory(t *testing.T) {
	cfg := serverConfig(t)
	s := openEmpty(t, cfg)
	defer s.Close()
	if _, err := s.Import(t.Context(), storetest.Sample(), graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	runs := []graph.MetricRun{
		{Time: t0, At: graph.MustParseDate("2019"), Ties: "all", Level: "nodes", Values: []graph.MetricValue{
			{Subject: graph.SubjectPartner, ID: "uni", Metric: "degree", Value: 3},
			{Subject: graph.SubjectPartner, ID: "uni", Metric: "betweenness", Value: 0.5},
			{Subject: graph.SubjectPartner, ID: "hs", Metric: "betweenness", Value: 0.25},
			{Subject: graph.SubjectNetwork, Metric: "density", Value: 0.4},
		}},
		{Time: t0.Add(time.Hour), Ties: "explicit", Level: "nodes", Unit: "eco", Values: []graph.MetricValue{
			{Subject: graph.SubjectPartner, ID: "uni", Metric: "betweenness", Value: 0.75},
		}},
	}
	for i, r := range runs {
		id, err := s.SaveMetrics(t.Context(), r)
		if err != nil || id != int64(i+1) {
			t.Fatalf("SaveMetrics: %d, %v; want %d", id, err, i+1)
		}
	}
	got, err := s.History(t.Context(), graph.HistoryQuery{Subject: graph.SubjectPartner, ID: "uni"})
	if err != nil {
		t.Fatal(err)
	}
	var flat []string
	for _, p := range got {
		flat = append(flat, fmt.Sprintf("run %d %s at %s: %s=%v", p.Run.ID, p.Run.Time.Format(time.RFC3339), p.Run.At, p.Metric, p.Value))
	}
	if len(got) != 3 || !got[0].Run.Time.Equal(t0) || got[0].Run.At != graph.MustParseDate("2019") || got[0].Run.ID != 1 || got[0].Metric != "betweenness" || got[1].Metric != "degree" || got[2].Run.ID != 2 || got[2].Value != 0.75 || got[2].Run.Unit != "eco" {
		t.Errorf("History: %v", flat)
	}
	// The latest values on the nodes: hs's betweenness of run 1 is cleared.
	props := func(id string) map[string]any {
		sess := s.session(t.Context(), neo4j.AccessModeRead)
		defer sess.Close(t.Context())
		var p map[string]any
		_, err := neo4j.ExecuteRead(t.Context(), sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, each(t.Context(), tx, testNodeProps, map[string]any{"id": id}, func(r *neo4j.Record) error {
				var err error
				p, err = get[map[string]any](r, "p")
				return err
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := props("uni"); p["ecoscope_betweenness"] != 0.75 || p["ecoscope_degree"] != nil {
		t.Errorf("uni: %v", p)
	}
	if p := props("hs"); p["ecoscope_betweenness"] != nil {
		t.Errorf("hs: %v, want its ecoscope_ properties cleared", p)
	}
	// A Replace that drops a partner keeps its history.
	small := &graph.Ecosystem{Partners: []graph.Partner{{ID: "hs"}}}
	if _, err := s.Import(t.Context(), small, graph.ImportOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.History(t.Context(), graph.HistoryQuery{Subject: graph.SubjectPartner, ID: "uni", Metric: "betweenness"}); err != nil || len(got) != 2 {
		t.Errorf("history of a partner dropped: %d points, %v", len(got), err)
	}
}
