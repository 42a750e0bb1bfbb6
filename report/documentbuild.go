package report

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// DocumentInput is what BuildDocument builds a full report from.
type DocumentInput struct {
	// Snapshot is what the report is about: the records at Meta.At, of the
	// subtree of Meta.Unit when set (what Build takes).
	Snapshot *graph.Ecosystem
	// All is every record of every date of the whole ecosystem: growth runs
	// over its dates, the check lets the units above Meta.Unit lend their
	// challenge, and the gaps of a unit find candidates outside it. nil
	// means Snapshot.
	All     *graph.Ecosystem
	Meta    Meta
	Options Options
	// Metrics are the options of the node and network metrics (seed,
	// permutations, approximate betweenness).
	Metrics analysis.MetricsOptions
	// AutoApprox, when Metrics.Approx is 0, estimates betweenness within
	// ±AutoApproxEpsilon on a network of more than AutoApproxPartners
	// partners, where exact betweenness takes longer than the report may.
	AutoApprox bool
	// Gaps are the options of the gaps (targets, minimum share); Top and
	// Units are set by the report.
	Gaps analysis.GapOptions
	// Check are the options of the learning-community check; Unit is set
	// from Meta.Unit.
	Check analysis.CheckOptions
}

// AutoApproxPartners is the size above which the report estimates
// betweenness unless told otherwise, and AutoApproxEpsilon the error it
// allows. Exact betweenness costs O(nm): about 1.4 s on two cores for the
// 6,000-partner generated ecosystem (the report of which should take at
// most 2 s in all) and about 25 s for the 50,000-partner one, where the
// estimate takes 0.1 s and 1.5 s. The report shows the top 10 only, and
// says in its methods that the values are estimates.
const (
	AutoApproxPartners = 5000
	AutoApproxEpsilon  = 0.01
)

// GapCandidates is how many candidates the report lists per missing type.
const GapCandidates = 5

// BuildDocument computes the full report. Every figure comes from the
// analysis that computes it (Build, NetworkMetricsOf, NodeMetricsOf,
// Gaps, Check, Growth, Values); the Document only orders, selects and
// cross-tabulates them. The analyses run concurrently; betweenness is
// computed once, for the central partners and the value positions.
func BuildDocument(ctx context.Context, in DocumentInput) (*Document, error) {
	e := in.Snapshot
	all := in.All
	if all == nil {
		all = e
	}
	net := analysis.New(e, in.Options.Network)
	d := &Document{Report: build(e, in.Meta, in.Options, net), Methods: Methods(), empty: in.Meta.Empty}
	if d.Partners == 0 {
		return d, nil
	}
	mopts := in.Metrics
	bn := &BetweennessNote{}
	if in.AutoApprox && mopts.Approx == 0 && net.N() > AutoApproxPartners {
		mopts.Approx, bn.Auto = AutoApproxEpsilon, true
	}
	mopts.SkipCloseness = true

	var (
		wg                            sync.WaitGroup
		nodes                         []analysis.NodeMetrics
		nm                            analysis.NetworkMetrics
		gaps                          analysis.GapReport
		checks                        []analysis.UnitCheck
		growth                        *GrowthSection
		values                        analysis.ValueCreation
		errNodes, errNet, errGaps     error
		errCheck, errGrowth, errValue error
	)
	wg.Add(4)
	go func() { // betweenness once, then the node metrics and the values
		defer wg.Done()
		nodes, bn.Approximation, errNodes = analysis.NodeMetricsOf(ctx, net, mopts)
		if errNodes != nil {
			return
		}
		vopts := mopts
		vopts.Betweenness = make([]float64, len(nodes))
		for i, n := range nodes {
			vopts.Betweenness[i] = float64(n.Betweenness)
		}
		vopts.BetweennessApprox = bn.Approximation
		values, errValue = analysis.Values(ctx, e, net, vopts)
	}()
	go func() {
		defer wg.Done()
		nm, errNet = analysis.NetworkMetricsOf(ctx, e, net, mopts)
	}()
	go func() {
		defer wg.Done()
		gaps, errGaps = documentGaps(ctx, in, all, net)
	}()
	go func() {
		defer wg.Done()
		checks, errCheck = documentCheck(in, all)
		if errCheck == nil {
			growth, errGrowth = documentGrowth(ctx, in, all)
		}
	}()
	wg.Wait()
	for _, err := range []error{errNodes, errNet, errGaps, errCheck, errGrowth, errValue} {
		if err != nil {
			return nil, err
		}
	}

	d.Network = &nm
	d.Betweenness = bn
	d.HelixChart = helixChart(d.HelixCounts, d.Partners)
	d.Mixing = mixingMatrix(nm.HelixMixing)
	d.Central = central(nodes)
	d.Brokers = brokerRoles(nodes)
	d.Communities = communities(e, nodes, float64(nm.Modularity), d.Units)
	d.Gaps = &gaps
	d.Check = &CheckSection{Summary: summariseChecks(checks), Units: checks}
	d.Growth = growth
	// The value per partner is a table as long as the network: ecoscope
	// values --format json has it; the report keeps the summaries.
	values.Partners = []analysis.PartnerValue{}
	d.ValueCreation = &values
	d.ValueChart = valueMatrix(values)
	d.Drawing = drawing(e, net, nodes, d.Units)
	d.Summary = &Summary{
		Partners: d.Partners, Ties: d.Ties, Units: len(d.Units),
		Coverage: d.Coverage.Class, Integration: nm.HelixIntegration,
	}
	d.Summary.Findings = findings(d)
	return d, nil
}

// documentGaps runs analysis.Gaps on the snapshot; for a unit, on the
// whole snapshot at the date (its candidates are outside the unit),
// reporting the units of the subtree only.
func documentGaps(ctx context.Context, in DocumentInput, all *graph.Ecosystem, net *analysis.Network) (analysis.GapReport, error) {
	o := in.Gaps
	o.Top, o.OnlyGaps, o.MaxCandidates = GapCandidates, false, 0
	e := in.Snapshot
	if in.Meta.Unit != "" && all != in.Snapshot {
		o.Units = make([]string, 0, len(e.Units))
		for _, u := range e.Units {
			o.Units = append(o.Units, u.ID)
		}
		e = all.At(in.Meta.At)
		net = analysis.New(e, in.Options.Network)
	}
	return analysis.Gaps(ctx, e, net, o)
}

// documentCheck runs analysis.Check as ecoscope check does: on the whole
// snapshot, restricted to the unit, so that units above it lend their
// challenge.
func documentCheck(in DocumentInput, all *graph.Ecosystem) ([]analysis.UnitCheck, error) {
	o := in.Check
	e := in.Snapshot
	o.Unit = ""
	if in.Meta.Unit != "" && all != in.Snapshot {
		e = all.At(in.Meta.At)
		o.Unit = in.Meta.Unit
	}
	if len(e.Units) == 0 {
		return []analysis.UnitCheck{}, nil
	}
	return analysis.Check(e, o)
}

// maxGrowthRows bounds the growth series of the report: one row a year.
const maxGrowthRows = 200

// documentGrowth runs analysis.Growth yearly from the first date of the
// data to its last, or to Meta.At when given; nil when the data has no
// dates.
func documentGrowth(ctx context.Context, in DocumentInput, all *graph.Ecosystem) (*GrowthSection, error) {
	scope := all
	if in.Meta.Unit != "" {
		s, err := all.Subtree(in.Meta.Unit)
		if err != nil {
			return nil, nil // not in the data: no series
		}
		scope = s
	}
	first, last, ok := analysis.DateRange(scope)
	if !ok {
		return nil, nil
	}
	if at := in.Meta.At; !at.IsZero() && at.End() < last.End() {
		last = at
	}
	if first.Start() > last.End() {
		return nil, nil
	}
	spans := analysis.Spans(first, last, analysis.EveryYear)
	if len(spans) > maxGrowthRows {
		spans = spans[len(spans)-maxGrowthRows:]
	}
	rows, _, err := analysis.Growth(ctx, all, spans, analysis.GrowthOptions{
		Ties: in.Options.Network.Ties, Unit: in.Meta.Unit, MaxUnitSize: in.Options.Network.MaxUnitSize,
	})
	if err != nil {
		return nil, err
	}
	return &GrowthSection{Every: analysis.EveryYear.String(), Rows: rows}, nil
}

// helixChart lists the partners per helix type.
func helixChart(counts map[graph.Helix]int, total int) []HelixCount {
	var out []HelixCount
	for _, h := range append(slices.Clone(graph.Helices), graph.HelixUnknown) {
		n, ok := counts[h]
		if !ok || (h == graph.HelixUnknown && n == 0) {
			continue
		}
		share := 0.0
		if total > 0 {
			share = float64(n) / float64(total)
		}
		out = append(out, HelixCount{Helix: h, Partners: n, Share: share})
	}
	return out
}

// mixingMatrix orders the mixing counts of NetworkMetricsOf.
func mixingMatrix(m analysis.MixingCounts) *MixingMatrix {
	out := &MixingMatrix{Types: slices.Clone(graph.Helices)}
	for _, a := range graph.Helices {
		row := make([]int, len(graph.Helices))
		for j, b := range graph.Helices {
			row[j] = m[a][b]
		}
		out.Counts = append(out.Counts, row)
	}
	return out
}

// central returns the TopPartners partners of highest betweenness, then
// degree, then id.
func central(nodes []analysis.NodeMetrics) []CentralPartner {
	idx := make([]int, len(nodes))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		x, y := nodes[a], nodes[b]
		return cmp.Or(cmp.Compare(y.Betweenness, x.Betweenness), cmp.Compare(y.Degree, x.Degree), cmp.Compare(x.ID, y.ID))
	})
	out := []CentralPartner{}
	for k, i := range idx[:min(TopPartners, len(idx))] {
		out = append(out, CentralPartner{Rank: k + 1, NodeMetrics: nodes[i]})
	}
	return out
}

// RoleCount returns the number of two-paths of role r of n.
func RoleCount(n analysis.NodeMetrics, r string) int {
	switch r {
	case RoleCoordinator:
		return n.Coordinator
	case RoleItinerant:
		return n.Itinerant
	case RoleGatekeeper:
		return n.Gatekeeper
	case RoleRepresentative:
		return n.Representative
	case RoleLiaison:
		return n.Liaison
	}
	return 0
}

// brokerRoles returns, per role, the TopPartners partners with the most
// two-paths of that role (ties by id).
func brokerRoles(nodes []analysis.NodeMetrics) []BrokerRole {
	var out []BrokerRole
	for _, r := range Roles {
		br := BrokerRole{Role: r, Partners: []BrokerCount{}}
		var list []BrokerCount
		for _, n := range nodes {
			if c := RoleCount(n, r); c > 0 {
				list = append(list, BrokerCount{PartnerRef: analysis.PartnerRef{ID: n.ID, Name: n.Name, Helix: n.Helix}, Count: c})
			}
		}
		br.Brokers = len(list)
		slices.SortFunc(list, func(a, b BrokerCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.ID, b.ID)) })
		br.Partners = append(br.Partners, list[:min(TopPartners, len(list))]...)
		out = append(out, br)
	}
	return out
}

// communities lists the largest communities of the partition of
// NodeMetricsOf and, for each, the unit below the ecosystem level whose
// subtree holds the most of its partners (a cross-tabulation of the
// partition and the declared units; the most specific unit among equals).
func communities(e *graph.Ecosystem, nodes []analysis.NodeMetrics, q float64, units []UnitEntry) *Communities {
	k := 0
	for _, n := range nodes {
		k = max(k, n.Community+1)
	}
	c := &Communities{Count: k, Modularity: analysis.Float(q), List: []Community{}}
	top := min(TopCommunities, k)
	sizes := make([]int, k)
	comm := make(map[string]int, len(nodes))
	for i, n := range nodes {
		sizes[n.Community]++
		if _, dup := comm[n.ID]; !dup {
			comm[n.ID] = nodes[i].Community
		}
	}
	for id := range top {
		c.List = append(c.List, Community{ID: id, Partners: sizes[id], HelixCounts: map[graph.Helix]int{}})
	}
	for _, n := range nodes {
		if n.Community < top {
			c.List[n.Community].HelixCounts[n.Helix]++
		}
	}
	members := analysis.SubtreePartners(e)
	for _, u := range units { // tree order: a unit below wins a tie with its parent
		if u.Level == graph.LevelEcosystem {
			continue
		}
		count := make([]int, top)
		for _, p := range members[u.ID] {
			if x, ok := comm[p]; ok && x < top {
				count[x]++
			}
		}
		for x, n := range count {
			if n > 0 && n >= c.List[x].UnitPartners {
				c.List[x].Unit = &UnitRef{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form}
				c.List[x].UnitPartners = n
			}
		}
	}
	for x := range c.List {
		cm := &c.List[x]
		if cm.Partners > 0 {
			cm.UnitShare = float64(cm.UnitPartners) / float64(cm.Partners)
		}
		if 2*cm.UnitPartners > cm.Partners {
			c.Aligned++
		}
	}
	return c
}

// summariseChecks counts the verdicts as ecoscope check does.
func summariseChecks(units []analysis.UnitCheck) CheckSummary {
	var s CheckSummary
	s.Units = len(units)
	for _, u := range units {
		switch u.Verdict {
		case analysis.VerdictLearningCommunity:
			s.LearningCommunity++
		case analysis.VerdictNotOnItsOwn:
			s.NotOnItsOwn++
		case analysis.VerdictInsufficientData:
			s.InsufficientData++
		}
	}
	return s
}

// ValueLevels are the columns of the value chart.
var ValueLevels = []string{string(graph.Micro), string(graph.Meso), string(graph.Macro), analysis.ValueUnspecified}

// valueMatrix lays out the cycle × outcome level table of Values.
func valueMatrix(v analysis.ValueCreation) *ValueMatrix {
	m := &ValueMatrix{Levels: ValueLevels}
	for _, r := range v.Cycles {
		m.Cycles = append(m.Cycles, r.Cycle)
		m.Counts = append(m.Counts, []int{r.Levels.Micro, r.Levels.Meso, r.Levels.Macro, r.Levels.Unspecified})
	}
	return m
}

// drawing selects the network to draw (see Drawing).
func drawing(e *graph.Ecosystem, net *analysis.Network, nodes []analysis.NodeMetrics, units []UnitEntry) *Drawing {
	d := &Drawing{Partners: net.N(), Ties: net.M(), Size: "betweenness", Nodes: []DrawNode{}, Edges: []DrawEdge{}, Units: []UnitRef{}}
	idx := make([]int, net.N())
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(net.Degree(b), net.Degree(a)), cmp.Compare(net.ID(a), net.ID(b)))
	})
	if len(idx) > DrawingMaxNodes {
		idx, d.Overview = idx[:DrawingMaxNodes], true
	}
	// Group by the units of the level below the ecosystem: fieldlabs,
	// else teams.
	level := graph.LevelFieldlab
	if !slices.ContainsFunc(units, func(u UnitEntry) bool { return u.Level == level }) {
		level = graph.LevelTeam
	}
	// The DrawingMaxUnits units with the most partners in the drawing (at
	// least two), so that a data set of thousands of teams (CORDIS
	// projects) draws a few hulls, not thousands.
	members := analysis.SubtreePartners(e)
	drawn := make(map[string]bool, len(idx))
	for _, i := range idx {
		drawn[net.ID(i)] = true
	}
	type candidate struct {
		u UnitEntry
		n int
	}
	var cands []candidate
	for _, u := range units {
		if u.Level != level {
			continue
		}
		n := 0
		for _, p := range members[u.ID] {
			if drawn[p] {
				n++
			}
		}
		if n >= 2 {
			cands = append(cands, candidate{u, n})
		}
	}
	if len(cands) > DrawingMaxUnits {
		slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.u.ID, b.u.ID)) })
		cands = cands[:DrawingMaxUnits]
	}
	inUnit := map[string][]int{}
	for _, c := range cands {
		u := c.u
		k := len(d.Units)
		d.Units = append(d.Units, UnitRef{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form})
		for _, p := range members[u.ID] {
			inUnit[p] = append(inUnit[p], k)
		}
	}
	pos := make(map[int]int, len(idx))
	for k, i := range idx {
		pos[i] = k
		n := nodes[i]
		us := inUnit[n.ID]
		if us == nil {
			us = []int{}
		}
		d.Nodes = append(d.Nodes, DrawNode{
			ID: n.ID, Name: n.Name, Helix: n.Helix, Degree: n.Degree,
			Betweenness: n.Betweenness, Community: n.Community, Units: us,
		})
	}
	for k, i := range idx {
		ws := net.Weights(i)
		for j, v := range net.Neighbors(i) {
			if l, ok := pos[int(v)]; ok && l > k {
				d.Edges = append(d.Edges, DrawEdge{Source: k, Target: l, Weight: ws[j]})
			}
		}
	}
	return d
}
