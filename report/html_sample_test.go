package report

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
	"github.com/ecoscope/ecoscope/report/charts"
)

// sampleWords are the labels of the sample page, as the report's content
// model will carry them.
type sampleWords struct {
	title, contents, data                                string
	composition, mixing, growth, values, network, counts string
	helix, partners, ties, share, cycle, level, records  string
	helices                                              map[graph.Helix]string
	levels                                               []string
	betweenness, fieldlab, largestComponent, blau        string
}

var sampleLang = map[string]sampleWords{
	"en": {title: "Energieke Regio — ecosystem report", contents: "Contents", data: "Data behind the chart",
		composition: "Composition", mixing: "Helix mixing", growth: "Growth", values: "Value creation",
		network: "The network", counts: "Partners per helix type", helix: "Helix type", partners: "Partners",
		ties: "Ties", share: "Share", cycle: "Cycle", level: "Outcome level", records: "Records",
		helices: map[graph.Helix]string{graph.Academia: "academia", graph.Industry: "industry", graph.Government: "government",
			graph.CivilSociety: "civil society", graph.Environment: "environment", graph.HelixUnknown: "unknown"},
		levels:      []string{"micro", "meso", "macro", "unspecified"},
		betweenness: "betweenness", fieldlab: "fieldlab", largestComponent: "largest component share", blau: "Blau index"},
	"nl": {title: "Energieke Regio — rapport over het ecosysteem", contents: "Inhoud", data: "Gegevens bij de grafiek",
		composition: "Samenstelling", mixing: "Menging van helixtypen", growth: "Groei", values: "Waardecreatie",
		network: "Het netwerk", counts: "Partners per helixtype", helix: "Helixtype", partners: "Partners",
		ties: "Relaties", share: "Aandeel", cycle: "Cyclus", level: "Uitkomstniveau", records: "Waarnemingen",
		helices: map[graph.Helix]string{graph.Academia: "kennisinstellingen", graph.Industry: "bedrijven", graph.Government: "overheid",
			graph.CivilSociety: "maatschappelijke organisaties", graph.Environment: "natuur en milieu", graph.HelixUnknown: "onbekend"},
		levels:      []string{"micro", "meso", "macro", "niet opgegeven"},
		betweenness: "tussenpositie", fieldlab: "fieldlab", largestComponent: "aandeel grootste component", blau: "Blau-index"},
}

// samplePage builds a page from the shipped example with the figures of
// the analysis package, as the report will: composition, mixing, growth,
// values and the network with betweenness.
func samplePage(t testing.TB, lang string) HTMLPage {
	t.Helper()
	w := sampleLang[lang]
	e, _, err := importers.ReadAll([]string{"../examples/energieke-regio"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	net := analysis.New(e, analysis.DefaultOptions())
	comp := analysis.Compose(e)
	mix := analysis.HelixMixing(net)
	first, last, ok := analysis.DateRange(e)
	if !ok {
		t.Fatal("the example has no dates")
	}
	rows, _, err := analysis.Growth(ctx, e, analysis.Spans(first, last, analysis.EveryYear), analysis.DefaultGrowthOptions())
	if err != nil {
		t.Fatal(err)
	}
	vals, err := analysis.Values(ctx, e, net, analysis.DefaultMetricsOptions())
	if err != nil {
		t.Fatal(err)
	}
	nodes, _, err := analysis.NodeMetricsOf(ctx, net, analysis.DefaultMetricsOptions())
	if err != nil {
		t.Fatal(err)
	}
	mustChart := func(c charts.Chart, err error) charts.Chart {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	itoa := strconv.Itoa
	f2 := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

	// Composition.
	var bars []charts.Bar
	compTable := HTMLTable{Header: []string{w.helix, w.partners}}
	for _, h := range charts.HelixOrder {
		n, ok := comp.HelixCounts[h]
		if !ok {
			continue
		}
		bars = append(bars, charts.Bar{Label: w.helices[h], Value: float64(n), Helix: h})
		compTable.Rows = append(compTable.Rows, []string{w.helices[h], itoa(n)})
	}
	compChart := mustChart(charts.BarChart(charts.Bars{Lang: lang, Title: w.counts, YLabel: w.partners, Bars: bars}))

	// Mixing.
	labels := make([]string, len(mix.Types))
	for i, h := range mix.Types {
		labels[i] = w.helices[h]
	}
	cells := make([][]float64, len(mix.Counts))
	mixTable := HTMLTable{Header: append([]string{""}, labels...)}
	for i, row := range mix.Counts {
		cells[i] = make([]float64, len(row))
		r := []string{labels[i]}
		for j, v := range row {
			cells[i][j] = float64(v)
			r = append(r, itoa(v))
		}
		mixTable.Rows = append(mixTable.Rows, r)
	}
	mixChart := mustChart(charts.HeatMapChart(charts.HeatMap{Lang: lang, Title: w.mixing, Rows: labels, Cols: labels, Cells: cells}))

	// Growth.
	dates := make([]time.Time, len(rows))
	partners := make([]float64, len(rows))
	ties := make([]float64, len(rows))
	lcs := make([]float64, len(rows))
	blau := make([]float64, len(rows))
	growthTable := HTMLTable{Header: []string{"", w.partners, w.ties, w.largestComponent, w.blau}}
	for k, r := range rows {
		dates[k] = r.Start.Time()
		partners[k], ties[k] = float64(r.Partners), float64(r.Ties)
		lcs[k], blau[k] = float64(r.LargestComponentShare), float64(r.BlauIndex)
		growthTable.Rows = append(growthTable.Rows, []string{r.Date, itoa(r.Partners), itoa(r.Ties), f2(lcs[k]), f2(blau[k])})
	}
	growthCounts := mustChart(charts.LineChart(charts.Lines{Lang: lang, Title: w.growth, YLabel: w.partners + ", " + w.ties,
		Dates: dates, Series: []charts.Series{{Name: w.partners, Values: partners}, {Name: w.ties, Values: ties}}}))
	growthShares := mustChart(charts.LineChart(charts.Lines{Lang: lang, Title: w.growth + " (" + w.share + ")", YLabel: w.share,
		Dates: dates, Series: []charts.Series{{Name: w.largestComponent, Values: lcs}, {Name: w.blau, Values: blau}}}))

	// Values: cycles × outcome levels.
	cycles := make([]string, len(vals.Cycles))
	groups := make([][]float64, 4)
	valTable := HTMLTable{Header: append([]string{w.cycle}, w.levels...)}
	for c, row := range vals.Cycles {
		cycles[c] = string(row.Cycle)
		lv := []int{row.Levels.Micro, row.Levels.Meso, row.Levels.Macro, row.Levels.Unspecified}
		r := []string{cycles[c]}
		for g, v := range lv {
			groups[g] = append(groups[g], float64(v))
			r = append(r, itoa(v))
		}
		valTable.Rows = append(valTable.Rows, r)
	}
	valChart := mustChart(charts.GroupedBarChart(charts.Groups{Lang: lang, Title: w.values, XLabel: w.cycle, YLabel: w.records,
		Categories: cycles, Groups: w.levels, Values: groups, Ordinal: true, LastNeutral: true}))

	// The network, with the fieldlabs as hulls.
	members := analysis.SubtreePartners(e)
	unitsOf := map[string][]string{}
	var hulls []charts.NetworkUnit
	for _, u := range e.Units {
		if u.Level != graph.LevelFieldlab {
			continue
		}
		hulls = append(hulls, charts.NetworkUnit{ID: u.ID, Name: u.Name})
		for _, p := range members[u.ID] {
			unitsOf[p] = append(unitsOf[p], u.ID)
		}
	}
	nn := make([]charts.NetworkNode, len(nodes))
	netTable := HTMLTable{Header: []string{w.partners, w.helix, w.betweenness}}
	for i, nd := range nodes {
		nn[i] = charts.NetworkNode{ID: nd.ID, Name: nd.Name, Helix: nd.Helix, Size: float64(nd.Betweenness), Units: unitsOf[nd.ID]}
	}
	top := append([]analysis.NodeMetrics(nil), nodes...)
	for i := 1; i < len(top); i++ { // insertion sort by betweenness, largest first
		for j := i; j > 0 && top[j].Betweenness > top[j-1].Betweenness; j-- {
			top[j], top[j-1] = top[j-1], top[j]
		}
	}
	for _, nd := range top[:10] {
		netTable.Rows = append(netTable.Rows, []string{nd.Name, w.helices[nd.Helix], f2(float64(nd.Betweenness))})
	}
	var ne []charts.NetworkEdge
	for u := 0; u < net.N(); u++ {
		ws := net.Weights(u)
		for k, v := range net.Neighbors(u) {
			if int(v) > u {
				ne = append(ne, charts.NetworkEdge{Source: net.ID(u), Target: net.ID(int(v)), Weight: ws[k]})
			}
		}
	}
	netChart := mustChart(charts.NetworkChart(charts.Network{Lang: lang, Title: w.network, Nodes: nn, Edges: ne,
		Units: hulls, UnitLabel: w.fieldlab, HelixLabels: w.helices, SizeLabel: w.betweenness, Seed: 1}))

	return HTMLPage{
		Lang: lang, Title: w.title, Subtitle: fmt.Sprintf("%d %s, %d %s", comp.Partners, w.partners, comp.Ties, w.ties),
		Labels: HTMLLabels{Contents: w.contents, Data: w.data},
		Sections: []HTMLSection{
			{ID: "summary", Title: "Summary", Paragraphs: []string{"A partner named <script>alert(1)</script> | * shows as text."},
				Items: []HTMLItem{{Text: "Environment reaches the rest through one partner.", Ref: "network"}, {Text: "Growth slowed in 2024.", Ref: "growth"}}},
			{ID: "composition", Title: w.composition, Charts: []HTMLChart{{ID: "chart-composition", Title: w.counts, Chart: compChart, Table: compTable}},
				Subsections: []HTMLSection{{ID: "mixing", Title: w.mixing, Charts: []HTMLChart{{ID: "chart-mixing", Title: w.mixing, Chart: mixChart, Table: mixTable}}}}},
			{ID: "network", Title: w.network, Charts: []HTMLChart{{ID: "chart-network", Title: w.network, Chart: netChart, Table: netTable}}},
			{ID: "growth", Title: w.growth, Charts: []HTMLChart{
				{ID: "chart-growth", Title: w.growth, Chart: growthCounts, Table: growthTable},
				{ID: "chart-growth-shares", Title: w.growth + " (" + w.share + ")", Chart: growthShares, Table: growthTable}}},
			{ID: "values", Title: w.values, Charts: []HTMLChart{{ID: "chart-values", Title: w.values, Chart: valChart, Table: valTable}}},
		},
		Footer: "ecoscope " + fmt.Sprint(math.Round(1)),
	}
}
