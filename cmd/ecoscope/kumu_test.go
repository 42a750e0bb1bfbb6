package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
)

const kumuMap = `{"elements": [
 {"_id": "1", "attributes": {"label": "Gemeente Rivierstad", "element type": "Overheidspartner"}},
 {"_id": "2", "attributes": {"label": "Hogeschool", "element type": "Kennispartner"}}],
 "connections": [{"from": "1", "to": "2", "direction": "directed", "attributes": {"strength": 2}}]}`

// TestKumuMapping: a Kumu map with custom element types imports with the
// mapping: of ecoscope.yaml, and --map wins over it; without either, the
// error lists the types and the --map that maps them.
func TestKumuMapping(t *testing.T) {
	dir := t.TempDir()
	kumu := filepath.Join(dir, "kaart.json")
	if err := os.WriteFile(kumu, []byte(kumuMap), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "ecoscope.yaml")
	if err := os.WriteFile(cfg, []byte("mapping:\n  Type:\n    Overheidspartner: gemeente\n    Kennispartner: industry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "import", "--dry-run", kumu)
	if r.code == exitOK || !strings.Contains(r.err, `--map "Type=Overheidspartner:`) || !strings.Contains(r.err, `"Kennispartner" (1 element`) {
		t.Errorf("without a mapping: exit %d\n%s", r.code, r.err)
	}
	r = ecoscope(t, nil, "--config", cfg, "import", "--dry-run", kumu)
	if r.code != exitOK || !strings.Contains(r.stdout, "2 partners") {
		t.Errorf("with mapping: exit %d\n%s\n%s", r.code, r.stdout, r.err)
	}
	// --map wins over the file, value by value.
	var ro readFlags
	ro.mapping = "kennispartner:academia"
	o, err := ro.options(config.Mapping{Attr: "Type", Values: map[string]graph.Helix{"Kennispartner": graph.Industry, "Overheidspartner": graph.Government}})
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := o.Map.Helix("Kennispartner"); h != graph.Academia || len(o.Map.Values) != 2 || o.Map.Attr != "Type" {
		t.Errorf("merged mapping %+v", o.Map)
	}
}
