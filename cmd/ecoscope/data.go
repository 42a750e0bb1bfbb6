package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
	"github.com/ecoscope/ecoscope/report"
)

// dataFlags are the flags every analysis command shares: where the data
// comes from and which part of it to analyse.
type dataFlags struct {
	from []string
	at   string
	unit string
	read readFlags // how --from reads its data sets
}

func (d *dataFlags) register(cmd *cobra.Command) {
	d.registerSource(cmd, "analyse only this unit and the units nested below it")
	cmd.Flags().StringVar(&d.at, "at", "", "analyse the network at this date (YYYY, YYYY-MM or YYYY-MM-DD); default: every record whatever its dates")
}

// registerSource registers --from and --unit without --at, for commands
// that choose their dates themselves (growth, diff).
func (d *dataFlags) registerSource(cmd *cobra.Command, unitHelp string) {
	d.read.register(cmd, "from-format")
	cmd.Flags().StringArrayVar(&d.from, "from", nil, "analyse this data set directly, without a store: a CSV folder, .xlsx, .json, a Kumu map, .graphml, .gexf or EU CORDIS data (see docs/input.md); repeat to combine data sets")
	cmd.Flags().StringVar(&d.unit, "unit", "", unitHelp)
}

// dataArgs checks that an analysis command, which reads its data from
// --from or the store, has no arguments. An argument there is most likely a
// data set given without --from, so the error shows the command line with
// --from and the flags given.
func dataArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	name := cmd.Name()
	for _, a := range args {
		if !exists(a) {
			return usagef("%s takes no arguments, and there is no file or folder %q; give a data set with --from PATH (ecoscope %s --from examples/energieke-regio), or import it first (ecoscope import PATH)", name, a, name)
		}
	}
	line := []string{"ecoscope", name}
	var paths []string
	for _, a := range args {
		line = append(line, "--from", shellWord(a))
		paths = append(paths, shellWord(a))
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "bool" {
			line = append(line, "--"+f.Name+"="+f.Value.String())
			return
		}
		values := []string{f.Value.String()}
		if s, ok := f.Value.(pflag.SliceValue); ok {
			values = s.GetSlice()
		}
		for _, v := range values {
			line = append(line, "--"+f.Name, shellWord(v))
		}
	})
	what := "the data set in " + paths[0]
	if len(paths) > 1 {
		what = "the data sets in " + strings.Join(paths[:len(paths)-1], ", ") + " and " + paths[len(paths)-1]
	}
	return usagef("%s takes no arguments; to analyse %s, use: %s", name, what, strings.Join(line, " "))
}

// shellWord returns s as one word that a POSIX shell reads back as s,
// quoted only when it must be, and printable (report.Printable).
func shellWord(s string) string {
	plain := s != ""
	for _, r := range s {
		plain = plain && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./:@%+=,-", r))
	}
	if !plain {
		s = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return report.Printable(s)
}

// query turns the flags into a store query.
func (d *dataFlags) query() (graph.Query, error) {
	at, err := graph.ParseDate(d.at)
	if err != nil {
		return graph.Query{}, usagef("--at: %v", err)
	}
	return graph.Query{At: at, Unit: d.unit}, nil
}

// load reads the data the flags select, from files or from the store, and
// says where it came from; when --at or --unit leave no partners, meta.Empty
// says why.
func (a *app) load(ctx context.Context, d *dataFlags) (*graph.Ecosystem, report.Meta, error) {
	e, meta, err := a.loadData(ctx, d)
	if err == nil {
		a.startAnalysis() // until the output is written
	}
	return e, meta, err
}

func (a *app) loadData(ctx context.Context, d *dataFlags) (*graph.Ecosystem, report.Meta, error) {
	q, err := d.query()
	if err != nil {
		return nil, report.Meta{}, err
	}
	meta := report.Meta{At: q.At, Unit: q.Unit}
	if a.pre != nil { // ecoscope serve: the data set it read at start
		meta.Source = a.pre.source
		out, err := a.pre.all.Load(q)
		if err == nil && isEmpty(out, q) {
			meta.Empty, err = explainEmpty(a.pre.all, q)
		}
		return out, meta, err
	}
	if len(d.from) > 0 {
		ropts, err := d.read.options(a.cfg.Mapping)
		if err != nil {
			return nil, meta, err
		}
		ropts.Progress = a.readProgress()
		e, problems, err := importers.ReadAllOptions(d.from, ropts)
		if err != nil {
			return nil, meta, err
		}
		printProblems(a.io.Err, problems.Notices())
		if w := problems.Warnings().Count(); w > 0 {
			fmt.Fprintf(a.io.Err, "%d warning(s) in the data; `ecoscope import --dry-run %s` lists them\n", w, strings.Join(d.from, " "))
		}
		meta.Source = strings.Join(d.from, ", ")
		out, err := e.Load(q)
		if err == nil && isEmpty(out, q) {
			meta.Empty, err = explainEmpty(e, q)
		}
		return out, meta, err
	}
	// Read-only: an SQLite store is opened without a lock that an import
	// waits for, and none waited for, so this runs while an import is
	// written and sees what was committed.
	st, err := a.openStore(ctx, false)
	if err != nil {
		return nil, meta, err
	}
	defer a.closeStore(st)
	meta.Source = a.storeName()
	e, err := st.Load(ctx, q)
	if err == nil && isEmpty(e, q) {
		// Only now read everything: to say when the unit was active and
		// where the data starts and ends.
		var whole *graph.Ecosystem
		if whole, err = st.Load(ctx, graph.Query{}); err == nil {
			meta.Empty, err = explainEmpty(whole, q)
		}
	}
	return e, meta, err
}

// isEmpty reports whether the snapshot that q selected holds no partners
// although the data set may: q asks for a date or a unit.
func isEmpty(snap *graph.Ecosystem, q graph.Query) bool {
	return len(snap.Partners) == 0 && (!q.At.IsZero() || q.Unit != "")
}

// explainEmpty says why q selects no partners from whole, every record of
// the data set.
func explainEmpty(whole *graph.Ecosystem, q graph.Query) (*analysis.EmptySnapshot, error) {
	x, err := analysis.ExplainEmpty(whole, q)
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// emptyNote writes on standard error why the snapshot is empty, for the
// commands whose output has no place for it.
func (a *app) emptyNote(x *analysis.EmptySnapshot) {
	if x != nil {
		fmt.Fprintf(a.io.Err, "note: the network is empty. %s\n", report.DescribeEmpty(*x))
	}
}

// noteNoPartners writes on standard error, when e has no partners, why:
// the snapshot that --at or --unit chose is empty (meta.Empty), or the data
// set has none; consequence says what that means for the output.
func (a *app) noteNoPartners(e *graph.Ecosystem, meta report.Meta, consequence string) {
	switch {
	case len(e.Partners) > 0:
	case meta.Empty != nil:
		a.emptyNote(meta.Empty)
	default:
		fmt.Fprintf(a.io.Err, "note: the data set has no partners: %s\n", consequence)
	}
}

// printProblems writes up to graph.MaxProblemsShown problems of each kind,
// one a line, then the count of the rest (see graph.Problems.Shown).
func printProblems(w io.Writer, ps graph.Problems) {
	for _, p := range ps.Shown() {
		fmt.Fprintln(w, p.String())
	}
}
