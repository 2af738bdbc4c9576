/**
 * Every Linger element on one page, driven through its main states by a real host session over the
 * memory transport: the fixture of the theming tests (hostile theme, parts, presets, CSP, re-insertion).
 */
import { waitUntil } from '@open-wc/testing';
import '../../src/elements/room/linger-room.js';
import '../../src/elements/player/linger-player.js';
import '../../src/elements/overlay/linger-overlay.js';
import '../../src/elements/countdown/linger-countdown.js';
import '../../src/elements/lottery/linger-lottery.js';
import '../../src/elements/quiz/linger-quiz.js';
import '../../src/elements/product/linger-product.js';
import '../../src/elements/host-console/linger-host-console.js';
import '../../src/elements/report/linger-report.js';
import type { LingerRoom } from '../../src/elements/room/room.js';
import type { LingerOverlay } from '../../src/elements/overlay/overlay.js';
import type { LingerProduct } from '../../src/elements/product/product.js';
import type { LingerReport } from '../../src/elements/report/report.js';
import type { RoomSession } from '../../src/core/session.js';
import type { Product } from '../../src/core/protocol.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { workedExample } from '../analytics/worked-example.js';

export const CLIP = '/test/fixtures/media/clip.mp4';
/** The elements a viewer sees (the host console sits in the host's room). */
export const VIEWER_TAGS = ['linger-player', 'linger-overlay', 'linger-countdown', 'linger-lottery', 'linger-quiz', 'linger-product', 'linger-report'] as const;
export const ALL_TAGS = [...VIEWER_TAGS, 'linger-host-console'] as const;
export type Tag = (typeof ALL_TAGS)[number];

export const scarf = (): Product => ({
  id: 'scarf',
  title: 'Silk scarf',
  price: '49.00',
  currency: 'USD',
  image: `${location.origin}/test/theming/scarf.svg`,
  url: `${location.origin}/products/silk-scarf`,
  stock: 12,
});

const PERK = { id: 'p1', kind: 'flash', lead: 360, prompt: 'Type 1 for −30%', title: 'Silk scarf −30%' } as const;

export interface Showcase {
  wrapper: HTMLElement;
  hostRoom: LingerRoom;
  viewerRoom: LingerRoom;
  /** The host's live session (drives the show). */
  host: RoomSession;
  /** The viewer's live session (answers, enters). */
  viewer: RoomSession;
  get<T extends HTMLElement = HTMLElement>(tag: Tag): T;
  close(): Promise<void>;
}

let shows = 0;

function room(network: MemoryNetwork, userId: string): LingerRoom {
  const element = document.createElement('linger-room');
  element.id = `theming-${userId}-${++shows}`;
  element.hosts = 'host-1';
  element.setAttribute('channel', `theming-${shows}`);
  element.customTransport = network.connect(userId);
  return element;
}

/**
 * Mounts a host room with the console and a viewer room with every viewer element, connected and
 * synced. `variant` chooses the overlay's look; `src` gives the player a recording.
 */
export async function mountShowcase(options: { variant?: 'list' | 'danmaku'; src?: string; width?: number } = {}): Promise<Showcase> {
  const network = new MemoryNetwork();
  // Not fixture(): @open-wc removes fixtures after every test, and a showcase may span several.
  const wrapper = document.createElement('div');
  wrapper.className = 'showcase';
  document.body.append(wrapper);
  wrapper.style.inlineSize = `${options.width ?? 720}px`;
  const hostRoom = room(network, 'host-1');
  hostRoom.append(document.createElement('linger-host-console'));
  wrapper.append(hostRoom);
  await waitUntil(() => hostRoom.session?.$status.get() === 'connected', 'host room connects');

  const viewerRoom = room(network, 'viewer-1');
  const player = document.createElement('linger-player');
  if (options.src) player.src = options.src;
  const overlay = document.createElement('linger-overlay') as LingerOverlay;
  overlay.variant = options.variant ?? 'list';
  overlay.name = 'Mina';
  const product = document.createElement('linger-product') as LingerProduct;
  product.cart = 'event';
  const report = document.createElement('linger-report') as LingerReport;
  report.events = workedExample;
  for (const tag of ['linger-countdown', 'linger-lottery', 'linger-quiz'] as const) viewerRoom.append(document.createElement(tag));
  viewerRoom.prepend(player, overlay);
  viewerRoom.append(product, report);
  wrapper.append(viewerRoom);
  await waitUntil(() => viewerRoom.session?.$status.get() === 'connected', 'viewer room connects');
  await waitUntil(() => viewerRoom.session!.state.epoch !== null, 'viewer has the host snapshot');
  const get = <T extends HTMLElement>(tag: Tag) => wrapper.querySelector(tag as string) as T;
  return {
    wrapper,
    hostRoom,
    viewerRoom,
    host: hostRoom.session!,
    viewer: viewerRoom.session!,
    get,
    close: async () => {
      wrapper.remove();
    },
  };
}

const shadowText = (element: Element) => element.shadowRoot?.textContent ?? '';

/** Live show with a planned perk, a perk prompt, a pinned product, an open tap giveaway, an open quiz and comments. */
export async function goLive(s: Showcase): Promise<void> {
  const { host } = s;
  host.act('show', { phase: 'live', title: 'Spring sale' });
  // Five minutes away with a six-minute lead: the countdown is in its pre-announce state (prompt + clock).
  host.act('schedule', { perks: [{ ...PERK, at: host.clock.now() + 5 * 60_000 }] });
  host.act('announce', { text: 'Type 1 if you want the scarf!', kind: 'perk-prompt' });
  host.act('pin', { product: scarf(), remaining: 12 });
  await host.openLottery({ mode: 'tap', prize: 'Silk scarf', winners: 1, seconds: 120 });
  await host.askQuiz({ id: 'q1', question: 'Which fabric breathes best?', options: ['Linen', 'Polyester', 'Nylon'], correct: 0, seconds: 60 });
  for (const [name, text] of [
    ['Mina', 'Is it real silk?'],
    ['Omar', 'Love the colour'],
    ['Lena', 'Does it come in blue?'],
  ] as const) {
    host.chat(text, { name });
  }
  await waitUntil(
    () =>
      shadowText(s.get('linger-quiz')).includes('Which fabric') &&
      shadowText(s.get('linger-lottery')).includes('Silk scarf') &&
      shadowText(s.get('linger-product')).includes('Silk scarf') &&
      shadowText(s.get('linger-countdown')).includes('Silk scarf') &&
      s.get('linger-overlay').shadowRoot!.querySelectorAll('[part~=comment]').length >= 1 &&
      !!s.get('linger-report').shadowRoot!.querySelector('[part~=figure]'),
    'every element shows the live show',
    { timeout: 5000 },
  );
}

/** The viewer answers and enters; the host reveals, draws and drops a first-N perk with a code. */
export async function reveal(s: Showcase): Promise<void> {
  const { host, viewer } = s;
  const lottery = host.state.lottery!;
  viewer.answer('q1', 0);
  viewer.enter(lottery.id);
  const answered = (status: string | undefined) => status !== undefined && status !== 'sent';
  await waitUntil(() => answered(viewer.viewer.answers['q1']?.status) && answered(viewer.viewer.entries[lottery.id]), 'the host answered the answer and the entry');
  host.revealQuiz('Linen fibres are hollow, so air moves through.');
  await host.drawLottery('DM us your order number');
  host.act('schedule', { perks: [{ ...PERK, at: host.clock.now() - 1000 }] });
  host.act('perk.drop', { id: 'p1', title: 'First 10 orders: −30%', code: 'LIVE30', remaining: 10 });
  await waitUntil(
    () =>
      !!s.get('linger-quiz').shadowRoot!.querySelector('[part~=explanation]') &&
      !!s.get('linger-lottery').shadowRoot!.querySelector('[part~=verify-badge]') &&
      !!s.get('linger-countdown').shadowRoot!.querySelector('[part~=code]'),
    'reveal, draw and drop shown',
    { timeout: 6000 },
  );
}
