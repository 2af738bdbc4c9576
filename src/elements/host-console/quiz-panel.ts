/** The Quiz tab: the open question (answers, reveal), the bank, the add-a-question form, the leaderboard. */
import { html, nothing, type TemplateResult } from 'lit';
import { quizLeaderboard } from '../../core/leaderboard.js';
import { counted, formFields, textOf, type PanelContext } from './panel-context.js';

export function renderQuiz({ localize, state, session, desk, drafts, now, actions }: PanelContext): TemplateResult {
  const { quiz } = state;
  const answers = quiz ? (session?.ledger.answers.get(quiz.id)?.size ?? 0) : 0;
  const board = session ? quizLeaderboard(desk.revealed, session.ledger.answers) : [];
  const bank = desk.bank;
  const { field, keep, number } = formFields({ localize, drafts }, 'quiz');
  const correct = field('correct', '0');
  return html`
    ${quiz
      ? html`<div part="next" class="next" role="status">
          <strong>${quiz.question}</strong>
          <span>${localize.term('answersIn', ...counted(localize, answers))}</span>
          ${quiz.status === 'open'
            ? html`<span>${localize.duration(Math.max(0, (quiz.closesAt - now) / 1000))}</span>
                <button part="button" @click=${() => actions.reveal()}>${localize.term('reveal')}</button>`
            : nothing}
        </div>`
      : nothing}
    <ol part="steps" class="steps">
      ${bank.map(
        (question) => html`<li part="step" class="products">
          <span class="name">${question.question}</span>
          <span part="hint" class="hint">${question.options.join(' · ')}</span>
          <button part="button" ?disabled=${quiz?.status === 'open'} @click=${() => actions.ask(question)}>${localize.term('ask')}</button>
        </li>`,
      )}
    </ol>
    <form class="row" @submit=${(event: Event) => actions.addQuestion(event)}>
      <label part="field">${localize.term('question')}<input part="input" name="question" required maxlength="300" .value=${field('question')} @input=${keep('question')} /></label>
      ${[1, 2, 3, 4].map(
        (n) => html`<label part="field">${localize.term('option', n)}
          <input part="input" name=${`option${n}`} maxlength="120" ?required=${n <= 2} .value=${field(`option${n}`)} @input=${keep(`option${n}`)} />
        </label>`,
      )}
      <label part="field">${localize.term('correctOption')}
        <select part="select" name="correct" @change=${keep('correct')}>
          ${[0, 1, 2, 3].map((index) => html`<option value=${index} ?selected=${String(index) === correct}>${localize.term('option', index + 1)}</option>`)}
        </select>
      </label>
      <label part="field">${localize.term('explanation')}<input part="input" name="explanation" maxlength="500" .value=${field('explanation')} @input=${keep('explanation')} /></label>
      ${number('openSeconds', 'seconds', '30', 5, 600)}
      <button part="button secondary" type="submit" class="secondary">${localize.term('addQuestion')}</button>
    </form>
    <label part="field">${localize.term('questionBank')}
      <textarea part="textarea" id="bank-json" spellcheck="false" .value=${drafts.value('bank')} @input=${drafts.keep('bank')}></textarea>
    </label>
    <div class="row">
      <button part="button secondary" class="secondary" @click=${(event: Event) => actions.importBank(textOf(event, '#bank-json'))}>${localize.term('importJson')}</button>
      <button part="button secondary" class="secondary" @click=${() => actions.exportBank()} ?disabled=${bank.length === 0}>${localize.term('exportBank')}</button>
    </div>
    ${board.length > 0
      ? html`<h3 part="heading">${localize.term('leaderboard')}</h3>
          <ol part="list" class="chat">
            ${board.map(([viewer, n]) => html`<li part="list-item"><span class="text">${viewer}</span><span>${localize.term('points', ...counted(localize, n))}</span></li>`)}
          </ol>`
      : nothing}
  `;
}

