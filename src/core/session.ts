/**
 * One show's live session over one transport: checks what arrives, reduces it into stores, keeps
 * viewers in step with the host (sequence gaps → hello → snapshot; periodic snapshots; storage
 * snapshot for late joiners), syncs the clock, and applies the adaptive send budget to what the
 * local viewer sends. DOM-free: `<linger-room>` wraps it; tests and benchmarks use it directly.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Transport, TransportError, TransportStatus } from '../transports/transport.js';
import { transportError, utf8Length } from '../transports/transport.js';
import { clip } from './primitives.js';
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
import { SenderLimits, type LimitedKind } from './sender-limits.js';
import { commitmentOf, drawWinners, newSeed, verifyDraw, type DrawCheck, type DrawResult } from './draw.js';
import { matchesKeyword } from './keyword.js';
import { answerHash, newSalt, verifyAnswer } from './quiz-hash.js';
import type { LotteryMode, ReceiptReason } from './protocol.js';

/** What this viewer did and what the host answered — per screen, never published. */
export interface ViewerRecord {
  /** Lottery id → `sent` (waiting for the host), `in` (the host's receipt), or why the host refused. */
  entries: Readonly<Record<string, 'sent' | 'in' | ReceiptReason>>;
  /** Quiz id → the locked choice and what the host said; `correct` once revealed. */
  answers: Readonly<Record<string, { choice: number; status: 'sent' | 'locked' | 'rejected'; reason?: ReceiptReason; correct?: boolean }>>;
  claims: Readonly<Record<string, { status: 'sent' | 'ok' | 'rejected'; reason?: ReceiptReason }>>;
  /** Running quiz score for the show: right answers, and quizzes revealed while this screen watched. */
  score: { right: number; revealed: number };
  /** Visible, playing seconds reported by the player (`track('heartbeat')`). */
  watched: number;
  /** Lottery id → the re-check of its draw on this screen. */
  draws: Readonly<Record<string, DrawCheck>>;
  /** Quiz id → whether the revealed answer matches the hash published with the question. */
  quizChecks: Readonly<Record<string, boolean>>;
}

export interface OpenLotteryOptions {
  id?: string;
  mode: LotteryMode;
  prize: string;
  keyword?: string;
  goal?: number;
  minutes?: number;
  winners?: number;
  /** How long entries stay open, in seconds. */
  seconds: number;
  eligibility?: BodyOf<'lottery.open'>['eligibility'];
}

export interface AskQuizOptions {
  id?: string;
  question: string;
  options: string[];
  correct: number;
  seconds: number;
}

/** Lists up to this many entrants are published after a draw so every screen can re-check it. */
export const PUBLISH_LIST_UP_TO = 20_000;
const LIST_PART_BYTES = 24_000;

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

/** Which viewer messages count against which allowance. */
const LIMITED_KINDS: Partial<Record<MessageType, LimitedKind>> = {
  chat: 'chat',
  likes: 'likes',
  enter: 'request',
  answer: 'request',
  claim: 'request',
  hello: 'hello',
};

/** How many times a viewer asks the host for a draw's entrant list it missed (1, 2, 4, 8 s apart). */
const ENTRANT_LIST_ASKS = 4;

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
  /** Per-sender allowances on receipt: a client that ignores its budget is clipped here. */
  private readonly senderLimits = new SenderLimits();
  readonly stats: SessionStats = {
    received: 0,
    applied: 0,
    duplicates: 0,
    gaps: 0,
    dropped: { oversized: 0, malformed: 0, version: 0, 'unknown-type': 0, unauthorized: 0, invalid: 0, misrouted: 0, 'rate-limited': 0 },
  };

  private readonly state$ = atom<ShowState>(initialState());
  private readonly viewer$ = atom<ViewerRecord>({ entries: {}, answers: {}, claims: {}, score: { right: 0, revealed: 0 }, watched: 0, draws: {}, quizChecks: {} });
  /** Host-private secrets: lottery seeds and quiz answers, by id. */
  private readonly secrets = new Map<string, { seed?: string; salt?: string; correct?: number }>();
  private readonly entrantParts = new Map<string, Map<number, string[]> & { parts?: number }>();
  private readonly verifyRuns = new Map<string, number>();
  private tallyTimer: ReturnType<typeof setTimeout> | null = null;
  private remainingTimer: ReturnType<typeof setTimeout> | null = null;
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
  /** Host: entrant lists re-sent on request, per second, all viewers together (they can be 24 KB a part). */
  private readonly listBudget = new RateBudget(5, 1000);
  /** Host: the last draw's entrant list as published, for viewers that missed parts. */
  private entrantList: { id: string; parts: string[][] } | null = null;
  /** Viewer: lotteries whose missing entrant list is being asked for. */
  private readonly askingEntrants = new Set<string>();
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
  /** This screen's own requests, the host's receipts, score and draw checks. */
  get $viewer(): ReadableAtom<ViewerRecord> {
    return this.viewer$;
  }
  get viewer(): ViewerRecord {
    return this.viewer$.get();
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
    if (type === 'heartbeat' && typeof props.seconds === 'number' && props.seconds > 0) {
      this.updateViewer({ watched: this.viewer.watched + Math.min(props.seconds, 3600) });
      this.autoEnter();
    }
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
    if (this.tallyTimer) clearTimeout(this.tallyTimer);
    if (this.remainingTimer) clearTimeout(this.remainingTimer);
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
    if (extra.name) body.name = clip(extra.name, 40);
    if (extra.locale) body.locale = clip(extra.locale, 35);
    const lottery = state.lottery;
    if (lottery?.status === 'open' && lottery.mode === 'keyword' && lottery.eligibility?.minWatchMinutes) {
      body.watched = Math.min(1_000_000, Math.floor(this.viewer.watched));
    }
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
    const entries = this.viewer.entries;
    if (entries[lotteryId] === 'in') return;
    this.updateViewer({ entries: { ...entries, [lotteryId]: 'sent' } });
    this.request('enter', { lottery: lotteryId, watched: Math.min(1_000_000, Math.floor(this.viewer.watched)) });
  }
  /** Sends a quiz answer to the host (host-directed; the host locks the first one). Locks locally on the first call. */
  answer(quizId: string, choice: number): void {
    if (this.viewer.answers[quizId]) return;
    this.updateViewer({ answers: { ...this.viewer.answers, [quizId]: { choice, status: 'sent' } } });
    this.request('answer', { quiz: quizId, choice });
  }
  /** Claims the perk on air (host-directed). */
  claim(perkId: string): void {
    const claims = this.viewer.claims;
    if (claims[perkId]?.status === 'ok') return;
    this.updateViewer({ claims: { ...claims, [perkId]: { status: 'sent' } } });
    this.request('claim', { perk: perkId });
  }

  private updateViewer(change: Partial<ViewerRecord>): void {
    this.viewer$.set({ ...this.viewer$.get(), ...change });
  }

  /** Watch-time lotteries: enters by itself once the player reported enough watched seconds. */
  private autoEnter(): void {
    const lottery = this.state.lottery;
    if (!lottery || lottery.status !== 'open' || lottery.mode !== 'watch-time' || this.viewer.entries[lottery.id]) return;
    const need = Math.max(lottery.minutes ?? 0, lottery.eligibility?.minWatchMinutes ?? 0) * 60;
    if (this.viewer.watched >= need) this.enter(lottery.id);
  }

  // ── Host actions ────────────────────────────────────────────────────────────────────────────

  /**
   * Publishes a host message: checked against its schema (throws a clear TypeError on bad input),
   * sequenced, applied locally, sent to every viewer. Throws when this peer is not a host.
   */
  act<T extends MessageType>(type: T, body: BodyOf<T>): Envelope<T> {
    if (!this.isHost) throw new Error(`[linger] "${this.userId}" is not a host of this room; "${type}" was not sent.`);
    const checked = checkBody(type, body);
    if (type === 'perk.drop') {
      const drop = checked as BodyOf<'perk.drop'>;
      if (typeof drop.remaining === 'number' && !this.ledger.claimLimits.has(drop.id)) this.ledger.claimLimits.set(drop.id, drop.remaining);
    }
    const envelope = this.envelope(type, checked, this.hostSeq + 1);
    this.checkFits(envelope);
    this.hostSeq++;
    this.applyOwn(envelope);
    this.send(envelope);
    this.scheduleStorageWrite();
    return envelope;
  }

  /**
   * Refuses (RangeError, nothing applied or sent) a host message that would not reach viewers: one
   * over the 32 KB message limit, or one that would push the snapshot — what late joiners and
   * viewers after a gap rely on — over its 16 KB limit.
   */
  private checkFits(envelope: Envelope): void {
    encode(envelope);
    const next = reduce(this.state, { ...envelope, sender: this.userId, fromHost: true, direct: false } as Inbound);
    const snapshot = this.envelope('snapshot', { state: toSnapshot(next) }, envelope.seq);
    const bytes = utf8Length(JSON.stringify(snapshot));
    if (bytes > MAX_SNAPSHOT_BYTES) {
      throw new RangeError(
        `[linger] "${envelope.type}" would make the show state ${bytes} bytes; the limit is ${MAX_SNAPSHOT_BYTES} (late joiners could not get it). Shorten the text or send fewer items.`,
      );
    }
  }

  /** The compact snapshot envelope the host publishes (current seq, not a new one). */
  snapshotEnvelope(): Envelope<'snapshot'> {
    const state = toSnapshot(this.state);
    if (state.lottery) state.lottery = { ...state.lottery, entrants: Math.max(state.lottery.entrants, this.ledger.entrantCount(state.lottery.id)) };
    return this.envelope('snapshot', { state }, this.hostSeq);
  }

  /**
   * Host: opens a lottery with a fresh secret seed; only its SHA-256 commitment is published.
   * Entries close by themselves at `closesAt`.
   */
  async openLottery(options: OpenLotteryOptions): Promise<Envelope<'lottery.open'>> {
    const seed = newSeed();
    const body: BodyOf<'lottery.open'> = {
      id: options.id ?? `lottery-${randomId(8)}`,
      mode: options.mode,
      prize: options.prize,
      winners: options.winners ?? 1,
      closesAt: Math.round(this.clock.now() + options.seconds * 1000),
      commitment: await commitmentOf(seed),
    };
    if (options.keyword !== undefined) body.keyword = options.keyword;
    if (options.goal !== undefined) body.goal = options.goal;
    if (options.minutes !== undefined) body.minutes = options.minutes;
    if (options.eligibility) body.eligibility = options.eligibility;
    if (options.mode === 'like-goal') body.likesFrom = this.state.likes;
    const envelope = this.act('lottery.open', body);
    this.secrets.set(body.id, { seed });
    this.later(() => {
      const lottery = this.state.lottery;
      if (lottery?.id === body.id && lottery.status === 'open') this.closeLottery();
    }, Math.max(0, body.closesAt - this.clock.now()) + 50);
    return envelope;
  }

  /** Host: closes entries of the open lottery (the draw follows with `drawLottery`). */
  closeLottery(): void {
    const lottery = this.state.lottery;
    if (!lottery || lottery.status !== 'open') return;
    this.act('lottery.close', { id: lottery.id, entrants: this.ledger.entrantCount(lottery.id) });
  }

  /**
   * Host: closes entries if needed, draws (sort, digest, pick from the committed seed), publishes the
   * seed, digest and winners, then the sorted list in parts when it has at most `PUBLISH_LIST_UP_TO` ids.
   */
  async drawLottery(claim?: string): Promise<DrawResult> {
    const lottery = this.state.lottery;
    if (!lottery || (lottery.status !== 'open' && lottery.status !== 'closed')) throw new Error('[linger] No open or closed lottery to draw.');
    const seed = this.secrets.get(lottery.id)?.seed;
    if (!seed) throw new Error(`[linger] This host session has no seed for lottery "${lottery.id}" (open it with openLottery()).`);
    if (lottery.status === 'open') this.closeLottery();
    const result = await drawWinners(seed, this.ledger.entrants.get(lottery.id) ?? [], lottery.winners);
    const body: BodyOf<'lottery.draw'> = { id: lottery.id, seed, entrants: result.sorted.length, digest: result.digest, winnerIds: result.winnerIds };
    if (claim) body.claim = claim;
    this.act('lottery.draw', body);
    for (const winner of result.winnerIds) this.ledger.pastWinners.add(winner);
    if (result.sorted.length <= PUBLISH_LIST_UP_TO) this.publishEntrants(lottery.id, result.sorted);
    return result;
  }

  private publishEntrants(id: string, sorted: readonly string[]): void {
    const parts: string[][] = [];
    let current: string[] = [];
    let bytes = 0;
    for (const entrant of sorted) {
      if (current.length >= 5000 || bytes + entrant.length + 3 > LIST_PART_BYTES) {
        parts.push(current);
        current = [];
        bytes = 0;
      }
      current.push(entrant);
      bytes += entrant.length + 3;
    }
    parts.push(current);
    this.entrantList = { id, parts };
    parts.forEach((ids, part) => this.act('lottery.entrants', { id, part, parts: parts.length, ids }));
  }

  /** Host: sends the last draw's entrant list straight to a viewer that missed parts of it. */
  private resendEntrants(viewer: string, id: string): void {
    const list = this.entrantList;
    if (list?.id !== id || !this.listBudget.take(this.clock.localNow())) return;
    list.parts.forEach((ids, part) => this.send(this.envelope('lottery.entrants', { id, part, parts: list.parts.length, ids }), viewer));
  }

  /** Viewer: a drawn lottery whose list is incomplete asks the host for it, a few times with backoff. */
  private askForEntrants(id: string, attempt = 0): void {
    if (attempt === 0 && this.askingEntrants.has(id)) return;
    if (this.isHost || this.closed || attempt >= ENTRANT_LIST_ASKS) return void this.askingEntrants.delete(id);
    this.askingEntrants.add(id);
    this.later(() => {
      const lottery = this.state.lottery;
      if (lottery?.id !== id || lottery.status !== 'drawn' || lottery.entrants > PUBLISH_LIST_UP_TO) return;
      const got = this.entrantParts.get(id);
      if (got && got.size === got.parts) return void this.askingEntrants.delete(id);
      const hello = this.envelope('hello', { seq: this.state.hostSeq, entrants: id });
      for (const host of this.hosts) this.send(hello, host);
      this.askForEntrants(id, attempt + 1);
    }, 1000 * 2 ** attempt);
  }

  /**
   * Host: what a reloaded host tab needs to finish a lottery or reveal a quiz it started — the
   * secret seed (or salt and answer) and the requests recorded so far. The host console keeps it
   * in the operator's localStorage; nothing of it is published before its time.
   */
  hostSecrets(id: string): { seed?: string; salt?: string; correct?: number; entrants: string[]; answers: Array<[string, number]> } {
    const secret = this.secrets.get(id) ?? {};
    return {
      ...secret,
      entrants: [...(this.ledger.entrants.get(id) ?? [])],
      answers: [...(this.ledger.answers.get(id) ?? [])],
    };
  }

  /** Host, after a reload: takes back a lottery's or quiz's secrets and its recorded requests. */
  restoreHostSecrets(id: string, saved: { seed?: string; salt?: string; correct?: number; entrants?: readonly string[]; answers?: ReadonlyArray<readonly [string, number]> }): void {
    const secret: { seed?: string; salt?: string; correct?: number } = {};
    if (typeof saved.seed === 'string') secret.seed = saved.seed;
    if (typeof saved.salt === 'string') secret.salt = saved.salt;
    if (typeof saved.correct === 'number') secret.correct = saved.correct;
    this.secrets.set(id, secret);
    if (saved.entrants?.length) {
      const entrants = this.ledger.entrants.get(id) ?? new Set<string>();
      for (const entrant of saved.entrants) if (typeof entrant === 'string') entrants.add(entrant);
      this.ledger.entrants.set(id, entrants);
    }
    if (saved.answers?.length) {
      const answers = this.ledger.answers.get(id) ?? new Map<string, number>();
      for (const [viewer, choice] of saved.answers) if (typeof viewer === 'string' && Number.isInteger(choice)) answers.set(viewer, choice);
      this.ledger.answers.set(id, answers);
    }
  }

  /** Host: asks a quiz; only a salted hash of the correct option goes out with the question. */
  async askQuiz(options: AskQuizOptions): Promise<Envelope<'quiz.ask'>> {
    const salt = newSalt();
    if (!Number.isInteger(options.correct) || options.correct < 0 || options.correct >= options.options.length) {
      throw new TypeError('[linger] askQuiz: `correct` must be the index of one of the options.');
    }
    const body: BodyOf<'quiz.ask'> = {
      id: options.id ?? `quiz-${randomId(8)}`,
      question: options.question,
      options: options.options,
      closesAt: Math.round(this.clock.now() + options.seconds * 1000),
      answerHash: await answerHash(salt, options.correct),
    };
    const envelope = this.act('quiz.ask', body);
    this.secrets.set(body.id, { salt, correct: options.correct });
    return envelope;
  }

  /** Host: reveals the open quiz's answer with the salt, the explanation and the share per option. */
  revealQuiz(explanation = ''): Envelope<'quiz.reveal'> {
    const quiz = this.state.quiz;
    const secret = quiz ? this.secrets.get(quiz.id) : undefined;
    if (!quiz || quiz.status !== 'open' || secret?.salt === undefined || secret.correct === undefined) {
      throw new Error('[linger] No open quiz asked by this host session to reveal.');
    }
    return this.act('quiz.reveal', {
      id: quiz.id,
      correct: secret.correct,
      salt: secret.salt,
      explanation: clip(explanation, 500),
      shares: this.ledger.shares(quiz.id, quiz.options.length),
    });
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
    const message = this.withinAllowance(parsed.message);
    if (!message) {
      this.stats.dropped['rate-limited']++;
      return;
    }
    if (message.fromHost && !this.isHost) this.clock.observeHostStamp(message.at);
    if (direct) return this.receiveDirect(message);
    if (message.seq !== undefined && message.type !== 'snapshot') return this.receiveSequenced(message);
    this.apply(message);
    if (message.type === 'snapshot') this.drainPending();
  }

  /**
   * Clips a non-host sender to its allowance (sender-limits.ts): chat and requests over it are
   * dropped, a likes batch is cut to what is left. Host messages are never limited.
   */
  private withinAllowance(message: Inbound): Inbound | null {
    if (message.fromHost) return message;
    const kind = LIMITED_KINDS[message.type];
    if (!kind) return message;
    const now = this.clock.localNow();
    if (kind === 'likes') {
      const asked = (message as Inbound<'likes'>).body.n;
      const granted = this.senderLimits.take('likes', message.sender, asked, now);
      if (granted === 0) return null;
      return granted === asked ? message : ({ ...message, body: { n: granted } } as Inbound);
    }
    const granted = this.senderLimits.take(kind, message.sender, 1, now, this.state.moderation.slowMode);
    return granted === 1 ? message : null;
  }

  private receiveDirect(message: Inbound): void {
    const hostNow = this.clock.now();
    switch (message.type) {
      case 'hello': {
        if (!this.isHost) return;
        this.answerHello(message.sender);
        const wanted = (message as Inbound<'hello'>).body.entrants;
        if (wanted) this.resendEntrants(message.sender, wanted);
        return;
      }
      case 'lottery.entrants':
        this.collectEntrants((message as Inbound<'lottery.entrants'>).body);
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
      case 'receipt':
        this.applyReceipt((message as Inbound<'receipt'>).body);
        return;
      default:
        if (this.isHost) this.recordRequest(message, hostNow);
    }
  }

  private recordRequest(message: Inbound, hostNow: number): void {
    const state = this.state;
    let reason: ReceiptReason | null = null;
    let receipt: BodyOf<'receipt'>;
    if (message.type === 'enter') {
      const { lottery, watched } = (message as Inbound<'enter'>).body;
      const lot = state.lottery;
      // Keyword lotteries are entered by chat only (see hostObserve).
      reason = lot?.id === lottery && lot.mode === 'keyword' ? 'mode' : this.ledger.tryEnter(state, message.sender, lottery, hostNow, { watched });
      receipt = { for: 'enter', ref: lottery, ok: reason === null };
      if (reason === null) this.scheduleTally();
    } else if (message.type === 'answer') {
      const { quiz, choice } = (message as Inbound<'answer'>).body;
      reason = this.ledger.tryAnswer(state, message.sender, quiz, choice, hostNow);
      receipt = { for: 'answer', ref: quiz, ok: reason === null, choice: reason === 'duplicate' ? (this.ledger.answers.get(quiz)?.get(message.sender) ?? choice) : choice };
    } else if (message.type === 'claim') {
      const { perk } = (message as Inbound<'claim'>).body;
      reason = this.ledger.tryClaim(state, message.sender, perk);
      receipt = { for: 'claim', ref: perk, ok: reason === null };
      if (reason === null && this.ledger.claimLimits.has(perk)) this.scheduleRemaining();
    } else return;
    if (reason !== null) receipt.reason = reason;
    this.sendReceipt(message.sender, receipt);
    if (reason === null) this.notify({ ...message, at: Math.round(hostNow) });
  }

  private sendReceipt(viewer: string, receipt: BodyOf<'receipt'>): void {
    if (viewer === this.userId) this.applyReceipt(receipt);
    else this.send(this.envelope('receipt', receipt), viewer);
  }

  /** Host: what broadcast viewer messages mean for the open lottery (keyword entries, like goal, commenters). */
  private hostObserve(message: Inbound): void {
    const lottery = this.state.lottery;
    if (message.type === 'chat') {
      const body = (message as Inbound<'chat'>).body;
      if (!chatAllowed(this.state, message.sender, body.text)) return;
      this.ledger.commenters.add(message.sender);
      if (lottery?.status !== 'open' || lottery.mode !== 'keyword' || !lottery.keyword) return;
      if (!matchesKeyword(body.text, lottery.keyword)) return;
      const hostNow = this.clock.now();
      const reason = this.ledger.tryEnter(this.state, message.sender, lottery.id, hostNow, { watched: body.watched });
      if (reason === 'duplicate') return;
      this.sendReceipt(message.sender, reason === null ? { for: 'enter', ref: lottery.id, ok: true } : { for: 'enter', ref: lottery.id, ok: false, reason });
      if (reason === null) {
        this.scheduleTally();
        this.notify({ v: PROTOCOL_VERSION, type: 'enter', id: message.id, at: Math.round(hostNow), body: { lottery: lottery.id }, sender: message.sender, fromHost: false, direct: true } as Inbound);
      }
    } else if (message.type === 'likes') this.checkLikeGoal();
  }

  private checkLikeGoal(): void {
    const lottery = this.state.lottery;
    if (!this.isHost || lottery?.status !== 'open' || lottery.mode !== 'like-goal' || !lottery.goal) return;
    if (this.state.likes - (lottery.likesFrom ?? 0) >= lottery.goal) this.act('lottery.unlock', { id: lottery.id });
  }

  /** Host: publishes the live entrant count, at most once a second. */
  private scheduleTally(): void {
    if (this.tallyTimer || this.closed) return;
    this.tallyTimer = setTimeout(() => {
      this.tallyTimer = null;
      const lottery = this.state.lottery;
      if (this.closed || lottery?.status !== 'open') return;
      const entrants = this.ledger.entrantCount(lottery.id);
      if (entrants !== lottery.entrants) this.act('lottery.tally', { id: lottery.id, entrants });
    }, 1000);
  }

  /** Host: publishes a first-N perk's remaining count after claims, at most twice a second. */
  private scheduleRemaining(): void {
    if (this.remainingTimer || this.closed) return;
    this.remainingTimer = setTimeout(() => {
      this.remainingTimer = null;
      const perk = this.state.perk;
      if (this.closed || !perk) return;
      const remaining = this.ledger.remaining(perk.id);
      if (remaining !== null && remaining !== perk.remaining) this.act('perk.drop', { ...perk, remaining });
    }, 500);
  }

  /** Viewer: the host's answer to one of this screen's requests. */
  private applyReceipt(receipt: BodyOf<'receipt'>): void {
    const viewer = this.viewer;
    if (receipt.for === 'enter') {
      this.updateViewer({ entries: { ...viewer.entries, [receipt.ref]: receipt.ok || receipt.reason === 'duplicate' ? 'in' : (receipt.reason ?? 'invalid') } });
    } else if (receipt.for === 'answer') {
      const mine = viewer.answers[receipt.ref];
      const choice = receipt.choice ?? mine?.choice ?? 0;
      const locked = receipt.ok || receipt.reason === 'duplicate';
      const entry: ViewerRecord['answers'][string] = { choice, status: locked ? 'locked' : 'rejected' };
      if (!locked && receipt.reason) entry.reason = receipt.reason;
      this.updateViewer({ answers: { ...viewer.answers, [receipt.ref]: entry } });
    } else {
      const ok = receipt.ok || receipt.reason === 'duplicate';
      const entry: ViewerRecord['claims'][string] = { status: ok ? 'ok' : 'rejected' };
      if (!ok && receipt.reason) entry.reason = receipt.reason;
      this.updateViewer({ claims: { ...viewer.claims, [receipt.ref]: entry } });
    }
  }

  /** Every screen: score, quiz hash and draw checks, watch-time auto entry. */
  private afterApply(message: Inbound): void {
    switch (message.type) {
      case 'quiz.reveal': {
        const body = (message as Inbound<'quiz.reveal'>).body;
        const quiz = this.state.quiz;
        const viewer = this.viewer;
        const mine = viewer.answers[body.id];
        const answers = { ...viewer.answers };
        let right = viewer.score.right;
        if (mine && mine.correct === undefined) {
          const correct = mine.status === 'locked' && mine.choice === body.correct;
          answers[body.id] = { ...mine, correct };
          if (correct) right++;
        }
        this.updateViewer({ answers, score: { right, revealed: viewer.score.revealed + 1 } });
        if (quiz?.id === body.id) {
          const hash = quiz.answerHash;
          void verifyAnswer(hash, body.salt, body.correct).then((ok) => {
            this.updateViewer({ quizChecks: { ...this.viewer.quizChecks, [body.id]: ok } });
          });
        }
        return;
      }
      case 'lottery.draw':
        this.checkDraw((message as Inbound<'lottery.draw'>).body.id);
        return;
      case 'lottery.entrants':
        this.collectEntrants((message as Inbound<'lottery.entrants'>).body);
        return;
      case 'lottery.open':
      case 'snapshot':
        this.autoEnter();
        if (message.type === 'snapshot' && this.state.lottery?.status === 'drawn' && !this.viewer.draws[this.state.lottery.id]) this.checkDraw(this.state.lottery.id);
        return;
      default:
    }
  }

  /** Keeps one part of a draw's entrant list; the last part to arrive triggers the check. */
  private collectEntrants({ id, part, parts, ids }: BodyOf<'lottery.entrants'>): void {
    let got = this.entrantParts.get(id);
    if (!got || got.parts !== parts) {
      got = Object.assign(new Map<number, string[]>(), { parts });
      this.entrantParts.set(id, got);
      if (this.entrantParts.size > 5) this.entrantParts.delete(this.entrantParts.keys().next().value as string);
    }
    const complete = got.size === parts;
    got.set(part, ids);
    if (!complete && got.size === parts) this.checkDraw(id);
  }

  /** Re-checks the current draw with the entrant list when all its parts arrived. */
  private checkDraw(id: string): void {
    const lottery = this.state.lottery;
    if (lottery?.id !== id || lottery.status !== 'drawn' || lottery.seed === undefined || lottery.digest === undefined) return;
    const got = this.entrantParts.get(id);
    let list: string[] | null = null;
    if (got && got.size === got.parts) {
      list = [];
      for (let part = 0; part < got.parts; part++) {
        const ids = got.get(part);
        if (!ids) {
          list = null;
          break;
        }
        for (const entrant of ids) list.push(entrant);
      }
    }
    // Parts lost on the way (or skipped by a snapshot) are asked for again, straight from the host.
    if (list === null && lottery.entrants <= PUBLISH_LIST_UP_TO) this.askForEntrants(id);
    const run = (this.verifyRuns.get(id) ?? 0) + 1;
    this.verifyRuns.set(id, run);
    if (!this.viewer.draws[id]) {
      this.updateViewer({ draws: { ...this.viewer.draws, [id]: { status: 'checking', commitment: false, digest: null, winners: null, member: null } } });
    }
    const draw = {
      commitment: lottery.commitment,
      seed: lottery.seed,
      digest: lottery.digest,
      entrants: lottery.entrants,
      winners: lottery.winners,
      winnerIds: lottery.winnerIds ?? [],
    };
    void verifyDraw(draw, list, this.userId).then((check) => {
      if (this.verifyRuns.get(id) !== run || this.closed) return;
      this.updateViewer({ draws: { ...this.viewer.draws, [id]: check } });
    });
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
    this.afterApply(message);
    if (this.isHost && !message.fromHost) this.hostObserve(message);
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
