/**
 * The host's private record of viewer requests — lottery entries, quiz answers, perk claims.
 * Kept out of the published state (it can hold 100k ids; the snapshot must stay under 16 KB) and
 * mutable on purpose: sets make "one entry per viewer" O(1) in a show with 100k entrants.
 */
import type { ReceiptReason } from './protocol.js';
import type { ShowState } from './state.js';

/** What the host knows about one viewer when an entry arrives. */
export interface EntryFacts {
  /** Seconds watched, as reported by the viewer's own player (see docs/lottery.md). */
  watched?: number | undefined;
}

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
  /** Vote id → voter → its choice (the last one, when the vote lets viewers change it). */
  readonly votes = new Map<string, Map<string, number>>();
  /** Votes being tallied: refused from the moment the close starts, though the state still says open. */
  readonly closedVotes = new Set<string>();
  /** Everyone who won a draw in this show (for the `newWinnersOnly` filter). */
  readonly pastWinners = new Set<string>();
  /** Everyone who sent a chat line in this show (for the `commented` filter). */
  readonly commenters = new Set<string>();
  /** Verified member tiers (docs/tiers.md), by viewer. */
  readonly tiers = new Map<string, string>();
  /** Tier claims ignored, by reason (forged, expired, another viewer's, malformed). */
  readonly tierRefusals = { malformed: 0, signature: 0, expired: 0, 'other-viewer': 0 };
  /** First-N perks: how many were on offer when the perk dropped. */
  readonly claimLimits = new Map<string, number>();

  /**
   * Records an entry while the lottery is open; `hostNow` is the host's receive time, so a viewer
   * cannot sneak in late by stamping an old time.
   */
  enter(state: ShowState, viewer: string, lotteryId: string, hostNow: number, facts: EntryFacts = {}): boolean {
    return this.tryEnter(state, viewer, lotteryId, hostNow, facts) === null;
  }

  /** Like `enter`, with the reason for a refusal (`null` = entered). Eligibility filters apply here. */
  tryEnter(state: ShowState, viewer: string, lotteryId: string, hostNow: number, facts: EntryFacts = {}): ReceiptReason | null {
    const lottery = state.lottery;
    if (!lottery || lottery.id !== lotteryId) return 'unknown';
    if (lottery.status !== 'open') return 'closed';
    if (hostNow > lottery.closesAt) return 'late';
    if (lottery.mode === 'like-goal') return 'mode';
    const rules = lottery.eligibility;
    if (rules?.newWinnersOnly && this.pastWinners.has(viewer)) return 'ineligible';
    if (rules?.commented && !this.commenters.has(viewer)) return 'ineligible';
    if (rules?.tier && this.tiers.get(viewer) !== rules.tier) return 'tier';
    const minWatch = Math.max(rules?.minWatchMinutes ?? 0, lottery.mode === 'watch-time' ? (lottery.minutes ?? 0) : 0);
    if (minWatch > 0 && (facts.watched ?? 0) < minWatch * 60) return 'ineligible';
    const set = bucket(this.entrants, lotteryId, () => new Set<string>());
    if (set.has(viewer)) return 'duplicate';
    if (set.size >= LEDGER_LIMIT) return 'closed';
    set.add(viewer);
    return null;
  }

  /** Locks a viewer's first answer while the quiz is open; late answers are refused by the host. */
  answer(state: ShowState, viewer: string, quizId: string, choice: number, hostNow: number): boolean {
    return this.tryAnswer(state, viewer, quizId, choice, hostNow) === null;
  }

  /** Like `answer`, with the reason for a refusal (`null` = locked). */
  tryAnswer(state: ShowState, viewer: string, quizId: string, choice: number, hostNow: number): ReceiptReason | null {
    const quiz = state.quiz;
    if (!quiz || quiz.id !== quizId) return 'unknown';
    if (quiz.status !== 'open') return 'closed';
    if (hostNow > quiz.closesAt) return 'late';
    if (choice >= quiz.options.length) return 'invalid';
    const answers = bucket(this.answers, quizId, () => new Map<string, number>());
    if (answers.has(viewer)) return 'duplicate';
    if (answers.size >= LEDGER_LIMIT) return 'closed';
    answers.set(viewer, choice);
    return null;
  }

  /** Share of answers per option (0–1), as the reveal publishes them. */
  shares(quizId: string, options: number): number[] {
    const counts = new Array<number>(options).fill(0);
    const answers = this.answers.get(quizId);
    for (const choice of answers?.values() ?? []) if (choice < options) counts[choice]!++;
    const total = answers?.size ?? 0;
    return counts.map((n) => (total ? Math.round((n / total) * 1000) / 1000 : 0));
  }

  /**
   * Records a vote while the vote is open, once per viewer (a changeable vote keeps the last
   * choice); like an entry, judged on the host's clock. `null` = counted.
   */
  tryVote(state: ShowState, viewer: string, voteId: string, choice: number, hostNow: number, facts: EntryFacts = {}): ReceiptReason | null {
    const vote = state.vote;
    if (!vote || vote.id !== voteId) return 'unknown';
    if (vote.status !== 'open' || this.closedVotes.has(voteId)) return 'closed';
    if (hostNow > vote.closesAt) return 'late';
    if (choice >= vote.options.length) return 'invalid';
    const rules = vote.eligibility;
    if (rules?.tier && this.tiers.get(viewer) !== rules.tier) return 'tier';
    if (rules?.minWatchMinutes && (facts.watched ?? 0) < rules.minWatchMinutes * 60) return 'ineligible';
    const votes = bucket(this.votes, voteId, () => new Map<string, number>());
    const previous = votes.get(viewer);
    if (previous !== undefined && (!vote.changeable || previous === choice)) return 'duplicate';
    if (previous === undefined && votes.size >= LEDGER_LIMIT) return 'closed';
    votes.set(viewer, choice);
    return null;
  }

  /** Votes per option so far. */
  voteCounts(voteId: string, options: number): number[] {
    const counts = new Array<number>(options).fill(0);
    for (const choice of this.votes.get(voteId)?.values() ?? []) if (choice < options) counts[choice]!++;
    return counts;
  }

  /** Records a claim of the perk on air, once per viewer. */
  claim(state: ShowState, viewer: string, perkId: string): boolean {
    return this.tryClaim(state, viewer, perkId) === null;
  }

  /**
   * Like `claim`, with the reason for a refusal. A first-N perk (`remaining` a number) is sold out
   * once as many claims as it had left when dropped were accepted; the session publishes the count.
   */
  tryClaim(state: ShowState, viewer: string, perkId: string): ReceiptReason | null {
    const perk = state.perk;
    if (perk?.id !== perkId) return 'unknown';
    const tier = perk.tier ?? state.schedule.find((planned) => planned.id === perkId)?.tier;
    if (tier && this.tiers.get(viewer) !== tier) return 'tier';
    const set = bucket(this.claims, perkId, () => new Set<string>());
    if (set.has(viewer)) return 'duplicate';
    const limit = this.claimLimits.get(perkId) ?? perk.remaining;
    if (typeof limit === 'number' && set.size >= limit) return 'sold-out';
    if (set.size >= LEDGER_LIMIT) return 'closed';
    set.add(viewer);
    return null;
  }

  /** First-N perks left: the number on offer minus accepted claims (`null` when unlimited). */
  remaining(perkId: string): number | null {
    const limit = this.claimLimits.get(perkId);
    return limit === undefined ? null : Math.max(0, limit - (this.claims.get(perkId)?.size ?? 0));
  }

  entrantCount(lotteryId: string): number {
    return this.entrants.get(lotteryId)?.size ?? 0;
  }

  /** Entrant ids sorted, as the verifiable draw digests them. */
  sortedEntrants(lotteryId: string): string[] {
    return [...(this.entrants.get(lotteryId) ?? [])].sort();
  }
}
