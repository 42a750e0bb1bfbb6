package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/spf13/cobra"
)

// parse runs cmd with args; the command was made with a runF that keeps
// its options instead of running anything, so that the flags are tested
// apart from the analyses (issue 10 item 4).
func parse(t *testing.T, cmd *cobra.Command, args ...string) {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	if err := cmd.Execute(); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

// keep returns a runF that stores the options in *dst.
func keep[O any](dst **O) func(context.Context, *O) error {
	return func(_ context.Context, o *O) error { *dst = o; return nil }
}

func TestCommandFlags(t *testing.T) {
	a := &app{io: IOStreams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}}

	var r *reportOptions
	parse(t, a.newReportCmd(keep(&r)), "--from", "x", "--from", "y", "--at", "2020", "--ties", "explicit", "--units", "all", "-o", "r.txt", "--format", "json")
	if len(r.data.from) != 2 || r.data.at != "2020" || r.ties.String() != "explicit" || r.units.n != -1 || r.out != "r.txt" || r.format.value != "json" || !r.set["units"] || r.set["unit"] {
		t.Errorf("report options %+v", r)
	}

	var g *gapsOptions
	parse(t, a.newGapsCmd(keep(&g)), "--top", "3", "--only-gaps", "--unit", "fl")
	if g.top != 3 || !g.onlyGaps || g.data.unit != "fl" || !g.set["top"] || g.ties.String() != "all" {
		t.Errorf("gaps options %+v", g)
	}

	var m *metricsOptions
	parse(t, a.newMetricsCmd(keep(&m)), "--level", "nodes", "--approx", "0.05", "--seed", "7")
	if m.level.value != "nodes" || m.approx != 0.05 || m.seed != 7 || m.format.value != "json" {
		t.Errorf("metrics options %+v", m)
	}

	parse(t, a.newMetricsCmd(keep(&m)), "--save", "--at", "2022")
	if !m.save || m.data.at != "2022" || m.level.value != "network" {
		t.Errorf("metrics --save options %+v", m)
	}

	var h *historyOptions
	parse(t, a.newHistoryCmd(keep(&h)), "--partner", "uni", "--metric", "betweenness", "--format", "csv", "-o", "h.csv")
	if q, err := h.query(); err != nil || q.Subject != "partner" || q.ID != "uni" || q.Metric != "betweenness" || h.format.value != "csv" || h.out != "h.csv" {
		t.Errorf("history options %+v, query %+v, %v", h, q, err)
	}
	parse(t, a.newHistoryCmd(keep(&h)), "--unit", "fl")
	if q, err := h.query(); err != nil || q.Subject != "unit" || q.ID != "fl" || q.Metric != "" || h.format.value != "text" {
		t.Errorf("history --unit: query %+v, %v", q, err)
	}
	parse(t, a.newHistoryCmd(keep(&h)))
	if q, err := h.query(); err != nil || q.Subject != "network" || q.ID != "" {
		t.Errorf("history: query %+v, %v", q, err)
	}
	parse(t, a.newHistoryCmd(keep(&h)), "--unit", "fl", "--partner", "p")
	if _, err := h.query(); err == nil {
		t.Error("history --unit --partner: no error")
	}

	var gr *growthOptions
	parse(t, a.newGrowthCmd(keep(&gr)), "--every", "quarter", "--from-date", "2019", "--to-date", "2021")
	if gr.every.value != "quarter" || gr.fromDate != "2019" || gr.toDate != "2021" || gr.set["at"] {
		t.Errorf("growth options %+v", gr)
	}

	var im *importOptions
	parse(t, a.newImportCmd(keep(&im)), "--replace", "a", "b")
	if !im.replace || im.dryRun || len(im.paths) != 2 {
		t.Errorf("import options %+v", im)
	}

	var ex *exportOptions
	parse(t, a.newExportCmd(keep(&ex)), "--format", "cypher", "--from", "x", "--at", "2022", "--unit", "fl", "-o", "e.cypher")
	if ex.format.value != "cypher" || len(ex.data.from) != 1 || ex.data.at != "2022" || ex.data.unit != "fl" || ex.out != "e.cypher" || !ex.set["format"] {
		t.Errorf("export options %+v", ex)
	}

	// A value outside a flag's list is a flag error before anything runs.
	cmd := a.newMetricsCmd(func(context.Context, *metricsOptions) error { t.Error("ran with a bad flag"); return nil })
	cmd.SetArgs([]string{"--level", "edges"})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetOut(&bytes.Buffer{})
	if err := cmd.Execute(); err == nil {
		t.Error("metrics --level edges: no error")
	}
}
