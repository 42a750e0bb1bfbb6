package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"sync"
)

// maxCacheBytes bounds the answers kept: the oldest go first. The answers
// of a 50,000-partner ecosystem take a few MB each (the network, the
// node metrics), so this keeps dozens of snapshots.
const maxCacheBytes = 512 << 20

// answer is a computed response: the JSON, and its status (an error's
// answer is kept too: the same parameters give the same error). The gzipped
// body is made once, when a client that takes gzip first asks (curl without
// --compressed never makes it).
type answer struct {
	status int
	body   []byte

	gzOnce sync.Once
	gz     []byte
}

func newAnswer(status int, body []byte) *answer { return &answer{status: status, body: body} }

// gzipped returns the body gzipped, or nil when it is too small to gain.
func (a *answer) gzipped() []byte {
	a.gzOnce.Do(func() {
		if len(a.body) <= 1024 {
			return
		}
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		w.Write(a.body)
		w.Close()
		a.gz = b.Bytes()
	})
	return a.gz
}

// size is what the answer counts against maxCacheBytes: its body and,
// for the compressed copy, a fifth of it (JSON compresses about fivefold).
func (a *answer) size() int { return len(a.body) + len(a.body)/5 }

// cache computes each answer once: a request for an answer being computed
// waits for it, and a computed one is served from memory.
type cache struct {
	limit   int // bytes of answers kept (answer.size), maxCacheBytes in a Server
	mu      sync.Mutex
	entries map[string]*entry
	order   []string // keys in the order computed, for eviction
	bytes   int
}

type entry struct {
	done    chan struct{}
	a       *answer
	waiters int                // requests waiting for it while it is computed
	cancel  context.CancelFunc // stops the computation
}

func newCache(limit int) *cache { return &cache{limit: limit, entries: map[string]*entry{}} }

// get returns the answer for key, computing it with compute when no one
// has. compute runs on ctx, the server's, not the request's: a client that
// goes away does not cancel what others wait for. But when every request
// waiting for an answer has gone (wait is done: the page moved the time
// slider on, the browser closed) before it is computed, the computation is
// cancelled and forgotten, and get returns nil: on two cores the server
// would otherwise keep computing, say, the report of every date a slider
// rested on, while the browser needs the cores to draw. An answer that is
// not to be kept (keep false: a server error, or cancelled) is returned to
// the requests waiting for it and then forgotten.
func (c *cache) get(ctx, wait context.Context, key string, compute func(context.Context) (a *answer, keep bool)) *answer {
	c.mu.Lock()
	e, ok := c.entries[key]
	if !ok {
		cctx, cancel := context.WithCancel(ctx)
		e = &entry{done: make(chan struct{}), cancel: cancel}
		c.entries[key] = e
		go c.compute(cctx, key, e, compute)
	}
	e.waiters++
	c.mu.Unlock()

	select {
	case <-e.done:
		return e.a
	case <-wait.Done():
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-e.done: // done meanwhile
		return e.a
	default:
	}
	e.waiters--
	if e.waiters == 0 {
		e.cancel()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
	}
	return nil
}

// compute computes e, the entry of key, and keeps it as compute says.
func (c *cache) compute(ctx context.Context, key string, e *entry, compute func(context.Context) (*answer, bool)) {
	a, keep := compute(ctx)
	if ctx.Err() != nil {
		keep = false // cancelled: what it returned is not the answer
	}
	e.cancel()

	c.mu.Lock()
	defer c.mu.Unlock()
	e.a = a
	close(e.done)
	if c.entries[key] != e { // forgotten when its requests went
		return
	}
	if !keep {
		delete(c.entries, key)
		return
	}
	c.order = append(c.order, key)
	c.bytes += a.size()
	for c.bytes > c.limit && len(c.order) > 1 {
		old := c.order[0]
		c.order = c.order[1:]
		if x, ok := c.entries[old]; ok && x.a != nil {
			c.bytes -= x.a.size()
			delete(c.entries, old)
		}
	}
}
