/**
 * A scripted show through a chaos network (issue 8 "Networks"): 30% loss, duplicates, reordering,
 * links that drop and come back (the host's too), and bursts of old messages delivered again.
 * Every viewer must end in the host's state. The seed makes the faults reproducible.
 *
 * Waits are for states, bounded by what the room does, not by the clock: convergence within so
 * many host snapshots, the draw check within so many requests for the entrant list, so a loaded or
 * slow machine only makes the test take longer.
 */
import { expect } from '@open-wc/testing';
import { seededRandom } from '../../src/transports/memory.js';
import { published, sleep, startShow, type Show } from '../helpers/show.js';
import { isListRequest, stoppedAsking, typeOf, waitFor } from '../helpers/chaos.js';

const SEED = 20261125;
const VIEWERS = 6;

let show: Show | undefined;
afterEach(async () => {
  await show?.close();
  show = undefined;
});

describe('chaos network: a whole show', () => {
  it(`every viewer ends in the host's state and verifies the draw (seed ${SEED})`, async function () {
    // Only a hang reaches this (the runner gives a file 120 s); every wait below has its own bound
    // in snapshots or requests. The regression test of the lost requests is in its own file,
    // chaos-lost-requests.test.ts, for its own 120 s.
    this.timeout(110_000);
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
    // The show's pace (not a wait for anything): one action, one chaos tick, a little air.
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
    await step(() => host.openLottery({ id: 'lot', mode: 'tap', prize: 'Tote bag', winners: 2, seconds: 3600 }));
    for (const viewer of viewers) await step(() => viewer.enter('lot'));
    await step(() => host.act('moderate', { slowMode: 3, blockWords: ['spam'] }));
    await step(() => host.drawLottery('DM us'));
    await step(() => host.askQuiz({ id: 'q1', question: 'Which silk?', options: ['Mulberry', 'Tussar'], correct: 0, seconds: 3600 }));
    for (const viewer of viewers) await step(() => viewer.answer('q1', 0));
    await step(() => host.revealQuiz('Mulberry is the classic.'));
    await step(() => host.act('show', { phase: 'ended', title: 'Chaos sale' }));

    // The weather clears: every link comes back (loss, duplicates and reordering stay).
    for (const id of ['host-1', ...viewers.map((_, i) => `viewer-${i}`)]) network.setOnline(id, true);
    const clearedAt = network.wire.length;
    const snapshotsSinceClear = () => network.wire.slice(clearedAt).filter((entry) => entry.from === 'host-1' && entry.to === null && typeOf(entry.data).type === 'snapshot').length;
    // Each broadcast snapshot reaches a viewer 7 times in 10: missing 80 in a row does not happen.
    await waitFor(
      () => viewers.every((viewer) => published(viewer) === published(host)),
      () => (snapshotsSinceClear() > 80 ? `not converged after ${snapshotsSinceClear()} host snapshots` : null),
      'every viewer converges to the host',
    );
    expect(host.state.show.phase).to.equal('ended');
    expect(viewers.every((viewer) => viewer.state.quiz?.correct === 0), 'the reveal reached every screen').to.equal(true);
    expect(viewers.every((viewer) => viewer.state.lottery?.winnerIds?.length === host.state.lottery?.winnerIds?.length)).to.equal(true);

    // A screen that missed the entrant list asks the host for it, with the one backoff policy (1 s
    // doubling to 30 s, src/core/retry.ts). Under 30% loss each way one request in two gets through,
    // and 16 parallel shows measured 1–8 requests and up to 93 s: too close to the runner's 120 s
    // per file. So the loss stops now (duplicates and reordering stay): the next request of every
    // screen that is still asking gets its answer. A screen that stopped asking still fails here at
    // once, and chaos-lost-requests.test.ts loses requests on purpose.
    network.faults = { ...network.faults, loss: 0 };
    const requests = (viewer: number) => network.wire.filter((entry) => entry.from === `viewer-${viewer}` && isListRequest(entry.data, 'lot')).length;
    await waitFor(
      () => viewers.every((viewer) => viewer.viewer.draws['lot']?.status === 'verified'),
      () => {
        for (const [i, viewer] of viewers.entries()) {
          if (viewer.viewer.draws['lot']?.status === 'verified') continue;
          if (stoppedAsking(viewer, 'lot')) return `viewer-${i} stopped asking for the entrant list after ${requests(i)} requests (draw check: ${viewer.viewer.draws['lot']?.status})`;
          if (requests(i) > 40) return `viewer-${i} still unverified after ${requests(i)} requests`;
        }
        return null;
      },
      'every screen verifies the draw',
    );
    const faults = viewers.reduce((sum, viewer) => sum + viewer.stats.duplicates + viewer.stats.gaps, 0);
    expect(faults, 'the network really duplicated, reordered and dropped').to.be.greaterThan(20);
  });
});
