/**
 * The topic, at the top of the Chat tab: post a question for the room, see its answers grouped per
 * language (repeated words and answers) and the latest ones, and feature one on every screen.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { groupAnswers } from '../../core/topic-answers.js';
import { counted, type PanelContext } from './panel-context.js';

/** A language's name in the console's language (`und`: the answers said none). */
function languageName(lang: string, console: string, unknown: string): string {
  if (lang === 'und') return unknown;
  try {
    return new Intl.DisplayNames([console], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

export function renderTopic({ localize, state, drafts, topicAnswers, actions }: PanelContext): TemplateResult {
  const topic = state.topic;
  const answers = topic ? topicAnswers.answers(topic.id, state) : [];
  const groups = groupAnswers(answers);
  return html`
    <form class="row" @submit=${(event: Event) => actions.submitTopic(event)}>
      <label part="field">${localize.term('topic')}
        <input part="input" id="topic-text" name="text" required maxlength="200" .value=${drafts.value('topic.text')} @input=${drafts.keep('topic.text')} />
      </label>
      <button part="button" type="submit">${localize.term('postTopic')}</button>
      ${topic ? html`<button part="button secondary" type="button" class="secondary" @click=${() => actions.clearTopic()}>${localize.term('clearTopic')}</button>` : nothing}
    </form>
    ${topic
      ? html`<div part="next" class="next" role="status">
            <strong dir="auto">${topic.text}</strong>
            <span>${localize.term('answersIn', ...counted(localize, answers.length))}</span>
            ${topic.featured ? html`<span>${localize.term('featuredAnswer')}: <bdi>${topic.featured.text}</bdi></span>` : nothing}
          </div>
          ${groups.map(
            (group) => html`<h3 part="heading">${localize.term('repeatedIn', languageName(group.lang, localize.lang, localize.term('unknownLanguage')), ...counted(localize, group.answers))}</h3>
              <ul part="list" class="chat" lang=${group.lang === 'und' ? '' : group.lang}>
                ${[...group.phrases, ...group.words].map(
                  ([text, n]) => html`<li part="list-item"><span class="text" dir="auto">${text}</span><span>× ${localize.number(n)}</span></li>`,
                )}
                ${group.phrases.length + group.words.length === 0 ? html`<li part="list-item">${localize.term('nothingRepeated')}</li>` : nothing}
              </ul>`,
          )}
          ${answers.length > 0
            ? html`<h3 part="heading">${localize.term('latestAnswers')}</h3>
                <ul part="list" class="chat">
                  ${answers
                    .slice(-10)
                    .reverse()
                    .map(
                      (answer) => html`<li part="list-item">
                        <span class="who" dir="auto">${answer.name || answer.from}</span>
                        <span class="text" dir="auto">${answer.text}</span>
                        <button part="button secondary" class="secondary" ?disabled=${topic.featured?.line === answer.id} @click=${() => actions.featureAnswer(answer)}>
                          ${localize.term('featureAnswer')}
                        </button>
                      </li>`,
                    )}
                </ul>`
            : nothing}`
      : nothing}
  `;
}
