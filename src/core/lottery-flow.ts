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
import { retryDelay } from './retry.js';

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

/** Lists up to this many entrants are published after a draw so every screen can re-check it. */
export const PUBLISH_LIST_UP_TO = 20_000;
const LIST_PART_BYTES = 24_000;
const LIST_PART_IDS = 5000;
/** Entrant lists the host re-sends on request, per second, all viewers together (a part can be 24 KB). */
export const LIST_RESENDS = { burst: 5, perSecond: 5 };

/** A published list (entrants, ballots) in parts of at most 5,000 ids and 24 KB, each one message. */
export function splitParts(sorted: readonly string[]): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const item of sorted) {
    if (current.length >= LIST_PART_IDS || bytes + item.length + 3 > LIST_PART_BYTES) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.length + 3;
  }
  parts.push(current);
  return parts;
}

export class LotteryFlow {
  private readonly parts = new Map<string, Map<number, string[]> & { parts?: number }>();
  private readonly verifyRuns = new Map<string, number>();
  /** Host: the last draw's entrant list as published, for viewers that missed parts. */
  private published: { id: string; parts: string[][] } | null = null;
  /** Viewer: lotteries whose missing entrant list is being asked for. */
  private readonly asking = new Set<string>();

  constructor(
    private readonly core: SessionCore,
    /** How this screen enters a lottery (the façade's `enter`, so an automatic entry is tracked like a tap). */
    private readonly enter: (lotteryId: string) => void,
  ) {
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
    if (result.sorted.length <= PUBLISH_LIST_UP_TO) this.publishEntrants(lottery.id, result.sorted);
    return result;
  }

  /** Host: sends the last draw's entrant list straight to a viewer that missed parts of it. */
  resendEntrants(viewer: string, id: string): void {
    const { core } = this;
    const list = this.published;
    if (list?.id !== id || core.pace.take('entrant-lists', LIST_RESENDS, 1, core.clock.localNow()) === 0) return;
    list.parts.forEach((ids, part) => void core.send(core.envelope('lottery.entrants', { id, part, parts: list.parts.length, ids }), viewer));
  }

  /** Keeps one part of a draw's entrant list; the last part to arrive triggers the check. */
  collect({ id, part, parts, ids }: BodyOf<'lottery.entrants'>): void {
    let got = this.parts.get(id);
    if (!got || got.parts !== parts) {
      got = Object.assign(new Map<number, string[]>(), { parts });
      this.parts.set(id, got);
      if (this.parts.size > 5) this.parts.delete(this.parts.keys().next().value as string);
    }
    const complete = got.size === parts;
    got.set(part, ids);
    if (!complete && got.size === parts) this.check(id);
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

  private publishEntrants(id: string, sorted: readonly string[]): void {
    const parts = splitParts(sorted);
    this.published = { id, parts };
    parts.forEach((ids, part) => this.core.act('lottery.entrants', { id, part, parts: parts.length, ids }));
  }

  /**
   * Viewer: a drawn lottery whose list is incomplete asks the host for it until it has it, with the
   * one backoff policy (src/core/retry.ts): on a lossy link every ask may be lost, and a screen that
   * stopped asking could never verify the draw.
   */
  private askForEntrants(id: string, attempt = 0): void {
    const { core } = this;
    if (attempt === 0 && this.asking.has(id)) return;
    if (core.isHost || core.closed) return void this.asking.delete(id);
    this.asking.add(id);
    core.timers.later(() => {
      const lottery = core.state.lottery;
      if (lottery?.id !== id || lottery.status !== 'drawn' || lottery.entrants > PUBLISH_LIST_UP_TO) return void this.asking.delete(id);
      const got = this.parts.get(id);
      if (got && got.size === got.parts) return void this.asking.delete(id);
      const hello = core.envelope('hello', { seq: core.state.hostSeq, entrants: id });
      for (const host of core.hosts) void core.send(hello, host);
      this.askForEntrants(id, attempt + 1);
    }, retryDelay(attempt + 1));
  }

  /** Re-checks the current draw with the entrant list when all its parts arrived. */
  private check(id: string): void {
    const { core } = this;
    const lottery = core.state.lottery;
    if (lottery?.id !== id || lottery.status !== 'drawn' || lottery.seed === undefined || lottery.digest === undefined) return;
    const list = this.entrantList(id);
    // Parts lost on the way (or skipped by a snapshot) are asked for again, straight from the host.
    if (list === null && lottery.entrants <= PUBLISH_LIST_UP_TO) this.askForEntrants(id);
    const run = (this.verifyRuns.get(id) ?? 0) + 1;
    this.verifyRuns.set(id, run);
    if (!core.viewer.draws[id]) core.viewerDid({ type: 'draw-checked', lottery: id, check: { status: 'checking', commitment: false, digest: null, winners: null, member: null } });
    const draw = { commitment: lottery.commitment, seed: lottery.seed, digest: lottery.digest, entrants: lottery.entrants, winners: lottery.winners, winnerIds: lottery.winnerIds ?? [] };
    void verifyDraw(draw, list, core.userId).then((check) => {
      if (this.verifyRuns.get(id) !== run || core.closed) return;
      core.viewerDid({ type: 'draw-checked', lottery: id, check });
    });
  }

  /** The whole entrant list when every part arrived, else `null`. */
  private entrantList(id: string): string[] | null {
    const got = this.parts.get(id);
    if (!got || got.size !== got.parts) return null;
    const list: string[] = [];
    for (let part = 0; part < got.parts; part++) {
      const ids = got.get(part);
      if (!ids) return null;
      for (const entrant of ids) list.push(entrant);
    }
    return list;
  }
}
