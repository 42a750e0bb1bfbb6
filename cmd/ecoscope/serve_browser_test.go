package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

// eval evaluates a JavaScript expression (a promise is awaited).
func eval[T any](t testing.TB, tab *browserTab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// load opens the page at u and waits until it has drawn the network.
func (tab *browserTab) load(t testing.TB, u string) {
	t.Helper()
	if err := chromedp.Do(tab.ctx,
		chromedp.EmulateViewport(1400, 900),
		chromedp.Navigate(u),
		chromedp.WaitReady(`body[data-ready="true"]`),
	); err != nil {
		t.Fatalf("load %s: %v", u, err)
	}
}

var digits = regexp.MustCompile(`[0-9][0-9,.\s]*`)

// shownCount reads the number of partners the page shows (#partner-count).
func shownCount(t testing.TB, tab *browserTab) int {
	t.Helper()
	text := eval[string](t, tab, `document.getElementById('partner-count').textContent`)
	m := digits.FindString(text)
	n, err := strconv.Atoi(strings.NewReplacer(",", "", ".", "", " ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(m)))
	if err != nil {
		t.Fatalf("#partner-count says %q: no number", text)
	}
	return n
}

// screenshot saves the viewport as NAME.png in the folder of
// $ECOSCOPE_SCREENSHOTS (a temporary folder when unset) and checks that it
// is not blank: a drawn network has many colours and few plain pixels.
func screenshot(t testing.TB, tab *browserTab, name string) {
	t.Helper()
	b, err := chromedp.Run(tab.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	colours, plain := countColours(img)
	if colours < 200 || plain > 0.9 {
		t.Errorf("screenshot %s looks blank: %d colours, %.0f %% of pixels the background's", name, colours, 100*plain)
	}
	dir := os.Getenv("ECOSCOPE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// countColours returns the number of colours in img and the share of its
// pixels that have the most common one.
func countColours(img image.Image) (int, float64) {
	count := map[uint32]int{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			count[cr>>8<<16|cg>>8<<8|cb>>8]++
		}
	}
	most, all := 0, 0
	for _, n := range count {
		most = max(most, n)
		all += n
	}
	return len(count), float64(most) / float64(all)
}

// apiPartners returns the partners the report counts at day d.
func apiPartners(t testing.TB, s *serving, d string) int {
	t.Helper()
	status, body := s.get(t, "/api/report?at="+url.QueryEscape(d))
	var rep struct{ Partners int }
	if status != 200 || json.Unmarshal(body, &rep) != nil {
		t.Fatalf("/api/report?at=%s: %d %.200s", d, status, body)
	}
	return rep.Partners
}

// TestServePage opens the page of `ecoscope serve --from examples/...` in
// headless Chromium, as a coordinator would: it must load with no console
// error and no request to another host; show as many partners as the API
// counts; show fewer, the report's number, when the time slider goes back;
// show a unit's candidates when a unit with a missing helix type is
// chosen; and not be blank. The screenshots go to $ECOSCOPE_SCREENSHOTS
// (docs/img holds those of docs/serve.md).
func TestServePage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	t.Chdir("../..") // the source reads examples/energieke-regio, as a user's would
	s := startServe(t, "--from", "examples/energieke-regio")
	tab := openTab(t, sameHost(strings.TrimPrefix(s.base, "http://")))
	tab.load(t, s.base+"/")

	// The network is asked for once, by boot.js as the page begins, and
	// app.js takes that answer over instead of asking again.
	tab.mu.Lock()
	var netAsked int
	for _, u := range tab.urls {
		if strings.Contains(u, "/api/network") {
			netAsked++
		}
	}
	tab.mu.Unlock()
	if netAsked != 1 {
		t.Errorf("the page asked for /api/network %d times, want once", netAsked)
	}

	// What the page shows first: the network at the last date, with the
	// report's number of partners then.
	date := eval[string](t, tab, `ecoscope.state.date`)
	if got, want := shownCount(t, tab), apiPartners(t, s, date); got != want || got == 0 {
		t.Errorf("at %s the page shows %d partners, /api/report?at=%s counts %d", date, got, date, want)
	}
	nodes := eval[int](t, tab, `ecoscope.state.nodes`)
	status, body := s.get(t, "/api/network")
	var net networkAnswer
	if status != 200 || json.Unmarshal(body, &net) != nil {
		t.Fatalf("/api/network: %d", status)
	}
	if nodes != len(net.Nodes.ID) {
		t.Errorf("the map holds %d partners, /api/network %d", nodes, len(net.Nodes.ID))
	}
	screenshot(t, tab, "serve-en")

	// Back in time: fewer partners, as many as the report counts then.
	before := shownCount(t, tab)
	for _, d := range []string{"2021-01-01", "2019-06-30"} {
		eval[int](t, tab, fmt.Sprintf(`ecoscope.setDate(%q)`, d))
		got := shownCount(t, tab)
		if want := apiPartners(t, s, d); got != want || got >= before {
			t.Errorf("at %s the page shows %d partners; the report counts %d, and at %s %d", d, got, want, date, before)
		}
		if slider := eval[string](t, tab, `ecoscope.state.date`); slider != d {
			t.Errorf("the slider is at %s after setDate(%s)", slider, d)
		}
	}
	// The headline and findings follow once the report at the date is in.
	if err := chromedp.Do(tab.ctx, chromedp.WaitReady(`#overview:not(.stale)`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, tab, "serve-en-2019")

	// A unit that misses government (docs/gaps.md), at a date when it
	// works (2020-04 to 2021-10): choosing it in the tree lists candidates
	// to invite and marks them on the map.
	const unit, when = "team-buurtbatterij", "2021-06-30"
	eval[int](t, tab, fmt.Sprintf(`ecoscope.setDate(%q)`, when))
	if err := chromedp.Do(tab.ctx,
		chromedp.Click(`#unit-tree [data-unit="`+unit+`"]`),
		chromedp.WaitVisible(`.candidate`),
	); err != nil {
		t.Fatalf("choose %s: %v", unit, err)
	}
	shown := eval[int](t, tab, `document.querySelectorAll('.candidate').length`)
	marked := eval[[]string](t, tab, `ecoscope.state.candidates`)
	status, body = s.get(t, "/api/gaps?unit="+unit+"&at="+when)
	if status != 200 {
		t.Fatalf("/api/gaps?unit=%s: %d", unit, status)
	}
	if shown == 0 || len(marked) == 0 {
		t.Errorf("%s: %d candidates listed, %d marked on the map", unit, shown, len(marked))
	}
	for _, id := range marked {
		if !bytes.Contains(body, []byte(`"`+id+`"`)) {
			t.Errorf("candidate %s is marked on the map but not in /api/gaps?unit=%s", id, unit)
		}
	}
	if err := chromedp.Do(tab.ctx, chromedp.WaitReady(`#headline:not(.stale)`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, tab, "serve-en-unit")

	// Dutch.
	tab.load(t, s.base+"/?lang=nl")
	if lang := eval[string](t, tab, `document.documentElement.lang`); lang != "nl" {
		t.Errorf("?lang=nl: the page's language is %q", lang)
	}
	if text := eval[string](t, tab, `document.body.innerText`); !strings.Contains(text, "overheid") || !strings.Contains(text, "kennisinstellingen") {
		t.Errorf("?lang=nl: no Dutch helix names on the page")
	}
	// The findings in the sentences of ecoscope report --lang nl at the
	// page's date.
	if err := chromedp.Do(tab.ctx, chromedp.WaitReady(`#headline:not(.stale)`)); err != nil {
		t.Fatal(err)
	}
	date = eval[string](t, tab, `ecoscope.state.date`)
	nl := ecoscope(t, nil, "report", "--from", "examples/energieke-regio", "--lang", "nl", "--at", date)
	findings := eval[[]string](t, tab, `Array.from(document.querySelectorAll('#findings li')).map(li => li.textContent)`)
	if len(findings) == 0 {
		t.Error("?lang=nl: no findings shown")
	}
	for _, f := range findings {
		if !strings.Contains(nl.stdout, strings.TrimSpace(f)) {
			t.Errorf("?lang=nl: finding %q is not one of ecoscope report --lang nl --at %s", f, date)
		}
	}
	screenshot(t, tab, "serve-nl")
}

// TestServePageEscapes: a partner whose name is HTML shows as text.
func TestServePageEscapes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	dir := t.TempDir()
	for _, f := range []string{"partners.csv", "people.csv", "units.csv", "memberships.csv", "ties.csv", "values.csv"} {
		b, err := os.ReadFile(filepath.Join(example, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "partners.csv" {
			const evil = `<img src=x onerror=alert(1)>`
			nb := bytes.Replace(b, []byte("Gemeente Rivierstad,"), []byte(evil+","), 1)
			if bytes.Equal(nb, b) {
				t.Fatal("the example has no partner Gemeente Rivierstad to rename")
			}
			b = nb
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := startServe(t, "--from", dir)
	tab := openTab(t, sameHost(strings.TrimPrefix(s.base, "http://")))
	tab.load(t, s.base+"/")
	eval[any](t, tab, `ecoscope.selectPartner("gemeente-rivierstad")`)
	if err := chromedp.Do(tab.ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, tab, `document.querySelectorAll('img[src="x"]').length`); n != 0 {
		t.Errorf("the name made %d img elements", n)
	}
	if text := eval[string](t, tab, `document.body.innerText`); !strings.Contains(text, `<img src=x onerror=alert(1)>`) {
		t.Errorf("the partner's name is not shown as text")
	}
	// Search shows it as text too.
	if err := chromedp.Do(tab.ctx, chromedp.SendKeys(`#search`, "<img"), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, tab, `document.querySelectorAll('img[src="x"]').length`); n != 0 {
		t.Errorf("searching made %d img elements", n)
	}
}

// TestServePageUnitTree: with many units, the tree shows the top levels
// and builds a branch when it is opened; a branch of many units lists 200
// and a button for more; choosing a unit deep down or far down a list
// (from the address, as a link would) opens the branches above it and
// selects it; its badge is the report's coverage class of it.
func TestServePageUnitTree(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	dir := t.TempDir()
	e := generate.Ecosystem(generate.Options{Partners: 600, Seed: 3})
	// 450 more teams straight under the ecosystem, each with a partner.
	var root string
	for _, u := range e.Units {
		if u.Parent == "" {
			root = u.ID
		}
	}
	for i := range 450 {
		id := fmt.Sprintf("extra-%03d", i)
		e.Units = append(e.Units, graph.Unit{ID: id, Name: id, Level: "team", Form: "team", Parent: root})
		e.Memberships = append(e.Memberships, graph.Membership{Unit: id, Member: e.Partners[i].ID, Role: "member"})
	}
	if err := generate.WriteCSV(dir, e); err != nil {
		t.Fatal(err)
	}
	var team, parent string // a team whose parent has a parent
	byID := map[string]graph.Unit{}
	for _, u := range e.Units {
		byID[u.ID] = u
	}
	for _, u := range e.Units {
		if p, ok := byID[u.Parent]; ok && p.Parent != "" && u.Level == "team" {
			team, parent = u.ID, p.ID
			break
		}
	}
	if team == "" || len(e.Units) <= 60 {
		t.Fatalf("the generated ecosystem has %d units and no team two levels down", len(e.Units))
	}
	s := startServe(t, "--from", dir)
	tab := openTab(t, sameHost(strings.TrimPrefix(s.base, "http://")))
	tab.load(t, s.base+"/")
	count := func(sel string) int {
		return eval[int](t, tab, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
	}
	teamSel := `#unit-tree .unit[data-unit="` + team + `"]`
	built := count("#unit-tree .unit")
	if built == 0 || built >= len(e.Units) || count(teamSel) != 0 {
		t.Fatalf("%d of %d units built at first, the team %d times: want the top levels only", built, len(e.Units), count(teamSel))
	}
	// Opening the team's parent builds its branch.
	eval[bool](t, tab, `(() => { document.querySelector('#unit-tree .unit[data-unit="`+parent+`"]').closest('.unit-row').querySelector('.unit-toggle').click(); return true; })()`)
	if n := count(teamSel); n != 1 {
		t.Fatalf("the team's parent opened: the team's button built %d times", n)
	}
	tab.load(t, s.base+"/?unit="+url.QueryEscape(team))
	if n := count(teamSel + `.selected`); n != 1 {
		t.Fatalf("?unit=%s: the team's button is built and selected %d times", team, n)
	}
	visible := eval[bool](t, tab, `(() => { const b = document.querySelector('`+teamSel+`'); return !!b && b.offsetParent !== null && !b.closest('[hidden]'); })()`)
	if !visible {
		t.Errorf("?unit=%s: the team's button is hidden", team)
	}
	// Its badge, once the report has come, is the report's class.
	status, body := s.get(t, "/api/report?at="+eval[string](t, tab, `ecoscope.state.date`)+"&fields=units")
	var rep struct {
		Units []struct {
			ID            string
			HelixCoverage struct{ Class string } `json:"helix_coverage"`
		}
	}
	if status != 200 || json.Unmarshal(body, &rep) != nil {
		t.Fatalf("/api/report: %d %.200s", status, body)
	}
	want := ""
	for _, u := range rep.Units {
		if u.ID == team {
			want = u.HelixCoverage.Class
		}
	}
	// The ecosystem's long list: 200 at first, then more on request; a
	// unit far down it, chosen by the address, is shown.
	tab.load(t, s.base+"/")
	rootKids := `#unit-tree > ul > li > ul > li > .unit-row > .unit`
	if n, more := count(rootKids), count(`#unit-tree .unit-more`); n != 200 || more != 1 {
		t.Errorf("the ecosystem's branch shows %d units and %d buttons for more, want 200 and 1", n, more)
	}
	eval[bool](t, tab, `(() => { document.querySelector('#unit-tree .unit-more').click(); return true; })()`)
	if n := count(rootKids); n != 400 {
		t.Errorf("after more: %d units, want 400", n)
	}
	tab.load(t, s.base+"/?unit=extra-449")
	if n := count(`#unit-tree .unit[data-unit="extra-449"].selected`); n != 1 {
		t.Errorf("?unit=extra-449: the unit's button is built and selected %d times", n)
	}
	tab.load(t, s.base+"/?unit="+url.QueryEscape(team))
	if err := chromedp.Do(tab.ctx, chromedp.WaitVisible(teamSel+` .unit-badge .badge`)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, `document.querySelector('`+teamSel+` .unit-badge .badge').className`); want == "" || !strings.Contains(got, want) {
		t.Errorf("the team's badge has class %q, the report says %q", got, want)
	}
	// A partner's panel asks for its metrics at a date once the slider
	// rests there, not at every date it passes (each is the whole network's
	// centralities, seconds at 50,000 partners).
	eval[any](t, tab, `ecoscope.selectPartner(`+strconv.Quote(e.Partners[0].ID)+`)`)
	metricsAsked := `performance.getEntriesByType("resource").filter((r) => r.name.includes("/api/metrics?")).map((r) => decodeURIComponent(r.name.replace(/.*[?&]at=([^&]*).*/, "$1")))`
	before := eval[[]string](t, tab, metricsAsked)
	steps := eval[[]string](t, tab, `ecoscope.steps()`)
	moves := []string{steps[len(steps)/4], steps[len(steps)/3], steps[len(steps)/2]}
	for _, d := range moves {
		eval[int](t, tab, `ecoscope.setDate(`+strconv.Quote(d)+`)`)
	}
	if err := chromedp.Do(tab.ctx, chromedp.Sleep(1500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	after := eval[[]string](t, tab, metricsAsked)
	if added := after[len(before):]; len(added) != 1 || added[0] != moves[2] {
		t.Errorf("moving the slider through %v asked for the metrics at %v, want only at the last", moves, added)
	}
}
