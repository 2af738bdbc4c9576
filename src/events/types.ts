/**
 * Viewer events: one typed table of event types and their props. The TypeScript types and the JSON
 * Schema in docs/events.md are both derived from `EVENT_PROPS` (a test checks the document against
 * `eventJsonSchema()`), so the two cannot drift apart.
 */

type PropKind = 'string' | 'integer' | 'number' | 'boolean';
interface PropSpec {
  kind: PropKind;
  required?: boolean;
  description: string;
  /** Allowed values (strings only). */
  values?: readonly string[];
}

const s = (description: string, required = true): PropSpec => ({ kind: 'string', required, description });
const int = (description: string, required = true): PropSpec => ({ kind: 'integer', required, description });

/**
 * Show timeline kinds the report annotates its curve with (emitted from host messages). `vote_result`
 * is no mark: one per option of a closed vote, it carries the result the host published.
 */
export const TIMELINE_KINDS = [
  'show_live',
  'show_ended',
  'perk_announced',
  'perk_dropped',
  'lottery_opened',
  'lottery_drawn',
  'quiz_asked',
  'quiz_revealed',
  'product_pinned',
  'topic_posted',
  'vote_opened',
  'vote_closed',
  'vote_result',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Every event type with its props. Extend here; everything else (types, schema, docs) follows. */
export const EVENT_PROPS = {
  session_start: {},
  heartbeat: { seconds: { kind: 'number', required: true, description: 'Visible and playing seconds since the previous heartbeat (0–60).' } },
  session_end: { seconds: { kind: 'number', required: true, description: 'Visible and playing seconds in the whole page session.' } },
  chat: { message: s('Protocol message id of the chat line (the text itself is not collected).'), length: int('Characters in the message.') },
  like: { count: int('Likes since the previous like event (batched, at most one event per 10 s).') },
  lottery_enter: { lottery: s('Lottery id.') },
  lottery_win: { lottery: s('Lottery id.') },
  quiz_answer: { quiz: s('Quiz id.'), choice: int('Chosen option index (0–3).') },
  perk_claim: { perk: s('Perk id.') },
  product_view: { product: s('Product id.') },
  product_click: { product: s('Product id.') },
  add_to_cart: { product: s('Product id.'), quantity: int('Quantity added.', false) },
  share: { target: s('Where it was shared (e.g. `copy`, `native`, `whatsapp`).', false) },
  remind_me: { perk: s('Perk id the reminder is for.', false) },
  vote_cast: { vote: s('Vote id.'), choice: int('Chosen option index (0–5).') },
  topic_answer: { topic: s('Topic id.'), length: int('Characters in the answer (the text itself is not collected).') },
  tier_verified: { tier: s("The viewer's member tier, as the host verified it from the merchant's signed claim (docs/tiers.md).") },
  timeline: {
    kind: { kind: 'string', required: true, description: 'What happened on the show.', values: TIMELINE_KINDS },
    ref: s('Id of the perk, lottery, quiz, product, topic or vote concerned.', false),
    label: s('Short human label (perk title, product title, quiz question, topic, vote question or option), at most 120 characters.', false),
    option: int('`vote_result`: the option index (0–5); `vote_closed`: the winning option, when there is one.', false),
    votes: int('`vote_result`: votes for the option in the result the host published.', false),
  },
} as const satisfies Record<string, Record<string, PropSpec>>;

export type EventType = keyof typeof EVENT_PROPS;
export const EVENT_TYPES = Object.keys(EVENT_PROPS) as EventType[];

type KindType<K extends PropKind> = K extends 'string' ? string : K extends 'boolean' ? boolean : number;
type SpecType<P> = P extends { values: readonly (infer V)[] } ? V : P extends { kind: infer K extends PropKind } ? KindType<K> : never;
type RequiredKeys<T> = { [K in keyof T]: T[K] extends { required: true } ? K : never }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;
type PropsFrom<T> = { [K in RequiredKeys<T>]: SpecType<T[K]> } & { [K in OptionalKeys<T>]?: SpecType<T[K]> };

/** The props of one event type. */
export type PropsOf<T extends EventType> = PropsFrom<(typeof EVENT_PROPS)[T]>;

/**
 * Interaction rate, the one definition (docs/metrics.md §8): viewers who interacted ÷ viewers,
 * 0 without viewers, never above 1. The report and the collector count viewers by id; the host
 * console live can only count the audience it sees (see `FiguresTracker`).
 */
export function interactionRate(interacting: number, viewers: number): number {
  return viewers > 0 ? Math.min(1, interacting / viewers) : 0;
}

/** Interactions: events that count a viewer as "interacting" (docs/metrics.md). */
export const INTERACTION_TYPES: readonly EventType[] = [
  'chat',
  'like',
  'lottery_enter',
  'quiz_answer',
  'perk_claim',
  'product_click',
  'add_to_cart',
  'share',
  'remind_me',
  'vote_cast',
  'topic_answer',
];

/** One collected event. */
export interface LingerEvent<T extends EventType = EventType> {
  /** Unique id; collectors deduplicate on it (a retried batch may arrive twice). */
  id: string;
  type: T;
  /** Milliseconds since the epoch, on the host-synchronised clock. */
  at: number;
  /** The show (the room's channel, or its `show` attribute). */
  show: string;
  /** Pseudonymous viewer id: stored on the device only with consent, random per page otherwise. */
  viewerId: string;
  /** One page session (page load). */
  sessionId: string;
  /** The viewer's language (BCP 47). */
  locale: string;
  /**
   * Set (`true`) on events from a replay (docs/replay.md), which also carry the replay's show id
   * `<show>:replay`: the report counts them apart from the live show's (docs/metrics.md 13).
   */
  replay?: true;
  props: PropsOf<T>;
}

/** A webhook request body. */
export interface EventBatch {
  /** Unique per request attempt group; the same batch retried keeps its id. */
  batch: string;
  sentAt: number;
  events: LingerEvent[];
  /** Events this sink had to drop because its bounded storage overflowed (counted since the last delivered batch). */
  dropped: number;
}

/** The show an event counts for: a replay's events count for `<show>:replay` (docs/metrics.md 13). */
export function eventShow(event: Pick<LingerEvent, 'show' | 'replay'>): string {
  return event.replay === true && !event.show.endsWith(REPLAY_SUFFIX) ? event.show + REPLAY_SUFFIX : event.show;
}

/** What a replay's show id ends with. */
export const REPLAY_SUFFIX = ':replay';

/** Lax runtime check (collectors, analytics): the envelope fields are there and well typed. */
export function isLingerEvent(value: unknown): value is LingerEvent {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    e.id.length > 0 &&
    e.id.length <= 128 &&
    typeof e.type === 'string' &&
    typeof e.at === 'number' &&
    Number.isFinite(e.at) &&
    typeof e.show === 'string' &&
    typeof e.viewerId === 'string' &&
    typeof e.sessionId === 'string' &&
    (e.props === undefined || (typeof e.props === 'object' && e.props !== null))
  );
}

type JsonSchema = Record<string, unknown>;

/** The JSON Schema (draft 2020-12) of one event, generated from `EVENT_PROPS`. docs/events.md embeds it. */
export function eventJsonSchema(): JsonSchema {
  const variants = EVENT_TYPES.map((type) => {
    const specs = EVENT_PROPS[type] as Record<string, PropSpec>;
    const properties: Record<string, JsonSchema> = {};
    for (const [name, spec] of Object.entries(specs)) {
      properties[name] = { type: spec.kind, description: spec.description, ...(spec.values ? { enum: [...spec.values] } : {}) };
    }
    return {
      if: { properties: { type: { const: type } } },
      then: {
        properties: {
          props: {
            type: 'object',
            properties,
            required: Object.entries(specs)
              .filter(([, spec]) => spec.required)
              .map(([name]) => name),
          },
        },
      },
    };
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/linger-live/linger/docs/events.md#schema',
    title: 'LingerEvent',
    type: 'object',
    required: ['id', 'type', 'at', 'show', 'viewerId', 'sessionId', 'locale', 'props'],
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 128, description: 'Unique id; deduplicate on it.' },
      type: { enum: [...EVENT_TYPES] },
      at: { type: 'number', description: 'Milliseconds since the epoch (host-synchronised clock).' },
      show: { type: 'string' },
      viewerId: { type: 'string', description: 'Pseudonymous; persisted on the device only with consent.' },
      sessionId: { type: 'string', description: 'One page session.' },
      locale: { type: 'string' },
      replay: { type: 'boolean', description: 'true on events from a replay (show id `<show>:replay`); absent live.' },
      props: { type: 'object' },
    },
    allOf: variants,
  };
}
