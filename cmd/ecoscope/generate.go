package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/generate"
)

type generateOptions struct {
	set      flagSet // the flags given on the command line
	partners int
	ties     int
	seed     int64
	out      string
	force    bool
}

// newGenerateCmd makes the command; runF runs it (a.runGenerate when nil), so that
// tests can check what the flags set without running it.
func (a *app) newGenerateCmd(runF func(context.Context, *generateOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runGenerate
	}
	opts := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate --partners N --out DIR",
		Short: "Write a synthetic ecosystem for benchmarks and demos",
		Long: `Write a synthetic ecosystem in the CSV layout of the importers: partners over
the five helix types (civil society and environment under-represented),
ties by preferential attachment with helix homophily, dated growth, a unit
tree with memberships, people and value records. The output depends only on
the flags: the same seed gives the same files.

When --out already holds one of the six files, or a symbolic link by one of
their names, generate writes nothing unless --force; --force replaces the
files, and replaces a link by a file rather than writing to what it points
to.`,
		Example: `  ecoscope generate --partners 6000 --ties 30000 --seed 1 --out /tmp/eco6k
  ecoscope report --from /tmp/eco6k`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.partners, "partners", 0, "number of partners (required)")
	cmd.Flags().IntVar(&opts.ties, "ties", 0, "number of ties between partners (default 5 × partners)")
	cmd.Flags().Int64Var(&opts.seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&opts.out, "out", "", "folder to write the CSV files to (required)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace the CSV files (or symbolic links) already in --out; without it generate writes nothing when one is there")
	return cmd
}

func (a *app) runGenerate(ctx context.Context, opts *generateOptions) error {
	if opts.partners < 1 {
		return usagef("--partners must be at least 1")
	}
	if opts.ties < 0 {
		return usagef("--ties must not be negative")
	}
	if opts.out == "" {
		return usagef("--out is required: the folder to write to")
	}
	var paths []string
	for _, name := range generate.CSVFiles() {
		paths = append(paths, filepath.Join(opts.out, name))
	}
	if err := checkNew(paths, opts.force); err != nil {
		return err
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	e := generate.Ecosystem(generate.Options{Partners: opts.partners, Ties: opts.ties, Seed: opts.seed})
	if err := generate.WriteCSV(opts.out, e); err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "wrote %s to %s\n", describeCounts(e.Counts()), opts.out)
	return nil
}
