// Small helpers the status page's scripts share.

export const byId = (id) => document.getElementById(id);

/** Sets an element's text; a dash for nothing. */
export function show(id, value) {
  byId(id).textContent = value === null || value === undefined || value === '' ? '–' : String(value);
}

export function count(value) {
  return Number(value || 0).toLocaleString();
}

/** A moment as local date and time, and how long ago it was. */
export function since(iso) {
  if (!iso) {
    return null;
  }
  const at = new Date(iso);
  const minutes = Math.round((Date.now() - at.getTime()) / 60000);
  const ago = minutes < 1 ? 'just now' : minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
  return `${at.toLocaleString()} (${ago})`;
}

const KEY = 'ha-camel-bridge.api-key';
/** Where the key lives when this browser keeps no storage: until the page is left. */
let inMemory = null;

/** The API key this tab was given; null when none. */
export function storedKey() {
  try {
    return sessionStorage.getItem(KEY);
  } catch (error) {
    return inMemory;
  }
}

/** Keeps the key in this tab until it is closed; null forgets it. */
export function storeKey(key) {
  inMemory = key;
  try {
    if (key === null) {
      sessionStorage.removeItem(KEY);
    } else {
      sessionStorage.setItem(KEY, key);
    }
  } catch (error) {
    // storage is off: the key is kept in memory only, and asked for again at the next load
  }
}
