/**
 * The player's live video, loaded when the room first has media while the show is live: the
 * controller (Agora or the studio's local stream, src/controllers/rtc-controller.ts) and the quality
 * badge next to LIVE with its styles.
 */
import { css, html, nothing } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { RtcStats } from '../../media/agora-rtc.js';
import type { en } from './player.strings.js';

export { RtcController } from '../../controllers/rtc-controller.js';

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

export const styles = css`
  .quality {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.2em 0.5em;
    border-radius: 4px;
    background: var(--_player-scrim);
    font-size: 0.75em;
    font-variant-numeric: tabular-nums;
  }
  .bars {
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    block-size: 10px;
  }
  .bars i {
    inline-size: 3px;
    background: rgb(255 255 255 / 0.35);
  }
  .bars i:nth-child(1) {
    block-size: 4px;
  }
  .bars i:nth-child(2) {
    block-size: 7px;
  }
  .bars i:nth-child(3) {
    block-size: 10px;
  }
  .quality-good .bars i.on {
    background: #4ade80;
  }
  .quality-fair .bars i.on {
    background: #facc15;
  }
  .quality-poor .bars i.on {
    background: #f87171;
  }
`;
