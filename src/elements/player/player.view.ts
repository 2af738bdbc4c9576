/** Pieces of the player's chrome that need nothing but their arguments: icons and the quality badge. */
import { html, nothing, svg } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { RtcStats } from '../../media/agora-rtc.js';
import type { en } from './player.strings.js';

/** The network/latency badge next to LIVE: bars, delay, "SD" on the low stream. */
export function quality(stats: RtcStats, t: LocalizeController<typeof en>) {
  const q = stats.quality;
  const grade = q === 0 ? 'unknown' : q <= 2 ? 'good' : q === 3 ? 'fair' : 'poor';
  const label = t.term(grade === 'unknown' ? 'qualityUnknown' : grade === 'good' ? 'qualityGood' : grade === 'fair' ? 'qualityFair' : 'qualityPoor');
  const parts = [label];
  if (stats.delayMs !== null) parts.push(t.term('delay', t.number(Math.round(stats.delayMs))));
  if (stats.lowStream) parts.push(t.term('lowStream'));
  const bars = grade === 'good' ? 3 : grade === 'fair' ? 2 : grade === 'poor' ? 1 : 0;
  return html`<span part="quality" class="quality quality-${grade}" title=${parts.join(' · ')}>
    <span class="bars" aria-hidden="true">${[1, 2, 3].map((n) => html`<i class=${n <= bars ? 'on' : ''}></i>`)}</span>
    <span class="visually-hidden">${parts.join(', ')}</span>
    ${stats.delayMs !== null ? html`<span class="delay" aria-hidden="true">${t.number(Math.round(stats.delayMs))} ms</span>` : nothing}
    ${stats.lowStream ? html`<span class="low" aria-hidden="true">SD</span>` : nothing}
  </span>`;
}


export type IconName = 'play' | 'pause' | 'muted' | 'sound' | 'expand' | 'shrink' | 'pip';
const PATHS: Record<IconName, string> = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
  muted: 'M4 9v6h4l5 4V5L8 9H4zm12.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z',
  sound: 'M4 9v6h4l5 4V5L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
  expand: 'M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z',
  shrink: 'M8 5h2v5H5V8h3zm6 0h2v3h3v2h-5zM5 14h5v5H8v-3H5zm9 0h5v2h-3v3h-2z',
  pip: 'M3 5h18v14H3zm2 2v10h14V7zm6 5h7v4h-7z',
};
export function icon(name: IconName) {
  return html`<svg class="icon icon-${name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path d=${PATHS[name]}></path>`}</svg>`;
}
