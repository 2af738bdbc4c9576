/**
 * The light and dark presets (src/themes/*.css, plain CSS loaded with <link>) change the computed
 * colours of every element, and keep each element's main text readable: WCAG contrast ≥ 4.5:1
 * against the surface it sits on (translucent layers composited over the page background).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { CLIP, goLive, mountShowcase, type Showcase, type Tag } from './showcase.js';

type Rgba = [number, number, number, number];

/** `rgb(…)`, `rgba(…)` or `color(srgb …)` (what color-mix() computes to) → [r, g, b, a] in 0–255 / 0–1. */
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

const contrast = (a: Rgba, b: Rgba) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** The parent in the flat tree (slots and shadow hosts included). */
function flatParent(node: Element): Element | null {
  if (node.assignedSlot) return node.assignedSlot;
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** What the text of `node` is painted on: its and its ancestors' backgrounds over `page`. */
function surfaceOf(node: Element, page: Rgba): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = node; at; at = flatParent(at)) {
    const layer = parse(getComputedStyle(at).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] >= 1) break;
  }
  return layers.reduceRight((below, layer) => over(layer, below), page);
}

/** Each element's main text (a part name) — the thing a viewer must read. */
const MAIN_TEXT: Record<Tag, string[]> = {
  'linger-player': ['status'],
  'linger-overlay': ['comment-text', 'announcement-text', 'pinned-title', 'phase'],
  'linger-countdown': ['title', 'clock'],
  'linger-lottery': ['prize', 'title'],
  'linger-quiz': ['question', 'option-label'],
  'linger-product': ['title', 'price'],
  'linger-host-console': ['title'],
  'linger-report': ['figure-value', 'title'],
};

const find = (element: Element, part: string) => element.shadowRoot!.querySelector(`[part~="${part}"]`)!;

function link(href: string): Promise<HTMLLinkElement> {
  const element = document.createElement('link');
  element.rel = 'stylesheet';
  element.href = href;
  const loaded = new Promise<HTMLLinkElement>((resolve, reject) => {
    element.onload = () => resolve(element);
    element.onerror = reject;
  });
  document.head.append(element);
  return loaded;
}

describe('light and dark presets (src/themes)', function () {
  this.timeout(30_000);
  let s: Showcase;
  let defaults: Map<Tag, string>;
  /** The card an element paints (the product's is its item; the others' their base). */
  const surfaceColour = (tag: Tag) => {
    const root = s.get(tag).shadowRoot!;
    return getComputedStyle(root.querySelector('[part~=item]') ?? root.querySelector('[part~=base]')!).backgroundColor;
  };

  before(async () => {
    s = await mountShowcase({ src: CLIP });
    await goLive(s);
    // Some parts come a moment later (the overlay's pinned row waits for its lazily loaded price formatter).
    const missing = () => (Object.entries(MAIN_TEXT) as Array<[Tag, string[]]>).flatMap(([tag, parts]) => parts.filter((part) => !s.get(tag).shadowRoot!.querySelector(`[part~="${part}"]`)).map((part) => `<${tag}> [part=${part}]`));
    await waitUntil(() => missing().length === 0, `every main text renders (missing: ${missing().join(', ')})`, { timeout: 10_000 });
    defaults = new Map((['linger-countdown', 'linger-lottery', 'linger-quiz', 'linger-product', 'linger-report', 'linger-host-console'] as Tag[]).map((tag) => [tag, surfaceColour(tag)]));
  });
  after(() => s.close());

  function expectReadable(page: Rgba, label: string): void {
    const failures: string[] = [];
    for (const [tag, parts] of Object.entries(MAIN_TEXT) as Array<[Tag, string[]]>) {
      for (const part of parts) {
        const node = find(s.get(tag), part);
        expect(node, `<${tag}> renders [part=${part}]`).to.not.equal(null);
        const text = parse(getComputedStyle(node).color);
        const surface = surfaceOf(node, page);
        const ratio = contrast(over(text, surface), surface);
        if (ratio < 4.5) failures.push(`${label}: <${tag}> [part=${part}] ${getComputedStyle(node).color} on rgb(${surface.slice(0, 3).map(Math.round).join(' ')}) = ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failures, 'main text below 4.5:1').to.deep.equal([]);
  }

  it('the built-in defaults are readable on a white page', () => {
    expectReadable([255, 255, 255, 1], 'defaults');
  });

  it('light.css (on :root) keeps every element readable and lightens the overlay for a light page', async () => {
    const sheet = await link('/src/themes/light.css');
    try {
      const overlay = s.get('linger-overlay');
      await waitUntil(() => getComputedStyle(find(overlay, 'comment')).color === 'rgb(24, 24, 27)', 'comments: dark text on a light scrim');
      expectReadable([255, 255, 255, 1], 'light');
    } finally {
      sheet.remove();
    }
  });

  it('dark.css under [data-linger-theme="dark"] turns every card dark and keeps it readable', async () => {
    const sheet = await link('/src/themes/dark.css');
    const nothingYet = surfaceColour('linger-countdown');
    s.wrapper.dataset.lingerTheme = 'dark';
    s.wrapper.style.backgroundColor = '#09090b';
    try {
      expect(nothingYet, 'the dark preset is opt-in: nothing changes before the attribute').to.equal(defaults.get('linger-countdown'));
      for (const [tag, before] of defaults) {
        const after = surfaceColour(tag);
        expect(after, `<${tag}> surface changed`).to.not.equal(before);
        expect(luminance(parse(after)), `<${tag}> surface is dark (${after})`).to.be.below(0.05);
      }
      expectReadable([9, 9, 11, 1], 'dark');
    } finally {
      delete s.wrapper.dataset.lingerTheme;
      s.wrapper.style.removeProperty('background-color');
      sheet.remove();
    }
  });
});
