/**
 * Spoofing and abuse (issue 8): a viewer that forges host messages, replays old ones, floods chat,
 * sends 1,000 likes a second or hammers the host with requests changes nothing beyond an honest
 * viewer's allowance on other screens. Receivers run on a hand-driven clock so allowances are exact.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { PROTOCOL_VERSION, encode, randomId, type MessageType } from '../../src/core/protocol.js';
import { RECEIVE_ALLOWANCES, SenderLimits } from '../../src/core/sender-limits.js';
import { published, sleep, startShow, type Show } from '../helpers/show.js';

let now = 1_000_000;
const clock = () => now;
let show: Show | undefined;

afterEach(async () => {
  await show?.close();
  show = undefined;
});

/** Publishes a raw envelope as `sender`, bypassing every client-side budget. */
function publishAs(sender: string, type: MessageType, body: unknown, extra: Record<string, unknown> = {}): void {
  show!.network.publishAs(sender, encode({ v: PROTOCOL_VERSION, type, id: randomId(), at: now, body, ...extra } as never));
}

/** Sends a raw envelope straight to one peer as `sender` (host-directed requests). */
function sendDirect(sender: string, to: string, type: MessageType, body: unknown): void {
  show!.network.peerById(to)!.receive(encode({ v: PROTOCOL_VERSION, type, id: randomId(), at: now, room: show!.network.channel, body } as never), sender, true);
}

async function liveShow(viewers = 2): Promise<Show> {
  show = await startShow(viewers, {}, { localNow: clock, snapshotEveryMs: 600_000, clockSyncEveryMs: 600_000 });
  show.host.act('show', { phase: 'live', title: 'Spring sale' });
  await waitUntil(() => show!.viewers.every((viewer) => viewer.state.show.phase === 'live'), 'viewers see the live show');
  return show;
}

describe('abuse: forged, replayed and flooding senders', () => {
  it('a viewer forging host-only messages changes no other screen, with or without a stolen seq/epoch', async () => {
    const { host, viewers, network } = await liveShow();
    const before = viewers.map(published);
    const epoch = host.state.epoch;
    const forged: Array<[MessageType, unknown]> = [
      ['show', { phase: 'ended', title: 'Hacked' }],
      ['announce', { text: 'Free iPhones: click evil.example' }],
      ['moderate', { mute: ['host-1'], slowMode: 999 }],
      ['lottery.open', { id: 'fake', mode: 'tap', prize: 'Nothing', winners: 1, closesAt: now + 60_000, commitment: 'a'.repeat(64) }],
    ];
    for (const [type, body] of forged) {
      publishAs('viewer-0', type, body);
      publishAs('viewer-0', type, body, { seq: host.state.hostSeq + 1, ep: epoch });
    }
    // A forged snapshot claiming to be a newer host epoch.
    publishAs('viewer-0', 'snapshot', { ...JSON.parse(before[1]!), title: 'Hacked' }, { ep: 'zzzzzzzzzzzz' });
    await sleep(30);
    expect(viewers.map(published), 'no screen changed').to.deep.equal(before);
    expect(viewers[1]!.stats.dropped.unauthorized, 'every forgery counted').to.be.at.least(forged.length * 2);
    expect(network.size).to.equal(3);
  });

  it('replayed host messages (old seq, old epoch, re-published by a viewer) are ignored', async () => {
    const { host, viewers, network } = await liveShow();
    network.recordWire = true;
    host.act('announce', { text: 'First' });
    host.act('announce', { text: 'Second' });
    await waitUntil(() => viewers.every((viewer) => viewer.state.announcement?.text === 'Second'), 'both announcements arrive');
    const first = network.wire.find((entry) => entry.from === 'host-1' && entry.data.includes('"First"'))!;
    const before = viewers.map(published);
    const duplicatesBefore = viewers[1]!.stats.duplicates;
    // The network (or an attacker holding the host's connection) delivers the old message again.
    viewers[1]!.receive(first.data, 'host-1', false);
    // A viewer re-publishes the host's old message under its own id.
    network.publishAs('viewer-0', first.data);
    await sleep(30);
    expect(viewers.map(published), 'state stays at "Second"').to.deep.equal(before);
    expect(viewers[1]!.stats.duplicates, 'the old seq is a duplicate').to.equal(duplicatesBefore + 1);
    expect(viewers[1]!.stats.dropped.unauthorized, 'the re-publish is refused').to.be.at.least(1);
  });

  it('a chat flood from one sender shows only its allowance on other screens; honest viewers still get through', async () => {
    const { viewers } = await liveShow();
    const { burst } = RECEIVE_ALLOWANCES.chat;
    for (let i = 0; i < 500; i++) publishAs('spammer', 'chat', { text: `spam ${i}` });
    viewers[0]!.chat('an honest question');
    await waitUntil(() => viewers[1]!.state.chat.some((line) => line.text === 'an honest question'), 'the honest line arrives');
    const spam = () => viewers[1]!.state.chat.filter((line) => line.from === 'spammer').length;
    expect(spam(), 'the burst allowance only').to.equal(burst);
    expect(viewers[1]!.stats.dropped['rate-limited']).to.equal(500 - burst);
    // Ten seconds later the spammer has earned ten more lines, not 500.
    now += 10_000;
    for (let i = 0; i < 500; i++) publishAs('spammer', 'chat', { text: `more spam ${i}` });
    await sleep(30);
    expect(spam(), 'ten seconds earn ten lines').to.equal(burst + 3);
  });

  it('slow mode stretches the allowance on receipt too', async () => {
    const { host, viewers } = await liveShow();
    host.act('moderate', { slowMode: 30 });
    await waitUntil(() => viewers.every((viewer) => viewer.state.moderation.slowMode === 30), 'slow mode arrives');
    for (let i = 0; i < 5; i++) publishAs('eager', 'chat', { text: `hi ${i}` });
    now += 10_000;
    for (let i = 0; i < 5; i++) publishAs('eager', 'chat', { text: `again ${i}` });
    await sleep(30);
    expect(viewers[0]!.state.chat.filter((line) => line.from === 'eager').length, 'burst only: 10 s earn nothing at 30 s slow mode').to.equal(RECEIVE_ALLOWANCES.chat.burst);
  });

  it('1,000 likes a second from one script count as an honest fast tapper on every screen', async () => {
    const { viewers, host } = await liveShow();
    const { burst, perSecond } = RECEIVE_ALLOWANCES.likes;
    for (let second = 0; second < 5; second++) {
      for (let i = 0; i < 10; i++) publishAs('liker', 'likes', { n: 100 });
      now += 1000;
    }
    await sleep(30);
    const allowance = burst + 4 * perSecond;
    for (const session of [host, ...viewers]) expect(session.state.likes, 'clipped to the allowance').to.equal(allowance);
    // An honest viewer's taps still count in full.
    for (let i = 0; i < 30; i++) viewers[0]!.like();
    await waitUntil(() => viewers[1]!.state.likes === allowance + 30, 'honest likes arrive');
  });

  it('a request flood to the host earns no more receipts than the request allowance', async () => {
    const { host, network } = await liveShow(1);
    network.recordWire = true;
    await host.openLottery({ id: 'l1', mode: 'tap', prize: 'Tote', winners: 1, seconds: 60 });
    for (let i = 0; i < 200; i++) sendDirect('pest', 'host-1', 'enter', { lottery: 'l1' });
    await sleep(30);
    const receipts = network.wire.filter((entry) => entry.from === 'host-1' && entry.to === 'pest');
    expect(receipts.length, 'one receipt per allowed request').to.equal(RECEIVE_ALLOWANCES.request.burst);
    expect(host.ledger.entrantCount('l1'), 'still one entry').to.equal(1);
    expect(host.stats.dropped['rate-limited']).to.equal(200 - RECEIVE_ALLOWANCES.request.burst);
  });
});

describe('SenderLimits', () => {
  it('refills over time up to the burst, grants partial likes, and forgets the least recently heard sender first', () => {
    const limits = new SenderLimits(2);
    expect(limits.take('likes', 'a', 1000, 0), 'burst').to.equal(600);
    expect(limits.take('likes', 'a', 1000, 500), 'half a second earns 10').to.equal(10);
    expect(limits.take('likes', 'a', 5, 60_000), 'asks for less than it has').to.equal(5);
    expect(limits.take('chat', 'b', 1, 0)).to.equal(1);
    expect(limits.size, 'bounded').to.equal(2);
    expect(limits.take('chat', 'b', 0.5, 0), 'fractions round down').to.equal(0);
  });
});
