/**
 * The wire protocol: one JSON envelope `{v, type, id, at, seq?, ep?, room?, body}` and one table of
 * message types, each with its schema, who may send it and where it goes.
 *
 * The sender is never read from the payload: it is the transport's authenticated id. Anything
 * that fails a check is dropped with a counted reason, never thrown at the UI.
 */
import * as v from 'valibot';
import { utf8Length } from '../transports/transport.js';
import { MAX_CHAT_LENGTH, isHttpUrl, randomId } from './primitives.js';

// Small pieces elements need without loading the message table (and valibot) on first paint.
export { MAX_CHAT_LENGTH, isHttpUrl, randomId } from './primitives.js';

/** The protocol version this build speaks. Envelopes with another `v` are ignored. */
export const PROTOCOL_VERSION = 1;
/** Largest envelope accepted or sent, in UTF-8 bytes (Agora RTM's message-channel limit). */
export const MAX_MESSAGE_BYTES = 32_768;
/** Largest snapshot envelope: it must also fit one Agora channel-storage value (16,384 bytes). */
export const MAX_SNAPSHOT_BYTES = 16_000;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmptyText = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const id = v.pipe(v.string(), v.regex(/^[\w:.-]{1,64}$/));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{1,128}$/));

/** Absolute http(s) URLs only (see isHttpUrl). */
const httpUrl = v.pipe(v.string(), v.maxLength(2048), v.check(isHttpUrl, 'http(s) URLs only'));

export const PERK_KINDS = ['lottery', 'quiz', 'flash', 'first-n', 'share', 'topic'] as const;
export const LOTTERY_MODES = ['keyword', 'like-goal', 'tap', 'watch-time'] as const;
export const SHOW_PHASES = ['upcoming', 'live', 'ended'] as const;
/** Why the host refused a request. */
export const RECEIPT_REASONS = ['late', 'closed', 'duplicate', 'ineligible', 'sold-out', 'unknown', 'invalid', 'mode', 'tier'] as const;

/** A member tier's name as the merchant's signed claim gives it (docs/tiers.md). */
const tierName = v.pipe(v.string(), v.regex(/^[\w -]{1,40}$/u));
/** Most viewers' tiers a screen keeps (and the snapshot carries), newest last. */
export const MAX_TIERS = 100;

const productSchema = v.object({
  id: id,
  title: nonEmptyText(200),
  price: v.optional(text(40)),
  image: v.optional(httpUrl),
  url: v.optional(httpUrl),
  soldOut: v.optional(v.boolean()),
  /** Shop variant id for add-to-cart (Shopify: the numeric variant id). */
  variantId: v.optional(v.pipe(v.string(), v.regex(/^[\w:./-]{1,100}$/))),
  /** ISO 4217 currency of `price` (else the shop's). */
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/))),
  /** Units in stock, when the shop wants it shown. */
  stock: v.optional(count(1_000_000)),
});

const perkSchema = v.object({
  id: id,
  kind: v.picklist(PERK_KINDS),
  at: time,
  /** Seconds before `at` when the pre-announce starts. */
  lead: count(600),
  prompt: text(200),
  title: text(200),
  /** Only viewers whose signed claim gives this tier may claim it (docs/tiers.md). */
  tier: v.optional(tierName),
});

const lotterySchema = v.object({
  id: id,
  mode: v.picklist(LOTTERY_MODES),
  prize: nonEmptyText(200),
  keyword: v.optional(text(40)),
  goal: v.optional(count(100_000_000)),
  minutes: v.optional(count(600)),
  winners: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  closesAt: time,
  /** SHA-256 (hex) of the secret seed, published when the lottery opens. */
  commitment: hex64,
  /** Like-goal mode: the room's like total when the lottery opened (the goal counts from here). */
  likesFrom: v.optional(count(Number.MAX_SAFE_INTEGER)),
  /** Who may enter, checked by the host when an entry arrives. */
  eligibility: v.optional(
    v.object({
      /** Not a winner of an earlier draw in this show. */
      newWinnersOnly: v.optional(v.boolean()),
      /** Watched at least this many minutes (the viewer's player reports visible, playing time). */
      minWatchMinutes: v.optional(count(600)),
      /** Sent at least one chat line in this show before entering. */
      commented: v.optional(v.boolean()),
      /** Only viewers whose signed claim gives this tier (docs/tiers.md). */
      tier: v.optional(tierName),
    }),
  ),
});

const quizSchema = v.object({
  id: id,
  question: nonEmptyText(300),
  options: v.pipe(v.array(nonEmptyText(120)), v.minLength(2), v.maxLength(4)),
  closesAt: time,
  /** SHA-256 (hex) of `salt + ':' + correct`: the answer is not on the wire before the reveal. */
  answerHash: hex64,
});

/** A vote option: a label, and the catalog product it stands for (so the winner can be pinned in one click). */
const voteOptionSchema = v.object({ label: nonEmptyText(120), product: v.optional(productSchema) });

/** Most options a vote has, and the choice index range a ballot may carry. */
export const MAX_VOTE_OPTIONS = 6;

const voteSchema = v.object({
  id: id,
  question: nonEmptyText(300),
  options: v.pipe(v.array(voteOptionSchema), v.minLength(2), v.maxLength(MAX_VOTE_OPTIONS)),
  closesAt: time,
  /** SHA-256 (hex) of the secret seed that breaks a tie, published when the vote opens (docs/vote.md). */
  commitment: hex64,
  /** A viewer may change its vote until the close. */
  changeable: v.optional(v.boolean()),
  /** Who may vote, checked by the host when a vote arrives (as for lottery entries). */
  eligibility: v.optional(v.object({ minWatchMinutes: v.optional(count(600)), tier: v.optional(tierName) })),
});

/** An answer to the topic the host featured on every screen (`line`: its chat message id). */
const featuredSchema = v.object({ line: id, from: id, name: v.optional(text(40)), text: nonEmptyText(MAX_CHAT_LENGTH) });

/** Votes per option, in option order. */
const voteCounts = v.pipe(v.array(count(100_000_000)), v.maxLength(MAX_VOTE_OPTIONS));

const perkDropSchema = v.object({
  id: id,
  title: nonEmptyText(200),
  code: v.optional(text(64)),
  link: v.optional(httpUrl),
  remaining: v.optional(v.nullable(count(1_000_000))),
  /** Only viewers of this verified tier may claim it (docs/tiers.md); else the schedule's perk says. */
  tier: v.optional(tierName),
  /** Host time of the first drop of this perk (the reducer stamps it from the envelope). */
  at: v.optional(time),
});

const showSchema = v.object({
  phase: v.picklist(SHOW_PHASES),
  title: v.optional(text(200)),
  startedAt: v.optional(v.nullable(time)),
  /** The host's `<linger-studio>` is broadcasting (docs/studio.md): on a room without Agora, players ask it for the stream. */
  onAir: v.optional(v.boolean()),
});

/** Most viewers on stage beside the host at once (co-hosting, docs/studio.md § Co-hosting). */
export const MAX_GUESTS = 3;

/** The stage: whether viewers may ask to join (off by default), and the guests on camera, in order. */
const stageSchema = v.object({
  open: v.boolean(),
  guests: v.pipe(v.array(v.object({ id: id, name: v.optional(text(40)), muted: v.optional(v.boolean()) })), v.maxLength(MAX_GUESTS)),
});

/** The compact show state a host publishes: everything but chat and host-private ledgers. */
export const snapshotStateSchema = v.object({
  show: showSchema,
  schedule: v.pipe(v.array(perkSchema), v.maxLength(50)),
  announcement: v.nullable(
    v.object({ id: id, text: nonEmptyText(500), kind: v.picklist(['info', 'perk-prompt']), at: time }),
  ),
  pinned: v.nullable(v.object({ product: productSchema, remaining: v.nullable(count(1_000_000)) })),
  lottery: v.nullable(
    v.object({
      ...lotterySchema.entries,
      status: v.picklist(['open', 'closed', 'drawn', 'unlocked']),
      entrants: count(100_000_000),
      seed: v.optional(hex),
      digest: v.optional(hex64),
      winnerIds: v.optional(v.pipe(v.array(id), v.maxLength(100))),
      claim: v.optional(text(300)),
    }),
  ),
  quiz: v.nullable(
    v.object({
      ...quizSchema.entries,
      status: v.picklist(['open', 'revealed']),
      correct: v.optional(count(3)),
      salt: v.optional(hex),
      explanation: v.optional(text(500)),
      shares: v.optional(v.pipe(v.array(v.pipe(v.number(), v.minValue(0), v.maxValue(1))), v.maxLength(4))),
    }),
  ),
  perk: v.nullable(perkDropSchema),
  /** Viewers' verified tiers, [viewer, tier], for the badges; optional so older snapshots still parse. */
  tiers: v.optional(v.pipe(v.array(v.tuple([id, tierName])), v.maxLength(MAX_TIERS))),
  /** The topic pinned above the chat (docs/topic.md); optional so older snapshots still parse. */
  topic: v.optional(v.nullable(v.object({ id: id, text: nonEmptyText(200), at: time, featured: v.optional(featuredSchema) }))),
  /** Optional so snapshots from builds without votes still parse. */
  vote: v.optional(
    v.nullable(
      v.object({
        ...voteSchema.entries,
        status: v.picklist(['open', 'closed']),
        counts: voteCounts,
        total: count(100_000_000),
        seed: v.optional(hex),
        digest: v.optional(hex64),
        winner: v.optional(count(MAX_VOTE_OPTIONS - 1)),
      }),
    ),
  ),
  /** Co-hosting; optional so snapshots from builds without it still parse. */
  stage: v.optional(stageSchema),
  moderation: v.object({
    slowMode: count(600),
    muted: v.pipe(v.array(id), v.maxLength(500)),
    blockWords: v.pipe(v.array(nonEmptyText(40)), v.maxLength(100)),
  }),
  likes: count(Number.MAX_SAFE_INTEGER),
});

/** Who may send a type, and whether it goes to every peer or to one user (host-directed). */
type Rule = { from: 'host' | 'anyone'; to: 'all' | 'direct' | 'either' };

function def<S extends v.GenericSchema>(schema: S, from: Rule['from'], to: Rule['to']) {
  return { schema, from, to };
}

/**
 * The one table of message types (docs/architecture.md). Extend it here; nothing else knows the list.
 */
export const MESSAGES = {
  // viewer → host
  /** A viewer asks for a snapshot; `entrants` also asks for a drawn lottery's list it missed. */
  hello: def(v.object({ seq: v.optional(count(Number.MAX_SAFE_INTEGER)), entrants: v.optional(id), ballots: v.optional(id), tier: v.optional(v.pipe(v.string(), v.maxLength(2048))) }), 'anyone', 'direct'),
  'time.ping': def(v.object({ t0: time }), 'anyone', 'direct'),
  enter: def(v.object({ lottery: id, watched: v.optional(count(1_000_000)) }), 'anyone', 'direct'),
  answer: def(v.object({ quiz: id, choice: count(3) }), 'anyone', 'direct'),
  claim: def(v.object({ perk: id }), 'anyone', 'direct'),
  vote: def(v.object({ vote: id, choice: count(MAX_VOTE_OPTIONS - 1), watched: v.optional(count(1_000_000)) }), 'anyone', 'direct'),
  // viewer → all
  chat: def(
    v.object({
      text: nonEmptyText(MAX_CHAT_LENGTH),
      name: v.optional(text(40)),
      locale: v.optional(text(35)),
      /** Seconds watched, attached only while a keyword lottery with a watch-time filter is open. */
      watched: v.optional(count(1_000_000)),
      /** The topic this line answers ("Reply to topic"). */
      topic: v.optional(id),
    }),
    'anyone',
    'all',
  ),
  likes: def(v.object({ n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)) }), 'anyone', 'all'),
  // host → all (or one, for snapshots and clock answers)
  /** The host's answer to one viewer's enter / answer / claim: accepted, or why not. */
  receipt: def(
    v.object({
      for: v.picklist(['enter', 'answer', 'claim', 'vote']),
      ref: id,
      ok: v.boolean(),
      reason: v.optional(v.picklist(RECEIPT_REASONS)),
      choice: v.optional(count(MAX_VOTE_OPTIONS - 1)),
      code: v.optional(text(64)),
    }),
    'host',
    'direct',
  ),
  'time.pong': def(v.object({ t0: time, t1: time }), 'host', 'direct'),
  snapshot: def(v.object({ state: snapshotStateSchema }), 'host', 'either'),
  schedule: def(v.object({ perks: v.pipe(v.array(perkSchema), v.maxLength(50)) }), 'host', 'all'),
  announce: def(
    v.object({ text: text(500), kind: v.optional(v.picklist(['info', 'perk-prompt'])) }),
    'host',
    'all',
  ),
  pin: def(v.object({ product: v.nullable(productSchema), remaining: v.optional(v.nullable(count(1_000_000))) }), 'host', 'all'),
  'lottery.open': def(lotterySchema, 'host', 'all'),
  'lottery.close': def(v.object({ id: id, entrants: count(100_000_000) }), 'host', 'all'),
  'lottery.draw': def(
    v.object({
      id: id,
      seed: hex,
      entrants: count(100_000_000),
      digest: hex64,
      winnerIds: v.pipe(v.array(id), v.maxLength(100)),
      claim: v.optional(text(300)),
    }),
    'host',
    'all',
  ),
  /** The live entrant count while a lottery is open (coalesced by the host, ≤ 1 per second). */
  'lottery.tally': def(v.object({ id: id, entrants: count(100_000_000) }), 'host', 'all'),
  'lottery.unlock': def(v.object({ id: id, claim: v.optional(text(300)) }), 'host', 'all'),
  /** The sorted entrant list after a draw, in parts, so every screen can re-check the digest. */
  'lottery.entrants': def(
    v.object({
      id: id,
      part: count(1000),
      parts: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
      ids: v.pipe(v.array(id), v.maxLength(5000)),
    }),
    'host',
    // Broadcast after the draw; sent again directly to a viewer that missed parts (hello.entrants).
    'either',
  ),
  'quiz.ask': def(quizSchema, 'host', 'all'),
  'quiz.reveal': def(
    v.object({
      id: id,
      correct: count(3),
      salt: hex,
      explanation: text(500),
      shares: v.pipe(v.array(v.pipe(v.number(), v.minValue(0), v.maxValue(1))), v.maxLength(4)),
    }),
    'host',
    'all',
  ),
  'perk.drop': def(perkDropSchema, 'host', 'all'),
  /** A viewer's tier, verified by the host from the merchant's signed claim (docs/tiers.md). */
  tier: def(v.object({ viewer: id, tier: tierName }), 'host', 'all'),
  /** The host's topic for the room to talk about, pinned above the chat; empty text clears it. */
  topic: def(v.object({ id: id, text: text(200) }), 'host', 'all'),
  /** One answer to the topic, featured on every screen (the reducer applies the host's moderation to it). */
  'topic.feature': def(v.object({ id: id, answer: v.nullable(featuredSchema) }), 'host', 'all'),
  'vote.open': def(voteSchema, 'host', 'all'),
  /** The live counts while a vote is open (coalesced by the host, ≤ 1 per second). */
  'vote.tally': def(v.object({ id: id, counts: voteCounts, total: count(100_000_000) }), 'host', 'all'),
  /** The result: final counts, the revealed seed, the digest of the ballot list and the winning option. */
  'vote.close': def(
    v.object({ id: id, counts: voteCounts, total: count(100_000_000), seed: hex, digest: hex64, winner: v.optional(count(MAX_VOTE_OPTIONS - 1)) }),
    'host',
    'all',
  ),
  /** The sorted ballot list (`voter:choice`) after the close, in parts, so every screen re-checks the tally. */
  'vote.ballots': def(
    v.object({
      id: id,
      part: count(1000),
      parts: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
      ballots: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[\w:.-]{1,64}:[0-5]$/))), v.maxLength(5000)),
    }),
    'host',
    'either',
  ),
  moderate: def(
    v.object({
      deleteIds: v.optional(v.pipe(v.array(id), v.maxLength(100))),
      mute: v.optional(v.pipe(v.array(id), v.maxLength(100))),
      unmute: v.optional(v.pipe(v.array(id), v.maxLength(100))),
      slowMode: v.optional(count(600)),
      blockWords: v.optional(v.pipe(v.array(nonEmptyText(40)), v.maxLength(100))),
    }),
    'host',
    'all',
  ),
  show: def(showSchema, 'host', 'all'),
  // Local live video without Agora (docs/studio.md): a browser WebRTC connection per viewer,
  // signalled over the room; complete SDPs (candidates gathered first), so no separate ICE messages.
  /** A viewer asks the host's studio for its stream. */
  'rtc.want': def(v.object({}), 'anyone', 'direct'),
  /** The host's studio offers its stream to one viewer. */
  'rtc.offer': def(v.object({ sdp: nonEmptyText(24_000) }), 'host', 'direct'),
  /** The viewer's answer; the host takes it only from a viewer it made an offer to. */
  'rtc.answer': def(v.object({ sdp: nonEmptyText(24_000) }), 'anyone', 'direct'),
  // Co-hosting (连麦, docs/studio.md § Co-hosting): up to MAX_GUESTS viewers on camera beside the host.
  // The host alone decides who is on stage (`stage`); a viewer only asks, accepts an invitation, leaves.
  /** A viewer asks to join on camera; the host queues it only while asks are open. */
  'stage.ask': def(v.object({ name: v.optional(text(40)), text: v.optional(text(140)) }), 'anyone', 'direct'),
  /** The host invites one viewer on stage. */
  'stage.invite': def(v.object({}), 'host', 'direct'),
  /** The invited viewer goes on stage; the host takes it only from a viewer it invited. */
  'stage.accept': def(v.object({ name: v.optional(text(40)) }), 'anyone', 'direct'),
  /** A viewer withdraws its ask, declines its invitation, or leaves the stage. */
  'stage.leave': def(v.object({}), 'anyone', 'direct'),
  /** A guest's heartbeat: a guest the host has not heard from for a few seconds leaves the stage. */
  'stage.beat': def(v.object({}), 'anyone', 'direct'),
  /** The stage every screen shows: asks open or not, and the guests (each maybe muted by the host). */
  stage: def(stageSchema, 'host', 'all'),
  /** A guest's WebRTC offer of its camera to one viewer (rooms without Agora); taken only from a guest on stage. */
  'stage.offer': def(v.object({ sdp: nonEmptyText(24_000) }), 'anyone', 'direct'),
} as const;

export type MessageType = keyof typeof MESSAGES;
export type BodyOf<T extends MessageType> = v.InferOutput<(typeof MESSAGES)[T]['schema']>;
export type SnapshotState = v.InferOutput<typeof snapshotStateSchema>;
export type Product = v.InferOutput<typeof productSchema>;
export type Perk = v.InferOutput<typeof perkSchema>;
export type VoteOption = v.InferOutput<typeof voteOptionSchema>;
export type Stage = v.InferOutput<typeof stageSchema>;
export type PerkKind = (typeof PERK_KINDS)[number];
export type LotteryMode = (typeof LOTTERY_MODES)[number];
export type ShowPhase = (typeof SHOW_PHASES)[number];
export type ReceiptReason = (typeof RECEIPT_REASONS)[number];

/** True when only a host of the room may send this type. */
export function isHostOnly(type: MessageType): boolean {
  return MESSAGES[type].from === 'host';
}

/** An envelope as it travels. `seq` and `ep` are set on host messages only. */
export interface Envelope<T extends MessageType = MessageType> {
  v: number;
  type: T;
  id: string;
  at: number;
  /** Host sequence number: a viewer that sees a gap asks for a snapshot. */
  seq?: number;
  /** Host epoch: a fresh value each time a host session starts, ordered by time. */
  ep?: string;
  /**
   * The room (channel) a direct message is for. Agora delivers a user's direct messages to every
   * room of that user on the page, so each room drops direct messages not addressed to it.
   */
  room?: string;
  body: BodyOf<T>;
}

/** An envelope that passed every check, with what the transport says about its sender. */
export type Inbound<T extends MessageType = MessageType> = Envelope<T> & {
  sender: string;
  fromHost: boolean;
  direct: boolean;
};

/** Why a message was dropped; each reason has its own counter in the room's stats. */
export type DropReason =
  | 'oversized'
  | 'malformed'
  | 'version'
  | 'unknown-type'
  | 'unauthorized'
  | 'invalid'
  | 'misrouted'
  /** A direct message addressed to another room of the same user on this page. */
  | 'other-room'
  /** Over the sender's allowance (src/core/sender-limits.ts); set by the session, not by parsing. */
  | 'rate-limited';

export type ParseResult = { ok: true; message: Inbound } | { ok: false; reason: DropReason; detail?: string };

const ID_PATTERN = /^[\w:.-]{1,64}$/;
const EPOCH_PATTERN = /^[0-9a-z]{1,32}$/;
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * The envelope is checked by hand: it is the hot path of every message on every screen, and its
 * seven fields are simple. Bodies, which vary by type, go through the valibot schemas above.
 */
function envelopeProblem(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'not an object';
  const { v: version, type, id, at, seq, ep, room } = json as Record<string, unknown>;
  if (!isWhole(version)) return 'v';
  if (typeof type !== 'string' || type.length > 40) return 'type';
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return 'id';
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return 'at';
  if (seq !== undefined && !isWhole(seq)) return 'seq';
  if (ep !== undefined && (typeof ep !== 'string' || !EPOCH_PATTERN.test(ep))) return 'ep';
  if (room !== undefined && (typeof room !== 'string' || room.length > 128)) return 'room';
  return null;
}

function hasType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(MESSAGES, type);
}

/**
 * Checks one raw payload: size, JSON, envelope, version, type, sender authority, body schema —
 * in that order, so the cheapest checks run first.
 */
export function parseMessage(
  raw: unknown,
  sender: string,
  isHost: (userId: string) => boolean,
  direct = false,
  /** This room's channel: a direct message must name it (see `Envelope.room`). */
  room?: string,
): ParseResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'malformed', detail: 'not text' };
  // Cheap upper bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (raw.length > MAX_MESSAGE_BYTES || (raw.length * 3 > MAX_MESSAGE_BYTES && utf8Length(raw) > MAX_MESSAGE_BYTES)) {
    return { ok: false, reason: 'oversized' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'malformed', detail: 'not JSON' };
  }
  const problem = envelopeProblem(json);
  if (problem) return { ok: false, reason: 'malformed', detail: `envelope: ${problem}` };
  const output = json as Envelope & { type: string };
  if (output.v !== PROTOCOL_VERSION) return { ok: false, reason: 'version' };
  if (!hasType(output.type)) return { ok: false, reason: 'unknown-type', detail: output.type };
  const rule = MESSAGES[output.type];
  const fromHost = isHost(sender);
  if (rule.from === 'host' && !fromHost) return { ok: false, reason: 'unauthorized', detail: output.type };
  if ((rule.to === 'direct' && !direct) || (rule.to === 'all' && direct)) {
    return { ok: false, reason: 'misrouted', detail: output.type };
  }
  if (direct && room !== undefined && output.room !== room) return { ok: false, reason: 'other-room', detail: output.type };
  const body = v.safeParse(rule.schema, output.body);
  if (!body.success) return { ok: false, reason: 'invalid', detail: `${output.type}: ${v.summarize(body.issues)}` };
  // Rebuilt field by field: nothing from the payload beyond the envelope's own fields survives.
  const message = { v: output.v, type: output.type, id: output.id, at: output.at, body: body.output, sender, fromHost, direct } as Inbound;
  if (output.seq !== undefined) message.seq = output.seq;
  if (output.ep !== undefined) message.ep = output.ep;
  return { ok: true, message };
}

/**
 * Checks a body a local caller wants to send, so a developer gets a clear error at the call site
 * instead of a message every other screen silently drops.
 */
export function checkBody<T extends MessageType>(type: T, body: unknown): BodyOf<T> {
  if (!hasType(type)) throw new TypeError(`[linger] Unknown message type "${String(type)}".`);
  const result = v.safeParse(MESSAGES[type].schema, body);
  if (!result.success) throw new TypeError(`[linger] Invalid "${type}" message: ${v.summarize(result.issues)}`);
  return result.output as BodyOf<T>;
}

/** A host epoch: fixed-width time prefix, so a later host session compares greater. */
export function newEpoch(now: number): string {
  return Math.floor(now).toString(36).padStart(9, '0') + randomId(6);
}

/** Serialises an envelope, refusing what would be dropped by every receiver for its size. */
export function encode(envelope: Envelope, limit = MAX_MESSAGE_BYTES): string {
  const raw = JSON.stringify(envelope);
  if (utf8Length(raw) > limit) {
    throw new RangeError(`[linger] "${envelope.type}" message is ${utf8Length(raw)} bytes; the limit is ${limit}.`);
  }
  return raw;
}
