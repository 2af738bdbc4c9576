// Member tiers on Shopify (docs/shopify.md § Member tiers): the app backend turns a signed-in
// customer's tags into a signed tier claim for the viewer id it issued to that customer, through
// the app proxy (/apps/linger/profile, the room's profile-url); the embed sets profile-url only for
// a signed-in customer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createApp } from '../../integrations/shopify/web/app.mjs';
import { signProxyQuery } from '../../integrations/shopify/web/shopify-auth.mjs';
import { tierFromTags } from '../../integrations/shopify/web/tier-claim.mjs';
import { findTags, renderBlock, shopContext } from './shopify-helpers.mjs';

const SECRET = 'shpss_fixed_test_secret_0123456789abcdef';
const SHOP = 'linger-test.myshopify.com';
const NOW = 1_750_000_000_000;
const TAGS = { 7: ['Newsletter', 'VIP'], 8: ['wholesale'], 9: ['member', 'vip'] };

async function startApp(t, options = {}) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const asked = [];
  const handle = createApp({
    apiKey: 'test-api-key-0123',
    apiSecret: SECRET,
    agoraAppId: '0123456789abcdef0123456789abcdef',
    agoraAppCertificate: 'fedcba9876543210fedcba9876543210',
    hostIds: ['host-1'],
    shops: [SHOP],
    secret: 'a-fixed-identity-secret-of-32-bytes-or-more',
    now: () => NOW,
    log: () => undefined,
    tierKey: JSON.stringify(await crypto.subtle.exportKey('jwk', pair.privateKey)),
    tierTags: 'vip,member',
    customerTags: async (shop, id) => (asked.push([shop, id]), TAGS[id] ?? []),
    ...options,
  });
  const server = createServer(handle);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  return { publicKey: pair.publicKey, asked, get: (path) => fetch(`${base}${path}`) };
}

function proxyQuery(params, { secret = SECRET } = {}) {
  const query = new URLSearchParams({ shop: SHOP, logged_in_customer_id: '', path_prefix: '/apps/linger', timestamp: String(NOW / 1000), ...params });
  query.set('signature', signProxyQuery(query, secret));
  return query;
}

const viewerIdOf = async (app, customer) => (await (await app.get(`/proxy/token?${proxyQuery({ channel: 'spring-sale', logged_in_customer_id: customer })}`)).json()).uid;

async function claimOf(response, publicKey) {
  const { claim } = await response.json();
  const [header, payload, signature] = claim.split('.');
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, Buffer.from(signature, 'base64url'), new TextEncoder().encode(`${header}.${payload}`));
  assert.equal(ok, true, 'signed with the merchant key');
  assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'ES256', typ: 'JWT' });
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}

test('a signed-in customer tagged VIP gets a claim for its own viewer id; the highest tier wins', async (t) => {
  const app = await startApp(t);
  const uid = await viewerIdOf(app, '7');
  assert.match(uid, /^v-/);
  const response = await app.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '7', uid })}`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const claim = await claimOf(response, app.publicKey);
  assert.deepEqual(claim, { sub: uid, tier: 'vip', exp: NOW / 1000 + 3600 }, 'tag "VIP" is tier "vip" (tags compare case-insensitively)');
  assert.deepEqual(app.asked, [[SHOP, '7']]);
  const both = await claimOf(await app.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '9', uid: await viewerIdOf(app, '9') })}`), app.publicKey);
  assert.equal(both.tier, 'vip', 'vip is listed first in LINGER_TIER_TAGS');
});

test('no claim for a guest, a customer without a tier tag, or without a key; refused for another viewer id or an unsigned query', async (t) => {
  const app = await startApp(t);
  const uid7 = await viewerIdOf(app, '7');
  const uid8 = await viewerIdOf(app, '8');
  assert.equal((await app.get(`/proxy/profile?${proxyQuery({ uid: uid7 })}`)).status, 204, 'a guest');
  assert.equal((await app.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '8', uid: uid8 })}`)).status, 204, 'no tier tag');
  assert.equal((await app.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '8', uid: uid7 })}`)).status, 403, 'another customer\u2019s viewer id');
  assert.equal((await app.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '7', uid: 'v-AAAAAAAAAAAAAAAA' })}`)).status, 403, 'a made-up viewer id');
  assert.equal((await app.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '7', uid: uid7 }, { secret: 'wrong' })}`)).status, 401, 'not signed by Shopify');
  const keyless = await startApp(t, { tierKey: undefined });
  assert.equal((await keyless.get(`/proxy/profile?${proxyQuery({ logged_in_customer_id: '7', uid: await viewerIdOf(keyless, '7') })}`)).status, 204, 'tiers not set up');
});

test('the admin page gives the host\u2019s room the public half of the key, never the private one', async (t) => {
  const app = await startApp(t);
  const html = await (await app.get('/admin')).text();
  const content = /<meta name="linger-tier-key" content="([^"]*)">/.exec(html)?.[1] ?? '';
  const key = JSON.parse(content.replace(/&quot;/g, '"'));
  assert.deepEqual(Object.keys(key).sort(), ['crv', 'kty', 'x', 'y']);
  assert.deepEqual(await crypto.subtle.exportKey('jwk', app.publicKey).then(({ kty, crv, x, y }) => ({ kty, crv, x, y })), key);
  assert.match(html, /room\.tierKey = tierKey/);
  const keyless = await startApp(t, { tierKey: undefined });
  assert.match(await (await keyless.get('/admin')).text(), /<meta name="linger-tier-key" content="">/);
});

test('tierFromTags: the merchant\u2019s tier names, case-insensitive, first listed wins, hostile names skipped', () => {
  assert.equal(tierFromTags('Newsletter, VIP', 'vip,member'), 'vip');
  assert.equal(tierFromTags(['member'], ['vip', 'member']), 'member');
  assert.equal(tierFromTags(['<script>'], ['<script>']), null);
  assert.equal(tierFromTags([], 'vip'), null);
});

test('the embed asks for a profile only for a signed-in customer', () => {
  const settings = { channel: 'spring-sale', hosts: 'host-1', app_id: '0123456789abcdef0123456789abcdef' };
  const [signedIn] = findTags(renderBlock('linger-embed', settings, shopContext({ customer: { id: 7, first_name: 'Mina' } })), 'linger-room');
  assert.equal(signedIn['profile-url'], '/apps/linger/profile');
  const [guest] = findTags(renderBlock('linger-embed', settings), 'linger-room');
  assert.equal(guest['profile-url'], undefined);
});
