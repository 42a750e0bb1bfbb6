package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/neo4j"
	"github.com/ecoscope/ecoscope/graph/sqlite"
)

// store is what the commands need of a store: a graph.Store (with its
// metric history) that also says which ids it holds (to validate an import
// that names them). Both *sqlite.Store and *neo4j.Store are one.
type store interface {
	graph.Store
	Known(ctx context.Context) (*graph.Known, error)
}

var (
	_ store = (*sqlite.Store)(nil)
	_ store = (*neo4j.Store)(nil)
)

// isNeo4j reports whether the configured store is a Neo4j URI rather than
// an SQLite file.
func (a *app) isNeo4j() bool { return neo4j.IsURI(a.cfg.Store) }

// storeName is the store as messages name it: the path, or the URI without
// a password.
func (a *app) storeName() string {
	if a.isNeo4j() {
		return neo4j.Redact(a.cfg.Store)
	}
	return a.cfg.Store
}

// storeExists reports whether the store may hold data already: a file that
// exists, or any Neo4j database (asked when opened).
func (a *app) storeExists() bool {
	return a.isNeo4j() || exists(a.cfg.Store)
}

// errNoStore says that the SQLite file a command reads is missing.
func (a *app) errNoStore() error {
	return fmt.Errorf("no store at %s: import data first (`ecoscope import PATH`), point --store at a store, or analyse files directly with --from PATH", a.cfg.Store)
}

// openStore opens the configured store, the one opener of every command.
// A file path is an SQLite store: opened with sqlite.Open to write (which
// creates it), else read-only with sqlite.OpenReadOnly (no lock that an
// import waits for; a missing file is an error that says what to do). A
// URI is a Neo4j store: a scheme that is not Neo4j's, or credentials in
// the URI, are usage errors listing the schemes; the user, password and
// database come from the neo4j: settings. No error holds the password.
func (a *app) openStore(ctx context.Context, write bool) (store, error) {
	if a.isNeo4j() {
		return a.openNeo4j(ctx, write)
	}
	if write {
		st, err := sqlite.Open(ctx, a.cfg.Store)
		if err != nil {
			return nil, err
		}
		return st, nil
	}
	if !exists(a.cfg.Store) {
		return nil, a.errNoStore()
	}
	st, err := sqlite.OpenReadOnly(ctx, a.cfg.Store)
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (a *app) openNeo4j(ctx context.Context, write bool) (store, error) {
	if err := neo4j.CheckURI(a.cfg.Store); err != nil {
		return nil, &usageError{fmt.Errorf("store: %w", err)}
	}
	n := a.cfg.Neo4j
	st, err := neo4j.Open(ctx, neo4j.Config{
		URI:       a.cfg.Store,
		User:      n.User,
		Password:  string(n.Password),
		Database:  n.Database,
		BatchSize: n.BatchSize,
		TxRecords: n.TxRecords,
		ReadOnly:  !write,
	})
	if err != nil {
		// The error names the URI already (neo4j.ConnectError).
		return nil, a.hidePassword(err)
	}
	return st, nil
}

// hidePassword returns err with the Neo4j password, should a message of
// the driver or the server ever repeat it, replaced by ***: a last guard,
// since the password must never be printed. errors.Is and errors.As see
// err as it was.
func (a *app) hidePassword(err error) error {
	p := string(a.cfg.Neo4j.Password)
	if err == nil || p == "" || !strings.Contains(err.Error(), p) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), p, "***"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// closeStore closes st after its data was read: a store that cannot be
// tidied up (an SQLite WAL not moved into the file) is worth a warning,
// not a failed command.
func (a *app) closeStore(st store) {
	if err := st.Close(); err != nil {
		fmt.Fprintf(a.io.Err, "warning: %v\n", a.hidePassword(err))
	}
}
