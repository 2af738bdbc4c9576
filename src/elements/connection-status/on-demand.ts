/**
 * `<linger-connection-status>` inside the overlay and the player, without its code on the
 * storefront's first load (≤ 35 KB, bench/size.mjs). While a room connects the first time, the
 * undefined tag shows its light-DOM text (the host element's own "Connecting to the show…"); the code
 * comes as soon as there is more to say (reconnecting, cannot reach, a setup error), and once the
 * room is connected, at idle time, so that it is already here when the network goes away.
 */
import type { TransportStatus } from '../../transports/transport.js';
import { sharedImport } from '../../utilities/shared-import.js';

const load = sharedImport(() => import('./linger-connection-status.js'));
const whenIdle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run) : setTimeout(run, 1000));

/** Asks for the connection status's code when the room's status calls for it. */
export function connectionStatusFor(status: TransportStatus | undefined): void {
  if (!status || status === 'idle' || status === 'connecting' || typeof customElements === 'undefined' || customElements.get('linger-connection-status')) return;
  // A failed load (offline) is asked again at the next status change.
  const fetch = () => void load().catch(() => undefined);
  if (status === 'connected') whenIdle(fetch);
  else fetch();
}
