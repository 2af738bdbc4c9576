// CLICKHOUSE_URL: the collector through @clickhouse/client against a loopback server that speaks
// ClickHouse's HTTP interface and executes with chDB (test/collector/fake-clickhouse.mjs, a child
// process). The same schema and SQL as embedded, with FINAL (several collectors may share a server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollector, optionsFromEnv } from '../../collector/src/server.mjs';
import { sampleShow } from '../../collector/src/sample-show.mjs';
import { showReport } from '../../collector/src/report.mjs';
import { reportQueries } from '../../collector/src/sql.mjs';
import { ensureAggregates } from '../../collector/src/store.mjs';
import { assertSameMetrics, event, getJson, metricsTs, post, postBatches, spawnJson, stop } from './helpers.mjs';

const KEY = 'client-key';
const auth = { Authorization: `Bearer ${KEY}` };
let clickhouse;
let clickhouseUrl;
let collector;
let base;

before(async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'linger-fake-ch-')), 'data');
  clickhouse = await spawnJson(fileURLToPath(new URL('./fake-clickhouse.mjs', import.meta.url)), [dataDir]);
  clickhouseUrl = `http://127.0.0.1:${clickhouse.info.port}`;
  const options = optionsFromEnv({ CLICKHOUSE_URL: clickhouseUrl, LINGER_ACCESS_KEY: KEY, LINGER_RETENTION_DAYS: '30' });
  collector = await createCollector({ ...options, perAddress: { rate: 1e9, burst: 1e9 } });
  base = await collector.listen(0);
});
after(async () => {
  await collector?.close();
  if (clickhouse) await stop(clickhouse.child);
});

const fakeStats = async () => (await fetch(`${clickhouseUrl}/__stats`)).json();

test('the schema is created on the server, with the configured retention as TTL', async () => {
  assert.equal(collector.store.engine.kind, 'clickhouse');
  assert.equal(collector.store.final, true);
  const [row] = await collector.store.engine.rows("SELECT create_table_query AS q FROM system.tables WHERE name = 'events' AND database = currentDatabase()");
  assert.match(row.q, /ReplacingMergeTree/);
  assert.match(row.q, /PARTITION BY day/);
  assert.match(row.q, /TTL day \+ toIntervalDay\(30\)/);
});

test('ingest through the client: dedup, refusals, orders, deletion', async () => {
  const before = await fakeStats();
  const events = Array.from({ length: 50 }, (_, i) => event({ show: 'remote', viewerId: `v${i % 5}`, at: Date.now() - 60_000 }));
  assert.deepEqual((await post(`${base}/events`, { events: [...events, events[0]] })).body, { accepted: 50, duplicates: 1 });
  assert.deepEqual((await post(`${base}/events`, { events })).body, { accepted: 0, duplicates: 50 });
  assert.equal((await post(`${base}/events`, { events: [event({ show: 'remote' }), { ...event(), type: 'nope' }] })).status, 422);
  const odd = ["q'uote", 'back\\slash', 'new\nline', 'tab\tbed'];
  assert.deepEqual((await post(`${base}/events`, { events: odd.map((id) => event({ id, show: 'remote', viewerId: 'odd', at: Date.now() - 60_000 })) })).body, { accepted: 4, duplicates: 0 });
  assert.deepEqual((await post(`${base}/events`, { events: odd.map((id) => event({ id, show: 'remote', viewerId: 'odd', at: Date.now() - 60_000 })) })).body, { accepted: 0, duplicates: 4 }, 'escaped ids round-trip through the HTTP parameters');
  assert.deepEqual((await post(`${base}/orders`, { id: 'o-1', show: 'remote', viewerId: 'v1', at: Date.now(), props: { value: 999, currency: 'JPY' } }, auth)).body, { accepted: 1, duplicates: 0 });
  assert.deepEqual((await post(`${base}/privacy/redact`, { viewerIds: ['v1'] }, auth)).body, { deleted: { events: 10, orders: 1 } });
  const report = await getJson(`${base}/shows/remote/report`, auth);
  assert.equal(report.body.metrics.viewers, 5, 'v0, v2, v3, v4 and odd: v1 is gone');
  const after = await fakeStats();
  assert.ok(after.inserts - before.inserts >= 3 && after.params > before.params, 'inserts and bound parameters went over HTTP');
});

test('metrics over the client equal metrics.ts on the generated show', async () => {
  const ts = await metricsTs();
  const { events, orders } = sampleShow({ viewers: 120, show: 'remote-sample', idPrefix: 'rs', start: Date.now() - 3 * 3_600_000 });
  const answers = await postBatches(`${base}/events`, events, { size: 250 });
  assert.ok(answers.every((a) => a.status === 200));
  await post(`${base}/orders`, { orders }, auth);
  const summary = (await getJson(`${base}/shows/remote-sample/report`, auth)).body;
  assertSameMetrics(assert, summary.metrics, ts.computeMetrics(events, { show: 'remote-sample' }));
  assert.equal(summary.commerce.orders, orders.length);
  // With FINAL the report scans the events and the pre-aggregated tables are not made. Made now (a
  // backfill over HTTP, as LINGER_QUERY_FINAL=0 would at start), they give the same report.
  assert.equal(collector.store.aggregated, false, 'with FINAL, the report scans the events');
  assert.deepEqual(collector.store.aggregateTables, []);
  await ensureAggregates(collector.store.engine, 30, { check: false });
  const aggregated = await showReport({ engine: collector.store.engine, queries: reportQueries('events', 'orders', { aggregated: true }) }, 'remote-sample');
  assert.deepStrictEqual(aggregated, summary);
});

test('events and orders older than the retention period are not stored and are counted as expired', async () => {
  const old = Date.now() - 40 * 86_400_000;
  assert.deepEqual((await post(`${base}/events`, { events: [event({ show: 'remote-old', at: old }), event({ show: 'remote-old', at: Date.now() - 1000 })] })).body, { accepted: 1, duplicates: 0, expired: 1 });
  assert.deepEqual((await post(`${base}/orders`, { id: 'old-1', show: 'remote-old', at: old, props: { value: 1, currency: 'USD' } }, auth)).body, { accepted: 0, duplicates: 0, expired: 1 });
});

test('a timeline record goes through the client too: stored once, served back identical', async () => {
  const doc = { format: 'linger-timeline', version: 1, show: "remote'show", startedAt: Date.now(), duration: 10, initial: { show: {}, schedule: [], announcement: null, pinned: null, lottery: null, quiz: null, perk: null, moderation: {}, likes: 0 }, events: [{ t: 0, id: 'm1', type: 'pin', body: { text: "a'b\\c\n" } }], chat: [{ t: 10, id: 'c1', text: 'new\nline 好' }], sample: { seen: 1, kept: 1 } };
  const first = await post(`${base}/events`, { record: 'timeline', timeline: doc });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.duplicate, false);
  assert.equal((await post(`${base}/events`, { record: 'timeline', timeline: doc })).body.duplicate, true);
  const served = await fetch(`${base}${first.body.replay}`);
  assert.equal(await served.text(), JSON.stringify(doc));
  const [{ n }] = await collector.store.engine.rows('SELECT toUInt32(count()) AS n FROM timelines FINAL WHERE show = {show:String}', { show: doc.show });
  assert.equal(n, 1);
});

test('a storage failure answers 503 + Retry-After (the sink retries) and acknowledges nothing', async () => {
  await stop(clickhouse.child);
  const r = await post(`${base}/events`, { events: [event({ show: 'remote', at: Date.now() })] });
  assert.equal(r.status, 503);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  clickhouse = null;
});
