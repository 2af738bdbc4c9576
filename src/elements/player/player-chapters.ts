/**
 * A replay's chapters on the player (docs/replay.md): a "Chapters" menu over the video listing each
 * pinned product and dropped perk with its time ("Jade scarf · 12:40"), and a mark for each along the
 * bottom edge. Choosing one moves the replay there (`room.seekReplay`). Loaded only by a player in
 * a replay (src/controllers/lazy-view.ts).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
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

export const styles = css`
  .chapter-track {
    position: absolute;
    inset-inline: var(--_space);
    inset-block-end: 2px;
    block-size: 4px;
    pointer-events: none;
  }
  .chapter-mark {
    position: absolute;
    inset-inline-start: var(--_at);
    inline-size: 4px;
    block-size: 4px;
    border-radius: 50%;
    background: var(--linger-player-live-color, var(--linger-accent, #e11d48));
  }
  .chapters {
    position: absolute;
    inset-block-start: calc(var(--_space) * 1.25);
    inset-inline-end: calc(var(--_space) * 1.25);
    max-inline-size: min(20rem, 70%);
    color: #fff;
    font-size: 0.875em;
  }
  .chapters-button {
    cursor: pointer;
    padding: 2px 8px;
    border-radius: 999px;
    background: var(--linger-player-scrim, rgb(0 0 0 / 0.6));
    list-style-position: inside;
  }
  .chapters ol {
    margin: 4px 0 0;
    padding: 4px;
    list-style: none;
    max-block-size: 12rem;
    overflow: auto;
    border-radius: 8px;
    background: var(--linger-player-scrim, rgb(0 0 0 / 0.6));
  }
  .chapter {
    display: block;
    inline-size: 100%;
    min-block-size: 44px;
    text-align: start;
    padding: 4px 8px;
    background: transparent;
    color: inherit;
    overflow-wrap: anywhere;
  }
  .chapter span {
    unicode-bidi: isolate;
  }
  .chapter:hover {
    background: rgb(255 255 255 / 0.15);
  }
`;
