// GET /test-api/flaky-token?key=K&fail=N → HTTP 500 for the first N requests with that key, then a
// token answer in the token-url contract: a token endpoint that is down for a moment (a deploy, a
// crowd at show start). GET /test-api/flaky-token/count?key=K → how many requests it received.
const requests = new Map();

export async function middleware(ctx, next) {
  if (!ctx.path.startsWith('/test-api/flaky-token')) return next();
  const key = String(ctx.query.key ?? '');
  if (ctx.path === '/test-api/flaky-token/count') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ count: requests.get(key) ?? 0 });
    return;
  }
  const count = (requests.get(key) ?? 0) + 1;
  requests.set(key, count);
  if (count <= Number(ctx.query.fail ?? 0)) {
    ctx.status = 500;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ error: 'deploying' });
    return;
  }
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ uid: String(ctx.query.uid || 'v-flaky'), rtmToken: '007rtm', rtcToken: '007rtc', expiresAt: Math.floor(Date.now() / 1000) + 3600 });
}
