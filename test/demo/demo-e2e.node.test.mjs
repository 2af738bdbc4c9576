// End to end: `npm start`'s server, the host console tab and the storefront tab in one real
// Chromium (one context: BroadcastChannel reaches same-origin tabs of one profile). A mini-show is
// driven from the console's own UI and every step is checked in the viewer's DOM (Playwright's CSS
// locators pierce shadow roots). A second test switches the simulated audience on and off.
//
// Screenshots go to test/demo/screenshots/ (git-ignored); with LINGER_UPDATE_DOCS_IMAGES=1 the
// documented set is also written to docs/images/demo-*.png (each must stay ≤ 300 KB).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { comment, hostConsole, openConnected, startDemo, watchContext } from './show-driver.mjs';

const SHOTS = 'test/demo/screenshots';
const DOCS_IMAGES = 'docs/images';
const MAX_DOC_IMAGE_BYTES = 300 * 1024;

// One server and browser for the file: the dev server compiles each module once. Each test has its
// own browser context, so their BroadcastChannels and storage do not meet.
let demo;
before(async () => (demo = await startDemo()));
after(async () => demo?.close());

/** Saves a screenshot; a documented one is also checked for size and, on request, copied to docs/images. */
async function shoot(page, name, options = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path, animations: 'disabled', ...options });
  if (!name.startsWith('demo-')) return;
  const size = statSync(path).size;
  assert.ok(size <= MAX_DOC_IMAGE_BYTES, `${name}.png is ${Math.round(size / 1024)} KB; documented screenshots stay ≤ 300 KB`);
  if (process.env.LINGER_UPDATE_DOCS_IMAGES === '1') {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    copyFileSync(path, `${DOCS_IMAGES}/${name}.png`);
  }
}

test('a mini-show from the host console reaches the storefront, step by step', { timeout: 120_000 }, async () => {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const watch = watchContext(context);
    const host = await openConnected(context, demo.server.hostUrl);
    const store = await openConnected(context, demo.server.storefrontUrl);
    const cockpit = hostConsole(host);
    const lottery = store.locator('linger-lottery');
    const quiz = store.locator('linger-quiz');

    // Before the show, the live section explains itself; the product page works on its own.
    await store.locator('#live-idle').waitFor();
    await store.locator('.swatch', { hasText: 'Jade' }).click();
    await store.locator('#price', { hasText: '$54.00' }).waitFor();
    await store.locator('#view-photo[src$="scarf-jade.svg"]').waitFor();
    await store.locator('.thumb[data-view="live"]').click();
    await store.locator('#view-live linger-player').waitFor();
    await store.locator('[data-step="1"]').click();
    await store.locator('.buy-form .add').click();
    await store.locator('#cart-count', { hasText: '2' }).waitFor();

    // Go live, publish the schedule: the viewer's countdown counts to the first perk.
    await cockpit.goLive();
    await cockpit.publishSchedule();
    await store.locator('linger-countdown [part="clock"]', { hasText: /1[45]:\d\d/ }).waitFor();
    assert.equal(await store.locator('#live-idle').isHidden(), true, 'the idle note leaves once the show has a schedule');

    // Pre-announce: the prompt reaches the overlay.
    await cockpit.announce('Giveaway in a minute: type 1 if you want the silk scarf!');
    await store.locator('linger-overlay', { hasText: 'type 1 if you want the silk scarf!' }).first().waitFor();

    // A keyword lottery: the viewer comments the keyword and the host's receipt says "you're in".
    await cockpit.openKeywordLottery('Silk scarf — Indigo', '1');
    await lottery.locator('[part="how"]', { hasText: 'Type “1” in the chat to enter' }).waitFor();
    await comment(store, '1');
    await lottery.locator('[part="status"]', { hasText: 'You’re in!' }).waitFor();
    await cockpit.cockpit.locator('[part="summary"] div', { hasText: 'Entrants' }).locator('dd', { hasText: '1' }).waitFor();

    // The draw: both tabs show the winner, and both re-check the draw.
    await cockpit.draw();
    await lottery.locator('[part="winners"]', { hasText: 'You won!' }).waitFor();
    await lottery.locator('[part="verify"][data-status="verified"]').waitFor();
    const viewerId = await store.evaluate(() => document.querySelector('linger-room').session.userId);
    await cockpit.cockpit.locator('.next', { hasText: `Winners: ${viewerId}` }).waitFor();
    await host.locator('.preview linger-lottery [part="verify"][data-status="verified"]').waitFor();
    await shoot(host, 'demo-host-console');

    // A quiz: asked from the seeded bank, answered by the viewer, revealed with the why.
    await cockpit.ask('Which silk is the finest');
    await quiz.locator('[part="question"]', { hasText: 'Which silk is the finest for a scarf?' }).waitFor();
    await quiz.locator('[part="option"]', { hasText: 'Mulberry' }).click();
    await quiz.locator('[part="status"]', { hasText: 'Answer locked' }).waitFor();
    await cockpit.reveal();
    await quiz.locator('[part="explanation"]', { hasText: 'mulberry leaves' }).waitFor();
    await quiz.locator('[part="verify"][data-status="verified"]').waitFor();

    // The product pinned with a first-N count; the viewer adds it through the shop's own cart.
    await cockpit.pin('scarf-indigo', 20);
    const product = store.locator('linger-product');
    await product.locator('[part="stock"]', { hasText: '20 left' }).waitFor();
    await product.locator('[part="add-button"]').click();
    await product.locator('[part="message"]', { hasText: 'Added' }).waitFor();
    await store.locator('#cart-count', { hasText: '3' }).waitFor();

    // The first-N gift from the plan, moved to now: the viewer claims it.
    await cockpit.moveStepToNow('first-n');
    const countdown = store.locator('linger-countdown');
    await countdown.locator('button.claim').click();
    await countdown.locator('[part="drop"]', { hasText: 'Claimed! It’s yours.' }).waitFor();

    // A comment reaches the console's chat.
    await comment(store, 'Is it real silk?');
    await cockpit.tab('chat');
    await cockpit.cockpit.locator('.chat', { hasText: 'Is it real silk?' }).waitFor();

    await store.locator('#cart-open').click();
    await store.locator('#cart-lines li', { hasText: 'Jade' }).waitFor();
    await shoot(store, 'storefront-cart');
    await store.locator('#cart-close').click();
    await shoot(store, 'storefront-en-full', { fullPage: true });
    await store.evaluate(() => window.scrollTo(0, 0));
    await shoot(store, 'demo-storefront-en');

    // Arabic from the language switcher: the page and the elements mirror.
    await store.locator('#language').selectOption('ar');
    await store.locator('html[dir="rtl"][lang="ar"]').waitFor();
    await lottery.locator('[part="base"][dir="rtl"]').waitFor();
    await store.locator('#price', { hasText: 'US$' }).waitFor();
    await shoot(store, 'storefront-ar-full', { fullPage: true });
    await shoot(store, 'demo-storefront-ar');

    // A phone joining late gets the state from the host's snapshot.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(demo.server.storefrontUrl);
    await phone.locator('linger-quiz [part="explanation"]').waitFor();
    await phone.locator('linger-product [part="stock"]').waitFor();
    await shoot(phone, 'demo-phone-en');
    const phoneWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(phoneWidth <= 390, `nothing is wider than the phone (page is ${phoneWidth}px wide)`);

    await host.bringToFront();
    await shoot(host, 'host', { fullPage: true });
    assert.deepEqual(watch.errors, [], 'no page errors');
    assert.deepEqual(watch.offLoopback, [], 'nothing beyond loopback');
  } finally {
    await context.close();
  }
});

test('the simulated audience fills the show, plays along, and leaves when switched off', { timeout: 90_000 }, async () => {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const watch = watchContext(context);
    const host = await openConnected(context, demo.server.hostUrl);
    const cockpit = hostConsole(host);
    await cockpit.goLive();
    const store = await openConnected(context, `${demo.server.storefrontUrl}?audience-size=120`);
    await store.locator('#audience').check();
    await store.locator('#audience-count', { hasText: '(120)' }).waitFor();

    // The host counts them as viewers (presence), and their comments come in several languages.
    await waitFor(async () => (await cockpit.figure('Viewers now')) >= 100, 'the host sees ~120 viewers');
    await cockpit.tab('chat');
    await waitFor(async () => new Set(await cockpit.cockpit.locator('.chat li').evaluateAll(scripts)).size >= 3, 'comments in at least three scripts');

    // They enter a keyword giveaway and answer a quiz — host-directed, within the request budget.
    await cockpit.openKeywordLottery('Pocket square', '1', 30);
    await waitFor(async () => (await cockpit.figure('Entrants')) >= 10, 'synthetic viewers enter the giveaway');
    await cockpit.draw();
    await cockpit.cockpit.locator('.next', { hasText: 'Winners: v-sim-' }).waitFor();
    await store.locator('linger-lottery [part="verify"][data-status="verified"]').waitFor();
    await cockpit.ask('How is a hand-rolled edge finished');
    await waitFor(async () => (await cockpit.cockpit.locator('.next', { hasText: 'answers in' }).textContent()).match(/(\d+) answers in/)?.[1] >= 10, 'synthetic viewers answer');

    // Switched off: every synthetic viewer says goodbye and nothing more comes from them.
    await store.locator('#audience').uncheck();
    await waitFor(async () => (await cockpit.figure('Viewers now')) <= 2, 'the audience left (host + storefront remain)');
    const heard = await host.evaluate(
      (ms) =>
        new Promise((done) => {
          const channel = new BroadcastChannel('linger:spring-sale');
          let frames = 0;
          channel.onmessage = (event) => (frames += String(event.data?.from).startsWith('v-sim-') ? 1 : 0);
          // Longer than a presence beacon period (5 s): a timer left running would be heard.
          setTimeout(() => (channel.close(), done(frames)), ms);
        }),
      5_500,
    );
    assert.equal(heard, 0, 'no frame from a synthetic viewer after the switch is off');
    assert.equal(new URL(store.url()).searchParams.get('audience'), null, 'the switch state leaves the URL');
    assert.deepEqual(watch.errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});

/** The writing systems of the console's chat lines (Latin, Han, Thai, Arabic, …). */
function scripts(items) {
  const systems = { Han: /\p{Script=Han}/u, Thai: /\p{Script=Thai}/u, Arabic: /\p{Script=Arabic}/u, Kana: /\p{Script=Hiragana}|\p{Script=Katakana}/u, Latin: /\p{Script=Latin}/u };
  return items.map((item) => Object.entries(systems).find(([, pattern]) => pattern.test(item.querySelector('.text')?.textContent ?? ''))?.[0] ?? 'other');
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`timed out waiting: ${what}`);
}
