import { expect } from '@open-wc/testing';
import { computeMetrics, dedupe, listShows, metricsCsv } from '../../src/analytics/metrics.js';
import { parseEventLog } from '../../src/analytics/parse.js';
import { expected, T, workedExample } from './worked-example.js';

describe('analytics: the worked example of docs/metrics.md', () => {
  const m = computeMetrics(workedExample);

  it('picks the latest show and its bounds', () => {
    expect(m.show, 'latest show').to.equal('spring');
    expect(m.start, 'start = show_live').to.equal(T);
    expect(m.end, 'end = show_ended').to.equal(T + 180_000);
    expect(listShows(workedExample).map((s) => s.show)).to.deep.equal(['winter', 'spring']);
  });

  it('matches the hand-computed figures', () => {
    for (const key of ['viewers', 'sessions', 'watchSeconds', 'avgWatchPerViewer', 'avgWatchPerSession', 'interacting', 'interactionRate', 'returning', 'returnRate', 'peakConcurrent'] as const) {
      expect(m[key], key).to.equal(expected[key]);
    }
    expect(m.curve.active, 'concurrent viewers per minute').to.deep.equal(expected.curve.active);
    expect(m.curve.arrived, 'arrived by minute').to.deep.equal(expected.curve.arrived);
    expect(m.curve.left, 'left per minute').to.deep.equal(expected.curve.left);
    m.curve.retention.forEach((r, i) => expect(r, `retention[${i}]`).to.be.closeTo(expected.curve.retention[i]!, 1e-9));
  });

  it('finds the drop and pairs it with the timeline around it', () => {
    expect(m.drops.map((d) => ({ minute: d.minute, left: d.left, share: d.share, around: d.around.map((a) => a.kind) }))).to.deep.equal(expected.drops);
  });

  it('deduplicates by id, reads NDJSON/arrays/batches, and exports CSV safely', () => {
    expect(dedupe(workedExample).length, 'one duplicate dropped').to.equal(workedExample.length - 1);
    const ndjson = workedExample.map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n';
    expect(parseEventLog(ndjson)).to.deep.include({ skipped: 1 });
    expect(parseEventLog(JSON.stringify({ batch: 'b', events: workedExample })).events.length).to.equal(workedExample.length);
    expect(parseEventLog(JSON.stringify(workedExample)).events.length).to.equal(workedExample.length);
    const csv = metricsCsv(m).split('\n');
    expect(csv[0]).to.equal('minute,active,arrived,retention,left,timeline');
    expect(csv[1]).to.equal('0,2,2,1.0000,0,show_live: Spring sale');
    const evil = computeMetrics([{ ...workedExample[2]!, id: 'x', props: { kind: 'show_live', label: '=HYPERLINK("x")' } } as never]);
    expect(metricsCsv(evil), 'formula injection neutralised').to.not.match(/,=HYPERLINK/);
  });

  it('an empty log gives zeros, not NaN', () => {
    const empty = computeMetrics([]);
    expect([empty.viewers, empty.avgWatchPerViewer, empty.interactionRate, empty.returnRate]).to.deep.equal([0, 0, 0, 0]);
  });
});
