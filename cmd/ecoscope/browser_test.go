package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ecoscope/ecoscope/report"
)

// chromium returns the path of Debian's chromium (or Ubuntu's
// chromium-browser), "" when neither is installed.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserTab is a headless Chromium tab that records what a user would
// not want to see: console errors, exceptions, dialogs, and requests the
// page should not make; the test fails on them when it ends.
type browserTab struct {
	ctx      context.Context
	close    func() // closes the browser
	mu       sync.Mutex
	problems []string
	requests []string // those allowed refused
	seen     int      // requests of any kind
	urls     []string // the address of every request
}

// openTab starts Chromium (the test skips where none is installed) with
// a blank tab; a request whose address allowed refuses fails the test.
func openTab(t testing.TB, allowed func(*url.URL) bool) *browserTab {
	t.Helper()
	bin := chromium()
	if bin == "" {
		t.Skip("Chromium is not installed (neither chromium nor chromium-browser is on PATH): the page of ecoscope serve is not checked in a browser; apt-get install -y chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox, // as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	tab := &browserTab{ctx: bctx, close: cancelAlloc}
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium (%s): %v", bin, err)
	}
	if err := chromedp.Listen(bctx, func(ev any) {
		tab.mu.Lock()
		defer tab.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				tab.problems = append(tab.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			tab.problems = append(tab.problems, "exception: "+ev.ExceptionDetails.Text+" "+exceptionText(ev.ExceptionDetails))
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				tab.problems = append(tab.problems, fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		case *page.EventJavascriptDialogOpening:
			tab.problems = append(tab.problems, "a dialog opened: "+ev.Message)
			go chromedp.Call(bctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		case *network.EventRequestWillBeSent:
			tab.seen++
			tab.urls = append(tab.urls, ev.Request.URL)
			if u, err := url.Parse(ev.Request.URL); err != nil || !allowed(u) {
				tab.requests = append(tab.requests, ev.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tab.mu.Lock()
		defer tab.mu.Unlock()
		for _, p := range tab.problems {
			t.Errorf("browser: %s", p)
		}
		for _, r := range tab.requests {
			t.Errorf("a request the page should not make: %s", r)
		}
		if tab.seen == 0 {
			t.Error("saw no request at all: the network listener is not working")
		}
	})
	return tab
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// sameHost allows the requests of a page served from host: to host, and
// data: and blob: addresses.
func sameHost(host string) func(*url.URL) bool {
	return func(u *url.URL) bool { return u.Scheme == "data" || u.Scheme == "blob" || u.Host == host }
}

// figureBox is what the page says of one chart.
type figureBox struct {
	ID     string  `json:"id"`
	Width  float64 `json:"w"`
	Height float64 `json:"h"`
	Role   string  `json:"role"`
	Title  string  `json:"title"`
	Shown  bool    `json:"shown"`
	Table  bool    `json:"table"`
}

const figuresJS = `Array.from(document.querySelectorAll('figure.chart')).map(f => {
	const s = f.querySelector('svg');
	const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};
	const cs = s ? getComputedStyle(s) : null;
	const t = s ? s.querySelector('title') : null;
	return {id: f.id, w: r.width, h: r.height, role: s ? s.getAttribute('role') || '' : '',
		title: t ? t.textContent : '', table: !!f.querySelector('details table'),
		shown: !!cs && cs.display !== 'none' && cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0};
})`

// TestHTMLInBrowser writes the HTML report of the example as a user does
// (ecoscope report --format html --out FILE, in English and Dutch) and
// opens it in headless Chromium, as a reader would open the file: it must
// load without a console error and without a request that leaves the file,
// show every chart (the network drawing among them) at a size, fit a
// phone's width and hide the table of contents in print. It saves
// full-page screenshots (desktop and phone) to $ECOSCOPE_SCREENSHOTS (a
// temporary directory when unset) to be looked at.
func TestHTMLInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	if chromium() == "" {
		t.Skip("Chromium is not installed (neither chromium nor chromium-browser is on PATH): the HTML report is not checked in a browser; apt-get install -y chromium")
	}
	shots := os.Getenv("ECOSCOPE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	shots, err := filepath.Abs(shots)
	if err != nil {
		t.Fatal(err)
	}
	// From the top of the repository, so that the report names its source
	// as a user's would: examples/energieke-regio.
	t.Chdir("../..")
	for _, lang := range []string{"en", "nl"} {
		t.Run(lang, func(t *testing.T) { checkInBrowser(t, lang, shots) })
	}
}

func checkInBrowser(t *testing.T, lang, shots string) {
	page := filepath.Join(t.TempDir(), "report-"+lang+".html")
	if r := ecoscope(t, nil, "report", "--from", "examples/energieke-regio", "--format", "html", "--lang", lang, "--out", page); r.code != exitOK {
		t.Fatalf("ecoscope report --format html --lang %s: exit %d: %s", lang, r.code, r.err)
	}
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()

	tab := openTab(t, func(u *url.URL) bool { return u.Scheme == "file" || u.String() == "about:blank" })
	bctx := tab.ctx

	// Desktop.
	if err := chromedp.Do(bctx,
		chromedp.EmulateViewport(1100, 900),
		chromedp.Navigate(fileURL),
		chromedp.WaitReady("body"),
	); err != nil {
		t.Fatal(err)
	}
	figs, err := chromedp.Run(bctx, chromedp.Evaluate[[]figureBox](figuresJS))
	if err != nil {
		t.Fatal(err)
	}
	checkFigures(t, figs)
	png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	desk := filepath.Join(shots, "report-"+lang+"-desktop.png")
	if err := os.WriteFile(desk, png, 0o644); err != nil {
		t.Fatal(err)
	}

	// The page's own facts: language, one h1, no script, a table of
	// contents linking every section, findings whose links all land.
	type facts struct {
		Lang     string `json:"lang"`
		H1       int    `json:"h1"`
		Scripts  int    `json:"scripts"`
		TOCLinks int    `json:"toc"`
		Broken   int    `json:"broken"`
		Findings int    `json:"findings"`
	}
	got, err := chromedp.Run(bctx, chromedp.Evaluate[facts](`({lang: document.documentElement.lang,
		h1: document.querySelectorAll('h1').length, scripts: document.querySelectorAll('script').length,
		toc: document.querySelectorAll('nav.toc a[href^="#"]').length,
		broken: Array.from(document.querySelectorAll('a[href^="#"]')).filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length,
		findings: document.querySelectorAll('#summary ol.findings a').length})`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != lang || got.H1 != 1 || got.Scripts != 0 || got.TOCLinks < len(report.Sections) || got.Broken != 0 || got.Findings < 3 {
		t.Errorf("page facts = %+v, want lang %q, one h1, no script, a table of contents of %d sections, no broken link, 3 to 5 findings with links",
			got, lang, len(report.Sections))
	}

	// Print: no table of contents.
	if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	display, err := chromedp.Run(bctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('nav.toc')).display`))
	if err != nil {
		t.Fatal(err)
	}
	if display != "none" {
		t.Errorf("in print the table of contents has display %q, want none", display)
	}
	if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}

	// Phone: nothing wider than the screen but the tables, which scroll.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile), chromedp.Reload(), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	widths, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(widths) != 2 || widths[0] > widths[1] {
		t.Errorf("on a phone the page is %v px wide in a %v px screen: something does not reflow", widths[0], widths[1])
	}
	figs, err = chromedp.Run(bctx, chromedp.Evaluate[[]figureBox](figuresJS))
	if err != nil {
		t.Fatal(err)
	}
	checkFigures(t, figs)
	for _, fb := range figs {
		if fb.Width < 400 {
			t.Errorf("on a phone chart %s is %v px wide: too small to read (it should scroll sideways instead)", fb.ID, fb.Width)
		}
	}
	png, err = chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	phone := filepath.Join(shots, "report-"+lang+"-phone.png")
	if err := os.WriteFile(phone, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s, %s", desk, phone)

}

// checkFigures wants the five charts, each shown at a size with a text
// alternative, role="img" and its table.
func checkFigures(t *testing.T, figs []figureBox) {
	t.Helper()
	want := map[string]bool{"chart-composition": false, "chart-mixing": false, "chart-network": false,
		"chart-growth": false, "chart-growth-shares": false, "chart-values": false}
	for _, f := range figs {
		if _, ok := want[f.ID]; ok {
			want[f.ID] = true
		}
		if !f.Shown || f.Width < 100 || f.Height < 100 {
			t.Errorf("chart %s is not visible: %+v", f.ID, f)
		}
		if f.Role != "img" || len(f.Title) < 20 || !f.Table {
			t.Errorf("chart %s lacks role=img, a text alternative or its table: %+v", f.ID, f)
		}
	}
	for id, seen := range want {
		if !seen {
			t.Errorf("chart %s is not on the page", id)
		}
	}
}
