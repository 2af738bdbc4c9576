/**
 * A loaded timeline, indexed so that "the show at show time t" is a binary search plus a few
 * reductions, never a replay from zero: the show state is kept after every `KEYFRAME_EVERY` host
 * messages, and the chat at t is a slice of the (time-sorted) sample. Pure and DOM-free; the replay
 * session (src/core/timeline-session.ts) asks it on every frame the player moved.
 */
import type { Inbound } from './protocol.js';
import { CHAT_BUFFER, initialState, reduce, type ChatLine, type ShowState } from './state.js';
import type { Timeline, TimelineEvent } from './timeline.js';

/** Host messages between two stored states: a seek reduces at most this many. */
export const KEYFRAME_EVERY = 32;
const EPOCH = 'replay';

/** A chapter of the replay: a product pinned, a perk dropped (docs/replay.md). */
export interface Chapter {
  /** Show time (ms). */
  t: number;
  kind: 'product' | 'perk';
  /** The product's or perk's id: `chapter="<id>"` opens the replay here. */
  id: string;
  title: string;
}

/** The first index in `list` whose `t` is above `t` (so `index - 1` is the last at or before it). */
export function upperBound(list: ReadonlyArray<{ t: number }>, t: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.t <= t) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class TimelineIndex {
  readonly chapters: readonly Chapter[];
  /** `keyframes[k]` is the state after the first `k * KEYFRAME_EVERY` events (chat left out). */
  private readonly keyframes: ShowState[] = [];
  private last: { events: number; chat: number; base: number; state: ShowState } | null = null;

  constructor(readonly timeline: Timeline) {
    const { events } = timeline;
    let state: ShowState = { ...initialState(), ...timeline.initial, epoch: EPOCH };
    for (let i = 0; i <= events.length; i++) {
      if (i % KEYFRAME_EVERY === 0) this.keyframes.push(state);
      if (i < events.length) state = this.apply(state, events[i]!);
    }
    this.chapters = chaptersOf(events);
  }

  /** Show time (ms) of the end of the timeline. */
  get duration(): number {
    return this.timeline.duration;
  }

  /** Host time (epoch ms) at show time `t`. */
  hostTime(t: number): number {
    return this.timeline.startedAt + t;
  }

  /**
   * The show as it was at show time `t` (ms): host state after every event at or before `t`, and the
   * last `CHAT_BUFFER` sampled lines at or before `t`. A line's `n` is its place in the sample after
   * `chatBase` lines: a chat feed draws the lines after its cursor, and a replay that jumps passes a
   * new base (`chatLinesAt`), so the count drops and the feed starts over — the lines jumped over are
   * history, not arrivals. The same object while nothing changed; only the chat fields change when
   * only the chat did.
   */
  stateAt(t: number, chatBase = 0): ShowState {
    const events = upperBound(this.timeline.events, t);
    const chat = upperBound(this.timeline.chat, t);
    const last = this.last;
    if (last && last.events === events && last.chat === chat && last.base === chatBase) return last.state;
    // Only the chat moved: the host fields keep their identity, so elements that draw no chat skip it.
    const host = last && last.events === events ? last.state : this.hostStateAfter(events);
    const state = { ...host, ...this.chatBefore(chat, chatBase) };
    this.last = { events, chat, base: chatBase, state };
    return state;
  }

  /** Chat lines of the sample at or before show time `t`. */
  chatLinesAt(t: number): number {
    return upperBound(this.timeline.chat, t);
  }

  /** The sorted entrant list a draw published, if every part of it is in the timeline before `t`. */
  entrantsOf(lottery: string, t: number): string[] | null {
    return this.listOf('lottery.entrants', lottery, t);
  }

  /** The sorted ballot list a vote published, if every part of it is in the timeline before `t`. */
  ballotsOf(vote: string, t: number): string[] | null {
    return this.listOf('vote.ballots', vote, t);
  }

  private listOf(type: 'lottery.entrants' | 'vote.ballots', id: string, t: number): string[] | null {
    const end = upperBound(this.timeline.events, t);
    const parts = new Map<number, string[]>();
    let total = 0;
    for (let i = 0; i < end; i++) {
      const event = this.timeline.events[i]!;
      if (event.type !== type) continue;
      const body = event.body as TimelineEvent<'lottery.entrants' | 'vote.ballots'>['body'];
      if (body.id !== id) continue;
      if (body.parts !== total) parts.clear();
      total = body.parts;
      parts.set(body.part, 'ids' in body ? body.ids : body.ballots);
    }
    if (total === 0 || parts.size !== total) return null;
    const list: string[] = [];
    for (let part = 0; part < total; part++) list.push(...(parts.get(part) ?? []));
    return list;
  }

  private hostStateAfter(count: number): ShowState {
    const k = Math.floor(count / KEYFRAME_EVERY);
    let state = this.keyframes[k]!;
    for (let i = k * KEYFRAME_EVERY; i < count; i++) state = this.apply(state, this.timeline.events[i]!);
    return state;
  }

  private chatBefore(end: number, base: number): Pick<ShowState, 'chat' | 'chatCount'> {
    const start = Math.max(0, end - CHAT_BUFFER);
    const chat: ChatLine[] = [];
    for (let i = start; i < end; i++) {
      const { t, id, text, name, locale } = this.timeline.chat[i]!;
      const line: ChatLine = { n: i + 1 - base, id, from: '', text, at: this.hostTime(t) };
      if (name) line.name = name;
      if (locale) line.locale = locale;
      chat.push(line);
    }
    return { chat, chatCount: end - base };
  }

  /** One recorded host message through the show's own reducer, as every screen applied it live. */
  private apply(state: ShowState, event: TimelineEvent): ShowState {
    const message = {
      v: 1,
      type: event.type,
      id: event.id,
      at: this.hostTime(event.t),
      seq: state.hostSeq + 1,
      ep: EPOCH,
      body: event.body,
      sender: 'host',
      fromHost: true,
      direct: false,
    } as Inbound;
    const next = reduce(state, message);
    // A message the reducer ignores (a tally for another lottery) still takes its place in the sequence.
    return next === state ? { ...state, hostSeq: message.seq! } : next;
  }
}

/** Pins of a product and first drops of a perk, in show order; one chapter per product or perk. */
function chaptersOf(events: readonly TimelineEvent[]): Chapter[] {
  const chapters: Chapter[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    let chapter: Chapter | null = null;
    if (event.type === 'pin') {
      const product = (event.body as TimelineEvent<'pin'>['body']).product;
      if (product) chapter = { t: event.t, kind: 'product', id: product.id, title: product.title };
    } else if (event.type === 'perk.drop') {
      const perk = event.body as TimelineEvent<'perk.drop'>['body'];
      chapter = { t: event.t, kind: 'perk', id: perk.id, title: perk.title };
    }
    if (chapter && !seen.has(`${chapter.kind}:${chapter.id}`)) {
      seen.add(`${chapter.kind}:${chapter.id}`);
      chapters.push(chapter);
    }
  }
  return chapters;
}
