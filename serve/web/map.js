// ecoscope serve: the network map, drawn with the browser's Canvas 2D.
//
// Why not a WebGL library (the page used sigma.js 3 + graphology before):
// on a computer without a graphics card, as in many meeting rooms and in
// headless Chromium, WebGL is emulated in software and sigma's first frame
// of 6,000 partners took 2.5 s; Canvas 2D draws the same picture in about
// a tenth of that, and needs no graph object beside the page's own arrays.
// The map draws in batches (one path per colour, edges in short runs so
// that dense regions still darken), keeps a grid of the drawn nodes for
// hover and click, and places labels biggest first where they do not
// overlap.
//
// Coordinates: the positions are normalised so that the layout's longer
// side spans [0, 1], centred on 0.5 (the camera's x, y are in these
// units); at ratio 1 that square fills the map's shorter side less a
// padding, and ratio 0.5 shows half as much.
(function () {
  "use strict";

  const PAD = 40;
  const ZOOM_STEP = 1.7;

  class EcoMap {
    // container: the element to draw in. opts:
    //   x, y: the layout (arrays of N numbers)
    //   src, dst: the ties' end nodes (Int32Array; -1 for a tie not drawn)
    //   node(i, out): fills out {hidden, size, color, z, label, force} for
    //     node i (out is reused; label is its text or null)
    //   edge(j, out): fills out {hidden, color, width, z} for tie j
    //   zoomSize(ratio): how sizes grow when zooming (sizes are divided by it)
    //   nodeScale: a node's radius on screen is its size times this
    //   labelThreshold: the smallest size, once divided by zoomSize, that
    //     gets a label
    //   hideOnMove: draw neither ties nor labels while the camera moves
    //   onClickNode(i), onClickStage(), onHover(i or -1)
    constructor(container, opts) {
      this.el = container;
      this.o = opts;
      const n = opts.x.length;
      this.n = n;
      const p = EcoMap.normalise(opts.x, opts.y);
      this.nx = p.x; this.ny = p.y;
      // screen position and radius of each node at the last drawing (-1: not drawn)
      this.sx = new Float32Array(n); this.sy = new Float32Array(n); this.sr = new Float32Array(n).fill(-1);
      this.sz = new Float32Array(n);
      this.edges = new Int32Array(0);
      this.halos = [];
      this.cam = { x: 0.5, y: 0.5, ratio: 1 };
      this.moving = false;
      this.grid = null;
      this.hover = -1;
      this.frame = 0;
      this.anim = null;
      this.canvas = document.createElement("canvas");
      this.canvas.className = "map-canvas";
      this.canvas.setAttribute("aria-hidden", "true");
      container.appendChild(this.canvas);
      this.ctx = this.canvas.getContext("2d", { alpha: false });
      if (!this.ctx) throw new Error("this browser cannot draw on a canvas");
      this.resize();
      this.listen();
      if (typeof ResizeObserver === "function") {
        this.ro = new ResizeObserver(() => { if (this.resize()) this.schedule(); });
        this.ro.observe(container);
      }
    }

    // The ties to draw (their indices), in drawing order.
    setEdges(list) { this.edges = list; }
    // Nodes drawn with a ring around them.
    setHalos(list) { this.halos = list.slice(); }
    setLabelThreshold(px) { this.o.labelThreshold = px; }

    resize() {
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, this.el.clientWidth), h = Math.max(1, this.el.clientHeight);
      if (w === this.w && h === this.h && dpr === this.dpr) return false;
      this.w = w; this.h = h; this.dpr = dpr;
      this.canvas.width = Math.round(w * dpr); this.canvas.height = Math.round(h * dpr);
      this.canvas.style.width = w + "px"; this.canvas.style.height = h + "px";
      return true;
    }

    // ------------------------------------------------------------ camera
    scale(ratio) { return Math.max(1, Math.min(this.w, this.h) - 2 * PAD) / ratio; }
    // graph (normalised) to screen, and back
    toScreen(x, y) {
      const k = this.scale(this.cam.ratio);
      return { x: this.w / 2 + (x - this.cam.x) * k, y: this.h / 2 - (y - this.cam.y) * k };
    }
    toGraph(px, py) {
      const k = this.scale(this.cam.ratio);
      return { x: this.cam.x + (px - this.w / 2) / k, y: this.cam.y - (py - this.h / 2) / k };
    }
    // where node i was drawn last ({x, y, r} in the map's pixels; it may
    // lie off the map), or null when it was hidden
    drawnAt(i) { return i >= 0 && i < this.n && this.sr[i] >= 0 ? { x: this.sx[i], y: this.sy[i], r: this.sr[i] } : null; }
    // node i's normalised position
    position(i) { return i >= 0 && i < this.n ? { x: this.nx[i], y: this.ny[i] } : null; }
    camera() { return { x: this.cam.x, y: this.cam.y, ratio: this.cam.ratio }; }
    clampRatio(r) { return Math.min(this.o.maxRatio || 4, Math.max(this.o.minRatio || 0.01, r)); }
    setCamera(c) {
      this.moving = false;
      this.jump(c);
    }
    // Sets the camera at once, leaving moving as it is (the wheel sets it).
    jump(c) {
      this.anim = null;
      this.cam = { x: c.x, y: c.y, ratio: this.clampRatio(c.ratio) };
      this.schedule();
    }
    // Moves the camera to c in ms milliseconds (eased); at once for ms 0.
    animate(c, ms) {
      const from = this.camera(), to = { x: c.x, y: c.y, ratio: this.clampRatio(c.ratio) };
      if (!(ms > 0)) { this.jump(to); return; }
      const t0 = performance.now();
      const id = {};
      this.anim = id;
      this.moving = true;
      const step = () => {
        if (this.anim !== id) return;
        const f = Math.min(1, (performance.now() - t0) / ms), e = f < 0.5 ? 2 * f * f : 1 - Math.pow(-2 * f + 2, 2) / 2;
        // zoom in log space, so that it looks even
        this.cam = {
          x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e,
          ratio: Math.exp(Math.log(from.ratio) + (Math.log(to.ratio) - Math.log(from.ratio)) * e),
        };
        if (f < 1) { this.drawNow(); requestAnimationFrame(step); } else { this.anim = null; this.moving = false; this.drawNow(); }
      };
      requestAnimationFrame(step);
    }
    // Zooms by factor (> 1 in) around the screen point (px, py), the centre by default.
    zoom(factor, ms, px, py) {
      const r = this.clampRatio(this.cam.ratio / factor);
      if (px === undefined) { this.animate({ x: this.cam.x, y: this.cam.y, ratio: r }, ms); return; }
      // keep the graph point under (px, py) in place
      const g = this.toGraph(px, py), k = this.scale(r);
      this.animate({ x: g.x - (px - this.w / 2) / k, y: g.y + (py - this.h / 2) / k, ratio: r }, ms);
    }

    // ------------------------------------------------------------ drawing
    // Draws at the next frame (several calls, one drawing).
    schedule() {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => { this.frame = 0; this.drawNow(); });
    }
    drawNow() {
      if (this.frame) { cancelAnimationFrame(this.frame); this.frame = 0; }
      this.resize();
      const o = this.o, ctx = this.ctx, w = this.w, h = this.h, n = this.n;
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, w, h);
      const k = this.scale(this.cam.ratio), cx = this.cam.x, cy = this.cam.y;
      const grow = 1 / o.zoomSize(this.cam.ratio), scale = o.nodeScale || 1;
      const sx = this.sx, sy = this.sy, sr = this.sr, sz = this.sz;
      const st = { hidden: false, size: 1, color: "#000", z: 0, label: null, force: false };
      // the nodes' places and styles, grouped by layer, band and colour:
      // one path per colour would paint a colour over all others where
      // nodes overlap; bands of the node order mix them as drawing each
      // node in turn would, at a few dozen fills
      const layers = new Map(); // z*BANDS+band -> Map(color -> [i])
      const bands = n > 2000 ? 24 : 1;
      const labels = [];
      for (let i = 0; i < n; i++) {
        st.hidden = false; st.z = 0; st.label = null; st.force = false;
        o.node(i, st);
        if (st.hidden) { sr[i] = -1; continue; }
        const x = w / 2 + (this.nx[i] - cx) * k, y = h / 2 - (this.ny[i] - cy) * k;
        const r = st.size * grow * scale;
        sx[i] = x; sy[i] = y; sr[i] = r; sz[i] = st.z;
        if (x < -r || x > w + r || y < -r || y > h + r) continue;
        const key = st.z * bands + Math.floor(i * bands / n);
        let byColor = layers.get(key);
        if (!byColor) layers.set(key, (byColor = new Map()));
        let list = byColor.get(st.color);
        if (!list) byColor.set(st.color, (list = []));
        list.push(i);
        if (st.label && (st.force || st.size * grow >= o.labelThreshold)) labels.push({ i, r, z: st.z, text: st.label, force: st.force });
      }
      this.grid = null;
      const quiet = this.moving && o.hideOnMove;
      if (!quiet) this.drawEdges(ctx, w, h);
      // rings under the nodes they mark
      ctx.fillStyle = o.haloColor || "#111";
      for (const i of this.halos) {
        if (sr[i] < 0) continue;
        ctx.beginPath();
        ctx.arc(sx[i], sy[i], sr[i] + 2.5, 0, 2 * Math.PI);
        ctx.fill();
      }
      const zs = Array.from(layers.keys()).sort((a, b) => a - b);
      for (const z of zs) {
        for (const [color, list] of layers.get(z)) {
          ctx.fillStyle = color;
          ctx.beginPath();
          for (const i of list) {
            const r = sr[i];
            if (r < 1.2) { ctx.rect(sx[i] - r, sy[i] - r, 2 * r, 2 * r); continue; }
            ctx.moveTo(sx[i] + r, sy[i]);
            ctx.arc(sx[i], sy[i], r, 0, 2 * Math.PI);
          }
          ctx.fill();
        }
      }
      if (!quiet) this.drawLabels(ctx, labels, w, h);
      this.drawn = (this.drawn || 0) + 1;
    }

    drawEdges(ctx, w, h) {
      const o = this.o, sx = this.sx, sy = this.sy, sr = this.sr, src = o.src, dst = o.dst, edges = this.edges;
      const est = { hidden: false, color: "#000", width: 1, z: 0 };
      const groups = new Map(); // "z|width|color" -> [j]
      for (let k = 0; k < edges.length; k++) {
        const j = edges[k], a = src[j], b = dst[j];
        if (a < 0 || sr[a] < 0 || sr[b] < 0) continue;
        // off the screen on one side
        if ((sx[a] < 0 && sx[b] < 0) || (sx[a] > w && sx[b] > w) || (sy[a] < 0 && sy[b] < 0) || (sy[a] > h && sy[b] > h)) continue;
        est.hidden = false; est.z = 0; est.width = 1;
        o.edge(j, est);
        if (est.hidden) continue;
        const key = est.z + "|" + est.width + "|" + est.color;
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push(j);
      }
      const keys = Array.from(groups.keys()).sort((p, q) => parseFloat(p) - parseFloat(q));
      ctx.lineCap = "round";
      for (const key of keys) {
        const [, width, color] = key.split("|");
        ctx.strokeStyle = color;
        ctx.lineWidth = +width;
        const list = groups.get(key);
        // a path's overlapping parts are painted once: short runs keep the
        // look of many translucent lines (dense regions darker)
        for (let s = 0; s < list.length; s += 64) {
          ctx.beginPath();
          for (let t = s, e = Math.min(list.length, s + 64); t < e; t++) {
            const j = list[t];
            ctx.moveTo(sx[src[j]], sy[src[j]]);
            ctx.lineTo(sx[dst[j]], sy[dst[j]]);
          }
          ctx.stroke();
        }
      }
    }

    // Labels, forced ones and the biggest nodes first, each where it does
    // not overlap one already placed (boxes kept in a coarse grid).
    drawLabels(ctx, labels, w, h) {
      if (!labels.length) return;
      const o = this.o;
      labels.sort((a, b) => (b.force - a.force) || (b.z - a.z) || (b.r - a.r));
      ctx.font = o.labelFont || "600 14px sans-serif";
      ctx.textBaseline = "middle";
      ctx.lineJoin = "round";
      const cell = 120, cols = Math.ceil(w / cell) + 1;
      const placed = new Map(); // cell -> boxes
      const lh = 18, max = o.maxLabels || 250;
      let count = 0;
      for (const l of labels) {
        if (count >= max && !l.force) break;
        const text = l.text.length > 48 ? l.text.slice(0, 47) + "…" : l.text;
        const tw = ctx.measureText(text).width;
        // right of the node, or left of it at the map's right edge
        let x0 = this.sx[l.i] + l.r + 3;
        if (x0 + tw > w - 2) x0 = this.sx[l.i] - l.r - 3 - tw;
        if (x0 < 2 && !l.force) continue;
        const y0 = this.sy[l.i] - lh / 2, x1 = x0 + tw, y1 = y0 + lh;
        if (x1 < 0 || x0 > w || y1 < 0 || y0 > h) continue;
        const c0 = Math.max(0, Math.floor(x0 / cell)), c1 = Math.max(0, Math.floor(x1 / cell));
        const r0 = Math.max(0, Math.floor(y0 / cell)), r1 = Math.max(0, Math.floor(y1 / cell));
        let free = true;
        for (let r = r0; r <= r1 && free; r++) {
          for (let c = c0; c <= c1 && free; c++) {
            const boxes = placed.get(r * cols + c);
            if (boxes) for (const b of boxes) if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) { free = false; break; }
          }
        }
        if (!free && !l.force) continue;
        const box = [x0 - 2, y0, x1 + 2, y1];
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
          const key = r * cols + c;
          const boxes = placed.get(key);
          if (boxes) boxes.push(box); else placed.set(key, [box]);
        }
        // a white edge keeps the text readable over ties
        ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineWidth = 3.5;
        ctx.strokeText(text, x0, this.sy[l.i]);
        ctx.fillStyle = o.labelColor || "#111";
        ctx.fillText(text, x0, this.sy[l.i]);
        count++;
      }
    }

    // ------------------------------------------------------------ picking
    // The node drawn at (px, py) (the topmost), or -1.
    nodeAt(px, py) {
      if (!this.grid) this.buildGrid();
      const g = this.grid, c = Math.floor(px / g.cell), r = Math.floor(py / g.cell);
      let best = -1, bestZ = -Infinity, bestD = Infinity;
      for (let rr = r - 1; rr <= r + 1; rr++) {
        if (rr < 0 || rr >= g.rows) continue;
        for (let cc = c - 1; cc <= c + 1; cc++) {
          if (cc < 0 || cc >= g.cols) continue;
          const cellIx = rr * g.cols + cc;
          for (let k = g.start[cellIx]; k < g.start[cellIx + 1]; k++) {
            const i = g.items[k];
            const dx = this.sx[i] - px, dy = this.sy[i] - py, d = dx * dx + dy * dy, rad = Math.max(this.sr[i], 3) + 2;
            if (d > rad * rad) continue;
            const z = this.sz[i];
            if (z > bestZ || (z === bestZ && d < bestD)) { best = i; bestZ = z; bestD = d; }
          }
        }
      }
      return best;
    }
    buildGrid() {
      const cell = 24, cols = Math.ceil(this.w / cell) + 1, rows = Math.ceil(this.h / cell) + 1, n = this.n;
      const start = new Int32Array(cols * rows + 1), at = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i++) {
        if (this.sr[i] < 0) continue;
        const c = Math.floor(this.sx[i] / cell), r = Math.floor(this.sy[i] / cell);
        if (c < 0 || r < 0 || c >= cols || r >= rows) continue;
        at[i] = r * cols + c;
        start[at[i] + 1]++;
      }
      for (let k = 0; k < cols * rows; k++) start[k + 1] += start[k];
      const fill = start.slice(0, cols * rows), items = new Int32Array(start[cols * rows]);
      for (let i = 0; i < n; i++) if (at[i] >= 0) items[fill[at[i]]++] = i;
      this.grid = { cell, cols, rows, start, items };
    }

    // ------------------------------------------------------------ input
    listen() {
      const cv = this.canvas, o = this.o;
      let down = null; // {x, y, cam, id, moved}
      const local = (ev) => { const b = cv.getBoundingClientRect(); return { x: ev.clientX - b.left, y: ev.clientY - b.top }; };
      cv.addEventListener("pointerdown", (ev) => {
        if (ev.button !== 0) return;
        const p = local(ev);
        down = { x: p.x, y: p.y, cam: this.camera(), id: ev.pointerId, moved: false };
        this.anim = null; // stops a move under way
        this.moving = false;
        try { cv.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic event */ }
      });
      cv.addEventListener("pointermove", (ev) => {
        const p = local(ev);
        if (down && down.id === ev.pointerId) {
          if (!down.moved && Math.hypot(p.x - down.x, p.y - down.y) < 4) return;
          down.moved = true;
          this.moving = true;
          const k = this.scale(down.cam.ratio);
          this.cam = { x: down.cam.x - (p.x - down.x) / k, y: down.cam.y + (p.y - down.y) / k, ratio: down.cam.ratio };
          this.schedule();
          return;
        }
        const i = this.nodeAt(p.x, p.y);
        if (i !== this.hover) { this.hover = i; if (o.onHover) o.onHover(i); }
      });
      const up = (ev) => {
        if (!down || down.id !== ev.pointerId) return;
        const d = down;
        down = null;
        if (d.moved) { this.moving = false; this.schedule(); return; }
        const p = local(ev);
        const i = this.nodeAt(p.x, p.y);
        if (i >= 0) { if (o.onClickNode) o.onClickNode(i); } else if (o.onClickStage) o.onClickStage();
      };
      cv.addEventListener("pointerup", up);
      cv.addEventListener("pointercancel", (ev) => { if (down && down.id === ev.pointerId) { down = null; this.moving = false; this.schedule(); } });
      cv.addEventListener("pointerleave", () => { if (this.hover >= 0 && !down) { this.hover = -1; if (o.onHover) o.onHover(-1); } });
      let wheelEnd = null;
      cv.addEventListener("wheel", (ev) => {
        ev.preventDefault();
        const p = local(ev);
        // a notch of a mouse wheel is about 100 px; a touchpad sends small steps
        const f = Math.pow(ZOOM_STEP, Math.max(-1, Math.min(1, -ev.deltaY / 100)));
        this.moving = true;
        this.zoom(f, 0, p.x, p.y);
        clearTimeout(wheelEnd);
        wheelEnd = setTimeout(() => { this.moving = false; this.schedule(); }, 200);
      }, { passive: false });
      cv.addEventListener("dblclick", (ev) => { const p = local(ev); this.zoom(ZOOM_STEP, 250, p.x, p.y); });
    }
  }
  EcoMap.ZOOM_STEP = ZOOM_STEP;
  // The layout (arrays of numbers) in the camera's units: the longer side
  // of its extent spans [0, 1], centred on 0.5. Returns new Float64Arrays.
  EcoMap.normalise = function (X, Y) {
    const n = X.length, x = new Float64Array(n), y = new Float64Array(n);
    let ax = Infinity, bx = -Infinity, ay = Infinity, by = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = +X[i] || 0, v = +Y[i] || 0;
      x[i] = u; y[i] = v;
      if (u < ax) ax = u; if (u > bx) bx = u; if (v < ay) ay = v; if (v > by) by = v;
    }
    let span = Math.max(bx - ax, by - ay);
    if (!(span > 0) || span === Infinity) span = 1;
    const cx = n ? (ax + bx) / 2 : 0, cy = n ? (ay + by) / 2 : 0;
    for (let i = 0; i < n; i++) { x[i] = 0.5 + (x[i] - cx) / span; y[i] = 0.5 + (y[i] - cy) / span; }
    return { x, y };
  };
  window.EcoMap = EcoMap;
})();
