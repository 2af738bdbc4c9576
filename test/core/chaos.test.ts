/**
 * A scripted show through a chaos network (issue 8 "Networks"): 30% loss, duplicates, reordering,
 * links that drop and come back (the host's too), and bursts of old messages delivered again.
 * Every viewer must end in the host's state. The seed makes a failure reproducible.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { seededRandom } from '../../src/transports/memory.js';
import { published, sleep, startShow, type Show } from '../helpers/show.js';

const SEED = 20261125;
const VIEWERS = 6;

let show: Show | undefined;
afterEach(async () => {
  await show?.close();
  show = undefined;
});

describe('chaos network: a whole show', () => {
  it(`every viewer ends in the host's state (seed ${SEED})`, async function () {
    this.timeout(60_000);
    show = await startShow(
      VIEWERS,
      { seed: SEED, latency: 3, jitter: 15, loss: 0.3, duplicate: 0.3, reorder: 0.4, reorderWindow: 60 },
      { snapshotEveryMs: 500, helloEveryMs: 150 },
    );
    const { host, viewers, network } = show;
    const random = seededRandom(SEED);
    network.recordWire = true;

    /** One chaos tick: a link drops or comes back, and a burst of old traffic is delivered again. */
    const chaos = () => {
      const victim = random() < 0.15 ? 'host-1' : `viewer-${Math.floor(random() * VIEWERS)}`;
      network.setOnline(victim, random() < 0.5);
      const old = network.wire.filter((entry) => entry.to === null);
      for (let copy = 0; copy < 5 && old.length > 0; copy++) {
        const entry = old[Math.floor(random() * old.length)]!;
        const target = network.peerById(`viewer-${Math.floor(random() * VIEWERS)}`);
        target?.receive(entry.data, entry.from, false);
      }
    };
    const step = async (action: () => unknown) => {
      await action();
      chaos();
      await sleep(20);
    };

    await step(() => host.act('show', { phase: 'live', title: 'Chaos sale', startedAt: host.clock.now() }));
    for (let i = 0; i < 10; i++) {
      await step(() => host.act('announce', { text: `Deal ${i}` }));
      await step(() => viewers[i % VIEWERS]!.like(5));
      await step(() => viewers[(i + 1) % VIEWERS]!.chat(`question ${i}`));
    }
    await step(() => host.act('pin', { product: { id: 'p1', title: 'Silk scarf', price: '$49' }, remaining: 20 }));
    await step(() => host.openLottery({ id: 'lot', mode: 'tap', prize: 'Tote bag', winners: 2, seconds: 60 }));
    for (const viewer of viewers) await step(() => viewer.enter('lot'));
    await step(() => host.act('moderate', { slowMode: 3, blockWords: ['spam'] }));
    await step(() => host.drawLottery('DM us'));
    await step(() => host.askQuiz({ id: 'q1', question: 'Which silk?', options: ['Mulberry', 'Tussar'], correct: 0, seconds: 30 }));
    for (const viewer of viewers) await step(() => viewer.answer('q1', 0));
    await step(() => host.revealQuiz('Mulberry is the classic.'));
    await step(() => host.act('show', { phase: 'ended', title: 'Chaos sale' }));

    // The weather clears: every link comes back (loss, duplicates and reordering stay).
    for (const id of ['host-1', ...viewers.map((_, i) => `viewer-${i}`)]) network.setOnline(id, true);
    await waitUntil(() => viewers.every((viewer) => published(viewer) === published(host)), 'every viewer converges to the host', {
      timeout: 20_000,
      interval: 100,
    });
    expect(host.state.show.phase).to.equal('ended');
    expect(viewers.every((viewer) => viewer.state.quiz?.correct === 0), 'the reveal reached every screen').to.equal(true);
    expect(viewers.every((viewer) => viewer.state.lottery?.winnerIds?.length === host.state.lottery?.winnerIds?.length)).to.equal(true);
    await waitUntil(() => viewers.every((viewer) => viewer.viewer.draws['lot']?.status === 'verified'), 'every screen verifies the draw', { timeout: 20_000 });
    const faults = viewers.reduce((sum, viewer) => sum + viewer.stats.duplicates + viewer.stats.gaps, 0);
    expect(faults, 'the network really duplicated, reordered and dropped').to.be.greaterThan(20);
  });
});
