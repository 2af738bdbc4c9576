import { LingerCountdown } from './countdown.js';
import { define } from '../../utilities/define.js';

export { LingerCountdown };
define('linger-countdown', LingerCountdown);

declare global {
  interface HTMLElementTagNameMap {
    'linger-countdown': LingerCountdown;
  }
}
