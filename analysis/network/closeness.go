package network

import (
	"context"
	"math/bits"
	"unsafe"
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
// searches 256 sources at a time, O(n+m) memory: no all-pairs matrix
// (docs/engine.md).
func Closeness(g *Graph) []float64 {
	c, _ := ClosenessContext(context.Background(), g)
	return c
}

// ClosenessContext is Closeness that stops when ctx is done (checked before
// every batch of 256 sources) and then returns ctx.Err().
//
// It renumbers the nodes in breadth-first order (bfsOrder), so that the
// sources of a batch are close in the network and their searches reach
// most nodes at about the same depth, and runs one multi-source search
// (msbfs) per batch of 256 consecutive sources, the batches shared among
// the workers as Parallel shares them. Each worker adds up its own sums,
// in the order of its batches, and the workers' sums are added in worker
// order: the result depends only on g and runtime.GOMAXPROCS. Each worker
// holds about 110 bytes per node.
func ClosenessContext(ctx context.Context, g *Graph) ([]float64, error) {
	n := g.N()
	c := make([]float64, n)
	if n <= 1 {
		return c, ctx.Err()
	}
	bg, perm := bfsOrder(g)
	batches := (n + msWidth - 1) / msWidth
	bufs := make([]*msbfs, Workers(batches))
	defer func() {
		for _, m := range bufs {
			if m != nil {
				m.release()
			}
		}
	}()
	err := ParallelContext(ctx, batches, func(w, b int) {
		m := bufs[w]
		if m == nil {
			m = newMSBFS(n)
			bufs[w] = m
		}
		m.run(bg, b*msWidth, min(b*msWidth+msWidth, n))
	})
	if err != nil {
		return nil, err
	}
	sum := make([]float64, n)
	for _, m := range bufs {
		if m == nil {
			continue
		}
		for i, v := range m.harm {
			sum[i] += v
		}
	}
	for v, p := range perm {
		c[v] = sum[p] / float64(n-1)
	}
	return c, nil
}

// msWidth is the number of sources of a batch of Closeness: the bits of an
// msRow.
const msWidth = 256

// msRow holds one bit per source of a batch: bit k%64 of word k/64 stands
// for the k-th source. A row read at random serves four times as many
// sources as one word would, for about the cost of one memory access.
type msRow [msWidth / 64]uint64

func (r *msRow) zero() bool { return r[0]|r[1]|r[2]|r[3] == 0 }

func (r *msRow) ones() int {
	return bits.OnesCount64(r[0]) + bits.OnesCount64(r[1]) + bits.OnesCount64(r[2]) + bits.OnesCount64(r[3])
}

// msbfs holds the buffers of one worker of Closeness.
type msbfs struct {
	seen    []msRow // bit k: reached from the k-th source of the batch
	front   []msRow // bit k: reached from the k-th source at this level
	next    []msRow // all zero between levels
	harm    []float64
	active  []int32 // the nodes with a non-zero front
	touched []int32
	free    func() // frees seen, front and next
}

// newMSBFS returns the buffers of a worker for n nodes. The three bit rows
// of every node come from allocRows, in huge pages where the kernel allows
// it: the bottom-up steps read front at random.
func newMSBFS(n int) *msbfs {
	words := len(msRow{})
	buf, free := allocRows(3 * n * words)
	rows := unsafe.Slice((*msRow)(unsafe.Pointer(unsafe.SliceData(buf))), 3*n)
	return &msbfs{
		seen: rows[:n:n], front: rows[n : 2*n : 2*n], next: rows[2*n:],
		harm: make([]float64, n), free: free,
	}
}

// release frees the rows; m must not be used after.
func (m *msbfs) release() {
	m.seen, m.front, m.next = nil, nil, nil
	m.free()
}

// run adds Σ 1/d(s, v) over the sources s in [lo, hi) (at most msWidth)
// to harm[v] for every node v.
//
// Each level is expanded top-down (the frontier pushes its bits to its
// neighbours) while the frontier has few arcs next to those of the nodes
// not yet reached from every source, and bottom-up (each of those nodes
// pulls its neighbours' bits, and stops once it has them all) otherwise,
// after S. Beamer, K. Asanović and D. Patterson, Direction-optimizing
// breadth-first search, SC 2012, doi:10.1109/SC.2012.50.
func (m *msbfs) run(g *Graph, lo, hi int) {
	off, nbr := g.off, g.nbr
	n := len(m.seen)
	clear(m.seen)
	clear(m.front)
	// out has the bits of no source set (the end of the last batch): a
	// node is done when seen | out is all ones.
	out := msRow{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	active := m.active[:0]
	for s := lo; s < hi; s++ {
		k := s - lo
		m.seen[s][k/64] = 1 << (k % 64)
		m.front[s] = m.seen[s]
		out[k/64] &^= 1 << (k % 64)
		active = append(active, int32(s))
	}
	undone := len(nbr) // at least the arcs of the nodes not done
	for d := 1; len(active) > 0; d++ {
		seen, front, next, harm := m.seen, m.front, m.next, m.harm
		inv := 1 / float64(d)
		arcs := 0
		for _, v := range active {
			arcs += int(off[v+1] - off[v])
		}
		if 4*arcs < undone {
			touched := m.touched[:0]
			for _, v := range active {
				f := front[v]
				front[v] = msRow{}
				for _, w := range nbr[off[v]:off[v+1]] {
					nw := &next[w]
					if nw.zero() {
						touched = append(touched, w)
					}
					nw[0] |= f[0]
					nw[1] |= f[1]
					nw[2] |= f[2]
					nw[3] |= f[3]
				}
			}
			active = active[:0]
			for _, w := range touched {
				nw, sw := &next[w], &seen[w]
				r := msRow{nw[0] &^ sw[0], nw[1] &^ sw[1], nw[2] &^ sw[2], nw[3] &^ sw[3]}
				*nw = msRow{}
				if r.zero() {
					continue
				}
				sw[0] |= r[0]
				sw[1] |= r[1]
				sw[2] |= r[2]
				sw[3] |= r[3]
				if (sw[0]|out[0])&(sw[1]|out[1])&(sw[2]|out[2])&(sw[3]|out[3]) == ^uint64(0) {
					undone -= int(off[w+1] - off[w])
				}
				front[w] = r
				harm[w] += float64(r.ones()) * inv
				active = append(active, w)
			}
			m.touched = touched
			continue
		}
		// Bottom-up. A node reads only its neighbours' front and writes
		// only its own seen and next, so one pass does it.
		active = active[:0]
		for v := range n {
			sv := &seen[v]
			d0, d1, d2, d3 := sv[0]|out[0], sv[1]|out[1], sv[2]|out[2], sv[3]|out[3]
			if d0&d1&d2&d3 == ^uint64(0) {
				continue
			}
			a0, a1, a2, a3 := d0, d1, d2, d3
			for _, w := range nbr[off[v]:off[v+1]] {
				f := &front[w]
				a0 |= f[0]
				a1 |= f[1]
				a2 |= f[2]
				a3 |= f[3]
				if a0&a1&a2&a3 == ^uint64(0) {
					break // reached from every source
				}
			}
			r := msRow{a0 &^ d0, a1 &^ d1, a2 &^ d2, a3 &^ d3}
			if r.zero() {
				continue
			}
			sv[0] |= r[0]
			sv[1] |= r[1]
			sv[2] |= r[2]
			sv[3] |= r[3]
			if a0&a1&a2&a3 == ^uint64(0) {
				undone -= int(off[v+1] - off[v])
			}
			next[v] = r
			harm[v] += float64(r.ones()) * inv
			active = append(active, int32(v))
		}
		m.front, m.next = next, front
		clear(m.next)
	}
	m.active = active
}
