/**
 * Keeps every screen in step with the host: host messages apply strictly in sequence (a gap holds
 * later ones and asks for a snapshot), the host answers hellos (one broadcast snapshot for a
 * burst of them) and re-publishes a compact snapshot every 15 s, the channel storage gives late
 * joiners the state before anyone answers, and viewers sync their clock to the host's.
 */
import { nextTask } from '../utilities/next-task.js';
import { MAX_SNAPSHOT_BYTES, encode, newEpoch, parseMessage, type Inbound } from './protocol.js';
import type { SessionCore } from './session-core.js';
import { isTransportError, transportError, type TransportError, type TransportStatus } from '../transports/transport.js';

/** Channel-storage key of the host's snapshot. */
export const SNAPSHOT_KEY = 'linger-snapshot';

/** Viewer messages held while an earlier host message is missing. */
const PENDING_LIMIT = 256;
/** The host answers this many hellos a second one by one; beyond, one broadcast snapshot answers all. */
const HELLO_ANSWERS = { burst: 5, perSecond: 5 };
/** Clock answers the host sends per second at most (its client may send 60 messages/s in all). */
const CLOCK_ANSWERS = { burst: 20, perSecond: 20 };
/** How long after a write the host writes its snapshot to channel storage (one write for a burst of actions). */
const STORAGE_WRITE_DELAY_MS = 1000;

export interface SyncOptions {
  /** How often the host re-publishes a compact snapshot (ms). */
  snapshotEveryMs: number;
  /** Shortest time between two snapshot requests from one viewer (ms). */
  helloEveryMs: number;
  /** How often a viewer re-syncs its clock (ms). */
  clockSyncEveryMs: number;
}

export class ShowSync {
  private readonly pending = new Map<number, Inbound>();
  private wasConnected = false;

  constructor(
    private readonly core: SessionCore,
    private readonly options: SyncOptions,
  ) {
    core.afterAct.push(() => this.scheduleStorageWrite());
  }

  /** After connect: the host starts a new epoch, everyone restores from storage and starts syncing. */
  async start(): Promise<void> {
    const { core } = this;
    if (core.isHost) {
      core.epoch = newEpoch(core.clock.now());
      core.state$.set({ ...core.state, epoch: core.epoch, hostSeq: 0 });
    }
    await this.restoreFromStorage();
    if (core.closed) return;
    if (core.isHost) {
      this.publishSnapshot();
      this.scheduleStorageWrite();
      core.timers.every(() => this.publishSnapshot(), this.options.snapshotEveryMs);
    } else {
      // Elements redraw for "connected" in the task that connected; hello and ping go in the next
      // one, to keep both short on a slow phone (issue 14).
      await nextTask();
      if (core.closed) return;
      this.syncWithHost();
      this.scheduleClockSync();
    }
  }

  /** The transport's status changed: back from a drop, viewers re-sync and the host re-publishes. */
  statusChanged(status: TransportStatus, error?: TransportError): void {
    const { core } = this;
    core.status$.set(status);
    if (error) core.error$.set(error);
    if (status !== 'connected') return;
    if (!error) core.error$.set(null);
    if (this.wasConnected && !core.closed) {
      if (core.isHost) this.publishSnapshot();
      else this.syncWithHost();
    }
    this.wasConnected = true;
  }

  /** A sequenced host message: applied in order, held when early, dropped when already applied. */
  receiveSequenced(message: Inbound): void {
    const state = this.core.state;
    if (message.ep !== state.epoch) {
      // A host session we have no snapshot of yet: keep the message, ask for the state.
      this.hold(message);
      return;
    }
    if (message.seq! <= state.hostSeq) {
      this.core.stats.duplicates++;
      return;
    }
    if (message.seq! > state.hostSeq + 1) {
      this.core.stats.gaps++;
      this.hold(message);
      return;
    }
    this.core.apply(message);
    this.drainPending();
  }

  /** A snapshot (broadcast or direct): applied, then whatever was held and is now next. */
  receiveSnapshot(message: Inbound): void {
    this.core.apply(message);
    this.drainPending();
  }

  /** Viewer: asks the host(s) for a snapshot, at most once per `helloEveryMs`. */
  requestSnapshot(): void {
    const { core } = this;
    if (core.isHost || core.closed) return;
    if (core.pace.take('hello', this.helloPace, 1, core.clock.localNow()) === 0) return;
    const hello = core.envelope('hello', core.tierClaim ? { seq: core.state.hostSeq, tier: core.tierClaim } : { seq: core.state.hostSeq });
    for (const host of core.hosts) void core.send(hello, host);
  }

  /** Host: answers one hello directly; a burst of them gets one broadcast snapshot instead. */
  answerHello(viewer: string): void {
    const { core } = this;
    if (!core.isHost) return;
    if (core.pace.take('hello-answers', HELLO_ANSWERS, 1, core.clock.localNow()) === 1) {
      void core.send(core.snapshotEnvelope(), viewer);
      return;
    }
    core.timers.once('snapshot-broadcast', () => this.publishSnapshot(), 250);
  }

  /** Host: publishes the snapshot to every viewer. */
  publishSnapshot(): void {
    if (this.core.isHost && !this.core.closed) void this.core.send(this.core.snapshotEnvelope());
  }

  /** Host: answers a clock ping within its budget (an unanswered viewer asks again later). */
  answerPing(viewer: string, t0: number): void {
    const { core } = this;
    if (!core.isHost || core.pace.take('clock-answers', CLOCK_ANSWERS, 1, core.clock.localNow()) === 0) return;
    void core.send(core.envelope('time.pong', { t0, t1: Math.round(core.clock.now()) }), viewer);
  }

  private get helloPace() {
    return { burst: 1, perSecond: 1000 / Math.max(1, this.options.helloEveryMs) };
  }

  private hold(message: Inbound): void {
    if (this.pending.size >= PENDING_LIMIT) this.pending.delete(this.pending.keys().next().value as number);
    this.pending.set(message.seq!, message);
    this.requestSnapshot();
  }

  /** Applies held host messages that are now next in sequence; forgets the stale ones. */
  private drainPending(): void {
    for (;;) {
      const state = this.core.state;
      for (const [seq, held] of this.pending) if (seq <= state.hostSeq || held.ep !== state.epoch) this.pending.delete(seq);
      const next = this.pending.get(state.hostSeq + 1);
      if (!next) return;
      this.pending.delete(state.hostSeq + 1);
      this.core.apply(next);
    }
  }

  private syncWithHost(): void {
    this.core.pace.reset('hello');
    this.requestSnapshot();
    this.pingHosts();
    // A second ping soon after: the best of two round trips is a tighter offset.
    this.core.timers.later(() => this.pingHosts(), 500);
  }

  /**
   * Re-syncs the clock now and then: every `clockSyncEveryMs`, stretched with the audience (one
   * ping per 100 ms of audience) so a large show's pings stay inside the host's answer budget, and
   * sooner while no answer has come yet. Jittered so viewers do not ping in step.
   */
  private scheduleClockSync(): void {
    const { core } = this;
    const audience = core.presence$.get() ?? 1;
    const base = Math.max(this.options.clockSyncEveryMs, audience * 100);
    const wait = core.clock.uncertainty === Infinity ? 2_000 + Math.random() * 8_000 : base * (0.75 + Math.random() * 0.5);
    core.timers.later(() => {
      this.pingHosts();
      this.scheduleClockSync();
    }, wait);
  }

  private pingHosts(): void {
    const ping = this.core.envelope('time.ping', { t0: Math.round(this.core.clock.localNow()) });
    for (const host of this.core.hosts) void this.core.send(ping, host);
  }

  /** Late joiner: the storage snapshot gives the state before the host answers hello. */
  private async restoreFromStorage(): Promise<void> {
    const { core } = this;
    this.wasConnected = true;
    const storage = core.transport.storage;
    if (!storage) return;
    let stored;
    try {
      stored = await storage.read(SNAPSHOT_KEY);
    } catch {
      return;
    }
    if (!stored || core.closed) return;
    // Only a host's write counts: storage is writable by any peer with a token.
    const author = stored.authorId ?? '';
    if (!core.hosts.has(author)) return;
    const parsed = parseMessage(stored.value, author, (id) => core.hosts.has(id), false);
    if (!parsed.ok || parsed.message.type !== 'snapshot') return;
    if (core.isHost) {
      // A reloaded host resumes the show where it was, in a new epoch.
      core.state$.set({ ...core.state, ...(parsed.message as Inbound<'snapshot'>).body.state, epoch: core.epoch, hostSeq: 0 });
    } else core.apply(parsed.message);
  }

  private scheduleStorageWrite(): void {
    const { core } = this;
    const storage = core.transport.storage;
    if (!storage || !core.isHost) return;
    core.timers.once(
      'storage-write',
      () => {
        try {
          storage.write(SNAPSHOT_KEY, encode(core.snapshotEnvelope(), MAX_SNAPSHOT_BYTES)).catch((error: unknown) => {
            core.error$.set(isTransportError(error) ? error : transportError('storage-failed', String(error), error));
          });
        } catch (error) {
          core.error$.set(transportError('message-too-large', (error as Error).message, error));
        }
      },
      STORAGE_WRITE_DELAY_MS,
    );
  }
}
