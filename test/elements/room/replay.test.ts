/**
 * Replay mode (docs/replay.md): a recorded mini-show plays again over a recording. At any position
 * the room shows what a live viewer saw then (pinned product, chat sample, quiz, lottery), seeking
 * back restores earlier state, the draw verifies again, a deep link opens at its chapter, nothing is
 * sent on any transport, and a malformed or hostile timeline is refused or inert, with a clear error.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import '../../../src/elements/overlay/linger-overlay.js';
import '../../../src/elements/product/linger-product.js';
import '../../../src/elements/lottery/linger-lottery.js';
import '../../../src/elements/quiz/linger-quiz.js';
import '../../../src/elements/countdown/linger-countdown.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';
import type { ReplaySession } from '../../../src/core/timeline-session.js';
import type { Timeline } from '../../../src/core/timeline.js';
import type { LingerErrorEvent } from '../../../src/events/dom/linger-error.js';
import type { LingerEvent } from '../../../src/events/types.js';
import { recordMiniShow, type LiveMoment } from '../../helpers/mini-show.js';
import { CORPUS, canaryFired, resetCanary } from '../../hardening/corpus.js';
import { settle } from '../../hardening/checks.js';

const CLIP = '/test/fixtures/media/clip.mp4';
const shadowText = (element: Element | null) => element?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

let recorded: { timeline: Timeline; truth: LiveMoment[] } | null = null;
async function miniShow() {
  recorded ??= await recordMiniShow();
  return recorded;
}

async function stage(timeline: unknown, attributes: { chapter?: string } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <linger-room .timeline=${timeline} chapter=${attributes.chapter ?? ''}>
      <linger-player src=${CLIP}></linger-player>
      <linger-overlay></linger-overlay>
      <linger-product></linger-product>
      <linger-countdown></linger-countdown>
      <linger-lottery></linger-lottery>
      <linger-quiz></linger-quiz>
    </linger-room>
  </div>`);
  const room = wrapper.querySelector<LingerRoom>('linger-room')!;
  const player = wrapper.querySelector<LingerPlayer>('linger-player')!;
  const video = () => player.shadowRoot!.querySelector('video')!;
  const at = (selector: string) => wrapper.querySelector(selector);
  return { wrapper, room, player, video, at };
}

/** Pauses the recording and moves it to `seconds`, as a viewer dragging the scrubber. */
async function scrub(player: LingerPlayer, video: () => HTMLVideoElement, seconds: number): Promise<void> {
  // The first frame first (autoplay is muted and allowed), so nothing starts again behind the scrub.
  await waitUntil(() => player.status === 'replay' && video().readyState >= 2 && video().seekable.length > 0 && video().seekable.end(0) >= seconds, 'the recording shows its first frame and can seek', { timeout: 8000 });
  video().pause();
  player.currentTime = seconds;
}

describe('<linger-room> replay', () => {
  // The test server answers the clip's first request whole (no range): a cached copy is seekable at once.
  before(async () => {
    await (await fetch(CLIP)).arrayBuffer();
  });

  it('follows the player: at t the pinned product and chat sample are what they were live; back restores earlier state', async function () {
    this.timeout(30_000);
    const { timeline, truth } = await miniShow();
    const { room, player, video, at } = await stage(timeline);
    await waitUntil(() => room.session?.replay === true, 'the replay session is up');
    for (const moment of [truth[4]!, truth[1]!, truth[3]!, truth[0]!, truth[5]!, truth[2]!]) {
      await scrub(player, video, moment.t / 1000 + 0.05);
      await waitUntil(() => Math.abs((room.session as ReplaySession).showTime - (moment.t + 50)) < 1, `the room is at ${moment.t} ms`).catch((error: Error) => {
        throw new Error(`${error.message}: at ${(room.session as ReplaySession).showTime}, video at ${video().currentTime}, paused ${video().paused}`);
      });
      const state = room.session!.state;
      expect(state.pinned?.product.title ?? null, `pinned at ${moment.t}`).to.equal(moment.pinned);
      expect(state.chat.map((line) => line.text), `chat at ${moment.t}`).to.deep.equal(moment.chat);
      expect(state.lottery?.status ?? null, `lottery at ${moment.t}`).to.equal(moment.lottery);
      expect(state.quiz?.status ?? null, `quiz at ${moment.t}`).to.equal(moment.quiz);
      if (moment.pinned) await waitUntil(() => shadowText(at('linger-product')).includes(moment.pinned!), `the product card shows ${moment.pinned}`);
    }
    expect(player.status, 'a replay is never LIVE').to.equal('replay');
  });

  it('the elements render the moment: chat sample, quiz reveal, perk, and the draw verifies again in replay', async function () {
    this.timeout(30_000);
    const { timeline } = await miniShow();
    const { room, player, video, at } = await stage(timeline);
    await waitUntil(() => room.session?.replay === true, 'the replay session is up');
    await scrub(player, video, 2.7);
    await waitUntil(() => shadowText(at('linger-lottery')).includes('Verified draw'), 'the draw checks out on this screen', { timeout: 10_000 });
    const draw = Object.values(room.session!.viewer.draws)[0]!;
    expect(draw.status).to.equal('verified');
    expect(draw.digest && draw.winners, 'with the published entrant list').to.equal(true);
    expect(shadowText(at('linger-lottery')), 'no "not this time": this viewer was not there').not.to.contain('Not this time');
    expect(shadowText(at('linger-overlay'))).to.contain('congrats').and.contain('Replay: these comments are from the live show.');
    expect(at('linger-overlay')!.shadowRoot!.querySelector('form, [part~="like-button"]'), 'no composer, no likes').to.equal(null);
    await scrub(player, video, 2.2);
    await waitUntil(() => shadowText(at('linger-lottery')).includes('Entries were taken during the live show.'), 'an open lottery says entries were live');
    expect(at('linger-lottery')!.shadowRoot!.querySelector('[part~="enter-button"]'), 'no enter button').to.equal(null);
    await scrub(player, video, 1.6);
    await waitUntil(() => shadowText(at('linger-quiz')).includes('mulberry silk'), 'the quiz shows its reveal and why');
    await waitUntil(() => room.session!.viewer.quizChecks[room.session!.state.quiz!.id] === true, 'the revealed answer matches the hash asked with it');
    await scrub(player, video, 1.0);
    await waitUntil(() => shadowText(at('linger-quiz')).includes('Answers were taken during the live show.'), 'an open quiz says answers were live');
    const options = [...at('linger-quiz')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="option"]')];
    expect(options.length).to.equal(2);
    expect(options.every((option) => option.disabled), 'no answering a replay').to.equal(true);
  });

  it('a jump in the replay is not a flood of comments: no "+N more" after seeking across a busy stretch, in the list or as danmaku', async function () {
    this.timeout(30_000);
    const base = (await miniShow()).timeline;
    // 2,000 lines in the first 3 s of show: a jump from 0.1 s to 3 s passes over most of them.
    const chat = Array.from({ length: 2000 }, (_, i) => ({ t: 100 + Math.floor(i * 1.45), id: `busy${i}`, text: `line ${i}` }));
    const { room, player, video, at } = await stage({ ...base, chat });
    const danmaku = document.createElement('linger-overlay');
    danmaku.setAttribute('variant', 'danmaku');
    room.append(danmaku);
    await waitUntil(() => room.session?.replay === true, 'the replay session is up');
    await scrub(player, video, 0.105);
    await waitUntil(() => room.session!.state.chatCount > 0, 'a few lines');
    await scrub(player, video, 3.0);
    await waitUntil(() => room.session!.state.chat.at(-1)?.text === 'line 1999', 'the jump landed');
    await settle();
    for (const overlay of [at('linger-overlay')!, danmaku]) {
      expect((overlay as unknown as { moreCount: number }).moreCount, 'the lines jumped over are history, not arrivals').to.equal(0);
    }
  });

  it('sends nothing on any transport, whatever the viewer clicks', async function () {
    this.timeout(30_000);
    const { timeline } = await miniShow();
    const channels: unknown[] = [];
    const RealChannel = window.BroadcastChannel;
    window.BroadcastChannel = class extends RealChannel {
      constructor(name: string) {
        super(name);
        channels.push(name);
      }
    };
    const posts: string[] = [];
    const realFetch = window.fetch;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if ((init?.method ?? 'GET') !== 'GET') posts.push(String(input));
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      const { room, player, video, wrapper } = await stage(timeline);
      await waitUntil(() => room.session?.replay === true, 'the replay session is up');
      for (const seconds of [2.2, 2.7, 1.0, 0.4]) {
        await scrub(player, video, seconds);
        await waitUntil(() => Math.abs((room.session as ReplaySession).showTime - seconds * 1000) < 1, `at ${seconds} s`);
        for (const element of wrapper.querySelectorAll('linger-lottery, linger-quiz, linger-countdown, linger-overlay')) {
          for (const button of element.shadowRoot!.querySelectorAll('button')) button.click();
        }
      }
      // A program calling the session's actions directly is refused as well.
      const session = room.session!;
      expect(session.chat('hello').ok).to.equal(false);
      session.like(5);
      session.enter('x');
      session.answer('q', 1);
      session.claim('p');
      await settle();
      expect((session as ReplaySession).replayTransport.refused, 'nothing asked the replay transport to send').to.equal(0);
      expect(channels, 'no BroadcastChannel opened').to.deep.equal([]);
      expect(posts, 'no request sent anything').to.deep.equal([]);
    } finally {
      window.BroadcastChannel = RealChannel;
      window.fetch = realFetch;
    }
  });

  it('opens at a chapter (`chapter` attribute), and at a deep link #t=0:02', async function () {
    this.timeout(30_000);
    const { timeline } = await miniShow();
    const chapter = await stage(timeline, { chapter: 'fan' });
    await waitUntil(() => chapter.room.session?.state.pinned?.product.title === 'Silk fan', 'opened at the fan chapter');
    expect(chapter.player.currentTime, 'the recording is there too').to.be.closeTo(2.0, 0.05);
    chapter.wrapper.remove();
    const hash = location.hash;
    history.replaceState(null, '', '#t=0:02');
    try {
      const linked = await stage(timeline);
      await waitUntil(() => linked.room.session?.state.pinned?.product.title === 'Silk fan', 'opened at 0:02');
      expect(linked.player.currentTime).to.be.closeTo(2.0, 0.05);
    } finally {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  });

  it('lists its chapters in the player ("Silk fan · 0:02"), with a mark each, and a chapter moves the replay there; in Arabic, right to left', async function () {
    this.timeout(30_000);
    const { timeline } = await miniShow();
    const { room, player, video } = await stage(timeline);
    await waitUntil(() => player.shadowRoot!.querySelectorAll('[part~="chapter"]').length === 3, 'three chapters: two products, one perk');
    const chapters = [...player.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="chapter"]')];
    expect(chapters.map((chapter) => chapter.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Jade scarf · 0:00', 'Free shipping · 0:00', 'Silk fan · 0:02']);
    expect(player.shadowRoot!.querySelectorAll('[part~="chapter-mark"]').length).to.equal(3);
    await scrub(player, video, 0.1);
    chapters[2]!.click();
    await waitUntil(() => room.session!.state.pinned?.product.title === 'Silk fan', 'the fan chapter');
    expect(player.currentTime).to.be.closeTo(2.0, 0.05);
    await expect(player).to.be.accessible();
    room.setAttribute('locale', 'ar');
    await waitUntil(() => player.shadowRoot!.querySelector('[part~="chapters-button"]')?.textContent === 'الفصول', 'Arabic chapters');
    expect(player.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('dir')).to.equal('rtl');
  });

  it('counts replay watch time and add-to-carts apart from the live show: show id "<show>:replay", stamped with the real time, no timeline marks', async function () {
    this.timeout(30_000);
    const { timeline } = await miniShow();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room .timeline=${timeline} consent="granted">
        <linger-player src=${CLIP}></linger-player>
        <linger-product></linger-product>
      </linger-room>
    </div>`);
    const room = wrapper.querySelector<LingerRoom>('linger-room')!;
    const player = wrapper.querySelector<LingerPlayer>('linger-player')!;
    const product = wrapper.querySelector('linger-product')!;
    const events: LingerEvent[] = [];
    // Added before the pipeline exists (the room hands it its sinks): the player's session_start,
    // sent when the clip starts, may come before any wait here ends.
    room.addSink({ accept: (event) => events.push(event) });
    await waitUntil(() => room.events !== null, 'the replay has its event pipeline');
    await scrub(player, () => player.shadowRoot!.querySelector('video')!, 2.2);
    await waitUntil(() => shadowText(product).includes('Silk fan'), 'the fan is pinned');
    // The shop takes the add itself (no Shopify cart on this page).
    product.addEventListener('linger-add-to-cart', (event) => {
      event.preventDefault();
      event.detail.waitUntil(Promise.resolve());
    });
    [...product.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((button) => /add to cart/i.test(button.textContent!))!.click();
    await waitUntil(() => events.some((event) => event.type === 'add_to_cart'), 'the add to cart is an event');
    const add = events.find((event) => event.type === 'add_to_cart')!;
    expect(add.show).to.equal('mini-show:replay');
    expect(add.props).to.deep.include({ product: 'fan' });
    expect(Math.abs(add.at - Date.now()), 'real time, not the show\'s').to.be.below(60_000);
    expect(events.find((event) => event.type === 'session_start')?.show, 'watch time is the replay\'s').to.equal('mini-show:replay');
    expect(events.filter((event) => event.type === 'timeline'), 'the show\'s marks belong to the live show').to.deep.equal([]);
    expect(room.attribution?.show, 'orders from a replay are attributed to it').to.equal('mini-show:replay');
  });

  it('refuses a malformed timeline with a localized error and a linger-error event; the video still plays', async function () {
    this.timeout(30_000);
    const { timeline } = await miniShow();
    const cases: Array<[string, unknown]> = [
      ['wrong types', { ...timeline, events: 'nope' }],
      ['times going backwards', { ...timeline, events: [...timeline.events].reverse() }],
      ['50 MB', `{${' '.repeat(50 * 1024 * 1024)}}`],
    ];
    for (const [label, bad] of cases) {
      const errors: string[] = [];
      const listen = (event: Event) => errors.push((event as LingerErrorEvent).detail.code);
      document.addEventListener('linger-error', listen);
      try {
        const { room, player, wrapper } = await stage(bad);
        await waitUntil(() => errors.length > 0, `${label}: a linger-error`);
        expect(errors, label).to.deep.equal(['replay-invalid']);
        expect(room.session, `${label}: no session`).to.equal(null);
        await waitUntil(() => shadowText(player).includes("The show's timeline could not be loaded"), `${label}: the player says so`);
        wrapper.remove();
      } finally {
        document.removeEventListener('linger-error', listen);
      }
    }
    const { room, player } = await stage({ ...timeline, version: 2 });
    await waitUntil(() => room.$replay.get()?.problem === 'version', 'another version is refused');
    room.setAttribute('locale', 'ar');
    await waitUntil(() => shadowText(player).includes('تعذّر تحميل الخط الزمني للبث'), 'in Arabic too');
  });

  it('renders a hostile timeline inert: the hardening corpus in every text field is only text', async function () {
    this.timeout(60_000);
    resetCanary();
    const texts = CORPUS.map((payload) => payload.text).filter((text) => text.trim().length > 0 && text.length <= 120);
    const base = (await miniShow()).timeline;
    const events: Timeline['events'] = [base.events[0]!];
    const chat: Timeline['chat'] = [];
    texts.forEach((text, i) => {
      const t = 10 + i * 10;
      events.push({ t, id: `p${i}`, type: 'pin', body: { product: { id: `p${i}`, title: text, price: text.slice(0, 40) }, remaining: null } });
      events.push({ t, id: `a${i}`, type: 'announce', body: { text } });
      events.push({ t, id: `q${i}`, type: 'quiz.ask', body: { id: `q${i}`, question: text, options: [text, text.slice(0, 120) || 'b'], closesAt: base.startedAt + 9e6, answerHash: 'a'.repeat(64) } });
      events.push({ t, id: `k${i}`, type: 'perk.drop', body: { id: `k${i}`, title: text, code: text.slice(0, 64) } });
      events.push({ t, id: `r${i}`, type: 'quiz.reveal', body: { id: `q${i}`, correct: 0, salt: 'ab', explanation: text, shares: [1, 0] } });
      events.push({ t, id: `l${i}`, type: 'lottery.open', body: { id: `l${i}`, mode: 'keyword', keyword: text.slice(0, 40), prize: text, winners: 1, closesAt: base.startedAt + 9e6, commitment: 'b'.repeat(64) } });
      chat.push({ t, id: `c${i}`, text, name: text.slice(0, 40) });
    });
    const hostile = { ...base, title: texts[0], events, chat, duration: 10 + texts.length * 10 };
    const { room, player, video, at } = await stage(hostile);
    await waitUntil(() => room.session?.replay === true, 'a hostile but well-formed timeline loads');
    for (const i of [0, Math.floor(texts.length / 2), texts.length - 1]) {
      await scrub(player, video, (10 + i * 10) / 1000);
      await waitUntil(() => room.session!.state.pinned?.product.id === `p${i}`, `at entry ${i}`);
      await settle();
      for (const tag of ['linger-product', 'linger-overlay', 'linger-quiz', 'linger-lottery', 'linger-countdown']) {
        expect(at(tag)!.shadowRoot!.querySelector('script, iframe, object, embed, [onerror], [onload]'), `${tag}: no markup from the timeline`).to.equal(null);
      }
      expect(at('linger-product')!.shadowRoot!.textContent, 'the title is shown as text').to.contain(texts[i]!.trim().slice(0, 20));
    }
    expect(canaryFired(), 'nothing from the timeline ran').to.equal(false);
  });
});
