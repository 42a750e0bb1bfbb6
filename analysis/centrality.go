package analysis

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"
)

// Degree returns the number of neighbours of every node (partners joined to
// it by at least one tie), as networkx.degree(G).
func Degree(net *Network) []int {
	d := make([]int, net.N())
	for i := range d {
		d[i] = net.Degree(i)
	}
	return d
}

// DegreeCentrality returns the degree of every node divided by n-1, as
// networkx.degree_centrality(G). For n ≤ 1 every value is 1, as in NetworkX.
func DegreeCentrality(net *Network) []float64 {
	n := net.N()
	c := make([]float64, n)
	if n <= 1 {
		for i := range c {
			c[i] = 1
		}
		return c
	}
	for i := range c {
		c[i] = float64(net.Degree(i)) / float64(n-1)
	}
	return c
}

// Strength returns the sum of the tie weights of every node, as
// networkx.degree(G, weight="weight").
func Strength(net *Network) []float64 {
	s := make([]float64, net.N())
	copy(s, net.strength)
	return s
}

// Betweenness returns the normalised shortest-path betweenness centrality of
// every node, counting hops (tie weights are ignored):
//
//	b(v) = 2/((n-1)(n-2)) · Σ_{s<t, s≠v≠t} σ_st(v)/σ_st
//
// where σ_st is the number of shortest paths between s and t and σ_st(v) the
// number of them through v. Pairs with no path between them add nothing. This
// is networkx.betweenness_centrality(G, normalized=True) for an undirected G;
// for n ≤ 2 every value is 0.
//
// The algorithm is Brandes' (U. Brandes, A faster algorithm for betweenness
// centrality, J. Math. Sociol. 25(2), 2001, doi:10.1080/0022250X.2001.9990249):
// a breadth-first search per source counts shortest paths, and a pass in
// reverse order of distance accumulates the dependencies, O(nm) time. The
// searches run 64 sources at a time, one bit per source, in the manner of
// multi-source BFS (M. Then et al., PVLDB 8(4), 2014,
// doi:10.14778/2735496.2735507) and of batched algebraic betweenness (as in
// GraphBLAS/LAGraph): each arc is read once per level for the whole batch
// and path counts are added only where the arc lies on a shortest path for
// a source. Nodes are renumbered in breadth-first order from the node of
// highest degree, and a batch's sources are consecutive in that order, so
// that they reach most nodes at similar distances and share their
// path-count rows.
//
// Each unordered pair {s, t} is counted once, from its higher-numbered end:
// source s counts only the targets t < s, which lie nearer the centre of the
// network. A search goes no deeper once its source has reached all its
// targets, and path counts and dependencies are computed only at the nodes
// that lie on a shortest path from a source to one of its targets (found
// first with bit operations alone), so that the first batches cost little:
// on the 50,000-node benchmark network a batch does on average a little
// over half the path-count and dependency work of the last ones, whose
// sources count a pair with every other node.
//
// Memory is O(n+m) plus 512 bytes per node for each of runtime.GOMAXPROCS
// workers (one source at a time instead when that would pass 512 MB), and 8
// bytes per node for each finished batch whose sums wait to be added. On
// Linux the rows of a large network are mapped in 2 MB huge pages (see
// allocRows): their reads at random otherwise miss the TLB, and at 50,000
// nodes that costs about a fifth of the time.
// Workers take the next batch as they free up; the batches' sums are added
// in a fixed order, so the result does not depend on the number of workers.
func Betweenness(net *Network) []float64 {
	bc, _ := betweenness(context.Background(), net, batchFits(net.N()))
	return bc
}

// BetweennessContext is Betweenness that stops when ctx is done (checked
// before every batch of 64 sources, or every source) and then returns
// ctx.Err().
func BetweennessContext(ctx context.Context, net *Network) ([]float64, error) {
	return betweenness(ctx, net, batchFits(net.N()))
}

// batchFits reports whether the batched Brandes's buffers for n nodes fit
// in 512 MB over all workers.
func batchFits(n int) bool {
	return n*batchWidth*8*workers(n) <= 512<<20
}

// batchWidth is the number of sources of a batch: the bits of a uint64.
const batchWidth = 64

func betweenness(ctx context.Context, net *Network, batched bool) ([]float64, error) {
	n := net.N()
	bc := make([]float64, n)
	if n <= 2 {
		return bc, ctx.Err()
	}
	if batched {
		bn, perm := bfsOrder(net)
		sum, err := batchedBrandes(ctx, bn)
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
	bufs := make([]*brandes, workers(n))
	err := parallelContext(ctx, n, func(w, s int) {
		b := bufs[w]
		if b == nil {
			b = newBrandes(n)
			bufs[w] = b
		}
		b.source(net, s)
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
// every node v of net, whose nodes must be numbered so that sources close
// in number are close in the network (see bfsOrder). The batches of 64
// sources go to the workers as they free up, from the last batch (whose
// sources have the most targets) to the first, so that the workers finish
// together; their sums are added in that order whatever the number of
// workers, so the result does not depend on it.
//
// Before each batch it checks ctx; once ctx is done no batch is begun, and
// it returns ctx.Err() when the running ones have finished.
func batchedBrandes(ctx context.Context, net *Network) ([]float64, error) {
	n := net.N()
	batches := (n + batchWidth - 1) / batchWidth
	k := workers(batches)
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
				b.run(net, lo, min(lo+batchWidth, n), out)

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

// bfsOrder returns net with its nodes renumbered in breadth-first order,
// and perm with perm[v] the new number of node v. Each search starts from
// the node of highest degree not yet numbered (ties by index) and takes
// neighbours in order of decreasing degree. Only the adjacency is kept.
func bfsOrder(net *Network) (*Network, []int32) {
	n := net.N()
	byDeg := make([]int32, n)
	for i := range byDeg {
		byDeg[i] = int32(i)
	}
	slices.SortStableFunc(byDeg, func(a, b int32) int { return net.Degree(int(b)) - net.Degree(int(a)) })
	dn, dperm := renumber(net, byDeg)
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

// renumber returns net with node order[p] numbered p, each row sorted, and
// perm with perm[v] the new number of node v. Only the adjacency is kept.
func renumber(net *Network, order []int32) (*Network, []int32) {
	n := net.N()
	perm := make([]int32, n)
	for p, v := range order {
		perm[v] = int32(p)
	}
	rn := &Network{off: make([]int32, n+1), nbr: make([]int32, len(net.nbr))}
	k := int32(0)
	for p, v := range order {
		row := rn.nbr[k : k+int32(net.Degree(int(v)))]
		for j, u := range net.Neighbors(int(v)) {
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
func (b *brandesBatch) run(net *Network, lo, hi int, out []float64) {
	off, nbr := net.off, net.nbr
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
func (b *brandes) source(net *Network, s int) {
	off, nbr := net.off, net.nbr
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

// BetweennessApprox estimates the normalised betweenness of every node (the
// values Betweenness returns) from a random sample of shortest paths, after
// M. Riondato and E. M. Kornaropoulos, Fast approximation of betweenness
// centrality through sampling, Data Min. Knowl. Disc. 30(2), 2016,
// doi:10.1007/s10618-015-0423-0. It returns the estimates and the number of
// paths sampled.
//
// With probability at least 1-delta every estimate is within eps of the
// exact value. The sample size is
//
//	r = ⌈(c/ε'²)(⌊log2(VD-2)⌋ + 1 + ln(1/δ))⌉,  c = 0.5,  ε' = ε(n-2)/n,
//
// where VD, the vertex diameter (the most nodes on a shortest path), is
// bounded by 2e+1 with e the eccentricity of one node in each connected
// component (a breadth-first search from it), as the paper suggests for
// undirected graphs. The paper's betweenness divides by n(n-1) where
// NetworkX divides by (n-1)(n-2), so the estimates are scaled by n/(n-2) and
// ε shrunk by (n-2)/n to keep the guarantee on the NetworkX scale.
//
// Each sample is a pair of distinct nodes s, t drawn uniformly and, when t
// is reachable from s, one of their shortest paths drawn uniformly (a
// balanced bidirectional breadth-first search counts the paths, then the
// path is drawn backwards through predecessors in proportion to their path
// counts); each interior node of the path gains 1/r. One number is drawn
// from src; sample i then draws from a PCG seeded with that number and i, so
// the result is reproducible from the seed whatever the number of workers,
// and memory does not grow with r. When no shortest path can have an interior node (VD ≤ 2, or
// n ≤ 2) the estimates are exact zeros and no path is sampled.
//
// BetweennessApprox panics unless 0 < eps < 1 and 0 < delta < 1.
func BetweennessApprox(net *Network, eps, delta float64, src rand.Source) (bc []float64, samples int) {
	bc, samples, _ = BetweennessApproxContext(context.Background(), net, eps, delta, src)
	return bc, samples
}

// BetweennessApproxContext is BetweennessApprox that stops when ctx is done
// (checked before every sample) and then returns ctx.Err().
func BetweennessApproxContext(ctx context.Context, net *Network, eps, delta float64, src rand.Source) (bc []float64, samples int, err error) {
	if !(eps > 0 && eps < 1) || !(delta > 0 && delta < 1) {
		panic(fmt.Sprintf("analysis: BetweennessApprox needs 0 < eps, delta < 1, got eps=%v delta=%v", eps, delta))
	}
	n := net.N()
	bc = make([]float64, n)
	if n <= 2 {
		return bc, 0, ctx.Err()
	}
	comp, _ := Components(net)
	vd := vertexDiameterBound(net, comp)
	if vd <= 2 {
		return bc, 0, ctx.Err()
	}
	e := eps * float64(n-2) / float64(n)
	const c = 0.5
	r := int(math.Ceil(c / (e * e) * (math.Floor(math.Log2(float64(vd-2))) + 1 + math.Log(1/delta))))

	// Sample i draws from a PCG seeded with (base, i): reproducible from
	// src whatever the number of workers, and no memory per sample.
	base := rand.New(src).Uint64()
	bufs := make([]*pathSampler, workers(r))
	err = parallelContext(ctx, r, func(w, i int) {
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
			p.sample(net, s, t)
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
func vertexDiameterBound(net *Network, comp []int) int {
	n := net.N()
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
			for _, w := range net.Neighbors(int(v)) {
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
	front, next    []int32 // frontier being expanded and the next one
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
func (p *pathSampler) sample(net *Network, s, t int) {
	p.distS[s], p.sigS[s] = 0, 1
	p.distT[t], p.sigT[t] = 0, 1
	p.frontS = append(p.frontS[:0], int32(s))
	p.frontT = append(p.frontT[:0], int32(t))
	p.seenS = append(p.seenS[:0], int32(s))
	p.seenT = append(p.seenT[:0], int32(t))
	costS, costT := net.Degree(s), net.Degree(t)
	var meet int32 = -1
	var fromS bool
	for meet < 0 && len(p.frontS) > 0 && len(p.frontT) > 0 {
		// Expand the side whose frontier has fewer arcs to scan.
		if costS <= costT {
			p.frontS, p.seenS, costS, meet = p.expand(net, p.frontS, p.seenS, p.distS, p.sigS, p.distT)
			fromS = true
		} else {
			p.frontT, p.seenT, costT, meet = p.expand(net, p.frontT, p.seenT, p.distT, p.sigT, p.distS)
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
		p.walk(net, m, p.distS, p.sigS, s, t)
		p.walk(net, m, p.distT, p.sigT, s, t)
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
func (p *pathSampler) expand(net *Network, front, seen []int32, dist []int32, sig []float64, other []int32) ([]int32, []int32, int, int32) {
	off, nbr := net.off, net.nbr
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
func (p *pathSampler) walk(net *Network, v int32, dist []int32, sig []float64, s, t int) {
	for dist[v] > 0 {
		d := dist[v] - 1
		u := p.rng.Float64() * sig[v]
		var pick int32 = -1
		for _, w := range net.Neighbors(int(v)) {
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

// Closeness returns the harmonic closeness centrality of every node,
//
//	c(v) = 1/(n-1) · Σ_{u≠v} 1/d(u, v),
//
// counting hops; an unreachable node adds 0, so the measure is defined on
// disconnected networks. This is networkx.harmonic_centrality(G)[v]/(n-1)
// (M. Marchiori and V. Latora, Harmony in the small-world, Physica A 285,
// 2000, doi:10.1016/S0378-4371(00)00311-3; P. Boldi and S. Vigna, Axioms for
// centrality, Internet Math. 10, 2014, doi:10.1080/15427951.2013.865686). For
// n ≤ 1 every value is 0.
//
// The distances come from breadth-first searches run 64 sources at a time
// with one bit per source (multi-source BFS, M. Then et al., The more the
// merrier: efficient multi-source graph traversal, PVLDB 8(4), 2014,
// doi:10.14778/2735496.2735507), O(n(n+m)/64 · e) time with e the
// largest eccentricity and O(n+m) memory, shared among
// runtime.GOMAXPROCS workers. No all-pairs matrix is formed.
func Closeness(net *Network) []float64 {
	c, _ := ClosenessContext(context.Background(), net)
	return c
}

// ClosenessContext is Closeness that stops when ctx is done (checked before
// every batch of 64 sources) and then returns ctx.Err().
func ClosenessContext(ctx context.Context, net *Network) ([]float64, error) {
	n := net.N()
	c := make([]float64, n)
	if n <= 1 {
		return c, ctx.Err()
	}
	batches := (n + 63) / 64
	bufs := make([]*msbfs, workers(batches))
	err := parallelContext(ctx, batches, func(w, b int) {
		m := bufs[w]
		if m == nil {
			m = newMSBFS(n)
			bufs[w] = m
		}
		m.run(net, b*64, min(b*64+64, n))
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
func (m *msbfs) run(net *Network, lo, hi int) {
	off, nbr := net.off, net.nbr
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

// Eigenvector returns the eigenvector centrality of every node, using tie
// weights: the Perron vector x of the weighted adjacency matrix A,
// A x = λ x with λ the largest eigenvalue, scaled to unit Euclidean norm
// (P. Bonacich, Power and centrality: a family of measures, Am. J. Sociol.
// 92(5), 1987, doi:10.1086/228631).
//
// It is computed as networkx.eigenvector_centrality(G, weight="weight")
// computes it: power iteration on A+I from the uniform vector, normalising
// to unit Euclidean norm at every step, until Σ_v |x_k(v) - x_{k-1}(v)| < n·tol.
// NetworkX stops at tol = 1e-6; Eigenvector goes on to tol = 1e-12 (at most
// 10,000 steps), so it lies closer to the exact eigenvector and within 1e-6
// of NetworkX's result on the networks tested (NetworkX's own result is only
// within about 1e-5 of the exact vector).
//
// On a disconnected network the iteration behaves as in NetworkX: the
// components whose largest eigenvalue is the largest of all share the mass
// (in proportion to their start, so equal components get equal shares) and
// every other component tends to 0; NetworkX leaves small remainders there
// (of the order of its tolerance) that Eigenvector reduces to near 0. A
// network without edges gets 1/√n everywhere, as in NetworkX; one without
// nodes gets an empty slice (NetworkX raises an error).
func Eigenvector(net *Network) []float64 {
	const (
		tol     = 1e-12
		maxIter = 10000
	)
	n := net.N()
	x := make([]float64, n)
	if n == 0 {
		return x
	}
	y := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	off, nbr, w := net.off, net.nbr, net.w
	for it := 0; it < maxIter; it++ {
		ss := 0.0
		for v := 0; v < n; v++ {
			s := x[v]
			for j := off[v]; j < off[v+1]; j++ {
				s += w[j] * x[nbr[j]]
			}
			y[v] = s
			ss += s * s
		}
		norm := math.Sqrt(ss)
		if norm == 0 {
			norm = 1
		}
		diff := 0.0
		for v := range y {
			y[v] /= norm
			diff += math.Abs(y[v] - x[v])
		}
		x, y = y, x
		if diff < float64(n)*tol {
			break
		}
	}
	return x
}

// DefaultDamping is the damping factor α of PageRank in ecoscope's reports.
const DefaultDamping = 0.85

// PageRank returns the PageRank of every node with damping factor damp,
// using tie weights (S. Brin and L. Page, The anatomy of a large-scale
// hypertextual web search engine, Comput. Netw. ISDN Syst. 30, 1998,
// doi:10.1016/S0169-7552(98)00110-X):
//
//	x(v) = (1-α)/n + α (Σ_{u~v} x(u) w_uv / s_u + Σ_{u: s_u=0} x(u)/n)
//
// with s_u the strength of u. Each undirected edge is followed both ways;
// dangling nodes (isolated partners) spread their rank uniformly over all
// nodes. The values sum to 1. This is networkx.pagerank(G, alpha=α,
// weight="weight"), iterated from the uniform vector until
// Σ_v |x_k(v) - x_{k-1}(v)| < n·1e-12 (NetworkX stops at n·1e-6, about
// 1e-5 from the fixed point) or 10,000 steps.
//
// PageRank panics unless 0 ≤ damp < 1.
func PageRank(net *Network, damp float64) []float64 {
	if !(damp >= 0 && damp < 1) {
		panic(fmt.Sprintf("analysis: PageRank damping %v not in [0, 1)", damp))
	}
	const (
		tol     = 1e-12
		maxIter = 10000
	)
	n := net.N()
	x := make([]float64, n)
	if n == 0 {
		return x
	}
	y := make([]float64, n)
	xs := make([]float64, n) // x(u)/s_u
	for i := range x {
		x[i] = 1 / float64(n)
	}
	off, nbr, w, str := net.off, net.nbr, net.w, net.strength
	for it := 0; it < maxIter; it++ {
		dangling := 0.0
		for u, s := range str {
			if s == 0 {
				dangling += x[u]
				xs[u] = 0
			} else {
				xs[u] = x[u] / s
			}
		}
		base := (1-damp)/float64(n) + damp*dangling/float64(n)
		diff := 0.0
		for v := 0; v < n; v++ {
			s := 0.0
			for j := off[v]; j < off[v+1]; j++ {
				s += w[j] * xs[nbr[j]]
			}
			y[v] = base + damp*s
			diff += math.Abs(y[v] - x[v])
		}
		x, y = y, x
		if diff < float64(n)*tol {
			break
		}
	}
	return x
}
