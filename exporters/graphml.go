package exporters

import (
	"io"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
)

// GraphMLNamespace is the namespace of GraphML documents.
const GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

// WriteGraphML writes d as a GraphML document (docs/export.md): one node
// per partner, its id the partner's id, with the partner's attributes,
// the ids of its units and its node metrics; one edge per explicit tie and
// one per pair of partners that share units (see graphEdges), told apart
// by the edge attribute "ties". Every attribute has a typed <key> named as
// the metrics CSV column. The graph is undirected; a directed tie keeps
// its direction as source → target and says so in the boolean attribute
// "directed" (the XML attribute directed="true" on an edge of an
// undirected graph makes NetworkX refuse the file).
func WriteGraphML(w io.Writer, d *Data) error {
	nodes, approx, err := d.Nodes()
	if err != nil {
		return err
	}
	e := d.Ecosystem
	net := d.Network
	edges := graphEdges(d)
	units := unitsOf(e, net)

	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<graphml xmlns="` + GraphMLNamespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="` + GraphMLNamespace + ` http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	x.raw("  <!-- Written by ecoscope: the partner network of a Learning Community. See docs/export.md. -->\n")
	key := func(id, domain, name string, typ attrType) {
		x.raw("  <key")
		x.attr("id", id)
		x.attr("for", domain)
		x.attr("attr.name", name)
		x.attr("attr.type", typ.graphML())
		x.raw("/>\n")
	}
	// Graph keys are g_NAME, edge keys e_NAME (but weight, which Gephi
	// reads by that id), node keys the names themselves.
	for _, k := range graphKeys {
		key("g_"+k.name, "graph", k.name, k.typ)
	}
	key("label", "node", "label", attrString)
	for _, a := range nodeAttrs {
		key(a, "node", a, attrString)
	}
	for _, c := range metricColumns {
		key(c.name, "node", c.name, c.typ)
	}
	key("weight", "edge", "weight", attrDouble)
	for _, a := range edgeAttrs {
		key("e_"+a.name, "edge", a.name, a.typ)
	}

	x.raw(`  <graph id="G" edgedefault="undirected">` + "\n")
	for _, g := range graphData(d, approx) {
		x.raw(`    <data key="g_` + g.name + `">`)
		x.text(g.value)
		x.raw("</data>\n")
	}
	// The data of a node or an edge go on one line each: a 50,000-partner
	// export is a third smaller than with a line per datum.
	data := func(key, value string) {
		x.raw(`<data key="` + key + `">`)
		x.text(value)
		x.raw("</data>")
	}
	var num []byte
	for i := range e.Partners {
		p := &e.Partners[i]
		x.raw("    <node")
		x.attr("id", p.ID)
		x.raw(">")
		data("label", p.Name)
		for _, a := range nodeAttrs {
			if v := partnerAttr(p, a, units[i]); v != "" {
				data(a, v)
			}
		}
		for k := range metricColumns {
			c := &metricColumns[k]
			var ok bool
			if num, ok = appendNumber(num[:0], c.value(&nodes[i]), c.typ); ok {
				x.raw(`<data key="` + c.name + `">`)
				x.w.Write(num)
				x.raw("</data>")
			}
		}
		x.raw("</node>\n")
	}
	for k := range edges {
		ed := &edges[k]
		x.raw(`    <edge id="e` + strconv.Itoa(k) + `"`)
		x.attr("source", net.ID(ed.u))
		x.attr("target", net.ID(ed.v))
		x.raw(">")
		num, _ = appendNumber(num[:0], ed.weight, attrDouble)
		x.raw(`<data key="weight">`)
		x.w.Write(num)
		x.raw("</data>")
		for _, a := range edgeAttrs {
			if v, ok := edgeAttr(ed, a.name); ok {
				data("e_"+a.name, v)
			}
		}
		x.raw("</edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.flush()
}

// graphKeys are the graph-level attributes of the exports.
var graphKeys = []struct {
	name string
	typ  attrType
}{
	{"name", attrString},                // of the ecosystem
	{"ties", attrString},                // the tie source of the network: all, explicit or units
	{"betweenness_epsilon", attrDouble}, // when betweenness was estimated: within ±epsilon
	{"betweenness_delta", attrDouble},   // with probability 1 − delta
	{"betweenness_samples", attrInt},    // from so many sampled paths
	{"notes", attrString},               // what a reader of the metrics should know
}

type graphValue struct{ name, value string }

// graphData returns the graph-level attributes of d that have a value.
func graphData(d *Data, approx *analysis.Approximation) []graphValue {
	out := []graphValue{{"name", d.Ecosystem.Name}, {"ties", d.NetOptions.Ties.String()}}
	if approx != nil {
		out = append(out,
			graphValue{"betweenness_epsilon", strconv.FormatFloat(approx.Epsilon, 'g', -1, 64)},
			graphValue{"betweenness_delta", strconv.FormatFloat(approx.Delta, 'g', -1, 64)},
			graphValue{"betweenness_samples", strconv.Itoa(approx.Samples)})
	}
	if notes := d.Network.Notes(); len(notes) > 0 {
		msgs := make([]string, len(notes))
		for i, n := range notes {
			msgs[i] = n.Message
		}
		out = append(out, graphValue{"notes", strings.Join(msgs, "\n")})
	}
	if out[0].value == "" {
		out = out[1:]
	}
	return out
}
