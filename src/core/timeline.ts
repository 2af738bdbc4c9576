/**
 * A show's timeline: every host message the show published, stamped with show time, and a bounded
 * sample of its chat — one versioned JSON document (docs/replay.md, docs/timeline.schema.json).
 * The host records it (`src/core/timeline-recorder.ts`); a replay loads it here, checked with the
 * same body schemas as the wire (`MESSAGES`), and refuses anything else with a reason.
 */
import * as v from 'valibot';
import { MAX_CHAT_LENGTH, MESSAGES, snapshotStateSchema, type BodyOf, type MessageType, type SnapshotState } from './protocol.js';

export const TIMELINE_FORMAT = 'linger-timeline';
/** The format version this build writes and reads. */
export const TIMELINE_VERSION = 1;
/** Largest timeline a replay loads (UTF-16 units of its text, ~ bytes): a 3-hour show with 100,000 chat lines is ~15 MB. */
export const MAX_TIMELINE_CHARS = 32 * 1024 * 1024;
/** Host messages a timeline keeps at most. */
export const MAX_TIMELINE_EVENTS = 20_000;
/** Chat lines a timeline keeps at most. */
export const MAX_TIMELINE_CHAT = 100_000;
/** Longest show a timeline describes (ms): 24 hours. */
export const MAX_SHOW_MS = 24 * 3600 * 1000;

/** Host messages that are not the show: answers to one viewer, clock answers, snapshots. */
const NOT_RECORDED = ['receipt', 'time.pong', 'snapshot'] as const;
/** Host message types a timeline keeps: every host type of the message table but `NOT_RECORDED`. */
export const TIMELINE_TYPES = (Object.keys(MESSAGES) as MessageType[]).filter(
  (type) => MESSAGES[type].from === 'host' && !(NOT_RECORDED as readonly string[]).includes(type),
) as TimelineType[];
/** Typed by exclusion: the table types `from` as a union, so the runtime filter above is the rule. */
export type TimelineType = Exclude<MessageType, (typeof NOT_RECORDED)[number] | 'hello' | 'time.ping' | 'enter' | 'answer' | 'claim' | 'chat' | 'likes' | 'vote'>;

/** One host message: show time `t` (ms since the show started), its envelope id, type and body. */
export interface TimelineEvent<T extends TimelineType = TimelineType> {
  t: number;
  id: string;
  type: T;
  body: BodyOf<T>;
}

/** One sampled chat line (the sender's id is not kept, only the name it showed). */
export interface TimelineChat {
  t: number;
  id: string;
  text: string;
  name?: string;
  locale?: string;
}

export interface Timeline {
  format: typeof TIMELINE_FORMAT;
  version: typeof TIMELINE_VERSION;
  /** The show id (the room's `show`, else its channel). */
  show: string;
  title?: string;
  /** Host time the show went live (epoch ms): show time 0. */
  startedAt: number;
  /** Show time of the last thing recorded (ms). */
  duration: number;
  /** The show state when recording began (a host that reloaded mid-show starts from here). */
  initial: SnapshotState;
  events: TimelineEvent[];
  chat: TimelineChat[];
  /** Chat lines seen and kept by the sample (moderation applied, deleted lines gone). */
  sample: { seen: number; kept: number };
}

const showTime = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_SHOW_MS));
const id = v.pipe(v.string(), v.regex(/^[\w:.-]{1,64}$/));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const eventSchema = v.pipe(
  v.object({ t: showTime, id, type: v.picklist(TIMELINE_TYPES), body: v.unknown() }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const event = dataset.value;
    const body = v.safeParse(MESSAGES[event.type].schema, event.body);
    if (!body.success) {
      addIssue({ message: `${event.type}: ${v.summarize(body.issues)}` });
      return NEVER;
    }
    return { t: event.t, id: event.id, type: event.type, body: body.output } as TimelineEvent;
  }),
);

const chatSchema = v.object({
  t: showTime,
  id,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_LENGTH)),
  name: v.optional(text(40)),
  locale: v.optional(text(35)),
});

/** The whole document; `parseTimeline` also checks that times never go backwards. */
export const timelineSchema = v.object({
  format: v.literal(TIMELINE_FORMAT),
  version: v.literal(TIMELINE_VERSION),
  show: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  title: v.optional(text(200)),
  startedAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
  duration: showTime,
  initial: snapshotStateSchema,
  events: v.pipe(v.array(eventSchema), v.maxLength(MAX_TIMELINE_EVENTS)),
  chat: v.pipe(v.array(chatSchema), v.maxLength(MAX_TIMELINE_CHAT)),
  sample: v.object({ seen: v.pipe(v.number(), v.integer(), v.minValue(0)), kept: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
});

/** What a room in replay mode tells its elements: loading, ready with its chapters, or failed and why. */
export interface ReplayInfo {
  status: 'loading' | 'ready' | 'failed';
  /** Chapters (src/core/timeline-index.ts), in show order. */
  chapters: ReadonlyArray<{ t: number; kind: 'product' | 'perk'; id: string; title: string }>;
  /** Show time of the timeline's end (ms). */
  duration: number;
  problem: TimelineProblem | 'unreachable' | null;
}

/** Why a timeline was refused: `too-large`, `not-json`, `invalid` (schema), `version`, `order` (times go backwards). */
export type TimelineProblem = 'too-large' | 'not-json' | 'invalid' | 'version' | 'order';
export type TimelineResult = { ok: true; timeline: Timeline } | { ok: false; problem: TimelineProblem; detail: string };

function ordered(list: ReadonlyArray<{ t: number }>): number {
  for (let i = 1; i < list.length; i++) if (list[i]!.t < list[i - 1]!.t) return i;
  return -1;
}

/**
 * Checks a timeline (its JSON text, or the parsed value): size first, then JSON, format and
 * version, every field's schema (bodies through the wire's own schemas), then order. Never throws.
 */
export function parseTimeline(input: unknown): TimelineResult {
  let json = input;
  if (typeof input === 'string') {
    if (input.length > MAX_TIMELINE_CHARS) return { ok: false, problem: 'too-large', detail: `${input.length} characters; the limit is ${MAX_TIMELINE_CHARS}` };
    try {
      json = JSON.parse(input);
    } catch {
      return { ok: false, problem: 'not-json', detail: 'not JSON' };
    }
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head === 'object' && head !== null && head.format === TIMELINE_FORMAT && head.version !== TIMELINE_VERSION) {
    return { ok: false, problem: 'version', detail: `version ${String(head.version)}; this build reads ${TIMELINE_VERSION}` };
  }
  const result = v.safeParse(timelineSchema, json);
  if (!result.success) return { ok: false, problem: 'invalid', detail: v.summarize(result.issues).slice(0, 500) };
  const timeline = result.output as Timeline;
  const event = ordered(timeline.events);
  if (event >= 0) return { ok: false, problem: 'order', detail: `events[${event}] is earlier than the event before it` };
  const line = ordered(timeline.chat);
  if (line >= 0) return { ok: false, problem: 'order', detail: `chat[${line}] is earlier than the line before it` };
  return { ok: true, timeline };
}
