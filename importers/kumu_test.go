package importers

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/exporters"
	"github.com/ecoscope/ecoscope/graph"
)

// exportKumu writes e as ecoscope's Kumu workbook to a new folder.
func exportKumu(t testing.TB, e *graph.Ecosystem, ties analysis.TieSource) string {
	t.Helper()
	d := exporters.New(context.Background(), e, analysis.Options{Ties: ties}, analysis.MetricsOptions{Seed: 1, Approx: 0.1})
	var b bytes.Buffer
	if err := exporters.WriteKumu(&b, d, analysis.Options{Ties: ties}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "eco.xlsx")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKumuRoundTrip: ecoscope's own Kumu export of the example reads back
// (picked by its content) with the same partners and explicit ties; the
// ties the units make are left out with a note.
func TestKumuRoundTrip(t *testing.T) {
	e, _, err := Read("../examples/energieke-regio")
	if err != nil {
		t.Fatal(err)
	}
	for _, ties := range []analysis.TieSource{analysis.TiesAll, analysis.TiesExplicit} {
		t.Run(ties.String(), func(t *testing.T) {
			path := exportKumu(t, e, ties)
			got, ps, err := Read(path)
			if err != nil {
				t.Fatalf("read back: %v\n%s", err, strings.Join(lines(ps), "\n"))
			}
			for _, p := range ps {
				// People's ties count for their partners: several rows of
				// one pair are combined again.
				if !p.Notice || !strings.Contains(p.Message, "Tie source is not explicit") && !strings.Contains(p.Message, "were combined") {
					t.Errorf("unexpected problem: %s", p)
				}
			}
			checkKumuPartners(t, got, e)
			// The weight of each pair, type and direction is that of the
			// partners' explicit ties (several ties of people combined).
			sum := func(ts []graph.Tie) map[string]float64 {
				m := map[string]float64{}
				for _, x := range ts {
					m[strings.Join([]string{x.Source, x.Target, x.Type, fmt.Sprint(x.Directed)}, " ")] += x.Weight
				}
				return m
			}
			if g, w := sum(got.Ties), sum(exporters.PartnerTies(e)); !reflect.DeepEqual(g, w) {
				t.Errorf("ties read back\n%v\nwant\n%v", g, w)
			}
			directed := 0
			for _, x := range got.Ties {
				if x.Directed {
					directed++
				}
			}
			if directed == 0 {
				t.Error("no directed tie read back")
			}
			if p := got.Ties[0].Pos; p.File != path || !strings.HasPrefix(p.Record, "Connections!") {
				t.Errorf("tie position %+v", p)
			}
		})
	}
}

func checkKumuPartners(t *testing.T, got, want *graph.Ecosystem) {
	t.Helper()
	if len(got.Partners) != len(want.Partners) {
		t.Fatalf("%d partners read back, want %d", len(got.Partners), len(want.Partners))
	}
	for i := range want.Partners {
		w, g := want.Partners[i], got.Partners[i]
		w.Pos, g.Pos = graph.Pos{}, graph.Pos{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("partner %d reads back as\n%+v\nwant\n%+v", i, g, w)
		}
	}
}
