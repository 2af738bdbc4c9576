import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/connection-status/linger-connection-status.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerConnectionStatus } from '../../../src/elements/connection-status/connection-status.js';
import { connectionNotice } from '../../../src/elements/connection-status/connection-status.js';
import { MemoryNetwork, type MemoryTransport } from '../../../src/transports/memory.js';
import { fetchAgoraToken } from '../../../src/transports/agora-rtm-token.js';
import { transportError, type Transport, type TransportError } from '../../../src/transports/transport.js';
import type { AgoraRtmOptions } from '../../../src/transports/agora-rtm.js';
import { FakeAgoraCloud } from '../../fakes/agora-rtm-fake.js';

/**
 * A memory transport that first asks a token endpoint, as the Agora transport does: when the
 * endpoint fails, or `offline` is set, connect() rejects like a real first connection would.
 */
function gated(inner: MemoryTransport, gate: { tokenUrl?: string; offline?: boolean; fail?: TransportError }): Transport & { attempts: number } {
  const transport = Object.create(inner) as MemoryTransport & { attempts: number };
  transport.attempts = 0;
  transport.connect = async () => {
    transport.attempts++;
    if (gate.fail) throw gate.fail;
    if (gate.offline) throw transportError('agora-unreachable', 'No route to the network (test).');
    if (gate.tokenUrl) await fetchAgoraToken(gate.tokenUrl, { channel: 'c', role: 'viewer' });
    await inner.connect();
  };
  return transport;
}

/** The room's own Agora transport options, with the SDK (and the endpoint, if given) behind the test's fakes. */
function behindFakes(room: LingerRoom, overrides: Partial<AgoraRtmOptions>): void {
  type Built = { lazyAgoraTransport: (options: AgoraRtmOptions) => Transport };
  const seam = room as unknown as { createTransport(live: Built): Transport };
  const createTransport = seam.createTransport.bind(room);
  seam.createTransport = (live) =>
    createTransport({ ...live, lazyAgoraTransport: (options) => live.lazyAgoraTransport({ ...options, ...overrides }) });
}

const statusText = (element: LingerConnectionStatus) => element.shadowRoot?.querySelector('[part="base"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<linger-room> reconnects, always', () => {
  it('a token endpoint that answers 500 once: the viewer is connected soon after it recovers', async () => {
    const network = new MemoryNetwork();
    const key = Math.random().toString(36).slice(2);
    const tokenUrl = `/test-api/flaky-token?key=${key}&fail=1`;
    const host = document.createElement('linger-room');
    host.hosts = 'host-1';
    host.customTransport = network.connect('host-1');
    const viewer = document.createElement('linger-room');
    viewer.hosts = 'host-1';
    const transport = gated(network.connect('viewer-1'), { tokenUrl });
    viewer.customTransport = transport;
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(host, viewer);
    // The first attempt also loads the session code (a cold import under load can take seconds).
    await waitUntil(() => viewer.$connection.get().error?.code === 'token-failed', 'the 500 is reported', { timeout: 10_000 });
    expect(viewer.$connection.get().error!.message, 'names the status').to.match(/HTTP 500/);
    await waitUntil(() => viewer.session?.$status.get() === 'connected', 'connected after the endpoint recovered', { timeout: 10_000 });
    expect(transport.attempts, 'one failed attempt, one that worked').to.equal(2);
    expect(viewer.$connection.get(), 'connection state clears').to.deep.equal({ status: 'connected', error: null, retryAt: null });
    await waitUntil(() => host.session?.$status.get() === 'connected', 'host connected');
    host.session!.act('announce', { text: 'We are live' });
    await waitUntil(() => viewer.session?.state.announcement?.text === 'We are live', 'and it follows the show');
    wrapper.remove();
  });

  it('offline for a long while, then back online: rejoins at once on `online` and resyncs, no reload', async () => {
    const network = new MemoryNetwork();
    const gate = { offline: true };
    const host = document.createElement('linger-room');
    host.hosts = 'host-1';
    host.customTransport = network.connect('host-1');
    const viewer = document.createElement('linger-room');
    viewer.hosts = 'host-1';
    const transport = gated(network.connect('viewer-2'), gate);
    viewer.customTransport = transport;
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(host, viewer);
    await waitUntil(() => host.session?.$status.get() === 'connected', 'host connected');
    // Two failed attempts: the second wait is already ≥ 1 s, so nothing but `online` ends it soon.
    await waitUntil(() => transport.attempts >= 2 && viewer.$connection.get().retryAt !== null, 'retrying with backoff');
    expect(viewer.$connection.get().status, 'shown as reconnecting').to.equal('reconnecting');
    host.session!.act('announce', { text: 'Said while you were away' });
    gate.offline = false;
    const before = transport.attempts;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => viewer.session?.$status.get() === 'connected', 'online retries at once');
    expect(transport.attempts, 'exactly one more attempt').to.equal(before + 1);
    await waitUntil(() => viewer.session?.state.announcement?.text === 'Said while you were away', 'resynced from the host');
    wrapper.remove();
  });

  it('a channel set after the first render connects', async () => {
    const channel = `late-${Math.random().toString(36).slice(2)}`;
    const room = await fixture<LingerRoom>(html`<linger-room hosts="h"></linger-room>`);
    await waitUntil(() => room.$connection.get().error?.code === 'missing-channel', 'missing at first');
    room.channel = channel;
    await waitUntil(() => room.session?.$status.get() === 'connected', 'connects once the channel arrives');
    expect(room.hasAttribute('channel'), 'writes no attribute onto itself').to.equal(false);
    room.remove();
  });

  it('<linger-connection-status> says what is happening, and "Try now" retries at once', async () => {
    const network = new MemoryNetwork();
    const gate = { offline: true };
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    const transport = gated(network.connect('viewer-3'), gate);
    room.customTransport = transport;
    const status = document.createElement('linger-connection-status');
    room.append(status);
    wrapper.append(room);
    await waitUntil(() => /Trying again in \d+ s/.test(statusText(status)), 'a countdown to the next attempt');
    expect(statusText(status), 'and why').to.contain('Check your internet connection.');
    await expect(status).to.be.accessible();
    // Between attempts (not while one runs, which shows no button): then online, and the tap.
    const retryButton = () => status.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]');
    await waitUntil(retryButton, 'the "Try now" button, between attempts');
    gate.offline = false;
    const before = transport.attempts;
    retryButton()!.click();
    await waitUntil(() => room.session?.$status.get() === 'connected', 'connected');
    expect(transport.attempts, 'the button ran one attempt').to.equal(before + 1);
    await waitUntil(() => !status.shadowRoot?.querySelector('[part="base"]'), 'renders nothing once connected');
    wrapper.remove();
  });

  it('a permanent error (SDK blocked by CSP, no app id) is shown as "cannot reach the show" with its reason, not retried; Reconnect tries again', async () => {
    const cases: Array<[TransportError, RegExp]> = [
      [transportError('sdk-load-failed', "script-src needs 'wasm-unsafe-eval' (test)."), /set up/i],
      [transportError('invalid-app-id', 'App ID "" is not a valid Agora App ID (test).'), /set up/i],
    ];
    for (const [failure, reason] of cases) {
      const network = new MemoryNetwork();
      const gate: { fail?: TransportError } = { fail: failure };
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
      const room = document.createElement('linger-room');
      room.hosts = 'host-1';
      const transport = gated(network.connect(`viewer-${failure.code}`), gate);
      room.customTransport = transport;
      const errors: string[] = [];
      room.addEventListener('linger-error', (event) => errors.push((event as unknown as CustomEvent<{ code: string }>).detail.code));
      const status = document.createElement('linger-connection-status');
      room.append(status);
      wrapper.append(room);
      await waitUntil(() => room.$connection.get().status === 'failed' && room.$connection.get().error?.code === failure.code, `${failure.code}: failed`);
      // Let the scheduler see the rejection (a macrotask, not a wait for time).
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(room.$connection.get().retryAt, `${failure.code}: no retry planned`).to.equal(null);
      window.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(transport.attempts, `${failure.code}: not even on \`online\``).to.equal(1);
      expect(errors, `${failure.code}: the page is told`).to.include(failure.code);
      await waitUntil(() => statusText(status).includes('Can’t reach the show'), `${failure.code}: "cannot reach the show" on screen`);
      expect(statusText(status), `${failure.code}: with the reason`).to.match(reason);
      // The cause is fixed (a policy change, the app id set): Reconnect tries again and connects.
      delete gate.fail;
      room.reconnect();
      await waitUntil(() => room.session?.$status.get() === 'connected', `${failure.code}: Reconnect connects`);
      expect(transport.attempts, `${failure.code}: one more attempt`).to.equal(2);
      wrapper.remove();
    }
  });

  it('Agora (SDK fakes, loopback endpoint): a token endpoint that answers 500 once — connected within 10 s of its recovery', async () => {
    const cloud = new FakeAgoraCloud();
    const key = Math.random().toString(36).slice(2);
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.channel = `flaky-${key}`;
    room.appId = '0123456789abcdef0123456789ABCDEF';
    room.tokenUrl = `/test-api/flaky-token?key=${key}&fail=1`;
    behindFakes(room, { loadSdk: async () => cloud.module });
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(room);
    await waitUntil(() => room.$connection.get().error?.code === 'token-failed', 'the 500 is reported', { timeout: 10_000 });
    const recovered = performance.now(); // the endpoint answers from its second request on
    await waitUntil(() => room.session?.$status.get() === 'connected', 'connected after the endpoint recovered', { timeout: 10_000 });
    expect(performance.now() - recovered, 'within 10 s').to.be.below(10_000);
    expect(cloud.clientsOf('v-flaky'), 'logged in to Agora with the issued id').to.have.length(1);
    expect(room.$connection.get(), 'connection state clears').to.deep.equal({ status: 'connected', error: null, retryAt: null });
    wrapper.remove();
  });

  it('a retry asks the token endpoint for the uid it issued, not for another identity (Agora, through the SDK fakes)', async () => {
    const cloud = new FakeAgoraCloud();
    cloud.loginMode = 'hang'; // Agora unreachable on the first attempt: a transient failure
    const asked: Array<string | null> = [];
    const tokenFetch: typeof fetch = async (input) => {
      const wanted = new URL(String(input)).searchParams.get('uid');
      asked.push(wanted);
      // A cookie-bound endpoint: it issues an id once and honours it when asked again.
      const uid = wanted === 'v-issued-1' ? wanted : `v-issued-${asked.length}`;
      return new Response(JSON.stringify({ uid, rtmToken: `rtm-${asked.length}`, rtcToken: null, expiresAt: Math.floor(Date.now() / 1000) + 3600 }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.channel = `uid-${Math.random().toString(36).slice(2)}`;
    room.appId = '0123456789abcdef0123456789ABCDEF';
    room.tokenUrl = 'https://shop.example/apps/linger/token';
    behindFakes(room, { loadSdk: async () => cloud.module, fetch: tokenFetch, loginTimeoutMs: 300 });
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(room);
    await waitUntil(() => room.$connection.get().error?.code === 'agora-unreachable', 'the first attempt fails (transient)');
    expect(room.$connection.get().status, 'and is retried').to.not.equal('failed');
    cloud.loginMode = 'ok';
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => room.session?.$status.get() === 'connected', 'the retry connects', { timeout: 5000 });
    expect(asked, 'first no uid, then the issued one').to.deep.equal([null, 'v-issued-1']);
    expect(room.session!.userId, 'the same identity').to.equal('v-issued-1');
    wrapper.remove();
  });

  it('explains each state in words (pure view logic)', () => {
    const now = 1_000_000;
    expect(connectionNotice(null, now)).to.equal(null);
    expect(connectionNotice({ status: 'connected', error: null, retryAt: null }, now)).to.equal(null);
    expect(connectionNotice({ status: 'connecting', error: null, retryAt: null }, now)).to.deep.equal({ message: 'connecting' });
    expect(connectionNotice({ status: 'reconnecting', error: transportError('token-failed', 'HTTP 500'), retryAt: now + 4200 }, now)).to.deep.equal({
      message: 'retrying',
      seconds: 5,
      reason: 'reasonServer',
    });
    expect(connectionNotice({ status: 'failed', error: transportError('missing-channel', 'x'), retryAt: null }, now)).to.deep.equal({ message: 'unreachable', reason: 'reasonSetup' });
    // A refusal (401/403 from the token endpoint) is not "not answering".
    expect(connectionNotice({ status: 'reconnecting', error: transportError('token-forbidden', 'HTTP 403'), retryAt: now + 2000 }, now)).to.deep.equal({ message: 'retrying', seconds: 2, reason: 'reasonRefused' });
    expect(connectionNotice({ status: 'reconnecting', error: transportError('token-failed', 'x'), retryAt: now + 500 }, now, false)).to.deep.equal({ message: 'retrying', seconds: 1, reason: 'reasonNetwork' });
  });
});
