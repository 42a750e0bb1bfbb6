package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// defaultOptions are the options of ecoscope report without a
// configuration: every tie source, the default gaps targets.
func defaultOptions() Options {
	levels, forms := config.DefaultGaps().TargetClasses()
	return Options{Targets: analysis.Targets{Levels: levels, Forms: forms}}
}

func load(t *testing.T) *graph.Ecosystem {
	t.Helper()
	e, _, err := importers.Read("testdata/tiny.json")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) []byte {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	return want
}

// The expected figures of tiny.json, worked out by hand:
//   - all dates: 5 partners (los has no helix: unknown); partner ties
//     uni-bv (anna-bv and uni-bv are one pair) and gem-wijk = 2; anna-ben are
//     colleagues, no partner tie. eco covers gem, wijk, uni, bv: quadruple,
//     environment missing; fl covers wijk, uni, bv: partial; t covers uni,
//     bv: partial.
//   - at 2020: gem (2019-2021), uni (2019), bv (2020-03) and los (undated)
//     are active; wijk joins in 2022. So 4 partners, tie uni-bv only,
//     coverage triple.
//   - against the default targets (config.DefaultGaps): all dates,
//     eco lacks environment (quintuple), fl government (quadruple), t
//     government (triple): 3 of 3 units below target. At 2020 fl holds
//     only t's uni and bv: eco (triple) lacks civil_society and
//     environment, fl and t lack government.
func TestReportJSONGolden(t *testing.T) {
	for _, tt := range []struct {
		file string
		at   string
	}{{"tiny.golden.json", ""}, {"tiny-2020.golden.json", "2020"}} {
		t.Run(tt.file, func(t *testing.T) {
			e := load(t)
			at := graph.MustParseDate(orEmpty(tt.at))
			r := Build(e.At(at), Meta{Source: "testdata/tiny.json", At: at}, defaultOptions())
			var buf bytes.Buffer
			if err := WriteJSON(&buf, r); err != nil {
				t.Fatal(err)
			}
			want := golden(t, tt.file, buf.Bytes())
			var g, w any
			if err := json.Unmarshal(buf.Bytes(), &g); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("report JSON differs from %s:\n%s", tt.file, buf.String())
			}
		})
	}
}

func orEmpty(s string) string { return s }

func TestReportFigures(t *testing.T) {
	r := Build(load(t), Meta{Source: "x"}, defaultOptions())
	if r.Partners != 5 || r.Ties != 2 || r.Coverage.Class != graph.Quadruple || r.HelixCounts[graph.HelixUnknown] != 1 {
		t.Errorf("partners %d ties %d coverage %s unknown %d; want 5, 2, quadruple, 1", r.Partners, r.Ties, r.Coverage.Class, r.HelixCounts[graph.HelixUnknown])
	}
	at := graph.MustParseDate("2020")
	r = Build(load(t).At(at), Meta{At: at}, defaultOptions())
	if r.Partners != 4 || r.Ties != 1 || r.Coverage.Class != graph.Triple || r.At != "2020" {
		t.Errorf("at 2020: partners %d ties %d coverage %s at %q; want 4, 1, triple, 2020", r.Partners, r.Ties, r.Coverage.Class, r.At)
	}
}

func TestReportTextGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, Build(load(t), Meta{Source: "testdata/tiny.json"}, defaultOptions()), TextOptions{Units: DefaultTextUnits}); err != nil {
		t.Fatal(err)
	}
	want := golden(t, "tiny.golden.txt", buf.Bytes())
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("text report:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestReportTextEmptySnapshot(t *testing.T) {
	var buf bytes.Buffer
	e := load(t)
	e.Partners = e.Partners[:4] // drop "los", the one undated partner
	at := graph.MustParseDate("2001")
	if err := WriteText(&buf, Build(e.At(at), Meta{At: at}, defaultOptions()), TextOptions{Units: DefaultTextUnits}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("No partners are active at 2001")) {
		t.Errorf("empty snapshot text:\n%s", buf.String())
	}
}

// TestByAttention: most target types lacking first; equal, the higher
// level; equal, the larger unit; equal, tree order (the input order).
func TestByAttention(t *testing.T) {
	unit := func(id string, l graph.Level, size, lacking int) UnitEntry {
		return UnitEntry{
			UnitComposition: analysis.UnitComposition{ID: id, Level: l, Size: size},
			TargetMissing:   graph.Helices[:lacking],
		}
	}
	in := []UnitEntry{
		unit("team-small-met", graph.LevelTeam, 2, 0),
		unit("team-big-lacks1", graph.LevelTeam, 9, 1),
		unit("eco-lacks1", graph.LevelEcosystem, 3, 1),
		unit("team-lacks3", graph.LevelTeam, 1, 3),
		unit("team-small-lacks1", graph.LevelTeam, 4, 1),
		unit("team-small-lacks1-later", graph.LevelTeam, 4, 1),
		unit("fl-met", graph.LevelFieldlab, 5, 0),
	}
	want := []string{"team-lacks3", "eco-lacks1", "team-big-lacks1", "team-small-lacks1", "team-small-lacks1-later", "fl-met", "team-small-met"}
	var got []string
	for _, u := range byAttention(in) {
		got = append(got, u.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("byAttention = %v, want %v", got, want)
	}
	if in[0].ID != "team-small-met" {
		t.Error("byAttention sorted its input in place")
	}
}
