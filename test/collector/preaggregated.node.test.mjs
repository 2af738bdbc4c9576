// The report read from the pre-aggregated tables (show_viewers, viewer_minutes; docs/collector.md
// § The report at scale) equals the report from a direct scan of the raw events, on a seeded show
// with awkward data: a start off the minute, fractional seconds, heartbeats across minute boundaries
// and before the start, several sessions per viewer, repeated event ids, and late events (a late
// `show_live` moves the start and with it every minute). Also after a redaction, after the backfill
// of a data folder written before the tables existed, and after the rebuild of a show whose
// aggregate rows went missing (collector/src/store.mjs, ensureAggregates).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../collector/src/server.mjs';
import { showReport } from '../../collector/src/report.mjs';
import { ensureAggregates } from '../../collector/src/store.mjs';
import { aggregateSelect } from '../../collector/src/sql.mjs';
import { assertSameMetrics, getJson, metricsTs, post, postBatches, waitFor } from './helpers.mjs';

const KEY = 'preaggregated-key';
const SHOW = 'seeded';
const auth = { Authorization: `Bearer ${KEY}` };
// 18:00:23.456 UTC: the show's minutes are off the clock's by 23.456 s.
const START = Date.UTC(2026, 0, 10, 18, 0, 23, 456);
let collector;
let base;
let ts;

before(async () => {
  ts = await metricsTs();
  collector = await createCollector({
    dataDir: join(mkdtempSync(join(tmpdir(), 'linger-preaggregated-')), 'data'),
    accessKey: KEY,
    retentionDays: 0,
    perAddress: { rate: 1e9, burst: 1e9 },
    perViewer: { rate: 1e9, burst: 1e9 },
  });
  base = await collector.listen(0);
});
after(() => collector.close());

/** 80 viewers over ~20 minutes; `late`: what arrives after the rest (the marks, early heartbeats). */
function seededShow(seed = 11) {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  const pick = (/** @type {any[]} */ list) => list[Math.floor(random() * list.length)];
  let n = 0;
  const events = [];
  const late = [];
  const push = (list, type, at, viewerId, sessionId, props, show = SHOW) => list.push({ id: `p${n++}`, type, at, show, viewerId, sessionId, locale: 'en', props });
  push(late, 'timeline', START, 'host', 'host', { kind: 'show_live', label: 'Live' });
  push(events, 'timeline', START + 7.25 * 60_000, 'host', 'host', { kind: 'perk_dropped', label: '10% off' });
  push(events, 'timeline', START + 19 * 60_000 + 500, 'host', 'host', { kind: 'show_ended' });
  for (let v = 0; v < 80; v++) {
    const viewer = `v${v}`;
    const sessions = 1 + Math.floor(random() * 3);
    for (let s = 0; s < sessions; s++) {
      const session = `${viewer}-s${s}`;
      // Some arrive before the start (pre-show seconds count in watch time, not in the curve).
      let at = START + Math.floor((random() * 18 - 1.5) * 60_000) + (s ? 0.5 : 0);
      const end = at + random() * 8 * 60_000;
      push(events, 'session_start', at, viewer, session, {});
      while (at < end) {
        const seconds = pick([15, 15, 15, 7.5, 30, 60, 0.25, 12.75, 0]);
        at += seconds ? seconds * 1000 : 4_000;
        // Heartbeats from the first minutes arrive late (a flaky connection's outbox).
        push(at < START + 90_000 && random() < 0.5 ? late : events, 'heartbeat', at, viewer, session, { seconds });
      }
      if (random() < 0.3) push(events, 'chat', at - 5_000, viewer, session, { message: `m${v}${s}`, length: 12 });
      if (random() < 0.15) push(events, 'like', at - 2_000, viewer, session, { count: 2 });
      if (random() < 0.1) push(events, 'add_to_cart', at - 1_000, viewer, session, { product: 'scarf', quantity: 1 });
      if (random() < 0.1) push(events, 'product_view', at, viewer, session, { product: 'scarf' });
    }
    // A third watched another show before this one (the return rate); a few after it (not returns).
    if (v % 3 === 0) push(events, 'heartbeat', START - 86_400_000, viewer, `${viewer}-old`, { seconds: 15 }, 'earlier');
    if (v % 7 === 0) push(events, 'session_start', START + 86_400_000, viewer, `${viewer}-next`, {}, 'later');
  }
  const orders = Array.from({ length: 9 }, (_, i) => ({ type: 'order', id: `po${i}`, show: SHOW, viewerId: `v${i * 7}`, at: START + (2 + i * 2) * 60_000 + 333, props: { value: 1000 + i, currency: i % 3 ? 'USD' : 'EUR' } }));
  return { events, late, orders };
}

/** The served report (pre-aggregated) and the same report from a scan of the raw events. */
async function bothReports(query = '') {
  assert.equal(collector.store.aggregated, true, 'embedded, the report reads the pre-aggregated tables');
  const served = (await getJson(`${base}/shows/${SHOW}/report${query}`, auth)).body;
  const raw = await showReport({ engine: collector.store.engine, queries: collector.store.rawQueries }, SHOW, Object.fromEntries([...new URLSearchParams(query.slice(1)).entries()].map(([k, v]) => [k, Number(v)])));
  return { served, raw };
}

test('the pre-aggregated report equals the raw scan: duplicates counted once, late events move the start', async () => {
  const { events, late, orders } = seededShow();
  assert.ok(events.length > 2000 && late.length > 50, `${events.length} events, ${late.length} late`);
  // Batches with repeated ids inside them, and every batch posted twice.
  const withRepeats = events.flatMap((e, i) => (i % 50 === 0 ? [e, { ...e }] : [e]));
  const first = await postBatches(`${base}/events`, withRepeats, { size: 97 });
  const again = await postBatches(`${base}/events`, events, { size: 100 });
  assert.ok([...first, ...again].every((a) => a.status === 200));
  assert.equal(first.reduce((sum, a) => sum + a.body.accepted, 0), events.length);
  assert.equal(again.reduce((sum, a) => sum + a.body.duplicates, 0), events.length, 'a replay is all duplicates');
  assert.equal((await post(`${base}/orders`, { orders }, auth)).body.accepted, orders.length);

  const before = await bothReports();
  assert.ok(before.served.metrics.viewers > 70 && before.served.metrics.start < START, 'without show_live, the start is the earliest event (a pre-show one)');
  assert.deepStrictEqual(before.served, before.raw);

  // The late events: show_live (the start moves to it) and early heartbeats, twice.
  await postBatches(`${base}/events`, late, { size: 40 });
  const replay = await postBatches(`${base}/events`, late, { size: 40 });
  assert.equal(replay.reduce((sum, a) => sum + a.body.duplicates, 0), late.length);
  const after = await bothReports();
  assert.equal(after.served.metrics.start, START, 'the late show_live is the start');
  assert.notDeepStrictEqual(after.served.metrics.curve, before.served.metrics.curve);
  assert.deepStrictEqual(after.served, after.raw);
  assert.equal(after.served.commerce.perks.length, 1);
  const other = await bothReports('?drops=5&window=3');
  assert.deepStrictEqual(other.served, other.raw, 'other drops and window');
  // And both equal the in-browser definition (src/analytics/metrics.ts) on the same events.
  assertSameMetrics(assert, after.served.metrics, ts.computeMetrics([...events, ...late], { show: SHOW }));
  assert.ok(after.served.metrics.returning > 0 && after.served.metrics.drops.length === 3);

  // The show list reads the pre-aggregated tables too.
  const shows = (await getJson(`${base}/shows`, auth)).body.shows;
  const seeded = shows.find((s) => s.show === SHOW);
  assert.equal(seeded.events, events.filter((e) => e.show === SHOW).length + late.length);
});

test('a redacted viewer is gone from the pre-aggregated report too', async () => {
  const before = (await bothReports()).served;
  const r = await post(`${base}/privacy/redact`, { viewerIds: ['v7', 'v8'] }, auth);
  assert.ok(r.body.deleted.events > 0);
  const after = await bothReports();
  assert.equal(after.served.metrics.viewers, before.metrics.viewers - 2);
  assert.deepStrictEqual(after.served, after.raw);
});

test("the collector's aggregate rows equal the SQL's (aggregateSelect) row by row", async () => {
  await bothReports(); // writes the pending rows
  const { engine } = collector.store;
  const folded = {
    show_viewers: (/** @type {string} */ from) => `SELECT show, tl, viewer, toString(day) AS d, toUInt64(sum(n)) AS n, min(lo) AS lo, max(hi) AS hi,
        toString(min(live)) AS live, toString(max(ended)) AS ended, toString(min(seen)) AS seen, arraySort(groupUniqArrayArray(sessions)) AS sessions,
        sum(watched) AS watched, max(interacted) AS interacted, max(carted) AS carted
      FROM ${from} GROUP BY show, tl, viewer, day ORDER BY show, tl, viewer, d`,
    viewer_minutes: (/** @type {string} */ from) => `SELECT show, viewer, minute, toString(day) AS d, toUInt64(sum(n)) AS n, toString(min(cover_from)) AS a, toString(max(cover_to)) AS z
      FROM ${from} GROUP BY show, viewer, minute, day ORDER BY show, viewer, minute, d`,
  };
  for (const table of /** @type {const} */ (['show_viewers', 'viewer_minutes'])) {
    const mine = await engine.rows(folded[table](table));
    const sql = await engine.rows(folded[table](`(${aggregateSelect(table, 'events')})`));
    assert.ok(mine.length > 100, `${mine.length} rows in ${table}`);
    assert.deepStrictEqual(mine, sql, table);
  }
});

test('at start, a folder from before the tables is backfilled, and a show whose aggregates miss rows is rebuilt', async () => {
  const { engine } = collector.store;
  const before = (await bothReports()).served;
  assert.deepEqual(await ensureAggregates(engine, 0), [], 'nothing to rebuild when the counts agree');
  for (const sql of ['DROP TABLE show_viewers', 'DROP TABLE viewer_minutes']) await engine.exec(sql);
  await ensureAggregates(engine, 0);
  const [{ views }] = await engine.rows("SELECT toUInt32(count()) AS views FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView'");
  assert.equal(views, 0, 'no materialized view on events: the collector writes the rows (collector/src/aggregate.mjs)');
  const backfilled = await bothReports();
  assert.deepStrictEqual(backfilled.served, before);
  assert.deepStrictEqual(backfilled.served, backfilled.raw);
  // What a process killed between an insert and the write of its aggregate rows leaves: events without their rows.
  await engine.exec(`DELETE FROM viewer_minutes WHERE show = '${SHOW}' AND viewer = 'v3'`);
  assert.notDeepStrictEqual((await bothReports()).served, before);
  assert.deepEqual(await ensureAggregates(engine, 0), [SHOW]);
  assert.deepStrictEqual((await bothReports()).served, before);
});

test('the collector writes the aggregate rows of acknowledged events by itself, within seconds, with no report asked', async () => {
  const { engine } = collector.store;
  const events = Array.from({ length: 300 }, (_, i) => ({ id: `bg${i}`, type: i % 3 ? 'heartbeat' : 'chat', at: START + i * 1_000 + 0.5, show: 'background', viewerId: `v${i % 7}`, sessionId: `s${i % 7}`, locale: 'en', props: i % 3 ? { seconds: 15 } : { message: 'm', length: 3 } }));
  assert.ok((await postBatches(`${base}/events`, events, { size: 100 })).every((a) => a.status === 200));
  const counts = async () => (await engine.rows("SELECT toUInt32(sum(n)) AS n FROM show_viewers WHERE show = 'background'"))[0]?.n ?? 0;
  await waitFor(async () => (await counts()) === events.length, 'the aggregate rows of the acknowledged events');
  assert.deepEqual(await ensureAggregates(engine, 0), [], 'they agree with the events');
  const show = 'background';
  const served = (await getJson(`${base}/shows/${show}/report`, auth)).body;
  assert.deepStrictEqual(served, await showReport({ engine, queries: collector.store.rawQueries }, show));
});
