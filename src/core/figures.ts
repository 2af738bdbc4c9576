/**
 * Live figures for the host: viewers now and peak, likes and comments per minute, interaction rate
 * so far, and a short history of the audience for the sparkline. Fed by the session's messages and
 * presence; bounded (one sample per `sampleEveryMs`, at most `historyLimit` samples).
 */
import type { Inbound } from './protocol.js';
import { interactionRate } from '../events/types.js';

export interface LiveFigures {
  viewers: number;
  peak: number;
  likesPerMinute: number;
  commentsPerMinute: number;
  /**
   * The report's interaction rate (`interactionRate` in src/events/types.ts) with what the host can
   * see live: viewers who chatted, liked, entered, answered or claimed ÷ viewers seen, where
   * viewers seen is the peak audience (ids of silent viewers are not known live). Live it reads at
   * or above the report's, which divides by every viewer who came.
   */
  interactionRate: number;
  /** Audience samples, oldest first. */
  history: number[];
}

export class FiguresTracker {
  private viewers = 0;
  private peak = 0;
  private readonly likeTimes: Array<[number, number]> = [];
  private readonly commentTimes: number[] = [];
  private readonly interacted = new Set<string>();
  private readonly history: number[] = [];
  private lastSample = -Infinity;

  constructor(
    private readonly sampleEveryMs = 5_000,
    private readonly historyLimit = 720,
  ) {}

  /** Presence count changed (the host itself is not a viewer). */
  presence(count: number, now: number): void {
    this.viewers = Math.max(0, count - 1);
    this.peak = Math.max(this.peak, this.viewers);
    this.sample(now);
  }

  message(message: Inbound, now: number): void {
    if (message.fromHost && !message.direct) return;
    switch (message.type) {
      case 'likes':
        this.likeTimes.push([now, (message as Inbound<'likes'>).body.n]);
        break;
      case 'chat':
        this.commentTimes.push(now);
        break;
      case 'enter':
      case 'answer':
      case 'claim':
      case 'vote':
        break;
      default:
        return;
    }
    if (this.interacted.size < 1_000_000) this.interacted.add(message.sender);
  }

  /** Figures at `now` (rates over the last minute). */
  read(now: number): LiveFigures {
    this.sample(now);
    const cutoff = now - 60_000;
    while (this.likeTimes.length > 0 && this.likeTimes[0]![0] < cutoff) this.likeTimes.shift();
    while (this.commentTimes.length > 0 && this.commentTimes[0]! < cutoff) this.commentTimes.shift();
    return {
      viewers: this.viewers,
      peak: this.peak,
      likesPerMinute: this.likeTimes.reduce((sum, [, n]) => sum + n, 0),
      commentsPerMinute: this.commentTimes.length,
      interactionRate: interactionRate(this.interacted.size, Math.max(this.peak, this.interacted.size)),
      history: [...this.history],
    };
  }

  private sample(now: number): void {
    if (now - this.lastSample < this.sampleEveryMs) return;
    this.lastSample = now;
    this.history.push(this.viewers);
    if (this.history.length > this.historyLimit) this.history.shift();
  }
}

/** SVG polyline points for a sparkline of `values` in a `width` × `height` box. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((value, index) => `${round(index * step)},${round(height - (value / max) * height)}`).join(' ');
}

const round = (value: number) => Math.round(value * 10) / 10;
