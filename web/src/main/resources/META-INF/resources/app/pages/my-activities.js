// My activities: what the person's scope logged or co-signs (GET /api/v1/activities), with each one's state as
// people say it, filterable by program, state and date, paged; fetched again when the stream says an activity
// changed, so the logging side sees the other agency's answer without a reload.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query as q} from '../core/api.js';
import {date, t} from '../core/i18n.js';
import {setQuery} from '../core/router.js';
import {problemView} from '../components/ph-problem.js';
import {STATE_FILTERS, figuresView, programOf, refetchOnActivity, stateView} from '../components/ph-activity-bits.js';
import {parseDay} from '../core/days.js';

const PAGE = 20;

class MyActivitiesPage extends AppElement {
  static properties = {
    query: {attribute: false},
    _items: {state: true},
    _next: {state: true},
    _programs: {state: true},
    _choices: {state: true},
    _error: {state: true},
  };

  #loadedFor = null;

  constructor() {
    super();
    this._programs = {};
  }

  connectedCallback() {
    super.connectedCallback();
    // the pages already shown, again: an answer may have moved any of them
    this._stopLive = refetchOnActivity(() => this.#load(null, Math.min(500, Math.max(PAGE, this._items?.length ?? 0))));
    this.#loadChoices();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stopLive?.();
  }

  willUpdate(changed) {
    if (!changed.has('query')) return;
    const key = this.query?.toString() ?? '';
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this._items = null;
    this.#load();
  }

  /** The programs the person may pick from: those they can read. */
  async #loadChoices() {
    try {
      this._choices = (await api('/api/v1/programs?limit=200')).items ?? [];
    } catch {
      this._choices = []; // the filter then offers every program only; the list stands without it
    }
  }

  #filterQuery() {
    const get = name => this.query?.get(name) || null;
    const state = STATE_FILTERS[get('state')] ?? {};
    const text = q({programId: get('program'), awaiting: state.awaiting, corrected: state.corrected,
      from: get('from'), to: get('to')});
    const statuses = (state.status ?? []).map(s => 'status=' + s).join('&');
    return text + (statuses ? (text ? '&' : '?') + statuses : '');
  }

  async #load(cursor = null, limit = PAGE) {
    try {
      const base = this.#filterQuery();
      const page = await api('/api/v1/activities' + base + (base ? '&' : '?') + q({limit, cursor}).slice(1));
      const programs = {...this._programs};
      await Promise.all([...new Set(page.items.map(a => a.programId))].map(async id => {
        programs[id] = await programOf(id);
      }));
      this._programs = programs;
      this._items = cursor ? [...(this._items ?? []), ...page.items] : page.items;
      this._next = page.nextCursor;
      this._error = null;
    } catch (error) {
      this._error = error;
    }
  }

  /** A day typed as dd/MM/yyyy (the way dates are written here, whatever the browser's locale) into the query. */
  #setDay(name, input) {
    const {iso, error} = parseDay(input.value);
    input.setCustomValidity(error ? t('cosign.badDay') : '');
    if (error) {
      input.reportValidity();
      return;
    }
    setQuery({[name]: iso ?? ''});
  }

  render() {
    const get = name => this.query?.get(name) ?? '';
    return html`
      <h1>${t('cosign.mine')}</h1>
      <p class="lead">${t('cosign.mineLead')}</p>
      <form class="filters" @submit=${e => e.preventDefault()}>
        <label>${t('cosign.program')}
          <select name="program" @change=${e => setQuery({program: e.target.value})}>
            <option value="">${t('cosign.anyProgram')}</option>
            ${(this._choices ?? []).map(p => html`<option value=${p.id} ?selected=${get('program') === p.id}>${p.title}</option>`)}
          </select></label>
        <label>${t('cosign.stateLabel')}
          <select name="state" @change=${e => setQuery({state: e.target.value})}>
            <option value="">${t('cosign.anyState')}</option>
            ${Object.keys(STATE_FILTERS).map(s => html`<option value=${s} ?selected=${get('state') === s}>${t('cosign.filter.' + s)}</option>`)}
          </select></label>
        ${['from', 'to'].map(name => html`<label>${t('program.' + name)}
          <input name=${name} class="day" inputmode="numeric" autocomplete="off" placeholder=${t('cosign.dayFormat')}
            aria-describedby="day-format" .value=${get(name) ? date(get(name)) : ''} @change=${e => this.#setDay(name, e.target)}></label>`)}
        <p id="day-format" class="day-format">${t('cosign.dayHint')}</p>
      </form>
      ${problemView(this._error)}
      ${!this._items && !this._error ? html`<p class="loading" role="status">${t('common.loading')}</p>` : nothing}
      ${this._items && !this._items.length ? html`<p class="empty">${t('cosign.mineEmpty')}</p>` : nothing}
      <ul class="cards cosign-list">${(this._items ?? []).map(a => html`
        <li class="card cosign-item" data-activity-id=${a.id}>
          <h2><a href="/activities/${encodeURIComponent(a.id)}">${a.title}</a></h2>
          <p class="cosign-states">${stateView(a)}</p>
          <p>${date(a.occurredOn)} · ${t('type.' + a.type)} · ${this._programs[a.programId]?.title ?? a.programId}</p>
          ${figuresView(a.metrics, this._programs[a.programId])}
        </li>`)}</ul>
      ${this._next ? html`<button type="button" class="more" @click=${() => this.#load(this._next)}>${t('common.more')}</button>` : nothing}`;
  }
}

customElements.define('ph-my-activities-page', MyActivitiesPage);
