/**
 * Turns a room session's activity into `LingerEvent`s and hands them to sinks once consent allows.
 *
 * - Local viewer activity comes from `session.onTrack`, called where it happens: the player's
 *   `session_start` and `heartbeat`, the session's `chat` (once sent), `lottery_enter`,
 *   `quiz_answer`, `perk_claim`, `vote_cast` and `topic_answer`, the product's `add_to_cart`,
 *   `product_view` and `share`; `tier_verified` once the host verified the viewer's tier. The
 *   viewer's own likes come from `session.onMessage` (batched below).
 * - The show's timeline (perk announced/dropped, lottery opened/drawn, quiz asked/revealed, product
 *   pinned, topic posted, vote opened/closed with its result, show live/ended) comes from host messages. Every page emits it with an id derived from
 *   the host message id (`tl-<message id>`), so the collector keeps exactly one copy.
 * - Likes are batched: one `like` event per 10 s at most, with the count.
 * - Before consent nothing leaves the page and nothing is stored: events wait in memory (at most
 *   `maxHeld`, oldest dropped and counted) without a viewer id; on consent they get the viewer's
 *   pseudonymous id (created then, and persisted) and go to the sinks.
 */
import { randomId, type BodyOf, type Inbound } from '../core/protocol.js';
import { tierOf } from '../core/primitives.js';
import { clip } from '../core/primitives.js';
import type { RoomSession } from '../core/session.js';
import type { ConsentGate } from './consent.js';
import { realScheduler, type EventSink, type Scheduler } from './sink.js';
import { EVENT_PROPS, type EventType, type LingerEvent, type PropsOf, type TimelineKind } from './types.js';
import { safeLocalStorage } from '../utilities/storage.js';
import { MAX_HEARTBEAT_SECONDS } from '../core/viewer-record.js';
import { VIEWER_ID_PATTERN, newViewerId } from '../utilities/user-id.js';

/** localStorage key of the persistent pseudonymous viewer id (written only with consent). */
export const VIEWER_ID_KEY = 'linger-viewer-id';
const LIKE_WINDOW_MS = 10_000;

export interface ViewerEventsOptions {
  session: RoomSession;
  consent: ConsentGate;
  /** Show id: the room's channel (or its `show` attribute). */
  show: () => string;
  /** The clock events are stamped with (default: the session's host-synchronised clock). */
  now?: () => number;
  locale: () => string;
  /** The page session id (one per page load; the room keeps it across reconnects). */
  sessionId: string;
  storage?: Storage | null;
  scheduler?: Scheduler;
  /** Events held in memory before consent, at most. Default 2 000. */
  maxHeld?: number;
}

export class ViewerEvents {
  /** Events dropped because the pre-consent memory queue was full. */
  heldOverflow = 0;
  private readonly sinks = new Set<EventSink>();
  private held: LingerEvent[] = [];
  private readonly cleanups: Array<() => void> = [];
  private readonly scheduler: Scheduler;
  private readonly storage: Storage | null;
  private viewerId = '';
  private likes = 0;
  private likeTimer: unknown = null;
  private started = false;
  private ended = false;
  /** The verified tier last reported. */
  private tier = '';
  private disposed = false;

  constructor(private readonly options: ViewerEventsOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.storage = options.storage !== undefined ? options.storage : safeLocalStorage();
    const { session, consent } = options;
    this.cleanups.push(
      session.onMessage((message) => this.onMessage(message)),
      session.onTrack((type, props) => this.onTrack(type, props)),
      consent.onChange((allowed) => allowed && this.release()),
    );
    if (consent.granted) this.release();
    // A tier verified before this pipeline existed: reported once the caller has added its sinks.
    if (!session.isHost) queueMicrotask(() => !this.disposed && this.followTier());
  }

  addSink(sink: EventSink): void {
    this.sinks.add(sink);
  }
  removeSink(sink: EventSink): void {
    this.sinks.delete(sink);
  }

  /** The pseudonymous viewer id; empty until consent allows one (docs/events.md). */
  get viewer(): string {
    return this.viewerId;
  }

  /** Events waiting for consent. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Records one event (public so elements without a session hook can add theirs). */
  emit<T extends EventType>(type: T, props: PropsOf<T>, extra: { id?: string; at?: number } = {}): LingerEvent<T> {
    const event: LingerEvent<T> = {
      id: extra.id ?? `e-${randomId(16)}`,
      type,
      at: Math.round(extra.at ?? this.now()),
      show: this.options.show(),
      viewerId: this.viewerId,
      sessionId: this.options.sessionId,
      locale: this.options.locale(),
      props,
    };
    // A replay's events say so (their show id is the replay's too, set by the room).
    if (this.options.session.replay) event.replay = true;
    if (this.options.consent.granted && this.viewerId) this.deliver(event);
    else {
      this.held.push(event);
      if (this.held.length > (this.options.maxHeld ?? 2000)) {
        this.held.shift();
        this.heldOverflow++;
      }
    }
    return event;
  }

  /** Page hidden (`final`) or an explicit flush: batched likes go out, sinks send. */
  flush(options: { final?: boolean } = {}): void {
    this.flushLikes();
    if (!this.options.consent.granted) return;
    for (const sink of this.sinks) {
      try {
        void sink.flush?.(options);
      } catch (error) {
        console.error('[linger] sink flush failed', error);
      }
    }
  }

  /** The page is going away: `session_end` (if a session started), then a final flush. */
  pageHide(): void {
    if (this.started && !this.ended) {
      this.ended = true;
      // The one watch-time total: the session's, fed by the same heartbeats.
      this.emit('session_end', { seconds: round1(this.options.session.viewer.watched) });
    }
    this.flush({ final: true });
  }

  /** Back from the bfcache: the page session continues. */
  pageShow(): void {
    this.ended = false;
  }

  dispose(): void {
    this.disposed = true;
    this.flushLikes();
    this.scheduler.clearTimeout(this.likeTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.sinks.clear();
  }

  // ── mapping ─────────────────────────────────────────────────────────────────────────────────

  private now(): number {
    if (this.options.now) return this.options.now();
    try {
      return this.options.session.clock.now();
    } catch {
      return this.scheduler.now();
    }
  }

  private onTrack(type: string, props: Record<string, unknown>): void {
    if (!(type in EVENT_PROPS) || type === 'timeline') return;
    if (type === 'heartbeat') {
      const seconds = Math.min(MAX_HEARTBEAT_SECONDS, Math.max(0, Number(props.seconds) || 0));
      if (seconds <= 0) return;
      this.emit('heartbeat', { seconds: round1(seconds) });
      return;
    }
    if (type === 'session_start') {
      if (this.started && !this.ended) return; // once per page session
      this.started = true;
      this.ended = false;
    }
    if (type === 'session_end') return; // the room emits it on page hide
    this.emit(type as EventType, clean(props, EVENT_PROPS[type as EventType]) as never);
  }

  private onMessage(message: Inbound): void {
    const { session } = this.options;
    if (message.fromHost) this.timeline(message);
    if ((message.type === 'tier' || message.type === 'snapshot') && !session.isHost) this.followTier();
    if (message.sender !== session.userId || session.isHost) return;
    if (message.type === 'likes') {
      this.likes += (message.body as { n: number }).n;
      if (this.likeTimer === null) this.likeTimer = this.scheduler.setTimeout(() => this.flushLikes(), LIKE_WINDOW_MS);
    }
  }

  private timeline(message: Inbound): void {
    const mark = (kind: TimelineKind, ref?: string, label?: string) => {
      const props: PropsOf<'timeline'> = { kind };
      if (ref) props.ref = ref;
      if (label) props.label = clip(label, 120);
      this.emit('timeline', props, { id: `tl-${message.id}`, at: message.at });
    };
    const body = message.body as Record<string, unknown> & { id?: string };
    switch (message.type) {
      case 'show': {
        const phase = body.phase as string;
        if (phase === 'live') mark('show_live', undefined, body.title as string | undefined);
        else if (phase === 'ended') mark('show_ended');
        break;
      }
      case 'announce':
        if (body.kind === 'perk-prompt') mark('perk_announced', undefined, body.text as string);
        break;
      case 'perk.drop':
        mark('perk_dropped', body.id, body.title as string);
        break;
      case 'lottery.open':
        mark('lottery_opened', body.id, body.prize as string);
        break;
      case 'lottery.draw':
        mark('lottery_drawn', body.id);
        if ((body.winnerIds as string[]).includes(this.options.session.userId)) {
          this.emit('lottery_win', { lottery: body.id! }, { at: message.at });
        }
        break;
      case 'quiz.ask':
        mark('quiz_asked', body.id, body.question as string);
        break;
      case 'quiz.reveal':
        mark('quiz_revealed', body.id);
        break;
      case 'topic':
        if (body.text) mark('topic_posted', body.id, body.text as string);
        break;
      case 'vote.open':
        mark('vote_opened', body.id, body.question as string);
        break;
      case 'vote.close':
        this.voteResult(message, body as unknown as BodyOf<'vote.close'>);
        break;
      case 'pin': {
        const product = body.product as { id: string; title: string } | null;
        if (product) mark('product_pinned', product.id, product.title);
        break;
      }
    }
  }

  /**
   * A closed vote: its mark (the question, the winning option) and one `vote_result` per option with
   * the counts the host published. The option labels come from the vote as it opened (the state).
   */
  private voteResult(message: Inbound, body: BodyOf<'vote.close'>): void {
    const vote = this.options.session.state.vote;
    const opened = vote?.id === body.id ? vote : null;
    const closed: PropsOf<'timeline'> = { kind: 'vote_closed', ref: body.id };
    if (opened) closed.label = clip(opened.question, 120);
    if (body.winner !== undefined) closed.option = body.winner;
    this.emit('timeline', closed, { id: `tl-${message.id}`, at: message.at });
    body.counts.forEach((votes, option) => {
      const props: PropsOf<'timeline'> = { kind: 'vote_result', ref: body.id, option, votes };
      const label = opened?.options[option]?.label;
      if (label) props.label = clip(label, 120);
      this.emit('timeline', props, { id: `tl-${message.id}-${option}`, at: message.at });
    });
  }

  /** The viewer's tier, once the host verified it (docs/tiers.md): the report counts by it. */
  private followTier(): void {
    const { session } = this.options;
    const tier = tierOf(session.state, session.userId);
    if (!tier || tier === this.tier) return;
    this.tier = tier;
    this.emit('tier_verified', { tier: clip(tier, 64) });
  }

  private flushLikes(): void {
    this.scheduler.clearTimeout(this.likeTimer);
    this.likeTimer = null;
    if (this.likes === 0) return;
    const count = this.likes;
    this.likes = 0;
    this.emit('like', { count });
  }

  // ── consent ─────────────────────────────────────────────────────────────────────────────────

  private release(): void {
    this.viewerId ||= this.persistentViewerId();
    const held = this.held;
    this.held = [];
    for (const event of held) {
      event.viewerId = this.viewerId;
      this.deliver(event);
    }
  }

  /** Called only with consent: reads or creates the stored pseudonymous id. */
  private persistentViewerId(): string {
    try {
      const stored = this.storage?.getItem(VIEWER_ID_KEY);
      if (stored && VIEWER_ID_PATTERN.test(stored)) return stored;
      const id = newViewerId();
      this.storage?.setItem(VIEWER_ID_KEY, id);
      return id;
    } catch {
      return newViewerId();
    }
  }

  private deliver(event: LingerEvent): void {
    for (const sink of this.sinks) {
      try {
        sink.accept(event);
      } catch (error) {
        console.error('[linger] sink failed', error);
      }
    }
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Keeps JSON-safe scalar props only (strings capped at 200 characters). */
/**
 * Keeps the props the event type declares (types.ts), as scalars: whatever else an element or a
 * merchant's code passes to `track()` — an email, a name — never leaves the page.
 */
function clean(props: Record<string, unknown>, declared: object): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(props)) {
    if (!Object.hasOwn(declared, key)) continue;
    if (typeof value === 'string') out[key] = clip(value, 200);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') out[key] = value;
  }
  return out;
}
