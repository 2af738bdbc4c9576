/**
 * A clock synchronised to the host's, so every screen counts down to the same second whatever
 * its own clock says.
 *
 * Cristian's algorithm over the room's transport: the viewer sends `time.ping {t0}` (its local
 * time), the host answers `time.pong {t0, t1}` (host time), the viewer reads t3 on arrival.
 * offset = t1 − (t0 + t3) / 2, with an error of at most half the round trip; the sample with the
 * smallest round trip among the recent ones wins. Until the first answer, the `at` stamp of a host
 * message gives a rough offset (error = one-way latency).
 */
export interface ClockSample {
  offset: number;
  roundTrip: number;
}

export class SyncedClock {
  private samples: ClockSample[] = [];
  private rough: number | null = null;
  private listeners = new Set<() => void>();

  /** @param localNow the device clock (injectable so tests can skew it). */
  constructor(readonly localNow: () => number = () => Date.now()) {}

  /** Milliseconds to add to the local clock to get host time. */
  get offset(): number {
    const best = this.best();
    return best ? best.offset : (this.rough ?? 0);
  }

  /** Worst-case error of the offset in ms, or `Infinity` before any round trip. */
  get uncertainty(): number {
    const best = this.best();
    return best ? best.roundTrip / 2 : Infinity;
  }

  /** Host time now. */
  now(): number {
    return this.localNow() + this.offset;
  }

  /** Records a ping answer (all times in ms). */
  addSample(t0: number, t1: number, t3: number): void {
    const roundTrip = t3 - t0;
    if (!Number.isFinite(roundTrip) || roundTrip < 0 || roundTrip > 60_000) return;
    this.samples = [...this.samples.slice(-7), { offset: t1 - (t0 + t3) / 2, roundTrip }];
    this.changed();
  }

  /** A host message stamped `at` (host time) arrived now: a rough offset until a ping returns. */
  observeHostStamp(at: number): void {
    if (this.samples.length > 0) return;
    const rough = at - this.localNow();
    // Keep the largest: latency only ever makes a stamp look older than it is.
    if (this.rough === null || rough > this.rough) {
      this.rough = rough;
      this.changed();
    }
  }

  /** The host's own clock is the reference: it never syncs. */
  reset(): void {
    this.samples = [];
    this.rough = null;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private best(): ClockSample | undefined {
    let best: ClockSample | undefined;
    for (const sample of this.samples) if (!best || sample.roundTrip < best.roundTrip) best = sample;
    return best;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Whole seconds left until `target` (host time), never negative; what every countdown shows. */
export function secondsLeft(target: number, hostNow: number): number {
  return Math.max(0, Math.ceil((target - hostNow) / 1000));
}
