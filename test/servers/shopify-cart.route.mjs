// A mock of Shopify's AJAX Cart API for <linger-product> tests:
//   POST /test-api/shopify/cart/add.js  {items:[{id, quantity}]} → 200 the item, or 422 when sold out (variant 999)
//   POST /test-api/shopify/cart/update.js {attributes} → 200 the cart with those attributes
//   GET  /test-api/shopify/last          → the last add.js request body and headers it received
//   GET  /test-api/shopify/last-update   → the last update.js request body (null before one)
let last = null;
let lastUpdate = null;

export async function middleware(ctx, next) {
  if (!ctx.path.startsWith('/test-api/shopify/')) return next();
  if (ctx.path === '/test-api/shopify/last') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(last);
    return;
  }
  if (ctx.path === '/test-api/shopify/last-update') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(lastUpdate);
    return;
  }
  if (ctx.path === '/test-api/shopify/cart/update.js' && ctx.method === 'POST') {
    let raw = '';
    for await (const chunk of ctx.req) raw += chunk;
    try {
      lastUpdate = { body: JSON.parse(raw), contentType: ctx.get('content-type') };
    } catch {
      ctx.status = 400;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ attributes: lastUpdate.body?.attributes ?? {}, items: [] });
    return;
  }
  if (ctx.path !== '/test-api/shopify/cart/add.js' || ctx.method !== 'POST') {
    ctx.status = 404;
    return;
  }
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  let body = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // left null: answered 400 below
  }
  last = { body, contentType: ctx.get('content-type'), accept: ctx.get('accept') };
  ctx.type = 'application/json';
  const item = body?.items?.[0];
  if (!item || typeof item.id !== 'number' || !(item.quantity > 0)) {
    ctx.status = 400;
    ctx.body = JSON.stringify({ status: 400, message: 'Bad Request', description: 'Parameter Missing or Invalid' });
  } else if (item.id === 999) {
    ctx.status = 422;
    ctx.body = JSON.stringify({ status: 422, message: 'Cart Error', description: "The product 'Linen shirt' is already sold out." });
  } else {
    ctx.status = 200;
    ctx.body = JSON.stringify({ items: [{ id: item.id, variant_id: item.id, quantity: item.quantity, title: 'Linen shirt' }] });
  }
}
