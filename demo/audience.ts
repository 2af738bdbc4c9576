/**
 * The "simulated audience": a few hundred synthetic viewers, so one person can watch the whole show
 * work — comments in ten languages, likes, giveaway entries, quiz answers, first-N claims.
 *
 * Every synthetic viewer is a real `RoomSession` with its own user id: the host receives its
 * messages exactly as it receives a real viewer's, and each session applies the room's slow mode,
 * likes aggregation and mutes itself. What they share:
 * - **one BroadcastChannel** (`AudienceHub`). A BroadcastChannel per viewer would deliver every
 *   frame to every other viewer of this page — N² structured clones a second for a few hundred
 *   viewers. The hub speaks `BroadcastTransport`'s frames (`{kind, from, to, data}`), posts for each
 *   viewer under its own id, and routes what arrives: host-directed frames to their one viewer,
 *   broadcasts to all. Synthetic viewers do not hear each other (nothing of theirs needs it).
 * - **one scheduler** (`tick`, 4 times a second): joins, presence beacons, comments, likes and the
 *   reactions to the show, at overall rates inside the room's send budget (`src/core/budget.ts`).
 *   It works from the elapsed time, so a throttled background tab keeps the same rates.
 */
import { RoomSession } from '../src/core/session.js';
import { TransportBase } from '../src/transports/transport-base.js';
import { MAX_PAYLOAD_BYTES, type Transport } from '../src/transports/transport.js';
import { CHAT_SHARE, LIKES_SHARE, channelRateLimit } from '../src/core/budget.js';
import type { ShowState } from '../src/core/state.js';
import { AUDIENCE_LOCALES, CHEERS, LINES, NAMES, type AudienceLocale } from './audience-lines.js';

const TICK_MS = 250;
/** As `BroadcastTransport`: a peer says it is here every 5 s and is gone after 15 s of silence. */
const PRESENCE_EVERY_MS = 5_000;
const HEARTBEAT_EVERY_MS = 15_000;
const JOINS_PER_SECOND = 25;
/** Host-directed requests (entries, answers, claims) a second: the host answers each one. */
const REQUESTS_PER_SECOND = 20;
/** Per viewer and second, on average: how chatty and how tappy a live-commerce audience is. */
const COMMENTS_PER_VIEWER = 0.012;
const TAPS_PER_VIEWER = 0.06;
/** The audience takes at most this part of the room's chat and likes budget (real viewers need the rest). */
const BUDGET_SHARE = 0.5;

type Frame = { kind: 'msg'; from: string; to: string | null; data: string } | { kind: 'here' | 'bye'; from: string };

export interface AudienceOptions {
  /** The room's channel (`<linger-room channel>`). */
  channel: string;
  /** The room's host ids. */
  hosts: readonly string[];
  /** How many synthetic viewers join (default 300). */
  size?: number;
  /** Their languages (default all ten of the demo). */
  locales?: readonly AudienceLocale[];
  /** Source of randomness in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Called when the number of joined viewers changes. */
  onChange?: (joined: number) => void;
}

interface SyntheticViewer {
  session: RoomSession;
  name: string;
  locale: AudienceLocale;
}

interface Task {
  at: number;
  run: () => void;
  /** Host-directed: counted against `REQUESTS_PER_SECOND`. */
  request: boolean;
}

export class SimulatedAudience {
  private readonly options: Required<Omit<AudienceOptions, 'onChange'>> & Pick<AudienceOptions, 'onChange'>;
  private hub: AudienceHub | null = null;
  private viewers: SyntheticViewer[] = [];
  private tasks: Task[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastTick = 0;
  private readonly paces = { joins: new Pace(), comments: new Pace(), taps: new Pace(), heartbeats: new Pace(), requests: new Pace() };
  private heartbeatCursor = 0;
  private stopObserving: (() => void) | null = null;
  private readonly reacted = new Set<string>();

  constructor(options: AudienceOptions) {
    this.options = { size: 300, locales: AUDIENCE_LOCALES, random: Math.random, ...options };
  }

  get running(): boolean {
    return this.timer !== null;
  }
  /** Synthetic viewers in the room now. */
  get joined(): number {
    return this.viewers.length;
  }

  start(): void {
    if (this.timer) return;
    this.hub = new AudienceHub(this.options.channel);
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops every timer, closes every session (each says goodbye) and the shared channel. */
  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.tasks = [];
    this.stopObserving?.();
    this.stopObserving = null;
    this.reacted.clear();
    const leaving = this.viewers;
    this.viewers = [];
    await Promise.all(leaving.map((viewer) => viewer.session.close()));
    this.hub?.close();
    this.hub = null;
    this.options.onChange?.(0);
  }

  private tick(): void {
    const now = performance.now();
    // A throttled background tab ticks late: catch up on rates, but not on a minute's backlog.
    const dt = Math.min(2_000, now - this.lastTick);
    this.lastTick = now;
    this.join(dt);
    this.hub!.tick(dt);
    this.heartbeats(dt);
    this.chatter(dt);
    this.runDueTasks(now, dt);
  }

  // ── Joining ─────────────────────────────────────────────────────────────────────────────────

  private join(dt: number): void {
    const wanted = Math.min(this.paces.joins.take(JOINS_PER_SECOND, dt), this.options.size - this.viewers.length);
    for (let i = 0; i < wanted; i++) this.viewers.push(this.newViewer(this.viewers.length));
    if (wanted > 0) this.options.onChange?.(this.viewers.length);
  }

  private newViewer(index: number): SyntheticViewer {
    const { locales, hosts } = this.options;
    const locale = locales[index % locales.length]!;
    const names = NAMES[locale];
    const id = `v-sim-${String(index).padStart(3, '0')}`;
    const session = new RoomSession({ transport: new AudiencePeer(id, this.hub!), hosts });
    void session.connect();
    const viewer = { session, locale, name: names[Math.floor(index / locales.length) % names.length]! };
    if (!this.stopObserving) this.observe(session);
    return viewer;
  }

  // ── Background activity ─────────────────────────────────────────────────────────────────────

  /** Everyone watches: 15 s of watch time every 15 s (watch-time giveaways enter by themselves). */
  private heartbeats(dt: number): void {
    const count = this.paces.heartbeats.take((this.viewers.length * 1000) / HEARTBEAT_EVERY_MS, dt);
    for (let i = 0; i < count && this.viewers.length > 0; i++) {
      this.heartbeatCursor = (this.heartbeatCursor + 1) % this.viewers.length;
      this.viewers[this.heartbeatCursor]!.session.track('heartbeat', { seconds: HEARTBEAT_EVERY_MS / 1000 });
    }
  }

  /** Comments and likes at a steady overall rate, inside the audience's share of the budget. */
  private chatter(dt: number): void {
    const audience = this.audienceSize();
    const channelRate = channelRateLimit(audience) * BUDGET_SHARE;
    const comments = this.paces.comments.take(Math.min(this.viewers.length * COMMENTS_PER_VIEWER, channelRate * CHAT_SHARE), dt);
    for (let i = 0; i < comments; i++) {
      const viewer = this.pick();
      if (viewer) this.say(viewer, this.choose(LINES[viewer.locale]));
    }
    // Each viewer's session sends its taps aggregated (≤ 1 likes message per interval), so the
    // wire rate is bounded by the number of distinct tappers, capped here.
    const taps = this.paces.taps.take(Math.min(this.viewers.length * TAPS_PER_VIEWER, channelRate * LIKES_SHARE), dt);
    for (let i = 0; i < taps; i++) this.pick()?.session.like(1 + Math.floor(this.options.random() * 3));
  }

  /** Sends a comment; in slow mode the viewer tries again when allowed (once). */
  private say(viewer: SyntheticViewer, text: string, retry = true): void {
    const result = viewer.session.chat(text, { name: viewer.name, locale: viewer.locale });
    if (!result.ok && result.reason === 'slow-mode' && retry) {
      this.later((result.retryInMs ?? 1000) + 50, () => this.say(viewer, text, false));
    }
  }

  private audienceSize(): number {
    return this.viewers[0]?.session.$presence.get() ?? this.viewers.length;
  }

  // ── Reacting to the show ────────────────────────────────────────────────────────────────────

  /** One viewer's state stands for everyone's: what the host opened, asked or dropped. */
  private observe(session: RoomSession): void {
    this.stopObserving = session.$state.subscribe((state) => this.react(state));
  }

  private react(state: ShowState): void {
    const { lottery, quiz, perk, announcement } = state;
    if (lottery?.status === 'open') this.once(`lottery:${lottery.id}`, () => this.enterLottery(state));
    if (quiz?.status === 'open') this.once(`quiz:${quiz.id}`, () => this.answerQuiz(state));
    if (perk && typeof perk.remaining === 'number' && perk.remaining > 0) this.once(`perk:${perk.id}`, () => this.claimPerk(perk.id));
    if (announcement?.kind === 'perk-prompt') this.once(`announce:${announcement.id}`, () => this.answerPrompt());
  }

  private once(key: string, run: () => void): void {
    if (this.reacted.has(key)) return;
    this.reacted.add(key);
    run();
  }

  /** About half the audience enters, over the first part of the entry window. */
  private enterLottery(state: ShowState): void {
    const lottery = state.lottery!;
    const window = this.windowMs(lottery.closesAt, 40_000);
    for (const viewer of this.share(0.55)) {
      const at = 800 + this.options.random() * window;
      const stillOpen = () => viewer.session.state.lottery?.id === lottery.id && viewer.session.state.lottery.status === 'open';
      if (lottery.mode === 'keyword' && lottery.keyword) {
        const keyword = lottery.keyword;
        this.later(at, () => stillOpen() && this.say(viewer, keyword));
      } else if (lottery.mode === 'tap') {
        this.later(at, () => stillOpen() && viewer.session.enter(lottery.id), true);
      } else if (lottery.mode === 'like-goal') {
        this.later(at, () => stillOpen() && viewer.session.like(5 + Math.floor(this.options.random() * 20)));
      }
      // watch-time: the heartbeats enter them.
    }
  }

  /** Most answer, before the time is up; the crowd leans to one option (not always the right one). */
  private answerQuiz(state: ShowState): void {
    const quiz = state.quiz!;
    const weights = quiz.options.map(() => this.options.random());
    const favourite = Math.floor(this.options.random() * quiz.options.length);
    weights[favourite] = weights[favourite]! + 1.5;
    const window = this.windowMs(quiz.closesAt, 25_000);
    for (const viewer of this.share(0.7)) {
      const choice = this.weighted(weights);
      this.later(1500 + this.options.random() * window, () => viewer.session.state.quiz?.id === quiz.id && viewer.session.answer(quiz.id, choice), true);
    }
  }

  /** First-N: a rush of claims in the first seconds. */
  private claimPerk(perkId: string): void {
    for (const viewer of this.share(0.2)) {
      this.later(500 + this.options.random() * 12_000, () => {
        viewer.session.claim(perkId);
        if (this.options.random() < 0.3) this.say(viewer, CHEERS[viewer.locale]);
      }, true);
    }
  }

  /** "Type 1 if you want it": a few do. */
  private answerPrompt(): void {
    for (const viewer of this.share(0.12)) this.later(1000 + this.options.random() * 20_000, () => this.say(viewer, '1'));
  }

  /** Milliseconds left to act in: 70% of what remains on the host's clock, at most `cap`. */
  private windowMs(closesAt: number, cap: number): number {
    const left = closesAt - (this.viewers[0]?.session.clock.now() ?? Date.now());
    return Math.max(1000, Math.min(cap, left * 0.7));
  }

  // ── Scheduling ──────────────────────────────────────────────────────────────────────────────

  private later(ms: number, run: () => void, request = false): void {
    this.tasks.push({ at: performance.now() + ms, run, request });
  }

  /** Runs what is due; host-directed requests wait their turn inside `REQUESTS_PER_SECOND`. */
  private runDueTasks(now: number, dt: number): void {
    let requests = this.paces.requests.take(REQUESTS_PER_SECOND, dt);
    const waiting: Task[] = [];
    for (const task of this.tasks) {
      if (task.at > now || (task.request && requests <= 0)) waiting.push(task);
      else {
        if (task.request) requests--;
        task.run();
      }
    }
    this.tasks = waiting;
  }

  // ── Picking ─────────────────────────────────────────────────────────────────────────────────

  private pick(): SyntheticViewer | undefined {
    return this.viewers[Math.floor(this.options.random() * this.viewers.length)];
  }

  private choose<T>(list: readonly T[]): T {
    return list[Math.floor(this.options.random() * list.length)]!;
  }

  /** A random `fraction` of the viewers joined so far. */
  private share(fraction: number): SyntheticViewer[] {
    return this.viewers.filter(() => this.options.random() < fraction);
  }

  private weighted(weights: readonly number[]): number {
    let roll = this.options.random() * weights.reduce((sum, weight) => sum + weight, 0);
    for (let index = 0; index < weights.length; index++) {
      roll -= weights[index]!;
      if (roll < 0) return index;
    }
    return weights.length - 1;
  }
}

/** Turns a rate (per second) into whole events per tick, carrying the fraction to the next tick. */
class Pace {
  private carry = 0;
  take(perSecond: number, dt: number): number {
    this.carry += (perSecond * dt) / 1000;
    const whole = Math.floor(this.carry);
    this.carry -= whole;
    return whole;
  }
}

/** One BroadcastChannel for all synthetic viewers (see the file comment for why). */
class AudienceHub {
  private readonly port: BroadcastChannel;
  private readonly peers = new Map<string, AudiencePeer>();
  /** Peers of other tabs (the host, real viewers) → when last heard. */
  private readonly others = new Map<string, number>();
  private readonly beacons = new Pace();
  private beaconOrder: string[] = [];
  private beaconCursor = 0;
  private presence = 0;

  constructor(readonly channel: string) {
    this.port = new BroadcastChannel(`linger:${channel}`);
    this.port.onmessage = (event: MessageEvent) => this.receive(event.data as Frame);
  }

  join(peer: AudiencePeer): void {
    this.peers.set(peer.userId, peer);
    this.beaconOrder.push(peer.userId);
    this.post({ kind: 'here', from: peer.userId });
    peer.presenceChanged(this.presence);
  }

  leave(peer: AudiencePeer): void {
    if (!this.peers.delete(peer.userId)) return;
    this.beaconOrder = this.beaconOrder.filter((id) => id !== peer.userId);
    this.post({ kind: 'bye', from: peer.userId });
  }

  post(frame: Frame): void {
    try {
      this.port.postMessage(frame);
    } catch {
      // Closed during unload: nobody left to tell.
    }
  }

  /** Presence beacons, each viewer once per `PRESENCE_EVERY_MS`, spread over the ticks. */
  tick(dt: number): void {
    const due = this.beacons.take((this.beaconOrder.length * 1000) / PRESENCE_EVERY_MS, dt);
    for (let i = 0; i < due && this.beaconOrder.length > 0; i++) {
      this.beaconCursor = (this.beaconCursor + 1) % this.beaconOrder.length;
      this.post({ kind: 'here', from: this.beaconOrder[this.beaconCursor]! });
    }
    this.countPresence();
  }

  close(): void {
    this.port.close();
    this.peers.clear();
  }

  private receive(frame: Frame): void {
    if (typeof frame !== 'object' || frame === null || typeof frame.from !== 'string' || this.peers.has(frame.from)) return;
    if (frame.kind === 'bye') this.others.delete(frame.from);
    else this.others.set(frame.from, Date.now());
    if (frame.kind !== 'msg' || typeof frame.data !== 'string') return;
    if (frame.to === null) for (const peer of this.peers.values()) peer.deliver(frame.data, frame.from, false);
    else this.peers.get(frame.to)?.deliver(frame.data, frame.from, true);
  }

  private countPresence(): void {
    const cutoff = Date.now() - PRESENCE_EVERY_MS * 3;
    for (const [peer, seen] of this.others) if (seen < cutoff) this.others.delete(peer);
    const presence = this.peers.size + this.others.size;
    if (presence === this.presence) return;
    this.presence = presence;
    for (const peer of this.peers.values()) peer.presenceChanged(presence);
  }
}

/** One synthetic viewer's transport: its own user id, frames through the shared hub. */
class AudiencePeer extends TransportBase implements Transport {
  readonly kind = 'broadcast';
  readonly maxPayloadBytes = MAX_PAYLOAD_BYTES;
  readonly channel: string;

  constructor(
    readonly userId: string,
    private readonly hub: AudienceHub,
  ) {
    super();
    this.channel = hub.channel;
  }

  async connect(): Promise<void> {
    this.cell.set('connecting');
    this.hub.join(this);
    this.cell.set('connected');
  }

  async publish(data: string): Promise<void> {
    this.hub.post({ kind: 'msg', from: this.userId, to: null, data });
  }

  async sendTo(userId: string, data: string): Promise<void> {
    this.hub.post({ kind: 'msg', from: this.userId, to: userId, data });
  }

  async close(): Promise<void> {
    if (this.status === 'closed') return;
    this.hub.leave(this);
    this.markClosed();
  }

  deliver(data: string, from: string, direct: boolean): void {
    this.messages.emit(data, from, direct);
  }

  presenceChanged(count: number): void {
    this.setPresence(count);
  }
}
