package analysis

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

// Interval is the step of a growth series: one snapshot per year, quarter
// or month.
type Interval int

// The intervals of a growth series.
const (
	EveryYear Interval = iota
	EveryQuarter
	EveryMonth
)

// String returns "year", "quarter" or "month".
func (iv Interval) String() string {
	switch iv {
	case EveryYear:
		return "year"
	case EveryQuarter:
		return "quarter"
	case EveryMonth:
		return "month"
	}
	return fmt.Sprintf("Interval(%d)", int(iv))
}

// Span is the period of one snapshot of a growth series: the days from
// Start to End, both included. The snapshot at a span holds every record
// active at any time in it, as graph.Period.ActiveAt says for a date: for
// the year 2021 that is what `--at 2021` selects.
type Span struct {
	// Label names the span: "2021" for a year, "2021-Q1" for a quarter,
	// "2021-03" for a month, or the date a span was made from (DateSpan).
	Label string
	// Start and End are the first and the last day, at day precision.
	Start, End graph.Date
}

// DateSpan returns the span of the period d stands for: the year, month or
// day d names, labelled d.String(). It panics on the zero Date.
func DateSpan(d graph.Date) Span {
	if d.IsZero() {
		panic("analysis: DateSpan of the zero Date")
	}
	return Span{Label: d.String(), Start: dayOf(d.Start()), End: dayOf(d.End())}
}

// dayOf turns YYYYMMDD into a day-precision Date.
func dayOf(ymd int) graph.Date { return graph.NewDate(ymd/10000, ymd/100%100, ymd%100) }

func lastDay(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// spanOf returns the span of iv that holds the month m of year y.
func spanOf(y, m int, iv Interval) Span {
	switch iv {
	case EveryYear:
		return Span{Label: fmt.Sprintf("%04d", y), Start: graph.NewDate(y, 1, 1), End: graph.NewDate(y, 12, 31)}
	case EveryQuarter:
		q := (m-1)/3 + 1
		return Span{Label: fmt.Sprintf("%04d-Q%d", y, q), Start: graph.NewDate(y, 3*q-2, 1), End: graph.NewDate(y, 3*q, lastDay(y, 3*q))}
	case EveryMonth:
		return Span{Label: fmt.Sprintf("%04d-%02d", y, m), Start: graph.NewDate(y, m, 1), End: graph.NewDate(y, m, lastDay(y, m))}
	}
	panic(fmt.Sprintf("analysis: unknown interval %d", int(iv)))
}

// Spans returns the consecutive spans of iv (calendar years, quarters
// January–March, April–June, … or months) from the one that holds the
// first day of from to the one that holds the last day of to: with
// EveryMonth, from 2018 and to 2019-06 give 2018-01 … 2019-06. It returns
// nil when from starts after to ends, and panics on a zero Date or an
// unknown interval.
func Spans(from, to graph.Date, iv Interval) []Span {
	if from.IsZero() || to.IsZero() {
		panic("analysis: Spans needs two dates")
	}
	if iv < EveryYear || iv > EveryMonth {
		panic(fmt.Sprintf("analysis: unknown interval %d", int(iv)))
	}
	end := to.End()
	step := map[Interval]int{EveryYear: 12, EveryQuarter: 3, EveryMonth: 1}[iv]
	s := from.Start()
	y, m := s/10000, s/100%100
	var out []Span
	for {
		sp := spanOf(y, m, iv)
		if sp.Start.Start() > end {
			return out
		}
		out = append(out, sp)
		m += step
		for m > 12 {
			m -= 12
			y++
		}
		if y > 9999 {
			return out
		}
	}
}

// DateRange returns the earliest and the latest date in e: the smallest
// first day and the largest last day of any since or until of its
// partners, ties, units and memberships. ok is false when none has a date.
func DateRange(e *graph.Ecosystem) (first, last graph.Date, ok bool) {
	see := func(p graph.Period) {
		for _, d := range []graph.Date{p.Since, p.Until} {
			if d.IsZero() {
				continue
			}
			if !ok || d.Start() < first.Start() {
				first = d
			}
			if !ok || d.End() > last.End() {
				last = d
			}
			ok = true
		}
	}
	for _, p := range e.Partners {
		see(p.Period)
	}
	for _, t := range e.Ties {
		see(t.Period)
	}
	for _, u := range e.Units {
		see(u.Period)
	}
	for _, m := range e.Memberships {
		see(m.Period)
	}
	return first, last, ok
}

// GrowthMetrics are the metrics of one snapshot that a growth series and a
// diff follow. Each is the function named beside it (of this package or of
// the engine, package network), computed on the partner network of the
// snapshot (see GrowthMetricsOf). The JSON keys are stable.
type GrowthMetrics struct {
	// Partners is n, Ties m: distinct pairs of joined partners.
	Partners int `json:"partners"`
	Ties     int `json:"ties"`
	// Density is network.Density: 2m/(n(n−1)); 0 when n < 2.
	Density Float `json:"density"`
	// Components counts connected components, isolated partners included
	// (network.Components); LargestComponentShare is
	// network.LargestComponentShare.
	Components            int   `json:"components"`
	LargestComponentShare Float `json:"largest_component_share"`
	// AverageDegree is network.AverageDegree: 2m/n.
	AverageDegree Float `json:"average_degree"`
	// BlauIndex is the Blau index of the helix types (HelixDiversity).
	BlauIndex Float `json:"blau_index"`
	// HelixCoverage is the coverage class of the partners' helix types
	// (graph.CoverageOf) and HelixMissing the known types absent.
	HelixCoverage graph.CoverageClass `json:"helix_coverage"`
	HelixMissing  []graph.Helix       `json:"helix_missing"`
	// HelixIntegration is the class of HelixIntegration.
	HelixIntegration graph.CoverageClass `json:"helix_integration"`
	// EIIndex is EIIndex (NaN, JSON null, without ties between known
	// types); PublicPrivateTieShare is PublicPrivateShare.
	EIIndex               Float `json:"ei_index"`
	PublicPrivateTieShare Float `json:"public_private_tie_share"`
	// HelixCounts is the number of partners of each type: the five known
	// types and graph.HelixUnknown, always all six.
	HelixCounts map[graph.Helix]int `json:"helix_counts"`
}

// GrowthMetricsOf computes the GrowthMetrics of net from scratch with the
// functions of this package. Growth gives the same numbers for each span
// without building a network per snapshot.
func GrowthMetricsOf(net *Network) GrowthMetrics {
	_, comps := network.Components(net.Graph)
	div := DiversityOf(net, nil)
	types := make([]graph.Helix, net.N())
	for i := range types {
		types[i] = net.Helix(i)
	}
	cov := graph.CoverageOf(types)
	counts := make(map[graph.Helix]int, numHelix)
	for c := 0; c < numHelix; c++ {
		counts[helixOfCategory(c)] = 0
	}
	for _, h := range types {
		counts[helixOfCategory(helixCategory(h))]++
	}
	return GrowthMetrics{
		Partners:              net.N(),
		Ties:                  net.M(),
		Density:               Float(network.Density(net.Graph)),
		Components:            comps,
		LargestComponentShare: Float(network.LargestComponentShare(net.Graph)),
		AverageDegree:         Float(network.AverageDegree(net.Graph)),
		BlauIndex:             Float(div.Blau),
		HelixCoverage:         cov.Class,
		HelixMissing:          cov.Missing,
		HelixIntegration:      HelixIntegration(net).Class,
		EIIndex:               Float(EIIndex(net)),
		PublicPrivateTieShare: Float(PublicPrivateShare(net)),
		HelixCounts:           counts,
	}
}

// GrowthRow is one snapshot of a growth series: its metrics and what
// changed since the snapshot before it. The JSON keys are stable.
type GrowthRow struct {
	// Date is the label of the span (Span.Label); Start and End its first
	// and last day.
	Date  string     `json:"date"`
	Start graph.Date `json:"start"`
	End   graph.Date `json:"end"`
	GrowthMetrics
	// NewPartners counts the partners in this snapshot that were not in
	// the previous one, LeftPartners those in the previous one that are
	// not in this one. In the first row every partner (and every tie) is
	// new and none left. A partner that leaves and comes back between two snapshots
	// counts for neither.
	NewPartners  int `json:"new_partners"`
	LeftPartners int `json:"left_partners"`
	// NewTies and LeftTies count the same for ties (pairs of joined
	// partners, however many ties join them): a tie is new when its pair
	// is joined now and was not in the previous snapshot, also when both
	// partners are new.
	NewTies  int `json:"new_ties"`
	LeftTies int `json:"left_ties"`
	// NewCrossHelixTiesShare is E/(E+I) over the new ties: E of them join
	// two partners of different known helix types, I two of the same type;
	// new ties with a partner of unknown type are left out, as in EIIndex.
	// NaN (JSON null) when no new tie joins two partners of a known type.
	NewCrossHelixTiesShare Float `json:"new_cross_helix_ties_share"`
	// NewPartnersByHelix splits NewPartners by helix type: the five known
	// types and graph.HelixUnknown, always all six.
	NewPartnersByHelix map[graph.Helix]int `json:"new_partners_by_helix"`
}

// GrowthOptions configure Growth.
type GrowthOptions struct {
	// Ties selects the ties that make the network, as Options.Ties.
	Ties TieSource
	// Unit, when set, restricts every snapshot to the subtree of this unit
	// as it is at that snapshot, as graph.Ecosystem.Load does: the units
	// below it that are active (a unit whose parent is not active is cut
	// off), the partners with an active membership in one of them, the
	// ties among those partners. A unit that is not active gives an empty
	// snapshot.
	Unit string
	// MaxUnitSize is as Options.MaxUnitSize: a unit with more live direct
	// partners than this makes no unit ties in a snapshot.
	MaxUnitSize int
}

// DefaultGrowthOptions returns the options of Growth unless told otherwise:
// the whole ecosystem, its network made as DefaultOptions makes it. The zero
// GrowthOptions means the same.
func DefaultGrowthOptions() GrowthOptions {
	return GrowthOptions{Ties: TiesAll, MaxUnitSize: DefaultMaxUnitSize}
}

// Growth returns the growth series of e over spans, one row per span. Row
// k holds the GrowthMetrics of the snapshot at spans[k], equal to
//
//	GrowthMetricsOf(New(snapshot, Options{Ties: opts.Ties}))
//
// where the snapshot holds the records of e active at any time in the span
// (for a span made by DateSpan(d) that is e.At(d), then Subtree(opts.Unit)
// when a unit is given: graph.Ecosystem.Load), and the changes since row
// k−1.
//
// Growth does not build the network of each snapshot: it sweeps through
// the spans keeping the partners, the joined pairs and the counts by helix
// type and sector up to date, and counts components with a union-find over
// the joined pairs, O(n + m α(n)) a span (docs/growth.md, "How the series
// is computed").
//
// spans must be in order without overlap (Spans makes such lists); Growth
// panics otherwise. e should be valid (graph.Ecosystem.Validate): where ids
// repeat the first record counts. An opts.Unit that names no unit of e is a
// *graph.NotFoundError.
//
// The notes say which units made no unit ties in some snapshot, and how
// many of the explicit ties that joined partners in some snapshot are
// directed (see New).
// Growth checks ctx between snapshots and returns its error when it is
// done.
func Growth(ctx context.Context, e *graph.Ecosystem, spans []Span, opts GrowthOptions) ([]GrowthRow, Notes, error) {
	if opts.Ties < TiesAll || opts.Ties > TiesUnits {
		panic(fmt.Sprintf("analysis: unknown tie source %d", int(opts.Ties)))
	}
	for k := 1; k < len(spans); k++ {
		if spans[k].Start.Start() <= spans[k-1].End.End() {
			panic(fmt.Sprintf("analysis: Growth needs spans in order without overlap: %s then %s", spans[k-1].Label, spans[k].Label))
		}
	}
	if opts.Unit != "" {
		if _, ok := graph.NewIndex(e).Unit[opts.Unit]; !ok {
			_, err := e.Subtree(opts.Unit) // the NotFoundError with the closest ids
			return nil, nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if len(spans) == 0 {
		return []GrowthRow{}, nil, nil
	}
	s := newSweep(e, spans, opts)
	rows, err := s.run(ctx)
	if err != nil {
		return nil, nil, err
	}
	notes := s.skipped.notes(s.maxUnit)
	if s.dirSeen > 0 {
		notes = append(notes, directedNote(areDirected(s.dirSeen, s.tiesSeen, " in the series")))
	}
	return rows, notes, nil
}

// The bits of sweep.tOK: the number of conditions met, and two flags.
const (
	tieConds    = 0b0011
	tieDirected = 0b0100
	tieSeen     = 0b1000
)

// condAll is the number of conditions that make a membership or a tie
// live: for a membership its own period, its unit in the snapshot and its
// partner active; for a tie its own period and both partners in the
// snapshot.
const condAll = 3

// sweep is the state of Growth between two spans.
type sweep struct {
	spans    []Span
	explicit bool // explicit ties count
	unitTies bool // shared units count
	unitMode bool // opts.Unit is set
	maxUnit  int  // the largest unit that makes unit ties; -1: no limit

	uNoTies []bool       // units that never make unit ties (ecosystem level)
	skipped skippedUnits // units that made no unit ties in some snapshot

	// Partners.
	pHelix  []int8
	pSector []int8 // sectorPublic, sectorPrivate or 0
	present []bool
	live    []int32     // unit mode: the units in scope the partner is a live member of
	pTies   network.CSR // explicit ties of each partner
	pMems   network.CSR // memberships of each partner

	// Explicit ties between two different partners.
	tU, tV []int32
	// tOK holds in its low bits the number of the tie's conditions met
	// (see tieCond), and the flags tieDirected and tieSeen: one byte per
	// tie, read and written together.
	tOK []int8
	// tiesSeen counts the ties live in some snapshot so far, dirSeen the
	// directed ones among them.
	tiesSeen, dirSeen int

	// Memberships resolved to a partner, in a known unit.
	mUnit, mPartner []int32
	mOK             []int8

	// Units.
	uActive  []bool
	uScope   []bool
	uMems    network.CSR
	uParent  []int32 // -1 for none or unknown
	unitIDs  []string
	scope    []int32 // unit mode: the units below the root (root first, parents before children)
	root     int32   // unit mode: the root unit
	members  [][]int32
	memberOf map[uint64]unitMember

	// Joined pairs: the number of live ties and shared units per pair.
	pairs map[uint64]pairCount
	edges []uint64

	// Aggregates over the present partners and joined pairs.
	n      int
	helixN [numHelix]int
	mix    [numHelix][numHelix]int // [a][b], a ≤ b: pairs joining types a and b
	pp     int

	// Events, by span: events[evOff[k]:evOff[k+1]].
	evOff  []int32
	events []event

	// Changes since the last snapshot.
	k      int32
	pMark  []int32
	pWas   []bool
	pDirty []int32
	eWas   map[uint64]bool
	uf     *network.UnionFind
}

const (
	sectorPublic  = 1
	sectorPrivate = 2
)

type unitMember struct{ count, pos int32 }

type pairCount struct{ count, slot int32 }

// Kinds of records an event starts or ends.
const (
	evPartner = iota
	evUnit
	evMembership
	evTie
)

type event struct {
	kind uint8
	on   bool
	idx  int32
}

func newSweep(e *graph.Ecosystem, spans []Span, opts GrowthOptions) *sweep {
	s := &sweep{
		spans:    spans,
		explicit: opts.Ties == TiesAll || opts.Ties == TiesExplicit,
		unitTies: opts.Ties == TiesAll || opts.Ties == TiesUnits,
		unitMode: opts.Unit != "",
		maxUnit:  Options{MaxUnitSize: opts.MaxUnitSize}.maxUnitSize(),
		memberOf: map[uint64]unitMember{},
		pairs:    map[uint64]pairCount{},
		eWas:     map[uint64]bool{},
	}
	ix := graph.NewIndex(e)

	// The range of spans in which a period is active: [a, b], empty when
	// a > b. Spans are in order without overlap, so those that overlap a
	// period are consecutive.
	starts := make([]int, len(spans))
	ends := make([]int, len(spans))
	for k, sp := range spans {
		starts[k], ends[k] = sp.Start.Start(), sp.End.End()
	}
	counts := make([]int32, len(spans)+1)
	type pending struct {
		a, b int32
		kind uint8
		idx  int32
	}
	var evs []pending
	add := func(kind uint8, idx int, p graph.Period) {
		lo, hi := 0, math.MaxInt
		if !p.Since.IsZero() {
			lo = p.Since.Start()
		}
		if !p.Until.IsZero() {
			hi = p.Until.End()
		}
		a := sort.SearchInts(ends, lo)                                                // first span ending on or after lo
		b := sort.Search(len(starts), func(k int) bool { return starts[k] > hi }) - 1 // last span starting on or before hi
		if a > b {
			return
		}
		evs = append(evs, pending{int32(a), int32(b), kind, int32(idx)})
		counts[a]++
		if b+1 < len(spans) {
			counts[b+1]++
		}
	}

	// Partners; where an id repeats, the first record counts.
	np := len(e.Partners)
	s.pHelix = make([]int8, np)
	s.pSector = make([]int8, np)
	for i, p := range e.Partners {
		h := p.Helix
		if h == "" {
			h = graph.HelixUnknown
		}
		s.pHelix[i] = int8(helixCategory(h))
		sec := p.Sector
		if sec == "" {
			sec = graph.DefaultSector(h)
		}
		switch sec {
		case graph.Public:
			s.pSector[i] = sectorPublic
		case graph.Private:
			s.pSector[i] = sectorPrivate
		}
		if ix.Partner[p.ID] == i {
			add(evPartner, i, p.Period)
		}
	}
	partnerOf := func(id string) int32 {
		if i, ok := ix.Partner[id]; ok {
			return int32(i)
		}
		if i, ok := ix.Person[id]; ok {
			if j, ok := ix.Partner[e.People[i].Partner]; ok {
				return int32(j)
			}
		}
		return -1
	}

	// Units.
	nu := len(e.Units)
	s.uParent = make([]int32, nu)
	s.uNoTies = make([]bool, nu)
	for i, u := range e.Units {
		s.uNoTies[i] = u.Level == graph.LevelEcosystem
		s.uParent[i] = -1
		if j, ok := ix.Unit[u.Parent]; ok && u.Parent != "" {
			s.uParent[i] = int32(j)
		}
		if ix.Unit[u.ID] == i {
			add(evUnit, i, u.Period)
		}
	}
	if s.unitMode {
		s.root = int32(ix.Unit[opts.Unit])
		children := network.GroupBy(nu, s.uParent)
		seen := make([]bool, nu)
		s.scope = []int32{s.root}
		seen[s.root] = true
		for h := 0; h < len(s.scope); h++ {
			for _, c := range children.Of(s.scope[h]) {
				if !seen[c] && ix.Unit[e.Units[c].ID] == int(c) {
					seen[c] = true
					s.scope = append(s.scope, c)
				}
			}
		}
	}

	// Memberships.
	for _, m := range e.Memberships {
		u, ok := ix.Unit[m.Unit]
		p := partnerOf(m.Member)
		if !ok || p < 0 {
			continue
		}
		add(evMembership, len(s.mUnit), m.Period)
		s.mUnit = append(s.mUnit, int32(u))
		s.mPartner = append(s.mPartner, p)
	}
	s.mOK = make([]int8, len(s.mUnit))
	s.uMems = network.GroupBy(nu, s.mUnit)
	s.unitIDs = make([]string, nu)
	for i, u := range e.Units {
		s.unitIDs[i] = u.ID
	}
	s.pMems = network.GroupBy(np, s.mPartner)

	// Explicit ties, attributed to partners.
	if s.explicit {
		for _, t := range e.Ties {
			u, v := partnerOf(t.Source), partnerOf(t.Target)
			if u < 0 || v < 0 || u == v {
				continue
			}
			add(evTie, len(s.tU), t.Period)
			s.tU = append(s.tU, u)
			s.tV = append(s.tV, v)
			var flags int8
			if t.Directed {
				flags = tieDirected
			}
			s.tOK = append(s.tOK, flags)
		}
	}
	s.pTies = network.GroupBy(np, s.tU, s.tV)

	// Events by span.
	for k := 1; k <= len(spans); k++ {
		counts[k] += counts[k-1]
	}
	s.evOff = make([]int32, len(spans)+1)
	copy(s.evOff[1:], counts[:len(spans)])
	s.events = make([]event, counts[len(spans)-1])
	pos := slices.Clone(s.evOff[:len(spans)])
	for _, ev := range evs {
		s.events[pos[ev.a]] = event{ev.kind, true, ev.idx}
		pos[ev.a]++
		if int(ev.b)+1 < len(spans) {
			s.events[pos[ev.b+1]] = event{ev.kind, false, ev.idx}
			pos[ev.b+1]++
		}
	}

	s.present = make([]bool, np)
	s.live = make([]int32, np)
	s.uActive = make([]bool, nu)
	s.uScope = make([]bool, nu)
	s.members = make([][]int32, nu)
	s.pMark = make([]int32, np)
	s.pWas = make([]bool, np)
	s.uf = network.NewUnionFind(np)
	return s
}

func (s *sweep) run(ctx context.Context) ([]GrowthRow, error) {
	rows := make([]GrowthRow, len(s.spans))
	for k := range s.spans {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s.k = int32(k) + 1
		units := false
		for _, ev := range s.events[s.evOff[k]:s.evOff[k+1]] {
			switch ev.kind {
			case evPartner:
				s.partnerActive(ev.idx, ev.on)
			case evUnit:
				s.uActive[ev.idx] = ev.on
				if !s.unitMode {
					s.setScope(ev.idx, ev.on)
				}
				units = true
			case evMembership:
				s.memCond(ev.idx, ev.on)
			case evTie:
				s.tieCond(ev.idx, ev.on)
			}
		}
		if s.unitMode && units {
			s.rescope()
		}
		rows[k] = s.row(s.spans[k])
	}
	return rows, nil
}

// partnerActive starts or ends partner p's own period.
func (s *sweep) partnerActive(p int32, on bool) {
	if !s.unitMode {
		s.setPresent(p, on)
	}
	for _, m := range s.pMems.Of(p) {
		s.memCond(m, on)
	}
}

// rescope recomputes which units are below the root in unit mode: active
// units whose parent is below the root, as graph.Ecosystem.At cuts off a
// unit whose parent is not active.
func (s *sweep) rescope() {
	for i, u := range s.scope {
		in := s.uActive[u] && (i == 0 || s.uScope[s.uParent[u]])
		if in != s.uScope[u] {
			s.setScope(u, in)
		}
	}
}

// setScope puts unit u in or out of the snapshot.
func (s *sweep) setScope(u int32, in bool) {
	s.uScope[u] = in
	for _, m := range s.uMems.Of(u) {
		s.memCond(m, in)
	}
}

// memCond turns one of the three conditions of membership m on or off: its
// own period, its unit in the snapshot, its partner active.
func (s *sweep) memCond(m int32, on bool) {
	if on {
		s.mOK[m]++
		if s.mOK[m] == condAll {
			s.memLive(s.mUnit[m], s.mPartner[m], true)
		}
		return
	}
	if s.mOK[m] == condAll {
		s.memLive(s.mUnit[m], s.mPartner[m], false)
	}
	s.mOK[m]--
}

// memLive adds or removes one live membership of partner p in unit u. When
// p becomes or stops being a member of u, its pairs with u's other members
// are joined or loosened.
func (s *sweep) memLive(u, p int32, on bool) {
	key := uint64(u)<<32 | uint64(p)
	st := s.memberOf[key]
	if on {
		st.count++
		if st.count > 1 {
			s.memberOf[key] = st
			return
		}
		if s.unitTies {
			s.joinMember(u, p)
		}
		st.pos = int32(len(s.members[u]))
		s.members[u] = append(s.members[u], p)
		s.memberOf[key] = st
		if s.unitMode {
			s.live[p]++
			if s.live[p] == 1 {
				s.setPresent(p, true)
			}
		}
		return
	}
	st.count--
	if st.count > 0 {
		s.memberOf[key] = st
		return
	}
	ms := s.members[u]
	last := ms[len(ms)-1]
	ms[st.pos] = last
	lk := uint64(u)<<32 | uint64(last)
	ls := s.memberOf[lk]
	ls.pos = st.pos
	s.memberOf[lk] = ls
	s.members[u] = ms[:len(ms)-1]
	delete(s.memberOf, key)
	if s.unitTies {
		s.leaveMember(u, p)
	}
	if s.unitMode {
		s.live[p]--
		if s.live[p] == 0 {
			s.setPresent(p, false)
		}
	}
}

// joinMember joins p, about to become a member of unit u, to u's members,
// as New would: not at all in a unit of the ecosystem level or one that
// grows past the limit; a unit that reaches one more than the limit loosens
// the pairs of the members it had.
func (s *sweep) joinMember(u, p int32) {
	n := len(s.members[u]) // without p
	switch {
	case s.uNoTies[u]:
		if n+1 >= 2 {
			s.skipped.ecosystem = mergeUnitSizes(s.skipped.ecosystem, []unitSize{{s.unitIDs[u], n + 1}})
		}
	case s.maxUnit < 0 || n+1 <= s.maxUnit:
		for _, q := range s.members[u] {
			s.pair(p, q, 1)
		}
	default:
		if n == s.maxUnit {
			s.unitPairs(u, -1)
		}
		s.skipped.large = mergeUnitSizes(s.skipped.large, []unitSize{{s.unitIDs[u], n + 1}})
	}
}

// leaveMember loosens the pairs of p, no longer a member of unit u, with
// u's remaining members; a unit that shrinks back to the limit joins its
// members.
func (s *sweep) leaveMember(u, p int32) {
	n := len(s.members[u]) // without p
	switch {
	case s.uNoTies[u]:
	case s.maxUnit < 0 || n+1 <= s.maxUnit:
		for _, q := range s.members[u] {
			s.pair(p, q, -1)
		}
	case n == s.maxUnit:
		s.unitPairs(u, 1)
	}
}

// unitPairs adds d to every pair of the members of unit u.
func (s *sweep) unitPairs(u int32, d int32) {
	ms := s.members[u]
	for a := range ms {
		for b := a + 1; b < len(ms); b++ {
			s.pair(ms[a], ms[b], d)
		}
	}
}

// setPresent puts partner p in or out of the snapshot.
func (s *sweep) setPresent(p int32, on bool) {
	if s.pMark[p] != s.k {
		s.pMark[p] = s.k
		s.pWas[p] = s.present[p]
		s.pDirty = append(s.pDirty, p)
	}
	s.present[p] = on
	if on {
		s.n++
		s.helixN[s.pHelix[p]]++
	} else {
		s.n--
		s.helixN[s.pHelix[p]]--
	}
	for _, t := range s.pTies.Of(p) {
		s.tieCond(t, on)
	}
}

// tieCond turns one of the three conditions of explicit tie t on or off: its
// own period and each of its partners in the snapshot.
func (s *sweep) tieCond(t int32, on bool) {
	if on {
		s.tOK[t]++
		if ok := s.tOK[t]; ok&tieConds == condAll {
			s.pair(s.tU[t], s.tV[t], 1)
			if ok&tieSeen == 0 {
				s.tOK[t] |= tieSeen
				s.tiesSeen++
				if ok&tieDirected != 0 {
					s.dirSeen++
				}
			}
		}
		return
	}
	if s.tOK[t]&tieConds == condAll {
		s.pair(s.tU[t], s.tV[t], -1)
	}
	s.tOK[t]--
}

// pair adds d to the ties and shared units joining u and v.
func (s *sweep) pair(u, v int32, d int32) {
	if u > v {
		u, v = v, u
	}
	key := uint64(u)<<32 | uint64(v)
	st := s.pairs[key]
	if _, ok := s.eWas[key]; !ok {
		s.eWas[key] = st.count > 0
	}
	st.count += d
	a, b := s.pHelix[u], s.pHelix[v]
	if a > b {
		a, b = b, a
	}
	pp := s.pSector[u]|s.pSector[v] == sectorPublic|sectorPrivate
	switch {
	case st.count == 1 && d > 0:
		st.slot = int32(len(s.edges))
		s.edges = append(s.edges, key)
		s.mix[a][b]++
		if pp {
			s.pp++
		}
	case st.count == 0:
		last := s.edges[len(s.edges)-1]
		s.edges[st.slot] = last
		ls := s.pairs[last]
		ls.slot = st.slot
		s.pairs[last] = ls
		s.edges = s.edges[:len(s.edges)-1]
		delete(s.pairs, key)
		s.mix[a][b]--
		if pp {
			s.pp--
		}
		return
	}
	s.pairs[key] = st
}

// row takes the snapshot of the current state and resets the changes.
func (s *sweep) row(sp Span) GrowthRow {
	r := GrowthRow{Date: sp.Label, Start: sp.Start, End: sp.End}

	// Components: union-find over the joined pairs.
	uf := s.uf
	uf.Reset()
	comps := s.n
	for _, key := range s.edges {
		a, b := uf.Find(int32(key>>32)), uf.Find(int32(key&math.MaxUint32))
		if a != b {
			uf.Link(a, b)
			comps--
		}
	}
	big := int32(0)
	for i, p := range s.present {
		if p && uf.IsRoot(int32(i)) {
			big = max(big, uf.Size(int32(i)))
		}
	}
	r.GrowthMetrics = s.metrics(comps, int(big))

	// Changes.
	r.NewPartnersByHelix = helixCountMap(nil)
	for _, p := range s.pDirty {
		switch now := s.present[p]; {
		case now && !s.pWas[p]:
			r.NewPartners++
			r.NewPartnersByHelix[helixOfCategory(int(s.pHelix[p]))]++
		case !now && s.pWas[p]:
			r.LeftPartners++
		}
	}
	s.pDirty = s.pDirty[:0]
	var ext, in int
	for key, was := range s.eWas {
		_, now := s.pairs[key]
		switch {
		case now && !was:
			r.NewTies++
			a, b := s.pHelix[key>>32], s.pHelix[key&math.MaxUint32]
			switch {
			case a == unknownHelix || b == unknownHelix:
			case a == b:
				in++
			default:
				ext++
			}
		case !now && was:
			r.LeftTies++
		}
	}
	if len(s.eWas) > 4096 {
		s.eWas = map[uint64]bool{}
	} else {
		clear(s.eWas)
	}
	r.NewCrossHelixTiesShare = Float(math.NaN())
	if ext+in > 0 {
		r.NewCrossHelixTiesShare = Float(float64(ext) / float64(ext+in))
	}
	return r
}

// metrics computes GrowthMetrics from the maintained counts, with the
// formulas of the functions GrowthMetricsOf calls.
func (s *sweep) metrics(comps, big int) GrowthMetrics {
	n, m := s.n, len(s.edges)
	g := GrowthMetrics{Partners: n, Ties: m, Components: comps}
	if n >= 2 {
		fn := float64(n)
		g.Density = Float(2 * float64(m) / (fn * (fn - 1)))
	}
	if n > 0 {
		g.LargestComponentShare = Float(float64(big) / float64(n))
		g.AverageDegree = Float(2 * float64(m) / float64(n))
	}
	known := n - s.helixN[unknownHelix]
	g.BlauIndex = Float(blau(s.helixN[:unknownHelix], known))
	present := map[graph.Helix]bool{}
	g.HelixMissing = []graph.Helix{}
	for c, h := range graph.Helices {
		if s.helixN[c] > 0 {
			present[h] = true
		} else {
			g.HelixMissing = append(g.HelixMissing, h)
		}
	}
	g.HelixCoverage = graph.Classify(present)
	g.HelixIntegration = integrationClass(func(a, b int) bool { return s.mix[min(a, b)][max(a, b)] > 0 })
	var ext, in int
	for a := 0; a < unknownHelix; a++ {
		in += s.mix[a][a]
		for b := a + 1; b < unknownHelix; b++ {
			ext += s.mix[a][b]
		}
	}
	g.EIIndex = Float(eiOf(ext, in))
	if m > 0 {
		g.PublicPrivateTieShare = Float(float64(s.pp) / float64(m))
	}
	g.HelixCounts = helixCountMap(s.helixN[:])
	return g
}

// helixCountMap returns the six counts by helix type as a map with all six
// keys; nil counts gives zeros.
func helixCountMap(n []int) map[graph.Helix]int {
	out := make(map[graph.Helix]int, numHelix)
	for c := 0; c < numHelix; c++ {
		out[helixOfCategory(c)] = 0
		if n != nil {
			out[helixOfCategory(c)] = n[c]
		}
	}
	return out
}

// integrationClass is the class of HelixIntegration given which pairs of
// known helix categories are linked.
func integrationClass(linked func(a, b int) bool) graph.CoverageClass {
	for _, c := range []graph.CoverageClass{graph.Quintuple, graph.Quadruple, graph.Triple} {
		types := graph.ClassTypes(c)
		all := true
		for a := 0; a < len(types) && all; a++ {
			for b := a + 1; b < len(types) && all; b++ {
				all = linked(helixCategory(types[a]), helixCategory(types[b]))
			}
		}
		if all {
			return c
		}
	}
	for a := 0; a < unknownHelix; a++ {
		for b := a + 1; b < unknownHelix; b++ {
			if linked(a, b) {
				return graph.Partial
			}
		}
	}
	return graph.None
}
