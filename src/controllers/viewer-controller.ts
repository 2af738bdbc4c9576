/**
 * Re-renders an element when its room session's per-viewer record (`session.$viewer`: receipts,
 * score, draw checks) changes. Follows the session the `RoomController` currently has.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomController } from './room-controller.js';
import type { RoomSession, ViewerRecord } from '../core/session.js';

export class ViewerController implements ReactiveController {
  private followed: RoomSession | null = null;
  private stop: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly room: RoomController,
  ) {
    host.addController(this);
  }

  get value(): ViewerRecord | null {
    return this.room.session?.viewer ?? null;
  }

  hostUpdate(): void {
    const session = this.room.session;
    if (session === this.followed) return;
    this.stop?.();
    this.followed = session;
    this.stop = session?.$viewer.listen(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.followed = null;
  }
}

/** Re-renders the host every `ms` while `active()` says something on screen is counting down. */
export class TickController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
    private readonly ms = 250,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    clearInterval(this.timer); // connected twice without a disconnect: still one timer
    let was = false;
    this.timer = setInterval(() => {
      const now = this.active();
      // One more render after it stops, so the state after the countdown shows.
      if (now || was) this.host.requestUpdate();
      was = now;
    }, this.ms);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
