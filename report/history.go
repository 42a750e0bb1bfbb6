package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// The values that `ecoscope metrics --save` keeps of a run are the numbers
// of its output, named as the output names them: every numeric CSV column
// under its header (so the JSON objects helix_counts, sector_counts and
// helix_mixing are kept flattened, as helix_<type>, sector_<sector> and
// mixing_<a>_<b>), and the numbers that only the JSON has under their JSON
// key (synergy_units; the brokerage z-scores of the node level). Left out:
// text columns (ids, names, helix, sector, level, form, parent, coverage
// classes, missing types), the community of a partner (a label that
// Louvain may give another partner in another run, not a measurement) and
// ei_index_permutations (a setting, not a result). Undefined values (NaN,
// empty in CSV) are left out too.

// Columns of the metrics CSVs that are not saved: text, and labels.
var (
	nodeText    = []string{"id", "name", "helix", "sector", "community"}
	unitText    = []string{"id", "name", "level", "form", "parent", "helix_coverage", "helix_missing", "helix_integration"}
	networkText = []string{"helix_coverage", "helix_missing", "helix_integration"}
)

// NodeMetricValues returns the values of the node level to save: one per
// partner and numeric column, of subject graph.SubjectPartner.
func NodeMetricValues(nodes []analysis.NodeMetrics) ([]graph.MetricValue, error) {
	var buf bytes.Buffer
	if err := WriteNodesCSV(&buf, nodes); err != nil {
		return nil, err
	}
	out, err := csvValues(&buf, nodeText, len(nodes), func(i int) (graph.MetricSubject, string) { return graph.SubjectPartner, nodes[i].ID })
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		for _, z := range []struct {
			name string
			v    analysis.Float
		}{{"coordinator_z", n.CoordinatorZ}, {"itinerant_z", n.ItinerantZ}, {"gatekeeper_z", n.GatekeeperZ},
			{"representative_z", n.RepresentativeZ}, {"liaison_z", n.LiaisonZ}} {
			out = appendDefined(out, graph.SubjectPartner, n.ID, z.name, float64(z.v))
		}
	}
	return out, nil
}

// UnitMetricValues returns the values of the unit level to save: one per
// unit and numeric column, of subject graph.SubjectUnit.
func UnitMetricValues(units []analysis.UnitMetrics) ([]graph.MetricValue, error) {
	var buf bytes.Buffer
	if err := WriteUnitsCSV(&buf, units); err != nil {
		return nil, err
	}
	return csvValues(&buf, unitText, len(units), func(i int) (graph.MetricSubject, string) { return graph.SubjectUnit, units[i].ID })
}

// NetworkMetricValues returns the values of the network level to save, of
// subject graph.SubjectNetwork.
func NetworkMetricValues(m analysis.NetworkMetrics) ([]graph.MetricValue, error) {
	var buf bytes.Buffer
	if err := WriteNetworkCSV(&buf, m); err != nil {
		return nil, err
	}
	out, err := csvValues(&buf, networkText, 1, func(int) (graph.MetricSubject, string) { return graph.SubjectNetwork, "" })
	if err != nil {
		return nil, err
	}
	return appendDefined(out, graph.SubjectNetwork, "", "synergy_units", float64(m.SynergyUnits)), nil
}

func appendDefined(vs []graph.MetricValue, s graph.MetricSubject, id, metric string, v float64) []graph.MetricValue {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return vs
	}
	return append(vs, graph.MetricValue{Subject: s, ID: id, Metric: metric, Value: v})
}

// csvValues reads back a metrics CSV of n rows: every cell of a column not
// in text is a number at full precision, or empty when undefined. The
// subject of row i is subject(i) (the id is taken from there, not from the
// CSV, where SafeCell (CSV.Row) may have changed it).
func csvValues(r io.Reader, text []string, n int, subject func(i int) (graph.MetricSubject, string)) ([]graph.MetricValue, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) != n+1 {
		return nil, fmt.Errorf("metrics CSV: %d rows, want %d", len(rows)-1, n)
	}
	head := rows[0]
	var out []graph.MetricValue
	for i, row := range rows[1:] {
		s, id := subject(i)
		for j, cell := range row {
			if slices.Contains(text, head[j]) || cell == "" {
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				return nil, fmt.Errorf("metrics CSV: column %s is not a number: %w", head[j], err)
			}
			out = appendDefined(out, s, id, head[j], v)
		}
	}
	return out, nil
}

// HistoryQueryJSON is the query of `ecoscope history` in its JSON document.
type HistoryQueryJSON struct {
	Subject graph.MetricSubject `json:"subject"`
	ID      string              `json:"id,omitempty"`
	Metric  string              `json:"metric,omitempty"`
}

// HistoryJSON is the JSON document of `ecoscope history`. Its keys are
// stable.
type HistoryJSON struct {
	Source string               `json:"source"`
	Query  HistoryQueryJSON     `json:"query"`
	Points []graph.HistoryPoint `json:"points"`
}

// HistoryColumns are the CSV columns of `ecoscope history`, one row per
// point.
var HistoryColumns = []string{"run", "time", "at", "unit", "ties", "level", "subject", "id", "metric", "value"}

// historyTime formats the time of a run for people: UTC, to the second.
func historyTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") }

// historyAt is the snapshot of a run for people: its date, or "all".
func historyAt(d graph.Date) string {
	if d.IsZero() {
		return "all"
	}
	return d.String()
}

// WriteHistoryCSV writes one row per point: the run (its time in RFC 3339
// to the nanosecond, UTC; at empty for every record), the subject, the
// metric and the value at full precision. Text cells are spreadsheet-safe.
func WriteHistoryCSV(w io.Writer, q HistoryQueryJSON, points []graph.HistoryPoint) error {
	c := newCSV(w)
	c.row(HistoryColumns...)
	for _, p := range points {
		r := p.Run
		c.row(strconv.FormatInt(r.ID, 10), r.Time.UTC().Format(time.RFC3339Nano), r.At.String(), r.Unit,
			r.Ties, r.Level, string(q.Subject), q.ID, p.Metric, num(analysis.Float(p.Value)))
	}
	return c.flush()
}

// WriteHistoryText writes the points for people to read: one table per
// metric (sorted by name), a row per run, the time in UTC to the second
// and the value at full precision. A unit column shows the unit analysed
// when a run analysed one. Text from the store is escaped (Printable).
func WriteHistoryText(w io.Writer, source string, q HistoryQueryJSON, points []graph.HistoryPoint) error {
	ew := &errWriter{w: w}
	title := "Metric history of the network"
	if q.Subject != graph.SubjectNetwork {
		title = fmt.Sprintf("Metric history of %s %s", q.Subject, Printable(q.ID))
	}
	ew.heading(title, "")
	ew.printf("Source: %s\n", Printable(source))
	runs := map[int64]bool{}
	scoped := false
	for _, p := range points {
		runs[p.Run.ID] = true
		scoped = scoped || p.Run.Unit != ""
	}
	ew.printf("%d value(s) from %d run(s)\n", len(points), len(runs))
	var metrics []string
	byMetric := map[string][]graph.HistoryPoint{}
	for _, p := range points {
		if _, ok := byMetric[p.Metric]; !ok {
			metrics = append(metrics, p.Metric)
		}
		byMetric[p.Metric] = append(byMetric[p.Metric], p)
	}
	slices.Sort(metrics)
	for _, m := range metrics {
		ew.printf("\n%s\n", Printable(m))
		head := []string{"run", "time", "snapshot", "ties", "level", "value"}
		if scoped {
			head = []string{"run", "time", "snapshot", "unit", "ties", "level", "value"}
		}
		t := newTable("  ", 0, len(head)-1)
		t.add(head...)
		for _, p := range byMetric[m] {
			r := p.Run
			row := []string{strconv.FormatInt(r.ID, 10), historyTime(r.Time), historyAt(r.At)}
			if scoped {
				unit := r.Unit
				if unit == "" {
					unit = "all"
				}
				row = append(row, Printable(unit))
			}
			// Printable before the table measures the cells: escaped
			// text is wider than the text.
			row = append(row, Printable(r.Ties), Printable(r.Level), num(analysis.Float(p.Value)))
			t.add(row...)
		}
		t.write(ew)
	}
	return ew.err
}
