/**
 * The show state and the one pure `reduce(state, message)` shared by host and viewers.
 *
 * - Idempotent: host messages apply strictly in sequence (a seq at or below the last applied is a
 *   duplicate); viewer messages are remembered by id in a bounded window.
 * - Bounded: chat, remembered ids and deleted ids all have caps.
 * - Host-directed requests (enter, answer, claim) are not state: the host's `HostLedger` keeps them.
 * - Host authority: host-only types never reach here from a non-host (see `parseMessage`), and
 *   the reducer checks `fromHost` again so a mis-wired caller cannot break the rule.
 */
import { CHAT_BUFFER, tierOf } from './primitives.js';
import { MAX_TIERS, type Inbound, type SnapshotState, type Stage } from './protocol.js';

// Defined in primitives.ts so the overlay's chat feed does not load the reducer.
export { CHAT_BUFFER, tierOf };
export const RECENT_IDS = 256;
export const DELETED_IDS = 200;
/** The stage before the host opens it: asks off, nobody on it. */
export const NO_STAGE: Readonly<Stage> = Object.freeze({ open: false, guests: [] });

export interface ChatLine {
  /** Running number on this screen (1, 2, 3…): a renderer draws the lines after the last `n` it drew. */
  n: number;
  id: string;
  from: string;
  name?: string;
  text: string;
  locale?: string;
  /** The topic this line answers. */
  topic?: string;
  at: number;
}

export interface ShowState extends SnapshotState {
  /** Last applied host sequence number in `epoch`. */
  hostSeq: number;
  /** Epoch of the host session the state follows. */
  epoch: string | null;
  chat: readonly ChatLine[];
  /** Chat lines appended on this screen so far (the `n` of the newest line). */
  chatCount: number;
  /** Ids of viewer messages already applied (bounded window). */
  recentIds: readonly string[];
  /** Chat ids the host deleted, so a late copy does not come back. */
  deletedIds: readonly string[];
}

export function initialState(): ShowState {
  return {
    show: { phase: 'upcoming' },
    schedule: [],
    announcement: null,
    pinned: null,
    lottery: null,
    quiz: null,
    perk: null,
    tiers: [],
    topic: null,
    vote: null,
    stage: { open: false, guests: [] },
    moderation: { slowMode: 0, muted: [], blockWords: [] },
    likes: 0,
    hostSeq: 0,
    epoch: null,
    chat: [],
    chatCount: 0,
    recentIds: [],
    deletedIds: [],
  };
}

/** The part of the state a host publishes (no chat, no ledgers: it must stay under 16 KB). */
export function toSnapshot(state: ShowState): SnapshotState {
  const { show, schedule, announcement, pinned, lottery, quiz, perk, tiers, topic, vote, stage, moderation, likes } = state;
  return { show, schedule, announcement, pinned, lottery, quiz, perk, tiers: tiers ?? [], topic: topic ?? null, vote: vote ?? null, stage: stage ?? NO_STAGE, moderation, likes };
}

/** A copy of `list` with `item` appended and the oldest dropped past `limit` (one copy: this runs per message). */
function appendBounded<T>(list: readonly T[], item: T, limit: number): T[] {
  const next = list.slice(list.length >= limit ? list.length - limit + 1 : 0);
  next.push(item);
  return next;
}

/** Lower-cased, width-folded text for block-word matching. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** True when a chat line from this sender with this text is allowed by the host's moderation. */
export function chatAllowed(state: ShowState, sender: string, text: string): boolean {
  if (state.moderation.muted.includes(sender)) return false;
  if (state.moderation.blockWords.length === 0) return true;
  const folded = foldText(text);
  return !state.moderation.blockWords.some((word) => folded.includes(foldText(word)));
}

/**
 * Applies one checked message. Returns the same object when nothing changed, so stores can skip
 * re-rendering.
 */
export function reduce(state: ShowState, message: Inbound): ShowState {
  if (message.type === 'snapshot') return applySnapshot(state, message as Inbound<'snapshot'>);
  if (message.seq !== undefined) return applyHostMessage(state, message);
  return applyViewerMessage(state, message);
}

function applySnapshot(state: ShowState, message: Inbound<'snapshot'>): ShowState {
  if (!message.fromHost || message.seq === undefined || message.ep === undefined) return state;
  const sameEpoch = message.ep === state.epoch;
  // A snapshot from an older host session, or older than what we have, is stale.
  if (state.epoch !== null && message.ep < state.epoch) return state;
  if (sameEpoch && message.seq < state.hostSeq) return state;
  const snapshot = message.body.state;
  const deleted = new Set(state.deletedIds);
  const muted = new Set(snapshot.moderation.muted);
  return {
    ...state,
    // Every field, likes included, becomes the host's: that is what makes screens converge.
    ...snapshot,
    hostSeq: message.seq,
    epoch: message.ep,
    chat: state.chat.filter((line) => !deleted.has(line.id) && !muted.has(line.from)),
  };
}

function applyHostMessage(state: ShowState, message: Inbound): ShowState {
  if (!message.fromHost || message.ep !== state.epoch) return state;
  // Strict order: duplicates (seq ≤ last) and early arrivals (gap) are left to the session.
  if (message.seq !== state.hostSeq + 1) return state;
  const next = applyHostBody(state, message);
  return { ...next, hostSeq: message.seq };
}

function applyHostBody(state: ShowState, message: Inbound): ShowState {
  switch (message.type) {
    case 'show': {
      const body = (message as Inbound<'show'>).body;
      return { ...state, show: { ...state.show, ...body } };
    }
    case 'schedule':
      return { ...state, schedule: [...(message as Inbound<'schedule'>).body.perks].sort((a, b) => a.at - b.at) };
    case 'announce': {
      const { text, kind = 'info' } = (message as Inbound<'announce'>).body;
      return { ...state, announcement: text ? { id: message.id, text, kind, at: message.at } : null };
    }
    case 'pin': {
      const { product, remaining = null } = (message as Inbound<'pin'>).body;
      return { ...state, pinned: product ? { product, remaining } : null };
    }
    case 'lottery.open':
      return { ...state, lottery: { ...(message as Inbound<'lottery.open'>).body, status: 'open', entrants: 0 } };
    case 'lottery.close': {
      const body = (message as Inbound<'lottery.close'>).body;
      if (state.lottery?.id !== body.id) return state;
      return { ...state, lottery: { ...state.lottery, status: 'closed', entrants: body.entrants } };
    }
    case 'lottery.draw': {
      const body = (message as Inbound<'lottery.draw'>).body;
      if (state.lottery?.id !== body.id) return state;
      return { ...state, lottery: { ...state.lottery, ...body, status: 'drawn' } };
    }
    case 'lottery.tally': {
      const body = (message as Inbound<'lottery.tally'>).body;
      if (state.lottery?.id !== body.id || state.lottery.status !== 'open') return state;
      return { ...state, lottery: { ...state.lottery, entrants: body.entrants } };
    }
    case 'lottery.unlock': {
      const body = (message as Inbound<'lottery.unlock'>).body;
      if (state.lottery?.id !== body.id) return state;
      const lottery = { ...state.lottery, status: 'unlocked' as const };
      if (body.claim) lottery.claim = body.claim;
      return { ...state, lottery };
    }
    case 'quiz.ask':
      return { ...state, quiz: { ...(message as Inbound<'quiz.ask'>).body, status: 'open' } };
    case 'quiz.reveal': {
      const body = (message as Inbound<'quiz.reveal'>).body;
      if (state.quiz?.id !== body.id) return state;
      return { ...state, quiz: { ...state.quiz, ...body, status: 'revealed' } };
    }
    case 'perk.drop': {
      const body = (message as Inbound<'perk.drop'>).body;
      // Later updates of the same drop (stock left) keep the time it first dropped.
      const at = state.perk?.id === body.id && state.perk.at !== undefined ? state.perk.at : message.at;
      return { ...state, perk: { ...body, at } };
    }
    case 'tier': {
      const { viewer, tier } = (message as Inbound<'tier'>).body;
      const tiers = (state.tiers ?? []).filter(([id]) => id !== viewer);
      return { ...state, tiers: [...tiers, [viewer, tier] as [string, string]].slice(-MAX_TIERS) };
    }
    case 'topic': {
      const { id, text } = (message as Inbound<'topic'>).body;
      return { ...state, topic: text ? { id, text, at: message.at } : null };
    }
    case 'topic.feature': {
      const { id, answer } = (message as Inbound<'topic.feature'>).body;
      if (state.topic?.id !== id) return state;
      const { featured: _dropped, ...topic } = state.topic;
      // The host's moderation applies to a featured answer as to a chat line.
      if (!answer || state.deletedIds.includes(answer.line) || !chatAllowed(state, answer.from, answer.text)) return { ...state, topic };
      return { ...state, topic: { ...topic, featured: answer } };
    }
    case 'vote.open':
      return { ...state, vote: { ...(message as Inbound<'vote.open'>).body, status: 'open', counts: [], total: 0 } };
    case 'vote.tally':
    case 'vote.close': {
      const body = (message as Inbound<'vote.close'>).body;
      if (state.vote?.id !== body.id || state.vote.status !== 'open') return state;
      return { ...state, vote: { ...state.vote, ...body, status: message.type === 'vote.close' ? 'closed' : 'open' } };
    }
    case 'stage': {
      // One entry per guest, whatever the list says.
      const { open, guests } = (message as Inbound<'stage'>).body;
      const seen = new Set<string>();
      const unique = guests.filter((guest) => !seen.has(guest.id) && seen.add(guest.id));
      return { ...state, stage: { open, guests: unique } };
    }
    case 'moderate':
      return applyModeration(state, (message as Inbound<'moderate'>).body);
    default:
      return state;
  }
}

function applyModeration(state: ShowState, body: Inbound<'moderate'>['body']): ShowState {
  const muted = new Set(state.moderation.muted);
  for (const user of body.mute ?? []) muted.add(user);
  for (const user of body.unmute ?? []) muted.delete(user);
  const moderation = {
    slowMode: body.slowMode ?? state.moderation.slowMode,
    muted: [...muted].slice(-500),
    blockWords: body.blockWords ?? state.moderation.blockWords,
  };
  let deletedIds = state.deletedIds;
  for (const deleted of body.deleteIds ?? []) deletedIds = appendBounded(deletedIds, deleted, DELETED_IDS);
  const gone = new Set(body.deleteIds ?? []);
  const chat = state.chat.filter((line) => !gone.has(line.id) && !muted.has(line.from));
  const next = { ...state, moderation, deletedIds, chat };
  // A featured topic answer goes when it is deleted, its author muted, or a block word matches it.
  const featured = state.topic?.featured;
  if (featured && (gone.has(featured.line) || !chatAllowed(next, featured.from, featured.text))) {
    const { featured: _dropped, ...topic } = state.topic!;
    next.topic = topic;
  }
  return next;
}

function applyViewerMessage(state: ShowState, message: Inbound): ShowState {
  // Keyed by sender too, so one viewer cannot suppress another's message by reusing its id.
  const key = `${message.sender}/${message.id}`;
  if (state.recentIds.includes(key)) return state;
  const seen = { ...state, recentIds: appendBounded(state.recentIds, key, RECENT_IDS) };
  switch (message.type) {
    case 'chat': {
      const { text, name, locale, topic } = (message as Inbound<'chat'>).body;
      if (state.deletedIds.includes(message.id) || !chatAllowed(state, message.sender, text)) return seen;
      const n = state.chatCount + 1;
      const line: ChatLine = { n, id: message.id, from: message.sender, text, at: message.at };
      if (name) line.name = name;
      if (locale) line.locale = locale;
      if (topic) line.topic = topic;
      return { ...seen, chat: appendBounded(state.chat, line, CHAT_BUFFER), chatCount: n };
    }
    case 'likes':
      return { ...seen, likes: Math.min(Number.MAX_SAFE_INTEGER, state.likes + (message as Inbound<'likes'>).body.n) };
    default:
      // hello, time.*, enter, answer and claim are session and ledger concerns, not state.
      return state;
  }
}
