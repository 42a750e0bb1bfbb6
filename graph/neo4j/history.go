package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"time"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// MetricPrefix starts the name of the properties that hold, on Partner and
// Unit nodes, the values of the latest metric run: ecoscope_betweenness.
const MetricPrefix = "ecoscope_"

// metricName is what a metric name must look like to become part of a
// property key: the snake_case names of package analysis.
var metricName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// checkRun returns an error for a run that cannot be saved.
func checkRun(run *graph.MetricRun) error {
	for _, v := range run.Values {
		if !metricName.MatchString(v.Metric) {
			return fmt.Errorf("%w: metric name %s: want lower-case letters, digits and _", graph.ErrInvalid, graph.Quote(v.Metric))
		}
		switch v.Subject {
		case graph.SubjectNetwork, graph.SubjectPartner, graph.SubjectUnit:
		default:
			return fmt.Errorf("%w: metric %s: unknown subject %s", graph.ErrInvalid, v.Metric, graph.Quote(string(v.Subject)))
		}
	}
	return nil
}

// runProps returns the properties of the MetricRun node of run.
func runProps(run *graph.MetricRun) map[string]any {
	p := map[string]any{"time": run.Time.UTC(), "unit": str(run.Unit), "ties": str(run.Ties), "level": str(run.Level)}
	putDate(p, "at", run.At)
	return p
}

// latest returns the rows that set the ecoscope_ properties of the
// subjects of kind subject in run, one row per subject.
func latest(run *graph.MetricRun, subject graph.MetricSubject) []any {
	byID := map[string]map[string]any{}
	var ids []string
	for _, v := range run.Values {
		if v.Subject != subject || math.IsNaN(v.Value) {
			continue
		}
		p, ok := byID[v.ID]
		if !ok {
			p = map[string]any{}
			byID[v.ID] = p
			ids = append(ids, v.ID)
		}
		p[MetricPrefix+v.Metric] = v.Value
	}
	rows := make([]any, len(ids))
	for i, id := range ids {
		rows[i] = map[string]any{"id": id, "props": byID[id]}
	}
	return rows
}

// SaveMetrics implements graph.MetricHistory: a (:MetricRun) node, one
// (:MetricValue {subject, id, metric, value}) node per value linked from
// it with HAS_VALUE, and the values as ecoscope_ properties on the Partner
// and Unit nodes, which hold the latest run only: the ecoscope_ properties
// of the partners (units) are cleared when a run with partner (unit)
// values is saved. Undefined values (NaN) are not saved.
func (s *Store) SaveMetrics(ctx context.Context, run graph.MetricRun) (int64, error) {
	if s.cfg.ReadOnly {
		return 0, fmt.Errorf("neo4j: save metrics: %w", ErrReadOnly)
	}
	if err := checkRun(&run); err != nil {
		return 0, fmt.Errorf("neo4j: save metrics: %w", err)
	}
	if run.Time.IsZero() {
		run.Time = time.Now()
	}
	var rows []any
	for _, v := range run.Values {
		if !math.IsNaN(v.Value) {
			rows = append(rows, map[string]any{"subject": string(v.Subject), "id": v.ID, "metric": v.Metric, "value": v.Value})
		}
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	id, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (int64, error) {
		var id int64
		err := each(ctx, tx, nextRun, map[string]any{"meta": metaKey}, func(r *neo4j.Record) error {
			var err error
			id, err = get[int64](r, "id")
			return err
		})
		if err != nil {
			return 0, err
		}
		if err := runTx(ctx, tx, createRun, map[string]any{"id": id, "props": runProps(&run)}); err != nil {
			return 0, err
		}
		err = batches(rows, s.cfg.BatchSize, func(b []any) error {
			return runTx(ctx, tx, createValues, map[string]any{"id": id, "rows": b})
		})
		if err != nil {
			return 0, err
		}
		clear := map[string]any{}
		err = each(ctx, tx, metricNames, nil, func(r *neo4j.Record) error {
			m, err := get[string](r, "metric")
			if metricName.MatchString(m) {
				clear[MetricPrefix+m] = nil
			}
			return err
		})
		if err != nil {
			return 0, err
		}
		for _, k := range []struct {
			subject    graph.MetricSubject
			clear, set statement
		}{{graph.SubjectPartner, clearPartnerMetrics, setPartnerMetrics}, {graph.SubjectUnit, clearUnitMetrics, setUnitMetrics}} {
			rows := latest(&run, k.subject)
			if len(rows) == 0 {
				continue
			}
			if err := runTx(ctx, tx, k.clear, map[string]any{"clear": clear}); err != nil {
				return 0, err
			}
			if err := batches(rows, s.cfg.BatchSize, func(b []any) error {
				return runTx(ctx, tx, k.set, map[string]any{"rows": b})
			}); err != nil {
				return 0, err
			}
		}
		return id, nil
	})
	if err != nil {
		return 0, s.wrap("save metrics", withCtx(ctx, err))
	}
	return id, nil
}

// History implements graph.MetricHistory.
func (s *Store) History(ctx context.Context, q graph.HistoryQuery) ([]graph.HistoryPoint, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	params := map[string]any{"subject": string(q.Subject), "id": q.ID, "metric": q.Metric}
	out, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]graph.HistoryPoint, error) {
		var out []graph.HistoryPoint
		err := each(ctx, tx, readHistory, params, func(r *neo4j.Record) error {
			p, err := get[map[string]any](r, "run")
			if err != nil {
				return err
			}
			run, err := decodeRun(p)
			if err != nil {
				return err
			}
			metric, err := get[string](r, "metric")
			if err != nil {
				return err
			}
			value, err := get[float64](r, "value")
			out = append(out, graph.HistoryPoint{Run: run, Metric: metric, Value: value})
			return err
		})
		return out, err
	})
	if err != nil {
		return nil, s.wrap("history", withCtx(ctx, err))
	}
	slices.SortStableFunc(out, func(a, b graph.HistoryPoint) int {
		return cmp.Or(cmp.Compare(a.Run.ID, b.Run.ID), cmp.Compare(a.Metric, b.Metric))
	})
	return out, nil
}

func decodeRun(p props) (graph.MetricRun, error) {
	d := &decoder{p: p}
	run := graph.MetricRun{At: d.date("at"), Unit: d.str("unit"), Ties: d.str("ties"), Level: d.str("level")}
	id, ok := p["id"].(int64)
	if !ok {
		d.keep(fmt.Errorf("property id is %T, want an integer", p["id"]))
	}
	run.ID = id
	switch t := p["time"].(type) {
	case time.Time:
		run.Time = t.UTC()
	case dbtype.LocalDateTime:
		run.Time = time.Time(t).UTC()
	default:
		d.keep(fmt.Errorf("property time is %T, want a DateTime", p["time"]))
	}
	return run, wrapDecode("metric run", fmt.Sprint(id), d.err)
}
