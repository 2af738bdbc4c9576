/**
 * The host's private record of viewer requests — lottery entries, quiz answers, perk claims.
 * Kept out of the published state (it can hold 100k ids; the snapshot must stay under 16 KB) and
 * mutable on purpose: sets make "one entry per viewer" O(1) in a show with 100k entrants.
 */
import type { ShowState } from './state.js';

/** Most requests a ledger keeps per lottery, quiz or perk. */
export const LEDGER_LIMIT = 100_000;
/** Most lotteries, quizzes and perks remembered at once (oldest forgotten first). */
const KEPT = 20;

function bucket<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (!value) {
    value = create();
    map.set(key, value);
    if (map.size > KEPT) map.delete(map.keys().next().value as string);
  }
  return value;
}

export class HostLedger {
  readonly entrants = new Map<string, Set<string>>();
  readonly answers = new Map<string, Map<string, number>>();
  readonly claims = new Map<string, Set<string>>();

  /**
   * Records an entry while the lottery is open; `hostNow` is the host's receive time, so a viewer
   * cannot sneak in late by stamping an old time.
   */
  enter(state: ShowState, viewer: string, lotteryId: string, hostNow: number): boolean {
    const lottery = state.lottery;
    if (!lottery || lottery.id !== lotteryId || lottery.status !== 'open' || hostNow > lottery.closesAt) return false;
    const set = bucket(this.entrants, lotteryId, () => new Set<string>());
    if (set.has(viewer) || set.size >= LEDGER_LIMIT) return false;
    set.add(viewer);
    return true;
  }

  /** Locks a viewer's first answer while the quiz is open; late answers are refused by the host. */
  answer(state: ShowState, viewer: string, quizId: string, choice: number, hostNow: number): boolean {
    const quiz = state.quiz;
    if (!quiz || quiz.id !== quizId || quiz.status !== 'open' || hostNow > quiz.closesAt) return false;
    if (choice >= quiz.options.length) return false;
    const answers = bucket(this.answers, quizId, () => new Map<string, number>());
    if (answers.has(viewer) || answers.size >= LEDGER_LIMIT) return false;
    answers.set(viewer, choice);
    return true;
  }

  /** Records a claim of the perk on air, once per viewer. */
  claim(state: ShowState, viewer: string, perkId: string): boolean {
    if (state.perk?.id !== perkId) return false;
    const set = bucket(this.claims, perkId, () => new Set<string>());
    if (set.has(viewer) || set.size >= LEDGER_LIMIT) return false;
    set.add(viewer);
    return true;
  }

  entrantCount(lotteryId: string): number {
    return this.entrants.get(lotteryId)?.size ?? 0;
  }

  /** Entrant ids sorted, as the verifiable draw digests them. */
  sortedEntrants(lotteryId: string): string[] {
    return [...(this.entrants.get(lotteryId) ?? [])].sort();
  }
}
