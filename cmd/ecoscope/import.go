package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

type importOptions struct {
	set     flagSet // the flags given on the command line
	paths   []string
	dryRun  bool
	replace bool
	read    readFlags
}

// newImportCmd makes the command; runF runs it (a.runImport when nil), so that
// tests can check what the flags set without running it.
func (a *app) newImportCmd(runF func(context.Context, *importOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runImport
	}
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Validate data sets and import them into the store",
		Long: `Validate one or more data sets and import them into the store.

A data set is a folder of CSV files (partners.csv required; ties.csv,
units.csv, memberships.csv, people.csv and values.csv optional) or one JSON
document with the same arrays; see docs/input.md. Several data sets are
combined into one, so their ids must not repeat.

Every problem in the data is listed as file:line: column: message (the first
50, then a count), and then nothing is written: an import is all or nothing.
Importing the same data again changes nothing; rows that changed are
updated; with --replace, whatever the store held before is deleted first.
Without --replace, a data set may name partners, people and units that the
store already holds (ties to partners imported before, say); with it, it
must hold everything it names.`,
		Example: `  ecoscope import examples/energieke-regio
  ecoscope import --dry-run mijn-ecosysteem
  ecoscope import --store regio.db --replace export.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("import needs at least one PATH: a folder of CSV files, a .json file, or a .graphml or .gexf file that ecoscope exported")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths, opts.set = args, changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "validate and report, write nothing")
	opts.read.register(cmd, "format")
	cmd.Flags().BoolVar(&opts.replace, "replace", false, "delete everything stored before importing")
	return cmd
}

func (a *app) runImport(ctx context.Context, opts *importOptions) error {
	paths := opts.paths
	// Without --replace, a data set may name what the store holds (a tie to
	// a partner imported before): validate it against the store too. The
	// store checks every reference again when it imports.
	var known *graph.Known
	if !opts.replace && a.storeExists() {
		var err error
		if known, err = a.storedIDs(ctx); err != nil {
			return err
		}
	}
	ropts, err := opts.read.options(a.cfg.Mapping)
	if err != nil {
		return err
	}
	ropts.Known = known
	ropts.Progress = a.readProgress()
	e, problems, err := importers.ReadAllOptions(paths, ropts)
	printProblems(a.io.Err, problems.Warnings())
	printProblems(a.io.Err, problems.Notices())
	if err != nil {
		return err
	}
	c := e.Counts()
	if opts.dryRun {
		fmt.Fprintf(a.io.Out, "%s is valid: %s; nothing written (dry run)\n", strings.Join(paths, ", "), describeCounts(c))
		return nil
	}
	st, err := a.openStore(ctx, true)
	if err != nil {
		return err
	}
	done := a.progress().Spin("importing into " + a.storeName())
	stats, err := st.Import(ctx, e, graph.ImportOptions{Replace: opts.replace})
	done()
	if err != nil {
		err = fmt.Errorf("import into %s: %w", a.storeName(), err)
		if cerr := st.Close(); cerr != nil {
			// What was committed before (a new store's schema, say) is
			// still only in the WAL: say so too.
			err = fmt.Errorf("%w; also %w", err, cerr)
		}
		return err
	}
	fmt.Fprintf(a.io.Out, "imported %s into %s\n", strings.Join(paths, ", "), a.storeName())
	if err := a.printStats(c, stats); err != nil {
		st.Close()
		return err
	}
	// The import is committed; closing moves it from the WAL into the file.
	// If that fails (a full disk), the store file alone is not whole: an
	// error, which says what to do.
	if err := st.Close(); err != nil {
		return fmt.Errorf("import into %s: the import is committed, but: %w", a.storeName(), err)
	}
	return nil
}

// storedIDs returns the ids that the store holds.
func (a *app) storedIDs(ctx context.Context) (*graph.Known, error) {
	st, err := a.openStore(ctx, false)
	if err != nil {
		return nil, err
	}
	known, err := st.Known(ctx)
	if cerr := st.Close(); err == nil && cerr != nil {
		fmt.Fprintf(a.io.Err, "warning: %v\n", a.hidePassword(cerr))
	}
	return known, err
}

// printStats writes what an import of a data set with the counts c did.
func (a *app) printStats(c graph.Counts, stats graph.ImportStats) error {
	tw := tabwriter.NewWriter(a.io.Out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tread\tadded\tupdated\tunchanged\t\n")
	rows := []struct {
		name string
		get  func(graph.Counts) int
	}{
		{"partners", func(c graph.Counts) int { return c.Partners }},
		{"people", func(c graph.Counts) int { return c.People }},
		{"units", func(c graph.Counts) int { return c.Units }},
		{"memberships", func(c graph.Counts) int { return c.Memberships }},
		{"ties", func(c graph.Counts) int { return c.Ties }},
		{"values", func(c graph.Counts) int { return c.Values }},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", r.name, r.get(c), r.get(stats.Added), r.get(stats.Updated), r.get(stats.Unchanged))
	}
	return tw.Flush()
}

func describeCounts(c graph.Counts) string {
	return fmt.Sprintf("%d partners, %d people, %d units, %d memberships, %d ties, %d value records",
		c.Partners, c.People, c.Units, c.Memberships, c.Ties, c.Values)
}
