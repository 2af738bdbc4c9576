/**
 * What a member tier is called on screen, and the viewer's own count of shows watched
 * (docs/tiers.md). Tier names are the merchant's, per language, set on the room:
 * `<linger-room tier-names='{"vip":{"en":"VIP","ar":"كبار العملاء"}}'>`. An element asks for
 * the name in its language (`pt-BR`, then `pt`, then `en`), else shows the tier as the claim has it.
 */

/** Tier → language → name. */
export type TierNames = Record<string, Record<string, string>>;

const TIER = /^[\w -]{1,40}$/u;
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const parsed = new Map<string, TierNames>();

/** The names from a `tier-names` value (JSON text or object); anything malformed is left out, never thrown. */
export function parseTierNames(value: unknown): TierNames {
  if (typeof value === 'string' && parsed.has(value)) return parsed.get(value)!;
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      raw = null;
    }
  }
  const names: TierNames = Object.create(null) as TierNames;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [tier, byLang] of Object.entries(raw as Record<string, unknown>).slice(0, 100)) {
      if (!TIER.test(tier) || !byLang || typeof byLang !== 'object') continue;
      const entry: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [lang, name] of Object.entries(byLang as Record<string, unknown>).slice(0, 50)) {
        if (LANG.test(lang) && typeof name === 'string' && name.trim()) entry[lang.toLowerCase()] = name.trim().slice(0, 40);
      }
      names[tier] = entry;
    }
  }
  if (typeof value === 'string') {
    if (parsed.size > 20) parsed.clear();
    parsed.set(value, names);
  }
  return names;
}

/** The name of `tier` in `lang` from the room's `tier-names` (its language, its base language, English), else the tier itself. */
export function tierLabel(tier: string, room: Element | null | undefined, lang: string): string {
  // The property (a framework may set it), else the attribute (a room not upgraded yet).
  const value = (room as { tierNames?: unknown } | null | undefined)?.tierNames;
  const names = parseTierNames(typeof value === 'string' ? value : (room?.getAttribute('tier-names') ?? ''));
  const entry = Object.hasOwn(names, tier) ? names[tier]! : null;
  if (!entry) return tier;
  const wanted = lang.toLowerCase();
  return entry[wanted] ?? entry[wanted.split('-')[0]!] ?? entry.en ?? tier;
}
