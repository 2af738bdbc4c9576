/**
 * The four figures of a show and its retention curve, from an event log — pure functions, the same
 * in the browser report and in Node (the collector, benchmarks). Definitions: docs/metrics.md.
 */
import { INTERACTION_TYPES, REPLAY_SUFFIX, eventShow, interactionRate, type LingerEvent, type TimelineKind } from '../events/types.js';

export const MINUTE_MS = 60_000;

export interface TimelineMark {
  at: number;
  /** Minutes since the show start (fractional). */
  minute: number;
  kind: TimelineKind;
  ref?: string;
  label?: string;
}

export interface Drop {
  /** The minute in which the viewers were first missing. */
  minute: number;
  /** Viewers whose last watched minute was the one before. */
  left: number;
  /** `left / active[minute - 1]`. */
  share: number;
  /** Timeline marks from two minutes before the drop minute to its end. */
  around: TimelineMark[];
}

/** Interaction and return among the viewers of one verified tier (docs/metrics.md 11). */
export interface TierFigures {
  /** The tier the host verified (the viewer's latest `tier_verified` of the show); `''` = none. */
  tier: string;
  viewers: number;
  interacting: number;
  interactionRate: number;
  returning: number;
  returnRate: number;
}

/** The props of a `vote_closed` or `vote_result` timeline event. */
export interface VoteProps {
  kind: string;
  ref?: string;
  label?: string;
  option?: number;
  votes?: number;
}

/** A closed vote and the result the host published (docs/metrics.md 12). */
export interface VoteResult {
  vote: string;
  /** When it closed, and the minute of the show. */
  at: number;
  minute: number;
  question?: string;
  /** Per option (by index): its label and votes. */
  options: Array<{ label?: string; votes: number }>;
  total: number;
  /** The winning option; none without a vote. */
  winner?: number;
}

/** Watch time and add-to-carts of one side of a show: live, or its replay (docs/metrics.md 13). */
export interface WatchFigures {
  viewers: number;
  sessions: number;
  watchSeconds: number;
  avgWatchPerViewer: number;
  /** `add_to_cart` events. */
  addToCarts: number;
  /** Viewers with at least one. */
  carted: number;
}

export interface ShowMetrics {
  show: string;
  /** Show start (ms): the first `show_live` timeline mark, else the show's first event. */
  start: number;
  /** Show end (ms): the last `show_ended` mark, else the show's last event. */
  end: number;
  viewers: number;
  sessions: number;
  /** Sum of heartbeat seconds. */
  watchSeconds: number;
  avgWatchPerViewer: number;
  avgWatchPerSession: number;
  interacting: number;
  interactionRate: number;
  returning: number;
  returnRate: number;
  peakConcurrent: number;
  curve: { active: number[]; arrived: number[]; retention: number[]; left: number[] };
  timeline: TimelineMark[];
  drops: Drop[];
  /** Per verified tier, by tier name (`''`, no verified tier, first). Empty without viewers. */
  tiers: TierFigures[];
  /** Closed votes, in the order they closed. */
  votes: VoteResult[];
  /** The live show's watch time and add-to-carts (the figures above), beside its replay's. */
  live: WatchFigures;
  /** The replay's (show `<show>:replay`, docs/replay.md): none of it is in the figures above. */
  replay: WatchFigures;
}

export interface MetricsOptions {
  /** Which show (default: the one whose last event is latest). */
  show?: string;
  /** How many drops to report. Default 3. */
  drops?: number;
}

/** Shows in the log with their first and last event times, latest last. */
export function listShows(events: Iterable<LingerEvent>): Array<{ show: string; first: number; last: number; count: number }> {
  const shows = new Map<string, { show: string; first: number; last: number; count: number }>();
  for (const e of events) {
    const show = eventShow(e);
    const entry = shows.get(show);
    if (!entry) shows.set(show, { show, first: e.at, last: e.at, count: 1 });
    else {
      if (e.at < entry.first) entry.first = e.at;
      if (e.at > entry.last) entry.last = e.at;
      entry.count++;
    }
  }
  return [...shows.values()].sort((a, b) => a.last - b.last);
}

/**
 * Keeps the first copy of each event id; with `replayShows`, an event flagged `replay` gets the
 * replay's show id (a copy, docs/metrics.md 13).
 */
export function dedupe(events: Iterable<LingerEvent>, replayShows = false): LingerEvent[] {
  const seen = new Set<string>();
  const out: LingerEvent[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(replayShows && e.replay === true && eventShow(e) !== e.show ? { ...e, show: eventShow(e) } : e);
  }
  return out;
}

const WATCH_TYPES = new Set(['session_start', 'heartbeat']);
const INTERACTIONS = new Set<string>(INTERACTION_TYPES);

/** Computes every figure for one show. The log may hold many shows (return rate needs them). */
export function computeMetrics(input: Iterable<LingerEvent>, options: MetricsOptions = {}): ShowMetrics {
  // A replay's events count for the replay's show (docs/metrics.md 13), whatever show id they carry.
  const events = dedupe(input, true);
  // By default the latest live show: its replay goes on for weeks after it.
  let show = options.show;
  if (show === undefined) {
    const shows = listShows(events);
    show = (shows.filter((s) => !s.show.endsWith(REPLAY_SUFFIX)).at(-1) ?? shows.at(-1))?.show ?? '';
  }
  const replayShow = show.endsWith(REPLAY_SUFFIX) ? '' : show + REPLAY_SUFFIX;
  const replaySide = { viewers: new Set<string>(), sessions: new Set<string>(), carted: new Set<string>(), watchSeconds: 0, addToCarts: 0 };

  // Pass 1: the show's bounds and timeline.
  let firstAt = Infinity;
  let lastAt = -Infinity;
  let liveAt = Infinity;
  let endedAt = -Infinity;
  const marks: Array<Omit<TimelineMark, 'minute'>> = [];
  const voteEvents: Array<{ at: number; props: VoteProps }> = [];
  for (const e of events) {
    if (e.show !== show) continue;
    if (e.at < firstAt) firstAt = e.at;
    if (e.at > lastAt) lastAt = e.at;
    if (e.type === 'timeline') {
      const p = e.props as VoteProps & { kind: TimelineKind };
      if (p.kind === 'vote_closed' || p.kind === 'vote_result') voteEvents.push({ at: e.at, props: p });
      if (p.kind === 'vote_result') continue; // the result's data, not a mark
      if (p.kind === 'show_live' && e.at < liveAt) liveAt = e.at;
      if (p.kind === 'show_ended' && e.at > endedAt) endedAt = e.at;
      const mark: Omit<TimelineMark, 'minute'> = { at: e.at, kind: p.kind };
      if (p.ref) mark.ref = p.ref;
      if (p.label) mark.label = p.label;
      marks.push(mark);
    }
  }
  const start = Number.isFinite(liveAt) ? liveAt : Number.isFinite(firstAt) ? firstAt : 0;
  const end = Number.isFinite(endedAt) ? endedAt : Number.isFinite(lastAt) ? lastAt : start;

  // Pass 2: viewers, sessions, watch time, interactions, watched minutes.
  const viewerIndex = new Map<string, number>();
  const sessions = new Set<string>();
  const interacting = new Set<number>();
  const tierAt = new Map<number, { at: number; id: string; tier: string }>();
  let watchSeconds = 0;
  let addToCarts = 0;
  const carted = new Set<number>();
  const pairs = new Set<number>(); // viewer * 2^20 + minute
  const firstMinute: number[] = [];
  const lastMinute: number[] = [];
  let maxMinute = Math.max(0, Math.ceil((end - start) / MINUTE_MS) - 1);
  for (const e of events) {
    if (e.type === 'timeline') continue;
    if (e.show !== show) {
      if (replayShow && e.show === replayShow) countReplay(replaySide, e);
      continue;
    }
    let v = viewerIndex.get(e.viewerId);
    if (v === undefined) {
      v = viewerIndex.size;
      viewerIndex.set(e.viewerId, v);
      firstMinute.push(Infinity);
      lastMinute.push(-Infinity);
    }
    sessions.add(e.sessionId);
    if (INTERACTIONS.has(e.type)) interacting.add(v);
    if (e.type === 'add_to_cart') {
      addToCarts++;
      carted.add(v);
    }
    if (e.type === 'tier_verified') {
      // The latest (by time, then id) — as the collector's argMax((at, id)).
      const seen = tierAt.get(v);
      if (!seen || e.at > seen.at || (e.at === seen.at && e.id > seen.id)) tierAt.set(v, { at: e.at, id: e.id, tier: String((e.props as { tier?: unknown }).tier ?? '') });
    }
    if (e.type !== 'heartbeat') continue;
    const seconds = Number((e.props as { seconds?: number }).seconds) || 0;
    if (seconds <= 0) continue;
    watchSeconds += seconds;
    const from = Math.max(e.at - seconds * 1000, start);
    const to = e.at;
    if (to <= from) continue;
    const m0 = Math.floor((from - start) / MINUTE_MS);
    const m1 = Math.min(Math.ceil((to - start) / MINUTE_MS) - 1, 0xfffff);
    for (let m = m0; m <= m1; m++) pairs.add(v * 0x100000 + m);
    if (m0 < firstMinute[v]!) firstMinute[v] = m0;
    if (m1 > lastMinute[v]!) lastMinute[v] = m1;
    if (m1 > maxMinute) maxMinute = m1;
  }
  const viewers = viewerIndex.size;

  // The curve.
  const minutes = viewers ? maxMinute + 1 : 0;
  const active = new Array<number>(minutes).fill(0);
  const arrivedAt = new Array<number>(minutes).fill(0);
  const leftAt = new Array<number>(minutes).fill(0);
  for (const key of pairs) active[key % 0x100000]!++;
  for (let v = 0; v < viewers; v++) {
    if (!Number.isFinite(firstMinute[v]!)) continue;
    arrivedAt[firstMinute[v]!]!++;
    const next = lastMinute[v]! + 1;
    if (next < minutes) leftAt[next]!++;
  }
  const arrived: number[] = [];
  let running = 0;
  for (let m = 0; m < minutes; m++) arrived.push((running += arrivedAt[m]!));
  const retention = active.map((n, m) => (arrived[m]! ? n / arrived[m]! : 0));

  // Return rate: this show's viewers who watched another show before it started.
  const returningSet = new Set<number>();
  for (const e of events) {
    if (e.show === show || !WATCH_TYPES.has(e.type) || e.at >= start) continue;
    const v = viewerIndex.get(e.viewerId);
    if (v !== undefined) returningSet.add(v);
  }

  const timeline = marks.sort((a, b) => a.at - b.at).map((mark) => ({ ...mark, minute: (mark.at - start) / MINUTE_MS }));
  const drops: Drop[] = [];
  for (let m = 1; m < minutes; m++) {
    if (!leftAt[m] || !active[m - 1]) continue;
    const around = timeline.filter((mark) => mark.minute >= m - 2 && mark.minute < m + 1);
    drops.push({ minute: m, left: leftAt[m]!, share: leftAt[m]! / active[m - 1]!, around });
  }
  drops.sort((a, b) => b.share - a.share || b.left - a.left || a.minute - b.minute);
  drops.length = Math.min(drops.length, options.drops ?? 3);

  // Per tier (docs/metrics.md 11): each viewer under the tier the host last verified for them.
  const byTier = new Map<string, TierFigures>();
  for (let v = 0; v < viewers; v++) {
    const tier = tierAt.get(v)?.tier ?? '';
    let row = byTier.get(tier);
    if (!row) byTier.set(tier, (row = { tier, viewers: 0, interacting: 0, interactionRate: 0, returning: 0, returnRate: 0 }));
    row.viewers++;
    if (interacting.has(v)) row.interacting++;
    if (returningSet.has(v)) row.returning++;
  }

  return {
    show,
    start,
    end,
    viewers,
    sessions: sessions.size,
    watchSeconds,
    avgWatchPerViewer: viewers ? watchSeconds / viewers : 0,
    avgWatchPerSession: sessions.size ? watchSeconds / sessions.size : 0,
    interacting: interacting.size,
    interactionRate: interactionRate(interacting.size, viewers),
    returning: returningSet.size,
    returnRate: viewers ? returningSet.size / viewers : 0,
    peakConcurrent: active.reduce((a, b) => Math.max(a, b), 0),
    curve: { active, arrived, retention, left: leftAt },
    timeline,
    drops,
    tiers: tierFigures(byTier.values()),
    votes: voteResults(voteEvents, start),
    live: watchFigures(viewers, sessions.size, watchSeconds, addToCarts, carted.size),
    replay: watchFigures(replaySide.viewers.size, replaySide.sessions.size, replaySide.watchSeconds, replaySide.addToCarts, replaySide.carted.size),
  };
}

function watchFigures(viewers: number, sessions: number, watchSeconds: number, addToCarts: number, carted: number): WatchFigures {
  return { viewers, sessions, watchSeconds, avgWatchPerViewer: viewers ? watchSeconds / viewers : 0, addToCarts, carted };
}

/** One event of the replay: its viewer, session, watch time (heartbeat seconds) and add-to-carts. */
function countReplay(side: { viewers: Set<string>; sessions: Set<string>; carted: Set<string>; watchSeconds: number; addToCarts: number }, e: LingerEvent): void {
  side.viewers.add(e.viewerId);
  side.sessions.add(e.sessionId);
  if (e.type === 'heartbeat') {
    const seconds = Number((e.props as { seconds?: number }).seconds) || 0;
    if (seconds > 0) side.watchSeconds += seconds;
  } else if (e.type === 'add_to_cart') {
    side.addToCarts++;
    side.carted.add(e.viewerId);
  }
}

/** The rates of each tier's counts, ordered by tier name (the collector's rows go through this too). */
export function tierFigures(rows: Iterable<Pick<TierFigures, 'tier' | 'viewers' | 'interacting' | 'returning'>>): TierFigures[] {
  return [...rows]
    .map(({ tier, viewers, interacting, returning }) => ({
      tier,
      viewers,
      interacting,
      interactionRate: interactionRate(interacting, viewers),
      returning,
      returnRate: viewers ? returning / viewers : 0,
    }))
    .sort((a, b) => (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0));
}

/**
 * Closed votes from their `vote_closed` and `vote_result` timeline events (the collector's rows go
 * through this too): the question and the winner from the close, each option's label and votes from
 * its result. Ordered by the close's time, then vote id.
 */
export function voteResults(events: Iterable<{ at: number; props: VoteProps }>, start: number): VoteResult[] {
  const votes = new Map<string, { at: number; question?: string; winner?: number; options: Map<number, { label?: string; votes: number }> }>();
  for (const { at, props } of events) {
    if (!props.ref) continue;
    let vote = votes.get(props.ref);
    if (!vote) votes.set(props.ref, (vote = { at, options: new Map() }));
    if (props.kind === 'vote_closed') {
      vote.at = at;
      if (props.label) vote.question = props.label;
      if (props.option !== undefined) vote.winner = props.option;
    } else if (props.kind === 'vote_result' && Number.isSafeInteger(props.option) && props.option! >= 0 && props.option! < 6) {
      vote.options.set(props.option!, { ...(props.label ? { label: props.label } : {}), votes: Math.max(0, Number(props.votes) || 0) });
    }
  }
  return [...votes]
    .map(([id, vote]) => {
      const last = Math.max(-1, ...vote.options.keys());
      const options = Array.from({ length: last + 1 }, (_, i) => vote.options.get(i) ?? { votes: 0 });
      const total = options.reduce((n, o) => n + o.votes, 0);
      const out: VoteResult = { vote: id, at: vote.at, minute: (vote.at - start) / MINUTE_MS, options, total };
      if (vote.question) out.question = vote.question;
      // No winner without a vote (src/core/vote-tally.ts).
      if (total > 0 && vote.winner !== undefined && vote.winner <= last) out.winner = vote.winner;
      return out;
    })
    .sort((a, b) => a.at - b.at || (a.vote < b.vote ? -1 : a.vote > b.vote ? 1 : 0));
}

/** The curve as CSV: one row per minute, with the timeline marks of that minute. */
export function metricsCsv(metrics: ShowMetrics): string {
  const rows = ['minute,active,arrived,retention,left,timeline'];
  const { active, arrived, retention, left } = metrics.curve;
  for (let m = 0; m < active.length; m++) {
    const marks = metrics.timeline
      .filter((mark) => Math.floor(mark.minute) === m)
      .map((mark) => (mark.label ? `${mark.kind}: ${mark.label}` : mark.kind))
      .join('; ');
    rows.push([m, active[m], arrived[m], retention[m]!.toFixed(4), left[m], csvCell(marks)].join(','));
  }
  return rows.join('\n') + '\n';
}

function csvCell(value: string): string {
  // Quotes, and a leading quote mark against spreadsheet formula injection.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
