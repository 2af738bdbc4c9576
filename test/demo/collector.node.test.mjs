// The demo collector: `npm start` receives webhook batches, keeps each event id once, appends
// NDJSON, serves it back; and the report page renders it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../demo/server.mjs';
import { createCollector } from '../../demo/collector.mjs';

const event = (id, type = 'heartbeat') => ({ id, type, at: 1_700_000_000_000, show: 's', viewerId: 'v1', sessionId: 's1', locale: 'en', props: { seconds: 15 } });

test('POST /api/events dedupes by id and appends NDJSON; GET serves it', { timeout: 30_000 }, async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'linger-collector-')), 'events.ndjson');
  const server = await startDemoServer({ port: 0, quiet: true, env: { LINGER_EVENTS_FILE: file } });
  try {
    const post = (body, type = 'application/json') => fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'Content-Type': type }, body: JSON.stringify(body) });
    let response = await post({ batch: 'b1', sentAt: 1, dropped: 2, events: [event('a'), event('b')] });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { accepted: 2, duplicates: 0, invalid: 0 });
    response = await post({ batch: 'b1', sentAt: 2, dropped: 0, events: [event('b'), event('c'), { id: 7 }] }, 'text/plain');
    assert.deepEqual(await response.json(), { accepted: 1, duplicates: 1, invalid: 1 }, 'beacon bodies (text/plain) are JSON too');
    assert.equal((await post('nope')).status, 400);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line).id);
    assert.deepEqual(lines, ['a', 'b', 'c'], 'each id once, appended');
    const served = await (await fetch(`${server.url}/api/events`)).text();
    assert.equal(served.trim().split('\n').length, 3);
    assert.equal(server.collector.stats.dropped, 2, 'overflow counts are tallied');
    assert.equal((await fetch(`${server.url}/demo/report.html`)).status, 200, 'the report page is served');
    // A restarted collector remembers what it has.
    const again = createCollector({ file });
    assert.deepEqual(again.receive([event('a'), event('d')]), { accepted: 1, duplicates: 1, invalid: 0 });
  } finally {
    await server.close();
  }
});
