/**
 * `countdownPhase` says what a countdown shows at host time `now`: the next scheduled perk,
 * counting, its pre-announce (the last `lead` seconds), or the drop (from `at` for `dropMs`).
 * Pure, no DOM; apart from the calendar links (`./calendar.ts`), which load only when a viewer may
 * need them.
 */
import type { BodyOf, Perk } from './protocol.js';

export type PerkDrop = BodyOf<'perk.drop'>;

export type CountdownView =
  | { phase: 'idle' }
  | { phase: 'counting' | 'announce'; perk: Perk; seconds: number }
  | { phase: 'drop'; perk: Perk; drop: PerkDrop | null };

/**
 * What a countdown shows at host time `now`. Whole seconds are `ceil((at − now) / 1000)`, so every
 * screen on the host's clock flips at the same instant; the pre-announce starts when `now ≥ at −
 * lead`, the drop when `now ≥ at` and lasts `dropMs` (or while a first-N drop still has some left).
 * A drop the host fires before its planned time ("Fire now") shows at once, ahead of earlier perks,
 * for `dropMs` from when it dropped.
 */
export function countdownPhase(schedule: readonly Perk[], drop: PerkDrop | null, now: number, dropMs = 120_000): CountdownView {
  const sorted = [...schedule].sort((a, b) => a.at - b.at);
  const startOf = (perk: Perk) => (drop?.id === perk.id && drop.at !== undefined ? Math.min(drop.at, perk.at) : perk.at);
  const showing = (perk: Perk) => {
    const lasting = drop?.id === perk.id && typeof drop.remaining === 'number' && drop.remaining > 0;
    return now >= startOf(perk) && (now < startOf(perk) + dropMs || lasting);
  };
  const early = drop ? sorted.find((perk) => perk.id === drop.id && now < perk.at && showing(perk)) : undefined;
  if (early) return { phase: 'drop', perk: early, drop };
  for (const perk of sorted) {
    if (showing(perk)) return { phase: 'drop', perk, drop: drop?.id === perk.id ? drop : null };
    if (now >= startOf(perk)) continue;
    const seconds = Math.max(0, Math.ceil((perk.at - now) / 1000));
    return { phase: now >= perk.at - perk.lead * 1000 ? 'announce' : 'counting', perk, seconds };
  }
  return { phase: 'idle' };
}
