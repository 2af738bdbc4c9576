/**
 * The show's rhythm (docs/running-a-show.md): a climax every 15–20 minutes, each announced 1–2 minutes
 * ahead. Pure functions the host console uses to plan a show and to know what is due now.
 */
import type { Perk, PerkKind } from './protocol.js';

export interface RhythmOptions {
  /** Show start, host time (ms). */
  start: number;
  /** Planned length in minutes. Default 90. */
  minutes?: number;
  /** Gap between climaxes in minutes, cycled. Default [15, 18, 20, 17]: 15–20, not clockwork. */
  gaps?: readonly number[];
  /** Kinds, cycled. */
  kinds?: readonly PerkKind[];
  /** Pre-announce lead in seconds (60–120). Default 90. */
  lead?: number;
  /** Prompt for each pre-announce, e.g. "Type 1 if you want it!" (localized by the caller). */
  prompt: string;
  /** Title for a kind (localized by the caller). */
  titleOf: (kind: PerkKind, index: number) => string;
}

const DEFAULT_KINDS: readonly PerkKind[] = ['lottery', 'quiz', 'first-n', 'flash', 'share'];

/** The default plan: one climax every 15–20 minutes across the show. */
export function defaultRhythm(options: RhythmOptions): Perk[] {
  const { start, minutes = 90, gaps = [15, 18, 20, 17], kinds = DEFAULT_KINDS, lead = 90, prompt, titleOf } = options;
  const perks: Perk[] = [];
  let offset = 0;
  for (let index = 0; ; index++) {
    offset += gaps[index % gaps.length]!;
    if (offset > minutes) break;
    const kind = kinds[index % kinds.length]!;
    perks.push({ id: `perk-${index + 1}`, kind, at: start + offset * 60_000, lead: clampLead(lead), prompt, title: titleOf(kind, index) });
  }
  return perks;
}

export function clampLead(seconds: number): number {
  return Math.min(120, Math.max(60, Math.round(seconds)));
}

/** What the console should do about one planned step at host time `now`. */
export type StepPhase = 'planned' | 'announce' | 'due' | 'past';

export function stepPhase(perk: Perk, now: number, graceMs = 5 * 60_000): StepPhase {
  if (now < perk.at - perk.lead * 1000) return 'planned';
  if (now < perk.at) return 'announce';
  if (now < perk.at + graceMs) return 'due';
  return 'past';
}

/** The next step that has not fired yet, by time. */
export function nextStep(perks: readonly Perk[], fired: ReadonlySet<string>, now: number): Perk | undefined {
  return [...perks].sort((a, b) => a.at - b.at).find((perk) => !fired.has(perk.id) && stepPhase(perk, now) !== 'past');
}
