// The shell: header (person, unit, language, sign-out), navigation, the live badge, the banner when a service
// is down, and the current page below them.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api} from '../core/api.js';
import {appEvents} from '../core/events.js';
import {currentLanguage, t, time, useLanguage} from '../core/i18n.js';
import {live} from '../core/live.js';
import {navigation, onNavigate, resolve} from '../core/router.js';
import {hasRole, session, signOut} from '../core/session.js';

class PhApp extends AppElement {
  static properties = {
    _page: {state: true},
    _down: {state: true},
    _live: {state: true},
    _unitName: {state: true},
  };

  constructor() {
    super();
    this._down = false;
    this._live = live.state;
  }

  connectedCallback() {
    this.replaceChildren(); // index.html's "loading" line, shown while the modules and the session load
    super.connectedCallback();
    this._stopNavigate = onNavigate(() => this.#show());
    appEvents.addEventListener('service-down', () => { this._down = true; });
    appEvents.addEventListener('service-up', () => { this._down = false; });
    live.addEventListener('state', () => { this._live = live.state; });
    live.addEventListener('update', () => this.requestUpdate());
    this.#show();
    this.#loadUnitName();
  }

  /** The person's unit by name: the session gives only its id. */
  async #loadUnitName() {
    const unitId = session()?.unitId;
    if (!unitId) return;
    try {
      this._unitName = (await api(`/api/v1/units/${encodeURIComponent(unitId)}`)).name;
    } catch {
      // the header then shows no unit; the page says what failed
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stopNavigate?.();
  }

  async #show() {
    const {route, params, query} = resolve();
    try {
      await route.load();
    } catch {
      this._down = true;
      return;
    }
    let element = this._page;
    if (!element || element.localName !== route.tag) {
      element = document.createElement(route.tag);
    }
    element.params = params;
    element.query = query;
    this._page = element;
    document.title = `${t(route.title ?? 'app.name')} · ${t('app.name')}`;
    window.scrollTo(0, 0);
  }

  render() {
    const person = session();
    const {route} = resolve();
    return html`
      <a class="skip" href="#main">${t('shell.skip')}</a>
      <header class="top">
        <a class="brand" href="/programs"><img src="/app/icons/logo.svg" alt="" width="28" height="28">
          <span>${t('app.name')}</span></a>
        <div class="person">
          <span class="name">${person?.displayName ?? person?.username ?? ''}</span>
          ${this._unitName ? html`<span class="unit">${this._unitName}</span>` : nothing}
        </div>
        ${this.#badge()}
        <div class="language" role="group" aria-label=${t('shell.language')}>
          ${['vi', 'en'].map(code => html`
            <button type="button" lang=${code} aria-pressed=${currentLanguage() === code ? 'true' : 'false'}
              @click=${() => useLanguage(code)}>${code === 'vi' ? 'Tiếng Việt' : 'English'}</button>`)}
        </div>
        <button type="button" class="sign-out" @click=${() => signOut()}>${t('shell.signOut')}</button>
      </header>
      <nav class="main-nav" aria-label=${t('shell.navigation')}>
        ${navigation().filter(item => !item.roles || hasRole(...item.roles)).map(item => html`
          <a href=${item.path} aria-current=${route?.path === item.path || route?.nav === item.path ? 'page' : nothing}>${t(item.title)}</a>`)}
      </nav>
      ${this._down ? html`<div class="banner" role="alert">${t('shell.serviceDown')}</div>` : nothing}
      <main id="main" tabindex="-1">${this._page ?? html`<p class="loading">${t('common.loading')}</p>`}</main>`;
  }

  #badge() {
    const state = this._live;
    const last = live.lastUpdate ? t('live.lastUpdate', {time: time(live.lastUpdate)}) : '';
    return html`<div class="live-badge ${state}" role="status" aria-live="polite" data-state=${state}>
      <span class="dot" aria-hidden="true"></span><span class="state">${t('live.' + state)}</span>
      <span class="last">${last}</span></div>`;
  }
}

customElements.define('ph-app', PhApp);
