/**
 * The host records its show's timeline (docs/replay.md): every host message it publishes, and a
 * sample of the chat it applied — so block words and mutes are already applied, and a line the host
 * deletes later (or a viewer it mutes) leaves the sample. Bounded: at most `MAX_TIMELINE_EVENTS`
 * host messages and `MAX_TIMELINE_CHAT` lines, at most `CHAT_PER_SECOND` lines per second of show.
 */
import type { Inbound } from './protocol.js';
import type { RoomSession } from './session.js';
import { initialState, toSnapshot } from './state.js';
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

export class TimelineRecorder {
  private readonly events: Recorded[] = [];
  private chat: RecordedChat[] = [];
  private initial: Timeline['initial'] | null = null;
  private seen = 0;
  private second = -1;
  private inSecond = 0;
  private stop: (() => void) | null = null;
  private session: RoomSession | null = null;
  /** Host messages over the cap, not kept. */
  dropped = 0;

  constructor(
    /** The show id written into the document. */
    private readonly show: () => string,
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
    if (this.events.length >= MAX_TIMELINE_EVENTS) {
      this.dropped++;
      return;
    }
    this.events.push({ at: message.at, id: message.id, type: message.type as TimelineType, body: message.body });
    if (message.type === 'moderate') this.moderate((message as Inbound<'moderate'>).body);
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
    this.chat.push({ at: message.at, from: message.sender, line });
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
    this.follow(null);
  }
}
