/**
 * Storefront themes set text styles on `html`/`body` and style bare tags. A representative set of
 * rules modelled on Shopify Dawn's base.css (plus the usual global button/input/img rules) must not
 * change how any Linger element lays out or reads: same boxes, same font sizes, all visible.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ALL_TAGS, CLIP, goLive, mountShowcase, type Showcase } from './showcase.js';

const DAWN_LIKE = `
  html { font-size: 62.5%; box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  body {
    font-size: 1.5rem; letter-spacing: .06rem; line-height: 1.8; text-transform: uppercase;
    font-family: Georgia, 'Times New Roman', serif; font-style: italic; font-weight: 300;
    color: rgb(18 18 18 / .75); text-align: center; word-spacing: .4rem; word-break: break-word;
    text-shadow: 0 0 .1rem rgb(255 0 0); font-variant: small-caps; font-feature-settings: 'smcp';
    white-space: pre-line; text-indent: 2rem; cursor: crosshair;
  }
  a:empty, ul:empty, dl:empty, div:empty, section:empty, article:empty, p:empty, h1:empty, h2:empty, h3:empty { display: none; }
  h1, h2, h3, h4 { letter-spacing: calc(1.2 * .06rem); line-height: 1.3; font-family: Impact, sans-serif; }
  button, input, select, textarea {
    font: inherit; letter-spacing: .1rem; padding: 1.5rem 3rem; border-radius: 4rem; min-height: 4.5rem;
    border: .2rem solid currentColor; background: #121212; color: #fff; text-transform: uppercase;
  }
  img, video { max-width: 100%; height: auto; display: block; }
  ul, ol { list-style: none; padding: 0; margin: 0; }
  p { margin: 2rem 0; }
  :focus-visible { outline: .2rem solid rgb(18 18 18 / .5); outline-offset: .3rem; }
`;

type Snapshot = Map<string, string>;

/** Box and text metrics of every element in every shadow root under `host`, keyed by a stable path. */
function measure(host: Element): Snapshot {
  const out: Snapshot = new Map();
  const origin = host.getBoundingClientRect();
  const r = (n: number) => Math.round(n * 2) / 2;
  out.set(`${host.localName} (host)`, `${r(origin.width)}×${r(origin.height)}`);
  const walk = (root: ShadowRoot, path: string) => {
    root.querySelectorAll('*').forEach((node, index) => {
      if (node.localName === 'style') return;
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      const key = `${path} ${node.localName}#${index}${node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : ''}`;
      out.set(
        key,
        [
          style.display === 'none' ? 'box none' : `box ${r(box.x - origin.x)},${r(box.y - origin.y)} ${r(box.width)}×${r(box.height)}`,
          `font ${style.fontSize}/${style.lineHeight} ${style.fontFamily} ${style.fontStyle} ${style.fontWeight} ${style.fontVariantCaps}`,
          `text ${style.letterSpacing} ${style.wordSpacing} ${style.textTransform} ${style.textAlign} ${style.textIndent} ${style.whiteSpace}`,
          `shown ${style.display} ${style.visibility}`,
        ].join(' | '),
      );
      if (node.shadowRoot) walk(node.shadowRoot, key);
    });
  };
  walk(host.shadowRoot!, host.localName);
  return out;
}

function differences(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const [key, value] of before) {
    const now = after.get(key);
    if (now !== value) found.push(`${key}\n    without theme: ${value}\n    with theme:    ${now}`);
  }
  return found;
}

describe('inside a hostile storefront theme (Dawn-like base.css)', () => {
  let s: Showcase;
  let sheet: CSSStyleSheet;
  before(async function () {
    this.timeout(20_000);
    s = await mountShowcase({ src: CLIP });
    await goLive(s);
    sheet = new CSSStyleSheet();
    sheet.replaceSync(DAWN_LIKE);
  });
  after(async () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((candidate) => candidate !== sheet);
    await s.close();
  });

  it('the theme really applies to the page (the comparison can fail)', async () => {
    const probe = document.createElement('p');
    probe.textContent = 'probe';
    s.wrapper.append(probe);
    const plain = getComputedStyle(probe).textTransform;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      expect(plain, 'no theme: as written').to.equal('none');
      expect(getComputedStyle(probe).textTransform, 'theme: uppercase light-DOM text').to.equal('uppercase');
      expect(getComputedStyle(document.documentElement).fontSize, 'theme: 62.5% root').to.equal('10px');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((candidate) => candidate !== sheet);
      probe.remove();
    }
  });

  for (const tag of ALL_TAGS) {
    it(`<${tag}> lays out and reads exactly the same, and stays visible`, async () => {
      const element = s.get(tag);
      // A playing video may add or drop a node between two measures: pause it first.
      const video = element.shadowRoot?.querySelector('video');
      if (video) {
        video.pause();
        await waitUntil(() => video.paused, 'the clip pauses');
      }
      await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const withTheme = async <T>(read: () => T): Promise<T> => {
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        try {
          await frame();
          return read();
        } finally {
          document.adoptedStyleSheets = document.adoptedStyleSheets.filter((candidate) => candidate !== sheet);
        }
      };
      // A ticking clock may change the element between two measures, however slow the frames: the
      // themed measure counts only when the measures just before and just after it (without the
      // theme) agree, i.e. nothing ticked in between.
      let changes: string[] | null = null;
      for (let attempt = 0; attempt < 20 && changes === null; attempt++) {
        await frame();
        const before = measure(element);
        const themed = await withTheme(() => measure(element));
        await frame();
        if (differences(before, measure(element)).length === 0) changes = differences(before, themed);
      }
      expect(changes, `<${tag}> held still across a themed measure at least once in 20 tries`).to.not.equal(null);
      expect(changes, `<${tag}> changed under the theme`).to.deep.equal([]);
      const [box, display] = await withTheme(() => [element.getBoundingClientRect(), getComputedStyle(element).display] as const);
      expect(box.width > 0 && box.height > 0, `<${tag}> is visible (${box.width}×${box.height})`).to.equal(true);
      expect(display, `<${tag}> not hidden by :empty rules`).to.not.equal('none');
    });
  }
});
