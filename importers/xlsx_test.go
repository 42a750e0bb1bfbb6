package importers

import (
	"archive/zip"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/graph"
)

// xsheet is a sheet to write: its name and rows of cells (strings, numbers,
// time.Time for a date cell, nil for an empty one).
type xsheet struct {
	name string
	rows [][]any
}

// writeXLSX writes sheets into a workbook at path with excelize's stream
// writer, date cells formatted as dates.
func writeXLSX(tb testing.TB, path string, sheets []xsheet) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			cells := make([]any, len(row))
			for c, v := range row {
				if tm, ok := v.(time.Time); ok {
					v = excelize.Cell{StyleID: date, Value: tm}
				}
				cells[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, cells); err != nil {
				tb.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

// csvSheets reads the CSV tables of dir as sheets, every cell text; conv,
// when not nil, may change a cell (column header h) into another value.
func csvSheets(tb testing.TB, dir string, conv func(table, h, v string) any) []xsheet {
	tb.Helper()
	var sheets []xsheet
	for _, t := range tables {
		b, err := os.ReadFile(filepath.Join(dir, t.name+".csv"))
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			tb.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil {
			tb.Fatal(err)
		}
		s := xsheet{name: t.name}
		for r, rec := range recs {
			row := make([]any, len(rec))
			for c, v := range rec {
				row[c] = v
				if conv != nil && r > 0 && v != "" {
					row[c] = conv(t.name, recs[0][c], v)
				}
			}
			s.rows = append(s.rows, row)
		}
		sheets = append(sheets, s)
	}
	return sheets
}

// noPos returns a copy of e without the positions of its records.
func noPos(e *graph.Ecosystem) graph.Ecosystem {
	c := *e
	c.Partners = append([]graph.Partner(nil), e.Partners...)
	for i := range c.Partners {
		c.Partners[i].Pos = graph.Pos{}
	}
	c.People = append([]graph.Person(nil), e.People...)
	for i := range c.People {
		c.People[i].Pos = graph.Pos{}
	}
	c.Units = append([]graph.Unit(nil), e.Units...)
	for i := range c.Units {
		c.Units[i].Pos = graph.Pos{}
	}
	c.Memberships = append([]graph.Membership(nil), e.Memberships...)
	for i := range c.Memberships {
		c.Memberships[i].Pos = graph.Pos{}
	}
	c.Ties = append([]graph.Tie(nil), e.Ties...)
	for i := range c.Ties {
		c.Ties[i].Pos = graph.Pos{}
	}
	c.Values = append([]graph.Value(nil), e.Values...)
	for i := range c.Values {
		c.Values[i].Pos = graph.Pos{}
	}
	return c
}

func sameEcosystem(t *testing.T, got, want *graph.Ecosystem) {
	t.Helper()
	g, w := noPos(got), noPos(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("the workbook reads to another ecosystem than the CSV folder:\n got %+v\nwant %+v", g, w)
	}
}

const example = "../examples/energieke-regio"

// The example as a workbook reads to the ecosystem of the CSV folder: with
// every cell text, and with dates as date cells and numbers as numbers.
func TestXLSXExample(t *testing.T) {
	want, ps, err := Read(example)
	if err != nil {
		t.Fatalf("the CSV folder: %v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	typed := func(table, h, v string) any {
		switch h {
		case "since", "until", "date":
			if tm, err := time.Parse("2006-01-02", v); err == nil {
				return tm // a date cell: an Excel serial number
			}
			if y, err := strconv.Atoi(v); err == nil {
				return y // a year typed as a number
			}
		case "weight":
			if w, err := strconv.ParseFloat(v, 64); err == nil {
				return w
			}
		case "directed":
			if b, err := strconv.ParseBool(v); err == nil {
				return b
			}
		}
		return v
	}
	for _, c := range []struct {
		name string
		conv func(table, h, v string) any
	}{{"text", nil}, {"typed", typed}} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "energieke-regio.xlsx")
			writeXLSX(t, path, csvSheets(t, example, c.conv))
			got, ps, err := Read(path)
			if err != nil {
				t.Fatalf("%v\n%s", err, strings.Join(lines(ps), "\n"))
			}
			want.Name = "energieke-regio"
			sameEcosystem(t, got, want)
			if len(got.Partners) == 0 || len(got.Ties) == 0 || len(got.Values) == 0 {
				t.Errorf("records missing: %d partners, %d ties, %d values", len(got.Partners), len(got.Ties), len(got.Values))
			}
		})
	}
}

// Dates as date cells (serial numbers), as text of each precision and as
// year numbers read to the same dates; numbers stored as text are numbers;
// sheet names and headers are matched without regard to case, in Dutch.
func TestXLSXCells(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "boek.xlsx")
	writeXLSX(t, path, []xsheet{
		{"Organisaties", [][]any{
			{"ID", "Naam", "Helix Type", "Regio", "Vanaf", "Tot"},
			{"a", "A", "onderwijs", "Twente", time.Date(2019, 3, 5, 0, 0, 0, 0, time.UTC), "2021"},
			{"b", "B", "bedrijf", nil, "2019-03", 2022},
			{nil, nil, nil, nil, nil, nil}, // an empty row
			{},
			{"c", "C", "overheid", nil, "2019-03-05", time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)},
			{42, "D", "academia"}, // an id typed as a number
		}},
		{"RELATIES", [][]any{
			{"Bron", "Doel", "Gewicht", "Gericht", "Sinds"},
			{"a", "b", "2.5", "ja", 2020},
			{"b", "c", "2,5", true, "2020-01"},
			{"a", "42", 3, "false", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		}},
		{"about", [][]any{{"column", "meaning"}, {"id", "whatever"}}},
	})
	e, ps, err := Read(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	if len(ps) != 0 {
		t.Errorf("problems: %s", strings.Join(lines(ps), "\n"))
	}
	d := func(s string) graph.Date {
		v, err := graph.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if len(e.Partners) != 4 {
		t.Fatalf("%d partners, want 4 (empty rows skipped)", len(e.Partners))
	}
	for i, w := range []struct {
		id           string
		helix        graph.Helix
		since, until graph.Date
	}{
		{"a", graph.Academia, d("2019-03-05"), d("2021")},
		{"b", graph.Industry, d("2019-03"), d("2022")},
		{"c", graph.Government, d("2019-03-05"), d("2020-12-31")},
		{"42", graph.Academia, graph.Date{}, graph.Date{}},
	} {
		p := e.Partners[i]
		if p.ID != w.id || p.Helix != w.helix || p.Since != w.since || p.Until != w.until {
			t.Errorf("partner %d: %s %s %v–%v, want %s %s %v–%v", i, p.ID, p.Helix, p.Since, p.Until, w.id, w.helix, w.since, w.until)
		}
	}
	if len(e.Ties) != 3 {
		t.Fatalf("%d ties, want 3", len(e.Ties))
	}
	for i, w := range []struct {
		weight   float64
		directed bool
		since    graph.Date
	}{{2.5, true, d("2020")}, {2.5, true, d("2020-01")}, {3, false, d("2020-01-01")}} {
		tie := e.Ties[i]
		if tie.Weight != w.weight || tie.Directed != w.directed || tie.Since != w.since {
			t.Errorf("tie %d: weight %v directed %v since %v, want %v %v %v", i, tie.Weight, tie.Directed, tie.Since, w.weight, w.directed, w.since)
		}
	}
}

// Problems name the sheet and the cell.
func TestXLSXPositions(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeXLSX(t, "book.xlsx", []xsheet{
		{"partners", [][]any{
			{"id", "name", "helix", "since"},
			{"a", "A", "academia", "2019"},
			{"b", "B", "acadmia", "2019-13"},
			{"a", "A again", "industry", nil},
		}},
		{"My Ties", [][]any{{"source"}}},
		{"ties", [][]any{
			nil,
			{"source", "target", "weight"},
			{"a", "b", "zwaar"},
			{"a", "x", 1},
		}},
		{"units", [][]any{{"name", "level"}}},
	})
	_, ps, err := Read("book.xlsx")
	if err == nil {
		t.Fatal("no error")
	}
	checkProblems(t, ps, []string{
		"book.xlsx: 'My Ties'!: warning: not a table of a data set, ignored (sheets: partners, people, units, memberships, ties, values)",
		`book.xlsx: partners!C3: helix: unknown helix type "acadmia"; did you mean "academia"? (valid: academia, industry, government, civil_society, environment, unknown)`,
		`book.xlsx: partners!D3: since: invalid date "2019-13": month 13 out of range 1-12`,
		"book.xlsx: units!A1: id: required column is missing (the header has: \"name,level\")",
		`book.xlsx: ties!C3: weight: "zwaar" is not a number`,
	})
	// Validate's problems too, once the sheets can be read.
	writeXLSX(t, "book.xlsx", []xsheet{
		{"partners", [][]any{{"id", "name"}, {"a", "A"}, {"a", "A again"}}},
		{"ties", [][]any{{"source", "target"}, {"a", "x"}}},
	})
	_, ps, _ = Read("book.xlsx")
	got := strings.Join(lines(ps), "\n")
	for _, want := range []string{"book.xlsx: partners!A3: id: ", "book.xlsx: ties!B2: target: "} {
		if !strings.Contains(got, want) {
			t.Errorf("no problem at %q in\n%s", want, got)
		}
	}
}

// A workbook without a partners sheet, a file that is not a zip, an old
// .xls file and a zip bomb are refused with a message that says why.
func TestXLSXRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeXLSX(t, "kumu.xlsx", []xsheet{{"Elements", [][]any{{"Label"}}}, {"Connections", [][]any{{"From", "To"}}}})
	os.WriteFile("text.xlsx", []byte("id,name\na,A\n"), 0o644)
	os.WriteFile("old.xlsx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest"), 0o644)
	os.WriteFile("empty.xlsx", nil, 0o644)
	os.WriteFile("bad.xlsx", []byte("PK\x03\x04 not really"), 0o644)
	// A zip bomb: 64 MB of zeros in a sheet, a few kB packed.
	f, _ := os.Create("bomb.xlsx")
	zw := zip.NewWriter(f)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zero := make([]byte, 1<<20)
	for range 64 {
		w.Write(zero)
	}
	zw.Close()
	f.Close()
	defer func(n int64) { MaxXLSXUnzipped = n }(MaxXLSXUnzipped)
	MaxXLSXUnzipped = 32 << 20
	for name, want := range map[string]string{
		"kumu.xlsx":  `kumu.xlsx: no sheet partners (or organisaties) in the workbook; it is required (the sheets are: "Elements, Connections"); this looks like a Kumu export: read it with --format kumu`,
		"text.xlsx":  "text.xlsx: not an Excel workbook (.xlsx): it is a text file, not a zip file; is it a CSV file? Then name it .csv and put it in a folder with the other tables",
		"old.xlsx":   "old.xlsx: not an Excel workbook (.xlsx): it is an Excel 97-2003 workbook (.xls), a workbook protected by a password, or another old Office file; save it in Excel as .xlsx without a password",
		"empty.xlsx": "empty.xlsx: not an Excel workbook (.xlsx): the file is empty",
		"bad.xlsx":   "bad.xlsx: not an Excel workbook (.xlsx): cannot read it as a zip file (zip: not a valid zip file)",
		"bomb.xlsx":  "bomb.xlsx: the workbook would unpack to 64 MB, more than the 32 MB ecoscope unpacks from one .xlsx; it is damaged or not a data set (a zip bomb), or save the tables as CSV files",
	} {
		// As xlsx: kumu.xlsx alone would be read by the Kumu importer.
		e, ps, err := ReadOptions(name, Options{Format: "xlsx"})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if e != nil && len(e.Partners) > 0 {
			t.Errorf("%s: partners read", name)
		}
		checkProblems(t, ps, []string{want})
	}
	// Picked by content, a Kumu workbook goes to the Kumu importer.
	if _, ps, _ := Read("kumu.xlsx"); len(ps) == 0 || !strings.Contains(ps[0].String(), "Kumu map has no elements") {
		t.Errorf("kumu.xlsx read as: %v", ps)
	}
}

// A workbook is recognised by its content whatever its name.
func TestXLSXByContent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.bin")
	writeXLSX(t, filepath.Join(dir, "export.xlsx"), []xsheet{{"partners", [][]any{{"id"}, {"a"}}}})
	if err := os.Rename(filepath.Join(dir, "export.xlsx"), path); err != nil {
		t.Fatal(err)
	}
	e, _, err := Read(path)
	if err != nil || len(e.Partners) != 1 {
		t.Fatalf("%v, %v", e, err)
	}
}

// FuzzReadXLSX reads any bytes as a workbook: no panic, no hang, and
// every problem printable.
func FuzzReadXLSX(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.xlsx")
	writeXLSX(f, seed, csvSheets(f, example, nil))
	b, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	small := filepath.Join(dir, "small.xlsx")
	writeXLSX(f, small, []xsheet{{"partners", [][]any{{"id", "helix", "since"}, {"a", "academia", time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{"ties", [][]any{{"source", "target", "weight"}, {"a", "a", 2}}}})
	if b, err := os.ReadFile(small); err == nil {
		f.Add(b)
	}
	defer func(n int64) { MaxXLSXUnzipped = n }(MaxXLSXUnzipped)
	MaxXLSXUnzipped = 8 << 20 // the seeds unpack to less than 1 MB
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, ps, _ := Read(path)
		checkPrintable(t, ps)
	})
}

// BenchmarkReadXLSX reads a workbook of 50,000 partners and 250,000 ties
// (or, with ECOSCOPE_XLSX_BENCH=DIR, the CSV tables of DIR as a workbook,
// such as those of `ecoscope generate --partners 50000 --seed 1 --out DIR`).
func BenchmarkReadXLSX(b *testing.B) {
	dir := os.Getenv("ECOSCOPE_XLSX_BENCH")
	if dir == "" {
		dir = b.TempDir()
		writeDataSet(b, dir, 50_000, 250_000, 1)
	}
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	writeXLSX(b, path, csvSheets(b, dir, nil))
	b.ResetTimer()
	for b.Loop() {
		e, ps, err := Read(path)
		if err != nil {
			b.Fatalf("%v\n%s", err, strings.Join(lines(ps[:min(len(ps), 5)]), "\n"))
		}
		b.ReportMetric(float64(len(e.Partners)), "partners")
		b.ReportMetric(float64(len(e.Ties)), "ties")
	}
}

// TestCSVToXLSX is a helper, not a test: with ECOSCOPE_CSV2XLSX=DIR=FILE it
// writes the CSV tables of the folder DIR as the workbook FILE (every cell
// text), to make benchmark and seed workbooks:
//
//	ECOSCOPE_CSV2XLSX=/tmp/x50k=/tmp/x50k.xlsx go test ./importers -run TestCSVToXLSX
func TestCSVToXLSX(t *testing.T) {
	arg := os.Getenv("ECOSCOPE_CSV2XLSX")
	if arg == "" {
		t.Skip("set ECOSCOPE_CSV2XLSX=DIR=FILE to convert a folder of CSV tables")
	}
	dir, file, ok := strings.Cut(arg, "=")
	if !ok {
		t.Fatal("want ECOSCOPE_CSV2XLSX=DIR=FILE")
	}
	writeXLSX(t, file, csvSheets(t, dir, nil))
}
