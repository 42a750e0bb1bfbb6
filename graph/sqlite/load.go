package sqlite

import (
	"cmp"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/ecoscope/ecoscope/graph"
)

// Load reads the records that q selects, in one read transaction, so from
// one snapshot of the store; see graph.Store.
//
// For a date, the SQL reads only the partners, memberships, ties and value
// records active at it (with every unit and person); the rules of
// (*graph.Ecosystem).Load then finish the job on what was read, so the
// result is the one the in-memory implementation gives.
func (s *Store) Load(ctx context.Context, q graph.Query) (*graph.Ecosystem, error) {
	e, err := s.load(ctx, q)
	if err != nil {
		if nf := (*graph.NotFoundError)(nil); errors.As(err, &nf) {
			return nil, nf
		}
		return nil, fmt.Errorf("sqlite: load: %w", err)
	}
	return e, nil
}

// parallelTies is the number of ties from which Load reads the ties on a
// second connection while the first reads the rest: on two cores, a million
// ties load in two thirds of the time. Tests lower it.
var parallelTies = 100_000

// testHookAside, when set, runs before the second connection of a Load
// takes its snapshot.
var testHookAside func()

// errStale is the error of a second connection that does not see the data
// the first sees: an import came in between.
var errStale = errors.New("the data changed between the snapshots of two connections")

func (s *Store) load(ctx context.Context, q graph.Query) (*graph.Ecosystem, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var e *graph.Ecosystem
	err := s.withConn(ctx, func(c *conn) error {
		return readTx(c, func() error {
			r := &reader{conn: c, at: q.At}
			if err := r.header(); err != nil {
				return err
			}
			var aside <-chan tiesRead
			keysRead := make(chan struct{})
			if r.n.Ties >= parallelTies && s.aside.TryLock() {
				aside = s.readTiesAside(ctx, r, keysRead)
			}
			err := r.readKeys()
			close(keysRead)
			if err == nil {
				e, err = r.readAllButTies()
			}
			if aside != nil {
				if err != nil {
					cancel()
				}
				res := <-aside
				switch {
				case err != nil:
					return err
				case res.err == nil:
					e.Ties = res.ties
					return nil
				case !errors.Is(res.err, errStale):
					return res.err
				}
			}
			if err != nil {
				return err
			}
			e.Ties, err = r.readTies()
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	return e.Load(q)
}

// tiesRead is the outcome of readTiesAside.
type tiesRead struct {
	ties []graph.Tie
	err  error
}

// readTiesAside reads the ties r would read, on another connection, once
// keysRead is closed. The result is errStale when that connection does not
// see the generation r sees.
func (s *Store) readTiesAside(ctx context.Context, r *reader, keysRead <-chan struct{}) <-chan tiesRead {
	out := make(chan tiesRead, 1)
	go func() {
		defer s.aside.Unlock()
		if testHookAside != nil {
			testHookAside()
		}
		var res tiesRead
		res.err = s.withConn(ctx, func(c *conn) error {
			return readTx(c, func() error {
				r2 := &reader{conn: c, at: r.at}
				if err := r2.header(); err != nil {
					return err
				}
				if r2.generation != r.generation {
					return errStale
				}
				<-keysRead
				r2.keys, r2.tieTypes, r2.tieKeys = r.keys, r.tieTypes, r.tieKeys // read only from now on
				var err error
				res.ties, err = r2.readTies()
				return err
			})
		})
		out <- res
	}()
	return out
}

// readTx runs f in a read transaction on c.
func readTx(c *conn, f func() error) error {
	tx, err := c.dc.BeginTx(c.ctx, driver.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	err = f()
	if rerr := tx.Rollback(); rerr != nil { // nothing to commit
		return errBadConn(cmp.Or(err, rerr))
	}
	return err
}

// reader reads one ecosystem, or what its snapshot at a date needs.
type reader struct {
	*conn
	at                graph.Date
	name              string
	n                 graph.Counts // room for everything, at most
	maxActor, maxUnit int64
	generation        int64
	dates             dateCache
	keys              []string          // the ids of the actors, by number
	units             []string          // the ids of the units, by number
	tieTypes          []string          // the tie types, by number
	tieKeys           []string          // the tie ids, by number
	text              map[string]string // one copy of each repeated string
}

// activeSQL is the condition that a record of the table t was active on
// some day of the period D: since <= D.End() and until >= D.Start(), where
// until stands for its last day (see the migration for why the sums work).
const activeSQL = ` WHERE t.since <= ? AND (t.until = 0 OR
	t.until + CASE WHEN t.until % 10000 = 0 THEN 9999 WHEN t.until % 100 = 0 THEN 99 ELSE 0 END >= ?)`

// active returns the condition on the table t for r.at, and its arguments.
func (r *reader) active() (string, []any) {
	if r.at.IsZero() {
		return "", nil
	}
	return activeSQL, []any{int64(r.at.End()), int64(r.at.Start())}
}

// intern returns one copy of s for all equal strings read.
func (r *reader) intern(s string) string {
	if t, ok := r.text[s]; ok {
		return t
	}
	if r.text == nil {
		r.text = make(map[string]string)
	}
	r.text[s] = s
	return s
}

// key returns the id of actor n, or "" for none.
func (r *reader) key(n int64) string {
	if n < 0 || n >= int64(len(r.keys)) {
		return ""
	}
	return r.keys[n]
}

// tieType returns the name of tie type n.
func (r *reader) tieType(n int64) string {
	if n < 0 || n >= int64(len(r.tieTypes)) {
		r.fail(n, "a tie type")
		return ""
	}
	return r.tieTypes[n]
}

// tieKey returns the id of the ties of tie type n, "" for none.
func (r *reader) tieKey(n int64) string {
	if n < 0 || n >= int64(len(r.tieKeys)) {
		return ""
	}
	return r.tieKeys[n]
}

// unit returns the id of unit n, or "" for none.
func (r *reader) unit(n int64) string {
	if n < 0 || n >= int64(len(r.units)) {
		return ""
	}
	return r.units[n]
}

// period decodes since*1e8 + until, as the queries pack them.
func (r *reader) period(packed int64) (graph.Period, error) {
	var p graph.Period
	var err error
	if p.Since, err = r.dates.date(packed / 1e8); err != nil {
		return p, err
	}
	p.Until, err = r.dates.date(packed % 1e8)
	return p, err
}

// header reads the name, the counts, the largest numbers and the
// generation.
func (r *reader) header() error {
	return r.each(`SELECT ifnull((SELECT value FROM meta WHERE key = 'name'), ''),
		(SELECT count(*) FROM partner), (SELECT count(*) FROM person), (SELECT count(*) FROM unit),
		(SELECT count(*) FROM membership), (SELECT count(*) FROM tie), (SELECT count(*) FROM value_record),
		ifnull((SELECT max(id) FROM actor), 0), ifnull((SELECT max(id) FROM unit), 0),
		ifnull((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'), 0)`, nil, func(v []driver.Value) error {
		r.name = r.str(v[0])
		r.n = graph.Counts{Partners: int(r.int(v[1])), People: int(r.int(v[2])), Units: int(r.int(v[3])),
			Memberships: int(r.int(v[4])), Ties: int(r.int(v[5])), Values: int(r.int(v[6]))}
		r.maxActor, r.maxUnit, r.generation = r.int(v[7]), r.int(v[8]), r.int(v[9])
		return nil
	})
}

// readKeys reads the ids of all actors and units: every record that names
// one shares its one copy of the id.
func (r *reader) readKeys() error {
	r.keys = make([]string, r.maxActor+1)
	err := r.each("SELECT id, key FROM actor", nil, func(v []driver.Value) error {
		if id := r.int(v[0]); id > 0 && id <= r.maxActor {
			r.keys[id] = r.str(v[1])
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.units = make([]string, r.maxUnit+1)
	err = r.each("SELECT id, key FROM unit", nil, func(v []driver.Value) error {
		if id := r.int(v[0]); id > 0 && id <= r.maxUnit {
			r.units[id] = r.str(v[1])
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.each("SELECT id, name, key FROM tie_type ORDER BY id", nil, func(v []driver.Value) error {
		if id := r.int(v[0]); id >= 0 && id < 1<<31 {
			if int(id) >= len(r.tieTypes) {
				r.tieTypes = append(r.tieTypes, make([]string, int(id)+1-len(r.tieTypes))...)
				r.tieKeys = append(r.tieKeys, make([]string, int(id)+1-len(r.tieKeys))...)
			}
			r.tieTypes[id] = r.intern(r.str(v[1]))
			if k := r.str(v[2]); k != "" {
				r.tieKeys[id] = k
			}
		}
		return nil
	})
}

// readAllButTies reads the records but the ties.
func (r *reader) readAllButTies() (*graph.Ecosystem, error) {
	e := &graph.Ecosystem{Name: r.name}
	c := r.n
	var err error
	where, args := r.active()
	e.Partners = make([]graph.Partner, 0, c.Partners)
	err = r.each(`SELECT actor, name, helix, sector, kind, region, since * 100000000 + until
		FROM partner t`+where+` ORDER BY actor`, args, func(v []driver.Value) error {
		p := graph.Partner{
			ID: r.key(r.int(v[0])), Name: r.str(v[1]),
			Helix: graph.Helix(r.intern(r.str(v[2]))), Sector: graph.Sector(r.intern(r.str(v[3]))),
			Kind: r.intern(r.str(v[4])), Region: r.intern(r.str(v[5])),
		}
		var err error
		if p.Period, err = r.period(r.int(v[6])); err != nil {
			return fmt.Errorf("partner %q: %w", p.ID, err)
		}
		e.Partners = append(e.Partners, p)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Every person: Load keeps those of the partners active.
	e.People = make([]graph.Person, 0, c.People)
	err = r.each(`SELECT actor, name, partner, discipline, role FROM person ORDER BY actor`, nil, func(v []driver.Value) error {
		e.People = append(e.People, graph.Person{
			ID: r.key(r.int(v[0])), Name: r.str(v[1]), Partner: r.key(r.int(v[2])),
			Discipline: r.intern(r.str(v[3])), Role: r.intern(r.str(v[4])),
		})
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Every unit, whatever its dates: Load needs them all to tell a unit
	// that is not active at the date from one that does not exist.
	e.Units = make([]graph.Unit, 0, c.Units)
	err = r.each(`SELECT id, name, level, form, ifnull(parent, 0), challenge, cadence, since * 100000000 + until
		FROM unit ORDER BY id`, nil, func(v []driver.Value) error {
		u := graph.Unit{
			ID: r.unit(r.int(v[0])), Name: r.str(v[1]),
			Level: graph.Level(r.intern(r.str(v[2]))), Form: graph.Form(r.intern(r.str(v[3]))),
			Parent: r.unit(r.int(v[4])), Challenge: r.str(v[5]), Cadence: r.intern(r.str(v[6])),
		}
		var err error
		if u.Period, err = r.period(r.int(v[7])); err != nil {
			return fmt.Errorf("unit %q: %w", u.ID, err)
		}
		e.Units = append(e.Units, u)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Memberships, ties and value records active at the date (all without
	// one); Load drops those that name a partner or unit that is not.
	e.Memberships = make([]graph.Membership, 0, c.Memberships)
	err = r.each(`SELECT unit << 32 | member, role, since * 100000000 + until FROM membership t`+where, args, func(v []driver.Value) error {
		ends := r.int(v[0])
		m := graph.Membership{Unit: r.unit(ends >> 32), Member: r.key(ends & 0xffffffff), Role: graph.Role(r.intern(r.str(v[1])))}
		var err error
		if m.Period, err = r.period(r.int(v[2])); err != nil {
			return fmt.Errorf("membership of %q in %q: %w", m.Member, m.Unit, err)
		}
		e.Memberships = append(e.Memberships, m)
		return nil
	})
	if err != nil {
		return nil, err
	}

	var vargs []any
	vwhere := ""
	if !r.at.IsZero() {
		vwhere, vargs = " WHERE date <= ?", args[:1] // dated on or before the end of the date, or undated
	}
	e.Values = make([]graph.Value, 0, c.Values)
	err = r.each(`SELECT reporter, ifnull(unit, 0), cycle, capital, level, date, description
		FROM value_record`+vwhere+` ORDER BY rowid`, vargs, func(v []driver.Value) error {
		val := graph.Value{
			Reporter: r.key(r.int(v[0])), Unit: r.unit(r.int(v[1])), Cycle: graph.Cycle(r.intern(r.str(v[2]))),
			Capital: graph.Capital(r.intern(r.str(v[3]))), Level: graph.OutcomeLevel(r.intern(r.str(v[4]))),
			Description: r.str(v[6]),
		}
		var err error
		if val.Date, err = r.dates.date(r.int(v[5])); err != nil {
			return fmt.Errorf("value record of %q: %w", val.Reporter, err)
		}
		e.Values = append(e.Values, val)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// readTies reads the ties active at r.at.
//
// The query packs the seven columns of a tie into four numbers: the driver
// hands over every value through two calls into SQLite, and for a million
// ties the fewer calls save a tenth of the time.
func (r *reader) readTies() ([]graph.Tie, error) {
	where, args := r.active()
	ties := make([]graph.Tie, 0, r.n.Ties)
	err := r.each(`SELECT source << 32 | target, type, directed << 62 | since * 100000000 + until, weight
		FROM tie t`+where, args, func(v []driver.Value) error {
		ends, dates, typ := r.int(v[0]), r.int(v[2]), r.int(v[1])
		t := graph.Tie{
			Source: r.key(ends >> 32), Target: r.key(ends & 0xffffffff), Type: r.tieType(typ), ID: r.tieKey(typ),
			Weight: r.float(v[3]), Directed: dates>>62 != 0,
		}
		var err error
		if t.Period, err = r.period(dates & (1<<62 - 1)); err != nil {
			return fmt.Errorf("tie %q-%q: %w", t.Source, t.Target, err)
		}
		ties = append(ties, t)
		return nil
	})
	return ties, err
}
