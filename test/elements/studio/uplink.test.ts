// The studio's network-quality indicator on the local path (docs/studio.md § What it does).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import '../../../src/elements/studio/linger-studio.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerStudio } from '../../../src/elements/studio/studio.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { uplinkGrade } from '../../../src/media/local-broadcast.js';
import { translation } from '../../../src/elements/studio/studio.strings.js';

describe('<linger-studio> upload grade on the local path', () => {
  it('grades loss and round trip on Agora’s scale', () => {
    expect(uplinkGrade(0, 0.002), 'loopback').to.equal(1);
    expect(uplinkGrade(0.02, 0.05), 'a little loss').to.equal(2);
    expect(uplinkGrade(0.05, 0.05), 'some loss: fair').to.equal(3);
    expect(uplinkGrade(0, 0.25), 'a slow round trip: fair').to.equal(3);
    expect(uplinkGrade(0.15, 0.05), 'heavy loss: poor (the uplink warning shows)').to.equal(4);
    expect(uplinkGrade(0, 0.5), 'a very slow round trip: poor').to.equal(4);
  });

  it('shows the grade read from the viewers’ connections while live, and nothing once ended', async function () {
    this.timeout(60_000);
    const network = new MemoryNetwork();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 480px"></div>`);
    const room = (user: string) => {
      const element = document.createElement('linger-room') as LingerRoom;
      element.hosts = 'host-1';
      element.channel = 'spring-sale';
      element.customTransport = network.connect(user);
      return element;
    };
    const hostRoom = room('host-1');
    const studio = document.createElement('linger-studio') as LingerStudio;
    hostRoom.append(studio);
    const viewerRoom = room('viewer-1');
    viewerRoom.append(document.createElement('linger-player'));
    wrapper.append(hostRoom, viewerRoom);
    try {
      await waitUntil(() => hostRoom.session?.$status.get() === 'connected' && viewerRoom.session?.$status.get() === 'connected', 'rooms connect', { timeout: 20_000 });
      hostRoom.session!.act('show', { phase: 'live' });
      await studio.studio.start();
      await studio.studio.goLive();
      const uplink = () => studio.shadowRoot!.querySelector('[part~="uplink"]');
      // Loopback reads good; a machine busy enough can stretch the round trip past 100 ms, so any grade read from the stats counts.
      const labels = { good: translation.en.uplinkGood, fair: translation.en.uplinkFair, poor: translation.en.uplinkPoor };
      await waitUntil(() => uplink(), 'the grade read from the viewer’s connection', { timeout: 30_000, interval: 100 });
      const grade = (['good', 'fair', 'poor'] as const).find((name) => uplink()!.classList.contains(`uplink-${name}`))!;
      expect(uplink()!.textContent?.trim(), 'the words say the grade').to.equal(labels[grade]);
      expect(studio.studio.publisher?.uplink, 'from the local publisher’s stats').to.be.within(1, 4);
      await studio.studio.end();
      await waitUntil(() => !uplink(), 'no grade off air', { timeout: 10_000 });
    } finally {
      await studio.studio.stop();
      wrapper.remove();
    }
  });
});
