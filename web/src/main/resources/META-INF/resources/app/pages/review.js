// One review: its frozen figures and awards as they were when it was made, to print (app.css's print rules
// give a clean A4 report) or download as XLSX or CSV (the service's exports, through the session cookie).
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api} from '../core/api.js';
import {date, dateTime, number, percent, t} from '../core/i18n.js';
import {problemView} from '../components/ph-problem.js';

class ReviewPage extends AppElement {
  static properties = {
    params: {attribute: false},
    _program: {state: true},
    _review: {state: true},
    _unit: {state: true},
    _error: {state: true},
  };

  #loadedFor = null;

  willUpdate(changed) {
    if (!changed.has('params')) return;
    const key = this.params?.id + '/' + this.params?.rid;
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.#load();
  }

  #base() {
    return `/api/v1/programs/${encodeURIComponent(this.params.id)}/reviews/${encodeURIComponent(this.params.rid)}`;
  }

  async #load() {
    this._error = null;
    try {
      const [program, review] = await Promise.all([api(`/api/v1/programs/${encodeURIComponent(this.params.id)}`),
        api(this.#base())]);
      this._program = program;
      this._review = review;
      this._unit = await api(`/api/v1/units/${encodeURIComponent(review.unitId)}`).catch(() => null);
    } catch (error) {
      this._error = error;
    }
  }

  render() {
    if (this._error) return html`<h1>${t('reviews.review')}</h1>${problemView(this._error)}`;
    const {_program: program, _review: review} = this;
    if (!review) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    const reviewsPath = `/programs/${encodeURIComponent(program.id)}/reviews`;
    return html`<article class="review-report">
      <p class="crumbs-top no-print"><a href=${reviewsPath}>← ${t('reviews.title')}</a></p>
      <p class="program-title">${program.title}</p>
      <h1>${review.title}</h1>
      <dl class="facts">
        <dt>${t('reviews.kindLabel')}</dt><dd>${t('reviews.kind.' + review.kind)}</dd>
        <dt>${t('reviews.period')}</dt><dd class="period">${date(review.periodStart)} – ${date(review.periodEnd)}</dd>
        <dt>${t('reviews.unit')}</dt><dd>${this._unit?.name ?? review.unitId}</dd>
        <dt>${t('reviews.frozenAt')}</dt><dd>${dateTime(review.frozenAt)}</dd>
      </dl>
      <div class="actions no-print">
        <button type="button" class="primary" @click=${() => window.print()}>${t('reviews.print')}</button>
        <a class="button" href=${this.#base() + '.xlsx'} download>${t('reviews.xlsx')}</a>
        <a class="button" href=${this.#base() + '.csv'} download>${t('reviews.csv')}</a>
      </div>
      <h2>${t('reviews.figures')}</h2>
      <div class="table-scroll"><table class="figures">
        <caption class="visually-hidden">${t('reviews.figures')}</caption>
        <thead><tr><th scope="col">${t('program.indicator')}</th><th scope="col" class="num">${t('reviews.actual')}</th>
          <th scope="col" class="num">${t('reviews.target')}</th><th scope="col" class="num">${t('reviews.achieved')}</th></tr></thead>
        <tbody>${(review.progress?.indicators ?? []).map(i => html`<tr data-indicator=${i.code}>
          <th scope="row">${i.name} <span class="code">${i.code}</span></th>
          <td class="num">${number(i.actual)}</td><td class="num">${number(i.target)}</td>
          <td class="num">${percent(i.ratio)}</td></tr>`)}</tbody>
      </table></div>
      <h2>${t('reviews.awards')}</h2>
      ${(review.awards ?? []).length ? html`<div class="table-scroll"><table class="awards">
        <caption class="visually-hidden">${t('reviews.awards')}</caption>
        <thead><tr><th scope="col">${t('reviews.awardForm')}</th><th scope="col">${t('reviews.recipient')}</th>
          <th scope="col">${t('reviews.issuedBy')}</th></tr></thead>
        <tbody>${review.awards.map(a => html`<tr>
          <td>${t('reviews.form.' + a.form)}</td>
          <td>${a.recipientName} (${t('reviews.recipientType.' + a.recipientType)})</td><td>${a.issuedBy}</td></tr>`)}</tbody>
      </table></div>` : html`<p class="empty">${t('reviews.noAwards')}</p>`}
    </article>`;
  }
}

customElements.define('ph-review-page', ReviewPage);
