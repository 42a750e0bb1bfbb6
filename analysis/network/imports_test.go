package network

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestKnowsNoDomain: the engine imports nothing of ecoscope (in particular
// not package graph, the domain): it knows node labels, weights and integer
// partitions, not helix types or units. Its tests may.
func TestKnowsNoDomain(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/ecoscope/ecoscope") {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}
