// The status page's last events, live: the page is a client of the bridge's hub (/ws) like any other, subscribed to
// every tracked entity. It presents the key the page was given (page.js keeps it in this tab's sessionStorage) as
// the hub's first message, never in the URL, which proxies and logs keep.
import { byId, storedKey, storeKey } from './page.js';

const SHOWN = 15;
const FIRST_RETRY_MILLIS = 1000;
const MAX_RETRY_MILLIS = 30000;
/** Changes are drawn at most this often: a busy home must not redraw the page for every one. */
const DRAW_MILLIS = 250;
const UNAUTHORIZED = 4401;
const TOO_MANY_CLIENTS = 1013;
/** Told to the page when the hub refused the key: the page asks for it again. */
export const KEY_REFUSED = 'bridge-key-refused';

/** A line above the list about the connection; null for none. */
function note(words) {
  byId('live-note').textContent = words || '';
}

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) {
    element.className = className;
  }
  return element;
}

/** One change as a row: when, which entity (its name, and its id beneath), and from what to what. */
function row(change, timestamp) {
  const attributes = change.attributes || {};
  const unit = attributes.unit_of_measurement ? ` ${attributes.unit_of_measurement}` : '';
  let what;
  if (change.new_state === null) {
    what = `${change.old_state ?? '?'} → removed`;
  } else if (change.old_state === null) {
    what = `new: ${change.new_state}${unit}`;
  } else {
    what = `${change.old_state} → ${change.new_state}${unit}`;
  }
  const item = document.createElement('li');
  item.dataset.entityId = change.entity_id;
  const entity = text('span', attributes.friendly_name || change.entity_id, 'entity');
  if (attributes.friendly_name) {
    entity.appendChild(text('small', change.entity_id));
  }
  item.append(text('time', new Date(timestamp).toLocaleTimeString()), entity, text('span', what, 'change'));
  if (change.resync) {
    item.appendChild(text('span', 'resync', 'tag'));
  }
  return item;
}

export class LiveEvents {
  constructor() {
    this.path = null;
    this.socket = null;
    this.retryMillis = FIRST_RETRY_MILLIS;
    this.retryTimer = null;
    this.waiting = [];
    this.drawTimer = null;
  }

  /** The live_events section of the overview says where the hub is; the page connects once it knows. */
  start(section) {
    if (this.path === null) {
      this.path = section.path;
      this.connect();
    }
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.status('wait', 'connecting…');
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${window.location.host}${this.path}`);
    this.socket = socket;
    this.opened = false;
    this.needsKey = false;
    socket.addEventListener('open', () => {
      this.opened = true;
    });
    socket.addEventListener('message', (event) => this.received(socket, JSON.parse(event.data)));
    socket.addEventListener('close', (event) => this.closed(socket, event));
  }

  received(socket, message) {
    switch (message.type) {
      case 'auth_required':
        if (storedKey()) {
          socket.send(JSON.stringify({ type: 'auth', data: { api_key: storedKey() } }));
        } else {
          this.needsKey = true;
          socket.close(1000, 'no key yet');
        }
        break;
      case 'connection':
        this.retryMillis = FIRST_RETRY_MILLIS;
        socket.send(JSON.stringify({ type: 'subscribe', data: { all: true }, id: 1 }));
        break;
      case 'subscribed':
        this.status('ok', 'live');
        break;
      case 'system_status':
        note(message.data.home_assistant.connected ? null
          : 'Home Assistant is not connected: changes arrive again once it is back.');
        break;
      case 'entity_state_changed':
        this.waiting.push([message.data, message.timestamp]);
        if (this.waiting.length > SHOWN) {
          this.waiting.shift(); // only the last few are ever shown, however long the page was in the background
        }
        this.drawTimer = this.drawTimer || setTimeout(() => this.draw(), DRAW_MILLIS);
        break;
      default:
        break; // pong, heartbeat, broadcasts: nothing to show
    }
  }

  closed(socket, event) {
    if (socket !== this.socket) {
      return;
    }
    this.socket = null;
    if (event.code === UNAUTHORIZED || this.needsKey) {
      storeKey(null);
      this.path = null; // connects again once the page has a key and the overview
      this.status('bad', 'key needed');
      window.dispatchEvent(new CustomEvent(KEY_REFUSED, { detail: { refused: event.code === UNAUTHORIZED } }));
      return;
    }
    const seconds = Math.round(this.retryMillis / 1000);
    this.status('bad', `disconnected, retrying in ${seconds} s`);
    if (event.code === TOO_MANY_CLIENTS) {
      note('The hub has as many clients as hub.max-clients allows.');
    } else if (!this.opened) {
      note(`The hub at ${this.path} did not take the connection.`);
    }
    this.retryTimer = setTimeout(() => this.connect(), this.retryMillis);
    this.retryMillis = Math.min(this.retryMillis * 2, MAX_RETRY_MILLIS);
  }

  status(tone, words) {
    const pill = byId('live-status');
    pill.textContent = words;
    pill.className = `pill ${tone}`;
  }

  /** The newest first; only the last few stay. */
  draw() {
    this.drawTimer = null;
    const list = byId('live-list');
    const newest = this.waiting.splice(0).reverse();
    list.prepend(...newest.map(([change, timestamp]) => row(change, timestamp)));
    while (list.childElementCount > SHOWN) {
      list.lastElementChild.remove();
    }
  }
}
