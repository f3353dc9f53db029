// The base of the app's elements: Lit, rendered into the light DOM so the one stylesheet (app.css) applies and
// the page's text is the document's; re-rendered when the language changes.
import {LitElement} from 'lit';
import {onLanguage} from './i18n.js';

export class AppElement extends LitElement {
  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this._stopLanguage = onLanguage(() => this.requestUpdate());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stopLanguage?.();
  }
}
