package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

type gapsOptions struct {
	set      flagSet // the flags given on the command line
	data     dataFlags
	format   *enumFlag
	ties     tieFlags
	top      int
	onlyGaps bool
	out      string
}

// defaultTextTop is the length of the candidate lists in text when --top
// is not given; JSON then lists every candidate, up to
// maxDefaultCandidates in all.
const defaultTextTop = 5

// maxDefaultCandidates bounds the candidates JSON lists when --top is not
// given (about 30 MB): a large ecosystem with many units with gaps would
// otherwise write gigabytes. An explicit --top 0 lifts the bound.
const maxDefaultCandidates = 100000

// newGapsCmd makes the command; runF runs it (a.runGaps when nil), so that
// tests can check what the flags set without running it.
func (a *app) newGapsCmd(runF func(context.Context, *gapsOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runGaps
	}
	opts := &gapsOptions{
		format: newEnum("text", "text", "json"),
		ties:   newTieFlags(),
	}
	cmd := &cobra.Command{
		Use:   "gaps",
		Short: "Find missing helix types, fragile links and partners who could fill the gaps",
		Long: `Find the gaps of the ecosystem and of each unit, for coordinators and
facilitators: which helix types are missing against the unit's target (by
default quintuple for an ecosystem, quadruple for a fieldlab, triple for a
team, none for a PLC or CoP; set gaps.targets in ecoscope.yaml), which are
under-represented (below gaps.min_share of the unit's partners, default 10%),
which present types have no tie between them, which partners are isolated or
tied only to their own type, whose departure (articulation points) or which
tie's end (bridges) would split the network or cut a helix type off, and who
is the only link between two types (single brokers).

For every missing or under-represented type of a unit, it ranks the partners
of that type elsewhere in the ecosystem by how close they are to the unit's
partners (Adamic–Adar over the partner network, then the number of steps) and
shows who could introduce them.

A unit's partners are those of the unit and of the units below it. A summary
of the units comes first (units per coverage class, units with a gap, the
types missing most often), then the whole ecosystem, then every unit.
--only-gaps lists only the units with a missing or under-represented type.
The text shows the best 5 candidates per type unless --top says otherwise;
JSON lists them all unless --top is given. --unit reports that unit and the
units below it; the ecosystem section and the candidates still take in the
whole network. With --format json the keys are stable (see docs/gaps.md).`,
		Example: `  ecoscope gaps --from examples/energieke-regio
  ecoscope gaps --unit team-buurtbatterij --top 3
  ecoscope gaps --at 2022 --ties explicit --format json --out gaps.json

  # a large data set: only the units with a gap, the best 2 candidates each
  ecoscope gaps --from /tmp/cordis --only-gaps --top 2 --out gaps.txt

  # the summary alone, as JSON
  ecoscope gaps --from /tmp/cordis --format json --top 1 | jq .summary`,
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
	f.IntVar(&opts.top, "top", 0, fmt.Sprintf("candidates per missing type (0: all; default %d in text, all in JSON)", defaultTextTop))
	f.BoolVar(&opts.onlyGaps, "only-gaps", false, "list only the units with a missing or under-represented type (the summary counts all)")
	registerOut(cmd, &opts.out)
	return cmd
}

// gapsConfig returns the gaps: settings, validated; the error names the
// file they came from.
func (a *app) gapsConfig() (config.Gaps, error) {
	g := a.cfg.Gaps
	if err := g.Validate(); err != nil {
		where := "defaults"
		if a.cfg.File != "" {
			where = a.cfg.File
		}
		return g, fmt.Errorf("config %s: %w", where, err)
	}
	return g, nil
}

func (a *app) runGaps(ctx context.Context, opts *gapsOptions) error {
	if opts.top < 0 {
		return usagef("--top must be 0 (all) or more, got %d", opts.top)
	}
	top := opts.top
	if !opts.set["top"] && opts.format.value == "text" {
		top = defaultTextTop
	}
	g, err := a.gapsConfig()
	if err != nil {
		return err
	}
	q, err := opts.data.query()
	if err != nil {
		return err
	}
	// Load everything, then take the snapshot here: the candidates for a
	// unit are outside it, and an unknown --unit is told apart from one
	// that is not active at --at.
	all := dataFlags{from: opts.data.from}
	whole, meta, err := a.load(ctx, &all)
	if err != nil {
		return err
	}
	meta.At, meta.Unit = q.At, q.Unit
	e := whole.At(q.At)
	var units []string
	var note string
	if q.Unit != "" {
		if _, err := whole.Subtree(q.Unit); err != nil {
			return err // a *graph.NotFoundError naming the closest ids
		}
		units = []string{}
		if sub, err := e.Subtree(q.Unit); err == nil {
			for _, u := range sub.Units {
				units = append(units, u.ID)
			}
		} else {
			x, err := analysis.ExplainEmpty(whole, q) // the unit is not active at q.At
			if err != nil {
				return err
			}
			note = report.DescribeEmpty(x)
		}
	}
	if len(e.Partners) == 0 {
		if q.At.IsZero() {
			fmt.Fprintln(a.io.Err, "note: the data set has no partners: the network is empty")
		} else {
			x, err := analysis.ExplainEmpty(whole, graph.Query{At: q.At})
			if err != nil {
				return err
			}
			a.emptyNote(&x)
			if note == "" {
				note = report.DescribeEmpty(x)
			}
		}
	}

	levels, forms := g.TargetClasses()
	net := a.network(e, &opts.ties)
	gopts := analysis.GapOptions{Targets: levels, FormTargets: forms, MinShare: g.MinShare, Units: units, Top: top, OnlyGaps: opts.onlyGaps}
	if !opts.set["top"] {
		gopts.MaxCandidates = maxDefaultCandidates
	}
	rep, err := analysis.Gaps(ctx, e, net, gopts)
	var tm *analysis.TooManyCandidatesError
	if errors.As(err, &tm) {
		return fmt.Errorf("%w: give --top N to list the best N per missing type (e.g. --top 20), or --top 0 to list them all anyway", err)
	}
	if err != nil {
		return err
	}
	at := "all"
	if !meta.At.IsZero() {
		at = meta.At.String()
	}
	targets := map[string]string{}
	for k, v := range g.Targets {
		targets[strings.ToLower(strings.TrimSpace(k))] = strings.ToLower(strings.TrimSpace(v))
	}
	doc := report.GapsJSON{
		GapsMeta: report.GapsMeta{
			Name: e.Name, Source: meta.Source, At: at, Unit: meta.Unit, TieSource: opts.ties.String(), Notes: net.Notes(),
			Targets: targets, MinShare: g.MinShare, Top: top, OnlyGaps: opts.onlyGaps, Note: note,
		},
		GapReport: rep,
	}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		if opts.format.value == "json" {
			return report.WriteJSON(w, doc)
		}
		return report.WriteGapsText(w, doc)
	})
}
