package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// valuesData is a small ecosystem with ten value records;
// report/testdata/values.json holds the same data. The explicit ties form
// the tree a–b, b–c, c–d, b–e, e–h, with f isolated; the units have no
// memberships, so they add no ties. Records (reporter, unit, cycle,
// capital, level, date):
//
//	1 a   u-eco  expected       -       macro  2019
//	2 pa  u-fl   immediate      -       micro  2019-05      (pa works for a)
//	3 b   u-fl   potential      human   micro  2020
//	4 pb  u-team potential      social  meso   2020-02-10   (pb works for b)
//	5 b   u-team potential      -       -      2021
//	6 c   u-team applied        -       meso   2021
//	7 c   -      realized       -       meso   -
//	8 b   u-eco  transformative -       macro  2023
//	9 e   u-fl   transformative -       macro  2023-11
//	10 d  u-eco  realized       -       -      -
const valuesData = `{
  "name": "values",
  "partners": [
    {"id": "a", "helix": "academia"},
    {"id": "b", "helix": "industry"},
    {"id": "c", "helix": "government"},
    {"id": "d", "helix": "civil_society"},
    {"id": "e", "helix": "industry"},
    {"id": "f", "helix": "environment"},
    {"id": "h", "helix": "industry"}
  ],
  "people": [
    {"id": "pa", "partner": "a"},
    {"id": "pb", "partner": "b"}
  ],
  "ties": [
    {"source": "a", "target": "b"},
    {"source": "b", "target": "c"},
    {"source": "c", "target": "d"},
    {"source": "b", "target": "e"},
    {"source": "e", "target": "h"}
  ],
  "units": [
    {"id": "u-eco", "level": "ecosystem"},
    {"id": "u-fl", "level": "fieldlab", "parent": "u-eco"},
    {"id": "u-team", "level": "team", "parent": "u-fl"}
  ],
  "values": [
    {"reporter": "a",  "unit": "u-eco",  "cycle": "expected",       "level": "macro", "date": "2019"},
    {"reporter": "pa", "unit": "u-fl",   "cycle": "immediate",      "level": "micro", "date": "2019-05"},
    {"reporter": "b",  "unit": "u-fl",   "cycle": "potential", "capital": "human",  "level": "micro", "date": "2020"},
    {"reporter": "pb", "unit": "u-team", "cycle": "potential", "capital": "social", "level": "meso",  "date": "2020-02-10"},
    {"reporter": "b",  "unit": "u-team", "cycle": "potential",                                "date": "2021"},
    {"reporter": "c",  "unit": "u-team", "cycle": "applied",        "level": "meso",  "date": "2021"},
    {"reporter": "c",                    "cycle": "realized",       "level": "meso"},
    {"reporter": "b",  "unit": "u-eco",  "cycle": "transformative", "level": "macro", "date": "2023"},
    {"reporter": "e",  "unit": "u-fl",   "cycle": "transformative", "level": "macro", "date": "2023-11"},
    {"reporter": "d",  "unit": "u-eco",  "cycle": "realized"}
  ]
}`

func valuesOf(t *testing.T) analysis.ValueCreation {
	t.Helper()
	e := readJSONData(t, valuesData)
	return mustValues(t, e, analysis.New(e, analysis.Options{}))
}

// mustValues is analysis.Values with exact betweenness, failing t on an
// error.
func mustValues(t testing.TB, e *graph.Ecosystem, net *analysis.Network) analysis.ValueCreation {
	t.Helper()
	v, err := analysis.Values(context.Background(), e, net, analysis.MetricsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func cycles(ex, im, po, ap, re, tr int) analysis.CycleCounts {
	return analysis.CycleCounts{Expected: ex, Immediate: im, Potential: po, Applied: ap, Realized: re, Transformative: tr}
}

// TestValuesTables checks the counts of valuesData, worked out from the
// table above valuesData: 10 records.
func TestValuesTables(t *testing.T) {
	v := valuesOf(t)
	if v.Records != 10 {
		t.Fatalf("records %d, want 10", v.Records)
	}

	// Cycle × level: expected 1 (macro: 1); immediate 1 (micro: 2);
	// potential 3 (micro: 3, meso: 4, unspecified: 5); applied 1 (meso:
	// 6); realized 2 (meso: 7, unspecified: 10); transformative 2 (macro:
	// 8, 9).
	wantCycles := []struct {
		cycle  graph.Cycle
		n      int
		levels analysis.OutcomeCounts
	}{
		{graph.CycleExpected, 1, analysis.OutcomeCounts{Macro: 1}},
		{graph.CycleImmediate, 1, analysis.OutcomeCounts{Micro: 1}},
		{graph.CyclePotential, 3, analysis.OutcomeCounts{Micro: 1, Meso: 1, Unspecified: 1}},
		{graph.CycleApplied, 1, analysis.OutcomeCounts{Meso: 1}},
		{graph.CycleRealized, 2, analysis.OutcomeCounts{Meso: 1, Unspecified: 1}},
		{graph.CycleTransformative, 2, analysis.OutcomeCounts{Macro: 2}},
	}
	if len(v.Cycles) != len(wantCycles) {
		t.Fatalf("%d cycle rows, want %d", len(v.Cycles), len(wantCycles))
	}
	for i, w := range wantCycles {
		r := v.Cycles[i]
		if r.Cycle != w.cycle || r.Records != w.n || r.Levels != w.levels || float64(r.Share) != float64(w.n)/10 {
			t.Errorf("cycle row %d: %+v, want %s %d (share %v) %+v", i, r, w.cycle, w.n, float64(w.n)/10, w.levels)
		}
	}

	// Potential by capital: human 1 (micro: 3), social 1 (meso: 4),
	// unspecified 1 (unspecified level: 5); the others 0.
	wantCap := map[string]analysis.OutcomeCounts{
		"human": {Micro: 1}, "social": {Meso: 1}, "tangible": {}, "reputational": {}, "learning": {}, "unspecified": {Unspecified: 1},
	}
	var capitals []string
	for _, r := range v.Capitals {
		capitals = append(capitals, r.Capital)
		w := wantCap[r.Capital]
		n := w.Micro + w.Meso + w.Macro + w.Unspecified
		if r.Levels != w || r.Records != n {
			t.Errorf("capital %s: %d records %+v, want %d %+v", r.Capital, r.Records, r.Levels, n, w)
		}
	}
	if want := []string{"human", "social", "tangible", "reputational", "learning", "unspecified"}; !reflect.DeepEqual(capitals, want) {
		t.Errorf("capital rows %v, want %v", capitals, want)
	}

	// Levels: micro 2 (2, 3), meso 3 (4, 6, 7), macro 3 (1, 8, 9),
	// unspecified 2 (5, 10).
	var levels []string
	for _, r := range v.Outcomes {
		levels = append(levels, r.Level+"="+strconv.Itoa(r.Records)+"/"+ftoa(r.Share))
	}
	if want := []string{"micro=2/0.2", "meso=3/0.3", "macro=3/0.3", "unspecified=2/0.2"}; !reflect.DeepEqual(levels, want) {
		t.Errorf("levels %v, want %v", levels, want)
	}

	// Helix of the reporter: academia a (1), pa (2) = 2; industry b (3, 5,
	// 8), pb (4), e (9) = 5; government c (6, 7) = 2; civil_society d (10)
	// = 1; environment 0; no unknown row.
	wantHelix := []struct {
		h graph.Helix
		c analysis.CycleCounts
	}{
		{graph.Academia, cycles(1, 1, 0, 0, 0, 0)},
		{graph.Industry, cycles(0, 0, 3, 0, 0, 2)},
		{graph.Government, cycles(0, 0, 0, 1, 1, 0)},
		{graph.CivilSociety, cycles(0, 0, 0, 0, 1, 0)},
		{graph.Environment, cycles(0, 0, 0, 0, 0, 0)},
	}
	if len(v.Helices) != len(wantHelix) {
		t.Fatalf("%d helix rows, want %d", len(v.Helices), len(wantHelix))
	}
	for i, w := range wantHelix {
		if r := v.Helices[i]; r.Helix != w.h || r.Cycles != w.c {
			t.Errorf("helix row %d: %s %+v, want %s %+v", i, r.Helix, r.Cycles, w.h, w.c)
		}
	}

	// Units (records naming the unit itself): u-eco 1, 8, 10; u-fl 2, 3,
	// 9; u-team 4, 5, 6; with the units below: u-team 3, u-fl 6, u-eco 9.
	// Record 7 names no unit.
	wantUnits := []struct {
		id      string
		c       analysis.CycleCounts
		subtree int
	}{
		{"u-eco", cycles(1, 0, 0, 0, 1, 1), 9},
		{"u-fl", cycles(0, 1, 1, 0, 0, 1), 6},
		{"u-team", cycles(0, 0, 2, 1, 0, 0), 3},
	}
	if len(v.Units) != len(wantUnits) {
		t.Fatalf("%d unit rows, want %d", len(v.Units), len(wantUnits))
	}
	for i, w := range wantUnits {
		r := v.Units[i]
		if r.ID != w.id || r.Cycles != w.c || r.Records != 3 || r.SubtreeRecords != w.subtree {
			t.Errorf("unit row %d: %s %+v %d (%d with below), want %s %+v 3 (%d)", i, r.ID, r.Cycles, r.Records, r.SubtreeRecords, w.id, w.c, w.subtree)
		}
	}
	if r := v.WithoutUnit; r.Records != 1 || r.Cycles != cycles(0, 0, 0, 0, 1, 0) || float64(r.Share) != 0.1 {
		t.Errorf("without unit %+v, want 1 realized record, share 0.1", r)
	}

	// Years: 2019 (1, 2), 2020 (3, 4), 2021 (5, 6), 2022 none, 2023 (8,
	// 9); undated 7 and 10.
	wantYears := []struct {
		year int
		c    analysis.CycleCounts
	}{
		{2019, cycles(1, 1, 0, 0, 0, 0)},
		{2020, cycles(0, 0, 2, 0, 0, 0)},
		{2021, cycles(0, 0, 1, 1, 0, 0)},
		{2022, cycles(0, 0, 0, 0, 0, 0)},
		{2023, cycles(0, 0, 0, 0, 0, 2)},
	}
	if len(v.Years) != len(wantYears) {
		t.Fatalf("%d year rows, want %d", len(v.Years), len(wantYears))
	}
	for i, w := range wantYears {
		if r := v.Years[i]; r.Year != w.year || r.Cycles != w.c {
			t.Errorf("year row %d: %d %+v, want %d %+v", i, r.Year, r.Cycles, w.year, w.c)
		}
	}
	if r := v.Undated; r.Records != 2 || r.Cycles != cycles(0, 0, 0, 0, 2, 0) {
		t.Errorf("undated %+v, want 2 realized", r)
	}
}

func ftoa(f analysis.Float) string {
	b, _ := f.MarshalJSON()
	return string(b)
}

// TestValuesPositions checks the network groups of valuesData.
//
// Betweenness (hop distances, normalised by 2/((n-1)(n-2)) = 1/15 with
// n = 7): in the tree a–b, b–c, c–d, b–e, e–h, b lies between a, {c, d}
// and {e, h}: 2 + 2 + 4 = 8 pairs, 8/15; c separates d from a, b, e, h: 4
// pairs, 4/15; e separates h from a, b, c, d: 4/15; a, d, h and the
// isolated f: 0. Sorted: 0 ×4, 4/15 ×2, 8/15. Quartiles 1 + ⌊4L/7⌋: the
// zeros L = 0 → q1; c and e L = 4 → 1 + ⌊16/7⌋ = 3; b L = 6 → 1 + ⌊24/7⌋
// = 4; q2 is empty.
//
// Brokers: b (industry) mediates a (academia)–c (government): liaison,
// a–e and c–e (e industry like b): gatekeeper and representative; c
// (government) mediates b (industry)–d (civil_society): liaison. e
// (industry) mediates only b–h, all industry: coordinator, so not a
// broker.
//
// Records per partner: a 2 (1, 2), b 4 (3, 4, 5, 8), c 2 (6, 7), d 1 (10),
// e 1 (9), f and h 0.
//
//	group    partners      records  per partner  transformative  realized+transformative
//	brokers  b, c          6        3            1/6 (8)         2/6 (7, 8)
//	others   a, d, e, f, h 4        0.8          1/4 (9)         2/4 (9, 10)
//	q1       a, d, f, h    3        0.75         0/3             1/3 (10)
//	q2       -             0        null         null            null
//	q3       c, e          3        1.5          1/3 (9)         2/3 (7, 9)
//	q4       b             4        4            1/4 (8)         1/4 (8)
func TestValuesPositions(t *testing.T) {
	v := valuesOf(t)
	nan := math.NaN()
	tests := []struct {
		g                     analysis.PositionGroup
		partners, records     int
		perPartner, trans, rt float64
		lo, hi                float64
	}{
		{v.Positions.Brokers, 2, 6, 3, 1.0 / 6, 2.0 / 6, 4.0 / 15, 8.0 / 15},
		{v.Positions.Others, 5, 4, 0.8, 0.25, 0.5, 0, 4.0 / 15},
		{v.Positions.Quartiles[0], 4, 3, 0.75, 0, 1.0 / 3, 0, 0},
		{v.Positions.Quartiles[1], 0, 0, nan, nan, nan, nan, nan},
		{v.Positions.Quartiles[2], 2, 3, 1.5, 1.0 / 3, 2.0 / 3, 4.0 / 15, 4.0 / 15},
		{v.Positions.Quartiles[3], 1, 4, 4, 0.25, 0.25, 8.0 / 15, 8.0 / 15},
	}
	same := func(a analysis.Float, b float64) bool {
		if math.IsNaN(b) {
			return math.IsNaN(float64(a))
		}
		return math.Abs(float64(a)-b) < 1e-12
	}
	for _, tt := range tests {
		t.Run(tt.g.Group, func(t *testing.T) {
			g := tt.g
			if g.Partners != tt.partners || g.Records != tt.records {
				t.Errorf("%d partners, %d records; want %d, %d", g.Partners, g.Records, tt.partners, tt.records)
			}
			if !same(g.RecordsPerPartner, tt.perPartner) || !same(g.ShareTransformative, tt.trans) || !same(g.ShareRealizedOrTransformative, tt.rt) {
				t.Errorf("per partner %v, transformative %v, realized+transformative %v; want %v, %v, %v",
					g.RecordsPerPartner, g.ShareTransformative, g.ShareRealizedOrTransformative, tt.perPartner, tt.trans, tt.rt)
			}
			if !same(g.MinBetweenness, tt.lo) || !same(g.MaxBetweenness, tt.hi) {
				t.Errorf("betweenness %v–%v, want %v–%v", g.MinBetweenness, g.MaxBetweenness, tt.lo, tt.hi)
			}
		})
	}
	if got := []string{v.Positions.Quartiles[0].Group, v.Positions.Quartiles[3].Group}; got[0] != "q1" || got[1] != "q4" {
		t.Errorf("quartile groups %v, want q1 … q4", got)
	}
	quart := map[string]int{}
	broker := map[string]bool{}
	for _, p := range v.Partners {
		quart[p.ID] = p.Quartile
		broker[p.ID] = p.Broker
	}
	if want := map[string]int{"a": 1, "b": 4, "c": 3, "d": 1, "e": 3, "f": 1, "h": 1}; !reflect.DeepEqual(quart, want) {
		t.Errorf("quartiles %v, want %v", quart, want)
	}
	if want := map[string]bool{"b": true, "c": true, "a": false, "d": false, "e": false, "f": false, "h": false}; !reflect.DeepEqual(broker, want) {
		t.Errorf("brokers %v, want %v", broker, want)
	}
	if v.Positions.Unattributed != 0 {
		t.Errorf("%d unattributed records, want 0", v.Positions.Unattributed)
	}
}

// TestValuesEmpty: no records, no partners: zero counts, undefined shares,
// every table still has its rows.
func TestValuesEmpty(t *testing.T) {
	e := &graph.Ecosystem{}
	v := mustValues(t, e, analysis.New(e, analysis.Options{}))
	if v.Records != 0 || len(v.Cycles) != 6 || len(v.Capitals) != 6 || len(v.Outcomes) != 4 || len(v.Helices) != 5 ||
		len(v.Years) != 0 || len(v.Positions.Quartiles) != 4 {
		t.Errorf("empty: %+v", v)
	}
	if !math.IsNaN(float64(v.Cycles[0].Share)) {
		t.Errorf("share of no records %v, want NaN", v.Cycles[0].Share)
	}
}

// TestValuesReporterHelixUnknown: a record of a partner of unknown type is
// counted under unknown, not dropped.
func TestValuesReporterHelixUnknown(t *testing.T) {
	e := readJSONData(t, `{"partners": [{"id": "x"}, {"id": "a", "helix": "academia"}],
		"values": [{"reporter": "x", "cycle": "applied"}, {"reporter": "a", "cycle": "applied"}]}`)
	v := mustValues(t, e, analysis.New(e, analysis.Options{}))
	last := v.Helices[len(v.Helices)-1]
	if len(v.Helices) != 6 || last.Helix != graph.HelixUnknown || last.Records != 1 || v.Helices[0].Records != 1 {
		t.Errorf("helix rows %+v, want academia 1 and unknown 1", v.Helices)
	}
}

func TestValuesPanicsOnOtherNetwork(t *testing.T) {
	e := readJSONData(t, valuesData)
	other := &graph.Ecosystem{Partners: e.Partners[:2]}
	defer func() {
		if recover() == nil {
			t.Error("Values did not panic on a network of another ecosystem")
		}
	}()
	analysis.Values(t.Context(), e, analysis.New(other, analysis.Options{}), analysis.MetricsOptions{})
}

// TestValuesUnknownReferencesAreImportErrors: a value record that names an
// unknown reporter or unit never reaches Values: importers.Read (through
// graph.Validate) rejects it, with the file and line.
func TestValuesUnknownReferencesAreImportErrors(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"partners.csv": "id,name,helix\nuni,Universiteit,academia\n",
		"people.csv":   "id,name,partner\nanna,Anna,uni\n",
		"units.csv":    "id,name,level\nteam,Team,team\n",
		"values.csv":   "reporter,unit,cycle\nunii,team,applied\nanna,tem,realized\nuni,,expected\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := importers.Read(dir)
	var ve *graph.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want a *graph.ValidationError", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`values.csv:2: reporter: unknown partner or person "unii"; did you mean "uni"?`,
		`values.csv:3: unit: unknown unit "tem"; did you mean "team"?`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if len(ve.Problems) != 2 {
		t.Errorf("%d problems, want 2 (line 4 is valid):\n%s", len(ve.Problems), msg)
	}
}

// BenchmarkValues counts the value records of generated ecosystems and
// relates them to the network (the network is built once, outside the
// loop; exact betweenness dominates the time).
func BenchmarkValues(b *testing.B) {
	for _, n := range []int{1000, 6000} {
		e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
		net := analysis.New(e, analysis.Options{})
		b.Run(fmt.Sprintf("partners=%d/values=%d", n, len(e.Values)), func(b *testing.B) {
			for b.Loop() {
				mustValues(b, e, net)
			}
		})
	}
}

func ExampleValues() {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Helix: graph.Academia}, {ID: "bv", Helix: graph.Industry}, {ID: "gem", Helix: graph.Government},
		},
		Ties: []graph.Tie{{Source: "uni", Target: "bv"}, {Source: "bv", Target: "gem"}},
		Values: []graph.Value{
			{Reporter: "bv", Cycle: graph.CycleTransformative, Level: graph.Macro},
			{Reporter: "uni", Cycle: graph.CycleImmediate, Level: graph.Micro},
			{Reporter: "gem", Cycle: graph.CycleRealized},
		},
	}
	if err := e.Validate().Err(); err != nil {
		panic(err)
	}
	v, err := analysis.Values(context.Background(), e, analysis.New(e, analysis.Options{}), analysis.MetricsOptions{})
	if err != nil {
		panic(err)
	}
	for _, c := range v.Cycles {
		if c.Records > 0 {
			fmt.Printf("%s: %d (micro %d, macro %d, unspecified %d)\n", c.Cycle, c.Records, c.Levels.Micro, c.Levels.Macro, c.Levels.Unspecified)
		}
	}
	b := v.Positions.Brokers // bv mediates between academia and government
	fmt.Printf("brokers: %d partner, %d record, %.0f%% transformative\n", b.Partners, b.Records, 100*float64(b.ShareTransformative))
	// Output:
	// immediate: 1 (micro 1, macro 0, unspecified 0)
	// realized: 1 (micro 0, macro 0, unspecified 1)
	// transformative: 1 (micro 0, macro 1, unspecified 0)
	// brokers: 1 partner, 1 record, 100% transformative
}

// TestValuesWithoutRecordsSkipsBetweenness: values computed exact
// betweenness before it found there were no value records (107 s on
// CORDIS, issue 8). Without records Values must not start it: with a
// context that is already done it still succeeds, while with records it
// stops with the context's error. With Approx, betweenness is sampled and
// says so.
func TestValuesWithoutRecordsSkipsBetweenness(t *testing.T) {
	e := generate.Ecosystem(generate.Options{Partners: 500, Seed: 1})
	done, cancel := context.WithCancel(context.Background())
	cancel()
	withRecords := *e
	e.Values = nil
	v, err := analysis.Values(done, e, analysis.New(e, analysis.Options{}), analysis.MetricsOptions{})
	if err != nil || v.Records != 0 || len(v.Partners) != 0 || len(v.Positions.Quartiles) != 4 {
		t.Errorf("no records: err %v, records %d, partners %d, quartiles %d; want no error, 0, 0, 4", err, v.Records, len(v.Partners), len(v.Positions.Quartiles))
	}
	if _, err := analysis.Values(done, &withRecords, analysis.New(&withRecords, analysis.Options{}), analysis.MetricsOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("with records and a done context: err %v, want context.Canceled", err)
	}
	a, err := analysis.Values(t.Context(), &withRecords, analysis.New(&withRecords, analysis.Options{}), analysis.MetricsOptions{Approx: 0.05, Seed: 1})
	if err != nil || a.BetweennessApproximation == nil || a.BetweennessApproximation.Epsilon != 0.05 {
		t.Errorf("approx: err %v, approximation %+v", err, a.BetweennessApproximation)
	}
}
