package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/ecoscope/ecoscope/report/charts"
)

// HTMLPage is one self-contained HTML page: the input of WriteHTML. Every
// string is text (escaped when written); the words of the page's own
// furniture come from Labels, so the caller chooses the language.
type HTMLPage struct {
	// Lang is the page's language (the lang attribute): "en", "nl".
	Lang     string
	Title    string
	Subtitle string
	// Meta are label-value lines under the title (source, snapshot, unit).
	Meta     []HTMLMeta
	Labels   HTMLLabels
	Sections []HTMLSection
	// Footer is a line at the end (e.g. how and when the report was made).
	Footer string
}

// HTMLMeta is one line of facts under the title: "Source: data/".
type HTMLMeta struct{ Label, Value string }

// HTMLLabels are the words of the page itself.
type HTMLLabels struct {
	// Contents heads the table of contents ("Contents", "Inhoud").
	Contents string
	// Data is the summary of the table under each chart ("Data behind
	// the chart", "Gegevens bij de grafiek").
	Data string
}

// HTMLSection is a section of the page (a subsection when nested): its
// heading, then its paragraphs, items, charts, tables, then its Blocks in
// order, then its subsections.
type HTMLSection struct {
	// ID is the fragment the table of contents and HTMLItem.Ref link to:
	// letters, digits, '-' and '_'.
	ID          string
	Title       string
	Paragraphs  []string
	Items       []HTMLItem
	Charts      []HTMLChart
	Tables      []HTMLTable
	Blocks      []HTMLBlock
	Subsections []HTMLSection
}

// HTMLBlock is one piece of a section's content, in the order the report
// writes it; exactly one field is set.
type HTMLBlock struct {
	// Heading is a small heading (h3) over what follows.
	Heading string
	// Paragraph is a paragraph; More a line saying what a list left out.
	Paragraph string
	More      string
	// Items is a numbered list (the findings).
	Items []HTMLItem
	// List is a titled list of lines (the gaps of one unit, a method).
	List  *HTMLList
	Chart *HTMLChart
	Table *HTMLTable
}

// HTMLList is a title over a list of lines.
type HTMLList struct {
	Title string
	Lines []string
}

// HTMLItem is one item of a list; Ref, when set, links it to the section
// with that ID (a finding pointing to its section): the whole text, or
// when RefText is set, RefText in parentheses after it ("see Gaps").
type HTMLItem struct {
	Text    string
	Ref     string
	RefText string
}

// HTMLTable is a table: a header row, then rows of cells. Cells that read
// as numbers are aligned right. Wide tables scroll sideways on a phone.
type HTMLTable struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// HTMLChart is a chart with its caption and the table it was drawn from
// (in a <details> under it).
type HTMLChart struct {
	// ID names the figure (an id attribute, letters, digits, '-', '_').
	ID    string
	Title string
	Chart charts.Chart
	Table HTMLTable
}

//go:embed html/page.html.tmpl
var pageTemplate string

//go:embed html/style.css
var pageStyle string

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"css": func() template.CSS { return template.CSS(pageStyle) },
	// svg marks a chart's SVG as safe HTML: package charts writes it, with
	// every text escaped.
	"svg":     func(b []byte) template.HTML { return template.HTML(b) },
	"numeric": numericCell,
	"dict2":   func(s HTMLSection, data string) sectionBody { return sectionBody{S: s, Data: data} },
	"chartData": func(c any, data string) chartBody {
		switch c := c.(type) {
		case HTMLChart:
			return chartBody{C: c, Data: data}
		case *HTMLChart:
			return chartBody{C: *c, Data: data}
		}
		return chartBody{Data: data}
	},
}).Parse(pageTemplate))

// sectionBody is what the template's "body" draws: a section and the
// summary of its charts' tables.
type sectionBody struct {
	S    HTMLSection
	Data string
}

// chartBody is what the template's "figure" draws: a chart and the
// summary of its table.
type chartBody struct {
	C    HTMLChart
	Data string
}

// idPattern is what an ID may be, so that it is a valid fragment as is.
var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// WriteHTML writes p as one HTML document that requests nothing from
// anywhere: its style is inline, its charts are inline SVG, it uses the
// reader's own fonts and no script, and a Content-Security-Policy forbids
// any fetch. It reads on a phone (the text reflows, charts scale, tables
// scroll sideways) and prints without the table of contents, each section
// on a new page. An ID that is not a plain name, or used twice, is an
// error.
func WriteHTML(w io.Writer, p HTMLPage) error {
	if err := checkIDs(p.Sections, map[string]bool{}); err != nil {
		return err
	}
	if p.Labels.Contents == "" {
		p.Labels.Contents = "Contents"
	}
	if p.Labels.Data == "" {
		p.Labels.Data = "Data"
	}
	if p.Lang == "" {
		p.Lang = "en"
	}
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("report: write HTML: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func checkIDs(ss []HTMLSection, seen map[string]bool) error {
	use := func(id, what string) error {
		if !idPattern.MatchString(id) {
			return fmt.Errorf("report: %s id %q is not a plain name (a letter, then letters, digits, - or _)", what, id)
		}
		if seen[id] {
			return fmt.Errorf("report: id %q is used twice", id)
		}
		seen[id] = true
		return nil
	}
	for _, s := range ss {
		if err := use(s.ID, "section"); err != nil {
			return err
		}
		for _, c := range s.Charts {
			if err := use(c.ID, "chart"); err != nil {
				return err
			}
		}
		for _, b := range s.Blocks {
			if b.Chart != nil {
				if err := use(b.Chart.ID, "chart"); err != nil {
					return err
				}
			}
			for _, it := range b.Items {
				if it.Ref != "" && !idPattern.MatchString(it.Ref) {
					return fmt.Errorf("report: link %q is not a plain name", it.Ref)
				}
			}
		}
		if err := checkIDs(s.Subsections, seen); err != nil {
			return err
		}
	}
	return nil
}

// numberPattern matches what reads as a number in a table cell: 12,
// -0.25, 1,234, 0,25 (Dutch), 45 %, –.
var numberPattern = regexp.MustCompile(`^[-−+]?[0-9][0-9.,\s]*\s?%?$|^[–—-]$`)

func numericCell(s string) bool { return numberPattern.MatchString(strings.TrimSpace(s)) }
