// The Shopify theme app extension (integrations/shopify/extensions/linger): Shopify's own theme-check passes on it and
// catches a broken copy; every block renders (liquidjs) the element's real attributes from the
// merchant's settings, escaped; and a page assembled from the rendered embed and blocks runs the
// CDN build in Chromium, the blocks finding the embed's room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { blockSchema, decodeEntities, ensureShopifyAssets, describeOffenses, extensionDir, findTags, renderBlock, root, shopContext, themeCheck } from './shopify-helpers.mjs';

const BLOCKS = ['linger-player', 'linger-overlay', 'linger-countdown', 'linger-lottery', 'linger-quiz', 'linger-vote', 'linger-product'];
const HOSTILE = ['"><script>alert(1)</script>', '" onmouseover="x'];

/** The attributes each tag declares in custom-elements.json (the JSDoc `@attr` of its class). */
const declaredAttributes = (() => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const byTag = new Map();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName) byTag.set(declaration.tagName, new Set((declaration.attributes ?? []).map((attribute) => attribute.name)));
    }
  }
  return byTag;
})();
/** Written by the blocks beside the elements' own attributes: the embed room's id, the product's data. */
const GLUE_ATTRIBUTES = new Set(['id', 'data-products', 'data-linger-defer']);

const sampleProduct = {
  id: 8123456789,
  title: 'Linen shirt',
  url: '/products/linen-shirt',
  featured_image: { src: 'shirt.jpg' },
  selected_or_first_available_variant: { id: 4242, price: 4990, available: true },
};

test('theme-check: the extension passes with app-extension rules', async () => {
  const { offenses, context, files } = await themeCheck(extensionDir);
  assert.equal(context, 'app', 'shopify.extension.toml selects the theme-app-extension rules');
  for (const block of ['linger-embed', ...BLOCKS]) {
    assert.ok(files.some((file) => file.endsWith(`/blocks/${block}.liquid`)), `theme-check read blocks/${block}.liquid`);
  }
  const serious = offenses.filter((offense) => offense.severity <= 1);
  assert.equal(serious.length, 0, `theme-check errors/warnings:\n${describeOffenses(offenses)}`);
});

test('theme-check: a broken copy of the extension is reported', async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'linger-shopify-broken-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const broken = join(scratch, 'shopify');
  cpSync(extensionDir, broken, { recursive: true });
  // Bundled JavaScript over the 10,000-byte app-block limit, a parser-blocking script, an unknown
  // translation key, and a block without a schema.
  writeFileSync(join(broken, 'assets', 'bundle.js'), `/* ${'x'.repeat(12_000)} */`);
  writeFileSync(
    join(broken, 'blocks', 'bad.liquid'),
    `<script src="{{ 'bundle.js' | asset_url }}"></script>\n{% schema %}\n{"name":"t:blocks.missing.name","target":"section","javascript":"bundle.js","settings":[]}\n{% endschema %}\n`,
  );
  writeFileSync(join(broken, 'blocks', 'no-schema.liquid'), '<linger-quiz></linger-quiz>\n');
  const { offenses } = await themeCheck(broken);
  const found = new Set(offenses.filter((offense) => offense.severity === 0).map((offense) => offense.check));
  for (const check of ['AssetSizeAppBlockJavaScript', 'ParserBlockingScript', 'ValidSchemaTranslations', 'AppBlockMissingSchema']) {
    assert.ok(found.has(check), `${check} reported; got:\n${describeOffenses(offenses)}`);
  }
});

test('every block writes only attributes its element declares, one element per block', () => {
  // Defaults, and every optional attribute switched on.
  const everything = { poster: { src: 'poster.jpg' }, hide_composer: true, use_customer_name: true, product: sampleProduct };
  const context = shopContext({ customer: { first_name: 'Ana' } });
  for (const block of BLOCKS) {
    const tag = block; // blocks/linger-quiz.liquid renders <linger-quiz>
    for (const settings of [{}, everything]) {
      const html = renderBlock(block, settings, context);
      const elements = findTags(html, 'linger-[a-z-]+');
      assert.equal(findTags(html, tag).length, 1, `${block} renders one <${tag}>:\n${html}`);
      assert.equal(elements.length, 1, `${block} renders no other linger-* tag`);
      for (const name of Object.keys(elements[0])) {
        assert.ok(declaredAttributes.get(tag).has(name) || GLUE_ATTRIBUTES.has(name), `<${tag} ${name}> is not an attribute of ${tag} (custom-elements.json)`);
      }
    }
  }
});

test('the embed loads the autoloader from its own assets and configures the room from the merchant settings', () => {
  const html = renderBlock(
    'linger-embed',
    { channel: ' spring-sale ', hosts: 'host-1 host-2', app_id: '0123456789abcdef0123456789abcdef', token_url: '/apps/linger/token', webhook: 'https://collect.example/linger' },
    shopContext({ request: { locale: { iso_code: 'pt-BR' }, design_mode: false, origin: 'https://shop.example' } }),
  );
  const [script] = findTags(html, 'script');
  assert.ok(html.indexOf('<style id="linger-reserve">') < html.indexOf('<script'), 'the reserve rules come before the autoloader');
  assert.deepEqual(script, { type: 'module', src: '/assets/linger.js?v=123', defer: '' }, "the extension's linger.js through asset_url, a deferred module");
  const rooms = findTags(html, 'linger-room');
  assert.equal(rooms.length, 1);
  assert.deepEqual(rooms[0], {
    id: 'linger-room',
    'data-linger-defer': '',
    channel: 'spring-sale',
    hosts: 'host-1 host-2',
    'app-id': '0123456789abcdef0123456789abcdef',
    'token-url': '/apps/linger/token',
    webhook: 'https://collect.example/linger',
    locale: 'pt-BR',
    'money-format': '€{{amount_with_comma_separator}}',
    consent: 'shopify',
    'shopify-events': '',
  });
  const noPixels = renderBlock('linger-embed', { channel: 'c', shopify_events: false });
  assert.equal(findTags(noPixels, 'linger-room')[0]['shopify-events'], undefined, 'web-pixel events can be turned off');
  for (const name of Object.keys(rooms[0])) assert.ok(declaredAttributes.get('linger-room').has(name) || GLUE_ATTRIBUTES.has(name), `linger-room ${name}`);
  assert.doesNotMatch(html, /linger-setup-hint/, 'no editor hint once a channel is set');

  const chosen = renderBlock('linger-embed', { channel: 'c', locale: 'ar', script_url: 'https://evil.example/x.js' });
  assert.equal(findTags(chosen, 'script')[0].src, '/assets/linger.js?v=123', 'no setting replaces the script');
  assert.equal(findTags(chosen, 'linger-room')[0].locale, 'ar', 'a chosen language overrides the storefront language');
  const settings = blockSchema('linger-embed').settings.filter((setting) => setting.id);
  assert.deepEqual(settings.filter((setting) => /script|src|url$/.test(setting.id) && setting.id !== 'token_url'), [], 'no script URL setting in the theme editor');
  assert.doesNotMatch(readFileSync(join(extensionDir, 'blocks', 'linger-embed.liquid'), 'utf8'), /https?:\/\/(?!shopify\.dev)/, 'no third-party URL in the embed');
});

test("the embed reserves every block's box inline, exactly the autoloader's rules (src/cdn/reserve.ts)", async () => {
  // The embed renders in <body>, where `blocking="render"` does nothing: the rules must be in the page.
  const { outputFiles } = await build({ entryPoints: [join(root, 'src/cdn/reserve.ts')], bundle: true, write: false, format: 'esm' });
  const { reserveCss } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
  assert.match(reserveCss, /linger-overlay:not\(:defined\)\)\{min-block-size:308px\}/, 'the premise: the autoloader reserves the overlay');
  for (const context of [shopContext(), shopContext({ request: { locale: { iso_code: 'en' }, design_mode: true, origin: 'https://shop.example' } })]) {
    const html = renderBlock('linger-embed', { channel: 'c' }, context);
    const styles = [...html.matchAll(/<style id="linger-reserve">([^<]*)<\/style>/g)].map((match) => match[1]);
    assert.deepEqual(styles, [reserveCss], 'one inline <style>, the same rules as src/cdn/reserve.ts');
  }
  assert.deepEqual([...renderBlock('linger-embed', {}).matchAll(/<style id="linger-reserve">/g)].length, 1, 'also without a channel (the blocks still draw)');
});

test("the shop's money format reaches the product, the overlay and the embed's room, escaped", () => {
  const rupees = shopContext({ shop: { name: 'Shop', money_format: 'Rs. {{amount}}' } });
  assert.equal(findTags(renderBlock('linger-product', {}, rupees), 'linger-product')[0]['money-format'], 'Rs. {{amount}}');
  assert.equal(findTags(renderBlock('linger-overlay', {}, rupees), 'linger-overlay')[0]['money-format'], 'Rs. {{amount}}');
  assert.equal(findTags(renderBlock('linger-embed', { channel: 'c' }, rupees), 'linger-room')[0]['money-format'], 'Rs. {{amount}}');
  // Shopify lets a merchant put markup in the format ("<span class=money>…"); it stays one attribute value.
  const markup = '<span class="money">Rs. {{amount}}</span>" onmouseover="x';
  const hostile = shopContext({ shop: { name: 'Shop', money_format: markup } });
  for (const [block, tag] of [['linger-product', 'linger-product'], ['linger-overlay', 'linger-overlay'], ['linger-embed', 'linger-room']]) {
    const html = renderBlock(block, { channel: 'c' }, hostile);
    assert.ok(!html.includes(markup) && !html.includes('<span'), `${block}: the format is escaped`);
    const [element, ...others] = findTags(html, tag);
    assert.equal(others.length, 0);
    assert.equal(element['money-format'], markup, `${block}: the format survives as the attribute's text`);
    assert.ok(!('onmouseover' in element), `${block}: no injected attribute`);
  }
  const none = shopContext({ shop: { name: 'Shop' } });
  assert.ok(!('money-format' in findTags(renderBlock('linger-product', {}, none), 'linger-product')[0]), 'no format: no attribute (Intl in the page language)');
});

test('the embed tells the merchant in the theme editor when the channel is missing', () => {
  const editor = shopContext({ request: { locale: { iso_code: 'en' }, design_mode: true, origin: 'https://shop.example' } });
  assert.match(renderBlock('linger-embed', {}, editor), /<p class="linger-setup-hint"[^>]*>Linger: enter the show's channel/);
  assert.doesNotMatch(renderBlock('linger-embed', {}, shopContext()), /linger-setup-hint/, 'never on the live storefront');
});

test('the element blocks map their settings to attributes', () => {
  const player = findTags(renderBlock('linger-player', { src: 'https://video.example/replay.m3u8', poster: { src: 'poster.jpg' }, latency: 'low', room: 'show-2' }), 'linger-player')[0];
  assert.deepEqual(player, { room: 'show-2', src: 'https://video.example/replay.m3u8', poster: '//cdn.shopify.example/files/poster.jpg?width=1600', latency: 'low' });

  const customer = shopContext({ customer: { first_name: 'Ana' } });
  const overlay = findTags(renderBlock('linger-overlay', { variant: 'danmaku', max_length: 200, hide_composer: true, use_customer_name: true }, customer), 'linger-overlay')[0];
  assert.deepEqual(overlay, { room: '', 'money-format': '€{{amount_with_comma_separator}}', variant: 'danmaku', 'max-length': '200', name: 'Ana', 'hide-composer': '' });
  const anonymous = findTags(renderBlock('linger-overlay', { use_customer_name: false }, customer), 'linger-overlay')[0];
  assert.equal(anonymous.name, '', "the customer's name is shared only when the merchant opts in");
  assert.ok(!('hide-composer' in anonymous), 'the composer shows by default');

  const countdown = findTags(renderBlock('linger-countdown', { next_show: '2025-06-06T19:00:00+08:00', next_show_title: 'Friday drop', drop_seconds: 60 }), 'linger-countdown')[0];
  assert.deepEqual(countdown, { room: '', 'next-show': '2025-06-06T19:00:00+08:00', 'next-show-title': 'Friday drop', 'drop-seconds': '60' });

  assert.deepEqual(findTags(renderBlock('linger-lottery', { room: 'r' }), 'linger-lottery'), [{ room: 'r' }]);
  assert.deepEqual(findTags(renderBlock('linger-quiz', {}), 'linger-quiz'), [{ room: '' }]);
});

test('the product block passes the chosen product, else the page product, else nothing (the host pin)', () => {
  const withoutImage = {
    id: '8123456789',
    title: 'Linen shirt',
    price: '49.9',
    currency: 'EUR',
    variantId: '4242',
    url: 'https://shop.example/products/linen-shirt',
    soldOut: false,
  };
  // image_url gives a protocol-relative URL; the product schema wants http(s).
  const expected = { ...withoutImage, image: 'https://cdn.shopify.example/files/shirt.jpg?width=400' };
  const chosen = findTags(renderBlock('linger-product', { product: sampleProduct, cart: 'event' }), 'linger-product')[0];
  assert.equal(chosen.cart, 'event');
  assert.deepEqual(JSON.parse(chosen['data-products']), [expected]);

  const soldOutPage = { ...sampleProduct, featured_image: null, selected_or_first_available_variant: { id: 7, price: 1000, available: false } };
  const fromPage = findTags(renderBlock('linger-product', {}, shopContext({ product: soldOutPage })), 'linger-product')[0];
  assert.deepEqual(JSON.parse(fromPage['data-products']), [{ ...withoutImage, price: '10', variantId: '7', soldOut: true }], 'on a product page the page product fills in');

  const pinned = findTags(renderBlock('linger-product', {}), 'linger-product')[0];
  assert.ok(!('data-products' in pinned), 'no product: the element shows what the host pins');
});

test('hostile setting values come out escaped in every block', () => {
  for (const block of ['linger-embed', ...BLOCKS]) {
    for (const payload of HOSTILE) {
      const settings = { ...Object.fromEntries(textSettingIds(block).map((id) => [id, payload])), use_customer_name: true };
      const context = shopContext({
        product: { ...sampleProduct, title: payload, url: `/products/${payload}` },
        customer: { first_name: payload },
        request: { locale: { iso_code: payload }, design_mode: false, origin: 'https://shop.example' },
      });
      const html = renderBlock(block, settings, context);
      assert.ok(!html.includes(payload), `${block}: "${payload}" appears unescaped:\n${html}`);
      assert.equal((html.match(/<script\b/g) ?? []).length, block === 'linger-embed' ? 2 : 0, `${block}: no injected <script> (the embed has the autoloader and its browser-key script)`);
      const [element, ...others] = findTags(html, 'linger-[a-z-]+');
      assert.equal(others.length, 0, `${block}: no injected element`);
      assert.ok(!('onmouseover' in element), `${block}: no injected attribute`);
      assert.ok(Object.values(element).some((value) => value.includes(payload)), `${block}: the hostile value survives as text in an attribute`);
    }
  }
  const product = findTags(renderBlock('linger-product', {}, shopContext({ product: { ...sampleProduct, title: HOSTILE[0] } })), 'linger-product')[0];
  assert.equal(JSON.parse(product['data-products'])[0].title, HOSTILE[0], 'the product title round-trips through JSON and the attribute');
});

/** Ids of the block's free-text settings. */
function textSettingIds(block) {
  return blockSchema(block).settings.filter((setting) => setting.type === 'text').map((setting) => setting.id);
}

// ---------------------------------------------------------------------------------------------
// The assembled storefront in Chromium.

const CONTENT_TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json' };

/**
 * A copy of the extension's assets (in `scratch`): the hand-written ones and the flat build
 * `npm run build:shopify` writes there, so another engineer's rebuild cannot pull them away mid-test.
 */
function assetsCopy(scratch) {
  ensureShopifyAssets();
  const copy = join(scratch, 'assets');
  cpSync(join(extensionDir, 'assets'), copy, { recursive: true });
  return copy;
}

const MONEY_FORMAT = '<span class="money">Rs. {{amount}}</span>';

/** The page Shopify would serve: block assets in the head, blocks in a section, the embed at the end of body. */
function storefrontPage(origin) {
  // No images: the stub image CDN is not on this machine.
  const context = shopContext({
    product: { ...sampleProduct, featured_image: null },
    request: { locale: { iso_code: 'pt-BR' }, design_mode: false, origin },
    // A shop's format with markup in it, as Shopify allows: it must reach the elements as text.
    shop: { name: 'Shop', money_format: MONEY_FORMAT },
  });
  const blocks = {
    'linger-player': { latency: 'low' },
    'linger-overlay': { variant: 'list' },
    'linger-countdown': { next_show: new Date(Date.now() + 3 * 86_400_000).toISOString(), next_show_title: HOSTILE[0] },
    'linger-lottery': {},
    'linger-quiz': {},
    'linger-vote': {},
    'linger-product': { cart: 'event' },
  };
  const section = Object.entries(blocks)
    .map(([block, settings]) => `<div class="shopify-app-block">${renderBlock(block, settings, context)}</div>`)
    .join('\n');
  const embed = renderBlock('linger-embed', { channel: 'shopify-e2e', hosts: 'boss' }, context);
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Shop</title>
<script>window.Shopify = { currency: { active: 'EUR' }, routes: { root: '/' } };</script>
<script src="/assets/linger-product-data.js?v=123" defer></script></head>
<body><main><section class="shopify-section">${section}</section></main>${embed}</body></html>`;
}

/** The host's page (same browser, so BroadcastChannel carries the show) with its own room. */
const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="/assets/linger.js?v=1"></script></head>
<body><linger-room channel="shopify-e2e" hosts="boss" user-id="boss"></linger-room></body></html>`;

function startServer(assets) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const origin = `http://${request.headers.host}`;
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(storefrontPage(origin));
    if (path === '/host') return response.writeHead(200, { 'content-type': 'text/html' }).end(hostPage);
    const file = path.startsWith('/assets/') ? join(assets, path.slice('/assets/'.length)) : null;
    if (!file) return response.writeHead(404).end();
    const body = await readFile(file).catch(() => null);
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('the assembled storefront defines and renders every block against the embed room', { timeout: 60_000 }, async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'linger-shopify-cdn-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const server = await startServer(assetsCopy(scratch));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: BROWSER_ARGS });
  try {
    const context = await browser.newContext();
    const requested = [];
    const errors = [];
    context.on('request', (request) => requested.push(request.url()));
    const shop = await context.newPage();
    shop.on('pageerror', (error) => errors.push(String(error)));
    shop.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`); // an injected alert(1) ran
      void dialog.dismiss();
    });
    await shop.goto(`${origin}/`);

    const tags = ['linger-room', ...BLOCKS];
    await shop.waitForFunction((names) => names.every((name) => customElements.get(name)), tags);
    await shop.waitForFunction(() => document.querySelector('linger-room').session?.$status.get() === 'connected');
    const room = await shop.evaluate(() => {
      const element = document.querySelector('linger-room');
      return { locale: element.locale, consent: element.consent, channel: element.channel, rooms: document.querySelectorAll('linger-room').length };
    });
    assert.deepEqual(room, { locale: 'pt-BR', consent: 'shopify', channel: 'shopify-e2e', rooms: 1 }, 'the embed room, with the storefront language and Shopify consent');

    // What each block shows without a show running.
    await shop.waitForFunction(() => {
      const shadow = (tag) => document.querySelector(tag)?.shadowRoot;
      return (
        shadow('linger-player')?.querySelector('[part~="base"]') &&
        shadow('linger-overlay')?.querySelector('[part~="composer"] [part~="input"], [part~="input"]') &&
        shadow('linger-countdown')?.querySelector('[part~="clock"]') &&
        shadow('linger-product')?.querySelector('[part~="title"]')
      );
    });
    const shown = await shop.evaluate(() => {
      const shadow = (tag) => document.querySelector(tag).shadowRoot;
      const product = shadow('linger-product');
      return {
        productTitle: product.querySelector('[part~="title"]').textContent.trim(),
        productLink: product.querySelector('[part~="title"] a')?.getAttribute('href'),
        productLang: product.querySelector('[part~="base"]').getAttribute('lang'),
        productPrice: product.querySelector('[part~="price"]')?.textContent,
        priceMarkup: product.querySelectorAll('[part~="price"] *').length,
        reminderTitle: document.querySelector('linger-countdown').nextShowTitle,
        tokenUrl: document.querySelector('linger-room').tokenUrl,
        browserKey: sessionStorage.getItem('linger-browser'),
        scripts: document.querySelectorAll('script').length,
      };
    });
    assert.equal(shown.productTitle, 'Linen shirt', 'the product from the Liquid block reached <linger-product>');
    assert.equal(shown.productLink, `${origin}/products/linen-shirt`);
    assert.equal(shown.productLang, 'pt-BR', "the room's locale reached the elements");
    assert.equal(shown.productPrice, 'Rs. 49.90', "the shop's money format (Liquid `shop.money_format`) reached <linger-product>");
    assert.equal(shown.priceMarkup, 0, "the format's markup is text, never elements");
    assert.equal(shown.reminderTitle, HOSTILE[0], 'a hostile setting arrives as a plain attribute value');
    // The app's token endpoint binds viewer ids to this key (docs/shopify.md § The app proxy: viewer tokens).
    assert.match(shown.browserKey ?? '', /^[A-Za-z0-9_-]{32}$/, 'the tab keeps a random browser key');
    assert.equal(shown.tokenUrl, `/apps/linger/token?browser=${shown.browserKey}`, 'the default token URL carries it');
    assert.equal(shown.scripts, 4, 'no script beyond the theme\'s Shopify stub, the block asset, the embed\'s browser-key script and the autoloader');

    // A host in another tab runs the show: lottery, quiz and announcement reach the blocks.
    const host = await context.newPage();
    host.on('pageerror', (error) => errors.push(`host: ${error}`));
    await host.goto(`${origin}/host`);
    await host.waitForFunction(() => document.querySelector('linger-room').session?.$status.get() === 'connected');
    await host.evaluate(async () => {
      const session = document.querySelector('linger-room').session;
      session.act('announce', { text: 'Bem-vindos!' });
      session.act('pin', { product: { id: 'shirt', title: 'Linen shirt', price: '49.90', currency: 'EUR', url: `${location.origin}/products/linen-shirt` } });
      await session.openLottery({ id: 'l1', mode: 'tap', prize: 'Sacola de linho', winners: 1, seconds: 120 });
      await session.askQuiz({ id: 'q1', question: 'De que é feita a camisa?', options: ['Linho', 'Seda'], correct: 0, seconds: 60 });
      await session.openVote({ id: 'v1', question: 'Qual cor abre a promoção?', options: ['Azul', 'Verde'], seconds: 60 });
    });
    await shop.waitForFunction(() => {
      const text = (tag) => document.querySelector(tag).shadowRoot.textContent;
      return text('linger-lottery').includes('Sacola de linho') && text('linger-quiz').includes('De que é feita a camisa?') && text('linger-vote').includes('Qual cor abre a promoção?') && text('linger-overlay').includes('Bem-vindos!');
    });
    // The overlay's pinned row in the shop's format too (this storefront serves no product JSON, so the pin's own price).
    await shop.waitForFunction(() => document.querySelector('linger-overlay').shadowRoot.querySelector('[part~="pinned-price"]')?.textContent === 'Rs. 49.90');

    assert.deepEqual(errors, [], 'no page errors');
    assert.ok(requested.every((url) => url.startsWith(origin)), `nothing beyond loopback: ${requested.filter((url) => !url.startsWith(origin)).join(', ')}`);
    const sdks = requested.filter((url) => /agora-(rtc|rtm)-sdk/.test(url));
    assert.deepEqual(sdks, [], 'no Agora SDK is downloaded without an app id');
  } finally {
    await browser.close();
    server.close();
  }
});

test('decodeEntities reads what Liquid escape writes', () => {
  assert.equal(decodeEntities('&quot;&#34;&#39;&lt;&gt;&amp;lt;'), `""'<>&lt;`);
});
