package importers

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestReadCSVDir(t *testing.T) {
	const (
		partners = "data/partners.csv"
		people   = "data/people.csv"
		units    = "data/units.csv"
		members  = "data/memberships.csv"
		ties     = "data/ties.csv"
		values   = "data/values.csv"
	)
	tests := []struct {
		name  string
		files map[string]string
		want  *graph.Ecosystem
	}{
		{
			name: "every table, comma, English",
			files: map[string]string{
				"partners.csv": `id,name,helix,sector,kind,region,since,until
ut,University of Twente,academia,,university,Twente,1961,
acme,Acme BV,industry,,sme,Twente,2015-03,
enschede,Gemeente Enschede,government,,municipality,Twente,,
natuur,Natuurmonumenten,environment,nonprofit,,,2018,2024-06-30
`,
				"people.csv": `id,name,partner,discipline,role
anna,Anna de Vries,ut,education,researcher
bram,,acme,engineering,
`,
				"units.csv": `id,name,level,form,parent,challenge,since,until,cadence
lc,Learning Community Twente,ecosystem,,,,2018,,
lab,Fieldlab Water,,living_lab,lc,clean water,2019,,monthly
team1,Team A,team,,lab,,2020-01,2020-12,weekly
`,
				"memberships.csv": `unit,member,role,since,until
lc,ut,coordinator,2018,
lab,acme,,2019,
team1,anna,facilitator,,
`,
				"ties.csv": `source,target,type,weight,since,until,directed
ut,acme,project,2.5,2019,,
acme,enschede,contract,,2020-02,2021,yes
anna,bram,co-authorship,1,,,false
`,
				"values.csv": `reporter,unit,cycle,capital,level,date,description
anna,team1,potential,learning,micro,2020-06,new method
enschede,lc,realized,,macro,2022,
`,
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "ut", Name: "University of Twente", Helix: graph.Academia, Sector: graph.Public, Kind: "university", Region: "Twente", Period: period("1961", ""), Pos: at(partners, 2)},
					{ID: "acme", Name: "Acme BV", Helix: graph.Industry, Sector: graph.Private, Kind: "sme", Region: "Twente", Period: period("2015-03", ""), Pos: at(partners, 3)},
					{ID: "enschede", Name: "Gemeente Enschede", Helix: graph.Government, Sector: graph.Public, Kind: "municipality", Region: "Twente", Pos: at(partners, 4)},
					{ID: "natuur", Name: "Natuurmonumenten", Helix: graph.Environment, Sector: graph.Nonprofit, Period: period("2018", "2024-06-30"), Pos: at(partners, 5)},
				},
				People: []graph.Person{
					{ID: "anna", Name: "Anna de Vries", Partner: "ut", Discipline: "education", Role: "researcher", Pos: at(people, 2)},
					{ID: "bram", Name: "bram", Partner: "acme", Discipline: "engineering", Pos: at(people, 3)},
				},
				Units: []graph.Unit{
					{ID: "lc", Name: "Learning Community Twente", Level: graph.LevelEcosystem, Form: graph.FormEcosystem, Period: period("2018", ""), Pos: at(units, 2)},
					{ID: "lab", Name: "Fieldlab Water", Level: graph.LevelFieldlab, Form: graph.FormLivingLab, Parent: "lc", Challenge: "clean water", Cadence: "monthly", Period: period("2019", ""), Pos: at(units, 3)},
					{ID: "team1", Name: "Team A", Level: graph.LevelTeam, Form: graph.FormInnovationTeam, Parent: "lab", Cadence: "weekly", Period: period("2020-01", "2020-12"), Pos: at(units, 4)},
				},
				Memberships: []graph.Membership{
					{Unit: "lc", Member: "ut", Role: graph.RoleCoordinator, Period: period("2018", ""), Pos: at(members, 2)},
					{Unit: "lab", Member: "acme", Role: graph.RoleMember, Period: period("2019", ""), Pos: at(members, 3)},
					{Unit: "team1", Member: "anna", Role: graph.RoleFacilitator, Pos: at(members, 4)},
				},
				Ties: []graph.Tie{
					{Source: "ut", Target: "acme", Type: "project", Weight: 2.5, Period: period("2019", ""), Pos: at(ties, 2)},
					{Source: "acme", Target: "enschede", Type: "contract", Weight: 1, Directed: true, Period: period("2020-02", "2021"), Pos: at(ties, 3)},
					{Source: "anna", Target: "bram", Type: "co-authorship", Weight: 1, Pos: at(ties, 4)},
				},
				Values: []graph.Value{
					{Reporter: "anna", Unit: "team1", Cycle: graph.CyclePotential, Capital: graph.CapitalLearning, Level: graph.Micro, Date: graph.MustParseDate("2020-06"), Description: "new method", Pos: at(values, 2)},
					{Reporter: "enschede", Unit: "lc", Cycle: graph.CycleRealized, Level: graph.Macro, Date: graph.MustParseDate("2022"), Pos: at(values, 3)},
				},
			},
		},
		{
			name: "semicolon, Dutch file names, headers and values, decimal comma",
			files: map[string]string{
				"Organisaties.csv": `ID;Naam;Helixtype;Sector;Soort;Regio;Vanaf;Tot
ut;Universiteit Twente;HES;;universiteit;Twente;1961;
acme;Acme BV;mkb;privaat;;;2015-03;
gem;Gemeente Enschede;gemeente;;;;;
groen;Natuur en Milieu;natuur;;stichting;;;
buurt;Bewoners Roombeek;bewoners;;;;sinds 2019;
`,
				"relaties.CSV": `Bron;Doel;Soort;Gewicht;Sinds;Einde;Gericht
ut;acme;project;2,5;2019;;ja
acme;gem;;;;;nee
`,
				"eenheden.csv": `ID;Naam;Niveau;Vorm;Onderdeel van;Opgave;Start;Eind;Cadans
lc;LC Twente;ecosysteem;;;schoon water;2018;;
lab;Proeftuin Water;;proeftuin;lc;;;;maandelijks
`,
				"lidmaatschappen.csv": `Eenheid;Lid;Rol;Vanaf;Tot
lab;acme;trekker;2019;
lab;anna;deelnemer;;
`,
				"personen.csv": `ID;Naam;Organisatie;Vakgebied;Functie
anna;Anna;ut;onderwijs;docent
`,
				"waarden.csv": `Melder;Eenheid;Cyclus;Kapitaal;Niveau;Datum;Omschrijving
anna;lab;potentieel;sociaal;individueel;2020;nieuw netwerk
`,
			},
			want: nil, // checked below: the partner "buurt" has a bad date
		},
		{
			name: "byte order mark and CRLF line ends",
			files: map[string]string{
				"partners.csv": "\uFEFFid,name,helix\r\np1,Acme,industry\r\np2,UT,academia\r\n",
				"ties.csv":     "\uFEFFsource,target\r\np1,p2\r\n",
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "p1", Name: "Acme", Helix: graph.Industry, Sector: graph.Private, Pos: at(partners, 2)},
					{ID: "p2", Name: "UT", Helix: graph.Academia, Sector: graph.Public, Pos: at(partners, 3)},
				},
				Ties: []graph.Tie{{Source: "p1", Target: "p2", Weight: 1, Pos: at(ties, 2)}},
			},
		},
		{
			// Spreadsheets on old Macs end lines with CR alone (issue 9: the
			// header was one column "until\rp1…").
			name: "CR line ends",
			files: map[string]string{
				"partners.csv": "id,name,helix\rp1,Acme,industry\r\rp2,\"U\rT\",academia\r",
				"ties.csv":     "source,target\rp1,p2",
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "p1", Name: "Acme", Helix: graph.Industry, Sector: graph.Private, Pos: at(partners, 2)},
					{ID: "p2", Name: "U\nT", Helix: graph.Academia, Sector: graph.Public, Pos: at(partners, 4)},
				},
				Ties: []graph.Tie{{Source: "p1", Target: "p2", Weight: 1, Pos: at(ties, 2)}},
			},
		},
		{
			name: "quoted fields with delimiter, quotes and a line end inside",
			files: map[string]string{
				"partners.csv": `id,name,region
p1,"Acme, Inc.",Twente
p2,"The ""Best"" Lab",Utrecht
p3,"Two
lines",Zeeland
"p4",After,"Limburg"
`,
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "p1", Name: "Acme, Inc.", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Region: "Twente", Pos: at(partners, 2)},
					{ID: "p2", Name: `The "Best" Lab`, Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Region: "Utrecht", Pos: at(partners, 3)},
					{ID: "p3", Name: "Two\nlines", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Region: "Zeeland", Pos: at(partners, 4)},
					{ID: "p4", Name: "After", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Region: "Limburg", Pos: at(partners, 6)},
				},
			},
		},
		{
			name: "file name and headers in any case, spaces around, tab delimiter",
			files: map[string]string{
				"PARTNERS.Csv": "ID\t NAME \tHeLiX\tSince\n p1 \t Acme \tIndustry\t 2019 \n",
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "p1", Name: "Acme", Helix: graph.Industry, Sector: graph.Private, Period: period("2019", ""), Pos: at("data/PARTNERS.Csv", 2)},
				},
			},
		},
		{
			name: "blank lines and lines of delimiters are skipped but counted",
			files: map[string]string{
				"partners.csv": "\n  \nid;name\n\np1;A\n;\n   \np2;B\n;;\n\n",
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "p1", Name: "A", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Pos: at(partners, 5)},
					{ID: "p2", Name: "B", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Pos: at(partners, 8)},
				},
			},
		},
		{
			name: "empty fields and unnamed columns after the last column are ignored",
			files: map[string]string{
				"partners.csv": "id,name,,\np1,A,,\np2,B,,,,\np3,C\n",
			},
			want: &graph.Ecosystem{
				Name: "data",
				Partners: []graph.Partner{
					{ID: "p1", Name: "A", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Pos: at(partners, 2)},
					{ID: "p2", Name: "B", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Pos: at(partners, 3)},
					{ID: "p3", Name: "C", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Pos: at(partners, 4)},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeData(t, tt.files)
			e, ps, err := ReadCSVDir(dir)
			if tt.want == nil {
				checkDutch(t, e, ps, err)
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			checkProblems(t, ps, nil)
			checkEcosystem(t, e, tt.want)
		})
	}
}

// checkDutch checks the result of the Dutch data set of TestReadCSVDir.
func checkDutch(t *testing.T, e *graph.Ecosystem, ps graph.Problems, err error) {
	t.Helper()
	const (
		partners = "data/Organisaties.csv"
		ties     = "data/relaties.CSV"
	)
	checkProblems(t, ps, []string{
		`data/Organisaties.csv:6: since: invalid date "sinds 2019": want YYYY, YYYY-MM or YYYY-MM-DD`,
	})
	checkErr(t, err, ps)
	checkEcosystem(t, e, &graph.Ecosystem{
		Name: "data",
		Partners: []graph.Partner{
			{ID: "ut", Name: "Universiteit Twente", Helix: graph.Academia, Sector: graph.Public, Kind: "universiteit", Region: "Twente", Period: period("1961", ""), Pos: at(partners, 2)},
			{ID: "acme", Name: "Acme BV", Helix: graph.Industry, Sector: graph.Private, Period: period("2015-03", ""), Pos: at(partners, 3)},
			{ID: "gem", Name: "Gemeente Enschede", Helix: graph.Government, Sector: graph.Public, Pos: at(partners, 4)},
			{ID: "groen", Name: "Natuur en Milieu", Helix: graph.Environment, Sector: graph.Nonprofit, Kind: "stichting", Pos: at(partners, 5)},
			{ID: "buurt", Name: "Bewoners Roombeek", Helix: graph.CivilSociety, Sector: graph.Nonprofit, Pos: at(partners, 6)},
		},
		People: []graph.Person{
			{ID: "anna", Name: "Anna", Partner: "ut", Discipline: "onderwijs", Role: "docent", Pos: at("data/personen.csv", 2)},
		},
		Units: []graph.Unit{
			{ID: "lc", Name: "LC Twente", Level: graph.LevelEcosystem, Form: graph.FormEcosystem, Challenge: "schoon water", Period: period("2018", ""), Pos: at("data/eenheden.csv", 2)},
			{ID: "lab", Name: "Proeftuin Water", Level: graph.LevelFieldlab, Form: graph.FormFieldlab, Parent: "lc", Cadence: "maandelijks", Pos: at("data/eenheden.csv", 3)},
		},
		Memberships: []graph.Membership{
			{Unit: "lab", Member: "acme", Role: graph.RoleCoordinator, Period: period("2019", ""), Pos: at("data/lidmaatschappen.csv", 2)},
			{Unit: "lab", Member: "anna", Role: graph.RoleMember, Pos: at("data/lidmaatschappen.csv", 3)},
		},
		Ties: []graph.Tie{
			{Source: "ut", Target: "acme", Type: "project", Weight: 2.5, Directed: true, Period: period("2019", ""), Pos: at(ties, 2)},
			{Source: "acme", Target: "gem", Weight: 1, Pos: at(ties, 3)},
		},
		Values: []graph.Value{
			{Reporter: "anna", Unit: "lab", Cycle: graph.CyclePotential, Capital: graph.CapitalSocial, Level: graph.Micro, Date: graph.MustParseDate("2020"), Description: "nieuw netwerk", Pos: at("data/waarden.csv", 2)},
		},
	})
}

func TestPersonLevelTies(t *testing.T) {
	dir := writeData(t, map[string]string{
		"partners.csv": "id,helix\nut,academia\nacme,industry\n",
		"people.csv":   "id,partner\nanna,ut\nbram,acme\ncees,ut\n",
		"ties.csv":     "source,target,type\nanna,bram,co-authorship\nanna,cees,colleagues\nacme,cees,advice\n",
	})
	e, ps, err := ReadCSVDir(dir)
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	checkProblems(t, ps, nil)
	if got, want := len(e.Ties), 3; got != want {
		t.Fatalf("got %d ties, want %d", got, want)
	}
	got := e.PartnerTies()
	want := []graph.PartnerTie{
		{Source: "ut", Target: "acme", Type: "co-authorship", Weight: 1},
		{Source: "acme", Target: "ut", Type: "advice", Weight: 1},
	}
	checkRecords(t, "partner tie", got, want)
}

func TestReadCSVDirProblems(t *testing.T) {
	const twoPartners = "id,name,helix\np1,Acme,industry\np2,UT,academia\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "unknown partner in a tie",
			files: map[string]string{
				"partners.csv": twoPartners,
				"ties.csv":     "source,target\np1,p2\np1,p3\nq1,p2\n",
			},
			want: []string{
				`data/ties.csv:3: target: unknown partner or person "p3"`,
				`data/ties.csv:4: source: unknown partner or person "q1"`,
			},
		},
		{
			name: "unknown person in a tie and a person of an unknown partner",
			files: map[string]string{
				"partners.csv": twoPartners,
				"people.csv":   "id,name,partner\nanna,Anna,p1\nbram,Bram,p9\n",
				"ties.csv":     "source,target\nanna,bob\n",
			},
			want: []string{
				`data/people.csv:3: partner: unknown partner "p9"`,
				`data/ties.csv:2: target: unknown partner or person "bob"`,
			},
		},
		{
			name: "unknown unit and unknown member in a membership",
			files: map[string]string{
				"partners.csv":    twoPartners,
				"units.csv":       "id,level,parent\nlab,fieldlab,\nteam,team,lba\n",
				"memberships.csv": "unit,member\nlab,p1\nlbb,p2\nlab,p7\n",
			},
			want: []string{
				`data/units.csv:3: parent: unknown unit "lba"; did you mean "lab"?`,
				`data/memberships.csv:3: unit: unknown unit "lbb"; did you mean "lab"?`,
				`data/memberships.csv:4: member: unknown partner or person "p7"`,
			},
		},
		{
			name: "duplicate ids",
			files: map[string]string{
				"partners.csv": "id,name\np1,Acme\np2,UT\np1,Acme again\n",
				"people.csv":   "id,partner\np2,p1\nanna,p1\nanna,p2\n",
				"units.csv":    "id,level\nlab,fieldlab\nlab,team\n",
			},
			want: []string{
				`data/partners.csv:4: id: duplicate partner id "p1" (first at data/partners.csv:2)`,
				`data/people.csv:2: id: person id "p2" is also a partner id (at data/partners.csv:3); ids of people and partners must differ`,
				`data/people.csv:4: id: duplicate person id "anna" (first at data/people.csv:3)`,
				`data/units.csv:3: id: duplicate unit id "lab" (first at data/units.csv:2)`,
			},
		},
		{
			// A value that cannot be parsed is left empty, and Validate's
			// complaint about that empty field ("empty level and form",
			// "empty cycle") is left out.
			name: "unknown vocabulary values name the nearest valid value",
			files: map[string]string{
				"partners.csv":    "id,helix,sector\np1,bedrijff,\np2,academia,publik\n",
				"units.csv":       "id,level,form\nlab,fieldlb,\nteam,,livng lab\n",
				"memberships.csv": "unit,member,role\nlab,p1,facilitater\n",
				"values.csv":      "reporter,cycle,capital,level\np1,aplied,,\np1,potential,socal,mezzo\n",
			},
			want: []string{
				`data/partners.csv:2: helix: unknown helix type "bedrijff"; did you mean "industry"? (valid: academia, industry, government, civil_society, environment, unknown)`,
				`data/partners.csv:3: sector: unknown sector "publik"; did you mean "public"? (valid: public, private, nonprofit)`,
				`data/units.csv:2: level: unknown level "fieldlb"; did you mean "fieldlab"? (valid: ecosystem, fieldlab, team)`,
				`data/units.csv:3: form: unknown form "livng lab"; did you mean "living_lab"? (valid: ecosystem, public_private_partnership, fieldlab, innovation_hub, living_lab, centre_of_expertise, innovation_team, generative_group, plc, cop)`,
				`data/memberships.csv:2: role: unknown role "facilitater"; did you mean "facilitator"? (valid: member, facilitator, coordinator, user)`,
				`data/values.csv:2: cycle: unknown value cycle "aplied"; did you mean "applied"? (valid: expected, immediate, potential, applied, realized, transformative)`,
				`data/values.csv:3: capital: unknown capital "socal"; did you mean "social"? (valid: human, social, tangible, reputational, learning)`,
				`data/values.csv:3: level: unknown outcome level "mezzo"; did you mean "meso"? (valid: micro, meso, macro)`,
			},
		},
		{
			name: "malformed and impossible dates, until before since",
			files: map[string]string{
				"partners.csv": "id,since,until\np1,2019-13,\np2,2023-02-30,\np3,13-03-2019,\np4,2020,2019-12\np5,2020-05,2020-05\n",
				"values.csv":   "reporter,cycle,date\np1,applied,2020-1\n",
			},
			want: []string{
				`data/partners.csv:2: since: invalid date "2019-13": month 13 out of range 1-12`,
				`data/partners.csv:3: since: invalid date "2023-02-30": day 30 does not exist in 2023-02`,
				`data/partners.csv:4: since: invalid date "13-03-2019": want YYYY, YYYY-MM or YYYY-MM-DD`,
				`data/values.csv:2: date: invalid date "2020-1": want YYYY, YYYY-MM or YYYY-MM-DD`,
				`data/partners.csv:5: until: until 2019-12 is before since 2020`,
			},
		},
		{
			name: "weights",
			files: map[string]string{
				"partners.csv": twoPartners,
				"ties.csv": "source,target,weight\np1,p2,abc\np1,p2,0\np1,p2,-1.5\np1,p2,\"2,5\"\np1,p2,1e400\np1,p2,NaN\np1,p2,0.25\n" +
					"p1,p2,1_000\np1,p2,0x1p-2\np1,p2,Inf\np1,p2,1.7e308\np1,p2,1e12\np1,p2,1000000000001\np1,p2,.5\np1,p2,+2\np1,p2,1e-400\n",
			},
			want: []string{
				`data/ties.csv:2: weight: "abc" is not a number`,
				`data/ties.csv:3: weight: 0 is not positive`,
				`data/ties.csv:4: weight: -1.5 is not positive`,
				`data/ties.csv:5: weight: "2,5" is not a number; write a decimal point: "2.5"`,
				`data/ties.csv:6: weight: "1e400" is above the largest weight, 1e+12`,
				`data/ties.csv:7: weight: "NaN" is not a number`,
				`data/ties.csv:9: weight: "1_000" is not a number`,
				`data/ties.csv:10: weight: "0x1p-2" is not a number`,
				`data/ties.csv:11: weight: "Inf" is not a number`,
				`data/ties.csv:12: weight: "1.7e308" is above the largest weight, 1e+12`,
				`data/ties.csv:14: weight: "1000000000001" is above the largest weight, 1e+12`,
				`data/ties.csv:17: weight: "1e-400" is too small to tell from 0`,
			},
		},
		{
			name: "directed",
			files: map[string]string{
				"partners.csv": twoPartners,
				"ties.csv":     "source,target,directed\np1,p2,maybe\np1,p2,Ja\n",
			},
			want: []string{
				`data/ties.csv:2: directed: "maybe" is not a yes/no value (use true or false, yes or no, ja or nee, 1 or 0)`,
			},
		},
		{
			name: "empty required fields",
			files: map[string]string{
				"partners.csv":    "id,name\np1,Acme\n,Nameless\n",
				"people.csv":      "id,partner\nanna,\n",
				"units.csv":       "id,level\nlab,fieldlab\n",
				"memberships.csv": "unit,member\n,p1\nlab,\n",
				"ties.csv":        "source,target\np1,\n",
				"values.csv":      "reporter,cycle\n,applied\n",
			},
			want: []string{
				`data/partners.csv:3: id: empty id`,
				`data/people.csv:2: partner: empty partner: every person works for a partner`,
				`data/memberships.csv:2: unit: empty unit`,
				`data/memberships.csv:3: member: empty member`,
				`data/ties.csv:2: target: empty target`,
				`data/values.csv:2: reporter: empty reporter`,
			},
		},
		{
			name: "invalid UTF-8",
			files: map[string]string{
				"partners.csv": "id,name\np1,Acme\np2,Caf\xe9 Central\n",
			},
			want: []string{
				`data/partners.csv:3: file is not valid UTF-8 (byte 0xE9 at character 7, 'é' in Windows-1252); re-save it as UTF-8`,
			},
		},
		{
			name: "missing partners.csv",
			files: map[string]string{
				"ties.csv": "source,target\np1,p2\n",
			},
			want: []string{
				`data: no partners.csv (or organisaties.csv) in the folder; it is required`,
			},
		},
		{
			name: "empty partners.csv",
			files: map[string]string{
				"partners.csv": "\uFEFF\n\n",
				"ties.csv":     "",
			},
			want: []string{
				`data/partners.csv: empty file; want a header line (id, name, helix, sector, kind, region, since, until) and a line per partner`,
				`data/ties.csv: warning: empty file, ignored`,
			},
		},
		{
			name: "no partners",
			files: map[string]string{
				"partners.csv": "id,name\n",
			},
			want: []string{
				`data: no partners: the data set needs at least one partner`,
			},
		},
		{
			name: "wrong number of fields",
			files: map[string]string{
				"partners.csv": "id;name;helix\np1;Acme;industry\np2;UT\np3;Gem;Enschede;gemeente\np4;Four;;\n",
			},
			want: []string{
				`data/partners.csv:3: the line has 2 fields, the header has 3`,
				`data/partners.csv:4: the line has 4 fields, the header has 3; put a value that holds ';' in double quotes`,
			},
		},
		{
			name: "missing required column",
			files: map[string]string{
				"partners.csv": twoPartners,
				"ties.csv":     "src,target\np1,p2\n",
			},
			want: []string{
				`data/ties.csv:1: warning: unknown column "src" is ignored (columns: source, target, type, weight, since, until, directed, id)`,
				`data/ties.csv:1: source: required column is missing (the header has: "src,target")`,
			},
		},
		{
			name: "unknown and repeated columns",
			files: map[string]string{
				"partners.csv": "id,name,naam,sinse,,website,\np1,Acme,ACME,2019,,acme.nl,\n",
			},
			want: []string{
				`data/partners.csv:1: name: column given twice, as "name" and "naam"; the second is ignored`,
				`data/partners.csv:1: warning: unknown column "sinse" is ignored; did you mean "since"? (columns: id, name, helix, sector, kind, region, since, until)`,
				`data/partners.csv:1: warning: field 5 of the header has no name; its column is ignored`,
				`data/partners.csv:1: warning: unknown column "website" is ignored (columns: id, name, helix, sector, kind, region, since, until)`,
			},
		},
		{
			name: "quotes out of place",
			files: map[string]string{
				"partners.csv": "id,name\np1,Acme \"the\" best\np2,UT\np3,\"Gem\"x\np4,\"open\n",
			},
			want: []string{
				`data/partners.csv:2: a " in a value that is not quoted (character 9); put the value in double quotes and double each " inside it`,
				`data/partners.csv:4: a quoted value is not closed, or a " inside it is not doubled (character 8)`,
				`data/partners.csv:5: a quoted value on this line is never closed, so the rest of the file was read into it; add the closing "`,
			},
		},
		{
			name: "a self-loop is a warning and dropped",
			files: map[string]string{
				"partners.csv": twoPartners,
				"ties.csv":     "source,target\np1,p1\np1,p2\n",
			},
			want: []string{
				`data/ties.csv:2: target: warning: tie from "p1" to itself (a self-loop) is dropped`,
			},
		},
		{
			name: "a table given twice and a file that is no table",
			files: map[string]string{
				"partners.csv":     twoPartners,
				"organisaties.csv": twoPartners,
				"notes.csv":        "x\n",
			},
			want: []string{
				`data/notes.csv: warning: not a table of a data set, ignored (tables: partners, people, units, memberships, ties, values)`,
				`data/partners.csv: table partners is given twice, also in data/organisaties.csv; keep one of them`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeData(t, tt.files)
			e, ps, err := ReadCSVDir(dir)
			checkProblems(t, ps, tt.want)
			checkErr(t, err, ps)
			if e == nil {
				t.Error("got a nil ecosystem")
			}
		})
	}
}

func TestSelfLoopDropped(t *testing.T) {
	dir := writeData(t, map[string]string{
		"partners.csv": "id\np1\np2\n",
		"ties.csv":     "source,target\np1,p1\np1,p2\n",
	})
	e, _, err := ReadCSVDir(dir)
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	want := []graph.Tie{{Source: "p1", Target: "p2", Weight: 1, Pos: at("data/ties.csv", 3)}}
	checkRecords(t, "tie", e.Ties, want)
}

func TestTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,helix\n")
	for i := range 60 {
		fmt.Fprintf(&b, "p%d,nohelix\n", i)
	}
	dir := writeData(t, map[string]string{"partners.csv": b.String()})
	_, ps, err := ReadCSVDir(dir)
	if got, want := ps.Count(), 60; got != want {
		t.Fatalf("got %d problems, want %d", got, want)
	}
	if got, want := len(ps), 50+1; got != want {
		t.Errorf("kept %d problems, want %d: those shown and the count of the rest", got, want)
	}
	if err == nil {
		t.Fatal("got no error")
	}
	msg := strings.Split(err.Error(), "\n")
	if got, want := len(msg), 1+50+1; got != want {
		t.Fatalf("got %d lines in the error, want %d:\n%s", got, want, err)
	}
	if got, want := msg[0], "60 problems in the data:"; got != want {
		t.Errorf("got first line %q, want %q", got, want)
	}
	if got, want := msg[50], `data/partners.csv:51: helix: unknown helix type "nohelix"; did you mean "academia"? (valid: academia, industry, government, civil_society, environment, unknown)`; got != want {
		t.Errorf("got line 50 %q, want %q", got, want)
	}
	if got, want := msg[51], "... and 10 more problems"; got != want {
		t.Errorf("got last line %q, want %q", got, want)
	}
}

// TestChunks checks that reading a body in parallel chunks, and without
// encoding/csv when it holds no quotes, gives what encoding/csv gives when
// it reads the body in one piece: the same records, the same problems.
func TestChunks(t *testing.T) {
	defer func(n int, w func() int) { minChunk, workers = n, w }(minChunk, workers)
	minChunk, workers = 64, func() int { return 3 }
	rng := rand.New(rand.NewPCG(7, 7))
	plain := []string{"", " ", "p1", "p2", " p3 ", "x y", "2", "2,5", "0", "abc", "2019", "2019-13", "true", "nee", "\t"}
	quoted := []string{`"p1"`, `"a,b"`, `"a;b"`, `"x""y"`, "\"two\nlines\"", "\"cr\r\nlf\"", `""`}
	broken := []string{`"`, `a"b`, `"open`, `"x"y`}
	for _, kind := range []string{"plain", "quoted", "broken"} {
		for _, delim := range []string{",", ";", "\t"} {
			for round := range 20 {
				t.Run(fmt.Sprintf("%s delim %q round %d", kind, delim, round), func(t *testing.T) {
					cell := func() string {
						switch {
						case kind != "plain" && rng.IntN(4) == 0:
							return quoted[rng.IntN(len(quoted))]
						case kind == "broken" && rng.IntN(40) == 0:
							return broken[rng.IntN(len(broken))]
						}
						return plain[rng.IntN(len(plain))]
					}
					var b strings.Builder
					b.WriteString(strings.Join([]string{"source", "target", "weight", "since", "directed"}, delim) + "\n")
					for range rng.IntN(100) {
						switch rng.IntN(10) {
						case 0:
							b.WriteString("\n")
							continue
						case 1:
							b.WriteString("\r\n")
							continue
						}
						n := 5
						if rng.IntN(8) == 0 {
							n = rng.IntN(8)
						}
						fields := make([]string, n)
						for i := range fields {
							fields[i] = cell()
						}
						b.WriteString(strings.Join(fields, delim))
						if rng.IntN(4) == 0 {
							b.WriteString("\r")
						}
						b.WriteString("\n")
					}
					if rng.IntN(2) == 0 {
						b.WriteString("p1" + delim + "p2") // no line end at the end
					}
					text := b.String()

					var got graph.Ecosystem
					dg := newDecoder("ties.csv")
					dg.readCSV(text, tabTies, &got)

					var want graph.Ecosystem
					dw := newDecoder("ties.csv")
					dw.delim = sniffDelimiter(text)
					dw.decimalComma = dw.delim == ';'
					r := dw.csvReader(text)
					header, err := r.Read()
					if err != nil {
						t.Fatal(err)
					}
					line, _ := r.FieldPos(0)
					rs := &rows{id: tabTies, e: &want, cols: dw.header(header, line, tables[tabTies]), width: len(header)}
					body := text[r.InputOffset():]
					dw.readQuoted(body, strings.Count(text[:len(text)-len(body)], "\n"), rs)

					checkRecords(t, "tie", got.Ties, want.Ties)
					checkProblems(t, dg.problems.Problems(), lines(dw.problems.Problems()))
				})
			}
		}
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		body string
		n    int
		want []string
	}{
		{"a\nb\nc\nd\n", 2, []string{"a\nb\nc\n", "d\n"}},
		{"a\nb\nc\nd", 4, []string{"a\n", "b\n", "c\n", "d"}},
		{"\"a\nb\"\nc\nd\n", 2, []string{"\"a\nb\"\n", "c\nd\n"}},
		{"\"a\nb\nc\nd\n", 2, []string{"\"a\nb\nc\nd\n"}},
		{"abc", 3, []string{"abc"}},
		{"", 2, nil},
	}
	for _, tt := range tests {
		got := cut(tt.body, tt.n)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.body, tt.n, got, tt.want)
		}
	}
}

// TestTieIDs checks the optional id column of ties.csv and the "id" of a
// tie in JSON: ties that share ends, type and since stay apart when their
// ids differ, and are combined, with a notice, when they do not.
func TestTieIDs(t *testing.T) {
	dir := writeData(t, map[string]string{
		"partners.csv": "id\np1\np2\n",
		"ties.csv": "source,target,type,since,weight,id\n" +
			"p1,p2,project,2019-01-01,1,H2020-1\n" +
			"p1,p2,project,2019-01-01,1,H2020-2\n" +
			"p2,p1,project,2019-01-01,2,H2020-1\n" + // the first again, the other way round
			"p1,p2,project,2019-01-01,1,\n" +
			"p1,p2,project,2019-01-01,0.5,\n",
	})
	e, ps, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, ps, []string{
		"data: note: 2 tie records repeated the source, target, type, since and id of an earlier one and were combined with it " +
			"(weights added, the latest until kept); give ties an id column to keep such ties apart",
	})
	type tie struct {
		id string
		w  float64
	}
	var got []tie
	for _, x := range e.Ties {
		got = append(got, tie{x.ID, x.Weight})
	}
	want := []tie{{"H2020-1", 3}, {"H2020-2", 1}, {"", 1.5}}
	if !slices.Equal(got, want) {
		t.Errorf("ties = %v, want %v", got, want)
	}

	j, _, err := ReadJSON(strings.NewReader(`{"partners": [{"id": "p1"}, {"id": "p2"}],
		"ties": [{"source": "p1", "target": "p2", "id": "x"}, {"source": "p1", "target": "p2", "id": "y"}]}`), "data.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Ties) != 2 || j.Ties[0].ID != "x" || j.Ties[1].ID != "y" {
		t.Errorf("JSON ties = %+v, want ids x and y", j.Ties)
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestSuggestColumnLong: no "did you mean" for a column name longer than
// graph.MaxSuggestLength, and no work that grows with its length (issue 9:
// an unknown header of 50 MB took 159 s and 1.45 GB).
func TestSuggestColumnLong(t *testing.T) {
	for _, h := range []string{strings.Repeat("y", 1<<20), strings.Repeat("sinse ", 1<<18)} {
		var got string
		if n := allocated(func() { got = tables[tabPartners].suggest(h) }); n > 1<<20 {
			t.Errorf("suggest(%.10q…) allocated %d KB, want at most 1 MB", h, n>>10)
		}
		if got != "" {
			t.Errorf("suggest(%.10q…) = %q, want none", h, got)
		}
	}
	tests := []struct{ header, want string }{
		{"sinse", "since"}, {"Naamm", "name"}, {"helixtyp", "helix"}, {"x", ""}, {"website", ""}, {"regoin", "region"},
	}
	for _, tt := range tests {
		if got := tables[tabPartners].suggest(tt.header); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
