package report

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// testdata/values.json is the ecosystem of analysis's TestValuesTables and
// TestValuesPositions, whose counts, shares and groups are worked out
// there: 10 records, every cycle, records without a level, a unit or a
// date, a year without records (2022), brokers b and c, betweenness
// quartiles with a tie (c and e, 4/15) and an empty q2.
func TestValuesJSONGolden(t *testing.T) {
	r, err := BuildValues(context.Background(), checkLoad(t, "testdata/values.json"), Meta{Source: "testdata/values.json"}, analysis.Options{}, analysis.MetricsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if want := golden(t, "values.golden.json", buf.Bytes()); !checkSameJSON(t, buf.Bytes(), want) {
		t.Errorf("values JSON differs from values.golden.json:\n%s", buf.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "at", "partners", "tie_source", "records", "by_cycle", "potential_by_capital",
		"by_level", "by_helix", "by_unit", "without_unit", "by_year", "undated", "network", "by_partner"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("values JSON lacks %q", k)
		}
	}
	net := doc["network"].(map[string]any)
	q2 := net["betweenness_quartiles"].([]any)[1].(map[string]any)
	// q2 is empty: undefined figures are null.
	if q2["partners"] != 0.0 || q2["records_per_partner"] != nil || q2["share_transformative"] != nil || q2["min_betweenness"] != nil {
		t.Errorf("empty q2: %v, want 0 partners and null figures", q2)
	}
}

func TestValuesTextGolden(t *testing.T) {
	r, err := BuildValues(context.Background(), checkLoad(t, "testdata/values.json"), Meta{Source: "testdata/values.json"}, analysis.Options{}, analysis.MetricsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteValuesText(&buf, r); err != nil {
		t.Fatal(err)
	}
	if want := golden(t, "values.golden.txt", buf.Bytes()); !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("values text differs from values.golden.txt:\n%s", buf.String())
	}
	// Rows worked out in analysis's tests, compared with spaces folded.
	text := valuesFoldSpaces(buf.String())
	for _, want := range []string{
		"10 value records, 7 partners",
		"unspecified 0 0 0 1 1 10.0%",   // potential without capital or level: record 5
		"total 2 3 3 2 10 100.0%",       // micro, meso, macro, unspecified
		"(no unit) 0 0 0 0 1 0 1 10.0%", // record 7
		"2022 0 0 0 0 0 0 0 0.0%",       // a year without records
		"undated 0 0 0 0 2 0 2 20.0%",   // records 7 and 10
		"q2 0 - 0 - - -",                // empty quartile
		"brokers 2 0.2667–0.5333 6 3.00 16.7% 33.3%",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestValuesTextEmpty(t *testing.T) {
	e := checkLoad(t, "testdata/values.json")
	tests := []struct {
		name string
		e    *graph.Ecosystem
		at   string
		want string
	}{
		{"no records", &graph.Ecosystem{Partners: e.Partners}, "", "The data set has no value records"},
		{"no partners at a date", &graph.Ecosystem{}, "1999", "No partners are active at 1999"},
		// The partners are undated, so they are active in 2018; the
		// first dated record is from 2019 and the undated records are
		// kept.
		{"records at a date", e.At(graph.MustParseDate("2018")), "2018", "2 value records"},
		{"no records at a date", &graph.Ecosystem{Partners: e.Partners}, "2018", "No value records are dated on or before 2018"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, _ := graph.ParseDate(tt.at)
			r, err := BuildValues(context.Background(), tt.e, Meta{At: at}, analysis.Options{}, analysis.MetricsOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteValuesText(&buf, r); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, buf.String())
			}
		})
	}
}

// valuesFoldSpaces replaces every run of spaces in each line of s by one space.
func valuesFoldSpaces(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}
