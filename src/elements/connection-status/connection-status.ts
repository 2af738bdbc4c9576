import { html, nothing } from 'lit';
import { RoomElement } from '../../controllers/room-element.js';
import { TickController } from '../../controllers/viewer-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { ConnectionState } from '../../core/registry.js';
import { translation, type en } from './connection-status.strings.js';
import styles from './connection-status.styles.js';

/** Error codes that waiting cannot fix: the page or the merchant's settings are wrong. */
const SETUP_CODES = new Set(['missing-channel', 'invalid-channel', 'invalid-user-id', 'invalid-app-id', 'agora-credentials', 'transport-failed', 'sdk-load-failed']);

/** What a viewer is told about the room's connection, or `null` when there is nothing to say. */
export function connectionNotice(connection: ConnectionState | null, now: number, online = true): {
  message: 'connecting' | 'retrying' | 'reconnecting' | 'unreachable';
  seconds?: number;
  reason?: 'reasonNetwork' | 'reasonServer' | 'reasonRefused' | 'reasonSetup';
} | null {
  if (!connection || connection.status === 'connected' || connection.status === 'closed') return null;
  const code = connection.error?.code;
  const reason = !code
    ? undefined
    : SETUP_CODES.has(code)
      ? 'reasonSetup'
      : code === 'token-forbidden'
        ? 'reasonRefused'
        : !online || code === 'agora-unreachable'
          ? 'reasonNetwork'
          : 'reasonServer';
  if (connection.retryAt !== null) {
    const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
    return seconds > 0 ? { message: 'retrying', seconds, ...(reason ? { reason } : {}) } : { message: 'reconnecting' };
  }
  if (connection.status === 'failed') return { message: 'unreachable', ...(reason ? { reason } : {}) };
  return { message: connection.status === 'reconnecting' ? 'reconnecting' : 'connecting' };
}

/**
 * Tells a viewer how the show's connection is doing: connecting, lost and trying again in N
 * seconds (with a "Try now" button), or unreachable and why — instead of "Starting soon" while
 * nothing can start. Viewer elements render it in their waiting state; it renders nothing while
 * the room is connected.
 *
 * @summary The room's connection status, for viewers (used inside other Linger elements).
 * @tag linger-connection-status
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @csspart base - The status line.
 * @csspart message - "Connecting…" / "Trying again in N s" / "Can't reach the show".
 * @csspart reason - Why, when known (network, server, setup).
 * @csspart retry-button - "Try now".
 */
export class LingerConnectionStatus extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  protected readonly ticker = new TickController(this, () => this.roomCtl.connection?.retryAt != null, 1000);

  constructor() {
    super(translation);
  }

  protected override render() {
    const online = typeof navigator === 'undefined' || navigator.onLine !== false;
    const notice = connectionNotice(this.roomCtl.connection, Date.now(), online);
    if (!notice) return nothing;
    const { localize } = this;
    const message = notice.message === 'retrying' ? localize.term('retrying', localize.number(notice.seconds ?? 0)) : localize.term(notice.message);
    const canRetry = notice.reason !== 'reasonSetup' && (notice.message === 'retrying' || notice.message === 'unreachable');
    return html`<p part="base" class="notice" role="status" data-state=${notice.message} lang=${localize.lang} dir=${localize.dir}>
      <span part="message" class="message">${message}</span>
      ${notice.reason ? html`<span part="reason" class="reason">${localize.term(notice.reason)}</span>` : nothing}
      ${canRetry ? html`<button part="retry-button" type="button" @click=${() => this.roomCtl.room?.reconnect()}>${localize.term('tryNow')}</button>` : nothing}
    </p>`;
  }
}
