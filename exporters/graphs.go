package exporters

import (
	"bufio"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report/charts"
)

// This file holds what the graph formats (GraphML, GEXF, Cytoscape.js)
// share: which edges they write, the node attributes and their types, the
// helix palette and the escaping of text.

// Ties values of the edge attribute "ties": which kind of tie an edge is.
const (
	EdgeExplicit = "explicit" // a tie of the data set (ties between people count for their partners)
	EdgeUnits    = "units"    // partners that are direct members of the same units
)

// graphEdge is one edge of a graph export: an explicit tie, or the
// co-membership of two partners.
type graphEdge struct {
	u, v int // source and target: nodes of Data.Network
	// tie is the explicit tie, its ends the partners; nil for a
	// co-membership edge.
	tie *graph.Tie
	// weight is the tie's weight, or the number of units the two partners
	// share.
	weight float64
}

// graphEdges returns the edges the graph formats write: the edges of
// d.Network split back into what made them. Every explicit tie between
// two partners of the snapshot (ties between people count for the
// partners they work for, as in graph.Ecosystem.PartnerTies) is one edge
// with its own attributes; where the network joins two partners by shared
// units too, one more edge says so, its weight the number of units they
// share. The weights of the edges between two partners add up to the
// weight of their edge in the network the metrics were computed on, which
// is what Gephi shows when it merges parallel edges by summing them (its
// default). Which kinds are written follows the network: --ties explicit
// writes no co-membership edges, --ties units no explicit ties.
func graphEdges(d *Data) []graphEdge {
	net := d.Network
	src := d.NetOptions.Ties
	var edges []graphEdge
	explicit := map[[2]int32]float64{} // the explicit weight per pair, lower node first
	if src == analysis.TiesAll || src == analysis.TiesExplicit {
		for _, t := range partnerTies(d.Ecosystem) {
			u, ok1 := net.Index(t.Source)
			v, ok2 := net.Index(t.Target)
			if !ok1 || !ok2 || u == v {
				continue
			}
			w := t.Weight
			if !(w > 0) || math.IsInf(w, 0) {
				w = 1 // as analysis.New counts it
			}
			edges = append(edges, graphEdge{u: u, v: v, tie: t, weight: w})
			explicit[pair(u, v)] += w
		}
	}
	if src == analysis.TiesAll || src == analysis.TiesUnits {
		for u := range net.N() {
			ws := net.Weights(u)
			for k, v := range net.Neighbors(u) {
				if int(v) <= u {
					continue
				}
				// Unit ties weigh 1 per shared unit: what is left of the
				// network's weight after the explicit ties is a whole
				// number (the rest is rounding of the sums).
				if n := math.Round(ws[k] - explicit[pair(u, int(v))]); n >= 1 {
					edges = append(edges, graphEdge{u: u, v: int(v), weight: n})
				}
			}
		}
	}
	return edges
}

func pair(u, v int) [2]int32 {
	if u > v {
		u, v = v, u
	}
	return [2]int32{int32(u), int32(v)}
}

// partnerTies returns the ties of e as the graph exports write them: their
// ends resolved to partners (a person stands for the partner they work
// for), ties that name no partner or join a partner to itself left out,
// and ties that then repeat the key of an earlier one (two colleagues'
// ties to the same partner, of the same type and since) combined with it
// as graph.Ecosystem.Combine does: weights added, the latest until kept.
// The file is then a partner-level data set that reads back without
// repeats, and the weights per pair are those of the network. Unlike
// graph.Ecosystem.PartnerTies, the ties keep their ids.
func partnerTies(e *graph.Ecosystem) []*graph.Tie {
	ix := graph.NewIndex(e)
	partnerOf := func(id string) (string, bool) {
		if _, ok := ix.Partner[id]; ok {
			return id, true
		}
		if i, ok := ix.Person[id]; ok && e.People[i].Partner != "" {
			return e.People[i].Partner, true
		}
		return "", false
	}
	ties := make([]graph.Tie, 0, len(e.Ties))
	resolved := false
	for i := range e.Ties {
		t := e.Ties[i]
		s, ok1 := partnerOf(t.Source)
		d, ok2 := partnerOf(t.Target)
		if !ok1 || !ok2 || s == d {
			continue
		}
		if s != t.Source || d != t.Target {
			t.Source, t.Target = s, d
			resolved = true
		}
		ties = append(ties, t)
	}
	if resolved {
		// Only ties between people can repeat a key now: the data set was
		// combined when it was read. A directed and an undirected tie
		// with one key cannot be combined; they are written as they are.
		pe := &graph.Ecosystem{Partners: e.Partners, Ties: slices.Clone(ties)}
		if _, ps := pe.Combine(); len(ps) == 0 {
			ties = pe.Ties
		}
	}
	out := make([]*graph.Tie, len(ties))
	for i := range ties {
		out[i] = &ties[i]
	}
	return out
}

// PartnerTies returns the ties of e between partners as the graph exports
// write them (ends resolved to partners, repeats combined, ids kept):
// reading an export back gives these ties.
func PartnerTies(e *graph.Ecosystem) []graph.Tie {
	ts := partnerTies(e)
	out := make([]graph.Tie, len(ts))
	for i, t := range ts {
		out[i] = *t
	}
	return out
}

// unitsOf returns, per partner (in the order of e.Partners), the ids of
// the units it is a direct member of (or one of its people is), in the
// order of e.Units.
func unitsOf(e *graph.Ecosystem, net *analysis.Network) [][]string {
	members := e.UnitPartners()
	out := make([][]string, len(e.Partners))
	seen := map[string]bool{}
	for _, u := range e.Units {
		if seen[u.ID] {
			continue
		}
		seen[u.ID] = true
		for _, p := range members[u.ID] {
			if i, ok := net.Index(p); ok {
				out[i] = append(out[i], u.ID)
			}
		}
	}
	return out
}

// UnitSeparator separates the unit ids of the node attribute "units".
const UnitSeparator = "|"

// attrType is the type of an attribute, as GraphML names it (GEXF says
// integer for int).
type attrType int

const (
	attrString attrType = iota
	attrInt
	attrDouble
	attrBool
)

func (t attrType) graphML() string {
	return [...]string{"string", "int", "double", "boolean"}[t]
}

func (t attrType) gexf() string {
	return [...]string{"string", "integer", "double", "boolean"}[t]
}

// nodeAttrs are the partner attributes the graph formats write, in order,
// before the metrics. The node's id is the partner's id.
var nodeAttrs = []string{"name", "helix", "sector", "kind", "region", "since", "until", "units"}

// partnerAttr returns the value of partner attribute name of p ("" when it
// has none); units are its units.
func partnerAttr(p *graph.Partner, name string, units []string) string {
	switch name {
	case "name":
		return p.Name
	case "helix":
		return string(p.Helix)
	case "sector":
		return string(p.Sector)
	case "kind":
		return p.Kind
	case "region":
		return p.Region
	case "since":
		return p.Since.String()
	case "until":
		return p.Until.String()
	case "units":
		return strings.Join(units, UnitSeparator)
	}
	panic("exporters: unknown partner attribute " + name)
}

// edgeAttrs are the edge attributes the graph formats write, besides the
// weight, in order.
var edgeAttrs = []struct {
	name string
	typ  attrType
}{
	{"ties", attrString}, {"type", attrString}, {"directed", attrBool},
	{"since", attrString}, {"until", attrString}, {"tie_id", attrString},
}

// edgeAttr returns the value of edge attribute name of e, and false when
// the edge has none.
func edgeAttr(e *graphEdge, name string) (string, bool) {
	t := e.tie
	if name == "ties" {
		if t == nil {
			return EdgeUnits, true
		}
		return EdgeExplicit, true
	}
	if t == nil {
		return "", false
	}
	var s string
	switch name {
	case "type":
		s = t.Type
	case "directed":
		return strconv.FormatBool(t.Directed), true
	case "since":
		s = t.Since.String()
	case "until":
		s = t.Until.String()
	case "tie_id":
		s = t.ID
	}
	return s, s != ""
}

// metricColumn is a node metric written as an attribute: a column of the
// metrics CSV (analysis.NodeColumns) after id, name, helix and sector,
// which are partner attributes.
type metricColumn struct {
	name  string
	typ   attrType
	field int // of analysis.NodeMetrics
}

// metricColumns are the node metrics the graph formats write, named and
// ordered as the metrics CSV columns. They are found by the JSON names of
// the fields of analysis.NodeMetrics, which are the CSV column names, so
// that a column added to the metrics is written too.
var metricColumns = func() []metricColumn {
	t := reflect.TypeFor[analysis.NodeMetrics]()
	var out []metricColumn
	for _, col := range analysis.NodeColumns {
		switch col {
		case "id", "name", "helix", "sector":
			continue
		}
		found := false
		for i := range t.NumField() {
			f := t.Field(i)
			if strings.Split(f.Tag.Get("json"), ",")[0] != col {
				continue
			}
			typ := attrDouble
			if f.Type.Kind() == reflect.Int {
				typ = attrInt
			}
			out = append(out, metricColumn{col, typ, i})
			found = true
		}
		if !found {
			panic("exporters: no field of analysis.NodeMetrics for column " + col)
		}
	}
	return out
}()

// value returns the metric of m as a number.
func (c *metricColumn) value(m *analysis.NodeMetrics) float64 {
	f := reflect.ValueOf(m).Elem().Field(c.field)
	if c.typ == attrInt {
		return float64(f.Int())
	}
	return f.Float()
}

// appendNumber appends v as the shortest text that reads back as v; ok is
// false (and nothing appended) when v is NaN or infinite, which the graph
// formats leave out (an attribute without a value).
func appendNumber(b []byte, v float64, typ attrType) ([]byte, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b, false
	}
	if typ == attrInt {
		return strconv.AppendInt(b, int64(v), 10), true
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64), true
}

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Hex returns c as #RRGGBB.
func (c Color) Hex() string {
	const digits = "0123456789ABCDEF"
	return string([]byte{'#', digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15]})
}

// HelixColor returns the colour of helix type h in the exports (grey for
// none): the one palette of ecoscope, charts.HelixColor (Okabe-Ito), so a
// network in Gephi has the colours of the report's drawing.
func HelixColor(h graph.Helix) Color {
	c := charts.HelixColor(h)
	return Color{c.R, c.G, c.B}
}

// xmlWriter writes XML text, escaping every string it is given.
type xmlWriter struct {
	w   *bufio.Writer
	buf []byte
}

func newXMLWriter(w io.Writer) *xmlWriter {
	return &xmlWriter{w: bufio.NewWriterSize(w, 1<<16)}
}

// raw writes s as is: markup.
func (x *xmlWriter) raw(s string) { x.w.WriteString(s) }

// text writes s escaped, for an attribute value or element text.
func (x *xmlWriter) text(s string) {
	x.buf = appendXMLText(x.buf[:0], s)
	x.w.Write(x.buf)
}

// attr writes ` name="value"`, value escaped.
func (x *xmlWriter) attr(name, value string) {
	x.w.WriteByte(' ')
	x.w.WriteString(name)
	x.w.WriteString(`="`)
	x.text(value)
	x.w.WriteByte('"')
}

func (x *xmlWriter) flush() error { return x.w.Flush() }

// appendXMLText appends s escaped for XML 1.0, in element text and in
// attribute values alike: the five special characters as entities, tab,
// newline and carriage return as character references (so that attribute
// values keep them), and every character XML 1.0 cannot hold (the other
// control characters, U+FFFE, U+FFFF, invalid UTF-8) as U+FFFD, the
// replacement character.
func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			switch c {
			case '&':
				b = append(b, "&amp;"...)
			case '<':
				b = append(b, "&lt;"...)
			case '>':
				b = append(b, "&gt;"...)
			case '"':
				b = append(b, "&quot;"...)
			case '\'':
				b = append(b, "&apos;"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\t':
			b = append(b, "&#x9;"...)
		case r == '\n':
			b = append(b, "&#xA;"...)
		case r == '\r':
			b = append(b, "&#xD;"...)
		case r == utf8.RuneError && n == 1, !xmlChar(r):
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, s[i-n:i]...)
		}
	}
	return b
}

// xmlChar reports whether XML 1.0 can hold r (its Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// XMLSafe returns s as the XML exports write it: every character XML 1.0
// cannot hold replaced by U+FFFD. Reading an export back gives XMLSafe of
// every string.
func XMLSafe(s string) string {
	safe := true
	for _, r := range s {
		if r == utf8.RuneError || !xmlChar(r) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		b = utf8.AppendRune(b, r)
		i += n
	}
	return string(b)
}
