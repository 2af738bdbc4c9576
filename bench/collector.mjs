// bench/collector — the collector with its embedded engine (chDB), on loopback:
// - HTTP ingest: webhook batches of 100 events from 64 concurrent clients into a collector child
//   process (as deployed), events per second sustained, each batch acknowledged after its write;
//   then the same with new ids from 256 concurrent clients (more batches in flight: larger inserts);
// - the full report of one show (every figure, the curve, the drops, the sales) on 10 million
//   events (the ingested ones plus a show generated inside the engine), best of 3, read from the
//   pre-aggregated tables (docs/collector.md § The report at scale); and, best of 2, the same report
//   from a scan of the raw events, which must be equal;
// - the data folder's bytes per event;
// - in the same run, src/analytics/metrics.ts (what <linger-report> runs in the browser) on
//   1 million events.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepStrictEqual } from 'node:assert/strict';
import { build } from 'esbuild';
import { ensureAggregates, openStore } from '../collector/src/store.mjs';
import { showReport } from '../collector/src/report.mjs';

const SERVER = fileURLToPath(new URL('../collector/src/server.mjs', import.meta.url));
const INGEST_EVENTS = 500_000;
const TOTAL_EVENTS = 10_000_000;
const KEY = 'bench-key';

function folderBytes(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

/** CPU seconds a process has used (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds per thread name of a process (Linux /proc/<pid>/task): the Node thread, libuv's pool,
 * chDB's insert, merge and scheduler threads. Empty elsewhere.
 */
function threadCpu(pid) {
  /** @type {Record<string, number>} */
  const byName = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;
    }
  } catch {
    // not Linux, or the process is gone
  }
  return byName;
}

export async function startCollector(env) {
  // LINGER_BENCH_PROFILE=<folder>: a V8 CPU profile of the collector's Node thread, written at its exit.
  const profile = process.env.LINGER_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LINGER_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('{"ready"'));
      if (line) resolve(JSON.parse(line).ready);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return { child, url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** Webhook bodies: 2,000 viewers on show `ingest`, heartbeats with some chat and likes. */
export function ingestBodies(start) {
  const bodies = [];
  let batch = [];
  for (let i = 0; i < INGEST_EVENTS; i++) {
    const v = i % 2000;
    const k = Math.floor(i / 2000);
    const type = i % 10 === 0 ? 'chat' : i % 37 === 0 ? 'like' : 'heartbeat';
    const props = type === 'chat' ? { message: `m${i}`, length: 24 } : type === 'like' ? { count: 3 } : { seconds: 15 };
    batch.push({ id: `i-${i.toString(36)}-${v}`, type, at: start + (v % 300) * 1000 + k * 15_000, show: 'ingest', viewerId: `v-${v}`, sessionId: `s-${v}`, locale: 'en', props });
    if (batch.length === 100) {
      bodies.push(JSON.stringify({ batch: `b${bodies.length}`, sentAt: Date.now(), dropped: 0, events: batch }));
      batch = [];
    }
  }
  return bodies;
}

/** Posts every body over keep-alive connections (node:http: a lighter client than fetch). */
export async function ingest(url, bodies, clients = Number(process.env.LINGER_BENCH_CLIENTS || 64)) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const { hostname, port } = new URL(url);
  const send = (body) =>
    new Promise((resolve, reject) => {
      const req = request({ agent, hostname, port, path: '/events', method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`ingest answered ${res.statusCode}: ${text}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  let events = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bodies.length) {
        const answer = await send(bodies[next++]);
        events += answer.accepted;
      }
    }),
  );
  agent.destroy();
  return { events, seconds: (performance.now() - t0) / 1000 };
}

/** The rest of the 10 million, generated in the engine: one 100-minute show, 25,000 viewers. */
function generateSql(count, start) {
  return `INSERT INTO events (id, show, type, at, viewer, session, locale, seconds, ref, num, kind, label)
    SELECT concat('g', toString(number)) AS id, 'big' AS show,
      multiIf(number % 20 = 0, 'chat', number % 97 = 0, 'like', number % 501 = 0, 'add_to_cart',
              intDiv(number, 25000) < 100 + (number % 25000) * 7919 % 300, 'heartbeat', 'product_view') AS type,
      toFloat64(${start} + (number % 25000) % 300 * 1000 + intDiv(number, 25000) * 15000) AS at,
      concat('v-', toString(number % 25000)) AS viewer, concat('s-', toString(number % 25000)) AS session, 'en' AS locale,
      if(type = 'heartbeat', 15, 0) AS seconds, if(type = 'chat', concat('m', toString(number)), if(type = 'add_to_cart', 'scarf', '')) AS ref,
      if(type = 'chat', 20, if(type = 'like', 2, 0)) AS num, '' AS kind, '' AS label
    FROM numbers(${count}) SETTINGS async_insert = 0`;
}

/** bench/events.ts's 1,000,000-event log (2,000 viewers, a 60-minute show). */
function showLog(count) {
  const viewers = 2000;
  const start = 1_746_122_400_000;
  const events = [];
  for (let m = 0; m < 60; m += 5) events.push({ id: `t${m}`, type: 'timeline', at: start + m * 60_000, show: 'big', viewerId: 'h', sessionId: 'h', locale: 'en', props: { kind: m ? 'perk_dropped' : 'show_live' } });
  for (let i = 0; events.length < count; i++) {
    const v = i % viewers;
    const k = Math.floor(i / viewers);
    const at = start + (v % 300) * 1000 + k * 15_000 * (240 / (count / viewers));
    const type = i % 10 === 0 ? 'chat' : 'heartbeat';
    events.push({ id: `e${i}`, type, at, show: i % 49 === 0 ? 'older' : 'big', viewerId: `v${v}`, sessionId: `s${v}`, locale: 'en', props: type === 'chat' ? { message: 'm', length: 5 } : { seconds: 15 } });
  }
  return events;
}

async function metricsTs() {
  const entry = fileURLToPath(new URL('../src/analytics/metrics.ts', import.meta.url));
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

export default async function run() {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'linger-bench-collector-')), 'data');
  const day = Date.now() - 86_400_000;
  const start = day - (day % 86_400_000) + 10 * 3_600_000; // 10:00 UTC yesterday: one partition
  const bodies = ingestBodies(start);
  const collector = await startCollector({ LINGER_DATA_DIR: dataDir, LINGER_ACCESS_KEY: KEY, LINGER_RETENTION_DAYS: '0', LINGER_READY_JSON: '1', PORT: '0', LINGER_ADDRESS_RATE: '10000000', LINGER_VIEWER_RATE: '100000' });
  let ingested;
  let serverCpu;
  let wide;
  const loadAtStart = loadavg()[0];
  /** One pass: events/s, the collector's CPU per event, its CPU by thread, the inserts' mean size. */
  const pass = async (passBodies, clients) => {
    const health = async () => (await (await fetch(`${collector.url}/health`)).json()).stats;
    const before = await health();
    const cpu0 = cpuSeconds(collector.child.pid);
    const threads0 = threadCpu(collector.child.pid);
    const result = await ingest(collector.url, passBodies, clients);
    const cpu = (cpuSeconds(collector.child.pid) - cpu0) / result.events;
    const threads = Object.entries(threadCpu(collector.child.pid))
      .map(([name, seconds]) => [name, seconds - (threads0[name] ?? 0)])
      .filter(([, seconds]) => seconds >= 0.05)
      .sort((a, b) => b[1] - a[1]);
    const after = await health();
    const writes = after.writes - before.writes;
    console.log(
      `ingest, ${clients} clients: ${result.seconds.toFixed(1)} s, ${Math.round(result.events / result.seconds)} events/s, ${(cpu * 1e6).toFixed(1)} µs CPU per event; ` +
        `${writes} inserts of ${Math.round(result.events / writes)} events on average; CPU by thread (s): ${threads.map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`).join(', ')}; load ${loadavg()[0].toFixed(1)}`,
    );
    if (result.events !== passBodies.length * 100) throw new Error(`ingest stored ${result.events} of ${passBodies.length * 100}`);
    return { ...result, cpu };
  };
  try {
    ingested = await pass(bodies, Number(process.env.LINGER_BENCH_CLIENTS || 64));
    serverCpu = ingested.cpu;
    // The same bodies with new ids, from more senders at once (a show's thousands of viewers post
    // concurrently): more batches in flight, so larger inserts.
    wide = await pass(bodies.map((body) => body.replaceAll('"id":"i-', '"id":"j-')), 256);
  } finally {
    await collector.stop();
  }

  // The engine in this process now (chDB: one data folder per process, the collector has exited).
  const store = await openStore({ dataDir, retentionDays: 0 });
  try {
    await store.engine.exec(generateSql(TOTAL_EVENTS - 2 * INGEST_EVENTS, start));
    const marks = ['show_live', 'product_pinned', 'lottery_opened', 'lottery_drawn', 'perk_dropped', 'show_ended'];
    await store.engine.insert('events', marks.map((kind, i) => ({ id: `tl-${i}`, show: 'big', type: 'timeline', at: start + i * 20 * 60_000, viewer: 'host', session: 'host', locale: 'en', seconds: 0, ref: '', num: 0, kind, label: kind })));
    // Rows written into `events` behind the collector's back: their aggregate rows are made as at a
    // start after a crash (collector/src/store.mjs, ensureAggregates).
    const t0 = performance.now();
    const rebuilt = await ensureAggregates(store.engine, 0);
    console.log(`aggregate rows of ${rebuilt.join(', ')} made from the events in ${Math.round(performance.now() - t0)} ms`);
    const [{ n }] = await store.engine.rows('SELECT toUInt32(count()) AS n FROM events');
    if (n !== TOTAL_EVENTS + marks.length) throw new Error(`the table holds ${n} events`);
    let best = Infinity;
    let report;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      report = await showReport(store, 'big');
      best = Math.min(best, performance.now() - t0);
    }
    if (report.metrics.viewers !== 25_000) throw new Error(`the report saw ${report.metrics.viewers} viewers`);
    if (!store.aggregated) throw new Error('the report did not read the pre-aggregated tables');
    let bestRaw = Infinity;
    for (let round = 0; round < 2; round++) {
      const t0 = performance.now();
      const raw = await showReport({ engine: store.engine, queries: store.rawQueries }, 'big');
      bestRaw = Math.min(bestRaw, performance.now() - t0);
      deepStrictEqual(report, raw, 'the pre-aggregated report equals the raw scan');
    }
    // Stored bytes of the live parts (parts merged away linger on disk for a few minutes), and the
    // whole folder as it is now.
    const [{ stored, aggregates }] = await store.engine.rows(
      "SELECT toFloat64(sumIf(bytes_on_disk, table = 'events')) AS stored, toFloat64(sumIf(bytes_on_disk, table IN ('show_viewers', 'viewer_minutes'))) AS aggregates FROM system.parts WHERE active AND database = currentDatabase()",
    );
    const bytes = folderBytes(dataDir);

    const { computeMetrics } = await metricsTs();
    const log = showLog(1_000_000);
    let bestTs = Infinity;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const metrics = computeMetrics(log, { show: 'big' });
      bestTs = Math.min(bestTs, performance.now() - t0);
      if (metrics.viewers !== 2000) throw new Error(`metrics.ts saw ${metrics.viewers} viewers`);
    }
    return {
      figures: {
        ingest_http_events_per_s: Math.round(ingested.events / ingested.seconds),
        ingest_collector_cpu_us_per_event: Math.round(serverCpu * 1e7) / 10,
        ingest_http_events_per_s_256_clients: Math.round(wide.events / wide.seconds),
        ingest_collector_cpu_us_per_event_256_clients: Math.round(wide.cpu * 1e7) / 10,
        report_10m_events_ms: Math.round(best),
        report_10m_events_raw_scan_ms: Math.round(bestRaw),
        table_bytes_per_event: Math.round((stored / n) * 10) / 10,
        aggregate_bytes_per_event: Math.round((aggregates / n) * 10) / 10,
        data_folder_bytes_per_event: Math.round((bytes / n) * 10) / 10,
        machine_load_1m_at_start: Math.round(loadAtStart * 10) / 10,
        machine_load_1m: Math.round(loadavg()[0] * 10) / 10,
        metrics_ts_1m_events_ms: Math.round(bestTs),
      },
      targets: { ingest_http_events_per_s: 50_000, report_10m_events_ms: 1000 },
      direction: { ingest_http_events_per_s: 'min', report_10m_events_ms: 'max' },
    };
  } finally {
    await store.close();
  }
}
