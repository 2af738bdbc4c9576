/**
 * Shopify's AJAX Cart API, as `<linger-product>` calls it: `POST {root}cart/add.js` with
 * `{items: [{id: variantId, quantity}]}`. Errors come back typed so the element can show them.
 */
export type CartFailure = { ok: false; kind: 'sold-out' | 'network' | 'cart'; message: string };
export type CartResult = { ok: true; body: unknown } | CartFailure;

interface ShopifyGlobal {
  routes?: { root?: string };
  currency?: { active?: string };
}

/** `window.Shopify` when the page is a Shopify storefront. */
export function shopify(): ShopifyGlobal | null {
  const value = (globalThis as { Shopify?: ShopifyGlobal }).Shopify;
  return value && typeof value === 'object' ? value : null;
}

export async function shopifyAddToCart(root: string, variantId: string, quantity: number, fetcher: typeof fetch = fetch): Promise<CartResult> {
  const base = root.endsWith('/') ? root : `${root}/`;
  const id = /^\d+$/.test(variantId) ? Number(variantId) : variantId;
  let response: Response;
  try {
    response = await fetcher(`${base}cart/add.js`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'same-origin',
      body: JSON.stringify({ items: [{ id, quantity }] }),
    });
  } catch (error) {
    return { ok: false, kind: 'network', message: String((error as Error)?.message ?? error) };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A non-JSON answer (an HTML error page) leaves body null.
  }
  if (response.ok) return { ok: true, body };
  const info = (body ?? {}) as { description?: unknown; message?: unknown };
  const message = String(info.description ?? info.message ?? response.statusText ?? response.status);
  const soldOut = response.status === 422 && /sold out|out of stock|inventory|already sold/i.test(message);
  return { ok: false, kind: soldOut ? 'sold-out' : 'cart', message };
}

/**
 * Writes cart attributes (`POST {root}cart/update.js` with `{attributes}`): the show and viewer an
 * order came from, which the web pixel sends with `checkout_completed` (docs/collector.md § Orders).
 * Best effort: the item is already in the cart, so a failure here is reported, not shown.
 */
export async function shopifyCartAttributes(root: string, attributes: Record<string, string>, fetcher: typeof fetch = fetch): Promise<boolean> {
  const base = root.endsWith('/') ? root : `${root}/`;
  try {
    const response = await fetcher(`${base}cart/update.js`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'same-origin',
      body: JSON.stringify({ attributes }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Tells the theme the cart changed. There is no single Shopify-wide event: `cart:refresh` is the
 * convention many themes listen for, and `cart:updated` the other common one; themes without either
 * refresh on their next page load.
 */
export function announceCartChange(detail: unknown): void {
  if (typeof document === 'undefined') return;
  for (const type of ['cart:refresh', 'cart:updated']) document.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
}
