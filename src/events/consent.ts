/**
 * Consent: `granted`, `denied`, or `shopify` (the Customer Privacy API decides:
 * `Shopify.customerPrivacy.analyticsProcessingAllowed()`, re-checked on `visitorConsentCollected`).
 * Until it says yes, events stay in memory: nothing is sent and no id is stored.
 */
export type ConsentMode = 'granted' | 'denied' | 'shopify' | '';

interface CustomerPrivacy {
  analyticsProcessingAllowed(): boolean;
}
interface ShopifyGlobal {
  customerPrivacy?: CustomerPrivacy;
  loadFeatures?(features: Array<{ name: string; version: string }>, callback: (error?: unknown) => void): void;
}

export class ConsentGate {
  private mode: ConsentMode = '';
  private allowed = false;
  private readonly listeners = new Set<(allowed: boolean) => void>();
  private readonly onCollected = () => this.recheck();
  private listening = false;

  get granted(): boolean {
    return this.allowed;
  }

  /** Only `granted` (or the Customer Privacy API's yes in `shopify` mode) allows; unset means not yet. */
  set(mode: ConsentMode): void {
    this.mode = mode;
    if (mode === 'shopify') {
      this.listen();
      this.loadShopifyApi();
    } else this.unlisten();
    this.recheck();
  }

  onChange(listener: (allowed: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recheck(): void {
    const allowed = this.mode === 'shopify' ? shopifyAllows() : this.mode === 'granted';
    if (allowed === this.allowed) return;
    this.allowed = allowed;
    for (const listener of this.listeners) listener(allowed);
  }

  /** Stops following the Customer Privacy API (the room is gone); `set()` starts again. */
  pause(): void {
    this.unlisten();
  }

  dispose(): void {
    this.unlisten();
    this.listeners.clear();
  }

  private listen(): void {
    if (this.listening || typeof document === 'undefined') return;
    this.listening = true;
    document.addEventListener('visitorConsentCollected', this.onCollected);
  }

  private unlisten(): void {
    if (!this.listening) return;
    this.listening = false;
    document.removeEventListener('visitorConsentCollected', this.onCollected);
  }

  /** The Customer Privacy API is loaded on demand in some themes. */
  private loadShopifyApi(): void {
    const shopify = (globalThis as { Shopify?: ShopifyGlobal }).Shopify;
    if (shopify?.customerPrivacy || typeof shopify?.loadFeatures !== 'function') return;
    try {
      shopify.loadFeatures([{ name: 'consent-tracking-api', version: '0.1' }], () => this.recheck());
    } catch {
      // No API: consent stays unknown (= not allowed).
    }
  }
}

function shopifyAllows(): boolean {
  try {
    const privacy = (globalThis as { Shopify?: ShopifyGlobal }).Shopify?.customerPrivacy;
    return typeof privacy?.analyticsProcessingAllowed === 'function' && privacy.analyticsProcessingAllowed() === true;
  } catch {
    return false;
  }
}
