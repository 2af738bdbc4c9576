// The collector's HTTP ingest with the embedded engine (chDB in this test process: one data folder
// for the file, a show id per test): dedup, refusals that write nothing, rate limits, orders and the
// funnel, deletion, the access key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../collector/src/server.mjs';
import { event, getJson, post, T } from './helpers.mjs';

const KEY = 'test-key-0123456789';
let collector;
let base;
let clock = T + 3_600_000;

before(async () => {
  collector = await createCollector({
    dataDir: join(mkdtempSync(join(tmpdir(), 'linger-collector-')), 'data'),
    accessKey: KEY,
    retentionDays: 0,
    now: () => clock,
    perViewer: { rate: 1, burst: 600 },
    perAddress: { rate: 1, burst: 3_000 },
  });
  base = await collector.listen(0);
});
after(() => collector.close());

const without = (object, key) => Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
const auth = { Authorization: `Bearer ${KEY}` };
/** Stored rows of one show, straight from the engine. */
const stored = async (show) => {
  const [row] = await collector.store.engine.rows('SELECT toUInt32(count()) AS n, toUInt32(uniqExact(id)) AS ids FROM events WHERE show = {show:String}', { show });
  return row;
};

test('a batch is stored once: duplicates inside it, a replayed batch and overlapping batches count once', async () => {
  const events = Array.from({ length: 20 }, (_, i) => event({ show: 'dedup', viewerId: `v${i % 4}` }));
  let r = await post(`${base}/events`, { batch: 'b1', sentAt: clock, dropped: 0, events: [...events, events[0], events[1]] });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { accepted: 20, duplicates: 2 });
  r = await post(`${base}/events`, { batch: 'b1', sentAt: clock, dropped: 0, events });
  assert.deepEqual(r.body, { accepted: 0, duplicates: 20 }, 'the same batch replayed');
  const more = [event({ show: 'dedup' }), event({ show: 'dedup' })];
  // Concurrent overlapping batches go through one writer: each id still lands once.
  const answers = await Promise.all([post(`${base}/events`, { events: [...more, events[5]] }), post(`${base}/events`, { events: [more[1], ...more, events[6]] }), post(`${base}/api/events`, [more[0]])]);
  assert.ok(answers.every((a) => a.status === 200));
  assert.equal(answers.reduce((sum, a) => sum + a.body.accepted, 0), 2);
  assert.deepEqual(await stored('dedup'), { n: 22, ids: 22 });
  // sendBeacon posts text/plain: parsed as JSON all the same.
  r = await post(`${base}/events`, JSON.stringify({ events: [event({ show: 'dedup' })] }), { 'Content-Type': 'text/plain;charset=UTF-8' });
  assert.deepEqual(r.body, { accepted: 1, duplicates: 0 });
});

test('malformed, oversized and hostile batches are refused with a clear status, and nothing of them is written', async () => {
  const good = () => event({ show: 'refused' });
  const cases = [
    ['not JSON', '{"events": [', 400, /not JSON/],
    ['wrong shape', { batch: 'x' }, 400, /expected/],
    ['too many events', { events: Array.from({ length: 501 }, good) }, 413, /more than 500/],
    ['body too large', { events: [good()], pad: 'x'.repeat(1_100_000) }, 413, /larger than/],
    ['unknown type', { events: [good(), { ...good(), type: 'purchase' }] }, 422, /event 1: "type"/],
    ['missing envelope field', { events: [good(), without(good(), 'sessionId')] }, 422, /missing "sessionId"/],
    ['wrong props', { events: [good(), { ...good(), type: 'chat', props: { message: 'm', length: 'long' } }] }, 422, /props.length must be an integer/],
    ['heartbeat out of range', { events: [good(), { ...good(), props: { seconds: 1e9 } }] }, 422, /props.seconds must be from 0 to 60/],
    ['far-future timestamp', { events: [good(), { ...good(), at: clock + 3_600_000 }] }, 422, /in the future/],
    ['NaN-ish at', { events: [good(), { ...good(), at: '1700000000000' }] }, 422, /"at" must be a number/],
    ['over-long id', { events: [good(), { ...good(), id: 'x'.repeat(129) }] }, 422, /"id" is longer/],
    ['over-long show', { events: [good(), { ...good(), show: 's'.repeat(201) }] }, 422, /"show" is longer/],
    ['props not an object', { events: [good(), { ...good(), props: [1] }] }, 422, /"props" must be an object/],
    ['event not an object', { events: [good(), 'DROP TABLE events'] }, 422, /not an object/],
  ];
  for (const [what, body, status, message] of cases) {
    const r = await post(`${base}/events`, body);
    assert.equal(r.status, status, what);
    assert.match(String(r.body.error), message, what);
  }
  // SQL-looking and odd strings are data, never SQL.
  const hostile = ["a'b", 'c\\', "'); DROP TABLE events; --", 'line\nbreak', 'nul\u0000byte', '𝒳'];
  const r = await post(`${base}/events`, { events: hostile.map((id) => ({ ...good(), id, viewerId: id, props: { seconds: 1 } })) });
  assert.deepEqual(r.body, { accepted: hostile.length, duplicates: 0 });
  assert.deepEqual((await post(`${base}/events`, { events: hostile.map((id) => ({ ...good(), id })) })).body, { accepted: 0, duplicates: hostile.length }, 'odd ids dedup exactly');
  assert.deepEqual(await stored('refused'), { n: hostile.length, ids: hostile.length }, 'only the valid batch was written');
  const rows = await collector.store.engine.rows("SELECT id FROM events WHERE show = 'refused' ORDER BY id");
  assert.deepEqual(rows.map((row) => row.id).sort(), [...hostile].sort());
});

test('no chat text is stored: a chat keeps its message id and length only', async () => {
  const chat = event({ show: 'privacy-chat', type: 'chat', props: { message: 'msg-1', length: 11, text: 'hello world' } });
  assert.equal((await post(`${base}/events`, { events: [chat] })).status, 200);
  const [row] = await collector.store.engine.rows("SELECT * FROM events WHERE show = 'privacy-chat'");
  assert.equal(row.ref, 'msg-1');
  assert.equal(row.num, 11);
  assert.ok(!JSON.stringify(row).includes('hello world'), 'the text went nowhere');
});

test('per-viewer and per-address rate limits answer 429 with Retry-After, and take nothing from the batch', async () => {
  const viewer = `chatty-${Date.now()}`;
  const flood = () => Array.from({ length: 400 }, () => event({ show: 'limited', viewerId: viewer }));
  assert.equal((await post(`${base}/events`, { events: flood() })).status, 200);
  const refused = await post(`${base}/events`, { events: flood() });
  assert.equal(refused.status, 429);
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(retryAfter >= 1, `Retry-After ${retryAfter}`);
  assert.deepEqual(await stored('limited'), { n: 400, ids: 400 });
  // Another viewer from the same address is not held back by this one.
  assert.equal((await post(`${base}/events`, { events: [event({ show: 'limited', viewerId: 'calm' })] })).status, 200);

  const { TokenBuckets } = await import('../../collector/src/rate-limit.mjs');
  let now = 0;
  const buckets = new TokenBuckets({ rate: 10, burst: 20, now: () => now });
  buckets.take('a', 20);
  assert.equal(buckets.wait('a', 5), 0.5, 'refills at the rate');
  now = 500;
  assert.equal(buckets.wait('a', 5), 0);
  assert.equal(buckets.wait('a', 21), Infinity, 'more than the burst never fits');
  assert.equal(buckets.wait('b', 20), 0, 'another key has its own bucket');
});

test('orders are idempotent by order id and feed the funnel: viewers → interacted → added to cart → ordered', async () => {
  const show = 'funnel';
  const events = [
    event({ show, type: 'timeline', viewerId: 'host', sessionId: 'h', at: T, props: { kind: 'show_live' } }),
    ...['a', 'b', 'c', 'd'].map((v) => event({ show, viewerId: v, sessionId: `s-${v}`, at: T + 60_000, props: { seconds: 60 } })),
    event({ show, viewerId: 'a', sessionId: 's-a', type: 'like', at: T + 61_000, props: { count: 2 } }),
    event({ show, viewerId: 'b', sessionId: 's-b', type: 'add_to_cart', at: T + 62_000, props: { product: 'scarf', quantity: 1 } }),
    event({ show, viewerId: 'c', sessionId: 's-c', type: 'add_to_cart', at: T + 63_000, props: { product: 'scarf' } }),
  ];
  assert.equal((await post(`${base}/events`, { events })).status, 200);
  const order = { type: 'order', id: '#1001', show, viewerId: 'b', at: T + 120_000, props: { value: 2599, currency: 'USD', customer: 'cust-9' } };
  assert.equal((await post(`${base}/orders`, order)).status, 401, 'orders need the access key');
  assert.deepEqual((await post(`${base}/orders`, order, auth)).body, { accepted: 1, duplicates: 0 });
  assert.deepEqual((await post(`${base}/orders`, { orders: [order, { ...order, props: { value: 1, currency: 'USD' } }] }, auth)).body, { accepted: 0, duplicates: 2 }, 'the same order id again');
  assert.deepEqual((await post(`${base}/orders`, [{ ...order, id: '#1002', viewerId: undefined, at: T + 200_000, props: { value: 1500, currency: 'EUR' } }], auth)).body, { accepted: 1, duplicates: 0 });
  for (const [bad, message] of [
    [{ ...order, id: '#x', props: { value: 25.99, currency: 'USD' } }, /minor units/],
    [{ ...order, id: '#x', props: { value: 100, currency: 'usd' } }, /ISO 4217/],
    [{ ...order, id: '#x', at: clock + 86_400_000 }, /future/],
    [{ ...order, id: '', props: { value: 1, currency: 'USD' } }, /order id/],
  ]) {
    const r = await post(`${base}/orders`, bad, auth);
    assert.equal(r.status, 422);
    assert.match(r.body.error, message);
  }
  const report = await getJson(`${base}/shows/${show}/report`, auth);
  assert.equal(report.status, 200);
  assert.equal(report.body.format, 'linger-report/1');
  assert.deepEqual(report.body.commerce.funnel, { viewers: 4, interacted: 3, addedToCart: 2, ordered: 1 });
  assert.equal(report.body.commerce.orders, 2);
  assert.deepEqual(report.body.commerce.revenue, [
    { currency: 'EUR', minor: 1500, orders: 1 },
    { currency: 'USD', minor: 2599, orders: 1 },
  ]);
  assert.deepEqual(report.body.commerce.byMinute, [
    { minute: 2, currency: 'USD', orders: 1, minor: 2599 },
    { minute: 3, currency: 'EUR', orders: 1, minor: 1500 },
  ]);
});

test('the report needs the access key (compared in constant time); a bad key or none gets 401', async () => {
  assert.equal((await getJson(`${base}/shows/funnel/report`)).status, 401);
  assert.equal((await getJson(`${base}/shows/funnel/report`, { Authorization: 'Bearer wrong' })).status, 401);
  assert.equal((await getJson(`${base}/shows/funnel/report?key=${KEY.slice(0, -1)}`)).status, 401, 'a prefix of the key is not the key');
  assert.equal((await getJson(`${base}/shows/funnel/report?key=${KEY}`)).status, 200, 'the key as a query parameter (for <linger-report src>)');
  assert.equal((await getJson(`${base}/shows/funnel/report`, { 'X-Linger-Key': KEY })).status, 200);
  const empty = await getJson(`${base}/shows/${encodeURIComponent('no such show')}/report`, auth);
  assert.equal(empty.status, 200);
  assert.equal(empty.body.metrics.viewers, 0, 'an unknown show is an empty report');
  const list = await getJson(`${base}/shows`, auth);
  assert.ok(list.body.shows.some((s) => s.show === 'funnel'));
});

test("deleting a viewer removes every row of theirs (events and orders); a customer's orders by customer id", async () => {
  const show = 'redact';
  const events = ['keep', 'gone'].flatMap((v) => [event({ show, viewerId: v }), event({ show, viewerId: v, type: 'like', props: { count: 1 } })]);
  await post(`${base}/events`, { events });
  await post(`${base}/orders`, [{ id: 'r-1', show, viewerId: 'gone', at: T, props: { value: 10, currency: 'USD' } }, { id: 'r-2', show, viewerId: 'keep', at: T, props: { value: 10, currency: 'USD', customer: 'cust-r' } }], auth);
  assert.equal((await post(`${base}/privacy/redact`, { viewerIds: ['gone'] })).status, 401);
  assert.equal((await post(`${base}/privacy/redact`, {}, auth)).status, 400);
  assert.equal((await post(`${base}/privacy/redact`, { viewerIds: 'gone' }, auth)).status, 400);
  const r = await post(`${base}/privacy/redact`, { viewerIds: ['gone'] }, auth);
  assert.deepEqual(r.body, { deleted: { events: 2, orders: 1 } });
  const viewers = await collector.store.engine.rows('SELECT DISTINCT viewer FROM events WHERE show = {show:String} ORDER BY viewer', { show });
  assert.deepEqual(viewers.map((row) => row.viewer), ['keep']);
  assert.deepEqual((await collector.store.engine.rows("SELECT id FROM orders WHERE viewer = 'gone'")).length, 0);
  assert.deepEqual((await post(`${base}/privacy/redact`, { customerIds: ['cust-r'] }, auth)).body, { deleted: { events: 0, orders: 1 } });
  assert.equal((await getJson(`${base}/shows/${show}/report`, auth)).body.metrics.viewers, 1);
});

test('CORS: event posts answer preflights; other methods and paths are refused plainly', async () => {
  const preflight = await fetch(`${base}/events`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal((await fetch(`${base}/events`)).status, 405);
  assert.equal((await fetch(`${base}/nope`)).status, 404);
  assert.deepEqual((await getJson(`${base}/health`)).body.engine, 'chdb');
});

test('one address over its allowance gets 429 + Retry-After, whichever viewers it posts for', async () => {
  let refused = null;
  for (let round = 0; round < 10 && !refused; round++) {
    const events = Array.from({ length: 500 }, (_, i) => event({ show: 'address', viewerId: `r${round}-${i}` }));
    const r = await post(`${base}/events`, { events });
    if (r.status === 429) refused = { r, round };
    else assert.equal(r.status, 200);
  }
  assert.ok(refused, 'the address was limited');
  assert.ok(Number(refused.r.headers.get('retry-after')) >= 1);
  assert.deepEqual(await stored('address'), { n: refused.round * 500, ids: refused.round * 500 }, 'the refused batch wrote nothing');
});

test('RecentIds keeps its invariant when full: evicted dates raise the cutoff, so those ids are looked up again', async () => {
  const { RecentIds } = await import('../../collector/src/server.mjs');
  const recent = new RecentIds(100, 10);
  recent.addAll([{ id: 'old', at: 50 }]);
  assert.equal(recent.has('old'), false, 'dated before the cutoff: left to the table lookup');
  recent.addAll(Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, at: 200 + (i % 3) * 10 })));
  assert.ok(recent.ids.size <= 10);
  assert.equal(recent.cutoff, 210, 'the newest date among the two evicted (r0 at 200, r1 at 210)');
  assert.equal(recent.has('r0'), false);
  for (let i = 0; i < 11; i++) {
    const at = 200 + (i % 3) * 10;
    assert.ok(recent.has(`r${i}`) || at <= recent.cutoff, `r${i} is either kept or dated at or before the cutoff`);
  }
  // The collector restarted on the same folder starts its cutoff at the newest stored event.
  assert.equal(collector.store.newestAtStart, 0, 'this file started on an empty folder');
});
