package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
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
// navigation until the network is drawn, the network cached) and the
// redraw after moving the time slider back and forth. Run it with
//
//	go test ./cmd/ecoscope -run '^$' -bench BenchmarkServe -benchtime 1x
//
// The figures are custom metrics in seconds; ns/op is the whole round.
func BenchmarkServe(b *testing.B) {
	bin := chromium()
	if bin == "" {
		b.Skip("Chromium is not installed: apt-get install -y chromium")
	}
	for _, n := range []int{6000, 50000} {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(n))
		e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
		if err := generate.WriteCSV(dir, e); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("partners=%d", n), func(b *testing.B) {
			var network, networkCached, report, reportCached, page, slider time.Duration
			rounds := 0
			for b.Loop() {
				rounds++
				s := startServe(b, "--from", dir)
				network += timeGet(b, s.base+"/api/network")
				networkCached += timeGet(b, s.base+"/api/network")
				report += timeGet(b, s.base+"/api/report?at=2020-06-30")
				reportCached += timeGet(b, s.base+"/api/report?at=2020-06-30")
				tab := openTab(b, strings.TrimPrefix(s.base, "http://"))
				start := time.Now()
				tab.load(b, s.base+"/")
				page += time.Since(start)
				b.Logf("the page's own timings (ms): %s", eval[string](b, tab, `JSON.stringify(ecoscope.timings)`))
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
				tab.close()
				s.stop()
			}
			r := float64(rounds)
			b.ReportMetric(network.Seconds()/r, "network-first-s")
			b.ReportMetric(networkCached.Seconds()/r, "network-cached-s")
			b.ReportMetric(report.Seconds()/r, "report-first-s")
			b.ReportMetric(reportCached.Seconds()/r, "report-cached-s")
			b.ReportMetric(page.Seconds()/r, "page-s")
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
