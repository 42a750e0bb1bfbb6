package graph

import (
	"context"
	"fmt"
	"math"
	"time"
)

// A MetricRun is what `ecoscope metrics --save` keeps of one run: the
// values it computed and how (the snapshot, the unit, the tie source), with
// the time it was made. Saving a run never changes an earlier one.
type MetricRun struct {
	// ID numbers the runs of a store in the order they were saved, from 1;
	// SaveMetrics sets it.
	ID int64 `json:"id"`
	// Time is when the run was made. Stores keep it to the second at
	// least (SQLite: to the nanosecond) and return it in UTC.
	Time time.Time `json:"time"`
	// At is the snapshot date; zero: every record whatever its dates.
	At Date `json:"at"`
	// Unit is the unit whose subtree was analysed; "": the whole ecosystem.
	Unit string `json:"unit,omitempty"`
	// Ties is the tie source: explicit, units or all.
	Ties string `json:"ties"`
	// Level is the level of the run: network, units or nodes.
	Level string `json:"level"`
	// Values are the metrics computed. Undefined values (NaN, and ±Inf)
	// are not saved (see Saved).
	Values []MetricValue `json:"values,omitempty"`
}

// MetricSubject is what a saved metric value describes.
type MetricSubject string

// The subjects of metric values.
const (
	SubjectNetwork MetricSubject = "network" // the whole network; ID is ""
	SubjectUnit    MetricSubject = "unit"    // a unit; ID is its id
	SubjectPartner MetricSubject = "partner" // a partner; ID is its id
)

// A MetricValue is one number of a run: metric Metric of subject (Subject,
// ID).
type MetricValue struct {
	Subject MetricSubject `json:"subject"`
	ID      string        `json:"id,omitempty"`
	Metric  string        `json:"metric"`
	Value   float64       `json:"value"`
}

// HistoryQuery selects saved values: those of one subject, and of one
// metric when Metric is not "".
type HistoryQuery struct {
	Subject MetricSubject
	ID      string
	Metric  string
}

// A HistoryPoint is one saved value with the run it belongs to (the run's
// Values left empty).
type HistoryPoint struct {
	Run    MetricRun `json:"run"`
	Metric string    `json:"metric"`
	Value  float64   `json:"value"`
}

// MetricHistory keeps the metric runs saved by `ecoscope metrics --save`.
type MetricHistory interface {
	// SaveMetrics stores run as a new run, in one unit of work (all its
	// values or, on error, nothing), and returns its ID. It never changes
	// an earlier run. It stores run.Saved(), and ignores run.ID.
	SaveMetrics(ctx context.Context, run MetricRun) (int64, error)
	// History returns the saved values that q selects, oldest run first,
	// then by metric name. A subject or metric with no saved values gives
	// no points and no error; a q that fails Check is an error.
	History(ctx context.Context, q HistoryQuery) ([]HistoryPoint, error)
}

// Valid reports whether s is one of the subjects of metric values.
func (s MetricSubject) Valid() bool {
	return s == SubjectNetwork || s == SubjectUnit || s == SubjectPartner
}

// Saved returns the values of r that a MetricHistory stores: those that are
// defined, in order, without NaN and ±Inf (a metric undefined for a subject,
// such as the closeness of an isolated partner, is not a value). A value
// with an unknown subject, a network value with an id, a unit or partner
// value without one, a value without a metric name, or two values of one
// metric of one subject are an error wrapping ErrInvalid; a store then
// saves nothing of the run.
func (r MetricRun) Saved() ([]MetricValue, error) {
	out := make([]MetricValue, 0, len(r.Values))
	type key struct {
		subject    MetricSubject
		id, metric string
	}
	seen := make(map[key]bool, len(r.Values))
	for _, v := range r.Values {
		switch {
		case !v.Subject.Valid():
			return nil, fmt.Errorf("%w: metric value %q of unknown subject %q", ErrInvalid, v.Metric, v.Subject)
		case v.Subject == SubjectNetwork && v.ID != "":
			return nil, fmt.Errorf("%w: network metric value %q with the id %q (a network value has none)", ErrInvalid, v.Metric, v.ID)
		case v.Subject != SubjectNetwork && v.ID == "":
			return nil, fmt.Errorf("%w: %s metric value %q without an id", ErrInvalid, v.Subject, v.Metric)
		case v.Metric == "":
			return nil, fmt.Errorf("%w: a %s metric value without a metric name", ErrInvalid, v.Subject)
		}
		k := key{v.Subject, v.ID, v.Metric}
		if seen[k] {
			return nil, fmt.Errorf("%w: two values of metric %q of %s %q in one run", ErrInvalid, v.Metric, v.Subject, v.ID)
		}
		seen[k] = true
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// Check returns an error wrapping ErrInvalid when q cannot select anything
// meaningful: an unknown subject, a network query with an id, or a unit or
// partner query without one.
func (q HistoryQuery) Check() error {
	switch {
	case !q.Subject.Valid():
		return fmt.Errorf("%w: unknown subject %q of a history query", ErrInvalid, q.Subject)
	case q.Subject == SubjectNetwork && q.ID != "":
		return fmt.Errorf("%w: a network history query with the id %q", ErrInvalid, q.ID)
	case q.Subject != SubjectNetwork && q.ID == "":
		return fmt.Errorf("%w: a %s history query without an id", ErrInvalid, q.Subject)
	}
	return nil
}
