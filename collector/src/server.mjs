#!/usr/bin/env node
// The collector: an HTTP service that takes `<linger-room webhook>` batches, stores them in ClickHouse
// (chDB in this process by default; a server or cluster with CLICKHOUSE_URL) and serves per-show
// reports. docs/collector.md describes the endpoints, limits and guarantees.
//
//   node collector/src/server.mjs        (PORT, HOST, LINGER_DATA_DIR, CLICKHOUSE_URL, LINGER_ACCESS_KEY, …)
import { createServer } from 'node:http';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { MAX_STRING } from './schema.mjs';
import { prepareEvents } from './prepare.mjs';
import { DEFAULT_DATA_DIR, openStore } from './store.mjs';
import { showReport } from './report.mjs';
import { TokenBuckets } from './rate-limit.mjs';
import { sqlString } from './sql.mjs';
import { Aggregator } from './aggregate.mjs';
import { checkTimeline, MAX_TIMELINE_BYTES, TIMELINE_RECORD_START } from './timeline.mjs';

/**
 * @typedef {object} CollectorOptions
 * @property {string} [dataDir]         chDB data folder (default `collector/.data`).
 * @property {string} [clickhouseUrl]   Use a ClickHouse server instead of chDB.
 * @property {string} [accessKey]       Key for reports, orders and deletion (random when unset).
 * @property {number} [retentionDays]   Rows older than this are dropped (0 = keep). Default 395.
 * @property {boolean} [final]          Query with FINAL (default: with clickhouseUrl only).
 * @property {number} [maxBodyBytes]    Default 1,000,000.
 * @property {number} [maxTimelineBytes] A timeline record's body at most. Default 32 MiB + 1 KiB (collector/src/timeline.mjs).
 * @property {number} [maxBatchEvents]  Default 500.
 * @property {number} [maxFutureMs]     Events dated later than now + this are refused. Default 10 min.
 * @property {{rate: number, burst: number}} [perAddress]  Events/s per client address. Default 2,000/s, burst 10,000.
 * @property {{rate: number, burst: number}} [perViewer]   Events/s per viewer id. Default 5/s, burst 1,000.
 * @property {number} [maxQueuedEvents] Events waiting for the write before new batches get 429. Default 200,000.
 * @property {string} [allowedOrigins]  CORS origins for event posts (`*` or a comma list). Default `*`.
 * @property {boolean} [trustProxy]     Take the client address from the last X-Forwarded-For entry.
 * @property {number} [recentIds]       Recent event ids kept in memory for the dedup check (embedded). Default 1,000,000.
 * @property {() => number} [now]       Clock (ms since the epoch), for tests.
 */

const json = (/** @type {import('node:http').ServerResponse} */ res, /** @type {number} */ status, /** @type {unknown} */ body, headers = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

class HttpError extends Error {
  /** @param {number} status @param {string} message @param {Record<string, unknown>} [extra] @param {Record<string, string>} [headers] */
  constructor(status, message, extra = {}, headers = {}) {
    super(message);
    this.status = status;
    this.extra = extra;
    this.headers = headers;
  }
}

/** @param {string} value */
const digest = (value) => createHash('sha256').update(value).digest();

/**
 * Creates the collector (not yet listening).
 * @param {CollectorOptions} [options]
 */
export async function createCollector(options = {}) {
  const o = {
    maxBodyBytes: 1_000_000,
    maxTimelineBytes: MAX_TIMELINE_BYTES,
    maxBatchEvents: 500,
    maxFutureMs: 10 * 60_000,
    perAddress: { rate: 2_000, burst: 10_000 },
    perViewer: { rate: 5, burst: 1_000 },
    maxQueuedEvents: 200_000,
    allowedOrigins: '*',
    trustProxy: false,
    now: () => Date.now(),
    ...options,
  };
  const accessKey = o.accessKey || randomBytes(18).toString('base64url');
  const keyDigest = digest(accessKey);
  /** A show's replay token: reads that show's timeline and nothing else (derived from the key). */
  const replayToken = (/** @type {string} */ show) => createHmac('sha256', accessKey).update(`timeline\0${show}`).digest('base64url').slice(0, 32);
  /** Where a replay reads the show's timeline, with its token. */
  const replayPath = (/** @type {string} */ show) => `/shows/${encodeURIComponent(show)}/timeline?token=${replayToken(show)}`;
  const store = await openStore({ dataDir: o.dataDir, clickhouseUrl: o.clickhouseUrl, retentionDays: o.retentionDays ?? 395, final: o.final });
  const retentionDays = o.retentionDays ?? 395;
  /**
   * Past the retention period (the table's TTL would drop it at once): not stored, and counted as
   * `expired` in the answer rather than refusing the batch (its other events are good).
   * @param {number} at
   * @param {number} now
   */
  const expired = (at, now) => retentionDays > 0 && at - (at % 86_400_000) + retentionDays * 86_400_000 <= now;
  // The report's pre-aggregated rows, from the events as they are inserted (collector/src/aggregate.mjs).
  const aggregator = store.aggregated ? new Aggregator(store.engine) : null;
  const recent = store.singleWriter ? new RecentIds(store.newestAtStart, o.recentIds ?? 1_000_000) : null;
  const byAddress = new TokenBuckets(o.perAddress);
  const byViewer = new TokenBuckets(o.perViewer);
  const stats = { requests: 0, accepted: 0, duplicates: 0, refused: 0, limited: 0, dropped: 0, orders: 0, timelines: 0, writes: 0, checkMs: 0, insertMs: 0 };

  // ── the writer: one at a time, consecutive batches grouped into one check and one insert ──────
  /** @typedef {{ kind: 'events' | 'orders', rows: any[], resolve: (r: {accepted: number, duplicates: number}) => void, reject: (e: unknown) => void } | { kind: 'task', run: () => Promise<unknown>, resolve: (r: any) => void, reject: (e: unknown) => void }} Job */
  /** @type {Job[]} */
  const jobs = [];
  let queuedEvents = 0;
  let writing = false;
  let closed = false;

  /** @param {Job} job */
  function enqueue(job) {
    jobs.push(job);
    if (job.kind !== 'task') queuedEvents += job.rows.length;
    void drain();
  }

  /**
   * The write loop. Checks and inserts are pipelined: the next group's dedup check runs while the
   * previous group's insert is still going (its ids count as taken), inserts run one after another,
   * and a group is answered only after its own insert returned. If an insert fails, the group checked
   * against it fails too (503, the sinks retry): it may have counted the failed rows as duplicates.
   */
  async function drain() {
    if (writing) return;
    writing = true;
    /** The insert in progress: resolves true when it was written. */
    let previous = Promise.resolve(true);
    /** @type {Set<string>} ids of the insert in progress (and ids found stored), by table */
    let previousIds = new Set();
    let previousTable = '';
    while (jobs.length) {
      const first = /** @type {Job} */ (jobs[0]);
      if (first.kind === 'task') {
        jobs.shift();
        await previous;
        previous = Promise.resolve(true);
        previousIds = new Set();
        await first.run().then(first.resolve, first.reject);
        continue;
      }
      /** @type {Array<Extract<Job, {rows: any[]}>>} */
      const group = [];
      let rows = 0;
      while (jobs.length && jobs[0]?.kind === first.kind && (rows === 0 || rows + /** @type {any} */ (jobs[0]).rows.length <= 50_000)) {
        const job = /** @type {Extract<Job, {rows: any[]}>} */ (jobs.shift());
        rows += job.rows.length;
        group.push(job);
      }
      const fail = (/** @type {unknown} */ error) => {
        for (const job of group) job.reject(error);
        queuedEvents -= rows;
      };
      let checked;
      try {
        checked = await checkGroup(first.kind, group, previousTable === first.kind ? previousIds : new Set());
      } catch (error) {
        await previous;
        fail(error);
        continue;
      }
      if (!(await previous)) {
        fail(new Error('the previous write failed'));
        previousIds = new Set();
        continue;
      }
      // Every id the group found taken or is inserting: the first are stored already, so the set
      // serves as the next group's in-flight ids without building another one.
      previousIds = checked.taken;
      previousTable = first.kind;
      const t0 = performance.now();
      previous = store.engine.insert(first.kind, checked.fresh).then(
        () => {
          stats.insertMs += performance.now() - t0;
          stats.writes++;
          if (first.kind === 'events') {
            recent?.addAll(checked.fresh);
            aggregator?.add(checked.fresh);
          }
          group.forEach((job, i) => job.resolve(/** @type {{accepted: number, duplicates: number}} */ (checked.results[i])));
          queuedEvents -= rows;
          return true;
        },
        (error) => {
          fail(error);
          return false;
        },
      );
    }
    await previous;
    writing = false;
    if (jobs.length) void drain();
  }

  /**
   * Dedup of a group: within it, against the table, and against the insert in progress.
   * @param {'events' | 'orders'} table
   * @param {Array<Extract<Job, {rows: any[]}>>} group
   * @param {Set<string>} inFlight
   */
  async function checkGroup(table, group, inFlight) {
    const shows = new Set();
    for (const job of group) for (const row of job.rows) shows.add(row.show);
    // Events dated after the cutoff can only be in the table if this process wrote them since it
    // started, and those are all in `recent`: no query needed. Older ones are looked up.
    const lookup = [];
    const taken = new Set();
    for (const job of group) {
      for (const row of job.rows) {
        if (table === 'events' && recent && row.at > recent.cutoff) {
          if (recent.has(row.id)) taken.add(row.id);
        } else lookup.push(row.id);
      }
    }
    if (lookup.length) {
      const t0 = performance.now();
      for (const id of await store.existing(table, table === 'events' ? [...shows] : [], lookup)) taken.add(id);
      stats.checkMs += performance.now() - t0;
    }
    /** @type {any[]} */
    const fresh = [];
    const results = group.map((job) => {
      let accepted = 0;
      for (const row of job.rows) {
        if (taken.has(row.id) || inFlight.has(row.id)) continue;
        taken.add(row.id);
        fresh.push(row);
        accepted++;
      }
      return { accepted, duplicates: job.rows.length - accepted };
    });
    return { fresh, results, taken };
  }

  /** @param {'events' | 'orders'} kind @param {any[]} rows */
  const write = (kind, rows) => new Promise((resolve, reject) => enqueue({ kind, rows, resolve, reject }));
  /** Runs `run` in the writer's turn (after the writes before it, before those after). @param {() => Promise<any>} run */
  const task = (run) => new Promise((resolve, reject) => enqueue({ kind: 'task', run, resolve, reject }));
  /** `received` of the timelines this process stores: strictly increasing, so the newest send wins. */
  let lastReceived = 0;

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * The body as JSON, at most `maxBodyBytes` (parsed whatever its Content-Type: `sendBeacon` posts
   * text/plain) — or, with `timeline`, at most `maxTimelineBytes` for a body that begins as a timeline
   * record (collector/src/timeline.mjs), decided on its first bytes. Events rather than an async
   * iterator: leaving one early would destroy the socket before the 413 is written.
   * @param {import('node:http').IncomingMessage} req
   * @param {{ timeline?: boolean }} [options]
   * @returns {Promise<{ bytes: Buffer, size: number }>}
   */
  function readBody(req, { timeline = false } = {}) {
    const tooLarge = (/** @type {number} */ max) => new HttpError(413, `body larger than ${max} bytes`, {}, { Connection: 'close' });
    const declared = Number(req.headers['content-length']);
    if (declared > (timeline ? o.maxTimelineBytes : o.maxBodyBytes)) return Promise.reject(tooLarge(timeline ? o.maxTimelineBytes : o.maxBodyBytes));
    return new Promise((resolve, reject) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      let max = o.maxBodyBytes;
      const onData = (/** @type {Buffer} */ chunk) => {
        size += chunk.length;
        if (size > max && max === o.maxBodyBytes && timeline && TIMELINE_RECORD_START.test(Buffer.concat([...chunks, chunk]).subarray(0, 64).toString('latin1'))) max = o.maxTimelineBytes;
        if (size > max) {
          req.off('data', onData);
          req.off('end', onEnd);
          req.resume(); // discard the rest; the response closes the connection
          reject(tooLarge(max));
        } else chunks.push(chunk);
      };
      const onEnd = () => resolve({ bytes: chunks.length === 1 ? /** @type {Buffer} */ (chunks[0]) : Buffer.concat(chunks), size });
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', reject);
    });
  }

  /** @param {Buffer} bytes */
  const parseJson = (bytes) => {
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
  };

  /** The body as JSON (readBody's limits). @param {import('node:http').IncomingMessage} req @param {{ timeline?: boolean }} [options] */
  async function readJson(req, options) {
    const { bytes, size } = await readBody(req, options);
    return { body: parseJson(bytes), size };
  }

  /** @param {import('node:http').IncomingMessage} req @param {URL} url */
  function authorized(req, url) {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : (req.headers['x-linger-key'] ?? url.searchParams.get('key'));
    return typeof given === 'string' && timingSafeEqual(digest(given), keyDigest);
  }

  /** @param {import('node:http').IncomingMessage} req */
  function clientAddress(req) {
    const forwarded = o.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
    return forwarded || req.socket.remoteAddress || '?';
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function postEvents(req, res) {
    stats.requests++;
    const { bytes, size } = await readBody(req, { timeline: true });
    const now = o.now();
    const limits = { now, maxFutureMs: o.maxFutureMs, maxBatchEvents: o.maxBatchEvents, retentionDays };
    const body = parseJson(bytes);
    if (body?.record === 'timeline') return postTimeline(req, res, body);
    if (size > o.maxBodyBytes) throw new HttpError(413, `body larger than ${o.maxBodyBytes} bytes`, {}, { Connection: 'close' });
    const prepared = prepareEvents(body, limits);
    if (!prepared.ok) throw new HttpError(prepared.status, prepared.error, prepared.extra ?? {});
    // Rate limits: the whole batch or nothing (a refused batch is retried by the sink).
    const address = clientAddress(req);
    const { perViewer, total } = prepared;
    // One clock reading per batch (each bucket set's own clock).
    const clock = byAddress.now();
    const viewerClock = byViewer.now();
    let wait = byAddress.wait(address, total, clock);
    for (const [viewer, n] of perViewer) wait = Math.max(wait, byViewer.wait(viewer, n, viewerClock));
    if (queuedEvents + total > o.maxQueuedEvents) wait = Math.max(wait, 1);
    if (wait > 0) {
      stats.limited++;
      const seconds = Number.isFinite(wait) ? Math.max(1, Math.ceil(wait)) : 60;
      throw new HttpError(429, 'too many events; retry later', {}, { 'Retry-After': String(seconds) });
    }
    byAddress.take(address, total, clock);
    for (const [viewer, n] of perViewer) byViewer.take(viewer, n, viewerClock);
    stats.dropped += prepared.dropped;
    const result = await write('events', prepared.rows);
    stats.accepted += result.accepted;
    stats.duplicates += result.duplicates;
    json(res, 200, prepared.expired ? { ...result, expired: prepared.expired } : result);
  }

  /**
   * The show's timeline record (docs/replay.md): checked whole, stored as one row (so nothing of a
   * refused or failed one is written), answered after the write. A re-send of the same document
   * writes nothing; a changed one replaces it.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {any} body
   */
  async function postTimeline(req, res, body) {
    const problem = checkTimeline(body.timeline);
    if (problem) throw new HttpError(422, problem);
    // A timeline weighs like a full batch against its sender's address.
    const address = clientAddress(req);
    const clock = byAddress.now();
    const wait = byAddress.wait(address, o.maxBatchEvents, clock);
    if (wait > 0) {
      stats.limited++;
      throw new HttpError(429, 'too many requests; retry later', {}, { 'Retry-After': String(Number.isFinite(wait) ? Math.max(1, Math.ceil(wait)) : 60) });
    }
    byAddress.take(address, o.maxBatchEvents, clock);
    const show = /** @type {string} */ (body.timeline.show);
    const doc = JSON.stringify(body.timeline);
    const hash = createHash('sha256').update(doc).digest('hex');
    const bytes = Buffer.byteLength(doc);
    const duplicate = await task(async () => {
      if ((await store.timeline(show))?.digest === hash) return true;
      lastReceived = Math.max(o.now(), lastReceived + 1);
      await store.engine.insert('timelines', [{ show, received: lastReceived, digest: hash, bytes, doc }]);
      return false;
    });
    if (!duplicate) stats.timelines++;
    json(res, 200, { stored: true, duplicate, show, bytes, replay: replayPath(show) });
  }

  /**
   * GET: the show's newest timeline, as stored (ETag: its SHA-256; `If-None-Match` answers 304).
   * DELETE (access key only): removes the show's timelines.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url @param {string} show
   */
  async function showTimeline(req, res, url, show) {
    const token = url.searchParams.get('token');
    const byToken = req.method === 'GET' && typeof token === 'string' && timingSafeEqual(digest(token), digest(replayToken(show)));
    if (!byToken && !authorized(req, url)) throw new HttpError(401, 'access key or replay token required', {}, { 'WWW-Authenticate': 'Bearer' });
    if (req.method === 'DELETE') {
      if (closed) throw new HttpError(503, 'shutting down', {}, { 'Retry-After': '5' });
      const deleted = await task(async () => {
        const [{ n }] = await store.engine.rows('SELECT toUInt32(count()) AS n FROM timelines WHERE show = {show:String}', { show });
        if (n > 0) await store.engine.exec(`DELETE FROM timelines WHERE show = ${sqlString(show)}`);
        return n;
      });
      return json(res, 200, { deleted });
    }
    if (req.method !== 'GET') throw new HttpError(405, 'GET a timeline', {}, { Allow: 'GET, DELETE, OPTIONS' });
    const head = await store.timeline(show);
    if (!head) throw new HttpError(404, 'no timeline for this show');
    const etag = `"${head.digest}"`;
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    const row = await store.timeline(show, true);
    if (!row?.doc) throw new HttpError(404, 'no timeline for this show');
    res.writeHead(200, { ...headers, ETag: `"${row.digest}"`, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(row.doc) });
    res.end(row.doc);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function postOrders(req, res) {
    const { body } = await readJson(req);
    const orders = Array.isArray(body) ? body : Array.isArray(body?.orders) ? body.orders : body && typeof body === 'object' ? [body] : null;
    if (!orders) throw new HttpError(400, 'expected an order, an array of orders or {"orders": [...]}');
    if (orders.length > o.maxBatchEvents) throw new HttpError(413, `more than ${o.maxBatchEvents} orders in one request`);
    const now = o.now();
    const rows = orders.map((order, i) => {
      const problem = checkOrder(order, now + o.maxFutureMs);
      if (problem) throw new HttpError(422, `order ${i}: ${problem}`, { index: i });
      return { id: order.id, show: order.show, viewer: order.viewerId ?? '', at: order.at, value: order.props.value, currency: order.props.currency, customer: order.props.customer ?? '' };
    });
    const current = rows.filter((row) => !expired(row.at, now));
    const result = await write('orders', current);
    stats.orders += result.accepted;
    json(res, 200, current.length < rows.length ? { ...result, expired: rows.length - current.length } : result);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function postRedact(req, res) {
    const { body } = await readJson(req);
    /** @param {string} name */
    const list = (name) => {
      const value = body?.[name] ?? [];
      if (!Array.isArray(value) || value.length > 10_000 || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_STRING)) {
        throw new HttpError(400, `"${name}" must be an array of at most 10,000 non-empty strings`);
      }
      return /** @type {string[]} */ (value);
    };
    const viewerIds = list('viewerIds');
    const customerIds = list('customerIds');
    const orderIds = list('orderIds');
    if (!viewerIds.length && !customerIds.length && !orderIds.length) throw new HttpError(400, 'nothing to delete: give viewerIds, customerIds or orderIds');
    const inList = (/** @type {string[]} */ values) => `(${values.map(sqlString).join(',')})`;
    const run = async () => {
      // Their pending aggregate rows are written first, so the deletion below reaches them.
      await aggregator?.flush();
      const deleted = { events: 0, orders: 0 };
      const conditions = {
        events: viewerIds.length ? `viewer IN ${inList(viewerIds)}` : '',
        orders: [viewerIds.length && `viewer IN ${inList(viewerIds)}`, customerIds.length && `customer IN ${inList(customerIds)}`, orderIds.length && `id IN ${inList(orderIds)}`].filter(Boolean).join(' OR '),
      };
      for (const table of /** @type {const} */ (['events', 'orders'])) {
        const where = conditions[table];
        if (!where) continue;
        const [{ n }] = await store.engine.rows(`SELECT toUInt32(count()) AS n FROM ${table} WHERE ${where}`);
        // Lightweight delete: the rows are gone from every query at once and from disk at the next merge.
        if (n > 0) await store.engine.exec(`DELETE FROM ${table} WHERE ${where}`);
        deleted[table] = n;
      }
      // The report's pre-aggregated rows of those viewers.
      if (conditions.events && deleted.events > 0) {
        for (const table of store.aggregateTables) await store.engine.exec(`DELETE FROM ${table} WHERE ${conditions.events}`);
      }
      return deleted;
    };
    const deleted = await task(run);
    json(res, 200, { deleted });
  }

  /** A show id from the path. @param {string | undefined} segment */
  function showId(segment) {
    let show;
    try {
      show = decodeURIComponent(segment ?? '');
    } catch {
      throw new HttpError(400, 'bad show id');
    }
    if (!show || show.length > MAX_STRING) throw new HttpError(400, 'bad show id');
    return show;
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = url.pathname;
    const origin = req.headers.origin;
    const allowed = o.allowedOrigins === '*' ? '*' : o.allowedOrigins.split(',').map((s) => s.trim()).includes(String(origin)) ? String(origin) : '';
    if (path === '/events' || path === '/api/events') {
      const cors = allowed ? { 'Access-Control-Allow-Origin': allowed, Vary: 'Origin' } : {};
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' });
        return res.end();
      }
      if (req.method !== 'POST') throw new HttpError(405, 'POST events here', {}, { Allow: 'POST, OPTIONS' });
      if (closed) throw new HttpError(503, 'shutting down', {}, { 'Retry-After': '5' });
      if (allowed) {
        res.setHeader('Access-Control-Allow-Origin', allowed);
        res.setHeader('Vary', 'Origin');
      }
      return postEvents(req, res);
    }
    if (path === '/health') return json(res, 200, { ok: true, engine: store.engine.kind, queuedEvents, stats: { ...stats, ...(aggregator ? { aggregateFlushes: aggregator.stats.flushes, aggregateMs: Math.round(aggregator.stats.flushMs) } : {}) } });
    const timelinePath = /^\/shows\/([^/]+)\/timeline$/.exec(path);
    if (timelinePath) {
      // A replay page on another origin fetches it (docs/replay.md): CORS as for the events.
      const cors = allowed ? { 'Access-Control-Allow-Origin': allowed, 'Access-Control-Expose-Headers': 'ETag', Vary: 'Origin' } : {};
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, DELETE', 'Access-Control-Allow-Headers': 'Authorization, X-Linger-Key', 'Access-Control-Max-Age': '86400' });
        return res.end();
      }
      for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
      return showTimeline(req, res, url, showId(timelinePath[1]));
    }
    const report = /^\/shows\/([^/]+)\/report$/.exec(path);
    const keyed = report || path === '/orders' || path === '/privacy/redact' || path === '/shows';
    if (!keyed) throw new HttpError(404, 'not found');
    if (!authorized(req, url)) throw new HttpError(401, 'access key required', {}, { 'WWW-Authenticate': 'Bearer' });
    if (report) {
      if (req.method !== 'GET') throw new HttpError(405, 'GET a report', {}, { Allow: 'GET' });
      const show = showId(report[1]);
      const drops = Math.min(20, Math.max(0, Number(url.searchParams.get('drops') ?? 3) || 0));
      const window = Math.min(60, Math.max(1, Math.floor(Number(url.searchParams.get('window') ?? 5)) || 5));
      // Every acknowledged event counts: the rows still pending are written first.
      await aggregator?.flush();
      return json(res, 200, await showReport(store, show, { drops, window }));
    }
    if (path === '/shows') {
      if (req.method !== 'GET') throw new HttpError(405, 'GET the shows', {}, { Allow: 'GET' });
      await aggregator?.flush();
      // A show whose timeline is stored gets its replay URL (with the show's replay token) here too.
      const timelines = new Set((await store.engine.rows('SELECT DISTINCT show FROM timelines')).map((row) => row.show));
      const shows = (await store.engine.rows(store.queries.shows)).map((row) => (timelines.has(row.show) ? { ...row, timeline: replayPath(row.show) } : row));
      return json(res, 200, { shows });
    }
    if (req.method !== 'POST') throw new HttpError(405, 'POST here', {}, { Allow: 'POST' });
    if (closed) throw new HttpError(503, 'shutting down', {}, { 'Retry-After': '5' });
    return path === '/orders' ? postOrders(req, res) : postRedact(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const known = error instanceof HttpError;
      if (known) stats.refused++;
      else console.error('[linger-collector]', error);
      if (res.headersSent) return res.destroy();
      // Storage failures are the server's: 503 so the sink retries (nothing was acknowledged).
      json(res, known ? error.status : 503, { error: known ? error.message : 'storage unavailable; retry', ...(known ? error.extra : {}) }, known ? error.headers : { 'Retry-After': '5' });
    });
  });

  return {
    server,
    store,
    stats,
    accessKey,
    /** Listens on loopback (or `host`); resolves with the base URL. */
    async listen(port = 0, host = '127.0.0.1') {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(undefined));
      });
      const address = /** @type {import('node:net').AddressInfo} */ (server.address());
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    },
    /** Stops taking batches, lets queued writes finish, closes the engine. */
    async close() {
      closed = true;
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeIdleConnections();
      });
      while (writing || jobs.length) await new Promise((resolve) => setTimeout(resolve, 5));
      await aggregator?.flush().catch((error) => console.error('[linger-collector] aggregate rows not written (rebuilt at the next start):', error));
      await store.close();
    },
  };
}

/**
 * The ids this process inserted, for events dated after `cutoff` — so a retried batch of recent
 * events is recognised without a query. Invariant: every stored event dated after `cutoff` is here.
 * It starts at the newest event stored before this process (nothing later can be in the table) and,
 * when the set is full, the oldest entries go and `cutoff` moves up to the newest date among them.
 */
export class RecentIds {
  /** @param {number} cutoff @param {number} max */
  constructor(cutoff, max) {
    this.cutoff = cutoff;
    this.max = max;
    /** @type {Map<string, number>} id → at, in insertion order */
    this.ids = new Map();
  }

  /** @param {string} id */
  has(id) {
    return this.ids.has(id);
  }

  /** @param {Array<{id: string, at: number}>} rows  just written */
  addAll(rows) {
    for (const row of rows) if (row.at > this.cutoff) this.ids.set(row.id, row.at);
    if (this.ids.size <= this.max) return;
    let drop = this.ids.size - Math.floor(this.max * 0.9);
    for (const [id, at] of this.ids) {
      if (drop-- <= 0) break;
      this.ids.delete(id);
      if (at > this.cutoff) this.cutoff = at;
    }
    // Entries now at or before the cutoff are looked up in the table anyway.
  }
}

/**
 * An order (docs/collector.md): `{type: "order", id, show, viewerId?, at, props: {value, currency, customer?}}`.
 * @param {any} order
 * @param {number} latest
 */
export function checkOrder(order, latest) {
  if (!order || typeof order !== 'object' || Array.isArray(order)) return 'not an object';
  if (order.type !== undefined && order.type !== 'order') return '"type" must be "order"';
  const str = (/** @type {unknown} */ v, max = MAX_STRING) => typeof v === 'string' && v.length > 0 && v.length <= max;
  if (!str(order.id, 128)) return '"id" (the order id) must be a string of 1–128 characters';
  if (!str(order.show)) return '"show" must be a string of 1–200 characters';
  if (order.viewerId !== undefined && !(typeof order.viewerId === 'string' && order.viewerId.length <= MAX_STRING)) return '"viewerId" must be a string';
  if (typeof order.at !== 'number' || !Number.isFinite(order.at) || order.at < 0) return '"at" must be milliseconds since the epoch';
  if (order.at > latest) return '"at" is in the future';
  const p = order.props;
  if (!p || typeof p !== 'object') return 'missing "props"';
  if (!Number.isSafeInteger(p.value) || p.value < 0) return 'props.value must be a non-negative integer (minor units)';
  if (typeof p.currency !== 'string' || !/^[A-Z]{3}$/.test(p.currency)) return 'props.currency must be an ISO 4217 code (e.g. "USD")';
  if (p.customer !== undefined && !str(p.customer)) return 'props.customer must be a string of 1–200 characters';
  return null;
}

/** Options from the environment (docs/collector.md). */
export function optionsFromEnv(env = process.env) {
  /** @type {CollectorOptions} */
  const options = {
    dataDir: env.LINGER_DATA_DIR || DEFAULT_DATA_DIR,
    ...(env.CLICKHOUSE_URL ? { clickhouseUrl: env.CLICKHOUSE_URL } : {}),
    ...(env.LINGER_ACCESS_KEY ? { accessKey: env.LINGER_ACCESS_KEY } : {}),
    ...(env.LINGER_RETENTION_DAYS ? { retentionDays: Number(env.LINGER_RETENTION_DAYS) } : {}),
    ...(env.LINGER_ALLOWED_ORIGINS ? { allowedOrigins: env.LINGER_ALLOWED_ORIGINS } : {}),
    ...(env.LINGER_TRUST_PROXY === '1' ? { trustProxy: true } : {}),
    ...(env.LINGER_QUERY_FINAL ? { final: env.LINGER_QUERY_FINAL === '1' } : {}),
    ...(env.LINGER_ADDRESS_RATE ? { perAddress: { rate: Number(env.LINGER_ADDRESS_RATE), burst: Number(env.LINGER_ADDRESS_BURST || 5 * Number(env.LINGER_ADDRESS_RATE)) } } : {}),
    ...(env.LINGER_VIEWER_RATE ? { perViewer: { rate: Number(env.LINGER_VIEWER_RATE), burst: Number(env.LINGER_VIEWER_BURST || 1_000) } } : {}),
  };
  for (const limit of [options.perAddress, options.perViewer]) {
    if (limit && !(limit.rate > 0 && limit.burst >= 500)) throw new RangeError('rate limits: the rate must be positive and the burst at least 500 (one full batch)');
  }
  if (options.retentionDays !== undefined && !(Number.isInteger(options.retentionDays) && options.retentionDays >= 0)) {
    throw new RangeError(`LINGER_RETENTION_DAYS must be a whole number of days (0 = keep); got ${env.LINGER_RETENTION_DAYS}`);
  }
  return options;
}

// Run directly (also through a symlinked path, as `npm exec linger-collector` does).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const collector = await createCollector(optionsFromEnv());
  const url = await collector.listen(Number(process.env.PORT ?? 8787), process.env.HOST || '127.0.0.1');
  console.log(`Collector: ${url} (${collector.store.engine.kind}${process.env.CLICKHOUSE_URL ? '' : `, data in ${process.env.LINGER_DATA_DIR || DEFAULT_DATA_DIR}`})`);
  console.log(`  POST ${url}/events · GET ${url}/shows/<show>/report · access key: ${process.env.LINGER_ACCESS_KEY ? '(LINGER_ACCESS_KEY)' : collector.accessKey}`);
  if (collector.store.rebuilt.length) console.log(`  Rebuilt the report's pre-aggregated rows of ${collector.store.rebuilt.length} show(s) from their events.`);
  // Ready marker for supervisors and tests (one line, JSON).
  if (process.env.LINGER_READY_JSON === '1') console.log(JSON.stringify({ ready: url, pid: process.pid }));
  const stop = async () => {
    await collector.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
