/**
 * Client side of the merchant's `token-url`: one GET that returns the Agora identity and tokens
 * for a show. The RTM transport uses it to log in and to renew; the RTC player uses `rtcToken`.
 *
 * Contract (the merchant's server implements it):
 * `GET <token-url>?channel=<channel>&uid=<requested uid>&role=viewer|host`, sent with cookies, answers
 * `{ "uid": string, "rtmToken": string, "rtcToken": string | null, "expiresAt": unix seconds,
 * "appId"?: string }`. The returned `uid` is authoritative: the server decides who the viewer is,
 * and host authority rests on it.
 */
import { transportError, type TransportError } from './transport.js';

/** Who is asking: a viewer, or the show's host (the server decides whether to believe it). */
export type AgoraRole = 'viewer' | 'host' | 'guest';

/** What the token request names. */
export interface AgoraTokenRequest {
  /** The show's channel name. */
  channel: string;
  /** The user id the page would like; the server may ignore it. Sent only when set. */
  uid?: string | undefined;
  role: AgoraRole;
}

/** A validated token answer. */
export interface AgoraTokens {
  /** The user id the tokens were issued for — use it, not the requested one. */
  uid: string;
  rtmToken: string;
  /** `null` when the server issues no media token (signaling only). */
  rtcToken: string | null;
  /** Expiry of the tokens, in unix seconds. */
  expiresAt: number;
  /** The App ID the server signs for, when it says so. */
  appId?: string;
}

const RESPONSE_SHAPE =
  '{ "uid": string, "rtmToken": string, "rtcToken": string | null, "expiresAt": unix seconds, "appId"?: string }';

/** Default wait for the token server, in ms. */
export const TOKEN_FETCH_TIMEOUT_MS = 10_000;

/**
 * Fetches tokens from `tokenUrl`. Rejects with a {@link TransportError} of code `token-forbidden` when
 * the endpoint refuses with HTTP 401/403 (a wrong host key: retrying will not help), and
 * `token-failed` on a bad URL, a network failure, another non-2xx answer, a body that is not JSON or
 * not the contract's shape.
 */
export async function fetchAgoraToken(
  tokenUrl: string,
  request: AgoraTokenRequest,
  // A wrapper, not `globalThis.fetch` itself: a detached `fetch` throws "Illegal invocation".
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  timeoutMs: number = TOKEN_FETCH_TIMEOUT_MS,
): Promise<AgoraTokens> {
  const url = requestUrl(tokenUrl, request);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url.href, {
        method: 'GET',
        credentials: 'include',
        cache: 'no-store',
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
    } catch (error) {
      throw controller.signal.aborted
        ? failed(`The token URL ${tokenUrl} did not answer within ${seconds(timeoutMs)} s.`, error)
        : failed(
            `Cannot reach the token URL ${tokenUrl} (${describe(error)}). Check the address, the network, ` +
              'and that the server allows this origin with credentials (CORS).',
            error,
          );
    }
    if (!response.ok) {
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      const reason = await serverReason(response);
      if (response.status === 401 || response.status === 403) {
        // The endpoint answered and refused this browser: waiting will not change its mind.
        throw transportError(
          'token-forbidden',
          `The token URL ${tokenUrl} refused this ${request.role} (HTTP ${status}${reason ? `: "${reason}"` : ''}): ` +
            (request.role === 'host'
              ? 'a wrong host key, or a staff session that ended. Sign in again or check the key.'
              : 'the endpoint does not let this browser in (its sign-in or cookie).'),
        );
      }
      throw failed(
        `The token URL ${tokenUrl} answered HTTP ${status}${reason ? ` ("${reason}")` : ''}; ` +
          `it must answer 200 with JSON ${RESPONSE_SHAPE}.`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw failed(
        controller.signal.aborted
          ? `The token URL ${tokenUrl} did not finish its answer within ${seconds(timeoutMs)} s.`
          : `The token URL ${tokenUrl} did not answer JSON; expected ${RESPONSE_SHAPE}.`,
        error,
      );
    }
    return parseTokens(body, tokenUrl);
  } finally {
    clearTimeout(timer);
  }
}

function requestUrl(tokenUrl: string, request: AgoraTokenRequest): URL {
  let url: URL;
  try {
    // Relative token URLs resolve against the page; without a document (SSR) they must be absolute.
    url = new URL(tokenUrl, typeof document === 'undefined' ? undefined : document.baseURI);
  } catch (error) {
    throw failed(`token-url "${tokenUrl}" is not a valid URL.`, error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw failed(`token-url "${tokenUrl}" must be an http(s) URL.`);
  }
  url.searchParams.set('channel', request.channel);
  if (request.uid) url.searchParams.set('uid', request.uid);
  url.searchParams.set('role', request.role);
  return url;
}

function parseTokens(body: unknown, tokenUrl: string): AgoraTokens {
  const wrong = (what: string): TransportError =>
    failed(`The token URL ${tokenUrl} answered JSON with ${what}; expected ${RESPONSE_SHAPE}.`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw wrong('no object');
  const record = body as Record<string, unknown>;
  const { uid, rtmToken, rtcToken, expiresAt, appId } = record;
  if (typeof uid !== 'string' || uid === '') throw wrong('no "uid" string');
  if (typeof rtmToken !== 'string' || rtmToken === '') throw wrong('no "rtmToken" string');
  // A missing rtcToken is read as null: a signaling-only server need not mention media.
  if (rtcToken !== undefined && rtcToken !== null && typeof rtcToken !== 'string') {
    throw wrong('an "rtcToken" that is neither a string nor null');
  }
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt <= 0) {
    throw wrong('no positive number "expiresAt"');
  }
  // Year 5138 in seconds; anything larger is almost surely milliseconds, which would break renewal.
  if (expiresAt > 1e11)
    throw wrong(`"expiresAt" ${expiresAt}, which looks like milliseconds (it must be unix seconds)`);
  if (appId !== undefined && typeof appId !== 'string') throw wrong('an "appId" that is not a string');
  const tokens: AgoraTokens = { uid, rtmToken, rtcToken: rtcToken ?? null, expiresAt };
  if (appId) tokens.appId = appId;
  return tokens;
}

function failed(message: string, cause?: unknown): TransportError {
  return transportError('token-failed', message, cause);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** The `{error}` text of a refusing token endpoint, shortened, as plain text; '' when there is none. */
async function serverReason(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body?.error === 'string' ? body.error.replace(/\s+/g, ' ').slice(0, 200) : '';
  } catch {
    return '';
  }
}

/**
 * Host: records (or, with `revoke`, takes back) a viewer's stage invitation with the token endpoint,
 * so the endpoint issues that viewer a guest (publisher) token (docs/tokens.md § Co-hosting). The
 * host's own token URL carries its staff check, as for its host token. Rejects with a
 * {@link TransportError} when the endpoint refuses.
 */
export async function recordStageInvitation(
  tokenUrl: string,
  request: { channel: string; uid: string; viewer: string; revoke?: boolean },
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<void> {
  const url = requestUrl(tokenUrl, { channel: request.channel, uid: request.uid, role: 'host' });
  url.searchParams.set(request.revoke ? 'uninvite' : 'invite', request.viewer);
  let response: Response;
  try {
    response = await fetchImpl(url.href, { method: 'GET', credentials: 'include', cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (error) {
    throw failed(`Cannot reach the token URL ${tokenUrl} to record the stage invitation (${describe(error)}).`, error);
  }
  if (!response.ok) {
    const reason = await serverReason(response);
    throw transportError(
      response.status === 401 || response.status === 403 ? 'token-forbidden' : 'token-failed',
      `The token URL ${tokenUrl} did not record the stage invitation (HTTP ${response.status}${reason ? `: "${reason}"` : ''}).`,
    );
  }
}
