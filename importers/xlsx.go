package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/graph"
)

// MaxXLSXUnzipped is the most an .xlsx workbook may expand to when
// unzipped (the sum of the sizes its zip directory declares): 1 GB, ten
// times what a workbook of a million ties holds, so that a zip bomb is
// refused before anything is unpacked. A variable, to be set by a program
// that needs more (and by the tests).
var MaxXLSXUnzipped int64 = 1 << 30

// xlsxXMLInMemory is the size of a sheet (or the shared strings) above
// which excelize unpacks it to a temporary file and streams it from there
// rather than holding it in memory.
const xlsxXMLInMemory = 16 << 20

func init() {
	register(format{name: "xlsx", about: "an Excel workbook (.xlsx) with a sheet per table (partners, ties, ...)", priority: 40,
		match: func(path string, dir bool, head []byte) bool {
			if dir {
				return false
			}
			if strings.EqualFold(filepath.Ext(path), ".xlsx") {
				return true
			}
			// A zip holding xl/ is a workbook whatever its name.
			return bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head, []byte("xl/"))
		},
		read: func(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			return readXLSX(path, opts)
		}})
}

// ReadXLSX reads the data set in the Excel workbook at path: a sheet per
// table, named as the CSV files of ReadCSVDir are (partners is required),
// each with a header row and a row per record. See Read for what it
// returns, and docs/input.md for the format. Problems name the sheet and
// cell: "book.xlsx: partners!C14: helix: ...".
func ReadXLSX(path string) (*graph.Ecosystem, graph.Problems, error) {
	return readXLSX(path, Options{})
}

// xlsxSheet is one sheet read as a table.
type xlsxSheet struct {
	name string // as the workbook spells it
	id   tableID
	// letters holds, for each column of the table, the letters of the
	// sheet column it was read from ("" when absent).
	letters []string
}

func readXLSX(path string, opts Options) (e *graph.Ecosystem, ps graph.Problems, err error) {
	e = &graph.Ecosystem{Name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}
	d := newDecoder(path)
	fail := func(format string, args ...any) (*graph.Ecosystem, graph.Problems, error) {
		d.fatalf(0, "", format, args...)
		return finish(e, path, &d.problems, true, opts.Known)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("read data set %s: %w", path, notRegular(path, fi))
	}
	if fi.Size() > maxFileSize {
		return fail("cannot read the file: %v", &tooLargeError{fi.Size()})
	}
	if why := notZip(path); why != "" {
		return fail("not an Excel workbook (.xlsx): %s", why)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fail("not an Excel workbook (.xlsx): cannot read it as a zip file (%v)", err)
	}
	var unzipped uint64
	for _, f := range zr.File {
		unzipped += f.UncompressedSize64
	}
	zr.Close()
	if unzipped > uint64(MaxXLSXUnzipped) {
		return fail("the workbook would unpack to %s, more than the %s ecoscope unpacks from one .xlsx; "+
			"it is damaged or not a data set (a zip bomb), or save the tables as CSV files",
			size(int64(min(unzipped, 1<<62))), size(MaxXLSXUnzipped))
	}
	defer func() {
		// excelize should not panic on a damaged workbook; should it do so,
		// the workbook is refused like any other that cannot be read.
		if r := recover(); r != nil {
			d := newDecoder(path)
			d.fatalf(0, "", "cannot read the workbook (the Excel reader failed: %v); open and save it again in Excel, or save the tables as CSV files", r)
			e, ps, err = finish(&graph.Ecosystem{Name: e.Name}, path, &d.problems, true, opts.Known)
		}
	}()
	// OpenReader, not OpenFile, which wants the name to end in .xlsx.
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set: %w", err)
	}
	book, err := excelize.OpenReader(fh, excelize.Options{
		UnzipSizeLimit:    max(MaxXLSXUnzipped, fi.Size()),
		UnzipXMLSizeLimit: min(xlsxXMLInMemory, MaxXLSXUnzipped),
	})
	fh.Close()
	if err != nil {
		return fail("cannot read the workbook: %v", err)
	}
	defer book.Close()
	date1904 := false
	if props, err := book.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}

	var (
		sheets [numTables]*xlsxSheet
		names  []string
		kumu   int
		others []graph.Problem // warnings about sheets that are no table
	)
	for _, name := range book.GetSheetList() {
		names = append(names, name)
		key := normalizeHeader(name)
		if key == "elements" || key == "connections" {
			kumu++
		}
		id, ok := tableByName[key]
		if !ok {
			if key != "about" && key != "toelichting" && key != "uitleg" {
				others = append(others, graph.Problem{Pos: graph.Pos{File: path, Record: cellRef(name, "", 0)}, Warning: true,
					Message: "not a table of a data set, ignored (sheets: partners, people, units, memberships, ties, values)"})
			}
			continue
		}
		if sheets[id] != nil {
			d.fatalf(0, "", "table %s is given twice, as sheets %s and %s; keep one of them", tables[id].name, graph.Quote(sheets[id].name), graph.Quote(name))
			continue
		}
		sheets[id] = &xlsxSheet{name: name, id: id}
	}
	if sheets[tabPartners] == nil {
		msg := fmt.Sprintf("no sheet partners (or organisaties) in the workbook; it is required (the sheets are: %s)", graph.Quote(joinShort(names, ", ")))
		if kumu == 2 {
			msg += "; this looks like a Kumu export: read it with --format kumu"
		}
		d.fatalf(0, "", "%s", msg)
	}
	if d.fatal {
		return finish(e, path, &d.problems, true, opts.Known)
	}
	for _, p := range others {
		d.problems.Add(p)
	}
	if opts.Progress != nil {
		opts.Progress.Start("reading "+filepath.Base(path), -1)
		defer opts.Progress.Done()
	}
	// The sheets are read in parallel, each into its own field of e.
	var (
		records  atomic.Int64
		decoders [numTables]*decoder
		wg       sync.WaitGroup
	)
	progress := lockedProgress(opts.Progress)
	for id, s := range sheets {
		if s == nil {
			continue
		}
		sd := newDecoder(path)
		sd.delim = ','         // to list the headers in a message
		sd.decimalComma = true // a weight typed as text in a Dutch workbook: 2,5
		decoders[id] = sd
		wg.Go(func() { sd.readSheet(book, s, e, date1904, &records, progress) })
	}
	wg.Wait()
	var all graph.Collector
	all.AddAll(d.problems.Problems())
	fatal := false
	for id, sd := range decoders {
		if sd == nil {
			continue
		}
		for _, p := range sd.problems.Problems() {
			if p.Pos.Line > 0 { // the header row
				p.Pos.Record, p.Pos.Line = cellRef(sheets[id].name, "A", p.Pos.Line), 0
			}
			all.Add(p)
		}
		fatal = fatal || sd.fatal
	}
	pack(e.Partners, func(p *graph.Partner) *string { return &p.ID })
	pack(e.People, func(p *graph.Person) *string { return &p.ID })
	e, ps, err = finish(e, path, &all, fatal, opts.Known)
	placeCells(ps, path, sheets[:])
	return e, ps, err
}

// lockedProgress returns p, safe for the sheets read in parallel; nil for nil.
func lockedProgress(p Progress) Progress {
	if p == nil {
		return nil
	}
	return &syncProgress{p: p}
}

type syncProgress struct {
	mu sync.Mutex
	p  Progress
}

func (s *syncProgress) Start(label string, total int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Start(label, total)
}

func (s *syncProgress) Add(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Add(n)
}

func (s *syncProgress) Done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Done()
}

// notZip returns why the file at path is not a zip file, or "" when it
// starts as one.
func notZip(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := f.Read(head)
	head = head[:n]
	switch {
	case n == 0:
		return "the file is empty"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return ""
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "it is an Excel 97-2003 workbook (.xls), a workbook protected by a password, or another old Office file; save it in Excel as .xlsx without a password"
	case !bytes.ContainsRune(head, 0) && (bytes.Contains(head, []byte(",")) || bytes.Contains(head, []byte(";"))):
		return "it is a text file, not a zip file; is it a CSV file? Then name it .csv and put it in a folder with the other tables"
	}
	return "it is not a zip file, as every .xlsx workbook is"
}

// readSheet reads the rows of sheet s into e, counting them in *records.
func (d *decoder) readSheet(book *excelize.File, s *xlsxSheet, e *graph.Ecosystem, date1904 bool, records *atomic.Int64, progress Progress) {
	t := tables[s.id]
	d.pos = graph.Pos{File: d.pos.File, Record: cellRef(s.name, "", 0)}
	rows, err := book.Rows(s.name)
	if err != nil {
		d.fatalf(0, "", "cannot read sheet %s: %v", graph.Quote(s.name), err)
		return
	}
	defer rows.Close()
	raw := excelize.Options{RawCellValue: true}
	var (
		cols     []int // the column of each cell of a row, -1 to ignore it
		dates    []bool
		cells    = make([]string, len(t.columns))
		row      = 0
		sheetRef = cellRef(s.name, "", 0) // "partners!" or "'my sheet'!"
	)
	for rows.Next() {
		row++
		rec, err := rows.Columns(raw)
		if err != nil {
			d.pos.Record = sheetRef + "A" + strconv.Itoa(row)
			d.fatal = true
			d.errorf("", "cannot read the row: %v", err)
			return
		}
		if blank(rec) {
			continue
		}
		if cols == nil { // the header
			cols = d.header(rec, row, t)
			d.pos.Line = 0 // records are placed by their cells, in Record
			if d.fatal {
				return
			}
			s.letters = make([]string, len(t.columns))
			dates = make([]bool, len(cols))
			for i, c := range cols {
				if c >= 0 {
					s.letters[c], _ = excelize.ColumnNumberToName(i + 1)
					switch t.columns[c] {
					case "since", "until", "date":
						dates[i] = true
					}
				}
			}
			continue
		}
		n := records.Add(1)
		if n > int64(maxRecords) {
			d.pos.Record = sheetRef + "A" + strconv.Itoa(row)
			d.fatal = true
			d.errorf("", "the workbook has more than the %d records ecoscope reads from one data set", maxRecords)
			return
		}
		if progress != nil && n%1024 == 0 {
			progress.Add(1024)
		}
		clear(cells)
		for i, v := range rec {
			if i >= len(cols) || cols[i] < 0 {
				continue
			}
			v = trim(v)
			if dates[i] {
				v = serialDate(v, date1904)
			}
			cells[cols[i]] = v
		}
		d.pos.Record = sheetRef + "A" + strconv.Itoa(row)
		d.add(e, s.id, cells)
	}
	if cols == nil {
		if s.id == tabPartners {
			d.fatalf(0, "", "sheet %s is empty; want a header row (%s) and a row per partner", graph.Quote(s.name), strings.Join(t.columns, ", "))
		} else {
			d.problems.Add(graph.Problem{Pos: d.pos, Warning: true, Message: "empty sheet, ignored"})
		}
	}
	if err := rows.Error(); err != nil {
		d.fatalf(0, "", "cannot read sheet %s: %v", graph.Quote(s.name), err)
	}
}

// serialDate returns the date a cell of a date column holds: an Excel
// serial number (a date cell, 43529 for 2019-03-05) as YYYY-MM-DD; a whole
// number from 1000 to 9999 is a year, and anything else text as written.
func serialDate(v string, date1904 bool) string {
	if v == "" || v[0] < '0' || v[0] > '9' {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || (f == float64(int(f)) && f >= 1000 && f <= 9999) {
		return v
	}
	if f < 1 || f >= 2958466 { // 9999-12-31 is the last date Excel has
		return v
	}
	tm, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil {
		return v
	}
	return tm.Format("2006-01-02")
}

// cellRef returns the reference of a cell, "partners!C14", the sheet
// name quoted as Excel does when it holds more than letters, digits and
// underscores; "partners!" for row 0.
func cellRef(sheet, col string, row int) string {
	plain := sheet != ""
	for _, r := range sheet {
		if !(r == '_' || r == '.' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r > 0x7F && r != '\u00a0') {
			plain = false
		}
	}
	ref := sheet
	if !plain {
		ref = "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	ref += "!"
	if row > 0 {
		ref += col + strconv.Itoa(row)
	}
	return ref
}

// placeCells rewrites the positions of the problems of the workbook at
// path so that a problem in a field names its cell: a record's position is
// the first cell of its row, "partners!A14"; its helix field is
// "partners!C14" when the helix column is C. The field then leads the
// message: "book.xlsx: partners!C14: helix: ...".
func placeCells(ps graph.Problems, path string, sheets []*xlsxSheet) {
	refs := map[string]*xlsxSheet{}
	for _, s := range sheets {
		if s != nil {
			refs[cellRef(s.name, "", 0)] = s
		}
	}
	for i := range ps {
		p := &ps[i]
		if p.Pos.File != path || p.Pos.Record == "" {
			continue
		}
		cut := strings.LastIndexByte(p.Pos.Record, '!') + 1
		s := refs[p.Pos.Record[:cut]]
		if s == nil {
			continue
		}
		ref := p.Pos.Record[cut:]
		if p.Field != "" && strings.HasPrefix(ref, "A") {
			if c := tables[s.id].column(p.Field); c >= 0 && c < len(s.letters) && s.letters[c] != "" {
				p.Pos.Record = p.Pos.Record[:cut] + s.letters[c] + ref[1:]
			}
		}
		if p.Field != "" {
			p.Message = p.Field + ": " + p.Message
			p.Field = ""
		}
	}
}
