// A program's reviews (sơ kết / tổng kết): the ones made so far, and a form to freeze a new one for a unit and
// period (ADMIN and PROGRAM_MANAGER; the service checks the unit against the person's scope).
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query} from '../core/api.js';
import {date, dateTime, t} from '../core/i18n.js';
import {navigate} from '../core/router.js';
import {hasRole, session} from '../core/session.js';
import {unitsById} from '../core/units.js';
import {problemView} from '../components/ph-problem.js';

export const REVIEW_KINDS = ['INTERIM', 'ANNUAL', 'FINAL'];

class ReviewsPage extends AppElement {
  static properties = {
    params: {attribute: false},
    _program: {state: true},
    _reviews: {state: true},
    _units: {state: true},
    _error: {state: true},
    _createError: {state: true},
    _busy: {state: true},
  };

  #loadedFor = null;

  willUpdate(changed) {
    if (!changed.has('params') || this.params?.id === this.#loadedFor) return;
    this.#loadedFor = this.params.id;
    this.#load();
  }

  async #load() {
    const id = encodeURIComponent(this.params.id);
    this._error = null;
    try {
      const [program, reviews] = await Promise.all([api(`/api/v1/programs/${id}`),
        api(`/api/v1/programs/${id}/reviews?limit=100`)]);
      this._program = program;
      this._reviews = reviews.items;
    } catch (error) {
      this._error = error;
      return;
    }
    if (hasRole('ADMIN', 'PROGRAM_MANAGER')) this._units = await this.#reviewableUnits();
  }

  /** The units a review may be for, by name: the person's own (or the program's scope) and the units below it. */
  async #reviewableUnits() {
    const own = session()?.unitId ?? this._program.scopeUnitId;
    const [units, children] = await Promise.all([unitsById([own]),
      api('/api/v1/units' + query({parentId: own, limit: 500})).then(page => page.items).catch(() => [])]);
    const below = [...children].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return [units.get(own) ?? {id: own, name: own}, ...below];
  }

  async #create(event) {
    event.preventDefault();
    const form = event.target;
    if (!form.reportValidity()) return;
    const data = Object.fromEntries(new FormData(form));
    this._busy = true;
    this._createError = null;
    try {
      const review = await api(`/api/v1/programs/${encodeURIComponent(this.params.id)}/reviews`, {method: 'POST',
        body: {kind: data.kind, unitId: data.unitId.trim(), periodStart: data.periodStart, periodEnd: data.periodEnd,
          title: data.title.trim()}});
      navigate(`/programs/${encodeURIComponent(this.params.id)}/reviews/${encodeURIComponent(review.id)}`);
    } catch (error) {
      this._createError = error;
    } finally {
      this._busy = false;
    }
  }

  render() {
    const program = this._program;
    if (this._error) return html`<h1>${t('reviews.title')}</h1>${problemView(this._error)}`;
    if (!program) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    const reviews = this._reviews ?? [];
    return html`
      <p class="crumbs-top"><a href="/programs/${encodeURIComponent(program.id)}">← ${program.title}</a></p>
      <h1>${t('reviews.title')}</h1>
      ${reviews.length ? html`<div class="table-scroll"><table class="reviews">
        <caption class="visually-hidden">${t('reviews.title')}</caption>
        <thead><tr><th scope="col">${t('reviews.reviewTitle')}</th><th scope="col">${t('reviews.kindLabel')}</th>
          <th scope="col">${t('reviews.period')}</th><th scope="col">${t('reviews.frozenAt')}</th></tr></thead>
        <tbody>${reviews.map(r => html`<tr data-review-id=${r.id}>
          <td><a href="/programs/${encodeURIComponent(program.id)}/reviews/${encodeURIComponent(r.id)}">${r.title}</a></td>
          <td>${t('reviews.kind.' + r.kind)}</td><td>${date(r.periodStart)} – ${date(r.periodEnd)}</td>
          <td>${dateTime(r.frozenAt)}</td></tr>`)}</tbody></table></div>`
        : html`<p class="empty">${t('reviews.none')}</p>`}
      ${hasRole('ADMIN', 'PROGRAM_MANAGER') ? this.#form(program) : nothing}`;
  }

  #form(program) {
    return html`
      <h2>${t('reviews.create')}</h2>
      <p>${t('reviews.createLead')}</p>
      <form class="stacked review-form" @submit=${this.#create}>
        <label>${t('reviews.reviewTitle')}<input name="title" required maxlength="300" autocomplete="off"></label>
        <label>${t('reviews.kindLabel')}<select name="kind">
          ${REVIEW_KINDS.map(kind => html`<option value=${kind}>${t('reviews.kind.' + kind)}</option>`)}</select></label>
        <label>${t('reviews.unit')}<select name="unitId" required>
          ${(this._units ?? []).map(unit => html`<option value=${unit.id}>${unit.name}</option>`)}</select></label>
        <label>${t('reviews.from')}<input type="date" name="periodStart" required .value=${program.startsOn}></label>
        <label>${t('reviews.to')}<input type="date" name="periodEnd" required .value=${program.endsOn}></label>
        ${problemView(this._createError)}
        <button type="submit" class="primary" ?disabled=${this._busy}>${t('reviews.freeze')}</button>
      </form>`;
  }
}

customElements.define('ph-reviews-page', ReviewsPage);
