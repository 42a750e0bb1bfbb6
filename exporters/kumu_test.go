package exporters

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/report"
)

func writeKumu(t *testing.T, d *Data) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := WriteKumu(&b, d, analysis.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteKumu(t *testing.T) {
	d := exampleData(t, analysis.Options{})
	f := writeKumu(t, d)
	if got := f.GetSheetList(); !slices.Equal(got, []string{KumuElements, KumuConnections}) {
		t.Fatalf("sheets %v", got)
	}
	el, err := f.GetRows(KumuElements, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	head := append(slices.Clone(KumuElementColumns), analysis.NodeColumns[4:]...)
	if !slices.Equal(el[0], head) || el[0][0] != "Label" {
		t.Errorf("Elements header %v", el[0])
	}
	if len(el)-1 != len(d.Ecosystem.Partners) {
		t.Errorf("%d elements for %d partners", len(el)-1, len(d.Ecosystem.Partners))
	}
	// The metrics are those of nodes.csv, as numbers to Excel's 15
	// significant digits.
	nodes, _, _ := d.Nodes()
	var b bytes.Buffer
	report.WriteNodesCSV(&b, nodes)
	csvRows := strings.Split(strings.TrimSpace(b.String()), "\n")
	first := strings.Split(csvRows[1], ",")
	k := len(KumuElementColumns)
	for j, s := range first[4:] {
		if j+k < len(el[1]) && el[1][j+k] != s {
			a, err1 := strconv.ParseFloat(el[1][j+k], 64)
			b, err2 := strconv.ParseFloat(s, 64)
			if err1 != nil || err2 != nil || math.Abs(a-b) > 1e-14*math.Abs(b) {
				t.Errorf("element 1, %s: %q in the workbook, %q in nodes.csv", head[j+k], el[1][j+k], s)
			}
		}
	}
	if typ, _ := f.GetCellType(KumuElements, cell(k+1, 2)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("degree is not a number cell: %v", typ)
	}
	labels := map[string]bool{}
	for _, r := range el[1:] {
		if labels[strings.ToLower(r[0])] {
			t.Errorf("label %q twice", r[0])
		}
		labels[strings.ToLower(r[0])] = true
	}
	co, _ := f.GetRows(KumuConnections)
	if !slices.Equal(co[0], KumuConnectionColumns) || len(co)-1 != len(TieRows(d, analysis.Options{})) {
		t.Errorf("Connections: header %v, %d rows", co[0], len(co)-1)
	}
	for _, r := range co[1:] {
		if !labels[strings.ToLower(r[0])] || !labels[strings.ToLower(r[1])] {
			t.Errorf("connection %v names no element", r[:2])
			break
		}
		if r[4] != "directed" && r[4] != "undirected" {
			t.Errorf("direction %q", r[4])
		}
	}
}

// TestKumuFormulas: text that looks like a formula is a text cell holding
// exactly that text, never a formula.
func TestKumuFormulas(t *testing.T) {
	d := New(context.Background(), hostileEcosystem(), analysis.Options{}, analysis.MetricsOptions{Seed: 1})
	f := writeKumu(t, d)
	for row, want := range []string{`=HYPERLINK("http://x","y")`, "+1", "-cmd", "@SUM(A1)", "x"} {
		c := cell(1, row+2)
		v, _ := f.GetCellValue(KumuElements, c)
		formula, _ := f.GetCellFormula(KumuElements, c)
		typ, _ := f.GetCellType(KumuElements, c)
		if v != want || formula != "" || typ != excelize.CellTypeInlineString {
			t.Errorf("%s: value %q formula %q type %v, want the text %q", c, v, formula, typ, want)
		}
	}
	if v, _ := f.GetCellValue(KumuConnections, "C2"); v != "=type" {
		t.Errorf("connection type %q", v)
	}
	if v, _ := f.GetCellValue(KumuElements, "D2"); v != "=unit" {
		t.Errorf("tags %q", v)
	}
}

// TestKumuOpenpyxl opens the workbook with openpyxl, as a spreadsheet
// program would, where it is installed.
func TestKumuOpenpyxl(t *testing.T) {
	py := python(t, "openpyxl")
	d := exampleData(t, analysis.Options{})
	path := filepath.Join(t.TempDir(), "k.xlsx")
	var b bytes.Buffer
	if err := WriteKumu(&b, d, analysis.Options{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, b.Bytes(), 0o644)
	out, err := exec.Command(py, "-c", `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
el, co = wb["Elements"], wb["Connections"]
print(wb.sheetnames, el.max_row, co.max_row, el["A1"].value, co["A1"].value, co["B1"].value, el["A2"].value)`, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := "['Elements', 'Connections'] " + strconv.Itoa(len(d.Ecosystem.Partners)+1) + " " + strconv.Itoa(len(TieRows(d, analysis.Options{}))+1) +
		" Label From To " + Labels(d)[0]
	if strings.TrimSpace(string(out)) != want {
		t.Errorf("openpyxl read\n%s\nwant\n%s", out, want)
	}
}

// TestKumuTooManyRows: more connections than a sheet holds is a clear
// error, before anything is written (excelize said `cannot convert cell
// "" to coordinates` on CORDIS, 1.09 M ties).
func TestKumuTooManyRows(t *testing.T) {
	defer func(n int) { kumuRows = n }(kumuRows)
	d := exampleData(t, analysis.Options{Ties: analysis.TiesAll})
	kumuRows = len(TieRows(d, analysis.Options{Ties: analysis.TiesAll})) - 1
	var b bytes.Buffer
	err := WriteKumu(&b, d, analysis.Options{Ties: analysis.TiesAll})
	if !errors.Is(err, ErrTooManyRows) || !strings.Contains(err.Error(), "--format csv") {
		t.Errorf("err = %v, want ErrTooManyRows saying what to do", err)
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written", b.Len())
	}
	kumuRows++
	if err := WriteKumu(&b, d, analysis.Options{Ties: analysis.TiesAll}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}
