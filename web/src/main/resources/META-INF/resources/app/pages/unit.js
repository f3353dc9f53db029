// One unit as it stood on a date: where it sits, what it became after a merger, its units below, and its members
// with phone and national id masked. Reading them in full needs pii:read and a stated purpose, which the
// service records in its audit log; the purpose is sent percent-encoded (HTTP headers are not UTF-8).
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query} from '../core/api.js';
import {date, t} from '../core/i18n.js';
import {hasPermission} from '../core/session.js';
import {problemView} from '../components/ph-problem.js';
import {lifespan} from './units.js';

class UnitPage extends AppElement {
  static properties = {
    params: {attribute: false},
    query: {attribute: false},
    _unit: {state: true},
    _trail: {state: true},
    _successors: {state: true},
    _children: {state: true},
    _members: {state: true},
    _unmasked: {state: true},
    _error: {state: true},
    _membersError: {state: true},
  };

  #loadedFor = null;

  willUpdate(changed) {
    if (!changed.has('params') && !changed.has('query')) return;
    const key = (this.params?.id ?? '') + '?' + (this.query?.toString() ?? '');
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.#load();
  }

  #asOf() {
    return this.query?.get('asOf') || null;
  }

  async #load() {
    const id = encodeURIComponent(this.params.id);
    const asOf = this.#asOf();
    this._error = null;
    this._unit = null;
    this._unmasked = false;
    try {
      this._unit = await api(`/api/v1/units/${id}` + query({asOf}));
    } catch (error) {
      this._error = error;
      return;
    }
    // ancestors and successors outside the person's scope are left out rather than failing the page
    const quietly = unitId => api(`/api/v1/units/${encodeURIComponent(unitId)}` + query({asOf})).catch(() => null);
    const [trail, successors, children] = await Promise.all([
      Promise.all((this._unit.ancestorIds ?? []).map(quietly)),
      Promise.all((this._unit.successorIds ?? []).map(unitId => api(`/api/v1/units/${encodeURIComponent(unitId)}`).catch(() => null))),
      api('/api/v1/units' + query({parentId: this.params.id, asOf, limit: 500})).then(page => page.items).catch(() => []),
    ]);
    this._trail = trail.filter(Boolean);
    this._successors = successors.filter(Boolean);
    this._children = children;
    await this.#members(null);
  }

  async #members(purpose) {
    this._membersError = null;
    try {
      const headers = purpose ? {'X-Purpose': encodeURIComponent(purpose)} : {};
      const page = await api(`/api/v1/units/${encodeURIComponent(this.params.id)}/members?limit=200`, {headers});
      this._members = page.items;
      this._unmasked = Boolean(purpose);
    } catch (error) {
      this._members = [];
      this._membersError = error;
    }
  }

  #unmask(event) {
    event.preventDefault();
    const input = event.target.elements.purpose;
    const purpose = input.value.trim();
    if (!purpose) {
      input.setCustomValidity(t('units.purposeRequired'));
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    this.#members(purpose);
  }

  #link(unit) {
    return `/units/${encodeURIComponent(unit.id)}` + query({asOf: this.#asOf()});
  }

  render() {
    if (this._error) return html`<h1>${t('units.unit')}</h1>${problemView(this._error)}`;
    const unit = this._unit;
    if (!unit) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    return html`
      <nav class="breadcrumb" aria-label=${t('units.trail')}><ol>
        <li><a href=${'/units' + query({asOf: this.#asOf()})}>${t('units.title')}</a></li>
        ${(this._trail ?? []).map(a => html`<li><a href=${this.#link(a)}>${a.name}</a></li>`)}
        <li aria-current="page">${unit.name}</li></ol></nav>
      <h1>${unit.name}</h1>
      <dl class="facts">
        <dt>${t('units.code')}</dt><dd>${unit.code}</dd>
        <dt>${t('units.kindLabel')}</dt><dd>${t('units.kind.' + unit.kind)}</dd>
        <dt>${t('units.valid')}</dt><dd>${lifespan(unit)}</dd>
        ${this.#asOf() ? html`<dt>${t('units.asOf')}</dt><dd>${date(this.#asOf())}</dd>` : nothing}
      </dl>
      ${(this._successors ?? []).length ? html`<p class="merged" role="note">${t('units.mergedInto')}
        ${this._successors.map((s, i) => html`${i ? ', ' : ''}<a href="/units/${encodeURIComponent(s.id)}">${s.name}</a>`)}</p>` : nothing}
      ${(this._children ?? []).length ? html`
        <h2>${t('units.children')}</h2>
        <ul class="unit-list">${this._children.map(c => html`<li data-unit-id=${c.id}><a href=${this.#link(c)}>${c.name}</a>
          <span class="unit-meta">${c.code} · ${t('units.kind.' + c.kind)}</span></li>`)}</ul>` : nothing}
      ${this.#membersView()}`;
  }

  #membersView() {
    const members = this._members ?? [];
    const heads = [t('units.memberName'), t('units.memberRole'), t('units.phone'), t('units.nationalId'),
      t('units.joined')];
    return html`
      <h2 id="members">${t('units.members')}</h2>
      ${this._unmasked ? html`<p class="pii-note" role="status">${t('units.unmasked')}</p>`
        : html`<p class="pii-note">${t('units.masked')}</p>`}
      ${hasPermission('pii:read') && !this._unmasked ? html`
        <form class="filters unmask" @submit=${this.#unmask} novalidate>
          <label>${t('units.purpose')}
            <input name="purpose" required maxlength="200" autocomplete="off" placeholder=${t('units.purposeHint')}
              @input=${e => e.target.setCustomValidity('')}></label>
          <button type="submit">${t('units.unmask')}</button>
        </form>` : nothing}
      ${problemView(this._membersError)}
      ${this._members && !members.length && !this._membersError ? html`<p class="empty">${t('units.noMembers')}</p>` : nothing}
      ${members.length ? html`<div class="table-scroll"><table class="members cards">
        <caption class="visually-hidden">${t('units.members')}</caption>
        <thead><tr>${heads.map(head => html`<th scope="col">${head}</th>`)}</tr></thead>
        <tbody>${members.map(m => html`<tr data-member-id=${m.id}>
          <td data-label=${heads[0]}>${m.fullName ?? t('units.erased')}</td>
          <td data-label=${heads[1]}>${t('units.role.' + m.role)}</td>
          <td data-label=${heads[2]} class="pii">${m.phone ?? '–'}</td>
          <td data-label=${heads[3]} class="pii">${m.nationalId ?? '–'}</td>
          <td data-label=${heads[4]}>${date(m.joinedOn)}${m.leftOn ? ' – ' + date(m.leftOn) : ''}</td></tr>`)}</tbody>
      </table></div>` : nothing}`;
  }
}

customElements.define('ph-unit-page', UnitPage);
