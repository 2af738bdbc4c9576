/**
 * The console's frame above the tabs: the header (title, phase, connection, go live / end), the
 * connection banner (why the room cannot connect, "Reconnecting in N s", Reconnect), the actions
 * waiting for the connection, the action in its undo window, and the live figures.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { sparklinePoints, type LiveFigures } from '../../core/figures.js';
import type { ConnectionReason, ConnectionView } from '../../core/console-connection.js';
import type { TransportStatus } from '../../transports/transport.js';
import type { OutboxItem } from '../../controllers/console-outbox.js';
import type { PendingAction } from '../../controllers/plan-runner.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { RoomSession } from '../../core/session.js';
import type { ShowState } from '../../core/state.js';
import { counted, type Strings, type TermKey } from './panel-context.js';

type Localize = LocalizeController<Strings>;

const STATUS_TERMS: Record<TransportStatus, TermKey> = {
  idle: 'connectionConnecting',
  connecting: 'connectionConnecting',
  connected: 'connectionConnected',
  reconnecting: 'connectionReconnecting',
  failed: 'connectionFailed',
  closed: 'connectionClosed',
};

const REASON_TERMS: Record<ConnectionReason, TermKey> = {
  forbidden: 'reasonForbidden',
  credentials: 'reasonCredentials',
  endpoint: 'reasonEndpoint',
  agora: 'reasonAgora',
  channel: 'reasonChannel',
  other: 'reasonOther',
};

const PHASE_TERMS = { upcoming: 'phaseUpcoming', live: 'phaseLive', ended: 'phaseEnded' } as const;

/** The connection in a few words: "Reconnecting in 4 seconds", "Cannot reach the show", "Connected". */
export function connectionText(localize: Localize, view: ConnectionView): string {
  if (view.retryIn !== null) return localize.term('connectionRetryIn', ...counted(localize, view.retryIn));
  return localize.term(STATUS_TERMS[view.status]);
}

export function renderHeader(
  localize: Localize,
  show: ShowState['show'],
  view: ConnectionView,
  actions: { setPhase(phase: 'live' | 'ended'): void; confirm(text: string, run: () => void): void },
): TemplateResult {
  return html`<header part="header">
    <h2 part="title">${localize.term('title')}</h2>
    <span part="phase" class="phase" data-phase=${show.phase}>${localize.term(PHASE_TERMS[show.phase])}</span>
    <span part="hint status-line" class="hint" data-status=${view.status}>${localize.term('statusLine', connectionText(localize, view))}</span>
    ${show.phase !== 'live'
      ? html`<button part="button" @click=${() => actions.setPhase('live')}>${localize.term('goLive')}</button>`
      : html`<button part="button danger" class="danger" @click=${() => actions.confirm(localize.term('confirmEnd'), () => actions.setPhase('ended'))}>
          ${localize.term('endShow')}
        </button>`}
  </header>`;
}

/**
 * Shown while the room is not connected: what is going on, why (the cause in the operator's
 * language, the transport's sentence as detail) and a Reconnect button.
 */
export function renderConnection(localize: Localize, view: ConnectionView, reconnect: () => void): TemplateResult | typeof nothing {
  // A first attempt under way is said by the "Connecting…" line; a failure, a planned retry or a drop gets the banner.
  const quiet = view.status === 'connected' || ((view.status === 'connecting' || view.status === 'idle') && view.reason === null && view.retryIn === null);
  if (quiet) return nothing;
  const failing = view.reason !== null;
  return html`<div part="error" class="connection" role=${failing ? 'alert' : 'status'} data-reason=${view.reason ?? ''}>
    <strong class="connection-state">${connectionText(localize, view)}</strong>
    ${view.reason ? html`<span class="reason">${localize.term(REASON_TERMS[view.reason])}</span>` : nothing}
    ${view.detail ? html`<span part="hint" class="hint detail">${view.detail}</span>` : nothing}
    <button part="button secondary" class="secondary reconnect" @click=${reconnect}>${localize.term('reconnect')}</button>
  </div>`;
}

/** Actions taken while the room was not connected: each waits visibly, with Discard. */
export function renderWaiting(localize: Localize, items: ReadonlyArray<OutboxItem<RoomSession>>, discard: (id: number) => void): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<div part="pending" class="pending waiting" role="status">
    <span>${localize.term('waiting', ...counted(localize, items.length))}</span>
    <ul part="list" class="chat">
      ${items.map(
        (item) => html`<li part="list-item" data-id=${item.id}>
          <span class="text">${item.label}</span>
          <button part="button secondary" class="secondary" @click=${() => discard(item.id)}>${localize.term('discard')}</button>
        </li>`,
      )}
    </ul>
  </div>`;
}

/** The action in its undo window. */
export function renderPending(localize: Localize, pending: PendingAction | null, seconds: number, undo: () => void): TemplateResult | typeof nothing {
  if (!pending) return nothing;
  return html`<div part="pending" class="pending" role="status">
    <span>${localize.term('sendingIn', pending.label, localize.number(seconds))}</span>
    <button part="button secondary" class="secondary" @click=${undo}>${localize.term('undo')}</button>
  </div>`;
}

export function renderSummary(localize: Localize, figures: LiveFigures, state: ShowState, session: RoomSession | null): TemplateResult {
  const answers = state.quiz ? (session?.ledger.answers.get(state.quiz.id)?.size ?? 0) : 0;
  const entrants = state.lottery ? Math.max(state.lottery.entrants, session?.ledger.entrantCount(state.lottery.id) ?? 0) : 0;
  const cells: Array<[string, string]> = [
    [localize.term('viewersNow'), localize.number(figures.viewers)],
    [localize.term('peak'), localize.number(figures.peak)],
    [localize.term('likesPerMinute'), localize.number(figures.likesPerMinute)],
    [localize.term('commentsPerMinute'), localize.number(figures.commentsPerMinute)],
    [localize.term('interactionRate'), localize.number(figures.interactionRate, { style: 'percent' })],
    [localize.term('entrants'), localize.number(entrants)],
    [localize.term('quizParticipation'), localize.number(figures.peak > 0 ? Math.min(1, answers / figures.peak) : 0, { style: 'percent' })],
  ];
  return html`<dl class="summary" part="summary" aria-live="off">
    ${cells.map(([label, value]) => html`<div part="summary-item"><dt>${label}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}

export function renderFigures(localize: Localize, figures: LiveFigures): TemplateResult {
  const points = sparklinePoints(figures.history, 300, 80);
  return html`<figure part="chart">
    <figcaption>${localize.term('audienceChart')}</figcaption>
    <svg viewBox="0 0 300 80" preserveAspectRatio="none" role="img" aria-label=${localize.term('audienceChart')}>
      ${svg`<polyline points=${points}></polyline>`}
    </svg>
  </figure>`;
}
