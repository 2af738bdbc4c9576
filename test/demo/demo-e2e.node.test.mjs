// End to end: `npm start`'s server, the host console tab and the storefront tab in one real
// Chromium; a mini-show driven from the console reaches the storefront's elements over
// BroadcastChannel, and the storefront's comment reaches the console. Screenshots are saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

test('a mini-show from the host console reaches the storefront over BroadcastChannel', { timeout: 90_000 }, async () => {
  const server = await startDemoServer({ port: 0, quiet: true, env: {} });
  const browser = await chromium.launch({ executablePath, args });
  const offLoopback = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
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
    const console = host.locator('linger-host-console');

    await console.locator('button', { hasText: 'Go live' }).click();
    await console.locator('#tab-products').click();
    await console.locator('#products-json').fill(JSON.stringify([{ id: 'scarf', title: 'Hand-rolled silk scarf', price: '$49.00' }]));
    await console.locator('button', { hasText: 'Import' }).click();
    await console.locator('.products button', { hasText: 'Pin' }).click();
    await console.locator('#tab-chat').click();
    await console.locator('#announce-text').fill('Type 1 if you want the silk scarf!');
    await console.locator('button', { hasText: /^Announce$/ }).click();
    await console.locator('#tab-rhythm').click();
    await console.locator('button', { hasText: 'Plan the show' }).click();
    await console.locator('button', { hasText: 'Publish schedule' }).click();

    await store.locator('linger-overlay', { hasText: 'Type 1 if you want the silk scarf!' }).first().waitFor();
    await store.locator('linger-product', { hasText: 'Hand-rolled silk scarf' }).waitFor();
    await store.locator('linger-countdown', { hasText: /1[45]:\d\d/ }).waitFor();

    // A viewer comments from the storefront; the host sees it in the console's chat tab.
    await store.locator('linger-overlay [part="input"]').fill('Is it real silk?');
    await store.locator('linger-overlay [part="send-button"]').click();
    await store.locator('linger-overlay', { hasText: 'Is it real silk?' }).waitFor();
    await console.locator('#tab-chat').click();
    await console.locator('.chat', { hasText: 'Is it real silk?' }).waitFor();

    // Add to cart off Shopify: the demo handles the cancelable event.
    await store.locator('linger-product button', { hasText: 'Add to cart' }).click();
    await store.locator('#toast', { hasText: 'Added to cart' }).waitFor();

    mkdirSync('test/demo/screenshots', { recursive: true });
    await store.screenshot({ path: 'test/demo/screenshots/storefront.png', fullPage: true });
    await host.screenshot({ path: 'test/demo/screenshots/host.png', fullPage: true });
    assert.deepEqual(errors, [], 'no page errors');
    assert.deepEqual(offLoopback, [], 'nothing beyond loopback');
  } finally {
    await browser.close();
    await server.close();
  }
});
