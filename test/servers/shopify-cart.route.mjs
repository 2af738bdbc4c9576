// A mock of Shopify's storefront AJAX API for <linger-product> tests, after Shopify's documented
// contracts (the AJAX Cart API, the Section Rendering API, the product JSON):
//   POST /test-api/shopify/cart/add.js  {items:[{id, quantity, selling_plan?}], sections?, sections_url?}
//        → 200 {items, sections?: {id: html}}; 422 (a French description) for variant 999 (sold out)
//          and for variant 998 (more than the 3 in stock); 400 for a malformed line
//   GET  /test-api/shopify/cart.js      → the cart: {token, item_count, total_price, currency, items}
//   POST /test-api/shopify/cart/update.js {attributes} → 200 the cart with those attributes
//   GET  /test-api/shopify/products/<handle>.js → product JSON (linen-shirt, coffee-beans, hostile);
//        also at /products/<handle>.js, where the host console's "Load from shop" asks
//   POST /test-api/shopify/reset        → an empty cart
//   GET  /test-api/shopify/last         → the last add.js request body and headers it received
//   GET  /test-api/shopify/last-update  → the last update.js request body (null before one)
let last = null;
let lastUpdate = null;
/** variant id → quantity */
let lines = new Map();

const PRODUCTS = {
  'linen-shirt': {
    id: 8001,
    title: 'Linen shirt',
    handle: 'linen-shirt',
    price: 4990,
    available: true,
    options: [
      { name: 'Taille', position: 1, values: ['S', 'M', 'L'] },
      { name: 'Couleur', position: 2, values: ['Blanc', 'Noir'] },
    ],
    variants: [
      { id: 4242, title: 'S / Blanc', options: ['S', 'Blanc'], available: true, price: 4990 },
      { id: 4243, title: 'S / Noir', options: ['S', 'Noir'], available: true, price: 4990 },
      { id: 999, title: 'M / Blanc', options: ['M', 'Blanc'], available: false, price: 4990 },
      { id: 4245, title: 'M / Noir', options: ['M', 'Noir'], available: true, price: 5290 },
      { id: 998, title: 'L / Blanc', options: ['L', 'Blanc'], available: true, price: 4990 },
      // no L / Noir: that combination does not exist
    ],
    selling_plan_groups: [],
  },
  'coffee-beans': {
    id: 8002,
    title: 'Coffee beans',
    handle: 'coffee-beans',
    price: 1800,
    available: true,
    requires_selling_plan: false,
    options: [{ name: 'Title', position: 1, values: ['Default Title'] }],
    variants: [
      {
        id: 5100,
        title: 'Default Title',
        options: ['Default Title'],
        available: true,
        price: 1800,
        requires_selling_plan: false,
        selling_plan_allocations: [
          { selling_plan_id: 7001, selling_plan_group_id: 'g1', price: 1530, compare_at_price: 1800 },
          { selling_plan_id: 7002, selling_plan_group_id: 'g1', price: 1620, compare_at_price: 1800 },
        ],
      },
    ],
    selling_plan_groups: [
      {
        id: 'g1',
        name: 'Subscribe & save',
        selling_plans: [
          { id: 7001, name: 'Delivered every week' },
          { id: 7002, name: 'Delivered every month' },
        ],
      },
    ],
  },
  'subscription-box': {
    id: 8004,
    title: 'Subscription box',
    handle: 'subscription-box',
    price: 3000,
    available: true,
    requires_selling_plan: true,
    options: [{ name: 'Title', position: 1, values: ['Default Title'] }],
    variants: [
      { id: 5200, title: 'Default Title', options: ['Default Title'], available: true, price: 3000, requires_selling_plan: true, selling_plan_allocations: [{ selling_plan_id: 7101, price: 2700 }] },
    ],
    selling_plan_groups: [{ id: 'g2', name: 'Box', selling_plans: [{ id: 7101, name: 'Every month' }] }],
  },
  hostile: {
    id: 8003,
    title: '<img src=x onerror=alert(1)>',
    handle: 'hostile',
    price: 100,
    available: true,
    options: [{ name: '<script>alert(1)</script>', position: 1, values: ['<b>bold</b>', '"><svg onload=alert(1)>'] }],
    variants: [
      { id: 6001, title: 'a', options: ['<b>bold</b>'], available: true, price: 100 },
      { id: 6002, title: 'b', options: ['"><svg onload=alert(1)>'], available: true, price: 100 },
    ],
  },
};
const VARIANT_TITLES = new Map(Object.values(PRODUCTS).flatMap((product) => product.variants.map((variant) => [variant.id, product.title])));
const PRICES = new Map(Object.values(PRODUCTS).flatMap((product) => product.variants.map((variant) => [variant.id, variant.price])));

function cart() {
  const items = [...lines].map(([id, quantity]) => ({ id, variant_id: id, key: `${id}:k`, quantity, title: VARIANT_TITLES.get(id) ?? 'Item', line_price: (PRICES.get(id) ?? 4990) * quantity }));
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  return { token: 'c1-test', item_count: count, total_price: items.reduce((sum, item) => sum + item.line_price, 0), currency: 'EUR', items };
}

/** The Section Rendering API's answer for one section id, rendered from the current cart. */
function section(id, key) {
  const count = cart().item_count;
  const inner =
    id === 'cart-icon-bubble'
      ? `<span class="cart-count-bubble"><span aria-hidden="true">${count}</span></span>`
      : id === 'cart-notification-product'
        ? `<div id="cart-notification-product-${key}">${VARIANT_TITLES.get(Number(key.split(':')[0])) ?? ''}</div>`
        : `<p class="rendered">${count}</p>`;
  return `<div id="shopify-section-${id}" class="shopify-section">${inner}</div>`;
}

async function readJson(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

const send = (ctx, status, body) => {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
};

export async function middleware(ctx, next) {
  // The host console's "Load from shop" asks the page's own origin (src/core/shop-catalog.ts).
  const own = /^\/products\/([a-z0-9-]+)\.js$/.exec(ctx.path);
  if (own && PRODUCTS[own[1]]) return send(ctx, 200, PRODUCTS[own[1]]);
  if (!ctx.path.startsWith('/test-api/shopify/')) return next();
  const path = ctx.path.slice('/test-api/shopify/'.length);
  if (path === 'last') return send(ctx, 200, last);
  if (path === 'last-update') return send(ctx, 200, lastUpdate);
  if (path === 'reset' && ctx.method === 'POST') {
    lines = new Map();
    last = null;
    return send(ctx, 200, cart());
  }
  if (path === 'cart.js') return send(ctx, 200, cart());
  const product = /^products\/([^/]+)\.js$/.exec(path);
  if (product) return PRODUCTS[product[1]] ? send(ctx, 200, PRODUCTS[product[1]]) : send(ctx, 404, { status: 404, description: 'Not found' });
  if (path === 'cart/update.js' && ctx.method === 'POST') {
    const body = await readJson(ctx);
    if (!body) return send(ctx, 400, {});
    lastUpdate = { body, contentType: ctx.get('content-type') };
    return send(ctx, 200, { ...cart(), attributes: body.attributes ?? {} });
  }
  if (path !== 'cart/add.js' || ctx.method !== 'POST') return send(ctx, 404, {});
  const body = await readJson(ctx);
  last = { body, contentType: ctx.get('content-type'), accept: ctx.get('accept') };
  const item = body?.items?.[0];
  if (!item || typeof item.id !== 'number' || !(item.quantity > 0)) return send(ctx, 400, { status: 400, message: 'Bad Request', description: 'Parameter Missing or Invalid' });
  if (item.id === 999) return send(ctx, 422, { status: 422, message: 'Cart Error', description: 'Le produit « Linen shirt - M / Blanc » est déjà épuisé.' });
  if (item.id === 998 && (lines.get(998) ?? 0) + item.quantity > 3) {
    return send(ctx, 422, { status: 422, message: 'Cart Error', description: 'Vous ne pouvez pas ajouter plus de 3 Linen shirt - L / Blanc au panier.' });
  }
  lines.set(item.id, (lines.get(item.id) ?? 0) + item.quantity);
  const added = { id: item.id, variant_id: item.id, key: `${item.id}:k`, quantity: item.quantity, title: VARIANT_TITLES.get(item.id) ?? 'Linen shirt' };
  const sections = typeof body.sections === 'string' && body.sections ? Object.fromEntries(body.sections.split(',').map((id) => [id, section(id, added.key)])) : null;
  return send(ctx, 200, { items: [added], ...(sections ? { sections } : {}) });
}
