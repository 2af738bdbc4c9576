// The demo's token endpoint: `GET /api/token?channel=…&uid=…&role=viewer|host[&key=…]`.
//
// This is the `token-url` contract of `<linger-room>` (see docs/tokens.md). Host authority in a
// Linger show rests on it: Agora RTM tokens bind the user id, and only this endpoint mints tokens
// for host ids — a viewer asking for a host id gets a fresh pseudonymous id instead.
//
// `handleTokenRequest` is a plain function (URL + headers in, `{status, headers, body}` out) so it
// can be tested without a server; `middleware` wraps it for @web/dev-server (Koa).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import agora from 'agora-token';

const { RtcRole, RtcTokenBuilder, RtmTokenBuilder } = agora;

/** The path the middleware answers. */
export const TOKEN_PATH = '/api/token';

/** The 503 message when the demo has no Agora credentials. */
export const NO_CREDENTIALS_MESSAGE =
  'Set AGORA_APP_ID and AGORA_APP_CERTIFICATE to mint Agora tokens; without them the demo runs on BroadcastChannel.';

/** Agora's limit on a token's lifetime (24 hours). */
const MAX_EXPIRE_SECONDS = 24 * 60 * 60;

// Agora RTM channel names and user ids: 1–64 of these characters, not starting with `_`.
// (A `.` is rejected by the SDK at runtime although its d.ts allows it — see AGORA.md.)
const AGORA_ID_CHARS = /^[A-Za-z0-9 !#$%&()+,\-:;<=>?@[\]^_{|}~]*$/;
const AGORA_ID_CHAR = /[A-Za-z0-9 !#$%&()+,\-:;<=>?@[\]^_{|}~]/;
// agora-token's builders return '' (no error) unless both are 32 hexadecimal characters.
const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * Checks a channel name or user id against Agora's rules.
 * @param {string} name  the query parameter's name, for the message
 * @param {string | null} value
 * @returns {string | null} a message saying what is wrong, or null when the value is fine
 */
export function agoraIdProblem(name, value) {
  if (value === null || value === '') return `"${name}" is required.`;
  if (value.length > 64) return `"${name}" is ${value.length} characters long; Agora allows at most 64.`;
  if (value.startsWith('_')) return `"${name}" must not start with "_" (reserved by Agora).`;
  if (!AGORA_ID_CHARS.test(value)) {
    const bad = [...value].find((char) => !AGORA_ID_CHAR.test(char));
    return (
      `"${name}" contains ${JSON.stringify(bad)}, which Agora does not allow; use 1–64 characters of ` +
      'a–z A–Z 0–9 space ! # $ % & ( ) + , - : ; < = > ? @ [ ] ^ _ { | } ~ (no ".").'
    );
  }
  return null;
}

/** A fresh pseudonymous viewer id: `v-` + random base36 (about 16 characters). */
export function randomViewerId() {
  return `v-${BigInt(`0x${randomBytes(10).toString('hex')}`).toString(36)}`;
}

/** Constant-time string comparison (hashing first hides the length of the secret too). */
function sameSecret(given, expected) {
  if (typeof given !== 'string' || typeof expected !== 'string' || expected === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function reply(status, payload, extraHeaders = {}) {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    },
    body: JSON.stringify(payload),
  };
}

const fail = (status, error, extraHeaders) => reply(status, { error }, extraHeaders);

/**
 * Builds the token endpoint.
 *
 * @param {object} options
 * @param {string} [options.appId]           Agora app id (32 hex). Without it (or the certificate) every request gets 503.
 * @param {string} [options.appCertificate]  Agora app certificate (32 hex).
 * @param {string} [options.hostKey]         Secret a host request must carry as `key`. Empty: no host tokens at all (403).
 * @param {string[]} [options.hostIds]       User ids reserved for hosts; a viewer asking for one gets a fresh id. Default `['host']`.
 * @param {number} [options.expireSeconds]   Token lifetime, 1–86400 seconds. Default 3600.
 * @param {() => number} [options.now]       Clock in ms, used for `expiresAt`.
 * @param {() => string} [options.newViewerId] Id generator for viewers. Default {@link randomViewerId}.
 * @returns {{
 *   handleTokenRequest: (url: URL, headers?: Record<string, string | string[] | undefined>, method?: string) =>
 *     { status: number, headers: Record<string, string>, body: string },
 *   middleware: (ctx: any, next: () => Promise<unknown>) => Promise<unknown>,
 *   live: boolean,
 *   problem: string | null,
 * }}
 */
export function createTokenHandler({
  appId,
  appCertificate,
  hostKey,
  hostIds = ['host'],
  expireSeconds = 3600,
  now = () => Date.now(),
  newViewerId = randomViewerId,
} = {}) {
  if (!Number.isInteger(expireSeconds) || expireSeconds < 1 || expireSeconds > MAX_EXPIRE_SECONDS) {
    throw new RangeError(`expireSeconds must be an integer from 1 to ${MAX_EXPIRE_SECONDS}; got ${expireSeconds}.`);
  }
  const reserved = new Set(hostIds);
  const live = Boolean(appId && appCertificate);
  let problem = null;
  if (live && !HEX32.test(appId)) problem = 'AGORA_APP_ID must be 32 hexadecimal characters (the App ID from Agora Console).';
  else if (live && !HEX32.test(appCertificate)) {
    problem = 'AGORA_APP_CERTIFICATE must be 32 hexadecimal characters (the primary certificate from Agora Console).';
  }

  /**
   * Answers one request without any server: URL and headers in, response out.
   * `headers` is accepted for symmetry with real requests; the contract reads only the query.
   */
  function handleTokenRequest(url, headers = {}, method = 'GET') {
    void headers;
    if (String(method).toUpperCase() !== 'GET') {
      return fail(405, `Use GET for ${TOKEN_PATH}; got ${method}.`, { Allow: 'GET' });
    }
    if (!live) return fail(503, NO_CREDENTIALS_MESSAGE);
    if (problem) return fail(500, problem);

    const query = url.searchParams;
    const role = query.get('role') ?? 'viewer';
    if (role !== 'viewer' && role !== 'host') {
      return fail(400, `"role" must be "viewer" or "host"; got ${JSON.stringify(role)}.`);
    }
    const channel = query.get('channel');
    const channelProblem = agoraIdProblem('channel', channel);
    if (channelProblem) return fail(400, channelProblem);

    const requested = query.get('uid');
    if (requested !== null && requested !== '') {
      const uidProblem = agoraIdProblem('uid', requested);
      if (uidProblem) return fail(400, uidProblem);
    }

    let uid;
    if (role === 'host') {
      if (!sameSecret(query.get('key'), hostKey)) {
        return fail(403, 'Host tokens need the right "key"; this one is missing or wrong.');
      }
      if (!requested) return fail(400, '"uid" is required for role=host (the host id to sign in as).');
      uid = requested;
    } else {
      // A viewer never receives a host id: asking for one (or for nothing) yields a fresh pseudonym.
      uid = requested && !reserved.has(requested) ? requested : newViewerId();
    }

    const rtcRole = role === 'host' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER;
    const rtmToken = RtmTokenBuilder.buildToken(appId, appCertificate, uid, expireSeconds);
    const rtcToken = RtcTokenBuilder.buildTokenWithUserAccount(
      appId,
      appCertificate,
      channel,
      uid,
      rtcRole,
      expireSeconds,
      expireSeconds,
    );
    if (!rtmToken || !rtcToken) return fail(500, 'agora-token could not build a token for these credentials.');

    const expiresAt = Math.floor(now() / 1000) + expireSeconds;
    return reply(200, { appId, uid, rtmToken, rtcToken, expiresAt });
  }

  /** Koa-style middleware for @web/dev-server: answers `TOKEN_PATH`, passes everything else on. */
  async function middleware(ctx, next) {
    if (ctx.path !== TOKEN_PATH) return next();
    const url = new URL(ctx.originalUrl, 'http://127.0.0.1');
    const result = handleTokenRequest(url, ctx.headers, ctx.method);
    ctx.status = result.status;
    ctx.set(result.headers);
    ctx.body = result.body;
    return undefined;
  }

  return { handleTokenRequest, middleware, live, problem };
}
