package main

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

// readFlags are the flags that say how a data set is read: by import, and
// by every command that takes --from. formatFlag is "format" for import
// and "from-format" where --format is the output's format.
type readFlags struct {
	formatFlag string
	format     string
	mapping    string
	helixAttr  string
	programmes []string
	countries  []string
	years      string
}

func (r *readFlags) register(cmd *cobra.Command, formatFlag string) {
	r.formatFlag = formatFlag
	f := cmd.Flags()
	f.StringVar(&r.format, formatFlag, "", "read the data set as this format ("+strings.Join(importers.Formats(), ", ")+"); default: by its name and content")
	f.StringVar(&r.mapping, "map", "", `map source types to helix types, e.g. "Type=Gemeente:government,Bedrijf:industry" (Kumu, CORDIS, GraphML, GEXF); also mapping: in ecoscope.yaml`)
	f.StringVar(&r.helixAttr, "helix-attr", "", "GraphML/GEXF: the node attribute that holds the helix type (default: the first of helix, type, category)")
	f.StringSliceVar(&r.programmes, "programme", nil, "CORDIS: keep the projects of these programmes or calls (comma-separated)")
	f.StringSliceVar(&r.countries, "country", nil, "CORDIS: keep the participations of organisations in these countries (ISO codes, comma-separated)")
	f.StringVar(&r.years, "years", "", "CORDIS: keep the projects that start in these years, YYYY or YYYY-YYYY")
}

// options turns the flags into importers.Options; cfg is the mapping:
// of ecoscope.yaml, which --map adds to and overrides.
func (r *readFlags) options(cfg config.Mapping) (importers.Options, error) {
	var o importers.Options
	o.Format = r.format
	if o.Format != "" && !slices.Contains(importers.Formats(), o.Format) {
		return o, usagef("--%s: %q is not one of %s", r.formatFlag, o.Format, strings.Join(importers.Formats(), ", "))
	}
	o.Map = importers.Mapping{Attr: cfg.Attr, Values: maps.Clone(cfg.Values)}
	if r.mapping != "" {
		m, err := importers.ParseMapping(r.mapping)
		if err != nil {
			return o, usagef("--map: %v", err)
		}
		o.Map = mergeMapping(o.Map, m)
	}
	o.HelixAttr = r.helixAttr
	o.CORDIS.Programmes, o.CORDIS.Countries = r.programmes, r.countries
	if r.years != "" {
		from, to, ok := strings.Cut(r.years, "-")
		if !ok {
			to = from
		}
		var err1, err2 error
		o.CORDIS.From, err1 = strconv.Atoi(strings.TrimSpace(from))
		o.CORDIS.To, err2 = strconv.Atoi(strings.TrimSpace(to))
		if err1 != nil || err2 != nil || o.CORDIS.From > o.CORDIS.To {
			return o, usagef("--years: %q is not YYYY or YYYY-YYYY", r.years)
		}
	}
	return o, nil
}

// mergeMapping returns base with the values of over, which win (compared
// without regard to case), and over's attribute when it names one.
func mergeMapping(base, over importers.Mapping) importers.Mapping {
	if base.Values == nil {
		base.Values = map[string]graph.Helix{}
	}
	for v, h := range over.Values {
		maps.DeleteFunc(base.Values, func(k string, _ graph.Helix) bool { return strings.EqualFold(k, v) })
		base.Values[v] = h
	}
	if over.Attr != "" {
		base.Attr = over.Attr
	}
	return base
}
