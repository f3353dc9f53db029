// Units by id, for pages that hold ids (a user's scope, a webhook's filter) and must show names. Each unit is
// asked for once per page load; one the person may not read, or that does not exist, is null.
import {api} from './api.js';

const known = new Map();

/** A map from each of the ids to its unit, or to null when it cannot be read. */
export async function unitsById(ids) {
  const wanted = [...new Set(ids.filter(Boolean))];
  wanted.filter(id => !known.has(id)).forEach(id =>
    known.set(id, api(`/api/v1/units/${encodeURIComponent(id)}`).catch(() => null)));
  const units = await Promise.all(wanted.map(id => known.get(id)));
  return new Map(wanted.map((id, i) => [id, units[i]]));
}
