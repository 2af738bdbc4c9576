import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { Product } from '../../core/protocol.js';
import { LingerAddToCartEvent } from '../../events/dom/linger-add-to-cart.js';
import { announceCartChange, shopify, shopifyAddToCart, shopifyCartAttributes, type CartFailure } from './cart.js';
import { formatPrice, productHref } from './format.js';
import { translation, type en } from './product.strings.js';
import styles from './product.styles.js';
import { ViewTracker } from '../../controllers/view-tracker.js';

type CartState = { status: 'adding' | 'added' } | { status: 'error'; kind: CartFailure['kind'] | 'no-cart'; message: string };

/**
 * The pinned product of the room (image, title, price formatted with `Intl` in the shop's currency,
 * stock or first-N remaining), or a list given as the `products` property. "Add to cart" fires the
 * cancelable `linger-add-to-cart` event; when no handler cancels it and the page is a Shopify
 * storefront (or `cart="shopify"`), it calls the AJAX Cart API (`/cart/add.js`) and then tells the
 * theme (`cart:refresh`, `cart:updated`). Errors — sold out, network — are shown, never swallowed.
 *
 * @summary Pinned or listed product with add-to-cart (Shopify AJAX cart or a DOM event).
 * @tag linger-product
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @attr cart - `auto` (default: Shopify when `window.Shopify` exists, else the event only), `shopify`, or `event`.
 * @attr cart-root - Shopify routes root (default `window.Shopify.routes.root`, else `/`).
 * @attr currency - ISO 4217 currency for prices without one (default: the product's, else Shopify's active currency).
 * @fires linger-add-to-cart - Before adding (cancelable; `detail.product`, `variantId`, `quantity`, `waitUntil(promise)`).
 * @csspart base - The section.
 * @csspart kicker - "Featured now" above the pinned product.
 * @csspart items - The list of products (the `products` property).
 * @csspart item - One product card.
 * @csspart image - The product image.
 * @csspart title - The product title.
 * @csspart title-link - The title's link to the product page.
 * @csspart price - The price.
 * @csspart stock - Stock or first-N remaining.
 * @csspart share-button - Shares the product's page (system share sheet, else copies the link).
 * @csspart add-button - The add-to-cart button.
 * @csspart message - The add-to-cart result or error.
 * @cssproperty --linger-product-accent - Accent colour.
 * @cssproperty --linger-product-surface - Card background.
 * @cssproperty --linger-product-max-width - Widest the element grows (default 420px).
 * @cssproperty --linger-product-image-size - Image size (default 96px).
 */
export class LingerProduct extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  constructor() {
    super(translation);
  }

  @property() cart: 'auto' | 'shopify' | 'event' = 'auto';
  @property({ attribute: 'cart-root' }) cartRoot = '';
  @property() currency = '';
  /** Products to list instead of the pinned one (property only). */
  @property({ attribute: false }) products: Product[] | null = null;

  @state() private carts: Record<string, CartState> = {};
  @state() private copiedFor: string | null = null;
  protected readonly views = new ViewTracker(this, (product) => this.roomCtl.session?.track('product_view', { product }));


  protected override render() {
    const { localize } = this;
    const pinned = this.roomCtl.state?.pinned ?? null;
    const list = this.products;
    if (list?.length) {
      return html`<section part="base" class="list" lang=${localize.lang} dir=${localize.dir} aria-label=${localize.term('products')}>
        <ul part="items" class="items">
          ${list.map((product) => html`<li>${this.renderItem(product, product.id === pinned?.product.id ? pinned.remaining : null)}</li>`)}
        </ul>
      </section>`;
    }
    if (!pinned) return nothing;
    return html`<section part="base" class="pinned" lang=${localize.lang} dir=${localize.dir} aria-labelledby="kicker">
      <p part="kicker" id="kicker" class="kicker">${localize.term('featured')}</p>
      ${this.renderItem(pinned.product, pinned.remaining)}
    </section>`;
  }

  private renderItem(product: Product, remaining: number | null): TemplateResult {
    const { localize } = this;
    const cart = this.carts[product.id];
    const soldOut = product.soldOut === true || remaining === 0 || product.stock === 0 || (cart?.status === 'error' && cart.kind === 'sold-out');
    const titleId = `title-${product.id}`;
    // The pinned product's URLs were checked by the protocol; a `products` list comes from the page.
    const image = productHref(product.image);
    const url = productHref(product.url);
    return html`<article part="item" class="item card" aria-labelledby=${titleId} data-view-id=${product.id}>
      ${image ? html`<img part="image" class="image" src=${image} alt="" loading="lazy" decoding="async" />` : nothing}
      <div class="body">
        <h2 part="title" class="title user-text" dir="auto" id=${titleId}>
          ${url
            ? html`<a part="title-link" href=${url} @click=${() => this.roomCtl.session?.track('product_click', { product: product.id })}>${product.title}</a>`
            : product.title}
        </h2>
        ${product.price ? html`<p class="price-row user-text"><bdi part="price" class="price">${formatPrice(localize, product, this.currency)}</bdi></p>` : nothing}
        ${this.renderStock(product, remaining)}
        <button part="add-button" class="add" type="button" ?disabled=${soldOut || cart?.status === 'adding'} @click=${() => this.add(product)}>
          ${soldOut ? localize.term('soldOut') : cart?.status === 'adding' ? localize.term('adding') : localize.term('addToCart')}
        </button>
        ${url
          ? html`<button part="share-button" class="share secondary" type="button" @click=${() => this.share(product, url)}>
              ${this.copiedFor === product.id ? localize.term('linkCopied') : localize.term('share')}
            </button>`
          : nothing}
        <p part="message" class="message ${cart?.status ?? ''}" role=${cart?.status === 'error' ? 'alert' : 'status'}>${this.cartText(cart)}</p>
      </div>
    </article>`;
  }

  private renderStock(product: Product, remaining: number | null): TemplateResult | typeof nothing {
    const { localize } = this;
    if (remaining !== null && remaining > 0) return html`<p part="stock" class="stock urgent">${localize.term('remaining', localize.number(remaining), localize.plural(remaining))}</p>`;
    if (typeof product.stock === 'number' && product.stock > 0) return html`<p part="stock" class="stock">${localize.term('inStock', localize.number(product.stock))}</p>`;
    return nothing;
  }

  private cartText(cart: CartState | undefined): string {
    const { localize } = this;
    if (!cart || cart.status !== 'error') return cart?.status === 'added' ? localize.term('added') : '';
    if (cart.kind === 'sold-out') return localize.term('errorSoldOut');
    if (cart.kind === 'network') return localize.term('errorNetwork');
    if (cart.kind === 'no-cart') return localize.term('noCart');
    return localize.term('errorCart', cart.message);
  }

  /** Shares the product's page: the system share sheet where there is one, else the link copied. */
  private async share(product: Product, url: string): Promise<void> {
    let target: 'native' | 'copy';
    try {
      if (typeof navigator.share === 'function') {
        await navigator.share({ title: product.title, url });
        target = 'native';
      } else {
        await navigator.clipboard.writeText(url);
        target = 'copy';
        this.copiedFor = product.id;
      }
    } catch {
      return; // dismissed by the viewer, or no clipboard: nothing was shared
    }
    this.roomCtl.session?.track('share', { target });
  }

  private setCart(id: string, value: CartState): void {
    this.carts = { ...this.carts, [id]: value };
  }

  /** Adds one unit: the event first (a shop may take over), then Shopify's AJAX cart where there is one. */
  async add(product: Product, quantity = 1): Promise<void> {
    const event = new LingerAddToCartEvent({ product, variantId: product.variantId, quantity });
    this.setCart(product.id, { status: 'adding' });
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      if (!event.result) {
        const { [product.id]: _, ...rest } = this.carts;
        this.carts = rest;
        return;
      }
      try {
        await event.result;
        this.added(product, quantity);
      } catch (error) {
        this.setCart(product.id, { status: 'error', kind: 'cart', message: String((error as Error)?.message ?? error) });
      }
      return;
    }
    const useShopify = this.cart === 'shopify' || (this.cart === 'auto' && shopify() !== null);
    if (!useShopify || !product.variantId) {
      this.setCart(product.id, { status: 'error', kind: 'no-cart', message: '' });
      return;
    }
    const root = this.cartRoot || shopify()?.routes?.root || '/';
    const result = await shopifyAddToCart(root, product.variantId, quantity);
    if (result.ok) {
      // Order attribution: the show and viewer ride on the cart into the order (docs/collector.md § Orders).
      const attribution = this.roomCtl.room?.attribution;
      if (attribution) await shopifyCartAttributes(root, { linger_show: attribution.show, ...(attribution.viewer ? { linger_viewer: attribution.viewer } : {}) });
      announceCartChange({ source: 'linger', product: product.id, variantId: product.variantId, quantity, cart: result.body });
      this.added(product, quantity);
    } else this.setCart(product.id, { status: 'error', kind: result.kind, message: result.message });
  }

  private added(product: Product, quantity: number): void {
    this.setCart(product.id, { status: 'added' });
    this.roomCtl.session?.track('add_to_cart', { product: product.id, quantity });
  }
}
