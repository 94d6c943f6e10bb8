// The cockpit: one event stream (/api/events, WebSocket with an SSE fallback) drives everything on the page; the
// route comes from /api/route whenever a "route" event says it changed.
import { RouteMap } from './map.js';
import { Chat } from './chat.js';

const $ = id => document.getElementById(id);
const KEYS = {
  speed: 'Vehicle.Speed', gear: 'Vehicle.Powertrain.Transmission.SelectedGear',
  soc: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed', range: 'Vehicle.Powertrain.Range',
  cabin: 'Vehicle.Cabin.HVAC.AmbientAirTemperature', lat: 'Vehicle.CurrentLocation.Latitude',
  lon: 'Vehicle.CurrentLocation.Longitude', heading: 'Vehicle.CurrentLocation.Heading',
  attention: 'EdgeAI.Driver.Awareness', dark: 'EdgeAI.Environment.IsDark',
};
const ENDS = new Set(['withdrawn', 'accepted', 'dismissed', 'action', 'muted']);
const PRIORITY = { safety: 0, navigation: 1, convenience: 2, information: 3 };
const TIMELINE_LENGTH = 60;

// What the benchmark reads: the first render and the delay from an event's arrival to the card painted.
const metrics = window.edgeaiMetrics = { cardPaintMs: [], cardPaintedAt: {}, events: 0 };

const map = new RouteMap($('map'));
const active = new Map();
let shownId = null;
let themeChosen = false;

function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  const other = theme === 'day' ? 'night' : 'day';
  $('theme').textContent = other === 'night' ? 'Night' : 'Day';
  $('theme').setAttribute('aria-label', `Switch to ${other} theme`);
}
$('theme').addEventListener('click', () => {
  themeChosen = true;
  setTheme(document.documentElement.dataset.theme === 'day' ? 'night' : 'day');
});
// Before the car says whether it is dark, the local time decides.
const hour = new Date().getHours();
setTheme(hour >= 7 && hour < 19 ? 'day' : 'night');

function value(keys, key) {
  const k = keys[key];
  return k && k.quality === 'valid' ? k.value : null;
}

function show(id, v, digits = 0) {
  $(id).textContent = v === null || v === undefined ? '–' : typeof v === 'number' ? v.toFixed(digits) : String(v);
}

function onContext(e) {
  const k = e.keys;
  show('speed', value(k, KEYS.speed));
  show('gear', value(k, KEYS.gear));
  show('soc', value(k, KEYS.soc));
  show('range', value(k, KEYS.range));
  show('cabin', value(k, KEYS.cabin), 1);
  const lat = value(k, KEYS.lat), lon = value(k, KEYS.lon);
  if (lat !== null && lon !== null) map.moveCar(lat, lon, value(k, KEYS.heading) ?? 0);
  const attention = value(k, KEYS.attention);
  $('attention').value = attention ?? 0;
  $('attention-text').textContent = attention === null ? 'unknown' : `${Math.round(attention * 100)} %`;
  const dark = value(k, KEYS.dark);
  if (!themeChosen && dark !== null) setTheme(dark ? 'night' : 'day');
  $('drive-time').textContent = clock(e.at_s);
}

function clock(seconds) {
  const s = Math.floor(seconds || 0);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function onLight(e) {
  const light = $('light');
  light.hidden = e.kind === 'none';
  light.dataset.kind = e.kind;
  let text = e.kind;
  if (e.kind === 'red' && e.green_in_s !== undefined && e.countdown) text = `Green in ${Math.ceil(e.green_in_s)} s`;
  else if (e.kind === 'green' && e.red_in_s !== undefined && e.countdown) text = `Red in ${Math.ceil(e.red_in_s)} s`;
  else if (e.distance_m !== undefined) text = `${e.kind} light in ${Math.round(e.distance_m)} m`;
  $('light-text').textContent = text;
  light.setAttribute('aria-label', `Traffic light ahead: ${text}`);
}

function renderCard(arrivedAt) {
  const best = [...active.values()].sort((a, b) => (PRIORITY[a.priority] ?? 9) - (PRIORITY[b.priority] ?? 9) || b.at_s - a.at_s)[0];
  const card = $('card');
  $('no-card').hidden = !!best;
  if (!best) {
    card.hidden = true;
    card.dataset.id = '';
    card.dataset.kind = '';
    shownId = null;
    return;
  }
  if (best.id === shownId) return;
  shownId = best.id;
  card.hidden = false;
  card.dataset.id = best.id;
  card.dataset.kind = best.kind;
  $('card-kind').textContent = best.kind.replace('_', ' ');
  $('card-text').textContent = best.text;
  $('card-reason').textContent = best.reason;
  const labels = Object.fromEntries((best.actions || []).map(a => [a.id, a.label]));
  const kind = best.kind.replace('_', ' ');
  for (const action of ['accept', 'dismiss']) {
    const button = $(action);
    button.hidden = !(action in labels);
    button.disabled = false;
    button.textContent = labels[action] || action;
    button.setAttribute('aria-label', `${labels[action] || action}: ${kind} suggestion`);
  }
  // Alternatives the suggestion offers (another charger, another car park).
  $('alternatives').replaceChildren(...(best.actions || []).filter(a => a.id.startsWith('alt:')).map(a => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'alternative';
    button.dataset.action = a.id;
    button.textContent = a.label;
    button.setAttribute('aria-label', `Instead: ${a.label} (${kind} suggestion)`);
    button.addEventListener('click', () => act(a.id));
    return button;
  }));
  requestAnimationFrame(() => requestAnimationFrame(t => metrics.cardPaintMs.push(t - arrivedAt)));
}

async function act(action) {
  const id = $('card').dataset.id;
  if (!id) return;
  for (const button of $('card').querySelectorAll('button')) button.disabled = true;
  const response = await fetch(`/api/suggestions/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
  if (!response.ok) {
    // Gone meanwhile (withdrawn, expired): the stream says so too.
    active.delete(id);
    renderCard(performance.now());
  }
}
$('accept').addEventListener('click', () => act('accept'));
$('dismiss').addEventListener('click', () => act('dismiss'));

function addTimeline(e, text) {
  const item = document.createElement('li');
  item.dataset.type = e.type;
  if (e.kind) item.dataset.kind = e.kind;
  const time = document.createElement('time');
  time.textContent = clock(e.at_s);
  item.append(time, text);
  const list = $('timeline');
  list.prepend(item);
  while (list.children.length > TIMELINE_LENGTH) list.lastChild.remove();
}

// One fetch at a time, and one more if the route changed meanwhile (a replayed timeline holds many route events).
let routeLoading = false, routeStale = false;
async function loadRoute() {
  if (routeLoading) { routeStale = true; return; }
  routeLoading = true;
  try {
    do {
      routeStale = false;
      const response = await fetch('/api/route');
      if (response.ok) map.draw(await response.json());
    } while (routeStale);
  } finally {
    routeLoading = false;
  }
}

function onEvent(e, arrivedAt) {
  metrics.events++;
  switch (e.type) {
    case 'context': onContext(e); return;
    case 'light': onLight(e); return;
    case 'route': loadRoute(); return;
    case 'suggestion':
      active.set(e.id, e);
      addTimeline(e, `${e.kind.replace('_', ' ')}: ${e.text}`);
      renderCard(arrivedAt);
      // The wall time (ms since the epoch) of the frame that shows this suggestion's card, for the event-to-pixel figure.
      if ($('card').dataset.id === e.id) requestAnimationFrame(() => requestAnimationFrame(t => { metrics.cardPaintedAt[e.id] = performance.timeOrigin + t; }));
      return;
    case 'question': addTimeline(e, `Q: ${e.text}`); return;
    case 'answer': addTimeline(e, `A: ${e.text}`); return;
    case 'summary': addTimeline(e, `Drive ended: ${e.text}`); return;
    default:
      if (ENDS.has(e.type)) {
        active.delete(e.ref);
        addTimeline(e, `${e.kind ? e.kind.replace('_', ' ') + ' ' : ''}${e.type}${e.reason ? ' (' + e.reason + ')' : ''}`);
        renderCard(arrivedAt);
      } else if (e.type === 'drive' || e.type === 'held') addTimeline(e, e.text);
  }
}

function connect() {
  const status = $('connection');
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`, ['edgeai.v1']);
  let opened = false;
  socket.onopen = () => {
    opened = true;
    status.textContent = 'live';
    metrics.liveMs ??= performance.now();
    // A new connection starts with the recent timeline again: show it once.
    $('timeline').replaceChildren();
    active.clear();
    renderCard(performance.now());
  };
  socket.onmessage = m => onEvent(JSON.parse(m.data), performance.now());
  socket.onclose = c => {
    if (!opened) { serverSent(); return; }
    status.textContent = `disconnected${c.reason ? ': ' + c.reason : ''}; reconnecting`;
    active.clear();
    setTimeout(connect, 2000);
  };
}

// Where WebSockets cannot pass (a proxy), server-sent events carry the same lines.
function serverSent() {
  const status = $('connection');
  const source = new EventSource('/api/events');
  source.onopen = () => { status.textContent = 'live (SSE)'; };
  source.onmessage = m => onEvent(JSON.parse(m.data), performance.now());
  source.addEventListener('dropped', m => { status.textContent = `disconnected: ${JSON.parse(m.data).reason}`; });
  source.onerror = () => { status.textContent = 'disconnected; retrying'; };
}

new Chat($('ask'), $('question'), $('stop'), $('answer'));
// The stream replays the recent timeline on connect, its last "route" event included: that loads the map.
connect();
