// Dates as people type them: dd/MM/yyyy in both languages, whatever the browser's locale (a native date input
// shows that locale's format instead). Answers the ISO date the API takes, or why the text is not a date.
const FIRST = '1900-01-01';
const LAST = '2199-12-31';

/** '02/09/2025' → {iso: '2025-09-02'}; '' → {iso: null}; else {error: 'format' | 'date' | 'range'}. */
export function parseDay(text) {
  const value = (text ?? '').trim();
  if (!value) return {iso: null};
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!match) return {error: 'format'};
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return {error: 'date'};
  }
  const iso = `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return iso < FIRST || iso > LAST ? {error: 'range'} : {iso};
}
