// A problem document's detail, shown where the failed part of the page would be; in the person's language
// where the app knows the problem's type or status.
import {html, nothing} from 'lit';
import {tOr} from '../core/i18n.js';

export function problemView(error) {
  if (!error) return nothing;
  const type = (error.type ?? '').split('/').pop();
  const known = type ? tOr('problem.' + type, '') : '';
  const byStatus = tOr('problem.status.' + (error.status ?? 0), '');
  const text = known || error.detail || byStatus || error.message;
  return html`<div class="problem" role="alert">
    <p>${text}</p>
    ${(error.errors ?? []).length ? html`<ul>${error.errors.map(e => html`<li><code>${e.field}</code>: ${e.message}</li>`)}</ul>` : nothing}
  </div>`;
}
