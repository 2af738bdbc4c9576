import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/report/linger-report.js';
import type { LingerReport } from '../../../src/elements/report/report.js';
import { translation } from '../../../src/elements/report/report.strings.js';
import { expectCompleteTranslation, expectNoRawKeys } from '../../helpers/i18n.js';
import { workedExample } from '../../analytics/worked-example.js';

const plotOf = (el: LingerReport) => (el as any).plot as { ctx: CanvasRenderingContext2D; valToPos(v: number, s: string, c?: boolean): number; bbox: { top: number } } | null;

describe('<linger-report>', () => {
  it('renders the four figures, the curve with timeline marks and the drop, and is accessible', async () => {
    const el = await fixture<LingerReport>(html`<linger-report .events=${workedExample} style="inline-size: 720px"></linger-report>`);
    await waitUntil(() => plotOf(el), 'uPlot drew');
    const values = [...el.shadowRoot!.querySelectorAll('.value')].map((n) => n.textContent!.trim());
    expect(values, 'avg watch, interaction, return, viewers').to.deep.equal(['1:18', '50%', '25%', '4']);
    const marks = [...el.shadowRoot!.querySelectorAll('.timeline li')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
    expect(marks.length, 'three timeline marks listed').to.equal(3);
    expect(marks[1], 'mark label').to.contain('Lottery opened — Silk scarf');
    expect(el.shadowRoot!.querySelector('.drops li')!.textContent, 'drop paired with the timeline').to.match(/Minute 2: 1 left \(50% of the audience\)[\s\S]*Lottery opened/);
    // The annotation is on the canvas: a marker pixel at the lottery mark (minute 1.67), near the top.
    const plot = plotOf(el)!;
    const x = Math.round(plot.valToPos(100 / 60, 'x', true) - 6 * devicePixelRatio); // inside the circle, beside the digit
    const y = Math.round(plot.bbox.top + 11 * devicePixelRatio);
    const [r, g, b, a] = plot.ctx.getImageData(x, y, 1, 1).data;
    expect(a, 'marker drawn').to.be.greaterThan(200);
    expect(Math.abs(r! - 0x52) + Math.abs(g! - 0x52) + Math.abs(b! - 0x5b), 'in the mark colour').to.be.lessThan(40);
    const png = await el.toPng();
    expect(png?.type, 'PNG export').to.equal('image/png');
    expect(el.toCsv().split('\n')[3], 'CSV export').to.match(/^2,2,3,0.6667,1,/);
    expectNoRawKeys(el, translation as never);
    await expect(el).to.be.accessible();
  });

  it('loads NDJSON from src and fires linger-report-ready', async () => {
    const body = workedExample.map((e) => JSON.stringify(e)).join('\n');
    const url = URL.createObjectURL(new Blob([body]));
    // blob: is not http(s): refused; a data route of the test server serves real files.
    const refused = await fixture<LingerReport>(html`<linger-report src=${url}></linger-report>`);
    await waitUntil(() => refused.shadowRoot!.querySelector('[role=alert]'), 'non-http src refused');
    const el = document.createElement('linger-report');
    const ready = new Promise<CustomEvent>((resolve) => el.addEventListener('linger-report-ready', (e) => resolve(e as never)));
    el.src = `/test-api/echo`; // JSON that is not a log: an empty report, not a crash
    document.body.append(el);
    await ready;
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No events for this show yet.'));
    el.remove();
  });

  it('speaks Arabic right to left, with complete translations', async () => {
    await expectCompleteTranslation(translation);
    const el = await fixture<LingerReport>(html`<linger-report locale="ar" .events=${workedExample}></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('h2')!.textContent === 'تقرير الاحتفاظ بالمشاهدين', 'Arabic loads');
    const base = el.shadowRoot!.querySelector('[part=base]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(el.shadowRoot!.querySelector('.plot')!.getAttribute('dir'), 'the time axis stays left to right').to.equal('ltr');
    await expect(el).to.be.accessible();
  });
});
