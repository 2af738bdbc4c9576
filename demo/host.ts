/** The demo host page: the host console on the show's room, and what viewers see beside it. */
import './host-desk.js';
import '../src/elements/host-console/linger-host-console.js';
import '../src/elements/countdown/linger-countdown.js';
import '../src/elements/lottery/linger-lottery.js';
import '../src/elements/quiz/linger-quiz.js';
import '../src/elements/overlay/linger-overlay.js';
import '../src/elements/studio/linger-studio.js';
import { setUpRoom, follow, hideIdleElements, showStatus, useLanguageSwitcher } from './demo-room.js';
import type { LingerRoom } from '../src/elements/room/room.js';

const room = document.querySelector<LingerRoom>('#show')!;
useLanguageSwitcher(document.querySelector<HTMLSelectElement>('#language')!);
await setUpRoom(room, 'host');
follow(room, (session) => {
  showStatus(session);
  hideIdleElements(session, document.querySelector('.preview')!);
});
