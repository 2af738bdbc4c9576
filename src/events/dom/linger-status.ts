import type { TransportStatus } from '../../transports/transport.js';

/** Fired by `<linger-room>` whenever its connection status changes. Bubbles and is composed. */
export class LingerStatusEvent extends Event {
  readonly detail: { status: TransportStatus };
  constructor(status: TransportStatus) {
    super('linger-status', { bubbles: true, composed: true });
    this.detail = { status };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-status': LingerStatusEvent;
  }
}
