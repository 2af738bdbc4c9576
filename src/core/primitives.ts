/**
 * Protocol basics that elements need on first paint. They live apart from protocol.ts so that
 * importing them does not pull in the message table and valibot, which load with the session.
 */

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

/** A short random id, unique enough for message ids within one show. */
export function randomId(length = 12): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 36];
  return out;
}
