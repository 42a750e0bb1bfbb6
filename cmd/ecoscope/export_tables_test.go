package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestExportCSV: the folder holds what the metrics command writes, and the
// command says what it wrote and the notes of the network.
func TestExportCSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "csv")
	r := ecoscope(t, nil, "export", "--format", "csv", "--from", example, "--out", dir)
	if r.code != exitOK || r.stdout != "" || !strings.Contains(r.err, "wrote "+dir) || !strings.Contains(r.err, "note: ") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.err)
	}
	for file, args := range map[string][]string{
		"nodes.csv": {"metrics", "--level", "nodes", "--format", "csv", "--from", example},
		"units.csv": {"metrics", "--level", "units", "--format", "csv", "--from", example},
	} {
		m := ecoscope(t, nil, args...)
		if b, _ := os.ReadFile(filepath.Join(dir, file)); string(b) != m.stdout || m.stdout == "" {
			t.Errorf("%s differs from `%s`", file, strings.Join(args, " "))
		}
	}
	var got, want map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "network.json"))
	json.Unmarshal(b, &got)
	json.Unmarshal([]byte(ecoscope(t, nil, "metrics", "--level", "network", "--from", example).stdout), &want)
	if want == nil || !reflect.DeepEqual(got, want) {
		t.Errorf("network.json differs from metrics --level network:\n%s", b)
	}
	// Again into the same folder: refreshed. Into a folder with other
	// files: refused, nothing written.
	if r := ecoscope(t, nil, "export", "--format", "csv", "--from", example, "--out", dir); r.code != exitOK {
		t.Errorf("again: exit %d\n%s", r.code, r.err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), nil, 0o644)
	if r := ecoscope(t, nil, "export", "--format", "csv", "--from", example, "--out", other); r.code != exitError || !strings.Contains(r.err, "holds other files (notes.txt)") || strings.Contains(r.err, "note:") {
		t.Errorf("a folder with other files: exit %d\n%s", r.code, r.err)
	}
}

func TestExportKumuPajek(t *testing.T) {
	tmp := t.TempDir()
	xlsx := filepath.Join(tmp, "map.xlsx")
	if r := ecoscope(t, nil, "export", "--format", "kumu", "--from", example, "-o", xlsx); r.code != exitOK || !strings.Contains(r.err, "wrote "+xlsx) {
		t.Fatalf("kumu: exit %d\n%s", r.code, r.err)
	}
	if b, _ := os.ReadFile(xlsx); !strings.HasPrefix(string(b), "PK") {
		t.Error("the workbook is no zip")
	}
	net := filepath.Join(tmp, "map.net")
	if r := ecoscope(t, nil, "export", "--format", "pajek", "--from", example, "-o", net); r.code != exitOK || !strings.Contains(r.err, "wrote "+net+" and "+filepath.Join(tmp, "map.clu")) {
		t.Fatalf("pajek: exit %d\n%s", r.code, r.err)
	}
	for _, f := range []string{"map.net", "map.clu"} {
		if b, _ := os.ReadFile(filepath.Join(tmp, f)); !strings.HasPrefix(string(b), "*Vertices ") {
			t.Errorf("%s: %.40q", f, b)
		}
	}
	// A device is not replaced by a file.
	if r := ecoscope(t, nil, "export", "--format", "kumu", "--from", example, "-o", os.DevNull); r.code != exitError || !strings.Contains(r.err, "not a regular file") {
		t.Errorf("kumu to %s: exit %d\n%s", os.DevNull, r.code, r.err)
	}
}

// TestExportFilesUsage: the formats that write files need --out.
func TestExportFilesUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "csv"}, "--format csv writes a folder (DIR), not standard output: give it with --out"},
		{[]string{"--format", "kumu", "-o", "-"}, "--format kumu writes an .xlsx file, not standard output"},
		{[]string{"--format", "pajek"}, "--format pajek writes a .net file"},
		{[]string{"--format", "pajek", "-o", "x.clu"}, "give the network a .net name"},
		{[]string{"--format", "csv", "-o", "d", "--approx", "2"}, "--approx must be between 0 and 1"},
	} {
		r := ecoscope(t, nil, append([]string{"export", "--from", example}, tt.args...)...)
		if r.code != exitUsage || !strings.Contains(r.err, tt.want) {
			t.Errorf("%v: exit %d, want 2 and %q; stderr:\n%s", tt.args, r.code, tt.want, r.err)
		}
	}
}
