package network

import (
	"context"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// Betweenness returns the normalised shortest-path betweenness centrality of
// every node, counting hops (tie weights are ignored):
//
//	b(v) = 2/((n-1)(n-2)) · Σ_{s<t, s≠v≠t} σ_st(v)/σ_st
//
// where σ_st is the number of shortest paths between s and t and σ_st(v) the
// number of them through v; pairs with no path add nothing, and for n ≤ 2
// every value is 0. This is networkx.betweenness_centrality(G,
// normalized=True). The algorithm is Brandes' (U. Brandes, A faster
// algorithm for betweenness centrality, J. Math. Sociol. 25(2), 2001,
// doi:10.1080/0022250X.2001.9990249), O(nm) time, with the searches run 64
// sources at a time on all cores in 512 bytes per node and worker, at most
// 512 MB (docs/engine.md). The result does not depend on the number of
// cores.
func Betweenness(g *Graph) []float64 {
	bc, _ := betweenness(context.Background(), g, batchWorkers(g.N()))
	return bc
}

// BetweennessContext is Betweenness that stops when ctx is done (checked
// before every batch of 64 sources, or every source) and then returns
// ctx.Err().
func BetweennessContext(ctx context.Context, g *Graph) ([]float64, error) {
	return betweenness(ctx, g, batchWorkers(g.N()))
}

// batchMemory bounds the path-count rows of the batched Brandes over all
// its workers, in bytes. Tests lower it.
var batchMemory = 512 << 20

// batchWorkers returns the number of workers of the batched Brandes for n
// nodes: one per batch of 64 sources and core (Workers), but no more than
// the rows of batchMemory hold, 512 bytes per node each; 0 when not even
// one worker's rows fit (beyond a million nodes), and the sources are then
// taken one at a time. On a machine with many cores the bound caps the
// workers rather than giving up the batches, which are several times
// faster than as many workers taking one source at a time.
func batchWorkers(n int) int {
	fit := batchMemory / max(1, n*batchWidth*8)
	return min(Workers((n+batchWidth-1)/batchWidth), fit)
}

// batchWidth is the number of sources of a batch: the bits of a uint64.
const batchWidth = 64

// betweenness computes Betweenness with the batched Brandes on k workers,
// or, when k is 0, one source at a time on Workers(n).
func betweenness(ctx context.Context, g *Graph, k int) ([]float64, error) {
	n := g.N()
	bc := make([]float64, n)
	if n <= 2 {
		return bc, ctx.Err()
	}
	if k > 0 {
		bn, perm := bfsOrder(g)
		sum, err := batchedBrandes(ctx, bn, k)
		if err != nil {
			return nil, err
		}
		// Each unordered pair was counted once; back to node order.
		scale := 2 / (float64(n-1) * float64(n-2))
		for v, p := range perm {
			bc[v] = sum[p] * scale
		}
		return bc, nil
	}
	bufs := make([]*brandes, Workers(n))
	err := ParallelContext(ctx, n, func(w, s int) {
		b := bufs[w]
		if b == nil {
			b = newBrandes(n)
			bufs[w] = b
		}
		b.source(g, s)
	})
	if err != nil {
		return nil, err
	}
	for _, b := range bufs {
		if b != nil {
			for i, v := range b.bc {
				bc[i] += v
			}
		}
	}
	// Each unordered pair was counted from both ends.
	scale := 1 / (float64(n-1) * float64(n-2))
	for i := range bc {
		bc[i] *= scale
	}
	return bc, nil
}

// batchedBrandes returns Σ_{t<s} σ_st(v)/σ_st over all sources s, for
// every node v of g, whose nodes must be numbered so that sources close
// in number are close in the network (see bfsOrder). The batches of 64
// sources go to the k workers (at most one per batch) as they free up, from the last batch (whose
// sources have the most targets) to the first, so that the workers finish
// together; their sums are added in that order whatever the number of
// workers, so the result does not depend on it.
//
// Before each batch it checks ctx; once ctx is done no batch is begun, and
// it returns ctx.Err() when the running ones have finished.
func batchedBrandes(ctx context.Context, g *Graph, k int) ([]float64, error) {
	n := g.N()
	batches := (n + batchWidth - 1) / batchWidth
	k = max(1, min(k, batches))
	sum := make([]float64, n)
	var (
		mu      sync.Mutex
		changed = sync.NewCond(&mu)
		taken   int                   // batches handed out, in the order above
		added   int                   // batches added to sum
		done    = map[int][]float64{} // finished batches not yet added
		spare   [][]float64           // zeroed sum buffers
	)
	var wg sync.WaitGroup
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := newBrandesBatch(n)
			defer b.release()
			for {
				mu.Lock()
				// A worker stalled on one batch holds up the adding of
				// the later ones: at most 2k of them wait, with their
				// buffers.
				for taken < batches && taken-added > 2*k {
					changed.Wait()
				}
				if taken < batches && ctx.Err() != nil {
					taken = batches // no more batches, for any worker
					changed.Broadcast()
				}
				if taken == batches {
					mu.Unlock()
					return
				}
				i := taken
				taken++
				var out []float64
				if len(spare) > 0 {
					out, spare = spare[len(spare)-1], spare[:len(spare)-1]
				}
				mu.Unlock()

				if out == nil {
					out = make([]float64, n)
				}
				lo := (batches - 1 - i) * batchWidth
				b.run(g, lo, min(lo+batchWidth, n), out)

				mu.Lock()
				done[i] = out
				for out, ok := done[added]; ok; out, ok = done[added] {
					delete(done, added)
					for v, x := range out {
						sum[v] += x
					}
					clear(out)
					spare = append(spare, out)
					added++
				}
				changed.Broadcast()
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return sum, nil
}

// bfsOrder returns g with its nodes renumbered in breadth-first order,
// and perm with perm[v] the new number of node v. Each search starts from
// the node of highest degree not yet numbered (ties by index) and takes
// neighbours in order of decreasing degree. Only the adjacency is kept.
func bfsOrder(g *Graph) (*Graph, []int32) {
	n := g.N()
	byDeg := make([]int32, n)
	for i := range byDeg {
		byDeg[i] = int32(i)
	}
	slices.SortStableFunc(byDeg, func(a, b int32) int { return g.Degree(int(b)) - g.Degree(int(a)) })
	dn, dperm := renumber(g, byDeg)
	// In dn, a lower number means a higher degree, and rows are sorted.
	seen := make([]bool, n)
	order := make([]int32, 0, n)
	for s := 0; s < n; s++ {
		if seen[s] {
			continue
		}
		seen[s] = true
		order = append(order, int32(s))
		for h := len(order) - 1; h < len(order); h++ {
			for _, w := range dn.Neighbors(int(order[h])) {
				if !seen[w] {
					seen[w] = true
					order = append(order, w)
				}
			}
		}
	}
	bn, bperm := renumber(dn, order)
	for v, p := range dperm {
		dperm[v] = bperm[p]
	}
	return bn, dperm
}

// renumber returns g with node order[p] numbered p, each row sorted, and
// perm with perm[v] the new number of node v. Only the adjacency is kept.
func renumber(g *Graph, order []int32) (*Graph, []int32) {
	n := g.N()
	perm := make([]int32, n)
	for p, v := range order {
		perm[v] = int32(p)
	}
	rn := &Graph{off: make([]int32, n+1), nbr: make([]int32, len(g.nbr))}
	k := int32(0)
	for p, v := range order {
		row := rn.nbr[k : k+int32(g.Degree(int(v)))]
		for j, u := range g.Neighbors(int(v)) {
			row[j] = perm[u]
		}
		slices.Sort(row)
		k += int32(len(row))
		rn.off[p+1] = k
	}
	return rn, perm
}

// brandesBatch holds the buffers of one worker of the batched Brandes
// algorithm: bit j of a mask stands for the j-th source of the batch.
type brandesBatch struct {
	seen  []uint64  // sources that have reached each node
	front []uint64  // sources for which each node is at the current level (backward: one level deeper, c ≠ 0)
	next  []uint64  // zero between levels
	sig   []float64 // row v (batchWidth wide): σ_j(v), then c_j(v), for each source j
	list  []levelEntry
	level []int // list[level[d]:level[d+1]] holds the nodes at distance d
	todo  []int32
	acc   [batchWidth]float64
	free  func() // frees sig
}

// levelEntry says that node v is at some distance from the sources in m;
// once the backward pass has handled it, m keeps only the sources j with
// c_j(v) ≠ 0.
type levelEntry struct {
	v int32
	m uint64
}

func newBrandesBatch(n int) *brandesBatch {
	b := &brandesBatch{
		seen: make([]uint64, n), front: make([]uint64, n), next: make([]uint64, n),
	}
	b.sig, b.free = allocRows(n * batchWidth)
	return b
}

// release frees the rows; b must not be used after.
func (b *brandesBatch) release() {
	b.sig = nil
	b.free()
}

// row returns the σ row of node v.
func (b *brandesBatch) row(v int32) []float64 {
	i := int(v) * batchWidth
	return b.sig[i : i+batchWidth : i+batchWidth]
}

// addLanes adds src[j] to dst[j] for every source j in m.
func addLanes(dst, src []float64, m uint64) {
	dst, src = dst[:batchWidth], src[:batchWidth] // no bounds checks below
	for ; m != 0; m &= m - 1 {
		j := bits.TrailingZeros64(m)
		dst[j] += src[j]
	}
}

// run adds Σ_{t<s} σ_st(v)/σ_st, for the sources s in [lo, hi) (at most
// 64), to out[v] for every node v. Source j's targets are the nodes
// numbered below lo+j. It takes four passes over the levels of the search.
//
// 1. Forward, the levels alone: the nodes first reached at distance d from
// some sources (mask m) are found top-down from the previous level while it
// has few arcs, else bottom-up (S. Beamer et al., Direction-optimizing
// breadth-first search, SC 2012, doi:10.1109/SC.2012.50), with bit
// operations only. Once a source has reached all its targets, it takes part
// in no deeper level.
//
// 2. Backward, still with bit operations only: an entry keeps only the
// sources j for which v is a target or has a neighbour one level deeper
// that keeps j, that is, for which v lies on a shortest path from the
// source to one of its targets. Every other σ_j(v) would be computed for
// nothing, and for the first batches, whose targets lie near the centre,
// that is most of them.
//
// 3. Forward, over the sources kept: σ_j(v) = Σ σ_j(u) over neighbours u
// one level up that keep j. A node on a shortest path to a target has all
// its predecessors on one too, so the sums are complete.
//
// 4. Backward, from the deepest level up, with
// c_j(v) = ([v < lo+j] + δ_j(v))/σ_j(v), where δ_j(v) = Σ_{t<lo+j} σ_jt(v)/σ_jt:
// δ_j(v) = σ_j(v) Σ c_j(w) over neighbours w one level deeper, and
// c_j(v) = [v < lo+j]/σ_j(v) + Σ c_j(w) overwrites σ_j(v). c_j(v) ≠ 0
// exactly for the sources kept in pass 2.
func (b *brandesBatch) run(g *Graph, lo, hi int, out []float64) {
	off, nbr := g.off, g.nbr
	n := len(b.seen)
	seen, front, next := b.seen, b.front, b.next
	clear(seen)
	// live: the sources with targets not yet reached. Those below low
	// have been reached from every live source.
	live := ^uint64(0) >> (batchWidth - (hi - lo))
	low := 0
	list := b.list[:0]
	level := append(b.level[:0], 0)
	for s := lo; s < hi; s++ {
		j := s - lo
		bit := uint64(1) << j
		if s == 0 {
			live &^= bit // no targets
		}
		seen[s] = bit
		front[s] = bit
		list = append(list, levelEntry{int32(s), bit})
	}
	level = append(level, len(list))
	for live != 0 {
		cur := list[level[len(level)-2]:level[len(level)-1]]
		start := len(list)
		arcs := 0
		for _, e := range cur {
			arcs += int(off[e.v+1] - off[e.v])
		}
		if arcs < len(nbr)/16 {
			// Top-down: the level pushes its masks to its neighbours.
			todo := b.todo[:0]
			for _, e := range cur {
				m := e.m & live
				if m == 0 {
					continue
				}
				for _, w := range nbr[off[e.v]:off[e.v+1]] {
					if next[w] == 0 {
						todo = append(todo, w)
					}
					next[w] |= m
				}
			}
			for _, w := range todo {
				nw := next[w] &^ seen[w]
				next[w] = 0
				if nw != 0 {
					seen[w] |= nw
					list = append(list, levelEntry{w, nw})
				}
			}
			b.todo = todo
		} else {
			// Bottom-up: every node not yet reached from all live
			// sources pulls from its neighbours.
			for v := int32(0); v < int32(n); v++ {
				done := seen[v] | ^live
				if done == ^uint64(0) {
					continue
				}
				nw := done
				for _, u := range nbr[off[v]:off[v+1]] {
					if nw |= front[u]; nw == ^uint64(0) {
						break // every source has reached v
					}
				}
				if nw &^= done; nw != 0 {
					seen[v] |= nw
					list = append(list, levelEntry{v, nw})
				}
			}
		}
		if len(list) == start {
			break
		}
		// A source whose targets have all been reached goes no deeper.
		for low < lo && seen[low]&live == live {
			low++
		}
		open := live
		for v := low; open != 0; v++ {
			if v >= lo {
				// Sources j ≤ v-lo have had all their targets checked.
				done := open & (2<<(v-lo) - 1)
				live &^= done
				open &^= done
				if open == 0 {
					break
				}
			}
			open &= seen[v] // the others have not reached v: not done
		}
		for _, e := range cur {
			front[e.v] = 0
		}
		for _, e := range list[start:] {
			front[e.v] = e.m
		}
		level = append(level, len(list))
	}
	for _, e := range list[level[len(level)-2]:] {
		front[e.v] = 0
	}

	deepest := len(level) - 2
	at := func(d int) []levelEntry { return list[level[d]:level[d+1]] }
	// targets returns the sources in m for which v is a target.
	targets := func(v int32, m uint64) uint64 {
		switch {
		case int(v) < lo:
			return m
		case int(v) < hi:
			return m &^ (2<<(int(v)-lo) - 1)
		}
		return 0
	}
	// mark sets mask[v] for the entries of level d and clears it for
	// those of level clear (when in range).
	mark := func(mask []uint64, d, clear int) {
		if clear >= 0 && clear <= deepest {
			for _, e := range at(clear) {
				mask[e.v] = 0
			}
		}
		if d >= 0 && d <= deepest {
			for _, e := range at(d) {
				mask[e.v] = e.m
			}
		}
	}

	// Pass 2: keep the sources for which the entry leads to a target.
	below := front
	for d := deepest; d >= 1; d-- {
		mark(below, d+1, d+2)
		for i := level[d]; i < level[d+1]; i++ {
			e := &list[i]
			keep := targets(e.v, e.m)
			if d < deepest && keep != e.m {
				for _, w := range nbr[off[e.v]:off[e.v+1]] {
					keep |= below[w] & e.m
				}
			}
			e.m = keep
		}
	}
	mark(below, -1, 2)

	// Pass 3: σ over the sources kept.
	above := front
	for s := lo; s < hi; s++ {
		b.row(int32(s))[s-lo] = 1 // entries are set before they are read: no clearing
	}
	for d := 1; d <= deepest; d++ {
		mark(above, d-1, d-2)
		for _, e := range at(d) {
			if e.m == 0 {
				continue
			}
			row := b.row(e.v)[:batchWidth]
			var set uint64
			for _, u := range nbr[off[e.v]:off[e.v+1]] {
				pm := above[u] & e.m
				if pm == 0 {
					continue
				}
				urow := b.row(u)[:batchWidth]
				for m := pm &^ set; m != 0; m &= m - 1 {
					j := bits.TrailingZeros64(m)
					row[j] = urow[j]
				}
				addLanes(row, urow, pm&set)
				set |= pm
			}
		}
	}
	mark(above, -1, deepest-1)

	// Pass 4: the dependencies.
	acc := b.acc[:]
	for d := deepest; d >= 1; d-- {
		mark(below, d+1, d+2)
		for _, e := range at(d) {
			if e.m == 0 {
				continue
			}
			// got: the sources for which a neighbour one level deeper
			// has c ≠ 0; their sum is in acc.
			var got uint64
			if d < deepest {
				for _, w := range nbr[off[e.v]:off[e.v+1]] {
					if wm := below[w] & e.m; wm != 0 {
						got |= wm
						addLanes(acc, b.row(w), wm)
					}
				}
			}
			tm := targets(e.v, e.m)
			row := b.row(e.v)[:batchWidth]
			sum := 0.0
			for m := got; m != 0; m &= m - 1 {
				j := bits.TrailingZeros64(m)
				s, c := row[j], acc[j]
				acc[j] = 0
				sum += s * c
				if tm&(1<<j) != 0 {
					c += 1 / s
				}
				row[j] = c
			}
			for m := tm &^ got; m != 0; m &= m - 1 {
				j := bits.TrailingZeros64(m)
				row[j] = 1 / row[j]
			}
			out[e.v] += sum
		}
	}
	mark(below, -1, 2)
	b.list, b.level = list, level
}

// brandes holds the buffers of one worker of the one-source-at-a-time
// Betweenness, used when the batches' buffers would be too large.
type brandes struct {
	dist  []int32   // hops from the source, -1 when not reached
	sigma []float64 // shortest-path counts; reused for the dependencies
	order []int32   // nodes in the order they were reached
	bc    []float64 // partial sums of dependencies
}

func newBrandes(n int) *brandes {
	b := &brandes{
		dist:  make([]int32, n),
		sigma: make([]float64, n),
		order: make([]int32, n),
		bc:    make([]float64, n),
	}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// source adds the dependencies of source s to b.bc.
//
// The accumulation pulls rather than pushes: with c(w) = (1+δ(w))/σ(w),
// δ(v) = σ(v) Σ_{w succ v} c(w) and c(v) = 1/σ(v) + Σ_{w succ v} c(w), so
// every node reads its successors and writes only itself, and c overwrites
// σ in place.
func (b *brandes) source(g *Graph, s int) {
	off, nbr := g.off, g.nbr
	dist, sigma, order := b.dist, b.sigma, b.order
	dist[s] = 0
	sigma[s] = 1
	order[0] = int32(s)
	tail := 1
	for h := 0; h < tail; h++ {
		v := order[h]
		dv := dist[v] + 1
		sv := sigma[v]
		for _, w := range nbr[off[v]:off[v+1]] {
			switch dw := dist[w]; {
			case dw < 0:
				dist[w] = dv
				sigma[w] = sv
				order[tail] = w
				tail++
			case dw == dv:
				sigma[w] += sv
			}
		}
	}
	last := dist[order[tail-1]]
	bc := b.bc
	for i := tail - 1; i > 0; i-- {
		v := order[i]
		dv := dist[v]
		sum := 0.0
		if dv < last {
			dn := dv + 1
			for _, w := range nbr[off[v]:off[v+1]] {
				if dist[w] == dn {
					sum += sigma[w]
				}
			}
			bc[v] += sigma[v] * sum
		}
		sigma[v] = 1/sigma[v] + sum
	}
	for _, v := range order[:tail] {
		dist[v] = -1
	}
}

// betweennessTolerance is how far apart two betweenness values may be and
// still count as equal when quartiles are assigned.
const betweennessTolerance = 1e-9

// BetweennessQuartiles returns the quartile (1 to 4, 1 the lowest) of every
// value of bc (Betweenness, hop distances). The values are sorted and cut
// into runs of equal values: a run holds the values within 1e-9 of its
// smallest one, so that values that differ only by rounding are equal. Every
// value of a run gets the quartile 1 + ⌊4·L/n⌋, with L the number of values
// before the run (all lower). So equal values share a quartile whatever the
// order of the nodes, the lowest value is always in quartile 1, and a
// quartile is empty when a run of ties fills the one below it.
func BetweennessQuartiles(bc []float64) []int {
	n := len(bc)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return bc[order[a]] < bc[order[b]] })
	q := make([]int, n)
	start := 0 // position in order of the first value of the current run
	for k, i := range order {
		if bc[i]-bc[order[start]] > betweennessTolerance {
			start = k
		}
		q[i] = 1 + 4*start/n
	}
	return q
}
