/**
 * Connects an element to its room: resolves the room (registry rules), follows the room's current
 * session, and re-renders the host when the show state, status or audience changes. Elements read
 * `this.room.state` and call `this.room.session?.chat(…)`; they hold no business logic.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onRoomsChanged, resolveRoom, type RoomHandle } from '../core/registry.js';
import type { RoomSession } from '../core/session.js';
import type { ShowState } from '../core/state.js';
import type { TransportStatus } from '../transports/transport.js';

type Host = ReactiveControllerHost & Element;

export class RoomController implements ReactiveController {
  room: RoomHandle | null = null;
  session: RoomSession | null = null;
  private stopRegistry: (() => void) | undefined;
  private stopRoom: (() => void) | undefined;
  private stopSession: Array<() => void> = [];

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The show state, or `null` before the element has a room. */
  get state(): ShowState | null {
    return this.session?.state ?? null;
  }
  get status(): TransportStatus {
    return this.session?.$status.get() ?? 'idle';
  }
  get presence(): number | null {
    return this.session?.$presence.get() ?? null;
  }

  hostConnected(): void {
    this.stopRegistry = onRoomsChanged(() => this.resolve());
    this.resolve();
  }

  hostDisconnected(): void {
    this.stopRegistry?.();
    this.attachRoom(null);
  }

  /** Looks for the room again (e.g. after the `room` attribute changed). */
  resolve(): void {
    const room = resolveRoom(this.host);
    if (room !== this.room) this.attachRoom(room);
  }

  private attachRoom(room: RoomHandle | null): void {
    this.stopRoom?.();
    this.stopRoom = undefined;
    this.room = room;
    if (room) this.stopRoom = room.$session.subscribe((session) => this.attachSession(session as RoomSession | null));
    else this.attachSession(null);
  }

  private attachSession(session: RoomSession | null): void {
    for (const stop of this.stopSession.splice(0)) stop();
    this.session = session;
    if (session) {
      const update = () => this.host.requestUpdate();
      this.stopSession.push(session.$state.listen(update), session.$status.listen(update), session.$presence.listen(update));
    }
    this.host.requestUpdate();
  }
}
