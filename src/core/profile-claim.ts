/**
 * The claim a room's `profile-url` answers (docs/tiers.md): JSON `{"claim": "…"}` or the token as
 * text, fetched with the shopper's cookies. A failed request or anything that is not a compact JWS
 * gives '' (the viewer connects without a tier, as without the attribute). Loaded with the session
 * code, never at first paint.
 */
export async function fetchProfileClaim(url: URL): Promise<string> {
  try {
    const response = await fetch(url, { credentials: 'include', headers: { accept: 'application/json, text/plain' }, signal: AbortSignal.timeout(8000) });
    if (!response.ok) return '';
    const text = (await response.text()).slice(0, 8192).trim();
    let token: unknown = text;
    if (text.startsWith('{')) token = (JSON.parse(text) as { claim?: unknown }).claim;
    return typeof token === 'string' && token.length <= 2048 && /^[\w-]{2,}\.[\w-]{2,}\.[\w-]{2,}$/.test(token) ? token : '';
  } catch {
    return '';
  }
}
