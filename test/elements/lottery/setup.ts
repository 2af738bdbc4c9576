/** A host RoomSession and one viewer `<linger-room>` (memory transport) with elements inside. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';

export interface Stage {
  network: MemoryNetwork;
  host: RoomSession;
  room: LingerRoom;
  wrapper: HTMLElement;
  close(): Promise<void>;
}

let count = 0;

export async function stage(inner: string, options: { lang?: string; dir?: string; hostNow?: () => number; width?: string } = {}): Promise<Stage> {
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'], ...(options.hostNow ? { localNow: options.hostNow } : {}) });
  await host.connect();
  const wrapper = await fixture<HTMLElement>(html`<div></div>`);
  if (options.lang) wrapper.lang = options.lang;
  if (options.dir) wrapper.dir = options.dir;
  if (options.width) wrapper.style.inlineSize = options.width;
  const room = document.createElement('linger-room');
  room.id = `stage-${++count}`;
  room.hosts = 'host-1';
  room.customTransport = network.connect('viewer-1');
  room.innerHTML = inner;
  wrapper.append(room);
  await waitUntil(() => room.session?.$status.get() === 'connected', 'viewer room connects');
  await waitUntil(() => room.session!.state.epoch !== null, 'viewer has the host snapshot');
  return {
    network,
    host,
    room,
    wrapper,
    close: async () => {
      wrapper.remove();
      await host.close();
    },
  };
}

export const shadowText = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
