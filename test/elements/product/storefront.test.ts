/**
 * `<linger-product>` on a storefront: variants, quantity and selling plans from the shop's product
 * JSON, prices in the viewer's market and the shop's money format, and carts that update on
 * Dawn-like, Horizon-like and standard-actions pages. The shop is test/servers/shopify-cart.route.mjs.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/product/linger-product.js';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerHostConsole } from '../../../src/elements/host-console/host-console.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import type { LingerProduct } from '../../../src/elements/product/product.js';
import { translation } from '../../../src/elements/product/product.strings.js';
import type { Product } from '../../../src/core/protocol.js';
import { formatMoney } from '../../../src/elements/product/money.js';
import { expectRtlPhoneLayout } from '../../helpers/i18n.js';
import { shadowText, stage } from '../lottery/setup.js';

const shirt: Product = { id: 'shirt', title: 'Linen shirt', price: '49.90', currency: 'USD', variantId: '4242', url: 'https://shop.example/products/linen-shirt' };
const coffee: Product = { id: 'coffee', title: 'Coffee beans', price: '18.00', currency: 'USD', variantId: '5100', url: 'https://shop.example/products/coffee-beans' };
const SHOP = '<linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>';

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const qa = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as T[];
const addButton = (el: Element) => q<HTMLButtonElement>(el, '[part~="add-button"]');
const price = (el: Element) => q(el, '[part~="price"]')?.textContent ?? '';
const radio = (el: Element, label: string) => qa(el, '[part~="option-value"]').find((node) => node.textContent!.trim().startsWith(label))?.querySelector('input') as HTMLInputElement;
const last = async () => (await (await fetch('/test-api/shopify/last')).json()) as { body: Record<string, unknown> } | null;
const reset = () => fetch('/test-api/shopify/reset', { method: 'POST' });

type ShopifyStub = { currency?: { active: string }; routes?: { root: string }; actions?: unknown };
const setShopify = (value: ShopifyStub | undefined) => {
  if (value) (window as unknown as { Shopify: ShopifyStub }).Shopify = value;
  else delete (window as unknown as { Shopify?: ShopifyStub }).Shopify;
};

/** Dawn's cart notification, reduced to its Section Rendering contract (assets/cart-notification.js). */
class DawnCartNotification extends HTMLElement {
  cartItemKey = '';
  opened = 0;
  renderContents(parsedState: { key: string; sections: Record<string, string> }) {
    this.cartItemKey = parsedState.key;
    for (const section of this.getSectionsToRender()) {
      const html = new DOMParser().parseFromString(parsedState.sections[section.id]!, 'text/html');
      document.getElementById(section.id)!.innerHTML = html.querySelector(section.selector ?? '.shopify-section')!.innerHTML;
    }
    this.opened++;
  }
  getSectionsToRender(): { id: string; selector?: string }[] {
    return [{ id: 'cart-notification-product', selector: `[id="cart-notification-product-${this.cartItemKey}"]` }, { id: 'cart-notification-button' }, { id: 'cart-icon-bubble' }];
  }
}
customElements.define('cart-notification', DawnCartNotification);

/** Builds a theme header into the document; returns the bubble and a remover. */
function themePage(markup: string): { bubble: () => string; remove: () => void } {
  const header = document.createElement('header');
  header.innerHTML = markup;
  document.body.prepend(header);
  return { bubble: () => header.querySelector('#cart-icon-bubble, .cart-bubble')!.textContent!.replace(/\s+/g, ''), remove: () => header.remove() };
}

describe('<linger-product> on a storefront', () => {
  afterEach(() => setShopify(undefined));

  it('shows options with availability per variant, and posts the chosen variant and quantity', async () => {
    await reset();
    setShopify({ currency: { active: 'EUR' } });
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => qa(el, '[part~="option"]').length === 2, 'two option groups from the product JSON');
      expect(qa(el, '[part~="option"] legend').map((legend) => legend.textContent), 'option names').to.deep.equal(['Taille', 'Couleur']);
      expect(radio(el, 'S').checked && radio(el, 'Blanc').checked, 'the pinned variant (S / Blanc) is picked').to.equal(true);
      // M / Blanc is sold out: "M" says so while Blanc is picked.
      expect(radio(el, 'M').closest('label')!.textContent, 'M marked sold out with Blanc').to.include('Sold out');
      radio(el, 'M').click();
      await waitUntil(() => addButton(el).disabled && addButton(el).textContent!.includes('Sold out'), 'sold-out variant cannot be added');
      radio(el, 'Noir').click();
      await waitUntil(() => !addButton(el).disabled, 'M / Noir can be added');
      expect(price(el), 'that variant’s price').to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(52.9));
      radio(el, 'L').click();
      await waitUntil(() => addButton(el).textContent!.includes('Unavailable'), 'L / Noir does not exist');
      radio(el, 'M').click();
      await waitUntil(() => !addButton(el).disabled);
      q<HTMLButtonElement>(el, '[part~="quantity"] button[aria-label="Increase quantity"]').click();
      await waitUntil(() => q<HTMLInputElement>(el, '[part~="quantity"] input').value === '2', 'quantity 2');
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      expect((await last())!.body, 'the chosen variant and quantity').to.deep.equal({ items: [{ id: 4245, quantity: 2 }] });
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('options and quantity work from the keyboard', async () => {
    await reset();
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => qa(el, '[part~="option"]').length === 2);
      radio(el, 'S').focus();
      await sendKeys({ press: 'ArrowRight' }); // a radio group: the arrow picks the next size
      await waitUntil(() => radio(el, 'M').checked, 'M picked with the arrow key');
      radio(el, 'Blanc').focus();
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => radio(el, 'Noir').checked && !addButton(el).disabled, 'Noir picked');
      const input = q<HTMLInputElement>(el, '[part~="quantity"] input');
      input.focus();
      input.select();
      await sendKeys({ type: '0' });
      await sendKeys({ press: 'Tab' }); // change fires on leaving the field
      await waitUntil(() => input.value === '1', 'no fewer than 1');
      input.focus();
      input.select();
      await sendKeys({ type: '3' });
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => input.value === '3');
      addButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added from the keyboard');
      expect((await last())!.body).to.deep.equal({ items: [{ id: 4245, quantity: 3 }] });
    } finally {
      await s.close();
    }
  });

  it('offers selling plans with their prices and posts the chosen selling_plan', async () => {
    await reset();
    setShopify({ currency: { active: 'EUR' } });
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: coffee });
      await waitUntil(() => q(el, '[part~="plans"]'), 'purchase options');
      expect(qa(el, '[part~="option"]:not([part~="plans"])').length, 'a single-variant product has nothing to choose').to.equal(0);
      const labels = qa(el, '[part~="plans"] label').map((label) => label.textContent!.trim());
      expect(labels).to.deep.equal(['One-time purchase', 'Delivered every week', 'Delivered every month']);
      const eur = (value: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(value);
      expect(price(el), 'one-time price').to.equal(eur(18));
      radio(el, 'Delivered every week').click();
      await waitUntil(() => price(el) === eur(15.3), 'the plan’s price');
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      expect((await last())!.body).to.deep.equal({ items: [{ id: 5100, quantity: 1, selling_plan: 7001 }] });
      await expect(el).to.be.accessible();
    } finally {
      await s.close();
    }
  });

  it('a product that requires a selling plan offers no one-time purchase and posts its plan', async () => {
    await reset();
    setShopify({ currency: { active: 'EUR' } });
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: { id: 'box', title: 'Subscription box', variantId: '5200', url: 'https://shop.example/products/subscription-box' } });
      await waitUntil(() => q(el, '[part~="plans"]'), 'purchase options');
      expect(qa(el, '[part~="plans"] label').map((label) => label.textContent!.trim())).to.deep.equal(['Every month']);
      expect(radio(el, 'Every month').checked, 'the plan is picked').to.equal(true);
      expect(price(el)).to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(27));
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      expect((await last())!.body).to.deep.equal({ items: [{ id: 5200, quantity: 1, selling_plan: 7101 }] });
    } finally {
      await s.close();
    }
  });

  it('a French 422 is sold out from its status and the product JSON, never its words; another 422 shows Shopify’s message', async () => {
    await reset();
    const s = await stage(SHOP, { lang: 'fr' });
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      // No product JSON (no url): the 422 for the pinned variant is sold out.
      s.host.act('pin', { product: { id: 'm-blanc', title: 'Linen shirt', variantId: '999' } });
      await waitUntil(() => addButton(el));
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Sorry, this item is sold out.'), 'sold out, in the element’s strings');
      expect(shadowText(el), 'Shopify’s French text is not parsed or shown').to.not.include('épuisé');
      expect(addButton(el).textContent!.trim()).to.equal('Sold out');
      el.locale = 'es';
      await waitUntil(() => addButton(el).textContent!.trim() === 'Agotado', 'the localized Sold out');
      el.locale = '';
      // L / Blanc is available but only 3 are: a 422 the fresh product JSON does not explain as sold out.
      s.host.act('pin', { product: { ...shirt, variantId: '998' } });
      await waitUntil(() => radio(el, 'L')?.checked);
      q<HTMLInputElement>(el, '[part~="quantity"] input').value = '4';
      q<HTMLInputElement>(el, '[part~="quantity"] input').dispatchEvent(new Event('change'));
      await waitUntil(() => q<HTMLInputElement>(el, '[part~="quantity"] input').value === '4');
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Could not add to cart: Vous ne pouvez pas ajouter plus de 3'), 'Shopify’s own message');
      expect(addButton(el).disabled, 'not sold out: the viewer may add fewer').to.equal(false);
    } finally {
      await s.close();
    }
  });

  it('prices: fr/EUR "49,90 €", the shop’s money format, and zh-TW stays zh-TW', async () => {
    setShopify({ currency: { active: 'EUR' } });
    const s = await stage(SHOP, { lang: 'fr' });
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => qa(el, '[part~="option"]').length === 2, 'product JSON');
      expect(price(el), 'French page, euros').to.equal(new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }).format(49.9));
      expect(price(el).replace(/\s/g, ' ')).to.equal('49,90 €');
      el.moneyFormat = 'Rs. {{amount}}';
      await waitUntil(() => price(el) === 'Rs. 49.90', 'the shop’s money format');
      el.moneyFormat = '{{amount_with_comma_separator}} €';
      await waitUntil(() => price(el) === '49,90 €');
      el.moneyFormat = '<span class=money>&euro;{{ amount }}</span><img src=x onerror="window.__pwned=1">';
      await waitUntil(() => price(el) === '€49.90', 'markup in the format is dropped, entities decoded');
      expect(q(el, '[part~="price"] span, [part~="price"] img'), 'no markup from the format').to.equal(null);
      el.moneyFormat = '';
      s.room.setAttribute('money-format', 'Rs. {{amount}}'); // as the Shopify app embed writes it
      el.requestUpdate();
      await waitUntil(() => price(el) === 'Rs. 49.90', 'the room’s money format when the element has none');
      s.room.removeAttribute('money-format');
      setShopify({ currency: { active: 'TWD' } });
      s.wrapper.lang = 'zh-TW';
      const twd = (locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'TWD' }).format(49.9);
      await waitUntil(() => price(el) === twd('zh-TW'), 'zh-TW formatting');
      expect(twd('zh-TW'), 'the premise: zh-TW and zh-CN differ for TWD').to.not.equal(twd('zh-CN'));
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    } finally {
      await s.close();
    }
  });

  it('formats every placeholder of Shopify money formats', () => {
    expect(formatMoney(123456789, '{{amount}}')).to.equal('1,234,567.89');
    expect(formatMoney(123456789, '{{amount_no_decimals}}')).to.equal('1,234,568');
    expect(formatMoney(123456789, '{{amount_with_comma_separator}}')).to.equal('1.234.567,89');
    expect(formatMoney(123456789, '{{amount_no_decimals_with_comma_separator}}')).to.equal('1.234.568');
    expect(formatMoney(123456789, "{{amount_with_apostrophe_separator}} CHF")).to.equal("1'234'567.89 CHF");
    expect(formatMoney(123456789, '{{amount_with_space_separator}}')).to.equal('1 234 567,89');
    expect(formatMoney(123456789, '{{amount_no_decimals_with_space_separator}}')).to.equal('1 234 568');
    expect(formatMoney(123456789, '{{amount_with_period_and_space_separator}}')).to.equal('1 234 567.89');
    expect(formatMoney(4990, 'Rs. {{amount}}')).to.equal('Rs. 49.90');
  });

  it('hostile titles and option values render as text only', async () => {
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: { id: 'h', title: '<img src=x onerror=alert(1)>', variantId: '6001', url: 'https://shop.example/products/hostile' } });
      await waitUntil(() => qa(el, '[part~="option"]').length === 1, 'hostile product JSON');
      expect(q(el, '[part~="option"] legend').textContent).to.equal('<script>alert(1)</script>');
      expect(qa(el, '[part~="option-value"]').map((node) => node.textContent!.trim())).to.deep.equal(['<b>bold</b>', '"><svg onload=alert(1)>']);
      expect(q(el, '[part~="title"]').textContent!.trim()).to.equal('<img src=x onerror=alert(1)>');
      expect(qa(el, 'script, svg, b, img[src="x"]').length, 'no element from the shop’s strings').to.equal(0);
    } finally {
      await s.close();
    }
  });

  it('Dawn-like page: the add asks for the cart sections, the theme renders them, the bubble counts', async () => {
    await reset();
    const page = themePage(`<a id="cart-icon-bubble" href="/cart"></a><div id="cart-notification-product"></div><div id="cart-notification-button"></div>
      <cart-notification></cart-notification>`);
    const published: { name: string; data: { source: string } }[] = [];
    const global = window as unknown as { publish?: unknown };
    global.publish = (name: string, data: { source: string }) => (published.push({ name, data }), Promise.resolve());
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => q(el, '[part~="quantity"]'));
      expect(page.bubble(), 'empty cart').to.equal('');
      q<HTMLButtonElement>(el, '[part~="quantity"] button[aria-label="Increase quantity"]').click();
      await waitUntil(() => q<HTMLInputElement>(el, '[part~="quantity"] input').value === '2');
      addButton(el).click();
      await waitUntil(() => page.bubble() === '2', 'the bubble shows 2');
      const body = (await last())!.body;
      expect(body.sections, 'the theme cart’s sections').to.equal('cart-notification-product,cart-notification-button,cart-icon-bubble');
      expect(body.sections_url).to.equal(location.pathname);
      expect((document.querySelector('cart-notification') as DawnCartNotification).opened, 'the theme opened its notification').to.equal(1);
      expect(published.map((entry) => [entry.name, entry.data.source]), 'Dawn’s pub/sub cartUpdate').to.deep.equal([['cart-update', 'linger']]);
      addButton(el).click();
      await waitUntil(() => page.bubble() === '4', 'and 4 after another add of 2');
    } finally {
      delete global.publish;
      page.remove();
      await s.close();
    }
  });

  it('Dawn-like page without a cart drawer: the cart-icon-bubble section is swapped in', async () => {
    await reset();
    const page = themePage('<a id="cart-icon-bubble" href="/cart"><span>cart</span></a>');
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => q(el, '[part~="quantity"]'));
      addButton(el).click();
      await waitUntil(() => page.bubble() === '1', 'the bubble shows 1');
      expect((await last())!.body.sections).to.equal('cart-icon-bubble');
    } finally {
      page.remove();
      await s.close();
    }
  });

  it('Horizon-like page: shopify:cart:lines-update carries the lines and a promise of the cart; the bubble counts', async () => {
    await reset();
    const page = themePage('<span class="cart-bubble"></span>');
    const events: Event[] = [];
    // Horizon's cart-icon.js: the bubble from the event's promise (cart.totalQuantity).
    const onUpdate = (event: Event) => {
      events.push(event);
      const update = event as Event & { promise: Promise<{ cart: { totalQuantity: number } | null; detail?: { itemCount?: number } }> };
      void update.promise.then(({ cart, detail }) => (document.querySelector('.cart-bubble')!.textContent = String(cart?.totalQuantity ?? detail?.itemCount ?? 0)));
    };
    document.addEventListener('shopify:cart:lines-update', onUpdate);
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => q(el, '[part~="quantity"]'));
      addButton(el).click();
      await waitUntil(() => page.bubble() === '1', 'the bubble shows 1');
      const event = events[0] as Event & { action: string; context: string; lines: unknown[] };
      expect([event.action, event.context, event.bubbles]).to.deep.equal(['add', 'product', true]);
      expect(event.lines).to.deep.equal([{ merchandiseId: 'gid://shopify/ProductVariant/4242', quantity: 1 }]);
      radio(el, 'S').click();
      radio(el, 'Noir').click();
      await waitUntil(() => !addButton(el).disabled && !shadowText(el).includes('Added'));
      addButton(el).click();
      await waitUntil(() => page.bubble() === '2', 'the bubble shows 2');
    } finally {
      document.removeEventListener('shopify:cart:lines-update', onUpdate);
      page.remove();
      await s.close();
    }
  });

  it('uses Shopify.actions.updateCart where the theme configured it; its stock error codes mean sold out', async () => {
    await reset();
    const calls: unknown[][] = [];
    let answer: unknown = { cart: { totalQuantity: 1 }, userErrors: [] };
    const updateCart = Object.assign(async (...args: unknown[]) => (calls.push(args), answer), { isDefault: () => false });
    setShopify({ currency: { active: 'EUR' }, actions: { updateCart } });
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: coffee });
      await waitUntil(() => q(el, '[part~="plans"]'));
      radio(el, 'Delivered every month').click();
      q<HTMLButtonElement>(el, '[part~="quantity"] button[aria-label="Increase quantity"]').click();
      await waitUntil(() => q<HTMLInputElement>(el, '[part~="quantity"] input').value === '2');
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added through the action');
      expect(calls[0]![0], 'the standard action’s payload').to.deep.equal({
        lines: [{ merchandiseId: 'gid://shopify/ProductVariant/5100', quantity: 2, sellingPlanId: 'gid://shopify/SellingPlan/7002' }],
      });
      expect(await last(), 'no AJAX add of our own').to.equal(null);
      answer = { cart: null, userErrors: [{ code: 'MERCHANDISE_OUT_OF_STOCK', message: 'Ce produit est épuisé.' }] };
      radio(el, 'Delivered every week').click();
      await waitUntil(() => !shadowText(el).includes('Added'));
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Sorry, this item is sold out.'), 'sold out from the error code');
    } finally {
      await s.close();
    }
  });

  it('leaves Shopify’s default updateCart alone (it reloads the page on themes it does not know): adds through the AJAX cart', async () => {
    await reset();
    let called = 0;
    const updateCart = Object.assign(async () => (called++, { cart: null }), { isDefault: () => true });
    setShopify({ actions: { updateCart } });
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: shirt });
      await waitUntil(() => q(el, '[part~="quantity"]'));
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'added');
      expect(called, 'the default action was not called').to.equal(0);
      expect((await last())!.body).to.deep.equal({ items: [{ id: 4242, quantity: 1 }] });
    } finally {
      await s.close();
    }
  });

  it('a merchant who cancels linger-add-to-cart adds it themselves: nothing is posted', async () => {
    await reset();
    const s = await stage(SHOP);
    const el = s.room.querySelector('linger-product') as LingerProduct;
    const seen: { variantId: string | undefined; quantity: number; sellingPlan: string | undefined }[] = [];
    s.wrapper.addEventListener('linger-add-to-cart', (event) => {
      event.preventDefault();
      seen.push({ variantId: event.detail.variantId, quantity: event.detail.quantity, sellingPlan: event.detail.sellingPlan });
      event.detail.waitUntil(Promise.resolve());
    });
    try {
      s.host.act('pin', { product: coffee });
      await waitUntil(() => q(el, '[part~="plans"]'));
      radio(el, 'Delivered every week').click();
      await el.updateComplete;
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'));
      expect(seen).to.deep.equal([{ variantId: '5100', quantity: 1, sellingPlan: '7001' }]);
      expect(await last(), 'the element posted nothing').to.equal(null);
    } finally {
      await s.close();
    }
  });

  it('options, plans and quantity are right to left and accessible in Arabic at 360 px', async () => {
    const s = await stage(SHOP, { lang: 'ar', dir: 'rtl', width: '360px' });
    const el = s.room.querySelector('linger-product') as LingerProduct;
    try {
      s.host.act('pin', { product: { ...shirt, title: 'قميص كتان' } });
      await waitUntil(() => qa(el, '[part~="option"]').length === 2 && shadowText(el).includes('الكمية'), 'Arabic strings with options');
      const [first, second] = qa(el, '[part~="option"]')[0]!.querySelectorAll('[part~="option-value"]');
      expect(first!.getBoundingClientRect().left, 'values run right to left').to.be.greaterThan(second!.getBoundingClientRect().left);
      await expectRtlPhoneLayout(el, translation);
      s.host.act('pin', { product: { ...coffee, title: 'بن' } });
      await waitUntil(() => shadowText(el).includes('خيارات الشراء'), 'Arabic purchase options');
      await expectRtlPhoneLayout(el, translation);
    } finally {
      await s.close();
    }
  });

  it('"Load from shop" pins a variant id and a plain price; each viewer re-prices it in their market', async () => {
    await reset();
    setShopify({ currency: { active: 'EUR' } });
    const network = new MemoryNetwork();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room id="shop-host" hosts="host-1" .customTransport=${network.connect('host-1')}><linger-host-console></linger-host-console></linger-room>
      <div lang="fr">
        <linger-room id="shop-viewer" hosts="host-1" .customTransport=${network.connect('viewer-1')}>
          <linger-product cart="shopify" cart-root="/test-api/shopify/"></linger-product>
        </linger-room>
      </div>
    </div>`);
    try {
      const hostRoom = wrapper.querySelector<LingerRoom>('#shop-host')!;
      const viewerRoom = wrapper.querySelector<LingerRoom>('#shop-viewer')!;
      const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
      const el = wrapper.querySelector('linger-product') as LingerProduct;
      await waitUntil(() => hostRoom.session?.$status.get() === 'connected' && viewerRoom.session?.$status.get() === 'connected', 'both rooms connected');
      const root = console.shadowRoot!;
      (root.querySelector('#tab-products') as HTMLButtonElement).click();
      await console.updateComplete;
      const handle = root.querySelector<HTMLInputElement>('#shop-handle')!;
      handle.value = 'linen-shirt';
      handle.dispatchEvent(new Event('input'));
      const buttons = () => [...root.querySelectorAll('button')];
      buttons().find((b) => b.textContent!.trim() === 'Load from shop')!.click();
      await waitUntil(() => buttons().some((b) => b.textContent!.trim() === 'Pin'), 'the loaded product is listed');
      buttons().find((b) => b.textContent!.trim() === 'Pin')!.click();
      await waitUntil(() => viewerRoom.session!.state.pinned, 'pinned on the viewer');
      const pinned = viewerRoom.session!.state.pinned!.product;
      expect([pinned.variantId, pinned.price, pinned.currency, pinned.url]).to.deep.equal(['4242', '49.90', 'EUR', new URL('/products/linen-shirt', location.origin).href]);
      await waitUntil(() => qa(el, '[part~="option"]').length === 2, 'the viewer picks from the storefront’s variants');
      expect(price(el).replace(/\s/g, ' ')).to.equal('49,90 €');
      // Another market: the storefront answers in francs; the pin's euros are not baked in.
      setShopify({ currency: { active: 'CHF' } });
      el.requestUpdate();
      await waitUntil(() => price(el) === new Intl.NumberFormat('fr', { style: 'currency', currency: 'CHF' }).format(49.9), 'priced in the viewer’s currency');
      addButton(el).click();
      await waitUntil(() => shadowText(el).includes('Added to your cart'), 'bought');
      expect((await last())!.body).to.deep.equal({ items: [{ id: 4242, quantity: 1 }] });
    } finally {
      wrapper.remove();
    }
  });
});
