package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ecoscope/ecoscope/graph"

	"modernc.org/sqlite" // registers the driver "sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DefaultPath is the file of the store unless configured otherwise.
const DefaultPath = "ecoscope.db"

// applicationID marks an ecoscope store in the header of the file: 'ECOS'.
// migrations/0001_init.sql sets it.
const applicationID = 0x45434f53

// ErrNotStore is wrapped by the error of Open for a file that is not an
// ecoscope store: not an SQLite database, or one made by something else.
var ErrNotStore = errors.New("not an ecoscope database")

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a graph.Store in an SQLite database file. It is safe for
// concurrent use: loads run in parallel, each on a snapshot of the data, and
// imports take turns.
type Store struct {
	db    *sql.DB
	path  string
	aside sync.Mutex // held by the one Load that reads on a second connection
}

var _ graph.Store = (*Store)(nil)

// Open opens the store in the file at path, creating the file when it is
// missing, and brings its schema up to date. The file is kept in WAL mode,
// so while it is open two files sit next to it: path-wal and path-shm.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// dsn is the name of the database for the driver: a file: URI, so that any
// path works, with the settings every connection gets.
//
//   - busy_timeout: wait up to 10 s for a lock another process holds.
//   - foreign_keys: enforce the references of the schema. Import turns
//     them off for its own transaction only, since it resolves every
//     reference itself (see Import).
//   - synchronous=NORMAL: with WAL, a commit survives a crash of the
//     program; one that has not reached a checkpoint yet may be lost in a
//     power failure, but the file is never corrupted.
//   - _txlock=immediate: a write transaction takes the write lock when it
//     begins, so two writers wait for each other instead of failing.
//     Read-only transactions begin as usual.
//
// The page cache keeps its default size (2 MiB): a larger one made neither
// imports nor loads measurably faster.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	u := url.URL{Path: filepath.Clean(path)} // Clean: "//x" would name a host
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// Path returns the path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database. When no other process has it open, SQLite
// moves what is in the WAL into the database file and removes path-wal and
// path-shm.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// Counts returns the number of records stored of each kind.
func (s *Store) Counts(ctx context.Context) (graph.Counts, error) {
	var c graph.Counts
	err := s.db.QueryRowContext(ctx, countsSQL).Scan(&c.Partners, &c.People, &c.Units, &c.Memberships, &c.Ties, &c.Values)
	if err != nil {
		return graph.Counts{}, fmt.Errorf("sqlite: counts: %w", err)
	}
	return c, nil
}

// migration is one file of migrations/: NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order, numbered 1, 2, ...
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for i, name := range names { // fs.Glob sorts
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want the name %04d_name.sql", base, i+1)
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// migrate checks that the file is an ecoscope store, or a new one, and
// applies the migrations it lacks, all in one transaction. The version of
// the schema is the number of the last migration applied, kept with the
// name and time of every migration in the table schema_migration.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx) // the settings of the connection read the file
	if err != nil {
		return notStore(err)
	}
	defer conn.Close()

	// Nothing is written before we know the file is ours.
	var appID, objects int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return notStore(err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return notStore(err)
	}
	if appID != applicationID && (appID != 0 || objects > 0) {
		return fmt.Errorf("%w: an SQLite database with application id %#x and %d schema objects", ErrNotStore, appID, objects)
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("set WAL mode: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("set WAL mode: the journal mode is still %s", mode)
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL,
		applied TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	var version int
	if err := tx.QueryRowContext(ctx, "SELECT ifnull(max(version), 0) FROM schema_migration").Scan(&version); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if version > len(ms) {
		return fmt.Errorf("the schema has version %d, newer than this ecoscope knows (%d): use a newer ecoscope", version, len(ms))
	}
	for _, m := range ms[version:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migration (version, name, applied) VALUES (?, ?, ?)",
			m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// notStore wraps the error of the first read of a file: SQLite fails there
// when the file is not a database.
func notStore(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB {
		return fmt.Errorf("%w: %w", ErrNotStore, err)
	}
	return err
}
