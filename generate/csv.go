package generate

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/internal/outfile"
)

// The files WriteCSV writes, with their header rows: the input layout of a
// data set folder.
var (
	partnersHeader    = []string{"id", "name", "helix", "sector", "kind", "region", "since", "until"}
	tiesHeader        = []string{"source", "target", "type", "weight", "since", "until", "directed"}
	unitsHeader       = []string{"id", "name", "level", "form", "parent", "challenge", "since", "until", "cadence"}
	membershipsHeader = []string{"unit", "member", "role", "since", "until"}
	peopleHeader      = []string{"id", "name", "partner", "discipline", "role"}
	valuesHeader      = []string{"reporter", "unit", "cycle", "capital", "level", "date", "description"}
)

// CSVFiles returns the names of the files WriteCSV writes.
func CSVFiles() []string {
	return []string{"partners.csv", "ties.csv", "units.csv", "memberships.csv", "people.csv", "values.csv"}
}

// WriteCSV writes e to the folder dir as partners.csv, ties.csv, units.csv,
// memberships.csv, people.csv and values.csv, in the input layout of a data
// set: comma-delimited, a header row, UTF-8 without BOM, "\n" line ends,
// fields quoted as encoding/csv quotes them, dates as Date.String (empty for
// no date), weights as the shortest decimal, directed as true or false. It
// creates dir when it does not exist and writes all six files, a file with
// only its header where e has no records of that kind. The same e gives the
// same bytes.
//
// Each file is written as outfile.Replace writes it: to a temporary file in
// dir, renamed into place. What is already there under one of the six
// names is replaced, a symbolic link included (what it points to is left
// alone); a caller that must not replace files checks for them first.
func WriteCSV(dir string, e *graph.Ecosystem) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name   string
		header []string
		rows   func(w *bufio.Writer)
	}{
		{"ties.csv", tiesHeader, func(w *bufio.Writer) { writeTies(w, e.Ties, false) }},
		{"partners.csv", partnersHeader, func(w *bufio.Writer) { writePartners(w, e.Partners) }},
		{"memberships.csv", membershipsHeader, func(w *bufio.Writer) { writeMemberships(w, e.Memberships) }},
		{"people.csv", peopleHeader, func(w *bufio.Writer) { writePeople(w, e.People) }},
		{"units.csv", unitsHeader, func(w *bufio.Writer) { writeUnits(w, e.Units) }},
		{"values.csv", valuesHeader, func(w *bufio.Writer) { writeValues(w, e.Values) }},
	}
	// An id column only where a tie has an id, so that data sets without
	// tie ids keep their layout.
	if slices.ContainsFunc(e.Ties, func(t graph.Tie) bool { return t.ID != "" }) {
		files[0].header = append(slices.Clip(tiesHeader), "id")
		files[0].rows = func(w *bufio.Writer) { writeTies(w, e.Ties, true) }
	}
	// The ties are most of the bytes: write them beside the other files.
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = writeFile(filepath.Join(dir, files[0].name), files[0].header, files[0].rows) })
	for i := 1; i < len(files); i++ {
		errs[i] = writeFile(filepath.Join(dir, files[i].name), files[i].header, files[i].rows)
	}
	wg.Wait()
	return errors.Join(errs...)
}

func writeFile(path string, header []string, rows func(w *bufio.Writer)) error {
	return outfile.Replace(path, func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<16)
		b := w.AvailableBuffer()
		for i, h := range header {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, h...)
		}
		w.Write(append(b, '\n'))
		rows(w)
		return w.Flush() // a write error sticks in w and comes out here
	})
}

func writePartners(w *bufio.Writer, ps []graph.Partner) {
	for i := range ps {
		p := &ps[i]
		b := w.AvailableBuffer()
		b = appendField(b, p.ID)
		b = appendField(append(b, ','), p.Name)
		b = appendField(append(b, ','), string(p.Helix))
		b = appendField(append(b, ','), string(p.Sector))
		b = appendField(append(b, ','), p.Kind)
		b = appendField(append(b, ','), p.Region)
		b = appendDate(append(b, ','), p.Since)
		b = appendDate(append(b, ','), p.Until)
		w.Write(append(b, '\n'))
	}
}

func writeTies(w *bufio.Writer, ts []graph.Tie, ids bool) {
	for i := range ts {
		t := &ts[i]
		b := w.AvailableBuffer()
		b = appendField(b, t.Source)
		b = appendField(append(b, ','), t.Target)
		b = appendField(append(b, ','), t.Type)
		b = strconv.AppendFloat(append(b, ','), t.Weight, 'g', -1, 64)
		b = appendDate(append(b, ','), t.Since)
		b = appendDate(append(b, ','), t.Until)
		b = strconv.AppendBool(append(b, ','), t.Directed)
		if ids {
			b = appendField(append(b, ','), t.ID)
		}
		w.Write(append(b, '\n'))
	}
}

func writeUnits(w *bufio.Writer, us []graph.Unit) {
	for i := range us {
		u := &us[i]
		b := w.AvailableBuffer()
		b = appendField(b, u.ID)
		b = appendField(append(b, ','), u.Name)
		b = appendField(append(b, ','), string(u.Level))
		b = appendField(append(b, ','), string(u.Form))
		b = appendField(append(b, ','), u.Parent)
		b = appendField(append(b, ','), u.Challenge)
		b = appendDate(append(b, ','), u.Since)
		b = appendDate(append(b, ','), u.Until)
		b = appendField(append(b, ','), u.Cadence)
		w.Write(append(b, '\n'))
	}
}

func writeMemberships(w *bufio.Writer, ms []graph.Membership) {
	for i := range ms {
		m := &ms[i]
		b := w.AvailableBuffer()
		b = appendField(b, m.Unit)
		b = appendField(append(b, ','), m.Member)
		b = appendField(append(b, ','), string(m.Role))
		b = appendDate(append(b, ','), m.Since)
		b = appendDate(append(b, ','), m.Until)
		w.Write(append(b, '\n'))
	}
}

func writePeople(w *bufio.Writer, ps []graph.Person) {
	for i := range ps {
		p := &ps[i]
		b := w.AvailableBuffer()
		b = appendField(b, p.ID)
		b = appendField(append(b, ','), p.Name)
		b = appendField(append(b, ','), p.Partner)
		b = appendField(append(b, ','), p.Discipline)
		b = appendField(append(b, ','), p.Role)
		w.Write(append(b, '\n'))
	}
}

func writeValues(w *bufio.Writer, vs []graph.Value) {
	for i := range vs {
		v := &vs[i]
		b := w.AvailableBuffer()
		b = appendField(b, v.Reporter)
		b = appendField(append(b, ','), v.Unit)
		b = appendField(append(b, ','), string(v.Cycle))
		b = appendField(append(b, ','), string(v.Capital))
		b = appendField(append(b, ','), string(v.Level))
		b = appendDate(append(b, ','), v.Date)
		b = appendField(append(b, ','), v.Description)
		w.Write(append(b, '\n'))
	}
}

// appendField appends s as a CSV field, quoted when encoding/csv would
// quote it.
func appendField(b []byte, s string) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// needsQuotes is encoding/csv's rule for a comma-delimited field.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// appendDate appends d as Date.String does: YYYY, YYYY-MM or YYYY-MM-DD, or
// nothing for the zero Date.
func appendDate(b []byte, d graph.Date) []byte {
	p := d.Precision()
	if p == graph.NoDate {
		return b
	}
	y := d.Year()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if p >= graph.Month {
		b = append(b, '-', byte('0'+d.Month()/10), byte('0'+d.Month()%10))
	}
	if p >= graph.Day {
		b = append(b, '-', byte('0'+d.Day()/10), byte('0'+d.Day()%10))
	}
	return b
}
