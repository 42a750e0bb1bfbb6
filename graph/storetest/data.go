package storetest

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/ecoscope/ecoscope/graph"
)

// date is graph.MustParseDate, short for the tables below.
func date(s string) graph.Date { return graph.MustParseDate(s) }

func period(since, until string) graph.Period {
	return graph.Period{Since: date(since), Until: date(until)}
}

// Sample returns a small hand-made ecosystem that uses every kind of record
// and field: dates of year, month and day precision and open periods,
// people, nested units, memberships and ties given at person level,
// directed and undirected ties, fractional weights, two ties between the
// same partners that differ only in type or in since, and value records with
// and without a unit or a date. It has been validated. Every call returns a
// new copy.
func Sample() *graph.Ecosystem {
	e := &graph.Ecosystem{
		Name: "Twente Circular Learning Community",
		Partners: []graph.Partner{
			{ID: "uni", Name: "University of Twente", Helix: graph.Academia, Kind: "university", Region: "Overijssel", Period: period("2015", "")},
			{ID: "hs", Name: "Saxion", Helix: graph.Academia, Kind: "hogeschool", Region: "Overijssel", Period: period("2016-09", "")},
			{ID: "acme", Name: "Acme Recycling B.V.", Helix: graph.Industry, Kind: "sme", Period: period("2017-03-15", "2020")},
			{ID: "gem", Name: "Gemeente Enschede", Helix: graph.Government, Kind: "municipality"},
			{ID: "buurt", Name: "Bewoners Roombeek", Helix: graph.CivilSociety, Period: period("2018-06", "2021-06-30")},
			{ID: "natuur", Name: "Natuurmonumenten", Helix: graph.Environment, Period: period("2019", "2019-12")},
			{ID: "energie", Name: "Twence", Helix: graph.Industry, Sector: graph.Public, Kind: "utility", Period: period("2020-01-01", "")},
			{ID: "ghost", Helix: graph.HelixUnknown},
		},
		People: []graph.Person{
			{ID: "p.jansen", Name: "A. Jansen", Partner: "uni", Discipline: "ecology", Role: "researcher"},
			{ID: "p.devries", Name: "B. de Vries", Partner: "uni"},
			{ID: "p.bakker", Name: "C. Bakker", Partner: "acme", Discipline: "engineering", Role: "engineer"},
			{ID: "p.smit", Name: "D. Smit", Partner: "buurt", Role: "bewoner"},
		},
		Units: []graph.Unit{
			{ID: "eco", Name: "Twente Circular", Level: graph.LevelEcosystem, Challenge: "circular economy", Cadence: "quarterly", Period: period("2016", "")},
			{ID: "lab1", Name: "Fieldlab Plastics", Form: graph.FormFieldlab, Parent: "eco", Period: period("2017-01", "2022")},
			{ID: "team1", Name: "Team Sorting", Form: graph.FormInnovationTeam, Parent: "lab1", Period: period("2018-03-01", "2018-12-31")},
			{ID: "lab2", Name: "Living Lab Roombeek", Form: graph.FormLivingLab, Parent: "eco", Period: period("2020", "")},
			{ID: "team2", Name: "Repair Café group", Form: graph.FormGenerativeGroup, Parent: "lab2", Period: period("2021-05", "")},
			{ID: "plc1", Name: "PLC Circular Teaching", Form: graph.FormPLC, Parent: "eco"},
		},
		Memberships: []graph.Membership{
			{Unit: "eco", Member: "uni", Role: graph.RoleMember, Period: period("2016", "")},
			{Unit: "eco", Member: "uni", Role: graph.RoleCoordinator, Period: period("2019", "")},
			{Unit: "eco", Member: "hs", Period: period("2016-09", "")},
			{Unit: "eco", Member: "acme", Period: period("2017-03-15", "2020")},
			{Unit: "eco", Member: "gem", Role: graph.RoleFacilitator},
			{Unit: "eco", Member: "buurt", Role: graph.RoleUser, Period: period("2018-06", "2021-06-30")},
			{Unit: "eco", Member: "natuur", Period: period("2019", "2019-12")},
			{Unit: "lab1", Member: "uni", Role: graph.RoleCoordinator, Period: period("2017", "")},
			{Unit: "lab1", Member: "acme", Period: period("2017-06", "2019")},
			{Unit: "team1", Member: "p.jansen", Period: period("2018-03-01", "2018-12-31")},
			{Unit: "team1", Member: "p.bakker", Period: period("2018-04", "")},
			{Unit: "team1", Member: "buurt", Role: graph.RoleUser},
			{Unit: "lab2", Member: "gem", Role: graph.RoleCoordinator, Period: period("2020", "")},
			{Unit: "lab2", Member: "energie", Period: period("2020-02", "")},
			{Unit: "lab2", Member: "natuur"},
			{Unit: "team2", Member: "p.smit", Period: period("2021-05-10", "")},
			{Unit: "team2", Member: "energie"},
			{Unit: "plc1", Member: "p.jansen"},
			{Unit: "plc1", Member: "p.devries", Role: graph.RoleFacilitator},
		},
		Ties: []graph.Tie{
			{Source: "uni", Target: "hs", Type: "collaboration", Weight: 2.5, Period: period("2016", "2019")},
			{Source: "hs", Target: "uni", Type: "collaboration", Weight: 3, Period: period("2020", "")},
			{Source: "uni", Target: "hs", Type: "project", Weight: 1},
			{Source: "uni", Target: "acme", Type: "project", Weight: 1, Period: period("2017-04", "2019-12")},
			{Source: "gem", Target: "acme", Type: "funding", Weight: 0.1, Directed: true, Period: period("2017-06-01", "2018-05-31")},
			{Source: "gem", Target: "buurt", Type: "collaboration", Weight: 1, Period: period("2018-06-15", "")},
			{Source: "natuur", Target: "buurt", Type: "knowledge_exchange", Weight: 2, Period: period("2019-03", "2019-11")},
			{Source: "p.jansen", Target: "p.bakker", Type: "knowledge_exchange", Weight: 1.0 / 3, Period: period("2018-03", "")},
			{Source: "p.smit", Target: "gem", Weight: 1, Directed: true},
			{Source: "energie", Target: "gem", Type: "supply", Weight: 4, Period: period("2020-01-01", "")},
			{Source: "p.devries", Target: "energie", Type: "knowledge_exchange", Weight: 1.5, Period: period("2021", "2021-03-31")},
		},
		Values: []graph.Value{
			{Reporter: "uni", Unit: "eco", Cycle: graph.CycleImmediate, Level: graph.Micro, Date: date("2018"), Description: "Workshop insights"},
			{Reporter: "p.jansen", Unit: "team1", Cycle: graph.CyclePotential, Capital: graph.CapitalSocial, Date: date("2018-06-01"), Description: "New contacts at Acme"},
			{Reporter: "gem", Cycle: graph.CycleRealized, Level: graph.Macro, Description: "Less waste to landfill"},
			{Reporter: "acme", Unit: "lab1", Cycle: graph.CycleApplied, Level: graph.Meso, Date: date("2019-11")},
			{Reporter: "p.smit", Unit: "team2", Cycle: graph.CycleExpected, Date: date("2021-05-10"), Description: "Repair skills"},
			{Reporter: "natuur", Unit: "lab2", Cycle: graph.CycleTransformative, Level: graph.Macro, Date: date("2021")},
		},
	}
	return validated(e)
}

// SnapshotDates are the dates at which the suite compares snapshots: the
// zero Date, dates of every precision and the days around the boundaries of
// the periods in Sample.
var SnapshotDates = []string{
	"", "2014", "2015", "2016", "2016-08", "2016-09", "2017-03-14", "2017-03-15", "2017-06",
	"2018", "2018-05-31", "2018-06-01", "2018-12-31", "2019-01-01", "2019-11", "2019-12", "2019-12-31",
	"2020", "2020-01-01", "2021-03-31", "2021-04-01", "2021-06-30", "2021-07", "2022-12-31", "2023", "9999",
}

// validated runs Validate on e and panics on errors: the suite's own data
// must be valid.
func validated(e *graph.Ecosystem) *graph.Ecosystem {
	if err := e.Validate().Err(); err != nil {
		panic("storetest: invalid test data: " + err.Error())
	}
	return e
}

// big returns a deterministic ecosystem with the given number of partners
// and ties and some people, units, memberships and value records. variant
// changes about a quarter of the partners, a fifth of the memberships and a
// third of the ties of big(partners, ties, 0) and adds 2% partners and ties
// of its own. No two records share a natural key.
func big(partners, ties int, variant uint64) *graph.Ecosystem {
	r := rand.New(rand.NewPCG(42, 7))      // the structure, the same for every variant
	v := rand.New(rand.NewPCG(variant, 9)) // what the variant changes
	helices := append(append([]graph.Helix{}, graph.Helices...), graph.HelixUnknown)
	year := func(rr *rand.Rand) graph.Date { return graph.NewDate(2010+rr.IntN(15), 0, 0) }
	month := func(rr *rand.Rand) graph.Date { return graph.NewDate(2010+rr.IntN(15), 1+rr.IntN(12), 0) }
	day := func(rr *rand.Rand) graph.Date { return graph.NewDate(2010+rr.IntN(15), 1+rr.IntN(12), 1+rr.IntN(28)) }
	pid := func(i int) string { return "partner-" + strconv.Itoa(i) }
	uid := func(i int) string { return "unit-" + strconv.Itoa(i) }
	extra := int(variant) * partners / 50
	n := partners + extra

	e := &graph.Ecosystem{Name: fmt.Sprintf("big %d/%d variant %d", partners, ties, variant)}
	for i := range n {
		rr := r
		if i >= partners {
			rr = v
		}
		p := graph.Partner{ID: pid(i), Name: fmt.Sprintf("Partner %d", i), Helix: helices[rr.IntN(len(helices))], Region: "Gelderland"}
		if rr.IntN(3) == 0 {
			p.Since = year(rr)
		}
		if v.IntN(4) == 0 {
			p.Name += fmt.Sprintf(" (variant %d)", variant)
			p.Kind = "changed"
		}
		e.Partners = append(e.Partners, p)
	}
	for i := range partners / 3 {
		e.People = append(e.People, graph.Person{ID: "person-" + strconv.Itoa(i), Partner: pid(r.IntN(partners)), Discipline: "engineering"})
	}
	nu := max(1, partners/10)
	for i := range nu {
		u := graph.Unit{ID: uid(i), Level: graph.LevelFieldlab}
		if i == 0 {
			u.Level = graph.LevelEcosystem
		} else {
			u.Parent = uid(r.IntN(i))
		}
		e.Units = append(e.Units, u)
	}
	for i := range n {
		rr := r
		if i >= partners {
			rr = v
		}
		m := graph.Membership{Unit: uid(rr.IntN(nu)), Member: pid(i), Period: graph.Period{Since: month(rr)}}
		if v.IntN(5) == 0 {
			m.Until = graph.NewDate(2025+int(variant), 0, 0)
		}
		e.Memberships = append(e.Memberships, m)
	}
	types := []string{"collaboration", "project", "funding"}
	seen := make(map[string]bool, ties)
	for len(e.Ties) < ties+int(variant)*ties/50 {
		rr, np := r, partners
		if len(e.Ties) >= ties {
			rr, np = v, n
		}
		a, b := rr.IntN(np), rr.IntN(np-1)
		if b >= a {
			b++
		}
		t := graph.Tie{Source: pid(a), Target: pid(b), Type: types[rr.IntN(len(types))],
			Weight: float64(1 + rr.IntN(5)), Directed: rr.IntN(10) == 0, Period: graph.Period{Since: day(rr)}}
		if v.IntN(3) == 0 {
			t.Weight += 0.25 * float64(1+variant)
		}
		s, d := t.Source, t.Target
		if !t.Directed && s > d {
			s, d = d, s
		}
		k := s + "\x00" + d + "\x00" + t.Type + "\x00" + t.Since.String()
		if seen[k] {
			continue
		}
		seen[k] = true
		e.Ties = append(e.Ties, t)
	}
	for i := range partners / 10 {
		e.Values = append(e.Values, graph.Value{Reporter: pid(r.IntN(partners)), Unit: uid(r.IntN(nu)),
			Cycle: graph.Cycles[r.IntN(len(graph.Cycles))], Date: year(r), Description: "value " + strconv.Itoa(i)})
	}
	return validated(e)
}
