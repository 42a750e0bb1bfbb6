package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/internal/progress"
)

// Exit codes. They are part of the command-line interface: scripts may rely
// on them.
const (
	exitOK      = 0
	exitError   = 1 // anything that went wrong at run time
	exitUsage   = 2 // a flag or argument error; usage is printed
	exitInvalid = 3 // the input data did not validate
	// exitInterrupted: stopped by Ctrl-C (SIGINT) or SIGTERM before it
	// finished; nothing was written. 128 + SIGINT, as shells report it.
	exitInterrupted = 130
)

// IOStreams are the streams and environment a command uses; tests inject
// their own.
type IOStreams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// Env looks up an environment variable (os.LookupEnv in main).
	Env func(string) (string, bool)
}

// app is what every command shares: the streams, the global flags and the
// configuration they resolve to.
type app struct {
	io         IOStreams
	configFile string
	cfg        config.Config
	quiet      bool // --quiet: no progress bars (progress.go)
	bar        *progress.Bar
	barMade    bool
	// analysing stops the spinner that load starts for the analysis after
	// it (progress.go); nil when none runs.
	analysing func()
	// pre, when set, is the data set every command analyses instead of
	// reading --from or the store: ecoscope serve reads it once and runs
	// the commands of its API on it (serve.go).
	pre *preloaded
}

// usageError marks an error in flags or arguments: the usage is shown.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// run executes ecoscope with args and returns the exit code.
func run(ctx context.Context, args []string, streams IOStreams) int {
	a := &app{io: streams}
	root := a.newRootCmd()
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	cmd, err := root.ExecuteContextC(ctx)
	a.endAnalysis() // a bar still shown is cleared before any message
	if err == nil {
		return exitOK
	}
	// The one place every error passes: the Neo4j password never goes
	// out, whatever said it.
	err = a.hidePassword(err)
	var ue *usageError
	var ve *graph.ValidationError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(streams.Err, "error: %v\n\n", err)
		if cmd != nil {
			fmt.Fprint(streams.Err, cmd.UsageString())
		}
		return exitUsage
	case errors.As(err, &ve):
		fmt.Fprintf(streams.Err, "error: %v\n", err)
		return exitInvalid
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintln(streams.Err, "interrupted: stopped before finishing; nothing was written")
		return exitInterrupted
	case isCobraUsage(err):
		fmt.Fprintf(streams.Err, "error: %v\n\n", err)
		if cmd != nil {
			fmt.Fprint(streams.Err, cmd.UsageString())
		}
		return exitUsage
	default:
		fmt.Fprintf(streams.Err, "error: %v\n", err)
		return exitError
	}
}

// isCobraUsage recognises the errors cobra returns for an unknown command
// or wrong number of arguments, which are usage errors too.
func isCobraUsage(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "unknown command") || strings.HasPrefix(s, "accepts ") ||
		strings.HasPrefix(s, "requires at least") || strings.HasPrefix(s, "unknown flag") ||
		strings.HasPrefix(s, "unknown shorthand flag")
}

func (a *app) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "ecoscope",
		Short: "Analyse the partner network of a Learning Community",
		Long: `ecoscope analyses the partner network of a Learning Community: a
public-private ecosystem in which knowledge institutions, companies,
governments, citizens and nature organisations learn and innovate together on
a societal challenge.

Import partners, ties, units, memberships, people and value records from CSV
files or JSON into a store (an SQLite file, ecoscope.db by default, or a
Neo4j database: --store neo4j://host, see docs/neo4j.md), then
report how the ecosystem is made up: helix types, sectors, units and their
triple / quadruple / quintuple helix coverage; compute network metrics for
research (metrics), find missing stakeholder types and who to invite (gaps),
follow the network over time (growth, diff), ask whether each unit is a
Learning Community (check) and what value it creates (values). Analysis
commands can also read files directly with --from, without a store.`,
		Example: `  # Analyse the shipped example without a store
  ecoscope report --from examples/energieke-regio

  # Import a data set into ecoscope.db, then report on the network in 2022
  ecoscope import examples/energieke-regio
  ecoscope report --at 2022

  # Start a data set of your own from templates
  ecoscope init mijn-ecosysteem`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(config.Options{File: a.configFile, Env: a.io.Env, Flags: cmd.Flags()})
			if err != nil {
				return err
			}
			a.cfg = cfg
			return nil
		},
	}
	root.Version = versionString()
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "configuration file (default ./"+config.FileName+" when present)")
	root.PersistentFlags().String("store", config.DefaultStore, "SQLite file or Neo4j URI (neo4j://, neo4j+s://, bolt://, …); also store: in "+config.FileName+" or ECOSCOPE_STORE")
	root.PersistentFlags().BoolVar(&a.quiet, "quiet", false, "show no progress bars (shown on a terminal for work longer than a second)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &usageError{err} })
	root.CompletionOptions.DisableDefaultCmd = true

	root.AddCommand(
		a.newImportCmd(nil),
		a.newReportCmd(nil),
		a.newMetricsCmd(nil),
		a.newHistoryCmd(nil),
		a.newGapsCmd(nil),
		a.newGrowthCmd(nil),
		a.newDiffCmd(nil),
		a.newCheckCmd(nil),
		a.newValuesCmd(nil),
		a.newExportCmd(nil),
		a.newInitCmd(nil),
		a.newGenerateCmd(nil),
		a.newServeCmd(nil),
		a.newVersionCmd(),
	)
	return root
}

// stat reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
