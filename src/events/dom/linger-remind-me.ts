/**
 * Fired by `<linger-countdown>` when the viewer asks to be reminded of the next perk or show. The
 * merchant's page can use it for e-mail, SMS or app push; `detail.ics` is the calendar file's text.
 * Bubbles and is composed.
 */
export interface RemindMeDetail {
  /** The perk id, or the show id for a next-show reminder. */
  id: string;
  kind: 'perk' | 'show';
  title: string;
  /** Start, ms since the epoch (host clock). */
  start: number;
  ics: string;
  google: string;
  outlook: string;
}

export class LingerRemindMeEvent extends Event {
  readonly detail: RemindMeDetail;
  constructor(detail: RemindMeDetail) {
    super('linger-remind-me', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-remind-me': LingerRemindMeEvent;
  }
}
