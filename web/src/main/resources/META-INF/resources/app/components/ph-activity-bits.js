// What the co-signing pages share: an activity's state as people say it (awaiting police / awaiting Front /
// counted / rejected / corrected), its figures by indicator name and unit of measure, the programs behind them,
// and a refresher that turns a burst of stream notices into one fetch (plus one more if notices came meanwhile).
import {html} from 'lit';
import {api} from '../core/api.js';
import {number, t} from '../core/i18n.js';
import {live} from '../core/live.js';

export const ACTIVITY_EVENTS = ['activity.submitted.v1', 'activity.confirmed.v1', 'activity.rejected.v1',
  'activity.corrected.v1'];

/** The agencies whose word the current revision still waits for, in a stable order. */
export function waitingAgencies(activity) {
  const sides = [activity.loggingUnit, ...(activity.coUnits ?? [])].filter(side => side && !side.confirmedBy);
  return ['POLICE', 'FRONT', 'OTHER'].filter(agency => sides.some(side => side.agency === agency));
}

/** The states shown for an activity: keys under cosign.state.* ('awaiting.FRONT', 'counted', 'corrected', ...). */
export function statesOf(activity) {
  if (activity.status === 'REJECTED') return ['rejected'];
  const states = activity.status === 'AWAITING_CONFIRMATION'
    ? waitingAgencies(activity).map(agency => 'awaiting.' + agency) : ['counted'];
  if (activity.revision > 1) states.push('corrected');
  return states;
}

export function stateView(activity) {
  return statesOf(activity).map(state => html`<span class="state state-${state.replace('.', '-')}"
    data-state=${state}>${t('cosign.state.' + state)}</span> `);
}

/** The filters of the state picker and the list's query for each. */
export const STATE_FILTERS = {
  awaitingPolice: {awaiting: 'POLICE'},
  awaitingFront: {awaiting: 'FRONT'},
  counted: {status: ['SUBMITTED', 'CONFIRMED']},
  rejected: {status: ['REJECTED']},
  corrected: {corrected: 'true'},
};

/** Who a token's subject is: a person (user:<username>) by username, a client by its id. */
export function who(subject) {
  if (!subject) return '–';
  return subject.startsWith('user:') ? subject.slice(5) : subject;
}

const programs = new Map();

/** A program (title, indicators) by id, asked once per page visit; null where the person may not read it. */
export function programOf(id) {
  if (!programs.has(id)) {
    programs.set(id, api(`/api/v1/programs/${encodeURIComponent(id)}`).catch(() => null));
  }
  return programs.get(id);
}

export function indicatorOf(program, code) {
  return program?.indicators?.find(indicator => indicator.code === code) ?? {code, name: code, unitOfMeasure: ''};
}

/** "Buổi tuyên truyền: 2 buổi" for each figure. */
export function figuresView(metrics, program) {
  return html`<ul class="figure-list">${Object.entries(metrics ?? {}).map(([code, value]) => {
    const indicator = indicatorOf(program, code);
    return html`<li data-indicator=${code}>${indicator.name}: <strong>${number(value)}</strong>
      ${indicator.unitOfMeasure ?? ''}</li>`;
  })}</ul>`;
}

/**
 * Calls `load` when an activity notice (or a resumed stream) arrives: one call per burst, and one more if notices
 * arrived while it ran, so the page ends up with what is stored. Returns the function that stops listening.
 */
export function refetchOnActivity(load, concerns = () => true) {
  let running = false;
  let again = false;
  const round = async () => {
    if (running) { again = true; return; }
    running = true;
    try {
      do {
        again = false;
        await load();
      } while (again);
    } finally {
      running = false;
    }
  };
  const onEvent = event => { if (concerns(event.detail ?? {})) round(); };
  ACTIVITY_EVENTS.forEach(type => live.addEventListener(type, onEvent));
  live.addEventListener('resumed', round);
  return () => {
    ACTIVITY_EVENTS.forEach(type => live.removeEventListener(type, onEvent));
    live.removeEventListener('resumed', round);
  };
}
