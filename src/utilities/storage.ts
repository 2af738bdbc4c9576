/**
 * The page's localStorage, or `null` where it is missing or blocked (Safari private mode,
 * sandboxed iframes throw on access): every caller then runs without it.
 */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}
