package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

const example = "../../examples/energieke-regio"

type result struct {
	code        int
	stdout, err string
}

// ecoscope runs the command in-process with the given environment.
func ecoscope(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, IOStreams{
		In: strings.NewReader(""), Out: &out, Err: &errb,
		Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	return result{code, out.String(), errb.String()}
}

func storeEnv(t *testing.T) (map[string]string, string) {
	path := filepath.Join(t.TempDir(), "test.db")
	return map[string]string{"ECOSCOPE_STORE": path}, path
}

func TestReportFromFiles(t *testing.T) {
	r := ecoscope(t, nil, "report", "--from", example)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.err)
	}
	for _, want := range []string{"Helix coverage:", "Composition", "civil society", "Units per level and helix coverage", "Units, furthest below their target first"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func reportJSON(t *testing.T, env map[string]string, args ...string) map[string]any {
	t.Helper()
	r := ecoscope(t, env, append([]string{"report", "--format", "json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("report JSON: %v\n%s", err, r.stdout)
	}
	return m
}

func TestReportJSONKeys(t *testing.T) {
	m := reportJSON(t, nil, "--from", example)
	for _, k := range []string{"partners", "ties", "helix_counts", "sector_counts", "kind_counts", "unit_counts", "helix_coverage", "units"} {
		if _, ok := m[k]; !ok {
			t.Errorf("report JSON lacks key %q", k)
		}
	}
	units := m["units"].([]any)
	if len(units) == 0 {
		t.Fatal("no units")
	}
	for _, k := range []string{"id", "name", "level", "form", "parent", "size", "helix_coverage"} {
		if _, ok := units[0].(map[string]any)[k]; !ok {
			t.Errorf("unit lacks key %q", k)
		}
	}
	cov := m["helix_coverage"].(map[string]any)
	for _, k := range []string{"class", "present", "missing"} {
		if _, ok := cov[k]; !ok {
			t.Errorf("helix_coverage lacks %q", k)
		}
	}
}

func TestImportThenReportMatchesFiles(t *testing.T) {
	env, path := storeEnv(t)
	r := ecoscope(t, env, "import", example)
	if r.code != exitOK {
		t.Fatalf("import exit %d:\n%s", r.code, r.err)
	}
	fromStore := reportJSON(t, env)
	fromFiles := reportJSON(t, nil, "--from", example)
	delete(fromStore, "source")
	delete(fromFiles, "source")
	a, _ := json.Marshal(fromStore)
	b, _ := json.Marshal(fromFiles)
	if !bytes.Equal(a, b) {
		t.Errorf("report from the store differs from the report from files:\n%s\n%s", a, b)
	}
	// The same snapshot from both.
	s := reportJSON(t, env, "--at", "2020")
	f := reportJSON(t, nil, "--from", example, "--at", "2020")
	if s["partners"] != f["partners"] || s["ties"] != f["ties"] {
		t.Errorf("at 2020: store %v partners %v ties, files %v %v", s["partners"], s["ties"], f["partners"], f["ties"])
	}
	if s["partners"].(float64) >= fromFiles["partners"].(float64) {
		t.Errorf("the example should grow: %v partners in 2020, %v in all", s["partners"], fromFiles["partners"])
	}

	// Re-import: nothing added or updated.
	r = ecoscope(t, env, "import", example)
	if r.code != exitOK {
		t.Fatalf("re-import exit %d:\n%s", r.code, r.err)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[2:] {
		f := strings.Fields(line)
		if len(f) != 5 || f[2] != "0" || f[3] != "0" || f[1] != f[4] {
			t.Errorf("re-import row %q: want read = unchanged, 0 added, 0 updated", line)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

func TestImportBadDataChangesNothing(t *testing.T) {
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	before := reportJSON(t, env)

	bad := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(bad, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("partners.csv", "id;naam;helix;vanaf\nuni;Universiteit;academia;2019\nbv;BV;bedrijf;2019-13\nbv;Dubbel;industri;\n")
	write("ties.csv", "source,target,weight,since,until\nuni,bv,abc,,\nuni,gem,1,,\nbv,uni,-2,2021,2020\n")
	r := ecoscope(t, env, "import", bad)
	if r.code != exitInvalid {
		t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, exitInvalid, r.err)
	}
	for _, want := range []string{
		"partners.csv:3: since:",
		"partners.csv:4: helix:",
		`"industry"`,
		`partners.csv:4: id: duplicate partner id "bv"`,
		"ties.csv:2: weight:",
		`ties.csv:3: target: unknown partner or person "gem"`,
		"ties.csv:4: weight:",
		"ties.csv:4: until: until 2020 is before since 2021",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	after := reportJSON(t, env)
	a, _ := json.Marshal(before)
	b, _ := json.Marshal(after)
	if !bytes.Equal(a, b) {
		t.Errorf("a failed import changed the store:\nbefore %s\nafter  %s", a, b)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	env, path := storeEnv(t)
	r := ecoscope(t, env, "import", "--dry-run", example)
	if r.code != exitOK || !strings.Contains(r.stdout, "is valid") {
		t.Fatalf("dry run: exit %d\n%s\n%s", r.code, r.stdout, r.err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("dry run created %s", path)
	}
}

func TestInitTemplatesImport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nieuw")
	if r := ecoscope(t, nil, "init", dir); r.code != exitOK {
		t.Fatalf("init: %d %s", r.code, r.err)
	}
	for _, f := range []string{"partners.csv", "ties.csv", "units.csv", "memberships.csv", "people.csv", "values.csv", "ecoscope.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	if r := ecoscope(t, nil, "import", "--dry-run", dir); r.code != exitOK {
		t.Errorf("the templates do not import: %s", r.err)
	}
	if r := ecoscope(t, nil, "init", dir); r.code != exitError || !strings.Contains(r.err, "already exists") {
		t.Errorf("init over existing files: exit %d %s", r.code, r.err)
	}
	if r := ecoscope(t, nil, "init", "--force", dir); r.code != exitOK {
		t.Errorf("init --force: exit %d %s", r.code, r.err)
	}
	if r := ecoscope(t, nil, "--config", filepath.Join(dir, "ecoscope.yaml"), "version"); r.code != exitOK {
		t.Errorf("the template config does not load: %s", r.err)
	}
}

func TestGenerateImportReport(t *testing.T) {
	env, _ := storeEnv(t)
	dir := filepath.Join(t.TempDir(), "gen")
	r := ecoscope(t, env, "generate", "--partners", "300", "--ties", "900", "--seed", "7", "--out", dir)
	if r.code != exitOK {
		t.Fatalf("generate: %s", r.err)
	}
	if r := ecoscope(t, env, "import", dir); r.code != exitOK {
		t.Fatalf("import generated: %s", r.err)
	}
	m := reportJSON(t, env)
	if m["partners"].(float64) != 300 {
		t.Errorf("partners = %v, want 300", m["partners"])
	}
	if r := ecoscope(t, env, "generate", "--partners", "10", "--out", dir); r.code != exitError {
		t.Errorf("generate over an existing data set: exit %d", r.code)
	}
}

func TestUsageAndRunErrors(t *testing.T) {
	env, _ := storeEnv(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad format", []string{"report", "--from", example, "--format", "xml"}, exitUsage, `"xml" is not one of text, md, html, json`},
		{"bad date", []string{"report", "--from", example, "--at", "2020-13"}, exitUsage, "--at: invalid date"},
		{"unknown command", []string{"raport"}, exitUsage, "unknown command"},
		{"unknown flag", []string{"report", "--nope"}, exitUsage, "unknown flag"},
		{"import without path", []string{"import"}, exitUsage, "at least one PATH"},
		{"no store", []string{"report"}, exitError, "ecoscope import PATH"},
		{"unknown unit", []string{"report", "--from", example, "--unit", "fl-aardgasvrije-wijk"}, exitError, `unknown unit "fl-aardgasvrije-wijk"; closest:`},
		{"missing folder", []string{"import", "/nonexistent/data"}, exitError, "/nonexistent/data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, env, tt.args...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", r.code, r.err, tt.code, tt.want)
			}
		})
	}
}

func TestSnapshotBeforeData(t *testing.T) {
	r := ecoscope(t, nil, "report", "--from", example, "--at", "1990")
	// The example's first date is lc-energieke-regio's since, 2018-03.
	if r.code != exitOK || !strings.Contains(r.stdout, "No partners are active at 1990: the data starts at 2018-03") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestVersion(t *testing.T) {
	r := ecoscope(t, nil, "version")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "ecoscope ") {
		t.Errorf("version: %d %q", r.code, r.stdout)
	}
	// --version prints the same (issue 8: it was an unknown flag).
	if f := ecoscope(t, nil, "--version"); f.code != exitOK || f.stdout != r.stdout {
		t.Errorf("--version: %d %q, want %q", f.code, f.stdout, r.stdout)
	}
}

// TestDescribeVersion: the version comes from the build information: the
// module version and the VCS revision (issue 8: version printed "dev").
func TestDescribeVersion(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "1ea3242c5b3a9d0e"}, {Key: "vcs.time", Value: "2026-12-03T15:43:41Z"}, {Key: "vcs.modified", Value: "true"}}
	plat := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	tests := []struct {
		name string
		set  string
		info *debug.BuildInfo
		want string
	}{
		{"release", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "ecoscope v1.2.3 (" + plat + ")"},
		{"go build in a checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203154341-1ea3242c5b3a+dirty"}, Settings: vcs},
			"ecoscope v0.0.0-20261203154341-1ea3242c5b3a+dirty (" + plat + ", revision 1ea3242c5b3a, 2026-12-03T15:43:41Z, modified)"},
		{"ldflags", "v2.0.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "ecoscope v2.0.0 (" + plat + ")"},
		{"no information", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"ecoscope (devel) (" + plat + ", no version control information: built with -buildvcs=false or outside a git checkout)"},
	}
	for _, tt := range tests {
		if got := describeVersion(tt.set, tt.info); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestMetrics(t *testing.T) {
	r := ecoscope(t, nil, "metrics", "--from", example, "--permutations", "99")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"partners", "ties", "density", "components", "largest_component_share", "average_degree",
		"transitivity", "average_clustering", "helix_counts", "sector_counts", "blau_index", "shannon_entropy",
		"shannon_evenness", "helix_coverage", "helix_integration", "helix_mixing", "helix_assortativity", "ei_index",
		"ei_index_p_value", "ei_index_rescaled", "public_private_tie_share", "modularity", "communities", "triple_helix_synergy",
		"reciprocity"} {
		if _, ok := m[k]; !ok {
			t.Errorf("network metrics lack %q", k)
		}
	}

	r = ecoscope(t, nil, "metrics", "--from", example, "--level", "nodes", "--format", "csv", "--ties", "explicit")
	if r.code != exitOK {
		t.Fatalf("nodes: exit %d: %s", r.code, r.err)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	// The first columns keep their order; in_degree and out_degree came later.
	if lines[0] != "id,name,helix,sector,degree,strength,betweenness,closeness,eigenvector,pagerank,clustering,core,community,constraint,effective_size,ego_diversity,ei_index,coordinator,itinerant,gatekeeper,representative,liaison,in_degree,out_degree" || len(lines) != 155 {
		t.Errorf("nodes CSV: %d lines, header %q", len(lines), lines[0])
	}

	out := filepath.Join(t.TempDir(), "units.json")
	r = ecoscope(t, nil, "metrics", "--from", example, "--level", "units", "--out", out)
	if r.code != exitOK {
		t.Fatalf("units: exit %d: %s", r.code, r.err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte(`"lc-energieke-regio"`)) {
		t.Errorf("units file: %v %.200s", err, b)
	}

	r = ecoscope(t, nil, "metrics", "--from", example, "--level", "nodes", "--approx", "0.05")
	if r.code != exitOK || !strings.Contains(r.err, "betweenness is approximate") || !strings.Contains(r.stdout, `"betweenness_approximation"`) {
		t.Errorf("approx: exit %d, stderr %q", r.code, r.err)
	}
}

func TestMetricsBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad level", []string{"metrics", "--from", example, "--level", "edges"}, exitUsage, `"edges" is not one of network, units, nodes`},
		{"bad format", []string{"metrics", "--from", example, "--format", "xml"}, exitUsage, "Usage:"},
		{"bad ties", []string{"metrics", "--from", example, "--ties", "some"}, exitUsage, "explicit, units, all"},
		{"bad approx", []string{"metrics", "--from", example, "--approx", "2"}, exitUsage, "--approx"},
		{"unknown unit", []string{"metrics", "--from", example, "--unit", "hub-waterstf"}, exitError, `closest: "hub-waterstof"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", r.code, r.err, tt.code, tt.want)
			}
		})
	}
	r := ecoscope(t, nil, "metrics", "--from", example, "--at", "1990")
	if r.code != exitOK || !strings.Contains(r.err, "network is empty") || !strings.Contains(r.stdout, `"partners": 0`) {
		t.Errorf("before any data: exit %d, stderr %q", r.code, r.err)
	}
}

func TestImportReplace(t *testing.T) {
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	small := filepath.Join(t.TempDir(), "klein")
	if r := ecoscope(t, nil, "init", small); r.code != exitOK {
		t.Fatalf("init: %s", r.err)
	}
	// Without --replace the two templates' partners join the 154 of the
	// example; with it the store holds exactly the templates' 2.
	if r := ecoscope(t, env, "import", "--replace", small); r.code != exitOK {
		t.Fatalf("import --replace: %s", r.err)
	}
	if m := reportJSON(t, env); m["partners"].(float64) != 2 || len(m["units"].([]any)) != 1 {
		t.Errorf("after --replace: %v partners, %d units; want 2 and 1", m["partners"], len(m["units"].([]any)))
	}
}
