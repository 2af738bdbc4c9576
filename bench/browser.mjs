// Runs a `bench/NAME.browser.ts` in headless Chromium: bundles it for the browser, serves it on
// 127.0.0.1 with a blank page, calls its default export and returns what it returns. The page gets
// `window.gc()` and precise `performance.memory`; long tasks are observable with PerformanceObserver.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--autoplay-policy=no-user-gesture-required'];

export async function runInBrowser(entry) {
  const bundle = await build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false,
    tsconfig: new URL('../tsconfig.json', import.meta.url).pathname, logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' }, minify: true,
  });
  const code = bundle.outputFiles[0].text + '\nwindow.__bench = __benchDefault;';
  const script = code.replace(/export\s*\{\s*([\w$]+)\s+as\s+default\s*\};?/, 'const __benchDefault = $1;');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><script type="module" src="/bench.js"></script></body></html>`;
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    tab.on('pageerror', (error) => console.error('[bench page]', error));
    tab.on('console', (message) => console.log('[bench page]', message.text()));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => typeof window.__bench === 'function');
    return await tab.evaluate(() => window.__bench());
  } finally {
    await browser.close();
    server.close();
  }
}
