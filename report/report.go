package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// Meta says what a report is about.
type Meta struct {
	Source string     // where the data came from: a store path or input files
	At     graph.Date // the snapshot date; zero for the cumulative network
	Unit   string     // the unit whose subtree is reported; "" for all
	// Empty, when the snapshot holds no partners, says why (see
	// analysis.ExplainEmpty); nil otherwise.
	Empty *analysis.EmptySnapshot
}

// note returns why the snapshot of m is empty, in words; "" when it is not
// or nothing is known.
func (m Meta) note() string {
	if m.Empty == nil {
		return ""
	}
	return DescribeEmpty(*m.Empty)
}

// Report is the composition report of an ecosystem. Its JSON keys are
// stable: later versions add keys, never rename them.
type Report struct {
	Name   string `json:"name,omitempty"`
	Source string `json:"source"`
	At     string `json:"at"`
	Unit   string `json:"unit,omitempty"`
	// Note says why the snapshot holds no partners, and which date does.
	Note string `json:"note,omitempty"`
	analysis.Composition
	// TieSource says which ties Ties counts: explicit, units or all.
	TieSource string `json:"tie_source"`
	// Notes say what the reader should know of how the network was made.
	Notes       analysis.Notes `json:"notes"`
	People      int            `json:"people"`
	Memberships int            `json:"memberships"`
	Values      int            `json:"values"`
	// UnitSummary counts the units per level and coverage class.
	UnitSummary UnitSummary `json:"unit_summary"`
	// Units are every unit, in tree order.
	Units []UnitEntry `json:"units"`
}

// Options are what a report is computed with.
type Options struct {
	// Network makes the partner network whose ties the report counts.
	Network analysis.Options
	// Targets are the coverage classes units are measured against, as
	// ecoscope gaps measures them (gaps.targets in ecoscope.yaml).
	Targets analysis.Targets
}

// UnitEntry is the composition of one unit with its coverage target.
type UnitEntry struct {
	analysis.UnitComposition
	// Target is the coverage class the unit should reach (graph.None:
	// no target); TargetMissing the types the target asks for that the
	// unit lacks (graph.MissingFor), as ecoscope gaps names them.
	Target        graph.CoverageClass `json:"target"`
	TargetMissing []graph.Helix       `json:"target_missing"`
}

// UnitSummary counts units per level and coverage class.
type UnitSummary struct {
	// Targets are the coverage targets per level and form, as in
	// ecoscope gaps: a form overrides its level.
	Targets map[string]string `json:"targets"`
	// Levels has one row per level, in framework order (ecosystem,
	// fieldlab, team), also for a level without units.
	Levels []LevelSummary `json:"levels"`
	Total  LevelSummary   `json:"total"`
}

// LevelSummary counts the units of one level (or of all levels).
type LevelSummary struct {
	Level graph.Level `json:"level,omitempty"`
	Units int         `json:"units"`
	// Coverage counts the units per coverage class; all five classes
	// are present, 0 when no unit has it.
	Coverage map[graph.CoverageClass]int `json:"coverage"`
	// BelowTarget counts the units that lack a type their target asks for.
	BelowTarget int `json:"below_target"`
}

// coverageClasses are the classes from the richest to the poorest.
var coverageClasses = []graph.CoverageClass{graph.Quintuple, graph.Quadruple, graph.Triple, graph.Partial, graph.None}

func newLevelSummary(l graph.Level) LevelSummary {
	s := LevelSummary{Level: l, Coverage: make(map[graph.CoverageClass]int, len(coverageClasses))}
	for _, c := range coverageClasses {
		s.Coverage[c] = 0
	}
	return s
}

func (s *LevelSummary) add(u UnitEntry) {
	s.Units++
	s.Coverage[u.Coverage.Class]++
	if len(u.TargetMissing) > 0 {
		s.BelowTarget++
	}
}

// summarise counts units per level and class.
func summarise(units []UnitEntry, t analysis.Targets) UnitSummary {
	s := UnitSummary{Targets: targetStrings(t), Total: newLevelSummary("")}
	row := map[graph.Level]int{}
	for i, l := range graph.Levels {
		s.Levels = append(s.Levels, newLevelSummary(l))
		row[l] = i
	}
	for _, u := range units {
		i, ok := row[u.Level]
		if !ok { // a level outside the framework: counted, not dropped
			i = len(s.Levels)
			row[u.Level] = i
			s.Levels = append(s.Levels, newLevelSummary(u.Level))
		}
		s.Levels[i].add(u)
		s.Total.add(u)
	}
	return s
}

// targetStrings writes t as gaps.targets does: level or form -> class.
func targetStrings(t analysis.Targets) map[string]string {
	m := make(map[string]string, len(t.Levels)+len(t.Forms))
	for l, c := range t.Levels {
		m[string(l)] = string(c)
	}
	for f, c := range t.Forms {
		if _, isLevel := m[string(f)]; !isLevel {
			m[string(f)] = string(c)
		}
	}
	return m
}

// Build computes the report of e. Ties counts the pairs of partners joined
// in the partner network that o.Network makes, as ecoscope metrics does;
// units are measured against o.Targets as ecoscope gaps measures them.
func Build(e *graph.Ecosystem, m Meta, o Options) Report {
	return build(e, m, o, analysis.New(e, o.Network))
}

// build is Build on net, the partner network of e that o.Network makes.
func build(e *graph.Ecosystem, m Meta, o Options, net *analysis.Network) Report {
	at := "all"
	if !m.At.IsZero() {
		at = m.At.String()
	}
	comp := analysis.ComposeUnits(e)
	units := make([]UnitEntry, len(comp))
	for i, u := range comp {
		target := o.Targets.Of(u.Level, u.Form)
		units[i] = UnitEntry{UnitComposition: u, Target: target, TargetMissing: graph.MissingFor(target, u.Coverage.Present)}
	}
	r := Report{
		Name:        e.Name,
		Source:      m.Source,
		At:          at,
		Unit:        m.Unit,
		Note:        m.note(),
		Composition: analysis.Compose(e),
		TieSource:   o.Network.Ties.String(),
		Notes:       net.Notes(),
		People:      len(e.People),
		Memberships: len(e.Memberships),
		Values:      len(e.Values),
		UnitSummary: summarise(units, o.Targets),
		Units:       units,
	}
	r.Ties = net.M()
	return r
}

// byAttention returns the units in the order a reader should look at them:
// the most types short of the target first; then the higher level
// (ecosystem, fieldlab, team), whose gaps reach further; then the larger
// unit, with more partners concerned; then tree order.
func byAttention(units []UnitEntry) []UnitEntry {
	rank := func(l graph.Level) int {
		if i := slices.Index(graph.Levels, l); i >= 0 {
			return i
		}
		return len(graph.Levels)
	}
	out := slices.Clone(units)
	slices.SortStableFunc(out, func(a, b UnitEntry) int {
		return cmp.Or(
			cmp.Compare(len(b.TargetMissing), len(a.TargetMissing)),
			cmp.Compare(rank(a.Level), rank(b.Level)),
			cmp.Compare(b.Size, a.Size),
		)
	})
	return out
}

// WriteJSON writes any document of ecoscope (a report, metrics, gaps,
// growth, check, values) as indented JSON; undefined numbers are null. It
// is the one JSON writer of every command. To a *FieldsWriter it writes
// only the keys the writer names.
func WriteJSON(w io.Writer, doc any) error {
	if fw, ok := w.(*FieldsWriter); ok {
		return writeJSONFields(fw.Writer, doc, fw.Fields)
	}
	// The bytes of an Encoder with SetIndent("", "  "), made faster: the
	// Encoder writes the compact JSON (HTML characters escaped, then a
	// newline) in one piece, and indentWriter indents it in one pass
	// (json.Indent validates it with its scanner as it goes, which took
	// most of the time) and writes it on in chunks. A document that fails
	// to encode writes nothing. A document whose last field is a long list
	// (the node metrics of 50,000 partners, 45 MB) is encoded a row at a
	// time instead (writeRows), and may stop part-way if a row fails to
	// encode; none of ours can.
	iw := &indentWriter{w: w}
	if ok, err := writeRows(iw, doc); ok || err != nil {
		if err != nil {
			return err
		}
		return iw.Flush()
	}
	if err := json.NewEncoder(iw).Encode(doc); err != nil {
		return err
	}
	return iw.Flush()
}

// WriteText writes r for people to read: the composition, the units per
// level and coverage class, and the units most in need of attention.
func WriteText(w io.Writer, r Report, o TextOptions) error {
	ew := &errWriter{w: w}
	ew.heading("Ecosystem report", Printable(r.Name))
	ew.sourceAndSnapshot(Printable(r.Source), r.At, "")
	if r.Unit != "" {
		ew.printf("Unit:     %s and the units below it\n", Printable(r.Unit))
	}
	ew.printf("Ties:     %s\n", describeTies(r.TieSource))
	ew.printf("\n%d partners, %d ties between partners, %d units, %d people, %d memberships, %d value records\n",
		r.Partners, r.Ties, len(r.Units), r.People, r.Memberships, r.Values)
	if r.Partners == 0 {
		ew.printf("\n%s\n", emptyNote(r.Note, r.At))
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
		rows = append(rows, countRow{Printable(k), r.KindCounts[k]})
	}
	writeCounts(ew, "Partners per kind", rows, r.Partners)

	writeUnits(ew, r, o)
	return ew.err
}

// DefaultTextUnits is the number of units the text report lists unless
// told otherwise; JSON lists every unit.
const DefaultTextUnits = 25

// AllUnits as TextOptions.Units lists every unit.
const AllUnits = -1

// TextOptions shape the text report.
type TextOptions struct {
	// Units is the number of units listed, those furthest below their
	// target first: AllUnits lists every one, 0 none (the table of units
	// per level and coverage class only).
	Units int
}

// writeUnits writes the table of units per level and coverage class, then
// the units most in need of attention, at most o.Units of them.
func writeUnits(ew *errWriter, r Report, o TextOptions) {
	if len(r.Units) == 0 {
		if r.At == "all" {
			ew.printf("\nThe data set has no units: describe the ecosystem, its fieldlabs and teams in units.csv.\n")
		} else {
			ew.printf("\nNo units are active at %s.\n", r.At)
		}
		return
	}
	s := r.UnitSummary
	ew.printf("\nUnits per level and helix coverage (a unit counts the partners of the units below it too)\n")
	t := numeric("  ")
	t.add(append(append([]string{"level"}, classStrings()...), "total", "below target")...)
	row := func(label string, l LevelSummary) {
		cells := []string{label}
		for _, c := range coverageClasses {
			cells = append(cells, strconv.Itoa(l.Coverage[c]))
		}
		t.add(append(cells, strconv.Itoa(l.Units), strconv.Itoa(l.BelowTarget))...)
	}
	for _, l := range s.Levels {
		row(Printable(string(l.Level)), l)
	}
	row("total", s.Total)
	t.write(ew)
	ew.printf("Below target: lacking a helix type that the unit's target asks for (%s; gaps.targets in ecoscope.yaml).\n",
		describeTargets(s.Targets))

	n := o.Units
	if n < 0 || n > len(r.Units) {
		n = len(r.Units)
	}
	if n == 0 {
		ew.printf("\n%d units not listed; --units all lists every one.\n", len(r.Units))
		return
	}
	ew.printf("\nUnits, furthest below their target first (%d of %d; size and coverage count the partners of the units below it too)\n", n, len(r.Units))
	tw := newTable("  ")
	tw.add("unit", "level", "form", "size", "coverage", "target", "lacks")
	for _, u := range byAttention(r.Units)[:n] {
		target, lacks := string(u.Target), "-"
		if u.Target == graph.None || u.Target == "" {
			target = "-"
		}
		if len(u.TargetMissing) > 0 {
			lacks = joinHelices(u.TargetMissing)
		}
		tw.add(Printable(u.ID), string(u.Level), string(u.Form), strconv.Itoa(u.Size), string(u.Coverage.Class), target, lacks)
	}
	tw.write(ew)
	if more := len(r.Units) - n; more > 0 {
		ew.printf("  ... and %d more units; --units all lists every one\n", more)
	}
}

func classStrings() []string {
	out := make([]string, len(coverageClasses))
	for i, c := range coverageClasses {
		out[i] = string(c)
	}
	return out
}

// emptyNote is note, the reason a snapshot at at is empty, or when that
// is not known a plain statement of the fact.
func emptyNote(note, at string) string {
	switch {
	case note != "":
		return note
	case at != "all":
		return fmt.Sprintf("No partners are active at %s.", at)
	}
	return "The data set has no partners."
}

type countRow struct {
	label string
	n     int
}

// writeCounts writes a titled table of counts with their share of total:
// labels left-aligned, numbers right-aligned.
func writeCounts(ew *errWriter, title string, rows []countRow, total int) {
	ew.printf("\n%s\n", title)
	t := numeric("  ").minWidth(1, 5).minWidth(2, 6)
	for _, r := range rows {
		t.add(r.label, strconv.Itoa(r.n), percent(r.n, total))
	}
	t.write(ew)
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

// Write writes p with every control character but newline and tab
// escaped (see Printable): whatever a text report prints from the data, it
// cannot drive the terminal.
func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	out := p
	if s := string(p); needsEscape(s, true) {
		var b strings.Builder
		writePrintable(&b, s, true)
		out = []byte(b.String())
	}
	if _, e.err = e.w.Write(out); e.err != nil {
		return 0, e.err
	}
	return len(p), nil
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
