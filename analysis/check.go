package analysis

import (
	"cmp"
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
// defaults. The tags are the keys of the settings under check: in
// ecoscope.yaml; package config reads them into this type directly.
type CheckOptions struct {
	// MinOrganisations is the number of distinct partners a unit needs to
	// be interorganisational.
	MinOrganisations int `mapstructure:"min_organisations"`
	// MinDisciplines is the number of distinct professional backgrounds a
	// unit needs to be interprofessional: the disciplines of the people of
	// its partners, or the kinds of partners without them, or the helix
	// types of partners known by neither (see Check).
	MinDisciplines int `mapstructure:"min_disciplines"`
	// MinKnownShare is the share of a unit's partners whose background is
	// known by the disciplines of their people or by their kind, below
	// which too few backgrounds make interprofessional unknown, not false.
	MinKnownShare float64 `mapstructure:"min_known_share"`
	// EcosystemMinHelixTypes is the number of known helix types an
	// ecosystem needs for broad representation.
	EcosystemMinHelixTypes int `mapstructure:"ecosystem_min_helix_types"`
	// EcosystemMinChildUnits is the number of units directly beneath an
	// ecosystem (fieldlabs or teams) that it needs to fit its level.
	EcosystemMinChildUnits int `mapstructure:"ecosystem_min_child_units"`
	// FieldlabMinChildUnits is the number of units directly beneath a unit
	// that make it a fieldlab even when its own composition is stable.
	FieldlabMinChildUnits int `mapstructure:"fieldlab_min_child_units"`
	// TeamMinStableShare is the share of a unit's memberships that must be
	// stable (see Check) for its composition to count as stable.
	TeamMinStableShare float64 `mapstructure:"team_min_stable_share"`
	// TeamToleranceDays is how many days a stable membership may start
	// after the unit starts, or end before the unit ends.
	TeamToleranceDays int `mapstructure:"team_tolerance_days"`
	// Unit restricts the result to this unit and the units nested below
	// it; the units above it still lend it their challenge. Empty: every
	// unit.
	Unit string `mapstructure:"-"`
}

// DefaultCheckOptions returns the default thresholds: 2 organisations, 2
// professional backgrounds with 80 % of the partners known, 3 helix types
// and 1 unit beneath an ecosystem, 2 units beneath a fieldlab, 80 % stable
// memberships within 31 days.
func DefaultCheckOptions() CheckOptions {
	return CheckOptions{
		MinOrganisations:       2,
		MinDisciplines:         2,
		MinKnownShare:          0.8,
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
	case !(o.MinKnownShare > 0 && o.MinKnownShare <= 1):
		return fmt.Errorf("min_known_share must be above 0 and at most 1, got %v", o.MinKnownShare)
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

// The bases of a partner's professional background in Interprofessional:
// what is known of it, from the finest to the coarsest.
const (
	// BasisDiscipline: the disciplines of its people in the unit.
	BasisDiscipline = "discipline"
	// BasisKind: its kind (no person of it in the unit has a discipline).
	BasisKind = "kind"
	// BasisHelix: only its helix type.
	BasisHelix = "helix"
	// BasisUnknown: nothing (no discipline, no kind, helix type unknown).
	BasisUnknown = "unknown"
)

// Background is a professional background counted by the criterion
// "interprofessional": a discipline, a kind or a helix type (Basis), and
// the number of member partners that bring it.
type Background struct {
	Name     string `json:"name"`
	Basis    string `json:"basis"`
	Partners int    `json:"partners"`
}

// Bases counts the member partners of a unit by the basis on which their
// professional background is judged.
type Bases struct {
	Discipline int `json:"discipline"`
	Kind       int `json:"kind"`
	Helix      int `json:"helix"`
	Unknown    int `json:"unknown"`
}

// PartnerBackground is what is known of the professional background of one
// member partner: its basis and the backgrounds it brings (the distinct
// disciplines of its people, its kind, or its helix type).
type PartnerBackground struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Helix       graph.Helix `json:"helix"`
	Basis       string      `json:"basis"`
	Backgrounds []string    `json:"backgrounds"`
}

// Interprofessional is the evidence of the criterion "interprofessional".
type Interprofessional struct {
	Result Finding `json:"result"`
	// Basis summarises the bases of the member partners: "disciplines",
	// "kinds" or "helix_types" when every partner known at all is judged
	// on that basis, "mixed" when on several, "none" when nothing is known.
	Basis string `json:"basis"`
	// People are the people of the unit; Disciplines their disciplines
	// (the number of people with each).
	People                  int          `json:"people"`
	PeopleWithoutDiscipline int          `json:"people_without_discipline"`
	Disciplines             []CheckCount `json:"disciplines"`
	// Kinds are the kinds of all member partners (the number of partners
	// with each), whether or not they are the basis of a partner.
	PartnersWithoutKind int          `json:"partners_without_kind"`
	Kinds               []CheckCount `json:"kinds"`
	// Backgrounds are the distinct professional backgrounds counted, the
	// most partners first.
	Backgrounds []Background `json:"backgrounds"`
	// Bases counts the partners per basis.
	Bases Bases `json:"bases"`
	// KnownPartners counts the partners known by discipline or kind;
	// KnownShare is their share of the member partners (NaN without).
	KnownPartners int   `json:"known_partners"`
	KnownShare    Float `json:"known_share"`
	// HelixRepresented counts the partners known only by a helix type that
	// a partner known by discipline or kind already represents: their type
	// is not a background of its own.
	HelixRepresented int `json:"helix_represented"`
	// Partners is the basis and backgrounds of each member partner, sorted
	// by name (then id).
	Partners []PartnerBackground `json:"partners"`
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
//   - interprofessional: at least MinDisciplines distinct professional
//     backgrounds among its member partners, each judged on what is known
//     of it: the disciplines of its people in the unit where recorded, else
//     its kind, else its helix type (compared case-insensitively). A helix
//     type counts only where no partner of that type is known by discipline
//     or kind. Fewer backgrounds are false, but unknown when less than
//     MinKnownShare of the partners are known by discipline or kind (or
//     the unit has no members): a helix type tells worlds apart, it does
//     not show that two partners share a profession.
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

	kt := newKindTable(e.Partners)
	order := unitTree(e, ix, children)
	out := make([]UnitCheck, 0, len(order))
	for _, uc := range order {
		u := e.Units[uc.index]
		if !keep(u.ID) {
			continue
		}
		c := UnitCheck{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form, Parent: u.Parent, Depth: uc.depth}
		idx := make([]int, 0, len(partners[u.ID]))
		for _, id := range partners[u.ID] {
			if i, ok := ix.Partner[id]; ok {
				idx = append(idx, i)
			}
		}
		slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(e.Partners[a].Name, e.Partners[b].Name) })
		ps := make([]graph.Partner, len(idx))
		kinds := make([]int32, len(idx))
		for k, i := range idx {
			ps[k], kinds[k] = e.Partners[i], kt.id[i]
		}
		c.Criteria.Interorganisational = interorganisational(ps, opts)
		pp := make([]graph.Person, 0, len(people[u.ID]))
		for _, id := range people[u.ID] {
			pp = append(pp, e.People[ix.Person[id]])
		}
		c.Criteria.Interprofessional = interprofessional(ps, kinds, kt, pp, opts)
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

// add counts s (case and surrounding spaces aside) and returns its key, s
// in lower case and trimmed.
func (c *checkCounter) add(s string) string {
	k := strings.ToLower(strings.TrimSpace(s))
	if _, ok := c.spelling[k]; !ok {
		c.spelling[k] = strings.TrimSpace(s)
	}
	c.count[k]++
	return k
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

// kindTable numbers the kinds of the partners of an ecosystem, case and
// surrounding spaces aside, so that interprofessional counts them in
// arrays instead of maps: it runs once per unit over every partner of the
// unit's subtree.
type kindTable struct {
	id []int32 // the kind of each partner, -1 for none

	// Scratch space of interprofessional, by kind: all zero (counts) or
	// -1 (place) between calls.
	count []int32
	place []int32
	spell []string
}

func newKindTable(ps []graph.Partner) *kindTable {
	kt := &kindTable{id: make([]int32, len(ps))}
	ids := map[string]int32{}
	for i, p := range ps {
		k := strings.ToLower(strings.TrimSpace(p.Kind))
		if k == "" {
			kt.id[i] = -1
			continue
		}
		id, ok := ids[k]
		if !ok {
			id = int32(len(ids))
			ids[k] = id
		}
		kt.id[i] = id
	}
	kt.count = make([]int32, len(ids))
	kt.place = make([]int32, len(ids))
	for i := range kt.place {
		kt.place[i] = -1
	}
	kt.spell = make([]string, len(ids))
	return kt
}

// interprofessional judges the criterion on the partners ps of a unit, of
// kinds kinds (numbers of kt), and the people of the unit.
func interprofessional(ps []graph.Partner, kinds []int32, kt *kindTable, people []graph.Person, opts CheckOptions) Interprofessional {
	c := Interprofessional{
		People: len(people), Backgrounds: []Background{},
		Partners: make([]PartnerBackground, 0, len(ps)), KnownShare: Float(math.NaN()),
	}
	disciplines := newCheckCounter()
	// The disciplines (keys) of each partner's people: a list per partner,
	// linked through next from its last entry, so that no partner needs a
	// slice of its own.
	var discKey []string
	var next []int32
	ofPartner := map[string]int32{}
	for _, p := range people {
		if strings.TrimSpace(p.Discipline) == "" {
			c.PeopleWithoutDiscipline++
			continue
		}
		prev, ok := ofPartner[p.Partner]
		if !ok {
			prev = -1
		}
		ofPartner[p.Partner] = int32(len(discKey))
		discKey = append(discKey, disciplines.add(p.Discipline))
		next = append(next, prev)
	}
	var buf []string
	// The kinds, counted in kt's scratch space, spelt as the first partner
	// with each spells it.
	var seen []int32 // the kinds present, in order of first partner
	for i, p := range ps {
		k := kinds[i]
		if k < 0 {
			c.PartnersWithoutKind++
			continue
		}
		if kt.count[k] == 0 {
			seen = append(seen, k)
			kt.spell[k] = strings.TrimSpace(p.Kind)
		}
		kt.count[k]++
	}
	defer func() {
		for _, k := range seen {
			kt.count[k], kt.place[k], kt.spell[k] = 0, -1, ""
		}
	}()
	c.Disciplines = disciplines.list()
	c.Kinds = make([]CheckCount, len(seen))
	for j, k := range seen {
		c.Kinds[j] = CheckCount{Name: kt.spell[k], Count: int(kt.count[k])}
	}
	sort.Slice(c.Kinds, func(i, j int) bool {
		if c.Kinds[i].Count != c.Kinds[j].Count {
			return c.Kinds[i].Count > c.Kinds[j].Count
		}
		return c.Kinds[i].Name < c.Kinds[j].Name
	})

	// Each partner on its finest basis, spelt as in Disciplines and Kinds;
	// then the backgrounds, a helix type only where no partner of that type
	// is known more finely. A partner known by kind or helix type brings
	// one background: those share one backing array.
	one := make([]string, len(ps))
	var finer [numHelix]bool
	for i, p := range ps {
		b := PartnerBackground{ID: p.ID, Name: p.Name, Helix: helixOf(p)}
		switch {
		case hasDisciplines(ofPartner, p.ID):
			b.Basis = BasisDiscipline
			buf = buf[:0]
			for j := ofPartner[p.ID]; j >= 0; j = next[j] {
				buf = append(buf, discKey[j])
			}
			if len(buf) == 1 {
				one[i] = disciplines.spelling[buf[0]]
				b.Backgrounds = one[i : i+1 : i+1]
			} else {
				b.Backgrounds = partnerDisciplines(buf, disciplines.spelling)
			}
			c.Bases.Discipline++
		case kinds[i] >= 0:
			b.Basis = BasisKind
			one[i] = kt.spell[kinds[i]]
			b.Backgrounds = one[i : i+1 : i+1]
			c.Bases.Kind++
		case b.Helix != graph.HelixUnknown:
			b.Basis = BasisHelix
			one[i] = string(b.Helix)
			b.Backgrounds = one[i : i+1 : i+1]
			c.Bases.Helix++
		default:
			b.Basis = BasisUnknown
			b.Backgrounds = []string{}
			c.Bases.Unknown++
		}
		if b.Basis == BasisDiscipline || b.Basis == BasisKind {
			finer[helixCategory(b.Helix)] = true
		}
		c.Partners = append(c.Partners, b)
	}
	// The place of each background in c.Backgrounds: disciplines and kinds
	// by their lower-case name, helix types by category.
	discIndex := map[string]int{}
	var helixIndex [numHelix]int
	for i := range helixIndex {
		helixIndex[i] = -1
	}
	count := func(at *int, name, basis string) {
		if *at < 0 {
			*at = len(c.Backgrounds)
			c.Backgrounds = append(c.Backgrounds, Background{Name: name, Basis: basis})
		}
		c.Backgrounds[*at].Partners++
	}
	for i, b := range c.Partners {
		switch b.Basis {
		case BasisHelix:
			h := helixCategory(b.Helix)
			if finer[h] {
				c.HelixRepresented++
				continue
			}
			count(&helixIndex[h], b.Backgrounds[0], b.Basis)
		case BasisKind:
			at := int(kt.place[kinds[i]])
			count(&at, b.Backgrounds[0], b.Basis)
			kt.place[kinds[i]] = int32(at)
		case BasisDiscipline:
			for _, name := range b.Backgrounds {
				k := strings.ToLower(name)
				at, ok := discIndex[k]
				if !ok {
					at = -1
				}
				count(&at, name, b.Basis)
				discIndex[k] = at
			}
		}
	}
	sort.SliceStable(c.Backgrounds, func(i, j int) bool {
		if c.Backgrounds[i].Partners != c.Backgrounds[j].Partners {
			return c.Backgrounds[i].Partners > c.Backgrounds[j].Partners
		}
		return c.Backgrounds[i].Name < c.Backgrounds[j].Name
	})

	c.KnownPartners = c.Bases.Discipline + c.Bases.Kind
	if len(ps) > 0 {
		c.KnownShare = Float(float64(c.KnownPartners) / float64(len(ps)))
	}
	c.Basis = basisOf(c.Bases)
	switch {
	case len(ps) == 0:
		c.Result = FindingUnknown
	case len(c.Backgrounds) >= opts.MinDisciplines:
		c.Result = FindingTrue
	case float64(c.KnownShare) < opts.MinKnownShare:
		c.Result = FindingUnknown
	default:
		c.Result = FindingFalse
	}
	return c
}

func hasDisciplines(ofPartner map[string]int32, id string) bool {
	_, ok := ofPartner[id]
	return ok
}

// partnerDisciplines returns the distinct disciplines of a partner's
// people, given by their keys (one per person), spelt as in spelling: those
// of the most people first, then by name.
func partnerDisciplines(keys []string, spelling map[string]string) []string {
	if len(keys) == 1 {
		return []string{spelling[keys[0]]}
	}
	keys = slices.Clone(keys)
	slices.Sort(keys)
	type count struct {
		name string
		n    int
	}
	var cs []count
	for i, k := range keys {
		if i > 0 && k == keys[i-1] {
			cs[len(cs)-1].n++
			continue
		}
		cs = append(cs, count{spelling[k], 1})
	}
	slices.SortFunc(cs, func(a, b count) int { return cmp.Or(b.n-a.n, strings.Compare(a.name, b.name)) })
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// basisOf summarises the bases of a unit's partners (Interprofessional.Basis).
func basisOf(b Bases) string {
	var used []string
	for _, x := range []struct {
		n    int
		name string
	}{{b.Discipline, "disciplines"}, {b.Kind, "kinds"}, {b.Helix, "helix_types"}} {
		if x.n > 0 {
			used = append(used, x.name)
		}
	}
	switch len(used) {
	case 0:
		return "none"
	case 1:
		return used[0]
	}
	return "mixed"
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
