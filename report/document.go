package report

import (
	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// Document is the full report of an ecosystem (ecoscope report): the
// composition report (Report, whose JSON keys stay as they were) and every
// section built on it, each from the analysis that computes it. The
// writers (text, Markdown, JSON, HTML) all write a Document; none of them
// computes a figure. Sections that do not apply are nil (a snapshot
// without partners has only the Report).
//
// The JSON keys of Report stay; the sections are under new keys, stable
// from now on: later versions add keys, never rename or remove them.
type Document struct {
	Report
	// Summary is what a reader sees first: the headline numbers and the
	// findings that matter most.
	Summary *Summary `json:"summary,omitempty"`
	// Network holds the network-level metrics: mixing matrix, E-I,
	// diversity, modularity (analysis.NetworkMetricsOf).
	Network *analysis.NetworkMetrics `json:"network,omitempty"`
	// Mixing is the helix mixing matrix of Network, in canonical type
	// order (a chart's data).
	Mixing *MixingMatrix `json:"mixing,omitempty"`
	// HelixChart are the partners per helix type, canonical order, unknown
	// last when there are such partners (a chart's data).
	HelixChart []HelixCount `json:"helix_chart,omitempty"`
	// Central are the partners with the highest betweenness; Brokers the
	// top partners of each brokerage role (analysis.NodeMetricsOf).
	Central []CentralPartner `json:"central,omitempty"`
	Brokers []BrokerRole     `json:"brokers,omitempty"`
	// Betweenness says how betweenness was computed: exact, or estimated
	// by sampling (and why).
	Betweenness *BetweennessNote `json:"betweenness,omitempty"`
	// Communities are the Louvain communities of the nodes (the partition
	// of NodeMetricsOf) and how they line up with the declared units.
	Communities *Communities `json:"communities,omitempty"`
	// Gaps are the gaps and candidates per unit (analysis.Gaps).
	Gaps *analysis.GapReport `json:"gaps,omitempty"`
	// Check is the learning-community check per unit (analysis.Check).
	Check *CheckSection `json:"check,omitempty"`
	// Growth is the growth series over time (analysis.Growth).
	Growth *GrowthSection `json:"growth,omitempty"`
	// ValueCreation is the value creation (analysis.Values); ValueChart
	// its cycles × outcome levels (a chart's data).
	ValueCreation *analysis.ValueCreation `json:"value_creation,omitempty"`
	ValueChart    *ValueMatrix            `json:"value_chart,omitempty"`
	// Drawing is the network to draw: every partner, or for a large
	// network an overview (see Drawing).
	Drawing *Drawing `json:"drawing,omitempty"`
	// Methods is the appendix: each metric, its convention, its reference.
	Methods []Method `json:"methods,omitempty"`

	// empty is why the snapshot holds no partners, for the text in
	// either language (Note has it in English).
	empty *analysis.EmptySnapshot
}

// Sections of a Document, in the order the writers write them. A
// section's id is its anchor in Markdown and HTML (#composition) and the
// Section of the findings that point to it.
const (
	SectionSummary     = "summary"
	SectionComposition = "composition"
	SectionMixing      = "mixing"
	SectionDiversity   = "diversity"
	SectionCentral     = "central"
	SectionBrokers     = "brokers"
	SectionCommunities = "communities"
	SectionUnits       = "units"
	SectionGaps        = "gaps"
	SectionCheck       = "check"
	SectionGrowth      = "growth"
	SectionValues      = "values"
	SectionNetwork     = "network-drawing"
	SectionMethods     = "methods"
)

// Sections lists the section ids in order.
var Sections = []string{
	SectionSummary, SectionComposition, SectionMixing, SectionDiversity, SectionCentral, SectionBrokers,
	SectionCommunities, SectionUnits, SectionGaps, SectionCheck, SectionGrowth, SectionValues,
	SectionNetwork, SectionMethods,
}

// Summary is the first section: headline numbers and findings.
type Summary struct {
	Partners int `json:"partners"`
	Ties     int `json:"ties"`
	Units    int `json:"units"`
	// Coverage is the helix coverage class of the partners; Integration
	// the class of the types that are tied to each other
	// (analysis.HelixIntegration).
	Coverage    graph.CoverageClass `json:"coverage"`
	Integration graph.CoverageClass `json:"integration"`
	// Findings are the three to five findings that matter most, most
	// important first.
	Findings []Finding `json:"findings"`
}

// Finding kinds. Each is one rule of findings.go; the text of a finding
// is written from its fields in the reader's language (FindingText).
const (
	FindingMissingType    = "missing_type"   // the ecosystem lacks a helix type its target asks for
	FindingCutOff         = "cut_off"        // a helix type reaches the rest through one partner
	FindingSingleBroker   = "single_broker"  // all ties between two types touch one partner
	FindingUnitGap        = "unit_gap"       // a unit misses a type; candidates one introduction away
	FindingUnitsBelow     = "units_below"    // how many units are below their target
	FindingNeverTied      = "never_tied"     // two present types have no tie
	FindingInward         = "inward"         // E-I: ties mostly within helix types
	FindingNotLC          = "not_lc"         // units that are not a Learning Community (check)
	FindingGrowth         = "growth"         // partners then and now (growth)
	FindingNoValues       = "no_values"      // no value records
	FindingTransformative = "transformative" // share of value that is realized or transformative
)

// Finding is one finding of the summary. Kind says which rule made it and
// which fields are set; Section is the id of the section that shows it.
type Finding struct {
	Kind    string `json:"kind"`
	Section string `json:"section"`
	// Text is the finding in English; FindingText writes it in another
	// language.
	Text string `json:"text"`
	// The facts of the finding; which are set depends on Kind.
	Helix   graph.Helix          `json:"helix,omitempty"`
	Helices []graph.Helix        `json:"helices,omitempty"`
	Unit    *UnitRef             `json:"unit,omitempty"`
	Partner *analysis.PartnerRef `json:"partner,omitempty"`
	Count   int                  `json:"count,omitempty"`
	Of      int                  `json:"of,omitempty"`
	Share   analysis.Float       `json:"share,omitempty"`
	Value   analysis.Float       `json:"value,omitempty"`
	From    string               `json:"from,omitempty"`
	To      string               `json:"to,omitempty"`
	FromN   int                  `json:"from_count,omitempty"`
	ToN     int                  `json:"to_count,omitempty"`
}

// UnitRef names a unit.
type UnitRef struct {
	ID    string      `json:"id"`
	Name  string      `json:"name"`
	Level graph.Level `json:"level"`
	Form  graph.Form  `json:"form,omitempty"`
}

// HelixCount is the number of partners of one helix type and their share.
type HelixCount struct {
	Helix    graph.Helix `json:"helix"`
	Partners int         `json:"partners"`
	Share    float64     `json:"share"`
}

// MixingMatrix is the helix mixing matrix as tie counts: Counts[i][j] ties
// join a partner of Types[i] and one of Types[j], each tie once
// (symmetric). Types are the five known types in canonical order.
type MixingMatrix struct {
	Types  []graph.Helix `json:"types"`
	Counts [][]int       `json:"counts"`
}

// CentralPartner is one of the most central partners: its node metrics.
type CentralPartner struct {
	Rank int `json:"rank"`
	analysis.NodeMetrics
}

// Brokerage roles (Gould and Fernandez), as NodeMetrics names them.
const (
	RoleCoordinator    = "coordinator"
	RoleItinerant      = "itinerant"
	RoleGatekeeper     = "gatekeeper"
	RoleRepresentative = "representative"
	RoleLiaison        = "liaison"
)

// Roles are the brokerage roles in the order the report lists them.
var Roles = []string{RoleLiaison, RoleGatekeeper, RoleRepresentative, RoleItinerant, RoleCoordinator}

// BrokerRole lists the partners with the most two-paths of one brokerage
// role (at most TopPartners, those with a count of 0 left out).
type BrokerRole struct {
	Role     string        `json:"role"`
	Partners []BrokerCount `json:"partners"`
	// Brokers counts the partners with at least one such two-path.
	Brokers int `json:"brokers"`
}

// BrokerCount is a partner and its number of two-paths in one role.
type BrokerCount struct {
	analysis.PartnerRef
	Count int `json:"count"`
}

// TopPartners is how many partners the central and broker lists hold.
const TopPartners = 10

// BetweennessNote says how betweenness was computed.
type BetweennessNote struct {
	// Approximation is nil when betweenness is exact.
	Approximation *analysis.Approximation `json:"approximation"`
	// Auto says that the report chose to approximate, because the network
	// has more than AutoApproxPartners partners.
	Auto bool `json:"auto"`
}

// Communities are the Louvain communities and how they line up with the
// declared units.
type Communities struct {
	Count      int            `json:"count"`
	Modularity analysis.Float `json:"modularity"`
	// List are the communities, largest first (at most TopCommunities;
	// Count says how many there are).
	List []Community `json:"list"`
	// Aligned counts the communities of List whose largest unit holds
	// more than half of their partners.
	Aligned int `json:"aligned"`
}

// TopCommunities is how many communities the report lists.
const TopCommunities = 10

// Community is one community: its size, its helix types and the declared
// unit that holds most of its partners.
type Community struct {
	ID          int                 `json:"id"`
	Partners    int                 `json:"partners"`
	HelixCounts map[graph.Helix]int `json:"helix_counts"`
	// Unit is the unit (below the ecosystem level) whose subtree holds the
	// most partners of the community; nil when none holds any. UnitShare
	// is that number over Partners; UnitPartners the number.
	Unit         *UnitRef `json:"unit"`
	UnitPartners int      `json:"unit_partners"`
	UnitShare    float64  `json:"unit_share"`
}

// CheckSection is the learning-community check of every unit.
type CheckSection struct {
	Summary CheckSummary         `json:"summary"`
	Units   []analysis.UnitCheck `json:"units"`
}

// GrowthSection is the growth series, one row per year.
type GrowthSection struct {
	Every string               `json:"every"`
	Rows  []analysis.GrowthRow `json:"rows"`
}

// ValueMatrix are the value records per cycle (rows, graph.Cycles order)
// and outcome level (columns: micro, meso, macro, unspecified).
type ValueMatrix struct {
	Cycles []graph.Cycle `json:"cycles"`
	Levels []string      `json:"levels"`
	Counts [][]int       `json:"counts"`
}

// Drawing is the network to draw. For a network of at most
// DrawingMaxNodes partners it is the whole network; above that it is an
// overview: the DrawingMaxNodes partners of highest degree (ties by id)
// and the ties among them, and Overview is true.
type Drawing struct {
	Overview bool `json:"overview"`
	// Partners and Ties are the size of the whole network.
	Partners int `json:"partners"`
	Ties     int `json:"ties"`
	// Nodes are in order of degree, highest first; Edges index Nodes.
	Nodes []DrawNode `json:"nodes"`
	Edges []DrawEdge `json:"edges"`
	// Units are the units the nodes are grouped by (hulls or a legend):
	// the units of the level below the ecosystem (fieldlabs), tree order.
	Units []UnitRef `json:"units"`
	// Size names the centrality that sizes a node: "betweenness".
	Size string `json:"size"`
}

// DrawingMaxNodes is the most partners the drawing shows: beyond it the
// drawing is an overview of the partners of highest degree. 200 nodes
// still read as a network on a page and on a phone (a typical regional
// ecosystem, such as the example's 154 partners, is drawn whole), keep a
// force-directed layout quick, and keep the SVG small (tens of
// kilobytes) whatever the size of the data.
const DrawingMaxNodes = 200

// DrawingMaxUnits is the most units the drawing outlines: those with the
// most partners in it. The example's five fieldlabs are all drawn; a data
// set of thousands of small units (EU CORDIS projects as teams) draws the
// eight largest instead of one hull per project, which made the drawing
// 20 MB.
const DrawingMaxUnits = 8

// DrawNode is one partner in the drawing.
type DrawNode struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Helix       graph.Helix    `json:"helix"`
	Degree      int            `json:"degree"`
	Betweenness analysis.Float `json:"betweenness"`
	Community   int            `json:"community"`
	// Units are the indexes in Drawing.Units of the units whose subtree
	// holds the partner.
	Units []int `json:"units"`
}

// DrawEdge is a tie between Nodes[Source] and Nodes[Target], Source <
// Target, with the weight of the partner network.
type DrawEdge struct {
	Source int     `json:"source"`
	Target int     `json:"target"`
	Weight float64 `json:"weight"`
}

// Method is one metric of the methods appendix.
type Method struct {
	// Metric is its name; Heading the heading of docs/Doc that defines
	// it (a test checks that it is there): docs/metrics.md for the
	// network metrics, the command's page for gaps, check, growth and
	// values.
	Metric  string `json:"metric"`
	Doc     string `json:"doc"`
	Heading string `json:"heading"`
	// Convention is how ecoscope computes it; Reference where it comes
	// from.
	Convention string `json:"convention"`
	Reference  string `json:"reference"`
}

// Lang is the language of a report's text: CheckEnglish or CheckDutch.
type Lang = CheckLang
