package analysis

import (
	"math"

	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

// BrokerageRoles counts the open two-paths a–b–c through a broker b (a and c
// neighbours of b, not joined to each other) by the Gould–Fernandez role b
// plays, with helix type as the group. As the network is undirected, a–b–c
// and c–b–a are counted as two two-paths, one in each direction (see
// Brokerage).
type BrokerageRoles struct {
	// Coordinator: a, b and c of one type.
	Coordinator int `json:"coordinator"`
	// Itinerant (consultant): a and c of one type, b of another.
	Itinerant int `json:"itinerant"`
	// Representative: a of b's type, c of another.
	Representative int `json:"representative"`
	// Gatekeeper: c of b's type, a of another.
	Gatekeeper int `json:"gatekeeper"`
	// Liaison: a, b and c of three different types.
	Liaison int `json:"liaison"`
	// Unknown counts the open two-paths with a, b or c of unknown type,
	// which play no role: Known() + Unknown is the number of open
	// two-paths through b.
	Unknown int `json:"unknown"`
}

// Known returns the sum of the five roles: the open two-paths through the
// broker whose three nodes are all of a known type.
func (r BrokerageRoles) Known() int {
	return r.Coordinator + r.Itinerant + r.Representative + r.Gatekeeper + r.Liaison
}

// Brokerage returns the Gould–Fernandez brokerage roles of every node of
// net, with the helix type as the group.
//
// A two-path a → b → c, with a and c not joined, makes b a broker between a
// and c. Gould and Fernandez name its role by the groups g(·) of the three:
//
//	coordinator     g(a) = g(b) = g(c)
//	itinerant       g(a) = g(c) ≠ g(b)   (also "consultant")
//	representative  g(a) = g(b) ≠ g(c)
//	gatekeeper      g(a) ≠ g(b) = g(c)
//	liaison         g(a), g(b), g(c) all different
//
// The network is undirected, so every ordered pair (a, c) of distinct,
// unjoined neighbours of b is a two-path: each unordered pair {a, c} counts
// twice, once in each direction. Coordinator, itinerant and liaison counts
// are then even, and a pair with one end in b's type and the other outside
// counts once as representative and once as gatekeeper, so the two are
// always equal. The counts are those of sna::brokerage (Butts, R package sna)
// on the symmetrised network, and the five roles plus Unknown sum to the
// number of ordered open two-paths through b, k(k−1) − 2t with k the degree
// of b and t the number of ties among its neighbours.
//
// Two-paths with a node of unknown type (a, b or c) are counted apart in
// Unknown: an unknown type is neither the same as nor different from another.
//
// The ties among a broker's neighbours are found through network.Oriented,
// each once, in O(Σ_v deg(v)²) at most (docs/engine.md); the result does
// not depend on the number of cores.
//
// Reference: R. V. Gould and R. M. Fernandez, Structures of mediation: a
// formal approach to brokerage in transaction networks, Sociol. Methodol. 19,
// 89–126, 1989, doi:10.2307/270949.
func Brokerage(net *Network) []BrokerageRoles {
	n := net.N()
	out := make([]BrokerageRoles, n)
	if n == 0 {
		return out
	}
	cat := helixCategories(net)
	o := network.Oriented(net.Graph)
	fwd, off := o.Items, o.Off
	nw := network.ChunkWorkers(n)
	marks := make([][]int32, nw)
	network.ParallelChunks(n, nw, func(w, b int) {
		nb := net.Neighbors(b)
		if len(nb) < 2 {
			return
		}
		mark := marks[w]
		if mark == nil {
			mark = make([]int32, n)
			marks[w] = mark
		}
		stamp := int32(b) + 1
		var cnt [numHelix]int
		for _, a := range nb {
			mark[a] = stamp
			cnt[cat[a]]++
		}
		// open[x][y]: ordered pairs (a, c) of distinct neighbours of b
		// with a of type x and c of type y, less the joined ones.
		var open [numHelix][numHelix]int
		for x := range open {
			for y := range open[x] {
				open[x][y] = cnt[x] * cnt[y]
			}
			open[x][x] -= cnt[x]
		}
		// Each tie a–c among the neighbours is met once, from its
		// lower-ranked end, and closes both (a, c) and (c, a).
		for _, a := range nb {
			ca := cat[a]
			for _, c := range fwd[off[a]:off[a+1]] {
				if mark[c] == stamp {
					cc := cat[c]
					open[ca][cc]--
					open[cc][ca]--
				}
			}
		}
		out[b] = rolesOf(&open, int(cat[b]))
	})
	return out
}

// rolesOf sorts the open two-paths by type pair into roles for a broker of
// category g.
func rolesOf(open *[numHelix][numHelix]int, g int) BrokerageRoles {
	var r BrokerageRoles
	for x := range open {
		for y, c := range open[x] {
			switch {
			case c == 0:
			case g == unknownHelix || x == unknownHelix || y == unknownHelix:
				r.Unknown += c
			case x == g && y == g:
				r.Coordinator += c
			case x == y:
				r.Itinerant += c
			case x == g:
				r.Representative += c
			case y == g:
				r.Gatekeeper += c
			default:
				r.Liaison += c
			}
		}
	}
	return r
}

// BrokerageScores holds a real number per brokerage role; Total is for the
// sum of the five roles (BrokerageRoles.Known).
type BrokerageScores struct {
	Coordinator    float64 `json:"coordinator"`
	Itinerant      float64 `json:"itinerant"`
	Representative float64 `json:"representative"`
	Gatekeeper     float64 `json:"gatekeeper"`
	Liaison        float64 `json:"liaison"`
	Total          float64 `json:"total"`
}

// BrokerageNull returns the mean and standard deviation of the brokerage
// role counts of a broker of helix type h under Gould and Fernandez's null
// model: the helix types are fixed as observed and every pair of partners is
// joined independently with probability d, the density of the network among
// the partners of a known type, d = 2m_K / (K(K−1)) with K such partners and
// m_K ties between them (when no type is unknown, the density of the
// network). With n_g partners of b's type, n_j of type j, and
// p = d²(1−d) and q = d³(1−d)³,
//
//	E[coordinator]    = p (n_g−1)(n_g−2)
//	E[itinerant]      = p Σ_{j≠g} n_j(n_j−1)
//	E[representative] = E[gatekeeper] = p (n_g−1)(K−n_g)
//	E[liaison]        = p Σ_{j≠g} n_j (K−n_g−n_j)
//	E[total]          = p (K−1)(K−2)
//
// each the number of ordered (a, c) slots for the role times the chance p
// that a slot is an open two-path. The variances are those of
// sna::brokerage (C. T. Butts, Social network analysis with sna, J. Stat.
// Softw. 24(6), 2008, doi:10.18637/jss.v024.i06), which add to the binomial
// term the covariance q of two slots sharing a node:
//
//	Var[coordinator]    = 2 [E(1−p) + 2(n_g−1)(n_g−2)(n_g−3) q]
//	Var[itinerant]      = 2 [E(1−p) + 2 Σ_{j≠g} n_j(n_j−1)(n_j−2) q]
//	Var[representative] = Var[gatekeeper] = E(1−p) + 2 [(n_g−1) C(K−n_g, 2) + (K−n_g) C(n_g−1, 2)] q
//	Var[liaison]        = 2 [E(1−p) + 4 Σ_{j≠g} n_j C(K−n_g−n_j, 2) q]
//	Var[total]          = 2 [E(1−p) + 2(K−1)(K−2)(K−3) q]
//
// The factor 2 is the undirected correction: sna derives its variances for a
// directed graph, where a→b→c and c→b→a are independent; here they are one
// two-path counted twice (see Brokerage), which doubles the variance of the
// roles that count both directions and leaves representative and gatekeeper
// (one direction each) as in sna. The means equal sna's.
//
// A broker of unknown type has no role: every field of mean and sd is NaN.
func BrokerageNull(net *Network, h graph.Helix) (mean, sd BrokerageScores) {
	sizes, d := knownSizesDensity(net)
	return brokerageMoments(sizes, helixCategory(h), d)
}

// knownSizesDensity returns the number of nodes of each known type and the
// density among the nodes of a known type.
func knownSizesDensity(net *Network) ([]int, float64) {
	cat := helixCategories(net)
	sizes := make([]int, unknownHelix)
	ties := 0
	for i, c := range cat {
		if c == unknownHelix {
			continue
		}
		sizes[c]++
		for _, j := range net.Neighbors(i) {
			if int(j) > i && cat[j] != unknownHelix {
				ties++
			}
		}
	}
	k := 0
	for _, s := range sizes {
		k += s
	}
	d := 0.0
	if k > 1 {
		d = 2 * float64(ties) / (float64(k) * float64(k-1))
	}
	return sizes, d
}

// brokerageMoments returns the means and standard deviations of the role
// counts of a broker in group g, given the group sizes (the broker
// included) and the tie probability d (see BrokerageNull).
func brokerageMoments(sizes []int, g int, d float64) (mean, sd BrokerageScores) {
	if g < 0 || g >= len(sizes) || sizes[g] == 0 {
		nan := math.NaN()
		s := BrokerageScores{nan, nan, nan, nan, nan, nan}
		return s, s
	}
	choose2 := func(x float64) float64 { return x * (x - 1) / 2 }
	k := 0.0
	for _, s := range sizes {
		k += float64(s)
	}
	ng := float64(sizes[g])
	p := d * d * (1 - d)
	q := d * d * d * (1 - d) * (1 - d) * (1 - d)
	var itin, itin3, liai, liai3 float64
	for j, s := range sizes {
		if j == g {
			continue
		}
		nj := float64(s)
		itin += nj * (nj - 1)
		itin3 += nj * (nj - 1) * (nj - 2)
		liai += nj * (k - ng - nj)
		liai3 += nj * choose2(k-ng-nj)
	}
	mean.Coordinator = p * (ng - 1) * (ng - 2)
	mean.Itinerant = p * itin
	mean.Representative = p * (ng - 1) * (k - ng)
	mean.Gatekeeper = mean.Representative
	mean.Liaison = p * liai
	mean.Total = p * (k - 1) * (k - 2)

	var v BrokerageScores
	v.Coordinator = 2 * (mean.Coordinator*(1-p) + 2*(ng-1)*(ng-2)*(ng-3)*q)
	v.Itinerant = 2 * (mean.Itinerant*(1-p) + 2*itin3*q)
	v.Representative = mean.Representative*(1-p) + 2*((ng-1)*choose2(k-ng)+(k-ng)*choose2(ng-1))*q
	v.Gatekeeper = v.Representative
	v.Liaison = 2 * (mean.Liaison*(1-p) + 4*liai3*q)
	v.Total = 2 * (mean.Total*(1-p) + 2*(k-1)*(k-2)*(k-3)*q)
	sqrt := func(x float64) float64 { return math.Sqrt(max(x, 0)) }
	sd = BrokerageScores{
		Coordinator: sqrt(v.Coordinator), Itinerant: sqrt(v.Itinerant),
		Representative: sqrt(v.Representative), Gatekeeper: sqrt(v.Gatekeeper),
		Liaison: sqrt(v.Liaison), Total: sqrt(v.Total),
	}
	return mean, sd
}

// BrokerageZ returns, for every node of net, the z-scores (count − mean) / sd
// of its brokerage roles against BrokerageNull for its helix type; roles is
// Brokerage(net). Total is the z-score of BrokerageRoles.Known. A z-score is
// NaN where sd is 0 (no slot for the role, or a density of 0 or 1) and for
// nodes of unknown type. It panics if len(roles) != net.N().
func BrokerageZ(net *Network, roles []BrokerageRoles) []BrokerageScores {
	if len(roles) != net.N() {
		panic("analysis: BrokerageZ: roles do not match the network")
	}
	sizes, d := knownSizesDensity(net)
	var means, sds [numHelix]BrokerageScores
	for g := range means {
		means[g], sds[g] = brokerageMoments(sizes, g, d)
	}
	z := func(x int, m, s float64) float64 {
		if s == 0 || math.IsNaN(s) {
			return math.NaN()
		}
		return (float64(x) - m) / s
	}
	out := make([]BrokerageScores, len(roles))
	for i, r := range roles {
		g := helixCategory(net.Helix(i))
		m, s := means[g], sds[g]
		out[i] = BrokerageScores{
			Coordinator:    z(r.Coordinator, m.Coordinator, s.Coordinator),
			Itinerant:      z(r.Itinerant, m.Itinerant, s.Itinerant),
			Representative: z(r.Representative, m.Representative, s.Representative),
			Gatekeeper:     z(r.Gatekeeper, m.Gatekeeper, s.Gatekeeper),
			Liaison:        z(r.Liaison, m.Liaison, s.Liaison),
			Total:          z(r.Known(), m.Total, s.Total),
		}
	}
	return out
}
