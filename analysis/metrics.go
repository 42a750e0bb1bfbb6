package analysis

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

// MetricsOptions tune the metrics of NetworkMetricsOf, UnitMetricsOf and
// NodeMetricsOf.
type MetricsOptions struct {
	// Seed makes every randomised result (Louvain, the permutation test,
	// approximate betweenness) reproducible.
	Seed uint64
	// Permutations is the number of permutations of the E-I test; 0 means
	// DefaultPermutations.
	Permutations int
	// Approx, when > 0, estimates betweenness within ±Approx of the exact
	// normalised value with probability 1 − ApproxDelta (see
	// network.BetweennessApprox) instead of computing it exactly.
	Approx float64
	// ApproxDelta is the failure probability of the approximation; 0 means
	// DefaultApproxDelta.
	ApproxDelta float64
	// Betweenness, when it holds one value per node, is the betweenness of
	// the network already computed (by NodeMetricsOf, with the options
	// above), and BetweennessApprox how it was estimated (nil: exact):
	// NodeMetricsOf and Values take it instead of computing it again. The
	// full report computes betweenness once for its sections.
	Betweenness       []float64
	BetweennessApprox *Approximation
	// SkipCloseness leaves closeness out of NodeMetricsOf (NaN): on a large
	// network it costs as much as exact betweenness, and a report that
	// does not show it need not wait for it.
	SkipCloseness bool
}

// DefaultPermutations is the number of permutations of the E-I test unless
// told otherwise: p-values in steps of 0.001.
const DefaultPermutations = 999

// DefaultApproxDelta is the failure probability of approximate
// betweenness unless told otherwise (MetricsOptions.ApproxDelta).
const DefaultApproxDelta = 0.1

// DefaultMetricsOptions returns the options of the metrics unless told
// otherwise: seed 0, DefaultPermutations permutations of the E-I test,
// exact betweenness (and DefaultApproxDelta should it be approximated).
// The zero MetricsOptions means the same.
func DefaultMetricsOptions() MetricsOptions {
	return MetricsOptions{Permutations: DefaultPermutations, ApproxDelta: DefaultApproxDelta}
}

func (o MetricsOptions) rand(stream uint64) rand.Source {
	return rand.NewPCG(o.Seed, stream)
}

// MixingCounts is a helix mixing matrix as tie counts: cell [a][b] is the
// number of ties between a partner of type a and one of type b (each tie
// once; the matrix is symmetric).
type MixingCounts map[graph.Helix]map[graph.Helix]int

// mixingCounts turns a Mixing (each tie counted from both ends) into tie
// counts.
func mixingCounts(m Mixing) MixingCounts {
	out := make(MixingCounts, len(m.Types))
	for i, a := range m.Types {
		row := make(map[graph.Helix]int, len(m.Types))
		for j, b := range m.Types {
			c := m.Counts[i][j]
			if i == j {
				c /= 2
			}
			row[b] = c
		}
		out[a] = row
	}
	return out
}

// Composition metrics shared by the network and unit levels.
type MixMetrics struct {
	Partners              int                  `json:"partners"`
	Ties                  int                  `json:"ties"`
	Density               Float                `json:"density"`
	HelixCounts           map[graph.Helix]int  `json:"helix_counts"`
	SectorCounts          map[graph.Sector]int `json:"sector_counts"`
	BlauIndex             Float                `json:"blau_index"`
	ShannonEntropy        Float                `json:"shannon_entropy"`
	ShannonEvenness       Float                `json:"shannon_evenness"`
	HelixCoverage         graph.Coverage       `json:"helix_coverage"`
	HelixIntegration      graph.CoverageClass  `json:"helix_integration"`
	HelixMixing           MixingCounts         `json:"helix_mixing"`
	HelixAssortativity    Float                `json:"helix_assortativity"`
	EIIndex               Float                `json:"ei_index"`
	EIIndexRescaled       Float                `json:"ei_index_rescaled"`
	PublicPrivateTieShare Float                `json:"public_private_tie_share"`
}

func mixMetrics(net *Network) MixMetrics {
	div := DiversityOf(net, nil)
	types := make([]graph.Helix, net.N())
	sectors := make(map[graph.Sector]int, 4)
	for _, s := range graph.Sectors {
		sectors[s] = 0
	}
	for i := range types {
		types[i] = net.Helix(i)
		sectors[net.Sector(i)]++
	}
	return MixMetrics{
		Partners:              net.N(),
		Ties:                  net.M(),
		Density:               Float(network.Density(net.Graph)),
		HelixCounts:           div.Counts,
		SectorCounts:          sectors,
		BlauIndex:             Float(div.Blau),
		ShannonEntropy:        Float(div.Shannon),
		ShannonEvenness:       Float(div.Evenness),
		HelixCoverage:         graph.CoverageOf(types),
		HelixIntegration:      HelixIntegration(net).Class,
		HelixMixing:           mixingCounts(HelixMixing(net)),
		HelixAssortativity:    Float(HelixAssortativity(net)),
		EIIndex:               Float(EIIndex(net)),
		EIIndexRescaled:       Float(EIIndexRescaled(net)),
		PublicPrivateTieShare: Float(PublicPrivateShare(net)),
	}
}

// NetworkMetrics are the network-level metrics of a partner network. The
// JSON keys are stable.
type NetworkMetrics struct {
	MixMetrics
	Components            int   `json:"components"`
	LargestComponentShare Float `json:"largest_component_share"`
	AverageDegree         Float `json:"average_degree"`
	Transitivity          Float `json:"transitivity"`
	AverageClustering     Float `json:"average_clustering"`
	EIIndexPValue         Float `json:"ei_index_p_value"`
	EIPermutations        int   `json:"ei_index_permutations"`
	Modularity            Float `json:"modularity"`
	Communities           int   `json:"communities"`
	// TripleHelixSynergy is Leydesdorff's T(uig) in bits over the units,
	// QuadrupleHelixSynergy the four-helix T(uigc); SynergyUnits is the
	// number of units observed.
	TripleHelixSynergy    Float `json:"triple_helix_synergy"`
	QuadrupleHelixSynergy Float `json:"quadruple_helix_synergy"`
	SynergyUnits          int   `json:"synergy_units"`
	// Reciprocity is network.Reciprocity: the share of the arcs of the directed
	// partner network that are reciprocated (1 without directed ties, NaN
	// without ties).
	Reciprocity Float `json:"reciprocity"`
}

// NetworkMetricsOf computes the network-level metrics of net, the partner
// network of e (e supplies the units for the triple helix synergy). It
// checks ctx between metrics, and in the E-I permutation test, and returns
// ctx.Err() once it is done.
func NetworkMetricsOf(ctx context.Context, e *graph.Ecosystem, net *Network, opts MetricsOptions) (NetworkMetrics, error) {
	perms := opts.Permutations
	if perms <= 0 {
		perms = DefaultPermutations
	}
	if err := ctx.Err(); err != nil {
		return NetworkMetrics{}, err
	}
	_, comps := network.Components(net.Graph)
	m := NetworkMetrics{
		MixMetrics:            mixMetrics(net),
		Components:            comps,
		LargestComponentShare: Float(network.LargestComponentShare(net.Graph)),
		AverageDegree:         Float(network.AverageDegree(net.Graph)),
		Transitivity:          Float(network.Transitivity(net.Graph)),
		AverageClustering:     Float(network.AverageClustering(net.Graph)),
		EIPermutations:        perms,
		Reciprocity:           Float(network.Reciprocity(net.Graph)),
	}
	ei, err := eiIndexTest(ctx, net, perms, opts.rand(2))
	if err != nil {
		return NetworkMetrics{}, err
	}
	m.EIIndexPValue = Float(ei.P)
	c := network.Louvain(net.Graph, opts.rand(1))
	if err := ctx.Err(); err != nil {
		return NetworkMetrics{}, err
	}
	m.Modularity, m.Communities = Float(c.Q), len(c.Sizes)
	obs := UnitHelixSets(e)
	m.SynergyUnits = len(obs)
	m.TripleHelixSynergy = Float(TripleHelixSynergy(obs))
	m.QuadrupleHelixSynergy = Float(QuadrupleHelixSynergy(obs))
	return m, nil
}

// UnitMetrics are the composition, diversity, coverage and mixing metrics
// of one unit, over the partners of the unit and of the units below it and
// the ties among them.
type UnitMetrics struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Level  graph.Level `json:"level"`
	Form   graph.Form  `json:"form"`
	Parent string      `json:"parent"`
	Size   int         `json:"size"`
	MixMetrics
}

// UnitMetricsOf computes the metrics of every unit of e on net, the partner
// network of e, in the tree order of ComposeUnits.
func UnitMetricsOf(e *graph.Ecosystem, net *Network) []UnitMetrics {
	members := SubtreePartners(e)
	units := ComposeUnits(e)
	out := make([]UnitMetrics, len(units))
	for k, u := range units {
		nodes := make([]int, 0, len(members[u.ID]))
		for _, id := range members[u.ID] {
			if i, ok := net.Index(id); ok {
				nodes = append(nodes, i)
			}
		}
		sort.Ints(nodes)
		out[k] = UnitMetrics{
			ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form, Parent: u.Parent, Size: u.Size,
			MixMetrics: mixMetrics(net.Induced(nodes)),
		}
	}
	return out
}

// NodeMetrics are the node-level metrics of one partner.
type NodeMetrics struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	Helix          graph.Helix  `json:"helix"`
	Sector         graph.Sector `json:"sector"`
	Degree         int          `json:"degree"`
	Strength       Float        `json:"strength"`
	Betweenness    Float        `json:"betweenness"`
	Closeness      Float        `json:"closeness"`
	Eigenvector    Float        `json:"eigenvector"`
	PageRank       Float        `json:"pagerank"`
	Clustering     Float        `json:"clustering"`
	Core           int          `json:"core"`
	Community      int          `json:"community"`
	Constraint     Float        `json:"constraint"`
	EffectiveSize  Float        `json:"effective_size"`
	EgoDiversity   Float        `json:"ego_diversity"`
	EIIndex        Float        `json:"ei_index"`
	Coordinator    int          `json:"coordinator"`
	Itinerant      int          `json:"itinerant"`
	Gatekeeper     int          `json:"gatekeeper"`
	Representative int          `json:"representative"`
	Liaison        int          `json:"liaison"`
	// InDegree and OutDegree count the partners with an arc to and from
	// the partner in the directed partner network (network.Graph.InDegree); both
	// equal Degree when no tie is directed.
	InDegree  int `json:"in_degree"`
	OutDegree int `json:"out_degree"`
	// Z-scores of the brokerage roles against Gould and Fernandez's null
	// model (JSON only).
	CoordinatorZ    Float `json:"coordinator_z"`
	ItinerantZ      Float `json:"itinerant_z"`
	GatekeeperZ     Float `json:"gatekeeper_z"`
	RepresentativeZ Float `json:"representative_z"`
	LiaisonZ        Float `json:"liaison_z"`
}

// NodeColumns are the CSV columns of the node level, in order. New columns
// are added at the end, so that scripts reading columns by position keep
// working.
var NodeColumns = []string{"id", "name", "helix", "sector", "degree", "strength", "betweenness", "closeness",
	"eigenvector", "pagerank", "clustering", "core", "community", "constraint", "effective_size",
	"ego_diversity", "ei_index", "coordinator", "itinerant", "gatekeeper", "representative", "liaison",
	"in_degree", "out_degree"}

// Approximation says how betweenness was estimated.
type Approximation struct {
	Epsilon float64 `json:"epsilon"`
	Delta   float64 `json:"delta"`
	Samples int     `json:"samples"`
}

// betweennessOf returns the betweenness of net, exact or (opts.Approx > 0)
// estimated by sampling; approx is nil when it is exact.
func betweennessOf(ctx context.Context, net *Network, opts MetricsOptions) (bc []float64, approx *Approximation, err error) {
	if len(opts.Betweenness) == net.N() && opts.Betweenness != nil {
		return opts.Betweenness, opts.BetweennessApprox, nil
	}
	if opts.Approx <= 0 {
		bc, err = network.BetweennessContext(ctx, net.Graph)
		return bc, nil, err
	}
	delta := opts.ApproxDelta
	if delta <= 0 {
		delta = DefaultApproxDelta
	}
	bc, samples, err := network.BetweennessApproxContext(ctx, net.Graph, opts.Approx, delta, opts.rand(3))
	if err != nil {
		return nil, nil, err
	}
	return bc, &Approximation{Epsilon: opts.Approx, Delta: delta, Samples: samples}, nil
}

// NodeMetricsOf computes the node-level metrics of every partner of net.
// approx is nil when betweenness is exact. It checks ctx in betweenness and
// closeness, and between the other metrics, and returns ctx.Err() once it
// is done.
func NodeMetricsOf(ctx context.Context, net *Network, opts MetricsOptions) (nodes []NodeMetrics, approx *Approximation, err error) {
	n := net.N()
	bc, approx, err := betweennessOf(ctx, net, opts)
	if err != nil {
		return nil, nil, err
	}
	var cl []float64
	if opts.SkipCloseness {
		cl = make([]float64, n)
		for i := range cl {
			cl[i] = math.NaN()
		}
	} else if cl, err = network.ClosenessContext(ctx, net.Graph); err != nil {
		return nil, nil, err
	}
	ev := network.Eigenvector(net.Graph)
	pr := network.PageRank(net.Graph, 0.85)
	cc := network.Clustering(net.Graph)
	core := network.CoreNumber(net.Graph)
	comm := network.Louvain(net.Graph, opts.rand(1))
	con := network.Constraint(net.Graph)
	es := network.EffectiveSize(net.Graph)
	ego := EgoDiversity(net)
	ei := NodeEIIndex(net)
	roles := Brokerage(net)
	z := BrokerageZ(net, roles)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	nodes = make([]NodeMetrics, n)
	for i := range nodes {
		r := roles[i]
		nodes[i] = NodeMetrics{
			ID: net.ID(i), Name: net.Name(i), Helix: net.Helix(i), Sector: net.Sector(i),
			Degree: net.Degree(i), Strength: Float(net.Strength(i)),
			Betweenness: Float(bc[i]), Closeness: Float(cl[i]), Eigenvector: Float(ev[i]), PageRank: Float(pr[i]),
			Clustering: Float(cc[i]), Core: core[i], Community: comm.Of[i],
			Constraint: Float(con[i]), EffectiveSize: Float(es[i]), EgoDiversity: Float(ego[i]), EIIndex: Float(ei[i]),
			Coordinator: r.Coordinator, Itinerant: r.Itinerant, Gatekeeper: r.Gatekeeper,
			Representative: r.Representative, Liaison: r.Liaison,
			InDegree: net.InDegree(i), OutDegree: net.OutDegree(i),
			CoordinatorZ: Float(z[i].Coordinator), ItinerantZ: Float(z[i].Itinerant), GatekeeperZ: Float(z[i].Gatekeeper),
			RepresentativeZ: Float(z[i].Representative), LiaisonZ: Float(z[i].Liaison),
		}
	}
	return nodes, approx, nil
}
