package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

type metricsOptions struct {
	set          flagSet // the flags given on the command line
	data         dataFlags
	level        *enumFlag
	format       *enumFlag
	ties         tieFlags
	out          string
	approx       float64
	seed         uint64
	permutations int
	save         bool
}

// newMetricsCmd makes the command; runF runs it (a.runMetrics when nil), so that
// tests can check what the flags set without running it.
func (a *app) newMetricsCmd(runF func(context.Context, *metricsOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runMetrics
	}
	opts := &metricsOptions{
		level:  newEnum("network", "network", "units", "nodes"),
		format: newEnum("json", "json", "csv"),
		ties:   newTieFlags(),
	}
	cmd := &cobra.Command{
		Use:   "metrics",
		Short: "Compute network, unit or node metrics for R, Python, Gephi",
		Long: `Compute the metrics of the partner network, NetworkX-compatible, at one of three
levels:

  network  one record: size, density, components, clustering, helix composition,
           diversity (Blau, Shannon), coverage and integration, mixing matrix,
           assortativity, E-I index with a permutation test, public-private tie
           share, modularity and communities, triple helix synergy, reciprocity
  units    one record per unit, over the partners of the unit and the units below
           it: composition, diversity, coverage and mixing
  nodes    one record per partner: degree, strength, betweenness, closeness,
           eigenvector, PageRank, clustering, core, community, constraint,
           effective size, ego diversity, E-I index, Gould-Fernandez
           brokerage roles, in- and out-degree

The network joins partners by explicit ties, by shared units (partners that
are direct members of the same unit, weight = units shared), or both (--ties).
Units at the ecosystem level, and units with more direct partners than
--max-unit-size (default 50), make no unit ties; a note says which.
The network is undirected: a directed tie joins its partners both ways for
every metric except in_degree, out_degree and reciprocity; a note says how
many ties were directed.
Numbers are written at full float64 precision; undefined values (NaN) are
null in JSON and empty in CSV. Every metric is defined in docs/metrics.md.

--save also keeps the numbers of the run in the store, with the snapshot date,
unit, tie source, level and the time of the run, for ` + "`ecoscope history`" + `
(docs/history.md); the output is the same. It needs the store: not with --from.`,
		Example: `  ecoscope metrics --from examples/energieke-regio
  ecoscope metrics --level nodes --format csv --out nodes.csv
  ecoscope metrics --level units --at 2022 --ties explicit
  ecoscope metrics --level nodes --approx 0.01 --format csv   # sampled betweenness for large networks
  ecoscope metrics --level nodes --save --at 2022              # keep the run for ecoscope history`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.register(cmd)
	f := cmd.Flags()
	f.Var(opts.level, "level", "network, units or nodes")
	f.Var(opts.format, "format", "json or csv")
	opts.ties.register(cmd)
	registerOut(cmd, &opts.out)
	f.Float64Var(&opts.approx, "approx", 0, "estimate betweenness within ±EPS (probability 0.9) by sampling instead of exactly")
	f.Uint64Var(&opts.seed, "seed", 1, "seed for Louvain, the E-I permutation test and --approx")
	f.IntVar(&opts.permutations, "permutations", analysis.DefaultPermutations, "permutations of the E-I index test")
	f.BoolVar(&opts.save, "save", false, "also save the metrics of this run in the store, for ecoscope history (not with --from)")
	return cmd
}

func (a *app) runMetrics(ctx context.Context, opts *metricsOptions) error {
	if err := checkApprox(opts.approx); err != nil {
		return err
	}
	if opts.permutations < 1 {
		return usagef("--permutations must be at least 1")
	}
	if opts.save && len(opts.data.from) > 0 {
		return usagef("--save keeps the run in the store, and --from reads files without one: import the data first (`ecoscope import PATH`), then run `ecoscope metrics --save` without --from")
	}
	started := time.Now().UTC()
	if opts.save {
		// Before the work: a store that cannot be written (or a missing
		// one) fails now, not after minutes of betweenness.
		if !a.storeExists() {
			return fmt.Errorf("no store at %s: import data first (`ecoscope import PATH`), then run `ecoscope metrics --save`", a.cfg.Store)
		}
		st, err := a.openStore(ctx, true)
		if err != nil {
			return fmt.Errorf("--save: %w", err)
		}
		a.closeStore(st)
	}
	e, meta, err := a.load(ctx, &opts.data)
	if err != nil {
		return err
	}
	a.noteNoPartners(e, meta, "the network is empty")
	net := a.network(e, &opts.ties)
	mopts := analysis.MetricsOptions{Seed: opts.seed, Permutations: opts.permutations, Approx: opts.approx}
	at := "all"
	if !meta.At.IsZero() {
		at = meta.At.String()
	}
	mm := report.MetricsMeta{Source: meta.Source, At: at, Unit: meta.Unit, TieSource: opts.ties.String(), Seed: opts.seed, Notes: net.Notes()}

	// Compute first, write after: an interrupted run writes nothing.
	csv := opts.format.value == "csv"
	var write func(w io.Writer) error
	var values func() ([]graph.MetricValue, error) // what --save keeps
	stop := a.progress().Spin("computing " + opts.level.value + " metrics")
	defer stop()
	switch opts.level.value {
	case "network":
		m, err := analysis.NetworkMetricsOf(ctx, e, net, mopts)
		if err != nil {
			return err
		}
		if m.SynergyUnits == 0 {
			mm.Notes = append(mm.Notes, analysis.NoSynergyNote)
			a.printNotes(analysis.Notes{analysis.NoSynergyNote})
		}
		values = func() ([]graph.MetricValue, error) { return report.NetworkMetricValues(m) }
		write = func(w io.Writer) error {
			if csv {
				return report.WriteNetworkCSV(w, m)
			}
			return report.WriteJSON(w, report.NetworkMetricsJSON{MetricsMeta: mm, NetworkMetrics: m})
		}
	case "units":
		u := analysis.UnitMetricsOf(e, net)
		values = func() ([]graph.MetricValue, error) { return report.UnitMetricValues(u) }
		write = func(w io.Writer) error {
			if csv {
				return report.WriteUnitsCSV(w, u)
			}
			return report.WriteJSON(w, report.UnitMetricsJSON{MetricsMeta: mm, Units: u})
		}
	default:
		nodes, approx, err := analysis.NodeMetricsOf(ctx, net, mopts)
		if err != nil {
			return err
		}
		a.noteApprox(approx)
		values = func() ([]graph.MetricValue, error) { return report.NodeMetricValues(nodes) }
		write = func(w io.Writer) error {
			if csv {
				return report.WriteNodesCSV(w, nodes)
			}
			return report.WriteJSON(w, report.NodeMetricsJSON{MetricsMeta: mm, BetweennessApproximation: approx, Nodes: nodes})
		}
	}
	stop()
	if err := a.writeOut(ctx, opts.out, write); err != nil {
		return err
	}
	if !opts.save {
		return nil
	}
	vs, err := values()
	if err != nil {
		return err
	}
	return a.saveRun(ctx, graph.MetricRun{Time: started, At: meta.At, Unit: meta.Unit, Ties: opts.ties.String(), Level: opts.level.value, Values: vs})
}

// saveRun saves run in the store (metrics --save) and says so on standard
// error, so that standard output stays that of metrics without --save.
func (a *app) saveRun(ctx context.Context, run graph.MetricRun) error {
	st, err := a.openStore(ctx, true)
	if err != nil {
		return fmt.Errorf("the metrics were written but not saved: %w", err)
	}
	id, err := st.SaveMetrics(ctx, run)
	if cerr := st.Close(); err == nil && cerr != nil {
		fmt.Fprintf(a.io.Err, "warning: %v\n", a.hidePassword(cerr))
	}
	if err != nil {
		return fmt.Errorf("the metrics were written but not saved: %w", err)
	}
	at := "all"
	if !run.At.IsZero() {
		at = run.At.String()
	}
	scope := ""
	if run.Unit != "" {
		scope = ", unit " + run.Unit
	}
	fmt.Fprintf(a.io.Err, "saved metric run %d (%s level, %d values, at %s%s, ties %s) in %s; see `ecoscope history`\n",
		id, run.Level, len(run.Values), at, report.Printable(scope), run.Ties, report.Printable(a.storeName()))
	return nil
}

// checkApprox checks the value of --approx.
func checkApprox(eps float64) error {
	if eps < 0 || eps >= 1 {
		return usagef("--approx must be between 0 and 1 (e.g. 0.01), got %v", eps)
	}
	return nil
}

// noteApprox says on standard error that betweenness was estimated.
func (a *app) noteApprox(approx *analysis.Approximation) {
	if approx != nil {
		fmt.Fprintf(a.io.Err, "note: betweenness is approximate: within ±%g of the exact value with probability %g (%d sampled paths)\n",
			approx.Epsilon, 1-approx.Delta, approx.Samples)
	}
}
