// The Linger Shopify app's backend (integrations/shopify/web), offline with a fixed app secret: app
// proxy requests are believed only with Shopify's signature and a fresh timestamp; host tokens need
// an admin session token signed with the app secret, for this app and a served shop; the privacy
// webhooks answer only to a valid HMAC. Viewer ids stay bound to the browser (or signed-in customer),
// and in Chromium a storefront page reaches the backend through a stand-in for Shopify's app proxy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, get } from 'node:http';
import { join } from 'node:path';
import { createApp } from '../../integrations/shopify/web/app.mjs';
import { signProxyQuery, signSessionToken, signWebhook, verifyProxyRequest } from '../../integrations/shopify/web/shopify-auth.mjs';
import { chromium } from 'playwright-core';
import { ensureShopifyAssets, extensionDir, renderBlock, root } from './shopify-helpers.mjs';

const API_KEY = 'test-api-key-0123';
const SECRET = 'shpss_fixed_test_secret_0123456789abcdef';
const SHOP = 'linger-test.myshopify.com';
const NOW = 1_750_000_000_000;
const BROWSER_A = 'AAAAAAAAAAAAAAAAAAAAAAAA';
const BROWSER_B = 'BBBBBBBBBBBBBBBBBBBBBBBB';

async function startApp(t, options = {}) {
  const logged = [];
  const handle = createApp({
    apiKey: API_KEY,
    apiSecret: SECRET,
    agoraAppId: '0123456789abcdef0123456789abcdef',
    agoraAppCertificate: 'fedcba9876543210fedcba9876543210',
    hostIds: ['host-1'],
    shops: [SHOP],
    secret: 'a-fixed-identity-secret-of-32-bytes-or-more',
    now: () => NOW,
    log: (entry) => logged.push(entry),
    ...options,
  });
  const server = createServer(handle);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, logged, get: (path, headers) => fetch(`${base}${path}`, { headers }) };
}

/** A query as Shopify forwards it through the app proxy, signed with `secret`. */
function proxyQuery(params, { secret = SECRET, timestamp = NOW / 1000 } = {}) {
  const query = new URLSearchParams({ shop: SHOP, logged_in_customer_id: '', path_prefix: '/apps/linger', timestamp: String(timestamp), ...params });
  query.set('signature', signProxyQuery(query, secret));
  return query;
}

function sessionToken(overrides = {}, secret = SECRET) {
  const seconds = NOW / 1000;
  return signSessionToken(
    { iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY, sub: '42', exp: seconds + 60, nbf: seconds - 5, iat: seconds - 5, jti: 'j', sid: 's', ...overrides },
    secret,
  );
}

test("the proxy signature is Shopify's: the documented example's signature", () => {
  // shopify.dev "Authenticate app proxies": secret "hush", this query; the page shows the signature's
  // first 36 hex digits.
  const query = new URLSearchParams('extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555');
  assert.match(signProxyQuery(query, 'hush'), /^4c68c8624d737112c91818c11017d24d334b[0-9a-f]{28}$/);
  query.set('signature', signProxyQuery(query, 'hush'));
  assert.deepEqual(verifyProxyRequest(query, { secret: 'hush', now: () => 1317327555_000 }), { ok: true, shop: 'shop-name.myshopify.com', customerId: '1' });
});

test('app proxy: a signed viewer request gets tokens; its id stays with its browser', async (t) => {
  const app = await startApp(t);
  const first = await app.get(`/proxy/token?${proxyQuery({ channel: 'spring-sale', role: 'viewer', browser: BROWSER_A })}`);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('cache-control'), 'no-store');
  assert.equal(first.headers.get('set-cookie'), null, 'no cookie: an app proxy would drop it');
  const tokens = await first.json();
  assert.match(tokens.uid, /^v-[A-Za-z0-9_-]{16}$/);
  assert.ok(tokens.rtmToken.startsWith('007') && tokens.rtcToken.startsWith('007'), 'Agora tokens');

  const again = await (await app.get(`/proxy/token?${proxyQuery({ channel: 'spring-sale', uid: tokens.uid, browser: BROWSER_A })}`)).json();
  assert.equal(again.uid, tokens.uid, 'the same browser keeps its id on renewal');
  const stolen = await (await app.get(`/proxy/token?${proxyQuery({ channel: 'spring-sale', uid: tokens.uid, browser: BROWSER_B })}`)).json();
  assert.notEqual(stolen.uid, tokens.uid, "another browser asking for that id (a lottery winner's) gets a fresh one");

  // A signed-in customer is bound by Shopify's own signed customer id, whatever key the tab has.
  const customer = await (await app.get(`/proxy/token?${proxyQuery({ channel: 'c', logged_in_customer_id: '77', browser: BROWSER_A })}`)).json();
  const sameCustomer = await (await app.get(`/proxy/token?${proxyQuery({ channel: 'c', uid: customer.uid, logged_in_customer_id: '77', browser: BROWSER_B })}`)).json();
  assert.equal(sameCustomer.uid, customer.uid, "the customer's id follows the customer");
  const otherCustomer = await (await app.get(`/proxy/token?${proxyQuery({ channel: 'c', uid: customer.uid, logged_in_customer_id: '78', browser: BROWSER_A })}`)).json();
  assert.notEqual(otherCustomer.uid, customer.uid);
});

test('app proxy: forged requests are refused', async (t) => {
  const app = await startApp(t);
  const refused = async (query, why, status = 401) => {
    const response = await app.get(`/proxy/token?${query}`);
    assert.equal(response.status, status, `${why}: ${await response.text()}`);
  };
  await refused(proxyQuery({ channel: 'c', browser: BROWSER_A }, { secret: 'not-the-app-secret' }), 'signed with another secret');
  const tampered = proxyQuery({ channel: 'c', browser: BROWSER_A });
  tampered.set('channel', 'other-show');
  await refused(tampered, 'a parameter changed after signing');
  const customer = proxyQuery({ channel: 'c', browser: BROWSER_A });
  customer.set('logged_in_customer_id', '77');
  await refused(customer, 'a customer id added after signing');
  const unsigned = proxyQuery({ channel: 'c', browser: BROWSER_A });
  unsigned.delete('signature');
  await refused(unsigned, 'no signature');
  await refused(proxyQuery({ channel: 'c', browser: BROWSER_A }, { timestamp: NOW / 1000 - 10 * 60 }), 'a stale timestamp (a replayed URL)');
  await refused(proxyQuery({ channel: 'c', browser: BROWSER_A }, { timestamp: NOW / 1000 + 10 * 60 }), 'a timestamp from the future');
  await refused(proxyQuery({ channel: 'c', browser: BROWSER_A, shop: 'someone-else.myshopify.com' }), 'a shop this app does not serve');
  await refused(proxyQuery({ channel: 'c', role: 'host', uid: 'host-1', browser: BROWSER_A }), 'a host token through the storefront', 403);
  await refused(proxyQuery({ channel: 'c' }), 'no browser key', 400);
});

test('admin: host tokens only with a valid session token from a served shop', async (t) => {
  const app = await startApp(t);
  const ask = (token, query = 'channel=spring-sale&uid=host-1&role=host') => app.get(`/admin/token?${query}`, token ? { authorization: `Bearer ${token}` } : {});
  const ok = await ask(sessionToken());
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.equal((await ok.json()).uid, 'host-1');

  const seconds = NOW / 1000;
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const claims = Buffer.from(JSON.stringify({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY, sub: '42', exp: seconds + 60, nbf: seconds })).toString('base64url');
  const forged = {
    'no token': null,
    'signed with another secret': sessionToken({}, 'not-the-app-secret'),
    'alg none': `${header}.${claims}.`,
    'signature of another payload': `${sessionToken().split('.').slice(0, 2).join('.')}.${sessionToken({ sub: '43' }).split('.')[2]}`,
    expired: sessionToken({ exp: seconds - 60 }),
    'not valid yet': sessionToken({ nbf: seconds + 60 }),
    'another app': sessionToken({ aud: 'another-app' }),
    'issuer is another shop': sessionToken({ iss: 'https://evil.myshopify.com/admin' }),
    'a shop this app does not serve': sessionToken({ iss: 'https://evil.myshopify.com/admin', dest: 'https://evil.myshopify.com' }),
    'not a shop domain': sessionToken({ iss: 'https://evil.example/admin', dest: 'https://evil.example' }),
  };
  for (const [why, token] of Object.entries(forged)) {
    const response = await ask(token);
    assert.equal(response.status, 401, `${why}: ${await response.text()}`);
  }
  const notAHost = await ask(sessionToken(), 'channel=spring-sale&uid=host-2&role=host');
  assert.equal(notAHost.status, 403, 'a staff member still needs one of the host ids');

  const noShops = await startApp(t, { shops: [] });
  const anyShop = await noShops.get('/admin/token?channel=c&uid=host-1&role=host', { authorization: `Bearer ${sessionToken()}` });
  assert.equal(anyShop.status, 403, 'no shop list configured: no host tokens at all');
});

test('privacy webhooks: each topic answers 200 with a valid HMAC and 401 without', async (t) => {
  const app = await startApp(t);
  const payloads = {
    'customers/data_request': { shop_id: 1, shop_domain: SHOP, customer: { id: 77, email: 'a@example.com' }, orders_requested: [1], data_request: { id: 9 } },
    'customers/redact': { shop_id: 1, shop_domain: SHOP, customer: { id: 77, email: 'a@example.com' }, orders_to_redact: [1] },
    'shop/redact': { shop_id: 1, shop_domain: SHOP },
  };
  for (const [topic, payload] of Object.entries(payloads)) {
    const body = JSON.stringify(payload);
    const post = (hmac) =>
      fetch(`${app.base}/webhooks`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-shop-domain': SHOP, ...(hmac === undefined ? {} : { 'x-shopify-hmac-sha256': hmac }) } });
    const good = await post(signWebhook(body, SECRET));
    assert.equal(good.status, 200, `${topic}: ${await good.clone().text()}`);
    assert.equal((await good.json()).topic, topic);
    for (const [why, hmac] of [
      ['wrong secret', signWebhook(body, 'not-the-app-secret')],
      ['another body', signWebhook(`${body} `, SECRET)],
      ['hex instead of base64', Buffer.from(signWebhook(body, SECRET), 'base64').toString('hex')],
      ['no header', undefined],
    ]) {
      assert.equal((await post(hmac)).status, 401, `${topic}, ${why}`);
    }
  }
  assert.deepEqual(app.logged.map((entry) => entry.privacy), Object.keys(payloads), 'each verified request is recorded once');
});

test('shopify.app.toml: the proxy serves the embed default token URL and the privacy topics are subscribed', () => {
  const toml = readFileSync(join(root, 'integrations', 'shopify', 'shopify.app.toml'), 'utf8');
  for (const topic of ['customers/data_request', 'customers/redact', 'shop/redact']) assert.ok(toml.includes(`"${topic}"`), topic);
  assert.match(toml, /\[app_proxy\][^[]*subpath = "linger"[^[]*prefix = "apps"/);
  assert.match(toml, /\[app_proxy\][^[]*url = "[^"]+\/proxy"/, 'the proxy forwards to /proxy, whose /token the backend answers');
  const embed = readFileSync(join(root, 'integrations', 'shopify', 'extensions', 'linger', 'blocks', 'linger-embed.liquid'), 'utf8');
  assert.match(embed, /"id": "token_url"[^}]*"default": "\/apps\/linger\/token"/);
});

test('admin page: App Bridge with the API key, Linger from /linger/, nothing outside dist/cdn', async (t) => {
  const app = await startApp(t);
  const page = await app.get('/admin');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/admin\.shopify\.com/, 'only Shopify admin may frame it');
  const html = await page.text();
  assert.match(html, new RegExp(`<meta name="shopify-api-key" content="${API_KEY}">`));
  assert.match(html, /<script src="https:\/\/cdn\.shopify\.com\/shopifycloud\/app-bridge\.js"><\/script>/);
  assert.match(html, /<meta name="linger-agora-app-id" content="0123456789abcdef0123456789abcdef">/);
  assert.match(html, /tokenUrl: '\/admin\/token'/, "the host console's room asks /admin/token");
  // Raw paths, as a client that does not normalise them would send them.
  const rawStatus = (path) => new Promise((resolve, reject) => get(`${app.base}${path}`, { path }, (response) => resolve(response.resume().statusCode)).on('error', reject));
  // (dist/cdn exists once any build has run: test/build/* build it before these files run.)
  if (existsSync(join(root, 'dist', 'cdn', 'linger.js'))) assert.equal(await rawStatus('/linger/linger.js'), 200, 'the autoloader is served');
  for (const path of ['/linger/../../package.json', '/linger/%2e%2e/%2e%2e/package.json', '/linger/..%2f..%2fpackage.json', '/linger/../../../../etc/passwd']) {
    assert.equal(await rawStatus(path), 404, `${path} stays inside dist/cdn`);
  }
});


test('storefront → app proxy → backend: the embed on a page with a block gets a viewer token for its tab', { timeout: 120_000 }, async (t) => {
  ensureShopifyAssets();
  const scratch = mkdtempSync(join(tmpdir(), 'linger-shopify-app-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  cpSync(join(extensionDir, 'assets'), scratch, { recursive: true });
  const app = await startApp(t, { now: Date.now });
  const forwarded = [];
  const embed = renderBlock('linger-embed', { channel: 'spring-sale', hosts: 'host-1', app_id: '0123456789abcdef0123456789abcdef' });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title><link rel="icon" href="data:,"></head>
<body><main><linger-quiz></linger-quiz></main>${embed}</body></html>`;
  // Shopify's side of the app proxy: /apps/linger/<path> → <app>/proxy/<path>, the query signed.
  const shop = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (url.pathname.startsWith('/assets/')) {
      const body = await readFile(join(scratch, url.pathname.slice('/assets/'.length))).catch(() => null);
      return body ? response.writeHead(200, { 'content-type': 'text/javascript' }).end(body) : response.writeHead(404).end();
    }
    if (url.pathname.startsWith('/apps/linger/')) {
      const query = proxyQuery(Object.fromEntries(url.searchParams), { timestamp: Math.floor(Date.now() / 1000) });
      forwarded.push(Object.fromEntries(url.searchParams));
      const answer = await fetch(`${app.base}/proxy/${url.pathname.slice('/apps/linger/'.length)}?${query}`);
      return response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') }).end(await answer.text());
    }
    return response.writeHead(404).end();
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  t.after(() => shop.close());
  const origin = `http://127.0.0.1:${shop.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  t.after(() => browser.close());
  const context = await browser.newContext();
  // Offline: Agora's servers are out of reach; the SDK's login fails after the token arrives.
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) || route.request().url().startsWith('blob:') ? route.continue() : route.abort()));
  const tab = await context.newPage();
  const tokenResponse = tab.waitForResponse((response) => new URL(response.url()).pathname === '/apps/linger/token');
  await tab.goto(`${origin}/`);
  const response = await tokenResponse;
  assert.equal(response.status(), 200, await response.text());
  const tokens = await response.json();
  assert.match(tokens.uid, /^v-[A-Za-z0-9_-]{16}$/, 'a viewer id issued by the app');
  assert.equal(tokens.appId, '0123456789abcdef0123456789abcdef');
  const key = await tab.evaluate(() => sessionStorage.getItem('linger-browser'));
  assert.deepEqual(forwarded[0], { browser: key, channel: 'spring-sale', role: 'viewer' }, "the tab's key, the channel, the viewer role");
});
