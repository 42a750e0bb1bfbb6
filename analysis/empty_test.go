package analysis

import (
	"errors"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func period(since, until string) graph.Period {
	return graph.Period{Since: graph.MustParseDate(since), Until: graph.MustParseDate(until)}
}

// TestExplainEmpty: the nearest date with partners (or units) is worked out
// from the periods below by counting days; each case says which.
func TestExplainEmpty(t *testing.T) {
	// p1 is active in 2019, p2 from 2023 to 2024; p3 is undated but takes
	// part in unit u (2019-2025) only from 2023-05 to 2024 and in unit
	// idle never.
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "p1", Period: period("2019", "2019")},
			{ID: "p2", Period: period("2023", "2024")},
		},
		Units: []graph.Unit{
			{ID: "u", Level: graph.LevelTeam, Period: period("2019", "2025")},
			{ID: "idle", Level: graph.LevelTeam, Period: period("2019", "2020")},
		},
		Memberships: []graph.Membership{{Unit: "u", Member: "p2", Period: period("2023-05", "2024")}},
	}
	tests := []struct {
		name       string
		q          graph.Query
		units      bool
		nearest    string
		unitActive bool
	}{
		// 2019-12-31 is 367 days before 2021-01-01; 2023-01-01 is 366 days
		// after 2021-12-31.
		{"gap, a year", graph.Query{At: graph.MustParseDate("2021")}, false, "2023", false},
		// As months: 2019-12 ends 398 days before 2021-02 starts, 2023-01
		// starts 672 days after it ends (idle's 2020-12 is nearer, but
		// no partner is active then).
		{"gap, a month", graph.Query{At: graph.MustParseDate("2021-02")}, false, "2019-12", false},
		{"after", graph.Query{At: graph.MustParseDate("2030-06-01")}, false, "2024-12-31", false},
		// u is active in 2020 but p2 joins it only in 2023-05.
		{"unit active, no partners yet", graph.Query{At: graph.MustParseDate("2020"), Unit: "u"}, false, "2023", true},
		{"unit active, a month", graph.Query{At: graph.MustParseDate("2020-03"), Unit: "u"}, false, "2023-05", true},
		{"unit with no partners ever", graph.Query{At: graph.MustParseDate("2020"), Unit: "idle"}, false, "", true},
		{"no units after 2025", graph.Query{At: graph.MustParseDate("2027")}, true, "2025", false},
		{"unit not active", graph.Query{At: graph.MustParseDate("2022"), Unit: "idle"}, true, "2020", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			explain := ExplainEmpty
			if tt.units {
				explain = ExplainNoUnits
			}
			x, err := explain(e, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if x.Nearest.String() != tt.nearest || x.UnitActive != tt.unitActive {
				t.Errorf("nearest %q, unit active %v; want %q, %v", x.Nearest, x.UnitActive, tt.nearest, tt.unitActive)
			}
			if !x.Dated || x.First.String() != "2019" || x.Last.String() != "2025" {
				t.Errorf("range %v %s to %s, want 2019 to 2025 (the units' since and until)", x.Dated, x.First, x.Last)
			}
			if !x.Nearest.IsZero() {
				s, _ := e.Load(graph.Query{At: x.Nearest, Unit: tt.q.Unit})
				if tt.units && len(s.Units) == 0 || !tt.units && len(s.Partners) == 0 {
					t.Errorf("the snapshot at %s is empty too", x.Nearest)
				}
			}
		})
	}
	var nf *graph.NotFoundError
	if _, err := ExplainEmpty(e, graph.Query{At: graph.MustParseDate("2020"), Unit: "nope"}); !errors.As(err, &nf) {
		t.Errorf("unknown unit: err %v, want a *graph.NotFoundError", err)
	}
}
