/**
 * The host's side of viewer requests: entries, answers and claims arrive as direct messages, the
 * ledger decides (once per viewer, on the host's clock), every request gets a receipt, and the
 * counts viewers see (entrants, first-N left) are published at most once or twice a second.
 * Keyword entries arrive as chat lines; a like goal unlocks from the likes count.
 */
import { PROTOCOL_VERSION, type BodyOf, type Inbound, type ReceiptReason } from './protocol.js';
import { chatAllowed } from './state.js';
import { matchesKeyword } from './keyword.js';
import type { SessionCore } from './session-core.js';

/** The live entrant count goes out at most once a second. */
const TALLY_EVERY_MS = 1000;
/** A first-N perk's remaining count goes out at most twice a second. */
const REMAINING_EVERY_MS = 500;

export class HostRequests {
  constructor(private readonly core: SessionCore) {
    core.onApplied((message) => {
      if (core.isHost && !message.fromHost) this.observe(message);
    });
    core.afterAct.push((envelope) => {
      if (envelope.type !== 'perk.drop') return;
      const drop = envelope.body as BodyOf<'perk.drop'>;
      if (typeof drop.remaining === 'number' && !core.ledger.claimLimits.has(drop.id)) core.ledger.claimLimits.set(drop.id, drop.remaining);
    });
  }

  /** A direct request from a viewer (or the host's own, looped back): decide, record, answer. */
  record(message: Inbound): void {
    const { core } = this;
    if (!core.isHost) return;
    const hostNow = core.clock.now();
    const state = core.state;
    let reason: ReceiptReason | null;
    let receipt: BodyOf<'receipt'>;
    if (message.type === 'enter') {
      const { lottery, watched } = (message as Inbound<'enter'>).body;
      const open = state.lottery;
      // Keyword lotteries are entered by chat only (see observe).
      reason = open?.id === lottery && open.mode === 'keyword' ? 'mode' : core.ledger.tryEnter(state, message.sender, lottery, hostNow, { watched });
      receipt = { for: 'enter', ref: lottery, ok: reason === null };
      if (reason === null) this.scheduleTally();
    } else if (message.type === 'answer') {
      const { quiz, choice } = (message as Inbound<'answer'>).body;
      reason = core.ledger.tryAnswer(state, message.sender, quiz, choice, hostNow);
      receipt = { for: 'answer', ref: quiz, ok: reason === null, choice: reason === 'duplicate' ? (core.ledger.answers.get(quiz)?.get(message.sender) ?? choice) : choice };
    } else if (message.type === 'claim') {
      const { perk } = (message as Inbound<'claim'>).body;
      reason = core.ledger.tryClaim(state, message.sender, perk);
      receipt = { for: 'claim', ref: perk, ok: reason === null };
      if (reason === null && core.ledger.claimLimits.has(perk)) this.scheduleRemaining();
    } else if (message.type === 'vote') {
      const { vote, choice, watched } = (message as Inbound<'vote'>).body;
      reason = core.ledger.tryVote(state, message.sender, vote, choice, hostNow, { watched });
      // The choice the host counts for this viewer (a refused change keeps the earlier one).
      receipt = { for: 'vote', ref: vote, ok: reason === null, choice: core.ledger.votes.get(vote)?.get(message.sender) ?? choice };
      if (reason === null) this.scheduleVoteTally();
    } else return;
    if (reason !== null) receipt.reason = reason;
    this.sendReceipt(message.sender, receipt);
    if (reason === null) core.notify({ ...message, at: Math.round(hostNow) });
  }

  /** Host: what broadcast viewer messages mean for the open lottery (keyword entries, like goal, commenters). */
  private observe(message: Inbound): void {
    const { core } = this;
    if (message.type === 'likes') return this.checkLikeGoal();
    if (message.type !== 'chat') return;
    const body = (message as Inbound<'chat'>).body;
    if (!chatAllowed(core.state, message.sender, body.text)) return;
    core.ledger.commenters.add(message.sender);
    const lottery = core.state.lottery;
    if (lottery?.status !== 'open' || lottery.mode !== 'keyword' || !lottery.keyword) return;
    if (!matchesKeyword(body.text, lottery.keyword)) return;
    const hostNow = core.clock.now();
    const reason = core.ledger.tryEnter(core.state, message.sender, lottery.id, hostNow, { watched: body.watched });
    if (reason === 'duplicate') return;
    this.sendReceipt(message.sender, reason === null ? { for: 'enter', ref: lottery.id, ok: true } : { for: 'enter', ref: lottery.id, ok: false, reason });
    if (reason !== null) return;
    this.scheduleTally();
    core.notify({ v: PROTOCOL_VERSION, type: 'enter', id: message.id, at: Math.round(hostNow), body: { lottery: lottery.id }, sender: message.sender, fromHost: false, direct: true } as Inbound);
  }

  private checkLikeGoal(): void {
    const { state } = this.core;
    const lottery = state.lottery;
    if (lottery?.status !== 'open' || lottery.mode !== 'like-goal' || !lottery.goal) return;
    if (state.likes - (lottery.likesFrom ?? 0) >= lottery.goal) this.core.act('lottery.unlock', { id: lottery.id });
  }

  private sendReceipt(viewer: string, receipt: BodyOf<'receipt'>): void {
    if (viewer === this.core.userId) this.core.viewerDid({ type: 'receipt', receipt });
    else void this.core.send(this.core.envelope('receipt', receipt), viewer);
  }

  /** Host: publishes the live entrant count, at most once a second. */
  private scheduleTally(): void {
    const { core } = this;
    core.timers.once(
      'tally',
      () => {
        const lottery = core.state.lottery;
        if (lottery?.status !== 'open') return;
        const entrants = core.ledger.entrantCount(lottery.id);
        if (entrants !== lottery.entrants) core.act('lottery.tally', { id: lottery.id, entrants });
      },
      TALLY_EVERY_MS,
    );
  }

  /** Host: publishes the live vote counts, at most once a second (like the entrant count). */
  private scheduleVoteTally(): void {
    const { core } = this;
    core.timers.once(
      'vote-tally',
      () => {
        const vote = core.state.vote;
        if (vote?.status !== 'open' || core.ledger.closedVotes.has(vote.id)) return;
        const counts = core.ledger.voteCounts(vote.id, vote.options.length);
        const total = core.ledger.votes.get(vote.id)?.size ?? 0;
        if (total !== vote.total || counts.some((n, i) => n !== vote.counts[i])) core.act('vote.tally', { id: vote.id, counts, total });
      },
      TALLY_EVERY_MS,
    );
  }

  /** Host: publishes a first-N perk's remaining count after claims, at most twice a second. */
  private scheduleRemaining(): void {
    const { core } = this;
    core.timers.once(
      'remaining',
      () => {
        const perk = core.state.perk;
        if (!perk) return;
        const remaining = core.ledger.remaining(perk.id);
        if (remaining !== null && remaining !== perk.remaining) core.act('perk.drop', { ...perk, remaining });
      },
      REMAINING_EVERY_MS,
    );
  }
}
