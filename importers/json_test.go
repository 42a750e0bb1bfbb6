package importers

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestReadJSON(t *testing.T) {
	const doc = `{
  "name": "Water Twente",
  "partners": [
    {"id": "ut", "name": "University of Twente", "helix": "HES", "since": "2018"},
    {
      "ID": "acme",
      "naam": "Acme Water BV",
      "Helix": "mkb",
      "since": 2019
    },
    {"id": "gem", "helix": "gemeente", "sector": null, "region": "Twente"}
  ],
  "people": [{"id": "anna", "partner": "ut", "discipline": "hydrology"}],
  "units": [{"id": "lab", "form": "living lab", "since": "2019", "until": null}],
  "memberships": [{"unit": "lab", "member": "acme", "role": "trekker"}, {"unit": "lab", "member": "anna"}],
  "ties": [
    {"source": "anna", "target": "acme", "type": "project", "weight": 2.5},
    {"source": "gem", "target": "acme", "weight": "3", "directed": true, "since": "2020-02"},
    {"source": "gem", "target": "ut", "directed": "ja"}
  ],
  "values": [{"reporter": "anna", "unit": "lab", "cycle": "toegepast", "level": "meso", "date": "2021-05"}]
}`
	const f = "eco.json"
	e, ps, err := ReadJSON(strings.NewReader(doc), f)
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	checkProblems(t, ps, nil)
	checkEcosystem(t, e, &graph.Ecosystem{
		Name: "Water Twente",
		Partners: []graph.Partner{
			{ID: "ut", Name: "University of Twente", Helix: graph.Academia, Sector: graph.Public, Period: period("2018", ""), Pos: rec(f, 4, "partners[0]")},
			{ID: "acme", Name: "Acme Water BV", Helix: graph.Industry, Sector: graph.Private, Period: period("2019", ""), Pos: rec(f, 5, "partners[1]")},
			{ID: "gem", Name: "gem", Helix: graph.Government, Sector: graph.Public, Region: "Twente", Pos: rec(f, 11, "partners[2]")},
		},
		People: []graph.Person{{ID: "anna", Name: "anna", Partner: "ut", Discipline: "hydrology", Pos: rec(f, 13, "people[0]")}},
		Units: []graph.Unit{
			{ID: "lab", Name: "lab", Level: graph.LevelFieldlab, Form: graph.FormLivingLab, Period: period("2019", ""), Pos: rec(f, 14, "units[0]")},
		},
		Memberships: []graph.Membership{
			{Unit: "lab", Member: "acme", Role: graph.RoleCoordinator, Pos: rec(f, 15, "memberships[0]")},
			{Unit: "lab", Member: "anna", Role: graph.RoleMember, Pos: rec(f, 15, "memberships[1]")},
		},
		Ties: []graph.Tie{
			{Source: "anna", Target: "acme", Type: "project", Weight: 2.5, Pos: rec(f, 17, "ties[0]")},
			{Source: "gem", Target: "acme", Weight: 3, Directed: true, Period: period("2020-02", ""), Pos: rec(f, 18, "ties[1]")},
			{Source: "gem", Target: "ut", Weight: 1, Directed: true, Pos: rec(f, 19, "ties[2]")},
		},
		Values: []graph.Value{
			{Reporter: "anna", Unit: "lab", Cycle: graph.CycleApplied, Level: graph.Meso, Date: graph.MustParseDate("2021-05"), Pos: rec(f, 21, "values[0]")},
		},
	})
}

// rec returns the position of record in file, on line.
func rec(file string, line int, record string) graph.Pos {
	return graph.Pos{File: file, Line: line, Record: record}
}

func TestReadJSONName(t *testing.T) {
	e, _, err := ReadJSON(strings.NewReader(`{"partners": [{"id": "p1"}]}`), "data/twente.json")
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	if got, want := e.Name, "twente"; got != want {
		t.Errorf("got name %q, want %q", got, want)
	}
}

func TestReadJSONProblems(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{
			name: "values, references and ids",
			doc: `{
  "partners": [
    {"id": "p1", "helix": "bedrijff", "since": "2019-13"},
    {"id": "p2", "helix": "academia", "since": "2020", "until": "2019"},
    {"id": "p1"}
  ],
  "units": [{"id": "lab", "level": "fieldlb"}],
  "memberships": [{"unit": "lbb", "member": "p1", "role": "boss"}],
  "ties": [
    {"source": "p1", "target": "p3", "weight": 0},
    {"source": "p1", "target": "p2", "weight": "abc"},
    {"source": "p1", "target": "p2", "weight": -2, "directed": "maybe"},
    {"source": "p2", "target": "p2"}
  ],
  "values": [{"reporter": "p1", "cycle": "potentail", "capital": "human", "date": "2023-02-30"}]
}`,
			want: []string{
				`eco.json:3: partners[0].helix: unknown helix type "bedrijff"; did you mean "industry"? (valid: academia, industry, government, civil_society, environment, unknown)`,
				`eco.json:3: partners[0].since: invalid date "2019-13": month 13 out of range 1-12`,
				`eco.json:7: units[0].level: unknown level "fieldlb"; did you mean "fieldlab"? (valid: ecosystem, fieldlab, team)`,
				`eco.json:8: memberships[0].role: unknown role "boss"; did you mean "coordinator"? (valid: member, facilitator, coordinator, user)`,
				`eco.json:10: ties[0].weight: 0 is not positive`,
				`eco.json:11: ties[1].weight: "abc" is not a number`,
				`eco.json:12: ties[2].weight: -2 is not positive`,
				`eco.json:12: ties[2].directed: "maybe" is not a yes/no value (use true or false, yes or no, ja or nee, 1 or 0)`,
				`eco.json:15: values[0].cycle: unknown value cycle "potentail"; did you mean "potential"? (valid: expected, immediate, potential, applied, realized, transformative)`,
				`eco.json:15: values[0].date: invalid date "2023-02-30": day 30 does not exist in 2023-02`,
				`eco.json:4: partners[1].until: until 2019 is before since 2020`,
				`eco.json:5: partners[2].id: duplicate partner id "p1" (first at eco.json:3, partners[0])`,
				`eco.json:8: memberships[0].unit: unknown unit "lbb"; did you mean "lab"?`,
				`eco.json:10: ties[0].target: unknown partner or person "p3"`,
				`eco.json:13: ties[3].target: warning: tie from "p2" to itself (a self-loop) is dropped`,
			},
		},
		{
			name: "unknown keys and fields are warnings",
			doc: `{
  "naam": "Twente",
  "colour": "red",
  "id": "p1",
  "partners": [{"id": "p1", "website": "x"}, {"id": "p2", "website": "y", "sinse": "2019"}]
}`,
			want: []string{
				`eco.json:3: warning: unknown key "colour" is ignored (keys: name, partners, people, units, memberships, ties, values)`,
				`eco.json:4: warning: unknown key "id" is ignored (the fields of a partner go in the objects of the "partners" array)`,
				`eco.json:5: partners[0]: warning: unknown field "website" is ignored (fields: id, name, helix, sector, kind, region, since, until)`,
				`eco.json:5: partners[1]: warning: unknown field "sinse" is ignored; did you mean "since"? (fields: id, name, helix, sector, kind, region, since, until)`,
			},
		},
		{
			name: "values of the wrong kind",
			doc: `{
  "partners": [
    {"id": "p1", "name": {"nl": "Acme"}},
    "p2",
    ["p3"],
    {"id": "p4", "region": [1, [2]]}
  ],
  "ties": {"source": "p1"},
  "units": null,
  "name": 7
}`,
			want: []string{
				`eco.json:3: partners[0].name: want a string, number or true/false, not an object`,
				`eco.json:4: partners[1]: want an object, not the string "p2"`,
				`eco.json:5: partners[2]: want an object, not an array`,
				`eco.json:6: partners[3].region: want a string, number or true/false, not an array`,
				`eco.json:8: ties: want an array of objects, not an object`,
			},
		},
		{
			name: "syntax error",
			doc:  "{\"partners\": [\n  {\"id\": \"p1\",}\n]}",
			want: []string{
				`eco.json:2: invalid JSON at character 15: invalid character '}' looking for beginning of object key string`,
			},
		},
		{
			name: "document ends too early",
			doc:  "{\"partners\": [\n  {\"id\": \"p1\"}",
			want: []string{
				`eco.json:2: the JSON document ends too early: a closing } or ] is missing`,
			},
		},
		{
			name: "data after the document",
			doc:  "{\"partners\": [{\"id\": \"p1\"}]}\n\n{}",
			want: []string{
				`eco.json:3: invalid JSON at character 1: invalid character '{' after top-level value`,
			},
		},
		{
			// In one line, the record names the place (issue 9: every
			// problem was "line 1").
			name: "one line",
			doc:  `{"partners": [{"id": "p1"}, {"id": "p1", "helix": "x"}], "ties": [{"source": "p1", "target": "p9"}]}`,
			want: []string{
				`eco.json:1: partners[1].helix: unknown helix type "x"; did you mean "unknown"? (valid: academia, industry, government, civil_society, environment, unknown)`,
				`eco.json:1: partners[1].id: duplicate partner id "p1" (first at eco.json:1, partners[0])`,
				`eco.json:1: ties[0].target: unknown partner or person "p9"`,
			},
		},
		{
			// CSV refuses name and naam in one header; JSON refuses them in
			// one object (issue 9: the last was taken silently).
			name: "keys given twice",
			doc: `{
  "name": "a", "naam": "b",
  "partners": [{"id": "p1", "ID": "p2", "name": "x", "Naam": "y", "naam": {}}],
  "Organisaties": [{"id": "p3"}]
}`,
			want: []string{
				`eco.json:2: name: key given twice, as "name" and "naam"; the second is ignored`,
				`eco.json:3: partners[0].id: field given twice, as "id" and "ID"; the second is ignored`,
				`eco.json:3: partners[0].name: field given twice, as "name" and "Naam"; the second is ignored`,
				`eco.json:3: partners[0].name: field given twice, as "name" and "naam"; the second is ignored`,
				`eco.json:4: table partners is given twice, also on line 3; keep one of them`,
			},
		},
		{
			// encoding/json reads a lone surrogate as U+FFFD (issue 9).
			name: "lone surrogate",
			doc:  "{\"partners\": [\n  {\"id\": \"p\\ud800\"}]}",
			want: []string{
				`eco.json:2: invalid JSON at character 12: \ud800 is half of a UTF-16 surrogate pair, without the other half`,
			},
		},
		{
			name: "lone low surrogate after an escaped backslash",
			doc:  `{"partners": [{"id": "\\\udc00x"}]}`,
			want: []string{
				`eco.json:1: invalid JSON at character 25: \udc00 is half of a UTF-16 surrogate pair, without the other half`,
			},
		},
		{
			name: "high surrogate before another escape",
			doc:  `{"partners": [{"id": "\ud83d\u0041"}]}`,
			want: []string{
				`eco.json:1: invalid JSON at character 23: \ud83d is half of a UTF-16 surrogate pair, without the other half`,
			},
		},
		{
			name: "not an object",
			doc:  `[{"id": "p1"}]`,
			want: []string{
				`eco.json:1: want a JSON object {"partners": [...], "ties": [...], ...}, not an array`,
			},
		},
		{
			name: "empty",
			doc:  " \n",
			want: []string{
				`eco.json: empty file; want a JSON object {"partners": [...], ...}`,
			},
		},
		{
			name: "no partners",
			doc:  `{"name": "x"}`,
			want: []string{
				`eco.json: no partners: the data set needs at least one partner`,
			},
		},
		{
			name: "invalid UTF-8",
			doc:  "{\"partners\": [\n{\"id\": \"caf\xe9\"}]}",
			want: []string{
				`eco.json:2: file is not valid UTF-8 (byte 0xE9 at character 12, 'é' in Windows-1252); re-save it as UTF-8`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ps, err := ReadJSON(strings.NewReader(tt.doc), "eco.json")
			checkProblems(t, ps, tt.want)
			checkErr(t, err, ps)
			if e == nil {
				t.Error("got a nil ecosystem")
			}
		})
	}
}

func TestReadJSONSyntax(t *testing.T) {
	// Escapes, nested values in unknown fields (the nested "c" is not a
	// field of the record), white space, numbers in every form and empty
	// records, behind a byte order mark.
	doc := "\uFEFF" + `{"partners":[{"id":"p\"1\"","name":"Caf\u00e9 \\ \/ \n","helix":"industry","x":{"a":[1,{"b":"]}"}],"c":"}"}},
	{ "id" : "p2" , "since" : 2019 , "region" : "  Twente  " },{},
	{"id": "p3", "kind": 1e3, "region": -0.5, "sector": true}],
	"ties": [{"source": "p\"1\"", "target": "p2", "weight": 2E-1}, {"source": "p2", "target": "p3", "weight": "10", "directed": false}],
	"people": [], "units": null}`
	e, ps, err := ReadJSON(strings.NewReader(doc), "eco.json")
	checkProblems(t, ps, []string{
		`eco.json:1: partners[0]: warning: unknown field "x" is ignored (fields: id, name, helix, sector, kind, region, since, until)`,
		`eco.json:3: partners[3].sector: unknown sector "true"; did you mean "nonprofit"? (valid: public, private, nonprofit)`,
		`eco.json:2: partners[2].id: empty id`,
	})
	checkErr(t, err, ps)
	const f = "eco.json"
	checkEcosystem(t, e, &graph.Ecosystem{
		Name: "eco",
		Partners: []graph.Partner{
			{ID: `p"1"`, Name: "Café \\ /", Helix: graph.Industry, Sector: graph.Private, Pos: rec(f, 1, "partners[0]")},
			{ID: "p2", Name: "p2", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Region: "Twente", Period: period("2019", ""), Pos: rec(f, 2, "partners[1]")},
			{Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Pos: rec(f, 2, "partners[2]")},
			{ID: "p3", Name: "p3", Helix: graph.HelixUnknown, Sector: graph.SectorUnknown, Kind: "1e3", Region: "-0.5", Pos: rec(f, 3, "partners[3]")},
		},
		Ties: []graph.Tie{
			{Source: `p"1"`, Target: "p2", Weight: 0.2, Pos: rec(f, 4, "ties[0]")},
			{Source: "p2", Target: "p3", Weight: 10, Pos: rec(f, 4, "ties[1]")},
		},
	})
}

// TestJSONString checks jsonString and skipValue against encoding/json on
// strings with escapes.
func TestJSONString(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "é", `"`, `\`, "\n", "\t", "/", "}", "]", ",", " ", "\u2028", "\x01", "😀", "\ufffd", "\b", "\f", "\r"}
	for range 500 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		want := b.String()
		enc, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		s := string(enc) + `,"next"`
		got, n := jsonString(s, 0)
		if got != want || n != len(enc) {
			t.Errorf("jsonString(%s) = %q, %d; want %q, %d", s, got, n, want, len(enc))
		}
		if n := skipValue(s, 0); n != len(enc) {
			t.Errorf("skipValue(%s) = %d, want %d", s, n, len(enc))
		}
		obj := `{"k":[` + string(enc) + `,{"x":` + string(enc) + `}]}`
		if n := skipValue(obj+",1", 0); n != len(obj) {
			t.Errorf("skipValue(%s) = %d, want %d", obj, n, len(obj))
		}
	}
}

// TestJSONSurrogatePairs: escaped surrogate pairs make one character, and
// an escaped backslash before "u" is no escape.
func TestJSONSurrogatePairs(t *testing.T) {
	e, ps, err := ReadJSON(strings.NewReader(`{"partners": [{"id": "\ud83d\ude00", "name": "\\ud800 \u00e9\/\"\b\f\n\r\tx"}]}`), "eco.json")
	if err != nil {
		t.Fatalf("got %v", err)
	}
	checkProblems(t, ps, nil)
	if got, want := e.Partners[0].ID, "😀"; got != want {
		t.Errorf("id = %q, want %q", got, want)
	}
	if got, want := e.Partners[0].Name, "\\ud800 é/\"\b\f\n\r\tx"; got != want {
		t.Errorf("name = %q, want %q", got, want)
	}
}
