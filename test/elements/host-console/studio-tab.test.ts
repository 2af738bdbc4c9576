// The console's Studio tab (docs/host-console.md): <linger-studio> inside the console, kept in the page
// on every other tab, so switching tabs never ends a broadcast.
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerStudio } from '../../../src/elements/studio/studio.js';
import { RoomSession } from '../../../src/core/session.js';
import { consoleOnMemory } from './console-rig.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 30_000, interval: 50 });

describe('<linger-host-console> Studio tab', () => {
  it('opens the studio (Alt+9), goes live from it, and keeps it — and the broadcast — across tab switches', async function () {
    this.timeout(60_000);
    const channel = 'hc-studio';
    const { network, room, console } = await consoleOnMemory(channel);
    const viewer = new RoomSession({ transport: network.connect('viewer-1'), hosts: ['host-1'] });
    let studio: LingerStudio | null = null;
    try {
      await until(() => room.session?.$status.get() === 'connected', 'room connected');
      await viewer.connect();
      const root = console.shadowRoot!;
      expect(root.querySelector('linger-studio'), 'nothing loaded before the tab opens').to.equal(null);
      root.querySelector<HTMLElement>('#tab-rhythm')!.dispatchEvent(new KeyboardEvent('keydown', { key: '9', code: 'Digit9', altKey: true, bubbles: true, composed: true }));
      await until(() => root.querySelector('linger-studio'), 'the studio in the Studio tab');
      studio = root.querySelector<LingerStudio>('linger-studio')!;
      expect(studio.hidden, 'shown on its tab').to.equal(false);
      await studio.studio.start();
      await studio.studio.goLive();
      await until(() => viewer.state.show.onAir === true, 'on air from the console’s studio (the studio found the room through the console)');

      root.querySelector<HTMLButtonElement>('#tab-chat')!.click();
      await console.updateComplete;
      expect(root.querySelector('linger-studio'), 'the same studio element').to.equal(studio);
      expect(studio.isConnected && studio.hidden, 'still in the page, hidden').to.equal(true);
      expect(studio.studio.phase, 'still live').to.equal('live');
      root.querySelector<HTMLButtonElement>('#tab-studio')!.click();
      await console.updateComplete;
      expect(studio.hidden, 'back on its tab').to.equal(false);
    } finally {
      await studio?.studio.stop();
      await viewer.close();
      localStorage.removeItem(`linger:console:${channel}`);
    }
  });
});
