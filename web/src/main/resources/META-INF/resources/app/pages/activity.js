// One activity: what was logged, by whom, where, its figures and its revision history.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api} from '../core/api.js';
import {date, dateTime, number, t} from '../core/i18n.js';
import {problemView} from '../components/ph-problem.js';

class ActivityPage extends AppElement {
  static properties = {
    params: {attribute: false},
    _activity: {state: true},
    _revisions: {state: true},
    _program: {state: true},
    _unit: {state: true},
    _error: {state: true},
  };

  #loadedFor = null;

  willUpdate(changed) {
    if (changed.has('params') && this.params?.id !== this.#loadedFor) {
      this.#loadedFor = this.params.id;
      this.#load();
    }
  }

  async #load() {
    const id = encodeURIComponent(this.params.id);
    try {
      this._activity = await api(`/api/v1/activities/${id}`);
      this._revisions = (await api(`/api/v1/activities/${id}/revisions`)).items ?? [];
      this._error = null;
      // names for the ids: the indicators' and the logging unit's; the figures stand without them
      const [program, unit] = await Promise.all([
        api(`/api/v1/programs/${encodeURIComponent(this._activity.programId)}`).catch(() => null),
        api(`/api/v1/units/${encodeURIComponent(this._activity.unitId)}`).catch(() => null)]);
      this._program = program;
      this._unit = unit;
    } catch (error) {
      this._error = error;
    }
  }

  #indicatorName(code) {
    return this._program?.indicators?.find(i => i.code === code)?.name ?? code;
  }

  render() {
    const a = this._activity;
    if (this._error) return html`<h1>${t('activity.title')}</h1>${problemView(this._error)}`;
    if (!a) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    return html`
      <p class="crumbs-top"><a href="/programs/${encodeURIComponent(a.programId)}/sources?unit=${encodeURIComponent(a.unitId)}">${t('sources.title')}</a></p>
      <h1>${a.title}</h1>
      <dl class="facts">
        <dt>${t('activity.date')}</dt><dd>${date(a.occurredOn)}</dd>
        <dt>${t('sources.type')}</dt><dd>${t('type.' + a.type)}</dd>
        <dt>${t('sources.status')}</dt><dd><span class="status ${a.status}">${t('activityStatus.' + a.status)}</span></dd>
        <dt>${t('activity.unit')}</dt><dd>${this._unit?.name ?? a.unitId}</dd>
        ${(a.coUnits ?? []).length ? html`<dt>${t('activity.coUnits')}</dt><dd>${a.coUnits.map(c => `${c.unitId} (${t("agency." + c.agency)}${c.confirmed || c.confirmedBy ? ", " + t("activity.confirmed") : ""})`).join('; ')}</dd>` : nothing}
        <dt>${t('activity.revision')}</dt><dd>${a.revision}</dd>
        ${a.description ? html`<dt>${t('activity.description')}</dt><dd>${a.description}</dd>` : nothing}
      </dl>
      <h2>${t('activity.figures')}</h2>
      <table class="figures"><tbody>${Object.entries(a.metrics ?? {}).map(([code, value]) =>
        html`<tr><th scope="row">${this.#indicatorName(code)}</th><td class="num">${number(value)}</td></tr>`)}</tbody></table>
      <h2>${t('activity.history')}</h2>
      <ol class="revisions">${(this._revisions ?? []).map(r => html`<li>
        <p><strong>${t('activity.revisionN', {n: r.revision})}</strong> · ${dateTime(r.at)}
          ${r.reason ? html` · ${r.reason}` : nothing}</p>
        <p class="metrics">${Object.entries(r.metrics ?? {}).map(([code, value]) => html`<span class="metric">${this.#indicatorName(code)}: <strong>${number(value)}</strong></span>`)}</p>
      </li>`)}</ol>`;
  }
}

customElements.define('ph-activity-page', ActivityPage);
