import type { LingerEvent } from './types.js';

/**
 * Where viewer events go. `<linger-room>` hands every consented event to each sink's `accept`;
 * `flush` is called when the page hides (`final: true`: the page may be about to go away, so use
 * `keepalive`/`sendBeacon` and persist what is left).
 */
export interface EventSink {
  /** Takes one event. Must not throw and must not block: queue and return. */
  accept(event: LingerEvent): void;
  /** Sends what is queued now. */
  flush?(options?: { final?: boolean }): void | Promise<void>;
  /** Stops timers; queued events stay persisted where the sink persists them. */
  close?(): void;
}

/** Time and timers, injectable so tests and benchmarks can run on a virtual clock. */
export interface Scheduler {
  now(): number;
  setTimeout(task: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (task, ms) => setTimeout(task, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A sink that calls your function with each event (or with batches, if `batch` is set):
 * `room.addSink(new CallbackSink((event) => myAnalytics.track(event.type, event)))`.
 */
export class CallbackSink implements EventSink {
  constructor(private readonly callback: (event: LingerEvent) => void) {}
  accept(event: LingerEvent): void {
    try {
      this.callback(event);
    } catch (error) {
      console.error('[linger] event callback failed', error);
    }
  }
}
