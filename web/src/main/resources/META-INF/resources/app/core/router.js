// The app's pages by path, with the History API: the gateway answers index.html for every page path, and
// this router picks the page. A page module is loaded when first visited (charts only where they are drawn).
const routes = [];
const listeners = new Set();

/**
 * Declares a page: path with :parameters ('/programs/:id'), the custom element that renders it, the module that
 * defines it, and the key of its title in the catalogues (for the navigation and the document title); `roles`: the
 * navigation shows it only to a person holding one of them (the services still decide); `when`: and only while it
 * answers true (asked at each render, once the session is known).
 */
export function page(path, tag, load, {title, nav = false, roles = null, when = null} = {}) {
  const names = [];
  // '*' is the page of every path no other page has: resolve() falls back to it
  const pattern = path === '*' ? /(?!)/ : new RegExp('^' + path.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  }) + '/?$');
  routes.push({path, tag, load, title, nav, roles, when, pattern, names});
}

export function navigation() {
  return routes.filter(route => route.nav && (!route.when || route.when()));
}

/** The page of the current location: its route, its path parameters and its query. */
export function resolve(location = window.location) {
  for (const route of routes) {
    const match = route.pattern.exec(location.pathname);
    if (match) {
      const params = {};
      route.names.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1]); });
      return {route, params, query: new URLSearchParams(location.search)};
    }
  }
  return {route: routes.find(route => route.path === '*'), params: {}, query: new URLSearchParams(location.search)};
}

export function navigate(url, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  listeners.forEach(listener => listener());
}

/** Changes the query of the current page (a period, a unit, a filter) without a new history entry per change. */
export function setQuery(changes, {replace = false} = {}) {
  const search = new URLSearchParams(location.search);
  Object.entries(changes).forEach(([name, value]) => {
    if (value === null || value === undefined || value === '') search.delete(name); else search.set(name, value);
  });
  const text = search.toString();
  navigate(location.pathname + (text ? '?' + text : ''), {replace});
}

export function onNavigate(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Links inside the app navigate without a reload; sign-in, the API and new tabs are left to the browser.
document.addEventListener('click', event => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.composedPath().find(node => node instanceof HTMLAnchorElement);
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  if (/^\/(auth|api|webjars|app|swagger-ui|v3)(\/|$)/.test(link.pathname)) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
window.addEventListener('popstate', () => listeners.forEach(listener => listener()));
