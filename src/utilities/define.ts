// Replaced with `true` by the CDN build (rollup.config.mjs); undeclared elsewhere.
declare const LINGER_CDN_BUILD: boolean;

/**
 * Registers a custom element once. A page that loads Linger twice (the CDN script and an npm
 * bundle) must not throw "already defined": the second copy warns and steps aside.
 *
 * In the CDN build the registration — which upgrades every instance on the page — runs a task after
 * the module's evaluation, so the two stay short tasks on a slow phone (issue 14). Until then the
 * autoloader's stylesheet holds the element's box (src/cdn/reserve.ts). An npm bundle registers at
 * once: its importer may use the element in the same task.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof LINGER_CDN_BUILD !== 'undefined' && LINGER_CDN_BUILD) setTimeout(() => register(tag, element));
  else register(tag, element);
}

function register(tag: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // server-side rendering: nothing to register.
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== element) {
      console.warn(`[linger] <${tag}> is already defined by another copy of Linger on this page; keeping the first.`);
    }
    return;
  }
  registry.define(tag, element);
}
