package charts

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"github.com/ecoscope/ecoscope/graph"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one bar of a bar chart.
type Bar struct {
	Label string
	Value float64
	// Helix, when set, colours the bar with HelixColor; otherwise it is
	// the first series colour.
	Helix graph.Helix
}

// Bars is the input of BarChart, e.g. the partners per helix type.
type Bars struct {
	// Lang is the language of the text alternative: "en" or "nl".
	Lang string
	// Title names the chart in the text alternative (the page shows it as
	// the caption; the SVG does not repeat it). XLabel and YLabel label
	// the axes (either may be empty).
	Title, XLabel, YLabel string
	Bars                  []Bar
}

// ErrNoData is the error of a chart with nothing to draw (no bars, no
// dates, no nodes): the report leaves the chart out and keeps its table.
var ErrNoData = errors.New("charts: nothing to draw")

// BarChart draws one bar per Bar, in order, each labelled with its value.
// The text alternative lists every bar and its value.
func BarChart(in Bars) (Chart, error) {
	if len(in.Bars) == 0 {
		return Chart{}, ErrNoData
	}
	for _, b := range in.Bars {
		if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) {
			return Chart{}, fmt.Errorf("charts: bar %q has no finite value", b.Label)
		}
	}
	p := newPlot()
	p.X.Label.Text, p.Y.Label.Text = in.XLabel, in.YLabel
	p.Y.Min = 0
	names := make([]string, len(in.Bars))
	width := barWidth(len(in.Bars), 1)
	for i, b := range in.Bars {
		names[i] = b.Label
		bc, err := plotter.NewBarChart(plotter.Values{b.Value}, width)
		if err != nil {
			return Chart{}, err
		}
		bc.XMin = float64(i)
		bc.Color = seriesColor(0)
		if b.Helix != "" {
			bc.Color = HelixColor(b.Helix)
		}
		bc.LineStyle.Width = 0
		p.Add(bc)
	}
	if err := addValueLabels(p, in.Lang, barTops(in.Bars)); err != nil {
		return Chart{}, err
	}
	p.NominalX(wrapLabels(names, len(names))...)
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	p.Add(yGrid())
	w := wordsFor(in.Lang)
	items := make([]string, len(in.Bars))
	for i, b := range in.Bars {
		items[i] = b.Label + " " + w.fmtNum(b.Value)
	}
	return render(p, w.bar+" — "+in.Title+": "+w.list(items)+".")
}

func barTops(bs []Bar) []plotter.XY {
	xy := make([]plotter.XY, len(bs))
	for i, b := range bs {
		xy[i] = plotter.XY{X: float64(i), Y: b.Value}
	}
	return xy
}

// barWidth is the width of one of k bars side by side at one of n
// categories on the chart's plot area.
func barWidth(n, k int) vg.Length {
	area := vg.Length(chartWidth - 90)
	w := area / vg.Length(n) * 0.7 / vg.Length(k)
	if w > 60 {
		w = 60
	}
	return w
}

// addValueLabels writes each value just above its point.
func addValueLabels(p *plot.Plot, lang string, xy []plotter.XY) error {
	w := wordsFor(lang)
	labels := make([]string, len(xy))
	for i, v := range xy {
		labels[i] = w.fmtNum(v.Y)
	}
	ls, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs(xy), Labels: labels})
	if err != nil {
		return err
	}
	for i := range ls.TextStyle {
		ls.TextStyle[i].Font = face(fontSize - 1).Font
		ls.TextStyle[i].XAlign = draw.XCenter
		ls.TextStyle[i].YAlign = draw.YBottom
	}
	ls.Offset = vg.Point{Y: 2}
	p.Add(ls)
	// Room above the highest bar for its label.
	_, _, _, ymax := plotter.XYRange(plotter.XYs(xy))
	if ymax > 0 {
		p.Y.Max = math.Max(p.Y.Max, ymax*1.12)
	}
	return nil
}

// yGrid returns horizontal grid lines only.
func yGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal.Color = color.Gray{Y: 0xdd}
	return g
}

// Groups is the input of GroupedBarChart, e.g. value records per cycle
// (categories) and outcome level (groups).
type Groups struct {
	Lang                  string
	Title, XLabel, YLabel string
	// Categories label the positions on the x axis, Groups the bars at
	// each position (and the legend). Values[g][c] is the bar of group g
	// at category c.
	Categories, Groups []string
	Values             [][]float64
	// Ordinal colours the groups on a light-to-dark scale (for ordered
	// groups such as micro, meso, macro) rather than with distinct hues;
	// LastNeutral colours the last group grey (for "unspecified").
	Ordinal, LastNeutral bool
}

// GroupedBarChart draws, at each category, one bar per group, with a
// legend of the groups. The text alternative gives every category's values.
func GroupedBarChart(in Groups) (Chart, error) {
	if len(in.Categories) == 0 || len(in.Groups) == 0 {
		return Chart{}, ErrNoData
	}
	if len(in.Values) != len(in.Groups) {
		return Chart{}, fmt.Errorf("charts: %d groups but %d rows of values", len(in.Groups), len(in.Values))
	}
	for g, row := range in.Values {
		if len(row) != len(in.Categories) {
			return Chart{}, fmt.Errorf("charts: group %q has %d values for %d categories", in.Groups[g], len(row), len(in.Categories))
		}
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Chart{}, fmt.Errorf("charts: group %q has a value that is not finite", in.Groups[g])
			}
		}
	}
	p := newPlot()
	p.X.Label.Text, p.Y.Label.Text = in.XLabel, in.YLabel
	p.Y.Min = 0
	k := len(in.Groups)
	width := barWidth(len(in.Categories), k)
	ymax := 0.0
	for g, row := range in.Values {
		bc, err := plotter.NewBarChart(plotter.Values(row), width)
		if err != nil {
			return Chart{}, err
		}
		bc.Color = groupColor(in, g)
		bc.LineStyle.Width = 0
		bc.Offset = (vg.Length(g) - vg.Length(k-1)/2) * width
		p.Add(bc)
		p.Legend.Add(in.Groups[g], bc)
		for _, v := range row {
			ymax = math.Max(ymax, v)
		}
	}
	p.NominalX(wrapLabels(in.Categories, len(in.Categories))...)
	p.X.Min, p.X.Max = -0.5, float64(len(in.Categories))-0.5
	p.Add(yGrid())
	p.Legend.Top = true
	p.Legend.Left = false
	if ymax > 0 {
		// Room above the bars for the legend.
		p.Y.Max = ymax * (1 + 0.12*float64(k))
	}
	w := wordsFor(in.Lang)
	items := make([]string, len(in.Categories))
	for c, name := range in.Categories {
		parts := make([]string, k)
		for g := range in.Groups {
			parts[g] = in.Groups[g] + " " + w.fmtNum(in.Values[g][c])
		}
		items[c] = name + " (" + w.list(parts) + ")"
	}
	return render(p, w.grouped+" — "+in.Title+": "+joinSemi(items)+".")
}

func groupColor(in Groups, g int) color.Color {
	k := len(in.Groups)
	if in.LastNeutral && g == k-1 {
		return HelixColor(graph.HelixUnknown)
	}
	if in.Ordinal {
		n := k
		if in.LastNeutral {
			n--
		}
		if n <= 1 {
			return heatColor(0.6)
		}
		return heatColor(0.3 + 0.65*float64(g)/float64(n-1))
	}
	return seriesColor(g)
}

func joinSemi(items []string) string {
	s := ""
	for i, it := range items {
		if i > 0 {
			s += "; "
		}
		s += it
	}
	return s
}
