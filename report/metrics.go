package report

import (
	"io"
	"math"
	"strconv"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// MetricsMeta says what a metrics output is about; it is written with the
// JSON output.
type MetricsMeta struct {
	Source    string `json:"source"`
	At        string `json:"at"`
	Unit      string `json:"unit,omitempty"`
	TieSource string `json:"tie_source"`
	Seed      uint64 `json:"seed"`
	// Notes say what the reader should know of how the network was made
	// (units left out of the unit ties, ...).
	Notes analysis.Notes `json:"notes"`
}

// NetworkMetricsJSON is the JSON document of `ecoscope metrics --level network`.
type NetworkMetricsJSON struct {
	MetricsMeta
	analysis.NetworkMetrics
}

// UnitMetricsJSON is the JSON document of `ecoscope metrics --level units`.
type UnitMetricsJSON struct {
	MetricsMeta
	Units []analysis.UnitMetrics `json:"units"`
}

// NodeMetricsJSON is the JSON document of `ecoscope metrics --level nodes`.
type NodeMetricsJSON struct {
	MetricsMeta
	// BetweennessApproximation is present when betweenness was estimated
	// by sampling (--approx) rather than computed exactly.
	BetweennessApproximation *analysis.Approximation `json:"betweenness_approximation,omitempty"`
	Nodes                    []analysis.NodeMetrics  `json:"nodes"`
}

// num formats a float at full precision (shortest representation that
// round-trips); NaN and ±Inf are written as an empty cell, which R and
// pandas read as missing.
func num(f analysis.Float) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func itoa(i int) string { return strconv.Itoa(i) }

// WriteNodesCSV writes one row per partner with the columns of
// analysis.NodeColumns.
func WriteNodesCSV(w io.Writer, nodes []analysis.NodeMetrics) error {
	c := newCSV(w)
	c.row(analysis.NodeColumns...)
	for _, n := range nodes {
		c.row(n.ID, n.Name, string(n.Helix), string(n.Sector), itoa(n.Degree), num(n.Strength),
			num(n.Betweenness), num(n.Closeness), num(n.Eigenvector), num(n.PageRank), num(n.Clustering),
			itoa(n.Core), itoa(n.Community), num(n.Constraint), num(n.EffectiveSize), num(n.EgoDiversity),
			num(n.EIIndex), itoa(n.Coordinator), itoa(n.Itinerant), itoa(n.Gatekeeper), itoa(n.Representative),
			itoa(n.Liaison), itoa(n.InDegree), itoa(n.OutDegree))
	}
	return c.flush()
}

// mixColumns are the scalar columns shared by the network and unit CSVs.
func mixHeader() []string {
	h := []string{"partners", "ties", "density"}
	for _, t := range graph.Helices {
		h = append(h, "helix_"+string(t))
	}
	h = append(h, "helix_unknown")
	for _, s := range graph.Sectors {
		h = append(h, "sector_"+string(s))
	}
	return append(h, "blau_index", "shannon_entropy", "shannon_evenness", "helix_coverage", "helix_missing",
		"helix_integration", "helix_assortativity", "ei_index", "ei_index_rescaled", "public_private_tie_share")
}

func mixRow(m analysis.MixMetrics) []string {
	r := []string{itoa(m.Partners), itoa(m.Ties), num(m.Density)}
	for _, t := range graph.Helices {
		r = append(r, itoa(m.HelixCounts[t]))
	}
	r = append(r, itoa(m.HelixCounts[graph.HelixUnknown]))
	for _, s := range graph.Sectors {
		r = append(r, itoa(m.SectorCounts[s]))
	}
	return append(r, num(m.BlauIndex), num(m.ShannonEntropy), num(m.ShannonEvenness), string(m.HelixCoverage.Class),
		joinTypes(m.HelixCoverage.Missing), string(m.HelixIntegration), num(m.HelixAssortativity), num(m.EIIndex),
		num(m.EIIndexRescaled), num(m.PublicPrivateTieShare))
}

// WriteUnitsCSV writes one row per unit. The mixing matrix is in the JSON
// output only.
func WriteUnitsCSV(w io.Writer, units []analysis.UnitMetrics) error {
	c := newCSV(w)
	c.row(append([]string{"id", "name", "level", "form", "parent", "size"}, mixHeader()...)...)
	for _, u := range units {
		c.row(append([]string{u.ID, u.Name, string(u.Level), string(u.Form), u.Parent, itoa(u.Size)}, mixRow(u.MixMetrics)...)...)
	}
	return c.flush()
}

// WriteNetworkCSV writes the network-level metrics as one header row and
// one value row; the mixing matrix is flattened to mixing_<a>_<b> columns
// (a ≤ b in canonical order). Columns added later (reciprocity) follow the
// mixing columns, so that no column moves.
func WriteNetworkCSV(w io.Writer, m analysis.NetworkMetrics) error {
	head := append(mixHeader(), "components", "largest_component_share", "average_degree", "transitivity",
		"average_clustering", "ei_index_p_value", "modularity", "communities", "triple_helix_synergy",
		"quadruple_helix_synergy")
	row := append(mixRow(m.MixMetrics), itoa(m.Components), num(m.LargestComponentShare), num(m.AverageDegree),
		num(m.Transitivity), num(m.AverageClustering), num(m.EIIndexPValue), num(m.Modularity), itoa(m.Communities),
		num(m.TripleHelixSynergy), num(m.QuadrupleHelixSynergy))
	types := append(append([]graph.Helix{}, graph.Helices...), graph.HelixUnknown)
	for i, a := range types {
		for _, b := range types[i:] {
			head = append(head, "mixing_"+string(a)+"_"+string(b))
			row = append(row, itoa(m.HelixMixing[a][b]))
		}
	}
	head = append(head, "reciprocity")
	row = append(row, num(m.Reciprocity))
	c := newCSV(w)
	c.row(head...)
	c.row(row...)
	return c.flush()
}
