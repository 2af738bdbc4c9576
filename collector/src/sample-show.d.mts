// Types for sample-show.mjs (the browser tests import it next to src/analytics/metrics.ts).
export interface SampleOrder {
  type: 'order';
  id: string;
  at: number;
  show: string;
  viewerId: string;
  props: { value: number; currency: string };
}
export function sampleShow(options?: { start?: number; viewers?: number; show?: string; seed?: number; idPrefix?: string }): {
  events: Array<{ id: string; type: string; at: number; show: string; viewerId: string; sessionId: string; locale: string; props: Record<string, unknown> }>;
  orders: SampleOrder[];
};
