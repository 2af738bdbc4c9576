/**
 * `::part()` on every visible region: each element is driven through its main states, and every
 * `@csspart` that custom-elements.json lists for it must appear in its shadow DOM in some state;
 * every visible control (button, input, select, textarea, a, summary) must carry a part.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LingerPlayer } from '../../src/elements/player/player.js';
import type { LingerProduct } from '../../src/elements/product/product.js';
import type { LingerRoom } from '../../src/elements/room/room.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { RoomSession } from '../../src/core/session.js';
import { FakeRtcCloud } from '../fakes/agora-rtc-fake.js';
import { ALL_TAGS, CLIP, goLive, mountShowcase, reveal, scarf, type Showcase, type Tag } from './showcase.js';

const CONTROLS = 'button, input, select, textarea, a[href], summary';

/** Parts seen per tag, and visible controls found without a part. */
const seen = new Map<string, Set<string>>(ALL_TAGS.map((tag) => [tag, new Set<string>()]));
const unnamed: string[] = [];

function collect(element: Element): void {
  const parts = seen.get(element.localName)!;
  const root = element.shadowRoot!;
  for (const node of root.querySelectorAll('[part]')) for (const name of node.getAttribute('part')!.split(/\s+/)) if (name) parts.add(name);
  for (const control of root.querySelectorAll<HTMLElement>(CONTROLS)) {
    const visible = control.getClientRects().length > 0 && getComputedStyle(control).visibility !== 'hidden';
    if (visible && !control.getAttribute('part')?.trim()) unnamed.push(`<${element.localName}> ${control.outerHTML.slice(0, 120)}`);
  }
}

function collectAll(s: Showcase, extra: Element[] = []): void {
  for (const tag of ALL_TAGS) collect(s.get(tag));
  for (const element of extra) collect(element);
}

/** Waits that involve the camera or a connection: a busy machine stretches them. */
const LONG = { timeout: 30_000 };
const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~="${name}"]`);
const tab = (console: Element, name: string) => [...shadow(console).querySelectorAll<HTMLButtonElement>('[role=tab]')].find((button) => button.id === `tab-${name}`)!;
const buttonLabelled = (element: Element, label: string) =>
  [...shadow(element).querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent!.trim() === label)!;

async function documentedParts(): Promise<Map<string, string[]>> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as {
    modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
  };
  const parts = new Map<string, string[]>();
  for (const module of manifest.modules) for (const declaration of module.declarations ?? []) {
    if (declaration.tagName) parts.set(declaration.tagName, (declaration.cssParts ?? []).map((entry) => entry.name));
  }
  return parts;
}

describe('parts: every documented part renders, every control has one', function () {
  this.timeout(60_000);

  before(async () => {
    const s = await mountShowcase({ src: CLIP });
    const overlay = s.get('linger-overlay');
    const countdown = s.get('linger-countdown');
    const lottery = s.get('linger-lottery');
    const consoleElement = s.get('linger-host-console');
    const report = s.get('linger-report');
    // A console on a viewer identity, and a product list.
    const viewerConsole = document.createElement('linger-host-console');
    const list = document.createElement('linger-product') as LingerProduct;
    list.products = [scarf(), { ...scarf(), id: 'belt', title: 'Leather belt' }];
    // On a storefront: options, selling plans and quantity (test/servers/shopify-cart.route.mjs).
    const store = document.createElement('linger-product') as LingerProduct;
    store.cart = 'shopify';
    store.cartRoot = '/test-api/shopify/';
    store.products = [
      { id: 'shirt', title: 'Linen shirt', variantId: '4242', url: 'https://shop.example/products/linen-shirt' },
      { id: 'coffee', title: 'Coffee beans', variantId: '5100', url: 'https://shop.example/products/coffee-beans' },
    ];
    s.viewerRoom.append(viewerConsole, list, store);
    await waitUntil(() => part(store, 'option') && part(store, 'plans') && part(store, 'quantity'), 'storefront options, plans and quantity');
    await waitUntil(() => part(viewerConsole, 'not-host'), 'viewer console says not host');
    await waitUntil(() => part(overlay, 'empty'), 'no comments yet');
    collectAll(s, [viewerConsole, list, store]);

    // A report with nothing to load yet.
    const empty = document.createElement('linger-report');
    s.viewerRoom.append(empty);
    await waitUntil(() => part(empty, 'status'), 'report status');
    collect(empty);
    await waitUntil(() => part(report, 'marker'), 'report with its timeline');
    // A report read from the collector's summary: orders and each perk's effect.
    const summary = document.createElement('linger-report');
    summary.setAttribute('src', '/test/elements/report/collector-summary.json');
    s.viewerRoom.append(summary);
    await waitUntil(() => part(summary, 'perks'), 'report with perk effects');
    collect(summary);

    // Live: eligibility rules on the giveaway; a flood of comments for "+N more".
    await goLive(s);
    s.host.closeLottery();
    await waitUntil(() => part(lottery, 'phase'), 'entries closed');
    collect(lottery);
    await s.host.drawLottery();
    await waitUntil(() => part(lottery, 'draw'), 'draw animation');
    collect(lottery);
    await s.host.openLottery({ mode: 'tap', prize: 'Silk scarf', winners: 1, seconds: 120, eligibility: { newWinnersOnly: true } });
    await waitUntil(() => part(lottery, 'rules') && part(lottery, 'enter-button'), 'rules and enter');
    for (let i = 0; i < 60; i++) s.host.chat(`comment ${i}`, { name: `n${i}` });
    await waitUntil(() => part(overlay, 'more'), '+N more');
    part(overlay, 'like-button')!.click();
    await waitUntil(() => part(overlay, 'heart'), 'a heart floats');
    const input = part(overlay, 'input') as HTMLInputElement;
    input.value = 'x'.repeat(140);
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => part(overlay, 'counter'), 'characters left');
    part(countdown, 'remind-button')!.click();
    await waitUntil(() => part(countdown, 'reminder-link'), 'calendar links');
    collectAll(s);
    // A topic with a featured answer, pinned above the comments.
    s.host.act('topic', { id: 'topic-1', text: 'Where would you wear it?' });
    s.host.act('topic.feature', { id: 'topic-1', answer: { line: 'line-1', from: 'viewer-9', name: 'Mina', text: 'To the beach' } });
    // Member tiers: badges beside the commenter (the host's own comments) and, after the draw, the winner.
    s.host.act('tier', { viewer: 'host-1', tier: 'vip' });
    s.host.act('tier', { viewer: s.viewer.userId, tier: 'vip' });
    await waitUntil(() => part(overlay, 'topic-featured') && part(overlay, 'topic-reply') && part(overlay, 'comment-tier'), 'topic with its featured answer, a tier badge');
    collect(overlay);

    // Co-hosting (docs/studio.md § Co-hosting): the ask, the invitation with a blocked and then a working camera, on stage and muted.
    s.host.stage.setOpen(true);
    await waitUntil(() => part(overlay, 'stage-ask'), '"Ask to join"', LONG);
    collect(overlay);
    part(overlay, 'stage-ask')!.click();
    await waitUntil(() => part(overlay, 'stage-request'), 'the ask form', LONG);
    collect(overlay);
    part(overlay, 'stage-send')!.click();
    await waitUntil(() => part(overlay, 'stage-withdraw'), 'request sent', LONG);
    collect(overlay);
    await s.host.stage.invite(s.viewer.userId);
    await waitUntil(() => part(overlay, 'stage-check'), 'the invitation', LONG);
    collect(overlay);
    const getUserMedia = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('blocked', 'NotAllowedError'));
    part(overlay, 'stage-check')!.click();
    await waitUntil(() => part(overlay, 'stage-problem'), 'camera blocked', LONG);
    collect(overlay);
    navigator.mediaDevices.getUserMedia = getUserMedia;
    part(overlay, 'stage-check')!.click();
    await waitUntil(() => part(overlay, 'stage-accept') && part(overlay, 'stage-preview'), 'camera checked', LONG);
    collect(overlay);
    part(overlay, 'stage-accept')!.click();
    await waitUntil(() => s.viewer.stage.onStage, 'on stage', LONG);
    s.host.stage.mute(s.viewer.userId, true);
    await waitUntil(() => part(overlay, 'stage-muted') && part(overlay, 'stage-leave'), 'muted on stage', LONG);
    collect(overlay);
    s.host.stage.remove(s.viewer.userId);
    s.host.stage.setOpen(false);

    // Host console: every tab, a queued action, an error and the confirmation dialog.
    buttonLabelled(consoleElement, 'Plan the show')?.click();
    await collectTabs(consoleElement);
    tab(consoleElement, 'products').click();
    await waitUntil(() => shadow(consoleElement).querySelector('#products-json'));
    shadow(consoleElement).querySelector<HTMLTextAreaElement>('#products-json')!.value = 'not json';
    buttonLabelled(consoleElement, 'Import').click();
    await waitUntil(() => part(consoleElement, 'error'), 'an error');
    tab(consoleElement, 'rhythm').click();
    await waitUntil(() => part(consoleElement, 'next'));
    shadow(consoleElement).querySelector<HTMLButtonElement>('[part~=next] button')!.click();
    await waitUntil(() => part(consoleElement, 'pending'), 'queued with undo');
    collect(consoleElement);
    buttonLabelled(consoleElement, 'End show').click();
    await waitUntil(() => part(consoleElement, 'dialog'), 'confirmation dialog');
    collect(consoleElement);
    buttonLabelled(consoleElement, 'Cancel').click();

    // Reveal, draw, drop with a link; claim it.
    await reveal(s);
    s.host.act('perk.drop', { id: 'p1', title: 'First 10 orders: −30%', code: 'LIVE30', link: `${location.origin}/offer`, remaining: 10 });
    await waitUntil(() => part(countdown, 'offer-link') && part(lottery, 'winner'));
    collectAll(s);
    await collectTabs(consoleElement); // drawn: the lottery form again; revealed: the quiz leaderboard
    part(countdown, 'claim-button')!.click();
    await waitUntil(() => part(countdown, 'claim-status'), 'claim answered');
    collectAll(s);
    // A tier-only perk: "For VIP members".
    s.host.act('perk.drop', { id: 'p1', title: 'First 10 orders: −30%', code: 'LIVE30', link: `${location.origin}/offer`, remaining: 9, tier: 'vip' });
    await waitUntil(() => part(countdown, 'tier'), 'the tier line');
    collect(countdown);

    // A like-goal giveaway (progress bar).
    await s.host.openLottery({ mode: 'like-goal', prize: 'Tote bag', goal: 100, winners: 1, seconds: 120 });
    await waitUntil(() => part(lottery, 'progress'), 'progress bar');
    collect(lottery);
    s.host.act('moderate', { mute: ['viewer-1'] }); // the chat tab lists muted viewers under a heading
    await waitUntil(() => s.host.state.moderation.muted.length === 1);
    await collectTabs(consoleElement);
    await s.close();

    await collectPlayerStates();
  });

  async function collectTabs(consoleElement: Element): Promise<void> {
    for (const name of ['rhythm', 'lottery', 'quiz', 'products', 'chat', 'figures', 'vote', 'stage']) {
      tab(consoleElement, name).click();
      await (consoleElement as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      collect(consoleElement);
    }
  }

  /** Player: poster, blocked autoplay, and live over a fake RTC SDK with a quality badge. */
  async function collectPlayerStates(): Promise<void> {
    const poster = `${location.origin}/test/theming/scarf.svg`;
    const idle = await fixture<LingerPlayer>(html`<linger-player poster=${poster}></linger-player>`);
    collect(idle);
    const original = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('needs a gesture', 'NotAllowedError'));
    try {
      const blocked = await fixture<LingerPlayer>(html`<linger-player src=${CLIP}></linger-player>`);
      await waitUntil(() => part(blocked, 'play-button'), 'big play button', { timeout: 8000 });
      collect(blocked);
    } finally {
      HTMLMediaElement.prototype.play = original;
    }
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    const cloud = new FakeRtcCloud();
    cloud.offlineJoinMs = 400;
    const room = document.createElement('linger-room') as LingerRoom;
    room.hosts = 'host-1';
    room.channel = 'theming-live';
    room.appId = 'a'.repeat(32);
    room.customTransport = network.connect('viewer-1');
    // A custom transport means no Agora room, so no media: hand the player the room's Agora settings.
    Object.defineProperty(room, 'media', { configurable: true, get: () => ({ appId: room.appId, channel: room.channel, tokens: async () => null }) });
    const player = document.createElement('linger-player') as LingerPlayer;
    player.loadSdk = cloud.loader();
    room.append(player);
    const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: 480px"></div>`);
    wrapper.append(room);
    await waitUntil(() => room.session?.$status.get() === 'connected');
    host.act('show', { phase: 'live' });
    await waitUntil(() => part(player, 'spinner'), 'connecting spinner');
    collect(player);
    cloud.publish(42, 'video');
    await waitUntil(() => player.status === 'live', 'live');
    cloud.networkQuality(1);
    await waitUntil(() => part(player, 'quality'), 'quality badge');
    collect(player);
    // A guest on stage beside the host: the stage layout's tiles and names.
    const guest = new RoomSession({ transport: network.connect('viewer-2'), hosts: ['host-1'] });
    await guest.connect();
    await host.stage.invite('viewer-2');
    await waitUntil(() => guest.stage.$mine.get().invitedBy, 'invited', LONG);
    guest.stage.accept('Mia');
    await waitUntil(() => part(player, 'stage-tile') && part(player, 'stage-name'), 'a guest on stage', LONG);
    collect(player);
    await guest.close();
    // A returning viewer with consent: this device's count of shows (docs/tiers.md).
    localStorage.setItem('linger:shows', JSON.stringify(['parts-earlier']));
    const returning = document.createElement('linger-room') as LingerRoom;
    Object.assign(returning, { hosts: 'host-1', show: 'parts-returning', consent: 'granted', customTransport: network.connect('viewer-3') });
    returning.append(document.createElement('linger-overlay'));
    wrapper.append(returning);
    await waitUntil(() => part(returning.querySelector('linger-overlay')!, 'returning'), 'returning-viewer chip');
    collect(returning.querySelector('linger-overlay')!);
    returning.remove();
    localStorage.removeItem('linger:shows');
    await host.close();
    // A replay: its chapter menu and marks (docs/replay.md).
    const initial = { show: { phase: 'live' }, schedule: [], announcement: null, pinned: null, lottery: null, quiz: null, perk: null, moderation: { slowMode: 0, muted: [], blockWords: [] }, likes: 0 };
    const timeline = { format: 'linger-timeline', version: 1, show: 'parts', startedAt: 1, duration: 1000, initial, events: [{ t: 500, id: 'e1', type: 'pin', body: { product: { id: 'p1', title: 'Jade scarf' }, remaining: null } }], chat: [], sample: { seen: 0, kept: 0 } };
    const replay = await fixture<HTMLElement>(html`<linger-room .timeline=${timeline}><linger-player src=${CLIP}></linger-player></linger-room>`);
    const replayPlayer = replay.querySelector<LingerPlayer>('linger-player')!;
    await waitUntil(() => part(replayPlayer, 'chapter'), 'replay chapters');
    collect(replayPlayer);
  }

  for (const tag of ALL_TAGS) {
    it(`<${tag}>: every @csspart in custom-elements.json renders in some state`, async () => {
      const documented = (await documentedParts()).get(tag) ?? [];
      expect(documented.length, `<${tag}> documents its parts`).to.be.greaterThan(3);
      const missing = documented.filter((name) => !seen.get(tag)!.has(name));
      // The browser decides whether picture-in-picture and fullscreen exist; both are checked where it offers them.
      const optional = tag === 'linger-player' ? ['pip', 'fullscreen'].filter(() => !document.pictureInPictureEnabled || !document.fullscreenEnabled) : [];
      expect(missing.filter((name) => !optional.includes(name)), `documented but never rendered in <${tag}>`).to.deep.equal([]);
      const undocumented = [...seen.get(tag)!].filter((name) => !documented.includes(name));
      expect(undocumented, `rendered but not documented with @csspart in <${tag}>`).to.deep.equal([]);
    });
  }

  it('every visible button, input, select, textarea, link and summary carries a part', () => {
    expect(unnamed, 'controls without a part').to.deep.equal([]);
  });
});

export type { Tag };
