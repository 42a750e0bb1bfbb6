package exporters

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

// Labels returns a label for every node of d's network, unique without
// regard to case (Kumu and NetworkX's Pajek reader key elements by label):
// the partner's name (its id where it has none); where two or more
// partners share a name, each of them is "name (id)"; a label still taken
// gets " (2)", " (3)", ... in the order of the partners. Line breaks and
// tabs become spaces and | becomes / (Kumu splits cells at |).
func Labels(d *Data) []string {
	net := d.Network
	n := net.N()
	base := make([]string, n)
	count := make(map[string]int, n)
	for i := range n {
		s := cleanLabel(net.Name(i))
		if s == "" {
			s = cleanLabel(net.ID(i))
		}
		base[i] = s
		count[strings.ToLower(s)]++
	}
	labels := make([]string, n)
	taken := make(map[string]bool, n)
	for i, s := range base {
		if count[strings.ToLower(s)] > 1 {
			s = fmt.Sprintf("%s (%s)", s, cleanLabel(net.ID(i)))
		}
		l := s
		for k := 2; taken[strings.ToLower(l)]; k++ {
			l = fmt.Sprintf("%s (%d)", s, k)
		}
		taken[strings.ToLower(l)] = true
		labels[i] = l
	}
	return labels
}

// cleanLabel makes s one line without |, its ends trimmed.
func cleanLabel(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\v', '\f', '\u2028', '\u2029':
			return ' '
		case '|':
			return '/'
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// The sheets of the Kumu workbook.
const (
	KumuElements    = "Elements"
	KumuConnections = "Connections"
)

// KumuElementColumns are the first columns of the Elements sheet; the
// metrics follow, named as the columns of nodes.csv from degree on
// (analysis.NodeColumns[4:]).
var KumuElementColumns = []string{"Label", "Type", "Description", "Tags", "Partner ID", "Helix", "Sector", "Kind", "Region", "Since", "Until"}

// KumuConnectionColumns are the columns of the Connections sheet.
var KumuConnectionColumns = []string{"From", "To", "Type", "Strength", "Direction", "Tie source", "Since", "Until", "Tie ID", "Units"}

// HelixLabel is the name of a helix type as a person writes it: Academia,
// Civil society, ...; Unknown for a partner without one.
func HelixLabel(h graph.Helix) string {
	if h == "" {
		h = graph.HelixUnknown
	}
	s := strings.ReplaceAll(string(h), "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// WriteKumu writes the Kumu workbook of d: the sheet Elements, one row per
// partner (Labels; Type its helix type; Description its kind, sector and
// region; Tags the units it is a direct member of, separated by |; then
// its fields and node metrics), and the sheet Connections, one row per tie
// of ties.csv (TieRows: From and To are labels, Strength the weight,
// Direction directed or undirected). Text is written as text cells, never
// as formulas; undefined metrics are empty cells. Kumu imports the
// workbook as it is.
func WriteKumu(w io.Writer, d *Data, ties analysis.Options) error {
	// The node metrics are the slow part and the connections do not need
	// them: compute them while the Connections sheet is written.
	var wg sync.WaitGroup
	wg.Go(func() { d.Nodes() })
	defer wg.Wait()
	e, net := d.Ecosystem, d.Network
	labels := Labels(d)

	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(fastZip)
	if err := f.SetSheetName("Sheet1", KumuElements); err != nil {
		return err
	}
	if _, err := f.NewSheet(KumuConnections); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(KumuConnections)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", strs(KumuConnectionColumns)); err != nil {
		return err
	}
	tieRows := TieRows(d, ties)
	if n := max(len(tieRows), net.N()); n > kumuRows {
		return fmt.Errorf("%w: %d rows, and a sheet holds %d below its header; export a part (--at, --unit), fewer ties (--ties explicit or units), or use --format csv", ErrTooManyRows, n, kumuRows)
	}
	row := make([]any, len(KumuConnectionColumns))
	for k, t := range tieRows {
		typ, dir := t.Type, "undirected"
		if typ == "" {
			typ = t.TieSource
		}
		if t.Directed {
			dir = "directed"
		}
		cells := []string{labels[t.Source], labels[t.Target], typ}
		for j, s := range cells {
			row[j] = textCell(s)
		}
		row[3] = t.Weight
		for j, s := range []string{dir, t.TieSource, t.Period.Since.String(), t.Period.Until.String(), t.ID, joinTags(t.Units)} {
			row[4+j] = textCell(s)
		}
		if err := sw.SetRow(cell(1, k+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}

	tags := unitTags(e, d)
	wg.Wait()
	nodes, _, err := d.Nodes()
	if err != nil {
		return err
	}
	metrics, err := nodeMetricCells(nodes)
	if err != nil {
		return err
	}
	sw, err = f.NewStreamWriter(KumuElements)
	if err != nil {
		return err
	}
	head := append(append([]any{}, strs(KumuElementColumns)...), strs(analysis.NodeColumns[4:])...)
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	row = make([]any, len(head))
	for i := range net.N() {
		p := &e.Partners[i]
		var desc []string
		for _, s := range []string{p.Kind, string(net.Sector(i)) + " sector", p.Region} {
			if s != "" {
				desc = append(desc, s)
			}
		}
		cells := []string{labels[i], HelixLabel(p.Helix), strings.Join(desc, "; "), tags[i], p.ID, string(net.Helix(i)),
			string(net.Sector(i)), p.Kind, p.Region, p.Since.String(), p.Until.String()}
		for j, s := range cells {
			row[j] = textCell(s)
		}
		copy(row[len(cells):], metrics[i])
		if err := sw.SetRow(cell(1, i+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// ExcelMaxRows is the most rows a sheet of an .xlsx workbook holds
// (Excel's limit, which excelize enforces).
const ExcelMaxRows = 1 << 20

// kumuRows is the most partners or connections a workbook holds, one row
// each below the header (a variable for the tests).
var kumuRows = ExcelMaxRows - 1

// ErrTooManyRows: the network has more partners or ties than a sheet
// holds (EU CORDIS with its 1.09 M explicit ties and the co-membership
// ties of its projects).
var ErrTooManyRows = errors.New("too many rows for a Kumu workbook")

// fastZip is the zip writer of the workbook: deflate at its fastest
// level. At 50,000 partners (430,000 connections) the default level took
// 2 of the 5 seconds of writing, for a file a fifth smaller.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	return zw
}

// textCell is a text cell, or no cell for an empty string.
func textCell(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// nodeMetricCells returns the metric columns of nodes.csv (degree on), as
// numbers (nil where undefined): read back from what report.WriteNodesCSV
// writes, so that the workbook and nodes.csv can never disagree.
func nodeMetricCells(nodes []analysis.NodeMetrics) ([][]any, error) {
	var buf bytes.Buffer
	if err := report.WriteNodesCSV(&buf, nodes); err != nil {
		return nil, err
	}
	r := csv.NewReader(&buf)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return nil, err
	}
	out := make([][]any, len(nodes))
	for i := range nodes {
		rec, err := r.Read()
		if err != nil {
			return nil, err
		}
		vals := make([]any, len(rec)-4)
		for j, s := range rec[4:] {
			if s == "" {
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("nodes.csv column %s: %w", analysis.NodeColumns[4+j], err)
			}
			vals[j] = v
		}
		out[i] = vals
	}
	return out, nil
}

// unitTags returns, for every node, the names of the units its partner is
// a direct member of, separated by | (Kumu's separator of values).
func unitTags(e *graph.Ecosystem, d *Data) []string {
	names := make(map[string]string, len(e.Units))
	for _, u := range e.Units {
		if _, ok := names[u.ID]; !ok {
			n := cleanLabel(u.Name)
			if n == "" {
				n = cleanLabel(u.ID)
			}
			names[u.ID] = n
		}
	}
	byNode := make([][]string, d.Network.N())
	for unit, partners := range e.UnitPartners() {
		for _, id := range partners {
			if i, ok := d.Network.Index(id); ok {
				n := names[unit]
				if n == "" {
					n = cleanLabel(unit)
				}
				byNode[i] = append(byNode[i], n)
			}
		}
	}
	out := make([]string, len(byNode))
	for i, ts := range byNode {
		out[i] = joinTags(ts)
	}
	return out
}

// joinTags joins values with |, sorted and each once, none of them holding
// a |.
func joinTags(ts []string) string {
	if len(ts) == 0 {
		return ""
	}
	c := make([]string, 0, len(ts))
	for _, t := range ts {
		c = append(c, cleanLabel(t))
	}
	slices.Sort(c)
	return strings.Join(slices.Compact(c), "|")
}
