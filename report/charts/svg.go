package charts

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart is one drawn chart.
type Chart struct {
	// SVG is a standalone SVG document (no XML prolog) that can also be
	// inlined in HTML: role="img", its <title> holds Alt.
	SVG []byte
	// Alt is the text alternative: one sentence (or two) saying what the
	// chart shows, with its figures.
	Alt string
}

// The size of every chart but the network drawing, in SVG user units
// (points); text is sized in the same units, so a chart shown at its
// natural width has 12 px labels.
const (
	chartWidth  = 640
	chartHeight = 360
	fontSize    = 12
)

// sans is the font of every text: vgsvg names it "Liberation Sans", which
// fontStack below extends with metric-compatible local fonts.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// fontStack replaces the font family vgsvg writes: the browser uses a
// local font (Arial and Helvetica have the metrics of Liberation Sans, by
// which vgsvg measured the text) and never fetches one.
const fontStack = `font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`

// newPlot returns a plot with ecoscope's text style: sans-serif throughout.
func newPlot() *plot.Plot {
	p := plot.New()
	for _, s := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		*s = font.From(sans, fontSize)
	}
	p.X.Label.TextStyle.Font.Size = fontSize + 1
	p.Y.Label.TextStyle.Font.Size = fontSize + 1
	p.Title.TextStyle.Font.Size = fontSize + 2
	p.Legend.Padding = 3
	p.Y.Tick.Marker = plainTicks{}
	return p
}

// plainTicks are gonum's default ticks with labels as a reader writes
// them: whole numbers without decimals (25000, not 25000.00), others with
// at most four significant digits.
type plainTicks struct{}

func (plainTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i, t := range ts {
		if t.Label == "" {
			continue
		}
		if t.Value == math.Trunc(t.Value) && math.Abs(t.Value) < 1e15 {
			ts[i].Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
		} else {
			ts[i].Label = strconv.FormatFloat(t.Value, 'g', 4, 64)
		}
	}
	return ts
}

// face returns the font face of sans at size.
func face(size vg.Length) font.Face {
	return plot.DefaultTextHandler.Cache().Lookup(font.From(sans, size), size)
}

// render draws p at the chart size and returns its SVG with alt.
func render(p *plot.Plot, alt string) (Chart, error) {
	return renderWith(chartWidth, chartHeight, alt, func(c draw.Canvas) error {
		p.Draw(c)
		return nil
	})
}

// renderWith draws on a w × h canvas with draw and returns the SVG.
func renderWith(w, h float64, alt string, drawFn func(draw.Canvas) error) (ch Chart, err error) {
	defer func() {
		// gonum/plot panics on inputs it cannot draw (NaN ranges and the
		// like); a chart is never worth a crashed report.
		if r := recover(); r != nil {
			err = fmt.Errorf("charts: %v", r)
		}
	}()
	c := vgsvg.New(vg.Length(w), vg.Length(h))
	if err := drawFn(draw.New(c)); err != nil {
		return Chart{}, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return Chart{}, err
	}
	svg, err := finish(buf.Bytes(), w, h, alt)
	if err != nil {
		return Chart{}, err
	}
	return Chart{SVG: svg, Alt: alt}, nil
}

// finish turns vgsvg's document into ecoscope's: it drops the XML prolog,
// the comment and the xlink namespace, gives the root element its size in
// CSS pixels, role="img" and a <title>, and names fonts with fontStack.
func finish(raw []byte, w, h float64, alt string) ([]byte, error) {
	start := bytes.Index(raw, []byte("<svg"))
	if start < 0 {
		return nil, fmt.Errorf("charts: vgsvg wrote no <svg> element")
	}
	end := bytes.IndexByte(raw[start:], '>')
	if end < 0 {
		return nil, fmt.Errorf("charts: vgsvg wrote an unclosed <svg> element")
	}
	body := raw[start+end+1:]
	var out bytes.Buffer
	out.Grow(len(body) + 512)
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" class="chart">`,
		num(w), num(h), num(w), num(h))
	fmt.Fprintf(&out, "\n<title>%s</title>", html.EscapeString(alt))
	// One style for the whole chart, rather than the family on every text.
	s := string(body)
	s = strings.ReplaceAll(s, "font-family:Liberation Sans;", fontStack)
	s = strings.ReplaceAll(s, "font-variant:normal;", "")
	s = strings.ReplaceAll(s, "font-weight:normal;", "")
	s = strings.ReplaceAll(s, "font-style:normal;", "")
	s = strings.ReplaceAll(s, "font-style:normal", "")
	out.WriteString(s)
	return out.Bytes(), nil
}

// num formats v for SVG attributes: at most two decimals, no trailing zeros.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// textHandler lays out the text drawn outside a plot.Plot.
var textHandler = plot.DefaultTextHandler

// textWidth is the width of s in sans at size.
func textWidth(size vg.Length, s string) vg.Length {
	f := face(size)
	return f.Width(s)
}

// wrapLabels breaks each label onto lines at spaces so that it fits the
// width of one of n categories across the chart (a long Dutch helix name
// would run into its neighbours); a single word longer than that stays
// whole.
func wrapLabels(labels []string, n int) []string {
	room := vg.Length(chartWidth-80) / vg.Length(max(n, 1)) * 0.92
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = wrap(l, room)
	}
	return out
}

func wrap(s string, room vg.Length) string {
	words := strings.Fields(s)
	if len(words) < 2 || textWidth(fontSize, s) <= room {
		return s
	}
	var lines []string
	line := words[0]
	for _, w := range words[1:] {
		if textWidth(fontSize, line+" "+w) <= room {
			line += " " + w
			continue
		}
		lines = append(lines, line)
		line = w
	}
	return strings.Join(append(lines, line), "\n")
}
