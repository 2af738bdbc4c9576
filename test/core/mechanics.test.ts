import { expect, waitUntil } from '@open-wc/testing';
import { answerHash, verifyAnswer } from '../../src/core/quiz-hash.js';
import { escapeIcsText, foldIcsLine, googleCalendarUrl, icsEvent, outlookCalendarUrl } from '../../src/core/calendar.js';
import { countdownPhase } from '../../src/core/countdown-phase.js';
import { startShow, sleep } from '../helpers/show.js';

describe('quiz over memory rooms', () => {
  it('locks the first answer, rejects late answers at the host, hides the answer until the reveal, adds up the score', async () => {
    const show = await startShow(3);
    const { host, viewers, network } = show;
    network.recordWire = true;
    try {
      const questions = [
        { question: 'Which fabric breathes best?', options: ['Linen', 'Polyester', 'Nylon'], correct: 0 },
        { question: 'Best for rain?', options: ['Suede', 'Gore-Tex'], correct: 1 },
        { question: 'Sizes run…', options: ['Small', 'True', 'Large', 'Varies'], correct: 3 },
      ];
      const picks = [
        [0, 1, 3],
        [1, 1, 0],
        [0, 0, 3],
      ];
      for (let q = 0; q < questions.length; q++) {
        const id = `q${q}`;
        await host.askQuiz({ id, ...questions[q]!, seconds: q === 2 ? 0.6 : 30 });
        await waitUntil(() => viewers.every((v) => v.state.quiz?.id === id));
        viewers.forEach((viewer, v) => {
          if (q === 2 && v === 2) return; // answers late, below
          viewer.answer(id, picks[v]![q]!);
          viewer.answer(id, (picks[v]![q]! + 1) % questions[q]!.options.length); // a second tap changes nothing
        });
        if (q === 2) {
          await sleep(800);
          viewers[2]!.answer(id, 3); // right answer, but after closesAt: the host refuses it
          await waitUntil(() => viewers[2]!.viewer.answers[id]?.status === 'rejected', 'late answer rejected by the host');
          expect(viewers[2]!.viewer.answers[id]!.reason, 'rejected as late').to.equal('late');
        }
        await waitUntil(() => viewers.every((v, i) => (q === 2 && i === 2) || v.viewer.answers[id]?.status === 'locked'), 'answers locked by the host');
        viewers.forEach((viewer, v) => {
          if (!(q === 2 && v === 2)) expect(viewer.viewer.answers[id]!.choice, `viewer ${v} keeps the first choice`).to.equal(picks[v]![q]);
        });
        expect([...host.ledger.answers.get(id)!.values()].length, 'one answer per viewer at the host').to.equal(q === 2 ? 2 : 3);
        // Before the reveal, nothing on the wire gives the answer away.
        const before = network.wire.map((w) => w.data);
        const revealed = host.revealQuiz(`Because ${questions[q]!.options[questions[q]!.correct]}.`);
        const salt = revealed.body.salt;
        expect(before.some((raw) => raw.includes(salt)), 'the salt never crossed the wire before the reveal').to.equal(false);
        const ask = before.map((raw) => JSON.parse(raw)).find((m) => m.type === 'quiz.ask' && m.body.id === id);
        expect(Object.keys(ask.body).sort(), 'quiz.ask carries no answer').to.deep.equal(['answerHash', 'closesAt', 'id', 'options', 'question']);
        await waitUntil(() => viewers.every((v) => v.viewer.quizChecks[id] === true), 'every screen verifies the answer hash');
      }
      expect(viewers.map((v) => v.viewer.score), 'running scores').to.deep.equal([
        { right: 3, revealed: 3 },
        { right: 1, revealed: 3 },
        { right: 1, revealed: 3 },
      ]);
      expect(viewers[0]!.state.quiz!.shares, 'shares per option from the host').to.deep.equal([0.5, 0, 0, 0.5]);
    } finally {
      await show.close();
    }
  });

  it('a reveal that does not match the published hash fails the check', async () => {
    const hash = await answerHash('00ff', 2);
    expect(await verifyAnswer(hash, '00ff', 2), 'honest').to.equal(true);
    expect(await verifyAnswer(hash, '00ff', 1), 'another answer').to.equal(false);
    const show = await startShow(1);
    try {
      show.host.act('quiz.ask', { id: 'qx', question: 'Q?', options: ['a', 'b'], closesAt: Date.now() + 10_000, answerHash: await answerHash('abcd', 0) });
      show.host.act('quiz.reveal', { id: 'qx', correct: 1, salt: 'abcd', explanation: '', shares: [] });
      await waitUntil(() => show.viewers[0]!.viewer.quizChecks.qx === false, 'the mismatch is reported');
    } finally {
      await show.close();
    }
  });
});

describe('countdown phase on skewed clocks', () => {
  it('switches to pre-announce and drop at the same host second on viewers ±5 minutes off', async function () {
    this.timeout(20_000);
    const skews = [5 * 60_000, -5 * 60_000, 0];
    const show = await startShow(3, {}, { viewerNow: (i) => () => Date.now() + skews[i]! });
    const { host, viewers } = show;
    try {
      await waitUntil(() => viewers.every((v) => v.clock.uncertainty < 50), 'clocks synced', { timeout: 5000 });
      const at = Math.round(host.clock.now() + 3000);
      host.act('schedule', { perks: [{ id: 'p1', kind: 'first-n', at, lead: 2, prompt: 'Type 1!', title: 'First 5 orders: -30%' }] });
      await waitUntil(() => viewers.every((v) => v.state.schedule.length === 1));
      const switches = viewers.map(() => ({ announce: 0, drop: 0 }));
      const deadline = performance.now() + 4500;
      while (performance.now() < deadline) {
        viewers.forEach((viewer, i) => {
          const phase = countdownPhase(viewer.state.schedule, viewer.state.perk, viewer.clock.now()).phase;
          const hostNow = host.clock.now();
          if (phase === 'announce' && !switches[i]!.announce) switches[i]!.announce = hostNow;
          if (phase === 'drop' && !switches[i]!.drop) switches[i]!.drop = hostNow;
        });
        await sleep(20);
      }
      switches.forEach((seen, i) => {
        expect(Math.abs(seen.announce - (at - 2000)), `viewer ${i} (skew ${skews[i]! / 60_000} min) pre-announces on time`).to.be.below(150);
        expect(Math.abs(seen.drop - at), `viewer ${i} drops on time`).to.be.below(150);
      });
    } finally {
      await show.close();
    }
  });

  it('phases: counting → announce → drop (stays while first-N remain) → next', () => {
    const perks = [
      { id: 'a', kind: 'flash' as const, at: 100_000, lead: 60, prompt: 'Get ready', title: 'Flash' },
      { id: 'b', kind: 'first-n' as const, at: 400_000, lead: 90, prompt: 'Type 1', title: 'First 10' },
    ];
    expect(countdownPhase(perks, null, 0)).to.deep.include({ phase: 'counting', seconds: 100 });
    expect(countdownPhase(perks, null, 40_001)).to.deep.include({ phase: 'announce', seconds: 60 });
    expect(countdownPhase(perks, null, 100_000)).to.deep.include({ phase: 'drop', drop: null });
    expect(countdownPhase(perks, null, 220_000)).to.deep.include({ phase: 'counting', seconds: 180 });
    const drop = { id: 'b', title: 'First 10', remaining: 3 };
    expect(countdownPhase(perks, drop, 400_000 + 600_000).phase, 'first-N drop stays while some are left').to.equal('drop');
    expect(countdownPhase(perks, { ...drop, remaining: 0 }, 400_000 + 600_000).phase).to.equal('idle');
    // "Fire now": the host drops perk b long before its time (the reducer stamps `at`), while perk a is still ahead.
    const early = { ...drop, remaining: 0, at: 5_000 };
    expect(countdownPhase(perks, early, 10_000, 60_000), 'an early drop shows at once').to.deep.include({ phase: 'drop', perk: perks[1], drop: early });
    expect(countdownPhase(perks, early, 90_000, 60_000), 'for dropMs from when it dropped').to.deep.include({ phase: 'announce', perk: perks[0], seconds: 10 });
    expect(countdownPhase(perks, early, 400_000, 60_000).phase, 'not again at its planned time').to.equal('idle');
  });
});

describe('first-N perk claims', () => {
  it('the host accepts N claims, decrements the remaining count and refuses the rest as sold out', async () => {
    const show = await startShow(4);
    const { host, viewers } = show;
    try {
      host.act('perk.drop', { id: 'fn', title: 'First 2', remaining: 2 });
      await waitUntil(() => viewers.every((v) => v.state.perk?.id === 'fn'));
      viewers.forEach((viewer) => viewer.claim('fn'));
      await waitUntil(() => viewers.every((v) => v.viewer.claims.fn?.status !== 'sent'), 'every claim answered');
      expect(viewers.filter((v) => v.viewer.claims.fn!.status === 'ok').length, 'two claims accepted').to.equal(2);
      expect(viewers.filter((v) => v.viewer.claims.fn!.reason === 'sold-out').length, 'two sold out').to.equal(2);
      await waitUntil(() => viewers.every((v) => v.state.perk?.remaining === 0), 'remaining reaches 0 on every screen', { timeout: 3000 });
    } finally {
      await show.close();
    }
  });
});

describe('.ics reminders', () => {
  it('escapes text, folds at 75 octets, uses CRLF and UTC times', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).to.equal('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldIcsLine(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length, 'each physical line ≤ 75 octets').to.be.at.most(75);
    expect(folded.replace(/\r\n /g, ''), 'unfolds to the original').to.equal(long);
    const start = Date.UTC(2025, 2, 1, 19, 30);
    const ics = icsEvent({ id: 'perk-1', title: 'Flash sale, 30%; today', start, minutes: 15, url: 'https://shop.example/live' }, start - 1000);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), 'starts as a calendar').to.equal(true);
    expect(ics, 'start').to.include('DTSTART:20250301T193000Z\r\n');
    expect(ics, 'end').to.include('DTEND:20250301T194500Z\r\n');
    expect(ics, 'escaped summary').to.include('SUMMARY:Flash sale\\, 30%\\; today\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n'), 'ends with CRLF').to.equal(true);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75), 'no line over 75 octets').to.equal(true);
    expect(googleCalendarUrl({ id: 'x', title: 'T', start })).to.include('dates=20250301T193000Z%2F20250301T194500Z');
    expect(outlookCalendarUrl({ id: 'x', title: 'T', start })).to.include('startdt=2025-03-01T19%3A30%3A00.000Z');
  });
});
