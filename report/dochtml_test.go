package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// examplePage is the HTML report of the shipped example in lang, as
// ecoscope report --format html writes it: the Document, its charts
// (DrawCharts) and WriteDocHTML.
func examplePage(t testing.TB, lang Lang) string {
	t.Helper()
	_, d := exampleDoc(t.(*testing.T))
	drawn, err := DrawCharts(d, lang, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDocHTML(&b, d, DocOptions{Lang: lang, Units: DefaultTextUnits, Charts: drawn}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDocHTMLHasTheReport: the HTML report of the example has every
// section of the text report, in order, under the same titles; every
// chart the Document has data for as a figure with role="img" SVG, its
// text alternative and its data table; the findings linking to their
// sections; the source and snapshot; and, in Dutch, Dutch words only.
func TestDocHTMLHasTheReport(t *testing.T) {
	_, d := exampleDoc(t)
	for _, lang := range []Lang{CheckEnglish, CheckDutch} {
		t.Run(string(lang), func(t *testing.T) {
			out := examplePage(t, lang)
			w := Words(lang)
			var txt bytes.Buffer
			if err := WriteDocText(&txt, d, DocOptions{Lang: lang, Units: DefaultTextUnits}); err != nil {
				t.Fatal(err)
			}
			// Every section, in the order of the text report.
			last := -1
			for _, id := range Sections {
				title := w.Titles[id]
				if !strings.Contains(txt.String(), "\n"+title+"\n") {
					t.Fatalf("the text report lacks section %q", title)
				}
				h := `<h2 id="` + id + `-h">` + htmlText(title) + `</h2>`
				at := strings.Index(out, h)
				if at < 0 {
					t.Errorf("HTML lacks section %s: %s", id, h)
					continue
				}
				if at < last {
					t.Errorf("section %s is out of order", id)
				}
				last = at
			}
			// Every chart: a figure, role="img", a <title> with the
			// figures, and the table it was drawn from.
			figs := regexp.MustCompile(`(?s)<figure id="(chart-[a-z-]+)" class="chart">(.*?)</figure>`).FindAllStringSubmatch(out, -1)
			seen := map[string]bool{}
			for _, f := range figs {
				seen[f[1]] = true
				if !strings.Contains(f[2], `role="img"`) || !strings.Contains(f[2], "<title>") ||
					!strings.Contains(f[2], "<details>") || !strings.Contains(f[2], "<table>") {
					t.Errorf("figure %s lacks role=img, a text alternative or its data table", f[1])
				}
			}
			for _, id := range chartIDs {
				if !seen[id] {
					t.Errorf("HTML lacks the figure %s", id)
				}
			}
			if len(figs) != len(chartIDs) {
				t.Errorf("%d figures, want %d", len(figs), len(chartIDs))
			}
			// Findings link to their sections.
			for _, f := range d.Summary.Findings {
				if !strings.Contains(out, `(<a href="#`+f.Section+`">`+htmlText(w.See+" "+w.Titles[f.Section])+`</a>)`) {
					t.Errorf("finding %s does not link to #%s", f.Kind, f.Section)
				}
			}
			for _, m := range []string{`<html lang="` + string(lang) + `">`, "<dt>" + w.Source + "</dt><dd>examples/energieke-regio</dd>",
				"<summary>" + w.ChartData + "</summary>"} {
				if !strings.Contains(out, m) {
					t.Errorf("HTML lacks %s", m)
				}
			}
			// A list cut short by --units says so, as the text does.
			var short bytes.Buffer
			if err := WriteDocHTML(&short, d, DocOptions{Lang: lang, Units: 2}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(short.String(), `<p class="more">`+htmlText(w.MoreUnits[:8])) {
				t.Errorf("with --units 2 the HTML does not say how many more units there are")
			}
			if lang == CheckDutch {
				for _, en := range []string{">Summary<", ">Composition<", "Partners per helix type", "civil society", "Data behind", "betweenness<"} {
					if strings.Contains(out, en) {
						t.Errorf("the Dutch report holds English %q", en)
					}
				}
			}
		})
	}
}

// htmlText is s as html/template writes it in text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
