package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecoscope/ecoscope/graph"
)

// Mapping maps the type values of a source without ecoscope's helix types
// (Kumu element types, CORDIS activity types, a GraphML attribute) to
// helix types, under `mapping:` in ecoscope.yaml, either flat:
//
//	mapping:
//	  Gemeente: government
//	  Bedrijf: industry
//
// or under the attribute the values are read from (one attribute):
//
//	mapping:
//	  Type:
//	    Gemeente: government
//
// Values are compared without regard to case; helix types are written as
// the vocabulary accepts them (synonyms, Dutch). --map adds to it and
// wins where both name a value.
type Mapping struct {
	// Attr is the attribute, "" when the mapping is flat.
	Attr string
	// Values maps a source value, as written in the file, to a helix type.
	Values map[string]graph.Helix
}

// readMapping reads the mapping: section of the configuration file text
// itself, since viper lower-cases keys and splits them at dots ("St.
// Jansschool" is one type).
func readMapping(text []byte) (Mapping, error) {
	var doc struct {
		Mapping yaml.Node `yaml:"mapping"`
	}
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return Mapping{}, fmt.Errorf(" %w", err)
	}
	n := &doc.Mapping
	if n.Kind == 0 || n.Tag == "!!null" {
		return Mapping{}, nil
	}
	if n.Kind != yaml.MappingNode {
		return Mapping{}, fmt.Errorf("%d: mapping: want pairs such as Gemeente: government, or Type: {Gemeente: government}", n.Line)
	}
	m := Mapping{Values: map[string]graph.Helix{}}
	add := func(k, v *yaml.Node) error {
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			return fmt.Errorf("%d: mapping: %s: want a helix type (academia, industry, government, civil_society, environment or unknown)", v.Line, graph.Quote(k.Value))
		}
		h, err := graph.ParseHelix(v.Value)
		if err != nil {
			return fmt.Errorf("%d: mapping: %s: %w", v.Line, graph.Quote(k.Value), err)
		}
		if strings.TrimSpace(k.Value) == "" {
			return fmt.Errorf("%d: mapping: a helix type without the value it maps", k.Line)
		}
		for old := range m.Values {
			if strings.EqualFold(old, k.Value) {
				return fmt.Errorf("%d: mapping: %s is given twice (as %s too)", k.Line, graph.Quote(k.Value), graph.Quote(old))
			}
		}
		m.Values[strings.TrimSpace(k.Value)] = h
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.MappingNode {
			if err := add(k, v); err != nil {
				return Mapping{}, err
			}
			continue
		}
		if m.Attr != "" {
			return Mapping{}, fmt.Errorf("%d: mapping: a second attribute %s (after %s); map the values of one attribute", k.Line, graph.Quote(k.Value), graph.Quote(m.Attr))
		}
		m.Attr = strings.TrimSpace(k.Value)
		for j := 0; j+1 < len(v.Content); j += 2 {
			if err := add(v.Content[j], v.Content[j+1]); err != nil {
				return Mapping{}, err
			}
		}
	}
	return m, nil
}
