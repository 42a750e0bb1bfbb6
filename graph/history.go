package graph

import (
	"context"
	"time"
)

// A MetricRun is what `ecoscope metrics --save` keeps of one run: the
// values it computed and how (the snapshot, the unit, the tie source), with
// the time it was made. Saving a run never changes an earlier one.
type MetricRun struct {
	// ID numbers the runs of a store in the order they were saved, from 1;
	// SaveMetrics sets it.
	ID int64 `json:"id"`
	// Time is when the run was made (UTC, to the second or finer).
	Time time.Time `json:"time"`
	// At is the snapshot date; zero: every record whatever its dates.
	At Date `json:"at"`
	// Unit is the unit whose subtree was analysed; "": the whole ecosystem.
	Unit string `json:"unit,omitempty"`
	// Ties is the tie source: explicit, units or all.
	Ties string `json:"ties"`
	// Level is the level of the run: network, units or nodes.
	Level string `json:"level"`
	// Values are the metrics computed. Undefined values (NaN) are not
	// saved.
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
	// SaveMetrics stores run as a new run and returns its ID. It never
	// changes an earlier run.
	SaveMetrics(ctx context.Context, run MetricRun) (int64, error)
	// History returns the saved values that q selects, oldest run first,
	// then by metric name.
	History(ctx context.Context, q HistoryQuery) ([]HistoryPoint, error)
}
