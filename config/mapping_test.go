package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// TestMapping reads mapping: flat and under an attribute, keeping the
// case and dots of the values; bad mappings are errors with their line.
func TestMapping(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want Mapping
		err  string
	}{
		{"store: x.db\n", Mapping{}, ""},
		{"mapping:\n  Gemeente: government\n  St. Jansschool: school\n", Mapping{Values: map[string]graph.Helix{"Gemeente": graph.Government, "St. Jansschool": graph.Academia}}, ""},
		{"mapping:\n  Type:\n    Bedrijf: Industrie\n    Burgerinitiatief: civil society\n", Mapping{Attr: "Type", Values: map[string]graph.Helix{"Bedrijf": graph.Industry, "Burgerinitiatief": graph.CivilSociety}}, ""},
		{"mapping:\n  Gemeente: goverment\n", Mapping{}, `2: mapping: "Gemeente": unknown helix type "goverment"; did you mean "government"? (valid: academia, industry, government, civil_society, environment, unknown)`},
		{"mapping:\n  Gemeente:\n", Mapping{}, `2: mapping: "Gemeente": want a helix type (academia, industry, government, civil_society, environment or unknown)`},
		{"mapping:\n  A: {X: academia}\n  B: {Y: industry}\n", Mapping{}, `3: mapping: a second attribute "B" (after "A"); map the values of one attribute`},
		{"mapping: [a]\n", Mapping{}, `1: mapping: want pairs such as Gemeente: government, or Type: {Gemeente: government}`},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		if err := os.WriteFile(path, []byte(c.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(Options{File: path, Env: func(string) (string, bool) { return "", false }})
		if c.err != "" {
			if err == nil || err.Error() != "config "+path+":"+c.err {
				t.Errorf("%q: error %v, want %s", c.yaml, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.yaml, err)
			continue
		}
		if c.want.Values == nil && len(cfg.Mapping.Values) == 0 && cfg.Mapping.Attr == "" {
			continue
		}
		if !reflect.DeepEqual(cfg.Mapping, c.want) {
			t.Errorf("%q: %+v, want %+v", c.yaml, cfg.Mapping, c.want)
		}
	}
}
