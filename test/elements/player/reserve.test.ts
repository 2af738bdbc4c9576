/**
 * The player's box before its code arrives (issue: zero layout shift). This file never imports the
 * player statically, so `<linger-player>` starts undefined, styled only by the reserve rule that the
 * autoloader injects (src/elements/player/player.reserve.ts).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { playerReserveCss } from '../../../src/elements/player/player.reserve.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';

const POSTER =
  'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#334"/></svg>');

function box(element: Element): number[] {
  const rect = element.getBoundingClientRect();
  return [rect.left, rect.top, rect.width, rect.height];
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<linger-player> before its code arrives', () => {
  it('the reserve rule draws the same box as the element; defining it shifts nothing and loads nothing heavy', async () => {
    expect(customElements.get('linger-player'), 'not defined yet').to.equal(undefined);
    const style = document.createElement('style');
    style.textContent = `${playerReserveCss}
      .narrow linger-player { inline-size: 50%; }
      .square { --linger-player-aspect-ratio: 1 / 1; }`;
    document.head.append(style);
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) shifts.push(entry.value);
    });
    observer.observe({ type: 'layout-shift' });
    const page = await fixture<HTMLDivElement>(html`<div style="inline-size: 360px">
      <linger-player id="plain" poster=${POSTER}></linger-player>
      <p>between</p>
      <div class="narrow"><linger-player id="narrow" poster=${POSTER}></linger-player></div>
      <div class="square"><linger-player id="square"></linger-player></div>
      <p id="below">below</p>
    </div>`);
    const players = [...page.querySelectorAll('linger-player')];
    const below = page.querySelector('#below')!;
    await frame();
    const before = players.map(box);
    const belowBefore = box(below);
    expect(before.map(([, , width, height]) => [width, Math.round(height!)]), 'reserved: 16:9 full width, a page rule’s 50 %, a 1:1 ratio').to.deep.equal([
      [360, 203],
      [180, 101],
      [360, 360],
    ]);

    await import('../../../src/elements/player/linger-player.js');
    for (const player of players) await (player as LingerPlayer).updateComplete;
    await waitUntil(() => (players[0] as LingerPlayer).shadowRoot?.querySelector('[part=poster]'), 'poster drawn');
    await frame();
    expect(players.map(box), 'same boxes once defined').to.deep.equal(before);
    expect(box(below), 'content below did not move').to.deep.equal(belowBefore);
    await frame();
    observer.disconnect();
    expect(shifts, 'no layout shift').to.deep.equal([]);

    const heavy = performance.getEntriesByType('resource').filter((entry) => /node_modules\/(agora|@agora-js|hls\.js)|src\/media\/agora-rtc|\.mp4|\.m3u8/i.test(entry.name));
    expect(heavy.map((entry) => entry.name), 'a poster-only player loads no SDK, no hls.js, no video').to.deep.equal([]);
    const poster = (players[0] as LingerPlayer).shadowRoot!.querySelector('img[part=poster]')!;
    expect(poster.getAttribute('decoding'), 'the poster decodes off the main thread').to.equal('async');
    style.remove();
  });
});
