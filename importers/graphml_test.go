package importers

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/exporters"
	"github.com/ecoscope/ecoscope/graph"
)

var graphFormats = []struct {
	ext   string
	write func(io.Writer, *exporters.Data) error
	read  func(io.Reader, string) (*graph.Ecosystem, graph.Problems, error)
}{
	{".graphml", exporters.WriteGraphML, ReadGraphML},
	{".gexf", exporters.WriteGEXF, ReadGEXF},
}

// exportTo writes e in the format of ext to a file in a new folder.
func exportTo(t *testing.T, e *graph.Ecosystem, ext string, ties analysis.TieSource) string {
	t.Helper()
	for _, f := range graphFormats {
		if f.ext != ext {
			continue
		}
		d := exporters.New(context.Background(), e, analysis.Options{Ties: ties}, analysis.MetricsOptions{Seed: 1, Approx: 0.1})
		var b bytes.Buffer
		if err := f.write(&b, d); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "eco"+ext)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Fatalf("no format %s", ext)
	return ""
}

// samePartners compares the partners field by field, positions aside;
// want's strings as XML can hold them (exporters.XMLSafe) and trimmed as
// every importer trims them.
func checkRoundTrip(t *testing.T, got, want *graph.Ecosystem) {
	t.Helper()
	safe := func(s string) string { return trim(exporters.XMLSafe(s)) }
	if len(got.Partners) != len(want.Partners) {
		t.Fatalf("%d partners read back, want %d", len(got.Partners), len(want.Partners))
	}
	for i := range want.Partners {
		w, g := want.Partners[i], got.Partners[i]
		w.Pos, g.Pos = graph.Pos{}, graph.Pos{}
		w.ID, w.Name, w.Kind, w.Region = safe(w.ID), safe(w.Name), safe(w.Kind), safe(w.Region)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("partner %d reads back as\n%+v\nwant\n%+v", i, g, w)
		}
		for _, d := range []graph.Date{g.Since, g.Until} {
			if d.Precision() == graph.Day && (w.Since.Precision() != graph.Day && w.Until.Precision() != graph.Day) {
				t.Errorf("partner %d: precision lost", i)
			}
		}
	}
	wantTies := exporters.PartnerTies(want)
	if len(got.Ties) != len(wantTies) {
		t.Fatalf("%d ties read back, want %d", len(got.Ties), len(wantTies))
	}
	for i := range wantTies {
		w, g := wantTies[i], got.Ties[i]
		w.Pos, g.Pos = graph.Pos{}, graph.Pos{}
		w.Source, w.Target, w.Type, w.ID = safe(w.Source), safe(w.Target), safe(w.Type), safe(w.ID)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("tie %d reads back as\n%+v\nwant\n%+v", i, g, w)
		}
	}
	if len(got.People)+len(got.Units)+len(got.Memberships)+len(got.Values) != 0 {
		t.Errorf("read back more than partners and ties: %v", got.Counts())
	}
}

// TestGraphRoundTrip exports the example as GraphML and GEXF, reads it
// back with --from's reader and compares partners and ties field by field,
// the precision of their dates included: no problem, not even a note.
func TestGraphRoundTrip(t *testing.T) {
	e, _, err := Read("../examples/energieke-regio")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range graphFormats {
		for _, ties := range []analysis.TieSource{analysis.TiesAll, analysis.TiesExplicit} {
			t.Run(f.ext+"/"+ties.String(), func(t *testing.T) {
				path := exportTo(t, e, f.ext, ties)
				got, ps, err := Read(path)
				if err != nil || len(ps) > 0 {
					t.Fatalf("read back: %v\n%s", err, strings.Join(lines(ps), "\n"))
				}
				if got.Name != e.Name {
					t.Errorf("name %q, want %q", got.Name, e.Name)
				}
				checkRoundTrip(t, got, e)
				// The ties point at the line of their edge.
				if p := got.Ties[0].Pos; p.File != path || p.Line < 10 {
					t.Errorf("tie position %+v", p)
				}
			})
		}
	}
}

// TestGraphRoundTripEscaped: strings that need escaping, or that XML
// cannot hold, read back as written (those as U+FFFD).
func TestGraphRoundTripEscaped(t *testing.T) {
	e := &graph.Ecosystem{
		Name: `Eco <&> "q"`,
		Partners: []graph.Partner{
			{ID: "a&b", Name: "<script>alert(1)</script>", Helix: graph.Academia, Kind: "x\x01y", Region: "tab\there\nnl"},
			{ID: `q"'<>`, Name: "bad \xff utf8 \uFFFE", Helix: graph.Industry, Period: graph.Period{Since: graph.MustParseDate("2019"), Until: graph.MustParseDate("2021-06")}},
			{ID: "p3", Helix: graph.Environment, Period: graph.Period{Since: graph.MustParseDate("2020-02-29")}},
		},
		Ties: []graph.Tie{
			{Source: "a&b", Target: `q"'<>`, Type: "a]]>b", Weight: 2.5, ID: "t<1>", Period: graph.Period{Since: graph.MustParseDate("2019-03")}},
			{Source: `q"'<>`, Target: "p3", Weight: 1e12, Directed: true, Period: graph.Period{Until: graph.MustParseDate("2022")}},
			{Source: "p3", Target: "a&b", Weight: 0.1},
		},
	}
	if ps := e.Validate(); len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}
	for _, f := range graphFormats {
		path := exportTo(t, e, f.ext, analysis.TiesAll)
		got, ps, err := Read(path)
		if err != nil {
			t.Fatalf("%s: %v", f.ext, err)
		}
		_ = ps
		checkRoundTrip(t, got, e)
	}
}

// TestGraphProblems: what is wrong is reported on the line of its node or
// edge, a document that is not well-formed on the line of the fault.
func TestGraphProblems(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="helix" for="node" attr.name="helix" attr.type="string"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <key id="c" for="node" attr.name="colour" attr.type="string"/>
  <graph edgedefault="undirected">
`
	const gexfHead = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="undirected">
    <attributes class="node"><attribute id="h" title="helix" type="string"/></attributes>
    <nodes>
`
	for _, tt := range []struct {
		name, doc string
		read      func(io.Reader, string) (*graph.Ecosystem, graph.Problems, error)
		want      []string
	}{
		{"graphml values", head + `    <node id="a"><data key="helix">bedrijf</data></node>
    <node id="b"><data key="helix">nohelix</data><data key="c">red</data></node>
    <edge source="a" target="b"><data key="w">-2</data></edge>
    <edge source="a" target="x"/>
  </graph>
</graphml>`, ReadGraphML, []string{
			`eco.graphml:9: weight: -2 is not positive`,
			`eco.graphml:8: helix: 1 value of node attribute "helix" is not a helix type: "nohelix" (1 node, nearest academia); map it with --map helix=nohelix:academia`,
			`eco.graphml:8: note: attributes not read: node "colour" (ecoscope reads`,
			`eco.graphml:10: `,
		}},
		{"graphml syntax", head + `    <node id="a">
    </nod>
</graph></graphml>`, ReadGraphML, []string{`eco.graphml:8: not well-formed XML: element <node> closed by </nod>`}},
		{"graphml truncated", head + `    <node id="a">`, ReadGraphML, []string{`eco.graphml:7: the document ends before its elements are closed`}},
		{"graphml root", `<gexf/>`, ReadGraphML, []string{`eco.graphml:1: the document is <gexf>, not <graphml>`}},
		{"graphml namespace", `<graphml xmlns="urn:x"/>`, ReadGraphML, []string{`eco.graphml:1: <graphml> in namespace "urn:x"`}},
		{"graphml empty", ``, ReadGraphML, []string{`eco.graphml:1: empty document; want a <graphml> element`}},
		{"graphml entity", `<!DOCTYPE g [<!ENTITY a "aaaa">]><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&a;"/></graph></graphml>`,
			ReadGraphML, []string{`eco.graphml:1: the document has a <!DOCTYPE>: ecoscope reads no DTD or entities`}},
		{"graphml external entity", `<?xml version="1.0"?><!DOCTYPE graphml SYSTEM "file:///etc/passwd"><graphml/>`,
			ReadGraphML, []string{`eco.graphml:1: the document has a <!DOCTYPE>`}},
		{"gexf doctype", `<!DOCTYPE gexf [<!ENTITY x SYSTEM "http://example.org/x">]><gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="&x;"/></nodes></graph></gexf>`,
			ReadGEXF, []string{`eco.gexf:1: the document has a <!DOCTYPE>`}},
		{"graphml not utf-8", head + "<node id=\"\xff\"/></graph></graphml>", ReadGraphML, []string{`eco.graphml:7: not well-formed XML: invalid UTF-8; re-save the file as UTF-8`}},
		{"graphml hyperedge", head + `<hyperedge/></graph></graphml>`, ReadGraphML, []string{`eco.graphml:7: a <hyperedge>`}},
		{"graphml undeclared key", head + `<node id="a"><data key="zz">1</data></node></graph></graphml>`, ReadGraphML,
			[]string{`eco.graphml:7: data for key "zz", which is not declared`}},
		{"gexf values", gexfHead + `      <node id="a" label="A"><attvalues><attvalue for="h" value="nohelix"/></attvalues></node>
      <node id="a" label="B"/>
    </nodes>
  </graph>
</gexf>`, ReadGEXF, []string{`eco.gexf:6: helix: 1 value of node attribute "helix" is not a helix type: "nohelix"`, `eco.gexf:7: `}},
		{"gexf undeclared", gexfHead + `<node id="a"><attvalues><attvalue for="zz" value="1"/></attvalues></node></nodes></graph></gexf>`, ReadGEXF,
			[]string{`eco.gexf:6: attvalue for attribute "zz", which is not declared`}},
		{"gexf root", `<graphml/>`, ReadGEXF, []string{`eco.gexf:1: the document is <graphml>, not <gexf>`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			name := "eco.graphml"
			if strings.HasPrefix(tt.name, "gexf") {
				name = "eco.gexf"
			}
			_, ps, err := tt.read(strings.NewReader(tt.doc), name)
			if err == nil && len(ps.Errors()) > 0 {
				t.Error("problems but no error")
			}
			got := lines(ps)
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d:\n%s", strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d:\n%s\nwant it to start with\n%s", i, got[i], w)
				}
			}
			if err == nil && !strings.Contains(tt.name, "values") {
				t.Error("no error")
			}
		})
	}
}

// TestGraphBounds: a document larger than MaxFileSize, or with more
// records than MaxRecords, is refused.
func TestGraphBounds(t *testing.T) {
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "a"}, {ID: "b"}, {ID: "c"}}, Ties: []graph.Tie{{Source: "a", Target: "b"}}}
	e.Validate()
	for _, f := range graphFormats {
		path := exportTo(t, e, f.ext, analysis.TiesAll)
		func() {
			defer func(n int) { maxRecords = n }(maxRecords)
			maxRecords = 3
			_, ps, err := Read(path)
			if err == nil || !strings.Contains(ps.Err().Error(), "more than the 3 records") {
				t.Errorf("%s: %d records allowed: %v", f.ext, maxRecords, err)
			}
		}()
		func() {
			defer func(n int64) { maxFileSize = n }(maxFileSize)
			maxFileSize = 100
			_, ps, err := Read(path)
			if err == nil || !strings.Contains(ps.Err().Error(), "more than the 100 bytes") {
				t.Errorf("%s: 100 bytes allowed: %v", f.ext, err)
			}
			b, _ := os.ReadFile(path)
			_, ps, err = f.read(bytes.NewReader(b), "eco"+f.ext)
			if err == nil || !strings.Contains(ps.Err().Error(), "more than the 100 bytes") {
				t.Errorf("%s: reader: 100 bytes allowed: %v", f.ext, err)
			}
		}()
	}
}

// fuzzGraph reads doc with read: the problems are bounded and printable,
// an error goes with errors, and reading is deterministic.
func fuzzGraph(t *testing.T, doc string, read func(io.Reader, string) (*graph.Ecosystem, graph.Problems, error), name string) {
	e, ps, err := read(strings.NewReader(doc), name)
	checkPrintable(t, ps)
	if (err == nil) != (len(ps.Errors()) == 0) {
		t.Errorf("error %v with problems %v", err, ps)
	}
	e2, ps2, _ := read(strings.NewReader(doc), name)
	if !reflect.DeepEqual(e, e2) || !reflect.DeepEqual(lines(ps), lines(ps2)) {
		t.Error("two reads differ")
	}
}

// addGraphSeeds adds the export of a small ecosystem whose strings need
// escaping, in the format of ext, as a seed.
func addGraphSeeds(f *testing.F, write func(io.Writer, *exporters.Data) error) {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{{ID: "a&b", Name: "<x>", Helix: graph.Academia, Period: graph.Period{Since: graph.MustParseDate("2019")}}, {ID: "c", Helix: graph.Industry}},
		Ties:     []graph.Tie{{Source: "a&b", Target: "c", Type: "t", Weight: 2, Directed: true, ID: "1"}},
		Units:    []graph.Unit{{ID: "u", Level: graph.LevelTeam}},
		Memberships: []graph.Membership{
			{Unit: "u", Member: "a&b"}, {Unit: "u", Member: "c"},
		},
	}
	e.Validate()
	var b bytes.Buffer
	if err := write(&b, exporters.New(context.Background(), e, analysis.Options{}, analysis.MetricsOptions{})); err != nil {
		f.Fatal(err)
	}
	f.Add(b.String())
}

// FuzzReadGraphML reads a GraphML document (see fuzzGraph).
func FuzzReadGraphML(f *testing.F) {
	addGraphSeeds(f, exporters.WriteGraphML)
	foreignSeeds(f, ".graphml")
	f.Add(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="edge" attr.name="ties"/><graph><node id="a"/><edge source="a" target="a"><data key="k">units</data></edge></graph></graphml>`)
	f.Fuzz(func(t *testing.T, doc string) { fuzzGraph(t, doc, ReadGraphML, "eco.graphml") })
}

// FuzzReadGEXF reads a GEXF document (see fuzzGraph).
func FuzzReadGEXF(f *testing.F) {
	addGraphSeeds(f, exporters.WriteGEXF)
	foreignSeeds(f, ".gexf")
	f.Add(`<gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="a"><nodes/></node></nodes></graph></gexf>`)
	f.Fuzz(func(t *testing.T, doc string) { fuzzGraph(t, doc, ReadGEXF, "eco.gexf") })
}

// TestComputedAttrs: every node metric is an attribute read back silently.
func TestComputedAttrs(t *testing.T) {
	for _, c := range analysis.NodeColumns {
		if _, ok := partnerAttrs[c]; !ok && !computedAttrs[c] {
			t.Errorf("metric column %s is neither read nor known as computed", c)
		}
	}
}

// TestShellQuote: a hint's command line is quoted only where it must be,
// and not given at all for a value nobody can type as it stands.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"helix=Gemeente:government":  "helix=Gemeente:government",
		"Type=Lokale overheid:HELIX": "'Type=Lokale overheid:HELIX'",
		"it's":                       `'it'\''s'`,
		"\x1d:HELIX":                 "",
		"a\tb":                       "",
		"a\nb":                       "",
		"\xff":                       "",
	} {
		got, ok := shellQuote(in)
		if got != want || ok != (want != "") {
			t.Errorf("shellQuote(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
