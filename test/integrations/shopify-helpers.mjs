// Helpers for test/integrations/shopify.node.test.mjs: Shopify's theme-check run offline, and the
// extension's blocks rendered with liquidjs plus stubs for the few Shopify-only filters they use.
import { execSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { Liquid, Tag } from 'liquidjs';

export const root = new URL('../..', import.meta.url).pathname;
export const extensionDir = join(root, 'integrations', 'shopify', 'extensions', 'linger');

/**
 * The extension's flat copy of the CDN build (`npm run build:shopify`, not committed): built when
 * missing or older than any file of src/ or rollup.config.mjs, so a test never reads a stale copy.
 */
export function ensureShopifyAssets() {
  const entry = join(extensionDir, 'assets', 'linger.js');
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const sources = [join(root, 'rollup.config.mjs'), ...readdirSync(join(root, 'src'), { recursive: true }).map((file) => join(root, 'src', String(file)))];
  if (sources.some((file) => statSync(file).mtimeMs > built)) execSync('npm run build:shopify', { cwd: root, stdio: 'ignore' });
}

/** Files of Shopify/theme-liquid-docs that theme-check reads as `data/…`; the rest are JSON schemas. */
const DOCS_DATA = new Set(['filters', 'objects', 'tags', 'latest', 'shopify_system_translations']);

/**
 * theme-check fetches Shopify/theme-liquid-docs from GitHub before every run and falls back to the
 * copy bundled in @shopify/theme-check-docs-updater. To stay on this machine, lay that bundled copy
 * out as the repository it mirrors and point SHOPIFY_TLD_ROOT at it (its cache goes to a temp dir).
 * Must run before @shopify/theme-check-node is first imported: it reads both variables at load.
 */
function useBundledLiquidDocs() {
  const bundled = join(root, 'node_modules', '@shopify', 'theme-check-docs-updater', 'data');
  const mirror = mkdtempSync(join(tmpdir(), 'linger-liquid-docs-'));
  mkdirSync(join(mirror, 'data'));
  mkdirSync(join(mirror, 'schemas', 'theme'), { recursive: true });
  for (const file of readdirSync(bundled)) {
    const name = basename(file, '.json');
    const folder = DOCS_DATA.has(name) ? 'data' : name.startsWith('manifest_') ? 'schemas' : join('schemas', 'theme');
    copyFileSync(join(bundled, file), join(mirror, folder, file));
  }
  const cache = mkdtempSync(join(tmpdir(), 'linger-liquid-docs-cache-'));
  process.env.SHOPIFY_TLD_ROOT = mirror;
  process.env.XDG_CACHE_HOME = cache;
  process.on('exit', () => {
    for (const dir of [mirror, cache]) rmSync(dir, { recursive: true, force: true });
  });
}

let themeCheckNode;

/**
 * Runs theme-check on an extension folder. The path must be absolute: a relative one finds no files
 * and reports nothing. Returns the offenses and the checked files' paths.
 */
export async function themeCheck(dir) {
  if (!isAbsolute(dir)) throw new Error(`themeCheck needs an absolute path, got ${dir}`);
  if (!themeCheckNode) {
    useBundledLiquidDocs();
    themeCheckNode = await import('@shopify/theme-check-node');
  }
  const { theme, offenses, config } = await themeCheckNode.themeCheckRun(dir);
  return { offenses, context: config.context, files: theme.map((file) => file.uri) };
}

/** One line per offense, for assertion messages. */
export function describeOffenses(offenses) {
  const severity = ['error', 'warning', 'info'];
  return offenses.map((o) => `${severity[o.severity]} ${o.check} ${o.uri.split('/').slice(-2).join('/')}:${o.start.line} ${o.message}`).join('\n');
}

/** The JSON of a block's `{% schema %}`. */
export function blockSchema(name) {
  const source = readFileSync(join(extensionDir, 'blocks', `${name}.liquid`), 'utf8');
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!match) throw new Error(`blocks/${name}.liquid has no schema`);
  return JSON.parse(match[1]);
}

/** The settings a block has before the merchant touches it (Shopify leaves settings without a default nil). */
export function defaultSettings(name) {
  const settings = {};
  for (const setting of blockSchema(name).settings) if ('default' in setting) settings[setting.id] = setting.default;
  return settings;
}

/** Storefront strings (`| t`) from locales/en.default.json. */
function translate(key) {
  const strings = JSON.parse(readFileSync(join(extensionDir, 'locales', 'en.default.json'), 'utf8'));
  const value = key.split('.').reduce((node, part) => node?.[part], strings);
  if (typeof value !== 'string') throw new Error(`missing storefront translation ${key}`);
  return value;
}

/** `{% schema %}` renders nothing on the storefront. */
class SchemaTag extends Tag {
  constructor(token, remainTokens, liquid) {
    super(token, remainTokens, liquid);
    while (remainTokens.length) {
      if (remainTokens.shift().name === 'endschema') return;
    }
    throw new Error('{% schema %} is not closed');
  }
  *render() {}
}

/** Shopify's CDN image URL, protocol-relative like the real `image_url`. */
const IMAGE_CDN = '//cdn.shopify.example/files/';

function createEngine() {
  const engine = new Liquid({ root: [join(extensionDir, 'blocks'), join(extensionDir, 'snippets')], extname: '.liquid', strictFilters: true });
  engine.registerTag('schema', SchemaTag);
  engine.registerFilter('t', translate);
  engine.registerFilter('image_url', (image, ...options) => {
    const width = options.find((option) => Array.isArray(option) && option[0] === 'width')?.[1];
    return `${IMAGE_CDN}${image.src}${width ? `?width=${width}` : ''}`;
  });
  // Like Shopify's, with a version query: files the entry imports must resolve without it.
  engine.registerFilter('asset_url', (file) => `/assets/${file}?v=123`);
  return engine;
}
const engine = createEngine();

/** What every storefront page has; tests override parts of it. */
export function shopContext(overrides = {}) {
  return {
    request: { locale: { iso_code: 'en' }, design_mode: false, origin: 'https://shop.example' },
    cart: { currency: { iso_code: 'EUR' } },
    shop: { name: 'Example shop', money_format: '€{{amount_with_comma_separator}}' },
    customer: null,
    product: null,
    ...overrides,
  };
}

/** Renders blocks/<name>.liquid with the block's defaults overridden by `settings`. */
export function renderBlock(name, settings = {}, context = shopContext()) {
  const block = { id: `${name}-1`, settings: { ...defaultSettings(name), ...settings }, shopify_attributes: '' };
  return engine.renderFileSync(name, { ...context, block });
}

/**
 * The opening tags of `tag` in `html` and their attributes. Every attribute the blocks write is
 * double-quoted and escaped, so a value never holds `"` or `>`: if escaping failed, the stray quote
 * shows up here as an extra attribute or tag, which the tests look for.
 */
export function findTags(html, tag) {
  const tags = [];
  for (const [, body] of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attributes = {};
    for (const [, name, value] of body.matchAll(/([^\s=/"']+)(?:="([^"]*)")?/g)) attributes[name] = value === undefined ? '' : decodeEntities(value);
    tags.push(attributes);
  }
  return tags;
}

/** HTML entities as Liquid's `escape` writes them. */
export function decodeEntities(text) {
  return text.replace(/&(quot|#39|#34|lt|gt|amp);/g, (_, name) => ({ quot: '"', '#39': "'", '#34': '"', lt: '<', gt: '>', amp: '&' })[name]);
}
