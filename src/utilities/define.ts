/**
 * Registers a custom element once. A page that loads Linger twice (the CDN script and an npm
 * bundle) must not throw "already defined": the second copy warns and steps aside.
 */
export function define(tag: string, element: CustomElementConstructor): void {
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
