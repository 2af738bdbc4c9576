import { LingerConnectionStatus } from './connection-status.js';
import { define } from '../../utilities/define.js';

export { LingerConnectionStatus };
define('linger-connection-status', LingerConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'linger-connection-status': LingerConnectionStatus;
  }
}
