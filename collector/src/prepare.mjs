// A webhook batch from its body to the rows to insert: JSON, shape, every event's check (schema.mjs),
// the retention cut, and each row's JSONCompactEachRow text. Pure (no state), so it runs on a worker
// thread (collector/src/prepare-worker.mjs) beside the HTTP thread, or on that thread itself; the
// answer is columns of plain values, cheap to hand from one thread to the other.
import { checkEvent, eventRow } from './schema.mjs';
import { COLUMNS } from './sql.mjs';

/**
 * @typedef {{ ok: false, status: number, error: string, extra?: Record<string, unknown> }} Refused
 * @typedef {{ ok: true, total: number, dropped: number, viewers: string[], counts: number[], expired: number,
 *   id: string[], show: string[], type: string[], at: number[], viewer: string[], session: string[], seconds: number[], kind: string[], json: string[] }} Prepared
 * @typedef {{ now: number, maxFutureMs: number, maxBatchEvents: number, retentionDays: number }} Limits
 */

const columns = COLUMNS.events;
/** The row as the array of the table's columns (named reads: faster than by a variable name). */
const toArray = /** @type {(row: any) => unknown[]} */ (new Function('r', `return [${columns.map((c) => `r.${c}`).join(', ')}];`));

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
  for (const e of events) perViewer.set(e.viewerId, (perViewer.get(e.viewerId) ?? 0) + 1);
  /** @type {Prepared} */
  const out = { ok: true, total: events.length, dropped: Number.isSafeInteger(body?.dropped) && body.dropped > 0 ? body.dropped : 0, viewers: [...perViewer.keys()], counts: [...perViewer.values()], expired: 0, id: [], show: [], type: [], at: [], viewer: [], session: [], seconds: [], kind: [], json: [] };
  for (const e of events) {
    if (expired(e.at, now, retentionDays)) {
      out.expired++;
      continue;
    }
    const row = eventRow(e);
    out.id.push(row.id);
    out.show.push(row.show);
    out.type.push(row.type);
    out.at.push(row.at);
    out.viewer.push(row.viewer);
    out.session.push(row.session);
    out.seconds.push(row.seconds);
    out.kind.push(row.kind);
    out.json.push(JSON.stringify(toArray(row)));
  }
  return out;
}

/**
 * A body's bytes to rows: JSON first (`400` when it is not).
 * @param {Uint8Array} bytes
 * @param {Limits} limits
 * @returns {Refused | Prepared}
 */
export function prepareBody(bytes, limits) {
  let body;
  try {
    body = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'body is not JSON' };
  }
  return prepareEvents(body, limits);
}

/**
 * The rows of a prepared batch as objects: what the writer's dedup, the recent ids and the aggregator
 * read, and `json`, the row's text for the insert.
 * @param {Prepared} p
 */
export function preparedRows(p) {
  const rows = new Array(p.id.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = { id: p.id[i], show: p.show[i], type: p.type[i], at: p.at[i], viewer: p.viewer[i], session: p.session[i], seconds: p.seconds[i], kind: p.kind[i], json: p.json[i] };
  }
  return rows;
}
