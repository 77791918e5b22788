// The status page: polls GET /api/v1/overview every few seconds and shows it; the last events come live through the
// client hub (live-events.js). When the bridge asks for its API key, a person types it once; the tab keeps it
// (sessionStorage) and sends it as Authorization: Bearer, never in an address. No framework, no build step; every
// value goes in as text (never as HTML), so nothing Home Assistant sends can run in the page.
import { byId, count, show, since, storedKey, storeKey } from './page.js';
import { KEY_REFUSED, LiveEvents } from './live-events.js';

const POLL_MILLIS = 5000;
const SVG = 'http://www.w3.org/2000/svg';
const CHART = { width: 600, height: 120, top: 8 };
const STATES = {
  READY: ['ok', 'authenticated, subscribed and in sync'],
  AUTHENTICATED: ['warn', 'authenticated; subscribing and catching up'],
  CONNECTING: ['warn', 'connecting'],
  DISCONNECTED: ['bad', 'unreachable; reconnecting'],
  AUTH_FAILED: ['bad', 'the access token was rejected: put a new one in the token file, or fix it and restart the bridge'],
  GAVE_UP: ['bad', 'gave up reconnecting (ha.reconnect.max-attempts)'],
  STOPPED: ['off', 'not started'],
};
const BREAKER_STATES = {
  CLOSED: ['ok', 'service calls go over the session'],
  HALF_OPEN: ['warn', 'the next service call probes the session'],
  OPEN: ['bad', 'service calls go over the REST API until a probe succeeds'],
  FORCED_OPEN: ['bad', 'forced open: service calls go over the REST API'],
  DISABLED: ['off', 'disabled: every call goes over the session'],
  METRICS_ONLY: ['off', 'only counting: every call goes over the session'],
  NOT_STARTED: ['off', 'not started yet'],
};
const ROLES = {
  LEADER: ['ok', 'takes MQTT commands, publishes to MQTT, delivers webhooks and runs the routes of group leader'],
  STANDBY: ['off', 'keeps its session, cache and mirror warm and serves reads; leads when the leader goes'],
};
const ELECTIONS = {
  none: 'none: the only bridge (cluster.kind)',
  file: 'a lock file',
  kubernetes: 'a Kubernetes Lease',
  custom: 'a Camel cluster service of your own',
};
const FALLBACK_REASONS = {
  circuit_open: 'breaker open',
  circuit_half_open: 'breaker half-open',
  not_sent: 'no session',
  resend_unknown: 're-sent',
};

const live = new LiveEvents();

function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

/** A big state word, coloured by its tone, and what it means. */
function showState(id, state, states) {
  const [tone, meaning] = states[state] || ['off', ''];
  const element = byId(id);
  element.textContent = state;
  element.className = `state ${tone}`;
  show(`${id}-text`, meaning);
}

function showHomeAssistant(ha) {
  showState('ha-state', ha.state, STATES);
  show('ha-version', ha.ha_version);
  show('ha-url', ha.url);
  byId('ha-since-label').textContent = ha.connected ? 'Connected since' : 'Down since';
  show('ha-since', since(ha.connected ? ha.connected_since : ha.disconnected_since));
  show('ha-reconnects', ha.reconnects === undefined ? null : count(ha.reconnects));
  show('ha-error', ha.connected ? null : ha.last_error);
}

function showEvents(events) {
  show('events-received', count(events.received));
  show('events-processed', count(events.processed));
  show('events-filtered', count(events.filtered));
  show('events-failed', count(events.failed));
  show('events-malformed', count(events.malformed));
  show('events-queue', count(events.queue_depth));
  drawRate(events.rate);
}

/** One bar per bucket, oldest on the left; the last bucket is still filling. */
function drawRate(rate) {
  const chart = byId('rate-chart');
  const counts = rate.counts;
  const highest = Math.max(1, ...counts);
  const slot = CHART.width / counts.length;
  const bucketMillis = rate.bucket_seconds * 1000;
  const end = new Date(rate.current_bucket_end).getTime();
  chart.replaceChildren();
  counts.forEach((value, i) => {
    if (value === 0) {
      return;
    }
    const height = (value / highest) * (CHART.height - CHART.top);
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('class', 'bar');
    bar.setAttribute('x', String(i * slot + slot * 0.1));
    bar.setAttribute('y', String(CHART.height - height));
    bar.setAttribute('width', String(slot * 0.8));
    bar.setAttribute('height', String(height));
    const title = document.createElementNS(SVG, 'title');
    const from = new Date(end - (counts.length - i) * bucketMillis);
    title.textContent = `${value} events from ${from.toLocaleTimeString()}`;
    bar.appendChild(title);
    chart.appendChild(bar);
  });
  chart.dataset.bars = String(chart.childElementCount);
  const minutes = (counts.length * rate.bucket_seconds) / 60;
  show('chart-start', `${minutes} min ago`);
  show('chart-max', `highest: ${highest} per ${rate.bucket_seconds} s`);
  const lastMinute = counts.slice(-Math.round(60 / rate.bucket_seconds)).reduce((a, b) => a + b, 0);
  show('events-per-minute', `${count(lastMinute)} in the last minute`);
}

function showCache(cache) {
  show('cache-entities', count(cache.entities));
  show('cache-hit-rate', cache.reads === 0 ? 'no reads yet'
    : `${Math.round(cache.hit_rate * 100)} % of ${count(cache.reads)} reads`);
  show('cache-mode', cache.mode);
  show('cache-complete', cache.complete ? 'yes, every state is cached' : 'no, misses are fetched');
}

function showBreaker(breaker) {
  showState('breaker-state', breaker.state, BREAKER_STATES);
  if (breaker.failure_rate === undefined) {
    show('breaker-failure-rate', null);
  } else if (breaker.failure_rate < 0) {
    show('breaker-failure-rate', `not measured yet (${breaker.calls_in_window} of ${breaker.minimum_calls} calls)`);
  } else {
    show('breaker-failure-rate', `${Math.round(breaker.failure_rate)} % of the last ${breaker.calls_in_window} calls `
      + `(opens at ${Math.round(breaker.failure_rate_threshold)} %)`);
  }
  show('breaker-transition', breaker.last_transition
    ? `${breaker.last_transition.replace('_TO_', ' → ')}, ${since(breaker.last_transition_at)}`
    : 'none since the bridge started');
  const reasons = Object.entries(breaker.fallbacks_by_reason || {}).filter(([, n]) => n > 0)
    .map(([reason, n]) => `${FALLBACK_REASONS[reason] || reason}: ${count(n)}`);
  show('breaker-fallbacks', `${count(breaker.fallbacks)} over the REST API${reasons.length ? ` (${reasons.join(', ')})` : ''}`);
}

function cell(row, text, tone) {
  const td = document.createElement('td');
  td.textContent = text;
  if (tone) {
    td.className = tone;
  }
  row.appendChild(td);
}

function showPublish(publish) {
  const rows = [];
  const mqtt = publish.mqtt;
  if (mqtt) {
    rows.push([mqtt.embedded_broker ? 'MQTT (embedded broker)' : 'MQTT', mqtt.queue_depth, mqtt.queue_capacity,
      mqtt.coalesced, mqtt.connected ? 'connected' : 'disconnected', mqtt.connected ? 'ok' : 'bad']);
  }
  publish.webhooks.forEach((target) => {
    const failing = target.dead_lettered > 0 || target.retries > 0;
    rows.push([`webhook ${target.target}`, target.queue_depth, target.queue_capacity, target.coalesced,
      `${count(target.delivered)} delivered, ${count(target.retries)} retries, ${count(target.dead_lettered)} dead`,
      failing ? 'warn' : '']);
  });
  const body = byId('publish-targets').tBodies[0];
  body.replaceChildren();
  rows.forEach(([name, depth, capacity, merged, state, tone]) => {
    const row = document.createElement('tr');
    cell(row, name);
    cell(row, count(depth), depth >= capacity ? 'bad' : '');
    cell(row, count(merged));
    cell(row, state, tone);
    row.title = `queue capacity ${count(capacity)}`;
    body.appendChild(row);
  });
  byId('publish-targets').hidden = rows.length === 0;
  byId('publish-nothing').hidden = rows.length > 0;
  show('publish-retained', mqtt
    ? `The broker holds ${count(mqtt.retained_topics)} retained topics of ${count(mqtt.retained_entities)} entities; `
      + `${count(mqtt.states_published)} states published.`
    : '');
}

function showDeadLetters(deadLetters) {
  const stored = byId('dead-letters-stored');
  stored.textContent = count(deadLetters.stored);
  stored.className = deadLetters.stored > 0 ? 'bad' : '';
  const oldest = deadLetters.oldest;
  show('dead-letters-oldest', oldest
    ? `${oldest.entity_id} for ${oldest.target}, ${since(oldest.dead_lettered_at)}` : 'none');
  show('dead-letters-replays', `${count(deadLetters.replays_delivered)} delivered, `
    + `${count(deadLetters.replays_failed)} failed again`);
}

function showCluster(cluster) {
  showState('cluster-role', cluster.role.toUpperCase(), ROLES);
  show('cluster-holder', cluster.holder || 'nobody at the moment');
  show('cluster-since', since(cluster.since));
  const last = cluster.last_transition;
  show('cluster-transition', last ? `to ${last.to}, ${since(last.at)}: ${last.reason}` : 'none since the bridge started');
  show('cluster-kind', ELECTIONS[cluster.kind] || cluster.kind);
}

function showHub(hub) {
  show('hub-clients', count(hub.clients));
  show('hub-awaiting-auth', count(hub.awaiting_auth));
  show('hub-dropped', count(hub.dropped_slow));
  show('hub-unauthorized', count(hub.refused_unauthorized));
  show('hub-connections', count(hub.total_connections));
  show('hub-sent', count(hub.messages_sent));
}

const RENDERERS = {
  cluster: showCluster,
  breaker: showBreaker,
  publish: showPublish,
  dead_letters: showDeadLetters,
  hub: showHub,
  live_events: (section) => live.start(section),
};

/** A section without a card of its own: its snapshot as name/value rows, nested values as dotted names. */
function rows(list, value, prefix) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    Object.entries(value).forEach(([key, inner]) => rows(list, inner, prefix ? `${prefix}.${key}` : key));
    return;
  }
  const name = document.createElement('dt');
  name.textContent = prefix || 'value';
  const shown = document.createElement('dd');
  shown.textContent = Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(', ') : String(value);
  list.append(name, shown);
}

function genericCard(name) {
  const card = document.createElement('section');
  card.className = 'card section';
  card.dataset.section = name;
  const title = document.createElement('h2');
  title.textContent = name.replace(/_/g, ' ');
  const content = document.createElement('div');
  content.className = 'content';
  content.appendChild(document.createElement('dl'));
  card.append(title, content);
  document.querySelector('main').appendChild(card);
  return card;
}

function showSections(sections) {
  Object.entries(sections).forEach(([name, snapshot]) => {
    const card = document.querySelector(`[data-section="${CSS.escape(name)}"]`) || genericCard(name);
    card.querySelector('.content').hidden = false;
    const notConfigured = card.querySelector('.not-configured');
    if (notConfigured) {
      notConfigured.hidden = true;
    }
    if (RENDERERS[name]) {
      RENDERERS[name](snapshot);
    } else {
      const list = card.querySelector('dl');
      list.replaceChildren();
      rows(list, snapshot, '');
    }
  });
}

function render(overview) {
  byId('demo').hidden = !overview.bridge.demo_mode;
  show('camel-version', `Apache Camel ${overview.bridge.camel_version}, up ${duration(overview.bridge.uptime_seconds)}`);
  showHomeAssistant(overview.home_assistant);
  showEvents(overview.events);
  showCache(overview.cache);
  showSections(overview.sections);
  show('updated', `updated ${new Date(overview.timestamp).toLocaleTimeString()}`);
}

/** Asks for the key (again); polling waits until a key is entered. */
function askForKey(note) {
  clearTimeout(pollTimer);
  byId('updated').textContent = 'waiting for the API key';
  byId('key-note').textContent = note || '';
  byId('key-form').hidden = false;
  byId('key').focus();
}

let pollTimer = null;

async function refresh() {
  clearTimeout(pollTimer);
  const key = storedKey();
  const headers = { Accept: 'application/json' };
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  let overview = null;
  let answer = null;
  try {
    answer = await fetch('/api/v1/overview', { cache: 'no-store', headers });
    if (answer.ok) {
      overview = await answer.json();
    }
  } catch (error) {
    // the bridge is away: the banner says so
  }
  if (answer !== null && answer.status === 401) {
    storeKey(null);
    askForKey(key ? 'The bridge did not accept that key.' : null);
    return;
  }
  if (answer !== null && answer.status === 429) {
    const seconds = Number(answer.headers.get('Retry-After')) || 60;
    askForKey(`Too many wrong keys from this address: the bridge takes the next one in ${seconds} s.`);
    return;
  }
  byId('offline').hidden = overview !== null;
  pollTimer = setTimeout(refresh, POLL_MILLIS);
  if (overview !== null) {
    render(overview);
  }
}

byId('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = byId('key').value.trim();
  if (key) {
    storeKey(key);
    byId('key').value = '';
    byId('key-form').hidden = true;
    refresh();
  }
});
window.addEventListener(KEY_REFUSED, (event) => askForKey(event.detail.refused
  ? 'The bridge did not accept that key.' : null));

refresh();
