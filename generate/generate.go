package generate

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

// The defaults of Options.
const (
	DefaultFrom           = 2015 // first year of growth
	DefaultTo             = 2026 // last year of growth
	DefaultTiesPerPartner = 5    // ties per partner when Options.Ties is 0
)

// Options say what ecosystem to generate.
type Options struct {
	// Partners is the number of partners; at least 1.
	Partners int
	// Ties is the number of partner-partner ties; 0 means
	// DefaultTiesPerPartner × Partners. A number larger than a simple
	// undirected graph on Partners can hold, Partners×(Partners−1)/2, is
	// capped at that.
	Ties int
	// Seed fixes the output: the same options give the same ecosystem, and
	// WriteCSV writes it byte for byte the same.
	Seed int64
	// From and To are the first and last year of growth; 0 means
	// DefaultFrom and DefaultTo.
	From, To int
	// NetworkOnly leaves out the units, memberships, people and value
	// records: the partners and their ties only, for benchmarks of network
	// analyses. Without it the ecosystem has a unit tree scaled to its size.
	NetworkOnly bool
}

// Tuning of the model; see Ecosystem.
const (
	founderShare     = 20    // 1 in founderShare partners is there from the first day
	growthRate       = 3.0   // the joining rate grows linearly to 1+growthRate times its start
	pickUniform      = 0.15  // share of tie ends drawn uniformly from the earlier partners
	pickSameHelix    = 0.35  // share drawn degree-proportionally from the own helix type
	meanTieLag       = 180.0 // days between a partner joining and its tie starting, on average
	tieEndShare      = 0.10  // share of ties that end
	partnerEndShare  = 0.04  // share of partners (not founders) that leave
	peopleShare      = 0.30  // share of partners with people (1 to 3)
	fieldlabPartners = 25    // one fieldlab per fieldlabPartners partners
	plcPartners      = 400   // one PLC and one CoP per plcPartners partners
)

// MaxTies returns the largest number of ties the generator makes among n
// partners: n(n−1)/2, one undirected tie per pair.
func MaxTies(n int) int {
	if n < 2 {
		return 0
	}
	return int(int64(n) * int64(n-1) / 2)
}

// Ecosystem generates a synthetic ecosystem. It panics when opts.Partners is
// less than 1, opts.Ties is negative or From comes after To.
//
// The model:
//
//   - Helix types follow a fixed mix (academia 15%, industry 45%,
//     government 15%, civil society 17%, environment 8%), as exact counts
//     (largest remainder) in random order, except that the first five
//     partners are one of each type. Kinds (university, sme, municipality,
//     energy_cooperative, nature_organisation, ...) are drawn per helix type;
//     a few kinds override the sector of their helix type (utilities are
//     public, social enterprises and some research institutes nonprofit).
//     Regions are the Dutch provinces, weighted.
//   - Growth: 1 in 20 partners joins on the first day of From; the others
//     join at a rate that grows linearly to four times its start by the end
//     of To. Partners are numbered in the order they join. Of the others,
//     4% leave, some time after their last tie started.
//   - Ties grow by preferential attachment with helix homophily: each
//     partner, as it joins, ties to earlier partners, chosen 15% uniformly,
//     35% in proportion to degree among its own helix type and 50% in
//     proportion to degree among all (through endpoint lists, so a draw is
//     O(1)). Ties are undirected, never a self-loop or a repeated pair, and
//     exactly Options.Ties of them are made (capped at MaxTies). A tie starts
//     on or after the day both partners joined (an exponential lag of 180
//     days on average); 10% end, and a tie ends at the latest when one of
//     its partners leaves. Weights are 1 to 5, light ties the most common;
//     types are collaboration, project, knowledge_exchange, funding (with a
//     government partner) and supply (with an industry partner).
//   - Unless NetworkOnly: 30% of partners have 1 to 3 people with a
//     discipline and a job role. One ecosystem unit with a core group of
//     founding partners as direct members (see coreGroup); one
//     fieldlab (fieldlab, living lab, innovation hub or centre of expertise)
//     per 25 partners (12% of them end), with 6 to 20 partners in changing
//     composition (15% of the memberships end before the fieldlab); 1 to 4
//     teams (innovation teams, generative groups) per fieldlab with a fixed
//     term and 2 to 6 members drawn from the fieldlab, often as people; one
//     PLC (the people of one knowledge institution) and one CoP (people of
//     one discipline) per 400 partners, at least one of each. Memberships
//     are dated within the periods of both the unit and the partner.
//   - Value records: ten for the ecosystem (every cycle, potential value in
//     every capital, every outcome level) and a few per other unit, reported
//     by a member, dated within the membership, later cycles later.
//
// Everything random is drawn from one PCG source seeded from opts.Seed.
func Ecosystem(opts Options) *graph.Ecosystem {
	opts = opts.withDefaults()
	g := newGenerator(opts)
	g.partners()
	g.ties()
	g.partnerEnds()
	g.buildPartners()
	if !opts.NetworkOnly {
		g.people()
		g.units()
	}
	return g.e
}

func (o Options) withDefaults() Options {
	if o.Partners < 1 {
		panic("generate: Options.Partners must be at least 1, got " + strconv.Itoa(o.Partners))
	}
	if o.Ties < 0 {
		panic("generate: Options.Ties must not be negative, got " + strconv.Itoa(o.Ties))
	}
	if o.From == 0 {
		o.From = DefaultFrom
	}
	if o.To == 0 {
		o.To = DefaultTo
	}
	if o.From < 1 || o.To > 9999 || o.From > o.To {
		panic("generate: Options.From " + strconv.Itoa(o.From) + " and To " + strconv.Itoa(o.To) + " are not a range of years")
	}
	if o.Ties == 0 {
		o.Ties = DefaultTiesPerPartner * o.Partners
	}
	o.Ties = min(o.Ties, MaxTies(o.Partners))
	return o
}

// generator holds the state of one run.
type generator struct {
	opts  Options
	r     *rand.Rand
	e     *graph.Ecosystem
	days  int32        // days from From-01-01 to To-12-31
	dates []graph.Date // dates[d] is day d, counted from From-01-01

	ids          []string
	helix        []uint8 // index into graph.Helices
	kind         []*kind
	since, until []int32 // day numbers; until -1: open
	ends         []int32 // tie k joins ends[2k+1] to the earlier ends[2k]: degree-proportional draws
	last         []int32 // the day the last tie of each partner started

	peopleStart []int32 // people of partner i: e.People[peopleStart[i]:peopleStart[i+1]]

	members []member     // of the unit being made
	roles   []graph.Role // of members
}

func newGenerator(opts Options) *generator {
	g := &generator{
		opts: opts,
		r:    rand.New(rand.NewPCG(uint64(opts.Seed), 0x65636f73636f7065)), // "ecoscope"
		e:    &graph.Ecosystem{Name: "Synthetic Learning Community (seed " + strconv.FormatInt(opts.Seed, 10) + ")"},
	}
	first := time.Date(opts.From, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(opts.To, 12, 31, 0, 0, 0, 0, time.UTC)
	g.days = int32(last.Sub(first).Hours()/24) + 1
	g.dates = make([]graph.Date, g.days)
	for d := range g.dates {
		g.dates[d] = graph.DateOf(first.AddDate(0, 0, d))
	}
	return g
}

// date returns day d as a Date; -1 is the zero Date.
func (g *generator) date(d int32) graph.Date {
	if d < 0 {
		return graph.Date{}
	}
	return g.dates[d]
}

// growth maps u in [0, 1) to a time in [0, 1) with a density that rises
// linearly from 1 to 1+growthRate: the inverse of its distribution function.
func growth(u float64) float64 {
	const a = growthRate
	return (math.Sqrt(1+2*a*u*(1+a/2)) - 1) / a
}

// quotas splits n into counts proportional to shares by largest remainder
// (ties to the earlier share).
func quotas(n int, shares [5]float64) [5]int {
	var c [5]int
	var rem [5]float64
	total := 0
	for i, s := range shares {
		x := s * float64(n)
		c[i] = int(x)
		rem[i] = x - float64(c[i])
		total += c[i]
	}
	for ; total < n; total++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		c[best]++
		rem[best] = -1
	}
	return c
}

// idWidth returns the number of digits of n.
func idWidth(n int) int { return len(strconv.Itoa(max(n, 1))) }

// makeID returns prefix followed by n zero-padded to width digits.
func makeID(prefix string, n, width int) string {
	b := make([]byte, 0, len(prefix)+width)
	b = append(b, prefix...)
	s := strconv.Itoa(n)
	for range width - len(s) {
		b = append(b, '0')
	}
	return string(append(b, s...))
}

// weighted draws the index of one of items with probability proportional
// to its weight.
func weighted[T any](r *rand.Rand, items []T, weight func(T) int) int {
	total := 0
	for _, it := range items {
		total += weight(it)
	}
	x := r.IntN(total)
	for i, it := range items {
		x -= weight(it)
		if x < 0 {
			return i
		}
	}
	return len(items) - 1
}

// partners draws the helix type, kind, region and joining day of every partner.
func (g *generator) partners() {
	n := g.opts.Partners
	g.helix = make([]uint8, 0, n)
	for h, c := range quotas(n, helixMix) {
		for range c {
			g.helix = append(g.helix, uint8(h))
		}
	}
	g.r.Shuffle(n, func(i, j int) { g.helix[i], g.helix[j] = g.helix[j], g.helix[i] })
	// The first five partners are one of each helix type.
	for h := 0; h < len(helixMix) && h < n; h++ {
		for k := h; k < n; k++ {
			if g.helix[k] == uint8(h) {
				g.helix[h], g.helix[k] = g.helix[k], g.helix[h]
				break
			}
		}
	}

	g.since = make([]int32, n)
	g.until = make([]int32, n)
	founders := max(1, n/founderShare)
	if rest := n - founders; rest > 0 {
		// Sorted uniforms from exponential spacings, mapped through growth.
		cum := make([]float64, rest)
		s := 0.0
		for k := range cum {
			s += g.r.ExpFloat64()
			cum[k] = s
		}
		s += g.r.ExpFloat64()
		for k, c := range cum {
			g.since[founders+k] = min(int32(growth(c/s)*float64(g.days)), g.days-1)
		}
	}
	for i := range g.until {
		g.until[i] = -1
	}

	g.ids = make([]string, n)
	g.kind = make([]*kind, n)
	w := idWidth(n)
	for i := range n {
		g.ids[i] = makeID("p", i+1, w)
		ks := kinds[g.helix[i]]
		g.kind[i] = &ks[weighted(g.r, ks, func(k kind) int { return k.weight })]
	}
}

// ties makes the ties by preferential attachment with helix homophily as
// the partners join, exactly opts.Ties of them.
func (g *generator) ties() {
	n, total := g.opts.Partners, g.opts.Ties
	g.last = make([]int32, n)
	copy(g.last, g.since)
	if total == 0 {
		return
	}
	g.e.Ties = make([]graph.Tie, 0, total)
	g.ends = make([]int32, 0, 2*total)
	var same [5][]int32
	for h := range same {
		same[h] = make([]int32, 0, int(2*float64(total)*helixMix[h]*1.5)+16)
	}
	// A partner ties only to earlier ones, and only as it joins: the pair
	// (j, i) exists when j was picked while i joined, so tied[j] == i.
	tied := make([]int32, n)
	made := 0
	for i := 1; i < n; i++ {
		target := int(int64(total) * int64(i+1) / int64(n))
		need := min(target-made, i)
		h := g.helix[i]
		for range need {
			j := g.pick(int32(i), same[h], tied)
			tied[j] = int32(i)
			g.ends = append(g.ends, j, int32(i))
			same[g.helix[j]] = append(same[g.helix[j]], j)
			same[h] = append(same[h], int32(i))
			g.e.Ties = append(g.e.Ties, g.newTie(int32(i), j))
		}
		made += need
	}
}

// pick draws the partner, earlier than i and not yet tied to it, that i ties to.
func (g *generator) pick(i int32, same, tied []int32) int32 {
	for range 32 {
		u := g.r.Float64()
		var j int32
		switch {
		case u < pickUniform || len(g.ends) == 0:
			j = int32(g.r.IntN(int(i)))
		case u < pickUniform+pickSameHelix && len(same) > 0:
			j = same[g.r.IntN(len(same))]
		default:
			j = g.ends[g.r.IntN(len(g.ends))]
		}
		if j != i && tied[j] != i {
			return j
		}
	}
	// i is tied to nearly every earlier partner: look for one it is not.
	start := g.r.IntN(int(i))
	for k := range int(i) {
		j := int32((start + k) % int(i))
		if tied[j] != i {
			return j
		}
	}
	panic("generate: internal error: no partner left to tie to")
}

// newTie makes the tie of partner i, as it joins, to the earlier partner j.
func (g *generator) newTie(i, j int32) graph.Tie {
	since, until := min(g.since[i]+int32(g.r.ExpFloat64()*meanTieLag), g.days-1), int32(-1)
	if g.r.Float64() < tieEndShare {
		if u := since + 180 + int32(g.r.IntN(4*365)); u < g.days {
			until = u
		}
	}
	g.last[i] = max(g.last[i], since)
	g.last[j] = max(g.last[j], since)
	weight := len(weightCDF)
	x := g.r.Float64()
	for w, c := range weightCDF {
		if x < c {
			weight = w + 1
			break
		}
	}
	typ := tieCollaboration
	hi, hj := graph.Helices[g.helix[i]], graph.Helices[g.helix[j]]
	switch x := g.r.Float64(); {
	case (hi == graph.Government || hj == graph.Government) && x < 0.2:
		typ = tieFunding
	case (hi == graph.Industry || hj == graph.Industry) && x < 0.4:
		typ = tieSupply
	default:
		typ = uint8(g.r.IntN(3)) // collaboration, project, knowledge_exchange
	}
	return graph.Tie{
		Source: g.ids[i], Target: g.ids[j], Type: tieTypeNames[typ], Weight: float64(weight),
		Period: graph.Period{Since: g.dates[since], Until: g.date(until)},
	}
}

// partnerEnds lets a few partners leave after their last tie started, and
// ends their ties when they leave.
func (g *generator) partnerEnds() {
	n := g.opts.Partners
	for i := max(1, n/founderShare); i < n; i++ {
		if g.r.Float64() >= partnerEndShare {
			continue
		}
		if lo := g.last[i] + 30; lo < g.days {
			g.until[i] = lo + int32(g.r.IntN(int(g.days-lo)))
		}
	}
	for k := range g.e.Ties {
		u := minOpen(g.until[g.ends[2*k]], g.until[g.ends[2*k+1]])
		if t := &g.e.Ties[k]; u >= 0 && (t.Until.IsZero() || t.Until.Start() > g.dates[u].Start()) {
			t.Until = g.dates[u]
		}
	}
}

// minOpen is the earlier of two end days, where -1 is open (no end).
func minOpen(a, b int32) int32 {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

func (g *generator) buildPartners() {
	n := g.opts.Partners
	g.e.Partners = make([]graph.Partner, n)
	for i := range n {
		h := graph.Helices[g.helix[i]]
		k := g.kind[i]
		region := regions[weighted(g.r, regions, func(r region) int { return r.weight })].name
		sector := k.sector
		if sector == "" {
			sector = graph.DefaultSector(h)
		}
		g.e.Partners[i] = graph.Partner{
			ID: g.ids[i], Name: g.partnerName(k, region), Helix: h, Sector: sector, Kind: k.name, Region: region,
			Period: graph.Period{Since: g.dates[g.since[i]], Until: g.date(g.until[i])},
		}
	}
}

func (g *generator) partnerName(k *kind, region string) string {
	var base string
	switch k.base {
	case basePlace:
		base = placePrefixes[g.r.IntN(len(placePrefixes))] + placeSuffixes[g.r.IntN(len(placeSuffixes))]
	case baseRegion:
		base = region
	case baseFamily:
		base = families[g.r.IntN(len(families))]
	case baseTopic:
		base = topics[g.r.IntN(len(topics))]
	case baseCoined:
		base = coinedHeads[g.r.IntN(len(coinedHeads))] + coinedTails[g.r.IntN(len(coinedTails))] + coinedForms[g.r.IntN(len(coinedForms))]
	}
	return k.prefix + base + k.suffix
}

// people gives part of the partners one to three people.
func (g *generator) people() {
	n := g.opts.Partners
	count := make([]uint8, n)
	total := 0
	for i := range count {
		if g.r.Float64() < peopleShare {
			count[i] = uint8(1 + g.r.IntN(3))
			total += int(count[i])
		}
	}
	g.e.People = make([]graph.Person, 0, total)
	g.peopleStart = make([]int32, n+1)
	w := idWidth(total)
	for i, c := range count {
		g.peopleStart[i] = int32(len(g.e.People))
		h := g.helix[i]
		for range c {
			g.e.People = append(g.e.People, graph.Person{
				ID:         makeID("h", len(g.e.People)+1, w),
				Name:       givenNames[g.r.IntN(len(givenNames))] + " " + surname(families[g.r.IntN(len(families))]),
				Partner:    g.ids[i],
				Discipline: disciplines[h][g.r.IntN(len(disciplines[h]))],
				Role:       jobRoles[h][g.r.IntN(len(jobRoles[h]))],
			})
		}
	}
	g.peopleStart[n] = int32(len(g.e.People))
}

// surname writes a family name as it follows a given name: the Dutch
// "De Vries" becomes "de Vries".
func surname(f string) string {
	if strings.HasPrefix(f, "De ") || strings.HasPrefix(f, "Van ") {
		return strings.ToLower(f[:1]) + f[1:]
	}
	return f
}

// member is a member of the unit being made and the days it takes part
// (until -1: open), kept for the value records.
type member struct {
	id           string
	since, until int32 // until -1: open
}

// addUnit adds u with the members and roles in g.members and g.roles.
func (g *generator) addUnit(u graph.Unit) {
	g.e.Units = append(g.e.Units, u)
	for k, m := range g.members {
		g.e.Memberships = append(g.e.Memberships, graph.Membership{
			Unit: u.ID, Member: m.id, Role: g.roles[k],
			Period: graph.Period{Since: g.dates[m.since], Until: g.date(m.until)},
		})
	}
}

// overlap returns the days both [s1, u1] and [s2, u2] cover (until -1:
// open), and whether there are any.
func overlap(s1, u1, s2, u2 int32) (int32, int32, bool) {
	s, u := max(s1, s2), minOpen(u1, u2)
	return s, u, u < 0 || s <= u
}

// units makes the unit tree with its memberships and value records.
func (g *generator) units() {
	n := g.opts.Partners
	nf := max(1, n/fieldlabPartners)
	ncom := max(1, n/plcPartners)
	// Roughly: a membership per partner in the ecosystem, 13 per fieldlab
	// and 4 per team; 10 values for the ecosystem and 3 per other unit.
	g.e.Units = make([]graph.Unit, 0, 1+nf*4+2*ncom)
	g.e.Memberships = make([]graph.Membership, 0, n+nf*25+ncom*20)
	g.e.Values = make([]graph.Value, 0, 10+nf*10+ncom*4)
	g.members = make([]member, 0, n)
	g.roles = make([]graph.Role, 0, n)

	eco := g.ecosystem()
	fw, cw := idWidth(nf), idWidth(ncom)
	for f := range nf {
		g.fieldlab(eco, makeID("fl", f+1, fw), f+1)
	}
	// PLCs and CoPs sit under the ecosystem.
	for c := range ncom {
		g.plc(eco, makeID("plc", c+1, cw))
		g.cop(eco, makeID("cop", c+1, cw))
	}
}

// ecosystem adds the ecosystem unit with its core group as direct members:
// the first partners to join (about one in fifty, at least five and at most
// sixty), for as long as they take part. The other partners take part
// through the fieldlabs, teams, PLCs and CoPs below it. (Making every
// partner a direct member would make the co-membership projection of the
// network a complete graph.) It returns the id.
func (g *generator) ecosystem() string {
	ti := g.r.IntN(len(topics))
	eco := graph.Unit{
		ID: "eco", Name: "Learning Community " + topics[ti], Level: graph.LevelEcosystem, Form: graph.FormEcosystem,
		Challenge: challenges[ti], Cadence: "quarterly", Period: graph.Period{Since: g.dates[0]},
	}
	g.members, g.roles = g.members[:0], g.roles[:0]
	for i := range coreGroup(g.opts.Partners) {
		g.members = append(g.members, member{g.ids[i], g.since[i], g.until[i]})
		role := graph.RoleMember
		switch h := graph.Helices[g.helix[i]]; {
		case i == 0:
			role = graph.RoleCoordinator
		case i < len(helixMix) && h == graph.Academia:
			role = graph.RoleFacilitator
		case h == graph.CivilSociety && g.r.IntN(10) == 0:
			role = graph.RoleUser
		}
		g.roles = append(g.roles, role)
	}
	g.addUnit(eco)
	g.ecosystemValues(eco.ID, g.members)
	return eco.ID
}

// fieldlab adds fieldlab number f with its partners and teams.
func (g *generator) fieldlab(parent, id string, f int) {
	ti := g.r.IntN(len(topics))
	form := fieldlabForms[g.r.IntN(len(fieldlabForms))]
	fs := int32(growth(g.r.Float64()) * float64(g.days) * 0.9)
	fu := int32(-1)
	if g.r.Float64() < 0.12 {
		if u := fs + 365 + int32(g.r.IntN(3*365)); u < g.days {
			fu = u
		}
	}
	fl := graph.Unit{
		ID: id, Name: formTitles[form] + " " + topics[ti] + " " + strconv.Itoa(f),
		Level: graph.LevelFieldlab, Form: form, Parent: parent, Challenge: challenges[ti],
		Cadence: fieldlabCadences[g.r.IntN(len(fieldlabCadences))],
		Period:  graph.Period{Since: g.dates[fs], Until: g.date(fu)},
	}
	partners := g.choosePartners(fs, fu, 6+g.r.IntN(15))
	g.members, g.roles = g.members[:0], g.roles[:0]
	for k, p := range partners {
		s, u, _ := overlap(fs, fu, g.since[p], g.until[p])
		end := u
		if end < 0 {
			end = g.days - 1
		}
		s += int32(g.r.IntN(int(min(90, end-s+1))))
		if g.r.Float64() < 0.15 { // the composition changes
			if v := s + 90 + int32(g.r.IntN(720)); v < end {
				u = v
			}
		}
		g.members = append(g.members, member{g.ids[p], s, u})
		g.roles = append(g.roles, g.role(k, p))
	}
	g.addUnit(fl)
	g.values(fl.ID, g.members, 2+g.r.IntN(3))

	for t := range 1 + g.r.IntN(4) {
		g.team(fl, fs, fu, topics[ti]+" "+strconv.Itoa(f)+"."+strconv.Itoa(t+1), fl.ID+"-t"+strconv.Itoa(t+1), partners)
	}
}

// team adds a team under the fieldlab fl, which runs from day fs to fu (-1:
// open), drawn from its partners, with a fixed term within the fieldlab's.
func (g *generator) team(fl graph.Unit, fs, fu int32, title, id string, partners []int32) {
	flEnd := fu
	if flEnd < 0 {
		flEnd = g.days - 1
	}
	// The team starts while its first member takes part in the fieldlab.
	start := g.r.IntN(len(partners))
	first := partners[start]
	ps, pu, _ := overlap(fs, fu, g.since[first], g.until[first])
	if pu < 0 {
		pu = g.days - 1
	}
	ts := ps + int32(g.r.IntN(int(pu-ps+1)))
	te := min(ts+180+int32(g.r.IntN(540)), flEnd)
	form := graph.FormInnovationTeam
	if g.r.Float64() < 0.3 {
		form = graph.FormGenerativeGroup
	}
	team := graph.Unit{
		ID: id, Name: formTitles[form] + " " + title, Level: graph.LevelTeam, Form: form, Parent: fl.ID,
		Challenge: fl.Challenge, Cadence: teamCadences[g.r.IntN(len(teamCadences))],
		Period: graph.Period{Since: g.dates[ts], Until: g.dates[te]},
	}
	want := 2 + g.r.IntN(5)
	g.members, g.roles = g.members[:0], g.roles[:0]
	for k := range partners {
		if len(g.members) == want {
			break
		}
		p := partners[(start+k)%len(partners)]
		s, u, ok := overlap(ts, te, g.since[p], g.until[p])
		if !ok {
			continue
		}
		id := g.ids[p]
		if a, b := g.peopleStart[p], g.peopleStart[p+1]; b > a && g.r.Float64() < 0.6 {
			id = g.e.People[a+int32(g.r.IntN(int(b-a)))].ID
		}
		g.members = append(g.members, member{id, s, u})
		g.roles = append(g.roles, g.role(len(g.roles), p))
	}
	g.addUnit(team)
	g.values(team.ID, g.members, 1+g.r.IntN(2))
}

// plc adds a professional learning community: the people of one knowledge
// institution (or, without one, of another partner).
func (g *generator) plc(parent, id string) {
	p := g.plcPartner()
	ps := g.since[p] + int32(g.r.IntN(int(g.days-g.since[p])))
	if g.until[p] >= 0 {
		ps = g.since[p]
	}
	name := g.e.Partners[p].Name
	plc := graph.Unit{
		ID: id, Name: "PLC " + name, Level: graph.LevelTeam, Form: graph.FormPLC, Parent: parent,
		Challenge: "professional development of the staff of " + name, Cadence: "monthly",
		Period: graph.Period{Since: g.dates[ps], Until: g.date(g.until[p])},
	}
	g.members, g.roles = g.members[:0], g.roles[:0]
	for k := g.peopleStart[p]; k < g.peopleStart[p+1]; k++ {
		g.members = append(g.members, member{g.e.People[k].ID, ps, g.until[p]})
		g.roles = append(g.roles, graph.RoleMember)
	}
	if len(g.members) == 0 {
		g.members = append(g.members, member{g.ids[p], ps, g.until[p]})
		g.roles = append(g.roles, graph.RoleMember)
	}
	g.roles[0] = graph.RoleFacilitator
	g.addUnit(plc)
	g.values(plc.ID, g.members, 2)
}

// cop adds a community of practice: up to 12 people of one discipline (or,
// without people, partners of one kind).
func (g *generator) cop(parent, id string) {
	const most = 12
	cs := int32(g.r.IntN(int(g.days)))
	g.members, g.roles = g.members[:0], g.roles[:0]
	add := func(id string, p int) bool {
		s, u, ok := overlap(cs, -1, g.since[p], g.until[p])
		if ok {
			g.members = append(g.members, member{id, s, u})
			g.roles = append(g.roles, graph.RoleMember)
		}
		return len(g.members) == most
	}
	practice := ""
	if people := g.e.People; len(people) > 0 {
		start := g.r.IntN(len(people))
		practice = people[start].Discipline
		for k := range people {
			q := &people[(start+k)%len(people)]
			if q.Discipline == practice && add(q.ID, g.partnerIndex(q.Partner)) {
				break
			}
		}
	}
	if len(g.members) == 0 {
		n := g.opts.Partners
		start := g.r.IntN(n)
		practice = g.kind[start].name
		for k := range n {
			p := (start + k) % n
			if g.kind[p].name == practice && add(g.ids[p], p) {
				break
			}
		}
	}
	if len(g.members) == 0 { // the first partner takes part to the end
		practice = g.kind[0].name
		add(g.ids[0], 0)
	}
	g.roles[0] = graph.RoleCoordinator
	cop := graph.Unit{
		ID: id, Name: "CoP " + practice, Level: graph.LevelTeam, Form: graph.FormCoP, Parent: parent,
		Challenge: "sharing the practice of " + practice, Cadence: "quarterly",
		Period: graph.Period{Since: g.dates[cs]},
	}
	g.addUnit(cop)
	g.values(cop.ID, g.members, 2)
}

// partnerIndex returns the number of the partner with the given id.
func (g *generator) partnerIndex(id string) int {
	return sort.SearchStrings(g.ids, id) // ids are zero-padded, so sorted
}

// role returns the role of the k-th member, partner p, of a fieldlab or team.
func (g *generator) role(k int, p int32) graph.Role {
	switch h := graph.Helices[g.helix[p]]; {
	case k == 0:
		return graph.RoleCoordinator
	case h == graph.Academia && g.r.IntN(4) == 0:
		return graph.RoleFacilitator
	case h == graph.CivilSociety && g.r.IntN(4) == 0:
		return graph.RoleUser
	}
	return graph.RoleMember
}

// choosePartners draws up to want distinct partners that take part at some
// time in [since, until], half in proportion to their degree.
func (g *generator) choosePartners(since, until int32, want int) []int32 {
	end := until
	if end < 0 {
		end = g.days - 1
	}
	// Partners join in order: those joined by end are a prefix.
	k := sort.Search(len(g.since), func(i int) bool { return g.since[i] > end })
	out := make([]int32, 0, want)
	for range 4 * want {
		if len(out) == min(want, k) {
			break
		}
		var p int32
		if len(g.ends) > 0 && g.r.IntN(2) == 0 {
			p = g.ends[g.r.IntN(len(g.ends))]
		} else {
			p = int32(g.r.IntN(k))
		}
		if int(p) >= k {
			continue
		}
		if _, _, ok := overlap(since, until, g.since[p], g.until[p]); !ok || contains(out, p) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		out = append(out, 0) // the first partner is there from the first day to the end
	}
	return out
}

func contains(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// plcPartner returns a knowledge institution with at least two people,
// or else any partner with people, or else the first partner.
func (g *generator) plcPartner() int32 {
	n := g.opts.Partners
	start := g.r.IntN(n)
	best := int32(-1)
	for k := range n {
		p := int32((start + k) % n)
		c := g.peopleStart[p+1] - g.peopleStart[p]
		if c >= 2 && graph.Helices[g.helix[p]] == graph.Academia {
			return p
		}
		if c > 0 && best < 0 {
			best = p
		}
	}
	return max(best, 0)
}

// levelCDF gives the outcome level per cycle: early cycles mostly micro,
// late ones mostly macro.
var levelCDF = [6][2]float64{
	{0.5, 0.85}, {0.7, 0.95}, {0.6, 0.9}, {0.3, 0.85}, {0.2, 0.7}, {0.1, 0.4},
}

// ecosystemValues gives the ecosystem one value record in every cycle other
// than potential and one in potential per capital, every outcome level among them.
func (g *generator) ecosystemValues(unit string, members []member) {
	k := 0
	for c, cycle := range graph.Cycles {
		if cycle == graph.CyclePotential {
			for capital := range graph.Capitals {
				g.value(unit, members, c, capital, graph.OutcomeLevels[k%3])
				k++
			}
			continue
		}
		g.value(unit, members, c, -1, graph.OutcomeLevels[k%3])
		k++
	}
}

// values adds n value records of random cycles for a unit.
func (g *generator) values(unit string, members []member, n int) {
	for range n {
		c := g.r.IntN(len(graph.Cycles))
		capital := -1
		if graph.Cycles[c] == graph.CyclePotential {
			capital = g.r.IntN(len(graph.Capitals))
		}
		x := g.r.Float64()
		level := graph.Macro
		switch {
		case x < levelCDF[c][0]:
			level = graph.Micro
		case x < levelCDF[c][1]:
			level = graph.Meso
		}
		g.value(unit, members, c, capital, level)
	}
}

// value adds one value record reported by a random member, dated within its
// membership, later cycles later.
func (g *generator) value(unit string, members []member, cycle, capital int, level graph.OutcomeLevel) {
	m := member{g.ids[0], g.since[0], g.until[0]}
	if len(members) > 0 {
		m = members[g.r.IntN(len(members))]
	}
	end := m.until
	if end < 0 {
		end = g.days - 1
	}
	span := float64(end - m.since + 1)
	d := min(m.since+int32((float64(cycle)+g.r.Float64())/float64(len(graph.Cycles))*span), end)
	v := graph.Value{Reporter: m.id, Unit: unit, Cycle: graph.Cycles[cycle], Level: level, Date: g.dates[d]}
	if capital >= 0 {
		v.Capital = graph.Capitals[capital]
		v.Description = capitalDescriptions[capital]
	} else {
		v.Description = descriptions[cycle][g.r.IntN(len(descriptions[cycle]))]
	}
	g.e.Values = append(g.e.Values, v)
}

// coreGroup is the number of partners that are direct members of the
// ecosystem unit of an ecosystem of n partners.
func coreGroup(n int) int {
	return min(n, max(5, min(60, n/50)))
}
