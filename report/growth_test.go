package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// testdata/growth.json is the ecosystem growthExample of
// analysis/growth_test.go, with names: the numbers of its series and diff
// are worked out by hand there. These tests check how they are written.

func growthLoad(t *testing.T) *graph.Ecosystem {
	t.Helper()
	e, _, err := importers.Read("testdata/growth.json")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func growthDoc(t *testing.T, ties analysis.TieSource) GrowthJSON {
	t.Helper()
	spans := analysis.Spans(graph.MustParseDate("2019"), graph.MustParseDate("2022"), analysis.EveryYear)
	rows, _, err := analysis.Growth(t.Context(), growthLoad(t), spans, analysis.GrowthOptions{Ties: ties})
	if err != nil {
		t.Fatal(err)
	}
	return GrowthJSON{
		GrowthMeta: GrowthMeta{Name: "growth example", Source: "testdata/growth.json", TieSource: ties.String()},
		Every:      "year", From: "2019", To: "2022", Snapshots: rows,
	}
}

// growthSameJSON compares two JSON documents parsed.
func growthSameJSON(t *testing.T, got, want []byte) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(g, w)
}

func TestGrowthJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, growthDoc(t, analysis.TiesExplicit)); err != nil {
		t.Fatal(err)
	}
	want := golden(t, "growth.golden.json", buf.Bytes())
	if !growthSameJSON(t, buf.Bytes(), want) {
		t.Errorf("growth JSON differs from growth.golden.json:\n%s", buf.String())
	}

	// The keys docs/growth.md promises, and 2022 as worked out in
	// TestGrowthExplicitYearly: 7 partners, 6 ties, 2 components.
	var doc struct {
		Every     string           `json:"every"`
		Snapshots []map[string]any `json:"snapshots"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	keys := []string{"date", "start", "end", "partners", "ties", "density", "components", "largest_component_share",
		"average_degree", "blau_index", "helix_coverage", "helix_missing", "helix_integration", "ei_index",
		"public_private_tie_share", "helix_counts", "new_partners", "left_partners", "new_ties", "left_ties",
		"new_cross_helix_ties_share", "new_partners_by_helix"}
	last := doc.Snapshots[3]
	for _, k := range keys {
		if _, ok := last[k]; !ok {
			t.Errorf("snapshot lacks key %q", k)
		}
	}
	if len(last) != len(keys) {
		t.Errorf("snapshot has %d keys, want %d: %v", len(last), len(keys), last)
	}
	if last["date"] != "2022" || last["start"] != "2022-01-01" || last["partners"] != 7.0 || last["ties"] != 6.0 || last["components"] != 2.0 {
		t.Errorf("2022: got %v", last)
	}
	byHelix := doc.Snapshots[0]["new_partners_by_helix"].(map[string]any)
	if len(byHelix) != 6 || byHelix["unknown"] != 1.0 {
		t.Errorf("2019 new_partners_by_helix: got %v, want all six types, unknown 1 (los)", byHelix)
	}
}

// TestGrowthCSV checks the CSV of the series with unit ties only, where
// 2019 has no pair (E-I and the cross-helix share of new ties are NaN:
// empty cells) and 2022 no new pair.
func TestGrowthCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGrowthCSV(&buf, growthDoc(t, analysis.TiesUnits).Snapshots); err != nil {
		t.Fatal(err)
	}
	want := golden(t, "growth.golden.csv", buf.Bytes())
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("growth CSV differs from growth.golden.csv:\n%s", buf.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || !slices.Equal(recs[0], GrowthColumns) {
		t.Fatalf("got %d records, header %v; want 5, %v", len(recs), recs[0], GrowthColumns)
	}
	col := func(name string) int { return slices.Index(GrowthColumns, name) }
	checks := []struct {
		row       int
		col, want string
	}{
		{1, "date", "2019"}, {1, "ties", "0"}, {1, "ei_index", ""}, {1, "new_cross_helix_ties_share", ""},
		{1, "helix_missing", "government;civil_society;environment"}, {1, "new_unknown", "1"},
		{2, "ties", "1"}, {2, "components", "4"}, {2, "largest_component_share", "0.4"}, {2, "new_government", "1"},
		{4, "left_ties", "3"}, {4, "new_cross_helix_ties_share", ""}, {4, "helix_academia", "2"},
	}
	for _, c := range checks {
		if got := recs[c.row][col(c.col)]; got != c.want {
			t.Errorf("row %d %s: got %q, want %q", c.row, c.col, got, c.want)
		}
	}
}

func TestGrowthTextGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGrowthText(&buf, growthDoc(t, analysis.TiesExplicit)); err != nil {
		t.Fatal(err)
	}
	want := golden(t, "growth.golden.txt", buf.Bytes())
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("growth text:\n%s\nwant:\n%s", buf.String(), want)
	}
	// The summary: 3 partners in 2019, 7 in 2022; coverage partial,
	// triple (2020), quintuple (2021); integration partial, triple (2022).
	for _, s := range []string{
		"partners     3 → 7 (+4)",
		"coverage     partial in 2019, triple from 2020, quintuple from 2021",
		"integration  partial in 2019, triple from 2022",
		"academia 2, industry 2, government 1, civil_society 1, environment 1, unknown 1",
	} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("growth text lacks %q", s)
		}
	}
}

func growthDiffDoc(t *testing.T) DiffJSON {
	t.Helper()
	e := growthLoad(t)
	a, b := graph.MustParseDate("2020"), graph.MustParseDate("2022")
	return DiffJSON{
		GrowthMeta: GrowthMeta{Name: "growth example", Source: "testdata/growth.json", TieSource: "all"},
		A:          "2020", B: "2022",
		Diff: analysis.DiffOf(e.At(a), e.At(b), analysis.Options{Ties: analysis.TiesAll}),
	}
}

// TestDiffGolden writes the diff of TestDiff in analysis/growth_test.go:
// 2020 → 2022 with all ties, 3 partners joined (hs, wijk, natuur), bv left,
// 2 pairs joined, 1 left, team created, fl ended.
func TestDiffGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, growthDiffDoc(t)); err != nil {
		t.Fatal(err)
	}
	want := golden(t, "growth-diff.golden.json", buf.Bytes())
	if !growthSameJSON(t, buf.Bytes(), want) {
		t.Errorf("diff JSON differs from growth-diff.golden.json:\n%s", buf.String())
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "tie_source", "a", "b", "metrics", "coverage", "integration", "partners_joined",
		"partners_left", "ties_joined", "ties_left", "units_created", "units_ended"} {
		if _, ok := m[k]; !ok {
			t.Errorf("diff JSON lacks %q", k)
		}
	}
	if n := len(m["partners_joined"].([]any)); n != 3 {
		t.Errorf("JSON lists %d joined partners, want all 3", n)
	}

	buf.Reset()
	if err := WriteDiffText(&buf, growthDiffDoc(t), 1); err != nil {
		t.Fatal(err)
	}
	want = golden(t, "growth-diff.golden.txt", buf.Bytes())
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("diff text:\n%s\nwant:\n%s", buf.String(), want)
	}
	for _, s := range []string{
		"Partners joined (3)\n  academia  hs  Hogeschool Zuid\n  ... and 2 more",
		"Partners left (1)\n  industry  bv  Bouwbedrijf BV\n\n",
		"Units created (1)",
		"Coverage:    triple → quintuple; gained: civil_society, environment; lost: none",
		"partners                       5          7      +2",
	} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("diff text lacks %q", s)
		}
	}
}

// TestGrowthFixedZero: diff printed -0.000 for a change that rounds to
// zero (issue 8).
func TestGrowthFixedZero(t *testing.T) {
	tests := []struct {
		verb string
		v    float64
		want string
	}{
		{"%+.3f", -1e-17, "0.000"}, {"%+.3f", 0, "0.000"}, {"%+.3f", -0.0004, "0.000"}, {"%+.3f", 0.0006, "+0.001"},
		{"%+.2f", -0.5, "-0.50"}, {"%.3f", 0, "0.000"}, {"%.2f", math.NaN(), "-"},
	}
	for _, tt := range tests {
		if got := growthFixed(tt.verb, analysis.Float(tt.v)); got != tt.want {
			t.Errorf("growthFixed(%q, %v) = %q, want %q", tt.verb, tt.v, got, tt.want)
		}
	}
}
