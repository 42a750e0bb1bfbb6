package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/internal/outfile"
	"github.com/ecoscope/ecoscope/report"
	"github.com/ecoscope/ecoscope/report/charts"
)

type reportOptions struct {
	set    flagSet // the flags given on the command line
	data   dataFlags
	ties   tieFlags
	format *enumFlag
	lang   *enumFlag
	units  *countFlag
	out    string
	approx float64
	exact  bool
	seed   uint64
}

// newReportCmd makes the command; runF runs it (a.runReport when nil), so that
// tests can check what the flags set without running it.
func (a *app) newReportCmd(runF func(context.Context, *reportOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runReport
	}
	opts := &reportOptions{
		format: newEnum("text", "text", "md", "html", "json"),
		lang:   newEnum("en", "en", "nl"),
		ties:   newTieFlags(),
		units:  &countFlag{n: report.DefaultTextUnits, what: "units"},
	}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Report how the ecosystem is made up",
		Long: `The full report of the ecosystem, for people to read and pass on: first a
summary in plain words (partners, ties, units, helix coverage and
integration, and the three to five findings that matter most, each pointing
to its section); then the composition by helix type, sector and kind; the
helix mixing matrix, the E-I index and diversity; the most central partners
and the brokers between helix types; the communities and how they line up
with the units; the units per level and coverage class, and those furthest
below their target; gaps and candidates per unit (as ecoscope gaps); the
Learning Community check per unit (as ecoscope check); growth per year (as
ecoscope growth); value creation (as ecoscope values); the network drawing;
and a methods appendix naming each metric, its convention and reference.

--format text (default), md (Markdown; with --out report.md the charts go to
report_files/ beside it), html (one self-contained file) or json. --lang nl
writes the text, Markdown and HTML in Dutch. Betweenness is exact up to ` + fmt.Sprint(report.AutoApproxPartners) + `
partners and estimated above (--exact, --approx EPS); the report says which.

Coverage classes: quintuple (all five types), quadruple (academia, industry,
government, civil society), triple (academia, industry, government), partial
(some types but not the triple), none.

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
  ecoscope report --from examples/energieke-regio --lang nl
  ecoscope report --format md --out report.md      # Markdown, charts in report_files/
  ecoscope report --format html --lang nl --out rapport.html  # one self-contained page
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
	f.Var(opts.format, "format", "output format: text, md (Markdown), html or json")
	f.Var(opts.lang, "lang", "language of the text, Markdown and HTML: en or nl (JSON keys are always English)")
	f.Float64Var(&opts.approx, "approx", 0, fmt.Sprintf("estimate betweenness within ±EPS (probability 0.9) by sampling; by default the report does so, with ±%g, above %d partners", report.AutoApproxEpsilon, report.AutoApproxPartners))
	f.BoolVar(&opts.exact, "exact", false, "compute betweenness exactly, also on a large network (slow above tens of thousands of partners)")
	f.Uint64Var(&opts.seed, "seed", 1, "seed for Louvain, the E-I permutation test, approximate betweenness and the layout of the network drawing")
	registerOut(cmd, &opts.out)
	f.Var(opts.units, "units", "text: list this many units, those furthest below their target first; all for every one, 0 for the table only (JSON lists every unit)")
	return cmd
}

func (a *app) runReport(ctx context.Context, opts *reportOptions) error {
	if err := checkApprox(opts.approx); err != nil {
		return err
	}
	if opts.exact && opts.approx > 0 {
		return usagef("--exact and --approx contradict each other: give one")
	}
	format := opts.format.value
	g, err := a.gapsConfig()
	if err != nil {
		return err
	}
	copts := a.cfg.Check
	if err := copts.Validate(); err != nil {
		return fmt.Errorf("config: check.%w", err)
	}
	q, err := opts.data.query()
	if err != nil {
		return err
	}
	// Load every record once: the snapshot is taken from it, growth runs
	// over all its dates, and the check and gaps of a unit look beyond it.
	allFlags := opts.data
	allFlags.at, allFlags.unit = "", ""
	all, meta, err := a.load(ctx, &allFlags)
	if err != nil {
		return err
	}
	meta.At, meta.Unit = q.At, q.Unit
	snap, err := all.Load(q) // an unknown unit is an error naming the closest ids
	if err != nil {
		return err
	}
	if isEmpty(snap, q) {
		if meta.Empty, err = explainEmpty(all, q); err != nil {
			return err
		}
	}
	levels, forms := g.TargetClasses()
	gopts := analysis.DefaultGapOptions()
	gopts.Targets, gopts.FormTargets, gopts.MinShare = levels, forms, g.MinShare
	doc, err := report.BuildDocument(ctx, report.DocumentInput{
		Snapshot: snap, All: all, Meta: meta,
		Options: report.Options{
			Network: a.networkOptions(&opts.ties),
			Targets: analysis.Targets{Levels: levels, Forms: forms},
		},
		Metrics:    analysis.MetricsOptions{Seed: opts.seed, Approx: opts.approx},
		AutoApprox: !opts.exact,
		Gaps:       gopts,
		Check:      copts,
	})
	if err != nil {
		return err
	}
	a.printNotes(doc.Notes)
	if doc.Betweenness != nil {
		a.noteApprox(doc.Betweenness.Approximation)
	}
	if format == "json" && opts.set["units"] {
		fmt.Fprintln(a.io.Err, "note: --units shortens the text list only; JSON lists every unit")
	}
	if format == "json" && opts.set["lang"] {
		fmt.Fprintln(a.io.Err, "note: JSON keys and values are always English; --lang sets the language of text, md and html")
	}
	o := report.DocOptions{Lang: report.Lang(opts.lang.value), Units: opts.units.n}
	// Markdown links its charts, written to NAME_files/ beside --out
	// (report.md: report_files/); on standard output it has none to link,
	// so they are not drawn. HTML inlines them.
	toFile := opts.out != "" && opts.out != "-"
	if format == "html" || (format == "md" && toFile) {
		if o.Charts, err = report.DrawCharts(doc, o.Lang, opts.seed); err != nil {
			return err
		}
	}
	chartDir := ""
	if format == "md" && len(o.Charts) > 0 {
		chartDir = chartDirFor(opts.out)
		o.ChartDir = filepath.Base(chartDir)
	}
	if err := a.writeOut(ctx, opts.out, func(w io.Writer) error {
		switch format {
		case "json":
			return report.WriteJSON(w, doc)
		case "md":
			return report.WriteMarkdown(w, doc, o)
		case "html":
			return report.WriteDocHTML(w, doc, o)
		}
		return report.WriteDocText(w, doc, o)
	}); err != nil {
		return err
	}
	if chartDir != "" {
		return a.writeCharts(ctx, chartDir, o.Charts)
	}
	return nil
}

// chartDirFor returns the folder of the charts of a Markdown report
// written to out: report.md → report_files, beside it.
func chartDirFor(out string) string {
	base := strings.TrimSuffix(out, filepath.Ext(out))
	return base + "_files"
}

// writeCharts writes the charts of a Markdown report into dir, creating it.
func (a *app) writeCharts(ctx context.Context, dir string, drawn map[string]charts.Chart) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(drawn))
	for name := range drawn {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		data := drawn[name].SVG
		if err := outfile.Write(ctx, filepath.Join(dir, name), func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.io.Err, "wrote %d charts in %s\n", len(names), dir)
	return nil
}
