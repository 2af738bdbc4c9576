// Vue 3 server rendering and hydration of raw linger-* tags: vue/server-renderer renders the page
// in Node, Chromium loads that markup, the elements upgrade it, createSSRApp hydrates it. No
// hydration mismatch or Vue warning, and both rooms connect over BroadcastChannel, the one whose
// channel arrives after mount too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { importForServer, openApp } from './browser.mjs';

const require = createRequire(import.meta.url);

test('Vue 3: server render + createSSRApp hydration of raw linger-* tags, no mismatch, rooms connect (late channel too)', { timeout: 180_000 }, async () => {
  const { Storefront, isCustomElement } = await importForServer('ssr-vue-app.ts');
  const server = createSSRApp(Storefront);
  server.config.compilerOptions.isCustomElement = isCustomElement;
  const warnings = [];
  server.config.warnHandler = (message) => warnings.push(message);
  const appHtml = await renderToString(server);
  assert.deepEqual(warnings, [], 'the server render has no Vue warning (no "Failed to resolve component")');
  assert.match(appHtml, /<linger-room id="ssr-room" channel="ssr-vue" hosts="host-1">/, 'the server renders the room with its attributes');
  assert.match(appHtml, /<linger-room id="late-room" hosts="host-1">/, 'the late room has no channel on the server');

  const { page, problems, close } = await openApp('ssr-vue-client.ts', {
    appHtml,
    // The full build: the template is compiled in the browser, with `isCustomElement`.
    alias: { vue: require.resolve('vue/dist/vue.esm-bundler.js') },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true' },
  });
  try {
    await page
      .waitForFunction(() => ['ssr-room', 'late-room'].every((id) => document.getElementById(id)?.$connection?.get().status === 'connected'), null, { timeout: 60_000 })
      .catch(async () => {
        const seen = await page.evaluate(() => ['ssr-room', 'late-room'].map((id) => ({ id, ...document.getElementById(id)?.$connection?.get() })));
        assert.fail(`rooms not connected: ${JSON.stringify(seen)}`);
      });
    const seen = await page.evaluate(() => ({
      lateChannel: document.getElementById('late-room').channel,
      countdownTitle: document.querySelector('linger-countdown')?.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim(),
      overlaysRendered: [...document.querySelectorAll('linger-overlay')].map((overlay) => (overlay.shadowRoot?.childElementCount ?? 0) > 0),
      attributes: [...document.querySelectorAll('linger-room, linger-overlay, linger-countdown')].map((element) => `${element.localName}[${element.getAttributeNames().join(',')}]`),
    }));
    assert.equal(seen.lateChannel, 'ssr-vue-late', 'Vue set the late channel on the element');
    assert.equal(seen.countdownTitle, 'Spring launch', 'the countdown renders its server-rendered attributes');
    assert.deepEqual(seen.overlaysRendered, [true, true], 'both overlays render');
    assert.deepEqual(
      seen.attributes,
      ['linger-room[id,channel,hosts]', 'linger-overlay[variant]', 'linger-countdown[next-show,next-show-title,drop-seconds]', 'linger-room[id,hosts]', 'linger-overlay[]'],
      'the elements write no attribute onto themselves (Vue set the late channel as a property)',
    );
    assert.deepEqual([...problems.consoleErrors, ...problems.warnings].filter((text) => /hydrat|mismatch/i.test(text)), [], 'no hydration mismatch on the console');
    assert.deepEqual(problems.warnings.filter((text) => /\[Vue warn\]/.test(text)), [], 'no Vue warnings');
    assert.deepEqual(problems.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(problems.consoleErrors, [], 'no errors on the console');
    assert.deepEqual(problems.offLoopback, [], 'nothing beyond loopback');
  } finally {
    await close();
  }
});
