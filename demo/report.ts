// The demo's report page: `<linger-report src="/api/report?show=…">`, the collector's summary (figures
// computed in SQL over what the webhook posted), or (`?sample`) a generated 45-minute show with 400
// viewers computed in the browser, for a look at a full curve.
import '../src/elements/report/linger-report.js';
import type { LingerEvent, TimelineKind } from '../src/events/types.js';

const params = new URLSearchParams(location.search);
const report = document.querySelector('linger-report')!;
const lang = params.get('lang');
if (lang) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang.startsWith('ar') ? 'rtl' : 'ltr';
}
const show = params.get('show');
if (show) report.src = `/api/report?show=${encodeURIComponent(show)}`;
if (params.has('sample')) {
  report.removeAttribute('src');
  report.events = sampleShow();
  document.querySelector('#source')!.textContent = 'A generated 45-minute show with 400 viewers.';
}

/** A deterministic show: arrivals in the first 10 minutes, departures that cluster after the lottery draw. */
function sampleShow(): LingerEvent[] {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const start = Date.UTC(2025, 4, 1, 18, 0, 0);
  const minute = 60_000;
  const events: LingerEvent[] = [];
  let n = 0;
  const push = (type: LingerEvent['type'], at: number, viewerId: string, sessionId: string, props: object, show = 'spring-sale') =>
    events.push({ id: `x${n++}`, type, at, show, viewerId, sessionId, locale: 'en', props } as LingerEvent);
  const marks: Array<[number, TimelineKind, string]> = [
    [0, 'show_live', 'Spring sale'],
    [4, 'product_pinned', 'Silk scarf'],
    [8, 'perk_announced', 'Type 1 for the scarf giveaway'],
    [10, 'lottery_opened', 'Silk scarf'],
    [14, 'lottery_drawn', 'Silk scarf'],
    [22, 'quiz_asked', 'Which silk is the finest?'],
    [24, 'quiz_revealed', 'Mulberry'],
    [31, 'perk_dropped', '20% off for 10 minutes'],
    [45, 'show_ended', ''],
  ];
  for (const [m, kind, label] of marks) push('timeline', start + m * minute, 'host', 'host', label ? { kind, label } : { kind });
  for (let v = 0; v < 400; v++) {
    const id = `v${v}`;
    const arrive = Math.floor(random() * random() * 12 * 60);
    // Many leave right after the lottery draw (minute 14–15), some after the perk (31–33).
    const roll = random();
    const leave = roll < 0.3 ? 14 * 60 + random() * 90 : roll < 0.45 ? 31 * 60 + random() * 120 : roll < 0.6 ? arrive + random() * 600 : 45 * 60;
    if (leave <= arrive) continue;
    push('session_start', start + arrive * 1000, id, `s${v}`, {});
    for (let t = arrive + 15; t <= leave; t += 15) push('heartbeat', start + t * 1000, id, `s${v}`, { seconds: 15 });
    if (random() < 0.35) push('chat', start + (arrive + 30) * 1000, id, `s${v}`, { message: `m${v}`, length: 20 });
    if (random() < 0.2) push('product_click', start + (arrive + 60) * 1000, id, `s${v}`, { product: 'scarf' });
    if (random() < 0.3) push('heartbeat', start - 7 * 86_400_000, id, `old${v}`, { seconds: 15 }, 'winter-sale');
  }
  return events;
}
