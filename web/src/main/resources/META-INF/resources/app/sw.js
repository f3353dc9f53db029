// The app's service worker (scope /, which the gateway allows by Service-Worker-Allowed): the app opens without a
// connection after a first visit. Two caches:
// - the shell: the index, the app's modules, styles, catalogues and the WebJars it imports. Served from the cache
//   and refreshed behind (stale-while-revalidate), so a phone downloads nothing it has; a new release shows on the
//   load after the one that fetched it. Versioned WebJar paths never change: cache first.
// - the reference data the activity form needs: the session, the person's programs with their indicators, their
//   unit and its units. Network first, the cached answer only when there is no network. Emptied on sign-out.
// Writes are never touched: the outbox (core/outbox.js) keeps what could not be sent.
const SHELL = 'phoihop-shell-v1';
const DATA = 'phoihop-data-v1';

// what the activity form needs even if the person went offline before opening it
const PRECACHE = ['/', '/app/main.js', '/app/app.css', '/app/manifest.webmanifest', '/app/icons/logo.svg',
  '/app/icons/app.svg', '/app/i18n/vi.json', '/app/i18n/en.json', '/app/core/api.js', '/app/core/element.js',
  '/app/core/events.js', '/app/core/i18n.js', '/app/core/live.js', '/app/core/router.js', '/app/core/session.js',
  '/app/core/outbox.js', '/app/core/periods.js', '/app/components/ph-app.js', '/app/components/ph-problem.js',
  '/app/pages/log-activity.js', '/app/pages/not-found.js'];

// paths that are never a page of the app (gateway web/AppPaths.NOT_PAGES): sign-in, the API, auth-server, and
// the API docs' entry page, which the gateway redirects
const NOT_PAGES = /^\/(api|auth|app|webjars|actuator|v3|swagger-ui|oauth2|\.well-known|login|logout|error)(\/|$)|^\/swagger-ui\.html$/;

// the reference data: GETs only, never members (personal data) nor lists of activities
const DATA_PATHS = [/^\/auth\/session$/, /^\/api\/v1\/programs$/, /^\/api\/v1\/programs\/[\w-]+$/,
  /^\/api\/v1\/units\/[\w-]+$/, /^\/api\/v1\/units$/];

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await Promise.all(PRECACHE.map(path => cache.add(path).catch(() => undefined)));
    // the WebJars the index names, at the versions it pins
    const index = await cache.match('/');
    if (index) await cacheAll(cache, webJarsOf(await index.text()));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    const kept = new Set([SHELL, DATA]);
    await Promise.all((await caches.keys()).filter(name => name.startsWith('phoihop-') && !kept.has(name))
      .map(name => caches.delete(name)));
    await self.clients.claim();
  })());
});

// The page names what it loaded before this worker controlled it (its first visit): its files and the reference
// data it read are kept for the next visit, offline.
self.addEventListener('message', event => {
  if (event.data?.type === 'cache-shell' && Array.isArray(event.data.urls)) {
    const urls = event.data.urls.map(url => new URL(url, self.location.origin))
      .filter(url => url.origin === self.location.origin);
    const files = urls.filter(url => /^\/(app|webjars)\//.test(url.pathname)).map(url => url.pathname);
    const data = urls.filter(url => DATA_PATHS.some(path => path.test(url.pathname))).map(url => url.href);
    event.waitUntil(Promise.all([
      caches.open(SHELL).then(cache => cacheAll(cache, files)),
      caches.open(DATA).then(cache => Promise.all([...new Set(data)].map(async url => {
        const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
          .catch(() => null);
        if (response?.ok) await cache.put(url, response);
      })))]));
  }
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/auth/sign-out') {
    event.waitUntil(caches.delete(DATA));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    if (!NOT_PAGES.test(url.pathname)) event.respondWith(staleWhileRevalidate(event, '/'));
    return;
  }
  if (/^\/webjars\/[^/]+\/\d[^/]*\//.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (/^\/(app|webjars)\//.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event, url.pathname));
  } else if (DATA_PATHS.some(path => path.test(url.pathname))) {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}

function staleWhileRevalidate(event, key) {
  const fresh = (async () => {
    const response = await fetch(event.request.mode === 'navigate' ? key : event.request);
    if (response.ok) await (await caches.open(SHELL)).put(key, response.clone());
    return response;
  })();
  return (async () => {
    const cached = await (await caches.open(SHELL)).match(key);
    if (cached) {
      event.waitUntil(fresh.catch(() => undefined));
      return cached;
    }
    return fresh;
  })();
}

async function networkFirst(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (offline) {
    const cached = await cache.match(request.url);
    if (cached) return cached;
    throw offline;
  }
}

function webJarsOf(html) {
  return [...html.matchAll(/"(\/webjars\/[^"]+\.js)"/g)].map(match => match[1]);
}

async function cacheAll(cache, paths) {
  await Promise.all([...new Set(paths)].map(async path => {
    if (!(await cache.match(path))) await cache.add(path).catch(() => undefined);
  }));
}
