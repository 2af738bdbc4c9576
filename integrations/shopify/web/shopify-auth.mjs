// What the Linger app's backend checks before it believes a request came from Shopify
// (docs/shopify.md § For developers). node:crypto only; every comparison is constant-time.
//
// - App proxy requests (`https://<shop>/apps/linger/…` forwarded to the app): Shopify adds `shop`,
//   `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` to the query. The signature
//   is the hex HMAC-SHA256, keyed with the app's secret, of every other query parameter written as
//   `key=value` (a repeated key's values joined with `,`), sorted, and concatenated with no separator.
// - Embedded admin pages: App Bridge adds `Authorization: Bearer <session token>` to the page's
//   requests to its own origin. The session token is a JWT signed HS256 with the app's secret:
//   `aud` is the app's API key, `dest` the shop (`https://<shop>`), `iss` its admin
//   (`https://<shop>/admin`), `sub` the staff member; it lives for a minute (`exp`, `nbf`).
// - Webhooks, the mandatory privacy ones included: `X-Shopify-Hmac-Sha256` is the base64
//   HMAC-SHA256 of the raw request body, keyed with the app's secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a proxy request's `timestamp` may be from now (replays of an old URL are refused). */
export const PROXY_WINDOW_SECONDS = 5 * 60;
/** Clock skew allowed on a session token's `exp` and `nbf`. */
export const JWT_LEEWAY_SECONDS = 10;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Constant-time equality of two strings; different lengths are simply unequal. */
function sameString(a, b) {
  const left = Buffer.from(String(a));
  const right = Buffer.from(String(b));
  return left.length === right.length && timingSafeEqual(left, right);
}

const hmac = (secret, data) => createHmac('sha256', secret).update(data);

/** The string Shopify signs for an app proxy request: the query without `signature`, sorted, joined. */
export function proxyMessage(searchParams) {
  const values = new Map();
  for (const [key, value] of searchParams) {
    if (key === 'signature') continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return [...values].map(([key, list]) => `${key}=${list.join(',')}`).sort().join('');
}

/** The hex signature of a proxy query (what Shopify computes; tests use it to sign requests). */
export function signProxyQuery(searchParams, secret) {
  return hmac(secret, proxyMessage(searchParams)).digest('hex');
}

/**
 * Verifies an app proxy request's query.
 * @param {URLSearchParams} searchParams
 * @param {{ secret: string, now?: () => number, windowSeconds?: number, shops?: readonly string[] }} options
 * @returns {{ ok: true, shop: string, customerId: string | null } | { ok: false, reason: string }}
 */
export function verifyProxyRequest(searchParams, { secret, now = Date.now, windowSeconds = PROXY_WINDOW_SECONDS, shops }) {
  if (!secret) return { ok: false, reason: 'the app has no secret' };
  const signature = searchParams.get('signature');
  if (!signature || searchParams.getAll('signature').length !== 1) return { ok: false, reason: 'no signature' };
  if (!sameString(signature, signProxyQuery(searchParams, secret))) return { ok: false, reason: 'bad signature' };
  const timestamp = Number(searchParams.get('timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(now() / 1000 - timestamp) > windowSeconds) return { ok: false, reason: 'stale or missing timestamp' };
  const shop = searchParams.get('shop') ?? '';
  if (!SHOP_DOMAIN.test(shop)) return { ok: false, reason: 'no shop' };
  if (shops && !shops.includes(shop)) return { ok: false, reason: `shop ${shop} is not served here` };
  return { ok: true, shop, customerId: searchParams.get('logged_in_customer_id') || null };
}

const base64url = (text) => Buffer.from(text, 'base64url');

/**
 * Verifies an admin session token (App Bridge's JWT).
 * @param {string} token
 * @param {{ apiKey: string, secret: string, now?: () => number, shops?: readonly string[] }} options
 * @returns {{ ok: true, shop: string, userId: string } | { ok: false, reason: string }}
 */
export function verifySessionToken(token, { apiKey, secret, now = Date.now, shops }) {
  if (!secret || !apiKey) return { ok: false, reason: 'the app has no API key or secret' };
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [head, body, signature] = parts;
  let header;
  let claims;
  try {
    header = JSON.parse(base64url(head).toString('utf8'));
    claims = JSON.parse(base64url(body).toString('utf8'));
  } catch {
    return { ok: false, reason: 'not a JWT' };
  }
  // Only HS256: `none`, or an algorithm an attacker picks, is refused before any signature check.
  if (header?.alg !== 'HS256') return { ok: false, reason: `algorithm ${JSON.stringify(header?.alg)} refused` };
  if (!sameString(signature, hmac(secret, `${head}.${body}`).digest('base64url'))) return { ok: false, reason: 'bad signature' };
  if (!claims || typeof claims !== 'object') return { ok: false, reason: 'no claims' };
  const seconds = now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + JWT_LEEWAY_SECONDS < seconds) return { ok: false, reason: 'expired' };
  if (typeof claims.nbf !== 'number' || claims.nbf - JWT_LEEWAY_SECONDS > seconds) return { ok: false, reason: 'not valid yet' };
  if (claims.aud !== apiKey) return { ok: false, reason: 'issued to another app' };
  let dest;
  let iss;
  try {
    dest = new URL(claims.dest);
    iss = new URL(claims.iss);
  } catch {
    return { ok: false, reason: 'no shop' };
  }
  const shop = dest.hostname;
  if (dest.protocol !== 'https:' || !SHOP_DOMAIN.test(shop)) return { ok: false, reason: 'no shop' };
  if (iss.protocol !== 'https:' || iss.hostname !== shop || iss.pathname !== '/admin') return { ok: false, reason: 'issuer is not the shop admin' };
  if (shops && !shops.includes(shop)) return { ok: false, reason: `shop ${shop} is not served here` };
  if (typeof claims.sub !== 'string' || claims.sub === '') return { ok: false, reason: 'no staff member' };
  return { ok: true, shop, userId: claims.sub };
}

/** Signs claims as Shopify does (HS256); for tests and local tools, never sent to a browser. */
export function signSessionToken(claims, secret) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${hmac(secret, unsigned).digest('base64url')}`;
}

/** Whether a webhook's `X-Shopify-Hmac-Sha256` (base64) matches its raw body. */
export function verifyWebhook(rawBody, hmacHeader, secret) {
  if (!secret || typeof hmacHeader !== 'string' || hmacHeader === '') return false;
  return sameString(hmacHeader, hmac(secret, rawBody).digest('base64'));
}

/** The header Shopify would send for `rawBody` (tests). */
export function signWebhook(rawBody, secret) {
  return hmac(secret, rawBody).digest('base64');
}
