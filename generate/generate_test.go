package generate

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

var csvFiles = []string{"partners.csv", "ties.csv", "units.csv", "memberships.csv", "people.csv", "values.csv"}

// readDir returns the bytes of the six files WriteCSV wrote to dir.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range csvFiles {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	return out
}

func writeAndRead(t *testing.T, e *graph.Ecosystem) map[string][]byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "new", "folder") // WriteCSV creates it
	if err := WriteCSV(dir, e); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	return readDir(t, dir)
}

func TestDeterminism(t *testing.T) {
	opts := Options{Partners: 2000, Ties: 9000, Seed: 42}
	a := writeAndRead(t, Ecosystem(opts))
	b := writeAndRead(t, Ecosystem(opts))
	for _, f := range csvFiles {
		if !bytes.Equal(a[f], b[f]) {
			t.Errorf("%s differs between two runs with seed %d", f, opts.Seed)
		}
	}
	opts.Seed = 43
	c := writeAndRead(t, Ecosystem(opts))
	for _, f := range csvFiles {
		if bytes.Equal(a[f], c[f]) {
			t.Errorf("%s is the same for seeds 42 and 43", f)
		}
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name             string
		opts             Options
		wantTies         int
		wantOnlyPartners bool
		wantUnits        bool
	}{
		{"one partner", Options{Partners: 1}, 0, false, true},
		{"two partners, ties capped", Options{Partners: 2, Ties: 5}, 1, false, true},
		{"ten partners, default ties", Options{Partners: 10}, 45, false, true}, // 5×10 capped at 45
		{"ten partners, complete graph", Options{Partners: 10, Ties: 45}, 45, false, true},
		{"ten partners, few ties", Options{Partners: 10, Ties: 3}, 3, false, true},
		{"hundred partners, default ties", Options{Partners: 100, Seed: 7}, 500, false, true},
		{"dense", Options{Partners: 60, Ties: 1700, Seed: 3}, 1700, false, true},
		{"sparse", Options{Partners: 1000, Ties: 400, Seed: 3}, 400, false, true},
		{"network only", Options{Partners: 500, Ties: 2000, NetworkOnly: true}, 2000, true, false},
		{"other years", Options{Partners: 300, Ties: 1200, From: 2018, To: 2020}, 1200, false, true},
		{"one year", Options{Partners: 500, From: 2020, To: 2020, Seed: 11}, 2500, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Ecosystem(tt.opts)
			if got := len(e.Partners); got != tt.opts.Partners {
				t.Errorf("got %d partners, want %d", got, tt.opts.Partners)
			}
			if got := len(e.Ties); got != tt.wantTies {
				t.Errorf("got %d ties, want %d", got, tt.wantTies)
			}
			if ps := e.Validate(); len(ps) > 0 {
				t.Fatalf("Validate: %d problems, first: %v", len(ps), ps[0])
			}
			if got := len(e.Ties); got != tt.wantTies {
				t.Errorf("after Validate: got %d ties, want %d (self-loops dropped?)", got, tt.wantTies)
			}
			checkSimple(t, e)
			checkDates(t, e, tt.opts)
			if tt.wantOnlyPartners {
				c := e.Counts()
				if c.Units+c.Memberships+c.People+c.Values > 0 {
					t.Errorf("NetworkOnly: got %+v, want only partners and ties", c)
				}
			}
			if tt.wantUnits {
				checkUnits(t, e)
				checkValues(t, e)
			}
		})
	}
}

// checkSimple fails on self-loops and on undirected pairs tied more than once.
func checkSimple(t *testing.T, e *graph.Ecosystem) {
	t.Helper()
	seen := map[[2]string]bool{}
	for _, tie := range e.Ties {
		if tie.Source == tie.Target {
			t.Fatalf("self-loop on %s", tie.Source)
		}
		if tie.Directed {
			t.Fatalf("tie %s-%s is directed, want undirected", tie.Source, tie.Target)
		}
		k := [2]string{min(tie.Source, tie.Target), max(tie.Source, tie.Target)}
		if seen[k] {
			t.Fatalf("pair %v tied twice", k)
		}
		seen[k] = true
		if tie.Weight < 1 || tie.Weight > 5 || tie.Weight != math.Trunc(tie.Weight) {
			t.Fatalf("tie %v has weight %v, want 1 to 5", k, tie.Weight)
		}
	}
}

// checkDates fails on dates outside From..To, ties that start before either
// partner joined or outlive a partner, and memberships outside the periods
// of their unit.
func checkDates(t *testing.T, e *graph.Ecosystem, opts Options) {
	t.Helper()
	opts = opts.withDefaults()
	lo, hi := graph.NewDate(opts.From, 1, 1), graph.NewDate(opts.To, 12, 31)
	in := func(what string, d graph.Date) {
		t.Helper()
		if !d.IsZero() && (d.Start() < lo.Start() || d.End() > hi.End()) {
			t.Fatalf("%s: date %s outside %d-%d", what, d, opts.From, opts.To)
		}
	}
	partners := map[string]graph.Partner{}
	for _, p := range e.Partners {
		if p.Since.IsZero() {
			t.Fatalf("partner %s has no since", p.ID)
		}
		in("partner "+p.ID, p.Since)
		in("partner "+p.ID, p.Until)
		partners[p.ID] = p
	}
	for _, tie := range e.Ties {
		in("tie", tie.Since)
		in("tie", tie.Until)
		for _, id := range []string{tie.Source, tie.Target} {
			p := partners[id]
			if tie.Since.Start() < p.Since.Start() {
				t.Fatalf("tie %s-%s starts %s, before %s joined on %s", tie.Source, tie.Target, tie.Since, id, p.Since)
			}
			if !p.Until.IsZero() && (tie.Until.IsZero() || tie.Until.End() > p.Until.End()) {
				t.Fatalf("tie %s-%s ends %q, after %s left on %s", tie.Source, tie.Target, tie.Until, id, p.Until)
			}
		}
	}
	units := map[string]graph.Unit{}
	for _, u := range e.Units {
		in("unit "+u.ID, u.Since)
		in("unit "+u.ID, u.Until)
		units[u.ID] = u
	}
	for _, m := range e.Memberships {
		u := units[m.Unit]
		if m.Since.Start() < u.Since.Start() || (!u.Until.IsZero() && (m.Until.IsZero() || m.Until.End() > u.Until.End())) {
			t.Fatalf("membership of %s in %s (%s to %s) outside the unit (%s to %s)", m.Member, m.Unit, m.Since, m.Until, u.Since, u.Until)
		}
	}
	for _, v := range e.Values {
		in("value", v.Date)
	}
}

// checkUnits fails unless there is one ecosystem at the root, fieldlabs under
// it, teams under fieldlabs, and a PLC and a CoP.
func checkUnits(t *testing.T, e *graph.Ecosystem) {
	t.Helper()
	forms := map[graph.Form]int{}
	levels := map[string]graph.Level{}
	for _, u := range e.Units {
		forms[u.Form]++
		levels[u.ID] = u.Level
	}
	for _, u := range e.Units {
		var want graph.Level
		switch u.Form {
		case graph.FormEcosystem:
			want = ""
		case graph.FormInnovationTeam, graph.FormGenerativeGroup:
			want = graph.LevelFieldlab
		default:
			want = graph.LevelEcosystem
		}
		if got := levels[u.Parent]; got != want {
			t.Errorf("unit %s (%s) has parent %q of level %q, want level %q", u.ID, u.Form, u.Parent, got, want)
		}
	}
	if forms[graph.FormEcosystem] != 1 || forms[graph.FormPLC] < 1 || forms[graph.FormCoP] < 1 ||
		forms[graph.FormInnovationTeam]+forms[graph.FormGenerativeGroup] < 1 {
		t.Errorf("got forms %v, want one ecosystem and at least one team, PLC and CoP", forms)
	}
	members := map[string]int{}
	for _, m := range e.Memberships {
		members[m.Unit]++
	}
	for _, u := range e.Units {
		if members[u.ID] == 0 {
			t.Errorf("unit %s has no members", u.ID)
		}
	}
}

// checkValues fails unless every cycle, capital and outcome level occurs.
func checkValues(t *testing.T, e *graph.Ecosystem) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range e.Values {
		seen["cycle "+string(v.Cycle)] = true
		seen["capital "+string(v.Capital)] = true
		seen["level "+string(v.Level)] = true
	}
	var want []string
	for _, c := range graph.Cycles {
		want = append(want, "cycle "+string(c))
	}
	for _, c := range graph.Capitals {
		want = append(want, "capital "+string(c))
	}
	for _, l := range graph.OutcomeLevels {
		want = append(want, "level "+string(l))
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("no value record with %s", w)
		}
	}
}

func TestSmallSizes(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for seed := range int64(3) {
			opts := Options{Partners: n, Seed: seed}
			e := Ecosystem(opts)
			if ps := e.Validate(); len(ps) > 0 {
				t.Fatalf("%+v: Validate: %v", opts, ps[0])
			}
			if want := min(5*n, MaxTies(n)); len(e.Ties) != want {
				t.Fatalf("%+v: got %d ties, want %d", opts, len(e.Ties), want)
			}
			checkSimple(t, e)
			checkDates(t, e, opts)
			checkUnits(t, e)
			checkValues(t, e)
		}
	}
}

func TestHelixMix(t *testing.T) {
	const n = 10000
	e := Ecosystem(Options{Partners: n, Seed: 1, NetworkOnly: true})
	count := map[graph.Helix]int{}
	helix := map[string]graph.Helix{}
	for _, p := range e.Partners {
		count[p.Helix]++
		helix[p.ID] = p.Helix
		if p.Sector != graph.DefaultSector(p.Helix) {
			count["override"]++
		}
	}
	for i, h := range graph.Helices {
		got := float64(count[h]) / n
		if math.Abs(got-helixMix[i]) > 0.005 {
			t.Errorf("share of %s: got %.4f, want %.2f ± 0.005", h, got, helixMix[i])
		}
	}
	if count["override"] == 0 || count["override"] > n/10 {
		t.Errorf("got %d partners with a sector other than their helix default, want a few", count["override"])
	}

	// Homophily: more ties within a helix type than random mixing gives (Σ share²).
	within, random := 0, 0.0
	for _, tie := range e.Ties {
		if helix[tie.Source] == helix[tie.Target] {
			within++
		}
	}
	for _, s := range helixMix {
		random += s * s
	}
	if got := float64(within) / float64(len(e.Ties)); got < random+0.1 {
		t.Errorf("share of ties within a helix type: got %.3f, want more than %.3f (random mixing %.3f)", got, random+0.1, random)
	}

	// Preferential attachment: a heavy tail of degrees.
	degree := map[string]int{}
	for _, tie := range e.Ties {
		degree[tie.Source]++
		degree[tie.Target]++
	}
	maxDeg := 0
	for _, d := range degree {
		maxDeg = max(maxDeg, d)
	}
	if mean := 2 * float64(len(e.Ties)) / n; float64(maxDeg) < 10*mean {
		t.Errorf("largest degree %d, want at least 10 times the mean %.1f", maxDeg, mean)
	}
}

func TestGrowth(t *testing.T) {
	e := Ecosystem(Options{Partners: 3000, Seed: 5})
	first, last := e.At(graph.NewDate(DefaultFrom, 0, 0)), e.At(graph.NewDate(DefaultTo, 0, 0))
	if len(first.Partners) == 0 || 2*len(first.Partners) >= len(last.Partners) {
		t.Errorf("partners active in %d: %d, in %d: %d; want growth to more than twice", DefaultFrom, len(first.Partners), DefaultTo, len(last.Partners))
	}
	if len(first.Ties) >= len(last.Ties) {
		t.Errorf("ties active in %d: %d, in %d: %d; want growth", DefaultFrom, len(first.Ties), DefaultTo, len(last.Ties))
	}
	// More join in the second half than in the first.
	mid := (DefaultFrom + DefaultTo) / 2
	early, late := 0, 0
	for _, p := range e.Partners {
		if p.Since.Year() <= mid {
			early++
		} else {
			late++
		}
	}
	if late <= early {
		t.Errorf("partners joined up to %d: %d, after: %d; want more later", mid, early, late)
	}
	ended := 0
	for _, tie := range e.Ties {
		if !tie.Until.IsZero() {
			ended++
		}
	}
	if ended == 0 || ended > len(e.Ties)/4 {
		t.Errorf("%d of %d ties end, want some", ended, len(e.Ties))
	}
}

func TestPanics(t *testing.T) {
	for _, opts := range []Options{{}, {Partners: -1}, {Partners: 3, Ties: -1}, {Partners: 3, From: 2020, To: 2019}} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "generate: ") {
					t.Errorf("Ecosystem(%+v): got panic %v, want one starting with %q", opts, r, "generate: ")
				}
			}()
			Ecosystem(opts)
		}()
	}
}

func TestWriteCSV(t *testing.T) {
	e := Ecosystem(Options{Partners: 300, Seed: 9})
	// Fields that need quoting.
	e.Partners[0].Name = `Stichting "De Kring", Zuid`
	e.Partners[1].Name = " leading space"
	e.Partners[2].Name = "two\nlines"
	e.Ties[0].Directed = true
	e.Ties[0].Weight = 2.5
	e.Units[0].Until = graph.NewDate(2026, 6, 0)
	files := writeAndRead(t, e)

	parse := func(name string) [][]string {
		t.Helper()
		r := csv.NewReader(bytes.NewReader(files[name]))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return rows
	}
	check := func(name string, header []string, n int, row func(i int) []string) {
		t.Helper()
		rows := parse(name)
		if got, want := strings.Join(rows[0], ","), strings.Join(header, ","); got != want {
			t.Errorf("%s header: got %s, want %s", name, got, want)
		}
		if len(rows)-1 != n {
			t.Fatalf("%s: got %d rows, want %d", name, len(rows)-1, n)
		}
		for i := range n {
			if got, want := rows[i+1], row(i); strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Fatalf("%s row %d: got %q, want %q", name, i+1, got, want)
			}
		}
	}
	check("partners.csv", partnersHeader, len(e.Partners), func(i int) []string {
		p := e.Partners[i]
		return []string{p.ID, p.Name, string(p.Helix), string(p.Sector), p.Kind, p.Region, p.Since.String(), p.Until.String()}
	})
	check("ties.csv", tiesHeader, len(e.Ties), func(i int) []string {
		x := e.Ties[i]
		w := "2.5"
		if i > 0 {
			w = string(rune('0' + int(x.Weight)))
		}
		d := "false"
		if x.Directed {
			d = "true"
		}
		return []string{x.Source, x.Target, x.Type, w, x.Since.String(), x.Until.String(), d}
	})
	check("units.csv", unitsHeader, len(e.Units), func(i int) []string {
		u := e.Units[i]
		return []string{u.ID, u.Name, string(u.Level), string(u.Form), u.Parent, u.Challenge, u.Since.String(), u.Until.String(), u.Cadence}
	})
	check("memberships.csv", membershipsHeader, len(e.Memberships), func(i int) []string {
		m := e.Memberships[i]
		return []string{m.Unit, m.Member, string(m.Role), m.Since.String(), m.Until.String()}
	})
	check("people.csv", peopleHeader, len(e.People), func(i int) []string {
		p := e.People[i]
		return []string{p.ID, p.Name, p.Partner, p.Discipline, p.Role}
	})
	check("values.csv", valuesHeader, len(e.Values), func(i int) []string {
		v := e.Values[i]
		return []string{v.Reporter, v.Unit, string(v.Cycle), string(v.Capital), string(v.Level), v.Date.String(), v.Description}
	})

	// The quoting is encoding/csv's, byte for byte.
	var want bytes.Buffer
	w := csv.NewWriter(&want)
	w.Write(partnersHeader)
	for _, p := range e.Partners {
		w.Write([]string{p.ID, p.Name, string(p.Helix), string(p.Sector), p.Kind, p.Region, p.Since.String(), p.Until.String()})
	}
	w.Flush()
	if !bytes.Equal(files["partners.csv"], want.Bytes()) {
		t.Errorf("partners.csv differs from what encoding/csv writes")
	}
}

func TestWriteCSVEmpty(t *testing.T) {
	files := writeAndRead(t, &graph.Ecosystem{})
	for _, f := range csvFiles {
		if n := bytes.Count(files[f], []byte("\n")); n != 1 {
			t.Errorf("%s: got %d lines, want the header only", f, n)
		}
	}
}

func TestWriteCSVError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(filepath.Join(file, "sub"), &graph.Ecosystem{}); err == nil {
		t.Error("WriteCSV into a path below a file: got no error")
	}
}

// WriteCSV replaces a symbolic link in dir by a file and leaves what it
// points to alone (issue 9: generate wrote through a link at ties.csv).
func TestWriteCSVReplacesLinks(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "precious.csv")
	if err := os.WriteFile(precious, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(out, "ties.csv")
	if err := os.Symlink(precious, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(out, Ecosystem(Options{Partners: 20, Seed: 1})); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "keep me\n" {
		t.Errorf("the link's target was written: %.100q", b)
	}
	fi, err := os.Lstat(link)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("ties.csv: %v, %v; want a regular file", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := slices.Sorted(slices.Values(CSVFiles())); !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v", names, want)
	}
}

func TestAppendDate(t *testing.T) {
	for _, d := range []graph.Date{{}, graph.NewDate(2019, 0, 0), graph.NewDate(2019, 3, 0), graph.NewDate(2019, 3, 7),
		graph.NewDate(1, 1, 1), graph.NewDate(9999, 12, 31), graph.NewDate(987, 10, 0)} {
		if got, want := string(appendDate(nil, d)), d.String(); got != want {
			t.Errorf("appendDate(%v): got %q, want %q", d, got, want)
		}
	}
}

func TestQuotas(t *testing.T) {
	tests := []struct {
		n    int
		want [5]int
	}{
		{1, [5]int{0, 1, 0, 0, 0}},
		{10, [5]int{2, 4, 1, 2, 1}}, // remainders .5 .5 .5 .7 .8: environment, civil society, then academia
		{100, [5]int{15, 45, 15, 17, 8}},
	}
	for _, tt := range tests {
		if got := quotas(tt.n, helixMix); got != tt.want {
			t.Errorf("quotas(%d): got %v, want %v", tt.n, got, tt.want)
		}
	}
}
