/**
 * One show's live session over one transport: checks what arrives, reduces it into stores, keeps
 * viewers in step with the host (sequence gaps → hello → snapshot; periodic snapshots; storage
 * snapshot for late joiners), syncs the clock, and applies the adaptive send budget to what the
 * local viewer sends. DOM-free: `<linger-room>` wraps it; tests and benchmarks use it directly.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Transport, TransportError, TransportStatus } from '../transports/transport.js';
import { transportError } from '../transports/transport.js';
import {
  MAX_CHAT_LENGTH,
  MAX_SNAPSHOT_BYTES,
  PROTOCOL_VERSION,
  checkBody,
  encode,
  newEpoch,
  parseMessage,
  randomId,
  type BodyOf,
  type DropReason,
  type Envelope,
  type Inbound,
  type MessageType,
} from './protocol.js';
import { chatAllowed, initialState, reduce, toSnapshot, type ShowState } from './state.js';
import { SyncedClock } from './clock.js';
import { chatInterval, likesInterval } from './budget.js';
import { HostLedger } from './ledger.js';

/** Channel-storage key of the host's snapshot. */
export const SNAPSHOT_KEY = 'linger-snapshot';

export interface SessionOptions {
  transport: Transport;
  /** User ids allowed to drive the show. */
  hosts: readonly string[];
  /** The device clock; injectable so tests can skew it. */
  localNow?: () => number;
  /** How often the host re-publishes a compact snapshot (ms). Default 15 s. */
  snapshotEveryMs?: number;
  /** Shortest time between two snapshot requests from one viewer (ms). Default 2 s. */
  helloEveryMs?: number;
  /** How often a viewer re-syncs its clock (ms). Default 30 s. */
  clockSyncEveryMs?: number;
}

export type ChatResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'empty' | 'too-long' | 'slow-mode' | 'muted' | 'blocked' | 'offline'; retryInMs?: number };

export interface SessionStats {
  received: number;
  applied: number;
  duplicates: number;
  gaps: number;
  dropped: Record<DropReason, number>;
}

/** Viewer messages held while an earlier host message is missing. */
const PENDING_LIMIT = 256;
/** Hellos within one second above which the host answers everyone with one broadcast snapshot. */
const HELLO_BURST = 5;

export class RoomSession {
  readonly transport: Transport;
  readonly hosts: ReadonlySet<string>;
  readonly clock: SyncedClock;
  /** Host-private record of entries, answers and claims (empty on viewers). */
  readonly ledger = new HostLedger();
  readonly stats: SessionStats = {
    received: 0,
    applied: 0,
    duplicates: 0,
    gaps: 0,
    dropped: { oversized: 0, malformed: 0, version: 0, 'unknown-type': 0, unauthorized: 0, invalid: 0, misrouted: 0 },
  };

  private readonly state$ = atom<ShowState>(initialState());
  private readonly status$ = atom<TransportStatus>('idle');
  private readonly presence$ = atom<number | null>(null);
  private readonly error$ = atom<TransportError | null>(null);
  private readonly listeners = new Set<(message: Inbound) => void>();
  private readonly trackListeners = new Set<(type: string, props: Record<string, unknown>) => void>();
  private readonly pending = new Map<number, Inbound>();
  private readonly options: Required<Omit<SessionOptions, 'transport' | 'hosts' | 'localNow'>>;
  private readonly cleanups: Array<() => void> = [];
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private hostSeq = 0;
  private epoch = '';
  private lastHelloAt = -Infinity;
  private readonly helloBudget = new RateBudget(HELLO_BURST, 1000);
  private snapshotBroadcastQueued = false;
  /** Clock answers the host sends per second at most (its client may send 60 messages/s in all). */
  private readonly pongBudget = new RateBudget(20, 1000);
  private lastChatAt = -Infinity;
  private pendingLikes = 0;
  private lastLikesAt = -Infinity;
  private likesTimer: ReturnType<typeof setTimeout> | null = null;
  private storageTimer: ReturnType<typeof setTimeout> | null = null;
  private wasConnected = false;
  private closed = false;

  constructor(options: SessionOptions) {
    this.transport = options.transport;
    this.hosts = new Set(options.hosts);
    this.clock = new SyncedClock(options.localNow);
    this.options = {
      snapshotEveryMs: options.snapshotEveryMs ?? 15_000,
      helloEveryMs: options.helloEveryMs ?? 2_000,
      clockSyncEveryMs: options.clockSyncEveryMs ?? 30_000,
    };
  }

  /** The show state; updates on every applied message. */
  get $state(): ReadableAtom<ShowState> {
    return this.state$;
  }
  get $status(): ReadableAtom<TransportStatus> {
    return this.status$;
  }
  /** Peers in the channel, when the transport knows. */
  get $presence(): ReadableAtom<number | null> {
    return this.presence$;
  }
  /** The last transport error, cleared when the connection recovers. */
  get $error(): ReadableAtom<TransportError | null> {
    return this.error$;
  }
  get state(): ShowState {
    return this.state$.get();
  }
  get userId(): string {
    return this.transport.userId;
  }
  /** Decided by the transport's user id, which a token endpoint may assign at connect time. */
  get isHost(): boolean {
    return this.hosts.has(this.transport.userId);
  }

  /** Called with every applied message (after the state changed), e.g. by the events layer. */
  onMessage(listener: (message: Inbound) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Local viewer activity for the events layer — watch time, product clicks, shares. It never goes
   * on the room's transport; sinks (webhook, callback, Shopify) subscribe with `onTrack`.
   */
  track(type: string, props: Record<string, unknown> = {}): void {
    for (const listener of this.trackListeners) {
      try {
        listener(type, props);
      } catch (error) {
        console.error('[linger] track listener failed', error);
      }
    }
  }

  onTrack(listener: (type: string, props: Record<string, unknown>) => void): () => void {
    this.trackListeners.add(listener);
    return () => this.trackListeners.delete(listener);
  }

  /** Joins the channel and starts syncing. Resolves when connected; failures land in `$error`. */
  async connect(): Promise<void> {
    const { transport } = this;
    this.cleanups.push(
      transport.onMessage((data, sender, direct) => this.receive(data, sender, direct)),
      transport.onStatus((status, error) => this.statusChanged(status, error)),
      transport.onPresence((count) => this.presence$.set(count)),
    );
    try {
      await transport.connect();
    } catch (error) {
      const failure = isTransportError(error) ? error : transportError('connect-failed', String(error), error);
      this.error$.set(failure);
      this.status$.set('failed');
      throw failure;
    }
    if (this.closed) return;
    if (this.isHost) {
      this.epoch = newEpoch(this.clock.now());
      this.state$.set({ ...this.state, epoch: this.epoch, hostSeq: 0 });
    }
    this.status$.set(transport.status);
    this.presence$.set(transport.presence);
    await this.restoreFromStorage();
    this.startSyncing();
  }

  /** Leaves the channel, stops every timer, flushes pending likes. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flushLikes();
    this.closed = true;
    // Timers and intervals share one id space in browsers; clearTimeout clears either.
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.likesTimer) clearTimeout(this.likesTimer);
    if (this.storageTimer) clearTimeout(this.storageTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
    this.trackListeners.clear();
    await this.transport.close();
    this.status$.set('closed');
  }

  // ── Viewer actions ──────────────────────────────────────────────────────────────────────────

  /** Sends a chat line, applying slow mode (host's or automatic), mute and block words locally. */
  chat(text: string, extra: { name?: string; locale?: string } = {}): ChatResult {
    const trimmed = String(text ?? '').trim();
    if (!trimmed) return { ok: false, reason: 'empty' };
    if (trimmed.length > MAX_CHAT_LENGTH) return { ok: false, reason: 'too-long' };
    if (this.transport.status !== 'connected') return { ok: false, reason: 'offline' };
    const state = this.state;
    if (state.moderation.muted.includes(this.userId)) return { ok: false, reason: 'muted' };
    if (!chatAllowed(state, this.userId, trimmed)) return { ok: false, reason: 'blocked' };
    const intervalMs = this.isHost ? 0 : chatInterval(this.presence$.get() ?? 1, state.moderation.slowMode) * 1000;
    const now = this.clock.localNow();
    if (now - this.lastChatAt < intervalMs) {
      return { ok: false, reason: 'slow-mode', retryInMs: Math.ceil(intervalMs - (now - this.lastChatAt)) };
    }
    this.lastChatAt = now;
    const body: BodyOf<'chat'> = { text: trimmed };
    if (extra.name) body.name = extra.name.slice(0, 40);
    if (extra.locale) body.locale = extra.locale.slice(0, 35);
    const envelope = this.envelope('chat', body);
    this.applyOwn(envelope);
    this.send(envelope);
    return { ok: true, id: envelope.id };
  }

  /**
   * Counts likes locally at once and sends them aggregated: at most one `likes` message per
   * viewer per interval (1 s, longer in large shows), however fast the viewer taps.
   */
  like(count = 1): void {
    const n = Math.floor(Number(count));
    if (!Number.isFinite(n) || n < 1) return;
    // Bounded so a runaway tapper cannot build an unbounded backlog.
    this.pendingLikes = Math.min(this.pendingLikes + n, 10_000);
    this.scheduleLikes();
  }

  private scheduleLikes(): void {
    if (this.likesTimer || this.pendingLikes === 0 || this.closed) return;
    const wait = Math.max(0, this.lastLikesAt + likesInterval(this.presence$.get() ?? 1) - this.clock.localNow());
    this.likesTimer = setTimeout(() => {
      this.likesTimer = null;
      this.flushLikes();
      this.scheduleLikes();
    }, wait);
  }

  /** Asks the host to enter a lottery (host-directed; the host decides). */
  enter(lotteryId: string): void {
    this.request('enter', { lottery: lotteryId });
  }
  /** Sends a quiz answer to the host (host-directed; the host locks the first one). */
  answer(quizId: string, choice: number): void {
    this.request('answer', { quiz: quizId, choice });
  }
  /** Claims the perk on air (host-directed). */
  claim(perkId: string): void {
    this.request('claim', { perk: perkId });
  }

  // ── Host actions ────────────────────────────────────────────────────────────────────────────

  /**
   * Publishes a host message: checked against its schema (throws a clear TypeError on bad input),
   * sequenced, applied locally, sent to every viewer. Throws when this peer is not a host.
   */
  act<T extends MessageType>(type: T, body: BodyOf<T>): Envelope<T> {
    if (!this.isHost) throw new Error(`[linger] "${this.userId}" is not a host of this room; "${type}" was not sent.`);
    const checked = checkBody(type, body);
    const envelope = this.envelope(type, checked, ++this.hostSeq);
    this.applyOwn(envelope);
    this.send(envelope);
    this.scheduleStorageWrite();
    return envelope;
  }

  /** The compact snapshot envelope the host publishes (current seq, not a new one). */
  snapshotEnvelope(): Envelope<'snapshot'> {
    const state = toSnapshot(this.state);
    if (state.lottery) state.lottery = { ...state.lottery, entrants: Math.max(state.lottery.entrants, this.ledger.entrantCount(state.lottery.id)) };
    return this.envelope('snapshot', { state }, this.hostSeq);
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────

  private envelope<T extends MessageType>(type: T, body: BodyOf<T>, seq?: number): Envelope<T> {
    const envelope: Envelope<T> = { v: PROTOCOL_VERSION, type, id: randomId(), at: Math.round(this.clock.now()), body };
    if (seq !== undefined) {
      envelope.seq = seq;
      envelope.ep = this.epoch;
    }
    return envelope;
  }

  private request<T extends 'enter' | 'answer' | 'claim'>(type: T, body: BodyOf<T>): void {
    const envelope = this.envelope(type, checkBody(type, body));
    for (const host of this.hosts) if (host !== this.userId) this.send(envelope, host);
    if (this.isHost) this.receive(encode(envelope), this.userId, true);
  }

  private applyOwn(envelope: Envelope): void {
    const message = { ...envelope, sender: this.userId, fromHost: this.isHost, direct: false } as Inbound;
    this.apply(message);
  }

  private send(envelope: Envelope, to?: string): void {
    let raw: string;
    try {
      raw = encode(envelope, envelope.type === 'snapshot' ? MAX_SNAPSHOT_BYTES : undefined);
    } catch (error) {
      this.error$.set(transportError('message-too-large', (error as Error).message, error));
      return;
    }
    const sent = to === undefined ? this.transport.publish(raw) : this.transport.sendTo(to, raw);
    // A lost send is repaired by snapshots; it must never surface as an unhandled rejection.
    sent.catch((error: unknown) => {
      if (!this.closed) this.error$.set(isTransportError(error) ? error : transportError('send-failed', String(error), error));
    });
  }

  /** Entry point for every payload the transport delivers. */
  receive(data: unknown, sender: string, direct: boolean): void {
    if (this.closed) return;
    this.stats.received++;
    const parsed = parseMessage(data, sender, (id) => this.hosts.has(id), direct);
    if (!parsed.ok) {
      this.stats.dropped[parsed.reason]++;
      return;
    }
    const message = parsed.message;
    if (message.fromHost && !this.isHost) this.clock.observeHostStamp(message.at);
    if (direct) return this.receiveDirect(message);
    if (message.seq !== undefined && message.type !== 'snapshot') return this.receiveSequenced(message);
    this.apply(message);
    if (message.type === 'snapshot') this.drainPending();
  }

  private receiveDirect(message: Inbound): void {
    const hostNow = this.clock.now();
    switch (message.type) {
      case 'hello':
        if (this.isHost) this.answerHello(message.sender);
        return;
      case 'time.ping':
        // The host answers within its direct-send budget; an unanswered viewer retries later.
        if (this.isHost && this.pongBudget.take(this.clock.localNow())) {
          this.send(this.envelope('time.pong', { t0: (message as Inbound<'time.ping'>).body.t0, t1: Math.round(hostNow) }), message.sender);
        }
        return;
      case 'time.pong': {
        const { t0, t1 } = (message as Inbound<'time.pong'>).body;
        this.clock.addSample(t0, t1, this.clock.localNow());
        return;
      }
      case 'snapshot':
        this.apply(message);
        this.drainPending();
        return;
      default:
        if (this.isHost) this.recordRequest(message, hostNow);
    }
  }

  private recordRequest(message: Inbound, hostNow: number): void {
    const state = this.state;
    let recorded = false;
    if (message.type === 'enter') recorded = this.ledger.enter(state, message.sender, (message as Inbound<'enter'>).body.lottery, hostNow);
    else if (message.type === 'answer') {
      const { quiz, choice } = (message as Inbound<'answer'>).body;
      recorded = this.ledger.answer(state, message.sender, quiz, choice, hostNow);
    } else if (message.type === 'claim') recorded = this.ledger.claim(state, message.sender, (message as Inbound<'claim'>).body.perk);
    if (recorded) this.notify({ ...message, at: Math.round(hostNow) });
  }

  private receiveSequenced(message: Inbound): void {
    const state = this.state;
    if (message.ep !== state.epoch) {
      // A host session we have no snapshot of yet: keep the message, ask for the state.
      this.hold(message);
      return;
    }
    if (message.seq! <= state.hostSeq) {
      this.stats.duplicates++;
      return;
    }
    if (message.seq! > state.hostSeq + 1) {
      this.stats.gaps++;
      this.hold(message);
      return;
    }
    this.apply(message);
    this.drainPending();
  }

  private hold(message: Inbound): void {
    if (this.pending.size >= PENDING_LIMIT) this.pending.delete(this.pending.keys().next().value as number);
    this.pending.set(message.seq!, message);
    this.requestSnapshot();
  }

  /** Applies held host messages that are now next in sequence; forgets the stale ones. */
  private drainPending(): void {
    for (;;) {
      const state = this.state;
      for (const [seq, held] of this.pending) if (seq <= state.hostSeq || held.ep !== state.epoch) this.pending.delete(seq);
      const next = this.pending.get(state.hostSeq + 1);
      if (!next) return;
      this.pending.delete(state.hostSeq + 1);
      this.apply(next);
    }
  }

  private apply(message: Inbound): void {
    const before = this.state;
    const after = reduce(before, message);
    if (after === before) {
      if (message.type !== 'snapshot') this.stats.duplicates++;
      return;
    }
    this.stats.applied++;
    this.state$.set(after);
    this.notify(message);
  }

  private notify(message: Inbound): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        console.error('[linger] message listener failed', error);
      }
    }
  }

  /** Viewer: asks the host(s) for a snapshot, at most once per `helloEveryMs`. */
  requestSnapshot(): void {
    if (this.isHost || this.closed) return;
    const now = this.clock.localNow();
    if (now - this.lastHelloAt < this.options.helloEveryMs) return;
    this.lastHelloAt = now;
    const hello = this.envelope('hello', { seq: this.state.hostSeq });
    for (const host of this.hosts) this.send(hello, host);
  }

  /** Host: answers one hello directly; a burst of them gets one broadcast snapshot instead. */
  private answerHello(viewer: string): void {
    if (this.helloBudget.take(this.clock.localNow())) {
      this.send(this.snapshotEnvelope(), viewer);
      return;
    }
    if (this.snapshotBroadcastQueued) return;
    this.snapshotBroadcastQueued = true;
    this.later(() => {
      this.snapshotBroadcastQueued = false;
      this.publishSnapshot();
    }, 250);
  }

  /** Host: publishes the snapshot to every viewer. */
  publishSnapshot(): void {
    if (this.isHost && !this.closed) this.send(this.snapshotEnvelope());
  }

  private startSyncing(): void {
    if (this.isHost) {
      this.publishSnapshot();
      this.scheduleStorageWrite();
      this.every(() => this.publishSnapshot(), this.options.snapshotEveryMs);
    } else {
      this.syncWithHost();
      this.scheduleClockSync();
    }
  }

  private syncWithHost(): void {
    this.lastHelloAt = -Infinity;
    this.requestSnapshot();
    this.pingHosts();
    // A second ping soon after: the best of two round trips is a tighter offset.
    this.later(() => this.pingHosts(), 500);
  }

  /**
   * Re-syncs the clock now and then: every `clockSyncEveryMs`, stretched with the audience (one
   * ping per 100 ms of audience) so a large show's pings stay inside the host's answer budget, and
   * sooner while no answer has come yet. Jittered so viewers do not ping in step.
   */
  private scheduleClockSync(): void {
    const audience = this.presence$.get() ?? 1;
    const base = Math.max(this.options.clockSyncEveryMs, audience * 100);
    const wait = this.clock.uncertainty === Infinity ? 2_000 + Math.random() * 8_000 : base * (0.75 + Math.random() * 0.5);
    this.later(() => {
      this.pingHosts();
      this.scheduleClockSync();
    }, wait);
  }

  private pingHosts(): void {
    const ping = this.envelope('time.ping', { t0: Math.round(this.clock.localNow()) });
    for (const host of this.hosts) this.send(ping, host);
  }

  private statusChanged(status: TransportStatus, error?: TransportError): void {
    this.status$.set(status);
    if (error) this.error$.set(error);
    if (status !== 'connected') return;
    if (!error) this.error$.set(null);
    // Back from a drop: viewers re-sync, the host re-publishes what viewers may have missed.
    if (this.wasConnected && !this.closed) {
      if (this.isHost) this.publishSnapshot();
      else this.syncWithHost();
    }
    this.wasConnected = true;
  }

  /** Late joiner: the storage snapshot gives the state before the host answers hello. */
  private async restoreFromStorage(): Promise<void> {
    this.wasConnected = true;
    const storage = this.transport.storage;
    if (!storage) return;
    let stored;
    try {
      stored = await storage.read(SNAPSHOT_KEY);
    } catch {
      return;
    }
    if (!stored || this.closed) return;
    // Only a host's write counts: storage is writable by any peer with a token.
    const author = stored.authorId ?? '';
    if (!this.hosts.has(author)) return;
    const parsed = parseMessage(stored.value, author, (id) => this.hosts.has(id), false);
    if (!parsed.ok || parsed.message.type !== 'snapshot') return;
    if (this.isHost) {
      // A reloaded host resumes the show where it was, in a new epoch.
      const restored = { ...this.state, ...(parsed.message as Inbound<'snapshot'>).body.state, epoch: this.epoch, hostSeq: 0 };
      this.state$.set(restored);
    } else this.apply(parsed.message);
  }

  private scheduleStorageWrite(): void {
    const storage = this.transport.storage;
    if (!storage || !this.isHost || this.storageTimer || this.closed) return;
    this.storageTimer = setTimeout(() => {
      this.storageTimer = null;
      try {
        storage.write(SNAPSHOT_KEY, encode(this.snapshotEnvelope(), MAX_SNAPSHOT_BYTES)).catch((error: unknown) => {
          this.error$.set(isTransportError(error) ? error : transportError('storage-failed', String(error), error));
        });
      } catch (error) {
        this.error$.set(transportError('message-too-large', (error as Error).message, error));
      }
    }, 1000);
  }

  private flushLikes(): void {
    if (this.pendingLikes === 0 || this.closed) return;
    const n = Math.min(this.pendingLikes, 1000);
    this.pendingLikes -= n;
    this.lastLikesAt = this.clock.localNow();
    const envelope = this.envelope('likes', { n });
    this.applyOwn(envelope);
    this.send(envelope);
  }

  private later(task: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) task();
    }, ms);
    this.timers.add(timer);
  }

  private every(task: () => void, ms: number): void {
    const timer = setInterval(() => !this.closed && task(), ms);
    this.timers.add(timer);
  }
}

/** A fixed-window budget: at most `limit` takes per `windowMs`. */
class RateBudget {
  private windowStart = -Infinity;
  private used = 0;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  take(now: number): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}

function isTransportError(error: unknown): error is TransportError {
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
