package generate

import "github.com/ecoscope/ecoscope/graph"

// The vocabularies the generator draws from. Every table is a fixed list, so
// a seed gives the same ecosystem in every build.

// helixMix is the share of partners of each helix type, in the order of
// graph.Helices: industry dominates, civil society and the natural
// environment are under-represented, as in most Learning Communities.
var helixMix = [5]float64{0.15, 0.45, 0.15, 0.17, 0.08}

// kind is a kind of partner of one helix type: its share within the helix
// type, the sector when it differs from the helix default, and how its name
// is made.
type kind struct {
	name   string
	weight int
	sector graph.Sector // "" for graph.DefaultSector of the helix type
	// name pattern: prefix + (place | region | family | topic | coined) + suffix
	prefix, suffix string
	base           nameBase
}

type nameBase uint8

const (
	basePlace nameBase = iota
	baseRegion
	baseFamily
	baseTopic
	baseCoined
)

// kinds lists the kinds of partner per helix type, in the order of graph.Helices.
var kinds = [5][]kind{
	{ // academia
		{name: "university", weight: 12, prefix: "University of ", base: basePlace},
		{name: "university_of_applied_sciences", weight: 25, suffix: " University of Applied Sciences", base: basePlace},
		{name: "vocational_college", weight: 30, suffix: " Vocational College", base: basePlace},
		{name: "research_institute", weight: 20, prefix: "Institute for ", base: baseTopic},
		{name: "research_institute", weight: 13, sector: graph.Nonprofit, prefix: "Foundation for Applied Research in ", base: baseTopic},
	},
	{ // industry
		{name: "sme", weight: 52, suffix: " & Partners", base: baseFamily},
		{name: "large_company", weight: 12, suffix: " Group", base: baseFamily},
		{name: "startup", weight: 22, base: baseCoined},
		{name: "utility", weight: 5, sector: graph.Public, suffix: " Energy Network", base: baseRegion},
		{name: "social_enterprise", weight: 9, sector: graph.Nonprofit, suffix: " Social Works", base: basePlace},
	},
	{ // government
		{name: "municipality", weight: 62, prefix: "Municipality of ", base: basePlace},
		{name: "province", weight: 8, prefix: "Province of ", base: baseRegion},
		{name: "water_board", weight: 10, prefix: "Water Board ", base: basePlace},
		{name: "national_agency", weight: 12, prefix: "National Agency for ", base: baseTopic},
		{name: "regional_development_agency", weight: 8, suffix: " Development Agency", base: baseRegion},
	},
	{ // civil_society
		{name: "foundation", weight: 28, prefix: "Foundation ", base: basePlace},
		{name: "association", weight: 22, suffix: " Residents' Association", base: basePlace},
		{name: "citizens_initiative", weight: 20, prefix: "Citizens' Initiative ", base: basePlace},
		{name: "energy_cooperative", weight: 18, suffix: " Energy Cooperative", base: basePlace},
		{name: "housing_association", weight: 12, suffix: " Housing", base: basePlace},
	},
	{ // environment
		{name: "nature_organisation", weight: 50, suffix: " Nature Trust", base: basePlace},
		{name: "landscape_trust", weight: 25, suffix: " Landscape Trust", base: baseRegion},
		{name: "environmental_ngo", weight: 25, suffix: " Environmental Council", base: basePlace},
	},
}

// regions are the twelve Dutch provinces with a weight for how many partners
// are based there.
var regions = []region{
	{"Zuid-Holland", 16}, {"Noord-Holland", 15}, {"Noord-Brabant", 14}, {"Gelderland", 12},
	{"Utrecht", 10}, {"Overijssel", 8}, {"Limburg", 6}, {"Groningen", 5},
	{"Friesland", 4}, {"Drenthe", 3}, {"Flevoland", 4}, {"Zeeland", 3},
}

type region struct {
	name   string
	weight int
}

// Invented place names are a prefix and a suffix.
var (
	placePrefixes = []string{
		"Aal", "Bram", "Cor", "Dal", "Eem", "Gro", "Hal", "Ker", "Lin", "Mer", "Nor", "Oost",
		"Pel", "Ros", "Stad", "Ter", "Vel", "Wes", "Zand", "Berg", "Brook", "Els", "Hout", "Rijn",
	}
	placeSuffixes = []string{
		"dam", "burg", "dorp", "veen", "wijk", "hoven", "sloot", "kerk", "haven", "borg",
		"mond", "holt", "horst", "wold", "rade", "beek", "lo", "meer",
	}
	coinedHeads = []string{"Volt", "Aqua", "Sol", "Terra", "Grid", "Cir", "Flux", "Neo", "Verd", "Lum", "Kine", "Heli"}
	coinedTails = []string{"aro", "ix", "ora", "io", "ent", "ica", "ondo", "ux", "era", "ify"}
	coinedForms = []string{"", " Labs", " Technologies", " Systems"}
	families    = []string{
		"De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos",
		"Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf",
		"Van der Meer", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Berg", "Van Dijk", "Koster", "Prins", "Huisman",
	}
	givenNames = []string{
		"Anna", "Bram", "Charlotte", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Ibrahim", "Julia",
		"Koen", "Lotte", "Mohammed", "Noor", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Yara",
		"Wouter", "Iris", "Lucas", "Eva", "Sem", "Mila", "Tim", "Zoë", "Milan", "Femke",
	}
	topics = []string{
		"Energy Transition", "Circular Construction", "Water Management", "Smart Mobility", "Healthy Ageing",
		"Precision Farming", "Digital Skills", "Climate Adaptation", "Biodiversity", "Hydrogen",
		"Sustainable Food", "Smart Industry",
	}
	challenges = []string{
		"natural-gas-free neighbourhoods", "circular building materials", "drought and flooding",
		"zero-emission transport", "care at home with technology", "sustainable agriculture",
		"the digital transition of SMEs", "heat stress in cities", "nature-inclusive development",
		"green hydrogen in the regional industry", "short food chains", "skilled technicians for the energy transition",
	}
)

// disciplines and job roles of the people of a partner, per helix type.
var (
	disciplines = [5][]string{
		{"education science", "data science", "mechanical engineering", "ecology", "public administration", "social work", "civil engineering", "psychology"},
		{"mechanical engineering", "electrical engineering", "data science", "business studies", "civil engineering", "industrial design", "logistics"},
		{"public administration", "spatial planning", "law", "policy analysis", "civil engineering"},
		{"social work", "community development", "communication", "public administration"},
		{"ecology", "biology", "hydrology", "spatial planning"},
	}
	jobRoles = [5][]string{
		{"researcher", "lecturer", "professor", "teacher"},
		{"engineer", "project manager", "owner", "consultant"},
		{"policy advisor", "programme manager", "project leader"},
		{"volunteer", "coordinator", "chair"},
		{"ecologist", "project leader", "field officer"},
	}
)

// tieTypes are the kinds of tie; funding needs a government partner and
// supply an industry partner.
const (
	tieCollaboration uint8 = iota
	tieProject
	tieKnowledge
	tieFunding
	tieSupply
)

var tieTypeNames = [...]string{"collaboration", "project", "knowledge_exchange", "funding", "supply"}

// weightCDF gives tie weights 1 to 5, light ties the most common.
var weightCDF = [5]float64{0.35, 0.65, 0.83, 0.94, 1}

// unit vocabularies.
var (
	fieldlabForms = []graph.Form{graph.FormFieldlab, graph.FormLivingLab, graph.FormInnovationHub, graph.FormCentreOfExpertise}
	formTitles    = map[graph.Form]string{
		graph.FormFieldlab: "Fieldlab", graph.FormLivingLab: "Living Lab", graph.FormInnovationHub: "Innovation Hub",
		graph.FormCentreOfExpertise: "Centre of Expertise", graph.FormInnovationTeam: "Team",
		graph.FormGenerativeGroup: "Generative Group", graph.FormPLC: "PLC", graph.FormCoP: "CoP",
	}
	fieldlabCadences = []string{"monthly", "biweekly", "quarterly"}
	teamCadences     = []string{"weekly", "biweekly"}
)

// descriptions of value records per cycle, in the order of graph.Cycles.
var descriptions = [6][]string{
	{"expects to meet partners for a joint experiment", "expects to learn what other sectors need", "expects access to test facilities"},
	{"lively meeting with new contacts", "site visit gave practical insights", "workshop was inspiring"},
	{"", "", ""}, // potential: see capitalDescriptions
	{"applied a new method in daily work", "used a prototype from the lab in a pilot", "changed a course with material from the lab"},
	{"pilot reduced energy use", "two new products on the market", "more graduates found a regional job"},
	{"the region changed its policy on the challenge", "new way of working spread across the sector", "partners redefined what success means"},
}

// capitalDescriptions of potential value per capital, in the order of graph.Capitals.
var capitalDescriptions = [5]string{
	"new skills and knowledge", "a wider network of trusted contacts", "a shared toolkit and data set",
	"more visibility as an innovative partner", "a better sense of how to learn together",
}
