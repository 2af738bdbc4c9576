/**
 * Themes re-render sections (Dawn replaces <product-info> on a variant change): an element removed
 * and inserted again — in the same task or later — keeps running, with no duplicated timers; one
 * that stays out past DISCONNECT_GRACE_MS releases its video, timers and subscriptions.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/player/linger-player.js';
import type { LingerPlayer } from '../../src/elements/player/player.js';
import { DISCONNECT_GRACE_MS } from '../../src/controllers/disconnect-grace.js';
import { stage } from '../elements/lottery/setup.js';
import { CLIP } from './showcase.js';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Counts live intervals (setInterval minus clearInterval) while installed. */
function intervalSpy() {
  const live = new Set<number>();
  const { setInterval: set, clearInterval: clear } = window;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = set(handler, ms, ...args) as unknown as number;
    live.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) live.delete(id);
    clear(id);
  }) as typeof window.clearInterval;
  return {
    get live() {
      return live.size;
    },
    restore() {
      window.setInterval = set;
      window.clearInterval = clear;
    },
  };
}

async function playingPlayer() {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 320px"><linger-player src=${CLIP}></linger-player></div>`);
  const player = wrapper.querySelector<LingerPlayer>('linger-player')!;
  await player.updateComplete; // the first render is a task after the upgrade
  const video = player.shadowRoot!.querySelector('video')!;
  await waitUntil(() => !video.paused && video.currentTime > 0.05, 'the clip plays', { timeout: 8000 });
  return { wrapper, player, video };
}

describe('re-insertion by a theme', function () {
  this.timeout(20_000);

  it('the player keeps its <video> and playback when moved in the same task', async () => {
    const { wrapper, player, video } = await playingPlayer();
    const elsewhere = document.createElement('div');
    wrapper.append(elsewhere);
    elsewhere.append(player); // one task: removed, then inserted
    const at = video.currentTime;
    await waitUntil(() => video.currentTime > at + 0.3, 'currentTime keeps advancing', { timeout: 5000 });
    expect(player.shadowRoot!.querySelector('video'), 'same <video> node').to.equal(video);
    expect(video.hasAttribute('src'), 'source still attached').to.equal(true);
  });

  it('the player resumes where it was when re-inserted later (the browser paused the removed video)', async () => {
    const { wrapper, player, video } = await playingPlayer();
    player.remove();
    await waitUntil(() => video.paused, 'the browser pauses a removed video');
    const at = video.currentTime;
    wrapper.append(player);
    await waitUntil(() => !video.paused && video.currentTime > at + 0.3, 'playback goes on after re-insertion', { timeout: 5000 });
    expect(player.shadowRoot!.querySelector('video'), 'same <video> node').to.equal(video);
    expect(video.currentTime, 'not restarted from zero').to.be.greaterThan(at);
  });

  it('a player removed for good releases its video after the grace period, not before', async () => {
    const { player, video } = await playingPlayer();
    player.remove();
    await frame();
    expect(video.hasAttribute('src'), 'still attached right after removal').to.equal(true);
    await waitUntil(() => !video.hasAttribute('src'), 'source released', { timeout: DISCONNECT_GRACE_MS + 3000 });
  });

  it('a countdown keeps ticking across re-insertions with one timer, and lets it go when removed for good', async () => {
    const spy = intervalSpy();
    const s = await stage('');
    try {
      s.host.act('schedule', { perks: [{ id: 'p1', kind: 'flash', at: s.host.clock.now() + 10 * 60_000, lead: 90, prompt: '', title: 'Flash' }] });
      const baseline = spy.live;
      const countdown = document.createElement('linger-countdown');
      s.room.append(countdown);
      const clock = () => countdown.shadowRoot?.querySelector('[part~=clock]')?.textContent ?? '';
      await waitUntil(() => clock() !== '', 'counting');
      const own = spy.live - baseline;
      expect(own, 'the countdown runs one interval').to.equal(1);
      for (let i = 0; i < 5; i++) {
        s.room.append(countdown); // moved within the same task
        countdown.remove();
        s.room.prepend(countdown);
      }
      countdown.remove();
      await frame();
      s.room.append(countdown); // and back after a frame
      expect(spy.live - baseline, 'still one interval after six moves').to.equal(own);
      const shown = clock();
      await waitUntil(() => clock() !== shown, 'the clock still ticks', { timeout: 3000 });
      countdown.remove();
      await waitUntil(() => spy.live === baseline, 'its interval is cleared once removed', { timeout: DISCONNECT_GRACE_MS + 2000 });
    } finally {
      spy.restore();
      await s.close();
    }
  });

  it('an overlay moved by a theme keeps its chat subscription and its one ticker; removed for good it stops both', async () => {
    const spy = intervalSpy();
    const s = await stage('');
    try {
      const baseline = spy.live;
      const overlay = document.createElement('linger-overlay');
      s.room.append(overlay);
      await waitUntil(() => overlay.shadowRoot?.querySelector('[part~=composer]'), 'overlay renders');
      const own = spy.live - baseline;
      const comments = () => overlay.shadowRoot!.querySelectorAll('[part~=comment]').length;
      const box = document.createElement('div');
      s.room.append(box);
      box.append(overlay); // moved in one task
      s.host.chat('still here?', { name: 'Host' });
      await waitUntil(() => comments() === 1, 'a comment after the move arrives');
      overlay.remove();
      await frame();
      box.append(overlay);
      s.host.chat('and now?', { name: 'Host' });
      await waitUntil(() => comments() === 2, 'and after a later re-insertion');
      expect(spy.live - baseline, 'one ticker, never two').to.equal(own);
      overlay.remove();
      await waitUntil(() => spy.live === baseline, 'ticker cleared after the grace period', { timeout: DISCONNECT_GRACE_MS + 2000 });
      s.host.chat('gone', { name: 'Host' });
      await waitUntil(() => s.room.session!.state.chat.length === 3, 'the room got it');
      await frame();
      expect(comments(), 'a removed overlay no longer follows the chat').to.equal(2);
    } finally {
      spy.restore();
      await s.close();
    }
  });
});
