package importers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
)

// tableID names one table of a data set. The order is the order in which the
// tables are read and their problems reported.
type tableID int

const (
	tabPartners tableID = iota
	tabPeople
	tabUnits
	tabMemberships
	tabTies
	tabValues
	numTables
)

// table describes one table: its English and Dutch names (the CSV file
// names without ".csv" and the keys of the JSON document), its columns and
// the header names accepted for each.
type table struct {
	name     string   // English: "partners"
	dutch    string   // Dutch: "organisaties"
	columns  []string // canonical column names, in order
	required []int    // indices of the columns that must be present
	// aliases maps a normalised header (see normalizeHeader) to the index
	// of its column.
	aliases map[string]int
}

// The columns of each table, by index into table.columns.
const (
	partnerID = iota
	partnerName
	partnerHelix
	partnerSector
	partnerKind
	partnerRegion
	partnerSince
	partnerUntil
)

const (
	personID = iota
	personName
	personPartner
	personDiscipline
	personRole
)

const (
	unitID = iota
	unitName
	unitLevel
	unitForm
	unitParent
	unitChallenge
	unitSince
	unitUntil
	unitCadence
)

const (
	membershipUnit = iota
	membershipMember
	membershipRole
	membershipSince
	membershipUntil
)

const (
	tieSource = iota
	tieTarget
	tieType
	tieWeight
	tieSince
	tieUntil
	tieDirected
	tieID
)

const (
	valueReporter = iota
	valueUnit
	valueCycle
	valueCapital
	valueLevel
	valueDate
	valueDescription
)

// Header aliases shared by several tables.
var (
	aliasName  = []string{"naam"}
	aliasSince = []string{"vanaf", "sinds", "start", "begin", "startdatum", "begindatum", "start date"}
	aliasUntil = []string{"tot", "einde", "eind", "end", "einddatum", "end date", "tot en met"}
)

// tables holds the description of every table, indexed by tableID.
var tables = [numTables]*table{
	tabPartners: newTable("partners", "organisaties", []int{partnerID}, [][]string{
		partnerID:     {"id"},
		partnerName:   append([]string{"name"}, aliasName...),
		partnerHelix:  {"helix", "helixtype", "helix type", "type helix"},
		partnerSector: {"sector"},
		partnerKind:   {"kind", "soort", "type organisatie", "organisatietype", "soort organisatie"},
		partnerRegion: {"region", "regio"},
		partnerSince:  append([]string{"since"}, aliasSince...),
		partnerUntil:  append([]string{"until"}, aliasUntil...),
	}),
	tabPeople: newTable("people", "personen", []int{personID}, [][]string{
		personID:         {"id"},
		personName:       append([]string{"name"}, aliasName...),
		personPartner:    {"partner", "organisatie", "organisation", "organization"},
		personDiscipline: {"discipline", "vakgebied"},
		personRole:       {"role", "rol", "functie"},
	}),
	tabUnits: newTable("units", "eenheden", []int{unitID}, [][]string{
		unitID:        {"id"},
		unitName:      append([]string{"name"}, aliasName...),
		unitLevel:     {"level", "niveau"},
		unitForm:      {"form", "vorm"},
		unitParent:    {"parent", "ouder", "onderdeel van", "bovenliggend"},
		unitChallenge: {"challenge", "opgave", "uitdaging"},
		unitSince:     append([]string{"since"}, aliasSince...),
		unitUntil:     append([]string{"until"}, aliasUntil...),
		unitCadence:   {"cadence", "cadans", "ritme", "frequentie"},
	}),
	tabMemberships: newTable("memberships", "lidmaatschappen", []int{membershipUnit, membershipMember}, [][]string{
		membershipUnit:   {"unit", "eenheid"},
		membershipMember: {"member", "lid", "deelnemer"},
		membershipRole:   {"role", "rol"},
		membershipSince:  append([]string{"since"}, aliasSince...),
		membershipUntil:  append([]string{"until"}, aliasUntil...),
	}),
	tabTies: newTable("ties", "relaties", []int{tieSource, tieTarget}, [][]string{
		tieSource:   {"source", "bron", "van", "from"},
		tieTarget:   {"target", "doel", "naar", "to"},
		tieType:     {"type", "soort", "relatie", "relatietype"},
		tieWeight:   {"weight", "gewicht"},
		tieSince:    append([]string{"since"}, aliasSince...),
		tieUntil:    append([]string{"until"}, aliasUntil...),
		tieDirected: {"directed", "gericht"},
		tieID:       {"id", "tie id", "relatie id", "kenmerk"},
	}),
	tabValues: newTable("values", "waarden", []int{valueReporter, valueCycle}, [][]string{
		valueReporter:    {"reporter", "melder", "rapporteur"},
		valueUnit:        {"unit", "eenheid"},
		valueCycle:       {"cycle", "cyclus"},
		valueCapital:     {"capital", "kapitaal"},
		valueLevel:       {"level", "niveau", "outcome level"},
		valueDate:        {"date", "datum"},
		valueDescription: {"description", "omschrijving", "beschrijving"},
	}),
}

// newTable builds a table; names[i] lists the canonical name of column i
// first, then its aliases.
func newTable(name, dutch string, required []int, names [][]string) *table {
	t := &table{name: name, dutch: dutch, required: required, aliases: map[string]int{}}
	for i, ns := range names {
		t.columns = append(t.columns, ns[0])
		for _, n := range ns {
			t.aliases[normalizeHeader(n)] = i
		}
	}
	return t
}

// column returns the index of the column a header names, or -1.
func (t *table) column(header string) int {
	if i, ok := t.aliases[normalizeHeader(header)]; ok {
		return i
	}
	return -1
}

// suggest returns the canonical column whose name or alias is nearest to an
// unknown header, or "" when none is near enough to be a likely typo: at
// most 2 edits and a third of the header's length away. A header longer
// than graph.MaxSuggestLength characters is no typo.
func (t *table) suggest(header string) string {
	h := normalizeHeader(header)
	n := utf8.RuneCountInString(h)
	if n > graph.MaxSuggestLength {
		return ""
	}
	limit := min(2, n/3)
	best, bestD := "", limit+1
	near := func(name string) int { // the distance, or limit+1 when further
		if abs(utf8.RuneCountInString(name)-n) > limit {
			return limit + 1 // the lengths alone put it too far
		}
		return graph.EditDistance(h, name)
	}
	for _, col := range t.columns { // deterministic: canonical names first
		if d := near(col); d < bestD {
			best, bestD = col, d
		}
	}
	for alias, i := range t.aliases {
		if d := near(alias); d < bestD || (d == bestD && d <= limit && t.columns[i] < best) {
			best, bestD = t.columns[i], d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// tableByName maps a normalised English or Dutch table name to its table.
var tableByName = func() map[string]tableID {
	m := map[string]tableID{}
	for id, t := range tables {
		m[t.name] = tableID(id)
		m[t.dutch] = tableID(id)
	}
	return m
}()

// normalizeHeader lower-cases a column header, trims it and folds runs of
// spaces, underscores and hyphens into one space, so that "Type organisatie",
// "type_organisatie" and " TYPE-organisatie " are one name.
func normalizeHeader(s string) string {
	s = strings.TrimSpace(s)
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == '_' || c == '-' || c == '\t' ||
			(c == ' ' && i > 0 && s[i-1] == ' ') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
