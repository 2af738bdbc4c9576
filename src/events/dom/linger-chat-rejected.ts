/**
 * Fired by `<linger-overlay>` when the room refused to send the viewer's comment (slow mode, muted,
 * blocked word, offline, too long). `detail.reason` is the session's `ChatResult` reason;
 * `retryInMs` is set for slow mode. Bubbles and is composed.
 */
export class LingerChatRejectedEvent extends Event {
  readonly detail: { reason: string; retryInMs?: number };
  constructor(detail: { reason: string; retryInMs?: number }) {
    super('linger-chat-rejected', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-chat-rejected': LingerChatRejectedEvent;
  }
}
