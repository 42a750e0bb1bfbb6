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

	"github.com/xuri/excelize/v2"

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

// TestKumuJSON reads a hand-made Kumu JSON export (picked by its
// content): custom types through --map and the vocabulary, connections
// by _id, strength, direction and reversed.
func TestKumuJSON(t *testing.T) {
	path := "testdata/kumu/map.json"
	m, err := ParseMapping("Type=Bewonersinitiatief:civil society")
	if err != nil {
		t.Fatal(err)
	}
	e, ps, err := ReadOptions(path, Options{Map: m})
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	checkProblems(t, ps, []string{path + ": note: the description and tags of elements are not read: a partner has no place for them"})
	var got []string
	for _, p := range e.Partners {
		got = append(got, p.ID+" "+p.Name+" "+string(p.Helix))
	}
	want := []string{
		"gemeente-rivierstad Gemeente Rivierstad government",
		"hogeschool-rivierstad Hogeschool Rivierstad academia",
		"de-vries-installatie-b-v De Vries Installatie B.V. industry",
		"bewonerscoöperatie-oude-wijk Bewonerscoöperatie Oude Wijk civil_society",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("partners\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = nil
	for _, x := range e.Ties {
		got = append(got, fmt.Sprintf("%s %s %s %v %v line %d", x.Source, x.Target, x.Type, x.Weight, x.Directed, x.Pos.Line))
	}
	want = []string{
		"gemeente-rivierstad hogeschool-rivierstad subsidie 3 true line 35",
		"hogeschool-rivierstad de-vries-installatie-b-v samenwerking 1 false line 44",
		"gemeente-rivierstad bewonerscoöperatie-oude-wijk advies 2.5 true line 51",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ties\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e.Name != "map" {
		t.Errorf("name %q", e.Name)
	}
}

// TestKumuUnmapped: element types without a helix type are one error,
// with how many elements each, the nearest helix type, and the --map
// that maps them.
func TestKumuUnmapped(t *testing.T) {
	path := "testdata/kumu/map.json"
	_, ps, err := Read(path)
	if err == nil {
		t.Fatal("no error")
	}
	checkProblems(t, ps.Errors(), []string{path + `: 1 element type without a helix type: "Bewonersinitiatief" (1 element; nearest: civil_society); map them to academia, industry, government, civil_society, environment or unknown with --map "Type=Bewonersinitiatief:civil_society" (or mapping: in ecoscope.yaml)`})

	doc := `{"elements": [
		{"_id": "1", "attributes": {"label": "A", "element type": "Partner"}},
		{"_id": "2", "attributes": {"label": "B", "element type": "Partner"}},
		{"_id": "3", "attributes": {"label": "C", "element type": "Kennispartner"}},
		{"_id": "4", "attributes": {"label": "D", "element type": "Gemeente"}}]}`
	m, _ := ParseMapping("Kennispartner:academia")
	_, ps, err = readKumuJSONText(doc, "m.json", Options{Map: m})
	if err == nil {
		t.Fatal("no error")
	}
	checkProblems(t, ps.Errors(), []string{`m.json: 1 element type without a helix type: "Partner" (2 elements; nearest: ` + nearestHelix("Partner") + `); map them to academia, industry, government, civil_society, environment or unknown with --map "Type=Partner:` + nearestHelix("Partner") + `,Kennispartner:academia" (or mapping: in ecoscope.yaml)`})
	// The line it gives maps them.
	m, err = ParseMapping("Type=Partner:industry,Kennispartner:academia")
	if err != nil {
		t.Fatal(err)
	}
	if _, ps, err := readKumuJSONText(doc, "m.json", Options{Map: m}); err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(lines(ps), "\n"))
	}
}

func nearestHelix(s string) string {
	_, err := graph.ParseHelix(s)
	return err.(*graph.VocabularyError).Nearest()
}

// TestKumuJSONProblems: bad documents and records are placed on their
// line, with the Kumu name of the field.
func TestKumuJSONProblems(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{"{\"elements\": [\n{\"_id\": 1,}\n]}", "k.json:2: invalid JSON at character 11: invalid character '}' looking for beginning of object key string"},
		{"{\"elements\": [\n{\"_id\": 1}\n", "k.json:2: the JSON document ends too early: a closing } or ] is missing"},
		{"[]", "k.json:1: want a JSON object {\"elements\": [...], \"connections\": [...]}, not an array"},
		{`{"elements": []}`, "k.json: the Kumu map has no elements"},
		{"{\"elements\": [{\"attributes\": {\"label\": \"A\"}},\n {\"attributes\": {\"label\": \"B\"}}],\n \"connections\": [\n{\"from\": \"A\", \"to\": \"X\", \"attributes\": {\"strength\": \"many\"}}]}",
			"k.json:4: connections[0].to: no element has the _id or label \"X\"\nk.json:4: connections[0].attributes.strength: \"many\" is not a number"},
		{"{\"elements\": [{\"attributes\": {\"label\": \"A\"}},\n {\"attributes\": {}}],\n \"connections\": [\n{\"from\": \"A\", \"to\": \"A\", \"direction\": \"sideways\"}]}",
			"k.json:2: elements[1].attributes.label: element without a label\nk.json:4: connections[0].direction: direction \"sideways\" is not directed, mutual or undirected"},
	} {
		_, ps, err := readKumuJSONText(c.doc, "k.json", Options{})
		if err == nil {
			t.Errorf("%q: no error", c.doc)
		}
		if got := strings.Join(lines(ps.Errors()), "\n"); got != c.want {
			t.Errorf("%q:\n%s\nwant\n%s", c.doc, got, c.want)
		}
	}
}

// writeKumuBook writes a workbook with the sheets Elements and
// Connections holding rows (the first of each the header).
func writeKumuBook(t testing.TB, elements, connections [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Elements"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Connections"); err != nil {
		t.Fatal(err)
	}
	for sheet, rows := range map[string][][]string{"Elements": elements, "Connections": connections} {
		for i, r := range rows {
			cells := make([]any, len(r))
			for j, s := range r {
				cells[j] = s
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "map.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKumuXLSX reads a workbook as Kumu exports it: connections by label,
// an ambiguous label named with both its rows, problems at their cell.
func TestKumuXLSX(t *testing.T) {
	elements := [][]string{
		{"Label", "Type", "Description", "Tags"},
		{"Gemeente Rivierstad", "Gemeente", "", ""},
		{"Hogeschool", "Hogeschool", "", ""},
		{"De Vries", "Bedrijf", "", ""},
		{"de vries", "Bedrijf", "", ""},
	}
	connections := [][]string{
		{"From", "To", "Type", "Strength", "Direction"},
		{"Gemeente Rivierstad", "Hogeschool", "subsidie", "2", "directed"},
		{"Hogeschool", "De Vries", "", "", "mutual"},
		{"Hogeschool", "Gemeente Rivierstd", "", "x", ""},
	}
	path := writeKumuBook(t, elements, connections)
	_, ps, err := Read(path)
	if err == nil {
		t.Fatal("no error")
	}
	checkProblems(t, ps.Errors(), []string{
		path + `: Connections!B3: "De Vries" is ambiguous: 2 elements are labelled so (Elements row 4, Elements row 5); give them distinct labels`,
		path + `: Connections!B4: no element is labelled "Gemeente Rivierstd"; did you mean "Gemeente Rivierstad"?`,
		path + `: Connections!D4: "x" is not a number`,
	})

	elements[4][0] = "De Vries Bouw"
	connections = connections[:3]
	path = writeKumuBook(t, elements, connections)
	e, ps, err := Read(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	var got []string
	for _, p := range e.Partners {
		got = append(got, p.ID+" "+string(p.Helix)+" "+p.Pos.Record)
	}
	for _, x := range e.Ties {
		got = append(got, fmt.Sprintf("%s %s %s %v %v", x.Source, x.Target, x.Type, x.Weight, x.Directed))
	}
	want := []string{
		"gemeente-rivierstad government Elements!2", "hogeschool academia Elements!3", "de-vries industry Elements!4", "de-vries-bouw industry Elements!5",
		"gemeente-rivierstad hogeschool subsidie 2 true", "hogeschool de-vries  1 false",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzReadKumuJSON reads a Kumu JSON export: no panic, bounded printable
// problems, an error when there are errors, the same result twice.
func FuzzReadKumuJSON(f *testing.F) {
	b, err := os.ReadFile("testdata/kumu/map.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add(`{"elements":[{"_id":"a","attributes":{"label":"A","element type":"x","tags":[1,[2],{"a":3}]}},{"label":"A"}],"connections":[{"from":"a","to":"A","reversed":true,"direction":"directed"},{"from":null}]}`)
	f.Add(`{"elements":{},"connections":[1]}`)
	m, _ := ParseMapping("Type=x:academia")
	f.Fuzz(func(t *testing.T, doc string) {
		e, ps, err := readKumuJSONText(doc, "k.json", Options{Map: m})
		checkPrintable(t, ps)
		if (err == nil) != (len(ps.Errors()) == 0) {
			t.Errorf("error %v with problems %v", err, ps)
		}
		e2, ps2, _ := readKumuJSONText(doc, "k.json", Options{Map: m})
		if !reflect.DeepEqual(e, e2) || !reflect.DeepEqual(lines(ps), lines(ps2)) {
			t.Error("two reads differ")
		}
	})
}

// FuzzReadKumuXLSX reads a workbook (ecoscope's own Kumu export of a small
// ecosystem as the seed): no panic, bounded printable problems. Run it
// with -fuzzminimizetime 0: minimizing a workbook (a zip of 7 kB, each
// try a read) takes the whole of a short run, 4 execs in 10 s; without,
// about 7,000 a second.
func FuzzReadKumuXLSX(f *testing.F) {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{{ID: "a", Name: "A|x", Helix: graph.Academia}, {ID: "c", Name: "A|x", Helix: graph.Industry}},
		Ties:     []graph.Tie{{Source: "a", Target: "c", Type: "t", Weight: 2, Directed: true, ID: "1"}},
	}
	e.Validate()
	b, err := os.ReadFile(exportKumu(f, e, analysis.TiesAll))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, book []byte) {
		_, ps, err := readKumuXLSX(bytes.NewReader(book), "k.xlsx", Options{})
		checkPrintable(t, ps)
		if (err == nil) != (len(ps.Errors()) == 0) {
			t.Errorf("error %v with problems %v", err, ps)
		}
	})
}

// TestKumuMapAttr: --map with another attribute reads the helix type from
// that element attribute; one that no element has is an error.
func TestKumuMapAttr(t *testing.T) {
	doc := `{"elements": [
		{"_id": "1", "attributes": {"label": "A", "element type": "Organisation", "Organisation type": "Gemeente"}},
		{"_id": "2", "attributes": {"label": "B", "element type": "Organisation", "Organisation type": "Kennispartner"}}]}`
	m, _ := ParseMapping("Organisation type=Kennispartner:academia")
	e, ps, err := readKumuJSONText(doc, "m.json", Options{Map: m})
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	if e.Partners[0].Helix != graph.Government || e.Partners[1].Helix != graph.Academia {
		t.Errorf("partners %+v", e.Partners)
	}
	m, _ = ParseMapping("Soort=Kennispartner:academia")
	_, ps, _ = readKumuJSONText(doc, "m.json", Options{Map: m})
	checkProblems(t, ps, []string{`m.json: --map names the attribute "Soort", which no element has; leave it out to map the element types (--map "Type=...")`})
}
