// Zero layout shift with the script-tag build (issue 14): the README's quick-start markup (read from
// README.md, without app-id, token-url and webhook, as the README says to try it) on a plain page with
// Dawn-like globals, served from loopback, with every element module held back until the test
// releases it. `blocking="render"` on the script tag holds the first paint until the autoloader has
// injected its `:not(:defined)` stylesheet (src/cdn/reserve.ts); each element must then keep that
// box, and draw nothing that moves inside it, when its code arrives and the room connects: the
// page's PerformanceObserver('layout-shift') sees nothing from the first paint on. Builds dist/ first
// (node test files run one at a time: see scripts/test.mjs).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { quickStart, root, storefront } from '../helpers/quick-start.mjs';

const types = { '.js': 'text/javascript', '.html': 'text/html' };
const { script, markup } = await quickStart();
// The quick start plus a danmaku overlay (the other reserved height).
const page = storefront({ script, body: `${markup}\n<linger-overlay id="danmaku" variant="danmaku"></linger-overlay>` });

before(() => execSync('npm run build', { cwd: root, stdio: 'ignore' }), { timeout: 180_000 });

/** Every layout shift the page sees, with where each moved node was and went. */
function observeShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const sources = (entry.sources ?? []).map((source) => ({ node: source.node?.nodeName ?? 'shadow', from: [source.previousRect.top, source.previousRect.height], to: [source.currentRect.top, source.currentRect.height] }));
      window.__shifts.push({ value: entry.value, sources });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}
const launch = () => chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

test('the quick-start page with the CDN build has no layout shift while its modules arrive', { timeout: 180_000 }, async () => {
  /** Element modules wait here until released: the page paints with every tag undefined first. */
  const held = [];
  let release = false;
  let allHeld;
  const heldAll = new Promise((resolve) => (allHeld = resolve));
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (!path.startsWith('/dist/')) return response.writeHead(404).end();
    const body = await readFile(join(root, path)).catch(() => null);
    if (body === null) return response.writeHead(404).end();
    const send = () => response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    // The room draws nothing; the six elements that draw are held (Chromium opens 6 connections per host).
    if (path.startsWith('/dist/cdn/elements/') && !path.endsWith('/linger-room.js') && !release) {
      held.push(send);
      if (held.length === 6) allHeld();
    } else send();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launch();
  try {
    const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.addInitScript(observeShifts);
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    // Every tag asked for its module, none has it: the page has painted with the reserve only.
    const TAGS = ['linger-room', 'linger-player', 'linger-overlay', 'linger-countdown', 'linger-product', 'linger-lottery', 'linger-quiz'];
    await heldAll;
    assert.equal(held.length, TAGS.length - 1, 'one request per drawing tag');
    const boxes = () =>
      tab.evaluate((tags) => {
        const box = (element) => {
          const rect = element.getBoundingClientRect();
          return [rect.top, rect.height];
        };
        return Object.fromEntries([...tags.filter((tag) => tag !== 'linger-room').map((tag) => [tag, box(document.querySelector(tag))]), ['danmaku', box(document.querySelector('#danmaku'))], ['below', box(document.querySelector('#below'))]]);
      }, TAGS);
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const before = await boxes();
    release = true;
    for (const send of held.splice(0)) send();
    await tab.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)) && document.querySelector('linger-room').session?.$status.get() === 'connected', TAGS);
    await tab.waitForFunction(() => [...document.querySelectorAll('linger-room *')].every((element) => !element.isUpdatePending));
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const after = await boxes();
    const shifts = await tab.evaluate(() => window.__shifts);
    assert.deepEqual(errors, [], 'no page errors');
    assert.deepEqual(after, before, 'every element keeps the box it had before its code arrived');
    // From the first paint on: no shift of the page, none inside the elements' shadow trees.
    const cls = shifts.reduce((sum, shift) => sum + shift.value, 0);
    assert.ok(cls < 0.001, `layout shift from the first paint until the room has connected: ${cls} (${JSON.stringify(shifts)})`);
  } finally {
    await browser.close();
    server.close();
  }
});

// Nothing held: the elements upgrade while the room is still connecting, so the overlay first shows
// the connection status where the phase chip goes, then the chip (the case a merchant's page meets).
test('the quick-start page has no layout shift when its modules arrive at their own pace', { timeout: 120_000 }, async () => {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const body = path.startsWith('/dist/') ? await readFile(join(root, path)).catch(() => null) : null;
    if (body === null) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launch();
  try {
    const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.addInitScript(observeShifts);
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => document.querySelector('linger-room').session?.$status.get() === 'connected' && document.querySelector('linger-overlay').shadowRoot?.querySelector('.phase:not(linger-connection-status)'));
    await tab.waitForFunction(() => [...document.querySelectorAll('linger-room *, #danmaku')].every((element) => customElements.get(element.localName) && !element.isUpdatePending));
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await tab.evaluate(() => window.__shifts);
    assert.deepEqual(errors, [], 'no page errors');
    const cls = shifts.reduce((sum, shift) => sum + shift.value, 0);
    assert.ok(cls < 0.001, `layout shift from the first paint until the room has connected: ${cls} (${JSON.stringify(shifts)})`);
  } finally {
    await browser.close();
    server.close();
  }
});
