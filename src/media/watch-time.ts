/**
 * Watch time as the events layer wants it: seconds that were both *visible* (the player on screen —
 * IntersectionObserver — and the page not hidden) and *playing*. The tracker is fed those facts
 * and reports through `report(type, props)` (the player passes `session.track`):
 * - `session_start {}` the first time the player plays;
 * - `heartbeat { seconds }` at most every `everyMs` (15 s) while counting, and at once when counting
 *   stops (pause, hidden, scrolled away) or the player goes away (`flush()`), for the seconds not yet
 *   reported. Seconds are whole; the remainder carries over to the next report.
 */
export interface WatchTimeOptions {
  report: (type: 'session_start' | 'heartbeat', props: Record<string, unknown>) => void;
  /** Longest time between heartbeats while watching, in ms. Default 15 s. */
  everyMs?: number;
  now?: () => number;
}

export class WatchTimeTracker {
  private visible = false;
  private pageVisible = true;
  private playing = false;
  private started = false;
  /** When the current counting stretch began (null while not counting). */
  private since: number | null = null;
  /** Counted ms not yet reported. */
  private unreported = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly everyMs: number;
  private readonly now: () => number;

  constructor(private readonly options: WatchTimeOptions) {
    this.everyMs = options.everyMs ?? 15_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Whether the player is on screen (IntersectionObserver). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.changed();
  }
  /** Whether the page is visible (`document.visibilityState`). */
  setPageVisible(visible: boolean): void {
    this.pageVisible = visible;
    this.changed();
  }
  setPlaying(playing: boolean): void {
    if (playing && !this.started) {
      this.started = true;
      this.options.report('session_start', {});
    }
    this.playing = playing;
    this.changed();
  }

  get counting(): boolean {
    return this.visible && this.pageVisible && this.playing;
  }

  /** Seconds counted so far (reported and not). */
  get pendingMs(): number {
    return this.unreported + (this.since === null ? 0 : this.now() - this.since);
  }

  /** Reports what is pending (player removed, page hidden). Keeps counting if it still should. */
  flush(): void {
    this.collect();
    this.emit();
  }

  /** Stops for good: reports what is pending, clears the timer. */
  dispose(): void {
    this.playing = false;
    this.stop();
  }

  private changed(): void {
    if (this.counting && this.since === null) {
      this.since = this.now();
      clearInterval(this.timer);
      this.timer = setInterval(() => this.flush(), this.everyMs);
    } else if (!this.counting && this.since !== null) {
      this.stop();
    }
  }

  /** Counts the running stretch, stops the ticker and reports what was collected. */
  private stop(): void {
    this.collect();
    this.since = null;
    clearInterval(this.timer);
    this.timer = undefined;
    this.emit();
  }

  private collect(): void {
    if (this.since === null) return;
    const now = this.now();
    this.unreported += now - this.since;
    this.since = this.counting ? now : null;
  }

  private emit(): void {
    const seconds = Math.floor(this.unreported / 1000);
    if (seconds < 1) return;
    this.unreported -= seconds * 1000;
    this.options.report('heartbeat', { seconds });
  }
}
