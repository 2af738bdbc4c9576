// A merchant's profile endpoint for `profile-url` (docs/tiers.md), signing with the Shopify app's
// signer (integrations/shopify/web/tier-claim.mjs):
//   GET /test-api/profile/key                      the public key (JWK) for the host's tier-key
//   GET /test-api/profile/claim?uid=…&tier=…       {claim} for a "signed-in" browser (cookie linger_member=1), else 401
//   GET /test-api/profile/claim?answer=junk|html|long|json-junk   hostile answers, 200
//   GET /test-api/profile/hits                     how many claim requests came with the cookie
import { signTierClaim } from '../../integrations/shopify/web/tier-claim.mjs';

const pair = crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
let withCookie = 0;

export async function middleware(ctx, next) {
  if (!ctx.path.startsWith('/test-api/profile/')) return next();
  const query = new URLSearchParams(ctx.querystring);
  ctx.set('cache-control', 'no-store');
  if (ctx.path === '/test-api/profile/key') {
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', (await pair).publicKey);
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ kty, crv, x, y });
    return;
  }
  if (ctx.path === '/test-api/profile/hits') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ withCookie });
    return;
  }
  const answer = query.get('answer');
  if (answer === 'junk') return void ((ctx.type = 'text/plain'), (ctx.body = '<img src=x onerror="window.__pwned=1">'));
  if (answer === 'html') return void ((ctx.type = 'text/html'), (ctx.body = '<!doctype html><title>Sign in</title>'));
  if (answer === 'long') return void ((ctx.type = 'text/plain'), (ctx.body = `aa.${'b'.repeat(5000)}.cc`));
  if (answer === 'json-junk') return void ((ctx.type = 'application/json'), (ctx.body = '{"claim": {"tier": "vip"}, "__proto__": {"x": 1}}'));
  if (!/(^|;\s*)linger_member=1(;|$)/.test(ctx.get('cookie'))) {
    ctx.status = 401;
    ctx.type = 'application/json';
    ctx.body = '{"error":"not signed in"}';
    return;
  }
  withCookie++;
  const claim = await signTierClaim((await pair).privateKey, query.get("uid") ?? '', { tier: query.get('tier') ?? 'vip', ttlSeconds: Number(query.get('ttl') ?? 3600) });
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ claim });
}
