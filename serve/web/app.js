// The page of `ecoscope serve`: the partner network over time, its units,
// their gaps and whom to invite. Plain JS, no build step. Everything that
// comes from the data is put in the page with textContent, never as HTML.
(function () {
  "use strict";

  // ---------------------------------------------------------------- strings
  const STRINGS = window.ECOSCOPE_STRINGS;
  const params = new URLSearchParams(location.search);
  const LANG = params.get("lang") === "nl" ? "nl" : "en";
  const S = STRINGS[LANG];
  const LOCALE = LANG === "nl" ? "nl-NL" : "en-GB";

  function t(key) {
    let s = S[key];
    if (s === undefined) s = STRINGS.en[key];
    if (s === undefined) return key;
    const args = arguments;
    return String(s).replace(/\{(\d+)\}/g, (m, i) => (args[+i + 1] !== undefined ? String(args[+i + 1]) : m));
  }
  function tm(group, key) {
    const g = S[group] || {}, e = STRINGS.en[group] || {};
    if (g[key] !== undefined) return g[key];
    if (e[key] !== undefined) return e[key];
    return String(key == null ? "" : key).replace(/_/g, " ");
  }
  const numFmt = new Intl.NumberFormat(LOCALE);
  const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumSignificantDigits: 3 });
  const fmt = (n) => (n == null || n !== n ? "–" : numFmt.format(n));
  function fmtNum(v) {
    if (v == null || typeof v !== "number" || v !== v) return "–";
    if (Number.isInteger(v)) return numFmt.format(v);
    const a = Math.abs(v);
    return new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: a >= 100 ? 5 : 3 }).format(v);
  }
  const dateFmt = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  function fmtDate(iso) {
    if (!iso) return "";
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    return dateFmt.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  }

  // ---------------------------------------------------------------- helix
  // The palette of report/charts/palette.go (Okabe & Ito, colour-blind safe).
  const HELIX_ORDER = ["academia", "industry", "government", "civil_society", "environment", "unknown"];
  const HELIX_COLOR = {
    academia: "#0072b2", industry: "#e69f00", government: "#cc79a7",
    civil_society: "#d55e00", environment: "#009e73", unknown: "#999999",
  };
  const helixColor = (h) => HELIX_COLOR[h] || HELIX_COLOR.unknown;
  const helixKey = (h) => (HELIX_COLOR[h] ? h : "unknown");
  const DIM_NODE = "#dadde1";
  const PATH_COLOR = "#111111";
  const CLASSES = ["quintuple", "quadruple", "triple", "partial", "none"];

  // ---------------------------------------------------------------- DOM
  const $ = (id) => document.getElementById(id);
  function el(tag, opts) {
    const e = document.createElement(tag);
    if (opts) {
      for (const k in opts) {
        const v = opts[k];
        if (v == null) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k === "dataset") Object.assign(e.dataset, v);
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
        else if (k !== "style") e.setAttribute(k, v);
      }
    }
    for (let i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(e, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) { c.forEach((x) => append(e, x)); return; }
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  const clear = (e) => { while (e.firstChild) e.removeChild(e.firstChild); return e; };
  function swatch(h) {
    const s = el("span", { class: "swatch" });
    s.style.backgroundColor = helixColor(h);
    return s;
  }
  const helixLabel = (h) => el("span", { class: "helix-label" }, swatch(h), tm("helix", helixKey(h)));
  function classBadge(c) {
    const k = CLASSES.indexOf(c) >= 0 ? c : "none";
    return el("span", { class: "badge " + k, text: tm("classes", c || "none") });
  }

  // ---------------------------------------------------------------- errors
  function showError(msg) {
    $("error-text").textContent = t("error_prefix") + msg;
    $("error-banner").hidden = false;
  }
  $("error-close").addEventListener("click", () => { $("error-banner").hidden = true; });

  // fetchJSON fetches url's JSON; with times, it sets times.response (the
  // headers came), times.body (the body came) and times.parse (parsed), in
  // ms since the page began.
  // started, when given, is the response promise of a fetch of url already
  // under way (boot.js's).
  async function fetchJSON(url, signal, times, started) {
    let res;
    try {
      res = await (started || fetch(url, { signal, headers: { Accept: "application/json" } }));
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
      throw new Error(String((e && e.message) || e));
    }
    if (times) times.response = performance.now();
    let body = null;
    const text = await res.text();
    if (times) times.body = performance.now();
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (times) times.parse = performance.now();
    if (!res.ok) {
      const msg = body && typeof body.error === "string" ? body.error : t("error_http", res.status + " " + res.statusText);
      throw new Error(msg);
    }
    if (body === null) throw new Error(t("error_http", res.status) + " (not JSON): " + url);
    return body;
  }
  const isAbort = (e) => e && e.name === "AbortError";

  // ---------------------------------------------------------------- state
  const state = {
    lang: LANG,
    ties: ["all", "explicit", "units"].indexOf(params.get("ties")) >= 0 ? params.get("ties") : "all",
    date: null,
    sizeBy: params.get("size") || "degree",
    unit: null,
    partner: null,
    partners: 0,
    ready: false,
  };
  const timings = {};
  let net = null;            // the /api/network answer
  let N = 0, M = 0;          // partners, ties
  let nStart, nEnd, tStart, tEnd, tSrc, tDst;
  let nodeActive, edgeActive;
  let sizes;                 // Float32Array node sizes by state.sizeBy
  let idIndex = new Map();   // partner id -> node index
  let nodeColors = [];       // node index -> its helix colour
  let lowerNames = [];
  let renderer = null;       // the map (map.js)
  let steps = [];            // the slider's dates
  let report = null;         // /api/report at state.date
  let reportUnits = new Map();
  let unitById = new Map(), unitChildren = new Map(), unitRoots = [];
  let nodeUnits = [];        // node index -> direct unit indices
  let highlight = null;      // {node: Uint8Array, edge: Uint8Array|null}
  let labelThreshold = 8;
  let mapFailed = "";        // why the map could not be drawn
  let bigMap = false;        // above BIG_MAP partners: smaller nodes, betweenness
                             // estimated, no ties nor labels while moving
  const BIG_MAP = 5000;
  let edgeColor = "#666";    // the ties' colour, by how many are drawn
  let mapDrawn = false;      // drawGraph has drawn the map
  // Ties drawn: above EDGE_BUDGET ties the map draws a fixed random sample
  // of them (plus, on demand, those of a selection): hundreds of thousands
  // of lines are a grey haze that costs seconds a frame without a GPU.
  const EDGE_BUDGET = 30000;
  let sampled;               // Uint8Array: tie j belongs to the drawn sample
  let sampledCount = 0, validTies = 0;
  let extraEdges = [];       // tie indices added for a selection
  let adjStart, adjTie;      // ties of each partner (CSR)

  // node highlight codes
  const H_DIM = 0, H_ON = 1, H_CAND = 2, H_PATH = 3, H_FOCUS = 4;

  // ---------------------------------------------------------------- dates
  // "YYYY-MM-DD" -> YYYYMMDD; comparing these is comparing the strings.
  function dayNum(s, isEnd) {
    if (!s) return isEnd ? 99999999 : 0;
    const p = String(s).split("-");
    const y = +p[0] || 0;
    const m = p.length > 1 ? +p[1] : (isEnd ? 12 : 1);
    const d = p.length > 2 ? +p[2] : (isEnd ? 31 : 1);
    return y * 10000 + m * 100 + d;
  }
  // YYYYMMDD -> "YYYY-MM-DD"
  function dayISO(n) {
    n = +n;
    return String(Math.floor(n / 10000)).padStart(4, "0") + "-" + pad(Math.floor(n / 100) % 100) + "-" + pad(n % 100);
  }
  function daysInMonth(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  const pad = (n) => (n < 10 ? "0" : "") + n;
  function normDate(s) {
    s = String(s || "").trim();
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (m) return s;
    m = /^(\d{4})-(\d{2})$/.exec(s);
    if (m) return s + "-" + pad(daysInMonth(+m[1], +m[2]));
    m = /^(\d{4})$/.exec(s);
    if (m) return s + "-12-31";
    return null;
  }
  function buildSteps(first, last) {
    const out = [];
    if (!first || !last) return out;
    let y = +first.slice(0, 4), m = +first.slice(5, 7);
    const ly = +last.slice(0, 4), lm = +last.slice(5, 7);
    while (y < ly || (y === ly && m <= lm)) {
      let d = y + "-" + pad(m) + "-" + pad(daysInMonth(y, m));
      if (d > last) d = last;
      out.push(d);
      m++; if (m > 12) { m = 1; y++; }
      if (out.length > 5000) break;
    }
    return out;
  }
  function dateMs(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }

  // How many partners are active at iso (all of them when iso is null).
  function partnerCountAt(iso) {
    if (!net) return 0;
    if (!iso) return N;
    const D = dayNum(iso);
    let c = 0;
    for (let i = 0; i < N; i++) if (nStart[i] <= D && nEnd[i] >= D) c++;
    return c;
  }
  function computeActive(iso) {
    const D = iso ? dayNum(iso) : -1;
    let c = 0;
    for (let i = 0; i < N; i++) {
      const a = D < 0 || (nStart[i] <= D && nEnd[i] >= D) ? 1 : 0;
      nodeActive[i] = a; c += a;
    }
    for (let j = 0; j < M; j++) {
      edgeActive[j] = (D < 0 || (tStart[j] <= D && tEnd[j] >= D)) && nodeActive[tSrc[j]] && nodeActive[tDst[j]] ? 1 : 0;
    }
    return c;
  }

  // ---------------------------------------------------------------- URL
  function syncURL() {
    const u = new URL(location.href);
    const set = (k, v) => (v ? u.searchParams.set(k, v) : u.searchParams.delete(k));
    set("at", state.date && steps.length && state.date !== steps[steps.length - 1] ? state.date : "");
    set("unit", state.unit || "");
    set("partner", state.partner != null ? net.nodes.id[state.partner] : "");
    set("size", state.sizeBy !== "degree" ? state.sizeBy : "");
    history.replaceState(null, "", u.toString());
    updateLangLink();
  }
  function updateLangLink() {
    const u = new URL(location.href);
    const other = LANG === "nl" ? "en" : "nl";
    if (other === "en") u.searchParams.delete("lang"); else u.searchParams.set("lang", other);
    const a = $("lang-switch");
    a.href = u.pathname + u.search + u.hash;
    a.textContent = t("other_lang_name");
    a.hreflang = other;
    a.lang = other;
  }

  // ---------------------------------------------------------------- static text
  function applyStrings() {
    document.documentElement.lang = LANG;
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll("[data-i18n-title]").forEach((e) => {
      e.title = t(e.dataset.i18nTitle);
      e.setAttribute("aria-label", t(e.dataset.i18nTitle));
    });
    $("search").placeholder = t("search_placeholder");
    $("tie-source").value = state.ties;
    updateLangLink();
  }

  // ---------------------------------------------------------------- network
  async function loadNetwork(pending, t0, netTimes) {
    net = await pending;
    timings.fetch = performance.now() - t0;
    for (const k in netTimes) timings["network_" + k] = netTimes[k] - t0;
    const t1 = performance.now();
    const nodes = net.nodes || {};
    const ids = nodes.id || [];
    N = ids.length;
    bigMap = N > BIG_MAP;
    const col = (name, fill) => {
      const c = nodes[name];
      return Array.isArray(c) && c.length === N ? c : new Array(N).fill(fill);
    };
    nodes.name = col("name", ""); nodes.helix = col("helix", "unknown");
    nodes.sector = col("sector", ""); nodes.kind = col("kind", "");
    nodes.x = col("x", 0); nodes.y = col("y", 0);
    nodes.start = col("start", 0); nodes.end = col("end", 0);
    nStart = new Int32Array(N); nEnd = new Int32Array(N); nodeActive = new Uint8Array(N);
    nodeColors = new Array(N);
    for (let i = 0; i < N; i++) {
      // days are numbers YYYYMMDD, 0 when open
      nStart[i] = +nodes.start[i] || 0;
      nEnd[i] = +nodes.end[i] || 99999999;
      idIndex.set(ids[i], i);
      nodeColors[i] = helixColor(nodes.helix[i]);
    }
    // The ties in rows of their lower node: ties.offsets[u] to
    // ties.offsets[u+1]-1 are those of node u.
    const ties = net.ties || {};
    const off = Array.isArray(ties.offsets) && ties.offsets.length === N + 1 ? ties.offsets : [0];
    const dst = ties.target || [];
    M = Math.min(dst.length, off[off.length - 1] || 0);
    tSrc = new Int32Array(M); tDst = new Int32Array(M); tStart = new Int32Array(M); tEnd = new Int32Array(M);
    edgeActive = new Uint8Array(M);
    const ts = ties.start || [], te = ties.end || [];
    adjStart = new Int32Array(N + 1);
    for (let u = 0, j = 0; u < off.length - 1; u++) {
      for (const last = Math.min(+off[u + 1], M); j < last; j++) {
        let a = u, b = +dst[j];
        tStart[j] = +ts[j] || 0; tEnd[j] = +te[j] || 99999999;
        if (!(b >= 0 && b < N) || a === b) { a = -1; b = -1; tStart[j] = 99999999; tEnd[j] = 0; }
        tSrc[j] = a; tDst[j] = b;
        if (a >= 0) { adjStart[a + 1]++; adjStart[b + 1]++; }
      }
    }
    for (let i = 0; i < N; i++) adjStart[i + 1] += adjStart[i];
    adjTie = new Int32Array(adjStart[N]);
    const fill = adjStart.slice(0, N);
    for (let j = 0; j < M; j++) {
      if (tSrc[j] < 0) continue;
      adjTie[fill[tSrc[j]]++] = j; adjTie[fill[tDst[j]]++] = j;
    }
    sampled = new Uint8Array(M);
    const all = params.get("edges") === "all" || M <= EDGE_BUDGET;
    const f = all ? 1 : EDGE_BUDGET / M;
    sampledCount = 0;
    for (let j = 0; j < M; j++) {
      if (tSrc[j] < 0) continue;
      validTies++;
      // a fixed pseudo-random rank per tie, so the sample does not flicker
      const r = (Math.imul(j + 1, 2654435761) >>> 0) / 4294967296;
      if (all || r < f) { sampled[j] = 1; sampledCount++; }
    }
    buildUnits();
    const metrics = (net.size_metrics && net.size_metrics.length ? net.size_metrics : ["degree"]).filter((m) => Array.isArray(nodes[m]));
    if (!metrics.length) metrics.push("degree");
    if (metrics.indexOf(state.sizeBy) < 0) state.sizeBy = metrics[0];
    const sel = $("size-by");
    metrics.forEach((m) => sel.append(el("option", { value: m, title: t("size_" + m), text: t("metric_" + m) !== "metric_" + m ? t("metric_" + m) : m })));
    sel.value = state.sizeBy;
    home = computeHome();
    computeSizes();
    steps = buildSteps(net.first_date, net.last_date);
    const at = params.get("at");
    state.date = steps.length ? (at && normDate(at) ? normDate(at) : steps[steps.length - 1]) : null;
    timings.build = performance.now() - t1;
  }

  const zoomSize = (ratio) => Math.pow(ratio, 0.25);
  function computeSizes() {
    const vals = net.nodes[state.sizeBy];
    sizes = new Float32Array(N);
    const lo = bigMap ? 1.5 : N > 800 ? 2.5 : 3, hi = bigMap ? 12 : N > 800 ? 13 : 15;
    let max = 0;
    if (Array.isArray(vals)) for (let i = 0; i < N; i++) { const v = +vals[i]; if (v > max) max = v; }
    for (let i = 0; i < N; i++) {
      const v = Array.isArray(vals) ? +vals[i] : 0;
      sizes[i] = lo + (hi - lo) * (max > 0 && v > 0 ? Math.sqrt(v / max) : 0);
    }
    // Only the biggest nodes are labelled at the first view (more appear
    // when zooming in, as they grow on screen).
    const sorted = Array.from(sizes).sort((a, b) => b - a);
    const k = Math.min(sorted.length - 1, bigMap ? 20 : 12);
    labelThreshold = sorted.length ? Math.max(lo + 0.01, sorted[Math.max(0, k)] - 0.001) : 8;
    // sizes grow on screen as 1/zoomSize(zoom ratio): the first view is zoomed in
    if (home) labelThreshold /= zoomSize(home.ratio);
  }

  // The ties the map draws: the sample, then those a selection adds.
  function drawnTies() {
    const list = new Int32Array(sampledCount + extraEdges.length);
    let k = 0;
    for (let j = 0; j < M; j++) if (sampled[j]) list[k++] = j;
    for (const j of extraEdges) list[k++] = j;
    return list;
  }
  function prepareRenderer() {
    if (!window.EcoMap) throw new Error("the map's script did not load");
    try {
      createRenderer();
    } catch (e) {
      renderer = null;
      mapFailed = t("no_map", e && e.message ? e.message : String(e));
    }
  }
  function drawGraph() {
    if (!renderer) return;
    const shown = sampledCount;
    edgeColor = shown > 100000 ? "rgba(80,80,80,0.06)" : shown > 20000 ? "rgba(80,80,80,0.12)" : shown > 3000 ? "rgba(70,70,70,0.25)" : "rgba(60,60,60,0.4)";
    renderer.setEdges(drawnTies());
    renderer.setLabelThreshold(labelThreshold);
    goHome(false);
    renderer.drawNow();
    mapDrawn = true;
  }
  function createRenderer() {
    const edgeOn = "rgba(40,40,40,0.7)";
    renderer = new window.EcoMap($("map"), {
      x: net.nodes.x, y: net.nodes.y, src: tSrc, dst: tDst,
      labelFont: "600 15px system-ui, sans-serif",
      labelColor: "#111", haloColor: PATH_COLOR,
      labelThreshold, hideOnMove: bigMap, nodeScale: 0.65,
      minRatio: 0.01, maxRatio: 4,
      // nodes grow slowly when zooming in (as the square root would, a
      // dense cluster would become a blob of overlapping disks)
      zoomSize,
      node(i, d) {
        if (!nodeActive[i]) { d.hidden = true; return; }
        d.size = sizes[i]; d.color = nodeColors[i]; d.label = String(net.nodes.name[i] || net.nodes.id[i]);
        if (!highlight) return;
        const h = highlight.node[i];
        if (h === H_DIM) { d.color = DIM_NODE; d.label = null; d.z = 0; d.size *= 0.7; return; }
        d.z = h;
        if (h === H_CAND || h === H_FOCUS) {
          d.force = true;
          d.size = Math.max(d.size, bigMap ? 6 : 7);
        }
      },
      edge(j, d) {
        if (!edgeActive[j]) { d.hidden = true; return; }
        d.color = edgeColor; d.width = 0.8;
        if (!highlight) return;
        const h = highlight.edge ? highlight.edge[j] : 0;
        if (h === 2) { d.color = PATH_COLOR; d.width = 3; d.z = 2; return; }
        if (h === 1) { d.color = edgeOn; d.z = 1; return; }
        const hn = highlight.node;
        if (hn[tSrc[j]] !== H_DIM && hn[tDst[j]] !== H_DIM && highlight.withinEdges) { d.color = edgeOn; d.z = 1; return; }
        d.hidden = true;
      },
      onClickNode(i) { selectPartner(i, { fromMap: true }); },
      onClickStage() { if (state.partner != null) clearPartner(); },
      onHover(i) { $("map").classList.toggle("pointer", i >= 0); },
    });
  }

  function refresh() { if (renderer) renderer.drawNow(); }

  // Redraws the map after the date changed: at once (sync) or at the next
  // frame, so that a slider dragged fast draws once a frame.
  function redraw(sync) {
    if (!renderer || !mapDrawn) return; // the first drawing is drawGraph's
    if (sync) renderer.drawNow(); else renderer.schedule();
  }

  // ---------------------------------------------------------------- halos
  // A ring around a node: an extra node under it, slightly bigger, dark.
  function setHalos(list) {
    if (renderer) renderer.setHalos(list);
  }

  // ---------------------------------------------------------------- extra edges
  // Ties outside the drawn sample that a selection needs (a partner's ties,
  // an introduction path) are added while it lasts.
  function setExtraEdges(list) {
    const extra = new Set();
    list.forEach((j) => { if (!sampled[j] && tSrc[j] >= 0) extra.add(j); });
    extraEdges = Array.from(extra);
    if (renderer) renderer.setEdges(drawnTies());
  }
  // The ties between partners a and b.
  function tiesBetween(a, b) {
    const out = [];
    for (let k = adjStart[a]; k < adjStart[a + 1]; k++) {
      const j = adjTie[k];
      if ((tSrc[j] === a && tDst[j] === b) || (tSrc[j] === b && tDst[j] === a)) out.push(j);
    }
    return out;
  }

  // ---------------------------------------------------------------- units
  function buildUnits() {
    const units = Array.isArray(net.units) ? net.units : [];
    unitById = new Map(); unitChildren = new Map(); unitRoots = [];
    nodeUnits = new Array(N);
    units.forEach((u, k) => {
      unitById.set(u.id, u); unitChildren.set(u.id, []);
      (u.members || []).forEach((i) => {
        if (i >= 0 && i < N) (nodeUnits[i] || (nodeUnits[i] = [])).push(k);
      });
    });
    units.forEach((u) => {
      if (u.parent && unitById.has(u.parent) && u.parent !== u.id) unitChildren.get(u.parent).push(u.id);
      else unitRoots.push(u.id);
    });
  }
  // The partners of unit id and of every unit below it.
  function unitMembers(id) {
    const out = new Uint8Array(N);
    const seen = new Set(), stack = [id];
    while (stack.length) {
      const u = stack.pop();
      if (seen.has(u)) continue;
      seen.add(u);
      const unit = unitById.get(u);
      if (!unit) continue;
      (unit.members || []).forEach((i) => { if (i >= 0 && i < N) out[i] = 1; });
      (unitChildren.get(u) || []).forEach((c) => stack.push(c));
    }
    return out;
  }
  function unitActive(u, iso) {
    if (!iso) return true;
    return (!u.start || u.start <= iso) && (!u.end || u.end >= iso);
  }

  // The tree shows the top levels at first; a closed branch is built when
  // it is first opened (7,000 units of a large ecosystem would otherwise
  // cost a quarter of a second of the first drawing).
  let unitButtons = [];            // the buttons built so far
  const unitOpeners = new Map();   // unit id -> opens its branch (building it)
  let badgesFor = null;
  let rootList = null;             // the tree's top list
  function renderUnitTree() {
    const root = clear($("unit-tree"));
    unitButtons = []; unitOpeners.clear(); badgesFor = null; rootList = null;
    if (!unitById.size) { root.append(el("p", { class: "muted", text: t("units_none") })); return; }
    const many = unitById.size > 60;
    // A branch lists its first UNIT_CHUNK units, then a button for more
    // (EU CORDIS has 31,452 projects under one programme).
    const UNIT_CHUNK = 200;
    const build = (ids, depth) => {
      const ul = el("ul", { role: depth ? "group" : null });
      let shown = 0, more = null;
      const showTo = (n) => {
        const end = Math.min(ids.length, n);
        const frag = document.createDocumentFragment();
        for (; shown < end; shown++) frag.append(item(ids[shown], depth));
        if (more) { more.remove(); more = null; }
        ul.append(frag);
        if (shown < ids.length) {
          const btn = el("button", { type: "button", class: "unit-more", text: t("units_more", fmt(ids.length - shown)) });
          btn.addEventListener("click", () => showTo(shown + UNIT_CHUNK));
          more = el("li", { role: "none" }, btn);
          ul.append(more);
        }
      };
      showTo(UNIT_CHUNK);
      // shows the unit id when it is one of ids
      ul.reveal = (id) => { const k = ids.indexOf(id); if (k >= shown) showTo(k + 1); };
      return ul;
    };
    const item = (id, depth) => {
      const u = unitById.get(id);
      const kids = unitChildren.get(id) || [];
      const li = el("li", { role: "treeitem" });
      const toggle = el("button", { type: "button", class: "unit-toggle" + (kids.length ? "" : " leaf"), "aria-hidden": kids.length ? null : "true", tabindex: kids.length ? null : "-1" });
      const btn = el("button", { type: "button", class: "unit", dataset: { unit: id } },
        el("span", { class: "unit-name", text: u.name || id }),
        el("span", { class: "unit-meta" },
          el("span", { class: "unit-badge" }),
          el("span", { text: u.form && u.form !== u.level ? tm("forms", u.form) : tm("levels", u.level) })));
      btn.addEventListener("click", () => selectUnit(id));
      const on = id === state.unit;
      btn.classList.toggle("selected", on);
      btn.setAttribute("aria-selected", String(on));
      decorateUnit(btn, true);
      unitButtons.push(btn);
      li.append(el("div", { class: "unit-row" }, toggle, btn));
      if (kids.length) {
        let sub = null;
        const show = (open) => {
          if (open && !sub) { sub = build(kids, depth + 1); li.append(sub); }
          if (sub) sub.hidden = !open;
          toggle.textContent = open ? "▾" : "▸";
          toggle.setAttribute("aria-expanded", String(open));
        };
        show(!many || depth === 0);
        toggle.addEventListener("click", () => show(!sub || sub.hidden));
        // opens the branch and shows child c in it
        unitOpeners.set(id, (c) => { show(true); if (c) sub.reveal(c); });
      }
      return li;
    };
    rootList = build(unitRoots, 0);
    root.append(rootList);
    badgesFor = reportUnits;
  }
  // Opens the branches down to unit id and returns its button.
  function revealUnit(id) {
    const chain = [], seen = new Set();
    for (let u = unitById.get(id); u && u.parent && unitById.has(u.parent) && !seen.has(u.parent); u = unitById.get(u.parent)) {
      seen.add(u.parent); chain.push(u.parent);
    }
    if (rootList) rootList.reveal(chain.length ? chain[chain.length - 1] : id);
    for (let k = chain.length - 1; k >= 0; k--) { const open = unitOpeners.get(chain[k]); if (open) open(k ? chain[k - 1] : id); }
    return document.querySelector('#unit-tree .unit[data-unit="' + CSS.escape(id) + '"]');
  }
  // The coverage badges come with the report (at the slider's date); a unit
  // not active then is struck through.
  function decorateUnit(b, badge) {
    const id = b.dataset.unit, u = unitById.get(id), r = reportUnits.get(id);
    const inactive = !unitActive(u, state.date) || (report != null && !r);
    if (b.classList.contains("inactive") !== inactive) b.classList.toggle("inactive", inactive);
    if (!badge) return;
    const slot = b.querySelector(".unit-badge");
    clear(slot);
    if (r && r.helix_coverage) {
      const bg = classBadge(r.helix_coverage.class);
      if (r.target_missing && r.target_missing.length) {
        bg.title = t("below_target") + " (" + t("target") + ": " + tm("classes", r.target) + ")";
        slot.append(bg, el("span", { class: "badge warn", text: "!", title: bg.title }));
      } else slot.append(bg);
    }
  }
  function updateUnitBadges() {
    const redo = badgesFor !== reportUnits;
    badgesFor = reportUnits;
    unitButtons.forEach((b) => decorateUnit(b, redo));
  }

  // ---------------------------------------------------------------- date
  let reportTimer = null, reportAbort = null;
  function setDate(iso, opts) {
    opts = opts || {};
    if (!net) return 0;
    let d = null;
    if (steps.length) {
      d = normDate(iso);
      if (!d) throw new Error("setDate: not a date (YYYY-MM-DD): " + iso);
    }
    state.date = d;
    state.partners = computeActive(d);
    const pc = $("partner-count");
    pc.textContent = state.partners === 1 ? t("partner_1") : t("partners_n", String(state.partners));
    pc.dataset.count = String(state.partners);
    pc.dataset.date = d || "";
    $("date-label").textContent = d ? fmtDate(d) : t("whole_period");
    if (steps.length && !opts.fromSlider) {
      const slider = $("time-slider");
      slider.value = String(nearestStep(d));
    }
    updateLegend();
    updateUnitBadges();
    drawGrowthMarker();
    markStale();
    redraw(!!opts.sync);
    // the partner's metrics at the new date come when the slider rests
    if (state.partner != null) renderPartnerPanel({ later: true });
    // the report, check and gaps at the new date, once the slider rests;
    // a report still on its way is of another date: the server stops
    // computing it when no one waits (its cores are the browser's too)
    if (reportAbort) { reportAbort.abort(); reportAbort = null; }
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => { if (!playing) onDateSettled(); }, opts.immediate ? 0 : 600);
    syncURLSoon();
    return state.partners;
  }
  function nearestStep(d) {
    if (!d || !steps.length) return 0;
    let lo = 0, hi = steps.length - 1;
    if (d <= steps[0]) return 0;
    if (d >= steps[hi]) return hi;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (steps[mid] < d) lo = mid + 1; else hi = mid; }
    return lo;
  }
  let urlTimer = null;
  function syncURLSoon() { clearTimeout(urlTimer); urlTimer = setTimeout(syncURL, 300); }

  function onDateSettled() {
    loadReport();
    if (state.partner != null) renderPartnerPanel();
    if (state.unit && unitLoadedFor !== state.unit + "@" + state.date) loadUnitDetails(state.unit);
  }

  // ---------------------------------------------------------------- report
  let reportDate = null;     // the date of the report shown
  function markStale() {
    const stale = !report || reportDate !== state.date;
    $("headline").classList.toggle("stale", stale);
    $("overview").classList.toggle("stale", stale);
  }
  async function loadReport() {
    if (reportAbort) reportAbort.abort();
    const ac = new AbortController();
    reportAbort = ac;
    const q = new URLSearchParams();
    if (state.date) q.set("at", state.date);
    q.set("ties", state.ties);
    // Only the keys the page shows: the whole report of 50,000 partners
    // is about 100 MB (its gaps, check and values of every unit).
    q.set("fields", "name,at,partners,ties,helix_coverage,units,summary,mixing");
    $("headline").classList.add("stale");
    $("overview-at").textContent = t("loading");
    try {
      const r = await fetchJSON("/api/report?" + q.toString(), ac.signal);
      if (ac.signal.aborted) return;
      report = r;
      reportDate = q.get("at") || null;
      reportUnits = new Map((r.units || []).map((u) => [u.id, u]));
      renderReport();
    } catch (e) {
      if (isAbort(e)) return;
      showError(e.message);
      $("overview-at").textContent = "";
    } finally {
      if (reportAbort === ac) { reportAbort = null; markStale(); }
    }
  }
  function renderReport() {
    const r = report || {}, s = r.summary || {};
    if (r.name) { $("network-name").textContent = r.name; document.title = r.name + " · ecoscope"; }
    $("fig-partners").textContent = fmt(s.partners != null ? s.partners : r.partners);
    $("fig-ties").textContent = fmt(s.ties != null ? s.ties : r.ties);
    $("fig-units").textContent = fmt(s.units != null ? s.units : (r.units || []).length);
    const cov = s.coverage || (r.helix_coverage && r.helix_coverage.class);
    clear($("fig-coverage")).append(cov ? classBadge(cov) : "–");
    clear($("fig-integration")).append(s.integration ? classBadge(s.integration) : "–");
    $("overview-at").textContent = reportDate ? t("at_date", fmtDate(reportDate)) : t("whole_period");
    const fl = clear($("findings"));
    const findings = s.findings || [];
    if (!findings.length) fl.append(el("li", { class: "muted", text: t("no_findings") }));
    findings.forEach((f) => fl.append(el("li", { text: findingText(f), dataset: f && f.kind ? { kind: f.kind } : null })));
    renderMixing(r.mixing);
    updateUnitBadges();
    if (state.unit) renderUnitPanel();
  }
  // A finding of the report's summary in the page's language: in English
  // the answer's own text; otherwise the sentence of `ecoscope report
  // --lang` for its kind (report/findings.go, FindingText) filled from its
  // fields, or the English text for a kind without one.
  function findingText(f) {
    if (typeof f === "string") return f;
    if (!f) return "";
    const T = LANG !== "en" ? S.findings : null;
    const tpl = T && T[f.kind];
    if (!tpl) return f.text || "";
    const fill = (s, args) => String(s).replace(/\{(\d+)\}/g, (m, i) => (args[+i] !== undefined ? String(args[+i]) : m));
    const upper = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
    const and = S.findings_and || " and ";
    const h = (x) => tm("helix", x);
    const hs = (list) => {
      const s = (list || []).map(h);
      return s.length < 2 ? s.join("") : s.slice(0, -1).join(", ") + and + s[s.length - 1];
    };
    const who = (p) => (p ? p.name || p.id || "" : "");
    const n = (v) => String(v || 0); // as Go's %d: no thousands separator
    const pct = (v) => { // as Go's %.0f %%
      const x = 100 * (+v || 0);
      let r = Math.round(x);
      if (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2) r -= 1;
      return r + " %";
    };
    switch (f.kind) {
      case "missing_type":
        return fill(tpl, [hs(f.helices), f.from || ""]);
      case "cut_off":
        return fill(tpl, [upper(h(f.helix)), pct(f.share), who(f.partner)]);
      case "unit_gap": {
        const u = f.unit || {};
        const args = [upper(tm("levels", u.level)), u.name || u.id || "", hs(f.helices), n(f.count)];
        return fill(f.count ? tpl : T.unit_gap_none || tpl, args);
      }
      case "never_tied": {
        const hx = f.helices || [], pairs = [];
        for (let i = 0; i + 1 < hx.length; i += 2) pairs.push(h(hx[i]) + " – " + h(hx[i + 1]));
        return fill(tpl, [pairs.join("; ")]);
      }
      case "single_broker":
        if ((f.helices || []).length !== 2) return f.text || "";
        return fill(tpl, [n(f.count), h(f.helices[0]), h(f.helices[1]), who(f.partner)]);
      case "inward":
        return fill(tpl, [(+f.value || 0).toFixed(2)]);
      case "not_lc":
        return fill(tpl, [n(f.count), n(f.of), n(f.from_count), n(f.to_count)]);
      case "growth":
        return fill(tpl, [n(f.from_count), f.from || "", n(f.to_count), f.to || ""]);
      case "transformative":
        return upper(fill(tpl, [pct(f.share), n(f.of)]));
      default:
        return fill(tpl, []);
    }
  }
  function heat(f) {
    const lo = [0xf4, 0xf8, 0xfb], hi = [0x08, 0x30, 0x6b];
    f = Math.max(0, Math.min(1, f || 0));
    const c = lo.map((v, k) => Math.round(v + (hi[k] - v) * f));
    const lum = (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
    return { bg: "rgb(" + c.join(",") + ")", fg: lum < 0.55 ? "#fff" : "#111" };
  }
  function renderMixing(mix) {
    const box = clear($("mixing"));
    if (!mix || !Array.isArray(mix.types) || !mix.types.length) { box.append(el("p", { class: "muted", text: "–" })); return; }
    let max = 0;
    mix.counts.forEach((row) => row.forEach((v) => { if (v > max) max = v; }));
    const head = el("tr", null, el("th"));
    mix.types.forEach((h) => { const th = el("th", { title: tm("helix", h), scope: "col" }, swatch(h)); head.append(th); });
    const tb = el("tbody");
    mix.types.forEach((h, i) => {
      const tr = el("tr", null, el("th", { scope: "row", class: "row-head", title: tm("helix", h) }, el("span", { class: "helix-label" }, swatch(h), tm("helix_short", h))));
      mix.types.forEach((h2, k) => {
        const v = (mix.counts[i] || [])[k] || 0;
        const c = heat(max ? v / max : 0);
        const td = el("td", { text: max >= 1000 ? compact.format(v) : fmt(v), title: tm("helix", h) + " – " + tm("helix", h2) + ": " + fmt(v) });
        td.style.backgroundColor = c.bg; td.style.color = c.fg;
        tr.append(td);
      });
      tb.append(tr);
    });
    box.append(el("div", { class: "table-scroll" }, el("table", { class: "mixing" }, el("thead", null, head), tb)));
  }

  // ---------------------------------------------------------------- legend
  function updateLegend() {
    const counts = {};
    const hx = net.nodes.helix;
    for (let i = 0; i < N; i++) if (nodeActive[i]) { const k = helixKey(hx[i]); counts[k] = (counts[k] || 0) + 1; }
    $("legend").hidden = false;
    const box = clear($("legend-body"));
    const ul = el("ul");
    HELIX_ORDER.forEach((h) => {
      if (h === "unknown" && !counts[h]) return;
      ul.append(el("li", null, swatch(h), tm("helix", h), el("span", { class: "n", text: fmt(counts[h] || 0) })));
    });
    if (highlight && highlight.kind === "unit") {
      const dim = el("span", { class: "swatch dim" });
      ul.append(el("li", null, dim, t("legend_other")));
      if (highlight.candidates && highlight.candidates.length) {
        ul.append(el("li", null, el("span", { class: "swatch ring" }), t("legend_candidate")));
        ul.append(el("li", null, el("span", { class: "swatch line" }), t("legend_path")));
      }
    }
    box.append(ul);
    if (sampledCount < validTies) {
      const u = new URL(location.href);
      u.searchParams.set("edges", "all");
      box.append(el("p", { class: "legend-note" }, t("edges_sample", fmt(sampledCount), fmt(validTies)) + " ",
        el("a", { href: u.pathname + u.search, text: t("edges_all") })));
    }
  }

  // ---------------------------------------------------------------- growth chart
  let growth = null;
  async function loadGrowth() {
    if (!steps.length) { $("growth-chart").hidden = true; return; }
    const years = (dateMs(net.last_date) - dateMs(net.first_date)) / (365.25 * 864e5);
    const every = years <= 12 ? "quarter" : "year";
    try {
      const g = await fetchJSON("/api/growth?every=" + every + (state.ties !== "all" ? "&ties=" + state.ties : ""));
      growth = (g.snapshots || g.rows || []).filter((r) => r && (r.end || r.start));
      drawGrowth();
    } catch (e) {
      showError(e.message);
    }
  }
  const SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs) if (k !== "style") e.setAttribute(k, attrs[k]);
    return e;
  }
  let chartGeom = null;
  function drawGrowth() {
    const box = clear($("growth-chart"));
    if (!growth || !growth.length || !steps.length) return;
    const W = Math.max(200, box.clientWidth || 600), H = Math.max(60, box.clientHeight || 88);
    const padL = 8, padR = 8, padT = 18, padB = 16;
    const x0 = dateMs(steps[0].slice(0, 8) + "01"), x1 = dateMs(steps[steps.length - 1]);
    const X = (ms) => padL + (W - padL - padR) * (x1 > x0 ? (ms - x0) / (x1 - x0) : 0);
    let maxP = 1, maxT = 1;
    growth.forEach((r) => { maxP = Math.max(maxP, r.partners || 0); maxT = Math.max(maxT, r.ties || 0); });
    const Y = (v, max) => padT + (H - padT - padB) * (1 - v / max);
    const s = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img" });
    s.append(svg("title", {}));
    s.firstChild.textContent = t("growth_title");
    s.append(svg("line", { x1: padL, x2: W - padR, y1: H - padB, y2: H - padB, stroke: "#888", "stroke-width": 1 }));
    const pts = (key, max) => growth.map((r) => {
      const d = (r.end && r.end <= steps[steps.length - 1] ? r.end : steps[steps.length - 1]);
      return X(dateMs(d)).toFixed(1) + "," + Y(r[key] || 0, max).toFixed(1);
    }).join(" ");
    s.append(svg("polyline", { points: pts("ties", maxT), fill: "none", stroke: "#d55e00", "stroke-width": 2, "stroke-dasharray": "6 3" }));
    s.append(svg("polyline", { points: pts("partners", maxP), fill: "none", stroke: "#0072b2", "stroke-width": 2.5 }));
    // legend and axis years
    const lg = svg("text", { x: padL, y: 12 });
    const t1 = svg("tspan", { fill: "#0072b2", "font-weight": "700" }); t1.textContent = "━ " + t("growth_partners") + " (max " + fmt(maxP) + ")";
    const t2 = svg("tspan", { fill: "#d55e00", "font-weight": "700", dx: 14 }); t2.textContent = "╍ " + t("growth_ties") + " (max " + fmt(maxT) + ")";
    lg.append(t1, t2); s.append(lg);
    const y0 = +steps[0].slice(0, 4), y1 = +steps[steps.length - 1].slice(0, 4);
    const every = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(2, Math.floor(W / 70))));
    for (let y = y0 + (steps[0].slice(5) !== "01-31" ? 1 : 0); y <= y1; y += every) {
      const x = X(Date.UTC(y, 0, 1));
      if (x < padL || x > W - padR) continue;
      s.append(svg("line", { x1: x, x2: x, y1: H - padB, y2: H - padB + 4, stroke: "#888" }));
      const tx = svg("text", { x: x, y: H - 2, "text-anchor": x < padL + 16 ? "start" : x > W - padR - 16 ? "end" : "middle" }); tx.textContent = String(y);
      s.append(tx);
    }
    const marker = svg("line", { y1: padT - 4, y2: H - padB, stroke: "#111", "stroke-width": 2 });
    s.append(marker);
    s.addEventListener("click", (ev) => {
      const r = s.getBoundingClientRect();
      const f = (ev.clientX - r.left) / r.width;
      const ms = x0 + (x1 - x0) * Math.max(0, Math.min(1, (f * W - padL) / (W - padL - padR)));
      const d = new Date(ms);
      const iso = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
      setDate(steps[nearestStep(iso)]);
    });
    box.append(s);
    chartGeom = { X, marker };
    drawGrowthMarker();
  }
  function drawGrowthMarker() {
    if (!chartGeom || !state.date) return;
    const x = chartGeom.X(dateMs(state.date)).toFixed(1);
    chartGeom.marker.setAttribute("x1", x); chartGeom.marker.setAttribute("x2", x);
  }

  // ---------------------------------------------------------------- slider, play
  let playing = null;
  function setupTimeline() {
    const slider = $("time-slider");
    if (!steps.length) {
      slider.disabled = true; $("play").disabled = true;
      $("date-label").textContent = t("whole_period");
      $("date-label").title = t("undated");
      return;
    }
    slider.min = "0"; slider.max = String(steps.length - 1); slider.step = "1";
    slider.setAttribute("aria-label", t("growth_title"));
    slider.addEventListener("input", () => {
      stopPlay();
      setDate(steps[+slider.value], { fromSlider: true });
    });
    $("play").addEventListener("click", () => (playing ? stopPlay() : startPlay()));
  }
  function startPlay() {
    const slider = $("time-slider");
    let k = +slider.value;
    if (k >= steps.length - 1) k = -1;
    $("play").textContent = "❚❚"; $("play").title = t("pause");
    const stepMs = Math.max(120, Math.min(600, 20000 / steps.length));
    const tick = () => {
      k++;
      if (k >= steps.length) { stopPlay(); return; }
      const t0 = performance.now();
      setDate(steps[k], { sync: true });
      const spent = performance.now() - t0;
      playing = setTimeout(tick, Math.max(stepMs, spent * 1.5));
    };
    playing = setTimeout(tick, 0);
  }
  function stopPlay() {
    if (!playing) return;
    clearTimeout(playing); playing = null;
    $("play").textContent = "▶"; $("play").title = t("play");
    clearTimeout(reportTimer);
    reportTimer = setTimeout(onDateSettled, 300);
  }

  // ---------------------------------------------------------------- search
  let searchHits = [], searchActive = -1;
  function setupSearch() {
    const input = $("search"), list = $("search-results");
    const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); searchActive = -1; };
    input.addEventListener("input", () => {
      const q = input.value.trim().toLowerCase();
      clear(list);
      searchHits = []; searchActive = -1;
      if (!q) { close(); return; }
      let total = 0;
      const starts = [], contains = [];
      // made at the first search, not before the first drawing
      if (lowerNames.length !== N) {
        const nodes = net.nodes, ids = nodes.id;
        lowerNames = new Array(N);
        for (let i = 0; i < N; i++) lowerNames[i] = String(nodes.name[i] || ids[i]).toLowerCase() + "\u0000" + String(ids[i]).toLowerCase();
      }
      for (let i = 0; i < N; i++) {
        const p = lowerNames[i].indexOf(q);
        if (p < 0) continue;
        total++;
        if (p === 0) { if (starts.length < 15) starts.push(i); } else if (contains.length < 15) contains.push(i);
      }
      searchHits = starts.concat(contains).slice(0, 15);
      if (!searchHits.length) list.append(el("li", { class: "note", text: t("search_none") }));
      searchHits.forEach((i, k) => {
        const li = el("li", { role: "option", id: "search-hit-" + k, dataset: { partner: net.nodes.id[i] } },
          swatch(net.nodes.helix[i]), el("span", { text: net.nodes.name[i] || net.nodes.id[i] }),
          el("span", { class: "sid", text: nodeActive[i] ? "" : "–" }));
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
        list.append(li);
      });
      if (total > searchHits.length) list.append(el("li", { class: "note", text: t("search_more", fmt(total - searchHits.length)) }));
      list.hidden = false; input.setAttribute("aria-expanded", "true");
    });
    const pick = (i) => { close(); input.value = net.nodes.name[i] || net.nodes.id[i]; selectPartner(i); };
    const mark = () => {
      list.querySelectorAll("li[role=option]").forEach((li, k) => li.classList.toggle("active", k === searchActive));
      const a = $("search-hit-" + searchActive);
      if (a) { a.scrollIntoView({ block: "nearest" }); input.setAttribute("aria-activedescendant", a.id); }
    };
    input.addEventListener("keydown", (ev) => {
      if (list.hidden) return;
      if (ev.key === "ArrowDown") { searchActive = Math.min(searchHits.length - 1, searchActive + 1); mark(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { searchActive = Math.max(0, searchActive - 1); mark(); ev.preventDefault(); }
      else if (ev.key === "Enter") { const i = searchHits[Math.max(0, searchActive)]; if (i !== undefined) pick(i); ev.preventDefault(); }
      else if (ev.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  // ---------------------------------------------------------------- camera
  function focusNode(i, zoom) {
    if (!renderer) return;
    const d = renderer.position(i);
    if (!d) return;
    const cam = renderer.camera();
    const target = (home ? home.ratio : 1) * 0.6;
    renderer.animate({ x: d.x, y: d.y, ratio: zoom ? Math.min(cam.ratio, target) : cam.ratio }, 500);
  }

  // The first view: the bulk of the partners (2nd to 98th percentile of the
  // positions), so that a few far-off isolated partners do not shrink the
  // network to a dot; the ⤢ button shows everything.
  let home = null;
  // Computed from the positions before the first drawing, in the map's
  // units (EcoMap.normalise).
  function computeHome() {
    if (N < 20 || !window.EcoMap) return null;
    const p = window.EcoMap.normalise(net.nodes.x, net.nodes.y), xs = p.x.sort(), ys = p.y.sort();
    const q = (a, f) => a[Math.min(a.length - 1, Math.max(0, Math.round(f * (a.length - 1))))];
    const x0 = q(xs, 0.02), x1 = q(xs, 0.98), y0 = q(ys, 0.02), y1 = q(ys, 0.98);
    const ratio = Math.min(1, Math.max(0.05, Math.max(x1 - x0, y1 - y0) * 1.7));
    if (ratio > 0.8) return null;
    return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio };
  }
  const WHOLE = { x: 0.5, y: 0.5, ratio: 1 };
  function goHome(animate) {
    if (!renderer) return;
    const c = home || WHOLE;
    if (animate) renderer.animate(c, 300); else renderer.setCamera(c);
  }

  // Moves the camera to centre the highlighted partners (a unit's, its
  // candidates and their introducers), zoomed to hold them, but never
  // further out than the first view nor in closer than about three times it.
  function fitHighlight() {
    if (!renderer || !highlight) return;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, n = 0;
    for (let i = 0; i < N; i++) {
      if (highlight.node[i] === H_DIM || !nodeActive[i]) continue;
      const d = renderer.position(i);
      n++;
      if (d.x < x0) x0 = d.x; if (d.x > x1) x1 = d.x; if (d.y < y0) y0 = d.y; if (d.y > y1) y1 = d.y;
    }
    if (!n) return;
    const base = home ? home.ratio : 1;
    const ratio = Math.min(base, Math.max(base * 0.35, Math.max(x1 - x0, y1 - y0) * 1.3));
    renderer.animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, 500);
  }

  // ---------------------------------------------------------------- selection chip
  function updateChip() {
    const chip = $("selection-chip");
    let text = "";
    if (state.partner != null) text = net.nodes.name[state.partner] || net.nodes.id[state.partner];
    else if (state.unit) { const u = unitById.get(state.unit); text = (u && u.name) || state.unit; }
    chip.hidden = !text;
    $("selection-chip-text").textContent = text;
  }
  $("selection-clear").addEventListener("click", () => clearSelection());

  function showPanels() {
    $("partner-panel").hidden = state.partner == null;
    $("unit-panel").hidden = !state.unit;
    $("overview").hidden = state.partner != null || !!state.unit;
    updateChip();
    updateLegend();
  }

  // ---------------------------------------------------------------- unit selection
  let unitAbort = null;
  let unitData = { check: null, gaps: null };
  function selectUnit(id) {
    if (!unitById.has(id)) { showError("unit " + id + "?"); return Promise.resolve(); }
    state.unit = id;
    state.partner = null;
    unitButtons.forEach((b) => {
      const on = b.dataset.unit === id;
      b.classList.toggle("selected", on);
      b.setAttribute("aria-selected", String(on));
    });
    // show it in the tree: open its ancestors
    const btn = revealUnit(id);
    if (btn) btn.scrollIntoView({ block: "nearest" });
    const members = unitMembers(id);
    highlight = { kind: "unit", node: new Uint8Array(N), edge: null, withinEdges: true, members, candidates: [], fit: true };
    for (let i = 0; i < N; i++) if (members[i]) highlight.node[i] = H_ON;
    setHalos([]);
    setExtraEdges([]);
    showPanels();
    refresh();
    syncURLSoon();
    return loadUnitDetails(id);
  }
  let unitLoadedFor = "";
  async function loadUnitDetails(id) {
    unitLoadedFor = id + "@" + state.date;
    if (unitAbort) unitAbort.abort();
    const ac = new AbortController();
    unitAbort = ac;
    const q = new URLSearchParams({ unit: id });
    if (state.date) q.set("at", state.date);
    unitData = { check: null, gaps: null };
    renderUnitPanel();
    const qs = q.toString();
    const gq = new URLSearchParams(q); gq.set("top", "5");
    if (state.ties !== "all") gq.set("ties", state.ties);
    const pCheck = fetchJSON("/api/check?" + qs, ac.signal).then((r) => { if (unitAbort === ac) { unitData.check = r; renderUnitPanel(); } },
      (e) => { if (!isAbort(e) && unitAbort === ac) { unitData.checkError = e.message; renderUnitPanel(); showError(e.message); } });
    const pGaps = fetchJSON("/api/gaps?" + gq.toString(), ac.signal).then((r) => { if (unitAbort === ac) { unitData.gaps = r; applyGapsHighlight(); renderUnitPanel(); } },
      (e) => { if (!isAbort(e) && unitAbort === ac) { unitData.gapsError = e.message; renderUnitPanel(); showError(e.message); } });
    await Promise.all([pCheck, pGaps]);
    if (unitAbort === ac) unitAbort = null;
  }
  function gapsEntry() {
    const g = unitData.gaps;
    if (!g || !Array.isArray(g.units)) return null;
    return g.units.find((u) => u.id === state.unit) || null;
  }
  function checkEntry() {
    const c = unitData.check;
    if (!c || !Array.isArray(c.units)) return null;
    return c.units.find((u) => u.id === state.unit) || null;
  }
  function applyGapsHighlight() {
    if (!highlight || highlight.kind !== "unit") return;
    const g = gapsEntry();
    const hn = highlight.node;
    for (let i = 0; i < N; i++) hn[i] = highlight.members[i] ? H_ON : H_DIM;
    highlight.edge = new Uint8Array(M);
    const cands = [], pathTies = [];
    if (g) {
      (g.candidates || []).forEach((grp) => (grp.partners || []).forEach((p) => {
        const ci = idIndex.get(p.id);
        if (ci === undefined) return;
        cands.push(ci);
        const path = (p.path || []).map((x) => idIndex.get(x.id)).filter((x) => x !== undefined);
        path.forEach((pi, k) => {
          if (pi !== ci && hn[pi] !== H_CAND) hn[pi] = H_PATH;
          if (k > 0) tiesBetween(path[k - 1], pi).forEach((j) => { highlight.edge[j] = 2; pathTies.push(j); });
        });
        hn[ci] = H_CAND;
      }));
    }
    highlight.candidates = cands;
    setExtraEdges(pathTies);
    setHalos(cands);
    updateLegend();
    refresh();
    if (highlight.fit) { highlight.fit = false; fitHighlight(); }
  }

  function criterionEvidence(name, c, u) {
    const names = (list, k) => {
      list = list || [];
      const shown = list.slice(0, k).map((p) => p.name || p.id).join(", ");
      return list.length > k ? shown + ", " + t("and_more", list.length - k) : shown;
    };
    switch (name) {
      case "interorganisational":
        return t("ev_orgs", fmt(c.organisations)) + ((c.partners || []).length ? ": " + names(c.partners, 4) : "");
      case "interprofessional": {
        const b = c.backgrounds || [];
        return t("ev_backgrounds", fmt(b.length), b.slice(0, 4).map((x) => x.name).join(", ") + (b.length > 4 ? ", " + t("and_more", b.length - 4) : ""));
      }
      case "public_private":
        return t("ev_sectors", fmt(c.public || 0), fmt(c.private || 0), fmt(c.nonprofit || 0)) +
          ((c.knowledge_institutions || []).length ? "; " + t("ev_knowledge", names(c.knowledge_institutions, 4)) : "");
      case "societal_challenge":
        if (!c.challenge) return t("ev_no_challenge");
        if (c.source === "own") return t("ev_own", c.challenge);
        return t("ev_inherited", c.challenge, (unitById.get(c.from) || {}).name || c.from || "");
      case "level_fit": {
        const parts = [];
        const lvl = c.declared || (u && u.level);
        if (lvl === "team") parts.push(c.fixed_term ? t("ev_fixed_term", c.since || "?", c.until || "?") : t("ev_no_fixed_term"));
        if (lvl === "ecosystem" && c.helix_types) parts.push(t("ev_helix_types", c.helix_types.length));
        if (c.memberships && lvl !== "ecosystem") parts.push(t("ev_stable", fmt(c.stable_memberships || 0), fmt(c.memberships)));
        if (lvl !== "team" && c.child_units != null) parts.push(t("ev_beneath", fmt(c.child_units)));
        return parts.join("; ");
      }
      default:
        return "";
    }
  }
  function resultBadge(r) {
    const k = r === "true" || r === true ? "true" : r === "false" || r === false ? "false" : "unknown";
    return el("span", { class: "badge " + (k === "true" ? "ok" : k === "false" ? "warn" : "unk"), text: tm("results", k) });
  }

  function renderUnitPanel() {
    const box = clear($("unit-panel"));
    const id = state.unit;
    if (!id) return;
    const u = unitById.get(id) || { id };
    const closeBtn = el("button", { type: "button", class: "icon-button", title: t("close"), "aria-label": t("close"), text: "×" });
    closeBtn.addEventListener("click", () => clearSelection());
    box.append(el("h2", null, el("span", { text: u.name || id }), closeBtn));
    const r = reportUnits.get(id);
    const kv = el("dl", { class: "kv" });
    const add = (k, v) => { if (v == null || v === "") return; kv.append(el("dt", { text: k }), el("dd", null, v)); };
    add(t("unit_level"), tm("levels", u.level));
    if (u.form && u.form !== u.level) add(t("unit_form"), tm("forms", u.form));
    if (u.parent && unitById.has(u.parent)) {
      const pb = el("button", { type: "button", class: "link-button", text: unitById.get(u.parent).name || u.parent });
      pb.addEventListener("click", () => selectUnit(u.parent));
      add(t("unit_parent"), pb);
    }
    if (u.start || u.end) add(t("unit_active"), t("from_to", u.start || "…", u.end || t("open")));
    add(t("partner_id"), id);
    box.append(kv);
    if (!unitActive(u, state.date)) box.append(el("p", { class: "badge warn", text: t("unit_not_active", fmtDate(state.date)) }));

    // composition, client side at the slider's date
    const counts = {}; let total = 0;
    const mem = highlight && highlight.kind === "unit" ? highlight.members : unitMembers(id);
    const hx = net.nodes.helix;
    for (let i = 0; i < N; i++) if (mem[i] && nodeActive[i]) { const k = helixKey(hx[i]); counts[k] = (counts[k] || 0) + 1; total++; }
    box.append(el("h3", { text: t("composition") }));
    box.append(el("p", { class: "muted", text: t("unit_partners_at", fmt(total), state.date ? fmtDate(state.date) : t("whole_period")) }));
    box.append(helixBars(counts));
    if (r && r.helix_coverage) {
      const p = el("p", null, t("coverage_class") + ": ", classBadge(r.helix_coverage.class), " ", t("target") + ": ", classBadge(r.target));
      box.append(p);
      if (r.helix_coverage.missing && r.helix_coverage.missing.length) {
        box.append(el("p", null, t("missing") + ": ", r.helix_coverage.missing.map((h, k) => [k ? ", " : "", helixLabel(h)])));
      }
    }

    // the check
    box.append(el("h3", { text: t("check_title") }));
    const c = checkEntry();
    if (!c) {
      box.append(el("p", { class: unitData.checkError ? "badge warn" : "loading", text: unitData.checkError || (unitData.check ? "–" : t("loading")) }));
    } else {
      const vb = el("p", { class: "verdict" },
        el("span", { class: "badge " + (c.verdict === "learning_community" ? "ok" : c.verdict === "not_on_its_own" ? "warn" : "unk"), text: tm("verdicts", c.verdict) }));
      vb.id = "check-verdict";
      vb.dataset.verdict = c.verdict || "";
      box.append(vb);
      if (c.decided_by && c.decided_by.length) {
        box.append(el("p", { class: "small" }, t("decided_by") + ": " + c.decided_by.map((k) => tm("criteria", k)).join(", ")));
      }
      if ((c.decided_by || []).indexOf("form") >= 0) box.append(el("p", { class: "small", text: t("ev_form", tm("forms", c.form)) }));
      const tb = el("tbody");
      const order = ["interorganisational", "interprofessional", "public_private", "societal_challenge", "level_fit"];
      const crit = c.criteria || {};
      Object.keys(crit).sort((a, b) => (order.indexOf(a) + 99) % 99 - (order.indexOf(b) + 99) % 99).forEach((k) => {
        const cr = crit[k] || {};
        tb.append(el("tr", { class: "crit-head", dataset: { criterion: k } }, el("td", { text: tm("criteria", k) }), el("td", null, resultBadge(cr.result))));
        const ev = criterionEvidence(k, cr, c);
        if (ev) tb.append(el("tr", { class: "crit-evidence" }, el("td", { colspan: "2", class: "small", text: ev })));
      });
      box.append(el("table", { class: "data criteria" }, tb));
      if (c.suggestion && c.suggestion.reason) box.append(el("p", { class: "small muted", text: c.suggestion.reason }));
    }

    // gaps and candidates
    box.append(el("h3", { text: t("gaps_title") }));
    const g = gapsEntry();
    if (!g) {
      box.append(el("p", { class: unitData.gapsError ? "badge warn" : "loading", text: unitData.gapsError || (unitData.gaps ? "–" : t("loading")) }));
      return;
    }
    const miss = g.missing || [], under = g.underrepresented || [];
    if (!miss.length && !under.length) box.append(el("p", { text: t("no_gaps") }));
    if (miss.length) box.append(el("p", null, el("strong", { text: t("missing") + ": " }), miss.map((h, k) => [k ? ", " : "", helixLabel(h)])));
    if (under.length) box.append(el("p", null, el("strong", { text: t("underrepresented") + ": " }),
      under.map((x, k) => [k ? ", " : "", helixLabel(x.helix), " (" + fmt(x.partners) + ")"])));
    (g.candidates || []).forEach((grp) => {
      const sect = el("div", { class: "gap-group" });
      sect.append(el("h4", null, helixLabel(grp.helix), " ", el("span", { class: "muted", text: "(" + t(grp.reason === "missing" ? "missing" : "underrepresented") + ")" })));
      const list = el("ul", { class: "candidates" });
      const ps = grp.partners || [];
      if (!ps.length) list.append(el("li", { class: "muted", text: t("no_candidates") }));
      ps.forEach((p) => {
        const path = p.path || [];
        const li = el("li", { class: "candidate", tabindex: "0", dataset: { partner: p.id } },
          el("div", { class: "cname" }, swatch(p.helix), " ", p.name || p.id));
        if (path.length >= 2) {
          const intro = path[0];
          const mid = path.slice(1, -1);
          let txt = t("introduced_by", intro.name || intro.id);
          if (mid.length) txt += ", " + t("via", mid.map((x) => x.name || x.id).join(" → "));
          li.append(el("div", { class: "cpath", text: txt }));
        }
        const go = () => { const i = idIndex.get(p.id); if (i !== undefined) focusNode(i, true); };
        li.addEventListener("click", go);
        li.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
        list.append(li);
      });
      sect.append(list);
      if (grp.total > ps.length) sect.append(el("p", { class: "small muted", text: t("candidates_more", fmt(grp.total - ps.length)) }));
      box.append(sect);
    });
  }
  function helixBars(counts) {
    const bars = el("div", { class: "bars" });
    let max = 0;
    HELIX_ORDER.forEach((h) => { if ((counts[h] || 0) > max) max = counts[h]; });
    HELIX_ORDER.forEach((h) => {
      const v = counts[h] || 0;
      if (h === "unknown" && !v) return;
      const fill = el("div", { class: "bar-fill" });
      fill.style.width = (max ? (100 * v) / max : 0) + "%";
      fill.style.backgroundColor = helixColor(h);
      bars.append(el("div", { class: "bar-row", dataset: { helix: h } }, helixLabel(h), el("div", { class: "bar-track" }, fill), el("span", { class: "num", text: fmt(v) })));
    });
    return bars;
  }

  // ---------------------------------------------------------------- partner selection
  const metricsCache = new Map(); // date -> Promise<Map id -> row>
  function metricsAt(d) {
    const key = d || "";
    if (!metricsCache.has(key)) {
      const q = new URLSearchParams({ level: "nodes" });
      if (d) q.set("at", d);
      if (state.ties !== "all") q.set("ties", state.ties);
      // Betweenness estimated within ±0.01 above 5,000 partners, as the
      // report does: exact, it takes about 40 s at 50,000.
      if (bigMap) q.set("approx", "0.01");
      const p = fetchJSON("/api/metrics?" + q.toString()).then((r) => {
        const rows = Array.isArray(r) ? r : r.nodes || [];
        return new Map(rows.map((x) => [x.id, x]));
      });
      p.catch(() => metricsCache.delete(key));
      metricsCache.set(key, p);
      if (metricsCache.size > 6) metricsCache.delete(metricsCache.keys().next().value);
    }
    return metricsCache.get(key);
  }
  function selectPartner(i, opts) {
    if (typeof i === "string") { const k = idIndex.get(i); if (k === undefined) { showError("partner " + i + "?"); return Promise.resolve(); } i = k; }
    opts = opts || {};
    state.partner = i;
    const hn = new Uint8Array(N), he = new Uint8Array(M);
    hn[i] = H_FOCUS;
    const mine = [];
    for (let k = adjStart[i]; k < adjStart[i + 1]; k++) {
      const j = adjTie[k];
      he[j] = 1; mine.push(j);
      const o = tSrc[j] === i ? tDst[j] : tSrc[j];
      if (hn[o] === H_DIM) hn[o] = H_ON;
    }
    highlight = { kind: "partner", node: hn, edge: he, withinEdges: false };
    setExtraEdges(mine);
    setHalos([i]);
    showPanels();
    refresh();
    if (!opts.fromMap) focusNode(i, true);
    syncURLSoon();
    return renderPartnerPanel();
  }
  function clearPartner() {
    state.partner = null;
    if (state.unit) { selectUnit(state.unit); return; }
    highlight = null; setHalos([]); setExtraEdges([]);
    showPanels(); refresh(); syncURLSoon();
  }
  function clearSelection() {
    state.partner = null; state.unit = null;
    if (unitAbort) { unitAbort.abort(); unitAbort = null; }
    unitLoadedFor = "";
    highlight = null; setHalos([]); setExtraEdges([]);
    document.querySelectorAll("#unit-tree .unit.selected").forEach((b) => { b.classList.remove("selected"); b.setAttribute("aria-selected", "false"); });
    showPanels(); refresh(); syncURLSoon();
  }

  let partnerRender = 0;
  // renderPartnerPanel shows the chosen partner's panel; its metrics at the
  // date (computed on the whole network, seconds at 50,000 partners) are
  // asked for unless opts.later (the slider is moving: onDateSettled asks).
  function renderPartnerPanel(opts) {
    const i = state.partner;
    const box = clear($("partner-panel"));
    if (i == null) return Promise.resolve();
    const nd = net.nodes, id = nd.id[i];
    const closeBtn = el("button", { type: "button", class: "icon-button", title: t("close"), "aria-label": t("close"), text: "×" });
    closeBtn.addEventListener("click", () => clearPartner());
    box.append(el("h2", null, el("span", { text: nd.name[i] || id }), closeBtn));
    box.append(el("p", null, helixLabel(nd.helix[i])));
    const kv = el("dl", { class: "kv" });
    const add = (k, v) => { if (v == null || v === "") return; kv.append(el("dt", { text: k }), el("dd", null, v)); };
    add(t("partner_id"), id);
    add(t("partner_sector"), nd.sector[i] ? tm("sectors", nd.sector[i]) : "");
    add(t("partner_kind"), nd.kind[i]);
    if (nd.start[i] || nd.end[i]) add(t("partner_active"), t("from_to", nd.start[i] ? fmtDate(dayISO(nd.start[i])) : "…", nd.end[i] ? fmtDate(dayISO(nd.end[i])) : t("open")));
    box.append(kv);
    if (!nodeActive[i]) box.append(el("p", { class: "badge warn", text: t("partner_inactive", fmtDate(state.date)) }));

    // units
    box.append(el("h3", { text: t("partner_units") }));
    const us = (nodeUnits[i] || []).map((k) => net.units[k]);
    if (!us.length) box.append(el("p", { class: "muted", text: t("partner_no_units") }));
    else {
      const ul = el("ul", { class: "unit-list" });
      us.forEach((u) => {
        const b = el("button", { type: "button", class: "link-button", text: u.name || u.id });
        b.addEventListener("click", () => selectUnit(u.id));
        ul.append(el("li", null, b, " ", el("span", { class: "muted small", text: tm("levels", u.level) })));
      });
      box.append(ul);
    }

    // ties by helix type of the other partner, at the date
    box.append(el("h3", { text: t("partner_ties") }));
    const counts = {}; let total = 0;
    for (let k = adjStart[i]; k < adjStart[i + 1]; k++) {
      const j = adjTie[k];
      if (!edgeActive[j]) continue;
      const o = tSrc[j] === i ? tDst[j] : tSrc[j];
      const h = helixKey(nd.helix[o]);
      counts[h] = (counts[h] || 0) + 1; total++;
    }
    if (!total) box.append(el("p", { class: "muted", text: t("partner_no_ties") }));
    else box.append(helixBars(counts));

    // metrics and brokerage roles (from /api/metrics, cached per date)
    const mh = el("h3", { text: t("partner_metrics", state.date ? fmtDate(state.date) : t("whole_period")) });
    // until the metrics at the date arrive (slow on a large network), the
    // centralities over all dates that /api/network carries
    const interim = el("table", { class: "data" }, el("tbody", null, (net.size_metrics || []).filter((k) => Array.isArray(nd[k])).map((k) =>
      el("tr", null, el("th", { text: t("metric_" + k) + " (" + t("all_dates") + ")" }), el("td", { class: "num", text: fmtNum(+nd[k][i]) })))));
    const mbox = el("div", { id: "partner-metrics" }, el("p", { class: "loading", text: t("metrics_slow") }), interim);
    box.append(mh, mbox);
    const token = ++partnerRender;
    if (!nodeActive[i]) { clear(mbox).append(el("p", { class: "muted", text: "–" })); return Promise.resolve(); }
    if (opts && opts.later) return Promise.resolve();
    return metricsAt(state.date).then((rows) => {
      if (token !== partnerRender) return;
      clear(mbox);
      const m = rows.get(id);
      if (!m) { mbox.append(el("p", { class: "muted", text: "–" })); return; }
      const tb = el("tbody");
      ["degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank", "clustering", "core", "community",
        "constraint", "effective_size", "ego_diversity", "ei_index"].forEach((k) => {
        if (!(k in m)) return;
        tb.append(el("tr", null, el("th", { text: t("metric_" + k) }), el("td", { class: "num", text: fmtNum(m[k]) })));
      });
      mbox.append(el("table", { class: "data" }, tb));
      const roles = ["coordinator", "itinerant", "gatekeeper", "representative", "liaison"].filter((r) => r in m);
      if (roles.length) {
        mbox.append(el("h3", { text: t("partner_roles") }));
        const rb = el("tbody");
        roles.forEach((r) => {
          const z = m[r + "_z"];
          rb.append(el("tr", null, el("th", { text: tm("roles", r) }), el("td", { class: "num", text: fmtNum(m[r]) }),
            el("td", { class: "num", text: z == null ? "" : "z " + fmtNum(z) })));
        });
        mbox.append(el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", { text: t("role") }), el("th", { class: "num", text: t("count") }), el("th", { class: "num", text: "z" }))), rb));
        mbox.append(el("p", { class: "small muted", text: t("roles_note") }));
      }
    }, (e) => {
      if (token !== partnerRender) return;
      clear(mbox).append(el("p", { class: "badge warn", text: e.message }));
      showError(e.message);
    });
  }

  // ---------------------------------------------------------------- controls
  function setupControls() {
    $("size-by").addEventListener("change", (ev) => setSizeBy(ev.target.value));
    $("tie-source").addEventListener("change", (ev) => {
      const u = new URL(location.href);
      if (ev.target.value === "all") u.searchParams.delete("ties"); else u.searchParams.set("ties", ev.target.value);
      location.assign(u.toString());
    });
    $("zoom-in").addEventListener("click", () => renderer && renderer.zoom(window.EcoMap.ZOOM_STEP, 250));
    $("zoom-out").addEventListener("click", () => renderer && renderer.zoom(1 / window.EcoMap.ZOOM_STEP, 250));
    $("zoom-reset").addEventListener("click", () => {
      if (!renderer) return;
      const cam = renderer.camera();
      // first click: the bulk of the network; again: every partner
      if (home && Math.abs(cam.ratio - home.ratio) > 1e-3) goHome(true); else renderer.animate(WHOLE, 300);
    });
    let rt = null;
    window.addEventListener("resize", () => { clearTimeout(rt); rt = setTimeout(drawGrowth, 150); });
  }
  function setSizeBy(m) {
    if (!net || !Array.isArray(net.nodes[m])) return;
    state.sizeBy = m;
    $("size-by").value = m;
    computeSizes();
    if (renderer) renderer.setLabelThreshold(labelThreshold);
    refresh();
    syncURLSoon();
  }

  // ---------------------------------------------------------------- test hooks
  let readyResolve, readyReject;
  const ready = new Promise((res, rej) => { readyResolve = res; readyReject = rej; });
  ready.catch(() => {});
  window.ecoscope = {
    ready,
    timings,
    setDate(iso) { const n = setDate(iso, { sync: true }); return n; },
    partnerCountAt(iso) { return partnerCountAt(normDate(iso)); },
    selectUnit(id) { return selectUnit(id); },
    selectPartner(id) { return selectPartner(id); },
    clearSelection() { clearSelection(); },
    setSizeBy(m) { setSizeBy(m); },
    steps() { return steps.slice(); },
    // where partner id is drawn, in the page's CSS pixels (null when not drawn)
    nodeOnScreen(id) {
      const i = idIndex.get(id);
      if (!renderer || i === undefined) return null;
      const p = renderer.drawnAt(i);
      if (!p) return null;
      const b = $("map").getBoundingClientRect();
      return { x: b.left + p.x, y: b.top + p.y, r: p.r };
    },
    get camera() { return renderer ? renderer.camera() : null; },
    get drawings() { return renderer ? renderer.drawn : 0; },
    get state() {
      return {
        lang: state.lang, ties: state.ties, date: state.date, sizeBy: state.sizeBy, unit: state.unit,
        partner: state.partner != null ? net.nodes.id[state.partner] : null, partners: state.partners,
        ready: state.ready, nodes: N, edges: M,
        candidates: highlight && highlight.candidates ? highlight.candidates.map((i) => net.nodes.id[i]) : [],
        visibleTies: edgeActive ? edgeActive.reduce((a, b) => a + b, 0) : 0,
      };
    },
  };

  // ---------------------------------------------------------------- start
  async function start() {
    const t0 = performance.now();
    timings.start = t0;
    const netTimes = {};
    // boot.js asked for the network as the page began
    const url = "/api/network?ties=" + encodeURIComponent(state.ties), boot = window.ecoscopeBoot;
    const pending = fetchJSON(url, undefined, netTimes, boot && boot.url === url ? boot.response : null);
    pending.catch(() => {});
    applyStrings();
    setupControls();
    try {
      await loadNetwork(pending, t0, netTimes);
      const tr = performance.now();
      prepareRenderer();
      timings.renderer = performance.now() - tr;
    } catch (e) {
      const msg = t("error_network", e.message);
      showError(e.message);
      $("map-loading").textContent = msg;
      readyReject(e);
      return;
    }
    $("network-name").textContent = net.name || "ecoscope";
    document.title = (net.name || "ecoscope") + " · ecoscope";
    setupTimeline();
    setupSearch();
    let tx = performance.now();
    renderUnitTree();
    timings.tree = performance.now() - tx;
    setDate(state.date, { sync: true, immediate: true });
    tx = performance.now();
    drawGraph();
    timings.draw = performance.now() - tx;
    if (mapFailed) {
      // the rest of the page works without the map
      $("map-loading").textContent = mapFailed;
      showError(mapFailed);
      $("map-tools").hidden = true;
    } else $("map-loading").hidden = true;
    // drawn: the frame after the one that shows the network has begun
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    timings.firstDraw = performance.now() - t0;
    loadGrowth();
    const pu = params.get("unit"), pp = params.get("partner");
    if (pu && unitById.has(pu)) selectUnit(pu);
    if (pp && idIndex.has(pp)) selectPartner(pp);
    showPanels();
    state.ready = true;
    timings.ready = performance.now();
    document.body.dataset.ready = "true";
    readyResolve({ timings });
  }
  start().catch((e) => { showError(e.message || String(e)); $("map-loading").textContent = e.message || String(e); readyReject(e); });
})();
