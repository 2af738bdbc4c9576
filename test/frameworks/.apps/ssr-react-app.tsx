// A React 19 page with raw linger-* tags, rendered on the server (ssr-react.node.test.mjs, through
// react-dom/server) and hydrated in Chromium (ssr-react-client.tsx). Nothing here imports an
// element: the server has no customElements.
import { useEffect, useState } from 'react';
import type {} from 'linger-live/jsx';

export function Storefront() {
  // Configuration that arrives after the first render (fetched, or read from the page after
  // hydration): the server and the first client render have no channel yet.
  const [lateChannel, setLateChannel] = useState<string | undefined>(undefined);
  useEffect(() => setLateChannel('ssr-react-late'), []);
  return (
    <main>
      <linger-room id="ssr-room" channel="ssr-react" hosts="host-1">
        <linger-overlay variant="list"></linger-overlay>
        <linger-countdown next-show="2030-04-01T18:00:00Z" next-show-title="Spring launch" drop-seconds="90"></linger-countdown>
      </linger-room>
      <linger-room id="late-room" channel={lateChannel} hosts="host-1">
        <linger-overlay></linger-overlay>
      </linger-room>
    </main>
  );
}
