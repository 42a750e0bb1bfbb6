package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

// maxGrowthSnapshots bounds a series, so that a stray date (year 1 or
// 9999) gives a clear error instead of a very long run.
const maxGrowthSnapshots = 5000

type growthOptions struct {
	set      flagSet // the flags given on the command line
	data     dataFlags
	at       string // rejected: a series has no single date
	every    *enumFlag
	fromDate string
	toDate   string
	ties     tieFlags
	format   *enumFlag
	out      string
}

// newGrowthCmd makes the command; runF runs it (a.runGrowth when nil), so that
// tests can check what the flags set without running it.
func (a *app) newGrowthCmd(runF func(context.Context, *growthOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runGrowth
	}
	opts := &growthOptions{
		every:  newEnum("year", "year", "quarter", "month"),
		ties:   newTieFlags(),
		format: newEnum("text", "text", "json", "csv"),
	}
	cmd := &cobra.Command{
		Use:   "growth",
		Short: "Follow the network over time: one snapshot per year, quarter or month",
		Long: `Follow the partner network over time: one snapshot per year, quarter or month
from --from-date to --to-date (by default the earliest and the latest date in
the data: the since and until of partners, ties, units and memberships).

The snapshot of a period holds every record active at any time in it, as
--at does for one date: the snapshot "2021" of --every year is what
` + "`ecoscope metrics --at 2021`" + ` analyses, and every number of a row equals the one
metrics gives for that date and --ties. Quarters run January-March, April-June,
July-September and October-December and are labelled 2021-Q1 ... 2021-Q4.

Each row has the size (partners, ties: pairs of joined partners), density,
components and the share of the largest, average degree, the Blau index of the
helix types, helix coverage and integration, the E-I index, the public-private
tie share, and what changed since the row before: partners new and left (in
the first row every partner is new), new ties and the share of them joining
two different helix types, and new partners per helix type. docs/growth.md
defines every column.`,
		Example: `  ecoscope growth --from examples/energieke-regio
  ecoscope growth --every quarter --from-date 2020 --to-date 2023 --ties explicit
  ecoscope growth --every month --format csv --out growth.csv
  ecoscope growth --unit fl-aardgasvrije-wijken --format json`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.registerSource(cmd, "analyse only this unit and the units nested below it, as they are at each date")
	f := cmd.Flags()
	f.StringVar(&opts.at, "at", "", "not for growth: use --from-date and --to-date")
	_ = f.MarkHidden("at")
	f.Var(opts.every, "every", "one snapshot per year, quarter or month")
	f.StringVar(&opts.fromDate, "from-date", "", "first date of the series (YYYY, YYYY-MM or YYYY-MM-DD; default: the earliest date in the data)")
	f.StringVar(&opts.toDate, "to-date", "", "last date of the series (default: the latest date in the data)")
	opts.ties.register(cmd)
	f.Var(opts.format, "format", "text, json or csv")
	registerOut(cmd, &opts.out)
	return cmd
}

// loadAllDates loads every record of the data set, whatever its dates and
// units: growth and diff take their snapshots, and the subtree of --unit in
// each, themselves.
func (a *app) loadAllDates(ctx context.Context, d dataFlags) (*graph.Ecosystem, report.Meta, error) {
	d.at, d.unit = "", ""
	return a.load(ctx, &d)
}

func growthInterval(s string) analysis.Interval {
	switch s {
	case "quarter":
		return analysis.EveryQuarter
	case "month":
		return analysis.EveryMonth
	}
	return analysis.EveryYear
}

func (a *app) runGrowth(ctx context.Context, opts *growthOptions) error {
	if opts.set["at"] {
		return usagef("growth takes no --at: a series runs from --from-date to --to-date (one snapshot: ecoscope metrics --at DATE; two: ecoscope diff --at A --at B)")
	}
	from, err := graph.ParseDate(opts.fromDate)
	if err != nil {
		return usagef("--from-date: %v", err)
	}
	to, err := graph.ParseDate(opts.toDate)
	if err != nil {
		return usagef("--to-date: %v", err)
	}
	if !from.IsZero() && !to.IsZero() && from.Start() > to.End() {
		return usagef("--from-date %s is after --to-date %s", from, to)
	}

	e, meta, err := a.loadAllDates(ctx, opts.data)
	if err != nil {
		return err
	}
	unit := opts.data.unit
	scope := e
	if unit != "" {
		if scope, err = e.Subtree(unit); err != nil {
			return err
		}
	}
	first, last, dated := analysis.DateRange(scope)
	span := "the data has no dates"
	if dated {
		span = fmt.Sprintf("the data runs from %s to %s", first, last)
	}
	if from.IsZero() || to.IsZero() {
		if !dated {
			return fmt.Errorf("no partner, tie, unit or membership has a date (since or until): give --from-date and --to-date")
		}
		if from.IsZero() {
			from = first
		}
		if to.IsZero() {
			to = last
		}
		switch {
		case from.Start() <= to.End():
		case opts.fromDate == "":
			return fmt.Errorf("--to-date %s is before the earliest date in the data: nothing to show (%s)", to, span)
		default:
			return fmt.Errorf("--from-date %s is after the latest date in the data: nothing to show (%s)", from, span)
		}
	}
	every := growthInterval(opts.every.value)
	spans := analysis.Spans(from, to, every)
	if len(spans) > maxGrowthSnapshots {
		return usagef("a series %s from %s to %s has %d snapshots, more than %d: narrow --from-date and --to-date or choose a longer --every", every, from, to, len(spans), maxGrowthSnapshots)
	}
	rows, notes, err := analysis.Growth(ctx, e, spans, analysis.GrowthOptions{Ties: opts.ties.value(), Unit: unit, MaxUnitSize: a.maxUnitSize()})
	if err != nil {
		return err
	}
	a.printNotes(notes)
	empty := true
	for _, r := range rows {
		if r.Partners > 0 {
			empty = false
			break
		}
	}
	if empty {
		where := ""
		if unit != "" {
			where = " in unit " + unit
		}
		return fmt.Errorf("no partner is active%s from %s to %s: %s", where, spans[0].Label, spans[len(spans)-1].Label, span)
	}

	doc := report.GrowthJSON{
		GrowthMeta: report.GrowthMeta{Name: e.Name, Source: meta.Source, Unit: unit, TieSource: opts.ties.String(), Notes: notes},
		Every:      every.String(), From: spans[0].Label, To: spans[len(spans)-1].Label, Snapshots: rows,
	}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		switch opts.format.value {
		case "json":
			return report.WriteJSON(w, doc)
		case "csv":
			return report.WriteGrowthCSV(w, rows)
		}
		return report.WriteGrowthText(w, doc)
	})
}

type diffOptions struct {
	set    flagSet // the flags given on the command line
	data   dataFlags
	at     []string
	ties   tieFlags
	format *enumFlag
	limit  int
	out    string
}

// newDiffCmd makes the command; runF runs it (a.runDiff when nil), so that
// tests can check what the flags set without running it.
func (a *app) newDiffCmd(runF func(context.Context, *diffOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runDiff
	}
	opts := &diffOptions{
		ties:   newTieFlags(),
		format: newEnum("text", "text", "json"),
	}
	cmd := &cobra.Command{
		Use:   "diff --at A --at B",
		Short: "Compare the network at two dates: who joined and left, what changed",
		Long: `Compare the partner network at two dates A and B (each snapshot as --at selects
it: every record active at any time in the year, month or day given): the
partners that joined and left, the ties (pairs of partners) that joined and
left, the units created and ended, how helix coverage and integration changed,
and the metrics of ` + "`ecoscope growth`" + ` at A and at B with the change B - A.

Text output shows at most --limit entries of each list and says how many more
there are; JSON lists all. docs/growth.md defines every key.`,
		Example: `  ecoscope diff --from examples/energieke-regio --at 2019 --at 2025
  ecoscope diff --at 2022-01 --at 2022-12 --ties explicit --format json
  ecoscope diff --at 2020 --at 2024 --unit ll-slimme-netten --limit 0`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.registerSource(cmd, "analyse only this unit and the units nested below it, as they are at each date")
	f := cmd.Flags()
	f.StringArrayVar(&opts.at, "at", nil, "a date to compare (YYYY, YYYY-MM or YYYY-MM-DD); give exactly two")
	opts.ties.register(cmd)
	f.Var(opts.format, "format", "text or json")
	f.IntVar(&opts.limit, "limit", 20, "text: show at most this many entries of each list (0: all)")
	registerOut(cmd, &opts.out)
	return cmd
}

func (a *app) runDiff(ctx context.Context, opts *diffOptions) error {
	if len(opts.at) != 2 {
		return usagef("diff needs exactly two dates, --at A --at B (e.g. --at 2019 --at 2025); got %d", len(opts.at))
	}
	if opts.limit < 0 {
		return usagef("--limit must not be negative (0 shows all)")
	}
	var dates [2]graph.Date
	for i, s := range opts.at {
		d, err := graph.ParseDate(s)
		if err != nil {
			return usagef("--at: %v", err)
		}
		if d.IsZero() {
			return usagef("--at: give a date (YYYY, YYYY-MM or YYYY-MM-DD), not an empty value")
		}
		dates[i] = d
	}
	e, meta, err := a.loadAllDates(ctx, opts.data)
	if err != nil {
		return err
	}
	if u := opts.data.unit; u != "" {
		if _, ok := graph.NewIndex(e).Unit[u]; !ok {
			_, err := e.Subtree(u) // the NotFoundError, with the closest ids of any date
			return err
		}
	}
	var snaps [2]*graph.Ecosystem
	for i, d := range dates {
		if snaps[i], err = e.Load(graph.Query{At: d, Unit: opts.data.unit}); err != nil {
			return err
		}
	}
	if len(snaps[0].Partners) == 0 && len(snaps[1].Partners) == 0 {
		var why []string
		for _, d := range dates {
			x, err := analysis.ExplainEmpty(e, graph.Query{At: d, Unit: opts.data.unit})
			if err != nil {
				return err
			}
			why = append(why, report.DescribeEmpty(x))
		}
		fmt.Fprintf(a.io.Err, "note: both snapshots are empty. %s\n", strings.Join(why, " "))
	}
	diff := analysis.DiffOf(snaps[0], snaps[1], a.networkOptions(&opts.ties))
	a.printNotes(diff.Notes)
	doc := report.DiffJSON{
		GrowthMeta: report.GrowthMeta{Name: e.Name, Source: meta.Source, Unit: opts.data.unit, TieSource: opts.ties.String(), Notes: diff.Notes},
		A:          dates[0].String(), B: dates[1].String(),
		Diff: diff,
	}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		if opts.format.value == "json" {
			return report.WriteJSON(w, doc)
		}
		return report.WriteDiffText(w, doc, opts.limit)
	})
}
