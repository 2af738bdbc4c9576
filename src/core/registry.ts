/**
 * Where elements find their room (docs/architecture.md, "Finding the room"): the `room` attribute names a `<linger-room>` id;
 * without it, the closest ancestor room (across shadow roots); without that, the page's only room.
 * Rooms register here, so an element that appears before its room still connects when the room
 * arrives: resolution runs again on every registration change.
 */
import type { ReadableAtom } from 'nanostores';
import type { RoomSession } from './session.js';
import type { TransportError, TransportStatus } from '../transports/transport.js';
import type { AgoraTokens } from '../transports/agora-rtm-token.js';
import type { ReplayInfo } from './timeline.js';

/** What a viewer should be told about the room's connection (every element shows it the same way). */
export interface ConnectionState {
  /** `idle` before the first attempt; `reconnecting` while waiting for the next one. */
  status: TransportStatus;
  /** Why the last attempt failed, or `null`. */
  error: TransportError | null;
  /** When the next attempt is planned (epoch ms), or `null` when none is. */
  retryAt: number | null;
}

/** What the player needs to join the room's show over Agora RTC: handed over, never duck-typed. */
export interface RoomMedia {
  appId: string;
  channel: string;
  /**
   * Tokens for this viewer from the room's token endpoint — the same answer the RTM transport
   * logged in with while it is fresh, so a page makes one token request, not two. `null` without
   * a token endpoint (an App ID without certificate).
   */
  tokens(): Promise<AgoraTokens | null>;
  /** Co-hosting: this viewer's guest (publisher) token, once the host invited it (docs/tokens.md § Co-hosting). */
  guestTokens?(): Promise<AgoraTokens | null>;
  /**
   * Loads the audience module instead of Agora's (`src/media/local-rtc.ts`: a browser WebRTC
   * connection to the host's studio on a room without Agora, docs/studio.md).
   */
  adapter?: () => Promise<unknown>;
}

/** What elements need of a room: its id, the session it currently holds and its connection. */
export interface RoomHandle extends Element {
  readonly $session: ReadableAtom<RoomSession | null>;
  readonly $connection: ReadableAtom<ConnectionState>;
  /** Agora media settings, or `null` when the room does not run on Agora. */
  readonly media: RoomMedia | null;
  /** Tries to connect again now (a Reconnect button); keeps retrying with backoff on failure. */
  reconnect(): void;
  /**
   * The show id and viewer id an order is attributed with (cart attributes `linger_show`,
   * `linger_viewer`; docs/collector.md § Orders); `viewer` is empty without consent.
   */
  readonly attribution?: { show: string; viewer: string } | null;
  /** Replay mode (docs/replay.md): loading, ready with chapters, or failed; `null` on a live room. */
  readonly $replay?: ReadableAtom<ReplayInfo | null>;
  /** Replay mode: moves the replay and its player to show time `seconds`. */
  seekReplay?(seconds: number): void;
  /** How many shows this browser watched, this one included (0: unknown; kept only with consent; docs/tiers.md). */
  readonly showsWatched?: number;
  /** `showsWatched` as a store: elements re-render when consent starts or stops the count. */
  readonly $shows?: ReadableAtom<number>;
}

const rooms = new Set<RoomHandle>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of [...listeners]) listener();
}

export function registerRoom(room: RoomHandle): void {
  rooms.add(room);
  changed();
}

export function unregisterRoom(room: RoomHandle): void {
  if (rooms.delete(room)) changed();
}

/** Tells the listener whenever rooms come, go or change id. */
export function onRoomsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A room's id changed: elements naming it by id must look again. */
export function roomIdChanged(): void {
  changed();
}

function isRoom(node: Node): node is RoomHandle {
  return rooms.has(node as RoomHandle);
}

/** The room an element belongs to, or `null` while there is none (yet). */
export function resolveRoom(element: Element): RoomHandle | null {
  // The property first: lit writes a reflected property to its attribute only after willUpdate.
  const property = (element as { room?: unknown }).room;
  const id = typeof property === 'string' && property ? property : element.getAttribute('room');
  if (id) {
    for (const room of rooms) if (room.id === id && room.isConnected) return room;
    return null;
  }
  let node: Node | null = element.parentNode;
  while (node) {
    if (isRoom(node)) return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  let only: RoomHandle | null = null;
  for (const room of rooms) {
    if (!room.isConnected) continue;
    if (only) return null; // several rooms and no way to choose: wait for a `room` attribute.
    only = room;
  }
  return only;
}
