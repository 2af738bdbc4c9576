import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { Product } from '../../core/protocol.js';
import { LingerAddToCartEvent } from '../../events/dom/linger-add-to-cart.js';
import { shopify, shopifyAddToCart, shopifyCartAttributes, type CartFailure } from './cart.js';
import { moneyFormatOf, productHref, productPrice, storefrontRoot } from './format.js';
import { handleOf, initialVariant, loadStorefrontProduct, variantFor, type ShopProduct, type ShopVariant } from './shop-product.js';
import { translation, type en } from './product.strings.js';
import styles from './product.styles.js';
import { ViewTracker } from '../../controllers/view-tracker.js';

type CartState = { status: 'adding' | 'added' } | { status: 'error'; kind: CartFailure['kind'] | 'no-cart'; message: string; variantId?: string | undefined };

/** What this viewer picked for one product: option values, quantity, selling plan ('' = one-time). */
interface Choice {
  values: string[];
  quantity: number;
  plan: string;
}

const MAX_QUANTITY = 999;

/**
 * The pinned product of the room, or a list given as the `products` property: image, title, price,
 * stock or first-N remaining. On a Shopify storefront each viewer's page loads the product's JSON
 * (`{root}products/<handle>.js`, the handle taken from the product's `url`) for the viewer's market:
 * options (size, colour) with availability per variant, selling plans, and prices in that market's
 * currency, written with the shop's `money-format` when given, else with `Intl` in the page's
 * language. A quantity stepper sets how many. "Add to cart" fires the cancelable
 * `linger-add-to-cart` event; when no handler cancels it, it adds through
 * `Shopify.actions.updateCart` where the theme configured it, else `/cart/add.js` with the theme told
 * (`shopify:cart:lines-update`, Dawn's section rendering). Errors are shown, never swallowed; sold
 * out is recognised from status codes and the product's JSON, never from a message's words.
 *
 * @summary Pinned or listed product with add-to-cart (Shopify AJAX cart or a DOM event).
 * @tag linger-product
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @attr cart - `auto` (default: Shopify when `window.Shopify` exists, else the event only), `shopify`, or `event`.
 * @attr cart-root - Shopify routes root (default `window.Shopify.routes.root`, else `/`).
 * @attr currency - ISO 4217 currency for prices without one (default: the product's, else Shopify's active currency).
 * @attr money-format - The shop's money format (`{{ shop.money_format }}`, e.g. `Rs. {{amount}}`) for prices in the viewer's currency (else the room's `money-format`).
 * @fires linger-add-to-cart - Before adding (cancelable; `detail.product`, `variantId`, `quantity`, `sellingPlan`, `waitUntil(promise)`).
 * @csspart base - The section.
 * @csspart kicker - "Featured now" above the pinned product.
 * @csspart items - The list of products (the `products` property).
 * @csspart item - One product card.
 * @csspart image - The product image.
 * @csspart title - The product title.
 * @csspart title-link - The title's link to the product page.
 * @csspart price - The price.
 * @csspart stock - Stock or first-N remaining.
 * @csspart options - The option pickers (one radio group per option: size, colour).
 * @csspart option - One option's radio group.
 * @csspart option-value - One value of an option (a radio and its label).
 * @csspart option-input - The radio of an option value or a purchase option.
 * @csspart plans - The purchase options (one-time or a selling plan).
 * @csspart quantity - The quantity stepper.
 * @csspart quantity-input - The quantity field.
 * @csspart quantity-button - The − and + buttons of the quantity stepper.
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
  @property({ attribute: 'money-format' }) moneyFormat = '';
  /** Products to list instead of the pinned one (property only). */
  @property({ attribute: false }) products: Product[] | null = null;

  @state() private carts: Record<string, CartState> = {};
  @state() private copiedFor: string | null = null;
  /** The storefront's product per product id (`null`: the shop does not sell it here). */
  @state() private shop: Record<string, ShopProduct | null> = {};
  @state() private choices: Record<string, Choice> = {};
  /** Handles already asked for, per product id. */
  private readonly asked = new Map<string, string>();
  protected readonly views = new ViewTracker(this, (product) => this.roomCtl.session?.track('product_view', { product }));

  private get useShopify(): boolean {
    return this.cart === 'shopify' || (this.cart === 'auto' && shopify() !== null);
  }

  private get root(): string {
    return storefrontRoot(this.cartRoot);
  }

  protected override render() {
    const { localize } = this;
    const pinned = this.roomCtl.state?.pinned ?? null;
    const list = this.products;
    if (list?.length) {
      list.forEach((product) => this.resolve(product));
      return html`<section part="base" class="list" lang=${localize.lang} dir=${localize.dir} aria-label=${localize.term('products')}>
        <ul part="items" class="items">
          ${list.map((product, index) => html`<li>${this.renderItem(product, product.id === pinned?.product.id ? pinned.remaining : null, `p${index}`)}</li>`)}
        </ul>
      </section>`;
    }
    if (!pinned) return nothing;
    this.resolve(pinned.product);
    return html`<section part="base" class="pinned" lang=${localize.lang} dir=${localize.dir} aria-labelledby="kicker">
      <p part="kicker" id="kicker" class="kicker">${localize.term('featured')}</p>
      ${this.renderItem(pinned.product, pinned.remaining, 'pin')}
    </section>`;
  }

  /** Loads the storefront's own product JSON once per handle, on Shopify pages only. */
  private resolve(product: Product): void {
    if (!this.useShopify) return;
    const handle = handleOf(product.url);
    if (!handle || this.asked.get(product.id) === handle) return;
    this.asked.set(product.id, handle);
    loadStorefrontProduct(this.root, handle).then(
      (shop) => this.setShop(product, shop),
      () => this.asked.delete(product.id), // offline: asked again on the next render
    );
  }

  private setShop(product: Product, shop: ShopProduct | null): void {
    this.shop = { ...this.shop, [product.id]: shop };
    if (!shop || this.choices[product.id]) return;
    const start = initialVariant(shop, product.variantId);
    const plan = start.requiresSellingPlan || shop.requiresSellingPlan ? (shop.plans[0]?.id ?? '') : '';
    this.choices = { ...this.choices, [product.id]: { values: [...start.options], quantity: 1, plan } };
  }

  private choiceOf(product: Product): Choice {
    return this.choices[product.id] ?? { values: [], quantity: 1, plan: '' };
  }

  private choose(product: Product, change: Partial<Choice>): void {
    this.choices = { ...this.choices, [product.id]: { ...this.choiceOf(product), ...change } };
    // A message about the previous choice (sold out, added) no longer applies.
    if (this.carts[product.id]?.status !== 'adding') {
      const { [product.id]: _, ...rest } = this.carts;
      this.carts = rest;
    }
  }

  /** The variant id, price and availability for what the viewer picked (the pin's own without shop data). */
  private selection(product: Product): { shop: ShopProduct | null; variant: ShopVariant | undefined; variantId: string | undefined; choice: Choice } {
    const shop = this.shop[product.id] ?? null;
    const choice = this.choiceOf(product);
    const variant = shop ? variantFor(shop, choice.values) : undefined;
    return { shop, variant, variantId: shop ? variant?.id : product.variantId, choice };
  }

  private renderItem(product: Product, remaining: number | null, key: string): TemplateResult {
    const { localize } = this;
    const cart = this.carts[product.id];
    const { shop, variant, variantId, choice } = this.selection(product);
    const soldOutError = cart?.status === 'error' && cart.kind === 'sold-out' && cart.variantId === variantId;
    const unavailable = !!shop && !variant;
    const soldOut = product.soldOut === true || remaining === 0 || product.stock === 0 || soldOutError || (!!variant && !variant.available);
    const titleId = `${key}-title`;
    // The pinned product's URLs were checked by the protocol; a `products` list comes from the page.
    const image = productHref(product.image);
    const url = productHref(product.url);
    const price = productPrice(localize, product, shop ? variant : undefined, choice.plan, this.currency, moneyFormatOf(this.moneyFormat, this.roomCtl.room));
    return html`<article part="item" class="item card" aria-labelledby=${titleId} data-view-id=${product.id}>
      ${image ? html`<img part="image" class="image" src=${image} alt="" loading="lazy" decoding="async" />` : nothing}
      <div class="body">
        <h2 part="title" class="title user-text" dir="auto" id=${titleId}>
          ${url
            ? html`<a part="title-link" href=${url} @click=${() => this.roomCtl.session?.track('product_click', { product: product.id })}>${product.title}</a>`
            : product.title}
        </h2>
        ${price ? html`<p class="price-row user-text"><bdi part="price" class="price">${price}</bdi></p>` : nothing}
        ${this.renderStock(product, remaining)}
        ${shop ? this.renderOptionPickers(product, shop, choice, key) : nothing}
        ${shop ? this.renderPlans(product, shop, variant, choice, key) : nothing}
        ${shop ? this.renderQuantity(product, choice, key) : nothing}
        <button part="add-button" class="add" type="button" ?disabled=${soldOut || unavailable || cart?.status === 'adding'} @click=${() => this.add(product)}>
          ${unavailable ? localize.term('unavailable') : soldOut ? localize.term('soldOut') : cart?.status === 'adding' ? localize.term('adding') : localize.term('addToCart')}
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

  /** One radio group per option; a value no available variant has with the other picks says so. */
  private renderOptionPickers(product: Product, shop: ShopProduct, choice: Choice, key: string): TemplateResult | typeof nothing {
    if (!shop.options.length) return nothing;
    return html`<div part="options" class="options">
      ${shop.options.map(
        (option, index) => html`<fieldset part="option" class="option">
          <legend class="user-text" dir="auto">${option.name}</legend>
          ${option.values.map((value) => {
            const values = choice.values.map((picked, i) => (i === index ? value : picked));
            const match = variantFor(shop, values);
            const out = !match || !match.available;
            return html`<label part="option-value" class="value user-text ${out ? 'out' : ''}">
              <input
                part="option-input"
                type="radio"
                name=${`${key}-option-${index}`}
                .value=${value}
                .checked=${choice.values[index] === value}
                @change=${() => this.choose(product, { values })}
              /><span dir="auto">${value}</span>${out ? html`<span class="visually-hidden">, ${this.localize.term(match ? 'soldOut' : 'unavailable')}</span>` : nothing}
            </label>`;
          })}
        </fieldset>`,
      )}
    </div>`;
  }

  /** Purchase options: one-time (unless the product requires a plan) and each selling plan. */
  private renderPlans(product: Product, shop: ShopProduct, variant: ShopVariant | undefined, choice: Choice, key: string): TemplateResult | typeof nothing {
    if (!shop.plans.length) return nothing;
    const required = shop.requiresSellingPlan || !!variant?.requiresSellingPlan;
    const entries = [...(required ? [] : [{ id: '', name: this.localize.term('oneTime'), group: '' }]), ...shop.plans];
    return html`<fieldset part="plans" class="option plans">
      <legend>${this.localize.term('purchaseOptions')}</legend>
      ${entries.map(
        (plan) => html`<label part="option-value" class="value plan user-text">
          <input part="option-input" type="radio" name=${`${key}-plan`} .value=${plan.id} .checked=${choice.plan === plan.id} @change=${() => this.choose(product, { plan: plan.id })} /><span dir="auto"
            >${plan.group ? `${plan.group} · ${plan.name}` : plan.name}</span
          >
        </label>`,
      )}
    </fieldset>`;
  }

  private renderQuantity(product: Product, choice: Choice, key: string): TemplateResult {
    const { localize } = this;
    const clamp = (quantity: number) => Math.min(MAX_QUANTITY, Math.max(1, Math.floor(quantity) || 1));
    const set = (quantity: number) => this.choose(product, { quantity: clamp(quantity) });
    // What was typed is written back clamped: "0" or "abc" may leave the state (and so the binding) unchanged.
    const typed = (input: HTMLInputElement) => {
      input.value = String(clamp(Number(input.value)));
      set(Number(input.value));
    };
    return html`<div part="quantity" class="quantity">
      <label for=${`${key}-quantity`}>${localize.term('quantity')}</label>
      <div class="stepper">
        <button part="quantity-button" type="button" class="secondary step" aria-label=${localize.term('decrease')} ?disabled=${choice.quantity <= 1} @click=${() => set(choice.quantity - 1)}>−</button>
        <input
          part="quantity-input"
          id=${`${key}-quantity`}
          type="number"
          inputmode="numeric"
          min="1"
          max=${MAX_QUANTITY}
          .value=${String(choice.quantity)}
          @change=${(event: Event) => typed(event.target as HTMLInputElement)}
        />
        <button part="quantity-button" type="button" class="secondary step" aria-label=${localize.term('increase')} ?disabled=${choice.quantity >= MAX_QUANTITY} @click=${() => set(choice.quantity + 1)}>+</button>
      </div>
    </div>`;
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

  /**
   * Adds what the viewer picked (variant, `quantity` — default the stepper's — and selling plan):
   * the event first (a shop may take over), then Shopify's cart where there is one.
   */
  async add(product: Product, quantity?: number): Promise<void> {
    const { shop, variantId, choice } = this.selection(product);
    const count = quantity ?? choice.quantity;
    const sellingPlan = shop && choice.plan ? choice.plan : undefined;
    const event = new LingerAddToCartEvent({ product, variantId, quantity: count, sellingPlan });
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
        this.added(product, count);
      } catch (error) {
        this.setCart(product.id, { status: 'error', kind: 'cart', message: String((error as Error)?.message ?? error) });
      }
      return;
    }
    if (!this.useShopify || !variantId) {
      this.setCart(product.id, { status: 'error', kind: 'no-cart', message: '' });
      return;
    }
    const root = this.root;
    const result = await shopifyAddToCart(root, { variantId, quantity: count, sellingPlan }, this).catch(
      (error: unknown): CartFailure => ({ ok: false, kind: 'cart', message: String((error as Error)?.message ?? error) }),
    );
    if (result.ok) {
      // Order attribution: the show and viewer ride on the cart into the order (docs/collector.md § Orders).
      const attribution = this.roomCtl.room?.attribution;
      if (attribution) await shopifyCartAttributes(root, { linger_show: attribution.show, ...(attribution.viewer ? { linger_viewer: attribution.viewer } : {}) });
      this.added(product, count);
      return;
    }
    const kind = result.status === 422 ? await this.refusal(product, variantId) : result.kind;
    this.setCart(product.id, { status: 'error', kind, message: result.message, variantId });
  }

  /**
   * Why the cart refused (422): the storefront's product JSON, fetched afresh, says whether the
   * variant is sold out (`available: false`) or the refusal was something else (a quantity over the
   * stock, shown in Shopify's own words). Without that JSON, a 422 for a pinned variant is sold out.
   */
  private async refusal(product: Product, variantId: string): Promise<CartFailure['kind']> {
    const handle = this.shop[product.id]?.handle ?? handleOf(product.url);
    if (!handle) return 'sold-out';
    const fresh = await loadStorefrontProduct(this.root, handle, true).catch(() => undefined);
    if (fresh === undefined || fresh === null) return 'sold-out';
    this.shop = { ...this.shop, [product.id]: fresh };
    const variant = fresh.variants.find((entry) => entry.id === variantId);
    return !variant || !variant.available ? 'sold-out' : 'cart';
  }

  private added(product: Product, quantity: number): void {
    this.setCart(product.id, { status: 'added' });
    this.roomCtl.session?.track('add_to_cart', { product: product.id, quantity });
  }
}
