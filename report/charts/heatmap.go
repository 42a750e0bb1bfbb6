package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatMap is the input of HeatMapChart, e.g. the helix mixing matrix: ties
// between the partners of the row's and of the column's helix type.
type HeatMap struct {
	Lang                  string
	Title, XLabel, YLabel string
	// Rows label the rows from the top, Cols the columns from the left;
	// Cells[r][c] is the cell of row r and column c.
	Rows, Cols []string
	Cells      [][]float64
}

// HeatMapChart draws Cells as a grid of squares shaded from light (0) to
// dark (the largest cell), each labelled with its value in black or white,
// whichever reads on its shade. The text alternative gives every non-zero
// cell, largest first.
func HeatMapChart(in HeatMap) (Chart, error) {
	if len(in.Rows) == 0 || len(in.Cols) == 0 {
		return Chart{}, ErrNoData
	}
	if len(in.Cells) != len(in.Rows) {
		return Chart{}, fmt.Errorf("charts: %d rows but %d rows of cells", len(in.Rows), len(in.Cells))
	}
	max := 0.0
	for r, row := range in.Cells {
		if len(row) != len(in.Cols) {
			return Chart{}, fmt.Errorf("charts: row %q has %d cells for %d columns", in.Rows[r], len(row), len(in.Cols))
		}
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return Chart{}, fmt.Errorf("charts: row %q has a cell that is negative or not finite", in.Rows[r])
			}
			max = math.Max(max, v)
		}
	}
	p := newPlot()
	p.X.Label.Text, p.Y.Label.Text = in.XLabel, in.YLabel
	p.Add(&heatCells{cells: in.Cells, max: max, lang: in.Lang})
	p.NominalX(wrapLabels(in.Cols, len(in.Cols)+2)...)
	// Row 0 at the top: the y axis counts from the bottom. Long row
	// labels wrap, so that they leave the columns room for theirs (the
	// Dutch "maatschappelijke organisaties en burgers" on one line
	// squeezed "kennisinstellingen" into "bedrijfsleven").
	ylabels := make([]string, len(in.Rows))
	for r, name := range in.Rows {
		ylabels[len(in.Rows)-1-r] = wrap(name, rowLabelRoom)
	}
	p.NominalY(ylabels...)
	p.X.Min, p.X.Max = -0.5, float64(len(in.Cols))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(in.Rows))-0.5
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.LineStyle.Width, p.Y.LineStyle.Width = 0, 0

	w := wordsFor(in.Lang)
	type cell struct {
		r, c int
		v    float64
	}
	var cs []cell
	for r, row := range in.Cells {
		for c, v := range row {
			// A symmetric matrix says each pair once.
			if v > 0 && (!symmetric(in) || c >= r) {
				cs = append(cs, cell{r, c, v})
			}
		}
	}
	// Largest first; ties in reading order (stable sort keeps it).
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].v > cs[j-1].v; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	items := make([]string, len(cs))
	for i, c := range cs {
		items[i] = in.Rows[c.r] + " × " + in.Cols[c.c] + " " + w.fmtNum(c.v)
	}
	return render(p, w.heat+" — "+in.Title+": "+w.list(items)+".")
}

// rowLabelRoom is the widest a row label of a heat map runs before it
// wraps, in SVG units.
const rowLabelRoom = 130

// symmetric reports whether in is a square matrix with the same labels on
// both axes and equal mirrored cells.
func symmetric(in HeatMap) bool {
	if len(in.Rows) != len(in.Cols) {
		return false
	}
	for r := range in.Rows {
		if in.Rows[r] != in.Cols[r] {
			return false
		}
		for c := range r {
			if in.Cells[r][c] != in.Cells[c][r] {
				return false
			}
		}
	}
	return true
}

// heatCells is the plotter of HeatMapChart: a labelled square per cell.
type heatCells struct {
	cells [][]float64
	max   float64
	lang  string
}

func (h *heatCells) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(h.cells[0])) - 0.5, -0.5, float64(len(h.cells)) - 0.5
}

func (h *heatCells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	w := wordsFor(h.lang)
	n := len(h.cells)
	sty := text.Style{Font: face(fontSize).Font, XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: p.TextHandler}
	for r, row := range h.cells {
		y := float64(n - 1 - r)
		for col, v := range row {
			f := 0.0
			if h.max > 0 {
				f = v / h.max
			}
			bg := heatColor(f)
			x0, x1 := trX(float64(col)-0.5), trX(float64(col)+0.5)
			y0, y1 := trY(y-0.5), trY(y+0.5)
			rect := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
			c.FillPolygon(bg, rect)
			c.StrokeLines(draw.LineStyle{Color: color.White, Width: 1.5}, append(rect, rect[0]))
			sty.Color = textOn(bg)
			c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, w.fmtNum(v))
		}
	}
}
