import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { countdownPhase, type CountdownView, type PerkDrop } from '../../core/countdown-phase.js';
import type { Reminder } from '../../core/calendar.js';
import { sharedImport } from '../../utilities/shared-import.js';
import { tierOf } from '../../core/primitives.js';
import { LazyView } from '../../controllers/lazy-view.js';
import type { Perk } from '../../core/protocol.js';
import { LingerRemindMeEvent } from '../../events/dom/linger-remind-me.js';
import { LingerClaimRequestEvent } from '../../events/dom/linger-claim-request.js';
import { TickController, ViewerController } from '../../controllers/viewer-controller.js';
import { translation, type en } from './countdown.strings.js';
import styles from './countdown.styles.js';

type Calendar = typeof import('../../core/calendar.js');
/** The `.ics` and calendar links: fetched when a "Remind me" button first shows, not on first paint. */
const loadCalendar = sharedImport((): Promise<Calendar> => import('../../core/calendar.js'));
let calendar: Calendar | null = null;

const bell = html`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
  ${svg`<path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>`}
</svg>`;

/**
 * Counts down to the room's next scheduled perk on the host's clock (the same second on every
 * screen), switches to the host's pre-announce prompt in the last `lead` seconds, and shows the drop
 * at zero: a code to copy, a link, or a first-N offer with the remaining count and a claim button.
 * "Remind me" offers an `.ics` file and Google / Outlook links for the next perk (or the next show)
 * and fires `linger-remind-me` for the merchant's own reminders.
 *
 * @summary Countdown to the next perk with pre-announce, drop and "remind me".
 * @tag linger-countdown
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @attr next-show - When the next show starts (ISO date-time or ms), shown when no perk is planned.
 * @attr next-show-title - Title of the next show for the reminder.
 * @attr drop-seconds - How long a drop stays on screen (default 120; a first-N drop stays while some are left).
 * @fires linger-remind-me - The viewer asked for a reminder (`detail.id`, `kind`, `title`, `start`, `ics`, `google`, `outlook`).
 * @fires linger-claim-request - The viewer claimed a first-N drop (`detail.perk`).
 * @csspart base - The card.
 * @csspart label - "Next drop" / "Coming up!" / "It's on!".
 * @csspart title - The perk's title.
 * @csspart clock - The countdown digits (or the next show's date).
 * @csspart at - "at 20:30" next to the digits.
 * @csspart prompt - The host's pre-announce prompt.
 * @csspart drop - The drop (code, link, remaining).
 * @csspart code - The discount code.
 * @csspart copy-button - Copies the code.
 * @csspart offer-link - The drop's link.
 * @csspart remaining - First-N left / sold out.
 * @csspart claim-button - Claims a first-N drop.
 * @csspart claim-status - Claimed / refused.
 * @csspart tier - "For VIP members": the perk is for one member tier (docs/tiers.md).
 * @csspart remind-button - The "Remind me" button.
 * @csspart reminders - The calendar links.
 * @csspart reminder-link - Each calendar link (.ics, Google, Outlook).
 * @cssproperty --linger-countdown-accent - Accent colour.
 * @cssproperty --linger-countdown-surface - Card background.
 * @cssproperty --linger-countdown-max-width - Widest the card grows (default 420px).
 */
export class LingerCountdown extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  constructor() {
    super(translation);
  }

  @property({ attribute: 'next-show' }) nextShow = '';
  @property({ attribute: 'next-show-title' }) nextShowTitle = '';
  @property({ type: Number, attribute: 'drop-seconds' }) dropSeconds = 120;

  @state() private remindersFor: string | null = null;
  @state() private copied = false;

  private readonly viewerCtl = new ViewerController(this, this.roomCtl);
  /** The merchant's tier names (docs/tiers.md): their code comes with the first tier-only perk. */
  private readonly tierNames = new LazyView(this, () => import('../../core/tier-label.js'));
  protected readonly ticker = new TickController(this, () => this.roomCtl.session !== null, 200);

  /** What is on screen now (also handy for tests and the merchant's own UI). */
  get view(): CountdownView {
    const state = this.roomCtl.state;
    if (!state) return { phase: 'idle' };
    return countdownPhase(state.schedule, state.perk, this.now(), this.dropSeconds * 1000);
  }

  private now(): number {
    return this.roomCtl.session?.clock.now() ?? Date.now();
  }

  protected override render() {
    const view = this.view;
    const { localize } = this;
    if (view.phase === 'idle') return this.renderNextShow();
    return html`<section part="base" class="card phase-${view.phase}" data-phase=${view.phase} lang=${localize.lang} dir=${localize.dir} aria-labelledby="label">
      <p part="label" id="label" class="label">
        ${view.phase === 'counting' ? localize.term('nextDrop') : view.phase === 'announce' ? localize.term('comingUp') : localize.term('liveNow')}
      </p>
      <h2 part="title" class="title user-text" dir="auto">${(view.phase === 'drop' ? view.drop?.title : undefined) ?? view.perk.title}</h2>
      ${this.renderTier(this.tierOfPerk(view.perk, view.phase === 'drop' ? view.drop : null))}
      ${view.phase === 'drop' ? this.renderDrop(view.perk, view.drop) : this.renderCounting(view.perk, view.seconds, view.phase === 'announce')}
    </section>`;
  }

  /** The tier a perk is for: the drop's, else the schedule's (docs/tiers.md). */
  private tierOfPerk(perk: Perk, drop: PerkDrop | null): string | undefined {
    return drop?.tier ?? perk.tier;
  }

  private renderTier(tier: string | undefined): TemplateResult | typeof nothing {
    if (!tier) return nothing;
    // The merchant's name for the tier, isolated so an Arabic name in an English line (or the reverse) keeps its order.
    // The tier's own id for the moment its names' code takes to arrive: the line keeps its place.
    const name = this.tierNames.get()?.tierLabel(tier, this.roomCtl.room, this.localize.lang) ?? tier;
    return html`<p part="tier" class="tier">${this.localize.term('forTier', `\u2068${name}\u2069`)}</p>`;
  }

  private renderCounting(perk: Perk, seconds: number, announce: boolean): TemplateResult {
    const { localize } = this;
    return html`
      ${announce && perk.prompt ? html`<p part="prompt" class="prompt user-text" dir="auto" role="status">${perk.prompt}</p>` : nothing}
      <p class="clock-row">
        <span class="visually-hidden">${localize.term('startsIn')}</span>
        <span part="clock" class="clock" role="timer">${localize.duration(seconds)}</span>
        <span part="at" class="at">${localize.term('at', localize.time(perk.at))}</span>
      </p>
      ${this.renderRemind({ id: perk.id, title: perk.title, start: perk.at, description: perk.prompt }, 'perk')}
    `;
  }

  private renderDrop(perk: Perk, drop: PerkDrop | null): TemplateResult {
    const { localize } = this;
    if (!drop) return html`<p part="drop" class="drop" role="status">${localize.term('dropping')}</p>`;
    const remaining = typeof drop.remaining === 'number' ? drop.remaining : null;
    const claim = this.viewerCtl.value?.claims[perk.id];
    const tier = this.tierOfPerk(perk, drop);
    const state = this.roomCtl.state;
    const me = this.roomCtl.session?.userId;
    // The host refuses the claim anyway (docs/tiers.md); not offering it spares the viewer a refusal.
    const outOfTier = !!tier && (!state || !me || tierOf(state, me) !== tier);
    return html`<div part="drop" class="drop" role="status">
      ${drop.code
        ? html`<p class="code-row"><span>${localize.term('code')}</span> <code part="code" class="code">${drop.code}</code>
            <button part="copy-button" type="button" class="secondary" @click=${() => this.copy(drop.code!)}>${this.copied ? localize.term('copied') : localize.term('copy')}</button></p>`
        : nothing}
      ${drop.link ? html`<p><a part="offer-link" class="offer" href=${drop.link} target="_blank" rel="noopener noreferrer">${localize.term('openOffer')}</a></p>` : nothing}
      ${remaining !== null
        ? html`<p part="remaining" class="remaining ${remaining === 0 ? 'gone' : ''}">${remaining === 0 ? localize.term('soldOut') : localize.term('left', localize.number(remaining), localize.plural(remaining))}</p>
            ${this.roomCtl.session?.replay
              ? html`<p part="claim-status" class="happened-live">${localize.term('happenedLive')}</p>`
              : claim?.status === 'ok'
              ? html`<p part="claim-status" class="claimed">${localize.term('claimed')}</p>`
              : claim?.status === 'rejected'
                ? html`<p part="claim-status" class="refused">${claim.reason === 'sold-out' ? localize.term('claimSoldOut') : claim.reason === 'tier' ? localize.term('claimTier') : localize.term('claimRefused')}</p>`
                : outOfTier
                  ? nothing
                  : html`<button part="claim-button" type="button" class="claim" ?disabled=${remaining === 0 || claim?.status === 'sent' || !this.roomCtl.session} @click=${() => this.claim(perk.id)}>
                    ${localize.term('claim')}
                  </button>`}`
        : nothing}
    </div>`;
  }

  private renderNextShow(): TemplateResult | typeof nothing {
    const start = this.nextShowTime();
    if (start === null) return nothing;
    const { localize } = this;
    const title = this.nextShowTitle || localize.term('nextShow');
    return html`<section part="base" class="card phase-show" data-phase="show" lang=${localize.lang} dir=${localize.dir} aria-labelledby="label">
      <p part="label" id="label" class="label">${localize.term('nextShow')}</p>
      <h2 part="title" class="title user-text" dir="auto">${title}</h2>
      <p class="clock-row"><span part="clock" class="when">${localize.time(start, { dateStyle: 'medium', timeStyle: 'short' })}</span></p>
      ${this.renderRemind({ id: `show-${start}`, title, start, minutes: 60 }, 'show')}
    </section>`;
  }

  private nextShowTime(): number | null {
    if (!this.nextShow) return null;
    const value = /^\d+$/.test(this.nextShow) ? Number(this.nextShow) : Date.parse(this.nextShow);
    return Number.isFinite(value) && value > this.now() ? value : null;
  }

  private renderRemind(reminder: Reminder, kind: 'perk' | 'show'): TemplateResult {
    const { localize } = this;
    if (!calendar) void this.calendar().catch(() => undefined);
    const open = this.remindersFor === reminder.id && !!calendar;
    const withUrl = { ...reminder, url: typeof location !== 'undefined' && /^https?:/.test(location.href) ? location.href : undefined } as Reminder;
    if (!withUrl.url) delete withUrl.url;
    return html`<div class="remind">
      <button part="remind-button" type="button" class="secondary remind-button" aria-expanded=${open ? 'true' : 'false'} aria-controls="reminders" @click=${() => void this.remind(withUrl, kind).catch(() => undefined)}>
        ${bell} ${localize.term('remindMe')}
      </button>
      ${open && calendar
        ? html`<ul part="reminders" id="reminders" class="reminders" aria-label=${localize.term('reminders')}>
            <li><a part="reminder-link" href=${`data:text/calendar;charset=utf-8,${encodeURIComponent(calendar.icsEvent(withUrl))}`} download=${`${reminder.id}.ics`}>${localize.term('ics')}</a></li>
            <li><a part="reminder-link" href=${calendar.googleCalendarUrl(withUrl)} target="_blank" rel="noopener noreferrer">${localize.term('google')}</a></li>
            <li><a part="reminder-link" href=${calendar.outlookCalendarUrl(withUrl)} target="_blank" rel="noopener noreferrer">${localize.term('outlook')}</a></li>
          </ul>`
        : nothing}
    </div>`;
  }

  /** The calendar module (loaded once for the page); a render follows so open reminders draw their links. */
  private async calendar(): Promise<Calendar> {
    calendar = await loadCalendar();
    this.requestUpdate();
    return calendar;
  }

  /** Opens or closes the reminder links; the event fires once the calendar code is here (usually at once). */
  private async remind(reminder: Reminder, kind: 'perk' | 'show'): Promise<void> {
    if (this.remindersFor === reminder.id) {
      this.remindersFor = null;
      return;
    }
    this.remindersFor = reminder.id;
    const { icsEvent, googleCalendarUrl, outlookCalendarUrl } = calendar ?? (await this.calendar());
    this.dispatchEvent(
      new LingerRemindMeEvent({
        id: reminder.id,
        kind,
        title: reminder.title,
        start: reminder.start,
        ics: icsEvent(reminder),
        google: googleCalendarUrl(reminder),
        outlook: outlookCalendarUrl(reminder),
      }),
    );
    this.roomCtl.session?.track('remind_me', kind === 'perk' ? { perk: reminder.id } : {});
  }

  private claim(perk: string): void {
    this.dispatchEvent(new LingerClaimRequestEvent({ perk }));
    this.roomCtl.session?.claim(perk);
  }

  private copy(code: string): void {
    void navigator.clipboard?.writeText(code).then(
      () => {
        this.copied = true;
        setTimeout(() => (this.copied = false), 2000);
      },
      () => undefined,
    );
  }
}
