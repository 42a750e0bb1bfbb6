package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// TestCandidatesNetworkX ranks the "industry" members of the karate club
// (the Officer's faction) as candidates for a team of nodes 0, 1 and 2 (Mr.
// Hi's, "academia"), against NetworkX 3.6.1:
//
//	s(c) = sum(p for _, _, p in nx.adamic_adar_index(G, [(c, m) for m in ["0", "1", "2"]]))
//	d(c) = min(nx.shortest_path_length(G, m, c) for m in ["0", "1", "2"])
//	sorted by (-round(s, 12), d, c)
func TestCandidatesNetworkX(t *testing.T) {
	e := readGolden(t, "karate").ecosystem()
	e.Units = []graph.Unit{{ID: "t", Level: graph.LevelTeam, Form: graph.FormInnovationTeam}}
	for _, m := range []string{"0", "1", "2"} {
		e.Memberships = append(e.Memberships, graph.Membership{Unit: "t", Member: m})
	}
	net := New(e, Options{Ties: TiesExplicit})
	rep := mustGaps(t, e, net, GapOptions{Targets: map[graph.Level]graph.CoverageClass{graph.LevelTeam: graph.Triple}, Top: 8})
	want := []struct {
		id    string
		score float64
		dist  int
	}{
		{"33", 9.68332266538959, 2}, {"32", 3.3907169799214563, 1}, {"30", 2.5553387001279058, 1},
		{"31", 2.0340163514531637, 1}, {"28", 1.4266995903577506, 1}, {"24", 1.279458146995729, 2},
		{"23", 1.1237771248263264, 2}, {"27", 0.8685889638065035, 1},
	}
	u := rep.Units[0]
	if !slices.Equal(u.Missing, helices(ind, gov)) || len(u.Candidates) != 2 {
		t.Fatalf("missing %v, %d candidate lists", u.Missing, len(u.Candidates))
	}
	if g := u.Candidates[1]; g.Helix != gov || g.Total != 0 || len(g.Partners) != 0 {
		t.Errorf("government: %s", js(g))
	}
	got := u.Candidates[0]
	if got.Total != 17 || len(got.Partners) != len(want) {
		t.Fatalf("industry: total %d, %d listed; want 17, %d", got.Total, len(got.Partners), len(want))
	}
	for k, w := range want {
		c := got.Partners[k]
		if c.ID != w.id || math.Abs(c.Score-w.score) > 1e-9 || c.Distance == nil || *c.Distance != w.dist {
			t.Errorf("#%d: got %s %.12f %v, want %s %.12f %d", k+1, c.ID, c.Score, c.Distance, w.id, w.score, w.dist)
		}
	}
	checkCandidates(t, net, e, u.Candidates)
}

// netOf builds a network of nodes "0".."n-1" (helix types cycling through
// the five known ones, or as given) with the given edges.
func netOf(n int, edges [][2]int, helix func(i int) graph.Helix) *Network {
	e := &graph.Ecosystem{}
	for i := 0; i < n; i++ {
		h := graph.Helices[i%5]
		if helix != nil {
			h = helix(i)
		}
		e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprint(i), Name: fmt.Sprint(i), Helix: h})
	}
	for _, d := range edges {
		e.Ties = append(e.Ties, graph.Tie{Source: fmt.Sprint(d[0]), Target: fmt.Sprint(d[1]), Weight: 1})
	}
	return New(e, Options{Ties: TiesExplicit})
}

// bruteCuts finds the articulation points and bridges of net, and what each
// cuts off, straight from the definitions: remove the node (edge), label the
// components of what is left, and compare the pieces of the original
// component.
func bruteCuts(net *Network) (points, bridges map[string]cut) {
	n := net.N()
	label := func(skipNode int, skipEdge [2]int) []int {
		comp := make([]int, n)
		for i := range comp {
			comp[i] = -1
		}
		c := 0
		for s := 0; s < n; s++ {
			if s == skipNode || comp[s] >= 0 {
				continue
			}
			stack := []int{s}
			comp[s] = c
			for len(stack) > 0 {
				v := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, w32 := range net.Neighbors(v) {
					w := int(w32)
					if w == skipNode || comp[w] >= 0 || (v == skipEdge[0] && w == skipEdge[1]) || (v == skipEdge[1] && w == skipEdge[0]) {
						continue
					}
					comp[w] = c
					stack = append(stack, w)
				}
			}
			c++
		}
		return comp
	}
	whole := label(-1, [2]int{-1, -1})
	pieces := func(orig int, comp []int, skip int) []piece {
		m := map[int]*piece{}
		var order []int
		for i := 0; i < n; i++ {
			if i == skip || whole[i] != orig {
				continue
			}
			p, ok := m[comp[i]]
			if !ok {
				p = &piece{}
				m[comp[i]] = p
				order = append(order, comp[i])
			}
			p.size++
			if c := helixCategory(net.Helix(i)); c < unknownHelix {
				p.types[c]++
			}
		}
		var out []piece
		for _, k := range order {
			out = append(out, *m[k])
		}
		return out
	}
	points, bridges = map[string]cut{}, map[string]cut{}
	for v := 0; v < n; v++ {
		ps := pieces(whole[v], label(v, [2]int{-1, -1}), v)
		if len(ps) >= 2 {
			sep, off := cutOff(ps)
			points[net.ID(v)] = cut{u: v, v: -1, separated: sep, cutOff: off}
		}
		for _, w := range net.Neighbors(v) {
			if int(w) < v {
				continue
			}
			ps := pieces(whole[v], label(-1, [2]int{v, int(w)}), -1)
			if len(ps) == 2 {
				sep, off := cutOff(ps)
				bridges[net.ID(v)+"-"+net.ID(int(w))] = cut{u: v, v: int(w), separated: sep, cutOff: off}
			}
		}
	}
	return points, bridges
}

// TestCutsAgainstBruteForce checks the articulation points, bridges,
// separated counts and cut-off types of findCuts against bruteCuts on
// random sparse graphs (many pieces, isolated nodes, unknown types).
func TestCutsAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.IntN(30)
		m := r.IntN(2*n + 1)
		var edges [][2]int
		for k := 0; k < m; k++ {
			u, v := r.IntN(n), r.IntN(n)
			if u != v {
				edges = append(edges, [2]int{u, v})
			}
		}
		helix := func(i int) graph.Helix {
			if i%7 == 6 {
				return ""
			}
			return graph.Helices[(i*3+trial)%5]
		}
		net := netOf(n, edges, helix)
		cat := make([]int8, n)
		for i := range cat {
			cat[i] = int8(helixCategory(net.Helix(i)))
		}
		wantP, wantB := bruteCuts(net)
		cs := findCuts(net, cat)
		gotP, gotB := map[string]cut{}, map[string]cut{}
		for _, c := range cs.points {
			gotP[net.ID(c.u)] = c
		}
		for _, c := range cs.bridges {
			u, v := c.u, c.v
			if v < u {
				u, v = v, u
			}
			c.u, c.v = u, v
			gotB[net.ID(u)+"-"+net.ID(v)] = c
		}
		if !reflect.DeepEqual(gotP, wantP) {
			t.Fatalf("trial %d (n=%d, edges %v): articulation points\ngot  %v\nwant %v", trial, n, edges, gotP, wantP)
		}
		if !reflect.DeepEqual(gotB, wantB) {
			t.Fatalf("trial %d (n=%d, edges %v): bridges\ngot  %v\nwant %v", trial, n, edges, gotB, wantB)
		}
	}
}

// TestSingleBrokersNeedTwoOfEachType: a single broker is reported only
// where both helix types have at least two partners in scope; a partner
// that is the only one of its type trivially holds every tie of its type
// (issue 8: on a CORDIS programme every reported broker was of this kind).
//
//	a1 - i1 - a2      i2 - i1, g1 - a1, g1 - a2, g1 - i1, c1 - c2, c1 - a1
//
// academia a1, a2; industry i1, i2; government g1 (alone); civil society
// c1, c2.
func TestSingleBrokersNeedTwoOfEachType(t *testing.T) {
	e := ecoOf(
		[]string{"a1 academia", "a2 academia", "i1 industry", "i2 industry", "g1 government", "c1 civil_society", "c2 civil_society"},
		[]string{"a1-i1", "i1-a2", "i2-i1", "g1-a1", "g1-a2", "g1-i1", "c1-c2", "c1-a1"},
		nil, nil,
	)
	rep := mustGaps(t, e, New(e, Options{Ties: TiesExplicit}), GapOptions{Targets: defaultTargets, MinShare: 0.1})
	// Pairs with ties: academia–industry (a1-i1, a2-i1: i1 holds both),
	// academia–government (g1 holds both, but is the only government
	// partner), industry–government (one tie, g1-i1; g1 alone again) and
	// academia–civil society (one tie a1-c1: both ends, two of each type).
	want := []SingleBroker{
		{[2]graph.Helix{aca, ind}, []PartnerRef{ref(e, "i1")}, 2},
		{[2]graph.Helix{aca, civ}, []PartnerRef{ref(e, "a1"), ref(e, "c1")}, 1},
	}
	if got := rep.Ecosystem.SingleBrokers; !reflect.DeepEqual(got, want) {
		t.Errorf("single brokers:\ngot  %s\nwant %s", js(got), js(want))
	}
}

func TestCutOff(t *testing.T) {
	pc := func(size int, types ...int) piece {
		p := piece{size: size}
		for _, c := range types {
			p.types[c]++
		}
		return p
	}
	a, i, g, c, e := 0, 1, 2, 3, 4
	tests := []struct {
		name   string
		pieces []piece
		sep    int
		want   []graph.Helix
	}{
		// The largest piece has academia and industry; the smaller ones
		// hold environment (cut off) and industry (not: it is in the
		// largest piece too).
		{"one largest", []piece{pc(4, a, a, i, i), pc(2, e, e), pc(1, i)}, 3, []graph.Helix{graph.Environment}},
		// Two pieces of 2 are both "the rest"; only the piece of 1 is
		// separated, and its civil society is in no largest piece.
		{"tied largest", []piece{pc(2, a, g), pc(2, i, i), pc(1, c)}, 1, []graph.Helix{graph.CivilSociety}},
		// Equal halves: nothing is separated.
		{"halves", []piece{pc(1, a), pc(1, e)}, 0, []graph.Helix{}},
		// A piece of unknown types only separates partners but cuts no
		// type off.
		{"unknown", []piece{pc(3, a, i, g), pc(1)}, 1, []graph.Helix{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sep, got := cutOff(tt.pieces)
			if sep != tt.sep || !slices.Equal(got, tt.want) {
				t.Errorf("got %d, %v; want %d, %v", sep, got, tt.sep, tt.want)
			}
		})
	}
}

// ecoOf builds an ecosystem from "id helix" partners (helix "-" for none),
// "a-b" ties, units "id level form parent" and "unit member" memberships.
func ecoOf(partners, ties, units, members []string) *graph.Ecosystem {
	e := &graph.Ecosystem{Name: "test"}
	for _, p := range partners {
		f := strings.Fields(p)
		h := graph.Helix(f[1])
		if f[1] == "-" {
			h = ""
		}
		e.Partners = append(e.Partners, graph.Partner{ID: f[0], Name: "Name " + f[0], Helix: h})
	}
	for _, d := range ties {
		s, t, _ := strings.Cut(d, "-")
		e.Ties = append(e.Ties, graph.Tie{Source: s, Target: t, Weight: 1})
	}
	for _, u := range units {
		f := strings.Fields(u)
		unit := graph.Unit{ID: f[0], Name: "Unit " + f[0], Level: graph.Level(f[1]), Form: graph.Form(f[2])}
		if len(f) > 3 {
			unit.Parent = f[3]
		}
		e.Units = append(e.Units, unit)
	}
	for _, m := range members {
		f := strings.Fields(m)
		e.Memberships = append(e.Memberships, graph.Membership{Unit: f[0], Member: f[1], Role: graph.RoleMember})
	}
	return e
}

var defaultTargets = map[graph.Level]graph.CoverageClass{
	graph.LevelEcosystem: graph.Quintuple, graph.LevelFieldlab: graph.Quadruple, graph.LevelTeam: graph.Triple,
}

// structureEco is the hand-built ecosystem of TestGapsStructure:
//
//	a1 - a2 - c1 - u1        x1 (isolated)
//	  \  /
//	   i1 - i2 - i3
//	   |
//	   g1
//	  /  \
//	e1 -- e2
//
// a academia, i industry, g government, c civil society, e environment,
// u1 of unknown type. Unit fl (a fieldlab, target quadruple) has i1, g1,
// e1 and e2.
func structureEco() *graph.Ecosystem {
	return ecoOf(
		[]string{"a1 academia", "a2 academia", "i1 industry", "i2 industry", "i3 industry", "g1 government",
			"c1 civil_society", "e1 environment", "e2 environment", "u1 -", "x1 industry"},
		[]string{"a1-a2", "a1-i1", "a2-i1", "i1-i2", "i2-i3", "i1-g1", "g1-e1", "g1-e2", "e1-e2", "a2-c1", "c1-u1"},
		[]string{"fl fieldlab living_lab"},
		[]string{"fl i1", "fl g1", "fl e1", "fl e2"},
	)
}

func refs(ids ...string) []string { return ids }

func ids(rs []PartnerRef) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func helices(hs ...graph.Helix) []graph.Helix { return append([]graph.Helix{}, hs...) }

const (
	aca = graph.Academia
	ind = graph.Industry
	gov = graph.Government
	civ = graph.CivilSociety
	env = graph.Environment
)

func TestGapsStructure(t *testing.T) {
	e := structureEco()
	net := New(e, Options{Ties: TiesExplicit})
	rep := mustGaps(t, e, net, GapOptions{Targets: defaultTargets, MinShare: 0.10})
	g := rep.Ecosystem

	// 11 partners, every type present: quintuple, as the target asks.
	// Government and civil society have 1 of 11 partners each, 9.1% <
	// 10%: under-represented. Academia and environment have 2/11 = 18%.
	if g.Partners != 11 || g.Target != graph.Quintuple || g.Class != graph.Quintuple {
		t.Errorf("partners %d, target %s, class %s; want 11, quintuple, quintuple", g.Partners, g.Target, g.Class)
	}
	if !slices.Equal(g.Missing, helices()) || !slices.Equal(g.Present, graph.Helices) {
		t.Errorf("present %v, missing %v; want all five, none", g.Present, g.Missing)
	}
	wantUnder := []TypeShare{{gov, 1, 1.0 / 11}, {civ, 1, 1.0 / 11}}
	if !reflect.DeepEqual(g.Underrepresented, wantUnder) {
		t.Errorf("underrepresented: got %v, want %v", g.Underrepresented, wantUnder)
	}
	if got := g.HelixCounts; got[aca] != 2 || got[ind] != 4 || got[gov] != 1 || got[civ] != 1 || got[env] != 2 || got[graph.HelixUnknown] != 1 {
		t.Errorf("helix counts %v", got)
	}
	// u1 has no type: listed apart.
	if got := ids(g.Unknown); !slices.Equal(got, refs("u1")) {
		t.Errorf("unknown: got %v, want [u1]", got)
	}
	// Ties between types: academia–industry (a1-i1, a2-i1), industry–
	// government (i1-g1), government–environment (g1-e1, g1-e2),
	// academia–civil society (a2-c1). The other six pairs have none.
	wantPairs := [][2]graph.Helix{{aca, gov}, {aca, env}, {ind, civ}, {ind, env}, {gov, civ}, {civ, env}}
	if !reflect.DeepEqual(g.MissingPairs, wantPairs) {
		t.Errorf("missing pairs: got %v, want %v", g.MissingPairs, wantPairs)
	}
	if got := ids(g.Isolated); !slices.Equal(got, refs("x1")) {
		t.Errorf("isolated: got %v, want [x1]", got)
	}
	// i2 is tied to i1 and i3, i3 to i2: industry only. i1 has academia
	// and government neighbours, e1 and e2 are tied to g1 as well.
	if got := ids(g.WithinTypeOnly); !slices.Equal(got, refs("i2", "i3")) {
		t.Errorf("within type only: got %v, want [i2 i3]", got)
	}
	// Articulation points, with the pieces left in the component of 10:
	//   i1: {a1,a2,c1,u1} 4 | {i2,i3} 2 | {g1,e1,e2} 3 → the rest is the 4;
	//       industry, government, environment are cut off; 5 separated.
	//   a2: {c1,u1} 2 | the other 7 → civil society cut off; 2 separated.
	//   g1: {e1,e2} 2 | 7 → environment; 2.
	//   c1: {u1} 1 | 8 → unknown is no type: nothing cut off; 1.
	//   i2: {i3} 1 | 8 (with i1) → nothing; 1.
	// Sorted: most types cut off, then most separated, then id.
	wantAP := []Cut{
		{ref(e, "i1"), 5, helices(ind, gov, env)},
		{ref(e, "a2"), 2, helices(civ)},
		{ref(e, "g1"), 2, helices(env)},
		{ref(e, "c1"), 1, helices()},
		{ref(e, "i2"), 1, helices()},
	}
	if !reflect.DeepEqual(g.ArticulationPoints, wantAP) {
		t.Errorf("articulation points:\ngot  %v\nwant %v", g.ArticulationPoints, wantAP)
	}
	// Bridges: g1-i1 leaves {g1,e1,e2} 3 | 7: government and environment
	// cut off; a2-c1: {c1,u1} | 8: civil society; i1-i2: {i2,i3} | 8
	// (i1 is industry): nothing; c1-u1 and i2-i3 separate one partner.
	wantBr := []BridgeCut{
		{[2]PartnerRef{ref(e, "g1"), ref(e, "i1")}, 3, helices(gov, env)},
		{[2]PartnerRef{ref(e, "a2"), ref(e, "c1")}, 2, helices(civ)},
		{[2]PartnerRef{ref(e, "i1"), ref(e, "i2")}, 2, helices()},
		{[2]PartnerRef{ref(e, "c1"), ref(e, "u1")}, 1, helices()},
		{[2]PartnerRef{ref(e, "i2"), ref(e, "i3")}, 1, helices()},
	}
	if !reflect.DeepEqual(g.Bridges, wantBr) {
		t.Errorf("bridges:\ngot  %v\nwant %v", g.Bridges, wantBr)
	}
	// Single brokers: both academia–industry ties touch i1 (academia has
	// 2 partners, industry 4). The one academia–civil society tie a2-c1,
	// the one industry–government tie g1-i1 and both government–
	// environment ties (through g1) also have a single broker, but c1 and
	// g1 are the only partners of their type: not reported (issue 8).
	wantSB := []SingleBroker{
		{[2]graph.Helix{aca, ind}, []PartnerRef{ref(e, "i1")}, 2},
	}
	if !reflect.DeepEqual(g.SingleBrokers, wantSB) {
		t.Errorf("single brokers:\ngot  %v\nwant %v", g.SingleBrokers, wantSB)
	}
	if len(g.Candidates) != 0 {
		t.Errorf("the whole ecosystem has candidates: %v", g.Candidates)
	}

	// Unit fl: i1, g1, e1, e2 and the ties among them (i1-g1, g1-e1,
	// g1-e2, e1-e2). Target quadruple: academia and civil society missing.
	if len(rep.Units) != 1 {
		t.Fatalf("%d units, want 1", len(rep.Units))
	}
	u := rep.Units[0]
	if u.ID != "fl" || u.Partners != 4 || u.Target != graph.Quadruple || u.Class != graph.Partial {
		t.Errorf("unit %s: %d partners, target %s, class %s; want fl, 4, quadruple, partial", u.ID, u.Partners, u.Target, u.Class)
	}
	if !slices.Equal(u.Missing, helices(aca, civ)) || !slices.Equal(u.Present, helices(ind, gov, env)) {
		t.Errorf("present %v, missing %v", u.Present, u.Missing)
	}
	// Each present type has ≥ 1/4 = 25%.
	if len(u.Underrepresented) != 0 {
		t.Errorf("underrepresented %v", u.Underrepresented)
	}
	if !reflect.DeepEqual(u.MissingPairs, [][2]graph.Helix{{ind, env}}) {
		t.Errorf("missing pairs %v, want [[industry environment]]", u.MissingPairs)
	}
	// Inside the unit g1 cuts i1 (1) from e1, e2 (2): industry is cut off.
	if want := []Cut{{ref(e, "g1"), 1, helices(ind)}}; !reflect.DeepEqual(u.ArticulationPoints, want) {
		t.Errorf("unit articulation points: got %v, want %v", u.ArticulationPoints, want)
	}
	if want := []BridgeCut{{[2]PartnerRef{ref(e, "g1"), ref(e, "i1")}, 1, helices(ind)}}; !reflect.DeepEqual(u.Bridges, want) {
		t.Errorf("unit bridges: got %v, want %v", u.Bridges, want)
	}
	// Candidates for academia: a1, a2 outside the unit. cnt[w] = the
	// number of the unit's partners tied to w: a1 1, a2 1 (both to i1),
	// i1 1 (g1). Degrees: a1 2, a2 3, i1 4.
	//   AA(a2) = cnt[a1]/ln 2 + cnt[i1]/ln 4 = 1.442695 + 0.721348 = 2.164043
	//   AA(a1) = cnt[a2]/ln 3 + cnt[i1]/ln 4 = 0.910239 + 0.721348 = 1.631587
	// Both one step from i1. For civil society: c1, whose neighbours a2
	// (cnt 1, degree 3) and u1 (cnt 0) give 1/ln 3 = 0.910239, two steps:
	// i1 → a2 → c1 (i1 is the unit's first partner in input order).
	one, two := 1, 2
	wantC := []TypeCandidates{
		{aca, ReasonMissing, 2, []Candidate{
			{ref(e, "a2"), roundScore(1/math.Ln2 + 1/math.Log(4)), &one, []PartnerRef{ref(e, "i1"), ref(e, "a2")}},
			{ref(e, "a1"), roundScore(1/math.Log(3) + 1/math.Log(4)), &one, []PartnerRef{ref(e, "i1"), ref(e, "a1")}},
		}},
		{civ, ReasonMissing, 1, []Candidate{
			{ref(e, "c1"), roundScore(1 / math.Log(3)), &two, []PartnerRef{ref(e, "i1"), ref(e, "a2"), ref(e, "c1")}},
		}},
	}
	if !reflect.DeepEqual(u.Candidates, wantC) {
		t.Errorf("candidates:\ngot  %s\nwant %s", js(u.Candidates), js(wantC))
	}
	if math.Abs(u.Candidates[0].Partners[0].Score-2.164043) > 1e-6 {
		t.Errorf("AA(a2) = %v, want 2.164043", u.Candidates[0].Partners[0].Score)
	}
}

func ref(e *graph.Ecosystem, id string) PartnerRef {
	for _, p := range e.Partners {
		if p.ID == id {
			h := p.Helix
			if h == "" {
				h = graph.HelixUnknown
			}
			return PartnerRef{ID: p.ID, Name: p.Name, Helix: h}
		}
	}
	panic("no partner " + id)
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// candidateEco is the hand-built ecosystem of TestGapsCandidates. Team t
// has m1 (academia) and m2 (industry) and misses government:
//
//	   k --- g2          g5 (isolated)
//	  / \
//	m1   g3 - g4
//	| \
//	|  h - g6
//	| /
//	m2 - g1
func candidateEco() *graph.Ecosystem {
	return ecoOf(
		[]string{"m1 academia", "m2 industry", "h industry", "k academia",
			"g1 government", "g2 government", "g3 government", "g4 government", "g5 government", "g6 government"},
		[]string{"m1-m2", "m1-k", "m1-h", "m2-h", "m2-g1", "k-g2", "k-g3", "g3-g4", "h-g6"},
		[]string{"t team innovation_team", "empty team innovation_team", "p team plc"},
		[]string{"t m1", "t m2", "p k"},
	)
}

func TestGapsCandidates(t *testing.T) {
	e := candidateEco()
	net := New(e, Options{Ties: TiesExplicit})
	// Degrees: m1 3 (m2, k, h), m2 3 (m1, h, g1), h 3, k 3 (m1, g2, g3),
	// g3 2. cnt (the team's partners tied to w): h 2, m1 1, m2 1, k 1.
	//   g6 = cnt[h]/ln 3 = 2/ln 3 = 1.820478, two steps (m1 → h → g6)
	//   g1 = cnt[m2]/ln 3 = 0.910239, one step (m2 → g1)
	//   g2 = cnt[k]/ln 3 = 0.910239, two steps (m1 → k → g2)
	//   g3 = cnt[k]/ln 3 + cnt[g4]/ln 1... g4 has cnt 0: 0.910239, two steps
	//   g4: no common neighbour, score 0, three steps (m1 → k → g3 → g4)
	//   g5: unreachable, last
	// So the highest score wins over the shortest path (g6 before g1),
	// equal scores go by distance (g1 before g2, g3) and then by id.
	d1, d2, d3 := 1, 2, 3
	s := roundScore(1 / math.Log(3))
	want := []Candidate{
		{ref(e, "g6"), roundScore(2 / math.Log(3)), &d2, []PartnerRef{ref(e, "m1"), ref(e, "h"), ref(e, "g6")}},
		{ref(e, "g1"), s, &d1, []PartnerRef{ref(e, "m2"), ref(e, "g1")}},
		{ref(e, "g2"), s, &d2, []PartnerRef{ref(e, "m1"), ref(e, "k"), ref(e, "g2")}},
		{ref(e, "g3"), s, &d2, []PartnerRef{ref(e, "m1"), ref(e, "k"), ref(e, "g3")}},
		{ref(e, "g4"), 0, &d3, []PartnerRef{ref(e, "m1"), ref(e, "k"), ref(e, "g3"), ref(e, "g4")}},
		{ref(e, "g5"), 0, nil, []PartnerRef{}},
	}
	for top := 0; top <= 7; top++ {
		t.Run(fmt.Sprintf("top %d", top), func(t *testing.T) {
			rep := mustGaps(t, e, net, GapOptions{Targets: defaultTargets, MinShare: 0.10, Top: top})
			var team *UnitGaps
			for k := range rep.Units {
				if rep.Units[k].ID == "t" {
					team = &rep.Units[k]
				}
			}
			if team == nil {
				t.Fatal("no unit t")
			}
			if !slices.Equal(team.Missing, helices(gov)) {
				t.Fatalf("missing %v, want [government]", team.Missing)
			}
			if len(team.Candidates) != 1 || team.Candidates[0].Helix != gov || team.Candidates[0].Total != 6 {
				t.Fatalf("candidates %s: want one list, government, total 6", js(team.Candidates))
			}
			w := want
			if top > 0 && top < len(w) {
				w = w[:top]
			}
			if got := team.Candidates[0].Partners; !reflect.DeepEqual(got, w) {
				t.Errorf("got  %s\nwant %s", js(got), js(w))
			}
		})
	}

	rep := mustGaps(t, e, net, GapOptions{Targets: defaultTargets, FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None}, MinShare: 0.10})
	for _, u := range rep.Units {
		switch u.ID {
		case "empty":
			// No partners: the whole triple is missing, and every partner
			// of those types is a candidate, unreachable, by id.
			if u.Partners != 0 || !slices.Equal(u.Missing, helices(aca, ind, gov)) || u.Class != graph.None {
				t.Errorf("empty unit: %d partners, missing %v, class %s", u.Partners, u.Missing, u.Class)
			}
			if len(u.Candidates) != 3 {
				t.Fatalf("empty unit: %d candidate lists, want 3", len(u.Candidates))
			}
			if got := ids(asRefs(u.Candidates[0].Partners)); !slices.Equal(got, refs("k", "m1")) {
				t.Errorf("empty unit: academia candidates %v, want [k m1]", got)
			}
			if got := ids(asRefs(u.Candidates[2].Partners)); !slices.Equal(got, refs("g1", "g2", "g3", "g4", "g5", "g6")) {
				t.Errorf("empty unit: government candidates %v", got)
			}
			for _, c := range u.Candidates[2].Partners {
				if c.Distance != nil || c.Score != 0 || len(c.Path) != 0 {
					t.Errorf("empty unit: candidate %s has distance %v, score %v, path %v", c.ID, c.Distance, c.Score, c.Path)
				}
			}
		case "p":
			// A PLC has no target here: nothing is missing, no candidates.
			if u.Target != graph.None || len(u.Missing) != 0 || len(u.Candidates) != 0 {
				t.Errorf("plc: target %s, missing %v, candidates %v", u.Target, u.Missing, u.Candidates)
			}
		}
	}

	// Under-represented: with a minimum share of 60%, the team's academia
	// and industry (1 of 2 each, 50%) are too few; candidates for them are
	// listed with reason underrepresented, government with missing.
	rep = mustGaps(t, e, net, GapOptions{Targets: defaultTargets, MinShare: 0.6, Units: []string{"t"}, Top: 1})
	if len(rep.Units) != 1 {
		t.Fatalf("Units: [t] gave %d units", len(rep.Units))
	}
	u := rep.Units[0]
	wantU := []TypeShare{{aca, 1, 0.5}, {ind, 1, 0.5}}
	if !reflect.DeepEqual(u.Underrepresented, wantU) {
		t.Errorf("underrepresented %v, want %v", u.Underrepresented, wantU)
	}
	var got []string
	for _, c := range u.Candidates {
		got = append(got, fmt.Sprintf("%s/%s/%d/%s", c.Helix, c.Reason, c.Total, c.Partners[0].ID))
	}
	// Academia outside the team: k only (score: its neighbour m1 has
	// cnt 1... k is tied to m1 directly: AA(k) = cnt[m1]/ln 3 = 0.91).
	// Industry: h. Government: g6 as above.
	wantS := []string{"academia/underrepresented/1/k", "industry/underrepresented/1/h", "government/missing/6/g6"}
	if !slices.Equal(got, wantS) {
		t.Errorf("candidate lists %v, want %v", got, wantS)
	}
}

func mustGaps(t *testing.T, e *graph.Ecosystem, net *Network, opts GapOptions) GapReport {
	t.Helper()
	rep, err := Gaps(context.Background(), e, net, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestGapsMaxCandidates: the team of candidateEco has 6 government
// candidates, the empty team 2 academia (k, m1) + 2 industry (m2, h) + 6
// government = 10, the PLC none: 16 in all. A bound of 15 stops the
// listing when every candidate is asked for, not when the lists are
// shortened.
func TestGapsMaxCandidates(t *testing.T) {
	e := candidateEco()
	net := New(e, Options{Ties: TiesExplicit})
	opts := GapOptions{Targets: defaultTargets, FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None}, MinShare: 0.1, MaxCandidates: 15}
	_, err := Gaps(context.Background(), e, net, opts)
	var tm *TooManyCandidatesError
	if !errors.As(err, &tm) || tm.Candidates != 16 || tm.Max != 15 {
		t.Errorf("MaxCandidates 15: got %v, want 16 candidates, more than 15", err)
	}
	opts.MaxCandidates = 16
	if _, err := Gaps(context.Background(), e, net, opts); err != nil {
		t.Errorf("MaxCandidates 16: %v", err)
	}
	opts.MaxCandidates, opts.Top = 15, 3
	if _, err := Gaps(context.Background(), e, net, opts); err != nil {
		t.Errorf("MaxCandidates 15, Top 3: %v", err)
	}
}

func asRefs(cs []Candidate) []PartnerRef {
	out := make([]PartnerRef, len(cs))
	for i, c := range cs {
		out[i] = c.PartnerRef
	}
	return out
}

// TestGapsEmpty: an empty ecosystem has no partners, no class, and every
// list is empty, not null, in JSON.
func TestGapsEmpty(t *testing.T) {
	e := &graph.Ecosystem{}
	rep := mustGaps(t, e, New(e, Options{}), GapOptions{Targets: defaultTargets, MinShare: 0.1})
	g := rep.Ecosystem
	if g.Partners != 0 || g.Class != graph.None || !slices.Equal(g.Missing, graph.Helices) {
		t.Errorf("empty: %d partners, class %s, missing %v", g.Partners, g.Class, g.Missing)
	}
	b := js(rep)
	if strings.Contains(b, "null") {
		t.Errorf("empty report has null lists: %s", b)
	}
}

// TestCandidatesBounded checks that the early stop of the search (Top > 0)
// gives the head of the full ranking on random networks.
func TestCandidatesBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for trial := 0; trial < 40; trial++ {
		n := 20 + r.IntN(200)
		e := &graph.Ecosystem{}
		for i := 0; i < n; i++ {
			e.Partners = append(e.Partners, graph.Partner{ID: fmt.Sprintf("p%03d", i), Helix: graph.Helices[r.IntN(5)]})
		}
		for k := 0; k < n+r.IntN(2*n); k++ {
			e.Ties = append(e.Ties, graph.Tie{Source: fmt.Sprintf("p%03d", r.IntN(n)), Target: fmt.Sprintf("p%03d", r.IntN(n)), Weight: 1})
		}
		e.Units = []graph.Unit{{ID: "t", Level: graph.LevelTeam, Form: graph.FormInnovationTeam}}
		for k := 0; k < 2+r.IntN(5); k++ {
			e.Memberships = append(e.Memberships, graph.Membership{Unit: "t", Member: fmt.Sprintf("p%03d", r.IntN(n))})
		}
		net := New(e, Options{Ties: TiesExplicit})
		opts := GapOptions{Targets: map[graph.Level]graph.CoverageClass{graph.LevelTeam: graph.Quintuple}, MinShare: 0.5}
		full := mustGaps(t, e, net, opts).Units[0].Candidates
		checkCandidates(t, net, e, full)
		for _, top := range []int{1, 2, 5, 20} {
			opts.Top = top
			part := mustGaps(t, e, net, opts).Units[0].Candidates
			if len(part) != len(full) {
				t.Fatalf("trial %d top %d: %d lists, want %d", trial, top, len(part), len(full))
			}
			for k := range full {
				w := full[k].Partners
				if len(w) > top {
					w = w[:top]
				}
				if !reflect.DeepEqual(part[k].Partners, w) || part[k].Total != full[k].Total {
					t.Fatalf("trial %d top %d %s:\ngot  %s\nwant %s", trial, top, full[k].Helix, js(part[k].Partners), js(w))
				}
			}
		}
	}
}

// checkCandidates checks every candidate of the unit "t" of e against the
// definitions, computed the plain way: the Adamic–Adar score as a double
// sum over the unit's partners and the common neighbours, the distance by
// a breadth-first search from all of them, and the path tie by tie.
func checkCandidates(t *testing.T, net *Network, e *graph.Ecosystem, lists []TypeCandidates) {
	t.Helper()
	var members []int
	for _, id := range SubtreePartners(e)["t"] {
		i, _ := net.Index(id)
		members = append(members, i)
	}
	in := map[int]bool{}
	dist := make([]int, net.N())
	for i := range dist {
		dist[i] = -1
	}
	var queue []int
	for _, m := range members {
		in[m] = true
		if dist[m] < 0 {
			dist[m] = 0
			queue = append(queue, m)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range net.Neighbors(v) {
			if dist[w] < 0 {
				dist[w] = dist[v] + 1
				queue = append(queue, int(w))
			}
		}
	}
	for _, tc := range lists {
		for _, c := range tc.Partners {
			v, _ := net.Index(c.ID)
			aa := 0.0
			for m := range in {
				for _, w := range net.Neighbors(v) {
					if net.HasEdgeBetween(int64(w), int64(m)) {
						aa += 1 / math.Log(float64(net.Degree(int(w))))
					}
				}
			}
			if math.Abs(aa-c.Score) > 1e-9 {
				t.Fatalf("%s: score %v, want %v", c.ID, c.Score, aa)
			}
			if in[v] || net.Helix(v) != tc.Helix {
				t.Fatalf("%s is in the unit or not %s", c.ID, tc.Helix)
			}
			if dist[v] < 0 {
				if c.Distance != nil || len(c.Path) != 0 {
					t.Fatalf("%s: unreachable but distance %v, path %v", c.ID, c.Distance, c.Path)
				}
				continue
			}
			if c.Distance == nil || *c.Distance != dist[v] || len(c.Path) != dist[v]+1 {
				t.Fatalf("%s: distance %v, path %v; want distance %d", c.ID, c.Distance, c.Path, dist[v])
			}
			p0, _ := net.Index(c.Path[0].ID)
			if !in[p0] || c.Path[len(c.Path)-1].ID != c.ID {
				t.Fatalf("%s: path %v does not lead from the unit to it", c.ID, c.Path)
			}
			for k := 1; k < len(c.Path); k++ {
				a, _ := net.Index(c.Path[k-1].ID)
				b, _ := net.Index(c.Path[k].ID)
				if !net.HasEdgeBetween(int64(a), int64(b)) {
					t.Fatalf("%s: path %v: no tie %s-%s", c.ID, c.Path, c.Path[k-1].ID, c.Path[k].ID)
				}
			}
		}
	}
}

func BenchmarkGaps(b *testing.B) {
	for _, p := range []int{1000, 6000, 50000} {
		e := benchEco(b, p)
		for _, ties := range []TieSource{TiesExplicit, TiesAll} {
			net := New(e, Options{Ties: ties})
			for _, top := range []int{5, 0} {
				if top == 0 && p > 6000 {
					continue
				}
				b.Run(fmt.Sprintf("partners=%d/ties=%s/top=%d", p, ties, top), func(b *testing.B) {
					opts := GapOptions{Targets: defaultTargets, FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None, graph.FormCoP: graph.None}, MinShare: 0.1, Top: top}
					for b.Loop() {
						if _, err := Gaps(context.Background(), e, net, opts); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// benchEco is the synthetic ecosystem of `ecoscope generate --partners p
// --ties 5p --seed 1`, with its unit tree.
func benchEco(b *testing.B, p int) *graph.Ecosystem {
	b.Helper()
	return generate.Ecosystem(generate.Options{Partners: p, Ties: 5 * p, Seed: 1})
}

func ExampleGaps() {
	// A team of a university and a company, in an ecosystem where a
	// municipality works with the university and a province with the
	// municipality.
	e := &graph.Ecosystem{
		Partners: []graph.Partner{
			{ID: "uni", Name: "Universiteit", Helix: graph.Academia},
			{ID: "bv", Name: "Bouw BV", Helix: graph.Industry},
			{ID: "gem", Name: "Gemeente", Helix: graph.Government},
			{ID: "prov", Name: "Provincie", Helix: graph.Government},
		},
		Ties:        []graph.Tie{{Source: "uni", Target: "bv"}, {Source: "uni", Target: "gem"}, {Source: "gem", Target: "prov"}},
		Units:       []graph.Unit{{ID: "team", Level: graph.LevelTeam, Form: graph.FormInnovationTeam}},
		Memberships: []graph.Membership{{Unit: "team", Member: "uni"}, {Unit: "team", Member: "bv"}},
	}
	rep, _ := Gaps(context.Background(), e, New(e, Options{Ties: TiesExplicit}), GapOptions{
		Targets:  map[graph.Level]graph.CoverageClass{graph.LevelEcosystem: graph.Quintuple, graph.LevelTeam: graph.Triple},
		MinShare: 0.1,
	})
	team := rep.Units[0]
	fmt.Println("team misses", team.Missing)
	for _, c := range team.Candidates[0].Partners {
		var path []string
		for _, p := range c.Path {
			path = append(path, p.Name)
		}
		fmt.Printf("%s: %d steps (%s), Adamic–Adar %.3f\n", c.Name, *c.Distance, strings.Join(path, " → "), c.Score)
	}
	// Both score 1/ln 2: Gemeente shares Universiteit (degree 2) with Bouw
	// BV, Provincie shares Gemeente (degree 2) with Universiteit. Equal
	// scores: the nearer comes first.

	// Output:
	// team misses [government]
	// Gemeente: 1 steps (Universiteit → Gemeente), Adamic–Adar 1.443
	// Provincie: 2 steps (Universiteit → Gemeente → Provincie), Adamic–Adar 1.443
}

// TestTargetsOf: a form's target overrides its level's (config.Gaps); a
// level without a target has none.
func TestTargetsOf(t *testing.T) {
	tg := Targets{
		Levels: map[graph.Level]graph.CoverageClass{graph.LevelTeam: graph.Triple},
		Forms:  map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None, graph.FormLivingLab: graph.Quintuple},
	}
	tests := []struct {
		level graph.Level
		form  graph.Form
		want  graph.CoverageClass
	}{
		{graph.LevelTeam, graph.FormInnovationTeam, graph.Triple},
		{graph.LevelTeam, graph.FormPLC, graph.None},
		{graph.LevelTeam, "", graph.Triple},
		{graph.LevelFieldlab, graph.FormLivingLab, graph.Quintuple},
		{graph.LevelFieldlab, graph.FormFieldlab, graph.None},
	}
	for _, tt := range tests {
		if got := tg.Of(tt.level, tt.form); got != tt.want {
			t.Errorf("Of(%s, %s) = %s, want %s", tt.level, tt.form, got, tt.want)
		}
	}
}

// cancelAfter is a context whose Err reports context.Canceled from its
// (after+1)-th call on; it counts the calls, to see how soon Gaps stops.
type cancelAfter struct {
	context.Context
	after int64
	calls atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) > c.after {
		return context.Canceled
	}
	return nil
}

// TestGapsCancel: Gaps returns ctx.Err() — at once for a context that is
// already cancelled, without doing the work, and soon after the context
// is cancelled midway: it checks the context for every unit, and after the
// first check that fails each worker stops instead of going through the
// rest of the 885 units of the generated ecosystem.
func TestGapsCancel(t *testing.T) {
	e := generate.Ecosystem(generate.Options{Partners: 6000, Ties: 30000, Seed: 1})
	net := New(e, Options{})
	opts := GapOptions{Targets: defaultTargets, MinShare: 0.1, Top: 5}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Gaps(ctx, e, net, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: got error %v, want context.Canceled", err)
	}
	if len(rep.Units) != 0 || rep.Ecosystem.Partners != 0 {
		t.Errorf("cancelled context: got a report of %d units and %d partners, want nothing computed", len(rep.Units), rep.Ecosystem.Partners)
	}

	const after = 20
	// A context that can be cancelled (Done is not nil), whose Err says
	// it is from the check after `after` on.
	live, stop := context.WithCancel(context.Background())
	defer stop()
	c := &cancelAfter{Context: live, after: after}
	if _, err := Gaps(c, e, net, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("context cancelled after %d checks: got error %v, want context.Canceled", after, err)
	}
	// Each worker sees one failed check and stops; a few more checks
	// between the stages are allowed.
	if got, most := c.calls.Load(), int64(after+network.Workers(len(e.Units))+4); got > most {
		t.Errorf("context cancelled after %d checks: checked %d times, want at most %d (one more per worker, and between stages)", after, got, most)
	}
}

// summaryEco is candidateEco with one more team, iso, whose only partner
// g5 has no tie at all.
func summaryEco() *graph.Ecosystem {
	e := candidateEco()
	e.Units = append(e.Units, graph.Unit{ID: "iso", Name: "Unit iso", Level: graph.LevelTeam, Form: graph.FormInnovationTeam})
	e.Memberships = append(e.Memberships, graph.Membership{Unit: "iso", Member: "g5", Role: graph.RoleMember})
	return e
}

// TestGapsSummary counts the units of summaryEco by hand (targets: team
// triple, PLC none):
//
//	t      m1 academia, m2 industry     partial   misses government
//	empty  no partners                  none      misses academia, industry, government
//	p      k academia (a PLC)           partial   no target
//	iso    g5 government, no tie        partial   misses academia, industry
//
// So 4 units: 3 partial, 1 none; 3 with a gap; academia and industry are
// missing in 2 units each, government in 2 (t, empty): the most missing is
// the first of those in canonical order, academia. One unit (iso) has no
// tie. With OnlyGaps the units list drops p, the summary stays.
func TestGapsSummary(t *testing.T) {
	e := summaryEco()
	net := New(e, Options{Ties: TiesExplicit})
	opts := GapOptions{Targets: defaultTargets, FormTargets: map[graph.Form]graph.CoverageClass{graph.FormPLC: graph.None}, MinShare: 0.1, Top: 3}
	want := GapSummary{
		Units:            4,
		WithGaps:         3,
		WithoutTies:      1,
		Coverage:         map[graph.CoverageClass]int{graph.Quintuple: 0, graph.Quadruple: 0, graph.Triple: 0, graph.Partial: 3, graph.None: 1},
		Missing:          map[graph.Helix]int{aca: 2, ind: 2, gov: 2, civ: 0, env: 0},
		Underrepresented: map[graph.Helix]int{aca: 0, ind: 0, gov: 0, civ: 0, env: 0},
		MostMissing:      aca,
	}
	for _, only := range []bool{false, true} {
		opts.OnlyGaps = only
		rep := mustGaps(t, e, net, opts)
		if !reflect.DeepEqual(rep.Summary, want) {
			t.Errorf("OnlyGaps %v: summary\ngot  %s\nwant %s", only, js(rep.Summary), js(want))
		}
		var got []string
		for _, u := range rep.Units {
			got = append(got, u.ID)
		}
		wantIDs := []string{"t", "empty", "p", "iso"}
		if only {
			wantIDs = []string{"t", "empty", "iso"}
		}
		if !slices.Equal(got, wantIDs) {
			t.Errorf("OnlyGaps %v: units %v, want %v", only, got, wantIDs)
		}
	}
	// A missing government in one more unit makes it the most missing.
	e.Units = append(e.Units, graph.Unit{ID: "t2", Level: graph.LevelTeam, Form: graph.FormInnovationTeam})
	e.Memberships = append(e.Memberships, graph.Membership{Unit: "t2", Member: "h"}, graph.Membership{Unit: "t2", Member: "k"})
	rep := mustGaps(t, e, New(e, Options{Ties: TiesExplicit}), opts)
	if rep.Summary.MostMissing != gov || rep.Summary.Missing[gov] != 3 {
		t.Errorf("with t2: most missing %q (%d units miss government), want government (3)", rep.Summary.MostMissing, rep.Summary.Missing[gov])
	}
}

// TestGapsNoTies: unit iso of summaryEco has one partner, g5, with no tie
// in the whole network. It says so (NoTies), and its candidates are the
// partners of the missing types by id, none with a distance or a path;
// other units are not marked.
func TestGapsNoTies(t *testing.T) {
	e := summaryEco()
	net := New(e, Options{Ties: TiesExplicit})
	rep := mustGaps(t, e, net, GapOptions{Targets: defaultTargets, MinShare: 0.1, Top: 5})
	for _, u := range rep.Units {
		if u.NoTies != (u.ID == "iso") {
			t.Errorf("unit %s: NoTies %v", u.ID, u.NoTies)
		}
		if u.ID != "iso" {
			continue
		}
		var got []string
		for _, tc := range u.Candidates {
			for _, c := range tc.Partners {
				got = append(got, string(tc.Helix)+":"+c.ID)
				if c.Distance != nil || len(c.Path) != 0 || c.Score != 0 {
					t.Errorf("iso: candidate %s has distance %v, path %v, score %v", c.ID, c.Distance, c.Path, c.Score)
				}
			}
		}
		if want := []string{"academia:k", "academia:m1", "industry:h", "industry:m2"}; !slices.Equal(got, want) {
			t.Errorf("iso: candidates %v, want %v", got, want)
		}
	}
	if rep.Ecosystem.NoTies {
		t.Errorf("the ecosystem has ties but NoTies is set")
	}
}
