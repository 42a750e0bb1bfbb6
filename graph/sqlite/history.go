package sqlite

import (
	"cmp"
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

var _ graph.MetricHistory = (*Store)(nil)

// historyVersion is the schema version that holds the metric history
// (migrations/0003_metric_history.sql).
const historyVersion = 3

// timeLayout is how the time of a run is stored: UTC with nine fractional
// digits, so that the text sorts as the times do and the time round-trips
// to the nanosecond.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// SaveMetrics stores run as a new run in one transaction and returns its
// ID: the runs are numbered 1, 2, ... in the order saved. See
// graph.MetricHistory. The time of the run is kept to the nanosecond, in
// UTC. A run of 100,000 partners' node metrics (2.4 million values) takes
// about 8 s.
func (s *Store) SaveMetrics(ctx context.Context, run graph.MetricRun) (int64, error) {
	if s.readOnly {
		return 0, fmt.Errorf("sqlite: save metrics: %w: %s is open read-only", ErrReadOnly, s.path)
	}
	values, err := run.Saved() // a new slice: sorted below
	if err != nil {
		return 0, fmt.Errorf("sqlite: save metrics: %w", err)
	}
	// In the order of the key of metric_value, so that the rows are
	// appended to its B-tree rather than inserted all over it.
	slices.SortFunc(values, func(a, b graph.MetricValue) int {
		return cmp.Or(strings.Compare(string(a.Subject), string(b.Subject)), strings.Compare(a.ID, b.ID), strings.Compare(a.Metric, b.Metric))
	})
	var id int64
	err = s.withConn(ctx, func(c *conn) (err error) {
		tx, err := c.dc.BeginTx(c.ctx, driver.TxOptions{}) // immediate: see dsn
		if err != nil {
			return err
		}
		defer func() {
			if err != nil {
				if rerr := tx.Rollback(); rerr != nil {
					err = errBadConn(err)
				}
			}
		}()
		if _, err := c.exec("INSERT INTO metric_run (time, at, unit, ties, level) VALUES (?, ?, ?, ?, ?)",
			run.Time.UTC().Format(timeLayout), dateCode(run.At), run.Unit, run.Ties, run.Level); err != nil {
			return err
		}
		if err := c.each("SELECT last_insert_rowid()", nil, func(v []driver.Value) error {
			id = c.int(v[0])
			return nil
		}); err != nil {
			return err
		}
		if _, err := c.insert("metric_value", []string{"run", "subject", "key", "metric", "value"}, "", len(values), func(i int, v []any) {
			x := values[i]
			v[0], v[1], v[2], v[3], v[4] = id, string(x.Subject), x.ID, x.Metric, x.Value
		}); err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		if isFull(err) {
			err = fmt.Errorf("the disk is full (%w); the run was not saved", err)
		}
		return 0, fmt.Errorf("sqlite: save metrics: %w", err)
	}
	return id, nil
}

// History returns the saved values that q selects, oldest run first, then
// by metric name. See graph.MetricHistory. A store opened read-only whose
// schema predates the history (see readableFrom) has no saved runs: its
// history is empty.
func (s *Store) History(ctx context.Context, q graph.HistoryQuery) ([]graph.HistoryPoint, error) {
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	if s.version < historyVersion {
		return nil, nil
	}
	query := `SELECT r.id, r.time, r.at, r.unit, r.ties, r.level, v.metric, v.value
		FROM metric_value v JOIN metric_run r ON r.id = v.run
		WHERE v.subject = ? AND v.key = ?`
	args := []any{string(q.Subject), q.ID}
	if q.Metric != "" {
		query += " AND v.metric = ?"
		args = append(args, q.Metric)
	}
	query += " ORDER BY v.run, v.metric"
	var out []graph.HistoryPoint
	err := s.withConn(ctx, func(c *conn) error {
		return readTx(c, func() error {
			var dates dateCache
			runs := map[int64]graph.MetricRun{} // one decoded copy per run
			return c.each(query, args, func(v []driver.Value) error {
				id := c.int(v[0])
				run, ok := runs[id]
				if !ok {
					t, err := time.Parse(timeLayout, c.str(v[1]))
					if err != nil {
						return fmt.Errorf("run %d: stored time: %w", id, err)
					}
					at, err := dates.date(c.int(v[2]))
					if err != nil {
						return fmt.Errorf("run %d: %w", id, err)
					}
					run = graph.MetricRun{ID: id, Time: t.UTC(), At: at, Unit: c.str(v[3]), Ties: c.str(v[4]), Level: c.str(v[5])}
					runs[id] = run
				}
				out = append(out, graph.HistoryPoint{Run: run, Metric: c.str(v[6]), Value: c.float(v[7])})
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	return out, nil
}

// MetricRuns returns the number of metric runs saved. Not part of
// graph.MetricHistory: `ecoscope history` uses it, where a store has it, to
// tell a store without runs from a subject without values.
func (s *Store) MetricRuns(ctx context.Context) (int64, error) {
	if s.version < historyVersion {
		return 0, nil
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM metric_run").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: history: %w", err)
	}
	return n, nil
}

// HistoryIDs returns the ids of the subjects of kind subject that have
// saved values, sorted ("" for the network, when it has any). Not part of
// graph.MetricHistory: `ecoscope history` suggests the nearest of them for
// an id that has none.
func (s *Store) HistoryIDs(ctx context.Context, subject graph.MetricSubject) ([]string, error) {
	if s.version < historyVersion {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT key FROM metric_value WHERE subject = ? ORDER BY key", string(subject))
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: history: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	return ids, nil
}
