package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/ecoscope/ecoscope/importers"
	"github.com/ecoscope/ecoscope/internal/outfile"
)

// xlsxInitArgs checks the arguments of init --xlsx FILE: none.
func xlsxInitArgs(args []string) error {
	if len(args) > 0 {
		return usagef("init --xlsx FILE takes no DIR, got %d arguments; run init DIR apart for CSV files", len(args))
	}
	return nil
}

// runInitXLSX writes the template workbook opts.xlsx: the tables of the
// CSV templates as sheets, with drop-downs and an about sheet.
func (a *app) runInitXLSX(opts *initOptions) error {
	path := opts.xlsx
	if path == "" {
		return usagef("--xlsx wants a FILE")
	}
	examples := map[string][][]string{}
	for _, name := range []string{"partners", "people", "units", "memberships", "ties", "values"} {
		b, err := templates.ReadFile("templates/" + name + ".csv")
		if err != nil {
			return err
		}
		rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil {
			return fmt.Errorf("template %s.csv: %w", name, err)
		}
		examples[name] = rows
	}
	if err := checkNew([]string{path}, opts.force); err != nil {
		return err
	}
	err := outfile.Replace(path, func(w io.Writer) error { return importers.WriteXLSXTemplate(w, examples) })
	if err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "wrote %s\n", path)
	fmt.Fprintf(a.io.Out, "\nNext: fill in the sheets, then run `ecoscope import --dry-run %s`\n", path)
	return nil
}
