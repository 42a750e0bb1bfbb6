package neo4j

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
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
	// transaction (added, changed or deleted); an import that must write
	// more is written in several, stamped with an import generation
	// (docs/neo4j.md). 0: DefaultTxRecords.
	TxRecords int
	// ConnectTimeout bounds Open's connectivity check, and every wait for
	// a connection or a socket; 0: 10 s.
	ConnectTimeout time.Duration
	// ReadOnly opens the store for reading: Open creates no constraints or
	// indexes (so a user with Neo4j's reader role can open it, and a
	// reader sends no schema statement), and Import and SaveMetrics fail
	// with ErrReadOnly.
	ReadOnly bool
}

// Defaults of Config.
const (
	DefaultDatabase       = "neo4j"
	DefaultBatchSize      = 10_000
	DefaultConnectTimeout = 10 * time.Second
	// DefaultTxRecords keeps the state of one import transaction to some
	// 100-200 MB of server heap (a few KB per record written, with its
	// index entries), within what a Neo4j 5 with its default memory
	// settings lets one transaction hold, while every data set of the
	// conformance suite and most real ecosystems fit in one transaction.
	DefaultTxRecords = 100_000
)

// staleAfter is how long a multi-transaction import may go without a sign
// of life (each of its transactions marks the meta node) before another
// process takes it for interrupted and undoes it: an ISO 8601 duration. A
// variable for the tests.
var staleAfter = "PT2M"

// testHookAfterChunk, when set, runs after the n-th transaction that writes
// records of an import in several has committed.
var testHookAfterChunk func(s *Store, i int)

// Store is a graph.Store and graph.MetricHistory in a Neo4j database.
type Store struct {
	cfg    Config
	driver neo4j.DriverWithContext
}

var (
	_ graph.Store         = (*Store)(nil)
	_ graph.MetricHistory = (*Store)(nil)
)

// withDefaults fills in the zero fields of cfg.
func (cfg Config) withDefaults() Config {
	if cfg.Database == "" {
		cfg.Database = DefaultDatabase
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.TxRecords <= 0 {
		cfg.TxRecords = DefaultTxRecords
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	return cfg
}

// Open connects to cfg.URI, checks that the server answers
// (VerifyConnectivity) and creates the constraints and indexes of the
// model if they are missing. Its errors are one line that names the URI,
// never the password, and says what to try.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	if err := CheckURI(cfg.URI); err != nil {
		return nil, err
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = cfg.ConnectTimeout
		c.ConnectionAcquisitionTimeout = cfg.ConnectTimeout
		c.UserAgent = "ecoscope"
	})
	if err != nil {
		return nil, explain(cfg, err)
	}
	s := &Store{cfg: cfg, driver: drv}
	// The connection gets most of ConnectTimeout; where it gets no answer,
	// the rest goes to asking whether the port is an HTTP one.
	start := time.Now()
	probe := min(cfg.ConnectTimeout/5, 1500*time.Millisecond)
	tctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout-probe)
	defer cancel()
	err = drv.VerifyConnectivity(tctx)
	if err == nil && !cfg.ReadOnly {
		err = s.createSchema(tctx)
	}
	if err != nil {
		drv.Close(context.WithoutCancel(ctx))
		if ctx.Err() == nil && tctx.Err() != nil {
			err = fmt.Errorf("%w: %w", errNoAnswer, err)
			if left := cfg.ConnectTimeout - time.Since(start) - 100*time.Millisecond; left > 0 && probeHTTP(cfg.URI, left) {
				err = fmt.Errorf("%w: %w", errHTTP, err)
			}
		}
		return nil, explain(cfg, err)
	}
	return s, nil
}

func (s *Store) createSchema(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	for _, st := range schema {
		_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, runTx(ctx, tx, st, nil)
		})
		if err != nil {
			return fmt.Errorf("creating %s: %w", st.name, err)
		}
	}
	return nil
}

// ErrReadOnly: a store opened with Config.ReadOnly was asked to write.
var ErrReadOnly = errors.New("the store was opened read-only")

// Close closes the driver.
func (s *Store) Close() error {
	if s.driver == nil {
		return nil
	}
	return s.driver.Close(context.Background())
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: mode})
}

// runTx runs st in tx and discards its result.
//
// The errors of the driver are returned as they are, not wrapped: the
// driver decides whether to retry a managed transaction from the error's
// type (a *ConnectivityError, not one wrapped), so that a lost connection
// is retried only if the error reaches it unchanged.
func runTx(ctx context.Context, tx neo4j.ManagedTransaction, st statement, params map[string]any) error {
	res, err := tx.Run(ctx, st.text, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// each runs st in tx and calls f with every record, as it arrives. Errors
// of the driver are returned as they are (see runTx).
func each(ctx context.Context, tx neo4j.ManagedTransaction, st statement, params map[string]any, f func(r *neo4j.Record) error) error {
	res, err := tx.Run(ctx, st.text, params)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		if err := f(res.Record()); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
	}
	return res.Err()
}

// get returns the value key of r as a T; nil is T's zero value.
func get[T any](r *neo4j.Record, key string) (T, error) {
	var zero T
	v, ok := r.Get(key)
	if !ok {
		return zero, fmt.Errorf("no column %s", key)
	}
	if v == nil {
		return zero, nil
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("column %s is %T, want %T", key, v, zero)
	}
	return t, nil
}

// runSteps writes steps in tx, in batches, stamped with gen.
func (s *Store) runSteps(ctx context.Context, tx neo4j.ManagedTransaction, steps []step, gen int64) error {
	for _, st := range steps {
		err := st.eachBatch(s.cfg.BatchSize, func(rows []any) error {
			return runTx(ctx, tx, st.stmt, map[string]any{"rows": rows, "gen": gen})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// meta is what the meta node says about imports.
type meta struct {
	gen       int64 // the generation of this import (lockMeta)
	version   int64 // bumped by every import (readMeta)
	importing int64 // the generation of a multi-transaction import under way
	stale     bool  // importing, and silent for longer than staleAfter
}

func readMetaRecord(r *neo4j.Record, m *meta) error {
	var err error
	for _, f := range []func() error{
		func() error { m.importing, err = get[int64](r, "importing"); return err },
		func() error { m.stale, err = get[bool](r, "stale"); return err },
	} {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// lock takes the write lock of the meta node for the rest of tx (so that
// imports run one at a time) and returns the generation of this import.
func lock(ctx context.Context, tx neo4j.ManagedTransaction) (meta, error) {
	var m meta
	err := each(ctx, tx, lockMeta, map[string]any{"meta": metaKey, "stale": staleAfter}, func(r *neo4j.Record) error {
		var err error
		if m.gen, err = get[int64](r, "gen"); err != nil {
			return err
		}
		return readMetaRecord(r, &m)
	})
	return m, err
}

// errBusy: another import spanning several transactions is under way.
var errBusy = errors.New("another import is under way in this database; try again when it has finished")

// errInterrupted is an import in several transactions that stopped
// without cleaning up (its process was killed).
type errInterrupted struct{ gen int64 }

func (e errInterrupted) Error() string {
	return fmt.Sprintf("an interrupted import (generation %d) is still to be undone", e.gen)
}

// Import implements graph.Store: see docs/neo4j.md for how. The store is
// read and compared with e in one transaction; when what the import must
// write (rows to add, change or delete) is at most Config.TxRecords, that
// same transaction writes it, all or nothing. Beyond it the import writes
// in several transactions and undoes itself if any fails.
func (s *Store) Import(ctx context.Context, e *graph.Ecosystem, opts graph.ImportOptions) (graph.ImportStats, error) {
	if s.cfg.ReadOnly {
		return graph.ImportStats{}, fmt.Errorf("neo4j: import: %w", ErrReadOnly)
	}
	for range 2 {
		if err := ctx.Err(); err != nil {
			return graph.ImportStats{}, fmt.Errorf("neo4j: import: %w", err)
		}
		p, err := s.importOn(ctx, e, opts)
		var ie errInterrupted
		if errors.As(err, &ie) {
			if rerr := s.undo(ctx, ie.gen); rerr != nil {
				return graph.ImportStats{}, s.wrap("import", fmt.Errorf("%w; undoing it: %w", err, rerr))
			}
			continue
		}
		if err != nil {
			return graph.ImportStats{}, s.wrap("import", withCtx(ctx, err))
		}
		return p.stats, nil
	}
	return graph.ImportStats{}, s.wrap("import", errBusy)
}

// withCtx makes an error that ctx caused say so (errors.Is(err,
// context.Canceled)), whatever the driver made of it.
func withCtx(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

// checkMeta turns what the meta node says of another import into an error.
func checkMeta(m meta) error {
	switch {
	case m.importing != 0 && m.stale:
		return errInterrupted{m.importing}
	case m.importing != 0:
		return errBusy
	}
	return nil
}

// importOn imports e. Its first transaction takes the meta node's lock (so
// that imports run one at a time), reads the store and works out the plan;
// if the plan fits in it, it writes it and commits. Otherwise it marks the
// meta node with the import's generation and commits; each next
// transaction writes up to TxRecords rows stamped with it, with the
// records they change or delete kept aside (ImportUndo nodes); the last
// sets the name and clears the mark. On failure undo restores what was kept
// aside and deletes what the generation wrote.
func (s *Store) importOn(ctx context.Context, e *graph.Ecosystem, opts graph.ImportOptions) (*importPlan, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	var gen int64
	var many bool
	p, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (*importPlan, error) {
		m, err := lock(ctx, tx)
		if err != nil {
			return nil, err
		}
		if err := checkMeta(m); err != nil {
			return nil, err
		}
		old, err := s.readAll(ctx, tx)
		if err != nil {
			return nil, err
		}
		p, err := plan(old, e, opts.Replace)
		if err != nil {
			return nil, err
		}
		gen, many = m.gen, p.size() > s.cfg.TxRecords
		if many {
			return p, runTx(ctx, tx, startImport, map[string]any{"meta": metaKey, "gen": gen})
		}
		if err := s.runSteps(ctx, tx, p.steps, gen); err != nil {
			return nil, err
		}
		if p.setName {
			if err := runTx(ctx, tx, setName, map[string]any{"meta": metaKey, "name": p.name}); err != nil {
				return nil, err
			}
		}
		return p, nil
	})
	if err != nil || !many {
		return p, err
	}
	err = s.writeChunks(ctx, sess, p, gen)
	if err != nil {
		// Undo with a context of its own: ctx may be what stopped the import.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Minute)
		defer cancel()
		if uerr := s.undo(uctx, gen); uerr != nil {
			return nil, fmt.Errorf("%w; undoing the partial import failed too (%v): the next import undoes it", err, uerr)
		}
		return nil, err
	}
	s.dropUndo(ctx, gen)
	return p, nil
}

func (s *Store) writeChunks(ctx context.Context, sess neo4j.SessionWithContext, p *importPlan, gen int64) error {
	var seq int64 // numbers the ImportUndo nodes
	for n, c := range chunk(p.steps, s.cfg.TxRecords) {
		next, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (int64, error) {
			if err := s.beat(ctx, tx, gen); err != nil {
				return 0, err
			}
			next := seq
			for _, part := range c {
				// The records kept aside, a batch per node.
				err := batches(part.prev, s.cfg.BatchSize, func(prev []any) error {
					u := undoOf(prev)
					if u == nil {
						return nil
					}
					data, err := json.Marshal(u)
					if err != nil {
						return err
					}
					next++
					return runTx(ctx, tx, saveUndo, map[string]any{"gen": gen, "seq": next, "data": string(data)})
				})
				if err != nil {
					return 0, err
				}
			}
			return next, s.runSteps(ctx, tx, c, gen)
		})
		if err != nil {
			return err
		}
		seq = next
		if testHookAfterChunk != nil {
			testHookAfterChunk(s, n+1)
		}
	}
	_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if p.setName {
			if err := runTx(ctx, tx, setName, map[string]any{"meta": metaKey, "name": p.name}); err != nil {
				return struct{}{}, err
			}
		}
		found := false
		err := each(ctx, tx, finishImport, map[string]any{"meta": metaKey, "gen": gen}, func(*neo4j.Record) error {
			found = true
			return nil
		})
		if err == nil && !found {
			err = fmt.Errorf("the import (generation %d) was taken for interrupted and undone by another process", gen)
		}
		return struct{}{}, err
	})
	return err
}

// beat marks the meta node: the import of generation gen is alive.
func (s *Store) beat(ctx context.Context, tx neo4j.ManagedTransaction, gen int64) error {
	found := false
	err := each(ctx, tx, beatImport, map[string]any{"meta": metaKey, "gen": gen}, func(*neo4j.Record) error {
		found = true
		return nil
	})
	if err == nil && !found {
		err = fmt.Errorf("the import (generation %d) was taken for interrupted and undone by another process", gen)
	}
	return err
}

// undo restores what the import of generation gen changed or deleted, as
// kept aside in its ImportUndo nodes, then deletes what it wrote and clears
// its mark. It is idempotent: an undo that fails is run again by the next
// import.
func (s *Store) undo(ctx context.Context, gen int64) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	// Claim the generation first: this waits for a transaction of the
	// import that is still running (it holds the meta node's lock) and
	// makes its next one fail, so that nothing it writes outlives the undo.
	claimed, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (bool, error) {
		found := false
		err := each(ctx, tx, claimImport, map[string]any{"meta": metaKey, "gen": gen}, func(*neo4j.Record) error {
			found = true
			return nil
		})
		return found, err
	})
	if err != nil || !claimed {
		return err // not claimed: undone already
	}
	prev, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (*graph.Ecosystem, error) {
		prev := &graph.Ecosystem{}
		err := each(ctx, tx, readUndo, map[string]any{"gen": gen}, func(r *neo4j.Record) error {
			data, err := get[string](r, "data")
			if err != nil {
				return err
			}
			var f graph.Ecosystem
			if err := json.Unmarshal([]byte(data), &f); err != nil {
				return fmt.Errorf("records kept aside: %w", err)
			}
			mergeUndo(prev, &f)
			return nil
		})
		return prev, err
	})
	if err != nil {
		return err
	}
	for _, c := range chunk(restorePlan(prev), s.cfg.TxRecords) {
		_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, s.runSteps(ctx, tx, c, 0)
		})
		if err != nil {
			return err
		}
	}
	for _, st := range cleanGeneration {
		if err := s.drain(ctx, sess, st, gen); err != nil {
			return err
		}
	}
	_, err = neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, runTx(ctx, tx, abandonImport, map[string]any{"meta": metaKey, "gen": gen})
	})
	return err
}

// drain runs st, which deletes up to $limit records of generation gen and
// returns how many, until it deletes none.
func (s *Store) drain(ctx context.Context, sess neo4j.SessionWithContext, st statement, gen int64) error {
	for {
		n, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (int64, error) {
			var n int64
			err := each(ctx, tx, st, map[string]any{"gen": gen, "limit": int64(s.cfg.BatchSize)}, func(r *neo4j.Record) error {
				var err error
				n, err = get[int64](r, "n")
				return err
			})
			return n, err
		})
		if err != nil || n == 0 {
			return err
		}
	}
}

// dropUndo deletes what a successful import kept aside. What it fails to
// delete stays behind, harmless (a later import never reads the ImportUndo
// nodes of a generation that finished).
func (s *Store) dropUndo(ctx context.Context, gen int64) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	_ = s.drain(ctx, sess, cleanGeneration[len(cleanGeneration)-1], gen)
}

// readAll reads every record stored, streamed record by record.
func (s *Store) readAll(ctx context.Context, tx neo4j.ManagedTransaction) (*graph.Ecosystem, error) {
	e := &graph.Ecosystem{}
	var name string
	err := each(ctx, tx, readMeta, map[string]any{"meta": metaKey, "stale": staleAfter}, func(r *neo4j.Record) error {
		var err error
		name, err = get[string](r, "name")
		return err
	})
	if err != nil {
		return nil, err
	}
	e.Name = name
	steps := []struct {
		st   statement
		read func(r *neo4j.Record, p props) error
	}{
		{readPartners, func(r *neo4j.Record, p props) error {
			v, err := decodePartner(p)
			e.Partners = append(e.Partners, v)
			return err
		}},
		{readPeople, func(r *neo4j.Record, p props) error {
			partner, err := get[string](r, "partner")
			if err != nil {
				return err
			}
			v, err := decodePerson(p, partner)
			e.People = append(e.People, v)
			return err
		}},
		{readUnits, func(r *neo4j.Record, p props) error {
			parent, err := get[string](r, "parent")
			if err != nil {
				return err
			}
			v, err := decodeUnit(p, parent)
			e.Units = append(e.Units, v)
			return err
		}},
		{readMemberships, func(r *neo4j.Record, p props) error {
			ends, err := strs(r, "member", "unit")
			if err != nil {
				return err
			}
			v, err := decodeMembership(p, ends[0], ends[1])
			e.Memberships = append(e.Memberships, v)
			return err
		}},
		{readTies, func(r *neo4j.Record, p props) error {
			ends, err := strs(r, "source", "target")
			if err != nil {
				return err
			}
			v, err := decodeTie(p, ends[0], ends[1])
			e.Ties = append(e.Ties, v)
			return err
		}},
		{readValues, func(r *neo4j.Record, p props) error {
			ends, err := strs(r, "reporter", "unit")
			if err != nil {
				return err
			}
			v, err := decodeValue(p, ends[0], ends[1])
			e.Values = append(e.Values, v)
			return err
		}},
	}
	for _, x := range steps {
		err := each(ctx, tx, x.st, nil, func(r *neo4j.Record) error {
			p, err := get[map[string]any](r, "p")
			if err != nil {
				return err
			}
			return x.read(r, p)
		})
		if err != nil {
			return nil, err
		}
	}
	return e, nil
}

func strs(r *neo4j.Record, keys ...string) ([]string, error) {
	out := make([]string, len(keys))
	for i, k := range keys {
		var err error
		if out[i], err = get[string](r, k); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// errChanged: an import committed while a read ran; the read is repeated.
var errChanged = errors.New("the store changed during the read")

// consistent runs read in a read transaction, between two looks at the meta
// node, until no import committed in between; while an import in several
// transactions is under way it waits for it, so that a read sees the data
// before an import or after it, never a mix.
func (s *Store) consistent(ctx context.Context, read func(tx neo4j.ManagedTransaction) error) error {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	look := func(tx neo4j.ManagedTransaction) (meta, error) {
		var m meta
		err := each(ctx, tx, readMeta, map[string]any{"meta": metaKey, "stale": staleAfter}, func(r *neo4j.Record) error {
			var err error
			if m.version, err = get[int64](r, "version"); err != nil {
				return err
			}
			return readMetaRecord(r, &m)
		})
		return m, err
	}
	wait := 50 * time.Millisecond
	for {
		_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			before, err := look(tx)
			if err != nil {
				return struct{}{}, err
			}
			if err := checkMeta(before); err != nil {
				return struct{}{}, err
			}
			if err := read(tx); err != nil {
				return struct{}{}, err
			}
			after, err := look(tx)
			if err != nil {
				return struct{}{}, err
			}
			if after != before {
				return struct{}{}, errChanged
			}
			return struct{}{}, nil
		})
		var ie errInterrupted
		if errors.As(err, &ie) {
			// Its process died: undo it, then read.
			if uerr := s.undo(ctx, ie.gen); uerr != nil {
				return fmt.Errorf("%w; undoing it: %w", err, uerr)
			}
			continue
		}
		if !errors.Is(err, errBusy) && !errors.Is(err, errChanged) {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (%w)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

// Load implements graph.Store: it reads every record, streamed, and
// applies q in memory ((*graph.Ecosystem).Load), which is what the
// conformance suite compares with.
func (s *Store) Load(ctx context.Context, q graph.Query) (*graph.Ecosystem, error) {
	var all *graph.Ecosystem
	err := s.consistent(ctx, func(tx neo4j.ManagedTransaction) error {
		var err error
		all, err = s.readAll(ctx, tx)
		return err
	})
	if err != nil {
		return nil, s.wrap("load", withCtx(ctx, err))
	}
	return all.Load(q)
}

// Counts implements graph.Store.
func (s *Store) Counts(ctx context.Context) (graph.Counts, error) {
	var c graph.Counts
	err := s.consistent(ctx, func(tx neo4j.ManagedTransaction) error {
		rows := 0
		err := each(ctx, tx, countRecords, nil, func(r *neo4j.Record) error {
			rows++
			for _, f := range []struct {
				key string
				n   *int
			}{{"partners", &c.Partners}, {"people", &c.People}, {"units", &c.Units}, {"memberships", &c.Memberships}, {"ties", &c.Ties}, {"values", &c.Values}} {
				n, err := get[int64](r, f.key)
				if err != nil {
					return err
				}
				*f.n = int(n)
			}
			return nil
		})
		if err == nil && rows != 1 {
			err = fmt.Errorf("%s: %d rows, want 1", countRecords.name, rows)
		}
		return err
	})
	if err != nil {
		return graph.Counts{}, s.wrap("counts", withCtx(ctx, err))
	}
	return c, nil
}

// Known returns the ids of the partners, people and units stored, for
// validating an import that names them (graph.ValidateWith).
func (s *Store) Known(ctx context.Context) (*graph.Known, error) {
	var k *graph.Known
	err := s.consistent(ctx, func(tx neo4j.ManagedTransaction) error {
		k = &graph.Known{Actors: map[string]bool{}, Units: map[string]string{}}
		err := each(ctx, tx, readActors, nil, func(r *neo4j.Record) error {
			id, err := get[string](r, "id")
			if err != nil {
				return err
			}
			person, err := get[bool](r, "person")
			k.Actors[id] = person
			return err
		})
		if err != nil {
			return err
		}
		return each(ctx, tx, readUnitParents, nil, func(r *neo4j.Record) error {
			ids, err := strs(r, "id", "parent")
			if err == nil {
				k.Units[ids[0]] = ids[1]
			}
			return err
		})
	})
	if err != nil {
		return nil, s.wrap("known", withCtx(ctx, err))
	}
	return k, nil
}

// wrap prefixes err with the operation and the store, and explains the
// errors of the driver.
func (s *Store) wrap(op string, err error) error {
	if errors.Is(err, graph.ErrInvalid) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("neo4j: %s: %w", op, err)
	}
	return fmt.Errorf("neo4j: %s: %w", op, explain(s.cfg, err))
}
