// Package sqlite implements graph.Store on an embedded SQLite database file,
// through the pure-Go driver modernc.org/sqlite.
//
// The schema, the natural keys and what an import does are described in
// docs/store.md; the schema itself is in migrations/.
package sqlite
