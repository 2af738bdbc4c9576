/**
 * What a viewer does on its own screen — chat, likes, lottery entries, quiz answers, perk claims —
 * checked and paced here before anything is sent. `RoomSession` offers these as its viewer actions.
 */
import { clip } from './primitives.js';
import { MAX_CHAT_LENGTH, checkBody, encode, type BodyOf } from './protocol.js';
import { chatAllowed } from './state.js';
import { chatInterval, likesInterval } from './budget.js';
import type { SessionCore } from './session-core.js';

export type ChatResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'empty' | 'too-long' | 'slow-mode' | 'muted' | 'blocked' | 'offline'; retryInMs?: number };

/** Most likes one aggregated message carries, and most a runaway tapper can queue. */
const LIKES_PER_MESSAGE = 1000;
const LIKES_BACKLOG = 10_000;

export class ViewerActions {
  private pendingLikes = 0;
  private lastLikesAt = -Infinity;

  /** `receiveOwn` takes a host's own request through the same checks as anyone's. */
  constructor(
    private readonly core: SessionCore,
    private readonly receiveOwn: (raw: string, sender: string, direct: boolean) => void,
  ) {}

  /** Sends a chat line, applying slow mode (host's or automatic), mute and block words locally. */
  chat(text: string, extra: { name?: string; locale?: string; topic?: string } = {}): ChatResult {
    const { core } = this;
    const trimmed = String(text ?? '').trim();
    if (!trimmed) return { ok: false, reason: 'empty' };
    if (trimmed.length > MAX_CHAT_LENGTH) return { ok: false, reason: 'too-long' };
    if (core.transport.status !== 'connected') return { ok: false, reason: 'offline' };
    const state = core.state;
    if (state.moderation.muted.includes(core.userId)) return { ok: false, reason: 'muted' };
    if (!chatAllowed(state, core.userId, trimmed)) return { ok: false, reason: 'blocked' };
    const intervalMs = core.isHost ? 0 : chatInterval(core.presence$.get() ?? 1, state.moderation.slowMode) * 1000;
    if (intervalMs > 0) {
      const pace = { burst: 1, perSecond: 1000 / intervalMs };
      const now = core.clock.localNow();
      const wait = core.pace.waitMs('chat', pace, now);
      if (wait > 0) return { ok: false, reason: 'slow-mode', retryInMs: wait };
      core.pace.take('chat', pace, 1, now);
    }
    const body: BodyOf<'chat'> = { text: trimmed };
    if (extra.name) body.name = clip(extra.name, 40);
    if (extra.locale) body.locale = clip(extra.locale, 35);
    // An answer to the topic on air; a stale topic id (the host moved on) is left off.
    if (extra.topic && extra.topic === state.topic?.id) body.topic = extra.topic;
    const lottery = state.lottery;
    if (lottery?.status === 'open' && lottery.mode === 'keyword' && lottery.eligibility?.minWatchMinutes) {
      body.watched = Math.min(1_000_000, Math.floor(core.viewer.watched));
    }
    const envelope = core.envelope('chat', body);
    core.applyOwn(envelope);
    // Counted once it left: a line the transport refused is not an interaction.
    void core.send(envelope).then((sent) => {
      if (!sent || core.isHost) return;
      core.track('chat', { message: envelope.id, length: trimmed.length });
      // A reply to the topic is also a topic answer (docs/events.md): its id and length, never the text.
      if (body.topic) core.track('topic_answer', { topic: body.topic, length: trimmed.length });
    });
    return { ok: true, id: envelope.id };
  }

  /**
   * Counts likes locally at once and sends them aggregated: at most one `likes` message per
   * viewer per interval (1 s, longer in large shows), however fast the viewer taps.
   */
  like(count = 1): void {
    const n = Math.floor(Number(count));
    if (!Number.isFinite(n) || n < 1) return;
    this.pendingLikes = Math.min(this.pendingLikes + n, LIKES_BACKLOG);
    this.scheduleLikes();
  }

  enter(lotteryId: string): void {
    const { core } = this;
    if (core.viewer.entries[lotteryId] === 'in') return;
    core.viewerDid({ type: 'enter-sent', lottery: lotteryId });
    this.request('enter', { lottery: lotteryId, watched: Math.min(1_000_000, Math.floor(core.viewer.watched)) });
    if (!core.isHost) core.track('lottery_enter', { lottery: lotteryId });
  }

  answer(quizId: string, choice: number): void {
    const { core } = this;
    if (core.viewer.answers[quizId]) return;
    core.viewerDid({ type: 'answer-sent', quiz: quizId, choice });
    this.request('answer', { quiz: quizId, choice });
    if (!core.isHost) core.track('quiz_answer', { quiz: quizId, choice });
  }

  claim(perkId: string): void {
    const { core } = this;
    if (core.viewer.claims[perkId]?.status === 'ok') return;
    core.viewerDid({ type: 'claim-sent', perk: perkId });
    this.request('claim', { perk: perkId });
    if (!core.isHost) core.track('perk_claim', { perk: perkId });
  }

  /** Votes: sent to the host, which counts one per viewer (or the last, when the vote is changeable). */
  vote(voteId: string, choice: number): void {
    const { core } = this;
    const mine = core.viewer.votes[voteId];
    const vote = core.state.vote;
    if (mine?.choice === choice && mine.status !== 'rejected') return;
    if (mine && mine.status !== 'rejected' && vote?.id === voteId && !vote.changeable) return;
    core.viewerDid({ type: 'vote-sent', vote: voteId, choice });
    this.request('vote', { vote: voteId, choice, watched: Math.min(1_000_000, Math.floor(core.viewer.watched)) });
    if (!core.isHost) core.track('vote_cast', { vote: voteId, choice });
  }

  /** Sends what is left of the likes now (on close). */
  flushLikes(): void {
    const { core } = this;
    if (this.pendingLikes === 0 || core.closed) return;
    const n = Math.min(this.pendingLikes, LIKES_PER_MESSAGE);
    this.pendingLikes -= n;
    this.lastLikesAt = core.clock.localNow();
    const envelope = core.envelope('likes', { n });
    core.applyOwn(envelope);
    void core.send(envelope);
  }

  private request<T extends 'enter' | 'answer' | 'claim' | 'vote'>(type: T, body: BodyOf<T>): void {
    const { core } = this;
    const envelope = core.envelope(type, checkBody(type, body));
    for (const host of core.hosts) if (host !== core.userId) void core.send(envelope, host);
    if (core.isHost) this.receiveOwn(encode({ ...envelope, room: core.transport.channel }), core.userId, true);
  }

  private scheduleLikes(): void {
    if (this.pendingLikes === 0) return;
    const wait = Math.max(0, this.lastLikesAt + likesInterval(this.core.presence$.get() ?? 1) - this.core.clock.localNow());
    this.core.timers.once(
      'likes',
      () => {
        this.flushLikes();
        this.scheduleLikes();
      },
      wait,
    );
  }
}
