/**
 * Connects an element to its room: resolves the room (registry rules), follows the room's current
 * session, and re-renders the host when the show state, status or audience changes. Elements read
 * `this.room.state` and call `this.room.session?.chat(…)`; they hold no business logic.
 *
 * Chat can arrive hundreds of times a second in a busy show, each message in its own task. A state
 * change that only touched the chat (`chat`, `chatCount`, `recentIds`) therefore does not re-render
 * elements that draw no chat, and re-renders one that does (`chatUpdates: 'frame'`) at most once
 * per animation frame while the page is visible; every other change re-renders at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onRoomsChanged, resolveRoom, type RoomHandle } from '../core/registry.js';
import type { RoomSession } from '../core/session.js';
import type { ShowState } from '../core/state.js';
import type { TransportStatus } from '../transports/transport.js';
import type { ConnectionState } from '../core/registry.js';

type Host = ReactiveControllerHost & Element;

export interface RoomControllerOptions {
  /**
   * What a chat-only state change does: `none` (default) does not re-render the host — most
   * elements draw no chat, and a busy show changes the chat hundreds of times a second; `frame`
   * re-renders it once per animation frame at most (an element that draws chat).
   */
  chatUpdates?: 'frame' | 'none';
  /**
   * Called the moment the element's session changes (before its re-render): an element that keeps
   * its own subscription starts it here, so nothing that arrives before the render is missed.
   */
  onSession?: (session: RoomSession | null) => void;
}

/** Fields of the show state that change with every chat message. */
const CHAT_FIELDS: ReadonlySet<string> = new Set(['chat', 'chatCount', 'recentIds']);

/** True when `next` differs from `previous` only in its chat fields (the reducer keeps the rest by reference). */
export function isChatOnlyChange(next: ShowState, previous: ShowState): boolean {
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(previous).length) return false;
  for (const key of keys) {
    if (!CHAT_FIELDS.has(key) && next[key as keyof ShowState] !== previous[key as keyof ShowState]) return false;
  }
  return true;
}

export class RoomController implements ReactiveController {
  room: RoomHandle | null = null;
  session: RoomSession | null = null;
  private stopRegistry: (() => void) | undefined;
  private stopRoom: (() => void) | undefined;
  private stopSession: Array<() => void> = [];
  private frame: number | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: RoomControllerOptions = {},
  ) {
    host.addController(this);
  }

  /** The show state, or `null` before the element has a room. */
  get state(): ShowState | null {
    return this.session?.state ?? null;
  }
  get status(): TransportStatus {
    return this.session?.$status.get() ?? 'idle';
  }
  /** The room's connection as viewers should be told it (connecting, reconnecting in N s, failed and why). */
  get connection(): ConnectionState | null {
    return this.room?.$connection.get() ?? null;
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
    if (room) {
      const stopSession = room.$session.subscribe((session) => this.attachSession(session as RoomSession | null));
      const stopConnection = room.$connection.listen(() => this.update());
      // The returning-viewer count changes with consent, not with the show state (docs/tiers.md).
      const stopShows = room.$shows?.listen(() => this.update());
      this.stopRoom = () => {
        stopSession();
        stopConnection();
        stopShows?.();
      };
    } else this.attachSession(null);
  }

  private attachSession(session: RoomSession | null): void {
    for (const stop of this.stopSession.splice(0)) stop();
    this.cancelFrame();
    this.session = session;
    if (session) {
      const update = () => this.update();
      let last = session.$state.get();
      const onState = (next: ShowState) => {
        const previous = last;
        last = next;
        if (isChatOnlyChange(next, previous)) this.chatChanged();
        else this.update();
      };
      this.stopSession.push(session.$state.listen(onState), session.$status.listen(update), session.$presence.listen(update));
    }
    this.options.onSession?.(session);
    this.host.requestUpdate();
  }

  private update(): void {
    this.cancelFrame();
    this.host.requestUpdate();
  }

  /** A chat-only change: one re-render in the next animation frame (at once when no frame will come). */
  private chatChanged(): void {
    if (this.options.chatUpdates !== 'frame' || this.frame !== null) return;
    const visible = typeof document !== 'undefined' && document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function';
    if (!visible) return this.host.requestUpdate();
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.host.requestUpdate();
    });
  }

  private cancelFrame(): void {
    if (this.frame === null) return;
    cancelAnimationFrame(this.frame);
    this.frame = null;
  }
}
