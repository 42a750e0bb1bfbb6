package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/storetest"
	"github.com/ecoscope/ecoscope/internal/mounttest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "ecoscope.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStoreParallelLoad runs the suite with every Load reading its ties on
// a second connection.
func TestStoreParallelLoad(t *testing.T) {
	defer func(n int) { parallelTies = n }(parallelTies)
	parallelTies = 1
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(t.Context(), filepath.Join(t.TempDir(), "ecoscope.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestLoadStaleSecondConnection makes an import commit between the
// snapshots of the two connections of a Load: the Load must notice and
// still return the data of its first snapshot.
func TestLoadStaleSecondConnection(t *testing.T) {
	defer func(n int, hook func()) { parallelTies, testHookAside = n, hook }(parallelTies, testHookAside)
	parallelTies = 1
	s := openTemp(t)
	before := storetest.Sample()
	if _, err := s.Import(t.Context(), before, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	after := storetest.Sample()
	after.Ties = after.Ties[:2]
	var once sync.Once
	ran := false
	testHookAside = func() {
		once.Do(func() {
			ran = true
			if _, err := s.Import(context.Background(), after, graph.ImportOptions{Replace: true}); err != nil {
				t.Errorf("Import in the hook: %v", err)
			}
		})
	}
	got, err := s.Load(t.Context(), graph.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if !ran {
		t.Fatal("the Load did not use a second connection")
	}
	if d := storetest.Diff(got, before); d != "" {
		t.Errorf("Load across an import is not the data before it:\n%s", d)
	}
	if got, _ := s.Load(t.Context(), graph.Query{}); storetest.Diff(got, after) != "" {
		t.Errorf("the next Load is not the data after the import:\n%s", storetest.Diff(got, after))
	}
}

// TestConnectionSettings checks the settings of every connection of the
// pool, after imports that turn foreign keys off for a while.
func TestConnectionSettings(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	for range 3 {
		if _, err := s.Import(ctx, storetest.Sample(), graph.ImportOptions{Replace: true}); err != nil {
			t.Fatal(err)
		}
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	// Hold every connection of the pool at once.
	conns := make([]*conn, 0, 4)
	var mu sync.Mutex
	var wg sync.WaitGroup
	release := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go s.withConn(ctx, func(c *conn) error {
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Done()
			<-release
			return nil
		})
	}
	wg.Wait()
	for i, c := range conns {
		for pragma, want := range map[string]int64{"foreign_keys": 1, "busy_timeout": 10000, "synchronous": 1} {
			var got int64
			err := c.each("PRAGMA "+pragma, nil, func(v []driver.Value) error { got = c.int(v[0]); return nil })
			if err != nil || got != want {
				t.Errorf("connection %d: %s = %d (%v), want %d", i, pragma, got, err, want)
			}
		}
	}
	close(release)
}

func TestMigrations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ecoscope.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	type applied struct {
		version     int
		name, stamp string
	}
	read := func() ([]applied, int64) {
		s, err := Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		rows, err := s.db.QueryContext(t.Context(), "SELECT version, name, applied FROM schema_migration ORDER BY version")
		if err != nil {
			t.Fatal(err)
		}
		var as []applied
		for rows.Next() {
			var a applied
			if err := rows.Scan(&a.version, &a.name, &a.stamp); err != nil {
				t.Fatal(err)
			}
			as = append(as, a)
		}
		var id int64
		if err := s.db.QueryRowContext(t.Context(), "PRAGMA application_id").Scan(&id); err != nil {
			t.Fatal(err)
		}
		return as, id
	}
	first, id := read()
	if len(first) != len(ms) {
		t.Fatalf("%d migrations applied, want %d", len(first), len(ms))
	}
	for i, a := range first {
		if a.version != i+1 || a.name != ms[i].name || a.stamp == "" {
			t.Errorf("migration %d: %+v, want version %d, name %s and a time", i, a, i+1, ms[i].name)
		}
	}
	if id != applicationID {
		t.Errorf("application_id = %#x, want %#x", id, applicationID)
	}
	again, _ := read()
	if !slices.Equal(first, again) {
		t.Errorf("reopening changed the migrations applied: %+v, then %+v", first, again)
	}
}

// TestIntegrity checks the references and the file after imports of every
// kind, since imports write with foreign key checks off.
func TestIntegrity(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	e := storetest.Sample()
	steps := []struct {
		e    *graph.Ecosystem
		opts graph.ImportOptions
	}{
		{e, graph.ImportOptions{}},
		{storetest.Sample(), graph.ImportOptions{}},
		{&graph.Ecosystem{Partners: e.Partners[:3], People: e.People[:1]}, graph.ImportOptions{Replace: true}},
		{storetest.Sample(), graph.ImportOptions{Replace: true}},
	}
	for i, step := range steps {
		if _, err := s.Import(ctx, step.e, step.opts); err != nil {
			t.Fatalf("import %d: %v", i, err)
		}
		rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var table, parent string
			var rowid, fk any
			rows.Scan(&table, &rowid, &parent, &fk)
			t.Errorf("after import %d: a row of %s (rowid %v) refers to a missing row of %s", i, table, rowid, parent)
		}
		var ok string
		if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("after import %d: integrity_check %q (%v)", i, ok, err)
		}
	}
}

func TestDateCodes(t *testing.T) {
	var c dateCache
	for _, s := range []string{"", "0001", "2019", "2019-03", "2019-03-05", "2020-02-29", "9999-12-31"} {
		d := graph.MustParseDate(s)
		got, err := c.date(dateCode(d))
		if err != nil || got != d || got.String() != s {
			t.Errorf("date %q: code %d decodes to %q (%v)", s, dateCode(d), got, err)
		}
	}
	for _, code := range []int64{-1, 20190005, 20191300, 20190230, 100000000} {
		if d, err := c.date(code); err == nil {
			t.Errorf("code %d decodes to %q, want an error", code, d)
		}
	}
	// The order of codes is the order of first days.
	a, b := graph.MustParseDate("2019-12"), graph.MustParseDate("2019-12-01")
	if dateCode(a) >= dateCode(b) || int64(a.Start()) != dateCode(b) {
		t.Errorf("codes %d, %d: want the month before its first day", dateCode(a), dateCode(b))
	}
}

func TestSortRows(t *testing.T) {
	type row struct {
		a, b int64
		s    string
		c    int64
		orig int
	}
	r := rand.New(rand.NewPCG(1, 2))
	rows := make([]row, 5000)
	for i := range rows {
		rows[i] = row{a: r.Int64N(50), b: r.Int64N(4), s: []string{"b", "a", "", "c", "ab"}[r.IntN(5)], c: r.Int64N(3), orig: i}
	}
	want := slices.Clone(rows)
	slices.SortStableFunc(want, func(x, y row) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), strings.Compare(x.s, y.s), cmp.Compare(x.c, y.c))
	})
	for _, n := range []int64{50, 1 << 40} { // buckets, and numbers too sparse for them
		got := slices.Clone(rows)
		sortRows(got, n, func(x *row) (int64, int64, string, int64) { return x.a, x.b, x.s, x.c })
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: sortRows differs from a stable sort", n)
		}
	}
}

// makeSchema1 makes a store at path with the first schema and two partners
// tied by a project since 2019.
func makeSchema1(t *testing.T, path string) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(path, modeWrite))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"PRAGMA journal_mode = WAL",
		`CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`,
		ms[0].sql,
		"INSERT INTO schema_migration VALUES (1, '" + ms[0].name + "', '2026-01-01T00:00:00Z')",
		"INSERT INTO actor (id, key) VALUES (1, 'a'), (2, 'b')",
		"INSERT INTO partner VALUES (1, 'A', 'academia', 'public', '', '', 0, 0), (2, 'B', 'industry', 'private', '', '', 0, 0)",
		"INSERT INTO tie_type (id, name) VALUES (1, 'project')",
		"INSERT INTO tie (source, target, type, since, until, weight, directed) VALUES (1, 2, 1, 20190000, 0, 2.5, 0)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
}

// TestReadOnlyOlderSchema: a reader brings a store with an older schema up
// to date where it can write it, and says what to do where it cannot.
func TestReadOnlyOlderSchema(t *testing.T) {
	dir := mounttest.Tmpfs(t, "4m")
	path := filepath.Join(dir, "old.db")
	makeSchema1(t, path)
	copied := filepath.Join(dir, "copy.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly of an older schema: %v", err)
	}
	if c, err := r.Counts(t.Context()); err != nil || c.Ties != 1 {
		t.Errorf("Counts = %+v, %v; want 1 tie", c, err)
	}
	r.Close()

	mounttest.ReadOnly(t, dir)
	_, err = OpenReadOnly(t.Context(), copied)
	if err == nil || !strings.Contains(err.Error(), "schema version 1, older") || !strings.Contains(err.Error(), "ecoscope import") {
		t.Errorf("OpenReadOnly of an older schema on a read-only disk: error %v, want one that says the schema is older and what to do", err)
	}
}

// TestMigrateTieID opens a store made by the first schema, with ties, and
// checks that migration 2 keeps every tie (with an empty id) and lets ties
// that differ only in their id be imported after it.
func TestMigrateTieID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	makeSchema1(t, path)
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, err := s.Load(t.Context(), graph.Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Tie{Source: "a", Target: "b", Type: "project", Weight: 2.5, Period: graph.Period{Since: graph.MustParseDate("2019")}}
	if len(e.Ties) != 1 || e.Ties[0] != want {
		t.Fatalf("ties after migration = %+v, want %+v", e.Ties, want)
	}
	// Two more ties with the same ends, type and since, told apart by ids.
	next := &graph.Ecosystem{Partners: e.Partners, Ties: []graph.Tie{want, want, want}}
	next.Ties[1].ID, next.Ties[2].ID = "p1", "p2"
	if err := next.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	stats, err := s.Import(t.Context(), next, graph.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Added.Ties != 2 || stats.Unchanged.Ties != 1 {
		t.Errorf("import after migration: %+v, want 2 ties added and 1 unchanged", stats)
	}
}

// TestBadConnMessage: an error that retires a connection says only what
// went wrong (issue 9: a full disk added a line "driver: bad connection").
func TestBadConnMessage(t *testing.T) {
	cause := errors.New("database or disk is full (13)")
	err := errBadConn(cause)
	if !errors.Is(err, driver.ErrBadConn) || !errors.Is(err, cause) {
		t.Errorf("errBadConn(%v) does not wrap both the cause and driver.ErrBadConn", cause)
	}
	if got := err.Error(); got != cause.Error() {
		t.Errorf("message %q, want %q", got, cause.Error())
	}
}

// TestReadersDuringImport starts readers in the middle of an import, each
// with a Store of its own as another process would: they neither wait for
// the import nor fail, and see the data committed before it (issue 9: every
// read failed with SQLITE_BUSY after 10 s while an import was written).
func TestReadersDuringImport(t *testing.T) {
	defer func(hook func()) { testHookBeforeCommit = hook }(testHookBeforeCommit)
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	w, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	before, after := storetest.Sample(), storetest.Sample()
	after.Ties = after.Ties[:2]
	if _, err := w.Import(t.Context(), before, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ran := false
	testHookBeforeCommit = func() {
		ran = true
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				start := time.Now()
				r, err := OpenReadOnly(t.Context(), path)
				if err != nil {
					t.Errorf("OpenReadOnly during an import: %v", err)
					return
				}
				defer r.Close()
				got, err := r.Load(t.Context(), graph.Query{})
				if err != nil {
					t.Errorf("Load during an import: %v", err)
					return
				}
				if d := storetest.Diff(got, before); d != "" {
					t.Errorf("Load during an import is not the data before it:\n%s", d)
				}
				if took := time.Since(start); took > 5*time.Second {
					t.Errorf("a reader took %v: it waited for the import", took)
				}
			})
		}
		wg.Wait()
	}
	if _, err := w.Import(t.Context(), after, graph.ImportOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if !ran {
		t.Fatal("the hook did not run")
	}
	r, err := OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, _ := r.Load(t.Context(), graph.Query{}); storetest.Diff(got, after) != "" {
		t.Errorf("a reader after the import does not see it:\n%s", storetest.Diff(got, after))
	}
}
