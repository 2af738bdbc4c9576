/**
 * <linger-vote> in a replay (docs/replay.md): the vote as it was at that moment of the recording,
 * options as lines with their shares, never a vote button, "This vote happened during the live
 * show."; after the close the result, re-checked on this screen from the recorded ballot list.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import '../../../src/elements/vote/linger-vote.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';
import type { LingerVote } from '../../../src/elements/vote/vote.js';
import { TimelineRecorder } from '../../../src/core/timeline-recorder.js';
import type { Timeline } from '../../../src/core/timeline.js';
import { startShow } from '../../helpers/show.js';

const CLIP = '/test/fixtures/media/clip.mp4';
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const text = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

async function recordVoteShow(): Promise<Timeline> {
  const T0 = 1_700_000_000_000;
  let now = T0;
  const show = await startShow(2, {}, { localNow: () => now, snapshotEveryMs: 1e9, clockSyncEveryMs: 1e9 });
  const { host, viewers } = show;
  const recorder = new TimelineRecorder(() => 'vote-show');
  recorder.follow(host);
  host.act('show', { phase: 'live', title: 'Vote show', startedAt: T0 });
  now = T0 + 200;
  await host.openVote({ id: 'colour', question: 'Which colour do we open the sale on?', options: ['Jade', 'Rose'], seconds: 600 });
  viewers[0]!.castVote('colour', 0);
  viewers[1]!.castVote('colour', 0);
  await until(() => host.ledger.votes.get('colour')?.size === 2, 'two votes counted');
  now = T0 + 1500;
  await host.closeVote();
  now = T0 + 2500;
  host.act('announce', { text: 'Jade it is' });
  const timeline = recorder.document();
  recorder.close();
  await show.close();
  return timeline;
}

describe('<linger-vote> in a replay', () => {
  let timeline: Timeline;
  before(async function () {
    this.timeout(60_000);
    await (await fetch(CLIP)).arrayBuffer();
    timeline = await recordVoteShow();
  });

  for (const [lang, note, result] of [
    ['en', 'This vote happened during the live show.', 'Jade'],
    ['ar', 'جرى هذا التصويت أثناء البث المباشر.', 'Jade'],
  ] as const) {
    it(`shows the vote as it was, no vote button, then the result verified here (${lang}, axe)`, async function () {
      this.timeout(60_000);
      const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}>
        <linger-room .timeline=${timeline}><linger-player src=${CLIP}></linger-player><linger-vote></linger-vote></linger-room>
      </div>`);
      const player = wrapper.querySelector<LingerPlayer>('linger-player')!;
      const vote = wrapper.querySelector<LingerVote>('linger-vote')!;
      const video = () => player.shadowRoot!.querySelector('video')!;
      await until(() => player.status === 'replay' && video().readyState >= 2 && video().seekable.length > 0, 'the recording can seek');
      video().pause();
      player.currentTime = 1;
      const part = (name: string) => vote.shadowRoot?.querySelectorAll(`[part~="${name}"]`) ?? [];
      await until(() => part('option').length === 2, 'the open vote, as it was at 1 s');
      expect(vote.shadowRoot!.querySelectorAll('button').length, 'no vote button').to.equal(0);
      await until(() => part('status')[0]?.textContent === note, `the note says it happened live: ${text(vote)}`);
      expect(part('result').length, 'no result yet').to.equal(0);
      await expect(vote).to.be.accessible();
      player.currentTime = 2;
      await until(() => part('result').length === 1, 'closed at 2 s');
      expect(part('result')[0]!.textContent).to.include(result);
      await until(() => part('verify')[0]?.getAttribute('data-status') === 'verified', `re-checked on this screen: ${text(vote)}`);
      expect(vote.shadowRoot!.querySelectorAll('button').length, 'still no vote button').to.equal(0);
      expect(part('status')[0]?.textContent).to.equal(note);
      expect([...part('option-share')].map((share) => share.textContent!.replace(/\D/g, '')), 'the shares as recorded').to.deep.equal(['100', '0']);
      await expect(vote).to.be.accessible();
    });
  }
});
