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
	keys      []string // of synonyms, sorted
}

func newVocabulary(name string, canonical []string, synonyms map[string]string) *vocabulary {
	v := &vocabulary{name: name, canonical: canonical, synonyms: map[string]string{}}
	for _, c := range canonical {
		v.synonyms[normalizeWord(c)] = c
	}
	for s, c := range synonyms {
		v.synonyms[normalizeWord(s)] = c
	}
	for k := range v.synonyms {
		v.keys = append(v.keys, k)
	}
	sort.Strings(v.keys)
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
	return "", &VocabularyError{Vocabulary: v.name, Value: s, Valid: v.canonical, vocab: v}
}

// nearest returns the canonical value whose spelling (or synonym) is closest
// to s in edit distance, or "" when s is too long to be a typo (see
// MaxSuggestLength).
func (v *vocabulary) nearest(s string) string {
	if !suggestable(s) {
		return ""
	}
	n := normalizeWord(s)
	nr := utf8.RuneCountInString(n)
	best, bestD := "", -1
	for _, k := range v.keys {
		if bestD >= 0 && abs(utf8.RuneCountInString(k)-nr) >= bestD {
			continue // the lengths alone put it further than the best
		}
		if d := EditDistance(n, k); bestD < 0 || d < bestD {
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
	Valid      []string
	vocab      *vocabulary
}

// Nearest returns the valid value nearest to e.Value, "" when the value is
// too long to be a typo (more than MaxSuggestLength characters). It is
// worked out when asked, so that an error nobody reads costs nothing.
func (e *VocabularyError) Nearest() string {
	if e.vocab == nil {
		return ""
	}
	return e.vocab.nearest(e.Value)
}

func (e *VocabularyError) Error() string {
	valid := strings.Join(e.Valid, ", ")
	if near := e.Nearest(); near != "" {
		return fmt.Sprintf("unknown %s %s; did you mean %q? (valid: %s)", e.Vocabulary, Quote(e.Value), near, valid)
	}
	return fmt.Sprintf("unknown %s %s (valid: %s)", e.Vocabulary, Quote(e.Value), valid)
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

// MaxSuggestLength is the length, in characters, of the longest value for
// which a "did you mean" is looked for, and of the longest candidate it
// offers: a typo is short, and comparing two values costs the product of
// their lengths.
const MaxSuggestLength = 100

// suggestable reports whether s has at most MaxSuggestLength characters.
func suggestable(s string) bool {
	return len(s) <= MaxSuggestLength || (len(s) <= utf8.UTFMax*MaxSuggestLength && utf8.RuneCountInString(s) <= MaxSuggestLength)
}

// Closest returns up to n of the candidates nearest to id in edit distance,
// nearest first (ties in candidate order), for "did you mean" messages. A
// candidate that contains id (a prefix typed in full) counts as at most 2
// edits away, so "plc-roc" finds "plc-roc-installatietechniek". An id or a
// candidate longer than MaxSuggestLength characters is compared with
// nothing.
func Closest(id string, candidates []string, n int) []string {
	if n <= 0 || !suggestable(id) {
		return nil
	}
	type scored struct {
		s string
		d int
	}
	best := make([]scored, 0, n) // the nearest so far, nearest first
	lid := strings.ToLower(id)
	nr := utf8.RuneCountInString(lid)
	for _, c := range candidates {
		if !suggestable(c) {
			continue
		}
		lc := strings.ToLower(c)
		contains := lid != "" && strings.Contains(lc, lid)
		if len(best) == n && !contains && abs(utf8.RuneCountInString(lc)-nr) >= best[n-1].d {
			continue // the lengths alone put it after the nth
		}
		d := EditDistance(lid, lc)
		if contains {
			d = min(d, 2)
		}
		if len(best) == n && d >= best[n-1].d {
			continue
		}
		i := len(best)
		for i > 0 && best[i-1].d > d {
			i--
		}
		if len(best) < n {
			best = append(best, scored{})
		}
		copy(best[i+1:], best[i:len(best)-1])
		best[i] = scored{c, d}
	}
	out := make([]string, len(best))
	for i, s := range best {
		out[i] = s.s
	}
	return out
}

// IsNear reports whether candidate is near enough to id to be offered as a
// "did you mean": it contains id (a prefix typed in full, of 2 characters or
// more), or it is at most a third of id's length in edits away. So "Z" is
// near nothing but itself, and "hs-rivierstd" is near "hs-rivierstad". A
// value longer than MaxSuggestLength characters is near nothing.
func IsNear(id, candidate string) bool {
	if !suggestable(id) || !suggestable(candidate) {
		return false
	}
	lid, lc := strings.ToLower(id), strings.ToLower(candidate)
	n := utf8.RuneCountInString(lid)
	if n >= 2 && strings.Contains(lc, lid) {
		return true
	}
	return 3*typoDistanceMax(lid, lc, n/3) <= n
}

// typoDistance is the edit distance of a and b counting the swap of two
// adjacent characters as one edit ("lba" is 1 from "lab"): the optimal
// string alignment distance.
func typoDistance(a, b string) int {
	return typoDistanceMax(a, b, -1)
}

// typoDistanceMax is typoDistance, except that it stops at a distance
// above limit (when limit ≥ 0) and returns limit+1.
func typoDistanceMax(a, b string, limit int) int {
	// Values up to MaxSuggestLength characters take no memory but the stack.
	var bufA, bufB [MaxSuggestLength]rune
	var rows [3][MaxSuggestLength + 1]int
	ra, rb := bufA[:0], bufB[:0]
	for _, r := range a {
		ra = append(ra, r)
	}
	for _, r := range b {
		rb = append(rb, r)
	}
	// prev2, prev and cur are the rows i-2, i-1 and i of the table.
	prev2, prev, cur := rows[0][:], rows[1][:], rows[2][:]
	if len(rb) >= len(prev) {
		prev2, prev, cur = make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	for j := 0; j <= len(rb); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			low = min(low, d)
		}
		if limit >= 0 && low > limit {
			return limit + 1 // a row never has a minimum below the one before less 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	d := prev[len(rb)]
	if limit >= 0 && d > limit {
		return limit + 1
	}
	return d
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
