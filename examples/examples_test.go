package examples_test

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/importers"
)

const (
	dir      = "energieke-regio"
	jsonFile = "energieke-regio.json"
)

var csvFiles = []string{"partners.csv", "ties.csv", "units.csv", "memberships.csv", "people.csv", "values.csv"}

// read reads a data set with importers.Read and fails on any problem,
// warnings included.
func read(t *testing.T, path string) *graph.Ecosystem {
	t.Helper()
	e, ps, err := importers.Read(path)
	for _, p := range ps {
		t.Errorf("%s: %v", path, p)
	}
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return e
}

// stripPos clears the positions, which differ between a CSV and a JSON file.
func stripPos(e *graph.Ecosystem) {
	for i := range e.Partners {
		e.Partners[i].Pos = graph.Pos{}
	}
	for i := range e.People {
		e.People[i].Pos = graph.Pos{}
	}
	for i := range e.Units {
		e.Units[i].Pos = graph.Pos{}
	}
	for i := range e.Memberships {
		e.Memberships[i].Pos = graph.Pos{}
	}
	for i := range e.Ties {
		e.Ties[i].Pos = graph.Pos{}
	}
	for i := range e.Values {
		e.Values[i].Pos = graph.Pos{}
	}
}

func TestEnergiekeRegioJSONMatchesCSV(t *testing.T) {
	c, j := read(t, dir), read(t, jsonFile)
	stripPos(c)
	stripPos(j)
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"partners", j.Partners, c.Partners}, {"people", j.People, c.People}, {"units", j.Units, c.Units},
		{"memberships", j.Memberships, c.Memberships}, {"ties", j.Ties, c.Ties}, {"values", j.Values, c.Values},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s in %s differ from those in %s/", f.name, jsonFile, dir)
		}
	}
}

// TestEnergiekeRegioIsMadeByMake runs make.go and compares its output with
// the committed files.
func TestEnergiekeRegioIsMadeByMake(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out := t.TempDir()
	cmd := exec.Command(goTool, "run", filepath.Join(dir, "make.go"), "-dir", out, "-json", filepath.Join(out, jsonFile))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run make.go: %v\n%s", err, b)
	}
	for _, f := range append(slices.Clone(csvFiles), jsonFile) {
		committed := filepath.Join(dir, f)
		if f == jsonFile {
			committed = jsonFile
		}
		want, err := os.ReadFile(committed)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what make.go writes: run go generate ./examples", committed)
		}
	}
}

func TestEnergiekeRegio(t *testing.T) {
	e := read(t, dir)
	ix := graph.NewIndex(e)

	t.Run("partners", func(t *testing.T) {
		if n := len(e.Partners); n < 150 {
			t.Errorf("got %d partners, want at least 150", n)
		}
		count := map[graph.Helix]int{}
		for _, p := range e.Partners {
			count[p.Helix]++
			if p.Name == p.ID || p.Kind == "" || p.Region == "" {
				t.Errorf("partner %s lacks a name, kind or region", p.ID)
			}
		}
		for _, h := range graph.Helices {
			if count[h] == 0 {
				t.Errorf("no partner of helix type %s", h)
			}
		}
		// Civil society and the natural environment are the two smallest.
		for _, big := range []graph.Helix{graph.Academia, graph.Industry, graph.Government} {
			for _, small := range []graph.Helix{graph.CivilSociety, graph.Environment} {
				if count[small] >= count[big] {
					t.Errorf("got %d %s and %d %s partners, want fewer %s", count[small], small, count[big], big, small)
				}
			}
		}
		if count[graph.HelixUnknown] > 0 {
			t.Errorf("%d partners of unknown helix type", count[graph.HelixUnknown])
		}
	})

	t.Run("units", func(t *testing.T) {
		byID := map[string]graph.Unit{}
		for _, u := range e.Units {
			byID[u.ID] = u
		}
		var ecosystems, fieldlabs, teams, plcs, cops int
		for _, u := range e.Units {
			parent := byID[u.Parent]
			switch u.Form {
			case graph.FormEcosystem, graph.FormPublicPrivatePartnership:
				ecosystems++
			case graph.FormFieldlab, graph.FormLivingLab, graph.FormInnovationHub, graph.FormCentreOfExpertise:
				if parent.Level == graph.LevelEcosystem {
					fieldlabs++
				}
			case graph.FormInnovationTeam, graph.FormGenerativeGroup:
				if parent.Level == graph.LevelFieldlab && !u.Since.IsZero() && !u.Until.IsZero() {
					teams++
				}
			case graph.FormPLC:
				plcs++
			case graph.FormCoP:
				cops++
			}
			if u.Challenge == "" || u.Cadence == "" {
				t.Errorf("unit %s lacks a challenge or cadence", u.ID)
			}
		}
		if ecosystems != 1 || fieldlabs < 3 || teams < 8 || plcs < 1 || cops < 1 {
			t.Errorf("got %d ecosystems, %d fieldlabs under one, %d teams with a fixed term under a fieldlab, %d PLCs and %d CoPs; want 1, ≥3, ≥8, ≥1, ≥1",
				ecosystems, fieldlabs, teams, plcs, cops)
		}
	})

	t.Run("plc and cop", func(t *testing.T) {
		orgs, disciplines := map[string]map[string]bool{}, map[string]map[string]bool{}
		form := map[string]graph.Form{}
		for _, u := range e.Units {
			form[u.ID] = u.Form
			orgs[u.ID], disciplines[u.ID] = map[string]bool{}, map[string]bool{}
		}
		for _, m := range e.Memberships {
			if i, ok := ix.Person[m.Member]; ok {
				orgs[m.Unit][e.People[i].Partner] = true
				disciplines[m.Unit][e.People[i].Discipline] = true
			} else {
				orgs[m.Unit][m.Member] = true
				disciplines[m.Unit]["(a partner)"] = true
			}
		}
		for id, f := range form {
			if f == graph.FormPLC && len(orgs[id]) != 1 {
				t.Errorf("PLC %s has members of %d organisations, want one", id, len(orgs[id]))
			}
			if f == graph.FormCoP && len(disciplines[id]) != 1 {
				t.Errorf("CoP %s has members of %d disciplines, want one", id, len(disciplines[id]))
			}
		}
	})

	t.Run("people", func(t *testing.T) {
		n := 0
		for _, p := range e.People {
			if p.Discipline != "" && p.Role != "" {
				n++
			}
		}
		if n < 60 {
			t.Errorf("got %d people with a discipline and a role, want at least 60", n)
		}
	})

	t.Run("values", func(t *testing.T) {
		seen := map[string]bool{}
		for _, v := range e.Values {
			seen["cycle "+string(v.Cycle)] = true
			seen["capital "+string(v.Capital)] = true
			seen["level "+string(v.Level)] = true
			if v.Unit == "" || v.Description == "" || v.Date.IsZero() {
				t.Errorf("value record of %s lacks a unit, description or date", v.Reporter)
			}
		}
		for _, c := range graph.Cycles {
			if !seen["cycle "+string(c)] {
				t.Errorf("no value record in cycle %s", c)
			}
		}
		for _, c := range graph.Capitals {
			if !seen["capital "+string(c)] {
				t.Errorf("no potential value in capital %s", c)
			}
		}
		for _, l := range graph.OutcomeLevels {
			if !seen["level "+string(l)] {
				t.Errorf("no value record at outcome level %s", l)
			}
		}
	})

	t.Run("dates", func(t *testing.T) {
		lo, hi := graph.NewDate(2018, 1, 1).Start(), graph.NewDate(2026, 12, 31).End()
		check := func(what string, d graph.Date, required bool) {
			t.Helper()
			if d.IsZero() {
				if required {
					t.Errorf("%s: no date", what)
				}
				return
			}
			if d.Start() < lo || d.End() > hi {
				t.Errorf("%s: date %s outside 2018-2026", what, d)
			}
		}
		for _, p := range e.Partners {
			check("partner "+p.ID, p.Since, true)
			check("partner "+p.ID, p.Until, false)
		}
		for _, u := range e.Units {
			check("unit "+u.ID, u.Since, true)
			check("unit "+u.ID, u.Until, false)
		}
		for _, m := range e.Memberships {
			check("membership "+m.Unit+" "+m.Member, m.Since, true)
			check("membership "+m.Unit+" "+m.Member, m.Until, false)
		}
		for _, x := range e.Ties {
			check("tie "+x.Source+" "+x.Target, x.Since, true)
			check("tie "+x.Source+" "+x.Target, x.Until, false)
		}
		for _, v := range e.Values {
			check("value of "+v.Reporter, v.Date, true)
		}
	})

	t.Run("ties", func(t *testing.T) {
		y2019, y2026 := e.At(graph.NewDate(2019, 0, 0)), e.At(graph.NewDate(2026, 0, 0))
		if len(y2026.Ties) <= len(y2019.Ties) || len(y2026.Partners) <= len(y2019.Partners) {
			t.Errorf("active in 2019: %d partners, %d ties; in 2026: %d partners, %d ties; want growth",
				len(y2019.Partners), len(y2019.Ties), len(y2026.Partners), len(y2026.Ties))
		}
		var people, ended, directed int
		types := map[string]bool{}
		for _, x := range e.Ties {
			_, s := ix.Person[x.Source]
			_, d := ix.Person[x.Target]
			if s && d {
				people++
			}
			if !x.Until.IsZero() {
				ended++
			}
			if x.Directed {
				directed++
			}
			if x.Weight < 1 || x.Weight > 5 {
				t.Errorf("tie %s-%s has weight %v, want 1 to 5", x.Source, x.Target, x.Weight)
			}
			types[x.Type] = true
		}
		if people == 0 || ended == 0 || directed == 0 || len(types) < 5 {
			t.Errorf("got %d person-person ties, %d ended, %d directed, %d types; want some of each and at least 5 types",
				people, ended, directed, len(types))
		}
	})

	t.Run("structure", func(t *testing.T) {
		helix := map[string]graph.Helix{}
		for _, p := range e.Partners {
			helix[p.ID] = p.Helix
		}
		degree := map[string]int{}
		bridges := map[string]bool{}
		for _, x := range e.PartnerTies() {
			degree[x.Source]++
			degree[x.Target]++
			s, d := helix[x.Source], helix[x.Target]
			if s == graph.Environment && d != graph.Environment {
				bridges[x.Target] = true
			}
			if d == graph.Environment && s != graph.Environment {
				bridges[x.Source] = true
			}
		}
		var isolated, weak []string
		for _, p := range e.Partners {
			switch degree[p.ID] {
			case 0:
				isolated = append(isolated, p.ID)
			case 1:
				weak = append(weak, p.ID)
			}
		}
		if len(isolated) == 0 || len(isolated) > 5 || len(weak) == 0 {
			t.Errorf("got isolated partners %v and partners with one tie %v; want a few of each", isolated, weak)
		}
		if len(bridges) != 1 {
			t.Errorf("partners tying the environment organisations to the rest: %v, want exactly one", slices.Sorted(maps.Keys(bridges)))
		}

		// A team without government and a fieldlab without civil society.
		members := e.UnitPartners()
		missing := func(level graph.Level, h graph.Helix) []string {
			var out []string
			for _, u := range e.Units {
				if u.Level != level || u.Form == graph.FormPLC || u.Form == graph.FormCoP {
					continue
				}
				has := false
				for _, p := range members[u.ID] {
					has = has || helix[p] == h
				}
				if !has {
					out = append(out, u.ID)
				}
			}
			return out
		}
		if got := missing(graph.LevelTeam, graph.Government); len(got) == 0 {
			t.Error("every team has a government partner, want one without")
		}
		if got := missing(graph.LevelFieldlab, graph.CivilSociety); len(got) == 0 {
			t.Error("every fieldlab has a civil society partner, want one without")
		}
	})
}
