package report

import (
	"fmt"

	"github.com/ecoscope/ecoscope/analysis"
)

// emptyWords are the phrases that say why a snapshot is empty, in one
// language. The verbs take, by index: 1 what is missing (partners, units),
// 2 the date asked for, 3 the unit or a date, 4 and 5 dates.
type emptyWords struct {
	partners, units string
	// unitNotActive: 1 unit, 2 date, 3 "it ran ..." or "it runs ...".
	unitNotActive, ran, runs     string
	fromTo, from, until          string
	unitNoPartners, unitNever    string // 1 unit, 2 date
	ends, starts, within, noData string // 1 what, 2 date, 3 first or last, 4 first, 5 last
	try, tryUnit, tryUnitActive  string // 1 what, 2 the date to try
	noDate, noDateUnit           string // 1 what
}

var emptyText = map[CheckLang]*emptyWords{
	CheckEnglish: {
		partners: "partners", units: "units",
		unitNotActive: "Unit %[1]s is not active at %[2]s: %[3]s.", ran: "it ran %s", runs: "it runs %s",
		fromTo: "from %s to %s", from: "from %s on", until: "until %s",
		unitNoPartners: "Unit %[1]s is active at %[2]s, but no partner of it or of the units below it is active then.",
		unitNever:      "Unit %[1]s has no partners: no membership names it or a unit below it.",
		ends:           "No %[1]s are active at %[2]s: the data ends at %[3]s (it runs from %[4]s to %[5]s).",
		starts:         "No %[1]s are active at %[2]s: the data starts at %[3]s (it runs from %[4]s to %[5]s).",
		within:         "No %[1]s are active at %[2]s, though the data runs from %[4]s to %[5]s.",
		noData:         "The data set has no %[1]s.",
		try:            "Try --at %[2]s, the nearest date with %[1]s.",
		tryUnit:        "Try --at %[2]s, the nearest date at which it has %[1]s.",
		tryUnitActive:  "Try --at %[2]s, the nearest date at which it is active.",
		noDate:         "No date has %[1]s.",
		noDateUnit:     "It has %[1]s at no date.",
	},
	CheckDutch: {
		partners: "partners", units: "eenheden",
		unitNotActive: "Eenheid %[1]s is op %[2]s niet actief: %[3]s.", ran: "ze liep %s", runs: "ze loopt %s",
		fromTo: "van %s tot %s", from: "vanaf %s", until: "tot %s",
		unitNoPartners: "Eenheid %[1]s is op %[2]s actief, maar geen partner van haar of van de eenheden eronder is dan actief.",
		unitNever:      "Eenheid %[1]s heeft geen partners: geen lidmaatschap noemt haar of een eenheid eronder.",
		ends:           "Op %[2]s zijn geen %[1]s actief: de gegevens eindigen op %[3]s (ze lopen van %[4]s tot %[5]s).",
		starts:         "Op %[2]s zijn geen %[1]s actief: de gegevens beginnen op %[3]s (ze lopen van %[4]s tot %[5]s).",
		within:         "Op %[2]s zijn geen %[1]s actief, al lopen de gegevens van %[4]s tot %[5]s.",
		noData:         "De gegevens bevatten geen %[1]s.",
		try:            "Probeer --at %[2]s, de dichtstbijzijnde datum met %[1]s.",
		tryUnit:        "Probeer --at %[2]s, de dichtstbijzijnde datum waarop ze %[1]s heeft.",
		tryUnitActive:  "Probeer --at %[2]s, de dichtstbijzijnde datum waarop ze actief is.",
		noDate:         "Op geen enkele datum zijn er %[1]s.",
		noDateUnit:     "Ze heeft op geen enkele datum %[1]s.",
	},
}

// DescribeEmpty says why a snapshot is empty (analysis.ExplainEmpty) and
// which date to try instead, in English: every command words it so.
func DescribeEmpty(x analysis.EmptySnapshot) string {
	return describeEmpty(x, emptyText[CheckEnglish])
}

func describeEmpty(x analysis.EmptySnapshot, w *emptyWords) string {
	what := w.partners
	if x.Units {
		what = w.units
	}
	at, unit := x.At.String(), Printable(x.Unit)
	first, last := x.First.String(), x.Last.String()
	var s string
	switch {
	case x.Unit != "" && x.At.IsZero():
		return fmt.Sprintf(w.unitNever, unit)
	case x.Unit != "" && !x.UnitActive:
		p := x.UnitPeriod
		span := ""
		switch {
		case !p.Since.IsZero() && !p.Until.IsZero():
			span = fmt.Sprintf(w.fromTo, p.Since, p.Until)
		case !p.Since.IsZero():
			span = fmt.Sprintf(w.from, p.Since)
		default:
			span = fmt.Sprintf(w.until, p.Until)
		}
		verb := w.runs
		if !p.Until.IsZero() && p.Until.End() < x.At.Start() {
			verb = w.ran
		}
		s = fmt.Sprintf(w.unitNotActive, unit, at, fmt.Sprintf(verb, span))
	case x.Unit != "":
		s = fmt.Sprintf(w.unitNoPartners, unit, at)
	case !x.Dated:
		return fmt.Sprintf(w.noData, what)
	case x.At.Start() > x.Last.End():
		s = fmt.Sprintf(w.ends, what, at, last, first, last)
	case x.At.End() < x.First.Start():
		s = fmt.Sprintf(w.starts, what, at, first, first, last)
	default:
		s = fmt.Sprintf(w.within, what, at, "", first, last)
	}
	var try string
	switch {
	case !x.Nearest.IsZero() && x.Unit != "" && x.Units:
		try = w.tryUnitActive
	case !x.Nearest.IsZero() && x.Unit != "":
		try = w.tryUnit
	case !x.Nearest.IsZero():
		try = w.try
	case x.Unit != "":
		try = w.noDateUnit
	default:
		try = w.noDate
	}
	return s + " " + fmt.Sprintf(try, what, x.Nearest)
}
