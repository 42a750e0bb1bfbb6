package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/report"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutine and the
// test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serving is an `ecoscope serve` running in the test process.
type serving struct {
	base     string // http://127.0.0.1:PORT
	stop     func() result
	out, err *syncBuffer
}

// startServe runs `ecoscope serve ARGS` on a free loopback port (unless
// args give --addr) and returns once it listens; stop sends it the Ctrl-C
// of the context and waits for it to end.
func startServe(t testing.TB, args ...string) *serving {
	t.Helper()
	ready := make(chan string, 1)
	serveReady = func(addr string) { ready <- addr }
	t.Cleanup(func() { serveReady = nil })
	if !strings.Contains(strings.Join(args, " "), "--addr") {
		args = append(args, "--addr", "127.0.0.1:0")
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{out: &syncBuffer{}, err: &syncBuffer{}}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append([]string{"serve"}, args...), IOStreams{
			In: strings.NewReader(""), Out: s.out, Err: s.err,
			Env: func(string) (string, bool) { return "", false },
		})
	}()
	select {
	case addr := <-ready:
		s.base = "http://" + browsable(addr)
	case c := <-code:
		cancel()
		t.Fatalf("serve ended with %d before listening: %s", c, s.err.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not listen within 60 s")
	}
	var once sync.Once
	var res result
	s.stop = func() result {
		once.Do(func() {
			cancel()
			res = result{<-code, s.out.String(), s.err.String()}
		})
		return res
	}
	t.Cleanup(func() { s.stop() })
	return s
}

// get returns the status and body of GET path.
func (s *serving) get(t testing.TB, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// TestServeAPIEqualsCLI: every endpoint answers what the command's
// --format json writes for the same flags, byte for byte.
func TestServeAPIEqualsCLI(t *testing.T) {
	s := startServe(t, "--from", example)
	cases := []struct{ command, query string }{
		{"report", ""},
		{"report", "at=2021-06-30&unit=fl-aardgasvrije-wijken"},
		{"report", "ties=explicit"},
		{"metrics", "level=network"},
		{"metrics", "level=nodes&ties=explicit&at=2022"},
		{"metrics", "level=units"},
		{"gaps", ""},
		{"gaps", "unit=team-buurtbatterij&top=3"},
		{"growth", "every=quarter"},
		{"check", "at=2024"},
		{"values", ""},
	}
	for _, c := range cases {
		t.Run(c.command+"?"+c.query, func(t *testing.T) {
			args := []string{c.command, "--from", example, "--format", "json"}
			q, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			for k, vs := range q {
				for _, v := range vs {
					args = append(args, "--"+k, v)
				}
			}
			want := ecoscope(t, nil, args...)
			if want.code != exitOK {
				t.Fatalf("ecoscope %s: exit %d: %s", strings.Join(args, " "), want.code, want.err)
			}
			for range 2 { // computed, then from the cache
				status, got := s.get(t, "/api/"+c.command+"?"+c.query)
				if status != http.StatusOK {
					t.Fatalf("status %d: %s", status, got)
				}
				if string(got) != want.stdout {
					t.Fatalf("/api/%s?%s differs from ecoscope %s:\n%.400s\nwant\n%.400s", c.command, c.query, strings.Join(args, " "), got, want.stdout)
				}
			}
			// fields=: the command encodes only those keys; they are
			// the keys of its whole answer, byte for byte.
			var keys []string
			dec := json.NewDecoder(strings.NewReader(want.stdout))
			dec.Token()
			for dec.More() {
				k, _ := dec.Token()
				keys = append(keys, k.(string))
				var skip json.RawMessage
				dec.Decode(&skip)
			}
			fields := []string{keys[len(keys)-1], keys[0]}
			wantSel, err := report.SelectJSON([]byte(want.stdout), fields)
			if err != nil {
				t.Fatal(err)
			}
			status, got := s.get(t, "/api/"+c.command+"?"+c.query+"&fields="+strings.Join(fields, ","))
			if status != http.StatusOK || string(got) != string(wantSel) {
				t.Fatalf("fields=%s: %d\n%.400s\nwant\n%.400s", strings.Join(fields, ","), status, got, wantSel)
			}
		})
	}
}

// TestServeAPIErrors: a bad parameter is a 400 with the message the
// command line gives; an unknown path a 404.
func TestServeAPIErrors(t *testing.T) {
	s := startServe(t, "--from", example)
	for _, c := range []struct {
		path string
		args []string // the command line that gives the same message
	}{
		{"/api/metrics?level=bogus", []string{"metrics", "--level", "bogus"}},
		{"/api/report?at=2019-13", []string{"report", "--at", "2019-13"}},
		{"/api/gaps?unit=nope", []string{"gaps", "--unit", "nope"}},
		{"/api/growth?every=decade", []string{"growth", "--every", "decade"}},
		{"/api/check?bogus=1", []string{"check", "--bogus", "1"}},
		{"/api/gaps?top=-1", []string{"gaps", "--top", "-1"}},
	} {
		status, body := s.get(t, c.path)
		var e struct{ Error string }
		if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
			t.Errorf("%s: %d %s: not a JSON error", c.path, status, body)
			continue
		}
		cli := ecoscope(t, nil, append(c.args, "--from", example, "--format", "json")...)
		first, _, _ := strings.Cut(cli.err, "\n")
		if status != http.StatusBadRequest || "error: "+e.Error != first {
			t.Errorf("%s: %d %q; want 400 and the command line's %q", c.path, status, e.Error, first)
		}
	}
	for _, c := range []struct {
		path   string
		status int
		says   string
	}{
		{"/api/report?out=x.json", 400, "writes no files"},
		{"/api/metrics?save=true", 400, "read-only"},
		{"/api/report?from=/etc", 400, "data set it was started with"},
		{"/api/report?format=text", 400, "JSON"},
		{"/api/network?ties=bogus", 400, "is not one of explicit, units, all"},
		{"/api/network?at=2020", 400, "unknown parameter"},
		{"/api/nothing", 404, "the endpoints are"},
		{"/nothing", 404, "not found"},
		{"/static/", 404, "not found"},
		{"/static/../serve.go", 404, "not found"},
	} {
		status, body := s.get(t, c.path)
		if status != c.status || !strings.Contains(string(body), c.says) {
			t.Errorf("%s: %d %s; want %d saying %q", c.path, status, body, c.status, c.says)
		}
	}
	resp, err := http.Post(s.base+"/api/report", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
}

// networkAnswer is what the tests read of /api/network.
type networkAnswer struct {
	FirstDate string `json:"first_date"`
	LastDate  string `json:"last_date"`
	Nodes     struct {
		ID, Name, Helix       []string
		Start, End            []int // YYYYMMDD, 0 open
		X, Y                  []float64
		Degree                []int
		Betweenness, PageRank []float64
	}
	Ties struct {
		Offsets, Target []int
		Start, End      []int
	}
	Units []struct {
		ID, Parent string
		Members    []int
	}
}

// activeAt counts the partners of n active on day d by the rule the page
// uses (docs/serve.md).
func (n *networkAnswer) activeAt(d string) int {
	var y, m, dd int
	fmt.Sscanf(d, "%d-%d-%d", &y, &m, &dd)
	day := y*10000 + m*100 + dd
	k := 0
	for i := range n.Nodes.ID {
		if (n.Nodes.Start[i] == 0 || n.Nodes.Start[i] <= day) && (n.Nodes.End[i] == 0 || n.Nodes.End[i] >= day) {
			k++
		}
	}
	return k
}

// TestServeNetwork: the page's rule for who is active at a date, applied
// to /api/network, counts what the report counts at that date; the nodes,
// ties and units are those of the data set.
func TestServeNetwork(t *testing.T) {
	s := startServe(t, "--from", example)
	status, body := s.get(t, "/api/network")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	var n networkAnswer
	if err := json.Unmarshal(body, &n); err != nil {
		t.Fatal(err)
	}
	all := reportJSON(t, nil, "--from", example)
	if len(n.Nodes.ID) != int(all["partners"].(float64)) {
		t.Errorf("%d nodes, the report counts %v partners", len(n.Nodes.ID), all["partners"])
	}
	if len(n.Units) != len(all["units"].([]any)) {
		t.Errorf("%d units, the report lists %d", len(n.Units), len(all["units"].([]any)))
	}
	if n.FirstDate == "" || n.LastDate <= n.FirstDate {
		t.Errorf("dates %q to %q", n.FirstDate, n.LastDate)
	}
	// Days inside and at the ends of records: the first day, a mid-year
	// day, a year's last day, the last day.
	for _, d := range []string{n.FirstDate, "2018-02-28", "2019-06-30", "2020-12-31", "2021-01-01", "2023-07-15", "2025-12-31", n.LastDate, "2030-01-01"} {
		rep := reportJSON(t, nil, "--from", example, "--at", d)
		if got, want := n.activeAt(d), int(rep["partners"].(float64)); got != want {
			t.Errorf("at %s: %d partners active by the page's rule, the report counts %d", d, got, want)
		}
	}
	for i := range n.Nodes.ID {
		if !(n.Nodes.X[i] >= 0 && n.Nodes.X[i] <= 1 && n.Nodes.Y[i] >= 0 && n.Nodes.Y[i] <= 1) {
			t.Fatalf("node %d at (%v, %v), outside [0,1]²", i, n.Nodes.X[i], n.Nodes.Y[i])
		}
	}
	// Ties: rows of the lower node, node indices in range, each pair once,
	// the degrees of the nodes.
	if len(n.Ties.Offsets) != len(n.Nodes.ID)+1 || n.Ties.Offsets[0] != 0 || n.Ties.Offsets[len(n.Nodes.ID)] != len(n.Ties.Target) {
		t.Fatalf("offsets %v for %d nodes and %d ties", n.Ties.Offsets, len(n.Nodes.ID), len(n.Ties.Target))
	}
	seen := map[[2]int]bool{}
	deg := make([]int, len(n.Nodes.ID))
	for u := range n.Nodes.ID {
		for k := n.Ties.Offsets[u]; k < n.Ties.Offsets[u+1]; k++ {
			v := n.Ties.Target[k]
			if v <= u || v >= len(n.Nodes.ID) || seen[[2]int{u, v}] {
				t.Fatalf("tie %d: %d–%d", k, u, v)
			}
			seen[[2]int{u, v}] = true
			deg[u]++
			deg[v]++
		}
	}
	if !slices.Equal(deg, n.Nodes.Degree) {
		t.Errorf("the ties' degrees %v, nodes.degree %v", deg, n.Nodes.Degree)
	}
	net := metricsNetwork(t)
	if len(n.Ties.Target) != int(net["ties"].(float64)) {
		t.Errorf("%d ties, metrics --level network counts %v", len(n.Ties.Target), net["ties"])
	}
	// Degree as metrics computes it.
	nodes := ecoscope(t, nil, "metrics", "--from", example, "--level", "nodes", "--format", "json")
	var rows struct {
		Nodes []struct {
			ID     string `json:"id"`
			Degree int    `json:"degree"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(nodes.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	degree := map[string]int{}
	for _, r := range rows.Nodes {
		degree[r.ID] = r.Degree
	}
	for i, id := range n.Nodes.ID {
		if n.Nodes.Degree[i] != degree[id] {
			t.Fatalf("%s: degree %d, metrics says %d", id, n.Nodes.Degree[i], degree[id])
		}
	}
}

func metricsNetwork(t *testing.T) map[string]any {
	t.Helper()
	r := ecoscope(t, nil, "metrics", "--from", example, "--level", "network", "--format", "json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v: %s", err, r.err)
	}
	if net, ok := doc["network"].(map[string]any); ok {
		return net
	}
	return doc
}

// TestServeGuards: the headers every answer carries, gzip, and the Host
// check against DNS rebinding.
func TestServeGuards(t *testing.T) {
	s := startServe(t, "--from", example)
	for _, path := range []string{"/", "/api/report", "/api/nothing"} {
		resp, err := http.Get(s.base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
	for host, want := range map[string]int{
		"evil.example.com": http.StatusForbidden,
		"evil.example.com:" + strings.Split(s.base, ":")[2]: http.StatusForbidden,
		"127.0.0.1:1":                                http.StatusForbidden, // another port
		strings.TrimPrefix(s.base, "http://"):        http.StatusOK,
		"localhost:" + strings.Split(s.base, ":")[2]: http.StatusOK,
	} {
		req, _ := http.NewRequest("GET", s.base+"/api/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
	// gzip, when asked for, decodes to the same answer.
	req, _ := http.NewRequest("GET", s.base+"/api/network", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	_, plain := s.get(t, "/api/network")
	if !bytes.Equal(unzipped, plain) {
		t.Error("the gzipped network differs from the plain one")
	}
}

// TestServeConcurrent: requests at once, for the same and for different
// answers, get what one at a time gets (run with -race in CI).
func TestServeConcurrent(t *testing.T) {
	s := startServe(t, "--from", example)
	paths := []string{"/api/report", "/api/report?at=2022", "/api/gaps", "/api/metrics?level=nodes", "/api/network", "/api/check", "/api/growth"}
	want := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for round := range 3 {
		for _, p := range paths {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := http.Get(s.base + p)
				if err != nil {
					t.Error(err)
					return
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				mu.Lock()
				defer mu.Unlock()
				if resp.StatusCode != 200 {
					t.Errorf("%s: %d %s", p, resp.StatusCode, b)
				}
				if w, ok := want[p]; ok && w != string(b) {
					t.Errorf("%s (round %d): a different answer", p, round)
				}
				want[p] = string(b)
			}()
		}
	}
	wg.Wait()
}

// TestServeStopsAndWarns: Ctrl-C stops the server gracefully (exit 0);
// an address other than loopback is served with a warning.
func TestServeStopsAndWarns(t *testing.T) {
	s := startServe(t, "--from", example, "--addr", "0.0.0.0:0")
	if status, _ := s.get(t, "/api/"); status != http.StatusOK {
		t.Errorf("GET /api/ on 0.0.0.0: %d", status)
	}
	r := s.stop()
	if r.code != exitOK || !strings.Contains(r.err, "warning: listening on") || !strings.Contains(r.err, "visible to every network") || !strings.Contains(r.err, "stopped") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.err)
	}
	if !strings.Contains(r.stdout, "Serving energieke-regio") {
		t.Errorf("stdout: %s", r.stdout)
	}
	s = startServe(t, "--from", example)
	if r := s.stop(); strings.Contains(r.err, "warning") {
		t.Errorf("a warning on the loopback address: %s", r.err)
	}
	if r := ecoscope(t, nil, "serve", "--from", example, "--addr", "nocolon"); r.code != exitUsage || !strings.Contains(r.err, "--addr") {
		t.Errorf("--addr nocolon: exit %d: %s", r.code, r.err)
	}
	if r := ecoscope(t, nil, "serve", "--from", "/no/such/dir"); r.code == exitOK {
		t.Errorf("a missing data set: exit %d", r.code)
	}
}

// TestServeFields: fields= keeps the named keys of the command's JSON, in
// its order, with the values the command writes.
func TestServeFields(t *testing.T) {
	s := startServe(t, "--from", example)
	want := ecoscope(t, nil, "report", "--from", example, "--format", "json", "--at", "2022")
	var full map[string]json.RawMessage
	if err := json.Unmarshal([]byte(want.stdout), &full); err != nil {
		t.Fatal(err)
	}
	status, body := s.get(t, "/api/report?at=2022&fields=summary,partners&fields=mixing")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("keys %v, want partners, summary, mixing", slices.Collect(maps.Keys(got)))
	}
	for k, v := range got {
		var a, b any
		json.Unmarshal(v, &a)
		json.Unmarshal(full[k], &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs from the command's", k)
		}
	}
	// Indented as the command indents: its lines, in its order.
	for _, line := range strings.Split(strings.TrimSpace(string(body)), "\n") {
		if !strings.Contains(want.stdout, strings.TrimSuffix(line, ",")) {
			t.Errorf("line %q is not a line of the command's JSON", line)
			break
		}
	}
	if i, j := bytes.Index(body, []byte(`"partners"`)), bytes.Index(body, []byte(`"mixing"`)); i < 0 || j < i {
		t.Errorf("not in the command's order: %.200s", body)
	}
	status, body = s.get(t, "/api/report?fields=bogus")
	if status != 400 || !strings.Contains(string(body), "no key bogus") || !strings.Contains(string(body), "summary") {
		t.Errorf("fields=bogus: %d %s", status, body)
	}
}

// TestServeInitialView: --at, --unit and --ties choose what the page
// shows first, in the address it prints; an unknown unit is an error
// naming the closest ids, before anything listens.
func TestServeInitialView(t *testing.T) {
	s := startServe(t, "--from", example, "--at", "2021-06", "--unit", "team-buurtbatterij", "--ties", "explicit")
	r := s.stop()
	if !strings.Contains(r.stdout, "/?at=2021-06&ties=explicit&unit=team-buurtbatterij") {
		t.Errorf("stdout: %s", r.stdout)
	}
	r = ecoscope(t, nil, "serve", "--from", example, "--unit", "team-buurtbatery")
	if r.code == exitOK || !strings.Contains(r.err, "team-buurtbatterij") {
		t.Errorf("an unknown unit: exit %d: %s", r.code, r.err)
	}
	r = ecoscope(t, nil, "serve", "--from", example, "--at", "2021-13")
	if r.code != exitUsage {
		t.Errorf("--at 2021-13: exit %d: %s", r.code, r.err)
	}
}

// TestChunks: the runner's answer buffer returns exactly what was written,
// across chunk boundaries, in writes of any size (one byte to several
// chunks), and an empty answer is empty.
func TestChunks(t *testing.T) {
	var c chunks
	if got := c.Bytes(); len(got) != 0 {
		t.Errorf("empty: %q", got)
	}
	var want bytes.Buffer
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 0, 7, chunkSize - 8, 3*chunkSize + 5, 1, chunkSize, 100} {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(r.Uint32())
		}
		if k, err := c.Write(p); k != n || err != nil {
			t.Fatalf("Write(%d bytes) = %d, %v", n, k, err)
		}
		want.Write(p)
	}
	if !bytes.Equal(c.Bytes(), want.Bytes()) {
		t.Errorf("chunks give %d bytes, not the %d written", len(c.Bytes()), want.Len())
	}
	if len(c.full) < 5 {
		t.Errorf("%d bytes in %d chunks of %d", want.Len(), len(c.full), chunkSize)
	}
}
