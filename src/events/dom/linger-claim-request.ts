/**
 * Fired by `<linger-countdown>` when the viewer claims a dropped perk (first-N). The host answers
 * with a receipt (claimed, or sold out). Bubbles and is composed.
 */
export class LingerClaimRequestEvent extends Event {
  readonly detail: { perk: string };
  constructor(detail: { perk: string }) {
    super('linger-claim-request', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-claim-request': LingerClaimRequestEvent;
  }
}
