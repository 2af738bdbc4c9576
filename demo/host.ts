/** The demo host page: the host console on the show's room. */
import '../src/elements/host-console/linger-host-console.js';
import { setUpRoom, follow, showStatus, useLanguageSwitcher } from './demo-room.js';
import type { LingerRoom } from '../src/elements/room/room.js';

const room = document.querySelector<LingerRoom>('#show')!;
useLanguageSwitcher(document.querySelector<HTMLSelectElement>('#language')!);
await setUpRoom(room, 'host');
follow(room, showStatus);
