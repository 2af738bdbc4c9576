/**
 * Fired by `<linger-quiz>` when the viewer picks an option (the answer locks and goes to the host).
 * Bubbles and is composed.
 */
export class LingerAnswerRequestEvent extends Event {
  readonly detail: { quiz: string; choice: number };
  constructor(detail: { quiz: string; choice: number }) {
    super('linger-answer-request', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-answer-request': LingerAnswerRequestEvent;
  }
}
