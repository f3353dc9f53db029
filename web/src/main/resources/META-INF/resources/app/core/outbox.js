// The outbox: every activity the person logs is first kept here, in IndexedDB, with the Idempotency-Key made
// when it was entered, then sent; it leaves only when the service answered 2xx. Sent on start, when the browser
// comes back online and on "Sync now"; several at once through the batch endpoint.
//
// The key is also the activity's id (the body's `id`), in a single POST and in a batch alike: a request cut off
// after the service stored it and sent again, either way, lands on the same activity. A refused item keeps its
// key when it is fixed: the service stores nothing for a refused request and remembers no refused key.
//
// States: waiting, sending, refused (4xx for this item: the service's reason, fixed in the form), conflict (409:
// the id holds other content already). A 401 or 5xx or no answer leaves every item waiting.
import {session} from './session.js';

const DB = 'phoihop';
const STORE = 'outbox';
const BATCH = 500;
const MAX_BYTES = 900_000;

export const outbox = new EventTarget();
/** Whether the last attempt found the session gone: the person must sign in again before anything is sent. */
export let needsSignIn = false;
/** What the last sync did: {at, stored, refused, failed} for the page's summary. */
export let lastSync = null;
/** The items stored by this page since it opened (they left the outbox): key, title, activity id. */
export const storedNow = [];

let opened = null;
function db() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, {keyPath: 'key'});
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function tx(mode, work) {
  const database = await db();
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, mode);
    const store = transaction.objectStore(STORE);
    let result;
    Promise.resolve(work(store)).then(value => { result = value; });
    transaction.oncomplete = () => resolve(result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function changed() {
  outbox.dispatchEvent(new Event('change'));
}

/** A new Idempotency-Key: letters, digits and '-', as the services accept. */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** Every item, oldest first. */
export async function items() {
  const all = await tx('readonly', store => req(store.getAll()));
  return all.sort((a, b) => a.enteredAt.localeCompare(b.enteredAt));
}

export async function item(key) {
  return tx('readonly', store => req(store.get(key)));
}

/**
 * Keeps an activity to send: a new one, or a refused or conflicting one fixed in the form (same key). `labels` are
 * the names shown in the list (program, unit), which the body holds only as ids.
 */
export async function put(key, body, labels = {}) {
  const owner = session()?.subject ?? null;
  const existing = await item(key);
  const entry = {
    key, owner, body: {...body, id: key}, labels, state: 'waiting', problem: null,
    enteredAt: existing?.enteredAt ?? new Date().toISOString(), attempts: existing?.attempts ?? 0,
  };
  await tx('readwrite', store => store.put(entry));
  changed();
  return entry;
}

async function update(key, changes) {
  await tx('readwrite', async store => {
    const found = await req(store.get(key));
    if (found) store.put({...found, ...changes});
  });
}

/** A conflicting item sent again as a new activity: a new key, so the one already stored stays as it is. */
export async function sendAsNew(key) {
  const found = await item(key);
  if (!found) return;
  const fresh = newKey();
  await tx('readwrite', store => {
    store.delete(key);
    store.put({...found, key: fresh, body: {...found.body, id: fresh}, state: 'waiting', problem: null});
  });
  changed();
  return sync();
}

let running = null;
let queued = null;

/**
 * Sends what waits (this person's items only); one sync at a time. A call during one runs once more after it, so
 * an item kept meanwhile is not left for the next trigger.
 */
export function sync() {
  if (running) {
    queued ??= running.then(() => { queued = null; return sync(); });
    return queued;
  }
  running = send().finally(() => { running = null; changed(); });
  return running;
}

async function send() {
  const me = session()?.subject;
  const due = (await items()).filter(i => i.owner === me && (i.state === 'waiting' || i.state === 'sending'));
  if (!due.length || !navigator.onLine) return lastSync;
  // a fresh session: the CSRF token of this one (the app may have started from the cache), or a 401
  const csrf = await currentCsrfToken();
  if (csrf === null) return lastSync;
  const outcome = {at: new Date().toISOString(), stored: 0, refused: 0, failed: 0};
  for (const chunk of chunks(due)) {
    await Promise.all(chunk.map(i => update(i.key, {state: 'sending', attempts: i.attempts + 1})));
    changed();
    const ok = chunk.length > 1 ? await sendBatch(chunk, csrf, outcome) : await sendOne(chunk[0], csrf, outcome);
    if (!ok) break;
  }
  // whatever is still 'sending' was not answered: it waits for the next attempt
  await Promise.all((await items()).filter(i => i.state === 'sending').map(i => update(i.key, {state: 'waiting'})));
  lastSync = outcome;
  return outcome;
}

/** Batches of at most 500 items and about 900 KB, under the gateway's 1 MiB limit on a JSON body. */
function chunks(due) {
  const found = [];
  let chunk = [];
  let bytes = 2;
  for (const entry of due) {
    const size = new TextEncoder().encode(JSON.stringify(entry.body)).length + 1;
    if (chunk.length && (chunk.length === BATCH || bytes + size > MAX_BYTES)) {
      found.push(chunk);
      chunk = [];
      bytes = 2;
    }
    chunk.push(entry);
    bytes += size;
  }
  if (chunk.length) found.push(chunk);
  return found;
}

async function currentCsrfToken() {
  try {
    const response = await fetch('/auth/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (response.status === 401) {
      needsSignIn = true;
      changed();
      return null;
    }
    if (!response.ok) return null;
    needsSignIn = false;
    return (await response.json()).csrfToken ?? '';
  } catch {
    return null;
  }
}

async function post(path, body, csrf, headers = {}) {
  try {
    const response = await fetch(path, {
      method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
      headers: {Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, ...headers},
    });
    let json = null;
    try { json = await response.json(); } catch { /* no body */ }
    return {status: response.status, json};
  } catch {
    return {status: 0, json: null};
  }
}

/** A reply for the whole request that is not the item's fault: the items wait. False stops this sync. */
function whole(status, outcome) {
  if (status === 401) {
    needsSignIn = true;
  }
  outcome.failed++;
  return false;
}

/** Each item's answer, in one transaction: 2xx leaves the outbox, 409 and other 4xx are kept with the reason. */
async function settle(answers, outcome) {
  await tx('readwrite', store => {
    answers.forEach(({entry, status, problem}) => {
      if (status >= 200 && status < 300) {
        store.delete(entry.key);
      } else if (status === 409) {
        store.put({...entry, state: 'conflict', problem: problemOf(status, problem)});
      } else if (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) {
        store.put({...entry, state: 'refused', problem: problemOf(status, problem)});
      } else {
        store.put({...entry, state: 'waiting', problem: null});
      }
    });
  });
  answers.forEach(({entry, status, id}) => {
    if (status >= 200 && status < 300) {
      storedNow.unshift({key: entry.key, title: entry.body.title, id: id ?? entry.key, at: new Date().toISOString()});
      outcome.stored++;
    } else if (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) {
      outcome.refused++;
    } else {
      outcome.failed++;
    }
  });
  storedNow.splice(50);
}

function problemOf(status, body) {
  return {status, type: body?.type ?? '', title: body?.title ?? '', detail: body?.detail ?? '', errors: body?.errors ?? []};
}

async function sendOne(entry, csrf, outcome) {
  const {status, json} = await post('/api/v1/activities', entry.body, csrf, {'Idempotency-Key': entry.key});
  if (status === 0 || status === 401 || status >= 500 || status === 408 || status === 429) return whole(status, outcome);
  await settle([{entry, status, problem: json, id: json?.id}], outcome);
  return true;
}

async function sendBatch(chunk, csrf, outcome) {
  const {status, json} = await post('/api/v1/activities/batch', chunk.map(i => i.body), csrf);
  if (status === 200 && Array.isArray(json?.results)) {
    await settle(json.results.filter(r => chunk[r.index])
      .map(r => ({entry: chunk[r.index], status: r.status, problem: r.problem, id: r.id})), outcome);
    return true;
  }
  if (status === 0 || status === 401 || status >= 500 || status === 408 || status === 429) return whole(status, outcome);
  // the batch as a whole refused (too large, malformed): each item on its own says which is wrong
  for (const entry of chunk) {
    if (!(await sendOne(entry, csrf, outcome))) return false;
  }
  return true;
}

/** The person's items as a JSON file's text: what a cleared browser would lose, to import again. */
export async function exportText() {
  return JSON.stringify({format: 'phoihop-outbox', version: 1, exportedAt: new Date().toISOString(),
    items: await items()}, null, 2);
}

/** Imports an exported file: items whose key is already here are skipped. Answers {added, skipped}. */
export async function importText(text) {
  const parsed = JSON.parse(text);
  if (parsed?.format !== 'phoihop-outbox' || !Array.isArray(parsed.items)) throw new Error('not an outbox file');
  let added = 0;
  let skipped = 0;
  for (const entry of parsed.items) {
    if (typeof entry?.key !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(entry.key) || typeof entry.body !== 'object') {
      skipped++;
      continue;
    }
    if (await item(entry.key)) {
      skipped++;
      continue;
    }
    const state = entry.state === 'refused' || entry.state === 'conflict' ? entry.state : 'waiting';
    await tx('readwrite', store => store.put({...entry, body: {...entry.body, id: entry.key}, state,
      owner: entry.owner ?? session()?.subject ?? null, attempts: entry.attempts ?? 0,
      enteredAt: entry.enteredAt ?? new Date().toISOString()}));
    added++;
  }
  changed();
  return {added, skipped};
}

/**
 * Starts the outbox with the app: asks for persistent storage, registers the service worker, sends what waits
 * now and whenever the browser is back online.
 */
export function startOutbox() {
  navigator.storage?.persist?.().catch(() => undefined);
  if ('serviceWorker' in navigator) {
    const controlled = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.register('/app/sw.js', {scope: '/', type: 'classic'}).then(async () => {
      if (controlled) return; // everything this page loaded went through the worker already
      const ready = await navigator.serviceWorker.ready;
      // what this page loaded before the worker controlled it (files, the session, programs, units), kept for the
      // next visit without a connection
      const urls = performance.getEntriesByType('resource').map(entry => entry.name);
      ready.active?.postMessage({type: 'cache-shell', urls: [...urls, location.origin + '/app/main.js']});
    }).catch(() => undefined);
  }
  window.addEventListener('online', () => sync());
  sync();
}
