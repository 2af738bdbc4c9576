/**
 * The returning-viewer count without a backend (docs/tiers.md): this browser's own list of the
 * shows it watched, kept in localStorage only while the room's consent allows storing, erased when
 * consent is withdrawn. Nothing of it is sent: the count is shown to this viewer only.
 */
const KEY = 'linger:shows';
const MAX_SHOWS = 200;

function read(storage: Storage): string[] {
  try {
    const list: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string').slice(-MAX_SHOWS) : [];
  } catch {
    return [];
  }
}

/** Adds `show` to this browser's history (once) and returns how many shows it holds, this one included. */
export function recordShow(storage: Storage | null, show: string): number {
  if (!storage || !show) return 0;
  const list = read(storage);
  if (!list.includes(show)) list.push(show.slice(0, 200));
  const kept = list.slice(-MAX_SHOWS);
  try {
    storage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // A full or blocked store: the count is still right for this page.
  }
  return kept.length;
}

/** Erases the history (consent withdrawn). */
export function forgetShows(storage: Storage | null): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Nothing to erase where nothing could be stored.
  }
}
