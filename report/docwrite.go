package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report/charts"
)

// DocOptions shape the text and Markdown of a full report.
type DocOptions struct {
	Lang Lang
	// Units is the number of units listed in the unit list, the gaps and
	// the check (AllUnits: every one; 0: none).
	Units int
	// Charts are the drawn charts by name (DrawCharts): HTML inlines
	// each where the report places it; Markdown links the SVG file the
	// caller writes beside the report under ChartDir ("report_files"),
	// with the chart's text alternative as the image's alt text. A chart
	// not in the map is left out (its table stays). Text has none.
	Charts   map[string]charts.Chart
	ChartDir string
}

// Chart file names: the charts a Document has data for. DrawCharts draws
// them; the Markdown and HTML writers place them.
const (
	ChartHelix     = "helix.svg"
	ChartMixing    = "mixing.svg"
	ChartGrowth    = "growth.svg"
	ChartGrowthMix = "growth-mixing.svg"
	ChartValues    = "values.svg"
	ChartNetwork   = "network.svg"
)

// docSink is where the content of a report goes: plain text or Markdown.
// Every string it is given is text, which the sink escapes as its format
// needs; only the sink writes markup.
type docSink interface {
	title(title string, meta [][2]string)
	heading(id, title string)
	subheading(s string)
	para(s string)
	// more says what a list left out, right under it.
	more(s string)
	findings(items []Finding, titles map[string]string, see string)
	table(header []string, rows [][]string, right int)
	// block is a titled group of lines: in text a title and indented
	// lines, in Markdown a bold title and a list.
	block(title string, lines []string)
	// chart places the chart name, titled title, drawn from the table
	// just before it (or, for a second chart of one table, the table of
	// the chart before it).
	chart(name, title string)
	done() error
}

// writeDoc writes the content of d, in the order of Sections, to s.
func writeDoc(s docSink, d *Document, o DocOptions) error {
	w := docText(o.Lang)
	lang := o.Lang
	title := w.Title
	if d.Name != "" {
		title += ": " + d.Name
	}
	meta := [][2]string{{w.Source, d.Source}}
	if d.At == "all" {
		meta = append(meta, [2]string{w.Snapshot, w.Cumulative})
	} else {
		meta = append(meta, [2]string{w.Snapshot, d.At})
	}
	if d.Unit != "" {
		meta = append(meta, [2]string{w.Unit, fmt.Sprintf(w.UnitBelow, d.Unit)})
	}
	ties := map[string]string{"all": w.TiesAll, "explicit": w.TiesExplicit, "units": w.TiesUnits}[d.TieSource]
	meta = append(meta, [2]string{w.TiesLabel, ties + " (--ties " + d.TieSource + ")"})
	s.title(title, meta)

	s.heading(SectionSummary, w.Titles[SectionSummary])
	s.para(fmt.Sprintf(w.Headline, d.Partners, d.Ties, len(d.Units), d.People, d.Memberships, d.Values))
	if d.Partners == 0 || d.Summary == nil {
		if d.empty != nil {
			s.para(describeEmpty(*d.empty, emptyText[lang]))
		} else if d.Note != "" {
			s.para(d.Note)
		} else if d.At != "all" {
			s.para(fmt.Sprintf(w.NoPartnersAt, d.At))
		} else {
			s.para(w.NoPartners)
		}
		return s.done()
	}
	present := make([]string, len(d.Coverage.Present))
	for i, h := range d.Coverage.Present {
		present[i] = w.helix(h)
	}
	s.para(fmt.Sprintf(w.CoverageLine, w.class(d.Summary.Coverage), orNone(strings.Join(present, ", "), w), w.class(d.Summary.Integration)))
	items := make([]Finding, len(d.Summary.Findings))
	for i, f := range d.Summary.Findings {
		f.Text = FindingText(lang, f)
		items[i] = f
	}
	s.findings(items, w.Titles, w.See)

	// Composition.
	s.heading(SectionComposition, w.Titles[SectionComposition])
	var rows [][]string
	for _, h := range d.HelixChart {
		rows = append(rows, []string{w.helix(h.Helix), strconv.Itoa(h.Partners), percentL(h.Partners, d.Partners, lang)})
	}
	s.table([]string{w.HelixType, w.Partners, w.Share}, rows, 1)
	s.chart(ChartHelix, w.ChartTitles[ChartHelix])
	rows = nil
	for _, x := range append(append([]graph.Sector{}, graph.Sectors...), graph.SectorUnknown) {
		if n, ok := d.SectorCounts[x]; ok {
			rows = append(rows, []string{w.sector(x), strconv.Itoa(n), percentL(n, d.Partners, lang)})
		}
	}
	s.table([]string{w.Sector, w.Partners, w.Share}, rows, 1)
	rows = nil
	for _, k := range sortedByCount(d.KindCounts) {
		rows = append(rows, []string{k, strconv.Itoa(d.KindCounts[k]), percentL(d.KindCounts[k], d.Partners, lang)})
	}
	s.table([]string{w.Kind, w.Partners, w.Share}, rows, 1)

	// Mixing and E-I.
	nm := d.Network
	s.heading(SectionMixing, w.Titles[SectionMixing])
	s.para(w.MixingIntro)
	header := []string{""}
	for _, h := range d.Mixing.Types {
		header = append(header, w.helix(h))
	}
	rows = nil
	for i, h := range d.Mixing.Types {
		row := []string{w.helix(h)}
		for _, c := range d.Mixing.Counts[i] {
			row = append(row, strconv.Itoa(c))
		}
		rows = append(rows, row)
	}
	s.table(header, rows, 1)
	s.chart(ChartMixing, w.ChartTitles[ChartMixing])
	s.para(fmt.Sprintf(w.EIText, fnum(nm.EIIndex, lang), fnum(nm.EIIndexRescaled, lang), fnum(nm.EIIndexPValue, lang),
		nm.EIPermutations, fnum(nm.HelixAssortativity, lang), fnum(nm.PublicPrivateTieShare, lang)))

	// Diversity.
	s.heading(SectionDiversity, w.Titles[SectionDiversity])
	s.para(fmt.Sprintf(w.DiversityText, fnum(nm.BlauIndex, lang), fnum(nm.ShannonEntropy, lang), fnum(nm.ShannonEvenness, lang)))

	// Central partners.
	s.heading(SectionCentral, w.Titles[SectionCentral])
	rows = nil
	for _, c := range d.Central {
		rows = append(rows, []string{strconv.Itoa(c.Rank), partnerName(c.ID, c.Name), w.helix(c.Helix),
			strconv.Itoa(c.Degree), fnum(c.Betweenness, lang), strconv.Itoa(c.Community)})
	}
	s.table([]string{w.Rank, w.Partner, w.HelixType, w.Degree, w.Betweenness, w.Community}, rows, 3)
	if a := d.Betweenness.Approximation; a != nil {
		s.para(fmt.Sprintf(w.ApproxNote, a.Epsilon, 1-a.Delta, a.Samples))
		if d.Betweenness.Auto {
			s.para(fmt.Sprintf(w.AutoApproxNote, AutoApproxPartners))
		}
	} else {
		s.para(w.ExactNote)
	}

	// Brokers.
	s.heading(SectionBrokers, w.Titles[SectionBrokers])
	s.para(w.BrokersText)
	for _, r := range d.Brokers {
		if len(r.Partners) == 0 {
			continue
		}
		s.subheading(fmt.Sprintf(w.RoleText, upperFirst(w.Roles[r.Role]), r.Brokers))
		rows = nil
		for _, p := range r.Partners {
			rows = append(rows, []string{partnerName(p.ID, p.Name), w.helix(p.Helix), strconv.Itoa(p.Count)})
		}
		s.table([]string{w.Partner, w.HelixType, w.Count}, rows, 2)
	}

	// Communities.
	c := d.Communities
	s.heading(SectionCommunities, w.Titles[SectionCommunities])
	s.para(fmt.Sprintf(w.CommunitiesText, c.Count, fnum(c.Modularity, lang), c.Aligned, len(c.List)))
	rows = nil
	for _, cm := range c.List {
		unit, share := "-", "-"
		if cm.Unit != nil {
			unit = unitLabel(cm.Unit.ID, cm.Unit.Name) + " (" + w.level(cm.Unit.Level) + ")"
			share = percentL(cm.UnitPartners, cm.Partners, lang)
		}
		rows = append(rows, []string{strconv.Itoa(cm.ID), strconv.Itoa(cm.Partners), helixMix(cm.HelixCounts, w), unit, share})
	}
	s.table([]string{w.Community, w.Partners, w.HelixType, w.LargestUnit, w.UnitShare}, rows, -1)

	writeDocUnits(s, d, o, w)
	writeDocGaps(s, d, o, w)
	writeDocCheck(s, d, o, w)

	// Growth.
	s.heading(SectionGrowth, w.Titles[SectionGrowth])
	if d.Growth == nil || len(d.Growth.Rows) == 0 {
		s.para(w.NoGrowth)
	} else {
		s.para(w.GrowthIntro)
		rows = nil
		for _, r := range d.Growth.Rows {
			rows = append(rows, []string{r.Date, strconv.Itoa(r.Partners), strconv.Itoa(r.Ties), strconv.Itoa(r.NewPartners),
				strconv.Itoa(r.LeftPartners), strconv.Itoa(r.Components), fnum(r.LargestComponentShare, lang),
				fnum(r.EIIndex, lang), fnum(r.BlauIndex, lang), w.class(r.HelixCoverage)})
		}
		s.table([]string{w.Date, w.Partners, w.Ties, w.New, w.Left, w.Components, w.LargestShare, w.EI, w.Blau, w.Coverage}, rows, 1)
		s.chart(ChartGrowth, w.ChartTitles[ChartGrowth])
		s.chart(ChartGrowthMix, w.ChartTitles[ChartGrowthMix])
	}

	// Values.
	s.heading(SectionValues, w.Titles[SectionValues])
	if d.ValueCreation == nil || d.ValueCreation.Records == 0 {
		s.para(w.NoValues)
	} else {
		s.para(fmt.Sprintf(w.ValuesIntro, d.ValueCreation.Records))
		header = []string{w.Cycle}
		for _, l := range d.ValueChart.Levels {
			header = append(header, w.Outcomes[l])
		}
		header = append(header, w.Total)
		rows = nil
		for i, cy := range d.ValueChart.Cycles {
			row := []string{w.Cycles[cy]}
			t := 0
			for _, n := range d.ValueChart.Counts[i] {
				row = append(row, strconv.Itoa(n))
				t += n
			}
			rows = append(rows, append(row, strconv.Itoa(t)))
		}
		s.table(header, rows, 1)
		s.chart(ChartValues, w.ChartTitles[ChartValues])
	}

	// The network drawing.
	s.heading(SectionNetwork, w.Titles[SectionNetwork])
	dr := d.Drawing
	if dr.Overview {
		s.para(fmt.Sprintf(w.DrawingOverview, len(dr.Nodes), dr.Partners, len(dr.Edges)))
	} else {
		s.para(fmt.Sprintf(w.DrawingFull, len(dr.Nodes), len(dr.Edges)))
	}
	if len(dr.Nodes) > 0 {
		s.subheading(w.DrawingNamed)
		s.table([]string{w.Partner, w.HelixType, w.UnitCol, w.Degree, w.Betweenness}, drawingRows(dr, w, lang), 3)
	}
	s.chart(ChartNetwork, w.ChartTitles[ChartNetwork])

	// Methods.
	s.heading(SectionMethods, w.Titles[SectionMethods])
	s.para(w.MethodsIntro)
	for _, m := range d.Methods {
		name, conv := m.Metric, m.Convention
		if w.Metrics != nil {
			name, conv = w.Metrics[m.Metric], w.Conventions[m.Metric]
		}
		s.block(name, []string{conv, w.Reference + ": " + m.Reference + " (docs/" + m.Doc + ")"})
	}
	return s.done()
}

// writeDocUnits writes the units per level and coverage class and the
// units furthest below their target, as the composition report does.
func writeDocUnits(s docSink, d *Document, o DocOptions, w *DocWords) {
	s.heading(SectionUnits, w.Titles[SectionUnits])
	if len(d.Units) == 0 {
		s.para(w.EmptyUnits)
		return
	}
	s.subheading(w.UnitsTableTitle)
	header := []string{w.Level}
	for _, c := range coverageClasses {
		header = append(header, w.class(c))
	}
	header = append(header, w.Total, w.BelowTarget)
	var rows [][]string
	row := func(label string, l LevelSummary) {
		cells := []string{label}
		for _, c := range coverageClasses {
			cells = append(cells, strconv.Itoa(l.Coverage[c]))
		}
		rows = append(rows, append(cells, strconv.Itoa(l.Units), strconv.Itoa(l.BelowTarget)))
	}
	for _, l := range d.UnitSummary.Levels {
		row(w.level(l.Level), l)
	}
	row(w.Total, d.UnitSummary.Total)
	s.table(header, rows, 1)

	n := listed(o.Units, len(d.Units))
	if n == 0 {
		s.para(fmt.Sprintf(w.UnitsNotListed, len(d.Units)))
		return
	}
	s.subheading(fmt.Sprintf(w.UnitsListTitle, n, len(d.Units)))
	rows = nil
	for _, u := range byAttention(d.Units)[:n] {
		target, lacks := w.class(u.Target), "-"
		if u.Target == graph.None || u.Target == "" {
			target = "-"
		}
		if len(u.TargetMissing) > 0 {
			lacks = helixList(u.TargetMissing, w)
		}
		rows = append(rows, []string{unitLabel(u.ID, u.Name), w.level(u.Level), w.form(u.Form), strconv.Itoa(u.Size),
			w.class(u.Coverage.Class), target, lacks})
	}
	s.table([]string{w.UnitCol, w.Level, w.Form, w.Size, w.Coverage, w.Target, w.Lacks}, rows, -1)
	if more := len(d.Units) - n; more > 0 {
		s.more(fmt.Sprintf(w.MoreUnits, more))
	}
}

// writeDocGaps writes the gaps of the ecosystem and of the units with a
// gap, those furthest below their target first.
func writeDocGaps(s docSink, d *Document, o DocOptions, w *DocWords) {
	s.heading(SectionGaps, w.Titles[SectionGaps])
	g := d.Gaps
	s.para(fmt.Sprintf(w.GapsIntro, describeTargetsIn(d.UnitSummary.Targets, w), GapCandidates))
	eco := d.scopeGaps()
	if len(eco.MissingPairs) > 0 {
		pairs := make([]string, len(eco.MissingPairs))
		for i, p := range eco.MissingPairs {
			pairs[i] = w.helix(p[0]) + " – " + w.helix(p[1])
		}
		s.para(fmt.Sprintf(w.PairsNeverTied, strings.Join(pairs, "; ")))
	}
	var cuts []string
	for _, c := range eco.ArticulationPoints {
		if len(c.CutOffTypes) > 0 {
			cuts = append(cuts, partnerName(c.Partner.ID, c.Partner.Name)+" ("+helixList(c.CutOffTypes, w)+")")
		}
	}
	if len(cuts) > 0 {
		s.para(fmt.Sprintf(w.ArticulationLine, strings.Join(cuts, "; ")))
	}
	var withGap []analysis.UnitGaps
	for _, u := range unitsByGap(g.Units) {
		if u.HasGap() {
			withGap = append(withGap, u)
		}
	}
	if len(withGap) == 0 {
		s.para(w.NoGaps)
		return
	}
	n := listed(o.Units, len(withGap))
	for _, u := range withGap[:n] {
		var lines []string
		if len(u.Missing) > 0 {
			lines = append(lines, w.Missing+": "+helixList(u.Missing, w))
		}
		if len(u.Underrepresented) > 0 {
			under := make([]graph.Helix, len(u.Underrepresented))
			for i, x := range u.Underrepresented {
				under[i] = x.Helix
			}
			lines = append(lines, w.Underrepresented+": "+helixList(under, w))
		}
		for _, tc := range u.Candidates {
			names := make([]string, 0, len(tc.Partners))
			for _, c := range tc.Partners {
				name := partnerName(c.ID, c.Name)
				if c.Distance != nil {
					name += " (" + strconv.Itoa(*c.Distance) + ")"
				}
				names = append(names, name)
			}
			list := strings.Join(names, ", ")
			if len(names) == 0 {
				list = w.NoCandidates
			}
			lines = append(lines, fmt.Sprintf(w.CandidateLine, w.Candidates+" "+w.helix(tc.Helix), list))
		}
		s.block(fmt.Sprintf("%s: %s, %d %s", unitLabel(u.ID, u.Name), w.level(u.Level), u.Partners, w.Partners), lines)
	}
	if more := len(withGap) - n; more > 0 {
		s.more(fmt.Sprintf(w.MoreUnits, more))
	}
}

// writeDocCheck writes the verdict of each unit, in tree order.
func writeDocCheck(s docSink, d *Document, o DocOptions, w *DocWords) {
	s.heading(SectionCheck, w.Titles[SectionCheck])
	c := d.Check
	s.para(fmt.Sprintf(w.CheckText, c.Summary.Units, c.Summary.LearningCommunity, c.Summary.NotOnItsOwn, c.Summary.InsufficientData))
	n := listed(o.Units, len(c.Units))
	if n == 0 {
		return
	}
	var rows [][]string
	for _, u := range c.Units[:n] {
		by := make([]string, len(u.DecidedBy))
		for i, x := range u.DecidedBy {
			by[i] = w.Criteria[x]
			if by[i] == "" {
				by[i] = x
			}
		}
		rows = append(rows, []string{unitLabel(u.ID, u.Name), w.level(u.Level), w.form(u.Form), w.Verdicts[u.Verdict], orDash(strings.Join(by, ", "))})
	}
	s.table([]string{w.UnitCol, w.Level, w.Form, w.Verdict, w.DecidedBy}, rows, -1)
	if more := len(c.Units) - n; more > 0 {
		s.more(fmt.Sprintf(w.MoreUnits, more))
	}
}

func listed(n, total int) int {
	if n < 0 || n > total {
		return total
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orNone(s string, w *DocWords) string {
	if s == "" {
		return w.None
	}
	return s
}

func helixList(hs []graph.Helix, w *DocWords) string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = w.helix(h)
	}
	return strings.Join(s, ", ")
}

// helixMix writes the helix counts of a group: "academia 3, industry 5".
func helixMix(counts map[graph.Helix]int, w *DocWords) string {
	var parts []string
	for _, h := range append(append([]graph.Helix{}, graph.Helices...), graph.HelixUnknown) {
		if n := counts[h]; n > 0 {
			parts = append(parts, w.helix(h)+" "+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, ", ")
}

// describeTargetsIn lists the coverage targets per level in w's words.
func describeTargetsIn(t map[string]string, w *DocWords) string {
	var parts []string
	for _, l := range graph.Levels {
		if v, ok := t[string(l)]; ok {
			parts = append(parts, w.level(l)+": "+w.class(graph.CoverageClass(v)))
		}
	}
	return strings.Join(parts, ", ")
}

func partnerName(id, name string) string {
	if name != "" {
		return name
	}
	return id
}

// unitLabel is a unit's id, and its name when it has another.
func unitLabel(id, name string) string {
	if name != "" && name != id {
		return id + " (" + name + ")"
	}
	return id
}

// fnum writes a metric with three decimals ("-" for NaN), with a decimal
// comma in Dutch.
func fnum(f analysis.Float, lang Lang) string { return numf(float64(f), lang) }

func numf(f float64, lang Lang) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "-"
	}
	s := strconv.FormatFloat(f, 'f', 3, 64)
	if lang == CheckDutch {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percentL is percent in lang.
func percentL(n, total int, lang Lang) string {
	s := percent(n, total)
	if lang == CheckDutch {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// WriteDocText writes d as text for people to read, in o.Lang; every
// control character of the data is escaped (Printable).
func WriteDocText(w io.Writer, d *Document, o DocOptions) error {
	if _, ok := docWords[o.Lang]; !ok {
		return fmt.Errorf("report: unknown language %q (en or nl)", o.Lang)
	}
	return writeDoc(&textSink{ew: &errWriter{w: w}}, d, o)
}

// textSink writes a report as plain text.
type textSink struct {
	ew *errWriter
	// sub says that a subheading was just written: a table follows it
	// without an empty line, as the titled tables of the other reports.
	sub bool
}

func (t *textSink) title(title string, meta [][2]string) {
	t.ew.heading(title, "")
	width := 0
	for _, m := range meta {
		width = max(width, len([]rune(m[0])))
	}
	for _, m := range meta {
		t.ew.printf("%-*s %s\n", width+1, m[0]+":", m[1])
	}
}

func (t *textSink) heading(_, title string) {
	t.ew.printf("\n\n%s\n%s\n", title, strings.Repeat("-", len([]rune(title))))
}

func (t *textSink) subheading(s string) { t.ew.printf("\n%s\n", s); t.sub = true }

func (t *textSink) para(s string) { t.sub = false; t.ew.printf("\n%s\n", s) }

func (t *textSink) findings(items []Finding, titles map[string]string, see string) {
	t.ew.printf("\n")
	for i, f := range items {
		t.ew.printf("%d. %s (%s %s)\n", i+1, f.Text, see, titles[f.Section])
	}
}

func (t *textSink) table(header []string, rows [][]string, right int) {
	if len(rows) == 0 {
		return
	}
	var tw *table
	if right < 0 {
		tw = newTable("  ")
	} else {
		tw = newTable("  ")
		tw.rightFrom = right
	}
	tw.add(header...)
	for _, r := range rows {
		tw.add(r...)
	}
	if !t.sub {
		t.ew.printf("\n")
	}
	t.sub = false
	tw.write(t.ew)
}

func (t *textSink) more(s string) { t.ew.printf("  %s\n", s) }

func (t *textSink) block(title string, lines []string) {
	t.ew.printf("\n%s\n", title)
	for _, l := range lines {
		t.ew.printf("  %s\n", l)
	}
}

func (t *textSink) chart(string, string) {}

func (t *textSink) done() error { return t.ew.err }
