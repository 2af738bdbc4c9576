/**
 * Protocol basics that elements need on first paint. They live apart from protocol.ts so that
 * importing them does not pull in the message table and valibot, which load with the session.
 */

/** Chat lines a screen keeps: the reducer's buffer and the overlay's feed. */
export const CHAT_BUFFER = 200;

/** Longest chat message, in characters. */
export const MAX_CHAT_LENGTH = 300;

/** True for absolute http(s) URLs only: `javascript:`, `data:` and relative URLs are refused. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * An absolute or page-relative URL resolved against the page, if it is http(s); else `null`.
 * The one resolver for every URL a merchant or host hands Linger (links, images, webhook, report).
 */
export function resolveHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  if (isHttpUrl(value)) return value;
  if (typeof document === 'undefined') return null;
  try {
    const resolved = new URL(value, document.baseURI).href;
    return isHttpUrl(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** A short random id, unique enough for message ids within one show. */
export function randomId(length = 12): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 36];
  return out;
}

/**
 * Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair (a half emoji would
 * render as a replacement box and fail strict UTF-8 encoders).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A viewer's verified member tier (the host's `tier` messages, docs/tiers.md), for its badge. Here
 * so that elements drawing badges do not load the reducer on first paint.
 */
export function tierOf(state: { tiers?: ReadonlyArray<readonly [string, string]> | undefined }, viewer: string): string | undefined {
  return state.tiers?.find(([id]) => id === viewer)?.[1];
}
