// GET /test-api/player-token?channel=…&uid=…&role=viewer → a token answer in the token-url contract,
// for the player's RTC join test.
export async function middleware(ctx, next) {
  if (!ctx.path.startsWith('/test-api/player-token')) return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ uid: 'server-uid-1', rtmToken: '007rtm-test-token', rtcToken: '007rtc-test-token', expiresAt: Math.floor(Date.now() / 1000) + 3600 });
}
