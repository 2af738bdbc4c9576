/**
 * bench/peers, the peer's page (entries: ./danmaku.browser.ts, ./danmaku-capped.browser.ts): the `danmaku` package (its full build, DOM engine — the default)
 * in live mode on a 640×360 container, fed by a viewer on the same memory network: each payload is
 * checked with Linger's own parser (so both sides validate alike) and handed to `danmaku.emit()`,
 * as its README's live-mode example does with a socket. Same flood, same measures (./flood.ts).
 * `runDanmaku(cap)` drops what arrives while `cap` comments are in flight, as an integrator would
 * to match Linger's on-screen cap.
 */
import Danmaku from 'danmaku';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { parseMessage } from '../../src/core/protocol.js';
import { FLIGHT_S, FONT, STAGE, flood, settle } from './flood.js';

export async function runDanmaku(cap = Infinity) {
  document.body.style.margin = '0';
  const container = document.createElement('div');
  container.style.cssText = `position: relative; inline-size: ${STAGE.width}px; block-size: ${STAGE.height}px; background: #222`;
  document.body.append(container);
  // Speed in px/s: the stage width in FLIGHT_S seconds, i.e. the same crossing time as Linger's.
  const danmaku = new Danmaku({ container, engine: 'dom', speed: STAGE.width / FLIGHT_S });
  const stage = container.firstElementChild;
  if (!stage || stage instanceof HTMLCanvasElement) throw new Error('bench/peers: danmaku did not start its DOM engine');

  const network = new MemoryNetwork();
  const viewer = network.connect('viewer-bench');
  await viewer.connect();
  const isHost = (id: string) => id === 'host-1';
  /** When each comment in flight was emitted, oldest first. */
  const flying: number[] = [];
  viewer.onMessage((data, sender, direct) => {
    const parsed = parseMessage(data, sender, isHost, direct);
    if (!parsed.ok || parsed.message.type !== 'chat') return;
    const now = performance.now();
    while (flying.length && now - flying[0]! > FLIGHT_S * 1000) flying.shift();
    if (flying.length >= cap) return;
    flying.push(now);
    const { name, text } = parsed.message.body as { name?: string; text: string };
    // The same look as a Linger bullet: font, colour, pill on the scrim. Text only, no markup.
    danmaku.emit({
      text: `${name ?? 'viewer'}: ${text}`,
      style: { fontSize: FONT.size, fontFamily: FONT.family, color: '#fff', padding: '2px 10px', borderRadius: '14px', background: 'rgb(0 0 0 / 0.45)' },
    });
  });
  await settle(100);

  const figures = await flood(network, {
    root: stage,
    isComment: (element) => element.parentNode === stage,
    nodes: () => container.querySelectorAll('*').length,
  });
  danmaku.destroy();
  container.remove();
  await viewer.close();
  return figures;
}
