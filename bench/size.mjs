// Size bench: what the CDN build (dist/cdn, `npm run build`) costs a visitor, in gzip -9 KB.
//
// - first paint: dist/cdn/linger.js and every file it imports statically (transitively) — what a
//   page downloads for `<script type="module" src=".../linger.js">`;
// - one lazy group per dynamic `import()` reachable from it: the imported file plus everything it
//   loads in turn (static or dynamic) that first paint did not already bring, e.g. the Agora RTM
//   adapter and its SDK. A chunk shared by two groups counts in the first one that reaches it.
//
// The chunk graph and which chunks hold Agora code (the SDK packages and our src/transports/agora-*
// adapter) come from dist/cdn-stats.json, written by the CDN build; sizes from the files themselves.
//
// - the Shopify app embed: a page without a Linger block (the autoloader alone) and a page with a
//   player block and Agora (requests and KB; docs/shopify.md § What a page costs).
//
// Targets: first paint ≤ 35 KB gzip, and no Agora code in first paint. Run by bench/run.mjs
// (`npm run bench -- size`), which writes bench/results/size.json. Builds first when dist/cdn is
// missing.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cdnDir = path.resolve(root, 'dist/cdn');
const entry = path.join(cdnDir, 'linger.js');
const statsPath = `${cdnDir}-stats.json`;
const FIRST_PAINT_MAX_KB = 35;

export default async function run() {
if (!existsSync(entry) || !existsSync(statsPath)) {
  console.log('dist/cdn is missing: running npm run build first.');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}

/** Per chunk, from the build itself (rollup.config.mjs → dist/cdn-stats.json): imports and Agora modules. */
const stats = new Map(JSON.parse(readFileSync(statsPath, 'utf8')).chunks.map((chunk) => [chunk.file, chunk]));
const files = new Map();
function file(name) {
  if (files.has(name)) return files.get(name);
  const chunk = stats.get(name);
  if (!chunk) throw new Error(`dist/cdn-stats.json does not describe ${name}: rebuild (npm run build).`);
  const code = readFileSync(path.join(cdnDir, name));
  const info = {
    name,
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    agoraModules: chunk.agoraModules,
    agoraBytes: chunk.agoraBytes,
    staticImports: chunk.imports,
    dynamicImports: chunk.dynamicImports,
  };
  files.set(name, info);
  return info;
}

/** Files reachable from `start` through static imports only. */
function staticClosure(start, exclude = new Set()) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || exclude.has(name)) return;
    seen.add(name);
    for (const next of file(name).staticImports) visit(next);
  };
  visit(start);
  return seen;
}

const firstPaint = staticClosure('linger.js');

// A storefront with player + overlay + countdown: the autoloader, then each tag's entry with all
// it imports statically — what loads before the viewer interacts or the stream starts.
const PAGE_TAGS = ['linger-room', 'linger-player', 'linger-overlay', 'linger-countdown'];
const pageFiles = new Set(firstPaint);
for (const tag of PAGE_TAGS) {
  const entry = `elements/${tag}.js`;
  if (stats.has(entry)) for (const name of staticClosure(entry)) pageFiles.add(name);
  else console.warn(`(${entry} is not built yet: the page figure leaves it out)`);
}


/** Lazy groups: each dynamic import seen from first paint, with all it loads in turn. */
const groups = [];
// Element entries are imported by the autoloader at run time (a URL rollup cannot see), so lazy
// groups start from every file the page loads.
const grouped = new Set(pageFiles);
const queue = [...pageFiles].flatMap((name) => file(name).dynamicImports);
// Each dynamic import is its own group (what loads at that moment); imports it makes later, such
// as the room's session chunk importing the RTM SDK, become groups of their own.
for (const start of queue) {
  if (grouped.has(start)) continue;
  const members = [...staticClosure(start, grouped)];
  for (const member of members) {
    grouped.add(member);
    queue.push(...file(member).dynamicImports);
  }
  groups.push({ name: groupName(start), members });
}

/** `chunks/agora-rtm-AbC123.js` → `agora-rtm`. */
function groupName(name) {
  return path.basename(name, '.js').replace(/-[\w-]{8}$/, '');
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const sum = (names, key) => [...names].reduce((total, name) => total + file(name)[key], 0);

// Targets are judged on these unrounded sizes: 35.04 KB is over a 35 KB budget even if it prints 35.
const exactKb = {
  autoloader_kb: sum(firstPaint, 'gzip') / 1024,
  page_room_player_overlay_countdown_kb: sum(pageFiles, 'gzip') / 1024,
};
const figures = {
  autoloader_kb: kb(sum(firstPaint, 'gzip')),
  page_room_player_overlay_countdown_kb: kb(sum(pageFiles, 'gzip')),
  first_paint_kb: kb(sum(firstPaint, 'gzip')),
  first_paint_raw_kb: kb(sum(firstPaint, 'bytes')),
  // Rendered (pre-minification) bytes of Agora SDK modules and our agora-* adapters in first paint.
  agora_in_first_paint_kb: kb(sum(firstPaint, 'agoraBytes')),
};
for (const group of groups) figures[`lazy_${group.name.replace(/\W+/g, '_')}_kb`] = kb(sum(group.members, 'gzip'));
// Files in dist/cdn that linger.js never loads (e.g. future per-element entries) are listed, not summed.
const unreached = [...stats.keys()].filter((name) => !grouped.has(name)).sort();

// The Shopify app embed, on every page of the shop (docs/shopify.md § What a page costs). The
// extension's flat copy holds these same files under other names.
// - A page without a Linger block: the embed's room waits (`data-linger-defer`), so only the
//   autoloader and its static imports load.
// - A page with a player block, a channel and an Agora app id: that, plus the room and the player
//   with their static imports, every lazy group that holds Agora code (RTM adapter and SDK, RTC),
//   and one token fetch (counted as a request, not in the KB).
const viewerFiles = new Set(firstPaint);
for (const tag of ['linger-room', 'linger-player']) if (stats.has(`elements/${tag}.js`)) for (const name of staticClosure(`elements/${tag}.js`)) viewerFiles.add(name);
for (const group of groups) if (group.members.some((name) => file(name).agoraModules.length > 0)) for (const name of group.members) viewerFiles.add(name);
figures.shopify_page_without_block_requests = firstPaint.size;
figures.shopify_page_without_block_kb = kb(sum(firstPaint, 'gzip'));
figures.shopify_viewer_page_agora_requests = viewerFiles.size + 1;
figures.shopify_viewer_page_agora_kb = kb(sum(viewerFiles, 'gzip'));

// The autoloader was 0.4 KB; it is 0.9 with the reserve stylesheet (src/cdn/reserve.ts, zero layout
// shift) and the deferred room of the Shopify embed. Held at 1 KB so growth shows.
const AUTOLOADER_MAX_KB = 1;
const targets = {
  autoloader_kb: AUTOLOADER_MAX_KB,
  page_room_player_overlay_countdown_kb: FIRST_PAINT_MAX_KB,
  agora_in_first_paint_kb: 0,
  shopify_page_without_block_requests: 1,
  shopify_page_without_block_kb: AUTOLOADER_MAX_KB,
};
const pass = Object.entries(targets).every(([key, max]) => (exactKb[key] ?? figures[key]) <= max);

// The table.
const rows = [];
const row = (label, paths) => rows.push([label, kb(sum(paths, 'bytes')), kb(sum(paths, 'gzip'))]);
row('first paint (linger.js autoloader + static imports)', firstPaint);
row(`storefront page (${PAGE_TAGS.join(', ')})`, pageFiles);
const label = (name) => `  ${name}${file(name).agoraModules.length > 0 ? `  (${file(name).agoraModules.map((id) => path.basename(id)).join(', ')})` : ''}`;
for (const name of firstPaint) rows.push([label(name), kb(file(name).bytes), kb(file(name).gzip)]);
for (const group of groups) {
  row(`lazy: ${group.name}`, group.members);
  for (const name of group.members) rows.push([label(name), kb(file(name).bytes), kb(file(name).gzip)]);
}
for (const name of unreached) rows.push([`not loaded by linger.js: ${name}`, kb(file(name).bytes), kb(file(name).gzip)]);
const width = Math.max(...rows.map(([label]) => label.length), 10);
console.log(`${'file'.padEnd(width)}  ${'raw KB'.padStart(8)}  ${'gzip KB'.padStart(8)}`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(8)}  ${'-'.repeat(8)}`);
for (const [label, raw, gzip] of rows) console.log(`${label.padEnd(width)}  ${String(raw).padStart(8)}  ${String(gzip).padStart(8)}`);
console.log('');
console.log(
  `autoloader ${figures.autoloader_kb} KB gzip (target ≤ ${AUTOLOADER_MAX_KB}) · storefront page ${figures.page_room_player_overlay_countdown_kb} KB (target ≤ ${FIRST_PAINT_MAX_KB}) · Agora code in first paint: ` +
    `${figures.agora_in_first_paint_kb} KB (target 0) → ${pass ? 'PASS' : 'FAIL'}   (KB = 1024 bytes, gzip -9)`,
);

console.log(
  `Shopify embed: page without a block ${figures.shopify_page_without_block_requests} request(s), ${figures.shopify_page_without_block_kb} KB · ` +
    `page with a player block and Agora ${figures.shopify_viewer_page_agora_requests} requests (token fetch included), ${figures.shopify_viewer_page_agora_kb} KB`,
);

return { figures, targets };
}
