package report

import (
	"fmt"
	"io"
	"strings"
)

// chartIDs are the ids of the chart figures in HTML, by chart name.
var chartIDs = map[string]string{
	ChartHelix:     "chart-composition",
	ChartMixing:    "chart-mixing",
	ChartGrowth:    "chart-growth",
	ChartGrowthMix: "chart-growth-shares",
	ChartValues:    "chart-values",
	ChartNetwork:   "chart-network",
}

// WriteDocHTML writes d as one self-contained HTML page (WriteHTML) in
// o.Lang: the content of the text report in the same order, the findings
// of the summary linking to their sections, and each chart of o.Charts
// inlined as SVG where the report places it, with the table it was drawn
// from under it and its text alternative. Every string of the data is
// text: a partner named "<script>alert(1)</script>" shows as written.
func WriteDocHTML(w io.Writer, d *Document, o DocOptions) error {
	if _, ok := docWords[o.Lang]; !ok {
		return fmt.Errorf("report: unknown language %q (en or nl)", o.Lang)
	}
	words := docText(o.Lang)
	s := &htmlSink{o: o, page: HTMLPage{
		Lang:   string(o.Lang),
		Labels: HTMLLabels{Contents: words.Contents, Data: words.ChartData},
		Footer: words.MadeWith,
	}}
	if err := writeDoc(s, d, o); err != nil {
		return err
	}
	return WriteHTML(w, s.page)
}

// htmlSink collects the report as an HTMLPage: a section per heading,
// the content of each as blocks in order.
type htmlSink struct {
	o    DocOptions
	page HTMLPage
	// sub is a subheading not yet placed: the caption of the table that
	// follows it, or a heading of its own.
	sub string
	// lastChart is the chart just placed, when nothing came after it: a
	// second chart of the same table shares its table.
	lastChart *HTMLChart
}

func (h *htmlSink) add(b HTMLBlock) {
	if h.sub != "" {
		sub := h.sub
		h.sub = ""
		h.add(HTMLBlock{Heading: sub})
	}
	if len(h.page.Sections) == 0 {
		// Content before the first heading: a section without a title
		// would have no place in the contents; writeDoc has none.
		h.page.Sections = append(h.page.Sections, HTMLSection{ID: "report"})
	}
	s := &h.page.Sections[len(h.page.Sections)-1]
	s.Blocks = append(s.Blocks, b)
	h.lastChart = nil
}

func (h *htmlSink) title(title string, meta [][2]string) {
	h.page.Title = title
	for _, m := range meta {
		h.page.Meta = append(h.page.Meta, HTMLMeta{Label: m[0], Value: m[1]})
	}
}

func (h *htmlSink) heading(id, title string) {
	h.sub = ""
	h.lastChart = nil
	h.page.Sections = append(h.page.Sections, HTMLSection{ID: id, Title: title})
}

func (h *htmlSink) subheading(s string) { h.sub = s; h.lastChart = nil }

func (h *htmlSink) para(s string) { h.add(HTMLBlock{Paragraph: s}) }

func (h *htmlSink) more(s string) { h.add(HTMLBlock{More: s}) }

func (h *htmlSink) findings(items []Finding, titles map[string]string, see string) {
	list := make([]HTMLItem, len(items))
	for i, f := range items {
		list[i] = HTMLItem{Text: f.Text, Ref: f.Section, RefText: see + " " + titles[f.Section]}
	}
	h.add(HTMLBlock{Items: list})
}

func (h *htmlSink) table(header []string, rows [][]string, _ int) {
	if len(rows) == 0 {
		return
	}
	t := &HTMLTable{Caption: h.sub, Header: header, Rows: rows}
	h.sub = ""
	h.add(HTMLBlock{Table: t})
}

func (h *htmlSink) block(title string, lines []string) {
	h.add(HTMLBlock{List: &HTMLList{Title: title, Lines: lines}})
}

// chart places the chart with the table just before it as its data; a
// chart that directly follows another of the same table shares it.
func (h *htmlSink) chart(name, title string) {
	c, ok := h.o.Charts[name]
	if !ok || len(h.page.Sections) == 0 {
		return
	}
	id := chartIDs[name]
	if id == "" {
		id = "chart-" + strings.TrimSuffix(name, ".svg")
	}
	fig := &HTMLChart{ID: id, Title: title, Chart: c}
	s := &h.page.Sections[len(h.page.Sections)-1]
	switch n := len(s.Blocks); {
	case h.lastChart != nil:
		fig.Table = h.lastChart.Table
	case n > 0 && s.Blocks[n-1].Table != nil:
		fig.Table = *s.Blocks[n-1].Table
		s.Blocks = s.Blocks[:n-1]
	}
	h.add(HTMLBlock{Chart: fig})
	h.lastChart = fig
}

func (h *htmlSink) done() error { return nil }
