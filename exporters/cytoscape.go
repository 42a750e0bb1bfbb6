package exporters

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"
)

// WriteCytoscape writes d as Cytoscape.js JSON (docs/export.md), which
// cytoscape.js takes as is (cytoscape({elements: ...})) and Cytoscape
// desktop imports as a .cyjs network:
//
//	{"data": {"name": ..., "ties": "all", ...},
//	 "elements": {
//	   "nodes": [{"data": {"id": ..., "name": ..., "helix": ..., "color": "#0072B2", ...metrics}}],
//	   "edges": [{"data": {"id": "e0", "source": ..., "target": ..., "weight": 2, "ties": "explicit", ...}}]}}
//
// The nodes, edges and attributes are those of WriteGraphML; "color" is
// the helix colour (HelixColor), for a style such as
// 'background-color': 'data(color)'. A metric that is not a number (NaN,
// such as the constraint of an isolated partner) is null.
func WriteCytoscape(w io.Writer, d *Data) error {
	nodes, approx, err := d.Nodes()
	if err != nil {
		return err
	}
	e := d.Ecosystem
	net := d.Network
	edges := graphEdges(d)
	units := unitsOf(e, net)

	bw := bufio.NewWriterSize(w, 1<<16)
	var b []byte
	field := func(first bool, name string) {
		if !first {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ':')
	}
	b = append(b, `{"format_version":"1.0","generated_by":"ecoscope","target_cytoscapejs_version":"~3","data":{`...)
	for k, g := range graphData(d, approx) {
		field(k == 0, g.name)
		switch g.name {
		case "betweenness_epsilon", "betweenness_delta", "betweenness_samples":
			b = append(b, g.value...)
		default:
			b = appendJSONString(b, g.value)
		}
	}
	b = append(b, "},\n\"elements\":{\"nodes\":[\n"...)
	for i := range e.Partners {
		p := &e.Partners[i]
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, `{"data":{`...)
		field(true, "id")
		b = appendJSONString(b, p.ID)
		for _, a := range nodeAttrs {
			if v := partnerAttr(p, a, units[i]); v != "" {
				field(false, a)
				b = appendJSONString(b, v)
			}
		}
		field(false, "color")
		b = appendJSONString(b, HelixColor(net.Helix(i)).Hex())
		for k := range metricColumns {
			c := &metricColumns[k]
			field(false, c.name)
			var ok bool
			if b, ok = appendNumber(b, c.value(&nodes[i]), c.typ); !ok {
				b = append(b, "null"...)
			}
		}
		b = append(b, "}}"...)
		if len(b) > 32<<10 {
			bw.Write(b)
			b = b[:0]
		}
	}
	b = append(b, "\n],\"edges\":[\n"...)
	for k := range edges {
		ed := &edges[k]
		if k > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, `{"data":{"id":"e`...)
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, '"')
		field(false, "source")
		b = appendJSONString(b, net.ID(ed.u))
		field(false, "target")
		b = appendJSONString(b, net.ID(ed.v))
		field(false, "weight")
		b, _ = appendNumber(b, ed.weight, attrDouble)
		for _, a := range edgeAttrs {
			if v, ok := edgeAttr(ed, a.name); ok {
				field(false, a.name)
				if a.typ == attrBool {
					b = append(b, v...)
				} else {
					b = appendJSONString(b, v)
				}
			}
		}
		b = append(b, "}}"...)
		if len(b) > 32<<10 {
			bw.Write(b)
			b = b[:0]
		}
	}
	b = append(b, "\n]}}\n"...)
	bw.Write(b)
	return bw.Flush()
}

// appendJSONString appends s as a JSON string, as encoding/json writes it:
// control characters escaped, invalid UTF-8 as U+FFFD, <, > and & escaped
// (so that the JSON can be put in an HTML <script> element as is), and
// U+2028 and U+2029 escaped (so that it is JavaScript too).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}
