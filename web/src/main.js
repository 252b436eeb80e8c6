// parley dashboard: the dyad timeline chart and the paste-a-story page.
// Built by esbuild into server/static/dist/app.js and embedded in the
// parley binary; the pages work without it except for these two parts.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { byteToIndex, segments } from "./spans.js";

const QUADS = [
  { key: "q1", label: "Verbal cooperation", color: "#7fb8e6" },
  { key: "q2", label: "Material cooperation", color: "#2f7fc1" },
  { key: "q3", label: "Verbal conflict", color: "#f2a65a" },
  { key: "q4", label: "Material conflict", color: "#d1495b" },
];

function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function getJSON(url, init) {
  const res = await fetch(url, init);
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new Error(`${res.status} ${res.statusText}`);
  }
  if (!res.ok) {
    const msg = body && body.error ? `${body.error.kind}: ${body.error.message}` : `${res.status} ${res.statusText}`;
    throw new Error(msg);
  }
  return body;
}

// ---------------------------------------------------------------- timeline

// The forecast series the chart can show, as named by /api/v1/forecast.
const MEASURES = {
  cooperation: { label: "Cooperation", color: "#2f7fc1", band: "47,127,193", scale: "n" },
  conflict: { label: "Conflict", color: "#d1495b", band: "209,73,91", scale: "n" },
  goldstein: { label: "Goldstein sum", color: "#6b4bd1", band: "107,75,209", scale: "gs" },
  q1: { label: "Verbal cooperation", color: "#4f93cf", band: "127,184,230", scale: "n" },
  q2: { label: "Material cooperation", color: "#2f7fc1", band: "47,127,193", scale: "n" },
  q3: { label: "Verbal conflict", color: "#d9822b", band: "242,166,90", scale: "n" },
  q4: { label: "Material conflict", color: "#d1495b", band: "209,73,91", scale: "n" },
};

// observed returns a measure's value in a series point.
function observed(measure, x) {
  switch (measure) {
    case "cooperation": return x.q1 + x.q2;
    case "conflict": return x.q3 + x.q4;
    case "goldstein": return x.goldstein;
    default: return x[measure];
  }
}

const fmtNum = (v) => (v == null ? "—" : Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(1));

const byUnit = (by, n) => `${by}${n === 1 ? "" : "s"}`;

async function drawTimeline(el) {
  const p = new URLSearchParams({ dyad: el.dataset.dyad, by: el.dataset.by || "month" });
  if (el.dataset.either === "true") p.set("either", "true");
  const fp = new URLSearchParams(p);
  fp.set("periods", el.dataset.periods || "6");
  if (el.dataset.from) p.set("from", el.dataset.from);
  if (el.dataset.to) p.set("to", el.dataset.to);
  const card = document.getElementById("outlook");
  // the forecast comes with the series; the chart waits for both, but a
  // forecast that fails (too little history) leaves the chart as it is
  const forecastP = card ? getJSON(`/api/v1/forecast?${fp}`).catch((e) => ({ error: e })) : Promise.resolve(null);
  let series;
  try {
    series = await getJSON(`/api/v1/series?${p}`);
  } catch (e) {
    el.dataset.state = "error";
    el.textContent = `Could not load the series: ${e.message}`;
    return;
  }
  const pts = series.points || [];
  el.dataset.points = String(pts.length);
  const total = pts.reduce((n, x) => n + x.count, 0);
  const gsum = pts.reduce((n, x) => n + x.goldstein, 0);
  el.dataset.total = String(total);
  const setStat = (id, text, cls) => {
    const s = document.getElementById(id);
    if (!s) return;
    s.textContent = text;
    if (cls) s.classList.add(cls);
  };
  setStat("stat-charted", String(total));
  setStat("stat-periods", String(pts.length));
  if (total > 0) {
    const mean = gsum / total;
    setStat("stat-mean", (mean >= 0 ? "+" : "") + mean.toFixed(2), mean >= 1 ? "pos" : mean <= -1 ? "neg" : "neu");
  }
  if (pts.length === 0) {
    el.dataset.state = "empty";
    if (card) showOutlook(card, await forecastP, series.by, false);
    return;
  }
  const fc = await forecastP;
  // the band follows the chart only when the chart ends where the
  // stored history does (no "to" before the last period)
  const joined = !!(fc && !fc.error && fc.last_period === pts[pts.length - 1].period);
  if (card) showOutlook(card, fc, series.by, joined);
  const select = document.getElementById("forecast-measure");
  let plot;
  const render = () => {
    const measure = select ? select.value : "cooperation";
    if (plot) plot.destroy();
    el.textContent = "";
    plot = buildChart(el, series, pts, joined ? fc : null, measure);
    if (card && joined) fillForecastTable(card, fc, measure);
  };
  render();
  if (select) select.addEventListener("change", render);
  el.dataset.state = "ready";
  let t;
  window.addEventListener("resize", () => {
    clearTimeout(t);
    t = setTimeout(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: 340 }), 100);
  });
}

// buildChart draws the stacked QuadClass bars, the mean Goldstein line and,
// given a forecast, the chosen measure observed and forecast with its
// shaded 80% and 95% bands after the last observed period.
function buildChart(el, series, pts, fc, measure) {
  const m = MEASURES[measure] || MEASURES.cooperation;
  const fser = fc ? fc.series.find((s) => s.measure === measure) : null;
  const bands = fser ? fser.bands : [];
  const n = pts.length;
  const xs = pts.map((x) => Date.parse(x.start) / 1000).concat(bands.map((b) => Date.parse(b.start) / 1000));
  const pad = (arr) => arr.concat(bands.map(() => null));
  const raw = QUADS.map((q) => pts.map((x) => x[q.key]));
  // Stack: cumulative sums, drawn from the top (all four) down so that each
  // bar covers the one above it only where it is its own.
  const cum = [];
  let acc = pts.map(() => 0);
  for (const r of raw) {
    acc = acc.map((v, i) => v + r[i]);
    cum.push(acc);
  }
  const mean = pts.map((x) => (x.count > 0 ? x.goldstein_mean : null));
  const bars = uPlot.paths.bars({ size: [0.8, 48], gap: 1 });
  const order = [3, 2, 1, 0];
  const data = [xs, ...order.map((i) => pad(cum[i])), pad(mean)];
  const fmtDate = (by) => {
    if (by === "year") return (t) => new Date(t * 1000).getUTCFullYear();
    if (by === "month") return (t) => new Date(t * 1000).toISOString().slice(0, 7);
    return (t) => new Date(t * 1000).toISOString().slice(0, 10);
  };
  const step = xs.length > 1 ? (xs[xs.length - 1] - xs[0]) / (xs.length - 1) : 86400 * 30;
  const seriesOpts = [
    { label: series.by, value: (u, v) => (v == null ? "—" : fmtDate(series.by)(v)) },
    ...order.map((i) => ({
      label: QUADS[i].label,
      scale: "n",
      fill: QUADS[i].color,
      stroke: QUADS[i].color,
      width: 0,
      paths: bars,
      points: { show: false },
      value: (u, v, si, idx) => (idx == null || idx >= n ? "—" : raw[i][idx]),
    })),
    {
      label: "Mean Goldstein",
      scale: "g",
      stroke: "#172033",
      width: 2,
      spanGaps: false,
      points: { show: true, size: 7, fill: "#172033" },
      value: (u, v) => (v == null ? "—" : v.toFixed(2)),
    },
  ];
  // Monthly and yearly series get one tick per period (thinned to about a
  // dozen), labelled as the period ("2024-03"), not uPlot's day ticks.
  const xAxis = { stroke: "#667085", grid: { stroke: "#eef1f6" } };
  if (series.by === "month" || series.by === "year") {
    xAxis.splits = (u, ai, min, max) => {
      const inView = xs.filter((x) => x >= min && x <= max);
      const every = Math.max(1, Math.ceil(inView.length / 12));
      return inView.filter((x, i) => i % every === 0);
    };
    xAxis.values = (u, splits) => splits.map((v) => fmtDate(series.by)(v));
  }
  const axes = [
    xAxis,
    { scale: "n", label: "events", stroke: "#667085", grid: { stroke: "#eef1f6" }, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 1e5, 2e5, 5e5, 1e6] },
    { scale: "g", side: 1, label: "mean Goldstein", stroke: "#667085", grid: { show: false } },
  ];
  const scales = {
    x: { time: true, range: (u, lo, hi) => [lo - step / 2, hi + step / 2] },
    n: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.1)] },
    g: { range: [-10, 10] },
  };
  const uBands = [];
  if (fser) {
    if (m.scale === "gs") {
      scales.gs = { range: (u, lo, hi) => { const a = Math.max(Math.abs(lo), Math.abs(hi), 1) * 1.1; return [-a, a]; } };
      axes.push({ scale: "gs", side: 1, label: "Goldstein sum", stroke: m.color, grid: { show: false } });
    }
    const obs = pts.map((x) => observed(measure, x));
    // the forecast line and the bands start at the last observed value,
    // so that they fan out from it
    const anchor = (get) => pts.map((x, i) => (i === n - 1 ? obs[i] : null)).concat(bands.map(get));
    const base = data.length;
    data.push(pad(obs), anchor((b) => b.forecast), anchor((b) => b.hi95), anchor((b) => b.lo95), anchor((b) => b.hi80), anchor((b) => b.lo80));
    const lo95 = data[base + 3], lo80 = data[base + 5];
    seriesOpts.push(
      { label: `${m.label} (observed)`, scale: m.scale, stroke: m.color, width: 2, points: { show: true, size: 5, fill: "#fff" }, value: (u, v) => fmtNum(v) },
      { label: "Forecast", scale: m.scale, stroke: m.color, width: 2, dash: [6, 4], points: { show: true, size: 6, fill: m.color }, value: (u, v) => fmtNum(v) },
      { label: "95% band", scale: m.scale, stroke: `rgba(${m.band},0.35)`, width: 1, points: { show: false }, value: (u, v, si, idx) => (v == null ? "—" : `${fmtNum(lo95[idx])} – ${fmtNum(v)}`) },
      { label: "95% low", class: "legend-hidden", scale: m.scale, stroke: `rgba(${m.band},0.35)`, width: 1, points: { show: false } },
      { label: "80% band", scale: m.scale, stroke: `rgba(${m.band},0.5)`, width: 1, points: { show: false }, value: (u, v, si, idx) => (v == null ? "—" : `${fmtNum(lo80[idx])} – ${fmtNum(v)}`) },
      { label: "80% low", class: "legend-hidden", scale: m.scale, stroke: `rgba(${m.band},0.5)`, width: 1, points: { show: false } },
    );
    // uPlot bands name their series [upper, lower] by index in data
    uBands.push({ series: [base + 2, base + 3], fill: `rgba(${m.band},0.14)` }, { series: [base + 4, base + 5], fill: `rgba(${m.band},0.28)` });
  }
  const opts = {
    width: Math.max(320, el.clientWidth),
    height: 340,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    scales,
    axes,
    series: seriesOpts,
    bands: uBands,
    hooks: fser ? { drawClear: [(u) => shadeFuture(u, xs[n - 1], step)] } : {},
  };
  const plot = new uPlot(opts, data, el);
  el.dataset.series = String(plot.series.length - 1);
  el.dataset.measure = fser ? measure : "";
  // the band's points: the anchor at the last observed period and one per
  // period forecast
  const hi95 = plot.series.findIndex((x) => x.label === "95% band");
  el.dataset.bandPoints = hi95 > 0 ? String(data[hi95].filter((v) => v != null).length) : "0";
  el.dataset.forecastPeriods = String(bands.length);
  window.parleyChart = plot;
  return plot;
}

// shadeFuture tints the plot after the last observed period.
function shadeFuture(u, lastX, step) {
  const ctx = u.ctx;
  const x0 = Math.round(u.valToPos(lastX + step / 2, "x", true));
  const { left, top, width, height } = u.bbox;
  if (x0 >= left + width) return;
  ctx.save();
  ctx.fillStyle = "rgba(102,112,133,0.06)";
  ctx.fillRect(Math.max(x0, left), top, left + width - Math.max(x0, left), height);
  ctx.strokeStyle = "rgba(102,112,133,0.45)";
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(x0 + 0.5, top);
  ctx.lineTo(x0 + 0.5, top + height);
  ctx.stroke();
  ctx.restore();
}

// showOutlook fills the card beside the chart with the chance that
// cooperation reaches a new high.
function showOutlook(card, fc, by, joined) {
  const chance = card.querySelector("#outlook-chance");
  const text = card.querySelector("#outlook-text");
  const note = card.querySelector("#outlook-note");
  if (!fc || fc.error) {
    card.dataset.state = "error";
    chance.textContent = "—";
    text.textContent = fc && fc.error ? `No forecast: ${fc.error.message.replace(/^[a-z_]+: /, "")}` : "No forecast.";
    return;
  }
  const o = fc.outlook;
  const pct = Math.round(100 * o.p_new_high);
  card.dataset.state = "ready";
  card.dataset.pNewHigh = String(o.p_new_high);
  chance.textContent = `${pct}%`;
  text.textContent = `chance cooperation reaches a new high within ${fc.periods} ${byUnit(by, fc.periods)}: ${pct}%`;
  const hi = card.querySelector("#outlook-high");
  if (hi) hi.textContent = `The high so far: ${fmtNum(o.high)} cooperative events in ${o.high_period}; ${fmtNum(o.last)} in ${o.last_period}, the last ${by} stored.`;
  if (note && !joined) note.textContent = `The forecast follows the last stored ${by} (${fc.last_period}); clear the “to” date to see it on the chart.`;
}

function fillForecastTable(card, fc, measure) {
  const tbody = card.querySelector("#forecast-table tbody");
  const s = fc.series.find((x) => x.measure === measure);
  if (!tbody || !s) return;
  tbody.innerHTML = s.bands
    .map((b) => `<tr><td>${escapeHTML(b.period)}</td><td class="num">${fmtNum(b.forecast)}</td><td class="num">${fmtNum(b.lo80)} – ${fmtNum(b.hi80)}</td><td class="num muted">${fmtNum(b.lo95)} – ${fmtNum(b.hi95)}</td></tr>`)
    .join("");
}

// ---------------------------------------------------------------- paste page

function markClasses(e) {
  const ms = [{ s: e.source.start, e: e.source.end, cls: "src", title: `source ${e.source.code}` }];
  if (e.target) ms.push({ s: e.target.start, e: e.target.end, cls: "tgt", title: `target ${e.target.code}` });
  ms.push({ s: e.trigger.start, e: e.trigger.end, cls: "trg", title: `CAMEO ${e.cameo}` });
  if (e.location && e.location.end > e.location.start) ms.push({ s: e.location.start, e: e.location.end, cls: "loc", title: `location ${e.location.country}` });
  return ms;
}

function renderHighlighted(text, lo, hi, marks) {
  return segments(text, lo, hi, marks)
    .map((seg) => (seg.classes.length ? `<mark class="${seg.classes.join(" ")}" title="${escapeHTML(seg.titles.join("; "))}">${escapeHTML(seg.text)}</mark>` : escapeHTML(seg.text)))
    .join("");
}

// sentenceRange finds the event's sentence in the story (UTF-16 indices).
function sentenceRange(text, e, marks) {
  const lo = Math.min(...marks.map((m) => m.s));
  const hi = Math.max(...marks.map((m) => m.e));
  if (e.sentence_text) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(e.sentence_text, from);
      if (i < 0) break;
      if (i <= lo && hi <= i + e.sentence_text.length) return [i, i + e.sentence_text.length];
      from = i + 1;
    }
  }
  let a = lo;
  while (a > 0 && !/[.!?\n]/.test(text[a - 1])) a--;
  let z = hi;
  while (z < text.length && !/[.!?\n]/.test(text[z])) z++;
  return [a, Math.min(text.length, z + 1)];
}

function setupCodeForm(form) {
  const status = document.getElementById("code-status");
  const fileInput = document.getElementById("code-file");
  const textArea = document.getElementById("code-text");
  fileInput.addEventListener("change", async () => {
    const f = fileInput.files && fileInput.files[0];
    if (!f) return;
    textArea.value = await f.text();
    const title = document.getElementById("code-title");
    if (!title.value) title.value = f.name.replace(/\.[^.]+$/, "");
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const btn = document.getElementById("code-submit");
    const body = { text: textArea.value, title: document.getElementById("code-title").value };
    const date = document.getElementById("code-date").value;
    if (date) body.date = date;
    btn.disabled = true;
    status.className = "muted";
    status.textContent = "Coding…";
    const section = document.getElementById("code-result");
    try {
      const res = await getJSON("/api/v1/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const text = res.story.text;
      const toIdx = byteToIndex(text);
      const tbody = document.querySelector("#code-events tbody");
      const rows = res.events.map((e) => {
        const marks = markClasses(e).map((m) => ({ ...m, s: toIdx(m.s), e: toIdx(m.e) })).filter((m) => m.s != null && m.e != null && m.e > m.s);
        const [a, z] = sentenceRange(text, e, marks);
        const tgt = e.target ? `<span class="actor" title="${escapeHTML(e.target.text)}">${escapeHTML(e.target.code)}</span>` : `<span class="muted">—</span>`;
        const g = e.goldstein;
        const gc = g >= 1 ? "pos" : g <= -1 ? "neg" : "neu";
        return `<tr class="event q${e.quad_class}"><td class="date">${escapeHTML(e.date || "")}</td>` +
          `<td><span class="actor" title="${escapeHTML(e.source.text)}">${escapeHTML(e.source.code)}</span></td>` +
          `<td><span class="quad q${e.quad_class}">${escapeHTML(e.cameo)}</span> <span class="muted small">${escapeHTML(e.plover || "")}</span></td>` +
          `<td>${tgt}</td><td class="num ${gc}">${(g >= 0 ? "+" : "") + g.toFixed(1)}</td>` +
          `<td class="sentence">${renderHighlighted(text, a, z, marks)}</td></tr>`;
      });
      tbody.innerHTML = rows.length ? rows.join("") : `<tr><td colspan="6" class="empty">No events found in this story.</td></tr>`;
      document.getElementById("code-count").textContent = `${res.events.length} found`;
      section.hidden = false;
      section.dataset.events = String(res.events.length);
      status.textContent = "";
    } catch (e) {
      status.className = "error";
      status.textContent = e.message;
    } finally {
      btn.disabled = false;
    }
  });
}

// setupSuggestions refreshes the dyad input's suggestions from
// /api/v1/dyads as the user types an actor code.
function setupSuggestions(input, list) {
  let timer;
  let last = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const actor = input.value.trim().toUpperCase().split("-")[0];
    if (actor.length < 3 || actor === last || !/^[A-Z0-9]+$/.test(actor)) return;
    timer = setTimeout(async () => {
      last = actor;
      try {
        const res = await getJSON(`/api/v1/dyads?${new URLSearchParams({ actor, limit: "30" })}`);
        list.innerHTML = res.dyads
          .map((d) => `<option value="${escapeHTML(d.source + "-" + d.target)}">${d.count} events</option>`)
          .join("");
        list.dataset.actor = actor;
      } catch (e) {
        // keep the suggestions the page came with
      }
    }, 150);
  });
}

function main() {
  const input = document.getElementById("dyad-input");
  const list = document.getElementById("dyad-suggestions");
  if (input && list) setupSuggestions(input, list);
  const tl = document.getElementById("timeline");
  if (tl && tl.dataset.dyad) drawTimeline(tl);
  const form = document.getElementById("code-form");
  if (form) setupCodeForm(form);
  document.body.dataset.bundle = "ready";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
