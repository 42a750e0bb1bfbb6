package importers

import (
	"encoding/xml"
	"slices"

	"github.com/ecoscope/ecoscope/graph"
)

// gexfAttr is an <attribute> of a GEXF document: its title.
type gexfAttrs map[string]string // id → title

// readGEXF reads a GEXF document (see ReadGEXF).
func (g *graphReader) readGEXF() {
	if _, err := g.root("gexf", gexf12Namespace, gexf13Namespace, gexf13WWW, gexf11Namespace); err != nil {
		return
	}
	graphs := 0
	for {
		t, err := g.token()
		if err != nil {
			return
		}
		switch t := t.(type) {
		case xml.EndElement:
			return // </gexf>
		case xml.StartElement:
			if t.Name.Local != "graph" {
				if g.skip() != nil {
					return
				}
				continue
			}
			if graphs++; graphs > 1 {
				g.fatalf(g.line(), "", "a second <graph>; ecoscope reads one graph per document")
				return
			}
			if name, ok := attr(t, "name"); ok {
				g.e.Name = trim(name)
			}
			if dir, _ := attr(t, "defaultedgetype"); dir == "directed" {
				g.directed = true
			}
			if g.gexfGraph() != nil {
				return
			}
		}
	}
}

// gexfGraph reads the <graph> element just started.
func (g *graphReader) gexfGraph() error {
	attrs := map[string]gexfAttrs{"node": {}, "edge": {}}
	return g.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "attributes":
			class, _ := attr(t, "class")
			return g.gexfAttributes(attrs[class])
		case "nodes":
			names := make([]string, 0, len(attrs["node"]))
			for _, title := range attrs["node"] {
				names = append(names, title)
			}
			slices.Sort(names)
			if err := g.chooseHelix(names); err != nil {
				return err
			}
			return g.gexfList(tabPartners, "node", attrs["node"])
		case "edges":
			return g.gexfList(tabTies, "edge", attrs["edge"])
		}
		return g.skip()
	})
}

// gexfAttributes reads the <attributes> element just started into titles
// (nil for a class other than node or edge, whose attributes are skipped).
func (g *graphReader) gexfAttributes(titles gexfAttrs) error {
	return g.children(func(t xml.StartElement) error {
		if t.Name.Local == "attribute" && titles != nil {
			id, _ := attr(t, "id")
			title, _ := attr(t, "title")
			if _, dup := titles[id]; dup {
				g.fatalf(g.line(), "", "attribute %s is declared twice", graph.Quote(id))
				return errStop
			}
			titles[id] = title
		}
		return g.skip()
	})
}

// gexfList reads the <nodes> or <edges> element just started: its
// elements elem as records of table t.
func (g *graphReader) gexfList(t tableID, elem string, titles gexfAttrs) error {
	return g.children(func(tok xml.StartElement) error {
		if tok.Name.Local != elem {
			return g.skip()
		}
		return g.gexfElement(t, tok, titles)
	})
}

// gexfElement reads the <node> or <edge> element se, just started, as a
// record of table t.
func (g *graphReader) gexfElement(t tableID, se xml.StartElement, titles gexfAttrs) error {
	if err := g.begin(); err != nil {
		return err
	}
	units := false
	since, until := partnerSince, partnerUntil
	if t == tabPartners {
		id, _ := attr(se, "id")
		label, _ := attr(se, "label")
		g.cells[partnerID], g.cells[partnerName] = trim(id), trim(label)
		if g.cells[partnerName] == "" {
			g.cells[partnerName] = g.cells[partnerID]
		}
	} else {
		since, until = tieSince, tieUntil
		src, _ := attr(se, "source")
		dst, _ := attr(se, "target")
		w, _ := attr(se, "weight")
		g.cells[tieSource], g.cells[tieTarget], g.cells[tieWeight] = trim(src), trim(dst), trim(w)
		typ, ok := attr(se, "type")
		if typ == "directed" || !ok && g.directed {
			g.cells[tieDirected] = "true"
		}
	}
	// The node's or edge's start and end, and those of its spells: since
	// and until when no attribute gives them.
	var start, end string
	spell := func(se xml.StartElement) {
		for _, a := range [2]struct {
			names []string
			v     *string
			later bool
		}{{[]string{"start", "startopen"}, &start, false}, {[]string{"end", "endopen"}, &end, true}} {
			for _, n := range a.names {
				if v, ok := attr(se, n); ok {
					v = dateValue(v)
					if *a.v == "" || (v > *a.v) == a.later && len(v) == len(*a.v) {
						*a.v = v
					}
				}
			}
		}
	}
	spell(se)
	depth := 0 // within <attvalues> or <spells>
	for {
		tok, err := g.token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			if depth > 0 {
				depth--
				continue
			}
			if units {
				return nil
			}
			if !g.given[since] && start != "" {
				g.cells[since] = start
			}
			if !g.given[until] && end != "" {
				g.cells[until] = end
			}
			g.add(g.e, t, g.cells[:len(tables[t].columns)])
			return nil
		case xml.StartElement:
			switch {
			case (tok.Name.Local == "attvalues" || tok.Name.Local == "spells") && depth == 0:
				depth++
			case tok.Name.Local == "spell" && depth == 1:
				spell(tok)
				if err := g.skip(); err != nil {
					return err
				}
			case tok.Name.Local == "attvalue" && depth == 1:
				id, _ := attr(tok, "for")
				if id == "" {
					id, _ = attr(tok, "id") // GEXF 1.1
				}
				v, _ := attr(tok, "value")
				title, ok := titles[id]
				_, dynamic := attr(tok, "start")
				if _, ok := attr(tok, "end"); ok {
					dynamic = true
				}
				switch {
				case !ok:
					g.errorf("", "attvalue for attribute %s, which is not declared", graph.Quote(id))
				case dynamic && g.attvalueGiven(t, title):
					// A dynamic attribute's later values: its first is read.
				case t == tabTies && title == "ties":
					switch trim(v) {
					case "units":
						units = true
					case "explicit", "":
					default:
						g.errorf("ties", "%s is not explicit or units", graph.Quote(v))
					}
				case t == tabPartners && title == "name":
					// The label is the name; an attribute name wins.
					g.cells[partnerName] = ""
					g.set(t, title, v)
				default:
					g.set(t, title, v)
				}
				if err := g.skip(); err != nil {
					return err
				}
			case tok.Name.Local == "nodes" && t == tabPartners:
				g.fatalf(g.line(), "", "nodes nested in a node; ecoscope reads flat graphs")
				return errStop
			default:
				if err := g.skip(); err != nil {
					return err
				}
			}
		}
	}
}

// attvalueGiven reports whether attribute title of the record of table t
// was given a value already.
func (g *graphReader) attvalueGiven(t tableID, title string) bool {
	if t == tabPartners && title == g.helixAttr && g.helixAttr != "" {
		return g.given[partnerHelix]
	}
	cols := partnerAttrs
	if t == tabTies {
		cols = tieAttrs
	}
	if a, ok := periodAliases[title]; ok {
		title = a
	}
	col, ok := cols[title]
	return ok && g.given[col]
}
