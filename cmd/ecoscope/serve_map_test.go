package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// onScreen is where the page says a partner is drawn (ecoscope.nodeOnScreen).
type onScreen struct{ X, Y, R float64 }

// TestServeMap works the map of the page as a coordinator does, with the
// mouse (real input events, not calls into the page): pointing at a
// partner shows a pointer, clicking it selects it, clicking the empty map
// lets it go, dragging moves the map without selecting anything, the
// wheel and the zoom buttons zoom, and a partner not yet active at the
// slider's date is neither drawn nor clickable.
func TestServeMap(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	t.Chdir("../..")
	s := startServe(t, "--from", "examples/energieke-regio")
	status, body := s.get(t, "/api/network")
	var net networkAnswer
	if status != 200 || json.Unmarshal(body, &net) != nil {
		t.Fatalf("/api/network: %d", status)
	}
	tab := openTab(t, sameHost(strings.TrimPrefix(s.base, "http://")))
	tab.load(t, s.base+"/")
	places := func() map[string]onScreen {
		var m map[string]onScreen
		js := `JSON.stringify(Object.fromEntries(` + mustJSON(t, net.Nodes.ID) + `.map(id => [id, ecoscope.nodeOnScreen(id)]).filter(e => e[1])))`
		if err := json.Unmarshal([]byte(eval[string](t, tab, js)), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	type box struct{ Left, Top, Right, Bottom float64 }
	var mapBox box
	if err := json.Unmarshal([]byte(eval[string](t, tab, `JSON.stringify((r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}))(document.getElementById('map').getBoundingClientRect()))`)), &mapBox); err != nil {
		t.Fatal(err)
	}
	// the partners on the map and clear of the controls drawn over it
	// (the tools at the top, the legend at the bottom left)
	inside := func(p onScreen) bool {
		return p.X > mapBox.Left+40 && p.X < mapBox.Right-40 && p.Y > mapBox.Top+80 && p.Y < mapBox.Bottom-220
	}
	at := places()
	// a partner well apart from all others, so that the click is its alone
	var id string
	for cand, p := range at {
		if !inside(p) {
			continue
		}
		alone := true
		for other, q := range at {
			if other != cand && math.Hypot(p.X-q.X, p.Y-q.Y) < p.R+q.R+8 {
				alone = false
				break
			}
		}
		if alone && (id == "" || cand < id) {
			id = cand
		}
	}
	if id == "" {
		t.Fatalf("no partner stands apart on the map: %v", at)
	}
	p := at[id]
	move := func(x, y float64, opts ...chromedp.MouseOption) {
		t.Helper()
		if err := chromedp.Do(tab.ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y, opts...)); err != nil {
			t.Fatal(err)
		}
	}
	move(p.X, p.Y)
	if !eval[bool](t, tab, `document.getElementById('map').classList.contains('pointer')`) {
		t.Errorf("pointing at %s (%.0f, %.0f) shows no pointer", id, p.X, p.Y)
	}
	if err := chromedp.Do(tab.ctx, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, `String(ecoscope.state.partner)`); got != id {
		t.Fatalf("clicking %s at (%.0f, %.0f) selected %q", id, p.X, p.Y, got)
	}

	// an empty place on the map: farther than 30 px from every partner
	var ex, ey float64
	found := false
	for y := mapBox.Top + 90; y < mapBox.Bottom-230 && !found; y += 10 {
		for x := mapBox.Left + 50; x < mapBox.Right-50 && !found; x += 10 {
			clear := true
			for _, q := range places() {
				if math.Hypot(x-q.X, y-q.Y) < q.R+30 {
					clear = false
					break
				}
			}
			if clear {
				ex, ey, found = x, y, true
			}
		}
	}
	if !found {
		t.Fatal("no empty place on the map")
	}
	if err := chromedp.Do(tab.ctx, chromedp.MouseClickXY(ex, ey)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, `String(ecoscope.state.partner)`); got != "null" {
		t.Errorf("clicking the empty map at (%.0f, %.0f) left %q selected", ex, ey, got)
	}

	// the wheel zooms in by the map's step around the pointer
	before := eval[float64](t, tab, `ecoscope.camera.ratio`)
	if _, err := chromedp.Call(tab.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseWheel, X: ex, Y: ey, DeltaY: -100, DeltaX: 1e-6 /* cdproto omits a zero, which Chromium refuses */}); err != nil {
		t.Fatal(err)
	}
	after := eval[float64](t, tab, `new Promise(r => requestAnimationFrame(() => r(ecoscope.camera.ratio)))`)
	if want := before / 1.7; math.Abs(after-want) > 1e-9*want {
		t.Errorf("a wheel notch in: camera ratio %g, want %g (%g / 1.7)", after, want, before)
	}
	// dragging moves the map and selects nothing, even starting on a partner
	p = places()[id]
	x0 := eval[float64](t, tab, `ecoscope.camera.x`)
	if err := chromedp.Do(tab.ctx,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, p.X, p.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X+60, p.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X+120, p.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, p.X+120, p.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	); err != nil {
		t.Fatal(err)
	}
	if x1 := eval[float64](t, tab, `ecoscope.camera.x`); !(x1 < x0) {
		t.Errorf("dragging 120 px to the right: camera x %g, was %g (want smaller)", x1, x0)
	}
	if q := places()[id]; math.Abs(q.X-(p.X+120)) > 1 || math.Abs(q.Y-p.Y) > 1 {
		t.Errorf("dragged 120 px right, %s moved from (%.1f, %.1f) to (%.1f, %.1f)", id, p.X, p.Y, q.X, q.Y)
	}
	if got := eval[string](t, tab, `String(ecoscope.state.partner)`); got != "null" {
		t.Errorf("a drag selected %q", got)
	}
	// the zoom-out button undoes the wheel's zoom
	if err := chromedp.Do(tab.ctx, chromedp.Click(`#zoom-out`)); err != nil {
		t.Fatal(err)
	}
	ratio := eval[float64](t, tab, `new Promise(r => setTimeout(() => r(ecoscope.camera.ratio), 600))`)
	if math.Abs(ratio-before) > 1e-9*before {
		t.Errorf("zoom out after a notch in: ratio %g, want %g", ratio, before)
	}

	// a partner that joins after the first date is not on the map before
	var late, day string
	for i, s := range net.Nodes.Start {
		if s > 0 && s/10000 >= 2019 {
			late, day = net.Nodes.ID[i], fmt.Sprintf("%04d-%02d-%02d", s/10000, s/100%100, s%100)
			break
		}
	}
	if late == "" {
		t.Fatal("the example has no partner that joins after 2018")
	}
	where := places()[late]
	eval[int](t, tab, `ecoscope.setDate("2016-06-30")`)
	if got := eval[bool](t, tab, `ecoscope.nodeOnScreen(`+strconv.Quote(late)+`) === null`); !got {
		t.Errorf("%s (from %s) is drawn at 2016-06-30", late, day)
	}
	if where.R > 0 {
		if err := chromedp.Do(tab.ctx, chromedp.MouseClickXY(where.X, where.Y)); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, tab, `String(ecoscope.state.partner)`); got == late {
			t.Errorf("clicking where %s was drawn selected it at 2016-06-30, before it joined (%s)", late, day)
		}
	}
	screenshot(t, tab, "map-2016")
}
