import { expect, waitUntil } from '@open-wc/testing';
import '../../src/elements/room/linger-room.js';
import { RoomSession } from '../../src/core/session.js';
import { createAgoraRtmTransport } from '../../src/transports/agora-rtm.js';
import { FakeAgoraCloud } from '../fakes/agora-rtm-fake.js';
import { published, sleep } from '../helpers/show.js';
import type { LingerErrorEvent } from '../../src/events/dom/linger-error.js';

const APP_ID = '0123456789abcdef0123456789abcdef';

describe('rooms over the Agora RTM adapter (SDK-boundary fake)', () => {
  let cloud: FakeAgoraCloud;
  const sessions: RoomSession[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => {
    unhandled.push(event.reason);
    event.preventDefault();
  };
  before(() => window.addEventListener('unhandledrejection', onUnhandled));
  after(() => window.removeEventListener('unhandledrejection', onUnhandled));
  beforeEach(() => (cloud = new FakeAgoraCloud()));
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await sleep(20);
    expect(unhandled.splice(0), 'no unhandled rejection').to.deep.equal([]);
  });

  const join = async (userId: string, channel = 'spring-sale') => {
    const transport = createAgoraRtmTransport({ appId: APP_ID, channel, userId, token: `token-${userId}`, loadSdk: async () => cloud.module });
    const session = new RoomSession({ transport, hosts: ['host-1'] });
    sessions.push(session);
    await session.connect();
    return session;
  };

  it('host and viewers share one show state; host-directed requests reach the host only', async () => {
    const host = await join('host-1');
    const viewers = [await join('viewer-a'), await join('viewer-b')];
    host.act('show', { phase: 'live', title: 'RTM show' });
    host.act('quiz.ask', { id: 'q1', question: 'Which silk?', options: ['Mulberry', 'Tussar'], closesAt: host.clock.now() + 60_000, answerHash: 'b'.repeat(64) });
    await waitUntil(() => viewers.every((viewer) => published(viewer) === published(host)), 'viewers converge over RTM');
    viewers[0]!.answer('q1', 1);
    await waitUntil(() => host.ledger.answers.get('q1')?.get('viewer-a') === 1, 'answer reached the host');
    const userChannel = cloud.clients.flatMap((client) => client.calls).filter((call) => call.method === 'publish' && JSON.stringify(call.args).includes('"USER"'));
    expect(userChannel.length, 'answers, hellos and pings travel on the user channel').to.be.greaterThan(0);
    await waitUntil(() => viewers.every((viewer) => viewer.clock.uncertainty < 1000), 'clock synced over RTM');
  });

  it('a viewer whose RTM link drops misses host messages, re-subscribes and re-syncs to the host state', async () => {
    const host = await join('host-1');
    const viewer = await join('viewer-a');
    host.act('show', { phase: 'live', title: 'Before the drop' });
    await waitUntil(() => published(viewer) === published(host), 'in step before the drop');
    const client = cloud.clientsOf('viewer-a')[0]!;
    client.dropLink();
    await waitUntil(() => viewer.$status.get() === 'reconnecting', 'viewer knows it is reconnecting');
    host.act('announce', { text: 'Missed while offline' });
    host.act('pin', { product: { id: 'p9', title: 'Kettle' }, remaining: 3 });
    await sleep(50);
    expect(viewer.state.announcement, 'the drop really lost the messages').to.equal(null);
    client.restoreLink({ isResumed: false, unrestoredChannels: ['spring-sale'] });
    await waitUntil(() => viewer.$status.get() === 'connected', 'connected again');
    await waitUntil(() => published(viewer) === published(host), 're-synced to the host state', { timeout: 5000 });
    expect(viewer.state.pinned?.product.title).to.equal('Kettle');
  });

  it('a late joiner restores the show from channel storage even when the host is away', async () => {
    const host = await join('host-1');
    host.act('show', { phase: 'live', title: 'Stored show' });
    host.act('pin', { product: { id: 'p1', title: 'Teapot' }, remaining: 7 });
    await waitUntil(() => cloud.metadataOf(APP_ID, 'spring-sale').size > 0, 'snapshot written to channel storage', { timeout: 3000 });
    const stored = [...cloud.metadataOf(APP_ID, 'spring-sale').values()][0]!;
    expect(stored.value.length, 'stored snapshot under 16 KB').to.be.below(16_384);
    await host.close();
    const late = await join('viewer-late');
    expect(late.state.pinned?.product.title, 'state from storage at connect').to.equal('Teapot');
    expect(late.state.show.title).to.equal('Stored show');
  });

  it('ignores a storage snapshot written by a viewer', async () => {
    const forger = await join('viewer-x');
    await forger.transport.storage!.write('linger-snapshot', JSON.stringify({ v: 1, type: 'snapshot', id: 'f', at: 1, seq: 0, ep: 'zzzz', body: { state: {} } }));
    const late = await join('viewer-late');
    expect(late.state.epoch, 'forged storage not applied').to.equal(null);
  });

  it('a login failure reaches the page as a linger-error event and a failed status, not an unhandled rejection', async () => {
    cloud.loginMode = -10005;
    const room = document.createElement('linger-room');
    room.hosts = 'host-1';
    room.customTransport = createAgoraRtmTransport({ appId: APP_ID, channel: 'spring-sale', userId: 'viewer-z', token: 'expired', loadSdk: async () => cloud.module });
    const errors: LingerErrorEvent[] = [];
    const statuses: string[] = [];
    document.addEventListener('linger-error', (event) => errors.push(event), { once: true });
    room.addEventListener('linger-status', (event) => statuses.push(event.detail.status));
    document.body.append(room);
    await waitUntil(() => errors.length === 1, 'linger-error fired');
    expect(errors[0]!.detail.code, 'stable code').to.equal('agora-credentials');
    expect(errors[0]!.detail.message, 'explains').to.contain('token');
    expect(room.session?.$status.get(), 'status failed').to.equal('failed');
    expect(statuses, 'status events').to.include('failed');
    room.remove();
  });
});
