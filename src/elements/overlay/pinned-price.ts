/**
 * The pinned row's price, priced the way `<linger-product>` prices it (src/elements/product/format.ts
 * `productPrice`): on a Shopify storefront the viewer's own shop answers for the pin
 * (`{root}products/<handle>.js`, the viewer's market and currency) and the pinned variant's price is
 * shown; elsewhere, or until it answers, the pin's price in the page's language. Loaded with the
 * first pin, never on first paint.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Product } from '../../core/protocol.js';
import { shopify } from '../product/cart.js';
import { moneyFormatOf, productPrice, storefrontRoot, type PriceFormatter } from '../product/format.js';
import { handleOf, initialVariant, loadStorefrontProduct, type ShopVariant } from '../product/shop-product.js';

export class PinnedPrice {
  /** The pin last asked for (`id url variantId`) and the variant the shop answered with. */
  private asked = '';
  private variant: ShopVariant | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** `currency` and `moneyFormat` as on `<linger-product>`; the room's `money-format` when the element has none. */
  text(l10n: PriceFormatter, product: Product, currency: string, moneyFormat: string, room: Element | null): string {
    this.resolve(product);
    return productPrice(l10n, product, this.variant, '', currency, moneyFormatOf(moneyFormat, room));
  }

  private resolve(product: Product): void {
    const key = `${product.id} ${product.url ?? ''} ${product.variantId ?? ''}`;
    if (key === this.asked) return;
    this.asked = key;
    this.variant = undefined;
    const handle = shopify() ? handleOf(product.url) : null;
    if (!handle) return;
    loadStorefrontProduct(storefrontRoot(), handle).then(
      (shop) => {
        if (this.asked !== key || !shop) return;
        this.variant = initialVariant(shop, product.variantId);
        this.host.requestUpdate();
      },
      () => {
        if (this.asked === key) this.asked = ''; // offline: asked again on the next render
      },
    );
  }
}
