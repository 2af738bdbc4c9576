/**
 * The one seam between a room and the network. A transport moves opaque strings between the
 * peers of one channel and tells the room who sent each one; it knows nothing of the protocol.
 *
 * The sender id handed to {@link MessageHandler} must come from the transport's own
 * authentication (Agora RTM's `publisher`), never from the payload: host authority rests on it.
 */

/** Connection state of a transport, as the room shows it. */
export type TransportStatus =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'failed'
  | 'closed';

/** A failure a transport reports; `code` is stable, `message` is for people. */
export interface TransportError {
  /** Stable machine-readable code, e.g. `agora-unreachable`, `invalid-channel`, `token-failed`. */
  code: string;
  /** A sentence that tells a developer what went wrong and what to do. */
  message: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/** Receives one payload with the authenticated id of the peer that sent it. */
export type MessageHandler = (data: string, senderId: string, direct: boolean) => void;

/** A stored value and the authenticated id of the peer that wrote it (`null` when unknown). */
export interface StoredValue {
  value: string;
  authorId: string | null;
}

/** Durable key/value storage shared by a channel (Agora channel metadata), used for the snapshot. */
export interface ChannelStorage {
  /** Reads the stored value and its author (Agora's `authorUid`), or `null` when there is none. */
  read(key: string): Promise<StoredValue | null>;
  /** Writes a value; rejects when it is over the transport's size limit. */
  write(key: string, value: string): Promise<void>;
}

/** Listener bag every transport accepts. Each `on*` returns an unsubscribe function. */
export interface Transport {
  /** Short name, e.g. `memory`, `broadcast`, `agora-rtm`. */
  readonly kind: string;
  /** The local peer's id, as other peers will see it as sender. */
  readonly userId: string;
  /** The show's channel: direct messages name it, so a room ignores those meant for another room. */
  readonly channel: string;
  /** Current connection state. */
  readonly status: TransportStatus;
  /** Number of peers present in the channel (including this one), or `null` when unknown. */
  readonly presence: number | null;
  /** Channel storage when the transport has it. */
  readonly storage?: ChannelStorage;
  /** Largest payload, in UTF-8 bytes, the transport accepts. */
  readonly maxPayloadBytes: number;

  /** Joins the channel. Resolves when connected; rejects with a {@link TransportError}. */
  connect(): Promise<void>;
  /** Sends to every peer in the channel (not echoed back to the sender). */
  publish(data: string): Promise<void>;
  /** Sends to one peer only (Agora RTM user channel). */
  sendTo(userId: string, data: string): Promise<void>;
  /** Leaves the channel and releases everything. Safe to call twice. */
  close(): Promise<void>;

  onMessage(handler: MessageHandler): () => void;
  onStatus(handler: (status: TransportStatus, error?: TransportError) => void): () => void;
  onPresence(handler: (count: number) => void): () => void;
}

/** Largest payload Agora RTM accepts on a message or user channel (UTF-8 bytes); the other transports keep to it. */
export const MAX_PAYLOAD_BYTES = 32_768;
/** Largest channel-storage value Agora RTM accepts (UTF-8 bytes); the other transports keep to it. */
export const MAX_STORAGE_BYTES = 16_384;

/** True for a value shaped like a {@link TransportError}. */
export function isTransportError(value: unknown): value is TransportError {
  return typeof value === 'object' && value !== null && typeof (value as TransportError).code === 'string' && typeof (value as TransportError).message === 'string';
}

/** Builds an error value that carries a stable code. */
export function transportError(code: string, message: string, cause?: unknown): TransportError {
  return cause === undefined ? { code, message } : { code, message, cause };
}

/** UTF-8 byte length of a string, without allocating when it is plain ASCII. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
