package report

import (
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// TestDescribeEmpty: every reason a snapshot can be empty, in both
// languages; the facts are given, as analysis.ExplainEmpty finds them.
func TestDescribeEmpty(t *testing.T) {
	d := graph.MustParseDate
	data := analysis.EmptySnapshot{First: d("2019-01"), Last: d("2022-06"), Dated: true}
	with := func(f func(*analysis.EmptySnapshot)) analysis.EmptySnapshot {
		x := data
		f(&x)
		return x
	}
	tests := []struct {
		name   string
		x      analysis.EmptySnapshot
		en, nl string
	}{
		{"after the data", with(func(x *analysis.EmptySnapshot) { x.At, x.Nearest = d("2030"), d("2022") }),
			"No partners are active at 2030: the data ends at 2022-06 (it runs from 2019-01 to 2022-06). Try --at 2022, the nearest date with partners.",
			"Op 2030 zijn geen partners actief: de gegevens eindigen op 2022-06 (ze lopen van 2019-01 tot 2022-06). Probeer --at 2022, de dichtstbijzijnde datum met partners."},
		{"before the data", with(func(x *analysis.EmptySnapshot) { x.At, x.Nearest = d("2010"), d("2019") }),
			"No partners are active at 2010: the data starts at 2019-01 (it runs from 2019-01 to 2022-06). Try --at 2019, the nearest date with partners.",
			"Op 2010 zijn geen partners actief: de gegevens beginnen op 2019-01 (ze lopen van 2019-01 tot 2022-06). Probeer --at 2019, de dichtstbijzijnde datum met partners."},
		{"a gap, no units", with(func(x *analysis.EmptySnapshot) { x.At, x.Nearest, x.Units = d("2021"), d("2020"), true }),
			"No units are active at 2021, though the data runs from 2019-01 to 2022-06. Try --at 2020, the nearest date with units.",
			"Op 2021 zijn geen eenheden actief, al lopen de gegevens van 2019-01 tot 2022-06. Probeer --at 2020, de dichtstbijzijnde datum met eenheden."},
		{"unit ended", with(func(x *analysis.EmptySnapshot) {
			x.At, x.Unit, x.UnitPeriod, x.Nearest = d("2022"), "t1", graph.Period{Since: d("2019-03"), Until: d("2020-12-31")}, d("2020")
		}),
			"Unit t1 is not active at 2022: it ran from 2019-03 to 2020-12-31. Try --at 2020, the nearest date at which it has partners.",
			"Eenheid t1 is op 2022 niet actief: ze liep van 2019-03 tot 2020-12-31. Probeer --at 2020, de dichtstbijzijnde datum waarop ze partners heeft."},
		{"unit not started, units", with(func(x *analysis.EmptySnapshot) {
			x.At, x.Unit, x.Units, x.UnitPeriod, x.Nearest = d("2020"), "t2", true, graph.Period{Since: d("2021-06")}, d("2021")
		}),
			"Unit t2 is not active at 2020: it runs from 2021-06 on. Try --at 2021, the nearest date at which it is active.",
			"Eenheid t2 is op 2020 niet actief: ze loopt vanaf 2021-06. Probeer --at 2021, de dichtstbijzijnde datum waarop ze actief is."},
		{"unit ended, no since", with(func(x *analysis.EmptySnapshot) {
			x.At, x.Unit, x.UnitPeriod = d("2022"), "t3", graph.Period{Until: d("2020")}
		}),
			"Unit t3 is not active at 2022: it ran until 2020. It has partners at no date.",
			"Eenheid t3 is op 2022 niet actief: ze liep tot 2020. Ze heeft op geen enkele datum partners."},
		{"unit active, no partners then", with(func(x *analysis.EmptySnapshot) {
			x.At, x.Unit, x.UnitActive, x.Nearest = d("2020-03"), "u\x1b", true, d("2023-05")
		}),
			`Unit u\x1b is active at 2020-03, but no partner of it or of the units below it is active then. Try --at 2023-05, the nearest date at which it has partners.`,
			`Eenheid u\x1b is op 2020-03 actief, maar geen partner van haar of van de eenheden eronder is dan actief. Probeer --at 2023-05, de dichtstbijzijnde datum waarop ze partners heeft.`},
		{"unit without partners, all dates", with(func(x *analysis.EmptySnapshot) { x.Unit, x.UnitActive = "idle", true }),
			"Unit idle has no partners: no membership names it or a unit below it.",
			"Eenheid idle heeft geen partners: geen lidmaatschap noemt haar of een eenheid eronder."},
		{"no dates, no partners", analysis.EmptySnapshot{At: d("2020")},
			"The data set has no partners.", "De gegevens bevatten geen partners."},
		{"no date has partners", with(func(x *analysis.EmptySnapshot) { x.At = d("2030") }),
			"No partners are active at 2030: the data ends at 2022-06 (it runs from 2019-01 to 2022-06). No date has partners.",
			"Op 2030 zijn geen partners actief: de gegevens eindigen op 2022-06 (ze lopen van 2019-01 tot 2022-06). Op geen enkele datum zijn er partners."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DescribeEmpty(tt.x); got != tt.en {
				t.Errorf("en:\n got %s\nwant %s", got, tt.en)
			}
			if got := describeEmpty(tt.x, emptyText[CheckDutch]); got != tt.nl {
				t.Errorf("nl:\n got %s\nwant %s", got, tt.nl)
			}
		})
	}
}
