package importers

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// ErrFormat is wrapped by the error of Read for a path that is neither a
// folder nor a .json, .graphml or .gexf file.
var ErrFormat = errors.New("not a data set ecoscope reads: a folder of CSV files, an .xlsx workbook, a .json (ecoscope or Kumu), .graphml, .gexf, a CORDIS .csv, or one of them in a .gz or .zip")

// Read reads one data set at path: a folder of CSV files (see ReadCSVDir), a
// .json file (see ReadJSON), or a .graphml or .gexf file that ecoscope
// exported (see ReadGraphML and ReadGEXF); the extension chooses.
//
// It returns the ecosystem, every problem found and a non-nil error when any
// problem is an error. The problems are errors and warnings, each with the
// file, line and column it concerns: first those found while parsing, in
// the order partners, people, units, memberships, ties, values and by line,
// then those of (*graph.Ecosystem).Validate, which Read calls to check the
// references between records and fill the defaults. The error is then the
// *graph.ValidationError of the problems (see graph.Problems.Err).
//
// A cell that cannot be parsed is reported and left empty; its record is
// kept, so that the records naming it are not reported too, and Validate's
// complaint about that empty field is left out. When a whole
// file cannot be read (it is missing, not UTF-8, lacks a required column,
// or is not valid JSON), Validate is not called, since it would report
// every reference into that file as well; the ecosystem returned then holds
// what could be read, unvalidated.
//
// When path itself cannot be read (it is missing, or a JSON path is not a
// regular file: see ErrNotRegular), Read returns a nil ecosystem, no
// problems and the error.
func Read(path string) (*graph.Ecosystem, graph.Problems, error) {
	return ReadWith(path, nil)
}

// ReadWith is Read for a data set that may name the records of known, such
// as those of the store it is imported into: it is validated with
// (*graph.Ecosystem).ValidateWith. A nil known is Read.
func ReadWith(path string, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	return ReadOptions(path, Options{Known: known})
}

// ReadOptions reads the data set at path with the importer opts.Format
// names, or the one its name or content says (see Formats).
func ReadOptions(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	f, err := pick(path, opts)
	if err != nil {
		return nil, nil, err
	}
	if p := opts.Progress; p != nil && !countsProgress[f.name] {
		p.Start("reading "+filepath.Base(path), -1) // a spinner
		defer p.Done()
	}
	return f.read(path, opts)
}

func init() {
	register(format{name: "csv", about: "a folder of CSV tables (partners.csv, ties.csv, ...)", priority: 90,
		match: func(_ string, dir bool, _ []byte) bool { return dir },
		read: func(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			return readCSVDir(path, opts.Known)
		}})
	register(format{name: "json", about: "ecoscope's JSON document", priority: 50,
		match: func(path string, dir bool, _ []byte) bool {
			return !dir && strings.EqualFold(filepath.Ext(path), ".json")
		},
		read: func(path string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			return readFileAs(path, ".json", opts)
		}})
}

// readFileAs reads the file at path as the format of extension ext.
func readFileAs(path, ext string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	read := textReader(ext)
	if read == nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", path, ErrFormat)
	}
	text, err := readFile(path)
	switch {
	case errors.Is(err, ErrTooLarge):
		d := newDecoder(path)
		d.fatalf(0, "", "cannot read the file: %v", err)
		return finish(&graph.Ecosystem{}, path, &d.problems, true, opts.Known)
	case err != nil:
		return nil, nil, fmt.Errorf("read data set %s: %w", path, err)
	}
	return read(text, path, opts)
}

// textReader returns the reader of a file of extension ext held in memory
// (ecoscope's JSON, GraphML, GEXF), nil for another extension. The
// options reach it whether the file was read as it is or decompressed.
func textReader(ext string) func(text, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	switch {
	case strings.EqualFold(ext, ".json"):
		return func(text, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			return readJSONText(text, name, opts.Known)
		}
	case strings.EqualFold(ext, ".graphml"):
		return func(text, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			return readGraphText(text, name, opts, (*graphReader).readGraphML)
		}
	case strings.EqualFold(ext, ".gexf"):
		return func(text, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			return readGraphText(text, name, opts, (*graphReader).readGEXF)
		}
	}
	return nil
}

// ReadAll reads and validates one or more data sets (see ReadWith, with
// known); several are combined into one, so that ids must be unique across
// them, and the combination is validated as a whole. It returns the
// problems of every data set, and an error as Read does. The data sets
// may name the records of known (those of the store they are imported
// into), or, when it is nil, only their own.
func ReadAll(paths []string, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	return ReadAllOptions(paths, Options{Known: known})
}

// ReadAllOptions is ReadAll with every option of ReadOptions.
func ReadAllOptions(paths []string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	known := opts.Known
	if len(paths) == 1 {
		return ReadOptions(paths[0], opts)
	}
	all := &graph.Ecosystem{}
	var problems graph.Problems
	var failed bool
	for _, p := range paths {
		e, ps, err := ReadOptions(p, opts)
		problems = append(problems, ps...)
		if err != nil {
			if _, ok := err.(*graph.ValidationError); !ok {
				return nil, problems, err
			}
			failed = true
			continue
		}
		if all.Name == "" {
			all.Name = e.Name
		}
		all.Partners = append(all.Partners, e.Partners...)
		all.People = append(all.People, e.People...)
		all.Units = append(all.Units, e.Units...)
		all.Memberships = append(all.Memberships, e.Memberships...)
		all.Ties = append(all.Ties, e.Ties...)
		all.Values = append(all.Values, e.Values...)
	}
	if failed {
		return nil, problems, problems.Err()
	}
	// Validate the combination: ids must not repeat across data sets.
	combined := all.ValidateWith(graph.ValidateOptions{Known: known}).Errors()
	if len(combined) > 0 {
		problems = append(problems, combined...)
		return nil, problems, combined.Err()
	}
	return all, problems, nil
}

// finish validates e (with known, see ReadWith) unless a file could not be read as a whole or reading
// found more errors than are shown, and returns the result of Read; ps holds
// the problems found while reading. Problems of Validate about a field that
// was already reported while reading are left out; those about the data set
// as a whole are placed in name.
func finish(e *graph.Ecosystem, name string, ps *graph.Collector, fatal bool, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	// When reading left errors out, the fields they concern are not known,
	// and the problems of Validate would not be shown either.
	if !fatal && !ps.Cut() {
		type key struct {
			pos   graph.Pos
			field string
		}
		reported := map[key]bool{}
		for _, p := range ps.Problems() {
			if !p.Warning && !p.Notice && p.Field != "" {
				reported[key{p.Pos, p.Field}] = true
				for _, f := range coupled[p.Field] {
					reported[key{p.Pos, f}] = true
				}
			}
		}
		opts := graph.ValidateOptions{
			RecordsOnly: ps.Errors() > 0, // invalid already: no notes on repeats
			Reported:    func(pos graph.Pos, field string) bool { return reported[key{pos, field}] },
			Known:       known,
		}
		for _, p := range e.ValidateWith(opts) {
			if p.Pos.File == "" && p.More == 0 {
				p.Pos.File = name
			}
			ps.Add(p)
		}
	}
	all := ps.Problems()
	return e, all, all.Err()
}

// coupled lists, for a field, the fields that Validate checks together with
// it. A value that could not be parsed is left empty; Validate would then
// report it (or the pair it belongs to) again, as missing or inconsistent.
var coupled = map[string][]string{
	"level": {"form"},  // of a unit
	"form":  {"level"}, // of a unit
	"cycle": {"capital"},
}
