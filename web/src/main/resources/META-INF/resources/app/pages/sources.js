// Where a figure comes from: the activities behind a unit's figure of a program over a period, filterable by
// type and status, paged; each opens to its detail and revision history.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query as q} from '../core/api.js';
import {date, number, t} from '../core/i18n.js';
import {setQuery} from '../core/router.js';
import {problemView} from '../components/ph-problem.js';

export const TYPES = ['PROPAGANDA_SESSION', 'FESTIVAL', 'PATROL', 'MEDIATION', 'TIP_RECEIVED', 'CASE_RESOLVED',
  'SUBJECT_EDUCATED', 'REINTEGRATION', 'RECOGNITION', 'TRAINING', 'MEETING', 'MODEL_LAUNCHED'];
export const STATUSES = ['SUBMITTED', 'AWAITING_CONFIRMATION', 'CONFIRMED', 'REJECTED'];

class SourcesPage extends AppElement {
  static properties = {
    params: {attribute: false},
    query: {attribute: false},
    _program: {state: true},
    _unit: {state: true},
    _items: {state: true},
    _next: {state: true},
    _error: {state: true},
  };

  #loadedFor = null;

  willUpdate(changed) {
    if (!changed.has('params') && !changed.has('query')) return;
    const key = this.params?.id + '?' + this.query?.toString();
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.#load();
  }

  async #load(cursor = null) {
    this._error = null;
    const get = name => this.query?.get(name);
    try {
      if (this._program?.id !== this.params.id) {
        this._program = await api(`/api/v1/programs/${encodeURIComponent(this.params.id)}`);
      }
      const unitId = get('unit');
      if (unitId && this._unit?.id !== unitId) this._unit = await api(`/api/v1/units/${encodeURIComponent(unitId)}`);
      const page = await api('/api/v1/activities' + q({programId: this.params.id, unitId, type: get('type'),
        status: get('status'), from: get('from'), to: get('to'), limit: 20, cursor}));
      this._items = cursor ? [...this._items, ...page.items] : page.items;
      this._next = page.nextCursor;
    } catch (error) {
      this._error = error;
    }
  }

  render() {
    const get = name => this.query?.get(name) ?? '';
    const indicator = this._program?.indicators?.find(i => i.code === get('indicator'));
    const back = `/programs/${encodeURIComponent(this.params?.id ?? '')}` + q({unit: get('unit')});
    return html`
      <p class="crumbs-top"><a href=${back}>${this._program?.title ?? t('program.title')}</a></p>
      <h1>${t('sources.title')}</h1>
      <p class="lead">${t('sources.lead', {indicator: indicator?.name ?? t('sources.allIndicators'),
        unit: this._unit?.name ?? t('sources.wholeProgram'),
        period: get('from') || get('to') ? `${date(get('from') || this._program?.startsOn)} – ${date(get('to') || this._program?.endsOn)}` : t('program.wholePeriod')})}</p>
      <form class="filters" @submit=${e => e.preventDefault()}>
        <label>${t('sources.type')}
          <select name="type" @change=${e => setQuery({type: e.target.value})}>
            <option value="">${t('sources.anyType')}</option>
            ${TYPES.map(type => html`<option value=${type} ?selected=${get('type') === type}>${t('type.' + type)}</option>`)}
          </select></label>
        <label>${t('sources.status')}
          <select name="status" @change=${e => setQuery({status: e.target.value})}>
            <option value="">${t('sources.anyStatus')}</option>
            ${STATUSES.map(s => html`<option value=${s} ?selected=${get('status') === s}>${t('activityStatus.' + s)}</option>`)}
          </select></label>
        <label>${t('program.from')} <input type="date" name="from" .value=${get('from')} @change=${e => setQuery({from: e.target.value})}></label>
        <label>${t('program.to')} <input type="date" name="to" .value=${get('to')} @change=${e => setQuery({to: e.target.value})}></label>
      </form>
      ${problemView(this._error)}
      ${this._items && !this._items.length ? html`<p class="empty">${t('sources.none')}</p>` : nothing}
      <ul class="cards activities">
        ${(this._items ?? []).map(a => html`<li class="card activity" data-activity-id=${a.id}>
          <h2><a href="/activities/${encodeURIComponent(a.id)}">${a.title}</a></h2>
          <p>${date(a.occurredOn)} · ${t('type.' + a.type)} · <span class="status ${a.status}">${t('activityStatus.' + a.status)}</span></p>
          <p class="metrics">${Object.entries(a.metrics ?? {}).map(([code, value]) => html`<span class=${code === get('indicator') ? 'metric chosen' : 'metric'}>
            ${this._program?.indicators?.find(i => i.code === code)?.name ?? code}: <strong>${number(value)}</strong></span>`)}</p>
        </li>`)}
      </ul>
      ${this._next ? html`<button type="button" class="more" @click=${() => this.#load(this._next)}>${t('common.more')}</button>` : nothing}`;
  }
}

customElements.define('ph-sources-page', SourcesPage);
