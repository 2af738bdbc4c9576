// bench/storefront: what the README's one-script-tag quick start costs a product page, as a
// merchant's Lighthouse would say (issue 14). One run measures both pages, one after the other, in
// Lighthouse's default mobile mode (simulated slow 4G and a 4× slower CPU), 3 times each, medians:
//
// - the page alone: a Dawn-like product page (bench/storefront/page.mjs) with its gallery image;
// - the page with Linger: the same page with the quick start's script tag in <head> and its markup
//   below the buy buttons (test/helpers/quick-start.mjs reads both from README.md; no app-id,
//   token-url or webhook, as the README says to try it: the room runs on BroadcastChannel, the player
//   shows its poster, nothing leaves loopback);
//
// each served as is (the setting: no compression) and compressed (brotli, as Shopify's CDN
// and jsDelivr serve it). Figures: performance score, Total Blocking Time, Largest Contentful Paint,
// Cumulative Layout Shift, transferred KB; the embed's cost is the difference.
// Targets (uncompressed, the stricter case): score cost ≤ 2 points, TBT +≤ 50 ms, CLS +0.
//
// Hermetic: Chromium (/usr/bin/chromium or CHROME_PATH) resolves no host but loopback and does no
// background networking; Lighthouse needs nothing from the network. Builds dist/ first when dist/cdn
// is missing. Run by bench/run.mjs (`npm run bench -- storefront`; about 4 minutes). See
// docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { quickStart, root } from '../test/helpers/quick-start.mjs';
import { productPage } from './storefront/page.mjs';

const RUNS = 3;
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.jpg': 'image/jpeg', '.map': 'application/json' };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 0) => Number(value.toFixed(digits));

/** A product photo and the player's poster, as JPEGs drawn by Chromium (no image files in the repo). */
async function images() {
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const draw = (size) =>
      page.evaluate(([width, height]) => {
        const canvas = Object.assign(document.createElement('canvas'), { width, height });
        const g = canvas.getContext('2d');
        const fill = g.createLinearGradient(0, 0, width, height);
        fill.addColorStop(0, '#e8dcc8');
        fill.addColorStop(1, '#a8896a');
        g.fillStyle = fill;
        g.fillRect(0, 0, width, height);
        // Woven texture, so the JPEG weighs what a photo does.
        let seed = 7;
        const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
        for (let i = 0; i < width * height / 40; i++) {
          g.fillStyle = `rgba(${60 + random() * 80},${40 + random() * 60},${20 + random() * 40},${random() * 0.25})`;
          g.fillRect(random() * width, random() * height, 1 + random() * 3, 1 + random() * 3);
        }
        return canvas.toDataURL('image/jpeg', 0.82).split(',')[1];
      }, size);
    return { '/products/linen-shirt.jpg': Buffer.from(await draw([800, 800]), 'base64'), '/poster.jpg': Buffer.from(await draw([640, 360]), 'base64') };
  } finally {
    await browser.close();
  }
}

/** Serves the two pages, the images and dist/; `compress`: brotli (else gzip) for text when asked. */
async function serve(pages, files, compress) {
  const cache = new Map();
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    let body = pages[path] !== undefined ? Buffer.from(pages[path]) : files[path];
    if (body === undefined && path.startsWith('/dist/')) body = await readFile(join(root, path)).catch(() => undefined);
    if (body === undefined) return response.writeHead(404).end();
    const type = pages[path] !== undefined ? TYPES['.html'] : TYPES[extname(path)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (compress && !type.startsWith('image/')) {
      const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : null;
      if (encoding) {
        const key = `${encoding} ${path}`;
        if (!cache.has(key)) cache.set(key, encoding === 'br' ? brotliCompressSync(body) : gzipSync(body, { level: 9 }));
        body = cache.get(key);
        headers['content-encoding'] = encoding;
        headers.vary = 'accept-encoding';
      }
    }
    response.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** One Lighthouse mobile run in a fresh Chromium: the figures, and where the blocking time came from. */
async function audit(url) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-extensions', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audits = lhr.audits;
    const longTasks = (audits['long-tasks']?.details?.items ?? []).map((task) => `${String(task.url).replace(/^.*\/dist\/cdn\//, '')} ${Math.round(task.duration)}`);
    return {
      score: Math.round(lhr.categories.performance.score * 100),
      tbt: audits['total-blocking-time'].numericValue,
      lcp: audits['largest-contentful-paint'].numericValue,
      cls: audits['cumulative-layout-shift'].numericValue,
      kb: audits['total-byte-weight'].numericValue / 1024,
      lcpElement: audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.selector ?? '',
      longTasks,
    };
  } finally {
    await chrome.kill();
  }
}

export default async function run() {
  if (!existsSync(join(root, 'dist/cdn/linger.js'))) {
    console.log('dist/cdn is missing: running npm run build first.');
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
  }
  const { script, markup } = await quickStart();
  const pages = { '/': productPage(), '/linger': productPage({ head: script, embed: markup }) };
  const files = await images();
  const servers = { plain: await serve(pages, files, false), compressed: await serve(pages, files, true) };
  const runs = {};
  try {
    // Interleaved, so a change in the machine's load falls on both pages alike.
    for (let round_ = 0; round_ < RUNS; round_++) {
      for (const [serving, server] of Object.entries(servers)) {
        for (const [page, path] of [['bare', '/'], ['linger', '/linger']]) {
          const key = `${page}_${serving}`;
          const result = await audit(`http://127.0.0.1:${server.address().port}${path}`);
          (runs[key] ??= []).push(result);
          console.log(`${key} #${round_ + 1} (load ${loadavg()[0].toFixed(1)}): score ${result.score}, TBT ${Math.round(result.tbt)} ms, LCP ${Math.round(result.lcp)} ms (${result.lcpElement}), CLS ${result.cls.toFixed(3)}, ${result.kb.toFixed(1)} KB; long tasks: ${result.longTasks.join(', ') || 'none'}`);
        }
      }
    }
  } finally {
    for (const server of Object.values(servers)) server.close();
  }
  const figures = {};
  const m = (key, metric) => median(runs[key].map((result) => result[metric]));
  for (const serving of ['plain', 'compressed']) {
    const suffix = serving === 'plain' ? '' : '_compressed';
    for (const page of ['bare', 'linger']) {
      const key = `${page}_${serving}`;
      figures[`score_${page}${suffix}`] = m(key, 'score');
      figures[`tbt_ms_${page}${suffix}`] = round(m(key, 'tbt'));
      figures[`lcp_ms_${page}${suffix}`] = round(m(key, 'lcp'));
      figures[`cls_${page}${suffix}`] = round(m(key, 'cls'), 3);
      figures[`kb_${page}${suffix}`] = round(m(key, 'kb'), 1);
    }
    figures[`score_cost${suffix}`] = figures[`score_bare${suffix}`] - figures[`score_linger${suffix}`];
    figures[`tbt_added_ms${suffix}`] = figures[`tbt_ms_linger${suffix}`] - figures[`tbt_ms_bare${suffix}`];
    figures[`lcp_added_ms${suffix}`] = figures[`lcp_ms_linger${suffix}`] - figures[`lcp_ms_bare${suffix}`];
    figures[`cls_added${suffix}`] = round(figures[`cls_linger${suffix}`] - figures[`cls_bare${suffix}`], 3);
    figures[`kb_added${suffix}`] = round(figures[`kb_linger${suffix}`] - figures[`kb_bare${suffix}`], 1);
  }
  figures.load_average = round(loadavg()[0], 1);
  return { figures, targets: { score_cost: 2, tbt_added_ms: 50, cls_added: 0 }, direction: {} };
}
