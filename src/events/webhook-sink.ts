/**
 * The webhook sink: POSTs JSON batches (`EventBatch`) to a URL.
 *
 * - Batches by count (`batchSize`) and time: a batch goes `maxWaitMs` after its first event, and never
 *   sooner than `minIntervalMs` after the previous time-triggered request, so a viewer's heartbeats
 *   cost at most one request per 15 s (≤ 4 per viewer-minute) however busy the show.
 * - Retries network errors, timeouts, 5xx and 429 with exponential backoff and full jitter, honouring
 *   `Retry-After`; any other 4xx drops the batch with a console warning (retrying cannot fix it).
 * - Persists unsent events (and those in flight, until acknowledged) in localStorage, one outbox per
 *   page; a later page adopts outboxes whose page closed or went stale and sends them. Delivery is
 *   at least once: collectors deduplicate on `event.id`.
 * - On page hide `flush({final: true})` sends with `fetch(…, {keepalive: true})` (≤ 60 KB per page,
 *   the browser's keepalive quota), falling back to `sendBeacon`; the rest stays persisted.
 * - Storage is bounded (`maxStored` events); the oldest are dropped first and counted, and the count
 *   travels in the next batch's `dropped` field.
 */
import { randomId } from '../core/protocol.js';
import { realScheduler, type EventSink, type Scheduler } from './sink.js';
import type { EventBatch, LingerEvent } from './types.js';
import { safeLocalStorage } from '../utilities/storage.js';

export interface WebhookSinkOptions {
  url: string;
  /** Events per request at most. Default 100. */
  batchSize?: number;
  /** Longest an event waits before its batch goes. Default 15 000 ms. */
  maxWaitMs?: number;
  /** Shortest time between two time-triggered requests. Default 15 000 ms. */
  minIntervalMs?: number;
  /** Events kept (queued + in flight) at most; older ones are dropped and counted. Default 5 000. */
  maxStored?: number;
  /** First retry delay (before jitter). Default 1 000 ms. */
  retryBaseMs?: number;
  /** Longest retry delay. Default 60 000 ms. */
  retryMaxMs?: number;
  /** A request that has not answered after this is aborted and retried. Default 10 000 ms. */
  timeoutMs?: number;
  /** Where the outbox lives. Default `localStorage` (none → memory only). */
  storage?: Storage | null;
  /** Storage key prefix. Default `linger-outbox:<url>`. */
  storageKey?: string;
  /** An outbox whose page has not written for this long is adopted by another page. Default 60 000 ms. */
  staleMs?: number;
  fetch?: typeof fetch;
  scheduler?: Scheduler;
  /** Extra request headers (e.g. an API key of the merchant's collector). */
  headers?: Record<string, string>;
}

export interface WebhookStats {
  accepted: number;
  delivered: number;
  requests: number;
  failures: number;
  rejected: number;
  overflow: number;
  adopted: number;
  storageErrors: number;
}

interface Outbox {
  v: 1;
  open: boolean;
  updated: number;
  dropped: number;
  events: LingerEvent[];
}

/** Bytes a keepalive request body may use (Chrome's quota is 64 KiB for all of a page's keepalive requests). */
const KEEPALIVE_BYTES = 60_000;
const PERSIST_DEBOUNCE_MS = 100;

export class WebhookSink implements EventSink {
  readonly stats: WebhookStats = { accepted: 0, delivered: 0, requests: 0, failures: 0, rejected: 0, overflow: 0, adopted: 0, storageErrors: 0 };
  private readonly o: Required<Omit<WebhookSinkOptions, 'storage' | 'fetch' | 'headers'>> & Pick<WebhookSinkOptions, 'headers'>;
  private readonly storage: Storage | null;
  private readonly fetcher: typeof fetch;
  private readonly key: string;
  private queue: LingerEvent[] = [];
  /** Batches sent and not yet acknowledged: they stay in the outbox. */
  private readonly sending = new Map<string, LingerEvent[]>();
  /** The batch the send loop is working on (retries keep its id). */
  private current: { id: string; events: LingerEvent[]; attempt: number } | null = null;
  private inFlight = false;
  private controller: AbortController | null = null;
  private timer: unknown = null;
  private persistTimer: unknown = null;
  private firstQueuedAt = 0;
  private lastTimedSendAt = -Infinity;
  private dropped = 0;
  private open = true;
  private dead = false;

  constructor(options: WebhookSinkOptions) {
    this.o = {
      url: options.url,
      batchSize: options.batchSize ?? 100,
      maxWaitMs: options.maxWaitMs ?? 15_000,
      minIntervalMs: options.minIntervalMs ?? 15_000,
      maxStored: options.maxStored ?? 5_000,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      retryMaxMs: options.retryMaxMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 10_000,
      storageKey: options.storageKey ?? `linger-outbox:${options.url}`,
      staleMs: options.staleMs ?? 60_000,
      scheduler: options.scheduler ?? realScheduler,
      headers: options.headers,
    };
    this.storage = options.storage !== undefined ? options.storage : safeLocalStorage();
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.key = `${this.o.storageKey}:${randomId(10)}`;
    this.adopt();
    this.schedule();
  }

  /** Events waiting or in flight. */
  get pending(): number {
    let n = this.queue.length;
    for (const events of this.sending.values()) n += events.length;
    if (this.current && !this.sending.has(this.current.id)) n += this.current.events.length;
    return n;
  }

  accept(event: LingerEvent): void {
    if (this.dead) return;
    this.stats.accepted++;
    if (this.queue.length === 0) this.firstQueuedAt = this.o.scheduler.now();
    this.queue.push(event);
    this.trim();
    this.persistSoon();
    this.schedule();
  }

  /**
   * Sends what is queued. `final` (page hide): keepalive requests for up to 60 KB, the outbox written
   * now and marked closed so the next page adopts whatever is not acknowledged.
   */
  flush(options: { final?: boolean } = {}): void {
    if (this.dead) return;
    if (!options.final) {
      if (this.timer !== null && !this.current) {
        this.o.scheduler.clearTimeout(this.timer);
        this.timer = null;
      }
      this.lastTimedSendAt = -Infinity;
      this.firstQueuedAt = -Infinity;
      this.schedule();
      return;
    }
    this.open = false;
    this.sendKeepalive();
    this.persist();
  }

  /** The page is visible again (bfcache restore, tab shown): the outbox is ours again. */
  resume(): void {
    if (this.dead) return;
    this.open = true;
    this.persistSoon();
    this.schedule();
  }

  /** Stops timers; the outbox stays for the next page. */
  close(): void {
    if (this.dead) return;
    this.open = false;
    this.persist();
    this.abandon();
  }

  /** As if the page died now: timers stop, in-flight requests are cancelled, nothing more is written. */
  abandon(): void {
    this.dead = true;
    this.o.scheduler.clearTimeout(this.timer);
    this.o.scheduler.clearTimeout(this.persistTimer);
    this.controller?.abort();
  }

  // ── sending ─────────────────────────────────────────────────────────────────────────────────

  private schedule(): void {
    if (this.dead || this.inFlight || this.timer !== null) return;
    if (this.current) return; // a retry is pending on its own timer
    if (this.queue.length === 0) return;
    const now = this.o.scheduler.now();
    const due = this.queue.length >= this.o.batchSize ? now : Math.max(this.firstQueuedAt + this.o.maxWaitMs, this.lastTimedSendAt + this.o.minIntervalMs);
    this.setTimer(() => {
      if (this.queue.length < this.o.batchSize) this.lastTimedSendAt = this.o.scheduler.now();
      const events = this.queue.splice(0, this.o.batchSize);
      this.firstQueuedAt = this.o.scheduler.now();
      this.current = { id: randomId(12), events, attempt: 0 };
      void this.sendCurrent();
    }, Math.max(0, due - now));
  }

  private setTimer(task: () => void, ms: number): void {
    this.timer = this.o.scheduler.setTimeout(() => {
      this.timer = null;
      if (!this.dead) task();
    }, ms);
  }

  private async sendCurrent(): Promise<void> {
    const current = this.current;
    if (!current || this.dead) return;
    this.inFlight = true;
    this.sending.set(current.id, current.events);
    const controller = new AbortController();
    this.controller = controller;
    const timeout = this.o.scheduler.setTimeout(() => controller.abort(), this.o.timeoutMs);
    const dropped = this.dropped;
    let outcome: 'ok' | 'retry' | 'reject';
    let retryAfterMs = 0;
    try {
      this.stats.requests++;
      const response = await this.fetcher(this.o.url, this.init(this.body(current.id, current.events, dropped), controller.signal, false));
      if (response.ok) outcome = 'ok';
      else if (response.status === 429 || response.status >= 500) {
        outcome = 'retry';
        retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.now());
      } else {
        outcome = 'reject';
        console.warn(`[linger] webhook ${this.o.url} refused ${current.events.length} events with HTTP ${response.status}; dropped them.`);
      }
    } catch {
      outcome = 'retry';
    } finally {
      this.o.scheduler.clearTimeout(timeout);
    }
    if (this.dead) return;
    this.inFlight = false;
    this.controller = null;
    if (outcome === 'retry') {
      this.sending.delete(current.id);
      this.stats.failures++;
      current.attempt++;
      const backoff = Math.random() * Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** (current.attempt - 1));
      const wait = retryAfterMs > 0 ? Math.min(retryAfterMs, 600_000) + Math.random() * this.o.retryBaseMs : backoff;
      this.setTimer(() => void this.sendCurrent(), wait);
      return;
    }
    this.sending.delete(current.id);
    this.current = null;
    if (outcome === 'ok') {
      this.stats.delivered += current.events.length;
      this.dropped -= dropped;
    } else this.stats.rejected += current.events.length;
    this.persistSoon();
    this.schedule();
  }

  private sendKeepalive(): void {
    let bytes = 0;
    const events: LingerEvent[] = [];
    while (this.queue.length) {
      const size = JSON.stringify(this.queue[0]).length + 1;
      if (bytes + size > KEEPALIVE_BYTES - 200) break;
      bytes += size;
      events.push(this.queue.shift()!);
    }
    if (!events.length) return;
    const id = randomId(12);
    this.sending.set(id, events);
    const dropped = this.dropped;
    const body = this.body(id, events, dropped);
    this.stats.requests++;
    const done = (ok: boolean) => {
      if (this.dead) return;
      this.sending.delete(id);
      if (ok) {
        this.stats.delivered += events.length;
        this.dropped -= dropped;
      } else {
        this.stats.failures++;
        this.queue.unshift(...events);
      }
      this.persistSoon();
      this.schedule();
    };
    try {
      this.fetcher(this.o.url, this.init(body, undefined, true)).then(
        (response) => done(response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429)),
        () => done(false),
      );
    } catch {
      // fetch keepalive refused (quota): a beacon is fire-and-forget, so the events stay persisted.
      const beacon = typeof navigator !== 'undefined' && navigator.sendBeacon?.(this.o.url, new Blob([body], { type: 'text/plain' }));
      if (!beacon) done(false);
    }
  }

  private init(body: string, signal: AbortSignal | undefined, keepalive: boolean): RequestInit {
    return {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...this.o.headers },
      body,
      keepalive,
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    };
  }

  private body(id: string, events: LingerEvent[], dropped: number): string {
    const batch: EventBatch = { batch: id, sentAt: Date.now(), events, dropped };
    return JSON.stringify(batch);
  }

  // ── storage ─────────────────────────────────────────────────────────────────────────────────

  private trim(): void {
    const excess = this.pending - this.o.maxStored;
    if (excess <= 0) return;
    const n = Math.min(excess, this.queue.length);
    this.queue.splice(0, n);
    this.dropped += n;
    this.stats.overflow += n;
  }

  private persistSoon(): void {
    if (!this.storage || this.persistTimer !== null || this.dead) return;
    this.persistTimer = this.o.scheduler.setTimeout(() => {
      this.persistTimer = null;
      if (!this.dead) this.persist();
    }, PERSIST_DEBOUNCE_MS);
  }

  /** Writes the outbox now: every unacknowledged event. */
  private persist(): void {
    if (!this.storage || this.dead) return;
    const events: LingerEvent[] = [];
    for (const batch of this.sending.values()) events.push(...batch);
    if (this.current && !this.sending.has(this.current.id)) events.push(...this.current.events);
    events.push(...this.queue);
    try {
      if (events.length === 0 && this.dropped === 0) this.storage.removeItem(this.key);
      else {
        const outbox: Outbox = { v: 1, open: this.open, updated: Date.now(), dropped: this.dropped, events };
        this.storage.setItem(this.key, JSON.stringify(outbox));
      }
    } catch {
      this.stats.storageErrors++;
    }
  }

  /** Takes over the outboxes of closed or stale pages for the same URL. */
  private adopt(): void {
    const storage = this.storage;
    if (!storage) return;
    const prefix = `${this.o.storageKey}:`;
    const keys: string[] = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(prefix) && key !== this.key) keys.push(key);
      }
    } catch {
      return;
    }
    const seen = new Set<string>();
    for (const key of keys) {
      let outbox: Outbox | null = null;
      try {
        outbox = JSON.parse(storage.getItem(key) ?? 'null') as Outbox | null;
      } catch {
        outbox = null;
      }
      if (outbox && outbox.open && Date.now() - outbox.updated < this.o.staleMs) continue; // a live page's
      try {
        storage.removeItem(key);
      } catch {
        // ignore
      }
      if (!outbox || !Array.isArray(outbox.events)) continue;
      for (const event of outbox.events) {
        if (!event || typeof event.id !== 'string' || seen.has(event.id)) continue;
        seen.add(event.id);
        this.queue.push(event);
        this.stats.adopted++;
      }
      this.dropped += Number(outbox.dropped) || 0;
    }
    if (this.queue.length) {
      this.firstQueuedAt = -Infinity; // adopted events are overdue: send them at once
      this.trim();
      this.persist();
    }
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; 0 when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : 0;
}
