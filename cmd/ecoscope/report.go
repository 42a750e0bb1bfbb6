package main

import (
	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/report"
)

type reportOptions struct {
	data   dataFlags
	ties   tieFlags
	format *enumFlag
}

func (a *app) newReportCmd() *cobra.Command {
	opts := &reportOptions{format: newEnum("text", "text", "json"), ties: newTieFlags()}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Report how the ecosystem is made up",
		Long: `Report how the ecosystem is made up: partners per helix type, sector and
kind; units per level; and the helix coverage of the whole ecosystem and of
every unit: quintuple (all five types), quadruple (academia, industry,
government, civil society), triple (academia, industry, government), partial
(some types but not the triple) or none, with the types that are missing.

The size and coverage of a unit count the partners of the unit and of every
unit nested below it. Ties are the pairs of partners joined in the network
that --ties selects, as ecoscope metrics counts them. With --format json the keys are stable (see
docs/report.md).`,
		Example: `  ecoscope report --from examples/energieke-regio
  ecoscope report --at 2021-06
  ecoscope report --unit fl-aardgasvrije-wijken --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runReport(cmd, opts)
		},
	}
	opts.data.register(cmd)
	opts.ties.register(cmd)
	cmd.Flags().Var(opts.format, "format", "output format: text or json")
	return cmd
}

func (a *app) runReport(cmd *cobra.Command, opts *reportOptions) error {
	e, meta, err := a.load(cmd.Context(), &opts.data)
	if err != nil {
		return err
	}
	r := report.Build(e, meta, a.networkOptions(&opts.ties))
	a.printNotes(r.Notes)
	if opts.format.value == "json" {
		return report.WriteJSON(a.io.Out, r)
	}
	return report.WriteText(a.io.Out, r)
}
