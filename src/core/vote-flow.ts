/**
 * The vote, end to end, the lottery's way (src/core/lottery-flow.ts). Host: opens with a secret
 * seed (only its SHA-256 commitment goes out), counts one vote per viewer in its ledger, closes on
 * time with the counts, the seed, the digest of the sorted ballot list and the winner, then
 * publishes the ballot list in parts. Every screen: collects the parts and re-checks the tally
 * (src/core/vote-tally.ts; docs/vote.md says what that proves); a screen that missed parts asks
 * the host for them again.
 */
import { randomId, type BodyOf, type Envelope, type Inbound, type Product } from './protocol.js';
import { commitmentOf, newSeed } from './draw.js';
import { PUBLISH_LIST_UP_TO, PublishedList } from './published-list.js';
import { tallyVotes, verifyVote, type VoteTally } from './vote-tally.js';
import type { SessionCore } from './session-core.js';

export interface OpenVoteOptions {
  id?: string;
  question: string;
  /** 2–6 options: a label, or a label with the catalog product it stands for. */
  options: ReadonlyArray<string | { label: string; product?: Product }>;
  /** How long voting stays open, in seconds; the vote closes and publishes its result by itself. */
  seconds: number;
  /** Viewers may change their vote until the close. */
  changeable?: boolean;
  /** Who may vote: watched at least N minutes, a member tier (docs/tiers.md). */
  eligibility?: BodyOf<'vote.open'>['eligibility'];
}

export class VoteFlow {
  /** The closed vote's ballot list, published in parts (src/core/published-list.ts). */
  private readonly ballots: PublishedList<'vote.ballots'>;

  constructor(private readonly core: SessionCore) {
    this.ballots = new PublishedList(core, {
      type: 'vote.ballots',
      body: (id, part, parts, ballots) => ({ id, part, parts, ballots }),
      ask: 'ballots',
      resends: 'ballot-lists',
      wanted: (id) => {
        const vote = core.state.vote;
        return vote?.id === id && vote.status === 'closed' && vote.total <= PUBLISH_LIST_UP_TO;
      },
    });
    core.onApplied((message) => this.applied(message));
  }

  async open(options: OpenVoteOptions): Promise<Envelope<'vote.open'>> {
    const { core } = this;
    const seed = newSeed();
    const body: BodyOf<'vote.open'> = {
      id: options.id ?? `vote-${randomId(8)}`,
      question: options.question,
      options: options.options.map((option) => (typeof option === 'string' ? { label: option } : option.product ? { label: option.label, product: option.product } : { label: option.label })),
      closesAt: Math.round(core.clock.now() + options.seconds * 1000),
      commitment: await commitmentOf(seed),
    };
    if (options.changeable) body.changeable = true;
    if (options.eligibility && (options.eligibility.minWatchMinutes || options.eligibility.tier)) body.eligibility = options.eligibility;
    const envelope = core.act('vote.open', body);
    core.secrets.set(body.id, { seed });
    core.timers.later(() => void this.close().catch(() => undefined), Math.max(0, body.closesAt - core.clock.now()) + 50);
    return envelope;
  }

  /** Host: closes the open vote and publishes its result; `null` when no vote of this session is open. */
  async close(): Promise<VoteTally | null> {
    const { core } = this;
    const vote = core.state.vote;
    if (!vote || vote.status !== 'open' || core.ledger.closedVotes.has(vote.id)) return null;
    const seed = core.secrets.get(vote.id)?.seed;
    if (!seed) throw new Error(`[linger] This host session has no seed for vote "${vote.id}" (open it with openVote()).`);
    // From here on the ledger refuses votes: none is receipted as counted and left out of the tally.
    core.ledger.closedVotes.add(vote.id);
    const tally = await tallyVotes(seed, core.ledger.votes.get(vote.id) ?? [], vote.options.length);
    const body: BodyOf<'vote.close'> = { id: vote.id, counts: tally.counts, total: tally.total, seed, digest: tally.digest };
    if (tally.winner !== undefined) body.winner = tally.winner;
    core.act('vote.close', body);
    if (tally.total <= PUBLISH_LIST_UP_TO) this.ballots.publish(vote.id, tally.ballots);
    return tally;
  }

  /** Host: sends the last ballot list straight to a viewer that missed parts of it. */
  resendBallots(viewer: string, id: string): void {
    this.ballots.resend(viewer, id);
  }

  /** Keeps one part of a ballot list; the last part to arrive triggers the check. */
  collect({ id, part, parts, ballots }: BodyOf<'vote.ballots'>): void {
    if (this.ballots.collect(id, part, parts, ballots)) this.check(id);
  }

  private applied(message: Inbound): void {
    if (message.type === 'vote.close') return this.check((message as Inbound<'vote.close'>).body.id);
    if (message.type === 'vote.ballots') return this.collect((message as Inbound<'vote.ballots'>).body);
    const vote = this.core.state.vote;
    if (message.type === 'snapshot' && vote?.status === 'closed' && !this.core.viewer.voteChecks[vote.id]) this.check(vote.id);
  }

  /** Re-checks the closed vote with the ballot list when all its parts arrived. */
  private check(id: string): void {
    const { core } = this;
    const vote = core.state.vote;
    if (vote?.id !== id || vote.status !== 'closed' || vote.seed === undefined || vote.digest === undefined) return;
    const list = this.ballots.list(id);
    if (list === null && vote.total <= PUBLISH_LIST_UP_TO) this.ballots.ask(id);
    if (!core.viewer.voteChecks[id]) core.viewerDid({ type: 'vote-checked', vote: id, check: { status: 'checking', commitment: false, digest: null, counts: false, winner: false, mine: null } });
    const published = { commitment: vote.commitment, seed: vote.seed, digest: vote.digest, counts: vote.counts, total: vote.total, options: vote.options.length, winner: vote.winner };
    this.ballots.settle(id, verifyVote(published, list, core.userId), (check) => core.viewerDid({ type: 'vote-checked', vote: id, check }));
  }
}
