/**
 * Privacy before consent: a full storefront (room with a webhook on a test route, every viewer
 * element) in each consent mode that needs consent. While a viewer watches, chats, likes, enters a
 * giveaway, answers a quiz and sets a reminder, nothing may go on the network and nothing may be
 * written to the device. Once consent arrives the held events must flow — and carry no name and no
 * comment text.
 */
import { traces, tracesSince, plainFetch, type Trace } from './privacy-spies.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/room/linger-room.js';
import '../../src/elements/player/linger-player.js';
import '../../src/elements/overlay/linger-overlay.js';
import '../../src/elements/product/linger-product.js';
import '../../src/elements/quiz/linger-quiz.js';
import '../../src/elements/lottery/linger-lottery.js';
import '../../src/elements/countdown/linger-countdown.js';
import type { LingerRoom } from '../../src/elements/room/room.js';
import type { LingerEvent } from '../../src/events/types.js';
import type { LingerAddToCartEvent } from '../../src/events/dom/linger-add-to-cart.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { RoomSession } from '../../src/core/session.js';
import { randomId } from '../../src/core/protocol.js';
import { HEX64 } from '../helpers/show.js';

const NAME = 'Alice Example';
const COMMENT = 'Call me at 555-0100 about the scarf';

type Mode = '' | 'denied' | 'shopify';

interface ShopifyPrivacy {
  allowed: boolean;
}

/** A Shopify storefront's Customer Privacy API whose answer the test controls. */
function fakeShopify(): ShopifyPrivacy {
  const privacy = { allowed: false };
  (window as unknown as { Shopify?: unknown }).Shopify = { customerPrivacy: { analyticsProcessingAllowed: () => privacy.allowed } };
  return privacy;
}

const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function storefront(mode: Mode, bucket: string) {
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
  await host.connect();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 390px">
    <linger-room channel=${`privacy-${bucket}`} hosts="host-1" webhook=${`/test-api/flaky/${bucket}?rate=0`} consent=${mode}
      .customTransport=${network.connect('viewer-0')}>
      <linger-player></linger-player>
      <linger-overlay name=${NAME}></linger-overlay>
      <linger-product cart="event"></linger-product>
      <linger-quiz></linger-quiz>
      <linger-lottery></linger-lottery>
      <linger-countdown></linger-countdown>
    </linger-room>
  </div>`);
  const room = wrapper.querySelector<LingerRoom>('linger-room')!;
  await waitUntil(() => room.session?.$status.get() === 'connected' && room.session.state.epoch !== null, 'viewer room connected');
  return {
    host,
    room,
    element: (tag: string) => room.querySelector(tag)!,
    close: async () => {
      wrapper.remove();
      await host.close();
    },
  };
}

type Shop = Awaited<ReturnType<typeof storefront>>;

/** What a viewer does in a few minutes of a show, through the elements wherever they offer it. */
async function viewerActivity(shop: Shop): Promise<void> {
  const { host, room, element } = shop;
  const session = room.session!;
  const now = host.clock.now();
  host.act('show', { phase: 'live', title: 'Spring sale', startedAt: now });
  host.act('schedule', { perks: [{ id: 'k1', kind: 'flash', at: now + 120_000, lead: 600, prompt: 'Type 1!', title: 'Flash deal' }] });
  host.act('pin', { product: { id: 'scarf', title: 'Silk scarf', price: '19.90' } });
  host.act('lottery.open', { id: 'l1', mode: 'tap', prize: 'Teapot', winners: 1, closesAt: now + 60_000, commitment: HEX64 });
  await host.askQuiz({ id: 'q1', question: 'Which silk?', options: ['Mulberry', 'Tussar'], correct: 0, seconds: 60 });
  // The player's watch-time reports (it reports these itself while a video plays).
  session.track('session_start', {});
  session.track('heartbeat', { seconds: 15 });
  const overlay = element('linger-overlay');
  await waitUntil(() => part(overlay, 'input'), 'composer');
  const input = part(overlay, 'input') as HTMLInputElement;
  input.value = COMMENT;
  input.dispatchEvent(new Event('input'));
  await (overlay as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  (part(overlay, 'composer') as HTMLFormElement).requestSubmit();
  for (let i = 0; i < 3; i++) part(overlay, 'like-button')!.click();
  await waitUntil(() => part(element('linger-lottery'), 'enter-button'), 'lottery enter button');
  part(element('linger-lottery'), 'enter-button')!.click();
  await waitUntil(() => part(element('linger-quiz'), 'option'), 'quiz options');
  part(element('linger-quiz'), 'option')!.click();
  await waitUntil(() => part(element('linger-countdown'), 'remind-button'), 'remind button');
  // The reminder is tracked once the calendar code is here (a dynamic import): wait for it.
  const reminded = new Promise((resolve) => element('linger-countdown').addEventListener('linger-remind-me', resolve, { once: true }));
  part(element('linger-countdown'), 'remind-button')!.click();
  await reminded;
  // The shop takes over the cart (as a theme would), so the element reports the add.
  element('linger-product').addEventListener('linger-add-to-cart', (event) => {
    event.preventDefault();
    (event as LingerAddToCartEvent).detail.waitUntil(Promise.resolve());
  });
  await waitUntil(() => part(element('linger-product'), 'add-button'), 'add to cart button');
  part(element('linger-product'), 'add-button')!.click();
  session.track('product_click', { product: 'scarf' });
  await waitUntil(() => session.state.chat.some((line) => line.text === COMMENT), 'the comment went out on the show');
  await waitUntil(() => host.ledger.entrants.get('l1')?.size === 1, 'the entry reached the host');
  await waitUntil(() => host.state.likes === 3, 'the batched likes reached the host');
  // The page hides: what the room does on pagehide / visibilitychange.
  room.events!.pageHide();
}

async function receiver(bucket: string): Promise<{ unique: number; events: LingerEvent[] }> {
  return (await plainFetch(`/test-api/flaky/${bucket}?ids=1`)).json();
}

const describeTraces = (list: readonly Trace[]) => list.map((trace) => `${trace.kind} ${trace.what}`);

async function grant(mode: Mode, room: LingerRoom, shopify: ShopifyPrivacy | null): Promise<void> {
  if (mode === 'shopify') {
    shopify!.allowed = true;
    document.dispatchEvent(new Event('visitorConsentCollected'));
  } else room.consent = 'granted';
  await room.updateComplete;
}

function clearLingerStorage(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('linger')) localStorage.removeItem(key);
}

describe('hardening: privacy before consent', () => {
  beforeEach(clearLingerStorage);
  afterEach(() => delete (window as unknown as { Shopify?: unknown }).Shopify);

  it('sanity: the spies see requests and storage writes', async () => {
    const mark = traces.length;
    await fetch('/test-api/echo?x=1');
    navigator.sendBeacon('/test-api/echo?beacon=1', 'x');
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/test-api/echo?xhr=1');
    localStorage.setItem('linger-spy-check', '1');
    sessionStorage.setItem('linger-spy-check', '1');
    document.cookie = 'linger-spy-check=1; max-age=1';
    indexedDB.open('linger-spy-check');
    expect(tracesSince(mark).map((trace) => trace.kind), 'every channel recorded').to.deep.equal(['fetch', 'beacon', 'xhr', 'storage', 'storage', 'cookie', 'indexeddb']);
    document.cookie = 'linger-spy-check=; max-age=0';
    localStorage.removeItem('linger-spy-check');
    sessionStorage.removeItem('linger-spy-check');
    indexedDB.deleteDatabase('linger-spy-check');
  });

  for (const mode of ['', 'denied', 'shopify'] as const) {
    it(`consent="${mode}": nothing sent or stored before consent; after it the events flow without personal data`, async function () {
      this.timeout(20_000);
      const bucket = `privacy-${mode || 'unset'}-${randomId(6)}`;
      const shopify = mode === 'shopify' ? fakeShopify() : null;
      const mark = traces.length;
      const shop = await storefront(mode, bucket);
      try {
        await viewerActivity(shop);
        const { room } = shop;
        room.events!.flush({ final: true });
        const before = tracesSince(mark);
        expect(describeTraces(before), 'no request and no storage write before consent').to.deep.equal([]);
        expect(room.webhookDelivery, 'no webhook sink before consent').to.equal(null);
        const held = room.events!.heldCount;
        expect(held, 'the activity did make events (held in memory)').to.be.at.least(8);
        expect(document.cookie.includes('linger'), 'no cookie').to.equal(false);

        await grant(mode, room, shopify);
        expect(room.webhookDelivery, 'the webhook sink exists once consent is given').to.not.equal(null);
        room.events!.flush();
        await waitUntil(async () => (await receiver(bucket)).unique >= held, 'the held events reach the webhook', { timeout: 10_000, interval: 100 });
        const after = describeTraces(tracesSince(mark));
        expect(after.some((trace) => trace.startsWith(`fetch POST`) && trace.includes(bucket)), 'POSTed to the webhook').to.equal(true);
        expect(after, 'the viewer id is stored only now').to.include('storage localStorage:linger-viewer-id');

        const { events } = await receiver(bucket);
        const body = JSON.stringify(events);
        expect(body, 'no display name in the events').to.not.include(NAME);
        expect(body, 'no comment text in the events').to.not.include('555-0100');
        const types = new Set(events.map((event) => event.type));
        for (const type of ['session_start', 'heartbeat', 'session_end', 'chat', 'like', 'lottery_enter', 'quiz_answer', 'remind_me', 'add_to_cart', 'product_click', 'timeline']) {
          expect([...types], `the ${type} event arrived`).to.include(type);
        }
        expect(new Set(events.map((event) => event.viewerId)).size, 'one pseudonymous viewer id').to.equal(1);
        expect(events[0]!.viewerId, 'pseudonymous').to.match(/^v-[0-9a-z]{16}$/);
        const chat = events.find((event) => event.type === 'chat')!;
        expect(Object.keys(chat.props).sort(), 'a chat event carries the message id and length only').to.deep.equal(['length', 'message']);
      } finally {
        await shop.close();
        await plainFetch(`/test-api/flaky/${bucket}`, { method: 'DELETE' });
        clearLingerStorage();
      }
    });
  }

  it('a viewer room on the default BroadcastChannel transport stores nothing before consent', async () => {
    const mark = traces.length;
    const wrapper = await fixture<HTMLDivElement>(html`<div><linger-room channel=${`privacy-bc-${randomId(6)}`} hosts="host-1" webhook="/test-api/flaky/never"></linger-room></div>`);
    const room = wrapper.querySelector<LingerRoom>('linger-room')!;
    await waitUntil(() => room.session?.$status.get() === 'connected', 'connected');
    room.session!.track('session_start', {});
    room.session!.like(2);
    room.events!.pageHide();
    expect(describeTraces(tracesSince(mark)), 'no request and no storage write').to.deep.equal([]);
    wrapper.remove();
  });
});
