// Token buckets per key (a client address, a viewer id): `rate` events per second, up to `burst`
// at once. Bounded: at most `maxKeys` buckets; the least recently used go first (a forgotten key
// starts again with a full bucket, which only ever errs on the side of accepting).

export class TokenBuckets {
  /** @param {{ rate: number, burst: number, maxKeys?: number, now?: () => number }} options */
  constructor({ rate, burst, maxKeys = 100_000, now = () => performance.now() }) {
    this.rate = rate;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.now = now;
    /** @type {Map<string, {tokens: number, at: number}>} */
    this.buckets = new Map();
  }

  /** @param {string} key @param {number} [now]  one clock reading for a whole batch's keys */
  level(key, now = this.now()) {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.burst;
    return Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
  }

  /**
   * Seconds until `n` tokens are there (0 = now). More than the burst can never be had at once:
   * Infinity.
   * @param {string} key
   * @param {number} n
   * @param {number} [now]
   */
  wait(key, n, now = this.now()) {
    if (n > this.burst) return Infinity;
    const missing = n - this.level(key, now);
    return missing <= 0 ? 0 : missing / this.rate;
  }

  /** @param {string} key @param {number} n @param {number} [now] */
  take(key, n, now = this.now()) {
    const tokens = this.level(key, now) - n;
    this.buckets.delete(key); // re-inserted last: Map order is the LRU order
    this.buckets.set(key, { tokens, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value);
  }
}
