package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

func TestSafeCell(t *testing.T) {
	tests := map[string]string{
		"=HYPERLINK(\"x\")":   "'=HYPERLINK(\"x\")",
		"+31 6":               "'+31 6",
		"-1+1":                "'-1+1",
		"@SUM(A1)":            "'@SUM(A1)",
		"Gemeente Rivierstad": "Gemeente Rivierstad",
		"":                    "",
	}
	for in, want := range tests {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteNodesCSV(t *testing.T) {
	nodes := []analysis.NodeMetrics{
		{ID: "=cmd", Name: "Stichting \"Groen\", Oost", Helix: "civil_society", Degree: 2, Betweenness: analysis.Float(1.0 / 3), EIIndex: analysis.Float(math.NaN()), Liaison: 4, InDegree: 3, OutDegree: 1},
	}
	var buf bytes.Buffer
	if err := WriteNodesCSV(&buf, nodes); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The columns up to liaison are those of the first release, in their
	// order; later columns (in_degree, out_degree) are appended.
	if strings.Join(rows[0], ",") != "id,name,helix,sector,degree,strength,betweenness,closeness,eigenvector,pagerank,clustering,core,community,constraint,effective_size,ego_diversity,ei_index,coordinator,itinerant,gatekeeper,representative,liaison,in_degree,out_degree" {
		t.Errorf("header %v", rows[0])
	}
	r := rows[1]
	if r[0] != "'=cmd" || r[1] != "Stichting \"Groen\", Oost" || r[6] != "0.3333333333333333" || r[16] != "" || r[21] != "4" || r[22] != "3" || r[23] != "1" {
		t.Errorf("row %q", r)
	}
}

// networkColumnsBefore is the header of the network CSV before reciprocity
// was added (issue 8): the columns scripts may read by position.
const networkColumnsBefore = "partners,ties,density,helix_academia,helix_industry,helix_government,helix_civil_society,helix_environment,helix_unknown,sector_public,sector_private,sector_nonprofit,blau_index,shannon_entropy,shannon_evenness,helix_coverage,helix_missing,helix_integration,helix_assortativity,ei_index,ei_index_rescaled,public_private_tie_share,components,largest_component_share,average_degree,transitivity,average_clustering,ei_index_p_value,modularity,communities,triple_helix_synergy,quadruple_helix_synergy,mixing_academia_academia,mixing_academia_industry,mixing_academia_government,mixing_academia_civil_society,mixing_academia_environment,mixing_academia_unknown,mixing_industry_industry,mixing_industry_government,mixing_industry_civil_society,mixing_industry_environment,mixing_industry_unknown,mixing_government_government,mixing_government_civil_society,mixing_government_environment,mixing_government_unknown,mixing_civil_society_civil_society,mixing_civil_society_environment,mixing_civil_society_unknown,mixing_environment_environment,mixing_environment_unknown,mixing_unknown_unknown"

func TestWriteNetworkCSV(t *testing.T) {
	for _, tc := range []struct {
		reciprocity float64
		cell        string
	}{{10.0 / 24, "0.4166666666666667"}, {math.NaN(), ""}} {
		var buf bytes.Buffer
		if err := WriteNetworkCSV(&buf, analysis.NetworkMetrics{Reciprocity: analysis.Float(tc.reciprocity)}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(rows[0], ","), networkColumnsBefore+",reciprocity"; got != want {
			t.Errorf("header\n%s\nwant\n%s", got, want)
		}
		if got := rows[1][len(rows[1])-1]; got != tc.cell {
			t.Errorf("reciprocity %v: cell %q, want %q", tc.reciprocity, got, tc.cell)
		}
	}
}

// hostile are cells a spreadsheet would run as formulas, as partner names,
// ids, unit names and tie types.
var hostile = []string{`=HYPERLINK("http://x","y")`, "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "-1+1", "=1e-3"}

// checkSafe parses a CSV and checks that no cell could be read as a
// formula: each starts with none of = + - @ tab CR, or is a number as
// ecoscope writes one. It returns the rows.
func checkSafe(t *testing.T, name string, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for i, r := range rows {
		for j, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
				t.Errorf("%s row %d column %d: %q would be a formula", name, i, j, c)
			}
		}
	}
	return rows
}

// TestCSVWritersAreSpreadsheetSafe feeds hostile text through every CSV
// writer of the report: each such cell comes out quoted, and numbers,
// negative ones and exponents included, stay numbers.
func TestCSVWritersAreSpreadsheetSafe(t *testing.T) {
	found := func(name string, rows [][]string) {
		t.Helper()
		seen := map[string]bool{}
		for _, r := range rows {
			for _, c := range r {
				seen[c] = true
			}
		}
		for _, h := range hostile {
			if !seen["'"+h] {
				t.Errorf("%s: %q is not in the output as '%s", name, h, h)
			}
		}
	}
	var nodes []analysis.NodeMetrics
	var units []analysis.UnitMetrics
	var growth []analysis.GrowthRow
	var points []graph.HistoryPoint
	for i, h := range hostile {
		nodes = append(nodes, analysis.NodeMetrics{ID: h, Name: h, EIIndex: -0.5, Betweenness: 1e-3, Constraint: -1e-7})
		units = append(units, analysis.UnitMetrics{ID: h, Name: h, Parent: h})
		growth = append(growth, analysis.GrowthRow{Date: h})
		points = append(points, graph.HistoryPoint{Run: graph.MetricRun{ID: int64(i + 1), Unit: h, Ties: h, Level: h}, Metric: h, Value: -0.5})
	}
	var b bytes.Buffer
	if err := WriteNodesCSV(&b, nodes); err != nil {
		t.Fatal(err)
	}
	rows := checkSafe(t, "nodes", b.Bytes())
	found("nodes", rows)
	if r := rows[1]; r[6] != "0.001" || r[13] != "-1e-07" || r[16] != "-0.5" {
		t.Errorf("nodes: numbers changed: betweenness %q, constraint %q, ei_index %q", r[6], r[13], r[16])
	}
	b.Reset()
	if err := WriteUnitsCSV(&b, units); err != nil {
		t.Fatal(err)
	}
	found("units", checkSafe(t, "units", b.Bytes()))
	b.Reset()
	if err := WriteGrowthCSV(&b, growth); err != nil {
		t.Fatal(err)
	}
	found("growth", checkSafe(t, "growth", b.Bytes()))
	b.Reset()
	if err := WriteHistoryCSV(&b, HistoryQueryJSON{Subject: graph.SubjectPartner, ID: "=x"}, points); err != nil {
		t.Fatal(err)
	}
	rows = checkSafe(t, "history", b.Bytes())
	found("history", rows)
	if rows[1][7] != "'=x" || rows[1][9] != "-0.5" {
		t.Errorf("history: id %q, value %q", rows[1][7], rows[1][9])
	}
	b.Reset()
	if err := WriteNetworkCSV(&b, analysis.NetworkMetrics{MixMetrics: analysis.MixMetrics{EIIndex: -0.25}}); err != nil {
		t.Fatal(err)
	}
	checkSafe(t, "network", b.Bytes())
}

func TestSafeCellNumbers(t *testing.T) {
	for _, s := range []string{"-0.5", "1e-3", "-1e-07", "-3", "0", "12.5e+10", "-2E5"} {
		if got := SafeCell(s); got != s {
			t.Errorf("SafeCell(%q) = %q: a number must stay a number", s, got)
		}
	}
	for _, s := range []string{"+1", "-", "-.5", "-1.", "-Inf", "-NaN", "-1e", "-0x10", "-1_000", "-1 ", "-cmd", "\tx", "\r1"} {
		if got := SafeCell(s); got != "'"+s {
			t.Errorf("SafeCell(%q) = %q, want it quoted", s, got)
		}
	}
}
