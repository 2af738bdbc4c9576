/**
 * Adding to a Shopify cart the way the storefront's own theme would, so its cart icon and drawer
 * update in place:
 *
 * 1. `Shopify.actions.updateCart` where the theme has configured it (Shopify's standard storefront
 *    actions: the theme refreshes its own cart UI). Shopify's default handler is not used: on a
 *    theme it does not recognise it reloads the page, which would cut a viewer out of the live show.
 * 2. Else the AJAX Cart API, `POST {root}cart/add.js`, told about in the two ways themes listen:
 *    - Horizon-style: a `shopify:cart:lines-update` event (`action`, `lines`, `promise` resolving to
 *      the cart) dispatched as the add starts, as Horizon's product form does;
 *    - Dawn-style: the Section Rendering API (`sections` and `sections_url` in the add request) and
 *      the theme's `<cart-notification>` / `<cart-drawer>` `renderContents(...)`, else the returned
 *      `#cart-icon-bubble` section swapped in; and Dawn's pub/sub `cart-update`.
 *
 * Errors come back typed; whether a refusal means "sold out" is decided from status codes and the
 * product's JSON, never from the message's words (they are in the shop's language).
 */
export type CartFailure = { ok: false; kind: 'sold-out' | 'network' | 'cart'; message: string; status?: number };
export type CartResult = { ok: true; body: unknown } | CartFailure;

/** What is added: one line. */
export interface CartLine {
  variantId: string;
  quantity: number;
  sellingPlan?: string | undefined;
}

interface UpdateCartResult {
  cart?: unknown;
  userErrors?: { code?: string; message?: string }[];
}

interface ShopifyGlobal {
  routes?: { root?: string };
  currency?: { active?: string };
  locale?: string;
  actions?: { updateCart?: ((payload: unknown, options?: unknown) => Promise<UpdateCartResult>) & { isDefault?: () => boolean } };
}

/** `window.Shopify` when the page is a Shopify storefront. */
export function shopify(): ShopifyGlobal | null {
  const value = (globalThis as { Shopify?: ShopifyGlobal }).Shopify;
  return value && typeof value === 'object' ? value : null;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
const base = (root: string) => (root.endsWith('/') ? root : `${root}/`);
const gid = (kind: string, id: string) => (/^\d+$/.test(id) ? `gid://shopify/${kind}/${id}` : id);
const numeric = (id: string): string | number => (/^\d+$/.test(id) ? Number(id) : id);

/** Cart error codes of the Storefront API that mean there is not enough stock (codes, not words). */
const STOCK_CODES = /OUT_OF_STOCK|NOT_ENOUGH_STOCK|SOLD_OUT|NOT_AVAILABLE|INVENTORY/;

/** Adds `line` through `Shopify.actions.updateCart`, the storefront's own cart action. */
async function addWithAction(updateCart: NonNullable<NonNullable<ShopifyGlobal['actions']>['updateCart']>, line: CartLine): Promise<CartResult> {
  let result: UpdateCartResult;
  try {
    const payload = { merchandiseId: gid('ProductVariant', line.variantId), quantity: line.quantity, ...(line.sellingPlan ? { sellingPlanId: gid('SellingPlan', line.sellingPlan) } : {}) };
    result = await updateCart({ lines: [payload] }, { event: { context: 'product', detail: { source: 'linger' } } });
  } catch (error) {
    // It rejects only when it could not run at all (a network failure).
    return { ok: false, kind: 'network', message: String((error as Error)?.message ?? error) };
  }
  const problem = result?.userErrors?.[0];
  if (problem) return { ok: false, kind: STOCK_CODES.test(problem.code ?? '') ? 'sold-out' : 'cart', message: String(problem.message ?? problem.code ?? '') };
  return { ok: true, body: result?.cart ?? null };
}

/** A Dawn-style cart UI: `<cart-notification>` or `<cart-drawer>` with the Section Rendering contract. */
interface ThemeCart extends Element {
  getSectionsToRender(): { id: string; section?: string }[];
  renderContents(state: unknown): void;
}

function themeCart(): ThemeCart | null {
  const element = document.querySelector('cart-notification, cart-drawer') as Partial<ThemeCart> | null;
  return element && typeof element.getSectionsToRender === 'function' && typeof element.renderContents === 'function' ? (element as ThemeCart) : null;
}

/** The sections to have re-rendered with the add: the theme cart's, else the cart bubble when the page has one. */
function sectionsToRender(cart: ThemeCart | null): string[] {
  if (cart) {
    try {
      return [...new Set(cart.getSectionsToRender().map((section) => section.id).filter((id) => typeof id === 'string'))];
    } catch {
      // a theme that breaks its own contract: fall through to the bubble
    }
  }
  return document.getElementById('cart-icon-bubble') ? ['cart-icon-bubble'] : [];
}

/** Swaps each rendered section's content into the element of the same id (Dawn's `getSectionInnerHTML`). */
function swapSections(sections: Record<string, unknown>): void {
  for (const [id, html] of Object.entries(sections)) {
    const target = document.getElementById(id);
    if (!target || typeof html !== 'string') continue;
    const doc = new DOMParser().parseFromString(html, 'text/html'); // inert: parsed scripts never run
    const source = doc.querySelector('.shopify-section') ?? doc.body;
    target.replaceChildren(...[...source.childNodes].map((node) => document.importNode(node, true)));
  }
}

/** The cart as Horizon's `shopify:cart:lines-update` promise gives it (`createCartFromAjaxResponse`). */
function standardCart(ajax: Record<string, unknown>): unknown {
  const currency = String(ajax.currency ?? '');
  const money = (cents: unknown) => ({ amount: (Number(cents ?? 0) / 100).toFixed(2), currencyCode: currency });
  const items = Array.isArray(ajax.items) ? (ajax.items as Record<string, unknown>[]) : [];
  return {
    id: String(ajax.token ?? ''),
    totalQuantity: Number(ajax.item_count ?? 0),
    cost: { totalAmount: money(ajax.total_price) },
    lines: items.map((item) => ({ id: String(item.key ?? ''), quantity: Number(item.quantity ?? 0), cost: { totalAmount: money(item.final_line_price ?? item.line_price) } })),
    discountCodes: [],
  };
}

async function fetchCart(root: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base(root)}cart.js`, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Adds `line` through `/cart/add.js` and tells Horizon- and Dawn-style themes. `source` dispatches the event. */
async function addWithAjax(root: string, line: CartLine, source: Element): Promise<CartResult> {
  const cart = themeCart();
  const sections = sectionsToRender(cart);
  let settle!: (value: unknown) => void;
  let fail!: (reason: unknown) => void;
  const promise = new Promise((resolve, reject) => ((settle = resolve), (fail = reject)));
  promise.catch(() => {}); // nobody may be listening
  source.dispatchEvent(
    Object.assign(new Event('shopify:cart:lines-update', { bubbles: true, composed: true }), {
      action: 'add',
      context: 'product',
      lines: [{ merchandiseId: gid('ProductVariant', line.variantId), quantity: line.quantity }],
      promise,
    }),
  );
  const result = await postAdd(root, line, sections);
  // Horizon counts the bubble from the whole cart, after success or failure alike (its product form does).
  fetchCart(root).then(
    (ajax) => settle({ cart: standardCart(ajax), detail: { source: 'linger', didError: !result.ok, itemCount: Number(ajax.item_count ?? 0), items: ajax.items } }),
    () => fail(new DOMException('cart unavailable', 'AbortError')),
  );
  if (!result.ok) return result;
  const body = (result.body ?? {}) as { items?: unknown[]; sections?: Record<string, unknown> };
  const rendered = body.sections && typeof body.sections === 'object' ? body.sections : null;
  if (rendered) {
    try {
      // Dawn renders from a single added item (`key`) with the sections beside it.
      if (cart) cart.renderContents({ ...(Array.isArray(body.items) ? (body.items[0] as object) : body), sections: rendered });
      else swapSections(rendered);
    } catch {
      try {
        swapSections(rendered);
      } catch {
        // Trusted Types refuse DOMParser on this page, or the theme broke: the item is in the cart all the same
      }
    }
  }
  const publish = (globalThis as { publish?: unknown }).publish;
  if (typeof publish === 'function') {
    try {
      // Dawn's pub/sub (assets/pubsub.js, PUB_SUB_EVENTS.cartUpdate): the cart page and quantity rules refresh.
      void Promise.resolve((publish as (name: string, data: unknown) => unknown)('cart-update', { source: 'linger', productVariantId: line.variantId, cartData: body })).catch(() => {});
    } catch {
      // a theme's subscriber threw: the item is in the cart all the same
    }
  }
  return result;
}

async function postAdd(root: string, line: CartLine, sections: string[]): Promise<CartResult> {
  const item = { id: numeric(line.variantId), quantity: line.quantity, ...(line.sellingPlan ? { selling_plan: numeric(line.sellingPlan) } : {}) };
  let response: Response;
  try {
    response = await fetch(`${base(root)}cart/add.js`, {
      method: 'POST',
      headers: JSON_HEADERS,
      credentials: 'same-origin',
      body: JSON.stringify({ items: [item], ...(sections.length ? { sections: sections.join(','), sections_url: location.pathname } : {}) }),
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
  return { ok: false, kind: 'cart', status: response.status, message: String(info.description ?? info.message ?? response.statusText ?? response.status) };
}

/** The storefront's `updateCart` when the theme configured it (`isDefault()` false), else `null`. */
function configuredUpdateCart(): NonNullable<NonNullable<ShopifyGlobal['actions']>['updateCart']> | null {
  const updateCart = shopify()?.actions?.updateCart;
  if (typeof updateCart !== 'function') return null;
  try {
    return typeof updateCart.isDefault === 'function' && updateCart.isDefault() ? null : updateCart;
  } catch {
    return null;
  }
}

/**
 * Adds one line to the Shopify cart: the theme's configured `Shopify.actions.updateCart`, else
 * `/cart/add.js` under `root` with the theme told (see the top of this file).
 */
export function shopifyAddToCart(root: string, line: CartLine, source: Element): Promise<CartResult> {
  const updateCart = configuredUpdateCart();
  return updateCart ? addWithAction(updateCart, line) : addWithAjax(root, line, source);
}

/**
 * Writes cart attributes (`POST {root}cart/update.js` with `{attributes}`): the show and viewer an
 * order came from, which the web pixel sends with `checkout_completed` (docs/collector.md § Orders).
 * Best effort: the item is already in the cart, so a failure here is reported, not shown.
 */
export async function shopifyCartAttributes(root: string, attributes: Record<string, string>, fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetcher(`${base(root)}cart/update.js`, {
      method: 'POST',
      headers: JSON_HEADERS,
      credentials: 'same-origin',
      body: JSON.stringify({ attributes }),
    });
    return response.ok;
  } catch {
    return false;
  }
}
