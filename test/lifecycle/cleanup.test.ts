/**
 * Removing Linger's elements (and their room) lets go of everything page-level they started:
 * no interval still live, no timer still pending, no animation-frame loop, no window/document (or
 * media-query) listener, no open BroadcastChannel, every transport closed.
 *
 * The wrappers go in before any Linger module is loaded (the imports below are dynamic), so every
 * handle is seen from its creation; each one is attributed to the `src/` file that made it, and a
 * leak fails naming that file.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HandleTracker, describe as describeHandles, type HandleKind } from './live-handles.js';
import { LEAKY_PROBE_FILE, type LeakyProbe } from './leaky-probe.js';
// Types only (erased): the modules themselves load after the wrappers, in `before`.
import type { LingerRoom as Room } from '../../src/elements/room/room.js';
import type { LingerOverlay as Overlay } from '../../src/elements/overlay/overlay.js';
import type { LingerCountdown as Countdown } from '../../src/elements/countdown/countdown.js';
import type { LingerReport as Report } from '../../src/elements/report/report.js';
import type { Transport } from '../../src/transports/transport.js';

const tracker = new HandleTracker();
tracker.install();
after(() => tracker.uninstall());

/** Linger's own code (paths as the test server sends them): what a leak is attributed to. */
const OURS = '/src/';
/** The room keeps a removed session this long (`DETACH_GRACE_MS` in src/elements/room/room.ts; not exported). */
const ROOM_DETACH_GRACE_MS = 1_000;
/** Time for the teardown itself after the grace period ends, on a busy machine. */
const TEARDOWN_MARGIN_MS = 3_000;
/**
 * How long removed elements may keep things. Elements keep their resources for a grace period after
 * removal, so a theme that re-renders a section does not tear them down; the checks end as soon as
 * everything is released, this is only the bound. Set in `before` from the elements' constant.
 */
let releaseWithinMs = 6_000;

type ShowModule = typeof import('../helpers/show.js');
type Show = Awaited<ReturnType<ShowModule['startShow']>>;

let startShow: ShowModule['startShow'];
let protocol: typeof import('../../src/core/protocol.js');

before(async () => {
  await Promise.all([
    import('../../src/elements/room/linger-room.js'),
    import('../../src/elements/player/linger-player.js'),
    import('../../src/elements/overlay/linger-overlay.js'),
    import('../../src/elements/countdown/linger-countdown.js'),
    import('../../src/elements/lottery/linger-lottery.js'),
    import('../../src/elements/quiz/linger-quiz.js'),
    import('../../src/elements/product/linger-product.js'),
    import('../../src/elements/host-console/linger-host-console.js'),
    import('../../src/elements/report/linger-report.js'),
  ]);
  ({ startShow } = await import('../helpers/show.js'));
  protocol = await import('../../src/core/protocol.js');
  const { DISCONNECT_GRACE_MS } = await import('../../src/controllers/disconnect-grace.js');
  releaseWithinMs = Math.max(ROOM_DETACH_GRACE_MS, DISCONNECT_GRACE_MS) + TEARDOWN_MARGIN_MS;
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/**
 * What the show does takes a few frames and a draw animation (1.6 s) to reach the screen, plus a
 * late chunk's first load on a busy machine: a generous bound, since each wait ends on its state.
 */
const waitFor = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 10_000 });
const shadow = (root: ParentNode, selector: string) => root.querySelector(selector)?.shadowRoot ?? null;

/**
 * Waits until nothing made by `from` files is live, then checks that nothing comes back (an
 * animation-frame loop, a timer re-armed by a late callback). Fails listing each live handle and
 * the file that made it.
 */
async function expectReleased(from: string, within: number): Promise<void> {
  try {
    await waitUntil(() => tracker.live(from).length === 0, '', { timeout: within, interval: 50 });
  } catch {
    expect.fail(`still live ${within} ms after removal:\n${describeHandles(tracker.live(from))}`);
  }
  // A straggler frame (a last state change drawn once) is not a leak; a loop keeps asking every frame.
  for (let i = 0; i < 3; i++) await nextFrame();
  const frames = tracker.frameRequests.length;
  for (let i = 0; i < 5; i++) await nextFrame();
  expect(tracker.framesRequestedSince(frames, from), 'animation frames still requested after release (a loop)').to.equal(0);
  expect(describeHandles(tracker.live(from)), 'nothing re-armed after release').to.equal('');
}

function memoryRoom(transport: Transport, inner: string): Room {
  const room = document.createElement('linger-room');
  room.hosts = 'host-1';
  room.customTransport = transport;
  room.innerHTML = inner;
  return room;
}

/** A host on the default transport (BroadcastChannel) driving its own console. */
function broadcastHostRoom(): Room {
  const room = document.createElement('linger-room');
  room.channel = `cleanup-${Math.random().toString(36).slice(2)}`;
  room.userId = 'boss';
  room.hosts = 'boss';
  room.innerHTML = '<linger-host-console></linger-host-console>';
  return room;
}

const VIEWER_ELEMENTS = `
  <linger-player poster="data:image/gif;base64,R0lGODlhAQABAAAAACw="></linger-player>
  <linger-overlay variant="list" name="me"></linger-overlay>
  <linger-overlay variant="danmaku"></linger-overlay>
  <linger-countdown></linger-countdown>
  <linger-lottery></linger-lottery>
  <linger-quiz></linger-quiz>
  <linger-product></linger-product>
  <linger-report></linger-report>`;

/** Two viewers' page-session events: enough for the report to draw its chart (uPlot + ResizeObserver). */
function reportEvents() {
  const base = { show: 'cleanup', locale: 'en', props: {} };
  return ['a', 'b'].flatMap((viewer) => [
    { ...base, id: `${viewer}-1`, type: 'session_start', at: 1_000, viewerId: viewer, sessionId: `s-${viewer}` },
    { ...base, id: `${viewer}-2`, type: 'heartbeat', at: 61_000, viewerId: viewer, sessionId: `s-${viewer}`, props: { seconds: 60 } },
  ]) as unknown as Report['events'];
}

/** A short show through every element: schedule, pin, chat flood, likes, lottery, quiz, first-N drop. */
async function runShow(show: Show, viewerRoom: Room, hostRoom: Room): Promise<void> {
  const { host, viewers, network } = show;
  const viewer = viewerRoom.session!;
  const now = host.clock.now();
  host.act('show', { phase: 'live', title: 'Cleanup' });
  host.act('schedule', { perks: [{ id: 'perk-1', kind: 'first-n', at: now + 1_500, lead: 1, prompt: 'Soon', title: 'First 5' }] });
  host.act('announce', { text: 'Type 1!', kind: 'perk-prompt' });
  host.act('pin', { product: { id: 'p1', title: 'Scarf', price: '19.00', currency: 'USD' }, remaining: 5 });
  hostRoom.session!.act('announce', { text: 'The console host speaks' });

  const crowd = network.connect('crowd');
  await crowd.connect();
  for (let i = 0; i < 60; i++) {
    const body = { text: `comment ${i}`, name: 'fan' };
    await crowd.publish(protocol.encode({ v: protocol.PROTOCOL_VERSION, type: 'chat', id: protocol.randomId(), at: Date.now(), body }));
  }
  // Checked now: a danmaku bullet is on screen only during its 8 s flight.
  const overlays = [...viewerRoom.querySelectorAll<Overlay>('linger-overlay')];
  await waitFor(() => overlays.every((overlay) => overlay.commentNodeCount > 0), 'both overlays show comments');
  viewers[0]!.chat('from a viewer session');
  viewer.like(3);
  shadow(viewerRoom, 'linger-overlay')?.querySelector<HTMLButtonElement>('[part=like-button]')?.click();

  const lottery = await host.openLottery({ mode: 'tap', prize: 'Scarf', seconds: 30 });
  for (const session of [viewer, ...viewers]) session.enter(lottery.body.id);
  const quiz = await host.askQuiz({ question: 'Which?', options: ['A', 'B'], correct: 1, seconds: 30 });
  for (const session of [viewer, ...viewers]) session.answer(quiz.body.id, 1);
  await waitFor(() => host.ledger.entrantCount(lottery.body.id) === 3 && host.ledger.answers.get(quiz.body.id)?.size === 3, 'the host has every entry and answer');
  await host.drawLottery('DM us');
  host.revealQuiz('Because.');
  host.act('perk.drop', { id: 'perk-1', title: 'First 5', code: 'FIVE', remaining: 5 });
  viewer.claim('perk-1');
  await crowd.close();

  await waitFor(() => shadow(viewerRoom, 'linger-lottery')?.querySelector('[part=winners]'), 'the lottery shows its winners');
  await waitFor(() => shadow(viewerRoom, 'linger-quiz')?.querySelector('[part=explanation]'), 'the quiz shows its reveal');
  await waitFor(() => viewerRoom.querySelector<Countdown>('linger-countdown')!.view.phase === 'drop', 'the countdown shows the drop');
  await waitFor(() => viewer.viewer.claims['perk-1']?.status === 'ok', 'the claim came back');
  await waitFor(() => shadow(viewerRoom, 'linger-report')?.querySelector('.plot canvas'), 'the report draws its chart');
  await waitFor(() => shadow(hostRoom, 'linger-host-console')?.querySelector('[part=summary]'), 'the console runs as host');
}

describe('cleanup when elements are removed', function () {
  this.timeout(60_000);

  it('every element, its room and the show release timers, frames, listeners and channels', async () => {
    const show = await startShow(2);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    try {
      const viewerRoom = memoryRoom(show.network.connect('viewer-page'), VIEWER_ELEMENTS);
      const hostRoom = broadcastHostRoom();
      viewerRoom.querySelector<Report>('linger-report')!.events = reportEvents();
      wrapper.append(viewerRoom, hostRoom);
      await waitFor(() => [viewerRoom, hostRoom].every((room) => room.session?.$status.get() === 'connected'), 'rooms connect');
      await waitFor(() => viewerRoom.session!.state.epoch !== null, 'the viewer room has the host snapshot');
      await runShow(show, viewerRoom, hostRoom);
      const running = tracker.live(OURS).map((handle) => handle.kind);
      expect(running, 'sanity: the running show has intervals and a BroadcastChannel').to.include.members(['interval', 'broadcast-channel']);

      const transports = [viewerRoom.session!.transport, hostRoom.session!.transport];
      wrapper.remove();
      await show.close();

      await expectReleased(OURS, releaseWithinMs);
      expect(transports.map((transport) => transport.status), 'room transports closed').to.deep.equal(['closed', 'closed']);
      expect([viewerRoom.session, hostRoom.session], 'rooms hold no session').to.deep.equal([null, null]);
    } finally {
      wrapper.remove();
      await show.close();
    }
  });

  it('a player removed while it plays stops its watch-time interval', async () => {
    const show = await startShow(0);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    try {
      wrapper.append(memoryRoom(show.network.connect('viewer-page'), '<linger-player src="/test/fixtures/media/clip.mp4"></linger-player>'));
      // Muted autoplay plays the clip; watch time counts (and reports every 15 s) only while playing.
      const counting = () => tracker.live(OURS).some((handle) => handle.kind === 'interval' && handle.source.includes('watch-time'));
      await waitUntil(counting, 'watch time is counting', { timeout: 8_000 });
      wrapper.remove();
      await show.close();
      await expectReleased(OURS, releaseWithinMs);
    } finally {
      wrapper.remove();
      await show.close();
    }
  });
  /** A viewer room with one overlay and the given event settings, run until `ready`, then removed. */
  async function removeRoomWithEvents(settings: Partial<Pick<Room, 'consent' | 'webhook'>>, ready: (room: Room) => unknown): Promise<void> {
    const show = await startShow(0);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    try {
      const room = memoryRoom(show.network.connect('viewer-page'), '<linger-overlay></linger-overlay>');
      Object.assign(room, settings);
      wrapper.append(room);
      await waitFor(() => room.session?.$status.get() === 'connected', 'room connects');
      room.session!.chat('hello');
      // The chat event is tracked once the transport took the line: flush until it went out.
      await waitFor(() => {
        room.events!.flush();
        return ready(room);
      }, 'the room is in the state under test');
      wrapper.remove();
      await show.close();
      await expectReleased(OURS, releaseWithinMs);
    } finally {
      wrapper.remove();
      await show.close();
    }
  }

  // Was a leak (fixed): the room's consent listener outlived the room.
  it('a room with Shopify consent removes its consent listener once removed', async () => {
    Object.assign(window, { Shopify: { customerPrivacy: { analyticsProcessingAllowed: () => true } } });
    try {
      await removeRoomWithEvents({ consent: 'shopify' }, () =>
        tracker.live(OURS).some((handle) => handle.what === 'document visitorConsentCollected'),
      );
    } finally {
      delete (window as { Shopify?: unknown }).Shopify;
    }
  });

  // Was a leak (fixed): a failing webhook kept retrying after the room was gone.
  it('a room whose webhook keeps failing stops retrying once removed', async () => {
    // 503 every time: the sink retries with backoff.
    const webhook = `/test-api/flaky/cleanup-${Math.random().toString(36).slice(2)}?rate=1`;
    await removeRoomWithEvents({ consent: 'granted', webhook }, (room) => (room.webhookDelivery?.stats.failures ?? 0) > 0);
  });
});

// ── The guards themselves: a stand-in buggy element must fail each one, a tidy one pass ────────

describe('cleanup guards (sanity)', () => {
  const kinds: HandleKind[] = ['interval', 'timeout', 'animation-frame', 'listener', 'broadcast-channel'];

  async function probeThenCheck(leak: HandleKind, cleansUp: boolean): Promise<string> {
    const probe = document.createElement('cleanup-leaky-probe') as LeakyProbe;
    Object.assign(probe, { leak, cleansUp });
    document.body.append(probe);
    expect(tracker.live(LEAKY_PROBE_FILE).map((handle) => handle.kind), 'the probe started its handle').to.include(leak);
    probe.remove();
    try {
      await expectReleased(LEAKY_PROBE_FILE, 300);
      return '';
    } catch (error) {
      return (error as Error).message;
    } finally {
      tracker.releaseAll(LEAKY_PROBE_FILE);
    }
  }

  for (const kind of kinds) {
    it(`fail on a leaked ${kind}, naming what made it`, async () => {
      const failure = await probeThenCheck(kind, false);
      expect(failure, 'the guard fails on the leak').to.include(kind);
      expect(failure, 'and names the file that made it').to.include(`(${LEAKY_PROBE_FILE})`);
    });

    it(`pass when the ${kind} is released on removal`, async () => {
      expect(await probeThenCheck(kind, true), 'no failure').to.equal('');
    });
  }
});
