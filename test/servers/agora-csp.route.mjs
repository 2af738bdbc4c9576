// The Agora CSP pages (test/csp/agora-csp.test.ts): the real RTM adapter and RTC loader with both
// Agora SDKs, built the way the CDN build bundles them, on pages served with a chosen policy.
//
// GET /test-api/agora-csp/build         → builds once (rollup, the CDN config's resolve/commonjs/
//                                          bridge plugins, no minifier) and answers the file list
// GET /test-api/agora-csp/build/<file>  → a built module
// GET /test-api/agora-csp/page?policy=<name>&scenario=<name> → an HTML page with that policy in its
//                                          Content-Security-Policy header, running test/csp/agora-csp-page.js
//
// The policies are the ones demo/server.mjs serves (imported on first use, so a broken demo file
// cannot stop the test runner from starting), plus variants that each lack one allowance.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = '/test-api/agora-csp/';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let building;

/** Both Agora entry points, bundled like dist/cdn (plugins from rollup.config.mjs), kept in memory. */
function build() {
  building ??= (async () => {
    const [{ rollup }, { default: configs }] = await Promise.all([import('rollup'), import('../../rollup.config.mjs')]);
    const cdn = configs.find((config) => config.output?.dir === 'dist/cdn');
    // The minifiers, size stats and theme copies change nothing about what the code does in a page.
    const skip = new Set(['linger-minify', 'linger-cdn-stats', 'linger-theme-presets', 'linger-minify-css-literals']);
    const bundle = await rollup({
      input: {
        'agora-rtm': path.join(root, 'src/transports/agora-rtm.ts'),
        'agora-rtc': path.join(root, 'src/media/agora-rtc.ts'),
      },
      plugins: cdn.plugins.filter((plugin) => !skip.has(plugin.name)),
      onwarn: cdn.onwarn,
      preserveEntrySignatures: 'strict',
    });
    try {
      const { output } = await bundle.generate({ format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', generatedCode: 'es2015' });
      return new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [chunk.fileName, chunk.code]));
    } finally {
      await bundle.close();
    }
  })();
  // A failed build is not kept: the next request tries again.
  building.catch(() => (building = undefined));
  return building;
}

/** Policy name → policy. `agora` and `agora-tt` are the documented ones, straight from the demo server. */
async function policies() {
  const { AGORA_CONTENT_SECURITY_POLICY: agoraTt, CONTENT_SECURITY_POLICY: strict } = await import('../../demo/server.mjs');
  const directives = agoraTt.split('; ');
  const without = (...names) => directives.filter((directive) => !names.some((name) => directive.startsWith(`${name} `) || directive === name));
  const agora = without('require-trusted-types-for', 'trusted-types');
  const replace = (list, name, value) => list.map((directive) => (directive.startsWith(`${name} `) ? value : directive));
  return {
    strict,
    'agora-tt': agoraTt,
    agora: agora.join('; '),
    // Trusted Types on, but the trusted-types directive does not list linger-agora.
    'agora-tt-unlisted': replace(directives, 'trusted-types', 'trusted-types lit-html').join('; '),
    'agora-no-wasm': replace(agora, 'script-src', "script-src 'self'").join('; '),
    'agora-no-worker': agora.filter((directive) => !directive.startsWith('worker-src ')).join('; '),
    // The documented policy with Agora's hosts left out: nothing the SDK tries can leave the page.
    'agora-offline': replace(directives, 'connect-src', "connect-src 'self'").join('; '),
  };
}

const page = (scenario) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agora CSP: ${scenario}</title>
<script type="module" src="/test/csp/agora-csp-page.js"></script></head><body></body></html>`;

export async function middleware(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  const rest = ctx.path.slice(PREFIX.length);
  ctx.set('Cache-Control', 'no-store');
  if (rest === 'build') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ files: [...(await build()).keys()] });
    return undefined;
  }
  if (rest.startsWith('build/')) {
    const code = (await build()).get(rest.slice('build/'.length));
    if (code === undefined) return next();
    ctx.type = 'text/javascript';
    ctx.body = code;
    return undefined;
  }
  if (rest === 'page') {
    const query = new URLSearchParams(ctx.querystring);
    const policy = (await policies())[query.get('policy') ?? ''];
    if (!policy) {
      ctx.status = 404;
      ctx.body = `No policy named ${JSON.stringify(query.get('policy'))}`;
      return undefined;
    }
    ctx.set('Content-Security-Policy', policy);
    ctx.type = 'text/html';
    ctx.body = page(String(query.get('scenario')).replace(/[^a-z-]/g, ''));
    return undefined;
  }
  if (rest === 'policies') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(await policies());
    return undefined;
  }
  return next();
}
