import { nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { countdownPhase, type CountdownView } from '../../core/countdown-phase.js';
import type { Reminder } from '../../core/calendar.js';
import { tierOf } from '../../core/primitives.js';
import { LazyView } from '../../controllers/lazy-view.js';
import type { CardHost } from './countdown-card.js';
import { LingerRemindMeEvent } from '../../events/dom/linger-remind-me.js';
import { LingerClaimRequestEvent } from '../../events/dom/linger-claim-request.js';
import { TickController, ViewerController } from '../../controllers/viewer-controller.js';
import { translation, type en } from './countdown.strings.js';
import styles from './countdown.styles.js';


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
  /** The card and its calendar links: their code comes with the first perk or next show to show. */
  private readonly card = new LazyView(this, () => import('./countdown-card.js'));
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
    const start = view.phase === 'idle' ? this.nextShowTime() : null;
    if (view.phase === 'idle' && start === null) return nothing;
    // The card's code comes with the first thing to show (countdown-card.ts).
    const card = this.card.get();
    if (!card) return nothing;
    return view.phase === 'idle' ? card.renderNextShow(this.cardHost, start!, this.nextShowTitle || this.localize.term('nextShow')) : card.renderCard(this.cardHost, view);
  }

  /** What the card reads and calls. */
  private readonly cardHost: CardHost = ((host: LingerCountdown): CardHost => ({
    localize: host.localize,
    get remindersFor() {
      return host.remindersFor;
    },
    get copied() {
      return host.copied;
    },
    get replay() {
      return !!host.roomCtl.session?.replay;
    },
    get connected() {
      return !!host.roomCtl.session;
    },
    tierName: (tier) => host.tierNames.get()?.tierLabel(tier, host.roomCtl.room, host.localize.lang) ?? tier,
    claimOf: (perk) => host.viewerCtl.value?.claims[perk],
    outOfTier: (tier) => {
      const state = host.roomCtl.state;
      const me = host.roomCtl.session?.userId;
      return !!tier && (!state || !me || tierOf(state, me) !== tier);
    },
    remind: (reminder, kind) => host.remind(reminder, kind),
    claim: (perk) => host.claim(perk),
    copy: (code) => host.copy(code),
  }))(this);

  private nextShowTime(): number | null {
    if (!this.nextShow) return null;
    const value = /^\d+$/.test(this.nextShow) ? Number(this.nextShow) : Date.parse(this.nextShow);
    return Number.isFinite(value) && value > this.now() ? value : null;
  }

  /** Opens or closes the reminder links; the event fires with them. */
  private remind(reminder: Reminder, kind: 'perk' | 'show'): void {
    if (this.remindersFor === reminder.id) {
      this.remindersFor = null;
      return;
    }
    const card = this.card.get();
    if (!card) return;
    this.remindersFor = reminder.id;
    this.dispatchEvent(
      new LingerRemindMeEvent({
        id: reminder.id,
        kind,
        title: reminder.title,
        start: reminder.start,
        ics: card.icsEvent(reminder),
        google: card.googleCalendarUrl(reminder),
        outlook: card.outlookCalendarUrl(reminder),
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
