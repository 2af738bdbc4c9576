/** The Rhythm tab: show length, plan, publish, the next step and every planned step. */
import { html, nothing, type TemplateResult } from 'lit';
import { clampLead, nextStep, stepPhase, type StepPhase } from '../../core/rhythm.js';
import { clampNumber, fromTimeInput, perkTier, toTimeInput } from '../../core/console-forms.js';
import type { PerkKind } from '../../core/protocol.js';
import { kindLabel, type PanelContext, type TermKey } from './panel-context.js';

const KINDS: readonly PerkKind[] = ['lottery', 'quiz', 'flash', 'first-n', 'share', 'topic'];
const PHASE_LABELS: Record<StepPhase | 'fired', TermKey> = {
  planned: 'stepPlanned',
  announce: 'stepAnnouncing',
  due: 'stepDue',
  past: 'stepPast',
  fired: 'stepFired',
};

const valueOf = (event: Event): string => (event.target as HTMLInputElement).value;

export function renderRhythm({ localize, desk, now, showMinutes, actions }: PanelContext): TemplateResult {
  const { plan } = desk.desk;
  const fired = new Set(desk.desk.fired);
  const next = nextStep(plan, fired, now);
  return html`
    <div class="row">
      <label part="field">${localize.term('showMinutes')}
        <input part="input" type="number" min="15" max="600" .value=${String(showMinutes)} @change=${(event: Event) => actions.setShowMinutes(valueOf(event))} />
      </label>
      <button part="button secondary" class="secondary" @click=${() => actions.planShow()}>${localize.term('planShow')}</button>
      <button part="button secondary" class="secondary" @click=${() => actions.addStep()}>${localize.term('addStep')}</button>
      <button part="button" @click=${() => actions.publishSchedule()} ?disabled=${plan.length === 0}>${localize.term('publishSchedule')}</button>
    </div>
    ${next
      ? html`<div part="next" class="next">
          <strong>${localize.term('next')}:</strong>
          <span>${next.title === kindLabel(localize, next.kind) ? next.title : `${kindLabel(localize, next.kind)} — ${next.title}`}</span>
          <span>${localize.time(next.at)} (${localize.term('inTime', localize.duration((next.at - now) / 1000))})</span>
          <button part="button" @click=${() => actions.queueStep(next, next.id)}>${localize.term('fireNow')}</button>
        </div>`
      : html`<p part="hint" class="hint">${localize.term('nothingPlanned')}</p>`}
    <ol part="steps" class="steps">
      ${plan.map((step) => {
        const phase = fired.has(step.id) ? 'fired' : stepPhase(step, now);
        const edit = (change: Parameters<typeof actions.editStep>[1]) => actions.editStep(step.id, change);
        return html`<li part="step" class="step" data-phase=${phase}>
          <label part="field">${localize.term('stepTime')}
            <input part="input" type="time" .value=${toTimeInput(step.at)} @change=${(event: Event) => edit({ at: fromTimeInput(valueOf(event), step.at) })} />
          </label>
          <label part="field">${localize.term('stepKind')}
            <select part="select" @change=${(event: Event) => edit({ kind: valueOf(event) as PerkKind })}>
              ${KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === step.kind}>${kindLabel(localize, kind)}</option>`)}
            </select>
          </label>
          <label part="field">${localize.term('stepTitle')}
            <input part="input" maxlength="200" .value=${step.title} @change=${(event: Event) => edit({ title: valueOf(event).slice(0, 200) })} />
          </label>
          <label part="field">${localize.term('stepPrompt')}
            <input part="input" maxlength="200" .value=${step.prompt} @change=${(event: Event) => edit({ prompt: valueOf(event).slice(0, 200) })} />
          </label>
          <label part="field">${localize.term('stepLead')}
            <input part="input" type="number" min="60" max="120" .value=${String(step.lead)} @change=${(event: Event) => edit({ lead: clampLead(Number(valueOf(event)) || 90) })} />
          </label>
          <label part="field">${localize.term('stepCode')}
            <input part="input" maxlength="2048" .value=${step.code ?? ''} @change=${(event: Event) => edit({ code: valueOf(event).trim() })} />
          </label>
          <label part="field">${localize.term('voteTier')}
            <input part="input" name="tier" maxlength="40" .value=${step.tier ?? ''} @change=${(event: Event) => edit({ tier: perkTier(valueOf(event)) ?? '' })} />
          </label>
          ${step.kind === 'first-n'
            ? html`<label part="field">${localize.term('stepRemaining')}
                <input part="input" type="number" min="1" max="100000" .value=${String(step.remaining ?? 10)}
                  @change=${(event: Event) => edit({ remaining: clampNumber(valueOf(event), 1, 100_000, 10) })} />
              </label>`
            : nothing}
          <span part="step-state" class="state">${localize.term(PHASE_LABELS[phase])}</span>
          <div class="row">
            <button part="button secondary" class="secondary" @click=${() => actions.queueStep(step)}>${localize.term('fireNow')}</button>
            <button part="button secondary" class="secondary" @click=${() => actions.removeStep(step.id)}>${localize.term('removeStep')}</button>
          </div>
        </li>`;
      })}
    </ol>
  `;
}
