/**
 * The overlay's default look on a storefront: a panel that follows the page (white or dark), a
 * focus ring seen on any background, host and viewer text isolated (Arabic included), and long
 * unbreakable tokens kept inside a 390 px phone column.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/overlay/linger-overlay.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerOverlay } from '../../../src/elements/overlay/overlay.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import { PROTOCOL_VERSION, encode, randomId } from '../../../src/core/protocol.js';
import { HEX64 } from '../../helpers/show.js';

type Rgba = [number, number, number, number];

/** `rgb(…)`, `rgba(…)` or `color(srgb …)` → [r, g, b, a] in 0–255 / 0–1. */
function parse(color: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(color);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/.exec(color);
  if (!rgb) throw new Error(`unparsed colour ${color}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
}
const over = (top: Rgba, below: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + below[i]! * (1 - top[3])).concat(1) as Rgba;
function luminance([r, g, b]: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
function flatParent(node: Element): Element | null {
  if (node.assignedSlot) return node.assignedSlot;
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}
/** The colour behind `node`: its and its ancestors' backgrounds composited over white. */
function surfaceOf(node: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = node; at; at = flatParent(at)) {
    const layer = parse(getComputedStyle(at).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] >= 1) break;
  }
  return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1] as Rgba);
}
/** The contrast of a node's text against what it is painted on. */
function textContrast(node: Element): number {
  const surface = surfaceOf(node);
  return contrast(over(parse(getComputedStyle(node).color), surface), surface);
}

const PAGES = {
  white: { background: '#ffffff', color: '#121212', scheme: 'light' },
  dark: { background: '#111318', color: '#ececec', scheme: 'dark' },
} as const;

interface Page {
  network: MemoryNetwork;
  host: RoomSession;
  wrapper: HTMLDivElement;
  room: LingerRoom;
  overlay: LingerOverlay;
  close(): Promise<void>;
}

/** A storefront column (page colours as a theme would set them on body) with a room and a default overlay. */
async function page(kind: keyof typeof PAGES, options: { width?: number; locale?: string } = {}): Promise<Page> {
  const colours = PAGES[kind];
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
  await host.connect();
  const wrapper = document.createElement('div');
  wrapper.style.cssText = `inline-size: ${options.width ?? 390}px; padding: 0; background: ${colours.background}; color: ${colours.color}; color-scheme: ${colours.scheme}; overflow: auto`;
  if (options.locale === 'ar') wrapper.dir = 'rtl';
  const room = document.createElement('linger-room');
  room.hosts = 'host-1';
  room.customTransport = network.connect(`viewer-${randomId(4)}`);
  if (options.locale) room.locale = options.locale;
  const overlay = document.createElement('linger-overlay');
  room.append(overlay);
  wrapper.append(room);
  document.body.append(wrapper);
  await waitUntil(() => room.session?.$status.get() === 'connected', 'room connects');
  await waitUntil(() => overlay.shadowRoot?.querySelector('[part~=phase]:not(linger-connection-status)'), 'overlay drawn, connected');
  return {
    network,
    host,
    wrapper,
    room,
    overlay,
    close: async () => {
      wrapper.remove();
      await host.close();
    },
  };
}

const part = (overlay: LingerOverlay, name: string) => overlay.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (overlay: LingerOverlay, name: string) => [...overlay.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

function say(network: MemoryNetwork, from: string, text: string, name?: string): void {
  network.publishAs(from, encode({ v: PROTOCOL_VERSION, type: 'chat', id: randomId(), at: Date.now(), body: { text, ...(name ? { name } : {}) } }));
}

/** A live show with everything the overlay draws: chips, announcement, pinned product, comments. */
async function live(p: Page, texts: { title?: string; prize?: string; price?: string; product?: string; announcement?: string } = {}): Promise<void> {
  const now = p.host.clock.now();
  p.host.act('show', { phase: 'live', title: 'Spring sale' });
  p.host.act('schedule', { perks: [{ id: 'p1', kind: 'flash', at: now + 4 * 60_000, lead: 60, prompt: 'Type 1', title: texts.title ?? 'Flash deal' }] });
  p.host.act('lottery.open', { id: 'l1', mode: 'keyword', keyword: 'WIN', prize: texts.prize ?? 'Silk scarf', winners: 1, closesAt: now + 120_000, commitment: HEX64 });
  p.host.act('announce', { text: texts.announcement ?? 'Welcome everyone!', kind: 'info' });
  p.host.act('pin', { product: { id: 'sku1', title: texts.product ?? 'Linen shirt', price: texts.price ?? '39.00', currency: 'USD', url: 'https://shop.example/linen' }, remaining: 12 });
  await waitUntil(() => part(p.overlay, 'pinned') && part(p.overlay, 'next-perk') && part(p.overlay, 'activity'), 'the live show is drawn');
}

describe('<linger-overlay> default look on a storefront', function () {
  this.timeout(20_000);

  it('sets no attribute on itself when it upgrades, nor when its variant is set as a property', async () => {
    const holder = document.createElement('div');
    holder.innerHTML = '<linger-overlay></linger-overlay><linger-overlay variant="danmaku"></linger-overlay>';
    document.body.append(holder);
    try {
      const [plain, danmaku] = [...holder.querySelectorAll('linger-overlay')] as [LingerOverlay, LingerOverlay];
      await plain.updateComplete;
      await danmaku.updateComplete;
      expect(plain.getAttributeNames(), 'server-rendered markup stays as it was').to.deep.equal([]);
      expect(danmaku.getAttributeNames()).to.deep.equal(['variant']);
      plain.variant = 'video';
      plain.locale = 'ar';
      await plain.updateComplete;
      expect(plain.getAttributeNames(), 'properties are not reflected').to.deep.equal([]);
      expect(plain.shadowRoot!.querySelector('.overlay.video'), 'the look follows the property').to.not.equal(null);
    } finally {
      holder.remove();
    }
  });

  for (const kind of ['white', 'dark'] as const) {
    it(`on a ${kind} page: the empty state reads at ≥ 4.5:1, and the live show is axe-clean`, async () => {
      const p = await page(kind);
      try {
        expect(p.overlay.shadowRoot!.querySelector('.overlay.panel'), 'the default is the panel look').to.not.equal(null);
        const empty = part(p.overlay, 'empty')!;
        expect(empty.textContent).to.contain('No comments yet');
        const ratio = textContrast(empty);
        expect(ratio, `"No comments yet" ${getComputedStyle(empty).color} on the ${kind} page`).to.be.at.least(4.5);
        // Not a blank gap: the message sits inside the comment area, whose frame shows.
        const area = part(p.overlay, 'comments')!;
        expect(getComputedStyle(area).borderTopStyle, 'the empty area is framed').to.equal('dashed');
        const [box, text] = [area.getBoundingClientRect(), empty.getBoundingClientRect()];
        expect(Math.abs((text.top + text.bottom) / 2 - (box.top + box.bottom) / 2), 'message centred in the area').to.be.below(4);
        await live(p);
        say(p.network, 'v-ana', 'Is the blue one in stock?', 'Ana');
        await waitUntil(() => parts(p.overlay, 'comment').length === 1, 'a comment');
        for (const name of ['comment-text', 'comment-name', 'phase', 'viewers', 'next-perk', 'activity', 'announcement-text', 'pinned-title', 'pinned-price']) {
          const node = part(p.overlay, name)!;
          expect(textContrast(node), `[part=${name}] on the ${kind} page`).to.be.at.least(4.5);
        }
        await expect(p.overlay).to.be.accessible();
      } finally {
        await p.close();
      }
    });
  }

  it('draws a two-tone focus ring (light inside dark) on the like button and the composer', async () => {
    const p = await page('white');
    try {
      const like = part(p.overlay, 'like-button')!;
      const input = part(p.overlay, 'input') as HTMLInputElement;
      input.focus();
      await sendKeys({ press: 'Tab' }); // to the send button (disabled) or the like button
      await waitUntil(() => p.overlay.shadowRoot!.activeElement === like, 'keyboard focus on the like button');
      for (const [label, node] of [
        ['like button', like],
        ['composer', part(p.overlay, 'composer')!],
      ] as const) {
        if (label === 'composer') input.focus();
        const style = getComputedStyle(node);
        expect(style.outlineStyle, `${label}: outline`).to.equal('solid');
        const inner = parse(style.outlineColor);
        const outer = parse(/rgba?\([^)]*\)|color\([^)]*\)/.exec(style.boxShadow)?.[0] ?? 'rgb(0, 0, 0, 0)');
        expect(outer[3], `${label}: an outer ring`).to.equal(1);
        expect(parseFloat(style.boxShadow.split(' ').at(-1)!), `${label}: wider than the outline`).to.be.greaterThan(parseFloat(style.outlineWidth));
        expect(contrast(inner, outer), `${label}: the two tones contrast`).to.be.at.least(4.5);
        for (const [pageName, background] of Object.entries(PAGES)) {
          const hex = background.background.slice(1).match(/../g)!.map((pair) => parseInt(pair, 16));
          const bg: Rgba = [hex[0]!, hex[1]!, hex[2]!, 1];
          const best = Math.max(contrast(inner, bg), contrast(outer, bg));
          expect(best, `${label}: one tone stands out on the ${pageName} page`).to.be.at.least(3);
        }
      }
    } finally {
      await p.close();
    }
  });

  it('keeps 80-character words and a 40-character price inside a 390 px column: no horizontal scroll', async () => {
    const p = await page('white', { width: 390 });
    const word = (letter: string) => `${letter}${'x'.repeat(79)}`;
    try {
      await live(p, { title: word('T'), prize: word('P'), product: word('N'), announcement: word('A'), price: `${'9'.repeat(37)}.00` });
      say(p.network, 'v-long', word('C'), word('U').slice(0, 40));
      await waitUntil(() => parts(p.overlay, 'comment').length === 1, 'the long comment');
      const column = p.wrapper.getBoundingClientRect();
      expect(p.wrapper.scrollWidth, 'the column does not scroll sideways').to.be.at.most(p.wrapper.clientWidth);
      const base = part(p.overlay, 'base')!;
      expect(base.scrollWidth, 'nor does the overlay').to.be.at.most(base.clientWidth);
      for (const name of ['now-item', 'pinned', 'pinned-title', 'pinned-price', 'announcement', 'comment']) {
        for (const node of parts(p.overlay, name)) {
          const box = node.getBoundingClientRect();
          expect(box.right, `[part=${name}] right edge`).to.be.at.most(column.right + 0.5);
          expect(box.left, `[part=${name}] left edge`).to.be.at.least(column.left - 0.5);
        }
      }
      const price = part(p.overlay, 'pinned-price')!;
      expect(getComputedStyle(price).textOverflow, 'the price is cut with an ellipsis').to.equal('ellipsis');
      const prizeChip = parts(p.overlay, 'activity')[0]!;
      expect(prizeChip.getBoundingClientRect().height, 'the prize chip wraps onto more lines').to.be.greaterThan(parseFloat(getComputedStyle(prizeChip).lineHeight) * 1.5);
    } finally {
      await p.close();
    }
  });

  it('in Arabic, keeps a comment’s name and text apart and each in its own direction; host text in chips is isolated', async () => {
    const p = await page('white', { locale: 'ar', width: 390 });
    try {
      await live(p, { title: 'Flash deal', prize: 'Silk scarf' });
      await waitUntil(() => p.overlay.shadowRoot!.querySelector('[part=base]')?.getAttribute('lang') === 'ar', 'Arabic strings');
      say(p.network, 'v-host', 'Welcome everyone!', 'Host');
      say(p.network, 'v-fatima', 'هل يتوفر باللون الأزرق؟', 'فاطمة');
      await waitUntil(() => parts(p.overlay, 'comment').length === 2, 'two comments');
      for (const comment of parts(p.overlay, 'comment')) {
        const name = comment.querySelector('[part=comment-name]')!;
        const text = comment.querySelector('[part=comment-text]')!;
        for (const node of [name, text]) expect(getComputedStyle(node).unicodeBidi, `${node.textContent}: isolated`).to.equal('isolate');
        const [n, t] = [name.getBoundingClientRect(), text.getBoundingClientRect()];
        expect(n.left - t.right, `"${name.textContent}" comes first (on the right) and stands apart from "${text.textContent}"`).to.be.at.least(3);
      }
      // "Welcome everyone!" keeps its own left-to-right order inside the Arabic line: "!" at its right end.
      const latin = parts(p.overlay, 'comment-text').find((node) => node.textContent === 'Welcome everyone!')!;
      const range = document.createRange();
      const textNode = [...latin.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent)!;
      const chars = textNode.textContent!.length;
      const at = (index: number) => {
        range.setStart(textNode, index);
        range.setEnd(textNode, index + 1);
        return range.getBoundingClientRect().left;
      };
      expect(at(chars - 1), '"!" ends the Latin text on its right').to.be.greaterThan(at(0));
      // Chips: the host's perk title and prize are <bdi>s inside the localized sentence.
      expect(part(p.overlay, 'next-perk')!.querySelector('bdi')?.textContent).to.equal('Flash deal');
      expect([...parts(p.overlay, 'activity')[0]!.querySelectorAll('bdi')].map((node) => node.textContent)).to.deep.equal(['Silk scarf', 'WIN']);
      await expect(p.overlay).to.be.accessible();
    } finally {
      await p.close();
    }
  });
});
