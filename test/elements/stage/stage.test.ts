// Co-hosting in real Chromium with its fake camera and microphone (web-test-runner.config.mjs):
// a viewer asks in <linger-overlay>, the host invites, the viewer checks its devices and goes on
// stage; every player shows host + guest in the stage layout; remove and a closed guest tab clear it.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import '../../../src/elements/overlay/linger-overlay.js';
import '../../../src/elements/studio/linger-studio.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';
import type { LingerOverlay } from '../../../src/elements/overlay/overlay.js';
import type { LingerStudio } from '../../../src/elements/studio/studio.js';
import type { RoomSession } from '../../../src/core/session.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { translation } from '../../../src/elements/stage/stage.strings.js';
import { expectCompleteTranslation } from '../../helpers/i18n.js';
import { CANARY, canaryFired, resetCanary } from '../../hardening/corpus.js';

const wait = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 30_000, interval: 50 });
const shadow = (element: HTMLElement) => element.shadowRoot!;
const part = (element: HTMLElement, name: string) => shadow(element).querySelector<HTMLElement>(`[part~="${name}"]`);
const HOSTILE_NAME = `Mia<img src=x onerror="${CANARY}">`;
const HOSTILE_TEXT = `<svg onload="${CANARY}"></svg>{{constructor.constructor('${CANARY}')()}}`;

interface Rig {
  wrapper: HTMLElement;
  host: RoomSession;
  studio: LingerStudio;
  guestRoom: LingerRoom;
  overlay: LingerOverlay;
  guestPlayer: LingerPlayer;
  watcher: LingerPlayer;
  watcherRoom: LingerRoom;
}

async function rig(width: number, watcherLocale = ''): Promise<Rig> {
  const network = new MemoryNetwork();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}px"></div>`);
  const room = (user: string) => {
    const element = document.createElement('linger-room');
    element.hosts = 'host-1';
    element.channel = 'spring-sale';
    element.customTransport = network.connect(user);
    return element;
  };
  const hostRoom = room('host-1');
  const studio = document.createElement('linger-studio');
  hostRoom.append(studio);
  const guestRoom = room('viewer-1');
  const guestPlayer = document.createElement('linger-player');
  const overlay = document.createElement('linger-overlay');
  overlay.name = HOSTILE_NAME;
  guestRoom.append(guestPlayer, overlay);
  const watcherRoom = room('viewer-2');
  if (watcherLocale) watcherRoom.setAttribute('locale', watcherLocale);
  const watcher = document.createElement('linger-player');
  watcherRoom.append(watcher);
  wrapper.append(hostRoom, guestRoom, watcherRoom);
  await wait(() => [hostRoom, guestRoom, watcherRoom].every((element) => element.session?.$status.get() === 'connected'), 'rooms connect');
  const host = hostRoom.session!;
  host.act('show', { phase: 'live' });
  await studio.studio.start();
  await studio.studio.goLive();
  return { wrapper, host, studio, guestRoom, overlay, guestPlayer, watcher, watcherRoom };
}

const tiles = (player: LingerPlayer) => [...shadow(player).querySelectorAll<HTMLElement>('[part~="stage-tile"]')];
const tileVideo = (player: LingerPlayer) => shadow(player).querySelector<HTMLVideoElement>('[part~="stage-tile"] video');
const hostVideo = (player: LingerPlayer) => shadow(player).querySelector<HTMLVideoElement>('.rtc video');
const staged = (player: LingerPlayer) => shadow(player).querySelector('[part~="media"]')!.classList.contains('staged');

/** Resolves after a few new frames were presented in `video`. */
function framesAdvance(video: HTMLVideoElement, count = 3): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const next = () => video.requestVideoFrameCallback(() => (++seen >= count ? resolve() : next()));
    next();
  });
}

/** The viewer asks in its overlay, the host invites, the viewer checks its devices and goes on stage. */
async function bringOnStage({ host, overlay }: Rig): Promise<void> {
  host.stage.setOpen(true);
  await wait(() => part(overlay, 'stage-ask'), 'the overlay offers "Ask to join" once the host opened asks');
  part(overlay, 'stage-ask')!.click();
  await wait(() => part(overlay, 'stage-request'), 'the ask form');
  const input = part(overlay, 'stage-request') as HTMLInputElement;
  input.value = HOSTILE_TEXT;
  input.dispatchEvent(new Event('input'));
  part(overlay, 'stage-send')!.click();
  await wait(() => host.stage.$queue.get().length === 1, 'the host has the request');
  await wait(() => part(overlay, 'stage-withdraw'), 'the viewer sees its request is sent');
  expect(await host.stage.invite('viewer-1'), 'invited').to.equal(true);
  await wait(() => part(overlay, 'stage-dialog'), 'the consent dialog');
  expect(part(overlay, 'stage-accept'), 'no going on stage before the device check').to.equal(null);
  part(overlay, 'stage-check')!.click();
  await wait(() => ((part(overlay, 'stage-preview') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, 'the self-preview shows the fake camera');
  part(overlay, 'stage-accept')!.click();
  await wait(() => host.state.stage?.guests.length === 1, 'on stage');
}

describe('co-hosting on the local path', () => {
  let current: Rig | null = null;
  afterEach(async () => {
    if (current) {
      await current.studio.studio.stop();
      current.wrapper.remove();
      current = null;
    }
    resetCanary();
  });

  it('ships every string in all ten languages', async () => {
    await expectCompleteTranslation(translation);
  });

  it('ask → invite → accept: host and guest on every screen, side by side; remove → back to one', async function () {
    this.timeout(120_000);
    const setup = (current = await rig(720));
    const { host, overlay, guestPlayer, watcher } = setup;
    await wait(() => (hostVideo(watcher)?.videoWidth ?? 0) > 0, 'the watcher plays the host');
    expect(part(overlay, 'stage-ask'), 'no "Ask to join" while the host has not opened asks').to.equal(null);

    await bringOnStage(setup);
    expect(host.stage.$queue.get().length, 'the invited request left the queue').to.equal(0);
    for (const player of [watcher, guestPlayer]) {
      await wait(() => (tileVideo(player)?.videoWidth ?? 0) > 0, 'the guest’s camera on this screen');
      await framesAdvance(tileVideo(player)!);
      expect(staged(player), 'stage layout').to.equal(true);
      expect((hostVideo(player)?.videoWidth ?? 0) > 0 || player === guestPlayer, 'the host’s track still plays').to.equal(true);
    }
    await framesAdvance(hostVideo(watcher)!);
    // Side by side at 720 px: host first, guest beside it, same row.
    const hostBox = shadow(watcher).querySelector('.rtc')!.getBoundingClientRect();
    const guestBox = tiles(watcher)[0]!.getBoundingClientRect();
    expect(guestBox.left, 'the guest is to the right of the host').to.be.at.least(hostBox.right - 1);
    expect(Math.abs(guestBox.top - hostBox.top), 'on the same row').to.be.below(2);
    const name = tiles(watcher)[0]!.querySelector('[part~="stage-name"]')!;
    expect(name.textContent?.trim(), 'the guest’s name (≤ 40 characters), as text').to.equal(HOSTILE_NAME.slice(0, 40));
    expect(shadow(watcher).querySelector('img, svg[onload]'), 'nothing of the name is parsed as markup').to.equal(null);
    expect(host.stage.$queue.get(), 'queue emptied').to.deep.equal([]);
    expect(canaryFired(), 'hostile name and request stayed inert').to.equal(false);
    expect(part(overlay, 'stage-leave'), 'the guest can leave').to.not.equal(null);

    host.stage.mute('viewer-1', true);
    await wait(() => tileVideo(watcher)?.muted === true && part(overlay, 'stage-muted'), 'muted: the tile is silent and the guest is told');

    host.stage.remove('viewer-1');
    await wait(() => tiles(watcher).length === 0 && !staged(watcher), 'removed: back to one on the watcher');
    await wait(() => tiles(guestPlayer).length === 0, 'and on the guest’s own screen');
    await wait(() => !part(overlay, 'stage-leave') && part(overlay, 'stage-ask'), 'the guest is back to watching');
    expect((hostVideo(watcher)?.videoWidth ?? 0) > 0, 'the host still plays').to.equal(true);
  });

  it('a guest leaves by itself, and a guest whose tab closes is cleared from every stage', async function () {
    this.timeout(120_000);
    const setup = (current = await rig(720));
    const { host, overlay, watcher, guestRoom } = setup;
    await bringOnStage(setup);
    await wait(() => (tileVideo(watcher)?.videoWidth ?? 0) > 0, 'guest on the watcher');
    part(overlay, 'stage-leave')!.click();
    await wait(() => tiles(watcher).length === 0, 'left: the stage is empty');

    await bringOnStage(setup);
    await wait(() => (tileVideo(watcher)?.videoWidth ?? 0) > 0, 'guest on the watcher again');
    guestRoom.remove(); // the tab closes: no leave, no more beats
    await wait(() => host.state.stage?.guests.length === 0 && tiles(watcher).length === 0, 'the silent guest is gone from the stage');
  });

  it('on a phone the guest is a picture-in-picture tile at the inline end; in Arabic, on the left', async function () {
    this.timeout(120_000);
    const setup = (current = await rig(360, 'ar'));
    const { watcher } = setup;
    await bringOnStage(setup);
    await wait(() => (tileVideo(watcher)?.videoWidth ?? 0) > 0, 'guest on the watcher');
    const player = watcher.getBoundingClientRect();
    const tile = tiles(watcher)[0]!.getBoundingClientRect();
    expect(tile.width, 'a small tile').to.be.below(player.width / 2);
    expect(tile.left - player.left, 'on the left in a right-to-left page').to.be.below(player.width / 2 - tile.width);
    expect(tile.bottom, 'inside the player').to.be.at.most(player.bottom);
    expect(shadow(watcher).querySelector('[part~="stage"]')!.getAttribute('aria-label'), 'labelled in Arabic').to.equal('على المسرح');
  });
});
