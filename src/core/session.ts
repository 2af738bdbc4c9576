/**
 * One show's live session over one transport — the one public door to the core. It checks what
 * arrives (`parseMessage`, per-sender allowances), routes it to the part that handles it, and
 * offers viewers and hosts their actions. DOM-free: `<linger-room>` wraps it; tests and benchmarks
 * use it directly. The parts, each in its own file:
 *
 * - `session-core.ts` — stores, send/apply/notify, host publishing (`act`), timers, secrets.
 * - `sync.ts` — sequence, hold and drain, hello/snapshot, channel storage, clock sync.
 * - `host-requests.ts` — entries, answers, claims: the host's ledger, receipts, tallies.
 * - `lottery-flow.ts`, `quiz-flow.ts` — the two mechanics with secrets and checks.
 * - `state.ts`, `viewer-record.ts` — the pure reducers of the show and of this screen's record.
 *
 * docs/architecture.md follows one comment from `<linger-overlay>` to another screen and the webhook.
 */
import type { ReadableAtom } from 'nanostores';
import type { Transport, TransportError, TransportStatus } from '../transports/transport.js';
import { isTransportError, transportError } from '../transports/transport.js';
import { clip } from './primitives.js';
import { MAX_CHAT_LENGTH, checkBody, encode, parseMessage, type BodyOf, type Envelope, type Inbound, type MessageType } from './protocol.js';
import { chatAllowed, type ShowState } from './state.js';
import type { SyncedClock } from './clock.js';
import { chatInterval, likesInterval } from './budget.js';
import type { HostLedger } from './ledger.js';
import { SenderLimits, type LimitedKind } from './sender-limits.js';
import type { DrawResult } from './draw.js';
import { SessionCore, type SessionStats } from './session-core.js';
import { ShowSync } from './sync.js';
import { HostRequests } from './host-requests.js';
import { LotteryFlow, type OpenLotteryOptions } from './lottery-flow.js';
import { QuizFlow, type AskQuizOptions } from './quiz-flow.js';
import type { ViewerRecord } from './viewer-record.js';
import { restoreSecrets, savedSecrets, type SavedSecrets } from './host-secrets.js';

export type { SessionStats } from './session-core.js';
export type { ViewerRecord } from './viewer-record.js';
export { SNAPSHOT_KEY } from './sync.js';
export { PUBLISH_LIST_UP_TO, type OpenLotteryOptions } from './lottery-flow.js';
export type { AskQuizOptions } from './quiz-flow.js';

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

/** Which viewer messages count against which allowance. */
const LIMITED_KINDS: Partial<Record<MessageType, LimitedKind>> = { chat: 'chat', likes: 'likes', enter: 'request', answer: 'request', claim: 'request', hello: 'hello' };
/** Most likes one aggregated message carries, and most a runaway tapper can queue. */
const LIKES_PER_MESSAGE = 1000;
const LIKES_BACKLOG = 10_000;

export class RoomSession {
  readonly transport: Transport;
  readonly hosts: ReadonlySet<string>;
  readonly clock: SyncedClock;
  /** Host-private record of entries, answers and claims (empty on viewers). */
  readonly ledger: HostLedger;
  readonly stats: SessionStats;
  private readonly core: SessionCore;
  private readonly sync: ShowSync;
  private readonly requests: HostRequests;
  private readonly lottery: LotteryFlow;
  private readonly quiz: QuizFlow;
  /** Per-sender allowances on receipt: a client that ignores its budget is clipped here. */
  private readonly senderLimits = new SenderLimits();
  private readonly cleanups: Array<() => void> = [];
  private pendingLikes = 0;
  private lastLikesAt = -Infinity;

  constructor(options: SessionOptions) {
    const core = new SessionCore(options.transport, options.hosts, options.localNow);
    this.core = core;
    ({ transport: this.transport, hosts: this.hosts, clock: this.clock, ledger: this.ledger, stats: this.stats } = core);
    // Mechanics first: their reactions to a message run before the host's bookkeeping of it.
    this.lottery = new LotteryFlow(core, (id) => this.enter(id));
    this.quiz = new QuizFlow(core);
    this.requests = new HostRequests(core);
    this.sync = new ShowSync(core, {
      snapshotEveryMs: options.snapshotEveryMs ?? 15_000,
      helloEveryMs: options.helloEveryMs ?? 2_000,
      clockSyncEveryMs: options.clockSyncEveryMs ?? 30_000,
    });
  }

  /** The show state; updates on every applied message. */
  get $state(): ReadableAtom<ShowState> {
    return this.core.state$;
  }
  get state(): ShowState {
    return this.core.state;
  }
  /** This screen's own requests, the host's receipts, score and draw checks. */
  get $viewer(): ReadableAtom<ViewerRecord> {
    return this.core.viewer$;
  }
  get viewer(): ViewerRecord {
    return this.core.viewer;
  }
  get $status(): ReadableAtom<TransportStatus> {
    return this.core.status$;
  }
  /** Peers in the channel, when the transport knows. */
  get $presence(): ReadableAtom<number | null> {
    return this.core.presence$;
  }
  /** The last transport error, cleared when the connection recovers. */
  get $error(): ReadableAtom<TransportError | null> {
    return this.core.error$;
  }
  get userId(): string {
    return this.core.userId;
  }
  /** Decided by the transport's user id, which a token endpoint may assign at connect time. */
  get isHost(): boolean {
    return this.core.isHost;
  }

  /** Called with every applied message (after the state changed), e.g. by the events layer. */
  onMessage(listener: (message: Inbound) => void): () => void {
    return this.core.onMessage(listener);
  }

  /**
   * Viewer activity for the events layer — watch time, chat sent, entries, answers, claims,
   * product clicks, shares. It never goes on the room's transport; sinks (webhook, callback,
   * Shopify) subscribe with `onTrack`.
   */
  track(type: string, props: Record<string, unknown> = {}): void {
    if (type === 'heartbeat' && typeof props.seconds === 'number') {
      this.core.viewerDid({ type: 'watched', seconds: props.seconds });
      this.lottery.autoEnter();
    }
    this.core.track(type, props);
  }

  onTrack(listener: (type: string, props: Record<string, unknown>) => void): () => void {
    return this.core.onTrack(listener);
  }

  /** Joins the channel and starts syncing. Resolves when connected; failures land in `$error`. */
  async connect(): Promise<void> {
    const { transport, core } = this;
    this.cleanups.push(
      transport.onMessage((data, sender, direct) => this.receive(data, sender, direct)),
      transport.onStatus((status, error) => this.sync.statusChanged(status, error)),
      transport.onPresence((count) => core.presence$.set(count)),
    );
    try {
      await transport.connect();
    } catch (error) {
      const failure = isTransportError(error) ? error : transportError('connect-failed', String(error), error);
      core.error$.set(failure);
      core.status$.set('failed');
      throw failure;
    }
    if (core.closed) return;
    core.status$.set(transport.status);
    core.presence$.set(transport.presence);
    await this.sync.start();
  }

  /** Leaves the channel, stops every timer, flushes pending likes. Safe to call twice. */
  async close(): Promise<void> {
    if (this.core.closed) return;
    this.flushLikes();
    this.core.close();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    await this.transport.close();
    this.core.status$.set('closed');
  }

  // ── Viewer actions ──────────────────────────────────────────────────────────────────────────

  /** Sends a chat line, applying slow mode (host's or automatic), mute and block words locally. */
  chat(text: string, extra: { name?: string; locale?: string } = {}): ChatResult {
    const { core } = this;
    const trimmed = String(text ?? '').trim();
    if (!trimmed) return { ok: false, reason: 'empty' };
    if (trimmed.length > MAX_CHAT_LENGTH) return { ok: false, reason: 'too-long' };
    if (this.transport.status !== 'connected') return { ok: false, reason: 'offline' };
    const state = core.state;
    if (state.moderation.muted.includes(this.userId)) return { ok: false, reason: 'muted' };
    if (!chatAllowed(state, this.userId, trimmed)) return { ok: false, reason: 'blocked' };
    const intervalMs = this.isHost ? 0 : chatInterval(core.presence$.get() ?? 1, state.moderation.slowMode) * 1000;
    if (intervalMs > 0) {
      const pace = { burst: 1, perSecond: 1000 / intervalMs };
      const now = core.clock.localNow();
      const wait = core.pace.waitMs('chat', pace, now);
      if (wait > 0) return { ok: false, reason: 'slow-mode', retryInMs: wait };
      core.pace.take('chat', pace, 1, now);
    }
    const body: BodyOf<'chat'> = { text: trimmed };
    if (extra.name) body.name = clip(extra.name, 40);
    if (extra.locale) body.locale = clip(extra.locale, 35);
    const lottery = state.lottery;
    if (lottery?.status === 'open' && lottery.mode === 'keyword' && lottery.eligibility?.minWatchMinutes) {
      body.watched = Math.min(1_000_000, Math.floor(core.viewer.watched));
    }
    const envelope = core.envelope('chat', body);
    core.applyOwn(envelope);
    // Counted once it left: a line the transport refused is not an interaction.
    void core.send(envelope).then((sent) => sent && !this.isHost && this.track('chat', { message: envelope.id, length: trimmed.length }));
    return { ok: true, id: envelope.id };
  }

  /**
   * Counts likes locally at once and sends them aggregated: at most one `likes` message per
   * viewer per interval (1 s, longer in large shows), however fast the viewer taps.
   */
  like(count = 1): void {
    const n = Math.floor(Number(count));
    if (!Number.isFinite(n) || n < 1) return;
    this.pendingLikes = Math.min(this.pendingLikes + n, LIKES_BACKLOG);
    this.scheduleLikes();
  }

  /** Asks the host to enter a lottery (host-directed; the host decides). */
  enter(lotteryId: string): void {
    if (this.viewer.entries[lotteryId] === 'in') return;
    this.core.viewerDid({ type: 'enter-sent', lottery: lotteryId });
    this.request('enter', { lottery: lotteryId, watched: Math.min(1_000_000, Math.floor(this.viewer.watched)) });
    if (!this.isHost) this.track('lottery_enter', { lottery: lotteryId });
  }

  /** Sends a quiz answer to the host (host-directed; the host locks the first one). Locks locally on the first call. */
  answer(quizId: string, choice: number): void {
    if (this.viewer.answers[quizId]) return;
    this.core.viewerDid({ type: 'answer-sent', quiz: quizId, choice });
    this.request('answer', { quiz: quizId, choice });
    if (!this.isHost) this.track('quiz_answer', { quiz: quizId, choice });
  }

  /** Claims the perk on air (host-directed). */
  claim(perkId: string): void {
    if (this.viewer.claims[perkId]?.status === 'ok') return;
    this.core.viewerDid({ type: 'claim-sent', perk: perkId });
    this.request('claim', { perk: perkId });
    if (!this.isHost) this.track('perk_claim', { perk: perkId });
  }

  // ── Host actions ────────────────────────────────────────────────────────────────────────────

  /**
   * Publishes a host message: checked against its schema (throws a clear TypeError on bad input),
   * sequenced, applied locally, sent to every viewer. Throws when this peer is not a host, and
   * (RangeError, nothing applied or sent) when it would not fit the message or snapshot limits.
   */
  act<T extends MessageType>(type: T, body: BodyOf<T>): Envelope<T> {
    return this.core.act(type, body);
  }

  /** The compact snapshot envelope the host publishes (current seq, not a new one). */
  snapshotEnvelope(): Envelope<'snapshot'> {
    return this.core.snapshotEnvelope();
  }

  /** Host: opens a lottery with a fresh secret seed; only its SHA-256 commitment is published. Entries close by themselves at `closesAt`. */
  openLottery(options: OpenLotteryOptions): Promise<Envelope<'lottery.open'>> {
    return this.lottery.open(options);
  }
  /** Host: closes entries of the open lottery (the draw follows with `drawLottery`). */
  closeLottery(): void {
    this.lottery.close();
  }
  /**
   * Host: closes entries if needed, draws (sort, digest, pick from the committed seed), publishes the
   * seed, digest and winners, then the sorted list in parts when it has at most `PUBLISH_LIST_UP_TO` ids.
   */
  drawLottery(claim?: string): Promise<DrawResult> {
    return this.lottery.draw(claim);
  }
  /** Host: asks a quiz; only a salted hash of the correct option goes out with the question. */
  askQuiz(options: AskQuizOptions): Promise<Envelope<'quiz.ask'>> {
    return this.quiz.ask(options);
  }
  /** Host: reveals the open quiz's answer with the salt, the explanation and the share per option. */
  revealQuiz(explanation = ''): Envelope<'quiz.reveal'> {
    return this.quiz.reveal(explanation);
  }

  /**
   * Host: what a reloaded host tab needs to finish a lottery or reveal a quiz it started (the
   * console keeps it in the operator's localStorage; nothing of it is published before its time).
   */
  hostSecrets(id: string): ReturnType<typeof savedSecrets> {
    return savedSecrets(this.core, id);
  }
  /** Host, after a reload: takes back a lottery's or quiz's secrets and its recorded requests. */
  restoreHostSecrets(id: string, saved: Partial<SavedSecrets>): void {
    restoreSecrets(this.core, id, saved);
  }

  /** Viewer: asks the host(s) for a snapshot, at most once per `helloEveryMs`. */
  requestSnapshot(): void {
    this.sync.requestSnapshot();
  }
  /** Host: publishes the snapshot to every viewer. */
  publishSnapshot(): void {
    this.sync.publishSnapshot();
  }

  // ── What arrives ────────────────────────────────────────────────────────────────────────────

  /** Entry point for every payload the transport delivers. */
  receive(data: unknown, sender: string, direct: boolean): void {
    const { core } = this;
    if (core.closed) return;
    core.stats.received++;
    const parsed = parseMessage(data, sender, (id) => this.hosts.has(id), direct, this.transport.channel);
    if (!parsed.ok) {
      core.stats.dropped[parsed.reason]++;
      return;
    }
    const message = this.withinAllowance(parsed.message);
    if (!message) {
      core.stats.dropped['rate-limited']++;
      return;
    }
    if (message.fromHost && !this.isHost) this.clock.observeHostStamp(message.at);
    if (direct) return this.receiveDirect(message);
    if (message.type === 'snapshot') return this.sync.receiveSnapshot(message);
    if (message.seq !== undefined) return this.sync.receiveSequenced(message);
    core.apply(message);
  }

  private receiveDirect(message: Inbound): void {
    switch (message.type) {
      case 'hello': {
        this.sync.answerHello(message.sender);
        const wanted = (message as Inbound<'hello'>).body.entrants;
        if (wanted && this.isHost) this.lottery.resendEntrants(message.sender, wanted);
        return;
      }
      case 'lottery.entrants':
        return this.lottery.collect((message as Inbound<'lottery.entrants'>).body);
      case 'time.ping':
        return this.sync.answerPing(message.sender, (message as Inbound<'time.ping'>).body.t0);
      case 'time.pong': {
        const { t0, t1 } = (message as Inbound<'time.pong'>).body;
        return this.clock.addSample(t0, t1, this.clock.localNow());
      }
      case 'snapshot':
        return this.sync.receiveSnapshot(message);
      case 'receipt':
        return this.core.viewerDid({ type: 'receipt', receipt: (message as Inbound<'receipt'>).body });
      default:
        this.requests.record(message);
    }
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
    return this.senderLimits.take(kind, message.sender, 1, now, this.state.moderation.slowMode) === 1 ? message : null;
  }

  private request<T extends 'enter' | 'answer' | 'claim'>(type: T, body: BodyOf<T>): void {
    const envelope = this.core.envelope(type, checkBody(type, body));
    for (const host of this.hosts) if (host !== this.userId) void this.core.send(envelope, host);
    // A host's own request goes through the same checks as anyone's.
    if (this.isHost) this.receive(encode({ ...envelope, room: this.transport.channel }), this.userId, true);
  }

  private scheduleLikes(): void {
    if (this.pendingLikes === 0) return;
    const wait = Math.max(0, this.lastLikesAt + likesInterval(this.core.presence$.get() ?? 1) - this.clock.localNow());
    this.core.timers.once(
      'likes',
      () => {
        this.flushLikes();
        this.scheduleLikes();
      },
      wait,
    );
  }

  private flushLikes(): void {
    if (this.pendingLikes === 0 || this.core.closed) return;
    const n = Math.min(this.pendingLikes, LIKES_PER_MESSAGE);
    this.pendingLikes -= n;
    this.lastLikesAt = this.clock.localNow();
    const envelope = this.core.envelope('likes', { n });
    this.core.applyOwn(envelope);
    void this.core.send(envelope);
  }
}
