package report

import (
	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// DocWords are the fixed words of the full report in one language: the
// section titles, the labels of tables and the framework's terms. The
// text, Markdown and HTML writers take every word they print from here,
// so that a report in Dutch (--lang nl) has no English label left; the
// terms are those of the check (checkText) and of the seeds of the
// framework (ecosysteem, fieldlab, innovatieteam, waardecreatie ...).
type DocWords struct {
	// Titles are the section titles by section id (SectionSummary ...).
	Titles map[string]string

	Title, Source, Snapshot, Cumulative, Unit, UnitCol, UnitBelow, TiesLabel string
	TiesAll, TiesExplicit, TiesUnits                                         string
	Headline                                                                 string // partners, ties, units, people, memberships, values
	NoPartners, NoPartnersAt                                                 string
	CoverageLine, IntegrationLine, FindingsTitle, See, UnitsNotListed        string

	// Table headers and labels.
	HelixType, Sector, Kind, Partners, Share, Ties, Units, Level, Form  string
	Size, Coverage, Target, Lacks, Total, BelowTarget, Rank, Partner    string
	Degree, Betweenness, Community, LargestUnit, UnitShare, Role, Count string
	Date, New, Left, Density, Components, EI, Verdict, DecidedBy        string
	Cycle, Records, Metric, Convention, Reference, Candidates, Missing  string
	Present, Underrepresented, CutsOff, Separated, Brokers, Aligned     string
	None, Unknown, Yes, No, AndMore                                     string

	// Sentences.
	MixingIntro, EIText, DiversityText, ApproxNote, ExactNote, AutoApproxNote   string
	CommunitiesText, BrokersText, RoleText, GapsIntro, NoGaps, CheckText        string
	GrowthIntro, NoGrowth, ValuesIntro, NoValues, DrawingFull, DrawingOverview  string
	MethodsIntro, EmptyUnits, MoreUnits, UnitsTableTitle, UnitsListTitle        string
	CandidateLine, NoCandidates, PairsNeverTied, ArticulationLine               string
	DrawingNamed, Blau, LargestShare, Index, EIIndex, NewPartners, LeftPartners string

	// The HTML page's own words: the table of contents, the summary of
	// the data table under a chart, the footer.
	Contents, ChartData, MadeWith string

	// ChartTitles are the captions of the charts by chart name.
	ChartTitles map[string]string

	Helices     map[graph.Helix]string
	Levels      map[graph.Level]string
	Forms       map[graph.Form]string
	Sectors     map[graph.Sector]string
	Classes     map[graph.CoverageClass]string
	Cycles      map[graph.Cycle]string
	Outcomes    map[string]string
	Roles       map[string]string
	Verdicts    map[analysis.Verdict]string
	Criteria    map[string]string
	Metrics     map[string]string // methods appendix: metric name by Method.Metric
	Conventions map[string]string // methods appendix: convention by Method.Metric (nl only; en is Method.Convention)
}

// Words returns the words of the full report in lang (English for an
// unknown language).
func Words(lang Lang) *DocWords { return docText(lang) }

func docText(lang Lang) *DocWords {
	if w, ok := docWords[lang]; ok {
		return w
	}
	return docWords[CheckEnglish]
}

func (w *DocWords) helix(h graph.Helix) string {
	if s, ok := w.Helices[h]; ok {
		return s
	}
	return string(h)
}

func (w *DocWords) level(l graph.Level) string {
	if s, ok := w.Levels[l]; ok {
		return s
	}
	return string(l)
}

func (w *DocWords) form(f graph.Form) string {
	if s, ok := w.Forms[f]; ok {
		return s
	}
	return string(f)
}

func (w *DocWords) class(c graph.CoverageClass) string {
	if s, ok := w.Classes[c]; ok {
		return s
	}
	return string(c)
}

func (w *DocWords) sector(s graph.Sector) string {
	if x, ok := w.Sectors[s]; ok {
		return x
	}
	return string(s)
}

var docWords = map[CheckLang]*DocWords{
	CheckEnglish: {
		Titles: map[string]string{
			SectionSummary: "Summary", SectionComposition: "Composition", SectionMixing: "Helix mixing and E-I index",
			SectionDiversity: "Diversity", SectionCentral: "Most central partners", SectionBrokers: "Brokers between helix types",
			SectionCommunities: "Communities and units", SectionUnits: "Units and their coverage", SectionGaps: "Gaps and candidates",
			SectionCheck: "Is this a Learning Community?", SectionGrowth: "Growth over time", SectionValues: "Value creation",
			SectionNetwork: "The network", SectionMethods: "Methods",
		},
		Title: "Ecosystem report", Source: "Source", Snapshot: "Snapshot", Cumulative: "cumulative (every record, whatever its dates)",
		Unit: "Unit", UnitCol: "unit", UnitBelow: "%s and the units below it", TiesLabel: "Ties",
		TiesAll: "explicit ties and shared units", TiesExplicit: "explicit ties only", TiesUnits: "partners joined by the units they share",
		Headline:        "%d partners, %d ties between partners, %d units, %d people, %d memberships, %d value records.",
		CoverageLine:    "Helix coverage: %s (%s). Integration: %s (the helix types that are tied to each other).",
		IntegrationLine: "", FindingsTitle: "Findings", See: "see",
		HelixType: "helix type", Sector: "sector", Kind: "kind", Partners: "partners", Share: "share", Ties: "ties",
		Units: "units", Level: "level", Form: "form", Size: "size", Coverage: "coverage", Target: "target", Lacks: "lacks",
		Total: "total", BelowTarget: "below target", Rank: "#", Partner: "partner", Degree: "degree", Betweenness: "betweenness",
		Community: "community", LargestUnit: "largest unit", UnitShare: "unit share", Role: "role", Count: "two-paths",
		Date: "date", New: "new", Left: "left", Density: "density", Components: "components", EI: "E-I",
		Verdict: "verdict", DecidedBy: "decided by", Cycle: "cycle", Records: "records", Metric: "metric",
		Convention: "convention", Reference: "reference", Candidates: "candidates", Missing: "missing",
		Present: "present", Underrepresented: "under-represented", CutsOff: "cuts off", Separated: "separated",
		Brokers: "brokers", Aligned: "aligned", None: "none", Unknown: "unknown", Yes: "yes", No: "no", AndMore: "and %d more",
		MixingIntro:      "Ties between partners of each pair of helix types (each tie once).",
		EIText:           "E-I index %s (−1: every tie within a type; +1: every tie across types); rescaled for the group sizes %s; permutation test p = %s (%d permutations). Helix assortativity %s. Share of ties between a public and a private partner: %s.",
		DiversityText:    "Blau index %s (the chance that two partners drawn at random differ in helix type); Shannon entropy %s, evenness %s.",
		ExactNote:        "Betweenness is exact.",
		ApproxNote:       "Betweenness is estimated by sampling: within ±%g of the exact value with probability %g (%d sampled paths).",
		AutoApproxNote:   "The network has more than %d partners, so the report estimates betweenness (--exact computes it exactly, which takes much longer).",
		CommunitiesText:  "%d communities (Louvain, modularity %s). For each of the largest, the unit below the ecosystem that holds most of its partners: %d of %d communities lie for more than half in one unit.",
		BrokersText:      "Gould-Fernandez brokerage: the partners that stand between two partners who are not tied, by the helix types of the three. Liaison: all three of different types; gatekeeper and representative: the broker guards or represents its own type towards another; itinerant: links two partners of one type from outside it; coordinator: all three of one type.",
		RoleText:         "%s (%d partners in this role)",
		GapsIntro:        "The types each unit lacks against its target (%s) and the partners outside it that could fill the gap, those closest to the unit first (%d per type).",
		NoGaps:           "Every unit meets its target.",
		CheckText:        "%d units: %d Learning Communities, %d not a Learning Community on their own, %d with insufficient data.",
		GrowthIntro:      "One row per year: the partners and ties active in that year.",
		NoGrowth:         "The data has no dates: no growth over time.",
		ValuesIntro:      "%d value records (value creation framework, Wenger, Trayner and de Laat), per cycle and outcome level.",
		NoValues:         "No value records.",
		DrawingFull:      "All %d partners and %d ties, coloured by helix type, sized by betweenness.",
		DrawingOverview:  "An overview: the %d partners with the most ties (of %d) and the %d ties among them, coloured by helix type, sized by betweenness.",
		MethodsIntro:     "Every metric of this report, how ecoscope computes it and where it comes from; docs/metrics.md defines each.",
		EmptyUnits:       "The data set has no units.",
		MoreUnits:        "... and %d more units; --units all lists every one",
		UnitsNotListed:   "%d units not listed; --units all lists every one.",
		NoPartners:       "The data set has no partners.",
		NoPartnersAt:     "No partners are active at %s.",
		UnitsTableTitle:  "Units per level and helix coverage (a unit counts the partners of the units below it too)",
		UnitsListTitle:   "Units, furthest below their target first (%d of %d)",
		CandidateLine:    "%s: %s",
		NoCandidates:     "no candidates",
		PairsNeverTied:   "Helix types that take part but never tie: %s.",
		ArticulationLine: "Partners whose departure would cut a helix type off: %s.",
		DrawingNamed:     "The partners named in the drawing (highest betweenness)",
		Blau:             "Blau index", LargestShare: "largest component share", Index: "index", EIIndex: "E-I index",
		NewPartners: "new partners", LeftPartners: "partners who left",
		Contents: "Contents", ChartData: "Data behind the chart", MadeWith: "Made with ecoscope.",
		ChartTitles: map[string]string{
			ChartHelix: "Partners per helix type", ChartMixing: "Ties between helix types",
			ChartGrowth: "Partners per year: total, new and left", ChartGrowthMix: "Mixing and cohesion per year",
			ChartValues: "Value records per cycle and outcome level", ChartNetwork: "The network by helix type, sized by betweenness",
		},
		Helices: map[graph.Helix]string{
			graph.Academia: "academia", graph.Industry: "industry", graph.Government: "government",
			graph.CivilSociety: "civil society", graph.Environment: "environment", graph.HelixUnknown: "unknown",
		},
		Sectors: map[graph.Sector]string{graph.Public: "public", graph.Private: "private", graph.Nonprofit: "nonprofit", graph.SectorUnknown: "unknown"},
		Classes: map[graph.CoverageClass]string{
			graph.Quintuple: "quintuple", graph.Quadruple: "quadruple", graph.Triple: "triple",
			graph.Partial: "partial", graph.None: "none",
		},
		Cycles: map[graph.Cycle]string{
			graph.CycleExpected: "expected value", graph.CycleImmediate: "immediate value", graph.CyclePotential: "potential value",
			graph.CycleApplied: "applied value", graph.CycleRealized: "realized value", graph.CycleTransformative: "transformative value",
		},
		Outcomes: map[string]string{string(graph.Micro): "micro", string(graph.Meso): "meso", string(graph.Macro): "macro", analysis.ValueUnspecified: "unspecified"},
		Roles: map[string]string{
			RoleCoordinator: "coordinator", RoleItinerant: "itinerant", RoleGatekeeper: "gatekeeper",
			RoleRepresentative: "representative", RoleLiaison: "liaison",
		},
	},
	CheckDutch: {
		Titles: map[string]string{
			SectionSummary: "Samenvatting", SectionComposition: "Samenstelling", SectionMixing: "Menging van helixtypen en E-I-index",
			SectionDiversity: "Diversiteit", SectionCentral: "Meest centrale partners", SectionBrokers: "Makelaars tussen helixtypen",
			SectionCommunities: "Gemeenschappen en eenheden", SectionUnits: "Eenheden en hun dekking", SectionGaps: "Lacunes en kandidaten",
			SectionCheck: "Is dit een Learning Community?", SectionGrowth: "Groei door de tijd", SectionValues: "Waardecreatie",
			SectionNetwork: "Het netwerk", SectionMethods: "Methoden",
		},
		Title: "Rapport van het ecosysteem", Source: "Bron", Snapshot: "Peildatum", Cumulative: "alles (elk record, ongeacht de datums)",
		Unit: "Eenheid", UnitCol: "eenheid", UnitBelow: "%s en de eenheden eronder", TiesLabel: "Relaties",
		TiesAll: "expliciete relaties en gedeelde eenheden", TiesExplicit: "alleen expliciete relaties", TiesUnits: "partners verbonden door de eenheden die ze delen",
		Headline:      "%d partners, %d relaties tussen partners, %d eenheden, %d personen, %d lidmaatschappen, %d waarderecords.",
		CoverageLine:  "Helixdekking: %s (%s). Integratie: %s (de helixtypen die met elkaar verbonden zijn).",
		FindingsTitle: "Bevindingen", See: "zie",
		HelixType: "helixtype", Sector: "sector", Kind: "soort", Partners: "partners", Share: "aandeel", Ties: "relaties",
		Units: "eenheden", Level: "niveau", Form: "vorm", Size: "omvang", Coverage: "dekking", Target: "doel", Lacks: "mist",
		Total: "totaal", BelowTarget: "onder het doel", Rank: "#", Partner: "partner", Degree: "graad", Betweenness: "tussenliggendheid",
		Community: "gemeenschap", LargestUnit: "grootste eenheid", UnitShare: "aandeel eenheid", Role: "rol", Count: "tweepaden",
		Date: "datum", New: "nieuw", Left: "vertrokken", Density: "dichtheid", Components: "componenten", EI: "E-I",
		Verdict: "oordeel", DecidedBy: "bepaald door", Cycle: "cyclus", Records: "records", Metric: "maat",
		Convention: "afspraak", Reference: "bron", Candidates: "kandidaten", Missing: "ontbreekt",
		Present: "aanwezig", Underrepresented: "ondervertegenwoordigd", CutsOff: "snijdt af", Separated: "losgeraakt",
		Brokers: "makelaars", Aligned: "samenvallend", None: "geen", Unknown: "onbekend", Yes: "ja", No: "nee", AndMore: "en nog %d",
		MixingIntro:      "Relaties tussen partners van elk paar helixtypen (elke relatie één keer).",
		EIText:           "E-I-index %s (−1: elke relatie binnen een type; +1: elke relatie tussen typen); gecorrigeerd voor de groepsgrootten %s; permutatietoets p = %s (%d permutaties). Assortativiteit naar helixtype %s. Aandeel relaties tussen een publieke en een private partner: %s.",
		DiversityText:    "Blau-index %s (de kans dat twee willekeurige partners van helixtype verschillen); Shannon-entropie %s, gelijkmatigheid %s.",
		ExactNote:        "De tussenliggendheid is exact berekend.",
		ApproxNote:       "De tussenliggendheid is geschat met een steekproef: binnen ±%g van de exacte waarde met kans %g (%d paden getrokken).",
		AutoApproxNote:   "Het netwerk heeft meer dan %d partners; daarom schat het rapport de tussenliggendheid (--exact berekent haar exact, wat veel langer duurt).",
		CommunitiesText:  "%d gemeenschappen (Louvain, modulariteit %s). Voor elk van de grootste: de eenheid onder het ecosysteem met de meeste van haar partners; %d van %d gemeenschappen liggen voor meer dan de helft in één eenheid.",
		BrokersText:      "Makelaarsrollen volgens Gould en Fernandez: partners die tussen twee niet verbonden partners staan, naar de helixtypen van de drie. Verbinder (liaison): alle drie van een ander type; poortwachter en vertegenwoordiger: de makelaar bewaakt of vertegenwoordigt zijn eigen type tegenover een ander; reiziger (itinerant): verbindt twee partners van één type van buitenaf; coördinator: alle drie van één type.",
		RoleText:         "%s (%d partners in deze rol)",
		GapsIntro:        "De typen die elke eenheid mist tegenover haar doel (%s) en de partners erbuiten die de lacune kunnen vullen, de dichtstbijzijnde eerst (%d per type).",
		NoGaps:           "Elke eenheid haalt haar doel.",
		CheckText:        "%d eenheden: %d Learning Communities, %d op zichzelf geen Learning Community, %d met onvoldoende gegevens.",
		GrowthIntro:      "Eén rij per jaar: de partners en relaties die dat jaar actief waren.",
		NoGrowth:         "De gegevens hebben geen datums: geen groei door de tijd.",
		ValuesIntro:      "%d waarderecords (raamwerk van waardecreatie, Wenger, Trayner en de Laat), per cyclus en uitkomstniveau.",
		NoValues:         "Geen waarderecords.",
		DrawingFull:      "Alle %d partners en %d relaties, gekleurd naar helixtype, grootte naar tussenliggendheid.",
		DrawingOverview:  "Een overzicht: de %d partners met de meeste relaties (van %d) en de %d relaties tussen hen, gekleurd naar helixtype, grootte naar tussenliggendheid.",
		MethodsIntro:     "Elke maat in dit rapport, hoe ecoscope haar berekent en waar ze vandaan komt; docs/metrics.md definieert ze.",
		EmptyUnits:       "De gegevens bevatten geen eenheden.",
		MoreUnits:        "... en nog %d eenheden; --units all toont ze allemaal",
		UnitsNotListed:   "%d eenheden niet getoond; --units all toont ze allemaal.",
		NoPartners:       "De gegevens bevatten geen partners.",
		NoPartnersAt:     "Op %s zijn geen partners actief.",
		UnitsTableTitle:  "Eenheden per niveau en helixdekking (een eenheid telt ook de partners van de eenheden eronder)",
		UnitsListTitle:   "Eenheden, verst onder hun doel eerst (%d van %d)",
		CandidateLine:    "%s: %s",
		NoCandidates:     "geen kandidaten",
		PairsNeverTied:   "Helixtypen die meedoen maar nooit een relatie hebben: %s.",
		ArticulationLine: "Partners wier vertrek een helixtype zou afsnijden: %s.",
		DrawingNamed:     "De partners met naam in de tekening (hoogste tussenliggendheid)",
		Blau:             "Blau-index", LargestShare: "aandeel grootste component", Index: "index", EIIndex: "E-I-index",
		NewPartners: "nieuwe partners", LeftPartners: "vertrokken partners",
		Contents: "Inhoud", ChartData: "Gegevens bij de grafiek", MadeWith: "Gemaakt met ecoscope.",
		ChartTitles: map[string]string{
			ChartHelix: "Partners per helixtype", ChartMixing: "Relaties tussen helixtypen",
			ChartGrowth: "Partners per jaar: totaal, nieuw en vertrokken", ChartGrowthMix: "Menging en samenhang per jaar",
			ChartValues: "Waarderecords per cyclus en uitkomstniveau", ChartNetwork: "Het netwerk naar helixtype, grootte naar tussenliggendheid",
		},
		Helices: map[graph.Helix]string{
			graph.Academia: "kennisinstellingen", graph.Industry: "bedrijfsleven", graph.Government: "overheid",
			graph.CivilSociety: "maatschappelijke organisaties en burgers", graph.Environment: "natuur en milieu", graph.HelixUnknown: "onbekend",
		},
		Sectors: map[graph.Sector]string{graph.Public: "publiek", graph.Private: "privaat", graph.Nonprofit: "non-profit", graph.SectorUnknown: "onbekend"},
		Classes: map[graph.CoverageClass]string{
			graph.Quintuple: "quintuple", graph.Quadruple: "quadruple", graph.Triple: "triple",
			graph.Partial: "gedeeltelijk", graph.None: "geen",
		},
		Cycles: map[graph.Cycle]string{
			graph.CycleExpected: "verwachte waarde", graph.CycleImmediate: "onmiddellijke waarde", graph.CyclePotential: "potentiële waarde",
			graph.CycleApplied: "toegepaste waarde", graph.CycleRealized: "gerealiseerde waarde", graph.CycleTransformative: "transformatieve waarde",
		},
		Outcomes: map[string]string{string(graph.Micro): "micro", string(graph.Meso): "meso", string(graph.Macro): "macro", analysis.ValueUnspecified: "niet opgegeven"},
		Roles: map[string]string{
			RoleCoordinator: "coördinator", RoleItinerant: "reiziger", RoleGatekeeper: "poortwachter",
			RoleRepresentative: "vertegenwoordiger", RoleLiaison: "verbinder",
		},
	},
}

func init() {
	for lang, w := range docWords {
		c := checkText[lang]
		w.Levels, w.Forms, w.Verdicts, w.Criteria = c.levels, c.forms, c.verdicts, c.criteria
		if lang == CheckDutch {
			w.Metrics, w.Conventions = methodsNL()
		}
	}
}
