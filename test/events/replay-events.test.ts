import { expect, waitUntil } from '@open-wc/testing';
import { parseTimeline } from '../../src/core/timeline.js';
import { TimelineIndex } from '../../src/core/timeline-index.js';
import { ReplaySession } from '../../src/core/timeline-session.js';
import { ViewerEvents } from '../../src/events/viewer-events.js';
import { ConsentGate } from '../../src/events/consent.js';
import { CallbackSink } from '../../src/events/sink.js';
import type { LingerEvent } from '../../src/events/types.js';
import type { RoomSession } from '../../src/core/session.js';
import { computeMetrics } from '../../src/analytics/metrics.js';
import { recordMiniShow } from '../helpers/mini-show.js';
import { startShow } from '../helpers/show.js';

function collect(session: RoomSession, show: string, sessionId: string) {
  const consent = new ConsentGate();
  consent.set('granted');
  const got: LingerEvent[] = [];
  const events = new ViewerEvents({ session, consent, show: () => show, now: () => Date.now(), locale: () => 'en', sessionId, storage: null });
  events.addSink(new CallbackSink((e) => got.push(e)));
  return { events, got };
}

describe('replay events (issue 17): flagged, and counted apart from the live show', () => {
  it('a replay session’s watch time and add-to-carts carry replay: true; the live show’s do not; the report splits them', async function () {
    this.timeout(60_000);
    const { timeline } = await recordMiniShow();
    const parsed = parseTimeline(JSON.stringify(timeline));
    if (!parsed.ok) throw new Error('timeline refused');
    const replay = new ReplaySession(new TimelineIndex(parsed.timeline));
    await replay.connect();
    const live = await startShow(1);
    const r = collect(replay, 'mini-show:replay', 'rs-1');
    const l = collect(live.viewers[0]!, 'mini-show', 'ls-1');
    try {
      for (const [session, seconds] of [[replay, 15], [live.viewers[0]!, 30]] as const) {
        session.track('session_start', {});
        session.track('heartbeat', { seconds });
        session.track('add_to_cart', { product: 'fan', quantity: 1 });
      }
      await waitUntil(() => r.got.length === 3 && l.got.length >= 3, 'both pages’ events');
      expect(r.got.map((e) => [e.type, e.show, e.replay]), 'every replay event flagged').to.deep.equal([
        ['session_start', 'mini-show:replay', true],
        ['heartbeat', 'mini-show:replay', true],
        ['add_to_cart', 'mini-show:replay', true],
      ]);
      expect(l.got.every((e) => !('replay' in e)), 'live events carry no flag').to.equal(true);

      // A replay event under the live show's id (the flag only) still counts for the replay.
      const strayId = { ...r.got[1]!, id: 'stray', show: 'mini-show', props: { seconds: 10 } } as LingerEvent;
      const m = computeMetrics([...l.got, ...r.got, strayId]);
      expect(m.show, 'the default show is the live one, not its later replay').to.equal('mini-show');
      expect(m.watchSeconds, 'live watch time without the replay').to.equal(30);
      expect(m.live).to.deep.equal({ viewers: 1, sessions: 1, watchSeconds: 30, avgWatchPerViewer: 30, addToCarts: 1, carted: 1 });
      expect(m.replay).to.deep.equal({ viewers: 1, sessions: 1, watchSeconds: 25, avgWatchPerViewer: 25, addToCarts: 1, carted: 1 });
      expect(computeMetrics([...r.got, strayId], { show: 'mini-show:replay' }).watchSeconds, 'the replay’s own report').to.equal(25);
    } finally {
      r.events.dispose();
      l.events.dispose();
      await replay.close();
      await live.close();
    }
  });
});
