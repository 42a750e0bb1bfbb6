package importers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
)

// The namespaces of the graph documents ecoscope reads: GraphML's, and
// those of GEXF 1.1 to 1.3 (Gephi, NetworkX, igraph, sigma.js). A document
// without a namespace is read too.
const (
	graphMLNamespace = "http://graphml.graphdrawing.org/xmlns"
	gexf11Namespace  = "http://www.gexf.net/1.1draft"
	gexf12Namespace  = "http://www.gexf.net/1.2draft"
	gexf13Namespace  = "http://gexf.net/1.3"
	gexf13WWW        = "http://www.gexf.net/1.3"
)

// MaxValueSize is the length of the longest attribute value or data text
// ecoscope reads from a GraphML or GEXF document: 1 MB, far above any
// name or note, so that one value cannot take the memory of a data set.
const MaxValueSize = 1 << 20

// maxValueSize is MaxValueSize, a variable for the tests.
var maxValueSize = MaxValueSize

// countsProgress are the formats whose readers tell Options.Progress how
// far they are; ReadOptions shows a spinner while the others read.
var countsProgress = map[string]bool{"graphml": true, "gexf": true}

func init() {
	for _, x := range []struct {
		name, ext, root, about string
		read                   func(*graphReader)
	}{
		{"graphml", ".graphml", "<graphml", "GraphML (ecoscope's export, Gephi, NetworkX, igraph, yEd)", (*graphReader).readGraphML},
		{"gexf", ".gexf", "<gexf", "GEXF 1.1 to 1.3 (ecoscope's export, Gephi, NetworkX, igraph)", (*graphReader).readGEXF},
	} {
		register(format{name: x.name, about: x.about, priority: 50,
			match: func(path string, dir bool, head []byte) bool {
				ext := filepath.Ext(path)
				return !dir && (strings.EqualFold(ext, x.ext) ||
					strings.EqualFold(ext, ".xml") && strings.Contains(string(head), x.root))
			},
			read: func(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
				return readGraphFile(path, opts, x.read)
			}})
	}
}

// readGraphFile reads the GraphML or GEXF file at path with read.
func readGraphFile(path string, opts Options, read func(*graphReader)) (*graph.Ecosystem, graph.Problems, error) {
	text, err := readFile(path)
	switch {
	case errors.Is(err, ErrTooLarge):
		d := newDecoder(path)
		d.fatalf(0, "", "cannot read the file: %v", err)
		return finish(&graph.Ecosystem{}, path, &d.problems, true, opts.Known)
	case err != nil:
		return nil, nil, fmt.Errorf("read data set %s: %w", path, err)
	}
	return readGraphText(text, path, opts, read)
}

// ReadGraphML reads a data set from a GraphML document: ecoscope's own
// export (docs/export.md), which reads back exactly, or another tool's
// (Gephi, NetworkX, igraph, yEd; docs/input.md). A partner per node, its
// id the node's id and its fields the node data named name (or label, or
// yEd's node label), helix (or the helix attribute: see
// Options.HelixAttr), sector, kind, region, since and until (or start and
// end); a tie per edge whose data "ties" is "explicit" (or absent), with
// the data type, weight, directed, since, until and tie_id, directed when
// the graph's edgedefault is. Co-membership edges (ties="units") and the
// node metrics of ecoscope's exports are not read: they follow from the
// data and are computed again. Values are parsed as in a CSV file
// (vocabulary synonyms, dates with their precision), problems are placed
// on the line of their node or edge, and the data set is validated like
// every other. A document larger than MaxFileSize, a value longer than
// MaxValueSize, or a document with a DOCTYPE is refused. See Read for what
// it returns.
func ReadGraphML(r io.Reader, name string) (*graph.Ecosystem, graph.Problems, error) {
	return readGraphReader(r, name, Options{}, (*graphReader).readGraphML)
}

// ReadGEXF reads a data set from a GEXF document (1.1 to 1.3): as
// ReadGraphML, the node and edge attributes being attvalues, the
// partner's name the node's label, and since and until the start and end
// of a node or edge, or of its spells (the earliest start, the latest
// end), when it has no attribute since or until. Edges are directed when
// the graph's defaultedgetype or the edge's type is "directed".
func ReadGEXF(r io.Reader, name string) (*graph.Ecosystem, graph.Problems, error) {
	return readGraphReader(r, name, Options{}, (*graphReader).readGEXF)
}

func readGraphReader(r io.Reader, name string, opts Options, read func(*graphReader)) (*graph.Ecosystem, graph.Problems, error) {
	text, err := readAllBounded(r, name)
	if err != nil {
		return nil, nil, err
	}
	if text == nil {
		return tooLarge(name, nil)
	}
	return readGraphText(*text, name, opts, read)
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
func readGraphText(text, name string, opts Options, read func(*graphReader)) (*graph.Ecosystem, graph.Problems, error) {
	e := &graph.Ecosystem{}
	g := &graphReader{decoder: newDecoder(name), e: e, opts: opts, unmapped: map[string]*unmappedValue{}}
	text = strings.TrimPrefix(text, "\uFEFF")
	g.x = xml.NewDecoder(strings.NewReader(text))
	g.x.Strict = true
	if p := opts.Progress; p != nil {
		p.Start("reading "+filepath.Base(name), int64(len(text)))
		defer p.Done()
	}
	read(g)
	if p := opts.Progress; p != nil {
		p.Add(int64(len(text)) - g.read) // the rest, read or not
	}
	if !g.fatal {
		g.reportUnmapped()
		g.reportNotRead()
	}
	if e.Name == "" {
		e.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	return finish(e, name, &g.problems, g.fatal, opts.Known)
}

// graphReader reads a GraphML or GEXF document into a data set.
type graphReader struct {
	*decoder
	x     *xml.Decoder
	e     *graph.Ecosystem
	opts  Options
	cells [8]string // of the record being read
	given [8]bool   // the cells given, to report one given twice
	// helixAttr is the node attribute read as the helix type ("" for
	// none), chosen when the attributes are declared (see chooseHelix).
	helixAttr string
	// directed: the graph's edges are directed unless they say otherwise.
	directed bool
	// unmapped counts the helix values that are neither mapped nor
	// helix types; notRead lists the attributes not read, once each.
	unmapped     map[string]*unmappedValue
	unmappedMore int
	notRead      []notReadAttr
	// read is the input offset last told to opts.Progress.
	read int64
}

type unmappedValue struct {
	value string
	nodes int
	line  int // of the first
}

type notReadAttr struct {
	t    tableID
	name string
	line int
}

// errStop ends the reading of a document after a fatal problem.
var errStop = errors.New("stop")

// line returns the line the decoder has reached.
func (g *graphReader) line() int {
	line, _ := g.x.InputPos()
	return line
}

// progress tells opts.Progress how far the reading is.
func (g *graphReader) progress() {
	if g.opts.Progress == nil {
		return
	}
	off := g.x.InputOffset()
	g.opts.Progress.Add(off - g.read)
	g.read = off
}

// token returns the next token; a syntax error (or the end of the
// document, when more was expected), a DOCTYPE or a value longer than
// maxValueSize is fatal.
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
	return t, g.check(t)
}

// check refuses a DOCTYPE (whose entities could expand beyond any bound
// or name other files; encoding/xml does not expand them, but a document
// that relies on them cannot be read right) and an element with an
// attribute value longer than maxValueSize.
func (g *graphReader) check(t xml.Token) error {
	switch t := t.(type) {
	case xml.Directive:
		g.fatalf(g.line(), "", "the document has a <!%s>: ecoscope reads no DTD or entities (they can expand beyond any bound or read other files); remove it",
			printable(strings.ToUpper(strings.Join(strings.Fields(string(t[:min(len(t), 7)])), " "))))
		return errStop
	case xml.StartElement:
		for _, a := range t.Attr {
			if len(a.Value) > maxValueSize {
				return g.tooLong(a.Name.Local)
			}
		}
	}
	return nil
}

func (g *graphReader) tooLong(what string) error {
	g.fatalf(g.line(), "", "the value of %s holds more than the %s ecoscope reads from one value", printable(what), size(int64(maxValueSize)))
	return errStop
}

// syntaxError reports err, an error of the XML decoder, as fatal.
func (g *graphReader) syntaxError(err error) {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		// The message may quote the input: no control character.
		msg := strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return '\uFFFD'
			}
			return r
		}, strings.TrimPrefix(se.Msg, "xml: "))
		// ... and may quote much of it (a name of thousands of bytes):
		// cut it as graph.Quote cuts a value.
		if n := utf8.RuneCountInString(msg); n > 2*graph.MaxQuoted {
			msg = string([]rune(msg)[:2*graph.MaxQuoted]) + "…"
		}
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
// one of spaces (or none), and returns it.
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
		if err := g.check(t); err != nil {
			return xml.StartElement{}, err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != local {
			g.fatalf(g.line(), "", "the document is <%s>, not <%s>", printable(se.Name.Local), local)
			return se, errStop
		}
		if se.Name.Space == "" {
			return se, nil
		}
		for _, s := range spaces {
			if se.Name.Space == s {
				return se, nil
			}
		}
		g.fatalf(g.line(), "", "<%s> in namespace %s; ecoscope reads the namespace %s",
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

// children calls f with each child element of the element just started,
// up to its end, skipping text and comments; f must read the child to its
// end (g.skip, if it has no use for it).
func (g *graphReader) children(f func(t xml.StartElement) error) error {
	for {
		t, err := g.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		}
	}
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
			if b.Len()+len(t) > maxValueSize {
				return "", false, g.tooLong("an element")
			}
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

// yedLabel reads the element just started, yEd's graphics of a node, up
// to its end, and returns the text of its first NodeLabel.
func (g *graphReader) yedLabel() (string, error) {
	var b strings.Builder
	depth, in, done := 0, 0, false
	for {
		t, err := g.token()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "NodeLabel" && in == 0 && !done {
				in = depth
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			if depth == in {
				in, done = 0, true
			}
			depth--
		case xml.CharData:
			if in > 0 && b.Len()+len(t) <= maxValueSize {
				b.Write(t)
			}
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
	// periodAliases are the names other tools give since and until.
	periodAliases = map[string]string{
		"start": "since", "end": "until", "start_date": "since", "end_date": "until",
		"startdate": "since", "enddate": "until", "begin": "since", "from_date": "since", "to_date": "until",
	}
	// helixAttrs are the node attributes read as the helix type when
	// Options.HelixAttr does not name one: the first present.
	helixAttrs = []string{"helix", "type", "category"}
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

// chooseHelix chooses the node attribute read as the helix type among
// names, the node attributes the document declares: Options.HelixAttr,
// else the attribute of Options.Map, else the first of helixAttrs
// present. A HelixAttr the document does not declare is fatal.
func (g *graphReader) chooseHelix(names []string) error {
	find := func(want string) (string, bool) {
		for _, n := range names {
			if strings.EqualFold(trim(n), want) {
				return n, true
			}
		}
		return "", false
	}
	if want := g.opts.HelixAttr; want != "" {
		n, ok := find(want)
		if !ok {
			g.fatalf(g.line(), "", "no node attribute %s (--helix-attr); the node attributes are %s",
				graph.Quote(want), quoteList(names))
			return errStop
		}
		g.helixAttr = n
		return nil
	}
	if want := g.opts.Map.Attr; want != "" {
		if n, ok := find(want); ok {
			g.helixAttr = n
			return nil
		}
	}
	for _, want := range helixAttrs {
		if n, ok := find(want); ok {
			g.helixAttr = n
			return nil
		}
	}
	g.helixAttr = ""
	return nil
}

func quoteList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = graph.Quote(n)
	}
	return joinShort(q, ", ")
}

// begin starts a record of table t on the current line.
func (g *graphReader) begin() error {
	if g.records >= maxRecords {
		g.fatalf(g.line(), "", "the document holds more than the %d records ecoscope reads from one data set", maxRecords)
		return errStop
	}
	if g.records%1024 == 0 {
		g.progress()
	}
	g.pos.Line = g.line()
	clear(g.cells[:])
	clear(g.given[:])
	return nil
}

// set sets the cell of attribute name of the record of table t, or
// notes that it is not read.
func (g *graphReader) set(t tableID, name, value string) {
	if t == tabPartners && g.helixAttr != "" && name == g.helixAttr {
		g.setCell(t, partnerHelix, g.helix(value))
		return
	}
	cols := partnerAttrs
	if t == tabTies {
		cols = tieAttrs
	}
	key := name
	if a, ok := periodAliases[strings.ToLower(name)]; ok {
		key = a
	}
	col, ok := cols[key]
	if !ok || t == tabPartners && col == partnerHelix {
		if t == tabPartners && computedAttrs[name] {
			return
		}
		g.noteNotRead(t, name)
		return
	}
	if col == partnerSince && t == tabPartners || col == partnerUntil && t == tabPartners ||
		col == tieSince && t == tabTies || col == tieUntil && t == tabTies {
		value = dateValue(value)
	}
	g.setCell(t, col, value)
}

func (g *graphReader) setCell(t tableID, col int, value string) {
	if g.given[col] {
		g.errorf(tables[t].columns[col], "given twice; the second is ignored")
		return
	}
	g.given[col] = true
	g.cells[col] = trim(value)
}

// noteNotRead notes once that attribute name of t's elements is not read.
func (g *graphReader) noteNotRead(t tableID, name string) {
	for _, a := range g.notRead {
		if a.t == t && a.name == name {
			return
		}
	}
	if len(g.notRead) < 100 {
		g.notRead = append(g.notRead, notReadAttr{t, name, g.pos.Line})
	}
}

// reportNotRead reports the attributes not read in one notice.
func (g *graphReader) reportNotRead() {
	if len(g.notRead) == 0 {
		return
	}
	var nodes, edges []string
	for _, a := range g.notRead {
		if a.t == tabTies {
			edges = append(edges, a.name)
		} else {
			nodes = append(nodes, a.name)
		}
	}
	var parts []string
	if len(nodes) > 0 {
		parts = append(parts, "node "+quoteList(nodes))
	}
	if len(edges) > 0 {
		parts = append(parts, "edge "+quoteList(edges))
	}
	helix := "helix"
	if g.helixAttr != "" {
		helix = "the helix type from " + graph.Quote(g.helixAttr)
	}
	g.problems.Addf(graph.Problem{Pos: graph.Pos{File: g.pos.File, Line: g.notRead[0].line}, Notice: true},
		"attributes not read: %s (ecoscope reads name or label, %s, sector, kind, region, since, until of a node; type, weight, directed, since, until, tie_id of an edge)",
		strings.Join(parts, "; "), helix)
}

// helix returns the helix type value names for the cell: through
// Options.Map first, then the vocabulary's synonyms. A value neither
// knows is counted for reportUnmapped, and read as unknown.
func (g *graphReader) helix(value string) string {
	v := trim(value)
	if v == "" {
		return ""
	}
	if a := g.opts.Map.Attr; a == "" || strings.EqualFold(a, g.helixAttr) {
		if h, ok := g.opts.Map.Helix(v); ok {
			return string(h)
		}
	}
	if h, err := g.helices.get(v); err == nil {
		return string(h)
	}
	u := g.unmapped[v]
	if u == nil {
		if len(g.unmapped) >= maxMemo {
			g.unmappedMore++
			return ""
		}
		u = &unmappedValue{value: strings.Clone(v), line: g.pos.Line}
		g.unmapped[u.value] = u
	}
	u.nodes++
	return ""
}

// maxUnmappedShown is how many unmapped values the error names.
const maxUnmappedShown = 12

// reportUnmapped reports the helix values that are not helix types in one
// error: each with its count of nodes and the nearest helix type, and the
// --map option that maps them.
func (g *graphReader) reportUnmapped() {
	if len(g.unmapped) == 0 {
		return
	}
	us := make([]*unmappedValue, 0, len(g.unmapped))
	for _, u := range g.unmapped {
		us = append(us, u)
	}
	slices.SortFunc(us, func(a, b *unmappedValue) int {
		if a.nodes != b.nodes {
			return b.nodes - a.nodes
		}
		if a.line != b.line {
			return a.line - b.line
		}
		return strings.Compare(a.value, b.value) // one line: the order of the map
	})
	first := us[0].line
	for _, u := range us {
		first = min(first, u.line)
	}
	var list, pairs []string
	for i, u := range us {
		if i == maxUnmappedShown {
			list = append(list, fmt.Sprintf("and %d more", len(us)-i+g.unmappedMore))
			break
		}
		near := ""
		if _, err := graph.ParseHelix(u.value); err != nil {
			var ve *graph.VocabularyError
			if errors.As(err, &ve) {
				near = ve.Nearest()
			}
		}
		what := fmt.Sprintf("%s (%d %s", graph.Quote(u.value), u.nodes, plural(u.nodes, "node", "nodes"))
		h := near
		if near != "" && near != string(graph.HelixUnknown) {
			what += ", nearest " + near
		} else {
			h = "HELIX"
		}
		list = append(list, what+")")
		if !strings.ContainsAny(u.value, ",:=\"\n") {
			pairs = append(pairs, u.value+":"+h)
		}
	}
	fix := ""
	if q, ok := shellQuote(g.helixAttr + "=" + strings.Join(pairs, ",")); ok && len(pairs) > 0 {
		fix = fmt.Sprintf("; map %s with --map %s", plural(len(pairs), "it", "them"), q)
		if strings.Contains(fix, "HELIX") {
			fix += " (HELIX: one of academia, industry, government, civil_society, environment)"
		}
	}
	g.problems.Addf(graph.Problem{Pos: graph.Pos{File: g.pos.File, Line: first}, Field: "helix"},
		"%d %s of node attribute %s %s: %s%s",
		len(us)+g.unmappedMore, plural(len(us)+g.unmappedMore, "value", "values"), graph.Quote(g.helixAttr),
		plural(len(us)+g.unmappedMore, "is not a helix type", "are not helix types"), strings.Join(list, ", "), fix)
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// shellQuote quotes s for a shell command line when it needs it. It
// returns false for a value a user cannot type as it stands (not UTF-8,
// or a control or other non-printing character), for which a message
// should suggest no command line.
func shellQuote(s string) (string, bool) {
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return "", false
	}
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("=:,_-./", r))
	}) < 0 {
		return s, true
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'", true
}

// dateValue returns a since or until as other tools write it in the form
// ParseDate reads: a year as a number (Gephi's timeformat="double":
// 2019.0) as 2019, a date-time (2019-03-01T00:00:00) as its date.
func dateValue(s string) string {
	s = trim(s)
	if i := strings.IndexByte(s, 'T'); i == 10 {
		s = s[:i]
	}
	if y, ok := strings.CutSuffix(s, ".0"); ok && len(y) == 4 {
		s = y
	}
	return s
}

func element(t tableID) string {
	if t == tabTies {
		return "edge"
	}
	return "node"
}

// graphMLKey is a <key> of a GraphML document.
type graphMLKey struct {
	domain, name string
	yfiles       string // yEd's yfiles.type: nodegraphics holds the label
	def          string // the <default>
	hasDef       bool
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
				if _, dup := keys[id]; dup {
					g.fatalf(g.line(), "", "key %s is declared twice", graph.Quote(id))
					return
				}
				k, err := g.graphMLKey(t)
				if err != nil {
					return
				}
				keys[id] = k
			case "graph":
				if graphs++; graphs > 1 {
					g.fatalf(g.line(), "", "a second <graph>; ecoscope reads one graph per document")
					return
				}
				if dir, _ := attr(t, "edgedefault"); dir == "directed" {
					g.directed = true
				}
				var names []string
				for _, k := range keys {
					if (k.domain == "node" || k.domain == "all") && k.name != "" {
						names = append(names, k.name)
					}
				}
				slices.Sort(names)
				if g.chooseHelix(names) != nil {
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

// graphMLKey reads the <key> element se, just started.
func (g *graphReader) graphMLKey(se xml.StartElement) (graphMLKey, error) {
	var k graphMLKey
	k.domain, _ = attr(se, "for")
	k.name, _ = attr(se, "attr.name")
	k.yfiles, _ = attr(se, "yfiles.type")
	err := g.children(func(t xml.StartElement) error {
		if t.Name.Local != "default" {
			return g.skip()
		}
		v, plain, err := g.text()
		k.def, k.hasDef = v, plain
		return err
	})
	return k, err
}

// graphMLGraph reads the <graph> element just started.
func (g *graphReader) graphMLGraph(keys map[string]graphMLKey) error {
	// The keys with a default, for nodes and for edges.
	var defaults [2][]string
	for id, k := range keys {
		if k.hasDef && k.name != "" {
			if k.domain == "node" || k.domain == "all" {
				defaults[0] = append(defaults[0], id)
			}
			if k.domain == "edge" || k.domain == "all" {
				defaults[1] = append(defaults[1], id)
			}
		}
	}
	slices.Sort(defaults[0])
	slices.Sort(defaults[1])
	return g.children(func(t xml.StartElement) error {
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
			return nil
		case "node":
			return g.graphMLElement(tabPartners, t, keys, defaults[0])
		case "edge":
			return g.graphMLElement(tabTies, t, keys, defaults[1])
		case "hyperedge":
			g.fatalf(g.line(), "", "a <hyperedge>: ecoscope reads ties between two partners only")
			return errStop
		}
		return g.skip()
	})
}

// graphMLElement reads the <node> or <edge> element se, just started, as
// a record of table t; defaults are the keys with a default value.
func (g *graphReader) graphMLElement(t tableID, se xml.StartElement, keys map[string]graphMLKey, defaults []string) error {
	if err := g.begin(); err != nil {
		return err
	}
	label, yed, units := "", "", false
	if t == tabPartners {
		g.cells[partnerID], _ = attr(se, "id")
		g.cells[partnerID] = trim(g.cells[partnerID])
	} else {
		g.cells[tieSource], _ = attr(se, "source")
		g.cells[tieTarget], _ = attr(se, "target")
		g.cells[tieSource], g.cells[tieTarget] = trim(g.cells[tieSource]), trim(g.cells[tieTarget])
		if g.directed {
			g.cells[tieDirected] = "true"
		}
		if dir, ok := attr(se, "directed"); ok {
			g.cells[tieDirected] = dir
		}
	}
	var seen []string // the keys given, when some have a default
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
			for _, id := range defaults {
				if !slices.Contains(seen, id) {
					g.graphMLData(t, keys[id], keys[id].def, &label, &units)
				}
			}
			if t == tabPartners && !g.given[partnerName] {
				if label == "" {
					label = yed
				}
				g.cells[partnerName] = trim(label)
			}
			g.add(g.e, t, g.cells[:len(tables[t].columns)])
			return nil
		case xml.StartElement:
			switch tok.Name.Local {
			case "data":
				id, _ := attr(tok, "key")
				k, ok := keys[id]
				if len(defaults) > 0 {
					seen = append(seen, id)
				}
				if ok && t == tabPartners && k.yfiles == "nodegraphics" {
					if yed, err = g.yedLabel(); err != nil {
						return err
					}
					continue
				}
				v, plain, err := g.text()
				if err != nil {
					return err
				}
				switch {
				case !ok:
					g.errorf("", "data for key %s, which is not declared", graph.Quote(id))
				case k.name == "" || !plain:
					// yEd's graphics and other keys without a name
				default:
					g.graphMLData(t, k, v, &label, &units)
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

// graphMLData reads the value v of key k for a record of table t.
func (g *graphReader) graphMLData(t tableID, k graphMLKey, v string, label *string, units *bool) {
	switch {
	case t == tabPartners && k.name == "label" && k.name != g.helixAttr:
		*label = v
	case t == tabTies && k.name == "ties":
		switch trim(v) {
		case "units":
			*units = true
		case "explicit", "":
		default:
			g.errorf("ties", "%s is not explicit or units", graph.Quote(v))
		}
	default:
		g.set(t, k.name, v)
	}
}

// printable returns s for a message.
func printable(s string) string {
	return strings.Trim(graph.Quote(s), `"`)
}
