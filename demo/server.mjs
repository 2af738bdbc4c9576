// `npm start`: the demo storefront and host console, served from the repo root on 127.0.0.1.
//
// @web/dev-server (0.4.6) compiles `.ts` on the fly (esbuild) and resolves bare imports
// (`nodeResolve`), so `demo/*.html` can load `<script type="module" src="./storefront.ts">`.
// The dev server runs in middleware mode behind our own `http` server, because its own `listen`
// turns hostname `127.0.0.1` into "all interfaces". The server reaches nothing beyond loopback.
//
// Environment: PORT (default 8000; if busy, an ephemeral port), AGORA_APP_ID and
// AGORA_APP_CERTIFICATE (turn on the token endpoint; without them the demo runs on
// BroadcastChannel), LINGER_HOST_KEY (the host console's key; random when unset),
// LINGER_HOST_IDS (comma-separated host ids, default `host`: the one list both the token endpoint
// and the pages' rooms use — /api/demo-config hands it to the pages; a visitor cannot match it, since
// viewer ids are `v-…` and host tokens need the key), LINGER_COOKIE_SECRET (≥ 32 bytes that sign the
// viewer cookies and ids; random at each start when unset, so a restart gives viewers new ids),
// LINGER_TOKEN_EXPIRE_SECONDS,
// LINGER_DATA_DIR (the collector's chDB data folder, default demo/.data/collector; CLICKHOUSE_URL
// sends the events to a ClickHouse server instead),
// LINGER_CSP (`off` serves the pages without the Content-Security-Policy header; default on: the strict
// policy, or with Agora configured the strict policy plus what the Agora SDKs need).
//
// The collector (collector/src/server.mjs, started by demo/collector.mjs in a child process):
// `POST /api/events` takes the webhook batches into ClickHouse (chDB embedded); `GET /api/report?show=`
// serves the show's summary computed in SQL; /demo/report.html renders it with `<linger-report src>`.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { createTokenHandler } from './token-endpoint.mjs';
import { startCollector } from './collector.mjs';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8000;
const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// nanostores reads `process.env.NODE_ENV`; pages that do not load the shim get it injected here.
// An external script, not an inline one: the CSP below allows scripts from this origin only.
const PROCESS_SHIM_PATH = '/demo/process-shim.js';
const PROCESS_SHIM_TAG = `<script src="${PROCESS_SHIM_PATH}"></script>`;

/** Adds the `process` shim to served HTML unless the page already loads it. */
const processShimPlugin = {
  name: 'linger-process-shim',
  transform(context) {
    if (!context.response.is('html') || typeof context.body !== 'string') return undefined;
    if (context.body.includes(PROCESS_SHIM_PATH)) return undefined;
    const body = context.body;
    const head = /<head[^>]*>/i.exec(body);
    if (head) return { body: body.slice(0, head.index + head[0].length) + PROCESS_SHIM_TAG + body.slice(head.index + head[0].length) };
    return { body: PROCESS_SHIM_TAG + body };
  },
};

/**
 * The strict policy every page is served with: everything from this origin only, no inline script
 * or style (no `style="…"` either), Trusted Types for DOM XSS sinks. `test/demo/csp.node.test.mjs`
 * runs a whole show under it with zero violations, so nothing beyond the strict base is allowed:
 * - no `img-src data: blob:` — no page or element loads such images (the countdown's `.ics` is a
 *   `data:` download link, which `img-src` does not govern);
 * - no `media-src blob:` — the demo plays an MP4; an HLS replay through hls.js (Media Source
 *   Extensions) would need it;
 * - `object-src 'none'` and `base-uri 'none'` tighten what `default-src` leaves open; nothing uses them.
 * With Agora configured, {@link AGORA_CONTENT_SECURITY_POLICY} is served instead.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

/**
 * Agora's hosts, from Agora's firewall list for the Web SDKs (RTC and Signaling): gateways, edge
 * nodes and stats collectors under these four domains, over https and wss. `*.` matches any depth.
 */
export const AGORA_CONNECT_SOURCES = ['agora.io', 'sd-rtn.com', 'rtnsvc.com', 'rtesvc.com'].flatMap((domain) => [
  `https://*.${domain}`,
  `wss://*.${domain}`,
]);

/**
 * The strict policy plus exactly what agora-rtm-sdk 2.3.0 and agora-rtc-sdk-ng 4.24.8 need
 * (docs/agora.md § Content-Security-Policy; test/csp/agora-csp.test.ts loads both under it with
 * zero violations):
 * - `'wasm-unsafe-eval'`: RTM compiles its WebAssembly engine (no `'unsafe-eval'`);
 * - `worker-src blob:`: RTM's timer worker, started from a blob: URL;
 * - the hash of `display:none` for style attributes: RTM sets it on a detached <video> and <canvas>
 *   at import (harmless, but two violations otherwise);
 * - Agora's hosts in `connect-src`;
 * - Trusted Types stay on: Linger passes RTM's worker URL through its `linger-agora` policy, and
 *   lit renders through `lit-html`; no other policy may be created.
 */
export const AGORA_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  'worker-src blob:',
  "style-src 'self'",
  "style-src-attr 'unsafe-hashes' 'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='",
  `connect-src 'self' ${AGORA_CONNECT_SOURCES.join(' ')}`,
  "img-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html linger-agora',
].join('; ');

/** Serves every response with the policy (it only takes effect on documents and workers). */
function contentSecurityPolicy(agora) {
  const policy = agora ? AGORA_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  return async (ctx, next) => {
    ctx.set('Content-Security-Policy', policy);
    return next();
  };
}

/** `GET /api/demo-config`: what the pages need to know before connecting (is Agora configured?). */
function demoConfig(agora, hostIds) {
  return async (ctx, next) => {
    if (ctx.path !== '/api/demo-config') return next();
    ctx.set('Cache-Control', 'no-store');
    // `hosts`: the pages' rooms take the endpoint's own host list (public anyway: the room's `hosts`).
    ctx.body = { agora, hosts: hostIds };
    return undefined;
  };
}

/** `/` → the storefront; dot-files and dot-folders (`.git`, `.env`) are never served. */
async function demoRoutes(ctx, next) {
  if (ctx.path === '/' || ctx.path === '/demo' || ctx.path === '/demo/') {
    ctx.redirect('/demo/index.html');
    return undefined;
  }
  if (ctx.path.split('/').some((segment) => segment.startsWith('.'))) {
    ctx.status = 404;
    ctx.body = 'Not found';
    return undefined;
  }
  return next();
}

/** LINGER_COOKIE_SECRET, checked at start: a short secret would make viewer ids guessable. */
function cookieSecret(value) {
  if (Buffer.byteLength(value) < 32) {
    throw new RangeError(`LINGER_COOKIE_SECRET must be at least 32 bytes (e.g. \`openssl rand -base64 32\`); it has ${Buffer.byteLength(value)}.`);
  }
  return value;
}

function listen(server, port) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: HOST });
  });
}

function parsePort(value) {
  if (value === undefined || value === null || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be an integer from 0 to 65535; got ${JSON.stringify(value)}.`);
  }
  return port;
}

/**
 * Starts the demo server on 127.0.0.1.
 *
 * @param {object} [options]
 * @param {number} [options.port]   Port to try first; default `env.PORT`, else 8000. `0` picks an
 *   ephemeral port. When the port is busy, an ephemeral port is used instead.
 * @param {Record<string, string | undefined>} [options.env]  Environment to read (default `process.env`).
 * @param {boolean} [options.quiet]  Print nothing.
 * @returns {Promise<{ url: string, port: number, storefrontUrl: string, hostUrl: string,
 *   hostKey: string, hostIds: string[], tokensLive: boolean, reportUrl: string, dataDir: string,
 *   csp: boolean, collector: Awaited<ReturnType<typeof startCollector>>, close: () => Promise<void> }>}
 *   `url` is the origin, e.g. `http://127.0.0.1:8000` (no trailing slash).
 */
export async function startDemoServer({ port, env = process.env, quiet = false } = {}) {
  const log = quiet ? () => {} : (line) => console.log(line);
  const hostKey = env.LINGER_HOST_KEY || randomBytes(18).toString('base64url');
  const hostIds = (env.LINGER_HOST_IDS || 'host')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const tokens = createTokenHandler({
    appId: env.AGORA_APP_ID,
    appCertificate: env.AGORA_APP_CERTIFICATE,
    hostKey,
    hostIds,
    ...(env.LINGER_COOKIE_SECRET ? { secret: cookieSecret(env.LINGER_COOKIE_SECRET) } : {}),
    ...(env.LINGER_TOKEN_EXPIRE_SECONDS ? { expireSeconds: Number(env.LINGER_TOKEN_EXPIRE_SECONDS) } : {}),
  });

  const csp = env.LINGER_CSP !== 'off';
  const agora = tokens.live && !tokens.problem;
  const dataDir = resolve(rootDir, env.LINGER_DATA_DIR || 'demo/.data/collector');
  const collector = await startCollector({ dataDir, env, log });

  // Our own server binds loopback only; the dev server's Koa app is plugged in once it is ready.
  let handler = (_req, res) => {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' });
    res.end('Starting…');
  };
  const httpServer = createServer((req, res) => handler(req, res));

  const wanted = parsePort(port ?? env.PORT);
  let actualPort;
  try {
    actualPort = await listen(httpServer, wanted);
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') {
      await collector.close();
      throw error;
    }
    actualPort = await listen(httpServer, 0);
    log(`Port ${wanted} is busy; using ${actualPort} instead.`);
  }

  let devServer;
  try {
    devServer = await startDevServer({
      config: {
        rootDir,
        hostname: HOST,
        port: actualPort,
        middlewareMode: true,
        injectWebSocket: false,
        watch: false,
        nodeResolve: true,
        middleware: [...(csp ? [contentSecurityPolicy(agora)] : []), collector.middleware, demoConfig(agora, tokens.hostIds), demoRoutes, tokens.middleware],
        plugins: [
          esbuildPlugin({ ts: true, tsconfig: join(rootDir, 'tsconfig.json'), target: 'es2022' }),
          processShimPlugin,
        ],
      },
      readCliArgs: false,
      readFileConfig: false,
      autoExitProcess: false,
      logStartMessage: false,
    });
  } catch (error) {
    httpServer.close();
    await collector.close();
    throw error;
  }
  handler = devServer.koaApp.callback();

  const url = `http://${HOST}:${actualPort}`;
  const storefrontUrl = `${url}/demo/index.html`;
  const hostUrl = `${url}/demo/host.html?key=${encodeURIComponent(hostKey)}`;
  log(`Storefront:   ${storefrontUrl}`);
  log(`Host console: ${hostUrl}`);
  log(`Report:       ${url}/demo/report.html (events: POST ${url}/api/events → collector ${collector.url}, data in ${dataDir})`);
  log(csp ? `CSP:          strict${agora ? ', with the Agora additions' : ''} (LINGER_CSP=off to serve without it)` : 'CSP:          off (LINGER_CSP=off)');
  if (tokens.problem) log(`Agora tokens: misconfigured — ${tokens.problem} (/api/token answers 500)`);
  else if (tokens.live) log(`Agora tokens: live at ${url}/api/token (AGORA_APP_ID ${env.AGORA_APP_ID}; host ids: ${hostIds.join(', ')})`);
  else log('Agora tokens: off (AGORA_APP_ID/AGORA_APP_CERTIFICATE not set) — the demo runs on BroadcastChannel.');

  let closing;
  const close = () => {
    closing ??= (async () => {
      await devServer.stop();
      await new Promise((done) => {
        httpServer.close(() => done());
        httpServer.closeAllConnections();
      });
      await collector.close();
    })();
    return closing;
  };

  return { url, port: actualPort, storefrontUrl, hostUrl, hostKey, hostIds, tokensLive: agora, reportUrl: `${url}/demo/report.html`, dataDir, csp, collector, close };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startDemoServer();
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
