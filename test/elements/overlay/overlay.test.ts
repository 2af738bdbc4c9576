import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/overlay/linger-overlay.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { DANMAKU_CAP, LIST_CAP, type LingerOverlay, type OverlayVariant } from '../../../src/elements/overlay/overlay.js';
import { translation } from '../../../src/elements/overlay/overlay.strings.js';
import type { LingerConnectionStatus } from '../../../src/elements/connection-status/connection-status.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { transportError } from '../../../src/transports/transport.js';
import { RoomSession } from '../../../src/core/session.js';
import { RoomController } from '../../../src/controllers/room-controller.js';
import { PROTOCOL_VERSION, encode, randomId } from '../../../src/core/protocol.js';
import { expectCompleteTranslation, expectNoRawKeys } from '../../helpers/i18n.js';
import { HEX64, sleep } from '../../helpers/show.js';

const shadow = (overlay: LingerOverlay) => overlay.shadowRoot!;
const text = (overlay: LingerOverlay) => shadow(overlay).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const comments = (overlay: LingerOverlay) => [...shadow(overlay).querySelectorAll('[part~=comment]')];
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

interface Rig {
  network: MemoryNetwork;
  host: RoomSession;
  wrapper: HTMLElement;
  rooms: LingerRoom[];
  overlays: LingerOverlay[];
  close(): Promise<void>;
}

/** A host session and `count` viewer rooms, each with an overlay, on one memory network. */
async function rig(count = 1, attrs: { variant?: OverlayVariant; width?: number } = {}): Promise<Rig> {
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
  await host.connect();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: ${attrs.width ?? 420}px; background: #333"></div>`);
  const rooms: LingerRoom[] = [];
  const overlays: LingerOverlay[] = [];
  for (let i = 0; i < count; i++) {
    const room = document.createElement('linger-room');
    room.id = `ov-${i}-${randomId(6)}`;
    room.hosts = 'host-1';
    room.customTransport = network.connect(`viewer-${i}`);
    const overlay = document.createElement('linger-overlay');
    // The rig's dark box stands for the video: the over-video look unless a test asks for another.
    overlay.variant = attrs.variant ?? 'video';
    overlay.name = `Viewer ${i}`;
    room.append(overlay);
    wrapper.append(room);
    rooms.push(room);
    overlays.push(overlay);
  }
  await waitUntil(() => rooms.every((room) => room.session?.$status.get() === 'connected'), 'rooms connect');
  return {
    network,
    host,
    wrapper,
    rooms,
    overlays,
    close: async () => {
      wrapper.remove();
      await host.close();
    },
  };
}

/**
 * A crowd that publishes chat envelopes straight onto the network (no client-side budget), each
 * message from the next of `senders` ids, so receivers' per-sender allowances are not what is tested.
 */
function crowd(network: MemoryNetwork, senders = 2000, prefix = 'crowd'): (text: string, name?: string) => void {
  let next = 0;
  return (text, name) => {
    const body: { text: string; name?: string } = { text };
    if (name !== undefined) body.name = name;
    const sender = senders === 1 ? prefix : `${prefix}-${next++ % senders}`;
    network.publishAs(sender, encode({ v: PROTOCOL_VERSION, type: 'chat', id: randomId(), at: Date.now(), body }));
  };
}

async function type(overlay: LingerOverlay, value: string): Promise<void> {
  await overlay.updateComplete;
  const input = shadow(overlay).querySelector<HTMLInputElement>('[part=input]')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await overlay.updateComplete;
  shadow(overlay).querySelector<HTMLFormElement>('[part=composer]')!.requestSubmit();
  await overlay.updateComplete;
}

describe('<linger-overlay>', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('shows "what’s on now" on first render: viewers, next perk in mm:ss, the open giveaway', async () => {
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    const now = host.clock.now();
    host.act('show', { phase: 'live', title: 'Spring sale' });
    host.act('schedule', { perks: [{ id: 'p1', kind: 'flash', at: now + 4 * 60_000 + 30_000, lead: 60, prompt: 'Type 1', title: 'Flash deal' }] });
    host.act('lottery.open', { id: 'l1', mode: 'keyword', keyword: 'WIN', prize: 'Silk scarf', winners: 1, closesAt: now + 120_000, commitment: HEX64 });
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.customTransport = network.connect('viewer-late');
    document.body.append(room);
    await waitUntil(() => room.session?.state.lottery !== null && room.session?.state.lottery !== undefined, 'late joiner has the snapshot');
    const overlay = document.createElement('linger-overlay');
    room.append(overlay);
    await overlay.updateComplete;
    const now$ = shadow(overlay).querySelector('[part=now]')!;
    expect(now$.textContent, 'live badge').to.contain('LIVE');
    expect(now$.textContent, 'viewer count').to.match(/\d watching/);
    expect(now$.textContent, 'next perk mm:ss').to.match(/Next: Flash deal in 4:(29|30)/);
    expect(now$.textContent, 'open giveaway').to.contain('Giveaway open: Silk scarf').and.contain('Comment “WIN” to enter');
    room.remove();
    await host.close();
  });

  it('while the room cannot connect, says so (<linger-connection-status>) where the phase chip was, not "Starting soon"', async () => {
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    host.act('show', { phase: 'live' });
    // A viewer transport with no route to the network until `offline` is cleared.
    const gate = { offline: true };
    const inner = network.connect('viewer-offline');
    const transport = Object.create(inner) as typeof inner;
    transport.connect = async () => {
      if (gate.offline) throw transportError('agora-unreachable', 'No route to the network (test).');
      await inner.connect();
    };
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.customTransport = transport;
    const overlay = document.createElement('linger-overlay');
    room.append(overlay);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(room);
    try {
      const status = () => shadow(overlay).querySelector<LingerConnectionStatus>('linger-connection-status');
      await waitUntil(() => /Trying again in/.test(status()?.shadowRoot?.textContent ?? ''), 'the overlay tells the viewer it is retrying');
      expect(status()!.shadowRoot!.textContent, 'and why').to.contain('Check your internet connection');
      expect(text(overlay), 'no "Starting soon" while nothing can start').to.not.contain('Starting soon');
      gate.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => text(overlay).includes('LIVE'), 'connected: the phase chip is back', { timeout: 10_000 });
      expect(status(), 'the status is gone').to.equal(null);
    } finally {
      wrapper.remove();
      await host.close();
    }
  });

  it('a comment typed in one room appears on another room’s overlay', async () => {
    const r = await rig(2);
    await type(r.overlays[0]!, 'Is the blue one in stock? 💙');
    await waitUntil(() => text(r.overlays[1]!).includes('Is the blue one in stock? 💙'), 'arrives on the other overlay');
    expect(text(r.overlays[1]!), 'with the sender name').to.contain('Viewer 0');
    expect(shadow(r.overlays[0]!).querySelector<HTMLInputElement>('[part=input]')!.value, 'composer cleared').to.equal('');
    await r.close();
  });

  it('limits characters and shows the slow-mode hint with the wait', async () => {
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    overlay.maxLength = 20;
    await overlay.updateComplete;
    const input = shadow(overlay).querySelector<HTMLInputElement>('[part=input]')!;
    expect(input.maxLength, 'char limit on the field').to.equal(20);
    r.host.act('moderate', { slowMode: 30 });
    await waitUntil(() => text(overlay).includes('Slow mode: one comment every 30 s'), 'slow mode shown');
    const rejected: string[] = [];
    overlay.addEventListener('linger-chat-rejected', (event) => rejected.push(event.detail.reason));
    await type(overlay, 'first');
    await type(overlay, 'second');
    await waitUntil(() => /Slow mode — you can comment again in (29|30) s/.test(text(overlay)), 'slow-mode hint with seconds');
    expect(rejected, 'rejection event').to.deep.equal(['slow-mode']);
    expect(shadow(overlay).querySelector<HTMLButtonElement>('[part=send-button]')!.disabled, 'send disabled while waiting').to.equal(true);
    await r.close();
  });

  it('batches likes on the wire: 40 fast taps → at most 2 likes messages, every like counted', async () => {
    const r = await rig(1);
    r.network.recordWire = true;
    const button = shadow(r.overlays[0]!).querySelector<HTMLButtonElement>('[part=like-button]')!;
    for (let i = 0; i < 40; i++) button.click();
    await waitUntil(() => r.host.state.likes === 40, 'host counted all likes', { timeout: 4000 });
    const likesMessages = r.network.wire.filter((entry) => entry.from === 'viewer-0' && JSON.parse(entry.data).type === 'likes');
    expect(likesMessages.length, 'one message per second at most').to.be.within(1, 2);
    await r.overlays[0]!.updateComplete;
    expect(shadow(r.overlays[0]!).querySelectorAll('.heart').length, 'hearts bounded').to.be.at.most(12);
    await r.close();
  });

  for (const variant of ['list', 'danmaku'] as const) {
    it(`a 5,000-message burst is drawn in one render: the ${variant} overlay stays under its node cap, with "+N more"`, async function () {
      // Waits for states, never for time: a loaded machine only makes it slower.
      this.timeout(60_000);
      const r = await rig(1, { variant });
      const overlay = r.overlays[0]!;
      await overlay.updateComplete;
      const send = crowd(r.network);
      let renders = 0;
      let drawnBy = 0;
      const probe = overlay as unknown as { updated(changed: Map<PropertyKey, unknown>): void };
      const updated = probe.updated.bind(overlay);
      probe.updated = (changed) => {
        renders++;
        if (!drawnBy && overlay.moreCount > 0) drawnBy = renders;
        updated(changed);
      };
      for (let i = 0; i < 5000; i++) send(`message ${i}`, `n${i % 50}`);
      expect(r.rooms[0]!.session!.state.chatCount, 'every message applied').to.equal(5000);
      expect(r.rooms[0]!.session!.state.chat.length, 'state keeps its bounded buffer').to.equal(200);
      await waitUntil(() => overlay.moreCount > 0, 'the burst is drawn', { timeout: 50_000 });
      // The first render took in all 5,000 (the delivery is synchronous, renders wait for a frame).
      expect(drawnBy, 'renders it took to draw the whole burst').to.equal(1);
      const cap = variant === 'list' ? LIST_CAP : DANMAKU_CAP;
      expect(overlay.commentNodeCount, `${variant} nodes ≤ ${cap}`).to.be.within(1, cap);
      // Everything not drawn is counted: 40 listed, or 1 flying and a few waiting for a lane.
      expect(overlay.moreCount, 'excess counted').to.be.within(5000 - (variant === 'list' ? LIST_CAP : 1 + 10), 5000 - (variant === 'list' ? LIST_CAP : 1));
      expect(text(overlay), '+N more visible').to.match(/\+[\d,]+ more/);
      // Still responsive: a tap works and is drawn.
      shadow(overlay).querySelector<HTMLButtonElement>('[part=like-button]')!.click();
      await overlay.updateComplete;
      expect(shadow(overlay).querySelector('[part=heart]'), 'a heart floats after the burst').to.not.equal(null);
      await r.close();
    });
  }

  it('under a sustained danmaku flood renders a few times a second, not every frame, and keeps "+N more" current', async function () {
    this.timeout(60_000);
    const r = await rig(1, { variant: 'danmaku' });
    const overlay = r.overlays[0]!;
    const send = crowd(r.network);
    await overlay.updateComplete;
    let renders = 0;
    const probe = overlay as unknown as { updated(changed: Map<PropertyKey, unknown>): void };
    const updated = probe.updated.bind(overlay);
    probe.updated = (changed) => {
      renders++;
      updated(changed);
    };
    // 1,500 comments in batches of 5, each batch in its own task 5 ms apart (about 1,000 a second on
    // an idle machine), as a transport delivers them. A fixed count, so a slow machine sends as much.
    let sent = 0;
    const started = performance.now();
    for (let batch = 0; batch < 300; batch++) {
      for (let i = 0; i < 5; i++) send(`flood ${sent++}`, `n${sent % 40}`);
      await sleep(5);
    }
    const seconds = (performance.now() - started) / 1000;
    const rendersDuringFlood = renders;
    // Lanes free up every 1.4 s, "+N more" refreshes 4× a second, the clock ticks once a second.
    expect(rendersDuringFlood / seconds, `${rendersDuringFlood} renders in ${seconds.toFixed(1)} s`).to.be.below(12);
    expect(overlay.commentNodeCount, 'bullets within the cap').to.be.within(1, DANMAKU_CAP);
    // Every comment that got no lane (a few still wait for one) is in the figure shortly after.
    const shown = () => Number(shadow(overlay).querySelector('[part=more]')?.textContent?.replace(/\D/g, ''));
    await waitUntil(() => shown() >= sent - DANMAKU_CAP - 10, '"+N more" catches up with the flood', { timeout: 8000 });
    expect(shown(), '"+N more" never counts more than arrived').to.be.at.most(sent);
    expect(overlay.moreCount, 'the figure behind it').to.equal(shown());
    expect(r.rooms[0]!.session!.state.chat.length, 'state keeps every message (bounded buffer)').to.equal(200);
    await r.close();
  });

  it('a line that arrives the moment the room has its session, before the overlay renders again, still flies', async () => {
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    const room = document.createElement('linger-room');
    room.id = `ov-early-${randomId(6)}`;
    room.hosts = 'host-1';
    const overlay = document.createElement('linger-overlay');
    overlay.variant = 'danmaku';
    room.append(overlay);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 420px"></div>`);
    let sent = '';
    // The moment the session connects (the memory transport takes microtasks), before the overlay's
    // next render (a frame or a task away): the line must not count as history.
    const stop = room.$session.listen((session) => {
      session?.$status.listen((status) => {
        if (status !== 'connected' || sent) return;
        sent = randomId();
        network.publishAs('early-bird', encode({ v: PROTOCOL_VERSION, type: 'chat', id: sent, at: Date.now(), body: { text: 'first!' } }));
      });
    });
    try {
      room.customTransport = network.connect('viewer-early');
      wrapper.append(room);
      await waitUntil(() => sent && room.session?.state.chat.some((line) => line.id === sent), 'the line reached the room');
      await waitUntil(() => shadow(overlay).querySelector(`.bullet[data-id="${sent}"]`), 'the line flies');
    } finally {
      stop();
      wrapper.remove();
      await host.close();
    }
  });

  it('a line the reducer drops (block word, late delete) launches nothing: danmaku shows exactly the lines in state, no "+N more"', async () => {
    const r = await rig(2, { variant: 'danmaku' });
    const b = r.overlays[1]!;
    const bState = () => r.rooms[1]!.session!.state;
    // Every bullet node B ever adds, in order (a re-launched line would add a second node).
    const launched: string[] = [];
    const watcher = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement && node.classList.contains('bullet')) launched.push(node.dataset.id!);
    });
    watcher.observe(shadow(b), { childList: true, subtree: true });
    // Viewer A's own session refuses a blocked line, so it is published raw, as a modified client would.
    const raw = (body: string, from = 'viewer-0') => {
      const id = randomId();
      r.network.publishAs(from, encode({ v: PROTOCOL_VERSION, type: 'chat', id, at: Date.now(), body: { text: body, name: 'Viewer 0' } }));
      return id;
    };
    try {
      r.host.act('moderate', { blockWords: ['spoiler'] });
      await waitUntil(() => bState().moderation.blockWords.includes('spoiler'), 'B has the block word');
      await type(r.overlays[0]!, 'hello');
      await waitUntil(() => launched.length === 1, 'B launches "hello"');
      const blocked = raw('big spoiler: the scarf is blue');
      // The reducer remembers the id of a message it applied or dropped.
      await waitUntil(() => bState().recentIds.includes(`viewer-0/${blocked}`), 'B received the blocked line (and dropped it)');
      expect(r.host.state.chat.map((line) => line.text), 'the host dropped it too').to.deep.equal(['hello']);
      // A line the host deletes before B's next frame: B applied it (and heard of it), then dropped it.
      // (From another viewer: each sender's chat allowance on receipt is a few lines at a time.)
      const deleted = raw('oops, wrong chat', 'viewer-9');
      expect(bState().chat.at(-1)?.id, 'B appended it').to.equal(deleted);
      r.host.act('moderate', { deleteIds: [deleted] });
      expect(bState().chat.map((line) => line.text), 'and dropped it in the same task, before any frame').to.deep.equal(['hello']);
      raw('bye');
      await waitUntil(() => bState().chat.some((line) => line.text === 'bye'), 'B has "bye" in state');
      await waitUntil(() => launched.length >= 2, 'B launches "bye"');
      // Let the overlay finish whatever the two arrivals scheduled (each render launches at most one bullet).
      for (let i = 0; i < 6; i++) {
        await b.updateComplete;
        await frame();
      }
      expect(bState().chat.map((line) => line.text), 'B’s state').to.deep.equal(['hello', 'bye']);
      expect(launched, 'launched exactly the lines in state, once each').to.deep.equal(bState().chat.map((line) => line.id));
      expect(b.moreCount, 'no phantom "+N more"').to.equal(0);
      expect(shadow(b).querySelector('[part=more]'), 'no "+N more" shown').to.equal(null);
    } finally {
      watcher.disconnect();
      await r.close();
    }
  });

  it('applies deletes and mutes from the host at once on every screen', async () => {
    const r = await rig(2);
    const [a, b] = r.overlays as [LingerOverlay, LingerOverlay];
    const send = crowd(r.network, 1, 'troll');
    send('spam spam', 'Troll');
    await type(a, 'hello from A');
    await waitUntil(() => text(b).includes('spam spam') && text(b).includes('hello from A'), 'both lines visible');
    const aLine = r.host.state.chat.find((line) => line.text === 'hello from A')!;
    r.host.act('moderate', { deleteIds: [aLine.id] });
    await waitUntil(() => !text(a).includes('hello from A') && !text(b).includes('hello from A'), 'deleted everywhere');
    r.host.act('moderate', { mute: ['troll', 'viewer-1'] });
    await waitUntil(() => !text(a).includes('spam spam') && !text(b).includes('spam spam'), 'muted viewer’s lines gone');
    await waitUntil(() => text(b).includes('You can’t comment in this show'), 'the muted viewer is told');
    expect(shadow(b).querySelector<HTMLInputElement>('[part=input]')!.disabled, 'composer disabled for the muted viewer').to.equal(true);
    expect(shadow(a).querySelector<HTMLInputElement>('[part=input]')!.disabled, 'others can still comment').to.equal(false);
    await r.close();
  });

  it('renders a hostile corpus of names and messages as inert text, links not activated', async () => {
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    (window as unknown as { __xss?: number }).__xss = 0;
    const corpus = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=2</script>',
      '"><svg onload=window.__xss=3>',
      'javascript:window.__xss=4',
      'https://evil.example/phish',
      '<a href="https://evil.example">click</a>',
      '{{constructor.constructor("window.__xss=5")()}}',
      '${window.__xss=6}',
      '<iframe src="javascript:window.__xss=7"></iframe>',
      '\u202Eevil\u202C RLO override',
    ];
    const send = crowd(r.network, 50, 'attacker');
    for (const [i, line] of corpus.entries()) send(line, corpus[(i + 3) % corpus.length]!.slice(0, 40));
    await waitUntil(() => comments(overlay).length === corpus.length, 'all rendered');
    await sleep(50);
    const root = shadow(overlay).querySelector('[part=comments]')!;
    expect(root.querySelectorAll('img, script, svg, iframe, a').length, 'no elements from viewer text').to.equal(0);
    expect((window as unknown as { __xss?: number }).__xss, 'no script ran').to.equal(0);
    for (const line of corpus) expect(root.textContent, `shown verbatim: ${line}`).to.contain(line);
    await r.close();
  });

  it('renders names and messages in any script (Thai, Arabic, CJK, emoji, mixed bidi) as sent', async () => {
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    const lines: Array<[string, string]> = [
      ['สมชาย', 'สีนี้มีไซส์ L ไหมคะ'],
      ['فاطمة', 'هل يتوفر باللون الأزرق؟ 😍'],
      ['王芳', '这个多少钱？'],
      ['Ana 🇧🇷', 'Quero! mixed عربي and English 123'],
    ];
    const send = crowd(r.network, 10, 'intl');
    for (const [name, message] of lines) send(message, name);
    await waitUntil(() => comments(overlay).length === lines.length, 'rendered');
    for (const [name, message] of lines) {
      const node = comments(overlay).find((c) => c.querySelector('[part=comment-text]')!.textContent === message);
      expect(node, `line "${message}" present`).to.not.equal(undefined);
      expect(node!.querySelector('[part=comment-name]')!.textContent, 'name').to.equal(name);
      expect(node!.querySelector('[part=comment-text]')!.getAttribute('dir'), 'bidi isolated per line').to.equal('auto');
    }
    await r.close();
  });

  it('shows announcements, the localized perk prompt with a one-tap "1", and the pinned product', async () => {
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    r.host.act('show', { phase: 'live' });
    r.host.act('announce', { text: 'Flash deal in 1 minute!', kind: 'perk-prompt' });
    r.host.act('pin', { product: { id: 'sku1', title: 'Linen shirt', price: '$39', url: 'https://shop.example/linen' }, remaining: 12 });
    await waitUntil(() => text(overlay).includes('Type 1 if you want it'), 'perk prompt');
    // The pinned row draws once the price formatter has loaded (after connect, not on first paint).
    await waitUntil(() => shadow(overlay).querySelector('[part=pinned]'), 'pinned product');
    expect(text(overlay)).to.contain('Flash deal in 1 minute!').and.contain('Linen shirt').and.contain('$39').and.contain('12 left');
    const link = shadow(overlay).querySelector<HTMLAnchorElement>('[part=pinned] a')!;
    expect(link.href, 'http(s) product link').to.equal('https://shop.example/linen');
    expect(link.rel).to.contain('noopener');
    shadow(overlay).querySelector<HTMLButtonElement>('.chip')!.click();
    await waitUntil(() => r.host.state.chat.some((line) => line.text === '1'), 'one tap sends "1"');
    await r.close();
  });

  it('formats the pinned price like <linger-product> (Intl, the product’s currency) inside a bidi isolate', async () => {
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    try {
      r.host.act('pin', { product: { id: 'sku2', title: 'Linen shirt', price: '49.00', currency: 'USD' } });
      await waitUntil(() => shadow(overlay).querySelector('[part=pinned-price]'), 'pinned price');
      const price = shadow(overlay).querySelector('[part=pinned-price]')!;
      expect(price.textContent, 'currency and Intl format').to.equal('$49.00');
      expect(price.localName, 'an isolate element').to.equal('bdi');
      expect(getComputedStyle(price).unicodeBidi, 'isolated from the row around it').to.equal('isolate');
      r.host.act('pin', { product: { id: 'sku3', title: 'Scarf', price: '19.9' } });
      overlay.currency = 'EUR';
      await waitUntil(() => shadow(overlay).querySelector('[part=pinned-price]')?.textContent === '€19.90', 'the currency attribute applies');
      r.host.act('pin', { product: { id: 'sku4', title: 'Hat', price: 'two for 30' } });
      await waitUntil(() => shadow(overlay).querySelector('[part=pinned-price]')?.textContent === 'two for 30', 'free text as the host wrote it');
    } finally {
      await r.close();
    }
  });

  it('prices the pinned row like <linger-product>: the viewer’s market on a storefront, else the pin in the page’s language', async () => {
    // The storefront is test/servers/shopify-cart.route.mjs: linen-shirt's variant 4245 (M / Noir) is 52.90 there.
    const shop = window as unknown as { Shopify?: unknown };
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    const pinnedPrice = () => shadow(overlay).querySelector('[part=pinned-price]')?.textContent ?? '';
    r.wrapper.lang = 'fr';
    try {
      const shirt = { id: 'shirt', title: 'Linen shirt', price: '49.90', currency: 'USD', variantId: '4245', url: 'https://shop.example/products/linen-shirt' };
      r.host.act('pin', { product: shirt });
      await waitUntil(() => pinnedPrice() !== '', 'pinned price');
      expect(pinnedPrice(), 'no storefront: the pin’s price and currency, formatted for the French page').to.equal(new Intl.NumberFormat('fr', { style: 'currency', currency: 'USD' }).format(49.9));

      shop.Shopify = { currency: { active: 'EUR' }, routes: { root: '/test-api/shopify/' } };
      const repin = { ...shirt, id: 'shirt-2' }; // a new pin: asked of the storefront afresh
      r.host.act('pin', { product: repin });
      const marketPrice = new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }).format(52.9);
      await waitUntil(() => pinnedPrice() === marketPrice, `the storefront’s price of the pinned variant in the viewer’s currency (${marketPrice}); got ${pinnedPrice()}`);
      expect(pinnedPrice().replace(/\s/g, ' ')).to.equal('52,90 €');

      r.rooms[0]!.setAttribute('money-format', 'Rs. {{amount}}');
      overlay.requestUpdate();
      await waitUntil(() => pinnedPrice() === 'Rs. 52.90', 'the room’s money format (the Shopify embed writes it) when the overlay has none');
      overlay.moneyFormat = '{{amount_with_comma_separator}} €';
      await waitUntil(() => pinnedPrice() === '52,90 €', 'the overlay’s own money-format wins');

      r.host.act('pin', { product: { ...shirt, id: 'ghost', url: 'https://shop.example/products/not-sold-here' } });
      overlay.moneyFormat = '';
      r.rooms[0]!.removeAttribute('money-format');
      await waitUntil(() => shadow(overlay).querySelector('[part=pinned-title]')?.textContent === 'Linen shirt' && pinnedPrice() === new Intl.NumberFormat('fr', { style: 'currency', currency: 'USD' }).format(49.9), 'a product the shop does not sell here: the pin’s own price');
    } finally {
      delete shop.Shopify;
      await r.close();
    }
  });

  it('says "1 like" / "2 likes" and "1 character left" / "2 characters left", with plural forms in other languages', async () => {
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    const likesText = () => shadow(overlay).querySelector('.like-wrap .visually-hidden')!.textContent!.trim();
    const counterText = () => shadow(overlay).querySelector('[part=counter] .visually-hidden')?.textContent?.trim() ?? '';
    const draft = async (value: string) => {
      const input = shadow(overlay).querySelector<HTMLInputElement>('[part=input]')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await overlay.updateComplete;
    };
    try {
      overlay.maxLength = 10;
      await overlay.updateComplete;
      expect(likesText(), 'no likes').to.equal('0 likes');
      shadow(overlay).querySelector<HTMLButtonElement>('[part=like-button]')!.click();
      await waitUntil(() => likesText() === '1 like', 'singular like', { timeout: 4000 });
      shadow(overlay).querySelector<HTMLButtonElement>('[part=like-button]')!.click();
      await waitUntil(() => likesText() === '2 likes', 'plural likes', { timeout: 4000 });
      await draft('123456789');
      expect(counterText(), 'singular character').to.equal('1 character left');
      await draft('12345678');
      expect(counterText(), 'plural characters').to.equal('2 characters left');
      overlay.locale = 'pt-BR';
      await waitUntil(() => counterText() === 'Restam 2 caracteres', 'Portuguese plural');
      expect(likesText(), 'Portuguese plural likes').to.equal('2 curtidas');
      await draft('123456789');
      expect(counterText(), 'Portuguese singular').to.equal('Resta 1 caractere');
      overlay.locale = 'ar';
      await waitUntil(() => likesText() === 'إعجابان', 'Arabic dual');
      expect(counterText(), 'Arabic singular').to.equal('متبقٍّ حرف واحد');
      await draft('1234567');
      expect(counterText(), 'Arabic 3–10').to.equal(`متبقٍّ ${new Intl.NumberFormat('ar').format(3)} أحرف`);
    } finally {
      await r.close();
    }
  });

  it('keeps comments that cannot wrap (combining-mark floods) inside the comment area and clips them', async () => {
    const r = await rig(1, { width: 390 });
    const overlay = r.overlays[0]!;
    const send = crowd(r.network, 10, 'flood');
    try {
      const floods = [`Z${'\u0301\u0336\u0489'.repeat(96)}`, `a${'\u0E49'.repeat(100)}`];
      floods.forEach((flood) => send(flood));
      send('short and sweet');
      await waitUntil(() => comments(overlay).length === 3, 'three comments');
      const area = shadow(overlay).querySelector('[part=comments]')!.getBoundingClientRect();
      for (const item of comments(overlay)) {
        const box = item.getBoundingClientRect();
        expect(box.right, `${item.textContent!.slice(0, 12)}: inside the area`).to.be.at.most(area.right + 1);
        expect(box.left).to.be.at.least(area.left - 1);
        expect(getComputedStyle(item).contain, 'paint is clipped to the comment').to.match(/content|paint/);
      }
      const normal = comments(overlay).find((item) => item.textContent!.includes('short and sweet'))!;
      const content = document.createRange();
      content.selectNodeContents(normal);
      const padding = parseFloat(getComputedStyle(normal).paddingInlineStart) + parseFloat(getComputedStyle(normal).paddingInlineEnd);
      expect(normal.getBoundingClientRect().width, 'a short comment keeps its own width').to.be.closeTo(content.getBoundingClientRect().width + padding, 2);
      expect(normal.getBoundingClientRect().width, 'not the whole area').to.be.below(area.width - 40);
    } finally {
      await r.close();
    }
  });

  it('prefers-reduced-motion turns danmaku into the list', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const r = await rig(1, { variant: 'danmaku' });
    const overlay = r.overlays[0]!;
    const send = crowd(r.network);
    send('calm please');
    await waitUntil(() => text(overlay).includes('calm please'), 'shown');
    expect(shadow(overlay).querySelector('.comments.list'), 'list layout').to.not.equal(null);
    expect(shadow(overlay).querySelector('.bullet'), 'no flying bullets').to.equal(null);
    shadow(overlay).querySelector<HTMLButtonElement>('[part=like-button]')!.click();
    await overlay.updateComplete;
    expect(shadow(overlay).querySelectorAll('.heart').length, 'no floating hearts').to.equal(0);
    await r.close();
  });

  it('danmaku flows from inline-end to inline-start, mirrored under dir="rtl"', async () => {
    for (const dir of ['ltr', 'rtl'] as const) {
      const r = await rig(1, { variant: 'danmaku' });
      r.wrapper.setAttribute('dir', dir);
      const overlay = r.overlays[0]!;
      if (dir === 'rtl') overlay.locale = 'ar';
      await waitUntil(() => shadow(overlay).querySelector('[part=base]')?.getAttribute('dir') === dir, `overlay drawn ${dir}`);
      const send = crowd(r.network);
      send('طائر bullet');
      await waitUntil(() => shadow(overlay).querySelector('.bullet'), 'bullet flying');
      const bullet = shadow(overlay).querySelector<HTMLElement>('.bullet')!;
      const x0 = bullet.getBoundingClientRect().left;
      await waitUntil(() => Math.abs(bullet.getBoundingClientRect().left - x0) > 10, 'the bullet moves');
      const x1 = bullet.getBoundingClientRect().left;
      if (dir === 'ltr') expect(x1, 'moves left in LTR').to.be.below(x0);
      else expect(x1, 'moves right in RTL').to.be.above(x0);
      await r.close();
    }
  });

  it('is localized (10 languages, Arabic RTL) and axe-clean', async () => {
    await expectCompleteTranslation(translation);
    const r = await rig(1);
    const overlay = r.overlays[0]!;
    r.host.act('show', { phase: 'live' });
    r.host.act('announce', { text: 'Welcome!', kind: 'info' });
    await type(overlay, 'hello');
    await waitUntil(() => text(overlay).includes('hello'), 'line');
    await expect(overlay).to.be.accessible();
    expectNoRawKeys(overlay, translation);
    r.rooms[0]!.locale = 'ar';
    r.wrapper.setAttribute('dir', 'rtl');
    overlay.locale = 'ar';
    await waitUntil(() => text(overlay).includes('مباشر'), 'Arabic strings');
    const base = shadow(overlay).querySelector('[part=base]')!;
    expect(base.getAttribute('dir'), 'rtl').to.equal('rtl');
    expect(base.getAttribute('lang'), 'ar').to.equal('ar');
    expect(shadow(overlay).querySelector('[part=input]')!.getAttribute('placeholder')).to.equal('اكتب شيئًا…');
    expectNoRawKeys(overlay, translation);
    await expect(overlay).to.be.accessible();
    await r.close();
  });
});

/** An element that draws chat (`chatUpdates: 'frame'`): renders the chat length and the show phase, counting renders. */
class ChatProbe extends LitElement {
  readonly roomCtl = new RoomController(this, { chatUpdates: 'frame' });
  renders = 0;
  protected override render() {
    this.renders++;
    const state = this.roomCtl.state;
    return html`<span>${state?.chat.length ?? 0}</span> <b>${state?.show.phase ?? ''}</b>`;
  }
}
customElements.define('overlay-test-chat-probe', ChatProbe);

describe('RoomController (what the overlay builds on)', () => {
  it('re-renders at most once a frame for chat, at once for any other state change', async () => {
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.customTransport = network.connect('viewer-probe');
    const probe = document.createElement('overlay-test-chat-probe') as ChatProbe;
    room.append(probe);
    document.body.append(room);
    await waitUntil(() => room.session?.$status.get() === 'connected', 'room connects');
    const send = crowd(network);
    await frame();
    const before = probe.renders;
    let frames = 0;
    let counting = true;
    const count = () => {
      frames++;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    // 200 comments, each in its own task.
    for (let i = 0; i < 200; i++) setTimeout(() => send(`line ${i}`), 0);
    await waitUntil(() => probe.shadowRoot!.querySelector('span')!.textContent === '200', 'every line counted');
    counting = false;
    expect(probe.renders - before, `renders for 200 comments over ${frames} frames`).to.be.at.most(frames + 1);
    host.act('show', { phase: 'ended' });
    await probe.updateComplete;
    expect(probe.shadowRoot!.querySelector('b')!.textContent, 'a host change renders without waiting for a frame').to.equal('ended');
    room.remove();
    await host.close();
  });
});
