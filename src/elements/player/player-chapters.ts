/**
 * A replay's chapters on the player (docs/replay.md): a "Chapters" menu over the video listing each
 * pinned product and dropped perk with its time ("Jade scarf · 12:40"), and a mark for each along the
 * bottom edge. Choosing one moves the replay there (`room.seekReplay`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { ReplayInfo } from '../../core/timeline.js';
import { cssProps } from '../../styles/css-props.js';
import type { en } from './player.strings.js';

export function renderChapters(localize: LocalizeController<typeof en>, info: ReplayInfo | null | undefined, seek: (seconds: number) => void): TemplateResult | typeof nothing {
  if (!info || info.status !== 'ready' || info.chapters.length === 0) return nothing;
  const span = Math.max(1, info.duration);
  return html`<div class="chapter-track" aria-hidden="true">
      ${info.chapters.map((chapter) => html`<span part="chapter-mark" class="chapter-mark" ${cssProps({ '--_at': `${Math.min(100, (chapter.t / span) * 100)}%` })}></span>`)}
    </div>
    <details part="chapters" class="chapters">
      <summary part="chapters-button" class="chapters-button">${localize.term('chapters')}</summary>
      <ol>
        ${info.chapters.map(
          (chapter) => html`<li>
            <button part="chapter" class="chapter" type="button" aria-label=${`${localize.term('jumpTo')} ${chapter.title} · ${localize.duration(chapter.t / 1000)}`} @click=${() => seek(chapter.t / 1000)}>
              <span class="user-text" dir="auto">${chapter.title}</span> · <span class="chapter-time">${localize.duration(chapter.t / 1000)}</span>
            </button>
          </li>`,
        )}
      </ol>
    </details>`;
}
