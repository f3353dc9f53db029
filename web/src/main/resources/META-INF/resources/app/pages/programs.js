// Programs in the person's scope: status, period, issuers; search ignores case and diacritics (the service's q).
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query} from '../core/api.js';
import {date, t} from '../core/i18n.js';
import {setQuery} from '../core/router.js';
import {problemView} from '../components/ph-problem.js';

const STATUSES = ['', 'ACTIVE', 'DRAFT', 'CONCLUDED'];

class ProgramsPage extends AppElement {
  static properties = {
    query: {attribute: false},
    _items: {state: true},
    _next: {state: true},
    _error: {state: true},
    _loading: {state: true},
  };

  #timer = null;
  #loadedFor = null;

  willUpdate(changed) {
    if (changed.has('query')) {
      const key = this.query?.toString() ?? '';
      if (key !== this.#loadedFor) {
        this.#loadedFor = key;
        this.#load();
      }
    }
  }

  async #load(cursor = null) {
    this._loading = true;
    this._error = null;
    try {
      const page = await api('/api/v1/programs' + query({
        q: this.query?.get('q'), status: this.query?.get('status'), limit: 50, cursor}));
      this._items = cursor ? [...(this._items ?? []), ...page.items] : page.items;
      this._next = page.nextCursor;
    } catch (error) {
      this._error = error;
    } finally {
      this._loading = false;
    }
  }

  #search(event) {
    const q = event.target.value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => setQuery({q}, {replace: true}), 250);
  }

  render() {
    const q = this.query?.get('q') ?? '';
    const status = this.query?.get('status') ?? '';
    return html`
      <h1>${t('programs.title')}</h1>
      <form class="filters" role="search" @submit=${e => e.preventDefault()}>
        <label>${t('programs.search')}
          <input type="search" name="q" .value=${q} @input=${this.#search} placeholder=${t('programs.searchHint')}
            autocomplete="off"></label>
        <label>${t('programs.status')}
          <select name="status" @change=${e => setQuery({status: e.target.value})}>
            ${STATUSES.map(s => html`<option value=${s} ?selected=${s === status}>${t(s ? 'status.' + s : 'programs.anyStatus')}</option>`)}
          </select></label>
      </form>
      ${problemView(this._error)}
      ${this._items && !this._items.length ? html`<p class="empty">${t('programs.none')}</p>` : nothing}
      <ul class="cards programs">
        ${(this._items ?? []).map(p => html`
          <li class="card program" data-program-id=${p.id}>
            <h2><a href="/programs/${p.id}">${p.title}</a></h2>
            <p class="code">${p.code} <span class="status ${p.status}">${t('status.' + p.status)}</span></p>
            <dl>
              <dt>${t('programs.period')}</dt><dd>${date(p.startsOn)} – ${date(p.endsOn)}</dd>
              <dt>${t('programs.issuers')}</dt><dd>${(p.issuers ?? []).join('; ') || '–'}</dd>
            </dl>
          </li>`)}
      </ul>
      ${this._next ? html`<button type="button" class="more" @click=${() => this.#load(this._next)}>${t('common.more')}</button>` : nothing}
      ${this._loading ? html`<p class="loading" role="status">${t('common.loading')}</p>` : nothing}`;
  }
}

customElements.define('ph-programs-page', ProgramsPage);
