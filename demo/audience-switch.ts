/**
 * The "Simulated audience" switch: starts a few hundred synthetic viewers on this page's room
 * (BroadcastChannel only — they cannot join an Agora channel). Kept in the URL (`?audience=on`).
 */
import { SimulatedAudience } from './audience.js';
import type { LingerRoom } from '../src/elements/room/room.js';

export function useAudienceSwitch(room: LingerRoom, toggle: HTMLInputElement, count: HTMLElement): void {
  let audience: SimulatedAudience | null = null;
  const size = Number(new URLSearchParams(location.search).get('audience-size')) || 300;
  const apply = async (on: boolean) => {
    toggle.checked = on;
    rememberInUrl(on);
    if (on && !audience) {
      audience = new SimulatedAudience({ channel: room.channel, hosts: room.hostIds, size, onChange: (joined) => (count.textContent = joined ? `(${joined})` : '') });
      audience.start();
    } else if (!on && audience) {
      const stopping = audience;
      audience = null;
      await stopping.stop();
    }
  };
  toggle.addEventListener('change', () => void apply(toggle.checked));
  // Only on BroadcastChannel: follow the room's transport.
  room.$session.subscribe((session) => {
    const broadcast = !session || session.transport.kind === 'broadcast';
    toggle.disabled = !broadcast;
    toggle.title = broadcast ? '' : 'Synthetic viewers run over BroadcastChannel only (this page is on Agora).';
    if (!broadcast) void apply(false);
  });
  if (new URLSearchParams(location.search).get('audience') === 'on') void apply(true);
}

function rememberInUrl(on: boolean): void {
  const url = new URL(location.href);
  if (on) url.searchParams.set('audience', 'on');
  else url.searchParams.delete('audience');
  history.replaceState(null, '', url);
}
