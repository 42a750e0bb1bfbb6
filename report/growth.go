package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// GrowthMeta says what a growth series or a diff is about; it is written
// with the JSON output.
type GrowthMeta struct {
	Name      string `json:"name,omitempty"`
	Source    string `json:"source"`
	Unit      string `json:"unit,omitempty"`
	TieSource string `json:"tie_source"`
	// Notes say what the reader should know of how the networks were made.
	Notes analysis.Notes `json:"notes"`
}

// GrowthJSON is the document of `ecoscope growth`: the series from the
// span From to the span To, one snapshot per Every. Its JSON keys are
// stable.
type GrowthJSON struct {
	GrowthMeta
	Every     string               `json:"every"`
	From      string               `json:"from"`
	To        string               `json:"to"`
	Snapshots []analysis.GrowthRow `json:"snapshots"`
}

// DiffJSON is the document of `ecoscope diff`: the snapshots at A and B
// compared. Its JSON keys are stable.
type DiffJSON struct {
	GrowthMeta
	A string `json:"a"`
	B string `json:"b"`
	analysis.Diff
}

// GrowthColumns are the CSV columns of a growth series, in order. The
// counts by helix type follow the five known types of graph.Helices and
// unknown.
var GrowthColumns = growthColumns()

func growthColumns() []string {
	h := []string{"date", "start", "end", "partners", "ties", "density", "components", "largest_component_share",
		"average_degree", "blau_index", "helix_coverage", "helix_missing", "helix_integration", "ei_index",
		"public_private_tie_share", "new_partners", "left_partners", "new_ties", "left_ties", "new_cross_helix_ties_share"}
	for _, t := range growthHelices() {
		h = append(h, "helix_"+string(t))
	}
	for _, t := range growthHelices() {
		h = append(h, "new_"+string(t))
	}
	return h
}

func growthHelices() []graph.Helix {
	return append(append([]graph.Helix{}, graph.Helices...), graph.HelixUnknown)
}

// WriteGrowthCSV writes one row per snapshot with the columns of
// GrowthColumns: numbers at full precision, NaN as an empty cell.
func WriteGrowthCSV(w io.Writer, rows []analysis.GrowthRow) error {
	c := newCSV(w)
	c.row(GrowthColumns...)
	for _, r := range rows {
		cells := []string{r.Date, r.Start.String(), r.End.String(), itoa(r.Partners), itoa(r.Ties), num(r.Density),
			itoa(r.Components), num(r.LargestComponentShare), num(r.AverageDegree), num(r.BlauIndex), string(r.HelixCoverage),
			joinTypes(r.HelixMissing), string(r.HelixIntegration), num(r.EIIndex), num(r.PublicPrivateTieShare),
			itoa(r.NewPartners), itoa(r.LeftPartners), itoa(r.NewTies), itoa(r.LeftTies), num(r.NewCrossHelixTiesShare)}
		for _, t := range growthHelices() {
			cells = append(cells, itoa(r.HelixCounts[t]))
		}
		for _, t := range growthHelices() {
			cells = append(cells, itoa(r.NewPartnersByHelix[t]))
		}
		c.row(cells...)
	}
	return c.flush()
}

// growthFixed formats f with the given verb, or "-" when it is NaN.
func growthFixed(verb string, f analysis.Float) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	out := fmt.Sprintf(verb, v)
	if strings.Trim(out, "+-0.") == "" {
		// Zero at this precision, perhaps a tiny negative: "-0.000" or
		// "+0.000" would suggest a change.
		out = strings.TrimLeft(out, "+-")
	}
	return out
}

func growthTitle(ew *errWriter, title string, m GrowthMeta) {
	ew.heading(title, m.Name)
	ew.printf("Source:    %s\n", m.Source)
	if m.Unit != "" {
		ew.printf("Unit:      %s and the units below it, as they are at each date\n", m.Unit)
	}
}

// WriteGrowthText writes a growth series for people to read: a table with
// one line per snapshot, what its columns mean, and a summary of the
// changes over the series.
func WriteGrowthText(w io.Writer, doc GrowthJSON) error {
	ew := &errWriter{w: w}
	growthTitle(ew, "Growth", doc.GrowthMeta)
	ew.printf("Snapshots: every %s from %s to %s (%d); ties: %s\n\n", doc.Every, doc.From, doc.To, len(doc.Snapshots), doc.TieSource)

	tw := allRight("  ")
	tw.add("date", "partners", "new", "left", "ties", "new ties", "cross", "density", "avg deg", "components", "largest", "Blau", "E-I", "pub-priv")
	for _, r := range doc.Snapshots {
		tw.add(r.Date, strconv.Itoa(r.Partners), strconv.Itoa(r.NewPartners), strconv.Itoa(r.LeftPartners), strconv.Itoa(r.Ties),
			strconv.Itoa(r.NewTies), growthFixed("%.2f", r.NewCrossHelixTiesShare),
			growthFixed("%.3f", r.Density), growthFixed("%.2f", r.AverageDegree), strconv.Itoa(r.Components), growthFixed("%.2f", r.LargestComponentShare),
			growthFixed("%.3f", r.BlauIndex), growthFixed("%+.2f", r.EIIndex), growthFixed("%.2f", r.PublicPrivateTieShare))
	}
	tw.write(ew)

	ew.printf("\n")
	tw = newTable("  ")
	tw.add("date", "coverage", "missing", "integration")
	for _, r := range doc.Snapshots {
		missing := "-"
		if len(r.HelixMissing) > 0 {
			missing = joinHelices(r.HelixMissing)
		}
		tw.add(r.Date, string(r.HelixCoverage), missing, string(r.HelixIntegration))
	}
	tw.write(ew)

	ew.printf(`
new, left    partners that joined or left since the snapshot before; in the first
             snapshot every partner is new
new ties     pairs of partners joined since the snapshot before
cross        share of the new ties joining two different helix types (ties with a
             partner of unknown type left out); - when there are none
largest      share of the partners in the largest component
E-I          (external - internal) / all ties between partners of a known type
pub-priv     share of the ties joining a public and a private partner
A snapshot holds every record active at any time in its period; see docs/growth.md.
`)
	if len(doc.Snapshots) == 0 {
		return ew.err
	}
	first, last := doc.Snapshots[0], doc.Snapshots[len(doc.Snapshots)-1]
	ew.printf("\nFrom %s to %s\n", first.Date, last.Date)
	ew.printf("  partners     %d → %d (%+d)\n", first.Partners, last.Partners, last.Partners-first.Partners)
	ew.printf("  ties         %d → %d (%+d)\n", first.Ties, last.Ties, last.Ties-first.Ties)
	ew.printf("  coverage     %s\n", growthTimeline(doc.Snapshots, func(r analysis.GrowthRow) string { return string(r.HelixCoverage) }))
	ew.printf("  integration  %s\n", growthTimeline(doc.Snapshots, func(r analysis.GrowthRow) string { return string(r.HelixIntegration) }))
	total := map[graph.Helix]int{}
	for _, r := range doc.Snapshots {
		for h, n := range r.NewPartnersByHelix {
			total[h] += n
		}
	}
	var parts []string
	for _, h := range growthHelices() {
		if h != graph.HelixUnknown || total[h] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", h, total[h]))
		}
	}
	ew.printf("  new partners per helix type (the first snapshot's included): %s\n", strings.Join(parts, ", "))
	return ew.err
}

// growthTimeline writes how a label changes over the series: "partial in
// 2018, triple from 2019".
func growthTimeline(rows []analysis.GrowthRow, label func(analysis.GrowthRow) string) string {
	var parts []string
	prev := ""
	for i, r := range rows {
		l := label(r)
		if i > 0 && l == prev {
			continue
		}
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%s in %s", l, r.Date))
		} else {
			parts = append(parts, fmt.Sprintf("%s from %s", l, r.Date))
		}
		prev = l
	}
	return strings.Join(parts, ", ")
}

// WriteDiffText writes a diff for people to read: the metrics at both
// dates and their change, coverage and integration, then the partners,
// ties and units that joined, left, were created or ended. Each list shows
// at most limit entries and says how many more there are; limit 0 shows
// all.
func WriteDiffText(w io.Writer, doc DiffJSON, limit int) error {
	ew := &errWriter{w: w}
	growthTitle(ew, "Diff", doc.GrowthMeta)
	ew.printf("Snapshots: %s and %s; ties: %s\n\n", doc.A, doc.B, doc.TieSource)

	m := doc.Metrics
	rows := [][]string{{"", doc.A, doc.B, "change"}}
	ints := func(name string, a, b, d int) {
		rows = append(rows, []string{name, itoa(a), itoa(b), fmt.Sprintf("%+d", d)})
	}
	floats := func(name, verb string, a, b, d analysis.Float) {
		rows = append(rows, []string{name, growthFixed(verb, a), growthFixed(verb, b), growthFixed("%+"+strings.TrimLeft(verb, "%+"), d)})
	}
	ints("partners", m.A.Partners, m.B.Partners, m.Delta.Partners)
	ints("ties", m.A.Ties, m.B.Ties, m.Delta.Ties)
	floats("density", "%.3f", m.A.Density, m.B.Density, m.Delta.Density)
	ints("components", m.A.Components, m.B.Components, m.Delta.Components)
	floats("largest component share", "%.2f", m.A.LargestComponentShare, m.B.LargestComponentShare, m.Delta.LargestComponentShare)
	floats("average degree", "%.2f", m.A.AverageDegree, m.B.AverageDegree, m.Delta.AverageDegree)
	floats("Blau index", "%.3f", m.A.BlauIndex, m.B.BlauIndex, m.Delta.BlauIndex)
	floats("E-I index", "%+.2f", m.A.EIIndex, m.B.EIIndex, m.Delta.EIIndex)
	floats("public-private tie share", "%.2f", m.A.PublicPrivateTieShare, m.B.PublicPrivateTieShare, m.Delta.PublicPrivateTieShare)
	rows = append(rows, []string{"helix coverage", string(m.A.HelixCoverage), string(m.B.HelixCoverage), ""})
	rows = append(rows, []string{"helix integration", string(m.A.HelixIntegration), string(m.B.HelixIntegration), ""})
	t := numeric("")
	for _, r := range rows {
		t.add(r...)
	}
	t.write(ew)

	c := doc.Coverage
	ew.printf("\nCoverage:    %s → %s; gained: %s; lost: %s\n", c.A.Class, c.B.Class, growthOrNone(joinHelices(c.Gained)), growthOrNone(joinHelices(c.Lost)))
	in := doc.Integration
	ew.printf("Integration: %s → %s; newly linked: %s; no longer linked: %s\n", in.A, in.B, growthOrNone(growthPairs(in.Linked)), growthOrNone(growthPairs(in.Unlinked)))

	more := func(n int) {
		if limit > 0 && n > limit {
			ew.printf("  ... and %d more (--limit 0 or --format json lists all)\n", n-limit)
		}
	}
	shown := func(n int) int {
		if limit > 0 && n > limit {
			return limit
		}
		return n
	}
	partners := func(title string, ps []analysis.DiffPartner) {
		if len(ps) == 0 {
			ew.printf("\n%s: none\n", title)
			return
		}
		ew.printf("\n%s (%d)\n", title, len(ps))
		tw := newTable("  ")
		for _, p := range ps[:shown(len(ps))] {
			tw.add(string(p.Helix), p.ID, p.Name)
		}
		tw.write(ew)
		more(len(ps))
	}
	ties := func(title string, ts []analysis.DiffTie) {
		if len(ts) == 0 {
			ew.printf("\n%s: none\n", title)
			return
		}
		pairs := "pairs"
		if len(ts) == 1 {
			pairs = "pair"
		}
		ew.printf("\n%s (%d %s of partners)\n", title, len(ts), pairs)
		tw := newTable("  ")
		for _, t := range ts[:shown(len(ts))] {
			tw.add(fmt.Sprintf("%s (%s)", t.SourceName, t.SourceHelix), fmt.Sprintf("– %s (%s)", t.TargetName, t.TargetHelix))
		}
		tw.write(ew)
		more(len(ts))
	}
	units := func(title string, us []analysis.DiffUnit) {
		if len(us) == 0 {
			ew.printf("\n%s: none\n", title)
			return
		}
		ew.printf("\n%s (%d)\n", title, len(us))
		tw := newTable("  ")
		for _, u := range us[:shown(len(us))] {
			period := growthOrOpen(u.Since.String()) + " – " + growthOrOpen(u.Until.String())
			tw.add(string(u.Level), string(u.Form), u.ID, u.Name, period)
		}
		tw.write(ew)
		more(len(us))
	}
	partners("Partners joined", doc.PartnersJoined)
	partners("Partners left", doc.PartnersLeft)
	ties("Ties joined", doc.TiesJoined)
	ties("Ties left", doc.TiesLeft)
	units("Units created", doc.UnitsCreated)
	units("Units ended", doc.UnitsEnded)
	return ew.err
}

func growthOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func growthOrOpen(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

func growthPairs(ps [][2]graph.Helix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p[0]) + "–" + string(p[1])
	}
	return strings.Join(s, ", ")
}
