// Package exporters writes an ecosystem, its partner network and its
// metrics in the formats other tools read: a Cypher script for Neo4j and
// (issue 12) GraphML, GEXF, Cytoscape.js JSON, a CSV folder, a Kumu
// workbook and Pajek.
//
// Every exporter takes a *Data: the snapshot, the partner network built
// from it once, and its metrics, computed when an exporter first asks for
// them (a Cypher script needs none, so it never waits for betweenness).
package exporters

import (
	"context"
	"sync"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// Data is what an exporter writes.
type Data struct {
	// Ecosystem is the snapshot exported (what --at and --unit selected).
	Ecosystem *graph.Ecosystem
	// Network is the partner network of Ecosystem, as the tie options
	// made it; its node i is Ecosystem.Partners[i].
	Network *analysis.Network
	// NetOptions are the options Network was built with: which ties make
	// its edges (the graph formats write explicit and co-membership edges
	// apart, and must know which the network holds).
	NetOptions analysis.Options
	// Options are the options of the metrics (seed, --approx).
	Options analysis.MetricsOptions

	ctx context.Context

	nodesOnce sync.Once
	nodes     []analysis.NodeMetrics
	approx    *analysis.Approximation
	nodesErr  error

	unitsOnce sync.Once
	units     []analysis.UnitMetrics

	netOnce sync.Once
	net     analysis.NetworkMetrics
	netErr  error
}

// New returns the Data of e: its partner network built with netOpts.
// Metrics are computed with mopts when first asked for, and stop when ctx
// is done.
func New(ctx context.Context, e *graph.Ecosystem, netOpts analysis.Options, mopts analysis.MetricsOptions) *Data {
	return &Data{Ecosystem: e, Network: analysis.New(e, netOpts), NetOptions: netOpts, Options: mopts, ctx: ctx}
}

// Nodes returns the node metrics, one per partner in the order of Network,
// and how betweenness was estimated (nil: exactly).
func (d *Data) Nodes() ([]analysis.NodeMetrics, *analysis.Approximation, error) {
	d.nodesOnce.Do(func() {
		d.nodes, d.approx, d.nodesErr = analysis.NodeMetricsOf(d.ctx, d.Network, d.Options)
	})
	return d.nodes, d.approx, d.nodesErr
}

// Units returns the unit metrics, one per unit.
func (d *Data) Units() []analysis.UnitMetrics {
	d.unitsOnce.Do(func() { d.units = analysis.UnitMetricsOf(d.Ecosystem, d.Network) })
	return d.units
}

// NetworkMetrics returns the network-level metrics.
func (d *Data) NetworkMetrics() (analysis.NetworkMetrics, error) {
	d.netOnce.Do(func() {
		d.net, d.netErr = analysis.NetworkMetricsOf(d.ctx, d.Ecosystem, d.Network, d.Options)
	})
	return d.net, d.netErr
}
