/**
 * How a product is shown wherever it appears (`<linger-product>`, the pinned row of
 * `<linger-overlay>`): one price format and one rule for the links and images a product carries.
 */
import { resolveHttpUrl } from '../../core/primitives.js';
import type { Product } from '../../core/protocol.js';
import { shopify } from './cart.js';
import { formatMoney, isMoneyFormat } from './money.js';
import type { ShopVariant } from './shop-product.js';

/** What formatting a price needs from the element's `LocalizeController`. */
export interface PriceFormatter {
  price(value: number, currency: string): string;
}

/**
 * "19.90" → "$19.90" / "49,90 €" / "‏١٩٫٩٠ US$" in the page's language (`LocalizeController.price`),
 * in the product's currency, else `fallbackCurrency` (an element's `currency` attribute), else
 * Shopify's active currency. With a shop `moneyFormat` (`Rs. {{amount}}`) a price in the viewer's
 * own currency is written the shop's way instead. A price that is not a plain number, or has no
 * known currency, is shown as the host wrote it.
 *
 * Render the result in an isolate (`<bdi>`): a price formatted for one direction must not be
 * reordered by the paragraph around it (Arabic pages, a Latin price in a right-to-left card).
 */
export function formatPrice(l10n: PriceFormatter, product: Pick<Product, 'price' | 'currency'>, fallbackCurrency = '', moneyFormat = ''): string {
  const raw = product.price ?? '';
  const active = fallbackCurrency || shopify()?.currency?.active || '';
  const currency = product.currency || active;
  const plain = raw.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return raw;
  return formatAmount(l10n, Number(plain), currency, currency === active || !product.currency ? moneyFormat : '') ?? raw;
}

/**
 * The price shown for a product, the one rule for `<linger-product>` and the pinned row of
 * `<linger-overlay>`: the storefront's variant (or its selling plan's price) when the viewer's own
 * shop answered for the product — its product JSON is in the viewer's market currency
 * (`Shopify.currency.active`) — else the pin's own price (`formatPrice`).
 */
export function productPrice(l10n: PriceFormatter, product: Pick<Product, 'price' | 'currency'>, variant: ShopVariant | undefined, plan = '', currency = '', moneyFormat = ''): string {
  if (variant) {
    const cents = (plan ? variant.planPrices[plan] : undefined) ?? variant.price;
    const text = formatAmount(l10n, cents / 100, currency || shopify()?.currency?.active || product.currency || '', moneyFormat);
    if (text) return text;
  }
  return product.price ? formatPrice(l10n, product, currency, moneyFormat) : '';
}

/** Where the viewer's storefront answers (`cart-root`, else `Shopify.routes.root`, so `/fr/` in a French market, else `/`). */
export function storefrontRoot(override = ''): string {
  return override || shopify()?.routes?.root || '/';
}

/** The shop's money format: the element's own `money-format`, else its room's (the Shopify app embed writes it there). */
export function moneyFormatOf(own: string, room: Element | null | undefined): string {
  return own || room?.getAttribute('money-format') || '';
}

/** An amount in major units, the shop's way when `moneyFormat` is one, else with `Intl`; `null` for an unknown currency. */
export function formatAmount(l10n: PriceFormatter, value: number, currency: string, moneyFormat = ''): string | null {
  if (isMoneyFormat(moneyFormat)) return formatMoney(Math.round(value * 100), moneyFormat);
  if (!currency) return null;
  try {
    return l10n.price(value, currency);
  } catch {
    return null; // not an ISO 4217 code Intl knows
  }
}

/**
 * The address to link to or load for a product's `url` / `image`, or `null` when it must not be
 * rendered. Absolute http(s) URLs pass as they are. A merchant's own list (the `products`
 * property) may use page-relative URLs (`/products/scarf`): those are resolved against
 * `document.baseURI` and pass only when the result is http(s). Everything else — `javascript:`,
 * `data:`, `blob:`, `file:` — is refused, so it is never a clickable link or an image source.
 */
export function productHref(value: string | undefined | null): string | null {
  return resolveHttpUrl(value);
}
