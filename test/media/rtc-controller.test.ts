/**
 * `RtcController` (src/controllers/rtc-controller.ts) on a bare Lit host and a fake room handle,
 * through the RTC SDK-boundary fake: the retry policy of src/core/retry.ts, fresh tokens on every
 * attempt, `linger-error` with the cause, and leaving when live video is no longer wanted.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { atom } from 'nanostores';
import { RtcController, type RtcControllerOptions } from '../../src/controllers/rtc-controller.js';
import { retryDelay } from '../../src/core/retry.js';
import type { ConnectionState, RoomHandle, RoomMedia } from '../../src/core/registry.js';
import type { LingerErrorEvent } from '../../src/events/dom/linger-error.js';
import type { RtcSdk } from '../../src/media/agora-rtc.js';
import type { AgoraTokens } from '../../src/transports/agora-rtm-token.js';
import { transportError } from '../../src/transports/transport.js';
import { FakeRtcCloud } from '../fakes/agora-rtc-fake.js';

const APP_ID = 'b'.repeat(32);

class RtcHost extends LitElement {
  room: RoomHandle | null = null;
  live = true;
  loadSdk: (() => Promise<RtcSdk>) | undefined;
  rtc!: RtcController;
  /** Planned waits seen after each render (retryAt − now when it was set). */
  readonly planned: number[] = [];
  private lastRetryAt: number | null = null;

  configure(options: Partial<RtcControllerOptions> = {}): this {
    this.rtc = new RtcController(this, {
      room: () => this.room,
      wanted: () => this.live,
      container: () => this.renderRoot.querySelector<HTMLElement>('.rtc'),
      loadSdk: () => this.loadSdk,
      ...options,
    });
    return this;
  }

  protected override render() {
    return html`<div class="rtc"></div>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.rtc.stop(); // the player does this after its grace period
  }

  protected override updated(): void {
    const at = this.rtc.retryAt;
    if (at !== null && at !== this.lastRetryAt) this.planned.push(at - Date.now());
    this.lastRetryAt = at;
  }
}
customElements.define('test-rtc-host', RtcHost);

interface FakeRoom extends RoomHandle {
  connection: ReturnType<typeof atom<ConnectionState>>;
  media: RoomMedia | null;
}

function fakeRoom(media: RoomMedia | null): FakeRoom {
  const connection = atom<ConnectionState>({ status: 'connected', error: null, retryAt: null });
  return Object.assign(document.createElement('div'), {
    $session: atom(null),
    $connection: connection,
    connection,
    media,
    reconnect: () => undefined,
  }) as unknown as FakeRoom;
}

const tokensFor = (rtcToken: string, uid = 'v-1'): AgoraTokens => ({ uid, rtmToken: 'rtm', rtcToken, expiresAt: Date.now() / 1000 + 3600 });

async function mount(options: Partial<RtcControllerOptions>, setup: (host: RtcHost, cloud: FakeRtcCloud) => void) {
  const cloud = new FakeRtcCloud();
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const errors: LingerErrorEvent[] = [];
  wrapper.addEventListener('linger-error', (event) => errors.push(event));
  const host = (document.createElement('test-rtc-host') as RtcHost).configure(options);
  host.loadSdk = cloud.loader();
  setup(host, cloud);
  wrapper.append(host);
  return { host, cloud, errors, wrapper };
}

describe('RtcController', () => {
  it('retries at the delays of the one policy (exponential, capped), with fresh tokens each time, until it joins', async () => {
    const random = () => 1;
    let asked = 0;
    const media: RoomMedia = { appId: APP_ID, channel: 'show-1', tokens: async () => tokensFor(`007rtc-${++asked}`) };
    const { host, cloud, errors, wrapper } = await mount({ retry: { base: 100, ceiling: 250, random } }, (h, c) => {
      h.room = fakeRoom(media);
      for (let i = 0; i < 4; i++) c.joinFailures.push({ code: 'NETWORK_ERROR', message: 'join failed' });
    });
    await waitUntil(() => cloud.client?.isJoined, 'joined after four refusals', { timeout: 5000 });
    const expected = [1, 2, 3, 4].map((attempt) => retryDelay(attempt, random, 100, 250));
    expect(expected, 'the policy: 100, 200, then the ceiling').to.deep.equal([100, 200, 250, 250]);
    expect(host.planned.length, 'one planned wait per failure').to.equal(4);
    host.planned.forEach((wait, i) => expect(wait, `wait ${i + 1}`).to.be.within(expected[i]! - 15, expected[i]!));
    const gaps = cloud.joinTimes.slice(1).map((time, i) => time - cloud.joinTimes[i]!);
    gaps.forEach((gap, i) => expect(gap, `attempt ${i + 2} not before its wait`).to.be.at.least(expected[i]! - 2));
    const joins = cloud.client!.calls.filter((call) => call[0] === 'join');
    expect(joins.map((join) => join[3]), 'a fresh token for every attempt').to.deep.equal(['007rtc-1', '007rtc-2', '007rtc-3', '007rtc-4', '007rtc-5']);
    expect(errors.map((event) => event.detail.code), 'one linger-error for one cause').to.deep.equal(['agora-unreachable']);
    expect(host.rtc.error, 'cleared once joined').to.equal(null);
    expect(host.rtc.retryAt, 'nothing planned once joined').to.equal(null);
    wrapper.remove();
  });

  it('the `online` event retries at once instead of waiting out the backoff', async () => {
    const { host, cloud, wrapper } = await mount({ retry: { base: 60_000, random: () => 1 } }, (h, c) => {
      h.room = fakeRoom({ appId: APP_ID, channel: 'show-2', tokens: async () => null });
      c.online = false;
    });
    await waitUntil(() => host.rtc.state === 'retrying' && host.rtc.retryAt !== null, 'waiting for the next attempt', { timeout: 3000 });
    expect(host.rtc.retryAt! - Date.now(), 'the ceiling away (30 s)').to.be.greaterThan(20_000);
    cloud.online = true;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => cloud.client?.isJoined, 'joined at once', { timeout: 2000 });
    expect(cloud.joinTimes.length).to.equal(2);
    wrapper.remove();
  });

  it('the tab becoming visible retries at once too', async () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const { host, cloud, wrapper } = await mount({ retry: { base: 60_000, random: () => 1, events: { window: win, document: doc } } }, (h, c) => {
      h.room = fakeRoom({ appId: APP_ID, channel: 'show-3', tokens: async () => null });
      c.joinFailures.push({ code: 'NETWORK_ERROR', message: 'join failed' });
    });
    await waitUntil(() => host.rtc.retryAt !== null, 'waiting for the next attempt');
    doc.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => cloud.client?.isJoined, 'joined at once', { timeout: 2000 });
    wrapper.remove();
  });

  it('linger-error names the cause: credentials, duplicate uid, token endpoint, SDK blocked by CSP', async () => {
    const cases: Array<{ setup: (host: RtcHost, cloud: FakeRtcCloud) => void; code: string; mentions: RegExp }> = [
      {
        setup: (_h, c) => c.joinFailures.push({ code: 'CAN_NOT_GET_GATEWAY_SERVER', message: 'invalid token, authorized failed' }),
        code: 'agora-credentials',
        mentions: /refused the credentials/,
      },
      { setup: (_h, c) => c.joinFailures.push({ code: 'UID_CONFLICT', message: 'uid conflict' }), code: 'agora-duplicate-user', mentions: /same uid/ },
      {
        setup: (h) => {
          h.room!.media!.tokens = async () => {
            throw transportError('token-failed', 'The token URL /t answered HTTP 503 ("busy"); …');
          };
        },
        code: 'token-failed',
        mentions: /HTTP 503/,
      },
      {
        setup: (h) => {
          h.loadSdk = async () => {
            document.dispatchEvent(
              new SecurityPolicyViolationEvent('securitypolicyviolation', {
                blockedURI: 'https://cdn.example/chunks/agora-rtc-sdk-ng.js',
                effectiveDirective: 'script-src-elem',
                violatedDirective: 'script-src-elem',
                originalPolicy: "script-src 'self'",
                disposition: 'enforce',
                statusCode: 200,
              }),
            );
            throw new TypeError('Failed to fetch dynamically imported module');
          };
        },
        code: 'sdk-load-failed',
        mentions: /Content-Security-Policy blocked https:\/\/cdn\.example\/chunks\/agora-rtc-sdk-ng\.js \(script-src-elem\)/,
      },
      {
        setup: (h) => {
          h.loadSdk = async () => {
            throw new WebAssembly.CompileError("WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source");
          };
        },
        code: 'sdk-load-failed',
        mentions: /'wasm-unsafe-eval'/,
      },
    ];
    for (const { setup, code, mentions } of cases) {
      const { host, errors, wrapper } = await mount({ retry: { base: 60_000 } }, (h, c) => {
        h.room = fakeRoom({ appId: APP_ID, channel: 'show-4', tokens: async () => tokensFor('007rtc') });
        setup(h, c);
      });
      await waitUntil(() => errors.length > 0, `linger-error for ${code}`);
      expect(errors[0]!.detail.code).to.equal(code);
      expect(errors[0]!.detail.message).to.match(mentions);
      expect(errors[0]!.target, 'raised by the host element').to.equal(host);
      expect(host.rtc.state).to.equal('retrying');
      wrapper.remove();
    }
  });

  it('leaves when live video is no longer wanted, and joins the new channel when the room’s changes', async () => {
    const room = fakeRoom({ appId: APP_ID, channel: 'first', tokens: async () => null });
    const { host, cloud, wrapper } = await mount({}, (h) => (h.room = room));
    await waitUntil(() => cloud.client?.isJoined, 'joined');
    const first = cloud.client!;
    room.media = { appId: APP_ID, channel: 'second', tokens: async () => null };
    host.requestUpdate();
    await waitUntil(() => cloud.clients.length === 2 && cloud.client!.isJoined, 'joined the new channel');
    expect(first.isJoined, 'left the old one').to.equal(false);
    expect(cloud.client!.calls.find((call) => call[0] === 'join')![2]).to.equal('second');
    host.live = false;
    host.requestUpdate();
    await waitUntil(() => !cloud.client!.isJoined, 'left when not wanted');
    expect(host.rtc.state).to.equal('idle');
    wrapper.remove();
  });

  it('an attempt overtaken by stop() never joins', async () => {
    let release!: (tokens: AgoraTokens) => void;
    const { host, cloud, wrapper } = await mount({}, (h) => {
      h.room = fakeRoom({ appId: APP_ID, channel: 'slow', tokens: () => new Promise<AgoraTokens>((resolve) => (release = resolve)) });
    });
    await waitUntil(() => release !== undefined && cloud.loads > 0, 'asking for tokens');
    host.live = false;
    host.requestUpdate();
    await host.updateComplete;
    release(tokensFor('007rtc-late'));
    // Nothing more can happen after the tokens arrive: the next macrotask shows any join.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await host.updateComplete;
    expect(cloud.joinTimes, 'no join after stop()').to.deep.equal([]);
    expect(host.rtc.state).to.equal('idle');
    wrapper.remove();
  });
});
