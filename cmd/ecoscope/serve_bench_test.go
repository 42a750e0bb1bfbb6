package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/generate"
)

// BenchmarkServe times ecoscope serve as a user meets it, on the generated
// ecosystems of docs/benchmarks.md (6,000 and 50,000 partners, 5 ties a
// partner), each round on a server just started: the network (layout
// included) and the report of a snapshot, first and cached, over HTTP with
// gzip; then in headless Chromium the page's first full drawing (from
// navigation until the network is drawn, the network cached; page-s as
// the test sees it, page-drawn-s by the page's clock) and the
// redraw after moving the time slider back and forth. Run it with
//
//	go test ./cmd/ecoscope -run '^$' -bench BenchmarkServe -benchtime 1x
//
// The figures are custom metrics in seconds; ns/op is the whole round.
// ECOSCOPE_BENCH_PARTNERS=6000 (or a comma-separated list) times other
// sizes.
func BenchmarkServe(b *testing.B) {
	bin := chromium()
	if bin == "" {
		b.Skip("Chromium is not installed: apt-get install -y chromium")
	}
	sizes := []int{6000, 50000}
	if v := os.Getenv("ECOSCOPE_BENCH_PARTNERS"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				b.Fatalf("ECOSCOPE_BENCH_PARTNERS=%q: not a list of sizes", v)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(n))
		e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
		if err := generate.WriteCSV(dir, e); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("partners=%d", n), func(b *testing.B) {
			// What the page asks for first, at the last date, for a
			// fieldlab: the report's headline, the unit's check and
			// gaps, a partner's metrics; and the growth series.
			const last = "2026-12-31"
			var unit string // the first fieldlab
			for _, u := range e.Units {
				if u.Level == "fieldlab" {
					unit = u.ID
					break
				}
			}
			api := []struct{ name, path string }{
				{"network", "/api/network"},
				{"report", "/api/report?at=" + last + "&fields=name,at,partners,ties,helix_coverage,units,summary,mixing"},
				{"growth", "/api/growth?every=year"},
				{"check", "/api/check?unit=" + unit + "&at=" + last},
				{"gaps", "/api/gaps?unit=" + unit + "&at=" + last + "&top=5"},
				{"metrics", "/api/metrics?level=nodes&at=" + last + "&approx=0.01"},
			}
			first := make([]time.Duration, len(api))
			cached := make([]time.Duration, len(api))
			var page, drawn, slider time.Duration
			rounds := 0
			for b.Loop() {
				rounds++
				s := startServe(b, "--from", dir)
				for i, a := range api {
					first[i] += timeGet(b, s.base+a.path)
					cached[i] += timeGet(b, s.base+a.path)
				}
				tab := openTab(b, sameHost(strings.TrimPrefix(s.base, "http://")))
				start := time.Now()
				tab.load(b, s.base+"/")
				pg := time.Since(start)
				page += pg
				b.Logf("the page's own timings (ms): %s", eval[string](b, tab, `JSON.stringify(ecoscope.timings)`))
				// by the page's clock: from navigation until the frame
				// after the network is drawn (without the DevTools
				// protocol's round trips that pg counts)
				dr := time.Duration(eval[float64](b, tab, `ecoscope.timings.start + ecoscope.timings.firstDraw`) * float64(time.Millisecond))
				drawn += dr
				// The slider: to a date, and the time until the frame after
				// the redraw, three times.
				var worst float64
				for _, d := range []string{"2018-06-30", "2022-06-30", "2026-06-30"} {
					ms := eval[float64](b, tab, fmt.Sprintf(`(async () => { const t0 = performance.now(); ecoscope.setDate(%q);
						await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
						return performance.now() - t0; })()`, d))
					worst = max(worst, ms)
				}
				slider += time.Duration(worst * float64(time.Millisecond))
				b.Logf("round %d: page %.2f s (drawn by the page's clock %.2f s), slider worst %.2f s", rounds, pg.Seconds(), dr.Seconds(), worst/1000)
				tab.close()
				s.stop()
			}
			r := float64(rounds)
			for i, a := range api {
				b.ReportMetric(first[i].Seconds()/r, a.name+"-first-s")
				b.ReportMetric(cached[i].Seconds()/r, a.name+"-cached-s")
			}
			b.ReportMetric(page.Seconds()/r, "page-s")
			b.ReportMetric(drawn.Seconds()/r, "page-drawn-s")
			b.ReportMetric(slider.Seconds()/r, "slider-worst-s")
		})
	}
}

// timeGet returns how long GET u takes, with gzip as a browser asks.
func timeGet(b testing.TB, u string) time.Duration {
	b.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	start := time.Now()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("%s: %d", u, resp.StatusCode)
	}
	return time.Since(start)
}
