package report

// methods is the methods appendix of the full report: each metric the
// report shows, how ecoscope computes it and its reference, and the
// heading of the document in docs/ that defines it (a test checks that
// every heading is there, so that the appendix and the docs cannot drift
// apart).
var methods = []struct {
	Method
	nlMetric, nlConvention string
}{
	{Method{Metric: "Helix coverage", Doc: "report.md", Heading: "Helix coverage",
		Convention: "The classes quintuple, quadruple, triple, partial and none by the known helix types that take part; a unit counts the partners of the units below it.",
		Reference:  "Carayannis and Campbell (2009, 2010), the quadruple and quintuple helix"},
		"Helixdekking", "De klassen quintuple, quadruple, triple, gedeeltelijk en geen naar de bekende helixtypen die meedoen; een eenheid telt de partners van de eenheden eronder mee."},
	{Method{Metric: "Helix integration", Doc: "metrics.md", Heading: "Helix integration",
		Convention: "The largest class whose helix types are tied pairwise by at least one tie; ties within a type or with an unknown type do not count.",
		Reference:  "ecoscope"},
		"Helixintegratie", "De grootste klasse waarvan elk paar helixtypen door minstens één relatie verbonden is; relaties binnen een type of met een onbekend type tellen niet."},
	{Method{Metric: "Partner network", Doc: "metrics.md", Heading: "The partner network",
		Convention: "Undirected and weighted: explicit ties and co-membership of working units (not the ecosystem level, not units above the size limit); parallel ties add their weights.",
		Reference:  "Wasserman and Faust (1994), doi:10.1017/CBO9780511815478"},
		"Partnernetwerk", "Ongericht en gewogen: expliciete relaties en gedeeld lidmaatschap van werkende eenheden (niet het ecosysteemniveau, niet eenheden boven de maximale omvang); parallelle relaties tellen hun gewichten op."},
	{Method{Metric: "Helix mixing matrix and assortativity", Doc: "metrics.md", Heading: "Helix mixing matrix and assortativity",
		Convention: "Tie counts between each pair of helix types, each tie once; assortativity is Newman's r over the mixing matrix.",
		Reference:  "Newman (2003), doi:10.1103/PhysRevE.67.026126"},
		"Mengmatrix en assortativiteit", "Aantal relaties tussen elk paar helixtypen, elke relatie één keer; assortativiteit is Newmans r over de mengmatrix."},
	{Method{Metric: "E-I index", Doc: "metrics.md", Heading: "E-I index",
		Convention: "(E − I)/(E + I) over ties between known types; rescaled for group sizes; a permutation test of the helix labels for p.",
		Reference:  "Krackhardt and Stern (1988), doi:10.2307/2786835"},
		"E-I-index", "(E − I)/(E + I) over relaties tussen bekende typen; gecorrigeerd voor de groepsgrootten; een permutatietoets van de helixlabels voor p."},
	{Method{Metric: "Diversity (Blau, Shannon)", Doc: "metrics.md", Heading: "Diversity of helix types",
		Convention: "Blau 1 − Σ p²; Shannon entropy −Σ p ln p and Pielou's evenness over the known helix types.",
		Reference:  "Blau (1977); Pielou (1966), doi:10.1016/0022-5193(66)90013-0"},
		"Diversiteit (Blau, Shannon)", "Blau 1 − Σ p²; Shannon-entropie −Σ p ln p en Pielou's gelijkmatigheid over de bekende helixtypen."},
	{Method{Metric: "Betweenness", Doc: "metrics.md", Heading: "Betweenness centrality",
		Convention: "Shortest paths counted in hops, normalised by (n−1)(n−2)/2; exact (Brandes) or, on large networks, estimated by sampling within ±ε with probability 1 − δ.",
		Reference:  "Brandes (2001), doi:10.1080/0022250X.2001.9990249; Riondato and Kornaropoulos (2016), doi:10.1007/s10618-015-0423-0"},
		"Tussenliggendheid (betweenness)", "Kortste paden in stappen, genormaliseerd met (n−1)(n−2)/2; exact (Brandes) of, bij grote netwerken, geschat met een steekproef binnen ±ε met kans 1 − δ."},
	{Method{Metric: "Degree", Doc: "metrics.md", Heading: "Degree and strength",
		Convention: "The number of partners a partner is tied to; strength sums the tie weights.",
		Reference:  "Wasserman and Faust (1994)"},
		"Graad", "Het aantal partners waarmee een partner verbonden is; sterkte telt de gewichten op."},
	{Method{Metric: "Brokerage roles", Doc: "metrics.md", Heading: "Brokerage roles (Gould and Fernandez)",
		Convention: "Open two-paths a → b → c with a and c not tied, classified by the helix types of a, b and c.",
		Reference:  "Gould and Fernandez (1989), doi:10.2307/270949"},
		"Makelaarsrollen", "Open tweepaden a → b → c waarbij a en c niet verbonden zijn, ingedeeld naar de helixtypen van a, b en c."},
	{Method{Metric: "Communities and modularity", Doc: "metrics.md", Heading: "Communities and modularity",
		Convention: "Louvain with the Leiden refinement on the weighted network, reproducible from the seed; modularity Q.",
		Reference:  "Blondel et al. (2008), doi:10.1088/1742-5468/2008/10/P10008; Traag et al. (2019), doi:10.1038/s41598-019-41695-z"},
		"Gemeenschappen en modulariteit", "Louvain met de Leiden-verfijning op het gewogen netwerk, reproduceerbaar met de seed; modulariteit Q."},
	{Method{Metric: "Gaps, cuts and candidates", Doc: "gaps.md", Heading: "Definitions",
		Convention: "Missing and under-represented types against the target; articulation points and bridges; candidates ranked by Adamic-Adar proximity to the unit, then distance.",
		Reference:  "Hopcroft and Tarjan (1973), doi:10.1145/362248.362272; Adamic and Adar (2003), doi:10.1016/S0378-8733(03)00009-1"},
		"Lacunes, knippunten en kandidaten", "Ontbrekende en ondervertegenwoordigde typen tegenover het doel; knippunten en bruggen; kandidaten gerangschikt naar Adamic-Adar-nabijheid tot de eenheid, dan afstand."},
	{Method{Metric: "Learning-community check", Doc: "check.md", Heading: "The criteria",
		Convention: "Interorganisational, interprofessional, public-private and a societal challenge; a plc or cop is not a Learning Community on its own; level fit is advice.",
		Reference:  "Endedijk et al., Is dit een Learning Community? (multi-level framework)"},
		"Toets Learning Community", "Interorganisationeel, interprofessioneel, publiek-privaat en een maatschappelijk vraagstuk; een plc of cop is op zichzelf geen Learning Community; passen bij het niveau is een advies."},
	{Method{Metric: "Growth", Doc: "growth.md", Heading: "Snapshots",
		Convention: "One snapshot a year: the records active at any time in that year; new and left partners and ties since the year before.",
		Reference:  "ecoscope"},
		"Groei", "Eén momentopname per jaar: de records die ergens in dat jaar actief waren; nieuwe en vertrokken partners en relaties sinds het jaar ervoor."},
	{Method{Metric: "Value creation", Doc: "values.md", Heading: "The tables",
		Convention: "Value records per cycle (expected, immediate, potential, applied, realized, transformative) and outcome level (micro, meso, macro).",
		Reference:  "Wenger, Trayner and de Laat (2011); Dingyloudi and Strijbos (2015)"},
		"Waardecreatie", "Waarderecords per cyclus (verwachte, onmiddellijke, potentiële, toegepaste, gerealiseerde, transformatieve waarde) en uitkomstniveau (micro, meso, macro)."},
}

// Methods returns the methods appendix: every metric of the full report.
func Methods() []Method {
	out := make([]Method, len(methods))
	for i, m := range methods {
		out[i] = m.Method
	}
	return out
}

// methodsNL returns the Dutch names and conventions of the appendix.
func methodsNL() (names, conventions map[string]string) {
	names, conventions = map[string]string{}, map[string]string{}
	for _, m := range methods {
		names[m.Metric], conventions[m.Metric] = m.nlMetric, m.nlConvention
	}
	return names, conventions
}
