package analysis

import (
	"cmp"
	"slices"

	"github.com/ecoscope/ecoscope/graph"
)

// EmptySnapshot says why the snapshot that a query selects holds no
// partners (or no units) and which date near it does. The report package
// puts it in words.
type EmptySnapshot struct {
	// At and Unit are the query's; Units is true when what the snapshot
	// lacks is units rather than partners.
	At    graph.Date
	Unit  string
	Units bool
	// UnitPeriod is the period of Unit, and UnitActive whether it is
	// active at At.
	UnitPeriod graph.Period
	UnitActive bool
	// First and Last are the earliest and latest date in the whole data
	// set (DateRange); Dated is false when no record has a date.
	First, Last graph.Date
	Dated       bool
	// Nearest is the date nearest to At, at the precision of At, at which
	// the same query holds partners (units); zero when there is none.
	Nearest graph.Date
}

// maxNearestTries bounds the dates ExplainEmpty tries for Nearest.
const maxNearestTries = 200

// ExplainEmpty explains the snapshot e.Load(q) that holds no partners: e is
// the whole data set, every date and unit. An unknown q.Unit is a
// *graph.NotFoundError.
func ExplainEmpty(e *graph.Ecosystem, q graph.Query) (EmptySnapshot, error) {
	return explainEmpty(e, q, false)
}

// ExplainNoUnits explains the snapshot e.Load(q) that holds no units, as
// ExplainEmpty does for partners.
func ExplainNoUnits(e *graph.Ecosystem, q graph.Query) (EmptySnapshot, error) {
	return explainEmpty(e, q, true)
}

func explainEmpty(e *graph.Ecosystem, q graph.Query, units bool) (EmptySnapshot, error) {
	x := EmptySnapshot{At: q.At, Unit: q.Unit, Units: units}
	x.First, x.Last, x.Dated = DateRange(e)
	scope := e
	if q.Unit != "" {
		var err error
		if scope, err = e.Subtree(q.Unit); err != nil {
			return x, err
		}
		for _, u := range scope.Units {
			if u.ID == q.Unit {
				x.UnitPeriod = u.Period
			}
		}
		x.UnitActive = x.UnitPeriod.ActiveAt(q.At)
	}
	if q.At.IsZero() {
		return x, nil // no other date to suggest
	}
	// holds reports whether the snapshot of the scope at d holds what is
	// missing: the scope is the unit's subtree over every date, so
	// Load there is Load on the whole data set.
	holds := func(d graph.Date) bool {
		if q.Unit == "" {
			if units {
				return slices.ContainsFunc(scope.Units, func(u graph.Unit) bool { return u.Period.ActiveAt(d) })
			}
			return slices.ContainsFunc(scope.Partners, func(p graph.Partner) bool { return p.Period.ActiveAt(d) })
		}
		s, err := scope.Load(graph.Query{At: d, Unit: q.Unit})
		if err != nil {
			return false
		}
		if units {
			return len(s.Units) > 0
		}
		return len(s.Partners) > 0
	}
	// Candidates: the first and last day of every record of the scope,
	// at the precision of At, nearest to At first; on a tie the later.
	seen := map[graph.Date]bool{}
	var cands []graph.Date
	see := func(p graph.Period) {
		if !p.Since.IsZero() {
			if d := atPrecision(p.Since.Start(), q.At); !seen[d] {
				seen[d] = true
				cands = append(cands, d)
			}
		}
		if !p.Until.IsZero() {
			if d := atPrecision(p.Until.End(), q.At); !seen[d] {
				seen[d] = true
				cands = append(cands, d)
			}
		}
	}
	for _, p := range scope.Partners {
		see(p.Period)
	}
	for _, u := range scope.Units {
		see(u.Period)
	}
	for _, m := range scope.Memberships {
		see(m.Period)
	}
	slices.SortFunc(cands, func(a, b graph.Date) int {
		return cmp.Or(cmp.Compare(daysApart(a, q.At), daysApart(b, q.At)), cmp.Compare(b.Start(), a.Start()))
	})
	for i, d := range cands {
		if i == maxNearestTries {
			break
		}
		if holds(d) {
			x.Nearest = d
			break
		}
	}
	return x, nil
}

// atPrecision returns the day ymd (YYYYMMDD) as a date of the precision of
// like: its year, its month or the day itself.
func atPrecision(ymd int, like graph.Date) graph.Date {
	y, m, d := ymd/10000, ymd/100%100, ymd%100
	switch like.Precision() {
	case graph.Year:
		return graph.NewDate(y, 0, 0)
	case graph.Month:
		return graph.NewDate(y, m, 0)
	}
	return graph.NewDate(y, m, d)
}

// daysApart returns the number of days from the end of the earlier of the
// periods a and b to the start of the later; 0 when they overlap.
func daysApart(a, b graph.Date) int {
	switch {
	case a.Start() > b.End():
		return dayNumber(a.Start()) - dayNumber(b.End())
	case b.Start() > a.End():
		return dayNumber(b.Start()) - dayNumber(a.End())
	}
	return 0
}
