// The live stream (GET /api/v1/stream, with the session cookie) shared by every page: the shell shows its state,
// pages listen for the event types they show. EventSource reconnects by itself after a drop and sends
// Last-Event-ID, so the gateway replays what was missed. When the browser gives up (the gateway answered an
// error while restarting) a new EventSource starts without that id: then 'resumed' tells every page to refetch,
// so nothing in between is missed either way.
import {announce} from './events.js';

const RETRY_MS = [1000, 2000, 5000, 10000, 30000];

class LiveStream extends EventTarget {
  state = 'offline';
  lastUpdate = null;
  #source = null;
  #failures = 0;
  #timer = null;
  #types = ['progress.changed.v1', 'activity.submitted.v1', 'activity.confirmed.v1', 'activity.rejected.v1',
    'activity.corrected.v1'];

  start() {
    if (this.#source) return;
    this.#open(false);
    window.addEventListener('offline', () => this.#set('offline'));
    window.addEventListener('online', () => { if (!this.#source) this.#open(true); });
    // closed before the page goes: a stream left to the browser can hold one of its six connections to the
    // origin after the page has gone, and a few page loads later the next page waits for a free one
    window.addEventListener('pagehide', () => this.#source?.close());
  }

  #open(resuming) {
    clearTimeout(this.#timer);
    const source = new EventSource('/api/v1/stream?types=' + this.#types.join(','));
    this.#source = source;
    let dropped = resuming;
    source.onopen = () => {
      this.#failures = 0;
      this.lastUpdate = new Date();
      this.#set('live');
      if (dropped) this.dispatchEvent(new Event('resumed'));
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      if (source.readyState === EventSource.CLOSED) {
        this.#source = null;
        this.#set(navigator.onLine ? 'reconnecting' : 'offline');
        const wait = RETRY_MS[Math.min(this.#failures++, RETRY_MS.length - 1)];
        this.#timer = setTimeout(() => this.#open(true), wait);
      } else {
        this.#set(navigator.onLine ? 'reconnecting' : 'offline');
      }
    };
    this.#types.forEach(type => source.addEventListener(type, message => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      this.lastUpdate = new Date();
      this.dispatchEvent(new CustomEvent(type, {detail: event}));
      this.dispatchEvent(new Event('update'));
    }));
  }

  #set(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new Event('state'));
    announce('live-state', {state});
  }
}

export const live = new LiveStream();

/** Whether an event's unit path (its unit and the unit's ancestors) passes through unit (null: the whole program). */
export function concerns(event, programId, unitId) {
  const data = event.data ?? {};
  if ((data.programId ?? event.programid) !== programId) return false;
  if (!unitId) return true;
  const path = [data.unitId ?? event.unitid, ...String(event.ancestorids ?? '').split(/[\s,]+/)];
  return path.includes(unitId);
}
