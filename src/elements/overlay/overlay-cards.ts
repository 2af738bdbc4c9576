/**
 * The host's cards above the chat (docs/overlay.md): the announcement (a perk prompt with its
 * keyword button), and the topic with "Reply to topic" (the next comment answers it) and the answer
 * the host featured. Loaded by the overlay with the first of them (src/controllers/lazy-view.ts).
 */
import { css, html, nothing } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { ShowState } from '../../core/state.js';
import type { en } from './overlay.strings.js';

export interface TopicView {
  /** The composer answers this topic now. */
  replying: boolean;
  /** The overlay has a composer to answer with. */
  canReply: boolean;
  reply(): void;
}

/** The announcement; a perk prompt offers its keyword as a button when the overlay can send. */
export function renderAnnouncement(t: LocalizeController<typeof en>, announcement: NonNullable<ShowState['announcement']>, sendKeyword: ((keyword: string) => void) | null) {
  const prompt = announcement.kind === 'perk-prompt';
  const keyword = '1';
  return html`<div part="announcement" class="announcement ${prompt ? 'prompt' : ''}" role="status" aria-live="polite">
    <span class="visually-hidden">${t.term('announcement')}: </span>
    <span part="announcement-text" class="announcement-text" dir="auto">${announcement.text}</span>
    ${prompt
      ? html`<span class="prompt-line">
          <span>${t.term('perkPrompt', keyword)}</span>
          ${sendKeyword ? html`<button part="keyword-button" type="button" class="chip" @click=${() => sendKeyword(keyword)}>${t.term('sendKeyword', keyword)}</button>` : nothing}
        </span>`
      : nothing}
  </div>`;
}

export function renderTopic(t: LocalizeController<typeof en>, topic: NonNullable<ShowState['topic']>, view: TopicView) {
  const featured = topic.featured;
  return html`<div part="topic" class="topic" role="status">
    <span class="topic-label">${t.term('topic')}</span>
    ${view.canReply
      ? html`<button part="topic-reply" type="button" class="chip" aria-pressed=${view.replying ? 'true' : 'false'} @click=${view.reply}>${t.term('replyToTopic')}</button>`
      : nothing}
    <span part="topic-text" class="topic-text" dir="auto">${topic.text}</span>
    ${featured
      ? html`<p part="topic-featured" class="topic-featured">${t.term('featuredAnswer')}: <bdi class="name" dir="auto">${featured.name || t.term('viewer')}</bdi> —
          <bdi class="topic-featured-text" dir="auto">${featured.text}</bdi></p>`
      : nothing}
  </div>`;
}

export const styles = css`
  .announcement {
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .announcement-text {
    /* What cannot wrap (one letter under hundreds of combining marks) is clipped, not let out. */
    min-inline-size: 0;
    overflow: clip;
    overflow-clip-margin: 0.5em;
  }
  .announcement.prompt {
    background: color-mix(in srgb, #f59e0b 18%, var(--_surface));
    border-inline-start: 4px solid #f59e0b;
  }
  .prompt-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    font-weight: 400;
  }
  .topic {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px var(--_space);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    border-inline-start: 4px solid var(--_accent);
    overflow-wrap: anywhere;
  }
  .topic-label {
    font-size: 0.8em;
    font-weight: 700;
    text-transform: uppercase;
    color: var(--_accent);
  }
  .topic-text,
  .topic-featured {
    flex: 1 1 100%;
    min-inline-size: 0;
    overflow: clip;
    overflow-clip-margin: 0.5em;
  }
  .topic-text {
    font-weight: 600;
  }
  .topic-featured {
    font-size: 0.9em;
  }
  .topic .chip[aria-pressed='true'] {
    outline: 2px solid currentColor;
  }
`;
