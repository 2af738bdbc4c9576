// Shared by the collector's Node tests: events, batches, HTTP helpers, and metrics.ts bundled for Node.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const T = Date.UTC(2026, 0, 10, 18, 0, 0);

let n = 0;
/** One valid event (a heartbeat unless told). */
export function event(overrides = {}) {
  return { id: `e${++n}-${Math.random().toString(36).slice(2, 8)}`, type: 'heartbeat', at: T, show: 'show-a', viewerId: 'v1', sessionId: 's1', locale: 'en', props: { seconds: 15 }, ...overrides };
}

/** POSTs JSON (or a raw string) to `url`; returns {status, headers, body}. */
export async function post(url, body, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: response.status === 200 ? await response.json() : await response.text() };
}

/** src/analytics/metrics.ts (and the worked example) for Node, bundled once. */
export async function metricsTs() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const result = await build({
    stdin: { contents: "export { computeMetrics } from './src/analytics/metrics.ts'; export { workedExample } from './test/analytics/worked-example.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

/** Waits until `check()` is truthy (polls; no fixed sleeps). */
export async function waitFor(check, what, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts `node script …args` and resolves with the first JSON line it prints, and the child. */
export async function spawnJson(script, args = [], env = {}) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      for (const line of buffered.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const value = JSON.parse(line);
          child.stdout.off('data', onData);
          child.stdout.resume();
          return resolve(value);
        } catch {
          // a partial line: wait for more
        }
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before it was ready`)));
  });
  return { child, info };
}

/** Stops a child and waits for it to be gone. */
export function stop(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill(signal);
  });
}

/** Posts events in webhook batches of `size`, `parallel` requests at a time; resolves with the answers. */
export async function postBatches(url, events, { size = 100, parallel = 4 } = {}) {
  const batches = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  const answers = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        const i = next++;
        answers[i] = await post(url, { batch: `b${i}`, sentAt: Date.now(), dropped: 0, events: batches[i] });
      }
    }),
  );
  return answers;
}

/** The report's metrics against computeMetrics on the same events: equal, figure by figure. */
export function assertSameMetrics(assert, sql, js) {
  for (const key of Object.keys(js)) assert.deepStrictEqual(sql[key], js[key], `metrics.${key}: SQL and metrics.ts differ`);
  assert.deepStrictEqual(Object.keys(sql).sort(), Object.keys(js).sort());
}
