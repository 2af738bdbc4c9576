// Shared by the demo's browser tests: Chromium, the demo server, and the host console driven by
// its own UI (the buttons an operator clicks), so the tests read like the show they run.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../demo/server.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

/**
 * The demo server with its collector's data in a scratch folder (chDB takes one folder per process:
 * servers started side by side must never share one). Options as `startDemoServer`'s, quiet, port 0.
 */
export function startScratchDemoServer({ env = {}, ...options } = {}) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'linger-demo-')), 'collector');
  return startDemoServer({ port: 0, quiet: true, ...options, env: { LINGER_DATA_DIR: dataDir, ...env } });
}

/** The demo server (see `startScratchDemoServer`) and one Chromium; `close()` stops both. */
export async function startDemo(env = {}) {
  const server = await startScratchDemoServer({ env });
  const browser = await chromium.launch({ executablePath, args });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Records every request that leaves loopback, and page errors, for a context's pages. */
export function watchContext(context) {
  const offLoopback = [];
  const errors = [];
  context.on('request', (request) => {
    const { hostname, protocol } = new URL(request.url());
    if ((protocol === 'http:' || protocol === 'https:') && hostname !== '127.0.0.1' && hostname !== 'localhost') offLoopback.push(request.url());
  });
  context.on('page', (page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error}`)));
  return { offLoopback, errors };
}

/** Opens a page and waits until its room is connected (the header's status line says so). */
export async function openConnected(context, url, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(url);
  await page.locator('#status[data-status="connected"]').waitFor();
  return page;
}

/** The host console's controls, by what the operator sees. */
export function hostConsole(host) {
  const cockpit = host.locator('linger-host-console');
  const tab = (name) => cockpit.locator(`#tab-${name}`).click();
  const button = (text) => cockpit.locator('button', { hasText: text });
  return {
    cockpit,
    tab,
    button,
    async goLive() {
      await button('Go live').click();
      await cockpit.locator('[part="header"] .phase[data-phase="live"]').waitFor();
    },
    async pin(productId, firstN) {
      await tab('products');
      if (firstN !== undefined) await cockpit.locator(`#remaining-${productId}`).fill(String(firstN));
      await cockpit.locator('li', { has: host.locator(`#remaining-${productId}`) }).locator('button', { hasText: 'Pin' }).click();
    },
    async publishSchedule() {
      await tab('rhythm');
      await button('Plan the show').click();
      await button('Publish schedule').click();
    },
    async announce(text, kind = 'perk-prompt') {
      await tab('chat');
      await cockpit.locator('#announce-text').fill(text);
      await cockpit.locator('select[name="kind"]').selectOption(kind);
      await button(/^Announce$/).click();
    },
    async openKeywordLottery(prize, keyword, seconds = 60) {
      await tab('lottery');
      const form = cockpit.locator('form', { has: host.locator('select[name="mode"]') });
      await form.locator('select[name="mode"]').selectOption('keyword');
      await form.locator('input[name="prize"]').fill(prize);
      await form.locator('input[name="keyword"]').fill(keyword);
      await form.locator('input[name="seconds"]').fill(String(seconds));
      await button('Open lottery').click();
      await button(/^Draw$/).waitFor();
    },
    async draw() {
      await tab('lottery');
      await button(/^Draw$/).click();
    },
    /** Asks the seeded bank's question that starts with `start`. */
    async ask(start) {
      await tab('quiz');
      await cockpit.locator('li', { hasText: start }).locator('button', { hasText: 'Ask' }).click();
      await button('Reveal').waitFor();
    },
    async reveal() {
      await tab('quiz');
      await button('Reveal').click();
    },
    /**
     * Moves the planned step of this kind to the current minute and re-publishes the schedule: the
     * console then fires it by itself (after its 5 s undo window), as it would at the planned time.
     */
    async moveStepToNow(kind) {
      await tab('rhythm');
      const step = cockpit.locator('li.step', { has: host.locator(`option[value="${kind}"]:checked`) }).first();
      const now = await host.evaluate(() => new Date().toTimeString().slice(0, 5));
      await step.locator('input[type="time"]').fill(now);
      await button('Publish schedule').click();
    },
    /** A figure of the summary strip, e.g. "Viewers now", as a number. */
    async figure(label) {
      const text = await cockpit.locator('[part="summary"] div', { hasText: label }).locator('dd').textContent();
      return Number(text.replace(/[^\d.]/g, ''));
    },
  };
}

/** A viewer's comment from the storefront's composer. */
export async function comment(store, text) {
  await store.locator('linger-overlay [part="input"]').fill(text);
  await store.locator('linger-overlay [part="send-button"]').click();
}
