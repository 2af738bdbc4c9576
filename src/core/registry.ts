/**
 * Where elements find their room (DESIGN.md §2): the `room` attribute names a `<linger-room>` id;
 * without it, the closest ancestor room (across shadow roots); without that, the page's only room.
 * Rooms register here, so an element that appears before its room still connects when the room
 * arrives: resolution runs again on every registration change.
 */
import type { ReadableAtom } from 'nanostores';
import type { RoomSession } from './session.js';

/** What elements need of a room: its id and the session it currently holds. */
export interface RoomHandle extends Element {
  readonly $session: ReadableAtom<RoomSession | null>;
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
