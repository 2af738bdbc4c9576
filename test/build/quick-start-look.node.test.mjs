// The default look of the README's quick start (issue 14), with the CDN build, on a white page and a
// dark page, in English and Arabic (and Thai and Chinese on a white page), at 390 px: no theme file.
// Checked without depending on installed fonts — axe's colour contrast (in shadow roots too),
// computed colours (focus rings against what they are drawn on), geometry (nothing wider than the
// column, the empty comment area says so in its middle, right-to-left text starting at the right) —
// and a full-page PNG per case, for a person to look at (LINGER_SCREENSHOTS, else the temp folder).
// Builds dist/ first (node test files run one at a time: see scripts/test.mjs).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { PAGE_COLOURS, quickStart, root, storefront } from '../helpers/quick-start.mjs';

// axe-core comes with @open-wc/testing (chai-a11y-axe), which the browser tests use too.
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = process.env.LINGER_SCREENSHOTS || join(tmpdir(), 'linger-quick-start');
const { script, markup } = await quickStart();

/** What the host says, in the page's language: titles, prompt, prize, question, options. */
const TEXTS = {
  en: { title: 'Flash deal: linen −30%', prompt: 'Type 1 if you want the scarf', prize: 'Silk scarf', question: 'How many momme is this silk?', options: ['8 momme', '19 momme', '22 momme'], announcement: 'Welcome everyone!', product: 'Linen shirt', comment: 'Is the blue one in stock?' },
  ar: { title: 'عرض سريع: خصم 30٪ على الكتان', prompt: 'اكتب 1 إذا أردت الوشاح', prize: 'وشاح حرير', question: 'كم مومي هذا الحرير؟', options: ['8 مومي', '19 مومي', '22 مومي'], announcement: 'أهلاً بالجميع!', product: 'قميص كتان', comment: 'هل الأزرق متوفر؟' },
  th: { title: 'ดีลด่วน ลด 30%', prompt: 'พิมพ์ 1 ถ้าต้องการผ้าพันคอ', prize: 'ผ้าพันคอไหม', question: 'ผ้าไหมนี้กี่มอมเม่?', options: ['8 มอมเม่', '19 มอมเม่', '22 มอมเม่'], announcement: 'ยินดีต้อนรับทุกคน!', product: 'เสื้อลินิน', comment: 'สีฟ้ายังมีไหม' },
  zh: { title: '闪购：亚麻七折', prompt: '想要围巾请输入 1', prize: '真丝围巾', question: '这块真丝是多少姆米？', options: ['8 姆米', '19 姆米', '22 姆米'], announcement: '欢迎大家！', product: '亚麻衬衫', comment: '蓝色有货吗？' },
};
const POSTER = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#d6c7b0"/><circle cx="80" cy="45" r="24" fill="#8a6d4b"/></svg>';
const CASES = [
  ['en', 'white'],
  ['en', 'dark'],
  ['ar', 'white'],
  ['ar', 'dark'],
  ['th', 'white'],
  ['zh', 'white'],
];

before(async () => {
  execSync('npm run build', { cwd: root, stdio: 'ignore' });
  await mkdir(shots, { recursive: true });
}, { timeout: 180_000 });

/** In the page: colour helpers (parse, composite, WCAG contrast) and the flat-tree backdrop of a node. */
function installColourTools() {
  const parse = (color) => {
    const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(color);
    if (srgb) return [srgb[1] * 255, srgb[2] * 255, srgb[3] * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
    const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/.exec(color);
    if (!rgb) throw new Error(`unparsed colour ${color}`);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const luminance = ([r, g, b]) => {
    const channel = (value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const flatParent = (node) => node.assignedSlot ?? node.parentElement ?? (node.getRootNode() instanceof ShadowRoot ? node.getRootNode().host : null);
  /** Backgrounds from `node` up, composited over the page's. */
  const backdrop = (node) => {
    const layers = [];
    for (let at = node; at; at = flatParent(at)) {
      const layer = parse(getComputedStyle(at).backgroundColor);
      if (layer[3] > 0) layers.push(layer);
      if (layer[3] >= 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  window.__colours = { parse, over, contrast, flatParent, backdrop };
}

async function axeContrast(tab) {
  return tab.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['color-contrast'] });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${node.target.join(' ')}: ${node.any.map((check) => check.message).join('; ')}`));
  });
}

for (const [lang, pageKind] of CASES) {
  test(`quick start, ${lang}, ${pageKind} page: AA contrast, visible focus rings, nothing wider than the column`, { timeout: 120_000 }, async (t) => {
    const texts = TEXTS[lang];
    // The quick start, plus the overlay as danmaku (made to fly over the video) left on the page.
    const viewer = storefront({ script, body: markup.replace('</linger-room>', '  <linger-overlay variant="danmaku"></linger-overlay>\n</linger-room>'), lang, page: pageKind });
    const host = storefront({ script, body: '<linger-room channel="spring-sale" hosts="host-1" user-id="host-1"></linger-room>', lang, page: pageKind });
    const server = createServer(async (request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
      if (path === '/poster.jpg') return response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(POSTER);
      if (path === '/' || path === '/host') return response.writeHead(200, { 'content-type': 'text/html' }).end(path === '/' ? viewer : host);
      const body = path.startsWith('/dist/') ? await readFile(join(root, path)).catch(() => null) : null;
      if (body === null) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: pageKind === 'dark' ? 'dark' : 'light' });
      const tab = await context.newPage();
      const errors = [];
      tab.on('pageerror', (error) => errors.push(String(error)));
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => document.querySelector('linger-room').session?.$status.get() === 'connected');
      const overlaysDrawn = () => [...document.querySelectorAll('linger-overlay')].every((overlay) => overlay.shadowRoot?.querySelector('[part~=phase]:not(linger-connection-status)') && overlay.shadowRoot.querySelector('[part=empty]'));
      await tab.waitForFunction(overlaysDrawn);
      await tab.addScriptTag({ content: axeSource });
      await tab.evaluate(installColourTools);

      // Before the show: each overlay says there are no comments yet, in the middle of its comment
      // area (the panel's framed), readable on the page.
      assert.deepEqual(await axeContrast(tab), [], 'axe color-contrast, before the show');
      const empties = await tab.evaluate(() =>
        [...document.querySelectorAll('linger-overlay')].map((overlay) => {
          const shadow = overlay.shadowRoot;
          const [area, message] = [shadow.querySelector('[part=comments]'), shadow.querySelector('[part=empty]')];
          const [a, m] = [area.getBoundingClientRect(), message.getBoundingClientRect()];
          const { parse, over, contrast, backdrop } = window.__colours;
          const behind = backdrop(message);
          return { variant: overlay.getAttribute('variant') ?? 'panel', offCentre: Math.abs((a.top + a.bottom) / 2 - (m.top + m.bottom) / 2), frame: getComputedStyle(area).borderTopStyle, ratio: contrast(over(parse(getComputedStyle(message).color), behind), behind) };
        }),
      );
      assert.deepEqual(empties.map((empty) => empty.variant), ['panel', 'danmaku']);
      for (const empty of empties) {
        assert.ok(empty.offCentre < 4, `${empty.variant}: the empty message sits in the middle of the comment area (${empty.offCentre} px off)`);
        assert.ok(empty.ratio >= 4.5, `${empty.variant}: "No comments yet" contrast ${empty.ratio.toFixed(2)}:1`);
      }
      assert.equal(empties[0].frame, 'dashed', 'the empty panel is framed, not a blank gap');

      // The show: a perk about to drop (its prompt), a giveaway, a quiz, a pinned product, a comment.
      const hostTab = await context.newPage();
      await hostTab.goto(`${origin}/host`);
      await hostTab.waitForFunction(() => document.querySelector('linger-room').session?.$status.get() === 'connected');
      await hostTab.evaluate(async (texts) => {
        const session = document.querySelector('linger-room').session;
        const now = session.clock.now();
        session.act('show', { phase: 'live', title: 'Spring sale' });
        session.act('schedule', { perks: [{ id: 'p1', kind: 'flash', at: now + 300_000, lead: 600, prompt: texts.prompt, title: texts.title }] });
        await session.openLottery({ id: 'l1', mode: 'keyword', keyword: 'WIN', prize: texts.prize, winners: 1, seconds: 3600 });
        await session.askQuiz({ id: 'q1', question: texts.question, options: texts.options, correct: 1, seconds: 3600 });
        session.act('announce', { text: texts.announcement, kind: 'info' });
        session.act('pin', { product: { id: 'sku1', title: texts.product, price: '39.00', currency: 'USD', url: 'https://shop.example/linen' }, remaining: 12 });
        session.chat(texts.comment, { name: 'Host' });
      }, texts);
      await tab.waitForFunction(() => {
        const part = (tag, name) => document.querySelector(tag).shadowRoot?.querySelector(`[part~="${name}"]`);
        const overlays = [...document.querySelectorAll('linger-overlay')];
        return part('linger-countdown', 'prompt') && part('linger-lottery', 'prize') && part('linger-quiz', 'option') && part('linger-product', 'title') && overlays.every((overlay) => overlay.shadowRoot.querySelector('[part=pinned]') && overlay.shadowRoot.querySelector('[part=comment]'));
      });
      await tab.evaluate(() => Promise.all([...document.querySelectorAll('linger-room *')].map((element) => element.updateComplete)));
      assert.deepEqual(await axeContrast(tab), [], 'axe color-contrast, during the show');
      // axe cannot judge text over the poster or the video (an image): the player's texts must carry
      // their own scrim, readable over the brightest frame (white).
      const overVideo = await tab.evaluate(() => {
        const { parse, over, contrast } = window.__colours;
        const shadow = document.querySelector('linger-player').shadowRoot;
        return [...shadow.querySelectorAll('[part=status], [part=message] > span:not(.spinner)')]
          .filter((node) => node.textContent.trim())
          .map((node) => {
            let behind = [255, 255, 255, 1];
            const layers = [];
            for (let at = node; at && !at.matches('[part~=base]'); at = at.parentElement) layers.push(parse(getComputedStyle(at).backgroundColor));
            for (const layer of layers.reverse()) behind = over(layer, behind);
            return [node.textContent.trim(), contrast(over(parse(getComputedStyle(node).color), behind), behind)];
          });
      });
      assert.ok(overVideo.length > 0, 'the player shows a status or a message');
      for (const [text, ratio] of overVideo) assert.ok(ratio >= 4.5, `player "${text}" over a white frame: ${ratio.toFixed(2)}:1`);

      const layout = await tab.evaluate(() => {
        const part = (tag, name) => document.querySelector(tag).shadowRoot.querySelector(`[part~="${name}"]`);
        const main = document.querySelector('main').getBoundingClientRect();
        const outside = [...document.querySelectorAll('linger-room *')]
          .map((element) => [element.localName, element.getBoundingClientRect()])
          .filter(([, box]) => box.left < main.left + 15 - 0.5 || box.right > main.right - 15 + 0.5)
          .map(([name]) => name);
        // Where each host-written text starts: at its box's left (ltr) or right (rtl) edge.
        const starts = {};
        for (const [tag, name] of [['linger-countdown', 'title'], ['linger-countdown', 'prompt'], ['linger-quiz', 'question'], ['linger-quiz', 'option-label'], ['linger-product', 'title'], ['linger-overlay', 'announcement-text']]) {
          const node = part(tag, name);
          const range = document.createRange();
          range.selectNodeContents(node);
          const [text, box] = [range.getBoundingClientRect(), node.getBoundingClientRect()];
          starts[`${tag} ${name}`] = { dir: node.matches(':dir(rtl)') ? 'rtl' : 'ltr', left: text.left - box.left, right: box.right - text.right };
        }
        // The prompt's pulse: nothing in it changes colour or opacity (its contrast holds throughout).
        const pulse = part('linger-countdown', 'prompt')
          .getAnimations()
          .flatMap((animation) => animation.effect.getKeyframes().flatMap((frame) => Object.keys(frame)))
          .filter((key) => !['offset', 'computedOffset', 'easing', 'composite', 'transform'].includes(key));
        return { scroll: document.scrollingElement.scrollWidth - innerWidth, outside, starts, pulse };
      });
      assert.equal(layout.scroll, 0, 'no horizontal scroll at 390 px');
      assert.deepEqual(layout.outside, [], 'every element inside the product column');
      assert.deepEqual(layout.pulse, [], 'the prompt pulses without changing colour or opacity');
      for (const [name, start] of Object.entries(layout.starts)) {
        const rtl = lang === 'ar';
        assert.equal(start.dir, rtl ? 'rtl' : 'ltr', `${name}: direction`);
        assert.ok((rtl ? start.right : start.left) < 1, `${name} starts at the ${rtl ? 'right' : 'left'} (${JSON.stringify(start)})`);
      }

      // Focus rings: every control the keyboard reaches shows a ring that stands out (≥ 3:1) from
      // what it is drawn on.
      const rings = new Map();
      await tab.evaluate(() => document.activeElement?.blur());
      for (let press = 0; press < 40; press++) {
        await tab.keyboard.press('Tab');
        const ring = await tab.evaluate(() => {
          let focused = document.activeElement;
          while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
          if (!focused || focused === document.body) return null;
          const host = focused.getRootNode().host;
          if (!host?.localName.startsWith('linger-')) return null;
          const { parse, contrast, flatParent, backdrop } = window.__colours;
          const ringOf = (node) => {
            const style = getComputedStyle(node);
            const tones = [];
            if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) tones.push(parse(style.outlineColor));
            for (const color of style.boxShadow.match(/rgba?\([^)]*\)|color\([^)]*\)/g) ?? []) tones.push(parse(color));
            return tones;
          };
          // The control's own ring, or its field's (the composer rings its input: :focus-within).
          let ringed = focused;
          for (let up = 0; ringed && ringOf(ringed).length === 0 && up < 3; up++) ringed = flatParent(ringed);
          const tones = ringed ? ringOf(ringed) : [];
          // A ring is drawn outside the box, on the parent's background.
          const behind = backdrop(flatParent(ringed ?? focused));
          const name = `${host.localName} [part=${focused.getAttribute('part') ?? focused.localName}]`;
          return { name, best: Math.max(0, ...tones.filter((tone) => tone[3] >= 1).map((tone) => contrast(tone, behind))) };
        });
        if (ring) rings.set(ring.name, Math.min(ring.best, rings.get(ring.name) ?? Infinity));
      }
      assert.ok(rings.size >= 8, `the keyboard reaches the controls (${[...rings.keys()].join(', ')})`);
      for (const [name, best] of rings) assert.ok(best >= 3, `${name}: focus ring ${best.toFixed(2)}:1 against its backdrop`);

      assert.deepEqual(errors, [], 'no page errors');
      const file = join(shots, `quick-start-${lang}-${pageKind}.png`);
      await tab.evaluate(() => document.activeElement?.blur());
      await tab.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      t.diagnostic(`${file} (page ${PAGE_COLOURS[pageKind].background})`);
    } finally {
      await browser.close();
      server.close();
    }
  });
}
