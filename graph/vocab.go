package graph

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Helix is the helix type of a partner: who a partner is in the triple,
// quadruple or quintuple helix (Carayannis & Campbell 2010).
type Helix string

// The helix types. HelixUnknown stands for a missing type; it is counted
// apart in every analysis, never dropped.
const (
	Academia     Helix = "academia"
	Industry     Helix = "industry"
	Government   Helix = "government"
	CivilSociety Helix = "civil_society"
	Environment  Helix = "environment"
	HelixUnknown Helix = "unknown"
)

// Helices lists the five known helix types in canonical order.
var Helices = []Helix{Academia, Industry, Government, CivilSociety, Environment}

// Sector is public, private or nonprofit; it is separate from the helix type.
type Sector string

// The sectors.
const (
	Public        Sector = "public"
	Private       Sector = "private"
	Nonprofit     Sector = "nonprofit"
	SectorUnknown Sector = "unknown"
)

// Sectors lists the known sectors in canonical order.
var Sectors = []Sector{Public, Private, Nonprofit}

// DefaultSector is the sector a partner of helix type h has unless told
// otherwise: academia and government are public, industry is private, civil
// society and environment are nonprofit.
func DefaultSector(h Helix) Sector {
	switch h {
	case Academia, Government:
		return Public
	case Industry:
		return Private
	case CivilSociety, Environment:
		return Nonprofit
	}
	return SectorUnknown
}

// Level is the level of a unit in the multi-level framework of Learning
// Communities (Endedijk et al.): ecosystem, fieldlab or team.
type Level string

// The levels, from the largest to the smallest.
const (
	LevelEcosystem Level = "ecosystem"
	LevelFieldlab  Level = "fieldlab"
	LevelTeam      Level = "team"
)

// Levels lists the levels from the largest to the smallest.
var Levels = []Level{LevelEcosystem, LevelFieldlab, LevelTeam}

// Form is the form a unit takes; every form belongs to one level.
type Form string

// The forms of the framework. PLC and CoP are not Learning Communities on
// their own; they sit at the team level inside an ecosystem.
const (
	FormEcosystem                Form = "ecosystem"
	FormPublicPrivatePartnership Form = "public_private_partnership"
	FormFieldlab                 Form = "fieldlab"
	FormInnovationHub            Form = "innovation_hub"
	FormLivingLab                Form = "living_lab"
	FormCentreOfExpertise        Form = "centre_of_expertise"
	FormInnovationTeam           Form = "innovation_team"
	FormGenerativeGroup          Form = "generative_group"
	FormPLC                      Form = "plc"
	FormCoP                      Form = "cop"
)

// Forms lists every form, grouped by level.
var Forms = []Form{
	FormEcosystem, FormPublicPrivatePartnership,
	FormFieldlab, FormInnovationHub, FormLivingLab, FormCentreOfExpertise,
	FormInnovationTeam, FormGenerativeGroup, FormPLC, FormCoP,
}

// Level returns the level a form belongs to.
func (f Form) Level() Level {
	switch f {
	case FormEcosystem, FormPublicPrivatePartnership:
		return LevelEcosystem
	case FormFieldlab, FormInnovationHub, FormLivingLab, FormCentreOfExpertise:
		return LevelFieldlab
	case FormInnovationTeam, FormGenerativeGroup, FormPLC, FormCoP:
		return LevelTeam
	}
	return ""
}

// LearningCommunityOnItsOwn reports whether a unit of this form can be a
// Learning Community by itself; a PLC (one organisation) and a CoP (one
// profession) cannot.
func (f Form) LearningCommunityOnItsOwn() bool { return f != FormPLC && f != FormCoP }

// DefaultForm is the form of a unit whose form is not given.
func (l Level) DefaultForm() Form {
	switch l {
	case LevelEcosystem:
		return FormEcosystem
	case LevelFieldlab:
		return FormFieldlab
	case LevelTeam:
		return FormInnovationTeam
	}
	return ""
}

// Role is the role of a member in a unit.
type Role string

// The membership roles.
const (
	RoleMember      Role = "member"
	RoleFacilitator Role = "facilitator"
	RoleCoordinator Role = "coordinator"
	RoleUser        Role = "user"
)

// Roles lists the membership roles.
var Roles = []Role{RoleMember, RoleFacilitator, RoleCoordinator, RoleUser}

// Cycle is a cycle of value creation (Wenger, Trayner & de Laat 2011, with
// the expected value of Dingyloudi & Strijbos 2015).
type Cycle string

// The value-creation cycles in their usual order.
const (
	CycleExpected       Cycle = "expected"
	CycleImmediate      Cycle = "immediate"
	CyclePotential      Cycle = "potential"
	CycleApplied        Cycle = "applied"
	CycleRealized       Cycle = "realized"
	CycleTransformative Cycle = "transformative"
)

// Cycles lists the value-creation cycles in order.
var Cycles = []Cycle{CycleExpected, CycleImmediate, CyclePotential, CycleApplied, CycleRealized, CycleTransformative}

// Capital is the kind of capital of potential value.
type Capital string

// The kinds of capital of potential value.
const (
	CapitalHuman        Capital = "human"
	CapitalSocial       Capital = "social"
	CapitalTangible     Capital = "tangible"
	CapitalReputational Capital = "reputational"
	CapitalLearning     Capital = "learning"
)

// Capitals lists the kinds of capital.
var Capitals = []Capital{CapitalHuman, CapitalSocial, CapitalTangible, CapitalReputational, CapitalLearning}

// OutcomeLevel is the level at which value is realised: micro (individual),
// meso (organisation, education, government, collective) or macro (society).
type OutcomeLevel string

// The outcome levels.
const (
	Micro OutcomeLevel = "micro"
	Meso  OutcomeLevel = "meso"
	Macro OutcomeLevel = "macro"
)

// OutcomeLevels lists the outcome levels from the individual to society.
var OutcomeLevels = []OutcomeLevel{Micro, Meso, Macro}

// vocabulary maps normalised spellings (canonical values and synonyms) to a
// canonical value.
type vocabulary struct {
	name      string
	canonical []string
	synonyms  map[string]string
}

func newVocabulary(name string, canonical []string, synonyms map[string]string) *vocabulary {
	v := &vocabulary{name: name, canonical: canonical, synonyms: map[string]string{}}
	for _, c := range canonical {
		v.synonyms[normalizeWord(c)] = c
	}
	for s, c := range synonyms {
		v.synonyms[normalizeWord(s)] = c
	}
	return v
}

// normalizeWord lower-cases s, trims it and folds spaces and hyphens to
// underscores, so "Civil society", "civil-society" and "civil_society" match.
func normalizeWord(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	underscore := false
	for _, r := range s {
		if r == ' ' || r == '-' || r == '_' || r == '\t' {
			if !underscore && b.Len() > 0 {
				b.WriteByte('_')
			}
			underscore = true
			continue
		}
		underscore = false
		b.WriteRune(r)
	}
	return strings.TrimSuffix(b.String(), "_")
}

func (v *vocabulary) parse(s string) (string, error) {
	if c, ok := v.synonyms[normalizeWord(s)]; ok {
		return c, nil
	}
	return "", &VocabularyError{Vocabulary: v.name, Value: s, Nearest: v.nearest(s), Valid: v.canonical}
}

// nearest returns the canonical value whose spelling (or synonym) is closest
// to s in edit distance.
func (v *vocabulary) nearest(s string) string {
	n := normalizeWord(s)
	keys := make([]string, 0, len(v.synonyms))
	for k := range v.synonyms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best, bestD := "", -1
	for _, k := range keys {
		d := EditDistance(n, k)
		if bestD < 0 || d < bestD {
			best, bestD = v.synonyms[k], d
		}
	}
	return best
}

// VocabularyError is the error for a value outside a vocabulary; it names the
// nearest valid value.
type VocabularyError struct {
	Vocabulary string
	Value      string
	Nearest    string
	Valid      []string
}

func (e *VocabularyError) Error() string {
	return fmt.Sprintf("unknown %s %s; did you mean %q? (valid: %s)", e.Vocabulary, Quote(e.Value), e.Nearest, strings.Join(e.Valid, ", "))
}

var helixVocabulary = newVocabulary("helix type", []string{"academia", "industry", "government", "civil_society", "environment", "unknown"}, map[string]string{
	// English
	"academic": "academia", "university": "academia", "knowledge institution": "academia", "research": "academia",
	"research organisation": "academia", "research organization": "academia", "education": "academia",
	"school": "academia", "college": "academia", "higher education": "academia",
	"business": "industry", "company": "industry", "firm": "industry", "sme": "industry", "startup": "industry",
	"start-up": "industry", "enterprise": "industry", "private company": "industry", "corporate": "industry",
	"public": "government", "public authority": "government", "public body": "government", "municipality": "government",
	"province": "government", "state": "government", "ministry": "government", "gov": "government",
	"civil society": "civil_society", "citizen": "civil_society", "citizens": "civil_society", "users": "civil_society",
	"user": "civil_society", "ngo": "civil_society", "association": "civil_society", "society": "civil_society",
	"community": "civil_society", "foundation": "civil_society", "civic": "civil_society",
	"nature": "environment", "natural environment": "environment", "ecology": "environment", "environmental": "environment",
	// Dutch
	"kennisinstelling": "academia", "hogeschool": "academia", "universiteit": "academia", "mbo": "academia",
	"roc": "academia", "onderwijs": "academia", "onderwijsinstelling": "academia", "onderzoeksinstituut": "academia",
	"kennis": "academia", "hbo": "academia", "wo": "academia",
	"bedrijf": "industry", "bedrijfsleven": "industry", "mkb": "industry", "onderneming": "industry", "ondernemer": "industry",
	"industrie": "industry",
	"gemeente":  "government", "provincie": "government", "rijk": "government", "overheid": "government",
	"waterschap": "government", "ministerie": "government", "rijksoverheid": "government",
	"burger": "civil_society", "burgers": "civil_society", "bewoners": "civil_society", "bewoner": "civil_society",
	"maatschappelijke organisatie": "civil_society", "stichting": "civil_society", "vereniging": "civil_society",
	"maatschappij": "civil_society", "gebruikers": "civil_society", "gebruiker": "civil_society",
	"natuur": "environment", "milieu": "environment", "natuurorganisatie": "environment", "milieuorganisatie": "environment",
	"omgeving": "environment",
	// EU CORDIS activity types
	"hes": "academia", "rec": "academia", "prc": "industry", "pub": "government", "oth": "civil_society",
	// missing
	"onbekend": "unknown", "n/a": "unknown", "na": "unknown",
})

// ParseHelix returns the helix type that s names, accepting the canonical
// values, common English and Dutch synonyms and the EU CORDIS activity codes
// (HES, REC, PRC, PUB, OTH). An empty s is HelixUnknown. Any other value is
// a *VocabularyError naming the nearest valid value.
func ParseHelix(s string) (Helix, error) {
	if strings.TrimSpace(s) == "" {
		return HelixUnknown, nil
	}
	c, err := helixVocabulary.parse(s)
	return Helix(c), err
}

var sectorVocabulary = newVocabulary("sector", []string{"public", "private", "nonprofit"}, map[string]string{
	"publiek": "public", "overheid": "public", "semi-public": "public", "semipubliek": "public",
	"privaat": "private", "commercial": "private", "for profit": "private", "for-profit": "private", "commercieel": "private",
	"non profit": "nonprofit", "non-profit": "nonprofit", "not for profit": "nonprofit", "ngo": "nonprofit",
	"maatschappelijk": "nonprofit", "non-profit organisatie": "nonprofit", "third sector": "nonprofit",
})

// ParseSector returns the sector that s names (English or Dutch). An empty s
// returns "" so that the caller can derive the default from the helix type.
func ParseSector(s string) (Sector, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, err := sectorVocabulary.parse(s)
	return Sector(c), err
}

var levelVocabulary = newVocabulary("level", []string{"ecosystem", "fieldlab", "team"}, map[string]string{
	"ecosysteem": "ecosystem", "ecosystem level": "ecosystem",
	"field lab": "fieldlab", "lab": "fieldlab", "hub": "fieldlab",
	"teams": "team", "innovatieteam": "team",
})

// ParseLevel returns the level that s names. An empty s returns "".
func ParseLevel(s string) (Level, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, err := levelVocabulary.parse(s)
	return Level(c), err
}

var formVocabulary = newVocabulary("form", []string{
	"ecosystem", "public_private_partnership", "fieldlab", "innovation_hub", "living_lab", "centre_of_expertise",
	"innovation_team", "generative_group", "plc", "cop",
}, map[string]string{
	"ecosysteem": "ecosystem", "innovation ecosystem": "ecosystem", "innovatie-ecosysteem": "ecosystem",
	"ppp": "public_private_partnership", "publiek-private samenwerking": "public_private_partnership",
	"publiek private samenwerking": "public_private_partnership", "pps": "public_private_partnership",
	"field lab": "fieldlab", "proeftuin": "fieldlab",
	"hub": "innovation_hub", "innovatiehub": "innovation_hub", "innovation hub": "innovation_hub",
	"living lab": "living_lab", "livinglab": "living_lab",
	"centre of expertise": "centre_of_expertise", "center of expertise": "centre_of_expertise", "coe": "centre_of_expertise",
	"kenniscentrum": "centre_of_expertise", "expertisecentrum": "centre_of_expertise",
	"innovation team": "innovation_team", "open innovation team": "innovation_team", "innovatieteam": "innovation_team",
	"team":             "innovation_team",
	"generative group": "generative_group", "generatieve groep": "generative_group",
	"professional learning community": "plc", "professionele leergemeenschap": "plc",
	"community of practice": "cop", "praktijkgemeenschap": "cop",
})

// ParseForm returns the form that s names. An empty s returns "".
func ParseForm(s string) (Form, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, err := formVocabulary.parse(s)
	return Form(c), err
}

var roleVocabulary = newVocabulary("role", []string{"member", "facilitator", "coordinator", "user"}, map[string]string{
	"lid": "member", "deelnemer": "member", "participant": "member", "partner": "member",
	"begeleider": "facilitator", "procesbegeleider": "facilitator",
	"coordinator": "coordinator", "coördinator": "coordinator", "trekker": "coordinator", "lead": "coordinator",
	"gebruiker": "user", "eindgebruiker": "user",
})

// ParseRole returns the membership role that s names; empty is RoleMember.
func ParseRole(s string) (Role, error) {
	if strings.TrimSpace(s) == "" {
		return RoleMember, nil
	}
	c, err := roleVocabulary.parse(s)
	return Role(c), err
}

var cycleVocabulary = newVocabulary("value cycle", []string{"expected", "immediate", "potential", "applied", "realized", "transformative"}, map[string]string{
	"verwacht": "expected", "verwachte": "expected", "verwachte waarde": "expected",
	"onmiddellijk": "immediate", "onmiddellijke": "immediate", "onmiddellijke waarde": "immediate",
	"potentieel": "potential", "potentiële": "potential", "potentiele": "potential", "potentiële waarde": "potential",
	"toegepast": "applied", "toegepaste": "applied", "toegepaste waarde": "applied",
	"realised": "realized", "gerealiseerd": "realized", "gerealiseerde": "realized", "gerealiseerde waarde": "realized",
	"transformatief": "transformative", "transformatieve": "transformative", "transformatieve waarde": "transformative",
})

// ParseCycle returns the value-creation cycle that s names (English or
// Dutch). An empty s returns "": Validate reports a value record without a
// cycle.
func ParseCycle(s string) (Cycle, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, err := cycleVocabulary.parse(s)
	return Cycle(c), err
}

var capitalVocabulary = newVocabulary("capital", []string{"human", "social", "tangible", "reputational", "learning"}, map[string]string{
	"menselijk": "human", "menselijk kapitaal": "human", "sociaal": "social", "sociaal kapitaal": "social",
	"tastbaar": "tangible", "tastbaar kapitaal": "tangible", "reputatie": "reputational", "reputation": "reputational",
	"reputatie kapitaal": "reputational", "leer": "learning", "leerkapitaal": "learning",
})

// ParseCapital returns the kind of capital that s names. An empty s returns "".
func ParseCapital(s string) (Capital, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, err := capitalVocabulary.parse(s)
	return Capital(c), err
}

var outcomeVocabulary = newVocabulary("outcome level", []string{"micro", "meso", "macro"}, map[string]string{
	"individual": "micro", "individueel": "micro", "microniveau": "micro",
	"organisation": "meso", "organization": "meso", "organisatie": "meso", "mesoniveau": "meso",
	"society": "macro", "maatschappij": "macro", "macroniveau": "macro", "maatschappelijk": "macro",
})

// ParseOutcomeLevel returns the outcome level that s names. An empty s returns "".
func ParseOutcomeLevel(s string) (OutcomeLevel, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, err := outcomeVocabulary.parse(s)
	return OutcomeLevel(c), err
}

// EditDistance is the Levenshtein distance between a and b, in runes: the
// number of insertions, deletions and substitutions that turn a into b.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest returns up to n of the candidates nearest to id in edit distance,
// nearest first (ties in candidate order), for "did you mean" messages. A
// candidate that contains id (a prefix typed in full) counts as at most 2
// edits away, so "plc-roc" finds "plc-roc-installatietechniek".
func Closest(id string, candidates []string, n int) []string {
	return closest(id, candidates, n)
}

// IsNear reports whether candidate is near enough to id to be offered as a
// "did you mean": it contains id (a prefix typed in full, of 2 characters or
// more), or it is at most a third of id's length in edits away. So "Z" is
// near nothing but itself, and "hs-rivierstd" is near "hs-rivierstad".
func IsNear(id, candidate string) bool {
	lid, lc := strings.ToLower(id), strings.ToLower(candidate)
	if utf8.RuneCountInString(lid) >= 2 && strings.Contains(lc, lid) {
		return true
	}
	return 3*typoDistance(lid, lc) <= utf8.RuneCountInString(lid)
}

// typoDistance is the edit distance of a and b counting the swap of two
// adjacent characters as one edit ("lba" is 1 from "lab"): the optimal
// string alignment distance.
func typoDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// typoIDDistance is idDistance with a swap of two adjacent characters as
// one edit, as IsNear judges.
func typoIDDistance(lid, lc string) int {
	d := typoDistance(lid, lc)
	if lid != "" && strings.Contains(lc, lid) {
		d = min(d, 2)
	}
	return d
}

// idDistance is the distance Closest ranks by, on lower-cased ids.
func idDistance(lid, lc string) int {
	d := EditDistance(lid, lc)
	if lid != "" && strings.Contains(lc, lid) {
		d = min(d, 2)
	}
	return d
}

func closest(id string, candidates []string, n int) []string {
	type scored struct {
		s string
		d int
	}
	all := make([]scored, 0, len(candidates))
	lid := strings.ToLower(id)
	for _, c := range candidates {
		all = append(all, scored{c, idDistance(lid, strings.ToLower(c))})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	if len(all) > n {
		all = all[:n]
	}
	out := make([]string, len(all))
	for i, s := range all {
		out[i] = s.s
	}
	return out
}
