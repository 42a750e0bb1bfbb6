package report

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// ValuesReport is the output of `ecoscope values`. Its JSON keys are stable:
// later versions add keys, never rename them.
type ValuesReport struct {
	Name   string `json:"name,omitempty"`
	Source string `json:"source"`
	At     string `json:"at"`
	Unit   string `json:"unit,omitempty"`
	// Note says why the snapshot holds no partners, and which date does.
	Note      string `json:"note,omitempty"`
	Partners  int    `json:"partners"`
	TieSource string `json:"tie_source"`
	// Notes say what the reader should know of how the network was made.
	Notes analysis.Notes `json:"notes"`
	analysis.ValueCreation
}

// BuildValues computes the value creation of e (analysis.Values, with the
// betweenness options of mopts) on the partner network that opts makes.
func BuildValues(ctx context.Context, e *graph.Ecosystem, m Meta, opts analysis.Options, mopts analysis.MetricsOptions) (ValuesReport, error) {
	at := "all"
	if !m.At.IsZero() {
		at = m.At.String()
	}
	net := analysis.New(e, opts)
	vc, err := analysis.Values(ctx, e, net, mopts)
	if err != nil {
		return ValuesReport{}, err
	}
	return ValuesReport{
		Name: e.Name, Source: m.Source, At: at, Unit: m.Unit, Note: m.note(), Partners: len(e.Partners),
		TieSource: opts.Ties.String(), Notes: net.Notes(), ValueCreation: vc,
	}, nil
}

// valuesShare formats a share as a percentage with one decimal, "-" when
// undefined.
func valuesShare(f analysis.Float) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

func valuesCycleCells(c analysis.CycleCounts) []string {
	out := make([]string, len(graph.Cycles))
	for i, cy := range graph.Cycles {
		out[i] = strconv.Itoa(c.Of(cy))
	}
	return out
}

func valuesCycleHeader(first string) []string {
	h := []string{first}
	for _, c := range graph.Cycles {
		h = append(h, string(c))
	}
	return append(h, "total", "share")
}

func valuesOutcomeCells(c analysis.OutcomeCounts) []string {
	return []string{strconv.Itoa(c.Micro), strconv.Itoa(c.Meso), strconv.Itoa(c.Macro), strconv.Itoa(c.Unspecified)}
}

// WriteValuesText writes r for people to read.
func WriteValuesText(w io.Writer, r ValuesReport) error {
	ew := &errWriter{w: w}
	ew.heading("Value creation", r.Name)
	ew.sourceAndSnapshot(r.Source, r.At, "(records dated up to then, and undated ones)")
	if r.Unit != "" {
		ew.printf("Unit:     %s and the units below it\n", r.Unit)
	}
	ew.printf("\n%d value records, %d partners\n", r.Records, r.Partners)
	if r.Records == 0 {
		switch {
		case r.Partners == 0 && (r.At != "all" || r.Note != ""):
			ew.printf("\n%s\n", emptyNote(r.Note, r.At))
		case r.At != "all":
			ew.printf("\nNo value records are dated on or before %s. Try a later date.\n", r.At)
		default:
			ew.printf("\nThe data set has no value records. Add them in values.csv: reporter, unit, cycle, capital, level, date, description.\n")
		}
		return ew.err
	}

	ew.printf("\nRecords per cycle and outcome level (share of all records)\n")
	t := numeric("  ")
	t.add("cycle", "micro", "meso", "macro", "unspecified", "total", "share")
	for _, c := range r.Cycles {
		t.add(append(append([]string{string(c.Cycle)}, valuesOutcomeCells(c.Levels)...), strconv.Itoa(c.Records), valuesShare(c.Share))...)
		if c.Cycle == graph.CyclePotential {
			for _, k := range r.Capitals {
				t.add(append(append([]string{"  " + k.Capital}, valuesOutcomeCells(k.Levels)...), strconv.Itoa(k.Records), valuesShare(k.Share))...)
			}
		}
	}
	total := []string{"total"}
	for _, o := range r.Outcomes {
		total = append(total, strconv.Itoa(o.Records))
	}
	t.add(append(total, strconv.Itoa(r.Records), valuesShare(1))...)
	share := []string{"share"}
	for _, o := range r.Outcomes {
		share = append(share, valuesShare(o.Share))
	}
	t.add(append(share, "", "")...)
	t.write(ew)

	ew.printf("\nRecords per helix type of the reporter (a person counts for the partner they work for)\n")
	t = numeric("  ")
	t.add(valuesCycleHeader("helix")...)
	for _, h := range r.Helices {
		t.add(append(append([]string{string(h.Helix)}, valuesCycleCells(h.Cycles)...), strconv.Itoa(h.Records), valuesShare(h.Share))...)
	}
	t.write(ew)

	ew.printf("\nRecords per unit (records naming the unit itself; \"with below\" adds the units nested below it)\n")
	t = numeric("  ")
	t.add(append(valuesCycleHeader("unit"), "with below")...)
	for _, u := range r.Units {
		t.add(append(append([]string{strings.Repeat("  ", u.Depth) + u.ID}, valuesCycleCells(u.Cycles)...),
			strconv.Itoa(u.Records), valuesShare(u.Share), strconv.Itoa(u.SubtreeRecords))...)
	}
	t.add(append(append([]string{"(no unit)"}, valuesCycleCells(r.WithoutUnit.Cycles)...),
		strconv.Itoa(r.WithoutUnit.Records), valuesShare(r.WithoutUnit.Share), "")...)
	t.write(ew)

	ew.printf("\nRecords per year of the record date\n")
	t = numeric("  ")
	t.add(valuesCycleHeader("year")...)
	for _, y := range r.Years {
		t.add(append(append([]string{strconv.Itoa(y.Year)}, valuesCycleCells(y.Cycles)...), strconv.Itoa(y.Records), valuesShare(y.Share))...)
	}
	t.add(append(append([]string{"undated"}, valuesCycleCells(r.Undated.Cycles)...), strconv.Itoa(r.Undated.Records), valuesShare(r.Undated.Share))...)
	t.write(ew)

	p := r.Positions
	ew.printf("\nValue by network position (partner network from %s ties; a person's records count for their partner)\n", r.TieSource)
	ew.printf("  brokers: partners that mediate between helix types in at least one open two-path\n")
	ew.printf("  (a Gould-Fernandez itinerant, representative, gatekeeper or liaison count above 0);\n")
	ew.printf("  q1-q4: quartiles of betweenness, q1 the lowest; equal values share a quartile\n")
	t = numeric("  ")
	t.add("group", "partners", "betweenness", "records", "per partner", "transformative", "realized+transformative")
	groups := append([]analysis.PositionGroup{p.Brokers, p.Others}, p.Quartiles...)
	for _, g := range groups {
		t.add(g.Group, strconv.Itoa(g.Partners), valuesRange(g.MinBetweenness, g.MaxBetweenness), strconv.Itoa(g.Records),
			valuesNumber(g.RecordsPerPartner), valuesShare(g.ShareTransformative), valuesShare(g.ShareRealizedOrTransformative))
	}
	t.write(ew)
	if p.Unattributed > 0 {
		ew.printf("  %d record(s) name a reporter that is not in the network\n", p.Unattributed)
	}
	return ew.err
}

func valuesNumber(f analysis.Float) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func valuesRange(lo, hi analysis.Float) string {
	if math.IsNaN(float64(lo)) {
		return "-"
	}
	f := func(x analysis.Float) string { return strconv.FormatFloat(float64(x), 'f', 4, 64) }
	return f(lo) + "–" + f(hi)
}
