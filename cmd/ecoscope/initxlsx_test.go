package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/graph"
)

// init --xlsx writes a template that imports cleanly as it is, with a
// drop-down for every vocabulary column and an about sheet; it does not
// overwrite without --force.
func TestInitXLSX(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "boek.xlsx")
	if r := ecoscope(t, nil, "init", "--xlsx", path); r.code != exitOK {
		t.Fatalf("init --xlsx: exit %d: %s", r.code, r.err)
	}
	r := ecoscope(t, nil, "import", "--dry-run", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "is valid: 2 partners") || r.err != "" {
		t.Fatalf("import --dry-run of the template: exit %d\n%s\n%s", r.code, r.stdout, r.err)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"partners", "people", "units", "memberships", "ties", "values", "about"}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	lists := map[string][]string{} // sheet.header → the values of its drop-down
	for _, sheet := range f.GetSheetList() {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		header, _ := f.GetRows(sheet)
		for _, dv := range dvs {
			col, _, err := excelize.CellNameToCoordinates(strings.Split(dv.Sqref, ":")[0])
			if err != nil {
				t.Fatal(err)
			}
			lists[sheet+"."+header[0][col-1]] = strings.Split(strings.Trim(dv.Formula1, `"`), ",")
		}
	}
	helices := []string{}
	for _, h := range graph.Helices {
		helices = append(helices, string(h))
	}
	for _, key := range []string{"partners.helix", "partners.sector", "units.level", "units.form", "memberships.role", "values.cycle", "values.capital", "values.level"} {
		if len(lists[key]) < 3 {
			t.Errorf("%s: drop-down %v", key, lists[key])
		}
	}
	if !slices.Equal(lists["partners.helix"][:len(helices)], helices) {
		t.Errorf("helix drop-down %v, want %v", lists["partners.helix"], helices)
	}
	about, _ := f.GetRows("about")
	if len(about) < 40 || !strings.Contains(strings.Join(about[10], " "), "organisaties") {
		t.Errorf("about sheet: %d rows", len(about))
	}

	r = ecoscope(t, nil, "init", "--xlsx", path)
	if r.code != exitError || !strings.Contains(r.err, "--force") {
		t.Errorf("init --xlsx over a file: exit %d, %q", r.code, r.err)
	}
	os.WriteFile(path, []byte("mine"), 0o644)
	if r := ecoscope(t, nil, "init", "--xlsx", path, "--force"); r.code != exitOK {
		t.Errorf("init --xlsx --force: exit %d: %s", r.code, r.err)
	}
	if r := ecoscope(t, nil, "init", "--xlsx", path, dir); r.code == exitOK {
		t.Errorf("init --xlsx FILE DIR: exit 0")
	}
}
