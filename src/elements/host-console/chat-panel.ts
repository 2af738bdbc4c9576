/** The Chat tab: announcements, moderation settings, the live comments (feature, delete, mute), the muted list. */
import { html, nothing, type TemplateResult } from 'lit';
import type { PanelContext } from './panel-context.js';
import { tierOf } from '../../core/primitives.js';
import { renderTopic } from './topic-panel.js';

export function renderChat(context: PanelContext): TemplateResult {
  const { localize, state, session, drafts, actions, tierName } = context;
  const lines = [...state.chat].reverse().slice(0, 100);
  const kind = drafts.value('announce.kind', 'info');
  return html`
    ${renderTopic(context)}
    <form class="row" @submit=${(event: Event) => actions.submitAnnouncement(event)}>
      <label part="field">${localize.term('announcement')}
        <input part="input" id="announce-text" name="text" maxlength="500" .value=${drafts.value('announce.text')} @input=${drafts.keep('announce.text')} />
      </label>
      <label part="field">${localize.term('stepKind')}
        <select part="select" name="kind" @change=${drafts.keep('announce.kind')}>
          <option value="info" ?selected=${kind === 'info'}>${localize.term('info')}</option>
          <option value="perk-prompt" ?selected=${kind === 'perk-prompt'}>${localize.term('perkPrompt')}</option>
        </select>
      </label>
      <button part="button" type="submit">${localize.term('announce')}</button>
      ${state.announcement
        ? html`<button part="button secondary" type="button" class="secondary" @click=${() => actions.clearAnnouncement()}>${localize.term('clearAnnouncement')}</button>`
        : nothing}
    </form>
    <form class="row" @submit=${(event: Event) => actions.submitModeration(event)}>
      <label part="field">${localize.term('slowMode')}
        <input part="input" name="slowMode" type="number" min="0" max="600" .value=${drafts.value('moderation.slowMode', String(state.moderation.slowMode))}
          @input=${drafts.keep('moderation.slowMode')} />
      </label>
      <label part="field">${localize.term('blockWords')}
        <input part="input" name="blockWords" .value=${drafts.value('moderation.blockWords', state.moderation.blockWords.join(', '))} @input=${drafts.keep('moderation.blockWords')} />
      </label>
      <button part="button secondary" type="submit" class="secondary">${localize.term('apply')}</button>
    </form>
    ${lines.length === 0
      ? html`<p part="hint" class="hint">${localize.term('noComments')}</p>`
      : html`<ul part="list" class="chat" aria-label=${localize.term('tabChat')}>
          ${lines.map(
            (line) => html`<li part="list-item">
              <span class="who">${line.name || line.from}${tierOf(state, line.from) ? html` <span class="tier" dir="auto">${tierName?.(tierOf(state, line.from)!) ?? tierOf(state, line.from)}</span>` : nothing}</span>
              <span class="text">${line.text}</span>
              <button part="button secondary" class="secondary" @click=${() => actions.feature(line)}>${localize.term('feature')}</button>
              <button part="button secondary" class="secondary" @click=${() => actions.deleteLine(line)}>${localize.term('deleteComment')}</button>
              ${line.from !== session?.userId
                ? html`<button part="button secondary" class="secondary" @click=${() => actions.mute(line.from)}>${localize.term('mute')}</button>`
                : nothing}
            </li>`,
          )}
        </ul>`}
    ${state.moderation.muted.length > 0
      ? html`<h3 part="heading">${localize.term('muted')}</h3>
          <ul part="list" class="chat">
            ${state.moderation.muted.map(
              (user) => html`<li part="list-item">
                <span class="text">${user}</span>
                <button part="button secondary" class="secondary" @click=${() => actions.unmute(user)}>${localize.term('unmute')}</button>
              </li>`,
            )}
          </ul>`
      : nothing}
  `;
}
