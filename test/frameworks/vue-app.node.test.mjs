// A real Vue 3.5 app in headless Chromium. Its template is compiled ahead of time like a Vite build
// (where no custom element is defined yet), with `isCustomElement` as docs/frameworks.md says:
// Vue then renders <linger-countdown> as the element, bindings reach it as attributes (kebab-case)
// or properties (camelCase), and `@linger-*` listeners fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileTemplate } from 'vue/compiler-sfc';
import { openApp } from './browser.mjs';

/** The option docs/frameworks.md tells Vue users to set. */
const isCustomElement = (tag) => tag.startsWith('linger-');
const template = readFileSync(new URL('.apps/vue-app.html', import.meta.url), 'utf8');

function compile(compilerOptions) {
  const { code, errors } = compileTemplate({ source: template, filename: 'vue-app.html', id: 'vue-app', compilerOptions });
  assert.deepEqual(errors, [], 'the template compiles');
  return code;
}

test('Vue: isCustomElement keeps linger-* tags out of component resolution', () => {
  assert.match(compile({}), /resolveComponent\("linger-countdown"\)/, 'without it, Vue looks for a component named linger-countdown');
  assert.doesNotMatch(compile({ isCustomElement }), /resolveComponent/, 'with it, the tags are plain elements');
});

test('Vue: <linger-countdown> renders, takes bindings and delivers events', { timeout: 120_000 }, async () => {
  const templatePlugin = {
    name: 'vue-app-template',
    setup(builder) {
      builder.onResolve({ filter: /^virtual:vue-app-template$/ }, () => ({ path: 'vue-app-template', namespace: 'virtual' }));
      builder.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: compile({ isCustomElement }), loader: 'js', resolveDir: process.cwd() }));
    },
  };
  const { page, problems, close } = await openApp('vue-app.ts', {
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    plugins: [templatePlugin],
  });
  try {
    await page.waitForFunction(() => document.querySelector('linger-countdown')?.shadowRoot?.querySelector('[part="title"]'));
    const seen = await page.evaluate(() => {
      const countdown = document.querySelector('linger-countdown');
      return {
        upgraded: countdown.constructor === customElements.get('linger-countdown'),
        inRoom: document.querySelector('linger-room').contains(countdown),
        nextShowTitle: countdown.nextShowTitle,
        dropSeconds: countdown.dropSeconds,
        dropSecondsAttribute: countdown.getAttribute('dropseconds') ?? countdown.getAttribute('drop-seconds'),
        shownTitle: countdown.shadowRoot.querySelector('[part="title"]').textContent.trim(),
      };
    });
    assert.deepEqual(
      seen,
      { upgraded: true, inRoom: true, nextShowTitle: 'Vue launch', dropSeconds: 42, dropSecondsAttribute: null, shownTitle: 'Vue launch' },
      'upgraded and rendered; the kebab-case attribute and the camelCase property both arrived',
    );
    await page.waitForFunction(() => document.querySelector('#statuses')?.textContent?.split(' ').includes('connected'));
    await page.locator('linger-countdown').locator('[part="remind-button"]').click();
    await page.waitForFunction(() => document.querySelector('#reminders')?.textContent !== '');
    assert.equal(await page.textContent('#reminders'), 'show:Vue launch', '@linger-remind-me fired once');

    assert.deepEqual(problems.warnings.filter((text) => /\[Vue warn\]/.test(text)), [], 'no Vue warnings');
    assert.deepEqual(problems.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(problems.consoleErrors, [], 'no errors on the console');
    assert.deepEqual(problems.offLoopback, [], 'nothing beyond loopback');
  } finally {
    await close();
  }
});
