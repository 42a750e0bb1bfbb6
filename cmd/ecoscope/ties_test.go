package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

func jsonOf(t *testing.T, r result) map[string]any {
	t.Helper()
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, r.stdout)
	}
	return m
}

// TestReportTiesMatchMetrics: report counted explicit ties only and had no
// --ties, so it said "0 ties" where metrics said 1,319 (issue 8). Every
// command that counts ties takes --ties with one default and says which
// source it used.
func TestReportTiesMatchMetrics(t *testing.T) {
	for _, ties := range []string{"", "explicit", "units", "all"} {
		args := []string{"--from", example}
		if ties != "" {
			args = append(args, "--ties", ties)
		}
		rep := jsonOf(t, ecoscope(t, nil, append([]string{"report", "--format", "json"}, args...)...))
		met := jsonOf(t, ecoscope(t, nil, append([]string{"metrics", "--level", "network"}, args...)...))
		want := ties
		if want == "" {
			want = "all"
		}
		if rep["ties"] != met["ties"] || rep["tie_source"] != want || met["tie_source"] != want {
			t.Errorf("--ties %q: report says %v ties (%v), metrics %v (%v)", ties, rep["ties"], rep["tie_source"], met["ties"], met["tie_source"])
		}
		text := ecoscope(t, nil, append([]string{"report"}, args...)...)
		if !strings.Contains(text.stdout, "Ties:     ") {
			t.Errorf("--ties %q: the text report does not say which ties it counts:\n%s", ties, text.stdout)
		}
	}
	// Every command that makes a network takes the same flags.
	for _, c := range []string{"report", "metrics", "gaps", "growth", "diff", "values"} {
		h := ecoscope(t, nil, c, "--help")
		if !strings.Contains(h.stdout, "--ties") || !strings.Contains(h.stdout, "--max-unit-size") {
			t.Errorf("%s --help lacks --ties or --max-unit-size", c)
		}
	}
}

// everyoneInTheEcosystem writes a generated data set twice: as generated,
// and with every partner also a direct member of the ecosystem unit.
func everyoneInTheEcosystem(t *testing.T) (plain, all string) {
	t.Helper()
	e := generate.Ecosystem(generate.Options{Partners: 600, Seed: 4})
	plain = filepath.Join(t.TempDir(), "plain")
	if err := generate.WriteCSV(plain, e); err != nil {
		t.Fatal(err)
	}
	var eco string
	for _, u := range e.Units {
		if u.Level == graph.LevelEcosystem {
			eco = u.ID
		}
	}
	members := map[string]bool{}
	for _, m := range e.Memberships {
		if m.Unit == eco {
			members[m.Member] = true
		}
	}
	for _, p := range e.Partners {
		if !members[p.ID] {
			e.Memberships = append(e.Memberships, graph.Membership{Unit: eco, Member: p.ID, Role: graph.RoleMember})
		}
	}
	all = filepath.Join(t.TempDir(), "all")
	if err := generate.WriteCSV(all, e); err != nil {
		t.Fatal(err)
	}
	return plain, all
}

// TestEcosystemUnitMakesNoClique: a coordinator who records every partner
// as a member of the ecosystem unit got one clique (issue 8). The network
// must be the one without those memberships, and the output says so.
func TestEcosystemUnitMakesNoClique(t *testing.T) {
	plain, all := everyoneInTheEcosystem(t)
	for _, level := range []string{"network", "nodes"} {
		a := ecoscope(t, nil, "metrics", "--level", level, "--from", all)
		p := ecoscope(t, nil, "metrics", "--level", level, "--from", plain)
		ma, mp := jsonOf(t, a), jsonOf(t, p)
		delete(ma, "source")
		delete(mp, "source")
		delete(ma, "notes")
		delete(mp, "notes")
		if withoutSource(t, mustJSON(t, ma)) != withoutSource(t, mustJSON(t, mp)) {
			t.Errorf("metrics --level %s: the network with every partner in the ecosystem unit differs from the one without", level)
		}
		if !strings.Contains(a.err, "note: 1 unit at the ecosystem level") {
			t.Errorf("metrics --level %s: no note on stderr:\n%s", level, a.err)
		}
	}
	m := jsonOf(t, ecoscope(t, nil, "metrics", "--from", all))
	notes, _ := m["notes"].([]any)
	if len(notes) != 1 || notes[0].(map[string]any)["code"] != "ecosystem_units_no_unit_ties" {
		t.Errorf("notes = %v, want one ecosystem_units_no_unit_ties", m["notes"])
	}
	// gaps finds the isolates and cuts again.
	g := jsonOf(t, ecoscope(t, nil, "gaps", "--format", "json", "--from", all))
	gp := jsonOf(t, ecoscope(t, nil, "gaps", "--format", "json", "--from", plain))
	if mustJSON(t, g["ecosystem"]) != mustJSON(t, gp["ecosystem"]) {
		t.Errorf("gaps of the whole ecosystem differ with every partner in the ecosystem unit")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMaxUnitSize: the limit comes from ecoscope.yaml, the environment or
// the flag, in that order of precedence.
func TestMaxUnitSize(t *testing.T) {
	ties := func(env map[string]string, args ...string) float64 {
		t.Helper()
		m := jsonOf(t, ecoscope(t, env, append([]string{"metrics", "--ties", "units", "--from", example}, args...)...))
		return m["ties"].(float64)
	}
	def, none, three := ties(nil), ties(nil, "--max-unit-size", "0"), ties(nil, "--max-unit-size", "3")
	if !(three < def && def <= none) {
		t.Errorf("ties: limit 3 %v, default %v, no limit %v; want 3 < default <= none", three, def, none)
	}
	if got := ties(map[string]string{"ECOSCOPE_TIES_MAX_UNIT_SIZE": "3"}); got != three {
		t.Errorf("ECOSCOPE_TIES_MAX_UNIT_SIZE=3: %v ties, want %v", got, three)
	}
	cfg := filepath.Join(t.TempDir(), "ecoscope.yaml")
	os.WriteFile(cfg, []byte("ties:\n  max_unit_size: 3\n"), 0o644)
	if got := ties(nil, "--config", cfg); got != three {
		t.Errorf("ties.max_unit_size: 3 in the file: %v ties, want %v", got, three)
	}
	if got := ties(map[string]string{"ECOSCOPE_TIES_MAX_UNIT_SIZE": "3"}, "--max-unit-size", "0"); got != none {
		t.Errorf("the flag does not win over the environment: %v ties, want %v", got, none)
	}
	r := ecoscope(t, nil, "metrics", "--from", example, "--max-unit-size", "1")
	if r.code == exitOK || !strings.Contains(r.err, "max_unit_size") {
		t.Errorf("--max-unit-size 1: exit %d, %s; want an error", r.code, r.err)
	}
	os.WriteFile(cfg, []byte("ties:\n  max_unit_sise: 3\n"), 0o644)
	r = ecoscope(t, nil, "report", "--from", example, "--config", cfg)
	if r.code == exitOK || !strings.Contains(r.err, `unknown setting "ties.max_unit_sise" (did you mean "max_unit_size"?) (known under ties: max_unit_size)`) {
		t.Errorf("a typo under ties: exit %d, %s", r.code, r.err)
	}
}

// TestSynergyNull: without units the synergy is null and a note says why
// (issue 8: it was 0).
func TestSynergyNull(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "partners.csv"), []byte("id,helix\na,academia\nb,industry\nc,government\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ties.csv"), []byte("source,target\na,b\nb,c\n"), 0o644)
	r := ecoscope(t, nil, "metrics", "--from", dir)
	m := jsonOf(t, r)
	if m["triple_helix_synergy"] != nil || m["quadruple_helix_synergy"] != nil || !strings.Contains(r.err, "synergy are undefined (null)") {
		t.Errorf("synergy %v %v, stderr %q; want null and a note", m["triple_helix_synergy"], m["quadruple_helix_synergy"], r.err)
	}
	notes := m["notes"].([]any)
	if len(notes) != 1 || notes[0].(map[string]any)["code"] != "synergy_undefined" {
		t.Errorf("notes %v", notes)
	}
}

// TestDirectedTiesNoted: directed ties were analysed as undirected without
// a word (issue 8). Every command that makes a partner network says on
// standard error and in its JSON notes how many ties were directed. The
// example has 638 ties, 32 of them (subsidie) directed, 111 active in 2019
// and 528 in 2024 (examples/README.md).
func TestDirectedTiesNoted(t *testing.T) {
	const all = "32 of 638 explicit ties are directed"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"metrics"}, all},
		{[]string{"metrics", "--level", "nodes"}, all},
		{[]string{"metrics", "--level", "units"}, all},
		{[]string{"report", "--format", "json"}, all},
		{[]string{"gaps", "--format", "json"}, all},
		{[]string{"values", "--format", "json"}, all},
		{[]string{"growth", "--format", "json"}, "32 of 638 explicit ties in the series are directed"},
		{[]string{"diff", "--at", "2019", "--at", "2024", "--format", "json"}, " of 111 explicit ties of snapshot A and "},
	} {
		name := strings.Join(tc.args, " ")
		r := ecoscope(t, nil, append(tc.args, "--from", example)...)
		m := jsonOf(t, r)
		var msgs []string
		notes, _ := m["notes"].([]any)
		for _, n := range notes {
			if n := n.(map[string]any); n["code"] == "directed_ties_undirected" {
				msgs = append(msgs, n["message"].(string))
			}
		}
		if len(msgs) != 1 || !strings.Contains(msgs[0], tc.want) || !strings.Contains(msgs[0], "except in_degree and out_degree") {
			t.Errorf("%s: notes %v, want one directed_ties_undirected saying %q", name, m["notes"], tc.want)
			continue
		}
		if !strings.Contains(r.err, "note: "+msgs[0]) {
			t.Errorf("%s: the note is not on standard error:\n%s", name, r.err)
		}
		// With unit ties only no directed tie makes the network.
		u := jsonOf(t, ecoscope(t, nil, append(tc.args, "--from", example, "--ties", "units")...))
		if strings.Contains(mustJSON(t, u["notes"]), "directed_ties_undirected") {
			t.Errorf("%s --ties units: notes %v, want none on directed ties", name, u["notes"])
		}
	}
}

// TestDirectedMetrics: in_degree and out_degree per partner and the
// network's reciprocity reach the JSON and CSV outputs; the new CSV columns
// come after the existing ones. On the example, every undirected tie is two
// arcs, so in_degree and out_degree differ from the degree only for the
// partners of subsidie ties, and reciprocity is below 1.
func TestDirectedMetrics(t *testing.T) {
	m := jsonOf(t, ecoscope(t, nil, "metrics", "--from", example))
	if r, ok := m["reciprocity"].(float64); !ok || !(r > 0 && r < 1) {
		t.Errorf("reciprocity = %v, want a number in (0, 1)", m["reciprocity"])
	}
	nodes := jsonOf(t, ecoscope(t, nil, "metrics", "--level", "nodes", "--from", example))["nodes"].([]any)
	differ := 0
	for _, x := range nodes {
		n := x.(map[string]any)
		in, ok1 := n["in_degree"].(float64)
		out, ok2 := n["out_degree"].(float64)
		deg := n["degree"].(float64)
		if !ok1 || !ok2 || in > deg || out > deg || in+out < deg {
			t.Fatalf("%v: degree %v, in_degree %v, out_degree %v", n["id"], deg, n["in_degree"], n["out_degree"])
		}
		if in != deg || out != deg {
			differ++
		}
	}
	if differ == 0 {
		t.Error("no partner's in- or out-degree differs from its degree, though 32 ties are directed")
	}
	r := ecoscope(t, nil, "metrics", "--level", "nodes", "--format", "csv", "--from", example)
	header, _, _ := strings.Cut(r.stdout, "\n")
	if !strings.HasSuffix(header, ",representative,liaison,in_degree,out_degree") {
		t.Errorf("nodes CSV header %q: want in_degree,out_degree appended after liaison", header)
	}
	r = ecoscope(t, nil, "metrics", "--format", "csv", "--from", example)
	header, _, _ = strings.Cut(r.stdout, "\n")
	if !strings.HasSuffix(header, ",mixing_unknown_unknown,reciprocity") {
		t.Errorf("network CSV header %q: want reciprocity after the mixing columns", header)
	}
}
