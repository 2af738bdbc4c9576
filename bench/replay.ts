// npm run bench -- replay: a 3-hour show's timeline (100,000 chat lines, 500 host messages) loaded,
// checked and indexed, then seeked at random and played frame by frame (docs/replay.md).
// Figures: load (JSON + valibot) and index time, seek p50 / p99 / max to the state at t (checked
// against a naive replay from zero), the longest frame of steady playback, heap held by the replay.
import { parseTimeline, type Timeline, type TimelineEvent } from '../src/core/timeline.js';
import { TimelineIndex, upperBound } from '../src/core/timeline-index.js';
import { ReplaySession } from '../src/core/timeline-session.js';
import { CHAT_BUFFER, initialState, reduce, toSnapshot, type ShowState } from '../src/core/state.js';
import type { Inbound } from '../src/core/protocol.js';
import { seededRandom } from '../src/transports/memory.js';

const HOURS = 3;
const SHOW_MS = HOURS * 3600 * 1000;
const CHAT_LINES = 100_000;
const HOST_EVENTS = 500;
const SEEKS = 2000;
const CHECKS = 60;
const random = seededRandom(17);
const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

function makeTimeline(): Timeline {
  const startedAt = 1_760_000_000_000;
  const events: TimelineEvent[] = [{ t: 0, id: 'e0', type: 'show', body: { phase: 'live', title: 'Three hours of silk', startedAt } }];
  const step = Math.floor(SHOW_MS / HOST_EVENTS);
  let n = 0;
  const push = (type: TimelineEvent['type'], body: unknown) => {
    n++;
    events.push({ t: Math.min(SHOW_MS, n * step), id: `e${n}`, type, body } as TimelineEvent);
  };
  let round = 0;
  while (events.length < HOST_EVENTS - 1) {
    round++;
    push('pin', { product: { id: `p${round}`, title: `Product ${round}: hand-dyed silk scarf`, price: '$19.00', url: 'https://shop.example/products/scarf' }, remaining: 50 });
    push('announce', { text: `Round ${round}: type 1 to win a scarf!`, kind: 'perk-prompt' });
    push('perk.drop', { id: `k${round}`, title: `Free shipping ${round}`, code: `SHIP${round}`, remaining: 100 });
    push('quiz.ask', { id: `q${round}`, question: `Question ${round}: what is the scarf made of?`, options: ['Silk', 'Wool', 'Cotton'], closesAt: startedAt + n * step + 60_000, answerHash: hex(64) });
    push('quiz.reveal', { id: `q${round}`, correct: 0, salt: hex(32), explanation: 'Mulberry silk.', shares: [0.6, 0.3, 0.1] });
    push('lottery.open', { id: `l${round}`, mode: 'keyword', keyword: '1', prize: 'A silk scarf', winners: 3, closesAt: startedAt + n * step + 120_000, commitment: hex(64) });
    const entrants = Array.from({ length: 2000 }, (_, i) => `viewer-${round}-${String(i).padStart(5, '0')}`).sort();
    push('lottery.draw', { id: `l${round}`, seed: hex(64), entrants: entrants.length, digest: hex(64), winnerIds: entrants.slice(0, 3) });
    push('lottery.entrants', { id: `l${round}`, part: 0, parts: 1, ids: entrants });
    push('moderate', { deleteIds: [`c${round}`], slowMode: round % 3 });
  }
  push('show', { phase: 'ended', title: 'Three hours of silk', startedAt });
  const chat = Array.from({ length: CHAT_LINES }, (_, i) => ({ t: Math.floor((i * SHOW_MS) / CHAT_LINES), id: `c${i}`, text: `Comment ${i}: is it real silk? 😍`, name: `Viewer ${i % 997}`, locale: 'en' }));
  return {
    format: 'linger-timeline',
    version: 1,
    show: 'bench',
    title: 'Three hours of silk',
    startedAt,
    duration: SHOW_MS,
    initial: { show: { phase: 'upcoming' }, schedule: [], announcement: null, pinned: null, lottery: null, quiz: null, perk: null, vote: null, moderation: { slowMode: 0, muted: [], blockWords: [] }, likes: 0 } as Timeline['initial'],
    events,
    chat,
    sample: { seen: CHAT_LINES, kept: CHAT_LINES },
  };
}

/** The naive answer: every event up to t from the start, and the last chat lines up to t. */
function reference(timeline: Timeline, t: number): string {
  let state: ShowState = { ...initialState(), ...timeline.initial, epoch: 'replay' };
  const end = upperBound(timeline.events, t);
  for (let i = 0; i < end; i++) {
    const event = timeline.events[i]!;
    const message = { v: 1, type: event.type, id: event.id, at: timeline.startedAt + event.t, seq: state.hostSeq + 1, ep: 'replay', body: event.body, sender: 'host', fromHost: true, direct: false } as Inbound;
    const next = reduce(state, message);
    state = next === state ? { ...state, hostSeq: message.seq! } : next;
  }
  const lines = upperBound(timeline.chat, t);
  const chat = timeline.chat.slice(Math.max(0, lines - CHAT_BUFFER), lines).map((line) => line.id);
  return JSON.stringify([toSnapshot(state), chat, lines]);
}

const ms = (start: number) => performance.now() - start;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (value: number) => Math.round(value * 100) / 100;

export default async function run() {
  const text = JSON.stringify(makeTimeline());
  const heapBefore = process.memoryUsage().heapUsed;
  let start = performance.now();
  const parsed = parseTimeline(text);
  const loadMs = ms(start);
  if (!parsed.ok) throw new Error(`the bench timeline was refused: ${parsed.problem} ${parsed.detail}`);
  start = performance.now();
  const index = new TimelineIndex(parsed.timeline);
  const indexMs = ms(start);
  const session = new ReplaySession(index);
  await session.connect();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  const seeks: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const t = Math.floor(random() * SHOW_MS);
    start = performance.now();
    session.seek(t);
    void session.state.chat.length;
    seeks.push(ms(start));
  }
  seeks.sort((a, b) => a - b);

  let mismatches = 0;
  for (let i = 0; i < CHECKS; i++) {
    const t = Math.floor(random() * SHOW_MS);
    session.seek(t);
    // `chatCount` counts from the last jump (the chat feed's cursor): the lines themselves are compared.
    const got = JSON.stringify([toSnapshot(session.state), session.state.chat.map((line) => line.id), index.chatLinesAt(t)]);
    if (got !== reference(parsed.timeline, t)) mismatches++;
  }

  // Ten minutes of steady playback at 60 frames a second, from the middle of the show.
  // A long task is one over 50 ms (the browser's definition); a frame's budget is 16 ms.
  let frameMax = 0;
  let longTasks = 0;
  const frames: number[] = [];
  let t = SHOW_MS / 2;
  for (let frame = 0; frame < 10 * 60 * 60; frame++) {
    t += 1000 / 60;
    start = performance.now();
    session.seek(t);
    const took = ms(start);
    frames.push(took);
    frameMax = Math.max(frameMax, took);
    if (took > 50) longTasks++;
  }
  frames.sort((a, b) => a - b);
  await session.close();

  return {
    figures: {
      timeline_mb: round(text.length / 1024 / 1024),
      chat_lines: parsed.timeline.chat.length,
      host_events: parsed.timeline.events.length,
      load_ms: Math.round(loadMs),
      index_ms: round(indexMs),
      seek_p50_ms: round(quantile(seeks, 0.5)),
      seek_p99_ms: round(quantile(seeks, 0.99)),
      seek_max_ms: round(seeks[seeks.length - 1]!),
      seek_mismatches: mismatches,
      playback_frame_p99_ms: round(quantile(frames, 0.99)),
      playback_frame_max_ms: round(frameMax),
      playback_long_tasks: longTasks,
      heap_mb: round(heapMb),
    },
    targets: { seek_p99_ms: 16, seek_mismatches: 0, playback_frame_p99_ms: 16, playback_long_tasks: 0, load_ms: 5000 },
    direction: { seek_p99_ms: 'max', seek_mismatches: 'max', playback_frame_p99_ms: 'max', playback_long_tasks: 'max', load_ms: 'max' },
  };
}
