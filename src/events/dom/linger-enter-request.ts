/**
 * Fired by `<linger-lottery>` when the viewer taps "Enter". The request goes to the host; whether the
 * viewer is in comes back as the host's receipt. Bubbles and is composed.
 */
export class LingerEnterRequestEvent extends Event {
  readonly detail: { lottery: string };
  constructor(detail: { lottery: string }) {
    super('linger-enter-request', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-enter-request': LingerEnterRequestEvent;
  }
}
