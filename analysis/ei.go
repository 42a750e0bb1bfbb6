package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/ecoscope/ecoscope/analysis/network"
)

// EIIndex returns Krackhardt and Stern's E-I index of the helix types of net,
//
//	EI = (E − I) / (E + I)
//
// where E counts the ties between partners of two different helix types and
// I the ties between partners of the same type. It runs from −1 (all ties
// within types) to 1 (all ties between types). Ties are counted once
// whatever their weight. A tie with an end of unknown type is neither
// internal nor external and is left out (HelixTies.Unknown counts them). The
// index is NaN when E + I = 0: no ties between partners of a known type.
//
// Reference: D. Krackhardt and R. N. Stern, Informal networks and
// organizational crises: an experimental simulation, Soc. Psychol. Q. 51(2),
// 123–140, 1988, doi:10.2307/2786835.
func EIIndex(net *Network) float64 {
	t := CountHelixTies(net)
	return eiOf(t.External, t.Internal)
}

func eiOf(e, i int) float64 {
	if e+i == 0 {
		return math.NaN()
	}
	return float64(e-i) / float64(e+i)
}

// EIIndexRescaled returns the E-I index of net rescaled to the range it can
// take given the sizes of the helix types and the number of ties,
//
//	EI* = 2 (EI − EI_min) / (EI_max − EI_min) − 1
//
// With K partners of a known type, n_k of type k, T = E + I ties among them,
// P_I = Σ_k n_k(n_k−1)/2 pairs within a type and P_E = K(K−1)/2 − P_I pairs
// between types, the most external arrangement of the T ties has
// E_max = min(T, P_E) external ties and the least external one
// E_min = T − min(T, P_I); EI_max and EI_min are the E-I indices of those.
// As EI is linear in E, EI* = 2 (E − E_min) / (E_max − E_min) − 1: −1 when
// ties are as internal as the group sizes allow, 1 when they are as external
// as they allow. This is the rescaling for density and group sizes that
// Krackhardt and Stern (1988) call for and UCINET reports as the "rescaled
// E-I index" (Network>Cohesion>E-I Index; Borgatti, Everett and Freeman,
// UCINET for Windows, Analytic Technologies, 2002). Ties and partners of
// unknown type are left out, as in EIIndex. The result is NaN when T = 0 or
// when E_max = E_min (for example with one known type only).
//
// Reference: D. Krackhardt and R. N. Stern, Soc. Psychol. Q. 51(2),
// 123–140, 1988, doi:10.2307/2786835.
func EIIndexRescaled(net *Network) float64 {
	t := CountHelixTies(net)
	var n [numHelix]int
	for i := 0; i < net.N(); i++ {
		n[helixCategory(net.Helix(i))]++
	}
	return eiRescaled(t.External, t.Internal, n[:unknownHelix])
}

func eiRescaled(e, i int, sizes []int) float64 {
	total := e + i
	var k, pi int64
	for _, s := range sizes {
		k += int64(s)
		pi += int64(s) * int64(s-1) / 2
	}
	pe := k*(k-1)/2 - pi
	eMax := min(int64(total), pe)
	eMin := int64(total) - min(int64(total), pi)
	if total == 0 || eMax == eMin {
		return math.NaN()
	}
	return 2*float64(int64(e)-eMin)/float64(eMax-eMin) - 1
}

// NodeEIIndex returns the E-I index of every node: (E_i − I_i) / (E_i + I_i)
// with E_i its neighbours of another known type and I_i its neighbours of its
// own type (Krackhardt and Stern 1988; the individual E-I index of UCINET).
// Neighbours of unknown type are left out. The index is NaN for nodes of
// unknown type and for nodes with no neighbour of a known type, isolates
// included: there is nothing to balance, and 0 would claim a balance.
func NodeEIIndex(net *Network) []float64 {
	cat := helixCategories(net)
	out := make([]float64, net.N())
	for i := range out {
		if cat[i] == unknownHelix {
			out[i] = math.NaN()
			continue
		}
		e, in := 0, 0
		for _, j := range net.Neighbors(i) {
			switch cat[j] {
			case unknownHelix:
			case cat[i]:
				in++
			default:
				e++
			}
		}
		out[i] = eiOf(e, in)
	}
	return out
}

// EITest is the result of a permutation test of the E-I index.
type EITest struct {
	// Observed is EIIndex of the network.
	Observed float64 `json:"observed"`
	// Mean and SD are the mean and standard deviation of the E-I index
	// over the permutations.
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	// Perms is the number of permutations.
	Perms int `json:"perms"`
	// P is the two-sided p-value, (1 + #{|EI_π − Mean| ≥ |Observed − Mean|}) / (Perms + 1).
	P float64 `json:"p"`
	// PLess and PGreater are the one-sided p-values,
	// (1 + #{EI_π ≤ Observed}) / (Perms + 1) and (1 + #{EI_π ≥ Observed}) / (Perms + 1):
	// small PLess means ties stay within types more than by chance.
	PLess    float64 `json:"p_less"`
	PGreater float64 `json:"p_greater"`
}

// EIIndexTest tests the E-I index of net against random assignment of the
// helix types: perms times, the known types are shuffled over the nodes of a
// known type (the graph, the number of nodes of each type and the nodes of
// unknown type stay as they are) and the E-I index recomputed. With EI_π the
// index of permutation π and Mean their average, the two-sided p-value is
//
//	P = (1 + #{π : |EI_π − Mean| ≥ |EI − Mean|}) / (perms + 1)
//
// and the one-sided ones count EI_π ≤ EI and EI_π ≥ EI. The observed
// labelling is counted as one of the permutations (the "+1"), so that a
// p-value is never 0 and the test is exact at level α whenever α(perms+1) is
// an integer (Phipson and Smyth, Permutation p-values should never be zero,
// Stat. Appl. Genet. Mol. Biol. 9(1), 2010, doi:10.2202/1544-6115.1585). Ties
// with an end of unknown type are left out, as in EIIndex, so E + I is the
// same in every permutation; where it is 0 every field but Perms is NaN.
//
// Shuffles draw from src (rand.New(src).Shuffle), so the result reproduces
// from a seed; src nil draws from the global generator. Each permutation
// costs O(m). EIIndexTest panics if perms < 1.
func EIIndexTest(net *Network, perms int, src rand.Source) EITest {
	t, _ := eiIndexTest(context.Background(), net, perms, src)
	return t
}

// eiIndexTest is EIIndexTest that checks ctx every 64 permutations.
func eiIndexTest(ctx context.Context, net *Network, perms int, src rand.Source) (EITest, error) {
	if perms < 1 {
		panic(fmt.Sprintf("analysis: EIIndexTest needs at least 1 permutation, got %d", perms))
	}
	cat := helixCategories(net)
	// The known nodes, and the ties between them as pairs of positions in
	// that list; the labels are shuffled over the list.
	pos := make([]int32, len(cat))
	var labels []int8
	for i, c := range cat {
		pos[i] = -1
		if c != unknownHelix {
			pos[i] = int32(len(labels))
			labels = append(labels, c)
		}
	}
	var us, vs []int32
	for i := range cat {
		if pos[i] < 0 {
			continue
		}
		for _, j := range net.Neighbors(i) {
			if int(j) > i && pos[j] >= 0 {
				us = append(us, pos[i])
				vs = append(vs, pos[j])
			}
		}
	}
	t := EITest{Perms: perms}
	total := len(us)
	if total == 0 {
		nan := math.NaN()
		t.Observed, t.Mean, t.SD, t.P, t.PLess, t.PGreater = nan, nan, nan, nan, nan, nan
		return t, ctx.Err()
	}
	external := func(labels []int8) int {
		e := 0
		for k, u := range us {
			if labels[u] != labels[vs[k]] {
				e++
			}
		}
		return e
	}
	obs := external(labels)
	var r *rand.Rand
	if src != nil {
		r = rand.New(src)
	} else {
		r = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	es := make([]int, perms)
	if err := permute(ctx, r, labels, es, external); err != nil {
		return EITest{}, err
	}
	var sum float64
	for _, e := range es {
		sum += float64(e)
	}
	// Work in E (EI = 2E/T − 1 is increasing in E) so that ties compare
	// exactly.
	mean := sum / float64(perms)
	var ss float64
	dObs := math.Abs(float64(obs) - mean)
	var two, less, greater int
	for _, e := range es {
		d := float64(e) - mean
		ss += d * d
		if math.Abs(d) >= dObs-1e-9 {
			two++
		}
		if e <= obs {
			less++
		}
		if e >= obs {
			greater++
		}
	}
	ft := float64(total)
	t.Observed = eiOf(obs, total-obs)
	t.Mean = 2*mean/ft - 1
	t.SD = 2 * math.Sqrt(ss/float64(perms)) / ft
	den := float64(perms + 1)
	t.P = float64(two+1) / den
	t.PLess = float64(less+1) / den
	t.PGreater = float64(greater+1) / den
	return t, nil
}

// permute shuffles labels len(es) times in a row with r and sets es[p] to
// count(labels) after the p-th shuffle. The shuffles are one sequence (the
// p-th starts from the (p-1)-th, as the test has always drawn them, so that
// a seed gives the same answer); the counting, about half the work, runs on
// the other cores, each on a copy of its permutation. ctx is checked every
// 64 permutations.
func permute(ctx context.Context, r *rand.Rand, labels []int8, es []int, count func([]int8) int) error {
	shuffle := func() { r.Shuffle(len(labels), func(a, b int) { labels[a], labels[b] = labels[b], labels[a] }) }
	counters := network.Workers(len(es)) - 1
	if counters < 1 {
		for p := range es {
			if p%64 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			shuffle()
			es[p] = count(labels)
		}
		return nil
	}
	type job struct {
		p      int
		labels []int8
	}
	jobs := make(chan job, 2*counters)
	free := make(chan []int8, 3*counters)
	for range cap(free) {
		free <- make([]int8, len(labels))
	}
	var wg sync.WaitGroup
	for range counters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				es[j.p] = count(j.labels)
				free <- j.labels
			}
		}()
	}
	var err error
	for p := range es {
		if p%64 == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		shuffle()
		b := <-free
		copy(b, labels)
		jobs <- job{p, b}
	}
	close(jobs)
	wg.Wait()
	return err
}
