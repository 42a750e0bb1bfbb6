package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/exporters"
	"github.com/ecoscope/ecoscope/graph"
)

// checkCypherScript checks that s is a Cypher script as neo4j.WriteScript
// writes it: the constraints before anything else, then UNWIND statements.
func checkCypherScript(t *testing.T, s string) {
	t.Helper()
	var first string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "//") {
			first = l
			break
		}
	}
	if !strings.HasPrefix(first, "CREATE CONSTRAINT") {
		t.Errorf("the script does not start with the constraints; first statement: %q", first)
	}
	if !strings.Contains(s, "UNWIND") {
		t.Error("the script has no UNWIND statement")
	}
	// The example's partners are in it, by id.
	if !strings.Contains(s, "uni-rivierstad") || !strings.Contains(s, "Universiteit van Rivierstad") {
		t.Error("the script lacks the example's partners")
	}
}

// TestExportCypher waits on neo4j.WriteScript (graph/neo4j): until it is
// built, export fails with "not built yet".
func TestExportCypher(t *testing.T) {
	r := ecoscope(t, nil, "export", "--format", "cypher", "--from", example)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.err)
	}
	checkCypherScript(t, r.stdout)

	// To a file, and from the SQLite store: the same script.
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	out := filepath.Join(t.TempDir(), "ecosysteem.cypher")
	r2 := ecoscope(t, env, "export", "--format", "cypher", "--out", out)
	if r2.code != exitOK || r2.stdout != "" || !strings.Contains(r2.err, "wrote "+out) {
		t.Fatalf("export --out: exit %d\n%s%s", r2.code, r2.stdout, r2.err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != r.stdout {
		t.Error("the script of the store differs from that of the files")
	}
}

func TestExportUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "xyz", "--from", example}, `"xyz" is not one of cypher`},
		{[]string{"export", "--from", example}, "export needs --format (cypher"},
		{[]string{"export", "--format", "cypher", example}, "use: ecoscope export --from " + example + " --format cypher"},
		{[]string{"export", "--format", "cypher", "--from", example, "--at", "yesterday"}, "--at:"},
	} {
		r := ecoscope(t, nil, tt.args...)
		if r.code != exitUsage || !strings.Contains(r.err, tt.want) || !strings.Contains(r.err, "Usage:") {
			t.Errorf("%v: exit %d, want 2 and %q with the usage; stderr:\n%s", tt.args, r.code, tt.want, r.err)
		}
		if r.stdout != "" {
			t.Errorf("%v: wrote %q", tt.args, r.stdout)
		}
	}
	// A missing store says to import first, as for the analyses.
	env, path := storeEnv(t)
	r := ecoscope(t, env, "export", "--format", "cypher")
	if r.code != exitError || !strings.Contains(r.err, "no store at "+path) {
		t.Errorf("missing store: exit %d, stderr:\n%s", r.code, r.err)
	}
}

// TestExportFormats: every format is in the help, and the flag's list is
// the formats' list, so that a new format needs only its entry.
func TestExportFormats(t *testing.T) {
	a := &app{io: IOStreams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}}
	cmd := a.newExportCmd(nil)
	f := cmd.Flags().Lookup("format")
	for _, ef := range exportFormats {
		if !strings.Contains(cmd.Long, "  "+ef.name+" ") || !strings.Contains(f.Usage, ef.name) {
			t.Errorf("format %s is not in the help", ef.name)
		}
		if err := f.Value.Set(ef.name); err != nil {
			t.Errorf("--format %s: %v", ef.name, err)
		}
	}
}

// TestExportBatchSize: the script's batch size is neo4j.batch_size.
func TestExportBatchSize(t *testing.T) {
	var got *graph.Ecosystem
	saved := exportFormats
	defer func() { exportFormats = saved }()
	batch := 0
	exportFormats = []exportFormat{{name: "cypher", write: func(a *app, w io.Writer, d *exporters.Data) error {
		e := d.Ecosystem
		got, batch = e, a.cfg.Neo4j.BatchSize
		_, err := w.Write([]byte("ok\n"))
		return err
	}}}
	r := ecoscope(t, map[string]string{"ECOSCOPE_NEO4J_BATCH_SIZE": "7"}, "export", "--format", "cypher", "--from", example, "--unit", "fl-aardgasvrije-wijken")
	if r.code != exitOK || r.stdout != "ok\n" {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.err)
	}
	if batch != 7 {
		t.Errorf("batch size %d, want 7", batch)
	}
	if got == nil || len(got.Units) == 0 || len(got.Units) > 10 {
		t.Errorf("--unit did not select the subtree: %v units", len(got.Units))
	}

	// A failed write leaves the file as it was.
	exportFormats = []exportFormat{{name: "cypher", write: func(a *app, w io.Writer, d *exporters.Data) error {
		w.Write([]byte("half"))
		return errors.New("broken")
	}}}
	out := filepath.Join(t.TempDir(), "x.cypher")
	os.WriteFile(out, []byte("before"), 0o644)
	if r := ecoscope(t, nil, "export", "--format", "cypher", "--from", example, "--out", out); r.code != exitError || !strings.Contains(r.err, "broken") {
		t.Errorf("failed export: exit %d\n%s", r.code, r.err)
	}
	if b, _ := os.ReadFile(out); string(b) != "before" {
		t.Errorf("a failed export changed the file: %q", b)
	}
}

// TestExportGraphFormats exports the example as GraphML, GEXF and
// Cytoscape.js JSON, and reads the GraphML and GEXF back with --from: the
// node metrics on the explicit ties are those of the example.
func TestExportGraphFormats(t *testing.T) {
	dir := t.TempDir()
	want := ecoscope(t, nil, "metrics", "--from", example, "--ties", "explicit", "--level", "nodes", "--format", "csv")
	if want.code != exitOK {
		t.Fatalf("metrics: %s", want.err)
	}
	for _, f := range []string{"graphml", "gexf", "cytoscape"} {
		out := filepath.Join(dir, "eco."+f)
		r := ecoscope(t, nil, "export", "--format", f, "--from", example, "--out", out)
		if r.code != exitOK || !strings.Contains(r.err, "wrote "+out) {
			t.Fatalf("%s: exit %d\n%s", f, r.code, r.err)
		}
		// The notes of the network are shown.
		if !strings.Contains(r.err, "note: 32 of 638 explicit ties are directed") {
			t.Errorf("%s: no note on directed ties:\n%s", f, r.err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "Universiteit van Rivierstad") || !strings.Contains(string(b), "betweenness") {
			t.Errorf("%s: the export lacks partners or metrics", f)
		}
		if f == "cytoscape" {
			continue
		}
		got := ecoscope(t, nil, "metrics", "--from", out, "--ties", "explicit", "--level", "nodes", "--format", "csv")
		if got.code != exitOK || got.stdout != want.stdout {
			t.Errorf("%s read back: exit %d, metrics differ from the example's:\n%s", f, got.code, got.err)
		}
		if strings.Contains(got.err, "combined") {
			t.Errorf("%s read back with repeats:\n%s", f, got.err)
		}
	}
	// import reads them too.
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", filepath.Join(dir, "eco.gexf")); r.code != exitOK {
		t.Fatalf("import eco.gexf: exit %d\n%s", r.code, r.err)
	}
}

// TestExportAutoApprox: above autoApproxPartners partners betweenness is
// estimated, with a note on standard error and in the file, unless
// --approx is given; --approx 0 asks for it exactly.
func TestExportAutoApprox(t *testing.T) {
	defer func(n int) { autoApproxPartners = n }(autoApproxPartners)
	autoApproxPartners = 100
	r := ecoscope(t, nil, "export", "--format", "graphml", "--from", example)
	if r.code != exitOK || !strings.Contains(r.err, "note: betweenness is estimated within ±0.01") ||
		!strings.Contains(r.stdout, `<data key="g_betweenness_epsilon">0.01</data>`) {
		t.Errorf("no estimate above the limit: exit %d\n%s", r.code, r.err)
	}
	r = ecoscope(t, nil, "export", "--format", "graphml", "--from", example, "--approx", "0")
	if r.code != exitOK || strings.Contains(r.err, "estimated") || strings.Contains(r.stdout, "g_betweenness_epsilon\">") {
		t.Errorf("--approx 0 estimates: exit %d\n%s", r.code, r.err)
	}
	// A format without metrics says nothing.
	saved := exportFormats
	defer func() { exportFormats = saved }()
	exportFormats = []exportFormat{{name: "cypher", write: func(a *app, w io.Writer, d *exporters.Data) error { return nil }}}
	r = ecoscope(t, nil, "export", "--format", "cypher", "--from", example)
	if strings.Contains(r.err, "estimated") {
		t.Errorf("cypher: %s", r.err)
	}
}
