/**
 * Reminders and the countdown's phase — pure functions, no DOM.
 *
 * - `icsEvent` writes one RFC 5545 VEVENT (escaped `\ ; ,` and newlines, lines folded at 75 octets,
 *   CRLF line ends); `googleCalendarUrl` and `outlookCalendarUrl` build the "add event" links.
 * - `countdownPhase` says what a countdown shows at host time `now`: the next scheduled perk,
 *   counting, its pre-announce (the last `lead` seconds), or the drop (from `at` for `dropMs`).
 */
import type { BodyOf, Perk } from './protocol.js';

export interface Reminder {
  /** Stable id (the perk or show id); becomes the event's UID. */
  id: string;
  title: string;
  /** Start, ms since the epoch. */
  start: number;
  /** Length in minutes. Default 15. */
  minutes?: number;
  description?: string;
  /** Where to watch (http(s)). */
  url?: string;
}

const encoder = new TextEncoder();

/** Escapes TEXT values (RFC 5545 §3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Any other control character could end or bend a content line in some reader.
    .replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Folds one content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** UTC date-time in the basic format: 20250301T190000Z. */
export function icsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** One VCALENDAR with one VEVENT and a 10-minute alarm. */
export function icsEvent(reminder: Reminder, stamp = Date.now()): string {
  const end = reminder.start + (reminder.minutes ?? 15) * 60_000;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Linger//linger-live//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${reminder.id.replace(/[^\w.-]/g, '-')}@linger-live`,
    `DTSTAMP:${icsDate(stamp)}`,
    `DTSTART:${icsDate(reminder.start)}`,
    `DTEND:${icsDate(end)}`,
    `SUMMARY:${escapeIcsText(reminder.title)}`,
  ];
  if (reminder.description) lines.push(`DESCRIPTION:${escapeIcsText(reminder.description)}`);
  if (reminder.url) lines.push(`URL:${reminder.url}`);
  lines.push(
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeIcsText(reminder.title)}`,
    'TRIGGER:-PT10M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

export function googleCalendarUrl(reminder: Reminder): string {
  const end = reminder.start + (reminder.minutes ?? 15) * 60_000;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: reminder.title,
    dates: `${icsDate(reminder.start)}/${icsDate(end)}`,
    details: [reminder.description, reminder.url].filter(Boolean).join('\n'),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

export function outlookCalendarUrl(reminder: Reminder): string {
  const end = reminder.start + (reminder.minutes ?? 15) * 60_000;
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: reminder.title,
    startdt: new Date(reminder.start).toISOString(),
    enddt: new Date(end).toISOString(),
    body: [reminder.description, reminder.url].filter(Boolean).join('\n'),
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}

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
