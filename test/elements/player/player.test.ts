import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';
import { translation } from '../../../src/elements/player/player.strings.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import type { PlayerStatus } from '../../../src/events/dom/linger-player-state.js';
import type { LingerErrorEvent } from '../../../src/events/dom/linger-error.js';
import type { RoomMedia } from '../../../src/core/registry.js';
import type { AgoraTokens } from '../../../src/transports/agora-rtm-token.js';
import { FakeRtcCloud } from '../../fakes/agora-rtc-fake.js';
import { expectCompleteTranslation, expectNoRawKeys } from '../../helpers/i18n.js';
import { sleep } from '../../helpers/show.js';
import { transportError } from '../../../src/transports/transport.js';
import { joinedAudienceCount } from '../../../src/media/agora-rtc.js';

const APP_ID = 'a'.repeat(32);
const CLIP = '/test/fixtures/media/clip.mp4';
const HLS = '/test/fixtures/media/hls/clip.m3u8';
const POSTER =
  'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#334"/></svg>');

const shadow = (player: LingerPlayer) => player.shadowRoot!;
const text = (player: LingerPlayer) => shadow(player).textContent?.replace(/\s+/g, ' ').trim() ?? '';

interface LiveRig {
  wrapper: HTMLElement;
  room: LingerRoom;
  player: LingerPlayer;
  host: RoomSession;
  cloud: FakeRtcCloud;
  statuses: PlayerStatus[];
  errors: LingerErrorEvent[];
  /** How many times the player asked the room for tokens. */
  tokenCalls: () => number;
  close(): Promise<void>;
}

/**
 * Gives a `<linger-room>` the Agora media settings it hands the player (`RoomHandle.media`), as the
 * room does once it has an app id: an own getter, so the test does not depend on how the room builds it.
 */
export function stubMedia(room: LingerRoom, media: () => RoomMedia | null): void {
  Object.defineProperty(room, 'media', { configurable: true, get: media });
}

/** A host session and a viewer room + player on one memory network, the player on a fake RTC SDK. */
async function liveRig(options: { cloud?: FakeRtcCloud; tokens?: () => Promise<AgoraTokens | null> } = {}): Promise<LiveRig> {
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
  await host.connect();
  const cloud = options.cloud ?? new FakeRtcCloud();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 480px"></div>`);
  const room = document.createElement('linger-room');
  room.id = `rig-${Math.random().toString(36).slice(2)}`;
  room.hosts = 'host-1';
  room.channel = 'spring-sale';
  room.customTransport = network.connect('viewer-1');
  let calls = 0;
  const tokens = options.tokens ?? (async () => null);
  stubMedia(room, () => ({
    appId: APP_ID,
    channel: room.channel,
    tokens: () => {
      calls++;
      return tokens();
    },
  }));
  const player = document.createElement('linger-player');
  player.loadSdk = cloud.loader();
  const statuses: PlayerStatus[] = [];
  const errors: LingerErrorEvent[] = [];
  player.addEventListener('linger-player-state', (event) => statuses.push(event.detail.status));
  wrapper.addEventListener('linger-error', (event) => errors.push(event));
  room.append(player);
  wrapper.append(room);
  await waitUntil(() => room.session?.$status.get() === 'connected', 'viewer room connects');
  return {
    wrapper,
    room,
    player,
    host,
    cloud,
    statuses,
    errors,
    tokenCalls: () => calls,
    close: async () => {
      wrapper.remove();
      await host.close();
    },
  };
}

describe('<linger-player>', () => {
  afterEach(() => {
    for (const node of document.querySelectorAll('linger-room, linger-player')) node.remove();
  });

  it('reserves its box with aspect-ratio before anything loads, and keeps it after the first frame', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 360px">
      <linger-player poster=${POSTER}></linger-player>
      <p id="after">below</p>
    </div>`);
    const player = wrapper.querySelector('linger-player')!;
    await player.updateComplete; // the first render is a task after the upgrade
    const before = player.getBoundingClientRect();
    const belowBefore = wrapper.querySelector('#after')!.getBoundingClientRect().top;
    expect(before.width, 'fills its container').to.equal(360);
    expect(Math.round(before.height), '16:9 reserved before load').to.equal(203);
    expect(shadow(player).querySelector('[part=poster]'), 'poster until the first frame').to.not.equal(null);
    player.src = CLIP;
    await waitUntil(() => player.status === 'replay', 'recording plays', { timeout: 8000 });
    await waitUntil(() => !shadow(player).querySelector('[part=poster]'), 'poster goes at the first frame');
    const after = player.getBoundingClientRect();
    expect([after.width, after.height], 'same box after load (no layout shift)').to.deep.equal([before.width, before.height]);
    expect(wrapper.querySelector('#after')!.getBoundingClientRect().top, 'content below did not move').to.equal(belowBefore);
    wrapper.remove();
  });

  it('plays an MP4 muted and inline, offers "tap for sound", and unmutes on tap', async () => {
    const player = await fixture<LingerPlayer>(html`<linger-player src=${CLIP}></linger-player>`);
    const video = shadow(player).querySelector('video')!;
    await waitUntil(() => player.status === 'replay' && !video.paused, 'autoplays', { timeout: 8000 });
    expect(video.muted, 'starts muted').to.equal(true);
    expect(video.playsInline, 'plays inline on phones').to.equal(true);
    await player.updateComplete;
    const unmute = shadow(player).querySelector<HTMLButtonElement>('[part=unmute-button]');
    expect(unmute?.textContent, 'tap for sound is shown').to.contain('Tap for sound');
    unmute!.click();
    await player.updateComplete;
    expect(video.muted, 'sound on after the tap').to.equal(false);
    expect(shadow(player).querySelector('[part=unmute-button]'), 'prompt gone').to.equal(null);
    const mute = shadow(player).querySelector<HTMLButtonElement>('[part~=control][aria-pressed]')!;
    expect(mute.getAttribute('aria-label'), 'mute control labelled').to.equal('Mute');
    player.remove();
  });

  it('loop: a recording starts again at its end and keeps playing; without it, it stops', async function () {
    this.timeout(15_000);
    const player = await fixture<LingerPlayer>(html`<linger-player src=${CLIP} loop></linger-player>`);
    const video = shadow(player).querySelector('video')!;
    await waitUntil(() => player.status === 'replay' && !video.paused && video.duration > 1, 'autoplays', { timeout: 8000 });
    expect(video.loop, 'the <video> loops').to.equal(true);
    let ended = false;
    video.addEventListener('ended', () => (ended = true));
    video.currentTime = video.duration - 0.3;
    await waitUntil(() => video.currentTime > video.duration - 0.3, 'near the end', { timeout: 3000 });
    await waitUntil(() => video.currentTime < 1 && !video.paused, 'starts again from the top', { timeout: 4000 });
    await player.updateComplete;
    expect(ended, 'no ended event').to.equal(false);
    expect(shadow(player).querySelector('[part~=play-pause]')?.getAttribute('aria-label'), 'the control still offers pause').to.equal('Pause');
    player.loop = false;
    await player.updateComplete;
    expect(video.loop, 'loop removed').to.equal(false);
    video.currentTime = video.duration - 0.3;
    await waitUntil(() => ended, 'ends once loop is off', { timeout: 4000 });
    expect(video.paused, 'stopped at the end').to.equal(true);
    player.remove();
  });

  it('plays an HLS playlist (native or hls.js) with the same chrome', async () => {
    const player = await fixture<LingerPlayer>(html`<linger-player src=${HLS}></linger-player>`);
    await waitUntil(() => player.status === 'replay', 'HLS plays', { timeout: 9000 });
    const video = shadow(player).querySelector('video')!;
    expect(video.readyState, 'has frames').to.be.greaterThan(1);
    player.remove();
  });

  it('shows a big play button when the browser blocks even muted autoplay, and plays on click', async () => {
    const original = HTMLMediaElement.prototype.play;
    let blocked = true;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (blocked) return Promise.reject(new DOMException('play() needs a gesture', 'NotAllowedError'));
      return original.call(this);
    };
    try {
      const player = await fixture<LingerPlayer>(html`<linger-player src=${CLIP}></linger-player>`);
      const button = await waitUntil(() => shadow(player).querySelector<HTMLButtonElement>('[part=play-button]'), 'big play button', { timeout: 5000 }).then(
        () => shadow(player).querySelector<HTMLButtonElement>('[part=play-button]')!,
      );
      expect(button.getAttribute('aria-label'), 'labelled').to.equal('Play');
      blocked = false;
      button.click();
      await waitUntil(() => player.status === 'replay' && !shadow(player).querySelector('[part=play-button]'), 'plays after the click', { timeout: 8000 });
      player.remove();
    } finally {
      HTMLMediaElement.prototype.play = original;
    }
  });

  it('goes upcoming → connecting → live → reconnecting → live → ended with the fake RTC SDK', async () => {
    const rig = await liveRig();
    const { player, host, cloud } = rig;
    await waitUntil(() => player.status === 'upcoming', 'upcoming before the show');
    expect(cloud.loads, 'the SDK is not loaded before the show goes live').to.equal(0);
    host.act('show', { phase: 'live', title: 'Spring sale' });
    await waitUntil(() => player.status === 'connecting', 'connecting');
    await waitUntil(() => cloud.client?.isJoined, 'joined');
    const client = cloud.client!;
    expect(client.config.mode, 'live mode').to.equal('live');
    expect(client.config.httpRetryConfig?.maxRetryCount, 'bounded http retries').to.be.a('number');
    expect(client.config.websocketRetryConfig?.maxRetryCount, 'bounded websocket retries').to.be.a('number');
    expect(client.role, 'audience').to.equal('audience');
    expect(client.roleOptions?.level, 'ultra-low latency by default').to.equal(2);
    expect(client.calls.find((call) => call[0] === 'join')?.slice(1, 3), 'joins the room channel with its app id').to.deep.equal([APP_ID, 'spring-sale']);
    await waitUntil(() => text(player).includes('Waiting for the host'), 'waiting for the host video');
    cloud.publish(77, 'video');
    cloud.publish(77, 'audio');
    await waitUntil(() => player.status === 'live', 'live once the host video plays');
    const track = cloud.tracks.find((t) => t.trackMediaType === 'video')!;
    expect(track.element, 'video plays into an element inside the shadow root').to.equal(shadow(player).querySelector('.rtc'));
    expect(shadow(player).querySelector('.rtc video'), 'the SDK video is in the shadow DOM').to.not.equal(null);
    const audio = cloud.tracks.find((t) => t.trackMediaType === 'audio')!;
    expect(audio.isPlaying, 'audio waits for the viewer (muted autoplay)').to.equal(false);
    expect(client.calls.some((call) => call[0] === 'setStreamFallbackOption' && call[2] === 1), 'SDK fallback to low stream enabled').to.equal(true);

    cloud.dropLink();
    await waitUntil(() => player.status === 'reconnecting', 'reconnecting on network loss');
    await player.updateComplete;
    expect(text(player)).to.contain('Reconnecting');
    cloud.restoreLink();
    await waitUntil(() => player.status === 'live', 'live again');

    host.act('show', { phase: 'ended' });
    await waitUntil(() => player.status === 'ended', 'ended');
    await player.updateComplete;
    expect(client.calls.some((call) => call[0] === 'leave'), 'left the channel').to.equal(true);
    expect(text(player)).to.contain('The show has ended');
    const order = rig.statuses.filter((status, i, all) => status !== all[i - 1]);
    expect(order, 'the state machine in order').to.deep.equal(['upcoming', 'connecting', 'live', 'reconnecting', 'live', 'ended']);
    await rig.close();
  });

  it('shows "can’t connect — retrying" when Agora is unreachable, raises linger-error, and connects when it comes back', async () => {
    const cloud = new FakeRtcCloud();
    cloud.online = false;
    const rig = await liveRig({ cloud });
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => rig.player.status === 'retrying', 'retrying state, not an endless spinner', { timeout: 3000 });
    await rig.player.updateComplete;
    expect(text(rig.player), 'clear localized message').to.match(/Can’t connect — retrying/);
    expect(cloud.joinTimes.length, 'tried once so far').to.equal(1);
    expect(rig.errors.map((event) => event.detail.code), 'the page is told why').to.deep.equal(['agora-unreachable']);
    expect(rig.errors[0]!.target, 'raised by the player').to.equal(rig.player);
    expect(rig.errors[0]!.bubbles && rig.errors[0]!.composed, 'bubbles, composed').to.equal(true);
    expect(rig.errors[0]!.detail.message, 'names the network and connect-src').to.match(/cannot reach Agora/).and.match(/connect-src/);
    // The first wait of the policy is ½–1 s (src/core/retry.ts).
    await waitUntil(() => cloud.joinTimes.length >= 2, 'retries with backoff', { timeout: 3000 });
    expect(rig.errors.length, 'one linger-error per cause, not one per attempt').to.equal(1);
    cloud.online = true;
    cloud.publish(5, 'video');
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => rig.player.status === 'live', 'live once the network is back', { timeout: 3000 });
    await rig.close();
  });

  it('joins again after the SDK gives up on the link', async () => {
    const rig = await liveRig();
    rig.cloud.publish(9, 'video');
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => rig.player.status === 'live', 'live');
    const seen = rig.statuses.length;
    rig.cloud.disconnect('NETWORK_ERROR');
    await waitUntil(() => rig.statuses.slice(seen).includes('retrying'), 'rejoining with backoff');
    await waitUntil(() => rig.player.status === 'live', 'live again after rejoin', { timeout: 3000 });
    expect(rig.cloud.clients[0]!.calls.filter((call) => call[0] === 'join').length, 'joined twice').to.equal(2);
    await rig.close();
  });

  it('uses latency="low" as audience level 1', async () => {
    const rig = await liveRig();
    rig.player.latency = 'low';
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => rig.cloud.client?.isJoined, 'joined');
    expect(rig.cloud.client!.roleOptions?.level).to.equal(1);
    await rig.close();
  });

  it('falls back to the low stream on a poor network and back up when it recovers, with an indicator', async () => {
    const rig = await liveRig();
    const { player, cloud } = rig;
    cloud.publish(42, 'video');
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => player.status === 'live', 'live');
    const streamCalls = () => cloud.client!.calls.filter((call) => call[0] === 'setRemoteVideoStreamType');
    cloud.networkQuality(1);
    await waitUntil(() => shadow(player).querySelector('[part=quality]'), 'quality indicator shown');
    expect(shadow(player).querySelector('[part=quality]')!.textContent, 'good network').to.contain('Good connection');
    cloud.networkQuality(5);
    await waitUntil(() => streamCalls().length === 1, 'asked for the low stream');
    expect(streamCalls()[0], 'low stream of the host').to.deep.equal(['setRemoteVideoStreamType', 42, 1]);
    await player.updateComplete;
    expect(shadow(player).querySelector('[part=quality]')!.textContent, 'poor + data saver').to.contain('Poor connection').and.contain('Data saver');
    cloud.networkQuality(2);
    await waitUntil(() => streamCalls().length === 2, 'back to the high stream');
    expect(streamCalls()[1]).to.deep.equal(['setRemoteVideoStreamType', 42, 0]);
    cloud.streamFallback(42, 'fallback');
    await waitUntil(() => shadow(player).querySelector('[part=quality]')!.textContent!.includes('Data saver'), 'SDK fallback shown');
    cloud.streamFallback(42, 'recover');
    await waitUntil(() => !shadow(player).querySelector('[part=quality]')!.textContent!.includes('Data saver'), 'SDK recovery shown');
    await rig.close();
  });

  it('shows the latency from the SDK stats', async function () {
    // The badge waits for the SDK's stats poll (every 2 s) after the join; one clean-clone CI run
    // went past the default 10 s here (each wait below has its own bound, so the time went elsewhere).
    this.timeout(20_000);
    const rig = await liveRig();
    rig.cloud.delayMs = 321;
    rig.cloud.publish(3, 'video');
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => rig.player.status === 'live', 'live');
    await waitUntil(() => shadow(rig.player).querySelector('[part=quality]')?.textContent?.includes('321'), 'delay shown', { timeout: 4000 });
    await rig.close();
  });

  it('shows a big play button when the SDK reports autoplay failed, and plays on click', async () => {
    const cloud = new FakeRtcCloud();
    cloud.autoplayBlocked = true;
    const rig = await liveRig({ cloud });
    cloud.publish(8, 'video');
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => shadow(rig.player).querySelector('[part=play-button]'), 'big play button on autoplay-failed');
    const track = cloud.tracks.find((t) => t.trackMediaType === 'video')!;
    expect(track.isPlaying, 'blocked').to.equal(false);
    cloud.gesture();
    shadow(rig.player).querySelector<HTMLButtonElement>('[part=play-button]')!.click();
    await rig.player.updateComplete;
    expect(track.isPlaying, 'plays after the click').to.equal(true);
    expect(shadow(rig.player).querySelector('[part=play-button]'), 'button gone').to.equal(null);
    await rig.close();
  });

  it('joins with the tokens the room hands over, fresh on every attempt, and never asks the token endpoint itself', async () => {
    const fetched: string[] = [];
    const originalFetch = window.fetch;
    window.fetch = (input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return originalFetch(input, init);
    };
    try {
      const cloud = new FakeRtcCloud();
      cloud.rejectToken = { valid: '007rtc-fresh' };
      const answers = ['007rtc-stale', '007rtc-fresh'];
      const rig = await liveRig({
        cloud,
        tokens: async () => ({ uid: 'server-uid-1', rtmToken: 'rtm', rtcToken: answers.shift() ?? '007rtc-fresh', expiresAt: Date.now() / 1000 + 3600 }),
      });
      rig.host.act('show', { phase: 'live' });
      await waitUntil(() => rig.cloud.client?.isJoined, 'joined after the refused token', { timeout: 4000 });
      const joins = rig.cloud.client!.calls.filter((call) => call[0] === 'join');
      expect(joins.map((join) => join.slice(3)), 'token and uid from the room, asked again for the second attempt').to.deep.equal([
        ['007rtc-stale', 'server-uid-1'],
        ['007rtc-fresh', 'server-uid-1'],
      ]);
      expect(rig.tokenCalls(), 'one token request per attempt').to.equal(2);
      expect(rig.errors.map((event) => event.detail.code), 'a refused token is named as such').to.deep.equal(['agora-credentials']);
      expect(fetched.filter((url) => /token/i.test(url)), 'no token request of its own').to.deep.equal([]);
      await rig.close();
    } finally {
      window.fetch = originalFetch;
    }
  });

  it('a failing token endpoint: linger-error names its status, and the player joins once it recovers', async () => {
    let failures = 1;
    const rig = await liveRig({
      tokens: async () => {
        if (failures-- > 0) throw transportError('token-failed', 'The token URL /api/token answered HTTP 500 ("deploying"); it must answer 200 with JSON …');
        return { uid: 'v-1', rtmToken: 'rtm', rtcToken: '007rtc-ok', expiresAt: Date.now() / 1000 + 3600 };
      },
    });
    rig.cloud.publish(4, 'video');
    rig.host.act('show', { phase: 'live' });
    await waitUntil(() => rig.errors.length === 1, 'linger-error');
    expect(rig.errors[0]!.detail.code).to.equal('token-failed');
    expect(rig.errors[0]!.detail.message, 'the endpoint status').to.contain('HTTP 500');
    await waitUntil(() => rig.player.status === 'live', 'live after the endpoint recovered', { timeout: 3000 });
    await rig.close();
  });

  it('keeps tokens out of the console: SDK at warnings only, no log upload, quiet while it cannot connect', async () => {
    const secret = '007eJxSECRETRTCTOKEN0123456789';
    const printed: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((name) => console[name]);
    methods.forEach((name) => {
      console[name] = (...args: unknown[]) => {
        printed.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${String(arg.stack)}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      };
    });
    try {
      const cloud = new FakeRtcCloud();
      cloud.joinFailures.push({ code: 'CAN_NOT_GET_GATEWAY_SERVER', message: 'invalid token, authorized failed' });
      const rig = await liveRig({ cloud, tokens: async () => ({ uid: 'v-2', rtmToken: `${secret}-rtm`, rtcToken: secret, expiresAt: Date.now() / 1000 + 3600 }) });
      // Players of earlier tests leave after their grace period; a joined one keeps the SDK talking.
      await waitUntil(() => joinedAudienceCount() === 0, 'no other audience joined', { timeout: 5000 });
      rig.host.act('show', { phase: 'live' });
      await waitUntil(() => rig.player.status === 'retrying', 'first join refused');
      expect(cloud.logUploadDisabled, 'log upload off').to.equal(true);
      expect(cloud.logLevel, 'no SDK logs while it cannot connect').to.equal(4);
      expect(cloud.parameters.get('ENABLE_EVENT_REPORT'), 'no stats reports while it cannot connect').to.equal(false);
      await waitUntil(() => cloud.client?.isJoined, 'joined on the retry', { timeout: 3000 });
      expect(cloud.logLevel, 'warnings and errors once joined').to.equal(2);
      expect(cloud.parameters.get('ENABLE_EVENT_REPORT'), 'reports back on once joined').to.equal(true);
      cloud.tokenWillExpire();
      await waitUntil(() => cloud.client!.calls.some((call) => call[0] === 'renewToken'), 'renewed');
      cloud.disconnect('TOKEN_EXPIRE');
      await waitUntil(() => rig.errors.length === 2, 'the drop is reported');
      expect(rig.errors.map((event) => event.detail.code)).to.deep.equal(['agora-credentials', 'agora-credentials']);
      await waitUntil(() => cloud.client?.isJoined, 'joined again', { timeout: 3000 });
      expect(printed.length, 'the failures were printed (so the test can see them)').to.be.greaterThan(0);
      expect(printed.filter((line) => line.includes(secret.slice(0, 16))), 'no token in the console').to.deep.equal([]);
      await rig.close();
    } finally {
      methods.forEach((name, i) => (console[name] = originals[i]!));
    }
  });

  it('writes no attribute onto itself, on upgrade or after; the status is a CSS state', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const changed: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) if (record.target instanceof HTMLElement && record.target.localName === 'linger-player') changed.push(record.attributeName ?? '');
    });
    observer.observe(wrapper, { attributes: true, subtree: true });
    wrapper.innerHTML = `<linger-player poster="${POSTER}"></linger-player><linger-player src="${CLIP}"></linger-player>`;
    const [posterOnly, recording] = [...wrapper.querySelectorAll<LingerPlayer>('linger-player')];
    await waitUntil(() => recording!.status === 'replay', 'recording plays', { timeout: 8000 });
    await posterOnly!.updateComplete;
    expect(recording!.matches(':state(replay)'), 'status as a custom state').to.equal(true);
    expect(recording!.matches(':state(idle)'), 'only the current one').to.equal(false);
    await new Promise((resolve) => requestAnimationFrame(resolve)); // MutationObserver records delivered
    observer.disconnect();
    expect(changed, 'attributes written by the players').to.deep.equal([]);
    expect(posterOnly!.getAttributeNames(), 'as authored').to.deep.equal(['poster']);
    wrapper.remove();
  });

  it('shows the room’s connection state while the room is not connected, instead of "Starting soon"', async () => {
    const network = new MemoryNetwork();
    const transport = network.connect('viewer-x');
    transport.connect = () => new Promise<void>(() => undefined); // never answers
    const room = document.createElement('linger-room');
    room.channel = 'never';
    room.customTransport = transport;
    const player = document.createElement('linger-player');
    room.append(player);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 320px"></div>`);
    wrapper.append(room);
    // Before its own code is here (src/elements/connection-status/on-demand.ts) the tag shows the player's "Connecting…".
    const status = () => shadow(player).querySelector('linger-connection-status');
    await waitUntil(() => /Connecting/.test(status()?.shadowRoot?.textContent || status()?.textContent || ''), 'connection status shown');
    expect(text(player), 'no "Starting soon" while not connected').to.not.contain('Starting soon');
    expect(player.status, 'status idle: the phase is unknown').to.equal('idle');
    const box = shadow(player).querySelector('linger-connection-status')!.getBoundingClientRect();
    const frame = player.getBoundingClientRect();
    expect(box.width > 0 && box.left >= frame.left && box.right <= frame.right, 'drawn inside the player').to.equal(true);
    expect(room.$connection.get().status, 'the room is indeed not connected').to.not.equal('connected');
    wrapper.remove();
  });

  it('reports watch time: session_start on first play, heartbeat on pause and on removal', async () => {
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.customTransport = network.connect('viewer-w');
    document.body.append(room);
    await waitUntil(() => room.session?.$status.get() === 'connected', 'room connects');
    const tracked: Array<[string, Record<string, unknown>]> = [];
    room.session!.onTrack((type, props) => tracked.push([type, props]));
    const player = document.createElement('linger-player');
    player.src = CLIP;
    player.style.inlineSize = '320px';
    room.append(player);
    const video = await waitUntil(() => shadow(player).querySelector('video'), 'video').then(() => shadow(player).querySelector('video')!);
    await waitUntil(() => !video.paused && player.status === 'replay', 'plays', { timeout: 8000 });
    expect(tracked.filter(([type]) => type === 'session_start').length, 'one session_start').to.equal(1);
    await sleep(1300);
    player.pause();
    await waitUntil(() => tracked.some(([type]) => type === 'heartbeat'), 'heartbeat on pause');
    const first = tracked.find(([type]) => type === 'heartbeat')![1];
    expect(first.seconds, 'visible + playing seconds').to.be.within(1, 2);
    video.play();
    await waitUntil(() => !video.paused, 'plays again');
    await sleep(1100);
    player.remove();
    await waitUntil(() => tracked.filter(([type]) => type === 'heartbeat').length === 2, 'heartbeat on removal');
    expect(tracked.filter(([type]) => type === 'session_start').length, 'still one session_start').to.equal(1);
    room.remove();
    await host.close();
  });

  it('is accessible: labelled region and controls, axe-clean', async () => {
    const player = await fixture<LingerPlayer>(html`<linger-player src=${CLIP} poster=${POSTER}></linger-player>`);
    await waitUntil(() => player.status === 'replay', 'plays', { timeout: 8000 });
    await player.updateComplete;
    for (const button of shadow(player).querySelectorAll('button')) expect(button.getAttribute('aria-label') || button.textContent?.trim(), 'every control labelled').to.not.equal('');
    await expect(player).to.be.accessible();
    expectNoRawKeys(player, translation);
    player.remove();
  });

  it('has every string in every language, and mirrors under lang="ar" dir="rtl"', async () => {
    await expectCompleteTranslation(translation);
    const rig = await liveRig();
    rig.room.locale = 'ar';
    rig.wrapper.setAttribute('dir', 'rtl');
    rig.player.locale = 'ar';
    await waitUntil(() => text(rig.player).includes('يبدأ قريبًا'), 'Arabic upcoming label');
    const base = shadow(rig.player).querySelector('[part=base]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(base.getAttribute('lang')).to.equal('ar');
    expectNoRawKeys(rig.player, translation);
    await expect(rig.player).to.be.accessible();
    await rig.close();
  });
});
