// Two builds from one source tree (`npm run build`; docs/agora.md § Bundling explains the CDN layout):
//
// 1. npm (`dist/`): ESM, one file per source module (preserveModules), bare imports left to the
//    consumer's bundler. Plus one flat side-effect entry per element, `dist/elements/<name>.js`
//    (and its `.d.ts`), so `import 'linger-live/elements/room.js'` defines exactly that tag.
// 2. CDN (`dist/cdn/`): ESM, minified, everything bundled, code-split. The entry `linger.js` is the
//    autoloader (src/cdn/linger.ts): it imports `elements/<tag>.js` when a tag first appears. No
//    Agora code is on that path; the RTM adapter and SDK arrive in chunks loaded by dynamic
//    `import()` only when a room uses them.
// 3. Shopify (`npm run build:shopify` → `integrations/shopify/extensions/linger/assets/`): the same
//    CDN bundle, flat, because a theme app extension's `assets/` keeps no folders: `linger.js`,
//    `element-linger-<tag>.js`, `chunk-<name>-<hash>.js`, `theme-<name>.css`, all importing
//    `./<file>` (docs/shopify.md § The extension's assets). Build output, not committed
//    (.gitignore). A script of its own, so that `npm run build` does not minify everything twice.
//    RTM's bare `require("agora-rtc-sdk-ng")` is aliased to a bridge object
//    (src/cdn/agora-rtc-bridge.ts) that the player fills from `agora-rtc-sdk-ng/esm`, so RTC is
//    bundled once.
//
// Element folders are found by listing `src/elements/*/linger-*.ts`: a new folder needs no edit here.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { transform as esbuildTransform } from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(root, 'src');
const elementsDir = path.join(srcDir, 'elements');
const cdnEntry = path.join(srcDir, 'cdn', 'linger.ts');
const rtcBridge = path.join(srcDir, 'cdn', 'agora-rtc-bridge.ts');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * Registration files: `src/elements/<name>/linger-*.ts` (tests and declarations excluded).
 * `flat` is the `dist/elements/<name>.js` entry name when the file is `linger-<name>.ts`.
 */
function registrationFiles() {
  return readdirSync(elementsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(elementsDir, dir.name))
        .filter((file) => /^linger-[a-z0-9-]+\.ts$/.test(file) && !/\.(test|d)\.ts$/.test(file))
        .map((file) => ({
          name: dir.name,
          file: path.join(elementsDir, dir.name, file),
          base: file.slice(0, -'.ts'.length),
          flat: file === `linger-${dir.name}.ts` ? dir.name : null,
        })),
    )
    .sort((a, b) => a.file.localeCompare(b.file));
}
const registrations = registrationFiles();

const isBare = (id) => !id.startsWith('.') && !id.startsWith('\0') && !path.isAbsolute(id);
const runtimeDependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });

const isDependency = (id) => isBare(id) && runtimeDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

/** npm build: a bare import that is not a runtime dependency would break for consumers. */
function dependenciesOnly() {
  return {
    name: 'linger-dependencies-only',
    resolveId(source, importer) {
      if (importer && isBare(source) && !isDependency(source)) {
        this.error(`"${source}" (imported by ${path.relative(root, importer)}) is not in package.json dependencies.`);
      }
      return null;
    },
  };
}

/** Warnings that are expected from third-party code; anything else is printed. */
function onwarn(warning, warn) {
  const fromDependency = (id) => typeof id === 'string' && id.includes(`${path.sep}node_modules${path.sep}`);
  if (warning.code === 'THIS_IS_UNDEFINED' && fromDependency(warning.id)) return; // UMD wrappers
  if (warning.code === 'CIRCULAR_DEPENDENCY' && (warning.ids ?? []).every(fromDependency)) return;
  if (warning.code === 'EVAL' && fromDependency(warning.id)) return;
  warn(warning);
}

/** Our TypeScript, compiled by esbuild with the project's tsconfig (decorator settings). */
const typescript = ({ sourceMap }) =>
  esbuild({
    include: /\.ts$/,
    exclude: /node_modules/,
    tsconfig: path.join(root, 'tsconfig.json'),
    target: 'es2022',
    sourceMap,
  });

/** Emits `dist/elements/<name>.js` and `dist/types/elements/<name>.d.ts` for every element. */
function flatElementEntries() {
  return {
    name: 'linger-flat-element-entries',
    generateBundle() {
      for (const { name, base, flat } of registrations) {
        if (!flat) continue;
        const banner = `// Defines <linger-${name}>. Generated by rollup.config.mjs.\n`;
        this.emitFile({ type: 'asset', fileName: `elements/${name}.js`, source: `${banner}export * from './${name}/${base}.js';\n` });
        this.emitFile({
          type: 'asset',
          fileName: `types/elements/${name}.d.ts`,
          source: `${banner}export * from './${name}/${base}.js';\n`,
        });
      }
    },
  };
}

/**
 * docs/agora.md § Bundling: RTM's UMD does `require("agora-rtc-sdk-ng")` (used only by stream
 * channels). Exact match only: `agora-rtc-sdk-ng/esm` (the player's RTC) is left alone.
 */
function agoraRtcBridge() {
  return {
    name: 'linger-agora-rtc-bridge',
    resolveId(source) {
      return source === 'agora-rtc-sdk-ng' ? rtcBridge : null;
    },
  };
}

/**
 * The `browser` field of a package also remaps files *inside* it (axios: `./lib/adapters/http.js` →
 * `./lib/helpers/null.js`). @rollup/plugin-node-resolve applies that map only to packages it entered
 * through `main`/`browser` fields; axios is entered through `exports`, so without this plugin the
 * RTC bundle carries axios' Node adapter (follow-redirects, https-proxy-agent, `import "http"`, …)
 * and fails in the browser with "Failed to resolve module specifier". Runs before node-resolve.
 */
function packageBrowserFields() {
  const EMPTY = '\0linger-empty-module';
  const roots = new Map();
  const maps = new Map();
  /** The folder of the nearest package.json that has a name (nested ones may only set "type"). */
  const packageRoot = (file) => {
    for (let dir = path.dirname(file); dir.includes(`${path.sep}node_modules${path.sep}`); dir = path.dirname(dir)) {
      if (roots.has(dir)) return roots.get(dir);
      try {
        if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name) {
          roots.set(dir, dir);
          return dir;
        }
      } catch {
        // no package.json here: keep walking up
      }
    }
    return null;
  };
  const browserMap = (dir) => {
    if (!maps.has(dir)) {
      const { browser } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      maps.set(dir, browser && typeof browser === 'object' ? browser : null);
    }
    return maps.get(dir);
  };
  return {
    name: 'linger-package-browser-fields',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.') || !importer.includes(`${path.sep}node_modules${path.sep}`)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const dir = packageRoot(resolved.id);
      const map = dir && browserMap(dir);
      if (!map) return resolved;
      const relative = `./${path.relative(dir, resolved.id).split(path.sep).join('/')}`;
      const key = [relative, relative.replace(/\.[cm]?js$/, ''), relative.slice(2)].find((candidate) => candidate in map);
      if (key === undefined) return resolved;
      return map[key] === false ? EMPTY : path.join(dir, map[key]);
    },
    load(id) {
      return id === EMPTY ? 'export default {};' : null;
    },
  };
}

/**
 * Readable chunk names: a chunk whose facade is our module keeps that module's name
 * (`agora-rtm` for src/transports/agora-rtm.ts); any other chunk is named after the packages it
 * holds (`agora-rtm-sdk`, `lit`, …).
 */
const chunkFileNames = (prefix) => (chunk) => {
  if (chunk.name === 'base') return `${prefix}base-[hash].js`;
  const packageOf = (id) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id ?? '')?.[1];
  const facadePackage = packageOf(chunk.facadeModuleId);
  if (chunk.facadeModuleId && !facadePackage) return `${prefix}[name]-[hash].js`;
  const packages = facadePackage ? [facadePackage] : [...new Set(chunk.moduleIds.map(packageOf).filter(Boolean))];
  const name = packages.length === 0 ? '[name]' : packages.slice(0, 2).join('_').replace(/@/g, '').replace(/[\\/]/g, '-');
  return `${prefix}${name}-[hash].js`;
};

/**
 * Terser for our code and the libraries we bundle. Chunks that hold an Agora SDK (with its own
 * dependencies: ≥ 90 % of the code from node_modules) get esbuild's minifier instead: the SDKs ship
 * pre-minified at 1.3–1.4 MB each, and terser needs 10–25 s per SDK on these 2-core machines (more
 * than the rest of the build together) to win 2–3 % gzip on chunks that load lazily anyway
 * (measured, gzip -9: RTM 423 vs 428 KiB, RTC ESM 347 vs 357 KiB). `LINGER_TERSER_ALL=1 npm run build`
 * runs terser on everything.
 */
function minify() {
  const viaTerser = terser({ ecma: 2020, module: true, format: { comments: 'some' } });
  const isAgoraSdk = (chunk) => {
    let vendor = 0;
    let total = 0;
    let agora = false;
    for (const [id, { renderedLength }] of Object.entries(chunk.modules)) {
      total += renderedLength;
      if (id.includes('/node_modules/')) vendor += renderedLength;
      if (/\/node_modules\/(agora-[^/]+|@agora-js\/[^/]+)\//.test(id)) agora = true;
    }
    return agora && vendor / total >= 0.9;
  };
  return {
    name: 'linger-minify',
    async renderChunk(code, chunk, outputOptions, meta) {
      // The Shopify copy (`build:shopify`) takes esbuild for every chunk: the tests build it before
      // they run, and terser would triple that time for ~3 % of gzip (docs/shopify.md § The extension's assets).
      const useTerser = process.env.LINGER_TERSER_ALL || (!process.env.LINGER_SHOPIFY && !isAgoraSdk(chunk));
      if (useTerser) return viaTerser.renderChunk.call(this, code, chunk, outputOptions, meta);
      const result = await esbuildTransform(code, { minify: true, format: 'esm', target: 'es2020', legalComments: 'inline' });
      return { code: result.code, map: null };
    },
  };
}

/**
 * Writes dist/cdn-stats.json (next to the output folder): per CDN chunk, its imports and dynamic
 * imports, the rendered bytes each package (or `src`) put in it, and which Agora modules (the SDKs,
 * our src/transports/agora-* adapter) it holds. bench/size.mjs reads it. It sits outside dist/cdn so
 * that folder holds only what browsers load.
 */
function cdnStats() {
  const agoraModule = (id) =>
    /\/node_modules\/(agora-[^/]+|@agora-js\/[^/]+)\//.test(id) || /\/src\/transports\/agora-[^/]+\.ts$/.test(id);
  return {
    name: 'linger-cdn-stats',
    writeBundle(options, bundle) {
      const chunks = Object.values(bundle)
        .filter((output) => output.type === 'chunk')
        .sort((a, b) => (a.fileName < b.fileName ? -1 : 1))
        .map((chunk) => {
          const sources = {};
          let agoraBytes = 0;
          const agoraModules = [];
          for (const [id, { renderedLength }] of Object.entries(chunk.modules)) {
            const where = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1] ?? (id.startsWith(srcDir) ? 'src' : 'other');
            sources[where] = (sources[where] ?? 0) + renderedLength;
            if (agoraModule(id) && renderedLength > 0) {
              agoraBytes += renderedLength;
              agoraModules.push(path.relative(root, id.replace(/^\0/, '').replace(/\?.*$/, '')));
            }
          }
          return {
            file: chunk.fileName,
            isEntry: chunk.isEntry,
            imports: chunk.imports,
            dynamicImports: chunk.dynamicImports,
            renderedBytes: sources,
            agoraBytes,
            agoraModules: [...new Set(agoraModules)],
          };
        });
      const dir = path.resolve(root, options.dir);
      const statsFile = `${dir}-stats.json`; // dist/cdn → dist/cdn-stats.json
      writeFileSync(statsFile, `${JSON.stringify({ dir: path.relative(root, dir), chunks }, null, 2)}\n`);
    },
  };
}

/**
 * CDN only: the indentation in our lit `html\`…\`` and `svg\`…\`` templates (terser keeps template
 * text as written). A run of whitespace that holds a line break becomes one space, which renders the
 * same in normal white-space (no template of ours sits in `pre`). Runs on the JavaScript esbuild
 * wrote, found through the syntax tree, so nested templates and `${…}` code are never touched.
 */
function squeezeHtmlLiterals() {
  const visit = (node, found) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'html' || node.tag.name === 'svg')) {
      for (const quasi of node.quasi.quasis) found.push(quasi);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) visit(child, found);
      else if (value && typeof value === 'object' && value !== node.loc) visit(value, found);
    }
  };
  return {
    name: 'linger-squeeze-html-literals',
    transform(code, id) {
      if (!id.startsWith(srcDir) || !/\b(html|svg)`/.test(code)) return null;
      const found = [];
      visit(this.parse(code), found);
      let out = code;
      for (const quasi of found.sort((a, b) => b.start - a.start)) {
        const raw = out.slice(quasi.start, quasi.end);
        out = out.slice(0, quasi.start) + raw.replace(/[ \t]*\n\s*/g, ' ') + out.slice(quasi.end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * CDN only: squeezes the whitespace and comments out of our lit `css\`…\`` literals (terser keeps
 * template text as written). Conservative on purpose: runs of whitespace become one space, and the
 * space next to `{ } ; ,` and after a declaration's `:` goes; combinators (`a b`, `a > b`) and `:host` selectors are untouched.
 */
function minifyCssLiterals() {
  const squeeze = (cssText) =>
    cssText
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      // The space after a declaration's colon and before `!important` (never in our selectors or strings).
      .replace(/: /g, ':')
      .replace(/ !important/g, '!important')
      // A leading zero (`0.5em` → `.5em`), where a number starts.
      .replace(/([\s:,(/*+-])0\.(\d)/g, '$1.$2')
      .trim();
  return {
    name: 'linger-minify-css-literals',
    transform(code, id) {
      if (!id.startsWith(srcDir) || !code.includes('css`')) return null;
      // A css literal without backticks inside; `${…}` interpolations are kept verbatim.
      const out = code.replace(/\bcss`([^`]*)`/g, (_, body) =>
        `css\`${body.split(/(\$\{[^}]*\})/).map((part, index) => (index % 2 ? part : squeeze(part))).join('')}\``,
      );
      return { code: out, map: null };
    },
  };
}

/**
 * One `base` chunk for what every element loads first: lit's core, nanostores, and our small
 * shared modules (room lookup, controllers, i18n, shared styles). One file gzips better than the
 * ten tiny chunks rollup would cut. lit directives and everything lazy stay where rollup puts them.
 */
const BASE_MODULES = [
  /[\\/]node_modules[\\/](lit-html[\\/]lit-html|lit-element[\\/]|@lit[\\/]reactive-element[\\/]|nanostores[\\/])/,
  /[\\/]src[\\/](i18n|utilities)[\\/]/,
  // The card look every card shares; the quiz's, vote's and lottery's own blocks (choice, verify) stay with them.
  /[\\/]src[\\/]styles[\\/](card\.styles|css-props|host\.styles)\.ts$/,
  // Only the controllers every element uses at first paint; the host console's desk, the RTC
  // controller and the danmaku feed stay with the element that uses them (issue 14: the storefront
  // page's first-paint bytes).
  /[\\/]src[\\/]controllers[\\/](room-controller|room-element|viewer-controller|disconnect-grace|lazy-view)\.ts$/,
  /[\\/]src[\\/]core[\\/](registry|primitives|retry)\.ts$/,
  /[\\/]src[\\/]events[\\/]dom[\\/]linger-error\.ts$/,
  // What loads the connection status on demand (not the status itself): the overlay and player share it.
  /[\\/]src[\\/]elements[\\/]connection-status[\\/]on-demand\.ts$/,
  /[\\/]src[\\/]transports[\\/]transport\.ts$/,
];
const baseChunk = (id) => (BASE_MODULES.some((pattern) => pattern.test(id)) ? 'base' : undefined);

/**
 * Ships the theme presets (src/themes/*.css) as plain files: `dist/themes/`, `dist/cdn/themes/` and
 * the Shopify assets' `theme-<name>.css`.
 */
function themePresets(prefix = 'themes/') {
  const themesDir = path.join(srcDir, 'themes');
  return {
    name: 'linger-theme-presets',
    generateBundle() {
      for (const file of readdirSync(themesDir).filter((name) => name.endsWith('.css'))) {
        this.emitFile({ type: 'asset', fileName: `${prefix}${file}`, source: readFileSync(path.join(themesDir, file), 'utf8') });
      }
    },
  };
}

/** @type {import('rollup').RollupOptions} */
const npm = {
  input: [path.join(srcDir, 'index.ts'), path.join(srcDir, 'react', 'index.ts'), ...registrations.map(({ file }) => file)],
  external: isDependency,
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: '[name].js',
    sourcemap: true,
  },
  plugins: [dependenciesOnly(), typescript({ sourceMap: true }), flatElementEntries(), themePresets()],
  onwarn,
};

/**
 * What the autoloader (src/cdn/linger.ts) needs to know of the build, written per output so each
 * layout names its own files: `__LINGER_ELEMENT_TAGS__` becomes the tags, space-separated, and
 * `__LINGER_ELEMENT_FILE__` the file of a tag with `%` for the tag — `./elements/%.js` in dist/cdn,
 * `./element-%.js` in the Shopify assets; relative to the autoloader's URL. (A pattern and a list
 * gzip to fewer bytes than a tag → file map: the autoloader is on every page.)
 */
function elementFiles(fileOf) {
  const tags = registrations.filter(({ flat }) => flat).map(({ base }) => base);
  if (!tags.every((tag) => `./${fileOf(tag)}` === `./${fileOf('%')}`.replace('%', tag))) throw new Error('rollup.config.mjs: an element file is not named after its tag');
  const values = { __LINGER_ELEMENT_TAGS__: tags.join(' '), __LINGER_ELEMENT_FILE__: `./${fileOf('%')}` };
  return {
    name: 'linger-element-files',
    renderChunk(code, chunk) {
      if (chunk.facadeModuleId !== cdnEntry) return null;
      let out = code;
      for (const [placeholder, value] of Object.entries(values)) {
        const pattern = new RegExp(`(["'\`])${placeholder}\\1`);
        if (!pattern.test(out)) this.error(`src/cdn/linger.ts lost its ${placeholder} placeholder`);
        out = out.replace(pattern, JSON.stringify(value));
      }
      return { code: out, map: null };
    },
  };
}

/** What the Shopify output writes, and the only files it removes before writing (hand-written assets stay). */
export const SHOPIFY_ASSETS = path.join(root, 'integrations', 'shopify', 'extensions', 'linger', 'assets');
export const SHOPIFY_GENERATED = /^(linger\.js|element-linger-[a-z0-9-]+\.js|chunk-[\w.-]+\.js|theme-[\w-]+\.css)$/;

/** Removes the previous build's generated assets (their hashed names change) before writing. */
function cleanShopifyAssets() {
  return {
    name: 'linger-clean-shopify-assets',
    generateBundle() {
      for (const name of existsSync(SHOPIFY_ASSETS) ? readdirSync(SHOPIFY_ASSETS) : []) {
        if (SHOPIFY_GENERATED.test(name)) rmSync(path.join(SHOPIFY_ASSETS, name));
      }
    },
  };
}

/** @type {import('rollup').RollupOptions} */
const cdn = {
  // The autoloader, plus one entry per tag named after it (`elements/linger-room.js`), which the
  // autoloader imports from its own base URL on first sight of the tag.
  input: { linger: cdnEntry, ...Object.fromEntries(registrations.map(({ base, file }) => [`elements/${base}`, file])) },
  output: process.env.LINGER_SHOPIFY
    ? {
        // Flat: every import is `./<file>`, so the files resolve beside linger.js on Shopify's CDN,
        // whatever query (`?v=…`) the entry URL carries. No chunk imports linger.js itself
        // (test/integrations/shopify-assets.node.test.mjs), which would load it twice.
        dir: SHOPIFY_ASSETS,
        format: 'es',
        entryFileNames: (chunk) => (chunk.name.startsWith('elements/') ? `element-${chunk.name.slice('elements/'.length)}.js` : '[name].js'),
        chunkFileNames: chunkFileNames('chunk-'),
        generatedCode: 'es2015',
        manualChunks: baseChunk,
        plugins: [cleanShopifyAssets(), elementFiles((base) => `element-${base}.js`), themePresets('theme-')],
      }
    : {
        dir: 'dist/cdn',
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: chunkFileNames('chunks/'),
        generatedCode: 'es2015',
        manualChunks: baseChunk,
        plugins: [elementFiles((base) => `elements/${base}.js`), themePresets(), cdnStats()],
      },
  plugins: [
    agoraRtcBridge(),
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production'), LINGER_CDN_BUILD: 'true' } }),
    packageBrowserFields(),
    nodeResolve({ browser: true, exportConditions: ['production'], extensions: ['.mjs', '.js', '.ts', '.json'] }),
    // The bridge module also exports `installRtc`: RTM must still receive the bridge object itself.
    commonjs({ requireReturnsDefault: (id) => (id === rtcBridge ? 'preferred' : 'auto') }),
    typescript({ sourceMap: false }),
    minifyCssLiterals(),
    squeezeHtmlLiterals(),
    minify(),
  ],
  onwarn,
};

export default process.env.LINGER_SHOPIFY ? [cdn] : [npm, cdn];
