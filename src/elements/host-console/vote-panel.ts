/** The Vote tab: the running vote (live counts, close) or its result (pin the winner), and the form for the next one. */
import { html, nothing, type TemplateResult } from 'lit';
import { counted, formFields, type PanelContext } from './panel-context.js';

const OPTIONS = [1, 2, 3, 4, 5, 6];

export function renderVote({ localize, state, desk, drafts, actions }: PanelContext): TemplateResult {
  const { vote } = state;
  const open = vote?.status === 'open';
  const { field, keep, number, checkbox } = formFields({ localize, drafts }, 'vote');
  const products = desk.desk.products;
  const winner = vote?.status === 'closed' && vote.winner !== undefined ? vote.options[vote.winner] : undefined;
  const pinnedWinner = winner?.product !== undefined && state.pinned?.product.id === winner.product.id;
  return html`
    ${vote
      ? html`<div part="next" class="next" role="status">
            <strong dir="auto">${vote.question}</strong>
            <span>${localize.term(open ? 'statusOpen' : 'statusClosed')} · ${localize.term('votesIn', ...counted(localize, vote.total))}</span>
            ${open ? html`<button part="button" @click=${() => actions.closeVote()}>${localize.term('closeVote')}</button>` : nothing}
            ${vote.status === 'closed' ? html`<span>${winner ? localize.term('voteResult', `\u2068${winner.label}\u2069`) : localize.term('noVotes')}</span>` : nothing}
            ${winner?.product && !pinnedWinner ? html`<button part="button" @click=${() => actions.pinWinner()}>${localize.term('pinWinner')}</button>` : nothing}
          </div>
          <ol part="list" class="chat">
            ${vote.options.map(
              (option, index) => html`<li part="list-item">
                <span class="text" dir="auto">${option.label}</span>
                <span>${localize.term('votesIn', ...counted(localize, vote.counts[index] ?? 0))} · ${localize.number(vote.total ? (vote.counts[index] ?? 0) / vote.total : 0, { style: 'percent' })}</span>
              </li>`,
            )}
          </ol>`
      : nothing}
    ${open
      ? nothing
      : html`<form class="row" @submit=${(event: Event) => actions.submitVote(event)}>
          <label part="field">${localize.term('question')}<input part="input" name="question" required maxlength="300" .value=${field('question')} @input=${keep('question')} /></label>
          ${OPTIONS.map(
            (n) => html`<label part="field">${localize.term('option', n)}
                <input part="input" name=${`option${n}`} maxlength="120" .value=${field(`option${n}`)} @input=${keep(`option${n}`)} />
              </label>
              ${products.length > 0
                ? html`<label part="field">${localize.term('voteProduct', n)}
                    <select part="select" name=${`product${n}`} @change=${keep(`product${n}`)}>
                      <option value="">${localize.term('textOnly')}</option>
                      ${products.map((product) => html`<option value=${product.id} ?selected=${field(`product${n}`) === product.id}>${product.title}</option>`)}
                    </select>
                  </label>`
                : nothing}`,
          )}
          ${number('openSeconds', 'seconds', '60', 10, 3600)} ${number('minWatch', 'minWatch', '0', 0, 600)}
          <label part="field">${localize.term('voteTier')}
            <input part="input" name="tier" maxlength="40" .value=${field('tier')} @input=${keep('tier')} />
          </label>
          ${checkbox('voteChangeable', 'changeable')}
          <button part="button" type="submit">${localize.term('openVote')}</button>
        </form>`}
  `;
}
