/**
 * What every part of a session shares: the transport, the stores, the host ledger and secrets, the
 * timers and the one way to build, send, apply and announce a message. The parts (sync, host
 * requests, lottery, quiz) each get this core; `RoomSession` is the façade over all of them.
 * docs/architecture.md follows one comment through these pieces.
 */
import { atom } from 'nanostores';
import type { Transport, TransportError, TransportStatus } from '../transports/transport.js';
import { isTransportError, transportError, utf8Length } from '../transports/transport.js';
import { MAX_MESSAGE_BYTES, MAX_SNAPSHOT_BYTES, PROTOCOL_VERSION, checkBody, encode, randomId, type BodyOf, type DropReason, type Envelope, type Inbound, type MessageType } from './protocol.js';
import { initialState, reduce, toSnapshot, type ShowState } from './state.js';
import { SyncedClock } from './clock.js';
import { HostLedger } from './ledger.js';
import { RateLimiter } from './sender-limits.js';
import { Timers } from './timers.js';
import { initialViewerRecord, reduceViewer, type ViewerEvent, type ViewerRecord } from './viewer-record.js';

export interface SessionStats {
  received: number;
  applied: number;
  duplicates: number;
  gaps: number;
  dropped: Record<DropReason, number>;
}

/** Host-private secrets, by lottery or quiz id: the draw's seed, the quiz's salt and answer. */
export interface HostSecret {
  seed?: string;
  salt?: string;
  correct?: number;
}

type Listener<A extends unknown[]> = (...args: A) => void;

/** Calls each listener; one that throws is logged and does not stop the others. */
function callAll<A extends unknown[]>(listeners: Iterable<Listener<A>>, what: string, ...args: A): void {
  for (const listener of listeners) {
    try {
      listener(...args);
    } catch (error) {
      console.error(`[linger] ${what} listener failed`, error);
    }
  }
}

export class SessionCore {
  readonly hosts: ReadonlySet<string>;
  readonly clock: SyncedClock;
  /** Host-private record of entries, answers and claims (empty on viewers). */
  readonly ledger = new HostLedger();
  readonly secrets = new Map<string, HostSecret>();
  readonly timers = new Timers();
  /** Paces what this screen sends (its own chat and hellos, the host's answers). */
  readonly pace = new RateLimiter(64);
  readonly stats: SessionStats = {
    received: 0,
    applied: 0,
    duplicates: 0,
    gaps: 0,
    dropped: { oversized: 0, malformed: 0, version: 0, 'unknown-type': 0, unauthorized: 0, invalid: 0, misrouted: 0, 'other-room': 0, 'rate-limited': 0 },
  };
  readonly state$ = atom<ShowState>(initialState());
  readonly viewer$ = atom<ViewerRecord>(initialViewerRecord());
  readonly status$ = atom<TransportStatus>('idle');
  readonly presence$ = atom<number | null>(null);
  readonly error$ = atom<TransportError | null>(null);
  hostSeq = 0;
  epoch = '';
  /** Viewer: the merchant's signed tier claim, sent with every hello (docs/tiers.md). */
  tierClaim: string | undefined;
  closed = false;
  private readonly messageListeners = new Set<(message: Inbound) => void>();
  private readonly trackListeners = new Set<(type: string, props: Record<string, unknown>) => void>();
  private readonly appliedHooks: Array<(message: Inbound) => void> = [];

  constructor(
    readonly transport: Transport,
    hosts: readonly string[],
    localNow?: () => number,
  ) {
    this.hosts = new Set(hosts);
    this.clock = new SyncedClock(localNow);
  }

  get state(): ShowState {
    return this.state$.get();
  }
  get viewer(): ViewerRecord {
    return this.viewer$.get();
  }
  get userId(): string {
    return this.transport.userId;
  }
  get isHost(): boolean {
    return this.hosts.has(this.transport.userId);
  }
  /** Largest message this room's transport carries (never above the protocol's limit). */
  get maxMessageBytes(): number {
    return Math.min(MAX_MESSAGE_BYTES, this.transport.maxPayloadBytes || MAX_MESSAGE_BYTES);
  }

  /** Records what this screen did or was told (the pure `reduceViewer`). */
  viewerDid(event: ViewerEvent): void {
    const next = reduceViewer(this.viewer, event);
    if (next !== this.viewer) this.viewer$.set(next);
  }

  envelope<T extends MessageType>(type: T, body: BodyOf<T>, seq?: number): Envelope<T> {
    const envelope: Envelope<T> = { v: PROTOCOL_VERSION, type, id: randomId(), at: Math.round(this.clock.now()), body };
    if (seq !== undefined) {
      envelope.seq = seq;
      envelope.ep = this.epoch;
    }
    return envelope;
  }

  /**
   * Sends to everyone, or to one peer (`to`): a direct message names this room, so another room of
   * the same user on the page drops it. Resolves `true` once the transport took it; a lost send is
   * repaired by snapshots and never surfaces as an unhandled rejection.
   */
  send(envelope: Envelope, to?: string): Promise<boolean> {
    let raw: string;
    try {
      const addressed = to === undefined ? envelope : { ...envelope, room: this.transport.channel };
      raw = encode(addressed, envelope.type === 'snapshot' ? MAX_SNAPSHOT_BYTES : this.maxMessageBytes);
    } catch (error) {
      this.error$.set(transportError('message-too-large', (error as Error).message, error));
      return Promise.resolve(false);
    }
    let sent: Promise<void>;
    try {
      sent = to === undefined ? this.transport.publish(raw) : this.transport.sendTo(to, raw);
    } catch (error) {
      sent = Promise.reject(error);
    }
    return sent.then(
      () => true,
      (error: unknown) => {
        if (!this.closed) this.error$.set(isTransportError(error) ? error : transportError('send-failed', String(error), error));
        return false;
      },
    );
  }

  /**
   * Publishes a host message: checked against its schema (throws a clear TypeError on bad input)
   * and against the size limits (RangeError, nothing applied or sent), sequenced, applied locally,
   * sent to every viewer. Throws when this peer is not a host.
   */
  act<T extends MessageType>(type: T, body: BodyOf<T>): Envelope<T> {
    if (!this.isHost) throw new Error(`[linger] "${this.userId}" is not a host of this room; "${type}" was not sent.`);
    const checked = checkBody(type, body);
    const envelope = this.envelope(type, checked, this.hostSeq + 1);
    this.checkFits(envelope);
    this.hostSeq++;
    this.applyOwn(envelope);
    void this.send(envelope);
    this.afterAct.forEach((hook) => hook(envelope));
    return envelope;
  }

  /** Told after every host message this screen published (the storage snapshot follows it). */
  readonly afterAct: Array<(envelope: Envelope) => void> = [];

  /** Applies a message this screen wrote itself, as the others will receive it. */
  applyOwn(envelope: Envelope): void {
    this.apply({ ...envelope, sender: this.userId, fromHost: this.isHost, direct: false } as Inbound);
  }

  /**
   * Reduces one checked message into the state, then tells the parts (`onApplied`) and the
   * listeners (`onMessage`). A chat line the reducer refused (block word, deleted, muted) changes
   * nothing anyone draws, so nobody is told about it.
   */
  apply(message: Inbound): void {
    const before = this.state;
    const after = reduce(before, message);
    if (after === before) {
      if (message.type !== 'snapshot') this.stats.duplicates++;
      return;
    }
    this.stats.applied++;
    this.state$.set(after);
    if (message.type === 'chat' && after.chatCount === before.chatCount) return;
    for (const hook of this.appliedHooks) hook(message);
    this.notify(message);
  }

  /** A part's reaction to every applied message (score, draw checks, keyword entries…). */
  onApplied(hook: (message: Inbound) => void): void {
    this.appliedHooks.push(hook);
  }

  notify(message: Inbound): void {
    callAll(this.messageListeners, 'message', message);
  }

  onMessage(listener: (message: Inbound) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  track(type: string, props: Record<string, unknown>): void {
    callAll(this.trackListeners, 'track', type, props);
  }

  onTrack(listener: (type: string, props: Record<string, unknown>) => void): () => void {
    this.trackListeners.add(listener);
    return () => this.trackListeners.delete(listener);
  }

  /** The compact snapshot envelope the host publishes (current seq, not a new one). */
  snapshotEnvelope(): Envelope<'snapshot'> {
    const state = toSnapshot(this.state);
    if (state.lottery) state.lottery = { ...state.lottery, entrants: Math.max(state.lottery.entrants, this.ledger.entrantCount(state.lottery.id)) };
    return this.envelope('snapshot', { state }, this.hostSeq);
  }

  close(): void {
    this.closed = true;
    this.timers.stop();
    this.messageListeners.clear();
    this.trackListeners.clear();
  }

  /**
   * Refuses (RangeError) a host message that would not reach viewers: one over the message limit,
   * or one that would push the snapshot — what late joiners and viewers after a gap rely on — over
   * its 16 KB limit.
   */
  private checkFits(envelope: Envelope): void {
    encode(envelope, this.maxMessageBytes);
    const next = reduce(this.state, { ...envelope, sender: this.userId, fromHost: true, direct: false } as Inbound);
    const snapshot = this.envelope('snapshot', { state: toSnapshot(next) }, envelope.seq);
    const bytes = utf8Length(JSON.stringify(snapshot));
    if (bytes > MAX_SNAPSHOT_BYTES) {
      throw new RangeError(
        `[linger] "${envelope.type}" would make the show state ${bytes} bytes; the limit is ${MAX_SNAPSHOT_BYTES} (late joiners could not get it). Shorten the text or send fewer items.`,
      );
    }
  }
}
