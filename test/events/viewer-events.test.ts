import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/room/linger-room.js';
import type { LingerRoom } from '../../src/elements/room/room.js';
import { ViewerEvents, VIEWER_ID_KEY } from '../../src/events/viewer-events.js';
import { ConsentGate } from '../../src/events/consent.js';
import { CallbackSink } from '../../src/events/sink.js';
import { ShopifySink } from '../../src/events/shopify-sink.js';
import type { LingerEvent } from '../../src/events/types.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { HEX64, sleep, startShow } from '../helpers/show.js';

const clearLinger = () => Object.keys(localStorage).filter((k) => k.startsWith('linger-')).forEach((k) => localStorage.removeItem(k));
const stats = async (name: string) => (await fetch(`/test-api/flaky/${name}?ids=1`)).json();

describe('ViewerEvents', () => {
  beforeEach(clearLinger);

  it('maps a viewer’s activity and the host’s timeline to typed events', async () => {
    const show = await startShow(1);
    const viewer = show.viewers[0]!;
    const consent = new ConsentGate();
    consent.set('granted');
    const got: LingerEvent[] = [];
    const events = new ViewerEvents({ session: viewer, consent, show: () => 'spring', locale: () => 'ar', sessionId: 's-1' });
    events.addSink(new CallbackSink((e) => got.push(e)));
    viewer.track('session_start', {});
    viewer.track('heartbeat', { seconds: 15 });
    viewer.track('product_click', { product: 'p1', secret: { nested: true } });
    viewer.chat('Is it silk?');
    viewer.like(3);
    viewer.enter('l1');
    viewer.answer('q1', 2);
    show.host.act('announce', { text: 'Type 1 for the scarf', kind: 'perk-prompt' });
    show.host.act('lottery.open', { id: 'l1', mode: 'tap', prize: 'Scarf', winners: 1, closesAt: Date.now() + 60_000, commitment: HEX64 });
    show.host.act('lottery.draw', { id: 'l1', seed: 'ab', entrants: 1, digest: HEX64, winnerIds: [viewer.userId] });
    await waitUntil(() => got.some((e) => e.type === 'lottery_win'), 'win arrives');
    await sleep(1200); // the like batch of the session goes out
    events.pageHide();
    const types = got.map((e) => e.type);
    for (const type of ['session_start', 'heartbeat', 'product_click', 'chat', 'lottery_enter', 'quiz_answer', 'timeline', 'lottery_win', 'like', 'session_end']) {
      expect(types, `has ${type}`).to.include(type);
    }
    const like = got.find((e) => e.type === 'like')!;
    expect(like.props, 'likes batched').to.deep.equal({ count: 3 });
    const timeline = got.filter((e) => e.type === 'timeline');
    expect(timeline.map((e) => (e.props as { kind: string }).kind)).to.deep.equal(['perk_announced', 'lottery_opened', 'lottery_drawn']);
    expect(timeline.every((e) => e.id.startsWith('tl-')), 'timeline ids derive from the host message (dedupable across viewers)').to.equal(true);
    expect(got.find((e) => e.type === 'product_click')!.props, 'scalar props only').to.deep.equal({ product: 'p1' });
    expect(got.find((e) => e.type === 'session_end')!.props).to.deep.equal({ seconds: 15 });
    const first = got[0]!;
    expect([first.show, first.sessionId, first.locale]).to.deep.equal(['spring', 's-1', 'ar']);
    expect(first.viewerId, 'persistent pseudonymous id').to.equal(localStorage.getItem(VIEWER_ID_KEY));
    expect(new Set(got.map((e) => e.id)).size, 'unique ids').to.equal(got.length);
    events.dispose();
    await show.close();
  });

  it('shopify consent: holds events in memory with no id until the Customer Privacy API allows', async () => {
    let allowed = false;
    (window as any).Shopify = { customerPrivacy: { analyticsProcessingAllowed: () => allowed }, analytics: { publish: (name: string, payload: unknown) => published.push([name, payload]) } };
    const published: Array<[string, unknown]> = [];
    try {
      const show = await startShow(1);
      const consent = new ConsentGate();
      consent.set('shopify');
      const events = new ViewerEvents({ session: show.viewers[0]!, consent, show: () => 's', locale: () => 'en', sessionId: 's-2' });
      events.addSink(new ShopifySink());
      show.viewers[0]!.track('share', { target: 'copy' });
      expect(published.length, 'nothing published before consent').to.equal(0);
      expect(localStorage.getItem(VIEWER_ID_KEY), 'no id stored before consent').to.equal(null);
      allowed = true;
      document.dispatchEvent(new Event('visitorConsentCollected'));
      expect(published.map(([name]) => name), 'released through Shopify.analytics.publish').to.deep.equal(['linger:share']);
      expect((published[0]![1] as LingerEvent).viewerId, 'stamped with the stored id').to.equal(localStorage.getItem(VIEWER_ID_KEY));
      events.dispose();
      consent.dispose();
      await show.close();
    } finally {
      delete (window as any).Shopify;
    }
  });
});

describe('<linger-room> event sinks', () => {
  beforeEach(clearLinger);

  it('consent denied → zero requests and nothing stored; granted later → the queued events go out', async () => {
    const bucket = `consent-${Date.now()}`;
    const network = new MemoryNetwork();
    const room = await fixture<LingerRoom>(html`<linger-room channel="spring" hosts="host-1" consent="denied" webhook=${`/test-api/flaky/${bucket}?rate=0`} .customTransport=${network.connect('viewer-9')}></linger-room>`);
    await waitUntil(() => room.session?.$status.get() === 'connected');
    const seen: LingerEvent[] = [];
    room.addSink(new CallbackSink((e) => seen.push(e)));
    room.session!.track('session_start', {});
    room.session!.track('heartbeat', { seconds: 12 });
    room.session!.track('add_to_cart', { product: 'p1', quantity: 1 });
    window.dispatchEvent(new Event('pagehide'));
    await sleep(400);
    expect((await stats(bucket)).requests, 'zero requests while denied').to.equal(0);
    expect(seen.length, 'no sink sees anything while denied').to.equal(0);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('linger-')), 'no id, no outbox stored').to.deep.equal([]);
    expect(room.events!.heldCount, 'held in memory').to.equal(4);

    room.consent = 'granted';
    await waitUntil(() => room.webhookDelivery !== null, 'webhook sink made on consent');
    room.events!.flush();
    await waitUntil(async () => (await stats(bucket)).unique === 4, 'queued events delivered');
    const result = await stats(bucket);
    expect(result.events.map((e: LingerEvent) => e.type).sort()).to.deep.equal(['add_to_cart', 'heartbeat', 'session_end', 'session_start']);
    expect(result.events.every((e: LingerEvent) => e.viewerId === localStorage.getItem('linger-viewer-id') && e.sessionId === room.sessionId && e.show === 'spring')).to.equal(true);
    expect(seen.length, 'the added sink got them too').to.equal(4);
    room.remove();
  });

  it('shopify-events publishes linger:<type> customer events through Shopify.analytics once consent allows', async () => {
    const published: Array<[string, LingerEvent]> = [];
    const shopify = { analytics: { publish: (name: string, payload: LingerEvent) => published.push([name, payload]) } };
    (globalThis as { Shopify?: unknown }).Shopify = shopify;
    try {
      const network = new MemoryNetwork();
      const room = await fixture<LingerRoom>(html`<linger-room channel="x" hosts="host-1" consent="denied" shopify-events .customTransport=${network.connect('viewer-7')}></linger-room>`);
      await waitUntil(() => room.session?.$status.get() === 'connected');
      room.session!.track('share', {});
      expect(published.length, 'nothing before consent').to.equal(0);
      room.consent = 'granted';
      await waitUntil(() => published.length === 1, 'released on consent');
      expect(published[0]![0]).to.equal('linger:share');
      room.shopifyEvents = false;
      await room.updateComplete;
      room.session!.track('share', {});
      expect(published.length, 'removed with the attribute').to.equal(1);
      room.remove();
    } finally {
      delete (globalThis as { Shopify?: unknown }).Shopify;
    }
  });

  it('removes a sink', async () => {
    const network = new MemoryNetwork();
    const room = await fixture<LingerRoom>(html`<linger-room channel="x" hosts="host-1" consent="granted" .customTransport=${network.connect('viewer-8')}></linger-room>`);
    await waitUntil(() => room.session?.$status.get() === 'connected');
    const seen: LingerEvent[] = [];
    const remove = room.addSink(new CallbackSink((e) => seen.push(e)));
    room.session!.track('share', {});
    remove();
    room.session!.track('share', {});
    expect(seen.length).to.equal(1);
    room.remove();
  });
});
