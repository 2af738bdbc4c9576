// Strict pages: the demo is served with a strict Content-Security-Policy and Trusted Types
// (demo/server.mjs). The storefront (with the simulated audience on), the host console and the report
// run a short show; not one violation and not one console error may occur. A sanity step first
// proves that the listener catches a violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { comment, hostConsole, openConnected, startDemo, startScratchDemoServer, watchContext } from './show-driver.mjs';

let demo;
before(async () => (demo = await startDemo()));
after(async () => demo?.close());

/** Every page of the context records its CSP violations (in `window.__violations`) before any script runs. */
async function recordViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`.trim());
    });
  });
  const consoleErrors = [];
  context.on('page', (page) => page.on('console', (message) => message.type() === 'error' && consoleErrors.push(`${page.url()}: ${message.text()}`)));
  return consoleErrors;
}

const violationsOf = (page) => page.evaluate(() => window.__violations);

test('the demo pages are served with the strict policy, and `LINGER_CSP=off` turns it off', async () => {
  const response = await fetch(demo.server.storefrontUrl);
  const policy = response.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "require-trusted-types-for 'script'"]) {
    assert.ok(policy.includes(directive), `the policy has ${directive}: ${policy}`);
  }
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline script in the served storefront');
  assert.doesNotMatch(html, /<style|\sstyle=/i, 'no inline style in the served storefront');

  const open = await startScratchDemoServer({ env: { LINGER_CSP: 'off' } });
  try {
    assert.equal((await fetch(open.storefrontUrl)).headers.get('content-security-policy'), null, 'LINGER_CSP=off serves no policy');
  } finally {
    await open.close();
  }
});

test('storefront, host console and report run a show without a single CSP violation', { timeout: 90_000 }, async () => {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const consoleErrors = await recordViolations(context);
    const watch = watchContext(context);
    const host = await openConnected(context, demo.server.hostUrl);
    const store = await openConnected(context, `${demo.server.storefrontUrl}?audience=on&audience-size=40`);

    // Sanity: the listener catches a violation (an inline style attribute is refused).
    await store.evaluate(() => document.body.setAttribute('style', 'color:red'));
    await store.waitForFunction(() => window.__violations.length > 0);
    assert.match((await violationsOf(store))[0], /style-src-attr/, 'the sanity violation is recorded');
    await store.evaluate(() => {
      document.body.removeAttribute('style');
      window.__violations = [];
    });
    consoleErrors.length = 0;

    // A short show: every element renders its states, the audience plays along.
    const cockpit = hostConsole(host);
    await cockpit.goLive();
    await cockpit.publishSchedule();
    await cockpit.announce('Type 1 if you want the scarf!');
    await cockpit.pin('scarf-indigo', 5);
    await store.locator('linger-product [part="add-button"]').click();
    await cockpit.openKeywordLottery('Silk scarf', '1', 30);
    await comment(store, '1');
    await store.locator('linger-lottery [part="status"]', { hasText: 'You’re in!' }).waitFor();
    await cockpit.draw();
    await store.locator('linger-lottery [part="verify"][data-status="verified"]').waitFor();
    await cockpit.ask('How should you wash');
    await store.locator('linger-quiz [part="option"]', { hasText: 'Cool hand wash' }).click();
    await cockpit.reveal();
    await store.locator('linger-quiz [part="explanation"]').waitFor();
    await store.locator('linger-overlay [part="like-button"]').click();
    await store.locator('#cart-open').click();
    await store.locator('#cart-close').click();
    await store.locator('#language').selectOption('ar');
    await store.locator('.thumb[data-photo]').first().click();
    await store.locator('#audience').uncheck();

    const report = await context.newPage();
    await report.goto(demo.server.reportUrl);
    await report.locator('linger-report').waitFor();
    const sample = await context.newPage();
    await sample.goto(`${demo.server.reportUrl}?sample&lang=ar`);
    await sample.locator('linger-report canvas, linger-report svg').first().waitFor();

    for (const page of [store, host, report, sample]) assert.deepEqual(await violationsOf(page), [], `no CSP violation on ${page.url()}`);
    assert.deepEqual(consoleErrors, [], 'no console errors');
    assert.deepEqual(watch.errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});
