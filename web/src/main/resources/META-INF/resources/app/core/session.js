// The signed-in person, as the gateway's session says (GET /auth/session): name, roles, agency, unit scope,
// permissions and the CSRF token every write sends.
import {announce} from './events.js';

let current = null;

export function session() {
  return current;
}

/** Where sign-in starts, coming back to the page the person is on. */
export function signIn() {
  const back = location.pathname + location.search;
  location.assign('/auth/sign-in?return=' + encodeURIComponent(back));
}

/** Loads the session; without one the browser goes to sign in and this never resolves. */
export async function loadSession() {
  let response;
  try {
    response = await fetch('/auth/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  } catch {
    announce('service-down', {});
    throw new Error('no answer from the gateway');
  }
  if (response.status === 401) {
    signIn();
    return new Promise(() => {});
  }
  if (!response.ok) {
    announce('service-down', {status: response.status});
    throw new Error('session ' + response.status);
  }
  current = await response.json();
  return current;
}

export function hasRole(...roles) {
  return (current?.roles ?? []).some(role => roles.includes(role));
}

export function hasPermission(permission) {
  return (current?.permissions ?? []).includes(permission);
}

export async function signOut() {
  const response = await fetch('/auth/sign-out', {
    method: 'POST', credentials: 'same-origin',
    headers: {Accept: 'application/json', 'X-CSRF-Token': current?.csrfToken ?? ''},
  });
  const body = response.ok ? await response.json() : {};
  location.href = body.signOutUrl || '/';
}
