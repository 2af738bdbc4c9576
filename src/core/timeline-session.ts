/**
 * Replay mode's session (docs/replay.md): a `RoomSession` whose show state is the recorded show at
 * the player's position, asked of the timeline's index on every move, and whose transport sends
 * nothing — every viewer action is a no-op and a publish is refused and counted. Elements render it
 * like a live session; `replay` tells them actions that only made sense live happened live. The draw
 * quiz and vote checks run again here, on this screen, from the recorded seed, list and salt.
 */
import { TransportBase } from '../transports/transport-base.js';
import { transportError, type ChannelStorage, type Transport } from '../transports/transport.js';
import { verifyDraw } from './draw.js';
import { verifyAnswer } from './quiz-hash.js';
import { verifyVote } from './vote-tally.js';
import { RoomSession, type ChatResult } from './session.js';
import type { TimelineIndex } from './timeline-index.js';

/** The transport of a replay: no network at all. Anything asked to go out is refused and counted. */
export class ReplayTransport extends TransportBase implements Transport {
  readonly kind = 'replay';
  readonly userId = 'replay-viewer';
  readonly maxPayloadBytes = 0;
  /** Sends and storage writes something asked for (a replay test expects none). */
  refused = 0;
  readonly storage: ChannelStorage = {
    read: async () => null,
    write: async () => this.refuse(),
  };

  constructor(readonly channel: string) {
    super();
  }

  async connect(): Promise<void> {
    this.cell.set('connected');
  }
  async publish(): Promise<void> {
    return this.refuse();
  }
  async sendTo(): Promise<void> {
    return this.refuse();
  }
  async close(): Promise<void> {
    this.cell.set('closed');
  }

  private refuse(): Promise<never> {
    this.refused++;
    return Promise.reject(transportError('replay', 'A replay sends nothing.'));
  }
}

/** A move of the replay's position larger than this (ms) is a jump, not playback (4× speed, a slow frame). */
const JUMP_MS = 1500;

export class ReplaySession extends RoomSession {
  /** Show time (ms) the session shows. */
  private position = 0;
  /** Chat lines before the last jump: the lines a jump passed over are history, not arrivals. */
  private chatBase = 0;
  private readonly checking = new Set<string>();

  constructor(
    readonly index: TimelineIndex,
    readonly replayTransport: ReplayTransport = new ReplayTransport(index.timeline.show),
  ) {
    // The session's clock is the show's clock at the player's position: countdowns and quiz timers read it.
    super({ transport: replayTransport, hosts: [], localNow: () => index.hostTime(this.position) });
    this.seek(0);
  }

  override get replay(): boolean {
    return true;
  }

  /** Show time (ms) shown now. */
  get showTime(): number {
    return this.position;
  }

  /** Shows the show as it was at show time `t` (ms): a binary search and a few reductions. */
  seek(t: number): void {
    const next = Math.max(0, Number.isFinite(t) ? t : 0);
    // A jump (back, or ahead by more than playback moves between two looks) starts the chat over.
    if (next < this.position || next - this.position > JUMP_MS) this.chatBase = this.index.chatLinesAt(next);
    this.position = next;
    const state = this.index.stateAt(this.position, this.chatBase);
    if (state !== this.core.state) this.core.state$.set(state);
    this.check();
  }

  /** Connected at once: nothing to join, nothing to ask anyone. */
  override async connect(): Promise<void> {
    await this.replayTransport.connect();
    this.core.status$.set('connected');
  }

  override async close(): Promise<void> {
    if (this.core.closed) return;
    this.core.close();
    await this.replayTransport.close();
    this.core.status$.set('closed');
  }

  // What only made sense live does nothing in a replay (the elements say it happened live).
  override chat(): ChatResult {
    return { ok: false, reason: 'offline' };
  }
  override like(): void {}
  override enter(): void {}
  override answer(): void {}
  override claim(): void {}
  override castVote(): void {}
  override requestSnapshot(): void {}
  override publishSnapshot(): void {}
  override receive(): void {}

  /** The draw and the quiz answer on screen are checked again, here, from what the show published. */
  private check(): void {
    const { lottery, quiz } = this.core.state;
    const record = this.core.viewer;
    if (lottery && (lottery.status === 'drawn' || lottery.status === 'unlocked') && lottery.seed && lottery.digest && !record.draws[lottery.id] && !this.checking.has(lottery.id)) {
      const id = lottery.id;
      this.checking.add(id);
      this.core.viewerDid({ type: 'draw-checked', lottery: id, check: { status: 'checking', commitment: false, digest: null, winners: null, member: null } });
      const draw = { commitment: lottery.commitment, seed: lottery.seed, digest: lottery.digest, entrants: lottery.entrants, winners: lottery.winners, winnerIds: lottery.winnerIds ?? [] };
      // The list as the show published it, wherever the viewer is in the replay.
      void verifyDraw(draw, this.index.entrantsOf(id, this.index.duration), this.userId).then((result) => {
        this.checking.delete(id);
        if (!this.core.closed) this.core.viewerDid({ type: 'draw-checked', lottery: id, check: result });
      });
    }
    const vote = this.core.state.vote;
    if (vote?.status === 'closed' && vote.seed !== undefined && vote.digest !== undefined && !record.voteChecks[vote.id] && !this.checking.has(vote.id)) {
      const id = vote.id;
      this.checking.add(id);
      this.core.viewerDid({ type: 'vote-checked', vote: id, check: { status: 'checking', commitment: false, digest: null, counts: false, winner: false, mine: null } });
      const published = { commitment: vote.commitment, seed: vote.seed, digest: vote.digest, counts: vote.counts, total: vote.total, options: vote.options.length, winner: vote.winner };
      // The ballot list as the show published it, wherever the viewer is in the replay.
      void verifyVote(published, this.index.ballotsOf(id, this.index.duration), this.userId).then((result) => {
        this.checking.delete(id);
        if (!this.core.closed) this.core.viewerDid({ type: 'vote-checked', vote: id, check: result });
      });
    }
    if (quiz?.status === 'revealed' && quiz.salt !== undefined && quiz.correct !== undefined && record.quizChecks[quiz.id] === undefined && !this.checking.has(quiz.id)) {
      const id = quiz.id;
      this.checking.add(id);
      void verifyAnswer(quiz.answerHash, quiz.salt, quiz.correct).then((ok) => {
        this.checking.delete(id);
        if (!this.core.closed) this.core.viewerDid({ type: 'quiz-checked', quiz: id, ok });
      });
    }
  }
}
