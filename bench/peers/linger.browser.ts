/**
 * bench/peers, Linger's side: a danmaku `<linger-overlay>` in a real `<linger-room>` on a memory
 * network, under the flood of ./flood.ts. Run by bench/peers.mjs through bench/browser.mjs.
 */
import { LingerRoom } from '../../src/elements/room/room.js';
import { DANMAKU_CAP, LingerOverlay } from '../../src/elements/overlay/overlay.js';
import { define } from '../../src/utilities/define.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { RoomSession } from '../../src/core/session.js';
import { FONT, STAGE, flood, settle } from './flood.js';

export default async function run() {
  // Registered here: the package's `sideEffects` list names dist files, so a bundler drops bare src imports.
  define('linger-room', LingerRoom);
  define('linger-overlay', LingerOverlay);
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
  await host.connect();
  host.act('show', { phase: 'live', title: 'bench' });

  document.body.style.margin = '0';
  const stage = document.createElement('div');
  stage.style.cssText = `inline-size: ${STAGE.width}px; --linger-overlay-danmaku-height: ${STAGE.height}px; --linger-font-size: ${FONT.size}; --linger-font-family: ${FONT.family}`;
  const room = document.createElement('linger-room');
  room.hosts = 'host-1';
  room.customTransport = network.connect('viewer-bench');
  const overlay = document.createElement('linger-overlay');
  overlay.variant = 'danmaku';
  room.append(overlay);
  stage.append(room);
  document.body.append(stage);
  for (let i = 0; i < 500 && room.session?.$status.get() !== 'connected'; i++) await settle(10);
  if (room.session?.$status.get() !== 'connected') throw new Error('bench/peers: the room did not connect');
  await overlay.updateComplete;
  const root = overlay.shadowRoot!;

  const figures = await flood(network, {
    root,
    // `part="comment"` is the overlay's documented part for one drawn comment (docs/overlay.md).
    isComment: (element) => element.part.contains('comment'),
    nodes: () => root.querySelectorAll('*').length,
  });
  stage.remove();
  await host.close();
  return { ...figures, cap: DANMAKU_CAP };
}
