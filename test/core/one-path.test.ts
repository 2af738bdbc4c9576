/**
 * Two bugs the old structure caused, each shown at the session boundary:
 * 1. A chat line the reducer drops must not notify (it used to: `recentIds` changed, so listeners
 *    heard a `chat` with no new line, and danmaku re-launched the previous one).
 * 2. A direct message names its room: Agora delivers a user's direct messages to every room of
 *    that user on the page, so room B must drop room A's direct snapshot.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { startShow, type Show } from '../helpers/show.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { RoomSession } from '../../src/core/session.js';
import { PROTOCOL_VERSION, encode, randomId, type Inbound } from '../../src/core/protocol.js';

let show: Show | undefined;
afterEach(async () => {
  await show?.close();
  show = undefined;
});

describe('one chat path', () => {
  it('a line the reducer drops notifies nobody; notifications match the lines in state', async () => {
    show = await startShow(2);
    const { host, viewers, network } = show;
    host.act('moderate', { blockWords: ['spam'] });
    await waitUntil(() => viewers.every((viewer) => viewer.state.moderation.blockWords.includes('spam')), 'block word everywhere');
    const heard: string[] = [];
    viewers[1]!.onMessage((message: Inbound) => message.type === 'chat' && heard.push((message.body as { text: string }).text));
    // A modified client skips its own block-word check: every screen's reducer still refuses the line.
    network.publishAs('viewer-0', encode({ v: PROTOCOL_VERSION, type: 'chat', id: randomId(), at: Date.now(), body: { text: 'buy spam here' } }));
    expect(viewers[0]!.chat('hello').ok, 'an honest line goes out').to.equal(true);
    await waitUntil(() => viewers[1]!.state.chat.length === 1, 'the honest line arrives');
    expect(viewers[1]!.state.chat.map((line) => line.text)).to.deep.equal(['hello']);
    expect(heard, 'one notification per line in state').to.deep.equal(['hello']);
    expect(viewers[1]!.state.chat[0]!.n, 'running number counts appended lines only').to.equal(1);
    expect(viewers[1]!.state.chatCount).to.equal(1);
  });

  it('the viewer’s own chat is tracked once it was sent, not when it was refused', async () => {
    show = await startShow(1);
    const viewer = show.viewers[0]!;
    const tracked: string[] = [];
    viewer.onTrack((type) => tracked.push(type));
    expect(viewer.chat('hi there').ok).to.equal(true);
    await waitUntil(() => tracked.includes('chat'), 'tracked after the publish resolved');
    show.network.peerById('viewer-0')!.setLink(false);
    await (viewer.transport as unknown as { close(): Promise<void> }).close();
    expect(viewer.chat('lost line').ok, 'offline lines are refused up front').to.equal(false);
    expect(tracked.filter((type) => type === 'chat').length, 'still one').to.equal(1);
  });
});

describe('direct messages name their room', () => {
  it('room B drops room A’s direct snapshot for the same user', async () => {
    const networkA = new MemoryNetwork({ channel: 'show-a' });
    const networkB = new MemoryNetwork({ channel: 'show-b' });
    networkA.recordWire = true;
    const sessions = [
      new RoomSession({ transport: networkA.connect('host-1'), hosts: ['host-1'] }),
      new RoomSession({ transport: networkB.connect('host-1'), hosts: ['host-1'] }),
    ];
    const [hostA, hostB] = sessions as [RoomSession, RoomSession];
    await hostA.connect();
    await hostB.connect();
    hostA.act('show', { phase: 'live', title: 'Show A' });
    hostB.act('show', { phase: 'live', title: 'Show B' });
    const viewerA = new RoomSession({ transport: networkA.connect('viewer-1'), hosts: ['host-1'] });
    const viewerB = new RoomSession({ transport: networkB.connect('viewer-1'), hosts: ['host-1'] });
    sessions.push(viewerA, viewerB);
    await viewerA.connect();
    await viewerB.connect();
    await waitUntil(() => viewerA.state.show.title === 'Show A' && viewerB.state.show.title === 'Show B', 'each room has its own show');
    // What Agora does: the user-channel message for viewer-1 reaches both of its rooms on the page.
    const direct = networkA.wire.find((entry) => entry.to === 'viewer-1' && JSON.parse(entry.data).type === 'snapshot');
    expect(direct, 'host A answered viewer-1 directly').to.not.equal(undefined);
    expect(JSON.parse(direct!.data).room, 'and named its room').to.equal('show-a');
    const dropped = viewerB.stats.dropped['other-room'];
    networkB.peerById('viewer-1')!.receive(direct!.data, 'host-1', true);
    expect(viewerB.state.show.title, 'room B keeps its own show').to.equal('Show B');
    expect(viewerB.stats.dropped['other-room'], 'counted as meant for another room').to.equal(dropped + 1);
    await Promise.all(sessions.map((session) => session.close()));
  });
});
