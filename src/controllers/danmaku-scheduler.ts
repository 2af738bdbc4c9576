/**
 * What `<linger-overlay>` shows of the chat, decided without a DOM: it reads the show state's chat
 * lines after its cursor (`ChatLine.n`, see `src/core/state.ts`), so a message the reducer drops
 * (block word, late delete, mute) never reaches the screen or the "+N more" figure. In `danmaku`
 * mode it gives each new comment a lane (one new bullet per render), keeps at most `cap` bullets
 * and a few waiting comments, and counts the rest; in `list` mode it keeps the newest `listCap`
 * lines. Time is passed in (`now`, ms on any monotonic clock), so tests need no timers.
 * `ChatFeed` (below) follows a session's state for the element and decides when to render.
 */
import type { ChatLine } from '../core/state.js';
import { CHAT_BUFFER } from '../core/primitives.js';

/** Comment nodes the list keeps. */
export const LIST_CAP = 40;
/** Danmaku bullets alive at once. */
export const DANMAKU_CAP = 14;
/** How long a comment takes to cross the stage (ms). */
export const FLIGHT_MS = 8000;
/** How long a lane stays taken after a bullet enters it (ms), so bullets do not overlap at the edge. */
export const LANE_GAP_MS = 1400;
/** How long "+N more" stays after the last comment it counted (ms). */
export const MORE_FADE_MS = 2500;
/** How often "+N more" is refreshed while no comment can take a lane (ms). */
export const MORE_REFRESH_MS = 250;
/** Height of one danmaku lane (px). */
export const LANE_PX = 30;

export type FeedMode = 'list' | 'danmaku';

/** The parts of the show state the feed reads (`ShowState` fits). */
export interface ChatSource {
  readonly chat: readonly ChatLine[];
  /** The `n` of the newest line appended on this screen. */
  readonly chatCount: number;
  readonly deletedIds: readonly string[];
  readonly moderation: { readonly muted: readonly string[] };
}

export interface Bullet {
  line: ChatLine;
  lane: number;
  /** When the flight is over for sure (ms), even if its animation never reports the end. */
  until: number;
}

export interface SchedulerOptions {
  cap?: number;
  listCap?: number;
  flightMs?: number;
  laneGapMs?: number;
  moreFadeMs?: number;
  /** Size of the state's bounded chat buffer (lines older than it leave unseen under a flood). */
  buffer?: number;
}

/**
 * The lines of `chat` after `cursor` (oldest first) and how many lines after the cursor already
 * left the bounded buffer before they could be drawn (counted only when the buffer is full: a gap
 * in a buffer that never filled is lines the host deleted, not lines missed).
 */
export function linesAfter(chat: readonly ChatLine[], cursor: number, buffer = CHAT_BUFFER): { fresh: ChatLine[]; missed: number } {
  let start = chat.length;
  while (start > 0 && chat[start - 1]!.n > cursor) start--;
  const fresh = chat.slice(start);
  const first = fresh[0];
  const missed = first && start === 0 && chat.length >= buffer ? Math.max(0, first.n - cursor - 1) : 0;
  return { fresh, missed };
}

/** Lanes that fit a stage of this height (2–10). */
export function lanesFor(height: number): number {
  return Math.max(2, Math.min(10, Math.floor((height || 180) / LANE_PX)));
}

export class DanmakuScheduler {
  /** The `n` of the newest line this feed has taken in. */
  cursor = 0;
  /** The list mode's lines (oldest first). */
  list: readonly ChatLine[] = [];
  /** Bullets in flight (danmaku mode). */
  bullets: Bullet[] = [];
  /** The newest comments waiting for a lane, oldest first (at most one per lane). */
  waiting: ChatLine[] = [];
  /** Comments that arrived but were not shown. */
  more = 0;
  readonly cap: number;
  readonly listCap: number;
  readonly flightMs: number;
  private readonly laneGapMs: number;
  private readonly moreFadeMs: number;
  private readonly buffer: number;
  private laneCount = 5;
  private laneFreeAt: number[] = [];
  private moreAt = 0;

  constructor(options: SchedulerOptions = {}) {
    this.cap = options.cap ?? DANMAKU_CAP;
    this.listCap = options.listCap ?? LIST_CAP;
    this.flightMs = options.flightMs ?? FLIGHT_MS;
    this.laneGapMs = options.laneGapMs ?? LANE_GAP_MS;
    this.moreFadeMs = options.moreFadeMs ?? MORE_FADE_MS;
    this.buffer = options.buffer ?? CHAT_BUFFER;
  }

  get lanes(): number {
    return this.laneCount;
  }
  set lanes(count: number) {
    this.laneCount = Math.max(1, Math.floor(count) || 1);
  }

  /** Follows a (new) chat from `chatCount` on: what came before is history, not arrivals. */
  reset(chatCount = 0): void {
    this.cursor = chatCount;
    this.list = [];
    this.bullets = [];
    this.waiting = [];
    this.more = 0;
    this.laneFreeAt = [];
  }

  /** True when the source holds lines this feed has not taken in yet. */
  hasNew(source: ChatSource | null): boolean {
    return !!source && source.chatCount !== this.cursor;
  }

  /**
   * A new line arrived: `0` when the next render is worth doing (the list, or a lane is free),
   * else how long to wait before refreshing "+N more" — so a flood costs no render per frame.
   */
  renderDelay(mode: FeedMode, now: number): number {
    return mode === 'list' || this.canLaunch(now) ? 0 : MORE_REFRESH_MS;
  }

  /** A bullet could start now: fewer than `cap` flying and a lane free. */
  canLaunch(now: number): boolean {
    return this.bullets.length < this.cap && this.freeLane(now) >= 0;
  }

  /**
   * Takes in the lines after the cursor and decides what is shown: the list's newest lines, or (in
   * danmaku) at most one new bullet; what cannot be shown is added to "+N more".
   */
  advance(source: ChatSource | null, mode: FeedMode, now: number): void {
    const chat = source?.chat ?? [];
    // A state that starts over (another session) restarts the count; nothing in it is an arrival.
    if (source && source.chatCount < this.cursor) this.reset(source.chatCount);
    const { fresh, missed } = linesAfter(chat, this.cursor, this.buffer);
    if (source) this.cursor = source.chatCount;
    let dropped = 0;
    if (mode === 'list') {
      this.bullets = [];
      this.waiting = [];
      this.list = chat.length > this.listCap ? chat.slice(-this.listCap) : chat;
      dropped = Math.max(0, fresh.length + missed - this.listCap);
    } else {
      this.list = [];
      // Deleted or muted lines leave at once; finished flights go too. (Not "still in state.chat":
      // under a flood a line leaves that bounded buffer long before its flight ends.)
      const deleted = source?.deletedIds ?? [];
      const muted = source?.moderation.muted ?? [];
      const allowed = (line: ChatLine) => !(deleted.length && deleted.includes(line.id)) && !(muted.length && muted.includes(line.from));
      this.bullets = this.bullets.filter((bullet) => bullet.until > now && allowed(bullet.line));
      // Under a flood the newest comments are the ones worth a lane: a few wait, older ones are counted.
      const waiting = fresh.length || this.waiting.length ? [...this.waiting, ...fresh].filter(allowed) : this.waiting;
      const excess = Math.max(0, waiting.length - this.laneCount);
      dropped = missed + excess;
      this.waiting = excess > 0 ? waiting.slice(excess) : waiting;
      // One new bullet per render: each start lays out a new comment, and text in a script the page
      // has not shown yet can cost a font lookup — several at once make one long frame.
      const lane = this.waiting.length && this.bullets.length < this.cap ? this.freeLane(now) : -1;
      if (lane >= 0) {
        this.laneFreeAt[lane] = now + this.laneGapMs;
        this.bullets.push({ line: this.waiting.shift()!, lane, until: now + this.flightMs + 500 });
      }
    }
    if (dropped > 0) {
      this.more += dropped;
      this.moreAt = now;
    } else if (this.more > 0 && now - this.moreAt > this.moreFadeMs) this.more = 0;
  }

  /** After a render: ms until the next waiting comment can start, or `null` when none waits for a lane. */
  followUpIn(now: number): number | null {
    if (!this.waiting.length || this.bullets.length >= this.cap) return null;
    return this.nextLaneIn(now);
  }

  /** A bullet's flight ended. Returns true when it was still listed. */
  landed(id: string): boolean {
    const before = this.bullets.length;
    this.bullets = this.bullets.filter((bullet) => bullet.line.id !== id);
    return this.bullets.length !== before;
  }

  private freeLane(now: number): number {
    for (let lane = 0; lane < this.laneCount; lane++) if ((this.laneFreeAt[lane] ?? 0) <= now) return lane;
    return -1;
  }

  /** Milliseconds until a lane is free (0 when one is). */
  private nextLaneIn(now: number): number {
    let wait = Infinity;
    for (let lane = 0; lane < this.laneCount; lane++) wait = Math.min(wait, (this.laneFreeAt[lane] ?? 0) - now);
    return Math.max(0, wait);
  }
}

/** What {@link ChatFeed} needs of a session: its state now and its changes. */
export interface ChatSession {
  readonly state: ChatSource;
  readonly $state: { listen(listener: (state: ChatSource) => void): () => void };
}

/** What {@link ChatFeed} needs of its element (a lit element fits). */
export interface FeedHost {
  requestUpdate(): void;
  readonly isUpdatePending: boolean;
}

/**
 * Follows one session's chat for an element: on each state change that brought new lines it asks
 * for a render when one is worth it (the list; danmaku with a lane free), else refreshes "+N more"
 * a few times a second — so a flood costs no render per frame. After a render it plans the next
 * one when a comment waits for a lane. The element calls `scheduler.advance()` when it renders.
 */
export class ChatFeed {
  private session: ChatSession | null = null;
  private stopListening: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: FeedHost,
    /** The layout the element draws now (danmaku turns into the list under reduced motion). */
    private readonly mode: () => FeedMode,
    readonly scheduler = new DanmakuScheduler(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Follows `session` (the same one again changes nothing); lines already in it are history. */
  follow(session: ChatSession | null): void {
    if (session === this.session) return;
    this.stopListening?.();
    this.stopListening = undefined;
    this.session = session;
    this.scheduler.reset(session?.state.chatCount ?? 0);
    if (session) {
      this.stopListening = session.$state.listen((state) => {
        if (!this.scheduler.hasNew(state) || this.host.isUpdatePending) return;
        const delay = this.scheduler.renderDelay(this.mode(), this.now());
        if (delay === 0) this.host.requestUpdate();
        else this.later(delay);
      });
    }
  }

  /** After a render: the next waiting comment starts in the next frame, or when a lane frees up. */
  rendered(): void {
    const wait = this.scheduler.followUpIn(this.now());
    if (wait === null) return;
    if (wait <= 0) queueMicrotask(() => this.host.requestUpdate());
    else this.later(wait);
  }

  /** Stops following and drops the planned render (the element left the page for good). */
  stop(): void {
    this.follow(null);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private later(delay: number): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, delay);
  }
}
