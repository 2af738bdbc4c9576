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
 * - `viewer-actions.ts` — chat, likes, entries, answers, claims, checked and paced before sending.
 * - `state.ts`, `viewer-record.ts` — the pure reducers of the show and of this screen's record.
 *
 * docs/architecture.md follows one comment from `<linger-overlay>` to another screen and the webhook.
 */
import type { ReadableAtom } from 'nanostores';
import type { Transport, TransportError, TransportStatus } from '../transports/transport.js';
import { isTransportError, transportError } from '../transports/transport.js';
import { parseMessage, type BodyOf, type Envelope, type Inbound, type MessageType } from './protocol.js';
import type { ShowState } from './state.js';
import type { SyncedClock } from './clock.js';
import type { HostLedger } from './ledger.js';
import { SenderLimits } from './sender-limits.js';
import type { DrawResult } from './draw.js';
import { SessionCore, type SessionStats } from './session-core.js';
import { ShowSync } from './sync.js';
import { HostRequests } from './host-requests.js';
import { LotteryFlow, type OpenLotteryOptions } from './lottery-flow.js';
import { QuizFlow, type AskQuizOptions } from './quiz-flow.js';
import { VoteFlow, type OpenVoteOptions } from './vote-flow.js';
import { TierChecks } from './tier-claim.js';
import type { VoteTally } from './vote-tally.js';
import type { ViewerRecord } from './viewer-record.js';
import { restoreSecrets, savedSecrets, type SavedSecrets } from './host-secrets.js';
import { ViewerActions, type ChatResult } from './viewer-actions.js';
import type { RoomMedia } from './registry.js';
import { StageFlow } from './stage-flow.js';

/** The local-video signalling messages (docs/studio.md): delivered to `onSignal` listeners, never to the show state. */
export type SignalType = 'rtc.want' | 'rtc.offer' | 'rtc.answer' | 'stage.offer';

export type { SessionStats } from './session-core.js';
export type { ViewerRecord } from './viewer-record.js';
export { SNAPSHOT_KEY } from './sync.js';
export { PUBLISH_LIST_UP_TO, type OpenLotteryOptions } from './lottery-flow.js';
export type { AskQuizOptions } from './quiz-flow.js';
export type { OpenVoteOptions } from './vote-flow.js';
export type { ChatResult } from './viewer-actions.js';
export type { StageFlow, StageRequest, StageMine } from './stage-flow.js';

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
  /** Host: the merchant's public key (EC P-256 JWK) that signs member tier claims (docs/tiers.md). */
  tierKey?: JsonWebKey | string | CryptoKey;
  /** Viewer: the merchant's signed tier claim for this viewer, sent with its hello. */
  tierClaim?: string;
}


export class RoomSession {
  readonly transport: Transport;
  readonly hosts: ReadonlySet<string>;
  readonly clock: SyncedClock;
  /** Host-private record of entries, answers and claims (empty on viewers). */
  readonly ledger: HostLedger;
  readonly stats: SessionStats;
  /** Shared with the replay session (src/core/timeline-session.ts), which drives the state itself. */
  protected readonly core: SessionCore;
  private readonly sync: ShowSync;
  private readonly requests: HostRequests;
  private readonly lottery: LotteryFlow;
  private readonly quiz: QuizFlow;
  private readonly vote: VoteFlow;
  private readonly tiers: TierChecks;
  private readonly stageFlow: StageFlow;
  /** Per-sender allowances on receipt: a client that ignores its budget is clipped here. */
  private readonly senderLimits = new SenderLimits();
  private readonly actions: ViewerActions;
  private readonly cleanups: Array<() => void> = [];
  private readonly signalListeners = new Set<(message: Inbound<SignalType>) => void>();
  private local: RoomMedia | null = null;

  constructor(options: SessionOptions) {
    const core = new SessionCore(options.transport, options.hosts, options.localNow);
    this.core = core;
    ({ transport: this.transport, hosts: this.hosts, clock: this.clock, ledger: this.ledger, stats: this.stats } = core);
    // Mechanics first: their reactions to a message run before the host's bookkeeping of it.
    this.lottery = new LotteryFlow(core, (id) => this.enter(id));
    this.quiz = new QuizFlow(core);
    this.vote = new VoteFlow(core);
    this.tiers = new TierChecks(core, options.tierKey);
    core.tierClaim = options.tierClaim;
    this.actions = new ViewerActions(core, (raw, sender, direct) => this.receive(raw, sender, direct));
    this.requests = new HostRequests(core);
    this.stageFlow = new StageFlow(core);
    this.sync = new ShowSync(core, {
      snapshotEveryMs: options.snapshotEveryMs ?? 15_000,
      helloEveryMs: options.helloEveryMs ?? 2_000,
      clockSyncEveryMs: options.clockSyncEveryMs ?? 30_000,
    });
  }

  /** True for a replay of a recorded show (src/core/timeline-session.ts): nothing is sent, actions happened live. */
  get replay(): boolean {
    return false;
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
  /** Viewer: a tier claim that came after connecting (`profile-url`), sent to the host(s) with a hello (docs/tiers.md). */
  sendTierClaim(token: string): void {
    const { core } = this;
    core.tierClaim = token;
    if (core.isHost || core.closed) return;
    const hello = core.envelope('hello', { seq: core.state.hostSeq, tier: token });
    for (const host of core.hosts) void core.send(hello, host);
  }

  get isHost(): boolean {
    return this.core.isHost;
  }

  /**
   * Live video from the host's `<linger-studio>` over a browser WebRTC connection, while the show is
   * on air on a room without Agora (docs/studio.md); `null` otherwise. The player loads the code only then.
   */
  get localMedia(): RoomMedia | null {
    if (!this.state.show.onAir || this.transport.kind === 'agora-rtm') return null;
    return (this.local ??= {
      appId: 'local',
      channel: this.transport.channel,
      tokens: () => Promise.resolve(null),
      adapter: () => import('../media/local-rtc.js').then((module) => module.audienceAdapter(this)),
    });
  }

  /**
   * Co-hosting (docs/studio.md § Co-hosting): viewers ask, accept an invitation and leave; the
   * host opens asks, invites, mutes and removes. The stage itself is `state.stage`.
   */
  get stage(): StageFlow {
    return this.stageFlow;
  }

  /** Sends a local-video signalling message to one peer (the host's studio, or one viewer). */
  signal<T extends SignalType>(type: T, body: BodyOf<T>, to: string): Promise<boolean> {
    return this.core.send(this.core.envelope(type, body), to);
  }

  /** Called with every checked signalling message addressed to this screen (sender authority already enforced). */
  onSignal(listener: (message: Inbound<SignalType>) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
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
    this.actions.flushLikes();
    this.core.close();
    this.signalListeners.clear();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    await this.transport.close();
    this.core.status$.set('closed');
  }

  // ── Viewer actions ──────────────────────────────────────────────────────────────────────────

  /** Sends a chat line, applying slow mode (host's or automatic), mute and block words locally. */
  chat(text: string, extra: { name?: string; locale?: string; topic?: string } = {}): ChatResult {
    return this.actions.chat(text, extra);
  }
  /** Counts likes at once and sends them aggregated: at most one `likes` message per interval. */
  like(count = 1): void {
    this.actions.like(count);
  }
  /** Asks the host to enter a lottery (host-directed; the host decides). */
  enter(lotteryId: string): void {
    this.actions.enter(lotteryId);
  }
  /** Sends a quiz answer to the host (host-directed; the host locks the first one). Locks locally on the first call. */
  answer(quizId: string, choice: number): void {
    this.actions.answer(quizId, choice);
  }
  /** Claims the perk on air (host-directed). */
  claim(perkId: string): void {
    this.actions.claim(perkId);
  }
  /** Votes in the open vote (host-directed; the host counts one vote per viewer). */
  castVote(voteId: string, choice: number): void {
    this.actions.vote(voteId, choice);
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

  /** Host: opens a vote with a fresh secret seed (only its commitment is published); it closes by itself at `closesAt`. */
  openVote(options: OpenVoteOptions): Promise<Envelope<'vote.open'>> {
    return this.vote.open(options);
  }
  /**
   * Host: closes the open vote now and publishes the result — counts, seed, digest, winner — then
   * the sorted ballot list in parts when it has at most `PUBLISH_LIST_UP_TO` ballots.
   */
  closeVote(): Promise<VoteTally | null> {
    return this.vote.close();
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
    const message = this.senderLimits.admit(parsed.message, this.clock.localNow(), core.state.moderation.slowMode);
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
        const { ballots, tier } = (message as Inbound<'hello'>).body;
        if (ballots && this.isHost) this.vote.resendBallots(message.sender, ballots);
        if (tier && this.isHost) void this.tiers.check(message.sender, tier);
        return;
      }
      case 'lottery.entrants':
        return this.lottery.collect((message as Inbound<'lottery.entrants'>).body);
      case 'vote.ballots':
        return this.vote.collect((message as Inbound<'vote.ballots'>).body);
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
      case 'stage.ask':
      case 'stage.accept':
      case 'stage.leave':
      case 'stage.beat':
        return this.stageFlow.receive(message as Inbound<'stage.ask'>);
      case 'stage.invite':
        return this.stageFlow.invitedBy(message as Inbound<'stage.invite'>);
      case 'rtc.want':
      case 'rtc.offer':
      case 'rtc.answer':
      case 'stage.offer':
        for (const listener of [...this.signalListeners]) listener(message as Inbound<SignalType>);
        return;
      default:
        this.requests.record(message);
    }
  }
}
