// End to end: `npm start`'s server, the host page and the storefront page in one real Chromium;
// the host's actions reach the storefront tab over BroadcastChannel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('host actions reach the storefront tab over BroadcastChannel', { timeout: 60_000 }, async () => {
  const server = await startDemoServer({ port: 0, quiet: true, env: {} });
  const browser = await chromium.launch({ executablePath, args });
  const offLoopback = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    context.on('request', (request) => {
      const { hostname } = new URL(request.url());
      if (hostname !== '127.0.0.1' && hostname !== 'localhost') offLoopback.push(request.url());
    });
    const store = await context.newPage();
    const host = await context.newPage();
    const errors = [];
    for (const page of [store, host]) page.on('pageerror', (error) => errors.push(String(error)));
    await store.goto(server.storefrontUrl);
    await host.goto(server.hostUrl);
    await store.locator('#status[data-status="connected"]').waitFor();
    await host.locator('#status[data-status="connected"]').waitFor();

    await host.click('#phase-form button[value="live"]');
    await host.fill('#announce-form input[name="text"]', 'Type 1 if you want the silk scarf!');
    await host.click('#announce-form button');
    await host.click('#pin-form button');
    await host.click('#perk-form button');

    await store.locator('#phase', { hasText: 'LIVE' }).waitFor();
    await store.locator('#announcement', { hasText: 'Type 1 if you want the silk scarf!' }).waitFor();
    await store.locator('#pinned', { hasText: 'Hand-rolled silk scarf — 20 left' }).waitFor();
    await store.locator('#next-perk', { hasText: /Scarf giveaway in [12]:\d\d/ }).waitFor();

    await store.fill('#chat-form input[name="text"]', 'Is it real silk?');
    await store.click('#chat-form button[type="submit"]');
    await host.locator('#chat', { hasText: 'Is it real silk?' }).waitFor();

    mkdirSync('test/demo/screenshots', { recursive: true });
    await store.screenshot({ path: 'test/demo/screenshots/storefront.png' });
    await host.screenshot({ path: 'test/demo/screenshots/host.png' });
    assert.deepEqual(errors, [], 'no page errors');
    assert.deepEqual(offLoopback, [], 'nothing beyond loopback');
  } finally {
    await browser.close();
    await server.close();
  }
});
