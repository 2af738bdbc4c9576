import { isLingerEvent, type LingerEvent } from '../events/types.js';

/**
 * Reads an event log: NDJSON (one event per line), a JSON array of events, a webhook batch
 * (`{events: [...]}`) or NDJSON of batches. Malformed lines are skipped and counted.
 */
export function parseEventLog(text: string): { events: LingerEvent[]; skipped: number } {
  const events: LingerEvent[] = [];
  let skipped = 0;
  const take = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(take);
    else if (value && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events)) take((value as { events: unknown[] }).events);
    else if (isLingerEvent(value)) events.push(value);
    else skipped++;
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      take(JSON.parse(trimmed));
      return { events, skipped };
    } catch {
      // fall through to line by line
    }
  }
  for (const line of trimmed.split('\n')) {
    if (!line.trim()) continue;
    try {
      take(JSON.parse(line));
    } catch {
      skipped++;
    }
  }
  return { events, skipped };
}
