package graph

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
)

// TieKey is what identifies a tie: its ends, type, since and id. The ends of
// an undirected tie are in the order of their ids, so that a–b and b–a have
// one key; a directed tie keeps its direction.
type TieKey struct {
	Source, Target string
	Type           string
	Since          Date
	ID             string
}

// Key returns the key of t.
func (t *Tie) Key() TieKey {
	k := TieKey{Source: t.Source, Target: t.Target, Type: t.Type, Since: t.Since, ID: t.ID}
	if !t.Directed && k.Source > k.Target {
		k.Source, k.Target = k.Target, k.Source
	}
	return k
}

// MembershipKey is what identifies a membership: unit, member, role and
// since.
type MembershipKey struct {
	Unit, Member string
	Role         Role
	Since        Date
}

// Key returns the key of m.
func (m *Membership) Key() MembershipKey {
	return MembershipKey{Unit: m.Unit, Member: m.Member, Role: m.Role, Since: m.Since}
}

// valueKey is what identifies a value record: all its fields.
type valueKey struct {
	Reporter, Unit string
	Cycle          Cycle
	Capital        Capital
	Level          OutcomeLevel
	Date           Date
	Description    string
}

func (v *Value) key() valueKey {
	return valueKey{v.Reporter, v.Unit, v.Cycle, v.Capital, v.Level, v.Date, v.Description}
}

// Combined counts the records that Combine merged into an earlier record
// with the same key.
type Combined struct {
	Ties        int `json:"ties"`
	Memberships int `json:"memberships"`
	Values      int `json:"values"`
}

// Combine merges the records of e that repeat the key of an earlier record
// into that record, in place, so that e holds one record per key: what a
// store holds after importing e. Stores and analyses of files then give the
// same answers on the same data.
//
//   - Ties with the same TieKey (ends, type, since and id; a–b and b–a of
//     an undirected tie are one) become one tie whose weight is the sum of
//     their weights and whose until is the latest (an open until is the
//     latest). Give ties an id (such as a project number) to keep apart
//     ties that share ends, type and since. A directed tie a→b and an
//     undirected tie a–b with the same key are not merged: that is an
//     error, which Combine returns as a problem at the second.
//   - Memberships with the same unit, member, role and since become one,
//     with the latest until.
//   - Value records equal in every field become one.
//
// The merged record keeps the place and position of the first. Combine
// returns how many records of each kind it merged away. Validate calls it;
// ties whose ends name no partner or person are left as they are.
func (e *Ecosystem) Combine() (Combined, Problems) {
	actors := make(map[string]int32, len(e.Partners)+len(e.People))
	for i, p := range e.Partners {
		if _, ok := actors[p.ID]; !ok {
			actors[p.ID] = int32(i)
		}
	}
	for i, p := range e.People {
		if _, ok := actors[p.ID]; !ok {
			actors[p.ID] = int32(len(e.Partners) + i)
		}
	}
	ends := make([]tieEnds, len(e.Ties))
	for i, t := range e.Ties {
		a, ok1 := actors[t.Source]
		b, ok2 := actors[t.Target]
		if !ok1 || !ok2 {
			a, b = -1, -1
		}
		ends[i] = tieEnds{a, b}
	}
	var pc Collector
	c := e.combine(ends, &pc)
	return c, pc.Problems()
}

// tieEnds are the numbers of the ends of a tie: partner i is i, person j
// is len(Partners)+j; -1 when unknown.
type tieEnds struct{ source, target int32 }

// combine is Combine with the numbers of the ends of every tie, as
// validateRecords found them, adding its problems to pc.
//
// Ties are grouped by the first end of their key (a counting sort,
// in data order within a group) and compared within each group, so that a
// million ties cost two passes over them and no map of keys.
func (e *Ecosystem) combine(ends []tieEnds, pc *Collector) Combined {
	var c Combined
	if len(e.Ties) > 1 {
		c.Ties = e.combineTies(ends, pc)
	}
	if len(e.Memberships) > 1 {
		first := make(map[MembershipKey]int, len(e.Memberships))
		kept := e.Memberships[:0]
		for _, m := range e.Memberships {
			k := m.Key()
			if i, ok := first[k]; ok {
				kept[i].Until = laterUntil(kept[i].Until, m.Until)
				c.Memberships++
				continue
			}
			first[k] = len(kept)
			kept = append(kept, m)
		}
		clear(e.Memberships[len(kept):])
		e.Memberships = kept
	}
	if len(e.Values) > 1 {
		seen := make(map[valueKey]bool, len(e.Values))
		kept := e.Values[:0]
		for _, v := range e.Values {
			k := v.key()
			if seen[k] {
				c.Values++
				continue
			}
			seen[k] = true
			kept = append(kept, v)
		}
		clear(e.Values[len(kept):])
		e.Values = kept
	}
	return c
}

// combineTies merges the ties of e with one key (see Combine), adding its
// problems to pc; ends[i] are the numbers of the ends of tie i, and
// combineTies overwrites them.
func (e *Ecosystem) combineTies(ends []tieEnds, pc *Collector) int {
	ties := e.Ties
	m := len(ties)
	// The key's ends, as in TieKey: an undirected tie from the end whose id
	// sorts first (as a store keeps it).
	n := int32(0)
	for i := range ties {
		t := &ties[i]
		if !t.Directed && t.Source > t.Target {
			ends[i].source, ends[i].target = ends[i].target, ends[i].source
		}
		n = max(n, ends[i].source+1)
	}
	// Group the ties by their first end (-1, unknown ends, is left out),
	// in data order, each with its other end at hand.
	start := make([]int32, n+1)
	for _, x := range ends {
		if x.source >= 0 {
			start[x.source+1]++
		}
	}
	for k := int32(1); k <= n; k++ {
		start[k] += start[k-1]
	}
	// A slot is other end << 32 | tie: both are numbers ≥ 0, so slots
	// sort by other end, then data order.
	slots := make([]uint64, start[n])
	next := slices.Clone(start[:n])
	for i, x := range ends {
		if x.source >= 0 {
			slots[next[x.source]] = uint64(x.target)<<32 | uint64(i)
			next[x.source]++
		}
	}
	other := func(s uint64) uint64 { return s >> 32 }
	tie := func(s uint64) int32 { return int32(s & 0xffffffff) }
	var comparisons int64
	defer func() { compared.Add(comparisons) }()
	same := func(i, j int32) bool {
		comparisons++
		s, t := &ties[i], &ties[j]
		return s.Since == t.Since && s.Type == t.Type && s.ID == t.ID
	}
	// first[i] is the earliest tie whose key tie i repeats, or -1.
	var first []int32
	mark := func(i, f int32) {
		if first == nil {
			first = make([]int32, m)
			for k := range first {
				first[k] = -1
			}
		}
		if first[f] >= 0 {
			f = first[f]
		}
		first[i] = f
	}
	// pairs compares the ties of a small group with each other; when one
	// is sorted, each other end in a run.
	pairs := func(group []uint64, sorted bool) {
		for x := 1; x < len(group); x++ {
			for y := x - 1; y >= 0; y-- {
				if other(group[y]) != other(group[x]) {
					if sorted {
						break // no earlier tie has this other end
					}
					continue
				}
				if same(tie(group[y]), tie(group[x])) {
					mark(tie(group[x]), tie(group[y]))
					break
				}
			}
		}
	}
	var (
		firstOf map[keyRest]int32 // of a long run: the first tie of each key
		held    int               // the most keys firstOf held
	)
	for a := int32(0); a < n; a++ {
		group := slots[start[a]:start[a+1]]
		if len(group) < 2 {
			continue
		}
		if len(group) <= 32 {
			pairs(group, false)
			continue
		}
		// A hub: repeats are next to each other once sorted, in runs of
		// one other end.
		slices.Sort(group)
		for r := 0; r < len(group); {
			end := r + 1
			for end < len(group) && other(group[end]) == other(group[r]) {
				end++
			}
			run := group[r:end]
			r = end
			if len(run) <= 32 {
				pairs(run, true)
				continue
			}
			// Many ties between two ends, apart by type, since or id:
			// look the rest of their keys up rather than compare pairs,
			// in one map for all runs (cleared, at a cost of the most it
			// held, unless that is much more than this run needs).
			if firstOf == nil || held > 4*len(run)+1024 {
				firstOf, held = make(map[keyRest]int32, min(len(run), 1024)), 0
			} else {
				clear(firstOf)
			}
			for _, sl := range run {
				t := &ties[tie(sl)]
				k := keyRest{t.Type, t.Since, t.ID}
				if f, ok := firstOf[k]; ok {
					mark(tie(sl), f)
				} else {
					firstOf[k] = tie(sl)
				}
			}
			held = max(held, len(firstOf))
		}
	}
	if first == nil {
		return 0
	}
	combined := 0
	at := make([]int32, m) // the place of each tie kept in kept
	kept := ties[:0]
	for i := range ties {
		t := ties[i]
		f := first[i]
		if f >= 0 {
			k := &kept[at[f]]
			if k.Directed != t.Directed {
				pc.Addf(Problem{Pos: t.Pos, Field: "directed"},
					"tie %s–%s (type %s, since %q, id %s) is %s here but %s at %s; one tie cannot be both",
					Quote(t.Source), Quote(t.Target), Quote(t.Type), t.Since.String(), Quote(t.ID), directedWord(t.Directed), directedWord(k.Directed), posString(k.Pos))
				at[i] = int32(len(kept))
				kept = append(kept, t) // kept apart, so that the error stands alone
				continue
			}
			k.Weight += t.Weight
			k.Until = laterUntil(k.Until, t.Until)
			combined++
			continue
		}
		at[i] = int32(len(kept))
		kept = append(kept, t)
	}
	clear(ties[len(kept):])
	e.Ties = kept
	return combined
}

// keyRest is what a key holds besides its ends.
type keyRest struct {
	Type  string
	Since Date
	ID    string
}

// compared counts the pairs of ties combineTies compares, for the tests
// (added once per call: Validate may run on several goroutines).
var compared atomic.Int64

func directedWord(d bool) string {
	if d {
		return "directed"
	}
	return "undirected"
}

// laterUntil returns the later of two ends of a period: an open end (the
// zero Date) is later than any date; of two dates that end on the same day,
// a.
func laterUntil(a, b Date) Date {
	switch {
	case a.IsZero() || b.IsZero():
		return Date{}
	case b.End() > a.End():
		return b
	}
	return a
}

// Notes returns the notices that say what Combine merged, one per kind of
// record, for file (the data set), or none.
func (c Combined) Notes(file string) Problems {
	var ps Problems
	add := func(n int, format string) {
		if n > 0 {
			ps = append(ps, Problem{Pos: Pos{File: file}, Message: fmt.Sprintf(format, n, plural(n)), Notice: true})
		}
	}
	add(c.Ties, "%d tie record%s repeated the source, target, type, since and id of an earlier one and were combined with it "+
		"(weights added, the latest until kept); give ties an id column to keep such ties apart")
	add(c.Memberships, "%d membership record%s repeated the unit, member, role and since of an earlier one and were combined with it (the latest until kept)")
	add(c.Values, "%d value record%s repeated an earlier one in every field and were counted once")
	return ps
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// String describes c in a few words, "" when nothing was combined.
func (c Combined) String() string {
	var parts []string
	if c.Ties > 0 {
		parts = append(parts, fmt.Sprintf("%d tie%s", c.Ties, plural(c.Ties)))
	}
	if c.Memberships > 0 {
		parts = append(parts, fmt.Sprintf("%d membership%s", c.Memberships, plural(c.Memberships)))
	}
	if c.Values > 0 {
		parts = append(parts, fmt.Sprintf("%d value record%s", c.Values, plural(c.Values)))
	}
	return strings.Join(parts, ", ")
}
