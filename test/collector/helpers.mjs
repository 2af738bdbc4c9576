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
