// The glustereventsd dashboard: logs in with an application's secret or token, then shows the
// whole cluster's events live (/v1/events, resuming after a drop), every node's status and every
// webhook's health (/v1/cluster, every 2 s) and the event rate per type over the last 15 minutes.
// Plain JavaScript, no build step; every value from the daemon is written as text, never as HTML.
"use strict";

const TOKEN_KEY = "glustereventsd.token";
const POLL_MS = 2000;
const MAX_EVENTS = 1000;
const RECENT_EVENTS = 200;
const CHART_TYPES = 8;
const COLORS = ["#2a7ab0", "#d9822b", "#3a9a4f", "#c0392b", "#8e44ad", "#16a085", "#b5a000", "#7f8c8d", "#34495e"];

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  events: [],          // newest first
  hostOf: new Map(),   // nodeid -> host as the dashboard shows it
  socket: null,
  lastId: null,
  pollTimer: null,
  reconnectTimer: null,
  loggedIn: false,
};

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) tr.appendChild(cell instanceof Node ? cell : element("td", cell));
  return tr;
}

function numberCell(value) {
  return element("td", value === undefined || value === null ? "" : Number(value).toLocaleString(), "num");
}

function ago(seconds) {
  if (!seconds) return "";
  if (seconds < 90) return Math.round(seconds) + " s";
  if (seconds < 5400) return Math.round(seconds / 60) + " min";
  return (seconds / 3600).toFixed(1) + " h";
}

// --- log in and out

function showLogin(message) {
  stop();
  state.loggedIn = false;
  $("login-view").hidden = false;
  $("dashboard-view").hidden = true;
  $("logout").hidden = true;
  $("stream-state").hidden = true;
  $("login-error").textContent = message || "";
  $("token").focus();
}

async function logIn(token) {
  stop(); // a second login replaces the first one's poller and stream
  let answer;
  try {
    answer = await fetchCluster(token);
  } catch (e) {
    showLogin("This node does not answer (" + e.message + ").");
    return;
  }
  if (answer.status === 401) {
    showLogin("That secret or token is not accepted (unknown, revoked or expired).");
    return;
  }
  if (!answer.ok) {
    showLogin("The node answered HTTP " + answer.status + ".");
    return;
  }
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  state.loggedIn = true;
  $("login-view").hidden = true;
  $("dashboard-view").hidden = false;
  $("logout").hidden = false;
  showCluster(await answer.json());
  connect();
  state.pollTimer = setInterval(poll, POLL_MS);
}

function stop() {
  clearInterval(state.pollTimer);
  clearTimeout(state.reconnectTimer);
  if (state.socket) {
    state.socket.onclose = null;
    state.socket.close();
    state.socket = null;
  }
}

function logOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  state.events = [];
  state.lastId = null;
  $("token").value = "";
  renderEvents();
  showLogin("");
}

// --- the cluster's status, polled

function fetchCluster(token) {
  return fetch("/v1/cluster", { headers: { Authorization: "Bearer " + token }, cache: "no-store" });
}

async function poll() {
  try {
    const answer = await fetchCluster(state.token);
    if (answer.status === 401) {
      showLogin("The token expired or was revoked: log in again.");
      return;
    }
    if (!answer.ok) throw new Error("HTTP " + answer.status);
    showCluster(await answer.json());
    $("cluster-error").textContent = "";
  } catch (e) {
    $("cluster-error").textContent = "This node does not answer (" + e.message + "); retrying.";
  }
}

function hostOf(node) {
  return node.self ? location.hostname : node.host;
}

function showCluster(cluster) {
  $("where").textContent = "cluster of " + cluster.nodes.length + " node" + (cluster.nodes.length === 1 ? "" : "s") + ", seen from " + location.host;
  for (const node of cluster.nodes) if (node.nodeid) state.hostOf.set(node.nodeid, hostOf(node));
  showNodes(cluster.nodes);
  showWebhooks(cluster.nodes);
  showRates(cluster.rates);
}

function showNodes(nodes) {
  const body = $("nodes").tBodies[0];
  body.replaceChildren();
  for (const node of nodes) {
    const name = element("td", hostOf(node));
    name.title = node.nodeid || "";
    const stateCell = element("td", !node.up ? "down" : node.ready ? "ready" : "not ready", !node.up ? "bad" : node.ready ? "ok" : "warn");
    if (!node.up) {
      body.appendChild(row([name, stateCell, "", "", "", "", element("td", node.error, "bad")]));
      continue;
    }
    const sources = (node.sources || []).map((s) => s.name + (s.running ? "" : " (down)")).join(", ");
    const websocket = (node.sinks || []).find((s) => s.name === "websocket");
    body.appendChild(row([name, stateCell, node.eventing, sources, numberCell(node.accepted),
      numberCell(websocket ? websocket.clients : null), element("td", (node.not_ready || []).join("; "), "warn")]));
  }
}

function showWebhooks(nodes) {
  const body = $("webhooks").tBodies[0];
  body.replaceChildren();
  for (const node of nodes) {
    for (const sink of node.sinks || []) {
      if (!sink.name.startsWith("webhook:")) continue;
      const stateCell = element("td", sink.state, sink.state === "open" ? (sink.pending > 0 ? "warn" : "ok") : "bad");
      const lastError = sink.last_error
        ? sink.last_error + (sink.last_error_at ? " (" + new Date(sink.last_error_at * 1000).toLocaleTimeString() + ")" : "")
        : "";
      body.appendChild(row([hostOf(node), element("td", sink.url || sink.name.substring(8), "mono"), stateCell,
        numberCell(sink.pending), element("td", ago(sink.oldest_pending_seconds), "num"), numberCell(sink.delivered),
        numberCell(sink.failures), numberCell(sink.dead_letters), element("td", lastError, lastError ? "bad" : "")]));
    }
  }
  if (!body.rows.length) {
    const none = element("td", "No webhooks: gluster-eventsapi webhook-add URL adds one.");
    none.colSpan = 9;
    body.appendChild(row([none]));
  }
}

// --- the rate chart: one line per type (the busiest ones), events per second per period

function showRates(rates) {
  const svg = $("rate-chart");
  const ns = "http://www.w3.org/2000/svg";
  svg.replaceChildren();
  $("rate-legend").replaceChildren();
  if (!rates) return;
  const width = 900, height = 220, left = 40, bottom = 18, top = 8;
  const perSecond = (counts) => counts.map((c) => c / rates.bucket_seconds);
  let series = Object.entries(rates.types).map(([type, counts]) => ({ type, values: perSecond(counts), total: counts.reduce((a, b) => a + b, 0) }));
  series.sort((a, b) => b.total - a.total);
  if (series.length > CHART_TYPES) {
    const rest = series.slice(CHART_TYPES - 1);
    const other = rest[0].values.map((_, i) => rest.reduce((sum, s) => sum + s.values[i], 0));
    series = series.slice(0, CHART_TYPES - 1).concat([{ type: "other (" + rest.length + " types)", values: other }]);
  }
  const buckets = series.length ? series[0].values.length : 90;
  const minutes = Math.round(buckets * rates.bucket_seconds / 60);
  $("rate-window").textContent = "last " + minutes + " minutes, per " + rates.bucket_seconds + " s";
  const max = Math.max(0.1, ...series.flatMap((s) => s.values));
  const x = (i) => left + (width - left - 4) * i / Math.max(1, buckets - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const line = (x1, y1, x2, y2) => {
    const l = document.createElementNS(ns, "line");
    l.setAttribute("x1", x1); l.setAttribute("y1", y1); l.setAttribute("x2", x2); l.setAttribute("y2", y2);
    l.setAttribute("class", "axis");
    svg.appendChild(l);
  };
  const label = (text, lx, ly, anchor) => {
    const t = document.createElementNS(ns, "text");
    t.textContent = text;
    t.setAttribute("x", lx); t.setAttribute("y", ly); t.setAttribute("text-anchor", anchor || "start");
    svg.appendChild(t);
  };
  line(left, y(0), width, y(0));
  line(left, y(max), width, y(max));
  label(max >= 10 ? Math.round(max) + "/s" : max.toFixed(1) + "/s", left - 4, y(max) + 10, "end");
  label("0", left - 4, y(0), "end");
  for (let m = minutes; m >= 0; m -= 5) label(m ? "-" + m + " min" : "now", x((buckets - 1) * (1 - m / minutes)), height - 2, m ? "middle" : "end");
  series.forEach((s, n) => {
    const color = COLORS[n % COLORS.length];
    const path = document.createElementNS(ns, "polyline");
    path.setAttribute("points", s.values.map((v, i) => x(i).toFixed(1) + "," + y(v).toFixed(1)).join(" "));
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", color);
    path.setAttribute("stroke-width", "2");
    svg.appendChild(path);
    const item = element("li", s.type + (s.total !== undefined ? " (" + s.total + ")" : ""));
    item.style.setProperty("--swatch", color);
    $("rate-legend").appendChild(item);
  });
  if (!series.length) label("No events in the last " + minutes + " minutes.", width / 2, height / 2, "middle");
}

// --- the live stream of events

function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  let url = scheme + location.host + "/v1/events?access_token=" + encodeURIComponent(state.token);
  // The first time, what just happened (the node holds the last events of the whole cluster); after
  // a drop, exactly where the stream was, on this node or another.
  url += state.lastId ? "&since=" + encodeURIComponent(state.lastId) : "&last=" + RECENT_EVENTS;
  const socket = new WebSocket(url);
  state.socket = socket;
  setStreamState("connecting", "warn");
  socket.onopen = () => setStreamState("live", "ok");
  socket.onmessage = (message) => {
    const event = JSON.parse(message.data);
    state.lastId = event.id;
    addEvent(event);
  };
  socket.onclose = () => {
    state.socket = null;
    if (!state.loggedIn) return;
    setStreamState("reconnecting", "bad");
    state.reconnectTimer = setTimeout(connect, 1000);
  };
}

function setStreamState(text, kind) {
  const pill = $("stream-state");
  pill.hidden = false;
  pill.textContent = text;
  pill.className = "pill " + kind;
}

function describe(message) {
  return Object.entries(message || {}).map(([k, v]) => k + "=" + (typeof v === "object" ? JSON.stringify(v) : v)).join("  ");
}

function searchText(event) {
  const host = state.hostOf.get(event.nodeid) || "";
  return [event.event, host, event.nodeid, describe(event.message), timeOf(event)].join(" ").toLowerCase();
}

function timeOf(event) {
  const when = new Date(event.ts * 1000);
  const today = new Date().toDateString() === when.toDateString();
  return today ? when.toLocaleTimeString() : when.toLocaleString();
}

function filterWords() {
  return $("filter").value.toLowerCase().split(/\s+/).filter((w) => w);
}

function matches(event, words) {
  const text = searchText(event);
  return words.every((w) => text.includes(w));
}

function eventRow(event) {
  const host = state.hostOf.get(event.nodeid);
  const node = element("td", host || (event.nodeid || "").substring(0, 8));
  node.title = event.nodeid || "";
  const tr = row([timeOf(event), element("td", event.event, "mono"), node, element("td", describe(event.message), "mono")]);
  tr.dataset.event = event.event;
  return tr;
}

function addEvent(event) {
  state.events.unshift(event);
  if (state.events.length > MAX_EVENTS) state.events.pop();
  const body = $("events").tBodies[0];
  if (matches(event, filterWords())) {
    const tr = eventRow(event);
    tr.classList.add("new");
    body.insertBefore(tr, body.firstChild);
    while (body.rows.length > MAX_EVENTS) body.deleteRow(body.rows.length - 1);
  }
  showCount(body.rows.length);
}

function renderEvents() {
  const words = filterWords();
  const body = $("events").tBodies[0];
  body.replaceChildren(...state.events.filter((e) => matches(e, words)).map(eventRow));
  showCount(body.rows.length);
}

function showCount(shown) {
  $("event-count").textContent = shown === state.events.length
    ? state.events.length + ", newest first"
    : shown + " of " + state.events.length + " match the filter";
}

// --- wiring

document.addEventListener("DOMContentLoaded", () => {
  $("login").addEventListener("submit", (e) => {
    e.preventDefault();
    logIn($("token").value.trim());
  });
  $("logout").addEventListener("click", logOut);
  $("filter").addEventListener("input", renderEvents);
  if (state.token) logIn(state.token);
  else showLogin("");
});
