/**
 * Once the show has ended: its timeline (docs/replay.md) — what was recorded, a download, and
 * whether the webhook has it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { ShowPhase } from '../../core/protocol.js';
import type { TimelineCapture } from '../../controllers/replay-recorder.js';
import type { Strings } from './panel-context.js';

const DELIVERY_TERMS = { sending: 'timelineSending', sent: 'timelineSent', failed: 'timelineFailed' } as const;

function save(capture: TimelineCapture): void {
  const { href, name } = capture.download();
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function renderTimeline(localize: LocalizeController<Strings>, phase: ShowPhase, capture: TimelineCapture): TemplateResult | typeof nothing {
  if (phase !== 'ended') return nothing;
  const { events, chat } = capture.recorder.size;
  const delivery = capture.delivery;
  return html`<div part="summary" class="timeline" role="status">
    <span>${localize.term('timelineReady', localize.number(events), localize.number(chat))}</span>
    <button part="button secondary" class="secondary download-timeline" @click=${() => save(capture)}>${localize.term('downloadTimeline')}</button>
    ${delivery !== 'none' ? html`<span part="hint" class="hint" data-delivery=${delivery}>${localize.term(DELIVERY_TERMS[delivery])}</span>` : nothing}
  </div>`;
}
