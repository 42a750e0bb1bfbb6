package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/internal/outfile"
)

//go:embed templates/*.csv
var templates embed.FS

type initOptions struct {
	set   flagSet // the flags given on the command line
	dir   string
	force bool
	xlsx  string // --xlsx FILE: write a template workbook instead
}

// newInitCmd makes the command; runF runs it (a.runInit when nil), so that
// tests can check what the flags set without running it.
func (a *app) newInitCmd(runF func(context.Context, *initOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runInit
	}
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init DIR | init --xlsx FILE",
		Short: "Write CSV templates and a commented ecoscope.yaml to start a data set",
		Long: `Write the six CSV tables (partners, ties, units, memberships, people,
values) with their headers and an example row each, and a commented
ecoscope.yaml, into DIR. Fill in the tables (only partners.csv is required;
delete the tables you do not need), then check them with
` + "`ecoscope import --dry-run DIR`" + `. See docs/input.md for every column.

When DIR already holds one of these files, or a symbolic link by one of
their names, init writes nothing unless --force; --force replaces the
files, and replaces a link by a file rather than writing to what it points
to.

With --xlsx FILE, init writes one Excel workbook instead: a sheet per
table with its header, an example row and drop-down lists for the
vocabulary columns, and an about sheet that explains every column.`,
		Example: `  ecoscope init mijn-ecosysteem
  ecoscope import --dry-run mijn-ecosysteem
  ecoscope init --xlsx mijn-ecosysteem.xlsx`,
		Args: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("xlsx") {
				return xlsxInitArgs(args)
			}
			if len(args) != 1 {
				return usagef("init takes one DIR, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.dir = args[0]
			}
			opts.set = changedFlags(cmd)
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.xlsx, "xlsx", "", "write an Excel template workbook `FILE` (a sheet per table, drop-downs, an about sheet) instead of the CSV files; takes no DIR")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace files (or symbolic links) that already exist; without it init writes nothing when one is there")
	return cmd
}

func (a *app) runInit(ctx context.Context, opts *initOptions) error {
	if opts.xlsx != "" {
		return a.runInitXLSX(opts)
	}
	dir := opts.dir
	entries, err := fs.ReadDir(templates, "templates")
	if err != nil {
		return err
	}
	files := map[string][]byte{config.FileName: []byte(config.Template())}
	for _, e := range entries {
		b, err := templates.ReadFile("templates/" + e.Name())
		if err != nil {
			return err
		}
		files[e.Name()] = b
	}
	names := slices.Sorted(maps.Keys(files))
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = filepath.Join(dir, name)
	}
	if err := checkNew(paths, opts.force); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, name := range names {
		err := outfile.Replace(paths[i], func(w io.Writer) error {
			_, err := w.Write(files[name])
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.io.Out, "wrote %s\n", paths[i])
	}
	fmt.Fprintf(a.io.Out, "\nNext: fill in the tables, then run `ecoscope import --dry-run %s`\n", dir)
	return nil
}
