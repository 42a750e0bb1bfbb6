package importers

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/graph"
)

// Kumu (kumu.io) maps are read from Kumu's Excel export (a workbook with
// the sheets Elements and Connections) and from Kumu's JSON export
// ({"elements": [...], "connections": [...]}); docs/input.md says what is
// read. Both become the same element and connection records, which
// kumuBuild turns into partners and explicit ties.

func init() {
	register(format{name: "kumu", about: "a Kumu map: Kumu's Excel export (sheets Elements and Connections) or its JSON export", priority: 20,
		match: func(path string, dir bool, head []byte) bool {
			return !dir && (isKumuXLSX(path, head) || isKumuJSON(path, head))
		},
		read: readKumu})
}

// readKumu reads a Kumu workbook or JSON export, by its extension.
func readKumu(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return readKumuJSONFile(path, opts)
	}
	return readKumuXLSXFile(path, opts)
}

// kumuRecord is an element or a connection: its attributes by normalised
// name (normalizeHeader: "element type", "strength"), its place and, for
// a connection, its ends.
type kumuRecord struct {
	pos      graph.Pos
	where    string // "Elements row 3", "elements[2] (line 5)": for messages naming another record
	id       string // Kumu's _id (JSON)
	attrs    map[string]string
	from, to string // a connection's ends: labels (Excel) or _ids (JSON)
	// dir is a connection's direction (directed, mutual, undirected).
	dir string
}

func (r *kumuRecord) attr(names ...string) string {
	for _, n := range names {
		if v, ok := r.attrs[n]; ok && v != "" {
			return v
		}
	}
	return ""
}

// kumuFieldNames are the Kumu names of the fields of partners and ties,
// for problem positions.
var kumuFieldNames = map[string]string{
	"name": "label", "helix": "type", "source": "from", "target": "to",
	"weight": "strength", "directed": "direction", "id": "partner id",
}

// kumuBuild turns elements and connections into e: a partner per element
// and an explicit tie per connection. byLabel says the connections name
// their ends by label (Excel) rather than by _id (JSON).
func kumuBuild(d *decoder, e *graph.Ecosystem, elems, conns []kumuRecord, opts Options, byLabel bool) {
	if len(elems) == 0 && !d.fatal {
		d.fatalf(0, "", "the Kumu map has no elements")
		return
	}
	typeAttr := []string{"type", "element type"}
	if a := normalizeHeader(opts.Map.Attr); a != "" && a != "type" && a != "element type" {
		typeAttr = []string{a}
		found := false
		for i := range elems {
			if _, ok := elems[i].attrs[a]; ok {
				found = true
				break
			}
		}
		if !found {
			d.fatalf(0, "", "--map names the attribute %s, which no element has; leave it out to map the element types (--map \"Type=...\")", graph.Quote(opts.Map.Attr))
			return
		}
	}

	// The partners: ids from "Partner ID" (ecoscope's own export) or from
	// the label, unique.
	pc := make([]string, len(tables[tabPartners].columns))
	byKey := map[string][]int{} // label (lower case) or _id → elements
	ids := make([]string, len(elems))
	taken := map[string]bool{}
	type unmapped struct {
		value string
		n     int
		near  string
	}
	var missing []unmapped
	missingAt := map[string]int{}
	var dropped []string
	ownExport := false
	for i := range elems {
		if _, ok := elems[i].attrs["partner id"]; ok {
			ownExport = true
			break
		}
	}
	for i := range elems {
		el := &elems[i]
		d.pos = el.pos
		label := el.attr("label")
		if label == "" {
			d.errorf("name", "element without a label")
			continue
		}
		key := strings.ToLower(label)
		byKey[key] = append(byKey[key], i)
		if el.id != "" && !byLabel {
			byKey["\x00"+el.id] = append(byKey["\x00"+el.id], i)
		}
		id, name := el.attr("partner id"), label
		if id != "" {
			name = strings.TrimSuffix(label, " ("+id+")")
		} else {
			id = uniqueSlug(slug(label, i), taken)
		}
		taken[id] = true
		ids[i] = id
		clear(pc)
		pc[partnerID], pc[partnerName] = id, name
		v := el.attr(typeAttr...)
		if h, ok := opts.Map.Helix(v); ok {
			pc[partnerHelix] = string(h)
		} else if h, err := graph.ParseHelix(v); err == nil {
			pc[partnerHelix] = string(h)
		} else {
			k, ok := missingAt[v]
			if !ok {
				k = len(missing)
				missingAt[v] = k
				near := ""
				if ve, ok := err.(*graph.VocabularyError); ok {
					near = ve.Nearest()
				}
				missing = append(missing, unmapped{value: v, near: near})
			}
			missing[k].n++
		}
		pc[partnerSector] = el.attr("sector")
		pc[partnerKind] = el.attr("kind")
		pc[partnerRegion] = el.attr("region")
		pc[partnerSince] = el.attr("since")
		pc[partnerUntil] = el.attr("until")
		if !ownExport {
			for _, a := range []string{"description", "tags"} {
				if el.attr(a) != "" && !slices.Contains(dropped, a) {
					dropped = append(dropped, a)
				}
			}
		}
		d.add(e, tabPartners, pc)
	}
	d.pos = graph.Pos{File: d.pos.File}
	if len(missing) > 0 {
		var list, fix []string
		for _, m := range missing {
			s := fmt.Sprintf("%s (%d element%s", graph.Quote(m.value), m.n, pluralS(m.n))
			if m.near != "" {
				s += "; nearest: " + m.near
			}
			list = append(list, s+")")
			h := m.near
			if h == "" {
				h = "unknown"
			}
			fix = append(fix, m.value+":"+h)
		}
		attr := "Type"
		if opts.Map.Attr != "" {
			attr = opts.Map.Attr
		}
		fix = append(fix, opts.Map.pairs()...)
		d.problems.Add(graph.Problem{Pos: d.pos, Message: fmt.Sprintf(
			"%d element type%s without a helix type: %s; map them to academia, industry, government, civil_society, environment or unknown with --map %q (or mapping: in ecoscope.yaml)",
			len(missing), pluralS(len(missing)), strings.Join(list, ", "), attr+"="+strings.Join(fix, ","))})
	}
	if len(dropped) > 0 {
		d.problems.Add(graph.Problem{Pos: d.pos, Notice: true, Message: fmt.Sprintf(
			"the %s of elements %s not read: a partner has no place for %s", strings.Join(dropped, " and "), isAre(len(dropped)), itThem(len(dropped)))})
	}

	// The ties.
	tc := make([]string, len(tables[tabTies].columns))
	derived := 0
	end := func(field, ref string) string {
		if ref == "" {
			return ""
		}
		is := byKey[strings.ToLower(ref)]
		if !byLabel {
			if js := byKey["\x00"+ref]; len(js) > 0 {
				is = js
			}
		}
		switch {
		case len(is) == 1:
			return ids[is[0]]
		case len(is) > 1:
			var where []string
			for _, k := range is {
				where = append(where, elems[k].where)
			}
			d.errorf(field, "%s is ambiguous: %d elements are labelled so (%s); give them distinct labels", graph.Quote(ref), len(is), strings.Join(where, ", "))
			return ""
		}
		what := "no element is labelled"
		if !byLabel {
			what = "no element has the _id or label"
		}
		msg := fmt.Sprintf("%s %s", what, graph.Quote(ref))
		if byLabel {
			var labels []string
			for i := range elems {
				labels = append(labels, elems[i].attr("label"))
			}
			if near := graph.Closest(ref, labels, 1); len(near) == 1 && graph.IsNear(ref, near[0]) {
				msg += fmt.Sprintf("; did you mean %s?", graph.Quote(near[0]))
			}
		}
		d.errorf(field, "%s", msg)
		return ""
	}
	for i := range conns {
		c := &conns[i]
		d.pos = c.pos
		if src := c.attr("tie source"); src != "" && !strings.EqualFold(src, "explicit") {
			derived++ // ecoscope's export: a tie the units make, computed again
			continue
		}
		clear(tc)
		from, to := c.from, c.to
		if from == "" {
			d.errorf("source", "connection without a From")
		}
		if to == "" {
			d.errorf("target", "connection without a To")
		}
		tc[tieSource], tc[tieTarget] = end("source", from), end("target", to)
		typ := c.attr("type", "connection type")
		if strings.EqualFold(typ, "explicit") && c.attr("tie source") != "" {
			typ = "" // ecoscope's export writes the tie source for a tie without a type
		}
		tc[tieType] = typ
		tc[tieWeight] = c.attr("strength", "weight")
		switch strings.ToLower(strings.TrimSpace(c.dir)) {
		case "directed":
			tc[tieDirected] = "true"
		case "", "mutual", "undirected":
		default:
			d.errorf("directed", "direction %s is not directed, mutual or undirected", graph.Quote(c.dir))
		}
		tc[tieSince], tc[tieUntil] = c.attr("since"), c.attr("until")
		tc[tieID] = c.attr("tie id")
		d.add(e, tabTies, tc) // an end reported above is "": Validate leaves it to that report
	}
	d.pos = graph.Pos{File: d.pos.File}
	if derived > 0 {
		d.problems.Add(graph.Problem{Pos: d.pos, Notice: true, Message: fmt.Sprintf(
			"%d connection%s whose Tie source is not explicit (ties ecoscope derives from the units) %s not read", derived, pluralS(derived), isAre(derived))})
	}
}

// pairs returns m's values as VALUE:HELIX, sorted.
func (m Mapping) pairs() []string {
	var out []string
	for v, h := range m.Values {
		out = append(out, v+":"+string(h))
	}
	slices.Sort(out)
	return out
}

// pluralS is the s of a plural noun after n.
func pluralS(n int) string { return plural(n, "", "s") }

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// slug makes an id of a label: lower-case letters and digits, other runs
// of characters one hyphen, at most 64 bytes; "element-N" (N from 1) when
// nothing is left.
func slug(label string, i int) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(label) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			if b.Len()+utf8.RuneLen(r) > 64 {
				break
			}
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "element-" + strconv.Itoa(i+1)
	}
	return b.String()
}

// uniqueSlug returns s, or s-2, s-3, ... when taken.
func uniqueSlug(s string, taken map[string]bool) string {
	if !taken[s] {
		return s
	}
	for k := 2; ; k++ {
		if t := s + "-" + strconv.Itoa(k); !taken[t] {
			return t
		}
	}
}

// kumuFinish validates e and places its problems: rename turns an
// ecoscope field of a problem (weight) into the Kumu place it came from.
func kumuFinish(e *graph.Ecosystem, d *decoder, name string, opts Options, rename func(p *graph.Problem)) (*graph.Ecosystem, graph.Problems, error) {
	if e.Name == "" {
		e.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	e, ps, _ := finish(e, name, &d.problems, d.fatal, opts.Known)
	for i := range ps {
		rename(&ps[i])
	}
	return e, ps, ps.Err()
}

// --- Kumu's Excel export ---

// isKumuXLSX reports whether path is an .xlsx workbook with a sheet
// named Elements: it reads the sheet names from xl/workbook.xml.
func isKumuXLSX(path string, head []byte) bool {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") || !bytes.HasPrefix(head, []byte("PK")) {
		return false
	}
	names, err := xlsxSheetNames(path)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(names, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "elements") })
}

// xlsxSheetNames returns the names of the sheets of the workbook at path.
func xlsxSheetNames(path string) ([]string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer r.Close()
		x := xml.NewDecoder(io.LimitReader(r, 4<<20))
		var names []string
		for {
			t, err := x.Token()
			if err != nil {
				return names, nil
			}
			if se, ok := t.(xml.StartElement); ok && se.Name.Local == "sheet" {
				for _, a := range se.Attr {
					if a.Name.Local == "name" {
						names = append(names, a.Value)
					}
				}
			}
		}
	}
	return nil, fmt.Errorf("no xl/workbook.xml")
}

// maxXLSXUnzipped bounds what a workbook may expand to (all its parts,
// and one sheet), so that a zip bomb is refused.
var maxXLSXUnzipped int64 = 4 * MaxFileSize

func readKumuXLSXFile(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("read data set %s: %w", path, notRegular(path, fi))
	}
	d := newDecoder(path)
	if fi.Size() > maxFileSize {
		d.fatalf(0, "", "the workbook holds more than the %s ecoscope reads from one file", size(maxFileSize))
		return finish(&graph.Ecosystem{}, path, &d.problems, true, opts.Known)
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", path, err)
	}
	defer fh.Close()
	return readKumuXLSX(fh, path, opts)
}

// readKumuXLSX reads Kumu's Excel export from r; name is the file's name
// in positions ("map.xlsx: Connections!D5: ...").
func readKumuXLSX(r io.Reader, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	d := newDecoder(name)
	e := &graph.Ecosystem{}
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxXLSXUnzipped, UnzipXMLSizeLimit: maxXLSXUnzipped / 4})
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "zip") || strings.Contains(msg, "size") {
			msg += " (not an .xlsx workbook, or one that expands beyond what ecoscope reads)"
		}
		d.fatalf(0, "", "cannot read the workbook: %s", msg)
		return finish(e, name, &d.problems, true, opts.Known)
	}
	defer f.Close()
	var elemSheet, connSheet string
	for _, s := range f.GetSheetList() {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "elements":
			elemSheet = s
		case "connections":
			connSheet = s
		}
	}
	if elemSheet == "" {
		d.fatalf(0, "", "the workbook has no sheet Elements (its sheets: %s); a Kumu export has Elements and Connections", strings.Join(f.GetSheetList(), ", "))
		return finish(e, name, &d.problems, true, opts.Known)
	}
	// cells maps "Sheet!row" and a Kumu attribute name to the cell's column.
	heads := map[string]map[string]int{}
	elems := readKumuSheet(d, f, elemSheet, []string{"label"}, heads)
	var conns []kumuRecord
	if connSheet != "" && !d.fatal {
		conns = readKumuSheet(d, f, connSheet, []string{"from", "to"}, heads)
		for i := range conns {
			conns[i].from, conns[i].to, conns[i].dir = conns[i].attr("from"), conns[i].attr("to"), conns[i].attr("direction")
		}
	}
	if !d.fatal {
		kumuBuild(d, e, elems, conns, opts, true)
	}
	return kumuFinish(e, d, name, opts, func(p *graph.Problem) {
		sheet, row, ok := strings.Cut(p.Pos.Record, "!")
		if !ok {
			return
		}
		col := 0
		if k, ok := heads[sheet][kumuAttr(sheet, p.Field)]; ok {
			col = k
		}
		cell, err := excelize.CoordinatesToCellName(col+1, atoi(row))
		if err != nil {
			return
		}
		p.Pos.Record, p.Field = sheet+"!"+cell, ""
	})
}

// kumuAttr returns the Kumu attribute an ecoscope field of a record of
// sheet was read from.
func kumuAttr(sheet, field string) string {
	if n, ok := kumuFieldNames[field]; ok {
		if field == "id" && strings.EqualFold(sheet, "connections") {
			return "tie id"
		}
		if field == "helix" || (field == "type" && strings.EqualFold(sheet, "elements")) {
			return "type"
		}
		return n
	}
	return field
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// readKumuSheet reads the rows of a sheet below its header, streaming;
// required are attributes the header must have. Each record's position
// is "Sheet!row" until kumuFinish makes it a cell.
func readKumuSheet(d *decoder, f *excelize.File, sheet string, required []string, heads map[string]map[string]int) []kumuRecord {
	rows, err := f.Rows(sheet)
	if err != nil {
		d.fatalf(0, "", "%s: cannot read the sheet: %v", sheet, err)
		return nil
	}
	defer rows.Close()
	var header []string
	var out []kumuRecord
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			d.fatalf(0, "", "%s!A%d: cannot read the row: %v", sheet, n, err)
			return out
		}
		if header == nil {
			if blank(cells) {
				continue
			}
			head := map[string]int{}
			header = make([]string, len(cells))
			for k, c := range cells {
				h := normalizeHeader(c)
				header[k] = h
				if _, ok := head[h]; !ok && h != "" {
					head[h] = k
				}
			}
			heads[sheet] = head
			for _, r := range required {
				if _, ok := head[r]; !ok {
					d.fatalf(0, "", "%s!A%d: the header has no column %s (its columns: %s)", sheet, n, graph.Quote(r), strings.Join(cells, ", "))
					return nil
				}
			}
			continue
		}
		if blank(cells) {
			continue
		}
		if d.records+len(out) >= maxRecords {
			d.fatalf(0, "", "%s!A%d: the workbook holds more than the %d records ecoscope reads from one data set", sheet, n, maxRecords)
			return out
		}
		rec := kumuRecord{
			pos:   graph.Pos{File: d.pos.File, Record: sheet + "!" + strconv.Itoa(n)},
			where: sheet + " row " + strconv.Itoa(n),
			attrs: make(map[string]string, len(cells)),
		}
		for k, c := range cells {
			if k < len(header) && header[k] != "" {
				if _, ok := rec.attrs[header[k]]; !ok {
					rec.attrs[header[k]] = trim(c)
				}
			}
		}
		out = append(out, rec)
	}
	if err := rows.Error(); err != nil {
		d.fatalf(0, "", "%s: cannot read the sheet: %v", sheet, err)
	}
	return out
}

// --- Kumu's JSON export ---

// isKumuJSON reports whether path is a .json file whose top-level object
// has the key "elements" or "connections" (in the first bytes, head).
func isKumuJSON(path string, head []byte) bool {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return false
	}
	x := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, []byte("\uFEFF"))))
	if t, err := x.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for {
		t, err := x.Token() // a key
		if err != nil {
			return false
		}
		k, ok := t.(string)
		if !ok {
			return false
		}
		if k == "elements" || k == "connections" {
			return true
		}
		if _, ok := tableByName[normalizeHeader(k)]; ok {
			return false // ecoscope's own JSON
		}
		// Skip the value.
		depth := 0
		for {
			t, err := x.Token()
			if err != nil {
				return false
			}
			switch t {
			case json.Delim('{'), json.Delim('['):
				depth++
			case json.Delim('}'), json.Delim(']'):
				depth--
			}
			if depth == 0 {
				break
			}
		}
	}
}

func readKumuJSONFile(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	text, err := readFile(path)
	switch {
	case err == nil:
	case errors.Is(err, ErrTooLarge):
		d := newDecoder(path)
		d.fatalf(0, "", "cannot read the file: %v", err)
		return finish(&graph.Ecosystem{}, path, &d.problems, true, opts.Known)
	default:
		return nil, nil, fmt.Errorf("read data set %s: %w", path, err)
	}
	return readKumuJSONText(text, path, opts)
}

// readKumuJSONText reads Kumu's JSON export, the text of the file name.
func readKumuJSONText(text, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	d := newDecoder(name)
	e := &graph.Ecosystem{}
	elems, conns := readKumuJSONRecords(d, text)
	if !d.fatal {
		kumuBuild(d, e, elems, conns, opts, false)
	}
	return kumuFinish(e, d, name, opts, func(p *graph.Problem) {
		if p.Pos.Record == "" || p.Field == "" {
			return
		}
		table := "elements"
		if strings.HasPrefix(p.Pos.Record, "connections") {
			table = "connections"
		}
		f := kumuAttr(table, p.Field)
		switch {
		case f == "from" || f == "to" || f == "direction":
		case f == "type" && table == "elements":
			f = "attributes.element type"
		case f == "type":
			f = "attributes.connection type"
		default:
			f = "attributes." + f
		}
		p.Field = f
	})
}

// readKumuJSONRecords reads the elements and connections of the document.
func readKumuJSONRecords(d *decoder, text string) (elems, conns []kumuRecord) {
	text = strings.TrimPrefix(text, "\uFEFF")
	if !utf8.ValidString(text) {
		line, why := invalidUTF8(text)
		d.fatalf(line, "", "file is not valid UTF-8 (%s); re-save it as UTF-8", why)
		return
	}
	j := &jsonReader{decoder: d, text: text, line: 1, warned: map[[2]string]bool{}}
	if strings.TrimSpace(text) == "" {
		d.fatalf(0, "", `empty file; want Kumu's JSON export {"elements": [...], "connections": [...]}`)
		return
	}
	if b := []byte(text); !json.Valid(b) {
		j.syntaxError(b)
		return
	}
	if i := loneSurrogate(text); i >= 0 {
		line, col := j.position(i)
		j.fatalf(line, "", "invalid JSON at character %d: %s is half of a UTF-16 surrogate pair, without the other half", col, text[i:i+6])
		return
	}
	i := skipSpace(text, 0)
	if text[i] != '{' {
		d.fatalf(j.lineAt(i), "", `want a JSON object {"elements": [...], "connections": [...]}, not %s`, describeValue(text[i:skipValue(text, i)]))
		return
	}
	j.members(i, func(key string, at, v int) {
		if d.fatal {
			return
		}
		var table string
		switch key {
		case "elements", "connections":
			table = key
		default:
			return // maps, loops, perspectives, ...: not read
		}
		line := j.lineAt(at)
		if text[v] != '[' {
			if text[v] != 'n' {
				d.pos = graph.Pos{File: d.pos.File, Line: line}
				d.errorf(key, "want an array of objects, not %s", describeValue(text[v:skipValue(text, v)]))
			}
			return
		}
		for k, i := 0, skipSpace(text, v+1); text[i] != ']'; k, i = k+1, skipSpace(text, skipValue(text, i)) {
			if d.records+len(elems)+len(conns) >= maxRecords {
				d.fatalf(j.lineAt(i), "", "the document holds more than the %d records ecoscope reads from one data set", maxRecords)
				return
			}
			rec := kumuRecord{pos: graph.Pos{File: d.pos.File, Line: j.lineAt(i), Record: j.recordName(table, k)}, attrs: map[string]string{}}
			rec.where = fmt.Sprintf("%s (line %d)", rec.pos.Record, rec.pos.Line)
			if text[i] != '{' {
				d.pos = rec.pos
				d.errorf("", "want an object, not %s", describeValue(text[i:skipValue(text, i)]))
				continue
			}
			reversed := false
			j.members(i, func(name string, _, v int) {
				val := text[v:skipValue(text, v)]
				switch name {
				case "_id", "id":
					rec.id = kumuText(val)
				case "from":
					rec.from = kumuText(val)
				case "to":
					rec.to = kumuText(val)
				case "direction":
					rec.dir = kumuText(val)
				case "reversed":
					reversed = val == "true"
				case "attributes":
					if val[0] == '{' {
						j.members(v, func(a string, _, av int) {
							n := normalizeHeader(a)
							if _, ok := rec.attrs[n]; !ok {
								rec.attrs[n] = kumuText(text[av:skipValue(text, av)])
							}
						})
					}
				default:
					// label, type, ... at the top of the record
					n := normalizeHeader(name)
					if _, ok := rec.attrs[n]; !ok {
						rec.attrs[n] = kumuText(val)
					}
				}
			})
			if reversed && strings.EqualFold(rec.dir, "directed") {
				rec.from, rec.to = rec.to, rec.from
			}
			if table == "elements" {
				elems = append(elems, rec)
			} else {
				conns = append(conns, rec)
			}
		}
	})
	return
}

// kumuText returns the text of a JSON value: a string unquoted, a number
// or true/false as written, an array's scalar items joined with | (Kumu's
// tags), "" for null and objects.
func kumuText(v string) string {
	switch v[0] {
	case '"':
		s, _ := jsonString(v, 0)
		return trim(s)
	case 'n', '{':
		return ""
	case '[':
		var parts []string
		for i := skipSpace(v, 1); i < len(v) && v[i] != ']'; i = skipSpace(v, skipValue(v, i)) {
			if s := kumuText(v[i:skipValue(v, i)]); s != "" && v[i] != '[' {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "|")
	}
	return v
}
