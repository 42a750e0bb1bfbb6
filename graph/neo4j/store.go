package neo4j

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

// Config says which Neo4j database a Store uses and how.
type Config struct {
	// URI is the server, with one of Schemes (neo4j://localhost:7687).
	URI string
	// User and Password authenticate; an empty User: no authentication.
	User     string
	Password string
	// Database is the database every session names; "": "neo4j".
	Database string
	// BatchSize is the number of rows per UNWIND statement; 0: 10,000.
	BatchSize int
	// TxRecords is the number of records an import writes in one
	// transaction; a larger data set is written in several, stamped with
	// an import generation (docs/neo4j.md). 0: the default.
	TxRecords int
	// ConnectTimeout bounds Open's connectivity check; 0: 10 s.
	ConnectTimeout time.Duration
}

// Store is a graph.Store and graph.MetricHistory in a Neo4j database.
type Store struct {
	cfg Config
}

// errUnbuilt: the package's API is fixed before its implementation lands.
var errUnbuilt = errors.New("the Neo4j store is not built yet")

// Open connects to cfg.URI, checks that the server answers
// (VerifyConnectivity) and creates the constraints and indexes of the
// model if they are missing.
func Open(ctx context.Context, cfg Config) (*Store, error) { return nil, errUnbuilt }

// Import implements graph.Store.
func (s *Store) Import(ctx context.Context, e *graph.Ecosystem, opts graph.ImportOptions) (graph.ImportStats, error) {
	return graph.ImportStats{}, errUnbuilt
}

// Load implements graph.Store.
func (s *Store) Load(ctx context.Context, q graph.Query) (*graph.Ecosystem, error) {
	return nil, errUnbuilt
}

// Counts implements graph.Store.
func (s *Store) Counts(ctx context.Context) (graph.Counts, error) { return graph.Counts{}, errUnbuilt }

// Known returns the ids of the partners, people and units stored, for
// validating an import that names them (graph.ValidateWith).
func (s *Store) Known(ctx context.Context) (*graph.Known, error) { return nil, errUnbuilt }

// SaveMetrics implements graph.MetricHistory.
func (s *Store) SaveMetrics(ctx context.Context, run graph.MetricRun) (int64, error) {
	return 0, errUnbuilt
}

// History implements graph.MetricHistory.
func (s *Store) History(ctx context.Context, q graph.HistoryQuery) ([]graph.HistoryPoint, error) {
	return nil, errUnbuilt
}

// Close closes the driver.
func (s *Store) Close() error { return nil }

// ScriptOptions tune WriteScript.
type ScriptOptions struct {
	// BatchSize is the number of rows per UNWIND statement; 0: 10,000.
	BatchSize int
}

// WriteScript writes a Cypher script that recreates e in an empty Neo4j
// database with `cypher-shell -f FILE`: the constraints and indexes first,
// then batched UNWIND statements whose rows are literal maps.
func WriteScript(w io.Writer, e *graph.Ecosystem, opts ScriptOptions) error { return errUnbuilt }
