// A real React 19 app (react-dom/client, StrictMode, development build) using the linger-live/react
// components in headless Chromium: the tags upgrade and render, React props reach element
// properties, `linger-*` events reach `onLinger…` props, and unmount/remount is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './browser.mjs';

/** What the page shows of the elements: upgrade, properties, shadow DOM. */
const inspect = (page) =>
  page.evaluate(() => {
    const room = document.querySelector('linger-room');
    const countdown = document.querySelector('linger-countdown');
    const overlay = document.querySelector('linger-overlay');
    return {
      upgraded: [room, countdown, overlay].map((element) => element !== null && element.constructor === customElements.get(element.localName)),
      nested: room?.contains(countdown) && room?.contains(overlay),
      countdown: {
        nextShowTitle: countdown?.nextShowTitle,
        dropSeconds: countdown?.dropSeconds,
        dropSecondsAttribute: countdown?.getAttribute('drop-seconds') ?? null,
        shownTitle: countdown?.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim(),
      },
      overlay: {
        variant: overlay?.variant,
        name: overlay?.name,
        maxLength: overlay?.maxLength,
        hideComposer: overlay?.hideComposer,
        rendered: (overlay?.shadowRoot?.childElementCount ?? 0) > 0,
      },
    };
  });

test('React: components upgrade, render, take props as properties and deliver events', { timeout: 120_000 }, async () => {
  const { page, problems, close } = await openApp('react-app.tsx');
  try {
    await page.evaluate(() => window.app.mount('Spring launch'));
    await page.waitForFunction(() => document.querySelector('linger-countdown')?.shadowRoot?.querySelector('[part="title"]'));
    assert.deepEqual(
      await inspect(page),
      {
        upgraded: [true, true, true],
        nested: true,
        countdown: { nextShowTitle: 'Spring launch', dropSeconds: 42, dropSecondsAttribute: null, shownTitle: 'Spring launch' },
        overlay: { variant: 'list', name: 'Ada', maxLength: 99, hideComposer: true, rendered: true },
      },
      'elements upgraded, React props set as properties (a number stays a number, no attribute), shadow DOM rendered',
    );

    // The room's linger-status reaches onLingerStatus.
    await page.waitForFunction(() => document.querySelector('#statuses')?.textContent?.split(' ').includes('connected'));

    // A viewer action inside the shadow root: linger-remind-me reaches onLingerRemindMe.
    await page.locator('linger-countdown').locator('[part="remind-button"]').click();
    await page.waitForFunction(() => document.querySelector('#reminders')?.textContent !== '');
    assert.equal(await page.textContent('#reminders'), 'show:Spring launch', 'one remind-me event, delivered to the React handler once');

    // A re-render with a new prop updates the element.
    await page.evaluate(() => window.app.mount('Summer launch'));
    await page.waitForFunction(() => document.querySelector('linger-countdown')?.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim() === 'Summer launch');

    // Unmount, then mount again: fresh elements that connect and deliver events again.
    await page.evaluate(() => window.app.unmount());
    assert.equal(await page.evaluate(() => document.querySelectorAll('linger-room, linger-countdown, linger-overlay').length), 0, 'unmount removes the elements');
    await page.evaluate(() => window.app.mount('Autumn launch'));
    await page.waitForFunction(() => document.querySelector('#statuses')?.textContent?.split(' ').includes('connected'));
    const again = await inspect(page);
    assert.deepEqual(again.upgraded, [true, true, true], 'remounted elements are upgraded');
    assert.equal(again.countdown.shownTitle, 'Autumn launch', 'remounted countdown renders its new prop');
    await page.locator('linger-countdown').locator('[part="remind-button"]').click();
    await page.waitForFunction(() => document.querySelector('#reminders')?.textContent !== '');
    assert.equal(await page.textContent('#reminders'), 'show:Autumn launch', 'the remounted handler receives events');

    assert.deepEqual(problems.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(problems.consoleErrors, [], 'no React or element errors on the console');
    assert.deepEqual(problems.offLoopback, [], 'nothing beyond loopback');
  } finally {
    await close();
  }
});
