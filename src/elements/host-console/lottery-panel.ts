/** The Lottery tab: the running lottery (entrants, close, draw) or the form for the next one. */
import { html, nothing, type TemplateResult } from 'lit';
import { LOTTERY_MODES } from '../../core/console-forms.js';
import { counted, formFields, type PanelContext } from './panel-context.js';

const LOTTERY_STATUS = { open: 'statusOpen', closed: 'statusClosed', drawn: 'statusDrawn', unlocked: 'statusUnlocked' } as const;
const MODE_LABELS = { keyword: 'modeKeyword', 'like-goal': 'modeLikeGoal', tap: 'modeTap', 'watch-time': 'modeWatchTime' } as const;

export function renderLottery({ localize, state, session, drafts, actions }: PanelContext): TemplateResult {
  const { lottery } = state;
  // Only an open or closed lottery can be drawn; a drawn or unlocked (like goal reached) one is
  // finished, and the form for the next one comes back.
  const running = lottery?.status === 'open' || lottery?.status === 'closed';
  const entrants = lottery ? [...(session?.ledger.entrants.get(lottery.id) ?? [])] : [];
  const { field, keep, number, checkbox } = formFields({ localize, drafts }, 'lottery');
  const mode = field('mode', 'keyword');
  return html`
    ${lottery
      ? html`<div part="next" class="next" role="status">
          <strong>${lottery.prize}</strong>
          <span>${localize.term('lotteryStatus', localize.term(LOTTERY_STATUS[lottery.status]), ...counted(localize, Math.max(lottery.entrants, entrants.length)))}</span>
          ${lottery.status === 'open'
            ? html`<button part="button secondary" class="secondary" @click=${() => actions.closeLottery()}>${localize.term('closeEntries')}</button>`
            : nothing}
          ${running
            ? html`<label part="field">${localize.term('claimInstructions')}
                  <input part="input" id="claim" maxlength="300" .value=${drafts.value('claim')} @input=${drafts.keep('claim')} />
                </label>
                <button part="button" @click=${() => actions.drawLottery()}>${localize.term('draw')}</button>`
            : lottery.status === 'unlocked'
              ? lottery.claim
                ? html`<span>${lottery.claim}</span>`
                : nothing
              : html`<span>${lottery.winnerIds?.length ? localize.term('winnersAre', lottery.winnerIds.join(', ')) : localize.term('noWinners')}</span>`}
        </div>
        ${running && entrants.length > 0
          ? html`<h3 part="heading">${localize.term('latestEntrants')}</h3>
              <ul part="list" class="chat">
                ${entrants
                  .slice(-10)
                  .reverse()
                  .map((entrant) => html`<li part="list-item"><span class="text">${entrant}</span></li>`)}
              </ul>`
          : nothing}`
      : nothing}
    ${running
      ? nothing
      : html`<form class="row" @submit=${(event: Event) => actions.submitLottery(event)}>
          <label part="field">${localize.term('lotteryMode')}
            <select part="select" name="mode" @change=${keep('mode')}>
              ${LOTTERY_MODES.map((value) => html`<option value=${value} ?selected=${value === mode}>${localize.term(MODE_LABELS[value])}</option>`)}
            </select>
          </label>
          <label part="field">${localize.term('prize')}<input part="input" name="prize" required maxlength="200" .value=${field('prize')} @input=${keep('prize')} /></label>
          <label part="field">${localize.term('keyword')}<input part="input" name="keyword" maxlength="40" .value=${field('keyword', '1')} @input=${keep('keyword')} /></label>
          ${number('likeGoal', 'goal', '1000', 1)} ${number('watchMinutes', 'minutes', '5', 1, 600)} ${number('winners', 'winners', '1', 1, 100)}
          ${number('openSeconds', 'seconds', '120', 10, 3600)} ${number('minWatch', 'minWatch', '0', 0, 600)}
          ${checkbox('newWinnersOnly', 'newWinnersOnly')} ${checkbox('mustComment', 'commented')}
          <button part="button" type="submit">${localize.term('openLottery')}</button>
        </form>`}
  `;
}
