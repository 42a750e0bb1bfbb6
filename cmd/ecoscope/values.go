package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/report"
)

type valuesOptions struct {
	set    flagSet // the flags given on the command line
	data   dataFlags
	format *enumFlag
	ties   tieFlags
	approx float64
	seed   uint64
	out    string
}

// newValuesCmd makes the command; runF runs it (a.runValues when nil), so that
// tests can check what the flags set without running it.
func (a *app) newValuesCmd(runF func(context.Context, *valuesOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runValues
	}
	opts := &valuesOptions{
		format: newEnum("text", "text", "json"),
		ties:   newTieFlags(),
	}
	cmd := &cobra.Command{
		Use:   "values",
		Short: "Count value creation per cycle, outcome level, helix type, unit, year and network position",
		Long: `Count the value records (value creation, Wenger, Trayner & de Laat 2011, with the
expected value of Dingyloudi & Strijbos 2015) and their shares of all records:

  per cycle       expected, immediate, potential (per capital: human, social,
                  tangible, reputational, learning), applied, realized,
                  transformative, each by outcome level (micro, meso, macro, and
                  unspecified for records without a level)
  per helix type  of the reporter (a person counts for the partner they work for)
  per unit        the records naming the unit; "with below" adds the units below it
  per year        of the record date; undated records apart
  per position    in the partner network: brokers (partners that mediate between
                  helix types, Gould-Fernandez) against the others, and quartiles
                  of betweenness: partners, records, records per partner, share
                  transformative, share realized or transformative

No record is left out: every table adds up to all records. The network joins
partners by explicit ties, by shared units, or both (--ties), as in metrics;
with --unit it is the network of that unit and the units below it. See
docs/values.md for the definitions and the JSON keys.`,
		Example: `  ecoscope values --from examples/energieke-regio
  ecoscope values --at 2022 --unit fl-aardgasvrije-wijken
  ecoscope values --ties explicit --format json -o values.json
  ecoscope values --approx 0.01   # sampled betweenness for large networks`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.register(cmd)
	f := cmd.Flags()
	f.Var(opts.format, "format", "output format: text or json")
	opts.ties.register(cmd)
	registerOut(cmd, &opts.out)
	f.Float64Var(&opts.approx, "approx", 0, "estimate betweenness within ±EPS (probability 0.9) by sampling instead of exactly, as metrics does")
	f.Uint64Var(&opts.seed, "seed", 1, "seed for --approx")
	return cmd
}

func (a *app) runValues(ctx context.Context, opts *valuesOptions) error {
	if err := checkApprox(opts.approx); err != nil {
		return err
	}
	e, meta, err := a.load(ctx, &opts.data)
	if err != nil {
		return err
	}
	r, err := report.BuildValues(ctx, e, meta, a.networkOptions(&opts.ties),
		analysis.MetricsOptions{Seed: opts.seed, Approx: opts.approx})
	if err != nil {
		return err
	}
	a.printNotes(r.Notes)
	a.noteApprox(r.BetweennessApproximation)
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		if opts.format.value == "json" {
			return report.WriteJSON(w, r)
		}
		return report.WriteValuesText(w, r)
	})
}
