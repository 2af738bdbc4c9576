// React 19 server rendering and hydration of raw linger-* tags: react-dom/server renders the page in
// Node, Chromium loads that markup, the elements upgrade it, hydrateRoot takes it over. No hydration
// mismatch (an element writing attributes onto itself on upgrade is one), no error, and both rooms
// connect over BroadcastChannel, the one whose channel arrives after the first render too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { importForServer, openApp } from './browser.mjs';

test('React 19: server render + hydrateRoot of raw linger-* tags, no mismatch, rooms connect (late channel too)', { timeout: 180_000 }, async () => {
  const { Storefront } = await importForServer('ssr-react-app.tsx');
  const appHtml = renderToString(createElement(Storefront));
  assert.match(appHtml, /<linger-room id="ssr-room" channel="ssr-react" hosts="host-1">/, 'the server renders the room with its attributes');
  assert.match(appHtml, /<linger-room id="late-room" hosts="host-1">/, 'the late room has no channel on the server');

  const { page, problems, close } = await openApp('ssr-react-client.tsx', { appHtml });
  try {
    // Both rooms connect: the late one once its channel arrives after hydration.
    await page
      .waitForFunction(() => ['ssr-room', 'late-room'].every((id) => document.getElementById(id)?.$connection?.get().status === 'connected'), null, { timeout: 60_000 })
      .catch(async () => {
        const seen = await page.evaluate(() => ['ssr-room', 'late-room'].map((id) => ({ id, ...document.getElementById(id)?.$connection?.get() })));
        assert.fail(`rooms not connected: ${JSON.stringify(seen)}`);
      });
    const seen = await page.evaluate(() => ({
      hydration: window.hydration,
      lateChannel: document.getElementById('late-room').channel,
      countdownTitle: document.querySelector('linger-countdown')?.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim(),
      overlaysRendered: [...document.querySelectorAll('linger-overlay')].map((overlay) => (overlay.shadowRoot?.childElementCount ?? 0) > 0),
      // What the elements added to the server's markup: nothing (React 19 reports it as a mismatch).
      attributes: [...document.querySelectorAll('linger-room, linger-overlay, linger-countdown')].map((element) => `${element.localName}[${element.getAttributeNames().join(',')}]`),
    }));
    assert.equal(seen.lateChannel, 'ssr-react-late', 'React set the late channel on the element');
    assert.equal(seen.countdownTitle, 'Spring launch', 'the countdown renders its server-rendered attributes');
    assert.deepEqual(seen.overlaysRendered, [true, true], 'both overlays render');
    assert.deepEqual(
      seen.attributes,
      ['linger-room[id,channel,hosts]', 'linger-overlay[variant]', 'linger-countdown[next-show,next-show-title,drop-seconds]', 'linger-room[id,hosts]', 'linger-overlay[]'],
      'the elements write no attribute onto themselves (React set the late channel as a property, no attribute either)',
    );
    assert.deepEqual(seen.hydration, { recoverable: [], caught: [], uncaught: [] }, 'hydration recovered from nothing');
    const hydrationText = /hydrat|did(n't| not) match|mismatch/i;
    assert.deepEqual([...problems.consoleErrors, ...problems.warnings].filter((text) => hydrationText.test(text)), [], 'no hydration warning on the console');
    assert.deepEqual(problems.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(problems.consoleErrors, [], 'no errors on the console');
    assert.deepEqual(problems.offLoopback, [], 'nothing beyond loopback');
  } finally {
    await close();
  }
});
