/**
 * Reminders — pure functions, no DOM. (The countdown's phase is in `./countdown-phase.ts`.)
 *
 * - `icsEvent` writes one RFC 5545 VEVENT (escaped `\ ; ,` and newlines, lines folded at 75 octets,
 *   CRLF line ends); `googleCalendarUrl` and `outlookCalendarUrl` build the "add event" links.
 */

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
