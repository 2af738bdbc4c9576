// Viewer identities for the token endpoint (demo/token-endpoint.mjs, docs/tokens.md).
//
// A viewer id is public: every peer sees it, and a lottery's `winnerIds` list them. So knowing an id
// must not be enough to sign in as it. The endpoint binds ids to the browser it issued them to:
//
// - The browser holds a signed cookie `<browser id>.<issued at>.<HMAC-SHA256(secret, browser id + issued at)>`
//   (HttpOnly, SameSite, Secure on https). It is refused when tampered with, expired or from the future.
// - A viewer id is `v-` + 8 random url-safe characters (a nonce) + 8 characters of
//   HMAC-SHA256(secret, browser id + nonce). Each page load gets its own id (two tabs never share one:
//   Agora would log the first out, SAME_UID_LOGIN), and the endpoint can check, without storing
//   anything, that an id was issued to the browser asking for it. The id reveals nothing of the cookie.
//
// What this cannot prove: that a valid cookie is still in the browser it was issued to. A copied
// cookie (malware, a shared machine) is that browser, until it expires. HttpOnly keeps page scripts
// from reading it; Secure keeps it off plain-text networks; the expiry bounds the damage.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The one viewer id format: `v-` + 16 url-safe characters. Nothing else is a viewer id. */
export const VIEWER_ID = /^v-[A-Za-z0-9_-]{16}$/;

/**
 * The one host id format: 1–64 of `A–Z a–z 0–9 _ -`, starting with a letter or digit, and not `v-…`
 * (that prefix is the viewers'). No spaces or commas: the room's `hosts` attribute splits on them.
 */
export const HOST_ID = /^(?!v-)[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The cookie's name: `__Host-` on https (no subdomain can set or overwrite it), plain on http. */
export const COOKIE_NAME = 'linger-browser';
export const SECURE_COOKIE_NAME = `__Host-${COOKIE_NAME}`;

/** Default cookie lifetime: 7 days, renewed by every viewer token request. */
export const DEFAULT_COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

// A cookie issued up to this far in the future is accepted (clock skew between servers).
const SKEW_SECONDS = 60;
const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/;
const ISSUED_AT = /^[0-9]{1,12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks a host id list against {@link HOST_ID}.
 * @param {readonly string[]} hostIds
 * @returns {string | null} what is wrong, or null
 */
export function hostIdsProblem(hostIds) {
  if (!Array.isArray(hostIds)) return 'host ids must be an array of strings.';
  for (const id of hostIds) {
    if (typeof id !== 'string' || !HOST_ID.test(id)) {
      return (
        `host id ${JSON.stringify(id)} is not allowed: use 1–64 of A–Z a–z 0–9 _ -, starting with a letter ` +
        'or digit, not starting with "v-" (viewer ids), no spaces — exactly as in the room\'s `hosts`.'
      );
    }
  }
  return null;
}

/** Constant-time comparison of two strings (hashed first, so their lengths do not leak either). */
export function sameSecret(given, expected) {
  if (typeof given !== 'string' || typeof expected !== 'string' || expected === '') return false;
  const a = createHmac('sha256', 'linger-compare').update(given).digest();
  const b = createHmac('sha256', 'linger-compare').update(expected).digest();
  return timingSafeEqual(a, b);
}

function sameText(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The values of every cookie called `name` in a `Cookie` header (browsers may send several). */
function cookieValues(header, name) {
  const text = Array.isArray(header) ? header.join('; ') : typeof header === 'string' ? header : '';
  const values = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/**
 * Builds the identity half of the endpoint.
 *
 * @param {object} [options]
 * @param {string | Buffer} [options.secret]  HMAC key, at least 32 bytes. Random when absent: cookies
 *   and ids then last as long as the process (fine for a demo, not for several servers).
 * @param {number} [options.maxAgeSeconds]  Cookie lifetime; must outlast a token so renewals keep it. Default 7 days.
 * @param {'Strict' | 'Lax' | 'None'} [options.sameSite]  Default `Lax`. `None` (an endpoint on another
 *   site) always adds `Secure`; many browsers drop third-party cookies anyway — serve the endpoint same-site.
 * @param {() => number} [options.now]  Clock in ms.
 */
export function createIdentity({ secret, maxAgeSeconds = DEFAULT_COOKIE_MAX_AGE_SECONDS, sameSite = 'Lax', now = () => Date.now() } = {}) {
  const key = secret === undefined ? randomBytes(32) : Buffer.from(secret);
  if (key.length < 32) throw new RangeError(`The cookie secret must be at least 32 bytes; got ${key.length}.`);
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 60) {
    throw new RangeError(`The cookie lifetime must be an integer of at least 60 seconds; got ${maxAgeSeconds}.`);
  }
  if (!['Strict', 'Lax', 'None'].includes(sameSite)) {
    throw new RangeError(`sameSite must be "Strict", "Lax" or "None"; got ${JSON.stringify(sameSite)}.`);
  }
  const mac = (...parts) => createHmac('sha256', key).update(parts.join('\n')).digest('base64url');
  const seconds = () => Math.floor(now() / 1000);
  // `SameSite=None` needs `Secure`, so it always uses the `__Host-` name.
  const cookieName = (secure) => (secure || sameSite === 'None' ? SECURE_COOKIE_NAME : COOKIE_NAME);

  /** The signed cookie value for a browser id, issued now. */
  function cookieValue(browserId, issuedAt = seconds()) {
    return `${browserId}.${issuedAt}.${mac('linger-browser', browserId, issuedAt)}`;
  }

  /**
   * Reads the browser's cookie.
   * @returns {{ browserId: string | null, problem: string | null }} the browser id of the first
   *   valid cookie, or why none was accepted (`problem` null when there was no cookie at all).
   */
  function readBrowser(cookieHeader, secure) {
    let problem = null;
    for (const value of cookieValues(cookieHeader, cookieName(secure))) {
      const [browserId = '', issuedAt = '', signature = '', ...rest] = value.split('.');
      if (rest.length || !BROWSER_ID.test(browserId) || !ISSUED_AT.test(issuedAt) || !SIGNATURE.test(signature)) {
        problem = 'malformed';
      } else if (!sameText(signature, mac('linger-browser', browserId, issuedAt))) {
        problem = 'bad-signature';
      } else if (Number(issuedAt) + maxAgeSeconds <= seconds()) {
        problem = 'expired';
      } else if (Number(issuedAt) > seconds() + SKEW_SECONDS) {
        problem = 'issued-in-the-future';
      } else {
        return { browserId, problem: null };
      }
    }
    return { browserId: null, problem };
  }

  /** A fresh browser id (128 random bits). */
  function newBrowserId() {
    return randomBytes(16).toString('base64url');
  }

  /** A fresh viewer id bound to `browserId`. */
  function newViewerId(browserId) {
    const nonce = randomBytes(6).toString('base64url');
    return `v-${nonce}${mac('linger-viewer', browserId, nonce).slice(0, 8)}`;
  }

  /** Whether `viewerId` has the viewer format and was issued to `browserId` (constant-time check). */
  function owns(browserId, viewerId) {
    if (typeof viewerId !== 'string' || !VIEWER_ID.test(viewerId) || !browserId) return false;
    const nonce = viewerId.slice(2, 10);
    return sameText(viewerId.slice(10), mac('linger-viewer', browserId, nonce).slice(0, 8));
  }

  /** The `Set-Cookie` header value that (re)issues the browser's cookie, valid `maxAgeSeconds` from now. */
  function setCookie(browserId, secure) {
    const attributes = [`${cookieName(secure)}=${cookieValue(browserId)}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', `SameSite=${sameSite}`];
    if (secure || sameSite === 'None') attributes.push('Secure');
    return attributes.join('; ');
  }

  return { readBrowser, newBrowserId, newViewerId, owns, setCookie, cookieValue, cookieName, maxAgeSeconds };
}
