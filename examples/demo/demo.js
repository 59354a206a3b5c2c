"use strict";
// Shared by the demo page (index.html) and the playground (playground.html): the API's
// address, the demo's fetches, and how one is run, explained and shown in the table.
// The server fills in the ports.
const API = `${location.protocol}//${location.hostname}:__API_PORT__`;
const OTHER = `${location.protocol}//${location.hostname}:__OTHER_PORT__`;

const JSON_PUT = { method: "PUT", headers: { "content-type": "application/json" },
                   body: JSON.stringify({ name: "quince" }) };
const text = async (r) => (await r.text()).trim();

// Each row: who asks (this page or the other site in the iframe), what, what we expect,
// and what to read from the response when the browser lets us.
const DEMO_ROWS = [
  { title: "simple GET", code: "fetch(API + '/api/items')",
    path: "/api/items", init: {}, expect: "allowed",
    read: async (r) => `${(await r.json()).length} items (JSON body)` },
  { title: "GET, reading an exposed and an unexposed header",
    code: "r.headers.get('x-total-count'), r.headers.get('x-internal-trace')",
    path: "/api/items", init: {}, expect: "allowed; only x-total-count readable",
    read: async (r) => `x-total-count: ${r.headers.get("x-total-count")} · ` +
                       `x-internal-trace: ${r.headers.get("x-internal-trace")}` },
  { title: "GET with an allowed custom header",
    code: "fetch(url, {headers: {'x-client-version': '1.4'}})",
    path: "/api/items", init: { headers: { "x-client-version": "1.4" } }, expect: "allowed",
    read: async (r) => `${(await r.json()).length} items` },
  { title: "GET with a header the policy does not allow",
    code: "fetch(url, {headers: {'x-evil': '1'}})",
    path: "/api/items", init: { headers: { "x-evil": "1" } }, expect: "blocked" },
  { title: "PUT with a JSON body (preflighted)",
    code: "fetch(url, {method: 'PUT', headers: {'content-type': 'application/json'}, body})",
    path: "/api/items/7", init: JSON_PUT, expect: "allowed", read: text, key: "put" },
  { title: "the same PUT again", code: "same URL, same headers",
    path: "/api/items/7", init: JSON_PUT, sameAs: "put",
    expect: "allowed, no new preflight (max_age: 600)", read: text },
  { title: "DELETE", code: "fetch(url, {method: 'DELETE'})",
    path: "/api/items/7", init: { method: "DELETE" }, expect: "allowed", read: text },
  { title: "PATCH: a method the policy does not list",
    code: "fetch(url, {method: 'PATCH', body: '{}'})",
    path: "/api/items/7", init: { method: "PATCH", body: "{}" }, expect: "blocked" },
  { title: "log in: the API sets a cookie",
    code: "fetch(API + '/api/login', {method: 'POST', credentials: 'include'})",
    path: "/api/login", init: { method: "POST", credentials: "include" }, expect: "allowed",
    read: text },
  { title: "credentials: the cookie goes back",
    code: "fetch(API + '/api/whoami', {credentials: 'include'})",
    path: "/api/whoami", init: { credentials: "include" },
    expect: "allowed, cookie received", read: text },
  { title: "without credentials: no cookie", code: "fetch(API + '/api/whoami')",
    path: "/api/whoami", init: {}, expect: "allowed, no cookie", read: text },
  { title: "an error route", code: "fetch(API + '/api/error')",
    path: "/api/error", init: {}, expect: "allowed: the 500 is readable",
    read: async (r) => `ok=${r.ok}, body: ${await text(r)}` },
  { title: "the page's own OPTIONS request",
    code: "fetch(API + '/api/items', {method: 'OPTIONS'})",
    path: "/api/items", init: { method: "OPTIONS" },
    expect: "allowed: preflight, then the app's handler", read: text },
  { title: "simple GET", from: "other",
    code: "fetch(API + '/api/items') in the iframe",
    path: "/api/items", init: {}, expect: "blocked" },
  { title: "PUT with a JSON body", from: "other",
    code: "fetch(url, {method: 'PUT', …}) in the iframe",
    path: "/api/items/7", init: JSON_PUT, expect: "blocked" },
];

// The other site answers through postMessage: it makes the request from its own origin
// and tells us what its browser context saw.
function otherSite(iframe) {
  let counter = 0;
  const ready = new Promise((resolve) => {
    window.addEventListener("message", function listen(event) {
      if (event.origin === OTHER && event.data && event.data.ready) {
        window.removeEventListener("message", listen);
        resolve(true);
      }
    });
    setTimeout(() => resolve(false), 5000);
  });
  iframe.src = `${OTHER}/?parent=${encodeURIComponent(location.origin)}`;
  const ask = (url, init) => new Promise((resolve) => {
    const ticket = ++counter;
    const timer = setTimeout(() => resolve({ outcome: "no answer",
      error: "the other site did not answer" }), 5000);
    window.addEventListener("message", function answer(event) {
      if (event.origin !== OTHER || !event.data || event.data.ticket !== ticket) return;
      window.removeEventListener("message", answer);
      clearTimeout(timer);
      resolve(event.data);
    });
    iframe.contentWindow.postMessage({ ticket, url, init }, OTHER);
  });
  return { ready, ask };
}

async function fromPage(row, url) {
  let response;
  try {
    response = await fetch(url, row.init);
  } catch (error) {
    return { outcome: "blocked", error: `${error.name}: ${error.message}` };
  }
  let read;
  try {
    read = row.read ? await row.read(response) : (await text(response)).slice(0, 100);
  } catch (error) {
    read = `(reading failed: ${error.name}: ${error.message})`;
  }
  return { outcome: "allowed", status: response.status, read };
}

// What the API recorded for a demo id, from this page's own server (same origin: no
// CORS involved in the explaining).
const seen = new Map(); // demo id -> log entries already shown (for repeated URLs)
async function explain(id) {
  try {
    const response = await fetch(`/__explain?demo_id=${id}`);
    const entries = await response.json();
    const fresh = entries.slice(seen.get(id) || 0);
    seen.set(id, entries.length);
    return fresh;
  } catch (error) {
    return `could not read the API's log: ${error.name}: ${error.message}`;
  }
}

const esc = (s) => String(s).replace(/[&<>"]/g,
  (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function describe(entry) {
  const what = entry.preflight
    ? `preflight for ${entry.asks}${entry.asks_headers ? " + " + entry.asks_headers : ""}`
    : entry.method;
  const by = entry.reached_app ? "handler" : "CORS layer";
  return `<div>${esc(what)} → <b>${entry.status}</b> by the ${by}: ` +
    `<code>${esc(entry.reason)}</code> <span class="rule">[${esc(entry.rule)}]</span></div>`;
}

// Fills a row of the table; returns whether the outcome is the expected one (rows
// without an expectation, the playground's, always count as expected).
function render(tr, index, row, result, entries) {
  const allowed = result.outcome === "allowed";
  const expected = row.expect === undefined ? null : row.expect.split(/[ ,;:]/)[0];
  const matches = expected === null || result.outcome === expected;
  const did = allowed
    ? `<span class="allowed">allowed</span>`
    : `<span class="blocked">${esc(result.outcome === "blocked" ? "blocked by CORS" : result.outcome)}</span>` +
      `<br><small>${esc(result.error)}</small>`;
  const why = typeof entries === "string" ? esc(entries)
    : entries.length ? entries.map(describe).join("") : "no request reached the API";
  tr.className = row.from === "other" ? "from-other" : "";
  tr.dataset.title = row.title;
  tr.dataset.outcome = result.outcome;
  const expectCell = expected === null ? "" :
    `<td>${esc(row.expect)} <span class="${matches ? "ok" : "differs"}">` +
      `${matches ? "✓" : "✗ differs"}</span></td>`;
  tr.innerHTML =
    `<td class="n">${index + 1}</td>` +
    `<td class="req">${row.from === "other" ? "<b>from " + esc(OTHER) + ":</b> " : ""}` +
      `${esc(row.title)}<code>${esc(row.code)}</code></td>` +
    expectCell +
    `<td>${did}</td>` +
    `<td>${allowed ? result.status : "—"}</td>` +
    `<td>${allowed ? esc(result.read) : "nothing"}</td>` +
    `<td class="why">${why}</td>`;
  return matches;
}

// Runs `row` (number `index`) with demo id `id` and shows it in `tr`. `options.base`
// addresses the playground's API (`/play`).
async function runRow(tr, index, row, id, options) {
  const url = `${API}${options.base || ""}${row.path}?demo_id=${id}`;
  let result;
  if (row.from === "other") {
    result = (await options.other.ready)
      ? await options.other.ask(url, row.init)
      : { outcome: "no answer", error: "the other site's page did not load" };
  } else {
    result = await fromPage(row, url);
  }
  const entries = await explain(id);
  return { result, matches: render(tr, index, row, result, entries) };
}

function pendingRow(tbody, index, row, columns) {
  const tr = tbody.insertRow();
  tr.innerHTML = `<td class="n">${index + 1}</td><td>${esc(row.title)}</td>` +
    `<td colspan="${columns}" class="pending">waiting…</td>`;
  return tr;
}

// Runs `rows` in order into `tbody` and writes the tally into `summary`. `prefix` keeps
// each run's demo ids (and URLs, so the browser's preflight cache) apart.
async function runRows(rows, tbody, summary, prefix, options) {
  tbody.textContent = "";
  summary.className = "pending";
  summary.textContent = "running…";
  const columns = options.expectations ? 5 : 4;
  const trs = rows.map((row, index) => pendingRow(tbody, index, row, columns));
  const ids = {};
  const tally = { allowed: 0, blocked: 0, other: 0, asExpected: 0 };
  for (const [index, row] of rows.entries()) {
    const id = row.sameAs ? ids[row.sameAs] : `${prefix}-${index + 1}`;
    if (row.key) ids[row.key] = id;
    const { result, matches } = await runRow(trs[index], index, row, id, options);
    if (matches) tally.asExpected += 1;
    tally[result.outcome in tally ? result.outcome : "other"] += 1;
  }
  summary.className = tally.asExpected === rows.length ? "ok" : "differs";
  summary.textContent = `${rows.length} requests: ${tally.allowed} allowed, ` +
    `${tally.blocked} blocked by CORS${tally.other ? `, ${tally.other} without answer` : ""}` +
    (options.expectations ? `; ${tally.asExpected} of ${rows.length} as expected.` : ".");
  summary.dataset.done = prefix;
}
