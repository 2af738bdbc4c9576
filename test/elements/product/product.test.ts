import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/product/linger-product.js';
import type { LingerProduct } from '../../../src/elements/product/product.js';
import { translation } from '../../../src/elements/product/product.strings.js';
import type { Product } from '../../../src/core/protocol.js';
import { expectCompleteTranslation, expectRtlPhoneLayout } from '../../helpers/i18n.js';
import { shadowText, stage } from '../lottery/setup.js';

const shirt: Product = { id: 'shirt', title: 'Linen shirt', price: '49.90', currency: 'USD', variantId: '4242', stock: 7 };
const button = (el: Element) => el.shadowRoot!.querySelector('[part~="add-button"]') as HTMLButtonElement;

describe('<linger-product>', () => {
  it('renders the pinned product with an Intl price and first-N remaining', async () => {
    const s = await stage('<linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      expect(el.shadowRoot!.querySelector('section'), 'empty before a pin').to.equal(null);
      s.host.act('pin', { product: shirt, remaining: 5 });
      await waitUntil(() => button(el), 'pinned product');
      expect(shadowText(el), 'price formatted').to.include('$49.90');
      expect(shadowText(el), 'first-N remaining').to.include('Only 5 left at this price');
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('adds to the Shopify cart with the variant id, tells the theme, and tracks it', async () => {
    const s = await stage('<linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => button(el));
      const tracked: string[] = [];
      s.room.session!.onTrack((type) => tracked.push(type));
      let refreshed = false;
      const onRefresh = () => (refreshed = true);
      document.addEventListener('cart:refresh', onRefresh);
      button(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      document.removeEventListener('cart:refresh', onRefresh);
      const last = await (await fetch('/test-api/shopify/last')).json();
      expect(last.body, 'request body').to.deep.equal({ items: [{ id: 4242, quantity: 1 }] });
      expect(last.contentType, 'JSON').to.include('application/json');
      expect(refreshed, 'cart:refresh dispatched').to.equal(true);
      expect(tracked, 'track(add_to_cart)').to.include('add_to_cart');
    } finally {
      await s.close();
    }
  });

  it('shows sold out and network errors', async () => {
    const s = await stage('<linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: { ...shirt, variantId: '999' } });
      await waitUntil(() => button(el));
      button(el).click();
      await waitUntil(() => shadowText(el).includes('Sorry, this item is sold out.'), 'sold-out error shown');
      expect(button(el).disabled, 'button disabled').to.equal(true);
      expect(el.shadowRoot!.querySelector('[role="alert"]'), 'announced as an alert').to.not.equal(null);
      await expect(el).to.be.accessible();
      el.cartRoot = 'http://127.0.0.1:9/';
      s.host.act('pin', { product: { ...shirt, id: 'other' } });
      await waitUntil(() => button(el) && !button(el).disabled);
      button(el).click();
      await waitUntil(() => shadowText(el).includes('Could not reach the cart'), 'network error shown', { timeout: 5000 });
    } finally {
      await s.close();
    }
  });

  it('fires a cancelable linger-add-to-cart the shop can handle with waitUntil', async () => {
    const s = await stage('<linger-product cart="event"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      el.products = [shirt, { id: 'hat', title: 'Straw hat', price: '19', currency: 'EUR' }];
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[part~="item"]').length, 'a list').to.equal(2);
      let failNext = false;
      s.wrapper.addEventListener('linger-add-to-cart', (event) => {
        expect(event.cancelable, 'cancelable').to.equal(true);
        event.preventDefault();
        event.detail.waitUntil(failNext ? Promise.reject(new Error('Out of hats')) : Promise.resolve());
      });
      button(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'shop handled it');
      failNext = true;
      (el.shadowRoot!.querySelectorAll('[part~="add-button"]')[1] as HTMLButtonElement).click();
      await waitUntil(() => shadowText(el).includes('Could not add to cart: Out of hats'), 'shop error shown');
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('without Shopify and without a handler, says there is no cart', async () => {
    const s = await stage('<linger-product></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => button(el));
      button(el).click();
      await waitUntil(() => shadowText(el).includes('no cart connected'), 'no-cart error');
    } finally {
      await s.close();
    }
  });

  it('is localized and correct in Arabic, right to left, at 360 px', async () => {
    const s = await stage('<linger-product></linger-product>', { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: { ...shirt, title: 'قميص كتان' }, remaining: 3 });
      await waitUntil(() => shadowText(el).includes('أضف إلى السلة'), 'Arabic strings');
      await expectRtlPhoneLayout(el, translation);
    } finally {
      await s.close();
    }
  });

  it('has every string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
