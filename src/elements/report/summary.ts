/**
 * The collector's report summary (`GET /shows/:id/report`, docs/collector.md): the figures computed in
 * SQL with the same definitions as `computeMetrics`, plus what the show sold. A server's answer is
 * input like any other: anything that does not have the expected shape is refused (null), never drawn.
 */
import type { Drop, ShowMetrics, TierFigures, TimelineMark, VoteResult, WatchFigures } from '../../analytics/metrics.js';
import { TIMELINE_KINDS, type TimelineKind } from '../../events/types.js';

export const REPORT_FORMAT = 'linger-report/1';

export interface Revenue {
  /** ISO 4217 code. */
  currency: string;
  /** Sum in minor units (cents; yen). */
  minor: number;
  orders: number;
}

/** Orders and revenue in one minute of the show, in one currency. */
export interface MinuteSales {
  minute: number;
  currency: string;
  orders: number;
  minor: number;
}

/** One dropped perk against the show's baseline (docs/collector.md § The report). */
export interface PerkEffect {
  at: number;
  minute: number;
  label?: string;
  /** Minutes measured after the perk. */
  window: number;
  /** Orders in those minutes, and their revenue per currency. */
  orders: number;
  revenue: Array<{ currency: string; minor: number }>;
  /** The show's orders per `window` minutes. */
  baselineOrders: number;
  /** Viewers active in the perk's minute; of them the share still active `window` minutes later. */
  viewers: number;
  retention: number | null;
  /** That share over every minute of the show. */
  baselineRetention: number | null;
}

export interface Commerce {
  orders: number;
  revenue: Revenue[];
  funnel: { viewers: number; interacted: number; addedToCart: number; ordered: number };
  byMinute: MinuteSales[];
  perks: PerkEffect[];
}

export interface ReportSummary {
  metrics: ShowMetrics;
  commerce: Commerce | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const counts = (v: unknown): v is number[] => Array.isArray(v) && v.length <= 100_000 && v.every(count);
const kinds = new Set<string>(TIMELINE_KINDS);
const currency = (v: unknown): v is string => typeof v === 'string' && /^[A-Z]{3}$/.test(v);
const share = (v: unknown): v is number | null => v === null || (num(v) && v >= 0 && v <= 1);

function minuteSales(v: unknown): MinuteSales | null {
  if (!isObject(v) || !Number.isSafeInteger(v.minute) || !currency(v.currency) || !count(v.orders) || !count(v.minor)) return null;
  return { minute: v.minute as number, currency: v.currency, orders: v.orders, minor: v.minor };
}

function perk(v: unknown): PerkEffect | null {
  if (!isObject(v) || !num(v.at) || !num(v.minute) || !count(v.window) || !count(v.orders) || !num(v.baselineOrders) || !count(v.viewers)) return null;
  if (!share(v.retention) || !share(v.baselineRetention) || !Array.isArray(v.revenue)) return null;
  const revenue: PerkEffect['revenue'] = [];
  for (const r of v.revenue) {
    if (!isObject(r) || !currency(r.currency) || !count(r.minor)) return null;
    revenue.push({ currency: r.currency, minor: r.minor });
  }
  const out: PerkEffect = {
    at: v.at,
    minute: v.minute,
    window: v.window,
    orders: v.orders,
    revenue,
    baselineOrders: v.baselineOrders,
    viewers: v.viewers,
    retention: v.retention,
    baselineRetention: v.baselineRetention,
  };
  if (typeof v.label === 'string' && v.label) out.label = v.label.slice(0, 200);
  return out;
}

function mark(v: unknown): TimelineMark | null {
  if (!isObject(v) || !num(v.at) || !num(v.minute) || typeof v.kind !== 'string' || !kinds.has(v.kind)) return null;
  const out: TimelineMark = { at: v.at, minute: v.minute, kind: v.kind as TimelineKind };
  if (typeof v.ref === 'string' && v.ref) out.ref = v.ref.slice(0, 200);
  if (typeof v.label === 'string' && v.label) out.label = v.label.slice(0, 200);
  return out;
}

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v ? v.slice(0, max) : undefined);

function tierRow(v: unknown): TierFigures | null {
  if (!isObject(v) || typeof v.tier !== 'string' || !count(v.viewers) || !count(v.interacting) || !count(v.returning)) return null;
  if (!share(v.interactionRate) || !share(v.returnRate) || v.interactionRate === null || v.returnRate === null) return null;
  return { tier: v.tier.slice(0, 200), viewers: v.viewers, interacting: v.interacting, interactionRate: v.interactionRate, returning: v.returning, returnRate: v.returnRate };
}

function voteRow(v: unknown): VoteResult | null {
  if (!isObject(v) || typeof v.vote !== 'string' || !num(v.at) || !num(v.minute) || !count(v.total) || !Array.isArray(v.options) || v.options.length > 6) return null;
  const options: VoteResult['options'] = [];
  for (const o of v.options) {
    if (!isObject(o) || !count(o.votes)) return null;
    const label = text(o.label, 200);
    options.push(label ? { label, votes: o.votes } : { votes: o.votes });
  }
  if (v.winner !== undefined && !(count(v.winner) && v.winner < options.length)) return null;
  const out: VoteResult = { vote: v.vote.slice(0, 200), at: v.at, minute: v.minute, options, total: v.total };
  const question = text(v.question, 200);
  if (question) out.question = question;
  if (v.winner !== undefined) out.winner = v.winner as number;
  return out;
}

function watch(v: unknown): WatchFigures | null {
  if (!isObject(v) || !count(v.viewers) || !count(v.sessions) || !num(v.watchSeconds) || v.watchSeconds < 0 || !num(v.avgWatchPerViewer) || !count(v.addToCarts) || !count(v.carted)) return null;
  return { viewers: v.viewers, sessions: v.sessions, watchSeconds: v.watchSeconds, avgWatchPerViewer: v.avgWatchPerViewer, addToCarts: v.addToCarts, carted: v.carted };
}

const NO_WATCH: WatchFigures = { viewers: 0, sessions: 0, watchSeconds: 0, avgWatchPerViewer: 0, addToCarts: 0, carted: 0 };

/** An optional list: absent (an older collector) is empty; present and malformed refuses the summary. */
function list<T>(v: unknown, item: (x: unknown) => T | null, max: number): T[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max) return null;
  const out = v.map(item);
  return out.some((x) => !x) ? null : (out as T[]);
}

function metrics(v: unknown): ShowMetrics | null {
  if (!isObject(v) || typeof v.show !== 'string' || !isObject(v.curve)) return null;
  const figures = ['start', 'end', 'watchSeconds', 'avgWatchPerViewer', 'avgWatchPerSession', 'interactionRate', 'returnRate'] as const;
  const whole = ['viewers', 'sessions', 'interacting', 'returning', 'peakConcurrent'] as const;
  if (!figures.every((k) => num(v[k])) || !whole.every((k) => count(v[k]))) return null;
  const { active, arrived, retention, left } = v.curve;
  if (!counts(active) || !counts(arrived) || !counts(left) || !Array.isArray(retention) || !retention.every(num)) return null;
  if (arrived.length !== active.length || left.length !== active.length || retention.length !== active.length) return null;
  if (!Array.isArray(v.timeline) || !Array.isArray(v.drops)) return null;
  const timeline = v.timeline.map(mark);
  if (timeline.some((m) => !m)) return null;
  const drops: Drop[] = [];
  for (const d of v.drops) {
    if (!isObject(d) || !count(d.minute) || !count(d.left) || !num(d.share) || !Array.isArray(d.around)) return null;
    const around = d.around.map(mark);
    if (around.some((m) => !m)) return null;
    drops.push({ minute: d.minute, left: d.left, share: d.share, around: around as TimelineMark[] });
  }
  const tiers = list(v.tiers, tierRow, 1_000);
  const votes = list(v.votes, voteRow, 1_000);
  if (!tiers || !votes) return null;
  // An older collector sends neither side: the live one is the figures above (carts unknown), no replay.
  const live = v.live === undefined ? { ...NO_WATCH, viewers: v.viewers as number, sessions: v.sessions as number, watchSeconds: v.watchSeconds as number, avgWatchPerViewer: v.avgWatchPerViewer as number } : watch(v.live);
  const replay = v.replay === undefined ? { ...NO_WATCH } : watch(v.replay);
  if (!live || !replay) return null;
  return {
    show: v.show,
    start: v.start as number,
    end: v.end as number,
    viewers: v.viewers as number,
    sessions: v.sessions as number,
    watchSeconds: v.watchSeconds as number,
    avgWatchPerViewer: v.avgWatchPerViewer as number,
    avgWatchPerSession: v.avgWatchPerSession as number,
    interacting: v.interacting as number,
    interactionRate: v.interactionRate as number,
    returning: v.returning as number,
    returnRate: v.returnRate as number,
    peakConcurrent: v.peakConcurrent as number,
    curve: { active, arrived, retention: retention as number[], left },
    timeline: timeline as TimelineMark[],
    drops,
    tiers,
    votes,
    live,
    replay,
  };
}

function commerce(v: unknown): Commerce | null {
  if (!isObject(v) || !count(v.orders) || !Array.isArray(v.revenue) || !isObject(v.funnel)) return null;
  const f = v.funnel;
  if (!count(f.viewers) || !count(f.interacted) || !count(f.addedToCart) || !count(f.ordered)) return null;
  const revenue: Revenue[] = [];
  for (const r of v.revenue) {
    if (!isObject(r) || !currency(r.currency) || !count(r.minor) || !count(r.orders)) return null;
    revenue.push({ currency: r.currency, minor: r.minor, orders: r.orders });
  }
  // Older collectors send neither list: empty, not refused.
  if ((v.byMinute !== undefined && (!Array.isArray(v.byMinute) || v.byMinute.length > 100_000)) || (v.perks !== undefined && (!Array.isArray(v.perks) || v.perks.length > 1_000))) return null;
  const byMinute = ((v.byMinute as unknown[] | undefined) ?? []).map(minuteSales);
  const perks = ((v.perks as unknown[] | undefined) ?? []).map(perk);
  if (byMinute.some((x) => !x) || perks.some((x) => !x)) return null;
  return {
    orders: v.orders,
    revenue,
    funnel: { viewers: f.viewers, interacted: f.interacted, addedToCart: f.addedToCart, ordered: f.ordered },
    byMinute: byMinute as MinuteSales[],
    perks: perks as PerkEffect[],
  };
}

/** A parsed summary, or null when `value` is not one (or is malformed). */
export function parseReportSummary(value: unknown): ReportSummary | null {
  if (!isObject(value) || value.format !== REPORT_FORMAT) return null;
  const m = metrics(value.metrics);
  if (!m) return null;
  return { metrics: m, commerce: value.commerce === undefined ? null : commerce(value.commerce) };
}

/** True when the text is a JSON object that says it is a report summary (whatever else it holds). */
export function looksLikeSummary(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes(`"${REPORT_FORMAT}"`)) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isObject(value) && value.format === REPORT_FORMAT ? value : undefined;
  } catch {
    return undefined;
  }
}
