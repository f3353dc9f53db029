// Every call to the API: the session cookie, the CSRF token on writes, problems (RFC 9457) as errors whose
// detail the page shows in place; a 401 sends the person to sign in and back; a 502-504 or no answer raises
// the shell's banner until a call succeeds again.
import {announce} from './events.js';
import {session, signIn} from './session.js';

export class Problem extends Error {
  constructor(status, body = {}) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.type = body.type ?? '';
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = body.errors ?? [];
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function api(path, {method = 'GET', body, headers = {}, signal} = {}) {
  const init = {method, signal, credentials: 'same-origin', headers: {Accept: 'application/json', ...headers}};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (WRITES.has(method)) {
    init.headers['X-CSRF-Token'] = session()?.csrfToken ?? '';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    announce('service-down', {});
    throw new Problem(0, {});
  }
  if (response.status === 401) {
    signIn();
    throw new Problem(401, await problemOf(response));
  }
  if (response.status >= 502 && response.status <= 504) {
    announce('service-down', {status: response.status});
    throw new Problem(response.status, await problemOf(response));
  }
  announce('service-up', {});
  if (!response.ok) {
    throw new Problem(response.status, await problemOf(response));
  }
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  try { return await response.json(); } catch { return {}; }
}

/** A query string of the given parameters, leaving out the empty ones. */
export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  });
  const text = search.toString();
  return text ? '?' + text : '';
}
