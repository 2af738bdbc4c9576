/**
 * The CDN entry (`dist/cdn/linger.js`): an autoloader. A merchant adds one
 * `<script type="module" src="…/linger.js">`; this watches the page for `linger-*` tags — also
 * ones a theme adds later, e.g. when Dawn re-renders a product section — and imports each tag's
 * file (`elements/<tag>.js`, beside this script) the first time it sees the tag. Nothing else
 * loads up front: an element never used on the page is never downloaded.
 *
 * @packageDocumentation
 */

import { reserveCss } from './reserve.js';

const PREFIX = 'linger-';
const requested = new Set<string>();
// The script's own URL is the base: the CDN path, a Shopify asset URL or a self-hosted copy.
const base = new URL('./elements/', import.meta.url);

function load(tag: string): void {
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  import(/* @vite-ignore */ new URL(`${tag}.js`, base).href).catch((error: unknown) => {
    requested.delete(tag);
    console.warn(`[linger] <${tag}> could not be loaded from ${base.href}: is the tag spelled right?`, error);
  });
}

function discover(root: ParentNode): void {
  for (const element of root.querySelectorAll(':not(:defined)')) {
    const tag = element.localName;
    if (tag.startsWith(PREFIX)) load(tag);
  }
}

function start(): void {
  // Each element's box before its module arrives (src/cdn/reserve.ts): nothing moves when it upgrades.
  const style = document.createElement('style');
  style.textContent = reserveCss;
  document.head.prepend(style);
  discover(document);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (element.localName.startsWith(PREFIX) && !customElements.get(element.localName)) load(element.localName);
        if (element.firstElementChild) discover(element);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (typeof document !== 'undefined' && typeof customElements !== 'undefined') start();
