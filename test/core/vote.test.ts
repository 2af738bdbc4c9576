import { expect, waitUntil } from '@open-wc/testing';
import { commitmentOf, digestOf, newSeed, pickIndexes } from '../../src/core/draw.js';
import { sortLines, tallyVotes, verifyVote, winnerOf } from '../../src/core/vote-tally.js';
import { RoomSession } from '../../src/core/session.js';
import type { Product } from '../../src/core/protocol.js';
import { startShow } from '../helpers/show.js';

/** Waits for a state; the test's own timeout is the only bound. */
const until = (condition: () => unknown, message = 'state reached') => waitUntil(condition, message, { timeout: 110_000, interval: 20 });

const product = (id: string, title: string): Product => ({ id, title, price: '$10', image: `https://shop.example/${id}.jpg` });

describe('verifiable vote tally', () => {
  it('tallies one ballot per voter, digests the sorted list and verifies it', async () => {
    const seed = newSeed();
    const votes: Array<[string, number]> = [['carol', 1], ['alice', 0], ['bob', 1], ['a:0', 2]];
    const tally = await tallyVotes(seed, votes, 3);
    expect(tally.ballots, 'sorted voter:choice lines').to.deep.equal(['a:0:2', 'alice:0', 'bob:1', 'carol:1']);
    expect(tally.digest, 'digest of the joined lines').to.equal(await digestOf(['a:0:2', 'alice:0', 'bob:1', 'carol:1']));
    expect(tally.counts, 'counts per option').to.deep.equal([1, 2, 1]);
    expect(tally.winner, 'most votes wins').to.equal(1);
    const published = { commitment: await commitmentOf(seed), seed, digest: tally.digest, counts: tally.counts, total: tally.total, options: 3, winner: tally.winner };
    expect(await verifyVote(published, tally.ballots, 'bob'), 'honest tally verifies; bob finds his choice').to.deep.equal({ status: 'verified', commitment: true, digest: true, counts: true, winner: true, mine: 1 });
    expect((await verifyVote(published, tally.ballots, 'a:0')).mine, 'an id with a colon parses from the end').to.equal(2);
    expect((await verifyVote(published, null)).status, 'without the list: partial').to.equal('partial');
    expect((await verifyVote({ ...published, seed: newSeed() }, tally.ballots)).status, 'another seed fails').to.equal('failed');
    expect((await verifyVote({ ...published, counts: [2, 1, 1] }, tally.ballots)).status, 'moved counts fail').to.equal('failed');
    expect((await verifyVote({ ...published, counts: [2, 1, 1] }, null)).winner, 'moved counts fail the winner even without the list').to.equal(false);
    expect((await verifyVote({ ...published, winner: 0 }, tally.ballots)).winner, 'another winner fails').to.equal(false);
    const dropped = tally.ballots.filter((line) => line !== 'bob:1');
    const missing = await verifyVote({ ...published, counts: [1, 1, 1], total: 3, winner: await winnerOf(seed, tally.digest, [1, 1, 1]) }, dropped, 'bob');
    expect(missing.digest, 'a list with a ballot removed fails the digest').to.equal(false);
    const twice = ['alice:0', 'alice:1', 'bob:1', 'carol:1'];
    expect((await verifyVote({ ...published, total: 4, counts: [1, 3, 0], digest: await digestOf(twice) }, twice)).counts, 'a voter twice fails').to.equal(false);
  });

  it('sorts ballot lines exactly as Array.prototype.sort does (keyed sort), whatever the code units', () => {
    // Deterministic pseudo-random lines: shared prefixes, colons, digits, prefixes of each other,
    // code units at and above the key's 7-bit limit (DEL, é, surrogates, U+FFFF), NUL.
    let state = 7;
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31) % n);
    const units = ['a', 'b', ':', '0', '9', '-', '.', '_', 'Z', '~', '\u007f', 'é', '\u{1F600}', '\uffff', '\u0000'];
    for (let round = 0; round < 200; round++) {
      const prefix = ['', 'v-', 'viewer-1234-'][round % 3]!;
      const alphabet = round % 2 ? units.slice(0, 4) : units;
      const lines = Array.from({ length: 64 + next(300) }, () => prefix + Array.from({ length: next(7) }, () => alphabet[next(alphabet.length)]).join('') + ':' + next(6));
      expect(sortLines(lines.slice()), `round ${round}`).to.deep.equal(lines.slice().sort());
    }
  });

  it('breaks a tie with the committed seed (the draw pick) and has no winner without votes', async () => {
    const seed = 'cd'.repeat(32);
    const tally = await tallyVotes(seed, [['a', 0], ['b', 2], ['c', 1], ['d', 2], ['e', 0]], 3);
    const [index] = await pickIndexes(seed, tally.digest, 2, 1);
    expect(tally.winner, 'tied options 0 and 2: the seed picks').to.equal([0, 2][index!]);
    expect((await tallyVotes(seed, [], 4)).winner, 'no votes, no winner').to.equal(undefined);
  });
});

describe('a vote with 1,000 viewers (memory transport)', () => {
  it('counts each viewer once, refuses duplicate and closed votes with receipts, and every screen verifies the tally', async function () {
    this.timeout(120_000);
    const show = await startShow(1000, {}, { snapshotEveryMs: 600_000, clockSyncEveryMs: 600_000 });
    const { host, viewers, network } = show;
    let late: RoomSession | null = null;
    try {
      const options = [
        { label: 'Red', product: product('p-red', 'Red dress') },
        { label: 'Blue', product: product('p-blue', 'Blue dress') },
        { label: 'Green', product: product('p-green', 'Green dress') },
      ];
      // Open for an hour: the close comes from the host, not from how fast this machine is.
      const opened = await host.openVote({ id: 'vote-1', question: 'Which colour opens the sale?', options, seconds: 3600 });
      expect(JSON.stringify(opened.body), 'only the commitment is on the wire, not the seed').to.not.include(host.hostSecrets('vote-1').seed!);
      await until(() => viewers.every((viewer) => viewer.state.vote?.id === 'vote-1'), 'every viewer sees the vote');
      const seqAtOpen = host.state.hostSeq;
      const choiceOf = (i: number) => (i % 10 < 5 ? 1 : i % 10 < 8 ? 0 : 2);
      viewers.forEach((viewer, i) => viewer.castVote('vote-1', choiceOf(i)));
      // A second vote from the same viewer (another message id, another choice) is refused.
      const raw = (id: string, choice: number) => JSON.stringify({ v: 1, type: 'vote', id, at: Date.now(), room: network.channel, body: { vote: 'vote-1', choice } });
      await until(() => host.ledger.votes.get('vote-1')?.size === 1000, 'the host counted 1,000 votes');
      const receipts: Array<{ to: string; body: unknown }> = [];
      const deliver = network.deliver.bind(network);
      network.deliver = (from, to, data) => {
        if (to !== null && data.includes('"type":"receipt"')) receipts.push({ to, body: JSON.parse(data).body });
        deliver(from, to, data);
      };
      host.receive(raw('again-1', 2), 'viewer-7', true);
      const receiptFor = (viewer: string, reason: string) => receipts.find((r) => r.to === viewer && (r.body as { reason?: string }).reason === reason)?.body;
      await until(() => receiptFor('viewer-7', 'duplicate'), 'the duplicate gets a receipt');
      expect(receiptFor('viewer-7', 'duplicate'), 'refused as a duplicate, with the choice the host counted').to.deep.equal({ for: 'vote', ref: 'vote-1', ok: false, reason: 'duplicate', choice: choiceOf(7) });
      expect(host.ledger.votes.get('vote-1')!.get('viewer-7'), 'the first vote stands').to.equal(choiceOf(7));
      await until(() => viewers.every((viewer, i) => viewer.viewer.votes['vote-1']?.status === 'counted' && viewer.viewer.votes['vote-1'].choice === choiceOf(i)), 'every viewer has its receipt');
      await until(() => viewers.every((viewer) => viewer.state.vote?.total === 1000), 'every screen shows the live total');
      expect(viewers[3]!.state.vote!.counts, 'live bars per option').to.deep.equal([300, 500, 200]);
      // Coalesced: a handful of tally messages for 1,000 votes, not one per vote.
      expect(host.state.hostSeq - seqAtOpen, 'tallies are coalesced').to.be.below(20);

      const result = await host.closeVote();
      expect(result!.winner, 'the most voted option wins').to.equal(1);
      await until(() => viewers.every((viewer) => viewer.viewer.voteChecks['vote-1']?.status === 'verified'), 'every screen verifies the tally');
      expect(viewers.filter((viewer, i) => viewer.viewer.voteChecks['vote-1']!.mine === choiceOf(i)).length, 'every screen finds its own vote as cast').to.equal(1000);
      expect(viewers.every((viewer) => viewer.state.vote?.status === 'closed' && viewer.state.vote.winner === 1), 'every screen shows the result').to.equal(true);

      // After the close: refused, with a receipt.
      host.receive(raw('after-1', 0), 'viewer-0', true);
      await until(() => receiptFor('viewer-0', 'closed'), 'a vote after the close gets a receipt');
      late = new RoomSession({ transport: network.connect('viewer-late'), hosts: ['host-1'], snapshotEveryMs: 600_000, clockSyncEveryMs: 600_000 });
      await late.connect();
      late.castVote('vote-1', 0);
      await until(() => late!.viewer.votes['vote-1']?.status === 'rejected', 'a vote after the close is refused');
      expect(late.viewer.votes['vote-1']!.reason, 'refused as closed').to.equal('closed');
      expect(host.ledger.votes.get('vote-1')!.size, 'still 1,000 votes').to.equal(1000);
      // A late joiner gets the result from the snapshot and the ballot list by asking the host.
      await until(() => late!.viewer.voteChecks['vote-1']?.status === 'verified', 'a late joiner verifies the tally too');

      // The winning product is what the console pins in one click.
      const vote = host.state.vote!;
      host.act('pin', { product: vote.options[vote.winner!]!.product!, remaining: null });
      await until(() => viewers.every((viewer) => viewer.state.pinned?.product.id === 'p-blue'), 'the winning product is pinned on every screen');
    } finally {
      await late?.close();
      await show.close();
    }
  });

  it('refuses a late vote by the host clock, and lets a changeable vote change until the close', async function () {
    this.timeout(60_000);
    let skew = 0;
    const show = await startShow(2, {}, { localNow: () => Date.now() + skew });
    const { host, viewers } = show;
    try {
      await host.openVote({ id: 'vote-c', question: 'Next product?', options: ['Bag', 'Hat'], seconds: 600, changeable: true });
      await until(() => viewers.every((viewer) => viewer.state.vote?.id === 'vote-c'), 'viewers see the vote');
      viewers[0]!.castVote('vote-c', 0);
      await until(() => viewers[0]!.viewer.votes['vote-c']?.status === 'counted', 'first vote counted');
      viewers[0]!.castVote('vote-c', 1);
      await until(() => viewers[0]!.viewer.votes['vote-c']?.status === 'counted' && viewers[0]!.viewer.votes['vote-c'].choice === 1, 'the change is counted');
      expect(host.ledger.votes.get('vote-c')!.get('viewer-0'), 'one ballot, the last choice').to.equal(1);
      await until(() => host.state.vote?.total === 1 && host.state.vote.counts[1] === 1, 'the tally follows the change');
      // Ten minutes later on every clock (the close timer has not run): the host refuses as late.
      skew = 601_000;
      viewers[1]!.castVote('vote-c', 0);
      await until(() => viewers[1]!.viewer.votes['vote-c']?.status === 'rejected', 'late vote refused');
      expect(viewers[1]!.viewer.votes['vote-c']!.reason, 'refused as late').to.equal('late');
      await host.closeVote();
      await until(() => viewers.every((viewer) => viewer.viewer.voteChecks['vote-c']?.status === 'verified'), 'both verify');
      expect(viewers[0]!.viewer.voteChecks['vote-c']!.mine, 'the changed vote is in the list').to.equal(1);
      expect(viewers[1]!.viewer.voteChecks['vote-c']!.mine, 'the late one is not').to.equal(null);
    } finally {
      await show.close();
    }
  });
});
