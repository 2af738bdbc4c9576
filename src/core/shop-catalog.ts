/**
 * Products from the shop the console runs on: Shopify's AJAX product endpoint
 * (`/products/<handle>.js`) turned into a `pin` product the protocol accepts. Kept apart from the
 * console so the shop integration (variants, other platforms) can grow without touching it.
 *
 * The pin carries what every viewer needs to buy: the variant id to start from, the product page
 * `url` (whose handle each viewer's `<linger-product>` uses to load the product in its own market:
 * variants, selling plans, local prices) and the price as a plain amount with its currency, never
 * text formatted in the host's language and currency (docs/product.md § Variants and prices).
 */
import { checkBody, isHttpUrl, type Product } from './protocol.js';

export interface ShopCatalogOptions {
  /** The shop's origin (default: the page's). */
  origin?: string;
  /** The shop's active currency (default: `Shopify.currency.active`, else USD). */
  currency?: string;
  /** Injected in tests; a wrapper by default (a detached `fetch` throws "Illegal invocation"). */
  fetch?: typeof fetch;
}

/** Shopify handles: lowercase letters, digits and dashes. */
const HANDLE = /^[a-z0-9][a-z0-9-]{0,254}$/;

/** The handle as the shop spells it, or `null` when it cannot be one. */
export function shopHandle(input: string): string | null {
  const clean = input.trim().toLowerCase();
  return HANDLE.test(clean) ? clean : null;
}

/** The shop's active currency on a Shopify page, else USD. */
export function shopCurrency(): string {
  const active = (globalThis as { Shopify?: { currency?: { active?: unknown } } }).Shopify?.currency?.active;
  return typeof active === 'string' && /^[A-Z]{3}$/.test(active) ? active : 'USD';
}

/**
 * Loads one product by handle. Rejects with an Error whose message says what went wrong (a bad
 * handle, an HTTP status, an answer that is not a product); the result passes the `pin` schema.
 */
export async function loadShopProduct(handle: string, options: ShopCatalogOptions = {}): Promise<Product> {
  const clean = shopHandle(handle);
  if (!clean) throw new TypeError(`"${handle.slice(0, 80)}" is not a product handle (letters, digits and dashes)`);
  const origin = options.origin ?? location.origin;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const response = await doFetch(new URL(`/products/${clean}.js`, origin).href, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw new Error('the shop did not answer JSON');
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const { id, title, price, available, featured_image: featured, variants } = record;
  if ((typeof id !== 'number' && typeof id !== 'string') || typeof title !== 'string' || !Number.isFinite(Number(price))) {
    throw new Error('the shop did not answer a product');
  }
  const product: Product = {
    id: String(id),
    title: title.slice(0, 200),
    url: new URL(`/products/${clean}`, origin).href,
  };
  // The variant to start from: the first available, else the first (each viewer may pick another).
  const list = (Array.isArray(variants) ? variants : []) as { id?: unknown; price?: unknown; available?: unknown }[];
  const variant = list.find((entry) => entry?.available !== false) ?? list[0];
  const variantId = variant && (typeof variant.id === 'number' || typeof variant.id === 'string') ? String(variant.id) : '';
  if (/^\d{1,20}$/.test(variantId)) product.variantId = variantId;
  const cents = Number.isFinite(Number(variant?.price)) ? Number(variant!.price) : Number(price);
  product.price = (cents / 100).toFixed(2);
  product.currency = options.currency ?? shopCurrency();
  const image = typeof featured === 'string' && featured.startsWith('//') ? `https:${featured}` : featured;
  if (typeof image === 'string' && isHttpUrl(image)) product.image = image;
  if (available === false) product.soldOut = true;
  return checkBody('pin', { product }).product!;
}
