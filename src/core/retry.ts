/**
 * The one retry policy for every connection Linger makes (RTM signalling, RTC media, token
 * endpoint): exponential backoff with full jitter up to a ceiling, and an immediate attempt when the
 * browser comes back online or the tab becomes visible again. A viewer whose first connection
 * failed is never given up on; the wait only grows to the ceiling. Only a failure the caller marks
 * permanent (`isPermanentError`: a setup error) stops the retries.
 */

/** First wait after a failure (ms). */
export const RETRY_BASE_MS = 1_000;
/** Longest wait between two attempts (ms). */
export const RETRY_CEILING_MS = 30_000;

/**
 * Wait before attempt `attempt` (1 = the first retry): base · 2^(attempt−1), capped at the ceiling,
 * then jittered into [½, 1] of that so a crowd that failed together does not retry together.
 */
export function retryDelay(attempt: number, random: () => number = Math.random, base = RETRY_BASE_MS, ceiling = RETRY_CEILING_MS): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 20);
  const capped = Math.min(ceiling, base * 2 ** exponent);
  return Math.round(capped * (0.5 + random() / 2));
}

/**
 * Transport error codes that waiting cannot fix: the page's or the merchant's setup is wrong (no or
 * a bad channel, app id or user id, credentials Agora refuses, an SDK the page's CSP blocks — a
 * module that failed to evaluate stays failed until a reload). Retrying them forever only hides the
 * reason; the room shows "cannot reach the show" with it, and a Reconnect tries again on request.
 * A refusal by the token endpoint (`token-forbidden`, HTTP 401/403) is not here: it ends when the
 * host signs in again elsewhere on the page's origin, so it keeps retrying with its reason shown.
 */
export const PERMANENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'missing-channel',
  'invalid-channel',
  'invalid-app-id',
  'invalid-user-id',
  'agora-credentials',
  'agora-duplicate-user',
  'sdk-load-failed',
]);

/** Whether `error` (a transport error) will not heal by retrying. */
export function isPermanentError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && PERMANENT_ERROR_CODES.has(code);
}

export interface RetrySchedulerOptions {
  /** Runs one attempt; resolve on success, reject to schedule the next one. */
  attempt: () => Promise<void>;
  /** A rejection this says is permanent schedules nothing: the scheduler waits for `start()` again. */
  permanent?: (error: unknown) => boolean;
  /** Told when the next attempt is planned (epoch ms), or `null` when none is (connected or stopped). */
  onScheduled?: (retryAt: number | null, attempt: number) => void;
  base?: number;
  ceiling?: number;
  random?: () => number;
  /** Where `online` and `visibilitychange` come from; defaults to the page when there is one. */
  events?: { window?: EventTarget; document?: EventTarget & { visibilityState?: string } };
}

/**
 * Runs `attempt` until it succeeds, waiting `retryDelay()` between failures. `online` and the tab
 * becoming visible cut the wait short. `stop()` cancels everything; `start()` begins again at once.
 */
export class RetryScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private running = false;
  private active = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(private readonly options: RetrySchedulerOptions) {}

  /** Failed attempts since the last success. */
  get attempts(): number {
    return this.failures;
  }

  /** Attempts now, and keeps retrying until one succeeds or `stop()` is called. */
  start(): void {
    this.active = true;
    this.failures = 0;
    this.listen();
    this.runNow();
  }

  /** A failure noticed outside an attempt (a dropped link): retries with backoff from the start. */
  failed(): void {
    if (!this.active) this.start();
    else if (!this.running && this.timer === undefined) this.schedule();
  }

  /** Skips the wait: attempts now when an attempt is planned (e.g. the user pressed Reconnect). */
  now(): void {
    if (this.active && this.timer !== undefined) this.runNow();
  }

  stop(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.options.onScheduled?.(null, this.failures);
  }

  private runNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || !this.active) return;
    this.running = true;
    this.options.onScheduled?.(null, this.failures);
    this.options.attempt().then(
      () => {
        this.running = false;
        this.failures = 0;
      },
      (error: unknown) => {
        this.running = false;
        if (this.active && !this.options.permanent?.(error)) this.schedule();
      },
    );
  }

  private schedule(): void {
    this.failures++;
    const wait = retryDelay(this.failures, this.options.random, this.options.base, this.options.ceiling);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow();
    }, wait);
    this.options.onScheduled?.(Date.now() + wait, this.failures);
  }

  private listen(): void {
    if (this.cleanups.length > 0) return;
    const win = this.options.events?.window ?? (typeof window === 'undefined' ? undefined : window);
    const doc = this.options.events?.document ?? (typeof document === 'undefined' ? undefined : document);
    const retryNow = () => this.now();
    const onVisible = () => {
      if (doc?.visibilityState !== 'hidden') this.now();
    };
    if (win) {
      win.addEventListener('online', retryNow);
      this.cleanups.push(() => win.removeEventListener('online', retryNow));
    }
    if (doc) {
      doc.addEventListener('visibilitychange', onVisible);
      this.cleanups.push(() => doc.removeEventListener('visibilitychange', onVisible));
    }
  }
}
