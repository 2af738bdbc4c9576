/**
 * The CDN entry (`dist/cdn/linger.js`): an autoloader. A merchant adds one
 * `<script type="module" src="…/linger.js">`; this watches the page for `linger-*` tags — also
 * ones a theme adds later, e.g. when Dawn re-renders a product section — and imports each tag's
 * file the first time it sees the tag. Nothing else loads up front: an element never used on the
 * page is never downloaded.
 *
 * Where each tag's file is comes from the build (rollup.config.mjs `elementFiles`): a map of paths
 * relative to this script's own URL — `./elements/linger-room.js` in dist/cdn, the flat
 * `./element-linger-room.js` in the Shopify extension's assets (docs/shopify.md).
 *
 * @packageDocumentation
 */

import { reserveCss } from './reserve.js';

const PREFIX = 'linger-';
const ROOM = 'linger-room';
const requested = new Set<string>();
// A room marked `data-linger-defer` (the Shopify app embed, on every page) loads only once another
// Linger element is on the page: a page without one costs this script alone, and its room never
// connects or fetches a token (docs/shopify.md § What a page costs).
let elementSeen = false;
let roomWaiting = false;
// Replaced by the build (rollup.config.mjs elementFiles): the element tags, and a tag's file with `%` for the tag.
const tags = '__LINGER_ELEMENT_TAGS__'.split(' ');
const fileTemplate = '__LINGER_ELEMENT_FILE__';

function load(tag: string): void {
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  if (!tags.includes(tag)) {
    console.warn(`[linger] <${tag}> is not a Linger element: is the tag spelled right?`);
    return;
  }
  // The script's own URL is the base (the CDN path, a Shopify asset URL, a self-hosted copy); its
  // query, such as Shopify's `?v=…`, is not carried over.
  const url = new URL(fileTemplate.replace('%', tag), import.meta.url).href;
  // One import per task: starting seven module loads in one task made a long one (issue 14).
  setTimeout(() => import(/* @vite-ignore */ url).catch((error: unknown) => {
    requested.delete(tag);
    console.warn(`[linger] <${tag}> could not be loaded from ${url}`, error);
  }));
}

function see(element: Element): void {
  const tag = element.localName;
  if (!tag.startsWith(PREFIX) || customElements.get(tag)) return;
  if (tag === ROOM && element.hasAttribute('data-linger-defer') && !elementSeen) {
    roomWaiting = true;
    return;
  }
  if (tag !== ROOM && !elementSeen) {
    elementSeen = true;
    if (roomWaiting) load(ROOM);
  }
  load(tag);
}

function discover(root: ParentNode): void {
  for (const element of root.querySelectorAll(':not(:defined)')) see(element);
}

function start(): void {
  // Each element's box before its module arrives (src/cdn/reserve.ts): nothing moves when it upgrades.
  const style = document.createElement('style');
  style.textContent = reserveCss;
  document.head.prepend(style);
  // The page's tags are looked for a task later: not in the task that runs this script, which also
  // lays out the page once its HTML is parsed.
  setTimeout(watch);
}

function watch(): void {
  discover(document);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        see(element);
        if (element.firstElementChild) discover(element);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (typeof document !== 'undefined' && typeof customElements !== 'undefined') start();
