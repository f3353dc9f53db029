// One activity: what was logged, by whom, where, its state, its figures and its revision history as before/after
// changes; a correction of its figures with a reason, and when someone corrected it meanwhile (409) both versions
// side by side: keep theirs, or send theirs with this person's changes again against the new revision.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api} from '../core/api.js';
import {date, dateTime, number, t} from '../core/i18n.js';
import {hasRole, session} from '../core/session.js';
import {problemView} from '../components/ph-problem.js';
import {indicatorOf, refetchOnActivity, stateView, who} from '../components/ph-activity-bits.js';

/** Figures as the form and the service exchange them: numbers by indicator code. */
const sameFigure = (a, b) => Number(a ?? 0) === Number(b ?? 0);

class ActivityPage extends AppElement {
  static properties = {
    params: {attribute: false},
    _activity: {state: true},
    _revisions: {state: true},
    _program: {state: true},
    _names: {state: true},
    _error: {state: true},
    _correcting: {state: true},
    _correctError: {state: true},
    _conflict: {state: true},
    _busy: {state: true},
    _note: {state: true},
  };

  #loadedFor = null;

  connectedCallback() {
    super.connectedCallback();
    // another agency's answer or correction shows here as it happens; an open correction keeps its base revision
    this._stopLive = refetchOnActivity(() => this.#load(),
      event => (event.data?.activityId ?? event.subject) === this.params?.id);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stopLive?.();
  }

  willUpdate(changed) {
    if (changed.has('params') && this.params?.id !== this.#loadedFor) {
      this.#loadedFor = this.params.id;
      this._correcting = null;
      this._conflict = null;
      this.#load();
    }
  }

  async #load() {
    const id = encodeURIComponent(this.params.id);
    try {
      const activity = await api(`/api/v1/activities/${id}`);
      // names for the ids (the indicators'), shown with the activity; it stands without them
      const [revisions, program] = await Promise.all([
        api(`/api/v1/activities/${id}/revisions`),
        this._program?.id === activity.programId ? this._program
          : api(`/api/v1/programs/${encodeURIComponent(activity.programId)}`).catch(() => null)]);
      this._program = program;
      this._names = activity.unitNames ?? {};
      this._revisions = revisions.items ?? [];
      this._activity = activity;
      this._error = null;
    } catch (error) {
      this._error = error;
    }
  }

  #name(id) {
    return this._names?.[id] ?? id;
  }

  /** The codes a correction offers: the program's indicators, or the figures logged if the program is unreadable. */
  #codes(...metrics) {
    const codes = (this._program?.indicators ?? []).map(i => i.code);
    metrics.forEach(m => Object.keys(m ?? {}).forEach(code => { if (!codes.includes(code)) codes.push(code); }));
    return codes;
  }

  /** Corrections come from the logging unit's scope (a co-unit confirms or rejects instead). */
  #mayCorrect(a) {
    const unit = session()?.unitId;
    return a.status !== 'REJECTED' && hasRole('ADMIN', 'PROGRAM_MANAGER', 'UNIT_OFFICER')
      && (!unit || [...(a.ancestorIds ?? []), a.unitId].includes(unit));
  }

  #startCorrection() {
    const a = this._activity;
    this._correcting = {base: a, metrics: {...a.metrics}, reason: ''};
    this._correctError = null;
    this._conflict = null;
    this._note = null;
  }

  #read(form) {
    const metrics = {};
    this.#codes(this._correcting.base.metrics).forEach(code => {
      const value = form.elements['m-' + code]?.value;
      if (value !== undefined && value !== '') metrics[code] = Number(value);
    });
    return metrics;
  }

  async #submitCorrection(event) {
    event.preventDefault();
    const form = event.target;
    const reason = form.elements.reason;
    // a reason of spaces is no reason: refused here, as the service refuses it
    reason.setCustomValidity(reason.value.trim() ? '' : t('cosign.reasonRequired'));
    if (!form.reportValidity()) return;
    const metrics = this.#read(form);
    this._correcting = {...this._correcting, metrics, reason: reason.value.trim()};
    await this.#send(this._correcting.base.revision, metrics, reason.value.trim());
  }

  async #send(expectedRevision, metrics, reason) {
    this._busy = true;
    this._correctError = null;
    try {
      await api(`/api/v1/activities/${encodeURIComponent(this.params.id)}/corrections`, {method: 'POST',
        body: {metrics, reason, expectedRevision}, headers: {'Idempotency-Key': crypto.randomUUID()}});
      this._correcting = null;
      this._conflict = null;
      this._note = t('cosign.corrected');
      await this.#load();
    } catch (error) {
      if (error.status === 409) {
        await this.#showConflict();
      } else {
        this._correctError = error;
      }
    } finally {
      this._busy = false;
    }
  }

  /** Someone changed it since the form opened: theirs as stored now, beside this person's version. */
  async #showConflict() {
    await this.#load();
    const theirs = this._activity;
    const {base, metrics: mine} = this._correcting;
    if (theirs.status === 'REJECTED') {
      this._correcting = null;
      this._note = t('cosign.conflictRejected');
      return;
    }
    // this person's changes, laid over their figures: what "send again" sends
    const merged = {...theirs.metrics};
    this.#codes(base.metrics, mine).forEach(code => {
      if (!sameFigure(base.metrics[code], mine[code])) {
        if (mine[code] === undefined) delete merged[code]; else merged[code] = mine[code];
      }
    });
    this._conflict = {theirs, merged};
  }

  #keepTheirs() {
    this._conflict = null;
    this._correcting = null;
    this._note = t('cosign.keptTheirs');
  }

  #sendAgain() {
    const {theirs, merged} = this._conflict;
    this._correcting = {...this._correcting, base: theirs, metrics: merged};
    this.#send(theirs.revision, merged, this._correcting.reason);
  }

  render() {
    const a = this._activity;
    if (this._error) return html`<h1>${t('activity.title')}</h1>${problemView(this._error)}`;
    if (!a) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    return html`
      <p class="crumbs-top"><a href="/programs/${encodeURIComponent(a.programId)}/sources?unit=${encodeURIComponent(a.unitId)}">${t('sources.title')}</a>
        · <a href="/activities">${t('cosign.mine')}</a></p>
      <h1>${a.title}</h1>
      <p class="cosign-states" data-status=${a.status}>${stateView(a)}</p>
      <dl class="facts">
        ${this._program ? html`<dt>${t('cosign.program')}</dt><dd>${this._program.title}</dd>` : nothing}
        <dt>${t('activity.date')}</dt><dd>${date(a.occurredOn)}</dd>
        <dt>${t('sources.type')}</dt><dd>${t('type.' + a.type)}</dd>
        <dt>${t('sources.status')}</dt><dd><span class="status ${a.status}">${t('activityStatus.' + a.status)}</span></dd>
        <dt>${t('activity.unit')}</dt><dd>${this.#name(a.unitId)}</dd>
        <dt>${t('cosign.loggedBy')}</dt><dd>${who(a.createdBy)} · ${dateTime(a.createdAt)}</dd>
        ${(a.coUnits ?? []).length ? html`<dt>${t('activity.coUnits')}</dt><dd><ul class="sides">${a.coUnits.map(c => html`<li>
          ${this.#name(c.unitId)} (${t('agency.' + c.agency)}): ${this.#side(a, c)}</li>`)}</ul></dd>` : nothing}
        ${a.rejection ? html`<dt>${t('cosign.rejection')}</dt><dd>${t('cosign.rejectedBy', {by: who(a.rejection.rejectedBy),
          agency: t('agency.' + a.rejection.agency), at: dateTime(a.rejection.rejectedAt)})}: ${a.rejection.reason}</dd>` : nothing}
        <dt>${t('activity.revision')}</dt><dd>${a.revision}</dd>
        ${a.description ? html`<dt>${t('activity.description')}</dt><dd>${a.description}</dd>` : nothing}
      </dl>
      <h2>${t('activity.figures')}</h2>
      <table class="figures"><tbody>${Object.entries(a.metrics ?? {}).map(([code, value]) => {
        const indicator = indicatorOf(this._program, code);
        return html`<tr><th scope="row">${indicator.name}</th><td class="num">${number(value)} ${indicator.unitOfMeasure ?? ''}</td></tr>`;
      })}</tbody></table>
      <p class="cosign-note" role="status">${this._note ?? ''}</p>
      ${this.#mayCorrect(a) && !this._correcting ? html`<div class="actions">
        <button type="button" class="correct" @click=${() => this.#startCorrection()}>${t('cosign.correct')}</button></div>` : nothing}
      ${this._conflict ? this.#conflictView() : this._correcting ? this.#correctionForm() : nothing}
      <h2>${t('activity.history')}</h2>
      <ol class="revisions">${this.#history()}</ol>`;
  }

  /** A side's word on the current revision; on a rejected activity, the rejecting agency's sides say so. */
  #side(a, c) {
    if (c.confirmedBy) return t('cosign.sideConfirmed', {by: who(c.confirmedBy), at: dateTime(c.confirmedAt)});
    if (a.status === 'REJECTED') return a.rejection?.agency === c.agency ? t('cosign.state.rejected') : '–';
    return t('cosign.sideWaiting');
  }

  #correctionForm() {
    const {base, metrics, reason} = this._correcting;
    return html`
      <h2>${t('cosign.correctTitle')}</h2>
      <p>${t('cosign.correctLead', {n: base.revision})}</p>
      <form class="stacked correction-form" novalidate @submit=${e => this.#submitCorrection(e)}>
        ${this.#codes(base.metrics).map(code => {
          const indicator = indicatorOf(this._program, code);
          return html`<label>${indicator.name}${indicator.unitOfMeasure ? ` (${indicator.unitOfMeasure})` : ''}
            <input type="number" inputmode="decimal" name=${'m-' + code} min="0" max="1000000000" step="any"
              .value=${metrics[code] === undefined ? '' : String(metrics[code])}></label>`;
        })}
        <label>${t('cosign.reason')}<textarea name="reason" required maxlength="1000" rows="3" .value=${reason}
          @input=${e => e.target.setCustomValidity('')}></textarea></label>
        ${problemView(this._correctError)}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this._busy}>${t('cosign.sendCorrection')}</button>
          <button type="button" @click=${() => { this._correcting = null; }}>${t('cosign.cancel')}</button>
        </div>
      </form>`;
  }

  #conflictView() {
    const {theirs, merged} = this._conflict;
    const {metrics: mine} = this._correcting;
    const codes = this.#codes(theirs.metrics, mine, merged);
    return html`<section class="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">${t('cosign.conflictTitle')}</h2>
      <p>${t('cosign.conflictLead', {n: theirs.revision})}</p>
      <div class="table-scroll"><table class="conflict-table">
        <caption class="visually-hidden">${t('cosign.conflictTitle')}</caption>
        <thead><tr><th scope="col">${t('cosign.indicator')}</th><th scope="col">${t('cosign.theirs')}</th>
          <th scope="col">${t('cosign.yours')}</th><th scope="col">${t('cosign.merged')}</th></tr></thead>
        <tbody>${codes.map(code => html`<tr data-indicator=${code}>
          <th scope="row">${indicatorOf(this._program, code).name}</th>
          <td class="num theirs">${number(theirs.metrics[code])}</td>
          <td class="num yours">${number(mine[code])}</td>
          <td class="num merged">${number(merged[code])}</td></tr>`)}</tbody></table></div>
      ${problemView(this._correctError)}
      <div class="actions">
        <button type="button" class="keep-theirs" @click=${() => this.#keepTheirs()}>${t('cosign.keepTheirs')}</button>
        <button type="button" class="primary send-again" ?disabled=${this._busy}
          @click=${() => this.#sendAgain()}>${t('cosign.sendAgain', {n: theirs.revision})}</button>
      </div>
    </section>`;
  }

  /** Each revision as what it changed, indicator by indicator: before → after, with who and when. */
  #history() {
    const revisions = this._revisions ?? [];
    return revisions.map((r, i) => {
      const before = i > 0 ? revisions[i - 1].metrics ?? {} : null;
      const codes = before ? this.#codes(before, r.metrics).filter(code => !sameFigure(before[code], r.metrics?.[code]))
        : Object.keys(r.metrics ?? {});
      return html`<li class="revision" data-revision=${r.revision}>
        <p><strong>${t('activity.revisionN', {n: r.revision})}</strong> · ${dateTime(r.at)} · ${who(r.by)}
          ${r.reason ? html`<br><span class="reason">${t('cosign.reasonShown', {reason: r.reason})}</span>` : nothing}</p>
        ${before && !codes.length ? html`<p class="muted">${t('cosign.noChange')}</p>` : html`<ul class="diff">${codes.map(code => {
          const indicator = indicatorOf(this._program, code);
          return html`<li data-indicator=${code}>${indicator.name}:
            ${before ? html`<del>${number(before[code])}</del> → ` : nothing}<ins>${number(r.metrics?.[code])}</ins>
            ${indicator.unitOfMeasure ?? ''}</li>`;
        })}</ul>`}
      </li>`;
    });
  }
}

customElements.define('ph-activity-page', ActivityPage);
