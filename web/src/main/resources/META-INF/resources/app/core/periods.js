// The periods a program's figures are read for: the whole program, a year, a quarter, a review's period or a
// custom range, as a key in the page's query (period=y2019, q2019-3, r<review id>, custom with from/to).
export function yearsOf(program) {
  const first = Number(program.startsOn.slice(0, 4));
  const last = Number(program.endsOn.slice(0, 4));
  const years = [];
  for (let y = last; y >= first && years.length < 50; y--) years.push(y);
  return years;
}

const pad = n => String(n).padStart(2, '0');

function lastDay(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** {from, to} of a period key; null from/to: the program's own period. */
export function rangeOf(key, program, reviews = [], query = new URLSearchParams()) {
  if (!key || key === 'all') return {from: null, to: null};
  let match = /^y(\d{4})$/.exec(key);
  if (match) return {from: `${match[1]}-01-01`, to: `${match[1]}-12-31`};
  match = /^q(\d{4})-([1-4])$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    const end = quarter * 3;
    return {from: `${year}-${pad(end - 2)}-01`, to: `${year}-${pad(end)}-${lastDay(year, end)}`};
  }
  match = /^r(.+)$/.exec(key);
  if (match) {
    const review = reviews.find(r => r.id === match[1]);
    if (review) return {from: review.periodStart, to: review.periodEnd};
  }
  if (key === 'custom') return {from: query.get('from') || null, to: query.get('to') || null};
  return {from: null, to: null};
}

/** The months of a range as [{from, to, label}], at most the last `max` of them. */
export function monthsOf(from, to, max = 24) {
  const months = [];
  let year = Number(to.slice(0, 4));
  let month = Number(to.slice(5, 7));
  const start = from.slice(0, 7);
  while (months.length < max) {
    const key = `${year}-${pad(month)}`;
    if (key < start) break;
    const first = key === start ? from : `${key}-01`;
    const last = key === to.slice(0, 7) ? to : `${key}-${lastDay(year, month)}`;
    months.unshift({from: first, to: last, label: `${pad(month)}/${year}`});
    if (--month === 0) { month = 12; year--; }
  }
  return months;
}

/** The years of a range as [{from, to, label}]: the series of a period too long to show by month. */
export function yearsBetween(from, to) {
  const years = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    years.push({from: year === Number(from.slice(0, 4)) ? from : `${year}-01-01`,
      to: year === Number(to.slice(0, 4)) ? to : `${year}-12-31`, label: String(year)});
  }
  return years;
}

/** By month up to 24 months, by year beyond: [{from, to, label}] and which of the two. */
export function seriesOf(from, to) {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  return months > 24 ? {by: 'year', steps: yearsBetween(from, to)} : {by: 'month', steps: monthsOf(from, to)};
}
