/**
 * The worked example of docs/metrics.md, as an event log: show `spring` starts at T (show_live),
 * ends at T + 180 s; viewers A, B, C, D; C also watched the earlier show `winter`.
 */
import type { LingerEvent } from '../../src/events/types.js';

export const T = Date.UTC(2025, 4, 1, 18, 0, 0);
const s = (seconds: number) => T + seconds * 1000;
let n = 0;
const e = (type: LingerEvent['type'], at: number, viewerId: string, sessionId: string, props: Record<string, unknown> = {}, show = 'spring', id?: string): LingerEvent =>
  ({ id: id ?? `w${++n}`, type, at, show, viewerId, sessionId, locale: 'en', props }) as LingerEvent;

export const workedExample: LingerEvent[] = [
  // the earlier show: C watched it a day before
  e('session_start', T - 86_400_000, 'C', 'c0', {}, 'winter'),
  e('heartbeat', T - 86_400_000 + 15_000, 'C', 'c0', { seconds: 15 }, 'winter'),
  // the timeline of `spring` (host messages)
  e('timeline', s(0), 'H', 'h1', { kind: 'show_live', label: 'Spring sale' }, 'spring', 'tl-live'),
  e('timeline', s(100), 'H', 'h1', { kind: 'lottery_opened', ref: 'l1', label: 'Silk scarf' }, 'spring', 'tl-lottery'),
  e('timeline', s(180), 'H', 'h1', { kind: 'show_ended' }, 'spring', 'tl-end'),
  // A: two page sessions, watches minutes 0–2 (15 + 60 + 60 s), chats
  e('session_start', s(44), 'A', 'a1'),
  e('heartbeat', s(60), 'A', 'a1', { seconds: 15 }, 'spring', 'a-hb-1'),
  e('heartbeat', s(60), 'A', 'a1', { seconds: 15 }, 'spring', 'a-hb-1'), // a retried duplicate
  e('chat', s(30), 'A', 'a1', { message: 'm1', length: 12 }),
  e('session_start', s(60), 'A', 'a2'),
  e('heartbeat', s(120), 'A', 'a2', { seconds: 60 }),
  e('heartbeat', s(180), 'A', 'a2', { seconds: 60 }),
  // B: minutes 0–1 (60 + 60 s), likes, then leaves
  e('session_start', s(0), 'B', 'b1'),
  e('heartbeat', s(60), 'B', 'b1', { seconds: 60 }),
  e('like', s(90), 'B', 'b1', { count: 5 }),
  e('heartbeat', s(120), 'B', 'b1', { seconds: 60 }),
  // C: arrives in minute 2 (30 + 30 s)
  e('session_start', s(120), 'C', 'c1'),
  e('heartbeat', s(150), 'C', 'c1', { seconds: 30 }),
  e('heartbeat', s(180), 'C', 'c1', { seconds: 30 }),
  // D: opened the page, viewed a product, never played
  e('session_start', s(10), 'D', 'd1'),
  e('product_view', s(12), 'D', 'd1', { product: 'p1' }),
];

/** The hand-computed figures (docs/metrics.md). */
export const expected = {
  show: 'spring',
  viewers: 4,
  sessions: 5,
  watchSeconds: 315,
  avgWatchPerViewer: 78.75,
  avgWatchPerSession: 63,
  interacting: 2,
  interactionRate: 0.5,
  returning: 1,
  returnRate: 0.25,
  peakConcurrent: 2,
  curve: { active: [2, 2, 2], arrived: [2, 2, 3], retention: [1, 1, 2 / 3], left: [0, 0, 1] },
  drops: [{ minute: 2, left: 1, share: 0.5, around: ['show_live', 'lottery_opened'] }],
};
