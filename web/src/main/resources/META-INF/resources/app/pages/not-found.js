import {html} from 'lit';
import {AppElement} from '../core/element.js';
import {t} from '../core/i18n.js';

class NotFoundPage extends AppElement {
  render() {
    return html`<h1>${t('notFound.title')}</h1><p><a href="/programs">${t('notFound.back')}</a></p>`;
  }
}

customElements.define('ph-not-found-page', NotFoundPage);
