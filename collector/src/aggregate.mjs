// The report's pre-aggregated rows (show_viewers, viewer_minutes; docs/collector.md § The report at
// scale), made in the collector from the events it has just inserted, and written in one insert per
// table every few seconds (or before a report, a show list or a deletion) instead of by materialized
// views at every insert: the views cost more engine time per inserted event than the insert itself.
// Each row is computed exactly as `aggregateSelect` (collector/src/sql.mjs) computes it, with the same
// floating-point operations; that SQL still rebuilds a show's rows at start when they disagree with
// its events (collector/src/store.mjs, ensureAggregates), e.g. after a crash lost the rows pending here.
import { INTERACTION_TYPES } from './schema.mjs';

const INTERACTIONS = new Set(INTERACTION_TYPES);

/** ±inf as ClickHouse reads them from JSON (quoted, so JSON.stringify keeps them). */
const float = (/** @type {number} */ value) => (Number.isFinite(value) ? value : value > 0 ? 'inf' : '-inf');

/**
 * @typedef {{ show: string, tl: number, viewer: string, day: number, n: number, lo: number, hi: number, live: number, ended: number,
 *   seen: number, sessions: Set<string>, watched: number, interacted: number, carted: number }} ViewerRow
 * @typedef {{ show: string, viewer: string, minute: number, day: number, n: number, cover_from: number, cover_to: number }} MinuteRow
 */

export class Aggregator {
  /**
   * @param {import('./store.mjs').Engine} engine
   * @param {{ maxEvents?: number, maxDelayMs?: number }} [options]  flush once this many events wait, or this long after the first
   */
  constructor(engine, { maxEvents = 200_000, maxDelayMs = 2_000 } = {}) {
    this.engine = engine;
    this.maxEvents = maxEvents;
    this.maxDelayMs = maxDelayMs;
    /** Per show and viewer: their rows by day (and timeline or not), and by minute. @type {Map<string, Map<string, {rows: Map<number, ViewerRow>, minutes: Map<number | string, MinuteRow>}>>} */
    this.shows = new Map();
    this.events = 0;
    /** Rows made but not yet written (kept on a failed insert, retried at the next flush). @type {Array<{table: 'show_viewers' | 'viewer_minutes', rows: any[]}>} */
    this.queue = [];
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    /** The flush in progress (flushes run one after another). */
    this.running = Promise.resolve();
    this.stats = { flushes: 0, flushMs: 0 };
  }

  /**
   * Adds inserted events (rows of `events`, collector/src/schema.mjs eventRow).
   * @param {Array<{ show: string, type: string, at: number, viewer: string, session: string, seconds: number, kind: string }>} rows
   */
  add(rows) {
    for (const row of rows) this.#addOne(row);
    this.events += rows.length;
    if (this.events >= this.maxEvents) void this.flush().catch(() => {});
    else if (!this.timer && this.events > 0) {
      this.timer = setTimeout(() => void this.flush().catch(() => {}), this.maxDelayMs);
      this.timer.unref?.();
    }
  }

  /** @param {{ show: string, type: string, at: number, viewer: string, session: string, seconds: number, kind: string }} e */
  #addOne({ show, type, at, viewer, session, seconds, kind }) {
    // Nested maps and number keys: no key string to build per event.
    let byViewer = this.shows.get(show);
    if (!byViewer) this.shows.set(show, (byViewer = new Map()));
    let pending = byViewer.get(viewer);
    if (!pending) byViewer.set(viewer, (pending = { rows: new Map(), minutes: new Map() }));
    // toDate(toDateTime(intDiv(toInt64(at), 1000), 'UTC')) as days since the epoch (at ≥ 0).
    const day = Math.floor(Math.trunc(at) / 86_400_000);
    const tl = type === 'timeline' ? 1 : 0;
    let v = pending.rows.get(day * 2 + tl);
    if (!v) {
      v = { show, tl, viewer, day, n: 0, lo: Infinity, hi: -Infinity, live: Infinity, ended: -Infinity, seen: Infinity, sessions: new Set(), watched: 0, interacted: 0, carted: 0 };
      pending.rows.set(day * 2 + tl, v);
    }
    v.n++;
    if (at < v.lo) v.lo = at;
    if (at > v.hi) v.hi = at;
    if (tl && kind === 'show_live' && at < v.live) v.live = at;
    if (tl && kind === 'show_ended' && at > v.ended) v.ended = at;
    if ((type === 'session_start' || type === 'heartbeat') && at < v.seen) v.seen = at;
    v.sessions.add(session);
    if (INTERACTIONS.has(type)) v.interacted = 1;
    if (type === 'add_to_cart') v.carted = 1;
    if (type !== 'heartbeat' || !(seconds > 0)) return;
    v.watched += seconds;
    // The heartbeat's span cut at the clock's minutes, tried from a minute before to a minute after;
    // the first piece carries the heartbeat's count, and a span with no piece gets an empty hull.
    const from = at - seconds * 1000;
    const last = Math.ceil(at / 60000) + 1;
    let first = 1;
    for (let b = Math.floor(from / 60000) - 1; b < last; b++) {
      const a = Math.max(from, b * 60000);
      const z = Math.min(at, (b + 1) * 60000);
      if (z > a) {
        this.#minute(pending.minutes, show, viewer, b, day, first, a, z);
        first = 0;
      }
    }
    if (first) this.#minute(pending.minutes, show, viewer, Math.floor(at / 60000), day, 1, Infinity, -Infinity);
  }

  /** @param {Map<number | string, MinuteRow>} minutes @param {string} show @param {string} viewer @param {number} minute @param {number} day @param {number} n @param {number} a @param {number} z */
  #minute(minutes, show, viewer, minute, day, n, a, z) {
    // The heartbeat's day is the piece's, or the next one (a span of at most a minute): a number key.
    const next = day - Math.floor(minute / 1440);
    const key = next === 0 || next === 1 ? minute * 2 + next : `${minute}:${day}`;
    const m = minutes.get(key);
    if (!m) minutes.set(key, { show, viewer, minute, day, n, cover_from: a, cover_to: z });
    else {
      m.n += n;
      if (a < m.cover_from) m.cover_from = a;
      if (z > m.cover_to) m.cover_to = z;
    }
  }

  /** Writes every row made so far (after any flush in progress); rejects if an insert failed (its rows are kept). */
  flush() {
    const next = this.running.catch(() => {}).then(() => this.#write());
    this.running = next;
    return next;
  }

  async #write() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.events) {
      const viewers = [];
      const minutes = [];
      for (const byViewer of this.shows.values()) {
        for (const pending of byViewer.values()) {
          for (const v of pending.rows.values()) viewers.push({ ...v, lo: float(v.lo), hi: float(v.hi), live: float(v.live), ended: float(v.ended), seen: float(v.seen), sessions: [...v.sessions] });
          for (const m of pending.minutes.values()) minutes.push({ ...m, cover_from: float(m.cover_from), cover_to: float(m.cover_to) });
        }
      }
      this.shows = new Map();
      this.events = 0;
      this.queue.push({ table: 'show_viewers', rows: viewers }, { table: 'viewer_minutes', rows: minutes });
    }
    const t0 = performance.now();
    while (this.queue.length) {
      const { table, rows } = /** @type {{table: 'show_viewers' | 'viewer_minutes', rows: any[]}} */ (this.queue[0]);
      await this.engine.insert(table, rows);
      this.queue.shift();
    }
    this.stats.flushes++;
    this.stats.flushMs += performance.now() - t0;
  }
}
