package importers

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
)

// ReadCSVDir reads the data set in the folder dir: partners.csv (required)
// and any of people.csv, units.csv, memberships.csv, ties.csv and
// values.csv, or their Dutch names (organisaties.csv, personen.csv,
// eenheden.csv, lidmaatschappen.csv, relaties.csv, waarden.csv), matched
// without regard to case. See Read for what it returns, and docs/input.md
// for the format.
//
// The files are read in parallel, and a large file in chunks in parallel.
// The strings of the records share the memory of the file they come from.
// A table that is not a regular file (a folder, a device, a named pipe) or
// that is larger than MaxFileSize is refused before it is read, and tables
// of more than MaxRecords lines in all before they are parsed.
func ReadCSVDir(dir string) (*graph.Ecosystem, graph.Problems, error) { return readCSVDir(dir, nil) }

func readCSVDir(dir string, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set: %w", err)
	}
	return readCSVTables(dir, entries, readFile, known)
}

// readCSVTables reads the data set whose files are entries of folder dir
// (on disk, or in a zip), each read with readFile by its path below dir.
func readCSVTables(dir string, entries []fs.DirEntry, readFile func(path string) (string, error), known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	var (
		ps    graph.Collector
		fatal bool
		files [numTables]string
	)
	for _, en := range entries {
		name := en.Name()
		lower := strings.ToLower(name)
		if !strings.HasSuffix(lower, ".csv") {
			continue
		}
		path := filepath.Join(dir, name)
		id, ok := tableByName[strings.TrimSuffix(lower, ".csv")]
		if en.IsDir() {
			if ok { // not to be mistaken for a missing table
				ps.Add(graph.Problem{Pos: graph.Pos{File: path},
					Message: fmt.Sprintf("a folder, not a CSV file; the table %s must be a file", tables[id].name)})
				fatal = true
			}
			continue
		}
		if !ok {
			ps.Add(graph.Problem{Pos: graph.Pos{File: path}, Warning: true,
				Message: "not a table of a data set, ignored (tables: partners, people, units, memberships, ties, values)"})
			continue
		}
		if files[id] != "" {
			ps.Add(graph.Problem{Pos: graph.Pos{File: path},
				Message: fmt.Sprintf("table %s is given twice, also in %s; keep one of them", tables[id].name, files[id])})
			fatal = true
			continue
		}
		files[id] = path
	}
	if files[tabPartners] == "" {
		ps.Add(graph.Problem{Pos: graph.Pos{File: dir},
			Message: "no partners.csv (or organisaties.csv) in the folder; it is required"})
		fatal = true
	}

	e := &graph.Ecosystem{Name: dirName(dir)}
	var (
		decoders [numTables]*decoder
		texts    [numTables]string
		wg       sync.WaitGroup
	)
	for id, path := range files {
		if path == "" {
			continue
		}
		d := newDecoder(path)
		decoders[id] = d
		wg.Go(func() {
			text, err := readFile(path)
			if err != nil {
				d.fatalf(0, "", "cannot read the file: %v", err)
				return
			}
			texts[id] = crLines(text)
		})
	}
	wg.Wait()
	lines := 0
	for _, text := range texts {
		lines += strings.Count(text, "\n")
	}
	if lines > maxRecords {
		ps.Add(graph.Problem{Pos: graph.Pos{File: dir}, Message: fmt.Sprintf(
			"the tables have %d lines, more than the %d records ecoscope reads from one data set", lines, maxRecords)})
		fatal = true
	} else {
		for id, d := range decoders {
			if d != nil && !d.fatal {
				wg.Go(func() { d.readCSV(texts[id], tableID(id), e) }) // each table has its own field of e
			}
		}
		wg.Wait()
	}
	for _, d := range decoders {
		if d == nil {
			continue
		}
		ps.AddAll(d.problems.Problems())
		fatal = fatal || d.fatal
	}
	// Validate looks every tie up by the ids of its ends: keep the ids
	// together in memory.
	pack(e.Partners, func(p *graph.Partner) *string { return &p.ID })
	pack(e.People, func(p *graph.Person) *string { return &p.ID })
	return finish(e, dir, &ps, fatal, known)
}

// pack copies the strings that field gives of every record into one string.
func pack[E any](records []E, field func(*E) *string) {
	n := 0
	for i := range records {
		n += len(*field(&records[i]))
	}
	var b strings.Builder
	b.Grow(n)
	for i := range records {
		b.WriteString(*field(&records[i]))
	}
	all := b.String()
	off := 0
	for i := range records {
		f := field(&records[i])
		*f = all[off : off+len(*f)]
		off += len(*f)
	}
}

func dirName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Base(dir)
}

// readCSV reads the records of table id from the CSV file text into e.
func (d *decoder) readCSV(text string, id tableID, e *graph.Ecosystem) {
	t := tables[id]
	text = crLines(strings.TrimPrefix(text, "\uFEFF"))
	if !utf8.ValidString(text) {
		line, why := invalidUTF8(text)
		d.fatalf(line, "", "file is not valid UTF-8 (%s); re-save it as UTF-8", why)
		return
	}
	d.delim = sniffDelimiter(text)
	d.decimalComma = d.delim == ';'
	r := d.csvReader(text)
	header, err := r.Read()
	for err == nil && blank(header) { // lines of spaces before the header
		header, err = r.Read()
	}
	if err == io.EOF {
		if id == tabPartners {
			d.fatalf(0, "", "empty file; want a header line (%s) and a line per partner", strings.Join(t.columns, ", "))
		} else {
			d.problems.Add(graph.Problem{Pos: d.pos, Warning: true, Message: "empty file, ignored"})
		}
		return
	}
	if err != nil {
		d.csvError(err, 0, text, r.InputOffset() == int64(len(text)))
		d.fatal = true
		return
	}
	headerLine, _ := r.FieldPos(0)
	cols := d.header(header, headerLine, t)
	width := len(header) // up to the last named field
	for width > 0 && strings.TrimSpace(header[width-1]) == "" {
		width--
	}
	rs := &rows{id: id, e: e, cols: cols[:width], width: width}
	if d.fatal {
		return
	}
	body := text[r.InputOffset():]
	d.readBody(body, strings.Count(text[:len(text)-len(body)], "\n"), rs)
}

// crLines returns text with its line ends made LF when they are CR alone,
// as spreadsheets on old Macs write them: when the first line ends in a CR
// that no LF follows. Other files are left as they are.
func crLines(text string) string {
	i := strings.IndexAny(text, "\r\n")
	if i < 0 || text[i] != '\r' || strings.HasPrefix(text[i:], "\r\n") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for {
		i := strings.IndexByte(text, '\r')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		if strings.HasPrefix(text[i:], "\r\n") {
			b.WriteByte('\r')
		} else {
			b.WriteByte('\n')
		}
		text = text[i+1:]
	}
}

func (d *decoder) csvReader(text string) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = d.delim
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return r
}

// rows receives the records of one table.
type rows struct {
	id    tableID
	e     *graph.Ecosystem
	cols  []int // the column of each field of a line, -1 to ignore it
	width int   // the number of fields of the header, up to the last named one
}

// row decodes the fields of the line that starts on line number line.
func (d *decoder) row(rs *rows, rec []string, line int, cells []string) {
	if blank(rec) {
		return // also a line of delimiters only, as spreadsheets write them
	}
	d.pos.Line = line
	if len(rec) != rs.width && (len(rec) < rs.width || !blank(rec[rs.width:])) {
		msg := fmt.Sprintf("the line has %d fields, the header has %d", len(rec), rs.width)
		if len(rec) > rs.width {
			msg += fmt.Sprintf("; put a value that holds %q in double quotes", d.delim)
		}
		d.errorf("", "%s", msg)
		return
	}
	for i, col := range rs.cols {
		if col >= 0 {
			cells[col] = trim(rec[i])
		}
	}
	d.add(rs.e, rs.id, cells)
}

// readQuoted reads body, the lines after line skip, with encoding/csv.
func (d *decoder) readQuoted(body string, skip int, rs *rows) {
	r := d.csvReader(body)
	cells := make([]string, len(tables[rs.id].columns))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			d.csvErrors++
			if !d.csvError(err, skip, body, r.InputOffset() == int64(len(body))) {
				return
			}
			continue
		}
		line, _ := r.FieldPos(0)
		d.row(rs, rec, skip+line, cells)
	}
}

// A body is read in up to workers() chunks of at least minChunk bytes in
// parallel (variables for the tests).
var (
	minChunk = 1 << 20
	workers  = func() int { return runtime.GOMAXPROCS(0) }
)

// readBody reads body, the lines of a file after the header, which ends on
// line skip.
//
// A body without double quotes is split into lines and fields directly,
// which gives the records encoding/csv would give, only faster. A body with
// quotes is read with encoding/csv.
//
// A large body is cut into chunks that are read in parallel. The cuts are
// at line ends after an even number of double quotes, which in well-formed
// CSV are ends of records. Should encoding/csv find a quote out of place in
// a chunk, the cuts may have been wrong, and the body is read again in one
// piece.
func (d *decoder) readBody(body string, skip int, rs *rows) {
	if d.reference {
		grow(rs.e, rs.id, strings.Count(body, "\n")+1)
		d.readQuoted(body, skip, rs)
		return
	}
	quoted := strings.IndexByte(body, '"') >= 0
	read := func(d *decoder, chunk string, skip int, rs *rows) {
		if quoted {
			d.readQuoted(chunk, skip, rs)
		} else {
			d.readLines(chunk, skip, rs)
		}
	}
	chunks := cut(body, min(workers(), len(body)/minChunk))
	if len(chunks) < 2 {
		grow(rs.e, rs.id, strings.Count(body, "\n")+1)
		read(d, body, skip, rs)
		return
	}
	var (
		skips    = make([]int, len(chunks))
		counts   = make([]int, len(chunks))
		decoders = make([]*decoder, len(chunks))
		parts    = make([]graph.Ecosystem, len(chunks))
	)
	lines := skip
	for k, chunk := range chunks {
		n := strings.Count(chunk, "\n")
		skips[k], counts[k] = lines, n+1
		lines += n
		sub := newDecoder(d.pos.File)
		sub.delim, sub.decimalComma = d.delim, d.decimalComma
		decoders[k] = sub
	}
	join := split(rs.id, parts, counts)
	var wg sync.WaitGroup
	for k, chunk := range chunks {
		wg.Go(func() {
			sub := *rs
			sub.e = &parts[k]
			read(decoders[k], chunk, skips[k], &sub)
		})
	}
	wg.Wait()
	for _, sub := range decoders {
		if sub.csvErrors > 0 {
			grow(rs.e, rs.id, strings.Count(body, "\n")+1)
			d.readQuoted(body, skip, rs)
			return
		}
	}
	for _, sub := range decoders {
		d.problems.AddAll(sub.problems.Problems())
	}
	join(rs.e)
	if d.problems.Cut() {
		// Each chunk kept its records up to its own first error not
		// shown, which is not before the first of the whole file.
		truncate(rs.e, rs.id, d.problems.CutAt().Line)
	}
}

// cut cuts body into up to n chunks of about the same size, each ending at
// a line end after an even number of double quotes.
func cut(body string, n int) []string {
	var chunks []string
	for k := n; k > 1 && body != ""; k-- {
		i := len(body) / k
		quotes := strings.Count(body[:i], `"`)
		for {
			j := strings.IndexByte(body[i:], '\n')
			if j < 0 {
				i = len(body)
				break
			}
			quotes += strings.Count(body[i:i+j], `"`)
			i += j + 1
			if quotes%2 == 0 {
				break
			}
		}
		chunks = append(chunks, body[:i])
		body = body[i:]
	}
	if body != "" {
		chunks = append(chunks, body)
	}
	return chunks
}

// readLines reads the lines of chunk, which start after line skip and hold
// no double quote.
func (d *decoder) readLines(chunk string, skip int, rs *rows) {
	cells := make([]string, len(tables[rs.id].columns))
	rec := make([]string, 0, rs.width)
	sep := byte(d.delim)
	line := skip
	for len(chunk) > 0 {
		line++
		l := chunk
		if i := strings.IndexByte(chunk, '\n'); i >= 0 {
			l, chunk = chunk[:i], chunk[i+1:]
		} else {
			chunk = ""
		}
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if l == "" {
			continue
		}
		rec = rec[:0]
		for {
			i := strings.IndexByte(l, sep)
			if i < 0 {
				rec = append(rec, l)
				break
			}
			rec = append(rec, l[:i])
			l = l[i+1:]
		}
		d.row(rs, rec, line, cells)
	}
}

// header maps each field of the header line to the index of its column in
// t (-1 to ignore the field), warning about unknown columns; a missing
// required column is fatal.
func (d *decoder) header(header []string, line int, t *table) []int {
	d.pos.Line = line
	cols := make([]int, len(header))
	at := make([]int, len(t.columns)) // 1 + the field that holds each column
	last := len(header) - 1
	for last >= 0 && strings.TrimSpace(header[last]) == "" {
		last--
	}
	names := make([]string, 0, len(header))
	for i, h := range header {
		cols[i] = -1
		h = strings.TrimSpace(h)
		if h == "" {
			if i < last {
				d.warnf("", "field %d of the header has no name; its column is ignored", i+1)
			}
			continue
		}
		names = append(names, h)
		c := t.column(h)
		switch {
		case c < 0:
			msg := fmt.Sprintf("unknown column %s is ignored", graph.Quote(h))
			if s := t.suggest(h); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			d.warnf("", "%s (columns: %s)", msg, strings.Join(t.columns, ", "))
		case at[c] > 0:
			d.errorf(t.columns[c], "column given twice, as %s and %s; the second is ignored", graph.Quote(strings.TrimSpace(header[at[c]-1])), graph.Quote(h))
		default:
			at[c] = i + 1
			cols[i] = c
		}
	}
	for _, c := range t.required {
		if at[c] == 0 {
			d.fatalf(line, t.columns[c], "required column is missing (the header has: %s)", graph.Quote(joinShort(names, string(d.delim))))
		}
	}
	return cols
}

// joinShort joins names with sep, or as many of them as a message quotes
// (see graph.Quote).
func joinShort(names []string, sep string) string {
	var b strings.Builder
	for i, n := range names {
		if b.Len() > utf8.UTFMax*graph.MaxQuoted {
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(n[:min(len(n), utf8.UTFMax*graph.MaxQuoted+1)])
	}
	return b.String()
}

// csvError records a parse error of encoding/csv in text, whose lines
// start after line skip; atEnd tells that the reader reached the end of
// text. It reports whether the reading can go on.
func (d *decoder) csvError(err error, skip int, text string, atEnd bool) bool {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		d.fatalf(0, "", "%v", err)
		return false
	}
	where := fmt.Sprintf("character %d", pe.Column)
	if pe.Line != pe.StartLine {
		where = fmt.Sprintf("line %d, character %d", skip+pe.Line, pe.Column)
	}
	d.pos.Line = skip + pe.StartLine
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		d.errorf("", `a " in a value that is not quoted (%s); put the value in double quotes and double each " inside it`, where)
	case errors.Is(pe.Err, csv.ErrQuote) && atEnd && unclosed(text, pe.StartLine):
		d.errorf("", `a quoted value on this line is never closed, so the rest of the file was read into it; add the closing "`)
	case errors.Is(pe.Err, csv.ErrQuote):
		d.errorf("", `a quoted value is not closed, or a " inside it is not doubled (%s)`, where)
	default:
		d.errorf("", "%v (%s)", pe.Err, where)
	}
	return true
}

// unclosed reports whether the text from line on holds an odd number of
// double quotes: a quoted value opened there is never closed.
func unclosed(text string, line int) bool {
	for ; line > 1; line-- {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return false
		}
		text = text[i+1:]
	}
	return strings.Count(text, `"`)%2 == 1
}

// trim is strings.TrimSpace, quicker for the usual cell that needs no trim.
func trim(s string) string {
	if s == "" || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s
	}
	return strings.TrimSpace(s)
}

// blank reports whether every field is empty or white space.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// sniffDelimiter returns the delimiter of the first non-blank line: the
// most frequent of ',', ';' and tab outside double quotes (',' when none).
func sniffDelimiter(text string) rune {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var comma, semi, tab int
		quoted := false
		for _, c := range []byte(line) {
			switch c {
			case '"':
				quoted = !quoted
			case ',':
				if !quoted {
					comma++
				}
			case ';':
				if !quoted {
					semi++
				}
			case '\t':
				if !quoted {
					tab++
				}
			}
		}
		switch {
		case tab > comma && tab > semi:
			return '\t'
		case semi > comma:
			return ';'
		}
		return ','
	}
	return ','
}

// invalidUTF8 finds the first byte of data that is not valid UTF-8 and
// returns its line and a description of it.
func invalidUTF8(text string) (line int, why string) {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	line = 1 + strings.Count(text[:i], "\n")
	start := strings.LastIndexByte(text[:i], '\n') + 1
	col := utf8.RuneCountInString(text[start:i]) + 1
	b := text[i]
	why = fmt.Sprintf("byte 0x%02X at character %d", b, col)
	if r := windows1252(b); r != 0 {
		why += fmt.Sprintf(", %q in Windows-1252", r)
	}
	return line, why
}

// cp1252 holds the characters of bytes 0x80 to 0x9F in Windows-1252 (0 where
// it has none); from 0xA0 it agrees with Latin-1 and Unicode.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

func windows1252(b byte) rune {
	switch {
	case b >= 0xA0:
		return rune(b)
	case b >= 0x80:
		return cp1252[b-0x80]
	}
	return 0
}
