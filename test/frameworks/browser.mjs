// Shared by the React and Vue app tests: bundle an app from test/frameworks/.apps/ with esbuild
// into a temporary folder (imports of `linger-live/…` resolve to src/ through tsconfig.json's
// `paths`), serve it on 127.0.0.1 and open it in headless Chromium. Nothing leaves loopback.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Bundles `.apps/<app>` to `<dir>/app.js`. */
async function bundle(app, dir, { define = {}, alias = {}, plugins = [] } = {}) {
  // `linger-live/elements/<name>/linger-<name>.js` from src/, not from a dist/ that may be stale.
  const elementsFromSource = {
    name: 'linger-elements-from-source',
    setup(builder) {
      builder.onResolve({ filter: /^linger-live\/elements\/[\w-]+\/[\w-]+\.js$/ }, (args) => ({
        path: join(here, '..', '..', 'src', args.path.slice('linger-live/'.length).replace(/\.js$/, '.ts')),
      }));
    },
  };
  await build({
    entryPoints: [join(here, '.apps', app)],
    outfile: join(dir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: join(here, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"development"', ...define },
    alias,
    plugins: [elementsFromSource, ...plugins],
    // package.json `sideEffects` names the published registration files (dist/elements/*/linger-*.js),
    // not their sources: without this, esbuild would drop `import '…/linger-countdown.js'` from src/.
    ignoreAnnotations: true,
    logLevel: 'silent',
  });
}

/**
 * Serves `index.html` (a `#app` root holding `appHtml`, e.g. server-rendered markup, and the bundle)
 * and the files of `dir` on 127.0.0.1.
 */
async function serve(dir, appHtml = '') {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>app</title></head><body><div id="app">${appHtml}</div><script type="module" src="/app.js"></script></body></html>`;
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (!/^\/[\w.-]+$/.test(path)) return response.writeHead(404).end();
    const body = await readFile(join(dir, path)).catch(() => null);
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Opens an app in Chromium (`options.appHtml`: markup already in `#app`, as a server rendered it). Returns the page, what went wrong on it (page errors, console errors,
 * console warnings, requests beyond loopback) and `close()`.
 */
export async function openApp(app, options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'linger-frameworks-'));
  await bundle(app, dir, options);
  const server = await serve(dir, options.appHtml);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const problems = { pageErrors: [], consoleErrors: [], warnings: [], offLoopback: [] };
  const close = async () => {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.consoleErrors.push(message.text());
      if (message.type() === 'warning') problems.warnings.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) problems.offLoopback.push(request.url());
    });
    await page.goto(server.url);
    return { page, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Bundles a module for Node (a server render): `react`, `vue` and friends stay external. Returns its exports. */
export async function importForServer(app, options = {}) {
  const dir = await mkdtemp(join(here, '.server-'));
  try {
    await build({
      entryPoints: [join(here, '.apps', app)],
      outfile: join(dir, 'server.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: join(here, 'tsconfig.json'),
      packages: 'external',
      logLevel: 'silent',
      ...options,
    });
    return await import(pathToFileURL(join(dir, 'server.mjs')).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
