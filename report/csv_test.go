package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
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
