package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// CheckThresholds are the thresholds a check used (see analysis.CheckOptions).
type CheckThresholds struct {
	MinOrganisations       int     `json:"min_organisations"`
	MinDisciplines         int     `json:"min_disciplines"`
	MinKnownShare          float64 `json:"min_known_share"`
	EcosystemMinHelixTypes int     `json:"ecosystem_min_helix_types"`
	EcosystemMinChildUnits int     `json:"ecosystem_min_child_units"`
	FieldlabMinChildUnits  int     `json:"fieldlab_min_child_units"`
	TeamMinStableShare     float64 `json:"team_min_stable_share"`
	TeamToleranceDays      int     `json:"team_tolerance_days"`
}

func thresholdsOf(o analysis.CheckOptions) CheckThresholds {
	return CheckThresholds{
		MinOrganisations: o.MinOrganisations, MinDisciplines: o.MinDisciplines, MinKnownShare: o.MinKnownShare,
		EcosystemMinHelixTypes: o.EcosystemMinHelixTypes, EcosystemMinChildUnits: o.EcosystemMinChildUnits,
		FieldlabMinChildUnits: o.FieldlabMinChildUnits, TeamMinStableShare: o.TeamMinStableShare,
		TeamToleranceDays: o.TeamToleranceDays,
	}
}

// CheckSummary counts the units per verdict.
type CheckSummary struct {
	Units             int `json:"units"`
	LearningCommunity int `json:"learning_community"`
	NotOnItsOwn       int `json:"not_on_its_own"`
	InsufficientData  int `json:"insufficient_data"`
}

// CheckReport is the output of `ecoscope check`. Its JSON keys are stable
// and English whatever the language of the text output.
type CheckReport struct {
	Name   string `json:"name,omitempty"`
	Source string `json:"source"`
	At     string `json:"at"`
	Unit   string `json:"unit,omitempty"`
	// Note says why there are no units to check, and which date has
	// some; in English whatever --lang says.
	Note       string               `json:"note,omitempty"`
	Partners   int                  `json:"partners"`
	Thresholds CheckThresholds      `json:"thresholds"`
	Summary    CheckSummary         `json:"summary"`
	Units      []analysis.UnitCheck `json:"units"`
	// empty is why there are no units, for the text in either language.
	empty *analysis.EmptySnapshot
}

// BuildCheck checks the units of e (analysis.Check with opts) and wraps the
// answers with m. With opts.Unit, e should be the whole snapshot, so that
// the units above opts.Unit lend it their challenge; m.Unit is reported.
func BuildCheck(e *graph.Ecosystem, m Meta, opts analysis.CheckOptions) (CheckReport, error) {
	units, err := analysis.Check(e, opts)
	if err != nil {
		return CheckReport{}, err
	}
	at := "all"
	if !m.At.IsZero() {
		at = m.At.String()
	}
	r := CheckReport{
		Name: e.Name, Source: m.Source, At: at, Unit: m.Unit, Partners: len(e.Partners),
		Thresholds: thresholdsOf(opts), Units: units, Note: m.note(), empty: m.Empty,
	}
	r.Summary = summariseChecks(units)
	return r, nil
}

// CheckLang is the language of the text output of a check.
type CheckLang string

// The languages of the text output of a check.
const (
	CheckEnglish CheckLang = "en"
	CheckDutch   CheckLang = "nl"
)

// checkWords are the fixed words and phrases of the check text in each
// language; format verbs are filled in by the writer.
type checkWords struct {
	title, source, snapshot, cumulative, at, unit, below, thresholds, thresholdText string
	summary, noUnits, noUnitsAt, noPartnersAt, unitNotAt                            string
	verdict, form, level, parentOf, advice, suggestion                              string
	yes, no, unknown                                                                string
	verdicts                                                                        map[analysis.Verdict]string
	criteria                                                                        map[string]string
	levels                                                                          map[graph.Level]string
	forms                                                                           map[graph.Form]string
	helices                                                                         map[graph.Helix]string
	andMore, none                                                                   string
	orgs, noMembers                                                                 string
	backgrounds, noBackground, byPartner, representedHelix, known, knownBelow       string
	withoutDiscipline, partnerOne, partnerMany                                      string
	discipline, kind, helixType                                                     string
	bases                                                                           map[string]string
	sectors, unknownSector, knowledge, noKnowledge, unknownHelix                    string
	own, inherited, noChallenge                                                     string
	fixedTerm, noFixedTerm, stable, noMemberships, beneath, helixTypes              string
	sugTeam, sugChanging, sugBeneath, sugEcosystem, sugFits, and                    string
	decidedForm                                                                     string
}

var checkText = map[CheckLang]*checkWords{
	CheckEnglish: {
		title: "Is this a Learning Community?", source: "Source:", snapshot: "Snapshot:",
		cumulative: "cumulative (every record, whatever its dates)", at: "at %s",
		unit: "Unit:", below: "%s and the units below it (units above it lend their challenge)",
		thresholds:    "Thresholds:",
		thresholdText: "%d organisations; %d professional backgrounds (per partner: the disciplines of its people, else its kind, else its helix type; too few is unknown, not false, while under %s of the partners are known by discipline or kind); a team: a fixed term and %s of its memberships stable (within %d days); a fieldlab: a changing composition or %d units beneath it; an ecosystem: %d helix types and %d unit(s) beneath it",
		summary:       "%d units: %d Learning Communities, %d not a Learning Community on their own, %d with insufficient data",
		noUnits:       "The data set has no units: nothing to check. Describe the ecosystem, its fieldlabs and teams in units.csv and who takes part in memberships.csv.",
		noUnitsAt:     "No units are active at %s: the snapshot is empty.",
		noPartnersAt:  "No partners are active at %s: the snapshot is empty.",
		unitNotAt:     "Unit %s is not active at %s: nothing to check.",
		verdict:       "Verdict:", form: "form", level: "level", parentOf: "below %s", advice: "Level fit is advice, not part of the verdict.",
		suggestion: "Suggestion:",
		yes:        "yes", no: "no", unknown: "unknown",
		verdicts: map[analysis.Verdict]string{
			analysis.VerdictLearningCommunity: "a Learning Community",
			analysis.VerdictNotOnItsOwn:       "not a Learning Community on its own",
			analysis.VerdictInsufficientData:  "insufficient data",
		},
		criteria: map[string]string{
			analysis.CriterionForm:                "form",
			analysis.CriterionInterorganisational: "interorganisational",
			analysis.CriterionInterprofessional:   "interprofessional",
			analysis.CriterionPublicPrivate:       "public-private",
			analysis.CriterionSocietalChallenge:   "societal challenge",
			analysis.CriterionLevelFit:            "fits its level",
		},
		levels: map[graph.Level]string{graph.LevelEcosystem: "ecosystem", graph.LevelFieldlab: "fieldlab", graph.LevelTeam: "team"},
		forms: map[graph.Form]string{
			graph.FormEcosystem: "ecosystem", graph.FormPublicPrivatePartnership: "public-private partnership",
			graph.FormFieldlab: "fieldlab", graph.FormInnovationHub: "innovation hub", graph.FormLivingLab: "living lab",
			graph.FormCentreOfExpertise: "centre of expertise", graph.FormInnovationTeam: "innovation team",
			graph.FormGenerativeGroup: "generative group", graph.FormPLC: "professional learning community (plc)",
			graph.FormCoP: "community of practice (cop)",
		},
		helices: map[graph.Helix]string{
			graph.Academia: "academia", graph.Industry: "industry", graph.Government: "government",
			graph.CivilSociety: "civil society", graph.Environment: "environment", graph.HelixUnknown: "unknown",
		},
		andMore: "and %d more", none: "none",
		orgs: "%d organisation(s): %s", noMembers: "no members recorded",
		backgrounds: "%d background(s): %s", noBackground: "no professional background known",
		byPartner:        "partners judged by: %s",
		representedHelix: "%d known only by a helix type already represented",
		known:            "%d of %d known by discipline or kind (%s)", knownBelow: "%d of %d known by discipline or kind (%s, under %s)",
		withoutDiscipline: "%d person(s) without a discipline", partnerOne: "1 partner", partnerMany: "%d partners",
		discipline: "discipline", kind: "kind", helixType: "helix type",
		bases: map[string]string{
			analysis.BasisDiscipline: "the disciplines of their people", analysis.BasisKind: "kind",
			analysis.BasisHelix: "helix type only", analysis.BasisUnknown: "nothing known",
		},
		sectors: "%d public, %d private, %d nonprofit", unknownSector: "%d of unknown sector",
		knowledge: "knowledge institutions: %s", noKnowledge: "no knowledge institution", unknownHelix: "%d of unknown helix type",
		own: "%q (its own)", inherited: "%q (inherited from %s)", noChallenge: "no challenge named for the unit or the units above it",
		fixedTerm: "fixed term %s to %s", noFixedTerm: "no fixed term", stable: "%d of %d memberships stable (%s)",
		noMemberships: "no memberships of its own", beneath: "%d unit(s) beneath it", helixTypes: "%d helix type(s) (%s)",
		sugTeam:     "a fixed composition (%d of %d memberships stable) with a fixed term (%s to %s)",
		sugChanging: "a changing composition (%d of %d memberships stable)", sugBeneath: "%d units beneath it",
		sugEcosystem: "broad representation (%d helix types) with %d unit(s) beneath it",
		sugFits:      "%s: fits %s better than %s", and: " and ",
		decidedForm: "a %s is not a Learning Community on its own",
	},
	CheckDutch: {
		title: "Is dit een Learning Community?", source: "Bron:", snapshot: "Peildatum:",
		cumulative: "alles (elk record, ongeacht de datums)", at: "%s",
		unit: "Eenheid:", below: "%s en de eenheden eronder (eenheden erboven geven hun vraagstuk door)",
		thresholds:    "Drempels:",
		thresholdText: "%d organisaties; %d professionele achtergronden (per partner: de disciplines van zijn mensen, anders zijn soort, anders zijn helixtype; te weinig is onbekend, niet nee, zolang minder dan %s van de partners bekend is op discipline of soort); een team: een vaste looptijd en %s van de lidmaatschappen stabiel (binnen %d dagen); een fieldlab: een wisselende samenstelling of %d eenheden eronder; een ecosysteem: %d helixtypen en %d eenheid/eenheden eronder",
		summary:       "%d eenheden: %d Learning Communities, %d op zichzelf geen Learning Community, %d met onvoldoende gegevens",
		noUnits:       "De gegevens bevatten geen eenheden: er is niets te toetsen. Beschrijf het ecosysteem, de fieldlabs en teams in units.csv en wie meedoet in memberships.csv.",
		noUnitsAt:     "Op %s zijn geen eenheden actief: de momentopname is leeg.",
		noPartnersAt:  "Op %s zijn geen partners actief: de momentopname is leeg.",
		unitNotAt:     "Eenheid %s is op %s niet actief: er is niets te toetsen.",
		verdict:       "Oordeel:", form: "vorm", level: "niveau", parentOf: "onder %s", advice: "Past bij niveau is een advies en telt niet mee in het oordeel.",
		suggestion: "Suggestie:",
		yes:        "ja", no: "nee", unknown: "onbekend",
		verdicts: map[analysis.Verdict]string{
			analysis.VerdictLearningCommunity: "een Learning Community",
			analysis.VerdictNotOnItsOwn:       "op zichzelf geen Learning Community",
			analysis.VerdictInsufficientData:  "onvoldoende gegevens",
		},
		criteria: map[string]string{
			analysis.CriterionForm:                "vorm",
			analysis.CriterionInterorganisational: "interorganisationeel",
			analysis.CriterionInterprofessional:   "interprofessioneel",
			analysis.CriterionPublicPrivate:       "publiek-privaat",
			analysis.CriterionSocietalChallenge:   "maatschappelijk vraagstuk",
			analysis.CriterionLevelFit:            "past bij niveau",
		},
		levels: map[graph.Level]string{graph.LevelEcosystem: "ecosysteem", graph.LevelFieldlab: "fieldlab", graph.LevelTeam: "team"},
		forms: map[graph.Form]string{
			graph.FormEcosystem: "ecosysteem", graph.FormPublicPrivatePartnership: "publiek-private samenwerking",
			graph.FormFieldlab: "fieldlab", graph.FormInnovationHub: "innovatiehub", graph.FormLivingLab: "living lab",
			graph.FormCentreOfExpertise: "centre of expertise", graph.FormInnovationTeam: "innovatieteam",
			graph.FormGenerativeGroup: "generatieve groep", graph.FormPLC: "professionele leergemeenschap (plc)",
			graph.FormCoP: "community of practice (cop)",
		},
		helices: map[graph.Helix]string{
			graph.Academia: "kennisinstellingen", graph.Industry: "bedrijfsleven", graph.Government: "overheid",
			graph.CivilSociety: "maatschappelijke organisaties en burgers", graph.Environment: "natuur en milieu", graph.HelixUnknown: "onbekend",
		},
		andMore: "en nog %d", none: "geen",
		orgs: "%d organisatie(s): %s", noMembers: "geen leden vastgelegd",
		backgrounds: "%d achtergrond(en): %s", noBackground: "geen professionele achtergrond bekend",
		byPartner:        "partners beoordeeld op: %s",
		representedHelix: "%d alleen bekend op een helixtype dat al vertegenwoordigd is",
		known:            "%d van %d bekend op discipline of soort (%s)", knownBelow: "%d van %d bekend op discipline of soort (%s, minder dan %s)",
		withoutDiscipline: "%d persoon/personen zonder discipline", partnerOne: "1 partner", partnerMany: "%d partners",
		discipline: "discipline", kind: "soort", helixType: "helixtype",
		bases: map[string]string{
			analysis.BasisDiscipline: "de disciplines van hun mensen", analysis.BasisKind: "soort",
			analysis.BasisHelix: "alleen helixtype", analysis.BasisUnknown: "niets bekend",
		},
		sectors: "%d publiek, %d privaat, %d non-profit", unknownSector: "%d met onbekende sector",
		knowledge: "kennisinstellingen: %s", noKnowledge: "geen kennisinstelling", unknownHelix: "%d met onbekend helixtype",
		own: "%q (eigen)", inherited: "%q (overgenomen van %s)", noChallenge: "geen vraagstuk genoemd voor de eenheid of de eenheden erboven",
		fixedTerm: "vaste looptijd %s tot %s", noFixedTerm: "geen vaste looptijd", stable: "%d van %d lidmaatschappen stabiel (%s)",
		noMemberships: "geen eigen lidmaatschappen", beneath: "%d eenheid/eenheden eronder", helixTypes: "%d helixtype(n) (%s)",
		sugTeam:     "een vaste samenstelling (%d van %d lidmaatschappen stabiel) met een vaste looptijd (%s tot %s)",
		sugChanging: "een wisselende samenstelling (%d van %d lidmaatschappen stabiel)", sugBeneath: "%d eenheden eronder",
		sugEcosystem: "brede vertegenwoordiging (%d helixtypen) met %d eenheid/eenheden eronder",
		sugFits:      "%s: past beter bij %s dan bij %s", and: " en ",
		decidedForm: "een %s is op zichzelf geen Learning Community",
	},
}

// checkMaxNames is how many names the text output lists before "and N more".
const checkMaxNames = 6

// WriteCheckText writes r for people to read, in English or Dutch. Any
// other language is an error.
func WriteCheckText(w io.Writer, r CheckReport, lang CheckLang) error {
	t, ok := checkText[lang]
	if !ok {
		return fmt.Errorf("report: unknown language %q (en or nl)", lang)
	}
	ew := &errWriter{w: w}
	ew.heading(t.title, "")
	if r.Name != "" {
		ew.printf("%s\n", r.Name)
	}
	ew.printf("%-11s %s\n", t.source, r.Source)
	if r.At == "all" {
		ew.printf("%-11s %s\n", t.snapshot, t.cumulative)
	} else {
		ew.printf("%-11s %s\n", t.snapshot, fmt.Sprintf(t.at, r.At))
	}
	if r.Unit != "" {
		ew.printf("%-11s %s\n", t.unit, fmt.Sprintf(t.below, r.Unit))
	}
	th := r.Thresholds
	ew.printf("%-11s %s\n", t.thresholds, fmt.Sprintf(t.thresholdText, th.MinOrganisations, th.MinDisciplines,
		checkPercent(th.MinKnownShare), checkPercent(th.TeamMinStableShare), th.TeamToleranceDays, th.FieldlabMinChildUnits, th.EcosystemMinHelixTypes, th.EcosystemMinChildUnits))

	ew.printf("%-11s %s\n", "", t.advice)

	if len(r.Units) == 0 {
		switch {
		case r.empty != nil:
			ew.printf("\n%s\n", describeEmpty(*r.empty, emptyText[lang]))
		case r.At != "all" && r.Unit != "":
			ew.printf("\n%s\n", fmt.Sprintf(t.unitNotAt, r.Unit, r.At))
		case r.At != "all" && r.Partners == 0:
			ew.printf("\n%s\n", fmt.Sprintf(t.noPartnersAt, r.At))
		case r.At != "all":
			ew.printf("\n%s\n", fmt.Sprintf(t.noUnitsAt, r.At))
		default:
			ew.printf("\n%s\n", t.noUnits)
		}
		return ew.err
	}
	s := r.Summary
	ew.printf("\n%s\n", fmt.Sprintf(t.summary, s.Units, s.LearningCommunity, s.NotOnItsOwn, s.InsufficientData))

	width := 0
	for _, k := range []string{analysis.CriterionInterorganisational, analysis.CriterionInterprofessional,
		analysis.CriterionPublicPrivate, analysis.CriterionSocietalChallenge, analysis.CriterionLevelFit} {
		width = max(width, len([]rune(t.criteria[k])))
	}
	valWidth := max(len([]rune(t.yes)), len([]rune(t.no)), len([]rune(t.unknown)))
	for _, u := range r.Units {
		writeUnitCheck(ew, t, u, th, width, valWidth)
	}
	return ew.err
}

func writeUnitCheck(ew *errWriter, t *checkWords, u analysis.UnitCheck, th CheckThresholds, width, valWidth int) {
	title := u.ID
	if u.Name != "" && u.Name != u.ID {
		title += ": " + u.Name
	}
	ew.printf("\n%s\n", title)
	line := fmt.Sprintf("%s: %s; %s: %s", t.form, t.forms[u.Form], t.level, t.levels[u.Level])
	if u.Parent != "" {
		line += "; " + fmt.Sprintf(t.parentOf, u.Parent)
	}
	ew.printf("  %s\n", line)
	verdict := t.verdicts[u.Verdict]
	if len(u.DecidedBy) > 0 {
		why := make([]string, len(u.DecidedBy))
		for i, k := range u.DecidedBy {
			if k == analysis.CriterionForm {
				why[i] = fmt.Sprintf(t.decidedForm, t.forms[u.Form])
			} else {
				why[i] = t.criteria[k]
			}
		}
		verdict += " (" + strings.Join(why, "; ") + ")"
	}
	ew.printf("  %s %s\n", t.verdict, verdict)

	c := u.Criteria
	// The columns are as wide in every unit: as the longest criterion
	// and finding of the language.
	tab := newTable("    ").minWidth(0, width).minWidth(1, valWidth)
	row := func(key string, f analysis.Finding, evidence string) {
		tab.add(t.criteria[key], t.finding(f), evidence)
	}
	row(analysis.CriterionInterorganisational, c.Interorganisational.Result, t.interorganisational(c.Interorganisational))
	row(analysis.CriterionInterprofessional, c.Interprofessional.Result, t.interprofessional(c.Interprofessional, th))
	row(analysis.CriterionPublicPrivate, c.PublicPrivate.Result, t.publicPrivate(c.PublicPrivate))
	row(analysis.CriterionSocietalChallenge, c.SocietalChallenge.Result, t.challenge(c.SocietalChallenge))
	row(analysis.CriterionLevelFit, c.LevelFit.Result, t.levelFit(c.LevelFit))
	tab.write(ew)
	if u.Suggestion != nil {
		ew.printf("  %s %s\n", t.suggestion, t.suggest(c.LevelFit, u.Suggestion.Level, th))
	}
}

func (t *checkWords) finding(f analysis.Finding) string {
	switch f {
	case analysis.FindingTrue:
		return t.yes
	case analysis.FindingFalse:
		return t.no
	}
	return t.unknown
}

// list joins up to checkMaxNames items and says how many more there are.
func (t *checkWords) list(items []string) string {
	if len(items) == 0 {
		return t.none
	}
	if len(items) <= checkMaxNames {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:checkMaxNames], ", ") + ", " + fmt.Sprintf(t.andMore, len(items)-checkMaxNames)
}

func checkPartnerNames(ps []analysis.CheckPartner) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func (t *checkWords) interorganisational(c analysis.Interorganisational) string {
	if c.Organisations == 0 {
		return t.noMembers
	}
	return fmt.Sprintf(t.orgs, c.Organisations, t.list(checkPartnerNames(c.Partners)))
}

func (t *checkWords) partners(n int) string {
	if n == 1 {
		return t.partnerOne
	}
	return fmt.Sprintf(t.partnerMany, n)
}

// interprofessional names the backgrounds counted, the basis each partner
// was judged on and, when it is not true, how many partners are known.
func (t *checkWords) interprofessional(c analysis.Interprofessional, th CheckThresholds) string {
	if len(c.Partners) == 0 {
		return t.noMembers
	}
	var parts []string
	if len(c.Backgrounds) > 0 {
		names := make([]string, len(c.Backgrounds))
		for i, b := range c.Backgrounds {
			name := b.Name
			if b.Basis == analysis.BasisHelix {
				name = t.helices[graph.Helix(b.Name)]
			}
			names[i] = fmt.Sprintf("%s (%s, %s)", name, t.basisName(b.Basis), t.partners(b.Partners))
		}
		parts = append(parts, fmt.Sprintf(t.backgrounds, len(c.Backgrounds), t.list(names)))
	} else {
		parts = append(parts, t.noBackground)
	}
	var by []string
	for _, x := range []struct {
		basis string
		n     int
	}{
		{analysis.BasisDiscipline, c.Bases.Discipline}, {analysis.BasisKind, c.Bases.Kind},
		{analysis.BasisHelix, c.Bases.Helix}, {analysis.BasisUnknown, c.Bases.Unknown},
	} {
		if x.n > 0 {
			by = append(by, fmt.Sprintf("%s %d", t.bases[x.basis], x.n))
		}
	}
	parts = append(parts, fmt.Sprintf(t.byPartner, strings.Join(by, ", ")))
	if c.HelixRepresented > 0 {
		parts = append(parts, fmt.Sprintf(t.representedHelix, c.HelixRepresented))
	}
	share := float64(c.KnownShare)
	switch {
	case c.Result == analysis.FindingTrue:
	case share < th.MinKnownShare:
		parts = append(parts, fmt.Sprintf(t.knownBelow, c.KnownPartners, len(c.Partners), checkPercent(share), checkPercent(th.MinKnownShare)))
	default:
		parts = append(parts, fmt.Sprintf(t.known, c.KnownPartners, len(c.Partners), checkPercent(share)))
	}
	if c.PeopleWithoutDiscipline > 0 {
		parts = append(parts, fmt.Sprintf(t.withoutDiscipline, c.PeopleWithoutDiscipline))
	}
	return strings.Join(parts, "; ")
}

// basisName is the short name of a basis in a list of backgrounds.
func (t *checkWords) basisName(basis string) string {
	switch basis {
	case analysis.BasisDiscipline:
		return t.discipline
	case analysis.BasisKind:
		return t.kind
	}
	return t.helixType
}

func (t *checkWords) publicPrivate(c analysis.PublicPrivate) string {
	if c.Public+c.Private+c.Nonprofit+c.UnknownSector == 0 {
		return t.noMembers
	}
	parts := []string{fmt.Sprintf(t.sectors, c.Public, c.Private, c.Nonprofit)}
	if c.UnknownSector > 0 {
		parts[0] += ", " + fmt.Sprintf(t.unknownSector, c.UnknownSector)
	}
	if len(c.KnowledgeInstitutions) > 0 {
		parts = append(parts, fmt.Sprintf(t.knowledge, t.list(checkPartnerNames(c.KnowledgeInstitutions))))
	} else {
		parts = append(parts, t.noKnowledge)
	}
	if c.UnknownHelix > 0 {
		parts = append(parts, fmt.Sprintf(t.unknownHelix, c.UnknownHelix))
	}
	return strings.Join(parts, "; ")
}

func (t *checkWords) challenge(c analysis.SocietalChallenge) string {
	switch c.Source {
	case "own":
		return fmt.Sprintf(t.own, c.Challenge)
	case "inherited":
		return fmt.Sprintf(t.inherited, c.Challenge, c.From)
	}
	return t.noChallenge
}

func (t *checkWords) stableText(f analysis.LevelFit) string {
	if f.Memberships == 0 {
		return t.noMemberships
	}
	return fmt.Sprintf(t.stable, f.StableMemberships, f.Memberships, checkPercent(float64(f.StableShare)))
}

func (t *checkWords) levelFit(f analysis.LevelFit) string {
	var parts []string
	switch f.Declared {
	case graph.LevelTeam:
		if f.FixedTerm {
			parts = append(parts, fmt.Sprintf(t.fixedTerm, f.Since, f.Until))
		} else {
			parts = append(parts, t.noFixedTerm)
		}
		parts = append(parts, t.stableText(f))
	case graph.LevelFieldlab:
		parts = append(parts, t.stableText(f), fmt.Sprintf(t.beneath, f.ChildUnits))
	case graph.LevelEcosystem:
		names := make([]string, len(f.HelixTypes))
		for i, h := range f.HelixTypes {
			names[i] = t.helices[h]
		}
		ht := fmt.Sprintf(t.helixTypes, len(f.HelixTypes), t.list(names))
		if f.UnknownHelix > 0 {
			ht += ", " + fmt.Sprintf(t.unknownHelix, f.UnknownHelix)
		}
		parts = append(parts, ht, fmt.Sprintf(t.beneath, f.ChildUnits))
	}
	return strings.Join(parts, "; ")
}

// suggest says why level l fits f better than its declared level (compare
// the English reason of analysis.LevelSuggestion, written in JSON).
func (t *checkWords) suggest(f analysis.LevelFit, l graph.Level, th CheckThresholds) string {
	var why string
	switch l {
	case graph.LevelTeam:
		why = fmt.Sprintf(t.sugTeam, f.StableMemberships, f.Memberships, f.Since, f.Until)
	case graph.LevelFieldlab:
		var parts []string
		if f.StableComposition == analysis.FindingFalse {
			parts = append(parts, fmt.Sprintf(t.sugChanging, f.StableMemberships, f.Memberships))
		}
		if f.ChildUnits >= th.FieldlabMinChildUnits {
			parts = append(parts, fmt.Sprintf(t.sugBeneath, f.ChildUnits))
		}
		why = strings.Join(parts, t.and)
	case graph.LevelEcosystem:
		why = fmt.Sprintf(t.sugEcosystem, len(f.HelixTypes), f.ChildUnits)
	}
	return fmt.Sprintf(t.sugFits, why, t.levels[l], t.levels[f.Declared])
}

// checkPercent formats a share as a whole percentage, or "-" when undefined.
func checkPercent(share float64) string {
	if share != share {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*share)
}
