// The status page: polls GET /api/v1/overview every few seconds and shows it. No framework, no build step; every
// value goes in as text (never as HTML), so nothing Home Assistant sends can run in the page.
'use strict';

(() => {
  const POLL_MILLIS = 5000;
  const SVG = 'http://www.w3.org/2000/svg';
  const CHART = { width: 600, height: 120, top: 8 };
  const STATES = {
    READY: ['ok', 'authenticated, subscribed and in sync'],
    AUTHENTICATED: ['warn', 'authenticated; subscribing and catching up'],
    CONNECTING: ['warn', 'connecting'],
    DISCONNECTED: ['bad', 'unreachable; reconnecting'],
    AUTH_FAILED: ['bad', 'the access token was rejected; fix it and restart the bridge'],
    GAVE_UP: ['bad', 'gave up reconnecting (ha.reconnect.max-attempts)'],
    STOPPED: ['off', 'not started'],
  };

  const byId = (id) => document.getElementById(id);

  function show(id, value) {
    byId(id).textContent = value === null || value === undefined || value === '' ? '–' : String(value);
  }

  function count(value) {
    return Number(value || 0).toLocaleString();
  }

  function since(iso) {
    if (!iso) {
      return null;
    }
    const at = new Date(iso);
    const minutes = Math.round((Date.now() - at.getTime()) / 60000);
    const ago = minutes < 1 ? 'just now' : minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
    return `${at.toLocaleString()} (${ago})`;
  }

  function duration(seconds) {
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      return `${minutes} min`;
    }
    const hours = Math.floor(minutes / 60);
    return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
  }

  function showHomeAssistant(ha) {
    const [tone, meaning] = STATES[ha.state] || ['off', ''];
    const state = byId('ha-state');
    state.textContent = ha.state;
    state.className = `state ${tone}`;
    show('ha-state-text', meaning);
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

  /** A section another feature adds: its snapshot as name/value rows, nested values as dotted names. */
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

  function showSections(sections) {
    const main = document.querySelector('main');
    Object.keys(sections).forEach((name) => {
      if (!document.querySelector(`[data-section="${CSS.escape(name)}"]`)) {
        const card = document.createElement('section');
        card.className = 'card section';
        card.dataset.section = name;
        const title = document.createElement('h2');
        title.textContent = name.replace(/_/g, ' ');
        card.append(title, document.createElement('p'), document.createElement('dl'));
        main.appendChild(card);
      }
    });
    document.querySelectorAll('[data-section]').forEach((card) => {
      const snapshot = sections[card.dataset.section];
      const list = card.querySelector('dl');
      list.replaceChildren();
      card.querySelector('p').hidden = snapshot !== undefined;
      if (snapshot !== undefined) {
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

  async function refresh() {
    try {
      const answer = await fetch('/api/v1/overview', { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!answer.ok) {
        throw new Error(`HTTP ${answer.status}`);
      }
      render(await answer.json());
      byId('offline').hidden = true;
    } catch (error) {
      byId('offline').hidden = false;
    } finally {
      setTimeout(refresh, POLL_MILLIS);
    }
  }

  refresh();
})();
