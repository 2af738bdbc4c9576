/**
 * The lottery, end to end. Host: opens with a secret seed (only its SHA-256 commitment goes out),
 * closes entries on time, draws (sort, digest, pick from the committed seed) and publishes the
 * sorted entrant list in parts. Every screen: collects the parts and re-checks the draw
 * (src/core/draw.ts; docs/lottery.md says what that proves); a screen that missed parts asks the
 * host for them again. Viewers in a watch-time lottery enter by themselves once they watched enough.
 */
import { randomId, type BodyOf, type Envelope, type Inbound, type LotteryMode } from './protocol.js';
import { commitmentOf, drawWinners, newSeed, verifyDraw, type DrawResult } from './draw.js';
import type { SessionCore } from './session-core.js';
import { PUBLISH_LIST_UP_TO, PublishedList } from './published-list.js';

export { PUBLISH_LIST_UP_TO, LIST_RESENDS, splitParts } from './published-list.js';

export interface OpenLotteryOptions {
  id?: string;
  mode: LotteryMode;
  prize: string;
  keyword?: string;
  goal?: number;
  minutes?: number;
  winners?: number;
  /** How long entries stay open, in seconds. */
  seconds: number;
  eligibility?: BodyOf<'lottery.open'>['eligibility'];
}

export class LotteryFlow {
  /** The draw's entrant list, published in parts (src/core/published-list.ts). */
  private readonly entrants: PublishedList<'lottery.entrants'>;

  constructor(
    private readonly core: SessionCore,
    /** How this screen enters a lottery (the façade's `enter`, so an automatic entry is tracked like a tap). */
    private readonly enter: (lotteryId: string) => void,
  ) {
    this.entrants = new PublishedList(core, {
      type: 'lottery.entrants',
      body: (id, part, parts, ids) => ({ id, part, parts, ids }),
      ask: 'entrants',
      resends: 'entrant-lists',
      wanted: (id) => {
        const lottery = core.state.lottery;
        return lottery?.id === id && lottery.status === 'drawn' && lottery.entrants <= PUBLISH_LIST_UP_TO;
      },
    });
    core.onApplied((message) => this.applied(message));
  }

  async open(options: OpenLotteryOptions): Promise<Envelope<'lottery.open'>> {
    const { core } = this;
    const seed = newSeed();
    const body: BodyOf<'lottery.open'> = {
      id: options.id ?? `lottery-${randomId(8)}`,
      mode: options.mode,
      prize: options.prize,
      winners: options.winners ?? 1,
      closesAt: Math.round(core.clock.now() + options.seconds * 1000),
      commitment: await commitmentOf(seed),
    };
    if (options.keyword !== undefined) body.keyword = options.keyword;
    if (options.goal !== undefined) body.goal = options.goal;
    if (options.minutes !== undefined) body.minutes = options.minutes;
    if (options.eligibility) body.eligibility = options.eligibility;
    if (options.mode === 'like-goal') body.likesFrom = core.state.likes;
    const envelope = core.act('lottery.open', body);
    core.secrets.set(body.id, { seed });
    core.timers.later(
      () => {
        const lottery = core.state.lottery;
        if (lottery?.id === body.id && lottery.status === 'open') this.close();
      },
      Math.max(0, body.closesAt - core.clock.now()) + 50,
    );
    return envelope;
  }

  close(): void {
    const lottery = this.core.state.lottery;
    if (!lottery || lottery.status !== 'open') return;
    this.core.act('lottery.close', { id: lottery.id, entrants: this.core.ledger.entrantCount(lottery.id) });
  }

  async draw(claim?: string): Promise<DrawResult> {
    const { core } = this;
    const lottery = core.state.lottery;
    if (!lottery || (lottery.status !== 'open' && lottery.status !== 'closed')) throw new Error('[linger] No open or closed lottery to draw.');
    const seed = core.secrets.get(lottery.id)?.seed;
    if (!seed) throw new Error(`[linger] This host session has no seed for lottery "${lottery.id}" (open it with openLottery()).`);
    if (lottery.status === 'open') this.close();
    const result = await drawWinners(seed, core.ledger.entrants.get(lottery.id) ?? [], lottery.winners);
    const body: BodyOf<'lottery.draw'> = { id: lottery.id, seed, entrants: result.sorted.length, digest: result.digest, winnerIds: result.winnerIds };
    if (claim) body.claim = claim;
    core.act('lottery.draw', body);
    for (const winner of result.winnerIds) core.ledger.pastWinners.add(winner);
    if (result.sorted.length <= PUBLISH_LIST_UP_TO) this.entrants.publish(lottery.id, result.sorted);
    return result;
  }

  /** Host: sends the last draw's entrant list straight to a viewer that missed parts of it. */
  resendEntrants(viewer: string, id: string): void {
    this.entrants.resend(viewer, id);
  }

  /** Keeps one part of a draw's entrant list; the last part to arrive triggers the check. */
  collect({ id, part, parts, ids }: BodyOf<'lottery.entrants'>): void {
    if (this.entrants.collect(id, part, parts, ids)) this.check(id);
  }

  /** Watch-time lotteries: enters by itself once the player reported enough watched seconds. */
  autoEnter(): void {
    const { state, viewer } = this.core;
    const lottery = state.lottery;
    if (!lottery || lottery.status !== 'open' || lottery.mode !== 'watch-time' || viewer.entries[lottery.id]) return;
    const need = Math.max(lottery.minutes ?? 0, lottery.eligibility?.minWatchMinutes ?? 0) * 60;
    if (viewer.watched >= need) this.enter(lottery.id);
  }

  private applied(message: Inbound): void {
    switch (message.type) {
      case 'lottery.draw':
        this.check((message as Inbound<'lottery.draw'>).body.id);
        return;
      case 'lottery.entrants':
        this.collect((message as Inbound<'lottery.entrants'>).body);
        return;
      case 'lottery.open':
      case 'snapshot': {
        this.autoEnter();
        const lottery = this.core.state.lottery;
        if (message.type === 'snapshot' && lottery?.status === 'drawn' && !this.core.viewer.draws[lottery.id]) this.check(lottery.id);
        return;
      }
      default:
    }
  }

  /** Re-checks the current draw with the entrant list when all its parts arrived. */
  private check(id: string): void {
    const { core } = this;
    const lottery = core.state.lottery;
    if (lottery?.id !== id || lottery.status !== 'drawn' || lottery.seed === undefined || lottery.digest === undefined) return;
    const list = this.entrants.list(id);
    // Parts lost on the way (or skipped by a snapshot) are asked for again, straight from the host.
    if (list === null && lottery.entrants <= PUBLISH_LIST_UP_TO) this.entrants.ask(id);
    if (!core.viewer.draws[id]) core.viewerDid({ type: 'draw-checked', lottery: id, check: { status: 'checking', commitment: false, digest: null, winners: null, member: null } });
    const draw = { commitment: lottery.commitment, seed: lottery.seed, digest: lottery.digest, entrants: lottery.entrants, winners: lottery.winners, winnerIds: lottery.winnerIds ?? [] };
    this.entrants.settle(id, verifyDraw(draw, list, core.userId), (check) => core.viewerDid({ type: 'draw-checked', lottery: id, check }));
  }
}
