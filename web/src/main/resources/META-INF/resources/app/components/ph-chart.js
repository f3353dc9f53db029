// A chart drawn by Apache ECharts, loaded only when a page draws one. Every chart comes with a table of the
// same figures (the page renders it next to the chart): screen readers, printing and copying read that.
import {html} from 'lit';
import {AppElement} from '../core/element.js';

let echarts = null;

class PhChart extends AppElement {
  static properties = {
    option: {attribute: false},
    label: {},
  };

  #chart = null;
  #resize = null;

  render() {
    return html`<div class="chart-canvas" role="img" aria-label=${this.label ?? ''}></div>`;
  }

  async updated() {
    echarts ??= await import('echarts');
    const canvas = this.querySelector('.chart-canvas');
    if (!this.#chart) {
      this.#chart = echarts.init(canvas, null, {renderer: 'canvas'});
      this.#resize = new ResizeObserver(() => this.#chart?.resize());
      this.#resize.observe(canvas);
    }
    if (this.option) this.#chart.setOption(this.option, {notMerge: true});
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#chart?.dispose();
    this.#chart = null;
  }
}

customElements.define('ph-chart', PhChart);
