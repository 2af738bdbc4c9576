import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/report/linger-report.js';
import type { LingerReport } from '../../../src/elements/report/report.js';
import { computeMetrics } from '../../../src/analytics/metrics.js';
import { parseReportSummary } from '../../../src/elements/report/summary.js';
import type { LingerEvent } from '../../../src/events/types.js';
// The collector's generator (plain ESM): the fixture below is the collector's report of this show.
import { sampleShow } from '../../../collector/src/sample-show.mjs';

// Written by test/collector/metrics-equal.node.test.mjs from the collector's GET /shows/:id/report.
const SUMMARY = '/test/elements/report/collector-summary.json';
const pct = (x: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(x);
const figure = (el: LingerReport, name: string) => el.shadowRoot!.querySelector(`[data-figure=${name}]`);

describe('<linger-report src> with a collector summary', () => {
  it('draws the SQL figures, which equal metrics.ts on the same show, and the sales figures', async () => {
    const el = await fixture<LingerReport>(html`<linger-report src=${SUMMARY} style="inline-size: 720px"></linger-report>`);
    await waitUntil(() => el.metrics && figure(el, 'revenue'), 'summary loaded and drawn');
    const events = sampleShow().events as LingerEvent[];
    expect(el.metrics, 'same figures as computing in the browser').to.deep.equal(computeMetrics(events, { show: 'spring-sale' }));
    const values = [...el.shadowRoot!.querySelectorAll('.value')].map((n) => n.textContent!.trim());
    const m = el.metrics!;
    expect(values.slice(0, 4)).to.deep.equal([
      `${Math.floor(m.avgWatchPerViewer / 60)}:${String(Math.floor(m.avgWatchPerViewer % 60)).padStart(2, '0')}`,
      pct(m.interactionRate),
      pct(m.returnRate),
      String(m.viewers),
    ]);
    const summary = parseReportSummary(await (await fetch(SUMMARY)).json())!;
    const c = summary.commerce!;
    const money = c.revenue.map((r) => new Intl.NumberFormat('en', { style: 'currency', currency: r.currency }).format(r.minor / 100)).join(' · ');
    expect(figure(el, 'revenue')!.querySelector('.value')!.textContent!.trim()).to.equal(money);
    expect(figure(el, 'revenue')!.querySelector('.sub')!.textContent).to.equal(`${c.orders} orders from this show`);
    expect(figure(el, 'conversion')!.querySelector('.sub')!.textContent).to.equal(
      `${c.funnel.viewers} watched → ${c.funnel.interacted} interacted → ${c.funnel.addedToCart} added to cart → ${c.funnel.ordered} ordered`,
    );
    expect(c.funnel.ordered).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelectorAll('.drops li').length, 'the three steepest drops').to.equal(3);
    await expect(el).to.be.accessible();
  });

  it('lists revenue by minute beside the curve and each perk against the show average (currency-aware)', async () => {
    const summary = parseReportSummary(await (await fetch(SUMMARY)).json())!;
    const base = summary.commerce!;
    const value = {
      format: 'linger-report/1',
      metrics: summary.metrics,
      commerce: {
        ...base,
        byMinute: [
          { minute: 2, currency: 'EUR', orders: 2, minor: 5198 },
          { minute: 2, currency: 'JPY', orders: 1, minor: 1200 },
        ],
        perks: [{ ...base.perks[0]!, orders: 3, revenue: [{ currency: 'JPY', minor: 3600 }], baselineOrders: 1.25 }],
      },
    };
    const parsed = parseReportSummary(value)!;
    expect(parsed.commerce!.byMinute).to.deep.equal(value.commerce.byMinute);
    expect(parsed.commerce!.perks[0]!.retention).to.equal(base.perks[0]!.retention);
    const broken = { ...value, commerce: { ...value.commerce, perks: [{ ...value.commerce.perks[0], retention: 3 }] } };
    expect(parseReportSummary(broken)!.commerce, 'a share above 1 drops the sales, not the report').to.equal(null);

    // The collector answers this summary (fetch stubbed for one URL; the element only loads http(s)).
    const realFetch = window.fetch;
    const url = `${location.origin}/test-api/collector-summary-with-sales.json`;
    window.fetch = (input, init) => (String(input) === url ? Promise.resolve(new Response(JSON.stringify(value))) : realFetch(input, init));
    const el = await fixture<LingerReport>(html`<linger-report style="inline-size: 720px"></linger-report>`);
    try {
      el.src = url;
      await waitUntil(() => el.shadowRoot!.querySelector('.perks li'), 'perks drawn');
    } finally {
      window.fetch = realFetch;
    }
    const perk = base.perks[0]!;
    const pct = (x: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(x);
    const text = (selector: string) => el.shadowRoot!.querySelector(selector)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(text('[data-perk=orders]')).to.equal(`3 orders in the ${perk.window} min after (show average 1.3) · ¥3,600`);
    expect(text('[data-perk=retention]')).to.equal(`${pct(perk.retention!)} still watching ${perk.window} min later (show average ${pct(perk.baselineRetention!)})`);
    expect(text('.perks li strong')).to.include('Perk dropped').and.include(perk.label!);
    const row = [...el.shadowRoot!.querySelectorAll('[part=table] tbody tr')][2]!;
    expect([...row.querySelectorAll('td')].slice(2).map((td) => td.textContent!.trim()), 'minute 2: orders, revenue per currency').to.deep.equal(['3', '€51.98 · ¥1,200']);
    await expect(el).to.be.accessible();
  });

  it('refuses a malformed summary (an alert, nothing drawn from it)', async () => {
    const el = await fixture<LingerReport>(html`<linger-report src="/test/elements/report/collector-summary-malformed.json"></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'refused');
    expect(el.metrics).to.equal(null);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('shows amounts in each currency with its own minor units, in the page language', async () => {
    const summary = parseReportSummary({
      format: 'linger-report/1',
      metrics: computeMetrics(sampleShow({ viewers: 20 }).events as LingerEvent[], { show: 'spring-sale' }),
      commerce: { orders: 1, revenue: [{ currency: 'JPY', minor: 1200, orders: 1 }], funnel: { viewers: 20, interacted: 5, addedToCart: 2, ordered: 1 } },
    });
    expect(summary?.commerce?.revenue[0]).to.deep.equal({ currency: 'JPY', minor: 1200, orders: 1 });
    expect(parseReportSummary({ format: 'linger-report/1', metrics: { show: 's' } }), 'missing figures').to.equal(null);
    expect(parseReportSummary({ format: 'other', metrics: summary!.metrics }), 'another format').to.equal(null);
    const bad = { ...summary!, format: 'linger-report/1', commerce: { ...summary!.commerce!, revenue: [{ currency: 'yen', minor: 1, orders: 1 }] } };
    expect(parseReportSummary(bad)!.commerce, 'a bad currency drops the sales, not the report').to.equal(null);
    const el = await fixture<LingerReport>(html`<linger-report locale="ja" src=${SUMMARY}></linger-report>`);
    await waitUntil(() => figure(el, 'revenue') && el.shadowRoot!.querySelector('h2')!.textContent === '視聴維持レポート', 'Japanese loads');
    expect(figure(el, 'revenue')!.querySelector('dt')!.textContent).to.equal('売上');
    expect(figure(el, 'revenue')!.querySelector('.sub')!.textContent).to.match(/^この配信からの注文 \d+ 件$/);
  });
});
