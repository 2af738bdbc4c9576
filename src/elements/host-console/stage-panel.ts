/**
 * The Stage tab (co-hosting, docs/studio.md § Co-hosting): let viewers ask to join, the guests on
 * stage (mute, remove), the invitations waiting, and the queue of asks (invite, up to three).
 * Names and request text are the viewers' own: rendered as text, each isolated in its direction.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MAX_GUESTS } from '../../core/protocol.js';
import type { PanelContext } from './panel-context.js';

export function renderStage({ localize, state, session, now }: PanelContext): TemplateResult {
  const stage = state.stage ?? { open: false, guests: [] };
  const flow = session?.stage;
  const queue = flow?.$queue.get() ?? [];
  const invited = [...(flow?.$invited.get().keys() ?? [])];
  const full = stage.guests.length + invited.length >= MAX_GUESTS;
  const name = (id: string, given?: string) => html`<bdi class="who" dir="auto">${given || id}</bdi>`;
  return html`
    <div class="row">
      <label part="field">
        <input part="input" id="stage-open" type="checkbox" .checked=${stage.open} @change=${(event: Event) => flow?.setOpen((event.target as HTMLInputElement).checked)} />
        ${localize.term('stageOpen')}
      </label>
    </div>
    <h3 part="heading" id="stage-guests">${localize.term('stageHeading')} · ${localize.number(stage.guests.length)} ${localize.term('stageCount')}</h3>
    ${stage.guests.length === 0
      ? html`<p part="hint">${localize.term('stageNobody')}</p>`
      : html`<ul part="list" class="chat" aria-labelledby="stage-guests">
          ${stage.guests.map(
            (guest) => html`<li part="list-item">
              ${name(guest.id, guest.name)} ${guest.muted ? html`<span>${localize.term('stageMuted')}</span>` : nothing}
              <button part="button secondary" class="secondary" aria-pressed=${guest.muted ? 'true' : 'false'} @click=${() => flow?.mute(guest.id, !guest.muted)}>
                ${localize.term(guest.muted ? 'stageUnmute' : 'stageMute')}
              </button>
              <button part="button danger" class="danger" @click=${() => flow?.remove(guest.id)}>${localize.term('stageRemove')}</button>
            </li>`,
          )}
        </ul>`}
    ${invited.length > 0
      ? html`<h3 part="heading" id="stage-invited">${localize.term('stageInvitedHeading')}</h3>
          <ul part="list" class="chat" aria-labelledby="stage-invited">
            ${invited.map(
              (id) => html`<li part="list-item">
                ${name(id, queue.find((request) => request.id === id)?.name)}
                <button part="button secondary" class="secondary" @click=${() => flow?.remove(id)}>${localize.term('stageWithdraw')}</button>
              </li>`,
            )}
          </ul>`
      : nothing}
    <h3 part="heading" id="stage-queue">${localize.term('stageQueue')}</h3>
    ${full ? html`<p part="hint" role="status">${localize.term('stageFull')}</p>` : nothing}
    ${queue.length === 0
      ? html`<p part="hint">${localize.term(stage.open ? 'stageNoRequests' : 'stageClosed')}</p>`
      : html`<ul part="list" class="chat" aria-labelledby="stage-queue">
          ${queue.map(
            (request) => html`<li part="list-item">
              ${name(request.id, request.name)}
              ${request.text ? html`<bdi class="text" dir="auto">${request.text}</bdi>` : nothing}
              <span>${localize.duration(Math.max(0, (now - request.at) / 1000))}</span>
              <button part="button" ?disabled=${full} @click=${() => void flow?.invite(request.id)}>${localize.term('stageInvite')}</button>
            </li>`,
          )}
        </ul>`}
  `;
}
