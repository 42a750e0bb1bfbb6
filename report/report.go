package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// Meta says what a report is about.
type Meta struct {
	Source string     // where the data came from: a store path or input files
	At     graph.Date // the snapshot date; zero for the cumulative network
	Unit   string     // the unit whose subtree is reported; "" for all
}

// Report is the composition report of an ecosystem. Its JSON keys are
// stable: later versions add keys, never rename them.
type Report struct {
	Name   string `json:"name,omitempty"`
	Source string `json:"source"`
	At     string `json:"at"`
	Unit   string `json:"unit,omitempty"`
	analysis.Composition
	// TieSource says which ties Ties counts: explicit, units or all.
	TieSource string `json:"tie_source"`
	// Notes say what the reader should know of how the network was made.
	Notes       analysis.Notes             `json:"notes"`
	People      int                        `json:"people"`
	Memberships int                        `json:"memberships"`
	Values      int                        `json:"values"`
	Units       []analysis.UnitComposition `json:"units"`
}

// Build computes the report of e. Ties counts the pairs of partners joined
// in the partner network that opts makes, as ecoscope metrics does.
func Build(e *graph.Ecosystem, m Meta, opts analysis.Options) Report {
	at := "all"
	if !m.At.IsZero() {
		at = m.At.String()
	}
	net := analysis.New(e, opts)
	r := Report{
		Name:        e.Name,
		Source:      m.Source,
		At:          at,
		Unit:        m.Unit,
		Composition: analysis.Compose(e),
		TieSource:   opts.Ties.String(),
		Notes:       net.Notes(),
		People:      len(e.People),
		Memberships: len(e.Memberships),
		Values:      len(e.Values),
		Units:       analysis.ComposeUnits(e),
	}
	r.Ties = net.M()
	return r
}

// WriteJSON writes r as indented JSON.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes r for people to read.
func WriteText(w io.Writer, r Report) error {
	ew := &errWriter{w: w}
	ew.heading("Ecosystem report", r.Name)
	ew.sourceAndSnapshot(r.Source, r.At, "")
	if r.Unit != "" {
		ew.printf("Unit:     %s and the units below it\n", r.Unit)
	}
	ew.printf("Ties:     %s\n", describeTies(r.TieSource))
	ew.printf("\n%d partners, %d ties between partners, %d units, %d people, %d memberships, %d value records\n",
		r.Partners, r.Ties, len(r.Units), r.People, r.Memberships, r.Values)
	if r.Partners == 0 {
		if r.At != "all" {
			ew.printf("\nNo partners are active at %s: the snapshot is empty. Try a later date.\n", r.At)
		} else {
			ew.printf("\nThe data set has no partners.\n")
		}
		return ew.err
	}

	ew.printf("\nHelix coverage: %s\n", describeCoverage(r.Coverage))

	var rows []countRow
	for _, h := range append(append([]graph.Helix{}, graph.Helices...), graph.HelixUnknown) {
		if n, ok := r.HelixCounts[h]; ok {
			rows = append(rows, countRow{string(h), n})
		}
	}
	writeCounts(ew, "Partners per helix type", rows, r.Partners)

	rows = rows[:0]
	for _, s := range append(append([]graph.Sector{}, graph.Sectors...), graph.SectorUnknown) {
		if n, ok := r.SectorCounts[s]; ok {
			rows = append(rows, countRow{string(s), n})
		}
	}
	writeCounts(ew, "Partners per sector", rows, r.Partners)

	rows = rows[:0]
	for _, k := range sortedByCount(r.KindCounts) {
		rows = append(rows, countRow{k, r.KindCounts[k]})
	}
	writeCounts(ew, "Partners per kind", rows, r.Partners)

	ew.printf("\nUnits per level: ")
	for i, l := range graph.Levels {
		if i > 0 {
			ew.printf(", ")
		}
		ew.printf("%s %d", l, r.UnitCounts[l])
	}
	ew.printf("\n")
	if len(r.Units) > 0 {
		ew.printf("\nUnits (size and coverage count the partners of the unit and of the units below it)\n")
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  unit\tlevel\tform\tsize\tcoverage\tmissing\n")
		for _, u := range r.Units {
			missing := "-"
			if len(u.Coverage.Missing) > 0 {
				missing = joinHelices(u.Coverage.Missing)
			}
			fmt.Fprintf(tw, "  %s%s\t%s\t%s\t%d\t%s\t%s\n", strings.Repeat("  ", u.Depth), u.ID, u.Level, u.Form, u.Size, u.Coverage.Class, missing)
		}
		tw.Flush()
	}
	return ew.err
}

type countRow struct {
	label string
	n     int
}

// writeCounts writes a titled table of counts with their share of total:
// labels left-aligned, numbers right-aligned.
func writeCounts(ew *errWriter, title string, rows []countRow, total int) {
	ew.printf("\n%s\n", title)
	width := 0
	for _, r := range rows {
		width = max(width, len([]rune(r.label)))
	}
	for _, r := range rows {
		ew.printf("  %s%s  %5d  %6s\n", r.label, strings.Repeat(" ", width-len([]rune(r.label))), r.n, percent(r.n, total))
	}
}

func describeCoverage(c graph.Coverage) string {
	s := string(c.Class)
	if len(c.Present) > 0 {
		s += "; present: " + joinHelices(c.Present)
	}
	if len(c.Missing) > 0 {
		s += "; missing: " + joinHelices(c.Missing)
	}
	return s
}

func joinHelices(hs []graph.Helix) string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = string(h)
	}
	return strings.Join(s, ", ")
}

func percent(n, total int) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))
}

// sortedByCount returns the keys of m, the largest count first, ties by name.
func sortedByCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// errWriter remembers the first write error so that the text writer can
// print freely and report it once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// heading writes the title of a text report, followed by ": name" when
// name is set, and underlines it.
func (e *errWriter) heading(title, name string) {
	if name != "" {
		title += ": " + name
	}
	e.printf("%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
}

// sourceAndSnapshot writes the Source and Snapshot lines of a text report:
// at is "all" for the cumulative network, else the date, followed by note
// when set.
func (e *errWriter) sourceAndSnapshot(source, at, note string) {
	e.printf("Source:   %s\n", source)
	if at == "all" {
		e.printf("Snapshot: cumulative (every record, whatever its dates)\n")
		return
	}
	if note != "" {
		at += " " + note
	}
	e.printf("Snapshot: at %s\n", at)
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
