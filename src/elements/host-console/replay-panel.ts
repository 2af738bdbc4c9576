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
    <button part="button secondary" class="secondary preview-replay" aria-expanded=${capture.preview ? 'true' : 'false'} @click=${() => capture.togglePreview()}>
      ${localize.term('previewReplay')}
    </button>
  </div>
  ${renderPreview(localize, capture)}`;
}

/** The replay as viewers will see it, over the recording, with the offset the operator adjusts. */
function renderPreview(localize: LocalizeController<Strings>, capture: TimelineCapture): TemplateResult | typeof nothing {
  const preview = capture.preview;
  if (!preview) return nothing;
  const offset = String(preview.offset);
  return html`<div class="replay-preview">
    <div class="row">
      <label part="field">${localize.term('recordingUrl')}
        <input part="input" class="recording-url" type="url" .value=${preview.src} @change=${(event: Event) => capture.setPreview({ src: (event.target as HTMLInputElement).value.trim() })} />
      </label>
      <label part="field">${localize.term('recordingOffset')}
        <input part="input" class="recording-offset" type="number" step="0.5" .value=${offset}
          @input=${(event: Event) => {
            const value = Number((event.target as HTMLInputElement).value);
            if (Number.isFinite(value)) capture.setPreview({ offset: value });
          }} />
      </label>
    </div>
    <p part="hint" class="hint">${localize.term('offsetHint', `replay-offset="${offset}"`)}</p>
    ${preview.src
      ? html`<linger-room .timeline=${preview.timeline} replay-offset=${offset} locale=${localize.lang}>
          <linger-player src=${preview.src}></linger-player>
          <linger-product></linger-product>
          <linger-overlay></linger-overlay>
        </linger-room>`
      : nothing}
  </div>`;
}
