import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/report/linger-report.js';
import type { LingerReport } from '../../../src/elements/report/report.js';
import type { LingerEvent } from '../../../src/events/types.js';
import { T, workedExample } from '../../analytics/worked-example.js';

const DAY = 86_400_000;
let n = 0;
const r = (type: string, at: number, viewerId: string, props: Record<string, unknown>, show = 'spring:replay'): LingerEvent =>
  ({ id: `rp${++n}`, type, at, show, viewerId, sessionId: `${viewerId}-r`, locale: 'en', replay: true, props }) as LingerEvent;

/** docs/metrics.md's worked example, replayed the next day by A (back again) and E. */
const withReplay: LingerEvent[] = [
  ...workedExample,
  r('session_start', T + DAY, 'A', {}),
  r('heartbeat', T + DAY + 60_000, 'A', { seconds: 60 }),
  r('add_to_cart', T + DAY + 61_000, 'A', { product: 'p1', quantity: 1 }),
  r('session_start', T + DAY, 'E', {}),
  r('heartbeat', T + DAY + 15_000, 'E', { seconds: 15 }, 'spring'), // the flag only: still the replay's
];
const rows = (el: LingerReport) => [...el.shadowRoot!.querySelectorAll('[part=replay] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

describe('<linger-report>: live and replay side by side (issue 17)', () => {
  it('keeps the live figures as they were and sets the replay’s watch time and add-to-carts beside them; accessible', async () => {
    const el = await fixture<LingerReport>(html`<linger-report .events=${withReplay}></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=replay]'), 'the live and replay table');
    expect(el.metrics!.show, 'the live show, though its replay came later').to.equal('spring');
    expect([...el.shadowRoot!.querySelectorAll('.value')].map((v) => v.textContent!.trim()), 'the live figures unchanged').to.deep.equal(['1:18', '50%', '25%', '4']);
    expect(rows(el)).to.deep.equal([
      ['Viewers', '4', '2'],
      ['Watch time', '5:15', '1:15'],
      ['Average watch time', '1:18', '0:37'],
      ['Added to cart', '0', '1'],
      ['Viewers who added to cart', '0', '1'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('no replay, no table; in Arabic, right to left and accessible', async () => {
    const plain = await fixture<LingerReport>(html`<linger-report .events=${workedExample}></linger-report>`);
    await waitUntil(() => plain.metrics, 'computed');
    expect(plain.shadowRoot!.querySelector('[part=replay]'), 'nothing to compare').to.equal(null);
    const el = await fixture<LingerReport>(html`<linger-report locale="ar" .events=${withReplay}></linger-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#replay-title')?.textContent === 'البث المباشر والإعادة', 'Arabic loads');
    expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('dir')).to.equal('rtl');
    expect([...el.shadowRoot!.querySelectorAll('[part=replay] thead th')].map((th) => th.textContent)).to.deep.equal(['مباشر', 'إعادة']);
    await expect(el).to.be.accessible();
  });
});
