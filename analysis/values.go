package analysis

import (
	"context"
	"math"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

// ValueUnspecified is the key under which value records without an outcome
// level, or potential value without a kind of capital, are counted.
const ValueUnspecified = "unspecified"

// CycleCounts counts value records per value-creation cycle.
type CycleCounts struct {
	Expected       int `json:"expected"`
	Immediate      int `json:"immediate"`
	Potential      int `json:"potential"`
	Applied        int `json:"applied"`
	Realized       int `json:"realized"`
	Transformative int `json:"transformative"`
}

// Of returns the count of cycle c.
func (c CycleCounts) Of(cy graph.Cycle) int {
	switch cy {
	case graph.CycleExpected:
		return c.Expected
	case graph.CycleImmediate:
		return c.Immediate
	case graph.CyclePotential:
		return c.Potential
	case graph.CycleApplied:
		return c.Applied
	case graph.CycleRealized:
		return c.Realized
	case graph.CycleTransformative:
		return c.Transformative
	}
	return 0
}

func (c *CycleCounts) add(cy graph.Cycle) {
	switch cy {
	case graph.CycleExpected:
		c.Expected++
	case graph.CycleImmediate:
		c.Immediate++
	case graph.CyclePotential:
		c.Potential++
	case graph.CycleApplied:
		c.Applied++
	case graph.CycleRealized:
		c.Realized++
	case graph.CycleTransformative:
		c.Transformative++
	}
}

func (c *CycleCounts) addAll(d CycleCounts) {
	c.Expected += d.Expected
	c.Immediate += d.Immediate
	c.Potential += d.Potential
	c.Applied += d.Applied
	c.Realized += d.Realized
	c.Transformative += d.Transformative
}

// OutcomeCounts counts value records per outcome level; Unspecified counts
// the records without one.
type OutcomeCounts struct {
	Micro       int `json:"micro"`
	Meso        int `json:"meso"`
	Macro       int `json:"macro"`
	Unspecified int `json:"unspecified"`
}

// Of returns the count of outcome level l ("" or ValueUnspecified for the
// records without one).
func (c OutcomeCounts) Of(l graph.OutcomeLevel) int {
	switch l {
	case graph.Micro:
		return c.Micro
	case graph.Meso:
		return c.Meso
	case graph.Macro:
		return c.Macro
	}
	return c.Unspecified
}

func (c *OutcomeCounts) add(l graph.OutcomeLevel) {
	switch l {
	case graph.Micro:
		c.Micro++
	case graph.Meso:
		c.Meso++
	case graph.Macro:
		c.Macro++
	default:
		c.Unspecified++
	}
}

// ValueShare is a number of value records and its share of all records
// (NaN when there are none).
type ValueShare struct {
	Records int   `json:"records"`
	Share   Float `json:"share"`
}

// CycleRow is one row of the cycle × outcome level table.
type CycleRow struct {
	Cycle graph.Cycle `json:"cycle"`
	ValueShare
	Levels OutcomeCounts `json:"levels"`
}

// CapitalRow is one row of the capital × outcome level table of potential
// value; Capital is ValueUnspecified for potential value without one.
type CapitalRow struct {
	Capital string `json:"capital"`
	ValueShare
	Levels OutcomeCounts `json:"levels"`
}

// OutcomeRow is the total of one outcome level (ValueUnspecified included).
type OutcomeRow struct {
	Level string `json:"level"`
	ValueShare
}

// ValueStats are the records of one group, per cycle.
type ValueStats struct {
	ValueShare
	Cycles CycleCounts `json:"cycles"`
}

func (s *ValueStats) add(v graph.Value) {
	s.Records++
	s.Cycles.add(v.Cycle)
}

// HelixValues are the records reported by the partners (or the people of
// partners) of one helix type.
type HelixValues struct {
	Helix graph.Helix `json:"helix"`
	ValueStats
}

// UnitValues are the records that name one unit.
type UnitValues struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Level  graph.Level `json:"level"`
	Parent string      `json:"parent"`
	Depth  int         `json:"-"`
	ValueStats
	// SubtreeRecords counts the records naming the unit or any unit
	// nested below it.
	SubtreeRecords int `json:"subtree_records"`
}

// YearValues are the records dated in one year.
type YearValues struct {
	Year int `json:"year"`
	ValueStats
}

// PositionGroup is the value reported by a group of partners that share a
// network position.
type PositionGroup struct {
	// Group is "brokers", "others" or "q1" … "q4" (betweenness quartiles,
	// q1 the lowest).
	Group string `json:"group"`
	// Partners counts the partners in the group, whether they reported
	// value or not.
	Partners int `json:"partners"`
	// MinBetweenness and MaxBetweenness bound the group's betweenness
	// (NaN for an empty group).
	MinBetweenness Float       `json:"min_betweenness"`
	MaxBetweenness Float       `json:"max_betweenness"`
	Records        int         `json:"records"`
	Cycles         CycleCounts `json:"cycles"`
	// RecordsPerPartner is Records / Partners (NaN without partners).
	RecordsPerPartner Float `json:"records_per_partner"`
	// ShareTransformative is the share of the records that are
	// transformative; ShareRealizedOrTransformative of those realized or
	// transformative (NaN without records).
	ShareTransformative           Float `json:"share_transformative"`
	ShareRealizedOrTransformative Float `json:"share_realized_or_transformative"`
}

// PartnerValue is the network position of one partner and the value it
// (or its people) reported.
type PartnerValue struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Helix       graph.Helix `json:"helix"`
	Betweenness Float       `json:"betweenness"`
	// Brokerage is the number of open two-paths in which the partner
	// mediates across helix types: itinerant + representative + gatekeeper
	// + liaison (Brokerage).
	Brokerage int  `json:"brokerage"`
	Broker    bool `json:"broker"`
	// Quartile is the betweenness quartile, 1 (lowest) to 4.
	Quartile int         `json:"quartile"`
	Records  int         `json:"records"`
	Cycles   CycleCounts `json:"cycles"`
}

// ValuePositions relate the value partners report to their position in the
// partner network.
type ValuePositions struct {
	Brokers   PositionGroup   `json:"brokers"`
	Others    PositionGroup   `json:"others"`
	Quartiles []PositionGroup `json:"betweenness_quartiles"`
	// Unattributed counts records whose reporter is no partner of the
	// network nor a person working for one (none after validation).
	Unattributed int `json:"unattributed_records"`
}

// ValueCreation is the value creation of an ecosystem (Wenger, Trayner & de
// Laat 2011; the expected cycle of Dingyloudi & Strijbos 2015), cut several
// ways. See Values.
type ValueCreation struct {
	Records     int            `json:"records"`
	Cycles      []CycleRow     `json:"by_cycle"`
	Capitals    []CapitalRow   `json:"potential_by_capital"`
	Outcomes    []OutcomeRow   `json:"by_level"`
	Helices     []HelixValues  `json:"by_helix"`
	Units       []UnitValues   `json:"by_unit"`
	WithoutUnit ValueStats     `json:"without_unit"`
	Years       []YearValues   `json:"by_year"`
	Undated     ValueStats     `json:"undated"`
	Positions   ValuePositions `json:"network"`
	Partners    []PartnerValue `json:"by_partner"`
	// BetweennessApproximation is present when betweenness was estimated
	// by sampling (MetricsOptions.Approx) rather than computed exactly.
	BetweennessApproximation *Approximation `json:"betweenness_approximation,omitempty"`
}

// Values counts the value records of e and their shares of all records:
//
//   - per cycle (graph.Cycles) × outcome level (micro, meso, macro, and
//     ValueUnspecified for records without a level), with potential value
//     also per kind of capital (ValueUnspecified without one);
//   - per helix type of the reporter: a partner's type, or the type of the
//     partner a person works for; the five types always, unknown when any;
//   - per unit named on the record, in tree order (see ComposeUnits): the
//     cycles count the records naming the unit itself, so that the rows add
//     up to the total with WithoutUnit; SubtreeRecords adds the units below;
//   - per year of the record date, every year from the first to the last
//     (years without records included), and the undated records apart;
//   - per network position of the reporting partner (a person's records
//     count for the partner they work for), in net, which must be built
//     from e. A broker is a partner that mediates across helix types in at
//     least one open two-path: Brokerage gives it a positive itinerant,
//     representative, gatekeeper or liaison count (coordinator two-paths,
//     within one type, and those with a partner of unknown type do not
//     count). Betweenness quartiles: see network.BetweennessQuartiles.
//
// Betweenness is exact unless opts.Approx > 0 (see NodeMetricsOf); without
// value records the network positions are not computed at all (they would
// hold no record), and Partners is empty.
//
// No record is dropped: every table adds up to Records. It panics if net
// does not have one node per partner of e. It checks ctx in betweenness
// and returns ctx.Err() once it is done.
func Values(ctx context.Context, e *graph.Ecosystem, net *Network, opts MetricsOptions) (ValueCreation, error) {
	if net.N() != len(e.Partners) {
		panic("analysis: Values: the network was not built from this ecosystem")
	}
	n := len(e.Values)
	share := func(k int) Float {
		if n == 0 {
			return Float(math.NaN())
		}
		return Float(float64(k) / float64(n))
	}
	vc := ValueCreation{Records: n}

	// Cycle × level, capital × level, level totals.
	cycles := make(map[graph.Cycle]*CycleRow, len(graph.Cycles))
	for _, c := range graph.Cycles {
		vc.Cycles = append(vc.Cycles, CycleRow{Cycle: c})
	}
	for i := range vc.Cycles {
		cycles[vc.Cycles[i].Cycle] = &vc.Cycles[i]
	}
	capitals := map[string]*CapitalRow{}
	for _, c := range graph.Capitals {
		vc.Capitals = append(vc.Capitals, CapitalRow{Capital: string(c)})
	}
	vc.Capitals = append(vc.Capitals, CapitalRow{Capital: ValueUnspecified})
	for i := range vc.Capitals {
		capitals[vc.Capitals[i].Capital] = &vc.Capitals[i]
	}
	var levels OutcomeCounts
	for _, v := range e.Values {
		if r, ok := cycles[v.Cycle]; ok {
			r.Records++
			r.Levels.add(v.Level)
		}
		if v.Cycle == graph.CyclePotential {
			k := string(v.Capital)
			if k == "" {
				k = ValueUnspecified
			}
			if r, ok := capitals[k]; ok {
				r.Records++
				r.Levels.add(v.Level)
			}
		}
		levels.add(v.Level)
	}
	for i := range vc.Cycles {
		vc.Cycles[i].Share = share(vc.Cycles[i].Records)
	}
	for i := range vc.Capitals {
		vc.Capitals[i].Share = share(vc.Capitals[i].Records)
	}
	for _, l := range []graph.OutcomeLevel{graph.Micro, graph.Meso, graph.Macro, ValueUnspecified} {
		k := levels.Of(l)
		vc.Outcomes = append(vc.Outcomes, OutcomeRow{Level: string(l), ValueShare: ValueShare{k, share(k)}})
	}

	// Helix type of the reporter.
	ix := graph.NewIndex(e)
	reporterPartner := func(id string) (int, bool) {
		if i, ok := ix.Partner[id]; ok {
			return i, true
		}
		if i, ok := ix.Person[id]; ok {
			if j, ok := ix.Partner[e.People[i].Partner]; ok {
				return j, true
			}
		}
		return 0, false
	}
	helices := map[graph.Helix]*ValueStats{}
	for _, h := range graph.Helices {
		vc.Helices = append(vc.Helices, HelixValues{Helix: h})
	}
	var unknownHelix ValueStats
	for _, v := range e.Values {
		h := graph.HelixUnknown
		if i, ok := reporterPartner(v.Reporter); ok {
			h = helixOf(e.Partners[i])
		}
		if h == graph.HelixUnknown {
			unknownHelix.add(v)
			continue
		}
		if helices[h] == nil {
			for i := range vc.Helices {
				if vc.Helices[i].Helix == h {
					helices[h] = &vc.Helices[i].ValueStats
				}
			}
		}
		if s := helices[h]; s != nil {
			s.add(v)
		} else {
			unknownHelix.add(v) // a helix value outside the vocabulary
		}
	}
	if unknownHelix.Records > 0 {
		vc.Helices = append(vc.Helices, HelixValues{Helix: graph.HelixUnknown, ValueStats: unknownHelix})
	}
	for i := range vc.Helices {
		vc.Helices[i].Share = share(vc.Helices[i].Records)
	}

	// Units, in tree order.
	byUnit := map[string]*ValueStats{}
	for _, v := range e.Values {
		if v.Unit == "" {
			vc.WithoutUnit.add(v)
			continue
		}
		s := byUnit[v.Unit]
		if s == nil {
			s = &ValueStats{}
			byUnit[v.Unit] = s
		}
		s.add(v)
	}
	vc.WithoutUnit.Share = share(vc.WithoutUnit.Records)
	subtree := subtreeCounts(e, byUnit)
	vc.Units = []UnitValues{}
	for _, uc := range unitTree(e, ix, e.Children()) {
		u := e.Units[uc.index]
		row := UnitValues{ID: u.ID, Name: u.Name, Level: u.Level, Parent: u.Parent, Depth: uc.depth, SubtreeRecords: subtree[u.ID]}
		if s := byUnit[u.ID]; s != nil {
			row.ValueStats = *s
		}
		row.Share = share(row.Records)
		vc.Units = append(vc.Units, row)
	}

	// Years.
	years := map[int]*ValueStats{}
	first, last := 0, 0
	for _, v := range e.Values {
		if v.Date.IsZero() {
			vc.Undated.add(v)
			continue
		}
		y := v.Date.Year()
		if years[y] == nil {
			years[y] = &ValueStats{}
		}
		years[y].add(v)
		if first == 0 || y < first {
			first = y
		}
		if y > last {
			last = y
		}
	}
	vc.Undated.Share = share(vc.Undated.Records)
	vc.Years = []YearValues{}
	if first > 0 {
		for y := first; y <= last; y++ {
			row := YearValues{Year: y}
			if s := years[y]; s != nil {
				row.ValueStats = *s
			}
			row.Share = share(row.Records)
			vc.Years = append(vc.Years, row)
		}
	}

	if n == 0 { // nothing to place in the network: no betweenness to compute
		vc.Positions, vc.Partners = emptyPositions(), []PartnerValue{}
		return vc, nil
	}
	bc, approx, err := betweennessOf(ctx, net, opts)
	if err != nil {
		return ValueCreation{}, err
	}
	vc.BetweennessApproximation = approx
	vc.Positions, vc.Partners = valuePositions(e, net, bc, reporterPartner)
	return vc, nil
}

// subtreeCounts returns, for every unit, the records naming it or a unit
// nested below it.
func subtreeCounts(e *graph.Ecosystem, byUnit map[string]*ValueStats) map[string]int {
	children := e.Children()
	memo := make(map[string]int, len(e.Units))
	var walk func(id string, onPath map[string]bool) int
	walk = func(id string, onPath map[string]bool) int {
		if k, ok := memo[id]; ok {
			return k
		}
		onPath[id] = true
		k := 0
		if s := byUnit[id]; s != nil {
			k = s.Records
		}
		for _, c := range children[id] {
			if !onPath[c] {
				k += walk(c, onPath)
			}
		}
		delete(onPath, id)
		memo[id] = k
		return k
	}
	for _, u := range e.Units {
		walk(u.ID, map[string]bool{})
	}
	return memo
}

func valuePositions(e *graph.Ecosystem, net *Network, bc []float64, reporterPartner func(string) (int, bool)) (ValuePositions, []PartnerValue) {
	n := net.N()
	roles := Brokerage(net)
	quart := network.BetweennessQuartiles(bc)
	partners := make([]PartnerValue, n)
	for i := range partners {
		r := roles[i]
		b := r.Itinerant + r.Representative + r.Gatekeeper + r.Liaison
		partners[i] = PartnerValue{
			ID: net.ID(i), Name: net.Name(i), Helix: net.Helix(i), Betweenness: Float(bc[i]),
			Brokerage: b, Broker: b > 0, Quartile: quart[i],
		}
	}
	var pos ValuePositions
	for _, v := range e.Values {
		i, ok := reporterPartner(v.Reporter)
		if !ok {
			pos.Unattributed++
			continue
		}
		partners[i].Records++
		partners[i].Cycles.add(v.Cycle)
	}
	group := func(name string, in func(PartnerValue) bool) PositionGroup {
		g := PositionGroup{Group: name}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range partners {
			if !in(p) {
				continue
			}
			g.Partners++
			g.Records += p.Records
			g.Cycles.addAll(p.Cycles)
			lo = math.Min(lo, float64(p.Betweenness))
			hi = math.Max(hi, float64(p.Betweenness))
		}
		g.MinBetweenness, g.MaxBetweenness = Float(math.NaN()), Float(math.NaN())
		g.RecordsPerPartner = Float(math.NaN())
		if g.Partners > 0 {
			g.MinBetweenness, g.MaxBetweenness = Float(lo), Float(hi)
			g.RecordsPerPartner = Float(float64(g.Records) / float64(g.Partners))
		}
		g.ShareTransformative, g.ShareRealizedOrTransformative = Float(math.NaN()), Float(math.NaN())
		if g.Records > 0 {
			g.ShareTransformative = Float(float64(g.Cycles.Transformative) / float64(g.Records))
			g.ShareRealizedOrTransformative = Float(float64(g.Cycles.Realized+g.Cycles.Transformative) / float64(g.Records))
		}
		return g
	}
	pos.Brokers = group("brokers", func(p PartnerValue) bool { return p.Broker })
	pos.Others = group("others", func(p PartnerValue) bool { return !p.Broker })
	for q := 1; q <= 4; q++ {
		pos.Quartiles = append(pos.Quartiles, group("q"+string(rune('0'+q)), func(p PartnerValue) bool { return p.Quartile == q }))
	}
	return pos, partners
}

// emptyPositions are the network positions of a data set without value
// records: the groups with nothing in them.
func emptyPositions() ValuePositions {
	nan := Float(math.NaN())
	group := func(name string) PositionGroup {
		return PositionGroup{Group: name, MinBetweenness: nan, MaxBetweenness: nan, RecordsPerPartner: nan,
			ShareTransformative: nan, ShareRealizedOrTransformative: nan}
	}
	pos := ValuePositions{Brokers: group("brokers"), Others: group("others")}
	for q := 1; q <= 4; q++ {
		pos.Quartiles = append(pos.Quartiles, group("q"+string(rune('0'+q))))
	}
	return pos
}
