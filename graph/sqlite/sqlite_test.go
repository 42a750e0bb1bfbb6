package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/sqlite"
	"github.com/ecoscope/ecoscope/graph/storetest"
	"github.com/ecoscope/ecoscope/internal/mounttest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		return open(t, filepath.Join(t.TempDir(), "ecoscope.db"))
	})
}

// open opens the store at path; the caller closes it.
func open(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustImport(t *testing.T, s *sqlite.Store, e *graph.Ecosystem, opts graph.ImportOptions) graph.ImportStats {
	t.Helper()
	stats, err := s.Import(t.Context(), e, opts)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func checkStored(t *testing.T, s *sqlite.Store, want *graph.Ecosystem) {
	t.Helper()
	got, err := s.Load(t.Context(), graph.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(got, want); d != "" {
		t.Errorf("stored data differs:\n%s", d)
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	s := open(t, path)
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err != nil {
			t.Errorf("while open: %v", err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The last connection to close moves the WAL into the file: the file
	// alone holds the data, and can be copied.
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("after Close, %s%s: %v, want it gone", filepath.Base(path), side, err)
		}
	}
	copied := filepath.Join(t.TempDir(), "copy.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, copied} {
		s := open(t, p)
		checkStored(t, s, storetest.Sample())
		stats := mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
		if stats.Unchanged != storetest.Sample().Counts() {
			t.Errorf("%s: re-import after reopening: %+v, want all unchanged", filepath.Base(p), stats)
		}
		s.Close()
	}
}

func TestNotAStore(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database\n", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	// An SQLite database of another program.
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{text, other} {
		before, _ := os.ReadFile(path)
		s, err := sqlite.Open(t.Context(), path)
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, sqlite.ErrNotStore) || !strings.Contains(err.Error(), filepath.Base(path)) {
			t.Errorf("Open(%s): error %v, want one that names the file and wraps sqlite.ErrNotStore", filepath.Base(path), err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("Open(%s) changed the file", filepath.Base(path))
		}
	}
	// An empty file is a new store.
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	open(t, empty).Close()
	// A directory that does not exist is an error that names the path.
	missing := filepath.Join(dir, "no", "such", "dir", "ecoscope.db")
	if s, err := sqlite.Open(t.Context(), missing); err == nil || !strings.Contains(err.Error(), missing) {
		if err == nil {
			s.Close()
		}
		t.Errorf("Open in a missing directory: error %v, want one naming %s", err, missing)
	}
}

func TestNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	open(t, path).Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO schema_migration (version, name, applied) VALUES (99, '0099_future.sql', '2030-01-01T00:00:00Z')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := sqlite.Open(t.Context(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a store with a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "version 99") {
		t.Errorf("error %q, want it to name version 99", err)
	}
}

func TestPathWithOddCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my data?#%20 & more.db")
	s := open(t, path)
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the store is not at the path given: %v", err)
	}
	s = open(t, path)
	defer s.Close()
	checkStored(t, s, storetest.Sample())
}

func TestInvalidImportMessage(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "ecoscope.db"))
	defer s.Close()
	e := storetest.Sample()
	e.Ties = append(e.Ties,
		graph.Tie{Source: "uni", Target: "nobody", Weight: 1, Pos: graph.Pos{File: "ties.csv", Line: 13}},
		graph.Tie{Source: "nemo", Target: "uni", Weight: 1, Pos: graph.Pos{File: "ties.csv", Line: 14}},
	)
	e.People = append(e.People, graph.Person{ID: "p.x", Partner: "p.jansen", Pos: graph.Pos{File: "people.csv", Line: 6}})
	_, err := s.Import(t.Context(), e, graph.ImportOptions{})
	var ve *graph.ValidationError
	if !errors.Is(err, graph.ErrInvalid) || !errors.As(err, &ve) || len(ve.Problems) != 3 {
		t.Fatalf("error %v, want graph.ErrInvalid and a *graph.ValidationError with 3 problems", err)
	}
	for _, want := range []string{
		`ties.csv:13: target: unknown partner or person "nobody"`,
		`ties.csv:14: source: unknown partner or person "nemo"`,
		`people.csv:6: partner: "p.jansen" is a person, not a partner`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestImportAgainstStored: without Replace, a data set may name records
// stored before; with Replace it must hold all it names.
func TestImportAgainstStored(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "ecoscope.db"))
	defer s.Close()
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	more := &graph.Ecosystem{
		Partners:    []graph.Partner{{ID: "new", Name: "New B.V.", Helix: graph.Industry, Sector: graph.Private}},
		Memberships: []graph.Membership{{Unit: "lab2", Member: "new", Role: graph.RoleMember}},
		Ties:        []graph.Tie{{Source: "new", Target: "uni", Weight: 1}},
	}
	stats := mustImport(t, s, more, graph.ImportOptions{})
	if want := (graph.Counts{Partners: 1, Memberships: 1, Ties: 1}); stats.Added != want {
		t.Errorf("added %+v, want %+v", stats.Added, want)
	}
	if _, err := s.Import(t.Context(), more, graph.ImportOptions{Replace: true}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Replace with a data set that names records it lacks: error %v, want graph.ErrInvalid", err)
	}
	// A person of the store cannot become a partner without Replace.
	clash := &graph.Ecosystem{Partners: []graph.Partner{{ID: "p.smit", Name: "Smit", Helix: graph.Industry, Sector: graph.Private}}}
	if _, err := s.Import(t.Context(), clash, graph.ImportOptions{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("a partner with the id of a stored person: error %v, want graph.ErrInvalid", err)
	}
}

func TestReplaceStats(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "ecoscope.db"))
	defer s.Close()
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	e := storetest.Sample()
	e.Partners[0].Name = "UT"                                                     // updated
	e.Ties = e.Ties[1:]                                                           // one tie deleted
	e.Values = e.Values[:len(e.Values)-1]                                         // one value record deleted
	e.Ties = append(e.Ties, graph.Tie{Source: "ghost", Target: "uni", Weight: 1}) // added
	stats := mustImport(t, s, e, graph.ImportOptions{Replace: true})
	c := e.Counts()
	want := graph.ImportStats{
		Added:   graph.Counts{Ties: 1},
		Updated: graph.Counts{Partners: 1},
		Unchanged: graph.Counts{Partners: c.Partners - 1, People: c.People, Units: c.Units, Memberships: c.Memberships,
			Ties: c.Ties - 1, Values: c.Values},
	}
	if stats != want {
		t.Errorf("Replace stats:\n got %+v\nwant %+v", stats, want)
	}
	checkStored(t, s, e)
}

// TestTwoStoresOneFile imports through two Stores on one file at once, as
// two processes would: imports wait for each other.
func TestTwoStoresOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	a, b := open(t, path), open(t, path)
	defer a.Close()
	defer b.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 10 {
		for _, s := range []*sqlite.Store{a, b} {
			wg.Go(func() {
				e := storetest.Sample()
				e.Partners[0].Name = fmt.Sprint("name ", i)
				if _, err := s.Import(context.Background(), e, graph.ImportOptions{}); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ca, err := a.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := storetest.Sample().Counts(); ca != want {
		t.Errorf("Counts = %+v, want %+v", ca, want)
	}
}

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "ecoscope")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	s, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.DefaultPath))
	if err != nil {
		panic(err)
	}
	defer s.Close()
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia, Period: graph.Period{Since: graph.MustParseDate("2016")}},
			{ID: "acme", Helix: graph.Industry, Period: graph.Period{Since: graph.MustParseDate("2019-03")}},
		},
		Ties: []graph.Tie{{Source: "uni", Target: "acme", Type: "project", Period: graph.Period{Since: graph.MustParseDate("2019-04-01")}}},
	}
	if err := e.Validate().Err(); err != nil {
		panic(err)
	}
	stats, err := s.Import(ctx, e, graph.ImportOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("added %d partners and %d tie\n", stats.Added.Partners, stats.Added.Ties)

	then, err := s.Load(ctx, graph.Query{At: graph.MustParseDate("2018")})
	if err != nil {
		panic(err)
	}
	fmt.Printf("in 2018: %d partner, %d ties\n", len(then.Partners), len(then.Ties))
	// Output:
	// added 2 partners and 1 tie
	// in 2018: 1 partner, 0 ties
}

// TestConcurrentFirstImports opens a new store file from many Stores at
// once, as many processes would, and imports into each: creating the store
// is atomic, so every import succeeds (issue 9: 5 of 60 runs failed with
// "set WAL mode: database is locked" or a false "not an ecoscope
// database").
func TestConcurrentFirstImports(t *testing.T) {
	const trials, stores = 15, 6
	for trial := range trials {
		path := filepath.Join(t.TempDir(), "ecoscope.db")
		var wg sync.WaitGroup
		errs := make(chan error, stores)
		for range stores {
			wg.Go(func() {
				s, err := sqlite.Open(context.Background(), path)
				if err != nil {
					errs <- err
					return
				}
				if _, err := s.Import(context.Background(), storetest.Sample(), graph.ImportOptions{}); err != nil {
					errs <- err
				}
				if err := s.Close(); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("trial %d: %v", trial, err)
		}
		s := open(t, path)
		checkStored(t, s, storetest.Sample())
		s.Close()
		if t.Failed() {
			return
		}
	}
}

// sideFiles returns the -wal and -shm files beside path that exist.
func sideFiles(path string) []string {
	var found []string
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			found = append(found, filepath.Base(path+side))
		}
	}
	return found
}

// checkReadOnly reads the store at path with OpenReadOnly and checks that
// writing it is refused with a message that names path and says why, and
// that neither leaves the file changed or files beside it.
func checkReadOnly(t *testing.T, path string, why string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sqlite.OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	checkStored(t, r, storetest.Sample())
	if _, err := r.Import(t.Context(), storetest.Sample(), graph.ImportOptions{}); !errors.Is(err, sqlite.ErrReadOnly) {
		t.Errorf("Import on a store opened read-only: error %v, want sqlite.ErrReadOnly", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	s, err := sqlite.Open(t.Context(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open for writing succeeded")
	}
	if !errors.Is(err, sqlite.ErrReadOnly) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), why) {
		t.Errorf("Open for writing: error %q, want sqlite.ErrReadOnly, the path and %q", err, why)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the store changed")
	}
	if side := sideFiles(path); len(side) > 0 {
		t.Errorf("files left beside the store: %v", side)
	}
}

// TestReadOnlyFileSystem reads a store on a read-only file system (issue 9:
// "unable to open database file").
func TestReadOnlyFileSystem(t *testing.T) {
	dir := mounttest.Tmpfs(t, "8m")
	path := filepath.Join(dir, "ecoscope.db")
	s := open(t, path)
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mounttest.ReadOnly(t, dir)
	checkReadOnly(t, path, "read-only file system")
}

// TestReadOnlyFile reads a store file that cannot be written, in a
// directory that can (issue 9: "attempt to write a readonly database", and
// -wal and -shm left behind).
func TestReadOnlyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	s := open(t, path)
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mounttest.ReadOnlyFile(t, path)
	checkReadOnly(t, path, "not writable")
}

// TestReadOnlyWithWAL reads a store on a read-only file system that was
// made read-only while its WAL still held commits: they are read too.
func TestReadOnlyWithWAL(t *testing.T) {
	dir := mounttest.Tmpfs(t, "8m")
	path := filepath.Join(dir, "ecoscope.db")
	// Copy the three files of a store that is open, as a crash leaves them.
	s := open(t, path)
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	for _, side := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + side)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "copy.db"+side), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	mounttest.ReadOnly(t, dir)
	r, err := sqlite.OpenReadOnly(t.Context(), filepath.Join(dir, "copy.db"))
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	checkStored(t, r, storetest.Sample())
	r.Close()
}

// TestReaderLeavesNoFiles: a reader of a store that no one else has open
// removes the -wal and -shm files it made when it closes.
func TestReaderLeavesNoFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecoscope.db")
	s := open(t, path)
	mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
	s.Close()
	r, err := sqlite.OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	checkStored(t, r, storetest.Sample())
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if side := sideFiles(path); len(side) > 0 {
		t.Errorf("files left beside the store: %v", side)
	}
	// A missing file is not created.
	missing := filepath.Join(t.TempDir(), "none.db")
	if r, err := sqlite.OpenReadOnly(t.Context(), missing); err == nil {
		r.Close()
		t.Error("OpenReadOnly of a missing file succeeded")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenReadOnly created the file")
	}
}

// TestDiskFull imports onto a file system that fills up: while the import
// is written (an error that says the disk is full, in one line, and a store
// as it was) and when the WAL is moved into the file after the import
// committed (issue 9: Close failed silently and left the file alone
// corrupt; now Close fails and says what to do, and what it says works).
func TestDiskFull(t *testing.T) {
	e := generate.Ecosystem(generate.Options{Partners: 2000, Seed: 1})
	if err := e.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	// The size of the store file on a disk with room.
	roomy := filepath.Join(t.TempDir(), "roomy.db")
	s := open(t, roomy)
	mustImport(t, s, e, graph.ImportOptions{})
	s.Close()
	fi, err := os.Stat(roomy)
	if err != nil {
		t.Fatal(err)
	}
	size := fi.Size()

	t.Run("WhileWriting", func(t *testing.T) {
		dir := mounttest.Tmpfs(t, fmt.Sprint(size/2))
		path := filepath.Join(dir, "ecoscope.db")
		s := open(t, path)
		defer s.Close()
		mustImport(t, s, storetest.Sample(), graph.ImportOptions{})
		_, err := s.Import(t.Context(), e, graph.ImportOptions{})
		if err == nil {
			t.Fatal("Import onto a full disk succeeded")
		}
		if msg := err.Error(); !strings.Contains(msg, "disk is full") || strings.Contains(msg, "\n") {
			t.Errorf("error %q, want one line that says the disk is full", msg)
		}
		checkStored(t, s, storetest.Sample())
	})

	t.Run("Checkpoint", func(t *testing.T) {
		// Room for the WAL of the import, not for the file it moves into.
		dir := mounttest.Tmpfs(t, fmt.Sprint(size*8/5))
		path := filepath.Join(dir, "ecoscope.db")
		s := open(t, path)
		mustImport(t, s, e, graph.ImportOptions{})
		err := s.Close()
		if !errors.Is(err, sqlite.ErrCheckpoint) {
			t.Fatalf("Close with the disk full: error %v, want sqlite.ErrCheckpoint", err)
		}
		for _, want := range []string{path, "disk is full", "ecoscope.db-wal", "do not delete", "free disk space"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
		if _, err := os.Stat(path + "-wal"); err != nil {
			t.Fatalf("the WAL is gone: %v", err)
		}
		// What the message says to do: free space, run any command.
		mounttest.Resize(t, dir, fmt.Sprint(4*size))
		r, err := sqlite.OpenReadOnly(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		checkStored(t, r, e)
		if err := r.Close(); err != nil {
			t.Fatalf("Close after freeing space: %v", err)
		}
		if side := sideFiles(path); len(side) > 0 {
			t.Errorf("files left beside the store: %v", side)
		}
		// The file alone now holds everything.
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		copied := filepath.Join(t.TempDir(), "copy.db")
		if err := os.WriteFile(copied, b, 0o644); err != nil {
			t.Fatal(err)
		}
		c := open(t, copied)
		defer c.Close()
		checkStored(t, c, e)
	})
}
