package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

// Finding is the outcome of one criterion of Check: "true", "false" or
// "unknown" (the data does not say).
type Finding string

// The findings.
const (
	FindingTrue    Finding = "true"
	FindingFalse   Finding = "false"
	FindingUnknown Finding = "unknown"
)

func findingOf(b bool) Finding {
	if b {
		return FindingTrue
	}
	return FindingFalse
}

// allOf is the three-valued "and": false when any is false, else unknown
// when any is unknown, else true.
func allOf(fs ...Finding) Finding {
	out := FindingTrue
	for _, f := range fs {
		switch f {
		case FindingFalse:
			return FindingFalse
		case FindingUnknown:
			out = FindingUnknown
		}
	}
	return out
}

// anyOf is the three-valued "or": true when any is true, else unknown when
// any is unknown, else false.
func anyOf(fs ...Finding) Finding {
	out := FindingFalse
	for _, f := range fs {
		switch f {
		case FindingTrue:
			return FindingTrue
		case FindingUnknown:
			out = FindingUnknown
		}
	}
	return out
}

func notOf(f Finding) Finding {
	switch f {
	case FindingTrue:
		return FindingFalse
	case FindingFalse:
		return FindingTrue
	}
	return FindingUnknown
}

// atLeast is the finding of "have ≥ min": true when have ≥ min, unknown when
// the missing information (at most missing more) could still reach min,
// false otherwise.
func atLeast(have, missing, min int) Finding {
	switch {
	case have >= min:
		return FindingTrue
	case have+missing >= min:
		return FindingUnknown
	}
	return FindingFalse
}

// Verdict is the answer of Check to "is this a Learning Community?".
type Verdict string

// The verdicts.
const (
	// VerdictLearningCommunity: interorganisational, interprofessional,
	// public-private and working on a societal challenge.
	VerdictLearningCommunity Verdict = "learning_community"
	// VerdictNotOnItsOwn: a PLC or CoP, or a unit that fails a core
	// criterion; it may still be part of a Learning Community.
	VerdictNotOnItsOwn Verdict = "not_on_its_own"
	// VerdictInsufficientData: no core criterion fails, but the data does
	// not settle at least one of them.
	VerdictInsufficientData Verdict = "insufficient_data"
)

// The names of the criteria, as in JSON and in UnitCheck.DecidedBy; "form"
// stands for a form that is not a Learning Community on its own.
const (
	CriterionForm                = "form"
	CriterionInterorganisational = "interorganisational"
	CriterionInterprofessional   = "interprofessional"
	CriterionPublicPrivate       = "public_private"
	CriterionSocietalChallenge   = "societal_challenge"
	CriterionLevelFit            = "level_fit"
)

// CheckOptions are the thresholds of Check. DefaultCheckOptions gives the
// defaults; config.Check holds the same settings for ecoscope.yaml.
type CheckOptions struct {
	// MinOrganisations is the number of distinct partners a unit needs to
	// be interorganisational.
	MinOrganisations int
	// MinDisciplines is the number of distinct disciplines among the
	// unit's people (or, when no member has a discipline, kinds of partner)
	// it needs to be interprofessional.
	MinDisciplines int
	// EcosystemMinHelixTypes is the number of known helix types an
	// ecosystem needs for broad representation.
	EcosystemMinHelixTypes int
	// EcosystemMinChildUnits is the number of units directly beneath an
	// ecosystem (fieldlabs or teams) that it needs to fit its level.
	EcosystemMinChildUnits int
	// FieldlabMinChildUnits is the number of units directly beneath a unit
	// that make it a fieldlab even when its own composition is stable.
	FieldlabMinChildUnits int
	// TeamMinStableShare is the share of a unit's memberships that must be
	// stable (see Check) for its composition to count as stable.
	TeamMinStableShare float64
	// TeamToleranceDays is how many days a stable membership may start
	// after the unit starts, or end before the unit ends.
	TeamToleranceDays int
	// Unit restricts the result to this unit and the units nested below
	// it; the units above it still lend it their challenge. Empty: every
	// unit.
	Unit string
}

// DefaultCheckOptions returns the default thresholds: 2 organisations, 2
// disciplines, 3 helix types and 1 unit beneath an ecosystem, 2 units
// beneath a fieldlab, 80 % stable memberships within 31 days.
func DefaultCheckOptions() CheckOptions {
	return CheckOptions{
		MinOrganisations:       2,
		MinDisciplines:         2,
		EcosystemMinHelixTypes: 3,
		EcosystemMinChildUnits: 1,
		FieldlabMinChildUnits:  2,
		TeamMinStableShare:     0.8,
		TeamToleranceDays:      31,
	}
}

// Validate reports the first threshold that makes no sense.
func (o CheckOptions) Validate() error {
	switch {
	case o.MinOrganisations < 1:
		return fmt.Errorf("min_organisations must be at least 1, got %d", o.MinOrganisations)
	case o.MinDisciplines < 1:
		return fmt.Errorf("min_disciplines must be at least 1, got %d", o.MinDisciplines)
	case o.EcosystemMinHelixTypes < 1 || o.EcosystemMinHelixTypes > len(graph.Helices):
		return fmt.Errorf("ecosystem_min_helix_types must be between 1 and %d, got %d", len(graph.Helices), o.EcosystemMinHelixTypes)
	case o.EcosystemMinChildUnits < 0:
		return fmt.Errorf("ecosystem_min_child_units must not be negative, got %d", o.EcosystemMinChildUnits)
	case o.FieldlabMinChildUnits < 1:
		return fmt.Errorf("fieldlab_min_child_units must be at least 1, got %d", o.FieldlabMinChildUnits)
	case !(o.TeamMinStableShare > 0 && o.TeamMinStableShare <= 1):
		return fmt.Errorf("team_min_stable_share must be above 0 and at most 1, got %v", o.TeamMinStableShare)
	case o.TeamToleranceDays < 0:
		return fmt.Errorf("team_tolerance_days must not be negative, got %d", o.TeamToleranceDays)
	}
	return nil
}

// CheckPartner names a partner in the evidence of a criterion.
type CheckPartner struct {
	ID    string      `json:"id"`
	Name  string      `json:"name"`
	Helix graph.Helix `json:"helix"`
}

// CheckCount is a value with the number of times it occurs.
type CheckCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Interorganisational is the evidence of the criterion "interorganisational":
// the distinct partners taking part in the unit or in a unit below it,
// sorted by name (then id).
type Interorganisational struct {
	Result        Finding        `json:"result"`
	Organisations int            `json:"organisations"`
	Partners      []CheckPartner `json:"partners"`
}

// Interprofessional is the evidence of the criterion "interprofessional".
type Interprofessional struct {
	Result Finding `json:"result"`
	// Basis is what decided: "disciplines" (of the people who are members
	// of the unit or of a unit below it), "kinds" (of the member partners,
	// when no member person has a discipline) or "none".
	Basis                   string       `json:"basis"`
	People                  int          `json:"people"`
	PeopleWithoutDiscipline int          `json:"people_without_discipline"`
	Disciplines             []CheckCount `json:"disciplines"`
	PartnersWithoutKind     int          `json:"partners_without_kind"`
	Kinds                   []CheckCount `json:"kinds"`
}

// PublicPrivate is the evidence of the criterion "public-private": public
// and private partners, and a knowledge institution (academia), take part.
type PublicPrivate struct {
	Result                Finding        `json:"result"`
	Public                int            `json:"public"`
	Private               int            `json:"private"`
	Nonprofit             int            `json:"nonprofit"`
	UnknownSector         int            `json:"unknown_sector"`
	KnowledgeInstitutions []CheckPartner `json:"knowledge_institutions"`
	UnknownHelix          int            `json:"unknown_helix"`
}

// SocietalChallenge is the evidence of the criterion "societal challenge".
type SocietalChallenge struct {
	Result    Finding `json:"result"`
	Challenge string  `json:"challenge"`
	// Source is "own" (the unit names it), "inherited" (the nearest unit
	// above it that names one) or "none".
	Source string `json:"source"`
	// From is the id of the unit that names the challenge ("" for none).
	From string `json:"from"`
}

// LevelFits holds, for each level, whether the unit's structure fits it.
type LevelFits struct {
	Ecosystem Finding `json:"ecosystem"`
	Fieldlab  Finding `json:"fieldlab"`
	Team      Finding `json:"team"`
}

// Of returns the finding for level l (unknown for an unknown level).
func (f LevelFits) Of(l graph.Level) Finding {
	switch l {
	case graph.LevelEcosystem:
		return f.Ecosystem
	case graph.LevelFieldlab:
		return f.Fieldlab
	case graph.LevelTeam:
		return f.Team
	}
	return FindingUnknown
}

// LevelFit is the evidence of the criterion "level fit": whether the unit's
// structure matches its declared level. It is advice: it does not enter the
// verdict.
type LevelFit struct {
	// Result is Fits.Of(Declared).
	Result   Finding     `json:"result"`
	Declared graph.Level `json:"declared"`
	Fits     LevelFits   `json:"fits"`
	// FixedTerm: the unit has both a since and an until date.
	FixedTerm bool       `json:"fixed_term"`
	Since     graph.Date `json:"since"`
	Until     graph.Date `json:"until"`
	// Memberships counts the unit's own memberships (not those of the
	// units below it); StableMemberships those that are stable.
	Memberships       int   `json:"memberships"`
	StableMemberships int   `json:"stable_memberships"`
	StableShare       Float `json:"stable_share"`
	// StableComposition: StableShare ≥ TeamMinStableShare; unknown
	// without memberships.
	StableComposition Finding `json:"stable_composition"`
	// ChildUnits counts the units whose parent is this unit.
	ChildUnits int `json:"child_units"`
	// HelixTypes are the known helix types among the partners of the unit
	// and of the units below it; UnknownHelix counts those partners of
	// unknown type.
	HelixTypes          []graph.Helix `json:"helix_types"`
	UnknownHelix        int           `json:"unknown_helix"`
	BroadRepresentation Finding       `json:"broad_representation"`
}

// Criteria are the findings of Check for one unit, with their evidence.
type Criteria struct {
	Interorganisational Interorganisational `json:"interorganisational"`
	Interprofessional   Interprofessional   `json:"interprofessional"`
	PublicPrivate       PublicPrivate       `json:"public_private"`
	SocietalChallenge   SocietalChallenge   `json:"societal_challenge"`
	LevelFit            LevelFit            `json:"level_fit"`
}

// LevelSuggestion proposes a level that fits a unit better than the one
// declared.
type LevelSuggestion struct {
	Level graph.Level `json:"level"`
	// Reason says why, in English.
	Reason string `json:"reason"`
}

// UnitCheck is the answer of Check for one unit.
type UnitCheck struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Level  graph.Level `json:"level"`
	Form   graph.Form  `json:"form"`
	Parent string      `json:"parent"`
	// Depth is the depth of the unit in the tree (0 for a root).
	Depth   int     `json:"-"`
	Verdict Verdict `json:"verdict"`
	// DecidedBy names what decided the verdict: for not_on_its_own "form"
	// (a PLC or CoP) and the core criteria that are false; for
	// insufficient_data the core criteria that are unknown; empty for
	// learning_community (all four are true).
	DecidedBy  []string         `json:"decided_by"`
	Criteria   Criteria         `json:"criteria"`
	Suggestion *LevelSuggestion `json:"suggestion"`
}

// Check answers "is this a Learning Community?" (Endedijk et al., "Is dit
// een Learning Community?", the multi-level framework) for every unit of e,
// in tree order (each root unit, then the units below it, depth first).
//
// A unit's members are the partners taking part in the unit or in any unit
// nested below it, directly or through their people (SubtreePartners), and
// its people are the people named in the memberships of those units. The
// core criteria are:
//
//   - interorganisational: at least MinOrganisations distinct member
//     partners; unknown when the unit has no members at all.
//   - interprofessional: at least MinDisciplines distinct disciplines
//     (compared case-insensitively) among its people; when none of them has
//     a discipline, at least MinDisciplines distinct kinds among its member
//     partners; unknown when neither is known, or when the people without a
//     discipline (the partners without a kind) could still reach the
//     threshold.
//   - public_private: a public and a private partner, and a knowledge
//     institution (helix type academia), among the members; unknown when
//     the partners of unknown sector or helix type could fill what is
//     missing, or the unit has no members.
//   - societal_challenge: the unit names a challenge, or the nearest unit
//     above it that names one does (inherited); false when none does.
//
// The verdict: not_on_its_own when the form is a PLC or a CoP
// (graph.Form.LearningCommunityOnItsOwn) or any core criterion is false;
// otherwise insufficient_data when any is unknown; otherwise
// learning_community.
//
// Level fit is advice and does not enter the verdict. A membership of the
// unit itself is stable when it starts no later than TeamToleranceDays
// after the unit starts (or has no since date) and ends no earlier than
// TeamToleranceDays before the unit ends (or has no until date); a unit
// without a since (until) date has no stable membership that starts
// (ends) on a date. The composition is stable when at least
// TeamMinStableShare of the unit's own memberships are. Then
//
//	team       fixed term (since and until given) and stable composition
//	fieldlab   changing composition, or ≥ FieldlabMinChildUnits units beneath it
//	ecosystem  ≥ EcosystemMinHelixTypes helix types among its members and
//	           ≥ EcosystemMinChildUnits units beneath it
//
// When the declared level does not fit and another does, the suggestion
// names it (the levels next to the declared one first: for a fieldlab,
// team before ecosystem).
//
// Options that fail CheckOptions.Validate and an opts.Unit that names no
// unit (a *graph.NotFoundError) are errors.
func Check(e *graph.Ecosystem, opts CheckOptions) ([]UnitCheck, error) {
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	ix := graph.NewIndex(e)
	keep := func(string) bool { return true }
	if opts.Unit != "" {
		sub, err := e.Subtree(opts.Unit) // a NotFoundError names the closest ids
		if err != nil {
			return nil, err
		}
		ids := make(map[string]bool, len(sub.Units))
		for _, u := range sub.Units {
			ids[u.ID] = true
		}
		keep = func(id string) bool { return ids[id] }
	}
	partners := SubtreePartners(e)
	people := subtreePeople(e, ix)
	children := e.Children()
	own := make(map[string][]graph.Membership, len(e.Units))
	for _, m := range e.Memberships {
		own[m.Unit] = append(own[m.Unit], m)
	}

	order := unitTree(e, ix, children)
	out := make([]UnitCheck, 0, len(order))
	for _, uc := range order {
		u := e.Units[uc.index]
		if !keep(u.ID) {
			continue
		}
		c := UnitCheck{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form, Parent: u.Parent, Depth: uc.depth}
		ps := make([]graph.Partner, 0, len(partners[u.ID]))
		for _, id := range partners[u.ID] {
			if i, ok := ix.Partner[id]; ok {
				ps = append(ps, e.Partners[i])
			}
		}
		slices.SortStableFunc(ps, func(a, b graph.Partner) int { return strings.Compare(a.Name, b.Name) })
		c.Criteria.Interorganisational = interorganisational(ps, opts)
		pp := make([]graph.Person, 0, len(people[u.ID]))
		for _, id := range people[u.ID] {
			pp = append(pp, e.People[ix.Person[id]])
		}
		c.Criteria.Interprofessional = interprofessional(ps, pp, opts)
		c.Criteria.PublicPrivate = publicPrivate(ps)
		c.Criteria.SocietalChallenge = societalChallenge(e, ix, u)
		c.Criteria.LevelFit = levelFit(u, ps, own[u.ID], len(children[u.ID]), opts)
		c.Verdict, c.DecidedBy = verdict(u.Form, c.Criteria)
		c.Suggestion = suggest(c.Criteria.LevelFit, opts)
		out = append(out, c)
	}
	return out, nil
}

// subtreePeople returns, for every unit, the people named in the
// memberships of the unit or of a unit nested below it, sorted by id.
func subtreePeople(e *graph.Ecosystem, ix *graph.Index) map[string][]string {
	direct := map[string][]string{}
	for _, m := range e.Memberships {
		if _, ok := ix.Person[m.Member]; ok {
			direct[m.Unit] = append(direct[m.Unit], m.Member)
		}
	}
	return subtreeUnion(e, direct)
}

func checkPartner(p graph.Partner) CheckPartner {
	return CheckPartner{ID: p.ID, Name: p.Name, Helix: helixOf(p)}
}

func interorganisational(ps []graph.Partner, opts CheckOptions) Interorganisational {
	c := Interorganisational{Organisations: len(ps), Partners: make([]CheckPartner, len(ps))}
	for i, p := range ps {
		c.Partners[i] = checkPartner(p)
	}
	if len(ps) == 0 {
		c.Result = FindingUnknown
	} else {
		c.Result = findingOf(len(ps) >= opts.MinOrganisations)
	}
	return c
}

// checkCounter counts values case-insensitively, keeping the first spelling.
type checkCounter struct {
	spelling map[string]string
	count    map[string]int
}

func newCheckCounter() *checkCounter {
	return &checkCounter{spelling: map[string]string{}, count: map[string]int{}}
}

func (c *checkCounter) add(s string) {
	k := strings.ToLower(strings.TrimSpace(s))
	if _, ok := c.spelling[k]; !ok {
		c.spelling[k] = strings.TrimSpace(s)
	}
	c.count[k]++
}

// list returns the values, the most frequent first, then by name.
func (c *checkCounter) list() []CheckCount {
	out := make([]CheckCount, 0, len(c.count))
	for k, n := range c.count {
		out = append(out, CheckCount{Name: c.spelling[k], Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func interprofessional(ps []graph.Partner, people []graph.Person, opts CheckOptions) Interprofessional {
	c := Interprofessional{People: len(people)}
	disciplines := newCheckCounter()
	for _, p := range people {
		if strings.TrimSpace(p.Discipline) == "" {
			c.PeopleWithoutDiscipline++
			continue
		}
		disciplines.add(p.Discipline)
	}
	kinds := newCheckCounter()
	for _, p := range ps {
		if strings.TrimSpace(p.Kind) == "" {
			c.PartnersWithoutKind++
			continue
		}
		kinds.add(p.Kind)
	}
	c.Disciplines = disciplines.list()
	c.Kinds = kinds.list()
	switch {
	case len(c.Disciplines) > 0:
		c.Basis = "disciplines"
		c.Result = atLeast(len(c.Disciplines), c.PeopleWithoutDiscipline, opts.MinDisciplines)
	case len(c.Kinds) > 0:
		c.Basis = "kinds"
		c.Result = atLeast(len(c.Kinds), c.PartnersWithoutKind, opts.MinDisciplines)
	default:
		c.Basis = "none"
		c.Result = FindingUnknown
	}
	return c
}

func publicPrivate(ps []graph.Partner) PublicPrivate {
	c := PublicPrivate{KnowledgeInstitutions: []CheckPartner{}}
	for _, p := range ps {
		switch sectorOf(p) {
		case graph.Public:
			c.Public++
		case graph.Private:
			c.Private++
		case graph.Nonprofit:
			c.Nonprofit++
		default:
			c.UnknownSector++
		}
		switch helixOf(p) {
		case graph.Academia:
			c.KnowledgeInstitutions = append(c.KnowledgeInstitutions, checkPartner(p))
		case graph.HelixUnknown:
			c.UnknownHelix++
		}
	}
	if len(ps) == 0 {
		c.Result = FindingUnknown
		return c
	}
	missingSectors := 0
	if c.Public == 0 {
		missingSectors++
	}
	if c.Private == 0 {
		missingSectors++
	}
	c.Result = allOf(
		atLeast(2-missingSectors, c.UnknownSector, 2),
		atLeast(len(c.KnowledgeInstitutions), c.UnknownHelix, 1),
	)
	return c
}

func societalChallenge(e *graph.Ecosystem, ix *graph.Index, u graph.Unit) SocietalChallenge {
	seen := map[string]bool{}
	for cur, own := u, true; ; own = false {
		if ch := strings.TrimSpace(cur.Challenge); ch != "" {
			src := "inherited"
			if own {
				src = "own"
			}
			return SocietalChallenge{Result: FindingTrue, Challenge: ch, Source: src, From: cur.ID}
		}
		seen[cur.ID] = true
		i, ok := ix.Unit[cur.Parent]
		if cur.Parent == "" || !ok || seen[cur.Parent] {
			break
		}
		cur = e.Units[i]
	}
	return SocietalChallenge{Result: FindingFalse, Source: "none"}
}

// dayNumber returns the days since 1970-01-01 of a YYYYMMDD number.
func dayNumber(ymd int) int {
	t := time.Date(ymd/10000, time.Month(ymd/100%100), ymd%100, 0, 0, 0, 0, time.UTC)
	return int(t.Unix() / 86400)
}

// stableMembership reports whether m covers the period of u, within tol
// days at either end (see Check).
func stableMembership(m graph.Membership, u graph.Unit, tol int) bool {
	startOK := m.Since.IsZero() ||
		!u.Since.IsZero() && dayNumber(m.Since.Start())-dayNumber(u.Since.Start()) <= tol
	endOK := m.Until.IsZero() ||
		!u.Until.IsZero() && dayNumber(u.Until.End())-dayNumber(m.Until.End()) <= tol
	return startOK && endOK
}

func levelFit(u graph.Unit, ps []graph.Partner, own []graph.Membership, children int, opts CheckOptions) LevelFit {
	f := LevelFit{
		Declared:    u.Level,
		FixedTerm:   !u.Since.IsZero() && !u.Until.IsZero(),
		Since:       u.Since,
		Until:       u.Until,
		Memberships: len(own),
		ChildUnits:  children,
		HelixTypes:  []graph.Helix{},
		StableShare: Float(math.NaN()),
	}
	for _, m := range own {
		if stableMembership(m, u, opts.TeamToleranceDays) {
			f.StableMemberships++
		}
	}
	if f.Memberships > 0 {
		f.StableShare = Float(float64(f.StableMemberships) / float64(f.Memberships))
		f.StableComposition = findingOf(float64(f.StableShare) >= opts.TeamMinStableShare)
	} else {
		f.StableComposition = FindingUnknown
	}
	present := map[graph.Helix]bool{}
	for _, p := range ps {
		h := helixOf(p)
		if h == graph.HelixUnknown {
			f.UnknownHelix++
			continue
		}
		present[h] = true
	}
	for _, h := range graph.Helices {
		if present[h] {
			f.HelixTypes = append(f.HelixTypes, h)
		}
	}
	known := len(f.HelixTypes)
	f.BroadRepresentation = atLeast(known, min(f.UnknownHelix, len(graph.Helices)-known), opts.EcosystemMinHelixTypes)

	f.Fits = LevelFits{
		Team:      allOf(findingOf(f.FixedTerm), f.StableComposition),
		Fieldlab:  anyOf(notOf(f.StableComposition), findingOf(children >= opts.FieldlabMinChildUnits)),
		Ecosystem: allOf(f.BroadRepresentation, findingOf(children >= opts.EcosystemMinChildUnits)),
	}
	f.Result = f.Fits.Of(u.Level)
	return f
}

// verdict applies the verdict rule of Check.
func verdict(form graph.Form, c Criteria) (Verdict, []string) {
	core := []struct {
		name string
		f    Finding
	}{
		{CriterionInterorganisational, c.Interorganisational.Result},
		{CriterionInterprofessional, c.Interprofessional.Result},
		{CriterionPublicPrivate, c.PublicPrivate.Result},
		{CriterionSocietalChallenge, c.SocietalChallenge.Result},
	}
	decided := []string{}
	if !form.LearningCommunityOnItsOwn() {
		decided = append(decided, CriterionForm)
	}
	for _, k := range core {
		if k.f == FindingFalse {
			decided = append(decided, k.name)
		}
	}
	if len(decided) > 0 {
		return VerdictNotOnItsOwn, decided
	}
	for _, k := range core {
		if k.f == FindingUnknown {
			decided = append(decided, k.name)
		}
	}
	if len(decided) > 0 {
		return VerdictInsufficientData, decided
	}
	return VerdictLearningCommunity, decided
}

// alternatives lists, for each declared level, the other levels in the
// order a suggestion considers them.
var alternatives = map[graph.Level][]graph.Level{
	graph.LevelTeam:      {graph.LevelFieldlab, graph.LevelEcosystem},
	graph.LevelFieldlab:  {graph.LevelTeam, graph.LevelEcosystem},
	graph.LevelEcosystem: {graph.LevelFieldlab, graph.LevelTeam},
}

func suggest(f LevelFit, opts CheckOptions) *LevelSuggestion {
	if f.Result != FindingFalse {
		return nil
	}
	for _, l := range alternatives[f.Declared] {
		if f.Fits.Of(l) == FindingTrue {
			return &LevelSuggestion{Level: l, Reason: suggestionReason(f, l, opts) + fmt.Sprintf(": fits %s better than %s", l, f.Declared)}
		}
	}
	return nil
}

// suggestionReason says, in English, what in f makes level l fit: the
// evidence behind a LevelSuggestion.
func suggestionReason(f LevelFit, l graph.Level, opts CheckOptions) string {
	switch l {
	case graph.LevelTeam:
		return fmt.Sprintf("a fixed composition (%d of %d memberships stable) with a fixed term (%s to %s)",
			f.StableMemberships, f.Memberships, f.Since, f.Until)
	case graph.LevelFieldlab:
		var why []string
		if f.StableComposition == FindingFalse {
			why = append(why, fmt.Sprintf("a changing composition (%d of %d memberships stable)", f.StableMemberships, f.Memberships))
		}
		if f.ChildUnits >= opts.FieldlabMinChildUnits {
			why = append(why, fmt.Sprintf("%d units beneath it", f.ChildUnits))
		}
		return strings.Join(why, " and ")
	case graph.LevelEcosystem:
		return fmt.Sprintf("broad representation (%d helix types) with %d units beneath it", len(f.HelixTypes), f.ChildUnits)
	}
	return ""
}
