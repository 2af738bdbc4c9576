/**
 * Fired by `<linger-vote>` when the viewer taps an option (the vote goes to the host, which counts
 * one per viewer). Bubbles and is composed.
 */
export class LingerVoteRequestEvent extends Event {
  readonly detail: { vote: string; choice: number };
  constructor(detail: { vote: string; choice: number }) {
    super('linger-vote-request', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-vote-request': LingerVoteRequestEvent;
  }
}
