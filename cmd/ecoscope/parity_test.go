package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// parityRuns are the analyses that TestStoreAndFilesAgree runs both ways:
// every analysis command, in JSON, with the options that change what is
// read or how the network is made.
var parityRuns = [][]string{
	{"report", "--format", "json"},
	{"report", "--format", "json", "--at", "2019"},
	{"metrics", "--level", "network"},
	{"metrics", "--level", "network", "--ties", "explicit"},
	{"metrics", "--level", "network", "--ties", "units", "--at", "2020-06"},
	{"metrics", "--level", "units"},
	{"metrics", "--level", "nodes"},
	{"metrics", "--level", "nodes", "--ties", "explicit", "--at", "2021"},
	{"gaps", "--format", "json"},
	{"gaps", "--format", "json", "--ties", "explicit"},
	{"growth", "--format", "json"},
	{"growth", "--format", "json", "--every", "quarter", "--ties", "explicit"},
	{"diff", "--format", "json", "--at", "2018", "--at", "2022"},
	{"check", "--format", "json"},
	{"check", "--format", "json", "--at", "2020"},
	{"values", "--format", "json"},
}

// TestStoreAndFilesAgree runs every analysis on data read from files
// (--from) and from a store the same data was imported into: the answers
// must be identical (issue 8: ties with one key were merged by the store
// and kept apart by --from). Then it imports the same data again: nothing
// may be reported updated.
func TestStoreAndFilesAgree(t *testing.T) {
	sets := map[string]string{
		"example":                  example,
		"generated-repeated-pairs": repeatedPairsSet(t),
		"cordis-like-ids":          cordisLikeSet(t, true),
		"cordis-like-no-ids":       cordisLikeSet(t, false),
	}
	for name, dir := range sets {
		t.Run(name, func(t *testing.T) {
			env, _ := storeEnv(t)
			imp := ecoscope(t, env, "import", dir)
			if imp.code != exitOK {
				t.Fatalf("import: exit %d\n%s", imp.code, imp.err)
			}
			for _, args := range parityRuns {
				files := ecoscope(t, nil, append(slicesClone(args), "--from", dir)...)
				store := ecoscope(t, env, args...)
				if files.code != store.code {
					t.Errorf("%s: exit %d from files, %d from the store\n%s\n%s", strings.Join(args, " "), files.code, store.code, files.err, store.err)
					continue
				}
				if files.code != exitOK {
					continue // the same error both ways; TestStoreAndFilesAgreeErrors has those
				}
				a, b := withoutSource(t, files.stdout), withoutSource(t, store.stdout)
				if a != b {
					t.Errorf("%s: the store and --from differ:\nfiles: %.600s\nstore: %.600s\nfirst difference at byte %d",
						strings.Join(args, " "), a, b, firstDiff(a, b))
				}
			}
			again := ecoscope(t, env, "import", dir)
			if again.code != exitOK {
				t.Fatalf("re-import: exit %d\n%s", again.code, again.err)
			}
			for _, line := range strings.Split(strings.TrimSpace(again.stdout), "\n")[2:] {
				f := strings.Fields(line)
				if len(f) != 5 || f[2] != "0" || f[3] != "0" {
					t.Errorf("re-import row %q: want 0 added, 0 updated", line)
				}
			}
		})
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// withoutSource returns the JSON document s, re-encoded without its
// "source" keys (the store's path or the folder's).
func withoutSource(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%.300s", err, s)
	}
	var strip func(v any)
	strip = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			delete(x, "source")
			for _, y := range x {
				strip(y)
			}
		case []any:
			for _, y := range x {
				strip(y)
			}
		}
	}
	strip(v)
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func firstDiff(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// repeatedPairsSet writes a generated ecosystem whose ties repeat: exact
// copies, the same tie the other way round with another weight and a later
// until, and ties that share ends, type and since but carry ids.
func repeatedPairsSet(t *testing.T) string {
	t.Helper()
	e := generate.Ecosystem(generate.Options{Partners: 300, Seed: 3})
	rng := rand.New(rand.NewPCG(3, 8))
	n := len(e.Ties)
	for i := 0; i < n; i += 3 {
		c := e.Ties[i]
		switch rng.IntN(4) {
		case 0: // an exact copy
		case 1: // the other way round
			if !c.Directed {
				c.Source, c.Target = c.Target, c.Source
			}
			c.Weight = 0.1 + float64(rng.IntN(7))/3
			if !c.Until.IsZero() {
				c.Until = graph.NewDate(c.Until.Year()+1, 0, 0)
			}
		case 2: // two ties with ids where there was one without
			c.ID = fmt.Sprintf("p%d", i)
			d := c
			d.ID = fmt.Sprintf("q%d", i)
			d.Weight = 0.7
			e.Ties = append(e.Ties, d)
		case 3: // a copy with a weight that does not add up exactly in binary
			c.Weight = 0.1
		}
		e.Ties = append(e.Ties, c)
	}
	dir := filepath.Join(t.TempDir(), "repeated")
	if err := generate.WriteCSV(dir, e); err != nil {
		t.Fatal(err)
	}
	return dir
}

// cordisLikeSet writes a data set shaped like EU CORDIS participations:
// organisations of the CORDIS activity types, projects as team units below
// one ecosystem unit, each project dated, and every pair of organisations
// in a project joined by a tie dated by the project. Many projects start on
// the same day, so that two organisations often share two projects with the
// same since: with ids (the project) those are two ties, without they are
// combined.
func cordisLikeSet(t *testing.T, ids bool) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(20, 20))
	types := []graph.Helix{"academia", "academia", "industry", "industry", "industry", "government", "civil_society"}
	e := &graph.Ecosystem{Name: "cordis-like"}
	for i := range 150 {
		e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprintf("%d", 999000000+i*7919), Helix: types[rng.IntN(len(types))], Region: []string{"NL", "BE", "DE", "EL"}[rng.IntN(4)]})
	}
	e.Units = append(e.Units, graph.Unit{ID: "h2020", Level: graph.LevelEcosystem})
	starts := []string{"2015-01-01", "2016-05-01", "2018-01-01", "2019-09-01"}
	for p := range 80 {
		since := graph.MustParseDate(starts[rng.IntN(len(starts))])
		until := graph.NewDate(since.Year()+1+rng.IntN(3), since.Month(), since.Day())
		id := fmt.Sprintf("%d", 200000+p)
		u := graph.Unit{ID: "p" + id, Level: graph.LevelTeam, Parent: "h2020", Period: graph.Period{Since: since, Until: until}}
		e.Units = append(e.Units, u)
		// Half of the projects are drawn from a core of 20 organisations,
		// so that pairs repeat.
		pool := 150
		if p%2 == 0 {
			pool = 20
		}
		var members []string
		seen := map[int]bool{}
		for range 3 + rng.IntN(6) {
			k := rng.IntN(pool)
			if seen[k] {
				continue
			}
			seen[k] = true
			members = append(members, e.Partners[k].ID)
			role := graph.RoleMember
			if len(members) == 1 {
				role = graph.RoleCoordinator
			}
			e.Memberships = append(e.Memberships, graph.Membership{Unit: u.ID, Member: e.Partners[k].ID, Role: role})
		}
		for a := range members {
			for b := a + 1; b < len(members); b++ {
				tie := graph.Tie{Source: members[a], Target: members[b], Type: "project", Weight: 1, Period: u.Period}
				if ids {
					tie.ID = id
				}
				e.Ties = append(e.Ties, tie)
			}
		}
	}
	dir := filepath.Join(t.TempDir(), "cordis-like")
	if err := generate.WriteCSV(dir, e); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestImportCombinesRepeatedTies checks what import and --from say about
// ties that repeat a key, and that ids keep them apart.
func TestImportCombinesRepeatedTies(t *testing.T) {
	dir := cordisLikeSet(t, false)
	env, _ := storeEnv(t)
	r := ecoscope(t, env, "import", dir)
	if r.code != exitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.err)
	}
	if !strings.Contains(r.err, "tie records repeated the source, target, type, since and id of an earlier one and were combined") {
		t.Errorf("import says nothing of the combined ties:\n%s", r.err)
	}
	f := ecoscope(t, nil, "report", "--from", dir)
	if !strings.Contains(f.err, "were combined") {
		t.Errorf("--from says nothing of the combined ties:\n%s", f.err)
	}
	withIDs := cordisLikeSet(t, true)
	r = ecoscope(t, nil, "import", "--dry-run", withIDs)
	if r.code != exitOK || strings.Contains(r.err, "combined") {
		t.Errorf("ties with ids: exit %d, stderr %q; want no combining", r.code, r.err)
	}
	var buf bytes.Buffer
	buf.WriteString(r.stdout)
	if !strings.Contains(buf.String(), "ties") {
		t.Errorf("dry run output: %s", r.stdout)
	}
}
