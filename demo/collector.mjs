// The demo's event collector: the real one (collector/src/server.mjs, docs/collector.md) in a child
// process — embedded ClickHouse (chDB) writing to a data folder, no server to install. A child, not
// an import: chDB allows one data directory per process, and a test may start several demos.
//
// The demo server proxies two routes to it, so pages stay same-origin (CSP `connect-src 'self'`)
// and the collector's access key never reaches a browser:
// - `POST /api/events` → the collector's `POST /events` (the `<linger-room webhook>` batches; its
//   status, `Retry-After` and answer pass through unchanged);
// - `GET /api/report?show=<id>` → `GET /shows/<id>/report` with the access key: the summary
//   `<linger-report src>` reads.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const EVENTS_PATH = '/api/events';
export const REPORT_PATH = '/api/report';
const COLLECTOR_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../collector/src/server.mjs');
const MAX_BODY_BYTES = 1_000_000;
const START_TIMEOUT_MS = 60_000;

/**
 * Starts the collector in a child process and resolves once it listens.
 *
 * @param {object} options
 * @param {string} options.dataDir  chDB data folder (created when missing).
 * @param {Record<string, string | undefined>} [options.env]  Passed on (CLICKHOUSE_URL, LINGER_RETENTION_DAYS, …).
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ url: string, pid: number, dataDir: string,
 *   middleware: (ctx: any, next: () => Promise<unknown>) => Promise<unknown>,
 *   report: (show: string) => Promise<Response>, close: () => Promise<void> }>}
 */
export async function startCollector({ dataDir, env = process.env, log = () => {} }) {
  mkdirSync(dataDir, { recursive: true });
  const accessKey = randomBytes(18).toString('base64url');
  const child = spawn(process.execPath, [COLLECTOR_ENTRY], {
    env: { ...inherited(), ...passed(env), PORT: '0', HOST: '127.0.0.1', LINGER_DATA_DIR: dataDir, LINGER_ACCESS_KEY: accessKey, LINGER_READY_JSON: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  // The collector dies with the demo, however the demo ends.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the collector did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('{')) {
        try {
          const ready = JSON.parse(line).ready;
          if (typeof ready === 'string') {
            clearTimeout(timer);
            resolveUrl(ready);
            return;
          }
        } catch {
          // not the ready marker
        }
      }
      if (!line.includes('access key')) log(line);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the collector exited before it was ready (code ${code}, signal ${signal})`));
    });
  });

  const report = (show) =>
    fetch(`${url}/shows/${encodeURIComponent(show)}/report`, { headers: { Authorization: `Bearer ${accessKey}` } });

  async function middleware(ctx, next) {
    if (ctx.path === EVENTS_PATH) {
      if (ctx.method !== 'POST') {
        ctx.status = 405;
        ctx.set('Allow', 'POST');
        return undefined;
      }
      const chunks = [];
      let size = 0;
      for await (const chunk of ctx.req) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          ctx.status = 413;
          ctx.body = { error: `body larger than ${MAX_BODY_BYTES} bytes` };
          return undefined;
        }
        chunks.push(chunk);
      }
      // The collector parses the body as JSON whatever its type (`sendBeacon` posts text/plain).
      return relay(ctx, await fetch(`${url}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: Buffer.concat(chunks) }));
    }
    if (ctx.path === REPORT_PATH) {
      if (ctx.method !== 'GET') {
        ctx.status = 405;
        ctx.set('Allow', 'GET');
        return undefined;
      }
      const show = ctx.query.show;
      if (typeof show !== 'string' || !show) {
        ctx.status = 400;
        ctx.body = { error: 'add ?show=<show id>' };
        return undefined;
      }
      return relay(ctx, await report(show));
    }
    return next();
  }

  let closing;
  const close = () => {
    closing ??= (async () => {
      process.off('exit', killChild);
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM: the collector finishes queued writes and closes chDB.
        child.kill('SIGTERM');
        const timer = setTimeout(killChild, 15_000);
        await exited;
        clearTimeout(timer);
      }
    })();
    return closing;
  };

  return { url, pid: child.pid, dataDir, middleware, report, close };
}

/** The demo's own process environment, without the collector settings the demo decides itself. */
function inherited() {
  const out = { ...process.env };
  for (const key of Object.keys(out)) if (key.startsWith('LINGER_') || key === 'CLICKHOUSE_URL' || key === 'PORT' || key === 'HOST') delete out[key];
  return out;
}

/** The collector settings the demo passes on from its environment (docs/collector.md). */
function passed(env) {
  const keys = ['CLICKHOUSE_URL', 'LINGER_RETENTION_DAYS', 'LINGER_QUERY_FINAL'];
  return Object.fromEntries(keys.filter((key) => env[key]).map((key) => [key, env[key]]));
}

/** Passes the collector's answer through: status, JSON body, and `Retry-After` on 429/503. */
async function relay(ctx, response) {
  ctx.status = response.status;
  ctx.set('Cache-Control', 'no-store');
  const retry = response.headers.get('retry-after');
  if (retry) ctx.set('Retry-After', retry);
  ctx.type = response.headers.get('content-type') || 'application/json';
  ctx.body = Buffer.from(await response.arrayBuffer());
  return undefined;
}
