// A program: each indicator's actual against its target for the chosen period, a monthly series, the child
// units' figures (table and chart, sortable, each row drilling down), a breadcrumb back up; updated in place
// when progress.changed.v1 concerns the unit shown.
import {html, nothing} from 'lit';
import {ref} from 'lit/directives/ref.js';
import {AppElement} from '../core/element.js';
import {api, query as q} from '../core/api.js';
import {date, number, percent, t, today} from '../core/i18n.js';
import {concerns, live} from '../core/live.js';
import {parseDay} from '../core/days.js';
import {rangeOf, seriesOf, yearsOf} from '../core/periods.js';
import {setQuery} from '../core/router.js';
import {session} from '../core/session.js';
import {problemView} from '../components/ph-problem.js';
import '../components/ph-chart.js';

class ProgramPage extends AppElement {
  static properties = {
    params: {attribute: false},
    query: {attribute: false},
    _program: {state: true},
    _reviews: {state: true},
    _unit: {state: true},
    _trail: {state: true},
    _progress: {state: true},
    _children: {state: true},
    _months: {state: true},
    _error: {state: true},
    _figuresError: {state: true},
    _seriesBy: {state: true},
    _rangeErrors: {state: true},
  };

  #programId = null;
  #loadedFor = null;
  #refreshing = null;
  #again = false;
  #onProgress = event => {
    if (this._program && concerns(event.detail, this._program.id, this.#unitId())) this.refresh();
  };
  #onResumed = () => this.refresh();

  connectedCallback() {
    super.connectedCallback();
    live.addEventListener('progress.changed.v1', this.#onProgress);
    live.addEventListener('resumed', this.#onResumed);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    live.removeEventListener('progress.changed.v1', this.#onProgress);
    live.removeEventListener('resumed', this.#onResumed);
  }

  willUpdate(changed) {
    if (!changed.has('params') && !changed.has('query')) return;
    const key = (this.params?.id ?? '') + '?' + (this.query?.toString() ?? '');
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    if (this.params?.id !== this.#programId) {
      this.#programId = this.params.id;
      this._program = null;
      this.#loadProgram();
    } else {
      this.#loadUnit().then(() => this.refresh());
    }
  }

  /** The program, its reviews, the unit and the figures, as many at once as can be: each wait is a round trip on a phone. */
  async #loadProgram() {
    this._error = null;
    const path = `/api/v1/programs/${encodeURIComponent(this.#programId)}`;
    // reviews are an extra: the figures stand without them
    const reviews = api(path + '/reviews').then(answer => answer.items ?? [], () => []);
    try {
      this._program = await api(path);
    } catch (error) {
      this._error = error;
      return;
    }
    if (this.query?.get('period')?.startsWith('r')) {
      this._reviews = await reviews; // the period is a review's: its dates are needed first
    } else {
      reviews.then(found => { this._reviews = found; });
    }
    await Promise.all([this.#loadUnit(), this.refresh()]);
  }

  #unitId() {
    return this.query?.get('unit') || session()?.unitId || this._program?.scopeUnitId || null;
  }

  #range() {
    const {from, to} = rangeOf(this.query?.get('period'), this._program, this._reviews, this.query);
    return {from, to};
  }

  /** The unit shown and the way up to it, as far as the person may see (units above their scope answer 404). */
  async #loadUnit() {
    const unitId = this.#unitId();
    if (!unitId) {
      this._unit = null;
      this._trail = [];
      return;
    }
    try {
      this._unit = await api(`/api/v1/units/${encodeURIComponent(unitId)}`);
    } catch (error) {
      this._figuresError = error;
      return;
    }
    const ancestors = await Promise.all((this._unit.ancestorIds ?? []).map(id =>
      api(`/api/v1/units/${encodeURIComponent(id)}`).catch(() => null)));
    const visible = [];
    for (let i = ancestors.length - 1; i >= 0 && ancestors[i]; i--) visible.unshift(ancestors[i]);
    this._trail = visible;
  }

  /** Fetches every figure on the page again; a notice that comes meanwhile runs one more round after it. */
  refresh() {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#fetchFigures().finally(() => {
      this.#refreshing = null;
      if (this.#again) {
        this.#again = false;
        this.refresh();
      }
    });
    return this.#refreshing;
  }

  /** Three calls, whatever the number of child units or months: the unit, its children, its series. */
  async #fetchFigures() {
    const program = this._program;
    if (!program) return;
    const unitId = this.#unitId();
    const {from, to} = this.#range();
    const path = `/api/v1/programs/${encodeURIComponent(program.id)}/progress`;
    const start = from ?? program.startsOn;
    const end = to ?? (program.endsOn < today() ? program.endsOn : today());
    const by = end >= start ? seriesOf(start, end).by : 'month';
    try {
      const [progress, children, series] = await Promise.all([
        api(path + q({unitId, from, to})),
        unitId ? api(path + '/children' + q({unitId, from, to})) : {children: []},
        end >= start ? api(path + '/series' + q({unitId, from: start, to: end, step: by === 'year' ? 'YEAR' : 'MONTH'}))
          : {points: []},
      ]);
      this._progress = progress;
      this._children = children.children.map(child => ({unit: {id: child.unitId, name: child.name ?? child.unitId},
        progress: {indicators: child.indicators}}));
      this._months = series.points.map(point => ({from: point.from, to: point.to,
        label: by === 'year' ? point.from.slice(0, 4) : `${point.from.slice(5, 7)}/${point.from.slice(0, 4)}`,
        progress: {indicators: point.indicators}}));
      this._seriesBy = by;
      this._figuresError = null;
    } catch (error) {
      this._figuresError = error;
    }
  }

  render() {
    if (this._error) return html`<h1>${t('program.title')}</h1>${problemView(this._error)}`;
    const program = this._program;
    if (!program) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    return html`
      <p class="crumbs-top"><a href="/programs">${t('programs.title')}</a></p>
      <h1>${program.title}</h1>
      <p class="code">${program.code} · <span class="status ${program.status}">${t('status.' + program.status)}</span>
        · ${date(program.startsOn)} – ${date(program.endsOn)}</p>
      <p class="program-links"><a href="/programs/${encodeURIComponent(program.id)}/reviews">${t('reviews.title')}</a></p>
      ${this.#breadcrumb()}
      ${this.#periodPicker()}
      ${problemView(this._figuresError)}
      ${this.#indicators()}
      ${this.#series()}
      ${this.#childUnits()}`;
  }

  #breadcrumb() {
    if (!this._unit) return nothing;
    const trail = [...(this._trail ?? []), this._unit];
    return html`<nav class="breadcrumb" aria-label=${t('program.breadcrumb')}><ol>
      ${trail.map((unit, i) => i === trail.length - 1
        ? html`<li aria-current="page">${unit.name}</li>`
        : html`<li><a href=${this.#unitLink(unit.id)}>${unit.name}</a></li>`)}
    </ol></nav>`;
  }

  #unitLink(unitId) {
    const search = new URLSearchParams(this.query);
    search.set('unit', unitId);
    return `/programs/${encodeURIComponent(this._program.id)}?${search}`;
  }

  #periodPicker() {
    const program = this._program;
    const key = this.query?.get('period') || 'all';
    const years = yearsOf(program);
    return html`<form class="filters period" @submit=${e => e.preventDefault()}>
      <label>${t('program.period')}
        <select name="period" @change=${e => setQuery({period: e.target.value === 'all' ? null : e.target.value})}>
          <option value="all" ?selected=${key === 'all'}>${t('program.wholePeriod')}</option>
          <optgroup label=${t('program.years')}>
            ${years.map(y => html`<option value="y${y}" ?selected=${key === 'y' + y}>${t('program.year', {year: y})}</option>`)}
          </optgroup>
          <optgroup label=${t('program.quarters')}>
            ${years.flatMap(y => [4, 3, 2, 1].map(n => html`<option value="q${y}-${n}" ?selected=${key === `q${y}-${n}`}>${t('program.quarter', {quarter: n, year: y})}</option>`))}
          </optgroup>
          ${this._reviews?.length ? html`<optgroup label=${t('program.reviews')}>
            ${this._reviews.map(r => html`<option value="r${r.id}" ?selected=${key === 'r' + r.id}>${r.title} (${date(r.periodStart)} – ${date(r.periodEnd)})</option>`)}
          </optgroup>` : nothing}
          <option value="custom" ?selected=${key === 'custom'}>${t('program.custom')}</option>
        </select></label>
      ${key === 'custom' ? html`
        ${this.#dayField('from', t('program.from'))}
        ${this.#dayField('to', t('program.to'))}` : nothing}
    </form>`;
  }

  /** A day typed as dd/MM/yyyy whatever the browser's locale; a bad one is refused next to the field. */
  #dayField(name, label) {
    const error = this._rangeErrors?.[name];
    return html`<div class="day-field">
      <label for="range-${name}">${label}</label>
      <input id="range-${name}" name=${name} type="text" inputmode="numeric" autocomplete="off" maxlength="10"
        placeholder=${t('figures.dayPlaceholder')} pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
        aria-describedby="range-${name}-hint${error ? ` range-${name}-error` : ''}" aria-invalid=${error ? 'true' : 'false'}
        .value=${this.query.get(name) ? date(this.query.get(name)) : ''} @change=${e => this.#typedDay(name, e.target.value)}>
      <span class="hint" id="range-${name}-hint">${t('figures.dayHint')}</span>
      ${error ? html`<span class="field-error" id="range-${name}-error" role="alert">${t('figures.dayError.' + error)}</span>` : nothing}
    </div>`;
  }

  #typedDay(name, text) {
    const parsed = parseDay(text);
    const other = name === 'from' ? 'to' : 'from';
    const errors = {...(this._rangeErrors ?? {})};
    delete errors[name];
    if (parsed.error) {
      this._rangeErrors = {...errors, [name]: parsed.error};
      return;
    }
    const otherDay = errors[other] ? null : this.query.get(other);
    const [from, to] = name === 'from' ? [parsed.iso, otherDay] : [otherDay, parsed.iso];
    if (from && to && to < from) {
      this._rangeErrors = {...errors, [name]: 'order'};
      return;
    }
    this._rangeErrors = errors;
    setQuery({[name]: parsed.iso});
  }

  #indicator(code) {
    return this._program.indicators.find(i => i.code === code);
  }

  #figure(code) {
    return this._progress?.indicators.find(i => i.code === code);
  }

  #sourcesLink(unitId, indicator) {
    const {from, to} = this.#range();
    return `/programs/${encodeURIComponent(this._program.id)}/sources` + q({unit: unitId, indicator, from, to});
  }

  #indicators() {
    if (!this._progress) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    return html`<section aria-labelledby="indicators-title">
      <h2 id="indicators-title">${t('program.indicators')}</h2>
      <ul class="cards indicators">
        ${this._progress.indicators.map(row => {
          const indicator = this.#indicator(row.code) ?? {};
          return html`<li class="card indicator" data-indicator=${row.code}>
            <h3>${row.name}</h3>
            <p class="actual"><span class="figure" data-figure=${row.code}>${number(row.actual)}</span>
              <span class="uom">${indicator.unitOfMeasure ?? ''}</span></p>
            ${row.valueDate ? html`<p class="value-date">${t('figures.asOf', {date: date(row.valueDate)})}</p>` : nothing}
            ${row.target !== null && row.target !== undefined ? html`
              <p class="target">${t('program.ofTarget', {target: number(row.target)})} ·
                <strong class="ratio">${percent(row.ratio)}</strong></p>
              ${bar(row.ratio)}` : html`<p class="target">${t('program.noTarget')}</p>`}
            ${this.#formula(indicator, row)}
            <p><a class="sources" href=${this.#sourcesLink(this.#unitId(), row.code)}>${t('program.whereFrom')}</a></p>
          </li>`;
        })}
      </ul></section>`;
  }

  #formula(indicator, row) {
    if (indicator.aggregation === 'RATIO') {
      const numerator = this.#figure(indicator.numeratorCode);
      const denominator = this.#figure(indicator.denominatorCode);
      return html`<p class="formula">${t('formula.RATIO', {
        numerator: numerator?.name ?? indicator.numeratorCode, denominator: denominator?.name ?? indicator.denominatorCode})}:
        <span class="parts">${number(row.numerator ?? numerator?.actual)} ÷ ${number(row.denominator ?? denominator?.actual)}</span></p>`;
    }
    return html`<p class="formula">${t('formula.' + (indicator.aggregation ?? 'SUM'))}</p>`;
  }

  #chosenIndicator() {
    const wanted = this.query?.get('indicator');
    const indicators = this._program.indicators;
    return indicators.find(i => i.code === wanted) ?? indicators.find(i => i.aggregation === 'SUM') ?? indicators[0];
  }

  #indicatorPicker() {
    const chosen = this.#chosenIndicator();
    return html`<label>${t('program.indicator')}
      <select name="indicator" @change=${e => setQuery({indicator: e.target.value}, {replace: true})}>
        ${this._program.indicators.map(i => html`<option value=${i.code} ?selected=${i.code === chosen?.code}>${i.name}</option>`)}
      </select></label>`;
  }

  #series() {
    const indicator = this.#chosenIndicator();
    if (!this._months?.length || !indicator) return nothing;
    const rows = this._months.map(m => ({label: m.label, value: m.progress.indicators.find(i => i.code === indicator.code)?.actual ?? null}));
    const option = {
      grid: {left: 8, right: 8, top: 16, bottom: 8, containLabel: true},
      tooltip: {trigger: 'axis', renderMode: 'richText', valueFormatter: v => number(v)},
      xAxis: {type: 'category', data: rows.map(r => r.label)},
      yAxis: {type: 'value', axisLabel: {formatter: v => number(v)}},
      series: [{type: 'bar', name: indicator.name, data: rows.map(r => r.value), itemStyle: {color: '#b3261e'}}],
      animation: false,
    };
    return html`<section class="series" aria-labelledby="series-title">
      <h2 id="series-title">${t(this._seriesBy === 'year' ? 'program.yearly' : 'program.monthly')}</h2>
      <form class="filters" @submit=${e => e.preventDefault()}>${this.#indicatorPicker()}</form>
      <ph-chart .option=${option} label=${t(this._seriesBy === 'year' ? 'program.yearlyChart' : 'program.monthlyChart', {indicator: indicator.name})}></ph-chart>
      <details class="table-view"><summary>${t('common.tableView')}</summary>
        <table><thead><tr><th scope="col">${t(this._seriesBy === 'year' ? 'program.yearColumn' : 'program.month')}</th><th scope="col" class="num">${indicator.name}</th></tr></thead>
          <tbody>${rows.map(r => html`<tr><th scope="row">${r.label}</th><td class="num">${number(r.value)}</td></tr>`)}</tbody>
        </table></details>
    </section>`;
  }

  #childUnits() {
    if (!this._children?.length) return nothing;
    const indicator = this.#chosenIndicator();
    const sort = this.query?.get('sort') || 'name';
    const rows = this._children.map(({unit, progress}) => {
      const row = progress.indicators.find(i => i.code === indicator.code) ?? {};
      return {unit, actual: row.actual ?? null, target: row.target ?? null, ratio: row.ratio ?? null,
        numerator: row.numerator ?? null, denominator: row.denominator ?? null, valueDate: row.valueDate ?? null};
    });
    const compare = {
      name: (a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'),
      actual: (a, b) => (b.actual ?? -Infinity) - (a.actual ?? -Infinity),
      ratio: (a, b) => (b.ratio ?? -Infinity) - (a.ratio ?? -Infinity),
    }[sort] ?? ((a, b) => 0);
    rows.sort(compare);
    const option = {
      grid: {left: 8, right: 16, top: 8, bottom: 8, containLabel: true},
      tooltip: {trigger: 'axis', renderMode: 'richText', valueFormatter: v => number(v)},
      xAxis: {type: 'value', axisLabel: {formatter: v => number(v)}},
      yAxis: {type: 'category', inverse: true, data: rows.map(r => r.unit.name),
        axisLabel: {width: 120, overflow: 'truncate'}},
      series: [{type: 'bar', name: indicator.name, data: rows.map(r => r.actual), itemStyle: {color: '#1d5fa8'}}],
      animation: false,
    };
    const header = (key, label, cls = '') => html`<th scope="col" class=${cls}
      aria-sort=${sort === key ? (key === 'name' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort" @click=${() => setQuery({sort: key}, {replace: true})}>${label}</button></th>`;
    return html`<section class="children" aria-labelledby="children-title">
      <h2 id="children-title">${t('program.children', {unit: this._unit?.name ?? ''})}</h2>
      <div class="table-wrap"><table class="units">
        <caption class="visually-hidden">${t('program.childrenCaption', {indicator: indicator.name})}</caption>
        <thead><tr>${header('name', t('program.unit'))}${header('actual', indicator.name, 'num')}${header('ratio', t('program.ofTargetShort'), 'num')}</tr></thead>
        <tbody>${rows.map(r => html`<tr data-unit-id=${r.unit.id}>
          <th scope="row"><a href=${this.#unitLink(r.unit.id)}>${r.unit.name}</a></th>
          <td class="num"><a href=${this.#sourcesLink(r.unit.id, indicator.code)} data-figure=${indicator.code}
            aria-label=${t('program.whereFromFigure', {figure: number(r.actual), unit: r.unit.name})}>${number(r.actual)}</a>
            ${indicator.aggregation === 'RATIO' && r.denominator !== null ? html`<span class="parts">${number(r.numerator)} ÷ ${number(r.denominator)}</span>` : nothing}
            ${r.valueDate ? html`<span class="value-date">${t('figures.asOf', {date: date(r.valueDate)})}</span>` : nothing}</td>
          <td class="num">${r.target === null ? '–' : percent(r.ratio)}</td></tr>`)}</tbody>
      </table></div>
      <ph-chart class="bars" .option=${option} label=${t('program.childrenChart', {indicator: indicator.name})}
></ph-chart>
    </section>`;
  }
}

/** The share of the target as a bar; its width set through the CSSOM, which the CSP allows (a style attribute it does not). */
function bar(ratio) {
  const share = Math.max(0, Math.min(1, Number(ratio ?? 0)));
  return html`<div class="bar" aria-hidden="true"><div class="fill ${Number(ratio) >= 1 ? 'done' : ''}"
    ${ref(element => { if (element) element.style.width = `${(share * 100).toFixed(1)}%`; })}></div></div>`;
}

customElements.define('ph-program-page', ProgramPage);
