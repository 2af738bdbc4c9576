/**
 * The session's one ticker: every delayed or repeated task of a session goes through here, so
 * closing the session stops all of them at once, and a keyed task ("publish the tally within a
 * second") is never scheduled twice.
 */
export class Timers {
  private readonly running = new Set<ReturnType<typeof setTimeout>>();
  private readonly keyed = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;

  /** Runs `task` once after `ms`. */
  later(task: () => void, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.running.delete(timer);
      if (!this.stopped) task();
    }, ms);
    this.running.add(timer);
  }

  /** Runs `task` every `ms`. */
  every(task: () => void, ms: number): void {
    if (this.stopped) return;
    const timer = setInterval(() => !this.stopped && task(), ms);
    this.running.add(timer);
  }

  /** Runs `task` after `ms` unless a task with this key is already waiting. */
  once(key: string, task: () => void, ms: number): void {
    if (this.stopped || this.keyed.has(key)) return;
    this.keyed.set(
      key,
      setTimeout(() => {
        this.keyed.delete(key);
        if (!this.stopped) task();
      }, ms),
    );
  }

  /** True while a keyed task waits. */
  pending(key: string): boolean {
    return this.keyed.has(key);
  }

  /** Cancels a keyed task. */
  cancel(key: string): void {
    clearTimeout(this.keyed.get(key));
    this.keyed.delete(key);
  }

  /** Stops everything, for good. */
  stop(): void {
    this.stopped = true;
    // Timeouts and intervals share one id space in browsers and Node; clearTimeout clears either.
    for (const timer of this.running) clearTimeout(timer);
    for (const timer of this.keyed.values()) clearTimeout(timer);
    this.running.clear();
    this.keyed.clear();
  }
}
