/**
 * The host records its show's timeline (docs/replay.md): every host message it publishes, and a
 * sample of the chat it applied — so block words and mutes are already applied, and a line the host
 * deletes later (or a viewer it mutes) leaves the sample. Bounded: at most `MAX_TIMELINE_EVENTS`
 * host messages and `MAX_TIMELINE_CHAT` lines, at most `CHAT_PER_SECOND` lines per second of show.
 *
 * With a store (src/core/timeline-store.ts, IndexedDB in the host console) every kept item is also
 * written there, so a host tab that reloads resumes the same recording: the reloaded recorder loads
 * what was stored under the show's id and records on after it. One recording is one show: a `show`
 * message going live with another start time begins a new one.
 */
import type { Inbound } from './protocol.js';
import type { RoomSession } from './session.js';
import { initialState, toSnapshot } from './state.js';
import type { StoredItem, StoredMeta, TimelineStore } from './timeline-store.js';
import { MAX_SHOW_MS, MAX_TIMELINE_CHAT, MAX_TIMELINE_EVENTS, TIMELINE_FORMAT, TIMELINE_TYPES, TIMELINE_VERSION, type Timeline, type TimelineChat, type TimelineEvent, type TimelineType } from './timeline.js';

/** Chat lines kept per second of show time: a replay shows the conversation's pace, not every line. */
export const CHAT_PER_SECOND = 4;

const RECORDED: ReadonlySet<string> = new Set(TIMELINE_TYPES);

interface Recorded {
  at: number;
  id: string;
  type: TimelineType;
  body: unknown;
}
interface RecordedChat {
  at: number;
  from: string;
  line: Omit<TimelineChat, 't'>;
}

/** Items waiting to be written, at most this long (a reload loses at most that much). */
const FLUSH_MS = 200;

export class TimelineRecorder {
  private events: Recorded[] = [];
  private chat: RecordedChat[] = [];
  private initial: Timeline['initial'] | null = null;
  private seen = 0;
  private second = -1;
  private inSecond = 0;
  private stop: (() => void) | null = null;
  private session: RoomSession | null = null;
  /** Host messages over the cap, not kept. */
  dropped = 0;
  /** The recording's show start (its `show` message going live), once known. */
  private startedAt: number | null = null;
  /** Items kept and not yet written to the store. */
  private pending: StoredItem[] = [];
  private key = '';
  private writes: Promise<void> = Promise.resolve();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves once what the store held has been taken back (at once without a store). */
  restored: Promise<void> = Promise.resolve();
  /** Items taken back from the store (after a reload). */
  resumed = 0;

  constructor(
    /** The show id written into the document (and the recording's key in the store). */
    private readonly show: () => string,
    private readonly store: TimelineStore | null = null,
  ) {}

  /** Follows a host session (a reconnect hands over a new one; what was recorded stays). */
  follow(session: RoomSession | null): void {
    if (session === this.session) return;
    this.stop?.();
    this.stop = null;
    this.session = session;
    if (!session || !session.isHost) return;
    this.initial ??= toSnapshot(session.state);
    this.stop = session.onMessage((message) => this.observe(message));
    if (this.store && !this.key) {
      this.key = this.show() || 'show';
      this.restored = this.restore(this.store, this.key);
    }
  }

  /** Takes back the stored recording: its items first, then those kept since this page began. */
  private async restore(store: TimelineStore, key: string): Promise<void> {
    let stored;
    try {
      stored = await store.load(key);
    } catch (error) {
      console.warn('[linger] the stored timeline could not be read; recording from here', error);
    }
    // Only a recording that went live is resumed (before that, the show state is in `initial`).
    if (!stored || stored.meta.startedAt === null) return;
    const since = this.pending;
    const another = this.startedAt !== null && stored.meta.startedAt !== null && stored.meta.startedAt !== this.startedAt;
    if (another) {
      // This page went live with a new show: the stored one is over.
      this.writes = this.writes.then(() => store.remove(key)).catch(() => undefined);
      return;
    }
    const ids = new Set(stored.items.map((item) => (item.kind === 'event' ? item.id : `chat:${item.line.id}`)));
    const items = [...stored.items, ...since.filter((item) => !ids.has(item.kind === 'event' ? item.id : `chat:${item.line.id}`))];
    this.events = [];
    this.chat = [];
    for (const item of items) this.keep(item);
    this.resumed = stored.items.length;
    this.seen += stored.meta.seen;
    this.dropped += stored.meta.dropped;
    this.startedAt ??= stored.meta.startedAt;
    if (stored.meta.initial) this.initial = stored.meta.initial as Timeline['initial'];
  }

  /** Adds a kept item to the recording (the live path and the restore path alike). */
  private keep(item: StoredItem): void {
    if (item.kind === 'chat') {
      if (this.chat.length < MAX_TIMELINE_CHAT) this.chat.push({ at: item.at, from: item.from, line: item.line });
      return;
    }
    if (this.events.length >= MAX_TIMELINE_EVENTS) return;
    this.events.push({ at: item.at, id: item.id, type: item.type as TimelineType, body: item.body });
    if (item.type === 'moderate') this.moderate(item.body as Inbound<'moderate'>['body']);
  }

  /** Keeps an item and queues it for the store. */
  private record(item: StoredItem): void {
    this.keep(item);
    if (!this.store) return;
    this.pending.push(item);
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending (after the restore). Resolves once written. */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const store = this.store;
    if (!store || !this.key) return this.writes;
    this.writes = this.writes
      .then(() => this.restored)
      .then(() => {
        const items = this.pending;
        this.pending = [];
        const meta: StoredMeta = { initial: this.initial, seen: this.seen, dropped: this.dropped, startedAt: this.startedAt, updated: Date.now() };
        return store.append(this.key, items, meta);
      })
      .catch((error: unknown) => console.warn('[linger] the timeline could not be stored; it is still recorded in this tab', error));
    return this.writes;
  }

  /** A new show (going live with another start time): the recording starts over. */
  private startOver(): void {
    this.events = [];
    this.chat = [];
    this.seen = 0;
    this.dropped = 0;
    this.pending = [];
    if (this.session) this.initial = toSnapshot(this.session.state);
    const store = this.store;
    if (store && this.key) {
      const key = this.key;
      this.writes = this.writes.then(() => this.restored).then(() => store.remove(key)).catch(() => undefined);
    }
  }

  /** True once the show it follows has ended. */
  get ended(): boolean {
    return this.session?.state.show.phase === 'ended';
  }

  /** Host messages and chat lines recorded so far. */
  get size(): { events: number; chat: number } {
    return { events: this.events.length, chat: this.chat.length };
  }

  private observe(message: Inbound): void {
    if (message.type === 'chat') return this.observeChat(message as Inbound<'chat'>);
    // A reloaded host takes its show back from a snapshot: that is where the recording starts.
    if (message.type === 'snapshot' && this.events.length === 0 && this.session) this.initial = toSnapshot(this.session.state);
    if (!message.fromHost || message.seq === undefined || !RECORDED.has(message.type)) return;
    if (message.type === 'show') {
      const body = (message as Inbound<'show'>).body;
      if (body.phase === 'live' && typeof body.startedAt === 'number') {
        if (this.startedAt !== null && body.startedAt !== this.startedAt) this.startOver();
        this.startedAt = body.startedAt;
      }
    }
    if (this.events.length >= MAX_TIMELINE_EVENTS) {
      this.dropped++;
      return;
    }
    this.record({ kind: 'event', at: message.at, id: message.id, type: message.type, body: message.body });
  }

  private observeChat(message: Inbound<'chat'>): void {
    this.seen++;
    const second = Math.floor(message.at / 1000);
    if (second !== this.second) {
      this.second = second;
      this.inSecond = 0;
    }
    if (this.inSecond >= CHAT_PER_SECOND || this.chat.length >= MAX_TIMELINE_CHAT) return;
    this.inSecond++;
    const { text, name, locale } = message.body;
    const line: RecordedChat['line'] = { id: message.id, text };
    if (name) line.name = name;
    if (locale) line.locale = locale;
    this.record({ kind: 'chat', at: message.at, from: message.sender, line });
  }

  /** Deleted lines and muted viewers' lines leave the sample: they are never kept. */
  private moderate(body: Inbound<'moderate'>['body']): void {
    const gone = new Set(body.deleteIds ?? []);
    const muted = new Set(body.mute ?? []);
    if (gone.size || muted.size) this.chat = this.chat.filter((entry) => !gone.has(entry.line.id) && !muted.has(entry.from));
  }

  /** The timeline so far, as the versioned document (docs/replay.md). */
  document(): Timeline {
    const state = this.session?.state;
    const first = this.events[0]?.at ?? this.chat[0]?.at ?? 0;
    const startedAt = Math.max(0, Math.round(state?.show.startedAt ?? this.initial?.show.startedAt ?? first));
    const showTime = (at: number) => Math.min(MAX_SHOW_MS, Math.max(0, Math.round(at - startedAt)));
    // Host messages are recorded in sequence; chat arrives stamped by each viewer's clock: sorted by time.
    let last = 0;
    const events = this.events.map(({ at, id, type, body }) => {
      last = Math.max(last, showTime(at));
      return { t: last, id, type, body } as TimelineEvent;
    });
    const chat = this.chat.map(({ at, line }) => ({ t: showTime(at), ...line })).sort((a, b) => a.t - b.t);
    const duration = Math.max(last, chat[chat.length - 1]?.t ?? 0);
    const initial = this.initial ?? toSnapshot(initialState());
    const timeline: Timeline = {
      format: TIMELINE_FORMAT,
      version: TIMELINE_VERSION,
      show: this.show() || 'show',
      startedAt,
      duration,
      initial,
      events,
      chat,
      sample: { seen: this.seen, kept: chat.length },
    };
    const title = state?.show.title ?? initial?.show.title;
    if (title) timeline.title = title;
    return timeline;
  }

  close(): void {
    if (this.pending.length) void this.flush();
    this.follow(null);
  }
}
