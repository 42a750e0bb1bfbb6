package network

import (
	"context"
	"math/bits"
)

// Closeness returns the harmonic closeness centrality of every node,
//
//	c(v) = 1/(n-1) · Σ_{u≠v} 1/d(u, v),
//
// counting hops; an unreachable node adds 0, so the measure is defined on
// disconnected graphs, and for n ≤ 1 every value is 0. This is
// networkx.harmonic_centrality(G)[v]/(n-1) (M. Marchiori and V. Latora,
// Harmony in the small-world, Physica A 285, 2000,
// doi:10.1016/S0378-4371(00)00311-3). The distances come from breadth-first
// searches 64 sources at a time, O(n+m) memory: no all-pairs matrix
// (docs/engine.md).
func Closeness(g *Graph) []float64 {
	c, _ := ClosenessContext(context.Background(), g)
	return c
}

// ClosenessContext is Closeness that stops when ctx is done (checked before
// every batch of 64 sources) and then returns ctx.Err().
func ClosenessContext(ctx context.Context, g *Graph) ([]float64, error) {
	n := g.N()
	c := make([]float64, n)
	if n <= 1 {
		return c, ctx.Err()
	}
	batches := (n + 63) / 64
	bufs := make([]*msbfs, Workers(batches))
	err := ParallelContext(ctx, batches, func(w, b int) {
		m := bufs[w]
		if m == nil {
			m = newMSBFS(n)
			bufs[w] = m
		}
		m.run(g, b*64, min(b*64+64, n))
	})
	if err != nil {
		return nil, err
	}
	for _, m := range bufs {
		if m == nil {
			continue
		}
		for i, v := range m.harm {
			c[i] += v
		}
	}
	for i := range c {
		c[i] /= float64(n - 1)
	}
	return c, nil
}

// msbfs holds the buffers of one worker of Closeness.
type msbfs struct {
	seen    []uint64 // bit k: reached from the k-th source of the batch
	front   []uint64 // bit k: reached from the k-th source at this level
	next    []uint64 // all zero between levels
	harm    []float64
	active  []int32 // the nodes with a non-zero front
	touched []int32
}

func newMSBFS(n int) *msbfs {
	return &msbfs{
		seen: make([]uint64, n), front: make([]uint64, n), next: make([]uint64, n),
		harm: make([]float64, n),
	}
}

// run adds Σ 1/d(s, v) over the sources s in [lo, hi) (at most 64) to
// harm[v] for every node v.
//
// Each level is expanded top-down (the frontier pushes its bits to its
// neighbours) while the frontier has few arcs, and bottom-up (every node not
// yet reached from all sources pulls its neighbours' bits) once it has many,
// after S. Beamer, K. Asanović and D. Patterson, Direction-optimizing
// breadth-first search, SC 2012, doi:10.1109/SC.2012.50.
func (m *msbfs) run(g *Graph, lo, hi int) {
	off, nbr := g.off, g.nbr
	n := len(m.seen)
	clear(m.seen)
	clear(m.front)
	clear(m.next)
	active := m.active[:0]
	for s := lo; s < hi; s++ {
		m.seen[s] = 1 << (s - lo)
		m.front[s] = m.seen[s]
		active = append(active, int32(s))
	}
	all := ^uint64(0) >> (64 - (hi - lo))
	for d := 1; len(active) > 0; d++ {
		seen, front, next := m.seen, m.front, m.next
		inv := 1 / float64(d)
		arcs := 0
		for _, v := range active {
			arcs += int(off[v+1] - off[v])
		}
		if arcs < len(nbr)/16 {
			touched := m.touched[:0]
			for _, v := range active {
				f := front[v]
				front[v] = 0
				for _, w := range nbr[off[v]:off[v+1]] {
					if next[w] == 0 {
						touched = append(touched, w)
					}
					next[w] |= f
				}
			}
			active = active[:0]
			for _, w := range touched {
				nw := next[w] &^ seen[w]
				next[w] = 0
				if nw != 0 {
					seen[w] |= nw
					front[w] = nw
					m.harm[w] += float64(bits.OnesCount64(nw)) * inv
					active = append(active, w)
				}
			}
			m.touched = touched
			continue
		}
		for v := 0; v < n; v++ {
			sv := seen[v]
			if sv == all {
				continue
			}
			var acc uint64
			for _, w := range nbr[off[v]:off[v+1]] {
				acc |= front[w]
			}
			next[v] = acc &^ sv
		}
		active = active[:0]
		for v := 0; v < n; v++ {
			if nw := next[v]; nw != 0 {
				seen[v] |= nw
				m.harm[v] += float64(bits.OnesCount64(nw)) * inv
				active = append(active, int32(v))
			}
		}
		m.front, m.next = next, front
		clear(m.next)
	}
	m.active = active
}
