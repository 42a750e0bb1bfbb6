package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// TestMemStore runs the suite against memStore, a plain reference
// implementation, to check the suite itself.
func TestMemStore(t *testing.T) {
	Run(t, func(t *testing.T) graph.Store { return newMemStore() })
}

// memStore keeps records in maps by natural key.
type memStore struct {
	mu   sync.RWMutex
	st   memState
	runs []graph.MetricRun // the metric history, apart from the data set
}

type memState struct {
	name        string
	partners    map[string]graph.Partner
	people      map[string]graph.Person
	units       map[string]graph.Unit
	memberships map[string]graph.Membership
	ties        map[string]graph.Tie
	values      map[string]graph.Value
}

func newMemStore() *memStore { return &memStore{st: newMemState()} }

func newMemState() memState {
	return memState{
		partners: map[string]graph.Partner{}, people: map[string]graph.Person{}, units: map[string]graph.Unit{},
		memberships: map[string]graph.Membership{}, ties: map[string]graph.Tie{}, values: map[string]graph.Value{},
	}
}

func (s memState) clone() memState {
	return memState{
		name: s.name, partners: maps.Clone(s.partners), people: maps.Clone(s.people), units: maps.Clone(s.units),
		memberships: maps.Clone(s.memberships), ties: maps.Clone(s.ties), values: maps.Clone(s.values),
	}
}

// upsert stores r under k and says whether it was added, updated or unchanged.
func upsert[R comparable](m map[string]R, k string, r R, added, updated, unchanged *int) {
	old, ok := m[k]
	switch {
	case !ok:
		*added++
	case old != r:
		*updated++
	default:
		*unchanged++
	}
	m[k] = r
}

func (s *memStore) Import(ctx context.Context, e *graph.Ecosystem, opts graph.ImportOptions) (graph.ImportStats, error) {
	if err := ctx.Err(); err != nil {
		return graph.ImportStats{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st.clone()
	if opts.Replace {
		st = newMemState()
	}
	if e.Name != "" || opts.Replace {
		st.name = e.Name
	}
	var a graph.ImportStats
	for _, p := range e.Partners {
		p.Pos = graph.Pos{}
		upsert(st.partners, p.ID, p, &a.Added.Partners, &a.Updated.Partners, &a.Unchanged.Partners)
	}
	for _, p := range e.People {
		p.Pos = graph.Pos{}
		upsert(st.people, p.ID, p, &a.Added.People, &a.Updated.People, &a.Unchanged.People)
	}
	if err := ctx.Err(); err != nil {
		return graph.ImportStats{}, err
	}
	for _, x := range e.Units {
		x.Pos = graph.Pos{}
		upsert(st.units, x.ID, x, &a.Added.Units, &a.Updated.Units, &a.Unchanged.Units)
	}
	seen := map[string]bool{}
	for _, m := range e.Memberships {
		m.Pos = graph.Pos{}
		k := fmt.Sprintf("%q %q %q %q", m.Unit, m.Member, m.Role, m.Since)
		if seen[k] {
			return graph.ImportStats{}, fmt.Errorf("%w: two memberships with the key %s", graph.ErrInvalid, k)
		}
		seen[k] = true
		upsert(st.memberships, k, m, &a.Added.Memberships, &a.Updated.Memberships, &a.Unchanged.Memberships)
	}
	for _, t := range e.Ties {
		if err := ctx.Err(); err != nil {
			return graph.ImportStats{}, err
		}
		t.Pos = graph.Pos{}
		if !t.Directed && t.Source > t.Target {
			t.Source, t.Target = t.Target, t.Source
		}
		k := fmt.Sprintf("%q %q %q %q %q", t.Source, t.Target, t.Type, t.Since, t.ID)
		if seen[k] {
			return graph.ImportStats{}, fmt.Errorf("%w: two ties with the key %s", graph.ErrInvalid, k)
		}
		seen[k] = true
		upsert(st.ties, k, t, &a.Added.Ties, &a.Updated.Ties, &a.Unchanged.Ties)
	}
	for _, v := range e.Values {
		v.Pos = graph.Pos{}
		if k := fmt.Sprintf("%#v", v); seen[k] {
			return graph.ImportStats{}, fmt.Errorf("%w: two equal value records", graph.ErrInvalid)
		} else {
			seen[k] = true
		}
		upsert(st.values, fmt.Sprintf("%#v", v), v, &a.Added.Values, &a.Updated.Values, &a.Unchanged.Values)
	}
	if err := st.check(); err != nil {
		return graph.ImportStats{}, err
	}
	if err := ctx.Err(); err != nil {
		return graph.ImportStats{}, err
	}
	s.st = st
	return a, nil
}

// check finds references to records that do not exist.
func (s memState) check() error {
	actor := func(id string) bool { _, p := s.partners[id]; _, q := s.people[id]; return p || q }
	unit := func(id string) bool { _, ok := s.units[id]; return ok }
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, p := range s.people {
		if _, ok := s.partners[p.Partner]; !ok {
			bad("person %q: unknown partner %q", p.ID, p.Partner)
		}
		if _, ok := s.partners[p.ID]; ok {
			bad("person %q is a partner too", p.ID)
		}
	}
	for _, x := range s.units {
		if x.Parent != "" && !unit(x.Parent) {
			bad("unit %q: unknown parent %q", x.ID, x.Parent)
		}
	}
	for _, m := range s.memberships {
		if !unit(m.Unit) || !actor(m.Member) {
			bad("membership %+v: unknown unit or member", m)
		}
	}
	for _, t := range s.ties {
		if !actor(t.Source) || !actor(t.Target) {
			bad("tie %+v: unknown end", t)
		}
	}
	for _, v := range s.values {
		if !actor(v.Reporter) || (v.Unit != "" && !unit(v.Unit)) {
			bad("value %+v: unknown reporter or unit", v)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", graph.ErrInvalid, errors.Join(errs...))
	}
	return nil
}

func (s *memStore) Load(ctx context.Context, q graph.Query) (*graph.Ecosystem, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	e := &graph.Ecosystem{
		Name:        s.st.name,
		Partners:    slices.Collect(maps.Values(s.st.partners)),
		People:      slices.Collect(maps.Values(s.st.people)),
		Units:       slices.Collect(maps.Values(s.st.units)),
		Memberships: slices.Collect(maps.Values(s.st.memberships)),
		Ties:        slices.Collect(maps.Values(s.st.ties)),
		Values:      slices.Collect(maps.Values(s.st.values)),
	}
	s.mu.RUnlock()
	return e.Load(q)
}

func (s *memStore) Counts(ctx context.Context) (graph.Counts, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return graph.Counts{
		Partners: len(s.st.partners), People: len(s.st.people), Units: len(s.st.units),
		Memberships: len(s.st.memberships), Ties: len(s.st.ties), Values: len(s.st.values),
	}, ctx.Err()
}

func (s *memStore) Close() error { return nil }

func (s *memStore) SaveMetrics(ctx context.Context, run graph.MetricRun) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	values, err := run.Saved()
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	run.ID = int64(len(s.runs) + 1)
	run.Time = run.Time.UTC()
	run.Values = values
	s.runs = append(s.runs, run)
	return run.ID, nil
}

func (s *memStore) History(ctx context.Context, q graph.HistoryQuery) ([]graph.HistoryPoint, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []graph.HistoryPoint
	for _, r := range s.runs {
		head := r
		head.Values = nil
		start := len(out)
		for _, v := range r.Values {
			if v.Subject == q.Subject && v.ID == q.ID && (q.Metric == "" || v.Metric == q.Metric) {
				out = append(out, graph.HistoryPoint{Run: head, Metric: v.Metric, Value: v.Value})
			}
		}
		slices.SortFunc(out[start:], func(a, b graph.HistoryPoint) int { return strings.Compare(a.Metric, b.Metric) })
	}
	return out, ctx.Err()
}

func TestCanonical(t *testing.T) {
	e := Sample()
	rev := Sample()
	slices.Reverse(rev.Partners)
	slices.Reverse(rev.Ties)
	for i := range rev.Ties {
		if !rev.Ties[i].Directed {
			rev.Ties[i].Source, rev.Ties[i].Target = rev.Ties[i].Target, rev.Ties[i].Source
		}
	}
	rev.Partners[0].Pos = graph.Pos{File: "x.csv", Line: 3}
	if d := Diff(rev, e); d != "" {
		t.Errorf("Diff of the same data in another order:\n%s", d)
	}
	rev.Ties[0].Weight++
	rev.Partners = rev.Partners[1:]
	d := Diff(rev, e)
	if d == "" {
		t.Fatal("Diff of different data sets is empty")
	}
	t.Logf("diff:\n%s", d)
}
