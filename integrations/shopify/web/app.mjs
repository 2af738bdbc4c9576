// The Linger Shopify app's backend (docs/shopify.md § For developers): a plain node:http handler.
//
//   GET  /proxy/token   the storefront's token URL, through the app proxy (/apps/linger/token):
//                       viewer tokens only, after the proxy signature is verified
//   GET  /proxy/profile the room's profile-url (/apps/linger/profile): a signed-in customer's member
//                       tier from their customer tags, as a signed claim (docs/shopify.md § Member tiers)
//   GET  /admin         the host console, an embedded admin page (App Bridge)
//   GET  /admin/token   host tokens, only with a verified admin session token
//   GET  /linger/*      Linger's CDN build (dist/cdn) for the admin page
//   POST /webhooks      the mandatory privacy webhooks, HMAC-verified
//
// Tokens come from the repository's token endpoint (demo/token-endpoint.mjs, docs/tokens.md): the
// same Agora token building, viewer ids and host checks. What changes on Shopify is who the asker is.
// App proxies forward no cookies, so the viewer's "browser" is what Shopify signs or the page holds:
// a signed-in customer is `logged_in_customer_id` (Shopify signed it); anyone else is the `browser`
// key the embed keeps for the tab (sessionStorage). Either becomes the browser id the token
// endpoint binds viewer ids to, so a winner's id cannot be asked for from another browser.
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenHandler } from '../../../demo/token-endpoint.mjs';
import { createIdentity } from '../../../demo/identity.mjs';
import { verifyProxyRequest, verifySessionToken, verifyWebhook } from './shopify-auth.mjs';
import { importSigningKey, signTierClaim, tierFromTags } from './tier-claim.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const BROWSER_KEY = /^[A-Za-z0-9_-]{22,64}$/;
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };
const PRIVACY_TOPICS = new Set(['customers/data_request', 'customers/redact', 'shop/redact']);
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * @param {object} options
 * @param {string} options.apiKey          SHOPIFY_API_KEY (the app's client id): a session token's `aud`.
 * @param {string} options.apiSecret       SHOPIFY_API_SECRET: signs proxy queries, session tokens, webhooks.
 * @param {string} [options.agoraAppId]    AGORA_APP_ID
 * @param {string} [options.agoraAppCertificate] AGORA_APP_CERTIFICATE
 * @param {string[]} [options.hostIds]     LINGER_HOST_IDS: the embed's *Host user ids*.
 * @param {string[]} [options.shops]       LINGER_SHOPS: the myshopify domains served. Host tokens need it.
 * @param {string} [options.secret]        LINGER_SECRET (≥ 32 bytes): binds viewer ids; random per process when absent.
 * @param {string} [options.tierKey]     LINGER_TIER_KEY: the private P-256 JWK (JSON) that signs tier claims; no claims without it.
 * @param {string} [options.tierTags]    LINGER_TIER_TAGS: customer tags that are tiers, highest first (`vip,member`).
 * @param {(shop: string, customerId: string) => Promise<string[]>} [options.customerTags] A customer's tags
 *        (default: the Admin GraphQL API with LINGER_ADMIN_TOKENS, `shop=token,…`).
 * @param {Record<string, string>} [options.adminTokens] Admin API access tokens per myshopify domain.
 * @param {() => number} [options.now]
 * @param {(entry: object) => void} [options.log] Where privacy requests are recorded (default: stdout, one JSON line).
 */
export function createApp({ apiKey, apiSecret, agoraAppId, agoraAppCertificate, hostIds = [], shops, secret, tierKey, tierTags = '', customerTags, adminTokens = {}, now = Date.now, log = (entry) => console.log(JSON.stringify(entry)) }) {
  if (!apiKey || !apiSecret) throw new Error('SHOPIFY_API_KEY and SHOPIFY_API_SECRET are required.');
  const identitySecret = secret ?? randomBytes(32).toString('base64url');
  // The host key exists only inside this process: the token endpoint's staff check is satisfied by a
  // verified session token here, never by anything a browser sends.
  const hostKey = randomBytes(32).toString('base64url');
  const tokens = createTokenHandler({ appId: agoraAppId, appCertificate: agoraAppCertificate, hostKey, hostIds, secret: identitySecret, now });
  const identity = createIdentity({ secret: identitySecret, now });
  const shopList = shops && shops.length > 0 ? shops : undefined;
  const browserIdOf = (...parts) => createHmac('sha256', identitySecret).update(parts.join('\n')).digest('base64url').slice(0, 22);
  const signingKey = tierKey ? importSigningKey(tierKey) : null;
  // Only the public coordinates go to the admin page, for the host's room (`tier-key`).
  const publicTierKey = tierKey ? JSON.stringify((({ kty, crv, x, y }) => ({ kty, crv, x, y }))(typeof tierKey === 'string' ? JSON.parse(tierKey) : tierKey)) : '';
  const tagsOf = customerTags ?? ((shop, customerId) => adminCustomerTags(shop, customerId, adminTokens[shop]));

  const json = (response, status, body, headers = {}) =>
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));

  /** Answers with the token endpoint's result, without the cookie (an app proxy drops it anyway). */
  function sendTokens(response, result) {
    const headers = { ...result.headers };
    delete headers['Set-Cookie'];
    delete headers['X-Linger-Identity'];
    response.writeHead(result.status, headers).end(result.body);
  }

  function proxyToken(url, response) {
    const verified = verifyProxyRequest(url.searchParams, { secret: apiSecret, now, shops: shopList });
    if (!verified.ok) return json(response, 401, { error: `Not a verified app proxy request: ${verified.reason}.` });
    if ((url.searchParams.get('role') ?? 'viewer') !== 'viewer') {
      return json(response, 403, { error: 'Host tokens are given in the Linger admin page only (Apps › Linger), not on the storefront.' });
    }
    const key = url.searchParams.get('browser') ?? '';
    let browserId;
    if (verified.customerId) browserId = browserIdOf('customer', verified.shop, verified.customerId);
    else if (BROWSER_KEY.test(key)) browserId = browserIdOf('browser', verified.shop, key);
    else return json(response, 400, { error: 'A "browser" key (22–64 url-safe characters) is required; the app embed adds it.' });
    const inner = new URL('https://app.invalid/token');
    for (const name of ['channel', 'uid']) if (url.searchParams.has(name)) inner.searchParams.set(name, url.searchParams.get(name));
    inner.searchParams.set('role', 'viewer');
    return sendTokens(response, tokens.handleTokenRequest(inner, { cookie: `__Host-linger-browser=${identity.cookieValue(browserId)}` }));
  }

  /**
   * A signed-in customer's tier claim: Shopify signed `logged_in_customer_id`; the `uid` asked for
   * must be a viewer id this app's token endpoint issued to that customer (so a claim can only be for
   * the customer's own viewer id); the tier is the first of LINGER_TIER_TAGS among the customer's tags.
   * No claim (204) for a guest, a customer without a tier tag, or when tiers are not set up.
   */
  async function proxyProfile(url, response) {
    const verified = verifyProxyRequest(url.searchParams, { secret: apiSecret, now, shops: shopList });
    if (!verified.ok) return json(response, 401, { error: `Not a verified app proxy request: ${verified.reason}.` });
    if (!verified.customerId || !signingKey || !tierTags) return response.writeHead(204, { 'cache-control': 'no-store' }).end();
    const uid = url.searchParams.get('uid') ?? '';
    if (!identity.owns(browserIdOf('customer', verified.shop, verified.customerId), uid)) {
      return json(response, 403, { error: 'A claim goes only to a viewer id this app issued to the signed-in customer (send it as "uid").' });
    }
    const tier = tierFromTags(await tagsOf(verified.shop, verified.customerId), tierTags);
    if (!tier) return response.writeHead(204, { 'cache-control': 'no-store' }).end();
    const claim = await signTierClaim(await signingKey, uid, { tier, now: now() });
    return json(response, 200, { claim });
  }

  function adminToken(url, request, response) {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const verified = verifySessionToken(bearer, { apiKey, secret: apiSecret, now, shops: shopList });
    if (!verified.ok) return json(response, 401, { error: `Not a verified admin session: ${verified.reason}.` });
    if (!shopList) return json(response, 403, { error: 'This app serves no shop list (LINGER_SHOPS), so it mints no host tokens.' });
    const inner = new URL('https://app.invalid/token');
    for (const name of ['channel', 'uid']) if (url.searchParams.has(name)) inner.searchParams.set(name, url.searchParams.get(name));
    inner.searchParams.set('role', 'host');
    inner.searchParams.set('key', hostKey);
    return sendTokens(response, tokens.handleTokenRequest(inner));
  }

  async function webhook(request, response) {
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) return json(response, 413, { error: 'too large' });
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks);
    // Shopify's rule: an invalid HMAC gets 401.
    if (!verifyWebhook(raw, request.headers['x-shopify-hmac-sha256'], apiSecret)) return json(response, 401, { error: 'bad HMAC' });
    const topic = String(request.headers['x-shopify-topic'] ?? '');
    if (!PRIVACY_TOPICS.has(topic)) return json(response, 200, { ok: true, ignored: topic });
    let payload;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(response, 400, { error: 'not JSON' });
    }
    // This backend stores no customer data: viewer ids are derived on each request and events go to
    // the merchant's own webhook. So there is nothing to send or erase; the request is recorded.
    log({ privacy: topic, shop: payload.shop_domain ?? request.headers['x-shopify-shop-domain'] ?? null, customer: payload.customer?.id ?? null, storedData: 'none' });
    return json(response, 200, { ok: true, topic, storedData: 'none' });
  }

  async function staticFile(path, response) {
    const dir = join(repoRoot, 'dist', 'cdn');
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep)) return json(response, 404, { error: 'not found' });
    const body = await readFile(file).catch(() => null);
    if (!body) return json(response, 404, { error: 'not found (npm run build writes dist/cdn)' });
    return response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  }

  async function adminPage(response) {
    const html = (await readFile(join(here, 'admin.html'), 'utf8')).replaceAll('%SHOPIFY_API_KEY%', apiKey.replace(/[^A-Za-z0-9_-]/g, ''))
      .replaceAll('%AGORA_APP_ID%', (agoraAppId ?? '').replace(/[^A-Za-z0-9]/g, ''))
      .replaceAll('%TIER_KEY%', publicTierKey.replace(/"/g, '&quot;'));
    // Shopify admin frames the page; only the admin may (frame-ancestors).
    return response
      .writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', 'content-security-policy': "frame-ancestors https://admin.shopify.com https://*.myshopify.com" })
      .end(html);
  }

  return async function handle(request, response) {
    const url = new URL(request.url ?? '/', 'https://app.invalid');
    try {
      if (request.method === 'POST' && url.pathname === '/webhooks') return await webhook(request, response);
      if (request.method !== 'GET') return json(response, 405, { error: 'method not allowed' }, { allow: 'GET, POST' });
      if (url.pathname === '/proxy/token') return proxyToken(url, response);
      if (url.pathname === '/proxy/profile') return await proxyProfile(url, response);
      if (url.pathname === '/admin/token') return adminToken(url, request, response);
      if (url.pathname === '/admin' || url.pathname === '/') return await adminPage(response);
      if (url.pathname.startsWith('/linger/')) return await staticFile(url.pathname.slice('/linger/'.length), response);
      return json(response, 404, { error: 'not found' });
    } catch (error) {
      return json(response, 500, { error: String(error?.message ?? error) });
    }
  };
}

/** A customer's tags from the Admin GraphQL API (a custom app's Admin API access token for the shop). */
async function adminCustomerTags(shop, customerId, token) {
  if (!token || !/^\d+$/.test(customerId)) return [];
  const response = await fetch(`https://${shop}/admin/api/2025-01/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query: 'query($id: ID!) { customer(id: $id) { tags } }', variables: { id: `gid://shopify/Customer/${customerId}` } }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) return [];
  const body = await response.json();
  return Array.isArray(body?.data?.customer?.tags) ? body.data.customer.tags : [];
}
