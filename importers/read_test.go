package importers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		path string
		want graph.Counts
	}{
		{"folder of CSV files", "testdata/example", graph.Counts{Partners: 6, People: 2, Units: 2, Memberships: 4, Ties: 5, Values: 2}},
		{"JSON document", "testdata/example.json", graph.Counts{Partners: 3, People: 1, Units: 1, Memberships: 2, Ties: 2, Values: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ps, err := Read(tt.path)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			checkProblems(t, ps, nil)
			if got := e.Counts(); got != tt.want {
				t.Errorf("got counts %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "data.xml")
	if err := os.WriteFile(other, []byte("<x/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want error
	}{
		{"missing path", filepath.Join(dir, "nothing"), fs.ErrNotExist},
		{"missing JSON file", filepath.Join(dir, "nothing.json"), fs.ErrNotExist},
		{"unknown format", other, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ps, err := Read(tt.path)
			if !errors.Is(err, tt.want) {
				t.Errorf("got error %v, want %v", err, tt.want)
			}
			if e != nil || ps != nil {
				t.Errorf("got %v and %v, want nil", e, ps)
			}
		})
	}
}

func ExampleRead() {
	e, problems, err := Read("testdata/example")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range problems {
		fmt.Println(p) // warnings
	}
	fmt.Printf("%s: %+v\n", e.Name, e.Counts())
	for _, p := range e.Partners {
		fmt.Printf("%-9s %-14s %-10s since %s\n", p.ID, p.Helix, p.Sector, p.Since)
	}
	fmt.Println("in 2019:", e.At(graph.MustParseDate("2019")).Counts().Partners, "partners")
	// Output:
	// example: {Partners:6 People:2 Units:2 Memberships:4 Ties:5 Values:2}
	// ut        academia       public     since 2018
	// saxion    academia       public     since 2018
	// acme      industry       private    since 2019-03
	// enschede  government     public     since 2018
	// buurt     civil_society  nonprofit  since 2020
	// natuur    environment    nonprofit  since 2021
	// in 2019: 4 partners
}
