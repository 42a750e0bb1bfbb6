package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/exporters"
	"github.com/ecoscope/ecoscope/internal/outfile"
	"github.com/ecoscope/ecoscope/report"
)

// exportFormat is one format of `ecoscope export`; a new format is one more
// entry in exportFormats (the help and --format follow from the list).
type exportFormat struct {
	name  string
	about string // for the help: what the output is and what reads it
	write func(a *app, w io.Writer, d *exporters.Data) error
	// nodeMetrics is set for the formats that write node metrics: above
	// autoApproxPartners partners they estimate betweenness unless --approx
	// is given.
	nodeMetrics bool
	// writeFiles, instead of write, writes a format that is more than one
	// file, or a binary file, to the path out that --out gives (required:
	// such a format never goes to standard output). It replaces each
	// file atomically and says what it wrote.
	writeFiles func(a *app, out string, d *exporters.Data, run *exportRun) error
	// outHelp says what --out names for a writeFiles format: "a folder
	// (DIR)", "an .xlsx file".
	outHelp string
}

// exportRun is what a writeFiles format may need besides the data: how
// the network was made and what network.json is headed with.
type exportRun struct {
	ctx  context.Context
	ties analysis.Options
	meta report.MetricsMeta
	// autoApprox is true when betweenness is estimated because the
	// ecosystem is large (more than autoApproxPartners partners), not
	// because --approx asked for it.
	autoApprox bool
}

var exportFormats = []exportFormat{
	{
		name:  "cypher",
		about: "a Cypher script that recreates the ecosystem in an empty Neo4j database (cypher-shell -f FILE): the constraints first, then batched UNWIND statements; neo4j.batch_size rows each",
		write: func(a *app, w io.Writer, d *exporters.Data) error {
			return exporters.WriteCypher(w, d, exporters.CypherOptions{BatchSize: a.cfg.Neo4j.BatchSize})
		},
	},
	{
		name:        "graphml",
		about:       "GraphML for Gephi, yEd, Cytoscape, igraph and NetworkX: partners with their attributes, units and node metrics, explicit and co-membership ties as edges; ecoscope reads it back with --from FILE.graphml",
		nodeMetrics: true,
		write: func(a *app, w io.Writer, d *exporters.Data) error {
			a.printNotes(d.Network.Notes())
			return exporters.WriteGraphML(w, d)
		},
	},
	{
		name:        "gexf",
		about:       "GEXF 1.2 for Gephi: the GraphML network with since/until as spells (Gephi's timeline plays the growth), nodes coloured by helix type and sized by betweenness; ecoscope reads it back with --from FILE.gexf",
		nodeMetrics: true,
		write: func(a *app, w io.Writer, d *exporters.Data) error {
			a.printNotes(d.Network.Notes())
			return exporters.WriteGEXF(w, d)
		},
	},
	{
		name:        "cytoscape",
		about:       "Cytoscape.js JSON (elements: nodes and edges with the GraphML attributes), for cytoscape.js and Cytoscape desktop (.cyjs)",
		nodeMetrics: true,
		write: func(a *app, w io.Writer, d *exporters.Data) error {
			a.printNotes(d.Network.Notes())
			return exporters.WriteCytoscape(w, d)
		},
	},
	{
		name:        "csv",
		nodeMetrics: true,
		about: "a folder (--out DIR) of nodes.csv (every node metric, as metrics --level nodes --format csv), ties.csv (the ties that make the network, explicit and co-membership), " +
			"units.csv (as metrics --level units --format csv) and network.json (as metrics --level network), for R, pandas or a spreadsheet",
		outHelp: "a folder (DIR)",
		writeFiles: func(a *app, out string, d *exporters.Data, run *exportRun) error {
			if err := exporters.CheckFolder(out, exporters.CSVFiles); err != nil {
				return err // before the notes and the work
			}
			a.printNotes(d.Network.Notes())
			meta := run.meta
			if run.autoApprox || d.Options.Approx > 0 {
				if _, approx, err := d.Nodes(); err == nil && approx != nil {
					meta.Notes = append(slices.Clone(meta.Notes), exporters.ApproxNote(approx))
				}
			}
			if err := exporters.WriteCSVFolder(run.ctx, out, d, exporters.CSVOptions{Meta: meta, Ties: run.ties}); err != nil {
				return err
			}
			if m, err := d.NetworkMetrics(); err == nil && m.SynergyUnits == 0 {
				a.printNotes(analysis.Notes{analysis.NoSynergyNote})
			}
			fmt.Fprintf(a.io.Err, "wrote %s (%s)\n", out, strings.Join(exporters.CSVFiles, ", "))
			return nil
		},
	},
	{
		name:        "kumu",
		nodeMetrics: true,
		about: "a Kumu workbook (--out FILE.xlsx) that Kumu imports as it is: the sheets Elements (one per partner, with its fields and node metrics) " +
			"and Connections (one per tie of ties.csv)",
		outHelp: "an .xlsx file",
		writeFiles: func(a *app, out string, d *exporters.Data, run *exportRun) error {
			a.printNotes(d.Network.Notes())
			if err := writeFile(run.ctx, out, func(w io.Writer) error { return exporters.WriteKumu(w, d, run.ties) }); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Err, "wrote %s\n", out)
			return nil
		},
	},
	{
		name: "pajek",
		about: "a Pajek network (--out FILE.net: vertices labelled by name, weighted edges) and beside it FILE.clu, the helix type of every vertex " +
			"(1 academia, 2 industry, 3 government, 4 civil society, 5 environment, 0 unknown), for Pajek, UCINET or NetworkX",
		outHelp: "a .net file",
		writeFiles: func(a *app, out string, d *exporters.Data, run *exportRun) error {
			a.printNotes(d.Network.Notes())
			clu := pajekPartitionPath(out)
			if err := writeFile(run.ctx, out, func(w io.Writer) error { return exporters.WritePajek(w, d) }); err != nil {
				return err
			}
			if err := writeFile(run.ctx, clu, func(w io.Writer) error { return exporters.WritePajekPartition(w, d) }); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Err, "wrote %s and %s\n", out, clu)
			return nil
		},
	},
}

// pajekPartitionPath is the path of the .clu beside the .net at out: its
// extension replaced by .clu (out.clu where it has none).
func pajekPartitionPath(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".clu"
}

// writeFile writes one file of a writeFiles format: atomically, and never
// through a symbolic link (a link at path is replaced, what it points to
// is left alone: outfile.Replace). A folder, or anything else that is not
// a regular file or a link, such as a device, is an error, not replaced.
func writeFile(ctx context.Context, path string, write func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
		if fi.IsDir() {
			return &fs.PathError{Op: "write", Path: path, Err: outfile.ErrIsDir}
		}
		return fmt.Errorf("%s is not a regular file: this format writes files, give a path to one", path)
	}
	return outfile.Replace(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// autoApproxPartners is the number of partners above which the formats
// with node metrics estimate betweenness (within
// ±exporters.AutoApproxEpsilon, probability 0.9) unless --approx is given:
// exact betweenness of 50,000 partners takes about half a minute.
// --approx 0 asks for it exactly. A variable for the tests.
var autoApproxPartners = exporters.ExactBetweennessLimit

func exportFormatNames() []string {
	names := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		names[i] = f.name
	}
	return names
}

type exportOptions struct {
	set    flagSet // the flags given on the command line
	data   dataFlags
	format *enumFlag
	ties   tieFlags
	out    string
	approx float64
	seed   uint64
}

// newExportCmd makes the command; runF runs it (a.runExport when nil), so
// that tests can check what the flags set without running it.
func (a *app) newExportCmd(runF func(context.Context, *exportOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runExport
	}
	names := exportFormatNames()
	// No default: the format is chosen, so that a format added later never
	// changes what a command line writes.
	opts := &exportOptions{format: newEnum("", names...), ties: newTieFlags()}
	var formats strings.Builder
	for _, f := range exportFormats {
		fmt.Fprintf(&formats, "  %-9s %s\n", f.name, wrap(f.about, 67, "            "))
	}
	cmd := &cobra.Command{
		Use:   "export --format FORMAT",
		Short: "Write the ecosystem in a format other tools read (Neo4j, Gephi, Cytoscape, R, Kumu, Pajek)",
		Long: `Write the ecosystem, or the part of it that --at and --unit select, in a
format that other tools read. The data comes from the store or, with --from,
straight from data sets, as for the analysis commands.

Formats:
` + formats.String() + `
docs/export.md describes every format.

Above 20,000 partners the formats with node metrics estimate betweenness
within ±0.01 (as --approx 0.01 does) unless --approx is given; --approx 0
computes it exactly, which takes about half a minute for 50,000 partners.

The output goes to standard output or, with --out, to a file that is
replaced atomically: a failed or interrupted export leaves it as it was.
csv, kumu and pajek write files and need --out: csv a folder (created if
missing; an existing one must be empty or hold only an earlier export's
files), pajek FILE.net and FILE.clu beside it. Their files are replaced
atomically, and a symbolic link at their place is replaced, never written
through. Above 20000 partners, formats with node metrics (csv, kumu)
estimate betweenness within ±0.01 unless --approx says otherwise
(--approx 0: exactly); see docs/export.md.`,
		Example: `  # Recreate the example in an empty Neo4j database
  ecoscope export --format cypher --from examples/energieke-regio --out ecosysteem.cypher
  cypher-shell -u neo4j -f ecosysteem.cypher

  # The network with its metrics for Gephi, its growth on the timeline
  ecoscope export --format gexf --from examples/energieke-regio --out ecosysteem.gexf

  # GraphML for NetworkX or igraph, and read back
  ecoscope export --format graphml --from examples/energieke-regio --out ecosysteem.graphml
  ecoscope metrics --from ecosysteem.graphml --ties explicit
  # A folder of CSV files for R or pandas, a Kumu workbook, a Pajek network
  ecoscope export --format csv --out energieke-regio-csv
  ecoscope export --format kumu --out energieke-regio.xlsx
  ecoscope export --format pajek --out energieke-regio.net

  # The store's network in 2022, as one command line
  ecoscope export --format cypher --at 2022 --out ecosysteem.cypher && cypher-shell -u neo4j -f ecosysteem.cypher`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = changedFlags(cmd)
			if !opts.set["format"] {
				return usagef("export needs --format (%s)", strings.Join(names, ", "))
			}
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.register(cmd)
	cmd.Flags().Var(opts.format, "format", "the format to write: "+strings.Join(names, ", "))
	opts.ties.register(cmd)
	registerOut(cmd, &opts.out)
	cmd.Flags().Float64Var(&opts.approx, "approx", 0, "formats with node metrics: estimate betweenness within ±EPS (probability 0.9) by sampling instead of exactly")
	cmd.Flags().Uint64Var(&opts.seed, "seed", 1, "formats with node metrics: seed for Louvain and --approx")
	return cmd
}

func (a *app) runExport(ctx context.Context, opts *exportOptions) error {
	var format exportFormat
	for _, f := range exportFormats {
		if f.name == opts.format.value {
			format = f
		}
	}
	if format.write == nil && format.writeFiles == nil {
		return usagef("--format: %q is not one of %s", opts.format.value, strings.Join(exportFormatNames(), ", "))
	}
	if format.writeFiles != nil {
		if opts.out == "" || opts.out == "-" {
			return usagef("--format %s writes %s, not standard output: give it with --out", format.name, format.outHelp)
		}
		if format.name == "pajek" && pajekPartitionPath(opts.out) == filepath.Clean(opts.out) {
			return usagef("--format pajek writes the partition beside the network, as %s: give the network a .net name", pajekPartitionPath(opts.out))
		}
	}
	if opts.set["approx"] {
		if err := checkApprox(opts.approx); err != nil {
			return err
		}
	}
	e, meta, err := a.load(ctx, &opts.data)
	if err != nil {
		return err
	}
	a.noteNoPartners(e, meta, "the export holds no network")
	mopts := analysis.MetricsOptions{Seed: opts.seed, Approx: opts.approx}
	run := &exportRun{ctx: ctx, ties: a.networkOptions(&opts.ties)}
	if format.nodeMetrics && !opts.set["approx"] && len(e.Partners) > autoApproxPartners {
		mopts.Approx = exporters.AutoApproxEpsilon
		run.autoApprox = true
		fmt.Fprintf(a.io.Err, "note: betweenness is estimated within ±%g (probability 0.9) by sampling, as the network has more than %s partners; --approx 0 computes it exactly (about half a minute for 50,000 partners)\n",
			exporters.AutoApproxEpsilon, thousands(autoApproxPartners))
	}
	d := exporters.New(ctx, e, run.ties, mopts)
	if format.writeFiles != nil {
		at := "all"
		if !meta.At.IsZero() {
			at = meta.At.String()
		}
		run.meta = report.MetricsMeta{Source: meta.Source, At: at, Unit: meta.Unit, TieSource: opts.ties.String(), Seed: opts.seed, Notes: d.Network.Notes()}
		return format.writeFiles(a, opts.out, d, run)
	}
	return a.writeOut(ctx, opts.out, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := format.write(a, bw, d); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// thousands writes n with commas between the thousands: 20,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// wrap breaks s into lines of at most width characters, every line after
// the first starting with indent.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(s) {
		if i > 0 && n+1+len(word) > width {
			b.WriteString("\n" + indent)
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}
