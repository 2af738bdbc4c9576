/**
 * A recorded mini-show for the replay tests: a host and two viewers on a memory network with one
 * hand-driven clock; the host records its timeline while it pins, drops a perk, asks and reveals a
 * quiz, runs a tap lottery to a draw and chats. `truth` is what a live viewer's screen showed at
 * each show time, to compare a replay against.
 */
import { startShow } from './show.js';
import { TimelineRecorder } from '../../src/core/timeline-recorder.js';
import type { Timeline } from '../../src/core/timeline.js';

export interface LiveMoment {
  /** Show time (ms). */
  t: number;
  pinned: string | null;
  chat: string[];
  lottery: string | null;
  quiz: string | null;
}

export async function recordMiniShow(): Promise<{ timeline: Timeline; truth: LiveMoment[] }> {
  const T0 = 1_700_000_000_000;
  let now = T0;
  const localNow = () => now;
  const show = await startShow(2, {}, { localNow, snapshotEveryMs: 1e9, clockSyncEveryMs: 1e9 });
  const { host, viewers } = show;
  const [a, b] = viewers as [(typeof viewers)[0], (typeof viewers)[0]];
  const recorder = new TimelineRecorder(() => 'mini-show');
  recorder.follow(host);
  const truth: LiveMoment[] = [];
  const at = (ms: number) => (now = T0 + ms);
  const moment = () =>
    truth.push({
      t: now - T0,
      pinned: a.state.pinned?.product.title ?? null,
      chat: a.state.chat.map((line) => line.text),
      lottery: a.state.lottery?.status ?? null,
      quiz: a.state.quiz?.status ?? null,
    });
  host.act('show', { phase: 'live', title: 'Mini show', startedAt: T0 });
  at(200);
  host.act('pin', { product: { id: 'scarf', title: 'Jade scarf', price: '$19' }, remaining: 5 });
  at(300);
  a.chat('first!', { name: 'Ana' });
  moment();
  at(800);
  host.act('perk.drop', { id: 'ship', title: 'Free shipping', code: 'SHIPFREE' });
  await host.askQuiz({ question: 'What is the scarf made of?', options: ['Silk', 'Wool'], correct: 0, seconds: 600 });
  at(1100);
  b.chat('silk?', { name: 'Bo' });
  moment();
  at(1500);
  host.revealQuiz('It is mulberry silk.');
  moment();
  at(2000);
  host.act('pin', { product: { id: 'fan', title: 'Silk fan', price: '$12' }, remaining: null });
  const lottery = await host.openLottery({ mode: 'tap', prize: 'A silk fan', seconds: 3600 });
  a.enter(lottery.body.id);
  b.enter(lottery.body.id);
  moment();
  at(2500);
  await host.drawLottery();
  at(2600);
  a.chat('congrats', { name: 'Ana' });
  moment();
  at(3200);
  host.act('announce', { text: 'Thanks for watching' });
  host.act('show', { phase: 'ended', title: 'Mini show', startedAt: T0 });
  moment();
  const timeline = recorder.document();
  recorder.close();
  await show.close();
  return { timeline, truth };
}
