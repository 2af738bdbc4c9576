// No blocking time (issue 14): the README's quick start with the CDN build, on the plain product page
// of test/helpers/quick-start.mjs (its player showing the poster), loads on a CPU slowed 4× (CDP
// `Emulation.setCPUThrottlingRate`) without a long task (> 50 ms) that runs Linger code.
//
// How a task is judged, and why (the machine that runs this is a shared 2-core box):
// - Attribution: a CDP trace gives every task of the page's main thread; the V8 sampling profiler,
//   run at the same time, says whose JavaScript ran in it. A task is Linger's when a sample in it has a
//   dist/cdn file on its stack, or it compiles or evaluates one. The page's own tasks (its HTML, its
//   first layout) and Playwright's are not Linger's: the bare page's longest task is printed for
//   comparison, not asserted (it is not Linger's to fix).
// - Duration: the task's main-thread CPU time (the trace's `tdur`). Chromium's throttler keeps the
//   thread busy for the slowed share, so this is the 4× figure, while the time the thread waited for a
//   core on a busy machine — which the wall clock (`dur`, printed too) adds — is left out.
// - Best of 3 loads: load only ever lengthens a task, so the shortest "longest Linger task" of three
//   loads is the honest figure; a task that is long by construction is long in all three.
// Builds dist/ first (node test files run one at a time: see scripts/test.mjs).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { quickStart, root, storefront } from '../helpers/quick-start.mjs';

const LONG_TASK_MS = 50;
const LOADS = 3;
const POSTER = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#d6c7b0"/></svg>';
const { script, markup } = await quickStart();
const pages = { '/': storefront({ script, body: markup }), '/bare': storefront({ script: '', body: '' }) };

before(() => execSync('npm run build', { cwd: root, stdio: 'ignore' }), { timeout: 180_000 });

function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path === '/poster.jpg') return response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(POSTER);
    if (pages[path]) return response.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]);
    const body = path.startsWith('/dist/') ? await readFile(join(root, path)).catch(() => null) : null;
    if (body === null) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const LINGER = /\/dist\/cdn\//;
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'];

/**
 * Loads `url` on a 4× slowed CPU until `ready` holds in the page and its main thread has been idle
 * twice; returns the main thread's tasks (`dur`, `tdur` in ms, whether Linger code ran, the Linger
 * files sampled in it).
 */
async function load(browser, url, ready) {
  const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES } });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await tab.goto(url);
  // Polled on a timer, not in animation frames, so Playwright's checks stay out of the page's frames.
  if (ready) await tab.waitForFunction(ready, null, { polling: 100, timeout: 120_000 });
  for (let idle = 0; idle < 2; idle++) await tab.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await traced;
  await tab.close();
  assert.deepEqual(errors, [], 'no page errors');

  // The page's main thread: the one that parsed its HTML.
  const parse = events.find((event) => event.name === 'ParseHTML' && event.args?.beginData?.url?.startsWith(url));
  assert.ok(parse, 'the trace shows the page being parsed');
  const own = events.filter((event) => event.pid === parse.pid && event.tid === parse.tid && event.ph === 'X');
  const runs = own.filter((event) => /(^|::)RunTask$/.test(event.name)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const run of runs) if (!tasks.length || run.ts >= tasks.at(-1).ts + tasks.at(-1).dur) tasks.push(run);

  // Samples: timestamp and the Linger file (if any) on the stack.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const lingerFile = new Map();
  const fileOf = (id) => {
    if (!lingerFile.has(id)) {
      const { url: frame } = nodes.get(id).callFrame;
      lingerFile.set(id, LINGER.test(frame) ? frame.replace(/^.*\/dist\/cdn\//, '') : parents.has(id) ? fileOf(parents.get(id)) : null);
    }
    return lingerFile.get(id);
  };
  const samples = [];
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index];
    const file = fileOf(id);
    if (file) samples.push([at, file]);
  });

  return tasks.map((task) => {
    const end = task.ts + task.dur;
    const files = new Set(samples.filter(([time]) => time >= task.ts && time <= end).map(([, file]) => file));
    const evaluates = own.some((event) => event.ts >= task.ts && event.ts <= end && LINGER.test(event.args?.data?.url ?? event.args?.fileName ?? event.args?.data?.fileName ?? ''));
    return { at: Math.round((task.ts - tasks[0].ts) / 1000), dur: task.dur / 1000, tdur: (task.tdur ?? task.dur) / 1000, linger: files.size > 0 || evaluates, files: [...files] };
  });
}

const longest = (tasks) => tasks.reduce((best, task) => (task.tdur > (best?.tdur ?? -1) ? task : best), null);
const show = (task) => (task ? `${task.tdur.toFixed(1)} ms CPU (${task.dur.toFixed(1)} ms wall) at +${task.at} ms${task.files.length ? ` in ${task.files.join(', ')}` : ''}` : 'none');

test('the quick-start page loads on a 4× slowed CPU without a long task from Linger code', { timeout: 600_000 }, async (t) => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const bare = longest(await load(browser, `${origin}/bare`));
    t.diagnostic(`bare page, longest task: ${show(bare)}`);
    const worst = [];
    for (let attempt = 0; attempt < LOADS; attempt++) {
      const tasks = await load(browser, `${origin}/`, () => document.querySelector('linger-room')?.session?.$status.get() === 'connected' && [...document.querySelectorAll('linger-room *')].every((element) => customElements.get(element.localName) && !element.isUpdatePending));
      const lingers = tasks.filter((task) => task.linger);
      assert.ok(lingers.length > 0, 'the trace attributes the elements’ work to Linger');
      const long = lingers.filter((task) => task.tdur > LONG_TASK_MS);
      worst.push(longest(lingers));
      t.diagnostic(`load ${attempt + 1}: ${lingers.length} Linger tasks, ${long.length} over ${LONG_TASK_MS} ms; longest ${show(worst.at(-1))}${long.length ? `; long: ${long.map(show).join(' | ')}` : ''}`);
      if (long.length === 0) break;
    }
    const best = worst.reduce((a, b) => (b.tdur < a.tdur ? b : a));
    assert.ok(best.tdur <= LONG_TASK_MS, `longest Linger task, best of ${worst.length} loads: ${show(best)}`);
  } finally {
    await browser.close();
    server.close();
  }
});
