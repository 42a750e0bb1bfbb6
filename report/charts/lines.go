package charts

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one line of a line chart: a value per date of Lines.Dates
// (NaN where there is none: the line breaks there).
type Series struct {
	Name   string
	Values []float64
}

// Lines is the input of LineChart, e.g. the growth series: partners and
// ties per year. Series on one chart share the y axis, so give counts and
// shares (0–1) charts of their own.
type Lines struct {
	Lang          string
	Title, YLabel string
	// Dates are the x positions, in order; DateFormat is the layout of
	// their tick labels (time.Format; "2006" when empty).
	Dates      []time.Time
	DateFormat string
	Series     []Series
}

// glyphs tell the series apart without colour.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
	draw.RingGlyph{}, draw.PlusGlyph{}, draw.CrossGlyph{}, draw.BoxGlyph{}}

// LineChart draws each series as a line with markers, coloured and shaped
// apart, with a legend. The text alternative gives each series' first and
// last value.
func LineChart(in Lines) (Chart, error) {
	if len(in.Dates) == 0 || len(in.Series) == 0 {
		return Chart{}, ErrNoData
	}
	for k := 1; k < len(in.Dates); k++ {
		if !in.Dates[k].After(in.Dates[k-1]) {
			return Chart{}, fmt.Errorf("charts: dates out of order at %s", in.Dates[k].Format(time.DateOnly))
		}
	}
	format := in.DateFormat
	if format == "" {
		format = "2006"
	}
	p := newPlot()
	p.Y.Label.Text = in.YLabel
	p.X.Tick.Marker = dateTicks{dates: in.Dates, format: format}
	p.Add(yGrid())
	xs := make([]float64, len(in.Dates))
	for k, d := range in.Dates {
		xs[k] = float64(d.Unix())
	}
	if len(xs) == 1 {
		p.X.Min, p.X.Max = xs[0]-86400*180, xs[0]+86400*180
	}
	w := wordsFor(in.Lang)
	items := make([]string, len(in.Series))
	ymin, ymax := 0.0, 0.0
	for s, ser := range in.Series {
		if len(ser.Values) != len(xs) {
			return Chart{}, fmt.Errorf("charts: series %q has %d values for %d dates", ser.Name, len(ser.Values), len(xs))
		}
		ls := draw.LineStyle{Color: seriesColor(s), Width: 2}
		gs := draw.GlyphStyle{Color: seriesColor(s), Radius: 3.5, Shape: glyphs[s%len(glyphs)]}
		var seg plotter.XYs
		first, last := math.NaN(), math.NaN()
		flush := func() error {
			if len(seg) > 1 {
				l, err := plotter.NewLine(seg)
				if err != nil {
					return err
				}
				l.LineStyle = ls
				p.Add(l)
			}
			seg = nil
			return nil
		}
		var pts plotter.XYs
		for k, v := range ser.Values {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				if err := flush(); err != nil {
					return Chart{}, err
				}
				continue
			}
			if math.IsNaN(first) {
				first = v
			}
			last = v
			ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
			seg = append(seg, plotter.XY{X: xs[k], Y: v})
			pts = append(pts, plotter.XY{X: xs[k], Y: v})
		}
		if err := flush(); err != nil {
			return Chart{}, err
		}
		if len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return Chart{}, err
			}
			sc.GlyphStyle = gs
			p.Add(sc)
		}
		thumb, err := plotter.NewLine(plotter.XYs{{}, {X: 1}})
		if err != nil {
			return Chart{}, err
		}
		thumb.LineStyle = ls
		marker, err := plotter.NewScatter(plotter.XYs{{}})
		if err != nil {
			return Chart{}, err
		}
		marker.GlyphStyle = gs
		p.Legend.Add(ser.Name, thumb, marker)
		items[s] = fmt.Sprintf("%s %s %s %s %s", ser.Name, w.from, w.fmtNum(first), w.to, w.fmtNum(last))
	}
	p.Y.Min = ymin
	if ymax > ymin {
		// Room above the lines for the legend.
		p.Y.Max = ymax + (ymax-ymin)*(0.08*float64(len(in.Series))+0.05)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Length(6)
	period := in.Dates[0].Format(format) + "–" + in.Dates[len(in.Dates)-1].Format(format)
	return render(p, w.lines+" — "+in.Title+", "+period+": "+w.list(items)+".")
}

// dateTicks labels at most about eight of the dates.
type dateTicks struct {
	dates  []time.Time
	format string
}

func (d dateTicks) Ticks(min, max float64) []plot.Tick {
	step := (len(d.dates) + 7) / 8
	var ts []plot.Tick
	for k, t := range d.dates {
		v := float64(t.Unix())
		if v < min || v > max {
			continue
		}
		label := ""
		if k%step == 0 {
			label = t.Format(d.format)
		}
		ts = append(ts, plot.Tick{Value: v, Label: label})
	}
	return ts
}
