// Member tier claims from the merchant's side (docs/tiers.md): an ES256 JWT `{sub, tier, name?,
// since?, exp}` signed with the merchant's private P-256 key (JWK); the room checks it with the
// public half (`tier-key` on the host's <linger-room>). The same bytes as signTierClaim in
// src/core/tier-claim.ts, with Node's WebCrypto.
const encoder = new TextEncoder();
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** Imports the private key (a JWK object or its JSON text). */
export function importSigningKey(jwk) {
  const key = typeof jwk === 'string' ? JSON.parse(jwk) : jwk;
  return crypto.subtle.importKey('jwk', key, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/** A claim for `viewer` (its user id in the room), valid `ttlSeconds`. */
export async function signTierClaim(privateKey, viewer, { tier, name, since, ttlSeconds = 3600, now = Date.now() }) {
  const header = b64url(encoder.encode(JSON.stringify({ alg: 'ES256', typ: 'JWT' })));
  const claims = { sub: viewer, tier, exp: Math.floor(now / 1000) + ttlSeconds };
  if (name) claims.name = String(name).slice(0, 40);
  if (Number.isFinite(since)) claims.since = since;
  const payload = b64url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, encoder.encode(`${header}.${payload}`));
  return `${header}.${payload}.${b64url(new Uint8Array(signature))}`;
}

const TIER = /^[\w -]{1,40}$/u;

/**
 * The tier for a customer's tags: the first of the merchant's tiers (in order, highest first) whose
 * tag the customer has, compared case-insensitively as Shopify does; `null` without one.
 * `tiers`: `"vip,member"` or `["vip", "member"]`.
 */
export function tierFromTags(tags, tiers) {
  const have = new Set((Array.isArray(tags) ? tags : String(tags ?? '').split(',')).map((tag) => String(tag).trim().toLowerCase()).filter(Boolean));
  for (const tier of Array.isArray(tiers) ? tiers : String(tiers ?? '').split(',')) {
    const name = String(tier).trim();
    if (TIER.test(name) && have.has(name.toLowerCase())) return name;
  }
  return null;
}
