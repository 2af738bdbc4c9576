// The host-console tests' common start: a console in its room, on a fresh in-memory network, with
// the console's stored drafts for the channel cleared.
import { fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerHostConsole } from '../../../src/elements/host-console/host-console.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';

/** A console for host `host-1` on `channel`; `lang` goes on the wrapper around the room. */
export async function consoleOnMemory(channel: string, lang?: string) {
  localStorage.removeItem(`linger:console:${channel}`);
  const network = new MemoryNetwork({ latency: 1 });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${ifDefined(lang)}>
    <linger-room channel=${channel} hosts="host-1" .customTransport=${network.connect('host-1')}>
      <linger-host-console></linger-host-console>
    </linger-room>
  </div>`);
  const room = wrapper.querySelector<LingerRoom>('linger-room')!;
  const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
  return { network, wrapper, room, console };
}
