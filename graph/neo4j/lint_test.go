package neo4j

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

// The vocabulary of the model, declared to the linter so that it checks
// the statements against it (and does not warn about a label it does not
// know).
var lintSchema = map[string]any{
	"labels":            []string{"Actor", "Partner", "Person", "Unit", "ValueRecord", "MetricRun", "MetricValue", "EcoscopeMeta", "ImportUndo"},
	"relationshipTypes": []string{"TIE", "MEMBER_OF", "PART_OF", "AFFILIATED_WITH", "REPORTED", "ABOUT", "HAS_VALUE"},
	"propertyKeys": []string{
		"id", "name", "helix", "sector", "kind", "region", "since", "since_precision", "until", "until_precision",
		"discipline", "role", "level", "form", "challenge", "cadence", "type", "weight", "directed", "key",
		"cycle", "capital", "date", "date_precision", "description", "import_gen",
		"version", "last_gen", "importing", "undoing", "importing_at", "prev_name", "last_run", "gen", "seq", "data",
		"time", "at", "at_precision", "unit", "ties", "subject", "metric", "value", "ecoscope_betweenness",
		// the keys of the rows of UNWIND $rows AS row
		"props", "partner", "parent", "member", "source", "target", "reporter",
	},
	"parameters": map[string]any{
		"rows": []any{}, "gen": 1, "meta": "", "stale": "PT2M", "name": "", "seq": 1, "data": "", "limit": 1,
		"id": 1, "props": map[string]any{}, "clear": map[string]any{}, "subject": "", "metric": "", "ids": []string{}, "text": "",
	},
}

// cypherlint returns the command that runs testdata/cypherlint.mjs, or
// skips the test where node or the npm package is missing.
func cypherlint(t *testing.T) *exec.Cmd {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the Cypher statements are not linted (CI installs it)")
	}
	prefix := os.Getenv("ECOSCOPE_CYPHERLINT")
	if prefix == "" {
		// .cache/cypherlint at the root of the module, where .ci/run
		// installs the package.
		dir, _ := filepath.Abs(".")
		for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
		}
		prefix = filepath.Join(dir, ".cache", "cypherlint")
	}
	if _, err := os.Stat(filepath.Join(prefix, "node_modules", "@neo4j-cypher", "language-support", "package.json")); err != nil {
		t.Skipf("@neo4j-cypher/language-support is not installed in %s: the Cypher statements are not linted; install it with\n\tnpm install --prefix %s @neo4j-cypher/language-support@2.0.0-next.38\n(or set ECOSCOPE_CYPHERLINT to the prefix it is installed in)", prefix, prefix)
	}
	return exec.Command(node, filepath.Join("testdata", "cypherlint.mjs"), prefix)
}

type lintResult struct {
	Name        string `json:"name"`
	Diagnostics []struct {
		Severity int    `json:"severity"`
		Message  string `json:"message"`
		Offset   int    `json:"offset"`
	} `json:"diagnostics"`
}

// lint runs the linter on the statements.
func lint(t *testing.T, sts []statement) []lintResult {
	t.Helper()
	cmd := cypherlint(t)
	type query struct {
		Name string `json:"name"`
		Text string `json:"text"`
	}
	in := struct {
		Schema  map[string]any `json:"schema"`
		Queries []query        `json:"queries"`
	}{Schema: lintSchema}
	for _, st := range sts {
		in.Queries = append(in.Queries, query{st.name, st.text})
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cypherlint: %v\n%s", err, stderr.String())
	}
	var res struct {
		Version string       `json:"version"`
		Results []lintResult `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("cypherlint output: %v", err)
	}
	if len(res.Results) != len(sts) {
		t.Fatalf("cypherlint: %d results for %d statements", len(res.Results), len(sts))
	}
	t.Logf("linted %d statements with @neo4j-cypher/language-support %s", len(sts), res.Version)
	return res.Results
}

// TestLint puts every statement of the store, those of a script written
// for a data set full of strings that need escaping, and the examples of
// docs/neo4j.md through Neo4j's parser and semantic analysis, in one run
// of node (which takes seconds to start the linter). Errors fail the test,
// and so do warnings: a warning says that a statement names a label, type,
// property or parameter outside the model. Broken statements are linted
// too, to check that the linter is really run and reports them.
func TestLint(t *testing.T) {
	groups := map[string][]statement{"store": statements()}

	var b bytes.Buffer
	if err := WriteScript(&b, nastyEcosystem(), ScriptOptions{BatchSize: 4}); err != nil {
		t.Fatal(err)
	}
	for i, s := range splitScript(b.String()) {
		groups["script"] = append(groups["script"], statement{name: fmt.Sprintf("script statement %d", i+1), text: s})
	}
	if n := len(groups["script"]); n < len(schema)+8 {
		t.Fatalf("script has %d statements, want more", n)
	}

	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "neo4j.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```cypher\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 4 {
		t.Fatalf("docs/neo4j.md has %d cypher blocks, want at least 4", len(blocks))
	}
	for i, m := range blocks {
		for j, s := range splitScript(m[1]) {
			groups["docs"] = append(groups["docs"], statement{name: fmt.Sprintf("docs/neo4j.md block %d statement %d", i+1, j+1), text: s})
		}
	}

	groups["broken"] = []statement{
		{"unclosed node", "UNWIND $rows AS row MERGE (n:Actor {id: row.id} SET n += row.props"},
		{"unknown parameter", "MATCH (n:Partner {id: $nobody}) RETURN n"},
		{"no return", "MATCH (n:Partner)"},
	}

	var all []statement
	names := []string{"store", "script", "docs", "broken"}
	for _, g := range names {
		all = append(all, groups[g]...)
	}
	results := lint(t, all)
	for _, g := range names {
		sts := groups[g]
		res := results[:len(sts)]
		results = results[len(sts):]
		t.Run(g, func(t *testing.T) {
			for i, r := range res {
				if g == "broken" {
					errs := 0
					for _, d := range r.Diagnostics {
						if d.Severity == 1 {
							errs++
						}
					}
					if errs == 0 {
						t.Errorf("%s: no error reported for %q", r.Name, sts[i].text)
					}
					continue
				}
				for _, d := range r.Diagnostics {
					kind := "error"
					if d.Severity != 1 {
						kind = "warning"
					}
					text := sts[i].text
					at := min(max(d.Offset, 0), len(text))
					t.Errorf("%s: %s: %s\n  at: %q", r.Name, kind, d.Message, text[max(0, at-40):min(len(text), at+40)])
				}
			}
		})
	}
}

// splitScript cuts a script into its statements, which end with ; at the
// end of a line (strings in a script never hold a raw newline).
func splitScript(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";\n") {
		var lines []string
		for _, l := range strings.Split(part, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "//") {
				lines = append(lines, l)
			}
		}
		if p := strings.TrimSpace(strings.Join(lines, "\n")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// nastyEcosystem is a small data set of every kind of record whose strings
// hold quotes, backslashes, newlines, braces, Cypher and unicode.
func nastyEcosystem() *graph.Ecosystem {
	odd := []string{
		`it's`, `say "hi"`, `back\slash`, "new\nline", "tab\tcr\r", `}`, `{x: 1}`, `'); MATCH (n) DETACH DELETE n; //`,
		"Zoë 日本語 🌱", "\u2028sep", "nul\x00byte", "`tick`", `$rows`, `\u0041`, "a;\nb",
	}
	e := &graph.Ecosystem{Name: `The "odd" one; it's 🌱` + "\n"}
	for i, s := range odd {
		e.Partners = append(e.Partners, graph.Partner{ID: s, Name: s, Helix: graph.Academia, Kind: s, Region: s,
			Period: graph.Period{Since: graph.NewDate(2000+i, i%13, 0), Until: graph.NewDate(2030, 1, 1+i)}})
		if i > 0 {
			e.Ties = append(e.Ties, graph.Tie{ID: s, Source: odd[i-1], Target: s, Type: s, Weight: 1.0 / float64(i+2), Directed: i%2 == 0})
		}
	}
	e.People = []graph.Person{{ID: "p\n1", Name: `P'1`, Partner: odd[0], Discipline: odd[1], Role: odd[2]}}
	e.Units = []graph.Unit{
		{ID: "eco}", Name: odd[3], Level: graph.LevelEcosystem, Challenge: odd[4], Cadence: odd[5]},
		{ID: "lab'", Name: odd[6], Level: graph.LevelFieldlab, Parent: "eco}", Period: graph.Period{Since: graph.NewDate(2019, 3, 5)}},
	}
	e.Memberships = []graph.Membership{{Unit: "lab'", Member: "p\n1", Role: graph.RoleCoordinator, Period: graph.Period{Since: graph.NewDate(2019, 0, 0)}}}
	e.Values = []graph.Value{{Reporter: odd[7], Unit: "eco}", Cycle: graph.CycleApplied, Date: graph.NewDate(2020, 2, 29), Description: odd[8]}}
	return e
}
