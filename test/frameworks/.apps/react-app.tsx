// A storefront in React 19 with the linger-live/react components, driven by react-app.node.test.mjs
// through `window.app` (mount, unmount, rename).
import { StrictMode, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { LingerCountdown, LingerOverlay, LingerRoom } from 'linger-live/react';

const nextShowAt = Date.now() + 3_600_000;

function Storefront({ title }: { title: string }) {
  const [statuses, setStatuses] = useState<string[]>([]);
  const [reminders, setReminders] = useState<string[]>([]);
  return (
    <LingerRoom id="react-room" channel="react-app" onLingerStatus={(event) => setStatuses((seen) => [...seen, event.detail.status])}>
      <output id="statuses">{statuses.join(' ')}</output>
      <output id="reminders">{reminders.join('|')}</output>
      <LingerCountdown
        nextShow={String(nextShowAt)}
        nextShowTitle={title}
        dropSeconds={42}
        onLingerRemindMe={(event) => setReminders((seen) => [...seen, `${event.detail.kind}:${event.detail.title}`])}
      />
      <LingerOverlay variant="list" name="Ada" maxLength={99} hideComposer />
    </LingerRoom>
  );
}

let root: Root | null = null;

declare global {
  interface Window {
    app: { mount(title: string): void; unmount(): void };
  }
}

window.app = {
  mount(title) {
    root ??= createRoot(document.querySelector('#app')!);
    flushSync(() =>
      root!.render(
        <StrictMode>
          <Storefront title={title} />
        </StrictMode>,
      ),
    );
  },
  unmount() {
    root?.unmount();
    root = null;
  },
};
