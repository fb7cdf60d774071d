// whodid dashboard: plain JS drawing SVG, talking only to the app that served it.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PAGE = 50;
const ROOTS = [
  "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
  "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid",
  "Yield", "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest",
  "Exhibit force posture", "Reduce relations", "Coerce", "Assault", "Fight",
  "Use unconventional mass violence",
];
const view = { offset: 0, total: 0, basemap: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function tip(node, text) {
  node.append(svg("title", {}, text));
  return node;
}

function filters() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById("filters"))) {
    const value = String(v).trim();
    if (value) params.set(k, value);
  }
  return params;
}

async function api(path, params, options) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${d.loc.slice(-1)[0]}: ${d.msg}`).join("; ")
      : body.detail;
    throw new Error(detail || response.statusText);
  }
  return body;
}

function showError(error) {
  document.getElementById("error").textContent = error ? String(error.message || error) : "";
}

// -- highlights ------------------------------------------------------------------------
function highlighted(text, spans) {
  // Split the text at every span boundary; each piece gets the roles that cover it.
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const roles = spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.role);
    if (!roles.length) { out.append(piece); continue; }
    const order = ["trigger", "source", "target", "speaker", "location"];
    const role = order.find((r) => roles.includes(r));
    out.append(el("mark", { class: `hl hl-${role}`, title: [...new Set(roles)].join(", ") }, piece));
  }
  return out;
}

function actorLabel(actor) {
  if (!actor) return "—";
  return `${actor.code || "?"} (${actor.name || actor.text})`;
}

function attributionBadge(attribution) {
  if (attribution.kind === "reported") {
    const who = attribution.speaker ? attribution.speaker.name || attribution.speaker.text : "someone";
    return el("span", { class: "badge reported" }, `reported by ${who}`);
  }
  return el("span", { class: "badge asserted" }, "asserted");
}

function eventRow(e, withDocument) {
  const r = e.record;
  const what = `${r.code} ${r.plover || ""}`.trim();
  const row = el("tr", { "data-event": r.event_id, "data-quad": r.quad_class },
    el("td", {}, r.date || "—"),
    el("td", {}, `${actorLabel(r.source)} → ${actorLabel(r.target)}`),
    el("td", { title: `Goldstein ${r.goldstein}` }, what),
    el("td", { class: "sentence" }, highlighted(r.text, e.spans)),
    el("td", {}, attributionBadge(r.attribution)),
    el("td", {}, el("span", { class: `badge mod ${r.modality}` }, r.modality)),
    el("td", {}, withDocument
      ? el("a", { href: `#doc=${encodeURIComponent(r.doc_id)}`, class: "doclink" }, r.doc_id)
      : ""),
  );
  return row;
}

// -- timeline ---------------------------------------------------------------------------
function drawTimeline(data) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  box.dataset.events = data.events;
  box.dataset.days = data.days.length;
  const [W, H, left, right, top, bottom] = [900, 230, 40, 40, 10, 40];
  const days = data.days;
  if (!days.length) {
    box.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" },
      "no dated events for these filters"));
    return;
  }
  const max = Math.max(...days.map((d) => d.events));
  const band = (W - left - right) / days.length;
  const y = (n) => H - bottom - (n / max) * (H - top - bottom);
  const gy = (g) => H - bottom - ((g + 10) / 20) * (H - top - bottom);
  for (const t of [0, Math.round(max / 2), max]) {
    box.append(svg("line", { x1: left, x2: W - right, y1: y(t), y2: y(t), class: "gridline" }));
    box.append(svg("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end", class: "axis" }, t));
  }
  for (const g of [-10, 0, 10]) {
    box.append(svg("text", { x: W - right + 6, y: gy(g) + 4, class: "axis" }, g));
  }
  const every = Math.max(1, Math.ceil(days.length / 12));
  const width = Math.max(1, Math.min(band * 0.8, 48));
  const line = [];
  days.forEach((d, i) => {
    const x = left + i * band;
    let base = 0;
    d.quad.forEach((n, q) => {
      if (!n) return;
      const rect = svg("rect", {
        x: x + (band - width) / 2, width, y: y(base + n),
        height: y(base) - y(base + n), class: `bar q${q + 1}`, "data-date": d.date,
      });
      box.append(tip(rect, `${d.date}: ${n} event(s), quad class ${q + 1}`));
      base += n;
    });
    line.push(`${x + band / 2},${gy(d.goldstein_mean)}`);
    box.append(tip(svg("circle", { cx: x + band / 2, cy: gy(d.goldstein_mean), r: 3, class: "gdot" }),
      `${d.date}: mean Goldstein ${d.goldstein_mean}`));
    if (i % every === 0) {
      box.append(svg("text", { x: x + band / 2, y: H - bottom + 16, "text-anchor": "middle", class: "axis" },
        d.date));
    }
  });
  box.insertBefore(svg("polyline", { points: line.join(" "), class: "gline" }),
    box.querySelector("circle.gdot"));
}

// -- map --------------------------------------------------------------------------------
const project = (lon, lat) => [(lon + 180) * 2, (85 - lat) * 2];  // equirectangular, 85N..80S

function ring(points) {
  return "M" + points.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L");
}

function drawBasemap(box, world) {
  box.append(svg("rect", { x: 0, y: 0, width: 720, height: 330, class: "sea" }));
  box.append(svg("path", { d: world.land.map((p) => ring(p) + "Z").join(""), class: "land" }));
  box.append(svg("path", { d: world.lakes.map((p) => ring(p) + "Z").join(""), class: "lake" }));
  box.append(svg("path", { d: world.borders.map(ring).join(""), class: "border" }));
  document.getElementById("map-source").textContent = `Basemap: ${world.source}`;
}

function drawMap(data) {
  const box = document.getElementById("map");
  box.replaceChildren();
  if (view.basemap) drawBasemap(box, view.basemap);
  box.dataset.points = data.points.length;
  for (const p of [...data.points].reverse()) {
    const [x, y] = project(p.lon, p.lat);
    const colour = p.goldstein_mean < 0 ? "#d9480f" : "#1971c2";
    const dot = svg("circle", { cx: x, cy: y, r: 2.5 + 2 * Math.sqrt(p.events), fill: colour, class: "point" });
    box.append(tip(dot, `${p.location} (${p.country || "?"}): ${p.events} event(s), mean Goldstein ${p.goldstein_mean}`));
  }
}

// -- network ----------------------------------------------------------------------------
function drawNetwork(net) {
  const box = document.getElementById("network");
  box.replaceChildren();
  box.dataset.edges = net.edges.length;
  const [cx, cy, radius] = [260, 180, 140];
  const at = {};
  net.nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / net.nodes.length - Math.PI / 2;
    at[n.code] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle), angle];
  });
  for (const e of net.edges) {
    const [a, b] = [at[e.source], at[e.target]];
    if (!a || !b) continue;
    const kind = e.goldstein_mean < 0 ? "conflict" : "coop";
    const line = svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: `edge ${kind}`,
      "stroke-width": 1 + 2 * Math.log2(1 + e.events) });
    box.append(tip(line, `${e.source} → ${e.target}: ${e.events} event(s), ${e.cooperation} cooperation, ` +
      `${e.conflict} conflict, mean Goldstein ${e.goldstein_mean}`));
  }
  for (const n of net.nodes) {
    const [x, y, angle] = at[n.code];
    const g = svg("g", { class: "node", "data-code": n.code });
    g.append(svg("circle", { cx: x, cy: y, r: 3 + Math.sqrt(n.events) * 1.5 }));
    const right = Math.cos(angle) >= 0;
    g.append(svg("text", { x: x + (right ? 8 : -8), y: y + 4, "text-anchor": right ? "start" : "end" }, n.code));
    tip(g, `${n.name || n.code}: ${n.events} event(s) — click to filter`);
    g.addEventListener("click", () => {
      document.querySelector("#filters [name=actor]").value = n.code;
      refresh();
    });
    box.append(g);
  }
  if (!net.nodes.length) {
    box.append(svg("text", { x: cx, y: cy, "text-anchor": "middle", class: "axis" }, "no dyads"));
  }
}

// -- events table and document view -------------------------------------------------------
function drawEvents(page) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren(...page.events.map((e) => eventRow(e, true)));
  view.total = page.total;
  const last = Math.min(page.offset + page.events.length, page.total);
  document.getElementById("events-count").textContent = page.total
    ? `${page.offset + 1}–${last} of ${page.total}` : "no events for these filters";
  document.getElementById("prev").disabled = page.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
}

async function loadEvents() {
  const params = filters();
  params.set("limit", PAGE);
  params.set("offset", view.offset);
  drawEvents(await api("/events", params));
}

async function showDocument(docId) {
  const doc = await api(`/documents/${encodeURIComponent(docId)}`);
  const panel = document.getElementById("document");
  document.getElementById("doc-meta").textContent =
    [doc.title, doc.source, doc.date, `${doc.events.length} event(s)`].filter(Boolean).join(" · ");
  const text = document.getElementById("doc-text");
  text.replaceChildren(highlighted(doc.text, doc.spans));
  text.dataset.doc = doc.doc_id;
  panel.hidden = false;
  panel.scrollIntoView({ behavior: "smooth" });
}

function route() {
  const match = location.hash.match(/^#doc=(.+)$/);
  if (match) showDocument(decodeURIComponent(match[1])).catch(showError);
}

// -- everything --------------------------------------------------------------------------
async function refresh() {
  showError(null);
  view.offset = 0;
  const params = filters();
  try {
    const [timeline, points, net] = await Promise.all([
      api("/timeline", params), api("/map", params), api("/network", params),
    ]);
    drawTimeline(timeline);
    drawMap(points);
    drawNetwork(net);
    await loadEvents();
    document.body.dataset.loaded = String(Date.now());
  } catch (error) {
    showError(error);
  }
}

async function codeText(event) {
  event.preventDefault();
  const text = document.getElementById("code-text").value;
  const date = document.getElementById("code-date").value;
  const body = { text };
  if (date) body.date = date;
  try {
    showError(null);
    const result = await api("/code", null, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
    document.getElementById("code-doc").replaceChildren(highlighted(text, result.spans));
    const rows = result.events.map((e) => eventRow(e, false));
    document.querySelector("#code-events tbody").replaceChildren(
      ...(rows.length ? rows : [el("tr", {}, el("td", {}, "no events found in this text"))]));
  } catch (error) {
    showError(error);
  }
}

async function start() {
  const select = document.querySelector("#filters [name=root]");
  ROOTS.forEach((name, i) => {
    const code = String(i + 1).padStart(2, "0");
    select.append(el("option", { value: code }, `${code} ${name}`));
  });
  document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  document.getElementById("reset").addEventListener("click", () => setTimeout(refresh, 0));
  document.getElementById("prev").addEventListener("click", () => {
    view.offset = Math.max(0, view.offset - PAGE); loadEvents().catch(showError);
  });
  document.getElementById("next").addEventListener("click", () => {
    view.offset += PAGE; loadEvents().catch(showError);
  });
  document.getElementById("doc-close").addEventListener("click", () => {
    document.getElementById("document").hidden = true;
    history.replaceState(null, "", location.pathname);
  });
  document.getElementById("code-form").addEventListener("submit", codeText);
  window.addEventListener("hashchange", route);
  try {
    const stats = await api("/stats");
    document.getElementById("stats").textContent =
      `${stats.documents} documents, ${stats.events} events, ${stats.first_date || "?"} to ` +
      `${stats.last_date || "?"}${stats.writable ? " · writes on" : " · read-only"}`;
    view.basemap = await api("/basemap.json");
  } catch (error) {
    showError(error);
  }
  await refresh();
  route();
}

start();
