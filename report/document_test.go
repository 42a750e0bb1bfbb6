package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

const exampleDir = "../examples/energieke-regio"

// docInput is what ecoscope report gives BuildDocument without a
// configuration.
func docInput(e *graph.Ecosystem, source string) DocumentInput {
	levels, forms := config.DefaultGaps().TargetClasses()
	g := analysis.DefaultGapOptions()
	g.Targets, g.FormTargets = levels, forms
	return DocumentInput{
		Snapshot: e, All: e, Meta: Meta{Source: source},
		Options:    Options{Targets: analysis.Targets{Levels: levels, Forms: forms}},
		Metrics:    analysis.MetricsOptions{Seed: 1},
		AutoApprox: true, Gaps: g, Check: analysis.DefaultCheckOptions(),
	}
}

func buildDoc(t *testing.T, e *graph.Ecosystem) *Document {
	t.Helper()
	d, err := BuildDocument(context.Background(), docInput(e, "test"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func exampleDoc(t *testing.T) (*graph.Ecosystem, *Document) {
	t.Helper()
	e, _, err := importers.ReadAll([]string{exampleDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := BuildDocument(context.Background(), docInput(e, "examples/energieke-regio"))
	if err != nil {
		t.Fatal(err)
	}
	return e, d
}

// rounded parses a JSON document and rounds every number to 9 significant
// digits: the last digits of betweenness and other sums depend on the
// number of cores that added them up (network.Parallel).
func rounded(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				x[k] = walk(y)
			}
		case []any:
			for i, y := range x {
				x[i] = walk(y)
			}
		case float64:
			if x == 0 {
				return x
			}
			p := math.Pow(10, 8-math.Floor(math.Log10(math.Abs(x))))
			return math.Round(x*p) / p
		}
		return v
	}
	return walk(v)
}

// TestDocumentGolden: the full report of the example in every format
// and language the report package writes.
func TestDocumentGolden(t *testing.T) {
	_, d := exampleDoc(t)
	for _, lang := range []Lang{CheckEnglish, CheckDutch} {
		drawn, err := DrawCharts(d, lang, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			ext   string
			write func(*bytes.Buffer) error
		}{
			{"txt", func(b *bytes.Buffer) error {
				return WriteDocText(b, d, DocOptions{Lang: lang, Units: DefaultTextUnits})
			}},
			{"md", func(b *bytes.Buffer) error {
				return WriteMarkdown(b, d, DocOptions{Lang: lang, Units: DefaultTextUnits,
					Charts: drawn})
			}},
		} {
			var buf bytes.Buffer
			if err := f.write(&buf); err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("document-%s.golden.%s", lang, f.ext)
			if want := golden(t, name, buf.Bytes()); !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs (go test ./report -update rewrites it):\n%s", name, buf.String())
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	want := golden(t, "document.golden.json", buf.Bytes())
	if g, w := rounded(t, buf.Bytes()), rounded(t, want); fmt.Sprint(g) != fmt.Sprint(w) {
		t.Errorf("document.golden.json differs (go test ./report -update rewrites it)")
	}
}

// TestDocumentKeepsReportKeys: every key of the composition report's JSON
// is in the full report's, with the same value.
func TestDocumentKeepsReportKeys(t *testing.T) {
	e, d := exampleDoc(t)
	r := Build(e, Meta{Source: "examples/energieke-regio"}, docInput(e, "").Options)
	var old, full map[string]any
	for _, x := range []struct {
		v   any
		out *map[string]any
	}{{r, &old}, {d, &full}} {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, x.v); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(buf.Bytes(), x.out); err != nil {
			t.Fatal(err)
		}
	}
	if len(old) < 15 {
		t.Fatalf("the composition report has only %d keys", len(old))
	}
	for k, v := range old {
		if fmt.Sprint(full[k]) != fmt.Sprint(v) {
			t.Errorf("key %q: full report %v, composition report %v", k, full[k], v)
		}
	}
	for _, k := range []string{"summary", "network", "mixing", "central", "brokers", "communities", "gaps", "check", "growth", "value_creation", "drawing", "methods"} {
		if _, ok := full[k]; !ok {
			t.Errorf("the full report lacks %q", k)
		}
	}
}

// crafted is a small ecosystem: academia, industry, government and
// civil society tied to each other, and environment (two partners)
// reaching them only through the government partner g1. A fieldlab holds
// a1, i1 and g1 (no civil society); c1 is tied to a1: one introduction
// away from the fieldlab.
func crafted(names map[string]string) *graph.Ecosystem {
	p := func(id string, h graph.Helix) graph.Partner {
		name := id
		if n, ok := names[id]; ok {
			name = n
		}
		return graph.Partner{ID: id, Name: name, Helix: h, Sector: graph.DefaultSector(h)}
	}
	tie := func(a, b string) graph.Tie { return graph.Tie{Source: a, Target: b, Weight: 1} }
	e := &graph.Ecosystem{
		Name: "crafted",
		Partners: []graph.Partner{
			p("a1", graph.Academia), p("a2", graph.Academia), p("i1", graph.Industry), p("i2", graph.Industry),
			p("g1", graph.Government), p("g2", graph.Government), p("c1", graph.CivilSociety), p("c2", graph.CivilSociety),
			p("e1", graph.Environment), p("e2", graph.Environment),
		},
		Ties: []graph.Tie{
			tie("a1", "i1"), tie("a1", "g1"), tie("i1", "g1"), tie("a2", "i2"), tie("i2", "g2"), tie("a1", "a2"),
			tie("c1", "a1"), tie("c2", "i2"), tie("c1", "c2"), tie("g1", "g2"),
			tie("g1", "e1"), tie("e1", "e2"),
		},
		Units: []graph.Unit{
			{ID: "eco", Name: "Eco", Level: graph.LevelEcosystem, Form: graph.FormEcosystem},
			{ID: "fl", Name: "Fieldlab X", Level: graph.LevelFieldlab, Form: graph.FormFieldlab, Parent: "eco"},
		},
		Memberships: []graph.Membership{
			{Unit: "fl", Member: "a1"}, {Unit: "fl", Member: "i1"}, {Unit: "fl", Member: "g1"},
		},
	}
	for _, p := range e.Partners { // the ecosystem holds every partner
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "eco", Member: p.ID})
	}
	return e
}

func findingOf(d *Document, kind string) *Finding {
	for i := range d.Summary.Findings {
		if d.Summary.Findings[i].Kind == kind {
			return &d.Summary.Findings[i]
		}
	}
	return nil
}

// TestFindingCutOff: environment reaches the rest through one partner.
func TestFindingCutOff(t *testing.T) {
	d := buildDoc(t, crafted(nil))
	f := findingOf(d, FindingCutOff)
	if f == nil {
		t.Fatalf("no cut_off finding: %+v", d.Summary.Findings)
	}
	if f.Helix != graph.Environment || f.Partner == nil || f.Partner.ID != "g1" || f.Section != SectionGaps {
		t.Errorf("finding %+v, want environment through g1, pointing to gaps", *f)
	}
	if !strings.Contains(f.Text, "environment is 20 % of the partners") && !strings.Contains(f.Text, "Environment is 20 % of the partners") {
		t.Errorf("text %q", f.Text)
	}
	if nl := FindingText(CheckDutch, *f); !strings.Contains(nl, "Natuur en milieu is 20 % van de partners") {
		t.Errorf("Dutch text %q", nl)
	}
}

// TestFindingUnitGap: the fieldlab misses civil society, with c1 one
// introduction away.
func TestFindingUnitGap(t *testing.T) {
	d := buildDoc(t, crafted(nil))
	f := findingOf(d, FindingUnitGap)
	if f == nil {
		t.Fatalf("no unit_gap finding: %+v", d.Summary.Findings)
	}
	if f.Unit == nil || f.Unit.ID != "fl" || len(f.Helices) != 1 || f.Helices[0] != graph.CivilSociety || f.Count < 1 {
		t.Errorf("finding %+v, want fieldlab fl missing civil society with a candidate one introduction away", *f)
	}
	if !strings.Contains(f.Text, "Fieldlab Fieldlab X misses civil society") {
		t.Errorf("text %q", f.Text)
	}
}

// TestFindingMissingType: without environment partners the first finding
// says the ecosystem lacks it.
func TestFindingMissingType(t *testing.T) {
	e := crafted(nil)
	e.Partners = e.Partners[:8]
	e.Ties = e.Ties[:10]
	e.Memberships = e.Memberships[:11]
	d := buildDoc(t, e)
	if len(d.Summary.Findings) < MinFindings || len(d.Summary.Findings) > MaxFindings {
		t.Errorf("%d findings, want %d to %d", len(d.Summary.Findings), MinFindings, MaxFindings)
	}
	f := d.Summary.Findings[0]
	if f.Kind != FindingMissingType || len(f.Helices) != 1 || f.Helices[0] != graph.Environment || f.Section != SectionComposition {
		t.Errorf("first finding %+v, want environment missing", f)
	}
	for _, g := range d.Summary.Findings {
		if g.Kind == FindingCutOff {
			t.Errorf("a cut_off finding without environment: %+v", g)
		}
	}
}

// TestFindingNoGrowth: partners without dates (as in EU CORDIS) are there
// from the first year to the last; "from N to N" is no finding.
func TestFindingNoGrowth(t *testing.T) {
	e := crafted(nil)
	for i := range e.Partners {
		e.Partners[i].Period = graph.Period{}
	}
	// Dated units (CORDIS projects) give the series its years.
	for i := range e.Units {
		e.Units[i].Period = graph.Period{Since: graph.NewDate(2015+i%3, 0, 0), Until: graph.NewDate(2020, 0, 0)}
	}
	d := buildDoc(t, e)
	if d.Growth == nil || len(d.Growth.Rows) < 2 {
		t.Fatalf("no growth rows to test with: %+v", d.Growth)
	}
	for _, f := range d.Summary.Findings {
		if f.Kind == FindingGrowth {
			t.Errorf("a growth finding without growth: %s", FindingText(CheckEnglish, f))
		}
	}
}

// TestDocumentEscapes: names that look like markup show as text in
// Markdown, and control characters are escaped in text.
func TestDocumentEscapes(t *testing.T) {
	names := map[string]string{
		"g1": "<script>alert(1)</script>",
		"a1": "a|b*c_d`e[f](g)",
		"i1": "\x1b[31mred\x1b[0m",
	}
	d := buildDoc(t, crafted(names))
	var md, txt bytes.Buffer
	if err := WriteMarkdown(&md, d, DocOptions{Lang: CheckEnglish, Units: AllUnits}); err != nil {
		t.Fatal(err)
	}
	if err := WriteDocText(&txt, d, DocOptions{Lang: CheckEnglish, Units: AllUnits}); err != nil {
		t.Fatal(err)
	}
	m := md.String()
	if strings.Contains(m, "<script>") || !strings.Contains(m, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("Markdown does not escape <script>:\n%s", m)
	}
	if !strings.Contains(m, `a\|b\*c\_d`+"\\`"+`e\[f\](g)`) {
		t.Errorf("Markdown does not escape | * _ ` [ ]:\n%s", m)
	}
	if strings.ContainsRune(m, 0x1b) || strings.ContainsRune(txt.String(), 0x1b) {
		t.Error("an escape character reached the output")
	}
	// Every row of a Markdown table has as many unescaped pipes as its
	// header.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	lines := strings.Split(m, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "| ") {
			continue
		}
		want := len(unescaped.FindAllString(lines[i], -1))
		for i++; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
			if got := len(unescaped.FindAllString(lines[i], -1)); got != want && !strings.HasPrefix(lines[i], "|-") {
				t.Errorf("table row %q has %d cells' pipes, header %d", lines[i], got, want)
			}
		}
	}
	if !strings.Contains(txt.String(), "<script>alert(1)</script>") {
		t.Error("the text report should show the name as written")
	}
}

// TestMethodsInDocs: every metric of the methods appendix is defined
// under its heading in docs/.
func TestMethodsInDocs(t *testing.T) {
	for _, m := range Methods() {
		b, err := os.ReadFile(filepath.Join("..", "docs", m.Doc))
		if err != nil {
			t.Fatalf("%s: %v", m.Metric, err)
		}
		found := false
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(strings.TrimLeft(l, "#")) == m.Heading && strings.HasPrefix(l, "#") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: docs/%s has no heading %q", m.Metric, m.Doc, m.Heading)
		}
		if m.Convention == "" || m.Reference == "" {
			t.Errorf("%s: no convention or reference", m.Metric)
		}
		nl := docText(CheckDutch)
		if nl.Metrics[m.Metric] == "" || nl.Conventions[m.Metric] == "" {
			t.Errorf("%s: no Dutch name or convention", m.Metric)
		}
	}
}

// TestDutchHasNoEnglish: the Dutch report has none of the English section
// titles or table headers that differ in Dutch.
func TestDutchHasNoEnglish(t *testing.T) {
	_, d := exampleDoc(t)
	en, nl := docText(CheckEnglish), docText(CheckDutch)
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteDocText(b, d, DocOptions{Lang: CheckDutch, Units: AllUnits}) },
		func(b *bytes.Buffer) error { return WriteMarkdown(b, d, DocOptions{Lang: CheckDutch, Units: AllUnits}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for id, title := range en.Titles {
			if title != nl.Titles[id] && strings.Contains(out, title) {
				t.Errorf("Dutch report has the English title %q", title)
			}
		}
		for _, label := range []string{en.HelixType, en.Share, en.Level, en.Coverage, en.Target, en.Degree,
			en.LargestUnit, en.Verdict, en.Cycle, en.BelowTarget, en.Lacks, en.Missing, en.Candidates} {
			cell := regexp.MustCompile(`(^|\s|\|)` + regexp.QuoteMeta(label) + `(\s|\||$)`)
			for _, l := range strings.Split(out, "\n") {
				if cell.MatchString(l) && (strings.HasPrefix(strings.TrimSpace(l), "|") || strings.HasPrefix(l, "  ")) {
					t.Errorf("Dutch report has the English label %q: %q", label, l)
					break
				}
			}
		}
		for _, w := range []string{"Findings", "see ", "partners in this role", "Betweenness is", "two-paths", "value records", "Helix coverage"} {
			if strings.Contains(out, w) {
				t.Errorf("Dutch report has English %q", w)
			}
		}
	}
}

// TestDrawingOverview: above DrawingMaxNodes partners the drawing is the
// partners of highest degree and the ties among them.
func TestDrawingOverview(t *testing.T) {
	e := &graph.Ecosystem{}
	n := DrawingMaxNodes + 50
	for i := range n {
		e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprintf("p%03d", i), Helix: graph.Helices[i%5]})
		if i > 0 {
			e.Ties = append(e.Ties, graph.Tie{Source: "p000", Target: fmt.Sprintf("p%03d", i), Weight: 1})
		}
	}
	d := buildDoc(t, e)
	dr := d.Drawing
	if !dr.Overview || len(dr.Nodes) != DrawingMaxNodes || dr.Partners != n || dr.Nodes[0].ID != "p000" {
		t.Fatalf("overview %v, %d nodes of %d, first %s", dr.Overview, len(dr.Nodes), dr.Partners, dr.Nodes[0].ID)
	}
	if len(dr.Edges) != DrawingMaxNodes-1 {
		t.Errorf("%d edges, want %d (the star among the drawn nodes)", len(dr.Edges), DrawingMaxNodes-1)
	}
	for _, x := range dr.Edges {
		if x.Source >= x.Target || x.Target >= len(dr.Nodes) {
			t.Errorf("edge %+v", x)
		}
	}
}

// TestDrawingUnits: the drawing outlines at most DrawingMaxUnits units,
// those with the most drawn partners, and none with fewer than two (a
// data set of many small teams, like CORDIS projects, drew thousands).
func TestDrawingUnits(t *testing.T) {
	e := &graph.Ecosystem{}
	for i := range 40 {
		e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprintf("p%02d", i), Helix: graph.Helices[i%5]})
	}
	// Team t has t%12+1 members, p00 upwards; team 11, 23 and 35 have 12.
	for k := range 36 {
		id := fmt.Sprintf("t%02d", k)
		e.Units = append(e.Units, graph.Unit{ID: id, Name: id, Level: graph.LevelTeam, Form: graph.FormInnovationTeam})
		for m := range k%12 + 1 {
			e.Memberships = append(e.Memberships, graph.Membership{Unit: id, Member: fmt.Sprintf("p%02d", m), Role: graph.RoleMember})
		}
	}
	dr := buildDoc(t, e).Drawing
	if len(dr.Units) != DrawingMaxUnits {
		t.Fatalf("%d units drawn, want %d", len(dr.Units), DrawingMaxUnits)
	}
	// The largest: the three of 12 members, then the three of 11, then two of 10.
	want := []string{"t11", "t23", "t35", "t10", "t22", "t34", "t09", "t21"}
	for i, u := range dr.Units {
		if u.ID != want[i] {
			t.Errorf("unit %d: %s, want %s", i, u.ID, want[i])
		}
	}
}

// TestDocumentEmpty: without partners the report is the headline and why,
// in the reader's language, and the JSON has no sections.
func TestDocumentEmpty(t *testing.T) {
	d := buildDoc(t, &graph.Ecosystem{})
	if d.Summary != nil || d.Gaps != nil || d.Drawing != nil {
		t.Errorf("sections without partners: %+v", d)
	}
	for lang, want := range map[Lang]string{CheckEnglish: "The data set has no partners.", CheckDutch: "De gegevens bevatten geen partners."} {
		var buf bytes.Buffer
		if err := WriteDocText(&buf, d, DocOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s: lacks %q:\n%s", lang, want, buf.String())
		}
	}
}
