// The unit tree as it stood on a date (asOf: before or after the 2025 reform), from the person's own unit down,
// opened level by level; the search ignores case and diacritics (the service's q).
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query} from '../core/api.js';
import {date, t, today} from '../core/i18n.js';
import {setQuery} from '../core/router.js';
import {session} from '../core/session.js';
import {problemView} from '../components/ph-problem.js';

/** A unit's dates and successors, as the tree of that date knows them. */
export function lifespan(unit) {
  const parts = [t('units.since', {date: date(unit.validFrom)})];
  if (unit.validTo) parts.push(t('units.until', {date: date(unit.validTo)}));
  return parts.join(' ');
}

class UnitsPage extends AppElement {
  static properties = {
    query: {attribute: false},
    _roots: {state: true},
    _found: {state: true},
    _open: {state: true},
    _error: {state: true},
  };

  #children = new Map();
  #timer = null;
  #loadedFor = null;

  willUpdate(changed) {
    if (!changed.has('query')) return;
    const key = this.query?.toString() ?? '';
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.#children = new Map();
    this._open = new Set();
    this.#load();
  }

  #asOf() {
    return this.query?.get('asOf') || today();
  }

  async #load() {
    this._error = null;
    this._found = null;
    const q = this.query?.get('q');
    try {
      if (q) {
        this._found = (await api('/api/v1/units' + query({q, asOf: this.#asOf(), limit: 100}))).items;
        return;
      }
      const own = session()?.unitId;
      this._roots = own
        ? [await api(`/api/v1/units/${encodeURIComponent(own)}` + query({asOf: this.#asOf()}))]
        : (await api('/api/v1/units' + query({kind: 'PROVINCE', asOf: this.#asOf(), limit: 100}))).items;
    } catch (error) {
      this._roots = [];
      this._error = error;
    }
  }

  async #toggle(unit) {
    const open = new Set(this._open);
    if (open.has(unit.id)) {
      open.delete(unit.id);
    } else {
      open.add(unit.id);
      if (!this.#children.has(unit.id)) {
        try {
          const page = await api('/api/v1/units' + query({parentId: unit.id, asOf: this.#asOf(), limit: 500}));
          this.#children.set(unit.id, page.items);
        } catch (error) {
          this._error = error;
          return;
        }
      }
    }
    this._open = open;
  }

  #search(event) {
    const q = event.target.value.trim();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => setQuery({q}, {replace: true}), 250);
  }

  #link(unit) {
    const asOf = this.query?.get('asOf');
    return `/units/${encodeURIComponent(unit.id)}` + query({asOf});
  }

  #node(unit, level) {
    const open = this._open?.has(unit.id);
    const children = this.#children.get(unit.id);
    return html`<li class="unit-node" data-unit-id=${unit.id} data-code=${unit.code}>
      <div class="unit-row">
        <button type="button" class="toggle" aria-expanded=${open ? 'true' : 'false'}
          aria-label=${t(open ? 'units.collapse' : 'units.expand', {name: unit.name})}
          @click=${() => this.#toggle(unit)}>${open ? '−' : '+'}</button>
        <a href=${this.#link(unit)}>${unit.name}</a>
        <span class="unit-meta">${unit.code} · ${t('units.kind.' + unit.kind)}</span>
        ${unit.validTo ? html`<span class="status SUSPENDED">${lifespan(unit)}</span>` : nothing}
      </div>
      ${open && children ? html`${children.length
        ? html`<ul class="unit-tree">${children.map(child => this.#node(child, level + 1))}</ul>`
        : html`<p class="empty">${t('units.noChildren')}</p>`}` : nothing}
    </li>`;
  }

  render() {
    const q = this.query?.get('q') ?? '';
    const asOf = this.query?.get('asOf') ?? '';
    return html`
      <h1>${t('units.title')}</h1>
      <form class="filters" role="search" @submit=${e => e.preventDefault()}>
        <label>${t('units.search')}
          <input type="search" name="q" .value=${q} @input=${this.#search} placeholder=${t('units.searchHint')}
            autocomplete="off"></label>
        <label>${t('units.asOf')}
          <input type="date" name="asOf" .value=${asOf} max="9999-12-31"
            @change=${e => setQuery({asOf: e.target.value})}></label>
      </form>
      <p class="as-of-note">${t('units.showing', {date: date(this.#asOf())})}</p>
      ${problemView(this._error)}
      ${this._found ? html`
        <h2>${t('units.results', {q})}</h2>
        ${this._found.length ? html`<ul class="unit-list">${this._found.map(unit => html`
          <li data-unit-id=${unit.id}><a href=${this.#link(unit)}>${unit.name}</a>
            <span class="unit-meta">${unit.code} · ${t('units.kind.' + unit.kind)}</span></li>`)}</ul>`
          : html`<p class="empty">${t('units.none')}</p>`}`
        : html`<ul class="unit-tree root">${(this._roots ?? []).map(unit => this.#node(unit, 0))}</ul>`}`;
  }
}

customElements.define('ph-units-page', UnitsPage);
