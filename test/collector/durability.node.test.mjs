// Kill the collector (SIGKILL, a child process) while batches are being written, restart it on the
// same data folder: every acknowledged event is there, and replaying everything stores each once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { event, getJson, post, spawnJson, stop, waitFor } from './helpers.mjs';

const SERVER = fileURLToPath(new URL('../../collector/src/server.mjs', import.meta.url));
const KEY = 'durable-key';

test('SIGKILL mid-write loses no acknowledged event; a replay after restart counts each once', { timeout: 240_000 }, async () => {
  const env = { LINGER_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'linger-durable-')), 'data'), LINGER_ACCESS_KEY: KEY, LINGER_RETENTION_DAYS: '0', LINGER_READY_JSON: '1', PORT: '0', LINGER_ADDRESS_RATE: '1000000', LINGER_VIEWER_RATE: '100000' };
  const at = Date.now() - 60_000;
  const batches = Array.from({ length: 600 }, (_, b) => Array.from({ length: 100 }, (_, i) => event({ show: 'durable', viewerId: `v${(b * 100 + i) % 97}`, at })));

  let server = await spawnJson(SERVER, [], env);
  const acked = new Set();
  let inFlight = 0;
  let next = 0;
  let killed = false;
  const poster = async () => {
    while (next < batches.length && !killed) {
      const i = next++;
      inFlight++;
      try {
        const r = await post(`${server.info.ready}/events`, { batch: `b${i}`, sentAt: Date.now(), dropped: 0, events: batches[i] });
        if (r.status === 200) acked.add(i);
      } catch {
        // the connection died with the process: not acknowledged
      } finally {
        inFlight--;
      }
    }
  };
  const posting = Promise.all(Array.from({ length: 6 }, poster));
  // Kill once some batches are acknowledged: six clients keep others in flight all along.
  await waitFor(() => acked.size >= 20, 'some acknowledged batches');
  const inFlightAtKill = inFlight;
  server.child.kill('SIGKILL');
  killed = true;
  await posting;
  await stop(server.child);
  assert.ok(acked.size >= 20 && acked.size < batches.length, `${acked.size} batches acknowledged before the kill`);
  assert.ok(inFlightAtKill > 0, 'requests were in flight when it died');

  server = await spawnJson(SERVER, [], env);
  try {
    // Every acknowledged batch is already there, whole.
    for (const i of acked) {
      const r = await post(`${server.info.ready}/events`, { events: batches[i] });
      assert.deepEqual(r.body, { accepted: 0, duplicates: 100 }, `acknowledged batch ${i} is stored`);
    }
    // Replay everything (what the sinks would retry): each event stored exactly once.
    for (let i = 0; i < batches.length; i++) if (!acked.has(i)) assert.equal((await post(`${server.info.ready}/events`, { events: batches[i] })).status, 200);
    const { body } = await getJson(`${server.info.ready}/shows`, { Authorization: `Bearer ${KEY}` });
    assert.deepEqual(body.shows.map((s) => [s.show, s.events]), [['durable', 60_000]]);
    const report = await getJson(`${server.info.ready}/shows/durable/report`, { Authorization: `Bearer ${KEY}` });
    assert.equal(report.body.metrics.viewers, 97);
    assert.equal(report.body.metrics.watchSeconds, 60_000 * 15);
  } finally {
    await stop(server.child);
  }
});
