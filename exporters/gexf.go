package exporters

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ecoscope/ecoscope/graph"
)

// GEXFNamespace and GEXFVizNamespace are the namespaces of the GEXF 1.2
// documents ecoscope writes (the version Gephi 0.8 to 0.10, NetworkX,
// igraph and sigma.js all read).
const (
	GEXFNamespace    = "http://www.gexf.net/1.2draft"
	GEXFVizNamespace = "http://www.gexf.net/1.2draft/viz"
)

// Node sizes of the GEXF export: from MinNodeSize for a partner on no
// shortest path to MaxNodeSize for the partner with the highest
// betweenness, the area of a node growing with its betweenness.
const (
	MinNodeSize = 4.0
	MaxNodeSize = 40.0
)

// WriteGEXF writes d as a GEXF 1.2 document (docs/export.md) with the
// nodes and edges of WriteGraphML and the same attributes, in
// mode="dynamic": every partner and explicit tie with a since or until
// has a spell, from the first day of its since to the last day of its
// until (a since of 2019 starts on 2019-01-01, an until of 2019 ends on
// 2019-12-31), so that Gephi's timeline plays the ecosystem's growth.
// Co-membership edges have no spell: they show while both their partners
// do. Nodes are coloured by helix type (HelixColor) and sized by
// betweenness (MinNodeSize to MaxNodeSize).
func WriteGEXF(w io.Writer, d *Data) error {
	nodes, approx, err := d.Nodes()
	if err != nil {
		return err
	}
	e := d.Ecosystem
	net := d.Network
	edges := graphEdges(d)
	units := unitsOf(e, net)
	maxBC := 0.0
	for i := range nodes {
		if b := float64(nodes[i].Betweenness); b > maxBC && !math.IsInf(b, 0) {
			maxBC = b
		}
	}

	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<gexf xmlns="` + GEXFNamespace + `" xmlns:viz="` + GEXFVizNamespace + `" version="1.2">` + "\n")
	x.raw("  <meta>\n    <creator>ecoscope</creator>\n    <description>")
	desc := "The partner network of a Learning Community"
	if e.Name != "" {
		desc += ": " + e.Name
	}
	x.text(desc + ". Ties: " + d.NetOptions.Ties.String() + ".")
	for _, g := range graphData(d, approx) {
		if g.name != "name" && g.name != "ties" {
			x.text(" " + g.name + ": " + g.value + ".")
		}
	}
	x.raw("</description>\n  </meta>\n")
	x.raw(`  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date"`)
	if e.Name != "" {
		x.attr("name", e.Name)
	}
	x.raw(">\n")
	attr := func(id, name string, typ attrType) {
		x.raw("      <attribute")
		x.attr("id", id)
		x.attr("title", name)
		x.attr("type", typ.gexf())
		x.raw("/>\n")
	}
	x.raw(`    <attributes class="node" mode="static">` + "\n")
	for _, a := range nodeAttrs {
		attr(a, a, attrString)
	}
	for _, c := range metricColumns {
		attr(c.name, c.name, c.typ)
	}
	x.raw("    </attributes>\n")
	x.raw(`    <attributes class="edge" mode="static">` + "\n")
	for _, a := range edgeAttrs {
		attr(a.name, a.name, a.typ)
	}
	x.raw("    </attributes>\n")

	// A node or an edge goes on one line: a 50,000-partner export is a
	// third smaller than with a line per element.
	attvalue := func(id, value string) {
		x.raw(`<attvalue for="` + id + `"`)
		x.attr("value", value)
		x.raw("/>")
	}
	var num []byte
	x.raw("    <nodes>\n")
	for i := range e.Partners {
		p := &e.Partners[i]
		x.raw("      <node")
		x.attr("id", p.ID)
		x.attr("label", p.Name)
		x.raw("><attvalues>")
		for _, a := range nodeAttrs {
			if v := partnerAttr(p, a, units[i]); v != "" {
				attvalue(a, v)
			}
		}
		for k := range metricColumns {
			c := &metricColumns[k]
			var ok bool
			if num, ok = appendNumber(num[:0], c.value(&nodes[i]), c.typ); ok {
				attvalue(c.name, string(num))
			}
		}
		x.raw("</attvalues>")
		spell(x, p.Period)
		c := HelixColor(net.Helix(i))
		fmt.Fprintf(x.w, `<viz:color r="%d" g="%d" b="%d" a="1.0"/>`, c.R, c.G, c.B)
		size := MinNodeSize
		if b := float64(nodes[i].Betweenness); maxBC > 0 && b > 0 && b <= maxBC {
			size += (MaxNodeSize - MinNodeSize) * math.Sqrt(b/maxBC)
		}
		x.raw(`<viz:size value="` + strconv.FormatFloat(size, 'f', 3, 64) + `"/>`)
		x.raw("</node>\n")
	}
	x.raw("    </nodes>\n    <edges>\n")
	for k := range edges {
		ed := &edges[k]
		x.raw(`      <edge id="e` + strconv.Itoa(k) + `"`)
		x.attr("source", net.ID(ed.u))
		x.attr("target", net.ID(ed.v))
		num, _ = appendNumber(num[:0], ed.weight, attrDouble)
		x.raw(` weight="` + string(num) + `"><attvalues>`)
		for _, a := range edgeAttrs {
			if v, ok := edgeAttr(ed, a.name); ok {
				attvalue(a.name, v)
			}
		}
		x.raw("</attvalues>")
		if ed.tie != nil {
			spell(x, ed.tie.Period)
		}
		x.raw("</edge>\n")
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return x.flush()
}

// spell writes the spell of period p, if it has a since or an until.
func spell(x *xmlWriter, p graph.Period) {
	if p.Since.IsZero() && p.Until.IsZero() {
		return
	}
	x.raw("<spells><spell")
	if !p.Since.IsZero() {
		x.raw(` start="` + dayText(p.Since.Start()) + `"`)
	}
	if !p.Until.IsZero() {
		x.raw(` end="` + dayText(p.Until.End()) + `"`)
	}
	x.raw("/></spells>")
}

// dayText writes a day given as YYYYMMDD (graph.Date.Start) as YYYY-MM-DD.
func dayText(ymd int) string {
	return fmt.Sprintf("%04d-%02d-%02d", ymd/10000, ymd/100%100, ymd%100)
}
