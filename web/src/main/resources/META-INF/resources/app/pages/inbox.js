// The co-signing inbox: the joint activities awaiting the person's agency (GET /api/v1/activities?inbox=true),
// newest first, fetched again when the stream says an activity changed. Confirm, or reject with a reason that
// cannot be blank; the item then leaves the list.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api} from '../core/api.js';
import {date, dateTime, t} from '../core/i18n.js';
import {session} from '../core/session.js';
import {problemView} from '../components/ph-problem.js';
import {figuresView, programOf, refetchOnActivity, who} from '../components/ph-activity-bits.js';

const PAGE = 100;

class InboxPage extends AppElement {
  static properties = {
    _items: {state: true},
    _names: {state: true},
    _programs: {state: true},
    _error: {state: true},
    _rejecting: {state: true},
    _busy: {state: true},
    _itemError: {state: true},
    _done: {state: true},
  };

  constructor() {
    super();
    this._names = {};
    this._programs = {};
    this._itemError = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this._stopLive = refetchOnActivity(() => this.#load());
    this.#load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stopLive?.();
  }

  async #load() {
    try {
      const page = await api(`/api/v1/activities?inbox=true&limit=${PAGE}`);
      const programs = {...this._programs};
      await Promise.all([...new Set(page.items.map(a => a.programId))].map(async id => {
        programs[id] = await programOf(id);
      }));
      this._programs = programs;
      this._names = {...this._names, ...(page.unitNames ?? {})};
      this._items = page.items;
      this._more = Boolean(page.nextCursor);
      this._error = null;
    } catch (error) {
      this._error = error;
    }
  }

  #name(id) {
    return this._names[id] ?? id;
  }

  async #answer(activity, verb, body) {
    this._busy = activity.id;
    this._itemError = {...this._itemError, [activity.id]: null};
    try {
      await api(`/api/v1/activities/${encodeURIComponent(activity.id)}/${verb}`, {method: 'POST',
        body: {...body, expectedRevision: activity.revision}, headers: {'Idempotency-Key': crypto.randomUUID()}});
      this._items = this._items.filter(a => a.id !== activity.id);
      this._rejecting = null;
      this._done = t(verb === 'confirm' ? 'cosign.confirmedNote' : 'cosign.rejectedNote', {title: activity.title});
    } catch (error) {
      this._itemError = {...this._itemError, [activity.id]: error};
      if (error.status === 409 || error.status === 404) this.#load();
    } finally {
      this._busy = null;
    }
  }

  #reject(event, activity) {
    event.preventDefault();
    const field = event.target.elements.reason;
    // a reason of spaces is no reason: refused here, as the service refuses it
    field.setCustomValidity(field.value.trim() ? '' : t('cosign.reasonRequired'));
    if (!event.target.reportValidity()) return;
    this.#answer(activity, 'reject', {reason: field.value.trim()});
  }

  render() {
    const person = session();
    return html`
      <h1>${t('cosign.inbox')}</h1>
      <p class="lead">${person?.agency ? t('cosign.inboxLead', {agency: t('agency.' + person.agency)}) : t('cosign.noAgency')}</p>
      <p class="cosign-done" role="status">${this._done ?? ''}</p>
      ${problemView(this._error)}
      ${!this._items ? html`<p class="loading" role="status">${t('common.loading')}</p>` : nothing}
      ${this._items && !this._items.length ? html`<p class="empty">${t('cosign.inboxEmpty')}</p>` : nothing}
      <ul class="cards cosign-list">${(this._items ?? []).map(a => this.#item(a))}</ul>
      ${this._more ? html`<p class="cosign-more">${t('cosign.inboxMore', {n: PAGE})}</p>` : nothing}`;
  }

  #item(a) {
    const program = this._programs[a.programId];
    const busy = this._busy === a.id;
    return html`<li class="card cosign-item" data-activity-id=${a.id}>
      <h2><a href="/activities/${encodeURIComponent(a.id)}">${a.title}</a></h2>
      <dl>
        <dt>${t('cosign.program')}</dt><dd>${program?.title ?? a.programId}</dd>
        <dt>${t('activity.date')}</dt><dd>${date(a.occurredOn)} · ${t('type.' + a.type)}</dd>
        <dt>${t('cosign.loggedBy')}</dt><dd>${who(a.createdBy)} · ${this.#name(a.unitId)} · ${dateTime(a.createdAt)}</dd>
        <dt>${t('activity.coUnits')}</dt><dd>${(a.coUnits ?? []).map(c => this.#name(c.unitId)).join('; ')}</dd>
        ${a.revision > 1 ? html`<dt>${t('activity.revision')}</dt><dd>${a.revision}</dd>` : nothing}
      </dl>
      ${figuresView(a.metrics, program)}
      ${problemView(this._itemError[a.id])}
      ${this._rejecting === a.id ? html`
        <form class="stacked reject-form" novalidate @submit=${e => this.#reject(e, a)}>
          <label>${t('cosign.reason')}<textarea name="reason" required maxlength="1000" rows="3"
            @input=${e => e.target.setCustomValidity('')}></textarea></label>
          <div class="actions">
            <button type="submit" class="danger" ?disabled=${busy}>${t('cosign.sendReject')}</button>
            <button type="button" @click=${() => { this._rejecting = null; }}>${t('cosign.cancel')}</button>
          </div>
        </form>` : html`
        <div class="actions">
          <button type="button" class="primary confirm" ?disabled=${busy}
            @click=${() => this.#answer(a, 'confirm', {})}>${t('cosign.confirm')}</button>
          <button type="button" class="danger reject" ?disabled=${busy}
            @click=${() => { this._rejecting = a.id; }}>${t('cosign.reject')}</button>
        </div>`}
    </li>`;
  }
}

customElements.define('ph-inbox-page', InboxPage);
