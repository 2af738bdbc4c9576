import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import { foldKeyword, matchesKeyword } from '../../src/core/keyword.js';
import { commitmentOf, digestOf, drawWinners, newSeed, pickIndexes, sha256Hex, sortEntrants, verifyDraw } from '../../src/core/draw.js';
import { startShow } from '../helpers/show.js';

/** Waits for a state; the test's own timeout is the only bound (no guess of how fast this machine is). */
const until = (condition: () => unknown, message = 'state reached') => waitUntil(condition, message, { timeout: 110_000, interval: 20 });

describe('keyword matching', () => {
  it('ignores case, width, emoji, variation selectors and zero-width characters', () => {
    for (const text of ['win', 'WIN', 'Win!!', 'ｗｉｎ', 'ＷＩＮ', '🎉win🎉', 'w\u200Bin', 'win\uFE0F', 'I want to WIN 😍👍🏽', '  win  ', '#win']) {
      expect(matchesKeyword(text, 'win'), `"${text}" matches "win"`).to.equal(true);
    }
    for (const text of ['winner', 'twin', 'w i n', '', 'wn']) {
      expect(matchesKeyword(text, 'win'), `"${text}" does not match "win"`).to.equal(false);
    }
    expect(matchesKeyword('１', '1'), 'full-width digit').to.equal(true);
    expect(matchesKeyword('1️⃣', '1'), 'keycap digit').to.equal(true);
    expect(matchesKeyword('10', '1'), '"10" is not "1"').to.equal(false);
    expect(matchesKeyword('STRASSE', 'straße'), 'ß folds to ss').to.equal(true);
    expect(matchesKeyword('我要抢！', '我要抢'), 'CJK keyword').to.equal(true);
    expect(matchesKeyword('anything', ''), 'an empty keyword never matches').to.equal(false);
    expect(foldKeyword(' Ａ  b '), 'folds and collapses spaces').to.equal('a b');
  });

  it('matches any keyword wrapped in any case and emoji (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('', '🎉', '👍🏽', '❤️', '\u200B'), fc.boolean(), (keyword, emoji, upper) => {
        const typed = `${emoji}${upper ? keyword.toUpperCase() : keyword}${emoji}`;
        return matchesKeyword(typed, keyword);
      }),
    );
  });
});

describe('verifiable draw', () => {
  it('commits to the seed, digests the sorted list and picks deterministically', async () => {
    const seed = newSeed();
    expect(seed, 'seed is 64 hex').to.match(/^[0-9a-f]{64}$/);
    const commitment = await commitmentOf(seed);
    expect(commitment, 'commitment = SHA-256 of the seed text').to.equal(await sha256Hex(seed));
    const entries = ['c', 'a', 'b', 'a', 'd', 'e', 'c'];
    const first = await drawWinners(seed, entries, 3);
    const second = await drawWinners(seed, [...entries].reverse(), 3);
    expect(first.sorted, 'deduped and sorted').to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(first.digest, 'digest of "a\\nb\\nc\\nd\\ne"').to.equal(await sha256Hex('a\nb\nc\nd\ne'));
    expect(second, 'entry order does not matter').to.deep.equal(first);
    expect(new Set(first.winnerIds).size, 'three distinct winners').to.equal(3);
    expect(await drawWinners(seed, entries, 10).then((r) => r.winnerIds.length), 'never more winners than entrants').to.equal(5);
    expect(await pickIndexes(seed, first.digest, 0, 3), 'no entrants, no winners').to.deep.equal([]);
  });

  it('verifies an honest draw and fails a tampered seed, list or winner', async () => {
    const seed = newSeed();
    const commitment = await commitmentOf(seed);
    const list = sortEntrants(Array.from({ length: 50 }, (_, i) => `viewer-${i}`));
    const { digest, winnerIds } = await drawWinners(seed, list, 2);
    const draw = { commitment, seed, digest, entrants: list.length, winners: 2, winnerIds };
    const honest = await verifyDraw(draw, list, 'viewer-7');
    expect(honest, 'honest draw verifies, member found').to.deep.equal({ status: 'verified', commitment: true, digest: true, winners: true, member: true });
    expect((await verifyDraw(draw, null)).status, 'without the list: partial').to.equal('partial');
    expect((await verifyDraw({ ...draw, seed: newSeed() }, list)).status, 'another seed fails').to.equal('failed');
    expect((await verifyDraw({ ...draw, seed: newSeed() }, null)).status, 'another seed fails even without the list').to.equal('failed');
    const dropped = list.filter((id) => id !== 'viewer-7');
    const tamperedList = await verifyDraw({ ...draw, entrants: dropped.length }, dropped, 'viewer-7');
    expect(tamperedList.status, 'a list with one entrant removed fails').to.equal('failed');
    expect(tamperedList.digest, 'its digest does not match').to.equal(false);
    const other = list.find((id) => !winnerIds.includes(id))!;
    expect((await verifyDraw({ ...draw, winnerIds: [other, winnerIds[1]!] }, list)).winners, 'a swapped winner fails').to.equal(false);
  });

  it('re-checks with the documented recipe (sha256 of joined ids, 48-bit rejection sampling)', async () => {
    const seed = 'ab'.repeat(32);
    const list = ['alice', 'bob', 'carol'];
    const digest = await digestOf(list);
    // The first pick by hand: h = SHA-256(seed:digest:0); x = first 6 bytes; i = x mod 3.
    const hex = await sha256Hex(`${seed}:${digest}:0`);
    const x = parseInt(hex.slice(0, 12), 16);
    const [first] = await pickIndexes(seed, digest, 3, 1);
    expect(first, 'first index = x mod n').to.equal(x % 3);
  });
});

describe('keyword lottery with 1,000 viewers (memory transport)', () => {
  it('enters every eligible viewer that typed the keyword exactly once; every room verifies the draw', async function () {
    // Waits are for states; this bound only catches a hang, and the work is linear in viewers.
    this.timeout(120_000);
    const show = await startShow(1000, {}, { snapshotEveryMs: 600_000, clockSyncEveryMs: 600_000 });
    const { host, viewers, network } = show;
    // Viewers' chat goes to the host only. Broadcast to all 1,000 rooms of this one page it is
    // 800 × 999 deliveries: 20–80 s of one thread depending on the machine's load, which this test
    // is not about (bench/fanout.ts measures fan-out). Host messages still reach every room.
    const deliver = network.deliver.bind(network);
    network.deliver = (from, to, data) => {
      if (to === null && from.userId !== 'host-1') network.peerById('host-1')?.receive(data, from.userId, false);
      else deliver(from, to, data);
    };
    const chatsAtHost = () => host.state.chatCount;
    try {
      // Ten earlier winners are excluded by the newWinnersOnly filter.
      for (let i = 0; i < 10; i++) host.ledger.pastWinners.add(`viewer-${i}`);
      // Open for an hour: the close comes from the draw, not from how fast this machine is.
      await host.openLottery({ id: 'lot-1', mode: 'keyword', keyword: 'Win', prize: 'A bag', winners: 3, seconds: 3600, eligibility: { newWinnersOnly: true } });
      await until(() => viewers.every((viewer) => viewer.state.lottery?.id === 'lot-1'), 'every viewer sees the lottery');
      const forms = ['win', 'WIN', 'Ｗｉｎ', '🎉win🎉', 'I wanna wIn 😍', 'w\u200Bin!!', 'win❤️'];
      const expected = new Set<string>();
      let sent = 0;
      viewers.forEach((viewer, i) => {
        if (i % 10 < 6) {
          const result = viewer.chat(forms[i % forms.length]!);
          expect(result.ok, `viewer-${i} chat sent`).to.equal(true);
          sent++;
          if (i >= 10) expected.add(`viewer-${i}`);
        } else if (i % 10 < 8) {
          expect(viewer.chat(i % 2 ? 'winner winner' : 'love it').ok, `viewer-${i} chat sent`).to.equal(true);
          sent++;
        }
      });
      // A viewer typing it again (a second message id) is still one entry.
      const raw = (id: string, text: string) => JSON.stringify({ v: 1, type: 'chat', id, at: Date.now(), body: { text } });
      host.receive(raw('again-1', 'WIN'), 'viewer-20', false);
      host.receive(raw('again-2', 'ｗｉｎ'), 'viewer-20', false);
      // Every line reached the host before its ledger is judged.
      await until(() => chatsAtHost() >= sent + 2, `the host has all ${sent + 2} lines`);
      expect(host.ledger.sortedEntrants('lot-1'), 'exactly the eligible keyword senders').to.deep.equal([...expected].sort());
      await until(() => viewers[20]!.viewer.entries['lot-1'] === 'in', 'the host receipt says "in"');
      await until(() => viewers[0]!.viewer.entries['lot-1'] !== undefined, 'an earlier winner gets an answer');
      expect(viewers[0]!.viewer.entries['lot-1'], 'an earlier winner is refused as ineligible').to.equal('ineligible');
      expect(viewers[6]!.viewer.entries['lot-1'], 'a viewer who did not type it has no entry').to.equal(undefined);
      const result = await host.drawLottery('DM us your order number');
      expect(result.winnerIds.length, 'three winners').to.equal(3);
      await until(() => viewers.every((viewer) => viewer.viewer.draws['lot-1']?.status === 'verified'), 'every room verifies the draw');
      expect(viewers.filter((viewer, i) => viewer.viewer.draws['lot-1']!.member === expected.has(`viewer-${i}`)).length, 'every room knows whether it was in').to.equal(1000);
      // Typing after the close does not enter (viewer-8 has not chatted yet: no slow mode in the way).
      const before = chatsAtHost();
      expect(viewers[8]!.chat('win').ok, 'late line sent').to.equal(true);
      await until(() => chatsAtHost() === before + 1, 'the host has the late line');
      expect(host.ledger.entrantCount('lot-1'), 'no entry after the draw').to.equal(expected.size);
    } finally {
      await show.close();
    }
  });

  it('a tampered seed or list fails verification on viewers', async function () {
    this.timeout(120_000);
    const show = await startShow(2);
    const { host, viewers } = show;
    try {
      await host.openLottery({ id: 'lot-t', mode: 'tap', prize: 'Mug', winners: 1, seconds: 30 });
      await until(() => viewers.every((v) => v.state.lottery?.id === 'lot-t'));
      viewers.forEach((viewer) => viewer.enter('lot-t'));
      await until(() => host.ledger.entrantCount('lot-t') === 2, 'two entrants');
      host.closeLottery();
      // A dishonest host: another seed than the one committed to.
      const list = host.ledger.sortedEntrants('lot-t');
      const fake = await drawWinners(newSeed(), list, 1);
      host.act('lottery.draw', { id: 'lot-t', seed: newSeed(), entrants: 2, digest: fake.digest, winnerIds: fake.winnerIds });
      host.act('lottery.entrants', { id: 'lot-t', part: 0, parts: 1, ids: list });
      await until(() => viewers.every((v) => v.viewer.draws['lot-t']?.status === 'failed'), 'tampered seed fails everywhere');
      expect(viewers[0]!.viewer.draws['lot-t']!.commitment, 'the commitment check is the one failing').to.equal(false);
    } finally {
      await show.close();
    }
  });
});

describe('other lottery modes', () => {
  it('tap, watch-time and like-goal: the host decides; eligibility filters apply', async function () {
    this.timeout(120_000);
    const show = await startShow(3);
    const { host, viewers } = show;
    try {
      await host.openLottery({ id: 'w', mode: 'watch-time', minutes: 1, prize: 'Cap', seconds: 30 });
      await until(() => viewers.every((v) => v.state.lottery?.id === 'w'));
      viewers[0]!.track('heartbeat', { seconds: 30 });
      viewers[0]!.track('heartbeat', { seconds: 31 });
      viewers[1]!.track('heartbeat', { seconds: 15 });
      viewers[2]!.enter('w'); // too early: the host refuses
      await until(() => viewers[0]!.viewer.entries.w === 'in' && viewers[2]!.viewer.entries.w === 'ineligible', 'watch-time entry and refusal');
      expect(viewers[1]!.viewer.entries.w, 'not enough watched: no request at all').to.equal(undefined);
      expect(host.ledger.sortedEntrants('w'), 'one entrant').to.deep.equal(['viewer-0']);

      await host.openLottery({ id: 't', mode: 'tap', prize: 'Cap', seconds: 30, eligibility: { commented: true } });
      await until(() => viewers.every((v) => v.state.lottery?.id === 't'));
      viewers[1]!.chat('hello');
      await until(() => host.ledger.commenters.has('viewer-1'));
      viewers[1]!.enter('t');
      viewers[2]!.enter('t');
      await until(() => viewers[1]!.viewer.entries.t === 'in' && viewers[2]!.viewer.entries.t === 'ineligible', 'commented filter');

      await host.openLottery({ id: 'g', mode: 'like-goal', goal: 5, prize: 'Free shipping for all', seconds: 60 });
      await until(() => viewers.every((v) => v.state.lottery?.id === 'g'));
      viewers[0]!.like(3);
      viewers[1]!.like(3);
      await until(() => viewers.every((v) => v.state.lottery?.status === 'unlocked'), 'like goal unlocks for everyone');
    } finally {
      await show.close();
    }
  });

  it('publishes a live entrant count and closes entries at closesAt', async function () {
    this.timeout(120_000);
    const show = await startShow(2);
    const { host, viewers } = show;
    try {
      // The count: a window long enough that this machine's speed cannot close it first.
      await host.openLottery({ id: 'n', mode: 'tap', prize: 'Cap', seconds: 3600 });
      await until(() => viewers.every((v) => v.state.lottery?.id === 'n'));
      viewers[0]!.enter('n');
      await until(() => viewers[1]!.state.lottery?.entrants === 1, 'tally reaches other viewers');
      // The close: nobody has to enter in time; the host's own timer ends entries at closesAt.
      const opened = await host.openLottery({ id: 'c', mode: 'tap', prize: 'Cap', seconds: 1.5 });
      await until(() => viewers[1]!.state.lottery?.status === 'closed', 'closes by itself');
      expect(host.clock.now(), 'not before closesAt').to.be.at.least(opened.body.closesAt);
      viewers[1]!.enter('c');
      await until(() => viewers[1]!.viewer.entries.c === 'closed', 'late entry refused by the host');
    } finally {
      await show.close();
    }
  });
});
