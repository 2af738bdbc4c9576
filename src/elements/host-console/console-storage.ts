/**
 * What the host console keeps across a reload, per channel, in localStorage: the plan, which steps
 * already fired, the product list, the question bank and the seeds of open lotteries. The room's
 * snapshot restores the live show state; this restores the operator's desk.
 */
import type { Perk, Product } from '../../core/protocol.js';

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
  /** Opaque records owned by the lottery and quiz panels (bank, seeds). */
  extra: Record<string, unknown>;
}

const empty = (): ConsoleDesk => ({ plan: [], fired: [], products: [], extra: {} });

const keyOf = (channel: string) => `linger:console:${channel}`;

export function loadDesk(channel: string): ConsoleDesk {
  try {
    const raw = localStorage.getItem(keyOf(channel));
    if (!raw) return empty();
    const parsed = JSON.parse(raw) as Partial<ConsoleDesk>;
    return {
      plan: Array.isArray(parsed.plan) ? parsed.plan : [],
      fired: Array.isArray(parsed.fired) ? parsed.fired.filter((id) => typeof id === 'string') : [],
      products: Array.isArray(parsed.products) ? parsed.products : [],
      extra: typeof parsed.extra === 'object' && parsed.extra !== null ? parsed.extra : {},
    };
  } catch {
    return empty();
  }
}

export function saveDesk(channel: string, desk: ConsoleDesk): void {
  try {
    localStorage.setItem(keyOf(channel), JSON.stringify(desk));
  } catch {
    // Storage full or blocked: the console keeps working for this page's life.
  }
}
