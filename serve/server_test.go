package serve

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
)

func TestHostAllowed(t *testing.T) {
	for _, c := range []struct {
		addr  string
		hosts map[string]bool
	}{
		{"127.0.0.1:8080", map[string]bool{
			"127.0.0.1:8080": true, "localhost:8080": true, "LOCALHOST:8080": true, "[::1]:8080": true, "127.0.0.2:8080": true,
			"127.0.0.1:8081": false, "127.0.0.1": false, "evil.example:8080": false, "192.168.1.5:8080": false,
			"localhost.:8080": true, "": false, "evil.example": false,
		}},
		{"[::1]:9000", map[string]bool{"[::1]:9000": true, "localhost:9000": true, "example.org:9000": false}},
		{"0.0.0.0:8080", map[string]bool{"192.168.1.5:8080": true, "127.0.0.1:8080": true, "evil.example:8080": false, "192.168.1.5:80": false}},
		{"192.168.1.5:80", map[string]bool{"192.168.1.5": true, "192.168.1.5:80": true, "evil.example": false}},
	} {
		ok, err := hostAllowed(c.addr)
		if err != nil {
			t.Fatal(err)
		}
		for h, want := range c.hosts {
			if got := ok(h); got != want {
				t.Errorf("listening on %s, Host %q: allowed %v, want %v", c.addr, h, got, want)
			}
		}
	}
	if _, err := hostAllowed("nocolon"); err == nil {
		t.Error("an address without a port is accepted")
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"gzip": true, "gzip, deflate, br": true, "br;q=1.0, GZIP;q=0.5": true, "gzip;q=0": false, "deflate": false, "": false,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", h)
		if got := acceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: %v, want %v", h, got, want)
		}
	}
}

// testServer serves a small generated ecosystem with run as the commands.
func testServer(t *testing.T, run Runner) *httptest.Server {
	t.Helper()
	e := generate.Ecosystem(generate.Options{Partners: 60, Seed: 1})
	ts := httptest.NewUnstartedServer(nil)
	s, err := New(Options{
		Addr: ts.Listener.Addr().String(), Data: e, Source: "generated", Network: analysis.DefaultOptions(), Seed: 1, Run: run,
		Web: fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>t</title>")}, "app.js": {Data: []byte("1")}, "vendor/x.js": {Data: []byte("2")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ts.Config.Handler = s.Handler(ctx)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestCommandFlags: query parameters become the command's flags, in name
// order; an answer is computed once for all who ask at the same time; a
// request error is kept and a server error is not.
func TestCommandFlags(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	var mu sync.Mutex
	var got, gotFields [][]string
	ts := testServer(t, func(ctx context.Context, command string, flags, fields []string) ([]byte, error) {
		calls.Add(1)
		mu.Lock()
		got = append(got, append([]string{command}, flags...))
		gotFields = append(gotFields, fields)
		mu.Unlock()
		switch {
		case strings.Contains(strings.Join(flags, " "), "--unit=bad"):
			return nil, &RequestError{errors.New("unknown unit \"bad\"")}
		case strings.Contains(strings.Join(flags, " "), "--unit=boom"):
			return nil, errors.New("disk on fire")
		}
		<-release
		return []byte(`{"ok":true}`), nil
	})
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, body := get(t, ts.URL+"/api/report?unit=u1&at=2020"); status != 200 || body != `{"ok":true}` {
				t.Errorf("%d %s", status, body)
			}
		}()
	}
	for calls.Load() == 0 { // until the first request is being computed
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("5 requests at once computed %d times, want 1", n)
	}
	if want := []string{"report", "--at=2020", "--unit=u1"}; strings.Join(got[0], " ") != strings.Join(want, " ") {
		t.Errorf("flags %q, want %q", got[0], want)
	}
	get(t, ts.URL+"/api/report?at=2020&unit=u1") // the same query in another order: cached
	if n := calls.Load(); n != 1 {
		t.Errorf("the same query computed again (%d calls)", n)
	}
	for range 2 {
		if status, body := get(t, ts.URL+"/api/gaps?unit=bad"); status != 400 || !strings.Contains(body, `unknown unit \"bad\"`) {
			t.Errorf("request error: %d %s", status, body)
		}
	}
	for range 2 {
		if status, body := get(t, ts.URL+"/api/gaps?unit=boom"); status != 500 || !strings.Contains(body, "disk on fire") {
			t.Errorf("server error: %d %s", status, body)
		}
	}
	if n := calls.Load(); n != 4 { // 1 + the request error once + the server error twice
		t.Errorf("%d calls, want 4", n)
	}
	for _, q := range []string{"out=x", "from=y", "save=true", "format=csv", "Unit=x", "un%20it=x"} {
		if status, _ := get(t, ts.URL+"/api/report?"+q); status != 400 {
			t.Errorf("?%s: %d, want 400", q, status)
		}
	}
	if n := calls.Load(); n != 4 {
		t.Errorf("a refused parameter ran the command (%d calls)", n)
	}
	// fields= is not a flag: the runner gets the names, once per set of
	// names (in any order, repeated or not).
	for _, q := range []string{"fields=b,a&at=2020", "at=2020&fields=a&fields=b,a", "fields=a,b&fields=&at=2020"} {
		if status, _ := get(t, ts.URL+"/api/report?"+q); status != 200 {
			t.Errorf("?%s: %d", q, status)
		}
	}
	if n := calls.Load(); n != 5 {
		t.Errorf("fields=: %d calls, want 5", n)
	}
	if f, g := strings.Join(gotFields[4], ","), strings.Join(got[4], " "); f != "b,a" || g != "report --at=2020" {
		t.Errorf("fields=b,a&at=2020: runner got flags %q, fields %q", g, f)
	}
}

// TestStatic: the page at /, its files under /static/, nothing else.
func TestStatic(t *testing.T) {
	ts := testServer(t, func(context.Context, string, []string, []string) ([]byte, error) { return nil, nil })
	for path, want := range map[string]int{
		"/": 200, "/static/app.js": 200, "/static/vendor/x.js": 200,
		"/static/": 404, "/static/vendor/": 404, "/static/index.html": 404, "/static/nothing.js": 404, "/index.html": 404,
	} {
		if status, body := get(t, ts.URL+path); status != want {
			t.Errorf("%s: %d %s, want %d", path, status, body, want)
		}
	}
}

// TestEmbeddedPage: the page built into the binary has what index.html
// names, and names nothing on another host.
func TestEmbeddedPage(t *testing.T) {
	web := Web()
	index, err := io.ReadAll(must(web.Open("index.html")))
	if err != nil {
		t.Fatal(err)
	}
	page := string(index)
	for _, bad := range []string{"http://", "https://", "//cdn", "<script>", " onclick=", " style="} {
		if strings.Contains(page, bad) {
			t.Errorf("index.html contains %q", bad)
		}
	}
	for _, ref := range strings.Split(page, `"/static/`)[1:] {
		name, _, _ := strings.Cut(ref, `"`)
		if _, err := web.Open(name); err != nil {
			t.Errorf("index.html names /static/%s, which is not embedded", name)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestCacheEvicts: past its limit the cache forgets the oldest answers,
// never the newest, and computes a forgotten one again when asked.
func TestCacheEvicts(t *testing.T) {
	c := newCache(250) // an answer of 100 bytes counts 120
	calls := map[string]int{}
	get := func(key string) *answer {
		return c.get(context.Background(), context.Background(), key, func(context.Context) (*answer, bool) {
			calls[key]++
			return newAnswer(200, make([]byte, 100)), true
		})
	}
	get("a")
	get("b")
	get("c") // 360 > 250: a goes
	get("b")
	get("c")
	if calls["b"] != 1 || calls["c"] != 1 {
		t.Errorf("the newest answers were computed again: %v", calls)
	}
	get("a")
	if calls["a"] != 2 {
		t.Errorf("the oldest answer was kept past the limit: %v", calls)
	}
	small := newCache(50) // one answer is over the limit: kept until another comes
	for range 2 {
		small.get(context.Background(), context.Background(), "big", func(context.Context) (*answer, bool) {
			calls["big"]++
			return newAnswer(200, make([]byte, 100)), true
		})
	}
	if calls["big"] != 1 {
		t.Errorf("an answer larger than the limit was computed %d times", calls["big"])
	}
}

// TestWarm: the network the page asks for first is computed as soon as
// the server is made ready, without a request.
func TestWarm(t *testing.T) {
	e := generate.Ecosystem(generate.Options{Partners: 60, Seed: 1})
	s, err := New(Options{Addr: "127.0.0.1:1", Data: e, Network: analysis.DefaultOptions(), Seed: 1,
		Run: func(context.Context, string, []string, []string) ([]byte, error) { return nil, nil }})
	if err != nil {
		t.Fatal(err)
	}
	s.Warm(context.Background())
	for range 600 {
		s.cache.mu.Lock()
		e, ok := s.cache.entries["network?ties=all"]
		s.cache.mu.Unlock()
		if ok {
			<-e.done
			if e.a.status != 200 {
				t.Fatalf("warmed network: %d %s", e.a.status, e.a.body)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("Warm computed no network within 30 s")
}

// TestCacheAbandoned: an answer that every waiting request gave up on is
// cancelled and forgotten (the next request computes it again); one that
// another request still waits for is computed to the end and kept.
func TestCacheAbandoned(t *testing.T) {
	c := newCache(1 << 20)
	started := make(chan struct{}, 4)
	cancelled := make(chan struct{}, 4)
	release := make(chan struct{})
	compute := func(ctx context.Context) (*answer, bool) {
		started <- struct{}{}
		select {
		case <-ctx.Done():
			cancelled <- struct{}{}
			return errorAnswer(500, ctx.Err().Error()), false
		case <-release:
			return newAnswer(200, []byte(`{"ok":true}`)), true
		}
	}
	// One request, gone before the answer: cancelled, forgotten.
	wait, leave := context.WithCancel(context.Background())
	got := make(chan *answer, 1)
	go func() { got <- c.get(context.Background(), wait, "k", compute) }()
	<-started
	leave()
	if a := <-got; a != nil {
		t.Errorf("the request that left got %v", a)
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the computation nobody waits for was not cancelled")
	}
	c.mu.Lock()
	_, kept := c.entries["k"]
	c.mu.Unlock()
	if kept {
		t.Error("the cancelled computation is still in the cache")
	}
	// Two requests, one gone: the other gets the answer, which is kept.
	wait1, leave1 := context.WithCancel(context.Background())
	got1, got2 := make(chan *answer, 1), make(chan *answer, 1)
	go func() { got1 <- c.get(context.Background(), wait1, "k", compute) }()
	<-started
	go func() { got2 <- c.get(context.Background(), context.Background(), "k", compute) }()
	for { // until the second request waits too
		c.mu.Lock()
		n := c.entries["k"].waiters
		c.mu.Unlock()
		if n == 2 {
			break
		}
		runtime.Gosched()
	}
	leave1()
	if a := <-got1; a != nil {
		t.Errorf("the request that left got %v", a)
	}
	close(release)
	if a := <-got2; a == nil || a.status != 200 {
		t.Fatalf("the request that stayed got %v", a)
	}
	if a := c.get(context.Background(), context.Background(), "k", compute); a == nil || a.status != 200 {
		t.Errorf("not kept: %v", a)
	}
	select {
	case <-started:
		t.Error("a kept answer was computed again")
	case <-cancelled:
		t.Error("the computation another request waited for was cancelled")
	default:
	}
}
