import { expect, waitUntil } from '@open-wc/testing';
import { RoomSession } from '../../src/core/session.js';
import { signTierClaim } from '../../src/core/tier-claim.js';
import { ViewerEvents } from '../../src/events/viewer-events.js';
import { ConsentGate } from '../../src/events/consent.js';
import { CallbackSink } from '../../src/events/sink.js';
import type { LingerEvent } from '../../src/events/types.js';
import { computeMetrics } from '../../src/analytics/metrics.js';
import { MemoryNetwork } from '../../src/transports/memory.js';
import { CORPUS } from '../hardening/corpus.js';

const clearLinger = () => Object.keys(localStorage).filter((k) => k.startsWith('linger-')).forEach((k) => localStorage.removeItem(k));
const kindOf = (e: LingerEvent) => (e.props as { kind?: string }).kind;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** A viewer's events, collected as its page's sinks would get them (consent granted). */
function collect(session: RoomSession, sessionId: string): { events: ViewerEvents; got: LingerEvent[] } {
  const consent = new ConsentGate();
  consent.set('granted');
  const got: LingerEvent[] = [];
  const events = new ViewerEvents({ session, consent, show: () => 'spring', locale: () => 'en', sessionId, storage: null });
  events.addSink(new CallbackSink((e) => got.push(e)));
  return { events, got };
}

describe('vote and topic events (issue 18), with the verified tier', () => {
  beforeEach(clearLinger);

  it('a vote cast and a topic answer are interactions with no free text; the host’s topic, vote and result are on the timeline; the verified tier is reported', async function () {
    this.timeout(60_000);
    const merchant = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'], tierKey: JSON.stringify(await crypto.subtle.exportKey('jwk', merchant.publicKey)) });
    await host.connect();
    const gold = new RoomSession({ transport: network.connect('gold-1'), hosts: ['host-1'], tierClaim: await signTierClaim(merchant.privateKey, 'gold-1', { tier: 'gold', exp: inAnHour() }) });
    const plain = new RoomSession({ transport: network.connect('plain-1'), hosts: ['host-1'] });
    await gold.connect();
    await plain.connect();
    const a = collect(gold, 'sa');
    const b = collect(plain, 'sb');
    try {
      const hostile = CORPUS.find((p) => p.text.includes('onerror') && p.text.length < 100)!.text;
      host.act('topic', { id: 't1', text: 'Where would you wear this?' });
      await waitUntil(() => gold.state.topic?.id === 't1' && plain.state.topic?.id === 't1', 'topic on every screen');
      expect(gold.chat(`To the beach ${hostile}`, { topic: 't1' }).ok, 'answer sent').to.equal(true);
      expect(plain.chat('hello').ok, 'a line that answers no topic').to.equal(true);
      await host.openVote({ id: 'v1', question: 'Which colour next?', options: ['Jade', hostile], seconds: 3600 });
      await waitUntil(() => gold.state.vote?.id === 'v1' && plain.state.vote?.id === 'v1', 'vote open everywhere');
      gold.castVote('v1', 1);
      plain.castVote('v1', 1);
      await waitUntil(() => gold.viewer.votes.v1?.status === 'counted' && plain.viewer.votes.v1?.status === 'counted', 'both votes counted');
      await host.closeVote();
      await waitUntil(() => [a, b].every(({ got }) => got.filter((e) => e.type === 'timeline' && kindOf(e) === 'vote_result').length === 2), 'the result reaches both pages');
      await waitUntil(() => a.got.some((e) => e.type === 'tier_verified'), 'the gold viewer’s tier verified by the host');

      const answer = a.got.find((e) => e.type === 'topic_answer')!;
      expect(answer.props, 'topic id and length, never the text').to.deep.equal({ topic: 't1', length: `To the beach ${hostile}`.length });
      expect(b.got.some((e) => e.type === 'topic_answer'), 'a plain chat line is no topic answer').to.equal(false);
      expect(a.got.find((e) => e.type === 'vote_cast')!.props, 'vote id and option index').to.deep.equal({ vote: 'v1', choice: 1 });
      expect(JSON.stringify(a.got.filter((e) => e.type !== 'timeline')), 'no free text in the viewer’s own events').to.not.include('beach');
      expect(a.got.filter((e) => e.type === 'tier_verified').map((e) => e.props), 'the verified tier, once').to.deep.equal([{ tier: 'gold' }]);
      expect(b.got.some((e) => e.type === 'tier_verified'), 'no claim, no tier').to.equal(false);

      const kinds = (got: LingerEvent[]) => got.filter((e) => e.type === 'timeline').map(kindOf);
      expect(kinds(a.got)).to.deep.equal(['topic_posted', 'vote_opened', 'vote_closed', 'vote_result', 'vote_result']);
      const ids = (got: LingerEvent[]) => got.filter((e) => e.type === 'timeline').map((e) => e.id);
      expect(ids(a.got), 'the same ids on every page: the collector keeps one copy').to.deep.equal(ids(b.got));
      const results = a.got.filter((e) => e.type === 'timeline' && kindOf(e) === 'vote_result').map((e) => e.props);
      expect(results).to.deep.equal([
        { kind: 'vote_result', ref: 'v1', option: 0, votes: 0, label: 'Jade' },
        { kind: 'vote_result', ref: 'v1', option: 1, votes: 2, label: hostile },
      ]);

      // The report's figures from these events: both interacted (a vote, a topic answer or chat), per tier.
      const all = [...a.got, ...b.got];
      const m = computeMetrics(all, { show: 'spring' });
      expect(m.interacting, 'both voters interacted').to.equal(2);
      expect(m.tiers.map((t) => [t.tier, t.viewers, t.interacting])).to.deep.equal([['', 1, 1], ['gold', 1, 1]]);
      expect(m.votes, 'the host’s published result').to.deep.equal([
        { vote: 'v1', at: m.votes[0]!.at, minute: m.votes[0]!.minute, question: 'Which colour next?', options: [{ label: 'Jade', votes: 0 }, { label: hostile, votes: 2 }], total: 2, winner: 1 },
      ]);
      expect(m.timeline.map((t) => t.kind), 'vote results are no timeline marks').to.deep.equal(['topic_posted', 'vote_opened', 'vote_closed']);
    } finally {
      a.events.dispose();
      b.events.dispose();
      await Promise.all([host, gold, plain].map((s) => s.close()));
    }
  });
});
