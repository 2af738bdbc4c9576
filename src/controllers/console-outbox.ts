/**
 * Host actions the console could not send yet. Taken while the room is not connected, an action
 * waits here, visible with a Discard button, and goes out in order once the room has been connected
 * for {@link SETTLE_MS}; one that fails then is refused with its reason. Nothing the operator did is
 * dropped without a word. DOM-free; `S` is the session type (a `RoomSession`).
 */

/** How long a (re)connected room settles before waiting actions go out: a fresh session restores the show from channel storage first. */
export const SETTLE_MS = 1_000;

export interface OutboxItem<S> {
  readonly id: number;
  /** What the operator sees while it waits, e.g. "Open lottery: Silk scarf". */
  readonly label: string;
  /** Sends the action on the session the room has at that time; throws or rejects to refuse. */
  readonly run: (session: S) => unknown;
  /** Called once it went out (e.g. to clear the form it came from). */
  readonly sent?: () => void;
}

export class ActionOutbox<S> {
  private queue: Array<OutboxItem<S>> = [];
  private nextId = 1;
  private connectedSince: number | null = null;
  private flushing = false;

  /** Waiting actions, oldest first. */
  get items(): ReadonlyArray<OutboxItem<S>> {
    return this.queue;
  }

  add(label: string, run: (session: S) => unknown, sent?: () => void): OutboxItem<S> {
    const item: OutboxItem<S> = { id: this.nextId++, label, run, ...(sent ? { sent } : {}) };
    this.queue = [...this.queue, item];
    return item;
  }

  /** Takes one waiting action back (the operator's Discard). */
  discard(id: number): boolean {
    const before = this.queue.length;
    this.queue = this.queue.filter((item) => item.id !== id);
    return this.queue.length !== before;
  }

  clear(): void {
    this.queue = [];
  }

  /** Tells the outbox whether the room is connected at `now`; true once it has been for {@link SETTLE_MS}. */
  observe(connected: boolean, now: number): boolean {
    if (!connected) this.connectedSince = null;
    else if (this.connectedSince === null) this.connectedSince = now;
    return this.connectedSince !== null && now - this.connectedSince >= SETTLE_MS;
  }

  /**
   * Sends every waiting action, in order, on `session`. Each one either goes out (its `sent` runs)
   * or is refused: taken off the queue and handed to `refused` with the error. Returns how many went out.
   */
  async flush(session: S, refused: (item: OutboxItem<S>, error: unknown) => void): Promise<number> {
    if (this.flushing) return 0;
    this.flushing = true;
    let sent = 0;
    try {
      while (this.queue.length > 0) {
        const [item] = this.queue;
        this.queue = this.queue.slice(1);
        try {
          await item!.run(session);
          sent++;
          item!.sent?.();
        } catch (error) {
          refused(item!, error);
        }
      }
    } finally {
      this.flushing = false;
    }
    return sent;
  }
}
