package neo4j

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/storetest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// stored returns what Neo4j holds of a row once a write statement has run:
// the properties of row.props that are not null, with the key the
// statement matched on (id or key).
func storedProps(row any, keys ...string) props {
	r := row.(map[string]any)
	out := props{}
	for k, v := range r["props"].(map[string]any) {
		if v != nil {
			out[k] = v
		}
	}
	for _, k := range keys {
		out[k] = r[k]
	}
	return out
}

// roundTrip writes every record of e as rows and reads them back from the
// properties Neo4j would hold.
func roundTrip(t *testing.T, e *graph.Ecosystem) *graph.Ecosystem {
	t.Helper()
	out := &graph.Ecosystem{Name: e.Name}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range e.Partners {
		p, err := decodePartner(storedProps(partnerRow(&e.Partners[i]), "id"))
		must(err)
		out.Partners = append(out.Partners, p)
	}
	for i := range e.People {
		row := personRow(&e.People[i])
		partner, _ := row["partner"].(string)
		p, err := decodePerson(storedProps(row, "id"), partner)
		must(err)
		out.People = append(out.People, p)
	}
	for i := range e.Units {
		parent, _ := unitLinkRow(&e.Units[i])["parent"].(string)
		u, err := decodeUnit(storedProps(unitRow(&e.Units[i]), "id"), parent)
		must(err)
		out.Units = append(out.Units, u)
	}
	for i := range e.Memberships {
		row := membershipRow(&e.Memberships[i])
		m, err := decodeMembership(storedProps(row, "key"), row["member"].(string), row["unit"].(string))
		must(err)
		out.Memberships = append(out.Memberships, m)
	}
	for i := range e.Ties {
		row := tieRow(&e.Ties[i])
		tie, err := decodeTie(storedProps(row, "key"), row["source"].(string), row["target"].(string))
		must(err)
		out.Ties = append(out.Ties, tie)
	}
	for i := range e.Values {
		row := valueRow(&e.Values[i])
		unit, _ := row["unit"].(string)
		v, err := decodeValue(storedProps(row, "key"), row["reporter"].(string), unit)
		must(err)
		out.Values = append(out.Values, v)
	}
	return out
}

// everyPrecision returns a data set whose records hold dates of every
// precision, open periods, and the extremes of the calendar.
func everyPrecision() *graph.Ecosystem {
	dates := []string{"", "0001", "2019", "2019-03", "2019-03-05", "2020-02-29", "9999-12-31", "1999-12"}
	e := &graph.Ecosystem{Units: []graph.Unit{{ID: "u", Level: graph.LevelTeam}}}
	for i, s := range dates {
		for j, u := range dates {
			id := fmt.Sprintf("p%d-%d", i, j)
			per := graph.Period{Since: graph.MustParseDate(s), Until: graph.MustParseDate(u)}
			e.Partners = append(e.Partners, graph.Partner{ID: id, Period: per})
			e.Memberships = append(e.Memberships, graph.Membership{Unit: "u", Member: id, Period: per})
			e.Ties = append(e.Ties, graph.Tie{Source: "p0-0", Target: id, Weight: float64(i*10 + j), Period: per})
			e.Units = append(e.Units, graph.Unit{ID: "u" + id, Period: per, Parent: "u"})
		}
		e.Values = append(e.Values, graph.Value{Reporter: "p0-0", Cycle: graph.CycleApplied, Date: graph.MustParseDate(s)})
	}
	return e
}

func TestMappingRoundTrip(t *testing.T) {
	for name, e := range map[string]*graph.Ecosystem{
		"sample": storetest.Sample(), "nasty": nastyEcosystem(), "precision": everyPrecision(),
	} {
		t.Run(name, func(t *testing.T) {
			if d := storetest.Diff(roundTrip(t, e), e); d != "" {
				t.Errorf("records differ after the round trip through properties:\n%s", d)
			}
		})
	}
}

func TestDateProperties(t *testing.T) {
	for _, c := range []struct {
		in        string
		date      string
		precision any
	}{
		{"2019", "2019-01-01", "year"}, {"2019-03", "2019-03-01", "month"}, {"2019-03-05", "2019-03-05", "day"}, {"", "", nil},
	} {
		p := map[string]any{}
		putDate(p, "since", graph.MustParseDate(c.in))
		if c.date == "" {
			if p["since"] != nil || p["since_precision"] != nil {
				t.Errorf("%q: got %v, %v, want nil properties", c.in, p["since"], p["since_precision"])
			}
			continue
		}
		d, ok := p["since"].(dbtype.Date)
		if !ok || time.Time(d).Format("2006-01-02") != c.date || p["since_precision"] != c.precision {
			t.Errorf("%q: got %v (%T), %v, want Date %s, %v", c.in, p["since"], p["since"], p["since_precision"], c.date, c.precision)
		}
	}
	// A date set by hand in Browser, without a precision, is a day.
	got, err := props{"since": dbtype.Date(time.Date(2021, 4, 9, 0, 0, 0, 0, time.UTC))}.date("since")
	if err != nil || got != graph.MustParseDate("2021-04-09") {
		t.Errorf("date without precision: %v, %v", got, err)
	}
	if _, err := (props{"since": "2019"}).date("since"); err == nil {
		t.Error("a string date: no error")
	}
}

// TestUpdateClearsProperties checks that every row sets every property of
// its kind, to null where empty, so that an update leaves nothing of the
// previous values, and that partners and people clear each other's.
func TestUpdateClearsProperties(t *testing.T) {
	full := map[string][]string{
		"partner": {"name", "helix", "sector", "kind", "region", "since", "since_precision", "until", "until_precision", "discipline", "role"},
		"person":  {"name", "helix", "sector", "kind", "region", "since", "since_precision", "until", "until_precision", "discipline", "role"},
		"unit":    {"name", "level", "form", "challenge", "cadence", "since", "since_precision", "until", "until_precision"},
	}
	rows := map[string]map[string]any{
		"partner": partnerRow(&graph.Partner{ID: "x"}), "person": personRow(&graph.Person{ID: "x"}), "unit": unitRow(&graph.Unit{ID: "x"}),
	}
	for kind, keys := range full {
		p := rows[kind]["props"].(map[string]any)
		for _, k := range keys {
			if v, ok := p[k]; !ok || v != nil {
				t.Errorf("%s row of an empty record: props[%s] = %v, %v; want present and nil", kind, k, v, ok)
			}
		}
	}
}

func TestBatches(t *testing.T) {
	for _, c := range []struct{ n, size int }{{0, 3}, {1, 3}, {3, 3}, {7, 3}, {10_001, 10_000}} {
		rows := make([]int, c.n)
		for i := range rows {
			rows[i] = i
		}
		var got []int
		calls := 0
		err := batches(rows, c.size, func(b []int) error {
			calls++
			if len(b) == 0 || len(b) > c.size {
				t.Errorf("n=%d size=%d: batch of %d", c.n, c.size, len(b))
			}
			got = append(got, b...)
			return nil
		})
		if err != nil || !reflect.DeepEqual(got, rows) && c.n > 0 || calls != (c.n+c.size-1)/c.size {
			t.Errorf("n=%d size=%d: %d calls, rows %v, err %v", c.n, c.size, calls, len(got), err)
		}
	}
	stop := errors.New("stop")
	if err := batches([]int{1, 2, 3}, 1, func([]int) error { return stop }); err != stop {
		t.Errorf("error of f: got %v", err)
	}
}

func TestConfigDefaults(t *testing.T) {
	got := Config{URI: "neo4j://x"}.withDefaults()
	want := Config{URI: "neo4j://x", Database: "neo4j", BatchSize: 10_000, TxRecords: DefaultTxRecords, ConnectTimeout: 10 * time.Second}
	if got != want {
		t.Errorf("defaults: got %+v, want %+v", got, want)
	}
	set := Config{URI: "bolt://y", Database: "eco", BatchSize: 5, TxRecords: 7, ConnectTimeout: time.Second}
	if got := set.withDefaults(); got != set {
		t.Errorf("set fields changed: got %+v, want %+v", got, set)
	}
}

// countsOf returns the number of rows per statement name.
func countsOf(p *importPlan) map[string]int {
	out := map[string]int{}
	for _, s := range p.steps {
		out[s.stmt.name] += len(s.recs)
	}
	return out
}

func mustPlan(t *testing.T, old, e *graph.Ecosystem, replace bool) *importPlan {
	t.Helper()
	p, err := plan(old, e, replace)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return p
}

func TestPlanNewStore(t *testing.T) {
	e := storetest.Sample()
	p := mustPlan(t, &graph.Ecosystem{}, e, false)
	if want := (graph.ImportStats{Added: e.Counts()}); p.stats != want {
		t.Errorf("stats %+v, want %+v", p.stats, want)
	}
	c := e.Counts()
	want := map[string]int{
		"upsert partners": c.Partners, "upsert people": c.People, "upsert units": c.Units, "link units": c.Units,
		"upsert memberships": c.Memberships, "upsert ties": c.Ties, "upsert values": c.Values,
	}
	if got := countsOf(p); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	// Steps in an order in which every row finds what it refers to.
	var order []string
	for _, s := range p.steps {
		order = append(order, s.stmt.name)
	}
	if got := strings.Join(order, ", "); got != "upsert partners, upsert people, upsert units, link units, upsert memberships, upsert ties, upsert values" {
		t.Errorf("order: %s", got)
	}
	if !p.setName || p.name != e.Name {
		t.Errorf("name: %v %q", p.setName, p.name)
	}
}

func TestPlanReimportWritesNothing(t *testing.T) {
	for _, replace := range []bool{false, true} {
		p := mustPlan(t, roundTrip(t, storetest.Sample()), storetest.Sample(), replace)
		if want := (graph.ImportStats{Unchanged: storetest.Sample().Counts()}); p.stats != want {
			t.Errorf("replace=%v: stats %+v, want %+v", replace, p.stats, want)
		}
		if n := p.size(); n != 0 {
			t.Errorf("replace=%v: %d rows to write, want none: %v", replace, n, countsOf(p))
		}
	}
}

func TestPlanUpdate(t *testing.T) {
	old := roundTrip(t, storetest.Sample())
	e := storetest.Sample()
	e.Partners[2].Name = "Acme Circular B.V."
	e.Units[3].Parent = "lab1"
	e.Ties[3].Weight = 1.75
	e.Ties[5].Until = graph.MustParseDate("2023")
	e.Memberships[8].Until = graph.MustParseDate("2019-06")
	p := mustPlan(t, old, e, false)
	updated := graph.Counts{Partners: 1, Units: 1, Ties: 2, Memberships: 1}
	if p.stats.Updated != updated || p.stats.Added != (graph.Counts{}) {
		t.Errorf("stats %+v, want updated %+v", p.stats, updated)
	}
	for _, s := range p.steps {
		for i, prev := range s.prev {
			if prev == nil {
				t.Errorf("%s row %d: no previous record kept for an update", s.stmt.name, i)
			}
		}
	}
	if got := countsOf(p); got["link units"] != 1 || got["upsert ties"] != 2 {
		t.Errorf("rows %v", got)
	}

	// A directed tie a→b and an undirected a–b have one key: an update.
	two := []graph.Partner{{ID: "a"}, {ID: "b"}}
	directed := &graph.Ecosystem{Partners: two, Ties: []graph.Tie{{Source: "a", Target: "b", Weight: 1, Directed: true}}}
	undirected := &graph.Ecosystem{Partners: two, Ties: []graph.Tie{{Source: "b", Target: "a", Weight: 1}}}
	p = mustPlan(t, roundTrip(t, directed), undirected, false)
	if want := (graph.ImportStats{Updated: graph.Counts{Ties: 1}, Unchanged: graph.Counts{Partners: 2}}); p.stats != want {
		t.Errorf("directed to undirected: stats %+v, want %+v", p.stats, want)
	}
}

func TestPlanReplace(t *testing.T) {
	old := roundTrip(t, storetest.Sample())
	e := storetest.Sample()
	// Drop natuur and everything that names it; p.smit becomes a partner.
	e.Partners = e.Partners[:5:5]
	e.Partners = append(e.Partners, storetest.Sample().Partners[6:]...)
	e.Partners = append(e.Partners, graph.Partner{ID: "p.smit", Name: "Smit Advies", Helix: graph.Industry})
	e.People = e.People[:3]
	var ms []graph.Membership
	for _, m := range e.Memberships {
		if m.Member != "natuur" {
			ms = append(ms, m)
		}
	}
	e.Memberships = ms
	var ts []graph.Tie
	for _, x := range e.Ties {
		if x.Source != "natuur" && x.Target != "natuur" {
			ts = append(ts, x)
		}
	}
	e.Ties = ts
	var vs []graph.Value
	for _, v := range e.Values {
		if v.Reporter != "natuur" {
			vs = append(vs, v)
		}
	}
	e.Values = vs
	if err := e.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := plan(old, e, false); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("a partner with the id of a stored person without Replace: got %v, want ErrInvalid", err)
	}
	p := mustPlan(t, old, e, true)
	got := countsOf(p)
	if got["delete actors"] != 1 { // natuur; p.smit is relabelled, not deleted
		t.Errorf("delete actors: %d rows, want 1 (%v)", got["delete actors"], p.steps)
	}
	if got["delete ties"] == 0 || got["delete memberships"] == 0 {
		t.Errorf("rows %v: want ties and memberships of natuur deleted", got)
	}
	for _, s := range p.steps {
		if strings.HasPrefix(s.stmt.name, "delete") {
			for i, prev := range s.prev {
				if prev == nil {
					t.Errorf("%s row %d: deleted record not kept aside", s.stmt.name, i)
				}
			}
		}
		if s.stmt.name == "upsert partners" {
			for i, r := range s.rows(0, len(s.recs)) {
				if r.(map[string]any)["id"] == "p.smit" {
					if _, ok := s.prev[i].(graph.Person); !ok {
						t.Errorf("p.smit: previous record %T, want the person", s.prev[i])
					}
				}
			}
		}
	}
}

func TestPlanRefusesBadReferences(t *testing.T) {
	base := storetest.Sample()
	old := roundTrip(t, base)
	for _, c := range []struct {
		name    string
		spoil   func(e *graph.Ecosystem)
		replace bool // the case holds only with Replace
	}{
		{"tie to nobody", func(e *graph.Ecosystem) {
			e.Ties = append(e.Ties, graph.Tie{Source: "uni", Target: "nobody", Weight: 1})
		}, false},
		{"person of nobody", func(e *graph.Ecosystem) {
			e.People = append(e.People, graph.Person{ID: "x", Partner: "nobody"})
		}, false},
		{"person of a person", func(e *graph.Ecosystem) {
			e.People = append(e.People, graph.Person{ID: "x", Partner: "p.smit"})
		}, false},
		{"person id is a partner id", func(e *graph.Ecosystem) { e.People = append(e.People, graph.Person{ID: "uni"}) }, false},
		{"partner twice", func(e *graph.Ecosystem) { e.Partners = append(e.Partners, e.Partners[0]) }, false},
		{"tie twice", func(e *graph.Ecosystem) { e.Ties = append(e.Ties, e.Ties[0]) }, false},
		{"membership twice", func(e *graph.Ecosystem) { e.Memberships = append(e.Memberships, e.Memberships[0]) }, false},
		{"value twice", func(e *graph.Ecosystem) { e.Values = append(e.Values, e.Values[0]) }, false},
		{"unit of nowhere", func(e *graph.Ecosystem) {
			e.Units = append(e.Units, graph.Unit{ID: "x", Parent: "nowhere"})
		}, false},
		{"membership in nowhere", func(e *graph.Ecosystem) {
			e.Memberships = append(e.Memberships, graph.Membership{Unit: "nowhere", Member: "uni"})
		}, false},
		{"value of nobody", func(e *graph.Ecosystem) {
			e.Values = append(e.Values, graph.Value{Reporter: "nobody", Cycle: graph.CycleApplied})
		}, false},
		// Stored only: fine without Replace, refused with it.
		{"tie to a stored partner", func(e *graph.Ecosystem) {
			e.Partners = e.Partners[1:]
			e.People = nil
			e.Memberships, e.Values = nil, nil
			e.Units = nil
			e.Ties = []graph.Tie{{Source: "hs", Target: "uni", Weight: 1}}
		}, true},
	} {
		for _, replace := range []bool{false, true} {
			e := storetest.Sample()
			c.spoil(e)
			_, err := plan(old, e, replace)
			if c.replace && !replace {
				if err != nil {
					t.Errorf("%s, replace=false: %v, want no error", c.name, err)
				}
				continue
			}
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%s, replace=%v: got %v, want an error wrapping graph.ErrInvalid", c.name, replace, err)
			}
		}
	}
}

func TestChunk(t *testing.T) {
	mk := func(name string, n int) step {
		s := step{stmt: statement{name: name}, row: func(r any) any { return "row " + r.(string) }}
		for i := range n {
			s.add(fmt.Sprintf("%s%d", name, i), i)
		}
		return s
	}
	steps := []step{mk("a", 5), mk("b", 3), mk("c", 7)}
	for _, limit := range []int{1, 4, 5, 8, 15, 100} {
		chunks := chunk(steps, limit)
		var rows, prev []any
		for i, c := range chunks {
			n := 0
			for _, s := range c {
				n += len(s.recs)
				if len(s.prev) != len(s.recs) {
					t.Errorf("limit %d: prev not parallel to rows", limit)
				}
				rows = append(rows, s.rows(0, len(s.recs))...)
				prev = append(prev, s.prev...)
			}
			if n > limit || n == 0 || n < limit && i < len(chunks)-1 {
				t.Errorf("limit %d: transaction %d has %d rows", limit, i, n)
			}
		}
		if want := (15 + limit - 1) / limit; len(chunks) != want {
			t.Errorf("limit %d: %d transactions, want %d", limit, len(chunks), want)
		}
		var want []any
		for _, s := range steps {
			want = append(want, s.rows(0, len(s.recs))...)
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("limit %d: rows %v, want %v in order", limit, rows, want)
		}
		var wantPrev []any
		for _, s := range steps {
			wantPrev = append(wantPrev, s.prev...)
		}
		if !reflect.DeepEqual(prev, wantPrev) {
			t.Errorf("limit %d: previous records %v, want %v", limit, prev, wantPrev)
		}
	}
}

// TestUndo checks that the records an import keeps aside survive their
// trip through JSON and become the rows that write them back.
func TestUndo(t *testing.T) {
	old := roundTrip(t, nastyEcosystem())
	p := mustPlan(t, old, &graph.Ecosystem{Partners: []graph.Partner{{ID: "new"}}}, true)
	all := &graph.Ecosystem{}
	for _, c := range chunk(p.steps, 3) {
		for _, s := range c {
			u := undoOf(s.prev)
			if u == nil {
				continue
			}
			b, err := json.Marshal(u)
			if err != nil {
				t.Fatal(err)
			}
			var back graph.Ecosystem
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			mergeUndo(all, &back)
		}
	}
	all.Name = old.Name
	if d := storetest.Diff(all, old); d != "" {
		t.Errorf("the records kept aside are not those the import deletes:\n%s", d)
	}
	restore := restorePlan(all)
	rows := map[string]int{}
	for _, s := range restore {
		rows[s.stmt.name] += len(s.recs)
	}
	c := old.Counts()
	want := map[string]int{"upsert partners": c.Partners, "upsert people": c.People, "upsert units": c.Units, "link units": c.Units,
		"upsert memberships": c.Memberships, "upsert ties": c.Ties, "upsert values": c.Values}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("restore rows %v, want %v", rows, want)
	}
}

func TestKeys(t *testing.T) {
	ab := graph.Tie{Source: "a", Target: "b", Type: "x", Period: graph.Period{Since: graph.MustParseDate("2019")}}
	ba := ab
	ba.Source, ba.Target = "b", "a"
	if tieKey(ab.Key()) != tieKey(ba.Key()) {
		t.Error("an undirected tie a–b and b–a: different keys")
	}
	ba.Directed, ab.Directed = true, true
	if tieKey(ab.Key()) == tieKey(ba.Key()) {
		t.Error("directed ties a→b and b→a: one key")
	}
	// Parts that hold the separator of a naive join stay apart.
	if jsonKey("a\",\"b", "c") == jsonKey("a", "b\",\"c") || jsonKey("a", "") == jsonKey("a") {
		t.Error("jsonKey is ambiguous")
	}
	// It is a JSON array of the parts.
	for _, parts := range [][]string{{}, {""}, {"a", "b"}, {`q"uote`, `back\slash`, "nl\n", "nul\x00", "Zoë 🌱", "<&>", "\u2028"}} {
		var back []string
		if err := json.Unmarshal([]byte(jsonKey(parts...)), &back); err != nil || !reflect.DeepEqual(back, parts) && len(parts) > 0 {
			t.Errorf("jsonKey(%q) = %s: reads back as %q, %v", parts, jsonKey(parts...), back, err)
		}
	}
	y := graph.Tie{Source: "a", Target: "b", Period: graph.Period{Since: graph.MustParseDate("2019")}}
	m := graph.Tie{Source: "a", Target: "b", Period: graph.Period{Since: graph.MustParseDate("2019-01")}}
	if tieKey(y.Key()) == tieKey(m.Key()) {
		t.Error("since 2019 and 2019-01: one key")
	}
}

func TestLiterals(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{`it's`, `'it\'s'`}, {`say "hi"`, `'say "hi"'`}, {`back\slash`, `'back\\slash'`}, {"new\nline", `'new\nline'`},
		{"}", `'}'`}, {"Zoë 🌱", `'Zoë 🌱'`}, {"nul\x00", `'nul\u0000'`}, {"\u2028", `'\u2028'`},
		{3.0, "3.0"}, {0.1, "0.1"}, {1e12, "1e12"}, {5e-324, "5e-324"}, {-2.5, "-2.5"}, {1.0 / 3, "0.3333333333333333"},
		{true, "true"}, {nil, "null"}, {int64(42), "42"},
		{dbtype.Date(time.Date(2019, 3, 5, 0, 0, 0, 0, time.UTC)), "date('2019-03-05')"},
		{map[string]any{"b": 1.5, "a": "x", "odd key": nil}, "{a: 'x', b: 1.5, `odd key`: null}"},
		{[]any{"a", 1.0}, "['a', 1.0]"},
	} {
		if got := literal(c.in); got != c.want {
			t.Errorf("literal(%#v) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestLiteralsParseBack writes every row of data sets with odd strings,
// every date precision and awkward floats as literals and parses them back
// with a small Cypher literal parser.
func TestLiteralsParseBack(t *testing.T) {
	e := nastyEcosystem()
	for i, w := range []float64{0.1, 1.0 / 3, math.Pi, math.Nextafter(1, 2), 1e-300, 5e-324, graph.MaxWeight, 123456789.123456789, 1 << 53, 1<<39 + 1.0/4096} {
		e.Ties = append(e.Ties, graph.Tie{Source: e.Partners[0].ID, Target: e.Partners[1].ID, Type: fmt.Sprint("w", i), Weight: w})
	}
	for _, d := range []*graph.Ecosystem{e, everyPrecision(), storetest.Sample()} {
		p := mustPlan(t, &graph.Ecosystem{}, d, false)
		for _, s := range p.steps {
			for _, r := range s.rows(0, len(s.recs)) {
				text := literal(r)
				got, rest, err := parseLiteral(text)
				if err != nil || strings.TrimSpace(rest) != "" {
					t.Fatalf("parse %s: %v (rest %q)", text, err, rest)
				}
				if !reflect.DeepEqual(got, normalise(r)) {
					t.Errorf("%s: parsed back %#v, want %#v", text, got, normalise(r))
				}
			}
		}
	}
}

// normalise is v as parseLiteral returns it.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = normalise(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalise(x)
		}
		return out
	case dbtype.Date:
		return time.Time(v).Format("2006-01-02")
	}
	return v
}

// parseLiteral parses a Cypher literal as literal writes them: null,
// booleans, integers, floats, single-quoted strings, date('...'), maps and
// lists. It returns what follows.
func parseLiteral(s string) (any, string, error) {
	s = strings.TrimLeft(s, " \n")
	switch {
	case strings.HasPrefix(s, "null"):
		return nil, s[4:], nil
	case strings.HasPrefix(s, "true"):
		return true, s[4:], nil
	case strings.HasPrefix(s, "false"):
		return false, s[5:], nil
	case strings.HasPrefix(s, "date("):
		v, rest, err := parseLiteral(s[5:])
		if err != nil || !strings.HasPrefix(rest, ")") {
			return nil, s, fmt.Errorf("bad date at %q", s)
		}
		return v, rest[1:], nil
	case strings.HasPrefix(s, "'"):
		var b strings.Builder
		for i := 1; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			switch r {
			case '\'':
				return b.String(), s[i+1:], nil
			case '\\':
				e := s[i+1]
				i += 2
				switch e {
				case 'n':
					b.WriteByte('\n')
				case 'r':
					b.WriteByte('\r')
				case 't':
					b.WriteByte('\t')
				case 'b':
					b.WriteByte('\b')
				case 'f':
					b.WriteByte('\f')
				case '\\', '\'', '"':
					b.WriteByte(e)
				case 'u':
					x, err := strconv.ParseUint(s[i:i+4], 16, 32)
					if err != nil {
						return nil, s, err
					}
					b.WriteRune(rune(x))
					i += 4
				default:
					return nil, s, fmt.Errorf("bad escape \\%c", e)
				}
				continue
			}
			b.WriteRune(r)
			i += n
		}
		return nil, s, errors.New("unterminated string")
	case strings.HasPrefix(s, "{"):
		m := map[string]any{}
		s = strings.TrimLeft(s[1:], " ")
		for !strings.HasPrefix(s, "}") {
			var key string
			if strings.HasPrefix(s, "`") {
				end := strings.Index(s[1:], "`")
				key, s = s[1:end+1], s[end+2:]
			} else {
				end := strings.Index(s, ":")
				key, s = s[:end], s[end:]
			}
			if !strings.HasPrefix(s, ": ") {
				return nil, s, fmt.Errorf("want : after key %s", key)
			}
			v, rest, err := parseLiteral(s[2:])
			if err != nil {
				return nil, s, err
			}
			m[key] = v
			s = strings.TrimPrefix(strings.TrimLeft(rest, " "), ",")
			s = strings.TrimLeft(s, " ")
		}
		return m, s[1:], nil
	case strings.HasPrefix(s, "["):
		var l []any
		s = strings.TrimLeft(s[1:], " \n")
		for !strings.HasPrefix(s, "]") {
			v, rest, err := parseLiteral(s)
			if err != nil {
				return nil, s, err
			}
			l = append(l, v)
			s = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(rest, " \n"), ","), " \n")
		}
		return l, s[1:], nil
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.-e", r) })
	if end < 0 {
		end = len(s)
	}
	num := s[:end]
	if strings.ContainsAny(num, ".e") {
		f, err := strconv.ParseFloat(num, 64)
		return f, s[end:], err
	}
	n, err := strconv.ParseInt(num, 10, 64)
	return n, s[end:], err
}

// TestScript checks the shape of a script: the schema first, every
// statement ended by ;, the rows of each UNWIND those of the store's
// statements, and $rows nowhere left.
func TestScript(t *testing.T) {
	e := nastyEcosystem()
	var b bytes.Buffer
	if err := WriteScript(&b, e, ScriptOptions{BatchSize: 3}); err != nil {
		t.Fatal(err)
	}
	sts := splitScript(b.String())
	for i, st := range schema {
		if sts[i] != st.text {
			t.Errorf("statement %d: %q, want the schema's %q", i, sts[i], st.text)
		}
	}
	if !strings.HasSuffix(b.String(), ";\n") {
		t.Error("the script does not end with ;")
	}
	// In the order of the keys, whatever the order of e (sorted).
	p := mustPlan(t, &graph.Ecosystem{}, sorted(e), false)
	var want []any
	for _, s := range p.steps {
		for _, r := range s.rows(0, len(s.recs)) {
			want = append(want, normalise(r))
		}
	}
	var got []any
	for _, s := range sts[len(schema)+1:] {
		if !strings.HasPrefix(s, "UNWIND [") {
			t.Fatalf("statement %q: want UNWIND [", s[:min(len(s), 40)])
		}
		l, rest, err := parseLiteral(s[len("UNWIND "):])
		if err != nil {
			t.Fatalf("rows of %q: %v", s[:min(len(s), 60)], err)
		}
		if !strings.HasPrefix(rest, " AS row") || strings.Contains(rest, "$") {
			t.Errorf("after the rows: %q", rest)
		}
		if n := len(l.([]any)); n > 3 {
			t.Errorf("%d rows in one statement, want at most 3", n)
		}
		got = append(got, l.([]any)...)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the rows of the script differ from the store's")
	}
	// The same records in another order: the same script.
	rev := *e
	rev.Partners, rev.Ties, rev.Memberships = slices.Clone(e.Partners), slices.Clone(e.Ties), slices.Clone(e.Memberships)
	slices.Reverse(rev.Partners)
	slices.Reverse(rev.Ties)
	slices.Reverse(rev.Memberships)
	var again bytes.Buffer
	if err := WriteScript(&again, &rev, ScriptOptions{BatchSize: 3}); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() {
		t.Error("the script depends on the order of the records")
	}
	// Invalid data: an error, as for an import.
	bad := nastyEcosystem()
	bad.Ties = append(bad.Ties, graph.Tie{Source: "nobody", Target: bad.Partners[0].ID, Weight: 1})
	if err := WriteScript(&bytes.Buffer{}, bad, ScriptOptions{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("script of invalid data: %v, want ErrInvalid", err)
	}
}

func TestBind(t *testing.T) {
	got := bind("UNWIND $rows AS row SET n.g = $gen, n.x = $rows2", map[string]string{"rows": "['$gen']", "gen": "0", "rows2": "1"})
	if want := "UNWIND ['$gen'] AS row SET n.g = 0, n.x = 1"; got != want {
		t.Errorf("bind: %s, want %s", got, want)
	}
}

// TestStatementsUseOnlyParameters checks that no statement holds a string
// literal other than the empty string: every value is a parameter.
func TestStatementsUseOnlyParameters(t *testing.T) {
	names := map[string]bool{}
	for _, st := range statements() {
		if names[st.name] {
			t.Errorf("two statements named %q", st.name)
		}
		names[st.name] = true
		for _, q := range []string{`"`, "'"} {
			if n := strings.Count(st.text, q); n > 0 && !strings.Contains(st.text, "= ''") {
				t.Errorf("%s: holds a string literal (%s): %s", st.name, q, st.text)
			}
		}
	}
}

func TestMetricRun(t *testing.T) {
	run := graph.MetricRun{Values: []graph.MetricValue{
		{Subject: graph.SubjectPartner, ID: "a", Metric: "betweenness", Value: 0.5},
		{Subject: graph.SubjectPartner, ID: "a", Metric: "degree", Value: 2},
		{Subject: graph.SubjectPartner, ID: "b", Metric: "degree", Value: math.NaN()},
		{Subject: graph.SubjectUnit, ID: "u", Metric: "coverage", Value: 0.8},
	}}
	if err := checkRun(&run); err != nil {
		t.Fatal(err)
	}
	rows := latest(&run, graph.SubjectPartner)
	want := []any{map[string]any{"id": "a", "props": map[string]any{"ecoscope_betweenness": 0.5, "ecoscope_degree": 2.0}}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("latest: %v, want %v", rows, want)
	}
	for _, bad := range []string{"Betweenness", "a b", "x`y", "", "ecoscope-x", strings.Repeat("x", 64)} {
		r := graph.MetricRun{Values: []graph.MetricValue{{Subject: graph.SubjectPartner, ID: "a", Metric: bad}}}
		if err := checkRun(&r); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("metric %q: %v, want ErrInvalid", bad, err)
		}
	}
	r := graph.MetricRun{Values: []graph.MetricValue{{Subject: "team", Metric: "x"}}}
	if err := checkRun(&r); err == nil {
		t.Error("subject team: no error")
	}
	at := graph.MustParseDate("2021-06")
	mr := graph.MetricRun{ID: 3, Time: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), At: at, Ties: "all", Level: "nodes"}
	p := runProps(&mr)
	stored := props{"id": int64(3)}
	for k, v := range p {
		if v != nil {
			stored[k] = v
		}
	}
	back, err := decodeRun(stored)
	if err != nil || !reflect.DeepEqual(back, mr) {
		t.Errorf("run round trip: %+v, %v; want %+v", back, err, mr)
	}
}

// TestReadOnlyRefusesWrites: a store opened for reading writes nothing,
// before it sends anything to the server.
func TestReadOnlyRefusesWrites(t *testing.T) {
	s := &Store{cfg: Config{ReadOnly: true}.withDefaults()}
	e := &graph.Ecosystem{Partners: []graph.Partner{{ID: "p", Name: "P", Helix: graph.Academia}}}
	if _, err := s.Import(t.Context(), e, graph.ImportOptions{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Import: %v, want ErrReadOnly", err)
	}
	if _, err := s.SaveMetrics(t.Context(), graph.MetricRun{Ties: "all", Level: "network"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveMetrics: %v, want ErrReadOnly", err)
	}
}
