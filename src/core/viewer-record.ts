/**
 * What this screen did and what the host answered, as a pure reducer beside the show state's:
 * `reduceViewer(record, event)` returns the same object when nothing changed. Never published.
 */
import type { BodyOf, ReceiptReason } from './protocol.js';
import type { DrawCheck } from './draw.js';
import type { VoteCheck } from './vote-tally.js';

/** Longest single heartbeat counted toward watch time (s): a tab that slept an hour adds at most this. */
export const MAX_HEARTBEAT_SECONDS = 60;

/** What this viewer did and what the host answered — per screen, never published. */
export interface ViewerRecord {
  /** Lottery id → `sent` (waiting for the host), `in` (the host's receipt), or why the host refused. */
  entries: Readonly<Record<string, 'sent' | 'in' | ReceiptReason>>;
  /** Quiz id → the locked choice and what the host said; `correct` once revealed. */
  answers: Readonly<Record<string, { choice: number; status: 'sent' | 'locked' | 'rejected'; reason?: ReceiptReason; correct?: boolean }>>;
  claims: Readonly<Record<string, { status: 'sent' | 'ok' | 'rejected'; reason?: ReceiptReason }>>;
  /** Running quiz score for the show: right answers, and quizzes revealed while this screen watched. */
  score: { right: number; revealed: number };
  /** Visible, playing seconds reported by the player (`track('heartbeat')`). */
  watched: number;
  /** Lottery id → the re-check of its draw on this screen. */
  draws: Readonly<Record<string, DrawCheck>>;
  /** Quiz id → whether the revealed answer matches the hash published with the question. */
  quizChecks: Readonly<Record<string, boolean>>;
  /** Vote id → this screen's choice and what the host said (`counted`, or why not). */
  votes: Readonly<Record<string, { choice: number; status: 'sent' | 'counted' | 'rejected'; reason?: ReceiptReason }>>;
  /** Vote id → the re-check of its published tally on this screen. */
  voteChecks: Readonly<Record<string, VoteCheck>>;
}

export type ViewerEvent =
  | { type: 'enter-sent'; lottery: string }
  | { type: 'answer-sent'; quiz: string; choice: number }
  | { type: 'claim-sent'; perk: string }
  | { type: 'receipt'; receipt: BodyOf<'receipt'> }
  | { type: 'watched'; seconds: number }
  | { type: 'revealed'; quiz: string; correct: number }
  | { type: 'draw-checked'; lottery: string; check: DrawCheck }
  | { type: 'quiz-checked'; quiz: string; ok: boolean }
  | { type: 'vote-sent'; vote: string; choice: number }
  | { type: 'vote-checked'; vote: string; check: VoteCheck };

export function initialViewerRecord(): ViewerRecord {
  return { entries: {}, answers: {}, claims: {}, score: { right: 0, revealed: 0 }, watched: 0, draws: {}, quizChecks: {}, votes: {}, voteChecks: {} };
}

export function reduceViewer(record: ViewerRecord, event: ViewerEvent): ViewerRecord {
  switch (event.type) {
    case 'enter-sent':
      return record.entries[event.lottery] === 'in' ? record : { ...record, entries: { ...record.entries, [event.lottery]: 'sent' } };
    case 'answer-sent':
      return record.answers[event.quiz] ? record : { ...record, answers: { ...record.answers, [event.quiz]: { choice: event.choice, status: 'sent' } } };
    case 'claim-sent':
      return record.claims[event.perk]?.status === 'ok' ? record : { ...record, claims: { ...record.claims, [event.perk]: { status: 'sent' } } };
    case 'receipt':
      return applyReceipt(record, event.receipt);
    case 'watched': {
      const seconds = Math.min(Math.max(0, event.seconds), MAX_HEARTBEAT_SECONDS);
      return seconds > 0 ? { ...record, watched: record.watched + seconds } : record;
    }
    case 'revealed': {
      const mine = record.answers[event.quiz];
      const answers = { ...record.answers };
      let right = record.score.right;
      if (mine && mine.correct === undefined) {
        const correct = mine.status === 'locked' && mine.choice === event.correct;
        answers[event.quiz] = { ...mine, correct };
        if (correct) right++;
      }
      return { ...record, answers, score: { right, revealed: record.score.revealed + 1 } };
    }
    case 'draw-checked':
      return { ...record, draws: { ...record.draws, [event.lottery]: event.check } };
    case 'quiz-checked':
      return { ...record, quizChecks: { ...record.quizChecks, [event.quiz]: event.ok } };
    case 'vote-sent':
      return { ...record, votes: { ...record.votes, [event.vote]: { choice: event.choice, status: 'sent' } } };
    case 'vote-checked':
      return { ...record, voteChecks: { ...record.voteChecks, [event.vote]: event.check } };
  }
}

/** The host's answer to one of this screen's requests: a duplicate counts as accepted. */
function applyReceipt(record: ViewerRecord, receipt: BodyOf<'receipt'>): ViewerRecord {
  const ok = receipt.ok || receipt.reason === 'duplicate';
  if (receipt.for === 'enter') {
    return { ...record, entries: { ...record.entries, [receipt.ref]: ok ? 'in' : (receipt.reason ?? 'invalid') } };
  }
  if (receipt.for === 'vote') {
    // A refused change keeps the choice the host counted; the receipt says which it is.
    const choice = receipt.choice ?? record.votes[receipt.ref]?.choice ?? 0;
    const entry: ViewerRecord['votes'][string] = { choice, status: ok ? 'counted' : 'rejected' };
    if (!ok && receipt.reason) entry.reason = receipt.reason;
    return { ...record, votes: { ...record.votes, [receipt.ref]: entry } };
  }
  if (receipt.for === 'answer') {
    const choice = receipt.choice ?? record.answers[receipt.ref]?.choice ?? 0;
    const entry: ViewerRecord['answers'][string] = { choice, status: ok ? 'locked' : 'rejected' };
    if (!ok && receipt.reason) entry.reason = receipt.reason;
    return { ...record, answers: { ...record.answers, [receipt.ref]: entry } };
  }
  const entry: ViewerRecord['claims'][string] = { status: ok ? 'ok' : 'rejected' };
  if (!ok && receipt.reason) entry.reason = receipt.reason;
  return { ...record, claims: { ...record.claims, [receipt.ref]: entry } };
}
