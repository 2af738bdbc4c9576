import type { ShowMetrics } from '../../analytics/metrics.js';

/** Fired by `<linger-report>` when its figures are computed (`detail.metrics`). Bubbles and is composed. */
export class LingerReportReadyEvent extends Event {
  readonly detail: { metrics: ShowMetrics };
  constructor(metrics: ShowMetrics) {
    super('linger-report-ready', { bubbles: true, composed: true });
    this.detail = { metrics };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-report-ready': LingerReportReadyEvent;
  }
}
