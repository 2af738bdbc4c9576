import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/report/linger-report.js';
import type { LingerReport } from '../../../src/elements/report/report.js';
import { translation } from '../../../src/elements/report/report.strings.js';
import type { LingerEvent } from '../../../src/events/types.js';
import { expectNoRawKeys } from '../../helpers/i18n.js';
import { T, workedExample } from '../../analytics/worked-example.js';
import { CORPUS, canaryFired, resetCanary } from '../../hardening/corpus.js';

const s = (seconds: number) => T + seconds * 1000;
let n = 0;
const e = (type: string, at: number, viewerId: string, props: Record<string, unknown>, id = `vt${++n}`): LingerEvent =>
  ({ id, type, at, show: 'spring', viewerId, sessionId: `${viewerId.toLowerCase()}1`, locale: 'en', props }) as LingerEvent;

/** docs/metrics.md's worked example with a topic, a vote (hostile option labels) and verified tiers. */
function showWithVotes(hostile: string[]): LingerEvent[] {
  return [
    ...workedExample,
    e('timeline', s(20), 'H', { kind: 'topic_posted', ref: 't1', label: hostile[0] }, 'tl-topic'),
    e('timeline', s(30), 'H', { kind: 'vote_opened', ref: 'v1', label: 'Which colour next?' }, 'tl-vote'),
    e('tier_verified', s(45), 'A', { tier: 'gold' }),
    e('tier_verified', s(125), 'C', { tier: hostile[1] }),
    e('topic_answer', s(50), 'C', { topic: 't1', length: 9 }),
    e('vote_cast', s(70), 'D', { vote: 'v1', choice: 1 }),
    e('timeline', s(90), 'H', { kind: 'vote_closed', ref: 'v1', label: 'Which colour next?', option: 1 }, 'tl-close'),
    e('timeline', s(90), 'H', { kind: 'vote_result', ref: 'v1', option: 0, votes: 1, label: 'Jade' }, 'tl-close-0'),
    e('timeline', s(90), 'H', { kind: 'vote_result', ref: 'v1', option: 1, votes: 3, label: hostile[2] }, 'tl-close-1'),
  ];
}

const rows = (el: LingerReport, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)].map((node) => node.textContent!.replace(/\s+/g, ' ').trim());

describe('<linger-report>: votes, topics and member tiers (issue 18)', () => {
  it('shows the vote result the host published, the topic and vote marks, and interaction and return rate per tier; accessible', async () => {
    const el = await fixture<LingerReport>(html`<linger-report .events=${showWithVotes(['Where would you wear this?', 'silver', 'Coral'])} style="inline-size: 720px"></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=votes]'), 'votes drawn');
    const m = el.metrics!;
    expect(m.interacting, 'A chat, B like, C topic answer, D vote: all four interacted').to.equal(4);
    expect(el.shadowRoot!.querySelectorAll('.value')[1]!.textContent!.trim(), 'interaction rate').to.equal('100%');
    expect(rows(el, '.timeline li').filter((t) => /Topic posted|Vote opened|Vote closed/.test(t)), 'on the timeline (marker number, time, kind, label)').to.deep.equal([
      '20:20 Topic posted — Where would you wear this?',
      '30:30 Vote opened — Which colour next?',
      '41:30 Vote closed — Which colour next?',
    ]);
    expect(rows(el, '.votes > ol > li > strong')).to.deep.equal(['1:30 Which colour next?']);
    expect(rows(el, '[part=vote-option]')).to.deep.equal(['Jade 1 (25%)', 'Coral Winner 3 (75%)']);
    expect(el.shadowRoot!.querySelector('.won [part=vote-winner]'), 'the winner marked').to.not.equal(null);
    const bars = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=vote-option] .bar')].map((bar) => bar.getBoundingClientRect().width);
    expect(bars[1]! / bars[0]!, 'bars as long as the shares (set through CSSOM: no style attribute under a strict CSP)').to.be.closeTo(3, 0.1);
    expect(rows(el, '.tiers tbody tr')).to.deep.equal(['No verified tier 2 100% 0%', 'gold 1 100% 0%', 'silver 1 100% 100%']);
    expectNoRawKeys(el, translation as never);
    await expect(el).to.be.accessible();
  });

  it('in Arabic: right to left, translated, accessible', async () => {
    const el = await fixture<LingerReport>(html`<linger-report locale="ar" .events=${showWithVotes(['أين سترتدينه؟', 'ذهبي', 'مرجاني'])}></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#votes-title')?.textContent === 'نتائج التصويت', 'Arabic loads');
    expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('dir')).to.equal('rtl');
    expect(el.shadowRoot!.querySelector('#tiers-title')!.textContent).to.equal('حسب فئة العضوية');
    expect(rows(el, '.tiers tbody th')[0], 'no verified tier, in Arabic').to.equal('دون فئة موثّقة');
    await expect(el).to.be.accessible();
  });

  it('hostile topic, tier and option labels render as text, never as markup', async () => {
    resetCanary();
    const payloads = CORPUS.filter((p) => p.text.length <= 120).map((p) => p.text);
    // One report with every payload: as topics, as tiers of viewers, and as options of votes (six a vote).
    const events = [...workedExample];
    payloads.forEach((text, i) => {
      events.push(e('timeline', s(20) + i, 'H', { kind: 'topic_posted', ref: `t${i}`, label: text }, `h-topic-${i}`));
      events.push(e('tier_verified', s(45), `X${i}`, { tier: text }, `h-tier-${i}`));
      const vote = Math.floor(i / 6);
      if (i % 6 === 0) events.push(e('timeline', s(90) + vote, 'H', { kind: 'vote_closed', ref: `hv${vote}`, label: text, option: 0 }, `h-close-${vote}`));
      events.push(e('timeline', s(90) + vote, 'H', { kind: 'vote_result', ref: `hv${vote}`, option: i % 6, votes: 1, label: text }, `h-result-${i}`));
    });
    const el = await fixture<LingerReport>(html`<linger-report .events=${events}></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=votes]'), 'drawn');
    const root = el.shadowRoot!;
    expect(root.querySelector('script, img, iframe, svg, video, audio, object, embed, a, input, form'), 'no markup from any payload').to.equal(null);
    expect([...root.querySelectorAll('[part=vote-option] bdi')].map((b) => b.textContent), 'every option label verbatim, as text').to.deep.equal(payloads);
    const tiers = [...root.querySelectorAll('.tiers tbody th bdi')].map((b) => b.textContent);
    expect([...tiers].sort(), 'every tier name verbatim, as text').to.deep.equal([...new Set(payloads)].sort());
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(canaryFired(), 'no payload ran').to.equal(false);
  });
});

describe('the collector summary’s tiers, votes, live and replay', () => {
  it('are read when well formed, default when absent (an older collector), and refuse the summary when malformed', async () => {
    const { parseReportSummary } = await import('../../../src/elements/report/summary.js');
    const { computeMetrics } = await import('../../../src/analytics/metrics.js');
    const metrics = computeMetrics(showWithVotes(['Topic', 'silver', 'Coral']), { show: 'spring' });
    const ok = parseReportSummary({ format: 'linger-report/1', metrics })!;
    expect(ok.metrics, 'round trip').to.deep.equal(metrics);
    const { tiers: _t, votes: _v, live: _l, replay: _r, ...older } = metrics;
    const old = parseReportSummary({ format: 'linger-report/1', metrics: older })!;
    expect([old.metrics.tiers, old.metrics.votes, old.metrics.replay.viewers, old.metrics.live.viewers], 'defaults').to.deep.equal([[], [], 0, metrics.viewers]);
    const bad = (patch: Record<string, unknown>) => parseReportSummary({ format: 'linger-report/1', metrics: { ...metrics, ...patch } });
    expect(bad({ votes: [{ ...metrics.votes[0], winner: 9 }] }), 'a winner that is no option').to.equal(null);
    expect(bad({ votes: [{ ...metrics.votes[0], options: [{ votes: -1 }] }] }), 'negative votes').to.equal(null);
    expect(bad({ tiers: [{ ...metrics.tiers[0], interactionRate: 2 }] }), 'a rate above 1').to.equal(null);
    expect(bad({ tiers: 'gold' }), 'not a list').to.equal(null);
    expect(bad({ replay: { ...metrics.replay, addToCarts: 1.5 } }), 'a fractional count').to.equal(null);
    const long = parseReportSummary({ format: 'linger-report/1', metrics: { ...metrics, tiers: [{ ...metrics.tiers[0], tier: 'x'.repeat(5000) }] } })!;
    expect(long.metrics.tiers[0]!.tier.length, 'long text capped').to.equal(200);
  });
});
