// The demo's report page: `<linger-report src="/api/report?show=…">`, the collector's summary (figures
// computed in SQL over what the webhook posted), or (`?sample`) a generated 45-minute show with 400
// viewers computed in the browser, for a look at a full curve, a vote, member tiers and a replay: the
// collector's generator (collector/src/sample-show.mjs), the show its tests compare SQL against.
import '../src/elements/report/linger-report.js';
import type { LingerEvent } from '../src/events/types.js';
import { sampleShow } from '../collector/src/sample-show.mjs';

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
  report.events = sampleShow().events as LingerEvent[];
  report.show = 'spring-sale';
  document.querySelector('#source')!.textContent = 'A generated 45-minute show with 400 viewers, a vote, member tiers and its replay.';
}
