/**
 * A product as the viewer's own storefront sells it: Shopify's product JSON
 * (`{root}products/<handle>.js`, under `Shopify.routes.root`, so the shop answers in the viewer's
 * market — prices in that market's currency, that market's availability). The host pins a product;
 * each viewer's page resolves its variants, options, selling plans and prices here.
 */

export interface ShopVariant {
  id: string;
  title: string;
  /** One value per option, in the order of `ShopProduct.options`. */
  options: string[];
  available: boolean;
  /** In the currency's minor unit ×100, as Shopify's JSON gives it (4990 = 49.90). */
  price: number;
  /** Price per selling plan id, where the plan changes it. */
  planPrices: Record<string, number>;
  requiresSellingPlan: boolean;
}

export interface ShopPlan {
  id: string;
  /** "Deliver every month" (the plan), with its group ("Subscribe & save") when there are several. */
  name: string;
  group: string;
}

export interface ShopProduct {
  handle: string;
  options: { name: string; values: string[] }[];
  variants: ShopVariant[];
  plans: ShopPlan[];
  requiresSellingPlan: boolean;
}

const cache = new Map<string, Promise<ShopProduct | null>>();

/**
 * The handle of a product page URL (`https://shop.example/fr/products/linen-shirt` → `linen-shirt`),
 * which is how the host's pin names the product on every storefront of the shop.
 */
export function handleOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const match = /\/products\/([^/?#]+)\/?$/.exec(new URL(url, document.baseURI).pathname);
    const handle = match ? decodeURIComponent(match[1]!) : '';
    return handle && handle.length <= 255 && !/[/\\]/.test(handle) ? handle : null;
  } catch {
    return null;
  }
}

const text = (value: unknown, max = 200): string => (typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : '');
const idOf = (value: unknown): string => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' && /^\d{1,20}$/.test(value) ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** Reads Shopify's product JSON; anything malformed is dropped, never trusted. `null` when it is no product. */
export function parseShopProduct(data: unknown, handle: string): ShopProduct | null {
  const product = record(data);
  const options = list(product.options)
    .slice(0, 3)
    .map((option) => {
      // `/products/<handle>.js` gives {name, values}; older answers give option names only.
      const entry = record(option);
      return { name: text(typeof option === 'string' ? option : entry.name, 100), values: list(entry.values).map((value) => text(value, 100)).filter(Boolean) };
    });
  const variants: ShopVariant[] = [];
  for (const raw of list(product.variants).slice(0, 250)) {
    const variant = record(raw);
    const id = idOf(variant.id);
    const price = Number(variant.price);
    if (!id || !Number.isFinite(price) || price < 0) continue;
    const values = Array.isArray(variant.options) ? variant.options : [variant.option1, variant.option2, variant.option3];
    const planPrices: Record<string, number> = {};
    for (const allocation of list(variant.selling_plan_allocations)) {
      const entry = record(allocation);
      const plan = idOf(entry.selling_plan_id);
      const planPrice = Number(entry.price);
      if (plan && Number.isFinite(planPrice) && planPrice >= 0) planPrices[plan] = planPrice;
    }
    variants.push({
      id,
      title: text(variant.title),
      options: options.map((_, index) => text(values[index], 100)),
      available: variant.available !== false,
      price,
      planPrices,
      requiresSellingPlan: variant.requires_selling_plan === true,
    });
  }
  if (!variants.length) return null;
  // Values a variant uses but the option list lacks (an older answer) are added in variant order.
  options.forEach((option, index) => {
    for (const variant of variants) if (variant.options[index] && !option.values.includes(variant.options[index]!)) option.values.push(variant.options[index]!);
  });
  const groups = list(product.selling_plan_groups);
  const plans: ShopPlan[] = [];
  for (const rawGroup of groups) {
    const group = record(rawGroup);
    for (const rawPlan of list(group.selling_plans)) {
      const plan = record(rawPlan);
      const id = idOf(plan.id);
      if (id) plans.push({ id, name: text(plan.name), group: groups.length > 1 ? text(group.name) : '' });
    }
  }
  return {
    handle,
    // A product with one variant has one "Title: Default Title" option: nothing to choose.
    options: variants.length > 1 ? options.filter((option) => option.name && option.values.length) : [],
    variants,
    plans,
    requiresSellingPlan: product.requires_selling_plan === true || variants.every((variant) => variant.requiresSellingPlan),
  };
}

/**
 * Loads (once per page, unless `fresh`) the storefront's product. `null` when the shop does not
 * know the handle or answers something else; a network failure rejects.
 */
export function loadStorefrontProduct(root: string, handle: string, fresh = false): Promise<ShopProduct | null> {
  const base = root.endsWith('/') ? root : `${root}/`;
  const url = `${base}products/${encodeURIComponent(handle)}.js`;
  let pending = fresh ? undefined : cache.get(url);
  if (!pending) {
    pending = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', ...(fresh ? { cache: 'no-cache' as const } : {}) }).then(async (response) =>
      response.ok ? parseShopProduct(await response.json().catch(() => null), handle) : null,
    );
    cache.set(url, pending);
    pending.catch(() => cache.delete(url));
  }
  return pending;
}

/** The variant with exactly these option values, if the shop has one. */
export function variantFor(product: ShopProduct, values: string[]): ShopVariant | undefined {
  return product.variants.find((variant) => variant.options.every((value, index) => !product.options[index] || value === values[index]));
}

/** The variant to start with: the pinned one, else the first available, else the first. */
export function initialVariant(product: ShopProduct, pinnedId: string | undefined): ShopVariant {
  return product.variants.find((variant) => variant.id === pinnedId) ?? product.variants.find((variant) => variant.available) ?? product.variants[0]!;
}
