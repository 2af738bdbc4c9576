/** What `<linger-player>` shows: the show's phase, the connection, or a recording. */
export type PlayerStatus = 'idle' | 'upcoming' | 'connecting' | 'live' | 'reconnecting' | 'retrying' | 'ended' | 'replay' | 'error';

/**
 * Fired by `<linger-player>` whenever its status changes (upcoming → connecting → live →
 * reconnecting → ended; `retrying` when Agora cannot be reached; `replay` for a `src` recording).
 * Bubbles and is composed.
 */
export class LingerPlayerStateEvent extends Event {
  readonly detail: { status: PlayerStatus; previous: PlayerStatus };
  constructor(status: PlayerStatus, previous: PlayerStatus) {
    super('linger-player-state', { bubbles: true, composed: true });
    this.detail = { status, previous };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linger-player-state': LingerPlayerStateEvent;
  }
}
