/**
 * What the host console's forms mean, without a DOM: each parser takes a field reader (a
 * `FormData`'s `get`, or a map in tests) and returns a protocol body or options the session
 * accepts, clamped to the ranges the form shows. Refusals are TypeErrors with the reason.
 */
import { checkBody, isHttpUrl, type BodyOf, type LotteryMode, type Product } from './protocol.js';
import { clip } from './primitives.js';
import { checkQuestion, type BankQuestion } from './quiz-bank.js';
import type { RoomSession } from './session.js';
import type { ChatLine } from './state.js';
import type { ConsoleStep } from './console-desk.js';

/** Reads a form field by name: its text, or `null` when the form has no such field. */
export type FieldReader = (name: string) => unknown;

export type LotteryOptions = Parameters<RoomSession['openLottery']>[0];

export const LOTTERY_MODES: readonly LotteryMode[] = ['keyword', 'like-goal', 'tap', 'watch-time'];

/** A `FieldReader` over a `FormData` (files read as empty). */
export function formReader(data: { get(name: string): unknown }): FieldReader {
  return (name) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : null;
  };
}

const text = (read: FieldReader, name: string): string => {
  const value = read(name);
  return typeof value === 'string' ? value : '';
};

/** A whole number within [min, max]; `fallback` for anything that is not a number. */
export function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  const number = Math.round(Number(value));
  return typeof value !== 'object' && String(value).trim() !== '' && Number.isFinite(number) ? Math.min(max, Math.max(min, number)) : fallback;
}

/** The new-lottery form: mode, prize, winners, time, the mode's own field and eligibility. */
export function parseLotteryForm(read: FieldReader): LotteryOptions {
  const chosen = text(read, 'mode') as LotteryMode;
  const mode = LOTTERY_MODES.includes(chosen) ? chosen : 'keyword';
  const options: LotteryOptions = {
    mode,
    prize: text(read, 'prize').trim(),
    winners: clampNumber(read('winners'), 1, 100, 1),
    seconds: clampNumber(read('seconds'), 10, 3600, 120),
  };
  if (mode === 'keyword') options.keyword = text(read, 'keyword').trim() || '1';
  if (mode === 'like-goal') options.goal = clampNumber(read('goal'), 1, 100_000_000, 1000);
  if (mode === 'watch-time') options.minutes = clampNumber(read('minutes'), 1, 600, 5);
  const eligibility: NonNullable<LotteryOptions['eligibility']> = {};
  if (read('newWinnersOnly')) eligibility.newWinnersOnly = true;
  if (read('commented')) eligibility.commented = true;
  const minWatch = clampNumber(read('minWatch'), 0, 600, 0);
  if (minWatch > 0) eligibility.minWatchMinutes = minWatch;
  if (Object.keys(eligibility).length > 0) options.eligibility = eligibility;
  return options;
}

export type VoteOptions = Parameters<RoomSession['openVote']>[0];

/**
 * The new-vote form: question, up to six options (`option1`…: a text; `product1`…: a product id of
 * the catalog, whose title stands in for an empty text), time and whether votes may change.
 * Options with neither are left out; fewer than two is a TypeError.
 */
export function parseVoteForm(read: FieldReader, products: readonly Product[]): VoteOptions {
  const options: Array<{ label: string; product?: Product }> = [];
  for (let n = 1; n <= 6; n++) {
    const product = products.find((item) => item.id === text(read, `product${n}`));
    const label = clip(text(read, `option${n}`).trim() || product?.title || '', 120);
    if (label) options.push(product ? { label, product } : { label });
  }
  if (options.length < 2) throw new TypeError('[linger] A vote needs at least two options.');
  const vote: VoteOptions = { question: text(read, 'question').trim(), options, seconds: clampNumber(read('seconds'), 10, 3600, 60) };
  if (read('changeable')) vote.changeable = true;
  const minWatch = clampNumber(read('minWatch'), 0, 600, 0);
  const tier = text(read, 'tier').trim();
  if (minWatch > 0 || tier) vote.eligibility = { ...(minWatch > 0 ? { minWatchMinutes: minWatch } : {}), ...(tier ? { tier: tier.slice(0, 40) } : {}) };
  return vote;
}

/** The announcement form, or `null` when there is nothing to say. */
export function parseAnnouncementForm(read: FieldReader): BodyOf<'announce'> | null {
  const said = text(read, 'text').trim();
  if (!said) return null;
  return { text: said, kind: read('kind') === 'perk-prompt' ? 'perk-prompt' : 'info' };
}

/** Slow mode and blocked words (comma-separated, at most 100). */
export function parseModerationForm(read: FieldReader): BodyOf<'moderate'> {
  const blockWords = text(read, 'blockWords')
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean)
    .slice(0, 100);
  return { slowMode: clampNumber(read('slowMode'), 0, 600, 0), blockWords };
}

/** One question typed into the quiz form; throws a TypeError naming the problem. */
export function parseQuestionForm(read: FieldReader): BankQuestion {
  const options = [1, 2, 3, 4].map((n) => text(read, `option${n}`).trim()).filter(Boolean);
  return checkQuestion({
    question: text(read, 'question').trim(),
    options,
    correct: Number(read('correct')),
    explanation: text(read, 'explanation').trim(),
    seconds: Number(read('seconds')),
  });
}

/** A JSON array of products, each checked against the `pin` schema; throws a TypeError on the first problem. */
export function parseProducts(raw: string): Product[] {
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch (error) {
    throw new TypeError((error as Error).message);
  }
  if (!Array.isArray(list)) throw new TypeError('expected a JSON array');
  return list.map((item) => checkBody('pin', { product: item }).product!);
}

/**
 * A planned step's required tier as the wire takes it (docs/tiers.md), or `undefined` for everyone:
 * the plan is kept in localStorage, so a name the schema would refuse is left out rather than
 * sinking the whole schedule.
 */
export function perkTier(value: unknown): string | undefined {
  const tier = typeof value === 'string' ? value.trim().slice(0, 40) : '';
  return /^[\w -]{1,40}$/u.test(tier) ? tier : undefined;
}

/** The perk a planned step drops: a code, or a link when the code is an http(s) URL; first-N counts. */
export function perkDropBody(step: ConsoleStep): BodyOf<'perk.drop'> {
  const body: BodyOf<'perk.drop'> = { id: step.id, title: step.title };
  if (step.code) {
    if (isHttpUrl(step.code)) body.link = step.code;
    else body.code = step.code.slice(0, 64);
  }
  if (step.kind === 'first-n') body.remaining = step.remaining ?? 10;
  const tier = perkTier(step.tier);
  if (tier) body.tier = tier;
  return body;
}

/** The pre-announce of a planned step. */
export function preAnnounceBody(step: ConsoleStep): BodyOf<'announce'> {
  return { text: `${step.title} — ${step.prompt}`.slice(0, 500), kind: 'perk-prompt' };
}

/** A comment re-posted as an announcement ("Feature"). */
export function featureBody(line: ChatLine): BodyOf<'announce'> {
  return { text: `“${line.text}” — ${line.name || line.from}`.slice(0, 500), kind: 'info' };
}

/** The plan as viewers get it (`schedule`): the perk fields only, at most 50. */
export function scheduleBody(plan: readonly ConsoleStep[]): BodyOf<'schedule'> {
  return { perks: plan.slice(0, 50).map(({ id, kind, at, lead, prompt, title, tier }) => ({ id, kind, at, lead, prompt, title, ...(perkTier(tier) ? { tier: perkTier(tier)! } : {}) })) };
}

/** `HH:MM` in the operator's local time, for `<input type="time">`. */
export function toTimeInput(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** The same day as `previous` at the chosen `HH:MM` (local time); `previous` for anything else. */
export function fromTimeInput(value: string, previous: number): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return previous;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return previous;
  const date = new Date(previous);
  date.setHours(hours, minutes, 0, 0);
  return date.getTime();
}
