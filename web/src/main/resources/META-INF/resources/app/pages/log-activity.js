// Log an activity, phone first, with or without a connection: the form checks what unit-service checks
// (ActivityRules, LogActivity), keeps the activity in the outbox (core/outbox.js) and sends it; below it, the
// outbox with each item's state. `?key=` opens a refused or conflicting item of the outbox in the form.
import {html, nothing} from 'lit';
import {AppElement} from '../core/element.js';
import {api, query as queryString} from '../core/api.js';
import {date, number, t, today} from '../core/i18n.js';
import {hasRole, session, signIn} from '../core/session.js';
import {navigate} from '../core/router.js';
import * as box from '../core/outbox.js';
import {problemView} from '../components/ph-problem.js';

const TYPES = ['PROPAGANDA_SESSION', 'FESTIVAL', 'PATROL', 'MEDIATION', 'TIP_RECEIVED', 'CASE_RESOLVED',
  'SUBJECT_EDUCATED', 'REINTEGRATION', 'RECOGNITION', 'TRAINING', 'MEETING', 'MODEL_LAUNCHED'];
const RECENT = 'phoihop.recentUnits';
const MAX_FIGURE = 1_000_000_000;
export const LOGGERS = ['ADMIN', 'PROGRAM_MANAGER', 'UNIT_OFFICER'];

function recentUnits() {
  try { return JSON.parse(localStorage.getItem(RECENT) ?? '[]'); } catch { return []; }
}

function rememberUnits(units) {
  const kept = [...units, ...recentUnits().filter(r => !units.some(u => u.id === r.id))].slice(0, 12);
  try { localStorage.setItem(RECENT, JSON.stringify(kept)); } catch { /* private mode: not remembered */ }
}

/** What unit-service would refuse, field by field (its ActivityRules and LogActivity), so nothing is sent in vain. */
export function check(values, program) {
  const errors = {};
  if (!program) errors.programId = t('entry.check.program');
  if (!values.unitId) errors.unitId = t('entry.check.unit');
  if (!TYPES.includes(values.type)) errors.type = t('entry.check.type');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.occurredOn ?? '')) {
    errors.occurredOn = t('entry.check.date');
  } else if (values.occurredOn > today()) {
    errors.occurredOn = t('entry.check.future');
  } else if (program && (values.occurredOn < program.startsOn || values.occurredOn > program.endsOn)) {
    errors.occurredOn = t('entry.check.period', {from: date(program.startsOn), to: date(program.endsOn)});
  }
  const title = (values.title ?? '').trim();
  if (!title) errors.title = t('entry.check.title');
  else if (title.length > 300) errors.title = t('entry.check.long', {max: 300});
  if ((values.description ?? '').length > 5000) errors.description = t('entry.check.long', {max: 5000});
  const coUnits = values.coUnitIds ?? [];
  if (coUnits.includes(values.unitId)) errors.coUnitIds = t('entry.check.coUnitSelf');
  else if (new Set(coUnits).size !== coUnits.length) errors.coUnitIds = t('entry.check.coUnitTwice');
  else if (coUnits.length > 20) errors.coUnitIds = t('entry.check.coUnitMany');
  Object.entries(values.figures ?? {}).forEach(([code, text]) => {
    if (text === '' || text === undefined) return;
    const value = Number(String(text).trim().replace(',', '.'));
    if (!/^\d+([.,]\d{1,3})?$/.test(String(text).trim()) || !Number.isFinite(value) || value > MAX_FIGURE) {
      errors['metrics.' + code] = t('entry.check.figure');
    }
  });
  return errors;
}

class LogActivityPage extends AppElement {
  static properties = {
    query: {attribute: false},
    _programs: {state: true},
    _units: {state: true},
    _values: {state: true},
    _coUnits: {state: true},
    _found: {state: true},
    _unitQuery: {state: true},
    _errors: {state: true},
    _problem: {state: true},
    _notice: {state: true},
    _items: {state: true},
    _loadError: {state: true},
    _busy: {state: true},
  };

  #key = null;
  #openedKey = undefined;
  #search = null;

  constructor() {
    super();
    this._values = this.#blank();
    this._coUnits = [];
    this._found = null;
    this._unitQuery = '';
    this._errors = {};
    this._items = [];
    this._onOutbox = () => this.#refreshOutbox();
  }

  #blank(keep = {}) {
    return {programId: keep.programId ?? '', unitId: keep.unitId ?? session()?.unitId ?? '',
      type: keep.type ?? 'PROPAGANDA_SESSION', occurredOn: today(), title: '', description: '', figures: {}};
  }

  connectedCallback() {
    super.connectedCallback();
    box.outbox.addEventListener('change', this._onOutbox);
    this.#refreshOutbox();
    this.#loadReference();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    box.outbox.removeEventListener('change', this._onOutbox);
  }

  willUpdate(changed) {
    if (changed.has('query')) {
      const key = this.query?.get('key') ?? null;
      if (key !== this.#openedKey) {
        this.#openedKey = key;
        if (key) this.#openItem(key);
      }
    }
  }

  async #refreshOutbox() {
    this._items = await box.items();
  }

  /** The person's active programs (with their indicators), their unit and the units below it. */
  async #loadReference() {
    try {
      const programs = await api('/api/v1/programs' + queryString({status: 'ACTIVE', limit: 200}));
      this._programs = programs.items ?? [];
      if (!this._values.programId && this._programs.length === 1) {
        this._values = {...this._values, programId: this._programs[0].id};
      }
      this._loadError = null;
    } catch (error) {
      this._loadError = error;
      this._programs ??= [];
    }
    const unitId = session()?.unitId;
    const units = [];
    if (unitId) {
      try {
        units.push(await api(`/api/v1/units/${encodeURIComponent(unitId)}`));
        const below = await api('/api/v1/units' + queryString({parentId: unitId, limit: 200}));
        units.push(...(below.items ?? []));
      } catch {
        if (!units.length) units.push({id: unitId, name: unitId});
      }
    }
    this._units = units;
  }

  async #openItem(key) {
    const entry = await box.item(key);
    if (!entry) return;
    const body = entry.body;
    this.#key = key;
    this._values = {programId: body.programId, unitId: body.unitId, type: body.type, occurredOn: body.occurredOn,
      title: body.title ?? '', description: body.description ?? '',
      figures: Object.fromEntries(Object.entries(body.metrics ?? {}).map(([code, value]) => [code, String(value)]))};
    this._coUnits = (body.coUnitIds ?? []).map(id => ({id, name: entry.labels?.coUnits?.[id] ?? id}));
    this.#showRefusal(entry.problem);
  }

  /** The service's refusal: each field's message next to that field, the rest above the form. */
  #showRefusal(problem) {
    const errors = {};
    (problem?.errors ?? []).forEach(e => { errors[e.field] = e.message; });
    this._errors = errors;
    this._problem = problem ? {...problem, errors: (problem.errors ?? []).filter(e => !this.#hasField(e.field))} : null;
  }

  #hasField(field) {
    return ['programId', 'unitId', 'coUnitIds', 'type', 'occurredOn', 'title', 'description'].includes(field)
      || (field.startsWith('metrics.') && this.#indicators().some(i => 'metrics.' + i.code === field));
  }

  #program() {
    return (this._programs ?? []).find(p => p.id === this._values.programId) ?? null;
  }

  /** The indicators a figure is entered for: a RATIO is computed from two others, never entered. */
  #indicators() {
    return (this.#program()?.indicators ?? []).filter(i => i.aggregation !== 'RATIO');
  }

  #set(name, value) {
    this._values = {...this._values, [name]: value};
    if (this._errors[name]) this._errors = {...this._errors, [name]: undefined};
  }

  #setFigure(code, value) {
    this._values = {...this._values, figures: {...this._values.figures, [code]: value}};
    const field = 'metrics.' + code;
    if (this._errors[field]) this._errors = {...this._errors, [field]: undefined};
  }

  #searchUnits(text) {
    this._unitQuery = text;
    clearTimeout(this.#search);
    const q = text.trim();
    if (q.length < 2) {
      this._found = null;
      return;
    }
    this.#search = setTimeout(async () => {
      try {
        const found = await api('/api/v1/units' + queryString({q, asOf: this._values.occurredOn || today(), limit: 10}));
        this._found = (found.items ?? []).filter(u => u.id !== this._values.unitId);
      } catch {
        // offline: the units used before, matched here
        const folded = q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
        this._found = recentUnits().filter(u => u.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
          .replace(/[đĐ]/g, 'd').toLowerCase().includes(folded));
      }
    }, 300);
  }

  #addCoUnit(unit) {
    if (!this._coUnits.some(u => u.id === unit.id)) this._coUnits = [...this._coUnits, {id: unit.id, name: unit.name}];
    if (this._errors.coUnitIds) this._errors = {...this._errors, coUnitIds: undefined};
  }

  #removeCoUnit(id) {
    this._coUnits = this._coUnits.filter(u => u.id !== id);
  }

  async #submit(event) {
    event.preventDefault();
    const program = this.#program();
    const values = {...this._values, coUnitIds: this._coUnits.map(u => u.id)};
    const errors = check(values, program);
    this._errors = errors;
    this._problem = null;
    this._notice = null;
    const first = Object.keys(errors)[0];
    if (first) {
      await this.updateComplete;
      this.querySelector(`[name="${first}"]`)?.focus();
      return;
    }
    const metrics = {};
    this.#indicators().forEach(i => {
      const text = values.figures[i.code];
      if (text !== undefined && text !== '') metrics[i.code] = Number(String(text).trim().replace(',', '.'));
    });
    const body = {programId: program.id, unitId: values.unitId, coUnitIds: values.coUnitIds, type: values.type,
      occurredOn: values.occurredOn, title: values.title.trim(), metrics};
    if (values.description.trim()) body.description = values.description;
    const key = this.#key ?? box.newKey();
    const labels = {program: program.title, unit: (this._units ?? []).find(u => u.id === values.unitId)?.name,
      coUnits: Object.fromEntries(this._coUnits.map(u => [u.id, u.name]))};
    this._busy = true;
    try {
      await box.put(key, body, labels);
      rememberUnits(this._coUnits);
      await box.sync();
      const after = await box.item(key);
      if (!after) {
        const stored = box.storedNow.find(s => s.key === key);
        this.#done({kind: 'stored', id: stored?.id ?? key});
      } else if (after.state === 'refused' || after.state === 'conflict') {
        this.#showRefusal(after.problem);
      } else {
        this.#done({kind: 'kept'});
      }
    } finally {
      this._busy = false;
    }
  }

  #done(notice) {
    this.#key = null;
    this._values = this.#blank(this._values);
    this._coUnits = [];
    this._found = null;
    this._unitQuery = '';
    this._errors = {};
    this._notice = notice;
    if (this.query?.get('key')) navigate('/activities/new', {replace: true});
  }

  async #export() {
    const text = await box.exportText();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], {type: 'application/json'}));
    link.download = `phoihop-outbox-${today()}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  async #import(event) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const {added, skipped} = await box.importText(await file.text());
      this._notice = {kind: 'imported', added, skipped};
      box.sync();
    } catch {
      this._notice = {kind: 'badFile'};
    }
    event.target.value = '';
  }

  render() {
    if (!hasRole(...LOGGERS)) {
      return html`<h1>${t('entry.title')}</h1><div class="problem" role="alert"><p>${t('entry.notAllowed')}</p></div>`;
    }
    return html`
      <h1>${t('entry.title')}</h1>
      ${this.#noticeView()}
      ${this.#key ? html`<p class="entry-editing" role="status">${t('entry.editing')}</p>` : nothing}
      ${this._loadError && !(this._programs ?? []).length ? problemView(this._loadError) : nothing}
      ${problemView(this._problem?.status ? this._problem : null)}
      <div class="entry-layout">${this.#form()}${this.#outboxView()}</div>`;
  }

  #noticeView() {
    const n = this._notice;
    if (!n) return nothing;
    const text = n.kind === 'stored' ? html`${t('entry.stored')} <a href="/activities/${encodeURIComponent(n.id)}">${t('entry.open')}</a>`
      : n.kind === 'kept' ? t('entry.kept')
        : n.kind === 'imported' ? t('entry.imported', {added: n.added, skipped: n.skipped}) : t('entry.badFile');
    return html`<p class="entry-notice ${n.kind}" role="status">${text}</p>`;
  }

  #error(name) {
    const message = this._errors[name];
    return message ? html`<span class="field-error" id=${'err-' + name.replace('.', '-')}>${message}</span>` : nothing;
  }

  #described(name) {
    return this._errors[name] ? 'err-' + name.replace('.', '-') : nothing;
  }

  #invalid(name) {
    return this._errors[name] ? 'true' : nothing;
  }

  #form() {
    const v = this._values;
    const program = this.#program();
    const programs = this._programs;
    const max = program && program.endsOn < today() ? program.endsOn : today();
    return html`<form class="stacked entry-form" novalidate @submit=${e => this.#submit(e)}>
      <label>${t('entry.program')}
        <select name="programId" required aria-invalid=${this.#invalid('programId')} aria-describedby=${this.#described('programId')}
          @change=${e => this.#set('programId', e.target.value)}>
          <option value="" ?selected=${!v.programId}>${programs ? t('entry.chooseProgram') : t('common.loading')}</option>
          ${(programs ?? []).map(p => html`<option value=${p.id} ?selected=${p.id === v.programId}>${p.code} · ${p.title}</option>`)}
        </select>${this.#error('programId')}</label>
      ${program ? html`<p class="entry-period">${t('entry.period', {from: date(program.startsOn), to: date(program.endsOn)})}</p>` : nothing}
      <label>${t('entry.unit')}
        <select name="unitId" required aria-invalid=${this.#invalid('unitId')} aria-describedby=${this.#described('unitId')}
          @change=${e => this.#set('unitId', e.target.value)}>
          ${(this._units ?? []).map(u => html`<option value=${u.id} ?selected=${u.id === v.unitId}>${u.name}</option>`)}
        </select>${this.#error('unitId')}</label>
      <fieldset class="co-units">
        <legend>${t('entry.coUnits')}</legend>
        ${this._coUnits.length ? html`<ul class="chosen-units">${this._coUnits.map(u => html`<li>
          <span>${u.name}</span>
          <button type="button" class="remove" aria-label=${t('entry.removeUnit', {name: u.name})}
            @click=${() => this.#removeCoUnit(u.id)}>×</button></li>`)}</ul>` : nothing}
        <label>${t('entry.findUnit')}
          <input type="search" name="coUnitIds" autocomplete="off" .value=${this._unitQuery} aria-invalid=${this.#invalid('coUnitIds')}
            aria-describedby=${this.#described('coUnitIds')} @input=${e => this.#searchUnits(e.target.value)}></label>
        ${this.#error('coUnitIds')}
        ${this.#foundView()}
      </fieldset>
      <label>${t('entry.type')}
        <select name="type" required @change=${e => this.#set('type', e.target.value)}>
          ${TYPES.map(type => html`<option value=${type} ?selected=${type === v.type}>${t('type.' + type)}</option>`)}
        </select>${this.#error('type')}</label>
      <label>${t('entry.date')}
        <input type="date" name="occurredOn" required .value=${v.occurredOn} min=${program?.startsOn ?? nothing} max=${max}
          aria-invalid=${this.#invalid('occurredOn')} aria-describedby=${this.#described('occurredOn')}
          @input=${e => this.#set('occurredOn', e.target.value)}>${this.#error('occurredOn')}</label>
      <label>${t('entry.titleField')}
        <input type="text" name="title" required maxlength="300" .value=${v.title} aria-invalid=${this.#invalid('title')}
          aria-describedby=${this.#described('title')} @input=${e => this.#set('title', e.target.value)}>${this.#error('title')}</label>
      <label>${t('entry.description')}
        <textarea name="description" rows="3" maxlength="5000" .value=${v.description}
          aria-describedby=${this.#described('description')} @input=${e => this.#set('description', e.target.value)}></textarea>${this.#error('description')}</label>
      ${this.#indicators().length ? html`<fieldset class="figures-entry"><legend>${t('entry.figures')}</legend>
        ${this.#indicators().map(i => html`<label>${i.name} (${i.unitOfMeasure})
          <input type="text" inputmode="decimal" name=${'metrics.' + i.code} .value=${v.figures[i.code] ?? ''}
            aria-invalid=${this.#invalid('metrics.' + i.code)} aria-describedby=${this.#described('metrics.' + i.code)}
            @input=${e => this.#setFigure(i.code, e.target.value)}>${this.#error('metrics.' + i.code)}</label>`)}
      </fieldset>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this._busy}>${this.#key ? t('entry.resend') : t('entry.save')}</button>
        ${this.#key ? html`<a class="button" href="/activities/new">${t('entry.cancelEdit')}</a>` : nothing}
      </div>
    </form>`;
  }

  #foundView() {
    if (this._found === null) {
      const recent = recentUnits().filter(u => !this._coUnits.some(c => c.id === u.id) && u.id !== this._values.unitId);
      return recent.length ? html`<p class="entry-hint">${t('entry.recentUnits')}</p>
        <ul class="found-units">${recent.map(u => html`<li><button type="button" @click=${() => this.#addCoUnit(u)}>+ ${u.name}</button></li>`)}</ul>` : nothing;
    }
    if (!this._found.length) return html`<p class="empty">${t('entry.noUnit')}</p>`;
    return html`<ul class="found-units">${this._found.map(u => html`<li>
      <button type="button" @click=${() => this.#addCoUnit(u)}>+ ${u.name}</button></li>`)}</ul>`;
  }

  #outboxView() {
    const me = session()?.subject;
    const items = this._items ?? [];
    const mine = items.filter(i => i.owner === me);
    const others = items.length - mine.length;
    return html`<section class="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">${t('entry.outbox')} <span class="count">(${number(mine.length)})</span></h2>
      ${box.needsSignIn ? html`<div class="problem" role="alert"><p>${t('entry.signInAgain')}</p>
        <button type="button" class="primary" @click=${() => signIn()}>${t('entry.signIn')}</button></div>` : nothing}
      <div class="actions">
        <button type="button" class="sync-now" @click=${() => box.sync()}>${t('entry.syncNow')}</button>
        <button type="button" class="export" @click=${() => this.#export()}>${t('entry.export')}</button>
        <label class="button import">${t('entry.import')}
          <input type="file" accept="application/json,.json" class="visually-hidden" @change=${e => this.#import(e)}></label>
      </div>
      ${mine.length ? html`<ul class="outbox-items">${mine.map(i => this.#itemView(i))}</ul>`
        : html`<p class="empty">${t('entry.outboxEmpty')}</p>`}
      ${others ? html`<p class="entry-hint">${t('entry.others', {n: others})}</p>` : nothing}
      ${box.storedNow.length ? html`<h3>${t('entry.storedNow')}</h3><ul class="outbox-items">${box.storedNow.map(s => html`
        <li class="outbox-item" data-state="stored"><span class="state stored">${t('entry.state.stored')}</span>
          <a href="/activities/${encodeURIComponent(s.id)}">${s.title}</a></li>`)}</ul>` : nothing}
    </section>`;
  }

  #indicatorName(programId, code) {
    const program = (this._programs ?? []).find(p => p.id === programId);
    return program?.indicators?.find(i => i.code === code)?.name ?? code;
  }

  #itemView(i) {
    const b = i.body;
    return html`<li class="outbox-item" data-state=${i.state} data-key=${i.key}>
      <span class="state ${i.state}">${t('entry.state.' + i.state)}</span>
      <strong>${b.title}</strong>
      <span class="entry-meta">${date(b.occurredOn)} · ${i.labels?.program ?? b.programId}
        ${Object.entries(b.metrics ?? {}).map(([code, value]) => html` · ${this.#indicatorName(b.programId, code)}: ${number(value)}`)}</span>
      ${i.problem ? html`<p class="entry-reason">${i.problem.detail || i.problem.title}
        ${(i.problem.errors ?? []).map(e => html`<br><code>${e.field}</code>: ${e.message}`)}</p>` : nothing}
      ${i.state === 'refused' ? html`<a class="button" href="/activities/new?key=${encodeURIComponent(i.key)}">${t('entry.fix')}</a>` : nothing}
      ${i.state === 'conflict' ? html`<span class="actions">
        <a class="button" href="/activities/${encodeURIComponent(i.key)}">${t('entry.seeStored')}</a>
        <button type="button" @click=${() => box.sendAsNew(i.key)}>${t('entry.sendAsNew')}</button></span>` : nothing}
    </li>`;
  }
}

customElements.define('ph-log-activity-page', LogActivityPage);
