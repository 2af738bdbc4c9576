/**
 * The pinned row's price, priced the way `<linger-product>` prices it (src/elements/product/format.ts
 * `productPrice`): on a Shopify storefront the viewer's own shop answers for the pin
 * (`{root}products/<handle>.js`, the viewer's market and currency) and the pinned variant's price is
 * shown; elsewhere, or until it answers, the pin's price in the page's language. The row itself
 * (`renderPinned`, `styles`) comes with it: loaded with the first pin, never on first paint
 * (src/controllers/lazy-view.ts).
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { ShowState } from '../../core/state.js';
import { isHttpUrl } from '../../core/primitives.js';
import type { en } from './overlay.strings.js';
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

/** The pinned product's row: image, title, price (`price()` gives its text), stock and "View". */
export function renderPinned(t: LocalizeController<typeof en>, pinned: NonNullable<ShowState['pinned']>, price: () => string) {
  const { product, remaining } = pinned;
  const soldOut = product.soldOut || remaining === 0;
  return html`<div part="pinned" class="pinned">
    ${product.image && isHttpUrl(product.image) ? html`<img part="pinned-image" src=${product.image} alt="" width="40" height="40" loading="lazy" />` : nothing}
    <span class="pinned-body">
      <span class="pinned-label">${t.term('pinned')}</span>
      <span part="pinned-title" class="pinned-title" dir="auto">${product.title}</span>
      <span class="pinned-meta">
        ${product.price ? html`<bdi part="pinned-price" class="price">${price()}</bdi>` : nothing}
        ${soldOut ? html`<span part="pinned-stock" class="stock out">${t.term('soldOut')}</span>` : remaining !== null ? html`<span part="pinned-stock" class="stock">${t.term('left', t.number(remaining), t.plural(remaining))}</span>` : nothing}
      </span>
    </span>
    ${product.url && isHttpUrl(product.url)
      ? html`<a part="pinned-link" class="view" href=${product.url} target="_blank" rel="noopener noreferrer">${t.term('viewProduct')}<span class="visually-hidden">: <bdi>${product.title}</bdi></span></a>`
      : nothing}
  </div>`;
}

export const styles = css`
  .pinned {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: 6px var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    min-inline-size: 0;
  }
  .pinned img {
    inline-size: 40px;
    block-size: 40px;
    border-radius: 6px;
    object-fit: cover;
    flex: none;
  }
  .pinned-body {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    flex: 1;
  }
  .pinned-label {
    font-size: 0.75em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .pinned-title {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .pinned-meta {
    display: flex;
    gap: 8px;
    font-size: 0.85em;
    min-inline-size: 0;
    overflow: clip;
    overflow-clip-margin: 0.25em;
  }
  .price {
    font-weight: 700;
    /* A 40-character price without spaces is cut with an ellipsis, not let out of the row. */
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .stock {
    flex: none;
  }
  .stock {
    color: var(--_warning);
  }
  .stock.out {
    color: var(--_danger);
  }
  .view {
    flex: none;
    padding: 6px 12px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    text-decoration: none;
    font-weight: 600;
  }
`;
