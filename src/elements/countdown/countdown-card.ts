/**
 * The countdown's card (docs/countdown.md): the perk counting down, its drop with code, offer,
 * stock and claim, the next show, and "Remind me" with its calendar links. Loaded by the countdown
 * with the first thing it has to show (src/controllers/lazy-view.ts): a page whose show schedules no
 * perk never downloads it, and the storefront's first paint stays small (issue 14).
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { CountdownView, PerkDrop } from '../../core/countdown-phase.js';
import type { Perk } from '../../core/protocol.js';
import { icsEvent, googleCalendarUrl, outlookCalendarUrl, type Reminder } from '../../core/calendar.js';
import type { en } from './countdown.strings.js';

export { icsEvent, googleCalendarUrl, outlookCalendarUrl };

/** What the card needs of its countdown. */
export interface CardHost {
  readonly localize: LocalizeController<typeof en>;
  /** The reminder whose calendar links are open, if any. */
  readonly remindersFor: string | null;
  /** The drop's code was just copied. */
  readonly copied: boolean;
  /** The perk's tier in the viewer's language. */
  tierName(tier: string): string;
  /** This viewer's claim of `perk`, as the host answered it. */
  claimOf(perk: string): { status: string; reason?: string } | undefined;
  /** The drop offers no claim to this viewer: the perk is for a tier the viewer is not verified in. */
  outOfTier(tier: string | undefined): boolean;
  /** A replay: claims happened live. */
  readonly replay: boolean;
  /** The room is connected (a claim can be sent). */
  readonly connected: boolean;
  remind(reminder: Reminder, kind: 'perk' | 'show'): void;
  claim(perk: string): void;
  copy(code: string): void;
}

const bell = html`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
  ${svg`<path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>`}
</svg>`;

/** The tier a perk is for: the drop's, else the schedule's (docs/tiers.md). */
function tierOfPerk(perk: Perk, drop: PerkDrop | null): string | undefined {
  return drop?.tier ?? perk.tier;
}

/** A perk counting down, announced or dropping. */
export function renderCard(h: CardHost, view: Exclude<CountdownView, { phase: 'idle' }>): TemplateResult {
  const { localize } = h;
  return html`<section part="base" class="card phase-${view.phase}" data-phase=${view.phase} lang=${localize.lang} dir=${localize.dir} aria-labelledby="label">
    <p part="label" id="label" class="label">
      ${view.phase === 'counting' ? localize.term('nextDrop') : view.phase === 'announce' ? localize.term('comingUp') : localize.term('liveNow')}
    </p>
    <h2 part="title" class="title user-text" dir="auto">${(view.phase === 'drop' ? view.drop?.title : undefined) ?? view.perk.title}</h2>
    ${renderTier(h, tierOfPerk(view.perk, view.phase === 'drop' ? view.drop : null))}
    ${view.phase === 'drop' ? renderDrop(h, view.perk, view.drop) : renderCounting(h, view.perk, view.seconds, view.phase === 'announce')}
  </section>`;
}

/** The next show's card (the `next-show` attribute), while no perk is scheduled. */
export function renderNextShow(h: CardHost, start: number, title: string): TemplateResult {
  const { localize } = h;
  return html`<section part="base" class="card phase-show" data-phase="show" lang=${localize.lang} dir=${localize.dir} aria-labelledby="label">
    <p part="label" id="label" class="label">${localize.term('nextShow')}</p>
    <h2 part="title" class="title user-text" dir="auto">${title}</h2>
    <p class="clock-row"><span part="clock" class="when">${localize.time(start, { dateStyle: 'medium', timeStyle: 'short' })}</span></p>
    ${renderRemind(h, { id: `show-${start}`, title, start, minutes: 60 }, 'show')}
  </section>`;
}

function renderTier(h: CardHost, tier: string | undefined): TemplateResult | typeof nothing {
  if (!tier) return nothing;
  // The merchant's name for the tier, isolated so an Arabic name in an English line (or the reverse) keeps its order.
  return html`<p part="tier" class="tier">${h.localize.term('forTier', `\u2068${h.tierName(tier)}\u2069`)}</p>`;
}

function renderCounting(h: CardHost, perk: Perk, seconds: number, announce: boolean): TemplateResult {
  const { localize } = h;
  return html`
    ${announce && perk.prompt ? html`<p part="prompt" class="prompt user-text" dir="auto" role="status">${perk.prompt}</p>` : nothing}
    <p class="clock-row">
      <span class="visually-hidden">${localize.term('startsIn')}</span>
      <span part="clock" class="clock" role="timer">${localize.duration(seconds)}</span>
      <span part="at" class="at">${localize.term('at', localize.time(perk.at))}</span>
    </p>
    ${renderRemind(h, { id: perk.id, title: perk.title, start: perk.at, description: perk.prompt }, 'perk')}
  `;
}

function renderDrop(h: CardHost, perk: Perk, drop: PerkDrop | null): TemplateResult {
  const { localize } = h;
  if (!drop) return html`<p part="drop" class="drop" role="status">${localize.term('dropping')}</p>`;
  const remaining = typeof drop.remaining === 'number' ? drop.remaining : null;
  const claim = h.claimOf(perk.id);
  // The host refuses the claim anyway (docs/tiers.md); not offering it spares the viewer a refusal.
  const outOfTier = h.outOfTier(tierOfPerk(perk, drop));
  return html`<div part="drop" class="drop" role="status">
    ${drop.code
      ? html`<p class="code-row"><span>${localize.term('code')}</span> <code part="code" class="code">${drop.code}</code>
          <button part="copy-button" type="button" class="secondary" @click=${() => h.copy(drop.code!)}>${h.copied ? localize.term('copied') : localize.term('copy')}</button></p>`
      : nothing}
    ${drop.link ? html`<p><a part="offer-link" class="offer" href=${drop.link} target="_blank" rel="noopener noreferrer">${localize.term('openOffer')}</a></p>` : nothing}
    ${remaining !== null
      ? html`<p part="remaining" class="remaining ${remaining === 0 ? 'gone' : ''}">${remaining === 0 ? localize.term('soldOut') : localize.term('left', localize.number(remaining), localize.plural(remaining))}</p>
          ${h.replay
            ? html`<p part="claim-status" class="happened-live">${localize.term('happenedLive')}</p>`
            : claim?.status === 'ok'
            ? html`<p part="claim-status" class="claimed">${localize.term('claimed')}</p>`
            : claim?.status === 'rejected'
              ? html`<p part="claim-status" class="refused">${claim.reason === 'sold-out' ? localize.term('claimSoldOut') : claim.reason === 'tier' ? localize.term('claimTier') : localize.term('claimRefused')}</p>`
              : outOfTier
                ? nothing
                : html`<button part="claim-button" type="button" class="claim" ?disabled=${remaining === 0 || claim?.status === 'sent' || !h.connected} @click=${() => h.claim(perk.id)}>
                  ${localize.term('claim')}
                </button>`}`
      : nothing}
  </div>`;
}

function renderRemind(h: CardHost, reminder: Reminder, kind: 'perk' | 'show'): TemplateResult {
  const { localize } = h;
  const open = h.remindersFor === reminder.id;
  const withUrl = { ...reminder, url: typeof location !== 'undefined' && /^https?:/.test(location.href) ? location.href : undefined } as Reminder;
  if (!withUrl.url) delete withUrl.url;
  return html`<div class="remind">
    <button part="remind-button" type="button" class="secondary remind-button" aria-expanded=${open ? 'true' : 'false'} aria-controls="reminders" @click=${() => h.remind(withUrl, kind)}>
      ${bell} ${localize.term('remindMe')}
    </button>
    ${open
      ? html`<ul part="reminders" id="reminders" class="reminders" aria-label=${localize.term('reminders')}>
          <li><a part="reminder-link" href=${`data:text/calendar;charset=utf-8,${encodeURIComponent(icsEvent(withUrl))}`} download=${`${reminder.id}.ics`}>${localize.term('ics')}</a></li>
          <li><a part="reminder-link" href=${googleCalendarUrl(withUrl)} target="_blank" rel="noopener noreferrer">${localize.term('google')}</a></li>
          <li><a part="reminder-link" href=${outlookCalendarUrl(withUrl)} target="_blank" rel="noopener noreferrer">${localize.term('outlook')}</a></li>
        </ul>`
      : nothing}
  </div>`;
}
