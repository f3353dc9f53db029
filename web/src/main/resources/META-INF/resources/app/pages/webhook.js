// One webhook (ADMIN): what it sends where, and its deliveries with their attempts; a failed or given-up
// delivery can be sent again.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query} from '../core/api.js';
import {dateTime, t} from '../core/i18n.js';
import {hasRole} from '../core/session.js';
import {problemView} from '../components/ph-problem.js';

class WebhookPage extends AppElement {
  static properties = {
    params: {attribute: false},
    _webhook: {state: true},
    _deliveries: {state: true},
    _next: {state: true},
    _error: {state: true},
  };

  #loadedFor = null;

  willUpdate(changed) {
    if (!changed.has('params') || this.params?.id === this.#loadedFor || !hasRole('ADMIN')) return;
    this.#loadedFor = this.params.id;
    this.#load();
  }

  #path() {
    return `/api/v1/webhooks/${encodeURIComponent(this.params.id)}`;
  }

  async #load(cursor = null) {
    this._error = null;
    try {
      if (!cursor) this._webhook = await api(this.#path());
      const page = await api(this.#path() + '/deliveries' + query({limit: 50, cursor}));
      this._deliveries = cursor ? [...(this._deliveries ?? []), ...page.items] : page.items;
      this._next = page.nextCursor;
    } catch (error) {
      this._error = error;
    }
  }

  async #redeliver(delivery) {
    try {
      await api(`${this.#path()}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, {method: 'POST'});
      await this.#load();
    } catch (error) {
      this._error = error;
    }
  }

  render() {
    if (!hasRole('ADMIN')) {
      return html`<h1>${t('admin.webhook')}</h1><div class="problem" role="alert"><p>${t('problem.status.403')}</p></div>`;
    }
    const webhook = this._webhook;
    const deliveries = this._deliveries ?? [];
    return html`
      <p class="crumbs-top"><a href="/admin?tab=webhooks">← ${t('admin.webhooks')}</a></p>
      <h1>${t('admin.webhook')}</h1>
      ${problemView(this._error)}
      ${webhook ? html`<dl class="facts">
        <dt>${t('admin.url')}</dt><dd>${webhook.url}</dd>
        <dt>${t('admin.eventTypes')}</dt><dd>${(webhook.eventTypes ?? []).join(', ')}</dd>
        <dt>${t('admin.owner')}</dt><dd>${webhook.owner}</dd>
        <dt>${t('admin.created')}</dt><dd>${dateTime(webhook.createdAt)}</dd></dl>` : nothing}
      <h2>${t('admin.deliveries')}</h2>
      ${this._deliveries && !deliveries.length ? html`<p class="empty">${t('admin.noDeliveries')}</p>` : nothing}
      ${deliveries.length ? html`<div class="table-scroll"><table class="deliveries">
        <caption class="visually-hidden">${t('admin.deliveries')}</caption>
        <thead><tr><th scope="col">${t('admin.eventType')}</th><th scope="col">${t('admin.status')}</th>
          <th scope="col" class="num">${t('admin.attempts')}</th><th scope="col">${t('admin.created')}</th>
          <th scope="col"><span class="visually-hidden">${t('admin.actions')}</span></th></tr></thead>
        <tbody>${deliveries.map(d => html`<tr data-id=${d.id}>
          <td>${d.eventType}</td><td>${t('admin.delivery.' + d.status)}</td>
          <td class="num">${(d.attempts ?? []).length}</td><td>${dateTime(d.createdAt)}</td>
          <td>${d.status === 'DELIVERED' ? nothing : html`<button type="button" @click=${() => this.#redeliver(d)}>
            ${t('admin.redeliver')}</button>`}</td></tr>`)}</tbody></table></div>` : nothing}
      ${this._next ? html`<button type="button" class="more" @click=${() => this.#load(this._next)}>${t('common.more')}</button>` : nothing}`;
  }
}

customElements.define('ph-webhook-page', WebhookPage);
