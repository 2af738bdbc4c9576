/**
 * The host console's reading of the room's connection (`RoomHandle.$connection`): what the operator
 * is told and why. Transport errors carry a stable `code` (src/transports) and a developer sentence;
 * the console names the cause in the operator's language and shows the sentence as the detail.
 */
import type { ConnectionState } from './registry.js';
import type { TransportError, TransportStatus } from '../transports/transport.js';

/**
 * Why the room cannot connect: the token endpoint refused this host (a wrong host key, a staff
 * session that ended: HTTP 401/403), Agora refused the credentials, the token endpoint is down or
 * answers nonsense, Agora cannot be reached, the room has no (valid) channel, or something else.
 */
export type ConnectionReason = 'forbidden' | 'credentials' | 'endpoint' | 'agora' | 'channel' | 'other';

export interface ConnectionView {
  status: TransportStatus;
  /** Whole seconds until the planned retry (at least 1), or `null` when none is planned. */
  retryIn: number | null;
  /** Why the last attempt failed, or `null` while there is no failure to tell. */
  reason: ConnectionReason | null;
  /** The transport's own sentence about the failure ('' without one). */
  detail: string;
}

const FORBIDDEN_CODES = new Set(['token-forbidden', 'token-unauthorized', 'forbidden', 'unauthorized']);
const CREDENTIAL_CODES = new Set(['agora-credentials', 'invalid-app-id', 'invalid-token', 'token-expired']);
const CHANNEL_CODES = new Set(['missing-channel', 'invalid-channel']);
const AGORA_CODES = new Set(['agora-unreachable', 'agora-link-failed', 'sdk-load-failed', 'connect-failed', 'not-connected', 'network']);

/** The cause of a transport error, from its code (and, for token errors, the HTTP status in its message). */
export function connectionReason(error: Pick<TransportError, 'code' | 'message'> | null | undefined): ConnectionReason | null {
  if (!error) return null;
  const { code } = error;
  const message = typeof error.message === 'string' ? error.message : '';
  if (FORBIDDEN_CODES.has(code)) return 'forbidden';
  if (CREDENTIAL_CODES.has(code)) return 'credentials';
  if (CHANNEL_CODES.has(code)) return 'channel';
  if (code.startsWith('token-')) return /\bHTTP 40[13]\b/.test(message) ? 'forbidden' : 'endpoint';
  if (AGORA_CODES.has(code) || code.startsWith('agora-')) return 'agora';
  return 'other';
}

/** What the console shows for a connection state at `now` (epoch ms). */
export function connectionView(state: ConnectionState, now: number): ConnectionView {
  const connected = state.status === 'connected';
  const error = connected ? null : state.error;
  return {
    status: state.status,
    retryIn: !connected && state.retryAt !== null ? Math.max(1, Math.ceil((state.retryAt - now) / 1000)) : null,
    reason: connectionReason(error),
    detail: error && typeof error.message === 'string' ? error.message.replace(/^\[linger\]\s*/, '') : '',
  };
}

/**
 * The room's connection as the console should read it: the room's `$connection`, or — from a room
 * that does not track it yet (`idle` while it has a session) — the session's own status and error.
 */
export function effectiveConnection(
  connection: ConnectionState | null,
  session: { status: TransportStatus; error: TransportError | null } | null,
): ConnectionState {
  if (connection && (connection.status !== 'idle' || !session)) return connection;
  if (session) return { status: session.status, error: session.error, retryAt: null };
  return { status: 'idle', error: null, retryAt: null };
}
