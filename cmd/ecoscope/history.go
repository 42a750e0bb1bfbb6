package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

type historyOptions struct {
	set     flagSet // the flags given on the command line
	partner string
	unit    string
	metric  string
	format  *enumFlag
	out     string
}

// newHistoryCmd makes the command; runF runs it (a.runHistory when nil), so
// that tests can check what the flags set without running it.
func (a *app) newHistoryCmd(runF func(context.Context, *historyOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runHistory
	}
	opts := &historyOptions{format: newEnum("text", "text", "json", "csv")}
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Show the metrics saved by metrics --save over time",
		Long: `Show how the metrics of a partner, a unit or the whole network changed over the
runs saved with ` + "`ecoscope metrics --save`" + `: one value per run, oldest run first,
with when the run was made and what it analysed (the snapshot date of --at,
the unit of --unit, the tie source and the level).

Without --partner or --unit it shows the network metrics (saved by
` + "`metrics --save`" + ` at the network level); --partner shows the node metrics of a
partner (saved at the nodes level), --unit those of a unit (units level).
--metric keeps one metric; the names are those of the metrics output (its CSV
columns, e.g. betweenness, pagerank, blau_index, helix_academia; see
docs/history.md).

The history is kept in the store apart from the data: an import, also with
--replace, leaves it as it is, and a partner no longer in the data keeps its
history. Values that were undefined (NaN) were not saved.`,
		Example: `  ecoscope metrics --level nodes --save            # save a run (repeat later, or --at 2022)
  ecoscope history --partner gem-arnhem --metric betweenness
  ecoscope history --unit fl-aardgasvrije-wijken --format csv --out unit.csv
  ecoscope history --metric density --format json  # the network`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.partner, "partner", "", "show the node metrics saved for this partner (its id)")
	f.StringVar(&opts.unit, "unit", "", "show the unit metrics saved for this unit (its id)")
	f.StringVar(&opts.metric, "metric", "", "show only this metric (e.g. betweenness); default: every metric saved")
	f.Var(opts.format, "format", "text, json or csv")
	registerOut(cmd, &opts.out)
	return cmd
}

// query turns the flags into a history query.
func (o *historyOptions) query() (graph.HistoryQuery, error) {
	switch {
	case o.set["partner"] && o.set["unit"]:
		return graph.HistoryQuery{}, usagef("--partner and --unit exclude each other: give one (or neither, for the network)")
	case o.set["partner"] && o.partner == "":
		return graph.HistoryQuery{}, usagef("--partner needs a partner id")
	case o.set["unit"] && o.unit == "":
		return graph.HistoryQuery{}, usagef("--unit needs a unit id")
	case o.partner != "":
		return graph.HistoryQuery{Subject: graph.SubjectPartner, ID: o.partner, Metric: o.metric}, nil
	case o.unit != "":
		return graph.HistoryQuery{Subject: graph.SubjectUnit, ID: o.unit, Metric: o.metric}, nil
	}
	return graph.HistoryQuery{Subject: graph.SubjectNetwork, Metric: o.metric}, nil
}

func (a *app) runHistory(ctx context.Context, opts *historyOptions) error {
	q, err := opts.query()
	if err != nil {
		return err
	}
	if !a.storeExists() {
		return fmt.Errorf("no store at %s: import data first (`ecoscope import PATH`), save metrics with `ecoscope metrics --save`, or point --store at a store", a.cfg.Store)
	}
	st, err := a.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer a.closeStore(st)
	points, err := st.History(ctx, q)
	if err != nil {
		return err
	}
	if len(points) == 0 {
		return a.noHistory(ctx, st, q)
	}
	qj := report.HistoryQueryJSON{Subject: q.Subject, ID: q.ID, Metric: q.Metric}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		switch opts.format.value {
		case "json":
			return report.WriteJSON(w, report.HistoryJSON{Source: a.storeName(), Query: qj, Points: points})
		case "csv":
			return report.WriteHistoryCSV(w, qj, points)
		}
		return report.WriteHistoryText(w, a.storeName(), qj, points)
	})
}

// historyCatalog is what a store may tell of its history beyond
// graph.MetricHistory, for the messages of a query without values (the
// SQLite store has it).
type historyCatalog interface {
	MetricRuns(ctx context.Context) (int64, error)
	HistoryIDs(ctx context.Context, subject graph.MetricSubject) ([]string, error)
}

// levelOf is the level of `ecoscope metrics` that saves values of subject.
func levelOf(s graph.MetricSubject) string {
	switch s {
	case graph.SubjectPartner:
		return "nodes"
	case graph.SubjectUnit:
		return "units"
	}
	return "network"
}

// noHistory explains why q selects no saved values: no run saved at all, no
// value of the metric for a subject that has others, or no value of the
// subject; with the nearest saved names.
func (a *app) noHistory(ctx context.Context, st graph.MetricHistory, q graph.HistoryQuery) error {
	cat, _ := st.(historyCatalog)
	if cat != nil {
		n, err := cat.MetricRuns(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no metric runs are saved in %s yet: run `ecoscope metrics --save` first (`--level %s` for %s metrics)",
				a.storeName(), levelOf(q.Subject), q.Subject)
		}
	}
	what := "the network"
	if q.Subject != graph.SubjectNetwork {
		what = fmt.Sprintf("%s %s", q.Subject, graph.Quote(q.ID))
	}
	if q.Metric != "" {
		all, err := st.History(ctx, graph.HistoryQuery{Subject: q.Subject, ID: q.ID})
		if err != nil {
			return err
		}
		if len(all) > 0 {
			var names []string
			for _, p := range all {
				if !slices.Contains(names, p.Metric) {
					names = append(names, p.Metric)
				}
			}
			slices.Sort(names)
			return fmt.Errorf("no value of metric %s is saved for %s%s (metrics saved: %s)",
				graph.Quote(q.Metric), what, didYouMean(q.Metric, names), quoteList(names, 40))
		}
	}
	save := fmt.Sprintf("`ecoscope metrics --level %s --save`", levelOf(q.Subject))
	if cat == nil || q.Subject == graph.SubjectNetwork {
		return fmt.Errorf("no metrics are saved for %s: %s saves them", what, save)
	}
	ids, err := cat.HistoryIDs(ctx, q.Subject)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return fmt.Errorf("no %s has saved metrics yet: %s saves them", q.Subject, save)
	}
	if near := didYouMean(q.ID, ids); near != "" {
		return fmt.Errorf("no metrics are saved for %s%s", what, near)
	}
	return fmt.Errorf("no metrics are saved for %s (%d %ss have some; %s saves them for the %ss in the store)", what, len(ids), q.Subject, save, q.Subject)
}

// didYouMean returns "; did you mean "x" or "y"?" with the names nearest to
// s (graph.Closest, kept when graph.IsNear), or "".
func didYouMean(s string, names []string) string {
	var near []string
	for _, c := range graph.Closest(s, names, 3) {
		if graph.IsNear(s, c) {
			near = append(near, graph.Quote(c))
		}
	}
	if len(near) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(near, " or ") + "?"
}

// quoteList quotes up to limit names, then says how many more.
func quoteList(names []string, limit int) string {
	var qs []string
	for i, n := range names {
		if i == limit {
			qs = append(qs, fmt.Sprintf("and %d more", len(names)-limit))
			break
		}
		qs = append(qs, graph.Quote(n))
	}
	return strings.Join(qs, ", ")
}
