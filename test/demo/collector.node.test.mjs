// The demo runs the real collector (collector/src/server.mjs, chDB embedded, in a child process):
// webhook batches posted to the demo land in ClickHouse once each, and the report the demo serves
// is the collector's SQL summary, which the report page draws in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from './show-driver.mjs';

const start = Date.now() - 10 * 60_000;
let n = 0;
const event = (type, minute, viewerId, props = {}) => ({
  id: `e${n++}`,
  type,
  at: start + minute * 60_000,
  show: 'spring-sale',
  viewerId,
  sessionId: `s-${viewerId}`,
  locale: 'en',
  props,
});

test('events posted to the demo reach the collector once each, and /api/report serves its SQL summary', { timeout: 90_000 }, async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'linger-demo-collector-')), 'collector');
  const demo = await startDemo({ LINGER_DATA_DIR: dataDir });
  const server = demo.server;
  try {
    const post = (body, type = 'application/json') => fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'Content-Type': type }, body: JSON.stringify(body) });
    const events = [event('timeline', 0, 'host', { kind: 'show_live' })];
    for (const viewer of ['v1', 'v2', 'v3']) {
      events.push(event('session_start', 0, viewer));
      for (let m = 1; m <= (viewer === 'v3' ? 2 : 5); m++) events.push(event('heartbeat', m, viewer, { seconds: 60 }));
    }
    events.push(event('chat', 1, 'v1', { message: 'm1', length: 12 }));
    let response = await post({ batch: 'b1', sentAt: Date.now(), dropped: 0, events });
    assert.deepEqual({ status: response.status, body: await response.json() }, { status: 200, body: { accepted: events.length, duplicates: 0 } });
    // The same batch again (the sink retries after a lost answer), as a beacon (text/plain): stored once.
    response = await post({ batch: 'b1', sentAt: Date.now(), dropped: 0, events: events.slice(0, 4) }, 'text/plain');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { accepted: 0, duplicates: 4 });
    // A malformed batch: refused with the collector's status, nothing written.
    response = await post({ events: [{ id: 7 }] });
    assert.equal(response.status, 422);
    assert.equal((await post('nope')).status, 400);
    assert.equal((await fetch(`${server.url}/api/events`)).status, 405, 'the events are not served raw');

    response = await fetch(`${server.url}/api/report?show=spring-sale`);
    assert.equal(response.status, 200);
    const summary = await response.json();
    assert.equal(summary.format, 'linger-report/1');
    assert.equal(summary.metrics.show, 'spring-sale');
    assert.equal(summary.metrics.viewers, 3);
    assert.equal(summary.metrics.interactionRate, 1 / 3, 'v1 chatted');
    assert.equal(summary.metrics.peakConcurrent, 3);
    assert.equal((await fetch(`${server.url}/api/report`)).status, 400, 'a show id is required');
    assert.ok(existsSync(dataDir) && readdirSync(dataDir).length > 0, 'chDB writes to the demo data folder');
    // The report page draws that summary (<linger-report src="/api/report?show=spring-sale">).
    const page = await demo.browser.newPage();
    await page.goto(server.reportUrl);
    const viewers = page.locator('linger-report .figure .value').nth(3);
    await viewers.waitFor();
    assert.equal((await viewers.textContent()).trim(), '3', 'the viewers figure, from SQL');
    await page.close();
  } finally {
    await demo.close();
  }
});
