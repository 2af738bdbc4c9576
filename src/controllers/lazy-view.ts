/**
 * A part of an element that only some pages show (a replay's chapters, the host's topic): its
 * template and styles arrive in a chunk of their own the first time a render needs them, so the
 * storefront's first load carries only what every page shows (≤ 35 KB, bench/size.mjs).
 */
import { supportsAdoptingStyleSheets, type CSSResult, type ReactiveElement } from 'lit';

export interface ViewModule {
  /** The part's styles, added to the element's own when the module arrives (none: it draws with the element's). */
  styles?: CSSResult;
}

export class LazyView<M extends object> {
  private module: M | null = null;
  private requested = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly load: () => Promise<M>,
  ) {}

  /** The module, or `null` until it has arrived (asked for once; the element re-renders then). */
  get(): M | null {
    if (!this.module && !this.requested) {
      this.requested = true;
      const arrived = this.load().then(
        (module) => {
          const { styles } = module as ViewModule;
          if (styles) addStyles(this.host, styles);
          this.module = module;
          this.host.requestUpdate();
        },
        // The part stays away (it is never essential); the element keeps working without it.
        (error: unknown) => console.warn(`[linger] <${this.host.localName}>: a part of it could not be loaded`, error),
      );
      let pending = loading.get(this.host);
      if (!pending) loading.set(this.host, (pending = new Set()));
      pending.add(arrived);
      void arrived.then(() => pending.delete(arrived));
    }
    return this.module;
  }
}

const loading = new WeakMap<ReactiveElement, Set<Promise<void>>>();

/** Settles when the parts `host` asked for so far have arrived (or failed): `updateComplete` waits for them. */
export function partsArrived(host: ReactiveElement): Promise<unknown> | null {
  const pending = loading.get(host);
  return pending?.size ? Promise.all(pending) : null;
}

/** Adds `styles` to an element's shadow root after it rendered (as Lit adopts its own). */
export function addStyles(host: ReactiveElement, styles: CSSResult): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  if (supportsAdoptingStyleSheets && styles.styleSheet) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
    return;
  }
  // Where constructable sheets are missing, as Lit itself does: a <style> with the page's nonce.
  const style = document.createElement('style');
  const nonce = (globalThis as { litNonce?: string }).litNonce;
  if (nonce !== undefined) style.setAttribute('nonce', nonce);
  style.textContent = styles.cssText;
  root.appendChild(style);
}
