import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/product/linger-product.js';
import type { LingerProduct } from '../../../src/elements/product/product.js';
import type { Product } from '../../../src/core/protocol.js';
import { stage } from '../lottery/setup.js';

const scarf: Product = { id: 'scarf', title: 'Jade silk scarf', price: '89.00', currency: 'USD', url: 'https://shop.example/products/scarf' };

describe('<linger-product> engagement events', () => {
  it('tracks product_view once, when at least half of the card has been on screen', async () => {
    const s = await stage('<div style="height: 3000px"></div><linger-product></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    const tracked: Array<[string, Record<string, unknown>]> = [];
    try {
      s.room.session!.onTrack((type, props) => tracked.push([type, props]));
      s.host.act('pin', { product: scarf });
      await waitUntil(() => el.shadowRoot!.querySelector('[data-view-id="scarf"]'), 'pinned');
      // Below the fold: not seen yet. Give the observer a few frames to (wrongly) report it.
      for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
      expect(tracked.filter(([type]) => type === 'product_view'), 'not viewed below the fold').to.have.length(0);
      el.scrollIntoView();
      await waitUntil(() => tracked.some(([type]) => type === 'product_view'), 'viewed once on screen');
      window.scrollTo(0, 0);
      for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
      el.scrollIntoView();
      for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
      const views = tracked.filter(([type]) => type === 'product_view');
      expect(views, 'once per product').to.have.length(1);
      expect(views[0]![1]).to.deep.equal({ product: 'scarf' });
    } finally {
      window.scrollTo(0, 0);
      await s.close();
    }
  });

  it('shares the product page: copies the link where there is no share sheet, and tracks share', async () => {
    const s = await stage('<linger-product></linger-product>');
    const el = s.room.querySelector('linger-product') as LingerProduct;
    const tracked: Array<[string, Record<string, unknown>]> = [];
    const copied: string[] = [];
    const share = Object.getOwnPropertyDescriptor(Navigator.prototype, 'share');
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'share', { value: undefined, configurable: true });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => void copied.push(text) }, configurable: true });
    try {
      s.room.session!.onTrack((type, props) => tracked.push([type, props]));
      s.host.act('pin', { product: scarf });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="share-button"]'), 'share button');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="share-button"]')!.click();
      await waitUntil(() => tracked.some(([type]) => type === 'share'), 'tracked');
      expect(copied, 'the product link').to.deep.equal(['https://shop.example/products/scarf']);
      expect(tracked.find(([type]) => type === 'share')![1]).to.deep.equal({ target: 'copy' });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="share-button"]')!.textContent!.includes('Link copied'), 'says so');
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).share;
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (share) Object.defineProperty(Navigator.prototype, 'share', share);
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
      await s.close();
    }
  });
});
