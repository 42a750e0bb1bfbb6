package network

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// BetweennessApprox estimates the normalised betweenness of every node (the
// values Betweenness returns) from r shortest paths drawn at random, and
// returns the estimates and r (M. Riondato and E. M. Kornaropoulos, Fast
// approximation of betweenness centrality through sampling, Data Min.
// Knowl. Disc. 30(2), 2016, doi:10.1007/s10618-015-0423-0). With
// probability at least 1-delta every estimate is within eps of the exact
// value:
//
//	r = ⌈(c/ε'²)(⌊log2(VD-2)⌋ + 1 + ln(1/δ))⌉,  c = 0.5,  ε' = ε(n-2)/n,
//
// with VD, the vertex diameter, bounded by 2e+1 (e the eccentricity of one
// node per component); ε' and a factor n/(n-2) carry the paper's guarantee to
// NetworkX's normalisation. The same src gives the same estimates whatever
// the number of workers (docs/engine.md). Where no shortest path can have an
// interior node (VD ≤ 2, or n ≤ 2) the estimates are exact zeros and r is 0.
//
// BetweennessApprox panics unless 0 < eps < 1 and 0 < delta < 1.
func BetweennessApprox(g *Graph, eps, delta float64, src rand.Source) (bc []float64, samples int) {
	bc, samples, _ = BetweennessApproxContext(context.Background(), g, eps, delta, src)
	return bc, samples
}

// BetweennessApproxContext is BetweennessApprox that stops when ctx is done
// (checked before every sample) and then returns ctx.Err().
func BetweennessApproxContext(ctx context.Context, g *Graph, eps, delta float64, src rand.Source) (bc []float64, samples int, err error) {
	if !(eps > 0 && eps < 1) || !(delta > 0 && delta < 1) {
		panic(fmt.Sprintf("network: BetweennessApprox needs 0 < eps, delta < 1, got eps=%v delta=%v", eps, delta))
	}
	n := g.N()
	bc = make([]float64, n)
	if n <= 2 {
		return bc, 0, ctx.Err()
	}
	comp, _ := Components(g)
	vd := vertexDiameterBound(g, comp)
	if vd <= 2 {
		return bc, 0, ctx.Err()
	}
	e := eps * float64(n-2) / float64(n)
	const c = 0.5
	r := int(math.Ceil(c / (e * e) * (math.Floor(math.Log2(float64(vd-2))) + 1 + math.Log(1/delta))))

	// Sample i draws from a PCG seeded with (base, i): reproducible from
	// src whatever the number of workers, and no memory per sample.
	base := rand.New(src).Uint64()
	bufs := make([]*pathSampler, Workers(r))
	err = ParallelContext(ctx, r, func(w, i int) {
		p := bufs[w]
		if p == nil {
			p = newPathSampler(n)
			bufs[w] = p
		}
		p.pcg.Seed(base, uint64(i))
		s := p.rng.IntN(n)
		t := p.rng.IntN(n - 1)
		if t >= s {
			t++
		}
		if comp[s] == comp[t] {
			p.sample(g, s, t)
		}
	})
	if err != nil {
		return nil, 0, err
	}
	count := make([]int64, n)
	for _, p := range bufs {
		if p == nil {
			continue
		}
		for i, k := range p.count {
			count[i] += int64(k)
		}
	}
	scale := float64(n) / float64(n-2) / float64(r)
	for i, k := range count {
		bc[i] = float64(k) * scale
	}
	return bc, r, nil
}

// vertexDiameterBound returns an upper bound on the number of nodes of the
// longest shortest path: 2e+1, where e is the largest eccentricity of the
// first node of each connected component.
func vertexDiameterBound(g *Graph, comp []int) int {
	n := g.N()
	dist := make([]int32, n)
	for i := range dist {
		dist[i] = -1
	}
	queue := make([]int32, 0, n)
	seen := -1
	ecc := int32(0)
	for s := 0; s < n; s++ {
		if comp[s] <= seen { // components are numbered by first node
			continue
		}
		seen = comp[s]
		dist[s] = 0
		queue = append(queue[:0], int32(s))
		for h := 0; h < len(queue); h++ {
			v := queue[h]
			for _, w := range g.Neighbors(int(v)) {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
			}
		}
		ecc = max(ecc, dist[queue[len(queue)-1]])
	}
	return 2*int(ecc) + 1
}

// pathSampler holds the buffers of one worker of BetweennessApprox.
type pathSampler struct {
	distS, distT   []int32
	sigS, sigT     []float64
	next           []int32 // the next frontier
	frontS, frontT []int32
	seenS, seenT   []int32 // nodes to reset
	count          []int32
	pcg            *rand.PCG
	rng            *rand.Rand
}

func newPathSampler(n int) *pathSampler {
	p := &pathSampler{
		distS: make([]int32, n), distT: make([]int32, n),
		sigS: make([]float64, n), sigT: make([]float64, n),
		count: make([]int32, n),
		pcg:   rand.NewPCG(0, 0),
	}
	p.rng = rand.New(p.pcg)
	for i := 0; i < n; i++ {
		p.distS[i], p.distT[i] = -1, -1
	}
	return p
}

// sample draws one shortest path between s and t (which must be connected)
// and counts its interior nodes.
func (p *pathSampler) sample(g *Graph, s, t int) {
	p.distS[s], p.sigS[s] = 0, 1
	p.distT[t], p.sigT[t] = 0, 1
	p.frontS = append(p.frontS[:0], int32(s))
	p.frontT = append(p.frontT[:0], int32(t))
	p.seenS = append(p.seenS[:0], int32(s))
	p.seenT = append(p.seenT[:0], int32(t))
	costS, costT := g.Degree(s), g.Degree(t)
	var meet int32 = -1
	var fromS bool
	for meet < 0 && len(p.frontS) > 0 && len(p.frontT) > 0 {
		// Expand the side whose frontier has fewer arcs to scan.
		if costS <= costT {
			p.frontS, p.seenS, costS, meet = p.expand(g, p.frontS, p.seenS, p.distS, p.sigS, p.distT)
			fromS = true
		} else {
			p.frontT, p.seenT, costT, meet = p.expand(g, p.frontT, p.seenT, p.distT, p.sigT, p.distS)
			fromS = false
		}
	}
	if meet >= 0 {
		// Draw the meeting node among the new frontier's nodes reached
		// from both sides, in proportion to the paths through it.
		front, dist := p.frontS, p.distT
		if !fromS {
			front, dist = p.frontT, p.distS
		}
		total := 0.0
		for _, v := range front {
			if dist[v] >= 0 {
				total += p.sigS[v] * p.sigT[v]
			}
		}
		u := p.rng.Float64() * total
		var m int32 = -1
		for _, v := range front {
			if dist[v] >= 0 {
				m = v
				u -= p.sigS[v] * p.sigT[v]
				if u < 0 {
					break
				}
			}
		}
		if int(m) != s && int(m) != t {
			p.count[m]++
		}
		p.walk(g, m, p.distS, p.sigS, s, t)
		p.walk(g, m, p.distT, p.sigT, s, t)
	}
	for _, v := range p.seenS {
		p.distS[v] = -1
	}
	for _, v := range p.seenT {
		p.distT[v] = -1
	}
}

// expand grows one side of the bidirectional search by one level. It returns
// the new frontier, the grown list of reached nodes, the number of arcs the
// new frontier has, and a node of the new frontier that the other side has
// reached, or -1.
func (p *pathSampler) expand(g *Graph, front, seen []int32, dist []int32, sig []float64, other []int32) ([]int32, []int32, int, int32) {
	off, nbr := g.off, g.nbr
	next := p.next[:0]
	cost := 0
	var meet int32 = -1
	for _, v := range front {
		dv := dist[v] + 1
		sv := sig[v]
		for _, w := range nbr[off[v]:off[v+1]] {
			switch dw := dist[w]; {
			case dw < 0:
				dist[w] = dv
				sig[w] = sv
				next = append(next, w)
				seen = append(seen, w)
				cost += int(off[w+1] - off[w])
				if other[w] >= 0 {
					meet = w
				}
			case dw == dv:
				sig[w] += sv
			}
		}
	}
	p.next = front[:0]
	return next, seen, cost, meet
}

// walk follows one shortest path from v back to the root of one side (the
// node at distance 0 in dist), drawing each predecessor in proportion to its
// path count, and counts the nodes passed other than s and t.
func (p *pathSampler) walk(g *Graph, v int32, dist []int32, sig []float64, s, t int) {
	for dist[v] > 0 {
		d := dist[v] - 1
		u := p.rng.Float64() * sig[v]
		var pick int32 = -1
		for _, w := range g.Neighbors(int(v)) {
			if dist[w] == d {
				pick = w
				u -= sig[w]
				if u < 0 {
					break
				}
			}
		}
		v = pick
		if int(v) != s && int(v) != t {
			p.count[v]++
		}
	}
}
