// GET /test-api/echo?x=1 → {"query":{"x":"1"},"method":"GET"}: proves the route mounting works.
export async function middleware(ctx, next) {
  if (!ctx.path.startsWith('/test-api/echo')) return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ query: Object.fromEntries(new URLSearchParams(ctx.querystring)), method: ctx.method });
}
