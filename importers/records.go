package importers

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// decoder turns the cells of one record into a graph record. One decoder
// reads one file (or one JSON document); it collects the problems found (those
// shown, and the count of the rest: see graph.Collector) and
// remembers parsed values so that repeated cells (dates, vocabulary values,
// tie types) cost one map lookup and share one string.
type decoder struct {
	pos          graph.Pos // of the record being decoded
	problems     graph.Collector
	fatal        bool // the file could not be read as a whole
	csvErrors    int  // syntax errors found by encoding/csv
	delim        rune // of a CSV file
	decimalComma bool // a weight may be written 2,5
	// reference makes readBody read with encoding/csv in one piece: what
	// the tests compare the other ways with.
	reference bool

	dates    memo[graph.Date]
	helices  memo[graph.Helix]
	sectors  memo[graph.Sector]
	levels   memo[graph.Level]
	forms    memo[graph.Form]
	roles    memo[graph.Role]
	cycles   memo[graph.Cycle]
	capitals memo[graph.Capital]
	outcomes memo[graph.OutcomeLevel]
	strs     map[string]string

	records int // the records added
}

func newDecoder(file string) *decoder {
	return &decoder{
		pos:      graph.Pos{File: file},
		dates:    memo[graph.Date]{parse: graph.ParseDate},
		helices:  memo[graph.Helix]{parse: graph.ParseHelix},
		sectors:  memo[graph.Sector]{parse: graph.ParseSector},
		levels:   memo[graph.Level]{parse: graph.ParseLevel},
		forms:    memo[graph.Form]{parse: graph.ParseForm},
		roles:    memo[graph.Role]{parse: graph.ParseRole},
		cycles:   memo[graph.Cycle]{parse: parseCycle},
		capitals: memo[graph.Capital]{parse: graph.ParseCapital},
		outcomes: memo[graph.OutcomeLevel]{parse: graph.ParseOutcomeLevel},
	}
}

// parseCycle is graph.ParseCycle, except that an empty cycle is left empty
// for Validate to report as a missing required value.
func parseCycle(s string) (graph.Cycle, error) {
	if s == "" {
		return "", nil
	}
	return graph.ParseCycle(s)
}

// maxMemo bounds the number of distinct values a memo or the string intern
// table keeps, so that a column of unique values does not fill memory.
const maxMemo = 1 << 14

// memo caches the results of a parse function by input.
type memo[T any] struct {
	m     map[string]T
	parse func(string) (T, error)
}

func (m *memo[T]) get(s string) (T, error) {
	if v, ok := m.m[s]; ok {
		return v, nil
	}
	v, err := m.parse(s)
	if err != nil {
		return v, err
	}
	if m.m == nil {
		m.m = map[string]T{}
	}
	if len(m.m) < maxMemo {
		m.m[strings.Clone(s)] = v
	}
	return v, nil
}

// errorf records an error in field of the current record. The message is
// formatted only when the error is shown (see graph.Collector.Addf).
func (d *decoder) errorf(field, format string, args ...any) {
	d.problems.Addf(graph.Problem{Pos: d.pos, Field: field}, format, args...)
}

// warnf records a warning in field of the current record.
func (d *decoder) warnf(field, format string, args ...any) {
	d.problems.Addf(graph.Problem{Pos: d.pos, Field: field, Warning: true}, format, args...)
}

// fatalf records an error that stops the reading of the whole file.
func (d *decoder) fatalf(line int, field, format string, args ...any) {
	d.fatal = true
	d.problems.Addf(graph.Problem{Pos: graph.Pos{File: d.pos.File, Line: line}, Field: field}, format, args...)
}

// intern returns s, or an equal string seen before, so that a value that
// repeats in many records (a tie type, a region) is stored once.
func (d *decoder) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := d.strs[s]; ok {
		return v
	}
	if d.strs == nil {
		d.strs = map[string]string{}
	}
	if len(d.strs) >= maxMemo {
		return s
	}
	v := strings.Clone(s)
	d.strs[v] = v
	return v
}

// vocab parses a vocabulary cell, recording the error (which names the
// nearest valid value) in field.
func vocab[T any](d *decoder, m *memo[T], field, s string) T {
	v, err := m.get(s)
	if err != nil {
		d.errorf(field, "%s", err)
	}
	return v
}

func (d *decoder) date(field, s string) graph.Date {
	if s == "" {
		return graph.Date{}
	}
	v, err := d.dates.get(s)
	if err != nil {
		d.errorf(field, "%s", err)
	}
	return v
}

func (d *decoder) period(c []string, since, until int) graph.Period {
	return graph.Period{Since: d.date("since", c[since]), Until: d.date("until", c[until])}
}

// weight parses a tie weight: empty is 0 (which Validate turns into the
// default 1); anything else must be a positive decimal number (2, 0.5,
// 1e3) of at most graph.MaxWeight. A decimal comma is accepted in a file
// whose delimiter is a semicolon.
func (d *decoder) weight(s string) float64 {
	if s == "" {
		return 0
	}
	point := s // with a decimal point for a decimal comma
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		point = strings.Replace(s, ",", ".", 1)
	}
	t := s
	if d.decimalComma {
		t = point
	}
	if !isDecimal(t) {
		if point != s && isDecimal(point) {
			d.errorf("weight", "%s is not a number; write a decimal point: %s", graph.Quote(s), graph.Quote(point))
		} else {
			d.errorf("weight", "%s is not a number", graph.Quote(s))
		}
		return 0
	}
	w, err := strconv.ParseFloat(t, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) || w > graph.MaxWeight:
		d.errorf("weight", "%s is above the largest weight, %v", graph.Quote(s), graph.MaxWeight)
	case w == 0 && strings.ContainsAny(mantissa(t), "123456789"):
		d.errorf("weight", "%s is too small to tell from 0", graph.Quote(s))
	case w <= 0:
		d.errorf("weight", "%v is not positive", w)
	default:
		return w
	}
	return 0
}

// isDecimal reports whether s is a decimal number: an optional sign,
// digits with an optional decimal point (.5 and 5. too) and an optional
// exponent (e-3). Go's other forms (1_000, 0x1p-2, Inf, NaN) are not.
func isDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits := 0
	i := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// mantissa returns the decimal number s without its exponent.
func mantissa(s string) string {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		return s[:i]
	}
	return s
}

// boolean parses a yes/no cell in English or Dutch; empty is false.
func (d *decoder) boolean(field, s string) bool {
	switch strings.ToLower(s) {
	case "", "false", "0", "no", "n", "nee", "undirected", "ongericht":
		return false
	case "true", "1", "yes", "y", "ja", "j", "directed", "gericht":
		return true
	}
	d.errorf(field, "%s is not a yes/no value (use true or false, yes or no, ja or nee, 1 or 0)", graph.Quote(s))
	return false
}

// add decodes the cells c of a record of table t (indexed like
// t.columns, trimmed, "" when absent) and appends the record to e. Once
// more errors were found than are shown, the records are decoded only to
// count their problems, and dropped: the data set is known to be invalid
// and will not be checked as a whole (see finish), and its memory stays
// that of the records before.
func (d *decoder) add(e *graph.Ecosystem, t tableID, c []string) {
	d.decode(e, t, c)
	if d.problems.Cut() {
		truncate(e, t, -1)
		return
	}
	d.records++
}

func (d *decoder) decode(e *graph.Ecosystem, t tableID, c []string) {
	switch t {
	case tabPartners:
		e.Partners = append(e.Partners, graph.Partner{
			ID:     c[partnerID],
			Name:   c[partnerName],
			Helix:  vocab(d, &d.helices, "helix", c[partnerHelix]),
			Sector: vocab(d, &d.sectors, "sector", c[partnerSector]),
			Kind:   d.intern(c[partnerKind]),
			Region: d.intern(c[partnerRegion]),
			Period: d.period(c, partnerSince, partnerUntil),
			Pos:    d.pos,
		})
	case tabPeople:
		e.People = append(e.People, graph.Person{
			ID:         c[personID],
			Name:       c[personName],
			Partner:    c[personPartner],
			Discipline: d.intern(c[personDiscipline]),
			Role:       d.intern(c[personRole]),
			Pos:        d.pos,
		})
	case tabUnits:
		e.Units = append(e.Units, graph.Unit{
			ID:        c[unitID],
			Name:      c[unitName],
			Level:     vocab(d, &d.levels, "level", c[unitLevel]),
			Form:      vocab(d, &d.forms, "form", c[unitForm]),
			Parent:    c[unitParent],
			Challenge: c[unitChallenge],
			Cadence:   d.intern(c[unitCadence]),
			Period:    d.period(c, unitSince, unitUntil),
			Pos:       d.pos,
		})
	case tabMemberships:
		e.Memberships = append(e.Memberships, graph.Membership{
			Unit:   c[membershipUnit],
			Member: c[membershipMember],
			Role:   vocab(d, &d.roles, "role", c[membershipRole]),
			Period: d.period(c, membershipSince, membershipUntil),
			Pos:    d.pos,
		})
	case tabTies:
		e.Ties = append(e.Ties, graph.Tie{
			ID:       d.intern(c[tieID]),
			Source:   c[tieSource],
			Target:   c[tieTarget],
			Type:     d.intern(c[tieType]),
			Weight:   d.weight(c[tieWeight]),
			Directed: d.boolean("directed", c[tieDirected]),
			Period:   d.period(c, tieSince, tieUntil),
			Pos:      d.pos,
		})
	case tabValues:
		e.Values = append(e.Values, graph.Value{
			Reporter:    c[valueReporter],
			Unit:        c[valueUnit],
			Cycle:       vocab(d, &d.cycles, "cycle", c[valueCycle]),
			Capital:     vocab(d, &d.capitals, "capital", c[valueCapital]),
			Level:       vocab(d, &d.outcomes, "level", c[valueLevel]),
			Date:        d.date("date", c[valueDate]),
			Description: c[valueDescription],
			Pos:         d.pos,
		})
	}
}

// split gives each of parts room for counts[k] records of table id, all in
// one array, and returns the function that gathers the records of the parts,
// in order, into e (in place, as long as no part outgrew its room).
func split(id tableID, parts []graph.Ecosystem, counts []int) (join func(e *graph.Ecosystem)) {
	switch id {
	case tabPartners:
		j := splitSlices(parts, counts, func(e *graph.Ecosystem) *[]graph.Partner { return &e.Partners })
		return func(e *graph.Ecosystem) { e.Partners = j() }
	case tabPeople:
		j := splitSlices(parts, counts, func(e *graph.Ecosystem) *[]graph.Person { return &e.People })
		return func(e *graph.Ecosystem) { e.People = j() }
	case tabUnits:
		j := splitSlices(parts, counts, func(e *graph.Ecosystem) *[]graph.Unit { return &e.Units })
		return func(e *graph.Ecosystem) { e.Units = j() }
	case tabMemberships:
		j := splitSlices(parts, counts, func(e *graph.Ecosystem) *[]graph.Membership { return &e.Memberships })
		return func(e *graph.Ecosystem) { e.Memberships = j() }
	case tabTies:
		j := splitSlices(parts, counts, func(e *graph.Ecosystem) *[]graph.Tie { return &e.Ties })
		return func(e *graph.Ecosystem) { e.Ties = j() }
	case tabValues:
		j := splitSlices(parts, counts, func(e *graph.Ecosystem) *[]graph.Value { return &e.Values })
		return func(e *graph.Ecosystem) { e.Values = j() }
	}
	panic(fmt.Sprintf("importers: unknown table %d", id))
}

func splitSlices[E any](parts []graph.Ecosystem, counts []int, field func(*graph.Ecosystem) *[]E) func() []E {
	total := 0
	for _, c := range counts {
		total += c
	}
	all := make([]E, total)
	off := 0
	for k, c := range counts {
		*field(&parts[k]) = all[off : off : off+c]
		off += c
	}
	return func() []E {
		for k, c := range counts {
			if len(*field(&parts[k])) > c { // outgrew its room: gather in a new array
				var out []E
				for k := range parts {
					out = append(out, *field(&parts[k])...)
				}
				return out
			}
		}
		n := 0
		for k := range parts {
			s := *field(&parts[k])
			if len(s) > 0 && &s[0] != &all[n] {
				copy(all[n:], s)
			}
			n += len(s)
		}
		return all[:n]
	}
}

// truncate drops the records of table t in e from the one on line line on
// (the last record, for line -1), and the memory of the slice when it was
// much larger than what is left.
func truncate(e *graph.Ecosystem, t tableID, line int) {
	switch t {
	case tabPartners:
		e.Partners = truncateSlice(e.Partners, line, func(r *graph.Partner) int { return r.Pos.Line })
	case tabPeople:
		e.People = truncateSlice(e.People, line, func(r *graph.Person) int { return r.Pos.Line })
	case tabUnits:
		e.Units = truncateSlice(e.Units, line, func(r *graph.Unit) int { return r.Pos.Line })
	case tabMemberships:
		e.Memberships = truncateSlice(e.Memberships, line, func(r *graph.Membership) int { return r.Pos.Line })
	case tabTies:
		e.Ties = truncateSlice(e.Ties, line, func(r *graph.Tie) int { return r.Pos.Line })
	case tabValues:
		e.Values = truncateSlice(e.Values, line, func(r *graph.Value) int { return r.Pos.Line })
	}
}

func truncateSlice[E any](s []E, line int, lineOf func(*E) int) []E {
	n := len(s) - 1
	if line >= 0 {
		n, _ = slices.BinarySearchFunc(s, line, func(r E, line int) int { return cmp.Compare(lineOf(&r), line) })
	}
	if n < 0 || n == len(s) {
		return s
	}
	clear(s[n:])
	if cap(s) > 1024 && n < cap(s)/4 {
		return slices.Clone(s[:n])
	}
	return s[:n]
}

// grow makes room for n more records of table t in e.
func grow(e *graph.Ecosystem, t tableID, n int) {
	if n <= 0 {
		return
	}
	switch t {
	case tabPartners:
		e.Partners = growSlice(e.Partners, n)
	case tabPeople:
		e.People = growSlice(e.People, n)
	case tabUnits:
		e.Units = growSlice(e.Units, n)
	case tabMemberships:
		e.Memberships = growSlice(e.Memberships, n)
	case tabTies:
		e.Ties = growSlice(e.Ties, n)
	case tabValues:
		e.Values = growSlice(e.Values, n)
	}
}

func growSlice[S ~[]E, E any](s S, n int) S {
	if cap(s)-len(s) >= n {
		return s
	}
	out := make(S, len(s), len(s)+n)
	copy(out, s)
	return out
}
