/**
 * What the host console keeps across a reload, per channel, in localStorage: the plan, which steps
 * already fired, the product list, the question bank and the secrets (seed, salt, recorded
 * requests) of the open lottery and quiz. The room's snapshot restores the live show state; this
 * restores the operator's desk. Pure functions over a plain object, plus load/save.
 */
import type { Perk, Product } from './protocol.js';
import type { BankQuestion } from './quiz-bank.js';
import type { RoomSession } from './session.js';
import { safeLocalStorage } from '../utilities/storage.js';

/** A planned step: a schedule perk plus what the console needs to fire it. */
export interface ConsoleStep extends Perk {
  /** Discount code or link for flash, first-N and share perks. */
  code?: string;
  /** First-N count for first-N perks. */
  remaining?: number;
}

export interface ConsoleDesk {
  plan: ConsoleStep[];
  fired: string[];
  products: Product[];
  /** Records of the lottery and quiz panels: `bank`, `asked`, `explanations`, `revealed`, `secrets`. */
  extra: Record<string, unknown>;
}

/** What `RoomSession.hostSecrets(id)` returns and `restoreHostSecrets` takes back. */
export type HostSecrets = ReturnType<RoomSession['hostSecrets']>;

/** How many lotteries' and quizzes' secrets a desk keeps at most (the newest). */
export const KEPT_SECRETS = 5;

export const emptyDesk = (): ConsoleDesk => ({ plan: [], fired: [], products: [], extra: {} });

export const deskKey = (channel: string): string => `linger:console:${channel}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function loadDesk(channel: string, storage: Storage | null = safeLocalStorage()): ConsoleDesk {
  try {
    const raw = storage?.getItem(deskKey(channel));
    if (!raw) return emptyDesk();
    const parsed = JSON.parse(raw) as Partial<ConsoleDesk>;
    return {
      plan: Array.isArray(parsed.plan) ? parsed.plan.filter(isObject) as unknown as ConsoleStep[] : [],
      fired: Array.isArray(parsed.fired) ? parsed.fired.filter((id) => typeof id === 'string') : [],
      products: Array.isArray(parsed.products) ? parsed.products.filter(isObject) as unknown as Product[] : [],
      extra: isObject(parsed.extra) ? parsed.extra : {},
    };
  } catch {
    return emptyDesk();
  }
}

export function saveDesk(channel: string, desk: ConsoleDesk, storage: Storage | null = safeLocalStorage()): void {
  try {
    storage?.setItem(deskKey(channel), JSON.stringify(desk));
  } catch {
    // Storage full or blocked: the console keeps working for this page's life.
  }
}

function record<T>(desk: ConsoleDesk, key: string): Record<string, T> {
  const value = desk.extra[key];
  return isObject(value) ? (value as Record<string, T>) : {};
}

function list<T>(desk: ConsoleDesk, key: string): T[] {
  const value = desk.extra[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

export const deskBank = (desk: ConsoleDesk): BankQuestion[] => list<BankQuestion>(desk, 'bank');
/** Questions already asked (by text), so a planned quiz takes the next one. */
export const deskAsked = (desk: ConsoleDesk): string[] => list<string>(desk, 'asked');
/** Explanation to reveal, by quiz id. */
export const deskExplanations = (desk: ConsoleDesk): Record<string, string> => record<string>(desk, 'explanations');
/** Correct option of each revealed quiz, by id, for the leaderboard. */
export const deskRevealed = (desk: ConsoleDesk): Record<string, number> => record<number>(desk, 'revealed');
/** Secrets of open lotteries and quizzes, by id. */
export const deskSecrets = (desk: ConsoleDesk): Record<string, HostSecrets> => record<HostSecrets>(desk, 'secrets');

/** The desk with one `extra` record replaced. */
export function withExtra(desk: ConsoleDesk, key: string, value: unknown): ConsoleDesk {
  return { ...desk, extra: { ...desk.extra, [key]: value } };
}

/** The first question of the bank not asked yet. */
export function nextQuestion(desk: ConsoleDesk): BankQuestion | undefined {
  const asked = deskAsked(desk);
  return deskBank(desk).find((item) => !asked.includes(item.question));
}

/** What a host session knows about its open lottery and quiz (see `keptSecrets`). */
export interface OpenSecrets {
  lottery?: { id: string; done: boolean } | null;
  quiz?: { id: string; done: boolean } | null;
  vote?: { id: string; done: boolean } | null;
  /** The session's secrets for an id (`RoomSession.hostSecrets`). */
  secretsOf(id: string): HostSecrets;
}

/**
 * The secrets a desk should keep: the open lottery's and quiz's (only once the session has a seed or
 * salt), none for a drawn lottery or revealed quiz, others left as they are (a reload may be about
 * to take them back), the newest {@link KEPT_SECRETS}. `null` when nothing changed.
 */
export function keptSecrets(saved: Readonly<Record<string, HostSecrets>>, open: OpenSecrets): Record<string, HostSecrets> | null {
  const secrets = { ...saved };
  for (const item of [open.lottery, open.quiz, open.vote]) {
    if (!item) continue;
    if (item.done) delete secrets[item.id];
    else {
      const current = open.secretsOf(item.id);
      if (current.seed || current.salt) secrets[item.id] = current;
    }
  }
  const kept = Object.fromEntries(Object.entries(secrets).slice(-KEPT_SECRETS));
  return JSON.stringify(kept) === JSON.stringify(saved) ? null : kept;
}
