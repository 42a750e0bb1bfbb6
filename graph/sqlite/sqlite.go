package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
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

// ErrReadOnly is wrapped by the error of Open for a store that cannot be
// written where it is (a read-only file, directory or file system), and by
// the error of Import on a store opened with OpenReadOnly.
var ErrReadOnly = errors.New("cannot write the store")

// busyTimeout is how long a connection waits for a lock that another holds.
const busyTimeout = 10 * time.Second

// Store is a graph.Store in an SQLite database file. It is safe for
// concurrent use: loads run in parallel, each on a snapshot of the data, and
// imports take turns.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool // opened by OpenReadOnly: Import fails
	// version is the schema version of the store: that of the migrations,
	// except for a store opened read-only where it cannot be brought up to
	// date (see readableFrom).
	version int
	// moveWAL: Close checkpoints the WAL itself, so that a failure is an
	// error (SQLite's checkpoint when the last connection closes fails
	// silently). Not for a store opened read-only where it lies.
	moveWAL bool
	aside   sync.Mutex // held by the one Load that reads on a second connection
}

var _ graph.Store = (*Store)(nil)

// Open opens the store in the file at path for reading and writing,
// creating the file when it is missing, and brings its schema up to date.
// The file is kept in WAL mode, so while it is open two files sit next to
// it: path-wal and path-shm. Several processes may open one new file at
// once: one creates the store, the others wait for it.
//
// A store that cannot be written where it lies (a read-only file,
// directory or file system) is an error wrapping ErrReadOnly that says
// why; OpenReadOnly reads it.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := writable(path); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s, err := open(path, modeWrite)
	if err != nil {
		return nil, err
	}
	if s.version, err = s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// readableFrom is the oldest schema version that this package reads as it
// is (Load, Counts, Known and History) where it cannot bring it up to date:
// the migrations after it only add tables (the metric history), whose
// absence History reads as no saved runs. A migration that changes what
// Load reads raises it.
const readableFrom = 2

// OpenReadOnly opens the store in the file at path for reading only: Load
// and Counts work, Import fails. It takes no lock that an import waits for
// and waits for none, so any number of readers run while an import is
// written, and each sees what was committed when its read began.
//
// Where the file can be written, OpenReadOnly reads it like Open does,
// without writing, and Close moves the WAL into the file as Open's does.
// Where it cannot (a read-only file, directory or file system), it reads
// the file as immutable: no lock, no -wal or -shm file made (or, when a
// -wal file is there, through it and its -shm, read-only).
//
// A store whose schema is older than this package's is brought up to date
// first, the one write OpenReadOnly makes; where the file cannot be
// written, that is an error that says what to do.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	s, err := openReadOnly(ctx, path, true)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

func openReadOnly(ctx context.Context, path string, upgrade bool) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	mode := modeRead
	place := writable(path)
	if place != nil {
		mode = modeImmutable
		if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
			mode = modeReadOnlyFile // committed data in the WAL: read through it
		}
	}
	s, err := open(path, mode)
	if err != nil {
		return nil, err
	}
	s.readOnly = true
	ms, err := migrations()
	if err == nil {
		var h header
		h, err = s.header(ctx)
		if err == nil {
			err = h.check(len(ms))
		}
		s.version = h.version
		switch {
		case err != nil || h.version == len(ms):
		case place != nil && h.version >= readableFrom:
			// Where it cannot be written: read as it is.
		default:
			err = s.behind(ctx, h, len(ms), place, upgrade)
			if err == nil {
				return openReadOnly(ctx, path, false)
			}
		}
	}
	if err != nil {
		s.db.Close()
		if mode == modeReadOnlyFile && place != nil {
			err = fmt.Errorf("%w (the store lies where it cannot be written, with a %s-wal file beside it: copy both to a writable place and open the copy)", err, filepath.Base(path))
		}
		return nil, err
	}
	return s, nil
}

// behind brings the schema of a store opened read-only up to date, when it
// lies where it can be written; the store s is closed.
func (s *Store) behind(ctx context.Context, h header, want int, place error, upgrade bool) error {
	s.db.Close()
	what := fmt.Sprintf("the store has schema version %d, older than this ecoscope's (%d)", h.version, want)
	if h.version == 0 {
		what = "the file holds no ecoscope store yet"
	}
	if place != nil {
		return fmt.Errorf("%s and cannot be brought up to date here: %w; import into it (ecoscope import) where it can be written, or use the ecoscope that made it", what, place)
	}
	if !upgrade {
		return fmt.Errorf("%s, still after bringing it up to date", what)
	}
	w, err := Open(ctx, s.path)
	if err != nil {
		return fmt.Errorf("%s, and bringing it up to date failed: %w", what, err)
	}
	return w.Close()
}

// openMode is how open opens the file.
type openMode int

const (
	modeWrite        openMode = iota // read and write; the file is created when missing
	modeRead                         // read only, where the file can be written
	modeReadOnlyFile                 // read only, with locks, where the file cannot be written
	modeImmutable                    // read only, without locks, where the file cannot be written
)

// open opens the database pool on path.
func open(path string, mode openMode) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(path, mode))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	return &Store{db: db, path: path, moveWAL: mode == modeWrite || mode == modeRead}, nil
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
// A reader (modeRead) opens the file for reading and writing all the same
// (mode=rw, which never creates it), with query_only: SQLite then removes
// the -wal and -shm files when the last connection closes, which it does not
// for a connection opened with mode=ro. Where the file cannot be written,
// mode=ro, and immutable=1 when there is no WAL to read: SQLite then takes no
// lock and makes no -wal or -shm file, which it could not.
//
// The page cache keeps its default size (2 MiB): a larger one made neither
// imports nor loads measurably faster.
func dsn(path string, mode openMode) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	switch mode {
	case modeWrite:
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	case modeRead:
		q.Set("mode", "rw")
		q.Add("_pragma", "query_only(1)")
	case modeReadOnlyFile:
		q.Set("mode", "ro")
	case modeImmutable:
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	}
	u := url.URL{Path: filepath.Clean(path)} // Clean: "//x" would name a host
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// writable returns nil when the store at path can be written where it lies,
// or else an error wrapping ErrReadOnly that says why. SQLite writes the
// files path-wal and path-shm beside the store, so its directory must be
// writable too.
func writable(path string) error {
	dir := filepath.Dir(path)
	if err := canWrite(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("the directory %s does not exist", dir)
	} else if err != nil {
		return fmt.Errorf("%w: its directory %s is not writable (%v); SQLite writes %s-wal and %s-shm beside the store",
			ErrReadOnly, dir, err, filepath.Base(path), filepath.Base(path))
	}
	if err := canWrite(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: the file is not writable (%v)", ErrReadOnly, err)
	}
	return nil
}

// Path returns the path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database. When no other process has it open, what is in
// the WAL is moved into the database file and path-wal and path-shm are
// removed: the file alone then holds everything.
//
// Close moves the WAL itself first (a passive checkpoint, which waits for
// no one), since SQLite's own move when the last connection closes fails
// silently. If that fails (a full disk), Close returns an error that wraps
// ErrCheckpoint and says what to do: every committed import is then still
// safe in path-wal, but the file alone is not.
func (s *Store) Close() error {
	var err error
	if s.moveWAL {
		err = s.checkpoint()
	}
	if cerr := s.db.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("sqlite: close %s: %w", s.path, cerr)
	}
	return err
}

// ErrCheckpoint is wrapped by the error of Close when the WAL could not be
// moved into the database file.
var ErrCheckpoint = errors.New("could not move the write-ahead log into the database file")

// checkpoint moves the WAL into the database file, as far as no reader
// still needs it.
func (s *Store) checkpoint() error {
	var busy, frames, moved int
	err := s.db.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &moved)
	if err == nil {
		return nil
	}
	base := filepath.Base(s.path)
	return fmt.Errorf("sqlite: close %s: %w: %w; every committed import is safe in %s-wal: do not delete that file, "+
		"and do not copy %s without it; free disk space (or fix the cause), then run any ecoscope command on the store, "+
		"such as ecoscope report, which finishes the move when it closes the store",
		s.path, ErrCheckpoint, err, base, base)
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

// Known returns the ids of the partners, people and units stored, for
// validating a data set that may name them (graph.Ecosystem.ValidateWith);
// read in one transaction.
func (s *Store) Known(ctx context.Context) (*graph.Known, error) {
	k := &graph.Known{Actors: map[string]bool{}, Units: map[string]string{}}
	err := s.withConn(ctx, func(c *conn) error {
		return readTx(c, func() error {
			err := c.each("SELECT key, id IN (SELECT actor FROM person) FROM actor", nil, func(v []driver.Value) error {
				k.Actors[c.str(v[0])] = c.int(v[1]) != 0
				return nil
			})
			if err != nil {
				return err
			}
			return c.each("SELECT u.key, ifnull(p.key, '') FROM unit u LEFT JOIN unit p ON p.id = u.parent", nil, func(v []driver.Value) error {
				k.Units[c.str(v[0])] = c.str(v[1])
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: read the ids stored: %w", err)
	}
	return k, nil
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

// header is what tells an ecoscope store: the application id, the number
// of schema objects and the version of the schema (0: none).
type header struct {
	appID, objects, version int
}

// headerSQL reads the application id and the number of schema objects in
// one statement, so from one snapshot: read apart, a store that another
// process created in between looked like a foreign database.
const headerSQL = `SELECT (SELECT application_id FROM pragma_application_id),
	(SELECT count(*) FROM sqlite_schema),
	(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration')`

// readHeader reads the header in q, which is a transaction or one snapshot.
func readHeader(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (header, error) {
	var h header
	var migrations int
	if err := q.QueryRowContext(ctx, headerSQL).Scan(&h.appID, &h.objects, &migrations); err != nil {
		return h, notStore(err)
	}
	if migrations > 0 && h.appID == applicationID {
		if err := q.QueryRowContext(ctx, "SELECT ifnull(max(version), 0) FROM schema_migration").Scan(&h.version); err != nil {
			return h, err
		}
	}
	return h, nil
}

// header reads the header in a read transaction.
func (s *Store) header(ctx context.Context) (header, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return header{}, notStore(err)
	}
	defer tx.Rollback()
	return readHeader(ctx, tx)
}

// check refuses a file that is not an ecoscope store (nor a new one), or
// one whose schema is newer than the migrations known, known.
func (h header) check(known int) error {
	if h.appID != applicationID && (h.appID != 0 || h.objects > 0) {
		return fmt.Errorf("%w: an SQLite database with application id %#x and %d schema objects", ErrNotStore, h.appID, h.objects)
	}
	if h.version > known {
		return fmt.Errorf("the schema has version %d, newer than this ecoscope knows (%d): use a newer ecoscope", h.version, known)
	}
	return nil
}

// migrate checks that the file is an ecoscope store, or a new one, and
// applies the migrations it lacks, all in one transaction; it returns the
// schema version then. The version of
// the schema is the number of the last migration applied, kept with the
// name and time of every migration in the table schema_migration.
//
// Nothing is written before the file is known to be ours, and a store that
// is up to date is only read. Otherwise the check is made again in the
// write transaction that migrates: when several processes open a new file
// at once, one creates the store while the others wait, and they then find
// it made.
func (s *Store) migrate(ctx context.Context) (int, error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	return len(ms), s.migrateTo(ctx, ms)
}

func (s *Store) migrateTo(ctx context.Context, ms []migration) error {
	conn, err := s.db.Conn(ctx) // the settings of the connection read the file
	if err != nil {
		return notStore(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return notStore(err)
	}
	h, err := readHeader(ctx, tx)
	tx.Rollback()
	if err == nil {
		err = h.check(len(ms))
	}
	if err != nil {
		return err
	}
	if err := setWAL(ctx, conn); err != nil {
		return err
	}
	if h.version == len(ms) {
		return nil
	}

	tx, err = conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE: waits for another writer
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	defer tx.Rollback()
	if h, err = readHeader(ctx, tx); err != nil {
		return err
	}
	if err := h.check(len(ms)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL,
		applied TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	for _, m := range ms[h.version:] {
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

// setWAL puts the file in WAL mode, unless it is. Changing the journal mode
// takes an exclusive lock without waiting for it (SQLite calls no busy
// handler there), so a file that another process is creating at the same
// moment gives SQLITE_BUSY: setWAL tries again for up to busyTimeout.
func setWAL(ctx context.Context, conn *sql.Conn) error {
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("set WAL mode: %w", err)
	}
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; mode != "wal"; wait = min(2*wait, 50*time.Millisecond) {
		err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && mode != "wal":
			return fmt.Errorf("set WAL mode: the journal mode is still %s", mode)
		case err == nil:
		case !isBusy(err) || time.Now().After(deadline):
			return fmt.Errorf("set WAL mode: %w", err)
		default:
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
		}
	}
	return nil
}

// isFull reports whether err is SQLITE_FULL: the disk is full.
func isFull(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL
}

// isBusy reports whether err is SQLITE_BUSY or SQLITE_LOCKED: a lock that
// another connection holds.
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
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
