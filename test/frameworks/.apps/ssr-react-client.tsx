// Hydrates the server-rendered ssr-react-app.tsx the way a Next.js client bundle does: the elements
// are defined first (they upgrade the server markup at once), then React hydrates. Hydration
// errors React recovers from are kept in `window.hydration` for the test.
import { hydrateRoot } from 'react-dom/client';
import 'linger-live/elements/room/linger-room.js';
import 'linger-live/elements/overlay/linger-overlay.js';
import 'linger-live/elements/countdown/linger-countdown.js';
import { Storefront } from './ssr-react-app.js';

declare global {
  interface Window {
    hydration: { recoverable: string[]; caught: string[]; uncaught: string[] };
  }
}

window.hydration = { recoverable: [], caught: [], uncaught: [] };
hydrateRoot(document.querySelector('#app')!, <Storefront />, {
  onRecoverableError: (error) => window.hydration.recoverable.push(String((error as Error)?.message ?? error)),
  onCaughtError: (error) => window.hydration.caught.push(String((error as Error)?.message ?? error)),
  onUncaughtError: (error) => window.hydration.uncaught.push(String((error as Error)?.message ?? error)),
});
