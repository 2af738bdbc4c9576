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
    await fetch('/test-api/shopify/reset', { method: 'POST' });
    const s = await stage('<linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => button(el));
      const tracked: string[] = [];
      s.room.session!.onTrack((type) => tracked.push(type));
      const told: Event[] = [];
      const onUpdate = (event: Event) => told.push(event);
      document.addEventListener('shopify:cart:lines-update', onUpdate);
      button(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      document.removeEventListener('shopify:cart:lines-update', onUpdate);
      const last = await (await fetch('/test-api/shopify/last')).json();
      expect(last.body, 'request body').to.deep.equal({ items: [{ id: 4242, quantity: 1 }] });
      expect(last.contentType, 'JSON').to.include('application/json');
      expect(told.length, 'shopify:cart:lines-update dispatched once').to.equal(1);
      expect(tracked, 'track(add_to_cart)').to.include('add_to_cart');
    } finally {
      await s.close();
    }
  });

  it('writes the show and viewer ids into the cart attributes at add to cart (order attribution)', async () => {
    const s = await stage('<linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.room.show = 'spring-sale';
      s.room.consent = 'granted';
      await waitUntil(() => !!s.room.attribution?.viewer, 'consent gives a viewer id');
      const viewer = s.room.attribution!.viewer;
      s.host.act('pin', { product: shirt });
      await waitUntil(() => button(el));
      button(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      const update = await (await fetch('/test-api/shopify/last-update')).json();
      expect(update.body, 'update.js body').to.deep.equal({ attributes: { linger_show: 'spring-sale', linger_viewer: viewer } });
      expect(update.contentType).to.include('application/json');
      expect(viewer).to.be.a('string').and.not.equal('');
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

  it('a products list links and loads images only over http(s); page-relative URLs resolve against the page', async () => {
    const s = await stage('<linger-product cart="event"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      el.products = [
        { id: 'js', title: 'Free gift', url: 'javascript:alert(1)', image: 'javascript:alert(2)' },
        { id: 'sp', title: 'Spaced', url: '  JavaScript:alert(1)' },
        { id: 'data', title: 'Data', url: 'data:text/html,<script>alert(1)</script>', image: 'data:image/svg+xml,<svg/>' },
        { id: 'rel', title: 'Relative', url: '/products/scarf', image: 'images/scarf.jpg' },
        { id: 'abs', title: 'Absolute', url: 'https://shop.example/hat', image: 'https://cdn.example/hat.jpg' },
      ];
      await el.updateComplete;
      const items = [...el.shadowRoot!.querySelectorAll('[part~=item]')];
      expect(items.length, 'every product still listed').to.equal(5);
      const links = items.map((item) => item.querySelector<HTMLAnchorElement>('[part~=title-link]'));
      const images = items.map((item) => item.querySelector<HTMLImageElement>('[part~=image]'));
      expect(links.slice(0, 3), 'no link for javascript: or data:').to.deep.equal([null, null, null]);
      expect(images.slice(0, 3), 'no image for javascript: or data:').to.deep.equal([null, null, null]);
      expect(items[0]!.querySelector('[part~=title]')!.textContent!.trim(), 'the title shows as text').to.equal('Free gift');
      expect(links[3]!.href, 'relative link resolved against the page').to.equal(new URL('/products/scarf', document.baseURI).href);
      expect(images[3]!.getAttribute('src'), 'relative image resolved').to.equal(new URL('images/scarf.jpg', document.baseURI).href);
      expect(links[4]!.href).to.equal('https://shop.example/hat');
      expect(images[4]!.getAttribute('src')).to.equal('https://cdn.example/hat.jpg');
    } finally {
      await s.close();
    }
  });

  it('isolates the formatted price (bidi) so it reads correctly in a right-to-left card', async () => {
    const s = await stage('<linger-product></linger-product>', { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: { ...shirt, price: '49.00' } });
      await waitUntil(() => shadowText(el).includes('أضف إلى السلة'), 'Arabic strings');
      const price = el.shadowRoot!.querySelector('[part~=price]')!;
      expect(price.textContent, 'Arabic currency format').to.equal(new Intl.NumberFormat('ar', { style: 'currency', currency: 'USD' }).format(49));
      expect(price.localName, 'an isolate element').to.equal('bdi');
      expect(getComputedStyle(price).unicodeBidi, 'isolated from the paragraph').to.equal('isolate');
      el.locale = 'en';
      await waitUntil(() => price.isConnected && price.textContent === '$49.00', 'English price in the RTL card');
      const node = price.firstChild as Text;
      const range = document.createRange();
      const lefts = [...node.data].map((_, i) => {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      });
      expect(lefts, '"$49.00" reads left to right inside the RTL card').to.deep.equal([...lefts].sort((a, b) => a - b));
    } finally {
      await s.close();
    }
  });

  it('"Only 1 left" and plural forms in Spanish', async () => {
    const s = await stage('<linger-product locale="es"></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt, remaining: 1 });
      await waitUntil(() => shadowText(el).includes('Solo queda 1 a este precio'), 'Spanish singular');
      s.host.act('pin', { product: shirt, remaining: 2 });
      await waitUntil(() => shadowText(el).includes('Solo quedan 2 a este precio'), 'Spanish plural');
      el.locale = 'en';
      await waitUntil(() => shadowText(el).includes('Only 2 left at this price'), 'English');
    } finally {
      await s.close();
    }
  });

  it('keeps a title that cannot wrap (a combining-mark flood) inside the card', async () => {
    const s = await stage('<linger-product></linger-product>', { width: '390px' });
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      el.products = [{ id: 'z', title: `Z${'\u0301\u0336\u0489'.repeat(96)}`, price: `a${'\u0E49'.repeat(30)}` }, { id: 'ok', title: 'Linen shirt', price: '9' }];
      await el.updateComplete;
      const host = el.getBoundingClientRect();
      for (const part of el.shadowRoot!.querySelectorAll('[part~=item], [part~=title], [part~=price]')) {
        const box = part.getBoundingClientRect();
        expect(box.right, `${part.getAttribute('part')} inside the element`).to.be.at.most(host.right + 1);
      }
      const title = el.shadowRoot!.querySelector('[part~=title]')!;
      expect(getComputedStyle(title).overflowX, 'clipped').to.equal('clip');
    } finally {
      await s.close();
    }
  });

  it('has every string in every language', async () => {
    await expectCompleteTranslation(translation);
  });
});
