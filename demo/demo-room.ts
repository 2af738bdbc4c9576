/**
 * Shared by the demo pages: registers <linger-room> and, when the dev server's token endpoint is
 * live (AGORA_APP_ID and AGORA_APP_CERTIFICATE set), switches the page's room to Agora RTM.
 */
import '../src/elements/room/linger-room.js';
import type { LingerRoom } from '../src/elements/room/room.js';
import type { RoomSession } from '../src/core/session.js';

export async function setUpRoom(room: LingerRoom, role: 'viewer' | 'host'): Promise<void> {
  // Ask the server first, so a demo without Agora makes no failing token request.
  const config = await demoConfig();
  // The room's hosts are the token endpoint's list (LINGER_HOST_IDS): the two can never disagree.
  if (config.hosts.length > 0) useHosts(room, role, config.hosts);
  if (config.agora) await useAgora(room, role);
  room.hidden = false;
}

interface DemoConfig {
  agora: boolean;
  hosts: string[];
}

async function demoConfig(): Promise<DemoConfig> {
  try {
    const response = await fetch('/api/demo-config');
    if (!response.ok) return { agora: false, hosts: [] };
    const body = (await response.json()) as { agora?: unknown; hosts?: unknown };
    const hosts = Array.isArray(body.hosts) ? body.hosts.filter((id): id is string => typeof id === 'string' && id !== '') : [];
    return { agora: body.agora === true, hosts };
  } catch {
    return { agora: false, hosts: [] };
  }
}

function useHosts(room: LingerRoom, role: 'viewer' | 'host', hosts: string[]): void {
  const list = hosts.join(' ');
  if (room.hosts !== list) room.hosts = list;
  if (role === 'host' && !hosts.includes(room.userId)) room.userId = hosts[0]!;
}

async function useAgora(room: LingerRoom, role: 'viewer' | 'host'): Promise<void> {
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
    // The endpoint failed: BroadcastChannel between the tabs of this browser.
  }
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

/**
 * Elements with nothing to show still take a gap in a grid: hide each one (`data-when="lottery"`)
 * until the show state has one of the fields it names. Returns whether any is shown.
 */
export function hideIdleElements(session: RoomSession | null, container: ParentNode = document): boolean {
  const state = session?.state as unknown as Record<string, unknown> | undefined;
  let any = false;
  for (const element of container.querySelectorAll<HTMLElement>('[data-when]')) {
    const shown = (element.dataset.when ?? '').split(' ').some((key) => present(state?.[key]));
    element.hidden = !shown;
    any ||= shown;
  }
  return any;
}

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** The header's connection line: `connected · broadcast`. */
export function showStatus(session: RoomSession | null): void {
  const status = session?.$status.get() ?? 'idle';
  const node = document.querySelector<HTMLElement>('#status');
  if (!node) return;
  node.dataset.status = status;
  node.textContent = `${status} · ${session?.transport.kind ?? ''}`;
}

/**
 * The language menu: sets `<html lang dir>`, which every Linger element follows; kept in the URL.
 * `onChange` re-renders what the page itself localizes (prices).
 */
export function useLanguageSwitcher(select: HTMLSelectElement, onChange?: () => void): void {
  const apply = (lang: string) => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    select.value = lang;
    onChange?.();
  };
  apply(new URLSearchParams(location.search).get('lang') ?? 'en');
  select.addEventListener('change', () => {
    apply(select.value);
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    history.replaceState(null, '', url);
  });
}
