/**
 * The one rate limiter: token buckets keyed by kind and sender, in a bounded map. It clips what a
 * screen receives (per-sender allowances) and paces what a screen sends (its own chat and
 * snapshot requests, the host's answers to hellos, clock pings and entrant-list requests).
 *
 * Honest clients pace themselves (slow mode, aggregated likes, one request per action); a modified
 * client that ignores its own budget is clipped by every screen that receives it, so a flood or a
 * 1,000-likes-a-second script changes nothing beyond what an honest viewer could do.
 *
 * Not a defence against one attacker using many ids (Sybil): with tokens each id costs the attacker
 * an Agora login; docs/security.md says what that does and does not stop.
 */
import type { Inbound, MessageType } from './protocol.js';

export type LimitedKind = 'chat' | 'likes' | 'request' | 'hello' | 'signal';

export interface Allowance {
  /** Most units a key may spend at once. */
  burst: number;
  /** Units a key earns per second. */
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
  /** Local live video (rtc.want / rtc.answer): one of each per connection attempt, attempts back off. */
  signal: { burst: 4, perSecond: 0.5 },
};
/** Which viewer messages count against which allowance. */
const LIMITED_KINDS: Partial<Record<MessageType, LimitedKind>> = { chat: 'chat', likes: 'likes', enter: 'request', answer: 'request', claim: 'request', hello: 'hello', 'rtc.want': 'signal', 'rtc.answer': 'signal',
  'stage.ask': 'request', 'stage.accept': 'request', 'stage.leave': 'request', 'stage.beat': 'hello', 'stage.offer': 'signal' };
/** Honest clients' timers drift; the chat refill is this much faster than the slow-mode interval. */
const SLOW_MODE_TOLERANCE = 0.8;
/** Keys remembered at once; the least recently used is forgotten first. */
const MAX_TRACKED = 20_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets per key; each call names the allowance it spends against. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxTracked = MAX_TRACKED) {}

  /** Spends up to `amount` units of `key`'s bucket at `now` (ms); returns how many were granted (0 … amount). */
  take(key: string, allowance: Allowance, amount: number, now: number): number {
    const bucket = this.refill(key, allowance, now);
    const granted = Math.max(0, Math.min(Math.floor(amount), Math.floor(bucket.tokens)));
    bucket.tokens -= granted;
    return granted;
  }

  /** Milliseconds until `key` has one unit again (0 when it has one now); spends nothing. */
  waitMs(key: string, allowance: Allowance, now: number): number {
    const bucket = this.refill(key, allowance, now);
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / allowance.perSecond) * 1000);
  }

  /** Forgets `key`: its bucket is full again. */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  /** Keys currently tracked (for tests and stats). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, allowance: Allowance, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: allowance.burst, at: now };
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(allowance.burst, bucket.tokens + elapsed * allowance.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxTracked) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket;
  }
}

/** What a screen accepts from each sender, per kind (slow mode stretches the chat refill). */
export class SenderLimits {
  private readonly limiter: RateLimiter;

  constructor(maxTracked = MAX_TRACKED) {
    this.limiter = new RateLimiter(maxTracked);
  }

  /**
   * Spends up to `amount` units of `sender`'s allowance for `kind` at time `now` (ms) and returns
   * how many were granted (0 … amount). `slowModeSeconds` stretches the chat refill to the host's
   * slow mode.
   */
  take(kind: LimitedKind, sender: string, amount: number, now: number, slowModeSeconds = 0): number {
    const allowance = RECEIVE_ALLOWANCES[kind];
    const perSecond = kind === 'chat' ? allowance.perSecond / (Math.max(1, slowModeSeconds) * SLOW_MODE_TOLERANCE) : allowance.perSecond;
    return this.limiter.take(`${kind}\u0000${sender}`, { burst: allowance.burst, perSecond }, amount, now);
  }

  /**
   * Clips a non-host sender to its allowance: chat and requests over it are dropped (`null`), a
   * likes batch is cut to what is left. Host messages are never limited.
   */
  admit(message: Inbound, now: number, slowModeSeconds: number): Inbound | null {
    if (message.fromHost) return message;
    const kind = LIMITED_KINDS[message.type];
    if (!kind) return message;
    if (kind === 'likes') {
      const asked = (message as Inbound<'likes'>).body.n;
      const granted = this.take('likes', message.sender, asked, now);
      if (granted === 0) return null;
      return granted === asked ? message : ({ ...message, body: { n: granted } } as Inbound);
    }
    return this.take(kind, message.sender, 1, now, slowModeSeconds) === 1 ? message : null;
  }

  /** Senders currently tracked (for tests and stats). */
  get size(): number {
    return this.limiter.size;
  }
}
