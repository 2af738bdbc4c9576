// The Shopify extension's own copy of the CDN build (rollup.config.mjs, third output): it fits
// Shopify's limits for a theme app extension, every import is `./<file>` beside the importer, and in
// Chromium a page that loads `linger.js?v=123` from one flat folder upgrades every element and can
// import every file of the folder. A page with the app embed and no block downloads linger.js only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseAst } from 'rollup/parseAst';
import { chromium } from 'playwright-core';
import { ensureShopifyAssets, extensionDir, findTags, renderBlock, shopContext } from './shopify-helpers.mjs';

const assetsDir = join(extensionDir, 'assets');
ensureShopifyAssets();

/** What Shopify accepts in an extension's assets/ (docs/shopify.md § The extension's assets). */
const ALLOWED = new Set(['.js', '.css', '.json', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.woff', '.woff2', '.wasm']);
const MB = 1024 * 1024;

/** Every file under `dir`, with its size. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [{ path, bytes: statSync(path).size }];
  });
}

/** The module specifiers a file imports, statically or with `import()`. */
function importsOf(code) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration|ImportExpression)$/.test(node.type) && node.source) {
      found.push(node.source.type === 'Literal' ? node.source.value : `<computed ${node.source.type}>`);
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code));
  return found;
}

test('the extension fits Shopify: flat assets of allowed types, ≤ 10 MB in all, each Liquid file ≤ 500 KB', () => {
  const entries = readdirSync(assetsDir, { withFileTypes: true });
  assert.deepEqual(entries.filter((entry) => !entry.isFile()).map((entry) => entry.name), [], 'assets/ holds files only, no folders');
  for (const { name } of entries) assert.ok(ALLOWED.has(extname(name)), `assets/${name}: ${extname(name)} is not an asset type Shopify takes`);
  const files = walk(extensionDir);
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  assert.ok(total <= 10 * MB, `the extension is ${(total / MB).toFixed(2)} MB (limit 10 MB)`);
  for (const file of files.filter((file) => file.path.endsWith('.liquid'))) assert.ok(file.bytes <= 500 * 1024, `${file.path}: ${file.bytes} bytes (limit 500 KB)`);
  for (const name of ['linger.js', 'element-linger-room.js', 'theme-dark.css']) assert.ok(existsSync(join(assetsDir, name)), `assets/${name} is built`);
});

test('every import in the built assets is ./<file> beside it, none of them linger.js itself', () => {
  const names = new Set(readdirSync(assetsDir));
  // The build writes the element tags and the file pattern into the autoloader (src/cdn/linger.ts).
  const entry = readFileSync(join(assetsDir, 'linger.js'), 'utf8');
  const tags = /"((?:linger-[a-z-]+ )+linger-[a-z-]+)"\.split\(" "\)/.exec(entry)?.[1].split(' ');
  const template = /"(\.\/[^"/%]*%[^"/%]*\.js)"/.exec(entry)?.[1];
  assert.ok(tags && template, 'linger.js carries the tag list and the file pattern');
  const entryMap = Object.fromEntries(tags.map((tag) => [tag, template.replace('%', tag)]));
  for (const [tag, file] of Object.entries(entryMap)) assert.ok(names.has(file.slice(2)), `the autoloader maps <${tag}> to ${file}, which is built`);
  const elementFiles = [...names].filter((name) => name.startsWith('element-'));
  assert.deepEqual(elementFiles.sort(), Object.values(entryMap).map((file) => file.slice(2)).sort(), 'the map names every element file');
  let count = 0;
  for (const name of [...names].filter((file) => file.endsWith('.js') && file !== 'linger-product-data.js')) {
    for (const specifier of importsOf(readFileSync(join(assetsDir, name), 'utf8'))) {
      count++;
      // The autoloader's one computed import: a file of its build-time map, checked above.
      if (name === 'linger.js' && specifier === '<computed Identifier>') continue;
      assert.match(specifier, /^\.\/[^/]+\.js$/, `${name} imports ${specifier}: not a file beside it`);
      assert.ok(names.has(specifier.slice(2)), `${name} imports ${specifier}, which is not in assets/`);
      // The page loads linger.js?v=…; a chunk importing ./linger.js would run a second copy of it.
      assert.notEqual(specifier, './linger.js', `${name} imports the entry`);
    }
  }
  assert.ok(count > 50, `the imports were read (${count})`);
});

// ---------------------------------------------------------------------------------------------
// In Chromium, served the way Shopify's CDN serves an extension: one flat folder, a query on the entry.

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TAGS = readdirSync(assetsDir)
  .filter((name) => name.startsWith('element-'))
  .map((name) => name.slice('element-'.length, -'.js'.length));

async function withBrowser(pages, run) {
  const scratch = mkdtempSync(join(tmpdir(), 'linger-shopify-assets-'));
  cpSync(assetsDir, scratch, { recursive: true }); // a rebuild elsewhere cannot pull files away mid-test
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    const path = normalize(decodeURIComponent(url.pathname));
    if (pages[path]) return response.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]);
    const file = path.startsWith('/assets/') && !path.slice('/assets/'.length).includes('/') ? join(scratch, path.slice('/assets/'.length)) : null;
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: BROWSER_ARGS });
  try {
    const tab = await browser.newPage();
    const requested = [];
    const errors = [];
    tab.on('request', (request) => requested.push(request.url()));
    tab.on('pageerror', (error) => errors.push(String(error)));
    await run({ tab, origin: `http://127.0.0.1:${server.address().port}`, requested, errors });
  } finally {
    await browser.close();
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

test('from a flat folder with ?v=123 on the entry, every element upgrades and every file imports', { timeout: 120_000 }, async () => {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>flat</title><link rel="icon" href="data:,">
<script type="module" src="/assets/linger.js?v=123"></script></head><body>
<linger-room channel="flat-assets" hosts="boss" user-id="boss">${TAGS.filter((tag) => tag !== 'linger-room').map((tag) => `<${tag}></${tag}>`).join('')}</linger-room></body></html>`;
  await withBrowser({ '/': page }, async ({ tab, origin, requested, errors }) => {
    await tab.goto(`${origin}/`);
    await tab.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), TAGS);
    await tab.waitForFunction(() => document.querySelector('linger-room').session?.$status.get() === 'connected');
    // Every file, the lazy chunks included (locales, the Agora SDKs, hls.js …), resolves its imports here.
    const files = readdirSync(assetsDir).filter((name) => name.endsWith('.js') && name !== 'linger-product-data.js' && name !== 'linger.js');
    const failed = await tab.evaluate(async (names) => {
      const base = document.querySelector('script[type="module"]').src;
      const results = await Promise.allSettled(names.map((name) => import(new URL(name, base).href)));
      return results.flatMap((result, index) => (result.status === 'rejected' ? [`${names[index]}: ${result.reason}`] : []));
    }, files);
    assert.deepEqual(failed, [], 'every asset imports');
    assert.deepEqual(errors, [], 'no page errors');
    const local = requested.filter((url) => url.startsWith(origin));
    // (The RTC SDK starts a worker from a blob: URL of this origin.)
    assert.deepEqual(requested.filter((url) => !url.startsWith(origin) && !url.startsWith(`blob:${origin}/`)), [], 'nothing beyond loopback');
    const entries = local.filter((url) => new URL(url).pathname === '/assets/linger.js');
    assert.deepEqual(entries, [`${origin}/assets/linger.js?v=123`], 'the entry loads once, with its query: no chunk imports a second copy');
    assert.ok(local.every((url) => new URL(url).pathname === '/' || /^\/assets\/[^/]+$/.test(new URL(url).pathname)), 'everything from the flat folder');
    assert.ok(!local.some((url) => url.includes('/elements/') || url.includes('/chunks/')), 'no dist/cdn folder paths');
  });
});

test('the app embed on a page without a block downloads linger.js alone; a block brings the room', { timeout: 120_000 }, async () => {
  const context = shopContext({ request: { locale: { iso_code: 'en' }, design_mode: false, origin: 'http://127.0.0.1' } });
  // An Agora app id and a token URL are set: even so, no token fetch and no Agora without a block.
  const embed = renderBlock('linger-embed', { channel: 'spring-sale', hosts: 'boss', app_id: '0123456789abcdef0123456789abcdef', token_url: '/apps/linger/token' }, context);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>home</title><link rel="icon" href="data:,"></head><body><main><h1>Home</h1></main>${embed}</body></html>`;
  const noChannel = renderBlock('linger-embed', { channel: '', app_id: '0123456789abcdef0123456789abcdef', token_url: '/apps/linger/token' }, context);
  assert.deepEqual(Object.keys(findTags(noChannel, 'linger-room')[0]).filter((name) => /app-id|token-url/.test(name)), [], 'no channel: no app id, no token URL');
  await withBrowser({ '/': page }, async ({ tab, origin, requested, errors }) => {
    await tab.goto(`${origin}/`);
    // The autoloader has run (its reserve stylesheet is in) and the page has settled.
    await tab.waitForFunction(() => document.head.querySelector('style')?.textContent.includes('linger-') && document.readyState === 'complete');
    const before = await tab.evaluate(() => ({
      resources: performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
      room: customElements.get('linger-room') !== undefined,
    }));
    assert.deepEqual(before.resources, ['/assets/linger.js'], 'only the autoloader was downloaded');
    assert.equal(before.room, false, 'the room is not loaded');

    // A theme section with a block arrives (Dawn re-renders sections): now the room loads too.
    await tab.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<div class="shopify-app-block"><linger-quiz></linger-quiz></div>'));
    await tab.waitForFunction(() => customElements.get('linger-room') && customElements.get('linger-quiz'));
    assert.deepEqual(errors, [], 'no page errors');
    const paths = requested.map((url) => new URL(url).pathname);
    assert.ok(paths.includes('/assets/element-linger-room.js') && paths.includes('/assets/element-linger-quiz.js'), `room and quiz loaded: ${paths.join(', ')}`);
  });
});
