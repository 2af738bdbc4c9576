// The shipped CDN build, as a merchant uses it: one <script type="module"> (the autoloader) on a
// page served from loopback. Builds first, then checks in real Chromium that tags present at load and
// tags a theme adds later get defined, that two rooms share a show over BroadcastChannel, that an
// element the page never uses is never downloaded, and that no Agora code loads without app-id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('../..', import.meta.url).pathname;
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cdn</title>
<script type="module" src="/dist/cdn/linger.js"></script></head><body>
<linger-room id="h" channel="cdn-smoke" hosts="boss" user-id="boss"></linger-room></body></html>`;

test('the CDN build defines the elements and runs a show without loading Agora', { timeout: 180_000 }, async () => {
  execSync('npm run build', { cwd: root, stdio: 'ignore' });
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (!path.startsWith('/dist/')) return response.writeHead(404).end();
    // Read first, then answer: a missing file must become a 404, not a second writeHead.
    const body = await readFile(join(root, path)).catch(() => null);
    if (body === null) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const tab = await browser.newPage();
    const requested = [];
    const errors = [];
    tab.on('request', (request) => requested.push(request.url()));
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => customElements.get('linger-room') !== undefined);
    // A theme section re-rendered after load brings a second room (a later tag) inside a wrapper.
    await tab.evaluate(() => {
      const section = document.createElement('section');
      section.innerHTML = '<div><linger-room id="v" channel="cdn-smoke" hosts="boss"></linger-room></div>';
      document.body.append(section);
    });
    await tab.waitForFunction(() => document.querySelector('#v')?.session?.$status.get() === 'connected' && document.querySelector('#h')?.session?.$status.get() === 'connected');
    const seen = await tab.evaluate(async () => {
      document.querySelector('#h').session.act('announce', { text: 'From the CDN build' });
      const viewer = document.querySelector('#v').session;
      for (let i = 0; i < 100 && !viewer.state.announcement; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return viewer.state.announcement?.text;
    });
    assert.equal(seen, 'From the CDN build', 'the host announce reached the other room');
    assert.deepEqual(errors, [], 'no page errors');
    assert.ok(requested.every((url) => url.startsWith('http://127.0.0.1:')), 'nothing beyond loopback');
    assert.ok(!requested.some((url) => /agora/i.test(url)), `no Agora chunk without app-id: ${requested.join(', ')}`);
    const elementFiles = requested.filter((url) => url.includes('/dist/cdn/elements/')).map((url) => url.split('/').pop());
    assert.deepEqual(elementFiles, ['linger-room.js'], 'only the used element is downloaded, once');
  } finally {
    await browser.close();
    server.close();
  }
});
