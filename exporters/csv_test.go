package exporters

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

// exampleData is the Data of the example (graphs_test.go's example), its
// network made as opts says.
func exampleData(t *testing.T, opts analysis.Options) *Data {
	t.Helper()
	return New(context.Background(), readExample(t), opts, analysis.MetricsOptions{Seed: 1})
}

// hostileEcosystem has partners, units and ties named as formulas, two
// partners of the same name and one with quotes and a |.
func hostileEcosystem() *graph.Ecosystem {
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "p1", Name: `=HYPERLINK("http://x","y")`, Helix: graph.Helices[0]},
			{ID: "+1", Name: "+1", Helix: graph.Helices[1]},
			{ID: "p3", Name: "-cmd", Helix: graph.Helices[2]},
			{ID: "p4", Name: "@SUM(A1)", Helix: graph.Helices[3]},
			{ID: "p5", Name: "\tx", Helix: graph.Helices[4]},
			{ID: "p6", Name: `Stichting "Groen" | Oost \ West`},
			{ID: "p7", Name: "Twin"},
			{ID: "p8", Name: "twin"},
			{ID: "-0.5", Name: "-0.5"},
		},
		Units: []graph.Unit{{ID: "=u", Name: "=unit", Level: graph.LevelFieldlab}},
		Ties: []graph.Tie{
			{Source: "p1", Target: "+1", Type: "=type", Weight: 0.5, Directed: true, ID: "@id"},
			{Source: "p3", Target: "p4", Weight: 2},
			{Source: "p6", Target: "p7", Weight: 1},
			{Source: "p7", Target: "p8", Weight: 1},
			{Source: "-0.5", Target: "p1", Weight: 1},
		},
	}
	for _, id := range []string{"p1", "p5", "p6"} {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "=u", Member: id})
	}
	return e
}

// TestTieRowsMakeTheNetwork: the rows of ties.csv, summed per pair, are
// the edges of the network with their weights, whatever ties make it: a
// tie left out or counted twice, or a unit joined that the network
// skipped, fails it.
func TestTieRowsMakeTheNetwork(t *testing.T) {
	for _, opts := range []analysis.Options{
		{}, {Ties: analysis.TiesExplicit}, {Ties: analysis.TiesUnits}, {MaxUnitSize: 5}, {MaxUnitSize: -1},
	} {
		d := exampleData(t, opts)
		rows := TieRows(d, opts)
		sum := map[[2]int]float64{}
		for _, r := range rows {
			u, v := min(r.Source, r.Target), max(r.Source, r.Target)
			sum[[2]int{u, v}] += r.Weight
			if (r.TieSource == TieCoMembership) != (len(r.Units) > 0) {
				t.Errorf("%+v: row %+v", opts, r)
			}
		}
		net := d.Network
		if len(sum) != net.M() {
			t.Errorf("%+v: %d pairs in ties.csv, %d edges in the network", opts, len(sum), net.M())
		}
		for u := range net.N() {
			for k, v := range net.Neighbors(u) {
				if int(v) > u && math.Abs(sum[[2]int{u, int(v)}]-net.Weights(u)[k]) > 1e-9 {
					t.Errorf("%+v: %s–%s weighs %v in the network, %v in ties.csv", opts, net.ID(u), net.ID(int(v)), net.Weights(u)[k], sum[[2]int{u, int(v)}])
				}
			}
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestWriteCSVFolder(t *testing.T) {
	d := exampleData(t, analysis.Options{})
	dir := filepath.Join(t.TempDir(), "out")
	meta := report.MetricsMeta{Source: example, At: "all", TieSource: "all", Seed: 1, Notes: d.Network.Notes()}
	if err := WriteCSVFolder(context.Background(), dir, d, CSVOptions{Meta: meta}); err != nil {
		t.Fatal(err)
	}
	// nodes.csv and units.csv are what metrics writes, byte for byte.
	nodes, _, _ := d.Nodes()
	var want bytes.Buffer
	report.WriteNodesCSV(&want, nodes)
	if b, _ := os.ReadFile(filepath.Join(dir, "nodes.csv")); !bytes.Equal(b, want.Bytes()) {
		t.Error("nodes.csv is not what metrics --level nodes --format csv writes")
	}
	want.Reset()
	report.WriteUnitsCSV(&want, d.Units())
	if b, _ := os.ReadFile(filepath.Join(dir, "units.csv")); !bytes.Equal(b, want.Bytes()) {
		t.Error("units.csv is not what metrics --level units --format csv writes")
	}
	if rows := readCSV(t, filepath.Join(dir, "nodes.csv")); len(rows) != len(d.Ecosystem.Partners)+1 {
		t.Errorf("nodes.csv: %d rows for %d partners", len(rows)-1, len(d.Ecosystem.Partners))
	}
	ties := readCSV(t, filepath.Join(dir, "ties.csv"))
	if strings.Join(ties[0], ",") != strings.Join(TieColumns, ",") {
		t.Errorf("ties.csv header %v", ties[0])
	}
	var explicit, co int
	for _, r := range ties[1:] {
		if _, err := strconv.ParseFloat(r[2], 64); err != nil {
			t.Errorf("ties.csv weight %q", r[2])
		}
		switch r[3] {
		case TieExplicit:
			explicit++
		case TieCoMembership:
			co++
			if r[9] == "" {
				t.Errorf("co-membership row without its units: %v", r)
			}
		default:
			t.Errorf("tie_source %q", r[3])
		}
	}
	if explicit == 0 || co == 0 || len(ties)-1 != len(TieRows(d, analysis.Options{})) {
		t.Errorf("ties.csv: %d explicit and %d co-membership rows", explicit, co)
	}
	var net map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "network.json"))
	if err := json.Unmarshal(b, &net); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "tie_source", "notes", "partners", "density", "modularity"} {
		if _, ok := net[k]; !ok {
			t.Errorf("network.json lacks %q", k)
		}
	}

	// The folder of an earlier export is refreshed; a link in it is
	// replaced, not written through.
	target := filepath.Join(t.TempDir(), "elsewhere")
	os.WriteFile(target, []byte("keep"), 0o644)
	os.Remove(filepath.Join(dir, "ties.csv"))
	if err := os.Symlink(target, filepath.Join(dir, "ties.csv")); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSVFolder(context.Background(), dir, d, CSVOptions{Meta: meta}); err != nil {
		t.Fatalf("again: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Error("the export wrote through a link")
	}
	if fi, _ := os.Lstat(filepath.Join(dir, "ties.csv")); !fi.Mode().IsRegular() {
		t.Error("the link was not replaced by ties.csv")
	}

	// A temporary file left by a killed export is no other file.
	os.WriteFile(filepath.Join(dir, ".ties.csv.ecoscope-abc.tmp"), nil, 0o644)
	if err := CheckFolder(dir, CSVFiles); err != nil {
		t.Errorf("with a leftover temporary file: %v", err)
	}

	// A folder with anything else, a link to a folder, a file, a folder
	// whose parent is missing: errors, and nothing written.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "thesis.docx"), []byte("x"), 0o644)
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(t.TempDir(), link)
	for path, msg := range map[string]string{
		other:                          "holds other files (thesis.docx)",
		link:                           "is a symbolic link",
		target:                         "is not a folder",
		filepath.Join(other, "a", "b"): "does not exist",
	} {
		err := WriteCSVFolder(context.Background(), path, d, CSVOptions{Meta: meta})
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: error %v, want %q", path, err, msg)
		}
	}
	if es, _ := os.ReadDir(other); len(es) != 1 {
		t.Errorf("the refused folder now holds %d files", len(es))
	}
}

// TestTiesCSVSafe: the ties of hostile partners come out spreadsheet-safe,
// numbers as numbers.
func TestTiesCSVSafe(t *testing.T) {
	e := hostileEcosystem()
	d := New(context.Background(), e, analysis.Options{}, analysis.MetricsOptions{Seed: 1})
	var b bytes.Buffer
	if err := WriteTiesCSV(&b, d, analysis.Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := rows[1]
	if r[0] != "p1" || r[1] != "'+1" || r[2] != "0.5" || r[4] != "'=type" || r[7] != "true" || r[8] != "'@id" {
		t.Errorf("first tie %q", r)
	}
	if r := rows[5]; r[0] != "-0.5" {
		t.Errorf("a partner id that is a number stays one: %q", r)
	}
	last := rows[len(rows)-1]
	if last[3] != TieCoMembership || last[9] != "'=u" {
		t.Errorf("co-membership row %q", last)
	}
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) || strings.HasPrefix(c, "-") && c != "-0.5" {
				t.Errorf("cell %q would be a formula", c)
			}
		}
	}
}

func TestLabelsUnique(t *testing.T) {
	e := hostileEcosystem()
	e.Partners = append(e.Partners, graph.Partner{ID: "p10", Name: "Twin (p7)"}, graph.Partner{ID: "p11"}, graph.Partner{ID: "p12", Name: "line\nbreak"})
	d := New(context.Background(), e, analysis.Options{}, analysis.MetricsOptions{})
	l := Labels(d)
	want := []string{`=HYPERLINK("http://x","y")`, "+1", "-cmd", "@SUM(A1)", "x", `Stichting "Groen" / Oost \ West`,
		"Twin (p7)", "twin (p8)", "-0.5", "Twin (p7) (2)", "p11", "line break"}
	if !slices.Equal(l, want) {
		t.Errorf("labels\n%q\nwant\n%q", l, want)
	}
}
