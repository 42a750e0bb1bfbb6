package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/report"
)

type checkOptions struct {
	set    flagSet // the flags given on the command line
	data   dataFlags
	format *enumFlag
	lang   *enumFlag
	out    string
}

// newCheckCmd makes the command; runF runs it (a.runCheck when nil), so that
// tests can check what the flags set without running it.
func (a *app) newCheckCmd(runF func(context.Context, *checkOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runCheck
	}
	opts := &checkOptions{
		format: newEnum("text", "text", "json"),
		lang:   newEnum("en", "en", "nl"),
	}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Is this a Learning Community? Check every unit against the framework",
		Long: `Check every unit (ecosystem, fieldlab, team) against the multi-level framework
of Learning Communities ("Is dit een Learning Community?", Endedijk et al.)
and give a verdict: learning_community, not_on_its_own or insufficient_data.

A unit is a Learning Community when four criteria hold, counting the partners
and people of the unit and of the units nested below it:

  interorganisational  at least 2 organisations (check.min_organisations)
  interprofessional    at least 2 professional backgrounds (check.min_disciplines), each
                       partner judged on the disciplines of its people, else its kind,
                       else its helix type; too few is unknown rather than false while
                       under 80% of the partners are known by discipline or kind
                       (check.min_known_share)
  public-private       public and private partners, a knowledge institution among them
  societal challenge   a challenge named by the unit or inherited from a unit above it

A professional learning community (plc: one organisation) or a community of
practice (cop: one profession) is not a Learning Community on its own, nor is
any unit that fails a criterion; a unit is insufficient_data when no criterion
fails but the data does not settle one. Each criterion is true, false or
unknown, with its evidence.

Level fit is advice, not part of the verdict: a team should have a fixed term
and a stable composition, a fieldlab a changing composition or several units
beneath it, an ecosystem broad representation (3 helix types) and units
beneath it. When another level fits better, the check suggests it.

The thresholds are set under check: in ecoscope.yaml (see docs/check.md).
The text can be in English or Dutch (--lang nl); the JSON keys are always
English and stable.`,
		Example: `  ecoscope check --from examples/energieke-regio
  ecoscope check --from examples/energieke-regio --lang nl
  ecoscope check --unit fl-aardgasvrije-wijken --at 2022
  ecoscope check --format json --out check.json`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.register(cmd)
	f := cmd.Flags()
	f.Var(opts.format, "format", "output format: text or json")
	f.Var(opts.lang, "lang", "language of the text output: en or nl")
	registerOut(cmd, &opts.out)
	return cmd
}

func (a *app) runCheck(ctx context.Context, opts *checkOptions) error {
	copts := a.cfg.Check
	if err := copts.Validate(); err != nil {
		where := "config"
		if a.cfg.File != "" {
			where += " " + a.cfg.File
		}
		return fmt.Errorf("%s: check.%w", where, err)
	}
	q, err := opts.data.query()
	if err != nil {
		return err
	}
	// Load everything, then take the snapshot and the unit here: a unit
	// inherits its challenge from the units above it, which a subtree
	// leaves out.
	all := opts.data
	all.at, all.unit = "", ""
	full, meta, err := a.load(ctx, &all)
	if err != nil {
		return err
	}
	meta.At, meta.Unit = q.At, q.Unit
	sel, err := full.Load(q) // an unknown unit is an error naming the closest ids
	if err != nil {
		return err
	}
	snap := full.At(q.At)
	var why analysis.EmptySnapshot
	switch {
	case q.Unit != "" && len(sel.Units) == 0:
		snap = sel // the unit is not active at this date: nothing to check
		why, err = analysis.ExplainNoUnits(full, q)
		meta.Empty = &why
	case q.Unit != "":
		copts.Unit = q.Unit
	case q.At.IsZero() || len(snap.Units) > 0:
	case len(snap.Partners) == 0:
		why, err = analysis.ExplainEmpty(full, q)
		meta.Empty = &why
	default:
		why, err = analysis.ExplainNoUnits(full, q)
		meta.Empty = &why
	}
	if err != nil {
		return err
	}
	r, err := report.BuildCheck(snap, meta, copts)
	if err != nil {
		return err
	}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		if opts.format.value == "json" {
			return report.WriteJSON(w, r)
		}
		return report.WriteCheckText(w, r, report.CheckLang(opts.lang.value))
	})
}
