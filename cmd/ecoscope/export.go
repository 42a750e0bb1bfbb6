package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/exporters"
)

// exportFormat is one format of `ecoscope export`. A new format (issue 12:
// graphml, gexf, csv, kumu) is one more entry in exportFormats.
type exportFormat struct {
	name  string
	about string // for the help: what the output is and what reads it
	write func(a *app, w io.Writer, d *exporters.Data) error
	// nodeMetrics is set for the formats that write node metrics: above
	// autoApproxPartners partners they estimate betweenness unless --approx
	// is given.
	nodeMetrics bool
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
}

// autoApproxPartners is the number of partners above which the formats
// with node metrics estimate betweenness (within ±autoApprox, probability
// 0.9) unless --approx is given: exact betweenness of 50,000 partners
// takes about half a minute. --approx 0 asks for it exactly. Variables
// for the tests.
var (
	autoApproxPartners = 20_000
	autoApprox         = 0.01
)

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
		Short: "Write the ecosystem in a format other tools read (Cypher for Neo4j, GraphML, GEXF, Cytoscape.js)",
		Long: `Write the ecosystem, or the part of it that --at and --unit select, in a
format that other tools read. The data comes from the store or, with --from,
straight from data sets, as for the analysis commands.

Formats:
` + formats.String() + `
More formats are to come (CSV, Kumu and Pajek; issue 12). docs/export.md
describes every format.

Above 20,000 partners the formats with node metrics estimate betweenness
within ±0.01 (as --approx 0.01 does) unless --approx is given; --approx 0
computes it exactly, which takes about half a minute for 50,000 partners.

The output goes to standard output or, with --out, to a file that is
replaced atomically: a failed or interrupted export leaves it as it was.`,
		Example: `  # Recreate the example in an empty Neo4j database
  ecoscope export --format cypher --from examples/energieke-regio --out ecosysteem.cypher
  cypher-shell -u neo4j -f ecosysteem.cypher

  # The network with its metrics for Gephi, its growth on the timeline
  ecoscope export --format gexf --from examples/energieke-regio --out ecosysteem.gexf

  # GraphML for NetworkX or igraph, and read back
  ecoscope export --format graphml --from examples/energieke-regio --out ecosysteem.graphml
  ecoscope metrics --from ecosysteem.graphml --ties explicit

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
	cmd.Flags().Var(opts.format, "format", "the format to write: "+strings.Join(names, ", ")+" (more to come)")
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
	if format.write == nil {
		return usagef("--format: %q is not one of %s", opts.format.value, strings.Join(exportFormatNames(), ", "))
	}
	e, meta, err := a.load(ctx, &opts.data)
	if err != nil {
		return err
	}
	a.noteNoPartners(e, meta, "the export holds no network")
	mopts := analysis.MetricsOptions{Seed: opts.seed, Approx: opts.approx}
	if format.nodeMetrics && !opts.set["approx"] && len(e.Partners) > autoApproxPartners {
		mopts.Approx = autoApprox
		fmt.Fprintf(a.io.Err, "note: betweenness is estimated within ±%g (probability 0.9) by sampling, as the network has more than %s partners; --approx 0 computes it exactly (about half a minute for 50,000 partners)\n",
			autoApprox, thousands(autoApproxPartners))
	}
	d := exporters.New(ctx, e, a.networkOptions(&opts.ties), mopts)
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
