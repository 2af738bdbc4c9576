// Renders the three restylings of docs/theming.md to docs/images/theming-<name>.png.
//
//   node scripts/theming-screenshots.mjs
//
// Serves the repo with @web/dev-server (TypeScript through esbuild, as demo/server.mjs does) on
// 127.0.0.1, writes a small product page per look into scripts/tmp/ (git-ignored), drives a show on
// it through the memory transport (no network), and screenshots the elements with playwright-core
// and Debian's Chromium. The merchant CSS of each look is the exact block shown in the doc.
import { mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, 'scripts/tmp/theming');
const images = join(root, 'docs/images');
mkdirSync(tmp, { recursive: true });
mkdirSync(images, { recursive: true });

/** The merchant CSS of each look: the code blocks between the markers in docs/theming.md. */
function lookCss(name) {
  const doc = readFileSync(join(root, 'docs/theming.md'), 'utf8');
  const match = new RegExp(`<!-- look:${name} -->\\s*\`\`\`css\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/theming.md has no css block after <!-- look:${name} -->`);
  return match[1];
}

const LOOKS = [
  { name: 'boutique', lang: 'en', dir: 'ltr', presets: [] },
  { name: 'flash-sale', lang: 'en', dir: 'ltr', presets: [] },
  { name: 'dark-rtl', lang: 'ar', dir: 'rtl', presets: ['/src/themes/dark.css'], theme: 'dark' },
];

const TEXT = {
  en: {
    title: 'Spring sale',
    perk: 'Silk scarf −30%',
    prompt: 'Type 1 to get it',
    announce: 'Type 1 if you want the scarf!',
    product: 'Silk scarf, hand-rolled edges',
    question: 'Which fabric breathes best?',
    options: ['Linen', 'Polyester', 'Nylon'],
    chat: [['Mina', 'Is it real silk?'], ['Omar', 'Love the colour 😍'], ['Lena', 'Does it come in blue?'], ['Sam', '1']],
  },
  ar: {
    title: 'تخفيضات الربيع',
    perk: 'وشاح حرير −٣٠٪',
    prompt: 'اكتب 1 للحصول عليه',
    announce: 'اكتبوا 1 إن أردتم الوشاح!',
    product: 'وشاح حرير بحواف ملفوفة يدويًا',
    question: 'أي قماش هو الأكثر تهوية؟',
    options: ['الكتان', 'البوليستر', 'النايلون'],
    chat: [['منى', 'هل هو حرير طبيعي؟'], ['عمر', 'اللون رائع 😍'], ['ليلى', 'هل يتوفر بالأزرق؟'], ['سامي', '1']],
  },
};

function page(look) {
  const links = [...look.presets, `/scripts/tmp/theming/${look.name}.css`].map((href) => `<link rel="stylesheet" href="${href}">`).join('\n    ');
  return `<!doctype html>
<html lang="${look.lang}" dir="${look.dir}"${look.theme ? ` data-linger-theme="${look.theme}"` : ''}>
  <head>
    <meta charset="utf-8">
    <script>window.process = { env: { NODE_ENV: 'production' } };</script>
    ${links}
    <link rel="stylesheet" href="/scripts/tmp/theming/page.css">
  </head>
  <body>
    <main class="stage">
      <linger-room id="room" hosts="host-1" channel="spring">
        <div class="video">
          <linger-player src="/test/fixtures/media/clip.mp4"></linger-player>
          <linger-overlay class="over-video" hide-composer></linger-overlay>
        </div>
        <aside class="side">
          <linger-product></linger-product>
          <linger-countdown></linger-countdown>
          <linger-quiz></linger-quiz>
        </aside>
      </linger-room>
    </main>
    <script type="module" src="/scripts/tmp/theming/${look.name}.ts"></script>
  </body>
</html>`;
}

function script(look) {
  const t = TEXT[look.lang];
  return `import '/src/elements/room/linger-room.ts';
import '/src/elements/player/linger-player.ts';
import '/src/elements/overlay/linger-overlay.ts';
import '/src/elements/product/linger-product.ts';
import '/src/elements/countdown/linger-countdown.ts';
import '/src/elements/quiz/linger-quiz.ts';
import { MemoryNetwork } from '/src/transports/memory.ts';
import { RoomSession } from '/src/core/session.ts';

const t = ${JSON.stringify(t)};
const network = new MemoryNetwork();
const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
await host.connect();
const room = document.getElementById('room');
room.customTransport = network.connect('viewer-1');
const product = document.querySelector('linger-product');
product.cart = 'event';
await new Promise((done) => { const wait = () => (room.session?.state.epoch ? done() : setTimeout(wait, 20)); wait(); });
host.act('show', { phase: 'live', title: t.title });
host.act('schedule', { perks: [{ id: 'p1', kind: 'flash', at: host.clock.now() + 4 * 60_000 + 12_000, lead: 300, prompt: t.prompt, title: t.perk }] });
host.act('announce', { text: t.announce, kind: 'perk-prompt' });
host.act('pin', { product: { id: 'scarf', title: t.product, price: '49.00', currency: 'USD', image: location.origin + '/test/theming/scarf.svg', url: location.origin + '/products/scarf', stock: 12 }, remaining: 12 });
await host.askQuiz({ id: 'q1', question: t.question, options: t.options, correct: 0, seconds: 45 });
for (const [name, text] of t.chat) host.chat(text, { name });
room.session.like(128);
window.ready = true;
`;
}

const PAGE_CSS = `
  body { margin: 0; padding: 24px; }
  .stage { display: grid; grid-template-columns: 360px 360px; gap: 24px; align-items: start; inline-size: max-content; padding: 16px; }
  /* A vertical live stream, the usual shape in live commerce, with the overlay over its lower part. */
  .video { position: relative; --linger-player-aspect-ratio: 9 / 16; --linger-player-fit: cover; }
  .over-video { position: absolute; inset-inline: 12px; inset-block-end: 60px; --linger-overlay-list-height: 130px; }
  .side { display: grid; gap: 16px; }
`;

const server = await startDevServer({
  config: {
    rootDir: root,
    hostname: '127.0.0.1',
    port: 0,
    nodeResolve: true,
    watch: false,
    plugins: [esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json'), target: 'es2022' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  autoExitProcess: false,
  logStartMessage: false,
});
const { port } = server.server.address();
writeFileSync(join(tmp, 'page.css'), PAGE_CSS);

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
try {
  for (const look of LOOKS) {
    writeFileSync(join(tmp, `${look.name}.css`), lookCss(look.name));
    writeFileSync(join(tmp, `${look.name}.html`), page(look));
    writeFileSync(join(tmp, `${look.name}.ts`), script(look));
    const tab = await browser.newPage({ viewport: { width: 1000, height: 820 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    tab.on('pageerror', (error) => console.error(`[${look.name}]`, error.message));
    // Nothing beyond loopback.
    await tab.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await tab.goto(`http://127.0.0.1:${port}/scripts/tmp/theming/${look.name}.html`);
    await tab.waitForFunction(() => window.ready === true, null, { timeout: 20_000 });
    await tab.waitForFunction(() => {
      const shadow = (tag) => document.querySelector(tag)?.shadowRoot;
      const video = shadow('linger-player')?.querySelector('video');
      return video && video.readyState >= 2 && shadow('linger-quiz')?.querySelector('[part~=option]') && shadow('linger-overlay')?.querySelectorAll('[part~=comment]').length >= 4;
    }, null, { timeout: 20_000 });
    // A still frame: the clip paused a second in.
    await tab.evaluate(async () => {
      const video = document.querySelector('linger-player').shadowRoot.querySelector('video');
      video.pause();
      video.currentTime = 1;
      await new Promise((done) => video.addEventListener('seeked', done, { once: true }));
    });
    await tab.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    });
    const file = join(images, `theming-${look.name}.png`);
    await tab.locator('.stage').screenshot({ path: file });
    console.log(`${file.slice(root.length + 1)}  ${Math.round(statSync(file).size / 1024)} KB`);
    await tab.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
