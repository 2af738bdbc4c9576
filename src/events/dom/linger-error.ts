import type { TransportError } from '../../transports/transport.js';

/**
 * Fired by `<linger-room>` when its connection fails (bad credentials, Agora unreachable, invalid
 * channel name) or a send is refused. Bubbles and is composed; `detail` has a stable `code`.
 */
export class LingerErrorEvent extends Event {
  readonly detail: TransportError;
  constructor(detail: TransportError) {
    super('linger-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-error': LingerErrorEvent;
  }
}
