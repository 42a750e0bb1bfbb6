package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/report"
)

type reportOptions struct {
	set    flagSet // the flags given on the command line
	data   dataFlags
	ties   tieFlags
	format *enumFlag
	units  *countFlag
	out    string
}

// newReportCmd makes the command; runF runs it (a.runReport when nil), so that
// tests can check what the flags set without running it.
func (a *app) newReportCmd(runF func(context.Context, *reportOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runReport
	}
	opts := &reportOptions{
		format: newEnum("text", "text", "json"),
		ties:   newTieFlags(),
		units:  &countFlag{n: report.DefaultTextUnits, what: "units"},
	}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Report how the ecosystem is made up",
		Long: `Report how the ecosystem is made up: partners per helix type, sector and
kind; the helix coverage of the whole ecosystem; a table of the units per
level and coverage class (quintuple: all five types; quadruple: academia,
industry, government, civil society; triple: academia, industry, government;
partial: some types but not the triple; none), with how many units fall below
their target; and the units themselves, those furthest below their target
first.

A unit's target is the coverage class that ecoscope gaps measures it against
(gaps.targets in ecoscope.yaml; by default quintuple for an ecosystem,
quadruple for a fieldlab, triple for a team, none for a PLC or CoP). A unit
is below target when it lacks a helix type the target asks for; the list
puts the units that lack the most types first, then the higher level, then
the larger unit. The text lists ` + fmt.Sprint(report.DefaultTextUnits) + ` units and says how many more there
are; --units N lists N, --units all every one and --units 0 none (the table
only). JSON always lists every unit, in tree order, with the table under
unit_summary.

When --at or --unit leave no partners, the report says why (the unit was not
active then, or the data starts or ends at another date) and which date has
partners. The size and coverage of a unit count the partners of the unit and
of every unit nested below it. Ties are the pairs of partners joined in the network
that --ties selects, as ecoscope metrics counts them. With --format json the
keys are stable (see docs/report.md).`,
		Example: `  ecoscope report --from examples/energieke-regio
  ecoscope report --at 2021-06
  ecoscope report --units 10                  # the ten units most in need of attention
  ecoscope report --units all -o report.txt   # every unit, to a file
  ecoscope report --unit fl-aardgasvrije-wijken --format json`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.register(cmd)
	opts.ties.register(cmd)
	f := cmd.Flags()
	f.Var(opts.format, "format", "output format: text or json")
	registerOut(cmd, &opts.out)
	f.Var(opts.units, "units", "text: list this many units, those furthest below their target first; all for every one, 0 for the table only (JSON lists every unit)")
	return cmd
}

func (a *app) runReport(ctx context.Context, opts *reportOptions) error {
	g, err := a.gapsConfig()
	if err != nil {
		return err
	}
	e, meta, err := a.load(ctx, &opts.data)
	if err != nil {
		return err
	}
	levels, forms := g.TargetClasses()
	r := report.Build(e, meta, report.Options{
		Network: a.networkOptions(&opts.ties),
		Targets: analysis.Targets{Levels: levels, Forms: forms},
	})
	a.printNotes(r.Notes)
	if opts.format.value == "json" && opts.set["units"] {
		fmt.Fprintln(a.io.Err, "note: --units shortens the text list only; JSON lists every unit")
	}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		if opts.format.value == "json" {
			return report.WriteJSON(w, r)
		}
		return report.WriteText(w, r, report.TextOptions{Units: opts.units.n})
	})
}
