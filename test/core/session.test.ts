import { expect, waitUntil } from '@open-wc/testing';
import { startShow, published, sleep, HEX64, type Show } from '../helpers/show.js';
import { secondsLeft } from '../../src/core/clock.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol.js';

describe('session: rooms converge over memory', () => {
  let show: Show | undefined;
  afterEach(async () => {
    await show?.close();
    show = undefined;
  });

  it('four viewers reach the host state under 20% loss, duplication and reordering', async function () {
    this.timeout(20_000);
    show = await startShow(
      4,
      { seed: 7, latency: 2, jitter: 8, loss: 0.2, duplicate: 0.2, reorder: 0.3, reorderWindow: 40 },
      { snapshotEveryMs: 400, helloEveryMs: 100 },
    );
    const { host, viewers, network } = show;
    const now = host.clock.now();
    host.act('show', { phase: 'live', title: 'Spring sale', startedAt: now });
    for (let i = 0; i < 25; i++) {
      host.act('announce', { text: `Deal number ${i}` });
      if (i % 5 === 0) host.act('pin', { product: { id: `p${i}`, title: `Scarf ${i}`, price: '$19' }, remaining: 50 - i });
      viewers[i % 4]!.like(3);
      await sleep(15);
    }
    host.act('lottery.open', { id: 'l1', mode: 'keyword', keyword: '1', prize: 'Silk scarf', winners: 1, closesAt: now + 60_000, commitment: HEX64 });
    host.act('moderate', { slowMode: 5, blockWords: ['spam'] });
    await waitUntil(() => viewers.every((viewer) => published(viewer) === published(host)), 'viewers converge to the host', { timeout: 10_000, interval: 50 });
    expect(viewers[2]!.state.announcement?.text, 'last announce everywhere').to.equal('Deal number 24');
    expect(viewers[3]!.state.lottery?.status, 'lottery open everywhere').to.equal('open');
    const faults = viewers.reduce((sum, viewer) => sum + viewer.stats.duplicates + viewer.stats.gaps, 0);
    expect(faults, 'the network really did duplicate and reorder').to.be.greaterThan(0);
    expect(network.size, 'five peers').to.equal(5);
  });

  it('a late joiner gets the current state from the host (hello → snapshot)', async () => {
    show = await startShow(0, { latency: 1 }, { snapshotEveryMs: 60_000 });
    show.host.act('show', { phase: 'live', title: 'Late show' });
    show.host.act('pin', { product: { id: 'p1', title: 'Teapot' }, remaining: 3 });
    const { RoomSession } = await import('../../src/core/session.js');
    const late = new RoomSession({ transport: show.network.connect('late-1'), hosts: ['host-1'] });
    show.viewers.push(late);
    await late.connect();
    await waitUntil(() => late.state.pinned?.product.title === 'Teapot', 'late joiner sees the pin');
    expect(late.state.show.phase, 'and the phase').to.equal('live');
  });

  it('a viewer forging host messages changes nothing anywhere, and bad input is counted', async () => {
    show = await startShow(2, {}, { snapshotEveryMs: 60_000 });
    const [attacker, bystander] = show.viewers as [typeof show.viewers[0], typeof show.viewers[0]];
    const before = published(bystander);
    const forged = { v: PROTOCOL_VERSION, type: 'lottery.open', id: 'f1', at: 1, seq: 1, ep: bystander.state.epoch, body: { id: 'x', mode: 'tap', prize: 'iPhone', winners: 1, closesAt: 9e12, commitment: HEX64 } };
    await attacker.transport.publish(JSON.stringify(forged));
    await attacker.transport.publish('{"v":1,');
    await attacker.transport.publish(JSON.stringify({ v: 1, type: 'warp', id: 'w', at: 1, body: {} }));
    await attacker.transport.publish(JSON.stringify({ v: 1, type: 'chat', id: 'c', at: 1, body: { text: 'x'.repeat(40_000) } }).slice(0, 32_000) + '"}}');
    await attacker.transport.publish(JSON.stringify({ v: 1, type: 'likes', id: 'l', at: 1, body: { n: 'many' } }));
    await sleep(20);
    expect(published(bystander), 'bystander state unchanged').to.equal(before);
    expect(show.host.state.lottery, 'host state unchanged').to.equal(null);
    expect(bystander.stats.dropped.unauthorized, 'forgery counted').to.equal(1);
    expect(bystander.stats.dropped.malformed, 'broken JSON counted').to.equal(1);
    expect(bystander.stats.dropped['unknown-type'], 'unknown type counted').to.equal(1);
    expect(bystander.stats.dropped.invalid, 'wrong field types counted').to.equal(2);
    bystander.chat('still works');
    await waitUntil(() => show!.host.state.chat.some((line) => line.text === 'still works'), 'room keeps working');
  });

  it('a viewer whose clock is 5 minutes off shows the same countdown second as the host', async function () {
    this.timeout(10_000);
    const skews = [5 * 60_000, -5 * 60_000];
    show = await startShow(2, { latency: 30, jitter: 20 }, { viewerNow: (i) => () => Date.now() + skews[i]! });
    const target = show.host.clock.now() + 90_000;
    await waitUntil(() => show!.viewers.every((viewer) => viewer.clock.uncertainty < 100), 'clocks synced', { timeout: 5000 });
    for (let sample = 0; sample < 20; sample++) {
      const hostSeconds = (target - show.host.clock.now()) / 1000;
      for (const viewer of show.viewers) {
        const viewerSeconds = (target - viewer.clock.now()) / 1000;
        expect(Math.abs(viewerSeconds - hostSeconds), 'countdown within 0.5 s of the host').to.be.below(0.5);
      }
      await sleep(37);
    }
    const viewer = show.viewers[0]!;
    const agree = [0, 1, 2, 3, 4].filter(() => secondsLeft(target, viewer.clock.now()) === secondsLeft(target, show!.host.clock.now()));
    expect(agree.length, 'the displayed second agrees').to.be.greaterThan(3);
  });

  it('aggregates a storm of taps into at most one likes message a second', async () => {
    show = await startShow(1, {}, {});
    show.network.recordWire = true;
    const viewer = show.viewers[0]!;
    for (let i = 0; i < 200; i++) viewer.like();
    await sleep(1200);
    for (let i = 0; i < 50; i++) viewer.like();
    await sleep(1100);
    const likes = show.network.wire.filter((frame) => frame.from === 'viewer-0' && frame.data.includes('"type":"likes"'));
    expect(likes.length, 'two likes messages on the wire').to.equal(2);
    expect(show.host.state.likes, 'every tap counted at the host').to.equal(250);
  });

  it('enforces slow mode on the sender and reports when to retry', async () => {
    show = await startShow(1);
    show.host.act('moderate', { slowMode: 10 });
    await sleep(5);
    const viewer = show.viewers[0]!;
    expect(viewer.chat('first').ok, 'first message goes').to.equal(true);
    const second = viewer.chat('second');
    expect(second.ok, 'second within slow mode refused').to.equal(false);
    if (!second.ok) {
      expect(second.reason).to.equal('slow-mode');
      expect(second.retryInMs, 'retry hint').to.be.within(9000, 10_000);
    }
  });

  it('the host locks first answers and refuses late ones by its own clock', async () => {
    show = await startShow(2);
    const { host, viewers } = show;
    host.act('quiz.ask', { id: 'q1', question: 'Silk or satin?', options: ['Silk', 'Satin'], closesAt: host.clock.now() + 150, answerHash: HEX64 });
    await sleep(5);
    viewers[0]!.answer('q1', 1);
    viewers[0]!.answer('q1', 0);
    await sleep(200);
    viewers[1]!.answer('q1', 0);
    await sleep(10);
    const answers = host.ledger.answers.get('q1');
    expect(answers?.get('viewer-0'), 'first answer locked').to.equal(1);
    expect(answers?.has('viewer-1'), 'late answer refused').to.equal(false);
  });

  it('a join storm stays inside the host’s send budget: a burst of hellos gets one broadcast snapshot', async function () {
    this.timeout(10_000);
    const network = new (await import('../../src/transports/memory.js')).MemoryNetwork({ latency: 1 });
    const { RoomSession } = await import('../../src/core/session.js');
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'] });
    await host.connect();
    network.recordWire = true;
    const viewers = await Promise.all(
      Array.from({ length: 80 }, async (_, i) => {
        const viewer = new RoomSession({ transport: network.connect(`v${i}`), hosts: ['host-1'] });
        await viewer.connect();
        return viewer;
      }),
    );
    show = { network, host, viewers, close: async () => void (await Promise.all([host, ...viewers].map((s) => s.close()))) };
    await waitUntil(() => viewers.every((viewer) => viewer.state.epoch === host.state.epoch), 'every viewer has the host state');
    await sleep(600);
    const fromHost = network.wire.filter((frame) => frame.from === 'host-1');
    const directSnapshots = fromHost.filter((frame) => frame.to !== null && frame.data.includes('"type":"snapshot"'));
    const pongs = fromHost.filter((frame) => frame.data.includes('"type":"time.pong"'));
    const broadcasts = fromHost.filter((frame) => frame.to === null && frame.data.includes('"type":"snapshot"'));
    expect(directSnapshots.length, 'direct snapshot answers capped').to.be.at.most(5);
    expect(broadcasts.length, 'the rest answered by broadcast').to.be.within(1, 3);
    expect(pongs.length, 'clock answers capped per second').to.be.at.most(40);
    expect(fromHost.length, 'host sends well under Agora’s 60 messages/s per client').to.be.below(60);
  });
});
