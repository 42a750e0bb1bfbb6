package generate_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

func ExampleEcosystem() {
	e := generate.Ecosystem(generate.Options{Partners: 200, Seed: 1})
	fmt.Println("problems:", len(e.Validate()))
	fmt.Println("partners:", len(e.Partners), "ties:", len(e.Ties))
	fmt.Println("active in 2015:", len(e.At(graph.NewDate(2015, 0, 0)).Partners))
	fmt.Println("active in 2026:", len(e.At(graph.NewDate(2026, 0, 0)).Partners))
	// Output:
	// problems: 0
	// partners: 200 ties: 1000
	// active in 2015: 17
	// active in 2026: 199
}

func ExampleWriteCSV() {
	dir, err := os.MkdirTemp("", "ecoscope")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	e := generate.Ecosystem(generate.Options{Partners: 50, Seed: 1})
	if err := generate.WriteCSV(dir, e); err != nil {
		panic(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	// Output:
	// memberships.csv
	// partners.csv
	// people.csv
	// ties.csv
	// units.csv
	// values.csv
}
