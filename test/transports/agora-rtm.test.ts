import { expect } from '@open-wc/testing';
import { fetchAgoraToken } from '../../src/transports/agora-rtm-token.js';
import { createAgoraRtmTransport, type AgoraRtmOptions } from '../../src/transports/agora-rtm.js';
import type { Transport, TransportError, TransportStatus } from '../../src/transports/transport.js';
import { FakeAgoraCloud, type FakeRtmClient } from '../fakes/agora-rtm-fake.js';

const APP_ID = '0123456789abcdef0123456789ABCDEF';
const TOKEN_URL = 'https://shop.example/apps/linger/agora-token';
const CHANNEL = 'show-1';

let cloud: FakeAgoraCloud;
let sdkLoads = 0;
const opened: Transport[] = [];
const unhandled: unknown[] = [];

function onUnhandled(event: PromiseRejectionEvent): void {
  unhandled.push(event.reason);
  event.preventDefault();
}

/** A transport on the fake cloud; closed after the test. */
function transport(options: Partial<AgoraRtmOptions> = {}): Transport {
  const created = createAgoraRtmTransport({
    appId: APP_ID,
    channel: CHANNEL,
    loadSdk: async () => {
      sdkLoads++;
      return cloud.module;
    },
    loginTimeoutMs: 1000,
    ...options,
  });
  opened.push(created);
  return created;
}

/** A stub of the merchant's token URL that records every request. */
function tokenServer(answer: (url: URL, index: number) => Response | Promise<Response>) {
  const requests: Array<{ url: URL; init: RequestInit | undefined }> = [];
  const fetchStub: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    requests.push({ url, init });
    return answer(url, requests.length);
  };
  return { fetch: fetchStub, requests };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Token answers for `uid` (the server's choice, whatever was asked), valid for `lifetime` seconds. */
function issueFor(uid: (url: URL) => string, lifetime = 3600) {
  return (url: URL, index: number) =>
    json({
      uid: uid(url),
      rtmToken: `rtm-${uid(url)}-${index}`,
      rtcToken: `rtc-${index}`,
      expiresAt: Date.now() / 1000 + lifetime,
    });
}

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    return error as TransportError;
  }
  throw new Error('expected the promise to reject');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function inbox(target: Transport): Array<{ data: string; sender: string; direct: boolean }> {
  const messages: Array<{ data: string; sender: string; direct: boolean }> = [];
  target.onMessage((data, sender, direct) => messages.push({ data, sender, direct }));
  return messages;
}

function statusLog(target: Transport): Array<{ status: TransportStatus; code: string | undefined }> {
  const log: Array<{ status: TransportStatus; code: string | undefined }> = [];
  target.onStatus((status, error) => log.push({ status, code: error?.code }));
  return log;
}

/** The single fake RTM client built for `userId`. */
function clientOf(userId: string): FakeRtmClient {
  const clients = cloud.clientsOf(userId);
  expect(clients, `exactly one RTM client for ${userId}`).to.have.length(1);
  return clients[0]!;
}

/** A raw SDK client (not our transport), as another app or a check on the wire. */
async function rawClient(
  userId: string,
  channel = CHANNEL,
): Promise<{
  client: FakeRtmClient;
  events: Array<{ publisher: string; customType: string; channelType: string; message: unknown }>;
}> {
  const client = new cloud.module.RTM(APP_ID, userId);
  const events: Array<{ publisher: string; customType: string; channelType: string; message: unknown }> = [];
  client.addEventListener('message', (event) =>
    events.push({
      publisher: event.publisher,
      customType: event.customType,
      channelType: event.channelType,
      message: event.message,
    }),
  );
  await client.login({ token: 'raw' });
  await client.subscribe(channel, { withMessage: true });
  return { client, events };
}

describe('agora-rtm transport', () => {
  before(() => window.addEventListener('unhandledrejection', onUnhandled));
  after(() => window.removeEventListener('unhandledrejection', onUnhandled));

  beforeEach(() => {
    cloud = new FakeAgoraCloud();
    sdkLoads = 0;
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((item) => item.close()));
    await sleep(20); // let any stray rejection surface
    const seen = unhandled.splice(0);
    expect(seen, 'no unhandled promise rejection during the test').to.deep.equal([]);
  });

  describe('messaging', () => {
    it('logs in with the token-url token, subscribes, and delivers with the authenticated sender id', async () => {
      const server = tokenServer(issueFor((url) => (url.searchParams.get('role') === 'host' ? 'host-1' : 'viewer-7')));
      const host = transport({ tokenUrl: TOKEN_URL, role: 'host', fetch: server.fetch });
      const viewer = transport({ tokenUrl: TOKEN_URL, userId: 'host-1', fetch: server.fetch });
      expect(sdkLoads, 'creating a transport loads nothing').to.equal(0);
      const hostInbox = inbox(host);
      const viewerInbox = inbox(viewer);

      await host.connect();
      await viewer.connect();

      expect(host.status, 'host status').to.equal('connected');
      expect(viewer.status, 'viewer status').to.equal('connected');
      expect(viewer.userId, 'the token server decides identity, not the requested uid').to.equal('viewer-7');

      const [hostRequest, viewerRequest] = server.requests;
      expect(hostRequest!.url.searchParams.get('channel'), 'token request names the channel').to.equal(CHANNEL);
      expect(hostRequest!.url.searchParams.get('role'), 'token request names the role').to.equal('host');
      expect(hostRequest!.url.searchParams.has('uid'), 'no uid asked for when none is set').to.equal(false);
      expect(hostRequest!.init?.credentials, 'token request sends cookies').to.equal('include');
      expect(viewerRequest!.url.searchParams.get('uid'), 'requested uid is sent').to.equal('host-1');
      expect(viewerRequest!.url.searchParams.get('role'), 'default role').to.equal('viewer');

      const hostClient = clientOf('host-1');
      expect(hostClient.loginTokens, 'login used the fetched RTM token').to.deep.equal(['rtm-host-1-1']);
      const subscribe = hostClient.calls.find((call) => call.method === 'subscribe');
      expect(subscribe?.args, 'subscribed with messages, presence and metadata').to.deep.equal([
        CHANNEL,
        { withMessage: true, withPresence: true, withMetadata: true },
      ]);

      // The payload claims to come from the host; only the transport's sender id counts.
      const forged = JSON.stringify({ type: 'announce', from: 'host-1' });
      await viewer.publish(forged);
      await waitFor(() => hostInbox.length === 1, 'the host to receive the viewer message');
      expect(hostInbox[0], 'sender is the authenticated publisher').to.deep.equal({
        data: forged,
        sender: 'viewer-7',
        direct: false,
      });
      const publish = clientOf('viewer-7').calls.find((call) => call.method === 'publish');
      expect(publish?.args, 'published on the message channel with our custom type').to.deep.equal([
        CHANNEL,
        forged,
        { channelType: 'MESSAGE', customType: 'linger' },
      ]);
      await sleep(20);
      expect(viewerInbox, 'the channel echo of our own message is dropped').to.deep.equal([]);
    });

    it('is seen on the wire by a plain SDK client with the publisher id and custom type', async () => {
      const host = transport({ userId: 'host', token: 'static' });
      await host.connect();
      const observer = await rawClient('observer');
      await host.publish('{"hello":1}');
      await waitFor(() => observer.events.length === 1, 'the observer to receive the message');
      expect(observer.events[0], 'wire event').to.deep.equal({
        publisher: 'host',
        customType: 'linger',
        channelType: 'MESSAGE',
        message: '{"hello":1}',
      });
    });

    it('sends host-directed messages on the user channel to that user only', async () => {
      const host = transport({ userId: 'host', token: 't' });
      const viewerA = transport({ userId: 'viewer-a', token: 't' });
      const viewerB = transport({ userId: 'viewer-b', token: 't' });
      await Promise.all([host.connect(), viewerA.connect(), viewerB.connect()]);
      const inboxA = inbox(viewerA);
      const inboxB = inbox(viewerB);

      await host.sendTo('viewer-a', 'for you');
      await waitFor(() => inboxA.length === 1, 'viewer-a to receive the direct message');
      expect(inboxA[0], 'direct message with the host as sender').to.deep.equal({
        data: 'for you',
        sender: 'host',
        direct: true,
      });
      const publish = clientOf('host').calls.find((call) => call.method === 'publish');
      expect(publish?.args[2], 'sent on the USER channel').to.deep.equal({ channelType: 'USER', customType: 'linger' });
      await sleep(20);
      expect(inboxB, 'another viewer gets nothing').to.deep.equal([]);

      const offline = await rejection(host.sendTo('nobody-here', 'x'));
      expect(offline.code, 'sending to an offline user').to.equal('recipient-offline');
      const invalid = await rejection(host.sendTo('bad.user', 'x'));
      expect(invalid.code, 'an invalid user id is refused before the SDK').to.equal('invalid-user-id');
    });

    it('ignores binary messages, foreign custom types and other channels, and accepts a missing custom type', async () => {
      const host = transport({ userId: 'host', token: 't' });
      await host.connect();
      const hostInbox = inbox(host);
      const { client: other } = await rawClient('other-app');
      await other.publish(CHANNEL, new Uint8Array([1, 2, 3]), { channelType: 'MESSAGE' });
      await other.publish(CHANNEL, 'theirs', { channelType: 'MESSAGE', customType: 'chat-widget' });
      await other.publish('show-2', 'elsewhere', { channelType: 'MESSAGE', customType: 'linger' });
      await other.publish(CHANNEL, 'plain');
      await waitFor(() => hostInbox.length > 0, 'the plain message');
      await sleep(20);
      expect(hostInbox, 'only the plain string on our channel arrives').to.deep.equal([
        { data: 'plain', sender: 'other-app', direct: false },
      ]);
    });
  });

  describe('presence', () => {
    it('seeds the count with whoNow and follows join, leave and interval events', async () => {
      const host = transport({ userId: 'host', token: 't' });
      const counts: number[] = [];
      host.onPresence((count) => counts.push(count));
      expect(host.presence, 'unknown before connecting').to.equal(null);
      await host.connect();
      expect(host.presence, 'alone in the channel').to.equal(1);
      expect(clientOf('host').count('presence.whoNow'), 'whoNow seeds the count').to.equal(1);

      const viewer = transport({ userId: 'viewer-1', token: 't' });
      await viewer.connect();
      expect(viewer.presence, 'the joiner counts both').to.equal(2);
      await waitFor(() => host.presence === 2, 'the host to see the join');

      const second = transport({ userId: 'viewer-2', token: 't' });
      await second.connect();
      await waitFor(() => host.presence === 3, 'the host to see a second join');

      await viewer.close();
      await waitFor(() => host.presence === 2, 'the host to see the leave');

      // Large channels switch to interval mode, which carries the total.
      const interval = {
        eventType: 'INTERVAL' as const,
        channelType: 'MESSAGE' as const,
        channelName: CHANNEL,
        publisher: '',
        stateChanged: {},
        snapshot: null,
        timestamp: Date.now(),
        interval: {
          join: { users: [], userCount: 0 },
          leave: { users: [], userCount: 0 },
          timeout: { users: [], userCount: 0 },
          userStateList: [],
          totalOccupancy: 1234,
        },
      };
      clientOf('host').emit('presence', interval);
      expect(host.presence, 'interval total').to.equal(1234);
      clientOf('host').emit('presence', {
        ...interval,
        channelName: 'another-show',
        interval: { ...interval.interval, totalOccupancy: 5 },
      });
      expect(host.presence, 'another channel does not count').to.equal(1234);
      expect(counts, 'onPresence saw every change once').to.deep.equal([1, 2, 3, 2, 1234]);
    });
  });

  describe('token renewal', () => {
    it('renews with a fresh token from token-url on tokenPrivilegeWillExpire', async () => {
      const server = tokenServer(issueFor(() => 'host'));
      const host = transport({ tokenUrl: TOKEN_URL, role: 'host', fetch: server.fetch });
      await host.connect();
      const client = clientOf('host');
      client.tokenWillExpire();
      await waitFor(() => client.renewedTokens.length === 1, 'renewToken to be called');
      expect(client.renewedTokens, 'renewToken got the newly fetched token').to.deep.equal(['rtm-host-2']);
      const renewal = server.requests[1]!.url;
      expect(
        [renewal.searchParams.get('channel'), renewal.searchParams.get('uid'), renewal.searchParams.get('role')],
        'renewal asks for the same channel, user and role',
      ).to.deep.equal([CHANNEL, 'host', 'host']);
      expect(host.status, 'still connected').to.equal('connected');
    });

    it('renews ahead of expiresAt on its own', async () => {
      // The first token lives one second; the timer fires at half its life.
      const server = tokenServer((_url, index) =>
        json({
          uid: 'host',
          rtmToken: `rtm-${index}`,
          rtcToken: null,
          expiresAt: Date.now() / 1000 + (index === 1 ? 1 : 3600),
        }),
      );
      const host = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch });
      await host.connect();
      const client = clientOf('host');
      await waitFor(() => client.renewedTokens.length === 1, 'the proactive renewal', 2500);
      expect(client.renewedTokens, 'renewed with the second token').to.deep.equal(['rtm-2']);
      await sleep(100);
      expect(server.requests, 'no further renewal for a long-lived token').to.have.length(2);
    });

    it('reports token-renew-failed without dropping the connection, then retries with backoff', async () => {
      const server = tokenServer((url, index) =>
        index === 2 ? json({ error: 'boom' }, 500) : issueFor(() => 'host')(url, index),
      );
      const host = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch, tokenRenewRetryMs: 50 });
      await host.connect();
      const log = statusLog(host);
      const client = clientOf('host');
      client.tokenWillExpire();
      await waitFor(() => log.length === 1, 'the renewal failure to be reported');
      expect(log[0], 'status stays connected, the error says why').to.deep.equal({
        status: 'connected',
        code: 'token-renew-failed',
      });
      await waitFor(() => client.renewedTokens.length === 1, 'the retry to succeed');
      expect(client.renewedTokens, 'the retry renewed with the third token').to.deep.equal(['rtm-host-3']);
      expect(host.status, 'still connected').to.equal('connected');
    });

    it('a renewal answered with another uid keeps the session and its identity, reports token-renew-failed naming both, and retries (docs/tokens.md § Renewal)', async () => {
      // The endpoint lost this browser's cookie after the login: it now issues a fresh id.
      const server = tokenServer((url, index) => issueFor(() => (index === 1 ? 'v-first' : `v-fresh-${index}`))(url, index));
      const viewer = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch, tokenRenewRetryMs: 50 });
      await viewer.connect();
      const errors: TransportError[] = [];
      viewer.onStatus((_, error) => error && errors.push(error));
      const client = clientOf('v-first');
      client.tokenWillExpire();
      await waitFor(() => server.requests.length >= 3, 'the renewal and one retry');
      expect(server.requests[1]!.url.searchParams.get('uid'), 'the renewal asks for the uid it holds').to.equal('v-first');
      expect(errors[0]?.code, 'code').to.equal('token-renew-failed');
      expect(errors[0]?.message, 'names both ids').to.contain('"v-fresh-2"').and.contain('"v-first"');
      expect(client.renewedTokens, 'no foreign token handed to the SDK').to.deep.equal([]);
      expect(viewer.userId, 'no identity switch mid-session').to.equal('v-first');
      expect(viewer.status, 'still connected').to.equal('connected');
    });

    it('explains that a static token cannot be renewed', async () => {
      const host = transport({ userId: 'host', token: 'static' });
      await host.connect();
      const errors: TransportError[] = [];
      host.onStatus((_, error) => error && errors.push(error));
      clientOf('host').tokenWillExpire();
      await waitFor(() => errors.length === 1, 'the warning');
      expect(errors[0]!.code, 'code').to.equal('token-renew-failed');
      expect(errors[0]!.message, 'the message points to token-url').to.contain('token-url');
    });
  });

  describe('SDK logging', () => {
    /** Everything printed through console while `run` runs. */
    async function printedDuring(run: () => Promise<void>): Promise<string> {
      const lines: string[] = [];
      const levels = ['log', 'info', 'warn', 'error', 'debug'] as const;
      const originals = levels.map((level) => console[level]);
      for (const level of levels) console[level] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
      try {
        await run();
      } finally {
        levels.forEach((level, index) => (console[level] = originals[index]!));
      }
      return lines.join('\n');
    }

    it('the check sees a token the SDK prints at a louder log level', async () => {
      const printed = await printedDuring(async () => {
        cloud.loginMode = -10005;
        const raw = new cloud.module.RTM(APP_ID, 'loud', { logLevel: 'error' });
        await raw.login({ token: '007SecretLoudTokenAAAAAAAAAAAAAAAA' }).catch(() => undefined);
      });
      expect(printed).to.contain('007SecretLoud');
    });

    it('builds its clients with logLevel none and no log upload: no token is printed at login or renewal', async () => {
      const tokens = ['007SecretLoginTokenAAAAAAAAAAAAAAAAAA', '007SecretGoodTokenBBBBBBBBBBBBBBBBBBB', '007SecretRenewTokenCCCCCCCCCCCCCCCCCC'];
      const server = tokenServer((_url, index) =>
        json({ uid: 'viewer-1', rtmToken: tokens[Math.min(index, 3) - 1], rtcToken: null, expiresAt: Date.now() / 1000 + 3600 }),
      );
      const reported: TransportError[] = [];
      const printed = await printedDuring(async () => {
        cloud.loginMode = -10005;
        const refused = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch });
        reported.push(await rejection(refused.connect()));
        cloud.loginMode = 'ok';
        const viewer = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch, tokenRenewRetryMs: 60_000 });
        viewer.onStatus((_, error) => error && reported.push(error));
        await viewer.connect();
        cloud.renewFailure = -10005;
        clientOf('viewer-1').tokenWillExpire();
        await waitFor(() => reported.some((error) => error.code === 'token-renew-failed'), 'the refused renewal to be reported');
      });
      expect(clientOf('viewer-1').config, 'the client config').to.include({ logLevel: 'none', logUpload: false });
      // The check can fail: with the old level ('warn') the refused login and renewal printed tokens.
      expect(reported.map((error) => error.code)).to.deep.equal(['agora-credentials', 'token-renew-failed']);
      expect(clientOf('viewer-1').count('renewToken'), 'the SDK was asked to renew').to.equal(1);
      for (const token of tokens) {
        const secret = token.slice(0, 12);
        expect(printed, `the console shows no part of ${secret}…`).to.not.contain(secret);
        for (const error of reported) expect(error.message, `${error.code} quotes no token`).to.not.contain(secret);
      }
    });
  });

  describe('link state', () => {
    it('goes reconnecting on a drop, re-subscribes an unrestored channel, then reports connected', async () => {
      const host = transport({ userId: 'host', token: 't' });
      const viewer = transport({ userId: 'viewer', token: 't' });
      await Promise.all([host.connect(), viewer.connect()]);
      const log = statusLog(viewer);
      const viewerClient = clientOf('viewer');
      const viewerInbox = inbox(viewer);

      viewerClient.dropLink();
      expect(viewer.status, 'status after the drop').to.equal('reconnecting');
      const whileDown = await rejection(viewer.publish('x'));
      expect(whileDown.code, 'publishing while reconnecting').to.equal('not-connected');

      viewerClient.restoreLink({ isResumed: false, unrestoredChannels: [CHANNEL] });
      expect(cloud.subscribersOf(APP_ID, CHANNEL), 'the service dropped the subscription').to.not.include('viewer');
      expect(viewer.status, 'not connected before the channel is back').to.equal('reconnecting');
      await waitFor(() => viewer.status === 'connected', 'connected again');
      expect(viewerClient.count('subscribe'), 're-subscribed once').to.equal(2);
      expect(cloud.subscribersOf(APP_ID, CHANNEL), 'subscribed again').to.include('viewer');
      expect(
        log.map((entry) => entry.status),
        'status sequence',
      ).to.deep.equal(['reconnecting', 'connected']);

      await host.publish('after');
      await waitFor(() => viewerInbox.length === 1, 'a message after the reconnect');
      expect(viewerInbox[0]!.sender, 'sender after reconnect').to.equal('host');
    });

    it('does not re-subscribe when the session resumed with the channel', async () => {
      const viewer = transport({ userId: 'viewer', token: 't' });
      await viewer.connect();
      const client = clientOf('viewer');
      client.dropLink();
      client.restoreLink({ isResumed: true });
      expect(viewer.status, 'connected at once').to.equal('connected');
      expect(client.count('subscribe'), 'no extra subscribe').to.equal(1);
    });

    it('fails with agora-link-failed and can connect again with the same client', async () => {
      const viewer = transport({ userId: 'viewer', token: 't' });
      await viewer.connect();
      const errors: TransportError[] = [];
      viewer.onStatus((_, error) => error && errors.push(error));
      const client = clientOf('viewer');
      client.failLink('SAME_UID_LOGIN');
      expect(viewer.status, 'status').to.equal('failed');
      expect(errors[0]?.code, 'code').to.equal('agora-link-failed');
      expect(errors[0]?.message, 'message explains the reason').to.contain('same user id logged in elsewhere');

      await viewer.connect();
      expect(viewer.status, 'connected again').to.equal('connected');
      expect(cloud.clients, 'no second RTM client (the SDK would throw −10027)').to.have.length(1);
      expect(client.count('login'), 'logged in again').to.equal(2);
      expect(cloud.subscribersOf(APP_ID, CHANNEL), 'subscribed again').to.include('viewer');
    });
  });

  describe('storage', () => {
    it('writes and reads channel metadata with the author id, and refuses values over 16 KB', async () => {
      const host = transport({ userId: 'host', token: 't' });
      const viewer = transport({ userId: 'viewer', token: 't' });
      await Promise.all([host.connect(), viewer.connect()]);
      expect(host.storage, 'the transport has storage').to.not.equal(undefined);

      expect(await viewer.storage!.read('snapshot'), 'nothing stored yet').to.equal(null);
      await host.storage!.write('snapshot', '{"v":1}');
      const write = clientOf('host').calls.find((call) => call.method === 'storage.setChannelMetadata');
      expect(write?.args, 'setChannelMetadata arguments').to.deep.equal([
        CHANNEL,
        'MESSAGE',
        [{ key: 'snapshot', value: '{"v":1}' }],
        { addTimeStamp: true, addUserId: true },
      ]);
      expect(await viewer.storage!.read('snapshot'), 'another peer reads it with the author').to.deep.equal({
        value: '{"v":1}',
        authorId: 'host',
      });

      const limit = 'x'.repeat(16_384);
      await host.storage!.write('snapshot', limit);
      expect((await viewer.storage!.read('snapshot'))?.value.length, 'exactly 16,384 bytes is accepted').to.equal(
        16_384,
      );

      const writesBefore = clientOf('host').count('storage.setChannelMetadata');
      const tooLarge = await rejection(host.storage!.write('snapshot', 'x'.repeat(16_385)));
      expect(tooLarge.code, 'one byte over').to.equal('storage-too-large');
      expect(tooLarge.message, 'message names the limit').to.contain('16384');
      const multiByte = await rejection(host.storage!.write('snapshot', 'é'.repeat(8_193)));
      expect(multiByte.code, '8,193 × "é" is 16,386 UTF-8 bytes').to.equal('storage-too-large');
      expect(
        clientOf('host').count('storage.setChannelMetadata'),
        'the SDK was not called for oversized values',
      ).to.equal(writesBefore);

      const badKey = await rejection(host.storage!.write('_private', 'x'));
      expect(badKey.code, 'keys follow Agora rules').to.equal('invalid-storage-key');
    });
  });

  describe('shared client', () => {
    it('shares one RTM client per app and user, and logs out only after the last transport closes', async () => {
      const first = transport({ userId: 'host', token: 't', channel: 'show-1' });
      const second = transport({ userId: 'host', token: 't', channel: 'show-2' });
      await Promise.all([first.connect(), second.connect()]);
      expect(cloud.clients, 'one RTM constructor call').to.have.length(1);
      const client = clientOf('host');
      expect(client.count('login'), 'one login').to.equal(1);
      expect([...client.subscriptions.keys()].sort(), 'each transport subscribed its channel').to.deep.equal([
        'show-1',
        'show-2',
      ]);

      // A direct message reaches the client: both rooms get it.
      const firstInbox = inbox(first);
      const secondInbox = inbox(second);
      const viewer = transport({ userId: 'viewer', token: 't' });
      await viewer.connect();
      await viewer.sendTo('host', 'direct');
      await waitFor(() => firstInbox.length === 1 && secondInbox.length === 1, 'both rooms to get the direct message');

      await first.close();
      expect(client.count('logout'), 'no logout while another transport uses the client').to.equal(0);
      expect([...client.subscriptions.keys()], 'only the closed channel was left').to.deep.equal(['show-2']);
      const observer = await rawClient('observer', 'show-2');
      await second.publish('still here');
      await waitFor(() => observer.events.length === 1, 'the remaining transport to keep working');

      await second.close();
      expect(client.count('logout'), 'logout after the last one').to.equal(1);

      const third = transport({ userId: 'host', token: 't' });
      await third.connect();
      expect(
        cloud.clients.filter((item) => item.userId === 'host'),
        'the client is reused, not rebuilt',
      ).to.have.length(1);
      expect(client.count('login'), 'logged in again').to.equal(2);
    });

    it('subscribes a channel once when two transports of one user use it', async () => {
      const first = transport({ userId: 'host', token: 't' });
      const second = transport({ userId: 'host', token: 't' });
      await Promise.all([first.connect(), second.connect()]);
      const client = clientOf('host');
      expect(client.count('subscribe'), 'one subscribe').to.equal(1);
      await first.close();
      expect(client.count('unsubscribe'), 'the channel stays while the other uses it').to.equal(0);
      expect(second.status, 'the other stays connected').to.equal('connected');
    });
  });

  describe('validation', () => {
    const badChannels: Array<[string, string]> = [
      ['a.b', 'contains "."'],
      ['_x', 'starts with "_"'],
      ['x'.repeat(65), '65 characters'],
      ['', 'is empty'],
      ['show/1', 'contains "/"'],
    ];
    for (const [channel, why] of badChannels) {
      it(`rejects channel ${JSON.stringify(channel.length > 10 ? `${channel.slice(0, 6)}…` : channel)} before loading the SDK`, async () => {
        const room = transport({ channel, userId: 'host', token: 't' });
        const error = await rejection(room.connect());
        expect(error.code, 'code').to.equal('invalid-channel');
        expect(error.message, 'message names the value').to.contain(`"${channel}"`);
        expect(error.message, 'message says what is wrong').to.contain(why);
        expect(error.message, 'message states the rule').to.contain('1–64 characters');
        expect(room.status, 'status').to.equal('failed');
        expect(sdkLoads, 'the SDK was not loaded').to.equal(0);
      });
    }

    it('accepts a 64-character channel name with Agora punctuation', async () => {
      const name = `${'a'.repeat(50)} !#$%&()+,-:;<`;
      expect(name.length, 'fixture length').to.equal(64);
      const room = transport({ channel: name, userId: 'host', token: 't' });
      await room.connect();
      expect(room.status, 'status').to.equal('connected');
    });

    it('rejects a bad App ID and a bad user id before loading the SDK', async () => {
      const badApp = transport({ appId: 'not-an-app-id', userId: 'host', token: 't' });
      const appError = await rejection(badApp.connect());
      expect(appError.code, 'app id code').to.equal('invalid-app-id');
      expect(appError.message, 'app id message').to.contain('"not-an-app-id"').and.contain('32 letters and digits');

      const badUser = transport({ userId: 'jane.doe', token: 't' });
      const userError = await rejection(badUser.connect());
      expect(userError.code, 'user id code').to.equal('invalid-user-id');
      expect(userError.message, 'user id message').to.contain('"jane.doe"').and.contain('contains "."');
      expect(sdkLoads, 'the SDK was not loaded').to.equal(0);
    });
  });

  describe('failures', () => {
    it('gives up on a login that never answers (offline) with agora-unreachable and cancels it', async () => {
      cloud.loginMode = 'hang';
      const viewer = transport({ userId: 'viewer', token: 't', loginTimeoutMs: 200 });
      const log = statusLog(viewer);
      const start = performance.now();
      const error = await rejection(viewer.connect());
      const elapsed = performance.now() - start;
      expect(error.code, 'code').to.equal('agora-unreachable');
      expect(error.message, 'message says how long it waited').to.contain('0.2 s');
      expect(error.message, 'message points to connect-src')
        .to.contain('*.agora.io and *.sd-rtn.com')
        .and.contain('connect-src');
      expect(elapsed, 'waited for the timeout').to.be.within(190, 1500);
      expect(viewer.status, 'status').to.equal('failed');
      expect(log.at(-1), 'the failure was reported').to.deep.equal({ status: 'failed', code: 'agora-unreachable' });
      const client = clientOf('viewer');
      expect(client.count('logout'), 'logout cancelled the pending login').to.equal(1);
      await sleep(50);
      expect(unhandled, 'the cancelled login rejection was handled').to.deep.equal([]);

      // The network comes back: connecting again works on the same client.
      cloud.loginMode = 'ok';
      await viewer.connect();
      expect(viewer.status, 'connected on retry').to.equal('connected');
      expect(cloud.clients, 'same client').to.have.length(1);
    });

    it('one deadline for token request and login: a slow token answer plus an offline login fail within ~the timeout, not the sum', async () => {
      cloud.loginMode = 'hang';
      // The token answer uses 1.5 s of the 2 s budget; the login then gets what is left (≥ ¼ of it).
      const server = tokenServer(async (url, index) => {
        await sleep(1500);
        return issueFor(() => 'slow-viewer')(url, index);
      });
      const viewer = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch, loginTimeoutMs: 2000 });
      const start = performance.now();
      const error = await rejection(viewer.connect());
      const elapsed = performance.now() - start;
      expect(error.code, 'code').to.equal('agora-unreachable');
      expect(clientOf('slow-viewer').count('login'), 'the login was tried').to.equal(1);
      // Back to back it was 1.5 s + 2 s = 3.5 s; one deadline ends near 2 s.
      expect(elapsed, 'one deadline, not two timeouts in a row').to.be.within(1900, 3000);
      expect(clientOf('slow-viewer').count('logout'), 'the hanging login was cancelled').to.equal(1);
    });

    it('maps an invalid token (−10005) and an App ID mismatch (−10016) to agora-credentials', async () => {
      cloud.loginMode = -10005;
      const first = transport({ userId: 'viewer', token: 'expired' });
      const invalid = await rejection(first.connect());
      expect(invalid.code, '−10005 code').to.equal('agora-credentials');
      expect(invalid.message, '−10005 message').to.contain('token').and.contain('-10005');
      expect(first.status, 'status').to.equal('failed');

      cloud.loginMode = -10016;
      const second = transport({ userId: 'viewer-2', token: 'other-project' });
      const mismatch = await rejection(second.connect());
      expect(mismatch.code, '−10016 code').to.equal('agora-credentials');
      expect(mismatch.message, '−10016 message').to.contain('App ID');
    });

    it('reports token-failed for a 500, a non-JSON body, a wrong shape or an unreachable token URL', async () => {
      const cases: Array<[string, typeof fetch, string]> = [
        [
          'HTTP 500',
          tokenServer(() => new Response('oops', { status: 500, statusText: 'Internal Server Error' })).fetch,
          'HTTP 500',
        ],
        [
          'HTTP 503 with a reason',
          tokenServer(() => json({ error: 'Set AGORA_APP_ID <b>now</b>' }, 503)).fetch,
          'HTTP 503 ("Set AGORA_APP_ID <b>now</b>")',
        ],
        [
          'not JSON',
          tokenServer(() => new Response('<html>login</html>', { status: 200 })).fetch,
          'did not answer JSON',
        ],
        ['no rtmToken', tokenServer(() => json({ uid: 'v', rtcToken: null, expiresAt: 2e9 })).fetch, '"rtmToken"'],
        [
          'expiresAt in ms',
          tokenServer(() => json({ uid: 'v', rtmToken: 'r', rtcToken: null, expiresAt: Date.now() + 3.6e6 })).fetch,
          'milliseconds',
        ],
        ['network', async () => Promise.reject(new TypeError('Failed to fetch')), 'Cannot reach the token URL'],
      ];
      for (const [label, fetchStub, expected] of cases) {
        const room = transport({ tokenUrl: TOKEN_URL, fetch: fetchStub });
        const error = await rejection(room.connect());
        expect(error.code, `${label}: code`).to.equal('token-failed');
        expect(error.message, `${label}: message`).to.contain(expected);
        expect(room.status, `${label}: status`).to.equal('failed');
      }
      expect(sdkLoads, 'no SDK without a token').to.equal(0);
    });

    it('a 401/403 from the token URL is token-forbidden, naming the refusal and the server’s reason', async () => {
      for (const [status, role] of [[403, 'host'], [401, 'viewer']] as const) {
        const server = tokenServer(() => json({ error: 'wrong host key' }, status));
        const room = transport({ tokenUrl: TOKEN_URL, fetch: server.fetch, userId: 'host-1', role });
        const error = await rejection(room.connect());
        expect(error.code, `${status}: code`).to.equal('token-forbidden');
        expect(error.message, `${status}: message`).to.contain(`refused this ${role}`).and.contain(`HTTP ${status}`).and.contain('wrong host key');
        if (role === 'host') expect(error.message, 'host: names the likely cause').to.contain('wrong host key, or a staff session');
        expect(room.status, `${status}: status`).to.equal('failed');
      }
      expect(sdkLoads, 'no SDK for a refused browser').to.equal(0);
    });

    it('refuses a token answer for another App ID or with an invalid uid', async () => {
      const otherApp = transport({
        tokenUrl: TOKEN_URL,
        fetch: tokenServer(() =>
          json({ uid: 'v', rtmToken: 'r', rtcToken: null, expiresAt: 2e9, appId: 'f'.repeat(32) }),
        ).fetch,
      });
      const mismatch = await rejection(otherApp.connect());
      expect(mismatch.code, 'app id mismatch').to.equal('agora-credentials');
      const badUid = transport({
        tokenUrl: TOKEN_URL,
        fetch: tokenServer(() => json({ uid: 'user@shop.example', rtmToken: 'r', rtcToken: null, expiresAt: 2e9 }))
          .fetch,
      });
      const invalid = await rejection(badUid.connect());
      expect(invalid.code, 'uid with a "."').to.equal('invalid-user-id');
      expect(invalid.message, 'names the source').to.contain('token URL returned uid "user@shop.example"');
    });

    it('rejects payloads over 32,768 UTF-8 bytes before the SDK', async () => {
      const host = transport({ userId: 'host', token: 't' });
      const viewer = transport({ userId: 'viewer', token: 't' });
      await Promise.all([host.connect(), viewer.connect()]);
      expect(host.maxPayloadBytes, 'advertised limit').to.equal(32_768);
      await host.publish('x'.repeat(32_768));
      const client = clientOf('host');
      const published = client.count('publish');

      const ascii = await rejection(host.publish('x'.repeat(32_769)));
      expect(ascii.code, 'one byte over').to.equal('payload-too-large');
      expect(ascii.message, 'message gives size and limit').to.contain('32769').and.contain('32768');
      const cjk = await rejection(host.publish('中'.repeat(10_923)));
      expect(cjk.code, '10,923 × "中" is 32,769 bytes').to.equal('payload-too-large');
      const direct = await rejection(host.sendTo('viewer', 'x'.repeat(40_000)));
      expect(direct.code, 'direct messages too').to.equal('payload-too-large');
      expect(client.count('publish'), 'the SDK was not called').to.equal(published);
    });

    it('rejects publishing before connect and after close with not-connected', async () => {
      const host = transport({ userId: 'host', token: 't' });
      const before = await rejection(host.publish('x'));
      expect(before.code, 'before connect').to.equal('not-connected');
      await host.connect();
      await host.close();
      const afterClose = await rejection(host.publish('x'));
      expect(afterClose.code, 'after close').to.equal('not-connected');
    });
  });

  describe('close', () => {
    it('is idempotent, reports closed once and clears listeners', async () => {
      const host = transport({ userId: 'host', token: 't' });
      await host.connect();
      const log = statusLog(host);
      await Promise.all([host.close(), host.close()]);
      await host.close();
      expect(log, 'closed reported once').to.deep.equal([{ status: 'closed', code: undefined }]);
      expect(host.status, 'status').to.equal('closed');
      expect(clientOf('host').count('logout'), 'one logout').to.equal(1);
      const reconnect = await rejection(host.connect());
      expect(reconnect.code, 'a closed transport does not connect again').to.equal('closed');
    });

    it('cancels a login in flight when closed during connect', async () => {
      cloud.loginMode = 'hang';
      const viewer = transport({ userId: 'viewer', token: 't', loginTimeoutMs: 5000 });
      const connecting = rejection(viewer.connect());
      await waitFor(() => cloud.clients.length === 1 && clientOf('viewer').count('login') === 1, 'login to start');
      await viewer.close();
      const error = await connecting;
      expect(error.code, 'connect rejects as closed').to.equal('closed');
      expect(clientOf('viewer').count('logout'), 'the pending login was cancelled').to.equal(1);
      expect(viewer.status, 'status').to.equal('closed');
    });
  });
});

describe('fetchAgoraToken', () => {
  it('resolves a relative token-url against the page and returns the validated answer', async () => {
    const server = tokenServer(() =>
      json({ uid: 'u1', rtmToken: 'rtm', rtcToken: 'rtc', expiresAt: 2e9, appId: APP_ID }),
    );
    const tokens = await fetchAgoraToken(
      '/agora-token?shop=1',
      { channel: 'a b', uid: 'wish', role: 'host' },
      server.fetch,
    );
    expect(tokens, 'answer').to.deep.equal({
      uid: 'u1',
      rtmToken: 'rtm',
      rtcToken: 'rtc',
      expiresAt: 2e9,
      appId: APP_ID,
    });
    const { url, init } = server.requests[0]!;
    expect(url.origin, 'same origin as the page').to.equal(location.origin);
    expect(Object.fromEntries(url.searchParams), 'query keeps existing parameters').to.deep.equal({
      shop: '1',
      channel: 'a b',
      uid: 'wish',
      role: 'host',
    });
    expect([init?.method, init?.credentials], 'GET with credentials').to.deep.equal(['GET', 'include']);
  });

  it('refuses non-http URLs', async () => {
    const error = await rejection(fetchAgoraToken('javascript:alert(1)', { channel: 'c', role: 'viewer' }));
    expect(error.code, 'code').to.equal('token-failed');
    expect(error.message, 'message').to.contain('http(s)');
  });

  it('gives up on a token URL that does not answer', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const error = await rejection(fetchAgoraToken(TOKEN_URL, { channel: 'c', role: 'viewer' }, hanging, 100));
    expect(error.code, 'code').to.equal('token-failed');
    expect(error.message, 'message').to.contain('did not answer within 0.1 s');
  });
});
