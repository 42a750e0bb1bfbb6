package importers

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// Options tune how a data set is read. The zero value reads any format
// ecoscope knows, picked by the file's name or content.
type Options struct {
	// Known are the records a data set may name without holding them
	// (those of the store it is imported into), nil for none.
	Known *graph.Known
	// Format names the importer (one of Formats); "" picks it by the
	// file's extension or content.
	Format string
	// Map maps the type values of a source without ecoscope's helix types
	// (Kumu element types, CORDIS activity types, a GraphML attribute) to
	// helix types; it comes before the vocabulary's synonyms.
	Map Mapping
	// HelixAttr is the node attribute of a GraphML or GEXF file that holds
	// the helix type; "": the first of helix, type, category.
	HelixAttr string
	// CORDIS selects what a CORDIS data set contributes.
	CORDIS CORDISOptions
	// Progress, when not nil, is told how far a long read is.
	Progress Progress
}

// Mapping maps source type values to helix types: Values by the value,
// compared without regard to case; Attr, when not "", names the column or
// attribute the values are read from (Kumu's "Type").
type Mapping struct {
	Attr   string
	Values map[string]graph.Helix
}

// Helix returns the helix type value maps to, if any.
func (m Mapping) Helix(value string) (graph.Helix, bool) {
	for k, h := range m.Values {
		if strings.EqualFold(k, value) {
			return h, true
		}
	}
	return "", false
}

// CORDISOptions keep only part of a CORDIS data set; empty fields keep
// everything.
type CORDISOptions struct {
	// Programmes are programme or call codes (H2020-EU.3.4, SwafS, ...).
	Programmes []string
	// Countries are ISO country codes (NL, BE, ...).
	Countries []string
	// From and To bound the projects' start years (0: open).
	From, To int
}

// Progress is told how far a long read or analysis is: Start once, then
// Add as work is done (total may be -1 when unknown), Done at the end.
type Progress interface {
	Start(label string, total int64)
	Add(n int64)
	Done()
}

// A format is one importer: how to recognise its files and how to read
// one. Formats are tried in the order of their priority (lowest first),
// so that a specific layout (CORDIS's CSV, Kumu's JSON) is recognised
// before the general one (a CSV folder, ecoscope's JSON).
type format struct {
	name     string
	about    string // for help and errors: what the format is
	priority int
	// match reports whether path is in this format, from its name, whether
	// it is a folder, and (for a file) its first bytes.
	match func(path string, dir bool, head []byte) bool
	read  func(path string, opts Options) (*graph.Ecosystem, graph.Problems, error)
}

var formats []format

// register adds an importer; each format's file calls it from init.
func register(f format) {
	formats = append(formats, f)
	slices.SortStableFunc(formats, func(a, b format) int { return a.priority - b.priority })
}

// Formats returns the names of the importers, for --format.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// headSize is how much of a file the formats look at to recognise it.
const headSize = 4096

// pick returns the importer for path: the one opts.Format names, or the
// first whose match accepts the file.
func pick(path string, opts Options) (format, error) {
	if opts.Format != "" {
		for _, f := range formats {
			if f.name == opts.Format {
				return f, nil
			}
		}
		return format{}, fmt.Errorf("unknown format %q: the formats are %s", opts.Format, strings.Join(Formats(), ", "))
	}
	fi, err := os.Stat(path)
	if err != nil {
		return format{}, fmt.Errorf("read data set: %w", err)
	}
	var head []byte
	if fi.Mode().IsRegular() { // not a FIFO or device: opening one may block

		if fh, err := os.Open(path); err == nil {
			head, _ = io.ReadAll(io.LimitReader(fh, headSize))
			fh.Close()
		}
	}
	for _, f := range formats {
		if f.match(path, fi.IsDir(), head) {
			return f, nil
		}
	}
	return format{}, fmt.Errorf("read data set %s: %w", path, ErrFormat)
}

// ParseMapping reads a mapping of source types to helix types as --map
// gives it: "Type=Gemeente:government,Bedrijf:industry" (the attribute,
// then value:helix pairs) or without "Attr=". Helix types may be given as
// the vocabulary accepts them (synonyms, Dutch).
func ParseMapping(s string) (Mapping, error) {
	m := Mapping{Values: map[string]graph.Helix{}}
	if attr, rest, ok := strings.Cut(s, "="); ok && !strings.Contains(attr, ":") && !strings.Contains(attr, ",") {
		m.Attr, s = strings.TrimSpace(attr), rest
	}
	for _, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		i := strings.LastIndex(pair, ":")
		if i < 0 {
			return Mapping{}, fmt.Errorf("%s: want VALUE:HELIX (e.g. Gemeente:government)", graph.Quote(pair))
		}
		value, helix := strings.TrimSpace(pair[:i]), strings.TrimSpace(pair[i+1:])
		h, err := graph.ParseHelix(helix)
		if err != nil {
			return Mapping{}, fmt.Errorf("%s: %w", graph.Quote(pair), err)
		}
		if value == "" {
			return Mapping{}, fmt.Errorf("%s: no value before the colon", graph.Quote(pair))
		}
		m.Values[value] = h
	}
	if len(m.Values) == 0 {
		return Mapping{}, fmt.Errorf("no VALUE:HELIX pairs")
	}
	return m, nil
}
