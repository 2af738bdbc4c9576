/**
 * Member tiers vouched for by the merchant's backend (docs/tiers.md): a compact JWS (a JWT) signed
 * with ES256 (ECDSA P-256, SHA-256; WebCrypto's raw `r‖s` signature), whose claims are
 * `{sub, tier, name?, since?, exp}`. The viewer sends it with its hello; the host checks the
 * signature with the room's public key, that `sub` is the sender's authenticated id and that `exp`
 * (seconds) is still ahead on the host's clock. Anything else is ignored, and counted.
 */

export interface TierClaim {
  tier: string;
  name?: string;
  /** Member since (ms since the epoch), when the merchant says. */
  since?: number;
}

/** Why a claim was ignored. */
export type TierRefusal = 'malformed' | 'signature' | 'expired' | 'other-viewer';

import type { SessionCore } from './session-core.js';
import { tierOf } from './state.js';

const encoder = new TextEncoder();
const TOKEN = /^[\w-]{2,}\.[\w-]{2,}\.[\w-]{2,}$/;

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const json = (part: string): unknown => JSON.parse(new TextDecoder().decode(fromBase64Url(part)));

/** The room's public key: a JWK (object or JSON text) of an EC P-256 key, or a CryptoKey. */
export async function importTierKey(key: JsonWebKey | string | CryptoKey): Promise<CryptoKey> {
  if (typeof key === 'object' && 'algorithm' in key && 'type' in key) return key as CryptoKey;
  const jwk = typeof key === 'string' ? (JSON.parse(key) as JsonWebKey) : (key as JsonWebKey);
  const { kty, crv, x, y } = jwk;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}

/** Signs a claim for `viewer` (what the merchant's backend does; used by tests and docs/tiers.md). */
export async function signTierClaim(privateKey: CryptoKey, viewer: string, claim: TierClaim & { exp: number }): Promise<string> {
  const header = toBase64Url(encoder.encode(JSON.stringify({ alg: 'ES256', typ: 'JWT' })));
  const payload = toBase64Url(encoder.encode(JSON.stringify({ sub: viewer, ...claim })));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, encoder.encode(`${header}.${payload}`));
  return `${header}.${payload}.${toBase64Url(new Uint8Array(signature))}`;
}

/** Checks a claim sent by `viewer` at host time `nowMs`: the claim, or why it is ignored. */
export async function verifyTierClaim(token: string, key: CryptoKey, viewer: string, nowMs: number): Promise<TierClaim | TierRefusal> {
  if (!TOKEN.test(token) || token.length > 2048) return 'malformed';
  const [header, payload, signature] = token.split('.') as [string, string, string];
  let claims: Record<string, unknown>;
  try {
    if ((json(header) as { alg?: unknown }).alg !== 'ES256') return 'malformed';
    claims = json(payload) as Record<string, unknown>;
    if (!claims || typeof claims !== 'object') return 'malformed';
    const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, fromBase64Url(signature), encoder.encode(`${header}.${payload}`));
    if (!ok) return 'signature';
  } catch {
    return 'malformed';
  }
  const { sub, tier, name, since, exp } = claims;
  if (typeof tier !== 'string' || !/^[\w -]{1,40}$/u.test(tier) || typeof exp !== 'number') return 'malformed';
  if (sub !== viewer) return 'other-viewer';
  if (exp * 1000 <= nowMs) return 'expired';
  const claim: TierClaim = { tier };
  if (typeof name === 'string' && name) claim.name = name.slice(0, 40);
  if (typeof since === 'number' && Number.isFinite(since)) claim.since = since;
  return claim;
}

/** Host: checks the claims viewers send with their hello, once per token, and publishes verified tiers. */
export class TierChecks {
  private key: Promise<CryptoKey> | null = null;
  private readonly checked = new Map<string, string>();

  constructor(
    private readonly core: SessionCore,
    key: JsonWebKey | string | CryptoKey | undefined,
  ) {
    // A key that does not import leaves every claim ignored (counted as malformed), never a crash.
    if (key) this.key = importTierKey(key).catch(() => null as unknown as CryptoKey);
  }

  async check(viewer: string, token: string): Promise<void> {
    const { core } = this;
    if (!core.isHost || this.checked.get(viewer) === token) return;
    this.checked.set(viewer, token);
    if (this.checked.size > 100_000) this.checked.delete(this.checked.keys().next().value as string);
    const key = this.key ? await this.key : null;
    const result = key ? await verifyTierClaim(token, key, viewer, core.clock.now()) : 'malformed';
    if (core.closed) return;
    if (typeof result === 'string') {
      core.ledger.tierRefusals[result]++;
      return;
    }
    core.ledger.tiers.set(viewer, result.tier);
    if (tierOf(core.state, viewer) !== result.tier) core.act('tier', { viewer, tier: result.tier });
  }
}
