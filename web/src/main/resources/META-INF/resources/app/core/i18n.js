// The person's language (Vietnamese by default, remembered in this browser) and the formats of Viet Nam:
// dd/MM/yyyy, Vietnamese grouping (1.360.000), Viet Nam time whatever the device's zone.
const STORAGE_KEY = 'phoihop.language';
export const LANGUAGES = ['vi', 'en'];
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

let language = 'vi';
let catalogue = {};
const listeners = new Set();

export function currentLanguage() {
  return language;
}

/** Loads a catalogue (app/i18n/<language>.json) and tells every listener, so the open page re-renders in place. */
export async function useLanguage(wanted) {
  const chosen = LANGUAGES.includes(wanted) ? wanted : 'vi';
  const response = await fetch(`/app/i18n/${chosen}.json`, {credentials: 'same-origin'});
  catalogue = await response.json();
  language = chosen;
  numbers = null;
  try { localStorage.setItem(STORAGE_KEY, chosen); } catch { /* private mode: not remembered */ }
  document.documentElement.lang = chosen;
  listeners.forEach(listener => listener(chosen));
}

export function rememberedLanguage() {
  try { return localStorage.getItem(STORAGE_KEY) || 'vi'; } catch { return 'vi'; }
}

export function onLanguage(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The text of a key, with {name} placeholders filled in; the key itself when the catalogue lacks it. */
export function t(key, params = {}) {
  const text = catalogue[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');
}

/** t() for a key that may be missing: the fallback instead of the key. */
export function tOr(key, fallback, params = {}) {
  return key in catalogue ? t(key, params) : fallback;
}

let numbers = null;
function locale() {
  return language === 'vi' ? 'vi-VN' : 'en-US';
}

/** A figure as the person reads numbers: 1.360.000 or 1,360,000; up to 3 decimals, as the services keep them. */
export function number(value) {
  if (value === null || value === undefined || value === '') return '–';
  numbers ??= new Intl.NumberFormat(locale(), {maximumFractionDigits: 3});
  return numbers.format(value);
}

/** A share (0.5 → 50 %), one decimal at most. */
export function percent(ratio) {
  if (ratio === null || ratio === undefined) return '–';
  return new Intl.NumberFormat(locale(), {style: 'percent', maximumFractionDigits: 1}).format(ratio);
}

/** 2019-08-19 → 19/08/2019, in either language. */
export function date(iso) {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function parts(instant, options) {
  const found = {};
  new Intl.DateTimeFormat('en-GB', {timeZone: TIME_ZONE, hourCycle: 'h23', ...options})
    .formatToParts(instant instanceof Date ? instant : new Date(instant))
    .forEach(part => { found[part.type] = part.value; });
  return found;
}

/** An instant as the time in Viet Nam, 14:05:09. */
export function time(instant) {
  const p = parts(instant, {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** An instant as date and time in Viet Nam, 19/08/2019 14:05. */
export function dateTime(instant) {
  if (!instant) return '–';
  const p = parts(instant, {year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'});
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today's date in Viet Nam, 2026-12-08. */
export function today() {
  const p = parts(new Date(), {year: 'numeric', month: '2-digit', day: '2-digit'});
  return `${p.year}-${p.month}-${p.day}`;
}

/** Text without case or Vietnamese diacritics: "Cần Thơ" and "can tho" match. */
export function fold(text) {
  return (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
