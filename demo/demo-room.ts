/**
 * Shared by the demo pages: registers <linger-room> and, when the dev server's token endpoint is
 * live (AGORA_APP_ID and AGORA_APP_CERTIFICATE set), switches the page's room to Agora RTM.
 */
import '../src/elements/room/linger-room.js';
import type { LingerRoom } from '../src/elements/room/room.js';
import type { RoomSession } from '../src/core/session.js';

export async function setUpRoom(room: LingerRoom, role: 'viewer' | 'host'): Promise<void> {
  const key = new URLSearchParams(location.search).get('key');
  const tokenUrl = role === 'host' && key ? `/api/token?key=${encodeURIComponent(key)}` : '/api/token';
  try {
    const probe = await fetch(`${tokenUrl}${tokenUrl.includes('?') ? '&' : '?'}channel=${room.channel}&role=${role}${role === 'host' ? `&uid=${room.userId}` : ''}`);
    if (probe.ok) {
      const { appId } = (await probe.json()) as { appId: string };
      room.tokenUrl = tokenUrl;
      room.appId = appId;
    }
  } catch {
    // No endpoint: BroadcastChannel between the tabs of this browser.
  }
  room.hidden = false;
}

/** Calls `render` now and whenever the room's session, state, status or audience changes. */
export function follow(room: LingerRoom, render: (session: RoomSession | null) => void): void {
  let stops: Array<() => void> = [];
  room.$session.subscribe((value) => {
    for (const stop of stops) stop();
    const session = value as RoomSession | null;
    stops = session ? [session.$state.listen(() => render(session)), session.$status.listen(() => render(session)), session.$presence.listen(() => render(session))] : [];
    render(session);
  });
}

/** The header's connection line: `connected · broadcast`. */
export function showStatus(session: RoomSession | null): void {
  const status = session?.$status.get() ?? 'idle';
  const node = document.querySelector<HTMLElement>('#status');
  if (!node) return;
  node.dataset.status = status;
  node.textContent = `${status} · ${session?.transport.kind ?? ''}`;
}

/** The language menu: sets `<html lang dir>`, which every Linger element follows; kept in the URL. */
export function useLanguageSwitcher(select: HTMLSelectElement): void {
  const apply = (lang: string) => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    select.value = lang;
  };
  apply(new URLSearchParams(location.search).get('lang') ?? 'en');
  select.addEventListener('change', () => {
    apply(select.value);
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    history.replaceState(null, '', url);
  });
}
