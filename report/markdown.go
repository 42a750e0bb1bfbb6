package report

import (
	"fmt"
	"io"
	"path"
	"strings"
)

// WriteMarkdown writes d as Markdown (CommonMark with GitHub tables) in
// o.Lang: the content of the text report, with tables, an anchor per
// section that the findings link to, and an image for every chart in
// o.Charts (under o.ChartDir, which the caller writes beside the report),
// its text alternative as the alt text.
// All text from the data is escaped: a partner named
// "<script>alert(1)</script>" or "a|b*c_d" shows as written.
func WriteMarkdown(w io.Writer, d *Document, o DocOptions) error {
	if _, ok := docWords[o.Lang]; !ok {
		return fmt.Errorf("report: unknown language %q (en or nl)", o.Lang)
	}
	return writeDoc(&mdSink{ew: &errWriter{w: w}, o: o}, d, o)
}

type mdSink struct {
	ew *errWriter
	o  DocOptions
}

func (m *mdSink) title(title string, meta [][2]string) {
	m.ew.printf("# %s\n\n", MarkdownEscape(title))
	for i, x := range meta {
		end := "  \n" // a hard line break
		if i == len(meta)-1 {
			end = "\n"
		}
		m.ew.printf("**%s:** %s%s", MarkdownEscape(x[0]), MarkdownEscape(x[1]), end)
	}
}

func (m *mdSink) heading(id, title string) {
	m.ew.printf("\n<a id=\"%s\"></a>\n\n## %s\n", id, MarkdownEscape(title))
}

func (m *mdSink) subheading(s string) { m.ew.printf("\n### %s\n", MarkdownEscape(s)) }

func (m *mdSink) para(s string) { m.ew.printf("\n%s\n", MarkdownEscape(s)) }

func (m *mdSink) findings(items []Finding, titles map[string]string, see string) {
	m.ew.printf("\n")
	for i, f := range items {
		m.ew.printf("%d. %s (%s [%s](#%s))\n", i+1, MarkdownEscape(f.Text), MarkdownEscape(see),
			MarkdownEscape(titles[f.Section]), f.Section)
	}
}

func (m *mdSink) table(header []string, rows [][]string, right int) {
	if len(rows) == 0 {
		return
	}
	cells := func(r []string) string {
		out := make([]string, len(r))
		for i, c := range r {
			out[i] = MarkdownEscape(c)
		}
		return "| " + strings.Join(out, " | ") + " |"
	}
	m.ew.printf("\n%s\n", cells(header))
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
		if right >= 0 && i >= right {
			sep[i] = "---:"
		}
	}
	m.ew.printf("|%s|\n", strings.Join(sep, "|"))
	for _, r := range rows {
		m.ew.printf("%s\n", cells(r))
	}
}

func (m *mdSink) more(s string) { m.para(s) }

func (m *mdSink) block(title string, lines []string) {
	m.ew.printf("\n**%s**\n\n", MarkdownEscape(title))
	for _, l := range lines {
		m.ew.printf("- %s\n", MarkdownEscape(l))
	}
}

// chart links the chart's file with its text alternative (the figures
// it shows) as the alt text and its title as the image title.
func (m *mdSink) chart(name, title string) {
	c, ok := m.o.Charts[name]
	if !ok {
		return
	}
	dir := m.o.ChartDir
	if dir == "" {
		dir = "report_files"
	}
	alt := c.Alt
	if alt == "" {
		alt = title
	}
	m.ew.printf("\n![%s](%s \"%s\")\n", MarkdownEscape(alt), path.Join(dir, name), strings.ReplaceAll(MarkdownEscape(title), `"`, "&quot;"))
}

func (m *mdSink) done() error { return m.ew.err }

// mdEscaper escapes the characters that Markdown (CommonMark and GitHub
// tables) would read as markup, and HTML's <, > and &, so that text shows
// as written.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `|`, `\|`, `#`, `\#`,
	`~`, `\~`, `<`, "&lt;", `>`, "&gt;", `&`, "&amp;", "\n", " ", "\r", " ",
)

// MarkdownEscape returns s as Markdown text that shows s as written, on
// one line (control characters escaped as Printable does), for inline
// text and table cells alike.
func MarkdownEscape(s string) string {
	s = mdEscaper.Replace(s)
	s = Printable(s)
	// A line that starts with a list or heading marker would turn into
	// one; a backslash keeps it text.
	if len(s) > 0 && strings.ContainsRune("-+=", rune(s[0])) {
		s = `\` + s
	}
	return s
}
