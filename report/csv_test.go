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
		{ID: "=cmd", Name: "Stichting \"Groen\", Oost", Helix: "civil_society", Degree: 2, Betweenness: analysis.Float(1.0 / 3), EIIndex: analysis.Float(math.NaN()), Liaison: 4},
	}
	var buf bytes.Buffer
	if err := WriteNodesCSV(&buf, nodes); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "id,name,helix,sector,degree,strength,betweenness,closeness,eigenvector,pagerank,clustering,core,community,constraint,effective_size,ego_diversity,ei_index,coordinator,itinerant,gatekeeper,representative,liaison" {
		t.Errorf("header %v", rows[0])
	}
	r := rows[1]
	if r[0] != "'=cmd" || r[1] != "Stichting \"Groen\", Oost" || r[6] != "0.3333333333333333" || r[16] != "" || r[21] != "4" {
		t.Errorf("row %q", r)
	}
}
