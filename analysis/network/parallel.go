package network

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// maxProcs returns the number of goroutines the functions of this package
// may run at once: runtime.GOMAXPROCS(0). Tests replace it.
var maxProcs = func() int { return runtime.GOMAXPROCS(0) }

// Workers returns the number of goroutines Parallel uses for n items:
// runtime.GOMAXPROCS(0), but at most n and at least 1.
func Workers(n int) int {
	return max(1, min(maxProcs(), n))
}

// Parallel runs work(worker, i) for every i in [0, n) on Workers(n)
// goroutines. Worker w takes i = w, w+k, w+2k, ... (k workers), so which
// worker adds up what, and so every floating-point sum, depends only on n
// and runtime.GOMAXPROCS, not on scheduling.
func Parallel(n int, work func(worker, i int)) {
	k := Workers(n)
	if k <= 1 {
		for i := 0; i < n; i++ {
			work(0, i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < k; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += k {
				work(w, i)
			}
		}(w)
	}
	wg.Wait()
}

// ParallelContext is Parallel that stops handing out items once ctx is
// done and then returns its error. Items already begun finish.
func ParallelContext(ctx context.Context, n int, work func(worker, i int)) error {
	if ctx.Done() == nil { // never cancelled: no checks
		Parallel(n, work)
		return nil
	}
	var stop atomic.Bool
	Parallel(n, func(w, i int) {
		if stop.Load() {
			return
		}
		if ctx.Err() != nil {
			stop.Store(true)
			return
		}
		work(w, i)
	})
	return ctx.Err()
}

// chunk is the number of items ParallelChunks hands out at a time.
const chunk = 64

// ChunkWorkers returns the number of goroutines ParallelChunks should use
// for n items: runtime.GOMAXPROCS(0), but at most one per chunk of 64 items
// and at least 1.
func ChunkWorkers(n int) int { return max(1, min(maxProcs(), n/chunk+1)) }

// ParallelChunks runs work(worker, i) for every i in [0, n) on nw
// goroutines, which take the next 64 items as they free up: for work whose
// cost varies much from item to item (hubs), where the fixed shares of
// Parallel would leave workers idle. Which worker does an item depends on
// scheduling.
func ParallelChunks(n, nw int, work func(worker, i int)) {
	if nw <= 1 {
		for i := 0; i < n; i++ {
			work(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < nw; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					work(w, i)
				}
			}
		}(w)
	}
	wg.Wait()
}
