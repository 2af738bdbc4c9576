/**
 * Per-sender allowances applied on receipt. Honest clients pace themselves (slow mode, aggregated
 * likes, one request per action); a modified client that ignores its own budget is clipped by every
 * screen that receives it, so a flood or a 1,000-likes-a-second script changes nothing beyond what an
 * honest viewer could do. Token buckets, one per sender and kind, in a bounded map.
 *
 * Not a defence against one attacker using many ids (Sybil): with tokens each id costs the attacker
 * an Agora login; docs/security.md says what that does and does not stop.
 */

export type LimitedKind = 'chat' | 'likes' | 'request' | 'hello';

interface Allowance {
  /** Most units a sender may spend at once. */
  burst: number;
  /** Units a sender earns per second. */
  perSecond: number;
}

/**
 * Generous to honest clients (timers drift, tabs wake up late), tight against scripts:
 * - chat: an honest viewer sends one message per slow-mode interval (≥ 1 s); three in a burst are let through.
 * - likes: a fast human taps ~10 times a second; 20/s sustained, 30 s of taps in one aggregated batch.
 * - request: lottery entries, quiz answers, claims — each is one tap; repeats are answered from the ledger anyway.
 * - hello: snapshot requests after a gap; the session asks at most every 2 s.
 */
export const RECEIVE_ALLOWANCES: Record<LimitedKind, Allowance> = {
  chat: { burst: 3, perSecond: 1 },
  likes: { burst: 600, perSecond: 20 },
  request: { burst: 10, perSecond: 1 },
  hello: { burst: 3, perSecond: 0.5 },
};
/** Honest clients' timers drift; the chat refill is this much faster than the slow-mode interval. */
const SLOW_MODE_TOLERANCE = 0.8;
/** Senders remembered at once; the least recently heard is forgotten first. */
const MAX_TRACKED = 20_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class SenderLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxTracked = MAX_TRACKED) {}

  /**
   * Spends up to `amount` units of `sender`'s allowance for `kind` at time `now` (ms) and returns
   * how many were granted (0 … amount). `slowModeSeconds` stretches the chat refill to the host's
   * slow mode.
   */
  take(kind: LimitedKind, sender: string, amount: number, now: number, slowModeSeconds = 0): number {
    const allowance = RECEIVE_ALLOWANCES[kind];
    const perSecond = kind === 'chat' ? allowance.perSecond / (Math.max(1, slowModeSeconds) * SLOW_MODE_TOLERANCE) : allowance.perSecond;
    const key = `${kind}\u0000${sender}`;
    const bucket = this.buckets.get(key) ?? { tokens: allowance.burst, at: now };
    // Re-inserting keeps the map in least-recently-heard order for eviction.
    this.buckets.delete(key);
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(allowance.burst, bucket.tokens + elapsed * perSecond);
    bucket.at = now;
    const granted = Math.max(0, Math.min(Math.floor(amount), Math.floor(bucket.tokens)));
    bucket.tokens -= granted;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxTracked) this.buckets.delete(this.buckets.keys().next().value as string);
    return granted;
  }

  /** Senders currently tracked (for tests and stats). */
  get size(): number {
    return this.buckets.size;
  }
}
