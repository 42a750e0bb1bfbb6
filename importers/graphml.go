package importers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// The namespaces of the graph documents ecoscope reads back: its own
// exports (exporters.WriteGraphML and WriteGEXF). Reading the GraphML and
// GEXF of other tools in general is issue 13.
const (
	graphMLNamespace = "http://graphml.graphdrawing.org/xmlns"
	gexf12Namespace  = "http://www.gexf.net/1.2draft"
	gexf13Namespace  = "http://gexf.net/1.3"
)

// ReadGraphML reads a data set from a GraphML document as ecoscope's
// GraphML export writes it (docs/export.md): a partner per node, its id
// the node's id and its fields the node data named name, helix, sector,
// kind, region, since and until; a tie per edge whose data "ties" is
// "explicit" (or absent), with the data type, weight, directed, since,
// until and tie_id. Co-membership edges (ties="units") and the node
// metrics are not read: they follow from the data and are computed again.
// Values are parsed as in a CSV file (vocabulary synonyms, dates with
// their precision), problems are placed on the line of their node or edge,
// and the data set is validated like every other. A document larger than
// MaxFileSize is refused. See Read for what it returns.
func ReadGraphML(r io.Reader, name string) (*graph.Ecosystem, graph.Problems, error) {
	text, err := readAllBounded(r, name)
	if err != nil {
		return nil, nil, err
	}
	if text == nil {
		return tooLarge(name, nil)
	}
	return readGraphText(*text, name, nil, (*graphReader).readGraphML)
}

// ReadGEXF reads a data set from a GEXF document as ecoscope's GEXF
// export writes it: as ReadGraphML, the node and edge attributes being
// attvalues and the partner's name the node's label. Spells and viz
// elements are not read (since and until are attributes too).
func ReadGEXF(r io.Reader, name string) (*graph.Ecosystem, graph.Problems, error) {
	text, err := readAllBounded(r, name)
	if err != nil {
		return nil, nil, err
	}
	if text == nil {
		return tooLarge(name, nil)
	}
	return readGraphText(*text, name, nil, (*graphReader).readGEXF)
}

// readAllBounded reads r up to maxFileSize; a nil text means it is larger.
func readAllBounded(r io.Reader, name string) (*string, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, io.LimitReader(r, maxFileSize+1)); err != nil {
		return nil, fmt.Errorf("read data set %s: %w", name, err)
	}
	if int64(b.Len()) > maxFileSize {
		return nil, nil
	}
	s := b.String()
	return &s, nil
}

func tooLarge(name string, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	d := newDecoder(name)
	d.fatalf(0, "", "the document holds more than the %s ecoscope reads from one file", size(maxFileSize))
	return finish(&graph.Ecosystem{}, name, &d.problems, true, known)
}

// readGraphText reads the document text with read (readGraphML or
// readGEXF) and validates what it read.
func readGraphText(text, name string, known *graph.Known, read func(*graphReader)) (*graph.Ecosystem, graph.Problems, error) {
	e := &graph.Ecosystem{}
	g := &graphReader{decoder: newDecoder(name), e: e, warned: map[string]bool{}}
	text = strings.TrimPrefix(text, "\uFEFF")
	g.x = xml.NewDecoder(strings.NewReader(text))
	g.x.Strict = true
	read(g)
	if e.Name == "" {
		e.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	return finish(e, name, &g.problems, g.fatal, known)
}

// graphReader reads a GraphML or GEXF document into a data set.
type graphReader struct {
	*decoder
	x      *xml.Decoder
	e      *graph.Ecosystem
	warned map[string]bool // attributes already reported as not read
	cells  [8]string       // of the record being read
	given  [8]bool         // the cells given, to report one given twice
}

// errStop ends the reading of a document after a fatal problem.
var errStop = errors.New("stop")

// line returns the line the decoder has reached.
func (g *graphReader) line() int {
	line, _ := g.x.InputPos()
	return line
}

// token returns the next token; a syntax error (or the end of the
// document, when more was expected) is fatal.
func (g *graphReader) token() (xml.Token, error) {
	t, err := g.x.Token()
	if err == io.EOF {
		g.fatalf(g.line(), "", "the document ends before its elements are closed")
		return nil, errStop
	}
	if err != nil {
		g.syntaxError(err)
		return nil, errStop
	}
	return t, nil
}

// syntaxError reports err, an error of the XML decoder, as fatal.
func (g *graphReader) syntaxError(err error) {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := strings.TrimPrefix(se.Msg, "xml: ")
		if msg == "unexpected EOF" {
			g.fatalf(se.Line, "", "the document ends before its elements are closed")
			return
		}
		if strings.Contains(msg, "invalid UTF-8") {
			msg += "; re-save the file as UTF-8"
		}
		g.fatalf(se.Line, "", "not well-formed XML: %s", msg)
		return
	}
	g.fatalf(g.line(), "", "cannot read the XML: %s", strings.TrimPrefix(err.Error(), "xml: "))
}

// root reads up to the root element, which must be local in namespace
// one of spaces, and returns it.
func (g *graphReader) root(local string, spaces ...string) (xml.StartElement, error) {
	for {
		t, err := g.x.Token()
		if err == io.EOF {
			g.fatalf(g.line(), "", "empty document; want a <%s> element", local)
			return xml.StartElement{}, errStop
		}
		if err != nil {
			g.syntaxError(err)
			return xml.StartElement{}, errStop
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != local {
			g.fatalf(g.line(), "", "the document is <%s>, not <%s>", printable(se.Name.Local), local)
			return se, errStop
		}
		for _, s := range spaces {
			if se.Name.Space == s {
				return se, nil
			}
		}
		g.fatalf(g.line(), "", "<%s> in namespace %s; ecoscope reads its own exports, in namespace %s",
			local, graph.Quote(se.Name.Space), strings.Join(spaces, " or "))
		return se, errStop
	}
}

// skip skips the rest of the element just started.
func (g *graphReader) skip() error {
	if err := g.x.Skip(); err != nil {
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			g.fatalf(g.line(), "", "the document ends before its elements are closed")
		} else {
			g.syntaxError(err)
		}
		return errStop
	}
	return nil
}

// text reads the text of the element just started, up to its end; an
// element within it is skipped (yEd's graphics, say), and reported by
// ok false.
func (g *graphReader) text() (s string, ok bool, err error) {
	var b strings.Builder
	ok = true
	for {
		t, err := g.token()
		if err != nil {
			return "", false, err
		}
		switch t := t.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			ok = false
			if err := g.skip(); err != nil {
				return "", false, err
			}
		case xml.EndElement:
			return b.String(), ok, nil
		}
	}
}

// attr returns the attribute local of se (without a namespace).
func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// The record being read, and the column each attribute name gives.
var (
	partnerAttrs = map[string]int{
		"name": partnerName, "helix": partnerHelix, "sector": partnerSector, "kind": partnerKind,
		"region": partnerRegion, "since": partnerSince, "until": partnerUntil,
	}
	tieAttrs = map[string]int{
		"type": tieType, "weight": tieWeight, "directed": tieDirected,
		"since": tieSince, "until": tieUntil, "tie_id": tieID,
	}
	// computedAttrs are the node attributes the exports write that are not
	// read: they follow from the data (the metrics, the columns of
	// analysis.NodeColumns, and the units of a partner) or repeat another
	// (the label, the helix colour). importers cannot import analysis,
	// whose tests import importers; a test checks the list.
	computedAttrs = func() map[string]bool {
		m := map[string]bool{}
		for _, c := range strings.Fields(`label units color id
			degree strength betweenness closeness eigenvector pagerank clustering core community
			constraint effective_size ego_diversity ei_index coordinator itinerant gatekeeper
			representative liaison in_degree out_degree`) {
			m[c] = true
		}
		return m
	}()
)

// begin starts a record of table t on the current line.
func (g *graphReader) begin() error {
	if g.records >= maxRecords {
		g.fatalf(g.line(), "", "the document holds more than the %d records ecoscope reads from one data set", maxRecords)
		return errStop
	}
	g.pos.Line = g.line()
	clear(g.cells[:])
	clear(g.given[:])
	return nil
}

// set sets the cell of attribute name of the record of table t, or
// reports that it is not read.
func (g *graphReader) set(t tableID, name, value string) {
	cols := partnerAttrs
	if t == tabTies {
		cols = tieAttrs
	}
	col, ok := cols[name]
	if !ok {
		if t == tabPartners && computedAttrs[name] {
			return
		}
		if key := tables[t].name + "\x00" + name; !g.warned[key] {
			g.warned[key] = true
			g.warnf("", "attribute %s of a %s is not read (ecoscope reads %s)", graph.Quote(name), element(t), readAttrs(cols))
		}
		return
	}
	if g.given[col] {
		g.errorf(tables[t].columns[col], "given twice; the second is ignored")
		return
	}
	g.given[col] = true
	g.cells[col] = trim(value)
}

func element(t tableID) string {
	if t == tabTies {
		return "edge"
	}
	return "node"
}

func readAttrs(cols map[string]int) string {
	names := make([]string, 0, len(cols))
	for n := range cols {
		names = append(names, n)
	}
	// In the order of the columns, for a stable message.
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && cols[names[j]] < cols[names[j-1]]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return strings.Join(names, ", ")
}

// graphMLKey is a <key> of a GraphML document.
type graphMLKey struct {
	domain, name string
}

// readGraphML reads a GraphML document.
func (g *graphReader) readGraphML() {
	if _, err := g.root("graphml", graphMLNamespace); err != nil {
		return
	}
	keys := map[string]graphMLKey{}
	graphs := 0
	for {
		t, err := g.token()
		if err != nil {
			return
		}
		switch t := t.(type) {
		case xml.EndElement:
			return // </graphml>
		case xml.StartElement:
			switch t.Name.Local {
			case "key":
				id, _ := attr(t, "id")
				domain, _ := attr(t, "for")
				name, _ := attr(t, "attr.name")
				if _, dup := keys[id]; dup {
					g.fatalf(g.line(), "", "key %s is declared twice", graph.Quote(id))
					return
				}
				keys[id] = graphMLKey{domain, name}
				if g.skip() != nil {
					return
				}
			case "graph":
				if graphs++; graphs > 1 {
					g.fatalf(g.line(), "", "a second <graph>; ecoscope reads one graph per document")
					return
				}
				if g.graphMLGraph(keys) != nil {
					return
				}
			default:
				if g.skip() != nil {
					return
				}
			}
		}
	}
}

// graphMLGraph reads the <graph> element just started.
func (g *graphReader) graphMLGraph(keys map[string]graphMLKey) error {
	for {
		t, err := g.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch t.Name.Local {
			case "data":
				k, _ := attr(t, "key")
				v, _, err := g.text()
				if err != nil {
					return err
				}
				if keys[k].name == "name" {
					g.e.Name = trim(v)
				}
			case "node":
				if err := g.graphMLElement(tabPartners, t, keys); err != nil {
					return err
				}
			case "edge":
				if err := g.graphMLElement(tabTies, t, keys); err != nil {
					return err
				}
			case "hyperedge":
				g.fatalf(g.line(), "", "a <hyperedge>: ecoscope reads ties between two partners only")
				return errStop
			default:
				if err := g.skip(); err != nil {
					return err
				}
			}
		}
	}
}

// graphMLElement reads the <node> or <edge> element se, just started, as
// a record of table t.
func (g *graphReader) graphMLElement(t tableID, se xml.StartElement, keys map[string]graphMLKey) error {
	if err := g.begin(); err != nil {
		return err
	}
	label, units := "", false
	if t == tabPartners {
		g.cells[partnerID], _ = attr(se, "id")
		g.cells[partnerID] = trim(g.cells[partnerID])
	} else {
		g.cells[tieSource], _ = attr(se, "source")
		g.cells[tieTarget], _ = attr(se, "target")
		g.cells[tieSource], g.cells[tieTarget] = trim(g.cells[tieSource]), trim(g.cells[tieTarget])
		if dir, ok := attr(se, "directed"); ok {
			g.cells[tieDirected] = dir
		}
	}
	for {
		tok, err := g.token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			if units {
				return nil // a co-membership edge: it follows from the units
			}
			if t == tabPartners && !g.given[partnerName] {
				g.cells[partnerName] = trim(label)
			}
			g.add(g.e, t, g.cells[:len(tables[t].columns)])
			return nil
		case xml.StartElement:
			switch tok.Name.Local {
			case "data":
				id, _ := attr(tok, "key")
				k, ok := keys[id]
				v, plain, err := g.text()
				if err != nil {
					return err
				}
				switch {
				case !ok:
					g.errorf("", "data for key %s, which is not declared", graph.Quote(id))
				case k.name == "" || !plain:
					// yEd's graphics and other keys without a name
				case t == tabPartners && k.name == "label":
					label = v
				case t == tabTies && k.name == "ties":
					switch trim(v) {
					case "units":
						units = true
					case "explicit", "":
					default:
						g.errorf("ties", "%s is not explicit or units", graph.Quote(v))
					}
				default:
					g.set(t, k.name, v)
				}
			case "graph":
				g.fatalf(g.line(), "", "a graph nested in a %s; ecoscope reads flat graphs", element(t))
				return errStop
			default:
				if err := g.skip(); err != nil {
					return err
				}
			}
		}
	}
}

// printable returns s for a message.
func printable(s string) string {
	return strings.Trim(graph.Quote(s), `"`)
}
