// A webhook batch from its parsed body to the rows to insert: shape, count, every event's check
// (schema.mjs), the per-viewer counts the rate limits take, and the retention cut. Pure (no state).
import { checkEvent, eventRow } from './schema.mjs';

/**
 * @typedef {{ ok: false, status: number, error: string, extra?: Record<string, unknown> }} Refused
 * @typedef {{ ok: true, total: number, dropped: number, perViewer: Map<string, number>, expired: number, rows: ReturnType<typeof eventRow>[] }} Prepared
 * @typedef {{ now: number, maxFutureMs: number, maxBatchEvents: number, retentionDays: number }} Limits
 */

/**
 * Past the retention period (the table's TTL would drop it at once): not stored, counted as expired.
 * @param {number} at @param {number} now @param {number} retentionDays
 */
export const expired = (at, now, retentionDays) => retentionDays > 0 && at - (at % 86_400_000) + retentionDays * 86_400_000 <= now;

/**
 * A parsed body's events, checked and made rows.
 * @param {any} body
 * @param {Limits} limits
 * @returns {Refused | Prepared}
 */
export function prepareEvents(body, { now, maxFutureMs, maxBatchEvents, retentionDays }) {
  const events = Array.isArray(body) ? body : Array.isArray(body?.events) ? body.events : null;
  if (!events) return { ok: false, status: 400, error: 'expected {"events": [...]} or an array of events' };
  if (events.length > maxBatchEvents) return { ok: false, status: 413, error: `more than ${maxBatchEvents} events in one batch` };
  const check = { now, maxFutureMs };
  for (let i = 0; i < events.length; i++) {
    const problem = checkEvent(events[i], check);
    if (problem) return { ok: false, status: 422, error: `event ${i}: ${problem}`, extra: { index: i, ...(typeof events[i]?.id === 'string' ? { id: String(events[i].id).slice(0, 128) } : {}) } };
  }
  /** @type {Map<string, number>} events per viewer id (all of them: the rate limits count every event) */
  const perViewer = new Map();
  const rows = [];
  let old = 0;
  for (const e of events) {
    perViewer.set(e.viewerId, (perViewer.get(e.viewerId) ?? 0) + 1);
    if (expired(e.at, now, retentionDays)) old++;
    else rows.push(eventRow(e));
  }
  return { ok: true, total: events.length, dropped: Number.isSafeInteger(body?.dropped) && body.dropped > 0 ? body.dropped : 0, perViewer, expired: old, rows };
}
