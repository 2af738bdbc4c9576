// The demo's token endpoint: `GET /api/token?channel=…&uid=…&role=viewer|host|guest[&key=…][&invite=…]`.
//
// This is the `token-url` contract of `<linger-room>` (see docs/tokens.md). Identity in a Linger
// show rests on it: Agora RTM tokens bind the user id, so whoever gets a token for an id is that id.
// - Viewers: the endpoint issues the ids, bound to the browser by a signed cookie (demo/identity.mjs).
//   A requested uid comes back only if it was issued to this browser; anything else — a lottery
//   winner's id, a host id, a look-alike — gets a fresh id.
// - Hosts: only the ids in `hostIds` (the room's `hosts`, matched exactly) and only with the host key.
//   No host ids configured: no host tokens at all.
// - Guests (co-hosting, docs/studio.md § Co-hosting): a publisher token goes to a viewer id only
//   after a host recorded an invitation for it here (`role=host&invite=<viewer id>`), and only to
//   the browser that id was issued to. `uninvite` takes it back.
//
// `handleTokenRequest` is a plain function (URL + headers in, `{status, headers, body}` out) so it
// can be tested without a server; `middleware` wraps it for @web/dev-server (Koa).
import agora from 'agora-token';
import { createIdentity, DEFAULT_COOKIE_MAX_AGE_SECONDS, hostIdsProblem, sameSecret, VIEWER_ID } from './identity.mjs';

const { RtcRole, RtcTokenBuilder, RtmTokenBuilder } = agora;

/** The path the middleware answers. */
export const TOKEN_PATH = '/api/token';

/** The 503 message when the demo has no Agora credentials. */
export const NO_CREDENTIALS_MESSAGE =
  'Set AGORA_APP_ID and AGORA_APP_CERTIFICATE to mint Agora tokens; without them the demo runs on BroadcastChannel.';

/** Agora's limit on a token's lifetime (24 hours). */
const MAX_EXPIRE_SECONDS = 24 * 60 * 60;

// Agora RTM channel names and user ids: 1–64 of these characters, not starting with `_`.
// (A `.` is rejected by the SDK at runtime although its d.ts allows it; docs/tokens.md.)
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
 * @param {string[]} [options.hostIds]       The room's `hosts`: the only ids a host token is minted for, matched
 *   exactly. Default none: nobody gets a host token. Each must match {@link HOST_ID} (throws otherwise).
 * @param {number} [options.expireSeconds]   Token lifetime, 1–86400 seconds. Default 3600.
 * @param {string | Buffer} [options.secret] Key (≥ 32 bytes) that signs viewer cookies and ids. Random per process when absent.
 * @param {number} [options.cookieMaxAgeSeconds] Viewer cookie lifetime, longer than `expireSeconds`. Default 7 days.
 * @param {'Strict' | 'Lax' | 'None'} [options.sameSite] The cookie's SameSite. Default `Lax`.
 * @param {'auto' | boolean} [options.secureCookie] `Secure` cookie: `auto` (default) when the request URL is https.
 * @param {() => number} [options.now]       Clock in ms, for `expiresAt` and cookie expiry.
 * @param {number} [options.inviteSeconds]   How long a host's stage invitation stands unless revoked. Default 4 h.
 * @returns {{
 *   handleTokenRequest: (url: URL, headers?: Record<string, string | string[] | undefined>, method?: string) =>
 *     { status: number, headers: Record<string, string>, body: string },
 *   middleware: (ctx: any, next: () => Promise<unknown>) => Promise<unknown>,
 *   live: boolean,
 *   problem: string | null,
 *   hostIds: readonly string[],
 * }}
 */
export function createTokenHandler({
  appId,
  appCertificate,
  hostKey,
  hostIds = [],
  expireSeconds = 3600,
  secret,
  cookieMaxAgeSeconds = DEFAULT_COOKIE_MAX_AGE_SECONDS,
  sameSite = 'Lax',
  secureCookie = 'auto',
  now = () => Date.now(),
  inviteSeconds = 4 * 3600,
} = {}) {
  if (!Number.isInteger(expireSeconds) || expireSeconds < 1 || expireSeconds > MAX_EXPIRE_SECONDS) {
    throw new RangeError(`expireSeconds must be an integer from 1 to ${MAX_EXPIRE_SECONDS}; got ${expireSeconds}.`);
  }
  const hostIdProblem = hostIdsProblem(hostIds);
  if (hostIdProblem) throw new RangeError(`LINGER_HOST_IDS: ${hostIdProblem}`);
  // A renewal comes just before the token expires and slides the cookie; the cookie must outlive that.
  if (cookieMaxAgeSeconds <= expireSeconds) {
    throw new RangeError(`cookieMaxAgeSeconds (${cookieMaxAgeSeconds}) must be longer than expireSeconds (${expireSeconds}).`);
  }
  const identity = createIdentity({ secret, maxAgeSeconds: cookieMaxAgeSeconds, sameSite, now });
  const hosts = Object.freeze([...hostIds]);
  /** Stage invitations the hosts recorded: `channel\nviewer id` → expiry (ms). One process: several servers share a store. */
  const invitations = new Map();
  const invitationKey = (channel, viewer) => `${channel}\n${viewer}`;
  const invited = (channel, viewer) => (invitations.get(invitationKey(channel, viewer)) ?? 0) > now();
  const live = Boolean(appId && appCertificate);
  let problem = null;
  if (live && !HEX32.test(appId)) problem = 'AGORA_APP_ID must be 32 hexadecimal characters (the App ID from Agora Console).';
  else if (live && !HEX32.test(appCertificate)) {
    problem = 'AGORA_APP_CERTIFICATE must be 32 hexadecimal characters (the primary certificate from Agora Console).';
  }

  /** Who a host request may be, or why not: checks the host list, the key, then the exact id. */
  function hostProblem(requested, key) {
    if (hosts.length === 0) {
      return [403, 'This endpoint has no host ids (set LINGER_HOST_IDS to the room\'s `hosts`), so it mints no host tokens.'];
    }
    if (!hostKey) return [403, 'This endpoint has no host key (LINGER_HOST_KEY), so it mints no host tokens.'];
    if (!sameSecret(key, hostKey)) return [403, 'Host tokens need the right "key"; this one is missing or wrong.'];
    if (!requested) return [400, '"uid" is required for role=host (the host id to sign in as).'];
    if (!hosts.includes(requested)) {
      return [
        403,
        `"uid" ${JSON.stringify(requested)} is not one of the host ids of this endpoint (${hosts.join(', ')}); ` +
          'host ids match exactly (same case, no spaces) and must equal the room\'s `hosts`.',
      ];
    }
    return null;
  }

  /**
   * Answers one request without any server: URL, headers (`cookie` is read) and method in, response
   * out. A viewer answer carries `Set-Cookie` and `X-Linger-Identity` (`kept`, or `new; <why>`).
   */
  function handleTokenRequest(url, headers = {}, method = 'GET') {
    if (String(method).toUpperCase() !== 'GET') {
      return fail(405, `Use GET for ${TOKEN_PATH}; got ${method}.`, { Allow: 'GET' });
    }
    if (!live) return fail(503, NO_CREDENTIALS_MESSAGE);
    if (problem) return fail(500, problem);

    const query = url.searchParams;
    const role = query.get('role') ?? 'viewer';
    if (role !== 'viewer' && role !== 'host' && role !== 'guest') {
      return fail(400, `"role" must be "viewer", "host" or "guest"; got ${JSON.stringify(role)}.`);
    }
    const channel = query.get('channel');
    const channelProblem = agoraIdProblem('channel', channel);
    if (channelProblem) return fail(400, channelProblem);
    const requested = query.get('uid') || null;

    let uid;
    const extraHeaders = {};
    if (role === 'host') {
      const refused = hostProblem(requested, query.get('key'));
      if (refused) return fail(...refused);
      uid = requested;
      // A host records (or takes back) a viewer's stage invitation: no tokens in this answer.
      const invite = query.get('invite');
      const uninvite = query.get('uninvite');
      if (invite !== null || uninvite !== null) {
        const viewer = invite ?? uninvite;
        if (!VIEWER_ID.test(viewer)) return fail(400, `"${invite !== null ? 'invite' : 'uninvite'}" must be a viewer id (v- + 16 characters).`);
        if (invite === null) {
          invitations.delete(invitationKey(channel, viewer));
          return reply(200, { channel, uninvited: viewer });
        }
        for (const [key, until] of invitations) if (until <= now()) invitations.delete(key);
        const until = now() + inviteSeconds * 1000;
        invitations.set(invitationKey(channel, viewer), until);
        return reply(200, { channel, invited: viewer, expiresAt: Math.floor(until / 1000) });
      }
    } else {
      // The asked uid is a hint: it comes back only when this browser's cookie issued it. A key, a
      // host id, a winner's id or a look-alike changes nothing — those get a fresh viewer id.
      const secure = secureCookie === 'auto' ? url.protocol === 'https:' : Boolean(secureCookie);
      const cookie = identity.readBrowser(headers.cookie ?? headers.Cookie, secure);
      const browserId = cookie.browserId ?? identity.newBrowserId();
      const kept = cookie.browserId !== null && identity.owns(browserId, requested);
      uid = kept ? requested : identity.newViewerId(browserId);
      const why = cookie.problem ? `cookie ${cookie.problem}` : !cookie.browserId ? 'no cookie' : requested ? 'uid not issued to this browser' : 'no uid';
      extraHeaders['Set-Cookie'] = identity.setCookie(browserId, secure);
      extraHeaders['X-Linger-Identity'] = kept ? 'kept' : `new; ${why}`;
      // A guest's publisher token: only the browser that holds this viewer id, only once a host invited it.
      if (role === 'guest' && !kept) {
        return fail(403, 'A guest token goes only to the viewer id this browser was issued (send it as "uid").', extraHeaders);
      }
      if (role === 'guest' && !invited(channel, uid)) {
        return fail(403, `${JSON.stringify(uid)} is not invited on stage in this channel: a guest token needs the host's invitation.`, extraHeaders);
      }
    }

    const rtcRole = role === 'viewer' ? RtcRole.SUBSCRIBER : RtcRole.PUBLISHER;
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
    return reply(200, { appId, uid, rtmToken, rtcToken, expiresAt }, extraHeaders);
  }

  /** Koa-style middleware for @web/dev-server: answers `TOKEN_PATH`, passes everything else on. */
  async function middleware(ctx, next) {
    if (ctx.path !== TOKEN_PATH) return next();
    // ctx.protocol is https behind TLS (or a trusted proxy's X-Forwarded-Proto): the cookie is then Secure.
    const url = new URL(ctx.originalUrl, `${ctx.protocol === 'https' ? 'https' : 'http'}://127.0.0.1`);
    const result = handleTokenRequest(url, ctx.headers, ctx.method);
    ctx.status = result.status;
    ctx.set(result.headers);
    ctx.body = result.body;
    return undefined;
  }

  return { handleTokenRequest, middleware, live, problem, hostIds: hosts };
}

export { VIEWER_ID, HOST_ID } from './identity.mjs';
