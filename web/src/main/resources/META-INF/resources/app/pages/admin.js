// Administration (role ADMIN; the navigation hides it from others and the services refuse them anyway): API
// clients, users, webhooks. A created client's secret, user's password or webhook's signing secret is shown
// once, here, and never again.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query} from '../core/api.js';
import {dateTime, t} from '../core/i18n.js';
import {setQuery} from '../core/router.js';
import {hasRole, session} from '../core/session.js';
import {unitsById} from '../core/units.js';
import {problemView} from '../components/ph-problem.js';

const TABS = ['clients', 'users', 'webhooks'];
export const ROLES = ['ADMIN', 'PROGRAM_MANAGER', 'UNIT_OFFICER', 'VIEWER', 'PARTNER'];
const AGENCIES = ['POLICE', 'FRONT', 'OTHER'];

/** A comma- or space-separated field as a list, without empty items. */
export function list(text) {
  return (text ?? '').split(/[\s,]+/).map(item => item.trim()).filter(Boolean);
}

/** What each tab lists, creates and deletes; `key` is an item's id. */
const KINDS = {
  clients: {path: '/api/v1/clients', key: item => item.clientId, name: item => item.name,
    body: data => ({name: data.name.trim(), roles: data.roles, unitId: data.unitId.trim() || null,
      agency: data.agency, permissions: list(data.permissions)}),
    secret: created => ({label: 'admin.clientSecret', id: created.clientId, value: created.clientSecret})},
  users: {path: '/api/v1/users', key: item => item.id, name: item => `${item.displayName ?? ''} (${item.username})`,
    body: data => ({username: data.username.trim(), displayName: data.name.trim(), roles: data.roles,
      unitId: data.unitId.trim() || null, agency: data.agency, permissions: list(data.permissions)}),
    secret: created => ({label: 'admin.password', id: created.username, value: created.password})},
  webhooks: {path: '/api/v1/webhooks', key: item => item.id, name: item => item.url,
    body: data => ({url: data.url.trim(), eventTypes: list(data.eventTypes), programId: data.programId.trim() || null,
      unitId: data.unitId.trim() || null}),
    secret: created => ({label: 'admin.webhookSecret', id: created.id, value: created.secret})},
};

class AdminPage extends AppElement {
  static properties = {
    query: {attribute: false},
    _items: {state: true},
    _next: {state: true},
    _error: {state: true},
    _formError: {state: true},
    _created: {state: true},
    _units: {state: true},
  };

  #loadedFor = null;

  #tab() {
    const tab = this.query?.get('tab');
    return TABS.includes(tab) ? tab : 'clients';
  }

  willUpdate(changed) {
    if (!changed.has('query') || !hasRole('ADMIN')) return;
    const tab = this.#tab();
    if (tab === this.#loadedFor) return;
    this.#loadedFor = tab;
    this._created = null;
    this._formError = null;
    this.#load();
  }

  async #load(cursor = null) {
    const kind = KINDS[this.#tab()];
    this._error = null;
    try {
      const page = await api(kind.path + query({limit: 50, cursor}));
      this._items = cursor ? [...(this._items ?? []), ...page.items] : page.items;
      this._next = page.nextCursor;
      this._units = await unitsById(this._items.map(item => item.unitId));
    } catch (error) {
      this._items = [];
      this._error = error;
    }
  }

  async #create(event) {
    event.preventDefault();
    const form = event.target;
    if (!form.reportValidity()) return;
    const data = Object.fromEntries(new FormData(form));
    data.roles = new FormData(form).getAll('roles');
    const kind = KINDS[this.#tab()];
    this._formError = null;
    try {
      const created = await api(kind.path, {method: 'POST', body: kind.body(data)});
      this._created = kind.secret(created);
      form.reset();
      await this.#load();
    } catch (error) {
      this._formError = error;
    }
  }

  async #delete(item) {
    const kind = KINDS[this.#tab()];
    if (!window.confirm(t('admin.confirmDelete', {name: kind.name(item)}))) return;
    try {
      await api(`${kind.path}/${encodeURIComponent(kind.key(item))}`, {method: 'DELETE'});
      await this.#load();
    } catch (error) {
      this._error = error;
    }
  }

  render() {
    if (!hasRole('ADMIN')) {
      return html`<h1>${t('admin.title')}</h1><div class="problem" role="alert"><p>${t('problem.status.403')}</p></div>`;
    }
    const tab = this.#tab();
    return html`
      <h1>${t('admin.title')}</h1>
      <nav class="tabs" aria-label=${t('admin.sections')}>
        ${TABS.map(name => html`<a href="/admin?tab=${name}" aria-current=${name === tab ? 'page' : nothing}
          @click=${e => { e.preventDefault(); setQuery({tab: name}); }}>${t('admin.' + name)}</a>`)}
      </nav>
      ${this._created ? html`<div class="secret" role="alert">
        <p>${t('admin.shownOnce')}</p>
        <p><strong>${this._created.id}</strong></p>
        <p>${t(this._created.label)}: <code class="secret-value">${this._created.value}</code></p>
        <button type="button" @click=${() => { this._created = null; }}>${t('admin.secretNoted')}</button>
      </div>` : nothing}
      ${problemView(this._error)}
      ${this.#table(tab)}
      ${this._next ? html`<button type="button" class="more" @click=${() => this.#load(this._next)}>${t('common.more')}</button>` : nothing}
      <h2>${t('admin.create.' + tab)}</h2>
      ${this.#form(tab)}`;
  }

  #table(tab) {
    const items = this._items ?? [];
    if (this._items && !items.length) return html`<p class="empty">${t('admin.none')}</p>`;
    const kind = KINDS[tab];
    const unit = id => id ? this._units?.get(id)?.name ?? id : '';
    const scope = item => [item.agency ? t('agency.' + item.agency) : '', unit(item.unitId)].filter(Boolean).join(' · ');
    const heads = [t('admin.name'), tab === 'webhooks' ? t('admin.eventTypes') : t('admin.roles'), t('admin.scope'),
      t('admin.created')];
    return html`<div class="table-scroll"><table class="admin cards ${tab}">
      <caption class="visually-hidden">${t('admin.' + tab)}</caption>
      <thead><tr>${heads.map(head => html`<th scope="col">${head}</th>`)}
        <th scope="col"><span class="visually-hidden">${t('admin.actions')}</span></th></tr></thead>
      <tbody>${items.map(item => html`<tr data-id=${kind.key(item)}>
        <td data-label=${heads[0]}>${tab === 'webhooks'
          ? html`<a href="/admin/webhooks/${encodeURIComponent(item.id)}">${item.url}</a>` : kind.name(item)}</td>
        <td data-label=${heads[1]}>${tab === 'webhooks' ? (item.eventTypes ?? []).join(', ')
          : (item.roles ?? []).map(role => t('admin.role.' + role)).join(', ')}
          ${(item.permissions ?? []).length ? html`<br><span class="code">${item.permissions.join(', ')}</span>` : nothing}</td>
        <td data-label=${heads[2]}>${tab === 'webhooks'
          ? [item.programId, unit(item.unitId)].filter(Boolean).join(' · ') || '–' : scope(item) || '–'}</td>
        <td data-label=${heads[3]}>${dateTime(item.createdAt)}</td>
        <td><button type="button" class="danger" @click=${() => this.#delete(item)}
          aria-label=${t('admin.deleteNamed', {name: kind.name(item)})}>${t('admin.delete')}</button></td>
      </tr>`)}</tbody></table></div>`;
  }

  #form(tab) {
    const profile = html`
      <fieldset class="roles"><legend>${t('admin.roles')}</legend>
        ${ROLES.map(role => html`<label class="check"><input type="checkbox" name="roles" value=${role}>
          ${t('admin.role.' + role)}</label>`)}</fieldset>
      <label>${t('admin.agency')}<select name="agency">
        ${AGENCIES.map(a => html`<option value=${a}>${t('agency.' + a)}</option>`)}</select></label>
      <label>${t('admin.unitId')}<input name="unitId" required autocomplete="off" .value=${session()?.unitId ?? ''}></label>
      <label>${t('admin.permissions')}<input name="permissions" autocomplete="off" placeholder="pii:read"></label>`;
    return html`<form class="stacked admin-form" @submit=${this.#create}>
      ${tab === 'webhooks' ? html`
        <label>${t('admin.url')}<input type="url" name="url" required autocomplete="off" placeholder="https://"></label>
        <label>${t('admin.eventTypes')}<input name="eventTypes" required autocomplete="off"
          placeholder="progress.changed.v1"></label>
        <label>${t('admin.programId')}<input name="programId" autocomplete="off"></label>
        <label>${t('admin.unitId')}<input name="unitId" autocomplete="off"></label>` : html`
        ${tab === 'users' ? html`<label>${t('admin.username')}<input name="username" required autocomplete="off"
          pattern="[A-Za-z0-9._@\\-]{3,64}"></label>` : nothing}
        <label>${t('admin.name')}<input name="name" required maxlength="200" autocomplete="off"></label>
        ${profile}`}
      ${problemView(this._formError)}
      <button type="submit" class="primary">${t('admin.createButton')}</button>
    </form>`;
  }
}

customElements.define('ph-admin-page', AdminPage);
