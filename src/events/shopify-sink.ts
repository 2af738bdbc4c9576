import type { EventSink } from './sink.js';
import type { LingerEvent } from './types.js';

interface ShopifyAnalytics {
  publish(name: string, payload: unknown): unknown;
}

/**
 * Publishes each event as a Shopify custom event (`linger:<type>`) through
 * `Shopify.analytics.publish`, so the shop's web pixels (GA4, Meta, …) can subscribe to them.
 * Events that arrive before `Shopify.analytics` exists are held (at most `limit`) and published
 * when it appears on a later event or `flush()`.
 */
export class ShopifySink implements EventSink {
  private readonly held: LingerEvent[] = [];
  /** Events dropped because the hold queue was full. */
  overflow = 0;

  constructor(
    private readonly options: { prefix?: string; limit?: number; analytics?: () => ShopifyAnalytics | undefined } = {},
  ) {}

  accept(event: LingerEvent): void {
    this.held.push(event);
    if (this.held.length > (this.options.limit ?? 1000)) {
      this.held.shift();
      this.overflow++;
    }
    this.flush();
  }

  flush(): void {
    const analytics = this.analytics();
    if (!analytics) return;
    const prefix = this.options.prefix ?? 'linger:';
    for (const event of this.held.splice(0)) {
      try {
        void analytics.publish(`${prefix}${event.type}`, event);
      } catch (error) {
        console.warn('[linger] Shopify.analytics.publish failed', error);
      }
    }
  }

  private analytics(): ShopifyAnalytics | undefined {
    if (this.options.analytics) return this.options.analytics();
    const shopify = (globalThis as { Shopify?: { analytics?: ShopifyAnalytics } }).Shopify;
    return typeof shopify?.analytics?.publish === 'function' ? shopify.analytics : undefined;
  }
}
