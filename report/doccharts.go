package report

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ecoscope/ecoscope/report/charts"
)

// ChartNames are the charts of a report in the order writeDoc places
// them.
var ChartNames = []string{ChartHelix, ChartMixing, ChartGrowth, ChartGrowthMix, ChartValues, ChartNetwork}

// DrawCharts draws every chart d has data for, in lang, from the Document
// alone (no figure is computed again): the partners per helix type, the
// mixing heat map, growth (counts, and the mixing and cohesion indices),
// value records per cycle and outcome level, and the network drawing,
// whose layout seed is seed. A chart without data (charts.ErrNoData) is
// left out; its table stays in the report. The map is keyed by chart name
// (ChartHelix ...).
func DrawCharts(d *Document, lang Lang, seed uint64) (map[string]charts.Chart, error) {
	if _, ok := docWords[lang]; !ok {
		return nil, fmt.Errorf("report: unknown language %q (en or nl)", lang)
	}
	out := map[string]charts.Chart{}
	if d == nil || d.Summary == nil || d.Partners == 0 {
		return out, nil
	}
	w := docText(lang)
	l := string(lang)
	add := func(name string, c charts.Chart, err error) error {
		if errors.Is(err, charts.ErrNoData) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("report: chart %s: %w", name, err)
		}
		out[name] = c
		return nil
	}

	// Composition: partners per helix type.
	var bars []charts.Bar
	for _, h := range d.HelixChart {
		bars = append(bars, charts.Bar{Label: w.helix(h.Helix), Value: float64(h.Partners), Helix: h.Helix})
	}
	c, err := charts.BarChart(charts.Bars{Lang: l, Title: w.ChartTitles[ChartHelix], YLabel: w.Partners, Bars: bars})
	if err := add(ChartHelix, c, err); err != nil {
		return nil, err
	}

	// Mixing: ties between each pair of helix types.
	if m := d.Mixing; m != nil {
		labels := make([]string, len(m.Types))
		for i, h := range m.Types {
			labels[i] = w.helix(h)
		}
		cells := make([][]float64, len(m.Counts))
		for i, row := range m.Counts {
			cells[i] = make([]float64, len(row))
			for j, v := range row {
				cells[i][j] = float64(v)
			}
		}
		c, err := charts.HeatMapChart(charts.HeatMap{Lang: l, Title: w.ChartTitles[ChartMixing], Rows: labels, Cols: labels, Cells: cells})
		if err := add(ChartMixing, c, err); err != nil {
			return nil, err
		}
	}

	// Growth: the partners on one chart (the ties, ten times as many,
	// would flatten them; they are in the table), the indices (−1 to 1)
	// on another.
	if g := d.Growth; g != nil && len(g.Rows) > 0 {
		n := len(g.Rows)
		series := func(names ...string) []charts.Series {
			s := make([]charts.Series, len(names))
			for i, name := range names {
				s[i] = charts.Series{Name: name, Values: make([]float64, n)}
			}
			return s
		}
		counts := series(w.Partners, w.NewPartners, w.LeftPartners)
		mix := series(w.EIIndex, w.Blau, w.LargestShare)
		var dates []time.Time
		for k, r := range g.Rows {
			dates = append(dates, r.Start.Time())
			counts[0].Values[k], counts[1].Values[k], counts[2].Values[k] = float64(r.Partners), float64(r.NewPartners), float64(r.LeftPartners)
			mix[0].Values[k], mix[1].Values[k], mix[2].Values[k] = float64(r.EIIndex), float64(r.BlauIndex), float64(r.LargestComponentShare)
		}
		c, err := charts.LineChart(charts.Lines{Lang: l, Title: w.ChartTitles[ChartGrowth], YLabel: w.Partners, Dates: dates, Series: counts})
		if err := add(ChartGrowth, c, err); err != nil {
			return nil, err
		}
		if hasFinite(mix) {
			c, err = charts.LineChart(charts.Lines{Lang: l, Title: w.ChartTitles[ChartGrowthMix], YLabel: w.Index, Dates: dates, Series: mix})
			if err := add(ChartGrowthMix, c, err); err != nil {
				return nil, err
			}
		}
	}

	// Values: records per cycle and outcome level.
	if v := d.ValueChart; v != nil && d.ValueCreation != nil && d.ValueCreation.Records > 0 {
		cycles := make([]string, len(v.Cycles))
		for i, cy := range v.Cycles {
			cycles[i] = w.Cycles[cy]
		}
		levels := make([]string, len(v.Levels))
		groups := make([][]float64, len(v.Levels))
		for j, lv := range v.Levels {
			levels[j] = w.Outcomes[lv]
			groups[j] = make([]float64, len(v.Cycles))
			for i := range v.Cycles {
				groups[j][i] = float64(v.Counts[i][j])
			}
		}
		c, err := charts.GroupedBarChart(charts.Groups{Lang: l, Title: w.ChartTitles[ChartValues], XLabel: w.Cycle, YLabel: w.Records,
			Categories: cycles, Groups: levels, Values: groups, Ordinal: true, LastNeutral: true})
		if err := add(ChartValues, c, err); err != nil {
			return nil, err
		}
	}

	// The network: nodes by helix type and betweenness, units as hulls.
	if dr := d.Drawing; dr != nil && len(dr.Nodes) > 0 {
		c, err := charts.NetworkChart(networkInput(dr, w, l, seed))
		if err := add(ChartNetwork, c, err); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// networkInput turns the Drawing into the input of charts.NetworkChart.
func networkInput(dr *Drawing, w *DocWords, lang string, seed uint64) charts.Network {
	nodes := make([]charts.NetworkNode, len(dr.Nodes))
	for i, n := range dr.Nodes {
		units := make([]string, 0, len(n.Units))
		for _, u := range n.Units {
			if u >= 0 && u < len(dr.Units) {
				units = append(units, dr.Units[u].ID)
			}
		}
		nodes[i] = charts.NetworkNode{ID: n.ID, Name: partnerName(n.ID, n.Name), Helix: n.Helix, Size: float64(n.Betweenness), Units: units}
	}
	edges := make([]charts.NetworkEdge, len(dr.Edges))
	for k, e := range dr.Edges {
		edges[k] = charts.NetworkEdge{Source: dr.Nodes[e.Source].ID, Target: dr.Nodes[e.Target].ID, Weight: e.Weight}
	}
	hulls := make([]charts.NetworkUnit, len(dr.Units))
	unitLabel := ""
	for i, u := range dr.Units {
		hulls[i] = charts.NetworkUnit{ID: u.ID, Name: partnerName(u.ID, u.Name)}
		unitLabel = w.level(u.Level)
	}
	in := charts.Network{Lang: lang, Title: w.ChartTitles[ChartNetwork], Nodes: nodes, Edges: edges,
		Units: hulls, UnitLabel: unitLabel, HelixLabels: w.Helices, SizeLabel: w.Betweenness, Seed: seed}
	if dr.Overview {
		in.Total = dr.Partners
	}
	return in
}

// drawingTop returns the indexes of the nodes of dr with the highest
// betweenness (then degree, then the drawing's order): the partners the
// drawing names.
func drawingTop(dr *Drawing, n int) []int {
	idx := make([]int, len(dr.Nodes))
	for i := range idx {
		idx[i] = i
	}
	less := func(a, b int) bool {
		x, y := betweennessOf(dr.Nodes[a]), betweennessOf(dr.Nodes[b])
		if x != y {
			return x > y
		}
		if dr.Nodes[a].Degree != dr.Nodes[b].Degree {
			return dr.Nodes[a].Degree > dr.Nodes[b].Degree
		}
		return a < b
	}
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && less(idx[j], idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx[:min(n, len(idx))]
}

func betweennessOf(n DrawNode) float64 {
	b := float64(n.Betweenness)
	if math.IsNaN(b) || b < 0 {
		return 0
	}
	return b
}

// drawingRows is the table of the partners the drawing names.
func drawingRows(dr *Drawing, w *DocWords, lang Lang) [][]string {
	var rows [][]string
	for _, i := range drawingTop(dr, charts.DefaultNetworkLabels) {
		n := dr.Nodes[i]
		units := make([]string, 0, len(n.Units))
		for _, u := range n.Units {
			if u >= 0 && u < len(dr.Units) {
				units = append(units, partnerName(dr.Units[u].ID, dr.Units[u].Name))
			}
		}
		rows = append(rows, []string{partnerName(n.ID, n.Name), w.helix(n.Helix), orDash(strings.Join(units, ", ")), strconv.Itoa(n.Degree), fnum(n.Betweenness, lang)})
	}
	return rows
}

func hasFinite(ss []charts.Series) bool {
	for _, s := range ss {
		for _, v := range s.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				return true
			}
		}
	}
	return false
}
