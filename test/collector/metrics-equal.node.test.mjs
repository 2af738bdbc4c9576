// One definition of the metrics: the collector's SQL (chDB, embedded) and src/analytics/metrics.ts
// give equal results on the demo's generated 45-minute show and on docs/metrics.md's worked example.
// The report served here is also the fixture <linger-report src> reads in the browser tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../collector/src/server.mjs';
import { sampleShow } from '../../collector/src/sample-show.mjs';
import { assertSameMetrics, getJson, metricsTs, post, postBatches } from './helpers.mjs';

const KEY = 'metrics-key';
const FIXTURE = new URL('../elements/report/collector-summary.json', import.meta.url);
let collector;
let base;
let ts;

before(async () => {
  ts = await metricsTs();
  collector = await createCollector({
    dataDir: join(mkdtempSync(join(tmpdir(), 'linger-metrics-')), 'data'),
    accessKey: KEY,
    retentionDays: 0,
    perAddress: { rate: 1e9, burst: 1e9 },
  });
  base = await collector.listen(0);
});
after(() => collector.close());

const report = async (show) => (await getJson(`${base}/shows/${encodeURIComponent(show)}/report`, { Authorization: `Bearer ${KEY}` })).body;

test("the demo's 45-minute show: SQL and metrics.ts agree on every figure, the curve and the drops", async () => {
  const { events, orders } = sampleShow();
  assert.ok(events.length > 20_000, `${events.length} events`);
  const answers = await postBatches(`${base}/events`, events);
  assert.ok(answers.every((a) => a.status === 200), 'every batch accepted');
  assert.equal(answers.reduce((n, a) => n + a.body.accepted, 0), events.length);
  assert.equal((await post(`${base}/orders`, { orders }, { Authorization: `Bearer ${KEY}` })).body.accepted, orders.length);
  const summary = await report('spring-sale');
  const js = ts.computeMetrics(events, { show: 'spring-sale' });
  assert.ok(js.viewers > 300 && js.drops.length === 3 && js.returning > 0, 'a show worth comparing');
  assertSameMetrics(assert, summary.metrics, js);
  // Issue 18: votes cast and topic answers are interactions, per tier figures and the vote result are equal too.
  assert.deepEqual(js.tiers.map((t) => t.tier), ['', 'gold', 'silver'], 'three tier rows');
  assert.ok(js.tiers.every((t) => t.viewers > 0 && t.interacting > 0 && t.returning > 0), 'each with viewers who interacted and returned');
  assert.equal(js.votes.length, 1);
  assert.ok(js.votes[0].total > 0 && js.votes[0].winner !== undefined && js.votes[0].options.length === 3, 'a vote with a result');
  const voters = new Set(events.filter((e) => e.type === 'vote_cast' || e.type === 'topic_answer').map((e) => e.viewerId));
  assert.ok(voters.size > 0, 'some voted or answered the topic');
  const others = ts.computeMetrics(events.filter((e) => e.type !== 'vote_cast' && e.type !== 'topic_answer'), { show: 'spring-sale' });
  assert.ok(js.interacting > others.interacting, 'votes and topic answers add interacting viewers');
  // Issue 17: the replay's watch time and add-to-carts apart from the live show's, equal in SQL.
  assert.ok(js.replay.viewers > 0 && js.replay.watchSeconds > 0 && js.replay.addToCarts > 0, 'a replay worth comparing');
  const replayed = events.filter((e) => e.replay === true);
  assert.ok(replayed.some((e) => e.show === 'spring-sale'), 'some replay events carry the live show id and the flag only');
  assert.equal(js.replay.watchSeconds, replayed.filter((e) => e.type === 'heartbeat').reduce((n, e) => n + e.props.seconds, 0), 'every replay heartbeat, and only those');
  assert.equal(js.live.watchSeconds, events.filter((e) => e.show === 'spring-sale' && !e.replay && e.type === 'heartbeat').reduce((n, e) => n + e.props.seconds, 0), 'live watch time without the replay');
  assert.equal(js.live.addToCarts, events.filter((e) => e.show === 'spring-sale' && !e.replay && e.type === 'add_to_cart').length);
  // The funnel counts from the same events.
  const carted = new Set(events.filter((e) => e.type === 'add_to_cart' && e.show === 'spring-sale' && !e.replay).map((e) => e.viewerId));
  assert.deepEqual(summary.commerce.funnel, { viewers: js.viewers, interacted: js.interacting, addedToCart: carted.size, ordered: new Set(orders.map((o) => o.viewerId)).size });
  assert.equal(summary.commerce.orders, orders.length);
  assert.deepEqual(summary.commerce.perks, perksByHand(events, orders, js, 5), 'perk effects: SQL equals the definition computed by hand');
  assert.equal(summary.commerce.perks.length, 1, 'the show drops one perk');
  assert.ok(summary.commerce.perks[0].retention > 0 && summary.commerce.perks[0].baselineRetention > 0);
  if (process.env.LINGER_UPDATE_FIXTURES === '1') writeFileSync(FIXTURE, JSON.stringify(summary, null, 2) + '\n');
  assert.deepStrictEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')), summary, 'test/elements/report/collector-summary.json is this report (LINGER_UPDATE_FIXTURES=1 rewrites it)');
});

test("docs/metrics.md's worked example, with its duplicate: equal too", async () => {
  const answers = await postBatches(`${base}/events`, ts.workedExample, { size: 7, parallel: 1 });
  assert.equal(answers.reduce((n, a) => n + a.body.duplicates, 0), 1, 'the retried heartbeat counted once');
  const summary = await report('spring');
  assertSameMetrics(assert, summary.metrics, ts.computeMetrics(ts.workedExample, { show: 'spring' }));
  assert.equal(summary.metrics.avgWatchPerViewer, 78.75);
  assert.deepEqual(summary.metrics.curve.retention, [1, 1, 2 / 3]);
});

/**
 * The perk definition (docs/collector.md § The report) straight from the events: minutes watched per
 * viewer (a heartbeat covers [at − seconds, at], docs/metrics.md 5), orders by minute from the start.
 */
function perksByHand(events, orders, js, window) {
  const start = js.start;
  const watched = new Map();
  for (const e of events) {
    if (e.show !== js.show || e.type !== 'heartbeat' || !(e.props.seconds > 0)) continue;
    const from = Math.max(e.at - e.props.seconds * 1000, start);
    if (!(e.at > from)) continue;
    const set = watched.get(e.viewerId) ?? new Set();
    for (let m = Math.floor((from - start) / 60000); m <= Math.ceil((e.at - start) / 60000) - 1; m++) set.add(m);
    watched.set(e.viewerId, set);
  }
  const minutes = js.curve.active.length;
  const keptAt = (m) => [...watched.values()].filter((set) => set.has(m) && set.has(m + window)).length;
  let keptAll = 0;
  let activeAll = 0;
  for (let m = 0; m + window < minutes; m++) {
    keptAll += keptAt(m);
    activeAll += js.curve.active[m];
  }
  const mine = orders.filter((o) => o.show === js.show);
  return js.timeline
    .filter((mark) => mark.kind === 'perk_dropped')
    .map((mark) => {
      const from = Math.floor(mark.minute);
      const inWindow = mine.filter((o) => {
        const minute = Math.floor((o.at - start) / 60000);
        return minute >= from && minute < from + window;
      });
      const currencies = [...new Set(inWindow.map((o) => o.props.currency))].sort();
      const viewers = js.curve.active[from];
      return {
        at: mark.at,
        minute: mark.minute,
        ...(mark.label ? { label: mark.label } : {}),
        ...(mark.ref ? { ref: mark.ref } : {}),
        window,
        orders: inWindow.length,
        revenue: currencies.map((currency) => ({ currency, minor: inWindow.filter((o) => o.props.currency === currency).reduce((n, o) => n + o.props.value, 0) })),
        baselineOrders: (mine.length * Math.min(window, minutes)) / minutes,
        viewers,
        retained: keptAt(from),
        retention: keptAt(from) / viewers,
        baselineRetention: keptAll / activeAll,
      };
    });
}
