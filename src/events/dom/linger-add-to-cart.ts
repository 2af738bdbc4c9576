import type { Product } from '../../core/protocol.js';

export interface AddToCartDetail {
  product: Product;
  variantId: string | undefined;
  quantity: number;
  /** The selling plan the viewer picked (Shopify subscriptions), if any. */
  sellingPlan?: string | undefined;
  /**
   * A shop that handles the event (and calls `preventDefault()`) may pass the promise of its own
   * cart call here: the element shows "added" when it resolves and the error message when it rejects.
   */
  waitUntil(result: Promise<unknown>): void;
}

/**
 * Fired by `<linger-product>` before it adds to the cart. Cancelable: `preventDefault()` means the
 * shop adds the item itself (the Shopify AJAX cart is then not called). Bubbles and is composed.
 */
export class LingerAddToCartEvent extends Event {
  readonly detail: AddToCartDetail;
  /** The promise given to `detail.waitUntil`, if any. */
  result: Promise<unknown> | null = null;
  constructor(detail: Omit<AddToCartDetail, 'waitUntil'>) {
    super('linger-add-to-cart', { bubbles: true, composed: true, cancelable: true });
    this.detail = { ...detail, waitUntil: (result) => void (this.result = result) };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-add-to-cart': LingerAddToCartEvent;
  }
}
