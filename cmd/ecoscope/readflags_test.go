package main

import (
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
)

// TestReadFlags: the flags of how a data set is read reach
// importers.Options, and bad values are usage errors.
func TestReadFlags(t *testing.T) {
	r := readFlags{formatFlag: "from-format", format: "csv", mapping: "Type=Gemeente:government,Bedrijf:bedrijf",
		helixAttr: "kind", programmes: []string{"H2020-EU.3.4"}, countries: []string{"NL"}, years: "2015-2018"}
	o, err := r.options(config.Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	if o.Format != "csv" || o.Map.Attr != "Type" || o.HelixAttr != "kind" || o.CORDIS.From != 2015 || o.CORDIS.To != 2018 ||
		o.CORDIS.Programmes[0] != "H2020-EU.3.4" || o.CORDIS.Countries[0] != "NL" {
		t.Errorf("options %+v", o)
	}
	if h, ok := o.Map.Helix("gemeente"); !ok || h != graph.Government {
		t.Errorf("gemeente → %q %v", h, ok)
	}
	if h, _ := o.Map.Helix("Bedrijf"); h != graph.Industry {
		t.Errorf("Bedrijf → %q (the vocabulary's Dutch synonym)", h)
	}
	for _, c := range []struct {
		r    readFlags
		want string
	}{
		{readFlags{formatFlag: "format", format: "xls"}, `--format: "xls" is not one of`},
		{readFlags{mapping: "Gemeente"}, "--map:"},
		{readFlags{mapping: "Gemeente:overheid-ish"}, "--map:"},
		{readFlags{years: "2019-2015"}, "--years:"},
		{readFlags{years: "twenty"}, "--years:"},
	} {
		_, err := c.r.options(config.Mapping{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.r, err, c.want)
		}
	}
	r2 := readFlags{years: "2020"}
	if o, err := r2.options(config.Mapping{}); err != nil || o.CORDIS.From != 2020 || o.CORDIS.To != 2020 {
		t.Errorf("--years 2020: %+v, %v", o.CORDIS, err)
	}
}
